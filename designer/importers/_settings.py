"""How a task runs on a cluster, as kfp files set it -> IR ``TaskSettings`` and volume steps.

kfp 1: ContainerOp/BaseOp methods (``set_display_name``, ``set_retry``, ``set_timeout``,
``set_caching_options``, ``add_node_selector_constraint``, ``add_toleration``,
``add_pod_label``/``add_pod_annotation``, ``add_pvolumes``, ``add_volume``, ``apply``), the
container's (``op.container.set_cpu_limit``..., also proxied on the op), ``execution_options
.caching_strategy.max_cache_staleness``, Kubernetes client objects (``V1EnvVar``...),
``dsl.VolumeOp``/``PipelineVolume``, ``kfp.aws/gcp/onprem`` modifiers, ``PipelineConf``.
kfp 2: PipelineTask methods and kfp-kubernetes functions (``kubernetes.use_secret_as_env``,
``mount_pvc``, ``CreatePVC``...). Values a setting cannot hold exactly (a resource from a
run-time value, an option the IR has no field for) are refused with what they are.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from designer.ir.model import OutputRef, new_id
from designer.ir.naming import sanitize_python_name
from designer.ir.settings import (DnsConfig, DnsOption, EnvVar, EphemeralClaim,
                                  NodeAffinityTerm, NodeRequirement, Retry, SecurityContext,
                                  Toleration, VolumeMount)
from designer.ir.volumes import VolumeComponent, volume_signature

from ._affinity import affinity_v1
from ._eval import brief
from ._k8s import given_list, k8s_of, only
from ._sidecars import add_sidecar_method
from ._values import (
    Attr,
    BoundMethod,
    ConfValue,
    K8s,
    SymStr,
    TaskValue,
    VolumeValue,
    describe,
    is_runtime,
)

V1, V2 = "v1", "v2"

KFP_TASK_ATTRIBUTES = frozenset({"container", "execution_options", "pvolume", "pvolumes",
                                 "volume", "name", "human_name", "display_name", "file_outputs",
                                 "command", "arguments", "image", "inputs", "dependent_names",
                                 "enable_caching", "node_selector", "tolerations",
                                 "pod_labels", "pod_annotations", "num_retries", "timeout",
                                 "snapshot"})

# kfp 1: methods of the op's container, also callable on the op itself (deprecated proxies).
_V1_CONTAINER = {"set_cpu_request", "set_cpu_limit", "set_memory_request", "set_memory_limit",
                 "set_gpu_limit", "add_resource_limit", "add_resource_request",
                 "add_env_variable", "set_image_pull_policy", "add_volume_mount",
                 "set_security_context"}
_V1_OP = {"set_display_name", "set_caching_options", "set_retry", "set_timeout",
          "add_node_selector_constraint", "add_toleration", "add_pod_label",
          "add_pod_annotation", "add_pvolumes", "add_volume", "apply", "add_affinity",
          "add_sidecar", "add_init_container"}
_V2_TASK = {"set_display_name", "set_caching_options", "set_retry", "set_cpu_request",
            "set_cpu_limit", "set_memory_request", "set_memory_limit", "set_accelerator_limit",
            "set_gpu_limit", "set_accelerator_type", "add_node_selector_constraint",
            "set_env_variable", "ignore_upstream_failure", "set_container_image",
            "set_debug_pause"}
_RESOURCE_FIELDS = ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                    "accelerator_type", "accelerator_limit")
_CPU = re.compile(r"([0-9]*[.])?[0-9]+m?$")
_MEMORY = re.compile(r"^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$")


@dataclass(frozen=True)
class Modifier:
    """A kfp 1 op modifier (``kfp.aws.use_aws_secret(...)``), for ``op.apply(...)``."""
    kind: str
    args: dict


def task_methods(tv: TaskValue) -> frozenset[str]:
    if tv.style == V1:
        return frozenset(_V1_CONTAINER | _V1_OP)
    return frozenset(_V2_TASK)


def task_attributes(tv: TaskValue) -> frozenset[str]:
    if tv.style == V1:
        return frozenset({"container", "execution_options", "pvolume", "pvolumes", "volume",
                          "snapshot"})
    return frozenset()


def task_attribute(ctx: Any, tv: TaskValue, name: str, node: ast.AST) -> Any:
    if name in ("container", "execution_options"):
        return Attr(tv, (name,))
    if name == "pvolumes":
        return dict(tv.pvolumes)
    if name == "pvolume":
        return next(iter(tv.pvolumes.values())) if len(tv.pvolumes) == 1 else None
    if name == "snapshot":          # kfp 1 VolumeSnapshotOp.snapshot: its name, as a source
        comp = tv.component
        if not isinstance(comp, VolumeComponent) or comp.action != "snapshot":
            raise ctx.error(f"`{brief(node)}`: only a `dsl.VolumeSnapshotOp` has `.snapshot`",
                            node)
        return OutputRef(tv.task.id, "name")
    if name == "volume":
        if tv.volume is None:
            raise ctx.error(f"`{brief(node)}`: only a `dsl.VolumeOp` has `.volume`", node)
        return tv.volume
    raise ctx.error(f"`{brief(node)}` is not supported by the designer", node)


def attr_attribute(ctx: Any, obj: Attr, name: str, node: ast.AST) -> Any:
    path = obj.path + (name,)
    if path == ("execution_options", "caching_strategy"):
        return Attr(obj.task, path)
    if obj.path == ("container",) and name in _V1_CONTAINER:
        return BoundMethod(obj, name)
    raise ctx.error(f"`{brief(node)}` is not supported by the designer", node)


def call_attr_method(ctx: Any, obj: Attr, name: str, args: list[Any], kwargs: dict[str, Any],
                     node: ast.Call) -> Any:
    call_task_method(ctx, obj.task, name, args, kwargs, node)
    return obj  # the container's methods return the container


def set_attribute(ctx: Any, obj: Any, name: str, value: Any, node: ast.AST) -> bool:
    if isinstance(obj, Attr) and obj.path == ("execution_options", "caching_strategy") and (
            name == "max_cache_staleness"):
        if not isinstance(value, str):
            raise ctx.error("`max_cache_staleness` must be a string known when the pipeline is "
                            f"compiled (an ISO 8601 duration such as 'P0D'), not "
                            f"{describe(value)}", node)
        _set(obj.task, max_cache_staleness=value)
        return True
    return False


def _set(tv: TaskValue, **changes: Any) -> None:
    tv.task.settings = replace(tv.task.settings, **changes)


def _bind(ctx: Any, name: str, params: tuple[str, ...], args: list[Any], kwargs: dict[str, Any],
          node: ast.Call, required: int) -> dict[str, Any]:
    from ._kfp_calls import _bind as bind
    return bind(ctx, name, params, args, kwargs, node, required)


def _text(ctx: Any, value: Any, what: str, node: ast.AST) -> str:
    from ._kfp_calls import _const_str
    return _const_str(ctx, value, what, node)


def _value(ctx: Any, value: Any, what: str, node: ast.AST) -> Any:
    """A string or an IR argument (a parameter, an output...) for a setting that may hold one."""
    if isinstance(value, str):
        return value
    if is_runtime(value):
        return ctx.builder.to_argument(value, node)
    raise ctx.error(f"{what} must be a string or a pipeline value, not {describe(value)}", node)


# --- task methods -----------------------------------------------------------------------

def call_task_method(ctx: Any, tv: TaskValue, name: str, args: list[Any],
                     kwargs: dict[str, Any], node: ast.Call) -> Any:
    handler = _METHODS.get((tv.style, name)) or _METHODS.get((None, name))
    if handler is None:
        raise ctx.error(f"`.{name}()` on a task is not supported by the designer", node)
    before = tv.task.settings
    handler(ctx, tv, args, kwargs, node)
    after = tv.task.settings
    if after is not before:
        for f in fields(after):
            if getattr(after, f.name) != getattr(before, f.name):
                tv.setting_lines[f.name] = node.lineno
    return tv


def _display_name(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_display_name", ("name",), args, kwargs, node, 1)
    _set(tv, display_name=_text(ctx, b["name"], "the display name", node))


def _caching(ctx, tv, args, kwargs, node):
    params = ("enable_caching",) + (("cache_key",) if tv.style == V2 else ())
    b = _bind(ctx, "set_caching_options", params, args, kwargs, node, 1)
    if b.get("cache_key"):
        raise ctx.error("`cache_key=` of `set_caching_options` is not supported by the "
                        "designer", node)
    if not isinstance(b["enable_caching"], bool):
        raise ctx.error("`set_caching_options` takes True or False", node)
    _set(tv, enable_caching=b["enable_caching"])


def _retry(ctx, tv, args, kwargs, node):
    params = (("num_retries", "policy", "backoff_duration", "backoff_factor",
               "backoff_max_duration") if tv.style == V1 else
              ("num_retries", "backoff_duration", "backoff_factor", "backoff_max_duration"))
    b = _bind(ctx, "set_retry", params, args, kwargs, node, 1)
    n = b["num_retries"]
    if not isinstance(n, int) or isinstance(n, bool):
        raise ctx.error("`set_retry` takes a whole number of retries known when the pipeline "
                        "is compiled", node)
    policy = b.get("policy")
    if policy is not None and policy not in ("Always", "OnError", "OnFailure", "OnTransientError"):
        raise ctx.error("policy must be one of: ('Always', 'OnError', 'OnFailure', "
                        "'OnTransientError') (kfp)", node)
    for key in ("backoff_duration", "backoff_max_duration"):
        if b.get(key) is not None and not isinstance(b[key], str):
            raise ctx.error(f"`{key}` must be a string such as '60s'", node)
    factor = b.get("backoff_factor")
    if factor is not None and (not isinstance(factor, (int, float)) or isinstance(factor, bool)):
        raise ctx.error("`backoff_factor` must be a number", node)
    _set(tv, retry=Retry(n, policy, b.get("backoff_duration"), factor,
                         b.get("backoff_max_duration")))


def _timeout(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_timeout", ("seconds",), args, kwargs, node, 1)
    if not isinstance(b["seconds"], int) or isinstance(b["seconds"], bool):
        raise ctx.error("`set_timeout` takes whole seconds known when the pipeline is compiled",
                        node)
    _set(tv, timeout=b["seconds"])


def _resource(ctx: Any, tv: TaskValue, field: str, value: Any, node: ast.AST) -> None:
    if tv.style == V1 and field != "accelerator_type":
        _check_other_resources(ctx, tv, field, node)
    if is_runtime(value) or isinstance(value, SymStr):
        value = ctx.builder.to_argument(value, node)  # kfp takes it from the run
    elif field in ("cpu_request", "cpu_limit"):
        if not isinstance(value, str) or not _CPU.match(value):
            raise ctx.error('Invalid cpu string. Should be float or integer, or integer '
                            'followed by "m". (kfp)', node)
    elif field in ("memory_request", "memory_limit"):
        if not isinstance(value, str) or not _MEMORY.match(value):
            raise ctx.error("Invalid memory string. Should be a number or a number followed by "
                            'one of "E", "Ei", "P", "Pi", "T", "Ti", "G", "Gi", "M", "Mi", "K", '
                            '"Ki". (kfp)', node)
    settings = tv.task.settings
    order = list(settings.resource_order or [f for f in _RESOURCE_FIELDS
                                             if getattr(settings, f) is not None])
    if field not in order:
        order.append(field)
    _set(tv, **{field: value})
    if tv.style == V1:  # only kfp 1 writes them in the order they were set
        canonical = [f for f in _RESOURCE_FIELDS if f in order]
        _set(tv, resource_order=() if order == canonical else tuple(order))


def _make_resource(field: str, name: str):
    def handler(ctx, tv, args, kwargs, node):
        param = "memory" if "memory" in field else "cpu"
        b = _bind(ctx, name, (param,), args, kwargs, node, 1)
        _resource(ctx, tv, field, b[param], node)
    return handler


def _gpu_limit_v1(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_gpu_limit", ("gpu", "vendor"), args, kwargs, node, 1)
    vendor = b.get("vendor", "nvidia")
    if is_runtime(vendor) and is_runtime(b["gpu"]):
        # kfp 1.8.9 checks the vendor only for a constant count; with both from the run it
        # writes an accelerator type the designer cannot hold (kfp's own words would mislead).
        raise ctx.error("the GPU vendor of `set_gpu_limit` must be a string known when the "
                        f"pipeline is compiled, not {describe(vendor)}", node)
    if vendor not in ("nvidia", "amd"):
        raise ctx.error("vendor can only be nvidia or amd. (kfp)", node)
    gpu = b["gpu"]
    if is_runtime(gpu):
        _resource(ctx, tv, "accelerator_type", f"{vendor}.com/gpu", node)
        _resource(ctx, tv, "accelerator_limit", gpu, node)
        return
    if isinstance(gpu, bool) or not isinstance(gpu, (str, int)) or not str(gpu).isdigit() or (
            int(gpu) <= 0):
        raise ctx.error("gpu must be positive integer. (kfp)", node)
    _resource(ctx, tv, "accelerator_type", f"{vendor}.com/gpu", node)
    _resource(ctx, tv, "accelerator_limit", gpu, node)


def _resource_v1(kind: str):
    def handler(ctx, tv, args, kwargs, node):
        b = _bind(ctx, f"add_resource_{kind}", ("resource_name", "value"), args, kwargs, node, 2)
        name, value = b["resource_name"], b["value"]
        if name in ("cpu", "memory"):
            _resource(ctx, tv, f"{name}_{kind}", value, node)
        elif kind == "limit" and isinstance(name, str) and name.endswith(".com/gpu"):
            _resource(ctx, tv, "accelerator_type", name, node)
            _resource(ctx, tv, "accelerator_limit", value, node)
        else:
            _other_resource(ctx, tv, kind, name, value, node)
    return handler


def _other_resource(ctx: Any, tv: TaskValue, kind: str, name: Any, value: Any,
                    node: ast.AST) -> None:
    """``add_resource_limit/request`` of a resource other than cpu, memory and GPUs: kept
    by name; the designer writes these after the others, so one of those set later is
    refused rather than written in another order."""
    if not isinstance(name, str) or not name:
        raise ctx.error(f"the resource's name must be a string known when the pipeline is "
                        f"compiled, not {describe(name)}", node)
    if not isinstance(value, str):
        raise ctx.error(f"the `{name}` resource {kind} must be a string known when the "
                        f"pipeline is compiled, not {describe(value)}", node)
    field = f"other_{kind}s"
    _set(tv, **{field: {**getattr(tv.task.settings, field), name: value}})


def _check_other_resources(ctx: Any, tv: TaskValue, field: str, node: ast.AST) -> None:
    """kfp keeps resources in the order they were set; the designer writes other resources
    after cpu, memory and GPUs: one of those first set after another resource is refused."""
    s = tv.task.settings
    others = s.other_requests if field.endswith("request") else s.other_limits
    if others and getattr(s, field) is None:
        raise ctx.error(f"`{field.replace('_', ' ')}` is set after the `{next(iter(others))}` "
                        f"resource {field.rsplit('_', 1)[1]}; the designer writes cpu, memory "
                        "and GPUs first: set them before other resources", node)


def _accelerator_limit(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_accelerator_limit", ("limit",), args, kwargs, node, 1)
    limit = b["limit"]
    if is_runtime(limit):
        _resource(ctx, tv, "accelerator_limit", limit, node)
        return
    if isinstance(limit, bool) or not isinstance(limit, (int, str)) or not re.match(
            r"^\d+$", str(limit)):
        raise ctx.error("limit must be a non-negative integer. (kfp)", node)
    _resource(ctx, tv, "accelerator_limit", str(limit), node)


def _accelerator_type(ctx, tv, args, kwargs, node):
    name = "set_accelerator_type"
    b = _bind(ctx, name, ("accelerator",), args, kwargs, node, 1)
    value = b["accelerator"]
    if not is_runtime(value):
        value = _text(ctx, value, "the accelerator type", node)
    _resource(ctx, tv, "accelerator_type", value, node)
    if tv.task.settings.accelerator_limit is None:
        _resource(ctx, tv, "accelerator_limit", "1", node)  # kfp 2 asks for one by default


def _node_selector_v1(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_node_selector_constraint", ("label_name", "value"), args, kwargs,
              node, 2)
    selector = dict(tv.task.settings.node_selector)
    selector[_text(ctx, b["label_name"], "the label", node)] = _text(ctx, b["value"],
                                                                     "the label value", node)
    _set(tv, node_selector=selector)


def _toleration_v1(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_toleration", ("tolerations",), args, kwargs, node, 1)
    t = b["tolerations"]
    if not isinstance(t, K8s) or t.kind != "V1Toleration":
        raise ctx.error("`add_toleration` takes a `V1Toleration(...)`", node)
    _add_toleration(ctx, tv, t.get("key"), t.get("operator"), t.get("value"), t.get("effect"),
                    t.get("toleration_seconds"), node)


def _add_toleration(ctx, tv, key, operator, value, effect, seconds, node) -> None:
    for what, v in (("key", key), ("operator", operator), ("value", value), ("effect", effect)):
        if v is not None and not isinstance(v, str):
            raise ctx.error(f"the toleration's {what} must be a string", node)
    if seconds is not None and (not isinstance(seconds, int) or isinstance(seconds, bool)):
        raise ctx.error("the toleration's seconds must be a whole number", node)
    _set(tv, tolerations=tv.task.settings.tolerations + (
        Toleration(key, operator, value, effect, seconds),))


def _pod_metadata(field: str, name: str):
    def handler(ctx, tv, args, kwargs, node):
        params = ("name", "value")
        b = _bind(ctx, name, params, args, kwargs, node, 2)
        _pod_entry(ctx, tv, field, b["name"], b["value"], node)
    return handler


def _pod_entry(ctx, tv, field, key, value, node) -> None:
    data = dict(getattr(tv.task.settings, field))
    data[_text(ctx, key, "the key", node)] = _text(ctx, value, "the value", node)
    _set(tv, **{field: data})


def _image_pull_policy(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_image_pull_policy", ("image_pull_policy",), args, kwargs, node, 1)
    _pull_policy(ctx, tv, b["image_pull_policy"], node)


def _pull_policy(ctx, tv, policy, node) -> None:
    if policy not in ("Always", "Never", "IfNotPresent"):
        raise ctx.error("Invalid imagePullPolicy. Must be one of `Always`, `Never`, "
                        "`IfNotPresent`. (kfp)", node)
    _set(tv, image_pull_policy=policy)


def _env_v1(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_env_variable", ("env_variable",), args, kwargs, node, 1)
    _add_env(ctx, tv, env_from_k8s(ctx, b["env_variable"], node), node)


def _add_env(ctx, tv, env: EnvVar, node) -> None:
    _set(tv, env=tv.task.settings.env + (env,))


def env_from_k8s(ctx: Any, obj: Any, node: ast.AST) -> EnvVar:
    """``V1EnvVar(name, value)`` or ``V1EnvVar(name, value_from=V1EnvVarSource(
    secret_key_ref=V1SecretKeySelector(name, key) | config_map_key_ref=...))``."""
    if not isinstance(obj, K8s) or obj.kind != "V1EnvVar":
        raise ctx.error("`add_env_variable` takes a `V1EnvVar(...)`", node)
    name = _text(ctx, obj.get("name"), "the variable's name", node)
    source = obj.get("value_from")
    if source is None:
        value = obj.get("value")
        return EnvVar(name, None if value is None else _value(ctx, value, "the value", node))
    if not isinstance(source, K8s) or source.kind != "V1EnvVarSource":
        raise ctx.error("`value_from` takes a `V1EnvVarSource(...)`", node)
    field_ref = source.get("field_ref")
    if field_ref is not None and len(dict(source.args)) == 1:
        if not isinstance(field_ref, K8s) or field_ref.kind != "V1ObjectFieldSelector":
            raise ctx.error("`field_ref` takes a `V1ObjectFieldSelector(...)`", node)
        if field_ref.get("api_version") is not None:
            raise ctx.error("`api_version=` of a field selector is not supported by the "
                            "designer", node)
        return EnvVar(name, field_path=_text(ctx, field_ref.get("field_path"),
                                             "the field path", node))
    secret, config = source.get("secret_key_ref"), source.get("config_map_key_ref")
    ref = secret or config
    if len(dict(source.args)) != 1 or not isinstance(ref, K8s) or ref.kind not in (
            "V1SecretKeySelector", "V1ConfigMapKeySelector"):
        raise ctx.error("an environment variable from a source other than a secret or config "
                        "map key or a field of the pod is not supported by the designer", node)
    optional = _flag(ctx, ref.get("optional"), "`optional=` of a key selector", node)
    ref_name = _value(ctx, ref.get("name"), "the secret's or config map's name", node)
    key = _text(ctx, ref.get("key"), "the key", node)
    if secret is not None:
        return EnvVar(name, secret=ref_name, key=key, optional=optional)
    return EnvVar(name, config_map=ref_name, key=key, optional=optional)


def _flag(ctx: Any, value: Any, what: str, node: ast.AST) -> bool:
    """An optional flag: True, False or not given (None)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    raise ctx.error(f"{what} must be True or False when the pipeline is compiled", node)


def _env_v2(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "set_env_variable", ("name", "value"), args, kwargs, node, 2)
    name = _text(ctx, b["name"], "the variable's name", node)
    value = _text(ctx, b["value"], "the value", node)
    env = [e for e in tv.task.settings.env]
    for i, e in enumerate(env):
        if e.name == name and e.secret is None and e.config_map is None:
            env[i] = EnvVar(name, value)  # kfp 2 keeps one value per name, where it was
            break
    else:
        env.append(EnvVar(name, value))
    _set(tv, env=tuple(env))


def _security_ids(ctx: Any, user: Any, group: Any, non_root: Any,
                  node: ast.AST) -> SecurityContext:
    for arg, value in (("run_as_user", user), ("run_as_group", group)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ctx.error(f"`{arg}` must be a whole number known when the pipeline is "
                            "compiled", node)
    if non_root is not None and not isinstance(non_root, bool):
        raise ctx.error("`run_as_non_root` must be True or False", node)
    return SecurityContext(user, group, non_root)


def _security_context_v1(ctx, tv, args, kwargs, node):
    """``container.set_security_context(V1SecurityContext(run_as_user, run_as_group,
    run_as_non_root))``; kfp keeps the last call's."""
    b = _bind(ctx, "set_security_context", ("security_context",), args, kwargs, node, 1)
    sc = b["security_context"]
    if not isinstance(sc, K8s) or sc.kind != "V1SecurityContext":
        raise ctx.error("invalid argument. Must be of instance `V1SecurityContext`. (kfp)", node)
    only(ctx, sc, {"run_as_user", "run_as_group", "run_as_non_root"}, node)
    _set(tv, security_context=_security_ids(ctx, sc.get("run_as_user"),
                                            sc.get("run_as_group"),
                                            sc.get("run_as_non_root"), node))


def _ignore_upstream_failure(ctx, tv, args, kwargs, node):
    if args or kwargs:
        raise ctx.error("`ignore_upstream_failure()` takes no arguments", node)
    _set(tv, ignore_upstream_failure=True)


def _apply(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "apply", ("mod_func",), args, kwargs, node, 1)
    modifier = b["mod_func"]
    if not isinstance(modifier, Modifier):
        raise ctx.error(f"`.apply()` with {describe(modifier)} is not supported (kfp's "
                        "use_aws_secret, use_gcp_secret, use_k8s_secret and mount_pvc are)",
                        node)
    apply_modifier(ctx, tv, modifier, node)


def _refused(what: str):
    def handler(ctx, tv, args, kwargs, node):
        raise ctx.error(f"{what} is not supported by the designer", node)
    return handler


# kfp 1 volumes: add_volume + container.add_volume_mount, pvolumes ----------------------------

def _add_volume(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_volume", ("volume",), args, kwargs, node, 1)
    vol = b["volume"]
    if isinstance(vol, VolumeValue):
        raise ctx.error("mount a PipelineVolume with `add_pvolumes({path: volume})`", node)
    source = _k8s_volume(ctx, vol, node)
    tv.pending_volumes.append(source)


def _add_volume_mount(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_volume_mount", ("volume_mount",), args, kwargs, node, 1)
    mount = b["volume_mount"]
    if not isinstance(mount, K8s) or mount.kind != "V1VolumeMount":
        raise ctx.error("`add_volume_mount` takes a `V1VolumeMount(...)`", node)
    extra = set(dict(mount.args)) - {"name", "mount_path", "sub_path", "read_only"}
    if extra:
        raise ctx.error(f"`{sorted(extra)[0]}=` of a volume mount is not supported", node)
    name = _text(ctx, mount.get("name"), "the mount's volume name", node)
    if not tv.pending_volumes or tv.pending_volumes[0][3] != name:
        raise ctx.error(f"the volume mount `{name}` does not follow the `add_volume` of the same "
                        "volume (the designer keeps each volume with its mount, in order)",
                        node)
    source, claim, optional, volume_name = tv.pending_volumes.pop(0)
    _mount(tv, VolumeMount(_text(ctx, mount.get("mount_path"), "the mount path", node), source,
                           claim, None, mount.get("sub_path"), bool(mount.get("read_only")),
                           volume_name, optional=bool(optional)))


def _k8s_volume(ctx: Any, vol: Any, node: ast.AST) -> tuple[str, Any, bool | None, str]:
    """(source, claim/secret/config map name, optional, volume name) of a ``V1Volume``."""
    if not isinstance(vol, K8s) or vol.kind != "V1Volume":
        raise ctx.error(f"a volume must be a `V1Volume(...)`, not {describe(vol)}", node)
    args = dict(vol.args)
    name = _text(ctx, args.pop("name", None), "the volume's name", node)
    if len(args) != 1:
        raise ctx.error("a volume takes one source (a claim, a secret, a config map or an "
                        "empty dir)", node)
    (key, src), = args.items()
    if not isinstance(src, K8s):
        raise ctx.error(f"`{key}=` of a volume is not supported", node)
    if key == "persistent_volume_claim" and src.kind == "V1PersistentVolumeClaimVolumeSource":
        only(ctx, src, {"claim_name"}, node)
        return "pvc", _value(ctx, src.get("claim_name"), "the claim name", node), None, name
    if key == "secret" and src.kind == "V1SecretVolumeSource":
        only(ctx, src, {"secret_name", "optional"}, node)
        return "secret", _text(ctx, src.get("secret_name"), "the secret", node), _flag(
            ctx, src.get("optional"), "`optional=` of a secret volume", node), name
    if key == "config_map" and src.kind == "V1ConfigMapVolumeSource":
        only(ctx, src, {"name", "optional"}, node)
        return "config_map", _text(ctx, src.get("name"), "the config map", node), _flag(
            ctx, src.get("optional"), "`optional=` of a config map volume", node), name
    if key == "host_path" and src.kind == "V1HostPathVolumeSource":
        only(ctx, src, {"path"}, node)
        return "host_path", _text(ctx, src.get("path"), "the host path", node), None, name
    if key == "empty_dir" and src.kind == "V1EmptyDirVolumeSource":
        only(ctx, src, set(), node)
        return "empty_dir", None, None, name
    raise ctx.error(f"`{key}=` volumes are not supported by the designer (claims, secrets, "
                    "config maps, empty dirs and host paths are)", node)


def _mount(tv: TaskValue, mount: VolumeMount) -> None:
    _set(tv, volumes=tv.task.settings.volumes + (mount,))


def _add_pvolumes(ctx, tv, args, kwargs, node):
    b = _bind(ctx, "add_pvolumes", ("pvolumes",), args, kwargs, node, 1)
    mount_pvolumes(ctx, tv, b["pvolumes"], node)


def mount_pvolumes(ctx: Any, tv: TaskValue, value: Any, node: ast.AST) -> None:
    """kfp 1 ``pvolumes={path: volume}``: mount each, run after what made it, and keep
    ``op.pvolume(s)`` (the volume "after" this op) for the next ops."""
    if not isinstance(value, dict):
        raise ctx.error("`pvolumes` maps mount paths to volumes", node)
    for path, vol in value.items():
        path = _text(ctx, path, "the mount path", node)
        if isinstance(vol, K8s):
            source, claim, optional, name = _k8s_volume(ctx, vol, node)
            vol = VolumeValue(pvc=claim, k8s=vol)
            mount = VolumeMount(path, source, claim, None, volume_name=name,
                                optional=bool(optional))
        elif isinstance(vol, VolumeValue):
            for dep in vol.after:
                if dep != tv.task.id and dep not in tv.task.after:
                    tv.task.after.append(dep)
            source, claim, optional = "pvc", vol.pvc, None
            if vol.k8s is not None:
                source, claim, optional, _ = _k8s_volume(ctx, vol.k8s, node)
            mount = VolumeMount(path, source, claim, vol.volume_task, volume_name=vol.name,
                                optional=bool(optional))
        else:
            raise ctx.error(f"`pvolumes` takes volumes, not {describe(vol)}", node)
        _mount(tv, mount)
        tv.pvolumes[path] = _volume_after(ctx, vol, tv)


def _volume_after(ctx: Any, vol: VolumeValue, tv: TaskValue) -> VolumeValue:
    return _after_tasks(ctx, vol, [tv.task.id])


def volume_after(ctx: Any, vol: VolumeValue, ops: list[Any], node: ast.AST) -> VolumeValue:
    """``volume.after(op1, op2...)``."""
    if not all(isinstance(op, TaskValue) for op in ops):
        raise ctx.error("`.after()` of a volume takes tasks", node)
    return _after_tasks(ctx, vol, [op.task.id for op in ops])


def _after_tasks(ctx: Any, vol: VolumeValue, ids: list[str]) -> VolumeValue:
    """kfp 1 ``PipelineVolume.after(*ops)``: the volume now depends on ``ops``, and keeps its
    other dependencies unless one of ``ops`` already implies them (runs after them)."""
    tasks = ctx.builder.task_values

    def implies(new: str, old: str, seen: set[str]) -> bool:
        if new == old:
            return True
        for parent in tasks[new].task.after if new in tasks else ():
            if parent not in seen and (seen.add(parent) or implies(parent, old, seen)):
                return True
        return False

    kept = [old for old in vol.after if not any(implies(new, old, set()) for new in ids)]
    return VolumeValue(vol.pvc, vol.k8s, (*ids, *kept), vol.volume_task, vol.name)


def container_kwargs(ctx: Any, tv: TaskValue, value: Any, node: ast.AST) -> None:
    if not value:
        return
    if not isinstance(value, dict):
        raise ctx.error("`container_kwargs` must be a dict", node)
    for key, item in value.items():
        if key == "env":
            for env in item or []:
                _add_env(ctx, tv, env_from_k8s(ctx, env, node), node)
        elif key == "image_pull_policy":
            _pull_policy(ctx, tv, item, node)
        else:
            raise ctx.error(f"`{key}` in `container_kwargs` is not supported by the designer",
                            node)


# kfp 1 modifiers (op.apply) ---------------------------------------------------------------

def _modifier(kind: str, params: tuple[str, ...]):
    def handler(ctx, args, kwargs, node, hint):
        return Modifier(kind, _bind(ctx, kind, params, args, kwargs, node, 0))
    return handler


def apply_modifier(ctx: Any, tv: TaskValue, m: Modifier, node: ast.AST) -> None:
    a = m.args
    if m.kind == "use_aws_secret":
        secret = a.get("secret_name", "aws-secret")
        _add_env(ctx, tv, EnvVar("AWS_ACCESS_KEY_ID", secret=secret, key=a.get(
            "aws_access_key_id_name", "AWS_ACCESS_KEY_ID")), node)
        _add_env(ctx, tv, EnvVar("AWS_SECRET_ACCESS_KEY", secret=secret, key=a.get(
            "aws_secret_access_key_name", "AWS_SECRET_ACCESS_KEY")), node)
        if a.get("aws_region"):
            _add_env(ctx, tv, EnvVar("AWS_REGION", _value(ctx, a["aws_region"], "the region",
                                                           node)), node)
    elif m.kind == "use_gcp_secret":
        secret = a.get("secret_name", "user-gcp-sa")
        in_volume = a.get("secret_file_path_in_volume") or f"/{secret}.json"
        if a.get("volume_name") is not None:
            raise ctx.error("`volume_name=` of `use_gcp_secret` (deprecated) is not supported",
                            node)
        path = a.get("secret_volume_mount_path", "/secret/gcp-credentials")
        _mount(tv, VolumeMount(path, "secret", secret, volume_name=f"gcp-credentials-{secret}"))
        for var in ("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE"):
            _add_env(ctx, tv, EnvVar(var, path + in_volume), node)
    elif m.kind == "use_k8s_secret":
        secret = _value(ctx, a.get("secret_name", "k8s-secret"), "the secret", node)
        for key, env in (a.get("k8s_secret_key_to_env") or {}).items():
            _add_env(ctx, tv, EnvVar(env, secret=secret, key=key), node)
    elif m.kind == "use_preemptible_nodepool":
        # kfp.gcp: add_toleration(toleration), then add_affinity(<the GKE preemptible label
        # In true>: required with hard_constraint, else preferred with weight 50)
        t = a.get("toleration")
        if t is None:
            _add_toleration(ctx, tv, "preemptible", "Equal", "true", "NoSchedule", None, node)
        elif isinstance(t, K8s) and t.kind == "V1Toleration":
            _add_toleration(ctx, tv, t.get("key"), t.get("operator"), t.get("value"),
                            t.get("effect"), t.get("toleration_seconds"), node)
        else:
            raise ctx.error("`toleration=` of `use_preemptible_nodepool` takes a "
                            "`V1Toleration(...)`", node)
        hard = a.get("hard_constraint", False)
        if not isinstance(hard, bool):
            raise ctx.error("`hard_constraint=` must be True or False", node)
        term = NodeAffinityTerm((NodeRequirement("cloud.google.com/gke-preemptible", "In",
                                                 ("true",)),), weight=None if hard else 50)
        _set(tv, node_affinity=(term,), pod_affinity=(), pod_anti_affinity=())  # (replaced)
    elif m.kind == "use_tpu":
        # kfp.gcp: add_pod_annotation('tf-version.cloud-tpus.google.com', tf_version), then
        # container.add_resource_limit('cloud-tpus.google.com/<resource>', str(cores))
        version, resource, cores = a.get("tf_version"), a.get("tpu_resource"), a.get(
            "tpu_cores")
        if not all(isinstance(v, str) for v in (version, resource)) or isinstance(
                cores, bool) or not isinstance(cores, (int, str)):
            raise ctx.error("`use_tpu` takes its cores, resource and TensorFlow version as "
                            "values known when the pipeline is compiled", node)
        _set(tv, pod_annotations={**tv.task.settings.pod_annotations,
                                  "tf-version.cloud-tpus.google.com": version})
        _other_resource(ctx, tv, "limit", f"cloud-tpus.google.com/{resource}", str(cores),
                        node)
    elif m.kind == "mount_pvc":
        claim = a.get("pvc_name", "pipeline-claim")
        _mount(tv, VolumeMount(a.get("volume_mount_path", "/mnt/pipeline"), "pvc",
                               _value(ctx, claim, "the claim", node),
                               volume_name=a.get("volume_name", "pipeline")))
    else:
        raise ctx.error(f"`{m.kind}` is not supported by the designer", node)


# kfp 1 pipeline configuration -----------------------------------------------------------

def call_conf_method(ctx: Any, obj: ConfValue, name: str, args: list[Any],
                     kwargs: dict[str, Any], node: ast.Call) -> Any:
    conf = obj.conf
    if name == "set_image_pull_secrets":
        b = _bind(ctx, name, ("image_pull_secrets",), args, kwargs, node, 1)
        names = []
        for item in b["image_pull_secrets"] or []:
            # (a V1ObjectReference with only a name serialises as the same {name: ...})
            if not isinstance(item, K8s) or item.kind not in (
                    "V1LocalObjectReference", "V1ObjectReference"):
                raise ctx.error("`set_image_pull_secrets` takes `V1LocalObjectReference(name=)`s",
                                node)
            only(ctx, item, {"name"}, node)
            names.append(_text(ctx, item.get("name"), "the secret's name", node))
        obj.conf = replace(conf, image_pull_secrets=tuple(names))
    elif name in ("set_timeout", "set_parallelism", "set_ttl_seconds_after_finished"):
        param = {"set_timeout": "seconds", "set_parallelism": "max_num_pods",
                 "set_ttl_seconds_after_finished": "seconds"}[name]
        b = _bind(ctx, name, (param,), args, kwargs, node, 1)
        value = b[param]
        if not isinstance(value, int) or isinstance(value, bool):
            raise ctx.error(f"`{name}` takes a whole number", node)
        if name == "set_parallelism" and value < 1:
            raise ctx.error("Pipeline max_num_pods set to < 1, allowed values are > 0 (kfp)",
                            node)
        field = {"set_timeout": "timeout", "set_parallelism": "parallelism",
                 "set_ttl_seconds_after_finished": "ttl_seconds_after_finished"}[name]
        obj.conf = replace(conf, **{field: value})
    elif name == "set_default_pod_node_selector":
        b = _bind(ctx, name, ("label_name", "value"), args, kwargs, node, 2)
        selector = dict(conf.default_node_selector)
        selector[_text(ctx, b["label_name"], "the label", node)] = _text(
            ctx, b["value"], "the value", node)
        obj.conf = replace(conf, default_node_selector=selector)
    elif name == "set_dns_config":
        b = _bind(ctx, name, ("dns_config",), args, kwargs, node, 1)
        obj.conf = replace(conf, dns_config=_dns_config(ctx, b["dns_config"], node))
    elif name == "set_image_pull_policy":
        b = _bind(ctx, name, ("policy",), args, kwargs, node, 1)
        if b["policy"] not in ("Always", "Never", "IfNotPresent"):
            raise ctx.error("Invalid imagePullPolicy. Must be one of `Always`, `Never`, "
                            "`IfNotPresent`. (kfp)", node)
        obj.conf = replace(conf, image_pull_policy=b["policy"])
    else:
        raise ctx.error(f"`.{name}()` of the pipeline configuration is not supported by the "
                        "designer", node)
    for f in fields(obj.conf):      # (a refusal of a setting points at the call that set it)
        if getattr(obj.conf, f.name) != getattr(conf, f.name):
            obj.lines[f.name] = node.lineno
    return obj


def _dns_config(ctx: Any, value: Any, node: ast.AST) -> DnsConfig:
    """``V1PodDNSConfig(nameservers=[...], options=[V1PodDNSConfigOption(name, value)],
    searches=[...])`` with values known when the pipeline is compiled."""
    dns = k8s_of(ctx, value, "V1PodDNSConfig", "`set_dns_config`'s argument", node)
    only(ctx, dns, {"nameservers", "options", "searches"}, node)
    texts = {key: tuple(_text(ctx, v, f"a value of `{key}`", node)
                        for v in given_list(ctx, dns.get(key), f"`{key}`", node))
             for key in ("nameservers", "searches")}
    options = []
    for o in given_list(ctx, dns.get("options"), "`options`", node):
        o = k8s_of(ctx, o, "V1PodDNSConfigOption", "a DNS option", node)
        only(ctx, o, {"name", "value"}, node)
        options.append(DnsOption(_text(ctx, o.get("name"), "the option's name", node),
                                 None if o.get("value") is None else
                                 _text(ctx, o.get("value"), "the option's value", node)))
    return DnsConfig(texts["nameservers"], texts["searches"], tuple(options))


# Kubernetes client objects ------------------------------------------------------------------

_K8S = {"V1EnvVar", "V1EnvVarSource", "V1SecretKeySelector", "V1ConfigMapKeySelector",
        "V1ObjectFieldSelector", "V1Affinity", "V1NodeAffinity", "V1NodeSelector",
        "V1NodeSelectorTerm", "V1NodeSelectorRequirement", "V1PreferredSchedulingTerm",
        "V1PodAffinity", "V1PodAntiAffinity", "V1PodAffinityTerm", "V1WeightedPodAffinityTerm",
        "V1LabelSelector", "V1LabelSelectorRequirement", "V1PodDNSConfig",
        "V1PodDNSConfigOption",
        "V1SecurityContext", "V1HostPathVolumeSource",
        "V1Toleration", "V1Volume", "V1VolumeMount", "V1PersistentVolumeClaimVolumeSource",
        "V1SecretVolumeSource", "V1ConfigMapVolumeSource", "V1EmptyDirVolumeSource",
        "V1LocalObjectReference", "V1ObjectReference"}


def k8s_object(ctx: Any, kind: str, args: list[Any], kwargs: dict[str, Any],
               node: ast.Call) -> K8s:
    if kind not in _K8S:
        raise ctx.error(f"Kubernetes' `{kind}` is not supported by the designer", node)
    params = {"V1EnvVar": ("name", "value", "value_from"),
              "V1SecretKeySelector": ("key", "name", "optional"),
              "V1ConfigMapKeySelector": ("key", "name", "optional"),
              "V1ObjectFieldSelector": ("api_version", "field_path"),
              "V1Affinity": ("node_affinity", "pod_affinity", "pod_anti_affinity"),
              "V1NodeAffinity": ("preferred_during_scheduling_ignored_during_execution",
                                 "required_during_scheduling_ignored_during_execution"),
              "V1NodeSelector": ("node_selector_terms",),
              "V1NodeSelectorTerm": ("match_expressions", "match_fields"),
              "V1NodeSelectorRequirement": ("key", "operator", "values"),
              "V1PreferredSchedulingTerm": ("preference", "weight"),
              # (kubernetes 18.20.0, kfp 1.8.9's: a pod affinity term has no namespace
              # selector yet)
              "V1PodAffinity": ("preferred_during_scheduling_ignored_during_execution",
                                "required_during_scheduling_ignored_during_execution"),
              "V1PodAntiAffinity": ("preferred_during_scheduling_ignored_during_execution",
                                    "required_during_scheduling_ignored_during_execution"),
              "V1PodAffinityTerm": ("label_selector", "namespaces", "topology_key"),
              "V1WeightedPodAffinityTerm": ("pod_affinity_term", "weight"),
              "V1LabelSelector": ("match_expressions", "match_labels"),
              "V1LabelSelectorRequirement": ("key", "operator", "values"),
              "V1PodDNSConfig": ("nameservers", "options", "searches"),
              "V1PodDNSConfigOption": ("name", "value"),
              "V1EnvVarSource": ("config_map_key_ref", "field_ref", "resource_field_ref",
                                 "secret_key_ref"),
              "V1Toleration": ("effect", "key", "operator", "toleration_seconds", "value"),
              "V1VolumeMount": ("mount_path", "mount_propagation", "name", "read_only",
                                "sub_path", "sub_path_expr"),
              "V1LocalObjectReference": ("name",)}.get(kind, ())
    if len(args) > len(params):
        raise ctx.error(f"give `{kind}`'s arguments by name", node)
    bound = dict(zip(params, args))
    bound.update(kwargs)
    return K8s(kind, tuple((k, v) for k, v in bound.items() if v is not None))


# kfp 2: kfp-kubernetes ----------------------------------------------------------------------

def kfp_kubernetes(ctx: Any, name: str, args: list[Any], kwargs: dict[str, Any],
                   node: ast.Call, hint: str | None) -> Any:
    if name in ("CreatePVC", "DeletePVC"):
        return _pvc_task(ctx, name, args, kwargs, node, hint)
    spec = _KUBERNETES.get(name)
    if spec is None:
        raise ctx.error(f"`kubernetes.{name}` is not supported by the designer", node)
    params, handler = spec
    b = _bind(ctx, f"kubernetes.{name}", params, args, kwargs, node, 1)
    tv = b.pop("task")
    if not isinstance(tv, TaskValue):
        raise ctx.error(f"`kubernetes.{name}` takes the task first, not {describe(tv)}", node)
    handler(ctx, tv, b, node)
    return tv


def _k_env(source: str):
    def handler(ctx, tv, b, node):
        optional = _flag(ctx, b.get("optional"), "`optional=`", node)
        ref = _value(ctx, b[f"{source}_name"], f"the {source.replace('_', ' ')}'s name", node)
        mapping = b.get(f"{source}_key_to_env") or {}
        for key, env in mapping.items():
            if source == "secret":
                _add_env(ctx, tv, EnvVar(env, secret=ref, key=key, optional=optional), node)
            else:
                _add_env(ctx, tv, EnvVar(env, config_map=ref, key=key, optional=optional),
                         node)
    return handler


def _k_volume(source: str):
    def handler(ctx, tv, b, node):
        optional = _flag(ctx, b.get("optional"), "`optional=`", node)
        ref = _value(ctx, b[f"{source}_name"], f"the {source.replace('_', ' ')}'s name", node)
        _mount(tv, VolumeMount(_text(ctx, b["mount_path"], "the mount path", node), source, ref,
                               optional=optional))
    return handler


def _k_mount_pvc(ctx, tv, b, node):
    claim = b["pvc_name"]
    volume_task = None
    if isinstance(claim, OutputRef):
        maker = ctx.builder.task_values.get(claim.task_id)
        if maker is not None and isinstance(maker.component, VolumeComponent):
            volume_task = claim.task_id
    sub_path = b.get("sub_path") or None
    _mount(tv, VolumeMount(_text(ctx, b["mount_path"], "the mount path", node), "pvc",
                           _value(ctx, claim, "the claim name", node), volume_task, sub_path))


def _k_empty_dir(ctx, tv, b, node):
    limits = {}
    for key in ("medium", "size_limit"):
        if b.get(key) is not None:
            limits[key] = _text(ctx, b[key], f"the empty dir's {key.replace('_', ' ')}", node)
    _mount(tv, VolumeMount(_text(ctx, b["mount_path"], "the mount path", node), "empty_dir",
                           volume_name=_text(ctx, b["volume_name"], "the volume name", node),
                           **limits))


def _k_ephemeral(ctx, tv, b, node):
    modes = b.get("access_modes")
    if not isinstance(modes, list) or not all(isinstance(m, str) for m in modes):
        raise ctx.error("`access_modes` of an ephemeral volume must be a list of strings "
                        "known when the pipeline is compiled", node)
    maps = {}
    for key in ("labels", "annotations"):
        value = b.get(key) or {}
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ctx.error(f"`{key}` of an ephemeral volume must be a dict of strings", node)
        maps[key] = dict(value)
    storage = b.get("storage_class_name")
    if storage is not None and not isinstance(storage, str):
        raise ctx.error("`storage_class_name` of an ephemeral volume must be a string", node)
    claim = EphemeralClaim(tuple(modes), _text(ctx, b.get("size"), "the size", node), storage,
                           maps["labels"], maps["annotations"])
    _mount(tv, VolumeMount(_text(ctx, b.get("mount_path"), "the mount path", node),
                           "ephemeral", volume_name=_text(ctx, b.get("volume_name"),
                                                          "the volume name", node),
                           ephemeral=claim))


def _k_node_selector(ctx, tv, b, node):
    selector = dict(tv.task.settings.node_selector)
    selector[_text(ctx, b["label_key"], "the label", node)] = _text(ctx, b["label_value"],
                                                                    "the label value", node)
    _set(tv, node_selector=selector)


def _k_node_selector_json(ctx, tv, b, node):
    """``add_node_selector_json(task, dict | parameter)``: the last call's holds."""
    value = b["node_selector_json"]
    if isinstance(value, dict):
        _plain_json(ctx, value, "the node selector JSON", node)
    elif value is None or isinstance(value, (str, int, float, bool, list)):
        raise ctx.error("`node_selector_json` must be a dict or a pipeline parameter", node)
    else:
        value = _value(ctx, value, "the node selector JSON", node)
    _set(tv, node_selector_json=value)


def _k_toleration_json(ctx, tv, b, node):
    """``add_toleration_json(task, parameter | dict | list)``: a parameter is one entry;
    a dict or list is ``add_toleration`` of each (kfp reads key, value, operator, effect and
    toleration_seconds, and nothing else)."""
    value = b["toleration_json"]
    if isinstance(value, (dict, list)):
        for t in value if isinstance(value, list) else [value]:
            if not isinstance(t, dict):
                raise ctx.error("each toleration of `toleration_json` must be a dict", node)
            _add_toleration(ctx, tv, t.get("key"), t.get("operator"), t.get("value"),
                            t.get("effect"), t.get("toleration_seconds"), node)
        return
    if value is None or isinstance(value, (str, int, float, bool)):
        raise ctx.error("toleration_json must be a dict, list, or input parameter (kfp)", node)
    _set(tv, tolerations=tv.task.settings.tolerations + (
        Toleration(json=_value(ctx, value, "the toleration JSON", node)),))


def _k_toleration(ctx, tv, b, node):
    _add_toleration(ctx, tv, b.get("key"), b.get("operator"), b.get("value"), b.get("effect"),
                    b.get("toleration_seconds"), node)


def _k_pod(field: str, key: str, value: str):
    def handler(ctx, tv, b, node):
        _pod_entry(ctx, tv, field, b[key], b[value], node)
    return handler


def _k_field_path(ctx, tv, b, node):
    _add_env(ctx, tv, EnvVar(_text(ctx, b["env_name"], "the variable's name", node),
                             field_path=_text(ctx, b["field_path"], "the field path", node)),
             node)


def _k_pull_secrets(ctx, tv, b, node):
    names = b["secret_names"]
    if not isinstance(names, list):
        raise ctx.error("`secret_names` of `set_image_pull_secrets` must be a list", node)
    _set(tv, image_pull_secrets=tv.task.settings.image_pull_secrets + tuple(
        _value(ctx, n, "an image pull secret's name", node) for n in names))


def _k_node_affinity(ctx, tv, b, node):
    """``add_node_affinity(task, match_expressions, match_fields, weight)``: one term."""
    parts = {}
    for kind, key in (("match_expression", "match_expressions"),
                      ("match_field", "match_fields")):
        items = b.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ctx.error(f"`{key}` must be a list of dicts known when the pipeline is "
                            "compiled", node)
        out = []
        for i in items:
            key_, operator, values = i.get("key"), i.get("operator"), i.get("values", [])
            if not key_:
                raise ctx.error(f"Each {kind} must have a non-empty 'key'. (kfp)", node)
            if not operator:
                raise ctx.error(f"Each {kind} for key '{key_}' must have a non-empty "
                                "'operator'. (kfp)", node)
            if operator not in ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"):
                raise ctx.error(f"Invalid operator '{operator}' for key '{key_}' in {kind}. "
                                "Must be one of ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', "
                                "'NotIn']. (kfp)", node)
            if not isinstance(key_, str) or not isinstance(operator, str) or not isinstance(
                    values, list) or not all(isinstance(v, str) for v in values) or set(
                    i) - {"key", "operator", "values"}:
                raise ctx.error(f"a {kind.replace('_', ' ')} holds keys, operators and values "
                                "as strings (key, operator, values)", node)
            out.append(NodeRequirement(key_, operator, tuple(values)))
        parts[key] = tuple(out)
    weight = b.get("weight")
    if weight is not None:
        if not isinstance(weight, int) or isinstance(weight, bool):
            raise ctx.error("`weight` must be a whole number known when the pipeline is "
                            "compiled", node)
        if not 1 <= weight <= 100:
            raise ctx.error(f"weight must be between 1 and 100, got {weight}. (kfp)", node)
    _set(tv, node_affinity=tv.task.settings.node_affinity + (
        NodeAffinityTerm(parts["match_expressions"], parts["match_fields"], weight),))


def _plain_json(ctx: Any, value: Any, what: str, node: ast.AST) -> None:
    """``value`` holds only what JSON does (kfp writes it as a constant)."""
    import json
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise ctx.error(f"{what} must be known when the pipeline is compiled (a dict of "
                        "strings, numbers, lists and dicts)", node) from None


def _k_node_affinity_json(ctx, tv, b, node):
    """``add_node_affinity_json(task, dict | parameter)``: replaces an earlier JSON term."""
    value = b["node_affinity_json"]
    if isinstance(value, dict):
        _plain_json(ctx, value, "the node affinity JSON", node)
        unknown = sorted(set(value) - {"requiredDuringSchedulingIgnoredDuringExecution",
                                       "preferredDuringSchedulingIgnoredDuringExecution"})
        if unknown:
            raise ctx.error("Invalid V1NodeAffinity JSON: __init__() got an unexpected "
                            f"keyword argument '{unknown[0]}' (kfp)", node)
    elif value is None or isinstance(value, (str, int, float, bool, list)):
        raise ctx.error("`node_affinity_json` must be a dict or a pipeline parameter", node)
    else:
        value = _value(ctx, value, "the node affinity JSON", node)
    kept = tuple(t for t in tv.task.settings.node_affinity if t.json is None)
    _set(tv, node_affinity=kept + (NodeAffinityTerm(json=value),))


def _k_security_context(ctx, tv, b, node):
    """``set_security_context(task, run_as_user, run_as_group, run_as_non_root)``: each call
    sets the fields it gives (kfp's checks and words)."""
    user, group, non_root = (b.get(k) for k in ("run_as_user", "run_as_group",
                                                "run_as_non_root"))
    if user is None and group is None and non_root is None:
        raise ctx.error("At least one security context field must be provided. (kfp)", node)
    for arg, value in (("run_as_user", user), ("run_as_group", group)):
        if isinstance(value, bool):
            raise ctx.error(f'Argument for "{arg}" must be an int, not bool. Got: {value}. '
                            "(kfp)", node)
        if isinstance(value, int) and value < 0:
            raise ctx.error(f'Argument for "{arg}" must be greater than or equal to 0. Got '
                            f"invalid input: {value}. (kfp)", node)
    given = _security_ids(ctx, user, group, non_root, node)
    old = tv.task.settings.security_context or SecurityContext()
    _set(tv, security_context=SecurityContext(
        *(new if new is not None else was for new, was in (
            (given.run_as_user, old.run_as_user), (given.run_as_group, old.run_as_group),
            (given.run_as_non_root, old.run_as_non_root)))))


def _k_pull_policy(ctx, tv, b, node):
    _pull_policy(ctx, tv, b["policy"], node)


def _k_timeout(ctx, tv, b, node):
    if not isinstance(b["seconds"], int) or isinstance(b["seconds"], bool):
        raise ctx.error("`set_timeout` takes whole seconds", node)
    _set(tv, timeout=b["seconds"])


_KUBERNETES = {
    "use_secret_as_env": (("task", "secret_name", "secret_key_to_env", "optional"),
                          _k_env("secret")),
    "use_config_map_as_env": (("task", "config_map_name", "config_map_key_to_env", "optional"),
                              _k_env("config_map")),
    "use_secret_as_volume": (("task", "secret_name", "mount_path", "optional"),
                             _k_volume("secret")),
    "use_config_map_as_volume": (("task", "config_map_name", "mount_path", "optional"),
                                 _k_volume("config_map")),
    "mount_pvc": (("task", "pvc_name", "mount_path", "sub_path"), _k_mount_pvc),
    "empty_dir_mount": (("task", "volume_name", "mount_path", "medium", "size_limit"),
                        _k_empty_dir),
    "add_ephemeral_volume": (("task", "volume_name", "mount_path", "access_modes", "size",
                              "storage_class_name", "labels", "annotations"), _k_ephemeral),
    "add_node_selector": (("task", "label_key", "label_value"), _k_node_selector),
    "add_toleration": (("task", "key", "operator", "value", "effect", "toleration_seconds"),
                       _k_toleration),
    "add_pod_label": (("task", "label_key", "label_value"),
                      _k_pod("pod_labels", "label_key", "label_value")),
    "add_pod_annotation": (("task", "annotation_key", "annotation_value"),
                           _k_pod("pod_annotations", "annotation_key", "annotation_value")),
    "use_field_path_as_env": (("task", "env_name", "field_path"), _k_field_path),
    "set_image_pull_policy": (("task", "policy"), _k_pull_policy),
    "set_image_pull_secrets": (("task", "secret_names"), _k_pull_secrets),
    "add_node_affinity": (("task", "match_expressions", "match_fields", "weight"),
                          _k_node_affinity),
    "add_node_affinity_json": (("task", "node_affinity_json"), _k_node_affinity_json),
    "add_node_selector_json": (("task", "node_selector_json"), _k_node_selector_json),
    "add_toleration_json": (("task", "toleration_json"), _k_toleration_json),
    "set_security_context": (("task", "run_as_user", "run_as_group", "run_as_non_root"),
                             _k_security_context),
    "set_timeout": (("task", "seconds"), _k_timeout),
}


def _pvc_task(ctx: Any, name: str, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
              hint: str | None) -> TaskValue:
    builder = ctx.need_builder(f"`kubernetes.{name}` makes a task, which kfp allows", node)
    action = "create" if name == "CreatePVC" else "delete"
    component = _volume_component(builder, name, action, "v2")
    return builder.call_component(component, args, kwargs, node, hint)


def _volume_component(builder: Any, name: str, action: str, origin: str) -> VolumeComponent:
    for c in builder.m.components:
        if isinstance(c, VolumeComponent) and (c.name, c.action, c.origin) == (
                name, action, origin):
            return c
    taken = {c.python_name for c in builder.m.components}
    from designer.ir.naming import unique_name
    python = unique_name(sanitize_python_name(name) or "volume", taken)
    comp = VolumeComponent(new_id(), name, volume_signature(python, action, origin), action,
                           origin)
    builder.add_component(comp)
    return comp


# kfp 1 VolumeOp and PipelineVolume ----------------------------------------------------------

_VOLUME_OP = ("name", "resource_name", "size", "storage_class", "modes", "annotations",
              "data_source", "volume_name", "generate_unique_name")


def volume_op(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
              hint: str | None) -> TaskValue:
    builder = ctx.need_builder("a VolumeOp is made", node)
    for key in kwargs:
        if key not in _VOLUME_OP:
            raise ctx.error(f"`{key}=` of `dsl.VolumeOp` is not supported by the designer", node)
    if args:
        raise ctx.error("give `dsl.VolumeOp`'s arguments by name", node)
    op_name = _text(ctx, kwargs.pop("name", None), "the VolumeOp's name", node)
    if kwargs.get("size") is None:
        raise ctx.error("Please provide size (kfp)", node)
    size = kwargs["size"]
    if isinstance(size, str) and not _MEMORY.match(size):
        raise ctx.error('Invalid memory string. Should be an integer, or integer followed by one '
                        'of "E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki" (kfp)', node)
    if "data_source" in kwargs and isinstance(kwargs["data_source"], K8s):
        raise ctx.error("a `data_source` object is not supported (a snapshot name is)", node)
    component = _volume_component(builder, op_name, "create", "v1")
    arguments = {k: builder.to_argument(v, node) for k, v in kwargs.items()}
    tv = builder.make_task(component, arguments, hint, node)
    # kfp 1: the volume names its claim by the op's output, which is the dependency (the
    # volume itself carries none).
    tv.volume = VolumeValue(pvc=OutputRef(tv.task.id, "name"), volume_task=tv.task.id)
    return tv


_SNAPSHOT_OP = ("name", "resource_name", "pvc", "snapshot_class", "annotations", "volume",
                "api_version")


def volume_snapshot_op(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                       hint: str | None) -> TaskValue:
    """``dsl.VolumeSnapshotOp(name=, resource_name=, pvc= | volume=, snapshot_class=,
    annotations=, api_version=)``: a step snapshotting a claim. ``volume=`` (a mounted
    volume, ``step.pvolume``) gives its claim, and the tasks that mounted it run first, as
    kfp's ``dependent_names``; ``snap.snapshot`` is the step's ``name`` output."""
    builder = ctx.need_builder("a VolumeSnapshotOp is made", node)
    for key in kwargs:
        if key not in _SNAPSHOT_OP:
            raise ctx.error(f"`{key}=` of `dsl.VolumeSnapshotOp` is not supported by the "
                            "designer", node)
    if args:
        raise ctx.error("give `dsl.VolumeSnapshotOp`'s arguments by name", node)
    op_name = _text(ctx, kwargs.pop("name", None), "the VolumeSnapshotOp's name", node)
    volume = kwargs.pop("volume", None)
    if volume is None and kwargs.get("pvc") is None:
        raise ctx.error("You must provide a pvc or a volume. (kfp)", node)
    if volume is not None and kwargs.get("pvc") is not None:
        raise ctx.error("You can't provide both pvc and volume. (kfp)", node)
    if kwargs.get("resource_name") is None:
        raise ctx.error("`dsl.VolumeSnapshotOp` needs `resource_name=` (kfp cannot name the "
                        "snapshot without it)", node)
    after: tuple[str, ...] = ()
    if volume is not None:
        if not isinstance(volume, VolumeValue) or volume.pvc is None:
            raise ctx.error("The volume must be referencing a PVC. (kfp)", node)
        kwargs["pvc"], after = volume.pvc, volume.after
    arguments = {k: builder.to_argument(v, node) for k, v in kwargs.items()}
    component = _volume_component(builder, op_name, "snapshot", "v1")
    tv = builder.make_task(component, arguments, hint, node)
    tv.task.after = list(dict.fromkeys(tv.task.after + [a for a in after
                                                        if a != tv.task.id]))
    return tv


def pipeline_volume(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                    hint: str | None) -> VolumeValue:
    b = _bind(ctx, "dsl.PipelineVolume", ("pvc", "volume", "name"), args, kwargs, node, 0)
    if b.get("volume") is not None:
        if len(b) > 1:
            raise ctx.error("You can't pass a volume along with other kwargs. (kfp)", node)
        vol = b["volume"]
        if isinstance(vol, VolumeValue):
            return VolumeValue(vol.pvc, vol.k8s, (), vol.volume_task, vol.name)
        source, claim, _, name = _k8s_volume(ctx, vol, node)
        return VolumeValue(pvc=claim, k8s=vol, name=name)
    if b.get("pvc") is None:
        raise ctx.error("`dsl.PipelineVolume` needs `pvc=` (a claim name) or `volume=`", node)
    claim = _value(ctx, b["pvc"], "the claim name", node)
    name = b.get("name")
    if name is not None:
        name = _text(ctx, name, "the volume name", node)
    return VolumeValue(pvc=claim, name=name)


_METHODS = {
    (None, "set_display_name"): _display_name,
    (None, "set_caching_options"): _caching,
    (None, "set_retry"): _retry,
    (V1, "set_timeout"): _timeout,
    (None, "set_cpu_request"): _make_resource("cpu_request", "set_cpu_request"),
    (None, "set_cpu_limit"): _make_resource("cpu_limit", "set_cpu_limit"),
    (None, "set_memory_request"): _make_resource("memory_request", "set_memory_request"),
    (None, "set_memory_limit"): _make_resource("memory_limit", "set_memory_limit"),
    (V1, "set_gpu_limit"): _gpu_limit_v1,
    (V1, "add_resource_limit"): _resource_v1("limit"),
    (V1, "add_resource_request"): _resource_v1("request"),
    (V2, "set_gpu_limit"): _accelerator_limit,
    (V2, "set_accelerator_limit"): _accelerator_limit,
    (V2, "set_accelerator_type"): _accelerator_type,
    (V2, "add_node_selector_constraint"): _accelerator_type,
    (V1, "add_node_selector_constraint"): _node_selector_v1,
    (V1, "add_toleration"): _toleration_v1,
    (V1, "add_pod_label"): _pod_metadata("pod_labels", "add_pod_label"),
    (V1, "add_pod_annotation"): _pod_metadata("pod_annotations", "add_pod_annotation"),
    (V1, "set_image_pull_policy"): _image_pull_policy,
    (V1, "add_env_variable"): _env_v1,
    (V1, "set_security_context"): _security_context_v1,
    (V2, "set_env_variable"): _env_v2,
    (V2, "ignore_upstream_failure"): _ignore_upstream_failure,
    (V1, "apply"): _apply,
    (V1, "add_volume"): _add_volume,
    (V1, "add_volume_mount"): _add_volume_mount,
    (V1, "add_pvolumes"): _add_pvolumes,
    (V1, "add_affinity"): affinity_v1,
    (V1, "add_sidecar"): add_sidecar_method,
    (V1, "add_init_container"): _refused("`add_init_container` (init containers)"),
    (V2, "set_container_image"): _refused("`set_container_image`"),
    (V2, "set_debug_pause"): _refused("`set_debug_pause`"),
}

MODIFIERS = {
    "kfp.aws.use_aws_secret": _modifier("use_aws_secret", (
        "secret_name", "aws_access_key_id_name", "aws_secret_access_key_name", "aws_region")),
    "kfp.gcp.use_gcp_secret": _modifier("use_gcp_secret", (
        "secret_name", "secret_file_path_in_volume", "volume_name",
        "secret_volume_mount_path")),
    "kfp.onprem.use_k8s_secret": _modifier("use_k8s_secret", (
        "secret_name", "k8s_secret_key_to_env")),
    "kfp.gcp.use_tpu": _modifier("use_tpu", ("tpu_cores", "tpu_resource", "tf_version")),
    "kfp.gcp.use_preemptible_nodepool": _modifier("use_preemptible_nodepool", (
        "toleration", "hard_constraint")),
    "kfp.onprem.mount_pvc": _modifier("mount_pvc", (
        "pvc_name", "volume_name", "volume_mount_path")),
}
