"""Kubernetes client objects as the kfp Python importer reads them (``K8s``: a class name and
its arguments), checked as kfp would use them."""
from __future__ import annotations

import ast
from typing import Any

from ._values import K8s, describe


def k8s_of(ctx: Any, obj: Any, kind: str, what: str, node: ast.AST) -> K8s:
    if not isinstance(obj, K8s) or obj.kind != kind:
        raise ctx.error(f"{what} must be a `{kind}(...)`, not {describe(obj)}", node)
    return obj


def only(ctx, obj: K8s, allowed: set[str], node) -> None:
    extra = set(dict(obj.args)) - allowed
    if extra:
        raise ctx.error(f"`{sorted(extra)[0]}=` of `{obj.kind}` is not supported by the "
                        "designer", node)


def given_list(ctx: Any, value: Any, what: str, node: ast.AST) -> list:
    """A list argument of a Kubernetes object: None (not given) reads as empty; an empty list
    given is refused, because kfp writes it (``[]``) where the IR, like kfp's own default,
    has nothing."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise ctx.error(f"{what} must be a list", node)
    if not value:
        raise ctx.error(f"{what} given as an empty list is not supported (kfp writes it as "
                        "`[]`): leave it out", node)
    return list(value)


__all__ = ["k8s_of", "only", "given_list"]
