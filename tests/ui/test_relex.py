"""Previews re-lex only the lines an edit changed (#16), and get the same spans as lexing
the whole text: checked on random edits of real compiler output, and counted."""
from __future__ import annotations

import os
import random

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.compiler.python_source import export_python  # noqa: E402
from designer.ir import Constant  # noqa: E402
from designer.ui.code.highlighter import line_spans  # noqa: E402
from designer.ui.code.line_edits import line_edits  # noqa: E402
from designer.ui.code.relex import MARK_EVERY, lex, relex  # noqa: E402
from designer.ui.preview.pane import PreviewPane, compile_tab, default_compilers  # noqa: E402,E501

from tests.ui.panes_support import example_pipeline  # noqa: E402
from tests.ui.test_preview_scaling import chain, expected_formats, rendering, \
    screen_lines  # noqa: E402

# YAML the compilers do not write but a lexer must survive: block scalars with blank
# lines, quoted scalars over several lines, flow collections, comments, documents.
ODD_YAML = """\
%YAML 1.2
---
# a comment
a: |-
  line one

    indented more
  last
b: 'quoted
  over lines'
c: "double \\"quoted\\"
  too"
d: [1, {e: f, g: [h, i]}, 'j']
- item: >
    folded
    text
? complex key
: value
...
---
plain: scalar that
  continues
"""


def spans(table) -> list:
    return [table[i] for i in range(len(table))]


def texts() -> dict[str, tuple[str, str]]:
    p = chain(12)
    return {
        "v1": (compile_pipeline(p, "v1", compile_time="2024-01-01T00:00:00"), "yaml"),
        "v2": (compile_pipeline(example_pipeline(), "v2"), "yaml"),
        "odd": (ODD_YAML, "yaml"),
        "python": (export_python(p, "v2"), "python"),
    }


@pytest.mark.parametrize("key", ["v1", "v2", "odd", "python"])
def test_lexing_whole_gives_pygments_spans(key):
    text, language = texts()[key]
    lexed = lex(text, language)
    assert spans(lexed.spans) == spans(line_spans(text, language))
    assert lexed.marks and all(line % MARK_EVERY == 0 for line in lexed.marks)


def mutate(rnd: random.Random, lines: list[str], pool: list[str]) -> list[str]:
    new = list(lines)
    for _ in range(rnd.randint(1, 5)):
        if len(new) < 3:
            new += pool[:5]
        k = rnd.randrange(len(new))
        op = rnd.random()
        if op < 0.25:
            new[k] = rnd.choice(pool)
        elif op < 0.45:
            new[k:k] = rnd.choices(pool, k=rnd.randint(1, 6))
        elif op < 0.65:
            del new[k:k + rnd.randint(1, 40)]
        elif op < 0.8:   # open a quote, a block scalar, a string, a bracket...
            new[k] += rnd.choice(["'", '"', " |-", ": x", " #", '"""', "(", "\\", "["])
        elif op < 0.9:
            new[k] = " " * rnd.randint(0, 9) + new[k].lstrip()
        else:
            new[k:k] = ["", "  - |", "    code", "", '    """doc', "x: [1,"]
    return new


@pytest.mark.parametrize("key", ["v1", "v2", "odd", "python"])
def test_relexing_after_random_edits_equals_lexing_whole(key):
    text, language = texts()[key]
    rnd = random.Random(16)
    pool = text.split("\n")
    current = lex(text, language)
    for _trial in range(60):
        new_text = "\n".join(mutate(rnd, current.text.split("\n"), pool))
        again = relex(current, new_text, line_edits(current.text, new_text))
        whole = lex(new_text, language)
        assert spans(again.spans) == spans(whole.spans)
        # A mark is the lexer's state at its line, as lexing whole finds it there.
        assert all(whole.marks.get(line, state) == state for line, state in again.marks.items())
        if rnd.random() < 0.7:      # go on from the re-lexed result (its marks) or the old one
            current = again


@pytest.mark.parametrize("target", ["v1", "v2"])
def test_an_edit_relexes_the_same_few_lines_however_long_the_pipeline(target):
    """The work of an edit (a constant given to one task's input) does not grow with the
    pipeline: counted in lines lexed. (A rename changes only the Python: kfp names a
    task's template after its component.)"""
    counts = {}
    for n in (50, 400):
        p = chain(n)
        before = compile_pipeline(p, target, compile_time="2024-01-01T00:00:00")
        p.tasks[n // 2].arguments["extra"] = Constant(7)
        after = compile_pipeline(p, target, compile_time="2024-01-01T00:00:00")
        edits = line_edits(before, after)
        again = relex(lex(before, "yaml"), after, edits)
        assert spans(again.spans) == spans(line_spans(after, "yaml"))
        changed = sum(j2 - j1 for _i1, _i2, j1, j2 in edits)
        counts[n] = again.lexed_lines
        assert edits and again.lexed_lines <= changed + len(edits) * 3 * MARK_EVERY
    assert after.count("\n") > 100 * counts[400]
    assert counts[400] <= 2 * counts[50]


def test_the_worker_relexes_from_what_the_view_shows():
    p = chain(60)
    first = compile_tab(1, "v1", "yaml", lambda _p: compile_pipeline(
        p, "v1", compile_time="2024-01-01T00:00:00"), p)
    assert first.lexed.lexed_lines == first.text.count("\n") + 1     # lexed whole
    p.tasks[10].arguments["extra"] = Constant(7)
    second = compile_tab(2, "v1", "yaml", lambda _p: compile_pipeline(
        p, "v1", compile_time="2024-01-01T00:00:00"), p, base=first.text,
        base_lexed=first.lexed)
    assert second.edits and 0 < second.lexed.lexed_lines < 10 * MARK_EVERY
    assert spans(second.spans) == spans(line_spans(second.text, "yaml"))
    # A base the lexing is not of is lexed whole, not trusted.
    third = compile_tab(3, "v1", "yaml", lambda _p: first.text, p, base=second.text,
                        base_lexed=first.lexed)
    assert third.lexed.lexed_lines == first.text.count("\n") + 1


def test_an_edit_in_the_pane_relexes_a_few_lines_and_draws_as_a_fresh_lexing(qtbot):
    """Through the real pane and compilers: after an edit, the worker lexed a few lines
    of the v1 YAML, and the lines on screen are drawn as a whole lexing would draw them."""
    p = chain(100)
    lexed_lines: list[int] = []
    pane = PreviewPane(compilers={"v1": default_compilers()["v1"]}, debounce_ms=10)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    view = pane.view("v1")
    pane.set_pipeline(p)
    qtbot.waitUntil(lambda: pane.is_idle() and view.generation == pane.generation,
                    timeout=60_000)
    assert view.lexed is not None and view.lexed.text == view.shown
    lines = view.shown.count("\n") + 1
    before = view.shown
    p.tasks[50].arguments["extra"] = Constant(7)
    pane.set_pipeline(p)
    qtbot.waitUntil(lambda: pane.is_idle() and view.generation == pane.generation
                    and view.text != before, timeout=60_000)
    lexed_lines.append(view.lexed.lexed_lines)
    assert 0 < lexed_lines[0] < lines / 30
    pane.select_task("t50")        # scroll to the edited task
    qtbot.waitUntil(lambda: any(f for _l, f in rendering(
        view, view.editor.first_visible_line(),
        view.editor.first_visible_line() + screen_lines(view))))
    top = view.editor.first_visible_line()
    for offset, (_line, formats) in enumerate(rendering(view, top, top + screen_lines(view))):
        assert formats == expected_formats(view, view.text, top + offset)
    pane.shutdown()


@pytest.mark.parametrize("language", ["yaml", "python"])
def test_columns_past_two_bytes_widen_the_table_and_stay_exact(language):
    """Span numbers go in 2 bytes while they fit; a line longer than 65,535 characters
    widens the table, in a whole lexing and in a re-lexing that copies from either."""
    long_line = ("x = '" + "a" * 70_000 + "' # end") if language == "python" \
        else ("key: '" + "a" * 70_000 + "'  # end")
    short = "x = 1" if language == "python" else "k: 1"
    old = "\n".join([short] * 40) + "\n"
    new = "\n".join([short] * 20 + [long_line] + [short] * 20) + "\n"
    first = lex(old, language)
    assert first.spans._data.itemsize == 2
    grown = relex(first, new, line_edits(old, new))
    assert grown.spans._data.itemsize == 4
    assert spans(grown.spans) == spans(line_spans(new, language)) == spans(lex(new, language).spans)
    assert grown.spans[20][-1][0] > 70_000                       # the comment, past 65,535
    back = "\n".join([short] * 19 + ["y = 2" if language == "python" else "j: 2"]
                     + [short] * 21) + "\n"
    again = relex(grown, back, line_edits(new, back))
    assert spans(again.spans) == spans(line_spans(back, language))
    edited = new.replace(short + "\n", "z = 3\n" if language == "python" else "z: 3\n", 1)
    assert spans(relex(grown, edited, line_edits(new, edited)).spans) == \
        spans(line_spans(edited, language))


def test_marks_share_their_states():
    """A mark is the lexer's state at a line; a long YAML has thousands of marks but a
    handful of states, each kept once."""
    text = compile_pipeline(chain(60), "v1", compile_time="2024-01-01T00:00:00")
    first = lex(text, "yaml")
    states = list(first.marks.values())
    assert len(states) > 100
    assert len({id(s) for s in states}) == len(set(states)) < len(states) / 10
    edited = text.replace("step-30", "step-x", 1)
    again = relex(first, edited, line_edits(text, edited))
    assert len({id(s) for s in again.marks.values()}) == len(set(again.marks.values()))
