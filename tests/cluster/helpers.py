"""Shared bits of the cluster tests."""
from __future__ import annotations

import json

from designer.cluster.endpoints import Endpoint
from designer.inputs import example_path, load_project
from designer.ir import Pipeline

from .contract_server import KfpContractServer

TUTORIAL_PARAMS = {"number_1": 1, "number_2": 2}


def tutorial() -> Pipeline:
    return load_project(example_path()).pipeline


def endpoint_for(server: KfpContractServer, name: str = "test", **kw) -> Endpoint:
    return Endpoint(name, server.url, **kw)


def task_ids(pipeline: Pipeline) -> dict[str, str]:
    """Task variable name -> id."""
    return {t.name: t.id for t in pipeline.tasks}


def body_of(server: KfpContractServer, operation_suffix: str) -> list:
    return [e.body for e in server.log if e.operation.endswith(operation_suffix)]


def query_of(server: KfpContractServer, operation_suffix: str) -> list[dict]:
    return [{k: v[0] for k, v in e.query.items()} for e in server.log
            if e.operation.endswith(operation_suffix)]


def dumps(value) -> str:
    return json.dumps(value, sort_keys=True)
