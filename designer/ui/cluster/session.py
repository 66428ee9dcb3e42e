"""The window's Kubeflow side: menus, endpoints, upload, remote runs and their states.

    window.cluster = ClusterSession(window)      # made with window.runs (main_window.py)

A remote run is followed by polling (``RemoteWatch``): every answer becomes the same
signals a local run gives (``window.runs.task_state`` / ``task_outputs``), so node colours,
output ports and the properties pane work as for local runs, and the Run panel shows its
tasks, a link to the run in the KFP UI, and a task's log when its row is picked.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from designer.cluster.api import KfpApi, RemoteRun
from designer.cluster.endpoints import Endpoint, EndpointStore
from designer.cluster.errors import ClusterError
from designer.cluster.jobs import observe
from designer.cluster.runstate import TaskState, executor_templates, task_states
from designer.cluster.secrets import Secrets
from designer.ir import Pipeline, errors
from designer.ui import dialogs
from designer.ui.cluster.worker import call_async, message_of

if TYPE_CHECKING:
    from designer.ui.main_window import MainWindow

POLL_MS = 3000
SETTINGS_KEY = "kubeflow/last-endpoint"     # a name, never a secret
_SECRETS: Secrets | None = None              # one per app session, shared by the windows


def app_secrets() -> Secrets:
    global _SECRETS
    if _SECRETS is None:
        _SECRETS = Secrets()
    return _SECRETS


def ask_secret(parent: QWidget, endpoint: Endpoint, what: str) -> str | None:
    """Asks a token or cookie (never echoed); tests replace this function."""
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("KubeflowSecret", "Kubeflow endpoint {name}")
        .format(name=endpoint.name),
        QCoreApplication.translate("KubeflowSecret", "The secret for {url} ({what}):")
        .format(what=what, url=endpoint.url), QLineEdit.EchoMode.Password)
    return text if ok and text else None


def open_url(url: str) -> bool:
    """Opens a link in the browser (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl(url))


def _seconds(start: str, end: str) -> float | None:
    try:
        a = datetime.fromisoformat(start.replace("Z", "+00:00"))
        b = datetime.fromisoformat(end.replace("Z", "+00:00"))
    except ValueError:
        return None
    return max((b - a).total_seconds(), 0.0) if a.year > 1970 and b.year > 1970 else None


class RemoteWatch(QObject):
    """Follows one remote run in one window until it ends (or ``stop``)."""

    def __init__(self, session: ClusterSession, window: MainWindow, api: KfpApi,
                 run: RemoteRun, pipeline: Pipeline, target: str):
        super().__init__(session)
        from designer.ui.run.controller import RunInfo, TaskRun
        self.session, self.window, self.api = session, window, api
        self.run, self.pipeline, self.target = run, pipeline, target
        self.states: dict[str, TaskState] = {}
        # the pod names of KFP 2 tasks need the compiled pipeline: compiled once, not per poll
        self.templates = executor_templates(pipeline) if target == "v2" else {}
        self.logs_done: set[str] = set()
        self.mlmd_error = ""            # the last reason ML Metadata could not be read
        self.finished = False
        self.stopped = False
        self.polls = 0
        self.timer = QTimer(self)       # dies with the watch (a closed window)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)
        self.info = RunInfo(f"{pipeline.name} @ {api.conn.endpoint.name}", {})
        for task in pipeline.topological_tasks():
            self.info.order.append(task.id)
            self.info.tasks[task.id] = TaskRun(task.id, task.name)
        runs = window.runs
        runs.panel.begin(self.info)
        for task_id in window.document.task_ids():
            runs.task_state.emit(task_id, "pending" if task_id in self.info.tasks else "", "")
            runs.task_outputs.emit(task_id, {})
        self.link = session.run_link_label(window)
        url = api.conn.endpoint.run_link(run.id)
        self.link.setText(f'<a href="{url}">{self.tr("Open in Kubeflow")}</a>')
        self.link.setToolTip(url)
        self.link.show()
        runs.panel.task_selected.connect(self.fetch_log)
        runs.dock.show()
        runs.dock.raise_()
        self.update(run, task_states(run, pipeline, target, self.templates))
        if target == "v2":
            self.read_mlmd()     # outputs and cache state (a finished run is not polled)

    def read_mlmd(self) -> None:
        """The run as it was given, with what ML Metadata adds, read off the GUI thread."""
        api, run, pipeline, target = self.api, self.run, self.pipeline, self.target
        templates = self.templates

        def done(states: dict[str, TaskState]) -> None:
            if self.run is run:          # no newer poll has answered meanwhile
                self.update(run, states)

        call_async(self, lambda: observe(api, run, pipeline, target, templates), done,
                   self.failed)

    def schedule(self) -> None:
        if not self.stopped and not self.run.done:
            self.timer.start(self.session.poll_ms)

    def poll(self) -> None:
        if self.stopped:
            return
        api, run_id, pipeline, target = self.api, self.run.id, self.pipeline, self.target
        templates = self.templates

        def fetch():
            run = api.get_run(run_id)
            return run, observe(api, run, pipeline, target, templates)

        call_async(self, fetch, lambda r: self.update(*r), self.failed)

    def failed(self, error: Exception) -> None:
        self.window.statusBar().showMessage(
            self.tr("Kubeflow: {message}").format(message=message_of(error)), 10000)
        self.schedule()   # a passing network failure: try again

    def update(self, run: RemoteRun, states: dict[str, TaskState]) -> None:
        if self.stopped:
            return
        self.polls += 1
        self.run = run
        runs = self.window.runs
        for task_id, st in states.items():
            old = self.states.get(task_id)
            task = self.info.tasks.get(task_id)
            if task is None or (old is not None and old == st):
                continue
            task.state, task.error, task.outputs = st.state, st.error or None, dict(st.outputs)
            if st.state == "running" and task.started is None:
                task.started = time.monotonic()
            task.duration = _seconds(st.started, st.finished)
            runs.task_state.emit(task_id, st.state, st.error)
            runs.task_outputs.emit(task_id, dict(st.outputs))
            runs.panel.set_task_state(task_id)
        self.states = states
        problem = next((st.mlmd_error for st in states.values() if st.mlmd_error), "")
        if problem and problem != self.mlmd_error:
            self.window.statusBar().showMessage(self.tr(
                "Kubeflow: output parameters and cache states are not shown: {message}")
                .format(message=problem), 10000)
        self.mlmd_error = problem
        runs.results_changed.emit(self._results())
        if run.done and not self.finished:     # once (ML Metadata may answer after it)
            self.finished = True
            self.info.status = run.state if run.state in ("succeeded", "failed") else (
                "cancelled")
            self.info.duration = _seconds(run.created, run.finished)
            self.info.error = run.error or None
            runs.panel.finish(self.info)
            from designer.ui.run.states import state_label
            self.window.statusBar().showMessage(self.tr("The Kubeflow run {name}: {state}.")
                                                .format(name=run.name,
                                                        state=state_label(run.state)), 10000)
        self.schedule()

    def _results(self) -> dict[str, str]:
        from designer.ui.run.panel import outputs_text
        from designer.ui.run.states import state_label
        texts = {}
        for task_id, task in self.info.tasks.items():
            text = self.tr("{state} on Kubeflow").format(state=state_label(task.state))
            if task.error:
                text += f"\n{task.error}"
            st = self.states.get(task_id)
            if task.outputs:
                text += "\n" + outputs_text(task.outputs)
            elif st is not None and st.several:
                text += "\n" + self.tr("Output parameters: ML Metadata holds several "
                                       "executions of this task (a loop's iterations), so "
                                       "they are not shown.")
            elif st is not None and st.mlmd_error and task.state in ("succeeded", "cached"):
                text += "\n" + self.tr("Output parameters: not read from ML Metadata: "
                                       "{message}").format(message=st.mlmd_error)
            texts[task_id] = text
        return texts

    def fetch_log(self, task_id: str) -> None:
        st = self.states.get(task_id)
        task = self.info.tasks.get(task_id)
        if self.stopped or st is None or task is None or task_id in self.logs_done:
            return
        ref = st.log_ref(self.run.id)
        panel = self.window.runs.panel
        if ref is None:
            if st.state == "cached":     # as the KFP UI says it; no pod ran
                self.logs_done.add(task_id)
                panel.append_logs([(task_id, task.name, "stdout", self.tr(
                    "This task's outputs were taken from the cache: no pod ran, so there is "
                    "no log."))])
                panel.flush_logs()
            return
        if st.state in ("succeeded", "failed", "cached", "skipped"):
            self.logs_done.add(task_id)

        def show(text: str) -> None:
            panel.append_logs([(task_id, task.name, "stdout", line)
                               for line in text.splitlines()])
            panel.flush_logs()

        def failed(error: Exception) -> None:
            self.logs_done.discard(task_id)
            panel.append_logs([(task_id, task.name, "stderr", self.tr(
                "the log is not available: {message}").format(message=message_of(error)))])
            panel.flush_logs()

        call_async(self, lambda: self.api.pod_logs(ref), show, failed)

    def stop(self) -> None:
        import shiboken6
        self.stopped = True
        if not shiboken6.isValid(self):    # its window is already gone
            return
        self.timer.stop()
        try:
            self.window.runs.panel.task_selected.disconnect(self.fetch_log)
        except (RuntimeError, TypeError):
            pass


class ClusterSession(QObject):
    def __init__(self, window: MainWindow, store: EndpointStore | None = None,
                 secrets: Secrets | None = None, settings: QSettings | None = None):
        super().__init__(window)
        self.window = window
        self.store = store or EndpointStore()
        self.secrets = secrets or app_secrets()
        self.settings = settings
        self.poll_ms = POLL_MS
        self.watch: RemoteWatch | None = None
        self.dialog = None
        self._build_actions()
        window.document.reset.connect(self.stop_watching)

    # --- menus ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        w = self.window

        def action(slot: Callable[[], Any]) -> QAction:
            act = QAction("", w)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.act_settings = action(self.edit_endpoints)
        self.act_upload = action(self.upload)
        self.act_run = action(self.run_remote)
        self.act_runs = action(self.show_runs)
        menu = getattr(w, "pipeline_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.act_upload)
        run_menu = w.runs.menu
        run_menu.insertSeparator(run_menu.actions()[-1])
        run_menu.insertActions(run_menu.actions()[-2], [self.act_run, self.act_runs])
        self.settings_menu = w.menuBar().addMenu("")
        self.settings_menu.addAction(self.act_settings)
        self.retranslate()

    def retranslate(self) -> None:
        """Menu and actions in the current language (the window calls this on a change)."""
        from designer.ui.main_window import plain
        for act, text, tip in (
                (self.act_settings, self.tr("&Kubeflow…"),
                 self.tr("Kubeflow Pipelines endpoints: URL, authentication, TLS")),
                (self.act_upload, self.tr("&Upload to Kubeflow…"),
                 self.tr("Upload the compiled pipeline to a Kubeflow endpoint")),
                (self.act_run, self.tr("Run on &Kubeflow…"),
                 self.tr("Upload the pipeline and start a run on Kubeflow")),
                (self.act_runs, self.tr("Kubeflow R&uns…"),
                 self.tr("The runs of this pipeline on Kubeflow; re-open one"))):
            act.setText(text)
            act.setIconText(plain(text))
            act.setStatusTip(tip)
            act.setToolTip(tip)
        self.settings_menu.setTitle(self.tr("&Settings"))

    # --- endpoints ------------------------------------------------------------------------

    def endpoints(self) -> list[Endpoint]:
        try:
            return self.store.load()
        except ClusterError as e:
            dialogs.warn(self.window, self.tr("Kubeflow"), self.tr("The endpoints cannot be "
                                                                   "read."), str(e))
            return []

    def last_endpoint(self) -> str:
        return str(self._settings().value(SETTINGS_KEY, "") or "")

    def _settings(self) -> QSettings:
        if self.settings is None:
            from designer.ui.run.dialog import default_settings
            self.settings = default_settings()
        return self.settings

    def edit_endpoints(self):
        from designer.ui.cluster.settings import EndpointsDialog
        dialog = EndpointsDialog(self.store, self.secrets, self.window)
        self._open(dialog)
        return dialog

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _need_endpoints(self) -> list[Endpoint] | None:
        endpoints = self.endpoints()
        if not endpoints:
            self.window.statusBar().showMessage(
                self.tr("Add a Kubeflow endpoint first (Settings ▸ Kubeflow…)."), 8000)
            self.edit_endpoints()
            return None
        return endpoints

    def with_api(self, name: str, work: Callable[[KfpApi], Any],
                 done: Callable[[Any], None], what: str) -> None:
        """Runs ``work(api)`` on a worker thread, asking a missing secret first (here, on
        the GUI thread); a failure is shown as ``what`` failed, with the reason."""
        try:
            endpoint = self.store.get(name)
        except ClusterError as e:
            self._failed(what, e)
            return
        if endpoint.needs_secret and not self.secrets.get(endpoint.name):
            what = (self.tr("session cookie") if endpoint.auth == "cookie"
                    else self.tr("bearer token"))
            secret = ask_secret(self.window, endpoint, what)
            if secret:
                self.secrets.put(endpoint.name, secret, remember=False)
        self._settings().setValue(SETTINGS_KEY, name)
        from designer.cluster.jobs import open_api
        secrets = self.secrets
        call_async(self, lambda: work(open_api(endpoint, secrets)), done,
                   lambda e: self._failed(what, e))
        self.window.statusBar().showMessage(self.tr("Kubeflow: {what}…").format(what=what))

    def _failed(self, what: str, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        dialogs.warn(self.window, self.tr("Kubeflow"), self.tr("{what} failed.").format(
            what=what), message_of(error))

    def _checked_pipeline(self) -> Pipeline | None:
        pipeline = self.window.document.pipeline
        return pipeline if self.window.runs._runnable(pipeline) else None

    # --- upload ---------------------------------------------------------------------------

    def upload(self):
        endpoints = self._need_endpoints()
        pipeline = self._checked_pipeline() if endpoints else None
        if pipeline is None:
            return None
        from designer.ui.cluster.dialogs import UploadDialog
        dialog = UploadDialog(pipeline, endpoints, self.last_endpoint(), self.window)
        dialog.accepted.connect(lambda: self._upload(pipeline, dialog.choices()))
        self._open(dialog)
        return dialog

    def _upload(self, pipeline: Pipeline, c: dict) -> None:
        from designer.cluster.jobs import upload

        def done(result) -> None:
            kind = self.tr("a new pipeline") if result.new_pipeline else self.tr("a new version")
            self.last_upload = result
            self.window.statusBar().showMessage(self.tr(
                "Uploaded {name} to {endpoint} as {kind} ({version}).").format(
                name=result.pipeline.name, endpoint=c["endpoint"], kind=kind,
                version=result.version.name), 10000)

        self.with_api(c["endpoint"], lambda api: upload(
            api, pipeline, name=c["name"], description=c["description"], version=c["version"],
            target=c["target"], new_pipeline=c["new_pipeline"]), done, self.tr("Upload"))

    # --- run ------------------------------------------------------------------------------

    def run_remote(self):
        """Parameter values (the local run's dialog), then where and how; then start."""
        endpoints = self._need_endpoints()
        pipeline = self._checked_pipeline() if endpoints else None
        if pipeline is None:
            return None
        if not pipeline.params:
            return self._ask_where(pipeline, {}, endpoints)
        from designer.ui.run.dialog import RunParamsDialog
        doc = self.window.document
        dialog = RunParamsDialog(pipeline, doc.path or f"untitled:{pipeline.name}",
                                 self.window.runs.settings, self.window)
        dialog.intro.setText(self.tr("Values of the pipeline's parameters for the run on "
                                     "Kubeflow:"))
        dialog.ok_button.setText(self.tr("Next…"))
        dialog.accepted.connect(lambda: self._ask_where(pipeline, dialog.values(), endpoints))
        self._open(dialog)
        return dialog

    def _ask_where(self, pipeline: Pipeline, params: dict, endpoints: list[Endpoint]):
        from designer.ui.cluster.dialogs import ClusterRunDialog
        dialog = ClusterRunDialog(pipeline, endpoints, self.last_endpoint(), parent=self.window)
        dialog.accepted.connect(lambda: self._submit(pipeline, params, dialog.choices()))
        self._open(dialog)
        self._fill_experiments(dialog)
        return dialog

    def _fill_experiments(self, dialog) -> None:
        name = dialog.endpoint.currentData()
        try:
            endpoint = self.store.get(name)
        except ClusterError:
            return
        if endpoint.needs_secret and not self.secrets.get(name):
            return    # asked when the run starts, not for a list
        from designer.cluster.jobs import open_api
        secrets = self.secrets

        def names():
            return sorted({e.name for e in open_api(endpoint, secrets).experiments()})

        def show(found: list[str]) -> None:
            try:
                dialog.set_experiments(found)
            except RuntimeError:   # the dialog is gone
                pass

        call_async(self, names, show, lambda e: None)

    def _submit(self, pipeline: Pipeline, params: dict, c: dict) -> None:
        from designer.cluster.jobs import submit

        def done(result) -> None:
            self.last_submitted = result
            if result.run is None:
                self.window.statusBar().showMessage(self.tr(
                    "Recurring run {id} created on {endpoint}.").format(
                    id=result.recurring_id, endpoint=c["endpoint"]), 10000)
                return
            self.follow(self._api_of(result), result.run, pipeline, result.uploaded.target)

        def work(api):
            result = submit(api, pipeline, params, run_name=c["run_name"],
                            experiment=c["experiment"], caching=c["caching"],
                            schedule=c["schedule"], target=c["target"])
            result.api = api
            return result

        self.with_api(c["endpoint"], work, done, self.tr("Starting the run"))

    @staticmethod
    def _api_of(result) -> KfpApi:
        return result.api

    # --- following runs ---------------------------------------------------------------------

    def run_link_label(self, window: MainWindow) -> QLabel:
        """The "Open in Kubeflow" link in the window's Run panel (made once)."""
        panel = window.runs.panel
        label = getattr(panel, "kubeflow_link", None)
        if label is None:
            label = QLabel()
            label.setObjectName("kubeflow-link")
            label.linkActivated.connect(open_url)
            panel.layout().itemAt(0).layout().insertWidget(1, label)
            panel.kubeflow_link = label
        return label

    def follow(self, api: KfpApi, run: RemoteRun, pipeline: Pipeline, target: str,
               window: MainWindow | None = None) -> RemoteWatch:
        window = window or self.window
        cluster = window.cluster
        cluster.poll_ms = self.poll_ms
        if cluster.watch is not None:
            cluster.watch.stop()
        cluster.watch = RemoteWatch(cluster, window, api, run, pipeline, target)
        return cluster.watch

    def stop_watching(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
        link = getattr(self.window.runs.panel, "kubeflow_link", None)
        if link is not None:
            link.hide()

    # --- runs of this pipeline, re-opened -----------------------------------------------------

    def show_runs(self):
        endpoints = self._need_endpoints()
        if not endpoints:
            return None
        from designer.ui.cluster.runs import RunsDialog
        dialog = RunsDialog(self, endpoints, self.last_endpoint(), self.window)
        self._open(dialog)
        dialog.refresh()
        return dialog

    def reopen(self, endpoint: str, run: RemoteRun) -> None:
        """Shows ``run`` on the canvas: on this document when it is the pipeline the run
        ran, else on a new window holding the run's own pipeline (an older version). The run
        is read again first: a listed run does not say what its tasks did."""
        from designer.cluster.reopen import fresh_run

        def work(api):     # the open pipeline is compared on this thread, below
            return (api, *fresh_run(api, run.id))

        self.with_api(endpoint, work, lambda r: self._reopened(*r), self.tr("Opening the run"))

    def _reopened(self, api: KfpApi, run: RemoteRun, spec: dict) -> None:
        from designer.cluster.reopen import pipeline_of_run, same_pipeline
        from designer.ir import InputError
        target = api.target
        pipeline = self.window.document.pipeline
        if not errors(pipeline) and same_pipeline(pipeline, spec, target):
            self.follow(api, run, pipeline, target)
            return
        try:
            other = pipeline_of_run(spec, target, f"the run {run.name or run.id}")
        except InputError as e:
            self._failed(self.tr("Opening the run"), e)
            return
        from designer.persist import Project
        from designer.ui.file_actions import with_layout
        from designer.ui.main_window import new_window
        window = new_window()
        window.document.load(with_layout(Project(other, {})), None)
        window.files.untitled_name = f"{other.name}-{run.id[:8]}.kfpd"
        window.view.fit()
        self.reopened_window = window
        self.follow(api, run, window.document.pipeline, target, window)
