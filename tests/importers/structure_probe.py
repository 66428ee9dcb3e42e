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

from designer.ir import Constant, OutputRef, ParamRef, Pipeline
from designer.ir import components as pc
from designer.ir.components import ContainerComponent
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.naming import sanitize_k8s_name

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

PARAM = re.compile(r"\{\{pipelineparam:op=([^;]*);name=([^}]*)\}\}")

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
            loop_names[g.loop_args.name] = i
    def text(s):
        def repl(m):
            op, name = m.group(1), m.group(2)
            if op:
                return "{{out:%d:%s}}" % (index[op], name)
            for loop, i in loop_names.items():
                if name == loop:
                    return "{{item:%d}}" % i
                if name.startswith(loop + "-subvar-"):
                    return "{{item:%d:%s}}" % (i, name[len(loop) + 8:])
            return "{{param:%s}}" % name
        return PARAM.sub(repl, s)
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
        tasks.append(t)
    out_groups = []
    for g, parent in groups:
        d = {"type": g.type, "parent": gindex.get(id(parent))}
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
    return {"tasks": tasks, "groups": out_groups}

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


def our_structure(p: Pipeline) -> dict:
    """The pipeline as the v1 probe writes kfp's (kfp 1 conventions)."""
    index = {t.id: i for i, t in enumerate(p.tasks)}
    gindex = {g.id: i for i, g in enumerate(p.groups)}

    def value(a: Any) -> Any:
        if isinstance(a, Constant):
            return a.value
        if isinstance(a, ParamRef):
            return "{{param:%s}}" % sanitize_k8s_name(a.name, True)
        if isinstance(a, OutputRef):
            return "{{out:%d:%s}}" % (index[a.task_id], a.output)
        if isinstance(a, LoopItem):
            return "{{item:%d%s}}" % (gindex[a.loop], "".join(":" + f for f in a.fields))
        if isinstance(a, Concat):
            return "".join(p if isinstance(p, str) else value(p) for p in a.parts)
        if isinstance(a, RunPlaceholder):
            return {"run_id": "{{workflow.uid}}",
                    "execution_id": "{{workflow.uid}}-{{pod.name}}"}[a.name]
        if isinstance(a, (Collected, OneOf)):
            raise AssertionError("not kfp 1")
        return a

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
        if isinstance(comp, ContainerComponent) and comp.origin == "op":
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
        tasks.append(d)
    kinds = {"condition": "condition", "loop": "for_loop", "exit_handler": "exit_handler"}
    groups = []
    for g in p.groups:
        d = {"type": kinds[g.kind], "parent": gindex.get(g.parent) if g.parent else None}
        if g.kind == "condition":
            c = g.condition
            d["condition"] = [c.operator, value(c.left), value(c.right)]
        if g.kind == "loop":
            d["items"] = value(g.items)
            d["parallelism"] = g.parallelism
        if g.kind == "exit_handler":
            d["exit_task"] = index[g.exit_task]
        groups.append(d)
    return {"tasks": tasks, "groups": groups}


def normalise_kfp1(result: dict) -> dict:
    """kfp 1 lists ``after`` from ``dependent_names`` (explicit ``.after`` and pvolumes)."""
    return result


__all__ = ["KFP1_PROBE", "run_probe", "our_structure", "normalise_kfp1"]
_ = re
