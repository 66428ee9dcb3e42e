"""Compiled pipeline YAML read safely, with file lines for messages.

The documents are read with PyYAML's safe loader only (the C one when PyYAML has it: a
150k-line workflow must open quickly). Lines are found only when a message needs one: the
text is composed again (nodes keep their marks) and the path of keys and indexes walked.
"""
from __future__ import annotations

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


def load_documents(text: str, path: str) -> list[Any]:
    """Every document of ``text`` (``safe_load_all``); InputError with the line on bad YAML."""
    try:
        return [d for d in yaml.load_all(text, Loader=_Loader) if d is not None]
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
