"""Building the tutorial pipeline with the mouse gives kfp's own YAML, byte for byte."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPointF

from designer.ir import OutputRef, ParamRef, PipelineParam
from designer.model import commands as C
from designer.model.rules import PARAM_PREFIX

from tests.ui.canvas_helpers import drop_component, wire

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.yaml"
TIME = re.compile(r"pipelines\.kubeflow\.org/pipeline_compilation_time: '[^']*'")


def without_time(text: str) -> str:
    return TIME.sub("pipelines.kubeflow.org/pipeline_compilation_time: 'T'", text)


def build_tutorial(window, dialogs_script) -> tuple[str, str, str]:
    """The tutorial built with the mouse (components dropped, parameters added, wires
    drawn); the ids of its three tasks."""
    doc, scene = window.document, window.scene
    assert doc.pipeline.tasks == [] and doc.pipeline.params == []
    doc.push(C.SetPipelineInfo(doc, name="example_pipeline"))

    # Two library components, three tasks, each dropped where the cursor is.
    drop_component(window, "print_and_return_number", QPointF(320, 40))
    drop_component(window, "print_and_return_number", QPointF(320, 220))
    drop_component(window, "sum_and_print_numbers", QPointF(640, 130))
    tasks = doc.pipeline.tasks
    assert [t.name for t in tasks] == ["print_and_return_number", "print_and_return_number_2",
                                       "sum_and_print_numbers"]
    first, second, total = (t.id for t in tasks)
    node = scene.nodes[first]
    assert node.sceneBoundingRect().contains(QPointF(320, 40))  # dropped under the cursor
    assert len(doc.pipeline.components) == 2  # the second drop reuses the component

    # Parameters from the canvas (the dialog's answers are scripted).
    dialogs_script.params += [PipelineParam("number_1", "int"), PipelineParam("number_2", "int")]
    window.editor.add_param(QPointF(0, 20))
    window.editor.add_param(QPointF(0, 200))
    assert [p.name for p in doc.pipeline.params] == ["number_1", "number_2"]
    assert PARAM_PREFIX + "number_2" in scene.nodes

    # Every wire drawn with the mouse.
    wire(window, PARAM_PREFIX + "number_1", None, first, "number")
    wire(window, PARAM_PREFIX + "number_2", None, second, "number")
    wire(window, first, "Output", total, "number_1")
    wire(window, second, "Output", total, "number_2")
    assert doc.task(first).arguments == {"number": ParamRef("number_1")}
    assert doc.task(second).arguments == {"number": ParamRef("number_2")}
    assert doc.task(total).arguments == {"number_1": OutputRef(first, "Output"),
                                         "number_2": OutputRef(second, "Output")}
    assert len(scene.wires) == 4
    return first, second, total


def test_tutorial_pipeline_by_mouse_exports_reference_yaml(window, dialogs_script, tmp_path):
    build_tutorial(window, dialogs_script)
    out = tmp_path / "example_pipeline.yaml"
    assert window.files.export_yaml("v1", path=str(out)), dialogs_script.warnings
    assert without_time(out.read_text()) == without_time(REFERENCE.read_text())
    assert dialogs_script.warnings == []
