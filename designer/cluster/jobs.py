"""What the designer does on a cluster: connect, upload, submit, watch, list and re-open runs.

Used by ``kfp-designer upload/submit`` and by the GUI (from a worker thread); every function
is blocking, Qt-free, and raises ClusterError (or InputError for a pipeline or parameter
problem) with the sentence to show.
"""
from __future__ import annotations

import copy
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from designer.ir import InputError, Pipeline, errors

from .api import KfpApi, RemotePipeline, RemoteRun, RemoteVersion, Schedule, detect, for_version
from .auth import AskSecret
from .endpoints import Endpoint
from .errors import ClusterError, Failure
from .http import Connection
from .runstate import TaskState, task_states
from .secrets import Secrets

POLL_SECONDS = 5.0
_CRON_FIELD = re.compile(r"^[-0-9*/,?A-Za-z#LW]+$")


@dataclass
class ConnectionReport:
    api_version: str
    multi_user: bool
    experiments: int

    def summary(self) -> str:
        mode = "multi-user" if self.multi_user else "single-user"
        return (f"Kubeflow Pipelines, API {self.api_version}, {mode}; "
                f"{self.experiments} experiment(s) visible")


def open_api(endpoint: Endpoint, secrets: Secrets | None = None, ask: AskSecret | None = None,
             timeout: float | None = None) -> KfpApi:
    """A connected API of the generation the endpoint serves; API_VERSION when the endpoint
    was set to one generation and now serves another."""
    conn = Connection(endpoint, secrets, ask, **({"timeout": timeout} if timeout else {}))
    version, _health = detect(conn)
    if endpoint.api_version and endpoint.api_version != version:
        if not (endpoint.api_version == "v1beta1" and version == "v2beta1"):
            raise ClusterError(Failure.API_VERSION, f"{endpoint.base_url} serves the KFP API "
                               f"{version}, not {endpoint.api_version} as this endpoint says "
                               "(test the connection again to update it)")
        version = "v1beta1"   # a KFP 2 backend still serves v1beta1, and it was asked for
    return for_version(conn, version)


def test_connection(endpoint: Endpoint, secrets: Secrets | None = None,
                    ask: AskSecret | None = None, timeout: float | None = None,
                    ) -> ConnectionReport:
    """Reaches the endpoint, finds its API generation, and lists experiments (the first
    call that needs the credentials): each failure says precisely what failed."""
    conn = Connection(endpoint, secrets, ask, **({"timeout": timeout} if timeout else {}))
    version, health = detect(conn)
    api = for_version(conn, version)
    count = len(api.experiments())
    return ConnectionReport(version, bool(health.get("multi_user")), count)


# --- upload ---------------------------------------------------------------------------------

def compile_for(api: KfpApi, pipeline: Pipeline, target: str | None = None) -> tuple[str, str]:
    """(target, YAML): the target the endpoint runs unless one is asked for."""
    problems = errors(pipeline)
    if problems:
        raise InputError("the pipeline has errors: " + "; ".join(
            d.message for d in problems[:5]))
    target = target or api.target
    if target == "v2" and api.version == "v1beta1":
        raise ClusterError(Failure.UNSUPPORTED, "this endpoint runs KFP 1 (API v1beta1), "
                           "which cannot run a KFP v2 PipelineSpec: compile for v1")
    from designer.compiler import compile_pipeline
    return target, compile_pipeline(pipeline, target)


def version_name(name: str, text: str) -> str:
    return f"{name}-{time.strftime('%Y%m%d-%H%M%S')}-{hashlib.sha1(text.encode()).hexdigest()[:6]}"


@dataclass
class Uploaded:
    pipeline: RemotePipeline
    version: RemoteVersion
    new_pipeline: bool
    target: str


def upload(api: KfpApi, pipeline: Pipeline, *, name: str | None = None,
           description: str | None = None, version: str | None = None,
           target: str | None = None, new_pipeline: bool | None = None) -> Uploaded:
    """Uploads the compiled pipeline: a new pipeline when none has ``name`` (or when
    ``new_pipeline``), else a new version of it."""
    target, text = compile_for(api, pipeline, target)
    name = (name or pipeline.name).strip()
    description = description if description is not None else (pipeline.description or "")
    existing = api.find_pipeline(name)
    if new_pipeline and existing is not None:
        raise ClusterError(Failure.REQUEST, f"a pipeline named {name!r} already exists on the "
                           "endpoint: upload a new version of it, or choose another name")
    if new_pipeline is False and existing is None:
        raise ClusterError(Failure.NOT_FOUND, f"no pipeline named {name!r} on the endpoint "
                           "to add a version to")
    if existing is None:
        remote = api.upload_pipeline(text, name, description)
        versions = api.versions(remote.id)
        if not versions:
            raise ClusterError(Failure.BAD_RESPONSE, f"the pipeline {name!r} was uploaded but "
                               "the endpoint lists no version of it")
        return Uploaded(remote, versions[0], True, target)
    made = api.upload_version(existing.id, text, version or version_name(name, text),
                              description)
    return Uploaded(existing, made, False, target)


# --- runs -------------------------------------------------------------------------------------

def run_values(pipeline: Pipeline, given: dict[str, Any], target: str) -> dict[str, Any]:
    """Parameter values as the API wants them: every value as text for v1, the given ones
    as typed JSON values for v2 (defaults come from the spec). InputError when wrong."""
    from designer.runner.values import parse_value, resolve_params
    texts = resolve_params(pipeline, given)      # the local runner's check and wording
    if target == "v1":
        return texts
    out = {}
    for prm in pipeline.params:
        if prm.name in given:
            raw = given[prm.name]
            out[prm.name] = parse_value(raw, prm.annotation) if isinstance(raw, str) else raw
    return out


def check_schedule(schedule: Schedule) -> None:
    if schedule.cron:
        fields = schedule.cron.split()
        if len(fields) != 6 or not all(_CRON_FIELD.match(f) for f in fields):
            raise InputError(f"cron {schedule.cron!r}: KFP wants six fields, seconds first "
                             "(e.g. `0 0 2 * * *` for 02:00 every day)")
    elif schedule.interval_seconds < 1:
        raise InputError("a recurring run needs a cron expression or an interval of 1 s or more")
    if schedule.max_concurrency < 1:
        raise InputError("max concurrency must be 1 or more")


def without_cache(spec: dict, target: str) -> dict:
    """The compiled pipeline with caching off for every task, as the kfp clients do it
    (v2: ``cachingOptions`` of the root's tasks empty, which is ``enableCache`` false as the
    kfp 2 client's protobuf writes it, ``_override_caching_options``; v1: the
    ``enable_caching`` pod label)."""
    from .specs import pipeline_part
    spec = copy.deepcopy(spec)
    if target == "v2":
        dag = (pipeline_part(spec).get("root") or {}).get("dag") or {}
        for task in dag.get("tasks", {}).values():
            task["cachingOptions"] = {}
    else:
        # kfp 1.8.9's Client._override_caching_options: the templates with the label only
        for template in (spec.get("spec") or {}).get("templates") or []:
            labels = (template.get("metadata") or {}).get("labels") or {}
            if "pipelines.kubeflow.org/enable_caching" in labels:
                labels["pipelines.kubeflow.org/enable_caching"] = "false"
    return spec


@dataclass
class Submitted:
    uploaded: Uploaded
    run: RemoteRun | None           # None for a recurring run
    recurring_id: str = ""
    experiment_id: str = ""


def find_or_create_experiment(api: KfpApi, name: str) -> str:
    if not name:
        return ""
    for e in api.experiments():
        if e.name == name:
            return e.id
    return api.create_experiment(name).id


def submit(api: KfpApi, pipeline: Pipeline, params: dict[str, Any], *, run_name: str = "",
           experiment: str = "", caching: bool = True, schedule: Schedule | None = None,
           target: str | None = None, uploaded: Uploaded | None = None) -> Submitted:
    """Uploads a new version (unless ``uploaded`` is given) and starts a run of it, or a
    recurring run with ``schedule``. Parameters are checked before anything is sent."""
    target, _text = compile_for(api, pipeline, target)
    values = run_values(pipeline, params, target)
    if schedule is not None:
        check_schedule(schedule)
    uploaded = uploaded or upload(api, pipeline, target=target)
    experiment_id = find_or_create_experiment(api, experiment)
    run_name = run_name or f"{pipeline.name} {time.strftime('%Y-%m-%d %H:%M:%S')}"
    if schedule is not None:
        rid = api.create_recurring_run(run_name, uploaded.version, values, experiment_id,
                                       schedule)
        return Submitted(uploaded, None, rid, experiment_id)
    spec = None
    if not caching:
        from .specs import spec_document
        spec = without_cache(spec_document(_text, target), target)
    run = api.create_run(run_name, None if spec else uploaded.version, values, experiment_id,
                         spec=spec)
    return Submitted(uploaded, run, "", experiment_id)


Update = Callable[[RemoteRun, dict[str, TaskState]], None]


def observe(api: KfpApi, run: RemoteRun, pipeline: Pipeline, target: str,
            templates: dict[str, str] | None = None) -> dict[str, TaskState]:
    """What each task of ``run`` did: its REST details, and for a KFP 2 run what ML Metadata
    adds (outputs, cache); an MLMD failure is kept in each state's ``mlmd_error``."""
    states = task_states(run, pipeline, target, templates)
    if target == "v2" and api.version == "v2beta1" and run.has_details:
        from .mlmd import read_run
        from .runstate import kfp_task_names, with_mlmd
        with_mlmd(states, read_run(api.conn, run.id), kfp_task_names(pipeline, target))
    return states


def watch(api: KfpApi, run_id: str, pipeline: Pipeline, target: str, on_update: Update,
          *, interval: float = POLL_SECONDS, stopped: Callable[[], bool] = lambda: False,
          sleep: Callable[[float], Any] = time.sleep, max_polls: int | None = None) -> RemoteRun:
    """Polls the run until it is done (or ``stopped()``), reporting every poll."""
    from .runstate import executor_templates
    polls = 0
    templates = executor_templates(pipeline) if target == "v2" else {}
    while True:
        run = api.get_run(run_id)
        on_update(run, observe(api, run, pipeline, target, templates))
        polls += 1
        if run.done or stopped() or (max_polls is not None and polls >= max_polls):
            return run
        sleep(interval)


def runs_of(api: KfpApi, name: str) -> list[RemoteRun]:
    """The runs of the pipeline called ``name`` (every version), newest first; on KFP 2
    also the runs that carried its spec inline (started with caching off)."""
    from designer.ir.naming import sanitize_k8s_name

    from .specs import pipeline_part
    remote = api.find_pipeline(name)
    versions = {v.id for v in api.versions(remote.id)} if remote is not None else set()
    spec_name = sanitize_k8s_name(name)

    def ours(r: RemoteRun) -> bool:
        if remote is not None and (r.pipeline_id == remote.id or r.version_id in versions):
            return True
        inline = r.raw.get("pipeline_spec")
        return isinstance(inline, dict) and (pipeline_part(inline).get("pipelineInfo") or {}
                                             ).get("name") == spec_name

    return [r for r in api.runs() if ours(r)]
