"""What the exported module imports, and how it writes task arguments as Python.

``Imports`` collects the names the generated code uses (so the module imports only
those), ``Expressions`` writes IR arguments (parameters, task outputs, loop items, run
placeholders, string expressions, ``dsl.Collected`` / ``dsl.OneOf``) as the kfp DSL of
the target style reads them back.
"""
from __future__ import annotations

import ast
import re
import typing
from dataclasses import dataclass, field
from typing import Any

from designer.ir import SINGLE_OUTPUT, Constant, OutputRef, ParamRef, Pipeline
from designer.ir.errors import InputError
from designer.ir.features import Use
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.naming import output_names

from .python_layout import Group, Piece, call, flat, literal, string_literal

TYPING_NAMES = frozenset(typing.__all__)
# Names a kfp file imports from kfp.components (v1) / kfp.dsl (v2) for signatures and
# container components.
V1_COMPONENT_NAMES = frozenset({
    "InputPath", "OutputPath", "InputTextFile", "OutputTextFile", "InputBinaryFile",
    "OutputBinaryFile", "InputArtifact", "OutputArtifact"})
V2_DSL_NAMES = frozenset({
    "Input", "Output", "InputPath", "OutputPath", "Artifact", "Dataset", "Model", "Metrics",
    "ClassificationMetrics", "SlicedClassificationMetrics", "HTML", "Markdown",
    "PipelineTaskFinalStatus", "ContainerSpec", "ConcatPlaceholder", "IfPresentPlaceholder"})

# RunPlaceholder.name -> the constant of kfp.dsl that gives it, per style.
RUN_PLACEHOLDERS = {
    "v1": {"run_id": "RUN_ID_PLACEHOLDER", "execution_id": "EXECUTION_ID_PLACEHOLDER"},
    "v2": {"run_id": "PIPELINE_JOB_ID_PLACEHOLDER", "job_name": "PIPELINE_JOB_NAME_PLACEHOLDER",
           "job_resource_name": "PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER",
           "task_name": "PIPELINE_TASK_NAME_PLACEHOLDER",
           "task_id": "PIPELINE_TASK_ID_PLACEHOLDER",
           "job_create_time": "PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER",
           "job_schedule_time": "PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER",
           "pipeline_root": "PIPELINE_ROOT_PLACEHOLDER"},
}


def located(error: InputError, feature: str, what: str, **where: str | None) -> InputError:
    """``error`` knowing what it is about (``Use``, as the guard's refusals do), so that a
    caller that knows file lines puts it at the line of that task, component or group."""
    if getattr(error, "use", None) is None:
        error.use = Use(feature, what, **where)   # type: ignore[attr-defined]
    return error


@dataclass
class Imports:
    """Modules and names the module uses: ``import kfp``, ``from kfp import dsl``..."""
    target: str
    modules: set[str] = field(default_factory=set)                 # import X
    names: dict[str, set[str]] = field(default_factory=dict)       # from X import names

    def name(self, module: str, name: str) -> str:
        self.names.setdefault(module, set()).add(name)
        return name

    def dsl(self, attr: str) -> str:
        """``dsl.<attr>``, importing ``dsl``."""
        self.name("kfp", "dsl")
        return f"dsl.{attr}"

    def k8s_client(self, kind: str) -> str:
        return self.name("kubernetes.client", kind)

    def kubernetes(self, func: str) -> str:
        self.name("kfp", "kubernetes")
        return f"kubernetes.{func}"

    def annotation_names(self, texts: list[str | None], code: str | None = None) -> None:
        """Import what annotation texts (and ``code``: a container component's function)
        use: typing names, kfp's port and artifact classes, ``dsl``."""
        kfp_module, kfp_names = (("kfp.components", V1_COMPONENT_NAMES) if self.target == "v1"
                                 else ("kfp.dsl", V2_DSL_NAMES))
        trees = []
        for text in texts:
            if text:
                try:
                    trees.append(ast.parse(text, mode="eval"))
                except SyntaxError:
                    continue
        if code:
            trees.append(ast.parse(code))
        lacking = (V2_DSL_NAMES if self.target == "v1" else V1_COMPONENT_NAMES) - kfp_names
        for tree in trees:
            for node in ast.walk(tree):
                name = node.id if isinstance(node, ast.Name) else (
                    node.attr if isinstance(node, ast.Attribute) else None)
                if name in lacking:
                    raise InputError(f"cannot export the pipeline: kfp {self.target[1]} has no "
                                     f"`{name}` (an annotation uses it)")
                if isinstance(node, ast.Name):
                    if node.id in TYPING_NAMES:
                        self.name("typing", node.id)
                    elif node.id in kfp_names:
                        self.name(kfp_module, node.id)
                    elif node.id == "dsl":
                        self.name("kfp", "dsl")
                elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                      and node.value.id == "typing"):
                    self.modules.add("typing")

    def bound(self) -> set[str]:
        return set(self.modules) | {n for names in self.names.values() for n in names}

    def blocks(self) -> list[list[list[Piece]]]:
        """Import statements, standard library first then third party (isort's order)."""
        std: list[list[Piece]] = []
        third: list[list[Piece]] = []
        for module in sorted(self.modules):
            (std if module == "typing" else third).append([f"import {module}"])
        for module in sorted(self.names, key=lambda m: (m != "typing", m)):
            names = sorted(self.names[module], key=lambda n: (not n.isupper(), n))
            target = std if module == "typing" else third
            if module == "kfp" and self.target == "v2":
                # one name a line, as the tutorial's kfp 2 code imports them
                target += [[f"from kfp import {n}"] for n in sorted(names)]
            else:
                target.append(_import_from(module, names))
        return [b for b in (std, third) if b]


def _import_from(module: str, names: list[str]) -> list[Piece]:
    # black parenthesises a long import's names (its brackets are invisible when short).
    return [f"from {module} import ", Group("(", [[n] for n in names], ")", "import")]


class Expressions:
    """IR arguments as Python expressions in the pipeline function."""

    def __init__(self, pipeline: Pipeline, target: str, imports: Imports):
        self.p = pipeline
        self.target = target
        self.imports = imports
        self.tasks: dict[str, str] = {}      # task id -> variable
        self.loops: dict[str, str] = {}      # loop group id -> loop variable
        self.named: dict[OneOf, str] = {}    # a dsl.OneOf held in a variable
        self._keys: dict[str, dict[str, str]] = {}

    def output_key(self, comp: Any, output: str) -> str:
        table = self._keys.get(comp.id)
        if table is None:
            table = {}
            for key, ir_name in output_names(comp, self.target).items():
                table.setdefault(ir_name, key)
            self._keys[comp.id] = table
        if output not in table:
            raise InputError(f"cannot export the pipeline: output `{output}` of "
                             f"`{comp.python_name}` cannot be read in a kfp "
                             f"{self.target[1]} file")
        return table[output]

    def output(self, ref: OutputRef, quote: str = '"') -> list[Piece]:
        var = self.tasks[ref.task_id]
        task = self.p.task(ref.task_id)
        comp = self.p.component_of(task)
        outputs = comp.signature.outputs
        if ref.output == SINGLE_OUTPUT and len(outputs) == 1:
            return [f"{var}.output"]
        if getattr(comp, "kind", "") == "volume" and comp.origin == "v1" and ref.output == "name":
            return [f"{var}.output"]      # kfp 1 ResourceOp: .output is the name
        key = self.output_key(comp, ref.output)
        text = string_literal(key) if quote == '"' else repr(key)
        return [f"{var}.outputs", Group("[", [[text]], "]", "subscript")]

    def placeholder(self, value: RunPlaceholder) -> str:
        name = RUN_PLACEHOLDERS[self.target].get(value.name)
        if name is None:
            raise InputError(f"cannot export the pipeline: the run placeholder `{value.name}` "
                             f"does not exist in kfp {self.target[1]}")
        return self.imports.dsl(name)

    def __call__(self, arg: Any, quote: str = '"') -> list[Piece]:
        if isinstance(arg, OneOf) and arg in self.named:
            return [self.named[arg]]
        if isinstance(arg, ParamRef):
            return [arg.name]
        if isinstance(arg, OutputRef):
            return self.output(arg, quote)
        if isinstance(arg, LoopItem):
            return [".".join((self.loops[arg.loop],) + arg.fields)]
        if isinstance(arg, RunPlaceholder):
            return [self.placeholder(arg)]
        if isinstance(arg, Concat):
            return [self.f_string(arg.parts)]
        if isinstance(arg, Collected):
            return call(self.imports.dsl("Collected"), [self(arg.ref)])
        if isinstance(arg, OneOf):
            return call(self.imports.dsl("OneOf"), [self(r) for r in arg.refs])
        if isinstance(arg, Constant):
            return literal(arg.value)
        raise InputError(f"cannot export the pipeline: {arg!r} as an argument")

    def f_string(self, parts: tuple[Any, ...], text_part=None) -> str:
        """``f"..."`` over the parts (``str(x)`` for one run-time part alone).
        ``text_part``: how a non-str part is written inside the braces (default: as an
        argument)."""
        if len(parts) == 1 and not isinstance(parts[0], str) and text_part is None:
            return f"str({flat(self(parts[0]))})"
        out = ""
        for part in parts:
            if isinstance(part, str):
                out += _double_quoted_body(part).replace("{", "{{").replace("}", "}}")
                continue
            inner = text_part(part) if text_part else flat(self(part, "'"))
            if '"' in inner or "\\" in inner:
                raise InputError("cannot export the pipeline: a string expression reads "
                                 f"`{inner}`, which an f-string cannot hold")
            out += "{" + inner + "}"
        return f'f"{out}"'


def _double_quoted_body(s: str) -> str:
    """What goes between double quotes to write ``s`` (escapes as ``repr`` makes them)."""
    r = repr(s)
    body = r[1:-1]
    if r[0] == "'":
        body = re.sub(r"(\\*)\\'", lambda m: m.group(1) + "'", body)
        body = re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', body)
    return body


__all__ = ["Imports", "Expressions", "located", "RUN_PLACEHOLDERS", "V1_COMPONENT_NAMES", "V2_DSL_NAMES"]
