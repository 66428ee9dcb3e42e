"""A person adds kfp 2's importer on the canvas with the mouse and keys: the "Importer"
entry of the library's new steps double-clicked in, its URI typed in the Properties pane
then wired from a pipeline parameter, its artifact class chosen, reimport ticked and its
metadata typed (one undo step per edit), its artifact output wired to a task taking a
Dataset. The kfp 2 YAML has kfp's importer, and the Python export compiles under the real
kfp 2.17.3 to the very same YAML."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.compiler.python_source import export_python  # noqa: E402
from designer.ir import Component, Constant, OutputRef, ParamRef  # noqa: E402
from designer.ir.importer import ImporterComponent  # noqa: E402
from designer.ir.model import PipelineParam  # noqa: E402
from designer.model import commands as C  # noqa: E402

from tests.ui.canvas_helpers import wire  # noqa: E402
from tests.ui.test_task_settings_gui import click, tutorial, type_into  # noqa: E402,F401
from tools.make_goldens_v2 import _same_docs, run_modules  # noqa: E402

USE = '''def use_data(data: Input[Dataset]) -> str:
    return data.uri
'''


def _add_importer(qtbot, window) -> str:
    window.docks["library"].show()
    window.docks["library"].raise_()
    tree = window.library.tree
    item = window.library.importer_entry
    assert item.text(0) == "Importer"
    tree.scrollToItem(item)
    before = set(window.scene.nodes)
    rect = tree.visualItemRect(item)
    for send in (QTest.mouseClick, QTest.mouseDClick):
        send(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
             rect.center())
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 1)
    return (set(window.scene.nodes) - before).pop()


def _select(qtbot, window, task_id: str) -> None:
    window.scene.select_keys([task_id])
    qtbot.waitUntil(lambda: window.panes.selected_task == task_id)
    qtbot.waitUntil(lambda: window.panes.properties.importer_form.isVisible())


def test_an_importer_built_in_the_gui_compiles_like_kfp_2(qtbot, tutorial, tmp_path,
                                                           kfp2_python):
    window, doc = tutorial, tutorial.document
    count = doc.undo_stack.count()
    imp = _add_importer(qtbot, window)
    assert doc.undo_stack.count() == count + 1
    comp = doc.pipeline.component_of(doc.task(imp))
    assert isinstance(comp, ImporterComponent) and comp.artifact_class == "Dataset"
    node = window.scene.nodes[imp]
    assert [p.name for p in node.outputs] == ["artifact"]        # its artifact output port
    assert [p.name for p in node.inputs] == ["uri"]

    _select(qtbot, window, imp)
    pane = window.panes.properties
    form = pane.importer_form
    # The URI, typed: one step.
    before = doc.undo_stack.count()
    type_into(qtbot, window, pane.value_editors["uri"].line, "gs://bucket/data.csv")
    assert doc.undo_stack.count() == before + 1
    assert doc.task(imp).arguments == {"uri": Constant("gs://bucket/data.csv")}
    # The artifact class, from its list by keys: one step.
    before = doc.undo_stack.count()
    click(qtbot, window, form.class_box)
    QTest.keyClick(form.class_box.view(), Qt.Key.Key_Down)     # Dataset -> Model
    QTest.keyClick(form.class_box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: comp.artifact_class == "Model")
    assert doc.undo_stack.count() == before + 1
    # Reimport, ticked: one step.
    before = doc.undo_stack.count()
    box = form.reimport_box
    pane._scroll.ensureWidgetVisible(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert comp.reimport is True and doc.undo_stack.count() == before + 1
    # Metadata that is not a JSON object is refused in place; then a good one: one step.
    before = doc.undo_stack.count()
    type_into(qtbot, window, form.metadata_edit, "[1, 2]")
    assert form.metadata_error.isVisible() and doc.undo_stack.count() == before
    type_into(qtbot, window, form.metadata_edit, '{"source": "lab", "rows": 3}')
    assert comp.metadata == {"source": "lab", "rows": 3} and not form.metadata_error.isVisible()
    assert doc.undo_stack.count() == before + 1
    pane.grab().save(str(tmp_path / "importer-form.png"))       # looked at

    # The URI wired from a string parameter instead, and the artifact to a Model consumer.
    doc.push(C.AddParam(doc, PipelineParam("model_uri", "str", "gs://bucket/m", True),
                        (node.pos().x() - 260, node.pos().y())))
    qtbot.waitUntil(lambda: "param:model_uri" in window.scene.nodes)
    before = doc.undo_stack.count()
    wire(window, "param:model_uri", None, imp, "uri")
    qtbot.waitUntil(lambda: doc.task(imp).arguments.get("uri") == ParamRef("model_uri"))
    assert doc.undo_stack.count() == before + 1
    user = C.AddTask(doc, Component.from_source(USE.replace("Dataset", "Model")),
                     (node.pos().x() + 320, node.pos().y()))
    doc.push(user)
    qtbot.waitUntil(lambda: user.task_id in window.scene.nodes)
    wire(window, imp, "artifact", user.task_id, "data")
    qtbot.waitUntil(lambda: doc.task(user.task_id).arguments.get("data")
                    == OutputRef(imp, "artifact"))
    window.view.grab().save(str(tmp_path / "importer-canvas.png"))   # looked at

    # Undo takes the edits back one by one (the wire first).
    doc.undo_stack.undo()
    assert "data" not in doc.task(user.task_id).arguments
    doc.undo_stack.redo()

    ours = compile_pipeline(doc.pipeline, "v2")
    spec = yaml.safe_load(ours)
    body = spec["deploymentSpec"]["executors"]["exec-importer"]["importer"]
    assert body == {"artifactUri": {"runtimeParameter": "uri"}, "reimport": True,
                    "metadata": {"source": "lab", "rows": 3.0},
                    "typeSchema": {"schemaTitle": "system.Model", "schemaVersion": "0.0.1"}}
    with __import__("pytest").raises(Exception, match="not supported with v1 compiler"):
        compile_pipeline(doc.pipeline, "v1")
    text = export_python(doc.pipeline, "v2") + (
        "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
        "'example_pipeline.yaml')\n")
    run = run_modules(kfp2_python, {"gui": text})["gui"]
    assert run.error is None, run.error
    assert _same_docs(run.yaml, ours)
