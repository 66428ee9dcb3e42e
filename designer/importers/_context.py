"""What names and calls mean in a kfp file: the evaluator's hooks into kfp's API.

One ``Context`` per import. At the top level of the file (``builder`` None) it evaluates
module constants and loaded components; inside the pipeline function it also makes tasks
and groups through the ``PipelineBuilder``.
"""
from __future__ import annotations

import ast
import builtins
import os
from typing import Any

from designer.ir import InputError
from designer.ir.model import LoopItem

from . import _kfp_calls, _tasks
from ._eval import SAFE_BUILTINS, Evaluator, Frame, brief
from ._values import (
    ArtifactPort,
    Attr,
    Builtin,
    ConfValue,
    Function,
    GroupSpec,
    NamedTupleValue,
    OpClass,
    PathValue,
    PipelineFunc,
    Ref,
    TaskValue,
    describe,
)

# kfp's constants, by canonical name: what they stand for in a pipeline.
_SUPER = "<super>"


class Context:
    def __init__(self, module: Any, builder: Any = None):
        self.m = module
        self.builder = builder
        self.ev = Evaluator(self, module.path)
        # (function, its frame) of the ``def``s being called, innermost last: a ContainerOp
        # made inside a factory takes the factory's name and parameter names.
        self.calls: list[tuple[Function | OpClass, Frame]] = []

    def release(self) -> None:
        """Done evaluating: drop the evaluator, which refers back to this context (see
        ``ModuleReader.release``)."""
        del self.ev
        self.builder = None

    @property
    def style(self) -> str:
        return self.builder.style if self.builder is not None else self.m.file_style

    def error(self, message: str, node: ast.AST | None) -> InputError:
        return self.m.error(message, node)

    def need_builder(self, what: str, node: ast.AST) -> Any:
        if self.builder is None:
            raise self.error(f"{what} only inside the pipeline function (kfp adds tasks to the "
                             "pipeline being built)", node)
        return self.builder

    # --- names --------------------------------------------------------------------------
    def global_value(self, name: str, node: ast.AST) -> Any:
        if name in self.m.bindings:
            return self.m.value_of(name, node)
        if name == "__file__":
            return os.path.abspath(self.m.path)
        if name == "__name__":
            return "__main__"
        if name == "super":
            return Builtin(_SUPER)
        if name in SAFE_BUILTINS:
            return Builtin(name)
        if hasattr(builtins, name):
            raise self.error(f"`{name}` (a Python builtin) is not supported in a pipeline the "
                             "designer imports", node)
        stars = "".join(f"; `from {m} import *` (not followed) may define it"
                        for m in self.m.star_imports[:1])
        raise self.error(f"unknown name `{name}`{stars}", node)

    def kfp_constant(self, qualname: str, node: ast.AST) -> Any:
        return _kfp_calls.constant(self, qualname, node)

    # --- calls --------------------------------------------------------------------------
    def call_ref(self, qualname: str, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                 hint: str | None) -> Any:
        return _kfp_calls.call(self, qualname, args, kwargs, node, hint)

    def call_function(self, fn: Function, args: list[Any], kwargs: dict[str, Any],
                      node: ast.Call, hint: str | None) -> Any:
        if fn.kind == "v1_component":
            return _kfp_calls.call_v1_typed_factory(self, fn, args, kwargs, node, hint)
        frames: list[Frame] = []

        def bind(frame: Frame) -> None:
            frames.append(frame)
            self.calls.append((fn, frame))

        try:
            result = self.ev.run_function(fn, args, kwargs, node, bind)
        finally:
            if frames:
                self.calls.pop()
        if hint and isinstance(result, TaskValue) and self.builder is not None:
            self.builder.name_after(result, hint)
        return result

    def call_other(self, fn: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                   hint: str | None) -> Any:
        from ._module import Factory
        if isinstance(fn, Factory):
            if self.builder is None:
                self.need_builder(f"`{brief(node.func)}` makes a task, which kfp allows", node)
            return self.builder.call_component(fn.component, args, kwargs, node, hint)
        if isinstance(fn, OpClass):
            return _kfp_calls.instantiate_op_class(self, fn, args, kwargs, node, hint)
        if isinstance(fn, Builtin) and fn.name == _SUPER:
            return _kfp_calls.super_object(self, node)
        if isinstance(fn, TaskValue):
            raise self.error(f"`{brief(node.func)}` is not a component (it is a task)", node)
        if isinstance(fn, PipelineFunc):
            return self.call_pipeline(fn, args, kwargs, node, hint)
        raise self.error(f"`{brief(node.func)}` is not a component ({describe(fn)})", node)

    def call_pipeline(self, fn: PipelineFunc, args: list[Any], kwargs: dict[str, Any],
                      node: ast.Call, hint: str | None) -> Any:
        """A pipeline function called in a pipeline. kfp 2: a task running the pipeline (a
        sub-pipeline, read once per function). kfp 1.8.9's decorator returns the function
        itself: calling it creates its ops in the calling pipeline, as a helper would."""
        if self.builder is None:
            self.need_builder(f"`{brief(node.func)}` makes a task, which kfp allows", node)
        if self.builder.style != "v2":
            return self.call_function(Function(fn.node), args, kwargs, node, hint)
        from .kfp_python import sub_pipeline
        return self.builder.call_component(sub_pipeline(self.m, fn, node), args, kwargs, node,
                                           hint)

    def call_other_method(self, obj: Any, name: str, args: list[Any], kwargs: dict[str, Any],
                          node: ast.Call) -> Any:
        if isinstance(obj, TaskValue):
            return _tasks.call_method(self, obj, name, args, kwargs, node)
        if isinstance(obj, Attr):
            return _tasks.call_attr_method(self, obj, name, args, kwargs, node)
        if isinstance(obj, ConfValue):
            return _tasks.call_conf_method(self, obj, name, args, kwargs, node)
        if isinstance(obj, PathValue):
            return _kfp_calls.path_method(self, obj, name, args, kwargs, node)
        if isinstance(obj, _kfp_calls.SuperObject):
            return _kfp_calls.super_call(self, obj, name, args, kwargs, node)
        if isinstance(obj, GroupSpec):
            raise self.error(f"`.{name}()` on a `{obj.dsl_name}` block is not supported", node)
        from ._values import VolumeValue
        if isinstance(obj, VolumeValue) and name == "after" and not kwargs:
            from ._settings import volume_after
            return volume_after(self, obj, args, node)
        raise self.error(f"`.{name}()` on {describe(obj)} is not supported", node)

    # --- attributes ---------------------------------------------------------------------
    def task_attribute(self, tv: TaskValue, name: str, node: ast.AST) -> Any:
        return _tasks.attribute(self, tv, name, node)

    def attr_attribute(self, obj: Attr, name: str, node: ast.AST) -> Any:
        return _tasks.attr_attribute(self, obj, name, node)

    def output_of(self, tv: TaskValue, key: Any, node: ast.Subscript) -> Any:
        return self.builder.output_ref(tv, key, node)

    def other_attribute(self, obj: Any, name: str, node: ast.AST) -> Any:
        from designer.ir import components as pc
        if isinstance(obj, LoopItem):
            if obj.fields:
                raise self.error("a field of a loop item's field is not supported (kfp reads "
                                 "one level: `item.name`)", node)
            return LoopItem(obj.loop, (name,))
        if isinstance(obj, ArtifactPort):
            if name == "path":
                return pc.InputPath(obj.name) if obj.is_input else pc.OutputPath(obj.name)
            if name == "uri":
                return pc.InputUri(obj.name) if obj.is_input else pc.OutputUri(obj.name)
            raise self.error(f"`.{name}` of an artifact in a container component is not "
                             "supported (`.path` and `.uri` are)", node)
        if isinstance(obj, ConfValue) and not name.startswith(("set_", "add_")):
            raise self.error(f"`{brief(node)}`: the pipeline configuration's `{name}` is not "
                             "supported by the designer", node)
        if isinstance(obj, ConfValue) or isinstance(obj, _kfp_calls.SuperObject):
            from ._values import BoundMethod
            return BoundMethod(obj, name)
        if isinstance(obj, (TaskValue,)):
            return self.task_attribute(obj, name, node)
        if isinstance(obj, NamedTupleValue):
            raise self.error(f"`{obj.type.name}` has no field `{name}`", node)
        if isinstance(obj, GroupSpec):
            from ._values import BoundMethod
            return BoundMethod(obj, name)
        from ._values import VolumeValue
        if isinstance(obj, VolumeValue) and name == "after":
            from ._values import BoundMethod
            return BoundMethod(obj, name)
        if name in ("output", "outputs"):
            raise self.error(f"`{brief(node)}`: {describe(obj)} is not a task", node)
        raise self.error(f"`{brief(node)}`: {describe(obj)} has no attribute `{name}` the "
                         "designer knows", node)

    def other_subscript(self, obj: Any, key: Any, node: ast.Subscript) -> Any:
        if isinstance(obj, Ref):  # a typing generic (``List[str]``) in an annotation
            return Ref(f"{obj.qualname}[...]")
        if isinstance(obj, TaskValue):
            raise self.error(f"`{brief(node)}`: index `.outputs[...]`, not the task", node)
        raise self.error(f"`{brief(node)}`: {describe(obj)} cannot be indexed here", node)

    def set_attribute(self, obj: Any, name: str, value: Any, node: ast.AST) -> None:
        _tasks.set_attribute(self, obj, name, value, node)

    def path_attribute(self, obj: PathValue, name: str, node: ast.AST) -> Any:
        return _kfp_calls.path_attribute(self, obj, name, node)

    def path_join(self, left: PathValue, right: Any, node: ast.AST) -> Any:
        return _kfp_calls.path_join(self, left, right, node)

    # --- groups -------------------------------------------------------------------------
    def enter_group(self, spec: GroupSpec, node: ast.AST) -> Any:
        return self.need_builder("kfp blocks work", node).enter_group(spec, node)

    def exit_group(self, spec: GroupSpec) -> None:
        self.builder.exit_group(spec)
