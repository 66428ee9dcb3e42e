"""Kubeflow from the window, against the contract server: endpoints, upload, a run watched
on the canvas, logs, and runs re-opened. Real clicks and keys on the dialogs; the menus'
actions are triggered (as a click on the menu item does)."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.cluster.endpoints import Endpoint, EndpointStore
from designer.ui.cluster import session as cluster_session
from tests.cluster.conftest import (  # noqa: F401 - fixtures
    isolated_config,
    kfp_server_factory,
    memory_keyring,
)
from tests.cluster.contract_server import Auth
from tests.ui.test_run_gui import close_in_hue, node_pixel_hue

SECRET = "gui-s3cret-9d41b7"


@pytest.fixture
def kwin(window, qtbot, tmp_path, isolated_config, memory_keyring, monkeypatch):  # noqa: F811
    """A window on the tutorial, polling fast, settings and keyring isolated."""
    monkeypatch.setattr(cluster_session, "_SECRETS", None)
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(tmp_path / "cache-root"))
    monkeypatch.setattr(cluster_session, "open_url", lambda url: opened.append(url) or True)
    opened: list[str] = []
    window.files.open_example()
    window.runs.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window.cluster.settings = window.runs.settings
    window.cluster.poll_ms = 20
    window.opened_urls = opened
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    yield window
    for w in [window] + [getattr(window.cluster, "reopened_window", None)]:
        if w is not None and w.cluster.watch is not None:
            w.cluster.watch.stop()


def click(widget):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(line, text: str) -> None:
    line.setFocus()
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClicks(line, text)


def add_endpoint(name: str, url: str, **kw) -> None:
    EndpointStore().put(Endpoint(name, url, **kw))


def test_settings_add_test_and_save_an_endpoint(kwin, qtbot, kfp_server_factory,  # noqa: F811
                                                memory_keyring, isolated_config,  # noqa: F811
                                                isolated_settings):
    server = kfp_server_factory(auth=Auth("bearer", SECRET))
    kwin.cluster.act_settings.trigger()
    dialog = kwin.cluster.dialog
    qtbot.waitUntil(dialog.isVisible)
    click(dialog.add_button)
    type_into(dialog.name, "lab")
    type_into(dialog.url, server.url)
    dialog.auth.setFocus()
    QTest.keyClick(dialog.auth, Qt.Key.Key_Down)        # None -> Bearer token
    assert dialog.auth.currentData() == "bearer"
    assert dialog.secret.isVisible() and not dialog.command.isVisible()
    type_into(dialog.secret, "wrong-token")
    click(dialog.test_button)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=20000)
    assert dialog.result.text().startswith("401 Unauthorized (GET /apis/v2beta1/experiments, "
                                           "sent a bearer token): the bearer token was refused")
    type_into(dialog.secret, SECRET)
    click(dialog.test_button)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=20000)
    assert dialog.result.text() == ("Connected: Kubeflow Pipelines, API v2beta1, single-user; "
                                    "0 experiment(s) visible")
    assert dialog.api_label.text() == "v2beta1"
    click(dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = EndpointStore().get("lab")
    assert (saved.url, saved.auth, saved.api_version) == (server.url, "bearer", "v2beta1")
    assert memory_keyring.store[("kfp-designer", "lab")] == SECRET
    kwin.runs.settings.sync()
    for folder in (isolated_config, isolated_settings):
        for path in (p for p in folder.rglob("*") if p.is_file()):
            assert SECRET.encode() not in path.read_bytes(), path


def test_upload_from_the_pipeline_menu(kwin, qtbot, kfp_server_factory):  # noqa: F811
    server = kfp_server_factory()
    add_endpoint("lab", server.url)
    dialog = kwin.cluster.upload()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name.text() == "example_pipeline"
    type_into(dialog.version, "first")
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: bool(server.requests("upload_pipeline")), timeout=20000)
    qtbot.waitUntil(lambda: "Uploaded example_pipeline" in kwin.statusBar().currentMessage(),
                    timeout=20000)
    dialog = kwin.cluster.upload()
    qtbot.waitUntil(dialog.isVisible)
    click(dialog.new_version)
    type_into(dialog.version, "second")
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: bool(server.requests("upload_pipeline_version")), timeout=20000)
    assert [q.query["name"] for q in server.requests("upload_pipeline_version")] == [["second"]]


def warning_after(button, qtbot, dialogs_script) -> tuple[str, str]:
    """(text, details) of the first warning a click on ``button`` brings."""
    click(button)
    qtbot.waitUntil(lambda: bool(dialogs_script.warnings), timeout=20000)
    _title, text, details = dialogs_script.warnings[0]
    return text, details


def log_of(kwin, qtbot, task_id: str) -> list[str]:
    """The log lines a click on the task's row in the Run panel brings."""
    panel = kwin.runs.panel
    QTest.mouseClick(panel.tasks.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.tasks.visualItemRect(panel.rows[task_id]).center())
    qtbot.waitUntil(lambda: bool(panel.task_lines(task_id)), timeout=20000)
    return panel.task_lines(task_id)


def run_through_dialogs(kwin, qtbot, values: dict[str, str], run_name: str,
                        experiment: str = "", caching: bool = True) -> None:
    kwin.cluster.act_run.trigger()
    params = kwin.cluster.dialog
    qtbot.waitUntil(params.isVisible)
    assert params.intro.text() == "Values of the pipeline's parameters for the run on Kubeflow:"
    for name, text in values.items():
        type_into(params.editors[name].line, text)
    click(params.ok_button)
    qtbot.waitUntil(lambda: kwin.cluster.dialog is not params and kwin.cluster.dialog
                    .isVisible())
    where = kwin.cluster.dialog
    type_into(where.run_name, run_name)
    if experiment:
        type_into(where.experiment.lineEdit(), experiment)
    if not caching:
        click(where.caching)
    click(where.ok_button)


def test_a_run_watched_on_the_canvas(kwin, qtbot, kfp_server_factory):  # noqa: F811
    server = kfp_server_factory()
    server.plan.logs = {"sum-and-print-numbers": "3\nsum printed\n"}
    server.hold = True        # the run stays where it is until the test lets it go
    add_endpoint("lab", server.url)
    run_through_dialogs(kwin, qtbot, {"number_1": "1", "number_2": "2"}, "watched",
                        experiment="gui")
    qtbot.waitUntil(lambda: kwin.cluster.watch is not None and kwin.cluster.watch.polls >= 2,
                    timeout=20000)
    body = [e.body for e in server.log if e.operation.endswith("create_run")][0]
    assert body["display_name"] == "watched"
    assert body["runtime_config"]["parameters"] == {"number_1": 1, "number_2": 2}
    ids = {t.name: t.id for t in kwin.document.pipeline.tasks}
    nodes = kwin.scene.nodes
    assert {nodes[i].run_state for i in ids.values()} == {"pending"}
    server.hold = False
    qtbot.waitUntil(lambda: nodes[ids["sum_result"]].run_state == "running", timeout=20000)
    server.hold = True
    assert nodes[ids["number_1_result"]].run_state == "succeeded"
    assert close_in_hue(node_pixel_hue(kwin, ids["number_1_result"]), "succeeded")
    assert close_in_hue(node_pixel_hue(kwin, ids["sum_result"]), "running")
    panel = kwin.runs.panel
    assert panel.row_texts(ids["sum_result"])[1] == "running"
    link = panel.kubeflow_link
    assert link.isVisible() and f"{server.url}/#/runs/details/" in link.toolTip()
    kwin.setWindowTitle("example_pipeline — run watched on Kubeflow (contract server)")
    kwin.grab().save(str(kwin.runs.settings.fileName()) + ".png")
    server.hold = False
    qtbot.waitUntil(lambda: kwin.cluster.watch.run.done, timeout=20000)
    assert {nodes[i].run_state for i in ids.values()} == {"succeeded"}
    assert panel.status_label.text().startswith("Succeeded in ")
    # the log of a task, on demand: its row picked in the Run panel
    row = panel.rows[ids["sum_result"]]
    rect = panel.tasks.visualItemRect(row)
    QTest.mouseClick(panel.tasks.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.waitUntil(lambda: "sum printed" in panel.task_lines(ids["sum_result"]),
                    timeout=20000)
    assert panel.log_text().splitlines()[-2:] == ["3", "sum printed"]


def test_run_failure_is_red_and_downstream_skipped(kwin, qtbot, kfp_server_factory):  # noqa
    server = kfp_server_factory("v1beta1")
    server.plan.outcome = {"print-and-return-number-2": "failed"}
    server.plan.outputs = {"print-and-return-number": {"Output": "1"}}
    add_endpoint("old", server.url)
    run_through_dialogs(kwin, qtbot, {"number_1": "1", "number_2": "2"}, "v1 run",
                        caching=False)
    qtbot.waitUntil(lambda: kwin.cluster.watch is not None and kwin.cluster.watch.run.done,
                    timeout=20000)
    ids = {t.name: t.id for t in kwin.document.pipeline.tasks}
    nodes = kwin.scene.nodes
    assert nodes[ids["number_2_result"]].run_state == "failed"
    assert nodes[ids["sum_result"]].run_state == "skipped"
    assert nodes[ids["number_1_result"]].run_outputs == {"Output": "1"}   # on its port
    assert close_in_hue(node_pixel_hue(kwin, ids["number_2_result"]), "failed")
    created = [e.body for e in server.log if e.operation.endswith("create_run")][0]
    manifest = json.loads(created["pipeline_spec"]["workflow_manifest"])
    assert any(t.get("metadata", {}).get("labels", {}).get(
        "pipelines.kubeflow.org/enable_caching") == "false" for t in manifest["spec"]["templates"])
    # the failed task's log, asked as the KFP UI asks a KFP 1 run's (the workflow's namespace)
    assert log_of(kwin, qtbot, ids["number_2_result"]) == [
        "print-and-return-number-2: hello from the contract server"]
    sent = server.requests("(KFP UI server, not in the API documents)")[0].query
    assert sent["podnamespace"] == ["kubeflow"] and sent["runid"] == [
        kwin.cluster.watch.run.id]


@pytest.mark.parametrize("generation", ["v2beta1", "v1beta1"])
def test_runs_are_listed_and_reopened_even_of_an_older_version(kwin, qtbot, generation,
                                                               kfp_server_factory):  # noqa
    """Finished runs, listed (a KFP 1 list carries no workflow: the run is read again, not
    shown all skipped), the older one on its own pipeline read back from the endpoint."""
    server = kfp_server_factory(generation)
    add_endpoint("lab", server.url)
    from designer.cluster import jobs
    from designer.inputs import example_path, load_project
    api = jobs.open_api(EndpointStore().get("lab"))
    older = load_project(example_path()).pipeline
    older.tasks.pop()                              # the older version: two tasks
    old = jobs.submit(api, older, {"number_1": 5, "number_2": 6}, run_name="older")
    target = old.uploaded.target
    jobs.watch(api, old.run.id, older, target, lambda *a: None, interval=0)
    current = jobs.submit(api, kwin.document.pipeline, {"number_1": 1, "number_2": 2},
                          run_name="current")
    jobs.watch(api, current.run.id, kwin.document.pipeline, target, lambda *a: None,
               interval=0)
    kwin.cluster.act_runs.trigger()
    dialog = kwin.cluster.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 2, timeout=20000)
    assert [dialog.tree.topLevelItem(i).text(0) for i in range(2)] == ["current", "older"]
    click(dialog.browser_button)
    assert kwin.opened_urls == [f"{server.url}/#/runs/details/{current.run.id}"]
    # the current run: on this window
    click(dialog.open_button)
    qtbot.waitUntil(lambda: kwin.cluster.watch is not None and kwin.cluster.watch.run.done,
                    timeout=20000)
    ids = [t.id for t in kwin.document.pipeline.tasks]
    assert {kwin.scene.nodes[i].run_state for i in ids} == {"succeeded"}
    assert kwin.runs.panel.status_label.text().startswith("Succeeded")
    # the older run: its own pipeline, in a new window
    kwin.cluster.act_runs.trigger()
    dialog = kwin.cluster.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 2, timeout=20000)
    dialog.tree.setFocus()
    QTest.keyClick(dialog.tree, Qt.Key.Key_Down)
    assert dialog.selected().name == "older"
    click(dialog.open_button)
    qtbot.waitUntil(lambda: getattr(kwin.cluster, "reopened_window", None) is not None,
                    timeout=20000)
    other = kwin.cluster.reopened_window
    qtbot.waitUntil(lambda: other.cluster.watch is not None and other.cluster.watch.run.done,
                    timeout=20000)
    assert len(other.document.pipeline.tasks) == 2
    states = {other.scene.nodes[t.id].run_state for t in other.document.pipeline.tasks}
    assert states == {"succeeded"}
    assert len(kwin.document.pipeline.tasks) == 3            # this window is unchanged
    other.document.undo_stack.setClean()
    other.close()


def test_a_missing_secret_is_asked_once_and_kept_for_the_session(kwin, qtbot,
                                                                  kfp_server_factory,  # noqa
                                                                  monkeypatch, dialogs_script):
    server = kfp_server_factory(auth=Auth("bearer", SECRET))
    add_endpoint("sec", server.url, auth="bearer")
    asked = []
    monkeypatch.setattr(cluster_session, "ask_secret",
                        lambda parent, ep, what: asked.append(what) or SECRET)
    for request in ("upload_pipeline", "upload_pipeline_version"):
        dialog = kwin.cluster.upload()
        qtbot.waitUntil(dialog.isVisible)
        click(dialog.ok_button)
        # A failed upload shows a warning: say which, rather than wait out the timeout (one
        # run of ten under load once waited here for the first upload in vain).
        qtbot.waitUntil(lambda: bool(server.requests(request) or dialogs_script.warnings),
                        timeout=20000)
        assert not dialogs_script.warnings, dialogs_script.warnings
    assert asked == ["bearer token"]


def test_a_cluster_failure_is_shown_with_its_reason(kwin, qtbot, dialogs_script):
    add_endpoint("gone", "http://127.0.0.1:9")
    dialog = kwin.cluster.upload()
    qtbot.waitUntil(dialog.isVisible)
    assert warning_after(dialog.ok_button, qtbot, dialogs_script) == (
        "Upload failed.", "connection refused by 127.0.0.1:9: nothing listens there (is the "
        "port-forward or the cluster running?)")
    assert QApplication.activeModalWidget() is None


def test_a_kfp2_run_from_the_cache(kwin, qtbot, kfp_server_factory):  # noqa: F811
    """Every task cached: ML Metadata says so (state CACHED) and keeps the reused output
    parameters, which come onto the ports and the properties pane; a cached task has no pod,
    so its log says why, as the KFP UI does."""
    server = kfp_server_factory()
    server.plan.outcome = {t: "cached" for t in ("print-and-return-number",
                                                 "print-and-return-number-2",
                                                 "sum-and-print-numbers")}
    server.plan.outputs = {"print-and-return-number": {"Output": "1"},
                           "print-and-return-number-2": {"Output": "2"},
                           "sum-and-print-numbers": {"Output": "3"}}
    add_endpoint("lab", server.url)
    run_through_dialogs(kwin, qtbot, {"number_1": "1", "number_2": "2"}, "cached")
    ids = {t.name: t.id for t in kwin.document.pipeline.tasks}
    nodes = kwin.scene.nodes
    qtbot.waitUntil(lambda: kwin.cluster.watch is not None and kwin.cluster.watch.run.done
                    and nodes[ids["sum_result"]].run_outputs == {"Output": "3"},
                    timeout=20000)
    assert {nodes[i].run_state for i in ids.values()} == {"cached"}
    assert nodes[ids["number_1_result"]].run_outputs == {"Output": "1"}
    port = next(p for p in nodes[ids["number_1_result"]].outputs if p.name == "Output")
    assert port.extra == "last run: 1"       # in the output port's tooltip
    assert log_of(kwin, qtbot, ids["sum_result"]) == [
        "This task's outputs were taken from the cache: no pod ran, so there is no log."]
    assert not server.requests("(KFP UI server, not in the API documents)")
    assert server.requests("(MLMD) GetExecutionsByContext")
    kwin.scene.clearSelection()
    nodes[ids["sum_result"]].setSelected(True)
    pane = kwin.panes.properties
    qtbot.waitUntil(lambda: pane.run_label is not None, timeout=20000)
    text = pane.run_label.text().replace("\u200b", "")
    assert text == "cached on Kubeflow\nOutput = 3"


def test_a_reopened_kfp2_run_without_ml_metadata_says_why(kwin, qtbot,
                                                          kfp_server_factory):  # noqa: F811
    """The endpoint is the API server alone (no /ml_metadata route): the states still come
    from the run, the status bar and the properties pane say why no outputs are shown."""
    server = kfp_server_factory()
    server.serves_ui = False
    server.plan.outputs = {"sum-and-print-numbers": {"Output": "3"}}
    add_endpoint("lab", server.url)
    from designer.cluster import jobs
    api = jobs.open_api(EndpointStore().get("lab"))
    done = jobs.submit(api, kwin.document.pipeline, {"number_1": 1, "number_2": 2},
                       run_name="finished")
    jobs.watch(api, done.run.id, kwin.document.pipeline, "v2", lambda *a: None, interval=0)
    kwin.cluster.act_runs.trigger()
    dialog = kwin.cluster.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=20000)
    click(dialog.open_button)
    qtbot.waitUntil(lambda: kwin.cluster.watch is not None and bool(kwin.cluster.watch.mlmd_error),
                    timeout=20000)
    ids = {t.name: t.id for t in kwin.document.pipeline.tasks}
    assert {kwin.scene.nodes[i].run_state for i in ids.values()} == {"succeeded"}
    assert kwin.scene.nodes[ids["sum_result"]].run_outputs == {}
    message = kwin.statusBar().currentMessage()
    assert message.startswith("Kubeflow: output parameters and cache states are not shown: "
                              "ML Metadata is not served at ")
    kwin.scene.clearSelection()
    kwin.scene.nodes[ids["sum_result"]].setSelected(True)
    pane = kwin.panes.properties
    qtbot.waitUntil(lambda: pane.run_label is not None, timeout=20000)
    assert "Output parameters: not read from ML Metadata: ML Metadata is not served at" in \
        pane.run_label.text().replace("\u200b", "")


def test_a_recurring_run_from_the_same_dialog(kwin, qtbot, kfp_server_factory):  # noqa: F811
    """A cron schedule (six fields, seconds first; a five-field one is refused in the
    dialog), then an interval, each made a recurring run of a newly uploaded version."""
    server = kfp_server_factory("v1beta1")
    add_endpoint("old", server.url)
    for kind in ("cron", "interval"):
        kwin.cluster.act_run.trigger()
        params = kwin.cluster.dialog
        qtbot.waitUntil(params.isVisible)
        for name, text in {"number_1": "1", "number_2": "2"}.items():
            type_into(params.editors[name].line, text)
        click(params.ok_button)
        qtbot.waitUntil(lambda: kwin.cluster.dialog is not params and kwin.cluster.dialog
                        .isVisible())
        where = kwin.cluster.dialog
        type_into(where.run_name, f"nightly {kind}")
        where.recurring.setFocus()
        QTest.keyClick(where.recurring, Qt.Key.Key_Space)     # the group's check box
        assert where.recurring.isChecked()
        if kind == "cron":
            type_into(where.cron, "30 2 * * *")
            click(where.ok_button)
            assert where.isVisible() and "six fields" in where.error.text()
            type_into(where.cron, "0 30 2 * * *")
        else:
            click(where.by_interval)
            type_into(where.interval.lineEdit(), "600")
        click(where.ok_button)
        qtbot.waitUntil(lambda: "Recurring run" in kwin.statusBar().currentMessage(),
                        timeout=20000)
    jobs = [e.body for e in server.log if e.operation.endswith("create_job")]
    assert [j["name"] for j in jobs] == ["nightly cron", "nightly interval"]
    assert jobs[0]["trigger"] == {"cron_schedule": {"cron": "0 30 2 * * *"}}
    assert jobs[1]["trigger"] == {"periodic_schedule": {"interval_second": "600"}}
    assert not [e for e in server.log if e.operation.endswith("create_run")]


def test_a_run_whose_pipeline_cannot_be_recreated_is_refused_with_why(kwin, qtbot,
                                                                      kfp_server_factory,
                                                                      dialogs_script):  # noqa
    """The older version was changed by hand after kfp wrote it: the designer does not show
    the run on a pipeline that differs from the one it ran, and says where it differs."""
    server = kfp_server_factory()
    add_endpoint("lab", server.url)
    from designer.cluster import jobs
    from designer.inputs import example_path, load_project
    api = jobs.open_api(EndpointStore().get("lab"))
    older = load_project(example_path()).pipeline
    older.tasks.pop()
    old = jobs.submit(api, older, {"number_1": 5, "number_2": 6}, run_name="edited")
    spec = server.versions[-1]["spec"]
    spec["root"]["dag"]["tasks"]["print-and-return-number"]["cachingOptions"] = {
        "enableCache": "sometimes"}                 # not what kfp (or the designer) writes
    kwin.cluster.act_runs.trigger()
    dialog = kwin.cluster.dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=20000)
    assert warning_after(dialog.open_button, qtbot, dialogs_script) == (
        "Opening the run failed.", "cannot open the KFP v2 pipeline of the run edited: the "
        "designer cannot re-create it exactly (it differs in root.dag.tasks"
        ".print-and-return-number.cachingOptions.enableCache)")
    assert getattr(kwin.cluster, "reopened_window", None) is None
    assert old.run.id and QApplication.activeModalWidget() is None


def test_opening_a_window_does_not_probe_the_keyring(make_window, qtbot, monkeypatch):
    from designer.cluster import secrets as secrets_module
    probes: list[int] = []
    monkeypatch.setattr(cluster_session, "_SECRETS", None)
    monkeypatch.setattr(secrets_module, "_usable_keyring", lambda: probes.append(1))
    window = make_window()
    qtbot.waitUntil(lambda: window._runs is not None)   # the cluster session is made
    assert window.cluster.secrets is not None
    assert probes == []
