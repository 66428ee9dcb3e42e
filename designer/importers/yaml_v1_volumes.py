"""A kfp 1.8.9 ``dsl.VolumeOp`` read back from its resource template (``v1_volumes``
inverted).

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


def read_volume_op(template: dict, name: str, where: tuple
                   ) -> tuple[VolumeComponent, dict[str, Any], dict[str, str]]:
    """(the VolumeOp component, its task's arguments: Constants or ``{{...}}`` text, kfp
    output name -> port)."""
    rw = where + ("resource",)
    resource = template.get("resource")
    if not isinstance(resource, dict) or set(resource) != {"action", "manifest"} or \
            resource.get("action") != "create":
        raise YamlRefusal("a resource step other than a VolumeOp is not read yet", rw)
    try:
        manifest = yaml.safe_load(resource["manifest"])
    except (yaml.YAMLError, ValueError, RecursionError):  # (ValueError: a 5,000-digit int)
        raise YamlRefusal("the resource manifest is not YAML", rw) from None
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
    outputs: dict[str, str] = {}
    for k, o in enumerate((template.get("outputs") or {}).get("parameters") or []):
        path = (o.get("valueFrom") or {}).get("jsonPath") if isinstance(o, dict) else None
        if path not in _OUTPUTS or o.get("name") != f"{name}-{_OUTPUTS[path]}":
            raise YamlRefusal("an output a VolumeOp does not have", where + (
                "outputs", "parameters", k))
        outputs[o["name"]] = _OUTPUTS[path]
    comp = VolumeComponent(new_id(), name, volume_signature(
        sanitize_python_name(name) or "volume", "create", "v1"))
    return comp, {k: v if isinstance(v, str) and "{{" in v else Constant(v)
                  for k, v in args.items()}, outputs
