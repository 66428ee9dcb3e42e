"""Steps that create or delete a Kubernetes persistent volume claim instead of running a
program: kfp 1 ``dsl.VolumeOp`` and kfp-kubernetes' ``CreatePVC`` / ``DeletePVC`` (kfp 2).

A ``VolumeComponent`` is a component like the others: its tasks take arguments (which may
be pipeline parameters or task outputs) and have outputs, and tasks that mount the claim
say so in their settings (``settings.VolumeMount`` with ``volume_task``).

* origin "v1", action "create": ``dsl.VolumeOp(name=..., resource_name, size,
  storage_class, modes, annotations, data_source, volume_name, generate_unique_name)``.
  ``name`` is the op's name (kfp names the step and the volume after it); the other
  arguments are task arguments under those names (what the call gave; kfp's defaults:
  ``modes`` ReadWriteMany, ``generate_unique_name`` True). Outputs: ``size``, ``name``,
  ``manifest`` (kfp 1 ResourceOp outputs; ``vop.output`` is ``name``). ``vop.volume`` is a claim named by
  the ``name`` output, mounted with ``volume_task`` = the VolumeOp task.
* origin "v2", action "create": ``kubernetes.CreatePVC(access_modes, size, pvc_name,
  pvc_name_suffix, storage_class_name, volume_name, annotations, data_source)``; output
  ``name``. Action "delete": ``kubernetes.DeletePVC(pvc_name)``.
* origin "v1", action "snapshot": ``dsl.VolumeSnapshotOp(name=..., resource_name, pvc,
  snapshot_class, annotations, api_version)``: a VolumeSnapshot of the claim ``pvc`` names
  (``volume=`` a mounted volume: its claim, and the step runs after the tasks that mounted
  it). Outputs as a VolumeOp's (``size`` is the snapshot's restore size); ``snap.snapshot``
  is its ``name`` output, a VolumeOp's ``data_source``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .signature import InputSpec, OutputSpec, Signature

ACTIONS = ("create", "delete")            # kfp-kubernetes' steps (kfp 2)
ALL_ACTIONS = ACTIONS + ("snapshot",)      # and kfp 1's VolumeSnapshotOp

# Ports of each kind of volume step, as kfp declares them.
V1_CREATE_INPUTS = (
    InputSpec("resource_name", has_default=True), InputSpec("size", has_default=True),
    InputSpec("storage_class", has_default=True), InputSpec("modes", has_default=True),
    InputSpec("annotations", has_default=True), InputSpec("data_source", has_default=True),
    InputSpec("volume_name", has_default=True),
    InputSpec("generate_unique_name", default=True, has_default=True))
# In kfp 1's order (VolumeOp's attribute outputs: size, then the ResourceOp's name and
# manifest); ``.output`` is ``name``.
V1_CREATE_OUTPUTS = (OutputSpec("size"), OutputSpec("name"), OutputSpec("manifest"))
V1_SNAPSHOT_INPUTS = (
    InputSpec("resource_name", has_default=True), InputSpec("pvc", has_default=True),
    InputSpec("snapshot_class", has_default=True), InputSpec("annotations", has_default=True),
    InputSpec("api_version", default="snapshot.storage.k8s.io/v1alpha1", has_default=True))
V2_CREATE_INPUTS = (
    InputSpec("access_modes", "List[str]"), InputSpec("size", "str"),
    InputSpec("pvc_name", "Optional[str]", None, True),
    InputSpec("pvc_name_suffix", "Optional[str]", None, True),
    InputSpec("storage_class_name", "Optional[str]", "", True),
    InputSpec("volume_name", "Optional[str]", None, True),
    InputSpec("annotations", "Optional[Dict[str, str]]", None, True),
    InputSpec("data_source", "Optional[Dict[str, str]]", None, True))
V2_CREATE_OUTPUTS = (OutputSpec("name", "dsl.OutputPath(str)", "path", "str", param="name"),)
V2_DELETE_INPUTS = (InputSpec("pvc_name", "str"),)


@dataclass
class VolumeComponent:
    id: str
    name: str                       # kfp 1: the op's name; kfp 2: "CreatePVC"/"DeletePVC"
    signature: Signature
    action: str = "create"          # one of ALL_ACTIONS
    origin: str = "v1"              # "v1" (dsl.VolumeOp) | "v2" (kfp-kubernetes)

    @property
    def kind(self) -> str:
        return "volume"

    @property
    def kfp_name(self) -> str:
        return self.name

    @property
    def python_name(self) -> str:
        return self.signature.function_name


def volume_signature(python_name: str, action: str, origin: str) -> Signature:
    if origin == "v1":
        inputs = V1_SNAPSHOT_INPUTS if action == "snapshot" else V1_CREATE_INPUTS
        return Signature(python_name, inputs, V1_CREATE_OUTPUTS, named_outputs=True)
    if action == "delete":
        return Signature(python_name, V2_DELETE_INPUTS, ())
    return Signature(python_name, V2_CREATE_INPUTS, V2_CREATE_OUTPUTS)


def kubernetes_step(action: str) -> VolumeComponent:
    """A fresh kfp-kubernetes ``CreatePVC`` / ``DeletePVC`` component (what the library adds;
    its id is its name, as a bundled function's is)."""
    name = "CreatePVC" if action == "create" else "DeletePVC"
    return VolumeComponent(name, name, volume_signature(name, action, "v2"), action, "v2")


def claim_makers(tasks, components) -> list[tuple[str, str]]:
    """(task id, task name) of the tasks that create a claim (VolumeOp / CreatePVC)."""
    makers = {c.id for c in components
              if isinstance(c, VolumeComponent) and c.action == "create"}
    # (most pipelines have none: then no task needs a look)
    return [(t.id, t.name) for t in tasks if t.component_id in makers] if makers else []


__all__ = ["ACTIONS", "ALL_ACTIONS", "VolumeComponent", "volume_signature", "kubernetes_step", "claim_makers"]
