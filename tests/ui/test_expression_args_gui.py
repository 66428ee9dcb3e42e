"""A person types an expression into a task's input in the Properties pane:
``gs://bucket/{{number_1}}/{{made}}/{{run_id}}``. The references are highlighted as typed,
wired on the canvas (one wire from the parameter, one from the task output), and the YAML
compiled for kfp 1 and kfp 2 equals what kfp 1.8.9 and 2.17.3 compile from the equivalent
Python f-string. A name that names nothing is said under the field and changes nothing."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from designer.inputs import load_project, with_readable_ids  # noqa: E402
from designer.ir import OutputRef, ParamRef  # noqa: E402
from designer.ir.model import Concat, RunPlaceholder  # noqa: E402
from designer.model.document import snapshot  # noqa: E402

from tests.ui.kfp_compare import assert_compiles_like_kfp  # noqa: E402
from tests.ui.test_task_settings_gui import click  # noqa: E402

KFP1 = '''from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def make_path(number: int) -> str:
    return "p" + str(number)


@create_component_from_func
def write_to(path: str):
    print(path)


@dsl.pipeline(name="expressions")
def expressions(number_1: int = 1):
    made = make_path(number_1)
    write = write_to(ARGUMENT)
'''
KFP2 = '''from kfp import compiler, dsl


@dsl.component
def make_path(number: int) -> str:
    return "p" + str(number)


@dsl.component
def write_to(path: str):
    print(path)


@dsl.pipeline(name="expressions")
def expressions(number_1: int = 1):
    made = make_path(number=number_1)
    write = write_to(path=ARGUMENT)


compiler.Compiler().compile(expressions, "expressions.yaml")
'''
TEMPLATE = "gs://bucket/{{number_1}}/{{made}}/{{run_id}}"
F_STRING = {"v1": 'f"gs://bucket/{number_1}/{made.output}/{dsl.RUN_ID_PLACEHOLDER}"',
            "v2": 'f"gs://bucket/{number_1}/{made.output}/{dsl.PIPELINE_JOB_ID_PLACEHOLDER}"'}


def open_file(qtbot, window, path):
    window.document.load(with_readable_ids(load_project(path)), None)
    window.scene.select_keys(["write"])
    qtbot.waitUntil(lambda: window.panes.selected_task == "write")
    window.panes.docks["properties"].raise_()
    pane = window.panes.properties
    qtbot.waitUntil(lambda: "path" in pane.value_editors and pane.isVisible())
    return pane


def type_template(qtbot, window, pane, text: str) -> None:
    line = pane.value_editors["path"].line
    click(qtbot, window, line)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_an_expression_typed_in_compiles_like_an_f_string(qtbot, window, tmp_path,
                                                          kfp1_python, kfp2_python):
    doc = window.document
    for target, source, oracle in (("v1", KFP1, kfp1_python), ("v2", KFP2, kfp2_python)):
        path = tmp_path / f"expressions_{target}.py"
        path.write_text(source.replace("ARGUMENT", '"x"'))
        pane = open_file(qtbot, window, path)
        count = doc.undo_stack.count()
        type_template(qtbot, window, pane, TEMPLATE)
        assert doc.undo_stack.count() == count + 1, "one edit, one undo step"
        made = doc.pipeline.task_named("made")
        assert doc.task("write").arguments["path"] == Concat((
            "gs://bucket/", ParamRef("number_1"), "/", OutputRef(made.id, "Output"), "/",
            RunPlaceholder("run_id")))
        # The pane now shows the expression with its references highlighted.
        qtbot.waitUntil(lambda: "path" in pane.template_edits)
        edit = pane.template_edits["path"]
        qtbot.waitUntil(lambda: edit.text() == TEMPLATE)
        assert [(s.kind, TEMPLATE[s.start:s.end]) for s in edit.spans()] == [
            ("param", "{{number_1}}"), ("output", "{{made}}"), ("run", "{{run_id}}")]
        # Wired on the canvas: from the parameter and from made's output, into `path`.
        wires = [w for w in window.scene.wires.values() if w.target.key == "write"]
        assert sorted((w.source.key, w.source_port, w.target_port) for w in wires) == sorted(
            [("param:number_1", "number_1", "path"), (made.id, "Output", "path")])
        port = next(p for p in window.scene.nodes["write"].inputs if p.name == "path")
        assert port.state == "connected" and TEMPLATE in port.extra

        real = path.with_name(f"real_{target}.py")
        real.write_text(source.replace("ARGUMENT", F_STRING[target]) + (
            "\nimport kfp\nkfp.compiler.Compiler().compile(expressions, 'e.yaml')\n"
            if target == "v1" else ""))
        assert_compiles_like_kfp(doc.pipeline, target, oracle, real.read_text(), tmp_path)

    window.grab().save("/tmp/expression.png")   # looked at
    # Edited in place: a name that names nothing is said and changes nothing.
    edit = pane.template_edits["path"]
    before, count = snapshot(doc), doc.undo_stack.count()
    click(qtbot, window, edit)
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClicks(edit, "/{{nobody}}")
    assert edit.spans()[-1].kind == ""
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    error = pane.input_errors["path"]
    assert error.isVisible() and "“{{nobody}}”" in error.text()
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    # Fixed: one more undo step; the expression ends with the job name.
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "run-{{job_name}}")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.task("write").arguments["path"] == Concat(("run-", RunPlaceholder("job_name")))
    assert not error.isVisible()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: pane.template_edits["path"].text() == TEMPLATE)
    # Deleting one of its wires removes the expression (one undo step).
    wire = window.scene.wires[("write", "path")]
    window.scene.clearSelection()
    wire.setSelected(True)
    window.editor.delete_selection()
    assert "path" not in doc.task("write").arguments
    assert not [w for w in window.scene.wires.values() if w.target.key == "write"]
