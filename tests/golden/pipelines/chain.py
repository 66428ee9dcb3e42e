# A linear chain: each task consumes the single output of the one before it, so kfp
# orders them by data dependencies alone.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def make_greeting(name: str) -> str:
    return "Hello, " + name


@create_component_from_func
def shout(text: str) -> str:
    return text.upper() + "!"


@create_component_from_func
def count_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


@dsl.pipeline(name="chain")
def chain(name: str = "world"):
    greeting = make_greeting(name=name)
    loud = shout(text=greeting.output)
    count_letters(text=loud.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(chain, sys.argv[1])
