# kfp 2 loops: ParallelFor over a literal list (with parallelism), over a list of dicts read
# field by field, over a pipeline parameter and over a task output, nested loops (one over
# an outer item's field), outer values read inside, and dsl.Collected fanning a loop's
# parameter and artifact outputs back in.
from typing import List

from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Output


@dsl.component
def make_list(n: int) -> List[int]:
    return list(range(n))


@dsl.component
def show(text: str, number: int = 0) -> int:
    print(text, number)
    return number


@dsl.component
def write(number: int, data: Output[Dataset]):
    with open(data.path, "w") as f:
        f.write(str(number))


@dsl.component
def total(numbers: List[int]) -> int:
    return sum(numbers)


@dsl.component
def merge(datasets: Input[List[Dataset]]) -> int:
    return len(datasets)


@dsl.pipeline(name="loops")
def loops(items: List[str] = ["a", "b"], prefix: str = "p", n: int = 3):
    made = make_list(n=n)
    with dsl.ParallelFor([1, 2, 3], parallelism=2) as value:
        shown = show(text=prefix, number=value)
    # kfp types every field by the first dict's first value: keep them all strings.
    with dsl.ParallelFor([{"a": "x", "b": "one"}, {"a": "y", "b": "two"}]) as item:
        show(text=item.b)
        show(text=item.a, number=n)
    with dsl.ParallelFor(items) as it:
        show(text=it, number=n)
        with dsl.ParallelFor(made.output) as m:
            written = write(number=m)
    with dsl.ParallelFor(made.output, parallelism=1) as m2:
        show(text=prefix, number=m2)
    total(numbers=dsl.Collected(shown.output))
    merge(datasets=dsl.Collected(written.outputs["data"]))


if __name__ == "__main__":
    compiler.Compiler().compile(loops, "pipeline.yaml")
