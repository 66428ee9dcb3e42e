"""Runs re-opened from the CLI (``kfp-designer runs``) and by ``designer.cluster.reopen``:
a finished run of an older version shows on the pipeline it ran, read back exactly from
the endpoint (v1: the Argo workflow of its version's template or its manifest; v2: its
PipelineSpec), and a listed run is read again before its tasks are shown."""
from __future__ import annotations

import copy

import pytest

from designer.cli import main
from designer.cluster import jobs
from designer.cluster.endpoints import EndpointStore
from designer.cluster.reopen import pipeline_of_run, reopen, same_pipeline
from designer.cluster.runstate import task_states
from designer.ir import InputError
from designer.persist import load

from .helpers import TUTORIAL_PARAMS, endpoint_for, tutorial


@pytest.fixture(params=["v2beta1", "v1beta1"])
def server(request, kfp_server_factory):
    return kfp_server_factory(request.param)


def older_pipeline():
    older = tutorial()
    older.tasks.pop()              # the older version: two tasks, no sum
    older.description = "the older version"
    return older


def finished(api, pipeline, name, **kw):
    done = jobs.submit(api, pipeline, TUTORIAL_PARAMS, run_name=name, **kw)
    jobs.watch(api, done.run.id, pipeline, done.uploaded.target, lambda *a: None,
               interval=0, sleep=lambda s: None)
    return done.run.id


def test_a_listed_run_says_nothing_of_its_tasks_until_read_again(server):
    """The bug of finished KFP 1 runs shown with every task skipped: a listed run carries
    no workflow; its tasks stay unknown, and re-opening reads the run again."""
    api = jobs.open_api(endpoint_for(server))
    pipeline = tutorial()
    run_id = finished(api, pipeline, "done")
    listed = jobs.runs_of(api, "example_pipeline")[0]
    assert listed.id == run_id and listed.done
    if server.generation == "v1beta1":
        assert not listed.has_details
        assert {s.state for s in task_states(listed, pipeline, "v1").values()} == {"pending"}
    found = reopen(api, listed.id, pipeline)
    assert found.same and found.pipeline is pipeline and found.run.has_details
    assert {s.state for s in task_states(found.run, pipeline, api.target).values()} == \
        {"succeeded"}


@pytest.mark.parametrize("caching", [True, False])
def test_a_run_of_an_older_version_reopens_on_its_own_pipeline(server, caching):
    api = jobs.open_api(endpoint_for(server))
    old_id = finished(api, older_pipeline(), "older", caching=caching)
    finished(api, tutorial(), "current")
    found = reopen(api, old_id, tutorial())
    assert not found.same
    assert len(found.pipeline.tasks) == 2       # a compiled spec keeps no variable names
    assert found.pipeline.description == "the older version"
    assert same_pipeline(found.pipeline, found.spec, api.target)
    states = task_states(found.run, found.pipeline, api.target)
    assert {s.state for s in states.values()} == {"succeeded"}


def test_what_cannot_be_recreated_exactly_is_refused(server):
    api = jobs.open_api(endpoint_for(server))
    old_id = finished(api, older_pipeline(), "older")
    spec = copy.deepcopy(reopen(api, old_id).spec)
    if server.generation == "v1beta1":
        spec["spec"]["templates"][0].setdefault("metadata", {})["labels"] = {"hand": "edit"}
        with pytest.raises(InputError) as e:
            pipeline_of_run(spec, "v1", "the run older")
        assert str(e.value) == ("cannot open the KFP v1 pipeline of the run older: the designer "
                                "cannot re-create it exactly (it differs in spec.templates[0]"
                                ".metadata)")
    else:
        spec["root"]["dag"]["tasks"]["print-and-return-number"]["cachingOptions"] = {
            "enableCache": "sometimes"}
        with pytest.raises(InputError) as e:
            pipeline_of_run(spec, "v2", "the run older")
        assert "the run older" in str(e.value)


def test_cli_lists_runs_and_reopens_an_older_one(isolated_config, server, capsys, tmp_path):
    assert main(["endpoints", "add", "lab", server.url]) == 0
    api = jobs.open_api(EndpointStore().get("lab"))
    old_id = finished(api, older_pipeline(), "older")
    assert main(["submit", "--example", "--endpoint", "lab", "-p", "number_1=1", "-p",
                 "number_2=2", "--run-name", "current", "--watch", "--poll", "0"]) == 0
    capsys.readouterr()
    assert main(["runs", "--example", "--endpoint", "lab"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split("\t")[1:3] for ln in lines[:2]] == [["current", "succeeded"],
                                                         ["older", "succeeded"]]
    assert lines[2] == "2 run(s) of example_pipeline on lab"
    current_id = lines[0].split("\t")[0]
    saved = tmp_path / "older.kfpd"
    assert main(["runs", "--example", "--endpoint", "lab", "--open", old_id,
                 "--save", str(saved)]) == 0
    out = capsys.readouterr().out.splitlines()
    # a v2 spec keeps the name kfp gave it (``pipelineInfo.name``), a v1 workflow the name
    named = "example-pipeline" if server.generation == "v2beta1" else "example_pipeline"
    assert out[0] == (f"run older [{old_id}]: succeeded, on its own pipeline {named} "
                      "(read back from the endpoint, not the given one): "
                      f"{server.url}/#/runs/details/{old_id}")
    project = load(saved)
    names = [t.name for t in project.pipeline.tasks]
    assert len(names) == 2 and project.pipeline.description == "the older version"
    assert out[1:] == [f"the run's pipeline is saved in {saved}"] + [
        f"[{name}] succeeded" for name in names]
    assert main(["runs", "--example", "--endpoint", "lab", "--open", current_id]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"run current [{current_id}]: succeeded, on the given pipeline")
    assert len(out) == 4 and out[-1] == "[sum_result] succeeded"


def test_cli_reopens_a_running_run_and_watches_it(isolated_config, kfp_server, capsys):
    kfp_server.plan.outcome = {"sum-and-print-numbers": "failed"}
    assert main(["endpoints", "add", "lab", kfp_server.url]) == 0
    api = jobs.open_api(EndpointStore().get("lab"))
    run = jobs.submit(api, tutorial(), TUTORIAL_PARAMS, run_name="going").run
    capsys.readouterr()
    assert main(["runs", "--endpoint", "lab", "--open", run.id, "--watch", "--poll", "0"]) == 1
    out = capsys.readouterr().out
    assert "on its own pipeline example-pipeline (read back from the endpoint)" in out
    # no pipeline given: the tasks are named as read back from the spec
    assert "[sum_and_print_numbers] failed: task failed: exit status 1" in out
    assert out.rstrip().endswith("run failed")
    assert main(["runs", "--endpoint", "lab"]) == 2
    assert "give INPUT (or --example), --name or --open" in capsys.readouterr().err
    assert main(["runs", "--example", "--endpoint", "lab", "--save", "x.kfpd"]) == 2
    assert "--save, --watch and --log go with --open RUN_ID" in capsys.readouterr().err


def test_cli_prints_a_tasks_log_as_the_kfp_ui_fetches_it(isolated_config, kfp_server_factory,
                                                         capsys):
    server = kfp_server_factory("v1beta1")
    server.plan.logs = {"sum-and-print-numbers": "3\n"}
    server.plan.outcome = {"print-and-return-number-2": "failed"}
    assert main(["endpoints", "add", "old", server.url]) == 0
    api = jobs.open_api(EndpointStore().get("old"))
    run_id = finished(api, tutorial(), "logs")
    capsys.readouterr()
    assert main(["runs", "--example", "--endpoint", "old", "--open", run_id,
                 "--log", "number_2_result"]) == 1          # the run failed
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("--- log of number_2_result (pod ") and \
        out[-1] == "print-and-return-number-2: hello from the contract server"
    sent = server.requests("(KFP UI server, not in the API documents)")[-1].query
    assert sent["runid"] == [run_id] and sent["podnamespace"] == ["kubeflow"]
    assert main(["runs", "--example", "--endpoint", "old", "--open", run_id,
                 "--log", "sum_result"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == \
        "[sum_result] no log: it is skipped and no pod ran it"
    assert main(["runs", "--example", "--endpoint", "old", "--open", run_id,
                 "--log", "nope"]) == 2
    assert "the run's pipeline has no such task (its tasks: number_1_result, " \
        "number_2_result, sum_result)" in capsys.readouterr().err
