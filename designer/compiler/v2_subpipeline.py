"""kfp 2 sub-pipelines: a pipeline used as a component (``ir.subpipeline``).

kfp compiles a ``@dsl.pipeline`` function on its own when it is decorated
(``GraphComponent.__init__``: a whole PipelineSpec), and when a pipeline uses it as a task it
folds that spec into its own (``pipeline_spec_builder.merge_deployment_spec_and_component_spec``):
the inner executors and components are copied in, each renamed ``-2``, ``-3``... where the
outer spec already has the name, and the inner root (its input and output definitions and its
DAG) becomes the task's component. ``compile_inner`` is the first half (the very same path as
a top-level pipeline: ``v2_dag``, ``v2_spec``), ``merge`` the second.

kfp iterates the inner executors and components in protobuf map order, which upb randomises
per process; where the outcome depends on that order (an inner name renamed onto another
inner name; a renamed executor with a Kubernetes platform config) kfp writes different files
from run to run, and we refuse rather than write one of them.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from designer.ir import Pipeline
from designer.ir.features import Use
from designer.ir.subpipeline import PipelineComponent

from .v2_channels import ArtifactChannel, Channel, Collected
from .v2_spec import _unique
from .v2_components import ComponentV2, Port, definitions
from .v2_types import V2TypeError, struct_parameter_type

# What kfp 2 lets a task of a pipeline set: its name, caching, retries and the trigger
# policy. The container settings (resources, env, image pull...) raise in kfp ("can only be
# used on single-step components"), platform settings too ("Platform-specific features can
# only be set on primitive components").
TASK_SETTINGS = frozenset({"display_name", "enable_caching", "retry", "ignore_upstream_failure"})


@dataclass
class SubSpec:
    """An inner pipeline compiled on its own: what ``merge`` folds into the outer spec."""
    components: dict[str, dict]
    executors: dict[str, dict]
    root: dict
    platform: dict[str, dict]        # executor label -> its kubernetes executor config


def _plain(data: Any) -> Any:
    """A deep copy with the writer's marked dicts made plain (the inner ids mean nothing in
    the outer pipeline's source map)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def compile_inner(p: Pipeline, version: str) -> tuple[SubSpec, dict[str, Channel], dict]:
    """(the spec, the pipeline outputs' channels, the root's parameter ports) of ``p``
    compiled as kfp compiles a decorated pipeline."""
    from .python_body import in_writing_order
    from .v2 import _components
    from .v2_general import build_spec
    p = in_writing_order(p)
    if not p.conf.is_default():
        raise V2TypeError("it sets pipeline settings, which kfp 2 does not carry into the "
                          "pipeline that uses it")
    tasks = p.topological_tasks()
    if not tasks:
        raise V2TypeError("Task is missing from pipeline.")
    spec, _params, _artifacts, outputs, ports = build_spec(
        p, tasks, _components(p, tasks, version), marked=False)
    return (SubSpec(_plain(spec.components), _plain(spec.executors), _plain(spec.root),
                    _plain(spec.platform)), outputs, ports)


def _output_port(name: str, c: Channel, description: str | None) -> Port:
    if isinstance(c, Collected):
        if c.is_artifact_channel:
            return Port(name, c.channel_type, None, True, description=description)
        return Port(name, "List", "LIST", description=description)
    if isinstance(c, ArtifactChannel):
        return Port(name, c.channel_type, None, c.is_artifact_list, description=description)
    return Port(name, c.channel_type, struct_parameter_type(str(c.channel_type)),
                description=description)


def pipeline_component(comp: PipelineComponent, k8s_name: str, version: str) -> ComponentV2:
    """The sub-pipeline as the outer pipeline's tasks see it: the inner parameters as
    inputs, its outputs as outputs, and the inner spec (``sub``) to fold in per task."""
    try:
        sub, outputs, ports = compile_inner(comp.pipeline, version)
    except V2TypeError as e:
        raise V2TypeError(f"in sub-pipeline `{comp.python_name}`: {e}") from None
    docs = comp.pipeline.output_descriptions
    out_ports = {name: _output_port(name, c, docs.get(name) or None)
                 for name, c in outputs.items()}
    return ComponentV2(
        k8s_name, dict(ports), out_ports, {n: n for n in ports}, {n: n for n in out_ports},
        definitions(ports, out_ports), {}, "", "", comp.signature,
        {n: p.ptype for n, p in ports.items() if p.ptype},
        {n: p.ptype for n, p in out_ports.items() if p.ptype}, sub=sub)


def _at(task: Any, error: V2TypeError) -> V2TypeError:
    """``error`` located at ``task`` (the caller turns that into a file line)."""
    error.use = Use("subpipeline", f"task `{task.ir.name}`", task_id=task.ir.id)  # type: ignore
    return error


def check_task(task: Any) -> None:
    """kfp refuses container and platform settings on a task of a pipeline."""
    changed = [n for n in task.ir.settings.changed() if n not in TASK_SETTINGS]
    if changed:
        raise _at(task, V2TypeError(
            f"task `{task.ir.name}` runs a pipeline and sets {changed[0].replace('_', ' ')}; "
            "kfp 2 sets that on single-step components only"))


def _order_dependent(task: Any, what: str, old: str, new: str) -> V2TypeError:
    task_name = task.ir.name
    return _at(task, V2TypeError(
        f"task `{task_name}`: kfp 2.17.3 renames the sub-pipeline's {what} `{old}` to "
        f"`{new}`, a name the sub-pipeline itself uses, and the result depends on an order "
        "kfp draws at random on each run (protobuf map order); rename a component so that "
        "the two pipelines do not share task names"))


def merge(main_components: dict, main_executors: dict, main_platform: dict, sub: SubSpec,
          task: Any, folded: dict | None = None) -> dict:
    """``merge_deployment_spec_and_component_spec``: folds ``sub`` into the main spec's
    dicts and returns the task's component (the renamed inner root); ``folded`` gets the
    task for each component name and executor label folded in."""
    components = copy.deepcopy(sub.components)
    root = copy.deepcopy(sub.root)
    # Executors (``_merge_deployment_spec``): each renamed against the main labels.
    labels = {old: _unique(old, main_executors) for old in sub.executors}
    if len(set(labels.values())) != len(labels):
        raise _order_dependent(task, "executor", *next(
            (o, n) for o, n in labels.items() if list(labels.values()).count(n) > 1))
    for old, new in labels.items():
        if new != old and new in sub.executors:
            raise _order_dependent(task, "executor", old, new)
        if new != old and old in sub.platform and len(sub.executors) > 1:
            # kfp merges the inner platform config once per executor, before renaming the
            # ones it has not reached yet: a renamed one lands on the main executor too
            # when another executor comes first (one executor alone is renamed first).
            raise _at(task, V2TypeError(
                f"task `{task.ir.name}`: kfp 2.17.3 renames the sub-pipeline's executor `{old}` "
                f"(it has Kubernetes settings) to `{new}`, and writes its Kubernetes settings "
                f"onto the outer pipeline's own `{old}` as well, depending on an order kfp "
                "draws at random on each run; rename a component so that the two pipelines "
                "do not share task names"))
    for spec in components.values():
        label = spec.get("executorLabel")
        if label in labels:
            spec["executorLabel"] = labels[label]
    for old, body in sub.executors.items():
        main_executors[labels[old]] = copy.deepcopy(body)
        if folded is not None:
            folded[labels[old]] = task
    for label, config in sub.platform.items():
        main_platform[labels[label]] = copy.deepcopy(config)
    # Components (``_merge_component_spec``): renamed against the main names.
    names = {old: _unique(old, main_components) for old in sub.components}
    for old, new in names.items():
        if new != old and (new in sub.components or list(names.values()).count(new) > 1):
            raise _order_dependent(task, "component", old, new)
    for spec in list(components.values()) + [root]:
        for entry in spec.get("dag", {}).get("tasks", {}).values():
            ref = entry.get("componentRef", {})
            if ref.get("name") in names:
                ref["name"] = names[ref["name"]]
    for old, spec in components.items():
        main_components[names[old]] = spec
        if folded is not None:
            folded[names[old]] = task
    return root


__all__ = ["SubSpec", "compile_inner", "pipeline_component", "check_task", "merge",
           "TASK_SETTINGS"]
