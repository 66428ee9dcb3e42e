"""Import a kfp pipeline file (v1 or v2 DSL) into the IR by reading its ``ast``.

The file is never executed. ``_module`` reads the top level (imports, components, the
pipelines), ``_eval`` evaluates the pipeline function statically the way kfp runs it when
it compiles (loops over known values, helper functions, string building), with kfp's API
in ``_kfp_calls`` / ``_containers`` / ``_tasks`` / ``_settings`` and the pipeline being
built in ``_pipeline_body``. Whatever cannot be expressed faithfully is an InputError
naming the file and line; a guessed pipeline would be worse than a clear refusal.

Decisions worth knowing:
* Which pipeline: the file's ``@dsl.pipeline`` functions, plus functions it compiles with
  ``Compiler().compile(fn, ...)`` (kfp 1.8 compiles undecorated functions), plus, in a kfp 2
  file without pipelines, its components (kfp 2 compiles a component as a one-task
  pipeline). One candidate is taken; several need ``pipeline=NAME`` (``--pipeline``), unless
  exactly one of them is compiled in ``__main__``. ``list_pipelines`` lists them.
* The kfp version a file is written for decides details (positional arguments, input
  names, None, names, descriptions): names only one version has decide it
  (``create_component_from_func``/``ContainerOp``... kfp 1; ``Input[...]``, ``dsl.If``,
  ``@dsl.container_component``... kfp 2); both is an error. A file with neither is kfp 1
  unless its pipeline decorator is bare (kfp 2 only).
* kfp 1.8.9 rejects ``@create_component_from_func(base_image=...)`` (``func`` is required);
  so do we, pointing at ``functools.partial(create_component_from_func, ...)``, which works.
* Names bound in a way we cannot follow (other compound statements, unknown calls, other
  decorators) are fine until the pipeline uses them; then the error says where they came from.
* ``load_component_from_url`` never downloads: ``component_urls`` maps URLs to local files.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Any

from designer.ir import InputError, ParamRef, Pipeline, PipelineParam, deep_ast, docstrings, new_id
from designer.ir.subpipeline import MAX_NESTING, PipelineComponent
from designer.ir.lines import FileLines
from designer.ir.naming import call_names
from designer.ir.no_gc import no_cyclic_gc

from ._context import Context
from ._eval import MAX_DEPTH as MAX_HELPER_DEPTH
from ._eval import Frame, Return
from ._module import Factory, ModuleReader, PipelineMetadata
from ._pipeline_body import PipelineBuilder


@dataclass(frozen=True)
class PipelineChoice:
    """One pipeline a file can give: its function's name, what it is ("pipeline",
    "compiled": an undecorated function compiled in ``__main__``, "component": a kfp 2
    component compiled as a one-task pipeline) and its line."""
    name: str
    kind: str
    line: int


def _parse(text: str, path: str) -> tuple[ast.Module, str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as e:
        raise InputError(f"syntax error: {e.msg}", path, e.lineno) from None
    except RecursionError:
        # CPython refuses trees ~3,000 levels deep and does not say where; neither can we.
        raise InputError("an expression is nested too deeply for Python's parser", path) from None
    except (ValueError, MemoryError) as e:
        raise InputError(f"cannot parse this file: {e}", path) from None
    try:
        # What only the compiler refuses ('return' or 'break' outside their block...) kfp
        # could not run either; the evaluator must never meet it. Compiling runs nothing.
        # (Its own recursion limit counts our stack too: a deep tree it gives up on here,
        # Python compiles at the top of a process; those statements the evaluator refuses.)
        compile(tree, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        raise InputError(f"syntax error: {e.msg}", path, e.lineno) from None
    except (RecursionError, MemoryError, ValueError):
        pass
    return tree, text


def _module(text: str, path: str, component_urls: dict[str, str] | None) -> ModuleReader:
    tree, text = _parse(text, path)
    module = ModuleReader(tree, text, path, component_urls)
    with _room(module):
        module.read()
    return module


def _room(module: ModuleReader):
    """Recursion room for evaluating ``module``: the parser builds expressions ~3,000 levels
    deep (a 1,000-term sum), the evaluator walks them a few frames per level, plus its nested
    helper calls. Taken after parsing, so the parser keeps its own limit."""
    return deep_ast.recursion_room(5 * module.tree_depth() + 40 * MAX_HELPER_DEPTH)


def list_pipelines(text: str, path: str = "<string>",
                   component_urls: dict[str, str] | None = None) -> list[PipelineChoice]:
    """The pipelines a file can give (for a chooser); raises InputError if it cannot be read."""
    module = _module(text, path, component_urls)
    try:
        with _room(module):
            return [PipelineChoice(*c) for c in module.candidates()]
    finally:
        module.release()


def import_python(text: str, path: str = "<string>", *, pipeline: str | None = None,
                  component_urls: dict[str, str] | None = None,
                  lines: FileLines | None = None, target: str | None = None) -> Pipeline:
    """The pipeline a kfp Python file defines, read with ``ast`` (never executed).

    ``pipeline`` names the function to take when the file has several; ``component_urls``
    maps ``load_component_from_url`` URLs to local files. Raises InputError(message, path,
    line) for anything it cannot express faithfully. ``lines``, when given, learns where
    each task (the call that made it), argument, parameter and component is in the file.
    ``target`` ("v1"/"v2"), when the pipeline is read to be compiled for one kfp version:
    a file that version compiles otherwise than the designer reads it is refused.
    """
    with no_cyclic_gc():   # a syntax tree and a pipeline: ~100,000 objects, no cycles
        lines = lines if lines is not None else FileLines()
        # The reader (syntax tree and all) lives in _read_file's frame only: it is freed
        # when that returns, before the collector is back (else its first young
        # collection traverses ~40,000 objects that are garbage already).
        return _read_file(text, path, pipeline, component_urls, lines, target)


def _read_file(text: str, path: str, pipeline: str | None,
               component_urls: dict[str, str] | None, lines: FileLines,
               target: str | None) -> Pipeline:
    module = _module(text, path, component_urls)
    try:
        if target == "v1" and module.v2_alias:
            # kfp 1.8.9 runs `kfp.v2` files too, in its v2-compatible mode: other YAML.
            raise module.error("this file imports `kfp.v2`, which the designer reads as kfp 2 "
                               "does (an alias of `kfp`); kfp 1.8.9 compiles it in its "
                               "v2-compatible mode, which the designer does not support: "
                               "compile it for v2", module.v2_namespace)
        with _room(module):
            return _import(module, pipeline, lines)
    finally:
        module.release()


def _import(module: ModuleReader, pipeline: str | None, lines: FileLines) -> Pipeline:
    for func, comp in module.component_funcs:   # a function component's source: its def
        lines.components[comp.id] = func.lineno
        if getattr(comp, "source", None):
            lines.sources[comp.id] = func.lineno
    name, kind, line = module.select(pipeline)
    lines.pipeline = line
    if kind == "component":
        return _component_pipeline(module, name)
    func, dec = module.pipeline_function(name)
    style = module.style(dec)
    call = module.compile_call(name)
    meta = module.pipeline_metadata(func, dec, style, call)
    pipeline = _read_pipeline(module, func, style, meta, lines)
    pipeline.pipeline_root = meta.pipeline_root
    if meta.conf:
        pipeline.conf = replace(pipeline.conf, **meta.conf)
    subs = module.sub_pipelines
    if subs:
        # Sub-pipelines used only inside others stay there; each is found at its def.
        used = {t.component_id for t in pipeline.tasks}
        pipeline.components = [c for c in pipeline.components
                               if not isinstance(c, PipelineComponent) or c.id in used]
        for fn_node, comp in subs.items():
            lines.components[comp.id] = fn_node.lineno
    if call is not None and style == "v1":
        conf = _compile_conf(module, call)
        if conf is not None:  # kfp 1.8.9: "Configuration passed to the compiler is overriding"
            pipeline.conf = conf.conf
            lines.conf = dict(conf.lines)
    return pipeline


def sub_pipeline(module: ModuleReader, fn: Any, node: ast.AST) -> PipelineComponent:
    """The component of the kfp 2 pipeline function ``fn`` called in a pipeline at ``node``:
    its pipeline read as kfp reads it when it is decorated (on its own: its parameters are
    its inputs, what it returns its outputs), once per function and file."""
    cache = module.sub_pipelines
    comp = cache.get(fn.node)
    if comp is not None:
        return comp
    reading = module.reading_pipelines
    if fn.node in reading:
        raise module.error(f"`{fn.node.name}` is a pipeline that uses itself (through "
                           f"{' -> '.join(f.name for f in reading)}), which kfp cannot compile",
                           node)
    if len(reading) >= MAX_NESTING:
        raise module.error(f"pipelines used inside pipelines nest more than {MAX_NESTING} "
                           "levels deep here, more than the designer holds", node)
    reading.append(fn.node)
    try:
        func, dec = fn.node, fn.decorator
        style = module.style(dec)
        meta = module.pipeline_metadata(func, dec, style, None)
        if meta.pipeline_root is not None or meta.conf:
            # kfp 2 takes these from the outer pipeline only; said rather than dropped.
            raise module.error(f"`{func.name}` is used inside another pipeline and sets "
                               "`pipeline_root=` or `pipeline_config=`, which the designer "
                               "does not hold for a sub-pipeline", dec or func)
        inner = _read_pipeline(module, func, style, meta, FileLines())
    finally:
        reading.pop()
    used = {t.component_id for t in inner.tasks}
    # (the builder shares the file's list of components: the sub-pipeline keeps its own)
    inner.components = [c for c in inner.components if c.id in used]
    comp = cache[fn.node] = PipelineComponent(new_id(), inner)
    return comp


def _compile_conf(module: ModuleReader, call) -> Any:
    """The ``pipeline_conf=`` given to kfp 1's ``Compiler().compile`` (built in ``__main__``
    by ``conf = dsl.PipelineConf()`` and ``conf.set_...(...)`` calls; with the lines that
    set its fields), or None."""
    from ._values import ConfValue
    expr = call.argument("pipeline_conf", 3)
    if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
        return None
    block = next((s.body for s in module.tree.body if isinstance(s, ast.If)
                  and any(n is call.node for n in ast.walk(s))), module.tree.body)
    names = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
    frame = Frame(None, set(), None)
    ctx = module.context
    for stmt in block:
        if any(n is call.node for n in ast.walk(stmt)):
            break
        touched = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
                touched & names and isinstance(stmt, (ast.Assign, ast.Expr, ast.AnnAssign))):
            try:
                ctx.ev.run(stmt, frame)
            except InputError as e:
                raise module.error(f"the `pipeline_conf` given to `compile` cannot be read: "
                                   f"{e.message}", e.line or stmt.lineno) from None
    try:
        value = ctx.ev.eval(expr, frame)
    except InputError as e:
        raise module.error(f"the `pipeline_conf` given to `compile` cannot be read: {e.message}",
                           expr) from None
    if not isinstance(value, ConfValue):
        raise module.error("`pipeline_conf` must be a `dsl.PipelineConf()`", expr)
    return value


def _read_pipeline(module: ModuleReader, func: ast.FunctionDef, style: str,
                   meta: PipelineMetadata, lines: FileLines) -> Pipeline:
    builder = PipelineBuilder(module, func, style)
    local_names = builder.reserved
    builder.pipeline.name = meta.name
    builder.pipeline.description = meta.description
    builder.pipeline.display_name = meta.display_name
    refs = builder.params(func, meta.param_docs)
    ctx = Context(module, builder)
    frame = Frame(func.name, local_names, None)
    frame.vars.update(refs)
    try:
        ctx.ev.run_block(func.body, frame)
    except Return as r:
        builder.returned(r.value, r.node)
    finally:
        ctx.release()   # no cycle left behind (ModuleReader.release)
    for tv in builder.task_values.values():
        if tv.pending_volumes:
            raise module.error(f"task `{tv.task.name}` adds volume `{tv.pending_volumes[0][3]}` "
                               "but never mounts it (the designer keeps each volume with its "
                               "mount)", tv.node)
    if builder.conf is not None:
        builder.pipeline.conf = builder.conf.conf
        lines.conf.update(builder.conf.lines)
    _describe_outputs(builder.pipeline, meta.output_docs)
    _note_lines(builder, func, lines)
    return builder.pipeline


def _describe_outputs(p: Pipeline, docs: dict[str, str | None]) -> None:
    """kfp 2 describes each output its docstring documents (by the output's name)."""
    p.output_descriptions = {name: docs[name] for name in p.outputs if docs.get(name)}


def _note_lines(builder: PipelineBuilder, func: ast.FunctionDef, lines: FileLines) -> None:
    """Where each parameter, task and keyword argument of the pipeline is in the file."""
    for arg in func.args.args:
        lines.params[arg.arg] = arg.lineno
    inputs_by_keyword: dict[tuple[int, str], dict[str, str]] = {}  # per component and style
    for task_id, tv in builder.task_values.items():
        node = tv.node
        if node is None:
            continue
        lines.tasks[task_id] = node.lineno          # the call that made the task
        for name, line in tv.setting_lines.items():   # the calls that set its settings
            lines.task_fields[(task_id, f"setting:{name}")] = line
        if isinstance(node, ast.Call):
            input_of = inputs_by_keyword.get((id(tv.component), tv.style))
            if input_of is None:
                input_of = inputs_by_keyword[(id(tv.component), tv.style)] = {
                    kw: name for name, kw in call_names(tv.component, tv.style).items()}
            for kw in node.keywords:
                if kw.arg in input_of:
                    lines.task_fields[(task_id, input_of[kw.arg])] = kw.value.lineno


def _component_pipeline(module: ModuleReader, name: str) -> Pipeline:
    """kfp 2 compiles a component as a pipeline: its inputs are the pipeline's parameters,
    one task passes them all, every output is a pipeline output."""
    binding = module.bindings[name]
    assert isinstance(binding, Factory)
    comp = binding.component
    builder = PipelineBuilder(module, None, "v2")
    p = builder.pipeline
    p.name = comp.kfp_name
    p.function_name = name
    docs = dict(docstrings.parse(comp.signature.docstring).params) if (
        comp.signature.docstring) else {}
    arguments = {}
    for spec in comp.signature.inputs:
        if spec.type == "PipelineTaskFinalStatus":
            continue
        p.params.append(PipelineParam(spec.name, spec.annotation, spec.default,
                                      spec.has_default, docs.get(spec.name)))
        arguments[spec.name] = ParamRef(spec.name)
    tv = builder.make_task(comp, arguments, None, None)
    p.outputs = {o.name: builder.output_ref(tv, o.name, None) for o in comp.signature.outputs}
    _describe_outputs(p, docstrings.output_descriptions(comp.signature.docstring))
    return p


__all__ = ["import_python", "list_pipelines", "PipelineChoice"]
