"""IR <-> project-document data (the ``pipeline`` part of a ``.kfpd``), format versions 1 and 2.

Version 3 adds pipelines used as components (sub-pipelines: ``kind: pipeline`` holding a
whole ``pipeline`` mapping, nested). Version 1 stores function components, parameters, tasks wired by constants, parameters and
task outputs. Version 2 adds every other concept of the IR: container and volume
components (with their placeholders and full ports), control-flow groups, task settings,
pipeline settings (``conf``), a display name, pipeline outputs and the arguments
LoopItem / RunPlaceholder / Concat / Collected / OneOf. Fields are written only when they
differ from the IR's defaults, so a file holds what a person set and diffs stay small.

``Writer.v2`` records whether anything beyond version 1 was written: a project with only
version-1 content is still written as version 1 (a designer that reads only version 1 opens
it, and existing files do not change on save); anything else is version 2, or version 3
(``Writer.v3``) when it holds what version 3 adds: the pipeline root
(``@dsl.pipeline(pipeline_root=)``) and a function component's kfp 2 install options.

Secrets are referenced by name and key (``EnvVar.secret``/``key``, ``VolumeMount`` of source
``secret``): the IR holds no secret value and none is written (an env var that names a secret
and also holds a plain value is refused rather than written).
"""
from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from designer.ir import (Component, Constant, InputSpec, OutputRef, OutputSpec, ParamRef,
                         Pipeline, PipelineParam, Signature, SignatureError, Task,
                         signature_from_source)
from designer.ir import components as cc
from designer.ir.errors import InputError
from designer.ir.groups import Condition, Group, condition_constant_problem
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.settings import (DnsConfig, DnsOption, EnvVar, EphemeralClaim, LabelSelector,
                                  NodeAffinityTerm, NodeRequirement, PipelineConf,
                                  PodAffinityTerm, Retry, SecurityContext, Sidecar,
                                  TaskSettings, Toleration, VolumeMount)
from designer.ir.signature import VALUE
from designer.ir.values import MAX_DEPTH, int_too_long, too_deep
from designer.ir.subpipeline import PipelineComponent
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import VolumeComponent

# The names of run placeholders (ir.model.RunPlaceholder) a file may hold.
RUN_NAMES = ("run_id", "run_name", "job_name", "job_resource_name", "task_name", "task_id",
             "job_create_time", "job_schedule_time", "workflow_uid", "execution_id",
             "pipeline_root")
VOLUME_SOURCES = ("pvc", "secret", "config_map", "empty_dir", "ephemeral", "host_path")

# How each settings field is stored; the schema (project_schema_ir) and the reader use the same
# table, and a test checks it names every field of the dataclass.
#   text, flag, int, number: that scalar;  value: a scalar or an argument;  texts: a list of
#   strings;  text_map: string -> string;  the rest: records of their own.
SETTING_KINDS = {
    "display_name": "text", "enable_caching": "flag", "max_cache_staleness": "text",
    "retry": "retry", "timeout": "int", "cpu_request": "value", "cpu_limit": "value",
    "memory_request": "value", "memory_limit": "value", "accelerator_type": "value",
    "accelerator_limit": "value", "node_selector": "text_map", "tolerations": "tolerations",
    "env": "env", "volumes": "volumes", "pod_labels": "text_map",
    "pod_annotations": "text_map", "image_pull_policy": "text",
    "ignore_upstream_failure": "flag", "resource_order": "resource_order",
    "image_pull_secrets": "values", "node_affinity": "node_affinity",
    "node_selector_json": "json", "security_context": "security_context",
    "pod_affinity": "pod_affinity", "pod_anti_affinity": "pod_affinity",
    "sidecars": "sidecars", "other_limits": "text_map", "other_requests": "text_map"}
SIDECAR_KINDS = {"name": "text", "image": "value", "command": "values", "args": "values",
                 "mirror_volume_mounts": "flag"}
SECURITY_KINDS = {"run_as_user": "int", "run_as_group": "int", "run_as_non_root": "flag"}
AFFINITY_KINDS = {"match_expressions": "requirements", "match_fields": "requirements",
                  "weight": "int", "json": "json"}
POD_AFFINITY_KINDS = {"topology_key": "text", "label_selector": "label_selector",
                      "namespaces": "texts", "weight": "int"}
LABEL_SELECTOR_KINDS = {"match_labels": "text_map", "match_expressions": "requirements"}
CONF_KINDS = {
    "ttl_seconds_after_finished": "int", "parallelism": "int", "timeout": "int",
    "image_pull_secrets": "texts", "default_node_selector": "text_map",
    "image_pull_policy": "text", "dns_config": "dns_config"}
DNS_KINDS = {"nameservers": "texts", "searches": "texts", "options": "dns_options"}
RETRY_KINDS = {"num_retries": "int", "policy": "text", "backoff_duration": "text",
               "backoff_factor": "number", "backoff_max_duration": "text"}
TOLERATION_KINDS = {"key": "text", "operator": "text", "value": "text", "effect": "text",
                    "toleration_seconds": "int", "json": "json"}

# Container placeholders: mapping key -> IR class (one port name each).
PORT_PLACEHOLDERS = {"inputValue": cc.InputValue, "inputPath": cc.InputPath,
                     "outputPath": cc.OutputPath, "inputUri": cc.InputUri,
                     "outputUri": cc.OutputUri}
_PLACEHOLDER_KEYS = {cls: key for key, cls in PORT_PLACEHOLDERS.items()}


def storable(value: Any) -> Any:
    """``value`` as the JSON-like data a project file holds (ir.values).

    The IR's own constants already are; a component's default read from its source (kept in
    ``ports`` while the source does not parse) may be a tuple, set, bytes or complex number:
    those are written as the nearest JSON-like value rather than as a file we cannot read.
    A value nested deeper than a project file may hold is refused: the file would not open.
    """
    if too_deep(value):
        raise InputError(f"cannot save the project: a value nested more than {MAX_DEPTH} "
                         "levels deep, which no project file holds")
    return _storable(value)


def _storable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, float, str)):
        return value
    if isinstance(value, int):
        return hex(value) if int_too_long(value) else value
    if isinstance(value, dict):
        return {(k if k is None or isinstance(k, (bool, int, float, str)) and not (
                    isinstance(k, int) and int_too_long(k)) else repr(k)): _storable(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_storable(v) for v in value), key=repr)
    return repr(value)


def _some(**items: Any) -> dict:
    """The items whose value is not None (fields left at their default are not written)."""
    return {k: v for k, v in items.items() if v is not None}


# --- writing -------------------------------------------------------------------------------

class Writer:
    """IR -> document data; ``v2`` turns True once something only version 2 holds is written,
    ``v3`` once a sub-pipeline is (version 3)."""

    def __init__(self) -> None:
        self.v2 = False
        self.v3 = False
        self.v4 = False     # an importer (version 4)
        self.v5 = False     # descriptions of pipeline outputs (version 5)

    def _new(self, data: Any) -> Any:
        self.v2 = True
        return data

    def _v3(self, data: Any) -> Any:
        """Something only version 3 holds (the pipeline root, a function component's
        kfp 2 install options)."""
        self.v3 = True
        return data

    def argument(self, arg: Any) -> dict:
        if isinstance(arg, ParamRef):
            return {"parameter": arg.name}
        if isinstance(arg, OutputRef):
            return {"task": arg.task_id, "output": arg.output}
        if isinstance(arg, Constant):
            return {"value": storable(arg.value)}
        if isinstance(arg, LoopItem):
            return self._new({"loop_item": arg.loop, **({"fields": list(arg.fields)}
                                                         if arg.fields else {})})
        if isinstance(arg, RunPlaceholder):
            return self._new({"run": arg.name})
        if isinstance(arg, Concat):
            return self._new({"concat": [p if isinstance(p, str) else self.argument(p)
                                         for p in arg.parts]})
        if isinstance(arg, Collected):
            return self._new({"collected": self.argument(arg.ref)})
        if isinstance(arg, OneOf):
            return self._new({"one_of": [self.argument(r) for r in arg.refs]})
        raise InputError(f"cannot save the project: an argument of kind "
                         f"{type(arg).__name__} (not an IR argument)")

    def value(self, value: Any, what: str) -> Any:
        """A setting that is a plain scalar or an argument (a parameter, an output...)."""
        if value is None or isinstance(value, (str, bool, int, float)):
            return storable(value)
        if isinstance(value, (list, dict, tuple, set)):
            raise InputError(f"cannot save the project: {what} holds "
                             f"{type(value).__name__} where a text or an argument belongs")
        return self.argument(value)

    def signature(self, sig: Signature) -> dict:
        def port_in(i: InputSpec) -> dict:
            out = {"name": i.name, "type": i.annotation,
                   **({"default": storable(i.default)} if i.has_default else {})}
            return out | self._extras(i)

        def port_out(o: OutputSpec) -> dict:
            return {"name": o.name, "type": o.annotation} | self._extras(o)

        return {"function_name": sig.function_name,
                "inputs": [port_in(i) for i in sig.inputs],
                "outputs": [port_out(o) for o in sig.outputs],
                "return_annotation": sig.return_annotation, "docstring": sig.docstring,
                "named_outputs": sig.named_outputs}

    def _extras(self, port: InputSpec | OutputSpec) -> dict:
        extra = _some(passing=port.passing if port.passing != VALUE else None,
                      kfp_type=port.type, description=port.description,
                      param=getattr(port, "param", None), path=port.path)
        return self._new(extra) if extra else extra

    def component(self, c: Any) -> dict:
        if isinstance(c, PipelineComponent):
            # The pipeline inside, whole, in its own id space (its ports are derived).
            self.v3 = True
            return {"id": c.id, "kind": "pipeline", "pipeline": self.pipeline(c.pipeline)}
        if isinstance(c, cc.ContainerComponent):
            return self._new(self._container(c))
        if isinstance(c, ImporterComponent):
            # (its ports are derived from its class)
            self.v4 = True
            return {"id": c.id, "kind": "importer", "artifact_class": c.artifact_class,
                    **({"reimport": True} if c.reimport else {}),
                    **({"metadata": storable(c.metadata)} if c.metadata else {})}
        if isinstance(c, VolumeComponent):
            return self._new({"id": c.id, "kind": "volume", "name": c.name, "action": c.action,
                              "origin": c.origin, "ports": self.signature(c.signature)})
        out = {"id": c.id, "base_image": c.base_image,
               "packages_to_install": list(c.packages_to_install), "source": c.source}
        options = c.install_options()
        if options:
            out.update(self._v3(options))
        try:
            current = signature_from_source(c.source)
        except SignatureError:
            current = None
        if current != c.signature:
            # Saved mid-edit (the source does not parse, or lags), or ports the source alone
            # does not give: keep the ports tasks are wired to.
            out["ports"] = self.signature(c.signature)
        return out

    def part(self, part: Any) -> Any:
        if isinstance(part, str):
            return part
        key = _PLACEHOLDER_KEYS.get(type(part))
        if key is not None:
            return {key: getattr(part, "input", None) or getattr(part, "output")}
        if isinstance(part, cc.Concat):
            return {"concat": [self.part(p) for p in part.parts],
                    **({"inline": True} if part.inline else {})}
        if isinstance(part, cc.IfPresent):
            return {"ifPresent": part.input,
                    **({"then": [self.part(p) for p in part.then]} if part.then else {}),
                    **({"else": [self.part(p) for p in part.otherwise]}
                       if part.otherwise else {})}
        if isinstance(part, cc.ExecutorInput):
            return {"executorInput": True}
        raise InputError(f"cannot save the project: a container placeholder of kind "
                         f"{type(part).__name__}")

    def _container(self, c: cc.ContainerComponent) -> dict:
        return {"id": c.id, "kind": "container", "name": c.name, "origin": c.origin,
                "image": c.image,
                **({"command": [self.part(p) for p in c.command]} if c.command else {}),
                **({"args": [self.part(p) for p in c.args]} if c.args else {}),
                **({"env": dict(c.env)} if c.env else {}),
                **_some(description=c.description, spec_path=c.spec_path,
                        spec_url=c.spec_url),
                **({"explicit_empty": sorted(c.explicit_empty)} if c.explicit_empty else {}),
                "ports": self.signature(c.signature),
                **_some(function_source=c.function_source, spec_text=c.spec_text)}

    def _typed(self, kind: str, value: Any, what: str) -> Any:
        if kind == "value":
            return self.value(value, what)
        if kind == "values":
            return [self.value(v, what) for v in value]
        if kind in ("texts", "resource_order"):
            return list(value)
        if kind == "text_map":
            return dict(value)
        if kind == "retry":
            return self._record(value, RETRY_KINDS, what)
        if kind == "tolerations":
            return [self._record(t, TOLERATION_KINDS, what) for t in value]
        if kind == "node_affinity":
            return [self._record(t, AFFINITY_KINDS, what) for t in value]
        if kind == "pod_affinity":
            return [self._record(t, POD_AFFINITY_KINDS, what) for t in value]
        if kind == "label_selector":
            return self._record(value, LABEL_SELECTOR_KINDS, what)
        if kind == "dns_config":
            return self._record(value, DNS_KINDS, what)
        if kind == "sidecars":
            return [self._record(sc, SIDECAR_KINDS, what) for sc in value]
        if kind == "dns_options":
            return [{"name": o.name, **({"value": o.value} if o.value is not None else {})}
                    for o in value]
        if kind == "security_context":
            return self._record(value, SECURITY_KINDS, what)
        if kind == "requirements":
            return [{"key": r.key, "operator": r.operator, **({"values": list(r.values)}
                                                              if r.values else {})}
                    for r in value]
        if kind == "json":      # a whole Kubernetes object as data, or an argument
            return ({"object": storable(value)} if isinstance(value, dict)
                    else self.value(value, what))
        if kind == "env":
            return [self._env(e) for e in value]
        if kind == "volumes":
            return [self._mount(m) for m in value]
        return value

    def _record(self, obj: Any, kinds: dict[str, str], what: str) -> dict:
        """The fields of a settings dataclass that differ from its defaults, by ``kinds``."""
        out = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.default is not MISSING:
                default = f.default
            elif f.default_factory is not MISSING:
                default = f.default_factory()
            else:                                   # a required field: always written
                default = MISSING
            if default is MISSING or value != default:
                out[f.name] = self._typed(kinds[f.name], value, f"{what} `{f.name}`")
        return out

    def _env(self, e: EnvVar) -> dict:
        if e.secret is not None and e.value is not None:
            raise InputError(f"cannot save the project: environment variable `{e.name}` names "
                             "a secret and also holds a value; a project never stores secret "
                             "values")
        return {"name": e.name, **{k: self.value(getattr(e, k), f"environment variable "
                                                  f"`{e.name}`")
                                   for k in ("value", "secret", "config_map")
                                   if getattr(e, k) is not None},
                **_some(key=e.key, field_path=e.field_path),
                **({"optional": True} if e.optional else {})}

    def _mount(self, m: VolumeMount) -> dict:
        return {"mount_path": m.mount_path, "source": m.source,
                **({"name": self.value(m.name, f"the volume at `{m.mount_path}`")}
                   if m.name is not None else {}),
                **_some(volume_task=m.volume_task, sub_path=m.sub_path),
                **({"read_only": True} if m.read_only else {}),
                **_some(volume_name=m.volume_name, medium=m.medium, size_limit=m.size_limit),
                **({"ephemeral": _ephemeral(m.ephemeral)} if m.ephemeral is not None else {}),
                **({"optional": True} if m.optional else {})}

    def settings(self, s: TaskSettings, what: str) -> dict:
        return self._record(s, SETTING_KINDS, what)

    def group(self, g: Group) -> dict:
        cond = g.condition
        for side in (cond.left, cond.right) if cond is not None else ():
            problem = condition_constant_problem(side.value) if isinstance(
                side, Constant) else None
            if problem:             # the file would not open again: refused before writing
                raise InputError(f"cannot save the project: group `{g.id}`: {problem}")
        return _some(id=g.id, kind=g.kind, parent=g.parent, name=g.name, branch=g.branch,
                     condition=None if cond is None else {
                         "left": self.argument(cond.left), "operator": cond.operator,
                         "right": self.argument(cond.right)},
                     items=None if g.items is None else self.value(
                         g.items, f"the items of loop `{g.id}`"),
                     parallelism=g.parallelism, exit_task=g.exit_task)

    def task(self, t: Task) -> dict:
        out = {"id": t.id, "name": t.name, "component": t.component_id,
               "arguments": {k: self.argument(v) for k, v in t.arguments.items()},
               "after": list(t.after)}
        if t.group is not None:
            out["group"] = self._new(t.group)
        if not t.settings.is_default():
            out["settings"] = self._new(self.settings(t.settings, f"task `{t.name}`"))
        return out

    def pipeline(self, p: Pipeline) -> dict:
        out: dict[str, Any] = {"name": p.name, "description": p.description,
                               "function_name": p.function_name}
        if p.display_name is not None:
            out["display_name"] = self._new(p.display_name)
        if p.pipeline_root:
            out["pipeline_root"] = self._v3(p.pipeline_root)
        out["parameters"] = [
            {"name": prm.name, "type": prm.annotation,
             **({"default": storable(prm.default)} if prm.has_default else {}),
             **({"description": prm.description} if prm.description is not None else {})}
            for prm in p.params]
        out["components"] = [self.component(c) for c in p.components]
        out["tasks"] = [self.task(t) for t in p.tasks]
        if p.groups:
            out["groups"] = self._new([self.group(g) for g in p.groups])
        if p.outputs:
            out["outputs"] = self._new({k: self.argument(v) for k, v in p.outputs.items()})
        if p.output_descriptions:
            self.v5 = True
            out["output_descriptions"] = dict(p.output_descriptions)
        if not p.conf.is_default():
            out["conf"] = self._new(self._record(p.conf, CONF_KINDS, "the pipeline"))
        return out


# --- reading -------------------------------------------------------------------------------

class Reader:
    """Schema-checked document data -> IR (the shapes are known good: project_schema)."""

    def argument(self, raw: dict) -> Any:
        if "parameter" in raw:
            return ParamRef(raw["parameter"])
        if "task" in raw:
            return OutputRef(str(raw["task"]), raw["output"])
        if "value" in raw:
            return Constant(raw["value"])
        if "loop_item" in raw:
            return LoopItem(str(raw["loop_item"]), tuple(raw.get("fields") or ()))
        if "run" in raw:
            return RunPlaceholder(raw["run"])
        if "concat" in raw:
            return Concat(tuple(p if isinstance(p, str) else self.argument(p)
                                for p in raw["concat"] or ()))
        if "collected" in raw:
            return Collected(self.argument(raw["collected"]))
        return OneOf(tuple(self.argument(r) for r in raw["one_of"] or ()))

    def value(self, raw: Any) -> Any:
        return self.argument(raw) if isinstance(raw, dict) else raw

    @staticmethod
    def signature(raw: dict) -> Signature:
        def extras(port: dict) -> dict:
            return {"passing": port.get("passing") or VALUE, "type": port.get("kfp_type"),
                    "description": port.get("description"), "path": port.get("path")}
        return Signature(
            function_name=raw["function_name"],
            inputs=tuple(InputSpec(i["name"], i.get("type"), i.get("default"), "default" in i,
                                   **extras(i))
                         for i in raw.get("inputs") or []),
            outputs=tuple(OutputSpec(o["name"], o.get("type"), param=o.get("param"),
                                     **extras(o))
                          for o in raw.get("outputs") or []),
            return_annotation=raw.get("return_annotation"),
            docstring=raw.get("docstring"),
            named_outputs=bool(raw.get("named_outputs")))

    def part(self, raw: Any) -> Any:
        if isinstance(raw, str):
            return raw
        for key, cls in PORT_PLACEHOLDERS.items():
            if key in raw:
                return cls(raw[key])
        if "concat" in raw:
            return cc.Concat(tuple(self.part(p) for p in raw["concat"] or ()),
                             bool(raw.get("inline")))
        if "ifPresent" in raw:
            return cc.IfPresent(raw["ifPresent"], tuple(self.part(p) for p in raw.get("then")
                                                        or ()),
                                tuple(self.part(p) for p in raw.get("else") or ()))
        return cc.ExecutorInput()

    def container(self, raw: dict) -> cc.ContainerComponent:
        return cc.ContainerComponent(
            id=str(raw["id"]), name=raw["name"], signature=self.signature(raw["ports"]),
            image=raw["image"], command=[self.part(p) for p in raw.get("command") or []],
            args=[self.part(p) for p in raw.get("args") or []], env=dict(raw.get("env") or {}),
            origin=raw["origin"], description=raw.get("description"),
            spec_text=raw.get("spec_text"), spec_path=raw.get("spec_path"),
            spec_url=raw.get("spec_url"), function_source=raw.get("function_source"),
            explicit_empty=frozenset(raw.get("explicit_empty") or ()))

    def sub_pipeline(self, raw: dict) -> PipelineComponent:
        return PipelineComponent(str(raw["id"]), self.pipeline(raw["pipeline"]))

    def pipeline(self, raw: dict) -> Pipeline:          # (the project reader's, checked)
        raise NotImplementedError

    def importer(self, raw: dict) -> ImporterComponent:
        return ImporterComponent(str(raw["id"]), raw["artifact_class"],
                                 bool(raw.get("reimport")),
                                 dict(raw.get("metadata") or {}))

    def volume(self, raw: dict) -> VolumeComponent:
        return VolumeComponent(str(raw["id"]), raw["name"], self.signature(raw["ports"]),
                               raw["action"], raw["origin"])

    def _typed(self, kind: str, raw: Any) -> Any:
        if raw is None:     # (a collection given as null is empty: the IR never holds None
            # there, and saving would fail on it; fuzz: project seed 103 #6838)
            return {} if kind == "text_map" else () if kind in (
                "texts", "resource_order", "tolerations", "env", "volumes", "values",
                "node_affinity", "requirements", "pod_affinity", "dns_options", "sidecars") else None
        if kind == "value":
            return self.value(raw)
        if kind == "values":
            return tuple(self.value(v) for v in raw)
        if kind in ("texts", "resource_order"):
            return tuple(raw)
        if kind == "text_map":
            return dict(raw)
        if kind == "retry":
            return Retry(**self._fields(raw, RETRY_KINDS))
        if kind == "tolerations":
            return tuple(Toleration(**self._fields(t, TOLERATION_KINDS)) for t in raw)
        if kind == "node_affinity":
            return tuple(NodeAffinityTerm(**self._fields(t, AFFINITY_KINDS)) for t in raw)
        if kind == "security_context":
            return SecurityContext(**self._fields(raw, SECURITY_KINDS))
        if kind == "pod_affinity":
            return tuple(PodAffinityTerm(**self._fields(t, POD_AFFINITY_KINDS)) for t in raw)
        if kind == "label_selector":
            return LabelSelector(**self._fields(raw, LABEL_SELECTOR_KINDS))
        if kind == "dns_config":
            return DnsConfig(**self._fields(raw, DNS_KINDS))
        if kind == "sidecars":
            return tuple(Sidecar(**self._fields(sc, SIDECAR_KINDS)) for sc in raw)
        if kind == "dns_options":
            return tuple(DnsOption(o["name"], o.get("value")) for o in raw)
        if kind == "requirements":
            return tuple(NodeRequirement(r["key"], r["operator"], tuple(r.get("values") or ()))
                         for r in raw)
        if kind == "json":
            return raw["object"] if isinstance(raw, dict) and "object" in raw \
                else self.value(raw)
        if kind == "env":
            return tuple(EnvVar(e["name"], self.value(e.get("value")),
                                self.value(e.get("secret")), self.value(e.get("config_map")),
                                e.get("key"), e.get("field_path"), bool(e.get("optional")))
                         for e in raw)
        if kind == "volumes":
            return tuple(VolumeMount(m["mount_path"], m.get("source", "pvc"),
                                     self.value(m.get("name")), _opt_id(m.get("volume_task")),
                                     m.get("sub_path"), bool(m.get("read_only")),
                                     m.get("volume_name"), _read_ephemeral(m.get("ephemeral")),
                                     m.get("medium"), m.get("size_limit"),
                                     bool(m.get("optional")))
                         for m in raw)
        return raw

    def _fields(self, raw: dict | None, kinds: dict[str, str]) -> dict:
        return {k: self._typed(kinds[k], v) for k, v in (raw or {}).items()}

    def settings(self, raw: dict | None) -> TaskSettings:
        return TaskSettings(**self._fields(raw, SETTING_KINDS))

    def conf(self, raw: dict | None) -> PipelineConf:
        return PipelineConf(**self._fields(raw, CONF_KINDS))

    def group(self, raw: dict) -> Group:
        cond = raw.get("condition")
        return Group(id=str(raw["id"]), kind=raw["kind"], parent=_opt_id(raw.get("parent")),
                     name=raw.get("name"), branch=raw.get("branch"),
                     condition=None if cond is None else Condition(
                         self.argument(cond["left"]), cond["operator"],
                         self.argument(cond["right"])),
                     items=self.value(raw.get("items")), parallelism=raw.get("parallelism"),
                     exit_task=_opt_id(raw.get("exit_task")))

    def task(self, raw: dict) -> Task:
        return Task(id=str(raw["id"]), name=raw["name"], component_id=str(raw["component"]),
                    arguments={k: self.argument(v)
                               for k, v in (raw.get("arguments") or {}).items()},
                    after=[str(x) for x in raw.get("after") or []],
                    group=_opt_id(raw.get("group")), settings=self.settings(raw.get("settings")))

    @staticmethod
    def params(raw: dict) -> list[PipelineParam]:
        return [PipelineParam(name=prm["name"], annotation=prm.get("type"),
                              default=prm.get("default"), has_default="default" in prm,
                              description=prm.get("description"))
                for prm in raw.get("parameters") or []]

    def pipeline_rest(self, raw: dict, p: Pipeline) -> Pipeline:
        """``p`` (name, parameters, components, tasks read) with what version 2 adds."""
        p.groups = [self.group(g) for g in raw.get("groups") or []]
        p.outputs = {k: self.argument(v) for k, v in (raw.get("outputs") or {}).items()}
        p.output_descriptions = dict(raw.get("output_descriptions") or {})
        p.conf = self.conf(raw.get("conf"))
        p.display_name = raw.get("display_name")
        p.pipeline_root = raw.get("pipeline_root") or None
        return p


def _opt_id(raw: Any) -> str | None:
    return None if raw is None else str(raw)


def component_kind(raw: dict) -> str:
    return raw.get("kind") or "function"


def function_component(raw: dict, signature: Signature | None) -> Component:
    """A function component whose ``ports`` were written (``signature``), else read from
    its source (SignatureError when that does not parse)."""
    source, cid = raw["source"], str(raw["id"])
    packages = list(raw.get("packages_to_install") or [])
    options = {"kfp_package_path": raw.get("kfp_package_path") or None,
               "pip_index_urls": list(raw.get("pip_index_urls") or []),
               "target_image": raw.get("target_image") or None}
    if signature is not None:
        return Component(cid, source, signature, raw.get("base_image"), packages, **options)
    return Component.from_source(source, id=cid, base_image=raw.get("base_image"),
                                 packages_to_install=packages, **options)


def _ephemeral(claim: EphemeralClaim) -> dict:
    """A generic ephemeral volume's claim; ``storage_class_name`` is written even when empty
    ("" names no class, absent means the cluster's default)."""
    return {"access_modes": list(claim.access_modes), "size": claim.size,
            **({"storage_class_name": claim.storage_class_name}
               if claim.storage_class_name is not None else {}),
            **({"labels": dict(claim.labels)} if claim.labels else {}),
            **({"annotations": dict(claim.annotations)} if claim.annotations else {})}


def _read_ephemeral(raw: dict | None) -> EphemeralClaim | None:
    if raw is None:
        return None
    return EphemeralClaim(tuple(raw.get("access_modes") or ()), raw.get("size", ""),
                          raw.get("storage_class_name"), dict(raw.get("labels") or {}),
                          dict(raw.get("annotations") or {}))


__all__ = ["Writer", "Reader", "storable", "SETTING_KINDS", "CONF_KINDS", "RUN_NAMES",
           "VOLUME_SOURCES", "PORT_PLACEHOLDERS", "component_kind", "function_component"]
