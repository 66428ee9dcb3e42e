"""Task settings -> what kfp 1.8.9's ``BaseOp``/``ContainerOp``/``Container`` methods set.

Each IR setting is the kfp 1 call a person writes, with kfp's validation and messages:
``set_display_name``, ``set_caching_options`` / ``execution_options.caching_strategy.
max_cache_staleness``, ``set_retry``, ``set_timeout``, ``set_cpu_request/limit``,
``set_memory_request/limit``, ``set_gpu_limit(n, vendor)``, ``add_node_selector_constraint``,
``add_toleration(V1Toleration)``, ``add_affinity(V1Affinity)`` (node affinity, pod affinity
and anti-affinity), ``container.add_env_variable(V1EnvVar)`` (a value, a
secret key, a config map key or a field of the pod),
``add_pvolumes({path: PipelineVolume(pvc=...)})``,
``add_pod_label``, ``add_pod_annotation``, ``container.set_image_pull_policy``,
``add_sidecar(dsl.Sidecar)``.

kfp writes resource requests and limits in the order of the calls;
``TaskSettings.resource_order`` says it (fields it does not list follow in field order: cpu, memory, then the GPU).
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from designer.ir import InputError, OutputRef, ParamRef, Task
from designer.ir.settings import (DnsConfig, EnvVar, NodeAffinityTerm, NodeRequirement,
                                  PodAffinityTerm, Sidecar, TaskSettings, Toleration,
                                  VolumeMount)

from .v1_template import Op, reorder_container

if TYPE_CHECKING:
    from .v1_ops import OpsBuilder

RETRY_POLICIES = ("Always", "OnError", "OnFailure", "OnTransientError")
PULL_POLICIES = ("Always", "Never", "IfNotPresent")
_SIZE = re.compile(r"^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$")


def _error(task: Task, message: str) -> InputError:
    return InputError(f"task `{task.name}`: {message}")


def _cpu(task: Task, value: str) -> str:
    text = str(value)
    if re.match(r"^[0-9]+m$", text) is None:
        try:
            float(text)
        except ValueError:
            raise _error(task, 'Invalid cpu string. Should be float or integer, or integer '
                         'followed by "m".') from None
    return value


def _size(task: Task, value: str) -> str:
    if not isinstance(value, str) or _SIZE.match(value) is None:
        raise _error(task, 'Invalid memory string. Should be an integer, or integer followed by '
                     'one of "E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki"')
    return value


def _gpu_limit(task: Task, value: Any) -> Any:
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise _error(task, "Invalid gpu. Should be integer.") from None
    if count <= 0:
        raise _error(task, "gpu must be positive integer.")
    return value


def _gpu_key(task: Task, accelerator: Any) -> str:
    if accelerator is not None and not isinstance(accelerator, str):
        # kfp 2 takes the accelerator type from a pipeline value; kfp 1.8.9 keys the GPU
        # limit by vendor text (set_gpu_limit(..., vendor)): refused, not a traceback.
        raise _error(task, "the accelerator type comes from a pipeline value; kfp 1.8.9 needs "
                     "the GPU vendor as text (nvidia or amd)")
    vendor = "nvidia" if accelerator is None else accelerator
    for suffix in (".com/gpu",):
        if vendor.endswith(suffix):
            vendor = vendor[:-len(suffix)]
    if vendor not in ("nvidia", "amd"):
        raise _error(task, f"accelerator `{accelerator}`: kfp 1.8.9 sets GPU limits for the "
                     "vendors nvidia and amd only (set_gpu_limit: nvidia.com/gpu, amd.com/gpu)")
    return f"{vendor}.com/gpu"


def _toleration(t: Toleration) -> dict[str, Any]:
    """``V1Toleration`` as JSON (attribute order: effect, key, operator, seconds, value)."""
    out: dict[str, Any] = {}
    for key, value in (("effect", t.effect), ("key", t.key), ("operator", t.operator),
                       ("tolerationSeconds", t.toleration_seconds), ("value", t.value)):
        if value is not None:
            out[key] = value
    return out


def _requirements(rs: tuple[NodeRequirement, ...]) -> list[dict[str, Any]]:
    # V1NodeSelectorRequirement(key, operator, values) as JSON (no values: left out)
    return [{"key": r.key, "operator": r.operator, **({"values": list(r.values)}
                                                     if r.values else {})} for r in rs]


def _selector_term(t: NodeAffinityTerm) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.match_expressions:
        out["matchExpressions"] = _requirements(t.match_expressions)
    if t.match_fields:
        out["matchFields"] = _requirements(t.match_fields)
    return out


def _pod_terms(terms: tuple[PodAffinityTerm, ...]) -> dict[str, Any]:
    """``V1PodAffinity`` / ``V1PodAntiAffinity`` as JSON: weighted terms are
    ``V1WeightedPodAffinityTerm``s, the others required (attribute order, as kfp's
    ``convert_k8s_obj_to_json`` writes them)."""
    def term(t: PodAffinityTerm) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if t.label_selector is not None:
            selector: dict[str, Any] = {}
            if t.label_selector.match_expressions:
                selector["matchExpressions"] = _requirements(t.label_selector.match_expressions)
            if t.label_selector.match_labels:
                selector["matchLabels"] = dict(t.label_selector.match_labels)
            out["labelSelector"] = selector
        if t.namespaces:
            out["namespaces"] = list(t.namespaces)
        out["topologyKey"] = t.topology_key
        return out
    preferred = [{"podAffinityTerm": term(t), "weight": t.weight}
                 for t in terms if t.weight is not None]
    required = [term(t) for t in terms if t.weight is None]
    out: dict[str, Any] = {}
    if preferred:
        out["preferredDuringSchedulingIgnoredDuringExecution"] = preferred
    if required:
        out["requiredDuringSchedulingIgnoredDuringExecution"] = required
    return out


def _affinity(task: Task, s: TaskSettings) -> dict[str, Any]:
    """The one ``add_affinity(V1Affinity(...))`` call (kfp keeps the last): node affinity,
    pod affinity, pod anti-affinity."""
    out: dict[str, Any] = {}
    if s.node_affinity:
        out["nodeAffinity"] = _node_affinity(task, s.node_affinity)
    if s.pod_affinity:
        out["podAffinity"] = _pod_terms(s.pod_affinity)
    if s.pod_anti_affinity:
        out["podAntiAffinity"] = _pod_terms(s.pod_anti_affinity)
    return out


def _node_affinity(task: Task, terms: tuple[NodeAffinityTerm, ...]) -> dict[str, Any]:
    """``V1NodeAffinity(...)``: required terms are the node selector terms, weighted ones
    preferred scheduling terms (attribute order)."""
    node: dict[str, Any] = {}
    required, preferred = [], []
    for t in terms:
        if t.json is not None:
            raise _error(task, "sets its node affinity from JSON (kfp-kubernetes "
                         "add_node_affinity_json), which kfp 1.8.9 does not have")
        if t.weight is None:
            required.append(_selector_term(t))
        else:
            preferred.append({"preference": _selector_term(t), "weight": t.weight})
    if preferred:
        node["preferredDuringSchedulingIgnoredDuringExecution"] = preferred
    if required:
        node["requiredDuringSchedulingIgnoredDuringExecution"] = {"nodeSelectorTerms": required}
    return node


def _sidecar(builder: "OpsBuilder", op: Op, sc: Sidecar, task: Task) -> dict[str, Any]:
    """``dsl.Sidecar(...)`` as kfp writes it (``UserContainer``'s attribute order: args,
    command, image, name, mirrorVolumeMounts); its pipeline values become the op's inputs."""
    def text(value: Any) -> Any:
        return _run_time(builder, op, value, task)
    out: dict[str, Any] = {}
    if sc.args:
        out["args"] = [text(a) for a in sc.args]
    if sc.command:
        out["command"] = [text(c) for c in sc.command]
    out["image"] = text(sc.image)
    out["name"] = sc.name
    if sc.mirror_volume_mounts is not None:
        out["mirrorVolumeMounts"] = sc.mirror_volume_mounts
    return out


def dns_config_json(dns: DnsConfig) -> dict[str, Any]:
    """``PipelineConf.set_dns_config(V1PodDNSConfig(...))`` as kfp writes it into the
    workflow's ``spec.dnsConfig`` (attribute order; an option without a value has none)."""
    out: dict[str, Any] = {}
    if dns.nameservers:
        out["nameservers"] = list(dns.nameservers)
    if dns.options:
        out["options"] = [{"name": o.name, **({"value": o.value} if o.value is not None
                                               else {})} for o in dns.options]
    if dns.searches:
        out["searches"] = list(dns.searches)
    return out


def serialized_param(builder: "OpsBuilder", arg: Any, task: Task) -> str:
    """A reference as kfp serialises it into strings while the pipeline function runs
    (``str(PipelineParam)``): output names are still unsanitised then."""
    if isinstance(arg, ParamRef):
        return "{{pipelineparam:op=;name=%s}}" % builder.value(arg, task).param.name
    if isinstance(arg, OutputRef):
        name = builder.output_name(arg.task_id, arg.output, task)
        return "{{pipelineparam:op=%s;name=%s}}" % (builder.op_by_task[arg.task_id].name, name)
    raise _error(task, f"a volume claim name cannot be {type(arg).__name__}")


def pvolume_name(claim: str) -> str:
    """``PipelineVolume(pvc=claim).name``: a hash of the volume's dict."""
    volume = {"name": "pvolume-placeholder", "persistent_volume_claim": {"claim_name": claim}}
    digest = hashlib.sha256(json.dumps(volume, sort_keys=True).encode("utf-8")).hexdigest()
    return f"pvolume-{digest}"[:63]


def _env(builder: "OpsBuilder", op: Op, var: EnvVar, task: Task) -> dict[str, Any]:
    if (var.secret is not None) + (var.config_map is not None) + (var.value is not None) + (
            var.field_path is not None) > 1:
        raise _error(task, f"environment variable `{var.name}` has more than one source")
    if var.optional and var.secret is None and var.config_map is None:
        raise _error(task, f"environment variable `{var.name}` is optional, which only one "
                     "read from a secret or config map can be")
    if var.field_path is not None:
        # V1EnvVar(value_from=V1EnvVarSource(field_ref=V1ObjectFieldSelector(field_path=)))
        return {"name": var.name, "valueFrom": {"fieldRef": {"fieldPath": var.field_path}}}
    if var.secret is not None or var.config_map is not None:
        ref: dict[str, Any] = {}
        if var.key is not None:
            ref["key"] = _run_time(builder, op, var.key, task)
        ref["name"] = _run_time(builder, op, var.secret if var.secret is not None
                                else var.config_map, task)
        if var.optional:
            ref["optional"] = True
        kind = "secretKeyRef" if var.secret is not None else "configMapKeyRef"
        return {"name": var.name, "valueFrom": {kind: ref}}
    out: dict[str, Any] = {"name": var.name}
    if var.value is not None:
        if isinstance(var.value, (str, int, float, bool)):
            out["value"] = var.value
        else:
            v = builder.value(var.value, task)
            op.inputs = list(dict.fromkeys(list(op.inputs) + list(v.params)))
            out["value"] = v.value
    return out


def _volume(builder: "OpsBuilder", op: Op, mount: VolumeMount, task: Task) -> None:
    """``add_pvolumes({path: PipelineVolume(pvc=claim)})``, or ``add_volume(V1Volume(name,
    source))`` with ``container.add_volume_mount(V1VolumeMount(name, path, ...))``."""
    volume: dict[str, Any]
    if mount.medium is not None or mount.size_limit is not None:
        raise _error(task, f"the empty dir at `{mount.mount_path}` sets a medium or size limit "
                     "(kfp-kubernetes empty_dir_mount), which the designer writes for kfp 2 only")
    if mount.optional and mount.source not in ("secret", "config_map"):
        raise _error(task, f"the volume at `{mount.mount_path}` is optional, which only a "
                     "secret or config map can be")
    if mount.source == "ephemeral":
        raise _error(task, f"mounts a generic ephemeral volume at `{mount.mount_path}` "
                     "(kfp-kubernetes add_ephemeral_volume), which the designer writes for "
                     "kfp 2 only")
    if mount.volume_task is not None:
        # ``vop.volume``: PipelineVolume(name=<the VolumeOp's name>, pvc=vop.outputs["name"]).
        vop = builder.op_by_task.get(mount.volume_task)
        if vop is None or vop.resource is None or mount.source != "pvc":
            raise _error(task, f"the volume at `{mount.mount_path}` comes from a task that "
                         "does not create one")
        claim = mount.name if mount.name is not None else OutputRef(mount.volume_task, "name")
        name = mount.volume_name or vop.name
        volume = {"name": name, "persistentVolumeClaim": {
            "claimName": _run_time(builder, op, claim, task)}}
    elif mount.source == "pvc":
        if mount.name is None:
            raise _error(task, f"the volume at `{mount.mount_path}` has no claim name")
        if isinstance(mount.name, str):
            claim, value = mount.name, mount.name
        else:
            claim = serialized_param(builder, mount.name, task)
            v = builder.value(mount.name, task)
            op.inputs = list(dict.fromkeys(list(op.inputs) + list(v.params)))
            value = v.value
        name = mount.volume_name or pvolume_name(claim)
        volume = {"name": name, "persistentVolumeClaim": {"claimName": value}}
    else:
        name = mount.volume_name
        if name is None or (mount.source != "empty_dir" and not isinstance(mount.name, str)):
            raise _error(task, f"the {mount.source.replace('_', ' ')} volume at "
                         f"`{mount.mount_path}` needs a volume name and a literal source name")
        optional = {"optional": True} if mount.optional else {}
        if mount.source == "secret":
            volume = {"name": name, "secret": {**optional, "secretName": mount.name}}
        elif mount.source == "config_map":
            volume = {"configMap": {"name": mount.name, **optional}, "name": name}
        elif mount.source == "empty_dir":
            volume = {"emptyDir": {}, "name": name}
        elif mount.source == "host_path":     # V1HostPathVolumeSource(path=): node's folder
            volume = {"hostPath": {"path": mount.name}, "name": name}
        else:
            raise _error(task, f"mounts a `{mount.source}` volume, which kfp 1 does not have")
    op.volumes.append(volume)
    volume_mount: dict[str, Any] = {"mountPath": mount.mount_path, "name": name}
    if mount.read_only:
        volume_mount["readOnly"] = True
    if mount.sub_path is not None:
        volume_mount["subPath"] = mount.sub_path
    op.container.setdefault("volumeMounts", []).append(volume_mount)


_RESOURCES = ("cpu_request", "memory_request", "cpu_limit", "memory_limit", "accelerator_limit")


def _resource_order(s: TaskSettings) -> list[str]:
    # set_gpu_limit(count, vendor) sets both accelerator fields in one call.
    named = ("accelerator_limit" if n == "accelerator_type" else n for n in s.resource_order)
    listed = [n for n in dict.fromkeys(named) if n in _RESOURCES]
    return listed + [n for n in _RESOURCES if n not in listed]


def _run_time(builder: "OpsBuilder", op: Op, value: Any, task: Task) -> Any:
    """A setting's value: as written, or the Argo placeholder of a reference (which the op
    then reads: kfp finds PipelineParams anywhere in its container and pod settings)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    v = builder.value(value, task)
    op.inputs = list(dict.fromkeys(list(op.inputs) + list(v.params)))
    return v.value


def _resources(builder: "OpsBuilder", op: Op, s: TaskSettings, task: Task) -> None:
    """``set_cpu_request``... in call order; values from run-time references are not
    validated (kfp skips PipelineParams) and move to the pod spec patch later."""
    requests: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    if s.accelerator_type is not None and s.accelerator_limit is None:
        raise _error(task, f"accelerator `{s.accelerator_type}` without a count: kfp 1.8.9 "
                     "sets GPUs with set_gpu_limit(count, vendor)")
    for name in _resource_order(s):
        value = getattr(s, name)
        if value is None:
            continue
        literal = isinstance(value, (str, int, float, bool))
        text = _run_time(builder, op, value, task)
        if name == "cpu_request":
            requests["cpu"] = _cpu(task, text) if literal else text
        elif name == "memory_request":
            requests["memory"] = _size(task, text) if literal else text
        elif name == "cpu_limit":
            limits["cpu"] = _cpu(task, text) if literal else text
        elif name == "memory_limit":
            limits["memory"] = _size(task, text) if literal else text
        elif literal:
            limits[_gpu_key(task, s.accelerator_type)] = _gpu_limit(task, text)
        else:
            # set_gpu_limit(param, vendor) skips its checks and sets the limit under the
            # vendor's bare name ({nvidia: ...}): a kfp 1.8.9 quirk, kept.
            limits[_gpu_key(task, s.accelerator_type).split(".")[0]] = text
    # add_resource_limit / add_resource_request of other resources (written after these)
    for kind, others, into in (("limit", s.other_limits, limits),
                               ("request", s.other_requests, requests)):
        for key, value in others.items():
            if key in ("cpu", "memory") or key.endswith(".com/gpu") or key in into:
                raise _error(task, f"the other resource {kind} `{key}` is one the designer "
                             "sets with its own field (cpu, memory, GPU)")
            into[key] = value
    if requests or limits:
        resources: dict[str, Any] = {}
        if limits:
            resources["limits"] = limits
        if requests:
            resources["requests"] = requests
        op.container["resources"] = resources


def apply_settings(op: Op, task: Task, builder: "OpsBuilder") -> None:
    """Applies ``task.settings`` to ``op`` as the kfp 1 calls would."""
    s: TaskSettings = task.settings
    if s.is_default():
        return
    if s.ignore_upstream_failure:
        raise _error(task, "ignore_upstream_failure is kfp 2 only")
    if s.display_name is not None:
        op.display_name = s.display_name
    if s.enable_caching is not None:
        op.enable_caching = s.enable_caching
    if s.max_cache_staleness is not None:
        op.max_cache_staleness = s.max_cache_staleness
    if s.retry is not None:
        if s.retry.policy is not None and s.retry.policy not in RETRY_POLICIES:
            raise _error(task, f"policy must be one of: {RETRY_POLICIES!r}")
        op.num_retries = s.retry.num_retries
        op.retry_policy = s.retry.policy
        op.backoff_duration = s.retry.backoff_duration
        op.backoff_factor = s.retry.backoff_factor
        op.backoff_max_duration = s.retry.backoff_max_duration
    if s.timeout is not None:
        op.timeout = s.timeout
    for key, value in s.node_selector.items():
        op.node_selector[key] = _run_time(builder, op, value, task)
    if any(t.json is not None for t in s.tolerations):
        raise _error(task, "takes a toleration from JSON (kfp-kubernetes add_toleration_json), "
                     "which kfp 1.8.9 does not have")
    op.tolerations.extend(_toleration(t) for t in s.tolerations)
    if s.node_affinity or s.pod_affinity or s.pod_anti_affinity:
        op.affinity = _affinity(task, s)
    op.sidecars.extend(_sidecar(builder, op, sc, task) for sc in s.sidecars)
    for key, value in s.pod_labels.items():
        op.pod_labels[key] = _run_time(builder, op, value, task)
    for key, value in s.pod_annotations.items():
        op.pod_annotations[key] = _run_time(builder, op, value, task)
    container = op.container
    if container is None:
        container_settings = [n for n in s.changed() if n in _CONTAINER_SETTINGS]
        if container_settings:
            raise _error(task, f"a volume step has no container for its "
                         f"{container_settings[0].replace('_', ' ')} setting")
        return
    _resources(builder, op, s, task)
    if s.env:
        env = container.setdefault("env", [])
        env.extend(_env(builder, op, var, task) for var in s.env)
    for mount in s.volumes:
        _volume(builder, op, mount, task)
    if s.image_pull_policy is not None:
        if s.image_pull_policy not in PULL_POLICIES:
            raise _error(task, "Invalid imagePullPolicy. Must be one of `Always`, `Never`, "
                         "`IfNotPresent`.")
        container["imagePullPolicy"] = s.image_pull_policy
    if s.security_context is not None:
        # container.set_security_context(V1SecurityContext(...)): attribute order
        sc = s.security_context
        container["securityContext"] = {k: v for k, v in (
            ("runAsGroup", sc.run_as_group), ("runAsNonRoot", sc.run_as_non_root),
            ("runAsUser", sc.run_as_user)) if v is not None}
    reorder_container(container)


_CONTAINER_SETTINGS = frozenset({"cpu_request", "cpu_limit", "memory_request", "memory_limit",
                                 "accelerator_type", "accelerator_limit", "env", "volumes",
                                 "image_pull_policy", "security_context"})
