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
    "TASK_FINAL_STATUS": "PipelineTaskFinalStatus",   # a pipeline parameter (exit pipelines)
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


# --- kfp's in-memory type strings (channel types) and artifact types -----------------

# dsl.types.type_utils.ARTIFACT_CLASSES_MAPPING: every bundled class is version 0.0.1.
ARTIFACT_SCHEMAS = {
    "artifact": "system.Artifact", "model": "system.Model", "dataset": "system.Dataset",
    "metrics": "system.Metrics", "classificationmetrics": "system.ClassificationMetrics",
    "slicedclassificationmetrics": "system.SlicedClassificationMetrics",
    "html": "system.HTML", "markdown": "system.Markdown",
}
SCHEMA_VERSION = "0.0.1"
# PARAMETER_TYPES_MAPPING (lower-cased short type names).
_PARAM_BY_LOWER = {
    "integer": NUMBER_INTEGER, "int": NUMBER_INTEGER, "double": NUMBER_DOUBLE,
    "float": NUMBER_DOUBLE, "string": STRING, "str": STRING, "text": STRING, "bool": BOOLEAN,
    "boolean": BOOLEAN, "dict": STRUCT, "list": LIST, "jsonobject": STRUCT, "jsonarray": LIST,
}
_SHORT_TYPE = re.compile(r"(typing\.)?(?P<type>\w+)(?:\[.+\])?")
# type_utils._TYPE_TO_TYPE_NAME: what kfp calls the builtin types.
_CANONICAL = {"int": "Integer", "float": "Float", "str": "String", "bool": "Boolean",
              "list": "List", "dict": "Dict"}
_TYPING_GENERICS = {"List", "Dict", "Sequence", "Mapping", "Tuple", "Set", "Optional", "Union",
                    "Any", "Iterable"}


def short_type_name(type_name: str) -> str:
    """``type_annotations.get_short_type_name``: ``typing.List[int]`` -> ``List``."""
    m = _SHORT_TYPE.match(type_name)
    return m["type"] if m else type_name


def struct_parameter_type(type_name: str) -> str | None:
    """``type_utils.get_parameter_type`` of a kfp type string (None: not a parameter)."""
    return _PARAM_BY_LOWER.get(short_type_name(type_name).lower())


def artifact_type(name: str) -> str | None:
    """``system.Dataset@0.0.1`` for an artifact class name (``Dataset``, ``dsl.Dataset``)."""
    title = ARTIFACT_SCHEMAS.get(name.rsplit(".", 1)[-1].lower())
    return f"{title}@{SCHEMA_VERSION}" if title else None


def type_struct(annotation: str) -> str:
    """The type string kfp keeps for an annotation (``type_utils._annotation_to_type_struct``
    of the evaluated annotation): ``int`` -> ``Integer``, ``List[int]`` (typing) ->
    ``typing.List[int]``, ``list[int]`` -> ``List[Integer]``. It only shows in loop item
    types and in the channel patterns kfp dedupes by."""
    import ast
    try:
        node = ast.parse(annotation.strip(), mode="eval").body
    except SyntaxError:
        return annotation
    return _struct(node)


def _last(node) -> str | None:
    import ast
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _struct(node) -> str:
    import ast
    if isinstance(node, ast.Subscript):
        base = _last(node.value)
        if isinstance(node.value, ast.Name) and base in ("list", "dict"):
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            return f"{_CANONICAL[base]}[{', '.join(_struct(a) for a in args)}]"
        return _typing_repr(node)
    base = _last(node)
    if isinstance(node, ast.Name) and base in _CANONICAL:
        return _CANONICAL[base]
    if base in _TYPING_GENERICS:
        return f"typing.{base}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _CANONICAL.get(node.value, node.value)
    return ast.unparse(node)


def _typing_repr(node) -> str:
    """``str()`` of a typing generic or of a type inside one."""
    import ast
    if isinstance(node, ast.Subscript):
        base = _last(node.value)
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        inner = ", ".join(_typing_repr(a) for a in args)
        if isinstance(node.value, ast.Name) and base in ("list", "dict"):
            return f"{base}[{inner}]"
        return f"typing.{base}[{inner}]"
    base = _last(node)
    if base in _TYPING_GENERICS:
        return f"typing.{base}"
    return ast.unparse(node)


def loop_item_type(type_name: str) -> str | None:
    """``for_loop._get_loop_item_type``: ``typing.List[int]`` -> ``int``."""
    m = re.match(r"(typing\.)?(?:\w+)(?:\[(?P<item_type>.+)\])", type_name)
    return m["item_type"].strip() if m else None


def subvar_type(type_name: str) -> str | None:
    """``for_loop._get_subvar_type``: ``Dict[str, int]`` -> ``int``."""
    m = re.match(r"(typing\.)?(?:\w+)(?:\[\s*(?:\w+)\s*,\s*(?P<value_type>.+)\])", type_name)
    return m["value_type"].strip() if m else None


def first_element_type(items: list) -> str:
    """``for_loop._get_first_element_type`` of raw loop items."""
    first = items[0]
    if isinstance(first, dict):
        key, value = next(iter(first.items()))
        return f"Dict[{type(key).__name__}, {type(value).__name__}]"
    return type(first).__name__


_NOT_YAML_PRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                                 "\U00010000-\U0010ffff]")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def yaml_readable_comment(text: str) -> str:
    """The header comment with control characters escaped: kfp writes them raw, which no
    YAML reader accepts (not even in a comment), so the file would not be what it says."""
    return _NOT_YAML_PRINTABLE.sub(_escape, text)
