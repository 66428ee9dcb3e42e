"""Canvas gestures with real mouse and keyboard events: wires, refusals, drags, selection."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from designer.ir import OutputRef, ParamRef, PipelineParam
from designer.model.document import snapshot
from designer.model.rules import PARAM_PREFIX
from designer.ui.canvas.node_item import OK

from tests.ui.canvas_helpers import (click, drop_component, key, mouse_drag, press_move, release,
                                     wire)


def add(window, name, x, y):
    drop_component(window, name, QPointF(x, y))
    return window.document.pipeline.tasks[-1].id


def test_incompatible_wire_is_refused_with_the_reason(window):
    doc = window.document
    number = add(window, "print_and_return_number", 0, 0)
    greet = add(window, "greet", 400, 0)
    before, steps = snapshot(doc), doc.undo_stack.count()
    wire(window, number, "Output", greet, "name")
    assert snapshot(doc) == before and doc.undo_stack.count() == steps
    reason = window.editor.last_refusal
    assert "Type mismatch" in reason and "int" in reason and "str" in reason
    assert reason in window.statusBar().currentMessage()
    assert window.scene.interaction is None and len(window.scene.wires) == 0


def test_cycle_is_refused_with_the_path(window):
    doc = window.document
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "print_and_return_number", 350, 0)
    c = add(window, "print_and_return_number", 700, 0)
    wire(window, a, "Output", b, "number")
    wire(window, b, "Output", c, "number")
    before = snapshot(doc)
    wire(window, c, "Output", a, "number")
    assert snapshot(doc) == before
    reason = window.editor.last_refusal
    assert "cycle" in reason
    assert "print_and_return_number → print_and_return_number_2 → print_and_return_number_3" \
        in reason
    # Feeding a task its own output is a cycle too.
    wire(window, a, "Output", a, "number")
    assert "own input" in window.editor.last_refusal and snapshot(doc) == before


def test_live_wire_highlights_compatible_ports_and_snaps(window):
    scene = window.scene
    number = add(window, "print_and_return_number", 0, 0)
    other = add(window, "print_and_return_number", 350, 200)
    greet = add(window, "greet", 350, -200)
    start = scene.nodes[number].output_pos("Output")
    target = scene.nodes[other].input_pos("number")
    press_move(window.view, start, target + QPointF(3, 2))
    try:
        assert scene.interaction is not None
        assert scene.nodes[other].highlight[(False, "number")] != 0
        assert (False, "name") not in scene.nodes[greet].highlight  # str: not compatible
        assert scene.nodes[number].highlight == {}  # its own input would be a cycle
        rubber = scene.interaction.rubber
        assert rubber.isVisible() and not rubber.refused
        assert rubber.boundingRect().contains(target)  # snapped to the port
    finally:
        release(window.view, target)
    assert window.document.task(other).arguments == {"number": OutputRef(number, "Output")}
    assert all(not n.highlight for n in scene.nodes.values())
    assert scene.interaction is None


def test_dropping_a_wire_on_a_nodes_row_connects_that_port(window):
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "sum_and_print_numbers", 400, 0)
    node = window.scene.nodes[b]
    row = node.input_pos("number_2") + QPointF(40, 0)  # on the label, not the circle
    mouse_drag(window.view, window.scene.nodes[a].output_pos("Output"), row)
    assert window.document.task(b).arguments == {"number_2": OutputRef(a, "Output")}


def test_picking_up_a_wire_reroutes_or_disconnects_it(window):
    doc = window.document
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "sum_and_print_numbers", 400, 0)
    wire(window, a, "Output", b, "number_1")
    node = window.scene.nodes[b]
    mouse_drag(window.view, node.input_pos("number_1"), node.input_pos("number_2"))
    assert doc.task(b).arguments == {"number_2": OutputRef(a, "Output")}
    assert doc.undo_stack.undoText() == "Move wire"
    mouse_drag(window.view, node.input_pos("number_2"), node.input_pos("number_2") +
               QPointF(-150, 120))
    assert doc.task(b).arguments == {}
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.task(b).arguments == {"number_1": OutputRef(a, "Output")}
    assert set(window.scene.wires) == {(b, "number_1")}


def test_wire_from_an_input_backwards_to_a_parameter(window, dialogs_script):
    doc = window.document
    t = add(window, "print_and_return_number", 300, 0)
    dialogs_script.params.append(PipelineParam("n", "int"))
    window.editor.add_param(QPointF(0, 0))
    scene = window.scene
    mouse_drag(window.view, scene.nodes[t].input_pos("number"),
               scene.nodes[PARAM_PREFIX + "n"].output_pos())
    assert doc.task(t).arguments == {"number": ParamRef("n")}


def test_node_drag_is_one_undo_step_and_wires_follow(window):
    doc, scene = window.document, window.scene
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "print_and_return_number", 400, 0)
    wire(window, a, "Output", b, "number")
    before = doc.layout[b]
    steps = doc.undo_stack.count()
    grab = scene.nodes[b].pos() + QPointF(60, 12)  # the title bar
    mouse_drag(window.view, grab, grab + QPointF(120, 90), steps=10)
    assert doc.undo_stack.count() == steps + 1
    moved = doc.layout[b]
    assert abs(moved[0] - before[0] - 120) <= 2 and abs(moved[1] - before[1] - 90) <= 2
    w = scene.wires[(b, "number")]
    assert w.boundingRect().contains(scene.nodes[b].input_pos("number"))
    assert w._p2 == scene.nodes[b].input_pos("number")      # the wire ends at the port
    doc.undo_stack.undo()
    assert doc.layout[b] == before and scene.nodes[b].pos() == QPointF(*before)
    assert w.boundingRect().contains(scene.nodes[b].input_pos("number"))
    assert w._p2 == scene.nodes[b].input_pos("number")


def test_rubber_band_select_then_drag_all_is_one_step(window):
    doc, scene, view = window.document, window.scene, window.view
    ids = [add(window, "add_numbers", x, y) for x, y in ((0, 0), (300, 0), (0, 200))]
    got = []
    window.selection_changed.connect(got.append)
    rect = scene.itemsBoundingRect()
    mouse_drag(view, rect.topLeft() - QPointF(30, 30), rect.bottomRight() + QPointF(30, 30))
    QApplication.processEvents()
    assert sorted(scene.selected_task_ids()) == sorted(ids)
    assert sorted(got[-1]) == sorted(ids)
    before = {k: doc.layout[k] for k in ids}
    steps = doc.undo_stack.count()
    grab = scene.nodes[ids[0]].pos() + QPointF(50, 12)
    mouse_drag(view, grab, grab + QPointF(-80, 40))
    assert doc.undo_stack.count() == steps + 1
    for k in ids:
        assert doc.layout[k] != before[k]
    doc.undo_stack.undo()
    assert {k: doc.layout[k] for k in ids} == before


def test_delete_key_and_undo_redo_shortcuts(window):
    doc, view = window.document, window.view
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "print_and_return_number", 400, 0)
    wire(window, a, "Output", b, "number")
    before = snapshot(doc)
    window.scene.select_keys([a])
    view.setFocus()
    key(view, Qt.Key.Key_Delete)
    assert doc.task(a) is None and doc.task(b).arguments == {}
    assert a not in window.scene.nodes and not window.scene.wires
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(doc) == before and len(window.scene.wires) == 1
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.ShiftModifier)
    assert doc.task(a) is None
    key(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # nothing left to redo
    window.undo_view.setFocus()
    assert window.undo_view.stack() is doc.undo_stack
    assert doc.undo_stack.text(doc.undo_stack.count() - 1).startswith("Delete")


def test_selecting_a_wire_and_deleting_it_disconnects(window):
    doc, scene = window.document, window.scene
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "print_and_return_number", 400, 0)
    wire(window, a, "Output", b, "number")
    w = scene.wires[(b, "number")]
    middle = w.path().pointAtPercent(0.5)
    click(window.view, middle)
    assert w.isSelected()
    window.act_delete.trigger()
    assert doc.task(b).arguments == {} and doc.task(a) is not None


def test_duplicate_keeps_inner_wires_and_makes_new_names(window):
    doc, scene = window.document, window.scene
    a = add(window, "print_and_return_number", 0, 0)
    b = add(window, "print_and_return_number", 400, 0)
    wire(window, a, "Output", b, "number")
    scene.select_keys([a, b])
    window.view.setFocus()
    key(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    tasks = doc.pipeline.tasks
    assert len(tasks) == 4 and len({t.name for t in tasks}) == 4
    new_a, new_b = tasks[2], tasks[3]
    assert new_b.arguments == {"number": OutputRef(new_a.id, "Output")}
    assert sorted(scene.selected_task_ids()) == sorted([new_a.id, new_b.id])
    assert doc.layout[new_a.id] == (doc.layout[a][0] + 30, doc.layout[a][1] + 30)
    doc.undo_stack.undo()
    assert len(doc.pipeline.tasks) == 2


def test_copy_paste_between_windows_via_the_clipboard(make_window):
    first, second = make_window(), make_window()
    a = add(first, "print_and_return_number", 0, 0)
    b = add(first, "sum_and_print_numbers", 400, 0)
    wire(first, a, "Output", b, "number_1")
    first.scene.select_keys([a, b])
    first.act_copy.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat("application/x-kfp-designer")
    assert "print_and_return_number" in mime.text()
    second.editor.paste(QPointF(100, 100))
    tasks = second.document.pipeline.tasks
    assert [t.name for t in tasks] == ["print_and_return_number", "sum_and_print_numbers"]
    assert tasks[1].arguments == {"number_1": OutputRef(tasks[0].id, "Output")}
    assert {c.name for c in second.document.pipeline.components} == {
        "print_and_return_number", "sum_and_print_numbers"}
    assert second.document.layout[tasks[0].id] == (100.0, 100.0)  # top-left at the cursor
    assert len(second.scene.wires) == 1
    # Pasting text that is not a project is refused without change.
    QApplication.clipboard().setText("not a pipeline")
    before = snapshot(second.document)
    second.editor.paste()
    assert snapshot(second.document) == before


def test_cut_then_paste_restores_wires_to_parameters(window, dialogs_script):
    doc = window.document
    t = add(window, "print_and_return_number", 300, 0)
    dialogs_script.params.append(PipelineParam("n", "int"))
    window.editor.add_param(QPointF(0, 0))
    wire(window, PARAM_PREFIX + "n", None, t, "number")
    window.scene.select_keys([t])
    window.act_cut.trigger()
    assert doc.pipeline.tasks == []
    window.editor.paste(QPointF(300, 0))
    assert doc.pipeline.tasks[0].arguments == {"number": ParamRef("n")}
    assert [p.name for p in doc.pipeline.params] == ["n"]  # reused, not duplicated


def test_zoom_with_wheel_and_keys_and_fit(window):
    view = window.view
    for name, x in (("add_numbers", 0), ("add_numbers", 2000)):
        add(window, name, x, 0)
    view.reset_zoom()
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert abs(view.zoom() - 1.2) < 1e-6
    view.setFocus()
    key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.zoom() - 1 / 1.2) < 1e-6
    key(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.zoom() - 1.0) < 1e-6
    window.act_fit.trigger()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.itemsBoundingRect())
    assert view.zoom() < 1.0


def test_middle_button_pans(window):
    view = window.view
    add(window, "add_numbers", 0, 0)
    before = view.mapToScene(view.viewport().rect().center())
    from tests.ui.canvas_helpers import _send
    from PySide6.QtCore import QEvent
    mid = Qt.MouseButton.MiddleButton
    _send(view, QEvent.Type.MouseButtonPress, QPoint(300, 300), mid, mid)
    _send(view, QEvent.Type.MouseMove, QPoint(200, 250), Qt.MouseButton.NoButton, mid)
    _send(view, QEvent.Type.MouseButtonRelease, QPoint(200, 250), mid, Qt.MouseButton.NoButton)
    after = view.mapToScene(view.viewport().rect().center())
    zoom = view.zoom()
    assert abs((after.x() - before.x()) * zoom - 100) < 2
    assert abs((after.y() - before.y()) * zoom - 50) < 2


def test_auto_layout_is_one_step_in_layers(window, dialogs_script):
    doc = window.document
    a = add(window, "print_and_return_number", 500, 500)
    b = add(window, "print_and_return_number", -300, 0)
    c = add(window, "sum_and_print_numbers", -600, 200)
    dialogs_script.params.append(PipelineParam("n", "int"))
    window.editor.add_param(QPointF(900, 900))
    wire(window, PARAM_PREFIX + "n", None, a, "number")
    wire(window, a, "Output", b, "number")
    wire(window, b, "Output", c, "number_1")
    steps = doc.undo_stack.count()
    window.act_layout.trigger()
    assert doc.undo_stack.count() == steps + 1
    xs = [doc.layout[k][0] for k in (PARAM_PREFIX + "n", a, b, c)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    for k, node in window.scene.nodes.items():  # no overlaps
        for k2, other in window.scene.nodes.items():
            if k < k2:
                assert not node.sceneBoundingRect().intersects(other.sceneBoundingRect())


def test_parameter_double_click_edits_and_renames_references(window, dialogs_script):
    doc = window.document
    t = add(window, "print_and_return_number", 300, 0)
    dialogs_script.params.append(PipelineParam("n", "int"))
    window.editor.add_param(QPointF(0, 0))
    wire(window, PARAM_PREFIX + "n", None, t, "number")
    node = window.scene.nodes[PARAM_PREFIX + "n"]
    dialogs_script.params.append(PipelineParam("count", "int", 3, True))
    from PySide6.QtTest import QTest
    from tests.ui.canvas_helpers import vp
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(window.view, node.pos() + QPointF(40, 12)))
    assert doc.task(t).arguments == {"number": ParamRef("count")}
    assert PARAM_PREFIX + "count" in window.scene.nodes
    assert (t, "number") in window.scene.wires
    assert window.scene.wires[(t, "number")].source is window.scene.nodes[PARAM_PREFIX + "count"]


def test_port_tooltips_name_the_type(window):
    t = add(window, "greet", 0, 0)
    node = window.scene.nodes[t]
    port = next(p for p in node.inputs if p.name == "name")
    assert "str" in port.tooltip and "required" in port.tooltip
    greeting = next(p for p in node.inputs if p.name == "greeting")
    assert "optional" in greeting.tooltip and "'Hello'" in greeting.tooltip
    assert node.outputs[0].colour != node.inputs[0].colour.darker(300)
    assert OK  # the highlight constant is exported for views


def test_dropping_a_library_component_the_pipeline_has_edited_reuses_the_edit(window):
    from designer.model import commands as C
    doc = window.document
    add(window, "print_and_return_number", 0, 0)
    comp = doc.pipeline.components[0]
    edited = comp.source.replace("print(number)", "print('n =', number)")
    doc.push(C.SetComponentSource(doc, comp.id, edited, merge=False))
    second = add(window, "print_and_return_number", 0, 200)
    assert len(doc.pipeline.components) == 1 and doc.task(second).component_id == comp.id
    assert "own, edited" in window.statusBar().currentMessage()
