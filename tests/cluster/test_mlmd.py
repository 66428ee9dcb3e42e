"""Output parameters and cache states of KFP 2 runs, read from ML Metadata as the KFP UI
reads them (grpc-web through the UI's server), against the contract server's MLMD side.

Proven here: the requests the designer sends decode, per the MLMD proto files (field
numbers and wire types from ``data/mlmd_facts.json``, read by a codec of the tests' own),
as the two calls the KFP UI makes; answers built per those files are read back into the
values on the ports, the Run panel and the CLI; failures are worded. Not proven: a real
cluster's metadata-envoy and MLMD server (none can be reached from here).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from designer.cli import main
from designer.cluster import jobs
from designer.cluster import mlmd as client
from designer.cluster.endpoints import EndpointStore
from designer.cluster.secrets import Secrets

from . import mlmd_server
from .contract_server import Auth
from .helpers import TUTORIAL_PARAMS, endpoint_for, task_ids, tutorial

FACTS = json.loads((Path(__file__).parent / "data" / "mlmd_facts.json").read_text())
OUTPUTS = {"print-and-return-number": {"Output": "1"},
           "print-and-return-number-2": {"Output": "2"},
           "sum-and-print-numbers": {"Output": "3"}}


def watched(server, pipeline=None, **endpoint):
    """(api, pipeline, the final run, every update's states)."""
    api = jobs.open_api(endpoint_for(server, **endpoint))
    pipeline = pipeline or tutorial()
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS)
    seen: list[dict] = []
    final = jobs.watch(api, done.run.id, pipeline, done.uploaded.target,
                       lambda run, states: seen.append(states), interval=0,
                       sleep=lambda s: None)
    return api, pipeline, final, seen


def by_name(pipeline, states) -> dict[str, tuple]:
    ids = task_ids(pipeline)
    return {name: (states[i].state, states[i].outputs) for name, i in ids.items()}


def test_the_facts_name_their_source():
    repos = {"kubeflow/pipelines": "2.17.0", "google/ml-metadata": "v1.14.0",
             "protocolbuffers/protobuf": ""}
    for fact in FACTS["facts"]:
        assert repos[fact["repository"]] == fact["tag"], fact["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", fact["commit"]) and fact["line"] > 0
        assert fact["excerpt"] and fact["fact"] and fact["file"]
    ids = {f["id"] for f in FACTS["facts"]}
    assert len(ids) == len(FACTS["facts"])
    version = next(f for f in FACTS["facts"] if f["id"] == "mlmd-version")
    assert version["excerpt"] == "1.14.0"     # the ml-metadata tag the proto facts are of


def test_the_clients_field_numbers_are_the_proto_files():
    """The descriptor the designer builds says what the proto files say, field by field."""
    for message, fields in client._MESSAGES:
        theirs = {name: number for number, (name, _t, _r) in mlmd_server.SCHEMA[message].items()}
        for name, number, *_ in fields:
            assert theirs[name] == number, f"{message}.{name}"
    assert {v: k for k, v in client.STATES.items()} == mlmd_server.STATES
    assert client.RUN_CONTEXT_TYPE == mlmd_server.RUN_CONTEXT_TYPE
    assert client.CONTENT_TYPE == mlmd_server.CONTENT_TYPE


def test_outputs_and_the_cache_state_come_onto_the_tasks(kfp_server):
    """One task of three cached: the REST details cannot say which (the counts prove
    nothing), ML Metadata says exactly; output values as the run wrote them."""
    kfp_server.plan.outcome = {"print-and-return-number-2": "cached"}
    kfp_server.plan.outputs = OUTPUTS
    api, pipeline, final, seen = watched(kfp_server)
    assert by_name(pipeline, seen[-1]) == {
        "number_1_result": ("succeeded", {"Output": "1"}),
        "number_2_result": ("cached", {"Output": "2"}),
        "sum_result": ("succeeded", {"Output": "3"})}
    cached = seen[-1][task_ids(pipeline)["number_2_result"]]
    assert cached.pod == "" and cached.log_ref(final.id) is None     # no pod ran
    # the calls, decoded by the tests' codec per the proto files: as the KFP UI makes them
    calls = [e for e in kfp_server.log if e.operation.startswith("(MLMD)")]
    assert calls[0].path == "/ml_metadata.MetadataStoreService/GetContextByTypeAndName"
    assert calls[0].body == {"type_name": "system.PipelineRun", "context_name": final.id}
    assert calls[0].headers["Content-Type"] == "application/grpc-web+proto"
    executions = [e for e in calls if e.operation.endswith("GetExecutionsByContext")]
    assert executions and all(e.body == {"context_id": 1000} for e in executions)
    # while a task runs it has no outputs yet; a pending run has no context yet
    first = by_name(pipeline, seen[0])
    assert all(outputs == {} for _state, outputs in first.values())


def test_typed_values_are_shown_as_local_runs_show_them():
    assert [client.value_text(v) for v in ("x", 3.0, 2.5, True, False, [1, "a"], {"k": 1})] \
        == ["x", "3", "2.5", "true", "false", '[1, "a"]', '{"k": 1}']
    # a struct as the tests' codec writes it, read by the designer's messages
    m = client.messages()
    data = mlmd_server.encode("Execution", {
        "id": 5, "last_known_state": mlmd_server.STATES["COMPLETE"], "custom_properties": [
            {"key": "task_name", "value": {"string_value": "t"}},
            {"key": "outputs", "value": {"struct_value": mlmd_server.struct_of(
                {"n": 4.0, "f": 0.5, "b": True, "l": [1, 2], "s": "text"})}}]})
    execution = m["Execution"].FromString(data)
    run = client.run_tasks([execution])
    assert run.tasks["t"].outputs == {"n": "4", "f": "0.5", "b": "true", "l": "[1, 2]",
                                      "s": "text"}
    assert run.tasks["t"].state == "COMPLETE" and run.tasks["t"].execution_id == 5


def test_a_loops_iterations_are_not_guessed(kfp_server):
    kfp_server.plan.outputs = OUTPUTS
    kfp_server.mlmd_duplicates = {"print-and-return-number"}
    _api, pipeline, _final, seen = watched(kfp_server)
    states = seen[-1]
    ids = task_ids(pipeline)
    assert states[ids["number_1_result"]].outputs == {}
    assert states[ids["number_1_result"]].several
    assert states[ids["sum_result"]].outputs == {"Output": "3"}


@pytest.mark.parametrize("mode,failure,words", [
    ("unavailable", "request", "ML Metadata refused GetContextByTypeAndName: grpc-status 14 "
     "UNAVAILABLE: failed to connect to all addresses; last error: UNKNOWN: "
     "ipv4:10.96.0.12:8080: Failed to connect"),
    ("denied", "forbidden", "ML Metadata refused GetContextByTypeAndName: grpc-status 7 "
     "PERMISSION_DENIED: namespace mismatch"),
    ("html", "bad-response", "/ml_metadata.MetadataStoreService/GetContextByTypeAndName "
     "answered text/html, not grpc-web: ML Metadata is not behind this address (is "
     "metadata-envoy running?)"),
])
def test_mlmd_failures_are_worded_and_the_watch_goes_on(kfp_server, mode, failure, words):
    kfp_server.plan.outputs = OUTPUTS
    kfp_server.mlmd_mode = mode
    api, pipeline, final, seen = watched(kfp_server)
    assert final.state == "succeeded"
    assert {s for s, _o in by_name(pipeline, seen[-1]).values()} == {"succeeded"}
    errors = {st.mlmd_error for st in seen[-1].values()}
    assert len(errors) == 1 and errors.pop().endswith(words)
    with pytest.raises(client.ClusterError) as e:
        client.MlmdClient(api.conn).read_run(final.id)
    assert e.value.failure.value == failure


def test_the_api_server_alone_serves_no_mlmd_and_the_ui_url_does(kfp_server_factory):
    server = kfp_server_factory()
    server.serves_ui = False
    server.plan.outputs = OUTPUTS
    api, pipeline, final, seen = watched(server)
    problem = seen[-1][task_ids(pipeline)["sum_result"]].mlmd_error
    assert problem == (f"ML Metadata is not served at {server.url}/ml_metadata."
                       "MetadataStoreService/GetContextByTypeAndName (404): the KFP UI asks it "
                       "at the root of its host, where the KFP UI's server (or Kubeflow's Istio "
                       "route) passes /ml_metadata.* to metadata-envoy; give the endpoint the "
                       "address of the KFP UI (its UI URL)")
    ui = kfp_server_factory()            # the KFP UI at another address, with the same store
    ui.runs = server.runs
    # under a base path (Kubeflow's /pipeline/): the UI still asks at its host's root
    api = jobs.open_api(endpoint_for(server, ui_url=ui.url + "/pipeline/"))
    states = jobs.observe(api, api.get_run(final.id), pipeline, "v2")
    assert states[task_ids(pipeline)["sum_result"]].outputs == {"Output": "3"}
    assert [e.path for e in ui.log] == ["/ml_metadata.MetadataStoreService/"
                                        "GetContextByTypeAndName",
                                        "/ml_metadata.MetadataStoreService/"
                                        "GetExecutionsByContext"]


@pytest.mark.parametrize("auth", [Auth("bearer", "t0ken"), Auth("cookie", "c00kie")])
def test_the_credentials_go_with_the_mlmd_calls(kfp_server_factory, auth):
    """Behind a login (a token, a session cookie) the grpc-web calls carry the credentials
    as every other request does."""
    server = kfp_server_factory(auth=auth)
    server.plan.outputs = OUTPUTS
    secrets = Secrets(keyring=False)
    secrets.put("test", auth.secret, remember=False)
    api = jobs.open_api(endpoint_for(server, auth=auth.mode), secrets)
    pipeline = tutorial()
    run = jobs.submit(api, pipeline, TUTORIAL_PARAMS).run
    final = jobs.watch(api, run.id, pipeline, "v2", lambda *a: None, interval=0)
    states = jobs.observe(api, final, pipeline, "v2")
    assert states[task_ids(pipeline)["sum_result"]].outputs == {"Output": "3"}
    assert all(not st.mlmd_error for st in states.values())
    assert server.requests("(MLMD) GetExecutionsByContext")


def test_protobuf_missing_says_what_to_install(monkeypatch):
    import builtins
    real = builtins.__import__

    def no_protobuf(name, *args, **kw):
        if name.startswith("google.protobuf"):
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_protobuf)
    monkeypatch.setattr(client, "_classes", None)
    with pytest.raises(client.ClusterError) as e:
        client.messages()
    assert "pip install 'kfp-pipeline-designer[kubeflow]'" in str(e.value)


def test_grpc_web_framing():
    assert client.frame(b"ab") == b"\x00\x00\x00\x00\x02ab"
    body = mlmd_server.data_frame(b"xyz") + mlmd_server.trailer_frame(0)
    assert client.unframe(body) == (b"xyz", {"grpc-status": "0", "grpc-message": ""})
    with pytest.raises(ValueError):
        client.unframe(b"\x00\x00\x00\x00\x09ab")


def test_cli_reopen_shows_outputs_and_cache(isolated_config, kfp_server, capsys):
    kfp_server.plan.outcome = {"print-and-return-number": "cached"}
    kfp_server.plan.outputs = OUTPUTS
    assert main(["endpoints", "add", "lab", kfp_server.url]) == 0
    api = jobs.open_api(EndpointStore().get("lab"))
    run = jobs.submit(api, tutorial(), TUTORIAL_PARAMS, run_name="done").run
    jobs.watch(api, run.id, tutorial(), "v2", lambda *a: None, interval=0)
    capsys.readouterr()
    assert main(["runs", "--example", "--endpoint", "lab", "--open", run.id]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["[number_1_result] cached (Output=1)",
                       "[number_2_result] succeeded (Output=2)",
                       "[sum_result] succeeded (Output=3)"]
    # one cached of three: the REST details alone could not say which; no pod, no log
    assert main(["runs", "--example", "--endpoint", "lab", "--open", run.id, "--log",
                 "number_1_result"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "[number_1_result] no log: it was taken from the cache, so no pod ran")
    assert not kfp_server.requests("(KFP UI server, not in the API documents)")


def test_a_run_no_driver_has_started_has_no_context_yet(kfp_server):
    """MLMD answers OK without a context for a name it does not know: nothing to add, and
    nothing wrong."""
    kfp_server.hold = True
    api = jobs.open_api(endpoint_for(kfp_server))
    pipeline = tutorial()
    run = jobs.submit(api, pipeline, TUTORIAL_PARAMS).run
    read = client.read_run(api.conn, run.id)
    assert read == client.MlmdRun() and not read.found
    states = jobs.observe(api, api.get_run(run.id), pipeline, "v2")
    assert all(st.state == "pending" and not st.mlmd_error for st in states.values())
    assert not kfp_server.requests("(MLMD) GetExecutionsByContext")


def test_cli_reopen_without_mlmd_says_why_once(isolated_config, kfp_server, capsys):
    kfp_server.plan.outputs = OUTPUTS
    assert main(["endpoints", "add", "lab", kfp_server.url]) == 0
    api = jobs.open_api(EndpointStore().get("lab"))
    run = jobs.submit(api, tutorial(), TUTORIAL_PARAMS, run_name="going").run
    kfp_server.mlmd_mode = "unavailable"
    capsys.readouterr()
    assert main(["runs", "--example", "--endpoint", "lab", "--open", run.id, "--watch",
                 "--poll", "0"]) == 0
    out = capsys.readouterr().out
    assert out.count("ML Metadata: ML Metadata refused GetContextByTypeAndName: grpc-status "
                     "14 UNAVAILABLE") == 1
    assert "(task states come from the run; output parameters and the cache state are not " \
           "shown)" in out
    assert "[sum_result] succeeded\n" in out and out.rstrip().endswith("run succeeded")
