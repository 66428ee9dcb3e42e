"""Task settings (kfp 1 ContainerOp / kfp 2 PipelineTask methods, kfp-kubernetes) -> IR.

Nothing is modelled yet: every setting is refused with what it is.
"""
from __future__ import annotations

import ast
from typing import Any

from ._eval import brief
from ._values import Attr, ConfValue, TaskValue

KFP_TASK_ATTRIBUTES = frozenset({"container", "execution_options", "pvolume", "pvolumes",
                                 "volume", "name", "human_name", "display_name", "file_outputs",
                                 "command", "arguments", "image", "inputs", "dependent_names"})


def task_methods(tv: TaskValue) -> frozenset[str]:
    return frozenset()


def task_attributes(tv: TaskValue) -> frozenset[str]:
    return frozenset({"container", "execution_options"}) if tv.style == "v1" else frozenset()


def task_attribute(ctx: Any, tv: TaskValue, name: str, node: ast.AST) -> Any:
    if name in ("container", "execution_options"):
        return Attr(tv, (name,))
    raise ctx.error(f"`{brief(node)}` is not supported by the designer", node)


def call_task_method(ctx, tv, name, args, kwargs, node):
    raise ctx.error(f"`.{name}()` on a task is not supported by the designer", node)


def attr_attribute(ctx: Any, obj: Attr, name: str, node: ast.AST) -> Any:
    raise ctx.error(f"`{brief(node)}` is not supported by the designer", node)


def call_attr_method(ctx, obj, name, args, kwargs, node):
    raise ctx.error(f"`{brief(node.func)}()` is not supported by the designer", node)


def call_conf_method(ctx, obj: ConfValue, name, args, kwargs, node):
    raise ctx.error(f"`.{name}()` of the pipeline configuration is not supported by the "
                    "designer", node)


def set_attribute(ctx, obj, name, value, node) -> bool:
    return False


def container_kwargs(ctx, tv, value, node) -> None:
    if value:
        raise ctx.error("`container_kwargs=` of a ContainerOp is not supported by the designer",
                        node)


def mount_pvolumes(ctx, tv, value, node) -> None:
    raise ctx.error("`pvolumes=` of a ContainerOp is not supported by the designer", node)


def k8s_object(ctx, kind, args, kwargs, node):
    raise ctx.error(f"Kubernetes' `{kind}` is not supported by the designer", node)


def kfp_kubernetes(ctx, name, args, kwargs, node, hint):
    raise ctx.error(f"`kfp.kubernetes.{name}` is not supported by the designer", node)
