# kfp 2 refuses dsl.Collected of a task that is not inside a ParallelFor.
from typing import List

from kfp import compiler, dsl


@dsl.component
def one() -> int:
    return 1


@dsl.component
def total(numbers: List[int]) -> int:
    return sum(numbers)


@dsl.pipeline(name="collected-outside-loop")
def p():
    t = one()
    total(numbers=dsl.Collected(t.output))


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
