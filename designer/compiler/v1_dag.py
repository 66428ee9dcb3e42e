"""The group tree of a kfp 1.8.9 pipeline and its DAG templates (``compiler.py``, ported).

kfp builds a tree of ``OpsGroup``s while the pipeline function runs (the root, conditions,
loops, exit handlers), each holding ops and groups, then derives from it which parameters
cross each group border (``_get_inputs_outputs``), which sibling waits for which
(``_get_dependencies``), and one DAG template per group. This module is that part of kfp's
compiler over plain records: ``Param`` (kfp's PipelineParam after sanitising), ``OpNode`` (what
the DAG logic needs of an op) and ``GroupNode``. The byte-level details are kfp's: group
inputs/outputs are sets sorted by name, dependencies sorted, a loop's ``withParam`` adds its
producer to ``dependencies`` after the arguments, ``when`` quotes ``==``/``!=`` operands.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, NamedTuple, Union

from designer.ir.naming import sanitize_k8s_name as _sanitize_k8s_name

SUBVAR_DELIMITER = "-subvar-"
_SUBVAR = re.compile(".+%s.+" % SUBVAR_DELIMITER)
_SUBVAR_PARTS = re.compile("(?P<a>.*)%s(?P<b>.*)" % SUBVAR_DELIMITER)
# kfp sanitises the same few names over and over.
sanitize_k8s_name = functools.lru_cache(maxsize=16384)(_sanitize_k8s_name)


class Param(NamedTuple):
    """kfp's ``PipelineParam``: a pipeline parameter (``op_name`` None), a task output, or a
    loop item (``loop-item-param-3``, ``items-loop-item``, ``...-subvar-a``). A tuple: kfp
    hashes and compares params by (op name, name) too, and ops hold many."""
    name: str
    op_name: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.op_name}-{self.name}" if self.op_name else self.name


@dataclass
class LoopArgs:
    """``_for_loop.LoopArguments``: what a ParallelFor iterates over, as a parameter."""
    name: str
    op_name: str | None
    items: Union[list, Param]                  # literal items, or the parameter iterated

    @property
    def full_name(self) -> str:
        return f"{self.op_name}-{self.name}" if self.op_name else self.name

    @property
    def param(self) -> Param:
        return Param(self.name, self.op_name)

    def field(self, name: str) -> Param:
        return Param(f"{self.name}{SUBVAR_DELIMITER}{name}", self.op_name)


@dataclass(eq=False)
class OpNode:
    """What the DAG logic needs of an op."""
    name: str
    inputs: list[Param] = field(default_factory=list)
    dependent_names: list[str] = field(default_factory=list)
    is_exit_handler: bool = False


@dataclass(frozen=True)
class ConditionOp:
    """``ConditionOperator``: each operand a Param or a constant."""
    operator: str
    operand1: Any
    operand2: Any


@dataclass(eq=False)
class GroupNode:
    type: str                                  # pipeline | condition | for_loop | exit_handler
    name: str
    ops: list[OpNode] = field(default_factory=list)
    groups: list["GroupNode"] = field(default_factory=list)
    parallelism: int | None = None
    condition: ConditionOp | None = None
    loop_args: LoopArgs | None = None
    exit_op: OpNode | None = None
    source_id: str | None = None               # the IR group (source maps)

    @property
    def items_is_pipeline_param(self) -> bool:
        return self.loop_args is not None and isinstance(self.loop_args.items, Param)


class DagError(ValueError):
    """kfp 1.8.9 refuses the pipeline here."""


def _walk(group: GroupNode) -> Iterator[GroupNode]:
    yield group
    for g in group.groups:
        yield from _walk(g)


def validate_exit_handlers(root: GroupNode) -> None:
    """``_validate_exit_handler``: one exit handler, holding every op (kfp tolerates one)."""
    exiting: list[str] = []

    def visit(group: GroupNode, handler_exists: bool) -> None:
        if group.type == "exit_handler":
            if handler_exists or len(exiting) > 1:
                raise DagError("Only one global exit_handler is allowed and all ops need to "
                               "be included.")
            handler_exists = True
        exiting.extend(op.name for op in group.ops)
        for g in group.groups:
            visit(g, handler_exists)

    visit(root, False)
    del visit   # it calls itself through its closure: no cycle left for the collector


class Dag:
    """kfp's ``_create_dag_templates`` minus the op templates, for one group tree."""

    def __init__(self, root: GroupNode, ops: dict[str, OpNode]):
        self.root = root
        self.ops = ops
        self.groups = {g.name: g for g in _walk(root)}
        self.op_groups: dict[str, list[str]] = {}
        self.group_groups: dict[str, list[str]] = {}
        self._index(root, [root.name])
        self.loops = {g.name: g for g in self.groups.values() if g.type == "for_loop"}
        self.condition_params = self._condition_params()
        self.inputs, self.outputs = self._inputs_outputs()
        self.dependencies = self._dependencies()

    def _index(self, group: GroupNode, path: list[str]) -> None:
        for g in group.groups:
            self.group_groups[g.name] = path + [g.name]
            self._index(g, path + [g.name])
        for op in group.ops:
            self.op_groups[op.name] = path + [op.name]

    def _condition_params(self) -> dict[str, set[Param]]:
        conditions: dict[str, set[Param]] = defaultdict(set)

        def visit(group: GroupNode, current: list[Param]) -> None:
            if group.type == "condition":
                current = list(current)
                for operand in (group.condition.operand1, group.condition.operand2):
                    if isinstance(operand, Param):
                        current.append(operand)
            for op in group.ops:
                conditions[op.name].update(current)
            for g in group.groups:
                visit(g, current)

        visit(self.root, [])
        del visit   # it calls itself through its closure: no cycle left for the collector
        return conditions

    def _uncommon(self, upstream: str, downstream: str) -> tuple[list[str], list[str]]:
        """``_get_uncommon_ancestors`` of two op (or group) names."""
        def chain(name: str) -> list[str]:
            if name in self.op_groups:
                return self.op_groups[name]
            if name in self.group_groups:
                return self.group_groups[name]
            raise DagError(f"{name} does not exist.")

        a, b = chain(upstream), chain(downstream)
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        return a[common:], b[common:]

    def _inputs_outputs(self):
        inputs: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        outputs: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for op in self.ops.values():
            for param in list(op.inputs) + list(self.condition_params[op.name]):
                full = param.full_name      # (a property: once per param, not per group)
                if param.op_name:
                    if param.op_name not in self.ops:
                        raise DagError(f"{param.op_name} does not exist.")
                    up, down = self._uncommon(param.op_name, op.name)
                    for i, g in enumerate(down):
                        inputs[g].add((full, up[0] if i == 0 else None))
                    for i, g in enumerate(up):
                        outputs[g].add((full, None if i == len(up) - 1 else up[i + 1]))
                elif not op.is_exit_handler:
                    for g in reversed(self.op_groups[op.name]):
                        inputs[g].add((full, None))
                        loop = self.loops.get(g)
                        if loop is not None and loop.loop_args.name in param.name:
                            break
        return inputs, outputs

    def _dependencies(self) -> dict[str, set[str]]:
        dependencies: dict[str, set[str]] = defaultdict(set)
        for op in self.ops.values():
            upstream = {p.op_name for p in list(op.inputs) + list(self.condition_params[op.name])
                        if p.op_name}
            upstream |= set(op.dependent_names)
            for name in upstream:
                if name not in self.ops and name not in self.groups:
                    raise DagError(f"compiler cannot find the {name}")
                up, down = self._uncommon(name, op.name)
                dependencies[down[0]].add(up[0])
        return dependencies

    # --- templates ---
    def _resolve_operand(self, operand: Any, references: set[tuple[str, str | None]]) -> str:
        """``_resolve_value_or_reference``."""
        if isinstance(operand, Param):
            full = operand.full_name
            names = [task for param, task in references if param == full]
            if len(names) > 1:
                names = [task for param, task in sorted(references, key=_ref_order)
                         if param == full]
            if names and names[0] is not None:
                return "{{tasks.%s.outputs.parameters.%s}}" % (names[0], operand.full_name)
            return "{{inputs.parameters.%s}}" % operand.full_name
        return str(operand)

    @staticmethod
    def _loop_param_value(param: Param, group_type: str) -> str:
        """``_resolve_task_pipeline_param``."""
        if param.op_name is None:
            return "{{workflow.parameters.%s}}" % param.name
        full = f"{sanitize_k8s_name(param.op_name)}-{param.name}"
        if group_type == "subgraph":
            return "{{inputs.parameters.%s}}" % full
        return "{{tasks.%s.outputs.parameters.%s}}" % (sanitize_k8s_name(param.op_name), full)

    def _arguments(self, sub: Any) -> list[dict[str, str]]:
        """``get_arguments_for_sub_group``."""
        loop_name = "---"
        is_loop = isinstance(sub, GroupNode) and sub.type == "for_loop"
        if is_loop:
            loop_name = sanitize_k8s_name(sub.loop_args.full_name)
        arguments = []
        for param_name, producer in self.inputs[sub.name]:
            ref = sanitize_k8s_name(param_name)
            if is_loop and ref.startswith(loop_name):
                if ref == loop_name:
                    value = "{{item}}"
                elif _SUBVAR.match(param_name):
                    value = "{{item.%s}}" % _SUBVAR_PARTS.match(param_name).group("b")
                else:
                    raise DagError("Argument seems to reference the loop item, but not the "
                                   "item itself and not some attribute of the item. "
                                   f"param_name: {param_name}, ")
            elif producer:
                value = "{{tasks.%s.outputs.parameters.%s}}" % (producer, param_name)
            else:
                value = "{{inputs.parameters.%s}}" % param_name
            arguments.append({"name": param_name, "value": value})
        arguments.sort(key=lambda a: a["name"])
        return arguments

    def template(self, group: GroupNode,
                 wrap: Callable[[dict, Any], dict] = lambda task, sub: task) -> dict[str, Any]:
        """``_group_to_dag_template``; ``wrap(task, op or group)`` may wrap each DAG task
        (source maps)."""
        template: dict[str, Any] = {"name": group.name}
        if group.parallelism is not None:
            template["parallelism"] = group.parallelism
        if self.inputs.get(group.name):
            template["inputs"] = {"parameters": sorted(
                ({"name": p} for p, _ in self.inputs[group.name]), key=lambda x: x["name"])}
        if self.outputs.get(group.name):
            template["outputs"] = {"parameters": sorted((
                {"name": p, "valueFrom": {
                    "parameter": "{{tasks.%s.outputs.parameters.%s}}" % (producer, p)}}
                for p, producer in self.outputs[group.name]), key=lambda x: x["name"])}
        tasks = []
        for sub in list(group.groups) + list(group.ops):
            task: dict[str, Any] = {"name": sub.name, "template": sub.name}
            if isinstance(sub, GroupNode) and sub.type == "condition":
                references = self.inputs.get(sub.name, set())
                cond = sub.condition
                left = self._resolve_operand(cond.operand1, references)
                right = self._resolve_operand(cond.operand2, references)
                if cond.operator in ("==", "!="):
                    left, right = f'"{left}"', f'"{right}"'
                task["when"] = f"{left} {cond.operator} {right}"
            if self.dependencies.get(sub.name):
                task["dependencies"] = sorted(self.dependencies[sub.name])
            if self.inputs.get(sub.name):
                task["arguments"] = {"parameters": self._arguments(sub)}
            if isinstance(sub, GroupNode) and sub.type == "for_loop":
                self._loop_fields(task, sub, group.type)
            tasks.append(wrap(task, sub))
        tasks.sort(key=lambda t: t["name"])
        template["dag"] = {"tasks": tasks}
        return template

    def _loop_fields(self, task: dict[str, Any], loop: GroupNode, parent_type: str) -> None:
        items = loop.loop_args.items
        if isinstance(items, Param):
            if items.op_name:  # a new "dependencies" key lands after the arguments
                deps = task.setdefault("dependencies", [])
                producer = sanitize_k8s_name(items.op_name)
                if producer not in deps and parent_type != "subgraph":
                    deps.append(producer)
            task["withParam"] = self._loop_param_value(items, parent_type)
        else:
            if items and isinstance(items[0], dict):
                task["withItems"] = [{sanitize_k8s_name(k, True): v for k, v in item.items()}
                                     for item in items]
            else:
                task["withItems"] = list(items)
        if task.get("dependencies"):
            task["dependencies"].sort()

    def templates(self, wrap: Callable[[dict, Any], dict] = lambda task, sub: task
                  ) -> list[dict[str, Any]]:
        return [self.template(g, wrap) for g in self.groups.values()]


def _ref_order(ref: tuple[str, str | None]) -> tuple[str, str]:
    # kfp takes the first match of a set; with one producer per parameter (the only case
    # the DSL makes) any order gives the same answer.
    return ref[0], ref[1] or ""
