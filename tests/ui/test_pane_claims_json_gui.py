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
from PySide6.QtCore import Qt  # noqa: E402

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
        labels={"team": "ml", "tier": "gold"}, annotations={"note": "fast, scratch"})
"""


def shot(window, widget, tmp_path, name: str) -> None:
    """The pane, scrolled to ``widget``, saved as a PNG (looked at while building it)."""
    from PySide6.QtWidgets import QApplication
    pane = window.panes.properties
    QApplication.processEvents()       # (the layouts the last edit asked for: a shown
    QApplication.processEvents()       # row asks its parent's layout on the next turn)
    pane._scroll.ensureWidgetVisible(widget)
    # Nothing of the pane is cut off on the right: its content is no wider than its view.
    assert pane._scroll.widget().minimumSizeHint().width() <= pane._scroll.viewport().width()
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
    # A comma in a value: written as JSON (key=value, … cannot say it).
    before = snapshot(doc)
    type_into(qtbot, tutorial, row().claim_annotations, '{"note": fast}')
    assert row().error.text() == "Not JSON: Expecting value (line 1, column 10)"
    assert snapshot(doc) == before
    step(lambda: type_into(qtbot, tutorial, row().claim_annotations,
                           '{"note": "fast, scratch"}'))
    assert doc.task("sum_result").settings.volumes == (VolumeMount(
        "/scratch", "ephemeral", volume_name="scratch", ephemeral=EphemeralClaim(
            ("ReadWriteOnce", "ReadOnlyMany"), "2Gi", None, {"team": "ml", "tier": "gold"},
            {"note": "fast, scratch"})),)
    qtbot.waitUntil(lambda: row().claim_annotations.text() == '{"note": "fast, scratch"}')
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


def type_json(qtbot, window, field, text: str) -> None:
    """Click in the JSON field, select all, type, press Ctrl+Enter: as a person does."""
    click(qtbot, window, field.edit.viewport())
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


SELECTOR = '{"disktype": "ssd", "zone": "a"}'
AFFINITY = ('{"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 30, '
            '"preference": {"matchExpressions": [{"key": "pool", "operator": "In", '
            '"values": ["spot", "batch"]}]}}]}')
TOLERATIONS = ('[{"operator": "Exists", "effect": "NoExecute", "toleration_seconds": 60}, '
               '{"key": "gpu", "operator": "Equal", "value": "", "effect": "NoSchedule"}]')
JSON_KFP2 = f"""    from kfp import kubernetes
    kubernetes.add_node_selector_json(sum_result, {SELECTOR})
    kubernetes.add_node_affinity_json(sum_result, {AFFINITY})
"""
TOLERATIONS_KFP2 = f"""    from kfp import kubernetes
    kubernetes.add_toleration_json(sum_result, {TOLERATIONS})
"""
TOLERATIONS_KFP1 = """    from kubernetes.client import V1Toleration
    sum_result.add_toleration(V1Toleration(operator="Exists", effect="NoExecute",
                                           toleration_seconds=60))
    sum_result.add_toleration(V1Toleration(key="gpu", operator="Equal", value="",
                                           effect="NoSchedule"))
"""


def test_node_selector_and_node_affinity_written_as_json(qtbot, tutorial, kfp1_python,
                                                         kfp2_python, tmp_path):
    from designer.ir.settings import NodeAffinityTerm
    from designer.ui.panes.json_placement import JSON_HERE
    doc = tutorial.document
    editor = editor_of(tutorial)
    fields = editor.placement_json.fields
    history: list = []
    step = stepper(doc, history)
    unfold(qtbot, tutorial, "kubernetes")
    assert not fields["node_selector_json"].isVisible()
    step(lambda: choose(qtbot, tutorial, editor.json_sources["node_selector_json"], JSON_HERE))
    assert doc.task("sum_result").settings.node_selector_json == {}
    field = fields["node_selector_json"]
    qtbot.waitUntil(field.isVisible)
    # Bad JSON: the message says where and what; the text stays; nothing changes.
    before = snapshot(doc)
    type_json(qtbot, tutorial, field, '{"disktype": ssd}')
    assert field.problem == "Not JSON: Expecting value (line 1, column 14)"
    assert field.edit.toPlainText() == '{"disktype": ssd}' and snapshot(doc) == before
    click(qtbot, tutorial, editor.fields["display_name"].edit)      # leaving keeps it too
    assert field.edit.toPlainText() == '{"disktype": ssd}' and field.error.isVisible()
    # The wrong shape: a node selector's values are texts.
    type_json(qtbot, tutorial, field, '{"disktype": 1}')
    assert field.problem == 'disktype: write a text in double quotes, e.g. "ssd"'
    type_json(qtbot, tutorial, field, '{"disktype": null}')
    assert field.problem.startswith("kfp 2.17.3 refuses it: Value must be one of the "
                                         "following types")
    assert snapshot(doc) == before
    step(lambda: type_json(qtbot, tutorial, field, SELECTOR))
    assert not field.error.isVisible()
    assert doc.task("sum_result").settings.node_selector_json == {"disktype": "ssd",
                                                                  "zone": "a"}
    shot(tutorial, field, tmp_path, "json-node-selector.png")

    step(lambda: choose(qtbot, tutorial, editor.json_sources["node_affinity_json"], JSON_HERE))
    field = fields["node_affinity_json"]
    qtbot.waitUntil(field.isVisible)
    before = snapshot(doc)
    type_json(qtbot, tutorial, field, '{"requiredDuringScheduling": {}}')
    assert field.problem == (
        "kfp 2.17.3 refuses it: Invalid V1NodeAffinity JSON: V1NodeAffinity.__init__() got "
        "an unexpected keyword argument 'required_during_scheduling'")
    type_json(qtbot, tutorial, field, AFFINITY.replace('"In"', '"Near"'))
    assert field.problem == (
        "preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0]"
        ".operator: “Near” is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt")
    shot(tutorial, field, tmp_path, "json-node-affinity-refused.png")
    assert snapshot(doc) == before
    step(lambda: type_json(qtbot, tutorial, field, AFFINITY))
    import json
    assert doc.task("sum_result").settings.node_affinity == (
        NodeAffinityTerm(json=json.loads(AFFINITY)),)
    qtbot.waitUntil(lambda: '"weight": 30' in field.edit.toPlainText())   # shown indented
    shot(tutorial, field, tmp_path, "json-node-affinity.png")

    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, None, JSON_KFP2))
    round_trips(doc.pipeline, "v2", tmp_path)
    with pytest.raises(InputError, match="kfp 1.8.9"):     # kfp 1 has no add_*_json
        compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    for before in reversed(history):
        doc.undo_stack.undo()
        assert snapshot(doc) == before
    assert doc.task("sum_result").settings.is_default()
    qtbot.waitUntil(lambda: not fields["node_selector_json"].isVisible())


def test_tolerations_written_as_json(qtbot, tutorial, kfp1_python, kfp2_python, tmp_path):
    from designer.ir.settings import Toleration
    doc = tutorial.document
    editor = editor_of(tutorial)
    field = editor.placement_json.fields["tolerations"]
    button = editor.placement_json.buttons["tolerations"]
    unfold(qtbot, tutorial, "kubernetes")
    assert not field.isVisible()
    click(qtbot, tutorial, button)
    qtbot.waitUntil(field.isVisible)
    assert field.edit.toPlainText() == "[]"
    before, count = snapshot(doc), doc.undo_stack.count()
    type_json(qtbot, tutorial, field, '[{"key": "gpu", "tolerationSeconds": 30}]')
    assert field.problem == ("[0]: kfp reads only key, operator, value, effect and "
                                  "toleration_seconds; “tolerationSeconds” would be dropped")
    type_json(qtbot, tutorial, field, '[{"operator": "Equal"}]')
    assert field.problem == "[0]: without a key the operator must be Exists (Kubernetes)"
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_json(qtbot, tutorial, field, TOLERATIONS)
    assert doc.undo_stack.count() == count + 1 and not field.error.isVisible()
    assert doc.task("sum_result").settings.tolerations == (
        Toleration(None, "Exists", None, "NoExecute", 60),
        Toleration("gpu", "Equal", "", "NoSchedule"))
    # The text form cannot say them: it is read-only, and the JSON stays shown.
    line = editor.fields["tolerations"].edit
    qtbot.waitUntil(line.isReadOnly)
    assert "JSON" in line.toolTip() and button.isChecked() and not button.isEnabled()
    shot(tutorial, field, tmp_path, "json-tolerations.png")
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, TOLERATIONS_KFP1, TOLERATIONS_KFP2))
    round_trips(doc.pipeline, "v1", tmp_path)
    round_trips(doc.pipeline, "v2", tmp_path)
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: not line.isReadOnly() and button.isEnabled())


AFFINITY_AS_KUBERNETES = (
    '{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{'
    '"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd", "nvme"]}, '
    '{"key": "gpu", "operator": "Exists"}]}]}, '
    '"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 20, "preference": {'
    '"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-1"]}]}}]}')


def test_node_affinity_terms_written_as_kubernetes_json(qtbot, tutorial, kfp1_python,
                                                         kfp2_python, tmp_path):
    """The { } beside Node affinity: its terms as the Kubernetes NodeAffinity they make,
    for kfp 1 (add_affinity) and kfp 2 (add_node_affinity) alike."""
    from tests.ui.test_kubernetes_settings_gui import AFFINITY_KFP1, AFFINITY_KFP2
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    field = editor.placement_json.fields["node_affinity"]
    click(qtbot, tutorial, editor.placement_json.buttons["node_affinity"])
    qtbot.waitUntil(field.isVisible)
    before, count = snapshot(doc), doc.undo_stack.count()
    type_json(qtbot, tutorial, field, '{"requiredDuringSchedulingIgnoredDuringExecution": '
              '{"nodeSelectorTerms": [{}]}}')
    assert field.problem == ("requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"
                             "[0]: give matchExpressions or matchFields (kfp writes a term "
                             "with neither differently in each version)")
    assert snapshot(doc) == before
    type_json(qtbot, tutorial, field, AFFINITY_AS_KUBERNETES)
    assert doc.undo_stack.count() == count + 1 and not field.problem
    # The text form says the same terms (it is the same setting).
    line = editor.fields["node_affinity"].edit
    qtbot.waitUntil(lambda: line.text() == "disktype In ssd,nvme & gpu Exists; 20: "
                    "field:metadata.name NotIn node-1")
    shot(tutorial, field, tmp_path, "json-affinity-terms.png")
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, AFFINITY_KFP1, AFFINITY_KFP2))
    round_trips(doc.pipeline, "v1", tmp_path)
    round_trips(doc.pipeline, "v2", tmp_path)
    doc.undo_stack.undo()
    assert snapshot(doc) == before


ANNOTATIONS_KFP1 = """    sum_result.add_pod_annotation("note", "fast, cheap")
    sum_result.add_pod_annotation("team", "ml")
"""
ANNOTATIONS_KFP2 = """    from kfp import kubernetes
    kubernetes.add_pod_annotation(sum_result, "note", "fast, cheap")
    kubernetes.add_pod_annotation(sum_result, "team", "ml")
"""


def test_pod_annotations_with_commas_written_as_json(qtbot, tutorial, kfp1_python,
                                                      kfp2_python, tmp_path):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    button = editor.placement_json.buttons["pod_annotations"]
    field = editor.placement_json.fields["pod_annotations"]
    click(qtbot, tutorial, button)
    qtbot.waitUntil(field.isVisible)
    before, count = snapshot(doc), doc.undo_stack.count()
    type_json(qtbot, tutorial, field, '{"note": "fast, cheap", "team": ml}')
    assert field.problem == "Not JSON: Expecting value (line 1, column 33)"
    assert field.edit.toPlainText() == '{"note": "fast, cheap", "team": ml}'
    type_json(qtbot, tutorial, field, '{"note": "fast, cheap", "team": "ml"}')
    assert doc.undo_stack.count() == count + 1
    assert doc.task("sum_result").settings.pod_annotations == {"note": "fast, cheap",
                                                              "team": "ml"}
    # "key=value, …" cannot say a comma in a value: the text is read-only, JSON stays.
    line = editor.fields["pod_annotations"].edit
    qtbot.waitUntil(line.isReadOnly)
    assert line.toolTip() == "Edit these as JSON, below: a value has a comma"
    assert field.isVisible() and button.isChecked() and not button.isEnabled()
    shot(tutorial, field, tmp_path, "json-pod-annotations.png")
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, ANNOTATIONS_KFP1, ANNOTATIONS_KFP2))
    round_trips(doc.pipeline, "v1", tmp_path)
    round_trips(doc.pipeline, "v2", tmp_path)
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: not line.isReadOnly())


VOLUME_OP = '    vop = kfp.dsl.VolumeOp(name="scratch", resource_name="scratch", size="1Gi"{modes})\n'
CREATE_PVC = ("    from kfp import kubernetes\n"
              "    pvc = kubernetes.CreatePVC(access_modes={modes}, size='1Gi', "
              "pvc_name_suffix='-s')\n")


@pytest.mark.parametrize("target", ["v1", "v2"])
def test_access_modes_of_a_claim_creating_step_are_ticked(
        qtbot, window, target, kfp1_python, kfp2_python, tmp_path):
    """kfp 1 VolumeOp(modes=...) / kfp-kubernetes CreatePVC(access_modes=...): a box per
    mode in the step's inputs, several allowed, one undo step per click."""
    from designer.importers.kfp_python import import_python
    from designer.persist import Project
    from tests.ui.kfp_compare import assert_compiles_like_kfp
    from tests.ui.test_task_settings_gui import TESTS, with_settings
    if target == "v1":
        path, step, name, python = (TESTS / "data" / "reference" / "example_pipeline.py",
                                    VOLUME_OP, "modes", kfp1_python)
        start, main = step.format(modes=""), ""
        ticked = step.format(modes=', modes=["ReadWriteMany", "ReadWriteOnce"]')
    else:
        path, step, name, python = (TESTS / "compiler" / "data_v2" / "tutorial.py",
                                    CREATE_PVC, "access_modes", kfp2_python)
        start = step.format(modes="['ReadWriteOnce']")
        ticked = step.format(modes="['ReadWriteOnce', 'ReadOnlyMany']")
        main = ("\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
                "'example_pipeline.yaml')\n")
    doc = window.document
    doc.load(Project(import_python(with_settings(path, start)), {}), None)
    task = next(t for t in doc.pipeline.tasks if t.name in ("vop", "pvc"))
    window.scene.select_keys([task.id])
    qtbot.waitUntil(lambda: window.panes.selected_task == task.id)
    window.panes.docks["properties"].raise_()
    pane = window.panes.properties
    editor = pane.value_editors[name]
    qtbot.waitUntil(editor.isVisible)
    # kfp 1's VolumeOp without modes is ReadWriteMany: shown ticked.
    assert [m for m, b in editor.boxes.items() if b.isChecked()] == (
        ["ReadWriteMany"] if target == "v1" else ["ReadWriteOnce"])
    history = []
    step_ = stepper(doc, history)
    extra = "ReadWriteOnce" if target == "v1" else "ReadOnlyMany"
    step_(lambda: click(qtbot, window, editor.boxes[extra]))
    before = snapshot(doc)
    click(qtbot, window, editor.boxes["ReadWriteOncePod"])            # not with others
    assert editor.error == ("ReadWriteOncePod goes alone (Kubernetes: may not use "
                            "ReadWriteOncePod with other access modes)")
    assert snapshot(doc) == before
    shot(window, editor, tmp_path, f"access-modes-{target}.png")
    assert_compiles_like_kfp(doc.pipeline, target, python, with_settings(path, ticked, main),
                             tmp_path)
    doc.undo_stack.undo()
    assert snapshot(doc) == history[0]


def test_placement_a_task_output_gives_stays_read_only_and_says_why(qtbot, tutorial):
    """kfp-kubernetes lets a task's output give the node selector; the list offers the
    pipeline's parameters and JSON, so that one is shown, not chosen."""
    import dataclasses
    from designer.ir import OutputRef
    from designer.model import commands as C
    doc = tutorial.document
    task = doc.task("sum_result")
    doc.push(C.SetTaskSettings(doc, task.id, dataclasses.replace(
        task.settings, node_selector_json=OutputRef("number_1_result", "Output")), "x"))
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    combo = editor.json_sources["node_selector_json"]
    qtbot.waitUntil(lambda: not combo.isEnabled())
    assert combo.currentText() == "set in the Python file"
    assert combo.toolTip().startswith("Given by ← number_1_result.Output in the Python file")
    doc.undo_stack.undo()
    qtbot.waitUntil(combo.isEnabled)
    assert combo.toolTip().startswith("A pipeline parameter giving the whole node selector")
