"""Parameter types as the designer understands them.

Annotations are kept as the source text the user wrote (``int``, ``List[int]``);
this module reduces them to a small set of kinds used for port colours and
compatibility checks. Compilers map the original text to their own type names.
"""
from __future__ import annotations

# Kinds, in the order the UI lists them.
KINDS: tuple[str, ...] = ("int", "float", "str", "bool", "list", "dict")

_KIND_BY_NAME = {
    "int": "int", "Integer": "int",
    "float": "float", "Float": "float",
    "str": "str", "String": "str", "Text": "str",
    "bool": "bool", "Boolean": "bool", "Bool": "bool",
    "list": "list", "List": "list", "JsonArray": "list", "Sequence": "list",
    "dict": "dict", "Dict": "dict", "JsonObject": "dict", "Dictionary": "dict", "Mapping": "dict",
}


def kind_of(annotation: str | None) -> str | None:
    """Kind of an annotation's source text; None means untyped (accepts anything).

    ``typing.List[int]`` and ``list[int]`` are lists; unknown names are their own kind.
    """
    if not annotation:
        return None
    text = annotation.strip()
    base = text.split("[", 1)[0].strip()
    for prefix in ("typing.", "t."):
        if base.startswith(prefix):
            base = base[len(prefix):]
    if base == "Optional" and "[" in text:
        return kind_of(text[text.index("[") + 1 : text.rindex("]")])
    return _KIND_BY_NAME.get(base, text)


def type_identity(annotation: str | None) -> str | None:
    """What kfp 1.8.9 compares when it checks a connection: a bare builtin or kfp type name
    counts as its kind (``int`` == ``Integer``); anything else is its text without
    ``typing.``, so ``List[int]`` equals ``typing.List[int]`` but not ``list``."""
    if not annotation:
        return None
    text = "".join(annotation.split())
    if text in _KIND_BY_NAME and _KIND_BY_NAME[text] in KINDS and "[" not in text:
        if text not in ("List", "Dict", "Sequence", "Mapping"):  # typing's bare generics
            return _KIND_BY_NAME[text]
    return text.replace("typing.", "")


def compatible(source: str | None, target: str | None) -> bool:
    """Whether a value annotated ``source`` may feed an input annotated ``target``.

    kfp 2's rule: untyped ends accept anything, otherwise the kinds must match
    (``list`` feeds ``List[str]``). kfp 1.8.9 is stricter: see ``v1_compatible``.
    """
    a, b = kind_of(source), kind_of(target)
    if a is not None and a.rsplit(".", 1)[-1] == "PipelineTaskFinalStatus":
        a = "dict"      # (kfp 2 passes the status a pipeline used as an exit task gets as a dict)
    return a is None or b is None or a == b


def v1_compatible(source: str | None, target: str | None) -> bool:
    """kfp 1.8.9's rule: the types must be the same (``list`` does not feed ``List[str]``)."""
    a, b = type_identity(source), type_identity(target)
    return a is None or b is None or a == b


def python_type_of_value(value: object) -> str | None:
    """The kind of a constant value (bool before int: bool is an int subclass)."""
    for kind, typ in (("bool", bool), ("int", int), ("float", float), ("str", str),
                      ("list", list), ("dict", dict)):
        if isinstance(value, typ):
            return kind
    return None


def value_fits(value: object, annotation: str | None) -> bool:
    """Whether a constant suits an input; ints are accepted where floats are expected."""
    want = kind_of(annotation)
    if want is None or want not in KINDS:
        return True
    have = python_type_of_value(value)
    return have == want or (want == "float" and have == "int")
