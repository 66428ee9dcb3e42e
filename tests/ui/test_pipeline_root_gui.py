"""A person sets the pipeline root in the pipeline form, with the mouse and keys: one undo
step; kfp 2's ``defaultPipelineRoot`` and kfp 1.8.9's ``pipeline-root`` parameter appear in
the YAML; the project saves it (format version 3) and reopens it; undo and clearing the field
take it away again."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer import persist  # noqa: E402
from designer.compiler import compile_pipeline  # noqa: E402
from designer.inputs import example_path  # noqa: E402

from tests.ui.test_panes_properties import retype  # noqa: E402  (click, select all, type)

TIME = "2023-11-14T22:13:20"


@pytest.fixture
def form(window, qtbot):
    window.document.load(persist.load(example_path()), None)
    window.panes.docks["pipeline"].raise_()
    form = window.panes.form
    qtbot.waitUntil(lambda: form.root_edit.isVisible())
    return form


def test_the_pipeline_root_is_one_undo_step_and_reaches_both_yamls(qtbot, window, form,
                                                                 tmp_path):
    doc = window.document
    assert form.root_edit.text() == "" and doc.pipeline.pipeline_root is None
    steps = doc.undo_stack.count()
    retype(qtbot, form.root_edit, "gs://bucket/runs")
    assert doc.pipeline.pipeline_root == "gs://bucket/runs"
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Edit pipeline pipeline root"
    v2 = yaml.safe_load(compile_pipeline(doc.pipeline, "v2"))
    assert v2["defaultPipelineRoot"] == "gs://bucket/runs"
    v1 = yaml.safe_load(compile_pipeline(doc.pipeline, "v1", compile_time=TIME))
    assert {"name": "pipeline-root", "value": "gs://bucket/runs"} in \
        v1["spec"]["arguments"]["parameters"]
    # Pressing Enter again changes nothing: no second step.
    qtbot.keyClick(form.root_edit, Qt.Key.Key_Return)
    assert doc.undo_stack.count() == steps + 1

    path = tmp_path / "rooted.kfpd"
    persist.save(persist.Project(doc.pipeline, {}), path)
    text = path.read_text(encoding="utf-8")
    assert "version: 3" in text and "pipeline_root: gs://bucket/runs" in text
    assert persist.load(path).pipeline.pipeline_root == "gs://bucket/runs"

    doc.undo_stack.undo()
    assert doc.pipeline.pipeline_root is None and form.root_edit.text() == ""
    assert "defaultPipelineRoot" not in compile_pipeline(doc.pipeline, "v2")
    doc.undo_stack.redo()
    assert form.root_edit.text() == "gs://bucket/runs"
    retype(qtbot, form.root_edit, "")              # an empty root is kfp's "unset"
    assert doc.pipeline.pipeline_root is None
    assert doc.undo_stack.count() == steps + 2
