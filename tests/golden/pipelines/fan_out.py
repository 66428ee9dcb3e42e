# Fan-out: one producer, several consumers of the same output.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def load_number(seed: int) -> float:
    return seed * 1.5


@create_component_from_func
def square(x: float) -> float:
    return x * x


@create_component_from_func
def negate(x: float) -> float:
    return -x


@create_component_from_func
def halve(x: float) -> float:
    return x / 2


@dsl.pipeline(name="fan-out", description="One value, three independent consumers.")
def fan_out(seed: int = 4):
    source = load_number(seed=seed)
    square(x=source.output)
    negate(x=source.output)
    halve(x=source.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(fan_out, sys.argv[1])
