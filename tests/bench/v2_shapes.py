"""Large kfp 2 pipelines for the compile benchmark, as kfp 2 DSL and as the designer's IR.

* ``artifacts``: blocks of four tasks mixing every component kind with artifacts: a kfp 2
  container component downloads a Dataset, a component YAML splits it (inputPath /
  outputPath), a function component trains a Model with Metrics from it, another reports.
* ``control``: blocks of five tasks inside nested groups: an If on a parameter holding a
  ParallelFor over a list parameter holding a ParallelFor over literal items, with a task at
  each level, and the loop's output Collected inside the If.

The IR is built directly (the Python importer does not read these constructs on main yet);
kfp runs the DSL module. ``python tests/bench/compile_bench.py --target v2 --shape ...``.
"""
from __future__ import annotations

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.components import ContainerComponent, InputPath, InputValue, OutputPath
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, LoopItem
from designer.ir.signature import ARTIFACT, PATH, InputSpec, OutputSpec, Signature

SHAPES = ("artifacts", "control")

_TRAIN = '''def train(data: Input[Dataset], epochs: int, model: Output[Model],
          metrics: Output[Metrics]):
    metrics.log_metric("epochs", epochs)
    with open(model.path, "w") as f:
        f.write(open(data.path).read())
'''
_REPORT = '''def report(model: Input[Model], rows: int) -> int:
    return rows + 1
'''
_STEP = '''def step(text: str, n: int = 0) -> int:
    return n
'''
_TOTAL = '''def total(numbers: List[int]) -> int:
    return sum(numbers)
'''
_SPLIT = '''
name: Split table
inputs:
- {name: table, type: Dataset}
outputs:
- {name: train, type: Dataset}
- {name: rows, type: Integer}
implementation:
  container:
    image: alpine:3.19
    command: [split, {inputPath: table}, {outputPath: train}, {outputPath: rows}]
'''


def function_name(shape: str, n: int) -> str:
    return f"{shape}_{n}"


def blocks(shape: str, n: int) -> int:
    return max(1, n // (4 if shape == "artifacts" else 5))


def kfp_source(shape: str, n: int) -> str:
    """The kfp 2 DSL module (its pipeline function is ``function_name(shape, n)``)."""
    k = blocks(shape, n)
    head = ["from typing import List", "", "from kfp import components, dsl",
            "from kfp.dsl import (ContainerSpec, Dataset, Input, Metrics, Model, Output)", ""]
    if shape == "artifacts":
        head += ["", "@dsl.container_component",
                 "def fetch(url: str, data: Output[Dataset]):",
                 '    return ContainerSpec(image="alpine:3.19", command=["wget", "-O", '
                 'data.path, url])', "", "",
                 "@dsl.component", *_TRAIN.splitlines(), "", "",
                 "@dsl.component", *_REPORT.splitlines(), "", "",
                 f"split_op = components.load_component_from_text('''{_SPLIT}''')", "", "",
                 f"@dsl.pipeline(name={function_name(shape, n).replace('_', '-')!r})",
                 f"def {function_name(shape, n)}(url: str = 'https://x/y.csv', rows: int = 1):",
                 "    count = rows"]
        for i in range(k):
            head += [f"    f{i} = fetch(url=url)",
                     f"    s{i} = split_op(table=f{i}.outputs['data'])",
                     f"    t{i} = train(data=s{i}.outputs['train'], epochs={i})",
                     f"    r{i} = report(model=t{i}.outputs['model'], rows=count)",
                     f"    count = r{i}.output"]
    else:
        head += ["", "@dsl.component", *_STEP.splitlines(), "", "",
                 "@dsl.component", *_TOTAL.splitlines(), "", "",
                 f"@dsl.pipeline(name={function_name(shape, n).replace('_', '-')!r})",
                 f"def {function_name(shape, n)}(x: int = 3, items: List[str] = ['a', 'b']):"]
        for i in range(k):
            head += [f"    with dsl.If(x > {i}):",
                     f"        step(text='if {i}')",
                     "        with dsl.ParallelFor(items) as it:",
                     f"            a{i} = step(text=it, n={i})",
                     "            with dsl.ParallelFor([1, 2, 3]) as j:",
                     "                step(text=it, n=j)",
                     f"        total(numbers=dsl.Collected(a{i}.output))",
                     f"        step(text='end {i}')"]
    return "\n".join(head) + "\n"


def ir(shape: str, n: int) -> Pipeline:
    """The same pipeline as the designer holds it."""
    k = blocks(shape, n)
    name = function_name(shape, n).replace("_", "-")
    tasks: list[Task] = []

    def task(tid: str, comp: str, group: str | None = None, **args) -> str:
        tasks.append(Task(tid, tid, comp, args, group=group))
        return tid

    if shape == "artifacts":
        fetch = ContainerComponent(
            "fetch", "fetch", Signature("fetch", (InputSpec("url", "str"),), (
                OutputSpec("data", "Output[Dataset]", ARTIFACT, "Dataset", param="data"),)),
            "alpine:3.19", ["wget", "-O", OutputPath("data"), InputValue("url")], [],
            origin="v2")
        split = ContainerComponent(
            "split", "Split table", Signature("split_op", (
                InputSpec("table", passing=PATH, type="Dataset"),), (
                OutputSpec("train", passing=PATH, type="Dataset"),
                OutputSpec("rows", passing=PATH, type="Integer"))),
            "alpine:3.19", ["split", InputPath("table"), OutputPath("train"),
                            OutputPath("rows")], [], origin="spec", spec_text=_SPLIT)
        comps = [fetch, split, Component.from_source(_TRAIN, id="train"),
                 Component.from_source(_REPORT, id="report")]
        params = [PipelineParam("url", "str", "https://x/y.csv", True),
                  PipelineParam("rows", "int", 1, True)]
        count = ParamRef("rows")
        for i in range(k):
            f = task(f"f{i}", "fetch", url=ParamRef("url"))
            s = task(f"s{i}", "split", table=OutputRef(f, "data"))
            t = task(f"t{i}", "train", data=OutputRef(s, "train"), epochs=Constant(i))
            r = task(f"r{i}", "report", model=OutputRef(t, "model"), rows=count)
            count = OutputRef(r, "Output")
        return Pipeline(name, params=params, components=comps, tasks=tasks)
    comps = [Component.from_source(_STEP, id="step"), Component.from_source(_TOTAL, id="total")]
    params = [PipelineParam("x", "int", 3, True), PipelineParam("items", "List[str]",
                                                                ["a", "b"], True)]
    groups = []
    for i in range(k):
        groups += [Group(f"c{i}", "condition", branch="if",
                         condition=Condition(ParamRef("x"), ">", Constant(i))),
                   Group(f"l{i}", "loop", f"c{i}", items=ParamRef("items")),
                   Group(f"m{i}", "loop", f"l{i}", items=Constant([1, 2, 3]))]
        task(f"b{i}", "step", f"c{i}", text=Constant(f"if {i}"))
        a = task(f"a{i}", "step", f"l{i}", text=LoopItem(f"l{i}"), n=Constant(i))
        task(f"j{i}", "step", f"m{i}", text=LoopItem(f"l{i}"), n=LoopItem(f"m{i}"))
        task(f"t{i}", "total", f"c{i}", numbers=Collected(OutputRef(a, "Output")))
        task(f"e{i}", "step", f"c{i}", text=Constant(f"end {i}"))
    return Pipeline(name, params=params, components=comps, tasks=tasks, groups=groups)
