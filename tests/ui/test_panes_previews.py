"""Live previews: compiled off the UI thread, coalesced, highlighted, following selection."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QCoreApplication, QTimer, Qt  # noqa: E402

from designer.compiler import v1 as compiler_v1  # noqa: E402
from designer.compiler import v2 as compiler_v2  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ui.preview.pane import PreviewPane  # noqa: E402

from tests.ui.panes_support import example_pipeline  # noqa: E402

REFERENCE_YAML = (Path(__file__).resolve().parents[2] / "tests" / "data" / "reference"
                  / "example_pipeline.yaml")


def reference_yaml() -> str:
    """kfp 1.8.9's compilation of the example pipeline (tests/data/reference)."""
    return REFERENCE_YAML.read_text()


def make_pane(qtbot, compilers, debounce_ms=20) -> PreviewPane:
    pane = PreviewPane(compilers=compilers, debounce_ms=debounce_ms)
    qtbot.addWidget(pane)
    pane.resize(800, 500)
    pane.show()
    return pane


def wait_shown(qtbot, pane: PreviewPane, key: str = "v1", timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view(key).generation == pane.generation,
                    timeout=timeout)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_compiles_in_a_worker_thread_on_a_copy(qtbot):
    seen = {}

    def fake(p):
        seen["thread"] = threading.get_ident()
        seen["pipeline"] = p
        return f"name: {p.name}\n"

    pane = make_pane(qtbot, {"v1": fake})
    live = example_pipeline()
    pane.set_pipeline(live)
    wait_shown(qtbot, pane)
    assert pane.view("v1").text == "name: example_pipeline\n"
    assert seen["thread"] != threading.get_ident()
    assert seen["pipeline"] is not live and seen["pipeline"] == live
    pane.shutdown()


def test_ui_stays_responsive_while_compiling(qtbot):
    """A CPU-bound compile runs off the UI thread and lets it turn: the compile spins
    (holding the GIL between switches) until the UI thread's timer has ticked three times
    while it runs. On the UI thread it could never see a tick. (How long the UI waits
    between ticks is measured in tests/bench/canvas_bench.py, not here.)"""
    ticks = [0]
    seen = {}

    def spinning(p):
        seen["thread"] = threading.get_ident()
        first = ticks[0]
        guard = time.monotonic() + 60      # a hang guard, not a measurement
        n = 0
        while ticks[0] < first + 3 and time.monotonic() < guard:
            n += 1                          # CPU-bound: pure Python, holds the GIL
        seen["ticks"] = ticks[0] - first
        return "done\n"

    pane = make_pane(qtbot, {"v1": spinning})
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane, timeout=120000)
    timer.stop()
    assert pane.view("v1").text == "done\n"
    assert seen["thread"] != threading.get_ident()
    assert seen["ticks"] >= 3              # the UI thread turned while the compile ran
    pane.shutdown()


def test_bursts_coalesce_and_only_the_newest_result_is_shown(qtbot):
    calls = []
    gate = threading.Event()               # a compile ends when the test opens the gate
    gate.set()

    def fake(p):
        calls.append(p.name)
        assert gate.wait(60)
        return f"name: {p.name}\n"

    pane = make_pane(qtbot, {"v1": fake}, debounce_ms=30)
    shown = []
    pane.updated.connect(lambda key: shown.append(pane.view(key).text))
    p = example_pipeline()
    for i in range(20):                   # a burst of edits, faster than the pause
        p.name = f"edit_{i}"
        pane.set_pipeline(p)
    wait_shown(qtbot, pane)
    assert calls == ["edit_19"]           # one compile, of the newest
    assert shown == ["name: edit_19\n"]

    # Edits that land while a compile runs: that stale result is never shown, and they
    # coalesce into one more compile, of the newest.
    shown.clear()
    calls.clear()
    gate.clear()
    p.name = "first"
    pane.set_pipeline(p)
    qtbot.waitUntil(lambda: calls == ["first"], timeout=10000)   # compiling "first" now
    for i in range(20):
        p.name = f"second_{i}"
        pane.set_pipeline(p)
        QCoreApplication.processEvents()   # pauses come and go: still one compile at a time
    gate.set()
    wait_shown(qtbot, pane)
    assert calls == ["first", "second_19"]
    assert shown == ["name: second_19\n"]
    pane.shutdown()


def test_a_failed_compile_keeps_the_last_good_text_under_a_banner(qtbot):
    def fake(p):
        if p.name == "bad":
            raise InputError("cannot export the pipeline: Task x: required input y has no value.")
        return f"name: {p.name}\n"

    pane = make_pane(qtbot, {"v1": fake, "v2": lambda p: (_ for _ in ()).throw(
        NotImplementedError())})
    p = example_pipeline()
    pane.set_pipeline(p)
    wait_shown(qtbot, pane)
    view = pane.view("v1")
    assert view.banner.isHidden()
    p.name = "bad"
    pane.set_pipeline(p)
    wait_shown(qtbot, pane)
    assert view.text == "name: example_pipeline\n"          # kept
    assert view.banner.isVisible() and "required input y has no value" in view.banner.text()
    assert "last result that compiled" in view.banner.text()
    assert not view.editor.isEnabled()                       # dimmed: it is out of date
    assert "not available yet" in pane.view("v2").banner.text()
    p.name = "good"
    pane.set_pipeline(p)
    wait_shown(qtbot, pane)
    assert view.banner.isHidden() and view.text == "name: good\n" and view.editor.isEnabled()
    pane.shutdown()


def test_yaml_is_highlighted(qtbot):
    pane = make_pane(qtbot, {"v1": lambda p: reference_yaml()})
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane)
    editor = pane.view("v1").editor
    assert editor.line_text(0).startswith("apiVersion: argoproj")
    start, length, colour = next(r for r in editor.formats(0) if r[0] == 0)
    from pygments.token import Name
    assert length == len("apiVersion")
    assert colour == editor.theme.format_for(Name.Tag).foreground().color()
    pane.shutdown()


def reference_compiler(p):
    """The v1 compiler at the reference's compile time: its text, with its source map."""
    from designer.compiler import compile_pipeline
    from tests.golden.goldens import compilation_times
    stamp = compilation_times(reference_yaml())[0]
    return compile_pipeline(p, "v1", compile_time=stamp, with_source_map=True)


def test_selection_scrolls_to_and_highlights_the_task_in_yaml(qtbot):
    text = reference_yaml()
    assert reference_compiler(example_pipeline()).text == text
    pane = make_pane(qtbot, {"v1": reference_compiler})
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane)
    pane.select_task("t2")
    editor = pane.view("v1").editor
    located = editor.located
    lines = text.split("\n")
    starts = [lines[first - 1].strip() for first, _ in located]
    assert starts == ["- name: print-and-return-number-2"] * 2      # dag task, template
    template = max(located, key=lambda r: r[1] - r[0])
    assert "print-and-return-number-2" in "\n".join(lines[template[0] - 1:template[1]])
    assert lines[template[1]].strip().startswith("- name: sum-and-print-numbers")
    top = editor.first_visible_line() + 1
    assert top <= template[0] <= top + 5                           # scrolled to it

    pane.select_task(None)
    assert editor.located == []
    pane.shutdown()


def test_clicking_in_yaml_selects_the_node(qtbot):
    text = reference_yaml()
    pane = make_pane(qtbot, {"v1": reference_compiler})
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane)
    clicked = []
    pane.node_clicked.connect(clicked.append)
    editor = pane.view("v1").editor
    target = line_of(text, "def sum_and_print_numbers")           # inside t3's template
    editor.verticalScrollBar().setValue(target - 5)
    point = editor.point_of(target - 1, 4)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked == ["t3"]
    pane.shutdown()


def test_python_preview_locates_the_statement_and_the_function(qtbot):
    from designer.compiler.python_source import export_python
    pane = make_pane(qtbot, {"python-v1": lambda p: export_python(p, "v1",
                                                                  with_source_map=True)})
    pane.tabs.setCurrentWidget(pane.view("python"))
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane, "python")
    pane.select_task("t2")
    view = pane.view("python")
    lines = view.text.split("\n")
    starts = [lines[first - 1] for first, _ in view.editor.located]
    assert "    number_2_result = print_and_return_number(number_2)" in starts
    assert "@create_component_from_func" in starts                 # decorator + def
    clicked = []
    pane.node_clicked.connect(clicked.append)
    target = line_of(view.text, "number_1_result = ")
    qtbot.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.editor.point_of(target - 1, 4))
    assert clicked == ["t1"]
    pane.shutdown()


def test_python_target_choice_recompiles(qtbot):
    pane = make_pane(qtbot, {"python-v1": lambda p: "import kfp  # v1\n",
                             "python-v2": lambda p: "from kfp import dsl  # v2\n"})
    pane.set_pipeline(example_pipeline())
    wait_shown(qtbot, pane, "python")
    assert "v1" in pane.view("python").text
    pane.python_target.setCurrentIndex(1)
    wait_shown(qtbot, pane, "python")
    assert "v2" in pane.view("python").text
    pane.shutdown()


def test_real_compilers(qtbot):
    from designer.compiler import compile_pipeline
    pane = make_pane(qtbot, None)        # the real compilers
    p = example_pipeline()
    pane.set_pipeline(p)
    for key in ("v1", "v2", "python"):
        wait_shown(qtbot, pane, key, timeout=20000)
        assert pane.view(key).banner.isHidden(), pane.view(key).banner.text()
    v1 = pane.view("v1").text
    # The same text the compiler gives, but for the timestamp annotation.
    expected = compile_pipeline(p, "v1")
    strip = lambda t: [ln for ln in t.split("\n") if "compilation_time" not in ln]  # noqa: E731
    assert strip(v1) == strip(expected)
    assert "def example_pipeline(" in pane.view("python").text
    pane.select_task("t3")
    for key, first in (("v1", "- name: sum-and-print-numbers"), ("v2", "sum-and-print-numbers:")):
        lines = pane.view(key).text.split("\n")
        assert lines[pane.view(key).editor.located[0][0] - 1].strip() == first
    pane.shutdown()


def test_v2_names_follow_dependency_order_like_the_compiler():
    """A task listed first but wired to a later one: kfp v2 names it last (-3)."""
    from designer.compiler import compile_pipeline
    from designer.ir import OutputRef, Task
    p = example_pipeline()
    p.tasks.insert(0, Task("t0", "early", "c_par", {"number": OutputRef("t2", "Output")}))
    compiled = compile_pipeline(p, "v2", with_source_map=True)
    names = compiler_v2.task_names(p)
    assert names["t0"] == "print-and-return-number-3"
    lines = compiled.text.split("\n")
    first, last = compiled.source_map.tasks["t0"][0]
    block = "\n".join(lines[first - 1:last])
    # The block found for t0 is the one fed by t2 (named print-and-return-number-2).
    assert "producerTask: print-and-return-number-2" in block
    assert lines[first - 1].strip() == "print-and-return-number-3:"


def test_kfp_names_and_locations_match_the_reference_compilation():
    p = example_pipeline()
    from designer.compiler import compile_pipeline
    from tests.golden.goldens import compilation_times
    names = compiler_v1.task_names(p)
    assert names == {"t1": "print-and-return-number", "t2": "print-and-return-number-2",
                     "t3": "sum-and-print-numbers"}
    text = reference_yaml()
    compiled = compile_pipeline(p, "v1", compile_time=compilation_times(text)[0],
                                with_source_map=True)
    assert compiled.text == text
    smap = compiled.source_map
    lines = text.split("\n")
    for tid, kfp in names.items():
        dag, template = smap.tasks[tid]
        assert lines[dag[0] - 1].strip() == f"- name: {kfp}"
        assert lines[dag[0]].strip() == f"template: {kfp}"
        assert lines[template[0] - 1].strip() == f"- name: {kfp}"
        assert lines[template[0]].strip() == "container:"
        assert smap.task_at(template[0] + 3) == tid
        assert smap.task_at(dag[1]) == tid
    assert smap.task_at(1) is None


def _rendering(view) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Each line's text and highlight formats, as drawn."""
    editor = view.editor
    return [(editor.line_text(line), [(start, length, colour.name())
                                      for start, length, colour in editor.formats(line)])
            for line in range(editor.line_count())]


def test_an_edit_goes_in_at_once_and_draws_like_a_fresh_view(qtbot):
    """A result goes in at once, laying out no line (lines are laid out when painted);
    the result is drawn exactly like a fresh rendering."""
    from designer.compiler import compile_pipeline
    from designer.ir import Constant, OutputRef, Task
    from designer.ui.preview.pane import PreviewView, TABS, compile_tab

    def v1(p):
        return compile_pipeline(p, "v1", compile_time="2024-01-01T00:00:00")

    p = example_pipeline()
    view = PreviewView(TABS[0])
    qtbot.addWidget(view)
    view.show_result(compile_tab(1, "v1", "yaml", v1, p))
    p.tasks[1].arguments["number"] = Constant(12)                       # a value in the middle
    p.tasks.append(Task("t4", "again", "c_par", {"number": OutputRef("t1", "Output")}))
    result = compile_tab(2, "v1", "yaml", v1, p, base=view.shown)
    assert result.edits and result.base == view.shown
    laid_out = view.editor.laid_out
    view.show_result(result)
    assert view.text == result.text and view.editor.laid_out == laid_out
    changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in result.edits)
    assert 0 < changed < view.editor.line_count() / 2

    fresh = PreviewView(TABS[0])
    qtbot.addWidget(fresh)
    fresh.show_result(compile_tab(3, "v1", "yaml", v1, p))
    assert _rendering(view) == _rendering(fresh)


def test_line_edits_reproduce_any_text():
    import random
    from designer.ui.code.line_edits import line_edits
    rnd = random.Random(7)
    for _ in range(400):
        old = [rnd.choice(["a", "b", "", "ü", "😀 x"]) for _ in range(rnd.randint(0, 6))]
        new = list(old)
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randint(0, len(new))
            choice = rnd.randint(0, 2)
            if choice == 0:
                new.insert(i, rnd.choice(["a", "new", "😀"]))
            elif new and choice == 1:
                del new[min(i, len(new) - 1)]
            elif new:
                new[min(i, len(new) - 1)] = "changed"
        a = "\n".join(old) + ("\n" if rnd.random() < 0.5 else "")
        b = "\n".join(new) + ("\n" if rnd.random() < 0.5 else "")
        lines_a, lines_b, out, i = a.split("\n"), b.split("\n"), [], 0
        for i1, i2, j1, j2 in line_edits(a, b):
            out += lines_a[i:i1] + lines_b[j1:j2]
            i = i2
        assert "\n".join(out + lines_a[i:]) == b


def test_a_hidden_preview_compiles_when_shown(qtbot):
    calls = []
    pane = make_pane(qtbot, {"v1": lambda p: (calls.append(p.name), f"name: {p.name}\n")[1]})
    pane.hide()
    p = example_pipeline()
    pane.set_pipeline(p)
    qtbot.waitUntil(lambda: not pane._timer.isActive())   # the pause is over: it would start
    assert calls == [] and not pane._running
    pane.show()
    wait_shown(qtbot, pane)
    assert calls == ["example_pipeline"] and pane.view("v1").text == "name: example_pipeline\n"
    pane.shutdown()


def test_closing_cancels_the_running_job_without_waiting_for_it(qtbot):
    """A window with a large pipeline used to wait for its previews to compile before it
    closed (5-9 s at 2,000 tasks). Shut down while a compile runs: shutdown returns while
    that compile is still blocked, the job compiles no further tab, and nothing it
    produces reaches the pane."""
    started, gate = threading.Event(), threading.Event()
    calls: list[str] = []

    def blocking(p):
        calls.append("v1")
        started.set()
        gate.wait(60)                        # a hang guard, not a measurement
        return "late\n"

    def second(p):
        calls.append("v2")
        return "v2\n"

    pane = make_pane(qtbot, {"v1": blocking, "v2": second})
    pane.set_pipeline(example_pipeline())
    qtbot.waitUntil(started.is_set, timeout=20000)
    pane.shutdown()                          # returns although the compile is blocked
    assert not gate.is_set() and pane.is_idle()
    shown = pane.view("v1").text
    gate.set()
    from designer.ui.preview.pane import _pool
    qtbot.waitUntil(lambda: _pool().activeThreadCount() == 0, timeout=20000)
    QCoreApplication.processEvents()
    assert calls == ["v1"]                   # the v2 tab was never compiled
    assert pane.view("v1").text == shown     # the late result went nowhere


def test_moving_a_node_does_not_compile_the_previews_again(window, qtbot):
    """A node dragged on the canvas changes the layout only, which no preview shows: the
    previews are not asked to compile again (a rename is)."""
    from PySide6.QtCore import QPointF
    from designer.model import commands as C
    from tests.ui.canvas_helpers import mouse_drag
    from tests.ui.panes_support import example_pipeline
    from designer.persist import Project
    p = example_pipeline()
    window.document.load(Project(p, {t.id: (260.0 * i, 0.0) for i, t in enumerate(p.tasks)}))
    previews = window.panes.previews
    qtbot.waitUntil(previews.is_idle)
    task_id = window.document.pipeline.tasks[0].id
    node = window.scene.nodes[task_id]
    before, at = previews.generation, node.pos()
    grab = node.pos() + QPointF(60, 12)
    mouse_drag(window.view, grab, grab + QPointF(80, 40))
    qtbot.waitUntil(lambda: window.document.layout[task_id] != (at.x(), at.y()))
    assert window.document.undo_stack.count() == 1
    assert previews.generation == before
    window.document.push(C.RenameTask(window.document, task_id, "renamed_task"))
    assert previews.generation == before + 1
    qtbot.waitUntil(previews.is_idle)
    assert "renamed" in previews.view("python").text
