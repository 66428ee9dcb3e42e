# A sub-pipeline's output in a condition, in a OneOf of If/Else branches, and its artifact
# output Collected from a loop.
from typing import List

from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Output


@dsl.component
def coin() -> str:
    return "heads"


@dsl.component
def echo(text: str) -> str:
    return text


@dsl.component
def write(text: str, out: Output[Dataset]):
    with open(out.path, "w") as f:
        f.write(text)


@dsl.component
def count(files: Input[List[Dataset]]) -> int:
    return len(files)


@dsl.pipeline
def flip() -> str:
    return coin().output


@dsl.pipeline
def save(text: str) -> Dataset:
    return write(text=text).outputs["out"]


@dsl.pipeline(name="conditions")
def conditions() -> str:
    f = flip()
    with dsl.If(f.output == "heads"):
        h = echo(text="yes")
    with dsl.Else():
        t = flip()
    chosen = echo(text=dsl.OneOf(h.output, t.output))
    with dsl.ParallelFor(["a", "b"]) as item:
        s = save(text=item)
    count(files=dsl.Collected(s.output))
    return chosen.output


if __name__ == "__main__":
    compiler.Compiler().compile(conditions, "conditions.yaml")
