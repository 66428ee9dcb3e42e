# A diamond: split into two branches that join again; the join depends on both.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def start(value: int) -> int:
    return value


@create_component_from_func
def double(value: int) -> int:
    return value * 2


@create_component_from_func
def triple(value: int) -> int:
    return value * 3


@create_component_from_func
def join(left: int, right: int) -> str:
    return "{} and {}".format(left, right)


@dsl.pipeline(name="diamond")
def diamond(value: int = 5):
    first = start(value=value)
    left = double(value=first.output)
    right = triple(value=first.output)
    join(left=left.output, right=right.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(diamond, sys.argv[1])
