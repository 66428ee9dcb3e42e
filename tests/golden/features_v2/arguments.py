# kfp 2 arguments that are expressions: f-strings over parameters, task outputs and loop
# items (kfp writes each as a constant with placeholders, the values as extra
# pipelinechannel inputs), run placeholders, constants of every type, and an expression
# reading a value from outside its loop.
from typing import List

from kfp import compiler, dsl


@dsl.component
def echo(text: str) -> str:
    print(text)
    return text


@dsl.component
def take(n: int, ratio: float, on: bool, items: List[int], table: dict) -> str:
    return str(n)


@dsl.pipeline(name="arguments")
def arguments(name: str = "world", count: int = 2):
    hello = echo(text=f"hello {name}, {count} times")
    echo(text=f"{hello.output}/{name}/{hello.output}")
    echo(text=dsl.PIPELINE_JOB_NAME_PLACEHOLDER)
    echo(text=f"run {dsl.PIPELINE_JOB_ID_PLACEHOLDER} task {dsl.PIPELINE_TASK_NAME_PLACEHOLDER}")
    echo(text=f"at {dsl.PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER} in {dsl.PIPELINE_ROOT_PLACEHOLDER}")
    take(n=3, ratio=0.5, on=True, items=[1, 2], table={"a": [1, {"b": 2.5}], "c": "d"})
    with dsl.ParallelFor(["x", "y"]) as item:
        echo(text=f"{item}-{name}-{hello.output}")


if __name__ == "__main__":
    compiler.Compiler().compile(arguments, "pipeline.yaml")
