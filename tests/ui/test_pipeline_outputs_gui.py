"""A person reads and edits what the pipeline returns in the pipeline form, with the mouse and
keys: a description typed (one undo step; kfp 2's YAML carries it), an output no longer
returned (✕), and the output that goes with a task deleted on the canvas (one undo step
brings both back)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402

from designer.importers import load_pipeline_file  # noqa: E402
from designer.compiler import compile_pipeline  # noqa: E402
from designer.persist import Project  # noqa: E402
from tests.golden.goldens import GOLDEN_DIR  # noqa: E402
from tests.ui.canvas_helpers import click, key  # noqa: E402
from tests.ui.test_i18n import context_menu  # noqa: E402

SAMPLE = GOLDEN_DIR / "kfp_samples" / "v2" / "pipeline_with_metadata_fields.py"


def _root_output(doc) -> dict:
    v2 = yaml.safe_load(compile_pipeline(doc.pipeline, "v2"))
    return v2["root"]["outputDefinitions"]["artifacts"]["Output"]


@pytest.fixture
def outputs(window, qtbot):
    window.document.load(Project(load_pipeline_file(SAMPLE), {}), None)
    window.panes.docks["pipeline"].raise_()
    section = window.panes.form.outputs
    qtbot.waitUntil(lambda: section.isVisible() and len(section.rows) == 1)
    assert not section.empty.isVisible()
    return section


def test_the_outputs_show_their_source_and_description(outputs):
    row = outputs.rows[0]
    assert row.name == "Output"
    assert row.name_edit.text() == "Output" and "t.out_dataset" in row.label.text()
    assert row.description_edit.toPlainText() == "The final concatenated dataset."


def test_typing_a_description_is_one_undo_step_and_reaches_the_yaml(qtbot, window, outputs):
    doc = window.document
    qtbot.waitUntil(lambda: outputs.rows[0].description_edit.isVisible())
    edit = outputs.rows[0].description_edit
    steps = doc.undo_stack.count()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "The joined dataset.")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)          # focus moves on: the edit is committed
    assert doc.pipeline.output_descriptions == {"Output": "The joined dataset."}
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Describe pipeline output Output"
    assert _root_output(doc)["description"] == "The joined dataset."
    doc.undo_stack.undo()
    assert outputs.rows[0].description_edit.toPlainText() == "The final concatenated dataset."
    # Emptied: no description at all (kfp writes none).
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert doc.pipeline.output_descriptions == {}
    assert "description" not in _root_output(doc)


def test_the_cross_stops_returning_an_output(qtbot, window, outputs):
    doc = window.document
    qtbot.mouseClick(outputs.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert doc.pipeline.outputs == {} and doc.pipeline.output_descriptions == {}
    qtbot.waitUntil(lambda: not outputs.rows and outputs.empty.isVisible())
    assert "outputDefinitions" not in yaml.safe_load(
        compile_pipeline(doc.pipeline, "v2"))["root"]
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: len(outputs.rows) == 1 and not outputs.empty.isVisible())
    assert doc.pipeline.output_descriptions == {"Output": "The final concatenated dataset."}


def test_deleting_the_producing_task_takes_its_output_along(qtbot, window, outputs):
    doc = window.document
    node = window.scene.nodes[doc.pipeline.task_named("t").id]
    window.view.centerOn(node)
    click(window.view, node.mapToScene(QPointF(40, 10)))
    assert node.isSelected()
    key(window.view, Qt.Key.Key_Delete)
    assert doc.pipeline.task_named("t") is None
    assert doc.pipeline.outputs == {}
    qtbot.waitUntil(lambda: not outputs.rows)
    compile_pipeline(doc.pipeline, "v2")      # nothing dangles: it compiles
    doc.undo_stack.undo()                      # one step: the task and its output
    assert doc.pipeline.task_named("t") is not None
    assert doc.pipeline.output_descriptions == {"Output": "The final concatenated dataset."}
    qtbot.waitUntil(lambda: len(outputs.rows) == 1)


def test_a_problem_with_a_description_leads_to_its_field(qtbot, window):
    """A description no target can hold (a lone surrogate, from a file): listed in Problems;
    a double click on it brings the pipeline form up with that description in focus."""
    p = load_pipeline_file(SAMPLE)
    p.output_descriptions = {"Output": "broken \ud800"}
    window.document.load(Project(p, {}), None)
    panes = window.panes
    problems = panes.problems
    panes.docks["problems"].raise_()
    qtbot.waitUntil(lambda: any(d.field == "output_descriptions"
                                for d in problems.diagnostics))
    index = next(i for i, d in enumerate(problems.diagnostics)
                 if d.field == "output_descriptions")
    qtbot.waitUntil(lambda: problems.tree.topLevelItem(index) is not None)
    rect = problems.tree.visualItemRect(problems.tree.topLevelItem(index))
    qtbot.mouseClick(problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    edit = panes.form.outputs.rows[0].description_edit
    qtbot.waitUntil(lambda: edit.hasFocus())


def _submenu(menu, text):
    return next(a.menu() for a in menu.actions() if a.text() == text)


def test_a_task_output_is_returned_from_its_context_menu(qtbot, window):
    """Right-click a task ▸ Return from the Pipeline ▸ an output: one undo step; the first
    is returned as ``Output`` (kfp's single return), the next under its own name."""
    from designer.ir import OutputRef
    p = load_pipeline_file(SAMPLE)
    p.outputs, p.output_descriptions = {}, {}
    window.document.load(Project(p, {}), None)
    doc, section = window.document, window.panes.form.outputs
    window.panes.docks["pipeline"].raise_()
    qtbot.waitUntil(lambda: section.empty.isVisible())
    task = doc.pipeline.task_named("t")
    node = window.scene.nodes[task.id]
    window.view.centerOn(node)
    menu = context_menu(qtbot, window, node.mapToScene(QPointF(40, 10)))
    returns = _submenu(menu, "Return from the Pipeline (kfp 2)")
    assert [a.text() for a in returns.actions()] == ["out_dataset", "Output"]
    next(a for a in returns.actions() if a.text() == "out_dataset").trigger()
    assert doc.pipeline.outputs == {"Output": OutputRef(task.id, "out_dataset")}
    assert doc.undo_stack.undoText() == "Return Output from the pipeline"
    qtbot.waitUntil(lambda: len(section.rows) == 1 and not section.empty.isVisible())
    v2 = yaml.safe_load(compile_pipeline(doc.pipeline, "v2"))
    assert "Output" in v2["root"]["outputDefinitions"]["artifacts"]
    # Offered again, the returned one is greyed out; the other comes under its own name.
    menu = context_menu(qtbot, window, node.mapToScene(QPointF(40, 10)))
    returns = _submenu(menu, "Return from the Pipeline (kfp 2)")
    enabled = {a.text(): a.isEnabled() for a in returns.actions()}
    assert enabled == {"out_dataset": False, "Output": True}
    next(a for a in returns.actions() if a.text() == "Output").trigger()
    assert list(doc.pipeline.outputs) == ["Output", "Output_2"]
    qtbot.waitUntil(lambda: len(section.rows) == 2)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.pipeline.outputs == {}
    qtbot.waitUntil(lambda: section.empty.isVisible())


def test_a_task_in_a_group_offers_no_return(qtbot, window):
    from tests.golden.goldens import GOLDEN_DIR as G
    p = load_pipeline_file(G / "features_v2" / "conditions.py")
    window.document.load(Project(p, {}), None)
    task = next(t for t in window.document.pipeline.tasks if t.group is not None)
    node = window.scene.nodes[task.id]
    window.view.centerOn(node)
    menu = context_menu(qtbot, window, node.mapToScene(QPointF(40, 10)))
    returns = next(a for a in menu.actions() if a.text() == "Return from the Pipeline (kfp 2)")
    assert not returns.isEnabled()
    assert "OneOf or Collected" in returns.toolTip()


def test_renaming_an_output(qtbot, window, outputs):
    """Typed in its name field: one undo step, the description follows; a name that is no
    Python name or is taken is said and put back."""
    from tests.ui.test_panes_properties import retype
    doc = window.document
    retype(qtbot, outputs.rows[0].name_edit, "joined")
    assert list(doc.pipeline.outputs) == ["joined"]
    assert doc.pipeline.output_descriptions == {"joined": "The final concatenated dataset."}
    assert doc.undo_stack.undoText() == "Rename pipeline output Output to joined"
    qtbot.waitUntil(lambda: [r.name for r in outputs.rows] == ["joined"])
    v2 = yaml.safe_load(compile_pipeline(doc.pipeline, "v2"))
    assert v2["root"]["outputDefinitions"]["artifacts"]["joined"]["description"] == \
        "The final concatenated dataset."
    steps = doc.undo_stack.count()
    retype(qtbot, outputs.rows[0].name_edit, "2 bad")
    assert doc.undo_stack.count() == steps and list(doc.pipeline.outputs) == ["joined"]
    assert outputs.rows[0].name_edit.text() == "joined"
    assert outputs.message.isVisible() and "Python name" in outputs.message.text()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: [r.name for r in outputs.rows] == ["Output"])


def test_the_outputs_title_opens_the_output_concept(qtbot, window):
    """The "?" after OUTPUTS opens the Output concept page, which teaches pipeline outputs."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from tests.ui.test_help import page_text, ready
    help_ = ready(window, qtbot)
    title = window.panes.form.outputs.title
    assert "concept:output'" in title.text() and title.openExternalLinks()
    QDesktopServices.openUrl(QUrl("concept:output"))
    qtbot.waitUntil(lambda: help_.browser.isVisible() and help_.browser.page == "output")
    assert "Return from the Pipeline" in page_text(help_)


def _passes_through(qtbot, window, edit) -> bool:
    """Click into ``edit``, Tab out of it: whether that made no undo step."""
    steps = window.document.undo_stack.count()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not edit.hasFocus())
    return window.document.undo_stack.count() == steps


def test_focus_passing_through_a_description_changes_nothing(qtbot, window):
    """Descriptions kept as the file had them (padded): clicked into and left, no edit."""
    p = load_pipeline_file(SAMPLE)
    p.description = "Padded. "
    p.output_descriptions = {"Output": "Padded too. "}
    window.document.load(Project(p, {}), None)
    window.panes.docks["pipeline"].raise_()
    form = window.panes.form
    qtbot.waitUntil(lambda: len(form.outputs.rows) == 1
                    and form.outputs.rows[0].description_edit.isVisible())
    assert _passes_through(qtbot, window, form.outputs.rows[0].description_edit)
    assert _passes_through(qtbot, window, form.description_edit)
    assert window.document.pipeline.description == "Padded. "
    assert window.document.pipeline.output_descriptions == {"Output": "Padded too. "}
