"""Task settings and the kfp 1 pipeline configuration as the statements people write.

kfp 1: methods of the op (``set_retry``, ``add_toleration(V1Toleration(...))``,
``container.add_env_variable(V1EnvVar(...))``, ``add_pvolumes``...); kfp 2: methods of
the task (``set_cpu_limit``, ``set_env_variable``) and kfp-kubernetes calls
(``kubernetes.add_node_selector(task, ...)``). Each statement is what the importer
(designer/importers/_settings.py) reads back into the same ``TaskSettings``.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from designer.ir.errors import InputError
from designer.ir.settings import (RESOURCE_FIELDS, EnvVar, PipelineConf, PodAffinityTerm,
                                  TaskSettings, VolumeMount)

from .python_layout import Group, Piece, attr_call, call, kwarg, literal
from .python_names import Expressions, Imports
from .v1_settings import pvolume_name

Statement = list[Piece]
_GPU_VENDORS = {"nvidia.com/gpu": "nvidia", "amd.com/gpu": "amd"}


def _refuse(what: str) -> InputError:
    return InputError(f"cannot export the pipeline: {what}")


class SettingsWriter:
    def __init__(self, target: str, imports: Imports, exprs: Expressions):
        self.target = target
        self.imports = imports
        self.e = exprs

    def value(self, v: Any) -> list[Piece]:
        """A setting's value: a constant as written, or a run-time argument."""
        if isinstance(v, (str, int, float, bool)) or v is None:
            return literal(v)
        return self.e(v)

    def statements(self, var: str, s: TaskSettings) -> list[Statement]:
        out: list[Statement] = []
        v1 = self.target == "v1"
        if s.display_name is not None:
            out.append(attr_call(var, "set_display_name", [literal(s.display_name)]))
        if s.enable_caching is not None:
            out.append(attr_call(var, "set_caching_options", [literal(s.enable_caching)]))
        if s.max_cache_staleness is not None:
            if not v1:
                raise _refuse("a cache staleness is a kfp 1 setting")
            out.append([f"{var}.execution_options.caching_strategy.max_cache_staleness = ",
                        *literal(s.max_cache_staleness)])
        if s.retry is not None:
            out.append(self._retry(var, s))
        if s.timeout is not None:
            out.append(attr_call(var, "set_timeout", [literal(s.timeout)]) if v1 else
                       call(self.imports.kubernetes("set_timeout"), [[var], literal(s.timeout)]))
        out += self._resources(var, s)
        for key, value in s.node_selector.items():
            out.append(attr_call(var, "add_node_selector_constraint",
                                 [literal(key), literal(value)]) if v1 else
                       call(self.imports.kubernetes("add_node_selector"),
                            [[var], literal(key), literal(value)]))
        if s.node_selector_json is not None:
            if v1:
                raise _refuse("a node selector from JSON is a kfp 2 (kfp-kubernetes) setting")
            value = s.node_selector_json
            out.append(call(self.imports.kubernetes("add_node_selector_json"), [
                [var], literal(value) if isinstance(value, dict) else self.value(value)]))
        for t in s.tolerations:
            if t.json is not None:
                if v1:
                    raise _refuse("a toleration from JSON is a kfp 2 (kfp-kubernetes) setting")
                out.append(call(self.imports.kubernetes("add_toleration_json"),
                                [[var], self.value(t.json)]))
                continue
            fields = [kwarg(k, literal(getattr(t, k))) for k in
                      ("key", "operator", "value", "effect", "toleration_seconds")
                      if getattr(t, k) is not None]
            out.append(attr_call(var, "add_toleration", [
                call(self.imports.k8s_client("V1Toleration"), fields)]) if v1 else
                call(self.imports.kubernetes("add_toleration"), [[var], *fields]))
        if s.node_affinity or s.pod_affinity or s.pod_anti_affinity:
            out += self._affinity(var, s)
        out += self._env(var, s.env)
        out += self._volumes(var, s.volumes)
        for field, func in (("pod_labels", "add_pod_label"),
                            ("pod_annotations", "add_pod_annotation")):
            for key, value in getattr(s, field).items():
                out.append(attr_call(var, func, [literal(key), literal(value)]) if v1 else
                           call(self.imports.kubernetes(func), [[var], literal(key),
                                                                literal(value)]))
        if s.image_pull_policy is not None:
            out.append(attr_call(f"{var}.container", "set_image_pull_policy",
                                 [literal(s.image_pull_policy)]) if v1 else
                       call(self.imports.kubernetes("set_image_pull_policy"),
                            [[var], literal(s.image_pull_policy)]))
        if s.image_pull_secrets:
            if v1:
                raise _refuse("image pull secrets of a task are a kfp 2 setting (kfp 1 sets "
                              "them for the whole pipeline)")
            out.append(call(self.imports.kubernetes("set_image_pull_secrets"), [[var], [
                Group("[", [self.value(n) for n in s.image_pull_secrets], "]",
                      "collection")]]))
        for sidecar in s.sidecars:      # (kfp 2: refused before, a task runs one container)
            args = [kwarg("name", literal(sidecar.name)),
                    kwarg("image", self.value(sidecar.image))]
            for key in ("command", "args"):
                words = getattr(sidecar, key)
                if words:
                    args.append(kwarg(key, [Group("[", [self.value(w) for w in words], "]",
                                                  "collection")]))
            if sidecar.mirror_volume_mounts is not None:
                args.append(kwarg("mirror_volume_mounts",
                                  literal(sidecar.mirror_volume_mounts)))
            out.append(attr_call(var, "add_sidecar", [call(self.imports.dsl("Sidecar"), args)]))
        if s.security_context is not None:
            sc = s.security_context
            fields = [kwarg(k, literal(getattr(sc, k))) for k in (
                "run_as_user", "run_as_group", "run_as_non_root") if getattr(sc, k) is not None]
            out.append(attr_call(f"{var}.container", "set_security_context", [
                call(self.imports.k8s_client("V1SecurityContext"), fields)]) if v1 else
                call(self.imports.kubernetes("set_security_context"), [[var], *fields]))
        if s.ignore_upstream_failure:
            if v1:
                raise _refuse("`ignore_upstream_failure` is a kfp 2 setting")
            out.append(attr_call(var, "ignore_upstream_failure", []))
        return out

    def _retry(self, var: str, s: TaskSettings) -> Statement:
        r = s.retry
        args = [literal(r.num_retries)]
        if r.policy is not None:
            if self.target != "v1":
                raise _refuse("a retry policy is a kfp 1 setting")
            args.append(kwarg("policy", literal(r.policy)))
        for key in ("backoff_duration", "backoff_factor", "backoff_max_duration"):
            if getattr(r, key) is not None:
                args.append(kwarg(key, literal(getattr(r, key))))
        if self.target == "v2" and len(args) > 1:
            args[0] = kwarg("num_retries", args[0])
        return attr_call(var, "set_retry", args)

    def _resources(self, var: str, s: TaskSettings) -> list[Statement]:
        # The order the v1 compiler writes them in (``v1_settings``): the listed fields (both
        # accelerator fields are one call), then the others; only those that are set.
        named = ("accelerator_limit" if n == "accelerator_type" else n for n in s.resource_order)
        listed = [n for n in dict.fromkeys(named) if n in RESOURCE_FIELDS]
        order = [f for f in listed + [f for f in RESOURCE_FIELDS if f not in listed]
                 if getattr(s, f) is not None]
        out: list[Statement] = []
        accelerator = False
        for field in order:
            if field.startswith("accelerator"):
                if not accelerator:
                    out += self._accelerator(var, s)
                accelerator = True
                continue
            out.append(attr_call(var, f"set_{field}", [self.value(getattr(s, field))]))
        for kind, others in (("limit", s.other_limits), ("request", s.other_requests)):
            for key, value in others.items():   # (kfp 2: refused before)
                out.append(attr_call(f"{var}.container", f"add_resource_{kind}",
                                     [literal(key), literal(value)]))
        return out

    def _accelerator(self, var: str, s: TaskSettings) -> list[Statement]:
        kind, limit = s.accelerator_type, s.accelerator_limit
        if self.target == "v1":
            vendor = _GPU_VENDORS.get(kind) if isinstance(kind, str) else None
            if kind is None or limit is None:
                raise _refuse("kfp 1 sets an accelerator type and count together")
            if not isinstance(kind, str):
                raise _refuse("kfp 1 takes the accelerator type as a string known when the "
                              "pipeline is compiled")
            if vendor is None:
                return [attr_call(var, "add_resource_limit", [self.value(kind),
                                                              self.value(limit)])]
            args = [self.value(limit)] + ([literal(vendor)] if vendor != "nvidia" else [])
            return [attr_call(var, "set_gpu_limit", args)]
        out = []
        if kind is not None:
            out.append(attr_call(var, "set_accelerator_type", [self.value(kind)]))
        if limit is not None and not (kind is not None and limit == "1"):
            if isinstance(limit, str) and limit.isdigit():
                limit = int(limit)
            out.append(attr_call(var, "set_accelerator_limit", [self.value(limit)]))
        return out

    # --- node affinity ----------------------------------------------------------------
    def _affinity(self, var: str, s: TaskSettings) -> list[Statement]:
        terms = s.node_affinity
        if self.target == "v2":     # (pod affinity: refused before, kfp-kubernetes has none)
            out = []
            for t in terms:
                if t.json is not None:
                    out.append(call(self.imports.kubernetes("add_node_affinity_json"), [
                        [var], literal(t.json) if isinstance(t.json, dict)
                        else self.value(t.json)]))
                    continue
                args = [[var]]
                for key, rs in (("match_expressions", t.match_expressions),
                                ("match_fields", t.match_fields)):
                    if rs:
                        args.append(kwarg(key, literal([
                            {"key": r.key, "operator": r.operator,
                             **({"values": list(r.values)} if r.values else {})}
                            for r in rs])))
                if t.weight is not None:
                    args.append(kwarg("weight", literal(t.weight)))
                out.append(call(self.imports.kubernetes("add_node_affinity"), args))
            return out
        k = self.imports.k8s_client

        def requirements(rs) -> list[Piece]:
            items = [call(k("V1NodeSelectorRequirement"), [
                kwarg("key", literal(r.key)), kwarg("operator", literal(r.operator)),
                *([kwarg("values", literal(list(r.values)))] if r.values else [])])
                for r in rs]
            return [Group("[", items, "]", "collection")]

        def selector_term(t) -> list[Piece]:
            args = []
            if t.match_expressions:
                args.append(kwarg("match_expressions", requirements(t.match_expressions)))
            if t.match_fields:
                args.append(kwarg("match_fields", requirements(t.match_fields)))
            return call(k("V1NodeSelectorTerm"), args)

        if any(t.json is not None for t in terms):
            raise _refuse("a node affinity from JSON is a kfp 2 (kfp-kubernetes) setting")
        required = [selector_term(t) for t in terms if t.weight is None]
        preferred = [call(k("V1PreferredSchedulingTerm"), [
            kwarg("weight", literal(t.weight)), kwarg("preference", selector_term(t))])
            for t in terms if t.weight is not None]
        node: list = []
        if required:
            node.append(kwarg("required_during_scheduling_ignored_during_execution", call(
                k("V1NodeSelector"), [kwarg("node_selector_terms", [
                    Group("[", required, "]", "collection")])])))
        if preferred:
            node.append(kwarg("preferred_during_scheduling_ignored_during_execution",
                              [Group("[", preferred, "]", "collection")]))
        parts = [kwarg("node_affinity", call(k("V1NodeAffinity"), node))] if terms else []
        for field, kind, pod_terms in (("pod_affinity", "V1PodAffinity", s.pod_affinity),
                                       ("pod_anti_affinity", "V1PodAntiAffinity",
                                        s.pod_anti_affinity)):
            if pod_terms:
                parts.append(kwarg(field, call(k(kind), self._pod_terms(pod_terms))))
        return [attr_call(var, "add_affinity", [call(k("V1Affinity"), parts)])]

    def _pod_terms(self, terms: tuple[PodAffinityTerm, ...]) -> list[Piece]:
        """``V1PodAffinity``'s arguments: required ``V1PodAffinityTerm``s, preferred
        ``V1WeightedPodAffinityTerm``s."""
        k = self.imports.k8s_client

        def term(t: PodAffinityTerm) -> list[Piece]:
            args = []
            if t.label_selector is not None:
                sel = []
                if t.label_selector.match_expressions:
                    sel.append(kwarg("match_expressions", [Group("[", [
                        call(k("V1LabelSelectorRequirement"), [
                            kwarg("key", literal(r.key)), kwarg("operator", literal(r.operator)),
                            *([kwarg("values", literal(list(r.values)))] if r.values else [])])
                        for r in t.label_selector.match_expressions], "]", "collection")]))
                labels = t.label_selector.match_labels
                if labels:
                    sel.append(kwarg("match_labels", literal(dict(labels))))
                args.append(kwarg("label_selector", call(k("V1LabelSelector"), sel)))
            if t.namespaces:
                args.append(kwarg("namespaces", literal(list(t.namespaces))))
            args.append(kwarg("topology_key", literal(t.topology_key)))
            return call(k("V1PodAffinityTerm"), args)

        required = [term(t) for t in terms if t.weight is None]
        preferred = [call(k("V1WeightedPodAffinityTerm"), [
            kwarg("weight", literal(t.weight)), kwarg("pod_affinity_term", term(t))])
            for t in terms if t.weight is not None]
        out = []
        if required:
            out.append(kwarg("required_during_scheduling_ignored_during_execution",
                             [Group("[", required, "]", "collection")]))
        if preferred:
            out.append(kwarg("preferred_during_scheduling_ignored_during_execution",
                             [Group("[", preferred, "]", "collection")]))
        return out

    # --- environment ------------------------------------------------------------------
    def _env(self, var: str, env: tuple[EnvVar, ...]) -> list[Statement]:
        out: list[Statement] = []
        for e in env:
            if e.optional and e.secret is None and e.config_map is None:
                raise _refuse(f"environment variable `{e.name}` is optional, which only one "
                              "read from a secret or config map can be")
        if self.target == "v1":
            for e in env:
                out.append(attr_call(f"{var}.container", "add_env_variable",
                                     [self._v1_env(e)]))
            return out
        i = 0
        while i < len(env):
            e = env[i]
            if e.field_path is not None:
                out.append(call(self.imports.kubernetes("use_field_path_as_env"),
                                [[var], literal(e.name), literal(e.field_path)]))
                i += 1
                continue
            if e.secret is None and e.config_map is None:
                if not isinstance(e.value, str):
                    raise _refuse(f"environment variable `{e.name}` of a kfp 2 task must be a "
                                  "string known when the pipeline is compiled")
                out.append(attr_call(var, "set_env_variable", [literal(e.name),
                                                               literal(e.value)]))
                i += 1
                continue
            source = "secret" if e.secret is not None else "config_map"
            ref = e.secret if e.secret is not None else e.config_map
            keys: dict[str, str] = {}
            # one call per run of variables from the same secret / config map
            while i < len(env) and (env[i].secret if source == "secret"
                                    else env[i].config_map) == ref and (
                    env[i].key not in keys) and env[i].optional == e.optional \
                    and env[i].field_path is None:
                keys[env[i].key] = env[i].name
                i += 1
            optional = [kwarg("optional", literal(True))] if e.optional else []
            out.append(call(self.imports.kubernetes(f"use_{source}_as_env"),
                            [[var], self.value(ref), literal(keys), *optional]))
        return out

    def _v1_env(self, e: EnvVar) -> list[Piece]:
        env_var = self.imports.k8s_client("V1EnvVar")
        if e.field_path is not None:
            selector = call(self.imports.k8s_client("V1ObjectFieldSelector"),
                            [kwarg("field_path", literal(e.field_path))])
            source = call(self.imports.k8s_client("V1EnvVarSource"),
                          [kwarg("field_ref", selector)])
            return call(env_var, [kwarg("name", literal(e.name)), kwarg("value_from", source)])
        if e.secret is None and e.config_map is None:
            args = [kwarg("name", literal(e.name))]
            if e.value is not None:
                args.append(kwarg("value", self.value(e.value)))
            return call(env_var, args)
        secret = e.secret is not None
        selector = self.imports.k8s_client("V1SecretKeySelector" if secret
                                           else "V1ConfigMapKeySelector")
        ref = call(selector, [kwarg("name", self.value(e.secret if secret else e.config_map)),
                              kwarg("key", literal(e.key))]
                   + ([kwarg("optional", literal(True))] if e.optional else []))
        source = call(self.imports.k8s_client("V1EnvVarSource"),
                      [kwarg("secret_key_ref" if secret else "config_map_key_ref", ref)])
        return call(env_var, [kwarg("name", literal(e.name)), kwarg("value_from", source)])

    # --- volumes ------------------------------------------------------------------------
    def _volumes(self, var: str, mounts: tuple[VolumeMount, ...]) -> list[Statement]:
        return (self._v1_volumes(var, mounts) if self.target == "v1"
                else [self._v2_volume(var, m) for m in mounts])

    def _v1_volumes(self, var: str, mounts: tuple[VolumeMount, ...]) -> list[Statement]:
        out: list[Statement] = []
        pending: list[list[Piece]] = []     # consecutive add_pvolumes entries

        def flush() -> None:
            if pending:
                out.append(attr_call(var, "add_pvolumes",
                                     [[Group("{", list(pending), "}", "collection")]]))
                pending.clear()

        for m in mounts:
            if m.source == "pvc" and not m.sub_path and not m.read_only:
                if m.volume_task is not None:
                    if m.volume_name is not None:
                        # kfp 1 names a VolumeOp's volume after the op; ``PipelineVolume(
                        # volume=...)`` takes no other name.
                        raise _refuse(f"the volume at `{m.mount_path}` is named "
                                      f"`{m.volume_name}`, but kfp 1 names a VolumeOp's "
                                      "volume after the op")
                    vol = [f"{self.e.tasks[m.volume_task]}.volume"]
                else:
                    args = [kwarg("pvc", self.value(m.name))]
                    if m.volume_name is not None:
                        args.append(kwarg("name", literal(m.volume_name)))
                    vol = call(self.imports.dsl("PipelineVolume"), args)
                pending.append([*literal(m.mount_path), ": ", *vol])
                continue
            flush()
            out += self._v1_volume_and_mount(var, m)
        flush()
        return out

    def _v1_volume_and_mount(self, var: str, m: VolumeMount) -> list[Statement]:
        if m.volume_name is None and m.source == "pvc" and isinstance(m.name, str):
            # The name kfp 1's compiler gives it (``PipelineVolume(pvc=...)``): same YAML.
            m = dataclasses.replace(m, volume_name=pvolume_name(m.name))
        if m.volume_name is None or m.volume_task is not None:
            raise _refuse(f"the volume at `{m.mount_path}` needs a name to be written as a "
                          "kfp 1 `V1Volume`")
        k = self.imports.k8s_client
        optional = [kwarg("optional", literal(True))] if m.optional else []
        sources: dict[str, Callable[[], tuple[str, list[Piece]]]] = {
            "pvc": lambda: ("persistent_volume_claim", call(
                k("V1PersistentVolumeClaimVolumeSource"),
                [kwarg("claim_name", self.value(m.name))])),
            "secret": lambda: ("secret", call(k("V1SecretVolumeSource"),
                                              [kwarg("secret_name", literal(m.name)),
                                               *optional])),
            "config_map": lambda: ("config_map", call(k("V1ConfigMapVolumeSource"),
                                                      [kwarg("name", literal(m.name)),
                                                       *optional])),
            "empty_dir": lambda: ("empty_dir", call(k("V1EmptyDirVolumeSource"), [])),
            "host_path": lambda: ("host_path", call(k("V1HostPathVolumeSource"),
                                                    [kwarg("path", literal(m.name))])),
        }
        if m.medium is not None or m.size_limit is not None:
            raise _refuse(f"the empty dir at `{m.mount_path}` sets a medium or size limit, "
                          "which the designer writes for kfp 2 only")
        if m.source not in sources:
            raise _refuse(f"the {m.source.replace('_', ' ')} volume at `{m.mount_path}` has no "
                          "kfp 1 form the designer writes")
        key, source = sources[m.source]()
        volume = call(k("V1Volume"), [kwarg("name", literal(m.volume_name)), kwarg(key, source)])
        mount = [kwarg("name", literal(m.volume_name)), kwarg("mount_path", literal(m.mount_path))]
        if m.sub_path:
            mount.append(kwarg("sub_path", literal(m.sub_path)))
        if m.read_only:
            mount.append(kwarg("read_only", literal(True)))
        return [attr_call(var, "add_volume", [volume]),
                attr_call(f"{var}.container", "add_volume_mount",
                          [call(k("V1VolumeMount"), mount)])]

    def _v2_volume(self, var: str, m: VolumeMount) -> Statement:
        if m.read_only:
            raise _refuse(f"the read-only volume at `{m.mount_path}` has no kfp-kubernetes call")
        path = kwarg("mount_path", literal(m.mount_path))
        if m.source == "pvc":
            args = [[var], kwarg("pvc_name", self.value(m.name)), path]
            if m.sub_path:
                args.append(kwarg("sub_path", literal(m.sub_path)))
            return call(self.imports.kubernetes("mount_pvc"), args)
        if m.sub_path:
            raise _refuse(f"a sub path of the {m.source} volume at `{m.mount_path}`")
        if m.source not in ("ephemeral", "empty_dir", "secret", "config_map"):
            raise _refuse(f"the {m.source.replace('_', ' ')} volume at `{m.mount_path}` has no "
                          "kfp-kubernetes call")
        if m.source == "ephemeral" and m.ephemeral is not None:
            claim = m.ephemeral
            args = [[var], kwarg("volume_name", literal(m.volume_name)), path,
                    kwarg("access_modes", literal(list(claim.access_modes))),
                    kwarg("size", literal(claim.size))]
            if claim.storage_class_name is not None:
                args.append(kwarg("storage_class_name", literal(claim.storage_class_name)))
            for key in ("labels", "annotations"):
                if getattr(claim, key):
                    args.append(kwarg(key, literal(dict(getattr(claim, key)))))
            return call(self.imports.kubernetes("add_ephemeral_volume"), args)
        if m.source == "empty_dir":
            args = [[var], kwarg("volume_name", literal(m.volume_name)), path]
            args += [kwarg(key, literal(getattr(m, key))) for key in ("medium", "size_limit")
                     if getattr(m, key) is not None]
            return call(self.imports.kubernetes("empty_dir_mount"), args)
        optional = [kwarg("optional", literal(True))] if m.optional else []
        return call(self.imports.kubernetes(f"use_{m.source}_as_volume"),
                    [[var], self.value(m.name), path, *optional])

    # --- kfp 1 pipeline configuration ---------------------------------------------------
    def conf(self, conf: PipelineConf, var: str) -> list[Statement]:
        if conf.is_default():
            return []
        out: list[Statement] = [[f"{var} = ", *call(self.imports.dsl("get_pipeline_conf"), [])]]
        if conf.ttl_seconds_after_finished is not None:
            out.append(attr_call(var, "set_ttl_seconds_after_finished",
                                 [literal(conf.ttl_seconds_after_finished)]))
        if conf.parallelism is not None:
            out.append(attr_call(var, "set_parallelism", [literal(conf.parallelism)]))
        if conf.image_pull_secrets:
            ref = self.imports.k8s_client("V1LocalObjectReference")
            items = [call(ref, [kwarg("name", literal(n))]) for n in conf.image_pull_secrets]
            out.append(attr_call(var, "set_image_pull_secrets",
                                 [[Group("[", items, "]", "collection")]]))
        for key, value in conf.default_node_selector.items():
            out.append(attr_call(var, "set_default_pod_node_selector",
                                 [literal(key), literal(value)]))
        if conf.timeout is not None:
            out.append(attr_call(var, "set_timeout", [literal(conf.timeout)]))
        if conf.image_pull_policy is not None:
            out.append(attr_call(var, "set_image_pull_policy", [literal(conf.image_pull_policy)]))
        if conf.dns_config is not None:
            dns, k = conf.dns_config, self.imports.k8s_client
            args = [kwarg(key, literal(list(getattr(dns, key))))
                    for key in ("nameservers", "searches") if getattr(dns, key)]
            if dns.options:
                args.append(kwarg("options", [Group("[", [call(k("V1PodDNSConfigOption"), [
                    kwarg("name", literal(o.name)),
                    *([kwarg("value", literal(o.value))] if o.value is not None else [])])
                    for o in dns.options], "]", "collection")]))
            out.append(attr_call(var, "set_dns_config", [call(k("V1PodDNSConfig"), args)]))
        return out


__all__ = ["SettingsWriter"]
