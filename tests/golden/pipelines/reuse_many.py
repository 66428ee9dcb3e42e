# One component used five times: kfp names the tasks add-one, add-one-2, ... add-one-5.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def add_one(value: int) -> int:
    return value + 1


@dsl.pipeline(name="reuse-many")
def reuse_many(start: int = 0):
    step_1 = add_one(value=start)
    step_2 = add_one(value=step_1.output)
    step_3 = add_one(value=step_2.output)
    step_4 = add_one(value=step_3.output)
    step_5 = add_one(value=step_4.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(reuse_many, sys.argv[1])
