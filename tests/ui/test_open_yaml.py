"""File ▸ Open on compiled pipeline YAML: the tasks on the canvas in data-flow layers, and
what kfp would write otherwise in the status bar."""
from __future__ import annotations

from pathlib import Path

from designer.persist import param_key

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.yaml"


def _open_with_the_menu(window, dialogs_script, path: Path) -> None:
    dialogs_script.open_paths.append(str(path))
    window.act_open.trigger()                        # File ▸ Open…, its dialog scripted


def test_open_compiled_yaml_shows_the_tutorial_laid_out(make_window, dialogs_script, qtbot):
    window = make_window()
    checked = []
    window.files.yaml_checked.connect(lambda: checked.append(True))
    _open_with_the_menu(window, dialogs_script, REFERENCE)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == 5)
    p = window.document.pipeline
    assert sorted(t.name for t in p.tasks) == ["print_and_return_number",
                                               "print_and_return_number_2",
                                               "sum_and_print_numbers"]
    assert [prm.name for prm in p.params] == ["number_1", "number_2"]
    assert len(window.scene.wires) == 4
    assert window.windowTitle().startswith("example_pipeline.yaml (imported)")
    assert "def print_and_return_number(number: int) -> int:" in {
        c.source.splitlines()[0] for c in p.components}
    # layers in data-flow order: parameters, then the two producers, then the sum
    x = {t.name: window.document.position(t.id)[0] for t in p.tasks}
    params_x = {window.document.position(param_key(n))[0] for n in ("number_1", "number_2")}
    assert max(params_x) < x["print_and_return_number"] == x["print_and_return_number_2"] \
        < x["sum_and_print_numbers"]
    qtbot.waitUntil(lambda: bool(checked))      # the re-compile check, after the canvas painted
    assert window.files.import_warnings == []
    assert "Opened example_pipeline.yaml." in window.statusBar().currentMessage()


def test_hand_edited_yaml_opens_with_its_differences_in_the_status_bar(
        make_window, dialogs_script, qtbot, tmp_path):
    edited = tmp_path / "edited.yaml"
    edited.write_text(REFERENCE.read_text().replace("1.8.9", "1.8.22"), encoding="utf-8")
    window = make_window()
    _open_with_the_menu(window, dialogs_script, edited)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == 5)
    qtbot.waitUntil(lambda: window.files.import_warnings != [])
    message = window.statusBar().currentMessage()
    assert "not exactly what kfp writes" in message and "1.8.22" in message, message
    assert "kfp_sdk_version" in window.statusBar().toolTip()
    assert dialogs_script.warnings == []


def test_yaml_that_cannot_be_read_says_where(make_window, dialogs_script, qtbot, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: Workflow\napiVersion: argoproj.io/v1alpha1\nspec: [\n")
    window = make_window()
    _open_with_the_menu(window, dialogs_script, bad)
    qtbot.waitUntil(lambda: len(dialogs_script.warnings) == 1)
    title, _text, details = dialogs_script.warnings[0]
    assert f"{bad}:4:" in details and "not valid YAML" in details
    assert window.document.pipeline.tasks == []


def test_open_a_v2_pipeline_spec(make_window, dialogs_script, qtbot):
    spec = REFERENCE.parents[2] / "golden" / "v2" / "example_pipeline.yaml"
    window = make_window()
    checked = []
    window.files.yaml_checked.connect(lambda: checked.append(True))
    _open_with_the_menu(window, dialogs_script, spec)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == 5 and bool(checked))
    assert len(window.scene.wires) == 4 and window.files.import_warnings == []
