"""A person changes a kfp 1 volume snapshot step (``dsl.VolumeSnapshotOp``, read from
tests/golden/features/volume_snapshots.py) in the Properties pane with the mouse and keys:
its snapshot class and resource name, one undo step each; the kfp 1 YAML is then what
kfp 1.8.9 compiles from the file with the same arguments. (kfp 2's refusal of the step:
tests/test_file_lines.py.)"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import Constant  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from tests.golden.goldens import feature_file, first_difference, normalise_v1  # noqa: E402
from tests.ui.test_panes_integration import retype  # noqa: E402
from tools.make_goldens_v2 import run_modules  # noqa: E402


def test_a_snapshot_step_edited_in_the_properties_pane(qtbot, window, kfp1_python):
    path = feature_file("volume_snapshots")
    assert window.files.open_path(str(path), ask=False)        # as File > Open does
    doc = window.document
    backup = next(t.id for t in doc.pipeline.tasks if t.name == "backup_task")
    window.scene.select_keys([backup])
    qtbot.waitUntil(lambda: window.panes.selected_task == backup)
    window.panes.docks["properties"].raise_()
    pane = window.panes.properties
    qtbot.waitUntil(lambda: "snapshot_class" in pane.value_editors
                    and pane.value_editors["snapshot_class"].line.isVisible())
    before, count = snapshot(doc), doc.undo_stack.count()
    for name, text in (("snapshot_class", "fast-snapclass"), ("resource_name", "nightly")):
        line = pane.value_editors[name].line
        pane._scroll.ensureWidgetVisible(line)
        retype(qtbot, line, text)
        qtbot.waitUntil(lambda: doc.task(backup).arguments[name] == Constant(text))
    assert doc.undo_stack.count() == count + 2
    source = path.read_text(encoding="utf-8")
    edited = source.replace('snapshot_class="csi-snapclass"', 'snapshot_class="fast-snapclass"') \
        .replace('resource_name="Backup Of Claim"', 'resource_name="nightly"') \
        .replace("compile(volume_snapshots, sys.argv[1])", 'compile(volume_snapshots, "o.yaml")')
    assert edited.count("fast-snapclass") == 1 and edited.count('"nightly"') == 1
    runs = run_modules(kfp1_python, {"v1": edited})
    assert runs["v1"].error is None, runs["v1"].error
    ours = compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    expected, actual = normalise_v1(runs["v1"].yaml), normalise_v1(ours)
    assert actual == expected, first_difference(expected, actual)
    assert "name: '{{workflow.name}}-nightly'" in ours and "fast-snapclass" in ours
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert snapshot(doc) == before
