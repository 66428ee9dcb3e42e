# kfp 1.8.9 control flow and graph-building code: conditions (nested, named, reflected
# operands), loops over literal lists of dicts, parameters and task outputs (nested, with
# parallelism), an exit handler, and Python that builds tasks when kfp runs the function:
# for over range/enumerate/zip, if on constants, tuple unpacking, lists and dicts of tasks,
# helper functions, comprehensions, json.dumps of values holding parameters. Read by
# test_kfp_python_structure.py.
import json

from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def flip() -> str:
    return "heads"


@create_component_from_func
def show(msg: str):
    print(msg)


@create_component_from_func
def make_list() -> list:
    return [1, 2]


STAGES = ["prep", "train", "eval"]


def show_all(prefix, items):
    made = []
    for i, item in enumerate(items):
        made.append(show(f"{prefix}-{i}-{item}"))
    return made


def chain(names):
    previous = None
    for name in names:
        step = show(name)
        if previous is not None:
            step.after(previous)
        previous = step
    return previous


@dsl.pipeline(name="flow")
def flow(threshold: int = 5, names: list = ["a", "b"]):
    f = flip()
    bye = show("bye")
    with dsl.ExitHandler(bye):
        with dsl.Condition(f.output == "heads"):
            show("heads")
            with dsl.Condition(threshold > 3, name="big-enough"):
                show("threshold is %s" % threshold)
        with dsl.Condition("tails" == f.output):
            show("tails")
        with dsl.Condition(3 < threshold):
            show("reflected")
        with dsl.ParallelFor([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}], parallelism=2) as item:
            show(item.b)
            with dsl.ParallelFor(names) as name:
                show(name)
                show("%s/%s" % (item.a, name))
                with dsl.Condition(f.output == name):  # the loop item's class answers first
                    show("matched")
        with dsl.ParallelFor(make_list().output) as x:
            show(x)
        for i in range(3):
            if i % 2 == 1:
                show(str(i))
            else:
                show("even %d" % i)
        first, second = show_all("p", ["x", "y"])
        second.after(first)
        steps = {}
        for key, value in zip(("one", "two"), (1, 2)):
            steps[key] = show(f"{key}={value}")
        steps["two"].after(steps["one"])
        last = chain([s.upper() for s in STAGES if s != "eval"])
        [show(n) for n in names] if False else None
        show(last.output if False else "done").after(last)
        show(json.dumps({"who": 'a"b ' + str(threshold), "n": [1, 2]}, sort_keys=True))
