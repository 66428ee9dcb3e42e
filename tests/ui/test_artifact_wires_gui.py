"""Artifact ports on the canvas (issue #11): drawn as pages, named by their artifact type, and
wired by kfp's compatibility rules with real mouse drags: a Dataset feeds a Dataset input and
a generic Artifact input, a Model does not feed a Dataset input, and an artifact never feeds a
value input (nor a value an artifact input), each refusal saying why."""
from __future__ import annotations

from PySide6.QtCore import QPointF

from designer.inputs import with_readable_ids
from designer.ir import OutputRef
from designer.model.document import snapshot
from designer.model.node_geometry import node_geometry
from designer.ui import style
from designer.ui.canvas.node_item import OK

from tests.ui.canvas_helpers import mouse_drag, press_move, release

SOURCE = '''from kfp import compiler, dsl
from kfp.dsl import Artifact, Dataset, Input, Model, Output


@dsl.component
def make_data(rows: int, data: Output[Dataset], model: Output[Model]) -> int:
    return rows


@dsl.component
def train(epochs: int, data: Input[Dataset] = None):
    pass


@dsl.component
def inspect(thing: Input[Artifact] = None):
    pass


@dsl.pipeline(name="artifacts")
def artifacts(rows: int = 3):
    made = make_data(rows=rows)
    fit = train(epochs=1)
    look = inspect()
'''


def open_pipeline(window, tmp_path):
    path = tmp_path / "artifacts.py"
    path.write_text(SOURCE)
    assert window.files.open_path(str(path))
    window.document.load(with_readable_ids(window.document.project()), None)   # readable ids
    window.view.fit()
    return window.document


def drag(window, src, output, dst, input_name):
    scene = window.scene
    mouse_drag(window.view, scene.nodes[src].output_pos(output),
               scene.nodes[dst].input_pos(input_name))


def test_artifact_ports_are_pages_named_by_type(window, tmp_path):
    open_pipeline(window, tmp_path)
    made = window.scene.nodes["made"]
    ports = {p.name: p for p in made.outputs}
    assert ports["data"].ptype.artifact and ports["data"].ptype.label == "Dataset"
    assert not ports["Output"].ptype.artifact
    assert "Dataset artifact" in ports["data"].tooltip
    assert "Model artifact" in ports["model"].tooltip
    # The type is read on the node too, after an artifact's name; a value's row is its name.
    assert ports["data"].label.text() == "data · Dataset"
    assert ports["model"].label.text() == "model · Model"
    assert ports["Output"].label.text() == "Output"
    thing = next(p for p in window.scene.nodes["look"].inputs if p.name == "thing")
    assert thing.label.text() == "thing · Artifact"
    # ...and the Qt-free geometry (convert, layout) sizes the nodes with those labels too.
    sizes, offsets = node_geometry(window.document.pipeline, style.text_width)
    assert {k: n.size for k, n in window.scene.nodes.items()} == sizes
    assert {k: n.port_offsets() for k, n in window.scene.nodes.items()} == offsets
    # Ends that may be wired share a colour; a Model is another colour than a Dataset.
    data_in = next(p for p in window.scene.nodes["fit"].inputs if p.name == "data")
    assert data_in.colour == ports["data"].colour != ports["model"].colour
    # The shape: a page is painted where a value port would be a round dot. Pixels at the
    # page's corners are the port's colour; at a circle's they would be the node's fill.
    window.resize(1000, 700)
    window.show()
    window.view.resetTransform()
    window.view.scale(2.0, 2.0)
    window.view.centerOn(made.output_pos("model"))
    image = window.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel(scene_pos):
        at = window.view.mapFromScene(scene_pos)
        return image.pixelColor(int(at.x() * ratio), int(at.y() * ratio))
    colour = pixel(made.output_pos("model") + QPointF(-4.3, 5.3))
    want = ports["model"].colour
    assert abs(colour.red() - want.red()) + abs(colour.green() - want.green()) + abs(
        colour.blue() - want.blue()) < 60, (colour.name(), want.name())
    assert pixel(made.output_pos("Output") + QPointF(-4.3, 5.3)) != ports["Output"].colour


def test_dataset_wires_to_dataset_and_artifact_inputs(window, tmp_path):
    doc = open_pipeline(window, tmp_path)
    scene = window.scene
    # While dragging from a Dataset, exactly the inputs kfp accepts light up.
    press_move(window.view, scene.nodes["made"].output_pos("data"),
               scene.nodes["fit"].input_pos("data"))
    assert scene.nodes["fit"].highlight.get((False, "data")) in (OK, 2)
    assert (False, "epochs") not in scene.nodes["fit"].highlight
    assert scene.nodes["look"].highlight.get((False, "thing")) == OK
    release(window.view, scene.nodes["fit"].input_pos("data"))
    assert doc.task("fit").arguments["data"] == OutputRef("made", "data")
    steps = doc.undo_stack.count()
    drag(window, "made", "data", "look", "thing")     # Dataset -> the generic Artifact
    assert doc.task("look").arguments["thing"] == OutputRef("made", "data")
    assert doc.undo_stack.count() == steps + 1 and window.editor.last_refusal is None
    doc.undo_stack.undo()
    drag(window, "made", "model", "look", "thing")    # Model -> Artifact too
    assert doc.task("look").arguments["thing"] == OutputRef("made", "model")


def test_mismatched_artifacts_and_values_are_refused_with_the_reason(window, tmp_path):
    doc = open_pipeline(window, tmp_path)
    before, steps = snapshot(doc), doc.undo_stack.count()
    drag(window, "made", "model", "fit", "data")
    reason = window.editor.last_refusal
    assert "Model" in reason and "Dataset" in reason and "mismatch" in reason
    assert reason in window.statusBar().currentMessage()
    drag(window, "made", "data", "fit", "epochs")     # an artifact into a value input
    reason = window.editor.last_refusal
    assert "artifacts and values do not mix" in reason and "Dataset" in reason
    drag(window, "made", "Output", "fit", "data")     # a value into an artifact input
    assert "values and artifacts do not mix" in window.editor.last_refusal
    drag(window, "param:rows", "rows", "look", "thing")
    assert "rows" in window.editor.last_refusal
    assert snapshot(doc) == before and doc.undo_stack.count() == steps
