# Components that return nothing: the tasks have no outputs and so no data edges.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def log_message(message: str):
    print(message)


@create_component_from_func
def log_number(value: int, times: int):
    for _ in range(times):
        print(value)


@dsl.pipeline(name="no-outputs")
def no_outputs(message: str = "nothing to return", value: int = 1):
    log_message(message=message)
    log_number(value=value, times=3)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(no_outputs, sys.argv[1])
