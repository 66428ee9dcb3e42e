# kfp 2 refuses a condition comparing a list.
from typing import List

from kfp import compiler, dsl


@dsl.component
def one(x: int) -> int:
    return x


@dsl.pipeline(name="condition-on-list")
def p(items: List[int] = [1]):
    with dsl.If(items == [1]):
        one(x=1)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
