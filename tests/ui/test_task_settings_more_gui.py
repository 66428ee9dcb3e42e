"""Task settings beyond the first set, each set by a person in the Properties pane with the
mouse and keys and compiled like the real SDKs compile the same settings written in Python:

* Volumes: a claim mounted on the tutorial's sum task (mount path, sub path, read-only);
  each edit is one undo step; a bad mount path or claim name shows why and changes nothing.
* Run: retry policy, backoff factor and longest backoff, kfp 1's cache staleness,
  toleration seconds; what one target cannot say is refused by its compiler with the reason.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.compiler.python_source import export_python  # noqa: E402
from designer.inputs import load_project  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import Retry, VolumeMount  # noqa: E402
from designer.model.document import snapshot  # noqa: E402

from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 - the fixture is used
    TESTS,
    TIME,
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


def test_a_volume_mounted_in_the_pane_compiles_like_the_real_sdks(qtbot, tutorial, tmp_path,
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
    round_trips(doc.pipeline, "v1", tmp_path)
    round_trips(doc.pipeline, "v2", tmp_path)

    # A sub path and read-only: kfp 1 writes them; kfp-kubernetes cannot say read-only,
    # so the kfp 2 compiler refuses it with the reason rather than dropping it.
    row = editor.volume_rows[0]
    step(lambda: type_into(qtbot, tutorial, row.sub_path, "run-1"))
    step(lambda: click(qtbot, tutorial, editor.volume_rows[0].read_only))
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/data", "pvc", "shared-data", sub_path="run-1", read_only=True),)
    v1 = compile_pipeline(doc.pipeline, "v1", compile_time=TIME)
    assert "readOnly: true" in v1 and "subPath: run-1" in v1
    round_trips(doc.pipeline, "v1", tmp_path)
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


def round_trips(pipeline, target: str, tmp_path) -> None:
    """Exported as Python and read back, ``pipeline`` compiles to the same YAML."""
    path = tmp_path / f"exported_{target}.py"
    path.write_text(export_python(pipeline, target))
    back = load_project(path).pipeline
    assert compile_pipeline(back, target, compile_time=TIME) == \
        compile_pipeline(pipeline, target, compile_time=TIME)


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
        return compile_pipeline(doc.pipeline, "v1", compile_time=TIME), str(e)


RETRY_KFP1 = with_settings(
    TESTS / "data" / "reference" / "example_pipeline.py",
    '    sum_result.set_retry(3, policy="OnError", backoff_duration="30s", backoff_factor=2,\n'
    '                         backoff_max_duration="5m")\n'
    '    sum_result.execution_options.caching_strategy.max_cache_staleness = "P7D"\n')
RETRY_KFP2 = with_settings(
    TESTS / "compiler" / "data_v2" / "tutorial.py",
    '    sum_result.set_retry(3, backoff_duration="30s", backoff_factor=1.5,\n'
    '                         backoff_max_duration="5m")\n',
    "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
    "'example_pipeline.yaml')\n")


def choose(qtbot, window, combo, data) -> None:
    """Opens the list with a click, moves to ``data`` with the arrow keys, presses Enter:
    one choice, however many items it passes."""
    click(qtbot, window, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    target = combo.findData(data)
    key = Qt.Key.Key_Down if target > view.currentIndex().row() else Qt.Key.Key_Up
    while view.currentIndex().row() != target:
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())


def clear(qtbot, window, line) -> None:
    click(qtbot, window, line)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_retry_policy_backoff_and_staleness(qtbot, tutorial, tmp_path, kfp1_python,
                                            kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "run")
    fields = editor.fields
    # Without retries these say so and change nothing.
    count = doc.undo_stack.count()
    assert not editor.retry_policy.isEnabled() and fields["backoff_factor"].edit.isReadOnly()
    type_into(qtbot, tutorial, fields["retries"].edit, "3")
    assert doc.undo_stack.count() == count + 1
    type_into(qtbot, tutorial, fields["backoff"].edit, "30s")
    type_into(qtbot, tutorial, fields["backoff_factor"].edit, "2")
    type_into(qtbot, tutorial, fields["backoff_max"].edit, "5m")
    choose(qtbot, tutorial, editor.retry_policy, "OnError")
    type_into(qtbot, tutorial, fields["staleness"].edit, "P7D")
    assert doc.undo_stack.count() == count + 6, "one undo step per edit"
    s = doc.task("sum_result").settings
    assert s.retry == Retry(3, "OnError", "30s", 2, "5m") and s.max_cache_staleness == "P7D"
    assert editor.caching.isChecked()    # reused, up to a week

    kfp1 = run_modules(kfp1_python, {"p": RETRY_KFP1})["p"]
    assert kfp1.error is None, kfp1.error
    ours = compile_pipeline(doc.pipeline, "v1", compile_time=TIME)
    expected, actual = normalise_v1(kfp1.yaml), normalise_v1(ours)
    assert actual == expected, first_difference(expected, actual)
    round_trips(doc.pipeline, "v1", tmp_path)
    # kfp 2 has neither a retry policy nor a staleness: refused, not dropped.
    with pytest.raises(InputError, match="max cache staleness"):
        compile_pipeline(doc.pipeline, "v2")
    clear(qtbot, tutorial, fields["staleness"].edit)
    with pytest.raises(InputError, match="retry policy 'OnError'; kfp 2 retries on any"):
        compile_pipeline(doc.pipeline, "v2")
    choose(qtbot, tutorial, editor.retry_policy, None)
    type_into(qtbot, tutorial, fields["backoff_factor"].edit, "1.5")
    kfp2 = run_modules(kfp2_python, {"p": RETRY_KFP2})["p"]
    assert kfp2.error is None, kfp2.error
    assert [normalise_doc(d) for d in yaml.safe_load_all(compile_pipeline(doc.pipeline, "v2"))] \
        == [normalise_doc(d) for d in yaml.safe_load_all(kfp2.yaml)]
    round_trips(doc.pipeline, "v2", tmp_path)

    # Bad values: the reason next to the field; nothing changes.
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, fields["backoff_factor"].edit, "0")
    assert fields["backoff_factor"].problem == "Give a number, e.g. 2 or 1.5"
    type_into(qtbot, tutorial, fields["staleness"].edit, "7 days")
    assert fields["staleness"].problem.startswith("Give an ISO 8601 duration")
    type_into(qtbot, tutorial, fields["backoff_max"].edit, "forever")
    assert "duration" in fields["backoff_max"].problem
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    # P0D is "never reuse": the caching switch follows.
    type_into(qtbot, tutorial, fields["staleness"].edit, "P0D")
    assert not editor.caching.isChecked()
    # Toleration seconds are written after the effect: key=value:Effect@seconds.
    unfold(qtbot, tutorial, "kubernetes")
    type_into(qtbot, tutorial, fields["tolerations"].edit, "gpu=yes:NoExecute@300")
    assert doc.task("sum_result").settings.tolerations[0].toleration_seconds == 300
    assert "tolerationSeconds: 300" in compile_pipeline(doc.pipeline, "v1", compile_time=TIME)
    # Undo walks back to the default settings.
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.task("sum_result").settings.is_default()
    qtbot.waitUntil(lambda: fields["backoff_factor"].edit.text() == "")
    assert editor.retry_policy.currentData() is None and not editor.retry_policy.isEnabled()
