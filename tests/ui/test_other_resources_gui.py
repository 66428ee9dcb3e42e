"""A person gives the tutorial's sum task other resources (kfp 1 ``add_resource_limit`` /
``add_resource_request``: ephemeral storage, TPU cores) in the Properties pane's Resources
section with the mouse and keys: a bad name or quantity shows the rule and changes nothing,
each line is one undo step, the kfp 1 YAML is what kfp 1.8.9 compiles from the same calls,
and kfp 2 refuses them with words."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.runner.local_settings import local_settings  # noqa: E402
from designer.ui.panes.task_settings import settings_summary  # noqa: E402
from tests.ui.test_pod_affinity_gui import same_as_kfp1  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    editor_of, tutorial, type_into, unfold)

KFP1 = """    sum_result.container.set_cpu_limit("1")
    sum_result.container.add_resource_limit("ephemeral-storage", "10Gi")
    sum_result.container.add_resource_limit("cloud-tpus.google.com/v2", "8")
    sum_result.container.add_resource_request("ephemeral-storage", "2Gi")
"""


def test_other_resources_typed_in_the_resources_section(qtbot, tutorial, kfp1_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "resources")
    limits, requests = editor.fields["other_limits"], editor.fields["other_requests"]
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, limits.edit, "cpu=2")
    assert limits.error.text() == "“cpu” has its own field above (CPU, memory, accelerator)"
    type_into(qtbot, tutorial, limits.edit, "ephemeral-storage=lots")
    assert limits.error.text() == "“lots” is not a quantity (e.g. 10Gi, 8, 500m)"
    type_into(qtbot, tutorial, requests.edit, "Bad Name=1")
    assert requests.error.text().startswith("“Bad Name” is not a resource name")
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_into(qtbot, tutorial, editor.fields["cpu_limit"].edit, "1")
    type_into(qtbot, tutorial, limits.edit,
              "ephemeral-storage=10Gi, cloud-tpus.google.com/v2=8")
    type_into(qtbot, tutorial, requests.edit, "ephemeral-storage=2Gi")
    assert doc.undo_stack.count() == count + 3
    s = doc.task("sum_result").settings
    assert s.other_limits == {"ephemeral-storage": "10Gi", "cloud-tpus.google.com/v2": "8"}
    assert s.other_requests == {"ephemeral-storage": "2Gi"}
    assert "ephemeral-storage 10Gi" in "\n".join(settings_summary(s))
    same_as_kfp1(kfp1_python, doc, KFP1)
    with pytest.raises(InputError, match="uses limits of other resources \\(add_resource_limit"
                                         "\\), which kfp 2 does not have"):
        compile_pipeline(doc.pipeline, "v2")
    assert local_settings(doc.task("sum_result"), {}, {}).cluster_only == [
        "cpu_limit", "other_limits", "other_requests"]
    for _ in range(3):
        doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: limits.edit.text() == "")
