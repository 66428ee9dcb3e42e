"""File actions: save and reopen, the unsaved-changes prompt, refusing bad files, exports."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from designer import persist
from designer.model import commands as C
from designer.model.document import snapshot
from designer.ui import dialogs
from designer.ui.dialogs import SaveAnswer
from designer.inputs import example_path
from designer.ui.main_window import open_windows

from tests.ui.canvas_helpers import drop_component

REFERENCE_PY = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.py"


def test_save_and_reopen_gives_the_same_document(make_window, dialogs_script, tmp_path):
    window = make_window()
    assert window.files.open_example()
    assert window.windowTitle().startswith("example_pipeline.kfpd (example)")
    assert not window.isWindowModified()
    drop_component(window, "greet", QPointF(200, 400))
    assert window.isWindowModified()
    target = tmp_path / "mine.kfpd"
    dialogs_script.save_paths.append(str(tmp_path / "mine"))  # the suffix is added
    assert window.files.save()
    assert target.exists() and not window.isWindowModified()
    assert window.windowTitle().startswith("mine.kfpd")
    saved = snapshot(window.document)

    other = make_window()
    assert other.files.open_path(str(target))
    assert snapshot(other.document) == saved
    assert other.document.path == str(target)
    assert set(other.scene.nodes) == set(window.scene.nodes)
    assert len(other.scene.wires) == len(window.scene.wires) == 4
    assert other.files.recent()[0] == str(target)
    # Saving again writes to the same path without asking.
    other.document.push(C.SetPipelineInfo(other.document, description="changed"))
    assert other.files.save() and persist.load(target).pipeline.description == "changed"


def test_closing_with_unsaved_changes_asks(make_window, dialogs_script, tmp_path):
    window = make_window()
    drop_component(window, "greet", QPointF(0, 0))
    dialogs_script.save_answers.append(SaveAnswer.CANCEL)
    assert not window.close()
    assert window.isVisible() and window in open_windows()
    dialogs_script.save_answers.append(SaveAnswer.SAVE)
    dialogs_script.save_paths.append(None)  # then cancels the save dialog: stays open
    assert not window.close()
    dialogs_script.save_answers.append(SaveAnswer.SAVE)
    dialogs_script.save_paths.append(str(tmp_path / "kept.kfpd"))
    assert window.close()
    assert persist.load(tmp_path / "kept.kfpd").pipeline.tasks[0].name == "greet"
    assert dialogs_script.asked_save == ["Untitled"] * 3


def test_discarding_on_close_and_no_question_when_clean(make_window, dialogs_script):
    clean = make_window()
    assert clean.close() and dialogs_script.asked_save == []
    window = make_window()
    drop_component(window, "greet", QPointF(0, 0))
    dialogs_script.save_answers.append(SaveAnswer.DISCARD)
    assert window.close()
    # Undoing back to the saved state needs no question either.
    third = make_window()
    drop_component(third, "greet", QPointF(0, 0))
    third.document.undo_stack.undo()
    assert not third.isWindowModified() and third.close()
    assert dialogs_script.asked_save == ["Untitled"]


def test_new_and_open_ask_before_dropping_changes(window, dialogs_script, tmp_path):
    drop_component(window, "greet", QPointF(0, 0))
    dialogs_script.save_answers.append(SaveAnswer.CANCEL)
    window.files.new()
    assert len(window.document.pipeline.tasks) == 1
    dialogs_script.save_answers.append(SaveAnswer.DISCARD)
    window.files.new()
    assert window.document.pipeline.tasks == [] and window.document.undo_stack.count() == 0
    assert not window.scene.nodes


def test_corrupt_files_are_refused_without_damage(window, dialogs_script, tmp_path):
    window.files.open_example()
    drop_component(window, "greet", QPointF(0, 300))
    before = snapshot(window.document)
    steps = window.document.undo_stack.count()
    bad = {
        "garbage.kfpd": "{{{ not yaml",
        "wrong.kfpd": "format: something-else\n",
        "newer.kfpd": "format: kfp-pipeline-designer\nversion: 99\n",
        "notes.txt": "hello",
        "missing.kfpd": None,
    }
    for name, text in bad.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        assert not window.files.open_path(str(path))
        title, message, details = dialogs_script.warnings[-1]
        assert title == "Cannot open file" and name in message and details
        assert snapshot(window.document) == before
        assert window.document.undo_stack.count() == steps and window.isWindowModified()
    assert re.search(r"garbage\.kfpd:\d+: invalid YAML", dialogs_script.warnings[0][2])
    assert "newer designer" in dialogs_script.warnings[2][2]
    assert dialogs_script.asked_save == []  # a bad file never gets as far as asking


def test_opening_kfp_python_imports_and_lays_out(window, dialogs_script, tmp_path,
                                                 monkeypatch):
    assert window.files.open_path(str(REFERENCE_PY))
    doc = window.document
    assert [t.name for t in doc.pipeline.tasks] == ["number_1_result", "number_2_result",
                                                    "sum_result"]
    assert doc.path is None  # saving must not overwrite the Python file
    # Titled by its real name, saying it is imported (no "example_pipeline.kfpd" that
    # does not exist).
    assert window.windowTitle().startswith("example_pipeline.py (imported)")
    keys = set(window.scene.nodes)
    assert keys == set(doc.layout)
    asked = []

    def save_path(parent, title, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / "imported.kfpd")
    monkeypatch.setattr(dialogs, "save_path", save_path)
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # File ▸ Save
    # Save asks where, starting next to the .py under its name.
    assert asked == [str(REFERENCE_PY.with_suffix(".kfpd"))]
    assert (tmp_path / "imported.kfpd").exists() and doc.path == str(tmp_path / "imported.kfpd")
    assert window.windowTitle().startswith("imported.kfpd")
    assert REFERENCE_PY.read_text().startswith("import kfp")


def test_export_refuses_a_broken_pipeline(window, dialogs_script, tmp_path):
    drop_component(window, "greet", QPointF(0, 0))  # `name` is required and unconnected
    out = tmp_path / "out.yaml"
    assert not window.files.export_yaml("v1", path=str(out))
    title, _text, details = dialogs_script.warnings[-1]
    assert title == "Cannot export YAML" and "required input `name`" in details
    assert not out.exists()


def test_export_python_and_v2(window, dialogs_script, tmp_path):
    window.files.open_example()
    assert window.files.export_yaml("v2", path=str(tmp_path / "v2.yaml"))
    assert "pipelineInfo" in (tmp_path / "v2.yaml").read_text()
    assert window.act_export_py.isEnabled()
    assert window.files.export_python("v1", path=str(tmp_path / "p.py"))
    assert "def example_pipeline(" in (tmp_path / "p.py").read_text()


def test_recent_menu_and_examples_menu(window, dialogs_script, tmp_path):
    path = tmp_path / "r.kfpd"
    persist.save(persist.load(example_path()), path)
    window.files.open_path(str(path))
    window._fill_recent()
    titles = [a.text() for a in window.recent_menu.actions()]
    assert titles[0] == "r.kfpd"
    window.files.new()
    window.recent_menu.actions()[0].trigger()
    assert window.document.path == str(path)
    examples = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    example_menu = next(a.menu() for a in examples.actions() if a.text() == "E&xamples")
    example_menu.actions()[0].trigger()
    assert window.document.path is None and len(window.document.pipeline.tasks) == 3


def test_library_search_and_tooltips(window):
    panel = window.library
    names = [i.text(0) for i in panel.items(panel.bundled)]
    assert {"print_and_return_number", "sum_and_print_numbers"} <= set(names)
    assert len(names) >= 8
    item = panel.find("print_and_return_number")
    assert "def print_and_return_number(number: int) -&gt; int" in item.toolTip(0)
    panel.search.setText("Tutorial")  # descriptions count
    visible = [i.text(0) for i in panel.items(panel.bundled) if not i.isHidden()]
    assert visible == ["print_and_return_number", "sum_and_print_numbers"]
    panel.search.setText("list")  # matches types in signatures too
    assert "make_range" in [i.text(0) for i in panel.items() if not i.isHidden()]
    panel.search.clear()
    assert panel.local.isHidden()
    window.files.open_example()
    local = [i.text(0) for i in panel.items(panel.local)]
    assert local == ["print_and_return_number", "sum_and_print_numbers"]
    assert not panel.local.isHidden()


CONDITION_AND_CONTAINER_PY = '''from kfp import dsl


@dsl.container_component
def say(text: str):
    return dsl.ContainerSpec(image="alpine:3.19", command=["echo"], args=[text])


@dsl.component
def flip() -> str:
    return "heads"


@dsl.pipeline(name="flip-and-say")
def flip_and_say(greeting: str = "hi"):
    coin = flip()
    with dsl.If(coin.output == "heads"):
        say(text=greeting)
'''


def test_a_kfp_file_with_a_condition_and_a_container_saves_and_reopens(
        make_window, dialogs_script, tmp_path, qtbot):
    """Format version 2 through the GUI: File ▸ Open a kfp file, Ctrl+S, reopen."""
    source = tmp_path / "flip.py"
    source.write_text(CONDITION_AND_CONTAINER_PY)
    window = make_window()
    window.activateWindow()                         # keys go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    dialogs_script.open_paths.append(str(source))
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)   # File ▸ Open
    doc = window.document
    assert [t.name for t in doc.pipeline.tasks] == ["coin", "say_task"]
    assert [g.branch for g in doc.pipeline.groups] == ["if"]
    dialogs_script.save_paths.append(str(tmp_path / "flip.kfpd"))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # File ▸ Save
    assert dialogs_script.warnings == []            # no "cannot save" any more
    saved = tmp_path / "flip.kfpd"
    assert saved.exists() and not window.isWindowModified()
    assert "version: 2" in saved.read_text(encoding="utf-8")

    other = make_window()
    dialogs_script.open_paths.append(str(saved))
    other.act_open.trigger()
    p = other.document.pipeline
    assert other.document.path == str(saved)
    assert [t.name for t in p.tasks] == ["coin", "say_task"]
    assert repr(p) == repr(doc.pipeline)
    say = p.task_named("say_task")
    assert p.component_of(say).kind == "container"
    assert say.group == p.groups[0].id and p.groups[0].condition is not None
    assert set(other.scene.nodes) == set(window.scene.nodes)
