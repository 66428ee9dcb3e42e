"""Opening a big project does work in proportion to it, not to its square (issue 16: a
2,000-task file to a painted window). Counted, not timed: the bench
(tests/bench/canvas_bench.py) reports the time."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from designer import persist  # noqa: E402
from designer.ui.canvas.wire_item import WireItem  # noqa: E402
from tests.test_project_yaml_build import _project  # noqa: E402


def _counts(runs) -> dict[str, int]:
    counts = {"task_state": 0, "task_outputs": 0, "task_inputs": 0, "cleared": 0}
    for name in counts:
        getattr(runs, name).connect(lambda *a, name=name: counts.__setitem__(name,
                                                                            counts[name] + 1))
    return counts


def test_opening_a_file_clears_the_last_runs_values_with_one_signal(window, tmp_path):
    runs, scene = window.runs, window.scene
    path = tmp_path / "chain.kfpd"
    persist.save(_project(60), path)
    assert window.files.open_path(str(path))
    # What a run showed: a state, output values, values on a wire (a step-through pause).
    runs.task_state.emit("t3", "failed", "boom")
    runs.task_outputs.emit("t3", {"Output": "7"})
    runs.task_inputs.emit("t4", {"number": "7"})
    assert scene.wires[("t4", "number")].value == "7"
    counts = _counts(runs)
    assert window.files.open_path(str(path), ask=False)
    assert counts == {"task_state": 0, "task_outputs": 0, "task_inputs": 0, "cleared": 1}
    nodes = [scene.nodes[f"t{i}"] for i in range(60)]
    assert not any(n.run_state or n.run_detail or n.run_outputs for n in nodes)
    assert all(w.value == "" for w in scene.wires.values())
    assert scene.input_values == {}


class _Scanned(dict):
    """The scene's wires, counting scans of all of them."""
    scans = 0

    def _scan(self, method):
        type(self).scans += 1
        return method()

    def items(self):
        return self._scan(super().items)

    def values(self):
        return self._scan(super().values)

    def __iter__(self):
        return self._scan(super().__iter__)


def test_values_on_a_tasks_wires_touch_only_its_wires(window, tmp_path, monkeypatch):
    path = tmp_path / "chain.kfpd"
    persist.save(_project(300), path)
    assert window.files.open_path(str(path))
    scene = window.scene
    monkeypatch.setattr(scene, "wires", _Scanned(scene.wires))
    touched = []
    set_value = WireItem.set_value
    monkeypatch.setattr(WireItem, "set_value",
                        lambda self, value: touched.append(self.key) or set_value(self, value))
    scene.set_input_values("t150", {"number": "3"})
    assert touched == [("t150", "number")]
    assert scene.wires[("t150", "number")].value == "3"
    touched.clear()
    scene.set_input_values("t150", {})
    assert touched == [("t150", "number")]
    assert scene.wires[("t150", "number")].value == ""
    assert _Scanned.scans == 0


def test_nodes_share_their_port_labels_and_make_no_tooltip_on_open(window, tmp_path,
                                                                    monkeypatch):
    from designer.ui.canvas.node_item import NodeItem
    path = tmp_path / "chain.kfpd"
    persist.save(_project(100), path)
    calls = []
    set_tooltip = NodeItem.setToolTip
    monkeypatch.setattr(NodeItem, "setToolTip",
                        lambda self, text: calls.append(text) or set_tooltip(self, text))
    assert window.files.open_path(str(path))
    assert calls == []            # a tooltip is built on the first hover
    nodes = [window.scene.nodes[f"t{i}"] for i in range(100)]
    labels = {id(n.inputs[0].label) for n in nodes} | {id(n.outputs[0].label) for n in nodes}
    assert len(labels) == 2       # "number" and "Output", one QStaticText each
    assert len({id(n._title) for n in nodes}) == 100


def test_titles_are_elided_as_qt_elides_them():
    from PySide6.QtCore import Qt
    from designer.ui import style as S
    from designer.ui.canvas.node_item import _elide

    def qt(text, width):
        return S.metrics("title").elidedText(text, Qt.TextElideMode.ElideMiddle, width)
    for text in ("short", "a_rather_long_task_name_that_cannot_fit_in_a_node" * 3,
                 "long variant\x9cshort", "line\nbreak", ""):
        for width in (20.0, 80.0, 160.0, 1000.0):
            assert _elide(text, "title", width, S.text_width("title", text)) == qt(text, width)


def test_the_sync_after_opening_places_no_node_again(window, tmp_path, monkeypatch):
    """The rebuild places every node and sizes the scene rect; the sync that follows the
    document's reset has nothing left to place."""
    from designer.ui.canvas.node_item import NodeItem
    path = tmp_path / "chain.kfpd"
    persist.save(_project(100), path)
    asked = []
    bounds = NodeItem.sceneBoundingRect
    monkeypatch.setattr(NodeItem, "sceneBoundingRect",
                        lambda self: asked.append(self.key) or bounds(self))
    assert window.files.open_path(str(path))
    assert asked == []
    assert window.scene.sceneRect().contains(window.scene.itemsBoundingRect())


def test_the_collector_waits_for_the_first_frame_of_an_opened_file(window, tmp_path, qtbot):
    import gc
    path = tmp_path / "chain.kfpd"
    persist.save(_project(50), path)
    assert gc.isenabled()
    assert window.files.open_path(str(path))
    assert not gc.isenabled()            # the items are made: the canvas paints them first
    window.view.viewport().repaint()
    QCoreApplication.processEvents()     # the turn after the frame (not the 2 s fallback)
    assert gc.isenabled()


def test_a_pause_ends_on_its_own_when_nothing_paints(qtbot):
    import gc
    from PySide6.QtWidgets import QWidget
    from designer.ui.deferred import CollectorPause
    hidden = QWidget()
    pause = CollectorPause(hidden, limit_ms=50)
    assert pause.paused and not gc.isenabled()
    qtbot.waitUntil(gc.isenabled)
    assert not pause.paused


def test_a_refused_file_leaves_the_collector_on_for_its_message(window, tmp_path,
                                                               dialogs_script, monkeypatch):
    import gc
    from designer.ui import dialogs
    path = tmp_path / "broken.kfpd"
    path.write_text("format: kfp-pipeline-designer\nversion: 1\npipeline: [\n")
    seen = []
    monkeypatch.setattr(dialogs, "warn", lambda *args: seen.append(gc.isenabled()))
    assert not window.files.open_path(str(path))
    assert seen == [True] and gc.isenabled()


def test_a_pause_never_turns_on_a_collector_someone_else_turned_off(window):
    import gc
    from designer.ui.deferred import CollectorPause
    gc.disable()
    try:
        pause = CollectorPause(window.view.viewport())
        assert not pause.paused
        pause.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_big_files_panes_and_validation_wait_for_the_canvas_first_frame(window, tmp_path,
                                                                          monkeypatch):
    """Then the validation goes on in slices, a turn of the event loop each (input is
    answered in between), and the panes fill when it is done."""
    from designer.ui.panes import controller
    monkeypatch.setattr(controller, "VALIDATE_SLICE_S", 0.0)    # one slice per turn
    path = tmp_path / "big.kfpd"
    project = _project(controller.DEFER_PANES_AT)
    project.pipeline.tasks[5].arguments.clear()       # a problem: a required input unset
    persist.save(project, path)
    doc, panes = window.document, window.panes
    assert window.files.open_path(str(path))
    assert doc.problems.pending                       # nothing validated before the frame
    assert panes.form.name_edit.text() != "chain"
    window.view.viewport().repaint()
    turns = 0
    while doc.problems.pending:
        QCoreApplication.processEvents()
        turns += 1
        assert turns < 1000
        if doc.problems.pending:    # (the panes still show the last document)
            assert "t5" not in [d.task_id for d in panes.problems.diagnostics]
    assert turns >= 2 * controller.DEFER_PANES_AT // 64      # indexed, then checked, by slices
    QCoreApplication.processEvents()
    assert panes.form.name_edit.text() == "chain"
    assert [d.task_id for d in panes.problems.diagnostics] == ["t5"]


def test_a_click_between_validation_slices(window, tmp_path, qtbot, monkeypatch):
    """A node clicked while an opened file is still being checked: selected and shown at
    once (what the properties pane asks is checked first), the rest follows."""
    from PySide6.QtCore import QPointF
    from designer.ir import validate
    from designer.ui.panes import controller
    from tests.ui.canvas_helpers import click
    monkeypatch.setattr(controller, "VALIDATE_SLICE_S", 0.0)
    path = tmp_path / "big.kfpd"
    project = _project(controller.DEFER_PANES_AT)
    project.pipeline.tasks[5].arguments.clear()
    persist.save(project, path)
    doc, panes = window.document, window.panes
    assert window.files.open_path(str(path))
    window.view.viewport().repaint()
    for _ in range(4):
        QCoreApplication.processEvents()
    assert doc.problems.pending
    node = window.scene.nodes["t7"]
    window.view.centerOn(node)
    click(window.view, node.mapToScene(QPointF(40, 10)))
    assert node.isSelected()
    qtbot.waitUntil(lambda: panes.properties.task_id == "t7")
    qtbot.waitUntil(lambda: [d.task_id for d in panes.problems.diagnostics] == ["t5"])
    assert doc.problems.diagnostics() == validate(doc.pipeline)


def test_a_small_files_panes_follow_at_once(window, tmp_path):
    path = tmp_path / "small.kfpd"
    project = _project(20)
    project.pipeline.tasks[5].arguments.clear()
    persist.save(project, path)
    assert window.files.open_path(str(path))
    assert window.panes.form.name_edit.text() == "chain"
    assert [d.task_id for d in window.panes.problems.diagnostics] == ["t5"]


def test_an_edit_before_the_first_frame_refreshes_the_panes_as_usual(window, tmp_path):
    from designer.model import commands as C
    from designer.ui.panes.controller import DEFER_PANES_AT
    path = tmp_path / "big.kfpd"
    persist.save(_project(DEFER_PANES_AT), path)
    assert window.files.open_path(str(path))
    window.document.push(C.RenameTask(window.document, "t3", "renamed"))
    assert window.panes.form.name_edit.text() == "chain"
    assert not window.document.problems.pending


def test_a_hidden_canvas_does_not_keep_the_panes_waiting(window, tmp_path, qtbot,
                                                         monkeypatch):
    from designer.ui.panes import controller
    monkeypatch.setattr(controller, "PANES_WAIT_MS", 50)
    path = tmp_path / "big.kfpd"
    persist.save(_project(controller.DEFER_PANES_AT), path)
    window.hide()
    assert window.files.open_path(str(path))
    assert window.panes.form.name_edit.text() != "chain"
    qtbot.waitUntil(lambda: window.panes.form.name_edit.text() == "chain")
    assert not window.document.problems.pending


def test_a_pause_ends_even_when_its_window_is_gone_before_it_paints(make_window, tmp_path,
                                                                   qtbot):
    """A file opened into a hidden window that is then closed: the canvas never paints
    and the paint callback goes with it; the limit still turns the collector back on
    (it stayed off for the rest of the process)."""
    import gc
    window = make_window()
    path = tmp_path / "chain.kfpd"
    persist.save(_project(5), path)
    window.hide()
    assert window.files.open_path(str(path))
    assert not gc.isenabled()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=10_000)
