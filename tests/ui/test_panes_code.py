"""The code pane: highlighting, gutter, indentation help, debounced edits, errors, undo."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtGui import QColor, QKeySequence, QPalette, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QMainWindow  # noqa: E402

from designer.ir import Component, Pipeline, Task, signature_from_source  # noqa: E402
from designer.model import commands as C  # noqa: E402
from designer.model.document import Document  # noqa: E402
from designer.persist import Project  # noqa: E402
from designer.ui.code.editor import CodeEditor, new_component_source  # noqa: E402
from designer.ui.panes.code_pane import CodeEditorPane  # noqa: E402
from designer.ui.code.highlighter import theme_for  # noqa: E402

from tests.ui.panes_support import PRINT_AND_RETURN, example_pipeline  # noqa: E402

DEBOUNCE = 60


def colour_at(editor: CodeEditor, line: int, column: int) -> str | None:
    """Foreground colour the highlighter gave the character at (1-based line, column)."""
    block = editor.document().findBlockByNumber(line - 1)
    for r in block.layout().formats():
        if r.start <= column < r.start + r.length:
            return r.format.foreground().color().name()
    return None


def token_colour(editor: CodeEditor, ttype) -> str:
    return editor.theme.format_for(ttype).foreground().color().name()


def move_to(editor: CodeEditor, line: int, column: int | None = None) -> None:
    block = editor.document().findBlockByNumber(line - 1)
    c = QTextCursor(block)
    if column is None:
        c.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    else:
        c.setPosition(block.position() + column)
    editor.setTextCursor(c)


@pytest.fixture
def pane(qtbot):
    w = CodeEditorPane(debounce_ms=DEBOUNCE)
    qtbot.addWidget(w)
    w.resize(700, 400)
    w.show()
    return w


@pytest.fixture
def doc_pane(qtbot, pane):
    """A real Document with the example pipeline, wired to the pane as the window will."""
    doc = Document(Project(example_pipeline(), {}))
    pane.set_pipeline(doc.pipeline)
    pane.set_component("c_par")
    pane.source_edited.connect(lambda cid, src: doc.push(C.SetComponentSource(doc, cid, src)))
    doc.changed.connect(lambda: pane.set_pipeline(doc.pipeline))
    return doc, pane


# --------------------------------------------------------------------------- highlighting

def test_python_tokens_are_coloured_and_docstrings_span_lines(qtbot):
    from pygments.token import Keyword, Name, String
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText('def f(x: int) -> int:\n    """Doc\n    still doc\n    """\n    return x\n')
    assert colour_at(ed, 1, 0) == token_colour(ed, Keyword)          # def
    assert colour_at(ed, 1, 4) == token_colour(ed, Name.Function)    # f
    doc_colour = token_colour(ed, String.Doc)
    assert colour_at(ed, 3, 6) == doc_colour          # inside the docstring, a line of its own
    assert colour_at(ed, 5, 4) == token_colour(ed, Keyword)          # return: docstring closed

    # Closing quotes removed: the lines below become string; the state follows the edit.
    move_to(ed, 4)
    c = ed.textCursor()
    c.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    c.insertText("    ")
    assert colour_at(ed, 5, 4) == doc_colour


def test_theme_follows_palette_lightness(qtbot):
    from pygments.token import Keyword
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText("def f():\n    pass\n")
    light_kw = colour_at(ed, 1, 0)
    assert not ed.theme.dark
    dark = QPalette(ed.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2d2d2d"))
    ed.setPalette(dark)
    assert ed.theme.dark and theme_for(dark).dark
    assert colour_at(ed, 1, 0) == token_colour(ed, Keyword) != light_kw
    assert ed.palette().color(QPalette.ColorRole.Base).lightness() < 100


def test_gutter_reserves_room_for_line_numbers(qtbot):
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText("x = 1\n")
    narrow = ed.gutter_width()
    assert ed.viewportMargins().left() == narrow > 0
    ed.setPlainText("x = 1\n" * 12000)
    assert ed.gutter_width() > narrow                  # five digits need more room
    assert ed.viewportMargins().left() == ed.gutter_width()


# --------------------------------------------------------------------------- indentation help

def test_enter_keeps_and_adds_indentation(qtbot):
    ed = CodeEditor()
    qtbot.addWidget(ed)
    qtbot.keyClicks(ed, "def f(x):")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    qtbot.keyClicks(ed, "if x:")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    qtbot.keyClicks(ed, "return 1")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    qtbot.keyClicks(ed, "return 2")
    assert ed.toPlainText() == "def f(x):\n    if x:\n        return 1\n    return 2"


def test_tab_shift_tab_backspace_and_comment(qtbot):
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText("a = 1\nb = 2\nc = 3")
    c = ed.textCursor()
    c.setPosition(0)
    c.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(c)
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    assert ed.toPlainText() == "    a = 1\n    b = 2\n    c = 3"
    qtbot.keyClick(ed, Qt.Key.Key_Backtab)
    assert ed.toPlainText() == "a = 1\nb = 2\nc = 3"
    qtbot.keyClick(ed, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert ed.toPlainText() == "# a = 1\n# b = 2\n# c = 3"
    qtbot.keyClick(ed, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert ed.toPlainText() == "a = 1\nb = 2\nc = 3"

    ed.setPlainText("x")
    move_to(ed, 1, 0)
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    assert ed.toPlainText() == "        x"
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)   # back to the previous indent stop
    assert ed.toPlainText() == "    x"
    qtbot.keyClick(ed, Qt.Key.Key_End)
    qtbot.keyClick(ed, Qt.Key.Key_Home)         # smart home: first non-blank, then column 0
    assert ed.textCursor().positionInBlock() == 4
    qtbot.keyClick(ed, Qt.Key.Key_Home)
    assert ed.textCursor().positionInBlock() == 0


def test_standard_editing_shortcuts_still_work(qtbot):
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText("alpha")
    qtbot.keyClick(ed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)   # select all
    qtbot.keyClick(ed, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)   # copy
    move_to(ed, 1)
    qtbot.keyClick(ed, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)   # paste
    assert ed.toPlainText() == "alphaalpha"


# --------------------------------------------------------------------------- the pane's edits

def test_typing_emits_one_edit_per_pause(qtbot, pane):
    comp = Component.from_source(PRINT_AND_RETURN, id="c1")
    pane.set_pipeline(Pipeline("p", components=[comp], tasks=[Task("t", "t", "c1")]))
    pane.set_component("c1")
    edits = []
    pane.source_edited.connect(lambda cid, src: edits.append((cid, src)))
    move_to(pane.editor, 1, len("def print_and_return_number(number: int"))
    qtbot.keyClicks(pane.editor, ", extra: str")
    assert edits == []                                   # still typing
    qtbot.waitUntil(lambda: len(edits) == 1, timeout=2000)
    assert not pane.typing_pending and len(edits) == 1   # sent once, nothing left to send
    assert edits[0][0] == "c1"
    assert [i.name for i in signature_from_source(edits[0][1]).inputs] == ["number", "extra"]


def test_typing_updates_ports_and_merges_into_one_undo_step_per_pause(qtbot, doc_pane):
    doc, pane = doc_pane
    now = [100.0]
    doc.clock = lambda: now[0]        # the document's clock: the test decides what a pause is
    changed_tasks = []
    doc.task_changed.connect(changed_tasks.append)
    comp = doc.component("c_par")
    move_to(pane.editor, 1, len("def print_and_return_number(number: int"))
    for piece in (", scale", ": float = 1.0"):     # two bursts, each ends with a short pause
        qtbot.keyClicks(pane.editor, piece)
        qtbot.waitUntil(lambda p=piece: comp.source.split("\n")[0].count(p) == 1, timeout=2000)
        now[0] += C.PAUSE / 4                          # a short pause: shorter than PAUSE
    assert [i.name for i in comp.signature.inputs] == ["number", "scale"]
    assert comp.signature.input("scale").annotation == "float"
    assert {"t1", "t2"} <= set(changed_tasks)          # both tasks using it got the new port
    assert doc.undo_stack.count() == 1                 # pauses shorter than PAUSE merge

    now[0] += C.PAUSE * 2                              # a real pause: the next edit is a new step
    move_to(pane.editor, 1, len("def print_and_return_number(number: int"))
    for _ in range(len(", scale: float = 1.0")):
        qtbot.keyClick(pane.editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: comp.signature.input("scale") is None, timeout=2000)
    assert doc.undo_stack.count() == 2

    doc.undo_stack.undo()
    assert comp.signature.input("scale") is not None
    assert "scale: float = 1.0" in pane.editor.toPlainText()     # the pane follows undo
    doc.undo_stack.undo()
    assert comp.source == PRINT_AND_RETURN
    assert pane.editor.toPlainText() == PRINT_AND_RETURN


def test_syntax_error_is_marked_and_ports_keep_their_last_good_state(qtbot, doc_pane):
    doc, pane = doc_pane
    comp = doc.component("c_par")
    good_signature = comp.signature
    move_to(pane.editor, 2)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.editor, "x = (")
    assert pane.editor.error_line is not None           # marked as typed, before the pause
    qtbot.waitUntil(lambda: "x = (" in comp.source, timeout=2000)
    assert pane.error is not None and "syntax error" in pane.error.message
    assert pane.editor.error_line == pane.error.line
    assert "ports keep their last good state" in pane.status.text()
    assert comp.signature == good_signature            # ports unchanged
    from designer.ir import validate
    assert any(d.component_id == "c_par" and d.line for d in validate(doc.pipeline))

    qtbot.keyClicks(pane.editor, "1)")
    qtbot.waitUntil(lambda: "x = (1)" in comp.source, timeout=2000)
    assert pane.error is None and pane.editor.error_line is None
    assert "✓" in pane.status.text()
    assert not [d for d in validate(doc.pipeline) if d.component_id == "c_par"]


def test_wires_a_signature_change_breaks_are_flagged_not_dropped(qtbot, doc_pane):
    from designer.ir import validate
    doc, pane = doc_pane
    sap = doc.component("c_sap")
    pane.set_component("c_sap")
    move_to(pane.editor, 1, len("def sum_and_print_numbers(number_1: int, number_2"))
    qtbot.keyClick(pane.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(pane.editor, "3")          # number_2 -> number_3: its wire has no input now
    qtbot.waitUntil(lambda: sap.signature.input("number_3") is not None, timeout=2000)
    task = doc.task("t3")
    assert "number_2" in task.arguments        # the wire is kept...
    flagged = [d for d in validate(doc.pipeline) if d.task_id == "t3" and d.field == "number_2"]
    assert flagged and "no such input" in flagged[0].message   # ...and reported
    pane.set_problems([d.message for d in flagged])
    assert "no such input" in pane.status.text()


def test_new_component_starts_from_a_typed_skeleton(qtbot, pane):
    pane.set_pipeline(Pipeline("p", components=[Component.from_source(
        new_component_source(), id="c0")]))
    requested = []
    pane.new_component_requested.connect(requested.append)
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    sig = signature_from_source(requested[0])
    assert sig.function_name == "new_component_2"       # not the name already taken
    assert sig.inputs and all(i.annotation for i in sig.inputs)
    assert sig.return_annotation == "str"


def test_ctrl_z_flushes_typing_then_runs_the_window_undo(qtbot, monkeypatch):
    monkeypatch.setattr(C, "PAUSE", 30.0)
    doc = Document(Project(example_pipeline(), {}))
    window = QMainWindow()
    qtbot.addWidget(window)
    pane = CodeEditorPane(debounce_ms=5000)            # the pause never comes by itself
    window.setCentralWidget(pane)
    undo = doc.undo_stack.createUndoAction(window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    window.addAction(undo)
    pane.set_pipeline(doc.pipeline)
    pane.set_component("c_par")
    pane.source_edited.connect(lambda cid, src: doc.push(C.SetComponentSource(doc, cid, src)))
    doc.changed.connect(lambda: pane.set_pipeline(doc.pipeline))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)    # window shortcuts need an active window
    pane.editor.setFocus()
    move_to(pane.editor, 3)
    qtbot.keyClicks(pane.editor, "  # note")
    assert doc.component("c_par").source == PRINT_AND_RETURN     # not sent yet
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The typing became a command, and that command was undone: back to the original.
    assert doc.undo_stack.count() == 1 and doc.undo_stack.index() == 0
    assert doc.component("c_par").source == PRINT_AND_RETURN
    assert pane.editor.toPlainText() == PRINT_AND_RETURN


def test_undo_key_without_a_window_action_asks_by_signal(qtbot, pane):
    comp = Component.from_source(PRINT_AND_RETURN, id="c1")
    pane.set_pipeline(Pipeline("p", components=[comp]))
    pane.set_component("c1")
    asked = []
    pane.undo_requested.connect(lambda: asked.append("undo"))
    pane.redo_requested.connect(lambda: asked.append("redo"))
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["undo", "redo"]
    assert pane.editor.toPlainText() == PRINT_AND_RETURN    # the text widget did not undo


def test_external_change_does_not_clobber_pending_typing(qtbot, pane):
    comp = Component.from_source(PRINT_AND_RETURN, id="c1")
    p = Pipeline("p", components=[comp], tasks=[Task("t", "t", "c1")])
    pane.set_pipeline(p)
    pane.set_component("c1")
    move_to(pane.editor, 3)
    qtbot.keyClicks(pane.editor, "  # typing")
    p.tasks[0].name = "renamed"                  # some other edit refreshes the pane
    pane.set_pipeline(p)
    assert pane.editor.toPlainText().endswith("  # typing\n")
    assert "renamed" in pane.users.text()


def test_switching_component_sends_pending_typing_for_the_old_one(qtbot, pane):
    a = Component.from_source(PRINT_AND_RETURN, id="a")
    b = Component.from_source(new_component_source("other"), id="b")
    pane.set_pipeline(Pipeline("p", components=[a, b]))
    pane.set_component("a")
    edits = []
    pane.source_edited.connect(lambda cid, src: edits.append((cid, src)))
    move_to(pane.editor, 3)
    qtbot.keyClicks(pane.editor, "  # kept")
    pane.set_component("b")
    assert pane.editor.toPlainText() == b.source
    qtbot.waitUntil(lambda: len(edits) == 1, timeout=1000)
    assert edits[0][0] == "a" and edits[0][1].endswith("return number  # kept\n")
    assert not pane.typing_pending               # no pause timer left to send it again
    QCoreApplication.processEvents()
    assert len(edits) == 1


def test_an_error_mark_said_again_after_new_text_marks_the_new_text(qtbot):
    """The editor skips laying its marks again when a refresh repeats the same error,
    but not after its text changed (the marks' cursors belong to the old text)."""
    ed = CodeEditor()
    qtbot.addWidget(ed)
    ed.setPlainText("a = 1\nb = (\nc = 3\n")

    def error_rows() -> list[tuple[int, int]]:
        colour = ed._theme.error_background
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in ed.extraSelections() if s.format.background().color() == colour]
    ed.set_error(2, "unclosed")
    before = error_rows()
    assert before
    ed.set_error(2, "unclosed")
    assert error_rows() == before
    ed.setPlainText("first_line_is_longer = 1\nb = (\nc = 3\n")
    ed.set_error(2, "unclosed")
    start = ed.document().findBlockByNumber(1).position()
    assert error_rows() and error_rows()[0][0] == start
