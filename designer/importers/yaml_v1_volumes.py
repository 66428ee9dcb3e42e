"""A kfp 1.8.9 ``dsl.VolumeOp`` (or ``dsl.VolumeSnapshotOp``) read back from its resource
template (``v1_volumes`` inverted).

The template's ``resource`` creates a PersistentVolumeClaim whose manifest holds the
VolumeOp's arguments: ``{{workflow.name}}-<resource name>`` (or the name alone:
``generate_unique_name=False``), access modes (left out when kfp's default
``ReadWriteMany``), the storage request (``size``), storage class, annotations, snapshot
data source and volume name. Values given at run time are ``{{inputs.parameters.x}}`` text
in the manifest, which the reader turns into references. The outputs are the claim's
``name``, ``size`` and ``manifest``.
"""
from __future__ import annotations

from typing import Any

import yaml

from designer.ir import Constant
from designer.ir.model import new_id
from designer.ir.naming import sanitize_python_name
from designer.ir.volumes import VolumeComponent, volume_signature

from .yaml_doc import YamlRefusal

_UNIQUE = "{{workflow.name}}-"
_OUTPUTS = {"{.status.capacity.storage}": "size", "{.metadata.name}": "name", "{}": "manifest"}
_SNAPSHOT = {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot"}
_SNAPSHOT_OUTPUTS = {**_OUTPUTS, "{.status.restoreSize}": "size"}
del _SNAPSHOT_OUTPUTS["{.status.capacity.storage}"]
_READY = "status.readyToUse == true"       # VolumeSnapshotOp's success condition


def read_volume_op(template: dict, name: str, where: tuple
                   ) -> tuple[VolumeComponent, dict[str, Any], dict[str, str]]:
    """(the VolumeOp component, its task's arguments: Constants or ``{{...}}`` text, kfp
    output name -> port)."""
    rw = where + ("resource",)
    resource = template.get("resource")
    snapshot = isinstance(resource, dict) and resource.get("successCondition") == _READY
    if not isinstance(resource, dict) or set(resource) != {"action", "manifest"} | (
            {"successCondition"} if snapshot else set()) or resource.get("action") != "create":
        raise YamlRefusal("a resource step other than a VolumeOp is not read yet", rw)
    try:
        manifest = yaml.safe_load(resource["manifest"])
    except (yaml.YAMLError, ValueError, RecursionError):  # (ValueError: a 5,000-digit int)
        raise YamlRefusal("the resource manifest is not YAML", rw) from None
    if snapshot and isinstance(manifest, dict) and manifest.get("kind") == "VolumeSnapshot":
        return _read_snapshot(template, manifest, name, where)
    if not isinstance(manifest, dict) or manifest.get("kind") != "PersistentVolumeClaim" or \
            set(manifest) != {"apiVersion", "kind", "metadata", "spec"}:
        raise YamlRefusal("a resource step other than a VolumeOp is not read yet", rw)
    meta, spec = manifest["metadata"] or {}, manifest["spec"] or {}
    if set(meta) - {"name", "annotations"} or set(spec) - {
            "accessModes", "resources", "dataSource", "storageClassName", "volumeName"} or \
            set(spec.get("resources") or {}) != {"requests"} or \
            set(spec["resources"]["requests"] or {}) != {"storage"}:
        raise YamlRefusal("a claim field a VolumeOp does not write", rw)
    args: dict[str, Any] = {}
    claim = meta.get("name")
    if not isinstance(claim, str):
        raise YamlRefusal("the claim has no name", rw)
    if claim.startswith(_UNIQUE):
        args["resource_name"] = claim[len(_UNIQUE):]
    else:
        args["resource_name"] = claim
        args["generate_unique_name"] = False
    args["size"] = spec["resources"]["requests"]["storage"]
    if spec.get("accessModes") != ["ReadWriteMany"]:
        args["modes"] = spec.get("accessModes")
    if "storageClassName" in spec:
        args["storage_class"] = spec["storageClassName"]
    if "annotations" in meta:
        args["annotations"] = meta["annotations"]
    if "dataSource" in spec:
        source = dict(spec["dataSource"] or {})
        if {k: source.pop(k, None) for k in _SNAPSHOT} != _SNAPSHOT or set(source) != {"name"}:
            raise YamlRefusal("a claim data source other than a volume snapshot", rw)
        args["data_source"] = source["name"]
    if "volumeName" in spec:
        args["volume_name"] = spec["volumeName"]
    return _step(template, name, where, "create", args, _OUTPUTS)


def _read_snapshot(template: dict, manifest: dict, name: str, where: tuple
                   ) -> tuple[VolumeComponent, dict[str, Any], dict[str, str]]:
    """A ``dsl.VolumeSnapshotOp``: a VolumeSnapshot of a claim (``v1_volumes.
    build_snapshot_op`` inverted); ``volume=`` reads back as the claim it named."""
    rw = where + ("resource",)
    meta, spec = manifest.get("metadata") or {}, manifest.get("spec") or {}
    source = spec.get("source") if isinstance(spec, dict) else None
    if set(manifest) != {"apiVersion", "kind", "metadata", "spec"} or not isinstance(
            meta, dict) or set(meta) - {"name", "annotations"} or set(spec) - {
            "source", "snapshotClassName"} or not isinstance(source, dict) or set(source) != {
            "kind", "name"} or source["kind"] != "PersistentVolumeClaim" or not isinstance(
            meta.get("name"), str) or not meta["name"].startswith(_UNIQUE):
        raise YamlRefusal("a volume snapshot field a VolumeSnapshotOp does not write", rw)
    args: dict[str, Any] = {"resource_name": meta["name"][len(_UNIQUE):],
                            "pvc": source["name"]}
    if "snapshotClassName" in spec:
        args["snapshot_class"] = spec["snapshotClassName"]
    if "annotations" in meta:
        args["annotations"] = meta["annotations"]
    if manifest["apiVersion"] != "snapshot.storage.k8s.io/v1alpha1":
        args["api_version"] = manifest["apiVersion"]
    return _step(template, name, where, "snapshot", args, _SNAPSHOT_OUTPUTS)


def _step(template: dict, name: str, where: tuple, action: str, args: dict[str, Any],
          paths: dict[str, str]) -> tuple[VolumeComponent, dict[str, Any], dict[str, str]]:
    """The component, its task's arguments and its outputs (kfp output name -> port)."""
    outputs: dict[str, str] = {}
    for k, o in enumerate((template.get("outputs") or {}).get("parameters") or []):
        path = (o.get("valueFrom") or {}).get("jsonPath") if isinstance(o, dict) else None
        if path not in paths or o.get("name") != f"{name}-{paths[path]}":
            raise YamlRefusal("an output a volume step does not have", where + (
                "outputs", "parameters", k))
        outputs[o["name"]] = paths[path]
    comp = VolumeComponent(new_id(), name, volume_signature(
        sanitize_python_name(name) or "volume", action, "v1"), action)
    return comp, {k: v if isinstance(v, str) and "{{" in v else Constant(v)
                  for k, v in args.items()}, outputs
