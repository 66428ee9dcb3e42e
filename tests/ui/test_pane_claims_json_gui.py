"""Settings the Properties pane used to show read-only, set by a person with the mouse and
keys: the access modes, labels and annotations of a claim made with the task's pod
(kfp-kubernetes ``add_ephemeral_volume``), and placement written as JSON (kfp-kubernetes
``add_node_selector_json`` / ``add_node_affinity_json`` / ``add_toleration_json`` with a
fixed dict or list). Each edit is one undo step, a refused text keeps what was typed and
says why, and the YAML equals what kfp 1.8.9 and kfp 2.17.3 (with kfp-kubernetes) compile
from the same settings in Python."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import EphemeralClaim, VolumeMount  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from tests.ui.test_kubernetes_settings_gui import (  # noqa: E402
    same_as_sdks, sdk_yamls, stepper)
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    click, editor_of, tutorial, type_into, unfold)
from tests.ui.test_task_settings_more_gui import choose, round_trips  # noqa: E402

SHOTS = os.environ.get("KFP_DESIGNER_SHOTS")   # a folder: the screenshots are kept there

EPHEMERAL_KFP2 = """    from kfp import kubernetes
    kubernetes.add_ephemeral_volume(
        sum_result, volume_name="scratch", mount_path="/scratch",
        access_modes=["ReadWriteOnce", "ReadOnlyMany"], size="2Gi",
        labels={"team": "ml", "tier": "gold"}, annotations={"note": "scratch space"})
"""


def shot(window, widget, tmp_path, name: str) -> None:
    """The pane, scrolled to ``widget``, saved as a PNG (looked at while building it)."""
    from PySide6.QtWidgets import QApplication
    pane = window.panes.properties
    QApplication.processEvents()       # (the layout the last edit asked for)
    pane._scroll.ensureWidgetVisible(widget)
    folder = SHOTS or str(tmp_path)
    pane.grab().save(os.path.join(folder, name))


def test_an_ephemeral_claim_with_several_modes_labels_and_annotations(
        qtbot, tutorial, kfp1_python, kfp2_python, tmp_path):
    doc = tutorial.document
    editor = editor_of(tutorial)
    history: list = []
    step = stepper(doc, history)

    def row():
        return editor.volume_rows[0]

    unfold(qtbot, tutorial, "volumes")
    choose(qtbot, tutorial, editor.volume_source, "kind:ephemeral")
    step(lambda: click(qtbot, tutorial, editor.add_volume_button))
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 1 and row().claim_labels.isVisible())
    assert row().access_modes["ReadWriteOnce"].isChecked()
    step(lambda: type_into(qtbot, tutorial, row().mount_path, "/scratch"))
    step(lambda: type_into(qtbot, tutorial, row().claim, "scratch"))
    step(lambda: type_into(qtbot, tutorial, row().size, "2Gi"))
    # A second mode: one click, one undo step.
    step(lambda: click(qtbot, tutorial, row().access_modes["ReadOnlyMany"]))
    # ReadWriteOncePod goes alone: refused with Kubernetes' words, the document unchanged.
    before = snapshot(doc)
    click(qtbot, tutorial, row().access_modes["ReadWriteOncePod"])
    assert row().error.text() == ("ReadWriteOncePod goes alone (Kubernetes: may not use "
                                  "ReadWriteOncePod with other access modes)")
    assert snapshot(doc) == before
    click(qtbot, tutorial, row().access_modes["ReadWriteOncePod"])      # (unticked again)
    assert snapshot(doc) == before
    # The claim's labels: a bad pair keeps the text and says why.
    type_into(qtbot, tutorial, row().claim_labels, "team=ml, tier")
    assert row().error.text() == "“tier”: write key=value pairs separated by commas"
    assert row().claim_labels.text() == "team=ml, tier" and snapshot(doc) == before
    step(lambda: type_into(qtbot, tutorial, row().claim_labels, "team=ml, tier=gold"))
    assert not row().error.isVisible()
    step(lambda: type_into(qtbot, tutorial, row().claim_annotations, "note=scratch space"))
    assert doc.task("sum_result").settings.volumes == (VolumeMount(
        "/scratch", "ephemeral", volume_name="scratch", ephemeral=EphemeralClaim(
            ("ReadWriteOnce", "ReadOnlyMany"), "2Gi", None, {"team": "ml", "tier": "gold"},
            {"note": "scratch space"})),)
    qtbot.waitUntil(lambda: row().claim_annotations.text() == "note=scratch space")
    shot(tutorial, row().claim_annotations, tmp_path, "ephemeral-claim.png")

    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, None, EPHEMERAL_KFP2))
    round_trips(doc.pipeline, "v2", tmp_path)
    with pytest.raises(InputError, match="kfp 2 only"):     # kfp 1 has no ephemeral volume
        compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")

    for before in reversed(history):
        doc.undo_stack.undo()
        assert snapshot(doc) == before
    assert doc.task("sum_result").settings.is_default()


def test_a_mode_kubernetes_does_not_know_stays_read_only(qtbot, tutorial):
    """A claim from a Python file with a mode the boxes cannot say is shown, not edited."""
    import dataclasses
    from designer.model import commands as C
    doc = tutorial.document
    task = doc.task("sum_result")
    mount = VolumeMount("/s", "ephemeral", volume_name="s",
                        ephemeral=EphemeralClaim(("ReadWriteOnce", "Shared"), "1Gi"))
    doc.push(C.SetTaskSettings(doc, task.id, dataclasses.replace(task.settings,
                                                                  volumes=(mount,)), "x"))
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "volumes")
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 1)
    row = editor.volume_rows[0]
    assert not any(b.isEnabled() for b in row.access_modes.values())
    assert row.claim_labels.isReadOnly() and "Shared" in row._modes.toolTip()
