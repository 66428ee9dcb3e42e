"""A loopback stand-in for a KFP API server that holds the designer to KFP's API documents.

Every request is checked against the operation the documents define for its method and
path (known path, known query parameters of the right type, required ones present, JSON
body valid against the body model, multipart upload with the documented file field), and
every answer, errors and pages included, is validated against the response model before it
is sent. What does not fit is a *violation*: the server answers 400 (or 500 for its own
mistakes) and keeps it in ``violations``, which the fixture asserts empty after each test.

Runs are played from ``recordings``: each GET of a run is the next recorded frame, so a
watcher sees pending -> running -> done as a backend reports it.

One route is not in the API documents: ``GET /k8s/pod/logs`` (the KFP UI's server). It is
served as kfp's own source says (``data/kfp_source_facts.json``: the query the UI sends, in
its order, and the plain-text answers of the UI server), and a request that differs from
what the KFP UI would send for that pod (its run id, namespace, creation day) is a violation.

Nor is ML Metadata, which the KFP UI's server proxies (``/ml_metadata.*``, grpc-web) and
``mlmd_server`` serves: every request is decoded per the MLMD proto files and must be what
the KFP UI sends for a run's details; answers are built per the same files.
"""
from __future__ import annotations

import email.parser
import email.policy
import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
import yaml

from . import mlmd_server as mlmd
from . import recordings as rec
from .apidocs import ApiDocument, Operation, load

FACTS = json.loads((__import__("pathlib").Path(__file__).parent / "data" /
                    "kfp_source_facts.json").read_text(encoding="utf-8"))
LOGS = FACTS["logs_route"]


@dataclass
class PodLog:
    text: str
    run_id: str
    namespace: str
    created: str          # YYYY-MM-DD


@dataclass
class Auth:
    mode: str = "none"                    # none | bearer | cookie | istio
    secret: str = ""
    cookie_name: str = "authservice_session"
    namespaces: set[str] | None = None    # allowed namespaces (None: any)
    # cookie: where the login redirect goes (Dex via oidc-authservice; oauth2-proxy on
    # Kubeflow 1.9+: "/oauth2/start?rd=%2Fpipeline")
    login: str = "/dex/auth?client_id=kubeflow-oidc-authservice&state=x"


@dataclass
class Entry:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    operation: str
    headers: dict[str, str] = field(default_factory=dict)


class ContractViolation(AssertionError):
    pass


class KfpContractServer:
    def __init__(self, generation: str = "v2beta1", auth: Auth | None = None,
                 max_page_size: int | None = None):
        self.doc: ApiDocument = load(generation)
        self.generation = generation
        self.auth = auth or Auth()
        self.max_page_size = max_page_size
        self.violations: list[str] = []
        self.log: list[Entry] = []
        self.lock = threading.RLock()
        self.plan = rec.Plan()                       # what the next runs do
        self.pipelines: list[dict] = []
        self.versions: list[dict] = []               # {"doc":..., "spec": dict}
        self.experiments: list[dict] = []
        self.runs: list[dict] = []                   # {"doc", "frames", "step", ...}
        self.recurring: list[dict] = []
        self.pod_logs: dict[str, PodLog] = {}
        self.gone_pods: set[str] = set()             # pods deleted, logs not archived
        self.hold = False                            # True: runs do not advance on GET
        self.serves_ui = True     # False: the API server alone (no /k8s/pod/logs route)
        # ML Metadata behind the UI: "ok", "unavailable" (grpc-status 14 in the trailer),
        # "denied" (a trailers-only answer: grpc-status 7 in the headers), "html" (some
        # other page answers the route)
        self.mlmd_mode = "ok"
        self.mlmd_duplicates: set[str] = set()       # tasks run as several iterations
        self._schemas: dict[str, jsonschema.Validator] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # --- life -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> KfpContractServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def check(self) -> None:
        if self.violations:
            raise ContractViolation("requests or answers outside KFP's API documents:\n  "
                                    + "\n  ".join(self.violations))

    def requests(self, operation: str | None = None) -> list[Entry]:
        return [e for e in self.log if operation is None or e.operation == operation]

    # --- validation -----------------------------------------------------------------------

    def _validator(self, type_name: str) -> jsonschema.Validator:
        if type_name not in self._schemas:
            schema = self.doc.schema(type_name)
            self._schemas[type_name] = jsonschema.Draft7Validator(schema)
        return self._schemas[type_name]

    def validate(self, type_name: str, value: Any, what: str) -> list[str]:
        errs = sorted(self._validator(type_name).iter_errors(value), key=lambda e: e.path)
        return [f"{what}: {'/'.join(map(str, e.path)) or '(root)'}: {e.message}"
                for e in errs[:5]]

    # --- the state the backend keeps ------------------------------------------------------

    @property
    def run_namespace(self) -> str:
        """Where runs' pods run: the user's namespace on a multi-user install."""
        allowed = sorted(self.auth.namespaces or [])
        return allowed[0] if allowed else "kubeflow"

    def _now(self) -> str:
        return rec.stamp(len(self.log) % 3600)

    def add_pipeline(self, name: str, spec_text: str, description: str = "",
                     namespace: str = "") -> tuple[dict, dict]:
        """A pipeline already on the 'cluster' (with its first version)."""
        with self.lock:
            return self._new_pipeline(name, name, description, spec_text, namespace)

    def _new_pipeline(self, name, display, description, text, namespace):
        pid = str(uuid.uuid4())
        if self.generation == "v2beta1":
            p = {"pipeline_id": pid, "name": name, "display_name": display or name,
                 "description": description, "created_at": self._now()}
            if namespace:
                p["namespace"] = namespace
        else:
            p = {"id": pid, "name": name, "description": description,
                 "created_at": self._now()}
        self.pipelines.append(p)
        v = self._new_version(pid, name, description, text)
        if self.generation == "v1beta1":
            p["default_version"] = v
        return p, v

    def _new_version(self, pid, name, description, text):
        spec = backend_spec(text, self.generation)
        vid = str(uuid.uuid4())
        if self.generation == "v2beta1":
            v = {"pipeline_id": pid, "pipeline_version_id": vid, "name": name,
                 "display_name": name, "description": description,
                 "created_at": self._now(), "pipeline_spec": spec}
        else:
            v = {"id": vid, "name": name, "created_at": self._now(), "description": description,
                 "resource_references": [{"key": {"type": "PIPELINE", "id": pid},
                                          "relationship": "OWNER"}]}
        self.versions.append({"doc": v, "spec": spec, "pipeline_id": pid, "text": text})
        return v

    def _new_run(self, doc: dict, spec: dict) -> dict:
        graph = rec.task_graph(spec, self.generation)
        frames = rec.progression(graph, self.plan)
        wf = f"run-{len(self.runs) + 1:03d}-{uuid.uuid4().hex[:5]}"
        run = {"doc": doc, "spec": spec, "graph": graph, "frames": frames, "step": 0,
               "wf": wf, "plan": self.plan}
        run_id = doc.get("run_id") or doc.get("id")
        for task in graph:
            self.pod_logs[rec.pod_of(self.generation, wf, task, spec, self.plan)] = PodLog(
                self.plan.logs.get(task, f"{task}: hello from the contract server\n"), run_id,
                self.run_namespace, rec.stamp(0)[:10])
        self.runs.append(run)
        return run

    def advance(self, run: dict) -> None:
        if not self.hold and run["step"] < len(run["frames"]) - 1:
            run["step"] += 1

    def run_view(self, run: dict) -> dict:
        frame = run["frames"][run["step"]]
        done = rec.run_finished(run["graph"], frame)
        doc = json.loads(json.dumps(run["doc"]))
        if self.generation == "v2beta1":
            doc["state"] = {"succeeded": "SUCCEEDED", "failed": "FAILED",
                            None: "RUNNING" if frame else "PENDING"}[done]
            doc["run_details"] = rec.v2_details(doc["run_id"], run["wf"], run["graph"],
                                                frame, run["step"])
            if done:
                doc["finished_at"] = rec.stamp(run["step"])
            return doc
        doc["status"] = {"succeeded": "Succeeded", "failed": "Failed",
                         None: "Running" if frame else "Pending"}[done]
        if done:
            doc["finished_at"] = rec.stamp(run["step"])
        manifest = rec.v1_workflow(run["wf"], run["spec"], run["graph"], frame, run["plan"],
                                   run["step"], self.run_namespace)
        return {"run": doc, "pipeline_runtime": {"workflow_manifest": manifest}}

    # --- HTTP -----------------------------------------------------------------------------

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):   # quiet
                pass

            def _serve(self):
                try:
                    server._dispatch(self)
                except Exception as e:  # noqa: BLE001 - a bug in the fake is a violation
                    server.violations.append(f"contract server error: {type(e).__name__}: {e}")
                    server._send(self, 500, server._error(13, "contract server error"))

            do_GET = do_POST = do_DELETE = do_PATCH = _serve

        return Handler

    def _error(self, code: int, message: str) -> dict:
        if self.doc.error_model == "ApiStatus":
            return {"error": message, "code": code, "details": []}
        return {"code": code, "message": message, "details": []}

    def _send(self, h, status: int, body: Any = None, *, headers: dict | None = None,
              text: str | None = None, kind: str = "text/plain") -> None:
        data = (text if text is not None else json.dumps(body if body is not None else {})
                ).encode()
        h.send_response(status)
        h.send_header("Content-Type", kind if text is not None else "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _fail(self, h, status: int, message: str, violation: bool = True) -> None:
        if violation:
            self.violations.append(message)
        body = self._error({400: 3, 401: 16, 403: 7, 404: 5, 409: 6}.get(status, 2), message)
        problems = self.validate(self.doc.error_model, body, "error answer")
        self.violations.extend(problems)
        self._send(h, status, body)

    def _authorised(self, h, query) -> bool:
        a = self.auth
        if a.mode == "cookie":
            cookies = h.headers.get("Cookie", "")
            if f"{a.cookie_name}={a.secret}" not in [c.strip() for c in cookies.split(";")]:
                self._send(h, 302, {}, headers={"Location": a.login})
                return False
        if a.mode == "istio":
            # an Istio AuthorizationPolicy: no accepted identity, Envoy's plain 403
            if h.headers.get("Authorization", "") != f"Bearer {a.secret}":
                self._send(h, 403, text="RBAC: access denied")
                return False
        path = urlsplit(h.path).path
        if a.mode == "bearer" and not path.endswith("/healthz"):
            if h.headers.get("Authorization", "") != f"Bearer {a.secret}":
                self._fail(h, 401, "Unauthenticated: invalid or missing token", False)
                return False
        if a.namespaces is not None:
            ns = (query.get("namespace") or query.get("resource_reference_key.id") or [""])[0]
            if ns and ns not in a.namespaces:
                self._fail(h, 403, f"PermissionDenied: user may not access namespace {ns}",
                           False)
                return False
        return True

    def _dispatch(self, h) -> None:
        parts = urlsplit(h.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        with self.lock:
            if not self._authorised(h, query):
                return
            if parts.path.startswith("/ml_metadata.") and h.command == "POST":
                self._mlmd(h, parts.path, raw)
                return
            if parts.path == LOGS["path"] and not self.serves_ui:
                self.log.append(Entry(h.command, parts.path, query, None, "(not served)"))
                self._send(h, 404, text="404 page not found")    # grpc-gateway's mux
                return
            if parts.path == LOGS["path"] and h.command == LOGS["method"]:
                self.log.append(Entry("GET", parts.path, query, None,
                                      "(KFP UI server, not in the API documents)",
                                      dict(h.headers)))
                self._pod_log(h, parts.query, query)
                return
            found = self.doc.find(h.command, parts.path)
            if found is None:
                other = "v1beta1" if self.generation == "v2beta1" else "v2beta1"
                if parts.path.startswith(f"/apis/{other}/"):
                    # A backend of the other generation: the route does not exist there.
                    self.log.append(Entry(h.command, parts.path, query, None, "(other API)"))
                    self._send(h, 404, text="404 page not found")
                    return
                self._fail(h, 404, f"{h.command} {parts.path}: no such operation in the "
                           f"{self.generation} API documents")
                return
            op, path_values = found
            body = self._check_request(h, op, query, raw)
            self.log.append(Entry(h.command, parts.path, query, body, op.name,
                                  dict(h.headers)))
            if body is _INVALID:
                self._fail(h, 400, "; ".join(self.violations[-3:]), violation=False)
                return
            status, answer = self._answer(op, path_values, query, body)
            if status >= 400:
                self._fail(h, status, answer, violation=False)
                return
            if op.response:
                self.violations.extend(self.validate(op.response, answer,
                                                     f"answer of {op.name}"))
            self._send(h, status, answer)

    def _mlmd(self, h, path: str, raw: bytes) -> None:
        """ML Metadata through the KFP UI's server (``/ml_metadata.*`` -> metadata-envoy)."""
        method = path[len(mlmd.PREFIX):] if path.startswith(mlmd.PREFIX) else path
        entry = Entry("POST", path, {}, None, f"(MLMD) {method}", dict(h.headers))
        self.log.append(entry)
        if not self.serves_ui:
            self._send(h, 404, text="404 page not found")    # the API server's mux
            return
        if self.mlmd_mode == "html":       # another page answers the route
            self._send(h, 200, text="<html><body>Kubeflow Central Dashboard</body></html>",
                       kind="text/html")
            return
        for header, want in (("Content-Type", mlmd.CONTENT_TYPE), ("X-Grpc-Web", "1")):
            if h.headers.get(header) != want:
                self.violations.append(f"MLMD {method}: header {header} is "
                                       f"{h.headers.get(header)!r}, the KFP UI sends {want!r}")
        requests = {"GetContextByTypeAndName": ("GetContextByTypeAndNameRequest",
                                                "GetContextByTypeAndNameResponse"),
                    "GetExecutionsByContext": ("GetExecutionsByContextRequest",
                                               "GetExecutionsByContextResponse")}
        if method not in requests:
            self.violations.append(f"MLMD: {method} is not a call the KFP UI makes for a run")
            return self._grpc(h, None, 12, f"unknown method {method}")
        try:
            request = mlmd.decode(requests[method][0], mlmd.read_request(raw))
        except (mlmd.WireError, KeyError, UnicodeDecodeError) as e:
            self.violations.append(f"MLMD {method}: {e}")
            return self._grpc(h, None, 3, str(e))
        entry.body = request
        if self.mlmd_mode == "unavailable":
            return self._grpc(h, None, 14, "failed to connect to all addresses; last error: "
                              "UNKNOWN: ipv4:10.96.0.12:8080: Failed to connect")
        if self.mlmd_mode == "denied":
            return self._grpc(h, None, 7, "namespace mismatch", trailers_only=True)
        if method == "GetContextByTypeAndName":
            answer = self._mlmd_context(method, request)
        else:
            answer = self._mlmd_executions(method, request)
        self._grpc(h, mlmd.encode(requests[method][1], answer), 0)

    def _mlmd_run(self, context_id: int) -> dict | None:
        index = context_id - 1000
        return self.runs[index] if 0 <= index < len(self.runs) else None

    def _mlmd_context(self, method: str, request: dict) -> dict:
        if request.get("type_name") != mlmd.RUN_CONTEXT_TYPE:
            self.violations.append(f"MLMD {method}: type_name {request.get('type_name')!r}, "
                                   f"the KFP UI asks {mlmd.RUN_CONTEXT_TYPE!r} for a KFP 2 run")
        if set(request) - {"type_name", "context_name"}:
            self.violations.append(f"MLMD {method}: the KFP UI sends only type_name and "
                                   f"context_name, not {sorted(set(request))}")
        for i, run in enumerate(self.runs):
            if run["doc"].get("run_id") == request.get("context_name"):
                if not run["frames"][run["step"]]:
                    return {}            # no driver has run yet: no context (MLMD: OK, empty)
                return {"context": {"id": 1000 + i, "type_id": 2, "type": mlmd.RUN_CONTEXT_TYPE,
                                    "name": request["context_name"]}}
        self.violations.append(f"MLMD {method}: no run {request.get('context_name')!r}")
        return {}

    def _mlmd_executions(self, method: str, request: dict) -> dict:
        run = self._mlmd_run(request.get("context_id", -1))
        if run is None:
            self.violations.append(f"MLMD {method}: context_id {request.get('context_id')} "
                                   "was not given by GetContextByTypeAndName")
            return {}
        if "options" in request:
            self.violations.append(f"MLMD {method}: the KFP UI sends no list options (then "
                                   "MLMD answers every execution in one page)")
        return {"executions": mlmd.executions(run, request["context_id"],
                                              self.mlmd_duplicates)}

    def _grpc(self, h, message: bytes | None, status: int, text: str = "", *,
              trailers_only: bool = False) -> None:
        """A grpc-web answer as metadata-envoy gives it: HTTP 200, the data frame, then the
        trailer frame; or, trailers-only, the status in the headers and no body."""
        body = b"" if trailers_only else (
            (mlmd.data_frame(message) if message is not None else b"")
            + mlmd.trailer_frame(status, text))
        h.send_response(200)
        h.send_header("Content-Type", mlmd.CONTENT_TYPE)
        h.send_header("Content-Length", str(len(body)))
        if trailers_only:
            from urllib.parse import quote
            h.send_header("grpc-status", str(status))
            h.send_header("grpc-message", quote(text))
        h.end_headers()
        h.wfile.write(body)

    def _pod_log(self, h, raw_query: str, query: dict) -> None:
        """``/k8s/pod/logs`` as the KFP UI server answers it (``handlers/pod-logs.ts``), the
        request held to what the KFP UI sends (``Apis.getPodLogs``)."""
        answers = LOGS["answers"]
        names = [kv.split("=", 1)[0] for kv in raw_query.split("&") if kv]
        order = [n for n in LOGS["query_order"] if n in names]
        if names != order:
            self.violations.append(f"pod logs: query {names} is not in the KFP UI's order "
                                   f"{LOGS['query_order']} or has unknown names")
        for name in LOGS["sent_by_the_ui"]:
            if name not in names:
                self.violations.append(f"pod logs: the KFP UI always sends {name}")
        pod = (query.get("podname") or [""])[0]
        if not pod:
            self._send(h, 400, text=answers["400"])
            return
        namespace = (query.get("podnamespace") or [""])[0]
        if self.auth.namespaces is not None and not namespace:
            self._send(h, 422, text=answers["422"])
            return
        if namespace and self.auth.namespaces is not None and \
                namespace not in self.auth.namespaces:
            self._send(h, 403, text=answers["403"])
            return
        if pod in self.gone_pods or pod not in self.pod_logs:
            if pod not in self.gone_pods:
                self.violations.append(f"pod logs: no pod {pod} ran in any run")
            self._send(h, 404, text=answers["404"])
            return
        known = self.pod_logs[pod]
        created = (query.get("createdat") or [""])[0]
        run_id = (query.get("runid") or [""])[0]
        if run_id != known.run_id:
            self.violations.append(f"pod logs: runid {run_id!r} is not the run of {pod} "
                                   f"({known.run_id})")
        if created and created != known.created:
            self.violations.append(f"pod logs: createdat {created!r} is not the day the "
                                   f"workflow was created ({known.created}, "
                                   f"{LOGS['createdat_format']})")
        if namespace and namespace != known.namespace:
            self.violations.append(f"pod logs: {pod} is in namespace {known.namespace}, "
                                   f"not {namespace}")
        self._send(h, 200, text=known.text)

    def _check_request(self, h, op: Operation, query: dict, raw: bytes):
        problems = []
        for name, values in query.items():
            if name not in op.query:
                problems.append(f"{op.name}: query parameter {name!r} is not in the documents"
                                f" (known: {', '.join(op.query) or 'none'})")
                continue
            if op.query[name] == "int":
                if not all(v.lstrip("-").isdigit() for v in values):
                    problems.append(f"{op.name}: query {name}={values} is not an integer")
        for name in op.required:
            if name in op.query and name not in query:
                problems.append(f"{op.name}: the required query parameter {name} is missing")
        body: Any = None
        ctype = h.headers.get("Content-Type", "")
        if op.files:
            if not ctype.startswith("multipart/form-data"):
                problems.append(f"{op.name}: an upload must be multipart/form-data, not "
                                f"{ctype or 'nothing'}")
            else:
                msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                    b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
                files = {}
                for part in msg.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    if name not in op.files and name not in op.form:
                        problems.append(f"{op.name}: multipart field {name!r} is not in "
                                        "the documents")
                    files[name] = part.get_content()
                for name in op.required:
                    if name in op.files and name not in files:
                        problems.append(f"{op.name}: the file field {name} is missing")
                body = {k: v.decode() if isinstance(v, bytes) else v for k, v in files.items()}
        elif op.body:
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                problems.append(f"{op.name}: the body is not JSON")
            else:
                problems += self.validate(op.body, body, f"body of {op.name}")
        elif raw.strip():
            problems.append(f"{op.name}: takes no body, got {len(raw)} bytes")
        if problems:
            self.violations.extend(problems)
            return _INVALID
        return body

    # --- the operations the designer uses -------------------------------------------------

    def _page(self, items: list, query: dict, key: str) -> dict:
        size = int((query.get("page_size") or ["20"])[0] or 20)
        if self.max_page_size:
            size = min(size, self.max_page_size)
        start = int((query.get("page_token") or ["0"])[0] or 0)
        page = items[start:start + size]
        out: dict[str, Any] = {key: page, "total_size": len(items)}
        if start + size < len(items):
            out["next_page_token"] = str(start + size)
        return out

    def _answer(self, op: Operation, pv: dict, query: dict, body: Any) -> tuple[int, Any]:
        q = {k: v[0] for k, v in query.items()}
        v2 = self.generation == "v2beta1"
        path = op.path.split(f"/apis/{self.generation}", 1)[1]
        key = (op.method, path)
        if key == ("GET", "/healthz"):
            return 200, ({"multi_user": self.auth.namespaces is not None,
                          "pipeline_store": "database"} if v2 else
                         {"multi_user": self.auth.namespaces is not None})
        if key == ("GET", "/pipelines/names/{name}"):
            found = [p for p in self.pipelines if p["name"] == pv["name"]]
            return (200, found[0]) if found else (404, f"pipeline {pv['name']} not found")
        if key == ("GET", "/pipelines"):
            items = self.pipelines
            if "filter" in q:
                flt = json.loads(q["filter"])
                for pred in flt.get("predicates", []):
                    items = [p for p in items if p.get(pred["key"]) == pred["string_value"]]
            return 200, self._page(items, query, "pipelines")
        if key == ("POST", "/pipelines/upload"):
            name = q.get("name") or q.get("display_name") or "pipeline"
            if any(p["name"] == name for p in self.pipelines):
                return 409, f"AlreadyExists: a pipeline named {name} exists"
            p, _v = self._new_pipeline(name, q.get("display_name", name),
                                       q.get("description", ""), body["uploadfile"],
                                       q.get("namespace", ""))
            return 200, p
        if key == ("POST", "/pipelines/upload_version"):
            pid = q.get("pipelineid", "")
            if not any((p.get("pipeline_id") or p.get("id")) == pid for p in self.pipelines):
                return 404, f"pipeline {pid} not found"
            return 200, self._new_version(pid, q.get("name", "version"),
                                          q.get("description", ""), body["uploadfile"])
        if key in (("GET", "/pipelines/{pipeline_id}/versions"), ("GET", "/pipeline_versions")):
            pid = pv.get("pipeline_id") or q.get("resource_key.id", "")
            items = [v["doc"] for v in reversed(self.versions) if v["pipeline_id"] == pid]
            return 200, self._page(items, query, "pipeline_versions" if v2 else "versions")
        if key == ("GET", "/pipelines/{pipeline_id}/versions/{pipeline_version_id}"):
            found = [v["doc"] for v in self.versions
                     if v["doc"]["pipeline_version_id"] == pv["pipeline_version_id"]]
            return (200, found[0]) if found else (404, "version not found")
        if key == ("GET", "/pipeline_versions/{version_id}/templates"):
            found = [v for v in self.versions if v["doc"]["id"] == pv["version_id"]]
            return (200, {"template": found[0]["text"]}) if found else (404, "not found")
        if key == ("GET", "/experiments"):
            return 200, self._page(self.experiments, query, "experiments")
        if key == ("POST", "/experiments"):
            e = dict(body)
            e["experiment_id" if v2 else "id"] = str(uuid.uuid4())
            e["created_at"] = self._now()
            if v2:
                e["storage_state"] = "AVAILABLE"
            self.experiments.append(e)
            return 200, e
        if key == ("POST", "/runs"):
            return self._create_run(body, v2)
        if key in (("GET", "/runs/{run_id}"),):
            found = [r for r in self.runs if (r["doc"].get("run_id") or r["doc"].get("id"))
                     == pv["run_id"]]
            if not found:
                return 404, f"run {pv['run_id']} not found"
            self.advance(found[0])
            return 200, self.run_view(found[0])
        if key == ("GET", "/runs"):
            items = [self.run_view(r) for r in reversed(self.runs)]
            exp = q.get("experiment_id") or (q.get("resource_reference_key.id") if
                                              q.get("resource_reference_key.type") ==
                                              "EXPERIMENT" else None)
            if not v2:
                items = [i["run"] for i in items]
            if exp:
                items = [i for i in items if _experiment_of(i) == exp]
            return 200, self._page(items, query, "runs")
        if key in (("POST", "/recurringruns"), ("POST", "/jobs")):
            job = dict(body)
            job["recurring_run_id" if v2 else "id"] = str(uuid.uuid4())
            job["created_at"] = self._now()
            self.recurring.append(job)
            return 200, job
        self.violations.append(f"{op.name}: not implemented by the contract server")
        return 501, f"{op.name} is not implemented by the contract server"

    def _create_run(self, body: dict, v2: bool) -> tuple[int, Any]:
        if v2:
            ref = body.get("pipeline_version_reference")
            if ref:
                found = [v for v in self.versions
                         if v["doc"]["pipeline_version_id"] == ref.get("pipeline_version_id")]
                if not found:
                    return 404, "pipeline version not found"
                spec = found[0]["spec"]
            elif body.get("pipeline_spec"):
                spec = body["pipeline_spec"]
            else:
                return 400, "InvalidArgument: a run needs a pipeline version or a spec"
            doc = dict(body)
            doc.update(run_id=str(uuid.uuid4()), created_at=self._now(),
                       storage_state="AVAILABLE", state="PENDING")
            doc.setdefault("experiment_id", "default-experiment")
            run = self._new_run(doc, spec)
            return 200, doc
        refs = body.get("resource_references") or []
        version_id = next((r["key"]["id"] for r in refs
                           if r["key"]["type"] == "PIPELINE_VERSION"), None)
        manifest = (body.get("pipeline_spec") or {}).get("workflow_manifest")
        if version_id:
            found = [v for v in self.versions if v["doc"]["id"] == version_id]
            if not found:
                return 404, "pipeline version not found"
            spec = found[0]["spec"]
        elif manifest:
            spec = json.loads(manifest)
        else:
            return 400, "InvalidArgument: a run needs a pipeline version or a manifest"
        doc = dict(body)
        doc.update(id=str(uuid.uuid4()), created_at=self._now(), status="Pending",
                   storage_state="STORAGESTATE_AVAILABLE")
        run = self._new_run(doc, spec)
        return 200, self.run_view(run)


def _experiment_of(run: dict) -> str:
    if "experiment_id" in run:
        return run["experiment_id"]
    return next((r["key"]["id"] for r in run.get("resource_references") or []
                 if r["key"]["type"] == "EXPERIMENT"), "")


def backend_spec(text: str, generation: str) -> dict:
    """What kfp's apiserver keeps of an uploaded file (``YamlStringToPipelineSpecStruct``:
    the documents split at ``---``, a platform spec wrapped with the pipeline spec)."""
    if generation == "v1beta1":
        return yaml.safe_load(text)
    docs = [d for d in yaml.safe_load_all(text) if d]
    platform = [d for d in docs if "platforms" in d]
    pipeline = [d for d in docs if "platforms" not in d]
    if len(pipeline) != 1:
        raise ValueError("No pipeline spec provided in yaml doc")
    if not platform:
        return pipeline[0]
    return {"pipeline_spec": pipeline[0], "platform_spec": platform[-1]}


_INVALID = object()
