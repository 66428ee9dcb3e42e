# Constants of every type as task arguments: kfp serialises each into the argument value.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def configure(count: int, ratio: float, label: str, enabled: bool, items: list,
              options: dict) -> str:
    return "{} {} {} {} {} {}".format(count, ratio, label, enabled, items, options)


@dsl.pipeline(name="constants")
def constants():
    configure(count=42, ratio=0.5, label="hello world", enabled=True, items=[1, "two", 3.0],
              options={"depth": 3, "name": "tree", "tags": ["a", "b"]})
    configure(count=-7, ratio=1e-05, label="", enabled=False, items=[], options={})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(constants, sys.argv[1])
