"""Source maps: where each part of a pipeline is in the text a compiler wrote.

The contract (the compilers keep it; ``tests/compiler/test_source_map.py`` checks it
on the whole golden corpus, for KFP v1, KFP v2 and both Pythons):

* ``compile_pipeline(p, target, with_source_map=True)`` and
  ``export_python(p, target, with_source_map=True)`` return ``Compiled(text,
  source_map)``; ``text`` is exactly what the call without the flag returns.
* A range is ``(first, last)``: 1-based line numbers, both included,
  ``1 <= first <= last <= number of lines``. Ranges are recorded while the text is
  written (``Marks``, ``Marked``), never found by parsing the text back.
* ``SourceMap.tasks[task id]``: every task of the pipeline, most specific range first
  - v1: its DAG entry in the entrypoint template (``- name: <op>``), its container
    template;
  - v2: ``root.dag.tasks.<name>``, ``components.comp-<name>``,
    ``deploymentSpec.executors.exec-<name>``;
  - Python: its assignment, its ``.after(...)`` call if any, its component's function
    (decorator to last line).
* ``SourceMap.components[component id]``, in text order: v1: the container template
  of each task using it; v2: its ``comp-`` and ``exec-`` blocks of each task using it;
  Python: its function (decorator to last line), then the v1 ``create_component_from_func``
  assignment when there is one. Components no task uses are absent from the YAML maps.
* ``SourceMap.params[parameter name]``, in text order: v1: its entry in
  ``spec.arguments.parameters``; v2: its ``# Inputs:`` header line, its entry in
  ``root.inputDefinitions.parameters``; Python: its line(s) in the pipeline function's
  signature, its ``:param`` docstring lines.
* ``SourceMap.groups`` is for group-level objects (conditions, loops, exit handlers)
  when the IR has them, with the same shape.

A writer marks a piece of its output in one of two ways: it wraps a dict it hands to a
YAML emitter in ``Marked`` (the emitter records where the dict's node starts and
ends), or, writing chunks itself, it calls ``Marks.add(start, end, ...)`` with indices
into its list of chunks. ``Marks.resolve`` joins the chunks and turns the indices into
line ranges: a piece's leading and trailing line breaks are not part of its range.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

Range = tuple[int, int]                       # 1-based, inclusive
Mark = tuple[str, str, int]                   # (kind, key, rank): rank orders a key's ranges
KINDS = ("tasks", "components", "params", "groups")


@dataclass
class SourceMap:
    """Line ranges of tasks, components, pipeline parameters (and groups) in one text."""

    tasks: dict[str, list[Range]] = field(default_factory=dict)
    components: dict[str, list[Range]] = field(default_factory=dict)
    params: dict[str, list[Range]] = field(default_factory=dict)
    groups: dict[str, list[Range]] = field(default_factory=dict)

    def add(self, kind: str, key: str, rng: Range) -> None:
        getattr(self, kind).setdefault(key, []).append(rng)

    def task_at(self, line: int) -> str | None:
        """The task whose smallest range holds ``line`` (1-based), if any."""
        best: tuple[int, str] | None = None
        for tid, ranges in self.tasks.items():
            for first, last in ranges:
                if first <= line <= last and (best is None or last - first < best[0]):
                    best = (last - first, tid)
        return best[1] if best else None

    def boundaries(self) -> list[int]:
        """Sorted 0-based line indices where a range starts or ends (+1): the text cut
        at these lines has every mapped piece whole."""
        cuts: set[int] = set()
        for kind in KINDS:
            for ranges in getattr(self, kind).values():
                for first, last in ranges:
                    cuts.add(first - 1)
                    cuts.add(last)
        return sorted(cuts)


@dataclass(frozen=True)
class Compiled:
    """A compiler's text and where each part of the pipeline is in it."""

    text: str
    source_map: SourceMap


class Marked(dict):
    """A dict a YAML emitter writes as usual, recording where its node is.

    ``marks``: the (kind, key, rank) the node's lines belong to."""

    __slots__ = ("marks",)

    def __init__(self, data: dict, marks: Iterable[Mark]):
        super().__init__(data)
        self.marks = tuple(marks)


def _newlines(chunks: list[str], order: range, strip: Callable[[str, str], str]) -> int:
    """How many line breaks the chunks in ``order`` begin with (``str.lstrip``, chunks
    first to last) or end with (``str.rstrip``, last to first), taken together."""
    count = 0
    for k in order:
        chunk = chunks[k]
        rest = strip(chunk, "\n")
        count += len(chunk) - len(rest)
        if rest:
            break
    return count


class Marks:
    """Marked pieces of a list of output chunks: (start index, end index, marks)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, tuple[Mark, ...]]] = []

    def add(self, start: int, end: int, marks: Iterable[Mark]) -> None:
        self.spans.append((start, end, tuple(marks)))

    def resolve(self, chunks: list[str]) -> Compiled:
        """The joined text and the line ranges of every marked piece."""
        n = len(chunks)
        cuts = sorted({0, n, *(i for s, e, _m in self.spans for i in (s, e))})
        before: dict[int, int] = {}     # chunk index -> line breaks before it
        leading: dict[int, int] = {}    # chunk index -> line breaks right after it
        trailing: dict[int, int] = {0: 0}   # chunk index -> line breaks right before it
        lines = 0
        # Counted chunk by chunk: the pieces between cuts, joined, were a second copy of
        # the text (9 MB of v1 YAML at 2,000 tasks) at the compile's peak.
        for a, b in zip(cuts, cuts[1:]):
            before[a] = lines
            leading[a] = _newlines(chunks, range(a, b), str.lstrip)
            trailing[b] = _newlines(chunks, range(b - 1, a - 1, -1), str.rstrip)
            for k in range(a, b):
                lines += chunks[k].count("\n")
        before[n] = lines
        leading.setdefault(n, 0)
        text = "".join(chunks)
        total = lines + 1
        smap = SourceMap()
        ranked: list[tuple[int, int, Mark, Range]] = []
        for order, (s, e, marks) in enumerate(self.spans):
            last = before[e] + 1 - trailing.get(e, 0)
            first = min(before[s] + 1 + leading.get(s, 0), last)
            rng = (max(1, first), min(max(1, last), total))
            for mark in marks:
                ranked.append((mark[2], order, mark, rng))
        ranked.sort(key=lambda r: (r[0], r[1]))
        for _rank, _order, (kind, key, _r), rng in ranked:
            smap.add(kind, key, rng)
        return Compiled(text, smap)
