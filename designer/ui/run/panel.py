"""The run panel: the tasks of a local run with their state and time, their logs as they
stream, Stop and Re-run, and a link to the run folder.

The panel only shows what a RunController reports and asks for Stop/Re-run with signals;
``bind`` connects it to a controller. Logs are kept per task and for the whole run (the
last LOG_LIMIT lines of each: the full logs are in the run folder). New lines reach the
view every FLUSH_MS at most, FLUSH_LINES at a time (and only the last LOG_LIMIT of a
flood), so the cost of a chatty task is bounded per event-loop turn and the window keeps
responding.
"""
from __future__ import annotations

import time
from collections import deque
from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QDesktopServices,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.ui import style as S
from designer.ui.run.controller import RunController, RunInfo, TaskRun
from designer.ui.run.states import state_label
from designer.ui.run.step_bar import StepBar
from designer.ui.theme import run_state_text, set_text_role, text_colour

LOG_LIMIT = 10000          # lines kept (and shown) per task, and for "All tasks"
FLUSH_MS = 40              # new lines reach the view at most this often...
FLUSH_LINES = 2000         # ...this many at a time (about 25 ms of layout), the rest soon after
ALL = ""                   # the log filter showing every task
# Lines replayed from the cache are set apart (greyed) from what a task prints now.
_STREAM_ROLES = {"stderr": "error", "info": "muted", "warning": "warning",
                 "cached-stdout": "muted", "cached-stderr": "faded_error"}   # stdout: text


def open_folder(path: str) -> bool:
    """Shows ``path`` in the desktop's file manager (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


@lru_cache(maxsize=16)
def state_icon(state: str) -> QIcon:
    """A dot in the state's colour: hollow while pending, filled once known."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = S.RUN_STATE_COLOURS.get(state, S.RUN_STATE_COLOURS["pending"])
    painter.setPen(colour.darker(120))
    painter.setBrush(Qt.BrushStyle.NoBrush if state == "pending" else QBrush(colour))
    painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("RunPanel", "{seconds} s").format(
            seconds=f"{seconds:.2f}")
    minutes, secs = divmod(int(seconds), 60)
    return QCoreApplication.translate("RunPanel", "{minutes} min {seconds} s").format(
        minutes=minutes, seconds=f"{secs:02d}")


def outputs_text(outputs: dict[str, str], limit: int = 200) -> str:
    parts = []
    for name, value in outputs.items():
        shown = value if len(value) <= limit else value[: limit - 1] + "…"
        parts.append(f"{name} = {shown}")
    return "\n".join(parts)


class RunPanel(QWidget):
    """``stop_requested``, ``rerun_requested``; ``task_selected(task id)`` when a task row
    is picked (the window selects its node)."""

    stop_requested = Signal()
    rerun_requested = Signal()
    task_selected = Signal(str)
    artifact_requested = Signal(str, str)   # task id, output name: show what it produced

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.info: RunInfo | None = None
        self.rows: dict[str, QTreeWidgetItem] = {}
        self._lines: deque[tuple[str, str, str]] = deque(maxlen=LOG_LIMIT)
        self._task_lines: dict[str, deque[tuple[str, str]]] = {}
        self._names: dict[str, str] = {}
        self._width = 0
        self._filter = ALL
        self._can_rerun = False

        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_link = QLabel()
        self.folder_link.setTextFormat(Qt.TextFormat.RichText)
        self.folder_link.linkActivated.connect(self._open_folder)
        self.folder_message: QMessageBox | None = None   # the fallback when nothing opens it
        self._folder: str | None = None
        self.cache_box = QCheckBox()
        self.cache_box.setChecked(True)
        self.stop_button = QPushButton(_icon("stop"), "")
        self.rerun_button = QPushButton(_icon("rerun"), "")
        self.stop_button.clicked.connect(self.stop_requested)
        self.rerun_button.clicked.connect(self.rerun_requested)
        # The outputs of the selected finished task, each opening in the artifact viewer.
        self.outputs_button = QToolButton()
        self.outputs_button.setObjectName("run-outputs")
        self.outputs_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.outputs_menu = QMenu(self.outputs_button)
        self.outputs_menu.aboutToShow.connect(self._fill_outputs_menu)
        self.outputs_button.setMenu(self.outputs_menu)
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(self.status_label, 1)
        for w in (self.folder_link, self.outputs_button, self.cache_box, self.stop_button,
                  self.rerun_button):
            top.addWidget(w)

        self.step_bar = StepBar()   # while the run is paused before a task
        self._last_done: str | None = None   # the task that finished last (the step bar)

        self.tasks = QTreeWidget()
        self.tasks.setObjectName("run-tasks")
        self.tasks.setColumnCount(3)
        self.tasks.setRootIsDecorated(False)
        self.tasks.setUniformRowHeights(True)
        self.tasks.setIconSize(QSize(14, 14))
        # Long task names keep their start and end ("print_and_…_number_2"); the full name
        # is in the row's tooltip.
        self.tasks.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tasks.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tasks.currentItemChanged.connect(self._row_changed)

        self.log = QPlainTextEdit()
        self.log.setObjectName("run-log")
        self.log.setReadOnly(True)
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log.setMaximumBlockCount(LOG_LIMIT)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tasks)
        split.addWidget(self.log)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.step_bar)
        layout.addWidget(split, 1)

        self._pending: list[tuple[str, str]] = []   # lines not yet in the view
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush_some)
        self._clock = QTimer(self)   # ticks the time of running tasks
        self._clock.setInterval(250)
        self._clock.timeout.connect(self._tick)
        self.set_running(False)
        self._problem: str | None = None   # why the last run could not start
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.cache_box.setText(self.tr("Reuse cached results"))
        self.cache_box.setToolTip(self.tr("Tasks whose component and inputs are unchanged "
                                          "since an earlier run reuse its outputs instead of "
                                          "running again"))
        self.stop_button.setText(self.tr("Stop"))
        self.outputs_button.setText(self.tr("Outputs"))
        self.outputs_button.setToolTip(self.tr(
            "Open an output of the selected task: tables, images, Markdown, HTML and "
            "metrics are shown as KFP shows them (or double-click an output port)"))
        self.stop_button.setToolTip(self.tr("Stop the run: kill its running tasks (Shift+F5)"))
        self.rerun_button.setText(self.tr("Re-run"))
        self.rerun_button.setToolTip(
            self.tr("Run again with the same parameter values (Ctrl+Shift+F5)"))
        self.tasks.setHeaderLabels([self.tr("Task"), self.tr("State"), self.tr("Time")])
        self.log.setPlaceholderText(self.tr("Task output appears here while the run goes."))
        all_row = self.tasks.topLevelItem(0)
        if all_row is not None:
            all_row.setText(0, self.tr("All tasks"))
        self.set_run_dir(self._folder or "")
        if self.info is not None:
            for task in list(self.info.tasks.values()) + list(self.info.iterations.values()):
                row = self.rows.get(task.id)
                if task.parent is not None and row is not None:
                    row.setText(0, self._iteration_text(task))
                self._show_task(task)
        if self._problem is not None:
            self.show_problem(self._problem)
        elif self.info is not None:
            self._show_status()
        else:
            self.status_label.setText(self.tr("No run yet. Run the pipeline with F5."))

    # --- wiring ---------------------------------------------------------------------------

    def bind(self, controller: RunController, rerun: Callable[[], object] | None = None) -> None:
        """Show ``controller``'s runs; Stop stops it, Re-run calls ``rerun`` (default: the
        controller's own, on the pipeline it ran last)."""
        controller.started.connect(self.begin)
        controller.run_dir_known.connect(self.set_run_dir)
        controller.task_changed.connect(self.set_task_state)
        controller.log_lines.connect(self.append_logs)
        controller.finished.connect(self.finish)
        controller.failed.connect(self.show_problem)
        controller.running_changed.connect(self.set_running)
        self.cache_box.toggled.connect(lambda on: setattr(controller, "use_cache", on))
        controller.use_cache = self.cache_box.isChecked()
        self.stop_requested.connect(controller.stop)
        self.step_bar.step_requested.connect(controller.step)
        self.step_bar.continue_requested.connect(controller.resume)
        self.rerun_requested.connect(rerun or (lambda: controller.rerun()))

    # --- what the controller reports ------------------------------------------------------

    def begin(self, info: RunInfo) -> None:
        """A new run: one pending row per task, empty logs."""
        self.info = info
        self._problem = None
        self._can_rerun = True
        self.step_bar.clear()
        self._last_done = None
        self.rows.clear()
        self._lines.clear()
        self._task_lines = {tid: deque(maxlen=LOG_LIMIT) for tid in info.order}
        self._names = {tid: info.tasks[tid].name for tid in info.order}
        self.tasks.setRootIsDecorated(False)   # until a loop's iterations hang below a task
        self._width = max((len(n) for n in self._names.values()), default=0) + 2
        self.tasks.blockSignals(True)
        self.tasks.clear()
        all_row = QTreeWidgetItem([self.tr("All tasks"), "", ""])
        all_row.setData(0, Qt.ItemDataRole.UserRole, ALL)
        self.tasks.addTopLevelItem(all_row)
        for tid in info.order:
            row = QTreeWidgetItem([self._names[tid], "", ""])
            row.setData(0, Qt.ItemDataRole.UserRole, tid)
            self.tasks.addTopLevelItem(row)
            self.rows[tid] = row
            self._show_task(info.tasks[tid])
        keep = self._filter if self._filter in self.rows else ALL
        self._filter = keep
        self.tasks.setCurrentItem(self.rows.get(keep, all_row))
        self.tasks.blockSignals(False)
        self._pending = []
        self.log.clear()
        self.set_run_dir(info.run_dir or "")
        self._show_status()

    def set_run_dir(self, path: str) -> None:
        self._folder = path or None
        if path:
            self.folder_link.setText(f'<a href="{QUrl.fromLocalFile(path).toString()}">'
                                     + self.tr("Open run folder") + "</a>")
            self.folder_link.setToolTip(path)
        else:
            self.folder_link.setText("")
            self.folder_link.setToolTip("")

    def _open_folder(self, href: str) -> None:
        """The desktop's file manager shows the run folder; where none is registered (or it
        fails), the path is copied to the clipboard and shown, selectable."""
        path = self._folder or QUrl(href).toLocalFile()
        if open_folder(path):
            return
        QGuiApplication.clipboard().setText(path)
        if self.folder_message is not None:
            self.folder_message.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Run folder"),
                          self.tr("No file manager could open the run folder. Its path is "
                                  "copied to the clipboard:"),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(path)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "folder_message", None))
        self.folder_message = box
        box.open()   # window-modal at most: the run goes on

    def set_task_state(self, task_id: str, _state: str = "") -> None:
        task = self.info.task_run(task_id) if self.info is not None else None
        if task is not None:
            if task.parent is not None and task_id not in self.rows:
                self._add_iteration(task)
            self._show_task(task)
            self._show_status()
            self._follow_pause(task)
            self._update_outputs_button()

    def _add_iteration(self, it: TaskRun) -> None:
        """A row for one iteration, under its task's row, kept in iteration order."""
        parent = self.rows.get(it.parent or "")
        if parent is None:
            return
        row = QTreeWidgetItem([self._iteration_text(it), "", ""])
        row.setData(0, Qt.ItemDataRole.UserRole, it.id)
        at = parent.childCount()
        while at and self._iteration_of(parent.child(at - 1)) > it.iteration:
            at -= 1
        parent.insertChild(at, row)
        self.rows[it.id] = row
        self._names.setdefault(it.id, it.name)
        self._width = max(self._width, len(it.name) + 2)
        self.tasks.setRootIsDecorated(True)
        if parent.childCount() == 1:   # shown open once; then as the person leaves it
            parent.setExpanded(True)

    def _iteration_of(self, row: QTreeWidgetItem) -> tuple[int, ...]:
        it = self.info.iterations.get(row.data(0, Qt.ItemDataRole.UserRole)) \
            if self.info is not None else None
        return it.iteration if it is not None else ()

    def _iteration_text(self, it: TaskRun) -> str:
        """``[1] item 2``: under its task's row, the indices and the item say enough (the
        tooltip has the full name)."""
        index = "".join(f"[{i}]" for i in it.iteration)
        if it.item is None:
            return index
        item = it.item if len(it.item) <= 60 else it.item[:59] + "…"
        return self.tr("{index} item {item}").format(index=index, item=item)

    def _follow_pause(self, task: TaskRun) -> None:
        """The step bar: shown for a paused task, gone when it goes on."""
        info = self.info
        assert info is not None
        if task.state in ("succeeded", "cached", "failed"):
            self._last_done = task.id
        if task.state == "paused":
            previous = info.tasks.get(self._last_done or "")
            self.step_bar.show_paused(info, task, previous,
                                      self.task_lines(previous.id) if previous else [])
        elif self.step_bar.task_id == task.id:
            waiting = [t for t in info.tasks.values() if t.state == "paused"]
            if waiting:
                self._follow_pause(waiting[0])
            else:
                self.step_bar.clear()

    def append_logs(self, batch: list[tuple[str, str, str, str]]) -> None:
        """``(task_id, task_name, stream, line)`` tuples, in order."""
        shown: list[tuple[str, str]] = []
        for task_id, name, stream, line in batch:
            self._lines.append((task_id, stream, line))
            self._task_lines.setdefault(task_id, deque(maxlen=LOG_LIMIT)).append((stream, line))
            if task_id not in self._names:
                self._names[task_id] = name
                self._width = max(self._width, len(name) + 2)
            # An iteration's lines also read under its task, named by the iteration.
            parent = self._parent_of(task_id)
            if parent is not None:
                self._task_lines.setdefault(parent, deque(maxlen=LOG_LIMIT)).append(
                    (stream, self._prefixed(task_id, line)))
            if self._filter == ALL or (parent is not None and self._filter == parent):
                shown.append((stream, self._prefixed(task_id, line)))
            elif self._filter == task_id:
                shown.append((stream, line))
        if shown:
            self._pending.extend(shown)
            if not self._flush_timer.isActive():
                self._flush_timer.start(FLUSH_MS)

    def _parent_of(self, key: str) -> str | None:
        """The task of an iteration's key (``task#0.1``); None for a task's own key."""
        it = self.info.iterations.get(key) if self.info is not None else None
        if it is not None:
            return it.parent
        return key.split("#", 1)[0] if "#" in key and self.info is not None and \
            key.split("#", 1)[0] in self.info.tasks else None

    def flush_logs(self, limit: int | None = None) -> None:
        """Put the lines received since the last flush in the view (``limit`` of them,
        then the rest on the next turns of the event loop)."""
        self._flush_timer.stop()
        pending = self._pending[-LOG_LIMIT:]  # older ones would be trimmed at once
        if limit is not None and len(pending) > limit:
            lines, self._pending = pending[:limit], pending[limit:]
            self._flush_timer.start(0)
        else:
            lines, self._pending = pending, []
        if lines:
            self._write(lines)

    def _flush_some(self) -> None:
        self.flush_logs(FLUSH_LINES)

    def finish(self, info: RunInfo) -> None:
        self.info = info
        self.step_bar.clear()
        for task in list(info.tasks.values()) + list(info.iterations.values()):
            if task.parent is not None and task.id not in self.rows:
                self._add_iteration(task)
            self._show_task(task)
        if info.run_dir:
            self.set_run_dir(info.run_dir)
        if info.error:
            self.append_logs([("", "run", "stderr", self.tr("the run failed: {error}").format(
                error=info.error))])
        self.flush_logs()
        self._show_status()

    def show_problem(self, message: str) -> None:
        self._problem = message
        self.status_label.setText(self.tr("Not run: {reason}").format(
            reason=message.splitlines()[0] if message else ""))
        self.status_label.setToolTip(message)
        set_text_role(self.status_label, "error")

    def set_running(self, running: bool) -> None:
        self._update_outputs_button()
        self.stop_button.setEnabled(running)
        self.rerun_button.setEnabled(not running and self._can_rerun)
        if running:
            self._clock.start()
        else:
            self._clock.stop()

    # --- queries (the window and tests read these) ------------------------------------------

    @property
    def log_filter(self) -> str:
        return self._filter

    def output_files(self, task_id: str) -> dict[str, str]:
        """The files of the outputs the task produced in the shown run."""
        task = self.info.tasks.get(task_id) if self.info is not None else None
        return dict(task.output_files) if task is not None else {}

    def _update_outputs_button(self) -> None:
        self.outputs_button.setEnabled(bool(self.output_files(self._filter)))

    def _fill_outputs_menu(self) -> None:
        self.outputs_menu.clear()
        task_id = self._filter
        for name in self.output_files(task_id):
            self.outputs_menu.addAction(name, lambda n=name: self.artifact_requested.emit(
                task_id, n))

    def show_task(self, task_id: str) -> None:
        """Show one task's log (``ALL``: every task's)."""
        row = self.rows.get(task_id) if task_id else self.tasks.topLevelItem(0)
        if row is not None and row is not self.tasks.currentItem():
            self.tasks.setCurrentItem(row)

    def log_text(self) -> str:
        self.flush_logs()
        return self.log.toPlainText()

    def task_lines(self, task_id: str) -> list[str]:
        return [line for _stream, line in self._task_lines.get(task_id, ())]

    def row_texts(self, task_id: str) -> tuple[str, str, str]:
        row = self.rows[task_id]
        return row.text(0), row.text(1), row.text(2)

    # --- drawing --------------------------------------------------------------------------

    def _prefixed(self, task_id: str, line: str) -> str:
        name = self._names.get(task_id, task_id or "run")
        return f"[{name}]".ljust(self._width) + " " + line

    def _show_task(self, task: TaskRun) -> None:
        row = self.rows.get(task.id)
        if row is None:
            return
        label = state_label(task.state)
        if task.state == "running" and task.installing:
            label = state_label("installing")
        row.setIcon(0, state_icon(task.state))
        row.setText(1, label)
        row.setForeground(1, QBrush(run_state_text(task.state)))
        if task.state == "running" and task.started is not None:
            row.setText(2, format_duration(time.monotonic() - task.started))
        elif task.state in ("succeeded", "failed", "cached", "cancelled"):
            row.setText(2, format_duration(task.duration))
        else:
            row.setText(2, "")
        tip = [f"{task.name}: {label}"]
        if task.item is not None:
            tip.append(self.tr("item: {item}").format(item=task.item))
        if task.state == "cached" and task.cached_run:
            tip[0] += " " + self.tr("(from run {run})").format(run=task.cached_run)
        if task.error:
            tip.append(task.error)
        if task.outputs:
            tip.append(outputs_text(task.outputs))
        row.setToolTip(0, "\n".join(tip))
        row.setToolTip(1, "\n".join(tip))

    def _show_status(self) -> None:
        info = self.info
        if info is None:
            return
        set_text_role(self.status_label, None)
        self.status_label.setToolTip(info.run_dir or "")
        counts = info.counts()
        total = len(info.tasks)
        if not info.done:
            finished = sum(n for s, n in counts.items()
                           if s not in ("pending", "paused", "running"))
            text = self.tr("Running {pipeline}: {finished} of %n task(s) done", "", total).format(
                pipeline=info.pipeline, finished=finished)
        else:
            tally = ", ".join(self.tr("{count} {state}").format(count=n, state=state_label(s))
                              for s, n in counts.items())
            duration = format_duration(info.duration or 0.0)
            text = {"succeeded": self.tr("Succeeded in {time} ({tally})"),
                    "failed": self.tr("Failed in {time} ({tally})"),
                    "cancelled": self.tr("Stopped in {time} ({tally})"),
                    }.get(info.status, info.status.title() + " in {time} ({tally})").format(
                time=duration, tally=tally)
            set_text_role(self.status_label, f"run:{info.status}")
        self.status_label.setText(text)

    def _tick(self) -> None:
        if self.info is None:
            return
        for task in list(self.info.tasks.values()) + list(self.info.iterations.values()):
            if task.state == "running":
                self._show_task(task)

    def _row_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        task_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else ALL
        task_id = task_id or ALL
        if task_id == self._filter:
            return
        self._filter = task_id
        self._update_outputs_button()
        self._pending = []
        self.log.clear()
        if task_id == ALL:
            self._write([(s, self._prefixed(t, line)) for t, s, line in self._lines])
        else:
            self._write(list(self._task_lines.get(task_id, ())))
            self.task_selected.emit(self._parent_of(task_id) or task_id)   # its node

    def _write(self, lines: list[tuple[str, str]]) -> None:
        """Appends lines (stream, text), keeping the view at the bottom if it was there."""
        bar = self.log.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        cursor = QTextCursor(self.log.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        start = 0
        first = self.log.document().isEmpty()
        # Consecutive lines of one stream go in one insert: few calls for big batches.
        while start < len(lines):
            stream = lines[start][0]
            end = start
            while end < len(lines) and lines[end][0] == stream:
                end += 1
            text = "\n".join(t for _s, t in lines[start:end])
            fmt = QTextCharFormat()
            role = _STREAM_ROLES.get(stream)
            if role is not None:
                fmt.setForeground(text_colour(role))
            cursor.insertText(text if first else "\n" + text, fmt)
            first = False
            start = end
        cursor.endEditBlock()
        if at_bottom:
            bar.setValue(bar.maximum())


def _icon(name: str) -> QIcon:
    from designer.ui.theme import (
        svg_icon,  # drawn in the palette's text colour: legible when dark
    )
    return svg_icon(name)


__all__ = ["RunPanel", "open_folder", "state_icon", "state_label", "format_duration",
           "outputs_text",
           "LOG_LIMIT", "ALL"]
