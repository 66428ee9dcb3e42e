# Untyped parameters: no annotation means no type in the spec, and kfp passes the value as
# a string.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def concat(left, right, separator="-") -> str:
    return str(left) + separator + str(right)


@create_component_from_func
def show(value):
    print(value)


@dsl.pipeline(name="untyped")
def untyped(left, right="b"):
    joined = concat(left=left, right=right)
    show(value=joined.output)
    show(value=7)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(untyped, sys.argv[1])
