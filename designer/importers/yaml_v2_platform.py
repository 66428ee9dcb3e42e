"""The platform spec of a kfp 2 PipelineSpec (its second YAML document) read back into task
settings and the pipeline's configuration (``v2_settings.platform_config`` and
``v2_general._platform`` inverted).

kfp-kubernetes writes one config per executor: node selector, tolerations, secrets and
config maps as environment variables and as volumes, PVC mounts, empty dirs, pod labels and
annotations, image pull policy, timeout; ``dsl.PipelineConfig`` writes ``pipelineConfig``
(time to live, deadline). Names given at run time (a pipeline parameter, a task output) are
arguments resolved in the task's DAG by ``value``. Any other field is refused at its node.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from designer.ir.settings import (EnvVar, EphemeralClaim, NodeAffinityTerm, NodeRequirement,
                                  SecurityContext, TaskSettings, Toleration, VolumeMount)

from .yaml_doc import YamlRefusal

_EXECUTOR_FIELDS = {"nodeSelector", "tolerations", "secretAsEnv", "configMapAsEnv",
                    "secretAsVolume", "configMapAsVolume", "pvcMount", "emptyDirMounts",
                    "genericEphemeralVolume",
                    "podMetadata", "imagePullPolicy", "activeDeadlineSeconds",
                    "fieldPathAsEnv", "imagePullSecret", "nodeAffinity", "securityContext"}
Value = Callable[[Any, tuple], Any]      # a `*NameParameter` spec -> an IR argument


def _refuse(message: str, where: tuple) -> YamlRefusal:
    return YamlRefusal(message, where, doc=1)


def split(doc: Any) -> tuple[dict, dict]:
    """(the executors' configs by executor label, the pipeline config)."""
    where = ("platforms",)
    platforms = doc.get("platforms") if isinstance(doc, dict) else None
    if not isinstance(platforms, dict) or set(doc) != {"platforms"} or \
            set(platforms) != {"kubernetes"}:
        raise _refuse("a platform spec other than kfp-kubernetes' is not read", where)
    k8s = platforms["kubernetes"] or {}
    if set(k8s) - {"deploymentSpec", "pipelineConfig"}:
        raise _refuse("a kfp-kubernetes field the reader does not take", where + (
            "kubernetes",))
    deployment = k8s.get("deploymentSpec") or {}
    if set(deployment) - {"executors"}:
        raise _refuse("a kfp-kubernetes field the reader does not take", where + (
            "kubernetes", "deploymentSpec"))
    config = k8s.get("pipelineConfig") or {}
    if set(config) - {"activeDeadlineSeconds", "resourceTtlOnCompletion"}:
        raise _refuse("a pipeline config field the reader does not take", where + (
            "kubernetes", "pipelineConfig"))
    return deployment.get("executors") or {}, config


def _ephemeral(entry: Any, where: tuple) -> VolumeMount:
    """``add_ephemeral_volume``'s entry (``v2_settings._ephemeral`` inverted)."""
    fields = {"volumeName", "mountPath", "accessModes", "size", "defaultStorageClass",
              "storageClassName", "metadata"}
    meta = entry.get("metadata") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or set(entry) - fields or not isinstance(
            entry.get("volumeName"), str) or not isinstance(entry.get("mountPath"), str) or (
            meta is not None and (not isinstance(meta, dict)
                                  or set(meta) - {"labels", "annotations"})) or (
            entry.get("defaultStorageClass") and "storageClassName" in entry) or not all(
            isinstance(m, str) for m in entry.get("accessModes") or []):
        raise _refuse("an ephemeral volume the reader does not take", where)
    storage = None if entry.get("defaultStorageClass") else entry.get("storageClassName", "")
    claim = EphemeralClaim(tuple(entry.get("accessModes") or ()), str(entry.get("size", "")),
                           storage, dict((meta or {}).get("labels") or {}),
                           dict((meta or {}).get("annotations") or {}))
    return VolumeMount(entry["mountPath"], "ephemeral", volume_name=entry["volumeName"],
                       ephemeral=claim)


def _affinity_term(entry: Any, where: tuple, value: Value) -> NodeAffinityTerm:
    """``add_node_affinity`` / ``add_node_affinity_json``'s term."""
    if isinstance(entry, dict) and set(entry) == {"nodeAffinityJson"}:
        given = entry["nodeAffinityJson"] or {}
        if isinstance(given, dict) and set(given) == {"runtimeValue"}:
            constant = (given["runtimeValue"] or {}).get("constant")
            if not isinstance(constant, dict):
                raise _refuse("a node affinity JSON that is not a mapping", where)
            return NodeAffinityTerm(json=constant)
        return NodeAffinityTerm(json=value(given, where))

    def requirements(items: Any) -> tuple[NodeRequirement, ...]:
        out = []
        for r in items or []:
            if not isinstance(r, dict) or set(r) - {"key", "operator", "values"} or not all(
                    isinstance(v, str) for v in r.get("values") or []):
                raise _refuse("a node affinity requirement the reader does not take", where)
            out.append(NodeRequirement(str(r.get("key")), str(r.get("operator")),
                                       tuple(r.get("values") or ())))
        return tuple(out)

    if not isinstance(entry, dict) or set(entry) - {"matchExpressions", "matchFields",
                                                    "weight"}:
        raise _refuse("a node affinity term the reader does not take", where)
    weight = entry.get("weight")
    if weight is not None and (not isinstance(weight, (int, float)) or weight != int(weight)):
        raise _refuse("a node affinity weight that is not a whole number", where)
    return NodeAffinityTerm(requirements(entry.get("matchExpressions")),
                            requirements(entry.get("matchFields")),
                            None if weight is None else int(weight))


def _name(entry: dict, kind: str, where: tuple, value: Value) -> Any:
    """A secret's / config map's name: the literal, or the run-time value it is given."""
    given = entry.get(f"{kind}NameParameter")
    literal = entry.get(f"{kind}Name")
    if literal is not None:
        if given not in (None, {"runtimeValue": {"constant": literal}}):
            raise _refuse(f"the {kind} name and its parameter differ", where)
        return literal
    if given is None:
        raise _refuse(f"the {kind} has no name", where)
    return value(given, where)


def apply(settings: TaskSettings, cfg: Any, where: tuple, value: Value) -> TaskSettings:
    """``settings`` with what the executor config ``cfg`` (at ``where``) sets."""
    if not isinstance(cfg, dict):
        raise _refuse("an executor config is not a mapping", where)
    unknown = next((k for k in cfg if k not in _EXECUTOR_FIELDS), None)
    if unknown is not None:
        raise _refuse(f"`{unknown}` (a kfp-kubernetes setting) is not read yet",
                      where + (unknown,))
    s: dict[str, Any] = {}
    if "nodeSelector" in cfg:
        node = cfg["nodeSelector"] or {}
        if not node or set(node) - {"labels", "nodeSelectorJson"}:
            raise _refuse("a node selector other than labels", where + ("nodeSelector",))
        if "labels" in node:
            s["node_selector"] = dict(node["labels"] or {})
        if "nodeSelectorJson" in node:
            given = node["nodeSelectorJson"] or {}
            constant = (given.get("runtimeValue") or {}).get("constant") \
                if isinstance(given, dict) and set(given) == {"runtimeValue"} else None
            s["node_selector_json"] = constant if isinstance(constant, dict) else value(
                given, where + ("nodeSelector", "nodeSelectorJson"))
    if "tolerations" in cfg:
        tolerations = []
        for k, t in enumerate(cfg["tolerations"] or []):
            if isinstance(t, dict) and set(t) == {"tolerationJson"}:
                tolerations.append(Toleration(json=value(t["tolerationJson"],
                                                         where + ("tolerations", k))))
                continue
            if set(t) - {"key", "operator", "value", "effect", "tolerationSeconds"}:
                raise _refuse("a toleration field the reader does not take",
                              where + ("tolerations", k))
            seconds = t.get("tolerationSeconds")
            tolerations.append(Toleration(t.get("key"), t.get("operator"), t.get("value"),
                                          t.get("effect"),
                                          int(seconds) if seconds is not None else None))
        s["tolerations"] = tuple(tolerations)
    env: list[EnvVar] = []
    for kind, field, key_name in (("secret", "secret", "secretKey"),
                                  ("configMap", "config_map", "configMapKey")):
        for k, entry in enumerate(cfg.get(f"{kind}AsEnv") or []):
            ew = where + (f"{kind}AsEnv", k)
            if set(entry) - {"keyToEnv", "optional", f"{kind}Name", f"{kind}NameParameter"} \
                    or entry.get("optional") not in (False, True):
                raise _refuse("an environment source the reader does not take", ew)
            source = _name(entry, kind, ew, value)
            for pair in entry.get("keyToEnv") or []:
                if set(pair) != {key_name, "envVar"}:
                    raise _refuse("an environment variable the reader does not take", ew)
                env.append(EnvVar(pair["envVar"], **{field: source}, key=pair[key_name],
                                  optional=entry["optional"]))
    if "securityContext" in cfg:
        sc = cfg["securityContext"]
        if not isinstance(sc, dict) or not sc or set(sc) - {"runAsUser", "runAsGroup",
                                                            "runAsNonRoot"}:
            raise _refuse("a security context field the reader does not take",
                          where + ("securityContext",))
        ids = [sc.get(k) for k in ("runAsUser", "runAsGroup")]
        if not all(i is None or (isinstance(i, (str, int)) and str(i).isdigit()) for i in ids):
            raise _refuse("a security context id that is not a whole number",
                          where + ("securityContext",))
        s["security_context"] = SecurityContext(*(None if i is None else int(i) for i in ids),
                                                sc.get("runAsNonRoot"))
    terms = []
    for k, entry in enumerate(cfg.get("nodeAffinity") or []):
        terms.append(_affinity_term(entry, where + ("nodeAffinity", k), value))
    if terms:
        s["node_affinity"] = tuple(terms)
    secrets = []
    for k, entry in enumerate(cfg.get("imagePullSecret") or []):
        pw = where + ("imagePullSecret", k)
        if not isinstance(entry, dict) or set(entry) - {"secretName", "secretNameParameter"}:
            raise _refuse("an image pull secret the reader does not take", pw)
        secrets.append(_name(entry, "secret", pw, value))
    if secrets:
        s["image_pull_secrets"] = tuple(secrets)
    for k, entry in enumerate(cfg.get("fieldPathAsEnv") or []):
        if not isinstance(entry, dict) or set(entry) != {"name", "fieldPath"}:
            raise _refuse("an environment variable the reader does not take",
                          where + ("fieldPathAsEnv", k))
        env.append(EnvVar(entry["name"], field_path=entry["fieldPath"]))
    if env:
        s["env"] = settings.env + tuple(env)
    volumes: list[VolumeMount] = []
    for kind, source in (("secret", "secret"), ("configMap", "config_map")):
        for k, entry in enumerate(cfg.get(f"{kind}AsVolume") or []):
            vw = where + (f"{kind}AsVolume", k)
            if set(entry) - {"mountPath", "optional", f"{kind}Name", f"{kind}NameParameter"} \
                    or entry.get("optional") not in (False, True):
                raise _refuse("a volume the reader does not take", vw)
            volumes.append(VolumeMount(entry.get("mountPath"), source,
                                       _name(entry, kind, vw, value),
                                       optional=entry["optional"]))
    for k, entry in enumerate(cfg.get("pvcMount") or []):
        vw = where + ("pvcMount", k)
        given = entry.get("pvcNameParameter")
        if set(entry) - {"mountPath", "pvcNameParameter", "subPath", "constant",
                         "componentInputParameter", "taskOutputParameter"} or given is None:
            raise _refuse("a PVC mount the reader does not take", vw)
        claim = given["runtimeValue"]["constant"] if set(given) == {"runtimeValue"} and set(
            given["runtimeValue"] or {}) == {"constant"} else value(given, vw)
        volumes.append(VolumeMount(entry.get("mountPath"), "pvc", claim,
                                   sub_path=entry.get("subPath")))
    for k, entry in enumerate(cfg.get("genericEphemeralVolume") or []):
        volumes.append(_ephemeral(entry, where + ("genericEphemeralVolume", k)))
    for k, entry in enumerate(cfg.get("emptyDirMounts") or []):
        if not {"mountPath", "volumeName"} <= set(entry) or set(entry) - {
                "mountPath", "volumeName", "medium", "sizeLimit"} or not all(
                isinstance(v, str) and v for v in entry.values()):
            raise _refuse("an empty dir the reader does not take",
                          where + ("emptyDirMounts", k))
        volumes.append(VolumeMount(entry["mountPath"], "empty_dir",
                                   volume_name=entry["volumeName"],
                                   medium=entry.get("medium"),
                                   size_limit=entry.get("sizeLimit")))
    if volumes:
        s["volumes"] = settings.volumes + tuple(volumes)
    meta = cfg.get("podMetadata")
    if meta is not None:
        if set(meta) - {"labels", "annotations"}:
            raise _refuse("pod metadata the reader does not take", where + ("podMetadata",))
        s["pod_labels"] = dict(meta.get("labels") or {})
        s["pod_annotations"] = dict(meta.get("annotations") or {})
    if "imagePullPolicy" in cfg:
        s["image_pull_policy"] = cfg["imagePullPolicy"]
    if "activeDeadlineSeconds" in cfg:
        try:
            s["timeout"] = int(cfg["activeDeadlineSeconds"])
        except (TypeError, ValueError):
            raise _refuse("the timeout is not a number",
                          where + ("activeDeadlineSeconds",)) from None
    return replace(settings, **s)
