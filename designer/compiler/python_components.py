"""The module-level definitions of the exported Python: one block per component.

* function components: the ``def`` as stored, under ``@create_component_from_func`` (v1)
  or ``@dsl.component`` (v2);
* component YAML (origin "spec"): the text in a module constant, loaded with
  ``load_component_from_text`` (or ``_file`` / ``_url`` as the pipeline had it): kfp
  hashes the text, so it is written back byte for byte;
* kfp 2 container components (origin "v2"): the function as stored, under
  ``@dsl.container_component``;
* kfp 1 ContainerOps (origin "op"): a factory function per container, as people write
  them: ``def echo_op(text): return dsl.ContainerOp(...)``, its parameters the run-time
  inputs (the importer names an op's inputs after the factory parameters they came
  through, so the names come back the same).
"""
from __future__ import annotations

import ast
import builtins
import re
from typing import Any, Callable

from designer.ir import Component, OutputRef, ParamRef, Pipeline
from designer.ir import components as pc
from designer.ir.components import ContainerComponent
from designer.ir.errors import InputError
from designer.ir.model import LoopItem, RunPlaceholder
from designer.ir.naming import call_names, sanitize_python_name, unique_name
from designer.ir.signature import PATH, VALUE

from .python_layout import Group, Piece, assign, call, flat, kwarg, lay_out, literal
from .python_names import TYPING_NAMES, V2_DSL_NAMES, Expressions, Imports, located


def trim_source(source: str) -> str:
    """The component text without leading/trailing blank lines; nothing else changes."""
    lines = source.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def annotations(comp: Any) -> list[str | None]:
    sig = comp.signature
    return ([i.annotation for i in sig.inputs] + [o.annotation for o in sig.outputs if o.param]
            + [sig.return_annotation])


# What an exported module gives a kfp 2 container function besides the builtins: the
# names ``Imports.annotation_names`` imports for it (typing's, kfp.dsl's, ``dsl``).
_CARRIED = TYPING_NAMES | V2_DSL_NAMES | {"dsl", "typing"}


def container_function(comp: ContainerComponent) -> str:
    """The function of a kfp 2 container component, as the export writes it: one ``def``
    named as the pipeline calls it, using no name of the file it came from (kfp runs the
    function when the module is loaded: a name the exported module lacks is a NameError
    there). InputError when the function cannot be written so."""
    what = f"cannot export the pipeline as kfp 2 Python: container component `{comp.python_name}`"
    if not comp.function_source:
        raise InputError(f"{what} has no function in the project (kfp 2 writes container "
                         "components as functions)")
    try:
        tree = ast.parse(comp.function_source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise InputError(f"{what}: its function is not valid Python") from None
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if len(tree.body) != 1 or len(funcs) != 1 or funcs[0].name != comp.python_name \
            or funcs[0].decorator_list:
        raise InputError(f"{what}: its function is not one `def {comp.python_name}(...)`")
    free = free_names(funcs[0]) - _CARRIED
    if free:
        names = ", ".join(f"`{n}`" for n in sorted(free)[:5])
        raise InputError(f"{what}: its function uses {names}, defined outside it in the file "
                         "it came from; the export cannot carry them (write the values in "
                         "the function)")
    return comp.function_source


def free_names(func: ast.FunctionDef) -> set[str]:
    """Names ``func`` reads that neither it nor the builtins bind (scopes flattened: a
    name bound anywhere inside counts as bound, which errs towards accepting)."""
    bound: set[str] = set(dir(builtins))
    read: set[str] = set()
    for node in ast.walk(func):          # iterative: deep bodies do not recurse
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {a.asname or a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            read |= set(node.names)
    return read - bound


def is_op(comp: Any) -> bool:
    return isinstance(comp, ContainerComponent) and comp.origin == "op"


def call_keywords(comp: Any, target: str) -> dict[str, str]:
    """Input name -> the keyword a call of the component gives it."""
    if is_op(comp):
        return op_parameters(comp)
    return call_names(comp, target)


def op_parameters(comp: ContainerComponent) -> dict[str, str]:
    """Input name -> the factory's parameter for it (value inputs are named after the
    parameter they came through, so it is their name)."""
    out: dict[str, str] = {}
    for spec in comp.signature.inputs:
        base = spec.name if spec.passing == VALUE else (sanitize_python_name(spec.name) or "data")
        out[spec.name] = unique_name(base, set(out.values()))
    return out


class ComponentWriter:
    def __init__(self, target: str, imports: Imports, exprs: Expressions):
        self.target = target
        self.imports = imports
        self.exprs = exprs
        self.constants: set[str] = set()
        self.inline: set[str] = set()       # ContainerOps written inline (inline_ops)

    def block(self, comp: Any, where: Any) -> list[str]:
        """The component's lines; ``where`` gets the line range of its definition (rank 0)
        and of a separate assignment (rank 1)."""
        try:
            return self._block(comp, where)
        except InputError as e:
            raise located(e, f"container:{getattr(comp, 'origin', 'function')}",
                          f"component `{comp.python_name}`", component_id=comp.id) from None

    def _block(self, comp: Any, where: Any) -> list[str]:
        if isinstance(comp, Component):
            return self._function(comp, where)
        if not isinstance(comp, ContainerComponent):
            return []   # volume steps are made in the pipeline body
        self.imports.annotation_names(annotations(comp))
        if comp.origin == "spec":
            lines = self._spec(comp)
        elif comp.origin == "v2":
            decorator = self.imports.dsl("container_component")
            source = trim_source(container_function(comp))
            self.imports.annotation_names([], source)
            lines = [f"@{decorator}", *source.split("\n")]
        else:
            lines = self._op(comp)
        where.add(("components", comp.id, 0), 0, len(lines))
        return lines

    def _function(self, comp: Component, where: Any) -> list[str]:
        """Decorated component function (a v1 call-form decorator does not exist: assign)."""
        self.imports.annotation_names(annotations(comp))
        options: list[list[Any]] = []
        if comp.base_image:
            options.append(kwarg("base_image", literal(comp.base_image)))
        if comp.packages_to_install:
            options.append(kwarg("packages_to_install", literal(list(comp.packages_to_install))))
        # (kfp 2's install options: the features guard keeps them from a kfp 1 export)
        options += [kwarg(k, literal(v)) for k, v in comp.install_options().items()]
        source = trim_source(comp.source).split("\n")
        if self.target == "v2":
            deco = self.imports.dsl("component")
            lines = lay_out([f"@{deco}", Group("(", options, ")")] if options else [f"@{deco}"],
                            0) + source
            where.add(("components", comp.id, 0), 0, len(lines))
            return lines
        make = self.imports.name("kfp.components", "create_component_from_func")
        if not options:
            where.add(("components", comp.id, 0), 0, 1 + len(source))
            return [f"@{make}", *source]
        # kfp 1.8.9's create_component_from_func(func, ...) needs func first: no @f(...) form.
        assignment = assign(comp.name, call(make, [[comp.name], *options]))
        lines = [*source, "", "", *lay_out(assignment, 0)]
        where.add(("components", comp.id, 0), 0, len(source))
        where.add(("components", comp.id, 1), len(source) + 2, len(lines))
        return lines

    # --- component YAML -----------------------------------------------------------------
    def _spec(self, comp: ContainerComponent) -> list[str]:
        name = comp.python_name
        if comp.spec_url is not None:
            load = self.imports.name("kfp.components", "load_component_from_url")
            return lay_out(assign(name, call(load, [literal(comp.spec_url)])), 0)
        if comp.spec_path is not None:
            load = self.imports.name("kfp.components", "load_component_from_file")
            return lay_out(assign(name, call(load, [literal(comp.spec_path)])), 0)
        base = name[:-3] if name.endswith("_op") and len(name) > 3 else name
        constant = unique_name(base.upper().lstrip("_") or "COMPONENT", self.constants)
        if constant == name:
            constant += "_YAML"
        self.constants.add(constant)
        load = self.imports.name("kfp.components", "load_component_from_text")
        return [*_text_constant(constant, comp.spec_text or ""),
                *lay_out(assign(name, call(load, [[constant]])), 0)]

    # --- kfp 1 ContainerOp --------------------------------------------------------------
    def _op(self, comp: ContainerComponent) -> list[str]:
        if comp.function_source:
            raise InputError(f"cannot export the pipeline: `{comp.python_name}` is a kfp 1 "
                             "`@dsl.component` ContainerOp factory, which the designer cannot "
                             "write back yet")
        if comp.id in self.inline:
            return []
        params = op_parameters(comp)
        head = lay_out([f"def {comp.python_name}",
                        Group("(", [[p] for p in params.values()], ")", "def"), ":"], 0,
                       is_def=True)
        return head + lay_out(["return ", *self.op_call(comp, lambda n, q: [params[n]])], 1)

    def op_call(self, comp: ContainerComponent,
                value_of: Callable[[str, str], list[Piece]]) -> list[Piece]:
        """``dsl.ContainerOp(...)``; ``value_of(input, quote)``: the expression giving an
        input (a factory parameter, or the task's argument when written inline)."""
        args: list[list[Any]] = [kwarg("name", literal(comp.name)),
                                 kwarg("image", literal(comp.image))]
        for key, parts in (("command", comp.command), ("arguments", comp.args)):
            empty = ("command" if key == "command" else "args") in comp.explicit_empty
            if parts or empty:
                items = [self._op_part(p, value_of) for p in parts]
                args.append(kwarg(key, [Group("[", items, "]", "collection")] if items
                                  else ["[]"]))
        paths = [s for s in comp.signature.inputs if s.passing == PATH]
        if paths:
            items = []
            for n, spec in enumerate(paths):
                given = [value_of(spec.name, '"'), kwarg("path", literal(spec.path))]
                if spec.name != f"input-{n}":
                    given.append(kwarg("input", literal(spec.name)))
                items.append(call(self.imports.dsl("InputArgumentPath"), given))
            args.append(kwarg("artifact_argument_paths", [Group("[", items, "]", "collection")]))
        for key, passing in (("file_outputs", VALUE), ("output_artifact_paths", PATH)):
            outs = {o.name: o.path for o in comp.signature.outputs if o.passing == passing}
            if outs:
                args.append(kwarg(key, literal(outs)))
        return call(self.imports.dsl("ContainerOp"), args)

    def _op_part(self, part: Any, value_of: Callable[[str, str], list[Piece]]) -> list[Any]:
        if isinstance(part, pc.InputValue):
            return value_of(part.input, '"')
        parts = part.parts if isinstance(part, pc.Concat) else (part,)
        if not all(isinstance(p, (str, pc.InputValue)) for p in parts):
            raise InputError("cannot export the pipeline: only values and strings make a kfp 1 "
                             "ContainerOp's command line")
        # kfp 1's run placeholders are text in the command: write them by their names.
        split: list[Any] = []
        for p in parts:
            if isinstance(p, str):
                split += [RunPlaceholder(_V1_TEXTS[x]) if x in _V1_TEXTS else x
                          for x in _V1_TEXT.split(p) if x]
            else:
                split.append(p)
        if len(split) == 1 and isinstance(split[0], str):
            return literal(split[0])
        if len(split) == 1 and isinstance(split[0], RunPlaceholder):
            return [self.exprs.placeholder(split[0])]

        def inner(p: Any) -> str:
            if isinstance(p, RunPlaceholder):
                return self.exprs.placeholder(p)
            return flat(value_of(p.input, "'"))
        return [self.exprs.f_string(tuple(split), text_part=inner)]


# kfp 1's run placeholders as its ContainerOps see them (the longer first).
_V1_TEXTS = {"{{workflow.uid}}-{{pod.name}}": "execution_id", "{{workflow.uid}}": "run_id"}
_V1_TEXT = re.compile("(" + "|".join(re.escape(t) for t in _V1_TEXTS) + ")")


def inline_ops(p: Pipeline) -> set[str]:
    """Ids of the ContainerOp components written inline in the pipeline (as
    ``dsl.ContainerOp(...)`` calls): those whose names are what the importer gives an
    inline op (its Python name from the op's name, its inputs named after the values
    they get). Others get a factory function."""
    out = set()
    task_names = {t.id: t.name for t in p.tasks}
    for comp in p.components:
        if not is_op(comp) or comp.function_source:
            continue
        if comp.python_name != (sanitize_python_name(comp.name) or "container_op"):
            continue
        values = [s.name for s in comp.signature.inputs if s.passing == VALUE]
        if all(_inline_names(t, values, task_names) for t in p.tasks
               if t.component_id == comp.id):
            out.add(comp.id)
    return out


def _inline_names(task: Any, names: list[str], task_names: dict[str, str]) -> bool:
    """Whether an inline op given the task's values names its inputs ``names``."""
    made: list[str] = []
    seen: dict[Any, str] = {}
    for name in names:
        value = task.arguments.get(name)
        if value is None or value in seen:
            return False
        if isinstance(value, ParamRef):
            base = value.name
        elif isinstance(value, OutputRef):
            producer = task_names.get(value.task_id)
            base = sanitize_python_name(f"{producer}_{value.output}" if producer
                                        else value.output) or "output"
        elif isinstance(value, LoopItem):
            base = "_".join(("item",) + value.fields)
        else:
            return False
        made.append(unique_name(base, set(made)))
        seen[value] = made[-1]
    return made == names


def _text_constant(name: str, text: str) -> list[str]:
    """``NAME = \"\"\"\\`` + the text + ``\"\"\"``: a YAML text as people keep it in a module,
    byte for byte (``repr`` when it has characters a triple-quoted string cannot show)."""
    if any(c in text for c in "\r\x0b\x0c\x00") or not text.isprintable() and any(
            not c.isprintable() and c not in "\n\t" for c in text):
        return [f"{name} = {text!r}"]
    body = text.replace("\\", "\\\\").replace('"""', '\\"""')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    opening = '"""' if body.startswith("\n") else '"""\\\n'
    return f'{name} = {opening}{body}"""'.split("\n")


__all__ = ["ComponentWriter", "call_keywords", "is_op", "inline_ops", "op_parameters",
           "trim_source", "annotations"]
