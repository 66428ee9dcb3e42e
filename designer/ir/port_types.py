"""What a port carries — a value or an artifact, and of which type — and kfp's rules for which
ends may be wired together. Pure data: the canvas, the wiring rule and the tests share it.

A port is a *value* (a parameter: ``int``, ``str``, ``List[int]``...) or an *artifact* (a file
or an artifact object: ``Input[Dataset]``, ``InputPath('CSV')``, a component spec's
``inputPath`` input). Where kfp 1.8.9 and kfp 2.17.3 read a port differently, the kind both
agree on is taken:

* ``InputPath(str)`` / ``OutputPath(int)`` — a file holding a *parameter type*: kfp 2 makes it
  a parameter passed by file, kfp 1 a typed value; a value here, of that kind.
* ``InputPath('CSV')``, ``InputPath()``, ``Input[Dataset]``, ``-> Model``, a spec's
  ``{inputPath: x}`` of type ``Dataset`` — artifacts. Their type name is the kfp 2 artifact
  class's schema (``system.Dataset``) when it names one, else the name as written (kfp 1 type
  names like ``CSV`` are compared by name), else none (untyped: the generic artifact).

The wiring rules (``wire_problem``), after kfp's ``verify_type_compatibility`` (kfp 1
``dsl/types.py``, kfp 2 ``dsl/types/type_utils.py``):

* a value never feeds an artifact input and an artifact never feeds a value input (kfp 2
  refuses both; the designer does too, so a pipeline wired here compiles for either);
* ``Artifact`` (``system.Artifact``, and an untyped file) is the generic type: compatible with
  every artifact type, both ways;
* other artifact types must be the same (``system.Model`` does not feed ``system.Dataset``;
  ``CSV`` feeds ``CSV`` only), and a list of artifacts feeds only a list;
* values follow ``types.compatible`` (kinds: ``int`` does not feed ``str``);
* an untyped port (no type at all: a file, or a ContainerOp's value) takes and feeds
  anything but a list, as kfp 1 checks no type there.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

from .signature import ARTIFACT, ARTIFACT_TYPES, PATH, port_kind
from .types import KINDS, compatible, kind_of

GENERIC = "system.Artifact"
# kfp 2's bundled artifact classes -> schema titles (dsl.types.type_utils.ARTIFACT_CLASSES_MAPPING)
SCHEMAS: dict[str, str] = {name.lower(): f"system.{name}" for name in ARTIFACT_TYPES}
# Type names that are parameters (kfp's PARAMETER_TYPES_MAPPING, lower-cased).
_PARAMETER_NAMES = frozenset(["integer", "int", "double", "float", "string", "str", "text",
                              "bool", "boolean", "dict", "list", "jsonobject", "jsonarray"])


@dataclass(frozen=True)
class PortType:
    """``artifact``: passed as an artifact/file; ``name``: the artifact's type (a schema title
    such as ``system.Dataset``, a kfp 1 name such as ``CSV``, None for the generic artifact)
    or, for a value, its annotation text; ``is_list``: a list of artifacts."""
    artifact: bool
    name: str | None = None
    is_list: bool = False
    # Untyped: a file (``InputPath()``, a spec port without ``type``) or a value without a
    # type (a ContainerOp's). kfp 1 checks no type there, so values and artifacts both go
    # (kfp 2 makes an untyped file a generic artifact; its compiler says when a value
    # reaches one).
    loose: bool = False

    @property
    def generic(self) -> bool:
        return self.artifact and self.name in (None, GENERIC)

    @property
    def label(self) -> str:
        """How the type is named to a person: ``Dataset``, ``CSV``, ``List[Model]``,
        ``Artifact``; a value's annotation (``any`` when untyped)."""
        if not self.artifact:
            return self.name or "any"
        if self.loose:
            return "file"
        name = self.name or GENERIC
        short = name[len("system."):] if name.startswith("system.") else name
        return f"List[{short}]" if self.is_list else short


VALUE_ANY = PortType(False, loose=True)


def _short(name: str) -> str:
    return name.strip().rsplit(".", 1)[-1]


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def artifact_type_name(type_text: str | None) -> tuple[str | None, bool]:
    """(type name, is list) of an artifact port's declared type: ``Dataset`` and
    ``dsl.Dataset`` -> ``system.Dataset``; ``List[Model]`` -> (``system.Model``, True);
    ``CSV`` stays ``CSV``; ``Artifact`` and none -> the generic type (None)."""
    if not type_text:
        return None, False
    text = _strip_quotes(type_text)
    for prefix in ("typing.List[", "List[", "list["):
        if text.startswith(prefix) and text.endswith("]"):
            inner, _ = artifact_type_name(text[len(prefix):-1])
            return inner, True
    schema = SCHEMAS.get(_short(text).lower()) if text.isidentifier() or "." in text else None
    if text.startswith("system.") and "@" in text:
        text = text.split("@", 1)[0]
    if schema is None and text.startswith("system."):
        schema = text
    if schema == GENERIC:
        return None, False
    return schema or text, False


def is_parameter_type(type_text: str | None) -> bool:
    """Whether a kfp type name is a parameter's (``str``, ``Integer``, ``List[int]``...)."""
    if not type_text:
        return False
    base = _strip_quotes(type_text).split("[", 1)[0].strip()
    base = base[len("typing."):] if base.startswith("typing.") else base
    return base.lower() in _PARAMETER_NAMES


def _plain_artifact(annotation: str | None) -> tuple[str | None, bool] | None:
    """kfp 2 also takes an artifact as a plain annotation: ``Dataset``, ``List[Model]``."""
    if not annotation:
        return None
    text = annotation.strip()
    for prefix in ("typing.Optional[", "Optional["):
        if text.startswith(prefix) and text.endswith("]"):
            text = text[len(prefix):-1].strip()
    listed = False
    for prefix in ("typing.List[", "List[", "list["):
        if text.startswith(prefix) and text.endswith("]"):
            text, listed = text[len(prefix):-1].strip(), True
    if _short(text) not in ARTIFACT_TYPES:
        return None
    name, _ = artifact_type_name(text)
    return name, listed


def _passed(passing: str, type_text: str | None, annotation: str | None) -> PortType:
    """A file or artifact port: a parameter type passed by file is a value."""
    if passing == PATH and is_parameter_type(type_text):
        return PortType(False, _strip_quotes(type_text))
    if passing == PATH and not type_text:
        return PortType(True, loose=True)
    name, listed = artifact_type_name(type_text)
    return PortType(True, name, listed)


def of_port(port) -> PortType:
    """The type of an ``InputSpec`` / ``OutputSpec`` (or anything with ``passing``,
    ``type`` and ``annotation``)."""
    texts = (getattr(port, "passing", None), port.type, port.annotation)
    try:
        return _of_port(*texts)
    except TypeError:        # something unhashable for a type (not the IR's): not cached
        return _of_port.__wrapped__(*texts)


# Ports of one component repeat on each of its tasks' nodes (2,000 on a big canvas); a
# PortType is frozen, so one made for the same texts serves them all.
@lru_cache(maxsize=4096)
def _of_port(passing: str | None, type_text: str | None, annotation: str | None) -> PortType:
    if passing in (PATH, ARTIFACT):
        return _passed(passing, type_text, annotation)
    plain = _plain_artifact(annotation)
    if plain is not None:
        return PortType(True, *plain)
    name = annotation or type_text
    # An untyped value (a kfp 1 ContainerOp's input or file output): kfp 1 checks nothing.
    return PortType(False, name, loose=name is None)


def of_annotation(annotation: str | None) -> PortType:
    """The type of a pipeline parameter's annotation (``int``, ``Input[Dataset]``,
    ``Optional[Input[List[Model]]]``)."""
    if not annotation:
        return PortType(False, loose=True)
    try:
        node = ast.parse(annotation.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return PortType(False, annotation)
    _direction, passing, type_text = port_kind(node)
    if passing in (PATH, ARTIFACT):
        return _passed(passing, type_text, annotation)
    plain = _plain_artifact(annotation)
    if plain is not None:
        return PortType(True, *plain)
    return PortType(False, annotation)


@lru_cache(maxsize=4096)
def colour_key(pt: PortType) -> str:
    """What picks a port's colour: a value's kind (``int``...), an artifact's type name, so
    ends that may be wired share a colour."""
    if pt.artifact:
        return "artifact:" + (pt.label if not pt.generic else "Artifact")
    return kind_of(pt.name) or "any"


@dataclass(frozen=True)
class Mismatch:
    """Why two port types may not be wired: ``reason`` is "value-to-artifact",
    "artifact-to-value", "list" or "type"; ``have``/``want`` the types' labels."""
    reason: str
    have: str
    want: str


def wire_problem(source: PortType, target: PortType) -> Mismatch | None:
    """Why a ``source`` output may not feed a ``target`` input; None when it may."""
    if (source.loose or target.loose) and not (source.is_list or target.is_list):
        return None
    if source.artifact != target.artifact:
        return Mismatch("artifact-to-value" if source.artifact else "value-to-artifact",
                        source.label, target.label)
    if not source.artifact:
        return None if compatible(source.name, target.name) else Mismatch(
            "type", source.label, target.label)
    if source.is_list != target.is_list:
        return Mismatch("list", source.label, target.label)
    if source.generic or target.generic or source.name == target.name:
        return None
    return Mismatch("type", source.label, target.label)


def may_wire(source: PortType, target: PortType) -> bool:
    return wire_problem(source, target) is None


__all__ = ["PortType", "GENERIC", "SCHEMAS", "VALUE_ANY", "artifact_type_name",
           "is_parameter_type", "of_port", "of_annotation", "colour_key", "Mismatch",
           "wire_problem", "may_wire", "KINDS"]
