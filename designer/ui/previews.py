"""Live previews of what the pipeline compiles to: KFP v1 YAML, KFP v2 YAML, Python.

Compiling never runs in the UI thread. ``set_pipeline`` takes a deep copy (the
worker never sees the live, edited IR), waits for a short pause, then one
worker job compiles every tab, lexes the result for highlighting and finds
where each task is. Bursts coalesce: a job that finishes after a newer edit
is dropped (only the newest result is shown) and the newest snapshot is
compiled next; at most one job runs at a time.

A compile failure keeps the last good text, dimmed, under a banner saying why.
Selecting a task highlights its template/task (YAML) or statement and function
(Python); clicking in a preview emits ``node_clicked(task_id)``.
"""
from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from designer.ir import Pipeline

from .code_editor import CodeEditor
from .highlighter import Span, line_spans
from .preview_locate import Locations, kfp_task_names, python_locations, task_at, yaml_locations

CompileFn = Callable[[Pipeline], str]
DEBOUNCE_MS = 150


# --------------------------------------------------------------------------- compile functions

def _v1_at(compile_time: str | None) -> CompileFn:
    def run(p: Pipeline) -> str:
        from designer.compiler import compile_pipeline
        return compile_pipeline(p, "v1", compile_time=compile_time)
    return run


def _session_time() -> str | None:
    """One compile timestamp for the whole session: a v1 preview that changed its time
    annotation on every edit would re-lay-out the whole text each time."""
    try:
        from designer.compiler.v1 import compile_time_now
    except ImportError:
        return None
    return compile_time_now()


def _v2(p: Pipeline) -> str:
    from designer.compiler import compile_pipeline
    return compile_pipeline(p, "v2")


def _python(target: str) -> CompileFn:
    def run(p: Pipeline) -> str:
        from designer.compiler.python_source import export_python
        return export_python(p, target)
    return run


@dataclass(frozen=True)
class Tab:
    key: str          # "v1", "v2", "python"
    title: str
    language: str     # "yaml" | "python"


TABS = (Tab("v1", "KFP v1 YAML", "yaml"), Tab("v2", "KFP v2 YAML", "yaml"),
        Tab("python", "Python", "python"))


def default_compilers() -> dict[str, CompileFn]:
    """Tab key -> compile function; "python-v1"/"python-v2" are the two Python DSLs."""
    return {"v1": _v1_at(_session_time()), "v2": _v2, "python-v1": _python("v1"),
            "python-v2": _python("v2")}


# --------------------------------------------------------------------------- worker

@dataclass
class Result:
    generation: int
    key: str
    text: str | None = None          # None: the compile failed
    error: str | None = None
    unavailable: bool = False        # the target is not implemented (yet)
    spans: list[list[Span]] = field(default_factory=list)
    locations: Locations = field(default_factory=dict)
    base: str | None = None          # the text ``edits`` apply to (what the view showed)
    edits: list[tuple[int, int, int, int]] | None = None   # (i1, i2, j1, j2) line ranges


def _describe(e: BaseException) -> tuple[str, bool]:
    if isinstance(e, (ImportError, NotImplementedError)):
        return "This target is not available yet.", True
    from designer.ir import InputError
    if isinstance(e, InputError):
        return str(e), False
    return f"The compiler failed: {type(e).__name__}: {e}", False


def line_edits(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """Line ranges that differ, as (old i1, old i2, new j1, new j2), in order."""
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"))
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def compile_tab(generation: int, key: str, language: str, compile_fn: CompileFn,
                pipeline: Pipeline, base: str | None = None) -> Result:
    """Compile, lex and locate one tab, and diff it against ``base``, the text shown now
    (pure; runs in the worker)."""
    try:
        text = compile_fn(pipeline)
    except Exception as e:  # shown in the tab; a broken compiler must not break the UI
        message, unavailable = _describe(e)
        return Result(generation, key, error=message, unavailable=unavailable)
    if language == "yaml":
        locations = yaml_locations(text, key, kfp_task_names(pipeline, key))
    else:
        locations = python_locations(text, pipeline)
    edits = line_edits(base, text) if base and text != base else None
    return Result(generation, key, text, spans=line_spans(text, language), locations=locations,
                  base=base, edits=edits)


class _JobSignals(QObject):
    result = Signal(object)      # Result
    finished = Signal(int)       # generation


class _Job(QRunnable):
    def __init__(self, generation: int, pipeline: Pipeline,
                 work: list[tuple[str, str, CompileFn, str]], signals: _JobSignals):
        super().__init__()
        self.setAutoDelete(True)
        self._args = generation, pipeline, work
        self.signals = signals

    def run(self) -> None:
        generation, pipeline, work = self._args
        for key, language, fn, base in work:
            self.signals.result.emit(compile_tab(generation, key, language, fn, pipeline, base))
        self.signals.finished.emit(generation)


# --------------------------------------------------------------------------- widgets

class PreviewView(QWidget):
    """One tab: a banner (why the text is old, if it is) over a read-only highlighted view."""

    clicked_line = Signal(int)   # 1-based

    def __init__(self, tab: Tab, parent: QWidget | None = None):
        super().__init__(parent)
        self.tab = tab
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(8, 4, 8, 4)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.editor = CodeEditor(self, language=tab.language, read_only=True)
        self.editor.setUndoRedoEnabled(False)
        self.editor.viewport().installEventFilter(self)
        self.locations: Locations = {}
        self.generation = -1
        self.shown = ""    # the text in the editor, kept as a Python string
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)

    @property
    def text(self) -> str:
        return self.editor.toPlainText()

    def show_result(self, result: Result) -> None:
        self.generation = result.generation
        if result.text is None:
            self._show_banner(result.error or "", stale=bool(self.text))
            if result.unavailable and not self.text:
                self.editor.setPlainText("")
            return
        self.banner.hide()
        self.editor.setEnabled(True)
        if result.text != self.shown:
            scroll = self.editor.verticalScrollBar().value()
            self.editor.highlighter.set_spans(result.spans)
            if not (result.edits is not None and result.base == self.shown
                    and apply_line_edits(self.editor, result.edits, result.text)):
                replace_changed_lines(self.editor, result.text)
            self.shown = result.text
            self.editor.verticalScrollBar().setValue(scroll)
        self.locations = result.locations

    def _show_banner(self, message: str, stale: bool) -> None:
        theme = self.editor.theme
        colour = "#ff8a80" if theme.dark else "#a00000"
        background = "#4a2f2f" if theme.dark else "#fdecea"
        suffix = " Showing the last result that compiled." if stale else ""
        self.banner.setText(f"<span style='color:{colour}'>{_html(message)}</span>{suffix}")
        self.banner.setStyleSheet(f"background: {background};")
        self.banner.show()
        self.editor.setEnabled(not stale)  # dim an out-of-date text

    def locate(self, task_id: str | None) -> None:
        ranges = self.locations.get(task_id or "", [])
        # Scroll to the biggest piece (the template, the component), highlight all of them.
        target = max(range(len(ranges)), key=lambda i: ranges[i][1] - ranges[i][0]) \
            if ranges else None
        self.editor.set_located(ranges, scroll_to=target)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if (obj is self.editor.viewport() and isinstance(event, QMouseEvent)
                and event.type() == QMouseEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton
                and not self.editor.textCursor().hasSelection()):
            line = self.editor.cursorForPosition(event.position().toPoint()).blockNumber() + 1
            self.clicked_line.emit(line)
        return super().eventFilter(obj, event)


class PreviewPane(QWidget):
    """Tabs of compiled output. ``node_clicked(task_id)`` when a click lands in a task."""

    node_clicked = Signal(str)
    updated = Signal(str)  # a tab key whose text (or error) just changed

    def __init__(self, parent: QWidget | None = None, *,
                 compilers: dict[str, CompileFn] | None = None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self._compilers = compilers if compilers is not None else default_compilers()
        self._generation = 0
        self._snapshot: Pipeline | None = None
        self._running = False
        self._dirty = False
        self._selected: str | None = None
        self._deferred = False
        self._signals: dict[int, _JobSignals] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.views: dict[str, PreviewView] = {}
        for tab in TABS:
            view = PreviewView(tab)
            view.clicked_line.connect(lambda line, v=view: self._clicked(v, line))
            self.views[tab.key] = view
            self.tabs.addTab(view, tab.title)
        self.python_target = QComboBox()
        self.python_target.addItem("Python for kfp 1.x", "v1")
        self.python_target.addItem("Python for kfp 2.x", "v2")
        self.python_target.setToolTip("Which kfp DSL the Python preview is written for")
        self.python_target.currentIndexChanged.connect(lambda _i: self._schedule(now=True))
        self.tabs.setCornerWidget(self.python_target, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)

    # ------------------------------------------------------------------ input
    def set_pipeline(self, pipeline: Pipeline | None) -> None:
        """The pipeline changed: compile a copy of it after a short pause.

        The copy is taken when the job starts, in this thread, so the worker never
        shares objects with the document that is being edited."""
        self._snapshot = pipeline
        self._generation += 1
        self._timer.start()

    def select_task(self, task_id: str | None) -> None:
        self._selected = task_id
        for view in self.views.values():
            view.locate(task_id)

    def view(self, key: str) -> PreviewView:
        return self.views[key]

    @property
    def generation(self) -> int:
        """The newest requested generation; a view showing it is up to date."""
        return self._generation

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._deferred:
            self._deferred = False
            self._schedule(now=True)

    def is_idle(self) -> bool:
        return not self._running and not self._timer.isActive() and not self._dirty

    def shutdown(self) -> None:
        """Stop scheduling and wait for a running job (call before the app quits)."""
        self._timer.stop()
        self._dirty = False
        self.pool.clear()
        self.pool.waitForDone(5000)

    # ------------------------------------------------------------------ scheduling
    def _schedule(self, now: bool = False) -> None:
        if self._snapshot is None:
            return
        self._generation += 1
        if now:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def _work(self) -> list[tuple[str, str, CompileFn, str]]:
        """Tabs to compile, the visible one first."""
        python_key = f"python-{self.python_target.currentData()}"
        keys = {"v1": "v1", "v2": "v2", "python": python_key}
        current = self.tabs.currentWidget().tab.key
        order = [current] + [t.key for t in TABS if t.key != current]
        return [(k, self.views[k].tab.language, self._compilers[keys[k]], self.views[k].shown)
                for k in order if keys[k] in self._compilers]

    def _start(self) -> None:
        if self._snapshot is None:
            return
        if not self.isVisible():
            self._deferred = True   # nobody looks: compile when the pane is shown again
            return
        if self._running:
            self._dirty = True   # compile the newest snapshot when this job ends
            return
        self._running = True
        self._dirty = False
        generation = self._generation
        signals = _JobSignals()
        signals.result.connect(self._on_result)
        signals.finished.connect(self._on_finished)
        self._signals[generation] = signals
        self.pool.start(_Job(generation, copy.deepcopy(self._snapshot), self._work(), signals))

    def _on_result(self, result: Result) -> None:
        if result.generation != self._generation:
            return  # an edit came after this snapshot: only the newest is shown
        view = self.views[result.key]
        view.show_result(result)
        view.locate(self._selected) if self._selected else view.editor.set_located(None)
        self.updated.emit(result.key)

    def _on_finished(self, generation: int) -> None:
        self._signals.pop(generation, None)
        self._running = False
        if self._dirty or (generation != self._generation and not self._timer.isActive()):
            self._start()

    # ------------------------------------------------------------------ clicks
    def _clicked(self, view: PreviewView, line: int) -> None:
        task_id = task_at(view.locations, line)
        if task_id is not None:
            self.node_clicked.emit(task_id)


def apply_line_edits(editor: CodeEditor, edits: list[tuple[int, int, int, int]],
                     new: str) -> bool:
    """Apply ``line_edits(shown, new)`` top-down, so each touched block already has its
    final number when the highlighter looks up its spans. False if the document does not
    have the lines the edits expect."""
    doc = editor.document()
    new_lines = new.split("\n")
    old_count = doc.blockCount()
    if edits and edits[-1][1] > old_count:
        return False
    cursor = QTextCursor(doc)
    # No beginEditBlock: grouped edits report one change spanning all of them, and the
    # highlighter would redo every line in between.
    for i1, i2, j1, j2 in edits:
        start_line, end_line = j1, j1 + (i2 - i1)   # where the old lines are now
        count = doc.blockCount()
        segment = new_lines[j1:j2]
        doc_end = doc.characterCount() - 1
        if end_line < count:                           # lines followed by kept lines
            start = doc.findBlockByNumber(start_line).position()
            end = doc.findBlockByNumber(end_line).position()
            text = "".join(line + "\n" for line in segment)
        elif start_line < count:                       # up to the last line
            start = doc.findBlockByNumber(start_line).position()
            end = doc_end
            text = "\n".join(segment)
            if not segment and start_line > 0:
                start -= 1                             # also the newline before them
        else:                                          # appended after the last line
            start = end = doc_end
            text = "\n" + "\n".join(segment)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
    return True


def replace_changed_lines(editor: CodeEditor, new: str) -> None:
    """Replace only the part that differs: Qt then lays out and highlights just the blocks
    it touches (an edit usually changes a few lines of a long YAML)."""
    old = editor.toPlainText()
    n = min(len(old), len(new))
    lo, hi = 0, n                      # common prefix: bisection on C-speed slice compares
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, n - prefix             # common suffix, not overlapping the prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    suffix = lo
    if prefix == 0 and suffix == 0:
        editor.setPlainText(new)
        return
    cursor = QTextCursor(editor.document())
    cursor.setPosition(_utf16_len(old[:prefix]))
    cursor.setPosition(_utf16_len(old[:len(old) - suffix]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[prefix:len(new) - suffix])


def _utf16_len(text: str) -> int:
    """Qt positions count UTF-16 units; Python counts code points."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF) if not text.isascii() \
        else len(text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "")
