"""A person types pod affinity and anti-affinity for the tutorial's sum task in the
Properties pane's Kubernetes section, with the mouse and keys: a bad term shows the rule and
changes nothing, each good edit is one undo step, the kfp 1 YAML is what kfp 1.8.9 compiles
from the same ``add_affinity(V1Affinity(...))`` (node affinity in the same call), and kfp 2
refuses it with words (kfp-kubernetes 2.17.3 has no pod affinity) instead of dropping it."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import LabelSelector, NodeRequirement, PodAffinityTerm  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.ui.panes.task_settings import settings_summary  # noqa: E402
from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    TESTS, editor_of, tutorial, type_into, unfold, with_settings, yamls)
from tools.make_goldens_v2 import run_modules  # noqa: E402

KFP1 = """    from kubernetes.client import (V1Affinity, V1LabelSelector, V1LabelSelectorRequirement,
                                   V1NodeAffinity, V1NodeSelector, V1NodeSelectorRequirement,
                                   V1NodeSelectorTerm, V1PodAffinity, V1PodAffinityTerm,
                                   V1PodAntiAffinity, V1WeightedPodAffinityTerm)
    sum_result.add_affinity(V1Affinity(
        node_affinity=V1NodeAffinity(
            required_during_scheduling_ignored_during_execution=V1NodeSelector(
                node_selector_terms=[V1NodeSelectorTerm(match_expressions=[
                    V1NodeSelectorRequirement(key="disktype", operator="In", values=["ssd"])])])),
        pod_affinity=V1PodAffinity(required_during_scheduling_ignored_during_execution=[
            V1PodAffinityTerm(label_selector=V1LabelSelector(
                match_labels={"app": "cache"}, match_expressions=[V1LabelSelectorRequirement(
                    key="tier", operator="In", values=["a", "b"])]),
                topology_key="kubernetes.io/hostname")]),
        pod_anti_affinity=V1PodAntiAffinity(preferred_during_scheduling_ignored_during_execution=[
            V1WeightedPodAffinityTerm(weight=50, pod_affinity_term=V1PodAffinityTerm(
                label_selector=V1LabelSelector(match_labels={"app": "train"}),
                namespaces=["ml", "data"], topology_key="topology.kubernetes.io/zone"))])))
"""
NEAR = PodAffinityTerm("kubernetes.io/hostname", LabelSelector(
    {"app": "cache"}, (NodeRequirement("tier", "In", ("a", "b")),)))
APART = PodAffinityTerm("topology.kubernetes.io/zone", LabelSelector({"app": "train"}),
                        ("ml", "data"), 50)


def test_pod_affinity_typed_in_the_kubernetes_section(qtbot, tutorial, kfp1_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    near, apart = editor.fields["pod_affinity"], editor.fields["pod_anti_affinity"]
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, near.edit, "app=cache")                  # no topology key
    assert near.error.isVisible() and near.error.text().startswith(
        "“app=cache”: write [weight:] pods @ topology key [in namespaces]")
    type_into(qtbot, tutorial, apart.edit, "101: app=train @ zone")
    assert apart.error.text() == ("“101: app=train @ zone”: the weight of a preferred term is "
                                  "a whole number from 1 to 100")
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_into(qtbot, tutorial, editor.fields["node_affinity"].edit, "disktype In ssd")
    type_into(qtbot, tutorial, near.edit, "app=cache & tier In a,b @ kubernetes.io/hostname")
    type_into(qtbot, tutorial, apart.edit,
              "50: app=train @ topology.kubernetes.io/zone in ml,data")
    assert doc.undo_stack.count() == count + 3
    assert not near.error.isVisible() and not apart.error.isVisible()
    s = doc.task("sum_result").settings
    assert (s.pod_affinity, s.pod_anti_affinity) == ((NEAR,), (APART,))
    summary = "\n".join(settings_summary(s))
    assert "pod affinity: app=cache & tier In a,b @ kubernetes.io/hostname" in summary
    assert "pod anti-affinity: 50: app=train @ topology.kubernetes.io/zone in ml,data" in summary
    same_as_kfp1(kfp1_python, doc, KFP1)
    with pytest.raises(InputError, match="uses pod affinity, which kfp-kubernetes 2.17.3 does "
                                         "not have"):
        compile_pipeline(doc.pipeline, "v2")
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: apart.edit.text() == "")
    assert doc.task("sum_result").settings.pod_anti_affinity == ()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: near.edit.text() == "")


def same_as_kfp1(kfp1_python, doc, settings: str) -> None:
    """Our v1 YAML of ``doc`` is what kfp 1.8.9 compiles from the tutorial's Python with
    ``settings`` (statements on its ``sum_result`` task) added."""
    runs = run_modules(kfp1_python, {"v1": with_settings(
        TESTS / "data" / "reference" / "example_pipeline.py", settings)})
    assert runs["v1"].error is None, runs["v1"].error
    ours = compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    expected, actual = normalise_v1(runs["v1"].yaml), normalise_v1(ours)
    assert actual == expected, first_difference(expected, actual)
