"""Parameter values for a run: parsed from text, checked against their types, and
serialized to the strings a cluster passes on a command line (kfp 1.8.9's
``serialize_value``: str as is, numbers and bools with ``str``, lists and dicts as
JSON with sorted keys).
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from designer.ir import Pipeline
from designer.ir.errors import InputError
from designer.ir.types import kind_of, value_fits

_TRUE = {"true", "1", "yes", "y", "on", "t"}
_FALSE = {"false", "0", "no", "n", "off", "f"}


def serialize(value: Any) -> str:
    """The command-line text of a constant, as kfp 1.8.9 writes it into a workflow."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def type_label(annotation: str | None) -> str:
    return annotation or "any type"


def parse_value(text: str, annotation: str | None) -> Any:
    """``text`` read as ``annotation``'s kind; ValueError says what was expected."""
    kind = kind_of(annotation)
    if kind == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(f"expects an integer ({annotation}), got {text!r}") from None
    if kind == "float":
        try:
            return float(text.strip())
        except ValueError:
            raise ValueError(f"expects a number ({annotation}), got {text!r}") from None
    if kind == "bool":
        low = text.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"expects a boolean ({annotation}: true or false), got {text!r}")
    if kind in ("list", "dict"):
        want = list if kind == "list" else dict
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if not isinstance(value, want):
            example = "[1, 2]" if kind == "list" else '{"a": 1}'
            raise ValueError(f"expects a JSON {kind} ({annotation}, e.g. {example}), "
                             f"got {text!r}")
        return value
    return text  # str, untyped and unknown kinds pass through as text


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``name=value`` strings from the command line; repeated names: the last wins."""
    out: dict[str, str] = {}
    for item in items or []:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise InputError(f"--param {item!r}: write it as name=value")
        out[name.strip()] = value
    return out


def resolve_params(pipeline: Pipeline, given: Mapping[str, Any]) -> dict[str, str]:
    """Every pipeline parameter's value as command-line text, or one InputError listing
    every unknown, missing and ill-typed parameter with the type it expects.

    ``given`` values may be text (from a command line) or Python values (from the GUI).
    """
    problems: list[str] = []
    names = {p.name for p in pipeline.params}
    for name in given:
        if name not in names:
            known = ", ".join(sorted(names)) or "none"
            problems.append(f"unknown parameter `{name}` (the pipeline's parameters: {known})")
    values: dict[str, str] = {}
    for prm in pipeline.params:
        label = type_label(prm.annotation)
        if prm.name in given:
            raw = given[prm.name]
            try:
                value = parse_value(raw, prm.annotation) if isinstance(raw, str) else raw
            except ValueError as e:
                problems.append(f"parameter `{prm.name}` {e}")
                continue
            if not isinstance(raw, str):
                if not value_fits(value, prm.annotation):
                    problems.append(f"parameter `{prm.name}` expects {label}, got {raw!r}")
                    continue
            values[prm.name] = serialize(value)
        elif prm.has_default and prm.default is not None:
            values[prm.name] = serialize(prm.default)
        else:
            problems.append(f"missing parameter `{prm.name}` ({label}): "
                            f"pass --param {prm.name}=VALUE")
    if problems:
        raise InputError("; ".join(problems) if len(problems) == 1 else
                         "bad parameters:\n  " + "\n  ".join(problems))
    return values
