"""A task's log and what KFP 2 reports of its tasks, held to kfp's own source.

The log route (``GET /k8s/pod/logs``) is the KFP UI server's, not the API's: the contract
server serves and checks it by the facts in ``data/kfp_source_facts.json`` (file and line
in kubeflow/pipelines 2.17.0 and 1.8.5): the query the KFP UI sends, in its order, with the
run id, the pod's namespace and the workflow's creation day, and the UI server's plain-text
answers. Pod names follow Argo's pod names as the backend and the UI derive them.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from designer.cluster import jobs
from designer.cluster.api import LogRef
from designer.cluster.errors import ClusterError, Failure
from designer.cluster.runstate import task_states, v2_pod_name
from designer.ir.settings import Retry

from .contract_server import Auth
from .helpers import TUTORIAL_PARAMS, endpoint_for, task_ids, tutorial

LOGS_OP = "(KFP UI server, not in the API documents)"
FACTS = json.loads((Path(__file__).parent / "data" / "kfp_source_facts.json").read_text())


def run_to_the_end(server, pipeline=None, **endpoint):
    api = jobs.open_api(endpoint_for(server, **endpoint))
    pipeline = pipeline or tutorial()
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS)
    final = jobs.watch(api, done.run.id, pipeline, done.uploaded.target, lambda *a: None,
                       interval=0, sleep=lambda s: None)
    return api, pipeline, final, task_states(final, pipeline, done.uploaded.target)


def test_the_facts_name_their_source():
    assert FACTS["repository"] == "kubeflow/pipelines"
    for fact in FACTS["facts"]:
        assert fact["tag"] in ("2.17.0", "1.8.5") and len(fact["commit"]) == 40
        assert fact["line"] > 0 and fact["excerpt"] and fact["fact"]
    assert FACTS["logs_route"]["query_order"] == ["podname", "runid", "podnamespace",
                                                  "createdat"]


@pytest.mark.parametrize("generation", ["v2beta1", "v1beta1"])
def test_multi_user_logs_carry_the_namespace(kfp_server_factory, generation):
    server = kfp_server_factory(generation, Auth(namespaces={"team"}))
    api, pipeline, final, states = run_to_the_end(server, namespace="team")
    st = states[task_ids(pipeline)["number_1_result"]]
    assert api.pod_logs(st.log_ref(final.id)).startswith("print-and-return-number:")
    sent = server.requests(LOGS_OP)[-1]
    raw_order = list(sent.query)
    assert raw_order == ["podname", "runid", "podnamespace", "createdat"]
    assert sent.query["podnamespace"] == ["team"]


def test_multi_user_without_a_namespace_is_a_422_in_words(kfp_server_factory):
    server = kfp_server_factory("v2beta1", Auth(namespaces={"team"}))
    api, pipeline, final, states = run_to_the_end(server, namespace="team")
    ref = dataclasses.replace(states[task_ids(pipeline)["sum_result"]].log_ref(final.id))
    api.ns = ""
    with pytest.raises(ClusterError) as e:
        api.pod_logs(ref)
    assert e.value.failure == Failure.CONFIG and e.value.status == 422
    assert str(e.value) == ("this Kubeflow is multi-user and wants the namespace of the pod "
                            "(422: podnamespace argument is required): set the endpoint's "
                            "namespace")


def test_a_namespace_the_user_may_not_read_is_a_403_in_words(kfp_server_factory):
    server = kfp_server_factory("v2beta1", Auth(namespaces={"team"}))
    api, pipeline, final, states = run_to_the_end(server, namespace="team")
    ref = states[task_ids(pipeline)["sum_result"]].log_ref(final.id)
    with pytest.raises(ClusterError) as e:
        api.pod_logs(dataclasses.replace(ref, namespace="other"))
    assert e.value.failure == Failure.FORBIDDEN
    assert str(e.value) == ("403 Forbidden: the credentials may not read logs in namespace "
                            "'other' (the KFP UI server answered `Access denied to namespace`)")


def test_a_pod_gone_without_an_archive_is_said_so(kfp_server):
    api, pipeline, final, states = run_to_the_end(kfp_server)
    ref = states[task_ids(pipeline)["sum_result"]].log_ref(final.id)
    kfp_server.gone_pods.add(ref.pod)
    with pytest.raises(ClusterError) as e:
        api.pod_logs(ref)
    assert e.value.failure == Failure.NOT_FOUND
    assert str(e.value) == (f"the pod {ref.pod} is gone and its log was not archived (the KFP "
                            "UI server answered `pod not found`)")


def test_the_api_server_alone_has_no_logs_and_the_ui_url_has(kfp_server_factory):
    server = kfp_server_factory("v2beta1")
    server.serves_ui = False
    api, pipeline, final, states = run_to_the_end(server)
    ref = states[task_ids(pipeline)["sum_result"]].log_ref(final.id)
    with pytest.raises(ClusterError) as e:
        api.pod_logs(ref)
    assert e.value.failure == Failure.NOT_KFP and "give the endpoint the KFP UI's URL" in \
        str(e.value)
    ui = kfp_server_factory("v2beta1")        # the KFP UI, at another address
    ui.pod_logs = server.pod_logs
    api = jobs.open_api(endpoint_for(server, ui_url=ui.url + "/"))
    assert "sum-and-print-numbers" in api.pod_logs(ref)
    assert len(ui.requests(LOGS_OP)) == 1 and not server.requests(LOGS_OP)


def test_kfp1_pod_names_under_argo_pod_names_v2(kfp1_server):
    kfp1_server.plan.pod_names_v2 = True
    api, pipeline, final, states = run_to_the_end(kfp1_server)
    st = states[task_ids(pipeline)["sum_result"]]
    manifest = json.loads(final.raw["pipeline_runtime"]["workflow_manifest"])
    node = next(n for n in manifest["status"]["nodes"].values()
                if n["displayName"] == "sum-and-print-numbers")
    wf = manifest["metadata"]["name"]
    assert st.pod == f"{wf}-sum-and-print-numbers-{node['id'].rsplit('-', 1)[1]}"
    assert st.pod != node["id"]
    assert "sum-and-print-numbers" in api.pod_logs(st.log_ref(final.id))


def test_kfp2_executor_pods_of_retried_and_labelled_tasks(kfp_server):
    pipeline = tutorial()
    ids = task_ids(pipeline)
    for task in pipeline.tasks:
        if task.id == ids["number_1_result"]:
            task.settings = dataclasses.replace(task.settings, retry=Retry(2))
        if task.id == ids["sum_result"]:
            task.settings = dataclasses.replace(task.settings, retry=Retry(1),
                                                pod_labels={"team": "a", "x": "y"},
                                                pod_annotations={"note": "n"})
    api, pipeline, final, states = run_to_the_end(kfp_server, pipeline)
    assert "-retry-system-container-impl-" in states[ids["number_1_result"]].pod
    assert "-system-container-impl-" in states[ids["number_2_result"]].pod
    assert "-metadata-1-2-retry-system-container-impl-" in states[ids["sum_result"]].pod
    for st in states.values():
        api.pod_logs(st.log_ref(final.id))      # each is a pod that ran (else a violation)


def test_v2_pod_name_is_the_backends_retrieve_pod_name():
    assert v2_pod_name("run-001-ab12c-3837104201") == \
        "run-001-ab12c-system-container-impl-3837104201"
    assert v2_pod_name("x-1", "retry-system-container-impl") == \
        "x-retry-system-container-impl-1"
    assert LogRef("r", "p").namespace == ""


@pytest.mark.parametrize("cached,expected", [
    ({}, {"number_1_result": "succeeded", "number_2_result": "succeeded",
          "sum_result": "succeeded"}),
    ({"print-and-return-number": "cached", "print-and-return-number-2": "cached",
      "sum-and-print-numbers": "cached"},
     {"number_1_result": "cached", "number_2_result": "cached", "sum_result": "cached"}),
    # One of three: that an executor was skipped is known, whose is not (the API does not
    # say a task detail's node id): every task stays "succeeded" rather than guessed.
    ({"print-and-return-number": "cached"},
     {"number_1_result": "succeeded", "number_2_result": "succeeded",
      "sum_result": "succeeded"}),
])
def test_kfp2_cached_tasks_when_the_counts_prove_it(kfp_server, cached, expected):
    kfp_server.plan.outcome = cached
    _api, pipeline, final, states = run_to_the_end(kfp_server)
    ids = task_ids(pipeline)
    assert {name: states[ids[name]].state for name in expected} == expected
    assert all(st.outputs == {} for st in states.values())   # in ML Metadata only
