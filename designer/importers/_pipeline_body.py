"""The pipeline being built while its function is evaluated: tasks, arguments, groups.

``PipelineBuilder`` is what kfp's ``Pipeline`` context is while kfp runs a pipeline
function: each component call adds a task to the innermost open group, each ``with``
block opens a group, and task outputs become references. Python's own rules are kept
where they matter: calls evaluate their arguments left to right (inline calls become tasks
in that order), a name assigned anywhere in the function is local to all of it.

Task names (the Python names a person would write) come from the variable a task is
assigned to, else ``<component>_task``, made unique with ``_2``, ``_3``...
"""
from __future__ import annotations

import ast
from typing import Any

from designer.ir import (
    Constant,
    InputError,
    OutputRef,
    ParamRef,
    Pipeline,
    PipelineParam,
    Task,
    new_id,
)
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.naming import call_names, output_names
from designer.ir.signature import InputSpec, SignatureError, source_text
from designer.ir.values import value_problem
from designer.ir.volumes import VolumeComponent

from ._eval import assigned_names, brief
from ._values import CHANNELS, ConditionExpr, GroupSpec, SymStr, TaskValue, describe, is_runtime

V1, V2 = "v1", "v2"
_ARG_CHANNELS = (ParamRef, OutputRef, LoopItem, RunPlaceholder, Collected, OneOf)
_TEXT_CHANNELS = (ParamRef, OutputRef, LoopItem, RunPlaceholder)




class PipelineBuilder:
    def __init__(self, module: Any, func: ast.FunctionDef | None, style: str):
        self.m = module
        self.style = style
        self.func = func
        self.pipeline = Pipeline(name="", components=module.components,
                                 function_name=func.name if func else None)
        self.stack: list[str | None] = [None]
        self.task_values: dict[str, TaskValue] = {}
        self.reserved: set[str] = set()
        if func is not None:
            self.reserved = assigned_names(func.body) | {a.arg for a in func.args.args}
        self.used_names: set[str] = set()
        self.op_cache: dict[tuple, Any] = {}      # ContainerOp components by content
        self._call_names: dict[str, dict[str, str]] = {}
        self._output_names: dict[str, dict[str, str]] = {}
        self._next_index: dict[str, int] = {}
        self.conf: Any = None                     # kfp 1 dsl.get_pipeline_conf()

    def error(self, message: str, where: ast.AST | None) -> InputError:
        return self.m.error(message, where)

    # --- parameters -------------------------------------------------------------------
    def params(self, func: ast.FunctionDef, docs: dict[str, str | None]) -> dict[str, ParamRef]:
        args = func.args
        extra = args.posonlyargs[:1] or args.kwonlyargs[:1] or [args.vararg or args.kwarg]
        if extra[0] is not None:
            raise self.error("pipeline parameters must be plain named parameters (no `/`, `*` "
                             "or `**`)", extra[0])
        defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        refs = {}
        for arg, default in zip(args.args, defaults):
            annotation = None
            if arg.annotation is not None:
                try:
                    annotation = source_text(arg.annotation,
                                             f"the type of pipeline parameter `{arg.arg}`")
                except SignatureError as e:
                    raise self.error(e.message, arg.annotation) from None
            param = PipelineParam(arg.arg, annotation, description=docs.get(arg.arg))
            if default is not None:
                param.default = self.m.constant(
                    default, f"the default of pipeline parameter `{arg.arg}`")
                param.has_default = True
            self.pipeline.params.append(param)
            refs[arg.arg] = ParamRef(arg.arg)
        return refs

    # --- tasks --------------------------------------------------------------------------
    def add_component(self, component: Any) -> Any:
        if all(c is not component for c in self.m.components):
            self.m.components.append(component)
        return component

    def make_task(self, component: Any, arguments: dict[str, Any], hint: str | None,
                  node: ast.AST) -> TaskValue:
        self.add_component(component)
        task = Task(id=new_id(), name=self._task_name(hint, component.python_name),
                    component_id=component.id, arguments=arguments, group=self.stack[-1])
        self.pipeline.tasks.append(task)
        value = TaskValue(task, component, self.style, auto_named=not hint, node=node)
        self.task_values[task.id] = value
        return value

    def name_after(self, tv: TaskValue, hint: str) -> None:
        """``x = make_step(...)``: the task a helper made and returned is named ``x``."""
        if tv.auto_named and hint not in self.used_names:
            self.used_names.discard(tv.task.name)
            tv.task.name = hint
            self.used_names.add(hint)
            tv.auto_named = False

    def _task_name(self, hint: str | None, function_name: str) -> str:
        """The variable's name, else ``<function>_task``; ``_2``, ``_3``... when taken
        (``unique_name``'s rule, resuming where the last search for the same base ended:
        names are only added, so the first free index never goes down)."""
        if hint and hint not in self.used_names:
            name = hint
        else:
            base = hint or f"{function_name}_task"
            if base not in self.used_names and base not in self.reserved:
                name = base
            else:
                n = self._next_index.get(base, 2)
                while f"{base}_{n}" in self.used_names or f"{base}_{n}" in self.reserved:
                    n += 1
                self._next_index[base] = n + 1
                name = f"{base}_{n}"
        self.used_names.add(name)
        return name

    def call_component(self, component: Any, args: list[Any], kwargs: dict[str, Any],
                       node: ast.Call, hint: str | None) -> TaskValue:
        """A call of a component (function, spec, container component) makes a task."""
        fname = _Brief(node.func)
        inputs = [i for i in component.signature.inputs if i.type != "PipelineTaskFinalStatus"]
        names = self._call_names.get(component.id)
        if names is None:
            names = self._call_names[component.id] = call_names(component, self.style)
        if self.style == V2:
            if args:
                raise self.error(f"kfp v2 components take keyword arguments only; `{fname}` "
                                 f"gets {len(args)} positional", node.args[0])
            order = inputs
        else:
            # kfp v1 task factories take pythonic input names, required inputs first.
            order = [i for i in inputs if not i.has_default] + [i for i in inputs if i.has_default]
        by_call_name = {names[i.name]: i for i in inputs}
        if len(args) > len(order):
            raise self.error(f"`{fname}` takes at most {len(order)} positional arguments, "
                             f"{len(args)} given", node)
        given: dict[str, tuple[InputSpec, Any, ast.AST]] = {}
        arg_nodes = [a for a in node.args]
        for i, (spec, value) in enumerate(zip(order, args)):
            given[spec.name] = (spec, value, arg_nodes[i] if i < len(arg_nodes) else node)
        kw_nodes = {kw.arg: kw.value for kw in node.keywords if kw.arg}
        for key, value in kwargs.items():
            spec = by_call_name.get(key)
            where = kw_nodes.get(key, node)
            if spec is None:
                known = ", ".join(names[i.name] for i in inputs) or "none"
                raise self.error(f"`{fname}` has no input `{key}` (its inputs: {known})", where)
            if spec.name in given:
                raise self.error(f"`{fname}` got two values for `{key}`", where)
            given[spec.name] = (spec, value, where)
        missing = [names[i.name] for i in inputs if not i.has_default and i.name not in given]
        if missing:
            raise self.error(f"`{fname}` is missing required argument(s): {', '.join(missing)}",
                             node)
        values: dict[str, Any] = {}
        for spec, value, where in given.values():
            arg = self.to_argument(value, where)
            if isinstance(arg, Constant) and arg.value is None:
                # kfp v2 refuses None; kfp v1 passes no value (not even the default).
                if self.style == V2:
                    raise self.error(f"kfp v2 does not accept None as an argument (input "
                                     f"`{spec.name}`)", where)
                if not spec.has_default:
                    raise self.error(f"required input `{names[spec.name]}` of `{fname}` "
                                     "gets None", where)
            values[spec.name] = arg
        arguments = {i.name: values[i.name] for i in inputs if i.name in values}
        return self.make_task(component, arguments, hint, node)

    def to_argument(self, value: Any, node: ast.AST) -> Any:
        """The IR argument for a value given to a task (or a condition, a loop)."""
        if isinstance(value, _ARG_CHANNELS):
            return value
        if isinstance(value, SymStr):
            for part in value.parts:
                if not isinstance(part, (str,) + _TEXT_CHANNELS):
                    raise self.error(f"{describe(part)} cannot be part of a task argument",
                                     node)
            return Concat(value.parts)
        if isinstance(value, TaskValue):
            raise self.error(f"`{brief(node)}` is a task: pass `.output` or "
                             "`.outputs['name']`", node)
        from ._module import Factory
        if isinstance(value, Factory):
            raise self.error(f"`{brief(node)}` is a component: call it to make a task", node)
        problem = _constant_problem(value)
        if problem:
            raise self.error(f"`{brief(node)}` cannot be represented: {problem}", node)
        return Constant(value)

    def output_ref(self, tv: TaskValue, name: str | None, node: ast.AST) -> OutputRef:
        comp = tv.component
        table = self._output_names.get(comp.id)
        if table is None:
            table = self._output_names[comp.id] = output_names(comp, self.style)
        if name is None and isinstance(comp, VolumeComponent) and comp.origin == "v1":
            return OutputRef(tv.task.id, "name")  # kfp 1 ResourceOp: `.output` is the name
        if name is None:
            unique = list(dict.fromkeys(table.values()))
            if len(unique) == 1:
                return OutputRef(tv.task.id, unique[0])
            listed = list(dict.fromkeys(table))
            has = "no outputs" if not unique else (f"several outputs ({', '.join(listed)}): use "
                                                   "`.outputs['name']`")
            raise self.error(f"`{brief(node)}`: `{comp.name}` has {has}", node)
        if not isinstance(name, str):
            raise self.error(f"`{brief(node)}`: the output name must be a string", node)
        if name in table:
            return OutputRef(tv.task.id, table[name])
        known = ", ".join(dict.fromkeys(table)) or "none"
        raise self.error(f"`{comp.name}` has no output `{name}` (its outputs: {known})", node)

    def after(self, tv: TaskValue, deps: list[Any], node: ast.Call) -> TaskValue:
        if node.keywords:
            raise self.error("`.after()` takes tasks only", node.keywords[0].value)
        for arg_node, dep in zip(node.args, deps):
            if not isinstance(dep, TaskValue):
                raise self.error(f"`{brief(arg_node)}` is not a task", arg_node)
            if dep is tv:
                raise self.error(f"task `{tv.task.name}` cannot run after itself", arg_node)
            if dep.task.id not in tv.task.after:
                tv.task.after.append(dep.task.id)
        return tv

    # --- groups -------------------------------------------------------------------------
    def enter_group(self, spec: GroupSpec, node: ast.AST) -> Any:
        parent = self.stack[-1]
        group = Group(id=new_id(), kind=spec.kind, parent=parent, name=spec.name,
                      branch=spec.branch, parallelism=spec.parallelism)
        if spec.kind == "condition":
            if spec.branch in ("elif", "else"):
                previous = next((g for g in reversed(self.pipeline.groups)
                                 if g.parent == parent), None)
                if (previous is None or previous.kind != "condition"
                        or previous.branch == "else"):
                    raise self.error(f"`{spec.dsl_name}` can only follow a `dsl.If` or "
                                     "`dsl.Elif` block", node)
                if previous.branch is None:
                    previous.branch = "if"  # kfp 2's dsl.Condition is dsl.If
            if spec.condition is not None:
                group.condition = self.condition(spec.condition, node)
        elif spec.kind == "loop":
            group.items = self.loop_items(spec.items, node)
        elif spec.kind == "exit_handler":
            exit_tv = spec.exit_task
            if exit_tv.task.upstream_ids():
                raise self.error("the exit task cannot depend on other tasks (kfp: \"exit_op "
                                 "cannot depend on any other ops\")", node)
            if exit_tv.task.group != parent:
                raise self.error("the exit task must be created where its `dsl.ExitHandler` "
                                 "is", node)
            group.exit_task = exit_tv.task.id
        self.pipeline.groups.append(group)
        self.stack.append(group.id)
        if spec.kind == "loop":
            return LoopItem(group.id)
        return spec

    def exit_group(self, spec: GroupSpec) -> None:
        self.stack.pop()

    def condition(self, cond: ConditionExpr, node: ast.AST) -> Condition:
        return Condition(self.operand(cond.left, node), cond.operator,
                         self.operand(cond.right, node))

    def operand(self, value: Any, node: ast.AST) -> Any:
        if isinstance(value, (ParamRef, OutputRef, LoopItem)):
            return value
        if isinstance(value, SymStr) or is_runtime(value):
            raise self.error(f"a condition on {describe(value)} is not supported", node)
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            raise self.error(f"a condition compares with {describe(value)}; kfp compares with "
                             "strings, numbers and booleans", node)
        return Constant(value)

    def loop_items(self, items: Any, node: ast.AST) -> Any:
        if isinstance(items, (ParamRef, OutputRef, LoopItem)):
            return items
        if isinstance(items, tuple):
            items = list(items)
        if isinstance(items, list):
            problem = _constant_problem(items)
            if problem:
                raise self.error(f"the loop's items: {problem}", node)
            return Constant(items)
        raise self.error(f"`dsl.ParallelFor` over {describe(items)} is not supported (a list, "
                         "a pipeline parameter or a task output)", node)

    def branch_chain(self, group_id: str | None) -> list[Group]:
        """The If/Elif/Else chain a branch group belongs to (so far), in order."""
        groups = self.pipeline.groups
        g = next((x for x in groups if x.id == group_id), None)
        if g is None or g.kind != "condition" or g.branch is None:
            return []
        siblings = [x for x in groups if x.parent == g.parent]
        i = siblings.index(g)
        start = i
        while siblings[start].branch != "if":
            start -= 1
        end = i
        while end + 1 < len(siblings) and siblings[end + 1].branch in ("elif", "else"):
            end += 1
        return siblings[start:end + 1]

    def check_one_of(self, refs: list[OutputRef], node: ast.AST) -> None:
        """kfp 2's checks on ``dsl.OneOf``: outputs of tasks directly in the branches of
        one If/Elif/Else chain that ends with Else, all parameters or all artifacts."""
        chain = self.branch_chain(self.pipeline.task(refs[0].task_id).group)
        if not chain:
            raise self.error("`dsl.OneOf` takes outputs of tasks directly inside `dsl.If` / "
                             "`dsl.Elif` / `dsl.Else` branches", node)
        if chain[-1].branch != "else":
            raise self.error("dsl.OneOf must include an output from a task in a dsl.Else group "
                             "to ensure at least one output is available at runtime (kfp)", node)
        kinds = set()
        for ref in refs:
            tv = self.task_values[ref.task_id]
            if tv.task.group not in {g.id for g in chain}:
                raise self.error("the outputs given to `dsl.OneOf` must come from tasks in the "
                                 "branches of one If/Elif/Else chain", node)
            spec = tv.component.signature.output(ref.output)
            kinds.add(spec is not None and spec.passing == "artifact")
        if len(kinds) > 1:
            raise self.error("Task outputs passed to dsl.OneOf must be the same type. Found a "
                             "mix of parameters and artifacts passed to dsl.OneOf. (kfp)", node)

    # --- the pipeline's own outputs (kfp 2) ------------------------------------------------
    def returned(self, value: Any, node: ast.AST) -> None:
        from ._values import NamedTupleValue
        if self.style == V1 or value is None:
            return  # kfp 1.8.9 ignores what a pipeline function returns
        from ._values import Outputs
        if isinstance(value, NamedTupleValue):
            items = dict(zip(value.type.fields, value.values))
        elif isinstance(value, Outputs):  # ``return task.outputs``: every output, by name
            items = {k: self.output_ref(value.task, k, node)
                     for k in output_names(value.task.component, self.style)}
        else:
            items = {"Output": value}
        outputs = {}
        for name, item in items.items():
            if not isinstance(item, (OutputRef, Collected, OneOf)):
                raise self.error(f"a pipeline returns task outputs; `{name}` is "
                                 f"{describe(item)}", node)
            if isinstance(item, OutputRef):
                inside = self.pipeline.task(item.task_id).group is not None
            elif isinstance(item, OneOf):
                chain = self.branch_chain(self.pipeline.task(item.refs[0].task_id).group)
                inside = bool(chain) and chain[0].parent is not None
            else:
                inside = False  # kfp does not check where a Collected output comes from
            if inside:
                raise self.error("Pipeline outputs may only be returned from the top level of "
                                 "the pipeline function scope (kfp): this output is made "
                                 "inside a control flow group", node)
            outputs[name] = item
        self.pipeline.outputs = outputs
        self._check_generic_artifacts(node)

    def _check_generic_artifacts(self, node: ast.AST) -> None:
        """kfp 2 types a pipeline's outputs by its return annotation, which the IR does not
        keep (it types them as what produces them): the one annotation kfp accepts for
        another type is the generic ``Artifact`` returning a ``Dataset``, ``Model``...: kfp
        writes ``system.Artifact`` then. Refused rather than written otherwise."""
        from designer.ir.signature import ARTIFACT
        from designer.ir.subpipeline import output_port
        returns = self.func.returns if self.func is not None else None
        declared: dict[str, ast.expr] = {}
        if isinstance(returns, ast.Call) and len(returns.args) == 2 and isinstance(
                returns.args[1], (ast.List, ast.Tuple)):       # NamedTuple('O', [(n, t)...])
            for item in returns.args[1].elts:
                if isinstance(item, ast.Tuple) and len(item.elts) == 2 and isinstance(
                        item.elts[0], ast.Constant):
                    declared[str(item.elts[0].value)] = item.elts[1]
        elif isinstance(returns, ast.Call):
            declared = {kw.arg: kw.value for kw in returns.keywords if kw.arg}
        elif returns is not None:
            declared = {"Output": returns}
        for name, annotation in declared.items():
            inner = annotation.slice if isinstance(annotation, ast.Subscript) else annotation
            last = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", None)
            arg = self.pipeline.outputs.get(name)
            if last != "Artifact" or arg is None:
                continue
            port = output_port(self.pipeline, name, arg)
            if port.passing != ARTIFACT or (port.type or "").rsplit(".", 1)[-1].split(
                    "@")[0] != "Artifact":
                raise self.error(f"the pipeline declares its output `{name}` an `Artifact` and "
                                 f"returns {port.type or 'another type'}: kfp writes the "
                                 "declared type, which the designer does not keep; declare "
                                 "the type it returns", node)


class _Brief:
    """``brief(node)``, computed only when a message is made."""

    def __init__(self, node: ast.AST):
        self.node = node

    def __str__(self) -> str:
        return brief(self.node)

    __format__ = lambda self, spec: format(str(self), spec)  # noqa: E731


def _constant_problem(value: Any) -> str | None:
    """Why ``value`` is not a constant the IR holds (JSON-like), or None."""
    limits = value_problem(value, json_like=False)    # first: iterative, and bounds the depth
    if limits is not None:
        return f"the value {limits}"
    return _kind_problem(value)


def _kind_problem(value: Any) -> str | None:
    if isinstance(value, (str, int, float, bool, type(None))):
        return None
    if isinstance(value, list):
        return next((p for p in map(_kind_problem, value) if p), None)
    if isinstance(value, dict):
        if not all(isinstance(k, (str, int, float, bool)) for k in value):
            return "dict keys must be strings or numbers"
        return next((p for p in map(_kind_problem, value.values()) if p), None)
    if isinstance(value, tuple):
        return "tuples are not JSON values (use a list)"
    if isinstance(value, CHANNELS) or isinstance(value, SymStr):
        return f"a list or dict holding {describe(value)} is not supported"
    return f"{describe(value)} is not a value kfp can pass"
