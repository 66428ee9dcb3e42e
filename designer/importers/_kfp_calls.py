"""kfp's API (and the few standard-library helpers pipeline files use) as the importer reads it.

Every name is reduced to a canonical dotted path (``kfp.dsl._ops_group.Condition`` ->
``kfp.dsl.Condition``) and dispatched here. A kfp name we do not model is refused with
what it is; a name from another library is refused as code we do not run.
"""
from __future__ import annotations

import ast
import functools
import json
import os
import textwrap
from typing import Any

from designer.ir import components as pc
from designer.ir.model import Collected, OneOf, OutputRef, RunPlaceholder

from . import _containers
from ._eval import brief
from ._values import (
    ArgumentPath,
    ConditionExpr,
    ConfValue,
    ContainerSpecValue,
    Function,
    GroupSpec,
    NamedTupleType,
    OpClass,
    PathValue,
    Ref,
    SymStr,
    TaskValue,
    describe,
    is_runtime,
)

V1, V2 = "v1", "v2"

# kfp's run placeholders (plain strings in kfp) -> the IR's RunPlaceholder names, and the
# kfp versions that have them.
RUN_PLACEHOLDERS = {
    "kfp.dsl.RUN_ID_PLACEHOLDER": ("run_id", V1),
    "kfp.dsl.EXECUTION_ID_PLACEHOLDER": ("execution_id", V1),
    "kfp.dsl.PIPELINE_JOB_ID_PLACEHOLDER": ("run_id", V2),
    "kfp.dsl.PIPELINE_JOB_NAME_PLACEHOLDER": ("job_name", V2),
    "kfp.dsl.PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER": ("job_resource_name", V2),
    "kfp.dsl.PIPELINE_TASK_NAME_PLACEHOLDER": ("task_name", V2),
    "kfp.dsl.PIPELINE_TASK_ID_PLACEHOLDER": ("task_id", V2),
    "kfp.dsl.PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER": ("job_create_time", V2),
    "kfp.dsl.PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER": ("job_schedule_time", V2),
    "kfp.dsl.PIPELINE_ROOT_PLACEHOLDER": ("pipeline_root", V2),
}
# The text of kfp 1's placeholders (they are plain strings: a ContainerOp bakes them in).
V1_PLACEHOLDER_TEXT = {"run_id": "{{workflow.uid}}",
                       "execution_id": "{{workflow.uid}}-{{pod.name}}"}
V2_PLACEHOLDER_TEXT = {
    "run_id": "{{$.pipeline_job_uuid}}", "job_name": "{{$.pipeline_job_name}}",
    "job_resource_name": "{{$.pipeline_job_resource_name}}",
    "task_name": "{{$.pipeline_task_name}}", "task_id": "{{$.pipeline_task_uuid}}",
    "job_create_time": "{{$.pipeline_job_create_time_utc}}",
    "job_schedule_time": "{{$.pipeline_job_schedule_time_utc}}",
    "pipeline_root": "{{$.pipeline_root}}"}


def placeholder_text(value: RunPlaceholder, style: str) -> str:
    """The string kfp has for a run placeholder (where a plain value is needed)."""
    table = V1_PLACEHOLDER_TEXT if style == V1 else V2_PLACEHOLDER_TEXT
    return table.get(value.name) or {**V2_PLACEHOLDER_TEXT, **V1_PLACEHOLDER_TEXT}[value.name]


_CONSTANTS = {
    "kfp.dsl.VOLUME_MODE_RWO": ["ReadWriteOnce"],
    "kfp.dsl.VOLUME_MODE_RWM": ["ReadWriteMany"],
    "kfp.dsl.VOLUME_MODE_ROM": ["ReadOnlyMany"],
}
# kfp.dsl submodules whose names kfp re-exports from kfp.dsl (kept otherwise: kfp.dsl.types).
_KEEP = ("kfp.dsl.types.", "kfp.components.types")


# kfp 2.17.3 keeps kfp 1.8's ``kfp.v2`` namespace as a deprecated alias: ``kfp/v2/dsl.py`` is
# ``from kfp.dsl import *`` (so do ``compiler`` and ``components``), and ``kfp.v2`` imports
# those three. Through the alias a file sees exactly these names (each module's
# ``__all__`` in kfp 2.17.3); anything else under ``kfp.v2`` is kfp 1.8's v2-compatible
# mode, refused (``constant``). A file read as kfp 2 resolves them (``ModuleReader.resolve``);
# in a kfp 1.8 file (one with kfp 1 names) they stay kfp 1.8's, refused where used.
V2_ALIAS_NAMES: dict[str, frozenset[str]] = {
    "dsl": frozenset({
        "Artifact", "ClassificationMetrics", "Collected", "ConcatPlaceholder", "Condition",
        "ContainerSpec", "Dataset", "Elif", "Else", "ExitHandler", "HTML", "If",
        "IfPresentPlaceholder", "Input", "InputPath", "KubernetesWorkspaceConfig", "Markdown",
        "Metrics", "Model", "OneOf", "Output", "OutputPath",
        "PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER", "PIPELINE_JOB_ID_PLACEHOLDER",
        "PIPELINE_JOB_NAME_PLACEHOLDER", "PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER",
        "PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER", "PIPELINE_ROOT_PLACEHOLDER",
        "PIPELINE_TASK_EXECUTOR_INPUT_PLACEHOLDER",
        "PIPELINE_TASK_EXECUTOR_OUTPUT_PATH_PLACEHOLDER", "PIPELINE_TASK_ID_PLACEHOLDER",
        "PIPELINE_TASK_NAME_PLACEHOLDER", "ParallelFor", "PipelineConfig", "PipelineTask",
        "PipelineTaskFinalStatus", "SlicedClassificationMetrics", "TaskConfig",
        "TaskConfigField", "TaskConfigPassthrough", "WORKSPACE_PATH_PLACEHOLDER",
        "WorkspaceConfig", "component", "container_component", "get_uri", "importer",
        "notebook_component", "pipeline", "run_notebook"}),
    "compiler": frozenset({"Compiler", "KubernetesManifestOptions"}),
    "components": frozenset({
        "BaseComponent", "ContainerComponent", "PythonComponent", "YamlComponent",
        "load_component_from_file", "load_component_from_text", "load_component_from_url"}),
}


def is_v2_namespace(qualname: str) -> bool:
    """``kfp.v2`` or a name under it (kfp 1.8's v2-compatible namespace)."""
    return qualname == "kfp.v2" or qualname.startswith("kfp.v2.")


def unalias_v2(qualname: str) -> str:
    """``kfp.v2.dsl.pipeline`` -> ``kfp.dsl.pipeline`` as kfp 2.17.3 resolves it (see
    ``V2_ALIAS_NAMES``); names the alias does not give are returned unchanged."""
    parts = qualname.split(".")
    if parts[:2] != ["kfp", "v2"] or len(parts) < 3 or parts[2] not in V2_ALIAS_NAMES:
        return qualname
    if len(parts) > 3 and parts[3] not in V2_ALIAS_NAMES[parts[2]]:
        return qualname
    return ".".join(["kfp", *parts[2:]])


@functools.lru_cache(maxsize=4096)
def canonical(qualname: str) -> str:
    """``kfp.dsl._ops_group.Condition`` -> ``kfp.dsl.Condition``; kubernetes' model classes
    -> ``kubernetes.client.V1EnvVar``; other names unchanged.

    Memoised: a file names the same few kfp names over and over (four times per task of a
    1,000-task pipeline, when the importer scans which kfp the file is for and evaluates
    it)."""
    parts = qualname.split(".")
    if qualname.startswith(_KEEP):
        return qualname
    for root in (("kfp", "dsl"), ("kfp", "components"), ("kfp", "kubernetes"), ("kfp", "compiler")):
        if tuple(parts[:2]) == root and len(parts) > 3:
            return ".".join(root + (parts[-1],))
    if parts[:2] == ["kubernetes", "client"] and len(parts) > 3:
        return "kubernetes.client." + parts[-1]
    if parts[:1] == ["kfp"] and len(parts) == 3 and parts[1].startswith("_"):
        return "kfp." + parts[2]
    return qualname


def is_kfp(qualname: str) -> bool:
    return qualname == "kfp" or qualname.startswith("kfp.")


# --- constants and attributes of imported names --------------------------------------------

def constant(ctx: Any, qualname: str, node: ast.AST) -> Any:
    canon = canonical(ctx.m.resolve(qualname))
    if canon in RUN_PLACEHOLDERS:
        name, version = RUN_PLACEHOLDERS[canon]
        if version != ctx.style and ctx.m.style_known:
            raise ctx.error(f"`{brief(node)}` is kfp {'2' if version == V2 else '1'}'s; this "
                            f"file is written for kfp {'2' if ctx.style == V2 else '1.8'}", node)
        return RunPlaceholder(name)
    if canon in _CONSTANTS:
        return list(_CONSTANTS[canon])
    if canon == "os.environ":       # (one copy per file: what it sets, it reads back)
        return ctx.m.environ
    if is_v2_namespace(canon) and canon != "kfp.v2":   # (the package: its aliases resolve)
        raise ctx.error(f"`{brief(node)}` is kfp 1.8's v2-compatible mode (`kfp.v2`), which "
                        "the designer does not support; write the file for kfp 1 or kfp 2",
                        node)
    return Ref(qualname)


# --- calls -----------------------------------------------------------------------------

def call(ctx: Any, qualname: str, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
         hint: str | None) -> Any:
    canon = canonical(ctx.m.resolve(qualname))
    handler = _CALLS.get(canon)
    if handler is not None:
        return handler(ctx, args, kwargs, node, hint)
    if canon == "os.getenv":
        return _environment(ctx, canon, args, kwargs, node)
    if canon.startswith("kubernetes.client."):
        from ._tasks import k8s_object
        return k8s_object(ctx, canon.rsplit(".", 1)[1], args, kwargs, node)
    if canon.startswith("kfp.kubernetes."):
        from ._tasks import kfp_kubernetes
        return kfp_kubernetes(ctx, canon.rsplit(".", 1)[1], args, kwargs, node, hint)
    if is_kfp(canon):
        if is_v2_namespace(canon):
            constant(ctx, canon, node)
        raise ctx.error(f"kfp's `{canon}` is not supported by the designer", node)
    module = qualname.rsplit(".", 1)[0] if "." in qualname else qualname
    raise ctx.error(f"`{brief(node.func)}` is imported from `{module}`; the designer imports "
                    "only components defined in this file and does not run other modules",
                    node)


def _environment(ctx: Any, name: str, args: list[Any], kwargs: dict[str, Any],
                 node: ast.Call) -> Any:
    """``os.getenv(NAME, default)``: what kfp's run of the file reads, this process's
    environment (kfp's own samples choose their ``kfp_package_path`` so), as the file's
    ``os.environ`` (``ModuleReader.environ``) holds it. Reading a variable runs no code of
    the file."""
    b = _bind(ctx, name, ("key", "default"), args, kwargs, node, 1)
    key = b["key"]
    if not isinstance(key, str):
        raise ctx.error(f"`{name}` needs the variable's name as a string, not "
                        f"{describe(key)}", node)
    default = b.get("default")
    if default is not None and not isinstance(default, str) or isinstance(default, SymStr):
        raise ctx.error(f"the default of `{name}` must be a string or None", node)
    return ctx.m.environ.get(key, default)


def _bind(ctx: Any, name: str, params: tuple[str, ...], args: list[Any], kwargs: dict[str, Any],
          node: ast.Call, required: int = 0) -> dict[str, Any]:
    """Python's binding of ``args``/``kwargs`` to ``params`` (the first ``required`` needed)."""
    if len(args) > len(params):
        raise ctx.error(f"`{name}` takes at most {len(params)} positional arguments", node)
    bound = dict(zip(params, args))
    for k, v in kwargs.items():
        if k not in params:
            raise ctx.error(f"`{name}` has no argument `{k}` the designer knows", node)
        if k in bound:
            raise ctx.error(f"`{name}` got two values for `{k}`", node)
        bound[k] = v
    missing = [p for p in params[:required] if p not in bound]
    if missing:
        raise ctx.error(f"`{name}` needs `{missing[0]}`", node)
    return bound


def _const_str(ctx: Any, value: Any, what: str, node: ast.AST, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ctx.error(f"{what} must be a string known when the pipeline is compiled, not "
                        f"{describe(value)}", node)
    return value


# groups ---------------------------------------------------------------------------------

def _condition_value(ctx: Any, value: Any, dsl_name: str, node: ast.AST) -> ConditionExpr:
    if isinstance(value, ConditionExpr):
        return value
    if isinstance(value, bool):
        raise ctx.error(f"`{dsl_name}` got the constant {value}: the comparison was decided "
                        "when the file ran; compare a pipeline parameter or task output", node)
    raise ctx.error(f"`{dsl_name}` needs a comparison (==, !=, <, <=, >, >=) of a pipeline "
                    f"parameter or task output, not {describe(value)}", node)


def _condition(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.Condition", ("condition", "name"), args, kwargs, node, 1)
    cond = _condition_value(ctx, b["condition"], "dsl.Condition", node)
    return GroupSpec("condition", node, branch=None, condition=cond,
                     name=_const_str(ctx, b.get("name"), "the condition's name", node, True),
                     dsl_name="dsl.Condition")


def _if(ctx, args, kwargs, node, hint, branch="if"):
    dsl_name = "dsl.If" if branch == "if" else "dsl.Elif"
    b = _bind(ctx, dsl_name, ("condition", "name"), args, kwargs, node, 1)
    return GroupSpec("condition", node, branch=branch,
                     condition=_condition_value(ctx, b["condition"], dsl_name, node),
                     name=_const_str(ctx, b.get("name"), "the condition's name", node, True),
                     dsl_name=dsl_name)


def _elif(ctx, args, kwargs, node, hint):
    return _if(ctx, args, kwargs, node, hint, "elif")


def _else(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.Else", ("name",), args, kwargs, node)
    return GroupSpec("condition", node, branch="else",
                     name=_const_str(ctx, b.get("name"), "the condition's name", node, True),
                     dsl_name="dsl.Else")


def _parallel_for(ctx, args, kwargs, node, hint):
    if ctx.style == V1:
        b = _bind(ctx, "dsl.ParallelFor", ("loop_args", "parallelism"), args, kwargs, node, 1)
        items, name = b["loop_args"], None
    else:
        b = _bind(ctx, "dsl.ParallelFor", ("items", "name", "parallelism"), args, kwargs, node, 1)
        items, name = b["items"], _const_str(ctx, b.get("name"), "the loop's name", node, True)
    parallelism = b.get("parallelism")
    if parallelism is not None and (not isinstance(parallelism, int)
                                    or isinstance(parallelism, bool) or parallelism < 0):
        raise ctx.error("`parallelism` must be a whole number >= 0 known when the pipeline is "
                        "compiled", node)
    if ctx.style == V1 and parallelism == 0:
        parallelism = None  # kfp 1.8.9 treats 0 like no limit
    return GroupSpec("loop", node, items=items, parallelism=parallelism, name=name,
                     dsl_name="dsl.ParallelFor")


def _exit_handler(ctx, args, kwargs, node, hint):
    params = ("exit_op",) if ctx.style == V1 else ("exit_task", "name")
    b = _bind(ctx, "dsl.ExitHandler", params, args, kwargs, node, 1)
    exit_task = b[params[0]]
    if not isinstance(exit_task, TaskValue):
        raise ctx.error(f"`dsl.ExitHandler` takes the exit task, not {describe(exit_task)}", node)
    return GroupSpec("exit_handler", node, exit_task=exit_task,
                     name=_const_str(ctx, b.get("name"), "the exit handler's name", node, True),
                     dsl_name="dsl.ExitHandler")


def _collected(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.Collected", ("output",), args, kwargs, node, 1)
    if not isinstance(b["output"], OutputRef):
        raise ctx.error(f"`dsl.Collected` takes a task output, not {describe(b['output'])}", node)
    return Collected(b["output"])


def _one_of(ctx, args, kwargs, node, hint):
    if kwargs:
        raise ctx.error("`dsl.OneOf` takes task outputs only", node)
    bad = next((a for a in args if not isinstance(a, OutputRef)), None)
    if bad is not None or len(args) < 2:
        raise ctx.error("`dsl.OneOf` takes two or more task outputs"
                        + (f", not {describe(bad)}" if bad is not None else ""), node)
    ctx.need_builder("`dsl.OneOf` works", node).check_one_of(args, node)
    return OneOf(tuple(args))


# components ----------------------------------------------------------------------------

def _container_op(ctx, args, kwargs, node, hint):
    return _containers.container_op(ctx, args, kwargs, node, hint)


def _argument_path(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.InputArgumentPath", ("argument", "input", "path"), args, kwargs, node, 1)
    return ArgumentPath(b["argument"], _const_str(ctx, b.get("input"), "`input`", node, True),
                        _const_str(ctx, b.get("path"), "`path`", node, True), node)


def _load_text(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "load_component_from_text", ("text",), args, kwargs, node, 1)
    return _containers.load_spec(ctx, node, hint, text=_const_str(
        ctx, b["text"], "the component text", node))


def _load_file(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "load_component_from_file", ("filename",), args, kwargs, node, 1)
    return _containers.load_spec(ctx, node, hint, path=_path_text(ctx, b["filename"], node))


def _load_url(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "load_component_from_url", ("url", "auth"), args, kwargs, node, 1)
    return _containers.load_spec(ctx, node, hint, url=_const_str(ctx, b["url"], "the URL", node))


def _load_any(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "load_component", ("filename", "url", "text"), args, kwargs, node)
    given = [k for k in ("filename", "url", "text") if b.get(k) is not None]
    if len(given) != 1:
        raise ctx.error("`load_component` takes one of filename=, url= or text=", node)
    if given[0] == "filename":
        return _containers.load_spec(ctx, node, hint, path=_path_text(ctx, b["filename"], node))
    if given[0] == "url":
        return _containers.load_spec(ctx, node, hint, url=_const_str(ctx, b["url"], "the URL",
                                                                     node))
    return _containers.load_spec(ctx, node, hint, text=_const_str(ctx, b["text"], "the text",
                                                                  node))


def _container_spec(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.ContainerSpec", ("image", "command", "args"), args, kwargs, node, 1)
    return ContainerSpecValue(b["image"], b.get("command"), b.get("args"))


def _concat_placeholder(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.ConcatPlaceholder", ("items",), args, kwargs, node, 1)
    items = b["items"]
    if not isinstance(items, (list, tuple)):
        raise ctx.error("`dsl.ConcatPlaceholder` takes a list", node)
    return pc.Concat(tuple(_containers.v2_part(ctx, i, node) for i in items))


def _if_present_placeholder(ctx, args, kwargs, node, hint):
    b = _bind(ctx, "dsl.IfPresentPlaceholder", ("input_name", "then", "else_"), args, kwargs,
              node, 2)
    name = b["input_name"]
    if isinstance(name, pc.InputValue):
        name = name.input
    name = _const_str(ctx, name, "`input_name`", node)

    def parts(value: Any) -> tuple:
        if value is None:
            return ()
        items = value if isinstance(value, (list, tuple)) else [value]
        return tuple(_containers.v2_part(ctx, i, node) for i in items)

    return pc.IfPresent(name, parts(b["then"]), parts(b.get("else_")))


def call_v1_typed_factory(ctx: Any, fn: Function, args: list[Any], kwargs: dict[str, Any],
                          node: ast.Call, hint: str | None) -> Any:
    """kfp 1.x ``@dsl.component``: the function returns a ContainerOp, typed by its
    signature (kfp 1.8.9 attaches that interface to the op as component metadata)."""
    if fn.node.returns is not None:
        raise ctx.error(f"`{fn.node.name}`: a kfp 1 `@dsl.component` with a return annotation "
                        "adds outputs to its ContainerOp, which the designer does not support",
                        fn.node)
    plain = Function(fn.node, fn.closure, "v1_component_body")
    result = ctx.call_function(plain, args, kwargs, node, hint)
    if not isinstance(result, TaskValue) or result.component.origin != "op":
        raise ctx.error(f"`{fn.node.name}` is a kfp 1 `@dsl.component`: it must return a "
                        "`dsl.ContainerOp`", node)
    return result


class SuperObject:
    """``super()`` inside a ContainerOp subclass's ``__init__``."""

    def __init__(self, node: ast.AST):
        self.node = node


def super_object(ctx: Any, node: ast.Call) -> SuperObject:
    if not ctx.calls or not isinstance(ctx.calls[-1][0], OpClass):
        raise ctx.error("`super()` is supported in the `__init__` of a ContainerOp subclass",
                        node)
    return SuperObject(node)


def super_call(ctx: Any, obj: SuperObject, name: str, args: list[Any], kwargs: dict[str, Any],
               node: ast.Call) -> Any:
    if name != "__init__":
        raise ctx.error(f"`super().{name}` is not supported", node)
    return _containers.init_op_subclass(ctx, args, kwargs, node)


def instantiate_op_class(ctx: Any, cls: OpClass, args: list[Any], kwargs: dict[str, Any],
                         node: ast.Call, hint: str | None) -> TaskValue:
    return _containers.instantiate(ctx, cls, args, kwargs, node, hint)


# kfp 1 pipeline configuration -----------------------------------------------------------

def _get_pipeline_conf(ctx, args, kwargs, node, hint):
    builder = ctx.need_builder("`dsl.get_pipeline_conf()` works", node)
    if args or kwargs:
        raise ctx.error("`dsl.get_pipeline_conf()` takes no arguments", node)
    if builder.conf is None:
        builder.conf = ConfValue()
    return builder.conf


def _sidecar(ctx, args, kwargs, node, hint):
    from ._sidecars import make_sidecar
    return make_sidecar(ctx, args, kwargs, node, hint)


def _pipeline_conf(ctx, args, kwargs, node, hint):
    if args or kwargs:
        raise ctx.error("`dsl.PipelineConf()` takes no arguments", node)
    return ConfValue()


# the standard library -------------------------------------------------------------------

def _path_text(ctx: Any, value: Any, node: ast.AST) -> str:
    if isinstance(value, PathValue):
        return value.path
    return _const_str(ctx, value, "the file name", node)


def _strs(ctx: Any, args: list[Any], node: ast.AST) -> list[str]:
    return [_path_text(ctx, a, node) for a in args]


def _os_path(fn):
    def handler(ctx, args, kwargs, node, hint):
        if kwargs:
            raise ctx.error("keyword arguments to os.path functions are not supported", node)
        return fn(*_strs(ctx, args, node))
    return handler


def _pathlib_path(ctx, args, kwargs, node, hint):
    return PathValue(os.path.join(*_strs(ctx, args, node)) if args else ".")


def path_attribute(ctx: Any, obj: PathValue, name: str, node: ast.AST) -> Any:
    if name == "parent":
        return PathValue(os.path.dirname(obj.path) or ".")
    if name == "name":
        return os.path.basename(obj.path)
    if name in ("joinpath", "resolve", "absolute", "read_text", "as_posix"):
        from ._values import BoundMethod
        return BoundMethod(obj, name)
    raise ctx.error(f"`Path.{name}` is not supported", node)


def path_method(ctx: Any, obj: PathValue, name: str, args: list[Any], kwargs: dict[str, Any],
                node: ast.Call) -> Any:
    if name == "joinpath":
        return PathValue(os.path.join(obj.path, *_strs(ctx, args, node)))
    if name in ("resolve", "absolute"):
        return PathValue(os.path.abspath(obj.path))
    if name == "as_posix":
        return obj.path
    if name == "read_text":
        return _containers.read_relative(ctx, obj.path, node)
    raise ctx.error(f"`Path.{name}()` is not supported", node)


def path_join(ctx: Any, left: PathValue, right: Any, node: ast.AST) -> PathValue:
    return PathValue(os.path.join(left.path, _path_text(ctx, right, node)))


_MARK = "@@kfp-designer-symstr@@"  # JSON writes it as is


def _json_dumps(ctx, args, kwargs, node, hint):
    """``json.dumps`` of plain values, which may hold strings built from run-time values (a
    str for kfp, with the placeholder inside): they come out as a SymStr."""
    if not args:
        raise ctx.error("`json.dumps` needs a value", node)
    pieces: list[SymStr] = []

    def swap(value: Any) -> Any:
        if isinstance(value, RunPlaceholder):
            value = SymStr((value,))
        if isinstance(value, SymStr):
            pieces.append(value)
            return f"{_MARK}{len(pieces) - 1}{_MARK}"
        if is_runtime(value):
            raise ctx.error(f"`json.dumps` of {describe(value)}: kfp cannot serialise it "
                            "(str(...) of it can be)", node)
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, tuple):
            return tuple(swap(v) for v in value)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        return value

    data = swap(args[0])
    text = ctx.ev.guard(lambda: json.dumps(data, *args[1:], ensure_ascii=False, **kwargs)
                        if kwargs.get("ensure_ascii") is False else
                        json.dumps(data, *args[1:], **kwargs), node)
    if not pieces:
        return text
    out: list[Any] = []
    for i, chunk in enumerate(text.split(_MARK)):
        if i % 2 == 0:
            out.append(chunk)
            continue
        for part in pieces[int(chunk)].parts:  # text escaped as JSON would escape it
            out.append(json.dumps(part, **{k: v for k, v in kwargs.items()
                                           if k == "ensure_ascii"})[1:-1]
                       if isinstance(part, str) else part)
    return SymStr.join(out)


def _json_loads(ctx, args, kwargs, node, hint):
    return ctx.ev.guard(lambda: json.loads(*args, **kwargs), node)


def _dedent(ctx, args, kwargs, node, hint):
    return ctx.ev.guard(lambda: textwrap.dedent(*args, **kwargs), node)


def _collections_namedtuple(ctx, args, kwargs, node, hint):
    """``collections.namedtuple('Outputs', ['a', 'b'])`` (or ``'a b'`` / ``'a, b'``): kfp 2
    reads a pipeline's returned tuple by its fields, as for ``typing.NamedTuple``."""
    if kwargs or len(args) != 2 or not isinstance(args[0], str):
        raise ctx.error("`namedtuple` is read with a name and its field names only", node)
    names = args[1]
    if isinstance(names, str):
        names = names.replace(",", " ").split()
    if not isinstance(names, (list, tuple)) or not all(
            isinstance(n, str) and n.isidentifier() for n in names):
        raise ctx.error("`namedtuple` field names must be known strings", node)
    return NamedTupleType(args[0], tuple(names))


def _named_tuple(ctx, args, kwargs, node, hint):
    if not args or not isinstance(args[0], str):
        raise ctx.error("`NamedTuple` needs a name", node)
    fields = list(kwargs)
    if len(args) > 1:
        fields = [f[0] for f in args[1]] if isinstance(args[1], (list, tuple)) else []
    return NamedTupleType(args[0], tuple(fields))


def _str_text(ctx, value: Any) -> Any:
    return value if isinstance(value, (str, SymStr)) else None


_CALLS = {
    "kfp.dsl.Condition": _condition,
    "kfp.dsl.If": _if,
    "kfp.dsl.Elif": _elif,
    "kfp.dsl.Else": _else,
    "kfp.dsl.ParallelFor": _parallel_for,
    "kfp.dsl.ExitHandler": _exit_handler,
    "kfp.dsl.Collected": _collected,
    "kfp.dsl.OneOf": _one_of,
    "kfp.dsl.ContainerOp": _container_op,
    "kfp.dsl.InputArgumentPath": _argument_path,
    "kfp.dsl.ContainerSpec": _container_spec,
    "kfp.dsl.ConcatPlaceholder": _concat_placeholder,
    "kfp.dsl.IfPresentPlaceholder": _if_present_placeholder,
    "kfp.dsl.get_pipeline_conf": _get_pipeline_conf,
    "kfp.dsl.PipelineConf": _pipeline_conf,
    "kfp.dsl.Sidecar": _sidecar,
    "kfp.components.load_component_from_text": _load_text,
    "kfp.components.load_component_from_file": _load_file,
    "kfp.components.load_component_from_url": _load_url,
    "kfp.components.load_component": _load_any,
    "os.path.join": _os_path(os.path.join),
    "os.path.dirname": _os_path(os.path.dirname),
    "os.path.basename": _os_path(os.path.basename),
    "os.path.abspath": _os_path(os.path.abspath),
    "os.path.realpath": _os_path(os.path.abspath),
    "os.path.normpath": _os_path(os.path.normpath),
    "pathlib.Path": _pathlib_path,
    "json.dumps": _json_dumps,
    "json.loads": _json_loads,
    "textwrap.dedent": _dedent,
    "typing.NamedTuple": _named_tuple,
    "collections.namedtuple": _collections_namedtuple,
    "collections.OrderedDict": lambda ctx, args, kwargs, node, hint: ctx.ev.call_builtin(
        "dict", args, kwargs, node),
    "copy.deepcopy": lambda ctx, args, kwargs, node, hint: _copy(ctx, args, node, True),
    "copy.copy": lambda ctx, args, kwargs, node, hint: _copy(ctx, args, node, False),
}


def _copy(ctx: Any, args: list[Any], node: ast.AST, deep: bool) -> Any:
    import copy

    from ._eval import _is_plain
    if len(args) != 1 or not _is_plain(args[0]):
        raise ctx.error("`copy` of anything but plain values is not supported", node)
    return copy.deepcopy(args[0]) if deep else copy.copy(args[0])


def _volume_op(ctx, args, kwargs, node, hint):
    from ._settings import volume_op
    return volume_op(ctx, args, kwargs, node, hint)


def _volume_snapshot_op(ctx, args, kwargs, node, hint):
    from ._settings import volume_snapshot_op
    return volume_snapshot_op(ctx, args, kwargs, node, hint)


def _pipeline_volume(ctx, args, kwargs, node, hint):
    from ._settings import pipeline_volume
    return pipeline_volume(ctx, args, kwargs, node, hint)


def _importer(ctx, args, kwargs, node, hint):
    from ._importer_node import importer_call
    return importer_call(ctx, args, kwargs, node, hint)


_CALLS["kfp.dsl.importer"] = _importer
_CALLS["kfp.dsl.VolumeOp"] = _volume_op
_CALLS["kfp.dsl.VolumeSnapshotOp"] = _volume_snapshot_op
_CALLS["kfp.dsl.PipelineVolume"] = _pipeline_volume


def _register_modifiers() -> None:
    from ._settings import MODIFIERS
    _CALLS.update(MODIFIERS)


_register_modifiers()
