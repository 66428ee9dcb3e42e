"""kfp 2.17.3's ``compiler/pipeline_spec_builder.py``, ported: one component and one
task entry per group (``build_spec_by_group``: inputs as ``pipelinechannel--`` parameters
and artifacts, loop iterators, CEL trigger conditions, DAG outputs for Collected and OneOf),
one per task (``build_task_spec_for_task``, with its settings: ``v2_settings``), the exit
tasks (``build_exit_handler_groups_recursively``), and the pipeline's own outputs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import v2_settings
from .source_map import Marked
from .v2_channels import (
    LOOP_CLASSES,
    ONE_OF,
    ArtifactChannel,
    Channel,
    Collected,
    LoopArgumentVariable,
    LoopArtifactArgument,
    LoopParameterArgument,
    OneOfArtifact,
    OneOfParameter,
    ParameterChannel,
    additional_input_name,
    channels_in,
)
from .v2_components import TASK_FINAL_STATUS
from .v2_dag import CondOp, KGroup, KTask, Model
from .v2_graph import Context, dependencies, group_inputs, group_outputs
from .v2_types import V2TypeError, struct_parameter_type, to_json


def _fail(message: str) -> V2TypeError:
    return V2TypeError(message)


def _artifact_type(type_name: str) -> dict:
    title, version = type_name.split("@")
    return {"schemaTitle": title, "schemaVersion": version}


def _group_component(channels: list[Channel], outputs: dict[str, Channel]) -> dict:
    """``build_component_spec_for_group``."""
    params: dict = {}
    arts: dict = {}
    for c in channels:
        name = additional_input_name(c)
        if isinstance(c, ArtifactChannel):
            entry = {"artifactType": _artifact_type(c.channel_type)}
            if c.is_artifact_list:
                entry["isArtifactList"] = True
            arts[name] = entry
        else:
            params[name] = _ptype_entry(c.channel_type)
    spec: dict = {}
    ins = {}
    if arts:
        ins["artifacts"] = arts
    if params:
        ins["parameters"] = params
    if ins:
        spec["inputDefinitions"] = ins
    out_params: dict = {}
    out_arts: dict = {}
    for name, c in outputs.items():
        if isinstance(c, ArtifactChannel):
            entry = {"artifactType": _artifact_type(c.channel_type)}
            if c.is_artifact_list:
                entry["isArtifactList"] = True
            out_arts[name] = entry
        else:
            out_params[name] = _ptype_entry(c.channel_type)
    outs = {}
    if out_arts:
        outs["artifacts"] = out_arts
    if out_params:
        outs["parameters"] = out_params
    if outs:
        spec["outputDefinitions"] = outs
    return spec


def _ptype_entry(channel_type: Any) -> dict:
    if isinstance(channel_type, dict):
        channel_type = next(iter(channel_type))
    if channel_type in ("PipelineTaskFinalStatus", "TaskConfig"):
        return {"parameterType": "STRUCT"}
    ptype = struct_parameter_type(str(channel_type))
    return {"parameterType": ptype} if ptype else {}


def _set(d: dict, *path_and_value: Any) -> None:
    *path, key, value = path_and_value
    for p in path:
        d = d.setdefault(p, {})
    d[key] = value


def _pop_input(spec: dict, name: str) -> None:
    inputs = spec.get("inputs")
    if not inputs:
        return
    for kind in ("artifacts", "parameters"):
        if kind in inputs:
            inputs[kind].pop(name, None)
            if not inputs[kind]:
                del inputs[kind]
    if not inputs:
        del spec["inputs"]


def _group_task(group: KGroup, channels: list[Channel], in_dag: set[str],
                parent_is_root: bool) -> dict:
    """``build_task_spec_for_group``."""
    spec: dict = {"taskInfo": {"name": group.display_name or group.name},
                  "componentRef": {"name": "comp-" + group.name}}
    for c in channels:
        full = c.full_name
        subvar = None
        if isinstance(c, LoopArgumentVariable):
            full = c.loop_argument.full_name
            subvar = c.subvar_name
        name = additional_input_name(c)
        cname = c.name
        if subvar:
            _set(spec, "inputs", "parameters", name, "parameterExpressionSelector",
                 f'parseJson(string_value)["{subvar}"]')
            if not c.is_with_items_loop_argument:
                cname = c.items_or_pipeline_channel.name
        if isinstance(c, ArtifactChannel):
            if c.task_name and c.task_name in in_dag:
                _set(spec, "inputs", "artifacts", name, "taskOutputArtifact",
                     {"producerTask": c.task_name, "outputArtifactKey": cname})
            else:
                _set(spec, "inputs", "artifacts", name, "componentInputArtifact",
                     full if parent_is_root else name)
        elif c.task_name and c.task_name in in_dag:
            _set(spec, "inputs", "parameters", name, "taskOutputParameter",
                 {"producerTask": c.task_name, "outputParameterKey": cname})
        else:
            _set(spec, "inputs", "parameters", name, "componentInputParameter",
                 full if parent_is_root else additional_input_name(full))
    if group.kind == "for-loop":
        _loop_task(group, spec)
    elif group.kind == "condition":
        spec["triggerPolicy"] = {"condition": " && ".join(_cel(op) for op in group.conditions)}
    return spec


def _loop_task(group: KGroup, spec: dict) -> None:
    arg = group.loop_argument
    if group.items_is_pipeline_channel:
        items = arg.items_or_pipeline_channel
        items_name = additional_input_name(items)
        item_name = additional_input_name(arg.full_name)
        if isinstance(arg, LoopParameterArgument):
            spec["parameterIterator"] = {"items": {"inputParameter": items_name},
                                         "itemInput": item_name}
        else:
            spec["artifactIterator"] = {"items": {"inputArtifact": items_name},
                                        "itemInput": item_name}
        _pop_input(spec, item_name)
        if isinstance(items, LoopArgumentVariable):
            _set(spec, "inputs", "parameters", items_name, "parameterExpressionSelector",
                 f'parseJson(string_value)["{items.subvar_name}"]')
            _set(spec, "inputs", "parameters", items_name, "componentInputParameter",
                 additional_input_name(items.loop_argument))
    else:
        name = additional_input_name(arg)
        spec["parameterIterator"] = {
            "items": {"raw": json.dumps(arg.items_or_pipeline_channel, sort_keys=True)},
            "itemInput": name}
        _pop_input(spec, name)
    if group.parallelism_limit > 0:
        spec["iteratorPolicy"] = {"parallelismLimit": group.parallelism_limit}


def _cel(op: CondOp) -> str:
    """``_single_binary_operation_to_cel_condition``."""
    operands = (op.left, op.right)
    for x in operands:
        if isinstance(x, Channel):
            ptype = struct_parameter_type(str(x.channel_type))
            if ptype in ("STRUCT", "LIST", None):
                raise _fail(f"Conditional requires primitive parameter values for comparison. "
                            f'Found input "{additional_input_name(x)}" of type '
                            f"{x.channel_type} in pipeline definition instead.")
    types = []
    for x in operands:
        t = struct_parameter_type(str(x.channel_type)) if isinstance(x, Channel) else \
            struct_parameter_type(type(x).__name__)
        if t not in types:
            types.append(t)
    if len(types) == 2:
        if "STRING" in types:
            canonical = "STRING"
        elif "BOOLEAN" in types:
            canonical = "BOOLEAN"
        else:
            canonical = "NUMBER_DOUBLE"
    else:
        canonical = types[0]
    values = []
    for x in operands:
        if isinstance(x, Channel):
            value = f"inputs.parameter_values['{additional_input_name(x)}']"
            ptype = struct_parameter_type(str(x.channel_type))
            if ptype == "NUMBER_INTEGER":
                value = f"int({value})"
        elif isinstance(x, str):
            value, ptype = f"'{x}'", "STRING"
        elif isinstance(x, bool):
            value, ptype = str(x).lower(), "BOOLEAN"
        elif isinstance(x, int):
            value, ptype = str(x), "NUMBER_INTEGER"
        elif isinstance(x, float):
            value, ptype = str(x), "NUMBER_DOUBLE"
        else:
            raise _fail(f"a condition compares {x!r}, which kfp 2 cannot compare")
        if ptype != canonical:
            if canonical == "STRING":
                value = f"'{value}'"
            elif canonical == "BOOLEAN":
                value = "true" if int(value) == 0 else "false"
            else:
                value = f"double({value})"
        values.append(value)
    text = f"{values[0]} {op.operator} {values[1]}"
    return f"!({text})" if op.negate else text


def _task_spec(task: KTask, parent_inputs: dict, in_dag: set[str]) -> dict:
    """``build_task_spec_for_task``."""
    spec: dict = {}
    v2_settings.task_fields(task, spec)
    spec["componentRef"] = {"name": "comp-" + task.name}
    params: dict = {}
    arts: dict = {}
    parent_params = parent_inputs.get("parameters", {})
    parent_arts = parent_inputs.get("artifacts", {})
    inputs = dict(task.inputs)
    inputs.update(v2_settings.injected_inputs(task))
    for name, value in inputs.items():
        if isinstance(value, LoopParameterArgument):
            params[name] = {"componentInputParameter": additional_input_name(value)}
        elif isinstance(value, LoopArtifactArgument):
            arts[name] = {"componentInputArtifact": additional_input_name(value)}
        elif isinstance(value, LoopArgumentVariable):
            params[name] = {
                "componentInputParameter": additional_input_name(value.loop_argument),
                "parameterExpressionSelector":
                    f'parseJson(string_value)["{value.subvar_name}"]'}
        elif isinstance(value, ArtifactChannel) or (
                isinstance(value, Collected) and value.is_artifact_channel):
            arts[name] = _channel_ref(value, in_dag, parent_arts, "Artifact")
        elif isinstance(value, (ParameterChannel, Collected)):
            params[name] = _channel_ref(value, in_dag, parent_params, "Parameter")
        else:
            for channel in channels_in(value):
                extra = additional_input_name(channel)
                if extra in inputs:
                    raise _fail(f"Name collision between existing input name {extra} and "
                                f"compiler injected input name {extra}")
                value = _replace(value, channel.pattern,
                                 f"{{{{$.inputs.parameters['{extra}']}}}}")
                params[extra] = _channel_ref(channel, in_dag, parent_params, "Parameter")
            params[name] = {"runtimeValue": {"constant": to_json(value, f"input `{name}`")}}
    if arts or params:
        spec["inputs"] = {}
        if arts:
            spec["inputs"]["artifacts"] = arts
        if params:
            spec["inputs"]["parameters"] = params
    spec["taskInfo"] = {"name": task.ir.settings.display_name or task.name}
    return spec


def _channel_ref(c: Channel, in_dag: set[str], parent: dict, kind: str) -> dict:
    if c.task_name:
        if c.task_name in in_dag:
            key = "outputArtifactKey" if kind == "Artifact" else "outputParameterKey"
            return {f"taskOutput{kind}": {"producerTask": c.task_name, key: c.name}}
        return {f"componentInput{kind}": additional_input_name(c)}
    name = c.full_name if c.full_name in parent else additional_input_name(c)
    return {f"componentInput{kind}": name}


def _replace(data: Any, old: str, new: str) -> Any:
    if isinstance(data, dict):
        return {k: _replace(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace(v, old, new) for v in data]
    if isinstance(data, str):
        return data.replace(old, new)
    return data


@dataclass
class Spec:
    """What ``compile_spec`` writes: components by name, executors by label, the root
    component, and the Kubernetes platform config by executor label."""
    components: dict[str, dict]
    executors: dict[str, dict]
    root: dict
    platform: dict[str, dict]
    task_comps: dict[str, KTask]      # comp-/exec- name -> task (for source maps)
    group_comps: dict[str, KGroup]
    # comp-/exec- names folded in from a sub-pipeline -> the task that runs it
    folded: dict[str, KTask] = field(default_factory=dict)


def compile_spec(m: Model, root_spec: dict, pipeline_outputs: dict[str, Any]) -> Spec:
    ctx = Context(m)
    outputs_dict: dict[str, Channel] = {}
    for key, value in pipeline_outputs.items():
        outputs_dict[key] = value
    for value in outputs_dict.values():
        if isinstance(value, Collected):
            continue
        if isinstance(value, ONE_OF):
            parent = value.condition_branches_group.parent
            if parent is not None and parent.kind != "pipeline":
                raise _fail("Pipeline outputs may only be returned from the top level of the "
                            "pipeline function scope. Got pipeline output dsl.OneOf from within "
                            f"the control flow group dsl.{parent.dsl_class}.")
        elif isinstance(value, Channel):
            producer = m.tasks.get(value.task_name or "")
            if producer is not None and producer.parent is not None and \
                    producer.parent.kind != "pipeline":
                raise _fail("Pipeline outputs may only be returned from the top level of the "
                            "pipeline function scope. Got pipeline output from within the "
                            f"control flow group dsl.{producer.parent.dsl_class}.")
    inputs = group_inputs(ctx)
    outputs, outputs_dict = group_outputs(ctx, outputs_dict)
    deps = dependencies(ctx)
    spec = Spec({}, {}, root_spec, {}, {}, {})
    for group in ctx.all_groups:
        _build_group(ctx, spec, group, inputs, outputs, deps)
    _exit_handlers(ctx, spec)
    _daggroup_outputs(spec.root, outputs_dict)
    return spec


def _unique(name: str, taken: dict) -> str:
    if name not in taken:
        return name
    i = 2
    while f"{name}-{i}" in taken:
        i += 1
    return f"{name}-{i}"


def _build_group(ctx: Context, spec: Spec, group: KGroup, inputs: dict, outputs: dict,
                 deps: dict) -> None:
    if group.kind == "pipeline":
        gspec = spec.root
    else:
        gspec = spec.components["comp-" + group.name]
    subgroups: list[Any] = list(group.groups) + list(group.tasks)
    in_dag = {s.name for s in subgroups}
    is_root = gspec is spec.root
    for sub in subgroups:
        sub_inputs = [c for c, _p in inputs.get(sub.name, ())]
        sub_outputs = outputs.get(sub.name, {})
        if isinstance(sub, KTask):
            task_spec = _task_spec(sub, gspec.get("inputDefinitions", {}), in_dag)
            comp_spec = _task_component(spec, sub, gspec.get("inputDefinitions", {}), in_dag)
            marks_task = sub
        else:
            marks_task = None
            if sub.kind == "for-loop":
                channels = []
                for c in sub_inputs:
                    if isinstance(c, LOOP_CLASSES) and c.is_with_items_loop_argument:
                        found = False
                        for gname in ctx.groups_to[sub.name][::-1]:
                            loop = ctx.loops.get(gname)
                            if loop is not None and c.name in loop.loop_argument.name:
                                found = True
                                break
                        if not found:
                            continue
                    channels.append(c)
                if sub.items_is_pipeline_channel:
                    channels.append(sub.loop_argument.items_or_pipeline_channel)
                channels.append(sub.loop_argument)
            elif sub.kind == "condition":
                channels = list(sub_inputs) + [x for op in sub.conditions
                                               for x in (op.left, op.right)
                                               if isinstance(x, Channel)]
            else:
                channels = list(sub_inputs)
            comp_spec = _group_component(channels, sub_outputs if sub.kind != "exit-handler"
                                         else {})
            task_spec = _group_task(sub, channels, in_dag, is_root)
            if sub.kind == "condition-branches":
                _one_ofgroup_outputs(comp_spec, sub_outputs)
            elif sub.kind != "exit-handler":
                _daggroup_outputs(comp_spec, sub_outputs)
        if deps.get(sub.name):
            task_spec["dependentTasks"] = sorted(deps[sub.name])
        if marks_task is not None:
            v2_settings.ignore_upstream_failure(marks_task, task_spec)
        cname = _unique("comp-" + sub.name, spec.components)
        task_spec["componentRef"]["name"] = cname
        spec.components[cname] = comp_spec
        if marks_task is not None:
            spec.task_comps[cname] = marks_task
            if "executorLabel" in comp_spec:
                spec.task_comps[comp_spec["executorLabel"]] = marks_task
            task_spec = Marked(task_spec, [("tasks", marks_task.ir.id, 0)])
        else:
            spec.group_comps[cname] = sub
            if sub.ir_id:
                task_spec = Marked(task_spec, [("groups", sub.ir_id, 0)])
        gspec.setdefault("dag", {}).setdefault("tasks", {})[sub.name] = task_spec


def _task_component(spec: Spec, task: KTask, parent_inputs: dict, in_dag: set[str]) -> dict:
    """The task's component, and its executor (and Kubernetes config) added to the spec; a
    pipeline's task folds the pipeline's components and executors in (``v2_subpipeline``)."""
    if task.comp.sub is not None:
        from .v2_subpipeline import check_task, merge
        check_task(task)
        return merge(spec.components, spec.executors, spec.platform, task.comp.sub, task,
                     spec.folded)
    label = _unique("exec-" + task.name, spec.executors)
    comp_spec: dict = {"executorLabel": label, **task.comp.spec}
    spec.executors[label] = v2_settings.executor(task)
    config = v2_settings.platform_for_dag(task, parent_inputs, in_dag)
    if config:
        spec.platform[label] = config
    return comp_spec


def _daggroup_outputs(comp_spec: dict, outs: dict[str, Channel]) -> None:
    """``_build_dag_outputs``."""
    defs = comp_spec.get("outputDefinitions", {})
    for name, c in outs.items():
        if isinstance(c, ArtifactChannel):
            if name not in defs.get("artifacts", {}):
                raise _fail(f"Pipeline or component output not defined: {name}. You may be "
                            "missing a type annotation.")
            sel = comp_spec.setdefault("dag", {}).setdefault("outputs", {}).setdefault(
                "artifacts", {}).setdefault(name, {"artifactSelectors": []})
            sel["artifactSelectors"].append({"producerSubtask": c.task_name,
                                             "outputArtifactKey": c.name})
        elif isinstance(c, ParameterChannel):
            if name not in defs.get("parameters", {}):
                raise _fail(f"Pipeline or component output not defined: {name}. You may be "
                            "missing a type annotation.")
            comp_spec.setdefault("dag", {}).setdefault("outputs", {}).setdefault(
                "parameters", {})[name] = {"valueFromParameter": {
                    "producerSubtask": c.task_name, "outputParameterKey": c.name}}
        else:
            raise _fail(f"Got unknown pipeline output '{name}' of type {c}.")
    _validate_daggroup_outputs(comp_spec)


def _validate_daggroup_outputs(comp_spec: dict) -> None:
    defs = comp_spec.get("outputDefinitions", {})
    dag_outs = comp_spec.get("dag", {}).get("outputs", {})
    for kind in ("artifacts", "parameters"):
        for name in defs.get(kind, {}):
            if name not in dag_outs.get(kind, {}):
                raise _fail(f"Missing pipeline output: {name}.")


def _one_ofgroup_outputs(comp_spec: dict, outs: dict[str, Channel]) -> None:
    defs = comp_spec.get("outputDefinitions", {})
    for name, oneof in outs.items():
        dag_outs = comp_spec.setdefault("dag", {}).setdefault("outputs", {})
        if isinstance(oneof, OneOfArtifact):
            if name not in defs.get("artifacts", {}):
                raise _fail(f"Pipeline or component output not defined: {name}.")
            sel = dag_outs.setdefault("artifacts", {}).setdefault(name, {"artifactSelectors": []})
            for c in oneof.channels:
                sel["artifactSelectors"].append({"producerSubtask": c.task_name,
                                                 "outputArtifactKey": c.name})
        if isinstance(oneof, OneOfParameter):
            if name not in defs.get("parameters", {}):
                raise _fail(f"Pipeline or component output not defined: {name}.")
            entry = dag_outs.setdefault("parameters", {}).setdefault(
                name, {"valueFromOneof": {"parameterSelectors": []}})
            for c in oneof.channels:
                entry["valueFromOneof"]["parameterSelectors"].append(
                    {"producerSubtask": c.task_name, "outputParameterKey": c.name})
    _validate_daggroup_outputs(comp_spec)


def _exit_handlers(ctx: Context, spec: Spec) -> None:
    """``build_exit_handler_groups_recursively``."""
    def walk(parent: KGroup) -> None:
        for group in parent.groups:
            if group.kind == "exit-handler":
                if parent.kind != "pipeline":
                    raise _fail(f"ExitHandler can only be used within the outermost scope of a "
                                "pipeline function definition. Using an ExitHandler within "
                                f"{parent.type_class} {parent.name} is not allowed.")
                task = group.exit_task
                task_spec = _task_spec(task, spec.root.get("inputDefinitions", {}), set())
                task_spec["dependentTasks"] = [group.name]
                task_spec["triggerPolicy"] = {"strategy": "ALL_UPSTREAM_TASKS_COMPLETED"}
                for name, port in task.comp.inputs.items():
                    if port.ptype == TASK_FINAL_STATUS:
                        task_spec.setdefault("inputs", {}).setdefault("parameters", {})[name] \
                            = {"taskFinalStatus": {"producerTask": group.name}}
                comp_spec = _task_component(spec, task, spec.root.get("inputDefinitions", {}),
                                            set(spec.root.get("dag", {}).get("tasks", {})))
                cname = _unique(task_spec["componentRef"]["name"], spec.components)
                task_spec["componentRef"]["name"] = cname
                spec.components[cname] = comp_spec
                spec.task_comps[cname] = task
                if "executorLabel" in comp_spec:
                    spec.task_comps[comp_spec["executorLabel"]] = task
                spec.root.setdefault("dag", {}).setdefault("tasks", {})[task.name] = Marked(
                    task_spec, [("tasks", task.ir.id, 0)])
            walk(group)

    try:
        walk(ctx.m.root)
    finally:
        walk = None  # noqa: F841  (a recursive closure is a cycle: see v2_graph)


__all__ = ["compile_spec", "Spec"]
