"""Issue #5: connections a signature change invalidates are flagged, never silently dropped.

The tutorial example is edited so an argument loses its port (an input renamed away, an
upstream output removed, a parameter deleted). The canvas must keep drawing the wire,
dashed in the error colour, with a stale row for the missing port; the user deletes it
(keyboard, or dragging it off) or re-routes it (mouse) in one undo step each.
Colours are read back from painted pixels, in both themes.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from designer.ir import OutputRef, ParamRef, PipelineParam, validate
from designer.model import commands as C
from designer.model.document import snapshot
from designer.model.rules import PARAM_PREFIX
from designer.ui import style as S
from designer.ui import theme
from designer.ui.code.highlighter import is_dark

from tests.ui.canvas_helpers import click, key, mouse_drag
from tests.ui.run_support import EXAMPLE

SUM, N1, N2 = "sum_result", "number_1_result", "number_2_result"
NO_RETURN = "def print_and_return_number(number: int):\n    print(number)\n"


@pytest.fixture
def example(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    window.view.fit()
    QCoreApplication.processEvents()
    yield window
    window.panes.previews.shutdown()


@pytest.fixture
def system_theme_after():
    yield
    theme.apply_theme("system")
    S.use_theme(is_dark(QApplication.instance().palette()))


def rename_number_2(doc) -> None:
    comp = doc.component("sum_and_print_numbers")
    doc.push(C.SetComponentSource(doc, comp.id, comp.source.replace(
        "number_2: int", "total: int"), merge=False))


def drop_outputs(doc) -> None:
    doc.push(C.SetComponentSource(doc, "print_and_return_number", NO_RETURN, merge=False))


def messages(doc) -> list[str]:
    return [d.message for d in validate(doc.pipeline)]


# --- reading pixels ------------------------------------------------------------------------------

def grab(window) -> QImage:
    QApplication.processEvents()
    return window.view.viewport().grab().toImage()


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def pixel_near(window, image: QImage, scene_pos: QPointF, colour: QColor,
               reach: int = 1) -> int:
    """The smallest colour distance to ``colour`` in the pixels around a scene point
    (3x3 with ``reach`` 1, the one pixel with 0)."""
    at = window.view.mapFromScene(scene_pos)
    ratio = image.devicePixelRatio()
    x, y = int(at.x() * ratio), int(at.y() * ratio)
    near = range(-reach, reach + 1)
    return min(distance(image.pixelColor(x + dx, y + dy), colour) for dx in near for dy in near)


SAMPLES = range(8, 82)   # points along the middle of a wire, of 90


def ink_and_gaps(window, wire, colour: QColor) -> tuple[int, int]:
    """Along the middle of a wire's path: points painted in ``colour`` (within a pixel)
    and points where the pixel on the path shows none of it (the gaps of a dashed pen)."""
    image = grab(window)
    path = wire.path()
    ink = gaps = 0
    for i in SAMPLES:
        at = path.pointAtPercent(i / 90)
        ink += pixel_near(window, image, at, colour) < 90
        gaps += pixel_near(window, image, at, colour, reach=0) > 250
    return ink, gaps


def assert_dashed_in_error_colour(window, wire) -> None:
    ink, gaps = ink_and_gaps(window, wire, S.theme.missing_text)
    assert ink >= 15 and gaps >= 8, (ink, gaps)


def assert_solid_in_type_colour(window, wire) -> None:
    ink, _gaps = ink_and_gaps(window, wire, S.theme.kind_colour(wire.kind))
    assert ink == len(SAMPLES), ink           # no gap anywhere
    assert ink_and_gaps(window, wire, S.theme.missing_text)[0] == 0


# --- an input renamed away ----------------------------------------------------------------------

def test_renaming_an_input_in_the_code_pane_keeps_a_flagged_wire(example, qtbot):
    window, doc, scene = example, example.document, example.scene
    code = window.panes.code
    code._timer.setInterval(40)
    scene.select_keys([SUM])
    qtbot.waitUntil(lambda: code.component_id == "sum_and_print_numbers", timeout=2000)
    editor = code.editor
    start = editor.toPlainText().index("number_2")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("number_2"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "total")
    sig = lambda: doc.component("sum_and_print_numbers").signature  # noqa: E731
    qtbot.waitUntil(lambda: sig().input("total") is not None, timeout=3000)

    # The model keeps the argument and validation reports it...
    assert doc.task(SUM).arguments["number_2"] == OutputRef(N2, "Output")
    assert any("passes `number_2`" in m for m in messages(doc))
    # ...and the canvas keeps the wire, flagged, ending at a stale row under the inputs.
    node = scene.nodes[SUM]
    assert [p.name for p in node.inputs] == ["number_1", "total"]
    assert [p.name for p in node.stale_inputs] == ["number_2"]
    row = node.stale_inputs[0]
    assert row.y > max(p.y for p in node.inputs)
    wire = scene.wires[(SUM, "number_2")]
    assert wire.scene() is scene and wire.isVisible()
    assert wire.stale and wire.loose == "target" and wire.source is scene.nodes[N2]
    assert wire.path().pointAtPercent(1.0) == node.input_pos("number_2")
    tip = "`number_2` is no longer an input of sum_and_print_numbers: connect the wire to " \
          "another input or delete it"
    assert tip in wire.toolTip() and tip in row.tooltip and "Delete" in row.tooltip
    assert "stale row" in node.node_tooltip()
    assert_dashed_in_error_colour(window, wire)
    assert_solid_in_type_colour(window, scene.wires[(SUM, "number_1")])


def test_undo_and_changing_the_source_back_restore_the_normal_wire(example):
    window, doc, scene = example, example.document, example.scene
    before = snapshot(doc)
    rename_number_2(doc)
    assert scene.wires[(SUM, "number_2")].stale
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    node = scene.nodes[SUM]
    assert len(node.stale_inputs) == 0
    assert [p.name for p in node.inputs] == ["number_1", "number_2"]
    wire = scene.wires[(SUM, "number_2")]
    assert not wire.stale and wire.toolTip() == ""
    assert wire.path().pointAtPercent(1.0) == node.input_pos("number_2")
    assert_solid_in_type_colour(window, wire)

    doc.undo_stack.redo()
    assert scene.wires[(SUM, "number_2")].stale
    comp = doc.component("sum_and_print_numbers")  # editing the source back, not undo
    doc.push(C.SetComponentSource(doc, comp.id, comp.source.replace("total: int",
                                                                     "number_2: int"),
                                  merge=False))
    assert not scene.wires[(SUM, "number_2")].stale and len(node.stale_inputs) == 0
    assert not messages(doc)


def test_deleting_the_stale_wire_with_the_keyboard_is_one_step(example):
    window, doc, scene, view = example, example.document, example.scene, example.view
    rename_number_2(doc)
    steps = doc.undo_stack.count()
    wire = scene.wires[(SUM, "number_2")]
    click(view, wire.path().pointAtPercent(0.5))
    assert wire.isSelected() and scene.selected_keys() == []
    view.setFocus()
    key(view, Qt.Key.Key_Delete)
    assert "number_2" not in doc.task(SUM).arguments
    assert (SUM, "number_2") not in scene.wires and len(scene.nodes[SUM].stale_inputs) == 0
    assert doc.undo_stack.count() == steps + 1
    assert not any("passes `number_2`" in m for m in messages(doc))
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.task(SUM).arguments["number_2"] == OutputRef(N2, "Output")
    assert scene.wires[(SUM, "number_2")].stale


def test_dragging_the_stale_wire_off_its_port_deletes_it(example):
    doc, scene = example.document, example.scene
    rename_number_2(doc)
    steps = doc.undo_stack.count()
    port = scene.nodes[SUM].input_pos("number_2")
    mouse_drag(example.view, port, port + QPointF(-60, 140))
    assert "number_2" not in doc.task(SUM).arguments
    assert doc.undo_stack.count() == steps + 1 and (SUM, "number_2") not in scene.wires


def test_rerouting_the_stale_wire_onto_total_by_mouse_fixes_it(example):
    window, doc, scene = example, example.document, example.scene
    rename_number_2(doc)
    assert any("`total`" in m for m in messages(doc))  # the required input is unset
    steps = doc.undo_stack.count()
    node = scene.nodes[SUM]
    mouse_drag(window.view, node.input_pos("number_2"), node.input_pos("total"))
    assert doc.task(SUM).arguments == {"number_1": OutputRef(N1, "Output"),
                                       "total": OutputRef(N2, "Output")}
    assert doc.undo_stack.count() == steps + 1 and doc.undo_stack.undoText() == "Move wire"
    assert not messages(doc)
    assert len(node.stale_inputs) == 0 and not any(w.stale for w in scene.wires.values())
    wire = scene.wires[(SUM, "total")]
    assert wire.path().pointAtPercent(1.0) == node.input_pos("total")
    assert_solid_in_type_colour(window, wire)
    doc.undo_stack.undo()
    assert scene.wires[(SUM, "number_2")].stale and (SUM, "total") not in scene.wires


def test_a_stale_row_refuses_new_wires_and_says_why(example):
    doc, scene = example.document, example.scene
    rename_number_2(doc)
    before = snapshot(doc)
    # Dropping a wire from number_1_result onto the stale row is refused by the rules.
    mouse_drag(example.view, scene.nodes[N1].output_pos("Output"),
               scene.nodes[SUM].input_pos("number_2"))
    assert snapshot(doc) == before
    assert "has no input `number_2`" in example.editor.last_refusal


# --- an upstream output removed ------------------------------------------------------------------

def test_a_removed_output_gets_a_stale_row_and_flagged_wires(example):
    window, doc, scene = example, example.document, example.scene
    before = snapshot(doc)
    drop_outputs(doc)  # both number_*_result tasks lose `Output`
    assert doc.task(SUM).arguments["number_1"] == OutputRef(N1, "Output")
    for up, inp in ((N1, "number_1"), (N2, "number_2")):
        node = scene.nodes[up]
        assert node.outputs == [] and [p.name for p in node.stale_outputs] == ["Output"]
        assert "`Output` is no longer an output of print_and_return_number" in \
            node.stale_outputs[0].tooltip
        wire = scene.wires[(SUM, inp)]
        assert wire.stale and wire.loose == "source" and wire.source is node
        assert wire.path().pointAtPercent(0.0) == node.output_pos("Output")
        assert "no longer an output" in wire.toolTip()
        target = next(p for p in scene.nodes[SUM].inputs if p.name == inp)
        assert target.state == "broken"
        assert_dashed_in_error_colour(window, wire)
    # The stale output's warning glyph is painted in the error colour.
    node = scene.nodes[N1]
    row = node._stale_rows[0]
    glyph = row.glyph.boundingRect()
    image = grab(window)
    assert pixel_near(window, image, node.mapToScene(glyph.left() + 2.5, glyph.top() + 8.5),
                      S.theme.missing_text) < 90
    # Pressing the stale output starts no wire and says what to do.
    mouse_drag(window.view, node.output_pos("Output"), node.output_pos("Output") +
               QPointF(40, 0))
    assert doc.undo_stack.count() == 1 and window.scene.interaction is None
    assert doc.layout[N1] == (210.0, 0.0)   # nor drags the node
    assert "drag each wire's input end" in window.statusBar().currentMessage()

    doc.undo_stack.undo()
    assert snapshot(doc) == before
    assert all(len(scene.nodes[k].stale_outputs) == 0 for k in (N1, N2))
    assert not any(w.stale for w in scene.wires.values())


def test_stale_output_wires_are_rerouted_or_deleted_one_step_each(example):
    doc, scene, view = example.document, example.scene, example.view
    drop_outputs(doc)
    steps = doc.undo_stack.count()
    # Re-route: pick sum_result.number_1 up by its input end, drop it on parameter number_1.
    mouse_drag(view, scene.nodes[SUM].input_pos("number_1"),
               scene.nodes[PARAM_PREFIX + "number_1"].output_pos())
    assert doc.task(SUM).arguments["number_1"] == ParamRef("number_1")
    assert doc.undo_stack.count() == steps + 1
    assert len(scene.nodes[N1].stale_outputs) == 0   # nothing reads the lost output any more
    assert not scene.wires[(SUM, "number_1")].stale
    # Delete the other one with the keyboard.
    wire = scene.wires[(SUM, "number_2")]
    click(view, wire.path().pointAtPercent(0.5))
    assert wire.isSelected()
    view.setFocus()
    key(view, Qt.Key.Key_Delete)
    assert "number_2" not in doc.task(SUM).arguments
    assert doc.undo_stack.count() == steps + 2 and len(scene.nodes[N2].stale_outputs) == 0
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [p.name for p in scene.nodes[N2].stale_outputs] == ["Output"]
    assert scene.wires[(SUM, "number_1")].stale and scene.wires[(SUM, "number_2")].stale


# --- a parameter that no longer exists -----------------------------------------------------------

@pytest.fixture
def missing_param(make_window, tmp_path, qtbot):
    """The example with parameter number_1 deleted by hand from the file."""
    text = EXAMPLE.read_text().replace("  - {name: number_1, type: int}\n", "")
    text = text.replace("  param:number_1: [0.0, 39.0]\n", "")
    path = tmp_path / "edited.kfpd"
    path.write_text(text)
    window = make_window()
    assert window.files.open_path(str(path))
    window.view.fit()
    QCoreApplication.processEvents()
    yield window
    window.panes.previews.shutdown()


def test_a_reference_to_a_deleted_parameter_is_a_flagged_stub(missing_param):
    window, doc, scene = missing_param, missing_param.document, missing_param.scene
    assert doc.task(N1).arguments == {"number": ParamRef("number_1")}
    wire = scene.wires[(N1, "number")]
    assert wire.source is None and wire.stale and wire.loose == "source"
    assert "pipeline parameter `number_1` no longer exists" in wire.toolTip()
    port = scene.nodes[N1].inputs[0]
    assert port.state == "broken" and "no longer exists" in port.tooltip
    assert wire.path().pointAtPercent(1.0) == scene.nodes[N1].input_pos("number")
    assert wire.path().length() == pytest.approx(S.STUB_LEN)
    assert_dashed_in_error_colour(window, wire)
    # Adding the parameter back (one undoable command) attaches the wire to it.
    doc.push(C.AddParam(doc, PipelineParam("number_1", "int"), (0.0, 40.0)))
    wire = scene.wires[(N1, "number")]
    assert not wire.stale and wire.source is scene.nodes[PARAM_PREFIX + "number_1"]
    doc.undo_stack.undo()
    wire = scene.wires[(N1, "number")]
    assert wire.source is None and wire.stale
    # Auto-layout places the nodes around the stub (it used to fail on the lost parameter).
    window.editor.auto_layout()
    assert doc.undo_stack.undoText() == "Auto-layout"
    assert scene.wires[(N1, "number")].path().pointAtPercent(1.0) == \
        scene.nodes[N1].input_pos("number")


def test_a_stub_is_rerouted_to_another_parameter_or_deleted_by_keyboard(missing_param):
    doc, scene, view = missing_param.document, missing_param.scene, missing_param.view
    mouse_drag(view, scene.nodes[N1].input_pos("number"),
               scene.nodes[PARAM_PREFIX + "number_2"].output_pos())
    assert doc.task(N1).arguments == {"number": ParamRef("number_2")}
    assert doc.undo_stack.count() == 1
    wire = scene.wires[(N1, "number")]
    assert not wire.stale and wire.source is scene.nodes[PARAM_PREFIX + "number_2"]
    doc.undo_stack.undo()
    stub = scene.wires[(N1, "number")]
    assert stub.source is None
    click(view, stub.path().pointAtPercent(0.5))
    assert stub.isSelected()
    view.setFocus()
    key(view, Qt.Key.Key_Delete)
    assert doc.task(N1).arguments == {} and (N1, "number") not in scene.wires
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert scene.wires[(N1, "number")].source is None


# --- both themes ---------------------------------------------------------------------------------

def test_stale_rows_and_wires_read_in_the_dark_theme(example, qtbot, system_theme_after):
    window, doc, scene = example, example.document, example.scene
    rename_number_2(doc)
    theme.apply_theme("dark")
    QCoreApplication.processEvents()
    assert S.theme is S.DARK
    wire = scene.wires[(SUM, "number_2")]
    assert_dashed_in_error_colour(window, wire)
    assert S.DARK.missing_text != S.LIGHT.missing_text
    node = scene.nodes[SUM]
    row = node._stale_rows[0]
    image = grab(window)
    band = row.band
    tinted = image.pixelColor(window.view.mapFromScene(node.mapToScene(
        band.right() - 3, band.center().y())) * image.devicePixelRatio())
    plain = image.pixelColor(window.view.mapFromScene(node.mapToScene(
        node.size[0] - 6, band.center().y())) * image.devicePixelRatio())
    # The band is tinted red on the dark node body, and the node body is still dark.
    assert plain.lightness() < 80 and tinted.red() > plain.red() + 8
