"""IR -> an idiomatic kfp Python module (v1 or v2 DSL), laid out as ``black`` would.

The module has the shape of the tutorial's final code: imports, one decorated
function per component, the ``@pipeline`` function that wires tasks, and a
``__main__`` block that compiles to ``<function>.yaml``.

Component sources are written exactly as stored (only blank lines around them
are trimmed): compiled YAML embeds that text byte for byte, so it is never
reformatted. Everything else is generated already black-formatted (default
settings, 88 columns) by the small layout engine below, which reproduces
black's bracket splitting for the shapes emitted here; black is not a runtime
dependency. If a user's component code is not black-clean, black would change
those lines, and only those.
"""
from __future__ import annotations

import ast
import math
import re
import typing
import unicodedata
from dataclasses import dataclass
from typing import Any, Union

from designer.ir import SINGLE_OUTPUT, Component, Constant, OutputRef, ParamRef, Pipeline, Task
from designer.ir.errors import InputError
from designer.ir.naming import pythonic_names  # kfp v1 task factories take these keywords
from designer.ir.validate import errors, is_identifier

from .guard import refuse_unsupported
from .source_map import Compiled, Mark, Range, SourceMap

TARGETS = ("v1", "v2")
# IR features (designer.ir.features) this exporter writes (and the SDK compiles back exactly).
SUPPORTED: frozenset[str] = frozenset()
LINE_LENGTH = 88
INDENT = "    "

# typing names an annotation may use (NamedTuple, List...): the module imports them.
_TYPING_NAMES = frozenset(typing.__all__)


# --------------------------------------------------------------------------------------
# Layout: a tiny model of black's right-hand / left-hand bracket splits.
# --------------------------------------------------------------------------------------
@dataclass
class Group:
    """A bracketed, comma-separated list: call arguments, def parameters, a literal..."""
    open: str
    items: list[list["Piece"]]
    close: str
    # "call" | "def" | "collection" | "import" | "subscript"
    # | "optional" (the invisible parentheses black puts around an assignment's value)
    kind: str = "call"


Piece = Union[str, Group]


def _flat(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
        else:
            inner = ", ".join(_flat(i) for i in p.items)
            if p.kind in ("import", "optional"):  # black's invisible parentheses
                out.append(inner)
            else:
                out.append(p.open + inner + p.close)
    return "".join(out)


def width(text: str) -> int:
    """Columns as black counts them: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" and not unicodedata.combining(c)
               else 1 for c in text)


def _fits(line: str) -> bool:
    return width(line) <= LINE_LENGTH


def _split_index(pieces: list[Piece], first: bool) -> int | None:
    """Which group black splits: the first (a ``def``) or the last non-empty one."""
    found = [i for i, p in enumerate(pieces) if isinstance(p, Group) and p.items]
    if not found:
        return None
    return found[0] if first else found[-1]


def lay_out(pieces: list[Piece], depth: int, *, is_def: bool = False) -> list[str]:
    """Lines for one logical line at ``depth`` indents, split like black when too long."""
    pad = INDENT * depth
    text = pad + _flat(pieces)
    if _fits(text):
        return [text]
    last = pieces[-1]
    if isinstance(last, Group) and last.kind == "optional":
        # black first splits inside the value; when that leaves the first line too long,
        # it wraps the value in parentheses if every resulting line then fits.
        lines = lay_out(pieces[:-1] + last.items[0], depth)
        wrapped = [pad + _flat(pieces[:-1]) + "(", *lay_out(last.items[0], depth + 1), pad + ")"]
        if len(lines) == 1:  # the value itself does not split: the parentheses are the way
            return wrapped
        if _fits(lines[0]):
            return lines
        return wrapped if all(_fits(line) for line in wrapped) else lines
    idx = _split_index(pieces, first=is_def)
    if idx is None:
        return [text]
    group = pieces[idx]
    assert isinstance(group, Group)
    head = pad + _flat(pieces[:idx]) + group.open
    tail = pad + group.close + _flat(pieces[idx + 1:])
    return [head, *_body(group, depth + 1, is_def=is_def), tail]


def _body(group: Group, depth: int, *, is_def: bool) -> list[str]:
    items = group.items
    # black adds a trailing comma to a lone def parameter / import name when it splits.
    lone_comma = len(items) == 1 and (is_def or group.kind == "import")
    # A split collection literal or import with several elements always goes one per line.
    explode = len(items) > 1 and group.kind in ("collection", "import")
    one_line = INDENT * depth + ", ".join(_flat(i) for i in items) + ("," if lone_comma else "")
    if not explode and _fits(one_line):
        return [one_line]
    if len(items) == 1:
        return lay_out(items[0] + ([","] if lone_comma else []), depth)
    lines: list[str] = []
    for item in items:
        lines += lay_out(item + [","], depth)
    return lines


# --------------------------------------------------------------------------------------
# Python literals, as black writes them.
# --------------------------------------------------------------------------------------
def string_literal(s: str) -> str:
    """``repr`` with black's quote preference: double quotes unless that adds escapes."""
    r = repr(s)
    if r[0] == '"':
        return r
    body = r[1:-1]
    # Swap the quote: unescape \' and escape bare " (neither appears escaped otherwise).
    new_body = re.sub(r"(\\*)\\'", lambda m: m.group(1) + "'", body)
    new_body = re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', new_body)
    if new_body.count("\\") > body.count("\\"):
        return r
    return f'"{new_body}"'


def _float_literal(v: float) -> str:
    if math.isnan(v) or math.isinf(v):
        return f'float("{v}")'
    text = repr(v)
    return text.replace("e+", "e")  # black: 1e+20 -> 1e20


def literal(value: Any) -> list[Piece]:
    """Pieces for a constant: the IR's JSON-like values (str, number, bool, None, list,
    dict); anything else falls back to ``repr``."""
    if isinstance(value, str):
        return [string_literal(value)]
    if isinstance(value, bool) or value is None:
        return [repr(value)]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return [_float_literal(value)]
    if isinstance(value, list):
        return [Group("[", [literal(v) for v in value], "]", "collection")] if value else ["[]"]
    if isinstance(value, dict):
        if not value:
            return ["{}"]
        return [Group("{", [[*literal(k), ": ", *literal(v)] for k, v in value.items()], "}",
                      "collection")]
    return [repr(value)]


def _call(func: str, args: list[list[Piece]]) -> list[Piece]:
    return [func, Group("(", args, ")") if args else "()"]


def _kwarg(name: str, value: list[Piece]) -> list[Piece]:
    return [f"{name}=", *value]


def _assign(target: str, value: list[Piece]) -> list[Piece]:
    return [f"{target} = ", Group("(", [value], ")", "optional")]


# --------------------------------------------------------------------------------------
# Names the module needs.
# --------------------------------------------------------------------------------------
def _annotation_names(annotations: list[str | None]) -> tuple[set[str], bool]:
    """Bare names used by annotation texts, and whether ``typing.X`` is used."""
    names: set[str] = set()
    dotted_typing = False
    for text in annotations:
        if not text:
            continue
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id == "typing"):
                dotted_typing = True
    return names, dotted_typing


def _component_annotations(comp: Component) -> list[str | None]:
    sig = comp.signature
    return [i.annotation for i in sig.inputs] + [sig.return_annotation]


def _trim_source(source: str) -> str:
    """The component text without leading/trailing blank lines; nothing else changes."""
    lines = source.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# The module.
# --------------------------------------------------------------------------------------
def _import_lines(pipeline: Pipeline, target: str) -> tuple[list[str], set[str]]:
    """Import blocks (stdlib, then kfp) and the module-level names they bind."""
    annotations: list[str | None] = [p.annotation for p in pipeline.params]
    for comp in pipeline.components:
        annotations += _component_annotations(comp)
    used, dotted_typing = _annotation_names(annotations)
    typing_names = sorted(used & _TYPING_NAMES)

    std: list[list[Piece]] = []
    if dotted_typing:
        std.append(["import typing"])
    if typing_names:
        std.append(_import_from("typing", typing_names))
    if target == "v1":
        kfp = [["import kfp"]]
        if pipeline.components:
            kfp.append(["from kfp.components import create_component_from_func"])
        kfp.append(["from kfp.dsl import pipeline"])
        bound = {"kfp", "pipeline", "create_component_from_func"}
    else:
        kfp = [["from kfp import compiler"], ["from kfp import dsl"]]
        bound = {"compiler", "dsl"}
    lines: list[str] = []
    for block in (std, kfp):
        if block:
            if lines:
                lines.append("")
            for stmt in block:
                lines += lay_out(stmt, 0)
    bound |= set(typing_names) | ({"typing"} if dotted_typing else set())
    return lines, bound


def _import_from(module: str, names: list[str]) -> list[Piece]:
    # black parenthesises a long import's names (its brackets are invisible when short).
    return [f"from {module} import ", Group("(", [[n] for n in names], ")", "import")]


def _component_lines(comp: Component, target: str, where: _Where) -> list[str]:
    """Decorated component function (a v1 call-form decorator does not exist: assign).
    ``where`` gets the lines of the function and of the assignment."""
    options: list[list[Piece]] = []
    if comp.base_image:
        options.append(_kwarg("base_image", literal(comp.base_image)))
    if comp.packages_to_install:
        options.append(_kwarg("packages_to_install", literal(list(comp.packages_to_install))))
    source = _trim_source(comp.source).split("\n")
    if target == "v2":
        deco = ["@dsl.component", Group("(", options, ")")] if options else ["@dsl.component"]
        lines = lay_out(deco, 0) + source
        where.add(("components", comp.id, 0), 0, len(lines))
        return lines
    if not options:
        where.add(("components", comp.id, 0), 0, 1 + len(source))
        return ["@create_component_from_func", *source]
    # kfp 1.8.9's create_component_from_func(func, ...) needs func first: no @f(...) form.
    assign = _assign(comp.name, _call("create_component_from_func", [[comp.name], *options]))
    lines = [*source, "", "", *lay_out(assign, 0)]
    where.add(("components", comp.id, 0), 0, len(source))
    where.add(("components", comp.id, 1), len(source) + 2, len(lines))
    return lines


def _task_variables(pipeline: Pipeline, order: list[Task]) -> dict[str, str]:
    """Task.name, unless it would shadow a component or parameter in the pipeline body."""
    reserved = {c.name for c in pipeline.components} | {p.name for p in pipeline.params}
    taken = reserved | {t.name for t in order}
    out: dict[str, str] = {}
    for task in order:
        name = task.name
        if name in reserved:
            name = f"{task.name}_task"
            n = 2
            while name in taken:
                name = f"{task.name}_task_{n}"
                n += 1
            taken.add(name)
        out[task.id] = name
    return out


def _argument(pipeline: Pipeline, arg: Any, variables: dict[str, str]) -> list[Piece]:
    if isinstance(arg, ParamRef):
        return [arg.name]
    if isinstance(arg, OutputRef):
        var = variables[arg.task_id]
        outputs = pipeline.component_of(pipeline.task(arg.task_id)).signature.outputs
        # `.output` exists only for a task with exactly one output, the unnamed "Output".
        if arg.output == SINGLE_OUTPUT and len(outputs) == 1:
            return [f"{var}.output"]
        return [f"{var}.outputs", Group("[", [[string_literal(arg.output)]], "]", "subscript")]
    assert isinstance(arg, Constant)
    return literal(arg.value)


def _task_statements(pipeline: Pipeline, task: Task, target: str,
                     variables: dict[str, str]) -> list[list[Piece]]:
    comp = pipeline.component_of(task)
    inputs = [i.name for i in comp.signature.inputs if i.name in task.arguments]
    keywords = pythonic_names([i.name for i in comp.signature.inputs]) if target == "v1" \
        else {n: n for n in inputs}
    first = comp.signature.inputs[0] if comp.signature.inputs else None
    # The tutorial's style: a lone required first argument goes positionally (v1 only;
    # kfp v2 requires keywords).
    positional = (target == "v1" and len(inputs) == 1 and first is not None
                  and inputs[0] == first.name and not first.has_default)
    args = []
    for name in inputs:
        value = _argument(pipeline, task.arguments[name], variables)
        args.append(value if positional else _kwarg(keywords[name], value))
    var = variables[task.id]
    stmts = [_assign(var, _call(comp.name, args))]
    if task.after:
        stmts.append(_call(f"{var}.after", [[variables[i]] for i in task.after]))
    return stmts


def _pipeline_lines(pipeline: Pipeline, target: str, function: str, where: _Where,
                    functions: dict[str, Range]) -> list[str]:
    """The pipeline function; ``where`` gets the lines of its parameters and tasks
    (``functions``: the lines of each component's function, by component id)."""
    deco_args = [_kwarg("name", literal(pipeline.name))]
    if pipeline.description:
        deco_args.append(_kwarg("description", literal(pipeline.description)))
    decorator = "@pipeline" if target == "v1" else "@dsl.pipeline"
    lines = lay_out([decorator, Group("(", deco_args, ")")], 0)

    params: list[list[Piece]] = []
    for prm in pipeline.params:
        if prm.annotation:
            item: list[Piece] = [f"{prm.name}: {prm.annotation}"]
            if prm.has_default:
                item += [" = ", *literal(prm.default)]
        else:
            item = [prm.name] + (["=", *literal(prm.default)] if prm.has_default else [])
        params.append(item)
    signature = lay_out([f"def {function}", Group("(", params, ")", "def"), ":"], 0,
                        is_def=True)
    _parameter_lines(pipeline, params, signature, len(lines), where)
    lines += signature
    lines += _parameter_docs(pipeline, len(lines), where)

    order = pipeline.topological_tasks()
    variables = _task_variables(pipeline, order)
    # Tasks are grouped by stage (longest path from a source), blank lines between:
    # the tutorial's two independent tasks, a blank line, then the task that sums them.
    stage: dict[str, int] = {}
    body: list[str] = []
    previous = 0
    for task in order:
        stage[task.id] = 1 + max((stage[u] for u in task.upstream_ids() if u in stage),
                                 default=-1)
        if body and stage[task.id] != previous:
            body.append("")
        previous = stage[task.id]
        for rank, stmt in enumerate(_task_statements(pipeline, task, target, variables)):
            start = len(lines) + len(body)
            body += lay_out(stmt, 1)
            where.add(("tasks", task.id, min(rank, 1)), start, len(lines) + len(body))
        if task.component_id in functions:
            where.ranges.append((("tasks", task.id, 2), functions[task.component_id]))
    return lines + (body or [INDENT + "pass"])


def _parameter_lines(pipeline: Pipeline, params: list[list[Piece]], signature: list[str],
                     offset: int, where: _Where) -> None:
    """The signature line each parameter starts on: each one's text comes after the
    one before it (the layout keeps their order and splits no name)."""
    line, column = 0, signature[0].index("(") + 1
    for prm, item in zip(pipeline.params, params):
        head = item[0] if isinstance(item[0], str) else prm.name
        pattern = re.compile(rf"(?<![\w.]){re.escape(head)}")
        while line < len(signature):
            m = pattern.search(signature[line], column)
            if m:
                column = m.end()
                break
            line, column = line + 1, 0
        else:
            return
        where.add(("params", prm.name, 0), offset + line, offset + line + 1)


def _parameter_docs(pipeline: Pipeline, offset: int, where: _Where) -> list[str]:
    """A docstring of ``:param name: text`` lines when parameters have descriptions: kfp
    reads them from the docstring, and reST needs no summary line (one would become the
    pipeline's description). Laid out as black leaves docstrings: every line at one
    indent, closing quotes on their own line unless the docstring is one line."""
    docs = [(p.name, (p.description or "").strip()) for p in pipeline.params]
    lines: list[str] = []
    for name, text in docs:
        if text:
            text = text.replace("\\", "\\\\").replace('"""', '\\"""')
            first, *rest = text.splitlines()
            start = len(lines)
            lines.append(f":param {name}: {first}".rstrip())
            lines += [line.strip() for line in rest]
            where.add(("params", name, 1), offset + start, offset + len(lines))
    if not lines:
        return []
    if len(lines) == 1:
        pad = " " if lines[0].endswith('"') else ""  # black's space before the quotes
        return [f'{INDENT}"""{lines[0]}{pad}"""']
    return ([f'{INDENT}"""{lines[0]}']
            + [f"{INDENT}{line}" if line else "" for line in lines[1:]] + [f'{INDENT}"""'])


def _function_name(pipeline: Pipeline, module_names: set[str]) -> str:
    """The pipeline function's name, made a usable identifier (a pipeline named "as" or
    "import" derives a keyword) that hides nothing the module defines."""
    name = pipeline.python_function_name()
    if not is_identifier(name):
        name = re.sub(r"\W", "_", name)
        name = name if name.isidentifier() else f"pipeline_{name}"
    base, n = name, 2
    while name in module_names or not is_identifier(name):
        name = f"{base}_pipeline" if n == 2 else f"{base}_pipeline_{n}"
        n += 1
    return name


def _check(pipeline: Pipeline, bound: set[str]) -> None:
    problems = [d.message for d in errors(pipeline)]
    components = {c.name for c in pipeline.components}
    for name in sorted(components & bound):
        problems.append(f"Component function `{name}` would hide the imported `{name}`; "
                        "rename the function.")
    defaulted = None
    for prm in pipeline.params:
        if prm.has_default:
            defaulted = prm.name
        elif defaulted:
            problems.append(f"Parameter `{prm.name}` has no default but comes after `{defaulted}`"
                            ", which has one; Python cannot write that: give it a default or "
                            "move it before.")
        if prm.name in components:
            problems.append(f"Parameter `{prm.name}` has the name of a component function; "
                            "rename one of them.")
        text = prm.description or ""
        if text.strip() and "\n".join(line.strip() for line in text.strip().splitlines()) != text:
            # A docstring line keeps no whitespace at its ends (kfp strips it on reading):
            # "word.\f" would come back as "word." (found by tests/fuzz).
            problems.append(f"The description of parameter `{prm.name}` has spaces or control "
                            "characters at the ends of a line, which a docstring cannot keep.")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError("cannot export the pipeline: " + " ".join(problems[:5]) + more)


class _Where:
    """Line ranges noted while a block of lines is written: (mark, first index, end
    index), 0-based, end excluded, relative to the block."""

    def __init__(self) -> None:
        self.ranges: list[tuple[Mark, Range]] = []   # (mark, 1-based inclusive range)
        self.pending: list[tuple[Mark, int, int]] = []

    def add(self, mark: Mark, start: int, end: int) -> None:
        self.pending.append((mark, start, end))

    def place(self, first_line: int) -> None:
        """The block starts at (1-based) ``first_line``: its ranges become absolute."""
        for mark, start, end in self.pending:
            self.ranges.append((mark, (first_line + start, first_line + end - 1)))
        self.pending = []


def export_python(pipeline: Pipeline, target: str = "v1", *,
                  with_source_map: bool = False) -> str | Compiled:
    """The pipeline as a kfp Python module for ``target`` ("v1": kfp 1.x, "v2": kfp 2.x).
    ``with_source_map``: return ``Compiled(text, source_map)`` (``source_map.py``).

    Raises InputError when the pipeline has validation errors or names that would clash.
    """
    refuse_unsupported(pipeline, SUPPORTED, "cannot export the pipeline")
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    imports, bound = _import_lines(pipeline, target)
    _check(pipeline, bound)
    function = _function_name(pipeline, bound | {c.name for c in pipeline.components})

    where = _Where()
    line = len(imports) + 3       # black: two blank lines around top-level definitions
    blocks = [imports]
    functions: dict[str, Range] = {}
    for comp in pipeline.components:
        blocks.append(_component_lines(comp, target, where))
        functions[comp.id] = (line + where.pending[0][1], line + where.pending[0][2] - 1)
        where.place(line)
        line += len(blocks[-1]) + 2
    blocks.append(_pipeline_lines(pipeline, target, function, where, functions))
    where.place(line)
    compile_call = "kfp.compiler.Compiler().compile" if target == "v1" \
        else "compiler.Compiler().compile"
    main = _call(compile_call, [[function], [string_literal(f"{function}.yaml")]])
    blocks.append(['if __name__ == "__main__":', *lay_out(main, 1)])
    text = "\n\n\n".join("\n".join(b) for b in blocks) + "\n"
    if not with_source_map:
        return text
    smap = SourceMap()
    for (kind, key, _rank), rng in sorted(where.ranges, key=lambda r: r[0][2]):
        smap.add(kind, key, rng)
    return Compiled(text, smap)
