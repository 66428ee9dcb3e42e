# The older `func_to_container_op`, as a decorator and as a call with a base image.
import sys

import kfp
from kfp import dsl
from kfp.components import func_to_container_op


@func_to_container_op
def add(a: float, b: float) -> float:
    return a + b


def multiply(a: float, b: float) -> float:
    return a * b


multiply_op = func_to_container_op(multiply, base_image="python:3.8")


@dsl.pipeline(name="func-to-container-op")
def func_to_container_op_pipeline(a: float = 1.5, b: float = 2.0):
    total = add(a=a, b=b)
    multiply_op(a=total.output, b=b)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(func_to_container_op_pipeline, sys.argv[1])
