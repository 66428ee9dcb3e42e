from typing import NamedTuple
from kfp import dsl

Out = NamedTuple("Out", [("a", int)])

@dsl.component
def add(a: int = 2) -> Out:
    return (a,)

@dsl.pipeline(name="p")
def p():
    t = add()
