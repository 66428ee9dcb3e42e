"""A static evaluator for the Python a kfp pipeline function runs when kfp compiles it.

kfp builds a pipeline by *running* the pipeline function: loops over ``range``, lists of
tasks, helper functions, string building all happen then, on values known at compile
time. This module does the same on the ``ast``, never executing the file: plain values
are computed with Python's own operators, values known only at run time (parameters, task
outputs, loop items) stay symbolic (``_values``), and kfp's API is dispatched to
``_kfp_calls``. Whatever depends on a run-time value (``if param:``, ``for x in output``)
or on code we do not read (other modules) is an InputError at its line.
"""
from __future__ import annotations

import ast
import builtins
import operator
from typing import Any, Callable, Iterable

from designer.ir import InputError, deep_ast
from designer.ir.model import LoopItem, RunPlaceholder

from . import _pyfmt
from ._values import (
    Attr,
    BoundMethod,
    Builtin,
    ConditionExpr,
    Function,
    GroupSpec,
    NamedTupleType,
    NamedTupleValue,
    OpClass,
    Outputs,
    PathValue,
    PipelineFunc,
    Ref,
    SymStr,
    TaskValue,
    describe,
    is_runtime,
)

MAX_ITERATIONS = 1_000_000      # statements run in loops, all loops together
MAX_DEPTH = 60                  # nested helper calls
MAX_SEQUENCE = 1_000_000        # items or characters a constant expression may build

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow, ast.LShift: operator.lshift, ast.RShift: operator.rshift,
    ast.BitOr: operator.or_, ast.BitAnd: operator.and_, ast.BitXor: operator.xor,
}
_COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
            ast.GtE: ">="}
_COMPARE_FUNCS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b, ast.Is: operator.is_, ast.IsNot: operator.is_not,
}
# a < param is param.__gt__(a): Python reflects the comparison onto the run-time value.
_REFLECTED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

_STATEMENTS = {
    ast.While: "`while` loops are not supported (a pipeline is built by loops over values "
               "known when it is compiled: `for` over a list or `range`)",
    ast.AsyncFor: "`async for` loops are not supported",
    ast.Try: "`try` statements are not supported",
    ast.ClassDef: "classes defined inside a function are not supported",
    ast.Global: "`global` is not supported",
    ast.Nonlocal: "`nonlocal` is not supported",
    ast.Delete: "`del` is not supported",
    ast.AsyncWith: "`async with` is not supported",
    ast.AsyncFunctionDef: "`async def` is not supported",
}

SAFE_BUILTINS = ("range", "len", "str", "int", "float", "bool", "list", "tuple", "dict", "zip",
                 "enumerate", "sorted", "reversed", "min", "max", "sum", "abs", "round", "any",
                 "all", "print", "repr", "format", "set")
_STR_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "replace", "split", "rsplit",
                "startswith", "endswith", "title", "capitalize", "zfill", "ljust", "rjust",
                "center", "count", "find", "rfind", "index", "splitlines", "partition",
                "rpartition", "isdigit", "isalpha", "isalnum", "islower", "isupper",
                "casefold", "swapcase", "removeprefix", "removesuffix", "expandtabs"}
_LIST_METHODS = {"append", "extend", "insert", "pop", "index", "count", "copy", "reverse",
                 "sort", "remove", "clear"}
_DICT_METHODS = {"get", "items", "keys", "values", "update", "setdefault", "pop", "copy"}


class Return(Exception):
    def __init__(self, value: Any, node: ast.AST):
        super().__init__()
        self.value = value
        self.node = node


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


def assigned_names(body: Iterable[ast.stmt]) -> set[str]:
    """Names a function body binds (its locals), not looking into nested scopes.

    Only statements are walked (binding happens in their targets); a walrus inside an
    expression is found when it runs (an early use then reads as an unknown name)."""
    names: set[str] = set()
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(a.asname or a.name.split(".")[0] for a in node.names if a.name != "*")
            continue
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            if type(target) is ast.Name:     # most targets: no walk
                names.add(target.id)
                continue
            # `d["k"] = v` and `o.a = v` bind nothing: only Store/Del names are locals.
            for n in ast.walk(target):
                if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
                    names.add(n.id)
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(getattr(node, field, ()) or ())
        if isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


class Frame:
    """The local variables of one function call (or of the module, ``parent`` None)."""
    __slots__ = ("vars", "assigned", "parent", "function")

    def __init__(self, function: str | None, assigned: set[str], parent: "Frame | None"):
        self.vars: dict[str, Any] = {}
        self.assigned = assigned
        self.parent = parent
        self.function = function


class Evaluator:
    """Evaluates statements and expressions of one file; ``hooks`` give it kfp's meaning.

    ``hooks`` (the pipeline builder, or the module reader at the top level) provide:
    ``global_value(name, node)``, ``call_kfp(qualname, args, kwargs, node, hint)``,
    ``call_factory(factory, args, kwargs, node, hint)``, ``task_attribute(task, name,
    node)``, ``task_method(task, name, args, kwargs, node)``, ``attr_*`` for chains below a
    task, ``enter_group(spec, node)`` / ``exit_group(group)``, ``kfp_constant(qualname)``.
    """

    def __init__(self, hooks: Any, path: str):
        self.hooks = hooks
        self.path = path
        self.iterations = 0
        self.depth = 0
        self._locals: dict[int, set[str]] = {}   # a def's local names, by node
        self._defaults: dict[tuple, Any] = {}    # parameter defaults, once per def

    def error(self, message: str, node: ast.AST | None) -> InputError:
        return InputError(message, self.path, getattr(node, "lineno", None))

    # --- statements ---------------------------------------------------------------------
    def run_block(self, body: list[ast.stmt], frame: Frame) -> None:
        for stmt in body:
            self.run(stmt, frame)

    def run(self, stmt: ast.stmt, frame: Frame) -> None:
        method = getattr(self, "_s_" + type(stmt).__name__, None)
        if method is None:
            message = _STATEMENTS.get(type(stmt)) or (
                f"`{type(stmt).__name__}` statements are not supported here")
            raise self.error(message, stmt)
        method(stmt, frame)

    def _s_Pass(self, stmt: ast.Pass, frame: Frame) -> None:
        pass

    def _s_Expr(self, stmt: ast.Expr, frame: Frame) -> None:
        if isinstance(stmt.value, ast.Constant):
            return  # docstrings
        self.eval(stmt.value, frame)

    def _s_Assign(self, stmt: ast.Assign, frame: Frame) -> None:
        target = stmt.targets[0]
        hint = target.id if len(stmt.targets) == 1 and isinstance(target, ast.Name) else None
        value = self.eval(stmt.value, frame, hint)
        for target in stmt.targets:
            self.assign(target, value, frame, stmt)

    def _s_AnnAssign(self, stmt: ast.AnnAssign, frame: Frame) -> None:
        if stmt.value is None:
            return
        hint = stmt.target.id if isinstance(stmt.target, ast.Name) else None
        self.assign(stmt.target, self.eval(stmt.value, frame, hint), frame, stmt)

    def _s_AugAssign(self, stmt: ast.AugAssign, frame: Frame) -> None:
        target = stmt.target
        load = (ast.Name(id=target.id, ctx=ast.Load()) if isinstance(target, ast.Name) else
                ast.Subscript(value=target.value, slice=target.slice, ctx=ast.Load())
                if isinstance(target, ast.Subscript) else None)
        if load is None:
            raise self.error("augmented assignments to attributes are not supported", stmt)
        ast.copy_location(load, target)
        current = self.eval(load, frame)
        value = self.eval(stmt.value, frame)
        if isinstance(current, list) and isinstance(stmt.op, ast.Add):
            current.extend(self.iterate(value, stmt.value))  # += on a list extends it in place
            return
        self.assign(target, self.binop(stmt.op, current, value, stmt), frame, stmt)

    def _s_If(self, stmt: ast.If, frame: Frame) -> None:
        test = self.eval(stmt.test, frame)
        self.run_block(stmt.body if self.truth(test, stmt.test) else stmt.orelse, frame)

    def _s_For(self, stmt: ast.For, frame: Frame) -> None:
        items = self.iterate(self.eval(stmt.iter, frame), stmt.iter, loop=True)
        for item in items:
            self._count(stmt)
            self.assign(stmt.target, item, frame, stmt)
            try:
                self.run_block(stmt.body, frame)
            except _Break:
                return
            except _Continue:
                continue
        self.run_block(stmt.orelse, frame)

    def _s_Break(self, stmt: ast.Break, frame: Frame) -> None:
        raise _Break()

    def _s_Continue(self, stmt: ast.Continue, frame: Frame) -> None:
        raise _Continue()

    def _s_Return(self, stmt: ast.Return, frame: Frame) -> None:
        raise Return(None if stmt.value is None else self.eval(stmt.value, frame), stmt)

    def _s_Assert(self, stmt: ast.Assert, frame: Frame) -> None:
        if not self.truth(self.eval(stmt.test, frame), stmt.test):
            raise self.error("this `assert` fails when kfp compiles the pipeline", stmt)

    def _s_Raise(self, stmt: ast.Raise, frame: Frame) -> None:
        raise self.error("the pipeline raises an exception here when kfp compiles it", stmt)

    def _s_FunctionDef(self, stmt: ast.FunctionDef, frame: Frame) -> None:
        if stmt.decorator_list:
            raise self.error("decorated functions defined inside a function are not supported",
                             stmt.decorator_list[0])
        frame.vars[stmt.name] = Function(stmt, frame)

    def _s_Import(self, stmt: ast.Import, frame: Frame) -> None:
        for a in stmt.names:
            if a.asname:
                frame.vars[a.asname] = Ref(a.name)
            else:
                frame.vars[a.name.split(".")[0]] = Ref(a.name.split(".")[0])

    def _s_ImportFrom(self, stmt: ast.ImportFrom, frame: Frame) -> None:
        module = "." * stmt.level + (stmt.module or "")
        for a in stmt.names:
            if a.name == "*":
                raise self.error("`import *` inside a function is not supported", stmt)
            frame.vars[a.asname or a.name] = Ref(f"{module}.{a.name}")

    def _s_With(self, stmt: ast.With, frame: Frame) -> None:
        entered = []
        try:
            for item in stmt.items:
                spec = self.eval(item.context_expr, frame)
                if not isinstance(spec, GroupSpec):
                    raise self.error(f"`with {_brief(item.context_expr)}`: only kfp's blocks "
                                     "(dsl.Condition, dsl.If/Elif/Else, dsl.ParallelFor, "
                                     "dsl.ExitHandler) are supported", item.context_expr)
                value = self.hooks.enter_group(spec, item.context_expr)
                entered.append(spec)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, value, frame, stmt)
            self.run_block(stmt.body, frame)
        finally:
            for spec in reversed(entered):
                self.hooks.exit_group(spec)

    def _count(self, node: ast.AST) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise self.error(f"the pipeline runs more than {MAX_ITERATIONS:,} loop iterations "
                             "when it is built; the designer stops here", node)

    # --- assignment ---------------------------------------------------------------------
    def assign(self, target: ast.expr, value: Any, frame: Frame, stmt: ast.AST) -> None:
        if isinstance(target, ast.Name):
            frame.vars[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self.iterate(value, stmt)
            stars = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
            if stars:
                i = stars[0]
                after = len(target.elts) - i - 1
                if len(items) < len(target.elts) - 1:
                    raise self.error("not enough values to unpack", stmt)
                parts = items[:i] + [list(items[i:len(items) - after])] + items[len(items) - after:]
                elts = [e.value if isinstance(e, ast.Starred) else e for e in target.elts]
                for elt, item in zip(elts, parts):
                    self.assign(elt, item, frame, stmt)
                return
            if len(items) != len(target.elts):
                raise self.error(f"cannot unpack {len(items)} values into {len(target.elts)} "
                                 "names", stmt)
            for elt, item in zip(target.elts, items):
                self.assign(elt, item, frame, stmt)
        elif isinstance(target, ast.Subscript):
            container = self.eval(target.value, frame)
            key = self.eval(target.slice, frame)
            if isinstance(container, dict) and not is_runtime(key):
                container[_hashable(key, self, target.slice)] = value
            elif isinstance(container, list) and isinstance(key, int):
                try:
                    container[key] = value
                except IndexError:
                    raise self.error("list index out of range", target) from None
            else:
                raise self.error(f"cannot assign into {describe(container)} here", target)
        elif isinstance(target, ast.Attribute):
            obj = self.eval(target.value, frame)
            self.hooks.set_attribute(obj, target.attr, value, target)
        else:
            raise self.error(f"cannot assign to `{_brief(target)}`", stmt)

    # --- expressions --------------------------------------------------------------------
    def eval(self, node: ast.expr, frame: Frame, hint: str | None = None) -> Any:
        if isinstance(node, ast.Call):
            return self.call_node(node, frame, hint)
        method = getattr(self, "_e_" + type(node).__name__, None)
        if method is None:
            raise self.error(f"`{_brief(node)}` is not supported here", node)
        return method(node, frame)

    def _e_Constant(self, node: ast.Constant, frame: Frame) -> Any:
        if isinstance(node.value, (bytes, complex)) or node.value is Ellipsis:
            raise self.error(f"`{_brief(node)}` cannot be represented", node)
        return node.value

    def _e_Name(self, node: ast.Name, frame: Frame) -> Any:
        return self.lookup(node.id, node, frame)

    def lookup(self, name: str, node: ast.AST, frame: Frame) -> Any:
        f: Frame | None = frame
        while f is not None:
            if name in f.vars:
                return f.vars[name]
            if name in f.assigned:
                raise self.error(f"`{name}` is used before it is assigned", node)
            f = f.parent
        return self.hooks.global_value(name, node)

    def _e_Attribute(self, node: ast.Attribute, frame: Frame) -> Any:
        return self.attribute(self.eval(node.value, frame), node.attr, node)

    def attribute(self, obj: Any, name: str, node: ast.AST) -> Any:
        if isinstance(obj, Ref):
            qual = f"{obj.qualname}.{name}"
            return self.hooks.kfp_constant(qual, node)
        if isinstance(obj, TaskValue):
            return self.hooks.task_attribute(obj, name, node)
        if isinstance(obj, Attr):
            return self.hooks.attr_attribute(obj, name, node)
        if isinstance(obj, str) and (name in _STR_METHODS or name in ("format", "join")):
            return BoundMethod(obj, name)
        if isinstance(obj, list) and name in _LIST_METHODS:
            return BoundMethod(obj, name)
        if isinstance(obj, dict) and name in _DICT_METHODS:
            return BoundMethod(obj, name)
        if isinstance(obj, PathValue):
            return self.hooks.path_attribute(obj, name, node)
        if isinstance(obj, NamedTupleValue) and name in obj.type.fields:
            return obj.values[obj.type.fields.index(name)]
        return self.hooks.other_attribute(obj, name, node)

    def _e_Subscript(self, node: ast.Subscript, frame: Frame) -> Any:
        obj = self.eval(node.value, frame)
        key = self.eval(node.slice, frame)
        return self.subscript(obj, key, node)

    def subscript(self, obj: Any, key: Any, node: ast.Subscript) -> Any:
        if isinstance(obj, Outputs):
            return self.hooks.output_of(obj.task, key, node)
        if is_runtime(key):
            raise self.error(f"an index that is {describe(key)} is only known when the "
                             "pipeline runs", node.slice)
        if isinstance(obj, (list, tuple, str, dict)) and not is_runtime(obj):
            try:
                return obj[key]
            except (IndexError, KeyError, TypeError) as e:
                raise self.error(f"`{_brief(node)}`: {type(e).__name__} {e}", node) from None
        if isinstance(obj, NamedTupleValue) and isinstance(key, int):
            return obj.values[key]
        return self.hooks.other_subscript(obj, key, node)

    def _e_Slice(self, node: ast.Slice, frame: Frame) -> Any:
        parts = [None if p is None else self.eval(p, frame)
                 for p in (node.lower, node.upper, node.step)]
        if not all(p is None or isinstance(p, int) for p in parts):
            raise self.error("slices take whole numbers", node)
        return slice(*parts)

    def _e_List(self, node: ast.List, frame: Frame) -> Any:
        return self._items(node.elts, frame)

    def _e_Tuple(self, node: ast.Tuple, frame: Frame) -> Any:
        return tuple(self._items(node.elts, frame))

    def _e_Set(self, node: ast.Set, frame: Frame) -> Any:
        return set(_hashable(v, self, node) for v in self._items(node.elts, frame))

    def _items(self, elts: list[ast.expr], frame: Frame) -> list[Any]:
        out: list[Any] = []
        for e in elts:
            if isinstance(e, ast.Starred):
                out.extend(self.iterate(self.eval(e.value, frame), e))
            else:
                out.append(self.eval(e, frame))
        return out

    def _e_Dict(self, node: ast.Dict, frame: Frame) -> Any:
        out: dict = {}
        for k, v in zip(node.keys, node.values):
            if k is None:
                extra = self.eval(v, frame)
                if not isinstance(extra, dict):
                    raise self.error("`**` in a dict takes a dict", v)
                out.update(extra)
                continue
            key = self.eval(k, frame)
            if is_runtime(key):
                raise self.error(f"a dict key that is {describe(key)} is not supported", k)
            out[_hashable(key, self, k)] = self.eval(v, frame)
        return out

    def _e_JoinedStr(self, node: ast.JoinedStr, frame: Frame) -> Any:
        parts: list[Any] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
                continue
            assert isinstance(value, ast.FormattedValue)
            spec = None
            if value.format_spec is not None:
                spec = self.eval(value.format_spec, frame)
                if not isinstance(spec, str):
                    raise self.error("a format spec built from run-time values is not "
                                     "supported", value.format_spec)
            parts.append(self.guard(lambda: _pyfmt.formatted_value(
                self.eval(value.value, frame), value.conversion, spec, self._fail(value)),
                value))
        return SymStr.join(parts)

    def _e_FormattedValue(self, node: ast.FormattedValue, frame: Frame) -> Any:
        return self._e_JoinedStr(ast.JoinedStr(values=[node]), frame)

    def _e_BinOp(self, node: ast.BinOp, frame: Frame) -> Any:
        return self.binop(node.op, self.eval(node.left, frame), self.eval(node.right, frame),
                          node)

    def binop(self, op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
        if isinstance(op, ast.Mod) and isinstance(left, str):
            return self.guard(lambda: _pyfmt.percent(left, right, self._fail(node)), node)
        if isinstance(op, ast.Add):
            # kfp's run placeholders are plain strings: ``RUN_ID_PLACEHOLDER + "/x"`` works.
            left, right = (SymStr((v,)) if isinstance(v, RunPlaceholder) else v
                           for v in (left, right))
        if isinstance(op, ast.Add) and (isinstance(left, SymStr) or isinstance(right, SymStr)):
            other = right if isinstance(left, SymStr) else left
            if not isinstance(other, (str, SymStr)):
                raise self.error(f"cannot add {describe(other)} to a string", node)
            return SymStr.join([left, right])
        if isinstance(op, ast.Div) and isinstance(left, PathValue):
            return self.hooks.path_join(left, right, node)
        if is_runtime(left) or is_runtime(right):
            runtime = left if is_runtime(left) else right
            hint = (" (kfp cannot add a string and a run-time value; write f'...{x}' or "
                    "str(x))" if isinstance(op, ast.Add) else "")
            raise self.error(f"`{_opname(op)}` on {describe(runtime)}: its value is only known "
                             f"when the pipeline runs{hint}", node)
        if not (_is_plain(left) and _is_plain(right)):
            raise self.error(f"`{_opname(op)}` of {describe(left)} and {describe(right)} is "
                             "not supported", node)
        _check_size(op, left, right, self, node)
        return self.guard(lambda: _BINOPS[type(op)](left, right), node)

    def _e_UnaryOp(self, node: ast.UnaryOp, frame: Frame) -> Any:
        value = self.eval(node.operand, frame)
        if isinstance(node.op, ast.Not):
            return not self.truth(value, node.operand)
        if not isinstance(value, (int, float)) or isinstance(value, bool) and isinstance(
                node.op, ast.Invert):
            raise self.error(f"`{_brief(node)}` needs a number", node)
        ops = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}
        return ops[type(node.op)](value)

    def _e_BoolOp(self, node: ast.BoolOp, frame: Frame) -> Any:
        value: Any = None
        for v in node.values:
            value = self.eval(v, frame)
            truth = self.truth(value, v)
            if isinstance(node.op, ast.And) and not truth:
                return value
            if isinstance(node.op, ast.Or) and truth:
                return value
        return value

    def _e_Compare(self, node: ast.Compare, frame: Frame) -> Any:
        left = self.eval(node.left, frame)
        if len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
            right = self.eval(node.comparators[0], frame)
            cond = self.condition(_COMPARE[type(node.ops[0])], left, right, node)
            if cond is not None:
                return cond
            return self.guard(lambda: _COMPARE_FUNCS[type(node.ops[0])](left, right), node)
        for op, comp in zip(node.ops, node.comparators):
            right = self.eval(comp, frame)
            for side in (left, right):
                if is_runtime(side) or isinstance(side, SymStr):
                    raise self.error(f"`{_brief(node)}` compares {describe(side)}: only one "
                                     "==, !=, <, <=, > or >= with a run-time value makes a kfp "
                                     "condition", node)
            if not self.guard(lambda: _COMPARE_FUNCS[type(op)](left, right), node):
                return False
            left = right
        return True

    def condition(self, op: str, left: Any, right: Any, node: ast.AST) -> ConditionExpr | None:
        """kfp's ConditionOperator for a comparison with a run-time value, else None."""
        if isinstance(left, SymStr) or isinstance(right, SymStr):
            raise self.error("this compares a string built from run-time values, which Python "
                             "decides at once (kfp sees True or False); compare the value "
                             "itself", node)
        if _is_channel(left) and _is_channel(right):
            # Python asks the right operand first when its class is a subclass of the left
            # one's: kfp's loop items subclass its parameter/output channels.
            if isinstance(right, LoopItem) and not isinstance(left, LoopItem):
                return ConditionExpr(_REFLECTED[op], right, left)
            return ConditionExpr(op, left, right)
        if _is_channel(left):
            return ConditionExpr(op, left, right)
        if _is_channel(right):
            return ConditionExpr(_REFLECTED[op], right, left)
        if is_runtime(left) or is_runtime(right):
            raise self.error("comparing component placeholders is not supported", node)
        return None

    def _e_IfExp(self, node: ast.IfExp, frame: Frame) -> Any:
        test = self.eval(node.test, frame)
        return self.eval(node.body if self.truth(test, node.test) else node.orelse, frame)

    def _e_NamedExpr(self, node: ast.NamedExpr, frame: Frame) -> Any:
        value = self.eval(node.value, frame)
        self.assign(node.target, value, frame, node)
        return value

    def _e_Starred(self, node: ast.Starred, frame: Frame) -> Any:
        raise self.error("`*` is not supported here", node)

    def _e_Lambda(self, node: ast.Lambda, frame: Frame) -> Any:
        raise self.error("lambdas are not supported", node)

    # comprehensions run in their own scope, on values known at compile time
    def _comprehension(self, generators: list[ast.comprehension], frame: Frame,
                       emit: Callable[[Frame], None]) -> None:
        inner = Frame(frame.function, set(), frame)

        def loop(i: int) -> None:
            if i == len(generators):
                emit(inner)
                return
            gen = generators[i]
            if gen.is_async:
                raise self.error("async comprehensions are not supported", gen.iter)
            source = self.eval(gen.iter, inner if i else frame)
            for item in self.iterate(source, gen.iter, loop=True):
                self._count(gen.iter)
                self.assign(gen.target, item, inner, gen.iter)
                if all(self.truth(self.eval(c, inner), c) for c in gen.ifs):
                    loop(i + 1)

        loop(0)

    def _e_ListComp(self, node: ast.ListComp, frame: Frame) -> Any:
        out: list[Any] = []
        self._comprehension(node.generators, frame, lambda f: out.append(self.eval(node.elt, f)))
        return out

    _e_GeneratorExp = _e_ListComp

    def _e_SetComp(self, node: ast.SetComp, frame: Frame) -> Any:
        return set(_hashable(v, self, node) for v in self._e_ListComp(node, frame))

    def _e_DictComp(self, node: ast.DictComp, frame: Frame) -> Any:
        out: dict = {}

        def emit(f: Frame) -> None:
            key = self.eval(node.key, f)
            out[_hashable(key, self, node.key)] = self.eval(node.value, f)

        self._comprehension(node.generators, frame, emit)
        return out

    # --- calls --------------------------------------------------------------------------
    def call_node(self, node: ast.Call, frame: Frame, hint: str | None = None) -> Any:
        func_node = node.func
        if isinstance(func_node, ast.Attribute):
            obj = self.eval(func_node.value, frame, hint)
            fn = self.attribute(obj, func_node.attr, func_node)
        else:
            fn = self.eval(func_node, frame)
        args: list[Any] = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                args.extend(self.iterate(self.eval(a.value, frame), a))
            else:
                args.append(self.eval(a, frame))
        kwargs: dict[str, Any] = {}
        for kw in node.keywords:
            value = self.eval(kw.value, frame)
            if kw.arg is None:
                if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                    raise self.error("`**` takes a dict with string keys", kw.value)
                extra = value
            else:
                extra = {kw.arg: value}
            for k, v in extra.items():
                if k in kwargs:
                    raise self.error(f"`{_brief(func_node)}` got two values for `{k}`", kw.value)
                kwargs[k] = v
        return self.call(fn, args, kwargs, node, hint)

    def call(self, fn: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
             hint: str | None = None) -> Any:
        if isinstance(fn, Function):
            return self.hooks.call_function(fn, args, kwargs, node, hint)
        if isinstance(fn, BoundMethod):
            return self.call_method(fn, args, kwargs, node)
        if isinstance(fn, Builtin) and fn.name in SAFE_BUILTINS:
            return self.call_builtin(fn.name, args, kwargs, node)
        if isinstance(fn, Ref):
            return self.hooks.call_ref(fn.qualname, args, kwargs, node, hint)
        if isinstance(fn, NamedTupleType):
            return self.make_named_tuple(fn, args, kwargs, node)
        return self.hooks.call_other(fn, args, kwargs, node, hint)

    def run_function(self, fn: Function, args: list[Any], kwargs: dict[str, Any],
                     node: ast.AST, bind: Callable[[Frame], None] | None = None) -> Any:
        """Call a ``def`` of the file: bind the arguments, run the body, give the result."""
        func = fn.node
        if self.depth >= MAX_DEPTH:
            raise self.error(f"`{func.name}` calls nest more than {MAX_DEPTH} deep (recursion "
                             "is not supported: a pipeline is a fixed graph)", node)
        local = self._locals.get(id(func))
        if local is None:
            local = self._locals[id(func)] = assigned_names(func.body) | _param_names(func)
        frame = Frame(func.name, local, fn.closure)
        frame.vars.update(self.bind_arguments(func, args, kwargs, node, fn.closure))
        if bind is not None:
            bind(frame)
        self.depth += 1
        try:
            self.run_block(func.body, frame)
        except Return as r:
            return r.value
        except (_Break, _Continue):
            raise self.error("`break`/`continue` outside a loop", node) from None
        finally:
            self.depth -= 1
        return None

    def bind_arguments(self, func: ast.FunctionDef, args: list[Any], kwargs: dict[str, Any],
                       node: ast.AST, closure: Frame | None) -> dict[str, Any]:
        a = func.args
        positional = a.posonlyargs + a.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults))
        defaults += a.defaults
        bound: dict[str, Any] = {}
        if len(args) > len(positional) and a.vararg is None:
            raise self.error(f"`{func.name}` takes {len(positional)} positional arguments, "
                             f"{len(args)} given", node)
        for p, value in zip(positional, args):
            bound[p.arg] = value
        if a.vararg is not None:
            bound[a.vararg.arg] = tuple(args[len(positional):])
        extra: dict[str, Any] = {}
        names = {p.arg for p in positional if p not in a.posonlyargs} | {
            p.arg for p in a.kwonlyargs}
        for k, v in kwargs.items():
            if k in names:
                if k in bound:
                    raise self.error(f"`{func.name}` got two values for `{k}`", node)
                bound[k] = v
            elif a.kwarg is not None:
                extra[k] = v
            else:
                raise self.error(f"`{func.name}` has no parameter `{k}`", node)
        scope = closure or Frame(None, set(), None)
        for p, d in list(zip(positional, defaults)) + list(zip(a.kwonlyargs, a.kw_defaults)):
            if p.arg not in bound:
                if d is None:
                    raise self.error(f"`{func.name}` is missing its argument `{p.arg}`", node)
                # Python evaluates a default once, with its def: a list default is shared.
                key = (id(func), id(closure), p.arg)
                if key not in self._defaults:
                    self._defaults[key] = self.eval(d, scope)
                bound[p.arg] = self._defaults[key]
        if a.kwarg is not None:
            bound[a.kwarg.arg] = extra
        return bound

    def make_named_tuple(self, t: NamedTupleType, args: list[Any], kwargs: dict[str, Any],
                         node: ast.AST) -> NamedTupleValue:
        values = list(args) + [None] * (len(t.fields) - len(args))
        for k, v in kwargs.items():
            if k not in t.fields:
                raise self.error(f"`{t.name}` has no field `{k}`", node)
            values[t.fields.index(k)] = v
        if len(args) > len(t.fields):
            raise self.error(f"`{t.name}` takes {len(t.fields)} values", node)
        return NamedTupleValue(t, tuple(values))

    # --- methods on plain values ----------------------------------------------------------
    def call_method(self, m: BoundMethod, args: list[Any], kwargs: dict[str, Any],
                    node: ast.Call) -> Any:
        obj, name = m.obj, m.name
        if isinstance(obj, str):
            if name == "format":
                return self.guard(lambda: _pyfmt.str_format(obj, args, kwargs, self._fail(node)),
                                  node)
            if name == "join":
                if kwargs or len(args) != 1:
                    raise self.error("`join` takes one iterable", node)
                items = self.iterate(args[0], node)
                if any(not isinstance(i, (str, SymStr)) for i in items):
                    bad = next(i for i in items if not isinstance(i, (str, SymStr)))
                    raise self.error(f"`join` of {describe(bad)}: kfp joins strings only (use "
                                     "str(x))", node)
                joined: list[Any] = []
                for i, item in enumerate(items):
                    if i:
                        joined.append(obj)
                    joined.append(item)
                return SymStr.join(joined)
            self._plain_args(args, kwargs, node, name)
            return self.guard(lambda: getattr(obj, name)(*args, **kwargs), node)
        if isinstance(obj, list):
            if name in ("sort", "index", "count", "remove"):
                self._plain_args(args, kwargs, node, name)
            if name == "extend":
                obj.extend(self.iterate(args[0], node) if args else [])
                return None
            return self.guard(lambda: getattr(obj, name)(*args, **kwargs), node)
        if isinstance(obj, dict):
            for a in list(args[:1]):
                if is_runtime(a):
                    raise self.error(f"a dict key that is {describe(a)} is not supported", node)
            result = self.guard(lambda: getattr(obj, name)(*args, **kwargs), node)
            if name in ("items", "keys", "values"):
                return list(result)
            return result
        return self.hooks.call_other_method(obj, name, args, kwargs, node)

    def _plain_args(self, args: list[Any], kwargs: dict[str, Any], node: ast.AST,
                    name: str) -> None:
        for a in list(args) + list(kwargs.values()):
            if not _is_plain(a):
                label = f"{name}()" if name in SAFE_BUILTINS else f".{name}()"
                raise self.error(f"`{label}` with {describe(a)} is not supported here (its "
                                 "value is only known when the pipeline runs)", node)

    # --- builtins -----------------------------------------------------------------------
    def call_builtin(self, name: str, args: list[Any], kwargs: dict[str, Any],
                     node: ast.Call) -> Any:
        if name == "print":
            return None  # printing when kfp compiles changes nothing in the pipeline
        if name == "str" and len(args) == 1 and not kwargs:
            return self.guard(lambda: _pyfmt.as_text(args[0], self._fail(node)), node)
        if name == "len" and len(args) == 1:
            if isinstance(args[0], (list, tuple, dict, str, set)) and not is_runtime(args[0]):
                return len(args[0])
            raise self.error(f"`len` of {describe(args[0])} is only known when the pipeline "
                             "runs", node)
        if name in ("list", "tuple", "set", "sorted", "reversed", "sum", "min", "max", "any",
                    "all") and args:
            items = self.iterate(args[0], node, ordered=name in ("list", "tuple", "reversed"))
            if name in ("sorted", "sum", "min", "max", "set"):
                self._plain_args(items, kwargs, node, name)
            rest = args[1:]
            result = self.guard(lambda: getattr(builtins, name)(items, *rest, **kwargs), node)
            return list(result) if name == "reversed" else result
        if name in ("zip", "enumerate"):
            lists = [self.iterate(a, node) for a in args[:1 if name == "enumerate" else None]]
            start = args[1] if name == "enumerate" and len(args) > 1 else kwargs.get("start", 0)
            if name == "enumerate":
                return [(i + start, v) for i, v in enumerate(lists[0])]
            return [tuple(t) for t in zip(*lists)]
        if name == "range":
            self._plain_args(args, kwargs, node, name)
            r = self.guard(lambda: range(*args), node)
            if len(r) > MAX_SEQUENCE:
                raise self.error(f"`range` of {len(r):,} numbers is too long", node)
            return list(r)
        if name == "dict":
            out = dict(self.guard(lambda: dict(*[self._pairs(a, node) for a in args]), node))
            out.update(kwargs)
            return out
        self._plain_args(args, kwargs, node, name)
        return self.guard(lambda: getattr(builtins, name)(*args, **kwargs), node)

    def _pairs(self, value: Any, node: ast.AST) -> Any:
        return value if isinstance(value, dict) else self.iterate(value, node)

    # --- helpers ------------------------------------------------------------------------
    def iterate(self, value: Any, node: ast.AST, loop: bool = False,
                ordered: bool = True) -> list[Any]:
        """The items of a value known at compile time (lists, tuples, dicts, strings).

        A set of strings is iterated in an order that changes from one Python process to
        the next (hash randomisation), so what kfp built from it is not knowable: refused
        unless ``ordered`` is False (``sorted(s)``, ``len``...)."""
        if isinstance(value, set):
            if ordered and len(value) > 1 and not all(isinstance(v, (int, bool)) for v in value):
                raise self.error("the order of a set's items changes from one run of Python to "
                                 "the next, so what kfp builds from it is not known; iterate "
                                 "over `sorted(...)` of it", node)
            return list(value)
        if isinstance(value, (list, tuple, str)):
            return list(value)
        if isinstance(value, dict):
            return list(value)
        if isinstance(value, NamedTupleValue):
            return list(value.values)
        if is_runtime(value):
            extra = (" (a loop over a run-time value is `with dsl.ParallelFor(...) as item:`)"
                     if loop else "")
            raise self.error(f"cannot iterate over {describe(value)}: its items are only known "
                             f"when the pipeline runs{extra}", node)
        raise self.error(f"cannot iterate over {describe(value)}", node)

    def truth(self, value: Any, node: ast.AST) -> bool:
        if is_runtime(value) or isinstance(value, ConditionExpr):
            raise self.error(f"a Python `if` (or `and`/`or`/`not`) on {describe(value)}: kfp "
                             "decides it when it compiles, not when the pipeline runs; use "
                             "`dsl.Condition` / `dsl.If` for a run-time condition", node)
        if isinstance(value, (TaskValue, GroupSpec, Function, Ref, OpClass)):
            raise self.error(f"a Python `if` on {describe(value)} is not supported", node)
        return bool(value)

    def _fail(self, node: ast.AST) -> Callable[[str], InputError]:
        return lambda message: self.error(message, node)

    def guard(self, fn: Callable[[], Any], node: ast.AST) -> Any:
        """Run a Python operation on compile-time values; its exception is kfp's failure."""
        try:
            return fn()
        except InputError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError, OverflowError,
                AttributeError) as e:
            raise self.error(f"`{_brief(node)}` fails when kfp compiles the pipeline "
                             f"({type(e).__name__}: {e})", node) from None


def _is_channel(value: Any) -> bool:
    from ._values import CHANNELS
    return isinstance(value, CHANNELS)


def _is_plain(value: Any) -> bool:
    """A compile-time value Python's operators may be applied to."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple, set)):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    return False


def _hashable(value: Any, ev: Evaluator, node: ast.AST) -> Any:
    try:
        hash(value)
    except TypeError:
        raise ev.error(f"{describe(value)} cannot be a dict key or set item", node) from None
    return value


def _check_size(op: ast.operator, left: Any, right: Any, ev: Evaluator, node: ast.AST) -> None:
    if isinstance(op, ast.Mult):
        seq, n = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
        if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
            raise ev.error("this builds a value too large to evaluate", node)
    if isinstance(op, (ast.Pow, ast.LShift)) and isinstance(left, int) and isinstance(right, int):
        bits = abs(left).bit_length() * right if isinstance(op, ast.Pow) else right
        if bits > 100_000:
            raise ev.error("this builds a number too large to evaluate", node)
    if isinstance(op, ast.Add) and isinstance(left, (str, list)) and isinstance(right, type(left)):
        if len(left) + len(right) > MAX_SEQUENCE:
            raise ev.error("this builds a value too large to evaluate", node)


def _param_names(func: ast.FunctionDef) -> set[str]:
    a = func.args
    names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    names |= {p.arg for p in (a.vararg, a.kwarg) if p is not None}
    return names


def _opname(op: ast.operator) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
            ast.Mod: "%", ast.Pow: "**"}.get(type(op), type(op).__name__)


def _brief(node: ast.AST, limit: int = 60) -> str:
    return deep_ast.brief(node, limit)      # never fails: deep trees, huge integers


brief = _brief
