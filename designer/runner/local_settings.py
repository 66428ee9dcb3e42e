"""What a task's run settings mean in a local run (no Qt).

Carried out here: environment variables (a value, a pipeline parameter, a secret or config
map key read from a local env file, never from the project; a pod label or annotation the
task sets, read through a field path), the task's timeout, retries
(with their backoff), the caching switch (off: never served from the run cache, nor stored
in it), the display name (the run panel and the console show it), volumes (folders standing
in for the mounts: ``local_volumes.py``). The rest (resources,
node placement, pod labels, pull policies, the PipelineConf) only has a meaning on a
cluster: it is reported once per task as "applies on the cluster", never dropped silently.

The env file is ``.env``-style, one ``KEY=VALUE`` a line (``#`` comments, optional quotes):

    secret/api-secret/token=s3cr3t          the key ``token`` of the secret ``api-secret``
    configmap/settings/level=debug          the key ``level`` of the config map ``settings``
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from designer.ir import Constant, InputError, ParamRef, Pipeline, Task
from designer.ir.settings import TaskSettings
from designer.ir.settings_rules import caching_off

from .local_volumes import LocalMount, local_mounts

# Task settings a local run carries out, and those it reports as cluster-only.
DONE_LOCALLY = ("display_name", "enable_caching", "max_cache_staleness", "retry", "timeout",
                "env", "volumes")
CLUSTER_ONLY = ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                "accelerator_type", "accelerator_limit", "node_selector", "tolerations",
                "pod_labels", "pod_annotations", "image_pull_policy", "image_pull_secrets",
                "node_affinity", "node_selector_json", "security_context", "pod_affinity",
                "pod_anti_affinity", "sidecars", "other_limits", "other_requests")
CONF_FIELDS = ("ttl_seconds_after_finished", "parallelism", "timeout", "image_pull_secrets",
               "default_node_selector", "image_pull_policy", "dns_config")
FEATURES = frozenset([f"setting:{n}" for n in DONE_LOCALLY + CLUSTER_ONLY]
                     + [f"conf:{n}" for n in CONF_FIELDS])
_DURATION = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(s|m|h)?$")
_UNIT = {None: 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def read_env_file(path: str | Path) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env``-style file; InputError ``file:line: what``."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the env file: {getattr(e, 'strerror', None) or e}",
                         str(path)) from None
    out: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise InputError(f"{path}:{number}: expected KEY=VALUE (e.g. "
                             "secret/<name>/<key>=value)")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key] = value
    return out


def duration_seconds(text: str | None) -> float:
    """Argo durations as kfp writes them: ``30``, ``30s``, ``2m``, ``1h``; None: 0."""
    if not text:
        return 0.0
    m = _DURATION.match(str(text).strip())
    if m is None:
        raise InputError(f"retry backoff {text!r}: give seconds, or a number followed by "
                         "s, m or h")
    return float(m.group(1)) * _UNIT[m.group(2)]


@dataclass(frozen=True)
class LocalSettings:
    """A task's settings as a local run uses them."""
    env: dict[str, str]             # variables added to the task's environment
    timeout: float | None           # seconds, the task's own (else the run's --timeout)
    attempts: int                   # 1 + retries
    backoff: list[float]            # seconds to wait before attempt 2, 3, ...
    use_cache: bool                 # False too when the task mounts a volume
    cluster_only: list[str]         # setting names that apply on the cluster only
    mounts: tuple[LocalMount, ...] = ()

    def wait_before(self, attempt: int) -> float:
        """Seconds to wait before ``attempt`` (2, 3, ...)."""
        return self.backoff[attempt - 2] if attempt - 2 < len(self.backoff) else 0.0


def _backoff(s: TaskSettings) -> list[float]:
    r = s.retry
    if r is None or r.num_retries <= 0:
        return []
    base = duration_seconds(r.backoff_duration)
    cap = duration_seconds(r.backoff_max_duration) if r.backoff_max_duration else None
    factor = r.backoff_factor if r.backoff_factor is not None else 1.0
    waits = []
    for i in range(r.num_retries):
        wait = base * factor ** i
        waits.append(min(wait, cap) if cap is not None else wait)
    return waits


def _env_value(task: Task, name: str, value: Any, params: Mapping[str, str]) -> str:
    if isinstance(value, (str, int, float, bool)):
        return str(value)
    if isinstance(value, Constant):
        return str(value.value)
    if isinstance(value, ParamRef) and value.name in params:
        return params[value.name]
    raise InputError(f"task `{task.name}`: environment variable `{name}` is set from "
                     f"{type(value).__name__}; a local run can use a value, a pipeline "
                     "parameter, or a secret / config map key from the env file")


_POD_FIELD = re.compile(r"^metadata\.(labels|annotations)\['([^'\[\]]+)'\]$")


def _pod_field(task: Task, path: str, params: Mapping[str, str]) -> str | None:
    """A pod field a local run knows: a label or annotation of the task's pod ("" for one
    the task does not set, as Kubernetes gives it); None for the others (name, IP...)."""
    m = _POD_FIELD.match(path)
    if m is None:
        return None
    pairs = task.settings.pod_labels if m.group(1) == "labels" else task.settings.pod_annotations
    if m.group(2) not in pairs:
        return ""
    return _env_value(task, path, pairs[m.group(2)], params)


def local_settings(task: Task, params: Mapping[str, str],
                   env_file: Mapping[str, str]) -> LocalSettings:
    """InputError (before anything runs) for a secret or config map key the env file lacks."""
    s = task.settings
    env: dict[str, str] = {}
    pod_fields = False
    for var in s.env:
        if var.field_path is not None:
            value = _pod_field(task, var.field_path, params)
            if value is None:
                pod_fields = True       # the pod's name, IP...: only a cluster has them
            else:
                env[var.name] = value
        elif var.secret is not None or var.config_map is not None:
            kind = "secret" if var.secret is not None else "configmap"
            source = var.secret if var.secret is not None else var.config_map
            source = _env_value(task, var.name, source, params)
            lookup = f"{kind}/{source}/{var.key}"
            if lookup not in env_file and var.optional:
                continue            # unset, as on a cluster that lacks it
            if lookup not in env_file:
                what = "secret" if kind == "secret" else "config map"
                raise InputError(
                    f"task `{task.name}`: environment variable `{var.name}` reads the key "
                    f"`{var.key}` of the {what} `{source}`: give its value in an env file "
                    f"(a line `{lookup}=...`; kfp-designer run --env-file FILE, or the run "
                    "dialog); the project never stores it")
            env[var.name] = env_file[lookup]
        else:
            env[var.name] = "" if var.value is None else _env_value(task, var.name,
                                                                     var.value, params)
    changed = set(s.changed())
    return LocalSettings(
        env=env, timeout=float(s.timeout) if s.timeout is not None else None,
        attempts=1 + (s.retry.num_retries if s.retry is not None else 0),
        backoff=_backoff(s), use_cache=not caching_off(s) and not s.volumes,
        cluster_only=[n for n in CLUSTER_ONLY if n in changed]
        + (["environment_from_pod_fields"] if pod_fields else []),
        mounts=tuple(local_mounts(task, params)))


def needs_env_file(p: Pipeline) -> bool:
    """Whether a task reads a secret or config map key (a local run needs an env file)."""
    return any(v.secret is not None or v.config_map is not None
               for t in p.tasks for v in t.settings.env)


def cluster_only_message(names: list[str]) -> str:
    return ("applies on the cluster, not in a local run: "
            + ", ".join(n.replace("_", " ") for n in names))


def conf_cluster_only(p: Pipeline) -> list[str]:
    return [n for n in CONF_FIELDS if n in p.conf.changed()]


__all__ = ["FEATURES", "LocalSettings", "local_settings", "read_env_file", "caching_off",
           "needs_env_file",
           "cluster_only_message", "conf_cluster_only", "duration_seconds"]
