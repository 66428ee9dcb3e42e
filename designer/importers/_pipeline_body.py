"""The statements of a pipeline function, read with ``ast`` into IR tasks.

A pipeline body is straight-line code: component calls (assigned or not), ``.after()``,
and arguments that are literals, pipeline parameters or task outputs. Anything else
(loops, conditions, kfp's ``with`` blocks, other method calls, computed values) is an
InputError at its line. Python's own rules are kept where they matter: a name assigned
anywhere in the function is local to it for the whole body, and calls evaluate their
arguments left to right (so inline calls become tasks in that order).
"""
from __future__ import annotations

import ast
import builtins
from typing import Union

from designer.ir import (Constant, InputError, OutputRef, ParamRef, Pipeline, PipelineParam,
                         Task, new_id)
from designer.ir.naming import pythonic_names, unique_name
from designer.ir.signature import InputSpec

from ._module import (V1, V2, Factory, Imported, LiteralValue, ModuleReader, Opaque,
                      PlainFunction, brief, is_kfp)
from ._pyast import NotLiteral, literal

Value = Union[Task, Constant, ParamRef, OutputRef]

_STATEMENTS = {
    ast.For: "`for` loops are not supported (a pipeline here is a fixed graph; kfp's "
             "dsl.ParallelFor is not supported either)",
    ast.AsyncFor: "`async for` loops are not supported",
    ast.While: "`while` loops are not supported (a pipeline here is a fixed graph)",
    ast.If: "`if` statements are not supported (kfp's dsl.Condition is not supported either)",
    ast.Try: "`try` statements are not supported",
    ast.FunctionDef: "functions defined inside the pipeline are not supported; define "
                     "components at the top level of the file",
    ast.ClassDef: "classes defined inside the pipeline are not supported",
    ast.AugAssign: "augmented assignments (`+=` ...) are not supported",
    ast.Import: "imports inside the pipeline function are not supported",
    ast.ImportFrom: "imports inside the pipeline function are not supported",
}


def read_pipeline(module: ModuleReader, func: ast.FunctionDef, style: str, name: str,
                  description: str | None, param_docs: dict[str, str | None]) -> Pipeline:
    return _BodyReader(module, func, style).read(name, description, param_docs)


class _BodyReader:
    def __init__(self, module: ModuleReader, func: ast.FunctionDef, style: str):
        self.m = module
        self.func = func
        self.style = style
        self.pipeline = Pipeline(name="", components=list(module.components),
                                 function_name=func.name)
        self.locals: dict[str, Value] = {}
        # Python makes every name assigned in a function local to all of it.
        self.assigned = {n.id for s in func.body for n in ast.walk(s)
                         if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        self.reserved = self.assigned | {a.arg for a in func.args.args}
        self.used_names: set[str] = set()

    def error(self, message: str, where: ast.AST) -> InputError:
        return self.m.error(message, where)

    def read(self, name: str, description: str | None,
             param_docs: dict[str, str | None]) -> Pipeline:
        self.pipeline.name = name
        self.pipeline.description = description
        self._params(param_docs)
        for stmt in self.func.body:
            if isinstance(stmt, ast.Return):
                if stmt.value is None or (isinstance(stmt.value, ast.Constant)
                                          and stmt.value.value is None):
                    break  # what follows never runs
                raise self.error("returning values from a pipeline is not supported", stmt)
            self._statement(stmt)
        return self.pipeline

    def _params(self, docs: dict[str, str | None]) -> None:
        args = self.func.args
        extra = args.posonlyargs[:1] or args.kwonlyargs[:1] or [args.vararg or args.kwarg]
        if extra[0] is not None:
            raise self.error("pipeline parameters must be plain named parameters (no `/`, `*` "
                             "or `**`)", extra[0])
        defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        for arg, default in zip(args.args, defaults):
            annotation = ast.unparse(arg.annotation) if arg.annotation is not None else None
            param = PipelineParam(arg.arg, annotation, description=docs.get(arg.arg))
            if default is not None:
                param.default = self.m.literal(
                    default, f"the default of pipeline parameter `{arg.arg}`")
                param.has_default = True
            self.pipeline.params.append(param)
            self.locals[arg.arg] = ParamRef(arg.arg)

    # --- statements ---
    def _statement(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr)
                                          and isinstance(stmt.value, ast.Constant)):
            return  # docstrings and no-ops
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self._value(stmt.value)
            return
        if isinstance(stmt, ast.Assign):
            target = stmt.targets[0]
            if len(stmt.targets) == 1 and isinstance(target, ast.Name):
                self.locals[target.id] = self._value(stmt.value, hint=target.id)
                return
            if isinstance(target, ast.Attribute):
                raise self.error(f"setting `{brief(target)}` is not supported by the designer",
                                 stmt)
            raise self.error("only `name = ...` assignments are supported (no unpacking or "
                             "chained targets)", stmt)
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            ctx = stmt.items[0].context_expr
            maker = ctx.func if isinstance(ctx, ast.Call) else ctx
            q = self._qualname(maker)
            what = f"`with {brief(maker)}(...)`" + (f" (`{q}`)" if q else "")
            raise self.error(f"{what} blocks are not supported; the designer draws a flat "
                             "graph of tasks", stmt)
        message = _STATEMENTS.get(type(stmt))
        if message is None:
            message = (f"`{brief(stmt)}` is not something a pipeline here can contain: only "
                       "component calls, `.after()` and `name = ...` assignments")
        raise self.error(message, stmt)

    # --- expressions ---
    def _value(self, node: ast.expr, hint: str | None = None) -> Value:
        """What an expression stands for; ``hint`` names the task an assignment creates."""
        if isinstance(node, ast.Call):
            return self._call(node, hint)
        if isinstance(node, ast.Name):
            return self._name(node)
        q = self._qualname(node)
        if q:
            raise self.error(f"`{brief(node)}` (from `{q}`) cannot be an argument: arguments "
                             "are literals, pipeline parameters or task outputs", node)
        if isinstance(node, ast.Attribute) and node.attr == "output":
            return self._output(self._task(node.value), None, node)
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "outputs"):
            task = self._task(node.value.value)
            key = node.slice
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                raise self.error(f"`{brief(node)}`: the output name must be a string literal",
                                 node)
            return self._output(task, key.value, node)
        if isinstance(node, ast.Attribute):
            raise self.error(f"`{brief(node)}` is not supported: a task has `.output` and "
                             "`.outputs['name']`", node)
        try:
            return Constant(literal(node, self._literal_name))
        except NotLiteral as e:
            raise self.error(f"`{brief(e.node)}` cannot be represented: arguments are "
                             "literals, pipeline parameters, task outputs or module-level "
                             "constants", e.node) from None

    def _literal_name(self, node: ast.Name) -> object:
        value = self._name(node)
        if isinstance(value, Constant):
            return value.value
        raise NotLiteral(node)

    def _root_is_local(self, node: ast.expr) -> bool:
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.reserved

    def _qualname(self, node: ast.expr) -> str | None:
        """Import path of ``node`` unless a local name shadows its root."""
        return None if self._root_is_local(node) else self.m.qualname(node)

    def _name(self, node: ast.Name) -> Value:
        name = node.id
        if name in self.locals:
            return self.locals[name]
        if name in self.assigned:
            raise self.error(f"`{name}` is used before it is assigned", node)
        b = self.m.bindings.get(name)
        if isinstance(b, LiteralValue):
            return Constant(b.value)
        if isinstance(b, Factory):
            raise self.error(f"`{name}` is a component: call it to make a task", node)
        if isinstance(b, PlainFunction):
            raise self.error(f"`{name}` (line {b.node.lineno}) is a plain function, not a kfp "
                             "component", node)
        if isinstance(b, Imported):
            if is_kfp(b.qualname):
                raise self.error(f"`{name}` is kfp's `{b.qualname}`, which the designer does "
                                 "not support here", node)
            raise self.error(f"`{name}` is imported from `{b.qualname.rsplit('.', 1)[0]}` "
                             f"(line {b.line}); the designer imports only components defined "
                             "in this file", node)
        if isinstance(b, Opaque):
            raise self.error(f"`{name}` is {b.what} (line {b.line}); the designer cannot "
                             "follow it", node)
        if hasattr(builtins, name):
            raise self.error(f"`{name}` (a Python builtin) is not a component, and arguments "
                             "are literals, pipeline parameters or task outputs", node)
        stars = "".join(f"; `from {m} import *` (not followed) may define it"
                        for m in self.m.star_imports[:1])
        raise self.error(f"unknown name `{name}`{stars}", node)

    def _task(self, node: ast.expr, hint: str | None = None) -> Task:
        value = self._value(node, hint)
        if not isinstance(value, Task):
            raise self.error(f"`{brief(node)}` is not a task", node)
        return value

    def _call(self, node: ast.Call, hint: str | None) -> Task:
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "after":
            return self._after(node, self._task(f.value, hint))
        q = self._qualname(f)
        if q and is_kfp(q):
            raise self.error(f"kfp's `{q}` cannot be called in a pipeline the designer "
                             "imports; only components defined in this file can", node)
        if q:
            raise self.error(f"`{brief(f)}` is imported from `{q.rsplit('.', 1)[0]}`; the "
                             "designer imports only components defined in this file", node)
        if isinstance(f, ast.Name):
            if f.id not in self.reserved and isinstance(self.m.bindings.get(f.id), Factory):
                return self._make_task(self.m.bindings[f.id], node, hint)
            value = self._name(f)
            raise self.error(f"`{f.id}` is not a component (it is "
                             f"{'a task' if isinstance(value, Task) else 'a value'})", node)
        if isinstance(f, ast.Attribute):
            if isinstance(self._value(f.value), Task):
                raise self.error(f"`.{f.attr}()` on a task is not supported by the designer "
                                 "(only `.after()`)", node)
        raise self.error(f"`{brief(f)}` is not a component", node)

    def _after(self, node: ast.Call, task: Task) -> Task:
        if node.keywords:
            raise self.error("`.after()` takes tasks only", node.keywords[0].value)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.error("`*` arguments to `.after()` are not supported", arg)
            dep = self._task(arg)
            if dep is task:
                raise self.error(f"task `{task.name}` cannot run after itself", arg)
            if dep.id not in task.after:
                task.after.append(dep.id)
        return task

    def _output(self, task: Task, name: str | None, node: ast.expr) -> OutputRef:
        comp = self.pipeline.component_of(task)
        names = [o.name for o in comp.signature.outputs]
        if name is None:
            if len(names) == 1:
                return OutputRef(task.id, names[0])
            has = "no outputs" if not names else f"several outputs ({', '.join(names)}): use " \
                                                 "`.outputs['name']`"
            raise self.error(f"`{brief(node)}`: `{comp.name}` has {has}", node)
        if name in names:
            return OutputRef(task.id, name)
        if self.style == V1:  # kfp v1 also offers each output under its pythonic name
            aliases = {py: orig for orig, py in pythonic_names(names).items() if py not in names}
            if name in aliases:
                return OutputRef(task.id, aliases[name])
        raise self.error(f"`{comp.name}` has no output `{name}` (its outputs: "
                         f"{', '.join(names) or 'none'})", node)

    # --- tasks ---
    def _make_task(self, factory: Factory, node: ast.Call, hint: str | None) -> Task:
        comp = factory.component
        fname = brief(node.func)
        inputs = list(comp.signature.inputs)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.error("`*` arguments are not supported", arg)
        for kw in node.keywords:
            if kw.arg is None:
                raise self.error("`**` arguments are not supported", kw.value)
        if self.style == V2:
            if node.args:
                raise self.error(f"kfp v2 components take keyword arguments only; `{fname}` "
                                 f"gets {len(node.args)} positional", node.args[0])
            call_names = {i.name: i.name for i in inputs}
            order = inputs
        else:
            # kfp v1 task factories take pythonic input names, required inputs first.
            call_names = dict(pythonic_names([i.name for i in inputs]))
            order = [i for i in inputs if not i.has_default] + [i for i in inputs if i.has_default]
        by_call_name = {call_names[i.name]: i for i in inputs}
        if len(node.args) > len(order):
            raise self.error(f"`{fname}` takes at most {len(order)} positional arguments, "
                             f"{len(node.args)} given", node.args[len(order)])
        given: dict[str, tuple[InputSpec, ast.expr]] = {
            spec.name: (spec, arg) for spec, arg in zip(order, node.args)}
        for kw in node.keywords:
            spec = by_call_name.get(kw.arg)
            if spec is None:
                known = ", ".join(call_names[i.name] for i in inputs) or "none"
                raise self.error(f"`{fname}` has no input `{kw.arg}` (its inputs: {known})",
                                 kw.value)
            if spec.name in given:
                raise self.error(f"`{fname}` got two values for `{kw.arg}`", kw.value)
            given[spec.name] = (spec, kw.value)
        missing = [call_names[i.name] for i in inputs if not i.has_default and i.name not in given]
        if missing:
            raise self.error(f"`{fname}` is missing required argument(s): {', '.join(missing)}",
                             node)
        values: dict[str, Value] = {}
        for spec, arg in given.values():  # source order, as Python evaluates them
            value = self._value(arg)
            if isinstance(value, Task):
                raise self.error(f"`{brief(arg)}` is a task: pass `.output` or "
                                 "`.outputs['name']`", arg)
            if isinstance(value, Constant) and value.value is None:
                # kfp v2 refuses None; kfp v1 passes no value (not even the default).
                if self.style == V2:
                    raise self.error(f"kfp v2 does not accept None as an argument (input "
                                     f"`{spec.name}`)", arg)
                if not spec.has_default:
                    raise self.error(f"required input `{call_names[spec.name]}` of `{fname}` "
                                     "gets None", arg)
            values[spec.name] = value
        task = Task(id=new_id(), name=self._task_name(hint, comp.name), component_id=comp.id,
                    arguments={i.name: values[i.name] for i in inputs if i.name in values})
        self.pipeline.tasks.append(task)
        return task

    def _task_name(self, hint: str | None, function_name: str) -> str:
        """The variable's name, else ``<function>_task``; ``_2``, ``_3``... when taken."""
        if hint and hint not in self.used_names:
            name = hint
        else:
            name = unique_name(hint or f"{function_name}_task", self.used_names | self.reserved)
        self.used_names.add(name)
        return name
