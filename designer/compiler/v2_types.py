"""KFP 2 parameter types and values, from the annotation text the IR keeps.

kfp 2 maps Python annotations to PipelineSpec parameter types and writes every
value through protobuf's ``Value`` (numbers become doubles) and
``json_format.MessageToDict``.  These helpers reproduce both, and raise
``V2TypeError`` where kfp 2 refuses to compile.
"""
from __future__ import annotations

import math
import re
from typing import Any

NUMBER_INTEGER = "NUMBER_INTEGER"
NUMBER_DOUBLE = "NUMBER_DOUBLE"
STRING = "STRING"
BOOLEAN = "BOOLEAN"
LIST = "LIST"
STRUCT = "STRUCT"

# kfp's PARAMETER_TYPES_MAPPING, keyed by the short name of the annotation.
_BY_NAME = {
    "int": NUMBER_INTEGER, "float": NUMBER_DOUBLE, "str": STRING, "Text": STRING,
    "bool": BOOLEAN, "list": LIST, "List": LIST, "dict": STRUCT, "Dict": STRUCT,
}
# The names kfp's comment header prints for each type.
COMMENT_TYPE = {
    NUMBER_INTEGER: "int", NUMBER_DOUBLE: "float", STRING: "str", BOOLEAN: "bool",
    LIST: "list", STRUCT: "dict",
}
# The parameter type of a constant argument (kfp looks up type(value) exactly).
_CONSTANT_TYPE = {str: STRING, int: NUMBER_INTEGER, float: NUMBER_DOUBLE, bool: BOOLEAN,
                  list: LIST, dict: STRUCT}
_ARTIFACTS = {"Artifact", "Dataset", "Model", "Metrics", "ClassificationMetrics",
              "SlicedClassificationMetrics", "HTML", "Markdown", "Input", "Output",
              "InputPath", "OutputPath", "EmbeddedInput"}
_OPTIONAL = re.compile(r"(?:typing\.)?Optional\[(.*)\]\Z", re.S)
_UNION_NONE = re.compile(r"(?:typing\.)?Union\[(.*),\s*None\s*\]\Z", re.S)
# kfp reads the first name of the annotation (``typing.List[int]`` -> List, and even
# ``int | None`` -> int); any module prefix (``typing.``, ``t.``) is dropped.
_SHORT = re.compile(r"(?:\w+\.)*(\w+)")


class V2TypeError(ValueError):
    """A type or value kfp 2 cannot compile."""


def _strip_optional(text: str) -> str:
    """kfp strips ``Optional[X]`` (``Union[X, None]``) from input annotations."""
    for pattern in (_OPTIONAL, _UNION_NONE):
        m = pattern.match(text)
        if m and _balanced(m.group(1)):
            return m.group(1).strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if depth < 0:
            return False
    return depth == 0 and "," not in _top_level(text)


def _top_level(text: str) -> str:
    """``text`` with everything inside brackets removed."""
    out, depth = [], 0
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def parameter_type(annotation: str | None, *, is_input: bool, what: str) -> str:
    """The PipelineSpec parameter type of an annotation's source text.

    ``what`` names the port in error messages (e.g. "input `x` of `add`").
    """
    if not annotation:
        raise V2TypeError(f"{what} has no type annotation; kfp 2 requires one")
    text = annotation.strip()
    if is_input:
        text = _strip_optional(text)
    if "|" in _top_level(text):
        raise V2TypeError(f"{what} has type `{annotation}`; kfp 2 cannot compile `X | Y` "
                          "annotations (write Optional[X] for an optional input)")
    m = _SHORT.match(text)
    short = m.group(1) if m else text
    kind = _BY_NAME.get(short)
    if kind is None:
        if short in _ARTIFACTS or any(a in text for a in ("Input[", "Output[")):
            raise V2TypeError(f"{what} is an artifact (`{annotation}`); the designer "
                              "compiles parameter components only")
        raise V2TypeError(f"{what} has type `{annotation}`, which kfp 2 cannot use as a "
                          "parameter (use int, float, str, bool, list or dict)")
    return kind


def constant_type(value: Any) -> str | None:
    return _CONSTANT_TYPE.get(type(value))


def to_json(value: Any, what: str) -> Any:
    """``MessageToDict(to_protobuf_value(value))``: numbers become floats."""
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return _number(value, what)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise V2TypeError(f"{what}: dict keys must be strings for kfp 2, not {k!r}")
            out[k] = to_json(v, what)
        return out
    if isinstance(value, list):
        return [to_json(v, what) for v in value]
    if value is None:
        raise V2TypeError(f"{what}: kfp 2 cannot pass None as a value")
    raise V2TypeError(f"{what}: kfp 2 cannot pass a {type(value).__name__} "
                      "(use str, int, float, bool, list or dict)")


def _number(value: int | float, what: str) -> float:
    try:
        number = float(value)
    except OverflowError:
        raise V2TypeError(f"{what}: {value!r} is too large for kfp 2") from None
    if math.isinf(number) or math.isnan(number):
        raise V2TypeError(f"{what}: kfp 2 cannot serialise {value!r}")
    return number


def default_json(value: Any, ptype: str, what: str) -> Any:
    """A default as kfp 2 stores it for an input of type ``ptype`` (never None here)."""
    if ptype in (NUMBER_INTEGER, NUMBER_DOUBLE):
        if not isinstance(value, (int, float)):  # bool is an int: kfp stores 1.0 / 0.0
            raise V2TypeError(f"{what}: the default {value!r} is not a number")
        return _number(value, what)
    if ptype == STRING:
        if not isinstance(value, str):
            raise V2TypeError(f"{what}: the default {value!r} is not a string")
        return value
    if ptype == BOOLEAN:
        if not isinstance(value, int):  # protobuf accepts ints for a bool field
            raise V2TypeError(f"{what}: the default {value!r} is not a bool")
        return bool(value)
    return to_json(value, what)


def comment_default(value: Any) -> str:
    """How kfp's header comment shows a default (``str`` of the JSON value)."""
    return "'" + value + "'" if isinstance(value, str) else str(value)
