"""Which KFP concepts a pipeline uses, so that each writer refuses what it cannot write.

Wrong output is the worst failure. The IR can hold more than every compiler, exporter
and runner can write at a given moment (concepts enter the IR first, then each writer);
each writer declares the features it supports, and ``unsupported`` names the first use
of anything else, with where it is, for a one-line refusal.

Feature names:
  container, container:op, container:spec, container:v2   component kinds (by origin)
  volume:create, volume:delete, volume:snapshot            PVC steps (ir.volumes)
  importer                                                 kfp 2 dsl.importer (ir.importer)
  port:path, port:artifact                                 file / artifact passing
  group:condition, group:if, group:loop, group:exit_handler
  arg:loop_item, arg:run_placeholder, arg:concat, arg:collected, arg:one_of
  setting:<TaskSettings field>                             e.g. setting:retry
  conf:<PipelineConf field>                                e.g. conf:parallelism
  pipeline:display_name, pipeline:outputs, pipeline:root
  component:kfp_package_path, component:pip_index_urls, component:target_image
                                                           kfp 2 install options
  subpipeline                                              a pipeline used as a component
                                                           (ir.subpipeline); the features
                                                           used inside it are uses too
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .components import ContainerComponent
from .importer import ImporterComponent
from .model import Collected, Component, Concat, LoopItem, OneOf, Pipeline, RunPlaceholder
from .signature import ARTIFACT, PATH
from .subpipeline import PipelineComponent
from .volumes import VolumeComponent

_ARG_FEATURES = ((LoopItem, "arg:loop_item"), (RunPlaceholder, "arg:run_placeholder"),
                 (Concat, "arg:concat"), (Collected, "arg:collected"), (OneOf, "arg:one_of"))


@dataclass(frozen=True)
class Use:
    """One use of a feature: what, and where (a task id, component id or group id)."""
    feature: str
    what: str                       # a phrase for messages: "task `train`", "component `x`"
    task_id: str | None = None
    component_id: str | None = None
    group_id: str | None = None


def _arg_features(arg: Any) -> Iterator[str]:
    for cls, name in _ARG_FEATURES:
        if isinstance(arg, cls):
            yield name
    if isinstance(arg, Concat):
        for part in arg.parts:
            yield from _arg_features(part)


def uses(p: Pipeline, _seen: tuple = ()) -> Iterator[Use]:
    """Every use of a feature beyond plain function components passing values; inside a
    sub-pipeline too (named by the outer component: a writer refuses the sub-pipeline
    task for what it holds)."""
    used_components = {t.component_id for t in p.tasks}
    for c in p.components:
        if c.id not in used_components:
            continue
        where = dict(what=f"component `{c.python_name}`", component_id=c.id)
        if isinstance(c, PipelineComponent):
            yield Use("subpipeline", **where)
            if any(c.pipeline is q for q in _seen):     # (a cycle: validation reports it)
                continue
            for use in uses(c.pipeline, _seen + (p,)):
                if use.feature == "pipeline:outputs" and use.what == "the pipeline":
                    continue    # (its own outputs are its interface: what the caller reads)
                yield Use(use.feature, f"{use.what} in sub-pipeline `{c.python_name}`",
                          component_id=c.id)
            continue
        if isinstance(c, ContainerComponent):
            yield Use("container", **where)
            yield Use(f"container:{c.origin}", **where)
        for option in (c.install_options() if isinstance(c, Component) else ()):
            yield Use(f"component:{option}", **where)
        if isinstance(c, ImporterComponent):
            # (its artifact output is kfp's declaration, not file passing of its own)
            yield Use("importer", **where)
            continue
        if isinstance(c, VolumeComponent):
            # (its ports are kfp-kubernetes' declaration: CreatePVC's ``name`` is an
            # ``OutputPath(str)`` only a cluster's backend writes; no file passing of its own)
            yield Use(f"volume:{c.action}", **where)
            continue
        ports = list(c.signature.inputs) + list(c.signature.outputs)
        for port in ports:
            if port.passing == PATH:
                yield Use("port:path", **where)
            elif port.passing == ARTIFACT:
                yield Use("port:artifact", **where)
    for t in p.tasks:
        where = dict(what=f"task `{t.name}`", task_id=t.id)
        for arg in t.arguments.values():
            for feature in _arg_features(arg):
                yield Use(feature, **where)
        for name in t.settings.changed():
            yield Use(f"setting:{name}", **where)
    for g in p.groups:
        where = dict(what=f"{g.kind.replace('_', ' ')} group `{g.name or g.id}`", group_id=g.id)
        kind = "group:if" if g.kind == "condition" and g.branch else f"group:{g.kind}"
        yield Use(kind, **where)
        for arg in ((g.condition.left, g.condition.right) if g.condition else ()) + (g.items,):
            for feature in _arg_features(arg):
                yield Use(feature, **where)
    for name in p.conf.changed():
        yield Use(f"conf:{name}", what="the pipeline")
    if p.display_name:
        yield Use("pipeline:display_name", what="the pipeline")
    if p.pipeline_root:
        yield Use("pipeline:root", what="the pipeline")
    if p.outputs:
        yield Use("pipeline:outputs", what="the pipeline")


def features(p: Pipeline) -> set[str]:
    return {u.feature for u in uses(p)}


def unsupported(p: Pipeline, supported: Iterable[str]) -> Use | None:
    """The first use of a feature not in ``supported`` (names or ``prefix:*``), or None."""
    allowed = set(supported)
    prefixes = tuple(a[:-1] for a in allowed if a.endswith("*"))
    for use in uses(p):
        if use.feature not in allowed and not use.feature.startswith(prefixes or ("\0",)):
            return use
    return None


FEATURE_TEXT = {
    "container": "container components", "container:op": "kfp 1 ContainerOp steps",
    "container:spec": "components loaded from YAML", "container:v2": "kfp 2 container components",
    "volume:create": "steps that create a volume (VolumeOp / CreatePVC)",
    "volume:delete": "steps that delete a volume (DeletePVC)",
    "volume:snapshot": "steps that snapshot a volume (VolumeSnapshotOp)",
    "importer": "kfp 2 importers (dsl.importer)",
    "port:path": "file inputs/outputs (InputPath/OutputPath)",
    "port:artifact": "artifacts (Input[...]/Output[...])",
    "group:condition": "conditions", "group:if": "If/Elif/Else branches", "group:loop": "loops",
    "group:exit_handler": "exit handlers", "arg:loop_item": "loop items as arguments",
    "arg:run_placeholder": "run placeholders", "arg:concat": "string expressions",
    "arg:collected": "dsl.Collected", "arg:one_of": "dsl.OneOf",
    "pipeline:display_name": "a pipeline display name", "pipeline:outputs": "pipeline outputs",
    "subpipeline": "sub-pipelines (a pipeline used inside another)",
    "pipeline:root": "a pipeline root",
    "setting:pod_affinity": "pod affinity", "setting:pod_anti_affinity": "pod anti-affinity",
    "conf:dns_config": "a DNS configuration", "setting:sidecars": "sidecars (dsl.Sidecar)",
    "setting:other_limits": "limits of other resources (add_resource_limit)",
    "setting:other_requests": "requests of other resources (add_resource_request)",
    "component:kfp_package_path": "kfp 2's kfp_package_path (what pip installs as kfp)",
    "component:pip_index_urls": "pip index URLs",
    "component:target_image": "a target image (a containerized Python component)",
}


def describe(use: Use) -> str:
    """``task `x` uses retries`` for a refusal message."""
    feature = use.feature
    text = FEATURE_TEXT.get(feature)
    if text is None and ":" in feature:
        kind, name = feature.split(":", 1)
        text = f"the {name.replace('_', ' ')} {'setting' if kind == 'setting' else 'option'}"
    return f"{use.what} uses {text or feature}"


__all__ = ["Use", "uses", "features", "unsupported", "describe", "FEATURE_TEXT"]
