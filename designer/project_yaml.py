"""The YAML of project files: written so that it reads back exactly, read so that a hostile
file costs little and says what is wrong.

Writing: multi-line text is a literal block (``|``) where a block can hold it exactly;
text with characters YAML parsers take as line breaks (NEL U+0085, U+2028, U+2029) is
double-quoted, where they are escapes (PyYAML would write them raw into a block or a quoted
scalar, and every parser reads them back as a line break). PyYAML's emitter already
double-quotes text with control characters, tabs, a BOM, trailing spaces or lone surrogates.

Reading: libyaml composes the node graph (the pure-Python parser retries what libyaml refuses
but PyYAML writes: lone surrogates, escaped as ``\\uD800``). Nothing is built before the graph
is measured: aliases may not refer to themselves nor expand it by more than its own size (or
ALIAS_ALLOWANCE nodes, whichever is larger; a 1.9 KB "billion laughs" file expands to
billions), then ``project_schema`` checks every field's type with its line.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from designer.ir.errors import InputError

# Nodes aliases may add beyond the document's own: generous for anchors PyYAML writes for
# shared values, nothing like an exponential bomb.
ALIAS_ALLOWANCE = 100_000
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_READ_AS_BREAKS = re.compile("[\x85\u2028\u2029]")


# --- writing ---------------------------------------------------------------------------------

class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # A value shared by two fields is written out twice, not as &id001/*id001: files stay
        # plain to read and diff (the IR holds no self-referencing values).
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _READ_AS_BREAKS.search(value):
        style = '"'
    elif "\n" in value:
        style = "|"        # the emitter falls back to quotes where a block cannot hold it
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)


def dump(doc: Any) -> str:
    return yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=100)


# --- reading ---------------------------------------------------------------------------------

@dataclass
class Lines:
    """Where things were in the file: 1-based lines of containers and of mapping values."""
    of: dict[int, int] = field(default_factory=dict)                 # id(dict or list) -> line
    values: dict[tuple[int, Any], tuple[int, bool]] = field(default_factory=dict)
    # (id(dict), key) -> (line, True when the value is a literal block: its text starts on
    # the next line, so its line n is at line + n)

    def line(self, obj: Any) -> int | None:
        return self.of.get(id(obj))

    def value_line(self, obj: Any, key: str) -> tuple[int, bool] | None:
        return self.values.get((id(obj), key))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def measure(root: yaml.Node, path: str | None, text: str | None = None) -> tuple[int, int]:
    """(distinct nodes, nodes once aliases are expanded), without expanding anything;
    InputError for an alias that contains itself or expands the document too much.

    Given the ``text`` the graph was composed from, a text without ``&`` has no anchor, so
    no alias: the graph is a tree and is not walked ((0, 0): nothing is shared)."""
    if text is not None and "&" not in text:
        return 0, 0
    size: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            entered.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        entered.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in entered:
                raise InputError("an alias refers to a collection that contains it (a "
                                 "recursive alias)", path, _line(child))
            if id(child) not in size:
                stack.append((child, False))
    distinct, expanded = len(size), size[id(root)]
    if expanded - distinct > max(distinct, ALIAS_ALLOWANCE):
        raise InputError(f"aliases expand this document to {expanded:,} nodes from {distinct:,} "
                         "(an alias bomb?); write the values out instead", path)
    return distinct, expanded


def compose(text: str, path: str | None) -> yaml.Node | None:
    """The node graph of ``text`` (libyaml, else the pure-Python parser); InputError if
    neither reads it, with libyaml's reason and line."""
    first: yaml.YAMLError | None = None
    for loader_class in dict.fromkeys((_LOADER, yaml.SafeLoader)):
        loader = None
        try:
            loader = loader_class(text)     # the pure one checks characters right here
            # libyaml calls back into Python to resolve each scalar's tag (regular
            # expressions): the same few keys and values recur, once per task.
            loader.resolve = functools.lru_cache(maxsize=None)(loader.resolve)
            return loader.get_single_node()
        except yaml.YAMLError as e:
            first = first or e
        except (RecursionError, MemoryError) as e:   # the pure parser on deep nesting
            first = first or yaml.YAMLError(str(e) or type(e).__name__)
        finally:
            if loader is not None:
                loader.dispose()
    raise InputError(f"invalid YAML: {_problem(first)}", path, _error_line(first, text))


def _problem(e: yaml.YAMLError | None) -> str:
    if isinstance(e, yaml.reader.ReaderError):
        return f"character U+{e.character:04X} is not allowed in YAML" \
            if isinstance(e.character, int) else "the file is not valid text"
    return getattr(e, "problem", None) or str(e) or "invalid YAML"


def _error_line(e: yaml.YAMLError | None, text: str) -> int | None:
    mark = getattr(e, "problem_mark", None)
    if mark is not None:
        return mark.line + 1
    position = getattr(e, "position", None)          # a ReaderError
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null")}
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALARS = yaml.constructor.SafeConstructor()     # its int/float/bool rules; it keeps no state


def build(node: yaml.Node) -> tuple[Any, Lines] | None:
    """``construct(node)`` and ``locate`` of it in one pass, for a tree (no shared nodes:
    ``measure`` found nothing expanded) of plain scalars, lists and mappings with scalar
    keys, which is what a schema-checked project file is; None for anything else (the
    caller then constructs and locates the general way). Same values as SafeConstructor."""
    lines = Lines()
    of, values = lines.of, lines.values
    scalar_node, mapping_node, sequence_node = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    plain, text = _PLAIN, STR_TAG
    root: list[Any] = [None]
    # Collections to fill: (node, the container to put its value in, the index or key
    # there). Scalars, most of the nodes, are put in place as their container is made.
    stack: list[tuple[yaml.Node, Any, Any]] = [(node, root, 0)]
    while stack:
        n, into, at = stack.pop()
        if isinstance(n, mapping_node):
            if n.tag != _MAP:
                return None
            d: dict[Any, Any] = {}
            into[at] = d
            key_d = id(d)
            of[key_d] = n.start_mark.line + 1
            for k, v in n.value:
                if not isinstance(k, scalar_node) or k.tag not in plain:
                    return None       # a merge key, a collection as key...
                key = k.value if k.tag == text else _scalar(k)
                if key in d:
                    return None       # a duplicate key (the schema refuses them)
                if isinstance(v, scalar_node):
                    if v.tag not in plain:
                        return None
                    d[key] = v.value if v.tag == text else _scalar(v)
                    block = v.style == "|"
                else:
                    d[key] = None     # (keys in the file's order; filled when popped)
                    block = False
                    stack.append((v, d, key))
                if k.tag == text:
                    values[(key_d, key)] = (v.start_mark.line + 1, block)
        elif isinstance(n, sequence_node):
            if n.tag != _SEQ:
                return None
            items: list[Any] = [None] * len(n.value)
            into[at] = items
            of[id(items)] = n.start_mark.line + 1
            for i, c in enumerate(n.value):
                if not isinstance(c, scalar_node):
                    stack.append((c, items, i))
                elif c.tag in plain:
                    items[i] = c.value if c.tag == text else _scalar(c)
                else:
                    return None
        elif isinstance(n, scalar_node) and n.tag in plain:
            into[at] = _scalar(n)     # (a document that is one scalar)
        else:
            return None
    return root[0], lines


def _scalar(n: yaml.ScalarNode) -> Any:
    tag = n.tag
    if tag == STR_TAG:
        return n.value
    if tag == "tag:yaml.org,2002:int":
        return _SCALARS.construct_yaml_int(n)
    if tag == "tag:yaml.org,2002:float":
        return _SCALARS.construct_yaml_float(n)
    if tag == "tag:yaml.org,2002:bool":
        return _SCALARS.construct_yaml_bool(n)
    return None


def construct(node: yaml.Node) -> Any:
    """Python values for a measured and schema-checked node graph (aliases stay shared)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def locate(node: yaml.Node, obj: Any) -> Lines:
    """The lines of every dict and list in ``obj`` built from ``node``."""
    lines = Lines()
    stack = [(node, obj)]
    seen: set[int] = set()
    while stack:
        n, o = stack.pop()
        if id(o) in seen:
            continue
        if isinstance(n, yaml.MappingNode) and isinstance(o, dict):
            seen.add(id(o))
            lines.of[id(o)] = _line(n)
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode) and k.tag == "tag:yaml.org,2002:str" \
                        and k.value in o:
                    lines.values[(id(o), k.value)] = (_line(v), getattr(v, "style", None) == "|")
                    stack.append((v, o[k.value]))
        elif isinstance(n, yaml.SequenceNode) and isinstance(o, list):
            seen.add(id(o))
            lines.of[id(o)] = _line(n)
            stack.extend(zip(n.value, o))
    return lines
