"""One kfp 1.8.9 op and its Argo template (``_op_to_template.py``, ported).

``Op`` is kfp's ``ContainerOp`` (or ``ResourceOp``) as the compiler sees it after the
pipeline function ran and names were sanitised: the k8s container already as JSON (with
``{{inputs.parameters.X}}`` where kfp had serialised PipelineParams), its input parameters,
file inputs and outputs, and the pod-level settings. ``op_to_template`` writes the template
with kfp's key order and sorting; ``v1_ops`` builds the ops from the IR.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .v1_dag import OpNode, Param

SDK_VERSION_LABEL = "pipelines.kubeflow.org/kfp_sdk_version"
KFP_VERSION = "1.8.9"
_POD_LABELS = ((SDK_VERSION_LABEL, KFP_VERSION), ("pipelines.kubeflow.org/pipeline-sdk-type", "kfp"))
# k8s V1Container.attribute_map order: convert_k8s_obj_to_json writes the container's keys so.
CONTAINER_KEYS = ("args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle",
                  "livenessProbe", "name", "ports", "readinessProbe", "resources",
                  "securityContext", "startupProbe", "stdin", "stdinOnce",
                  "terminationMessagePath", "terminationMessagePolicy", "tty", "volumeDevices",
                  "volumeMounts", "workingDir")
_PARAMETER = re.compile("^{{inputs.parameters.*}}$")
_PATCHED_RESOURCES = ("cpu", "memory", "amd.com/gpu", "nvidia.com/gpu")
_KFP_POD_ENV = (("KFP_POD_NAME", "metadata.name"), ("KFP_POD_UID", "metadata.uid"),
                ("KFP_NAMESPACE", "metadata.namespace"),
                ("WORKFLOW_ID", "metadata.labels['workflows.argoproj.io/workflow']"),
                ("KFP_RUN_ID", "metadata.labels['pipeline/runid']"),
                ("ENABLE_CACHING",
                 "metadata.labels['pipelines.kubeflow.org/enable_caching']"))


@dataclass(eq=False)
class Op(OpNode):
    """A kfp op after the pipeline function ran (names sanitised, params as Argo strings)."""
    task_id: str = ""                 # where it came from (source maps)
    component_id: str = ""
    container: dict[str, Any] | None = None      # k8s container JSON (keys: CONTAINER_KEYS)
    resource: dict[str, Any] | None = None       # a ResourceOp's Argo resource
    attribute_outputs: dict[str, str] = field(default_factory=dict)   # ResourceOp outputs
    input_artifact_paths: dict[str, str] = field(default_factory=dict)
    artifact_arguments: dict[str, str] = field(default_factory=dict)
    file_outputs: dict[str, str] = field(default_factory=dict)
    output_artifact_paths: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, Param] = field(default_factory=dict)
    node_selector: dict[str, str] = field(default_factory=dict)
    tolerations: list[dict[str, Any]] = field(default_factory=list)
    affinity: dict[str, Any] | None = None       # V1Affinity as JSON (add_affinity)
    sidecars: list[dict[str, Any]] = field(default_factory=list)   # dsl.Sidecar as JSON
    volumes: list[dict[str, Any]] = field(default_factory=list)
    pod_annotations: dict[str, str] = field(default_factory=dict)
    pod_labels: dict[str, str] = field(default_factory=dict)
    num_retries: int = 0
    retry_policy: str | None = None
    backoff_duration: str | None = None
    backoff_factor: float | None = None
    backoff_max_duration: str | None = None
    timeout: int = 0
    display_name: str | None = None
    enable_caching: bool = True
    max_cache_staleness: str | None = None
    spec_json: str | None = None                 # component_spec annotation (None: no metadata)
    component_ref_json: str | None = None        # component_ref annotation (None: no ref)
    parameter_arguments: dict[str, str] | None = None

    def output_param(self, output: str) -> Param:
        return self.outputs[output]


def apply_transformers(op: Op) -> None:
    """kfp's default op transformers: ``add_pod_env``, then the SDK pod labels (only added
    when the op does not set them)."""
    if op.container is not None and op.pod_labels.get("add-pod-env") == "true":
        env = op.container.setdefault("env", [])
        if "env" not in op.container or env is None:
            op.container["env"] = env = []
        env.extend({"name": name, "valueFrom": {"fieldRef": {"fieldPath": path}}}
                   for name, path in _KFP_POD_ENV)
        reorder_container(op.container)
    for key, value in _POD_LABELS:
        op.pod_labels.setdefault(key, value)


def reorder_container(container: dict[str, Any]) -> None:
    """Put the container's keys back in V1Container's attribute order (after adding one)."""
    items = sorted(container.items(), key=lambda kv: CONTAINER_KEYS.index(kv[0]))
    container.clear()
    container.update(items)


def _inputs(op: Op) -> dict[str, Any]:
    parameters = sorted(({"name": p.full_name} for p in dict.fromkeys(op.inputs)),
                        key=lambda x: x["name"])
    artifacts = []
    if op.container is not None:
        for name, path in op.input_artifact_paths.items():
            artifact: dict[str, Any] = {"name": name, "path": path}
            if name in op.artifact_arguments:
                artifact["raw"] = {"data": str(op.artifact_arguments[name])}
            artifacts.append(artifact)
        artifacts.sort(key=lambda x: x["name"])
    inputs: dict[str, Any] = {}
    if parameters:
        inputs["parameters"] = parameters
    if artifacts:
        inputs["artifacts"] = artifacts
    return inputs


def op_to_template(op: Op) -> dict[str, Any]:
    """``_op_to_template`` (``op`` is updated in place, as kfp does)."""
    if op.display_name:
        op.pod_annotations["pipelines.kubeflow.org/task_display_name"] = op.display_name
    op.pod_labels["pipelines.kubeflow.org/enable_caching"] = str(op.enable_caching).lower()

    unique_outputs = list(dict.fromkeys(op.outputs.values()))
    template: dict[str, Any]
    if op.container is not None:
        output_paths = dict(op.output_artifact_paths)
        output_paths.update(sorted((p.full_name, op.file_outputs[p.name])
                                   for p in unique_outputs))
        output_artifacts = [{"name": n, "path": p} for n, p in output_paths.items()]
        template = {"name": op.name, "container": op.container}
        value_from, param_outputs = "path", op.file_outputs
    else:
        output_artifacts = []
        template = {"name": op.name, "resource": op.resource}
        value_from, param_outputs = "jsonPath", op.attribute_outputs
    inputs = _inputs(op)
    if inputs:
        template["inputs"] = inputs
    output_parameters = sorted(
        ({"name": p.full_name, "valueFrom": {value_from: param_outputs[p.name]}}
         for p in unique_outputs), key=lambda x: x["name"])
    outputs: dict[str, Any] = {}
    if output_parameters:
        outputs["parameters"] = output_parameters
    if output_artifacts:
        outputs["artifacts"] = output_artifacts
    if outputs:
        template["outputs"] = outputs

    patch: dict[str, Any] = {}       # podSpecPatch: settings given by run-time values
    if op.node_selector:
        selector = dict(op.node_selector)
        for key, value in op.node_selector.items():
            if _PARAMETER.match(key) or _PARAMETER.match(str(value)):
                patch.setdefault("nodeSelector", {})[key] = value
                del selector[key]
        template["nodeSelector"] = selector
    if op.tolerations:
        template["tolerations"] = op.tolerations
    if op.affinity:
        template["affinity"] = op.affinity
    if op.pod_annotations or op.pod_labels:
        metadata: dict[str, Any] = {}
        if op.pod_annotations:
            metadata["annotations"] = op.pod_annotations
        if op.pod_labels:
            metadata["labels"] = op.pod_labels
        template["metadata"] = metadata
    if op.num_retries or op.retry_policy:
        retry: dict[str, Any] = {}
        if op.num_retries:
            retry["limit"] = op.num_retries
        if op.retry_policy:
            retry["retryPolicy"] = op.retry_policy
        backoff: dict[str, Any] = {}
        if op.backoff_duration:
            backoff["duration"] = op.backoff_duration
        if op.backoff_factor:
            backoff["factor"] = op.backoff_factor
        if op.backoff_max_duration:
            backoff["maxDuration"] = op.backoff_max_duration
        if backoff:
            retry["backoff"] = backoff
        template["retryStrategy"] = retry
    if op.timeout:
        template["activeDeadlineSeconds"] = op.timeout
    if op.sidecars:
        template["sidecars"] = op.sidecars
    if op.volumes:
        template["volumes"] = sorted(op.volumes, key=lambda v: v["name"])

    if op.container is not None and "resources" in op.container:
        # kfp moves them out of a copy of the container (its JSON), keeping emptied
        # ``resources: {}``.
        resources = {setting: dict(values)
                     for setting, values in op.container["resources"].items()}
        template["container"] = {**op.container, "resources": resources}
        for setting, values in op.container["resources"].items():
            for resource, value in values.items():
                if ((resource in _PATCHED_RESOURCES or _PARAMETER.match(resource))
                        and _PARAMETER.match(str(value))):
                    containers = patch.setdefault("containers", [{"name": "main",
                                                                  "resources": {}}])
                    containers[0]["resources"].setdefault(setting, {})[resource] = value
                    del resources[setting][resource]
                    if not resources[setting]:
                        del resources[setting]

    def annotations() -> dict[str, str]:
        return template.setdefault("metadata", {}).setdefault("annotations", {})

    if op.spec_json is not None:
        annotations()["pipelines.kubeflow.org/component_spec"] = op.spec_json
    if op.component_ref_json is not None:
        annotations()["pipelines.kubeflow.org/component_ref"] = op.component_ref_json
    if op.parameter_arguments:
        annotations()["pipelines.kubeflow.org/arguments.parameters"] = json.dumps(
            op.parameter_arguments, sort_keys=True)
    if op.container is not None and op.max_cache_staleness:
        annotations()["pipelines.kubeflow.org/max_cache_staleness"] = str(op.max_cache_staleness)
    if patch:
        template["podSpecPatch"] = json.dumps(patch)
    return template
