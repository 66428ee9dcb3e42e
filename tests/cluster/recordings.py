"""Run details as a KFP backend reports them while a run goes, built by us for a compiled
pipeline: one frame per poll, from submitted to finished.

Nothing here is copied from kfp: the shapes follow the API documents (every frame is
validated against them by the contract server before it is sent) and what the backends
do, as read in their source:

* KFP 2 (``v2beta1``): ``run_details.task_details`` lists the run's Argo nodes. Each
  container task is a node ``<task>-driver`` (a pod), then a DAG node ``<task>`` whose one
  child is the ``executor`` pod (skipped when the driver found a cached execution). States
  are the ``RuntimeState`` names; unfinished times are the zero timestamp; every
  ``create_time`` is the workflow's creation; ``task_id`` is the backend's own id (not the
  node id); ``child_tasks[].pod_name`` is the child's Argo *node id* (``<workflow>-<number>``),
  and the pod itself is ``<workflow>-system-container-impl-<number>`` (Argo's pod names v2;
  ``retry-`` before the template for a task with a retry policy). ``pod_name`` of a task
  detail is left empty, as the backend leaves it. (Facts with file and line in
  ``data/kfp_source_facts.json``.)
* KFP 1 (``v1beta1``): ``pipeline_runtime.workflow_manifest`` is the Argo workflow as JSON:
  ``status.nodes`` by node id, pods named like their task, phases Pending/Running/Succeeded/
  Failed/Skipped, output parameters ``<task>-<output>``, and output artifacts in the artifact
  store under the pod that wrote them (a cached pod's point to an earlier pod). Its pods are
  named by their node ids (pod names v1, KFP 1.8), or with ``Plan.pod_names_v2`` as Argo 3.4+
  names them (the workflow annotated ``workflows.argoproj.io/pod-name-format: v2``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

ZERO = "1970-01-01T00:00:00Z"


def stamp(step: int) -> str:
    return f"2025-03-01T10:{step // 60:02d}:{step % 60:02d}Z"


@dataclass
class Plan:
    """What each task does: ``outcome[task] in {"succeeded", "failed", "cached"}`` (default
    succeeded), the outputs it produces, and its log."""
    outcome: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)
    pod_names_v2: bool = False     # KFP 1 runs: Argo 3.4+ pod names (annotated workflow)


def unwrap(spec: dict) -> tuple[dict, dict]:
    """(pipeline spec, platform spec) of a v2 spec as the backend keeps it."""
    if "pipeline_spec" in spec and "root" not in spec:
        return spec["pipeline_spec"], spec.get("platform_spec") or {}
    return spec, {}


def task_graph(spec: dict, generation: str) -> dict[str, list[str]]:
    """Task name -> upstream task names, from the compiled spec the run was made from."""
    if generation == "v2beta1":
        spec = unwrap(spec)[0]
        tasks = ((spec.get("root") or {}).get("dag") or {}).get("tasks") or {}
        return {name: list(t.get("dependentTasks") or []) for name, t in tasks.items()}
    templates = (spec.get("spec") or {}).get("templates") or []
    entry = (spec.get("spec") or {}).get("entrypoint")
    dag = next(t for t in templates if t.get("name") == entry)["dag"]["tasks"]
    return {t["name"]: list(t.get("dependencies") or []) for t in dag}


def _id(*parts: str) -> str:
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:10]


def node_id(wf: str, *parts: str) -> str:
    """An Argo node id: the workflow's name and a number."""
    return f"{wf}-{int(_id(wf, *parts), 16) % 10**10}"


def _task_uuid(*parts: str) -> str:
    h = hashlib.sha1("/".join(parts).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def v2_templates(spec: dict) -> dict[str, str]:
    """Task name -> the template of its executor pod, as KFP 2's argocompiler names it
    (``container.go``: ``retry-`` for a retry policy, ``metadata-A-L-`` for pod metadata)."""
    spec, platform = unwrap(spec)
    executors = (((platform.get("platforms") or {}).get("kubernetes") or {}).get(
        "deploymentSpec") or {}).get("executors") or {}
    out = {}
    for name, t in ((spec.get("root") or {}).get("dag") or {}).get("tasks", {}).items():
        component = (spec.get("components") or {}).get(t["componentRef"]["name"]) or {}
        template = ("retry-" if t.get("retryPolicy") else "") + "system-container-impl"
        meta = (executors.get(component.get("executorLabel")) or {}).get("podMetadata")
        if meta is not None:
            template = "metadata-%d-%d-%s" % (len(meta.get("annotations") or {}),
                                              len(meta.get("labels") or {}), template)
        out[name] = template
    return out


def progression(graph: dict[str, list[str]], plan: Plan) -> list[dict[str, str]]:
    """Per frame, each started task's phase: "driver" (KFP 2 driver running), "running",
    then its outcome. A failed task's downstream never starts; one step per frame."""
    frames: list[dict[str, str]] = [{}]
    state: dict[str, str] = {}
    while True:
        nxt = dict(state)
        for task, phase in state.items():
            if phase == "driver":
                nxt[task] = "running" if plan.outcome.get(task) != "cached" else "cached"
            elif phase == "running":
                nxt[task] = plan.outcome.get(task, "succeeded")
        for task, ups in graph.items():
            if task not in state and all(state.get(u) in ("succeeded", "cached") for u in ups):
                nxt[task] = "driver"
        if nxt == state:
            return frames
        state = nxt
        frames.append(dict(state))


def run_finished(graph, frame: dict[str, str]) -> str | None:
    if any(p in ("driver", "running") for p in frame.values()):
        return None
    if any(p == "failed" for p in frame.values()):
        return "failed"
    return "succeeded" if len(frame) == len(graph) else None


_V2 = {"driver": "RUNNING", "running": "RUNNING", "succeeded": "SUCCEEDED",
       "cached": "SUCCEEDED", "failed": "FAILED"}


def v2_details(run_id: str, wf: str, graph, frame: dict[str, str], step: int) -> dict:
    done = run_finished(graph, frame)
    details = []

    def node(name, state, children=(), started=True, ended=False, error=None):
        d = {"run_id": run_id, "task_id": _task_uuid(run_id, name), "display_name": name,
             "create_time": stamp(0), "start_time": stamp(1) if started else ZERO,
             "end_time": stamp(step) if ended else ZERO, "state": state,
             "child_tasks": [{"pod_name": c} for c in children]}
        if error:
            d["error"] = {"code": 2, "message": error, "details": []}
        details.append(d)

    wf_state = {"succeeded": "SUCCEEDED", "failed": "FAILED", None: "RUNNING"}[done]
    node(wf, wf_state, [node_id(wf, "root-driver")], ended=bool(done))
    if frame:
        node("root-driver", "SUCCEEDED", ended=True)
        node("root", wf_state, [node_id(wf, t) for t in frame], ended=bool(done))
    for task, phase in frame.items():
        finished = phase in ("succeeded", "cached", "failed")
        node(f"{task}-driver", "SUCCEEDED" if phase != "driver" else "RUNNING", ended=finished
             or phase == "running")
        if phase == "driver":
            continue
        node(task, _V2[phase], [node_id(wf, task, "executor")], ended=finished,
             error="task failed: exit status 1" if phase == "failed" else None)
        node("executor", {"cached": "SKIPPED"}.get(phase, _V2[phase]), ended=finished,
             started=phase != "cached")
    return {"pipeline_context_id": "11", "pipeline_run_context_id": "12",
            "task_details": details}


_ARGO = {"driver": "Pending", "running": "Running", "succeeded": "Succeeded",
         "cached": "Succeeded", "failed": "Failed"}


def v1_workflow(wf: str, spec: dict, graph, frame: dict[str, str], plan: Plan,
                step: int, namespace: str = "kubeflow") -> str:
    done = run_finished(graph, frame)
    nodes = {}
    for task, phase in frame.items():
        ident = node_id(wf, task)
        pod = {"id": ident, "name": f"{wf}.{task}", "displayName": task, "type": "Pod",
               "templateName": task, "phase": _ARGO[phase], "boundaryID": wf,
               "startedAt": stamp(1)}
        if phase in ("succeeded", "cached", "failed"):
            pod["finishedAt"] = stamp(step)
        if phase == "failed":
            pod["message"] = "Error (exit code 1)"
        if phase in ("succeeded", "cached"):
            writer = ident if phase == "succeeded" else f"{wf}-0000000000-earlier"
            pod["outputs"] = {
                "parameters": [{"name": f"{task}-{k}", "value": v}
                               for k, v in plan.outputs.get(task, {}).items()],
                "artifacts": [{"name": "main-logs", "s3": {
                    "key": f"artifacts/{wf}/{writer}/main.log"}}]}
        nodes[ident] = pod
    nodes[wf] = {"id": wf, "name": wf, "displayName": wf, "type": "DAG",
                 "phase": {"succeeded": "Succeeded", "failed": "Failed", None: "Running"}[done],
                 "children": [n for n in nodes], "startedAt": stamp(0)}
    metadata = {"name": wf, "namespace": namespace, "creationTimestamp": stamp(0)}
    if plan.pod_names_v2:
        metadata["annotations"] = {"workflows.argoproj.io/pod-name-format": "v2"}
    workflow = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
                "metadata": metadata, "spec": spec.get("spec", {}),
                "status": {"phase": nodes[wf]["phase"], "nodes": nodes}}
    return json.dumps(workflow)



def pod_of(generation: str, wf: str, task: str, spec: dict, plan: Plan) -> str:
    """The name of the pod that runs ``task`` (what the log route is asked for)."""
    if generation == "v2beta1":
        digits = node_id(wf, task, "executor").rsplit("-", 1)[1]
        return f"{wf}-{v2_templates(spec).get(task, 'system-container-impl')}-{digits}"
    ident = node_id(wf, task)
    if plan.pod_names_v2:
        return f"{wf}-{task}-{ident.rsplit('-', 1)[1]}"
    return ident
