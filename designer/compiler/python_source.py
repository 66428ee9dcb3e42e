"""IR -> an idiomatic kfp Python module (v1 or v2 DSL), laid out as ``black`` would.

The module has the shape of the tutorial's final code: imports, the components
(python_components: decorated functions, component YAML texts, ContainerOp factories),
the ``@pipeline`` function that wires tasks in the ``with`` blocks of its conditions,
loops and exit handlers, with their settings (python_body, python_settings), and a
``__main__`` block that compiles to ``<function>.yaml``. The module imports only what
it uses (python_names).

Component sources are written exactly as stored (only blank lines around them
are trimmed): compiled YAML embeds that text byte for byte, so it is never
reformatted. Everything else is generated already black-formatted (default
settings, 88 columns) by the small layout engine in python_layout, which reproduces
black's bracket splitting for the shapes emitted here; black is not a runtime
dependency. If a user's component code is not black-clean, black would change
those lines, and only those.
"""
from __future__ import annotations

import inspect
import re

from designer.ir import Pipeline, docstrings
from designer.ir.errors import InputError
from designer.ir.importer import V1_REFUSAL
from designer.ir.validate import errors, is_identifier

from .guard import KFP2_ABSENT, refuse_unsupported
from .python_body import BodyWriter
from .python_components import ComponentWriter, inline_ops
from .python_layout import INDENT, LINE_LENGTH, Group, Piece, call, kwarg, lay_out, literal
from .python_layout import string_literal, width
from .python_names import V1_COMPONENT_NAMES, V2_DSL_NAMES, Expressions, Imports
from .python_subpipelines import flatten
from .source_map import Compiled, Mark, Range, SourceMap

TARGETS = ("v1", "v2")
# IR features (designer.ir.features) each style writes, exactly those the feature pipelines
# prove: tests/golden/features (v1) and features_v2 (v2) round-trip through the export
# and the real SDKs (tests/test_oracle_export_features.py). The rest is refused.
_BOTH = frozenset({
    "container", "container:spec", "port:path", "group:condition", "group:loop",
    "group:exit_handler", "arg:loop_item", "arg:concat", "arg:run_placeholder", "pipeline:root",
    *(f"setting:{name}" for name in (
        "display_name", "enable_caching", "retry", "timeout", "cpu_request", "cpu_limit",
        "memory_request", "memory_limit", "accelerator_type", "accelerator_limit",
        "node_selector", "tolerations", "env", "volumes", "pod_labels", "pod_annotations",
        "image_pull_policy", "node_affinity", "security_context"))})
SUPPORTED: dict[str, frozenset[str]] = {
    # kfp 1 has no If/Elif/Else, artifacts, Collected, OneOf, pipeline outputs, container
    # components or ignore_upstream_failure.
    # (kfp 1 sub-pipelines: their tasks written in place, as kfp 1.8.9 runs a called
    # pipeline function's ops in the caller: tests/compiler/test_v1_subpipelines.py)
    "v1": _BOTH | {"container:op", "volume:create", "volume:snapshot",
                   "setting:max_cache_staleness",
                   "subpipeline", "setting:pod_affinity", "setting:pod_anti_affinity",
                   "setting:sidecars", "setting:other_limits", "setting:other_requests",
                   "setting:resource_order", *(f"conf:{name}" for name in (
                       "ttl_seconds_after_finished", "parallelism", "timeout",
                       "image_pull_secrets", "default_node_selector", "image_pull_policy",
                       "dns_config"))},
    # kfp 2 has no ContainerOp, VolumeOp, cache staleness or resource order, nor kfp 1's
    # PipelineConf (its PipelineConfig has the TTL and the deadline).
    "v2": _BOTH | {"container:v2", "port:artifact", "group:if", "arg:collected", "arg:one_of",
                   "pipeline:outputs", "setting:ignore_upstream_failure", "volume:create",
                   "volume:delete", "pipeline:display_name", "conf:ttl_seconds_after_finished",
                   "conf:timeout", "component:kfp_package_path", "component:pip_index_urls",
                   "component:target_image", "setting:image_pull_secrets", "subpipeline",
                   "importer", "setting:node_selector_json"},
}
# What one SDK has and the other lacks: refused with those words.
_ABSENT = {
    "v1": {f: "which kfp 1 does not have" for f in SUPPORTED["v2"] - SUPPORTED["v1"]},
    "v2": {f: "which a kfp 2 file cannot hold" for f in SUPPORTED["v1"] - SUPPORTED["v2"]},
}
_ABSENT["v1"]["importer"] = f"which kfp 1 does not have ({V1_REFUSAL}.)"
_ABSENT["v2"].update(KFP2_ABSENT)
# Names the module may import: a task variable never takes one.
_IMPORTABLE = frozenset({
    "kfp", "dsl", "compiler", "kubernetes", "pipeline", "typing", "create_component_from_func",
    "load_component_from_text", "load_component_from_file", "load_component_from_url",
    "V1EnvVar", "V1EnvVarSource", "V1SecretKeySelector", "V1ConfigMapKeySelector",
    "V1Toleration", "V1Volume", "V1VolumeMount", "V1PersistentVolumeClaimVolumeSource",
    "V1SecretVolumeSource", "V1ConfigMapVolumeSource", "V1EmptyDirVolumeSource",
    "V1LocalObjectReference"}) | V1_COMPONENT_NAMES | V2_DSL_NAMES

__all__ = ["TARGETS", "SUPPORTED", "export_python", "lay_out", "string_literal", "width",
           "Group", "Piece", "LINE_LENGTH", "literal"]


def _pipeline_lines(pipeline: Pipeline, target: str, function: str, where: _Where,
                    functions: dict[str, Range], body: BodyWriter, sub: bool = False
                    ) -> list[str]:
    """The pipeline function; ``where`` gets the lines of its parameters and tasks
    (``functions``: the lines of each component's function, by component id); ``sub``: a
    pipeline used in another (kfp keeps no description of it)."""
    deco_args = [kwarg("name", literal(pipeline.name))]
    if pipeline.description:
        deco_args.append(kwarg("description", literal(pipeline.description)))
    if pipeline.pipeline_root:
        deco_args.append(kwarg("pipeline_root", literal(pipeline.pipeline_root)))
    if target == "v2":
        if pipeline.display_name:
            deco_args.append(kwarg("display_name", literal(pipeline.display_name)))
        config = [kwarg(kfp_name, literal(getattr(pipeline.conf, field)))
                  for field, kfp_name in (("ttl_seconds_after_finished",
                                           "ttl_seconds_after_finished"),
                                          ("timeout", "active_deadline_seconds"))
                  if getattr(pipeline.conf, field) is not None]
        if config:      # kfp 2's PipelineConfig: what it has of kfp 1's PipelineConf
            deco_args.append(kwarg("pipeline_config",
                                   call(body.imports.dsl("PipelineConfig"), config)))
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
    returns = body.return_annotation()
    signature = lay_out([f"def {function}", Group("(", params, ")", "def"),
                         f" -> {returns}:" if returns else ":"], 0, is_def=True)
    _parameter_lines(pipeline, params, signature, len(lines), where)
    lines += signature
    lines += _parameter_docs(pipeline, len(lines), where, sub)
    lines += body.lines(where, len(lines))
    for task in pipeline.tasks:
        if task.component_id in functions:
            where.ranges.append((("tasks", task.id, 2), functions[task.component_id]))
    return lines


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


def _parameter_docs(pipeline: Pipeline, offset: int, where: _Where,
                    sub: bool = False) -> list[str]:
    """A docstring of ``:param name: text`` lines when parameters have descriptions: kfp
    reads them from the docstring, and reST needs no summary line (one would become the
    pipeline's description). Laid out as black leaves docstrings: every line at one
    indent, closing quotes on their own line unless the docstring is one line."""
    docs = [(p.name, (p.description or "").strip()) for p in pipeline.params]
    # (as kept: one kfp would read back otherwise, blank or padded, is refused below)
    outputs = [(name, text) for name, text in pipeline.output_descriptions.items()
               if name in pipeline.outputs and text]
    if outputs:
        lines = _sections(pipeline, docs, outputs, offset, where, sub)
    else:
        lines = []
        for name, text in docs:
            if text:
                first, *rest = _escaped(text).splitlines()
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


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"""')


def _sections(pipeline: Pipeline, docs: list[tuple[str, str]],
              outputs: list[tuple[str, str]], offset: int, where: _Where,
              sub: bool) -> list[str]:
    """Google-style ``Args:`` and ``Returns:`` sections: kfp 2 reads output descriptions only
    from a Returns section (read as Args), which reST has no form for. Read back with kfp's
    parser (ported) before it is written: a text it would read otherwise is refused."""
    description = (pipeline.description or "").strip()
    if not description and sub:      # (kfp keeps no description of a sub-pipeline)
        description = f"The {pipeline.name} pipeline."
    if not description:
        raise InputError("cannot export the pipeline: kfp 2 reads output descriptions from a "
                         "docstring's Returns section, and only below a summary line, which "
                         "would become the pipeline's description: give the pipeline a "
                         "description")
    # The summary: the description (the decorator's ``description=`` wins over it in kfp).
    summary = [line.strip() for line in description.splitlines()]
    text_lines: list[str] = summary + [""]      # the docstring as Python holds it
    lines: list[str] = [_escaped(line) for line in summary] + [""]
    for title, items, mark in (("Args:", docs, "params"), ("Returns:", outputs, None)):
        items = [(name, text) for name, text in items if text]
        if not items:
            continue
        for out in (lines, text_lines):
            out += [""] if out[-1] else []
            out.append(title)
        for name, text in items:
            start = len(lines)
            for out, t in ((lines, _escaped(text)), (text_lines, text)):
                first, *rest = t.splitlines()
                out.append(f"{INDENT}{name}: {first}".rstrip())
                out += [f"{INDENT * 2}{line.strip()}" if line.strip() else "" for line in rest]
            if mark:
                where.add((mark, name, 1), offset + start, offset + len(lines))
    doc = inspect.cleandoc("\n".join(text_lines))      # as kfp's inspect.getdoc reads it
    read_in = docstrings.param_descriptions(doc)
    read_out = docstrings.output_descriptions(doc)
    wrong = [n for n, t in docs if t and read_in.get(n) != t] + \
        [n for n, _ in outputs if read_out.get(n) != pipeline.output_descriptions[n]]
    if wrong:
        raise InputError(f"cannot export the pipeline: kfp would not read the description of "
                         f"`{wrong[0]}` back from the docstring as it is; reword it")
    return lines


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


def _clashes(pipeline: Pipeline, bound: set[str]) -> None:
    components = {c.python_name for c in pipeline.components}
    problems = [f"Component function `{name}` would hide the imported `{name}`; rename the "
                "function." for name in sorted(components & bound)]
    if problems:
        raise InputError("cannot export the pipeline: " + " ".join(problems[:5]))


def _check(pipeline: Pipeline) -> None:
    problems = [d.message for d in errors(pipeline)]
    components = {c.name for c in pipeline.components}
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
        if text and "\n".join(line.strip() for line in text.strip().splitlines()) != text:
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

    Raises InputError when the pipeline has validation errors, names that would clash, or
    uses what the target's SDK cannot express (or the exporter cannot write yet).
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    if target == "v1":
        # kfp 1 has no pipeline task: its tasks written in place (what the v1 compiler
        # compiles, and what kfp 1.8.9 makes of a called pipeline function).
        from .v1 import _flat
        pipeline = _flat(pipeline, "cannot export the pipeline as kfp 1 Python",
                         SUPPORTED["v1"], _ABSENT["v1"])
    refuse_unsupported(pipeline, SUPPORTED[target],
                       f"cannot export the pipeline as kfp {target[1]} Python", _ABSENT[target])
    _check(pipeline)
    components, subs = flatten(pipeline)
    for sub in subs:
        _check(sub.pipeline)
    imports = Imports(target)
    if target == "v1":
        imports.modules.add("kfp")
        imports.name("kfp.dsl", "pipeline")
    else:
        imports.name("kfp", "compiler")
        imports.name("kfp", "dsl")
    exprs = Expressions(pipeline, target, imports)
    writer = ComponentWriter(target, imports, exprs)
    writer.inline = inline_ops(pipeline)
    imports.annotation_names([p.annotation for p in pipeline.params])

    where = _Where()
    component_blocks: list[tuple[list[str], list[tuple[Mark, int, int]]]] = []
    for comp in components:
        lines = writer.block(comp, where)
        component_blocks.append((lines, where.pending))
        where.pending = []
    module_names = {c.python_name for c, (lines, _) in zip(components,
                                                            component_blocks) if lines}
    module_names |= writer.constants | {sub.python_name for sub in subs}
    sub_blocks = []
    for sub in subs:     # (their own marks mean nothing in the outer pipeline's map)
        q = sub.pipeline
        imports.annotation_names([p.annotation for p in q.params])
        q_body = BodyWriter(q, target, imports, Expressions(q, target, imports),
                            module_names | {p.name for p in q.params} | _IMPORTABLE, writer)
        sub_blocks.append(_pipeline_lines(q, target, sub.python_name, _Where(), {}, q_body,
                                          sub=True))
    reserved = module_names | {p.name for p in pipeline.params} | _IMPORTABLE
    body = BodyWriter(pipeline, target, imports, exprs, reserved, writer)
    function = "pipeline_function"   # named once the imports are known (below)
    pipeline_block = _pipeline_lines(pipeline, target, function, where, {}, body)
    bound = imports.bound()
    _clashes(pipeline, bound)
    taken = sorted(sub.python_name for sub in subs if sub.python_name in bound)
    if taken:
        raise InputError(f"cannot export the pipeline: sub-pipeline `{taken[0]}` would hide "
                         f"the imported `{taken[0]}`; rename the pipeline function.")
    function = _function_name(pipeline, bound | module_names)

    import_lines: list[str] = []
    for block in imports.blocks():
        if import_lines:
            import_lines.append("")
        for stmt in block:
            import_lines += lay_out(stmt, 0)
    blocks = [import_lines]
    where = _Where()
    # black: two blank lines around top-level definitions, one between the imports and an
    # assignment (a component YAML text)
    # (no component written, ContainerOps and volume steps inline: the pipeline's decorator)
    first = next((lines for lines, _ in component_blocks if lines), ["@pipeline"])
    gap = 2 if first[0].startswith(("@", "def ")) else 1
    line = len(import_lines) + gap + 1
    functions: dict[str, Range] = {}
    for comp, (lines, pending) in zip(components, component_blocks):
        if not lines:
            continue
        blocks.append(lines)
        where.pending = pending
        functions[comp.id] = (line + pending[0][1], line + pending[0][2] - 1)
        where.place(line)
        line += len(lines) + 2
    for lines in sub_blocks:
        blocks.append(lines)
        line += len(lines) + 2
    blocks.append(_pipeline_lines(pipeline, target, function, where, functions, body))
    where.place(line)
    compile_call = "kfp.compiler.Compiler().compile" if target == "v1" \
        else "compiler.Compiler().compile"
    main = call(compile_call, [[function], [string_literal(f"{function}.yaml")]])
    blocks.append(['if __name__ == "__main__":', *lay_out(main, 1)])
    text = "\n" * (gap + 1) + "\n\n\n".join("\n".join(b) for b in blocks[1:]) + "\n"
    text = "\n".join(import_lines) + text
    if not with_source_map:
        return text
    smap = SourceMap()
    for (kind, key, _rank), rng in sorted(where.ranges, key=lambda r: r[0][2]):
        smap.add(kind, key, rng)
    return Compiled(text, smap)
