"""What the tasks of a KFP 2 run produced, read from ML Metadata as the KFP UI reads it.

The v2beta1 REST API does not serve a KFP 2 task's output parameters nor whether it was
taken from the cache: the backend keeps both in ML Metadata (MLMD), and the KFP UI reads
them through grpc-web, which the UI's server proxies (``/ml_metadata.*``) to metadata-envoy.
The UI's client calls ``/ml_metadata.MetadataStoreService/<Method>`` at the root of its host
(its hostname is empty), whatever the UI's base path (``/pipeline`` on Kubeflow): there the
KFP UI's server (standalone) or Kubeflow's Istio route (to metadata-envoy) answers. This
module does the same two calls the UI makes for a run's details page (kfp 2.17.0,
``frontend/src/mlmd/MlmdUtils.ts``; every fact is kept with file, line and commit in
``tests/cluster/data/mlmd_facts.json``):

1. ``GetContextByTypeAndName(type_name="system.PipelineRun", context_name=<run id>)``:
   the run's context, which the driver creates named by the run id (``getKfpV2RunContext``;
   backend ``metadata/client.go`` ``GetPipeline``). None yet: the run has no execution yet.
2. ``GetExecutionsByContext(context_id)``, without list options (then MLMD answers every
   execution in one page): the run's executions. A container task's
   execution has the custom property ``task_name`` (the task's name in the PipelineSpec,
   which is the name the designer's compiler gives it), ``parent_dag_id``, the state
   ``last_known_state`` (``CACHED`` when the driver reused a cached execution, with
   ``cached_execution_id``), and, once published, the output parameters in the struct
   custom property ``outputs`` (backend ``PublishExecution``; the UI's Input/Output tab).

A task name met by several executions (the iterations of a loop) is not shown: which
execution is whose is not said, and a guessed value would be wrong output.

Wire format: messages are encoded by the ``protobuf`` package (the ``kubeflow`` extra) from
a descriptor built here for the few messages used, with the field numbers of ml-metadata
v1.14.0's ``metadata_store.proto`` / ``metadata_store_service.proto`` (the version kfp 2.17.0
pins in ``third_party/ml-metadata/VERSION``); fields not declared here are kept as unknown
fields and ignored. Framing is grpc-web binary (``application/grpc-web+proto``, as the UI's
generated client sets ``format = 'binary'``): a request is one frame ``0x00`` + big-endian
uint32 length + message; an answer is data frames and a trailer frame ``0x80`` whose text
holds ``grpc-status`` and ``grpc-message`` (or, for an error without a body, those headers).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import ClusterError, Failure, INSTALL_HINT

SERVICE = "/ml_metadata.MetadataStoreService/"
RUN_CONTEXT_TYPE = "system.PipelineRun"
CONTENT_TYPE = "application/grpc-web+proto"

# Execution.State (metadata_store.proto:307-315)
STATES = {0: "UNKNOWN", 1: "NEW", 2: "RUNNING", 3: "COMPLETE", 4: "FAILED", 5: "CACHED",
          6: "CANCELED"}
# grpc status codes (grpc's doc/statuscode.md), for the messages
GRPC_CODES = {1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED",
              5: "NOT_FOUND", 6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED",
              8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION", 10: "ABORTED",
              11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE",
              15: "DATA_LOSS", 16: "UNAUTHENTICATED"}

# (message, [(field, number, type, label, type name)]): only what the designer reads or
# sends. Lines are of ml-metadata v1.14.0 (commit 4893bf12d763278a05867b61a47a478ed1286289).
_T = "TYPE_"
_MESSAGES: list[tuple[str, list[tuple[str, int, str, str, str]]]] = [
    ("Value", [                                        # metadata_store.proto:34-43
        ("int_value", 1, "INT64", "OPTIONAL", ""),
        ("double_value", 2, "DOUBLE", "OPTIONAL", ""),
        ("string_value", 3, "STRING", "OPTIONAL", ""),
        ("struct_value", 4, "MESSAGE", "OPTIONAL", ".google.protobuf.Struct"),
        ("bool_value", 6, "BOOL", "OPTIONAL", "")]),
    ("Execution", [                                    # metadata_store.proto:284-336
        ("id", 1, "INT64", "OPTIONAL", ""),
        ("type_id", 2, "INT64", "OPTIONAL", ""),
        ("last_known_state", 3, "ENUM", "OPTIONAL", ".ml_metadata.Execution.State"),
        ("custom_properties", 5, "MESSAGE", "REPEATED",
         ".ml_metadata.Execution.CustomPropertiesEntry"),
        ("name", 6, "STRING", "OPTIONAL", ""),
        ("type", 7, "STRING", "OPTIONAL", "")]),
    ("Context", [                                      # metadata_store.proto:419-440
        ("id", 1, "INT64", "OPTIONAL", ""),
        ("type_id", 2, "INT64", "OPTIONAL", ""),
        ("name", 3, "STRING", "OPTIONAL", ""),
        ("type", 6, "STRING", "OPTIONAL", "")]),
    ("GetContextByTypeAndNameRequest", [               # metadata_store_service.proto:931-939
        ("type_name", 1, "STRING", "OPTIONAL", ""),
        ("context_name", 2, "STRING", "OPTIONAL", "")]),
    ("GetContextByTypeAndNameResponse", [              # metadata_store_service.proto:941-943
        ("context", 1, "MESSAGE", "OPTIONAL", ".ml_metadata.Context")]),
    ("GetExecutionsByContextRequest", [                # metadata_store_service.proto:1044-1054
        ("context_id", 1, "INT64", "OPTIONAL", "")]),
    ("GetExecutionsByContextResponse", [               # metadata_store_service.proto:1056-1063
        ("executions", 1, "MESSAGE", "REPEATED", ".ml_metadata.Execution")]),
]

_classes: dict[str, Any] | None = None


def _protobuf():
    try:
        from google.protobuf import (descriptor_pb2, descriptor_pool, json_format,
                                     message_factory, struct_pb2)
    except ImportError:
        raise ClusterError(Failure.MISSING_EXTRA, "reading a KFP 2 run's output parameters "
                           "from ML Metadata needs the `protobuf` package of the optional "
                           f"`kubeflow` extra, which is not installed: {INSTALL_HINT}") from None
    return descriptor_pb2, descriptor_pool, json_format, message_factory, struct_pb2


def messages() -> dict[str, Any]:
    """Message classes by name (built once, in a pool of their own)."""
    global _classes
    if _classes is not None:
        return _classes
    descriptor_pb2, descriptor_pool, _json, message_factory, struct_pb2 = _protobuf()
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(struct_pb2.DESCRIPTOR.serialized_pb)
    f = descriptor_pb2.FileDescriptorProto(
        name="designer/ml_metadata_subset.proto", package="ml_metadata", syntax="proto2",
        dependency=["google/protobuf/struct.proto"])
    fdp = descriptor_pb2.FieldDescriptorProto
    for name, fields in _MESSAGES:
        m = f.message_type.add(name=name)
        for fname, number, ftype, label, type_name in fields:
            m.field.add(name=fname, number=number, type=getattr(fdp, _T + ftype),
                        label=getattr(fdp, "LABEL_" + label), type_name=type_name or None)
        if name == "Execution":
            state = m.enum_type.add(name="State")
            for number, word in STATES.items():
                state.value.add(name=word, number=number)
            entry = m.nested_type.add(name="CustomPropertiesEntry")
            entry.options.map_entry = True
            entry.field.add(name="key", number=1, type=fdp.TYPE_STRING,
                            label=fdp.LABEL_OPTIONAL)
            entry.field.add(name="value", number=2, type=fdp.TYPE_MESSAGE,
                            label=fdp.LABEL_OPTIONAL, type_name=".ml_metadata.Value")
    pool.Add(f)
    # GetMessageClass is protobuf 4.22+; MessageFactory.GetPrototype the older spelling
    make = getattr(message_factory, "GetMessageClass", None) or \
        message_factory.MessageFactory(pool).GetPrototype
    _classes = {name: make(pool.FindMessageTypeByName(f"ml_metadata.{name}"))
                for name, _ in _MESSAGES}
    return _classes


# --- grpc-web framing ---------------------------------------------------------------------

def frame(message: bytes) -> bytes:
    """One grpc-web data frame: flag 0x00, big-endian uint32 length, the message."""
    return b"\x00" + len(message).to_bytes(4, "big") + message


def unframe(body: bytes) -> tuple[bytes, dict[str, str]]:
    """(the message of the data frames, the trailers); ValueError when malformed."""
    data, trailers, at = b"", {}, 0
    while at < len(body):
        if at + 5 > len(body):
            raise ValueError(f"{len(body) - at} trailing bytes do not form a frame header")
        flag, size = body[at], int.from_bytes(body[at + 1:at + 5], "big")
        chunk = body[at + 5:at + 5 + size]
        if len(chunk) != size:
            raise ValueError(f"a frame claims {size} bytes, {len(chunk)} remain")
        if flag & 0x80:
            for line in chunk.decode("utf-8", "replace").split("\r\n"):
                key, sep, value = line.partition(":")
                if sep:
                    trailers[key.strip().lower()] = value.strip()
        elif flag == 0:
            data += chunk
        else:
            raise ValueError(f"unexpected frame flag 0x{flag:02x}")
        at += 5 + size
    return data, trailers


# --- what the tasks did -------------------------------------------------------------------

@dataclass
class MlmdTask:
    state: str                      # an Execution.State name: RUNNING COMPLETE CACHED ...
    outputs: dict[str, str] = field(default_factory=dict)
    execution_id: int = 0
    cached_from: str = ""           # the execution it reused (cached_execution_id)


@dataclass
class MlmdRun:
    """The run as ML Metadata has it: KFP task name -> what it did; ``error`` says why
    nothing could be read (the rest of the run's view is unaffected)."""
    tasks: dict[str, MlmdTask] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)   # names of several executions
    error: str = ""
    found: bool = False              # the run's context exists


def value_text(value: Any) -> str:
    """An output parameter as the Run panel shows a local run's: strings as they are,
    whole numbers without ``.0`` (a Struct keeps every number as a double), bools as
    ``true``/``false``, lists and dicts as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(_whole(value), sort_keys=True)


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    if isinstance(value, list):
        return [_whole(v) for v in value]
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    return value


def _property(execution, key: str) -> Any:
    """A custom property's value as Python (None when absent)."""
    if key not in execution.custom_properties:
        return None
    v = execution.custom_properties[key]
    _d, _p, json_format, _m, _s = _protobuf()
    if v.HasField("string_value"):
        return v.string_value
    if v.HasField("int_value"):
        return v.int_value
    if v.HasField("double_value"):
        return v.double_value
    if v.HasField("bool_value"):
        return v.bool_value
    if v.HasField("struct_value"):
        return json_format.MessageToDict(v.struct_value)
    return None


def run_tasks(executions: list) -> MlmdRun:
    """The container executions of a run by task name (see the module doc)."""
    out = MlmdRun(found=True)
    seen: dict[str, int] = {}
    for e in executions:
        name = _property(e, "task_name")
        if not isinstance(name, str) or not name:
            continue              # the root DAG's execution has none
        seen[name] = seen.get(name, 0) + 1
        outputs = _property(e, "outputs")
        cached = _property(e, "cached_execution_id")
        out.tasks[name] = MlmdTask(
            STATES.get(e.last_known_state, "UNKNOWN"),
            {k: value_text(v) for k, v in outputs.items()} if isinstance(outputs, dict) else {},
            e.id, cached if isinstance(cached, str) else "")
    out.ambiguous = {n for n, count in seen.items() if count > 1}
    for name in out.ambiguous:
        del out.tasks[name]
    return out


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: where the KFP UI's MLMD client sends its calls."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class MlmdClient:
    """The two MLMD calls of the KFP UI, at the root of the KFP UI's host (the endpoint's UI
    URL when it has one, as for task logs, else its URL)."""

    def __init__(self, conn):
        self.conn = conn
        self.base = origin(conn.ui_base())

    def call(self, method: str, request, response_type):
        url = self.base + SERVICE + method
        try:
            _status, headers, body = self.conn.post_bytes(
                self.base, SERVICE + method, frame(request.SerializeToString()),
                {"Content-Type": CONTENT_TYPE, "Accept": CONTENT_TYPE, "X-Grpc-Web": "1"})
        except ClusterError as e:
            if e.status == 404:
                raise ClusterError(
                    Failure.NOT_FOUND, f"ML Metadata is not served at {url} (404): the KFP UI "
                    "asks it at the root of its host, where the KFP UI's server (or "
                    "Kubeflow's Istio route) passes /ml_metadata.* to metadata-envoy; give "
                    "the endpoint the address of the KFP UI (its UI URL)", status=404
                ) from None
            raise
        kind = headers.get("Content-Type", "").split(";")[0].strip()
        if not kind.startswith("application/grpc-web"):
            raise ClusterError(Failure.BAD_RESPONSE, f"{url} answered {kind or 'no type'}, "
                               "not grpc-web: ML Metadata is not behind this address "
                               "(is metadata-envoy running?)")
        try:
            data, trailers = unframe(body)
        except ValueError as e:
            raise ClusterError(Failure.BAD_RESPONSE, f"{url}: a malformed grpc-web answer "
                               f"({e})") from None
        code = trailers.get("grpc-status", headers.get("grpc-status", ""))
        message = unquote(trailers.get("grpc-message", headers.get("grpc-message", "")))
        if code != "0":
            if not code:
                raise ClusterError(Failure.BAD_RESPONSE, f"{url}: the grpc-web answer has "
                                   "no grpc-status")
            name = GRPC_CODES.get(int(code) if code.isdigit() else -1, "")
            failure = {"5": Failure.NOT_FOUND, "7": Failure.FORBIDDEN,
                       "16": Failure.UNAUTHORIZED}.get(code, Failure.REQUEST)
            raise ClusterError(failure, f"ML Metadata refused {method}: grpc-status {code}"
                               + (f" {name}" if name else "") + (f": {message}" if message
                                                                 else ""),
                               server_said=message)
        answer = response_type()
        try:
            answer.ParseFromString(data)
        except Exception as e:  # noqa: BLE001 - protobuf's DecodeError and kin
            raise ClusterError(Failure.BAD_RESPONSE, f"{url}: cannot decode the "
                               f"{response_type.DESCRIPTOR.name} ({e})") from None
        return answer

    def run_context(self, run_id: str):
        """The run's ``system.PipelineRun`` context, or None when MLMD has none yet."""
        m = messages()
        request = m["GetContextByTypeAndNameRequest"](type_name=RUN_CONTEXT_TYPE,
                                                      context_name=run_id)
        answer = self.call("GetContextByTypeAndName", request,
                           m["GetContextByTypeAndNameResponse"])
        return answer.context if answer.HasField("context") else None

    def executions(self, context_id: int) -> list:
        """Every execution of the context: no list options, as the UI asks (MLMD then
        answers all of them in one page)."""
        m = messages()
        request = m["GetExecutionsByContextRequest"](context_id=context_id)
        return list(self.call("GetExecutionsByContext", request,
                              m["GetExecutionsByContextResponse"]).executions)

    def read_run(self, run_id: str) -> MlmdRun:
        context = self.run_context(run_id)
        if context is None:
            return MlmdRun()
        return run_tasks(self.executions(context.id))


def read_run(conn, run_id: str) -> MlmdRun:
    """What MLMD says about the run's tasks; a failure is kept in ``error``, never raised:
    the run's states from the REST API stand without it."""
    try:
        return MlmdClient(conn).read_run(run_id)
    except ClusterError as e:
        return MlmdRun(error=str(e))
