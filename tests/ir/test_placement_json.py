"""The rules of placement written as JSON and of an ephemeral claim's access modes
(Qt-free): what kfp-kubernetes and Kubernetes would refuse is refused with their words,
and what the pane shows reads back as the same value."""
from __future__ import annotations

import pytest

from designer.ir.claim_rules import access_modes_problem, modes_editable, toggled_modes
from designer.ir.placement_json import (
    format_json,
    format_tolerations,
    read_node_affinity,
    read_node_selector,
    read_tolerations,
)
from designer.ir.settings import Toleration
from designer.ir.settings_rules import RuleError


def refusal(read, text: str) -> str:
    with pytest.raises(RuleError) as e:
        read(text)
    return str(e.value)


def test_json_syntax_and_kfp_refusals_say_where_and_why():
    assert refusal(read_node_selector, "{'a': 'b'}") == (
        "Not JSON: Expecting property name enclosed in double quotes (line 1, column 2)")
    assert refusal(read_node_selector, '["a"]').startswith("Write a JSON object in braces")
    assert refusal(read_node_selector, '{"a": NaN}') == \
        "Not JSON: NaN is not a number JSON can hold"
    assert "Got: \"None\"" in refusal(read_node_affinity, '{"%s": null}' % (
        "requiredDuringSchedulingIgnoredDuringExecution"))
    # kfp's V1NodeAffinity check names the argument the way Python does.
    assert refusal(read_node_affinity, '{"nodeSelectorTerms": []}') == (
        "kfp 2.17.3 refuses it: Invalid V1NodeAffinity JSON: V1NodeAffinity.__init__() got "
        "an unexpected keyword argument 'node_selector_terms'")
    # kfp takes the Python spelling, the cluster would not: refused, with the right name.
    assert refusal(read_node_affinity,
                   '{"required_during_scheduling_ignored_during_execution": {}}').startswith(
        "“required_during_scheduling_ignored_during_execution”: write Kubernetes' name "
        "requiredDuringSchedulingIgnoredDuringExecution")
    assert refusal(read_node_affinity, '{"requiredDuringSchedulingIgnoredDuringExecution": '
                   '{"nodeSelectorTerms": [{"matchFields": [{"key": "k", "operator": "In", '
                   '"values": [1]}]}]}}') == (
        "requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]"
        '.values: Kubernetes expects ["…", "…"] here')


def test_tolerations_read_as_add_toleration_json_does():
    assert read_tolerations('{"key": "gpu", "operator": "Exists"}') == (
        Toleration("gpu", "Exists"),)
    assert refusal(read_tolerations, '{"key": "gpu", "effect": "NoRun"}') == (
        "toleration.effect: “NoRun” is not one of NoSchedule, PreferNoSchedule, NoExecute")
    assert refusal(read_tolerations, '[{"key": "a", "operator": "Exists", "value": "x"}]') == (
        "[0]: with operator Exists the value must be empty (Kubernetes)")
    assert refusal(read_tolerations, '[{"key": "a", "toleration_seconds": "30"}]') == (
        "[0].toleration_seconds: write a whole number of seconds")
    tolerations = (Toleration(None, "Exists", None, "NoExecute", 0),
                   Toleration("gpu", "Equal", "", "NoSchedule"))
    assert read_tolerations(format_tolerations(tolerations)) == tolerations


def test_json_shown_reads_back_the_same():
    for value in ({"disktype": "ssd"}, {"a" * 20: "b" * 20, "c": "d"}):
        assert read_node_selector(format_json(value)) == value


def test_access_modes():
    assert access_modes_problem(()) is not None
    assert access_modes_problem(("ReadWriteOncePod", "ReadOnlyMany")) is not None
    assert access_modes_problem(("ReadWriteOnce", "ReadOnlyMany")) is None
    assert not modes_editable(("ReadWriteOnce", "ReadWriteOnce"))
    assert not modes_editable(("Shared",))
    # Kept modes keep their order; new ones follow in the boxes' order.
    assert toggled_modes(("ReadWriteMany", "ReadWriteOnce"),
                         {"ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany"}) == (
        "ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany")
