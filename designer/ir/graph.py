"""Walks over task dependencies (data wires and ``.after()``), written once.

Editing rules (no cycles), the properties pane (which tasks may come before which),
the canvas (which ports a wire may reach) and the runner (what a failure skips) all
ask the same questions of the same graph.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Mapping

from .model import Pipeline

Edges = Mapping[str, Iterable[str]]


def upstream_edges(p: Pipeline) -> dict[str, list[str]]:
    """Task id -> the ids of the existing tasks it depends on."""
    ids = {t.id for t in p.tasks}
    return {t.id: [u for u in t.upstream_ids() if u in ids] for t in p.tasks}


def downstream_edges(p: Pipeline) -> dict[str, list[str]]:
    """Task id -> the ids of the tasks that depend on it (one pass over the pipeline)."""
    down: dict[str, list[str]] = {t.id: [] for t in p.tasks}
    for t in p.tasks:
        for u in t.upstream_ids():
            if u in down:
                down[u].append(t.id)
    return down


def reachable(start: str, edges: Edges) -> set[str]:
    """``start`` and every node reachable from it along ``edges``."""
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def downstream_of(p: Pipeline, task_id: str) -> set[str]:
    """Tasks that (transitively) depend on ``task_id``, not counting itself."""
    return reachable(task_id, downstream_edges(p)) - {task_id}


def upstream_of(p: Pipeline, task_id: str) -> set[str]:
    """Tasks ``task_id`` (transitively) depends on, not counting itself."""
    return reachable(task_id, upstream_edges(p)) - {task_id}


def find_path(start: str, goal: str, edges: Edges) -> list[str] | None:
    """A shortest path start -> ... -> goal along ``edges`` (breadth first), or None."""
    prev: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while prev[path[-1]] is not None:
                path.append(prev[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in edges.get(node, ()):
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return None
