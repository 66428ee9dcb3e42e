"""kfp Python -> IR: conditions, loops, exit handlers, and the Python that builds a graph
when kfp runs the pipeline function (evaluated statically), with what is refused and why.

The fixtures in data/structure are also run by the real SDKs (test_kfp_python_structure.py).
"""
from __future__ import annotations

import textwrap

import pytest

from designer.ir import Constant, OutputRef, ParamRef, Task
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from tests.importers.ir_helpers import check_refusal, cimp

V1 = """\
from kfp import dsl
from kfp.components import create_component_from_func

@create_component_from_func
def flip() -> str:
    return "heads"

@create_component_from_func
def show(msg: str):
    print(msg)

@dsl.pipeline(name="p")
def p(n: int = 1, names: list = ["a"]):
"""

V2 = """\
from typing import List
from kfp import dsl

@dsl.component
def roll() -> int:
    return 3

@dsl.component
def show(msg: str) -> str:
    return msg

@dsl.component
def total(values: List[str]) -> int:
    return len(values)

@dsl.pipeline
def p(n: int = 1, names: List[str] = ["a"]):
"""


def v1(body: str):
    return cimp(V1 + textwrap.indent(textwrap.dedent(body), "    "))


def v2(body: str):
    return cimp(V2 + textwrap.indent(textwrap.dedent(body), "    "))


def test_v1_condition_loop_and_exit_handler_give_the_group_tree():
    p = v1("""\
        f = flip()
        bye = show("bye")
        with dsl.ExitHandler(bye):
            with dsl.Condition(f.output == "heads", name="won"):
                with dsl.ParallelFor([{"a": 1}, {"a": 2}], parallelism=2) as item:
                    show(item.a)
                    with dsl.ParallelFor(names) as name:
                        show(f"{item.a}-{name}")
            with dsl.Condition(0 <= n):
                show("non-negative")
        """)
    assert p.groups == [
        Group("g1", "exit_handler", exit_task="bye"),
        Group("g2", "condition", parent="g1", name="won",
              condition=Condition(OutputRef("f", "Output"), "==", Constant("heads"))),
        Group("g3", "loop", parent="g2", items=Constant([{"a": 1}, {"a": 2}]), parallelism=2),
        Group("g4", "loop", parent="g3", items=ParamRef("names")),
        # 0 <= n is n >= 0 for kfp: Python asks the parameter to compare itself.
        Group("g5", "condition", parent="g1",
              condition=Condition(ParamRef("n"), ">=", Constant(0))),
    ]
    assert [(t.name, t.group, t.arguments) for t in p.tasks] == [
        ("f", None, {}), ("bye", None, {"msg": Constant("bye")}),
        ("show_task", "g3", {"msg": LoopItem("g3", ("a",))}),
        ("show_task_2", "g4", {"msg": Concat((LoopItem("g3", ("a",)), "-", LoopItem("g4")))}),
        ("show_task_3", "g5", {"msg": Constant("non-negative")})]


def test_v2_if_elif_else_one_of_collected_and_outputs():
    p = v2("""\
        r = roll()
        with dsl.If(r.output > n):
            a = show(msg="big")
        with dsl.Elif(r.output == 2, name="two"):
            b = show(msg="two")
        with dsl.Else():
            c = show(msg=dsl.PIPELINE_TASK_NAME_PLACEHOLDER)
        with dsl.Condition(n == 1):
            show(msg="legacy condition")
        with dsl.ParallelFor(items=names, parallelism=0) as name:
            d = show(msg=name)
        total(values=dsl.Collected(d.output))
        return dsl.OneOf(a.output, b.output, c.output)
        """)
    assert p.groups == [
        Group("g1", "condition", branch="if",
              condition=Condition(OutputRef("r", "Output"), ">", ParamRef("n"))),
        Group("g2", "condition", branch="elif", name="two",
              condition=Condition(OutputRef("r", "Output"), "==", Constant(2))),
        Group("g3", "condition", branch="else"),
        # kfp 2's deprecated Condition is an If without Elif/Else: branch None.
        Group("g4", "condition", condition=Condition(ParamRef("n"), "==", Constant(1))),
        Group("g5", "loop", items=ParamRef("names"), parallelism=0),
    ]
    assert p.tasks[3].arguments == {"msg": RunPlaceholder("task_name")}
    assert p.tasks[-1] == Task("total_task", "total_task", "total",
                               {"values": Collected(OutputRef("d", "Output"))})
    assert p.outputs == {"Output": OneOf((OutputRef("a", "Output"), OutputRef("b", "Output"),
                                          OutputRef("c", "Output")))}


def test_a_kfp2_condition_followed_by_elif_is_the_if_of_its_chain():
    p = v2("""\
        r = roll()
        with dsl.Condition(r.output == 1):
            show(msg="one")
        with dsl.Else():
            show(msg="other")
        """)
    assert [g.branch for g in p.groups] == ["if", "else"]


def test_graph_building_code_runs_as_kfp_runs_it():
    p = v1("""\
        STEPS = ["prep", "train", "eval"]

        def stage(label, after=None):
            t = show(label.upper())
            if after is not None:
                t.after(after)
            return t

        previous = None
        for i, step in enumerate(STEPS):
            if step == "eval":
                continue
            previous = stage(f"{i}:{step}", after=previous)
        by_name = {name: show(name) for name in ("x", "y")}
        by_name["y"].after(by_name["x"])
        first, *rest = [show(str(k)) for k in range(3)]
        for a, b in zip(rest, ["p", "q"]):
            a.after(first)
        """)
    # A task is named after the variable it is assigned to where it is made (`t` in the
    # helper), else after its component.
    assert [(t.name, t.arguments["msg"].value, [p.task(i).name for i in t.after])
            for t in p.tasks] == [
        ("t", "0:PREP", []), ("t_2", "1:TRAIN", ["t"]),
        ("show_task", "x", []), ("show_task_2", "y", ["show_task"]),
        ("show_task_3", "0", []), ("show_task_4", "1", ["show_task_3"]),
        ("show_task_5", "2", ["show_task_3"])]


V1_ERRORS = {
    "python if on a parameter": ("if n == 1:  #!\n    show('x')", "a Python `if`",
                                 "dsl.Condition"),
    "python for over an output": ("for x in flip().output:  #!\n    show(x)",
                                  "cannot iterate over a task output", "dsl.ParallelFor"),
    "range of a parameter": ("for i in range(n):  #!\n    show('x')", "`range()` with pipeline "
                             "parameter `n`"),
    "loop over a string": ("with dsl.ParallelFor('abc') as x:  #!\n    show(x)",
                           "`dsl.ParallelFor` over a str"),
    "loop over a built string": ("with dsl.ParallelFor(str(n)) as x:  #!\n    show(x)",
                                 "over a string built from run-time values"),
    "field of a field": ("with dsl.ParallelFor([{'a': {'b': 1}}]) as x:\n    show(x.a.b)  #!",
                         "a field of a loop item's field"),
    "exit task with a dependency": (
        "f = flip()\nbye = show(f.output)\nwith dsl.ExitHandler(bye):  #!\n    show('x')",
        "exit task cannot depend on other tasks"),
    "exit handler of a value": ("with dsl.ExitHandler(n):  #!\n    show('x')",
                                "takes the exit task, not pipeline parameter `n`"),
    "with something else": ("with open('x') as f:  #!\n    pass", "`open` (a Python builtin)"),
    "condition of a bool": ("with dsl.Condition(True):  #!\n    show('x')",
                            "got the constant True"),
    "condition on a string built": ("with dsl.Condition(str(n) == '1'):  #!\n    show('x')",
                                    "compares a string built from run-time values"),
    "chained comparison": ("with dsl.Condition(0 < n < 3):  #!\n    show('x')",
                           "only one ==, !=, <, <=, > or >= with a run-time value"),
    "negative parallelism": ("with dsl.ParallelFor([1], parallelism=-1) as x:  #!\n    show(x)",
                             "`parallelism` must be a whole number >= 0"),
    "too many iterations": ("for i in range(1000):\n    for j in range(1001):  #!\n"
                            "        pass", "more than 1,000,000 loop iterations"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in V1_ERRORS.values()],
                         ids=list(V1_ERRORS))
def test_v1_control_flow_refusals(body, fragments):
    check_refusal(V1 + textwrap.indent(body, "    ") + "\n", fragments)


V2_ERRORS = {
    "elif without if": ("with dsl.Elif(n == 1):  #!\n    show(msg='x')",
                        "`dsl.Elif` can only follow a `dsl.If`"),
    "else after else": ("with dsl.If(n == 1):\n    show(msg='a')\nwith dsl.Else():\n"
                        "    show(msg='b')\nwith dsl.Else():  #!\n    show(msg='c')",
                        "`dsl.Else` can only follow"),
    "one of without else": ("with dsl.If(n == 1):\n    a = show(msg='a')\n"
                            "with dsl.Elif(n == 2):\n    b = show(msg='b')\n"
                            "show(msg=dsl.OneOf(a.output, b.output))  #!",
                            "must include an output from a task in a dsl.Else group"),
    "one of outside branches": ("a = show(msg='a')\nb = show(msg='b')\n"
                                "show(msg=dsl.OneOf(a.output, b.output))  #!",
                                "directly inside `dsl.If`"),
    "collected of a value": ("total(values=dsl.Collected(n))  #!",
                             "takes a task output, not pipeline parameter `n`"),
    "output from inside a group": ("with dsl.If(n == 1):\n    a = show(msg='a')\n"
                                   "return a.output  #!", "only be returned from the top level"),
    "return a constant": ("return 'x'  #!", "a pipeline returns task outputs"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in V2_ERRORS.values()],
                         ids=list(V2_ERRORS))
def test_v2_control_flow_refusals(body, fragments):
    check_refusal(V2 + textwrap.indent(body, "    ") + "\n", fragments)


def test_python_semantics_kfp_relies_on_shared_defaults_and_unordered_sets():
    # A list default is made once with its def and shared by every call (Python's rule).
    p = v1("""\
        def collect(name, into=[]):
            into.append(show(name))
            return into
        collect("a")
        made = collect("b")
        made[1].after(made[0])
        """)
    assert [t.after for t in p.tasks] == [[], ["show_task"]]
    check_refusal(V1 + "    for name in {'a', 'b'}:  #!\n        show(name)\n",
                  ["the order of a set's items changes", "sorted(...)"])
    p = v1("for name in sorted({'b', 'a'}):\n    show(name)\n")
    assert [t.arguments["msg"].value for t in p.tasks] == ["a", "b"]
