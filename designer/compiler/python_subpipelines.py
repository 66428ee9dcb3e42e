"""Sub-pipelines in the Python export (kfp 2): each pipeline used as a component is written as
its own ``@dsl.pipeline`` function, before the pipelines that call it (kfp compiles a pipeline
when it is decorated, so what it calls must exist by then), and the components of every
level once, before all pipelines.

A component is written once for all levels when the levels hold the same one (same Python
name, same content: the importer gives each level its own copy); two different components
with one name, or a sub-pipeline whose function name is taken, are refused: one module
cannot hold both.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from designer.ir import Pipeline
from designer.ir.errors import InputError
from designer.ir.subpipeline import PipelineComponent, same_pipeline, sub_pipelines
from designer.ir.validate import is_identifier


def _fail(message: str) -> InputError:
    return InputError(f"cannot export the pipeline: {message}")


def _same(a: Any, b: Any) -> bool:
    """The same component up to its id (each level read has its own copy)."""
    return a is b or (type(a) is type(b) and replace(a, id=b.id) == b)


def flatten(p: Pipeline) -> tuple[list[Any], list[PipelineComponent]]:
    """(every component of every level but sub-pipelines, once; the sub-pipelines, each
    after the ones it uses)."""
    components: dict[str, Any] = {}
    subs: dict[str, PipelineComponent] = {}

    def add(comp: Any, where: str) -> None:
        # (every importer is a call of ``dsl.importer``: none defines a name of the module)
        key = f"importer:{comp.id}" if getattr(comp, "kind", "") == "importer" \
            else comp.python_name
        seen = components.get(key)
        if seen is None:
            components[key] = comp
        elif not _same(seen, comp):
            raise _fail(f"two different components are named `{comp.python_name}` ({where}); "
                        "one module cannot define both: rename one")

    def visit(q: Pipeline, where: str) -> None:
        used = {t.component_id for t in q.tasks}
        for comp in q.components:       # (the caller's order first: a file reads back alike)
            if not isinstance(comp, PipelineComponent) and (comp.id in used or q is p):
                add(comp, where)
        for comp in sub_pipelines(q):
            seen = subs.get(comp.python_name)
            if seen is not None:
                if not same_pipeline(seen.pipeline, comp.pipeline):
                    raise _fail(f"two different pipelines are named `{comp.python_name}`; "
                                "one module cannot define both: rename one")
                continue
            visit(comp.pipeline, f"in sub-pipeline `{comp.python_name}`")
            subs[comp.python_name] = comp

    try:
        visit(p, "in the pipeline")
    finally:
        # A recursive closure is a reference cycle (the function holds the cell that holds
        # it), and it holds ``p``: left, a whole pipeline waits for the cyclic collector.
        visit = None  # noqa: F841
    for name in subs:
        if not is_identifier(name):
            raise _fail(f"the sub-pipeline function name `{name}` is not a Python name")
        if name in components:
            raise _fail(f"sub-pipeline `{name}` has the name of a component; rename one")
    return list(components.values()), list(subs.values())


__all__ = ["flatten"]
