"""Shared builders for the pane tests (tests/ui/test_panes_*.py)."""
from __future__ import annotations

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task

PRINT_AND_RETURN = '''def print_and_return_number(number: int) -> int:
    print(number)
    return number
'''

SUM_AND_PRINT = '''def sum_and_print_numbers(number_1: int, number_2: int):
    print(number_1 + number_2)
'''


def example_pipeline() -> Pipeline:
    """The tutorial's example pipeline (shared/reference/example_pipeline.py) as IR."""
    par = Component.from_source(PRINT_AND_RETURN, id="c_par")
    sap = Component.from_source(SUM_AND_PRINT, id="c_sap")
    return Pipeline(
        name="example_pipeline",
        params=[PipelineParam("number_1", "int"), PipelineParam("number_2", "int")],
        components=[par, sap],
        tasks=[
            Task("t1", "number_1_result", par.id, {"number": ParamRef("number_1")}),
            Task("t2", "number_2_result", par.id, {"number": ParamRef("number_2")}),
            Task("t3", "sum_result", sap.id, {"number_1": OutputRef("t1", "Output"),
                                              "number_2": OutputRef("t2", "Output")}),
        ],
    )


def typed_pipeline() -> Pipeline:
    """One task whose component takes one input of every kind, some with defaults."""
    src = '''def configure(count: int, rate: float = 0.5, label: str = "x", enabled: bool = True,
              items: list = [], options: dict = {}, anything=None) -> str:
    return label
'''
    comp = Component.from_source(src, id="c_conf")
    return Pipeline(name="typed", components=[comp],
                    tasks=[Task("t1", "configure", comp.id, {"count": Constant(3)}),
                           Task("t2", "configure_2", comp.id, {"count": Constant(1)})])
