"""kfp 1 ``add_affinity(V1Affinity(...))`` -> the IR's node affinity, pod affinity and pod
anti-affinity terms (kfp-kubernetes' ``add_node_affinity`` shares the requirements)."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import Any

from designer.ir.settings import LabelSelector, NodeAffinityTerm, NodeRequirement, PodAffinityTerm

from ._k8s import given_list, k8s_of, only
from ._values import K8s


def _text(ctx: Any, value: Any, what: str, node: ast.AST) -> str:
    from ._kfp_calls import _const_str
    return _const_str(ctx, value, what, node)


def node_requirements(ctx: Any, items: Any, node: ast.AST,
                       kind: str = "V1NodeSelectorRequirement") -> tuple[NodeRequirement, ...]:
    """``V1NodeSelectorRequirement``s (or a label selector's ``V1LabelSelectorRequirement``s:
    the same key, operator and values)."""
    items = given_list(ctx, items, "the requirements", node)
    out = []
    for item in items:
        r = k8s_of(ctx, item, kind, "a requirement", node)
        values = given_list(ctx, r.get("values"), "the values of a requirement", node)
        if not all(isinstance(v, str) for v in values):
            raise ctx.error("the values of a requirement must be a list of strings known "
                            "when the pipeline is compiled", node)
        out.append(NodeRequirement(_text(ctx, r.get("key"), "the requirement's key", node),
                                   _text(ctx, r.get("operator"), "the operator", node),
                                   tuple(values)))
    return tuple(out)


def selector_term(ctx: Any, obj: Any, weight: int | None, node: ast.AST) -> NodeAffinityTerm:
    term = k8s_of(ctx, obj, "V1NodeSelectorTerm", "a node selector term", node)
    return NodeAffinityTerm(node_requirements(ctx, term.get("match_expressions"), node),
                            node_requirements(ctx, term.get("match_fields"), node), weight)


def affinity_v1(ctx, tv, args, kwargs, node):
    """``add_affinity(V1Affinity(node_affinity=V1NodeAffinity(required...=V1NodeSelector(
    [terms]), preferred...=[V1PreferredSchedulingTerm(weight, preference)]), pod_affinity=
    V1PodAffinity(...), pod_anti_affinity=V1PodAntiAffinity(...)))``; kfp keeps the last
    call's, whole."""
    from ._kfp_calls import _bind
    b = _bind(ctx, "add_affinity", ("affinity",), args, kwargs, node, 1)
    affinity = k8s_of(ctx, b["affinity"], "V1Affinity", "`add_affinity`'s argument", node)
    only(ctx, affinity, {"node_affinity", "pod_affinity", "pod_anti_affinity"}, node)
    if not affinity.args:
        raise ctx.error("an empty `V1Affinity()` is not supported (kfp writes `affinity: {}`)",
                        node)
    terms: list[NodeAffinityTerm] = []
    if affinity.get("node_affinity") is not None:
        na = k8s_of(ctx, affinity.get("node_affinity"), "V1NodeAffinity", "`node_affinity`",
                     node)
        required = na.get("required_during_scheduling_ignored_during_execution")
        if required is not None:
            selector = k8s_of(ctx, required, "V1NodeSelector", "the required terms", node)
            items = given_list(ctx, selector.get("node_selector_terms"),
                                "`node_selector_terms`", node)
            terms += [selector_term(ctx, t, None, node) for t in items]
        preferred = given_list(
            ctx, na.get("preferred_during_scheduling_ignored_during_execution"),
            "the preferred terms", node)
        for p in preferred:
            p = k8s_of(ctx, p, "V1PreferredSchedulingTerm", "a preferred term", node)
            terms.append(selector_term(ctx, p.get("preference"), _weight(ctx, p, node), node))
        if not terms:
            raise ctx.error("a `V1NodeAffinity()` without terms is not supported (kfp writes "
                            "`nodeAffinity: {}`)", node)
    pod = {field: _pod_affinity(ctx, affinity.get(field), kind, node)
           for field, kind in (("pod_affinity", "V1PodAffinity"),
                               ("pod_anti_affinity", "V1PodAntiAffinity"))}
    tv.task.settings = replace(tv.task.settings, node_affinity=tuple(terms), **pod)


def _weight(ctx: Any, term: K8s, node: ast.AST) -> int:
    weight = term.get("weight")
    if not isinstance(weight, int) or isinstance(weight, bool):
        raise ctx.error("the weight of a preferred term must be a whole number known when "
                        "the pipeline is compiled", node)
    return weight


def _pod_affinity(ctx: Any, obj: Any, kind: str, node: ast.AST) -> tuple[PodAffinityTerm, ...]:
    """``V1PodAffinity`` / ``V1PodAntiAffinity``: required ``V1PodAffinityTerm``s, then the
    preferred ``V1WeightedPodAffinityTerm``s (the IR keeps them in that order too)."""
    if obj is None:
        return ()
    obj = k8s_of(ctx, obj, kind, f"`{kind}`'s place", node)
    only(ctx, obj, {"required_during_scheduling_ignored_during_execution",
                     "preferred_during_scheduling_ignored_during_execution"}, node)
    out = [_pod_term(ctx, t, None, node) for t in given_list(
        ctx, obj.get("required_during_scheduling_ignored_during_execution"),
        "the required terms", node)]
    for p in given_list(ctx, obj.get("preferred_during_scheduling_ignored_during_execution"),
                         "the preferred terms", node):
        p = k8s_of(ctx, p, "V1WeightedPodAffinityTerm", "a preferred term", node)
        out.append(_pod_term(ctx, p.get("pod_affinity_term"), _weight(ctx, p, node), node))
    if not out:
        raise ctx.error(f"a `{kind}()` without terms is not supported (kfp writes it as `{{}}`)",
                        node)
    return tuple(out)


def _pod_term(ctx: Any, obj: Any, weight: int | None, node: ast.AST) -> PodAffinityTerm:
    term = k8s_of(ctx, obj, "V1PodAffinityTerm", "a pod affinity term", node)
    only(ctx, term, {"label_selector", "namespaces", "topology_key"}, node)
    selector = None
    if term.get("label_selector") is not None:
        ls = k8s_of(ctx, term.get("label_selector"), "V1LabelSelector", "`label_selector`",
                     node)
        only(ctx, ls, {"match_expressions", "match_labels"}, node)
        labels = ls.get("match_labels")
        if labels is not None and (not isinstance(labels, dict) or not labels or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in labels.items())):
            raise ctx.error("`match_labels` must be a dict of strings known when the pipeline "
                            "is compiled, not empty", node)
        selector = LabelSelector(dict(labels or {}), node_requirements(
            ctx, ls.get("match_expressions"), node, "V1LabelSelectorRequirement"))
    namespaces = given_list(ctx, term.get("namespaces"), "`namespaces`", node)
    return PodAffinityTerm(
        _text(ctx, term.get("topology_key"), "the topology key", node), selector,
        tuple(_text(ctx, n, "a namespace", node) for n in namespaces), weight)


__all__ = ["node_requirements", "selector_term", "affinity_v1"]
