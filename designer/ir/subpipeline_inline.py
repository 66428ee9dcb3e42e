"""A pipeline with its sub-pipelines' tasks put in place of the tasks that run them: what a
local run executes (kfp runs a sub-pipeline as a DAG of its tasks inside the caller's).

For a task T of pipeline Q (itself flattened first):
* Q's tasks, groups and components join the caller under ids ``<T id>.<their id>`` (Q's own
  id space is kept apart), its tasks named ``<T name>__<their name>``;
* Q's parameters become what T passes (else their defaults); Q's top-level tasks and groups
  go where T was (T's group), and run after what T ran after;
* what reads T's outputs reads what Q returns for them, and what ran after T runs after all
  of Q's tasks.
What has no equivalent in the flat pipeline (T's own retries or caching, a pipeline as an
exit task, T's output read inside a Collected when Q returns a Collected/OneOf) raises
InlineError (a ValueError) with the reason and T: the caller refuses.

Users: the local runner, and the KFP v1 compiler (kfp 1.8.9 has no pipeline task: a pipeline
function called in another runs its ops in the caller, in call order: compiling the flat
pipeline gives kfp 1.8.9's bytes, tests/compiler/test_v1_subpipelines.py).
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, Callable

from .model import Collected, Concat, Constant, OneOf, OutputRef, ParamRef, Pipeline, Task
from .naming import unique_name
from .remap import remap
from .subpipeline import FINAL_STATUS, PipelineComponent, sub_pipelines

_SEP = "."


class InlineError(ValueError):
    """Why a task of a sub-pipeline cannot be put in place; ``task_id``: that task."""

    def __init__(self, message: str, task_id: str | None = None):
        super().__init__(message)
        self.task_id = task_id


def _substitute(value: Any, fn: Callable[[Any], Any]) -> Any:
    """``value`` rebuilt with every ParamRef / OutputRef ``fn`` maps (``fn`` returns None to
    keep one); a Concat part replaced by a Concat is spliced in."""
    if isinstance(value, (ParamRef, OutputRef)):
        new = fn(value)
        return value if new is None else new
    if isinstance(value, Concat):
        parts: list[Any] = []
        for part in value.parts:
            new = _substitute(part, fn)
            parts.extend(new.parts if isinstance(new, Concat) else (new,))
        return Concat(tuple(parts))
    if is_dataclass(value) and not isinstance(value, type) and not isinstance(
            value, PipelineComponent):
        changes = {}
        for f in fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = _substitute(old, fn)
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    if isinstance(value, list):
        items = [_substitute(v, fn) for v in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, tuple):
        items = tuple(_substitute(v, fn) for v in value)
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        items = {k: _substitute(v, fn) for k, v in value.items()}
        return items if any(items[k] is not value[k] for k in value) else value
    return value


def inline(p: Pipeline, keep_names: bool = True) -> Pipeline:
    """``p`` with every task of a sub-pipeline replaced by the sub-pipeline's tasks.
    ``keep_names``: a pipeline task's display name may go (a local run shows the tasks
    inside); False: it is refused too (a compiler would drop it)."""
    subs = {c.id: c for c in sub_pipelines(p)}
    if not any(t.component_id in subs for t in p.tasks):
        return p
    exits = {g.exit_task for g in p.groups if g.kind == "exit_handler"}
    tasks: list[Task] = []
    components = [c for c in p.components if c.id not in subs]
    groups = list(p.groups)
    outputs_of: dict[str, dict[str, Any]] = {}     # T id -> Q's outputs, renamed
    inner_ids: dict[str, list[str]] = {}            # T id -> Q's task ids, renamed
    names = {t.name for t in p.tasks if t.component_id not in subs}
    for t in p.tasks:
        comp = subs.get(t.component_id)
        if comp is None:
            tasks.append(t)
            continue
        where = f"task `{t.name}` (pipeline `{comp.python_name}`)"
        if t.id in exits:
            raise InlineError(f"{where} is an exit task: a pipeline as an exit task cannot be "
                              "put in place of its task yet", t.id)
        own = [n for n in t.settings.changed() if n != "display_name" or not keep_names]
        if own:
            raise InlineError(f"{where} sets {own[0].replace('_', ' ')} on the whole "
                              "pipeline, which its tasks put in its place cannot carry yet", t.id)
        if not comp.pipeline.conf.is_default():
            raise InlineError(f"{where}: the pipeline has pipeline settings of its own, which "
                              "its tasks put in its place cannot carry", t.id)
        try:
            q = inline(comp.pipeline, keep_names)
        except InlineError as e:       # (located at the task running the pipeline)
            raise InlineError(f"in pipeline `{comp.python_name}`: {e}", t.id) from None
        pre = t.id + _SEP
        q = remap(q, {x.id: pre + x.id for x in q.tasks}, {g.id: pre + g.id for g in q.groups},
                  {c.id: pre + c.id for c in q.components})
        given = {}
        for prm in q.params:
            if (prm.annotation or "").strip().rsplit(".", 1)[-1] == FINAL_STATUS:
                raise InlineError(f"{where}: its parameter `{prm.name}` is a task's final "
                                  "status, which only an exit task gets", t.id)
            if prm.name in t.arguments:
                given[prm.name] = t.arguments[prm.name]
            elif prm.has_default:
                given[prm.name] = Constant(prm.default)
            else:
                raise InlineError(f"{where} gives no value for `{prm.name}`", t.id)
        q = _substitute(q, lambda r: given.get(r.name) if isinstance(r, ParamRef) else None)
        # (remap made these objects: changing them leaves the pipeline given alone)
        for x in q.tasks:
            x.name = unique_name(f"{t.name}__{x.name}", names)
            names.add(x.name)
            if x.group is None:
                x.group = t.group
                x.after = list(dict.fromkeys(x.after + t.after))
        for g in q.groups:
            if g.parent is None:
                g.parent = t.group
        tasks.extend(q.tasks)
        for c in q.components:      # (one component for the levels that hold the same one)
            same = next((e for e in components if type(e) is type(c)
                         and replace(c, id=e.id) == e), None)
            if same is None:
                components.append(c)
            else:
                for x in q.tasks:
                    if x.component_id == c.id:
                        x.component_id = same.id
        groups.extend(q.groups)
        outputs_of[t.id] = q.outputs
        inner_ids[t.id] = [x.id for x in q.tasks]

    def output(r: Any) -> Any:
        if isinstance(r, OutputRef) and r.task_id in outputs_of:
            found = outputs_of[r.task_id].get(r.output)
            if found is None:
                raise InlineError(f"a pipeline has no output `{r.output}`", r.task_id)
            return found
        return None

    flat = replace(p, tasks=tasks, components=components, groups=groups)
    flat = _substitute(flat, output)
    flat.tasks = [replace(x, after=list(dict.fromkeys(
        i for d in x.after for i in inner_ids.get(d, [d]))))
        if any(d in inner_ids for d in x.after) else x for x in flat.tasks]
    for x in flat.tasks:
        for arg in x.arguments.values():
            inner = arg.ref if isinstance(arg, Collected) else None
            if isinstance(inner, (Collected, OneOf)):
                raise InlineError(f"task `{x.name}` collects a pipeline's output that is "
                                  "itself collected or chosen, which has no equivalent in one "
                                  "pipeline")
    return flat


def located(e: InlineError, doing: str) -> Any:
    """An InputError ``<doing>: <why>`` located at the task (``error.use``: the callers'
    way to a file line)."""
    from .errors import InputError
    from .features import Use
    error = InputError(f"{doing}: {e}")
    if e.task_id is not None:
        error.use = Use("subpipeline", "task", task_id=e.task_id)  # type: ignore[attr-defined]
    return error


__all__ = ["inline", "InlineError", "located"]
