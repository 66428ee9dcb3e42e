"""The two generations of the KFP REST API behind one interface.

KFP 1.x serves ``/apis/v1beta1`` only; KFP 2.x serves ``/apis/v2beta1`` (and still the old
one). ``detect`` asks each ``healthz``; ``for_version`` gives the matching class. Both speak
the designer's own small records (``RemotePipeline``, ``RemoteRun``...), so the rest of the
designer never sees which generation it talks to. Request bodies are plain JSON shaped as
the API documents say (tests check every one against them).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import ClusterError, Failure
from .http import Connection

PAGE_SIZE = 100
MAX_PAGES = 50           # listing stops there (5000 items) rather than paging forever


@dataclass
class RemotePipeline:
    id: str
    name: str
    description: str = ""


@dataclass
class RemoteVersion:
    id: str
    name: str
    pipeline_id: str
    created: str = ""


@dataclass
class Experiment:
    id: str
    name: str


@dataclass
class RemoteRun:
    id: str
    name: str
    state: str                       # pending running succeeded failed skipped cancelled ...
    created: str = ""
    finished: str = ""
    pipeline_id: str = ""
    version_id: str = ""
    experiment_id: str = ""
    error: str = ""
    raw: dict = field(default_factory=dict, repr=False)   # the run as the API gave it

    @property
    def done(self) -> bool:
        return self.state in ("succeeded", "failed", "skipped", "cancelled")

    @property
    def has_details(self) -> bool:
        """Whether the run says what its tasks did (a run read by ``get_run``; a listed run
        of KFP 1 carries no workflow, one of KFP 2 may carry no task details)."""
        if "run_id" in self.raw:
            return "run_details" in self.raw
        return bool((self.raw.get("pipeline_runtime") or {}).get("workflow_manifest"))


@dataclass
class LogRef:
    """What the KFP UI sends for a task's log (``Apis.getPodLogs``): the run, the pod, its
    namespace and the day (YYYY-MM-DD) the workflow was created, which keys archived logs."""
    run_id: str
    pod: str
    namespace: str = ""
    created: str = ""


@dataclass
class Schedule:
    """A recurring run's trigger: a cron expression (KFP's six fields, seconds first) or
    an interval in seconds."""
    cron: str = ""
    interval_seconds: int = 0
    max_concurrency: int = 1
    catchup: bool = False


# Run states of both generations -> the designer's words (the Run panel's states).
RUN_STATES = {
    "PENDING": "pending", "RUNNING": "running", "SUCCEEDED": "succeeded", "SKIPPED": "skipped",
    "FAILED": "failed", "CANCELING": "cancelling", "CANCELED": "cancelled",
    "PAUSED": "pending", "RUNTIME_STATE_UNSPECIFIED": "pending",
    # v1beta1 (Argo workflow phases)
    "Pending": "pending", "Running": "running", "Succeeded": "succeeded", "Skipped": "skipped",
    "Failed": "failed", "Error": "failed", "Terminating": "cancelling", "Omitted": "skipped",
    "": "pending",
}


def run_state(word: str | None) -> str:
    return RUN_STATES.get(word or "", "pending")


def detect(conn: Connection) -> tuple[str, dict]:
    """The newest API generation the endpoint serves and its healthz answer.

    Raises NOT_KFP when neither answers as KFP; auth failures propagate as they are."""
    tried = []
    for version in ("v2beta1", "v1beta1"):
        try:
            doc = conn.request("GET", f"/apis/{version}/healthz")
        except ClusterError as e:
            if e.failure in (Failure.NOT_FOUND, Failure.REQUEST, Failure.NOT_KFP):
                tried.append(f"/apis/{version}/healthz: {e}")
                continue
            raise
        if not isinstance(doc, dict):
            tried.append(f"/apis/{version}/healthz answered {type(doc).__name__}")
            continue
        return version, doc
    raise ClusterError(Failure.NOT_KFP, f"{conn.endpoint.base_url} answers HTTP but is not a "
                       "Kubeflow Pipelines API (" + "; ".join(tried) + ")")


def for_version(conn: Connection, version: str) -> KfpApi:
    if version == "v2beta1":
        return V2Api(conn)
    if version == "v1beta1":
        return V1Api(conn)
    raise ClusterError(Failure.API_VERSION, f"unknown API version {version!r}")


class KfpApi:
    version = ""
    target = ""              # the compile target this API runs: v1 (Argo) or v2 (PipelineSpec)

    def __init__(self, conn: Connection):
        self.conn = conn
        self.ns = conn.endpoint.namespace

    def _pages(self, path: str, key: str, params: dict) -> Iterator[dict]:
        token = ""
        for _ in range(MAX_PAGES):
            query = {**params, "page_size": PAGE_SIZE}
            if token:
                query["page_token"] = token
            doc = self.conn.request("GET", path, params=query)
            yield from doc.get(key) or []
            token = doc.get("next_page_token") or ""
            if not token:
                return

    # The interface (each generation below):
    def health(self) -> dict: ...
    def find_pipeline(self, name: str) -> RemotePipeline | None: ...
    def upload_pipeline(self, text: str, name: str, description: str) -> RemotePipeline: ...
    def upload_version(self, pipeline_id: str, text: str, name: str,
                       description: str) -> RemoteVersion: ...
    def versions(self, pipeline_id: str) -> list[RemoteVersion]: ...
    def version_spec(self, pipeline_id: str, version_id: str) -> dict: ...
    def experiments(self) -> list[Experiment]: ...
    def create_experiment(self, name: str, description: str = "") -> Experiment: ...
    def create_run(self, name: str, version: RemoteVersion | None, params: dict[str, Any],
                   experiment_id: str, spec: dict | None = None,
                   description: str = "") -> RemoteRun: ...
    def create_recurring_run(self, name: str, version: RemoteVersion, params: dict[str, Any],
                             experiment_id: str, schedule: Schedule) -> str: ...
    def get_run(self, run_id: str) -> RemoteRun: ...
    def runs(self, experiment_id: str = "") -> list[RemoteRun]: ...
    def run_spec(self, run: RemoteRun) -> dict | None: ...

    def pod_logs(self, ref: LogRef) -> str:
        """A task pod's log from the KFP UI's own server: ``GET /k8s/pod/logs`` with the query
        the UI sends (``podname``, ``runid``, then ``podnamespace`` and ``createdat`` when
        known). It is not part of the API documents: it is served by the KFP UI (the
        endpoint's UI URL when one is set), which answers in plain text."""
        params = {"podname": ref.pod, "runid": ref.run_id}
        namespace = ref.namespace or self.ns
        if namespace:
            params["podnamespace"] = namespace
        if ref.created:
            params["createdat"] = ref.created
        try:
            return self.conn.request("GET", "/k8s/pod/logs", params=params, text=True,
                                     ui=True)
        except ClusterError as e:
            raise _log_error(e, ref, namespace) from None


def _log_error(e: ClusterError, ref: LogRef, namespace: str) -> ClusterError:
    """The KFP UI server's answers (``handlers/pod-logs.ts``) in words."""
    said = e.server_said
    if e.status == 404 and said == "pod not found":
        return ClusterError(Failure.NOT_FOUND, f"the pod {ref.pod} is gone and its log was not "
                            "archived (the KFP UI server answered `pod not found`)", status=404)
    if e.status == 404:
        return ClusterError(Failure.NOT_KFP, "this address does not serve task logs (404 for "
                            "/k8s/pod/logs): logs come from the KFP UI's server, so give the "
                            "endpoint the KFP UI's URL (the API server alone has no logs)",
                            status=404)
    if e.status == 422:
        return ClusterError(Failure.CONFIG, "this Kubeflow is multi-user and wants the "
                            "namespace of the pod (422: podnamespace argument is required): "
                            "set the endpoint's namespace", status=422)
    if e.status == 403 and said == "Access denied to namespace":
        return ClusterError(Failure.FORBIDDEN, f"403 Forbidden: the credentials may not read "
                            f"logs in namespace {namespace!r} (the KFP UI server answered "
                            "`Access denied to namespace`)", status=403)
    if e.status == 500 and said.startswith("Could not get main container logs"):
        return ClusterError(Failure.REQUEST, f"the KFP UI server could not read the log of "
                            f"{ref.pod}: {said}", status=500)
    return e


class V2Api(KfpApi):
    version = "v2beta1"
    target = "v2"
    base = "/apis/v2beta1"

    def _ns(self) -> dict:
        return {"namespace": self.ns} if self.ns else {}

    def health(self) -> dict:
        return self.conn.request("GET", f"{self.base}/healthz")

    def find_pipeline(self, name: str) -> RemotePipeline | None:
        try:
            doc = self.conn.request("GET", f"{self.base}/pipelines/names/{name}",
                                    params=self._ns())
        except ClusterError as e:
            if e.failure == Failure.NOT_FOUND:
                return None
            raise
        return _pipeline_v2(doc)

    def upload_pipeline(self, text: str, name: str, description: str) -> RemotePipeline:
        params = {"name": name, "display_name": name, "description": description, **self._ns()}
        doc = self.conn.request("POST", f"{self.base}/pipelines/upload", params=params,
                                files=_upload(text))
        return _pipeline_v2(doc)

    def upload_version(self, pipeline_id: str, text: str, name: str,
                       description: str) -> RemoteVersion:
        params = {"pipelineid": pipeline_id, "name": name, "display_name": name,
                  "description": description}
        doc = self.conn.request("POST", f"{self.base}/pipelines/upload_version",
                                params=params, files=_upload(text))
        return _version_v2(doc)

    def versions(self, pipeline_id: str) -> list[RemoteVersion]:
        items = self._pages(f"{self.base}/pipelines/{pipeline_id}/versions",
                            "pipeline_versions", {"sort_by": "created_at desc"})
        return [_version_v2(v) for v in items]

    def version_spec(self, pipeline_id: str, version_id: str) -> dict:
        doc = self.conn.request("GET", f"{self.base}/pipelines/{pipeline_id}/versions/"
                                f"{version_id}")
        return doc.get("pipeline_spec") or {}

    def experiments(self) -> list[Experiment]:
        return [Experiment(e.get("experiment_id", ""), e.get("display_name", ""))
                for e in self._pages(f"{self.base}/experiments", "experiments", self._ns())]

    def create_experiment(self, name: str, description: str = "") -> Experiment:
        body = {"display_name": name, "description": description, **self._ns()}
        doc = self.conn.request("POST", f"{self.base}/experiments", body=body)
        return Experiment(doc.get("experiment_id", ""), doc.get("display_name", name))

    def _source(self, version: RemoteVersion | None, spec: dict | None) -> dict:
        if spec is not None:
            return {"pipeline_spec": spec}
        assert version is not None
        return {"pipeline_version_reference": {"pipeline_id": version.pipeline_id,
                                               "pipeline_version_id": version.id}}

    def create_run(self, name, version, params, experiment_id, spec=None, description=""):
        body = {"display_name": name, "description": description,
                **self._source(version, spec),
                "runtime_config": {"parameters": dict(params)}}
        if experiment_id:
            body["experiment_id"] = experiment_id
        return _run_v2(self.conn.request("POST", f"{self.base}/runs", body=body))

    def create_recurring_run(self, name, version, params, experiment_id, schedule):
        trigger = ({"cron_schedule": {"cron": schedule.cron}} if schedule.cron else
                   {"periodic_schedule": {"interval_second": str(schedule.interval_seconds)}})
        body = {"display_name": name, **self._source(version, None),
                "runtime_config": {"parameters": dict(params)}, "trigger": trigger,
                "max_concurrency": str(schedule.max_concurrency), "mode": "ENABLE",
                "no_catchup": not schedule.catchup, **self._ns()}
        if experiment_id:
            body["experiment_id"] = experiment_id
        doc = self.conn.request("POST", f"{self.base}/recurringruns", body=body)
        return doc.get("recurring_run_id", "")

    def get_run(self, run_id: str) -> RemoteRun:
        return _run_v2(self.conn.request("GET", f"{self.base}/runs/{run_id}"))

    def runs(self, experiment_id: str = "") -> list[RemoteRun]:
        params = {**self._ns(), "sort_by": "created_at desc"}
        if experiment_id:
            params["experiment_id"] = experiment_id
        return [_run_v2(r) for r in self._pages(f"{self.base}/runs", "runs", params)]

    def run_spec(self, run: RemoteRun) -> dict | None:
        if run.raw.get("pipeline_spec"):
            return run.raw["pipeline_spec"]
        if run.pipeline_id and run.version_id:
            return self.version_spec(run.pipeline_id, run.version_id)
        return None


class V1Api(KfpApi):
    version = "v1beta1"
    target = "v1"
    base = "/apis/v1beta1"

    def _ns_key(self) -> dict:
        return ({"resource_reference_key.type": "NAMESPACE",
                 "resource_reference_key.id": self.ns} if self.ns else {})

    def health(self) -> dict:
        return self.conn.request("GET", f"{self.base}/healthz")

    def find_pipeline(self, name: str) -> RemotePipeline | None:
        flt = json.dumps({"predicates": [{"key": "name", "op": "EQUALS",
                                          "string_value": name}]})
        doc = self.conn.request("GET", f"{self.base}/pipelines",
                                params={"filter": flt, "page_size": 1, **self._ns_key()})
        found = doc.get("pipelines") or []
        return _pipeline_v1(found[0]) if found else None

    def upload_pipeline(self, text: str, name: str, description: str) -> RemotePipeline:
        doc = self.conn.request("POST", f"{self.base}/pipelines/upload",
                                params={"name": name, "description": description},
                                files=_upload(text))
        return _pipeline_v1(doc)

    def upload_version(self, pipeline_id, text, name, description):
        doc = self.conn.request("POST", f"{self.base}/pipelines/upload_version",
                                params={"name": name, "pipelineid": pipeline_id,
                                        "description": description}, files=_upload(text))
        return _version_v1(doc, pipeline_id)

    def versions(self, pipeline_id: str) -> list[RemoteVersion]:
        params = {"resource_key.type": "PIPELINE", "resource_key.id": pipeline_id,
                  "sort_by": "created_at desc"}
        return [_version_v1(v, pipeline_id) for v in
                self._pages(f"{self.base}/pipeline_versions", "versions", params)]

    def version_spec(self, pipeline_id: str, version_id: str) -> dict:
        import yaml
        doc = self.conn.request("GET", f"{self.base}/pipeline_versions/{version_id}/templates")
        return yaml.safe_load(doc.get("template") or "") or {}

    def experiments(self) -> list[Experiment]:
        return [Experiment(e.get("id", ""), e.get("name", "")) for e in
                self._pages(f"{self.base}/experiments", "experiments", self._ns_key())]

    def create_experiment(self, name: str, description: str = "") -> Experiment:
        body: dict[str, Any] = {"name": name, "description": description}
        if self.ns:
            body["resource_references"] = [_ref("NAMESPACE", self.ns, "OWNER")]
        doc = self.conn.request("POST", f"{self.base}/experiments", body=body)
        return Experiment(doc.get("id", ""), doc.get("name", name))

    def _spec(self, params: dict[str, Any], spec: dict | None) -> dict:
        from designer.runner.values import serialize
        out: dict[str, Any] = {"parameters": [{"name": k, "value": serialize(v)}
                                              for k, v in params.items()]}
        if spec is not None:
            out["workflow_manifest"] = json.dumps(spec)
        return out

    def _refs(self, version: RemoteVersion | None, experiment_id: str) -> list[dict]:
        refs = []
        if experiment_id:
            refs.append(_ref("EXPERIMENT", experiment_id, "OWNER"))
        if version is not None:
            refs.append(_ref("PIPELINE_VERSION", version.id, "CREATOR"))
        return refs

    def create_run(self, name, version, params, experiment_id, spec=None, description=""):
        body = {"name": name, "description": description,
                "pipeline_spec": self._spec(params, spec),
                "resource_references": self._refs(None if spec else version, experiment_id)}
        return _run_v1(self.conn.request("POST", f"{self.base}/runs", body=body))

    def create_recurring_run(self, name, version, params, experiment_id, schedule):
        trigger = ({"cron_schedule": {"cron": schedule.cron}} if schedule.cron else
                   {"periodic_schedule": {"interval_second": str(schedule.interval_seconds)}})
        body = {"name": name, "pipeline_spec": self._spec(params, None),
                "resource_references": self._refs(version, experiment_id),
                "max_concurrency": str(schedule.max_concurrency), "trigger": trigger,
                "enabled": True, "no_catchup": not schedule.catchup}
        return self.conn.request("POST", f"{self.base}/jobs", body=body).get("id", "")

    def get_run(self, run_id: str) -> RemoteRun:
        return _run_v1(self.conn.request("GET", f"{self.base}/runs/{run_id}"))

    def runs(self, experiment_id: str = "") -> list[RemoteRun]:
        params = ({"resource_reference_key.type": "EXPERIMENT",
                   "resource_reference_key.id": experiment_id} if experiment_id
                  else self._ns_key())
        params["sort_by"] = "created_at desc"
        return [_run_v1({"run": r}) for r in self._pages(f"{self.base}/runs", "runs", params)]

    def run_spec(self, run: RemoteRun) -> dict | None:
        """The workflow the run ran: its pipeline version's, else the one it carried."""
        if run.version_id:
            return self.version_spec(run.pipeline_id, run.version_id)
        detail = run.raw if run.raw.get("pipeline_runtime") else self.conn.request(
            "GET", f"{self.base}/runs/{run.id}")
        manifest = ((detail.get("run") or {}).get("pipeline_spec") or {}).get(
            "workflow_manifest") or (detail.get("pipeline_runtime") or {}).get(
            "workflow_manifest")
        if not manifest:
            return None
        import yaml  # JSON is YAML: one safe reader for both
        return yaml.safe_load(manifest)


# --- records from API documents ---------------------------------------------------------------

def _upload(text: str) -> dict:
    return {"uploadfile": ("pipeline.yaml", text.encode("utf-8"), "application/x-yaml")}


def _ref(kind: str, ident: str, relationship: str) -> dict:
    return {"key": {"type": kind, "id": ident}, "relationship": relationship}


def _pipeline_v2(doc: dict) -> RemotePipeline:
    return RemotePipeline(doc.get("pipeline_id", ""), doc.get("display_name") or
                          doc.get("name", ""), doc.get("description", ""))


def _version_v2(doc: dict) -> RemoteVersion:
    return RemoteVersion(doc.get("pipeline_version_id", ""), doc.get("display_name") or
                         doc.get("name", ""), doc.get("pipeline_id", ""),
                         doc.get("created_at", ""))


def _run_v2(doc: dict) -> RemoteRun:
    ref = doc.get("pipeline_version_reference") or {}
    error = (doc.get("error") or {}).get("message", "")
    return RemoteRun(doc.get("run_id", ""), doc.get("display_name", ""),
                     run_state(doc.get("state")), doc.get("created_at", ""),
                     doc.get("finished_at", ""), ref.get("pipeline_id", ""),
                     ref.get("pipeline_version_id", "") or doc.get("pipeline_version_id", ""),
                     doc.get("experiment_id", ""), error, doc)


def _pipeline_v1(doc: dict) -> RemotePipeline:
    return RemotePipeline(doc.get("id", ""), doc.get("name", ""), doc.get("description", ""))


def _version_v1(doc: dict, pipeline_id: str) -> RemoteVersion:
    owner = next((r["key"].get("id", "") for r in doc.get("resource_references") or []
                  if (r.get("key") or {}).get("type") == "PIPELINE"), pipeline_id)
    return RemoteVersion(doc.get("id", ""), doc.get("name", ""), owner,
                         doc.get("created_at", ""))


def _run_v1(detail: dict) -> RemoteRun:
    run = detail.get("run") or {}
    refs = {(r.get("key") or {}).get("type"): (r.get("key") or {}).get("id", "")
            for r in run.get("resource_references") or []}
    spec = run.get("pipeline_spec") or {}
    return RemoteRun(run.get("id", ""), run.get("name", ""), run_state(run.get("status")),
                     run.get("created_at", ""), run.get("finished_at", ""),
                     spec.get("pipeline_id", ""), refs.get("PIPELINE_VERSION", ""),
                     refs.get("EXPERIMENT", ""), run.get("error", ""), detail)
