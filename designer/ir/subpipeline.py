"""A pipeline used inside another pipeline: a kfp 2 sub-pipeline (a ``@dsl.pipeline``
function called in a pipeline body, kfp's ``GraphComponent``).

``PipelineComponent`` is a component like the others: tasks use it by id, pass it
arguments and read its outputs. Its implementation is a whole IR ``Pipeline`` (``pipeline``)
with its own parameters, components, tasks, groups and outputs, in its own id space (ids
inside never refer to the outer pipeline, and the outer never refers inside). Its interface
is derived, never stored, so the two cannot disagree:

* inputs: the inner pipeline's parameters (name, annotation, default, description);
* outputs: the inner pipeline's ``outputs`` (one returned value is ``Output``), each typed
  as what produces it (the IR keeps no return annotation).

kfp compiles the inner pipeline on its own first and then folds its components and
executors into the outer spec (``compiler.pipeline_spec_builder.
merge_deployment_spec_and_component_spec``); the component's kfp name is the inner
pipeline's name (``@dsl.pipeline(name=)`` or the function name), its Python name the
function's. A pipeline may not contain itself, directly or through others: ``cycle``
finds that (validation reports it; the project file cannot hold one, being a tree).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from .signature import ARTIFACT, ARTIFACT_TYPES, VALUE, InputSpec, OutputSpec, Signature

if TYPE_CHECKING:
    from .model import Pipeline

# A project file holds sub-pipelines nested at most this deep (a pipeline inside a pipeline
# inside ...); the compilers recurse once per level.
MAX_NESTING = 16


def _artifact(annotation: str | None) -> bool:
    text = (annotation or "").strip()
    for prefix in ("typing.Optional[", "Optional[", "typing.List[", "List[", "list["):
        if text.startswith(prefix) and text.endswith("]"):
            text = text[len(prefix):-1].strip()
    for prefix in ("Input[", "dsl.Input["):
        if text.startswith(prefix) and text.endswith("]"):
            text = text[len(prefix):-1].strip()
    return text.rsplit(".", 1)[-1] in ARTIFACT_TYPES


# A parameter kfp 2 fills itself when the pipeline is the exit task of an ExitHandler (its
# callers pass nothing): the type a function component's such input has too.
FINAL_STATUS = "PipelineTaskFinalStatus"


def _final_status(annotation: str | None) -> bool:
    return (annotation or "").strip().rsplit(".", 1)[-1] == FINAL_STATUS


@dataclass
class PipelineComponent:
    """The pipeline ``pipeline`` used as a component (see the module docstring). Compared
    (and printed) field by field, the inner pipeline included, like the other components:
    the IR is a tree (``cycle`` finds a pipeline that contains itself, which only code can
    build: neither the importers nor the project file can)."""
    id: str
    pipeline: "Pipeline"

    @property
    def kind(self) -> str:
        return "pipeline"

    @property
    def name(self) -> str:
        return self.pipeline.name

    @property
    def kfp_name(self) -> str:
        return self.pipeline.name

    @property
    def python_name(self) -> str:
        return self.pipeline.python_function_name()

    @property
    def signature(self) -> Signature:
        return pipeline_signature(self.pipeline)


def output_port(p: "Pipeline", name: str, arg: Any) -> OutputSpec:
    """The port of pipeline output ``name`` returning ``arg``, typed as its producer's."""
    from .model import Collected, OneOf, OutputRef
    ref = arg.ref if isinstance(arg, Collected) else arg.refs[0] if isinstance(
        arg, OneOf) and arg.refs else arg if isinstance(arg, OutputRef) else None
    produced = None
    if ref is not None:
        task = p.task(ref.task_id)
        comp = p.component(task.component_id) if task is not None else None
        produced = comp.signature.output(ref.output) if comp is not None else None
    annotation = produced.annotation if produced is not None else None
    passing = produced.passing if produced is not None else VALUE
    kfp_type = produced.type if produced is not None else None
    if isinstance(arg, Collected) and annotation is not None:
        annotation = f"List[{annotation}]"
    if passing != VALUE and passing != ARTIFACT:     # a file output reads as its value
        passing = VALUE
    return OutputSpec(name, annotation, passing, kfp_type)


def pipeline_signature(p: "Pipeline") -> Signature:
    inputs = tuple(InputSpec(prm.name, prm.annotation, prm.default, prm.has_default,
                             ARTIFACT if _artifact(prm.annotation) else VALUE,
                             FINAL_STATUS if _final_status(prm.annotation) else None,
                             description=prm.description)
                   for prm in p.params)
    outputs = tuple(output_port(p, name, arg) for name, arg in p.outputs.items())
    named = bool(p.outputs) and list(p.outputs) != ["Output"]
    return Signature(p.python_function_name(), inputs, outputs, named_outputs=named)


def sub_pipelines(p: "Pipeline") -> Iterator[PipelineComponent]:
    """The sub-pipeline components of ``p`` (its own, not theirs)."""
    return (c for c in p.components if isinstance(c, PipelineComponent))


def cycle(p: "Pipeline") -> list[str] | None:
    """The names along a chain of sub-pipelines that comes back to one of its own
    pipelines (``["a", "b", "a"]``), or one nested deeper than MAX_NESTING; else None."""
    def walk(q: "Pipeline", path: list["Pipeline"]) -> list[str] | None:
        if any(q is r for r in path):
            return [r.name for r in path[next(i for i, r in enumerate(path) if r is q):]] \
                + [q.name]
        if len(path) >= MAX_NESTING:
            return [r.name for r in path] + [q.name]
        for comp in sub_pipelines(q):
            found = walk(comp.pipeline, path + [q])
            if found:
                return found
        return None

    return walk(p, [])


def shape(p: "Pipeline") -> Any:
    """``p`` as nested tuples with every id (its own and its sub-pipelines') replaced by its
    place: two readings of one pipeline have the same shape (``same_pipeline``)."""
    from dataclasses import fields, is_dataclass
    labels: dict[str, str] = {}

    def label(q: "Pipeline", prefix: str) -> None:
        for kind, items in (("t", q.tasks), ("g", q.groups), ("c", q.components)):
            labels.update({x.id: f"{prefix}{kind}{i}" for i, x in enumerate(items)})
        for i, c in enumerate(q.components):
            if isinstance(c, PipelineComponent):
                label(c.pipeline, f"{prefix}c{i}.")

    def walk(v: Any) -> Any:
        if is_dataclass(v) and not isinstance(v, type):
            return (type(v).__name__,) + tuple(walk(getattr(v, f.name)) for f in fields(v))
        if isinstance(v, dict):
            return ("dict",) + tuple((walk(k), walk(x)) for k, x in v.items())
        if isinstance(v, (list, tuple)):
            return (type(v).__name__,) + tuple(walk(x) for x in v)
        if isinstance(v, str):
            return labels.get(v, v)
        return v

    label(p, "")
    return walk(p)


def same_pipeline(a: "Pipeline", b: "Pipeline") -> bool:
    """The same pipeline up to ids."""
    return a is b or shape(a) == shape(b)


def depth(p: "Pipeline") -> int:
    """How many pipelines deep ``p`` nests (1: no sub-pipeline). Assumes no cycle."""
    return 1 + max((depth(c.pipeline) for c in sub_pipelines(p)), default=0)


__all__ = ["PipelineComponent", "pipeline_signature", "output_port", "sub_pipelines",
           "cycle", "depth", "shape", "same_pipeline", "MAX_NESTING", "FINAL_STATUS"]
