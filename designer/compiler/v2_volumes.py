"""kfp-kubernetes' ``CreatePVC`` / ``DeletePVC`` steps as kfp 2.17.3 compiles them.

Both are ``@dsl.container_component`` functions of kfp-kubernetes (``kfp/kubernetes/
volume.py``) whose container is a stub image (``argostub/createpvc``,
``argostub/deletepvc``) the Kubeflow backend recognises and replaces by the claim's
creation or deletion. kfp compiles them like any container component: the interface comes
from the function's signature and its docstring (the descriptions in
``inputDefinitions``). So the designer keeps those two functions' signatures and
docstrings here, exactly as kfp-kubernetes 2.17.3 has them (Apache License 2.0, The
Kubeflow Authors), and compiles a volume step as the container component they declare.

A kfp 1 ``dsl.VolumeOp`` is refused: kfp 2 has no VolumeOp (it has CreatePVC).
"""
from __future__ import annotations

from designer.ir.components import ContainerComponent
from designer.ir.signature import signature_from_source
from designer.ir.volumes import VolumeComponent

from .v2_components import ComponentV2, container_component
from .v2_types import V2TypeError

# kfp-kubernetes 2.17.3, kfp/kubernetes/volume.py (the functions' bodies aside).
_CREATE_PVC = '''
def CreatePVC(
    name: dsl.OutputPath(str),
    access_modes: List[str],
    size: str,
    pvc_name: Optional[str] = None,
    pvc_name_suffix: Optional[str] = None,
    storage_class_name: Optional[str] = '',
    volume_name: Optional[str] = None,
    annotations: Optional[Dict[str, str]] = None,
    data_source: Optional[Dict[str, str]] = None,
):
    """Create a PersistentVolumeClaim, which can be used by downstream tasks.

    Standard Kubernetes ``access_modes`` values include ``ReadWriteOnce``,
    ``ReadOnlyMany``, ``ReadWriteMany``, and ``ReadWriteOncePod``. See
    `access modes
    <https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes>`_
    for details.

    See `PersistentVolume
    <https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistent-volumes>`_
    and `PersistentVolumeClaim
    <https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims>`_
    documentation for more information about the component input parameters.

    Args:
        access_modes: Values for ``PersistentVolumeClaim.spec.accessModes``.
        size: The size of storage requested by the PVC that will be
            provisioned. For example, ``'5Gi'``. Corresponds to
            `PersistentVolumeClaim.spec.resources.requests.storage
            <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#PersistentVolumeClaimSpec>`_.
        pvc_name: Name of the PVC. Corresponds to
            `PersistentVolumeClaim.metadata.name
            <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#PersistentVolumeClaim>`_.
            Only one of ``pvc_name`` and ``pvc_name_suffix`` can be provided.
        pvc_name_suffix: Prefix to use for a dynamically generated name, which
            will take the form ``<argo-workflow-name>-<pvc_name_suffix>``. Only
            one of ``pvc_name`` and ``pvc_name_suffix`` can be provided.
        storage_class_name: Name of StorageClass from which to provision the PV
            to back the PVC. ``None`` indicates to use the cluster's default
            storage_class_name. Set to ``''`` for a statically specified PVC.
        volume_name: Pre-existing PersistentVolume that should back the
            provisioned PersistentVolumeClaim. Used for statically
            specified PV only. Corresponds to
            `PersistentVolumeClaim.spec.volumeName
            <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#PersistentVolumeClaimSpec>`_.
        annotations: Annotations for the PVC's metadata. Corresponds to
            `PersistentVolumeClaim.metadata.annotations
            <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#PersistentVolumeClaim>`_.
        data_source: Specifies the data source for the PVC. This can be used to
            create a PVC from a VolumeSnapshot or to clone an existing PVC.
            Should be a dictionary with ``'apiGroup'``, ``'kind'``, and
            ``'name'`` keys. For example:
            ``{'apiGroup': 'snapshot.storage.k8s.io', 'kind': 'VolumeSnapshot', 'name': 'my-snapshot'}``.
            Corresponds to `PersistentVolumeClaim.spec.dataSource
            <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#PersistentVolumeClaimSpec>`_.

    Returns:
        ``name: str`` \\n\\t\\t\\tName of the generated PVC.
    """
'''

_DELETE_PVC = '''
def DeletePVC(pvc_name: str):
    """Delete a PersistentVolumeClaim.

    Args:
        pvc_name: Name of the PVC to delete. Supports passing a runtime-generated name, such as a name provided by ``kubernetes.CreatePvcOp().outputs['name']``.
    """
'''

_IMAGES = {"create": "argostub/createpvc", "delete": "argostub/deletepvc"}
# The functions as kfp-kubernetes declares them, by action (their words are code, not UI).
SOURCES = {"create": _CREATE_PVC, "delete": _DELETE_PVC}


def _equivalent(action: str) -> ContainerComponent:
    source = _CREATE_PVC if action == "create" else _DELETE_PVC
    sig = signature_from_source(source.strip("\n") + "\n    pass\n")
    return ContainerComponent("", sig.function_name, sig, _IMAGES[action], origin="v2",
                              function_source=source)


_COMPILED: dict[str, ComponentV2] = {}


def volume_component(comp: VolumeComponent) -> ComponentV2:
    """The compiled component of a volume step (the same for every CreatePVC / DeletePVC)."""
    if comp.origin != "v2":
        raise V2TypeError("it is a kfp 1 dsl.VolumeOp, which kfp 2 does not have (use "
                          "kfp-kubernetes' CreatePVC)")
    if comp.action not in _IMAGES:
        raise V2TypeError(f"kfp-kubernetes has no volume step that does {comp.action!r}")
    compiled = _COMPILED.get(comp.action)
    if compiled is None:
        compiled = _COMPILED[comp.action] = container_component(_equivalent(comp.action))
    return compiled


__all__ = ["volume_component", "SOURCES"]
