import graphlib

import pytest

from designer.ir import (Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task,
                         validate)

PRINT = "def print_and_return_number(number: int) -> int:\n    print(number)\n    return number\n"
SUM = "def sum_and_print_numbers(number_1: int, number_2: int):\n    print(number_1 + number_2)\n"


def seed() -> Pipeline:
    c1, c2 = Component.from_source(PRINT, id="c1"), Component.from_source(SUM, id="c2")
    return Pipeline("example_pipeline", params=[PipelineParam("number_1", "int"),
                                                PipelineParam("number_2", "int")],
                    components=[c1, c2], tasks=[
                        Task("t1", "number_1_result", "c1", {"number": ParamRef("number_1")}),
                        Task("t2", "number_2_result", "c1", {"number": ParamRef("number_2")}),
                        Task("t3", "sum_result", "c2", {"number_1": OutputRef("t1", "Output"),
                                                        "number_2": OutputRef("t2", "Output")})])


def messages(p):
    return [d.message for d in validate(p)]


def test_seed_is_clean():
    assert validate(seed()) == []


def test_topological_order_keeps_document_order_for_ties():
    p = seed()
    p.tasks.reverse()
    assert [t.id for t in p.topological_tasks()] == ["t2", "t1", "t3"]


def test_topological_order_of_an_ordered_list_is_that_list():
    p = seed()
    assert p.topological_tasks() == p.tasks      # (no sorter needed)
    p.tasks[0].after.append(p.tasks[0].id)       # a task after itself is still a cycle
    with pytest.raises(graphlib.CycleError):
        p.topological_tasks()


def test_missing_required_input():
    p = seed()
    del p.tasks[2].arguments["number_2"]
    assert messages(p) == ["Task `sum_result`: required input `number_2` has no value."]


def test_type_mismatch_between_output_and_input():
    p = seed()
    p.components[0] = Component.from_source(PRINT.replace("-> int", "-> str"), id="c1")
    msgs = messages(p)
    assert len(msgs) == 2 and all("expects int" in m and "is str" in m for m in msgs)


def test_wrong_constant_and_unknown_references():
    p = seed()
    p.tasks[0].arguments["number"] = Constant("seven")
    p.tasks[1].arguments["number"] = ParamRef("nope")
    p.tasks[2].arguments["number_1"] = OutputRef("t9", "Output")
    p.tasks[2].arguments["bogus"] = Constant(1)
    msgs = messages(p)
    assert any("expects int, not 'seven'" in m for m in msgs)
    assert any("parameter `nope` does not exist" in m for m in msgs)
    assert any("a task that does not exist" in m for m in msgs)
    assert any("has no such input" in m for m in msgs)


def test_cycle_is_reported_with_names():
    p = seed()
    p.tasks[0].after.append("t3")
    msgs = messages(p)
    assert any(m.startswith("The tasks form a cycle:") and "sum_result" in m for m in msgs)
    with pytest.raises(graphlib.CycleError):
        p.topological_tasks()


def test_invalid_and_duplicate_names():
    p = seed()
    p.tasks[1].name = "number_1_result"
    p.tasks[2].name = "2bad"
    p.params.append(PipelineParam("number_1", "int"))
    msgs = messages(p)
    assert "Two tasks are named `number_1_result`." in msgs
    assert "Task name `2bad` is not a valid Python identifier." in msgs
    assert "Parameter `number_1` is declared twice." in msgs


def test_broken_source_is_an_error_with_line():
    p = seed()
    p.components[1].source = "def sum_and_print_numbers(number_1: int,\n    oops\n"
    (d,) = [d for d in validate(p) if d.component_id == "c2"]
    assert d.line is not None and "syntax error" in d.message


def test_unused_parameter_is_a_warning():
    p = seed()
    p.params.append(PipelineParam("spare", "str", "x", True))
    (d,) = validate(p)
    assert d.severity == "warning" and "spare" in d.message


def test_unique_task_name():
    p = seed()
    assert p.unique_task_name("sum_result") == "sum_result_2"
    assert p.unique_task_name("fresh") == "fresh"


def test_v1_only_type_difference_is_a_warning():
    p = seed()
    p.components[0] = Component.from_source(PRINT.replace("-> int", "-> list"), id="c1")
    p.components[1] = Component.from_source(SUM.replace("number_2: int", "number_2: List[int]")
                                             .replace("number_1: int", "number_1: list"), id="c2")
    p.params = []
    for t in p.tasks[:2]:
        t.arguments["number"] = Constant(1)
    (d,) = validate(p)
    assert d.severity == "warning" and "KFP v1 refuses list" in d.message


def test_parameter_without_default_after_one_with_default_warns():
    p = seed()
    p.params[0].has_default, p.params[0].default = True, 1
    (d,) = validate(p)
    assert d.severity == "warning" and d.param == "number_2" and "defaults last" in d.message
