# Numeric edge cases as constants and defaults: negatives, zero, big ints, tiny and
# whole-valued floats.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def pair(i: int, f: float) -> str:
    return "{} {}".format(i, f)


@dsl.pipeline(name="numbers-edge")
def numbers_edge(big: int = 12345678901234567890, tiny: float = 1e-10, whole: float = 3.0,
                 negative: int = -1):
    pair(i=big, f=tiny)
    pair(i=negative, f=whole)
    pair(i=0, f=0.0)
    pair(i=-42, f=-2.5)
    pair(i=1000, f=1e100)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(numbers_edge, sys.argv[1])
