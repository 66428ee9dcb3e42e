"""How a task runs on a cluster, and pipeline-wide run settings: plain optional data.

Every field is optional: ``None`` (or empty) means "as kfp does by default", and
compilers write nothing for it. A setting one target cannot express is a validation
diagnostic for that target, never dropped in silence. Values are kept as the user
wrote them (``"500m"``, ``"2Gi"``); the compilers write them the way each kfp does.

Secrets are referenced by name only (a Kubernetes secret and a key): a project file
never holds a secret's value.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    """One environment variable: a plain ``value`` (a string or an Argument: a
    parameter, an output...), read from a Kubernetes secret / config map key, or from a
    field of the task's pod (``field_path``: ``metadata.name``,
    ``metadata.labels['team']``...; kfp 1 ``V1ObjectFieldSelector``, kfp-kubernetes
    ``use_field_path_as_env``). The secret's / config map's name is a string or an
    Argument (kfp lets a pipeline parameter or task output name it)."""
    name: str
    value: Any = None
    secret: Any = None                 # secret name (value comes from secret[key])
    config_map: Any = None             # config map name (value from config_map[key])
    key: str | None = None
    field_path: str | None = None      # a field of the pod (Kubernetes fieldRef)
    # A secret / config map (or its key) that may be missing: the variable is then unset
    # (kfp 1 ``V1SecretKeySelector(optional=True)``, kfp-kubernetes ``optional=True``).
    optional: bool = False


@dataclass(frozen=True)
class Toleration:
    key: str | None = None
    operator: str | None = None        # "Equal" | "Exists"
    value: str | None = None
    effect: str | None = None          # "NoSchedule" | "PreferNoSchedule" | "NoExecute"
    toleration_seconds: int | None = None
    # kfp-kubernetes ``add_toleration_json`` given a pipeline parameter (an Argument): one
    # toleration or a list of them at run time; the other fields are then unset.
    json: Any = None


@dataclass(frozen=True)
class NodeRequirement:
    """One requirement on a node's labels (or fields): ``key operator values``; operators
    In, NotIn, Exists, DoesNotExist, Gt, Lt (Kubernetes ``NodeSelectorRequirement``)."""
    key: str
    operator: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeAffinityTerm:
    """A node the task may run on: all its requirements hold (on labels, and on fields such
    as ``metadata.name``). ``weight`` None: required (any required term may hold); 1-100:
    preferred, with that weight. kfp 1 ``add_affinity(V1Affinity(node_affinity=...))``,
    kfp-kubernetes ``add_node_affinity``. ``json`` instead: kfp-kubernetes
    ``add_node_affinity_json``, a whole Kubernetes NodeAffinity (a dict, or an Argument
    such as a pipeline parameter giving one at run time)."""
    match_expressions: tuple[NodeRequirement, ...] = ()
    match_fields: tuple[NodeRequirement, ...] = ()
    weight: int | None = None
    json: Any = None


@dataclass(frozen=True)
class LabelSelector:
    """Pods chosen by their labels (Kubernetes ``V1LabelSelector``): every ``match_labels``
    pair and every requirement (``key operator values``; In, NotIn, Exists, DoesNotExist)
    holds. Both empty: every pod (kfp writes ``labelSelector: {}``)."""
    match_labels: dict[str, str] = field(default_factory=dict)
    match_expressions: tuple[NodeRequirement, ...] = ()


@dataclass(frozen=True)
class PodAffinityTerm:
    """Run the task (anti-affinity: do not run it) in the same ``topology_key`` domain (a
    node label such as ``kubernetes.io/hostname`` or ``topology.kubernetes.io/zone``) as pods
    the ``label_selector`` chooses (None: no selector, no pod) in ``namespaces`` (empty: the
    task's own). ``weight`` None: required; 1-100: preferred, with that weight. kfp 1
    ``add_affinity(V1Affinity(pod_affinity=V1PodAffinity(...), pod_anti_affinity=...))``;
    kfp-kubernetes 2.17.3 has no function for it."""
    topology_key: str
    label_selector: LabelSelector | None = None
    namespaces: tuple[str, ...] = ()
    weight: int | None = None


@dataclass(frozen=True)
class EphemeralClaim:
    """The claim of a generic ephemeral volume (kfp-kubernetes ``add_ephemeral_volume``): made
    with the task's pod and deleted with it. ``storage_class_name`` None: the cluster's
    default class; "" names none (a statically provisioned volume)."""
    access_modes: tuple[str, ...]
    size: str
    storage_class_name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VolumeMount:
    """A volume mounted into the task's container at ``mount_path``.

    ``source`` says what is mounted: ``"pvc"`` (``name`` is a claim name, or an
    Argument: an output of a volume-creating task), ``"secret"``, ``"config_map"``,
    ``"empty_dir"``, ``"ephemeral"`` (a claim made for the pod: ``ephemeral`` says which,
    ``volume_name`` names the volume), ``"host_path"`` (kfp 1 ``V1HostPathVolumeSource``:
    ``name`` is a folder of the cluster's node); ``volume_task`` is the id of the task that created the volume
    (kfp 1 ``dsl.VolumeOp`` / kfp 2 ``kubernetes.CreatePVC``) when there is one.
    """
    mount_path: str
    source: str = "pvc"
    name: Any = None
    volume_task: str | None = None
    sub_path: str | None = None
    read_only: bool = False
    # The Kubernetes volume's own name when the file gives one (kfp 1 ``V1Volume(name=)``,
    # ``PipelineVolume(name=)``, kfp 2 ``empty_dir_mount(volume_name=)``); None: kfp derives
    # it (kfp 1: ``pvolume-<hash>`` of the claim, or the VolumeOp's name).
    volume_name: str | None = None
    ephemeral: EphemeralClaim | None = None    # source "ephemeral" only
    # Source "empty_dir" only (kfp-kubernetes ``empty_dir_mount``): "Memory" for a tmpfs,
    # and the most it may hold ("1Gi"); None: the node's disk, no limit.
    medium: str | None = None
    size_limit: str | None = None
    # Source "secret" / "config_map" only: it may be missing (an empty volume then).
    optional: bool = False


@dataclass(frozen=True)
class SecurityContext:
    """Who the task's container runs as (kfp 1 ``container.set_security_context(
    V1SecurityContext(...))``, kfp-kubernetes ``set_security_context``): a user id, a group
    id, and whether it must not run as root. None: the cluster's default."""
    run_as_user: int | None = None
    run_as_group: int | None = None
    run_as_non_root: bool | None = None


@dataclass(frozen=True)
class Sidecar:
    """A container that runs beside the task's own in its pod, for as long as the task runs
    (a service the task talks to on localhost...): kfp 1 ``dsl.Sidecar(name, image, command,
    args, mirror_volume_mounts)`` given to ``ContainerOp(sidecars=[...])`` or
    ``op.add_sidecar``. The image and each word of the command and arguments are strings or
    Arguments (a pipeline parameter, an expression over them); ``mirror_volume_mounts``:
    mount the task's volumes at the same paths (Argo), None when not given."""
    name: str
    image: Any
    command: tuple[Any, ...] = ()
    args: tuple[Any, ...] = ()
    mirror_volume_mounts: bool | None = None


@dataclass(frozen=True)
class Retry:
    num_retries: int
    policy: str | None = None          # kfp 1: "Always" | "OnFailure" | "OnError"
    backoff_duration: str | None = None
    backoff_factor: float | None = None
    backoff_max_duration: str | None = None


# The resource settings, in field order (``TaskSettings.resource_order`` names them).
RESOURCE_FIELDS = ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                   "accelerator_type", "accelerator_limit")


@dataclass(frozen=True)
class TaskSettings:
    """Resources (``cpu_*``, ``memory_*``, ``accelerator_*``) are strings as written, or an
    Argument when a pipeline parameter or task output gives them (both kfp versions allow
    it); ``VolumeMount.name`` likewise."""
    display_name: str | None = None
    enable_caching: bool | None = None         # kfp 2 set_caching_options
    max_cache_staleness: str | None = None     # kfp 1 execution_options ("P0D": no cache)
    retry: Retry | None = None
    timeout: int | None = None                 # seconds
    cpu_request: Any = None
    cpu_limit: Any = None
    memory_request: Any = None
    memory_limit: Any = None
    accelerator_type: Any = None               # e.g. "nvidia.com/gpu" / "NVIDIA_TESLA_T4"
    accelerator_limit: Any = None              # int or str as the SDK keeps it
    # Other Kubernetes resources by name (``ephemeral-storage``, ``cloud-tpus.google.com/v2``,
    # ``hugepages-2Mi``...) and quantity: kfp 1 ``add_resource_limit`` /
    # ``add_resource_request`` (and ``kfp.gcp.use_tpu``), written after the ones above.
    other_limits: dict[str, str] = field(default_factory=dict)
    other_requests: dict[str, str] = field(default_factory=dict)
    node_selector: dict[str, str] = field(default_factory=dict)
    # kfp-kubernetes ``add_node_selector_json``: the whole node selector, a dict or an
    # Argument (a pipeline parameter giving it at run time).
    node_selector_json: Any = None
    tolerations: tuple[Toleration, ...] = ()
    node_affinity: tuple[NodeAffinityTerm, ...] = ()
    pod_affinity: tuple[PodAffinityTerm, ...] = ()
    pod_anti_affinity: tuple[PodAffinityTerm, ...] = ()
    env: tuple[EnvVar, ...] = ()
    volumes: tuple[VolumeMount, ...] = ()
    pod_labels: dict[str, str] = field(default_factory=dict)
    pod_annotations: dict[str, str] = field(default_factory=dict)
    image_pull_policy: str | None = None       # "Always" | "IfNotPresent" | "Never"
    # kfp-kubernetes ``set_image_pull_secrets``: secrets holding registry credentials, each
    # a name or an Argument (kfp 1 has them for the whole pipeline only: PipelineConf).
    image_pull_secrets: tuple[Any, ...] = ()
    security_context: SecurityContext | None = None
    sidecars: tuple[Sidecar, ...] = ()          # kfp 1 only (kfp 2: one container a task)
    ignore_upstream_failure: bool = False      # kfp 2 (exit-handler-like tasks)
    # kfp 1 writes resource requests and limits in the order they were set; when that is not
    # the order of the fields above (cpu, memory, accelerator), the field names in set order
    # ("memory_limit", "cpu_limit"...). Empty: field order.
    resource_order: tuple[str, ...] = ()      # names from RESOURCE_FIELDS

    def is_default(self) -> bool:
        return self == _TASK_DEFAULTS

    def changed(self) -> list[str]:
        """Names of the fields that differ from kfp's defaults."""
        if self == _TASK_DEFAULTS:   # most tasks (every compile asks for each task)
            return []
        return [f.name for f in fields(self)
                if getattr(self, f.name) != getattr(_TASK_DEFAULTS, f.name)]


# The defaults to compare with, made once (a frozen instance, never handed out).
_TASK_DEFAULTS = TaskSettings()


@dataclass(frozen=True)
class DnsOption:
    """A resolver option (``ndots``, ``timeout``...) and its value when it has one."""
    name: str
    value: str | None = None


@dataclass(frozen=True)
class DnsConfig:
    """How every pod of the run resolves names, on top of the cluster's DNS policy: extra
    nameservers (IP addresses), search domains and resolver options (Kubernetes
    ``PodDNSConfig``; kfp 1 ``PipelineConf.set_dns_config(V1PodDNSConfig(...))``)."""
    nameservers: tuple[str, ...] = ()
    searches: tuple[str, ...] = ()
    options: tuple[DnsOption, ...] = ()


@dataclass(frozen=True)
class PipelineConf:
    """kfp 1 ``dsl.PipelineConf`` / ``dsl.get_pipeline_conf()``, and the pipeline-wide
    settings kfp 2 has (through kfp-kubernetes and the platform spec)."""
    ttl_seconds_after_finished: int | None = None
    parallelism: int | None = None
    timeout: int | None = None
    image_pull_secrets: tuple[str, ...] = ()
    default_node_selector: dict[str, str] = field(default_factory=dict)
    image_pull_policy: str | None = None
    dns_config: DnsConfig | None = None        # kfp 1 only (kfp 2 has none)

    def is_default(self) -> bool:
        return self == PipelineConf()

    def changed(self) -> list[str]:
        default = PipelineConf()
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)]


__all__ = ["EnvVar", "Toleration", "NodeRequirement", "NodeAffinityTerm", "LabelSelector", "PodAffinityTerm", "SecurityContext", "EphemeralClaim", "VolumeMount", "Sidecar", "Retry", "TaskSettings", "DnsOption", "DnsConfig", "PipelineConf"]
