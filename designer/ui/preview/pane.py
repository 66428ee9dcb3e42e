"""Live previews of what the pipeline compiles to: KFP v1 YAML, KFP v2 YAML, Python.

Compiling never runs in the UI thread. ``set_pipeline`` waits for a short pause,
then takes a snapshot (the worker never sees the live, edited IR) and one worker
job compiles every tab, with the compiler's source map (where each task is),
lexes the result for highlighting and diffs it against the shown text. Bursts coalesce: a job that finishes
after a newer edit is dropped (only the newest result is shown) and the newest
snapshot is compiled next; at most one job runs at a time.

A compile failure keeps the last good text, dimmed, under a banner saying why.
Selecting a task highlights its template/task (YAML) or statement and function
(Python); clicking in a preview emits ``node_clicked(task_id)``.

The UI thread's share costs what is on screen, not the text (a 2,000-task pipeline
is 182k lines of v1 YAML): the worker also finds where each line starts, and the view
(``preview/text_view.py``) keeps the text, those starts and the spans as Python data and
lays out only the lines it paints, so a result goes in at once. The worker diffs the
new text against the shown one so that only changed lines are lexed again (``relex``)
and the view keeps its place. The worker hands the GIL back quickly and sets off no
full garbage collection (``_yielding_to_the_ui``). The compilers are imported by the worker on
its first job, not when the window opens.
"""
from __future__ import annotations

import atexit
import copy
import gc
import pickle
import sys
import threading
import traceback
import time
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from designer.compiler.source_map import SourceMap
from designer.ir import Pipeline
from designer.ui import heap
from designer.ui.code.highlighter import Span, SpanTable
from designer.ui.code.line_edits import line_edits
from designer.ui.code.relex import Lexed, lex, line_starts, relex
from designer.ui.preview.text_view import TextView, widest_line
from designer.ui.theme import BANNER_BACKGROUND, text_colour

if TYPE_CHECKING:
    from designer.compiler.source_map import Compiled
    from designer.ui.preview.explain_tips import ExplainTips

# A tab's compiler: the text, or the text with its source map (``compiler/source_map.py``).
CompileFn = Callable[[Pipeline], "str | Compiled"]
DEBOUNCE_MS = 150
JOB_SWITCH_INTERVAL_S = 0.001   # how soon the worker hands the GIL back to the UI thread


# --------------------------------------------------------------------------- compile functions

def _v1_at(compile_time: str | None) -> CompileFn:
    def run(p: Pipeline) -> Compiled:
        from designer.compiler import compile_pipeline
        return compile_pipeline(p, "v1", compile_time=compile_time, with_source_map=True)
    return run


def _session_time() -> str | None:
    """One compile timestamp for the whole session: a v1 preview that changed its time
    annotation on every edit would re-lay-out the whole text each time."""
    try:
        from designer.compiler.v1 import compile_time_now
    except ImportError:
        return None
    return compile_time_now()


def _v1_session() -> CompileFn:
    """v1 at the session's timestamp, taken on the first compile (in the worker: the v1
    compiler is not imported while the window opens)."""
    stamp: list[str | None] = []

    def run(p: Pipeline) -> Compiled:
        if not stamp:
            stamp.append(_session_time())
        return _v1_at(stamp[0])(p)
    return run


def _v2(p: Pipeline) -> Compiled:
    from designer.compiler import compile_pipeline
    return compile_pipeline(p, "v2", with_source_map=True)


def _python(target: str) -> CompileFn:
    def run(p: Pipeline) -> Compiled:
        from designer.compiler.python_source import export_python
        return export_python(p, target, with_source_map=True)
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
    return {"v1": _v1_session(), "v2": _v2, "python-v1": _python("v1"),
            "python-v2": _python("v2")}


# --------------------------------------------------------------------------- worker

@dataclass
class Result:
    generation: int
    key: str
    text: str | None = None          # None: the compile failed
    error: str | None = None
    unavailable: bool = False        # the target is not implemented (yet)
    spans: SpanTable | list[list[Span]] = field(default_factory=list)
    source_map: SourceMap = field(default_factory=SourceMap)
    base: str | None = None          # the text ``edits`` apply to (what the view showed)
    edits: list[tuple[int, int, int, int]] | None = None   # (i1, i2, j1, j2) line ranges
    starts: array | None = None      # where each line starts (``text_view.line_starts``)
    columns: int | None = None       # the longest line's length
    lexed: Lexed | None = None       # the text's lexing, which the next result re-lexes from


def _describe(e: BaseException) -> tuple[str, bool]:
    if isinstance(e, (ImportError, NotImplementedError)):
        return QCoreApplication.translate("PreviewPane", "This target is not available yet."), True
    from designer.ir import InputError
    if isinstance(e, InputError):   # the compiler's own words stay as details (English)
        return QCoreApplication.translate(
            "PreviewPane", "The compiler refused the pipeline: {reason}").format(reason=e), False
    return QCoreApplication.translate("PreviewPane", "The compiler failed: {error}").format(
        error=f"{type(e).__name__}: {e}"), False


def compile_tab(generation: int, key: str, language: str, compile_fn: CompileFn,
                pipeline: Pipeline, base: str | None = None,
                base_lexed: Lexed | None = None) -> Result:
    """Compile and lex one tab, and diff it against ``base``, the text shown now (pure;
    runs in the worker). Where each task is comes from the compiler's source map. With
    ``base_lexed`` (the lexing of ``base``) only the changed lines are lexed again."""
    try:
        out = compile_fn(pipeline)
    except Exception as e:  # shown in the tab; a broken compiler must not break the UI
        message, unavailable = _describe(e)
        # A raised error often sits in a cycle with the frames it passed (a frame that
        # holds it in a local), and the frames hold the pipeline: cleared, no copy of the
        # pipeline waits for the cyclic collector (see ui/heap.py).
        _let_frames_go(e)
        return Result(generation, key, error=message, unavailable=unavailable)
    try:
        text, source_map = (out, SourceMap()) if isinstance(out, str) else (out.text,
                                                                            out.source_map)
        edits = None
        if base is not None and text != base:   # (from an empty view: one edit, no diff)
            edits = line_edits(base, text)
        if base_lexed is not None and base_lexed.text == base and base_lexed.language == language \
                and edits is not None and base:
            lexed = relex(base_lexed, text, edits)
        elif base_lexed is not None and base_lexed.text == text and base_lexed.language == language:
            lexed = base_lexed
        else:
            lexed = lex(text, language)
        starts = lexed.starts if lexed.starts is not None else line_starts(text)
        return Result(generation, key, text, spans=lexed.spans,
                      source_map=source_map, base=base, edits=edits, starts=starts,
                      columns=widest_line(text, starts), lexed=lexed)
    except Exception as e:  # a worker thread has no one to raise to: say it in the tab
        return Result(generation, key, error=_failed(e))


def _let_frames_go(e: BaseException | None) -> None:
    """Clear the locals of every frame ``e`` (and the errors it chains) passed through."""
    seen: set[int] = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        e.__traceback__ = None
        e = e.__cause__ or e.__context__


def _failed(e: BaseException) -> str:
    return QCoreApplication.translate("PreviewPane", "The preview failed: {error}").format(
        error=f"{type(e).__name__}: {e}")


class _JobSignals(QObject):
    result = Signal(object)      # Result
    finished = Signal(int)       # generation


SNAPSHOT_TASKS = 200   # tasks per pickle of a snapshot
SNAPSHOT_BUDGET_S = 0.004   # pieces of a snapshot pickled per event-loop turn: this long


def snapshot_pieces(pipeline: Pipeline) -> Iterator[bytes]:
    """A copy of ``pipeline`` nobody else can change, pickled in pieces: the pipeline
    without its tasks, then its tasks SNAPSHOT_TASKS at a time (unpickled by the worker,
    ``restore``). The UI thread pickles a few pieces per event-loop turn (2,000 tasks are
    8-11 ms in all); the worker unpickles them one at a time, and the UI thread gets its
    turn in between (one pickle of 2,000 tasks held the GIL 10-20 ms). Tasks refer to each
    other and to components by id, so no object is shared between pieces."""
    shell = copy.copy(pipeline)
    shell.tasks = []
    yield pickle.dumps(shell, pickle.HIGHEST_PROTOCOL)
    tasks = pipeline.tasks
    for i in range(0, len(tasks), SNAPSHOT_TASKS):
        yield pickle.dumps(tasks[i:i + SNAPSHOT_TASKS], pickle.HIGHEST_PROTOCOL)


_UNPICKLABLE = (pickle.PicklingError, TypeError, AttributeError)   # then: a deep copy


def restore(taken: list[bytes] | Pipeline) -> Pipeline:
    """The pipeline the ``snapshot_pieces`` hold (or the deep copy taken instead of
    them, of a pipeline that does not pickle), in the worker."""
    if not isinstance(taken, list):
        return taken
    pipeline = pickle.loads(taken[0])
    for piece in taken[1:]:
        pipeline.tasks.extend(pickle.loads(piece))
    return pipeline


class _YieldingToTheUi:
    """While a worker compiles, in Python, it holds the GIL the UI thread needs too:

    - every time the UI thread gives the GIL up (many Qt calls do), it waits up to the
      switch interval (5 ms by default) to get it back: a few handovers in one slot
      were a 40 ms stall. The interval is 1 ms while a job runs.
    - a full garbage collection walks every object of the process (~25 ms with a
      1000-task pipeline open) and holds the GIL throughout; compiling a 150k-line
      YAML allocates enough to set several off. Automatic collection waits for the
      end of the job (what the job leaves behind is freed by reference counting).
    The first job in (of any window) changes both, the last one out puts them back."""

    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = 0
        self._saved: tuple[float, bool] = (0.005, True)

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._jobs == 0:
                self._saved = sys.getswitchinterval(), gc.isenabled()
                sys.setswitchinterval(min(self._saved[0], JOB_SWITCH_INTERVAL_S))
                gc.disable()
            self._jobs += 1
        try:
            yield
        finally:
            with self._lock:
                self._jobs -= 1
                if self._jobs == 0:
                    interval, collecting = self._saved
                    if collecting:
                        gc.enable()
                        heap.keep_long_lived()
                    sys.setswitchinterval(interval)


_yielding_to_the_ui = _YieldingToTheUi()


_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    """One pool for the previews of every window, owned by no widget: a closing window
    cancels its job and goes at once (a pool of its own would wait for the job in its
    destructor: 5-9 s at 2,000 tasks). The interpreter waits for a job still finishing
    its current tab before it exits (Python code must not run in a thread then)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(4)   # one job per pane at a time (PreviewPane._running)
        atexit.register(_POOL.waitForDone)
    return _POOL


class _Job(QRunnable):
    def __init__(self, generation: int, pipeline: list[bytes] | Pipeline,
                 work: list[tuple[str, str, CompileFn, str, Lexed | None]],
                 signals: _JobSignals,
                 cancelled: threading.Event):
        super().__init__()
        self.setAutoDelete(True)
        self._args = generation, pipeline, work
        self.signals = signals
        self.cancelled = cancelled

    def run(self) -> None:
        generation, pipeline, work = self._args
        self._args = None
        keys = [key for key, *_ in work]
        try:
            with _yielding_to_the_ui():
                pipeline = restore(pipeline)
                # Each tab's old text and spans (22 MB for a 182k-line YAML) are let go
                # once its result is sent, not kept until the last tab is compiled.
                work.reverse()
                while work:
                    key, language, fn, base, base_lexed = work.pop()
                    if self.cancelled.is_set():   # the pane is gone: no more tabs
                        break
                    result = compile_tab(generation, key, language, fn, pipeline, base,
                                         base_lexed)
                    del base, base_lexed
                    self.signals.result.emit(result)
                    del result
        except Exception as e:  # nothing may escape a worker thread (it would only print)
            for key in keys:
                self.signals.result.emit(Result(generation, key, error=_failed(e)))
        finally:
            self.signals.finished.emit(generation)


# --------------------------------------------------------------------------- widgets

class PreviewView(QWidget):
    """One tab: a banner (why the text is old, if it is) over a read-only highlighted view.

    ``show_result`` puts a result's text in, at once: the view (``text_view.py``) keeps
    the worker's text, line starts and spans and lays out only the lines it paints, so
    a 182k-line text costs the UI thread what a 10-line one does. ``applied`` says a
    result is shown; ``shown`` is the text the view holds."""

    clicked_line = Signal(int)   # 1-based
    applied = Signal()

    def __init__(self, tab: Tab, parent: QWidget | None = None):
        super().__init__(parent)
        self.tab = tab
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(8, 4, 8, 4)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.editor = TextView(self, language=tab.language)
        self.editor.clicked_line.connect(self.clicked_line)
        self.source_map = SourceMap()   # of the text shown
        self.generation = -1
        self.shown = ""    # the text in the view
        self.lexed: Lexed | None = None   # the lexing of ``shown``, when the worker sent it
        self.selected: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)

    @property
    def text(self) -> str:
        return self.editor.text

    def show_result(self, result: Result) -> None:
        self.generation = result.generation
        if result.text is None:
            self._show_banner(result.error or "", stale=bool(self.shown))
            if result.unavailable and not self.shown:
                self.editor.set_text("")
            self.applied.emit()
            return
        self.banner.hide()
        self.editor.setEnabled(True)
        if result.text != self.shown:
            edits = result.edits if result.base == self.shown else None
            self.editor.set_content(result.text, result.spans, result.starts, result.columns,
                                    edits)
            self.shown, self.lexed = result.text, result.lexed
        elif result.lexed is not None:
            self.lexed = result.lexed
        self.source_map = result.source_map
        self.locate(self.selected)
        self.applied.emit()

    def _show_banner(self, message: str, stale: bool) -> None:
        theme = self.editor.theme
        colour = text_colour("error", theme.dark).name()
        background = BANNER_BACKGROUND[theme.dark]
        suffix = " " + self.tr("Showing the last result that compiled.") if stale else ""
        self.banner.setText(f"<span style='color:{colour}'>{_html(message)}</span>{suffix}")
        self.banner.setStyleSheet(f"background: {background};")
        self.banner.show()
        self.editor.setEnabled(not stale)  # dim an out-of-date text

    def locate(self, task_id: str | None) -> None:
        self.selected = task_id
        ranges = self.source_map.tasks.get(task_id or "", [])
        # Scroll to the biggest piece (the template, the component), highlight all of them.
        target = max(range(len(ranges)), key=lambda i: ranges[i][1] - ranges[i][0]) \
            if ranges else None
        self.editor.set_located(ranges, scroll_to=target)


class PreviewPane(QWidget):
    """Tabs of compiled output. ``node_clicked(key)`` when a click lands in a task (its id)
    or, in the YAML, a parameter ("param:<name>"); hovering the YAML explains the line
    (``explain_tips.py``)."""

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
        self._cancel: threading.Event | None = None   # the running job's

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.views: dict[str, PreviewView] = {}
        self.tips: dict[str, "ExplainTips"] = {}   # Explain this YAML, per YAML tab
        for tab in TABS:
            view = PreviewView(tab)
            if tab.language == "yaml":
                from designer.ui.preview.explain_tips import ExplainTips
                self.tips[tab.key] = ExplainTips(view, lambda: self._snapshot)
            view.clicked_line.connect(lambda line, v=view: self._clicked(v, line))
            view.applied.connect(lambda key=tab.key: self.updated.emit(key))
            self.views[tab.key] = view
            self.tabs.addTab(view, tab.title)
        self.python_target = QComboBox()
        self.python_target.addItems(["", ""])
        self.python_target.setItemData(0, "v1")
        self.python_target.setItemData(1, "v2")
        self.python_target.currentIndexChanged.connect(lambda _i: self._schedule(now=True))
        self.tabs.setCornerWidget(self.python_target, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        # The snapshot being taken: (generation, pieces to come, pieces taken).
        self._taking: tuple[int, Iterator[bytes], list[bytes]] | None = None
        self._take_timer = QTimer(self)
        self._take_timer.setSingleShot(True)
        self._take_timer.setInterval(0)
        self._take_timer.timeout.connect(self._take_more)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
            if any(not view.banner.isHidden() for view in self.views.values()):
                self._schedule(now=True)   # its message comes from the compile: again

    def retranslate(self) -> None:
        self.python_target.setItemText(0, self.tr("Python for kfp 1.x"))
        self.python_target.setItemText(1, self.tr("Python for kfp 2.x"))
        self.python_target.setToolTip(self.tr("Which kfp DSL the Python preview is written for"))

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
        """Stop scheduling and cancel a running job without waiting for it: it ends after
        the tab it is compiling, and its results go nowhere (``_pool``)."""
        self._timer.stop()
        self._take_timer.stop()
        self._taking = None
        self._dirty = False
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        for signals in self._signals.values():
            signals.result.disconnect(self._on_result)
            signals.finished.disconnect(self._on_finished)
        self._signals.clear()
        self._running = False
        self._snapshot = None

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

    def _work(self) -> list[tuple[str, str, CompileFn, str, Lexed | None]]:
        """Tabs to compile, the visible one first."""
        python_key = f"python-{self.python_target.currentData()}"
        keys = {"v1": "v1", "v2": "v2", "python": python_key}
        current = self.tabs.currentWidget().tab.key
        order = [current] + [t.key for t in TABS if t.key != current]
        return [(k, self.views[k].tab.language, self._compilers[keys[k]], self.views[k].shown,
                 self.views[k].lexed) for k in order if keys[k] in self._compilers]

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
        self._taking = (self._generation, snapshot_pieces(self._snapshot), [])
        self._take_more()     # (a small pipeline: all of it at once)

    def _take_more(self) -> None:
        """Pickle pieces of the snapshot for SNAPSHOT_BUDGET_S, then again on the next
        event-loop turn; start the job once it is whole. An edit meanwhile (a newer
        generation) drops it: the newest pipeline is taken instead."""
        if self._taking is None:
            return
        generation, pieces, taken = self._taking
        if generation != self._generation or self._snapshot is None:
            self._taking = None
            self._running = False
            if not self._timer.isActive():
                self._start()
            return
        deadline = time.perf_counter() + SNAPSHOT_BUDGET_S
        try:
            for piece in pieces:
                taken.append(piece)
                if time.perf_counter() > deadline:
                    self._take_timer.start()
                    return
            whole: list[bytes] | Pipeline = taken
        except _UNPICKLABLE:
            whole = copy.deepcopy(self._snapshot)
        self._taking = None
        signals = _JobSignals()
        signals.result.connect(self._on_result)
        signals.finished.connect(self._on_finished)
        self._signals[generation] = signals
        self._cancel = threading.Event()
        _pool().start(_Job(generation, whole, self._work(), signals, self._cancel))

    def _on_result(self, result: Result) -> None:
        if result.generation != self._generation:
            return  # an edit came after this snapshot: only the newest is shown
        self.views[result.key].show_result(result)   # emits applied -> updated when shown

    def _on_finished(self, generation: int) -> None:
        self._signals.pop(generation, None)
        self._cancel = None
        self._running = False
        if self._dirty or (generation != self._generation and not self._timer.isActive()):
            self._start()

    # ------------------------------------------------------------------ clicks
    def _clicked(self, view: PreviewView, line: int) -> None:
        """A task's line selects it; in the YAML, a parameter's line its node too."""
        tips = self.tips.get(view.tab.key)
        key = tips.node_at(line) if tips is not None else None
        key = key or view.source_map.task_at(line)
        if key is not None:
            self.node_clicked.emit(key)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "")
