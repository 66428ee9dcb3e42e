"""A person sets the run's DNS configuration (kfp 1 ``PipelineConf.set_dns_config``) in the
pipeline form's Run settings with the mouse and keys: a bad nameserver or option shows the
rule and changes nothing, each good line is one undo step, the kfp 1 YAML is what kfp 1.8.9
compiles from the same configuration written in Python, kfp 2 refuses it with words (it has
no DNS configuration), and a local run says it applies on the cluster."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from designer.compiler import compile_pipeline  # noqa: E402
from designer.ir import InputError  # noqa: E402
from designer.ir.settings import DnsConfig, DnsOption  # noqa: E402
from designer.model.document import snapshot  # noqa: E402
from designer.runner.local_settings import conf_cluster_only  # noqa: E402
from tests.ui.test_task_settings_gui import (  # noqa: E402,F401 (tutorial: a fixture)
    tutorial)
from tests.ui.test_pod_affinity_gui import same_as_kfp1  # noqa: E402

KFP1 = """    from kfp import dsl
    from kubernetes.client import V1PodDNSConfig, V1PodDNSConfigOption
    dsl.get_pipeline_conf().set_dns_config(V1PodDNSConfig(
        nameservers=["1.2.3.4", "10.0.0.10"], searches=["ml.svc.cluster.local"],
        options=[V1PodDNSConfigOption(name="ndots", value="2"),
                 V1PodDNSConfigOption(name="edns0")]))
"""


def type_line(qtbot, form, key: str, text: str) -> None:
    line = form.conf_fields[key].edit
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_dns_config_in_the_pipeline_run_settings(qtbot, tutorial, kfp1_python):
    doc = tutorial.document
    tutorial.panes.docks["pipeline"].raise_()
    form = tutorial.panes.form
    qtbot.mouseClick(form.conf_section.header, Qt.MouseButton.LeftButton)
    assert form.conf_section.body.isVisible()
    before, count = snapshot(doc), doc.undo_stack.count()
    type_line(qtbot, form, "dns_nameservers", "1.2.3.4, dns.example")
    assert form.conf_fields["dns_nameservers"].error.text() == (
        "“dns.example” is not an IP address: give each nameserver by its address, e.g. 1.2.3.4")
    type_line(qtbot, form, "dns_nameservers", "1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4")
    assert form.conf_fields["dns_nameservers"].error.text() == (
        "Kubernetes takes at most 3 nameservers")
    type_line(qtbot, form, "dns_options", "=2")
    assert form.conf_fields["dns_options"].error.text().startswith("“=2”: write name or")
    assert snapshot(doc) == before and doc.undo_stack.count() == count
    type_line(qtbot, form, "dns_nameservers", "1.2.3.4, 10.0.0.10")
    type_line(qtbot, form, "dns_searches", "ml.svc.cluster.local")
    type_line(qtbot, form, "dns_options", "ndots=2, edns0")
    assert doc.undo_stack.count() == count + 3
    assert doc.pipeline.conf.dns_config == DnsConfig(
        ("1.2.3.4", "10.0.0.10"), ("ml.svc.cluster.local",),
        (DnsOption("ndots", "2"), DnsOption("edns0")))
    same_as_kfp1(kfp1_python, doc, KFP1)
    with pytest.raises(InputError, match="uses a DNS configuration, which kfp 2.17.3 does "
                                         "not have"):
        compile_pipeline(doc.pipeline, "v2")
    assert conf_cluster_only(doc.pipeline) == ["dns_config"]
    # clearing every line leaves no configuration (kfp writes no dnsConfig)
    for key in ("dns_nameservers", "dns_searches", "dns_options"):
        type_line(qtbot, form, key, "")
    assert doc.pipeline.conf.dns_config is None
    for _ in range(6):
        doc.undo_stack.undo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: form.conf_fields["dns_nameservers"].edit.text() == "")
