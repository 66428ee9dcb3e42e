"""A person mounts a claim on the tutorial's sum task in the Properties pane's Volumes
section, with the mouse and keys: the YAML for kfp 1 and kfp 2 equals what the real SDKs
compile from the same mount written in Python; each edit is one undo step; a bad mount path
or claim name shows why next to the row and changes nothing."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import VolumeMount  # noqa: E402
from designer.model.document import snapshot  # noqa: E402

from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 - the fixture is used
    TESTS,
    click,
    editor_of,
    tutorial,
    type_into,
    unfold,
    with_settings,
    yamls,
)
from tools.make_goldens_v2 import normalise_doc, run_modules  # noqa: E402

KFP1_PYTHON = with_settings(
    TESTS / "data" / "reference" / "example_pipeline.py",
    "    from kfp.dsl import PipelineVolume\n"
    '    sum_result.add_pvolumes({"/data": PipelineVolume(pvc="shared-data")})\n')
KFP2_PYTHON = with_settings(
    TESTS / "compiler" / "data_v2" / "tutorial.py",
    "    from kfp import kubernetes\n"
    '    kubernetes.mount_pvc(sum_result, pvc_name="shared-data", mount_path="/data")\n',
    "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
    "'example_pipeline.yaml')\n")


def test_a_volume_mounted_in_the_pane_compiles_like_the_real_sdks(qtbot, tutorial,
                                                                   kfp1_python, kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "volumes")
    history = []

    def step(action) -> None:
        before, count = compiled(doc), doc.undo_stack.count()
        action()
        assert doc.undo_stack.count() == count + 1, "one edit, one undo step"
        history.append(before)

    step(lambda: click(qtbot, tutorial, editor.add_volume_button))
    shown(qtbot, editor, 1)
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/mnt/volume-1", "pvc", "volume-1"),)
    row = editor.volume_rows[0]
    step(lambda: type_into(qtbot, tutorial, row.mount_path, "/data"))
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[0].claim, "shared-data"))
    assert doc.task("sum_result").settings.volumes == (VolumeMount("/data", "pvc",
                                                                   "shared-data"),)
    assert editor.sections["volumes"].header.text() == "Volumes · 1 set"
    tutorial.panes.properties.grab().save("/tmp/volumes-pane.png")   # looked at

    v1, v2 = yamls(doc)
    kfp1 = run_modules(kfp1_python, {"p": KFP1_PYTHON})["p"]
    kfp2 = run_modules(kfp2_python, {"p": KFP2_PYTHON})["p"]
    assert kfp1.error is None and kfp2.error is None, (kfp1.error, kfp2.error)
    assert "claimName: shared-data" in v1 and "mountPath: /data" in v1
    expected1, actual1 = normalise_v1(kfp1.yaml), normalise_v1(v1)
    assert actual1 == expected1, first_difference(expected1, actual1)
    assert [normalise_doc(d) for d in yaml.safe_load_all(v2)] == \
        [normalise_doc(d) for d in yaml.safe_load_all(kfp2.yaml)]

    # A sub path and read-only: kfp 1 writes them; kfp-kubernetes cannot say read-only,
    # so the kfp 2 compiler refuses it with the reason rather than dropping it.
    row = editor.volume_rows[0]
    step(lambda: type_into(qtbot, tutorial, row.sub_path, "run-1"))
    step(lambda: click(qtbot, tutorial, editor.volume_rows[0].read_only))
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/data", "pvc", "shared-data", sub_path="run-1", read_only=True),)
    v1 = compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    assert "readOnly: true" in v1 and "subPath: run-1" in v1
    try:
        compile_pipeline(doc.pipeline, "v2")
        raise AssertionError("kfp 2 cannot mount read-only")
    except InputError as e:
        assert "read-write only" in str(e)

    # Bad values: the reason under the row, nothing changed.
    before, count = snapshot(doc), doc.undo_stack.count()
    row = editor.volume_rows[0]
    type_into(qtbot, tutorial, row.mount_path, "data")
    assert row.error.isVisible() and "absolute path" in row.error.text()
    type_into(qtbot, tutorial, row.mount_path, "/data")
    type_into(qtbot, tutorial, row.claim, "Shared_Data")
    assert "not a valid claim name" in row.error.text()
    type_into(qtbot, tutorial, row.claim, "shared-data")
    type_into(qtbot, tutorial, row.sub_path, "../up")
    assert "without “..”" in row.error.text()
    assert snapshot(doc) == before and doc.undo_stack.count() == count

    # A second mount at the same path is refused; removing it is one step.
    step(lambda: click(qtbot, tutorial, editor.add_volume_button))
    shown(qtbot, editor, 2)
    second = editor.volume_rows[1]
    type_into(qtbot, tutorial, second.mount_path, "/data/")
    assert "Another volume of this task is mounted at /data/" == second.error.text()
    step(lambda: click(qtbot, tutorial, editor.volume_rows[1].remove))
    shown(qtbot, editor, 1)

    for before in reversed(history):
        doc.undo_stack.undo()
        assert compiled(doc) == before
    assert doc.task("sum_result").settings.is_default()
    qtbot.waitUntil(lambda: editor.volume_rows == [])


def shown(qtbot, editor, count: int) -> None:
    """Waits for ``count`` rows, shown (a row added to a visible pane shows on the next
    event loop turn)."""
    qtbot.waitUntil(lambda: len(editor.volume_rows) == count and all(
        r.read_only.isVisible() for r in editor.volume_rows))


def compiled(doc):
    """Both YAMLs, or kfp 2's refusal in its place."""
    try:
        return yamls(doc)
    except InputError as e:
        return compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20"), str(e)
