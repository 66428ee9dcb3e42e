"""A person gives the tutorial's sum task sidecars (kfp 1 ``dsl.Sidecar``) in the Properties
pane's Kubernetes section with the mouse and keys: a bad line shows the rule and changes
nothing, a good one is one undo step, the kfp 1 YAML is what kfp 1.8.9 compiles from the
same ``add_sidecar`` calls, kfp 2 refuses them with words (a kfp 2 task runs one container),
and a local run says they apply on the cluster."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import Sidecar  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.runner.local_settings import local_settings  # noqa: E402
from designer.ui.panes.task_settings import settings_summary  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    editor_of, tutorial, type_into, unfold)
from tests.ui.test_pod_affinity_gui import same_as_kfp1  # noqa: E402

KFP1 = """    from kfp import dsl
    sum_result.add_sidecar(dsl.Sidecar(name="echo", image="nginx:1.13",
                                       command=["nginx", "-g", "daemon off;"]))
    sum_result.add_sidecar(dsl.Sidecar(name="talk", image="hashicorp/http-echo",
                                       args=['-text="hello world"']))
"""
TYPED = "echo=nginx:1.13 nginx -g 'daemon off;'; talk=hashicorp/http-echo -- '-text=\"hello world\"'"


def test_sidecars_typed_in_the_kubernetes_section(qtbot, tutorial, kfp1_python):
    doc = tutorial.document
    editor = editor_of(tutorial)
    unfold(qtbot, tutorial, "kubernetes")
    line = editor.fields["sidecars"]
    before, count = snapshot(doc), doc.undo_stack.count()
    type_into(qtbot, tutorial, line.edit, "nginx:1.13")
    assert line.error.text().startswith("“nginx:1.13”: write name=image, then the command")
    type_into(qtbot, tutorial, line.edit, "Echo=nginx")
    assert line.error.text().startswith("“Echo” is not a container name")
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_into(qtbot, tutorial, line.edit, TYPED)
    assert doc.undo_stack.count() == count + 1 and not line.error.isVisible()
    s = doc.task("sum_result").settings
    assert s.sidecars == (Sidecar("echo", "nginx:1.13", ("nginx", "-g", "daemon off;")),
                          Sidecar("talk", "hashicorp/http-echo", args=('-text="hello world"',)))
    assert "sidecars: echo (nginx:1.13), talk (hashicorp/http-echo)" in settings_summary(s)
    same_as_kfp1(kfp1_python, doc, KFP1)
    with pytest.raises(InputError, match="uses sidecars \\(dsl.Sidecar\\), which kfp 2 does "
                                         "not have"):
        compile_pipeline(doc.pipeline, "v2")
    assert local_settings(doc.task("sum_result"), {}, {}).cluster_only == ["sidecars"]
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: line.edit.text() == "")
