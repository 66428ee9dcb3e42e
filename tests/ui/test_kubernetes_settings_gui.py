"""A person sets the Kubernetes settings the first pass left to Python files (environment
variables from fields of the pod, ...) on the tutorial's sum task, in the Properties pane with
the mouse and keys: each edit is one undo step, a bad value shows the rule's message and
changes nothing, and the YAML for kfp 1 and kfp 2 equals what kfp 1.8.9 and kfp 2.17.3 (with
kfp-kubernetes) compile from the same settings written in Python."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer.ir.settings import EnvVar  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.ui.panes.task_settings import settings_summary  # noqa: E402
from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    TESTS, click, editor_of, tutorial, type_into, unfold, with_settings, yamls)
from tools.make_goldens_v2 import normalise_doc, run_modules  # noqa: E402

KFP1_SETTINGS = """    from kubernetes.client import V1EnvVar, V1EnvVarSource, V1ObjectFieldSelector
    sum_result.container.add_env_variable(V1EnvVar(
        name="POD_NAME", value_from=V1EnvVarSource(
            field_ref=V1ObjectFieldSelector(field_path="metadata.name"))))
"""
KFP2_SETTINGS = """    from kfp import kubernetes
    kubernetes.use_field_path_as_env(sum_result, "POD_NAME", "metadata.name")
"""


def choose(qtbot, window, combo, data) -> None:
    """Open the list with a click, close it, then step with the arrow keys to ``data``."""
    click(qtbot, window, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    while combo.currentData() != data:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{data!r} is not in the list"


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
