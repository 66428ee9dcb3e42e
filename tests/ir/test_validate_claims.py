"""A CreatePVC step given both a claim name and a name suffix compiles (kfp-kubernetes takes
it) but fails on the cluster: the designer warns at the task."""
from __future__ import annotations

from designer.ir import Constant, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.validate import Code, validate
from designer.ir.volumes import kubernetes_step


def _pipeline(**args) -> Pipeline:
    step = kubernetes_step("create")
    base = {"access_modes": Constant(["ReadWriteOnce"]), "size": Constant("1Gi")}
    return Pipeline("p", params=[PipelineParam("n", "str", "x", True)], components=[step],
                    tasks=[Task("t", "claim", step.id, {**base, **args})])


def test_both_claim_names_warn_at_the_task() -> None:
    found = [d for d in validate(_pipeline(pvc_name=ParamRef("n"),
                                           pvc_name_suffix=Constant("-s")))
             if d.code == Code.CLAIM_NAMES]
    assert [(d.severity, d.task_id, d.field) for d in found] == [
        ("warning", "t", "pvc_name_suffix")]
    assert "both pvc_name and pvc_name_suffix" in found[0].message


def test_one_name_or_an_empty_one_is_fine() -> None:
    for args in ({"pvc_name": Constant("a")}, {"pvc_name_suffix": Constant("-s")},
                 {"pvc_name": Constant(""), "pvc_name_suffix": Constant("-s")}, {}):
        assert not [d for d in validate(_pipeline(**args)) if d.code == Code.CLAIM_NAMES]
