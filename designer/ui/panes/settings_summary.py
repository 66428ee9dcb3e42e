"""What a task's settings say in a line or two each, for its node's tooltip (names only, never
a secret's value: the project holds none), and how a setting's value reads there."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from designer.ir import OutputRef, ParamRef, Task
from designer.ir.pod_affinity_text import format_pod_affinity, pod_affinity_editable
from designer.ir.settings import RESOURCE_FIELDS, TaskSettings
from designer.ir.settings_rules import (affinity_editable, caching_off, format_affinity,
                                        format_pairs, format_toleration)
from designer.ir.sidecar_text import describe as describe_value


def _describe(value: Any) -> str:
    if isinstance(value, ParamRef):
        return "← " + value.name
    if isinstance(value, OutputRef):
        return f"← {value.task_id}.{value.output}"
    if value is None:
        return ""
    return str(value)


def has_settings(task: Task) -> bool:
    return not task.settings.is_default()


def settings_summary(s: TaskSettings) -> list[str]:
    """One line per group of settings, for the node's tooltip (names only, never a
    secret's value: the project holds none)."""
    if s.is_default():       # most tasks: a canvas of 2,000 asks for each when it opens
        return []
    out: list[str] = []
    if s.display_name:
        out.append(QCoreApplication.translate("SettingsSummary", "display name: {name}")
                   .format(name=s.display_name))
    if caching_off(s):
        out.append(QCoreApplication.translate("SettingsSummary", "caching: off"))
    elif s.max_cache_staleness:
        out.append(QCoreApplication.translate("SettingsSummary", "cache staleness: {age}")
                   .format(age=s.max_cache_staleness))
    if s.retry:
        out.append(QCoreApplication.translate("SettingsSummary", "retries: {n}")
                   .format(n=s.retry.num_retries)
                   + (f", {s.retry.backoff_duration}" if s.retry.backoff_duration else ""))
    if s.timeout is not None:
        out.append(QCoreApplication.translate("SettingsSummary", "timeout: {seconds} s")
                   .format(seconds=s.timeout))
    names = {"cpu_request": QCoreApplication.translate("SettingsSummary", "CPU request"),
             "cpu_limit": QCoreApplication.translate("SettingsSummary", "CPU limit"),
             "memory_request": QCoreApplication.translate("SettingsSummary", "memory request"),
             "memory_limit": QCoreApplication.translate("SettingsSummary", "memory limit"),
             "accelerator_type": QCoreApplication.translate("SettingsSummary", "accelerator"),
             "accelerator_limit": QCoreApplication.translate("SettingsSummary",
                                                             "accelerators")}
    resources = [f"{names[k]} {_describe(getattr(s, k))}"
                 for k in RESOURCE_FIELDS if getattr(s, k) is not None]
    resources += [f"{k} {v}" for k, v in {**s.other_requests, **s.other_limits}.items()]
    if resources:
        out.append(", ".join(resources))
    for var in s.env:
        if var.secret is not None:
            source = QCoreApplication.translate("SettingsSummary", "secret {name}[{key}]")
            source = source.format(name=_describe(var.secret), key=var.key)
            if var.optional:
                source += QCoreApplication.translate("SettingsSummary", " (optional)")
        elif var.config_map is not None:
            source = QCoreApplication.translate("SettingsSummary", "config map {name}[{key}]")
            source = source.format(name=_describe(var.config_map), key=var.key)
            if var.optional:
                source += QCoreApplication.translate("SettingsSummary", " (optional)")
        elif var.field_path is not None:
            source = QCoreApplication.translate("SettingsSummary", "pod field {path}")
            source = source.format(path=var.field_path)
        else:
            source = QCoreApplication.translate("SettingsSummary", "a value")
        out.append(f"{var.name} ← {source}")
    for label, pairs in ((QCoreApplication.translate("SettingsSummary", "node selector"),
                          s.node_selector),
                         (QCoreApplication.translate("SettingsSummary", "pod labels"),
                          s.pod_labels),
                         (QCoreApplication.translate("SettingsSummary", "pod annotations"),
                          s.pod_annotations)):
        if pairs:
            out.append(f"{label}: {format_pairs(pairs)}")
    if s.node_affinity:
        text = format_affinity(s.node_affinity) if affinity_editable(s.node_affinity) else \
            QCoreApplication.translate("SettingsSummary", "{n} terms").format(
                n=len(s.node_affinity))
        out.append(QCoreApplication.translate("SettingsSummary", "node affinity: {terms}")
                   .format(terms=text))
    for terms, label in (
            (s.pod_affinity, QCoreApplication.translate("SettingsSummary",
                                                        "pod affinity: {terms}")),
            (s.pod_anti_affinity, QCoreApplication.translate("SettingsSummary",
                                                             "pod anti-affinity: {terms}"))):
        if terms:
            text = format_pod_affinity(terms) if pod_affinity_editable(terms) else \
                QCoreApplication.translate("SettingsSummary", "{n} terms").format(n=len(terms))
            out.append(label.format(terms=text))
    if s.sidecars:
        out.append(QCoreApplication.translate("SettingsSummary", "sidecars: {names}").format(
            names=", ".join(f"{sc.name} ({describe_value(sc.image)})" for sc in s.sidecars)))
    if s.tolerations:
        out.append(QCoreApplication.translate("SettingsSummary", "tolerations: {list}")
                   .format(list=", ".join(format_toleration(t) if t.json is None
                                          else _describe(t.json) for t in s.tolerations)))
    if s.node_selector_json is not None:
        out.append(QCoreApplication.translate("SettingsSummary", "node selector from {value}")
                   .format(value=_describe(s.node_selector_json)
                           if not isinstance(s.node_selector_json, dict)
                           else format_pairs(s.node_selector_json)))
    if s.image_pull_policy:
        out.append(QCoreApplication.translate("SettingsSummary", "image pull policy: {policy}")
                   .format(policy=s.image_pull_policy))
    if s.security_context is not None:
        sc = s.security_context
        parts = []
        if sc.run_as_user is not None:
            parts.append(QCoreApplication.translate("SettingsSummary", "user {id}")
                         .format(id=sc.run_as_user))
        if sc.run_as_group is not None:
            parts.append(QCoreApplication.translate("SettingsSummary", "group {id}")
                         .format(id=sc.run_as_group))
        if sc.run_as_non_root is not None:
            parts.append(QCoreApplication.translate("SettingsSummary", "not as root")
                         if sc.run_as_non_root else
                         QCoreApplication.translate("SettingsSummary", "root allowed"))
        out.append(QCoreApplication.translate("SettingsSummary", "runs as: {ids}")
                   .format(ids=", ".join(parts)))
    if s.image_pull_secrets:
        out.append(QCoreApplication.translate("SettingsSummary", "image pull secrets: {names}")
                   .format(names=", ".join(_describe(n) for n in s.image_pull_secrets)))
    if s.volumes:
        out.append(QCoreApplication.translate("SettingsSummary", "volumes: {paths}")
                   .format(paths=", ".join(v.mount_path for v in s.volumes)))
    if s.ignore_upstream_failure:
        out.append(QCoreApplication.translate("SettingsSummary",
                                              "runs even if upstream tasks fail"))
    return out


__all__ = ["has_settings", "settings_summary"]
