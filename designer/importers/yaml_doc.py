"""Compiled pipeline YAML read safely, with file lines for messages.

The documents are read with PyYAML's safe loader only (the C one when PyYAML has it: a
150k-line workflow must open quickly). Lines are found only when a message needs one: the
text is composed again (nodes keep their marks) and the path of keys and indexes walked.
"""
from __future__ import annotations

import functools
from typing import Any, Sequence

import yaml

from designer.ir.errors import InputError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = Sequence[Any]          # keys and list indexes from the document root


class YamlRefusal(Exception):
    """What a YAML reader cannot represent, at ``where`` (a path in document ``doc``)."""

    def __init__(self, message: str, where: Path = (), doc: int = 0):
        super().__init__(message)
        self.message, self.where, self.doc = message, tuple(where), doc


class _Unusual(Exception):
    """Something the quick reader leaves to PyYAML (tags, anchors, merge keys...)."""


_resolver = yaml.resolver.Resolver()
_STR, _SIMPLE = "tag:yaml.org,2002:str", {"tag:yaml.org,2002:" + t
                                          for t in ("int", "float", "bool", "null")}


@functools.lru_cache(maxsize=4096)     # keys repeat: name, value, parameters...
def _plain(value: str) -> Any:
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag not in _SIMPLE:
        raise _Unusual(tag)
    return yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode(tag, value))


def _quick_load_all(text: str) -> list[Any]:
    """``safe_load_all`` for the YAML compilers write (plain, untagged, no anchors), built
    straight from the C parser's events: three times quicker than PyYAML's constructor,
    which a 150k-line workflow spends seconds in. Raises _Unusual for anything else."""
    ev_ = yaml.events
    parser = _Loader(text)
    docs: list[Any] = []
    stack: list[list] = []          # [container, is_mapping, pending key...]
    root: Any = None
    try:
        while True:
            ev = parser.get_event()
            cls = type(ev)
            if cls is ev_.ScalarEvent:
                if ev.anchor or ev.tag not in (None, "!"):
                    raise _Unusual("a tag or an anchor")
                value = ev.value if ev.style or not ev.implicit[0] else _plain(ev.value)
            elif cls is ev_.MappingStartEvent or cls is ev_.SequenceStartEvent:
                if ev.anchor or ev.tag not in (None, "!"):
                    raise _Unusual("a tag or an anchor")
                mapping = cls is ev_.MappingStartEvent
                stack.append([{} if mapping else [], mapping])
                continue
            elif cls is ev_.MappingEndEvent or cls is ev_.SequenceEndEvent:
                value = stack.pop()[0]
            elif cls is ev_.AliasEvent:
                raise _Unusual("an alias")
            elif cls is ev_.DocumentEndEvent:
                docs.append(root)
                root = None
                continue
            elif cls is ev_.StreamEndEvent:
                return docs
            else:
                continue
            if not stack:
                root = value
            elif not stack[-1][1]:
                stack[-1][0].append(value)
            elif len(stack[-1]) == 2:
                stack[-1].append(value)              # a key, its value comes next
            else:
                key = stack[-1].pop()
                if key == "<<" or isinstance(key, (dict, list)):
                    raise _Unusual("a merge or a collection as a key")
                stack[-1][0][key] = value
    finally:
        parser.dispose()


def load_documents(text: str, path: str) -> list[Any]:
    """Every document of ``text`` (``safe_load_all``); InputError with the line on bad YAML."""
    try:
        try:
            docs = _quick_load_all(text)
        except _Unusual:
            docs = list(yaml.load_all(text, Loader=_Loader))
        return [d for d in docs if d is not None]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise InputError(f"not valid YAML: {e.problem or e.context}", path,
                         mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise InputError(f"not valid YAML: {e}", path) from None


def line_of(text: str, where: Path, doc: int = 0) -> int | None:
    """The 1-based line of the node at ``where`` in document ``doc`` (the deepest node of
    the path that exists), or None."""
    try:
        nodes = [n for n in yaml.compose_all(text, Loader=yaml.SafeLoader) if n is not None]
    except yaml.YAMLError:
        return None
    if doc >= len(nodes):
        return None
    node, line = nodes[doc], nodes[doc].start_mark.line
    for key in where:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)
                         and k.value == str(key)), None)
            if pair is not None:     # a field's line is its key's
                nxt, line = pair[1], pair[0].start_mark.line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                and 0 <= key < len(node.value):
            nxt = node.value[key]
            line = nxt.start_mark.line
        if nxt is None:
            break
        node = nxt
    return line + 1


def refusal_error(e: YamlRefusal, text: str, path: str) -> InputError:
    """``file:line: what`` for a refusal."""
    return InputError(e.message, path, line_of(text, e.where, e.doc))
