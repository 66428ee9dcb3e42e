"""The pipeline's task and group tree as kfp 2.17.3 builds and compiles it.

``build`` turns the IR into kfp's in-memory shape: tasks named in creation order, groups
named from kfp's counter (``condition-1``, ``for-loop-2``; a ParallelFor over literal
items spends one number on its ``loop-item-param-N`` first; an Elif/Else wraps its chain in
a ``condition-branches-N`` group that swaps numbers with the If), each argument a channel
(``v2_channels``) or a constant. ``compile_spec`` then follows ``compiler/
pipeline_spec_builder.create_pipeline_spec`` and ``compiler_utils`` step by step: the inputs
every group needs ("punching holes" with ``pipelinechannel--`` inputs), the outputs groups
surface for ``dsl.Collected`` and ``dsl.OneOf``, dependencies between the first uncommon
ancestors of two tasks, then one component per group and per task, and the exit tasks.
Messages where kfp refuses a pipeline are kfp's own.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from designer.ir import Constant, OutputRef, ParamRef, Pipeline, Task
from designer.ir.model import Collected as IrCollected
from designer.ir.model import Concat as IrConcat
from designer.ir.model import LoopItem, RunPlaceholder
from designer.ir.model import OneOf as IrOneOf

from . import v2_settings
from .v2_channels import (
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
    is_parameter_type,
    make_channel,
)
from .v2_components import TASK_FINAL_STATUS, ComponentV2, Port
from .v2_types import (
    V2TypeError,
    first_element_type,
    loop_item_type,
    short_type_name,
    struct_parameter_type,
)

ILLEGAL_CROSS_DAG = "Illegal task dependency across DSL context managers."
# dsl.PIPELINE_*_PLACEHOLDER strings by the IR's run placeholder names.
RUN_PLACEHOLDERS = {
    "run_id": "{{$.pipeline_job_uuid}}", "job_name": "{{$.pipeline_job_name}}",
    "job_resource_name": "{{$.pipeline_job_resource_name}}",
    "job_create_time": "{{$.pipeline_job_create_time_utc}}",
    "job_schedule_time": "{{$.pipeline_job_schedule_time_utc}}",
    "task_name": "{{$.pipeline_task_name}}", "task_id": "{{$.pipeline_task_uuid}}",
    "pipeline_root": "{{$.pipeline_root}}",
}
_GROUP_CLASS = {"condition": "If", "condition-branches": "ConditionBranches",
                "for-loop": "ParallelFor", "exit-handler": "ExitHandler",
                "pipeline": "Pipeline"}


@dataclass(eq=False)
class CondOp:
    """``ConditionOperation``."""
    operator: str
    left: Any
    right: Any
    negate: bool = False


@dataclass(eq=False)
class KGroup:
    """``TasksGroup`` (and its subclasses, by ``kind``)."""
    kind: str                       # pipeline | condition | condition-branches | for-loop |
    name: str                       # exit-handler
    ir_id: str | None = None
    display_name: str | None = None
    parent: "KGroup | None" = None
    tasks: list["KTask"] = field(default_factory=list)
    groups: list["KGroup"] = field(default_factory=list)
    # condition
    branch: str | None = None       # if | elif | else
    conditions: list[CondOp] = field(default_factory=list)
    negated_upstream: list[CondOp] = field(default_factory=list)
    # loop
    loop_argument: Channel | None = None
    items_is_pipeline_channel: bool = False
    parallelism_limit: int = 0
    # exit handler
    exit_task: "KTask | None" = None
    oneof_id: int = 0

    @property
    def dsl_class(self) -> str:
        """The group's class name (``group.__class__.__name__``)."""
        if self.kind == "condition":
            return {"if": "If", "elif": "Elif", "else": "Else"}.get(self.branch or "",
                                                                   "Condition")
        return _GROUP_CLASS[self.kind]

    @property
    def type_class(self) -> str:
        """kfp's ``group_type_to_dsl_class[group.group_type].__name__``."""
        return {"condition": "Condition", "for-loop": "ParallelFor",
                "exit-handler": "ExitHandler", "pipeline": "Pipeline"}[self.kind]


@dataclass(eq=False)
class KTask:
    """``PipelineTask``."""
    name: str
    ir: Task
    comp: ComponentV2
    inputs: dict[str, Any]
    channel_inputs: list[Channel]
    parent: KGroup | None = None
    dependent_tasks: list[str] = field(default_factory=list)
    is_exit_handler: bool = False
    outputs: dict[str, Channel] = field(default_factory=dict)
    platform_config: dict = field(default_factory=dict)
    resources: dict = field(default_factory=dict)      # ``container_spec.resources``

    def register(self, channels: list[Channel]) -> None:
        have = {c.pattern for c in self.channel_inputs}
        for c in channels:
            if c.pattern not in have:
                self.channel_inputs.append(c)
                have.add(c.pattern)


@dataclass
class Model:
    root: KGroup
    tasks: dict[str, KTask]              # by kfp name, creation order
    by_id: dict[str, KTask]
    groups_by_ir: dict[str, KGroup]
    params: dict[str, Channel]
    builder: Any = None


def _fail(message: str) -> V2TypeError:
    return V2TypeError(message)


# --- building kfp's objects from the IR ----------------------------------------------

class _Builder:
    def __init__(self, p: Pipeline, order: list[Task], names: dict[str, str],
                 comps: dict[str, ComponentV2], param_ports: dict[str, Port]):
        self.p = p
        self.order = order
        self.names = names
        self.comps = comps
        self.counter = 0
        self.root = KGroup("pipeline", p.name)
        self.params = {n: make_channel(n, port.type, None, port.is_artifact_list)
                       for n, port in param_ports.items()}
        self.groups: dict[str, KGroup] = {}
        self.tasks: dict[str, KTask] = {}
        self.by_id: dict[str, KTask] = {}
        self.oneofs: dict[Any, Channel] = {}

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    # groups -----------------------------------------------------------------------
    def build_groups(self) -> None:
        last: dict[str | None, KGroup] = {}        # last group entered, by IR parent
        open_chain: dict[str | None, KGroup] = {}  # If/Elif chain without its Else yet
        for g in self.p.groups:
            parent = self.root if g.parent is None else self.groups.get(g.parent)
            if parent is None:
                raise _fail(f"group `{g.name or g.id}` is inside an unknown group")
            where = f"{g.kind.replace('_', ' ')} group `{g.name or g.id}`"
            if g.kind == "condition" and g.branch in ("elif", "else"):
                kg = self._branch(g, parent, last.get(g.parent), open_chain.get(g.parent),
                                  where)
                if g.branch == "elif":
                    open_chain[g.parent] = kg.parent
                else:
                    open_chain.pop(g.parent, None)
            else:
                if g.parent in open_chain:
                    raise _chain_error(where)
                kg = self._group(g, parent, where)
                parent.groups.append(kg)
            self.groups[g.id] = kg
            last[g.parent] = kg
        self.open_chains = open_chain

    def _group(self, g, parent: KGroup, where: str) -> KGroup:
        if g.kind == "condition":
            cond = self._condition(g, where)
            kg = KGroup("condition", "", g.id, g.name, parent, branch=g.branch, conditions=[cond],
                        negated_upstream=[_negated(cond)])
        elif g.kind == "loop":
            kg = KGroup("for-loop", "", g.id, g.name, parent)
            self._loop(kg, g, where)
        elif g.kind == "exit_handler":
            kg = KGroup("exit-handler", "", g.id, g.name, parent)
        else:
            raise _fail(f"{where}: unknown group kind {g.kind!r}")
        kg.name = f"{kg.kind}-{self.next_id()}"
        return kg

    def _branch(self, g, parent: KGroup, prev: KGroup | None, chain: KGroup | None,
                where: str) -> KGroup:
        kind = "Elif" if g.branch == "elif" else "Else"
        if chain is not None:
            prev = chain.groups[-1]
        if prev is None or prev.kind != "condition" or prev.branch == "else" or (
                prev.branch == "elif" and chain is None):
            if kind == "Else" and prev is not None and prev.kind == "condition-branches":
                raise _fail(f"{where}: Cannot use dsl.Else following another dsl.Else. "
                            "dsl.Else can only be used following an upstream dsl.If or "
                            "dsl.Elif.")
            raise _fail(f"{where}: dsl.{kind} can only be used following an upstream dsl.If "
                        "or dsl.Elif.")
        if kind == "Elif":
            cond = self._condition(g, where)
            conditions = [copy.copy(c) for c in prev.negated_upstream] + [cond]
            negated = [copy.copy(c) for c in prev.negated_upstream] + [_negated(cond)]
        else:
            conditions, negated = prev.negated_upstream, []
        if chain is None:      # maybe_make_and_insert_conditional_branches_group
            wrapper = KGroup("condition-branches", "", None, None, parent)
            wrapper_id = self.next_id()
            prev_id = prev.name.rsplit("-", 1)[1]
            prev.name = f"condition-{wrapper_id}"
            wrapper.name = f"condition-branches-{prev_id}"
            parent.groups.remove(prev)
            parent.groups.append(wrapper)
            wrapper.groups.append(prev)
            prev.parent = wrapper
            chain = wrapper
        kg = KGroup("condition", f"condition-{self.next_id()}", g.id, g.name, chain,
                    branch=g.branch, conditions=conditions, negated_upstream=negated)
        chain.groups.append(kg)
        return kg

    def _condition(self, g, where: str) -> CondOp:
        c = g.condition
        if c is None:
            raise _fail(f"{where} has no condition")
        left = self._value(c.left, where, in_group=g)
        right = self._value(c.right, where, in_group=g)
        if isinstance(left, bool) and isinstance(right, bool) or not any(
                isinstance(x, Channel) for x in (left, right)):
            raise _fail(f"{where}: Got constant boolean as a condition. At least one of the "
                        "operands must be an output from an upstream task or a pipeline "
                        "parameter.")
        left, operator, right = python_comparison(left, c.operator, right)
        return CondOp(operator, left, right)

    def _loop(self, kg: KGroup, g, where: str) -> None:
        items = g.items
        parallelism = g.parallelism or 0
        if parallelism < 0:
            raise _fail(f"{where}: ParallelFor parallelism must be >= 0. Got: {parallelism}.")
        kg.parallelism_limit = parallelism
        if isinstance(items, Constant):
            raw = items.value
            if isinstance(raw, tuple):
                raw = list(raw)
            if not isinstance(raw, list):
                raise _fail(f"{where}: Expected list, tuple, or PipelineParameterChannel, "
                            f"got {raw}.")
            if not raw:
                raise _fail(f"{where}: Got an empty item list for loop argument.")
            code = self.next_id()
            arg = LoopParameterArgument(raw, f"loop-item-param-{code}", first_element_type(raw))
            if isinstance(raw[0], dict):
                for key in raw[0]:
                    arg.subvar(key)
            kg.loop_argument, kg.items_is_pipeline_channel = arg, False
            return
        channel = self._value(items, where, in_group=g)
        if isinstance(channel, ArtifactChannel):
            if not channel.is_artifact_list:
                raise _fail(f"{where}: Cannot iterate over a single artifact using "
                            "`dsl.ParallelFor`. Expected a list of artifacts as argument to "
                            "`items`.")
            kg.loop_argument = LoopArtifactArgument(
                channel, f"{channel.name}-loop-item", channel.channel_type, channel.task_name)
        elif isinstance(channel, ParameterChannel):
            if not isinstance(channel, LoopArgumentVariable):
                ptype = struct_parameter_type(short_type_name(str(channel.channel_type)))
                if ptype != "LIST":
                    raise _fail(f"{where}: Cannot iterate over a single parameter using "
                                "`dsl.ParallelFor`. Expected a list of parameters as argument "
                                "to `items`.")
            kg.loop_argument = LoopParameterArgument(
                channel, f"{channel.name}-loop-item",
                loop_item_type(str(channel.channel_type)) or "String", channel.task_name)
        else:
            raise _fail(f"{where}: loops over {type(items).__name__} are not supported")
        kg.items_is_pipeline_channel = True

    # tasks ------------------------------------------------------------------------
    def make_tasks(self) -> None:
        """Every task with its name and outputs (conditions and loops read them)."""
        for t in self.order:
            comp = self.comps[t.component_id]
            task = KTask(self.names[t.id], t, comp, {}, [])
            self.tasks[task.name] = task
            self.by_id[t.id] = task
            task.outputs = {
                name: make_channel(name, port.type, task.name, port.is_artifact_list)
                for name, port in comp.outputs.items()}

    def build_tasks(self) -> None:
        exit_ids = {g.exit_task for g in self.p.groups if g.kind == "exit_handler"}
        for t in self.order:
            task = self.by_id[t.id]
            parent = self.root if t.group is None else self.groups.get(t.group)
            if parent is None:
                raise _fail(f"task `{t.name}` is inside an unknown group")
            if t.id in exit_ids:      # kfp takes the exit task out of its groups
                task.is_exit_handler = True
            else:
                task.parent = parent
                parent.tasks.append(task)
            self._arguments(task)
            for after in t.after:
                up = self.by_id.get(after)
                if up is None:
                    raise _fail(f"task `{t.name}` runs after an unknown task")
                task.dependent_tasks.append(up.name)
            v2_settings.resource_values(task, self)
            v2_settings.platform_config(task, self)
            v2_settings.check_ignore_upstream_failure(task)
        for g in self.p.groups:
            if g.kind == "exit_handler":
                kg = self.groups[g.id]
                exit_task = self.by_id.get(g.exit_task or "")
                if exit_task is None:
                    raise _fail(f"exit handler `{g.name or g.id}` has no exit task")
                if exit_task.dependent_tasks or any(
                        isinstance(v, ParameterChannel) and v.task_name
                        for v in exit_task.inputs.values()):
                    raise _fail(f"exit handler `{g.name or g.id}`: exit_task cannot depend on "
                                "any other tasks.")
                kg.exit_task = exit_task
        self._check_open_chains()

    def _check_open_chains(self) -> None:
        """kfp leaves an If/Elif chain without Else on its stack: whatever the pipeline
        creates after it at that level lands inside the chain's branches group. The IR
        does not say what came after, so refuse when anything could have."""
        order = {t.id: i for i, t in enumerate(self.order)}
        for parent_id, wrapper in getattr(self, "open_chains", {}).items():
            inside = [t for t in self.p.tasks if _within(self, t, wrapper)]
            first = min((order[t.id] for t in inside), default=None)
            for t in self.p.tasks:
                if t.group == parent_id and (first is None or order[t.id] > first):
                    raise _chain_error(f"task `{t.name}`")

    def _arguments(self, task: KTask) -> None:
        t, comp = task.ir, task.comp
        # In the signature's order, as the importer and the Python export give them: kfp
        # numbers a task's dsl.OneOf inputs in that order, whatever order a project file or
        # an edit left the arguments in (fuzz: a file's order compiled `oneof-1` and `-2`
        # the other way round than its exported Python).
        sig = getattr(self.p.component_of(t), "signature", None)
        rank = {spec.name: i for i, spec in enumerate(sig.inputs)} if sig else {}
        for ir_name, arg in sorted(t.arguments.items(),
                                   key=lambda kv: rank.get(kv[0], len(rank))):
            kname = comp.arg_names.get(ir_name, ir_name)
            port = comp.inputs.get(kname)
            where = f"task `{t.name}`, input `{ir_name}`"
            if port is None:
                raise _fail(f"{where}: Component {comp.k8s_name!r} got an unexpected input: "
                            f"{kname!r}.")
            value = self._value(arg, where, task=task)
            _verify_type(value, port, f"{where}: Incompatible argument passed to the input "
                                      f"{kname!r} of component {comp.k8s_name!r}: ")
            task.inputs[kname] = value
        for kname, port in comp.inputs.items():
            if kname not in task.inputs and not port.optional:
                raise _fail(f"task `{t.name}`: {comp.k8s_name}() missing a required argument: "
                            f"'{kname}'")
        args = list(task.inputs.values())
        task.channel_inputs = [v for v in args if isinstance(v, Channel)] + channels_in(
            [v for v in args if not isinstance(v, Channel)])

    def _value(self, arg: Any, where: str, task: KTask | None = None, in_group=None) -> Any:
        if isinstance(arg, Constant):
            return arg.value
        if isinstance(arg, ParamRef):
            channel = self.params.get(arg.name)
            if channel is None:
                raise _fail(f"{where} reads an unknown pipeline parameter `{arg.name}`")
            return channel
        if isinstance(arg, OutputRef):
            return self._output(arg, where)
        if isinstance(arg, LoopItem):
            g = self.groups.get(arg.loop)
            if g is None or g.kind != "for-loop":
                raise _fail(f"{where} reads the item of an unknown loop")
            item = g.loop_argument
            if len(arg.fields) > 1:
                raise _fail(f"{where} reads `item.{'.'.join(arg.fields)}`; kfp 2 reads one "
                            "field of a loop item only")
            if arg.fields:
                if not isinstance(item, LoopParameterArgument):
                    raise _fail(f"{where}: a field of an artifact loop item")
                return item.subvar(arg.fields[0])
            return item
        if isinstance(arg, RunPlaceholder):
            text = RUN_PLACEHOLDERS.get(arg.name)
            if text is None:
                raise _fail(f"{where} uses the run placeholder `{arg.name}`, which kfp 2 does "
                            "not have")
            return text
        if isinstance(arg, IrConcat):
            return "".join(self._concat_part(p, where) for p in arg.parts)
        if isinstance(arg, IrCollected):
            out = self._output(arg.ref, where)
            return Collected(out)
        if isinstance(arg, IrOneOf):
            return self._one_of(arg, where)
        raise _fail(f"{where}: kfp 2 cannot pass {type(arg).__name__}")

    def _concat_part(self, part: Any, where: str) -> str:
        if isinstance(part, str):
            return part
        if isinstance(part, (IrCollected, IrOneOf)):
            raise _fail(f"{where}: dsl.{type(part).__name__} cannot be used in a string")
        value = self._value(part, where)
        if isinstance(value, Channel):
            return value.pattern
        return value if isinstance(value, str) else _python_str(value)

    def _output(self, ref: OutputRef, where: str) -> Channel:
        producer = self.by_id.get(ref.task_id)
        if producer is None:
            raise _fail(f"{where} reads an output of an unknown task")
        name = producer.comp.out_names.get(ref.output, ref.output)
        channel = producer.outputs.get(name)
        if channel is None:
            raise _fail(f"{where} reads `{ref.output}`, which task `{producer.ir.name}` does "
                        "not have")
        return channel

    def _one_of(self, arg: IrOneOf, where: str) -> Channel:
        key = arg.refs
        if key in self.oneofs:
            return self.oneofs[key]
        channels = [self._output(r, where) for r in arg.refs]
        first_task = self.tasks[channels[0].task_name]
        branches = first_task.parent.parent if first_task.parent else None
        if branches is None or branches.kind != "condition-branches":
            raise _fail(f"{where}: dsl.OneOf reads outputs of tasks directly inside the "
                        "branches of one If/Elif/Else chain")
        if not isinstance(branches.groups[-1], KGroup) or branches.groups[-1].branch != "else":
            raise _fail(f"{where}: dsl.OneOf must include an output from a task in a dsl.Else "
                        "group to ensure at least one output is available at runtime.")
        kinds = {isinstance(c, ParameterChannel) for c in channels}
        if len(kinds) > 1:
            raise _fail(f"{where}: Task outputs passed to dsl.OneOf must be the same type. "
                        "Found a mix of parameters and artifacts passed to dsl.OneOf.")
        for i, c in enumerate(channels[1:], start=1):
            if c.channel_type != channels[0].channel_type:
                raise _fail(f"{where}: Task outputs passed to dsl.OneOf must be the same type. "
                            f"Got two channels with different types: {channels[0].channel_type}"
                            f" at index 0 and {c.channel_type} at index {i}.")
        branches.oneof_id += 1
        name = additional_input_name(f"{branches.name}-oneof-{branches.oneof_id}")
        cls = OneOfParameter if isinstance(channels[0], ParameterChannel) else OneOfArtifact
        channel = cls(channels, name, branches)
        self.oneofs[key] = channel
        return channel


def _within(b: _Builder, t: Task, group: KGroup) -> bool:
    current = b.groups.get(t.group) if t.group else None
    while current is not None:
        if current is group:
            return True
        current = current.parent
    return False


def _chain_error(what: str) -> V2TypeError:
    return _fail(f"{what} follows an If/Elif chain that has no Else; kfp 2.17.3 puts whatever "
                 "follows such a chain inside it (add a dsl.Else, or move it before the If)")


_REFLECTED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def python_comparison(left: Any, operator: str, right: Any) -> tuple[Any, str, Any]:
    """What ``left <op> right`` becomes when Python evaluates it in kfp: a channel on the
    right whose class is a subclass of the left's (a loop item against a task output), or
    any channel on the right of a constant, answers with its reflected operator, so kfp
    records ``right <reflected op> left``."""
    if isinstance(right, Channel) and (not isinstance(left, Channel) or (
            type(right) is not type(left) and issubclass(type(right), type(left)))):
        return right, _REFLECTED[operator], left
    return left, operator, right


def _negated(op: CondOp) -> CondOp:
    c = copy.copy(op)
    c.negate = True
    return c


def _python_str(value: Any) -> str:
    return str(value)


_TYPE_NAMES = {str: "String", int: "Integer", float: "Float", bool: "Boolean", list: "List",
               dict: "Dict"}


def _param_type_name(type_name: Any) -> str:
    ptype = struct_parameter_type(short_type_name(type_name)) if isinstance(type_name, str) \
        else None
    if type_name in ("PipelineTaskFinalStatus", "TaskConfig"):
        ptype = "STRUCT"
    return ptype or str(type_name)


def _verify_type(value: Any, port: Port, prefix: str) -> None:
    """``type_utils.verify_type_compatibility`` for an argument."""
    if isinstance(value, Channel):
        given = value.channel_type
        if isinstance(value, (LoopParameterArgument, LoopArgumentVariable)) and given == "String":
            return
    else:
        given = _TYPE_NAMES.get(type(value))
        if given is None:
            raise _fail(f"{prefix}Constant argument inputs must be one of type "
                        f"{list(_TYPE_NAMES.values())} Got: {value!r} of type {type(value)!r}.")
    given_is_param = is_parameter_type(str(given))
    if given_is_param:
        given = _param_type_name(given)
        given_list = False
    else:
        given_list = getattr(value, "is_artifact_list", False)
    expected = port.type
    expected_is_param = not port.is_artifact
    if expected_is_param:
        expected = "STRUCT" if port.ptype == TASK_FINAL_STATUS else port.ptype
        expected_list = False
    else:
        expected_list = port.is_artifact_list
    if given_is_param != expected_is_param:
        ok = False
    elif given_is_param:
        ok = given == expected
    else:
        gt, gv = str(given).split("@")
        et, ev = expected.split("@")
        ok = given_list == expected_list and (
            "system.Artifact" in (gt, et) or (gt == et and gv.split(".")[0] == ev.split(".")[0]))
    if not ok:
        g = f"List[{given}]" if given_list else given
        e = f"List[{expected}]" if expected_list else expected
        raise _fail(f"{prefix}Argument type {g!r} is incompatible with the input type {e!r}")


def build(p: Pipeline, order: list[Task], names: dict[str, str], comps: dict[str, ComponentV2],
          param_ports: dict[str, Port]) -> Model:
    b = _Builder(p, order, names, comps, param_ports)
    b.make_tasks()
    b.build_groups()
    b.build_tasks()
    return Model(b.root, b.tasks, b.by_id, b.groups, b.params, b)


def final_status_check(m: Model) -> None:
    """``build_component_spec_for_task``: a final status input outside an exit task."""
    for task in m.tasks.values():
        if task.is_exit_handler or task.ir.settings.ignore_upstream_failure:
            continue
        for name, port in task.comp.inputs.items():
            if port.ptype == TASK_FINAL_STATUS:
                raise _fail(f"PipelineTaskFinalStatus can only be used in an exit task. "
                            f"Parameter {name} of a non exit task has type "
                            "PipelineTaskFinalStatus.")


__all__ = ["build", "final_status_check", "Model", "KTask", "KGroup", "CondOp",
           "RUN_PLACEHOLDERS"]
