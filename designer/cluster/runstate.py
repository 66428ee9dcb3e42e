"""A remote run's details -> what each designer task did: state, outputs, pod, error.

Tasks are found by the names the compilers give them (``compiler.v1.task_names``,
``compiler.v2.task_names``), which are the names the backend reports:

* v2beta1 (KFP 2): ``run_details.task_details`` are the Argo nodes of the run. A task is the
  node named like the task (a DAG of one ``executor`` pod) and, before it, the node
  ``<task>-driver``. Output parameters are kept in ML Metadata, which the REST API does not
  serve, so none come back from a KFP 2 run. A cached task is recognised only when the
  executor child can be linked through ``pod_name`` (KFP up to 2.17 leaves it empty, and
  then a cached task shows as succeeded).
* v1beta1 (KFP 1): ``pipeline_runtime.workflow_manifest`` is the Argo workflow; a task is
  the pod node named like the task, its output parameters are ``<task>-<output>``, and a
  cached pod is one whose output artifacts were written by another pod (the KFP 1 UI's
  rule: an artifact key without the node's id).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from designer.ir import Pipeline

from .api import RemoteRun, run_state

NOT_RUN = "did not run"


@dataclass
class TaskState:
    state: str = "pending"      # pending running succeeded cached failed skipped cancelled
    outputs: dict[str, str] = field(default_factory=dict)
    pod: str = ""               # the pod that ran it (logs)
    error: str = ""
    started: str = ""
    finished: str = ""


def kfp_task_names(pipeline: Pipeline, target: str) -> dict[str, str]:
    """Task id -> the name the backend knows the task by."""
    if target == "v1":
        from designer.compiler.v1 import task_names
    else:
        from designer.compiler.v2 import task_names
    return task_names(pipeline)


def task_states(run: RemoteRun, pipeline: Pipeline, target: str) -> dict[str, TaskState]:
    names = kfp_task_names(pipeline, target)
    if "run_details" in run.raw or "run_id" in run.raw:
        states = _from_v2(run.raw.get("run_details") or {}, names)
    else:
        states = _from_v1(run.raw, names, pipeline)
    if run.done:   # what never started will not: say so rather than stay "pending"
        for st in states.values():
            if st.state in ("pending", "running"):
                st.state = "skipped" if st.state == "pending" else (
                    "cancelled" if run.state == "cancelled" else "failed")
                st.error = st.error or (NOT_RUN if st.state == "skipped" else run.error)
    return states


def _from_v2(details: dict, names: dict[str, str]) -> dict[str, TaskState]:
    tasks = [t for t in details.get("task_details") or [] if isinstance(t, dict)]
    by_name: dict[str, dict] = {}
    for t in tasks:
        by_name.setdefault(t.get("display_name", ""), t)
    by_pod = {t["pod_name"]: t for t in tasks if t.get("pod_name")}
    out: dict[str, TaskState] = {}
    for task_id, name in names.items():
        node, driver = by_name.get(name), by_name.get(f"{name}-driver")
        st = TaskState()
        if node is not None:
            st.state = run_state(node.get("state"))
            st.started, st.finished = node.get("start_time", ""), node.get("end_time", "")
            st.error = (node.get("error") or {}).get("message", "")
            pods = [c.get("pod_name", "") for c in node.get("child_tasks") or []
                    if c.get("pod_name")]
            st.pod = pods[0] if pods else ""
            child = by_pod.get(st.pod)
            if st.state == "succeeded" and child is not None and \
                    run_state(child.get("state")) == "skipped":
                st.state = "cached"
        elif driver is not None:
            state = run_state(driver.get("state"))
            st.state = state if state == "failed" else "running"
            st.started = driver.get("start_time", "")
            st.error = (driver.get("error") or {}).get("message", "")
        out[task_id] = st
    return out


def _from_v1(detail: dict, names: dict[str, str], pipeline: Pipeline) -> dict[str, TaskState]:
    manifest = (detail.get("pipeline_runtime") or {}).get("workflow_manifest") or ""
    try:
        workflow: Any = json.loads(manifest) if manifest else {}
    except ValueError:
        workflow = {}
    nodes = ((workflow or {}).get("status") or {}).get("nodes") or {}
    by_name: dict[str, dict] = {}
    for node in nodes.values():
        if isinstance(node, dict) and node.get("type", "Pod") == "Pod":
            by_name.setdefault(node.get("displayName", ""), node)
    out: dict[str, TaskState] = {}
    for task in pipeline.tasks:
        name = names.get(task.id, "")
        node = by_name.get(name)
        st = TaskState()
        if node is not None:
            st.state = run_state(node.get("phase"))
            if st.state == "succeeded" and _was_cached(node):
                st.state = "cached"
            st.pod = node.get("id", "")
            st.error = node.get("message", "") if st.state == "failed" else ""
            st.started, st.finished = node.get("startedAt", ""), node.get("finishedAt", "")
            st.outputs = _v1_outputs(node, name, pipeline, task)
        out[task.id] = st
    return out


def _was_cached(node: dict) -> bool:
    artifacts = (node.get("outputs") or {}).get("artifacts") or []
    ident = node.get("id", "")
    return bool(ident) and any(
        isinstance(a.get("s3"), dict) and ident not in a["s3"].get("key", "") for a in artifacts)


def _v1_outputs(node: dict, name: str, pipeline: Pipeline, task) -> dict[str, str]:
    component = pipeline.component(task.component_id)
    wanted = [o.name for o in component.signature.outputs] if component else []
    given = {p.get("name", ""): p.get("value", "") for p in
             (node.get("outputs") or {}).get("parameters") or [] if isinstance(p, dict)}
    out = {}
    for output in wanted:
        key = f"{name}-{output}"
        if key in given:
            out[output] = str(given[key])
    return out
