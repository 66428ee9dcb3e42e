"""The top level of a kfp pipeline file, read with ``ast``: imports, components, pipelines.

See kfp_python for the decisions this implements.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Union

from designer.ir import Component, InputError, SignatureError, deep_ast, docstrings
from designer.ir.naming import component_name
from designer.ir.values import value_problem

from ._kfp_calls import canonical, is_kfp, is_v2_namespace, unalias_v2
from ._pyast import NotLiteral, function_source, literal, source_lines
from ._values import Function, OpClass, PipelineFunc, Ref

V1, V2 = "v1", "v2"

# Task-factory makers and their positional parameters (for the call form).
_V1_FACTORIES: dict[str, tuple[str, ...]] = {
    "kfp.components.create_component_from_func":
        ("func", "output_component_file", "base_image", "packages_to_install", "annotations"),
    "kfp.components.func_to_container_op":
        ("func", "output_component_file", "base_image", "extra_code", "packages_to_install",
         "modules_to_capture", "use_code_pickling", "annotations"),
}
_V2_COMPONENT = "kfp.dsl.component"
_CONTAINER_COMPONENT = "kfp.dsl.container_component"
_PIPELINE = "kfp.dsl.pipeline"
_PARTIAL = "functools.partial"
_CONTAINER_OP = "kfp.dsl.ContainerOp"
# ``output_component_file`` only writes a side file; it does not change the pipeline.
_IGNORED_OPTIONS = {"output_component_file"}
# kfp 2 ``@dsl.component`` options the IR holds (Component's install options).
_V2_INSTALL_OPTIONS = ("kfp_package_path", "pip_index_urls", "target_image")

# Names only one kfp version has: they decide which kfp a file is written for.
_V1_ONLY = {
    "kfp.dsl.ContainerOp", "kfp.dsl.ResourceOp", "kfp.dsl.VolumeOp", "kfp.dsl.VolumeSnapshotOp",
    "kfp.dsl.PipelineVolume", "kfp.dsl.PipelineConf", "kfp.dsl.get_pipeline_conf",
    "kfp.dsl.InputArgumentPath", "kfp.dsl.Sidecar", "kfp.dsl.UserContainer",
    "kfp.dsl.RUN_ID_PLACEHOLDER", "kfp.dsl.EXECUTION_ID_PLACEHOLDER", "kfp.dsl.graph_component",
    "kfp.dsl.SubGraph", "kfp.dsl.PipelineParam", "kfp.dsl.python_component", "kfp.dsl.BaseOp",
    "kfp.components.create_component_from_func", "kfp.components.func_to_container_op",
    "kfp.components.InputPath", "kfp.components.OutputPath", "kfp.components.InputTextFile",
    "kfp.components.OutputTextFile", "kfp.components.InputBinaryFile",
    "kfp.components.OutputBinaryFile", "kfp.components.InputArtifact",
    "kfp.components.OutputArtifact", "kfp.components.ComponentStore",
}
_V1_PREFIXES = ("kfp.dsl.types.", "kfp.gcp", "kfp.onprem", "kfp.aws", "kfp.azure")
_V2_ONLY = {
    "kfp.dsl.container_component", "kfp.dsl.ContainerSpec", "kfp.dsl.If", "kfp.dsl.Elif",
    "kfp.dsl.Else", "kfp.dsl.Collected", "kfp.dsl.OneOf", "kfp.dsl.Input", "kfp.dsl.Output",
    "kfp.dsl.InputPath", "kfp.dsl.OutputPath", "kfp.dsl.Artifact", "kfp.dsl.Dataset",
    "kfp.dsl.Model", "kfp.dsl.Metrics", "kfp.dsl.ClassificationMetrics",
    "kfp.dsl.SlicedClassificationMetrics", "kfp.dsl.HTML", "kfp.dsl.Markdown",
    "kfp.dsl.PipelineTaskFinalStatus", "kfp.dsl.ConcatPlaceholder", "kfp.dsl.PipelineConfig",
    "kfp.dsl.IfPresentPlaceholder", "kfp.dsl.PipelineTask", "kfp.dsl.PIPELINE_ROOT_PLACEHOLDER",
    "kfp.dsl.PIPELINE_JOB_NAME_PLACEHOLDER", "kfp.dsl.PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER",
    "kfp.dsl.PIPELINE_JOB_ID_PLACEHOLDER", "kfp.dsl.PIPELINE_TASK_NAME_PLACEHOLDER",
    "kfp.dsl.PIPELINE_TASK_ID_PLACEHOLDER", "kfp.dsl.PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER",
    "kfp.dsl.PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER",
}
_V2_PREFIXES = ("kfp.kubernetes",)
# Task methods only one kfp version has (hints for files without version-only names).
_V1_METHODS = {"add_pvolumes", "add_volume", "add_env_variable", "add_pod_label",
               "add_pod_annotation", "add_toleration", "add_affinity", "add_sidecar",
               "set_image_pull_policy", "add_resource_limit", "add_resource_request"}
_V2_METHODS = {"set_accelerator_type", "set_accelerator_limit", "ignore_upstream_failure",
               "set_container_image"}


# --- what a module-level name is bound to ---------------------------------------------

@dataclass(frozen=True)
class Imported:
    """A module or object brought in by an import, as a dotted path (``kfp.dsl``)."""
    qualname: str
    line: int


@dataclass(frozen=True)
class Factory:
    """A kfp component: calling it in the pipeline makes a task."""
    component: Any


@dataclass(frozen=True)
class LiteralValue:
    value: Any


@dataclass(frozen=True)
class Opaque:
    """Bound in a way we do not follow; ``what`` says how, for the error if it is used."""
    line: int
    what: str
    reason: str | None = None      # why evaluating it failed, when it was evaluated


@dataclass(frozen=True)
class Evaluated:
    """A value the top level computed (a loaded component, a path, a NamedTuple type...)."""
    value: Any


Binding = Union[Imported, Function, Factory, LiteralValue, Opaque, Evaluated, OpClass,
                PipelineFunc]


@dataclass(frozen=True)
class PipelineMetadata:
    """What the pipeline decorator, the compile call and the docstring say of a pipeline."""
    name: str
    description: str | None
    param_docs: dict[str, str | None]
    display_name: str | None
    pipeline_root: str | None
    conf: dict[str, int]            # PipelineConf fields set by ``pipeline_config=``
    output_docs: dict[str, str | None] = field(default_factory=dict)  # kfp 2: ``Returns:``


@dataclass(frozen=True)
class CompileCall:
    """``Compiler().compile(fn, ...)`` at the top level or in ``__main__``."""
    function: str
    node: ast.Call

    def argument(self, name: str, position: int) -> ast.expr | None:
        """An argument of the call by keyword, else by position (counting ``fn``)."""
        for kw in self.node.keywords:
            if kw.arg == name:
                return kw.value
        args = self.node.args
        return args[position] if len(args) > position else None


brief = deep_ast.brief


_STATEMENT_KINDS = {
    ast.AsyncFunctionDef: "an `async def`", ast.ClassDef: "a class", ast.If: "an `if` block",
    ast.For: "a `for` loop", ast.While: "a `while` loop", ast.Try: "a `try` statement",
    ast.With: "a `with` block", ast.AugAssign: "an augmented assignment",
}


def _is_main_guard(stmt: ast.stmt) -> bool:
    t = stmt.test if isinstance(stmt, ast.If) else None
    if not (isinstance(t, ast.Compare) and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq)):
        return False
    sides = [t.left, t.comparators[0]]
    return (any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
            and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides))


def _bound_names(stmt: ast.stmt) -> list[str]:
    """Every name a (compound) statement may bind at module level."""
    names = []
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.append(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [a.asname or a.name.split(".")[0] for a in node.names if a.name != "*"]
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.append(node.name)
    return names


class ModuleReader:
    """The top level of a pipeline file: bindings, components and pipeline functions."""

    def __init__(self, tree: ast.Module, text: str, path: str,
                 component_urls: dict[str, str] | None = None):
        self.tree = tree
        self.lines = source_lines(text)
        self.path = path
        self.component_urls = dict(component_urls or {})
        self.bindings: dict[str, Binding] = {}
        self.components: list[Any] = []             # in definition order
        # kfp 2 pipelines called in a pipeline (kfp_python.sub_pipeline): by def, and the
        # ones being read (a pipeline that uses itself is refused, not followed forever).
        self.sub_pipelines: dict[ast.FunctionDef, Any] = {}
        self.reading_pipelines: list[ast.FunctionDef] = []
        self.pipelines: list[tuple[ast.FunctionDef, ast.expr | None]] = []
        self.component_funcs: list[tuple[ast.FunctionDef, Any]] = []  # (def, component)
        self.compile_calls: list[CompileCall] = []
        self.style_lines: dict[str, tuple[int, str]] = {}   # first line using each kfp version
        self.star_imports: list[str] = []
        self.spec_cache: dict[tuple, Any] = {}
        self.file_style = V1
        self.style_known = False
        self.v2_namespace: int | None = None    # first line naming ``kfp.v2``
        self.v2_alias = False       # read as kfp 2 reads it: ``kfp.v2.dsl`` is ``kfp.dsl``
        self._environ: dict[str, str] | None = None
        self._hint: str | None = None
        self._defined: dict[str, int] | None = None
        self._ctx: Any = None
        self._depth_and_nodes: tuple[int, list[ast.AST]] | None = None

    @property
    def environ(self) -> dict[str, str]:
        """The file's ``os.environ``: this process's environment when the file is read, as
        kfp's run of it sees it (a copy: what the file sets stays in it)."""
        if self._environ is None:
            import os
            self._environ = dict(os.environ)
        return self._environ

    def error(self, message: str, where: ast.AST | int | None) -> InputError:
        line = where if isinstance(where, int) or where is None else getattr(where, "lineno",
                                                                             None)
        return InputError(message, self.path, line)

    @property
    def context(self) -> Any:
        """The evaluator context of the top level (no pipeline being built)."""
        if self._ctx is None:
            from ._context import Context
            self._ctx = Context(self)
        return self._ctx

    def tree_depth(self) -> int:
        """How deep the module's syntax tree is (the evaluator's recursion room)."""
        return self._measure()[0]

    def _nodes(self) -> list[ast.AST]:
        """Every node of the module, in no particular order."""
        return self._measure()[1]

    def _measure(self) -> tuple[int, list[ast.AST]]:
        # One pass for both: each is a walk over the whole file (~20,000 nodes for 1,000
        # tasks).
        if self._depth_and_nodes is None:
            self._depth_and_nodes = deep_ast.depth_and_nodes(self.tree)
        return self._depth_and_nodes

    def release(self) -> None:
        """Break the reference cycles of a finished read (this reader <-> its context <->
        the evaluator), so that reference counting frees the syntax tree and everything
        the evaluation made as soon as the caller lets go; left to the cyclic collector,
        they are ~35,000 objects for a 1,000-task file, traversed again by every young
        collection until the next full one (~10% of importing and compiling it)."""
        if self._ctx is not None:
            self._ctx.release()
            self._ctx = None

    # --- which kfp the file is written for ---
    def _scan_style(self) -> None:
        imports: dict[str, str] = {}
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Import):
                for a in stmt.names:
                    imports[a.asname or a.name.split(".")[0]] = a.name if a.asname else \
                        a.name.split(".")[0]
            elif isinstance(stmt, ast.ImportFrom) and not stmt.level:
                for a in stmt.names:
                    if a.name != "*":
                        imports[a.asname or a.name] = f"{stmt.module}.{a.name}"
        # (exact types: the parser makes no subclasses, and this looks at every node)
        Attribute, Name, Load = ast.Attribute, ast.Name, ast.Load
        for node in self._nodes():
            t = type(node)
            if t is Attribute and type(node.ctx) is Load:
                qual = _dotted(node, imports)
            elif t is Name and type(node.ctx) is Load:
                qual = imports.get(node.id)
            elif t is ast.ImportFrom and node.module and not node.level:
                for a in node.names:
                    self._mark_namespace(f"{node.module}.{a.name}", node.lineno)
                    self._mark(canonical(f"{node.module}.{a.name}"), node.lineno)
                continue
            elif isinstance(node, ast.Import):
                for a in node.names:
                    self._mark_namespace(a.name, node.lineno)
                continue
            else:
                continue
            if qual:
                self._mark_namespace(qual, node.lineno)
                self._mark(canonical(qual), node.lineno)
        # kfp 1.x ``@dsl.component`` wraps a ContainerOp factory; kfp 2's is a component.
        for func in (s for s in self.tree.body if isinstance(s, ast.FunctionDef)):
            for dec in func.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                qual = _dotted(target, imports) if isinstance(target, ast.Attribute) else (
                    imports.get(target.id) if isinstance(target, ast.Name) else None)
                if qual and canonical(qual) == _V2_COMPONENT:
                    self._mark("kfp.dsl.ContainerOp" if self._makes_container_op(func, imports)
                               else _V2_COMPONENT, dec.lineno, force=True)
        self._hint = None if self.style_lines else self._weak_hints(imports)

    def _makes_container_op(self, func: ast.FunctionDef, imports: dict[str, str]) -> bool:
        for node in ast.walk(func):
            if isinstance(node, ast.Call):
                f = node.func
                qual = _dotted(f, imports) if isinstance(f, ast.Attribute) else (
                    imports.get(f.id) if isinstance(f, ast.Name) else None)
                if qual and canonical(qual) == _CONTAINER_OP:
                    return True
        return False

    def _mark_namespace(self, qual: str, line: int) -> None:
        """``kfp.v2`` (kfp 1.8's v2-compatible namespace, which kfp 2 keeps as an alias of
        ``kfp``): its first line (``check_style`` decides what it means)."""
        if is_v2_namespace(qual) and (self.v2_namespace is None or line < self.v2_namespace):
            self.v2_namespace = line

    def _mark(self, qual: str, line: int, force: bool = False) -> None:
        style = None
        if qual in _V1_ONLY or qual.startswith(_V1_PREFIXES):
            style = V1
        elif qual in _V2_ONLY or qual.startswith(_V2_PREFIXES) or (force and qual ==
                                                                   _V2_COMPONENT):
            style = V2
        if style is None:
            return
        if style not in self.style_lines or line < self.style_lines[style][0]:
            self.style_lines[style] = (line, qual.rsplit(".", 1)[-1])

    def _weak_hints(self, imports: dict[str, str]) -> str | None:
        """Which kfp a file without version-only names is written for, from what only one
        version accepts: keywords (``ExitHandler(name=)``, ``ParallelFor(items=)``,
        ``pipeline(display_name=)``) and task methods only one version has."""
        v1, v2 = False, False
        for node in self._nodes():
            if type(node) is not ast.Call:
                continue
            f = node.func
            keywords = {k.arg for k in node.keywords}
            if isinstance(f, ast.Attribute):
                if f.attr in _V1_METHODS:
                    v1 = True
                elif f.attr in _V2_METHODS:
                    v2 = True
            qual = _dotted(f, imports) if isinstance(f, ast.Attribute) else (
                imports.get(f.id) if isinstance(f, ast.Name) else None)
            qual = canonical(qual) if qual else None
            if (qual == "kfp.dsl.ExitHandler" and "name" in keywords) or (
                    qual == "kfp.dsl.ParallelFor" and keywords & {"items", "name"}) or (
                    qual == _PIPELINE and "display_name" in keywords):
                v2 = True
            if qual == "kfp.dsl.ParallelFor" and "loop_args" in keywords:
                v1 = True
        return None if v1 == v2 else (V1 if v1 else V2)

    def check_style(self) -> None:
        if self.v2_namespace is not None and V1 not in self.style_lines:
            # Without kfp 1 names, a `kfp.v2` file is a kfp 2 file (kfp 2.17.3 runs it so);
            # with them it is kfp 1.8's, and its `kfp.v2` names are refused where used.
            self.v2_alias = True
            self.style_lines.setdefault(V2, (self.v2_namespace, "kfp.v2"))
        if len(self.style_lines) > 1:
            (l1, n1), (l2, n2) = self.style_lines[V1], self.style_lines[V2]
            raise self.error(
                f"this file mixes kfp 1 (`{n1}`, line {l1}) with kfp 2 (`{n2}`, line {l2}); no "
                "kfp version runs both", max(l1, l2))
        if self.style_lines:
            self.file_style = next(iter(self.style_lines))
            self.style_known = True
        elif self._hint is not None:
            self.file_style = self._hint
            self.style_known = True

    # --- reading the top level ---
    def read(self) -> None:
        self._scan_style()
        self.check_style()
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Import):
                for a in stmt.names:
                    if a.asname:
                        self.bindings[a.asname] = Imported(a.name, stmt.lineno)
                    else:
                        top = a.name.split(".")[0]
                        self.bindings[top] = Imported(top, stmt.lineno)
            elif isinstance(stmt, ast.ImportFrom):
                module = "." * stmt.level + (stmt.module or "")
                for a in stmt.names:
                    if a.name == "*":
                        self.star_imports.append(module)
                    else:
                        qual = f"{module}.{a.name}" if module.strip(".") else module + a.name
                        self.bindings[a.asname or a.name] = Imported(qual, stmt.lineno)
            elif isinstance(stmt, ast.FunctionDef):
                self._function(stmt)
            elif isinstance(stmt, ast.ClassDef):
                self._class(stmt)
            elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                  and isinstance(stmt.targets[0], ast.Name)):
                self._assign(stmt.targets[0].id, stmt.value, stmt)
            elif (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                  and stmt.value is not None):
                self._assign(stmt.target.id, stmt.value, stmt)
            elif _is_main_guard(stmt):
                self._compile_calls(stmt.body)
                for s in stmt.orelse:
                    self._opaque(s, "inside the `else` of the `__main__` check")
            elif isinstance(stmt, ast.Expr):
                self._compile_calls([stmt])
                self._run_top_level(stmt, None)  # prints bind nothing; list.append changes
            else:
                self._check_no_component_changes(stmt)
                kind = _STATEMENT_KINDS.get(type(stmt), f"a `{type(stmt).__name__}` statement")
                self._run_top_level(stmt, f"bound by {kind}")

    def _run_top_level(self, stmt: ast.stmt, what: str | None) -> None:
        """Run a top-level statement the way kfp's import of the file would (``L.append(x)``,
        ``d["k"] = v``, ``for`` loops filling a list...). When it cannot be followed, what it
        binds is opaque, and so is every value it might change: a stale list would give a
        pipeline kfp never built."""
        from ._eval import Frame, Return, _Break, _Continue
        frame = Frame(None, set(), None)
        frame.vars = _ModuleVars(self)  # type: ignore[assignment]
        try:
            self.context.ev.run(stmt, frame)
            return
        except InputError as e:
            reason = e.message
        except (Return, _Break, _Continue) as e:     # Python's compiler refuses these
            word = {Return: "return", _Break: "break", _Continue: "continue"}[type(e)]
            where = "function" if word == "return" else "loop"
            raise self.error(f"syntax error: '{word}' outside {where}", stmt) from None
        if what is not None:
            self._opaque(stmt, what)
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and _is_mutable(self.bindings.get(node.id)):
                self.bindings[node.id] = Opaque(stmt.lineno, "changed by a statement the "
                                                "designer cannot follow", reason)

    def _opaque(self, stmt: ast.stmt, what: str) -> None:
        for name in _bound_names(stmt):
            self.bindings[name] = Opaque(stmt.lineno, what)

    def _check_no_component_changes(self, stmt: ast.stmt) -> None:
        """``op.component_spec...image = "x"`` changes what kfp compiles; we cannot follow."""
        targets = getattr(stmt, "targets", None) or [getattr(stmt, "target", None)]
        for target in targets:
            root = target
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if root is not target and isinstance(root, ast.Name) and isinstance(
                    self.bindings.get(root.id), Factory):
                raise self.error(f"changing `{brief(target)}` of a component is not supported "
                                 "by the designer", stmt)

    def resolve(self, qualname: str) -> str:
        """``qualname`` as this file's kfp sees it: kfp 2's ``kfp.v2`` aliases resolved in a
        file read as kfp 2 (``v2_alias``), else unchanged."""
        return unalias_v2(qualname) if self.v2_alias else qualname

    def qualname(self, node: ast.expr) -> str | None:
        """Dotted import path an expression names (``dsl.pipeline`` -> ``kfp.dsl.pipeline``)."""
        attrs = []
        while isinstance(node, ast.Attribute):      # iterative: chains may be 1,000 long
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        b = self.bindings.get(node.id)
        if not isinstance(b, Imported):
            return None
        return self.resolve(".".join([b.qualname, *reversed(attrs)]))

    def canonical_qualname(self, node: ast.expr) -> str | None:
        q = self.qualname(node)
        return canonical(q) if q else None

    def module_literal(self, node: ast.Name) -> Any:
        """Value of a module-level literal constant (for ``literal(resolve=...)``)."""
        b = self.bindings.get(node.id)
        if isinstance(b, LiteralValue):
            return b.value
        raise NotLiteral(node)

    def literal(self, node: ast.expr, what: str) -> Any:
        try:
            value = literal(node, self.module_literal)
        except NotLiteral:
            raise self.error(f"{what} must be a literal (string, number, bool, None, list or "
                             f"dict) or a module-level constant, not `{brief(node)}`",
                             node) from None
        return self.storable(value, what, node)

    def storable(self, value: Any, what: str, node: ast.AST) -> Any:
        """``value`` if the IR can hold it (ir.values), else an error at ``node``'s line:
        a 5,000-digit integer or a lone surrogate would pass here and fail every writer."""
        problem = value_problem(value)
        if problem:
            raise self.error(f"{what} {problem}", node)
        return value

    def constant(self, node: ast.expr, what: str) -> Any:
        """A value known when kfp runs the file (a literal, or what the top level computes
        from constants: ``os.path.basename(__file__)``, ``"s3://{}".format(BUCKET)``), as
        kfp would see it; a run placeholder is the text this file's kfp has for it."""
        from ._pipeline_body import _constant_problem
        try:
            value = literal(node, self.module_literal)
        except NotLiteral:
            pass
        else:
            problem = _constant_problem(value)    # a 5,000-digit literal is a literal too
            if problem:
                raise self.error(f"{what} cannot be represented: {problem}", node)
            return value
        from designer.ir.model import RunPlaceholder

        from ._eval import Frame
        from ._kfp_calls import placeholder_text
        from ._values import SymStr
        try:
            value = self.context.ev.eval(node, Frame(None, set(), None))
        except InputError as e:
            raise self.error(f"{what} cannot be computed when the file is read: {e.message}",
                             node) from None
        if isinstance(value, RunPlaceholder):
            value = placeholder_text(value, self.file_style)
        if isinstance(value, SymStr) and all(isinstance(p, (str, RunPlaceholder))
                                             for p in value.parts):
            value = "".join(p if isinstance(p, str) else placeholder_text(p, self.file_style)
                            for p in value.parts)
        problem = _constant_problem(value)
        if problem:
            raise self.error(f"{what} must be a value known when the file is read, not "
                             f"`{brief(node)}` ({problem})", node)
        return value

    def value_of(self, name: str, node: ast.AST) -> Any:
        """What a module-level name stands for, for the evaluator."""
        b = self.bindings[name]
        if isinstance(b, Imported):
            from ._kfp_calls import constant
            return constant(self.context, b.qualname, node)
        if isinstance(b, LiteralValue):
            return b.value
        if isinstance(b, Evaluated):
            return b.value
        if isinstance(b, Opaque):
            if b.reason:
                raise self.error(f"`{name}` (line {b.line}) cannot be used: {b.reason}", node)
            raise self.error(f"`{name}` is {b.what} (line {b.line}); the designer cannot "
                             "follow it", node)
        return b

    def _assign(self, name: str, value: ast.expr, stmt: ast.stmt) -> None:
        try:
            self.bindings[name] = LiteralValue(literal(value, self.module_literal))
            return
        except NotLiteral:
            pass
        if isinstance(value, ast.Name) and value.id in self.bindings:
            self.bindings[name] = self.bindings[value.id]  # an alias
            return
        if isinstance(value, ast.Call):
            maker = self.canonical_qualname(value.func)
            if maker in _V1_FACTORIES or maker == _V2_COMPONENT:
                self.bindings[name] = self._call_form(value, maker)
                return
        from ._eval import Frame
        try:
            result = self.context.ev.eval(value, Frame(None, set(), None), hint=name)
        except InputError as e:
            where = f" (line {e.line})" if e.line and e.line != stmt.lineno and (
                e.path == self.path) else ""
            reason = e.message + where if e.path == self.path else str(e)
            self.bindings[name] = Opaque(stmt.lineno, f"assigned from `{brief(value)}`", reason)
            return
        self.bindings[name] = result if isinstance(result, Factory) else Evaluated(result)

    # --- pipelines compiled in __main__ ---
    def _compile_calls(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            # ``import kfp`` inside ``__main__`` binds as a top-level import would there.
            if isinstance(stmt, (ast.Import, ast.ImportFrom)) and not getattr(stmt, "level", 0):
                for a in stmt.names:
                    name = a.asname or a.name.split(".")[0]
                    if a.name == "*" or name in self.bindings:
                        continue
                    if isinstance(stmt, ast.Import):
                        qual = a.name if a.asname else name
                    else:
                        qual = f"{stmt.module}.{a.name}"
                    self.bindings[name] = Imported(qual, stmt.lineno)
            for node in ast.walk(stmt):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "compile"):
                    continue
                target = node.func.value
                maker = target.func if isinstance(target, ast.Call) else None
                q = self.canonical_qualname(maker) if maker is not None else None
                if q != "kfp.compiler.Compiler":
                    continue
                keywords = {k.arg: k.value for k in node.keywords if k.arg}
                fn = node.args[0] if node.args else keywords.get("pipeline_func")
                if isinstance(fn, ast.Name):
                    self.compile_calls.append(CompileCall(fn.id, node))

    # --- components ---
    def _call_form(self, call: ast.Call, maker: str) -> Any:
        """``op = create_component_from_func(func, base_image=...)``, or ``dsl.component(func)``."""
        style = V2 if maker == _V2_COMPONENT else V1
        positional = _V1_FACTORIES.get(maker, ("func",))
        short = maker.rsplit(".", 1)[1]
        if len(call.args) > len(positional) or any(isinstance(a, ast.Starred) for a in call.args):
            raise self.error(f"too many positional arguments to `{short}`", call)
        given = dict(zip(positional, call.args))
        for kw in call.keywords:
            if kw.arg is None:
                raise self.error(f"`**` arguments to `{short}` are not supported", kw.value)
            if kw.arg in given:
                raise self.error(f"`{short}` got two values for `{kw.arg}`", kw.value)
            given[kw.arg] = kw.value
        func = given.pop("func", None)
        if func is None:
            raise self.error(f"`{short}` needs the function to turn into a component", call)
        target = self.bindings.get(func.id) if isinstance(func, ast.Name) else None
        if isinstance(target, Factory):
            raise self.error(f"`{func.id}` is already a component", func)
        if not isinstance(target, Function):
            raise self.error(f"`{brief(func)}` is not a function defined in this file; the "
                             "designer imports components whose source is in the file", func)
        return self._component(target.node, style, given, maker, call.lineno)

    def _options(self, given: dict[str, ast.expr], maker: str) -> tuple[str | None, list[str]]:
        short = maker.rsplit(".", 1)[1]
        for key, node in given.items():
            if key not in ("base_image", "packages_to_install") and key not in _IGNORED_OPTIONS \
                    and not (maker == _V2_COMPONENT and key in _V2_INSTALL_OPTIONS):
                raise self.error(f"`{key}=` of `{short}` is not supported by the designer", node)
        image = self.literal(given["base_image"], "base_image") if "base_image" in given else None
        if image is not None and not isinstance(image, str):
            raise self.error("base_image must be a string", given["base_image"])
        packages = (self.constant(given["packages_to_install"], "packages_to_install")
                    if "packages_to_install" in given else None)
        if packages is not None and not (isinstance(packages, list)
                                         and all(isinstance(p, str) for p in packages)):
            raise self.error("packages_to_install must be a list of strings",
                             given["packages_to_install"])
        return image, packages or []

    def _install_options(self, given: dict[str, ast.expr]) -> dict[str, Any]:
        """kfp 2's ``kfp_package_path=``, ``pip_index_urls=`` and ``target_image=``, as the
        file's kfp sees them when it runs (a value may come from the environment:
        ``os.getenv("KFP_PACKAGE_PATH")``); None and empty values set nothing, as in kfp."""
        out: dict[str, Any] = {}
        for key in _V2_INSTALL_OPTIONS:
            if key not in given:
                continue
            value = self.constant(given[key], f"`{key}`")
            if key == "pip_index_urls":
                if value is not None and not (isinstance(value, list) and all(
                        isinstance(u, str) for u in value)):
                    raise self.error("pip_index_urls must be a list of strings", given[key])
            elif value is not None and not isinstance(value, str):
                raise self.error(f"{key} must be a string", given[key])
            if value:
                out[key] = list(value) if key == "pip_index_urls" else value
        return out

    def _component(self, func: ast.FunctionDef, style: str, given: dict[str, ast.expr],
                   maker: str, line: int) -> Factory:
        image, packages = self._options(given, maker)
        options = self._install_options(given)
        self._check_self_contained(func)
        source = function_source(self.lines, func)
        try:
            comp = Component.from_source(source, base_image=image, packages_to_install=packages,
                                         **options)
        except SignatureError as e:
            raise self.error(f"component `{func.name}`: {e.message}",
                             func.lineno + (e.line or 1) - 1) from None
        same = next((c for c in self.components if c.name == comp.name), None)
        if same is None:
            self.components.append(comp)
        elif not isinstance(same, Component) or (
                same.source, same.base_image, same.packages_to_install,
                same.install_options()) != (comp.source, comp.base_image,
                                            comp.packages_to_install, comp.install_options()):
            raise self.error(f"function `{comp.name}` is made into a component twice, "
                             "differently; the designer keeps one component per function name",
                             line)
        else:
            comp = same
        self.component_funcs.append((func, comp))
        return Factory(comp)

    def _check_self_contained(self, func: ast.FunctionDef) -> None:
        """A component is its function alone (kfp carries only its source; so do the
        designer's project and exports): a signature naming something this file defines
        (``Out = NamedTuple(...)``, ``MyInt = int``; kfp #8053's shape) would read as an
        unknown type once alone, and compile to other ports than kfp's. Refused here, at
        its line, rather than later or wrong."""
        defined = self._file_defined()
        args = func.args
        annotations = [a.annotation for a in (*args.posonlyargs, *args.args, *args.kwonlyargs,
                                              args.vararg, args.kwarg) if a is not None]
        for root in [*annotations, func.returns]:
            for node in ast.walk(root) if root is not None else ():
                if isinstance(node, ast.Name) and node.id in defined:
                    raise self.error(
                        f"component `{func.name}`: its signature uses `{node.id}`, which this "
                        f"file defines (line {defined[node.id]}); a component is its function "
                        "alone, where that name means nothing: write the type in the "
                        "signature", node)

    def _file_defined(self) -> dict[str, int]:
        """Names the module's own statements bind (not its imports), with a line each;
        function and class bodies are other scopes and are not entered."""
        if self._defined is None:
            self._defined = {}
            stack: list[ast.AST] = list(reversed(self.tree.body))
            while stack:
                node = stack.pop()
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self._defined.setdefault(node.name, node.lineno)
                    continue
                if isinstance(node, (ast.Lambda, ast.Import, ast.ImportFrom)):
                    continue
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    self._defined.setdefault(node.id, node.lineno)
                stack.extend(reversed(list(ast.iter_child_nodes(node))))
        return self._defined

    # --- functions, classes and their decorators ---
    def _function(self, func: ast.FunctionDef) -> None:
        kinds = [(dec, self._decorator(dec, func)) for dec in func.decorator_list]
        known = [(dec, k) for dec, k in kinds if k is not None]
        if not known:
            self.bindings[func.name] = (
                Function(func) if not kinds else
                Opaque(func.lineno, f"decorated with `@{brief(func.decorator_list[0])}`"))
            return
        if len(kinds) > 1:
            other = next(dec for dec, _ in kinds if dec is not known[0][0])
            raise self.error(f"`{func.name}` has other decorators besides its kfp one "
                             f"(`@{brief(other)}`); the designer cannot follow them", other)
        dec, (kind, given, maker) = known[0]
        if kind == "pipeline":
            self.pipelines.append((func, dec))
            self.bindings[func.name] = PipelineFunc(func, dec)
        elif kind == "v1_component":
            self.bindings[func.name] = Function(func, None, "v1_component")
        elif kind == "container":
            from ._containers import container_component
            comp = container_component(self.context, func)
            self.components.append(comp)
            self.component_funcs.append((func, comp))
            self.bindings[func.name] = Factory(comp)
        elif kind == "graph":
            self.bindings[func.name] = Opaque(func.lineno, "a kfp 1 graph component "
                                              "(`@dsl.graph_component`), which the designer "
                                              "does not support")
        else:
            self.bindings[func.name] = self._component(func, kind, given, maker, dec.lineno)

    def _class(self, stmt: ast.ClassDef) -> None:
        bases = [self.canonical_qualname(b) for b in stmt.bases]
        if _CONTAINER_OP in bases and len(bases) == 1 and not stmt.keywords:
            self.bindings[stmt.name] = OpClass(stmt)
            return
        self._opaque(stmt, "bound by a class")

    def _decorator(self, dec: ast.expr,
                   func: ast.FunctionDef) -> tuple[str, dict[str, ast.expr], str] | None:
        """(kind, options, maker) of a kfp decorator; kind is v1, v2, pipeline, container,
        v1_component or graph."""
        q = self.canonical_qualname(dec)
        if q in _V1_FACTORIES:
            return V1, {}, q
        if q == _V2_COMPONENT:
            if self.file_style == V1 and self.style_known:
                return "v1_component", {}, q
            return V2, {}, q
        if q == _CONTAINER_COMPONENT:
            return "container", {}, q
        if q == "kfp.dsl.graph_component":
            return "graph", {}, q
        if q == _PIPELINE:
            return "pipeline", {}, q
        if not isinstance(dec, ast.Call):
            return None
        q = self.canonical_qualname(dec.func)
        if q == _PIPELINE:
            return "pipeline", {}, q
        if q in _V1_FACTORIES:
            short = q.rsplit(".", 1)[1]
            raise self.error(
                f"kfp 1.8.9's `{short}` needs the function as its first argument, so "
                f"`@{short}(...)` fails when the file runs; write "
                f"`@functools.partial({short}, base_image=...)` instead", dec)
        args, keywords = list(dec.args), dec.keywords
        if q == _PARTIAL:
            maker = self.canonical_qualname(args[0]) if args else None
            if maker not in _V1_FACTORIES and maker != _V2_COMPONENT:
                return None
            q, args = maker, args[1:]
        elif q != _V2_COMPONENT:
            return None
        short = q.rsplit(".", 1)[1]
        if args:
            raise self.error(f"positional arguments to `@{short}` are not supported", args[0])
        if any(kw.arg is None for kw in keywords):
            raise self.error(f"`**` arguments to `@{short}` are not supported", dec)
        if any(kw.arg == "func" for kw in keywords):
            raise self.error(f"`func=` makes no sense in a `@{short}` decorator", dec)
        return (V2 if q == _V2_COMPONENT else V1), {kw.arg: kw.value for kw in keywords}, q

    # --- the pipeline function ---
    def candidates(self) -> list[tuple[str, str, int]]:
        """(name, kind, line) of what this file can give as a pipeline: its pipeline
        functions, functions it compiles in ``__main__``, and (kfp 2, when it has no
        pipeline) each component, which kfp compiles as a one-task pipeline."""
        out = [(f.name, "pipeline", f.lineno) for f, _ in self.pipelines]
        for call in self.compile_calls:
            b = self.bindings.get(call.function)
            if call.function in {n for n, _, _ in out}:
                continue
            if isinstance(b, Function) and b.kind == "plain":
                out.append((call.function, "compiled", b.node.lineno))
            elif isinstance(b, Factory) and self.file_style == V2:
                out.append((call.function, "component", call.node.lineno))
        if not out and self.file_style == V2:
            out = [(f.name, "component", f.lineno) for f, _ in self.component_funcs]
        return out

    def select(self, wanted: str | None) -> tuple[str, str, int]:
        found = self.candidates()
        if wanted is not None:
            match = [c for c in found if c[0] == wanted]
            if not match:
                names = ", ".join(f"`{n}`" for n, _, _ in found) or "none"
                raise self.error(f"no pipeline named `{wanted}` in this file (its pipelines: "
                                 f"{names})", None)
            return match[0]
        if len(found) == 1:
            return found[0]
        if not found:
            self._no_pipeline()
        compiled = [c for c in found if c[0] in {k.function for k in self.compile_calls}]
        if len(compiled) == 1:
            return compiled[0]
        where = ", ".join(f"`{n}` (line {line})" for n, _, line in found)
        raise self.error(f"several pipelines: {where}; choose one (`--pipeline NAME` on the "
                         "command line)", found[1][2])

    def _no_pipeline(self) -> None:
        for func in (s for s in self.tree.body if isinstance(s, ast.FunctionDef)):
            for dec in func.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                if getattr(target, "attr", getattr(target, "id", None)) == "pipeline":
                    q = self.qualname(target)
                    raise self.error(
                        f"`{func.name}` is decorated with `@{brief(target)}`"
                        + (f", which is `{q}`" if q else "") + ", not kfp's `kfp.dsl."
                        "pipeline` (from kfp 1.8's `kfp.dsl` or kfp 2's `kfp.dsl`)", dec)
        funcs = [f.name for f in self.tree.body if isinstance(f, ast.FunctionDef)]
        found = (f" (its functions: {', '.join(f'`{n}`' for n in funcs[:6])}"
                 + (", ..." if len(funcs) > 6 else "") + ")") if funcs else ""
        # Line 1: the whole file was searched, and no line is the one at fault.
        raise self.error("no pipeline function: the designer looks for a function decorated "
                         "with kfp's `@dsl.pipeline(...)` (or compiled in `__main__`) and "
                         f"found none in this file{found}", 1)

    def pipeline_function(self, name: str) -> tuple[ast.FunctionDef, ast.expr | None]:
        for func, dec in self.pipelines:
            if func.name == name:
                return func, dec
        b = self.bindings[name]
        return b.node, None

    def compile_call(self, name: str) -> CompileCall | None:
        return next((c for c in self.compile_calls if c.function == name), None)

    def style(self, decorator: ast.expr | None) -> str:
        if self.style_known:
            return self.file_style
        return V2 if decorator is not None and not isinstance(decorator, ast.Call) else V1

    def pipeline_metadata(self, func: ast.FunctionDef, dec: ast.expr | None, style: str,
                          compile_call: CompileCall | None = None
                          ) -> PipelineMetadata:
        """Name, description, parameter descriptions, display name and pipeline root as
        this file's kfp version derives them from the decorator and the docstring."""
        given: dict[str, ast.expr] = {}
        positional = ("name", "description", "pipeline_root")       # kfp 1.8.9's order
        allowed = positional + (("display_name", "pipeline_config") if style == V2 else ())
        if isinstance(dec, ast.Call):
            if dec.args and style == V2:
                raise self.error("kfp v2's `@dsl.pipeline` takes keyword arguments only",
                                 dec.args[0])
            if len(dec.args) > len(positional):
                raise self.error("kfp 1.8.9's `@dsl.pipeline` takes at most 3 positional "
                                 "arguments (name, description, pipeline_root)",
                                 dec.args[len(positional)])
            given = dict(zip(positional, dec.args))
            for kw in dec.keywords:
                if kw.arg not in allowed:
                    raise self.error(f"`{kw.arg or '**'}=` of `@dsl.pipeline` is not supported "
                                     "by the designer", kw.value)
                given[kw.arg] = kw.value
        elif dec is not None and style == V1:
            raise self.error("kfp 1.8.9's `pipeline` decorator must be called: write "
                             "`@dsl.pipeline(name=...)`; bare, it makes a pipeline of the "
                             "wrong function", dec)
        if compile_call is not None and style == V2:
            # kfp 2: compile(pipeline_func, package_path, pipeline_name, pipeline_parameters)
            extra = compile_call.argument("pipeline_parameters", 3)
            if extra is not None:
                raise self.error("`pipeline_parameters=` of `compile` is not supported by the "
                                 "designer (give the parameters defaults instead)", extra)
            name_node = compile_call.argument("pipeline_name", 2)
            if name_node is not None:
                given["name"] = name_node
        values: dict[str, Any] = {}
        config = given.pop("pipeline_config", None)
        for key, node in given.items():
            what = "the pipeline root" if key == "pipeline_root" else \
                f"the pipeline {key.replace('_', ' ')}"
            values[key] = self.constant(node, what)
            if values[key] is not None and not isinstance(values[key], str):
                raise self.error(f"{what} must be a string", node)
        # kfp parses the docstring (docstring_parser, ported in designer.ir.docstrings) either
        # way; the versions differ only in what they take from it.
        doc = ast.get_docstring(func)
        try:
            parsed = docstrings.parse(doc)
        except (ValueError, RuntimeError, IndexError) as e:  # ParseError is a RuntimeError
            raise self.error("kfp fails on this docstring (its docstring parser raises "
                             f"{type(e).__name__}); reword the line it trips on",
                             func.body[0]) from None
        output_docs: dict[str, str | None] = {}
        if style == V1:
            text = values.get("description") or parsed.short_description
            description = text.strip() if text else None  # kfp 1.8.9 strips it
        else:
            description = values.get("description") or docstrings.description(parsed)
            try:
                output_docs = docstrings.output_descriptions(doc)
            except (ValueError, RuntimeError, IndexError) as e:
                raise self.error("kfp fails on this docstring's Returns section (its "
                                 f"docstring parser raises {type(e).__name__}); reword the "
                                 "line it trips on", func.body[0]) from None
        return PipelineMetadata(values.get("name") or component_name(func.name), description,
                                dict(parsed.params), values.get("display_name"),
                                values.get("pipeline_root") or None,  # kfp ignores ""
                                self._pipeline_config(config), output_docs)

    def _pipeline_config(self, node: ast.expr | None) -> dict[str, int]:
        """``pipeline_config=dsl.PipelineConfig(...)`` -> the PipelineConf fields it sets
        (kfp 2.17.3: the TTL after the run finished and the deadline, in the platform
        spec); a workspace and the TTLs after success or failure are refused."""
        if node is None or (isinstance(node, ast.Constant) and node.value is None):
            return {}
        if not (isinstance(node, ast.Call) and self.canonical_qualname(node.func)
                == "kfp.dsl.PipelineConfig"):
            raise self.error("`pipeline_config=` must be a `dsl.PipelineConfig(...)` written "
                             "in the decorator", node)
        params = ("workspace", "ttl_seconds_after_finished", "ttl_seconds_after_success",
                  "ttl_seconds_after_failure", "active_deadline_seconds")
        if len(node.args) > len(params) or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.error("`dsl.PipelineConfig` takes at most 5 positional arguments", node)
        given = dict(zip(params, node.args))
        for kw in node.keywords:
            if kw.arg not in params or kw.arg in given:
                raise self.error(f"`dsl.PipelineConfig` has no argument `{kw.arg or '**'}` "
                                 "the designer knows", kw.value)
            given[kw.arg] = kw.value
        out: dict[str, int] = {}
        for name, value_node in given.items():
            if isinstance(value_node, ast.Constant) and value_node.value is None:
                continue
            if name in ("workspace", "ttl_seconds_after_success", "ttl_seconds_after_failure"):
                raise self.error(f"`{name}=` of `dsl.PipelineConfig` is not supported by the "
                                 "designer", value_node)
            value = self.literal(value_node, f"`{name}` of `dsl.PipelineConfig`")
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(f"kfp: {name} must be an int. Got: {type(value).__name__}",
                                 value_node)
            if not 0 <= value <= 2147483647:
                raise self.error(f"kfp: {name} must be a non-negative integer not above the "
                                 f"int32 maximum (2147483647). Got: {value}", value_node)
            out["timeout" if name == "active_deadline_seconds" else name] = value
        return out


def _is_mutable(binding: Any) -> bool:
    value = binding.value if isinstance(binding, (LiteralValue, Evaluated)) else None
    return value is not None and not isinstance(value, (str, int, float, bool, tuple,
                                                        frozenset))


class _ModuleVars:
    """The module's names as a frame's variables, for running top-level statements: reads
    see plain values, writes bind module names."""

    def __init__(self, module: ModuleReader):
        self.m = module

    def __contains__(self, name: str) -> bool:
        return isinstance(self.m.bindings.get(name), (LiteralValue, Evaluated))

    def __getitem__(self, name: str) -> Any:
        return self.m.bindings[name].value

    def __setitem__(self, name: str, value: Any) -> None:
        self.m.bindings[name] = value if isinstance(value, Factory) else Evaluated(value)

    def update(self, other: dict) -> None:
        for k, v in other.items():
            self[k] = v


def _dotted(node: ast.expr, imports: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in imports:
        return None
    return ".".join([imports[node.id]] + parts[::-1])


__all__ = ["ModuleReader", "Factory", "Imported", "LiteralValue", "Opaque", "V1", "V2",
           "is_kfp", "brief", "Ref"]
