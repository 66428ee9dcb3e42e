"""The compilers' public ``task_names`` (used by the previews to find tasks in the YAML) give
exactly the names the compiled YAML holds, also when the document order is not kfp's
creation order."""
from __future__ import annotations

import pytest
import yaml

from designer.compiler import compile_pipeline, v1, v2
from designer.ir import Component, Constant, InputError, OutputRef, Pipeline, Task

SOURCE = "def print_and_return_number(number: int) -> int:\n    return number\n"


def _pipeline() -> Pipeline:
    comp = Component.from_source(SOURCE, id="c")
    other = Component.from_source("def _2nd_step(number: int):\n    print(number)\n", id="d")
    # Listed first, but fed by t2: kfp creates it after t1 and t2 (the -3 goes to it).
    return Pipeline("names", components=[comp, other], tasks=[
        Task("t0", "late", "c", {"number": OutputRef("t2", "Output")}),
        Task("t1", "first", "c", {"number": Constant(1)}),
        Task("t2", "second", "c", {"number": Constant(2)}),
        Task("t3", "step", "d", {"number": OutputRef("t0", "Output")}),
    ])


def test_v1_names_are_the_op_names_of_the_workflow():
    p = _pipeline()
    names = v1.task_names(p)
    assert names == {"t1": "print-and-return-number", "t2": "print-and-return-number-2",
                     "t0": "print-and-return-number-3", "t3": "n2nd-step"}
    spec = yaml.safe_load(compile_pipeline(p, "v1", compile_time="t"))["spec"]
    dag = next(t for t in spec["templates"] if t["name"] == spec["entrypoint"])["dag"]["tasks"]
    deps = {t["name"]: t.get("dependencies", []) for t in dag}
    assert deps[names["t0"]] == [names["t2"]] and deps[names["t3"]] == [names["t0"]]


def test_v2_names_are_the_dag_task_names():
    p = _pipeline()
    names = v2.task_names(p)
    assert names == {"t1": "print-and-return-number", "t2": "print-and-return-number-2",
                     "t0": "print-and-return-number-3", "t3": "2nd-step"}
    tasks = yaml.safe_load(compile_pipeline(p, "v2"))["root"]["dag"]["tasks"]
    assert tasks[names["t0"]]["dependentTasks"] == [names["t2"]]
    assert tasks[names["t3"]]["dependentTasks"] == [names["t0"]]


@pytest.mark.parametrize("module", [v1, v2])
def test_a_cycle_is_an_input_error(module):
    p = _pipeline()
    p.tasks[1].after.append("t3")  # t1 -> t2 -> t0 -> t3 -> t1
    p.tasks[2].after.append("t1")
    with pytest.raises(InputError, match="cycle"):
        module.task_names(p)
