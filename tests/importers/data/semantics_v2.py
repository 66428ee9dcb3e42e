# kfp v2 call semantics the importer reproduces; test_kfp_python_oracles.py checks the
# imported tasks against the tasks kfp 2 builds when it runs this pipeline.
import sys
from typing import NamedTuple

from kfp import compiler, dsl


@dsl.component
def pair(a: int, b: int = 3) -> NamedTuple("Outputs", [("Sum", int), ("prod", int)]):
    return (a + b, a * b)


@dsl.component(base_image="python:3.11", packages_to_install=["numpy"])
def show(value: int, label: str = "v"):
    print(label, value)


@dsl.component
def single(a: int) -> NamedTuple("Outputs", [("only", int)]):
    return (a,)


@dsl.pipeline
def semantics_v2(n: int = 2):
    """Short description.

    A longer description
    on two lines.

    Args:
        n: a number.
    """
    p = pair(a=n, b=5)
    show(value=p.outputs["Sum"])
    show(value=pair(a=1).outputs["prod"], label="q").after(p)
    s = single(a=p.outputs["prod"])
    show(value=s.output, label="single").after(s, p)


if __name__ == "__main__":
    compiler.Compiler().compile(semantics_v2, sys.argv[1])
