"""kfp 1 sidecars: ``dsl.Sidecar(name, image, command, args, mirror_volume_mounts)`` given to
``dsl.ContainerOp(sidecars=[...])`` or ``op.add_sidecar(...)`` -> ``TaskSettings.sidecars``.

kfp keeps the Sidecar object and writes it into the task's template (``sidecars:``) when the
pipeline is compiled; pipeline parameters in its image, command or arguments become the op's
inputs. Other ``Container`` arguments (``env=``, resources...) and methods are refused.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Any

from designer.ir.model import argument_refs
from designer.ir.settings import Sidecar

from ._k8s import given_list
from ._values import TaskValue, describe, is_runtime

_PARAMS = ("name", "image", "command", "args", "mirror_volume_mounts")


@dataclass(eq=False)
class SidecarValue:
    """A ``dsl.Sidecar(...)`` while the pipeline function runs (the IR's, once made)."""
    sidecar: Sidecar


def _word(ctx: Any, value: Any, what: str, node: ast.AST) -> Any:
    """A string or an IR argument; numbers as kfp's ``as_string_list`` writes them."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if is_runtime(value):
        arg = ctx.builder.to_argument(value, node)
        if argument_refs(arg):   # (kfp would make the task wait for that one: the IR does not)
            raise ctx.error(f"{what} uses a task's output, which the designer does not take "
                            "in a sidecar (a pipeline parameter is fine)", node)
        return arg
    raise ctx.error(f"{what} must be a string or a pipeline value, not {describe(value)}",
                    node)


def _words(ctx: Any, value: Any, what: str, node: ast.AST) -> tuple[Any, ...]:
    if value is None:
        return ()
    items = given_list(ctx, value, what, node) if isinstance(value, (list, tuple)) else [value]
    return tuple(_word(ctx, v, f"a word of {what}", node) for v in items)


def make_sidecar(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                 hint: str | None) -> SidecarValue:
    """``dsl.Sidecar(...)``: kfp 1.8.9's arguments (its ``**kwargs`` for ``Container`` are
    refused by name)."""
    from ._kfp_calls import _bind
    ctx.need_builder("a dsl.Sidecar is made", node)
    b = _bind(ctx, "dsl.Sidecar", _PARAMS, args, kwargs, node, 2)
    name = b["name"]
    if not isinstance(name, str) or not name:
        raise ctx.error(f"the sidecar's name must be a string known when the pipeline is "
                        f"compiled, not {describe(name)}", node)
    mirror = b.get("mirror_volume_mounts")
    if mirror is not None and not isinstance(mirror, bool):
        raise ctx.error("`mirror_volume_mounts=` must be True or False", node)
    return SidecarValue(Sidecar(
        name, _word(ctx, b["image"], "the sidecar's image", node),
        _words(ctx, b.get("command"), "the sidecar's command", node),
        _words(ctx, b.get("args"), "the sidecar's arguments", node), mirror))


def add_sidecars(ctx: Any, tv: TaskValue, value: Any, node: ast.AST, what: str) -> None:
    """``ContainerOp(sidecars=[...])`` (a list) or ``add_sidecar(sidecar)`` (one); ``what``
    names the call for messages."""
    items = value if isinstance(value, (list, tuple)) else [value]
    sidecars = []
    for item in items:
        if not isinstance(item, SidecarValue):
            raise ctx.error(f"{what} takes `dsl.Sidecar(...)`, not {describe(item)}", node)
        sidecars.append(item.sidecar)
    tv.task.settings = replace(tv.task.settings,
                               sidecars=tv.task.settings.sidecars + tuple(sidecars))


def add_sidecar_method(ctx, tv, args, kwargs, node):
    """``op.add_sidecar(sidecar)``."""
    from ._kfp_calls import _bind
    b = _bind(ctx, "add_sidecar", ("sidecar",), args, kwargs, node, 1)
    add_sidecars(ctx, tv, b["sidecar"], node, "`add_sidecar`")


__all__ = ["SidecarValue", "make_sidecar", "add_sidecars", "add_sidecar_method"]
