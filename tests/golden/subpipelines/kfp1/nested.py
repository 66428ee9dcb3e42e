# ../nested.py in kfp 1.8.9's DSL: a pipeline function called in another runs its ops there.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


def add(a: int, b: int = 1) -> int:
    return a + b


def show(text: str):
    print(text)


add_op = create_component_from_func(add)
show_op = create_component_from_func(show)


@dsl.pipeline(name="inner")
def inner(x: int, step: int = 10):
    first = add_op(x, step)
    return add_op(first.output)


@dsl.pipeline(name="middle")
def middle(x: int):
    return inner(x, 100)


@dsl.pipeline(name="nested")
def nested(n: int = 1):
    start = show_op("go")
    one = inner(n)
    two = middle(one.output)
    add_op(one.output, two.output).after(start)
    with dsl.Condition(n == 1):
        inner(two.output)
    with dsl.ParallelFor([1, 2]) as item:
        middle(item)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(nested, sys.argv[1])
