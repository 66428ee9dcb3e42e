# kfp v1 call semantics the importer reproduces; test_kfp_python_oracles.py checks the
# imported tasks against the tasks kfp 1.8.9 builds when it runs this pipeline.
from typing import NamedTuple

import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func

LABEL = "module constant"


@create_component_from_func
def pair(numberA: int, b: int = 3, *, c: int) -> NamedTuple("Outputs", [("Sum", int), ("prod", int)]):
    return (numberA + b + c, numberA * b * c)


@create_component_from_func
def show(value: int, label: str = "v"):
    print(label, value)


@create_component_from_func
def echo(value: str) -> str:
    return value


@dsl.pipeline(name="semantics-v1")
def semantics_v1(n: int = 2, text: str = "hi"):
    p = pair(n, 5)                      # positional: required inputs first (numberA, c)
    show(p.outputs["sum"])              # the pythonic alias of "Sum"
    show(value=pair(1, c=2).outputs["prod"], label=None).after(p)  # None: not given
    x = show(p.outputs["Sum"], LABEL)
    x.after(p)
    e = echo(text)
    echo(e.outputs["output"]).after(x, p)
    echo(echo(e.output).output)         # the inline call becomes a task first
    pair(numbera=p.outputs["prod"], c=n, b=7)  # the pythonic input name
    show(0)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(semantics_v1, sys.argv[1])
