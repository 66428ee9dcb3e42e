"""Local runs inside the main window: the Run menu (F5, Stop, Re-run), the run panel dock,
node colours by task state and run values on output ports and in the properties pane.

    window.runs = RunSession(window)      # main_window.py, after its menus exist

The session never touches the canvas or the panes: it says what a run did through its
signals (``task_state``, ``task_outputs``, ``results_changed``, ``show_task``) and the
window connects them to the scene and the properties pane.

F5 checks the pipeline, asks the parameter values (a window-modal dialog, so the window
keeps painting) and starts a RunController; from then on every state change colours
its node and every produced value lands on its node's output ports. Closing the window
stops the run; opening another document stops it too and forgets its colours.
"""
from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from designer.ir import Pipeline, errors
from designer.ir.graph import downstream_edges, reachable
from designer.runner import RunOptions
from designer.runner.local_settings import needs_env_file
from designer.ui import dialogs
from designer.ui.messages import diagnostic_text
from designer.ui.run.controller import DONE_STATES, RunController, RunInfo, TaskRun
from designer.ui.run.dialog import RunParamsDialog, default_settings
from designer.ui.run.panel import RunPanel, format_duration, outputs_text
from designer.ui.run.states import state_label
from designer.ui.run.step_bar import BREAKPOINT_SHORTCUT, CONTINUE_SHORTCUT, STEP_SHORTCUT

if TYPE_CHECKING:
    from designer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

REUSE_CACHE_KEY = "run/reuse-cached-results"   # the panel's "Reuse cached results" choice
RUN_SHORTCUT = "F5"
STOP_SHORTCUT = "Shift+F5"
RERUN_SHORTCUT = "Ctrl+Shift+F5"


class RunSession(QObject):
    task_state = Signal(str, str, str)     # task id, run state ("" clears), detail
    task_outputs = Signal(str, dict)       # task id, output name -> value text
    results_changed = Signal(dict)         # task id -> what the properties pane shows
    show_task = Signal(str)                # the run panel picked a task: show its node
    task_inputs = Signal(str, dict)        # task id, input name -> value (paused before it;
                                           # {} clears)
    breakpoints_changed = Signal(set)      # task ids a run pauses before
    loop_progress = Signal(str, int, int, int)   # loop group id, done, failed, total
                                                 # (total -1: clear)
    cleared = Signal()                     # another document: every task's state, outputs
                                           # and input values go (one signal, not 3 per task)

    def __init__(self, window: "MainWindow",
                 options_factory: Callable[[], RunOptions] | None = None,
                 settings: QSettings | None = None):
        super().__init__(window)
        self.window = window
        self.controller = RunController(options_factory, self)
        self.panel = RunPanel()
        self.panel.bind(self.controller, rerun=self.rerun)  # the document's pipeline, checked
        self._settings: QSettings | None = None
        self.settings = settings
        self.panel.cache_box.toggled.connect(self._remember_cache_choice)
        self.dialog: RunParamsDialog | None = None
        self._generation = 0          # bumped when the document is replaced
        self._run_generation = -1     # the generation the current run belongs to
        self._ran: Pipeline | None = None   # what the last run ran (a copy)
        self.stale: set[str] = set()  # its tasks whose results an edit has made stale
        self.breakpoints: set[str] = set()   # task ids (not part of the document: no undo)
        self.dock = window.set_pane("run", self.panel, self.tr("Run"))
        self._build_actions()
        self.retranslate()

        c = self.controller
        c.started.connect(self._started)
        c.task_changed.connect(self._task_changed)
        c.loop_changed.connect(self._loop_changed)
        c.finished.connect(self._finished)
        c.failed.connect(self._failed)
        c.running_changed.connect(self._update_actions)
        self.panel.task_selected.connect(self.show_task)
        self.panel.artifact_requested.connect(self.open_artifact)
        window.scene.output_activated.connect(self.open_artifact)
        self.viewers: list = []       # artifact viewers open (kept alive here)
        window.editor.menu_hooks.append(self._node_menu)
        window.selection_changed.connect(self._selection_changed)
        window.document.reset.connect(self._document_replaced)
        window.document.changed.connect(self._document_changed)
        self._update_actions(False)

    @property
    def settings(self) -> QSettings | None:
        """Where run choices are remembered (None: the app's settings file)."""
        return self._settings

    @settings.setter
    def settings(self, settings: QSettings | None) -> None:
        self._settings = settings
        value = self._store().value(REUSE_CACHE_KEY, True)
        reuse = value if isinstance(value, bool) else str(value).lower() != "false"
        self.panel.cache_box.setChecked(reuse)   # toggled: the controller follows

    def _store(self) -> QSettings:
        return self._settings if self._settings is not None else default_settings()

    def _remember_cache_choice(self, reuse: bool) -> None:
        store = self._store()
        store.setValue(REUSE_CACHE_KEY, reuse)
        store.sync()

    # --- actions ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        from designer.ui.main_window import icon
        w = self.window

        def action(slot, shortcut: str, icon_name: str) -> QAction:
            act = QAction(icon(icon_name), "", w)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())
            w.addAction(act)  # the shortcut works wherever the focus is in the window
            return act

        self.act_run = action(self.run, RUN_SHORTCUT, "run")
        self.act_stop = action(self.controller.stop, STOP_SHORTCUT, "stop")
        self.act_rerun = action(self.rerun, RERUN_SHORTCUT, "rerun")
        self.act_step = action(self.step, STEP_SHORTCUT, "step")
        self.act_continue = action(self.resume, CONTINUE_SHORTCUT, "continue")
        self.act_breakpoint = action(self.toggle_breakpoint, BREAKPOINT_SHORTCUT, "breakpoint")
        menu = w.menuBar().addMenu("")
        menu.addActions([self.act_run, self.act_stop, self.act_rerun])
        menu.addSeparator()
        menu.addActions([self.act_step, self.act_continue, self.act_breakpoint])
        menu.addSeparator()
        panel = self.dock.toggleViewAction()   # named for the panel, not "Run" again
        panel.setText(self.tr("Run &Panel"))
        self.dock.windowTitleChanged.connect(lambda _t: panel.setText(self.tr("Run &Panel")))
        menu.addAction(panel)
        self.menu = menu
        toolbar = getattr(w, "toolbar", None)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addActions([self.act_run, self.act_stop])

    def retranslate(self) -> None:
        """Menu, actions and dock title in the current language (the window calls this on
        a language change; the panel retranslates itself)."""
        from designer.ui.main_window import plain
        for act, text, tip, shortcut in (
                (self.act_run, self.tr("&Run…"), self.tr("Run the pipeline locally"),
                 RUN_SHORTCUT),
                (self.act_stop, self.tr("&Stop"), self.tr("Stop the run"), STOP_SHORTCUT),
                (self.act_rerun, self.tr("R&e-run"),
                 self.tr("Run again with the same parameter values"), RERUN_SHORTCUT),
                (self.act_step, self.tr("S&tep"),
                 self.tr("Run one task at a time: pause before each with its input values"),
                 STEP_SHORTCUT),
                (self.act_continue, self.tr("&Continue"),
                 self.tr("Run the rest of a paused run, pausing only at breakpoints"),
                 CONTINUE_SHORTCUT),
                (self.act_breakpoint, self.tr("Toggle &Breakpoint"),
                 self.tr("Pause runs before the selected task"), BREAKPOINT_SHORTCUT)):
            act.setText(text)
            act.setIconText(plain(text))
            act.setStatusTip(tip)
            act.setToolTip(f"{tip} ({shortcut})")
        self.act_run.setIconText(self.tr("Run"))
        self.menu.setTitle(self.tr("&Run"))
        self.dock.setWindowTitle(self.tr("Run"))
        if self.controller.info is not None and self._ours():
            self._show_results(self.controller.info)   # the properties pane's "Last run"

    def _update_actions(self, running: bool) -> None:
        self.act_run.setEnabled(not running)
        self.act_stop.setEnabled(running)
        self.act_rerun.setEnabled(not running and self.controller.last_params is not None)
        self.act_continue.setEnabled(running and bool(self.controller.paused))

    # --- stepping and breakpoints -----------------------------------------------------------

    def step(self) -> None:
        """F10: a paused run runs its next task, a running one pauses before its next task;
        otherwise a step-through run starts (the parameter values asked as for F5)."""
        if self.controller.is_running:
            self.controller.step()
            return
        self.run(step=True)

    def resume(self) -> None:
        """F8: a paused run goes on, pausing only at breakpoints."""
        if self.controller.paused:
            self.controller.resume()

    def _node_menu(self, menu, key: str, _scene_pos) -> None:
        if key in self.window.document.task_ids():
            menu.addSeparator()
            text = self.tr("Remove Breakpoint") if key in self.breakpoints else \
                self.tr("Add Breakpoint")
            menu.addAction(f"{text}\t{BREAKPOINT_SHORTCUT}",
                           lambda: self.toggle_breakpoint([key]))

    def toggle_breakpoint(self, task_ids: list[str] | None = None) -> None:
        """F9: a breakpoint on the selected task(s), or off when they all have one."""
        ids = self.window.scene.selected_task_ids() if task_ids is None else task_ids
        if not ids:
            self._message(self.tr("Select a task to put a breakpoint on it."))
            return
        if all(t in self.breakpoints for t in ids):
            self.breakpoints -= set(ids)
        else:
            self.breakpoints |= set(ids)
        self.controller.set_breakpoints(self.breakpoints)
        self.breakpoints_changed.emit(set(self.breakpoints))
    # --- starting -----------------------------------------------------------------------

    def run(self, step: bool = False) -> None:
        """F5: check the pipeline, ask the parameter values, run (``step``: one task at a
        time, Run ▸ Step)."""
        if self.controller.is_running:
            self._message(self.tr("A run is in progress: stop it first (Shift+F5)."))
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        pipeline = self.window.document.pipeline
        if not self._runnable(pipeline):
            return
        if not pipeline.params and not needs_env_file(pipeline):
            self._start({}, step=step)
            return
        doc = self.window.document
        dialog = RunParamsDialog(pipeline, doc.path or f"untitled:{pipeline.name}",
                                 self.settings, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._start(dialog.values(),
                                                    dialog.env_file_values(), step))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def rerun(self) -> None:
        if self.controller.is_running or self.controller.last_params is None:
            return
        if self._runnable(self.window.document.pipeline):
            self.controller.rerun(self.window.document.pipeline)

    def _runnable(self, pipeline) -> bool:
        problems = errors(pipeline)
        if not problems:
            return True
        details = "\n".join("• " + diagnostic_text(d).replace("`", "") for d in problems[:12])
        if len(problems) > 12:
            details += "\n" + self.tr("… and %n more (see Problems)", "", len(problems) - 12)
        dialogs.warn(self.window, self.tr("Cannot run"),
                     self.tr("The pipeline has errors: fix them before running it."), details)
        dock = self.window.docks.get("problems")
        if dock is not None:
            dock.show()
            dock.raise_()
        return False

    def _start(self, params: dict, env_file: dict[str, str] | None = None,
               step: bool = False) -> None:
        self.controller.set_breakpoints(self.breakpoints & set(self.window.document.task_ids()))
        self.controller.start(self.window.document.pipeline, params, env_file, step=step)

    def _dialog_closed(self, dialog: RunParamsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # --- following the run -----------------------------------------------------------------

    def _ours(self) -> bool:
        return self._run_generation == self._generation

    def _started(self, info: RunInfo) -> None:
        self._run_generation = self._generation  # (F5, Re-run or the panel's button)
        self._ran = copy.deepcopy(self.window.document.pipeline)   # what this run runs
        self.stale = set()
        log.info("run of %s started: %d task(s), parameters %s", info.pipeline,
                 len(info.tasks), info.params)
        for task_id in self.window.document.task_ids():
            self.task_state.emit(task_id, "pending" if task_id in info.tasks else "", "")
            self.task_outputs.emit(task_id, {})
            self.task_inputs.emit(task_id, {})
        self._clear_loops()
        self._show_results(info)
        self.dock.show()
        self.dock.raise_()
        self._message(self.tr("Running {pipeline}…").format(pipeline=info.pipeline))
        self._update_actions(True)

    def _sub_pipeline_state(self, task_id: str, info: RunInfo | None) -> None:
        """A task inside a sub-pipeline (``<task id>.<its id>``: the run executes them in its
        place) colours the sub-pipeline's node: failed when one failed, running while one
        runs, succeeded when all are done well (``ir.subpipeline_inline``)."""
        outer = task_id.split(".", 1)[0]
        if "." not in task_id or info is None or self.window.document.task(outer) is None:
            return
        states = [t.state for k, t in info.tasks.items() if k.startswith(outer + ".")]
        for state in ("failed", "paused", "running"):
            if state in states:
                break
        else:
            state = "succeeded" if all(s in DONE_STATES for s in states) and any(
                s in ("succeeded", "cached") for s in states) else (
                "skipped" if all(s in DONE_STATES for s in states) else "pending")
        self.task_state.emit(outer, state, "")

    def _loop_changed(self, group_id: str) -> None:
        info = self.controller.info
        if info is None or not self._ours() or group_id not in info.loops:
            return
        figures = info.loops[group_id]
        self.loop_progress.emit(group_id, figures.done, figures.failed, figures.total)

    def _clear_loops(self) -> None:
        for g in self.window.document.pipeline.groups:
            if g.kind == "loop":
                self.loop_progress.emit(g.id, 0, 0, -1)

    def _iteration_changed(self, it: TaskRun, state: str) -> None:
        """An iteration's node is its task's: paused before an iteration, the node shows
        it paused with that iteration's input values; going on, the task's state again."""
        info = self.controller.info
        task = info.tasks.get(it.parent) if info is not None else None
        if task is None or it.parent in self.stale:
            return
        if state == "paused":
            self.task_state.emit(task.id, "paused", "")
            self.task_inputs.emit(task.id, dict(it.inputs or {}))
            self.show_task.emit(task.id)
            self._message(self.tr("Paused before {task}: Step (F10) runs it, Continue (F8) "
                                  "runs the rest.").format(task=it.name))
        elif not any(i.state == "paused" for i in info.iterations_of(task.id)):
            self.task_state.emit(task.id, task.state, task.error or "")
            self.task_inputs.emit(task.id, {})
        self._update_actions(self.controller.is_running)

    def _task_changed(self, task_id: str, state: str) -> None:
        if not self._ours() or task_id in self.stale:
            return
        info = self.controller.info
        it = info.iterations.get(task_id) if info is not None else None
        if it is not None:
            self._iteration_changed(it, state)
            return
        task = info.tasks.get(task_id) if info is not None else None
        self.task_state.emit(task_id, state, (task.error or "") if task is not None else "")
        self._sub_pipeline_state(task_id, info)
        if state == "paused" and task is not None:
            self.task_inputs.emit(task_id, dict(task.inputs or {}))
            self.show_task.emit(task_id)   # the next task: selected and in view
            self._message(self.tr("Paused before {task}: Step (F10) runs it, Continue (F8) "
                                  "runs the rest.").format(task=task.name))
        elif state in DONE_STATES:
            self.task_inputs.emit(task_id, {})
        self._update_actions(self.controller.is_running)
        if state in DONE_STATES and task is not None:
            self.task_outputs.emit(task_id, task.outputs)
        if info is not None and (state in DONE_STATES or state == "paused"):
            self._show_results(info)   # (the properties pane's "Last run")

    def _finished(self, info: RunInfo) -> None:
        log.info("run of %s %s in %.2f s: %s (folder %s)", info.pipeline, info.status,
                 info.duration or 0.0, info.counts(), info.run_dir)
        if not self._ours():
            return
        for task_id in info.tasks:
            self.task_inputs.emit(task_id, {})
        self._show_results(info)
        text = {"succeeded": self.tr("The run succeeded in {time}."),
                "failed": self.tr("The run failed in {time}."),
                "cancelled": self.tr("The run was stopped in {time}."),
                }.get(info.status, "The run " + info.status + " in {time}.")
        self._message(text.format(time=format_duration(info.duration or 0.0)))

    def _failed(self, message: str) -> None:
        log.info("run refused: %s", message)
        dialogs.warn(self.window, self.tr("Cannot run"), self.tr("The run could not start."),
                     message)

    def _show_results(self, info: RunInfo) -> None:
        """What the properties pane shows of each task of this run."""
        texts = {}
        for tid, task in info.tasks.items():
            text = state_label(task.state)
            if task.duration is not None and task.state not in ("skipped", "condition_false"):
                text = self.tr("{state} in {time}").format(
                    state=text, time=format_duration(task.duration))
            if task.error:
                text += f"\n{task.error}"
            if task.outputs:
                text += "\n" + outputs_text(task.outputs)
            if tid in self.stale:
                text = self.tr("Changed since the last run (it {was}): run again (F5) for "
                               "its results.").format(was=state_label(task.state))
            texts[tid] = text
        self.results_changed.emit(texts)

    def open_artifact(self, task_id: str, output: str):
        """Shows what output ``output`` of task ``task_id`` held in the last run (the
        run panel's Outputs menu, a double-click on the output port); None when the
        last run made no such file."""
        info = self.controller.info
        task = info.tasks.get(task_id) if info is not None and self._ours() else None
        path = task.output_files.get(output) if task is not None else None
        if path is None:
            self._message(self.tr("No output `{output}` from the last run: run the pipeline "
                                  "(F5), then open its outputs.").format(output=output))
            return None
        from designer.ui.run.artifact_viewer import open_artifact
        viewer = open_artifact(self.window, path, task.name, output,
                               self._output_type(task_id, output))
        self.viewers = [v for v in self.viewers if v.isVisible()] + [viewer]
        return viewer

    def _output_type(self, task_id: str, output: str) -> str | None:
        """The kfp type the ran pipeline declares for the output (Dataset, CSV...)."""
        ran = self._ran
        task = ran.task(task_id) if ran is not None else None
        if task is None:
            return None
        comp = ran.component_of(task)
        spec = comp.signature.output(output) if comp is not None else None
        return (spec.type or None) if spec is not None else None

    # --- the window -----------------------------------------------------------------------

    def _selection_changed(self, task_ids: list) -> None:
        if len(task_ids) == 1 and task_ids[0] in self.panel.rows:
            self.panel.show_task(task_ids[0])

    def _document_replaced(self) -> None:
        """Another document: a run of the old one is stopped and nothing of it is shown."""
        self._generation += 1
        self._ran, self.stale = None, set()
        self.controller.stop()
        self.cleared.emit()
        self.breakpoints = set()
        self.controller.set_breakpoints(self.breakpoints)
        self.breakpoints_changed.emit(set())
        self.results_changed.emit({})
        self._clear_loops()

    def _document_changed(self) -> None:
        """An edit: the results of the tasks it changes, and of all they feed, no longer
        describe the pipeline. Their colours and values go (an undo brings them back)."""
        info = self.controller.info
        if self._ran is None or info is None or not self._ours():
            return
        stale = changed_since(self._ran, self.window.document.pipeline) & set(info.tasks)
        if stale == self.stale:
            return
        for task_id in stale ^ self.stale:
            task = info.tasks[task_id]
            if task_id in stale:
                self.task_state.emit(task_id, "", "")
                self.task_outputs.emit(task_id, {})
            elif task.state != "pending":
                self.task_state.emit(task_id, task.state, task.error or "")
                self.task_outputs.emit(task_id, task.outputs)
        self.stale = stale
        self._show_results(info)

    def shutdown(self) -> None:
        """The window closes: stop the run (its processes are killed off the GUI thread)."""
        self.controller.shutdown()

    def _message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)


def _component_key(comp) -> tuple | None:
    if comp is None:
        return None
    return (comp.source, comp.base_image, tuple(comp.packages_to_install))


def changed_since(ran: Pipeline, now: Pipeline) -> set[str]:
    """Tasks of ``ran`` whose run would differ in ``now``: their arguments, `.after()` or
    component changed or they are gone, and every task downstream of one of them."""
    changed = set()
    for old in ran.tasks:
        new = now.task(old.id)
        if (new is None or new.arguments != old.arguments or new.after != old.after
                or _component_key(now.component(new.component_id))
                != _component_key(ran.component(old.component_id))):
            changed.add(old.id)
    reach: set[str] = set()
    before, after = downstream_edges(ran), downstream_edges(now)   # (once: edits are many)
    for task_id in changed:
        if task_id not in reach:
            reach |= reachable(task_id, before) | reachable(task_id, after)
    return reach & {t.id for t in ran.tasks}


__all__ = ["RunSession", "RUN_SHORTCUT", "STOP_SHORTCUT", "RERUN_SHORTCUT", "changed_since"]
