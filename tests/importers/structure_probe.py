"""What the real kfp builds when it runs a pipeline function, in a form our IR can be
rendered to: tasks in creation order (component, container, arguments, dependencies,
settings), and the group tree (conditions, loops, exit handlers).

``KFP1_PROBE`` / ``KFP2_PROBE`` run in the oracle venvs; ``our_structure`` renders an
imported pipeline the same way. Run-time values are written ``{{param:x}}``,
``{{out:<task index>:<output>}}`` and ``{{item:<group index>[:field]}}`` on both sides.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from designer.importers._kfp_calls import V1_PLACEHOLDER_TEXT, V2_PLACEHOLDER_TEXT
from designer.ir import Constant, OutputRef, ParamRef, Pipeline
from designer.ir import components as pc
from designer.ir.components import ContainerComponent
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.naming import sanitize_k8s_name
from designer.ir.volumes import VolumeComponent

KFP1_PROBE = r"""
import json, re, runpy, sys, inspect
import kfp
from kfp import dsl
from kfp.dsl import _component_bridge as bridge, _container_op, _ops_group, _for_loop
from kfp.dsl._pipeline_param import PipelineParam, ConditionOperator

made = []
create = bridge._create_container_op_from_component_and_arguments
def create_hook(component_spec, arguments, component_ref=None):
    op = create(component_spec, arguments, component_ref)
    op._probe_component = component_spec.name
    op._probe_arguments = dict(arguments)
    return op
bridge._create_container_op_from_component_and_arguments = create_hook

vop_init = dsl.VolumeOp.__init__
def vop_hook(self, *args, **kwargs):
    self._probe_kwargs = dict(kwargs)
    vop_init(self, *args, **kwargs)
dsl.VolumeOp.__init__ = vop_hook

PARAM = re.compile(r"\{\{pipelineparam:op=([^;]*);name=([^}]*)\}\}")

def k8s(obj, value):
    from kfp.compiler._k8s_helper import convert_k8s_obj_to_json
    return value(convert_k8s_obj_to_json(obj))

def settings(op, value):
    s = {}
    if op.display_name:
        s["display_name"] = op.display_name
    if not op.enable_caching:
        s["enable_caching"] = False
    if isinstance(op, dsl.ContainerOp) and op.execution_options.caching_strategy.max_cache_staleness:
        s["max_cache_staleness"] = op.execution_options.caching_strategy.max_cache_staleness
    if op.num_retries:
        s["retry"] = [op.num_retries, op.retry_policy, op.backoff_duration, op.backoff_factor,
                      op.backoff_max_duration]
    if op.timeout:
        s["timeout"] = op.timeout
    if op.node_selector:
        s["node_selector"] = value(op.node_selector)
    if op.tolerations:
        s["tolerations"] = [k8s(t, value) for t in op.tolerations]
    if op.pod_labels:
        s["pod_labels"] = value(op.pod_labels)
    if op.pod_annotations:
        s["pod_annotations"] = value(op.pod_annotations)
    if op.volumes:
        s["volumes"] = [k8s(v, value) for v in op.volumes]
    if isinstance(op, dsl.ContainerOp):
        c = op.container
        if c.resources is not None:
            s["resources"] = k8s(c.resources, value)
        if c.env:
            s["env"] = [k8s(e, value) for e in c.env]
        if c.volume_mounts:
            s["volume_mounts"] = [k8s(m, value) for m in c.volume_mounts]
        if c.image_pull_policy:
            s["image_pull_policy"] = c.image_pull_policy
    return s

def run(path, function):
    func = runpy.run_path(path, run_name="oracle_fixture")[function]
    func = getattr(func, "__wrapped__", func)
    names = inspect.getfullargspec(func).args
    params = [PipelineParam(kfp.dsl._pipeline_param.sanitize_k8s_name(n, True))
              for n in names]
    with dsl.Pipeline("probe") as p:
        func(*params)
    ops = list(p.ops.values())
    index = {op.name: i for i, op in enumerate(ops)}
    groups = []
    def walk(g, parent):
        for sub in g.groups:
            groups.append((sub, parent))
            walk(sub, sub)
    walk(p.groups[0], None)
    order = sorted(range(len(groups)), key=lambda i: int(groups[i][0].name.rsplit("-", 1)[1]))
    groups = [groups[i] for i in order]
    gindex = {id(g): i for i, (g, _) in enumerate(groups)}
    loop_names = {}
    for i, (g, _) in enumerate(groups):
        if g.type == "for_loop":
            loop_names[(g.loop_args.op_name or "", g.loop_args.name)] = i
    def text(s):
        def repl(m):
            op, name = m.group(1), m.group(2)
            for (loop_op, loop), i in loop_names.items():
                if op != loop_op:
                    continue
                if name == loop:
                    return "{{item:%d}}" % i
                if name.startswith(loop + "-subvar-"):
                    return "{{item:%d:%s}}" % (i, name[len(loop) + 8:])
            if op:
                return "{{out:%d:%s}}" % (index[op], name)
            return "{{param:%s}}" % name
        s = PARAM.sub(repl, s)
        # convert_k8s_obj_to_json writes a parameter object as its template input
        return re.sub(r"\{\{inputs\.parameters\.([^}]*)\}\}", r"{{param:\1}}", s)
    def value(v):
        if isinstance(v, PipelineParam):
            return text(str(v))
        if isinstance(v, (list, tuple)):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return text(v) if isinstance(v, str) else v
    group_of = {}
    for i, (g, _) in enumerate(groups):
        for op in g.ops:
            group_of[op.name] = i
    tasks = []
    for op in ops:
        kind = "ContainerOp" if isinstance(op, dsl.ContainerOp) else type(op).__name__
        t = {"kind": kind, "group": group_of.get(op.name),
             "after": sorted(index[d] for d in op.dependent_names if d in index)}
        if hasattr(op, "_probe_component"):
            t["component"] = op._probe_component
            t["arguments"] = {k: value(v) for k, v in op._probe_arguments.items()}
        elif isinstance(op, dsl.ContainerOp):
            t["name"] = op.human_name
            t["image"] = op.container.image
            t["command"] = value(op.command or [])
            t["args"] = value(op.arguments or [])
            t["file_outputs"] = op.file_outputs
            t["artifact_outputs"] = op.output_artifact_paths
            t["input_artifacts"] = {k: [op.input_artifact_paths[k], value(v)]
                                    for k, v in op.artifact_arguments.items()}
        if isinstance(op, dsl.VolumeOp):
            t["kind"] = "VolumeOp"
            t["name"] = op.human_name
            t["arguments"] = {k: value(v) for k, v in op._probe_kwargs.items() if k != "name"}
        t["settings"] = settings(op, value)
        tasks.append(t)
    out_groups = []
    for g, parent in groups:
        rest = g.name[len(g.type) + 1:]
        d = {"type": g.type, "parent": gindex.get(id(parent)),
             "name": rest.rsplit("-", 1)[0] if "-" in rest else None}
        if g.type == "condition":
            c = g.condition
            d["condition"] = [c.operator, value(c.operand1), value(c.operand2)]
        if g.type == "for_loop":
            items = g.loop_args.items_or_pipeline_param
            d["items"] = value(items)
            d["parallelism"] = g.parallelism
        if g.type == "exit_handler":
            d["exit_task"] = index[g.exit_op.name]
        out_groups.append(d)
    conf = p.conf
    c = {}
    if conf.ttl_seconds_after_finished >= 0:
        c["ttl_seconds_after_finished"] = conf.ttl_seconds_after_finished
    if conf.parallelism:
        c["parallelism"] = conf.parallelism
    if conf.timeout:
        c["timeout"] = conf.timeout
    if conf.image_pull_secrets:
        c["image_pull_secrets"] = [s.name for s in conf.image_pull_secrets]
    if conf.default_pod_node_selector:
        c["default_node_selector"] = conf.default_pod_node_selector
    if conf.image_pull_policy:
        c["image_pull_policy"] = conf.image_pull_policy
    return {"tasks": tasks, "groups": out_groups, "conf": c}

results = {}
for arg in sys.argv[1:]:
    path, function = arg.split("::")
    results[arg] = run(path, function)
print(json.dumps(results))
"""


KFP2_PROBE = r"""
import json, re, runpy, sys
from kfp.dsl import pipeline_context, pipeline_channel, tasks_group, for_loop, pipeline_task
from kfp.dsl.base_component import BaseComponent

contexts, entered, frozen = [], [], {}

def freeze(v):
    # kfp's compiler rewrites channels later; keep what the task was given.
    if isinstance(v, for_loop.Collected):
        return ("collected", freeze(v.output))
    if isinstance(v, pipeline_channel.OneOfMixin):
        return ("oneof", [freeze(c) for c in v.channels])
    if isinstance(v, pipeline_channel.PipelineChannel):
        return ("channel", v.task_name, v.name)
    if isinstance(v, (list, tuple)):
        return [freeze(x) for x in v]
    if isinstance(v, dict):
        return {k: freeze(x) for k, x in v.items()}
    return v

from kfp.dsl import graph_component
returned = []
create_spec = graph_component.builder.create_pipeline_spec
def create_spec_hook(*args, **kwargs):
    outs = kwargs.get("pipeline_outputs")
    if outs is not None and hasattr(outs, "_asdict"):
        outs = outs._asdict()
    returned.append(outs)
    return create_spec(*args, **kwargs)
graph_component.builder.create_pipeline_spec = create_spec_hook
task_init = pipeline_task.PipelineTask.__init__
def task_init_hook(self, *args, **kwargs):
    task_init(self, *args, **kwargs)
    frozen[id(self)] = {k: freeze(v) for k, v in self.inputs.items()}
pipeline_task.PipelineTask.__init__ = task_init_hook
init = pipeline_context.Pipeline.__init__
def init_hook(self, name):
    init(self, name)
    contexts.append(self)
pipeline_context.Pipeline.__init__ = init_hook
enter = tasks_group.TasksGroup.__enter__
def enter_hook(self):
    entered.append(self)
    return enter(self)
tasks_group.TasksGroup.__enter__ = enter_hook
for cls in (tasks_group.Elif, tasks_group.Else):
    cls_enter = cls.__enter__
    def hook(self, _orig=cls_enter):
        entered.append(self)
        return _orig(self)
    cls.__enter__ = hook

CHANNEL = re.compile(r"\{\{channel:task=([\w\s_-]*);name=([\w\s_-]+);type=([\w\s{}\":_-]*);\}\}")

def k8s(name):
    return re.sub("-+", "-", re.sub("[^-0-9a-z]+", "-", name.lower())).strip("-")

def run(path, function):
    contexts.clear(); entered.clear(); frozen.clear(); returned.clear()
    module = runpy.run_path(path, run_name="oracle_fixture")
    p = contexts[-1]
    tasks = list(p.tasks.values())
    index = {t.name: i for i, t in enumerate(tasks)}
    groups = [g for g in entered if not isinstance(g, tasks_group.ConditionBranches)]
    gindex = {id(g): i for i, g in enumerate(groups)}
    loops = {}
    for i, g in enumerate(groups):
        if isinstance(g, tasks_group.ParallelFor):
            loops[(g.loop_argument.task_name or "", g.loop_argument.name)] = i
    parent_of, group_of = {}, {}
    def walk(g, parent):
        for t in g.tasks:
            group_of[t.name] = parent
        for sub in g.groups:
            if isinstance(sub, tasks_group.ConditionBranches):
                walk(sub, parent)
            else:
                parent_of[id(sub)] = parent
                walk(sub, gindex[id(sub)])
    walk(p.groups[0], None)
    def channel(task, name):
        for (loop_task, loop), i in loops.items():
            if (task or "") != loop_task:
                continue
            if name == loop:
                return "{{item:%d}}" % i
            if name.startswith(loop + "-subvar-"):
                return "{{item:%d:%s}}" % (i, name[len(loop) + 8:])
        if task:
            return "{{out:%d:%s}}" % (index[task], name)
        return "{{param:%s}}" % name
    def value(v):
        if isinstance(v, tuple) and v[0] == "collected":
            return ["collected", value(v[1])]
        if isinstance(v, tuple) and v[0] == "oneof":
            return ["oneof", [value(c) for c in v[1]]]
        if isinstance(v, tuple) and v[0] == "channel":
            return channel(v[1], v[2])
        if isinstance(v, (for_loop.Collected, pipeline_channel.OneOfMixin,
                          pipeline_channel.PipelineChannel)):
            return value(freeze(v))
        if isinstance(v, str):
            return CHANNEL.sub(lambda m: channel(m.group(1), m.group(2)), v)
        if isinstance(v, (list, tuple)):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v
    def settings(t):
        s, spec = {}, t._task_spec
        if spec.display_name:
            s["display_name"] = spec.display_name
        if spec.enable_caching is False:
            s["enable_caching"] = False
        if spec.retry_policy is not None:
            r = spec.retry_policy
            s["retry"] = [r.max_retry_count, r.backoff_duration, r.backoff_factor,
                          r.backoff_max_duration]
        res = t.container_spec.resources if t.container_spec else None
        if res is not None:
            for f in ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                      "accelerator_type", "accelerator_count"):
                if getattr(res, f) is not None:
                    s[f] = getattr(res, f)
        if t.container_spec is not None and t.container_spec.env:
            s["env"] = dict(t.container_spec.env)
        if getattr(t, "_ignore_upstream_failure_tag", False):
            s["ignore_upstream_failure"] = True
        return s
    out_tasks = []
    for t in tasks:
        out_tasks.append({"settings": settings(t),
                          "component": k8s(t.component_spec.name), "group": group_of.get(t.name),
                          "arguments": {k: value(v) for k, v in frozen[id(t)].items()},
                          "after": sorted(index[d] for d in t._task_spec.dependent_tasks
                                          if d in index)})
    out_groups = []
    for g in groups:
        gtype = g.group_type.value if hasattr(g.group_type, "value") else g.group_type
        d = {"type": gtype, "parent": parent_of.get(id(g)),
             "name": g.display_name}
        if isinstance(g, tasks_group._ConditionBase):
            d["branch"] = {"If": "if", "Condition": "if", "Elif": "elif", "Else": "else"}[
                type(g).__name__]
            if d["branch"] != "else":
                c = g.conditions[-1]
                d["condition"] = [c.operator, value(c.left_operand), value(c.right_operand)]
        if isinstance(g, tasks_group.ParallelFor):
            d["items"] = value(g.loop_argument.items_or_pipeline_channel)
            d["parallelism"] = g.parallelism_limit
        if isinstance(g, tasks_group.ExitHandler):
            d["exit_task"] = index[g.exit_task.name]
        out_groups.append(d)
    outs = returned[-1] if returned else None
    if outs is None:
        outs = {}
    elif not isinstance(outs, dict):
        outs = {"Output": outs}
    return {"tasks": out_tasks, "groups": out_groups,
            "outputs": {k: value(freeze(v)) for k, v in outs.items()}}

results = {}
for arg in sys.argv[1:]:
    path, function = arg.split("::")
    results[arg] = run(path, function)
print(json.dumps(results))
"""


def run_probe(python: Path, probe: str, items: list[str]) -> dict:
    proc = subprocess.run([str(python), "-c", probe, *items], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _renderer(p: Pipeline, v1: bool) -> Any:
    """How both probes write an IR argument: run-time values as ``{{param:x}}``,
    ``{{out:<task index>:<output>}}``, ``{{item:<group index>[:field]}}``."""
    index = {t.id: i for i, t in enumerate(p.tasks)}
    gindex = {g.id: i for i, g in enumerate(p.groups)}
    placeholders = V1_PLACEHOLDER_TEXT if v1 else V2_PLACEHOLDER_TEXT

    def value(a: Any) -> Any:
        if isinstance(a, Constant):
            return a.value
        if isinstance(a, ParamRef):
            return "{{param:%s}}" % (sanitize_k8s_name(a.name, True) if v1 else a.name)
        if isinstance(a, OutputRef):
            return "{{out:%d:%s}}" % (index[a.task_id], a.output)
        if isinstance(a, LoopItem):
            return "{{item:%d%s}}" % (gindex[a.loop], "".join(":" + f for f in a.fields))
        if isinstance(a, Concat):
            return "".join(x if isinstance(x, str) else value(x) for x in a.parts)
        if isinstance(a, RunPlaceholder):
            return placeholders[a.name]
        if isinstance(a, Collected):
            return ["collected", value(a.ref)]
        if isinstance(a, OneOf):
            return ["oneof", [value(r) for r in a.refs]]
        return a

    return value, index, gindex


def our_structure(p: Pipeline) -> dict:
    """The pipeline as the v1 probe writes kfp's (kfp 1 conventions)."""
    value, index, gindex = _renderer(p, v1=True)

    def part(x: Any, task: Any) -> Any:
        if isinstance(x, str):
            return x
        if isinstance(x, pc.InputValue):
            return value(task.arguments[x.input])
        if isinstance(x, pc.Concat):
            return "".join(part(y, task) for y in x.parts)
        raise AssertionError(x)

    tasks = []
    for t in p.tasks:
        comp = p.component_of(t)
        d: dict[str, Any] = {"group": gindex.get(t.group) if t.group else None,
                             "after": sorted(index[u] for u in t.after)}
        if isinstance(comp, VolumeComponent):
            d.update(kind="VolumeOp", name=comp.name,
                     arguments={k: value(v) for k, v in t.arguments.items()})
        elif isinstance(comp, ContainerComponent) and comp.origin == "op":
            outs = comp.signature.outputs
            d.update(kind="ContainerOp", name=comp.name, image=comp.image,
                     command=[part(x, t) for x in comp.command],
                     args=[part(x, t) for x in comp.args],
                     file_outputs={o.name: o.path for o in outs if o.passing == "value"},
                     artifact_outputs={o.name: o.path for o in outs if o.passing == "path"},
                     input_artifacts={i.name: [i.path, value(t.arguments[i.name])]
                                      for i in comp.signature.inputs if i.passing == "path"})
        else:
            d.update(kind="ContainerOp", component=comp.kfp_name,
                     arguments={k: value(v) for k, v in t.arguments.items()})
        d["settings"] = _v1_settings(t.settings, value)
        tasks.append(d)
    kinds = {"condition": "condition", "loop": "for_loop", "exit_handler": "exit_handler"}
    groups = []
    for g in p.groups:
        d = {"type": kinds[g.kind], "parent": gindex.get(g.parent) if g.parent else None,
             "name": g.name}
        if g.kind == "condition":
            c = g.condition
            d["condition"] = [c.operator, value(c.left), value(c.right)]
        if g.kind == "loop":
            d["items"] = value(g.items)
            d["parallelism"] = g.parallelism
        if g.kind == "exit_handler":
            d["exit_task"] = index[g.exit_task]
        groups.append(d)
    c = p.conf
    conf = {k: v for k, v in (
        ("ttl_seconds_after_finished", c.ttl_seconds_after_finished),
        ("parallelism", c.parallelism), ("timeout", c.timeout),
        ("image_pull_secrets", list(c.image_pull_secrets)),
        ("default_node_selector", c.default_node_selector),
        ("image_pull_policy", c.image_pull_policy)) if v not in (None, [], {})}
    return {"tasks": tasks, "groups": groups, "conf": conf}


_RESOURCE_KEYS = {"cpu_request": ("requests", "cpu"), "cpu_limit": ("limits", "cpu"),
                  "memory_request": ("requests", "memory"), "memory_limit": ("limits", "memory")}


def _v1_settings(st: Any, value: Any) -> dict:
    s: dict[str, Any] = {}
    if st.display_name:
        s["display_name"] = st.display_name
    if st.enable_caching is False:
        s["enable_caching"] = False
    if st.max_cache_staleness:
        s["max_cache_staleness"] = st.max_cache_staleness
    if st.retry:
        r = st.retry
        s["retry"] = [r.num_retries, r.policy, r.backoff_duration, r.backoff_factor,
                      r.backoff_max_duration]
    if st.timeout:
        s["timeout"] = st.timeout
    if st.node_selector:
        s["node_selector"] = dict(st.node_selector)
    if st.tolerations:
        keys = (("effect", "effect"), ("key", "key"), ("operator", "operator"),
                ("tolerationSeconds", "toleration_seconds"), ("value", "value"))
        s["tolerations"] = [{k: getattr(t, f) for k, f in keys if getattr(t, f) is not None}
                            for t in st.tolerations]
    if st.pod_labels:
        s["pod_labels"] = dict(st.pod_labels)
    if st.pod_annotations:
        s["pod_annotations"] = dict(st.pod_annotations)
    if st.volumes:
        sources = {"pvc": ("persistentVolumeClaim", "claimName"), "secret": ("secret",
                                                                             "secretName"),
                   "config_map": ("configMap", "name"), "empty_dir": ("emptyDir", None)}
        vols, mounts = [], []
        for m in st.volumes:
            key, field = sources[m.source]
            name = m.volume_name or "*"
            inner = {} if field is None else {field: value(m.name) if not isinstance(
                m.name, str) else m.name}
            vols.append({key: inner, "name": name})
            mount = {"mountPath": m.mount_path, "name": name}
            if m.read_only:
                mount["readOnly"] = True
            if m.sub_path:
                mount["subPath"] = m.sub_path
            mounts.append(mount)
        s["volumes"] = vols
        s["volume_mounts"] = mounts
    order = list(st.resource_order) or [f for f in (
        "cpu_request", "cpu_limit", "memory_request", "memory_limit", "accelerator_type",
        "accelerator_limit") if getattr(st, f) is not None]
    resources: dict[str, dict] = {}
    for f in order:
        if f in _RESOURCE_KEYS:
            group, key = _RESOURCE_KEYS[f]
            resources.setdefault(group, {})[key] = getattr(st, f)
        elif f == "accelerator_limit":
            resources.setdefault("limits", {})[st.accelerator_type] = st.accelerator_limit
    if resources:
        s["resources"] = {k: resources[k] for k in ("limits", "requests") if k in resources}
    if st.env:
        envs = []
        for e in st.env:
            if e.secret or e.config_map:
                ref = "secretKeyRef" if e.secret else "configMapKeyRef"
                envs.append({"name": e.name, "valueFrom": {ref: {
                    "key": e.key, "name": e.secret or e.config_map}}})
            else:
                envs.append({"name": e.name} | ({} if e.value is None else {
                    "value": e.value if isinstance(e.value, str) else value(e.value)}))
        s["env"] = envs
    if st.image_pull_policy:
        s["image_pull_policy"] = st.image_pull_policy
    return s


__all__ = ["KFP1_PROBE", "KFP2_PROBE", "run_probe", "our_structure", "our_structure_v2"]
_ = re


def our_structure_v2(p: Pipeline) -> dict:
    """The pipeline as the v2 probe writes kfp 2's."""
    value, index, gindex = _renderer(p, v1=False)

    tasks = []
    for t in p.tasks:
        comp = p.component_of(t)
        st = t.settings
        settings: dict[str, Any] = {}
        if st.display_name:
            settings["display_name"] = st.display_name
        if st.enable_caching is False:
            settings["enable_caching"] = False
        if st.retry:
            r = st.retry
            settings["retry"] = [r.num_retries, r.backoff_duration, r.backoff_factor,
                                 r.backoff_max_duration]
        for f in ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                  "accelerator_type", "accelerator_limit"):
            if getattr(st, f) is not None:
                settings["accelerator_count" if f == "accelerator_limit" else f] = getattr(st, f)
        if st.env:
            settings["env"] = {e.name: e.value for e in st.env}
        if st.ignore_upstream_failure:
            settings["ignore_upstream_failure"] = True
        tasks.append({"settings": settings, "component": sanitize_k8s_name(comp.kfp_name),
                      "group": gindex[t.group] if t.group else None,
                      "arguments": {k: value(v) for k, v in t.arguments.items()},
                      "after": sorted(index[u] for u in t.after)})
    kinds = {"condition": "condition", "loop": "for-loop", "exit_handler": "exit-handler"}
    groups = []
    for g in p.groups:
        d: dict[str, Any] = {"type": kinds[g.kind],
                             "parent": gindex[g.parent] if g.parent else None, "name": g.name}
        if g.kind == "condition":
            d["branch"] = g.branch or "if"
            if g.branch != "else":
                c = g.condition
                d["condition"] = [c.operator, value(c.left), value(c.right)]
        if g.kind == "loop":
            d["items"] = value(g.items)
            d["parallelism"] = g.parallelism or 0
        if g.kind == "exit_handler":
            d["exit_task"] = index[g.exit_task]
        groups.append(d)
    return {"tasks": tasks, "groups": groups,
            "outputs": {k: value(v) for k, v in p.outputs.items()}}
