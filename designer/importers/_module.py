"""The top level of a kfp pipeline file, read with ``ast``: imports, components, the pipeline.

See kfp_python for the decisions this implements.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Union

from designer.ir import Component, InputError, SignatureError, docstrings
from designer.ir.naming import component_name

from ._pyast import NotLiteral, function_source, literal, source_lines

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
_PIPELINE = "kfp.dsl.pipeline"
_PARTIAL = "functools.partial"
# ``output_component_file`` only writes a side file; it does not change the pipeline.
_IGNORED_OPTIONS = {"output_component_file"}
# File/artifact passing changes kfp's input names and data flow; the IR holds values only.
_FILE_TYPES = {"InputPath", "OutputPath", "InputTextFile", "OutputTextFile", "InputBinaryFile",
               "OutputBinaryFile", "InputArtifact", "OutputArtifact", "Input", "Output",
               "Artifact", "Dataset", "Model", "Metrics", "ClassificationMetrics",
               "SlicedClassificationMetrics", "HTML", "Markdown", "PipelineTaskFinalStatus"}


# --- what a module-level name is bound to ---------------------------------------------

@dataclass(frozen=True)
class Imported:
    """A module or object brought in by an import, as a dotted path (``kfp.dsl``)."""
    qualname: str
    line: int


@dataclass(frozen=True)
class PlainFunction:
    node: ast.FunctionDef


@dataclass(frozen=True)
class Factory:
    """A kfp task factory: calling it in the pipeline makes a task."""
    component: Component


@dataclass(frozen=True)
class LiteralValue:
    value: Any


@dataclass(frozen=True)
class Opaque:
    """Bound in a way we do not follow; ``what`` says how, for the error if it is used."""
    line: int
    what: str


Binding = Union[Imported, PlainFunction, Factory, LiteralValue, Opaque]


def is_kfp(qualname: str) -> bool:
    return qualname == "kfp" or qualname.startswith("kfp.")


def brief(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[:limit - 3] + "..."


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

    def __init__(self, tree: ast.Module, text: str, path: str):
        self.tree = tree
        self.lines = source_lines(text)
        self.path = path
        self.bindings: dict[str, Binding] = {}
        self.components: list[Component] = []       # in definition order
        self.pipelines: list[tuple[ast.FunctionDef, ast.expr]] = []  # (function, decorator)
        self.style_lines: dict[str, int] = {}        # first line using each DSL style
        self.star_imports: list[str] = []

    def error(self, message: str, where: ast.AST | int | None) -> InputError:
        line = where if isinstance(where, int) or where is None else where.lineno
        return InputError(message, self.path, line)

    # --- reading the top level ---
    def read(self) -> None:
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
            elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                  and isinstance(stmt.targets[0], ast.Name)):
                self._assign(stmt.targets[0].id, stmt.value, stmt)
            elif (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                  and stmt.value is not None):
                self._assign(stmt.target.id, stmt.value, stmt)
            elif _is_main_guard(stmt):
                for s in stmt.orelse:
                    self._opaque(s, "inside the `else` of the `__main__` check")
            elif isinstance(stmt, ast.Expr):
                continue  # docstrings, prints, compile calls: they bind nothing
            else:
                self._check_no_component_changes(stmt)
                kind = _STATEMENT_KINDS.get(type(stmt), f"a `{type(stmt).__name__}` statement")
                self._opaque(stmt, f"bound by {kind}")

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

    def qualname(self, node: ast.expr) -> str | None:
        """Dotted import path an expression names (``dsl.pipeline`` -> ``kfp.dsl.pipeline``)."""
        if isinstance(node, ast.Name):
            b = self.bindings.get(node.id)
            return b.qualname if isinstance(b, Imported) else None
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def module_literal(self, node: ast.Name) -> Any:
        """Value of a module-level literal constant (for ``literal(resolve=...)``)."""
        b = self.bindings.get(node.id)
        if isinstance(b, LiteralValue):
            return b.value
        raise NotLiteral(node)

    def literal(self, node: ast.expr, what: str) -> Any:
        try:
            return literal(node, self.module_literal)
        except NotLiteral:
            raise self.error(f"{what} must be a literal (string, number, bool, None, list or "
                             f"dict) or a module-level constant, not `{brief(node)}`",
                             node) from None

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
            maker = self.qualname(value.func)
            if maker in _V1_FACTORIES or maker == _V2_COMPONENT:
                self.bindings[name] = self._call_form(value, maker)
                return
        self.bindings[name] = Opaque(stmt.lineno, f"assigned from `{brief(value)}`")

    # --- components ---
    def _call_form(self, call: ast.Call, maker: str) -> Factory:
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
        if not isinstance(target, PlainFunction):
            raise self.error(f"`{brief(func)}` is not a function defined in this file; the "
                             "designer imports components whose source is in the file", func)
        return self._component(target.node, style, given, maker, call.lineno)

    def _options(self, given: dict[str, ast.expr], maker: str) -> tuple[str | None, list[str]]:
        short = maker.rsplit(".", 1)[1]
        for key, node in given.items():
            if key not in ("base_image", "packages_to_install") and key not in _IGNORED_OPTIONS:
                raise self.error(f"`{key}=` of `{short}` is not supported by the designer", node)
        image = self.literal(given["base_image"], "base_image") if "base_image" in given else None
        if image is not None and not isinstance(image, str):
            raise self.error("base_image must be a string", given["base_image"])
        packages = (self.literal(given["packages_to_install"], "packages_to_install")
                    if "packages_to_install" in given else None)
        if packages is not None and not (isinstance(packages, list)
                                         and all(isinstance(p, str) for p in packages)):
            raise self.error("packages_to_install must be a list of strings",
                             given["packages_to_install"])
        return image, packages or []

    def _component(self, func: ast.FunctionDef, style: str, given: dict[str, ast.expr],
                   maker: str, line: int) -> Factory:
        self.style_lines.setdefault(style, line)
        if len(self.style_lines) > 1:
            raise self.error(
                f"this file mixes kfp v1 components (line {self.style_lines[V1]}) with kfp v2 "
                f"`@dsl.component`s (line {self.style_lines[V2]}); no kfp version runs both",
                line)
        image, packages = self._options(given, maker)
        source = function_source(self.lines, func)
        try:
            comp = Component.from_source(source, base_image=image, packages_to_install=packages)
        except SignatureError as e:
            raise self.error(f"component `{func.name}`: {e.message}",
                             func.lineno + (e.line or 1) - 1) from None
        self._refuse_file_passing(comp, func)
        same = next((c for c in self.components if c.name == comp.name), None)
        if same is None:
            self.components.append(comp)
        elif (same.source, same.base_image, same.packages_to_install) != (
                comp.source, comp.base_image, comp.packages_to_install):
            raise self.error(f"function `{comp.name}` is made into a component twice, "
                             "differently; the designer keeps one component per function name",
                             line)
        else:
            comp = same
        return Factory(comp)

    def _refuse_file_passing(self, comp: Component, func: ast.FunctionDef) -> None:
        sig = comp.signature
        for port in (*sig.inputs, *sig.outputs):
            if not port.annotation:
                continue
            try:
                tree = ast.parse(port.annotation, mode="eval")
            except SyntaxError:
                continue
            names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
            names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
            if names & _FILE_TYPES:
                raise self.error(
                    f"component `{comp.name}`: `{port.name}` is annotated `{port.annotation}`; "
                    "file and artifact passing is not supported by the designer (values only)",
                    func)

    # --- functions and their decorators ---
    def _function(self, func: ast.FunctionDef) -> None:
        kinds = [(dec, self._decorator(dec)) for dec in func.decorator_list]
        known = [(dec, k) for dec, k in kinds if k is not None]
        if not known:
            self.bindings[func.name] = (
                PlainFunction(func) if not kinds else
                Opaque(func.lineno, f"decorated with `@{brief(func.decorator_list[0])}`"))
            return
        if len(kinds) > 1:
            other = next(dec for dec, _ in kinds if dec is not known[0][0])
            raise self.error(f"`{func.name}` has other decorators besides its kfp one "
                             f"(`@{brief(other)}`); the designer cannot follow them", other)
        dec, (kind, given, maker) = known[0]
        if kind == "pipeline":
            self.pipelines.append((func, dec))
            self.bindings[func.name] = Opaque(func.lineno, "the pipeline function")
        else:
            self.bindings[func.name] = self._component(func, kind, given, maker, dec.lineno)

    def _decorator(self, dec: ast.expr) -> tuple[str, dict[str, ast.expr], str] | None:
        """(kind, options, maker) of a kfp decorator; kind is v1, v2 or pipeline."""
        q = self.qualname(dec)
        if q in _V1_FACTORIES:
            return V1, {}, q
        if q == _V2_COMPONENT:
            return V2, {}, q
        if q == _PIPELINE:
            return "pipeline", {}, q
        if not isinstance(dec, ast.Call):
            return None
        q = self.qualname(dec.func)
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
            maker = self.qualname(args[0]) if args else None
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
    def the_pipeline(self) -> tuple[ast.FunctionDef, ast.expr]:
        if not self.pipelines:
            for func in (s for s in self.tree.body if isinstance(s, ast.FunctionDef)):
                for dec in func.decorator_list:
                    target = dec.func if isinstance(dec, ast.Call) else dec
                    if getattr(target, "attr", getattr(target, "id", None)) == "pipeline":
                        q = self.qualname(target)
                        raise self.error(
                            f"`{func.name}` is decorated with `@{brief(target)}`"
                            + (f", which is `{q}`" if q else "") + ", not kfp's `kfp.dsl."
                            "pipeline` (from kfp 1.8's `kfp.dsl` or kfp 2's `kfp.dsl`)", dec)
            raise self.error("no pipeline function: decorate one function with "
                             "`@dsl.pipeline(...)` from kfp", None)
        if len(self.pipelines) > 1:
            where = ", ".join(f"`{f.name}` (line {f.lineno})" for f, _ in self.pipelines)
            raise self.error(f"several pipeline functions: {where}; the designer imports one "
                             "pipeline per file", self.pipelines[1][0])
        return self.pipelines[0]

    def style(self, decorator: ast.expr) -> str:
        if self.style_lines:
            return next(iter(self.style_lines))
        return V2 if not isinstance(decorator, ast.Call) else V1

    def pipeline_metadata(self, func: ast.FunctionDef, dec: ast.expr,
                          style: str) -> tuple[str, str | None, dict[str, str | None]]:
        """(name, description, parameter descriptions) as this file's kfp version derives
        them from the decorator and the function's docstring."""
        given: dict[str, ast.expr] = {}
        if isinstance(dec, ast.Call):
            if dec.args and style == V2:
                raise self.error("kfp v2's `@dsl.pipeline` takes keyword arguments only",
                                 dec.args[0])
            if len(dec.args) > 2:
                raise self.error("pipeline_root is not supported by the designer", dec.args[2])
            given = dict(zip(("name", "description"), dec.args))
            for kw in dec.keywords:
                if kw.arg not in ("name", "description"):
                    raise self.error(f"`{kw.arg or '**'}=` of `@dsl.pipeline` is not supported "
                                     "by the designer", kw.value)
                given[kw.arg] = kw.value
        elif style == V1:
            raise self.error("kfp 1.8.9's `pipeline` decorator must be called: write "
                             "`@dsl.pipeline(name=...)`; bare, it makes a pipeline of the "
                             "wrong function", dec)
        values = {}
        for key, node in given.items():
            values[key] = self.literal(node, f"the pipeline {key}")
            if values[key] is not None and not isinstance(values[key], str):
                raise self.error(f"the pipeline {key} must be a string", node)
        # kfp parses the docstring (docstring_parser, ported in designer.ir.docstrings) either
        # way; the versions differ only in what they take from it.
        doc = ast.get_docstring(func)
        try:
            parsed = docstrings.parse(doc)
        except (ValueError, RuntimeError, IndexError) as e:  # ParseError is a RuntimeError
            raise self.error("kfp fails on this docstring (its docstring parser raises "
                             f"{type(e).__name__}); reword the line it trips on",
                             func.body[0]) from None
        if style == V1:
            text = values.get("description") or parsed.short_description
            description = text.strip() if text else None  # kfp 1.8.9 strips it
        else:
            description = values.get("description") or docstrings.description(parsed)
        return values.get("name") or component_name(func.name), description, dict(parsed.params)
