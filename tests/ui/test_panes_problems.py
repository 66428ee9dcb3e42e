"""The problems list and the export guard."""
from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from designer.ir import Constant, Diagnostic  # noqa: E402
from designer.ui.panes.problems import (ProblemsPane, export_blockers, location_of,  # noqa: E402
                                  refuse_export)

from tests.ui.panes_support import PRINT_AND_RETURN, example_pipeline  # noqa: E402


def broken_pipeline():
    p = example_pipeline()
    del p.tasks[2].arguments["number_2"]                   # missing required input
    p.tasks[0].arguments["number"] = Constant("seven")     # type mismatch
    p.tasks[1].name = "number 2"                           # invalid name
    return p


@pytest.fixture
def pane(qtbot):
    w = ProblemsPane()
    qtbot.addWidget(w)
    w.resize(700, 240)
    w.show()
    return w


def rows(pane):
    return [(pane.tree.topLevelItem(i).text(0), pane.tree.topLevelItem(i).text(1))
            for i in range(pane.tree.topLevelItemCount())]


def test_problems_appear_with_sentences_and_places_then_clear(pane):
    p = broken_pipeline()
    pane.set_pipeline(p)
    shown = rows(pane)
    assert ("Task sum_result: required input number_2 has no value.",
            "task sum_result · input number_2") in shown
    assert ("Task number_1_result, input number expects int, not 'seven'.",
            "task number_1_result · input number") in shown
    assert ("Task name number 2 is not a valid Python identifier.", "task number 2") in shown
    summary = re.sub("<[^>]+>", "", pane.summary.text())
    assert summary.startswith("3 errors, 1 warning") and "export is blocked" in summary

    p = example_pipeline()
    pane.set_pipeline(p)
    assert rows(pane) == []
    assert "No problems" in pane.summary.text()


def test_errors_come_before_warnings(pane):
    p = broken_pipeline()
    p.params[1].name = "unused"          # also makes a warning (and a missing parameter error)
    pane.set_pipeline(p)
    severities = [d.is_error for d in pane.diagnostics]
    assert severities == sorted(severities, reverse=True) and not severities[-1]


def test_syntax_error_in_component_code_is_listed_with_its_line():
    p = example_pipeline()
    p.components[0].source = PRINT_AND_RETURN.replace("print(number)", "print(number")
    from designer.ir import validate
    d = next(d for d in validate(p) if d.component_id == "c_par")
    assert location_of(d, p) == f"component print_and_return_number, line {d.line}"


def test_double_click_activates_the_diagnostic(qtbot, pane):
    pane.set_pipeline(broken_pipeline())
    got = []
    pane.activated.connect(got.append)
    index = next(i for i, (text, _) in enumerate(rows(pane)) if "required input" in text)
    item = pane.tree.topLevelItem(index)
    rect = pane.tree.visualItemRect(item)
    # A real double-click: press/release, then the double-click event and its release.
    qtbot.mouseClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert got == []                                      # one click only selects
    qtbot.mouseDClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(got) == 1
    assert isinstance(got[0], Diagnostic)
    assert (got[0].task_id, got[0].field) == ("t3", "number_2")
    pane.tree.setCurrentItem(pane.tree.topLevelItem(0))
    qtbot.keyClick(pane.tree, Qt.Key.Key_Return)
    assert len(got) == 2 and got[1] == pane.diagnostics[0]


def test_export_refuses_a_pipeline_with_errors_and_says_which(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    p = broken_pipeline()
    assert len(export_blockers(p)) == 3
    assert refuse_export(parent, p) is True
    box = parent.findChild(QMessageBox, "export_refused")
    assert box is not None and box.isVisible()
    text = box.text()
    assert "cannot be exported: it has 3 errors" in text
    assert "required input number_2 has no value" in text
    assert "(task number_1_result · input number)" in text
    box.accept()

    good = example_pipeline()
    assert export_blockers(good) == []
    assert refuse_export(parent, good) is False
    QApplication.processEvents()
    assert not [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
