"""What a person may type for each task / pipeline run setting, and how it reads back.

Qt-free so the Properties pane, the CLI and tests share one set of rules. A value both
kfp SDKs refuse, or one of them refuses, is refused here with kfp's own words (a
project compiles for both targets): ``kfp 1.8.9`` (``kfp/dsl/_container_op.py``,
``Container._validate_cpu_string`` / ``_validate_size_string`` /
``_validate_positive_number``) and ``kfp 2.17.3`` (``kfp/dsl/pipeline_task.py``,
``PipelineTask._validate_cpu_request_limit`` / ``_validate_memory_request_limit`` /
``set_accelerator_limit``). Rules kfp has no check for (whole numbers, key=value lists,
tolerations) speak with templates marked for translation (``ir/translatable.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .settings import NodeAffinityTerm, NodeRequirement, TaskSettings, Toleration
from .translatable import QT_TRANSLATE_NOOP

KFP1 = "kfp 1.8.9"
KFP2 = "kfp 2.17.3"
CONTEXT = "SettingsRules"

# kfp's messages, verbatim.
KFP1_CPU = 'Invalid cpu string. Should be float or integer, or integer followed by "m".'
KFP2_CPU = KFP1_CPU
KFP1_MEMORY = ('Invalid memory string. Should be an integer, or integer followed by one of '
               '"E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki"')
KFP2_MEMORY = ('Invalid memory string. Should be a number or a number followed by one of "E", '
               '"Ei", "P", "Pi", "T", "Ti", "G", "Gi", "M", "Mi", "K", "Ki".')
KFP1_GPU_INTEGER = "Invalid gpu. Should be integer."
KFP1_GPU_POSITIVE = "gpu must be positive integer."
KFP2_ACCELERATOR = "limit must be a non-negative integer."

AFFINITY_OPERATORS = ("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn")
# kfp-kubernetes' add_node_affinity (_add_affinity_terms), verbatim.
KFP2_AFFINITY_KEY = "Each {kind} must have a non-empty 'key'."
KFP2_AFFINITY_OPERATOR = "Each {kind} for key '{key}' must have a non-empty 'operator'."
KFP2_AFFINITY_BAD_OPERATOR = ("Invalid operator '{operator}' for key '{key}' in {kind}. Must be "
                              "one of ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'].")
KFP2_WEIGHT = "weight must be between 1 and 100, got {weight}."

KFP_SAYS = QT_TRANSLATE_NOOP("SettingsRules", "{sdk} refuses it: {message}")
WHOLE_NUMBER = QT_TRANSLATE_NOOP("SettingsRules", "Give a whole number of {minimum} or more")
DURATION = QT_TRANSLATE_NOOP("SettingsRules",
                             "Give a duration: a number of seconds, or a number followed by "
                             "s, m or h (e.g. 30s, 5m)")
PAIRS = QT_TRANSLATE_NOOP("SettingsRules",
                          "“{item}”: write key=value pairs separated by commas")
TOLERATION = QT_TRANSLATE_NOOP("SettingsRules",
                               "“{item}”: write key[=value][:Effect][@seconds] separated by "
                               "commas; the effect is NoSchedule, PreferNoSchedule or "
                               "NoExecute")
ENV_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                             "“{name}” is not a valid environment variable name (letters, "
                             "digits, _ - . and not starting with a digit)")
FIELD_PATH = QT_TRANSLATE_NOOP("SettingsRules",
                               "“{path}” is not a field Kubernetes gives a container: "
                               "metadata.name, metadata.namespace, metadata.uid, "
                               "metadata.labels['key'], metadata.annotations['key'], "
                               "spec.nodeName, spec.serviceAccountName, status.hostIP, "
                               "status.hostIPs, status.podIP or status.podIPs")
AFFINITY = QT_TRANSLATE_NOOP("SettingsRules",
                             "“{item}”: write [weight:] key operator [values], requirements "
                             "joined by &, terms separated by ; (field:key for a node field), "
                             "e.g. disktype In ssd,nvme & zone Exists; 5: pool In spot")
RETRIES_FIRST = QT_TRANSLATE_NOOP("SettingsRules", "Set a number of retries first")
ENV_SOURCE = QT_TRANSLATE_NOOP("SettingsRules",
                               "Give the name of the secret or config map and the key to read")
FACTOR = QT_TRANSLATE_NOOP("SettingsRules", "Give a number, e.g. 2 or 1.5")
STALENESS = QT_TRANSLATE_NOOP("SettingsRules",
                              "Give an ISO 8601 duration: P30D, PT12H, P1DT6H (P0D: never "
                              "reuse)")
MOUNT_PATH = QT_TRANSLATE_NOOP("SettingsRules",
                               "Give an absolute path without “:”, e.g. /data")
MOUNT_TAKEN = QT_TRANSLATE_NOOP("SettingsRules", "Another volume of this task is mounted at "
                                "{path}")
CLAIM = QT_TRANSLATE_NOOP("SettingsRules",
                          "“{name}” is not a valid claim name (lower-case letters, digits, "
                          "- and ., starting and ending with a letter or digit)")
OBJECT_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                "“{name}” is not a valid Kubernetes name (lower-case letters, "
                                "digits, - and ., starting and ending with a letter or digit)")
VOLUME_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                "“{name}” is not a valid volume name (up to 63 lower-case "
                                "letters, digits and -, starting and ending with a letter or "
                                "digit)")
QUANTITY = QT_TRANSLATE_NOOP("SettingsRules",
                             "Give a size: a number with a unit, e.g. 1Gi, 500Mi")
SUB_PATH = QT_TRANSLATE_NOOP("SettingsRules",
                             "Give a relative path inside the volume, without “..”")

_CPU1 = re.compile(r"^[0-9]+m$")
_CPU2 = re.compile(r"([0-9]*[.])?[0-9]+m?$")
_MEMORY = re.compile(r"^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$")
_DURATION = re.compile(r"^[0-9]+(\.[0-9]+)?(s|m|h)?$")
_ISO_DURATION = re.compile(r"^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
                           r"(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$")
_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
# Kubernetes object names (a PVC's): a DNS-1123 subdomain.
_DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
# The pod fields an environment variable may read (Kubernetes'
# ``validEnvDownwardAPIFieldPathExpressions`` and the subscripted labels / annotations).
FIELD_PATHS = ("metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
               "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
               "status.podIPs")
_FIELD_SUBSCRIPT = re.compile(r"^metadata\.(labels|annotations)\['[^'\[\]]+'\]$")
_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_QUANTITY = re.compile(r"^([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$")
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


@dataclass(frozen=True)
class Problem:
    """Why a value is refused: a translatable ``template`` and its fields."""
    template: str
    args: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """In English (CLI, logs); the UI translates ``template`` in CONTEXT first."""
        return self.template.format(**self.args)


class RuleError(ValueError):
    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def _kfp(sdk: str, message: str) -> Problem:
    return Problem(KFP_SAYS, {"sdk": sdk, "message": message})


def caching_off(s: TaskSettings) -> bool:
    """Whether the task never reuses cached results (kfp 2 caching off, kfp 1 staleness 0)."""
    return s.enable_caching is False or s.max_cache_staleness == "P0D"


def cpu_problem(text: str) -> Problem | None:
    """``500m``, ``2``, ``0.5``; kfp 1 also takes what ``float()`` reads, kfp 2 a decimal
    number with an optional ``m``: both must take it."""
    if _CPU1.match(text) is None:
        try:
            float(text)
        except ValueError:
            return _kfp(KFP1, KFP1_CPU)
    if _CPU2.match(text) is None:
        return _kfp(KFP2, KFP2_CPU)
    return None


def memory_problem(text: str) -> Problem | None:
    """``512Mi``, ``2Gi``, ``1000000``: one regular expression in both SDKs."""
    if _MEMORY.match(text) is None:
        return _kfp(KFP1, KFP1_MEMORY)
    return None


def accelerator_count_problem(text: str) -> Problem | None:
    """kfp 1 ``set_gpu_limit``: an integer above 0; kfp 2 ``set_accelerator_limit``: digits."""
    try:
        count = int(text)
    except ValueError:
        return _kfp(KFP1, KFP1_GPU_INTEGER)
    if count <= 0:
        return _kfp(KFP1, KFP1_GPU_POSITIVE)
    if re.match(r"^\d+$", text) is None:
        return _kfp(KFP2, KFP2_ACCELERATOR)
    return None


def whole_number(text: str, minimum: int = 0) -> int:
    """``text`` as an int of at least ``minimum``; RuleError otherwise."""
    text = text.strip()
    if re.fullmatch(r"[0-9]+", text) is None or int(text) < minimum:
        raise RuleError(Problem(WHOLE_NUMBER, {"minimum": minimum}))
    return int(text)


def duration_problem(text: str) -> Problem | None:
    """Argo's retry backoff durations: ``10``, ``10s``, ``2m``, ``1h``."""
    return None if _DURATION.match(text) else Problem(DURATION)


def factor(text: str) -> float:
    """A positive number; a whole one stays an int (kfp writes ``2`` as given, not ``2.0``)."""
    try:
        value = int(text) if re.fullmatch(r"[0-9]+", text.strip()) else float(text)
    except ValueError:
        raise RuleError(Problem(FACTOR)) from None
    if not value > 0 or value == float("inf"):
        raise RuleError(Problem(FACTOR))
    return value


def staleness_problem(text: str) -> Problem | None:
    """kfp 1's ``max_cache_staleness``: an ISO 8601 duration (kfp writes it as given)."""
    return None if _ISO_DURATION.match(text) else Problem(STALENESS)


def env_name_problem(name: str) -> Problem | None:
    return None if _ENV_NAME.match(name) else Problem(ENV_NAME, {"name": name})


def field_path_problem(path: str) -> Problem | None:
    """What Kubernetes accepts in an environment variable's ``fieldRef`` (kfp writes any text,
    and the pod is then refused on the cluster)."""
    if path in FIELD_PATHS or _FIELD_SUBSCRIPT.match(path):
        return None
    return Problem(FIELD_PATH, {"path": path})


def mount_path_problem(path: str, taken: tuple[str, ...] = ()) -> Problem | None:
    """Kubernetes refuses a relative mount path or one with ``:``; two mounts at one path."""
    if not path.startswith("/") or ":" in path:
        return Problem(MOUNT_PATH)
    if path.rstrip("/") in {t.rstrip("/") for t in taken}:
        return Problem(MOUNT_TAKEN, {"path": path})
    return None


def claim_problem(name: str) -> Problem | None:
    ok = len(name) <= 253 and _DNS1123.match(name)
    return None if ok else Problem(CLAIM, {"name": name})


def object_name_problem(name: str) -> Problem | None:
    """A secret's or config map's name: a DNS-1123 subdomain, as a claim's."""
    ok = len(name) <= 253 and _DNS1123.match(name)
    return None if ok else Problem(OBJECT_NAME, {"name": name})


def volume_name_problem(name: str) -> Problem | None:
    """A pod's volume name: a DNS-1123 label."""
    ok = len(name) <= 63 and _DNS1123_LABEL.match(name)
    return None if ok else Problem(VOLUME_NAME, {"name": name})


def quantity_problem(text: str) -> Problem | None:
    """A storage size as Kubernetes reads it (``resource.Quantity``): ``1Gi``, ``500M``."""
    return None if _QUANTITY.match(text) else Problem(QUANTITY)


def sub_path_problem(path: str) -> Problem | None:
    bad = path.startswith("/") or ".." in path.split("/")
    return Problem(SUB_PATH) if bad else None


def parse_pairs(text: str) -> dict[str, str]:
    """``"pool=batch, team=ml"`` -> {"pool": "batch", "team": "ml"} (order kept)."""
    out: dict[str, str] = {}
    for item in (i.strip() for i in text.split(",")):
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise RuleError(Problem(PAIRS, {"item": item}))
        out[key.strip()] = value.strip()
    return out


def parse_names(text: str) -> tuple[str, ...]:
    """``"regcred, team-registry"`` -> Kubernetes object names (secrets), order kept."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    for name in names:
        problem = object_name_problem(name)
        if problem is not None:
            raise RuleError(problem)
    return names


def _requirement(text: str, item: str) -> tuple[bool, NodeRequirement]:
    """(a field?, the requirement) of ``[field:]key operator [v1,v2]``."""
    parts = text.split()
    if not parts:
        raise RuleError(Problem(AFFINITY, {"item": item}))
    key = parts[0]
    field = key.startswith("field:")
    key = key[len("field:"):] if field else key
    kind = "match_field" if field else "match_expression"
    if not key:
        raise RuleError(_kfp(KFP2, KFP2_AFFINITY_KEY.format(kind=kind)))
    if len(parts) < 2:
        raise RuleError(_kfp(KFP2, KFP2_AFFINITY_OPERATOR.format(kind=kind, key=key)))
    operator = parts[1]
    if operator not in AFFINITY_OPERATORS:
        raise RuleError(_kfp(KFP2, KFP2_AFFINITY_BAD_OPERATOR.format(
            operator=operator, key=key, kind=kind)))
    values = tuple(v for v in ",".join(parts[2:]).split(",") if v)
    return field, NodeRequirement(key, operator, values)


def parse_affinity(text: str) -> tuple[NodeAffinityTerm, ...]:
    """``disktype In ssd,nvme & zone Exists; 5: pool In spot``: terms (``;``), each an
    optional ``weight:`` (preferred; none: required) and requirements joined by ``&``."""
    out: list[NodeAffinityTerm] = []
    for item in (i.strip() for i in text.split(";")):
        if not item:
            continue
        weight = None
        head, sep, rest = item.partition(":")
        if sep and head.strip().lstrip("-").isdigit():
            weight, item_body = int(head), rest
            if not 1 <= weight <= 100:
                raise RuleError(_kfp(KFP2, KFP2_WEIGHT.format(weight=weight)))
        else:
            item_body = item
        expressions, fields_ = [], []
        for part in item_body.split("&"):
            field, requirement = _requirement(part, item)
            (fields_ if field else expressions).append(requirement)
        out.append(NodeAffinityTerm(tuple(expressions), tuple(fields_), weight))
    return tuple(out)


def format_affinity(terms: tuple[NodeAffinityTerm, ...]) -> str:
    def one(prefix: str, r: NodeRequirement) -> str:
        return " ".join(x for x in (prefix + r.key, r.operator, ",".join(r.values)) if x)
    texts = []
    for t in terms:
        parts = [one("", r) for r in t.match_expressions] + \
            [one("field:", r) for r in t.match_fields]
        body = " & ".join(parts)
        texts.append(f"{t.weight}: {body}" if t.weight is not None else body)
    return "; ".join(texts)


def affinity_editable(terms: tuple[NodeAffinityTerm, ...]) -> bool:
    """Whether the text form reads back the same (no JSON terms, plain values, fields after
    expressions as the text puts them)."""
    try:
        return parse_affinity(format_affinity(terms)) == tuple(terms)
    except (RuleError, ValueError):
        return False


def format_pairs(pairs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in pairs.items())


def pairs_editable(pairs: dict[str, Any]) -> bool:
    """Whether ``format_pairs`` reads back as the same dict (plain strings, no separators)."""
    return all(isinstance(v, str) and "," not in v and "," not in k and "=" not in k
               and k == k.strip() and v == v.strip() for k, v in pairs.items())


def parse_tolerations(text: str) -> tuple[Toleration, ...]:
    """``key[=value][:Effect][@seconds]`` items: ``=value`` means operator Equal, none Exists."""
    out: list[Toleration] = []
    for item in (i.strip() for i in text.split(",")):
        if not item:
            continue
        m = re.fullmatch(r"([^=:@\s]+)(?:=([^:@\s]*))?(?::([A-Za-z]+))?(?:@([0-9]+))?", item)
        if m is None or (m.group(3) and m.group(3) not in EFFECTS):
            raise RuleError(Problem(TOLERATION, {"item": item}))
        key, value, effect, seconds = m.groups()
        out.append(Toleration(key=key, operator="Equal" if value is not None else "Exists",
                              value=value, effect=effect,
                              toleration_seconds=int(seconds) if seconds else None))
    return tuple(out)


def format_toleration(t: Toleration) -> str:
    text = t.key or ""
    if t.value is not None or t.operator == "Equal":
        text += "=" + (t.value or "")
    if t.effect:
        text += ":" + t.effect
    if t.toleration_seconds is not None:
        text += f"@{t.toleration_seconds}"
    return text


def tolerations_editable(tolerations: tuple[Toleration, ...]) -> bool:
    """Whether the text form reads back the same (a key, the operator its value implies)."""
    try:
        return parse_tolerations(", ".join(format_toleration(t) for t in tolerations)) == \
            tuple(tolerations)
    except RuleError:
        return False


__all__ = ["Problem", "RuleError", "caching_off", "cpu_problem", "memory_problem",
           "accelerator_count_problem", "whole_number", "duration_problem", "factor",
           "env_name_problem", "field_path_problem", "staleness_problem", "mount_path_problem",
           "claim_problem", "object_name_problem", "volume_name_problem", "quantity_problem",
           "sub_path_problem", "parse_names", "parse_pairs", "parse_affinity",
           "format_affinity", "affinity_editable", "format_pairs", "pairs_editable",
           "parse_tolerations", "format_toleration", "tolerations_editable", "KFP1", "KFP2"]
