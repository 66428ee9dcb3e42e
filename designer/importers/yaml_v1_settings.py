"""A step's task settings read back from its kfp 1.8.9 template (``v1_settings`` inverted).

What kfp writes for ``set_display_name``, caching options, ``set_retry``, ``set_timeout``,
resource requests and limits (GPUs included), node selectors, tolerations, environment
variables (values, secrets, config maps), pull policy, pod labels and annotations, volumes
(claims, secrets, config maps, empty dirs). An environment value or a claim given by a
run-time value is left as its ``{{...}}`` text, which the reader turns into a reference;
elsewhere (a parameter in a resource) such values are refused at their field.
"""
from __future__ import annotations

import re
from typing import Any

from designer.ir.settings import (DnsConfig, DnsOption, EnvVar, LabelSelector, NodeAffinityTerm, NodeRequirement,
                                  PodAffinityTerm, Retry, SecurityContext, Sidecar,
                                  TaskSettings, Toleration, VolumeMount)

from .yaml_doc import YamlRefusal

ANN = "pipelines.kubeflow.org/"
# Labels and annotations kfp writes on every step (not settings).
KFP_LABELS = {ANN + "kfp_sdk_version", ANN + "pipeline-sdk-type", ANN + "enable_caching"}
KFP_ANNOTATIONS = {ANN + "component_spec", ANN + "component_ref", ANN + "arguments.parameters",
                   ANN + "task_display_name", ANN + "max_cache_staleness"}
_RESOURCE = {("requests", "cpu"): "cpu_request", ("requests", "memory"): "memory_request",
             ("limits", "cpu"): "cpu_limit", ("limits", "memory"): "memory_limit"}
_REF = re.compile(r"\{\{")


def _static(value: Any, where: tuple) -> Any:
    if isinstance(value, str) and _REF.search(value):
        raise YamlRefusal("a setting given by a run-time value is not read yet", where)
    return value


def read_settings(template: dict, where: tuple) -> TaskSettings:
    meta = template.get("metadata") or {}
    labels, annotations = meta.get("labels") or {}, meta.get("annotations") or {}
    container = template.get("container") or {}
    s: dict[str, Any] = {}
    if ANN + "task_display_name" in annotations:
        s["display_name"] = annotations[ANN + "task_display_name"]
    caching = labels.get(ANN + "enable_caching", "true")
    if caching not in ("true", "false"):
        raise YamlRefusal("`enable_caching` is neither true nor false",
                          where + ("metadata", "labels", ANN + "enable_caching"))
    if caching == "false":
        s["enable_caching"] = False
    if ANN + "max_cache_staleness" in annotations:
        s["max_cache_staleness"] = annotations[ANN + "max_cache_staleness"]
    retry = template.get("retryStrategy")
    if retry is not None:
        backoff = retry.get("backoff") or {}
        s["retry"] = Retry(retry.get("limit") or 0, retry.get("retryPolicy"),
                           backoff.get("duration"), backoff.get("factor"),
                           backoff.get("maxDuration"))
    if template.get("activeDeadlineSeconds") is not None:
        s["timeout"] = template["activeDeadlineSeconds"]
    if template.get("nodeSelector"):
        s["node_selector"] = {k: _static(v, where + ("nodeSelector", k))
                              for k, v in template["nodeSelector"].items()}
    if template.get("tolerations"):
        s["tolerations"] = tuple(Toleration(t.get("key"), t.get("operator"), t.get("value"),
                                            t.get("effect"), t.get("tolerationSeconds"))
                                 for t in template["tolerations"])
    if template.get("affinity"):
        s.update(_affinity(template["affinity"], where + ("affinity",)))
    s.update(_resources(container.get("resources"), where + ("container", "resources")))
    if container.get("securityContext") is not None:
        sc = container["securityContext"]
        if not isinstance(sc, dict) or not sc or set(sc) - {"runAsUser", "runAsGroup",
                                                            "runAsNonRoot"}:
            raise YamlRefusal("a security context field the reader does not take",
                              where + ("container", "securityContext"))
        s["security_context"] = SecurityContext(sc.get("runAsUser"), sc.get("runAsGroup"),
                                                sc.get("runAsNonRoot"))
    if container.get("env"):
        s["env"] = tuple(_env(v, where + ("container", "env", k))
                         for k, v in enumerate(container["env"]))
    if container.get("volumeMounts") or template.get("volumes"):
        s["volumes"] = _volumes(template, where)
    if template.get("sidecars"):
        s["sidecars"] = tuple(_sidecar(sc, where + ("sidecars", k))
                              for k, sc in enumerate(template["sidecars"]))
    if container.get("imagePullPolicy") is not None:
        s["image_pull_policy"] = container["imagePullPolicy"]
    pod_labels = {k: v for k, v in labels.items() if k not in KFP_LABELS}
    pod_annotations = {k: v for k, v in annotations.items() if k not in KFP_ANNOTATIONS}
    if pod_labels:
        s["pod_labels"] = pod_labels
    if pod_annotations:
        s["pod_annotations"] = pod_annotations
    return TaskSettings(**s)


def _resources(resources: Any, where: tuple) -> dict[str, Any]:
    if not resources:
        return {}
    out: dict[str, Any] = {}
    order: list[str] = []
    for kind in ("limits", "requests"):
        others: dict[str, str] = {}      # add_resource_limit/request of other resources
        for key, value in (resources.get(kind) or {}).items():
            _static(value, where + (kind, key))
            standard = (kind, key) in _RESOURCE or (
                kind == "limits" and key in ("nvidia.com/gpu", "amd.com/gpu"))
            if not standard:
                if not isinstance(value, str) or not isinstance(key, str):
                    raise YamlRefusal(f"the resource `{key}` is not a string quantity",
                                      where + (kind, key))
                others[key] = value
                continue
            if others:   # (the designer writes cpu, memory and GPUs first)
                raise YamlRefusal(f"the resource `{key}` follows another resource; the "
                                  "designer writes cpu, memory and GPUs first",
                                  where + (kind, key))
            if (kind, key) in _RESOURCE:
                name = _RESOURCE[(kind, key)]
                out[name] = value
            else:
                name = "accelerator_limit"
                out[name] = value
                out["accelerator_type"] = key        # as set_gpu_limit(n, vendor) records it
            order.append(name)
        if others:
            out[f"other_{kind}"] = others
    default = ("cpu_request", "memory_request", "cpu_limit", "memory_limit",
               "accelerator_limit")
    if order != [n for n in default if n in order]:
        out["resource_order"] = tuple(order)
    return out


_REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
_PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"


def _affinity(affinity: Any, where: tuple) -> dict[str, Any]:
    """``add_affinity(V1Affinity(node_affinity=..., pod_affinity=..., pod_anti_affinity=
    ...))`` (``v1_settings._affinity`` inverted): each kind's required terms, then its
    preferred ones."""
    def fail(at: tuple = ()) -> YamlRefusal:
        return YamlRefusal("an affinity the reader does not take", where + at)

    def requirements(items: Any, at: tuple) -> tuple[NodeRequirement, ...]:
        if items is not None and (not isinstance(items, list) or not items):
            raise fail(at)
        out = []
        for k, r in enumerate(items or []):
            if not isinstance(r, dict) or set(r) - {"key", "operator", "values"} or not all(
                    isinstance(v, str) for v in r.get("values") or []) or r.get(
                    "values") == []:
                raise fail(at + (k,))
            out.append(NodeRequirement(r.get("key"), r.get("operator"),
                                       tuple(r.get("values") or ())))
        return tuple(out)

    def term(t: Any, weight: int | None, at: tuple) -> NodeAffinityTerm:
        if not isinstance(t, dict) or set(t) - {"matchExpressions", "matchFields"}:
            raise fail(at)
        return NodeAffinityTerm(requirements(t.get("matchExpressions"), at),
                                requirements(t.get("matchFields"), at), weight)

    def pod_term(t: Any, weight: int | None, at: tuple) -> PodAffinityTerm:
        if not isinstance(t, dict) or set(t) - {"labelSelector", "namespaces",
                                                "topologyKey"} or not isinstance(
                t.get("topologyKey"), str):
            raise fail(at)
        selector = t.get("labelSelector")
        if selector is not None:
            labels = selector.get("matchLabels") if isinstance(selector, dict) else None
            if not isinstance(selector, dict) or set(selector) - {
                    "matchLabels", "matchExpressions"} or (labels is not None and (
                    not isinstance(labels, dict) or not labels)):
                raise fail(at + ("labelSelector",))
            selector = LabelSelector(dict(labels or {}), requirements(
                selector.get("matchExpressions"), at + ("labelSelector",)))
        namespaces = t.get("namespaces")
        if namespaces is not None and (not isinstance(namespaces, list) or not namespaces):
            raise fail(at + ("namespaces",))
        return PodAffinityTerm(t["topologyKey"], selector, tuple(namespaces or ()), weight)

    def preferred(items: Any, at: tuple, inner: str, read) -> list:
        if not isinstance(items, list) or not items:
            raise fail(at)
        out = []
        for k, p in enumerate(items):
            if not isinstance(p, dict) or set(p) != {inner, "weight"} or not isinstance(
                    p["weight"], int):
                raise fail(at + (k,))
            out.append(read(p[inner], p["weight"], at + (k,)))
        return out

    if not isinstance(affinity, dict) or not affinity or set(affinity) - {
            "nodeAffinity", "podAffinity", "podAntiAffinity"}:
        raise fail()
    out: dict[str, Any] = {}
    if "nodeAffinity" in affinity:
        node = affinity["nodeAffinity"]
        if not isinstance(node, dict) or not node or set(node) - {_REQUIRED, _PREFERRED}:
            raise fail(("nodeAffinity",))
        terms = []
        if _REQUIRED in node:
            required = node[_REQUIRED]
            if not isinstance(required, dict) or set(required) != {"nodeSelectorTerms"} or \
                    not isinstance(required["nodeSelectorTerms"], list):
                raise fail(("nodeAffinity", _REQUIRED))
            terms += [term(t, None, ("nodeAffinity", _REQUIRED, k))
                      for k, t in enumerate(required["nodeSelectorTerms"])]
        if _PREFERRED in node:
            terms += preferred(node[_PREFERRED], ("nodeAffinity", _PREFERRED), "preference",
                               term)
        out["node_affinity"] = tuple(terms)
    for key, field in (("podAffinity", "pod_affinity"),
                       ("podAntiAffinity", "pod_anti_affinity")):
        if key not in affinity:
            continue
        pod = affinity[key]
        if not isinstance(pod, dict) or not pod or set(pod) - {_REQUIRED, _PREFERRED}:
            raise fail((key,))
        terms = []
        if _REQUIRED in pod:
            if not isinstance(pod[_REQUIRED], list) or not pod[_REQUIRED]:
                raise fail((key, _REQUIRED))
            terms += [pod_term(t, None, (key, _REQUIRED, k))
                      for k, t in enumerate(pod[_REQUIRED])]
        if _PREFERRED in pod:
            terms += preferred(pod[_PREFERRED], (key, _PREFERRED), "podAffinityTerm", pod_term)
        out[field] = tuple(terms)
    return out


def _sidecar(sc: Any, where: tuple) -> Sidecar:
    """``add_sidecar(dsl.Sidecar(...))``; its ``{{...}}`` texts are resolved by the reader."""
    if not isinstance(sc, dict) or set(sc) - {"args", "command", "image", "name",
                                              "mirrorVolumeMounts"} or not isinstance(
            sc.get("name"), str) or not isinstance(sc.get("image"), str):
        raise YamlRefusal("a sidecar field the reader does not take", where)
    words = {}
    for key in ("command", "args"):
        items = sc.get(key)
        if items is not None and (not isinstance(items, list) or not items or not all(
                isinstance(i, str) for i in items)):
            raise YamlRefusal(f"a sidecar's {key} the reader does not take", where + (key,))
        words[key] = tuple(items or ())
    mirror = sc.get("mirrorVolumeMounts")
    if mirror is not None and not isinstance(mirror, bool):
        raise YamlRefusal("a sidecar's mirrorVolumeMounts that is not true or false", where)
    return Sidecar(sc["name"], sc["image"], words["command"], words["args"], mirror)


def read_dns_config(dns: Any, where: tuple) -> DnsConfig:
    """``PipelineConf.set_dns_config(V1PodDNSConfig(...))``: the workflow's ``dnsConfig``."""
    def texts(key: str) -> tuple[str, ...]:
        items = dns.get(key)
        if items is None:
            return ()
        if not isinstance(items, list) or not items or not all(
                isinstance(i, str) for i in items):
            raise YamlRefusal(f"a DNS `{key}` the reader does not take", where + (key,))
        return tuple(items)
    if not isinstance(dns, dict) or set(dns) - {"nameservers", "searches", "options"}:
        raise YamlRefusal("a DNS configuration field kfp 1.8.9 does not write", where)
    options = dns.get("options")
    if options is not None and (not isinstance(options, list) or not options or not all(
            isinstance(o, dict) and isinstance(o.get("name"), str) and set(o) <= {
                "name", "value"} and isinstance(o.get("value", ""), str) for o in options)):
        raise YamlRefusal("DNS options the reader does not take", where + ("options",))
    return DnsConfig(texts("nameservers"), texts("searches"),
                     tuple(DnsOption(o["name"], o.get("value")) for o in options or ()))


def _env(var: Any, where: tuple) -> EnvVar:
    if not isinstance(var, dict) or "name" not in var:
        raise YamlRefusal("an environment variable without a name", where)
    source = var.get("valueFrom")
    if source is None:
        return EnvVar(var["name"], var.get("value"))    # `{{...}}`: resolved by the reader
    for kind, field in (("secretKeyRef", "secret"), ("configMapKeyRef", "config_map")):
        if kind in source:
            ref = source[kind] or {}
            if set(ref) - {"name", "key", "optional"} or ref.get("optional") not in (
                    None, True, False):
                raise YamlRefusal("a key selector field kfp 1.8.9 does not set", where)
            return EnvVar(var["name"], **{field: _static(ref.get("name"), where)},
                          key=ref.get("key"), optional=bool(ref.get("optional")))
    field = source.get("fieldRef")
    if isinstance(field, dict) and set(source) == {"fieldRef"} and set(field) == {"fieldPath"}:
        return EnvVar(var["name"], field_path=field["fieldPath"])
    raise YamlRefusal("an environment variable from a source kfp 1.8.9 does not set", where)


_SOURCES = {"persistentVolumeClaim": ("pvc", "claimName"), "secret": ("secret", "secretName"),
            "configMap": ("config_map", "name"), "emptyDir": ("empty_dir", None),
            "hostPath": ("host_path", "path")}


def _volumes(template: dict, where: tuple) -> tuple[VolumeMount, ...]:
    """``add_pvolumes`` / ``add_volume`` + ``add_volume_mount``: one volume per mount (kfp
    sorts the volumes by name). A claim given by a run-time value is left as its ``{{...}}``
    text for the reader to resolve."""
    from designer.compiler.v1_settings import pvolume_name
    mounts = (template.get("container") or {}).get("volumeMounts") or []
    volumes = template.get("volumes") or []
    by_name = {v.get("name"): (k, v) for k, v in enumerate(volumes) if isinstance(v, dict)}
    if len(mounts) != len(volumes) or len(by_name) != len(volumes) or \
            {m.get("name") for m in mounts if isinstance(m, dict)} != set(by_name):
        raise YamlRefusal("volumes that are not each mounted once are not read", where + (
            "volumes",))
    out = []
    for k, mount in enumerate(mounts):
        vk, volume = by_name[mount.get("name")]
        vw = where + ("volumes", vk)
        if set(mount) - {"mountPath", "name", "readOnly", "subPath"}:
            raise YamlRefusal("a volume mount the reader does not take", where + (
                "container", "volumeMounts", k))
        kinds = [x for x in volume if x != "name"]
        if len(kinds) != 1 or kinds[0] not in _SOURCES:
            raise YamlRefusal("a volume kind kfp 1.8.9 does not set", vw)
        source, key = _SOURCES[kinds[0]]
        body = volume[kinds[0]] or {}
        optional = source in ("secret", "config_map") and body.get("optional") is True
        if set(body) - ({"optional"} if optional else set()) != ({key} if key else set()):
            raise YamlRefusal("a volume field the reader does not take", vw)
        name = body.get(key) if key else None
        volume_name = volume["name"]
        if source == "pvc" and volume_name.startswith("pvolume-") and (
                "{{" in name or volume_name == pvolume_name(name)):
            volume_name = None               # kfp's own name for the claim
        out.append(VolumeMount(mount.get("mountPath"), source, name,
                               sub_path=mount.get("subPath"),
                               read_only=bool(mount.get("readOnly")), volume_name=volume_name,
                               optional=optional))
    return tuple(out)
