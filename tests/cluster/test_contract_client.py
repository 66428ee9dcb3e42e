"""Upload, submit, watch, list and re-open against the contract server, both API generations.

Every request here was checked against KFP's API documents by the server (the fixture fails
a test that sent anything else), and every answer the designer read was valid against them.
"""
from __future__ import annotations

import json

import pytest
import yaml

from designer.cluster import jobs
from designer.cluster.api import Schedule
from designer.cluster.errors import ClusterError, Failure
from designer.ir import InputError

from .helpers import TUTORIAL_PARAMS, body_of, endpoint_for, query_of, task_ids, tutorial

GENERATIONS = ["v2beta1", "v1beta1"]


@pytest.fixture(params=GENERATIONS)
def server(request, kfp_server_factory):
    return kfp_server_factory(request.param)


def test_upload_makes_a_pipeline_then_versions_of_it(server):
    api = jobs.open_api(endpoint_for(server))
    pipeline = tutorial()
    first = jobs.upload(api, pipeline, description="the tutorial")
    assert first.new_pipeline and first.pipeline.name == "example_pipeline"
    assert first.target == ("v2" if server.generation == "v2beta1" else "v1")
    second = jobs.upload(api, pipeline, version="v-two")
    assert not second.new_pipeline and second.pipeline.id == first.pipeline.id
    assert second.version.name == "v-two" and second.version.id != first.version.id
    uploads = body_of(server, "upload_pipeline") + body_of(server, "upload_pipeline_version")
    assert len(uploads) == 2
    text = uploads[0]["uploadfile"]
    from designer.compiler import compile_pipeline
    if server.generation == "v2beta1":
        assert yaml.safe_load(text) == yaml.safe_load(compile_pipeline(pipeline, "v2"))
    else:
        assert yaml.safe_load(text)["kind"] == "Workflow"
    assert query_of(server, "upload_pipeline")[0]["description"] == "the tutorial"
    with pytest.raises(ClusterError) as e:
        jobs.upload(api, pipeline, new_pipeline=True)
    assert "already exists" in str(e.value)


def test_a_v2_pipeline_is_refused_by_a_kfp1_endpoint(kfp1_server):
    api = jobs.open_api(endpoint_for(kfp1_server))
    with pytest.raises(ClusterError) as e:
        jobs.upload(api, tutorial(), target="v2")
    assert e.value.failure == Failure.UNSUPPORTED and "compile for v1" in str(e.value)
    assert not kfp1_server.requests("upload_pipeline")


def test_submit_and_watch_a_run_to_success(server):
    server.plan.outputs = {"print-and-return-number": {"Output": "1"},
                           "print-and-return-number-2": {"Output": "2"}}
    api = jobs.open_api(endpoint_for(server))
    pipeline = tutorial()
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS, experiment="designer",
                       run_name="first run")
    assert done.run.name == "first run" and done.run.state == "pending"
    created = body_of(server, "create_run")[0]
    if server.generation == "v2beta1":
        assert created["runtime_config"]["parameters"] == {"number_1": 1, "number_2": 2}
        assert created["pipeline_version_reference"]["pipeline_version_id"] == \
            done.uploaded.version.id
        assert created["experiment_id"] == done.experiment_id
    else:
        assert created["pipeline_spec"]["parameters"] == [
            {"name": "number_1", "value": "1"}, {"name": "number_2", "value": "2"}]
        kinds = {r["key"]["type"]: r["key"]["id"] for r in created["resource_references"]}
        assert kinds == {"EXPERIMENT": done.experiment_id,
                         "PIPELINE_VERSION": done.uploaded.version.id}
    seen: list[dict[str, str]] = []
    final = jobs.watch(api, done.run.id, pipeline, done.uploaded.target,
                       lambda run, states: seen.append({k: s.state for k, s in states.items()}),
                       interval=0, sleep=lambda s: None)
    assert final.state == "succeeded"
    ids = task_ids(pipeline)
    history = [s[ids["sum_result"]] for s in seen]
    assert history[0] == "pending" and "running" in history and history[-1] == "succeeded"
    assert history.index("running") > [s[ids["number_1_result"]] for s in seen].index(
        "succeeded")   # the sum starts after its upstream finished
    from designer.cluster.runstate import task_states
    last = task_states(final, pipeline, done.uploaded.target)
    if server.generation == "v1beta1":   # KFP 1 reports output parameters
        assert last[ids["number_1_result"]].outputs == {"Output": "1"}
        assert last[ids["number_2_result"]].outputs == {"Output": "2"}
    else:                                # KFP 2 keeps them in ML Metadata, not in REST
        assert last[ids["number_1_result"]].outputs == {}
    assert all(st.pod for st in last.values())
    log = api.pod_logs(last[ids["sum_result"]].log_ref(final.id))
    assert "sum-and-print-numbers" in log
    sent = server.requests("(KFP UI server, not in the API documents)")[-1].query
    assert sent["runid"] == [final.id] and sent["createdat"] == ["2025-03-01"]
    if server.generation == "v1beta1":      # the workflow's namespace, as the KFP UI sends
        assert sent["podnamespace"] == ["kubeflow"]
        assert sent["podname"] == [last[ids["sum_result"]].pod]
    else:                                   # Argo's pod names v2 (RetrievePodName)
        assert "-system-container-impl-" in sent["podname"][0]
        assert "podnamespace" not in sent    # single-user: none known
    assert jobs.find_or_create_experiment(api, "designer") == done.experiment_id
    assert len(body_of(server, "create_experiment")) == 1


def test_a_failed_task_fails_the_run_and_its_downstream_never_runs(server):
    server.plan.outcome = {"print-and-return-number-2": "failed"}
    api = jobs.open_api(endpoint_for(server))
    pipeline = tutorial()
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS)
    final = jobs.watch(api, done.run.id, pipeline, done.uploaded.target, lambda *a: None,
                       interval=0, sleep=lambda s: None)
    from designer.cluster.runstate import NOT_RUN, task_states
    states = task_states(final, pipeline, done.uploaded.target)
    ids = task_ids(pipeline)
    assert final.state == "failed"
    assert states[ids["number_1_result"]].state == "succeeded"
    assert states[ids["number_2_result"]].state == "failed"
    assert states[ids["number_2_result"]].error
    assert states[ids["sum_result"]].state == "skipped"
    assert states[ids["sum_result"]].error == NOT_RUN


def test_cached_tasks_of_a_kfp1_run(kfp1_server):
    kfp1_server.plan.outcome = {"print-and-return-number": "cached"}
    api = jobs.open_api(endpoint_for(kfp1_server))
    pipeline = tutorial()
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS)
    final = jobs.watch(api, done.run.id, pipeline, "v1", lambda *a: None, interval=0,
                       sleep=lambda s: None)
    from designer.cluster.runstate import task_states
    states = task_states(final, pipeline, "v1")
    ids = task_ids(pipeline)
    assert states[ids["number_1_result"]].state == "cached"
    assert states[ids["number_2_result"]].state == "succeeded"


def test_caching_off_sends_the_spec_with_caching_disabled(server):
    api = jobs.open_api(endpoint_for(server))
    done = jobs.submit(api, tutorial(), TUTORIAL_PARAMS, caching=False)
    created = body_of(server, "create_run")[0]
    if server.generation == "v2beta1":
        tasks = created["pipeline_spec"]["root"]["dag"]["tasks"]
        assert tasks and all(t["cachingOptions"] == {}
                             for t in tasks.values())
        assert "pipeline_version_reference" not in created
        assert [r.id for r in jobs.runs_of(api, "example_pipeline")] == [done.run.id]
    else:
        manifest = json.loads(created["pipeline_spec"]["workflow_manifest"])
        labels = [t["metadata"]["labels"]["pipelines.kubeflow.org/enable_caching"]
                  for t in manifest["spec"]["templates"] if "container" in t]
        assert labels and set(labels) == {"false"}
    assert done.run.id


@pytest.mark.parametrize("schedule", [Schedule(cron="0 0 2 * * *"),
                                      Schedule(interval_seconds=3600, max_concurrency=2)])
def test_recurring_runs(server, schedule):
    api = jobs.open_api(endpoint_for(server))
    done = jobs.submit(api, tutorial(), TUTORIAL_PARAMS, schedule=schedule,
                       experiment="nightly")
    assert done.run is None and done.recurring_id
    body = (body_of(server, "create_recurring_run") or body_of(server, "create_job"))[0]
    if schedule.cron:
        assert body["trigger"] == {"cron_schedule": {"cron": "0 0 2 * * *"}}
    else:
        assert body["trigger"] == {"periodic_schedule": {"interval_second": "3600"}}
        assert body["max_concurrency"] == "2"


def test_bad_input_is_refused_before_anything_is_sent(server):
    api = jobs.open_api(endpoint_for(server))
    before = len(server.log)
    with pytest.raises(InputError) as e:
        jobs.submit(api, tutorial(), {"number_1": "one"})
    assert "number_1" in str(e.value) and "number_2" in str(e.value)
    with pytest.raises(InputError) as e:
        jobs.submit(api, tutorial(), TUTORIAL_PARAMS, schedule=Schedule(cron="0 2 * * *"))
    assert "six fields" in str(e.value)
    assert len(server.log) == before


def test_lists_page_through_next_page_tokens(kfp_server_factory):
    server = kfp_server_factory("v2beta1", max_page_size=2)
    api = jobs.open_api(endpoint_for(server))
    for i in range(5):
        api.create_experiment(f"e{i}")
    assert [e.name for e in api.experiments()] == [f"e{i}" for i in range(5)]
    tokens = [q.get("page_token") for q in query_of(server, "list_experiments")]
    assert tokens == [None, "2", "4"]


def test_runs_of_the_pipeline_and_the_spec_of_an_older_version(server):
    api = jobs.open_api(endpoint_for(server))
    pipeline = tutorial()
    old = jobs.submit(api, pipeline, TUTORIAL_PARAMS, run_name="old")
    pipeline.description = "changed"
    pipeline.tasks.pop()      # the newer version has one task less
    new = jobs.submit(api, pipeline, TUTORIAL_PARAMS, run_name="new")
    assert new.uploaded.version.id != old.uploaded.version.id
    runs = jobs.runs_of(api, "example_pipeline")
    assert [r.name for r in runs] == ["new", "old"]
    spec = api.run_spec(runs[1])
    if server.generation == "v2beta1":
        assert len(spec["root"]["dag"]["tasks"]) == 3
        assert len(api.run_spec(runs[0])["root"]["dag"]["tasks"]) == 2
    else:
        entry = spec["spec"]["entrypoint"]
        dag = next(t for t in spec["spec"]["templates"] if t["name"] == entry)
        assert len(dag["dag"]["tasks"]) == 3


def test_an_unknown_run_is_a_404_with_the_servers_words(server):
    api = jobs.open_api(endpoint_for(server))
    with pytest.raises(ClusterError) as e:
        api.get_run("no-such-run")
    assert e.value.failure == Failure.NOT_FOUND and "no-such-run not found" in str(e.value)


def test_a_spec_with_kubernetes_settings_is_kept_and_sent_as_kfp_keeps_it(kfp_server):
    """A v2 file with a platform spec (a second document): the backend keeps, and the kfp 2
    client sends, ``{"pipeline_spec", "platform_spec"}``; caching off and re-opening work
    with that form."""
    import dataclasses

    from designer.cluster.specs import pipeline_part
    from designer.cluster.reopen import same_pipeline
    pipeline = tutorial()
    task = pipeline.tasks[0]
    task.settings = dataclasses.replace(task.settings, pod_labels={"team": "a"})
    api = jobs.open_api(endpoint_for(kfp_server))
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS, caching=False)
    sent = body_of(kfp_server, "create_run")[0]["pipeline_spec"]
    assert set(sent) == {"pipeline_spec", "platform_spec"}
    assert "kubernetes" in sent["platform_spec"]["platforms"]
    tasks = sent["pipeline_spec"]["root"]["dag"]["tasks"]
    assert all(t["cachingOptions"] == {} for t in tasks.values())
    assert [r.id for r in jobs.runs_of(api, "example_pipeline")] == [done.run.id]
    kept = api.version_spec(done.uploaded.pipeline.id, done.uploaded.version.id)
    assert set(kept) == {"pipeline_spec", "platform_spec"}
    assert pipeline_part(kept)["pipelineInfo"]["name"] == "example-pipeline"
    assert same_pipeline(pipeline, kept, "v2")
    assert not same_pipeline(tutorial(), kept, "v2")
