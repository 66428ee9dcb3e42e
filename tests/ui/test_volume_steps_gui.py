"""A person gives the tutorial a volume on a kfp 2 cluster, with the mouse and keys: a
CreatePVC step double-clicked in from the library, its access mode ticked and its size and
name suffix typed in the Properties pane, and the sum task mounting the claim it creates from its
Volumes section (one undo step per edit). The kfp 2 YAML equals what kfp 2.17.3 with
kfp-kubernetes compiles from the same pipeline written in Python, the Python export compiles
back to it, and a local run gives the sum task the claim's folder."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.compiler.python_source import export_python  # noqa: E402
from designer.importers.kfp_python import import_python  # noqa: E402
from designer.ir import Constant, OutputRef  # noqa: E402
from designer.ir.settings import VolumeMount  # noqa: E402
from designer.ir.volumes import VolumeComponent  # noqa: E402
from designer.runner.engine import Runner, RunOptions  # noqa: E402

from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 - the fixture is used
    TESTS,
    click,
    editor_of,
    tutorial,
    type_into,
    unfold,
    with_settings,
)
from tools.make_goldens_v2 import normalise_doc, run_modules  # noqa: E402

# The same pipeline as a kfp 2 user writes it: the CreatePVC step first (the person adds it
# after the tutorial's tasks; kfp orders tasks by name, so the YAML is the same).
KFP2_PYTHON = with_settings(
    TESTS / "compiler" / "data_v2" / "tutorial.py",
    "    from kfp import kubernetes\n"
    "    pvc = kubernetes.CreatePVC(access_modes=['ReadWriteOnce'], size='1Gi',\n"
    "                               pvc_name_suffix='-sums')\n"
    "    kubernetes.mount_pvc(sum_result, pvc_name=pvc.outputs['name'],\n"
    "                         mount_path='/sums')\n",
    "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
    "'example_pipeline.yaml')\n")


def _double_click_library(qtbot, window, name: str) -> str:
    """Double-clicks the library entry ``name``; the id of the task it added."""
    window.docks["library"].show()
    window.docks["library"].raise_()
    tree = window.library.tree
    item = next(i for i in window.library.items(window.library.volumes) if i.text(0) == name)
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
    pane = window.panes.properties
    qtbot.waitUntil(lambda: pane.settings_editor is not None and pane.settings_editor.isVisible())


def test_a_volume_created_and_mounted_in_the_gui_compiles_like_kfp_kubernetes(
        qtbot, tutorial, tmp_path, kfp2_python):
    doc = tutorial.document
    count = doc.undo_stack.count()
    pvc = _double_click_library(qtbot, tutorial, "CreatePVC")
    assert doc.undo_stack.count() == count + 1
    comp = doc.pipeline.component_of(doc.task(pvc))
    assert isinstance(comp, VolumeComponent) and (comp.name, comp.origin) == ("CreatePVC", "v2")

    # Its inputs in the Properties pane: one undo step each. The access modes: a box each.
    _select(qtbot, tutorial, pvc)
    pane = tutorial.panes.properties
    modes = pane.value_editors["access_modes"]
    assert not any(box.isChecked() for box in modes.boxes.values())   # (required: none yet)
    before = doc.undo_stack.count()
    box = modes.boxes["ReadWriteOnce"]
    pane._scroll.ensureWidgetVisible(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == before + 1
    for name, text in (("size", "1Gi"), ("pvc_name_suffix", "-sums")):
        before = doc.undo_stack.count()
        line = pane.value_editors[name].line
        pane._scroll.ensureWidgetVisible(line)
        type_into(qtbot, tutorial, line, text)
        assert doc.undo_stack.count() == before + 1, name
    assert doc.task(pvc).arguments == {"access_modes": Constant(["ReadWriteOnce"]),
                                       "size": Constant("1Gi"),
                                       "pvc_name_suffix": Constant("-sums")}

    # The sum task mounts the claim it creates: choose it, add, then type the mount path.
    _select(qtbot, tutorial, "sum_result")
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "volumes")
    combo = editor.volume_source
    assert combo.isEnabled() and combo.count() == 7   # by name, the CreatePVC, 5 kinds
    click(qtbot, tutorial, combo)          # opens its list; a key picks the entry
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentData() == pvc)
    assert doc.task(pvc).name in combo.currentText()
    before = doc.undo_stack.count()
    click(qtbot, tutorial, editor.add_volume_button)
    assert doc.undo_stack.count() == before + 1
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 1
                    and editor.volume_rows[0].mount_path.isVisible())
    row = editor.volume_rows[0]
    assert row.claim.isReadOnly() and doc.task(pvc).name in row.claim.text()
    type_into(qtbot, tutorial, row.mount_path, "/sums")
    assert doc.undo_stack.count() == before + 2
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/sums", "pvc", OutputRef(pvc, "name"), pvc),)
    qtbot.waitUntil(lambda: editor.volume_rows[0].claim.isVisible())
    tutorial.panes.properties._scroll.ensureWidgetVisible(editor.volume_rows[0].claim)
    tutorial.panes.properties.grab().save(str(tmp_path / "volume-steps.png"))   # looked at

    # kfp 2.17.3 + kfp-kubernetes on the same pipeline in Python: the same YAML.
    ours = compile_pipeline(doc.pipeline, "v2")
    kfp = run_modules(kfp2_python, {"p": KFP2_PYTHON, "export": export_python(
        doc.pipeline, "v2")})
    assert kfp["p"].error is None, kfp["p"].error
    expected = [normalise_doc(d) for d in yaml.safe_load_all(kfp["p"].yaml)]
    assert [normalise_doc(d) for d in yaml.safe_load_all(ours)] == expected
    # The Python export: the SDK compiles it to the same YAML, and it reads back the same.
    assert kfp["export"].error is None, kfp["export"].error
    assert [normalise_doc(d) for d in yaml.safe_load_all(kfp["export"].yaml)] == expected
    again = import_python(export_python(doc.pipeline, "v2"))
    assert compile_pipeline(again, "v2") == ours

    # Undo takes the mount back off, then the claim's choice.
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.task("sum_result").settings.volumes == ()

    # A local run: the sum task's /sums is the claim's folder in the run.
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    lines: list[tuple[str, str]] = []
    runner = Runner(doc.pipeline, {"number_1": 1, "number_2": 2}, RunOptions(runs_dir=tmp_path / "runs",
                                                 cache_dir=tmp_path / "cache",
                                                 volumes_dir=tmp_path / "volumes"),
                    on_event=lambda e: lines.append((e.task_id, e.data.get("line", ""))))
    result = runner.run()
    assert all(r.status.ok for r in result.tasks.values()), \
        [(r.name, r.error) for r in result.tasks.values()]
    claim = result.tasks[pvc].outputs["name"]
    assert claim == f"{result.run_dir.name}-sums"
    folder = (result.run_dir / "volumes" / claim).resolve()
    assert folder.is_dir()
    assert any(t == "sum_result" and f"volume at /sums (claim `{claim}`) is the folder "
               f"{folder}" in line for t, line in lines), lines
