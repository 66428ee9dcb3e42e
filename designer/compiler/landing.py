"""Where a part of the pipeline lands in the compiled YAML (v1, v2) and in the Python
export, as short excerpts (no Qt): what "What's this?" shows under a concept page.

    for e in landing(pipeline, "task", "sum_result"):
        e.target, e.first, e.last, e.text     # "v2", 151, 170, "sum-and-print-numbers:\\n..."

Kinds: "task" (its DAG entry, its Python statement), "param" (the parameter's entry,
its line in the pipeline function's signature), "input" (key "task id/input name": in
v2 the input's own lines, elsewhere its task's), "component" (its first block). The
ranges are the compilers' source maps (``source_map.py``); a target that refuses the
pipeline is left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from designer.ir import Pipeline

from .explain import line_paths

TARGETS = ("v1", "v2", "python")
MAX_LINES = 14


@dataclass(frozen=True)
class Excerpt:
    target: str          # "v1" | "v2" | "python"
    first: int           # 1-based, inclusive
    last: int
    text: str            # those lines, cut at MAX_LINES ("…" last)


def _compiled(pipeline: Pipeline, target: str):
    if target == "python":
        from .python_source import export_python
        return export_python(pipeline, "v2", with_source_map=True)
    from . import compile_pipeline
    return compile_pipeline(pipeline, target, compile_time="t", with_source_map=True)


def landing(pipeline: Pipeline, kind: str, key: str, max_lines: int = MAX_LINES
            ) -> list[Excerpt]:
    out = []
    for target in TARGETS:
        try:
            compiled = _compiled(pipeline, target)
        except Exception:  # noqa: BLE001 - a refused feature, a broken pipeline: no excerpt
            continue
        rng = _range(compiled, target, kind, key)
        if rng is None:
            continue
        lines = compiled.text.split("\n")
        first, last = rng
        shown = lines[first - 1:min(last, first + max_lines - 1)]
        if last - first + 1 > max_lines:
            shown.append("…")
        out.append(Excerpt(target, first, last, "\n".join(shown)))
    return out


def _range(compiled, target: str, kind: str, key: str) -> tuple[int, int] | None:
    smap = compiled.source_map
    if kind == "task":
        ranges = smap.tasks.get(key)
        return ranges[0] if ranges else None
    if kind == "component":
        ranges = smap.components.get(key)
        return ranges[0] if ranges else None
    if kind == "param":
        ranges = smap.params.get(key)
        if not ranges:
            return None
        # v2: the root's inputDefinitions entry rather than the header comment.
        return ranges[-1] if target == "v2" else ranges[0]
    if kind == "input":
        task_id, _, input_name = key.partition("/")
        ranges = smap.tasks.get(task_id)
        if not ranges:
            return None
        if target == "v2":
            return _v2_input(compiled.text, ranges[0], input_name) or ranges[0]
        return ranges[0]
    return None


def _v2_input(text: str, task_range: tuple[int, int], input_name: str
              ) -> tuple[int, int] | None:
    """The lines of ``root.dag.tasks.<task>.inputs.<kind>.<input_name>`` in a v2 text."""
    paths, _nodes = line_paths(text)
    first, last = task_range
    found = [n for n in range(first, last + 1)
             if len(paths.get(n, ())) >= 7 and paths[n][4] == "inputs"
             and paths[n][6] == input_name]
    return (found[0], found[-1]) if found else None


__all__ = ["Excerpt", "landing", "TARGETS"]
