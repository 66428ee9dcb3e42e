"""kfp 1.8.9 type names and value serialisation, from annotation *text* instead of live objects.

kfp derives a component's type names from the evaluated annotations
(``_python_op._extract_component_interface``): builtin classes map to canonical names
(``int`` -> ``Integer``), other classes to their ``__name__``, typing generics to their
``repr`` (``typing.List[int]``), string annotations stay as written.  We never execute user
code, so this module evaluates the annotation's syntax the way Python would for the usual
spellings (``List[int]``, ``typing.Dict[str, int]``, ``Optional[int]``, ``list[int]``).

Values are serialised exactly as ``kfp.components._data_passing.serialize_value`` does; the
serializer and deserializer sources embedded in component programs are copied verbatim
(``inspect.getsource`` of kfp 1.8.9's functions).
"""
from __future__ import annotations

import ast
import base64
import json
import pickle
import re
from typing import Any

# --- canonical type names (_data_passing._converters) ---
_CANONICAL_BY_CLASS = {"str": "String", "int": "Integer", "float": "Float", "bool": "Boolean",
                       "list": "JsonArray", "dict": "JsonObject"}
_CANONICAL_BY_PYTHON_TYPE = {str: "String", int: "Integer", float: "Float", bool: "Boolean",
                             list: "JsonArray", dict: "JsonObject"}

# typing names whose bare form prints as "typing.X"; Text and AnyStr are plain aliases.
_TYPING_ALIASES = frozenset("""
    AbstractSet AsyncGenerator AsyncIterable AsyncIterator Awaitable ByteString Callable ChainMap
    ClassVar Collection Concatenate Container ContextManager Coroutine Counter DefaultDict Deque
    Dict Final FrozenSet Generator Hashable ItemsView Iterable Iterator KeysView List Literal
    Mapping MappingView MutableMapping MutableSequence MutableSet NoReturn Optional OrderedDict
    Pattern Match Reversible Sequence Set Sized Tuple Type Union ValuesView Annotated TypeGuard
    Required NotRequired LiteralString Never Self Unpack
""".split())
_TYPING_MODULES = frozenset(["typing", "typing_extensions"])


class _Unsupported(Exception):
    """The annotation uses syntax we do not evaluate; callers fall back to its text."""


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _typing_name(node: ast.expr) -> str | None:
    """``List`` for ``List`` / ``typing.List``; None when the node is not a typing name."""
    parts = _dotted(node)
    if not parts:
        return None
    if len(parts) == 1 or (len(parts) == 2 and parts[0] in _TYPING_MODULES):
        name = parts[-1]
        if name in _TYPING_ALIASES or name in ("Any", "Text", "AnyStr"):
            return name
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _subscript_args(node: ast.Subscript) -> list[ast.expr]:
    sl = node.slice
    return list(sl.elts) if isinstance(sl, ast.Tuple) else [sl]


def _union_args(node: ast.expr) -> list[ast.expr] | None:
    """Members of ``Optional[X]`` / ``Union[...]`` (None stays a member), else None."""
    if isinstance(node, ast.Subscript):
        name = _typing_name(node.value)
        if name in ("Optional", "Union"):
            args: list[ast.expr] = []
            for a in _subscript_args(node):
                args.extend(_union_args(a) or [a])  # unions flatten
            if name == "Optional":
                args.append(ast.Constant(None))
            unique: list[ast.expr] = []
            seen: set[str] = set()
            for a in args:  # and drop repeats, keeping the first
                key = ast.dump(a)
                if key not in seen:
                    seen.add(key)
                    unique.append(a)
            return unique
    return None


def _repr(node: ast.expr) -> str:
    """``typing._type_repr`` of the object the annotation expression evaluates to."""
    if _is_none(node):
        return "NoneType"
    if isinstance(node, ast.Constant):
        if node.value is Ellipsis:
            return "..."
        if isinstance(node.value, str):
            return f"ForwardRef({node.value!r})"
        raise _Unsupported
    if isinstance(node, ast.List):
        return "[" + ", ".join(_repr(e) for e in node.elts) + "]"
    name = _typing_name(node)
    if name is not None:
        if name == "Text":
            return "str"
        return f"typing.{name}"
    parts = _dotted(node)
    if parts is not None:
        return parts[-1]  # builtins print bare; other modules are unknown here
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # types.UnionType
        return " | ".join("None" if _is_none(side) else _repr(side)
                          for side in (node.left, node.right))
    if isinstance(node, ast.Subscript):
        union = _union_args(node)
        if union is not None:
            if len(union) == 1:
                return _repr(union[0])
            if len(union) == 2 and any(_is_none(a) for a in union):
                other = union[1] if _is_none(union[0]) else union[0]
                return f"typing.Optional[{_repr(other)}]"
            return "typing.Union[" + ", ".join(_repr(a) for a in union) + "]"
        head = _typing_name(node.value)
        args = _subscript_args(node)
        if head == "Literal":
            return "typing.Literal[" + ", ".join(repr(ast.literal_eval(a)) for a in args) + "]"
        if head is not None:
            return f"typing.{head}[" + ", ".join(_repr(a) for a in args) + "]"
        base = _dotted(node.value)
        if base is not None:  # PEP 585 builtin generics: list[int]
            return f"{base[-1]}[" + ", ".join(_repr(a) for a in args) + "]"
    raise _Unsupported


def kfp_type_name(annotation: str | None, *, strip_optional: bool = True) -> str | None:
    """The kfp 1.8.9 type name for a parameter (or output) annotation's source text.

    ``strip_optional`` mirrors ``maybe_strip_optional_from_annotation``, which kfp applies to
    function parameters but not to NamedTuple output fields.
    """
    if not annotation:
        return None
    try:
        node = ast.parse(annotation.strip(), mode="eval").body
    except SyntaxError:
        return annotation
    if isinstance(node, ast.Constant):
        if node.value is None:
            return None  # `-> None` / `x: None`: no type
        if isinstance(node.value, str):
            return node.value  # a string annotation is kept as written
    if strip_optional:
        union = _union_args(node)
        # kfp strips Union[X, None, ...] to X: it only checks the second member.
        if union is not None and len(union) >= 2 and _is_none(union[1]):
            node = union[0]
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                return node.value  # a ForwardRef: kfp takes its __forward_arg__
    try:
        name = _typing_name(node)
        if name is not None:
            if name == "Text":
                return "String"
            if name == "Any":
                return "Any"  # a class in Python 3.11: its __name__
            return f"typing.{name}"
        parts = _dotted(node)
        if parts is not None:
            return _CANONICAL_BY_CLASS.get(parts[-1], parts[-1]) if len(parts) == 1 or \
                parts[0] == "builtins" else parts[-1]
        return _repr(node)
    except (_Unsupported, ValueError):
        return ast.unparse(node)


_SHORT_TYPE = re.compile(r"(typing\.)?(?P<type>\w+)(?:\[.+\])?")


def short_type_name(type_name: str) -> str:
    """``type_annotation_utils.get_short_type_name``: ``typing.List[int]`` -> ``List``."""
    m = _SHORT_TYPE.match(type_name)
    return m.group("type") if m else type_name


# --- embedded serializer / deserializer sources (inspect.getsource of kfp 1.8.9) ---
_SERIALIZE_STR = '''def _serialize_str(str_value: str) -> str:
    if not isinstance(str_value, str):
        raise TypeError('Value "{}" has type "{}" instead of str.'.format(
            str(str_value), str(type(str_value))))
    return str_value
'''
_SERIALIZE_INT = '''def _serialize_int(int_value: int) -> str:
    if isinstance(int_value, str):
        return int_value
    if not isinstance(int_value, int):
        raise TypeError('Value "{}" has type "{}" instead of int.'.format(
            str(int_value), str(type(int_value))))
    return str(int_value)
'''
_SERIALIZE_FLOAT = '''def _serialize_float(float_value: float) -> str:
    if isinstance(float_value, str):
        return float_value
    if not isinstance(float_value, (float, int)):
        raise TypeError('Value "{}" has type "{}" instead of float.'.format(
            str(float_value), str(type(float_value))))
    return str(float_value)
'''
_SERIALIZE_BOOL = '''def _serialize_bool(bool_value: bool) -> str:
    if isinstance(bool_value, str):
        return bool_value
    if not isinstance(bool_value, bool):
        raise TypeError('Value "{}" has type "{}" instead of bool.'.format(
            str(bool_value), str(type(bool_value))))
    return str(bool_value)
'''
_SERIALIZE_JSON = '''def _serialize_json(obj) -> str:
    if isinstance(obj, str):
        return obj
    import json

    def default_serializer(obj):
        if hasattr(obj, 'to_struct'):
            return obj.to_struct()
        else:
            raise TypeError(
                "Object of type '%s' is not JSON serializable and does not have .to_struct() method."
                % obj.__class__.__name__)

    return json.dumps(obj, default=default_serializer, sort_keys=True)
'''
_SERIALIZE_PICKLE = '''def _serialize_base64_pickle(obj) -> str:
    if isinstance(obj, str):
        return obj
    import base64
    import pickle
    return base64.b64encode(pickle.dumps(obj)).decode('ascii')
'''
_DESERIALIZE_BOOL = '''def _deserialize_bool(s) -> bool:
    from distutils.util import strtobool
    return strtobool(s) == 1
'''
_DESERIALIZE_PICKLE = '''def _deserialize_base64_pickle(s):
    import base64
    import pickle
    return pickle.loads(base64.b64decode(s))
'''


def _ser_str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError(f'Value "{v}" has type "{type(v)}" instead of str.')
    return v


def _ser_int(v: Any) -> str:
    if isinstance(v, str):
        return v
    if not isinstance(v, int):
        raise TypeError(f'Value "{v}" has type "{type(v)}" instead of int.')
    return str(v)


def _ser_float(v: Any) -> str:
    if isinstance(v, str):
        return v
    if not isinstance(v, (float, int)):
        raise TypeError(f'Value "{v}" has type "{type(v)}" instead of float.')
    return str(v)


def _ser_bool(v: Any) -> str:
    if isinstance(v, str):
        return v
    if not isinstance(v, bool):
        raise TypeError(f'Value "{v}" has type "{type(v)}" instead of bool.')
    return str(v)


def _ser_json(v: Any) -> str:
    if isinstance(v, str):
        return v
    return json.dumps(v, sort_keys=True)


def _ser_pickle(v: Any) -> str:
    if isinstance(v, str):
        return v
    return base64.b64encode(pickle.dumps(v, protocol=4)).decode("ascii")


# short type name -> (serializer, embedded source, argparse deserializer, its definition)
_JSON = (_ser_json, _SERIALIZE_JSON, "json.loads", "import json")
_CONVERTERS: dict[str, tuple] = {}
for _names, _conv in (
        (("String", "str"), (_ser_str, _SERIALIZE_STR, "str", None)),
        (("Integer", "int"), (_ser_int, _SERIALIZE_INT, "int", None)),
        (("Float", "float"), (_ser_float, _SERIALIZE_FLOAT, "float", None)),
        (("Boolean", "Bool", "bool"), (_ser_bool, _SERIALIZE_BOOL, "_deserialize_bool",
                                        _DESERIALIZE_BOOL)),
        (("JsonArray", "List", "list"), _JSON),
        (("JsonObject", "Dictionary", "Dict", "dict"), _JSON),
        (("Json",), _JSON),
        (("Base64Pickle",), (_ser_pickle, _SERIALIZE_PICKLE, "_deserialize_base64_pickle",
                             _DESERIALIZE_PICKLE))):
    for _n in _names:
        _CONVERTERS[_n] = _conv
del _names, _conv, _n


def deserializer(type_name: str | None) -> tuple[str, str | None]:
    """(argparse ``type=`` expression, definition to embed or None) for an input type."""
    conv = _CONVERTERS.get(short_type_name(type_name)) if type_name else None
    if conv is None:
        return "str", None
    return conv[2], conv[3]


def serializer(type_name: str | None) -> tuple[str, str | None]:
    """(function name used in ``_output_serializers``, its source or None) for an output."""
    conv = _CONVERTERS.get(short_type_name(type_name)) if type_name else None
    if conv is None:
        return "str", None
    source = conv[1]
    return source[4:source.index("(")], source


class SerializationError(ValueError):
    """kfp would refuse this value for this type; the message is kfp's."""


def serialize_value(value: Any, type_name: str | None) -> str:
    """``kfp.components._data_passing.serialize_value``."""
    if isinstance(value, str):
        return value
    if type_name is None:
        type_name = _CANONICAL_BY_PYTHON_TYPE.get(type(value), type(value).__name__)
    conv = _CONVERTERS.get(short_type_name(type_name))
    if conv is None:
        raise SerializationError(f'There are no registered serializers for type "{type_name}".')
    try:
        return conv[0](value)
    except (TypeError, ValueError) as e:
        raise SerializationError(
            f'Failed to serialize the value "{value}" of type "{type(value).__name__}" to type '
            f'"{type_name}". Exception: {e}') from None
