# Import styles: qualified names, module aliases, a functools.partial decorator and
# module-level constants all reach the same kfp functions.
import sys
from functools import partial

import kfp
import kfp.components as comp
from kfp import dsl as kfp_dsl

DEFAULT_IMAGE = "python:3.10-slim"
GREETING_TARGET = "everyone"


@kfp.components.create_component_from_func
def hello(name: str) -> str:
    return "hello " + name


@partial(comp.create_component_from_func, base_image=DEFAULT_IMAGE)
def shout(text: str) -> str:
    return text.upper()


@kfp_dsl.pipeline(name="import-styles")
def import_styles(name: str = "kfp"):
    greeting = hello(name=name)
    shout(text=greeting.output)
    hello(name=GREETING_TARGET)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(import_styles, sys.argv[1])
