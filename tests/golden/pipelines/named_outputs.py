# NamedTuple return: a component with several named outputs, each consumed with
# `.outputs['name']` by a different downstream task.
import sys
from typing import NamedTuple

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def divide(dividend: int, divisor: int) -> NamedTuple("Outputs", [("quotient", int), ("remainder", int)]):
    from collections import namedtuple
    result = namedtuple("Outputs", ["quotient", "remainder"])
    return result(dividend // divisor, dividend % divisor)


@create_component_from_func
def stats(values: list) -> NamedTuple("Stats", [("mean", float), ("max_value", float), ("summary", str)]):
    mean = sum(values) / len(values)
    top = max(values)
    return (mean, top, "mean={} max={}".format(mean, top))


@create_component_from_func
def report(label: str, value: int):
    print(label, value)


@create_component_from_func
def report_float(label: str, value: float):
    print(label, value)


@dsl.pipeline(name="named-outputs")
def named_outputs(dividend: int = 17, divisor: int = 5):
    division = divide(dividend=dividend, divisor=divisor)
    report(label="quotient", value=division.outputs["quotient"])
    report(label="remainder", value=division.outputs["remainder"])
    summary = stats(values=[1.0, 4.0, 2.5])
    report_float(label="mean", value=summary.outputs["mean"])
    report_float(label="max", value=summary.outputs["max_value"])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(named_outputs, sys.argv[1])
