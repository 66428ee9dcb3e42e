# Pipeline parameters with a default of every type; each is passed straight to a task.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def describe(count: int, ratio: float, label: str, enabled: bool, items: list, options: dict) -> str:
    text = "{} {} {} {} {} {}".format(count, ratio, label, enabled, items, options)
    print(text)
    return text


@dsl.pipeline(name="params-defaults", description="Every parameter type, each with a default.")
def params_defaults(
    count: int = 3,
    ratio: float = 0.25,
    label: str = "run",
    enabled: bool = True,
    items: list = [1, 2, 3],
    options: dict = {"mode": "fast", "retries": 2},
):
    describe(count=count, ratio=ratio, label=label, enabled=enabled, items=items, options=options)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(params_defaults, sys.argv[1])
