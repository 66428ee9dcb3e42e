# A sub-pipeline in a ParallelFor and in a condition, its outputs Collected after the loop.
from typing import List

from kfp import compiler, dsl


@dsl.component
def double(n: int) -> int:
    return 2 * n


@dsl.component
def total(numbers: List[int]) -> int:
    return sum(numbers)


@dsl.pipeline
def doubled(n: int) -> int:
    return double(n=n).output


@dsl.pipeline(name="loop-collected")
def loop_collected(limit: int = 5):
    with dsl.ParallelFor([1, 2, 3]) as item:
        d = doubled(n=item)
    s = total(numbers=dsl.Collected(d.output))
    with dsl.If(s.output > limit):
        doubled(n=s.output)


if __name__ == "__main__":
    compiler.Compiler().compile(loop_collected, "loop_collected.yaml")
