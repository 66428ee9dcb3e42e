"""IR pipeline -> kfp 1.8.9 ops and group tree, as running the pipeline function would make.

kfp 1 builds its ops while the pipeline function runs: each component call goes through
``_component_bridge._create_container_op_from_component_and_arguments`` (defaults added,
placeholders resolved, file inputs made input artifacts, outputs made file outputs, legacy
``mlpipeline-*`` outputs made artifacts only), each ``with`` block pushes an ``OpsGroup``
named from a per-pipeline counter, and references travel as PipelineParams serialised into
strings. We build the same ops from the IR's real references: an argument becomes the kfp
argument value (a constant, or a string holding ``{{inputs.parameters.X}}`` where kfp had a
serialised PipelineParam) plus the ``Param``s it reads, which are the op's inputs.

Names follow kfp: ops in creation order (``_creation_order``), groups from the counter
(``condition-1``; a ParallelFor over a literal list takes a number for its loop argument,
``loop-item-param-2``, then one for its name, ``for-loop-3``; one over a parameter is named
``<param>-loop-item``), outputs ``<op>-<output>``.
"""
from __future__ import annotations

import functools
import graphlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from designer.ir import Component, Constant, InputError, OutputRef, ParamRef, Pipeline, Task
from designer.ir.components import Concat as PartConcat
from designer.ir.components import (ContainerComponent, InputPath, InputValue, OutputPath)
from designer.ir.groups import Group, condition_constant_problem
from designer.ir.model import Concat, LoopItem, RunPlaceholder
from designer.ir.naming import (UniqueNames, component_name, legacy_v1_output,
                                sanitize_python_name)
from designer.ir.signature import PATH
from designer.ir.volumes import VolumeComponent

from . import yaml_emit
from .v1_dag import ConditionOp, GroupNode, LoopArgs, Param, sanitize_k8s_name
from .v1_program import component_from_source, interface_inputs
from .v1_settings import apply_settings
from .v1_spec import (ComponentInfo, SpecError, input_file, output_file, resolve_command_line,
                      spec_component, spec_json)
from .v1_template import Op
from .v1_volumes import build_snapshot_op, build_volume_op, new_volume_op

RUN_PLACEHOLDERS = {"run_id": "{{workflow.uid}}", "workflow_uid": "{{workflow.uid}}",
                    "execution_id": "{{workflow.uid}}-{{pod.name}}"}
_MIRRORED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


# kfp's ``_is_legacy_output_name`` (ui-metadata / metrics outputs are artifacts only); the
# same names come back for every task.
legacy_output = functools.lru_cache(maxsize=4096)(legacy_v1_output)


def placeholder(param: Param) -> str:
    return "{{inputs.parameters.%s}}" % param.full_name


def task_error(task: Task, message: str) -> InputError:
    return InputError(f"task `{task.name}`: {message}")


@dataclass
class Value:
    """A task argument as kfp holds it: a Python constant, a PipelineParam, or a string with
    serialised PipelineParams in it (``params``: the ones it reads)."""
    value: Any
    params: tuple[Param, ...] = ()
    param: Param | None = None         # the argument is this PipelineParam itself
    type: Any = None                   # its param_type (type checks)


@dataclass
class Built:
    ops: dict[str, Op]                 # by op name, in creation order
    root: GroupNode
    groups: dict[str, GroupNode] = field(default_factory=dict)   # IR group id -> node


def creation_order(pipeline: Pipeline) -> list[Task]:
    """The order the pipeline function creates the tasks in: document order, except that a
    task comes after the tasks it uses (the IR's topological order)."""
    try:
        return pipeline.topological_tasks()
    except graphlib.CycleError as e:
        cycle = set(e.args[1])
        stuck = next(t for t in pipeline.tasks if t.id in cycle)
        raise task_error(stuck, "is part of a cycle of tasks") from None


def op_names(order: list[Task], component_names: dict[str, str]) -> dict[str, str]:
    """Task id -> op name: ``_sanitize_python_function_name(component name)`` with ``-``
    for ``_``, made unique (``-2``, ``-3``...) in creation order, then k8s-sanitised."""
    raw_names = UniqueNames()  # kfp dedups the raw names, then sanitises
    names: dict[str, str] = {}
    for task in order:
        base = sanitize_python_name(component_names.get(task.component_id, "")).replace(
            "_", "-") or "task"
        names[task.id] = sanitize_k8s_name(raw_names.add(base))
    return names


def kfp_component_name(comp: Any) -> str:
    """The name kfp gives a component's ops (before sanitising)."""
    if isinstance(comp, ContainerComponent):
        return comp.name or "Component"
    if isinstance(comp, VolumeComponent):
        return comp.name
    return component_name(comp.name)


class OpsBuilder:
    """Builds the ops of one pipeline."""

    def __init__(self, pipeline: Pipeline):
        self.p = pipeline
        self.infos: dict[str, ComponentInfo | None] = {}
        self.order = creation_order(pipeline)
        self.names = op_names(self.order, {c.id: kfp_component_name(c)
                                           for c in pipeline.components})
        self.ops: dict[str, Op] = {}
        self.op_by_task: dict[str, Op] = {}
        self.tasks = {t.id: t for t in pipeline.tasks}
        self.commands: dict[int, list[str]] = {}   # id(ComponentInfo) -> shared command
        self.loops: dict[str, LoopArgs] = {}
        self.param_types = {i.name: i.type for i in interface_inputs(pipeline.params, {})}

    # --- components ---
    def info(self, task: Task) -> ComponentInfo | None:
        if task.component_id not in self.infos:
            comp = self.p.component(task.component_id)
            if comp is None:
                raise task_error(task, "uses a component that does not exist")
            if isinstance(comp, Component):
                self.infos[comp.id] = component_from_source(comp)
            elif isinstance(comp, VolumeComponent) or comp.origin == "op":
                self.infos[comp.id] = None
            else:
                self.infos[comp.id] = spec_component(comp)
        return self.infos[task.component_id]

    def output_name(self, task_id: str, output: str, where: Task) -> str:
        """The kfp output name of an IR output (function file outputs lose ``_path``)."""
        up = self.tasks.get(task_id)
        if up is None or task_id not in self.op_by_task:
            raise task_error(where, f"uses an output of a task that does not exist ({task_id})")
        info = self.infos.get(up.component_id)
        comp = self.p.component(up.component_id)
        if info is not None:
            name = info.port_names.get(output, output)
            if info.output(name) is None:
                raise task_error(where, f"uses output `{output}`, which `{info.name}` does "
                                 "not have")
            return name
        if comp.signature.output(output) is None:
            raise task_error(where, f"uses output `{output}`, which `{comp.name}` does not have")
        return output

    def output_param(self, ref: OutputRef, where: Task) -> tuple[Param, Any]:
        name = self.output_name(ref.task_id, ref.output, where)
        up_op = self.op_by_task[ref.task_id]
        param = up_op.outputs.get(name)
        if param is None:
            raise task_error(where, f"uses output `{ref.output}` of `{up_op.name}`, which kfp "
                             "1.8.9 keeps as an artifact only (not a task output)")
        comp_id = self.tasks[ref.task_id].component_id
        info = self.infos.get(comp_id) or self.op_metadata(self.p.component(comp_id))
        out = info.output(name) if info is not None else None
        return param, out.type if out is not None else None

    def loop_param(self, item: LoopItem, where: Task | None) -> Param:
        loop = self.loops.get(item.loop)
        if loop is None:
            raise InputError(f"{_where(where)}uses the item of a loop it is not inside")
        if not item.fields:
            return loop.param
        if len(item.fields) > 1:
            raise InputError(f"{_where(where)}uses `item.{'.'.join(item.fields)}`: kfp 1.8.9 "
                             "loop items have one level of fields")
        return loop.field(item.fields[0])

    # --- arguments ---
    def value(self, arg: Any, where: Task | None) -> Value:
        if isinstance(arg, Constant):
            return Value(arg.value)
        if isinstance(arg, ParamRef):
            if self.p.param(arg.name) is None:
                raise InputError(f"{_where(where)}uses unknown pipeline parameter `{arg.name}`")
            param = Param(sanitize_k8s_name(arg.name, True))
            return Value(placeholder(param), (param,), param, self.param_types.get(arg.name))
        if isinstance(arg, OutputRef):
            param, out_type = self.output_param(arg, where)
            return Value(placeholder(param), (param,), param, out_type)
        if isinstance(arg, LoopItem):
            param = self.loop_param(arg, where)
            return Value(placeholder(param), (param,), param)
        if isinstance(arg, RunPlaceholder):
            if arg.name not in RUN_PLACEHOLDERS:
                raise InputError(f"{_where(where)}uses the run placeholder `{arg.name}`, which "
                                 "kfp 1.8.9 does not have")
            return Value(RUN_PLACEHOLDERS[arg.name])
        if isinstance(arg, Concat):
            text, params = [], []
            for part in arg.parts:
                if isinstance(part, str):
                    text.append(part)
                    continue
                v = self.value(part, where)
                text.append(v.value if isinstance(v.value, str) else str(v.value))
                params.extend(v.params)
            return Value("".join(text), tuple(dict.fromkeys(params)))
        raise InputError(f"{_where(where)}uses {type(arg).__name__}, which kfp 1.8.9 does "
                         "not have")

    # --- groups ---
    def groups(self) -> tuple[GroupNode, dict[str, GroupNode]]:
        root = GroupNode("pipeline", "")
        nodes: dict[str, GroupNode] = {}
        counter = 0
        by_id = {g.id: g for g in self.p.groups}
        for g in self.p.groups:
            if g.parent is not None and g.parent not in nodes:
                raise InputError(f"{_group_what(g)} is inside a group that does not exist "
                                 "(or comes later)")
            parent = nodes[g.parent] if g.parent is not None else root
            if g.kind == "condition":
                if g.branch is not None:
                    raise InputError(f"{_group_what(g)} is a kfp 2 If/Elif/Else branch")
                if g.name is not None and any(
                        a.kind == "condition" and a.name == g.name for a in _ancestors(by_id, g)):
                    raise InputError(f"{_group_what(g)} is inside a condition of the same name, "
                                     "which kfp 1.8.9 reads as a recursive graph")
                counter += 1
                node = GroupNode("condition", _group_name("condition", g.name, counter),
                                 condition=self.condition(g), source_id=g.id)
            elif g.kind == "loop":
                if g.parallelism is not None and g.parallelism < 1:
                    raise InputError(f"{_group_what(g)}: ParallelFor parallism set to < 1, "
                                     "allowed values are > 0")
                items = g.items
                if isinstance(items, Constant):
                    values = items.value
                    if not isinstance(values, (list, tuple)) or not values:
                        raise InputError(f"{_group_what(g)} loops over {values!r}: kfp 1.8.9 "
                                         "needs a non-empty list")
                    values = list(values)
                    if isinstance(values[0], dict):
                        keys = set(values[0])
                        if any(not isinstance(v, dict) or set(v) != keys for v in values):
                            raise InputError(f"{_group_what(g)}: If you input a list of dicts "
                                             "then all dicts should have the same keys.")
                        bad = next((k for k in keys if not re.match(
                            r"^[a-zA-Z_][0-9a-zA-Z_]*$", str(k))), None)
                        if bad is not None:
                            raise InputError(f"{_group_what(g)}: the key {bad!r} is not a legal "
                                             "Python name, which kfp 1.8.9 requires")
                    counter += 1
                    args = LoopArgs(f"loop-item-param-{counter}", None, values)
                else:
                    param = self.loop_items_param(items, g)
                    args = LoopArgs(f"{param.name}-loop-item", param.op_name, param)
                counter += 1
                node = GroupNode("for_loop", f"for-loop-{counter}", parallelism=g.parallelism,
                                 loop_args=args, source_id=g.id)
                self.loops[g.id] = args
            elif g.kind == "exit_handler":
                counter += 1
                node = GroupNode("exit_handler", f"exit-handler-{counter}", source_id=g.id)
            else:
                raise InputError(f"unknown group kind {g.kind!r}")
            parent.groups.append(node)
            nodes[g.id] = node
        return root, nodes

    def condition(self, g: Group) -> ConditionOp:
        cond = g.condition
        if cond is None or cond.operator not in _MIRRORED:
            raise InputError(f"{_group_what(g)} has no condition kfp 1.8.9 can write")
        left, right = self.operand(cond.left, g), self.operand(cond.right, g)
        operator = cond.operator
        if not isinstance(left, Param):
            if not isinstance(right, Param):
                raise InputError(f"{_group_what(g)} compares two constants: Python decides it "
                                 "before kfp sees it")
            # ``5 < p`` is ``p.__gt__(5)`` in Python: kfp records it mirrored.
            left, right, operator = right, left, _MIRRORED[operator]
        return ConditionOp(operator, left, right)

    def operand(self, arg: Any, g: Group) -> Any:
        if isinstance(arg, Constant):
            problem = condition_constant_problem(arg.value)
            if problem:
                raise InputError(f"{_group_what(g)}: {problem}")
            return arg.value
        if isinstance(arg, (ParamRef, OutputRef, LoopItem)):
            v = self.value(arg, None)
            return v.param
        raise InputError(f"{_group_what(g)} compares {type(arg).__name__}, which kfp 1.8.9 "
                         "conditions cannot")

    def loop_items_param(self, items: Any, g: Group) -> Param:
        if isinstance(items, ParamRef):
            if self.p.param(items.name) is None:
                raise InputError(f"{_group_what(g)} loops over unknown pipeline parameter "
                                 f"`{items.name}`")
            return Param(sanitize_k8s_name(items.name, True))
        if isinstance(items, OutputRef):
            up = self.p.task(items.task_id)
            if up is None:
                raise InputError(f"{_group_what(g)} loops over a task that does not exist")
            name = self.output_name(items.task_id, items.output, up)
            if sanitize_k8s_name(name, True) != name:
                raise InputError(f"{_group_what(g)} loops over output `{name}`, whose name kfp "
                                 "1.8.9 sanitises inconsistently")
            return Param(name, self.op_by_task[items.task_id].name)
        if isinstance(items, LoopItem):
            return self.loop_param(items, None)
        raise InputError(f"{_group_what(g)} loops over {type(items).__name__}, which kfp "
                         "1.8.9 cannot")

    # --- the whole pipeline ---
    def build(self) -> Built:
        group_ids = {g.id for g in self.p.groups}
        for task in self.order:
            if task.group is not None and task.group not in group_ids:
                raise task_error(task, "is inside a group that does not exist")
        exit_tasks = {g.exit_task: g for g in self.p.groups if g.kind == "exit_handler"}
        # Groups can loop over task outputs: name every op first (done), then build groups
        # as tasks appear, the way the pipeline function interleaves them.
        root = nodes = None
        pending_tasks = list(self.order)
        # Ops whose outputs a group needs must exist before the group: build in creation
        # order, groups after the tasks they read (the IR keeps that order).
        for task in pending_tasks:
            self.op_by_task[task.id] = self.new_op(task)  # outputs known before groups
        root, nodes = self.groups()
        for task in self.order:
            op = self.op_by_task[task.id]
            self.finish_op(task, op)
            self.ops[op.name] = op
            if task.id in exit_tasks:
                if op.dependent_names:
                    raise task_error(task, "is an exit task: exit_op cannot depend on any other "
                                     "ops.")
                op.is_exit_handler = True
                continue
            (nodes[task.group] if task.group is not None else root).ops.append(op)
        for g in self.p.groups:
            if g.kind == "exit_handler" and (g.exit_task is None
                                             or g.exit_task not in self.op_by_task):
                raise InputError(f"{_group_what(g)} has no exit task")
        return Built(self.ops, root, nodes)

    def new_op(self, task: Task) -> Op:
        """The op with its name and outputs (the parts other tasks and groups refer to)."""
        info = self.info(task)
        name = self.names[task.id]
        op = Op(name=name, task_id=task.id, component_id=task.component_id)
        comp = self.p.component(task.component_id)
        if isinstance(comp, VolumeComponent):
            new_volume_op(op, comp, task)
            return op
        if info is None:
            file_outputs, artifact_outputs = {}, {}
            meta = self.op_metadata(comp)
            for o in comp.signature.outputs:
                if o.path is None:
                    if meta is not None and meta.output(o.name) is not None:
                        continue  # an output of the @dsl.component's interface
                    raise task_error(task, f"output `{o.name}` of a ContainerOp has no file")
                (artifact_outputs if o.passing == PATH else file_outputs)[o.name] = o.path
            _legacy_to_artifacts(file_outputs, artifact_outputs)
            if meta is not None:  # ContainerOp._set_metadata(interface)
                for o in meta.outputs:
                    if o.name not in file_outputs:
                        legacy = legacy_output(o.name)
                        file_outputs[o.name] = (artifact_outputs[legacy]
                                                if legacy and legacy in artifact_outputs
                                                else output_file(o.name))
                _legacy_to_artifacts(file_outputs, artifact_outputs)
                op.spec_json = meta.spec_json
            op.file_outputs = file_outputs
            op.output_artifact_paths = artifact_outputs
        else:
            file_outputs = {o.name: output_file(o.name) for o in info.outputs}
            op.file_outputs = {k: v for k, v in file_outputs.items() if not legacy_output(k)}
        op.outputs = {k: Param(sanitize_k8s_name(k, True), name) for k in op.file_outputs}
        op.file_outputs = {sanitize_k8s_name(k, True): v for k, v in op.file_outputs.items()}
        return op

    def shared_command(self, info: ComponentInfo, command: list[str]) -> list[str]:
        """One command list for all the tasks of a component whose command holds no
        placeholder (a function's program): the emitter writes it once."""
        if not all(type(p) is str for p in info.command):
            return command
        shared = self.commands.get(id(info))
        if shared is None:
            shared = self.commands[id(info)] = yaml_emit.SharedList(command)
        return shared

    def op_metadata(self, comp: Any) -> ComponentInfo | None:
        """The interface kfp 1's ``@dsl.component`` attaches to the ops of a factory: the
        function's, as ``create_component_from_func`` reads it (no implementation)."""
        if not isinstance(comp, ContainerComponent) or not comp.function_source:
            return None
        key = ("meta", comp.id)
        if key not in self.infos:
            info = component_from_source(Component.from_source(comp.function_source))
            spec = {k: v for k, v in json.loads(info.spec_json).items()
                    if k != "implementation"}
            self.infos[key] = ComponentInfo(info.name, info.description, info.inputs,
                                            info.outputs, "", (), (), spec_json(spec))
        return self.infos[key]

    def finish_op(self, task: Task, op: Op) -> None:
        info = self.infos[task.component_id]
        if op.resource is not None:
            comp = self.p.component(task.component_id)
            if isinstance(comp, VolumeComponent) and comp.action == "snapshot":
                build_snapshot_op(self, op, task)
            else:
                build_volume_op(self, op, task)
        elif info is None:
            self.container_op(task, op)
        else:
            self.bridge(task, op, info)
        for dep in task.after:
            if dep not in self.op_by_task:
                raise task_error(task, f"runs after a task that does not exist ({dep})")
            op.dependent_names.append(self.op_by_task[dep].name)
        apply_settings(op, task, self)

    def bridge(self, task: Task, op: Op, info: ComponentInfo) -> None:
        """``_create_container_op_from_component_and_arguments``."""
        arguments: dict[str, Any] = {}
        direct: list[Param] = []
        params: list[Param] = []
        for name, arg in task.arguments.items():
            kfp_name = info.port_names.get(name, name)
            inp = info.input(kfp_name)
            if inp is None:
                raise task_error(task, f"component `{info.name}` has no input `{name}`")
            v = self.value(arg, task)
            if v.param is not None:
                _check_types(task, info, kfp_name, v.type, inp.type)
                direct.append(v.param)
            arguments[kfp_name] = v.value
            params.extend(v.params)
        for inp in info.inputs:  # kfp adds the defaults of the inputs not passed
            if inp.name not in arguments and inp.default is not None:
                default = inp.default
                try:
                    if inp.type == "Integer":
                        default = int(default)
                    elif inp.type == "Float":
                        default = float(default)
                except ValueError:
                    raise task_error(task, f"the default {inp.default!r} of input `{inp.name}` "
                                     f"is not a valid {inp.type}") from None
                arguments[inp.name] = default
        try:
            resolved = resolve_command_line(info, arguments)
        except SpecError as e:
            raise task_error(task, str(e)) from None
        # ContainerOp(...): file inputs are input artifacts, outputs file outputs.
        input_paths = dict(resolved.input_paths)
        artifact_arguments = {n: _str(arguments[n]) for n in input_paths}
        file_outputs = dict(resolved.output_paths)
        artifact_outputs: dict[str, str] = {}
        _legacy_to_artifacts(file_outputs, artifact_outputs)
        # _set_metadata: every declared output gets a file, legacy ones become artifacts.
        for output in info.outputs:
            if output.name in file_outputs:
                continue
            legacy = legacy_output(output.name)
            file_outputs[output.name] = (artifact_outputs[legacy]
                                         if legacy and legacy in artifact_outputs
                                         else output_file(output.name))
        _legacy_to_artifacts(file_outputs, artifact_outputs)
        for name, value in arguments.items():
            artifact_arguments[name] = _str(value)
            input_paths.setdefault(name, input_file(name))
        for name in resolved.consumed_by_value:
            artifact_arguments.pop(name, None)
            input_paths.pop(name, None)
        op.container = {"args": resolved.args, "command": self.shared_command(info,
                                                                            resolved.command)}
        if info.env:
            op.container["env"] = [{"name": k, "value": v} for k, v in info.env]
        op.container["image"] = info.image
        op.file_outputs = {sanitize_k8s_name(k, True): v for k, v in file_outputs.items()}
        op.outputs = {k: Param(sanitize_k8s_name(k, True), op.name) for k in file_outputs}
        op.input_artifact_paths = {sanitize_k8s_name(k, True): v for k, v in input_paths.items()}
        op.artifact_arguments = {sanitize_k8s_name(k, True): v
                                 for k, v in artifact_arguments.items()}
        op.output_artifact_paths = artifact_outputs
        op.parameter_arguments = resolved.consumed_by_value
        op.spec_json = info.spec_json
        op.component_ref_json = info.ref_json
        for key, value in info.annotations:
            op.pod_annotations[key] = value
        for key, value in info.labels:
            op.pod_labels[key] = value
        if dict(info.annotations).get("volatile_component", "false") == "true":
            op.max_cache_staleness = "P0D"
        op.inputs = list(dict.fromkeys(direct + params))

    def container_op(self, task: Task, op: Op) -> None:
        """A ``dsl.ContainerOp``: its strings hold the arguments' values."""
        comp = self.p.component(task.component_id)
        meta = self.op_metadata(comp)
        values: dict[str, Value] = {}
        for name, arg in task.arguments.items():
            if comp.signature.input(name) is None:
                raise task_error(task, f"`{comp.name}` has no input `{name}`")
            values[name] = v = self.value(arg, task)
            expected = meta.input(name) if meta is not None else None
            if v.param is not None and expected is not None:
                _check_types(task, meta, name, v.type, expected.type, artifacts=False)
        params: list[Param] = []
        input_paths: dict[str, str] = {}
        artifact_arguments: dict[str, str] = {}

        def text(part: Any) -> str:
            if isinstance(part, str):
                return part
            if isinstance(part, InputValue):
                v = values.get(part.input)
                if v is None:
                    raise task_error(task, f"no value for `{part.input}`")
                params.extend(v.params)
                return _str(v.value)
            if isinstance(part, PartConcat):
                return "".join(text(p) for p in part.parts)
            if isinstance(part, InputPath):
                spec = comp.signature.input(part.input)
                v = values.get(part.input)
                if v is None or spec is None or spec.path is None:
                    raise task_error(task, f"the file input `{part.input}` has no path or value")
                name = spec.name or f"input-{len(artifact_arguments)}"
                input_paths[name] = spec.path
                artifact_arguments[name] = _str(v.value)
                params.extend(v.params)
                return spec.path
            if isinstance(part, OutputPath):
                spec = comp.signature.output(part.output)
                if spec is None or spec.path is None:
                    raise task_error(task, f"the output `{part.output}` has no path")
                return spec.path
            raise task_error(task, f"a ContainerOp cannot hold {type(part).__name__}")

        command = [text(p) for p in comp.command]
        args = [text(p) for p in comp.args]
        # ``arguments=[]`` is written ``args: []``; not given, it is left out (the IR's
        # ``explicit_empty`` says which empty lists the file gave).
        explicit_empty = getattr(comp, "explicit_empty", frozenset())
        for spec in comp.signature.inputs:  # file inputs whose path is not in the command
            if spec.passing == PATH and spec.name not in input_paths and spec.name in values:
                input_paths[spec.name] = spec.path
                artifact_arguments[spec.name] = _str(values[spec.name].value)
                params.extend(values[spec.name].params)
        container: dict[str, Any] = {}
        if args or "args" in explicit_empty:
            container["args"] = args
        if command or "command" in explicit_empty:
            container["command"] = command
        if comp.env:
            container["env"] = [{"name": k, "value": v} for k, v in comp.env.items()]
        container["image"] = comp.image
        op.container = container
        op.input_artifact_paths = {sanitize_k8s_name(k, True): v for k, v in input_paths.items()}
        op.artifact_arguments = {sanitize_k8s_name(k, True): v
                                 for k, v in artifact_arguments.items()}
        op.inputs = list(dict.fromkeys(params))


def _legacy_to_artifacts(file_outputs: dict[str, str], artifacts: dict[str, str]) -> None:
    """kfp keeps ``mlpipeline-ui-metadata``/``-metrics`` file outputs as artifacts only."""
    for key, path in list(file_outputs.items()):
        legacy = legacy_output(key)
        if legacy:
            artifacts[legacy] = path
            del file_outputs[key]


def _str(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _where(task: Task | None) -> str:
    return f"task `{task.name}`: " if task is not None else ""


def _group_what(g: Group) -> str:
    return f"{g.kind.replace('_', ' ')} group `{g.name or g.id}`"


def _group_name(kind: str, name: str | None, counter: int) -> str:
    return (kind + "-" + ("" if name is None else name + "-") + str(counter)).replace("_", "-")


def _ancestors(by_id: dict[str, Group], g: Group) -> list[Group]:
    out, seen = [], set()
    current = by_id.get(g.parent) if g.parent else None
    while current is not None and current.id not in seen:
        out.append(current)
        seen.add(current.id)
        current = by_id.get(current.parent) if current.parent else None
    return out


_PARAMETER_TYPES = frozenset(["integer", "int", "double", "float", "string", "str", "text", "bool",
                              "boolean", "dict", "list", "jsonobject", "jsonarray"])


@functools.lru_cache(maxsize=1024)
def _is_parameter_str(type_name: str) -> bool:
    match = re.match(r"(typing\.)?(?P<type>\w+)(?:\[.+\])?", type_name)
    return (match.group("type") if match else type_name).lower() in _PARAMETER_TYPES


def _type_dict(t: Any) -> dict:
    return {t: {}} if isinstance(t, str) else t


def _check_types(task: Task, info: ComponentInfo, name: str, given: Any, expected: Any,
                 artifacts: bool = True) -> None:
    """``kfp.dsl.types.verify_type_compatibility`` with type checking on (kfp's default);
    ``artifacts`` False: ``check_types`` (``@dsl.component``), without its artifact rule."""
    if given is None or expected is None or given == expected:
        return
    if artifacts and not _is_parameter_str(str(expected)) and str(given).lower() == "artifact":
        return
    if artifacts and not _is_parameter_str(str(given)) and str(expected).lower() == "artifact":
        return
    a, b = _type_dict(given), _type_dict(expected)
    if not a or not b:
        return
    (a_name, a_props), = list(a.items())[:1]
    (b_name, b_props), = list(b.items())[:1]
    if a_name == "" or b_name == "":
        return
    ok = a_name == b_name and all(
        k in (b_props or {}) and (b_props or {})[k] == v for k, v in (a_props or {}).items())
    if not ok:
        raise task_error(task, f'Incompatible argument passed to the input "{name}" of component '
                         f'"{info.name}": Argument type "{given}" is incompatible with the input '
                         f'type "{expected}"')
