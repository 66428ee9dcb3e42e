"""IR -> KFP v1 Argo workflow YAML, byte-identical to ``kfp.compiler.Compiler().compile`` (1.8.9).

The workflow is assembled the way kfp 1.8.9 assembles it for a flat pipeline of Python
function components (``compiler.py``, ``_op_to_template.py``, ``_component_bridge.py``, then
``_data_passing_rewriter.fix_big_data_passing``), with the same key order, sorting and naming:

* op names: the component name sanitised (``Print and return number`` ->
  ``print-and-return-number``), repeated uses get ``-2``, ``-3``... in task order;
* parameters: pipeline inputs keep their names, task outputs are ``<op>-<output>``; output
  parameters nobody consumes are pruned, output artifacts always stay;
* constants are serialised into the container arguments, never passed through the DAG.

Per-component work (the embedded program, the component_spec JSON) is computed once
(``v1_program``), and the YAML is written by ``yaml_emit``, which memoises long scalars, so
pipelines with many tasks of few components compile quickly.
"""
from __future__ import annotations

import datetime
import graphlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from designer.ir import Constant, InputError, OutputRef, ParamRef, Pipeline, Task
from designer.ir.naming import (UniqueNames, component_name, sanitize_file_name,
                                sanitize_k8s_name, sanitize_python_name)

from . import yaml_emit
from .guard import refuse_unsupported
from .source_map import Compiled, Marked
from .v1_program import ComponentInfo, component_from_source, interface_inputs
from .v1_types import SerializationError, kfp_type_name, serialize_value, short_type_name

KFP_VERSION = "1.8.9"
# IR features (designer.ir.features) this compiler writes exactly as kfp 1.8.9 does.
SUPPORTED: frozenset[str] = frozenset()
_SDK_VERSION_LABEL = "pipelines.kubeflow.org/kfp_sdk_version"
_LEGACY_OUTPUTS = ("mlpipeline-ui-metadata", "mlpipeline-metrics")


# --- names (kfp.compiler._k8s_helper, kfp.components._naming: designer.ir.naming) ---
def _op_names(order: list[Task], component_names: Mapping[str, str]) -> dict[str, str]:
    """Task id -> op name: ``_sanitize_python_function_name(component name)`` with ``-``
    for ``_``, made unique (``-2``, ``-3``...) in creation order, then k8s-sanitised.
    ``component_names`` maps component ids to kfp component names (``Print it``)."""
    raw_names = UniqueNames()  # kfp dedups the raw names, then sanitises
    names: dict[str, str] = {}
    for task in order:
        base = sanitize_python_name(component_names.get(task.component_id, "")).replace(
            "_", "-") or "task"
        names[task.id] = sanitize_k8s_name(raw_names.add(base))
    return names


def task_names(pipeline: Pipeline) -> dict[str, str]:
    """Task id -> the name kfp 1.8.9 gives the task's op (its DAG task and template).
    Raises InputError on a cycle of tasks, as ``compile_v1`` does."""
    return _op_names(_creation_order(pipeline),
                     {c.id: component_name(c.name) for c in pipeline.components})


def _legacy_output_name(name: str) -> str | None:
    normalized = re.sub("[^a-zA-Z0-9]", "-", name.lower())
    return normalized if normalized in _LEGACY_OUTPUTS else None


def compile_time_now() -> str:
    """The compilation time kfp would write: SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():  # reproducible builds: UTC, naive, like utcfromtimestamp()
        return datetime.datetime.fromtimestamp(
            int(epoch), tz=datetime.timezone.utc).replace(tzinfo=None).isoformat()
    return datetime.datetime.now().isoformat()


# --- ops ---
@dataclass
class _Op:
    """One task, resolved: kfp's ContainerOp after name sanitisation."""
    name: str
    info: ComponentInfo
    args: list[str]
    parameter_arguments: dict[str, str]
    # (parameter full name, producing op name or None for a pipeline input)
    inputs: dict[str, str | None] = field(default_factory=dict)
    input_artifacts: list[dict[str, Any]] = field(default_factory=list)
    dependencies: set[str] = field(default_factory=set)
    task_id: str = ""        # where it came from (the source map)
    component_id: str = ""

    def output_param(self, output: str) -> str:
        return f"{self.name}-{sanitize_k8s_name(output, True)}"


_PARAMETER_TYPES = frozenset(["integer", "int", "double", "float", "string", "str", "text", "bool",
                              "boolean", "dict", "list", "jsonobject", "jsonarray"])


def _check_types(task: Task, info: ComponentInfo, name: str, given: str | None,
                 expected: str | None) -> None:
    """``kfp.dsl.types.verify_type_compatibility`` with type checking on (kfp's default)."""
    if given is None or expected is None or given == "" or expected == "" or given == expected:
        return
    if (short_type_name(expected).lower() not in _PARAMETER_TYPES and given.lower() == "artifact"
            or short_type_name(given).lower() not in _PARAMETER_TYPES
            and expected.lower() == "artifact"):
        return
    raise _task_error(task, f'Incompatible argument passed to the input "{name}" of component '
                      f'"{info.name}": Argument type "{given}" is incompatible with the input '
                      f'type "{expected}"')


def _task_error(task: Task, message: str) -> InputError:
    return InputError(f"task `{task.name}`: {message}")


def _resolve_arguments(task: Task, info: ComponentInfo, ops_by_task: dict[str, _Op],
                       pipeline: Pipeline) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """({input: value string or None (passed None)}, {param full name: producer})."""
    values: dict[str, str | None] = {}
    refs: dict[str, str | None] = {}
    for inp in info.inputs:  # kfp adds defaults for inputs the task does not pass
        if inp.name not in task.arguments and inp.default is not None:
            value: Any = inp.default
            try:
                if inp.type == "Integer":
                    value = str(int(value))
                elif inp.type == "Float":
                    value = str(float(value))
            except ValueError:
                raise _task_error(task, f"the default {inp.default!r} of input `{inp.name}` is "
                                  f"not a valid {inp.type}") from None
            values[inp.name] = value
    for name, arg in task.arguments.items():
        inp = info.input(name)
        if inp is None:
            raise _task_error(task, f"component `{info.name}` has no input `{name}`")
        if isinstance(arg, Constant):
            if arg.value is None:
                values[name] = None
                continue
            try:
                values[name] = serialize_value(arg.value, inp.type)
            except SerializationError as e:
                raise _task_error(task, f"input `{name}`: {e}") from None
        elif isinstance(arg, ParamRef):
            param = sanitize_k8s_name(arg.name, True)
            source = pipeline.param(arg.name)
            if source is None:
                raise _task_error(task, f"input `{name}` uses unknown pipeline parameter "
                                  f"`{arg.name}`")
            _check_types(task, info, name, kfp_type_name(source.annotation), inp.type)
            refs[param] = None
            values[name] = "{{inputs.parameters.%s}}" % param
        elif isinstance(arg, OutputRef):
            up = ops_by_task.get(arg.task_id)
            if up is None:
                raise _task_error(task, f"input `{name}` is wired to a task that does not "
                                  f"exist ({arg.task_id})")
            out = next((o for o in up.info.outputs if o.name == arg.output), None)
            if out is None:
                raise _task_error(task, f"input `{name}` is wired to output `{arg.output}`, "
                                  f"which `{up.info.name}` does not have")
            _check_types(task, info, name, out.type, inp.type)
            param = up.output_param(arg.output)
            refs[param] = up.name
            values[name] = "{{inputs.parameters.%s}}" % param
    return values, refs


def _expand_args(task: Task, info: ComponentInfo, values: dict[str, str | None]) -> list[str]:
    """``_resolve_command_line_and_paths`` for the argument list."""
    out: list[str] = []

    def expand(part: Any) -> None:
        if isinstance(part, str):
            out.append(part)
        elif "inputValue" in part:
            name = part["inputValue"]
            value = values.get(name)
            if value is not None:
                out.append(value)
            elif not info.input(name).optional:
                raise _task_error(task, f"no value for the required input `{name}`")
        elif "outputPath" in part:
            out.append(f"/tmp/outputs/{sanitize_file_name(part['outputPath'])}/data")
        else:  # {"if": {"cond": {"isPresent": name}, "then": [...]}}
            cond = part["if"]
            if values.get(cond["cond"]["isPresent"]) is not None:
                for p in cond["then"]:
                    expand(p)

    for part in info.args:
        expand(part)
    return out


def _build_ops(pipeline: Pipeline, infos: dict[str, ComponentInfo]) -> list[_Op]:
    ops: list[_Op] = []
    ops_by_task: dict[str, _Op] = {}
    order = _creation_order(pipeline)
    names = _op_names(order, {cid: info.name for cid, info in infos.items()})
    for task in order:
        info = infos[task.component_id]
        values, refs = _resolve_arguments(task, info, ops_by_task, pipeline)
        args = _expand_args(task, info, values)
        consumed = {k: v for k, v in values.items() if v is not None}
        op = _Op(name=names[task.id], info=info, args=args,
                 parameter_arguments={k: consumed[k] for k in _arg_order(info, consumed)},
                 inputs=refs, task_id=task.id, component_id=task.component_id)
        for name, value in values.items():
            if value is None:  # passed None: kfp keeps it as an input artifact with raw data
                op.input_artifacts.append({"name": sanitize_k8s_name(name, True),
                                           "path": f"/tmp/inputs/{sanitize_file_name(name)}/data",
                                           "raw": {"data": "None"}})
        op.dependencies = {ops_by_task[t].name for t in
                           [a.task_id for a in task.arguments.values() if isinstance(a, OutputRef)]}
        for dep in task.after:
            if dep not in ops_by_task:  # the order puts every existing upstream first
                raise _task_error(task, f"runs after a task that does not exist ({dep})")
            op.dependencies.add(ops_by_task[dep].name)
        ops.append(op)
        ops_by_task[task.id] = op
    return ops


def _arg_order(info: ComponentInfo, consumed: dict[str, str]) -> list[str]:
    """Inputs in the order kfp's argument expansion consumes them (the annotation is sorted
    JSON, so this only has to be deterministic)."""
    return [i.name for i in info.inputs if i.name in consumed]


def _creation_order(pipeline: Pipeline) -> list[Task]:
    """The order the pipeline function creates the tasks in, which fixes kfp's ``-2``, ``-3``
    op names: document order (the IR keeps the order of the calls), except that a task always
    comes after the tasks it uses; among tasks that are ready, the earliest one goes first.
    That is the IR's topological order (kfp 2 names tasks in the same order)."""
    try:
        return pipeline.topological_tasks()
    except graphlib.CycleError as e:
        cycle = set(e.args[1])
        stuck = next(t for t in pipeline.tasks if t.id in cycle)
        raise _task_error(stuck, "is part of a cycle of tasks") from None


# --- templates ---
def _container_template(op: _Op, consumed_outputs: set[str]) -> Marked:
    info = op.info
    outputs = [(o, _legacy_output_name(o.name)) for o in info.outputs]
    template: dict[str, Any] = {
        "name": op.name,
        "container": {"args": op.args, "command": list(info.command), "image": info.image},
    }
    inputs: dict[str, Any] = {}
    if op.inputs:
        inputs["parameters"] = [{"name": p} for p in sorted(op.inputs)]
    if op.input_artifacts:
        inputs["artifacts"] = sorted(op.input_artifacts, key=lambda a: a["name"])
    if inputs:
        template["inputs"] = inputs
    out: dict[str, Any] = {}
    params = sorted((op.output_param(o.name), o.name) for o, legacy in outputs if not legacy)
    params = [p for p in params if p[0] in consumed_outputs]
    if params:
        out["parameters"] = [{"name": full, "valueFrom": {
            "path": f"/tmp/outputs/{sanitize_file_name(name)}/data"}} for full, name in params]
    artifacts = [{"name": legacy, "path": f"/tmp/outputs/{sanitize_file_name(o.name)}/data"}
                 for o, legacy in outputs if legacy]
    artifacts += [{"name": full, "path": f"/tmp/outputs/{sanitize_file_name(name)}/data"}
                  for full, name in sorted((op.output_param(o.name), o.name)
                                           for o, legacy in outputs if not legacy)]
    if artifacts:
        out["artifacts"] = artifacts
    if out:
        template["outputs"] = out
    annotations = {"pipelines.kubeflow.org/component_spec": info.spec_json,
                   "pipelines.kubeflow.org/component_ref": "{}"}
    if op.parameter_arguments:
        annotations["pipelines.kubeflow.org/arguments.parameters"] = json.dumps(
            op.parameter_arguments, sort_keys=True)
    template["metadata"] = {
        "labels": {_SDK_VERSION_LABEL: KFP_VERSION,
                   "pipelines.kubeflow.org/pipeline-sdk-type": "kfp",
                   "pipelines.kubeflow.org/enable_caching": "true"},
        "annotations": annotations,
    }
    return Marked(template, [("tasks", op.task_id, 1), ("components", op.component_id, 0)])


def _dag_template(name: str, ops: list[_Op]) -> dict[str, Any]:
    template: dict[str, Any] = {"name": name}
    params = sorted({p for op in ops for p, producer in op.inputs.items() if producer is None})
    if params:
        template["inputs"] = {"parameters": [{"name": p} for p in params]}
    tasks = []
    for op in sorted(ops, key=lambda o: o.name):
        task: dict[str, Any] = {"name": op.name, "template": op.name}
        if op.dependencies:
            task["dependencies"] = sorted(op.dependencies)
        if op.inputs:
            task["arguments"] = {"parameters": [
                {"name": p, "value": ("{{inputs.parameters.%s}}" % p if producer is None else
                                      "{{tasks.%s.outputs.parameters.%s}}" % (producer, p))}
                for p, producer in sorted(op.inputs.items())]}
        tasks.append(Marked(task, [("tasks", op.task_id, 0)]))
    template["dag"] = {"tasks": tasks}
    return template


# --- the workflow ---
def _pipeline_spec(pipeline: Pipeline, display_name: str) -> tuple[str, list[dict[str, Any]]]:
    """(pipeline_spec annotation JSON, workflow arguments) from the pipeline's parameters."""
    docs = {p.name: p.description for p in pipeline.params}
    inputs = interface_inputs(pipeline.params, docs)
    spec: dict[str, Any] = {"name": display_name}
    if pipeline.description:  # kfp strips it (an empty one counts as none)
        spec["description"] = pipeline.description.strip()
    if inputs:
        spec["inputs"] = [i.to_struct() for i in inputs]
    arguments = []
    for i in inputs:
        arg: dict[str, Any] = {"name": sanitize_k8s_name(i.name, True)}
        if i.default is not None:
            arg["value"] = i.default
        arguments.append(Marked(arg, [("params", i.name, 0)]))
    return json.dumps(spec, sort_keys=True), arguments


def _display_name(pipeline: Pipeline) -> str:
    """``@dsl.pipeline(name=...)``, else kfp's name from the function name."""
    if pipeline.name:
        return pipeline.name
    return component_name(pipeline.python_function_name())


def compile_v1(pipeline: Pipeline, *, compile_time: str | None = None,
               with_source_map: bool = False) -> str | Compiled:
    """The workflow YAML kfp 1.8.9 writes for ``pipeline`` (``Compiler().compile``).

    ``compile_time`` is written verbatim as the compilation time; by default it is taken from
    SOURCE_DATE_EPOCH when set, else the current local time (as kfp does).
    ``with_source_map``: return ``Compiled(text, source_map)`` (``source_map.py``).
    Raises InputError for pipelines kfp would refuse (bad constants, unknown references),
    and for what this compiler cannot write yet (``SUPPORTED``).
    """
    refuse_unsupported(pipeline, SUPPORTED, "cannot compile for KFP v1")
    infos: dict[str, ComponentInfo] = {}
    for task in pipeline.tasks:
        if task.component_id not in infos:
            comp = pipeline.component(task.component_id)
            if comp is None:
                raise _task_error(task, "uses a component that does not exist")
            infos[task.component_id] = component_from_source(comp)
    ops = _build_ops(pipeline, infos)
    consumed = {p for op in ops for p, producer in op.inputs.items() if producer is not None}

    display_name = _display_name(pipeline)
    workflow_name = sanitize_k8s_name(display_name) or "pipeline"
    entry = UniqueNames({op.name.lower() for op in ops}).add(workflow_name)
    templates = [_dag_template(entry, ops)] + [_container_template(op, consumed) for op in ops]
    templates.sort(key=lambda t: t["name"])
    spec_json, arguments = _pipeline_spec(pipeline, display_name)
    workflow = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {
            "generateName": entry + "-",
            "annotations": {
                _SDK_VERSION_LABEL: KFP_VERSION,
                "pipelines.kubeflow.org/pipeline_compilation_time":
                    compile_time if compile_time is not None else compile_time_now(),
                "pipelines.kubeflow.org/pipeline_spec": spec_json,
            },
            "labels": {_SDK_VERSION_LABEL: KFP_VERSION},
        },
        "spec": {
            "entrypoint": entry,
            "templates": templates,
            "arguments": {"parameters": arguments},
            "serviceAccountName": "pipeline-runner",
        },
    }
    return yaml_emit.dump_mapped(workflow) if with_source_map else yaml_emit.dump(workflow)
