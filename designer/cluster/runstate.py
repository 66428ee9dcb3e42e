"""A remote run's details -> what each designer task did: state, outputs, pod, error.

Tasks are found by the names the compilers give them (``compiler.v1.task_names``,
``compiler.v2.task_names``), which are the names the backend reports. How the backends fill
these fields was read in kfp's source (tag 2.17.0; ``tests/cluster/data/kfp_source_facts.json``
keeps each fact with its file and line):

* v2beta1 (KFP 2): ``run_details.task_details`` are the Argo nodes of the run's workflow.
  A container task is the node ``<task>-driver`` (a pod), then a DAG node ``<task>`` whose one
  child is the node ``executor``; the executor is skipped (``when: cached-decision != true``)
  exactly when the driver found a cached execution. The child link of a task is the Argo node
  id of its executor (``child_tasks[].pod_name``), but no task detail says its own node id, so
  which executor is whose is not served: a task is shown *cached* only when the counts prove it
  (no executor skipped: none cached; as many skipped as tasks succeeded: all of them), else it
  stays *succeeded*. The executor's pod is named from that node id as the backend's
  ``RetrievePodName`` does (Argo's pod names v2: ``<workflow>-<template>-<hash>``, the template
  ``system-container-impl``, ``retry-`` before it for a task with a retry policy, and
  ``metadata-A-L-`` for pod metadata). Output parameters are kept only in ML Metadata (the
  execution's custom property ``outputs``; the state ``CACHED`` for the cache), which the REST
  API does not serve: ``with_mlmd`` adds what ``mlmd.read_run`` read there, and that settles
  which tasks were cached.
* v1beta1 (KFP 1): ``pipeline_runtime.workflow_manifest`` is the Argo workflow; a task is
  the pod node named like the task, its output parameters are ``<task>-<output>``, a cached
  pod is one whose output artifacts were written by another pod (the KFP 1 UI's rule: an
  artifact key without the node's id), and its pod name is the KFP UI's
  ``getNodeNameFromNodeId`` (the node id with pod names v1).

A run as a list gives it (no task details) says nothing about its tasks: their states stay
unknown ("pending") rather than being guessed from the run's end.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from designer.ir import Pipeline

from .api import LogRef, RemoteRun, run_state

NOT_RUN = "did not run"
V2_IMPL = "system-container-impl"        # the KFP 2 executor template (argocompiler)


@dataclass
class TaskState:
    state: str = "pending"      # pending running succeeded cached failed skipped cancelled
    outputs: dict[str, str] = field(default_factory=dict)
    pod: str = ""               # the pod that ran it (logs)
    error: str = ""
    started: str = ""
    finished: str = ""
    namespace: str = ""         # the pod's namespace, when the run says it
    created: str = ""           # YYYY-MM-DD the workflow was created (archived logs' key)
    several: bool = False       # ML Metadata holds several executions of it (a loop)
    mlmd_error: str = ""        # ML Metadata could not be read (the same for every task)

    def log_ref(self, run_id: str) -> LogRef | None:
        """What the KFP UI sends for this task's log, or None when no pod ran it."""
        if not self.pod:
            return None
        return LogRef(run_id, self.pod, self.namespace, self.created)


def kfp_task_names(pipeline: Pipeline, target: str) -> dict[str, str]:
    """Task id -> the name the backend knows the task by."""
    if target == "v1":
        from designer.compiler.v1 import task_names
    else:
        from designer.compiler.v2 import task_names
    return task_names(pipeline)


def task_states(run: RemoteRun, pipeline: Pipeline, target: str,
                templates: dict[str, str] | None = None) -> dict[str, TaskState]:
    """``templates``: ``executor_templates(pipeline)`` made once for a watched run (it
    compiles the pipeline), else made here."""
    names = kfp_task_names(pipeline, target)
    if "run_details" in run.raw or "run_id" in run.raw:
        states = _from_v2(run, names, templates if templates is not None else
                          executor_templates(pipeline))
    else:
        states = _from_v1(run.raw, names, pipeline)
    if run.done and run.has_details:   # what never started will not: say so
        for st in states.values():
            if st.state in ("pending", "running"):
                st.state = "skipped" if st.state == "pending" else (
                    "cancelled" if run.state == "cancelled" else "failed")
                st.error = st.error or (NOT_RUN if st.state == "skipped" else run.error)
    return states


def _day(stamp: str) -> str:
    """``2025-03-01T10:00:00Z`` -> ``2025-03-01``; the zero time (not yet) -> ""."""
    day = (stamp or "")[:10]
    return "" if not day or day.startswith("1970-") else day


def v2_pod_name(node_id: str, template: str = V2_IMPL) -> str:
    """The pod of the Argo node ``node_id`` (``<workflow>-<hash>``), named as Argo's pod names
    v2 and the backend's ``RetrievePodName``: ``<workflow>-<template>-<hash>``."""
    workflow, _, digest = node_id.rpartition("-")
    return f"{workflow}-{template}-{digest}" if workflow else node_id


def executor_templates(pipeline: Pipeline) -> dict[str, str]:
    """KFP task name -> the executor template the KFP 2 backend compiles it to."""
    from designer.compiler.v2 import compile_v2
    from designer.ir import InputError

    from .specs import pipeline_part, platform_part, spec_document
    try:
        kept = spec_document(compile_v2(pipeline), "v2")
    except InputError:
        return {}
    spec = pipeline_part(kept)
    executors = ((((platform_part(kept).get("platforms") or {}).get("kubernetes") or {})
                  .get("deploymentSpec") or {}).get("executors") or {})
    components = spec.get("components") or {}
    dags = [(spec.get("root") or {}).get("dag") or {}] + [
        c.get("dag") or {} for c in components.values()]
    out = {}
    for dag in dags:
        for name, task in (dag.get("tasks") or {}).items():
            component = components.get((task.get("componentRef") or {}).get("name", "")) or {}
            if "dag" in component:
                continue
            template = V2_IMPL
            if task.get("retryPolicy"):
                template = "retry-" + template
            meta = (executors.get(component.get("executorLabel", "")) or {}).get("podMetadata")
            if meta is not None:
                template = (f"metadata-{len(meta.get('annotations') or {})}-"
                            f"{len(meta.get('labels') or {})}-{template}")
            out[name] = template
    return out


def _from_v2(run: RemoteRun, names: dict[str, str],
             templates: dict[str, str]) -> dict[str, TaskState]:
    details = run.raw.get("run_details") or {}
    tasks = [t for t in details.get("task_details") or [] if isinstance(t, dict)]
    by_name: dict[str, list[dict]] = {}
    for t in tasks:
        by_name.setdefault(t.get("display_name", ""), []).append(t)
    out: dict[str, TaskState] = {}
    for task_id, name in names.items():
        nodes, drivers = by_name.get(name) or [], by_name.get(f"{name}-driver") or []
        node, driver = (nodes or [None])[0], (drivers or [None])[0]
        st = TaskState()
        if node is not None:
            st.state = run_state(node.get("state"))
            st.started, st.finished = node.get("start_time", ""), node.get("end_time", "")
            st.error = (node.get("error") or {}).get("message", "")
            children = [c.get("pod_name", "") for c in node.get("child_tasks") or []
                        if c.get("pod_name")]
            if children:
                st.pod = v2_pod_name(children[0], templates.get(name, V2_IMPL))
            st.created = _day(node.get("create_time", "")) or _day(run.created)
        elif driver is not None:
            state = run_state(driver.get("state"))
            st.state = state if state == "failed" else "running"
            st.started = driver.get("start_time", "")
            st.error = (driver.get("error") or {}).get("message", "")
        out[task_id] = st
    _v2_cached(out, by_name, [names[t] for t in out])
    return out


def with_mlmd(states: dict[str, TaskState], mlmd, names: dict[str, str]) -> None:
    """Adds what ML Metadata says (``mlmd.MlmdRun``) to the states read from the REST API:
    the output parameters of a task that succeeded or was cached, and the cache state. A
    task's REST state is never overruled by MLMD except succeeded -> cached (the driver
    published the cached execution; the Argo node only says the executor was skipped)."""
    for task_id, st in states.items():
        if mlmd.error:
            st.mlmd_error = mlmd.error
            continue
        name = names.get(task_id, "")
        if name in mlmd.ambiguous:
            st.several = True          # whose outputs are whose is not said: none shown
            continue
        found = mlmd.tasks.get(name)
        if found is None or st.state not in ("succeeded", "cached"):
            continue
        if found.state == "CACHED":
            st.state, st.pod = "cached", ""     # its executor never ran: no pod, no log
        elif found.state == "COMPLETE" and st.state == "cached":
            st.state = "succeeded"
        if found.state in ("COMPLETE", "CACHED"):
            st.outputs = dict(found.outputs)


def _v2_cached(states: dict[str, TaskState], by_name: dict[str, list[dict]],
               kfp_names: list[str]) -> None:
    """Marks the succeeded tasks cached when the counts prove which (see the module doc)."""
    executors = by_name.get("executor") or []
    nodes = [n for name in kfp_names for n in by_name.get(name) or []]
    if len(nodes) != len(kfp_names) or len(executors) != sum(
            1 for n in nodes if n.get("child_tasks")):
        return            # a loop or another DAG shares names: no proof either way
    skipped = sum(1 for e in executors if run_state(e.get("state")) == "skipped")
    succeeded = [st for st in states.values() if st.state == "succeeded"]
    if skipped and skipped == len(succeeded):
        for st in succeeded:
            st.state, st.pod = "cached", ""     # its executor never ran: no pod, no log


def _from_v1(detail: dict, names: dict[str, str], pipeline: Pipeline) -> dict[str, TaskState]:
    manifest = (detail.get("pipeline_runtime") or {}).get("workflow_manifest") or ""
    try:
        workflow: Any = json.loads(manifest) if manifest else {}
    except ValueError:
        workflow = {}
    if not isinstance(workflow, dict):
        workflow = {}
    nodes = (workflow.get("status") or {}).get("nodes") or {}
    meta = workflow.get("metadata") or {}
    created = _day(meta.get("creationTimestamp", "")) or _day(
        (detail.get("run") or {}).get("created_at", ""))
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
            st.pod = v1_pod_name(workflow, node)
            st.namespace, st.created = meta.get("namespace", ""), created
            st.error = node.get("message", "") if st.state == "failed" else ""
            st.started, st.finished = node.get("startedAt", ""), node.get("finishedAt", "")
            st.outputs = _v1_outputs(node, name, pipeline, task)
        out[task.id] = st
    return out


def v1_pod_name(workflow: dict, node: dict) -> str:
    """The pod of an Argo pod node. Under Argo's pod names v2 (the workflow's annotation
    ``workflows.argoproj.io/pod-name-format: v2``) it is ``<workflow>-<template>-<hash>``
    (``<workflow>-<hash>`` for an inline node), as the KFP 2 UI's ``getNodeNameFromNodeId``
    and the backend's ``RetrievePodName`` name it; else the node id, as the KFP 1.8 UI sends
    it and as Argo reads a workflow without the annotation (``GetWorkflowPodNameVersion``;
    the KFP 2 UI alone assumes v2 then, for Argo 3.4+ backends, which set the annotation)."""
    meta = workflow.get("metadata") or {}
    annotation = (meta.get("annotations") or {}).get("workflows.argoproj.io/pod-name-format")
    ident, name, wf = node.get("id", ""), node.get("name", ""), meta.get("name", "")
    if annotation != "v2" or not ident or not wf:
        return ident
    if name == wf:
        return wf
    digest = ident.split("-")[-1]
    prefix = wf if ".inline" in name else f"{wf}-{node.get('templateName', '')}"
    return f"{prefix}-{digest}"


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
