"""What a pipeline does with a task once it has one: its outputs, ``.after()``, its settings.

Settings (display name, caching, retries, resources, environment, volumes, Kubernetes
placement...) are read into ``TaskSettings`` by ``_settings``; this module routes the
attribute and method names kfp's task objects have in each kfp version.
"""
from __future__ import annotations

import ast
from typing import Any

from ._eval import brief
from ._values import Attr, BoundMethod, ConfValue, Outputs, TaskValue, describe

V1, V2 = "v1", "v2"


def attribute(ctx: Any, tv: TaskValue, name: str, node: ast.AST) -> Any:
    from . import _settings
    if name == "output":
        return ctx.builder.output_ref(tv, None, node)
    if name == "outputs":
        return Outputs(tv)
    if name == "after" or name in _settings.task_methods(tv):
        return BoundMethod(tv, name)
    if name in _settings.task_attributes(tv):
        return _settings.task_attribute(ctx, tv, name, node)
    if name in tv.extras:
        return tv.extras[name]
    raise ctx.error(f"`{brief(node)}` is not supported: a task has `.output` and "
                    "`.outputs['name']`", node)


def call_method(ctx: Any, tv: TaskValue, name: str, args: list[Any], kwargs: dict[str, Any],
                node: ast.Call) -> Any:
    from . import _settings
    if name == "after":
        return ctx.builder.after(tv, args, node)
    if name in _settings.task_methods(tv):
        return _settings.call_task_method(ctx, tv, name, args, kwargs, node)
    raise ctx.error(f"`.{name}()` on a task is not supported by the designer", node)


def attr_attribute(ctx: Any, obj: Attr, name: str, node: ast.AST) -> Any:
    from . import _settings
    return _settings.attr_attribute(ctx, obj, name, node)


def call_attr_method(ctx: Any, obj: Attr, name: str, args: list[Any], kwargs: dict[str, Any],
                     node: ast.Call) -> Any:
    from . import _settings
    return _settings.call_attr_method(ctx, obj, name, args, kwargs, node)


def call_conf_method(ctx: Any, obj: ConfValue, name: str, args: list[Any],
                     kwargs: dict[str, Any], node: ast.Call) -> Any:
    from . import _settings
    return _settings.call_conf_method(ctx, obj, name, args, kwargs, node)


def set_attribute(ctx: Any, obj: Any, name: str, value: Any, node: ast.AST) -> None:
    from . import _settings
    from ._containers import _Self
    if isinstance(obj, (TaskValue, Attr)) and _settings.set_attribute(ctx, obj, name, value,
                                                                      node):
        return
    if isinstance(obj, _Self) and obj.task is None:
        raise ctx.error(f"setting `{brief(node)}` before `super().__init__(...)` is not "
                        "supported", node)
    if isinstance(obj, _Self):
        obj = obj.task
    if isinstance(obj, TaskValue) and not hasattr_kfp_task(obj, name):
        obj.extras[name] = value  # a subclass keeping its own values on the op
        return
    raise ctx.error(f"setting `{brief(node)}` is not supported by the designer"
                    + ("" if isinstance(obj, (TaskValue, Attr)) else f" ({describe(obj)})"),
                    node)


def hasattr_kfp_task(tv: TaskValue, name: str) -> bool:
    """Whether kfp's task object has this attribute (setting it changes what kfp compiles)."""
    from . import _settings
    return (name in _settings.KFP_TASK_ATTRIBUTES or name in _settings.task_methods(tv)
            or name in ("output", "outputs", "after"))


def apply_container_kwargs(ctx: Any, tv: TaskValue, value: Any, node: ast.AST) -> None:
    from . import _settings
    _settings.container_kwargs(ctx, tv, value, node)


def mount_pvolumes(ctx: Any, tv: TaskValue, value: Any, node: ast.AST) -> None:
    from . import _settings
    _settings.mount_pvolumes(ctx, tv, value, node)


def k8s_object(ctx: Any, kind: str, args: list[Any], kwargs: dict[str, Any],
               node: ast.Call) -> Any:
    from . import _settings
    return _settings.k8s_object(ctx, kind, args, kwargs, node)


def kfp_kubernetes(ctx: Any, name: str, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                   hint: str | None) -> Any:
    from . import _settings
    return _settings.kfp_kubernetes(ctx, name, args, kwargs, node, hint)
