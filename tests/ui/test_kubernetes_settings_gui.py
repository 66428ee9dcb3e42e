"""A person sets the Kubernetes settings the first pass left to Python files (environment
variables from fields of the pod, optional secrets and config maps, secrets and config maps
and ephemeral volumes in the Volumes section, ...) on the tutorial's sum task, in the Properties pane with
the mouse and keys: each edit is one undo step, a bad value shows the rule's message and
changes nothing, and the YAML for kfp 1 and kfp 2 equals what kfp 1.8.9 and kfp 2.17.3 (with
kfp-kubernetes) compile from the same settings written in Python."""
from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import EnvVar, EphemeralClaim, VolumeMount  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.ui.panes.task_settings import settings_summary  # noqa: E402
from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    TESTS, click, editor_of, tutorial, type_into, unfold, with_settings, yamls)
from tests.ui.test_task_settings_more_gui import choose  # noqa: E402
from tools.make_goldens_v2 import normalise_doc, run_modules  # noqa: E402

KFP1_SETTINGS = """    from kubernetes.client import V1EnvVar, V1EnvVarSource, V1ObjectFieldSelector
    sum_result.container.add_env_variable(V1EnvVar(
        name="POD_NAME", value_from=V1EnvVarSource(
            field_ref=V1ObjectFieldSelector(field_path="metadata.name"))))
"""
KFP2_SETTINGS = """    from kfp import kubernetes
    kubernetes.use_field_path_as_env(sum_result, "POD_NAME", "metadata.name")
"""


def test_an_environment_variable_from_a_pod_field(qtbot, tutorial, kfp1_python, kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "environment")
    click(qtbot, tutorial, editor.add_env_button)
    qtbot.waitUntil(lambda: len(editor.env_rows) == 1)
    type_into(qtbot, tutorial, editor.env_rows[0].name, "POD_NAME")
    row = editor.env_rows[0]
    count = doc.undo_stack.count()
    choose(qtbot, tutorial, row.source, "field_path")
    assert not row.key.isVisible()          # a field path names no key
    assert row.error.isVisible() and doc.undo_stack.count() == count   # no path yet
    before = snapshot(doc)
    type_into(qtbot, tutorial, row.value, "metadata.nam")
    assert "is not a field Kubernetes gives a container" in row.error.text()
    assert snapshot(doc) == before
    type_into(qtbot, tutorial, row.value, "metadata.name")
    assert not row.error.isVisible()
    assert doc.undo_stack.count() == count + 1
    assert doc.task("sum_result").settings.env == (EnvVar("POD_NAME",
                                                          field_path="metadata.name"),)

    v1, v2 = yamls(doc)
    kfp1 = run_modules(kfp1_python, {"p": with_settings(
        TESTS / "data" / "reference" / "example_pipeline.py", KFP1_SETTINGS)})["p"]
    kfp2 = run_modules(kfp2_python, {"p": with_settings(
        TESTS / "compiler" / "data_v2" / "tutorial.py", KFP2_SETTINGS,
        "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
        "'example_pipeline.yaml')\n")})["p"]
    assert kfp1.error is None and kfp2.error is None, (kfp1.error, kfp2.error)
    expected1, actual1 = normalise_v1(kfp1.yaml), normalise_v1(v1)
    assert actual1 == expected1, first_difference(expected1, actual1)
    assert [normalise_doc(d) for d in yaml.safe_load_all(v2)] == \
        [normalise_doc(d) for d in yaml.safe_load_all(kfp2.yaml)]
    # The node's tooltip names the field; undo takes the variable's source back.
    assert "POD_NAME ← pod field metadata.name" in settings_summary(
        doc.task("sum_result").settings)
    doc.undo_stack.undo()
    assert doc.task("sum_result").settings.env == (EnvVar("POD_NAME", value=""),)
    qtbot.waitUntil(lambda: editor.env_rows[0].source.currentData() == "value")


OPTIONAL_KFP1 = """    from kubernetes.client import (V1ConfigMapVolumeSource, V1EnvVar, V1EnvVarSource,
                                   V1SecretKeySelector, V1Volume, V1VolumeMount)
    sum_result.container.add_env_variable(V1EnvVar(
        name="TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="api", key="token", optional=True))))
    sum_result.add_volume(V1Volume(name="volume-1", config_map=V1ConfigMapVolumeSource(
        name="conf", optional=True)))
    sum_result.container.add_volume_mount(V1VolumeMount(name="volume-1", mount_path="/conf"))
"""
OPTIONAL_KFP2 = """    from kfp import kubernetes
    kubernetes.use_secret_as_env(sum_result, "api", {"token": "TOKEN"}, optional=True)
    kubernetes.use_config_map_as_volume(sum_result, "conf", mount_path="/conf", optional=True)
"""
EPHEMERAL_KFP2 = OPTIONAL_KFP2 + """    kubernetes.add_ephemeral_volume(
        sum_result, volume_name="scratch", mount_path="/scratch",
        access_modes=["ReadWriteMany"], size="2Gi", storage_class_name="fast")
"""


def sdk_yamls(kfp1_python, kfp2_python, kfp1: str | None, kfp2: str):
    """What kfp 1.8.9 and kfp 2.17.3 compile from the tutorial with these settings."""
    modules = {"v2": with_settings(
        TESTS / "compiler" / "data_v2" / "tutorial.py", kfp2,
        "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
        "'example_pipeline.yaml')\n")}
    runs = run_modules(kfp2_python, modules)
    if kfp1 is not None:
        runs.update(run_modules(kfp1_python, {"v1": with_settings(
            TESTS / "data" / "reference" / "example_pipeline.py", kfp1)}))
    assert all(r.error is None for r in runs.values()), {k: r.error for k, r in runs.items()}
    return runs


def same_as_sdks(doc, runs) -> None:
    if "v1" in runs:
        expected, actual = normalise_v1(runs["v1"].yaml), normalise_v1(yamls(doc)[0])
        assert actual == expected, first_difference(expected, actual)
    ours = compile_pipeline(doc.pipeline, "v2")
    assert [normalise_doc(d) for d in yaml.safe_load_all(ours)] == \
        [normalise_doc(d) for d in yaml.safe_load_all(runs["v2"].yaml)]


def stepper(doc, history: list):
    """``step(action)``: runs ``action``, which must push exactly one undo step; the
    document before it is appended to ``history`` (to compare after each undo)."""
    def step(action) -> None:
        before, count = snapshot(doc), doc.undo_stack.count()
        action()
        assert doc.undo_stack.count() == count + 1, "one edit, one undo step"
        history.append(before)
    return step


def test_optional_secrets_config_map_volumes_and_ephemeral_volumes(
        qtbot, tutorial, kfp1_python, kfp2_python, tmp_path):
    doc = tutorial.document
    editor = editor_of(tutorial)
    history: list = []
    step = stepper(doc, history)

    unfold(qtbot, tutorial, "environment")
    step(lambda: click(qtbot, tutorial, editor.add_env_button))
    qtbot.waitUntil(lambda: len(editor.env_rows) == 1)
    step(lambda: type_into(qtbot, tutorial, editor.env_rows[0].name, "TOKEN"))
    row = editor.env_rows[0]
    choose(qtbot, tutorial, row.source, "secret")
    assert row.optional.isVisible() and not row.optional.isChecked()
    type_into(qtbot, tutorial, row.value, "api")     # (written once it names the key too)
    step(lambda: type_into(qtbot, tutorial, row.key, "token"))
    step(lambda: click(qtbot, tutorial, editor.env_rows[0].optional))
    assert doc.task("sum_result").settings.env == (
        EnvVar("TOKEN", secret="api", key="token", optional=True),)

    unfold(qtbot, tutorial, "volumes")
    choose(qtbot, tutorial, editor.volume_source, "kind:config_map")
    step(lambda: click(qtbot, tutorial, editor.add_volume_button))
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 1
                    and editor.volume_rows[0].optional.isVisible())
    row = editor.volume_rows[0]
    assert not row.claim.isReadOnly() and row.claim.placeholderText() == "config map name"
    step(lambda: type_into(qtbot, tutorial, row.mount_path, "/conf"))
    before = snapshot(doc)
    type_into(qtbot, tutorial, editor.volume_rows[0].claim, "Conf")   # not a Kubernetes name
    assert "is not a valid Kubernetes name" in editor.volume_rows[0].error.text()
    assert snapshot(doc) == before
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[0].claim, "conf"))
    step(lambda: click(qtbot, tutorial, editor.volume_rows[0].optional))
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/conf", "config_map", "conf", volume_name="volume-1", optional=True),)
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, OPTIONAL_KFP1, OPTIONAL_KFP2))

    # An ephemeral volume: added, then named, sized and classed in its row.
    choose(qtbot, tutorial, editor.volume_source, "kind:ephemeral")
    step(lambda: click(qtbot, tutorial, editor.add_volume_button))
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 2
                    and editor.volume_rows[1].size.isVisible())
    row = editor.volume_rows[1]
    assert not row.sub_path.isVisible() and not row.read_only.isVisible()
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[1].mount_path, "/scratch"))
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[1].claim, "scratch"))
    before = snapshot(doc)
    type_into(qtbot, tutorial, editor.volume_rows[1].size, "2 GB")
    assert editor.volume_rows[1].error.text() == \
        "Give a size: a number with a unit, e.g. 1Gi, 500Mi"
    assert snapshot(doc) == before
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[1].size, "2Gi"))
    # (its modes: a box each; ReadWriteMany ticked, then the default ReadWriteOnce unticked)
    step(lambda: click(qtbot, tutorial, editor.volume_rows[1].access_modes["ReadWriteMany"]))
    step(lambda: click(qtbot, tutorial, editor.volume_rows[1].access_modes["ReadWriteOnce"]))
    step(lambda: type_into(qtbot, tutorial, editor.volume_rows[1].storage_class, "fast"))
    assert doc.task("sum_result").settings.volumes[1] == VolumeMount(
        "/scratch", "ephemeral", volume_name="scratch",
        ephemeral=EphemeralClaim(("ReadWriteMany",), "2Gi", "fast"))
    tutorial.panes.properties._scroll.ensureWidgetVisible(editor.volume_rows[1].size)
    tutorial.panes.properties.grab().save(str(tmp_path / "kubernetes-volumes.png"))
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, None, EPHEMERAL_KFP2))
    with pytest.raises(InputError, match="kfp 2 only"):
        compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")

    # Undo, one step at a time, gives back each document before that step.
    for before in reversed(history):
        doc.undo_stack.undo()
        assert snapshot(doc) == before
    assert doc.task("sum_result").settings.is_default()


PULL_SECRETS_KFP2 = """    from kfp import kubernetes
    kubernetes.set_image_pull_secrets(sum_result, ["regcred", "team-registry"])
"""


def test_image_pull_secrets_of_a_task(qtbot, tutorial, kfp1_python, kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    line = editor.fields["image_pull_secrets"]
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, line.edit, "regcred, Team Registry")
    assert "“Team Registry” is not a valid Kubernetes name" in line.error.text()
    assert snapshot(doc) == before
    type_into(qtbot, tutorial, line.edit, "regcred, team-registry")
    assert doc.undo_stack.count() == count + 1 and not line.error.isVisible()
    assert doc.task("sum_result").settings.image_pull_secrets == ("regcred", "team-registry")
    assert editor.sections["kubernetes"].header.text() == "Kubernetes · 1 set"
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, None, PULL_SECRETS_KFP2))
    # kfp 1 has them for the whole pipeline only (PipelineConf): refused, not dropped.
    with pytest.raises(InputError, match="image pull secrets"):
        compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: line.edit.text() == "")


AFFINITY_KFP1 = """    from kubernetes.client import (V1Affinity, V1NodeAffinity, V1NodeSelector,
                                   V1NodeSelectorRequirement, V1NodeSelectorTerm,
                                   V1PreferredSchedulingTerm)
    sum_result.add_affinity(V1Affinity(node_affinity=V1NodeAffinity(
        required_during_scheduling_ignored_during_execution=V1NodeSelector(node_selector_terms=[
            V1NodeSelectorTerm(match_expressions=[
                V1NodeSelectorRequirement(key="disktype", operator="In", values=["ssd", "nvme"]),
                V1NodeSelectorRequirement(key="gpu", operator="Exists")])]),
        preferred_during_scheduling_ignored_during_execution=[
            V1PreferredSchedulingTerm(weight=20, preference=V1NodeSelectorTerm(
                match_fields=[V1NodeSelectorRequirement(key="metadata.name", operator="NotIn",
                                                        values=["node-1"])]))])))
"""
AFFINITY_KFP2 = """    from kfp import kubernetes
    kubernetes.add_node_affinity(sum_result, match_expressions=[
        {"key": "disktype", "operator": "In", "values": ["ssd", "nvme"]},
        {"key": "gpu", "operator": "Exists"}])
    kubernetes.add_node_affinity(sum_result, match_fields=[
        {"key": "metadata.name", "operator": "NotIn", "values": ["node-1"]}], weight=20)
"""


def test_node_affinity_typed_in_the_kubernetes_section(qtbot, tutorial, kfp1_python,
                                                       kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    line = editor.fields["node_affinity"]
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, line.edit, "disktype Near ssd")
    assert line.error.text() == (
        "kfp 2.17.3 refuses it: Invalid operator 'Near' for key 'disktype' in "
        "match_expression. Must be one of ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', "
        "'NotIn'].")
    type_into(qtbot, tutorial, line.edit, "0: zone In a")
    assert line.error.text() == "kfp 2.17.3 refuses it: weight must be between 1 and 100, got 0."
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_into(qtbot, tutorial, line.edit,
              "disktype In ssd,nvme & gpu Exists; 20: field:metadata.name NotIn node-1")
    assert doc.undo_stack.count() == count + 1 and not line.error.isVisible()
    from tests.compiler.v1_features import AFFINITY
    assert doc.task("sum_result").settings.node_affinity == (
        AFFINITY[0], dataclasses.replace(AFFINITY[1], weight=20))
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, AFFINITY_KFP1, AFFINITY_KFP2))
    assert "node affinity: disktype In ssd,nvme" in "\n".join(
        settings_summary(doc.task("sum_result").settings))
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: line.edit.text() == "")


FROM_PARAMS_KFP2 = """    from kfp import kubernetes
    kubernetes.add_node_selector_json(sum_result, number_1)
    kubernetes.add_toleration_json(sum_result, number_2)
    kubernetes.add_node_affinity_json(sum_result, number_1)
"""


def test_placement_given_whole_by_pipeline_parameters(qtbot, tutorial, kfp1_python,
                                                      kfp2_python):
    """Node selector, tolerations and node affinity from a parameter at run time (kfp 2,
    add_*_json): chosen from lists of the pipeline's parameters, one undo step each."""
    from designer.ir import ParamRef
    from designer.ir.settings import NodeAffinityTerm, Toleration
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    before = snapshot(doc)
    steps = []
    for key, param in (("node_selector_json", "number_1"), ("toleration_json", "number_2"),
                       ("node_affinity_json", "number_1")):
        count = doc.undo_stack.count()
        steps.append(snapshot(doc))
        choose(qtbot, tutorial, editor.json_sources[key], param)
        assert doc.undo_stack.count() == count + 1, key
    s = doc.task("sum_result").settings
    assert s.node_selector_json == ParamRef("number_1")
    assert s.tolerations == (Toleration(json=ParamRef("number_2")),)
    assert s.node_affinity == (NodeAffinityTerm(json=ParamRef("number_1")),)
    # The text forms stay editable: a typed toleration goes before the parameter's.
    type_into(qtbot, tutorial, editor.fields["tolerations"].edit, "spot")
    assert doc.task("sum_result").settings.tolerations == (
        Toleration("spot", "Exists"), Toleration(json=ParamRef("number_2")))
    doc.undo_stack.undo()
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, None, FROM_PARAMS_KFP2))
    with pytest.raises(InputError, match="kfp 1.8.9"):
        compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
    for snap in reversed(steps):
        doc.undo_stack.undo()
        assert snapshot(doc) == snap
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: editor.json_sources["toleration_json"].currentData() == "")


SECURITY_KFP1 = """    from kubernetes.client import V1SecurityContext
    sum_result.container.set_security_context(V1SecurityContext(run_as_user=1000,
                                                                run_as_non_root=True))
"""
SECURITY_KFP2 = """    from kfp import kubernetes
    kubernetes.set_security_context(sum_result, run_as_user=1000, run_as_non_root=True)
"""


def test_who_the_container_runs_as(qtbot, tutorial, kfp1_python, kfp2_python):
    from designer.ir.settings import SecurityContext
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    before, count = snapshot(doc), doc.undo_stack.count()
    user = editor.fields["run_as_user"]
    type_into(qtbot, tutorial, user.edit, "-1")
    assert user.error.text() == "Give a whole number of 0 or more"
    assert snapshot(doc) == before
    type_into(qtbot, tutorial, user.edit, "1000")
    choose(qtbot, tutorial, editor.non_root, True)
    assert doc.undo_stack.count() == count + 2
    assert doc.task("sum_result").settings.security_context == SecurityContext(1000, None, True)
    same_as_sdks(doc, sdk_yamls(kfp1_python, kfp2_python, SECURITY_KFP1, SECURITY_KFP2))
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: user.edit.text() == "" and editor.non_root.currentData() is None)


HOST_PATH_KFP1 = """    from kubernetes.client import V1HostPathVolumeSource, V1Volume, V1VolumeMount
    sum_result.add_volume(V1Volume(name="volume-1", host_path=V1HostPathVolumeSource(
        path="/mnt/data")))
    sum_result.container.add_volume_mount(V1VolumeMount(name="volume-1", mount_path="/data"))
"""


def test_a_folder_of_the_node_for_kfp_1(qtbot, tutorial, kfp1_python, kfp2_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "volumes")
    choose(qtbot, tutorial, editor.volume_source, "kind:host_path")
    count = doc.undo_stack.count()
    click(qtbot, tutorial, editor.add_volume_button)
    qtbot.waitUntil(lambda: len(editor.volume_rows) == 1
                    and editor.volume_rows[0].claim.isVisible())
    row = editor.volume_rows[0]
    assert not row.claim.isReadOnly() and not row.optional.isVisible()
    type_into(qtbot, tutorial, row.claim, "mnt/data")          # not absolute: refused
    assert editor.volume_rows[0].error.isVisible()
    type_into(qtbot, tutorial, editor.volume_rows[0].claim, "/mnt/data")
    type_into(qtbot, tutorial, editor.volume_rows[0].mount_path, "/data")
    assert doc.undo_stack.count() == count + 3
    assert doc.task("sum_result").settings.volumes == (
        VolumeMount("/data", "host_path", "/mnt/data", volume_name="volume-1"),)
    runs = run_modules(kfp1_python, {"v1": with_settings(
        TESTS / "data" / "reference" / "example_pipeline.py", HOST_PATH_KFP1)})
    assert runs["v1"].error is None, runs["v1"].error
    expected, actual = normalise_v1(runs["v1"].yaml), normalise_v1(yamls_v1(doc))
    assert actual == expected, first_difference(expected, actual)
    with pytest.raises(InputError, match="host_path"):
        compile_pipeline(doc.pipeline, "v2")


def yamls_v1(doc) -> str:
    return compile_pipeline(doc.pipeline, "v1", compile_time="2023-11-14T22:13:20")
