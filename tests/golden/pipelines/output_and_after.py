# A data edge and an `.after()` on the same upstream count once; `.after()` on a task that
# is also an ancestor through data is kept as written.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def produce() -> int:
    return 1


@create_component_from_func
def consume(value: int) -> int:
    return value + 1


@create_component_from_func
def cleanup():
    print("cleanup")


@dsl.pipeline(name="output-and-after")
def output_and_after():
    first = produce()
    second = consume(value=first.output)
    second.after(first)
    last = cleanup()
    last.after(second)
    last.after(first)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(output_and_after, sys.argv[1])
