"""A container step as a person edits it in a form, and the component spec text it stands for.

A container step made on the canvas is a kfp component spec loaded from text (origin "spec",
``load_component_from_text``): kfp 1.8.9 and kfp 2 both compile that, and the text is the
one source of truth (``project_specs``). The form edits ``ContainerFields`` — name,
description, image, the command and args one item per line, the declared inputs and outputs
— and every edit writes the spec text again (``spec_text``) and reads it back
(``component_spec.spec_component``), so what the form shows, what is saved and what kfp
compiles cannot differ.

In a line, placeholders are written as in the YAML: ``{inputValue: rows}``,
``{inputPath: table}``, ``{outputPath: model}``. A line that is one placeholder is that
placeholder; text around placeholders makes a ``concat`` (``--rows={inputValue: rows}``).
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field

import yaml

from .components import (
    Concat,
    ContainerComponent,
    InputPath,
    InputValue,
    OutputPath,
    Part,
)
from .component_spec import Where, spec_component
from .errors import InputError
from .naming import sanitize_python_name

PLACEHOLDER = re.compile(r"\{(inputValue|inputPath|outputPath):\s*([^{}]*?)\s*\}")
_KINDS = {"inputValue": InputValue, "inputPath": InputPath, "outputPath": OutputPath}
# Types offered for ports (any other text is taken as written: kfp 1 compares names).
VALUE_TYPES = ("String", "Integer", "Float", "Boolean", "JsonArray", "JsonObject")
ARTIFACT_TYPES = ("Artifact", "Dataset", "Model", "Metrics", "HTML", "Markdown")


@dataclass(frozen=True)
class PortDecl:
    """A declared input or output: name, type ("" untyped), default ("" none; inputs)."""
    name: str
    type: str = ""
    default: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class ContainerFields:
    name: str
    image: str
    description: str = ""
    command: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    inputs: tuple[PortDecl, ...] = ()
    outputs: tuple[PortDecl, ...] = ()


def placeholder_text(kind: str, port: str) -> str:
    """``{inputValue: rows}``: how a placeholder is written in a line."""
    return "{" + f"{kind}: {port}" + "}"


def _part_text(part: Part) -> str | None:
    if isinstance(part, str):
        return part
    for kind, cls in _KINDS.items():
        if type(part) is cls:
            return placeholder_text(kind, part.output if cls is OutputPath else part.input)
    if isinstance(part, Concat) and not part.inline:
        texts = [_part_text(p) for p in part.parts]
        return None if None in texts else "".join(texts)
    return None


def line_texts(parts: list[Part]) -> tuple[str, ...] | None:
    """The lines the form shows for a command or args; None when a part has no line form
    (``if`` placeholders, URIs...: such a step is edited in its YAML, not in the form)."""
    texts = [_part_text(p) for p in parts]
    return None if None in texts else tuple(texts)


def fields_of(comp: ContainerComponent) -> ContainerFields | None:
    """The form's fields of a container step; None when the form cannot show it exactly."""
    command, args = line_texts(list(comp.command)), line_texts(list(comp.args))
    if command is None or args is None or comp.env:
        return None
    inputs = tuple(PortDecl(i.name, i.type or "", None if not i.has_default or i.default is None
                            else str(i.default), i.has_default and i.default is None)
                   for i in comp.signature.inputs)
    outputs = tuple(PortDecl(o.name, o.type or "") for o in comp.signature.outputs)
    return ContainerFields(comp.name, comp.image, comp.description or "", command, args,
                           inputs, outputs)


def _line_data(text: str) -> object:
    """A line as spec YAML data: a string, a placeholder mapping, or a concat of them."""
    pieces: list[object] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > pos:
            pieces.append(text[pos:m.start()])
        pieces.append({m.group(1): m.group(2)})
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    if len(pieces) == 1:
        return pieces[0]
    return {"concat": pieces} if pieces else ""


def _port_data(port: PortDecl, is_input: bool) -> dict:
    data: dict = {"name": port.name}
    if port.type:
        data["type"] = port.type
    if is_input and port.default is not None:
        data["default"] = port.default
    if is_input and (port.optional or port.default is not None):
        data["optional"] = True
    return data


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line strings as literal blocks (a script reads as written)."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def spec_text(f: ContainerFields) -> str:
    """The component spec YAML of the fields, as kfp's ``load_component_from_text`` reads it."""
    data: dict = {"name": f.name}
    if f.description:
        data["description"] = f.description
    if f.inputs:
        data["inputs"] = [_port_data(p, True) for p in f.inputs]
    if f.outputs:
        data["outputs"] = [_port_data(p, False) for p in f.outputs]
    container: dict = {"image": f.image}
    if f.command:
        container["command"] = [_line_data(t) for t in f.command]
    if f.args:
        container["args"] = [_line_data(t) for t in f.args]
    data["implementation"] = {"container": container}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def python_name_of(name: str) -> str:
    """The variable a person would load the step into: ``Make rows`` -> ``make_rows``; a
    keyword gets ``_op`` (``Import`` -> ``import_op``)."""
    text = sanitize_python_name(name) or "component"
    return text + "_op" if keyword.iskeyword(text) else text


def build(f: ContainerFields, old: ContainerComponent | None = None) -> ContainerComponent:
    """The container step the fields describe (its text written and read back), keeping
    ``old``'s id and, while the name is unchanged, its Python name. Raises InputError saying
    what is wrong (an empty name or image, a port declared twice, a placeholder naming a
    port that is not declared)."""
    where = Where("<container step>", None, in_yaml=False)
    if not f.name.strip():
        raise InputError("the step needs a name")
    if not f.image.strip():
        raise InputError("the step needs an image")
    for what, ports in (("input", f.inputs), ("output", f.outputs)):
        for p in ports:
            if not p.name.strip():
                raise InputError(f"an {what} needs a name")
    keep = old is not None and old.name == f.name
    python_name = old.python_name if keep else python_name_of(f.name)
    comp = spec_component(spec_text(f), where, python_name=python_name,
                          id=old.id if old is not None else None)
    return comp


def new_step(taken: set[str]) -> ContainerComponent:
    """A fresh container step: a name no component has, ``alpine`` echoing a greeting."""
    name, n = "Container step", 2
    while name in taken or python_name_of(name) in taken:
        name, n = f"Container step {n}", n + 1
    return build(ContainerFields(name, "alpine", "", ("echo",), ("hello",)))


__all__ = ["PortDecl", "ContainerFields", "PLACEHOLDER", "VALUE_TYPES", "ARTIFACT_TYPES",
           "placeholder_text", "line_texts", "fields_of", "spec_text", "build", "new_step"]
