"""A person sets how the tutorial's sum task runs, in the Properties pane, with the mouse and
keys; the YAML compiled for kfp 1 and kfp 2 equals what the real SDKs compile from the same
settings written in Python; undo gives back each previous YAML exactly; a bad value shows
kfp's message next to the field and changes nothing."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402

from designer import persist  # noqa: E402
from designer.compiler import compile_pipeline  # noqa: E402
from designer.inputs import example_path  # noqa: E402
from designer.ir import ParamRef  # noqa: E402
from designer.ir.settings import EnvVar, Retry, TaskSettings  # noqa: E402
from designer.model import commands as C  # noqa: E402
from designer.model.document import snapshot  # noqa: E402

from tests.golden.goldens import first_difference, normalise_v1  # noqa: E402
from tests.ui.canvas_helpers import _send  # noqa: E402
from tools.make_goldens_v2 import normalise_doc, run_modules  # noqa: E402

TIME = "2023-11-14T22:13:20"

TESTS = Path(__file__).resolve().parents[1]
# The tutorial as kfp 1 and kfp 2 Python (the repository's own references), with the settings
# the person sets written after the sum task, as a kfp user would write them.
SUM_TASK = """    sum_result = sum_and_print_numbers(
        number_1=number_1_result.output, number_2=number_2_result.output
    )
"""
KFP1_SETTINGS = """    sum_result.set_cpu_limit("500m")
    sum_result.set_memory_limit("2Gi")
    sum_result.set_caching_options(False)
    sum_result.set_retry(2)
    from kubernetes.client import V1EnvVar, V1EnvVarSource, V1SecretKeySelector
    sum_result.container.add_env_variable(V1EnvVar(
        name="API_TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="api-secret", key="token"))))
"""
KFP2_SETTINGS = """    sum_result.set_cpu_limit("500m").set_memory_limit("2Gi")
    sum_result.set_caching_options(False)
    sum_result.set_retry(2)
    from kfp import kubernetes
    kubernetes.use_secret_as_env(sum_result, secret_name="api-secret",
                                 secret_key_to_env={"token": "API_TOKEN"})
"""


def with_settings(path: Path, settings: str, main: str = "") -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(SUM_TASK) == 1, path
    return text.replace(SUM_TASK, SUM_TASK + settings) + main


KFP1_PYTHON = with_settings(TESTS / "data" / "reference" / "example_pipeline.py", KFP1_SETTINGS)
KFP2_PYTHON = with_settings(
    TESTS / "compiler" / "data_v2" / "tutorial.py", KFP2_SETTINGS,
    "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
    "'example_pipeline.yaml')\n")

EXPECTED = TaskSettings(cpu_limit="500m", memory_limit="2Gi", enable_caching=False,
                        retry=Retry(2), env=(EnvVar("API_TOKEN", secret="api-secret",
                                                    key="token"),))


@pytest.fixture
def tutorial(window, qtbot):
    window.document.load(persist.load(example_path()), None)
    window.scene.select_keys(["sum_result"])
    qtbot.waitUntil(lambda: window.panes.selected_task == "sum_result")
    window.panes.docks["properties"].raise_()
    pane = window.panes.properties
    qtbot.waitUntil(lambda: pane.settings_editor is not None and pane.settings_editor.isVisible())
    return window


def editor_of(window):
    return window.panes.properties.settings_editor


def click(qtbot, window, widget) -> None:
    window.panes.properties._scroll.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def unfold(qtbot, window, key: str) -> None:
    section = editor_of(window).sections[key]
    if not section.expanded:
        click(qtbot, window, section.header)
    assert section.body.isVisible()


def type_into(qtbot, window, line, text: str) -> None:
    """Click in the field, select all, type, press Enter: as a person does."""
    click(qtbot, window, line)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def hover(window, node, local: QPointF) -> str:
    """Move the mouse onto ``local`` (node coordinates); the tooltip the node then has."""
    view = window.view
    view.centerOn(node)
    for point in (node.mapToScene(local) - QPointF(300, 300), node.mapToScene(local)):
        _send(view, QEvent.Type.MouseMove, view.mapFromScene(point), Qt.MouseButton.NoButton,
              Qt.MouseButton.NoButton)
    return node.toolTip()


def yamls(doc) -> tuple[str, str]:
    return (compile_pipeline(doc.pipeline, "v1", compile_time=TIME),
            compile_pipeline(doc.pipeline, "v2"))


def set_everything(qtbot, window) -> list[tuple[str, str]]:
    """The person's edits; returns the YAML pair before each undo step (oldest first)."""
    doc = window.document
    editor = editor_of(window)
    history = []

    def step(action) -> None:
        before, count = yamls(doc), doc.undo_stack.count()
        action()
        if doc.undo_stack.count() != count:
            assert doc.undo_stack.count() == count + 1, "one edit, one undo step"
            history.append(before)

    unfold(qtbot, window, "resources")
    step(lambda: type_into(qtbot, window, editor.fields["cpu_limit"].edit, "500m"))
    step(lambda: type_into(qtbot, window, editor.fields["memory_limit"].edit, "2Gi"))
    unfold(qtbot, window, "run")
    step(lambda: click(qtbot, window, editor.caching))
    step(lambda: type_into(qtbot, window, editor.fields["retries"].edit, "2"))
    unfold(qtbot, window, "environment")
    step(lambda: click(qtbot, window, editor.add_env_button))
    qtbot.waitUntil(lambda: len(editor.env_rows) == 1)
    row = editor.env_rows[0]
    step(lambda: type_into(qtbot, window, row.name, "API_TOKEN"))
    row = editor.env_rows[0]
    click(qtbot, window, row.source)
    qtbot.keyClick(row.source, Qt.Key.Key_Escape)     # close the list the click opened
    qtbot.keyClick(row.source, Qt.Key.Key_Down)       # value -> secret
    assert row.source.currentData() == "secret" and row.key.isVisible()
    # Not written while it does not say which secret and key: a hint, nothing changed.
    assert row.error.isVisible()
    step(lambda: type_into(qtbot, window, row.value, "api-secret"))
    step(lambda: type_into(qtbot, window, row.key, "token"))
    return history


def test_settings_set_in_the_pane_compile_like_the_real_sdks(qtbot, tutorial, kfp1_python,
                                                              kfp2_python):
    doc = tutorial.document
    history = set_everything(qtbot, tutorial)
    assert doc.task("sum_result").settings == EXPECTED
    assert len(history) == 7   # cpu, memory, caching, retries, add, name, secret+key
    # The node shows it carries settings: a gear whose tooltip lists them.
    node = tutorial.scene.nodes["sum_result"]
    assert node.badge_rect() is not None
    tip = hover(tutorial, node, node.badge_rect().center())
    assert "caching: off" in tip and "retries: 2" in tip and "CPU limit 500m" in tip
    assert "API_TOKEN ← secret api-secret[token]" in tip
    assert tip.startswith("<b>Run settings</b>")
    assert hover(tutorial, node, QPointF(20, 10)).startswith("<b>sum_result</b>")  # the title

    v1, v2 = yamls(doc)
    assert "limits: {cpu: 500m, memory: 2Gi}" in v1 and "secretKeyRef" in v1
    assert 'pipelines.kubeflow.org/enable_caching: "false"' in v1
    kfp1 = run_modules(kfp1_python, {"p": KFP1_PYTHON})["p"]
    kfp2 = run_modules(kfp2_python, {"p": KFP2_PYTHON})["p"]
    assert kfp1.error is None and kfp2.error is None, (kfp1.error, kfp2.error)
    expected1, actual1 = normalise_v1(kfp1.yaml), normalise_v1(v1)
    assert actual1 == expected1, first_difference(expected1, actual1)
    # kfp 2 writes the PipelineSpec and, for the secret, a platform spec document.
    ours2 = [normalise_doc(d) for d in yaml.safe_load_all(v2)]
    assert len(ours2) == 2
    assert ours2 == [normalise_doc(d) for d in yaml.safe_load_all(kfp2.yaml)]

    # Undo, one step at a time: each gives back the YAML before that step, exactly.
    for before in reversed(history):
        doc.undo_stack.undo()
        assert yamls(doc) == before
    assert doc.task("sum_result").settings.is_default()
    # The pane followed: fields empty again, caching on, no variables.
    editor = editor_of(tutorial)
    qtbot.waitUntil(lambda: editor.fields["cpu_limit"].edit.text() == "")
    assert editor.caching.isChecked() and editor.env_rows == []
    assert tutorial.scene.nodes["sum_result"].badge_rect() is None


def test_a_bad_value_shows_kfps_message_and_changes_nothing(qtbot, tutorial):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "resources")
    before, count = snapshot(doc), doc.undo_stack.count()
    cpu = editor.fields["cpu_request"]
    type_into(qtbot, tutorial, cpu.edit, "5 cores")
    assert cpu.error.isVisible()
    assert cpu.error.text() == ('kfp 1.8.9 refuses it: Invalid cpu string. Should be float or '
                                'integer, or integer followed by "m".')
    # Next to the field: right under it, in the same row.
    assert cpu.error.parent() is cpu and cpu.error.geometry().top() >= cpu.edit.geometry().bottom()
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    memory = editor.fields["memory_request"]
    type_into(qtbot, tutorial, memory.edit, "2GB")
    assert "E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki" in memory.error.text()
    gpu = editor.fields["accelerator_limit"]
    type_into(qtbot, tutorial, gpu.edit, "1.5")
    assert gpu.error.text() == "kfp 1.8.9 refuses it: Invalid gpu. Should be integer."
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    # Fixing it commits it.
    type_into(qtbot, tutorial, cpu.edit, "250m")
    assert not cpu.error.isVisible()
    assert doc.task("sum_result").settings.cpu_request == "250m"


def test_pipeline_run_settings_in_the_pipeline_form(qtbot, tutorial):
    doc = tutorial.document
    tutorial.panes.docks["pipeline"].raise_()
    form = tutorial.panes.form
    qtbot.mouseClick(form.conf_section.header, Qt.MouseButton.LeftButton)
    assert form.conf_section.body.isVisible()
    line = form.conf_fields["parallelism"].edit
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line, "0")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "1 or more" in form.conf_fields["parallelism"].error.text()
    assert doc.pipeline.conf.parallelism is None
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "3")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    selector = form.conf_fields["default_node_selector"].edit
    qtbot.mouseClick(selector, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(selector, "pool=batch")
    qtbot.keyClick(selector, Qt.Key.Key_Return)
    assert doc.pipeline.conf.parallelism == 3
    assert doc.pipeline.conf.default_node_selector == {"pool": "batch"}
    v1 = compile_pipeline(doc.pipeline, "v1", compile_time=TIME)
    assert "parallelism: 3" in v1 and "pool: batch" in v1
    doc.undo_stack.undo()
    assert doc.pipeline.conf.default_node_selector == {}
    assert form.conf_fields["default_node_selector"].edit.text() == ""
    assert form.conf_section.header.text().endswith("1 set")


def test_kubernetes_section_and_values_set_in_python_are_read_only(qtbot, tutorial):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    type_into(qtbot, tutorial, editor.fields["node_selector"].edit, "pool=batch, zone = b")
    type_into(qtbot, tutorial, editor.fields["tolerations"].edit, "gpu=yes:NoSchedule")
    settings = doc.task("sum_result").settings
    assert settings.node_selector == {"pool": "batch", "zone": "b"}
    assert [(t.key, t.operator, t.value, t.effect) for t in settings.tolerations] == \
        [("gpu", "Equal", "yes", "NoSchedule")]
    count = doc.undo_stack.count()
    type_into(qtbot, tutorial, editor.fields["tolerations"].edit, "gpu=yes:Sometimes")
    assert "NoSchedule, PreferNoSchedule or NoExecute" in editor.fields["tolerations"].problem
    assert doc.undo_stack.count() == count
    click(qtbot, tutorial, editor.pull_policy)
    qtbot.keyClick(editor.pull_policy, Qt.Key.Key_Escape)
    qtbot.keyClick(editor.pull_policy, Qt.Key.Key_Down)
    assert doc.task("sum_result").settings.image_pull_policy == "Always"
    assert editor.sections["kubernetes"].header.text() == "Kubernetes · 3 set"
    # A value a parameter gives (from a Python file) is shown, not editable here.
    doc.push(C.SetTaskSettings(doc, "sum_result", dataclasses.replace(
        doc.task("sum_result").settings, cpu_limit=ParamRef("number_1"))))
    cpu = editor.fields["cpu_limit"]
    assert cpu.edit.isReadOnly() and cpu.edit.text() == "← number_1"


def test_a_committed_field_keeps_its_cursor_where_the_typing_left_it(qtbot, tutorial):
    """Enter commits and the document refills every field: the field still being edited
    keeps its cursor at the end of what was typed (a refill that changes no text must not
    move it to the start)."""
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "resources")
    cpu = editor.fields["cpu_request"]
    type_into(qtbot, tutorial, cpu.edit, "250m")
    assert tutorial.document.task("sum_result").settings.cpu_request == "250m"
    assert cpu.edit.hasFocus() and cpu.edit.text() == "250m"
    assert cpu.edit.cursorPosition() == len("250m")
