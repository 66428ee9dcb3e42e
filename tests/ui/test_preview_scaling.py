"""The previews' UI-thread work follows what changed and what is on screen, not how long the
compiled text is; the worker gives the UI thread its turn; start-up leaves lexers, the
preview compilers and the runner until they are needed."""
from __future__ import annotations

import gc
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import (Component, OutputRef, ParamRef, Pipeline, PipelineParam,  # noqa: E402
                         Task)
from designer.ui.preview import pane as P  # noqa: E402
from designer.ui.code.highlighter import is_styled, line_spans, make_lexer  # noqa: E402
from designer.ui.code.line_edits import line_edits  # noqa: E402
from designer.compiler import v1 as compiler_v1  # noqa: E402
from designer.compiler import v2 as compiler_v2  # noqa: E402
from designer.ui.preview.pane import TABS, PreviewPane, PreviewView, compile_tab  # noqa: E402

from tests.ui.panes_support import example_pipeline  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
V1, PYTHON = TABS[0], TABS[2]


def chain(n: int) -> Pipeline:
    """n tasks of one component, task i fed by task i-1."""
    comp = Component.from_source("def step(number: int, extra: int = 0) -> int:\n"
                                 "    return number + extra\n", id="step")
    tasks = [Task(f"t{i}", f"step_{i}", "step",
                  {"number": ParamRef("start")} if i == 0
                  else {"number": OutputRef(f"t{i - 1}", "Output")}) for i in range(n)]
    return Pipeline("chain", params=[PipelineParam("start", "int", 1, True)],
                    components=[comp], tasks=tasks)


def v1_text(p: Pipeline) -> str:
    return compile_pipeline(p, "v1", compile_time="2024-01-01T00:00:00")


def rendering(view: PreviewView, first: int = 0, last: int | None = None):
    """Lines ``first:last`` as drawn: text and highlight formats."""
    editor = view.editor
    last = editor.line_count() if last is None else min(last, editor.line_count())
    return [(editor.line_text(line), [(start, length, colour.name())
                                      for start, length, colour in editor.formats(line)])
            for line in range(first, last)]


def expected_formats(view: PreviewView, text: str, line: int):
    """The formats a full pygments lexing of ``text`` gives ``line``."""
    theme = view.editor.theme
    return sorted((s, n, theme.format_for(t).foreground().color().name())
                  for s, n, t in line_spans(text, view.tab.language)[line]
                  if theme.format_for(t) is not None)


def screen_lines(view: PreviewView) -> int:
    return view.editor.visible_lines() + 1


# --------------------------------------------------------------------------- the UI thread

def test_a_long_text_goes_in_at_once_laying_out_only_what_is_seen(qtbot):
    p = chain(120)
    text = v1_text(p)
    view = PreviewView(V1)
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    applied = []
    view.applied.connect(lambda: applied.append(view.text))
    editor = view.editor
    view.show_result(compile_tab(1, "v1", "yaml", lambda _p: text, p, base=view.shown))
    lines = text.count("\n") + 1
    assert lines > 8000
    assert applied == [text] and view.text == text   # at once
    assert editor.line_count() == lines and editor.laid_out == 0        # nothing laid out yet
    qtbot.waitUntil(lambda: editor.laid_out > 0)                          # painted
    laid_out = editor.laid_out
    assert laid_out <= screen_lines(view) + 1 < lines / 50

    # Scrolled to the middle: what is on screen is drawn as a full highlighting would be.
    middle = lines // 2
    editor.verticalScrollBar().setValue(middle)
    qtbot.waitUntil(lambda: editor.is_laid_out(middle + 2))
    assert editor.laid_out <= laid_out + screen_lines(view) + 1
    # ...and what nobody looked at has cost nothing.
    assert not any(editor.is_laid_out(line) for line in range(screen_lines(view) + 2, middle))
    top = editor.first_visible_line()
    for offset, (line, formats) in enumerate(rendering(view, top, top + screen_lines(view))):
        assert formats == expected_formats(view, text, top + offset), line
    assert any(formats for _line, formats in rendering(view, top, top + screen_lines(view)))


def test_results_with_any_edits_draw_like_a_fresh_view(qtbot):
    """Every line stays correctly highlighted whatever the edits."""
    rnd = random.Random(11)
    pool = ["x = 1", "# a note", "def f(a, b):", "    return 'text'", "", "y = [1, 2.5]",
            "class K:", "    pass", "import os"]
    p = example_pipeline()

    def tall_view() -> PreviewView:
        view = PreviewView(PYTHON)
        qtbot.addWidget(view)
        view.resize(700, 1400)          # every line on screen: every line is drawn
        view.show()
        return view

    view = tall_view()
    old: list[str] = []
    for generation in range(12):
        new = list(old)
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randint(0, len(new))
            choice = rnd.randint(0, 2)
            if choice == 0 or not new:
                new[i:i] = rnd.choices(pool, k=rnd.randint(1, 5))
            elif choice == 1:
                del new[i:i + rnd.randint(1, 3)]
            else:
                new[min(i, len(new) - 1)] = rnd.choice(pool)
        new = new[:40]
        text = "\n".join(new)
        view.show_result(compile_tab(generation, "python", "python", lambda _p, t=text: t, p,
                                     base=view.shown))
        assert view.text == text
        fresh = tall_view()
        fresh.show_result(compile_tab(generation, "python", "python", lambda _p, t=text: t, p,
                                      base=fresh.shown))
        assert rendering(view) == rendering(fresh)
        assert any(formats for _line, formats in rendering(view)) or not text.strip()
        old = new


def test_a_newer_result_replaces_the_one_shown(qtbot):
    p = chain(60)
    first = v1_text(p)
    p.tasks[30].name = "renamed"
    p.params[0].default = 7
    second = compile_pipeline(p, "v1", compile_time="2024-01-01T00:00:00")
    view = PreviewView(V1)
    qtbot.addWidget(view)
    view.show_result(compile_tab(1, "v1", "yaml", lambda _p: first, p, base=view.shown))
    assert view.text == first
    view.show_result(compile_tab(2, "v1", "yaml", lambda _p: second, p, base=view.shown))
    assert view.text == second and view.generation == 2


def test_pane_is_idle_only_once_the_text_is_in(qtbot, monkeypatch):
    text = v1_text(chain(80))
    pane = PreviewPane(compilers={"v1": lambda _p: text}, debounce_ms=10)
    qtbot.addWidget(pane)
    pane.resize(800, 400)
    pane.show()
    updated, at_job_end = [], []
    pane.updated.connect(lambda key: updated.append(pane.view(key).text))
    finished = PreviewPane._on_finished

    def spy(self, generation):
        finished(self, generation)
        at_job_end.append((self.view("v1").text == text, self.is_idle()))
    monkeypatch.setattr(PreviewPane, "_on_finished", spy)
    pane.set_pipeline(example_pipeline())
    qtbot.waitUntil(lambda: bool(at_job_end), timeout=20000)
    assert at_job_end == [(True, True)]       # the job is done and its text is in
    qtbot.waitUntil(pane.is_idle, timeout=20000)
    assert updated == [text] and pane.view("v1").text == text
    pane.shutdown()


# --------------------------------------------------------------------------- the worker

def test_the_worker_yields_to_the_ui_thread_and_puts_things_back(qtbot):
    seen = {}
    interval, collecting = sys.getswitchinterval(), gc.isenabled()

    def fake(p):
        seen["gc"] = gc.isenabled()
        seen["interval"] = sys.getswitchinterval()
        return "name: x\n"

    pane = PreviewPane(compilers={"v1": fake}, debounce_ms=10)
    qtbot.addWidget(pane)
    pane.show()
    pane.set_pipeline(example_pipeline())
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view("v1").text == "name: x\n")
    assert seen == {"gc": False, "interval": P.JOB_SWITCH_INTERVAL_S}
    assert gc.isenabled() == collecting and sys.getswitchinterval() == interval
    pane.shutdown()


def test_a_snapshot_comes_in_pieces_and_restores_the_pipeline():
    """The worker unpickles a snapshot a piece at a time (the GIL is free in between):
    the pipeline without its tasks, then SNAPSHOT_TASKS tasks per piece."""
    p = chain(450)
    p.groups = []
    taken = list(P.snapshot_pieces(p))
    assert len(taken) == 1 + -(-450 // P.SNAPSHOT_TASKS)
    copy = P.restore(taken)
    assert copy == p and copy is not p and copy.tasks[0] is not p.tasks[0]
    assert [t.id for t in copy.tasks] == [t.id for t in p.tasks] and len(p.tasks) == 450
    assert compile_pipeline(copy, "v1", compile_time="x") == compile_pipeline(p, "v1",
                                                                              compile_time="x")


def test_the_snapshot_is_taken_over_several_turns_and_an_edit_meanwhile_wins(qtbot,
                                                                             monkeypatch):
    """The UI thread pickles a piece of the snapshot per turn (here: one piece of 5 tasks
    a turn); an edit before it is whole drops it, and the newest pipeline is compiled."""
    monkeypatch.setattr(P, "SNAPSHOT_TASKS", 5)
    monkeypatch.setattr(P, "SNAPSHOT_BUDGET_S", 0.0)
    seen = []

    def fake(p):
        seen.append([t.name for t in p.tasks])
        return f"tasks: {len(p.tasks)}\n"

    p = chain(40)
    edited: list[int] = []
    take_more = PreviewPane._take_more

    def spy(self):     # an edit once three pieces are taken (of 1 + 8)
        if self._taking is not None and len(self._taking[2]) == 3 and not edited:
            edited.append(len(seen))
            p.tasks.append(Task("t40", "late", "step", {"number": OutputRef("t39", "Output")}))
            p.tasks[3].name = "renamed"
            self.set_pipeline(p)
        take_more(self)
    monkeypatch.setattr(PreviewPane, "_take_more", spy)
    pane = PreviewPane(compilers={"v1": fake}, debounce_ms=10)
    qtbot.addWidget(pane)
    pane.show()
    pane.set_pipeline(p)
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view("v1").generation == pane.generation)
    assert edited == [0]                                     # no job before it was whole
    assert pane.view("v1").text == "tasks: 41\n"
    assert seen == [[t.name for t in p.tasks]]               # only the newest, whole
    pane.shutdown()


def test_spans_of_a_long_text_are_a_few_objects_for_the_collector():
    text = v1_text(chain(40))
    table = line_spans(text, "yaml")
    referents = [r for r in gc.get_referents(table) if not isinstance(r, type)]
    assert len(referents) == 2
    assert all(all(isinstance(x, type) for x in gc.get_referents(r)) for r in referents)
    # The same spans as lexing the whole text and cutting its styled tokens at each newline.
    lines = text.split("\n")
    expected: list[list] = [[] for _ in lines]
    line, col = 0, 0
    unstyled = 0
    for _pos, ttype, value in make_lexer("yaml").get_tokens_unprocessed(text):
        for i, part in enumerate(value.split("\n")):
            if i:
                line, col = line + 1, 0
            if part and is_styled(ttype):
                expected[line].append((col, len(part), ttype))
            unstyled += bool(part) and not is_styled(ttype)
            col += len(part)
    assert unstyled > sum(map(len, expected)) / 4        # whitespace gets no span
    assert table._data.itemsize == 2
    assert len(table) == len(lines)
    assert [table[i] for i in range(len(lines))] == expected


def apply_text(old: str, edits, new: str) -> str:
    """What ``edits`` make of ``old`` (a plain-Python reading of them)."""
    a, b = old.split("\n"), new.split("\n")
    out, i = [], 0
    for i1, i2, j1, j2 in edits:
        assert i1 >= i and j1 == len(out) + i1 - i   # in order, equal lines in between
        out += a[i:i1] + b[j1:j2]
        i = i2
    return "\n".join(out + a[i:])


def random_edit(rnd: random.Random, old: list[str], pool: list[str]) -> list[str]:
    new = list(old)
    for _ in range(rnd.randint(1, 8)):
        i = rnd.randint(0, len(new))
        choice = rnd.randint(0, 3)
        if choice == 0 or not new:
            new[i:i] = rnd.choices(pool, k=rnd.randint(1, 5))
        elif choice == 1:
            del new[i:i + rnd.randint(1, 4)]
        elif choice == 2:
            new[min(i, len(new) - 1)] = "changed"
        else:
            new.insert(rnd.randint(0, len(new)), new.pop(rnd.randint(0, len(new) - 1)))
    return new


def test_line_edits_are_exact_and_local():
    rnd = random.Random(3)
    pool = ["a", "b", "", "c", "d d", "e", "- name: x", "  value: 1"]
    for _ in range(1500):
        old = rnd.choices(pool, k=rnd.randint(0, 150))
        new = random_edit(rnd, old, pool)
        a = "\n".join(old) + ("\n" if rnd.random() < 0.5 else "")
        b = "\n".join(new) + ("\n" if rnd.random() < 0.5 else "")
        assert apply_text(a, line_edits(a, b), b) == b
    # A compiled text with changes all over: the edits cover about what changed.
    p = chain(150)
    a = v1_text(p)
    for task in p.tasks[::10]:
        task.after = [p.tasks[0].id] if task is not p.tasks[0] else []
    b = v1_text(p)
    edits = line_edits(a, b)
    assert apply_text(a, edits, b) == b
    changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in edits)
    old_lines, new_lines = set(a.split("\n")), set(b.split("\n"))
    assert 14 <= len(edits) and changed <= 4 * len(new_lines - old_lines | old_lines - new_lines)


def test_line_edits_split_out_only_the_lines_between_the_equal_head_and_tail(monkeypatch):
    """A change of one line in a 100k-line text compares a line or two, not 2 x 100k."""
    from designer.ui.code import line_edits as LE
    seen = []
    diff = LE._diff
    monkeypatch.setattr(LE, "_diff", lambda a, b: (seen.append((len(a), len(b))), diff(a, b))[1])
    lines = [f"line {i}: é" for i in range(100_000)]
    old = "\n".join(lines) + "\n"
    changed = list(lines)
    changed[50_000] = "changed"
    new = "\n".join(changed) + "\n"
    assert line_edits(old, new) == [(50_000, 50_001, 50_000, 50_001)]
    assert seen == [(1, 1)]
    grown = "\n".join(lines[:10] + ["a", "b"] + lines[10:]) + "\n"
    assert line_edits(old, grown) == [(10, 10, 10, 12)] and max(seen[-1]) <= 3
    assert line_edits(old, old + "tail") == [(100_000, 100_001, 100_000, 100_001)]
    assert line_edits(old, old) == [] and line_edits("", "x") == [(0, 1, 0, 1)]
    # Texts that share a head and a tail inside one line, and lines that repeat.
    for a, b in (("ab\ncd", "ab\nxd"), ("x\n\nx\n", "x\n\n\nx\n"), ("aaa", "aa"),
                 ("\n\n", "\n"), ("a\nb", "b"), ("q\nb\nq", "q\nq")):
        assert apply_text(a, line_edits(a, b), b) == b, (a, b)


def test_tasks_are_located_in_long_yaml():
    p = chain(150)
    for target in ("v1", "v2"):
        compiled = compile_pipeline(p, target, with_source_map=True,
                                    **({"compile_time": "x"} if target == "v1" else {}))
        names = (compiler_v1 if target == "v1" else compiler_v2).task_names(p)
        smap = compiled.source_map
        locations = smap.tasks
        lines = compiled.text.split("\n")
        assert set(locations) == {t.id for t in p.tasks}
        for tid, ranges in locations.items():
            first, last = ranges[0]
            head = lines[first - 1].strip()
            assert head == (f"- name: {names[tid]}" if target == "v1" else f"{names[tid]}:")
            assert smap.task_at((first + last) // 2) == tid
            big = max(ranges, key=lambda r: r[1] - r[0])
            assert smap.task_at((big[0] + big[1]) // 2) == tid
        # Tasks' own pieces do not overlap one another.
        firsts = sorted(r[0] for ranges in locations.values() for r in ranges[:1])
        assert len(firsts) == len(set(firsts))


# --------------------------------------------------------------------------- start-up

def test_start_up_leaves_lexers_compilers_and_the_runner_for_later():
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QEventLoop, QTimer
        from designer.ui.app import application
        from designer.ui.main_window import MainWindow
        app = application()
        w = MainWindow()
        w.files.open_example()
        late = ("pygments.lexer", "designer.runner", "designer.ui.run.session",
                "designer.compiler.v2", "designer.compiler.v1", "difflib")
        print("before", [m for m in late if m in sys.modules])
        print("lexer made", w.panes.code.editor.highlighter._lexer is not None)
        w.resize(1280, 820)
        w.show()
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        print("after", "designer.ui.run.session" in sys.modules, w._runs is not None)
        w.document.undo_stack.setClean()
        w.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=str(REPO), env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines == ["before []", "lexer made False", "after True True"], out.stdout


def test_the_run_dock_made_after_the_first_paint_joins_the_bottom_tabs(make_window, qtbot):
    window = make_window()
    qtbot.waitUntil(lambda: window._runs is not None, timeout=5000)
    run, code = window.docks["run"], window.docks["code"]
    assert run in window.tabifiedDockWidgets(code)
    assert not code.visibleRegion().isEmpty() and run.visibleRegion().isEmpty()
    assert window.runs.act_run in window.runs.menu.actions()
    # Laid out as when the run dock is there before the window shows.
    from designer.ui.main_window import MainWindow
    eager = MainWindow()
    eager.runs  # noqa: B018  (made before show)
    eager.resize(window.size())
    eager.show()
    qtbot.waitExposed(eager)
    qtbot.waitUntil(lambda: eager.view.viewport().size() == window.view.viewport().size())
    assert [d for d in eager.tabifiedDockWidgets(eager.docks["code"])] and \
        eager.docks["run"] in eager.tabifiedDockWidgets(eager.docks["code"])
    eager.document.undo_stack.setClean()
    eager.close()
