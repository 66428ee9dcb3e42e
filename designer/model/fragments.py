"""Clipboard fragments: a selection as a small project, and the ops that paste one.

A fragment is a ``persist.Project`` (so it travels between windows as project
text): the selected tasks, the components they use, the parameters they read
or that were selected, and the positions of selected nodes. A parameter that
was selected has a layout entry; one only referenced has none and is reused by
name when pasting (or created when the target has no parameter of that name).
"""
from __future__ import annotations

import copy
from dataclasses import replace

from designer.ir import OutputRef, ParamRef, Pipeline, PipelineParam, Task, new_id
from designer.ir.model import Concat, LoopItem, argument_refs
from designer.ir.settings import TaskSettings
from designer.ir.naming import unique_name
from designer.persist import Project

from . import ops as O
from .commands import component_for_drop
from .document import Document
from .ops import Op, Pos
from .rules import PARAM_PREFIX

CLIPBOARD_NAME = "clipboard"


def make_fragment(doc: Document, task_ids: list[str], params: list[str] = ()) -> Project:
    """The selection as a project; wires to unselected tasks are dropped."""
    chosen = set(task_ids)
    tasks = [copy.deepcopy(t) for t in doc.pipeline.tasks if t.id in chosen]
    for t in tasks:
        t.arguments = {k: a for k, a in t.arguments.items()
                       if not (isinstance(a, OutputRef) and a.task_id not in chosen)
                       and not _reads_loop(a)}
        t.after = [d for d in t.after if d in chosen]
        t.group = None      # a fragment holds no groups: pasted tasks land at the root
        t.settings = _settings_within(t.settings, chosen)
    comp_ids = list(dict.fromkeys(t.component_id for t in tasks))
    components = [copy.deepcopy(doc.component(c)) for c in comp_ids]
    referenced = {a.name for t in tasks for a in t.arguments.values() if isinstance(a, ParamRef)}
    wanted = set(params) | referenced
    fragment_params = [copy.deepcopy(p) for p in doc.pipeline.params if p.name in wanted]
    layout = {t.id: doc.layout[t.id] for t in tasks if t.id in doc.layout}
    for name in params:
        key = PARAM_PREFIX + name
        layout[key] = doc.layout.get(key, (0.0, 0.0))
    pipeline = Pipeline(name=CLIPBOARD_NAME, params=fragment_params, components=components,
                        tasks=tasks)
    return Project(pipeline, layout)


def _reads_loop(arg) -> bool:
    """Whether an argument reads a loop's item (meaningless outside the loop: dropped)."""
    if isinstance(arg, LoopItem):
        return True
    return isinstance(arg, Concat) and any(_reads_loop(p) for p in arg.parts)


_RESOURCES = ("cpu_request", "cpu_limit", "memory_request", "memory_limit", "accelerator_type",
              "accelerator_limit")


def _settings_within(s: TaskSettings, chosen: set[str]) -> TaskSettings:
    """``s`` without what reads unselected tasks or a loop's item (like wires, dropped)."""
    def outside(value) -> bool:
        return _reads_loop(value) or any(r.task_id not in chosen for r in argument_refs(value))
    return replace(
        s, **{f: None for f in _RESOURCES if outside(getattr(s, f))},
        env=tuple(e for e in s.env if not any(outside(v) for v in (e.value, e.secret,
                                                                     e.config_map))),
        volumes=tuple(m for m in s.volumes if not outside(m.name) and m.volume_task in (
            None, *chosen)))


def paste_ops(doc: Document, fragment: Project, offset: Pos) -> tuple[list[Op], list[str], list[str]]:
    """Ops inserting ``fragment`` shifted by ``offset``; also the new task ids and param keys."""
    dx, dy = offset
    src = fragment.pipeline
    ops: list[Op] = []
    # Components: reuse an identical one, else add a copy.
    comp_map: dict[str, str] = {}
    n_components = len(doc.pipeline.components)
    for comp in src.components:
        cid, comp_ops = component_for_drop(doc, comp)
        for op in comp_ops:  # appended in order, after the document's components
            ops.append(O.InsertComponent(n_components, op.component))
            n_components += 1
        comp_map[comp.id] = cid
    # Parameters: selected ones are copied under a free name; referenced ones are reused.
    param_map: dict[str, str] = {}
    taken = {p.name for p in doc.pipeline.params}
    param_keys: list[str] = []
    n_params = len(doc.pipeline.params)
    for prm in src.params:
        selected = PARAM_PREFIX + prm.name in fragment.layout
        if not selected and prm.name in taken:
            param_map[prm.name] = prm.name
            continue
        name = unique_name(prm.name, taken)
        taken.add(name)
        param_map[prm.name] = name
        ops.append(O.InsertParam(n_params, PipelineParam(name, prm.annotation, prm.default,
                                                            prm.has_default)))
        n_params += 1
        x, y = fragment.layout.get(PARAM_PREFIX + prm.name) or _left_of_readers(fragment,
                                                                                prm.name)
        ops.append(O.SetPositions({PARAM_PREFIX + name: (x + dx, y + dy)}))
        param_keys.append(PARAM_PREFIX + name)
    # Tasks: new ids, free names, references remapped.
    id_map = {t.id: new_id() for t in src.tasks}
    names = {t.name for t in doc.pipeline.tasks}
    new_ids = []
    for i, t in enumerate(src.tasks):
        args = {}
        for k, a in t.arguments.items():
            if isinstance(a, OutputRef):
                if a.task_id not in id_map:
                    continue
                a = OutputRef(id_map[a.task_id], a.output)
            elif isinstance(a, ParamRef):
                a = ParamRef(param_map.get(a.name, a.name))
            args[k] = a
        name = unique_name(t.name, names)
        names.add(name)
        task = Task(id=id_map[t.id], name=name, component_id=comp_map.get(t.component_id,
                                                                          t.component_id),
                    arguments=args, after=[id_map[d] for d in t.after if d in id_map])
        x, y = fragment.layout.get(t.id, (40.0 * i, 40.0 * i))
        ops.append(O.InsertTask(len(doc.pipeline.tasks) + i, task, (x + dx, y + dy)))
        new_ids.append(task.id)
    return ops, new_ids, param_keys


def _left_of_readers(fragment: Project, name: str) -> tuple[float, float]:
    """Where a parameter the fragment needs (but did not carry) goes: left of its readers."""
    spots = [fragment.layout[t.id] for t in fragment.pipeline.tasks if t.id in fragment.layout
             and any(isinstance(a, ParamRef) and a.name == name for a in t.arguments.values())]
    if not spots:
        return 0.0, 0.0
    x, y = min(spots)
    return x - 220.0, y


def fragment_bounds(fragment: Project) -> tuple[float, float] | None:
    """Top-left of the fragment's positions (for pasting at the cursor)."""
    if not fragment.layout:
        return None
    return (min(x for x, _ in fragment.layout.values()),
            min(y for _, y in fragment.layout.values()))
