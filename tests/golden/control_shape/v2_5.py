from typing import List

from kfp import dsl


@dsl.component
def step(text: str, n: int = 0) -> int:
    print(text, n)
    return n + len(text)


@dsl.component
def total(numbers: List[int]) -> int:
    return sum(numbers)


@dsl.pipeline(name="control-5")
def control_v2_5(x: int = 3, items: List[str] = ["a", "bb"]):
    with dsl.If(x > 0):
        first_0 = step(text='unit 0')
        with dsl.ParallelFor(items, parallelism=2) as it:
            a_0 = step(text=it, n=0)
            with dsl.If(a_0.output > 1):
                with dsl.ParallelFor([1, 2, 3]) as j:
                    step(text=it, n=j).after(first_0)
            with dsl.Else():
                step(text='small')
        total(numbers=dsl.Collected(a_0.output))


if __name__ == "__main__":
    import sys

    from kfp import compiler
    compiler.Compiler().compile(control_v2_5, sys.argv[1] if len(sys.argv) > 1 else "control_v2_5.yaml")
