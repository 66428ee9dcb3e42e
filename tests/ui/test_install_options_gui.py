"""A person sets kfp 2's install options of the tutorial's sum component in the Properties
pane, with the mouse and keys: each field is one undo step; the kfp 2 YAML installs from the
package indexes and runs the target image, as kfp 2.17.3 writes them (the feature pipeline
tests/golden/features_v2/install_options.py proves the bytes); kfp 1 refuses them, naming
the component; undo gives back the YAML before."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import yaml  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402

from tests.ui.test_panes_properties import retype  # noqa: E402  (click, select all, type)
from tests.ui.test_task_settings_gui import tutorial  # noqa: E402,F401  (a fixture)


@pytest.fixture
def pane(tutorial, qtbot):
    """The Properties pane of the tutorial's sum task (``tutorial`` selects it)."""
    pane = tutorial.panes.properties
    qtbot.waitUntil(lambda: pane.option_edits["target_image"].isVisible())
    return pane


def _executor(doc) -> dict:
    spec = yaml.safe_load(compile_pipeline(doc.pipeline, "v2"))
    return spec["deploymentSpec"]["executors"]["exec-sum-and-print-numbers"]["container"]


def test_install_options_are_undoable_steps_that_reach_the_kfp_2_yaml(qtbot, window, pane):
    doc = window.document
    comp = doc.pipeline.component(doc.pipeline.task("sum_result").component_id)
    before = compile_pipeline(doc.pipeline, "v2")
    steps = doc.undo_stack.count()
    edits = pane.option_edits
    for edit in edits.values():
        pane._scroll.ensureWidgetVisible(edit)
    retype(qtbot, edits["pip_index_urls"], "https://pypi.org/simple, https://mirror.example/s")
    assert comp.pip_index_urls == ["https://pypi.org/simple", "https://mirror.example/s"]
    assert doc.undo_stack.count() == steps + 1
    install = _executor(doc)["command"][2]
    assert "--index-url https://pypi.org/simple --extra-index-url https://mirror.example/s " \
           "--trusted-host https://pypi.org/simple --trusted-host https://mirror.example/s " \
           "'kfp==2.17.3'" in install
    retype(qtbot, edits["target_image"], "registry.example/sum:v1")
    assert comp.target_image == "registry.example/sum:v1"
    assert doc.undo_stack.count() == steps + 2
    container = _executor(doc)
    assert container["image"] == "registry.example/sum:v1"
    assert container["command"] == ["python3", "-m", "kfp.dsl.executor_main"]
    with pytest.raises(InputError, match="component `sum_and_print_numbers` uses pip index "
                                         "URLs, which kfp 1 does not have"):
        compile_pipeline(doc.pipeline, "v1")

    doc.undo_stack.undo()
    assert comp.target_image is None and edits["target_image"].text() == ""
    doc.undo_stack.undo()
    assert comp.pip_index_urls == [] and edits["pip_index_urls"].text() == ""
    assert compile_pipeline(doc.pipeline, "v2") == before
    retype(qtbot, edits["kfp_package_path"], "kfp==2.16.0")
    assert comp.kfp_package_path == "kfp==2.16.0"
    assert "'kfp==2.16.0' && " in _executor(doc)["command"][2]
    retype(qtbot, edits["kfp_package_path"], "./dist/kfp.whl")     # kfp's --no-deps guess
    with pytest.raises(InputError, match="names a local file"):
        compile_pipeline(doc.pipeline, "v2")
