"""The ML Metadata side of the contract server: grpc-web as the KFP UI's server proxies it.

Nothing here comes from the designer's code: the protobuf wire codec below is written for
these tests, and its schema (message -> field number -> name, type) is read from the proto
lines recorded in ``data/mlmd_facts.json`` (ml-metadata v1.14.0's ``metadata_store.proto``
and ``metadata_store_service.proto``, protobuf's ``struct.proto``; each with file, line and
commit). So a request whose field numbers or wire types differ from the proto files is a
violation, and answers are built per those files: a client reading them with other field
numbers would read nothing.

What the MLMD store holds for a run follows kfp 2.17.0's backend (facts in the same file):
the run's context ``system.PipelineRun`` named by the run id; a root DAG execution without
``task_name``; per started container task an execution with ``task_name``,
``parent_dag_id``, the state RUNNING while its driver and executor run, then COMPLETE
(FAILED) with the struct ``outputs``, or CACHED with ``outputs`` and ``cached_execution_id``.
"""
from __future__ import annotations

import json
import re
import struct as _struct
from pathlib import Path
from typing import Any

from . import recordings as rec

FACTS = json.loads((Path(__file__).parent / "data" / "mlmd_facts.json").read_text("utf-8"))
FACT = {f["id"]: f for f in FACTS["facts"]}
PREFIX = "/ml_metadata.MetadataStoreService/"
CONTENT_TYPE = FACT["grpc-web-content-type"]["excerpt"].split("'")[1]
RUN_CONTEXT_TYPE = FACT["ui-run-context-type"]["excerpt"].split("'")[1]
_FIELD = re.compile(r"^(optional |repeated )?(map<string, Value>|[\w.]+) (\w+) = (\d+)")
_ENUM = re.compile(r"^(\w+) = (\d+);$")
_VARINT = {"int64", "int32", "bool", "State", "NullValue", "uint64"}
_STRUCT_REPO = "protocolbuffers/protobuf"


class WireError(ValueError):
    pass


def _schema() -> tuple[dict[str, dict[int, tuple[str, str, bool]]], dict[str, int]]:
    """message -> number -> (field name, type, repeated); and the Execution.State values."""
    messages: dict[str, dict[int, tuple[str, str, bool]]] = {}
    states: dict[str, int] = {}
    for f in FACTS["facts"]:
        if not f["id"].startswith("proto-") or ": " not in f["fact"]:
            continue
        message = f["fact"].split(": ", 1)[0]
        if message == "Execution.State":
            name, number = _ENUM.match(f["excerpt"]).groups()
            states[name] = int(number)
            continue
        label, ftype, name, number = _FIELD.match(f["excerpt"]).groups()
        struct_file = f["repository"] == _STRUCT_REPO
        if ftype.startswith("map<"):           # a map is repeated key/value entries
            ftype, repeated = ("StructEntry" if struct_file else "ValueEntry"), True
        else:
            repeated = label == "repeated "
        if struct_file:       # struct.proto's own Value/Struct, not ml_metadata's
            ftype = {"Value": "google.protobuf.Value", "Struct": "Struct"}.get(ftype, ftype)
        else:
            ftype = {"google.protobuf.Struct": "Struct"}.get(ftype, ftype)
        messages.setdefault(message, {})[int(number)] = (name, ftype, repeated)
    messages["ValueEntry"] = {1: ("key", "string", False), 2: ("value", "Value", False)}
    messages["StructEntry"] = {1: ("key", "string", False),
                               2: ("value", "google.protobuf.Value", False)}
    return messages, states


SCHEMA, STATES = _schema()


def _wire_type(ftype: str) -> int:
    if ftype in _VARINT:
        return 0
    if ftype == "double":
        return 1
    return 2


def _varint(data: bytes, at: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        if at >= len(data):
            raise WireError("a varint runs past the end")
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, at


def decode(message: str, data: bytes, where: str = "") -> dict[str, Any]:
    """``data`` read as ``message`` of the proto files; WireError for anything they do not
    define (a field number, a wire type)."""
    fields = SCHEMA[message]
    out: dict[str, Any] = {}
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if number not in fields:
            raise WireError(f"{where or message}: field {number} is not in {message}")
        name, ftype, repeated = fields[number]
        if wire != _wire_type(ftype):
            raise WireError(f"{where or message}.{name}: wire type {wire}, the proto says "
                            f"{_wire_type(ftype)} ({ftype})")
        if wire == 0:
            value, at = _varint(data, at)
            if ftype == "int64" and value >= 1 << 63:
                value -= 1 << 64
            if ftype == "bool":
                value = bool(value)
        elif wire == 1:
            value = _struct.unpack("<d", data[at:at + 8])[0]
            at += 8
        else:
            size, at = _varint(data, at)
            chunk = data[at:at + size]
            if len(chunk) != size:
                raise WireError(f"{where or message}.{name}: truncated")
            at += size
            if ftype == "string":
                value = chunk.decode("utf-8")
            else:
                value = decode(ftype, chunk, f"{where or message}.{name}")
        if repeated:
            out.setdefault(name, []).append(value)
        else:
            out[name] = value
    return out


def _put_varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def encode(message: str, value: dict[str, Any]) -> bytes:
    """``value`` (field name -> value) written as ``message`` of the proto files."""
    by_name = {name: (number, ftype, repeated)
               for number, (name, ftype, repeated) in SCHEMA[message].items()}
    out = bytearray()
    for name, v in value.items():
        number, ftype, repeated = by_name[name]       # KeyError: not in the proto
        for item in (v if repeated else [v]):
            wire = _wire_type(ftype)
            out += _put_varint(number << 3 | wire)
            if wire == 0:
                out += _put_varint(int(item))
            elif wire == 1:
                out += _struct.pack("<d", float(item))
            else:
                data = item.encode() if ftype == "string" else encode(ftype, item)
                out += _put_varint(len(data)) + data
    return bytes(out)


# --- values as MLMD and struct.proto hold them ---------------------------------------------

def struct_value(v: Any) -> dict:
    """A Python value as a google.protobuf.Value (field names of struct.proto)."""
    if isinstance(v, bool):
        return {"bool_value": v}
    if isinstance(v, (int, float)):
        return {"number_value": float(v)}
    if isinstance(v, str):
        return {"string_value": v}
    if isinstance(v, list):
        return {"list_value": {"values": [struct_value(x) for x in v]}}
    if isinstance(v, dict):
        return {"struct_value": struct_of(v)}
    return {"null_value": 0}


def struct_of(d: dict) -> dict:
    return {"fields": [{"key": k, "value": struct_value(v)} for k, v in d.items()]}


def typed(text: str, parameter_type: str) -> Any:
    """A recorded output (text, as a pod writes it) as the typed value kfp 2 keeps."""
    if parameter_type in ("NUMBER_INTEGER", "NUMBER_DOUBLE"):
        return float(text)
    if parameter_type == "BOOLEAN":
        return text.strip().lower() == "true"
    if parameter_type in ("LIST", "STRUCT"):
        return json.loads(text)
    return text


def output_types(spec: dict) -> dict[str, dict[str, str]]:
    """Task name -> output name -> parameterType, from the run's PipelineSpec."""
    spec = rec.unwrap(spec)[0]
    components = spec.get("components") or {}
    out = {}
    for name, t in ((spec.get("root") or {}).get("dag") or {}).get("tasks", {}).items():
        c = components.get((t.get("componentRef") or {}).get("name", "")) or {}
        params = (c.get("outputDefinitions") or {}).get("parameters") or {}
        out[name] = {k: p.get("parameterType", "STRING") for k, p in params.items()}
    return out


_PHASE = {"driver": "RUNNING", "running": "RUNNING", "succeeded": "COMPLETE",
          "failed": "FAILED", "cached": "CACHED"}


def executions(run: dict, context_id: int, duplicates: set[str] = frozenset()) -> list[dict]:
    """The run's executions in its current frame, as the backend has written them."""
    frame = run["frames"][run["step"]]
    plan: rec.Plan = run["plan"]
    types = output_types(run["spec"])
    root = context_id * 100
    out = [{"id": root, "type_id": 11, "type": "system.DAGExecution",
            "last_known_state": STATES["RUNNING"],
            "custom_properties": [{"key": "display_name", "value": {"string_value": ""}}]}]
    for i, (task, phase) in enumerate(frame.items()):
        state = _PHASE[phase]
        props = [{"key": "task_name", "value": {"string_value": task}},
                 {"key": "display_name", "value": {"string_value": task}},
                 {"key": "parent_dag_id", "value": {"int_value": root}},
                 {"key": "pod_name", "value": {"string_value": ""}}]
        if state in ("COMPLETE", "CACHED"):
            values = {k: typed(v, types.get(task, {}).get(k, "STRING"))
                      for k, v in plan.outputs.get(task, {}).items()}
            props.append({"key": "outputs", "value": {"struct_value": struct_of(values)}})
        if state == "CACHED":
            props.append({"key": "cached_execution_id", "value": {"string_value": "7"}})
        e = {"id": root + i + 1, "type_id": 12, "type": "system.ContainerExecution",
             "last_known_state": STATES[state], "custom_properties": props}
        out.append(e)
        if task in duplicates:            # another iteration of a loop
            out.append(dict(e, id=root + 50 + i))
    return out


# --- grpc-web framing, per the facts -----------------------------------------------------

def data_frame(message: bytes) -> bytes:
    return b"\x00" + len(message).to_bytes(4, "big") + message


def trailer_frame(status: int, message: str = "") -> bytes:
    from urllib.parse import quote
    text = f"grpc-status:{status}\r\ngrpc-message:{quote(message)}\r\n".encode()
    return b"\x80" + len(text).to_bytes(4, "big") + text


def read_request(body: bytes) -> bytes:
    """The message of a grpc-web request: exactly one data frame (WireError otherwise)."""
    if len(body) < 5 or body[0] != 0:
        raise WireError("a grpc-web request is one data frame (flag 0x00)")
    size = int.from_bytes(body[1:5], "big")
    if len(body) != 5 + size:
        raise WireError(f"the frame says {size} bytes, the body has {len(body) - 5}")
    return body[5:]
