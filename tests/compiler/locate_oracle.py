"""The previews' old way to find a task in compiled text, by parsing it: the oracle the
compilers' source maps (``designer/compiler/source_map.py``) are checked against.

YAML is parsed (not loaded) with PyYAML, whose events carry line marks:
- KFP v1 (Argo): the dag entry ``- name: <kfp name>`` of the entrypoint template
  and the task's own template ``- name: <kfp name>``.
- KFP v2 (PipelineSpec): ``root.dag.tasks.<kfp name>``, the component it
  references (``components.comp-...``) and that component's executor.
- Python: the task's statement(s) in the pipeline function and the ``def`` of
  its component.

Line ranges are 1-based and inclusive. This was ``designer/ui/preview/locate.py`` until
the compilers learnt to say where they put things as they write them; it stays here so
that the source maps keep meaning what the previews meant.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Union

import yaml

from designer.compiler import v1, v2
from designer.ir import InputError, Pipeline

Range = tuple[int, int]
Locations = dict[str, list[Range]]   # task id -> ranges, the most specific first

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --------------------------------------------------------------------------- kfp names

def kfp_task_names(pipeline: Pipeline, target: str = "v1") -> dict[str, str]:
    """Task id -> the name kfp gives the task in ``target``'s YAML, from the compiler that
    wrote it (so the two cannot drift); {} when there is none to give (a cycle)."""
    try:
        return (v1 if target == "v1" else v2).task_names(pipeline)
    except InputError:
        return {}


# --------------------------------------------------------------------------- YAML

# ---- the nodes kept from the event stream (only those a pattern asks for)

Mark = tuple[int, int]   # (line, column), 0-based: ints, which the GC does not track


def _mark(mark: Any) -> Mark:
    return mark.line, mark.column


class _Node:
    __slots__ = ("start_mark", "end_mark", "value")

    def __init__(self, start_mark: Mark, end_mark: Mark, value: Any = None):
        self.start_mark, self.end_mark, self.value = start_mark, end_mark, value


class _Map(_Node):
    """``value``: the (key, value) pairs kept, in order."""


class _Seq(_Node):
    """``value``: the items, in order."""


class _Scalar(_Node):
    """``value``: the text."""


# A pattern says what to keep of a node: SKIP (its extent only), SCALAR (and its text),
# {key: pattern} (those keys of a mapping, the first of each; "*" every key), or
# [pattern] (every item of a sequence).
SKIP, SCALAR, ANY = "skip", "scalar", "*"
Pattern = Union[str, dict, list]

_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Reader:
    def __init__(self, events: Iterator[yaml.Event]):
        self._events = events

    def document(self, pattern: Pattern) -> _Node | None:
        """The single document's root node (None for an empty stream), as compose
        would give it; a second document is an error there too."""
        root = None
        for event in self._events:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    raise yaml.YAMLError("expected a single document in the stream")
                root = self.node(next(self._events), pattern)
        return root

    def node(self, event: yaml.Event, pattern: Pattern) -> _Node:
        if isinstance(event, yaml.ScalarEvent):
            return _Scalar(_mark(event.start_mark), _mark(event.end_mark), event.value)
        if isinstance(event, yaml.MappingStartEvent):
            if isinstance(pattern, dict):
                return self._mapping(event, pattern)
            return _Map(_mark(event.start_mark), self._skip(), [])
        if isinstance(event, yaml.SequenceStartEvent):
            if isinstance(pattern, list):
                items = []
                for item in self._events:
                    if isinstance(item, yaml.SequenceEndEvent):
                        return _Seq(_mark(event.start_mark), _mark(item.end_mark), items)
                    items.append(self.node(item, pattern[0]))
            return _Seq(_mark(event.start_mark), self._skip(), [])
        return _Node(_mark(event.start_mark), _mark(event.end_mark))   # an alias: not followed

    def _mapping(self, event: yaml.Event, pattern: dict) -> _Map:
        pairs: list[tuple[_Node, _Node]] = []
        taken: set[str] = set()
        every = pattern.get(ANY)
        for key_event in self._events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return _Map(_mark(event.start_mark), _mark(key_event.end_mark), pairs)
            key = self.node(key_event, SKIP)
            name = key.value if isinstance(key, _Scalar) else None
            want = every if every is not None else (
                pattern.get(name) if name not in taken else None)
            value = self.node(next(self._events), want if want is not None else SKIP)
            if want is not None:
                pairs.append((key, value))
                taken.add(name)
        raise yaml.YAMLError("unexpected end of the stream")

    def _skip(self) -> Mark:
        """Read to the end of the collection just opened; its end mark."""
        depth = 1
        for event in self._events:
            if isinstance(event, _OPEN):
                depth += 1
            elif isinstance(event, _CLOSE):
                depth -= 1
                if depth == 0:
                    return _mark(event.end_mark)
        raise yaml.YAMLError("unexpected end of the stream")


_V1_PATTERN = {"spec": {"templates": [{"name": SCALAR, "dag": {"tasks": [{"name": SCALAR}]}}]}}
_V2_PATTERN = {"root": {"dag": {"tasks": {ANY: {"componentRef": {"name": SCALAR}}}}},
               "components": {ANY: {"executorLabel": SCALAR}},
               "deploymentSpec": {"executors": {ANY: SKIP}}}


def _span(lines: list[str], node: _Node, start: _Node | None = None) -> Range:
    first = (start or node).start_mark[0] + 1
    end_line, end_column = node.end_mark
    # The end mark is where the next thing starts: on the line of the next `- ` item when
    # this is a sequence item. Only text before it on that line belongs to this node.
    line = lines[end_line] if end_line < len(lines) else ""
    last = end_line + 1 if line[:end_column].strip(" -") else end_line
    return first, max(first, last)


def _get(node: _Node | None, key: str) -> _Node | None:
    if isinstance(node, _Map):
        for k, v in node.value:
            if isinstance(k, _Scalar) and k.value == key:
                return v
    return None


def _items(node: _Node | None) -> list[tuple[_Node, _Node]]:
    return list(node.value) if isinstance(node, _Map) else []


def _scalar(node: _Node | None) -> str | None:
    return node.value if isinstance(node, _Scalar) else None


def yaml_locations(text: str, target: str, names: dict[str, str]) -> Locations:
    """Ranges of each task in a compiled KFP YAML (``target`` "v1" or "v2")."""
    try:
        root = _Reader(yaml.parse(text, Loader=_Loader)).document(
            _V1_PATTERN if target == "v1" else _V2_PATTERN)
    except yaml.YAMLError:
        return {}
    by_name = {kfp: tid for tid, kfp in names.items()}
    lines = text.split("\n")
    out: Locations = {}
    if target == "v1":
        templates = _get(_get(root, "spec"), "templates")
        seq = templates.value if isinstance(templates, _Seq) else []
        for tmpl in seq:
            name = _scalar(_get(tmpl, "name"))
            dag_tasks = _get(_get(tmpl, "dag"), "tasks")
            if isinstance(dag_tasks, _Seq):
                for entry in dag_tasks.value:
                    tid = by_name.get(_scalar(_get(entry, "name")) or "")
                    if tid:
                        out.setdefault(tid, []).insert(0, _span(lines, entry))
            elif name in by_name:
                out.setdefault(by_name[name], []).append(_span(lines, tmpl))
        return out
    tasks = _get(_get(_get(root, "root"), "dag"), "tasks")
    components = dict((_scalar(k), (k, v)) for k, v in _items(_get(root, "components")))
    executors = dict((_scalar(k), (k, v)) for k, v in
                     _items(_get(_get(root, "deploymentSpec"), "executors")))
    for key, value in _items(tasks):
        tid = by_name.get(_scalar(key) or "")
        if not tid:
            continue
        ranges = [_span(lines, value, key)]
        comp_name = _scalar(_get(_get(value, "componentRef"), "name"))
        if comp_name in components:
            ck, cv = components[comp_name]
            ranges.append(_span(lines, cv, ck))
            exec_name = _scalar(_get(cv, "executorLabel"))
            if exec_name in executors:
                ek, ev = executors[exec_name]
                ranges.append(_span(lines, ev, ek))
        out[tid] = ranges
    return out


# --------------------------------------------------------------------------- Python

def python_locations(text: str, pipeline: Pipeline) -> Locations:
    """Each task's statements (``x = comp(...)`` or a bare ``comp(...)``, and
    ``x.after(...)``) and its component's def."""
    lines = text.split("\n")
    defs: dict[str, Range] = {}
    for i, line in enumerate(lines):
        m = re.match(r"def (\w+)\(", line)
        if m:
            first = i
            while first > 0 and lines[first - 1].startswith("@"):
                first -= 1  # its decorator belongs to it
            defs[m.group(1)] = (first + 1, _block_end(lines, i))
    out: Locations = {}
    claimed: set[int] = set()
    for task in pipeline.tasks:
        comp = pipeline.component(task.component_id)
        if comp is None:
            continue
        # The exporter may rename a variable that would shadow a component: name_task[_N].
        pattern = re.compile(rf"^\s+(?:({re.escape(task.name)}(?:_task(?:_\d+)?)?) = )?"
                             rf"{re.escape(comp.name)}\(")
        ranges: list[Range] = []
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if m and i not in claimed:
                claimed.add(i)
                ranges.append((i + 1, _statement_end(lines, i)))
                if m.group(1):
                    after = re.compile(rf"^\s+{re.escape(m.group(1))}\.after\(")
                    ranges += [(j + 1, _statement_end(lines, j)) for j, ln in enumerate(lines)
                               if after.match(ln)]
                break
        if comp.name in defs:
            ranges.append(defs[comp.name])
        if ranges:
            out[task.id] = ranges
    return out


def _block_end(lines: list[str], start: int) -> int:
    """Last line (1-based) of the indented block that starts at ``start`` (0-based)."""
    last = start
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if line.strip() and not line[0].isspace() and not line.lstrip().startswith((")", "]")):
            break
        if line.strip():
            last = j
    return last + 1


def _statement_end(lines: list[str], start: int) -> int:
    """Last line (1-based) of a statement whose brackets may span lines."""
    depth = 0
    for j in range(start, len(lines)):
        depth += sum(lines[j].count(c) for c in "([{") - sum(lines[j].count(c) for c in ")]}")
        if depth <= 0:
            return j + 1
    return len(lines)


# --------------------------------------------------------------------------- lookup

def task_at(locations: Locations, line: int) -> str | None:
    """The task whose smallest range holds ``line`` (1-based)."""
    best: tuple[int, str] | None = None
    for tid, ranges in locations.items():
        for first, last in ranges:
            if first <= line <= last and (best is None or last - first < best[0]):
                best = (last - first, tid)
    return best[1] if best else None
