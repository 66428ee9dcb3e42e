"""Validation that follows edits: ``validate(p)`` kept up to date one change at a time.

The editor validates after every edit. Checking the whole pipeline costs time in
proportion to its size (75 ms at 2,000 tasks), while an edit touches a task or two.
``LiveValidation`` keeps the diagnostics of each object (the pipeline's own fields,
the parameters as a whole, each component, each task) and, told what an edit touched,
rechecks those objects and the ones whose diagnostics read them, found through indexes
(never by a scan):

* a task: itself, the tasks wired to it (their messages name it; a reference to a
  missing task may now resolve), and the tasks sharing its old or new name (duplicates);
* a component: itself, its tasks, the components sharing its Python name;
* the parameters: their own checks, and the tasks wired to a parameter that changed;
* cycles: an edit that adds a dependency searches upstream from it; the full check
  (``validate._cycles``) runs only when a cycle exists or appears.

The checks are ``validate``'s own per-object functions and ``diagnostics()`` lists
them in ``validate``'s order, so both always agree (tests compare them after random
edits). Task and component ids are unique (the document makes them so). ``update()``
returns the difference it made (removed, added); ``checked`` counts what it rechecked.
"""
from __future__ import annotations

import graphlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from .validate import (
    Diagnostic,
    _component_contents,
    _component_name,
    _component_source,
    _cycles,
    _no_tasks,
    _param_contents,
    _params_names,
    _pipeline_contents,
    _pipeline_name,
    _task_arguments,
    _task_contents,
    _task_name,
    _unused,
    first_by,
)
from .model import OutputRef, ParamRef, Pipeline, Task, argument_params

# Sections in ``validate``'s order; each holds the diagnostics of one kind of object.
PIPELINE_CONTENTS, PARAM_CONTENTS, COMPONENT_CONTENTS, TASK_CONTENTS = 0, 1, 2, 3
PIPELINE_NAME, PARAM_NAMES, TASK_NAMES, COMPONENT_NAMES = 4, 5, 6, 7
COMPONENT_SOURCES, TASK_ARGUMENTS, CYCLES, NO_TASKS, PARAM_UNUSED = 8, 9, 10, 11, 12
_TASK_SECTIONS = (TASK_CONTENTS, TASK_NAMES, TASK_ARGUMENTS)
_COMPONENT_SECTIONS = (COMPONENT_CONTENTS, COMPONENT_NAMES, COMPONENT_SOURCES)
# Tasks per slice of a rebuild in steps (~1 ms each at 2,000 tasks; ``advance`` looks at
# the clock between slices).
_SLICE = 64


@dataclass
class Changes:
    """What one update changed in the problems list (empty: nothing to redraw)."""
    removed: list[Diagnostic] = field(default_factory=list)
    added: list[Diagnostic] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


@dataclass
class Checked:
    """What the last update rechecked (tests count work, not time)."""
    tasks: int = 0
    components: int = 0
    cycle_visits: int = 0        # tasks visited looking for a new cycle
    full_cycle_checks: int = 0
    rankings: int = 0            # topological rankings of the whole graph


@dataclass(frozen=True)
class _Reads:
    """What one task's checks read, for the reverse indexes."""
    name: str
    component_id: str
    upstream: frozenset[str]     # wired outputs and `.after()` (the argument checks)
    params: frozenset[str]       # parameters wired directly (the argument checks)
    wired: tuple[str, ...]       # the same, once per input
    uses: frozenset[str]         # parameters used anyhow (unused-parameter warnings)
    edges: frozenset[str]        # the dependency graph's edges (``upstream_ids``)

    @classmethod
    def of(cls, t: Task) -> "_Reads":
        args = t.arguments.values()
        return cls(t.name, t.component_id,
                   frozenset([a.task_id for a in args if isinstance(a, OutputRef)] + t.after),
                   frozenset(a.name for a in args if isinstance(a, ParamRef)),
                   tuple(a.name for a in args if isinstance(a, ParamRef)),
                   frozenset(n for a in args for n in argument_params(a)),
                   frozenset(u for u in t.upstream_ids() if u != t.id))


class _Index:
    """key -> ids, with its inverse kept by the caller."""

    def __init__(self) -> None:
        self.map: dict[str, set[str]] = {}

    def add(self, keys, value: str) -> None:
        for k in keys:
            self.map.setdefault(k, set()).add(value)

    def discard(self, keys, value: str) -> None:
        for k in keys:
            ids = self.map.get(k)
            if ids is not None:
                ids.discard(value)
                if not ids:
                    del self.map[k]

    def get(self, key: str) -> set[str]:
        return self.map.get(key, set())


class LiveValidation:
    """The diagnostics of one pipeline, rechecked by what each edit touched.

    After the pipeline changed, say what (``touch_task``, ``touch_component``,
    ``touch_params``, ``touch_info``, ``touch_groups``), then call ``update()``.
    ``tasks_by_id`` gives the owner's live map of tasks by id (the document keeps one);
    without it, each update that touched a task maps the tasks anew.
    """

    def __init__(self, pipeline: Pipeline,
                 tasks_by_id: Callable[[], Mapping[str, Task]] | None = None):
        self._tasks_by_id = tasks_by_id
        # Grows whenever a task comes, goes, is renamed or changes its dependencies: views
        # of every task's name and place in the graph redraw only when it moved.
        self.graph_version = 0
        # Grows only when an edge of the dependency graph comes or goes (what is downstream
        # of a task can change): not on renames, nor on a task added with no edges.
        self.edges_version = 0
        self.checked = Checked()
        self._steps: Iterator[None] | None = None   # a rebuild under way (``advance``)
        self.rebuild(pipeline)

    # ------------------------------------------------------------------ whole pipeline
    def rebuild(self, pipeline: Pipeline) -> None:
        """Check everything anew (a document opened or replaced)."""
        self.rebuild_later(pipeline)
        self._ensure()

    def rebuild_later(self, pipeline: Pipeline) -> None:
        """Check everything anew, in slices (``advance``) or all at once when something is
        asked (a document opened: a canvas of 2,000 tasks is painted, and answers input,
        before the panes show its problems)."""
        self.p = pipeline
        self.graph_version += 1
        self.edges_version += 1      # (views key caches on it before asking anything)
        self._own_tasks: dict[str, Task] = {}
        self._items: dict[tuple[int, str], list[Diagnostic]] = {}
        self._components: dict[str, Any] = {}
        self._params: dict[str, Any] = {}
        self._reads: dict[str, _Reads] = {}
        self._readers = _Index()         # task id -> tasks whose argument checks read it
        self._downstream = _Index()      # task id -> tasks depending on it (graph edges)
        self._param_readers = _Index()   # parameter -> tasks wired to it
        self._param_users = _Index()     # parameter -> tasks using it
        self._wired: dict[str, int] = {}  # parameter -> inputs wired to it
        self._users = _Index()           # component id -> its tasks
        self._task_names = _Index()      # name -> task ids
        self._comp_names = _Index()      # Python name -> component ids
        self._comp_name_of: dict[str, str] = {}
        self._group_params: set[str] = set()
        self._order: dict[str, int] | None = None
        self._comp_order: dict[str, int] | None = None
        self._ordered: list[Diagnostic] | None = None
        self._has_cycle = False
        # A topological rank of the tasks (None: unknown): a new dependency that goes up
        # the rank cannot close a cycle, so most edits need no walk up the graph.
        self._rank: dict[str, int] | None = None
        self._dirty_tasks: set[str] = set()
        self._dirty_components: set[str] = set()
        self._dirty_params = self._dirty_info = self._dirty_groups = False
        self._steps = self._rebuild_steps()

    @property
    def pending(self) -> bool:
        """Whether a ``rebuild_later`` is not done yet."""
        return self._steps is not None

    def advance(self, budget_s: float) -> bool:
        """Go on with a ``rebuild_later`` for about ``budget_s`` seconds of this thread (a
        UI gives it a slice per event-loop turn, answering input in between); True once
        everything is checked. Edits between slices are fine: ``update`` (and every
        question) first finishes the rebuild, on the pipeline as it is then."""
        steps = self._steps
        if steps is None:
            return True
        end = time.perf_counter() + budget_s
        for _ in steps:
            if time.perf_counter() >= end:
                return False
        self._steps = None
        return True

    def _ensure(self) -> None:
        steps = self._steps
        if steps is not None:
            for _ in steps:
                pass
            self._steps = None

    def _rebuild_steps(self) -> Iterator[None]:
        """``update`` with everything touched, yielding every ``_SLICE`` tasks. Nothing
        changes between slices that the rest of it does not read anew (an edit finishes
        the rebuild before it is checked itself, see ``advance``)."""
        changes = Changes()
        p = self.p
        if self._tasks_by_id is None:
            self._own_tasks = {t.id: t for t in p.tasks}
        tasks = self._tasks()
        self._dirty_components = {c.id for c in p.components}
        self._update_components(changes)
        yield
        ids = [t.id for t in p.tasks]
        for i, tid in enumerate(ids, 1):
            task = tasks.get(tid)
            if task is not None:
                self._index(tid, _Reads.of(task))
            if i % _SLICE == 0:
                yield
        self._order = None
        self._update_params(changes)
        self._dirty_groups = self._dirty_info = True
        self._update_groups_and_info(changes)
        for i, tid in enumerate(ids, 1):
            self._check_task(tid, tasks, changes)
            if i % _SLICE == 0:
                yield
        self._set(PARAM_UNUSED, self._unused(), changes)
        self._set(NO_TASKS, _no_tasks(p), changes)
        # One ordering of the graph: the cycle is looked for only if there is one.
        self._rank = self._ranked(tasks)
        self._set(CYCLES, [] if self._rank is not None else _cycles(p), changes)
        self._has_cycle = bool(self._items.get((CYCLES, "")))
        self._ordered = None
        self.checked = Checked()

    # ------------------------------------------------------------------ what changed
    def touch_task(self, task_id: str) -> None:
        self._dirty_tasks.add(task_id)

    def touch_component(self, component_id: str) -> None:
        self._dirty_components.add(component_id)

    def touch_params(self) -> None:
        self._dirty_params = True

    def touch_info(self) -> None:
        self._dirty_info = True

    def touch_groups(self) -> None:
        self._dirty_groups = True

    # ------------------------------------------------------------------ results
    def diagnostics(self) -> list[Diagnostic]:
        """Everything, in ``validate``'s order."""
        self._ensure()
        if self._ordered is None:
            def position(key: tuple[int, str]) -> tuple[int, int]:
                section, name = key
                if section in _TASK_SECTIONS:
                    return section, self._task_order()[name]
                if section in _COMPONENT_SECTIONS:
                    return section, self._component_order()[name]
                return section, 0
            self._ordered = [d for key in sorted(self._items, key=position)
                             for d in self._items[key]]
        return list(self._ordered)

    def param_inputs(self, name: str) -> int:
        """How many task inputs are wired to the parameter ``name``."""
        self._ensure()
        return self._wired.get(name, 0)

    def downstream_of(self, task_id: str) -> set[str]:
        """Tasks that (transitively) depend on ``task_id``, not counting itself: what
        ``graph.downstream_of`` says, walked from the index (only what is downstream)."""
        self._ensure()
        tasks, down = self._tasks(), self._downstream.map
        seen = {task_id}
        stack = [task_id]
        pop, push, add = stack.pop, stack.append, seen.add
        while stack:
            for d in down.get(pop(), ()):
                if d not in seen and d in tasks:
                    add(d)
                    push(d)
        seen.discard(task_id)
        return seen

    def users(self, component_id: str) -> set[str]:
        """The ids of the tasks that run component ``component_id`` (the index's own set:
        read it, do not keep it)."""
        self._ensure()
        return self._users.get(component_id)

    def dependents(self, task_ids: Iterable[str] = (), params: Iterable[str] = (),
                   also: Iterable[str] = ()) -> list[str]:
        """The tasks that read one of ``task_ids`` (a wire, inside an expression too, or
        `.after()`) or use one of ``params``, and the tasks ``also`` names, in document
        order."""
        self._ensure()
        found: set[str] = set(also)
        for tid in task_ids:
            found |= self._downstream.get(tid)
        for name in params:
            found |= self._param_users.get(name)
        order = self._task_order()
        return sorted((t for t in found if t in order), key=order.__getitem__)

    # ------------------------------------------------------------------ the update
    def update(self) -> Changes:
        """Recheck what was touched; returns the difference it made to ``diagnostics()``."""
        self._ensure()
        self.checked = Checked()
        changes = Changes()
        p = self.p
        tasks = self._tasks()
        recheck: set[str] = set()
        if self._dirty_components:
            recheck |= self._update_components(changes)
        touched, self._dirty_tasks = self._dirty_tasks, set()
        names: set[str] = set()
        structural = False
        new_edges: list[tuple[str, str]] = []     # (upstream, task): new dependencies
        for tid in touched:
            task = tasks.get(tid)
            old = self._reads.pop(tid, None)
            new = _Reads.of(task) if task is not None else None
            if (old is None) != (new is None):
                structural = True
            if old is None or new is None or old.name != new.name or old.edges != new.edges:
                self.graph_version += 1
            if (old.edges if old else frozenset()) != (new.edges if new else frozenset()) \
                    or ((old is None) != (new is None) and self._downstream.get(tid)):
                self.edges_version += 1
            if old is not None:
                self._index(tid, old, add=False)
                names.add(old.name)
            if new is not None:
                self._index(tid, new)
                names.add(new.name)
                new_edges += [(u, tid) for u in new.edges - (old.edges if old else set())]
                if old is None:   # tasks already wired to this id now depend on it
                    new_edges += [(tid, d) for d in self._downstream.get(tid)]
            recheck.add(tid)
            recheck |= self._readers.get(tid)
        if structural:
            self._order = None
        for name in names:
            recheck |= self._task_names.get(name)
        if self._dirty_params:
            recheck |= self._update_params(changes)
        self._update_groups_and_info(changes)
        for tid in recheck:
            self._check_task(tid, tasks, changes)
        self.checked.tasks = len(recheck)
        self._set(PARAM_UNUSED, self._unused(), changes)
        if structural:
            self._set(NO_TASKS, _no_tasks(p), changes)
        self._update_cycles(bool(touched), new_edges, tasks, changes)
        if changes:
            self._ordered = None
        return changes

    # ------------------------------------------------------------------ parts of it
    def _update_groups_and_info(self, changes: Changes) -> None:
        p = self.p
        if self._dirty_groups:
            self._dirty_groups = False
            self._group_params = set()
            for g in p.groups:
                sides = (g.condition.left, g.condition.right) if g.condition else ()
                for a in (*sides, g.items):
                    self._group_params.update(argument_params(a))
        if self._dirty_info:
            self._dirty_info = False
            self._set(PIPELINE_CONTENTS, _pipeline_contents(p), changes)
            self._set(PIPELINE_NAME, _pipeline_name(p), changes)

    def _unused(self) -> list[Diagnostic]:
        """Used parameters: a few per pipeline, rechecked from the index after every edit."""
        return _unused(self.p, lambda n: bool(self._param_users.get(n))
                       or n in self._group_params)

    def _tasks(self) -> Mapping[str, Task]:
        if self._tasks_by_id is not None:
            return self._tasks_by_id()
        if self._dirty_tasks or not self._own_tasks:
            self._own_tasks = {t.id: t for t in self.p.tasks}
        return self._own_tasks

    def _index(self, tid: str, r: _Reads, add: bool = True) -> None:
        """Enter what task ``tid`` reads in the reverse indexes (``add=False``: take it out)."""
        if add:
            self._reads[tid] = r
        step = 1 if add else -1
        for index, keys in ((self._task_names, [r.name]), (self._users, [r.component_id]),
                            (self._readers, r.upstream), (self._downstream, r.edges),
                            (self._param_readers, r.params), (self._param_users, r.uses)):
            (index.add if add else index.discard)(keys, tid)
        for name in r.wired:
            count = self._wired.get(name, 0) + step
            if count:
                self._wired[name] = count
            else:
                del self._wired[name]

    def _update_components(self, changes: Changes) -> set[str]:
        """Recheck the touched components; the tasks whose checks read them."""
        touched, self._dirty_components = self._dirty_components, set()
        self._components = first_by(self.p.components, "id")
        self._comp_order = None
        names: set[str] = set()
        users: set[str] = set()
        for cid in touched:
            old = self._comp_name_of.pop(cid, None)
            if old is not None:
                self._comp_names.discard([old], cid)
                names.add(old)
            comp = self._components.get(cid)
            if comp is not None:
                self._comp_name_of[cid] = comp.python_name
                self._comp_names.add([comp.python_name], cid)
                names.add(comp.python_name)
            self._set(COMPONENT_CONTENTS, _component_contents(comp) if comp else [],
                      changes, cid)
            self._set(COMPONENT_SOURCES, _component_source(comp) if comp else [],
                      changes, cid)
            users |= self._users.get(cid)
        self.checked.components = len(touched)
        rename = set(touched)
        for name in names:
            rename |= self._comp_names.get(name)
        order = self._component_order()
        for cid in rename:
            comp = self._components.get(cid)
            repeated = comp is not None and any(
                order[o] < order[cid] for o in self._comp_names.get(comp.python_name))
            self._set(COMPONENT_NAMES, _component_name(comp, repeated) if comp else [],
                      changes, cid)
        return users

    def _update_params(self, changes: Changes) -> set[str]:
        """Recheck the parameters; the tasks wired to one that changed."""
        self._dirty_params = False
        old, self._params = self._params, first_by(self.p.params, "name")
        readers: set[str] = set()
        for name in old.keys() | self._params.keys():
            if old.get(name) is not self._params.get(name):
                readers |= self._param_readers.get(name)
        self._set(PARAM_CONTENTS, [d for prm in self.p.params
                                   for d in _param_contents(prm)], changes)
        self._set(PARAM_NAMES, _params_names(self.p), changes)
        return readers

    def _check_task(self, tid: str, tasks: Mapping[str, Task], changes: Changes) -> None:
        task = tasks.get(tid)
        if task is None:
            for section in _TASK_SECTIONS:
                self._set(section, [], changes, tid)
            return
        order = self._task_order()
        repeated = any(order[o] < order[tid] for o in self._task_names.get(task.name))
        self._set(TASK_CONTENTS, _task_contents(task), changes, tid)
        self._set(TASK_NAMES, _task_name(task, repeated), changes, tid)
        self._set(TASK_ARGUMENTS, _task_arguments(task, tasks, self._components,
                                                    self._params), changes, tid)

    def _update_cycles(self, touched: bool, new_edges: list[tuple[str, str]],
                       tasks: Mapping[str, Task], changes: Changes) -> None:
        """A new cycle must run through a new dependency: (u, t) closes one when t is
        upstream of u. While a cycle exists, any task edit may change its message."""
        if not (self._has_cycle and touched):
            new_edges = [(u, t) for u, t in new_edges if u in tasks and t in tasks]
            if not new_edges:
                return
            rank = self._rank
            if rank is None:
                # Ranked anew (one pass over the graph); it fails only on a cycle.
                self._rank = self._ranked(tasks)
                if self._rank is not None:
                    return
            else:
                # Removed edges and tasks keep a rank valid (a removed task keeps its
                # entry, so its undo fits again); only edges against it need a walk.
                against = [(u, t) for u, t in new_edges
                           if not (u in rank and t in rank and rank[u] < rank[t])]
                if not against:
                    return
                if not any(self._upstream_of(u, t, tasks) for u, t in against):
                    self._rank = None    # (no cycle, but the rank no longer fits)
                    return
        self.checked.full_cycle_checks += 1
        self._set(CYCLES, _cycles(self.p), changes)
        self._has_cycle = bool(self._items.get((CYCLES, "")))
        if self._has_cycle:
            self._rank = None

    def _ranked(self, tasks: Mapping[str, Task]) -> dict[str, int] | None:
        """Each task's place in a topological order of the graph (None: it has a cycle)."""
        self.checked.rankings += 1
        reads = self._reads
        graph = {tid: [u for u in r.edges if u in tasks] if (r := reads.get(tid)) else []
                 for tid in tasks}
        try:
            order = graphlib.TopologicalSorter(graph).static_order()
            return {tid: i for i, tid in enumerate(order)}
        except graphlib.CycleError:
            return None

    def _upstream_of(self, start: str, target: str, tasks: Mapping[str, Task]) -> bool:
        """Whether ``target`` is ``start`` or upstream of it (through existing tasks)."""
        seen = {start}
        stack = [start]
        while stack:
            tid = stack.pop()
            self.checked.cycle_visits += 1
            if tid == target:
                return True
            reads = self._reads.get(tid)
            for u in reads.edges if reads else ():
                if u not in seen and u in tasks:
                    seen.add(u)
                    stack.append(u)
        return False

    def _task_order(self) -> dict[str, int]:
        if self._order is None:    # after a task was added or removed
            self._order = {t.id: i for i, t in enumerate(self.p.tasks)}
        return self._order

    def _component_order(self) -> dict[str, int]:
        if self._comp_order is None:
            self._comp_order = {}
            for i, c in enumerate(self.p.components):
                self._comp_order.setdefault(c.id, i)
        return self._comp_order

    def _set(self, section: int, diagnostics: list[Diagnostic], changes: Changes,
             key: str = "") -> None:
        old = self._items.get((section, key), [])
        if old == diagnostics:
            return
        changes.removed += old
        changes.added += diagnostics
        if diagnostics:
            self._items[(section, key)] = diagnostics
        else:
            del self._items[(section, key)]
