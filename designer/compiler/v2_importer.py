"""kfp 2's importer node as kfp 2.17.3 compiles it (``dsl/importer_node.py`` makes the
component, ``compiler/pipeline_spec_builder.build_importer_spec_for_task`` the executor).

The component: input ``uri`` (a STRING parameter), output ``artifact`` of the class's
schema. The executor (``deploymentSpec.executors.exec-importer``): ``importer`` with
``artifactUri`` (the task's constant URI as ``constant``, else ``runtimeParameter: uri``),
``typeSchema``, ``reimport`` when true and ``metadata`` when not empty (a protobuf
``Struct``: every number is a double, so ``3`` is written ``3.0``). Which form
``artifactUri`` takes depends on the task's argument: ``task_executor`` finishes it.
"""
from __future__ import annotations

from typing import Any

from designer.ir.importer import OUTPUT, URI, ImporterComponent, class_problem
from designer.ir.model import Constant, OutputRef, ParamRef, Task

from .v2_components import ComponentV2, Port, _finish
from .v2_types import STRING, V2TypeError, artifact_type

# Task settings kfp applies to an importer task as to any task; the others set the
# container of a task, which an importer does not have (kfp refuses those).
IMPORTER_SETTINGS = frozenset({"display_name", "enable_caching"})


def _struct(value: Any) -> Any:
    """``value`` as ``struct_pb2.Struct.update`` and MessageToDict give it back."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _struct(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_struct(v) for v in value]
    raise V2TypeError(f"its metadata holds a {type(value).__name__}, which is no JSON value")


def importer_component(comp: ImporterComponent) -> ComponentV2:
    problem = class_problem(comp.artifact_class)
    if problem:
        raise V2TypeError(problem)
    bundled = artifact_type(comp.artifact_class)
    title, version = bundled.split("@")
    body: dict[str, Any] = {"artifactUri": {"runtimeParameter": URI}}
    if comp.metadata:
        body["metadata"] = _struct(comp.metadata)
    if comp.reimport:
        body["reimport"] = True
    body["typeSchema"] = {"schemaTitle": title, "schemaVersion": version}
    inputs = {URI: Port(URI, "String", STRING)}
    outputs = {OUTPUT: Port(OUTPUT, bundled, None)}
    return _finish(comp.kfp_name, inputs, outputs, {"importer": body}, comp.signature,
                   {URI: URI}, {OUTPUT: OUTPUT})


def check_task(task: Task) -> None:
    """What kfp refuses (or what the designer would write wrong) on an importer task."""
    extra = sorted(set(task.settings.changed()) - IMPORTER_SETTINGS)
    if extra:
        raise V2TypeError(f"task `{task.name}` is an importer, which has no container: kfp 2 "
                          f"cannot apply its {extra[0].replace('_', ' ')} setting")
    uri = task.arguments.get(URI)
    if isinstance(uri, Constant) and not isinstance(uri.value, str):
        raise V2TypeError(f"task `{task.name}`: the importer's URI must be a string, not "
                          f"{uri.value!r}")
    if uri is not None and not isinstance(uri, (Constant, ParamRef, OutputRef)):
        raise V2TypeError(f"task `{task.name}`: the importer's URI must be a string, a "
                          "pipeline parameter or a task output (the designer does not "
                          "write other values here)")


def task_executor(task: Task, base: dict) -> dict:
    """The executor of one importer task: its constant URI written in."""
    uri = task.arguments.get(URI)
    if not isinstance(uri, Constant):
        return base
    body = dict(base["importer"])
    body["artifactUri"] = {"constant": uri.value}
    return {"importer": body}


__all__ = ["importer_component", "check_task", "task_executor", "IMPORTER_SETTINGS"]
