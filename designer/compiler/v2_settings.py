"""Task settings as kfp 2.17.3 writes them.

In the task spec (``pipeline_spec_builder.build_task_spec_for_task``): the display name,
caching options, the retry policy (``structures.RetryPolicy.to_proto``: defaults filled
in, durations in seconds), ``ignore_upstream_failure`` (trigger strategy, final status).
In the executor's container (``build_container_spec_for_task``): environment variables
and resources (the new ``resource*`` strings and, for literal values, the deprecated
numbers: CPU in cores, memory in GB, the accelerator count as a string).
In the platform spec (kfp-kubernetes, one entry per executor): node selector,
tolerations, secrets and config maps as environment variables and volumes, pod fields as
environment variables, PVC mounts,
empty dirs, pod labels and annotations, image pull policy, timeout
(``activeDeadlineSeconds``). A PVC named by another task's output makes the task run
after it, and inside a group the reference goes through the group's inputs
(``_rewrite_platform_config_input_references``).

What the IR cannot say the way kfp 2 does is refused with a reason.
"""
from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from designer.ir import OutputRef, ParamRef
from designer.ir.settings import EnvVar, TaskSettings

from .v2_channels import Channel, additional_input_name, channels_in
from .v2_types import V2TypeError

if TYPE_CHECKING:
    from .v2_dag import KTask

_E, _EI, _P, _PI = 10**18, 1 << 60, 10**15, 1 << 50
_T, _TI, _G, _GI = 10**12, 1 << 40, 10**9, 1 << 30
_M, _MI, _K, _KI = 10**6, 1 << 20, 10**3, 1 << 10
_MEMORY_UNITS = (("Ei", _EI), ("E", _E), ("Pi", _PI), ("P", _P), ("Ti", _TI), ("T", _T),
                 ("Gi", _GI), ("G", _G), ("Mi", _MI), ("M", _M), ("Ki", _KI), ("K", _K))
_CPU = re.compile(r"([0-9]*[.])?[0-9]+m?$")
_MEMORY = re.compile(r"^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$")
_PULL_POLICIES = ("Always", "Never", "IfNotPresent")
# Settings that only kfp 1 has.
_V1_ONLY = {"max_cache_staleness": "max_cache_staleness (kfp 1 execution options)"}


def _fail(message: str) -> V2TypeError:
    return V2TypeError(message)


# --- task spec ------------------------------------------------------------------------

def task_fields(task: "KTask", spec: dict) -> None:
    s = task.ir.settings
    for name, text in _V1_ONLY.items():
        if getattr(s, name) is not None:
            raise _fail(f"task `{task.ir.name}` sets {text}, which kfp 2 does not have (use "
                        "caching on/off)")
    spec["cachingOptions"] = {} if s.enable_caching is False else {"enableCache": True}
    if s.retry is not None:
        spec["retryPolicy"] = retry_policy(s, task.ir.name)


def retry_policy(s: TaskSettings, task_name: str) -> dict:
    r = s.retry
    if r.policy is not None:
        raise _fail(f"task `{task_name}` sets the kfp 1 retry policy {r.policy!r}; kfp 2 "
                    "retries on any failure and has no policy")
    out: dict = {}
    if r.num_retries:
        out["maxRetryCount"] = int(r.num_retries)
    out["backoffDuration"] = f"{_seconds(r.backoff_duration or '0s', task_name)}s"
    out["backoffFactor"] = float(r.backoff_factor or 2.0)
    out["backoffMaxDuration"] = f"{_seconds(r.backoff_max_duration or '3600s', task_name)}s"
    return out


def _seconds(duration: str, task_name: str) -> int:
    """``structures.convert_duration_to_seconds``."""
    text = str(duration).replace(" ", "")
    parts = [p for p in re.split(r"(\D+)", text) if p]
    if len(parts) != 2:
        raise _fail(f"task `{task_name}`: Invalid duration string: '{duration}'. Expected one "
                    "value (as integer in string) and one unit, such as '1 hour'.")
    value, unit = parts[0], parts[1][0]
    per = {"s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800}
    if unit not in per:
        raise _fail(f"task `{task_name}`: Unsupported duration unit: '{unit}' for "
                    f"'{value}{unit}'.")
    try:
        return int(value) * per[unit]
    except ValueError:
        raise _fail(f"task `{task_name}`: Invalid duration string: '{duration}'.") from None


def ignore_upstream_failure(task: "KTask", spec: dict) -> None:
    """``modify_task_for_ignore_upstream_failure`` (after dependencies are set)."""
    if not task.ir.settings.ignore_upstream_failure:
        return
    spec["triggerPolicy"] = {"strategy": "ALL_UPSTREAM_TASKS_COMPLETED"}
    for name, port in task.comp.inputs.items():
        if port.ptype != "TASK_FINAL_STATUS":
            continue
        deps = spec.get("dependentTasks", [])
        if not deps:
            if task.parent is None or task.parent.kind == "pipeline":
                raise _fail("Tasks that use '.ignore_upstream_failure()' and "
                            "'PipelineTaskFinalStatus' must have exactly one dependent upstream "
                            f"task. Got task '{spec['taskInfo']['name']} with no upstream "
                            "dependencies.")
            raise _fail("Tasks that use '.ignore_upstream_failure()' and "
                        "'PipelineTaskFinalStatus' must have exactly one dependent upstream "
                        "task within the same control flow scope. Got task "
                        f"'{spec['taskInfo']['name']}' beneath a "
                        f"'dsl.{task.parent.type_class}' that does not also contain the "
                        "upstream dependent task.")
        if len(deps) > 1:
            raise _fail("Tasks that use '.ignore_upstream_failure()' and "
                        "'PipelineTaskFinalStatus' must have exactly one dependent upstream "
                        f"task. Got {len(deps)} dependent tasks: {deps}.")
        spec.setdefault("inputs", {}).setdefault("parameters", {})[name] = {
            "taskFinalStatus": {"producerTask": deps[0]}}


def check_ignore_upstream_failure(task: "KTask") -> None:
    """``PipelineTask.ignore_upstream_failure``'s own check."""
    if not task.ir.settings.ignore_upstream_failure:
        return
    for name, port in task.comp.inputs.items():
        if port.ptype == "TASK_FINAL_STATUS":
            continue
        value = task.inputs.get(name)
        if isinstance(value, Channel) and not port.optional and value.task_name is not None:
            raise _fail(f"Tasks can only use .ignore_upstream_failure() if all input parameters "
                        "that accept arguments created by an upstream task have a default "
                        "value, in case the upstream task fails to produce its output. Input "
                        f"parameter task {task.name!r}`s {name!r} argument is an output of an "
                        f"upstream task {value.task_name!r}, but {name!r} has no default "
                        "value.")


# --- the executor's container ----------------------------------------------------------

def executor(task: "KTask") -> dict:
    base = task.comp.executor
    if "importer" in base:     # (no container: v2_importer refused settings of one)
        from .v2_importer import task_executor
        return task_executor(task.ir, base)
    s = task.ir.settings
    plain_env = [e for e in s.env if e.secret is None and e.config_map is None
                 and e.field_path is None]
    resources = _resources(task.resources, task.ir.name)
    if not plain_env and not resources:
        return base
    body = dict(base["container"])
    if plain_env:
        env = {e["name"]: e["value"] for e in body.get("env", [])}
        for e in plain_env:
            if not isinstance(e.value, str):
                raise _fail(f"task `{task.ir.name}`: environment variable `{e.name}` is set to "
                            "a value that is not a string; kfp 2's set_env_variable writes "
                            "strings only")
            env[e.name] = e.value
        body["env"] = [{"name": k, "value": v} for k, v in env.items()]
    if resources:
        body["resources"] = resources
    return {"container": body}


# ``structures.ResourceSpec``'s fields, in its order, and the IR's name for each.
RESOURCE_FIELDS = (("cpu_request", "cpu_request"), ("cpu_limit", "cpu_limit"),
                   ("memory_request", "memory_request"), ("memory_limit", "memory_limit"),
                   ("accelerator_type", "accelerator_type"),
                   ("accelerator_count", "accelerator_limit"))


def resource_values(task: "KTask", builder: Any) -> None:
    """The task's ``container_spec.resources`` as kfp's setters leave them: literals
    validated, a pipeline parameter or task output as its channel pattern (kfp neither
    validates it nor makes the task depend on its producer)."""
    s = task.ir.settings
    name = task.ir.name
    out: dict[str, str] = {}
    for kfp_field, field in RESOURCE_FIELDS:
        value = getattr(s, field)
        if value is None:
            continue
        what = field.replace("_", " ")
        if not isinstance(value, (str, int)):
            channel = builder._value(value, f"task `{name}`, {what}")
            if not isinstance(channel, Channel):
                raise _fail(f"task `{name}`: the {what} is not a value kfp 2 can use")
            out[kfp_field] = channel.pattern
            continue
        if field.startswith("cpu"):
            if not isinstance(value, str) or _CPU.match(value) is None:
                raise _fail(f"task `{name}`: {what} {value!r}: Invalid cpu string. Should be "
                            'float or integer, or integer followed by "m".')
        elif field.startswith("memory"):
            if not isinstance(value, str) or _MEMORY.match(value) is None:
                raise _fail(f"task `{name}`: {what} {value!r}: Invalid memory string. Should be "
                            'a number or a number followed by one of "E", "Ei", "P", "Pi", "T", '
                            '"Ti", "G", "Gi", "M", "Mi", "K", "Ki".')
        elif field == "accelerator_limit":
            if isinstance(value, bool) or (isinstance(value, int) and value < 0) or \
                    re.match(r"^\d+$", str(value)) is None:
                raise _fail(f"task `{name}`: accelerator limit {value!r}: limit must be a "
                            "non-negative integer.")
            value = str(value)
        out[kfp_field] = value
    if "accelerator_type" in out and "accelerator_count" not in out:
        out["accelerator_count"] = "1"
    task.resources = out


def _placeholder(value: str) -> str:
    """``convert_to_placeholder``: a channel pattern becomes the input placeholder of the
    input kfp adds for it."""
    for channel in channels_in(value):
        value = value.replace(channel.pattern,
                              f"{{{{$.inputs.parameters['{additional_input_name(channel)}']}}}}")
    return value


def _cpu_number(text: str) -> float:
    return float(text[:-1]) / 1000 if text.endswith("m") else float(text)


def _memory_number(text: str) -> float:
    for suffix, factor in _MEMORY_UNITS:
        if text.endswith(suffix):
            number = float(text[:-len(suffix)])
            return number if suffix == "G" else number * factor / _G
    return float(text) / _G


def _resources(values: dict[str, str], task_name: str) -> dict:
    """``build_container_spec_for_task``'s resources."""
    out: dict = {}
    for field, key, number in (("cpu_request", "CpuRequest", _cpu_number),
                               ("cpu_limit", "CpuLimit", _cpu_number),
                               ("memory_request", "MemoryRequest", _memory_number),
                               ("memory_limit", "MemoryLimit", _memory_number)):
        value = values.get(field)
        if value is None:
            continue
        placeholder = _placeholder(value)
        out["resource" + key] = placeholder
        if placeholder == value:
            out[key[0].lower() + key[1:]] = number(value)
    count = values.get("accelerator_count")
    if count is not None:
        accel: dict = {"resourceCount": _placeholder(count)}
        if accel["resourceCount"] == count:
            accel["count"] = str(int(count))
        kind = values.get("accelerator_type")
        if kind is not None:
            accel["resourceType"] = _placeholder(kind)
            if accel["resourceType"] == kind:
                accel["type"] = kind
        out["accelerator"] = accel
    return out


def injected_inputs(task: "KTask") -> dict[str, str]:
    """Resources given by a channel become task inputs too (``build_task_spec_for_task``:
    "Inject resource fields into inputs")."""
    return {field: value for field, value in task.resources.items()
            if value and channels_in(value)}


# --- kfp-kubernetes --------------------------------------------------------------------

def platform_config(task: "KTask", builder: Any) -> None:
    """The task's ``platform_config['kubernetes']`` as kfp-kubernetes' calls leave it; a
    name read from a pipeline parameter or a task output is registered as an input of the
    task (and a task output makes the task run after its producer)."""
    s = task.ir.settings
    name = task.ir.name
    cfg: dict = {}

    def param_input(value: Any, what: str) -> tuple[dict, dict]:
        """(``*NameParameter`` spec, the pvc reference oneof) of a name."""
        if isinstance(value, (str, dict)):      # (parse_k8s_parameter_input: str or dict)
            return {"runtimeValue": {"constant": value}}, {"constant": value}
        if isinstance(value, ParamRef):
            channel = builder._value(value, what)
            task.register([channel])
            ref = {"componentInputParameter": channel.full_name}
            return ref, {"componentInputParameter": channel.name}
        if isinstance(value, OutputRef):
            channel = builder._value(value, what)
            task.register([channel])
            ref = {"taskOutputParameter": {"producerTask": channel.task_name,
                                           "outputParameterKey": channel.name}}
            task.dependent_tasks.append(channel.task_name)
            task.dependent_tasks.append(channel.task_name)
            return ref, copy.deepcopy(ref)
        raise _fail(f"task `{name}`: {what} must be a name, a pipeline parameter or a task "
                    "output")

    if s.node_selector:
        cfg["nodeSelector"] = {"labels": {str(k): str(v) for k, v in s.node_selector.items()}}
    if s.node_selector_json is not None:
        # add_node_selector_json(task, dict | parameter)
        cfg.setdefault("nodeSelector", {})["nodeSelectorJson"] = param_input(
            s.node_selector_json, "the node selector JSON")[0]
    if s.tolerations:
        tols = []
        for t in s.tolerations:
            if t.json is not None:      # add_toleration_json(task, parameter)
                if any(getattr(t, k) is not None for k in (
                        "key", "operator", "value", "effect", "toleration_seconds")):
                    raise _fail(f"task `{name}`: a toleration from JSON has nothing else")
                tols.append({"tolerationJson": param_input(t.json, "the toleration JSON")[0]})
                continue
            entry = {k: v for k, v in (("key", t.key), ("operator", t.operator),
                                       ("value", t.value), ("effect", t.effect)) if v}
            if t.toleration_seconds is not None:
                entry["tolerationSeconds"] = str(int(t.toleration_seconds))
            tols.append(entry)
        cfg["tolerations"] = tols
    for t in s.node_affinity:
        cfg.setdefault("nodeAffinity", []).append(_affinity_term(t, name, param_input))
    _env_sources(s.env, cfg, name, param_input)
    for v in s.volumes:
        if v.optional and v.source not in ("secret", "config_map"):
            raise _fail(f"task `{name}`: the volume at {v.mount_path} is optional, which "
                        "only a secret or config map can be")
        if v.read_only:
            raise _fail(f"task `{name}`: kfp-kubernetes mounts volumes read-write only "
                        f"(volume at {v.mount_path})")
        if v.source == "pvc":
            ref, oneof = param_input(v.name, f"the PVC at {v.mount_path}")
            entry = {"mountPath": v.mount_path, "pvcNameParameter": ref, **oneof}
            if v.sub_path:
                entry["subPath"] = v.sub_path
            cfg.setdefault("pvcMount", []).append(entry)
        elif v.source in ("secret", "config_map"):
            if v.sub_path:
                raise _fail(f"task `{name}`: kfp-kubernetes mounts a whole "
                            f"{v.source.replace('_', ' ')} (no sub path)")
            key = "secret" if v.source == "secret" else "configMap"
            entry = {"mountPath": v.mount_path, "optional": v.optional,
                     f"{key}NameParameter": param_input(v.name, f"the {key} name")[0]}
            if isinstance(v.name, str):
                entry[f"{key}Name"] = v.name
            cfg.setdefault(f"{key}AsVolume", []).append(entry)
        elif v.source == "ephemeral":
            cfg.setdefault("genericEphemeralVolume", []).append(
                _ephemeral(v, name))
        elif v.source == "empty_dir":
            volume = getattr(v, "volume_name", None) or v.name
            if not isinstance(volume, str) or v.sub_path:
                raise _fail(f"task `{name}`: an empty dir is named by a string, without a "
                            "sub path")
            entry = {"volumeName": volume, "mountPath": v.mount_path}
            if v.medium:
                entry["medium"] = v.medium
            if v.size_limit:
                entry["sizeLimit"] = v.size_limit
            cfg.setdefault("emptyDirMounts", []).append(entry)
        else:
            raise _fail(f"task `{name}`: kfp-kubernetes cannot mount a {v.source!r} volume")
    if s.pod_labels or s.pod_annotations:
        meta: dict = {}
        if s.pod_labels:
            meta["labels"] = {str(k): str(v) for k, v in s.pod_labels.items()}
        if s.pod_annotations:
            meta["annotations"] = {str(k): str(v) for k, v in s.pod_annotations.items()}
        cfg["podMetadata"] = meta
    for secret in s.image_pull_secrets:
        # set_image_pull_secrets: each name as a parameter, and as text when it is one
        entry = {"secretNameParameter": param_input(secret, "an image pull secret")[0]}
        if isinstance(secret, str):
            entry["secretName"] = secret
        cfg.setdefault("imagePullSecret", []).append(entry)
    if s.security_context is not None:
        cfg["securityContext"] = _security_context(s.security_context, name)
    if s.image_pull_policy is not None:
        if s.image_pull_policy not in _PULL_POLICIES:
            raise _fail(f"task `{name}`: Invalid imagePullPolicy. Must be one of `Always`, "
                        "`Never`, `IfNotPresent`.")
        cfg["imagePullPolicy"] = s.image_pull_policy
    if s.timeout is not None:
        if s.timeout < 0:
            raise _fail(f'task `{name}`: Argument for "seconds" must be an integer greater or '
                        f"equals to 0. Got invalid input: {s.timeout}. ")
        if s.timeout:
            cfg["activeDeadlineSeconds"] = str(int(s.timeout))
    if cfg:
        task.platform_config = {"kubernetes": cfg}


_AFFINITY_OPERATORS = {"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"}
_AFFINITY_JSON_KEYS = {"requiredDuringSchedulingIgnoredDuringExecution",
                       "preferredDuringSchedulingIgnoredDuringExecution"}


def _affinity_term(t: Any, task_name: str, param_input) -> dict:
    """``add_node_affinity``'s ``NodeAffinityTerm`` (MessageToDict: empty lists left out; the
    platform spec is a Struct, so the weight is a number), or ``add_node_affinity_json``'s."""
    if t.json is not None:
        if t.match_expressions or t.match_fields or t.weight is not None:
            raise _fail(f"task `{task_name}`: a node affinity term from JSON has nothing else")
        if isinstance(t.json, dict):
            unknown = sorted(set(t.json) - _AFFINITY_JSON_KEYS)
            if unknown:
                raise _fail(f"task `{task_name}`: Invalid V1NodeAffinity JSON: "
                            f"__init__() got an unexpected keyword argument '{unknown[0]}'")
        return {"nodeAffinityJson": param_input(t.json, "the node affinity JSON")[0]}
    out: dict = {}
    for kind, key, rs in (("match_expression", "matchExpressions", t.match_expressions),
                          ("match_field", "matchFields", t.match_fields)):
        for r in rs:
            if not r.key:
                raise _fail(f"task `{task_name}`: Each {kind} must have a non-empty 'key'.")
            if not r.operator:
                raise _fail(f"task `{task_name}`: Each {kind} for key '{r.key}' must have a "
                            "non-empty 'operator'.")
            if r.operator not in _AFFINITY_OPERATORS:
                raise _fail(f"task `{task_name}`: Invalid operator '{r.operator}' for key "
                            f"'{r.key}' in {kind}. Must be one of "
                            f"{sorted(_AFFINITY_OPERATORS)}.")
            entry = {"key": r.key, "operator": r.operator}
            if r.values:
                entry["values"] = list(r.values)
            out.setdefault(key, []).append(entry)
    if t.weight is not None:
        if not 1 <= t.weight <= 100:
            raise _fail(f"task `{task_name}`: weight must be between 1 and 100, got {t.weight}.")
        out["weight"] = float(t.weight)      # (a Struct number, as kfp writes it)
    return out


def _security_context(sc: Any, task_name: str) -> dict:
    """``set_security_context``'s checks and message (int64 ids as MessageToDict writes
    them: strings)."""
    if sc.run_as_user is None and sc.run_as_group is None and sc.run_as_non_root is None:
        raise _fail(f"task `{task_name}`: At least one security context field must be "
                    "provided.")
    out: dict = {}
    for arg, key in (("run_as_user", "runAsUser"), ("run_as_group", "runAsGroup")):
        value = getattr(sc, arg)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(f'task `{task_name}`: Argument for "{arg}" must be an int, not bool. '
                        f"Got: {value}.")
        if value < 0:
            raise _fail(f'task `{task_name}`: Argument for "{arg}" must be greater than or '
                        f"equal to 0. Got invalid input: {value}.")
        out[key] = str(value)
    if sc.run_as_non_root is not None:
        out["runAsNonRoot"] = bool(sc.run_as_non_root)
    return out


def _ephemeral(v: Any, task_name: str) -> dict:
    """``add_ephemeral_volume``'s ``GenericEphemeralVolume`` as MessageToDict writes it
    (empty and false fields left out)."""
    claim = v.ephemeral
    if claim is None or not isinstance(v.volume_name, str) or v.sub_path:
        raise _fail(f"task `{task_name}`: an ephemeral volume needs its claim and a volume "
                    "name, and has no sub path")
    entry: dict = {"volumeName": v.volume_name, "mountPath": v.mount_path}
    if claim.access_modes:
        entry["accessModes"] = list(claim.access_modes)
    if claim.size:
        entry["size"] = claim.size
    if claim.storage_class_name is None:
        entry["defaultStorageClass"] = True
    elif claim.storage_class_name:
        entry["storageClassName"] = claim.storage_class_name
    if claim.labels or claim.annotations:
        meta = {}
        if claim.annotations:
            meta["annotations"] = {str(k): str(x) for k, x in claim.annotations.items()}
        if claim.labels:
            meta["labels"] = {str(k): str(x) for k, x in claim.labels.items()}
        entry["metadata"] = meta
    return entry


def _env_sources(env: tuple[EnvVar, ...], cfg: dict, name: str, param_input) -> None:
    """Secrets and config maps as environment variables: the variables of one secret
    (config map) set one after the other are one ``use_secret_as_env`` call."""
    last: tuple[str, Any, bool] | None = None
    for e in env:
        if e.field_path is not None:
            if e.secret is not None or e.config_map is not None or e.value is not None \
                    or e.optional:
                raise _fail(f"task `{name}`: environment variable `{e.name}` has more than "
                            "one source, or is optional (only a secret or config map can be)")
            # use_field_path_as_env(task, env_name, field_path)
            cfg.setdefault("fieldPathAsEnv", []).append({"name": e.name,
                                                         "fieldPath": e.field_path})
            last = None
            continue
        if e.secret is None and e.config_map is None:
            if e.optional:
                raise _fail(f"task `{name}`: environment variable `{e.name}` is optional, "
                            "which only one read from a secret or config map can be")
            last = None
            continue
        if e.secret is not None and e.config_map is not None:
            raise _fail(f"task `{name}`: `{e.name}` reads both a secret and a config map")
        if not e.key:
            raise _fail(f"task `{name}`: `{e.name}` needs the key it reads")
        kind = "secret" if e.secret is not None else "configMap"
        source = e.secret if e.secret is not None else e.config_map
        entries = cfg.setdefault(f"{kind}AsEnv", [])
        pair = ({"secretKey": e.key, "envVar": e.name} if kind == "secret"
                else {"configMapKey": e.key, "envVar": e.name})
        if last == (kind, source, e.optional) and entries:
            entries[-1]["keyToEnv"].append(pair)
        else:
            entry = {"keyToEnv": [pair], "optional": e.optional,
                     f"{kind}NameParameter": param_input(source, f"the {kind} name")[0]}
            if isinstance(source, str):
                entry[f"{kind}Name"] = source
            entries.append(entry)
        last = (kind, source, e.optional)


def platform_for_dag(task: "KTask", parent_inputs: dict, in_dag: set[str]) -> dict | None:
    """``platform_config_to_platform_spec`` for one executor: the references rewritten
    for the DAG the task is in."""
    cfg = task.platform_config.get("kubernetes")
    if not cfg:
        return None
    params = parent_inputs.get("parameters", {})

    def rewrite(data: Any) -> Any:
        if isinstance(data, list):
            return [rewrite(x) for x in data]
        if not isinstance(data, dict):
            return data
        out = {k: rewrite(v) for k, v in data.items()}
        cip = out.get("componentInputParameter")
        if cip is not None and cip not in params:
            prefixed = additional_input_name(cip)
            if prefixed in params:
                out["componentInputParameter"] = prefixed
        top = out.get("taskOutputParameter")
        if top is not None:
            producer, key = top.get("producerTask"), top.get("outputParameterKey")
            if producer is not None and key is not None and producer not in in_dag:
                surfaced = additional_input_name(f"{producer}-{key}")
                if surfaced not in params:
                    raise _fail("Failed to rewrite cross-DAG platform config reference for "
                                f"task output {producer}.{key}. Expected surfaced input "
                                f"{surfaced!r} in parent component inputs, but it was not "
                                "found.")
                out.pop("taskOutputParameter")
                out["componentInputParameter"] = surfaced
        return out

    return rewrite(cfg)
