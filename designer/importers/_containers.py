"""Container steps as kfp files write them -> IR ``ContainerComponent``s.

* kfp 1.x ``dsl.ContainerOp(...)`` (inline, from a factory function, or a subclass): each
  call is evaluated with its arguments (as kfp did), then abstracted into a component; see
  the "op" origin in designer/ir/components.py for the mapping.
* ``load_component_from_text/file/url``: a component spec (``ir.component_spec``). Files are
  read relative to the pipeline file; URLs are never fetched: the caller maps a URL to a
  local file (``component_urls``, CLI ``--component-url URL=FILE``) or it is refused.
* kfp 2 ``@dsl.container_component``: the function body runs with placeholders for its
  ports and returns ``dsl.ContainerSpec(image, command, args)``.
"""
from __future__ import annotations

import ast
import os
from typing import Any

from designer.ir import components as pc
from designer.ir.component_spec import Where, spec_component
from designer.ir.components import ContainerComponent
from designer.ir.model import LoopItem, OutputRef, ParamRef, RunPlaceholder, new_id
from designer.ir.naming import (
    component_name,
    legacy_v1_output,
    sanitize_file_name,
    sanitize_python_name,
    unique_name,
)
from designer.ir.signature import (
    ARTIFACT,
    PATH,
    VALUE,
    InputSpec,
    OutputSpec,
    Signature,
    SignatureError,
    signature_of,
)

from ._eval import Frame, Return, assigned_names, brief
from ._values import (
    ArgumentPath,
    ArtifactPort,
    ContainerSpecValue,
    Function,
    OpClass,
    SymStr,
    TaskValue,
    describe,
)

_OP_PARAMS = ("name", "image", "command", "arguments", "init_containers", "sidecars",
              "container_kwargs", "artifact_argument_paths", "file_outputs",
              "output_artifact_paths", "is_exit_handler", "pvolumes")
_OP_ATOMS = (ParamRef, OutputRef, LoopItem)


# --- kfp 1 ContainerOp ------------------------------------------------------------------

class _Inputs:
    """Names the run-time values a ContainerOp uses as inputs of its component."""

    def __init__(self, factory_args: dict[str, Any], tasks: dict[str, Any]):
        self.factory_args = factory_args
        self.tasks = tasks
        self.by_value: dict[Any, str] = {}
        self.specs: list[InputSpec] = []
        self.arguments: dict[str, Any] = {}

    def name_for(self, value: Any) -> str:
        if value in self.by_value:
            return self.by_value[value]
        base = next((k for k, v in self.factory_args.items() if v == value), None)
        if base is None:
            base = _value_name(value, self.tasks)
        name = unique_name(base, {s.name for s in self.specs})
        self.by_value[value] = name
        self.specs.append(InputSpec(name))
        self.arguments[name] = value
        return name

    def add_path(self, name: str, path: str, argument: Any) -> None:
        self.specs.append(InputSpec(name, passing=PATH, path=path))
        self.arguments[name] = argument


def _value_name(value: Any, tasks: dict[str, Any]) -> str:
    if isinstance(value, ParamRef):
        return value.name
    if isinstance(value, OutputRef):
        task = tasks.get(value.task_id)
        base = f"{task.task.name}_{value.output}" if task else value.output
        return sanitize_python_name(base) or "output"
    if isinstance(value, LoopItem):
        return "_".join(("item",) + value.fields)
    return "value"


def _op_part(ctx: Any, value: Any, inputs: _Inputs, node: ast.AST) -> pc.Part:
    """One command-line item, as kfp 1.8.9's ``as_string_list`` makes it (``str(item)``)."""
    if isinstance(value, bool) or isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, _OP_ATOMS):
        return pc.InputValue(inputs.name_for(value))
    if isinstance(value, RunPlaceholder):
        return _v1_placeholder_text(ctx, value, node)
    if isinstance(value, SymStr):
        parts: list[Any] = []
        for p in value.parts:
            if isinstance(p, str):
                parts.append(p)
            elif isinstance(p, RunPlaceholder):
                parts.append(_v1_placeholder_text(ctx, p, node))
            elif isinstance(p, _OP_ATOMS):
                parts.append(pc.InputValue(inputs.name_for(p)))
            else:
                raise ctx.error(f"{describe(p)} inside a ContainerOp string is not supported",
                                node)
        merged: list[Any] = []
        for p in parts:
            if isinstance(p, str) and merged and isinstance(merged[-1], str):
                merged[-1] += p
            else:
                merged.append(p)
        if len(merged) == 1:
            return merged[0]
        return pc.Concat(tuple(merged), inline=True)
    if value is None:
        raise ctx.error("None in a ContainerOp command line (kfp writes the text 'None')", node)
    raise ctx.error(f"{describe(value)} in a ContainerOp command line is not supported", node)


def _v1_placeholder_text(ctx: Any, value: RunPlaceholder, node: ast.AST) -> str:
    from ._kfp_calls import V1_PLACEHOLDER_TEXT
    if value.name not in V1_PLACEHOLDER_TEXT:
        raise ctx.error(f"the `{value.name}` placeholder is not kfp 1's", node)
    return V1_PLACEHOLDER_TEXT[value.name]


def _str_map(ctx: Any, value: Any, what: str, node: ast.AST) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ctx.error(f"`{what}` must map names to paths known when the pipeline is "
                        "compiled", node)
    return dict(value)


def _command(ctx: Any, value: Any, inputs: _Inputs, node: ast.AST, what: str,
             artifacts: dict[int, str]) -> list[pc.Part] | None:
    if value is None:
        return None
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        if isinstance(item, ArgumentPath):
            out.append(artifacts[id(item)])
        else:
            out.append(_op_part(ctx, item, inputs, node))
    return out


def container_op(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                 hint: str | None, *, python_name: str | None = None) -> TaskValue:
    """A kfp 1 ``dsl.ContainerOp(...)`` call: its component (shared when equal) and task."""
    from ._kfp_calls import _bind
    builder = ctx.need_builder("a ContainerOp is made", node)
    b = _bind(ctx, "dsl.ContainerOp", _OP_PARAMS, args, kwargs, node, 2)
    name, image = b["name"], b["image"]
    if not isinstance(name, str):
        raise ctx.error(f"the ContainerOp name must be a string known when the pipeline is "
                        f"compiled, not {describe(name)}", node)
    if not isinstance(image, str):
        raise ctx.error(f"the ContainerOp image must be a string known when the pipeline is "
                        f"compiled, not {describe(image)}", node)
    if b.get("init_containers"):
        raise ctx.error("`init_containers=` of a ContainerOp is not supported by the designer",
                        node)
    # The factory this op is made in (a plain function, a kfp 1 @dsl.component, a subclass).
    factory, frame = ctx.calls[-1] if ctx.calls else (None, None)
    factory_args: dict[str, Any] = {}
    source = None
    if factory is not None and frame is not None:
        params = _factory_params(factory)
        factory_args = {p: frame.vars[p] for p in params if p in frame.vars}
        if python_name is None:
            python_name = factory.node.name
        if isinstance(factory, Function) and factory.kind == "v1_component_body":
            from ._pyast import function_source
            source = function_source(ctx.m.lines, factory.node)
    python_name = python_name or sanitize_python_name(name) or "container_op"
    inputs = _Inputs(factory_args, builder.task_values)

    # InputArgumentPath artifacts (kfp 1.8.9 ContainerOp.__init__: resolve_artifact_argument)
    artifacts: dict[int, str] = {}
    paths: list[ArgumentPath] = list(b.get("artifact_argument_paths") or [])
    for key in ("command", "arguments"):
        value = b.get(key)
        if isinstance(value, (list, tuple)):
            paths += [v for v in value if isinstance(v, ArgumentPath)]
    for ap in paths:
        if not isinstance(ap, ArgumentPath):
            raise ctx.error("`artifact_argument_paths` takes `dsl.InputArgumentPath(...)`s",
                            node)
        if id(ap) in artifacts:
            continue
        input_name = ap.input or f"input-{len([s for s in inputs.specs if s.passing == PATH])}"
        path = ap.path or f"/tmp/inputs/{sanitize_file_name(input_name)}/data"
        artifacts[id(ap)] = path
        inputs.add_path(input_name, path, builder.to_argument(ap.argument, ap.node))

    command = _command(ctx, b.get("command"), inputs, node, "command", artifacts)
    arguments = _command(ctx, b.get("arguments"), inputs, node, "arguments", artifacts)
    file_outputs = _str_map(ctx, b.get("file_outputs"), "file_outputs", node)
    artifact_outputs = _str_map(ctx, b.get("output_artifact_paths"), "output_artifact_paths",
                                node)
    outputs: list[OutputSpec] = []
    for out_name, path in file_outputs.items():
        legacy = legacy_v1_output(out_name)
        if legacy:
            artifact_outputs[legacy] = path  # kfp moves these to the artifacts
        else:
            outputs.append(OutputSpec(out_name, passing=VALUE, path=path))
    outputs += [OutputSpec(n, passing=PATH, path=p) for n, p in artifact_outputs.items()]
    signature = Signature(function_name=python_name, inputs=tuple(inputs.specs),
                          outputs=tuple(outputs))
    empty = frozenset(k for k, v in (("command", command), ("args", arguments)) if v == [])
    component = _shared_op(builder, ContainerComponent(
        id=new_id(), name=name, signature=signature, image=image, command=command or [],
        args=arguments or [], origin="op", function_source=source, explicit_empty=empty))
    tv = builder.make_task(component, dict(inputs.arguments), hint, node)
    from ._tasks import apply_container_kwargs, mount_pvolumes
    apply_container_kwargs(ctx, tv, b.get("container_kwargs"), node)
    if b.get("pvolumes"):
        mount_pvolumes(ctx, tv, b["pvolumes"], node)
    if b.get("sidecars"):       # (an empty list: none, as kfp writes nothing then)
        from ._sidecars import add_sidecars
        if not isinstance(b["sidecars"], (list, tuple)):
            raise ctx.error("`sidecars=` must be a list of `dsl.Sidecar(...)`s", node)
        add_sidecars(ctx, tv, b["sidecars"], node, "`sidecars=` of a ContainerOp")
    return tv


def _factory_params(factory: Any) -> list[str]:
    func = factory.node if isinstance(factory, Function) else _init_of(factory)
    if func is None:
        return []
    a = func.args
    names = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
    return [n for n in names if n != "self"]


def _shared_op(builder: Any, candidate: ContainerComponent) -> ContainerComponent:
    """The pipeline's component equal to ``candidate`` (made by the same factory), else
    ``candidate`` under a Python name no other component has."""
    sig = candidate.signature
    key = (sig.function_name, candidate.name, candidate.image, tuple(candidate.command),
           tuple(candidate.args), sig.inputs, sig.outputs, candidate.function_source,
           candidate.explicit_empty)
    found = builder.op_cache.get(key)
    if found is not None:
        return found
    taken = {c.python_name for c in builder.m.components}
    name = unique_name(sig.function_name, taken)
    if name != sig.function_name:
        from dataclasses import replace
        candidate.signature = replace(sig, function_name=name)
    builder.op_cache[key] = candidate
    return candidate


# --- ContainerOp subclasses -------------------------------------------------------------

def _init_of(cls: OpClass) -> ast.FunctionDef | None:
    return next((s for s in cls.node.body if isinstance(s, ast.FunctionDef)
                 and s.name == "__init__"), None)


class _Self:
    """``self`` in a ContainerOp subclass's ``__init__`` until ``super().__init__`` runs."""

    def __init__(self) -> None:
        self.task: TaskValue | None = None


def instantiate(ctx: Any, cls: OpClass, args: list[Any], kwargs: dict[str, Any],
                node: ast.Call, hint: str | None) -> TaskValue:
    init = _init_of(cls)
    if init is None:
        raise ctx.error(f"`{cls.node.name}` has no `__init__`", node)
    other = [s for s in cls.node.body if isinstance(s, ast.FunctionDef) and s is not init]
    if other:
        raise ctx.error(f"`{cls.node.name}` defines `{other[0].name}`; a ContainerOp subclass "
                        "the designer imports has only `__init__`", other[0])
    me = _Self()
    fn = Function(init, None)
    frames: list[Frame] = []

    def bind(frame: Frame) -> None:
        frame.vars[init.args.args[0].arg] = me
        frames.append(frame)
        ctx.calls.append((cls, frame))

    if not init.args.args:
        raise ctx.error("`__init__` needs `self`", init)
    ctx._pending_self = getattr(ctx, "_pending_self", [])
    ctx._pending_self.append((me, hint))
    try:
        ctx.ev.run_function(fn, [me] + list(args), kwargs, node, bind)
    finally:
        ctx._pending_self.pop()
        if frames:
            ctx.calls.pop()
    if me.task is None:
        raise ctx.error(f"`{cls.node.name}.__init__` never calls `super().__init__(...)`", node)
    return me.task


def init_op_subclass(ctx: Any, args: list[Any], kwargs: dict[str, Any],
                     node: ast.Call) -> None:
    me, hint = ctx._pending_self[-1]
    if me.task is not None:
        raise ctx.error("`super().__init__` is called twice", node)
    cls = ctx.calls[-1][0]
    me.task = container_op(ctx, args, kwargs, node, hint, python_name=cls.node.name)


# --- component specs ----------------------------------------------------------------------

def read_relative(ctx: Any, path: str, node: ast.AST) -> str:
    """A text file named relative to the pipeline file, as UTF-8."""
    full = _resolve(ctx, path)
    try:
        with open(full, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ctx.error(f"cannot read `{path}` ({e.strerror or e}; looked at {full})",
                        node) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ctx.error(f"`{path}` is not UTF-8 text", node) from None


def _resolve(ctx: Any, path: str) -> str:
    base = os.path.dirname(os.path.abspath(ctx.m.path))
    return os.path.normpath(os.path.join(base, os.path.expanduser(path)))


def load_spec(ctx: Any, node: ast.AST, hint: str | None, *, text: str | None = None,
              path: str | None = None, url: str | None = None) -> Any:
    from ._module import Factory
    spec_path = spec_url = None
    if url is not None:
        local = ctx.m.component_urls.get(url)
        if local is None:
            raise ctx.error(f"`load_component_from_url('{url}')`: the designer never downloads "
                            "when it opens a file; save the component YAML and give it with "
                            "`--component-url URL=FILE` (or load it with "
                            "`load_component_from_file`)", node)
        spec_url = url
        full = _resolve(ctx, local)
        where = Where(full)
        text = read_relative(ctx, local, node)
    elif path is not None:
        full = _resolve(ctx, path)
        spec_path = path  # as given: kfp 1 writes it into the component reference
        where = Where(full)
        text = read_relative(ctx, path, node)
    else:
        where = Where(ctx.m.path, getattr(node, "lineno", None), in_yaml=False)
    key = (text, spec_path, spec_url)
    cached = ctx.m.spec_cache.get(key)
    if cached is not None:
        return Factory(cached)
    component = spec_component(text, where, python_name=None, spec_path=spec_path,
                               spec_url=spec_url)
    taken = {c.python_name for c in ctx.m.components}
    name = unique_name(hint or component.signature.function_name, taken)
    from dataclasses import replace
    component.signature = replace(component.signature, function_name=name)
    ctx.m.spec_cache[key] = component
    ctx.m.components.append(component)
    return Factory(component)


# --- kfp 2 container components ------------------------------------------------------------

def v2_part(ctx: Any, value: Any, node: ast.AST) -> pc.Part:
    """One item of a kfp 2 ContainerSpec command line."""
    if isinstance(value, str):
        return value
    if isinstance(value, (pc.InputValue, pc.InputPath, pc.OutputPath, pc.InputUri,
                          pc.OutputUri, pc.ExecutorInput, pc.Concat, pc.IfPresent)):
        return value
    if isinstance(value, SymStr):
        parts = []
        for p in value.parts:
            if not isinstance(p, (str, pc.InputValue, pc.InputPath, pc.OutputPath, pc.InputUri,
                                  pc.OutputUri, pc.ExecutorInput)):
                raise ctx.error(f"{describe(p)} inside a container component's string is not "
                                "supported", node)
            parts.append(p)
        if len(parts) == 1 and not isinstance(parts[0], str):
            return parts[0]
        return pc.Concat(tuple(parts), inline=True)
    if isinstance(value, ArtifactPort):
        raise ctx.error(f"artifact `{value.name}` itself in a command line: use `.path` or "
                        "`.uri`", node)
    raise ctx.error(f"{describe(value)} in a container component's command line is not "
                    "supported (strings and placeholders are)", node)


def container_component(ctx: Any, func: ast.FunctionDef) -> ContainerComponent:
    """kfp 2 ``@dsl.container_component``: run the body on placeholders of its ports."""
    from ._pyast import function_source
    try:
        sig = signature_of(func)
    except SignatureError as e:
        raise ctx.error(f"component `{func.name}`: {e.message}",
                        func.lineno + (e.line or 1) - 1) from None
    frame = Frame(func.name, assigned_names(func.body) | {a.arg for a in func.args.args +
                                                           func.args.kwonlyargs}, None)
    for spec in sig.inputs:
        frame.vars[spec.name] = (ArtifactPort(spec.name, True) if spec.passing == ARTIFACT else
                                 pc.InputPath(spec.name) if spec.passing == PATH else
                                 pc.InputValue(spec.name))
    for spec in sig.outputs:
        if spec.param is None:
            raise ctx.error(f"container component `{func.name}`: outputs are parameters "
                            "annotated `dsl.OutputPath(...)` or `Output[...]`", func)
        frame.vars[spec.param] = (ArtifactPort(spec.name, False) if spec.passing == ARTIFACT
                                  else pc.OutputPath(spec.name))
    try:
        ctx.ev.run_block(func.body, frame)
        result = None
    except Return as r:
        result = r.value
    if not isinstance(result, ContainerSpecValue):
        raise ctx.error(f"container component `{func.name}` must return "
                        f"`dsl.ContainerSpec(...)`, not {describe(result)}", func)
    if not isinstance(result.image, str):
        raise ctx.error(f"container component `{func.name}`: the image must be a string",
                        func)

    def line(value: Any, what: str) -> list[pc.Part]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise ctx.error(f"container component `{func.name}`: `{what}` must be a list", func)
        return [v2_part(ctx, v, func) for v in value]

    return ContainerComponent(
        id=new_id(), name=component_name(func.name), signature=sig, image=result.image,
        command=line(result.command, "command"), args=line(result.args, "args"), origin="v2",
        description=sig.docstring, function_source=function_source(ctx.m.lines, func))


__all__ = ["container_op", "load_spec", "container_component", "v2_part", "instantiate",
           "init_op_subclass", "read_relative", "brief"]
