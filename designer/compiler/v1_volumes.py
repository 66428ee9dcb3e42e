"""kfp 1.8.9's ``dsl.VolumeOp`` (a resource template that creates a PVC) and
``dsl.VolumeSnapshotOp`` (one that snapshots a PVC).

``VolumeOp(name, resource_name, size, storage_class, modes, annotations, data_source,
volume_name, generate_unique_name)`` is a ``ResourceOp`` whose manifest is a
``V1PersistentVolumeClaim``: named ``{{workflow.name}}-<resource name>`` (unless
``generate_unique_name=False``), ``ReadWriteMany`` unless ``modes`` says otherwise, the
size as its storage request. kfp writes the manifest with PyYAML's own ``yaml.dump``
(sorted keys, block style), not with its workflow dumper. Outputs are read from the created
resource by jsonPath: ``size``, ``name``, ``manifest``. Tasks that mount ``vop.volume`` get a
volume named after the VolumeOp whose claim is its ``name`` output (``v1_settings``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from designer.ir import InputError, Task
from designer.ir.volumes import VolumeComponent

from . import yaml_emit
from .v1_dag import Param, sanitize_k8s_name
from .v1_template import Op

if TYPE_CHECKING:
    from .v1_ops import OpsBuilder

ATTRIBUTE_OUTPUTS = {"size": "{.status.capacity.storage}", "name": "{.metadata.name}",
                     "manifest": "{}"}
_SIZE = re.compile(r"^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$")
_ARGUMENTS = ("resource_name", "size", "storage_class", "modes", "annotations",
              "data_source", "volume_name", "generate_unique_name")
_SNAPSHOT_ARGUMENTS = ("resource_name", "pvc", "snapshot_class", "annotations", "api_version")


@yaml_emit.pyyaml_5_4_1
class _ManifestDumper(yaml.Dumper):
    """``yaml.dump``'s Dumper as PyYAML 5.4.1 (kfp's pin) resolves plain scalars."""


def new_volume_op(op: Op, comp: VolumeComponent, task: Task) -> None:
    """The parts of a VolumeOp (or VolumeSnapshotOp) other tasks refer to: its outputs."""
    if comp.origin != "v1" or comp.action not in ("create", "snapshot"):
        raise InputError(f"task `{task.name}`: a kfp 2 volume step "
                         f"({'CreatePVC' if comp.action == 'create' else 'DeletePVC'}) cannot "
                         "be compiled for KFP v1")
    op.attribute_outputs = dict(ATTRIBUTE_OUTPUTS)
    if comp.action == "snapshot":
        op.attribute_outputs["size"] = "{.status.restoreSize}"
    op.outputs = {name: Param(name, op.name) for name in op.attribute_outputs}
    op.resource = {}


def _values(builder: "OpsBuilder", task: Task, known: tuple[str, ...], what: str
            ) -> tuple[dict[str, Any], dict[str, bool], list[Param]]:
    """The step's arguments as kfp sees them (placeholders for run-time values), whether each
    was a constant, and the parameters they read."""
    unknown = next((n for n in task.arguments if n not in known), None)
    if unknown is not None:
        raise InputError(f"task `{task.name}`: a {what} has no argument `{unknown}`")
    values: dict[str, Any] = {}
    params: list[Param] = []
    literal: dict[str, bool] = {}
    for name, arg in task.arguments.items():
        v = builder.value(arg, task)
        if v.value is not None:
            values[name] = v.value
            literal[name] = not v.params and v.param is None
        params.extend(v.params)
    return values, literal, params


def _resource_name(task: Task, values: dict[str, Any], literal: dict[str, bool],
                   what: str) -> str:
    resource_name = values.get("resource_name")
    if resource_name is None:
        raise InputError(f"task `{task.name}`: a {what} needs a resource_name")
    if literal["resource_name"]:
        resource_name = sanitize_k8s_name(str(resource_name))
    return resource_name


def build_snapshot_op(builder: "OpsBuilder", op: Op, task: Task) -> None:
    """``dsl.VolumeSnapshotOp``'s resource: a VolumeSnapshot of the claim, named
    ``{{workflow.name}}-<resource name>``, ready when ``status.readyToUse == true``."""
    values, literal, params = _values(builder, task, _SNAPSHOT_ARGUMENTS, "VolumeSnapshotOp")
    if not values.get("pvc"):
        raise InputError(f"task `{task.name}`: You must provide a pvc or a volume.")
    metadata: dict[str, Any] = {
        "name": "{{workflow.name}}-%s" % _resource_name(task, values, literal,
                                                        "VolumeSnapshotOp")}
    if "annotations" in values:
        metadata["annotations"] = values["annotations"]
    spec: dict[str, Any] = {"source": {"kind": "PersistentVolumeClaim", "name": values["pvc"]}}
    if values.get("snapshot_class"):
        spec["snapshotClassName"] = values["snapshot_class"]
    manifest = {"apiVersion": values.get("api_version", "snapshot.storage.k8s.io/v1alpha1"),
                "kind": "VolumeSnapshot", "metadata": metadata, "spec": spec}
    op.resource = {"action": "create", "successCondition": "status.readyToUse == true",
                   "manifest": yaml.dump(manifest, Dumper=_ManifestDumper,
                                         default_flow_style=False)}
    op.inputs = list(dict.fromkeys(op.inputs + params))


def build_volume_op(builder: "OpsBuilder", op: Op, task: Task) -> None:
    """The resource template's ``resource``: ``{action: create, manifest: ...}``."""
    values, literal, params = _values(builder, task, _ARGUMENTS, "VolumeOp")
    size = values.get("size")
    if not size:
        raise InputError(f"task `{task.name}`: Please provide size")
    if literal["size"] and (not isinstance(size, str) or _SIZE.match(size) is None):
        raise InputError(f"task `{task.name}`: Invalid memory string. Should be an integer, or "
                         'integer followed by one of "E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki"')
    resource_name = _resource_name(task, values, literal, "VolumeOp")
    unique = values.get("generate_unique_name", True)
    metadata: dict[str, Any] = {
        "name": "{{workflow.name}}-%s" % resource_name if unique else resource_name}
    if "annotations" in values:
        metadata["annotations"] = values["annotations"]
    spec: dict[str, Any] = {"accessModes": values.get("modes") or ["ReadWriteMany"]}
    data_source = values.get("data_source")
    if data_source:
        if not isinstance(data_source, str):
            raise InputError(f"task `{task.name}`: data_source can be one of (str, "
                             "PipelineParam, V1TypedLocalObjectReference).")
        spec["dataSource"] = {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot",
                              "name": data_source}
    spec["resources"] = {"requests": {"storage": size}}
    if "storage_class" in values:
        spec["storageClassName"] = values["storage_class"]
    if "volume_name" in values:
        spec["volumeName"] = values["volume_name"]
    manifest = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": metadata,
                "spec": spec}
    op.resource = {"action": "create",
                   "manifest": yaml.dump(manifest, Dumper=_ManifestDumper,
                                         default_flow_style=False)}
    op.inputs = list(dict.fromkeys(op.inputs + params))
