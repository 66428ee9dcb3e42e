# kfp 2 control flow: If/Elif/Else chains (nested), the deprecated Condition, loops over
# literal lists, parameters and task outputs (nested, item fields, parallelism), Collected
# fan-in, OneOf joins, an exit handler, run placeholders and f-string arguments, and Python
# that builds tasks when kfp runs the function. Read by test_kfp_python_structure.py.
from typing import List

from kfp import dsl


@dsl.component
def roll() -> int:
    return 3


@dsl.component
def show(msg: str) -> str:
    return msg


@dsl.component
def total(values: List[int]) -> int:
    return sum(values)


@dsl.component
def double(n: int) -> int:
    return 2 * n


@dsl.component
def numbers(count: int) -> List[int]:
    return list(range(count))


@dsl.component
def announce(text: str, status: dsl.PipelineTaskFinalStatus):
    print(text, status)


def fan(prefix: str, count: int):
    return [show(msg=f"{prefix}{i}") for i in range(count)]


@dsl.pipeline(name="flow-v2")
def flow(limit: int = 4, words: List[str] = ["a", "b"]) -> str:
    bye = announce(text=dsl.PIPELINE_JOB_NAME_PLACEHOLDER)
    with dsl.ExitHandler(bye, name="cleanup"):
        r = roll()
        with dsl.If(r.output > limit, name="big"):
            big = show(msg="big")
            with dsl.Condition(limit == 4):
                show(msg="nested")
        with dsl.Elif(r.output == 2):
            mid = show(msg=f"two of {limit}")
        with dsl.Else():
            small = show(msg="small")
        joined = dsl.OneOf(big.output, mid.output, small.output)
        show(msg=joined)
        with dsl.ParallelFor(items=[{"n": 1, "w": "x"}, {"n": 2, "w": "y"}], parallelism=3) as it:
            d = double(n=it.n)
            with dsl.ParallelFor(words) as w:
                show(msg=f"{it.w}-{w}")
                with dsl.If(d.output < it.n):  # the loop item's class answers first
                    show(msg="smaller")
        total(values=dsl.Collected(d.output))
        fan("f", 2)
        with dsl.ParallelFor(items=numbers(count=limit).output) as x:
            double(n=x)
    a, b = fan("g", 2)
    b.after(a)
    return b.output
