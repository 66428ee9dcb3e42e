"""A pipeline that uses another pipeline, in the window: opened from its kfp file, the
sub-pipeline is one node with its ports and a subtitle saying what it is, Properties lists
the tasks inside it, and the library offers it under "In this pipeline": double-clicking
the entry adds another task of it (one undo step), wired by mouse like any task; the result
compiles for kfp 2 as kfp does."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import OutputRef  # noqa: E402
from designer.ir.validate import errors  # noqa: E402
from tests.golden.goldens import GOLDEN_DIR  # noqa: E402
from tests.ui.canvas_helpers import wire  # noqa: E402

TWICE = GOLDEN_DIR / "subpipelines" / "twice.py"


def _open(qtbot, window):
    assert window.files.open_path(str(TWICE))
    qtbot.waitUntil(lambda: len(window.scene.nodes) >= 4)
    return window.document


def _task_named(doc, name):
    return next(t for t in doc.pipeline.tasks if t.name == name)


def test_a_sub_pipeline_is_one_node_and_properties_list_its_tasks(qtbot, window, tmp_path):
    doc = _open(qtbot, window)
    one = _task_named(doc, "one")
    node = window.scene.nodes[one.id]
    assert node._subtitle_text == "pipeline loud · tasks: 2"
    assert [p.name for p in node.inputs] == ["text"]
    assert [p.name for p in node.outputs] == ["Output"]
    window.scene.select_keys([one.id])
    qtbot.waitUntil(lambda: window.panes.selected_task == one.id)
    label = window.panes.properties.inner_label
    qtbot.waitUntil(label.isVisible)
    assert label.text().replace("\u200b", "") == \
        "Pipeline loud, 2 tasks inside: first (shout), shout_task (shout)"
    # kfp 2 sets no container or Kubernetes settings on a pipeline's task: only "Run".
    sections = window.panes.properties.settings_editor.sections
    assert [k for k, sec in sections.items() if sec.isVisible()] == ["run"]
    window.scene.select_keys([_task_named(doc, "both").id])    # (another editor: rebuilt)
    qtbot.waitUntil(lambda: window.panes.properties.settings_editor.sections[
        "resources"].isVisible())
    window.grab().save(str(tmp_path / "subpipeline.png"))


def test_the_library_adds_another_task_of_it_and_a_wire_reads_its_output(qtbot, window):
    doc = _open(qtbot, window)
    window.docks["library"].show()
    window.docks["library"].raise_()
    library = window.library
    entry = next(i for i in library.items(library.local) if i.text(0) == "loud")
    assert "pipeline of 2 tasks" in entry.toolTip(0)
    before, count = set(window.scene.nodes), doc.undo_stack.count()
    tree = library.tree
    tree.scrollToItem(entry)
    rect = tree.visualItemRect(entry)
    for send in (QTest.mouseClick, QTest.mouseDClick):
        send(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
             rect.center())
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 1)
    assert doc.undo_stack.count() == count + 1
    new_id = (set(window.scene.nodes) - before).pop()
    sub = _task_named(doc, "one").component_id
    assert doc.task(new_id).component_id == sub          # the same pipeline, not a copy
    # Wire the new task's output into `join.b` by mouse (replacing `two`).
    join = _task_named(doc, "both")
    window.view.centerOn(window.scene.nodes[join.id])
    wire(window, new_id, "Output", join.id, "b")
    qtbot.waitUntil(lambda: doc.task(join.id).arguments.get("b") == OutputRef(new_id,
                                                                               "Output"))
    assert not errors(doc.pipeline)
    text = compile_pipeline(doc.pipeline, "v2")
    assert "comp-loud-3" in text            # (its copy of the inner pipeline, folded in)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: new_id not in window.scene.nodes)
    assert doc.task(join.id).arguments.get("b") == OutputRef(_task_named(doc, "two").id,
                                                             "Output")


def test_f5_runs_the_tasks_inside_the_sub_pipeline(window, qtbot, tmp_path, monkeypatch,
                                                   dialogs_script):
    """A local run executes the sub-pipeline's tasks in its place: the run panel lists them
    (``<task>__<inner task>``), each loop iteration too, and the result is kfp's: the sum
    of the doubled items, doubled again (2+4+6=12 > 5: 24)."""
    from PySide6.QtCore import QSettings

    from tests.ui.test_run_gui import fill_and_run, press, wait_done
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(tmp_path / "cache-root"))
    window.runs.settings = QSettings(str(tmp_path / "settings.ini"),
                                     QSettings.Format.IniFormat)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    try:
        assert window.files.open_path(str(GOLDEN_DIR / "subpipelines" / "loop_collected.py"))
        press(qtbot, window, Qt.Key.Key_F5)
        fill_and_run(qtbot, window, {"limit": "5"})
        info = wait_done(qtbot, window)
        assert info.status == "succeeded", info
        by_name = {t.name: t for t in info.tasks.values()}
        assert {n: t.state for n, t in by_name.items()} == {
            "d__double_task": "succeeded", "s": "succeeded",
            "doubled_task__double_task": "succeeded"}
        assert by_name["s"].outputs["Output"] == "12"
        assert by_name["doubled_task__double_task"].outputs["Output"] == "24"
        assert len(info.iterations_of(by_name["d__double_task"].id)) == 3
        # The sub-pipeline nodes take the state of the tasks inside them.
        doc = window.document
        for name in ("d", "doubled_task"):
            assert window.scene.nodes[_task_named(doc, name).id].run_state == "succeeded"
        panel = window.runs.panel
        inner = by_name["doubled_task__double_task"].id
        assert panel.row_texts(inner)[1] == "succeeded"
    finally:
        window.runs.controller.shutdown()
        window.runs.controller.wait(15)


def test_a_pipeline_of_a_file_becomes_a_step_in_one_undo_step(qtbot, window, dialogs_script):
    """Library ▸ Add… ▸ Use a Pipeline as a Step…: the file's pipelines are offered, the one
    chosen is added as one task (its component: the whole pipeline), undone in one step."""
    assert window.files.open_example()
    doc = window.document
    count, before = doc.undo_stack.count(), set(window.scene.nodes)
    dialogs_script.pipeline_files.append(str(TWICE))
    dialogs_script.pipeline_choices.append("loud")
    menu = window.library.add_button.menu()
    action = next(a for a in menu.actions() if a.text() == "Use a Pipeline as a Step…")
    action.trigger()
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 1)
    assert dialogs_script.offered_pipelines == [["loud", "twice"]]
    assert doc.undo_stack.count() == count + 1
    new_id = (set(window.scene.nodes) - before).pop()
    comp = doc.pipeline.component_of(doc.task(new_id))
    assert comp.kind == "pipeline" and comp.python_name == "loud"
    assert [t.name for t in comp.pipeline.tasks] == ["first", "shout_task"]
    assert window.scene.nodes[new_id]._subtitle_text == "pipeline loud · tasks: 2"
    # Its input has a default: the pipeline compiles for kfp 2 at once.
    assert "comp-loud" in compile_pipeline(doc.pipeline, "v2")
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: new_id not in window.scene.nodes)
    assert all(c.kind != "pipeline" for c in doc.pipeline.components)


def test_the_kfp_2_preview_finds_a_sub_pipeline_task_and_its_dag(qtbot):
    """Selecting the task locates its DAG entry and its component (the inner pipeline's
    root); the pipeline is compiled in the preview's worker like any other."""
    from designer.importers import load_pipeline_file
    from tests.ui.test_panes_previews import make_pane, wait_shown
    p = load_pipeline_file(TWICE)
    pane = make_pane(qtbot, None)
    pane.set_pipeline(p)
    wait_shown(qtbot, pane, "v2", timeout=20000)
    assert pane.view("v2").banner.isHidden(), pane.view("v2").banner.text()
    assert pane.view("v2").text == compile_pipeline(p, "v2")
    pane.select_task(_task_named_in(p, "two").id)
    lines = pane.view("v2").text.split("\n")
    starts = [lines[first - 1].strip() for first, _ in pane.view("v2").editor.located]
    # Its DAG entry, its component, then the pipeline's parts kfp folded in for it.
    assert starts == ["loud-2:", "comp-loud-2:", "comp-shout-2-2:", "comp-shout-3:",
                      "exec-shout-2-2:", "exec-shout-3:"]
    pane.shutdown()


def _task_named_in(p, name):
    return next(t for t in p.tasks if t.name == name)


def test_copy_paste_and_duplicate_keep_the_pipeline_task(qtbot, window):
    """Ctrl+C / Ctrl+V and Ctrl+D on a sub-pipeline's node: new tasks of the same pipeline
    (one component for all of them), each one undo step, and the result compiles."""
    from tests.ui.canvas_helpers import key
    doc = _open(qtbot, window)
    one = _task_named(doc, "one")
    sub = one.component_id
    window.scene.select_keys([one.id])
    qtbot.waitUntil(lambda: window.panes.selected_task == one.id)
    window.view.setFocus()
    count, before = doc.undo_stack.count(), set(window.scene.nodes)
    key(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 1)
    key(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    key(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 2)
    assert doc.undo_stack.count() == count + 2
    new = [doc.task(k) for k in set(window.scene.nodes) - before]
    assert {t.component_id for t in new} == {sub}
    assert [c.kind for c in doc.pipeline.components].count("pipeline") == 1
    assert not errors(doc.pipeline)
    assert "comp-loud-4" in compile_pipeline(doc.pipeline, "v2")
