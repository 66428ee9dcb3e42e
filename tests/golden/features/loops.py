# dsl.ParallelFor: over a literal list of values (withItems, with parallelism), over a list of
# dicts read field by field (item.a), over a pipeline parameter and over a task output
# (withParam), nested loops (one over the outer item's field), loop items inside argument
# strings, parameters and outputs from outside read inside, and a task after a loop's task.
import sys
from typing import List

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def make_list(n: int) -> List[int]:
    return list(range(n))


@create_component_from_func
def show(text: str, number: int = 0) -> str:
    print(text, number)
    return text


@dsl.pipeline(name="loops")
def loops(items: list = [1, 2, 3], prefix: str = "p", n: int = 3):
    made = make_list(n)
    with dsl.ParallelFor([1, 2, 3], parallelism=2) as value:
        show(f"{prefix}-{value}", value)
    with dsl.ParallelFor([{"a": 1, "b": "one", "inner": [1, 2]},
                          {"a": 2, "b": "two", "inner": [3]}]) as item:
        shown = show(item.b, item.a)
        with dsl.ParallelFor(item.inner) as inner:
            show(f"{item.b}/{inner}")
    with dsl.ParallelFor(made.output) as m:
        with dsl.ParallelFor(items) as it:
            show(f"{it}:{m}:{made.output}", n)
    show("after").after(shown)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(loops, sys.argv[1])
