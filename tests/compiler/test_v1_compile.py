"""compile_v1 against kfp 1.8.9, byte for byte.

Each fixture in data/v1/pipelines is a kfp v1 pipeline file and the YAML kfp 1.8.9 compiled
from it (tests/compiler/data/v1/regenerate.py).  The IR for each is built here by hand, the
way the designer would hold it: component sources are the functions' text exactly as written
(sliced from the fixture file like ``inspect.getsource``), tasks and arguments spelled out.
Only the compilation time differs between runs of kfp; it is read from each YAML and passed
as ``compile_time``.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from designer.compiler.v1 import compile_v1
from designer.ir import (Component, Constant, InputError, OutputRef, ParamRef, Pipeline,
                         PipelineParam, Task)

DATA = Path(__file__).parent / "data" / "v1" / "pipelines"
REFERENCE = Path(__file__).parents[1] / "data" / "reference"
C, P = Constant, ParamRef


def O(task_id: str, output: str = "Output") -> OutputRef:  # noqa: E743 - reads like kfp's .output
    return OutputRef(task_id, output)


def function_source(py: Path, name: str) -> str:
    """The function's text as kfp sees it: from ``def`` to its last line, dedented."""
    text = py.read_text(encoding="utf-8")
    node = next(n for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = text.splitlines(keepends=True)[node.lineno - 1:node.end_lineno]
    return textwrap.dedent("".join(lines))


class Builder:
    """A pipeline under construction: components from one fixture file, tasks by hand."""

    def __init__(self, py: Path, name: str, description: str | None = None,
                 function_name: str | None = None):
        self.py = py
        self.pipeline = Pipeline(name=name, description=description, function_name=function_name)

    def component(self, fn: str, base_image: str | None = None,
                  packages: list[str] | None = None) -> str:
        self.pipeline.components.append(Component.from_source(
            function_source(self.py, fn), id=fn, base_image=base_image,
            packages_to_install=packages))
        return fn

    def param(self, name: str, annotation: str | None = None, *default,
              description: str | None = None) -> None:
        self.pipeline.params.append(PipelineParam(
            name, annotation, default[0] if default else None, bool(default), description))

    def task(self, task_id: str, component: str, *, after: tuple[str, ...] = (), **args) -> str:
        self.pipeline.tasks.append(Task(task_id, task_id, component, dict(args), list(after)))
        return task_id


def build_reference(py: Path) -> Pipeline:
    b = Builder(py, "example_pipeline")
    pr, sp = b.component("print_and_return_number"), b.component("sum_and_print_numbers")
    b.param("number_1", "int")
    b.param("number_2", "int")
    one = b.task("one", pr, number=P("number_1"))
    two = b.task("two", pr, number=P("number_2"))
    b.task("total", sp, number_1=O(one), number_2=O(two))
    return b.pipeline


def build_defaults_types(py: Path) -> Pipeline:
    b = Builder(py, "defaults-and-types", "Every type, with defaults.")
    mv, co = b.component("make_values"), b.component("consume")
    for args in (("p_int", "int", 10), ("p_float", "float", 0.5), ("p_str", "str", "x y"),
                 ("p_bool", "bool", False), ("p_list", "list", [1, 2]),
                 ("p_dict", "dict", {"k": "v"}), ("p_none", "int", None),
                 ("p_plain", None, "plain"), ("p_req", "str", None)):
        b.param(*args)
    v = b.task("v", mv)
    v2 = b.task("v2", mv, a=P("p_int"), b=P("p_float"), c=P("p_str"), d=P("p_bool"),
                e=P("p_list"), f=P("p_dict"), g=P("p_none"), j=P("p_plain"))
    b.task("c", co, total=O(v, "total"), ratio=O(v, "ratio"), label=O(v, "label"),
           flag=O(v, "flag"), items=O(v2, "items"), mapping=O(v2, "mapping"))
    return b.pipeline


def build_constants(py: Path) -> Pipeline:
    b = Builder(py, "constants")
    show = b.component("show", "python:3.9-slim", ["pandas==1.3.0", "requests"])
    k1 = {"k": 1}
    rows = [
        (1, 2.5, "text", True, [1, "two", 3.0], {"b": 2, "a": {"x": None}}, ()),
        (-7, 1e20, "yes", False, [], {}, ("untyped",)),
        (0, 3, "multi\nline\n", True, [True, None], {"é": "ü"}, (5,)),
        (2, 0.1, "ünïcödé ☃ and a long string that goes past the eighty column limit of the "
         "yaml emitter for sure", True, [1], k1, ([1, 2],)),
        (3, 1.0, "", False, [1], k1, ({"a": 1},)),
        (4, 1.0, "true", False, [1], k1, (2.5,)),
        (5, 1.0, "123", False, [1], k1, (True,)),
        (6, 1.0, "it's 'quoted' \"double\" #hash: colon - dash", False, [1], k1,
         ("{{not a param}}",)),
        (7, -0.0, "tab\there", False, [1], k1, ()),
    ]
    for n, (i, f, s, bo, li, d, u) in enumerate(rows):
        extra = {"u": C(u[0])} if u else {}
        b.task(f"t{n}", show, i=C(i), f=C(f), s=C(s), b=C(bo), l=C(li), d=C(d), **extra)
    return b.pipeline


def build_after_deps(py: Path) -> Pipeline:
    b = Builder(py, "step")
    step, noop, produce = b.component("step"), b.component("noop"), b.component("produce")
    b.param("msg", "str", "hi")
    a = b.task("a", noop)
    bb = b.task("b", step, after=(a,), msg=P("msg"))
    c = b.task("c", produce, after=(a, bb))
    d = b.task("d", step, msg=O(bb))
    e = b.task("e", noop, after=(c, d))
    f = b.task("f", produce)
    b.task("g", step, after=(e, f), msg=C("constant"))
    return b.pipeline


def build_hints_format(py: Path) -> Pipeline:
    b = Builder(py, "Hints & Format!", "Pipeline with weird formatting.")
    wf, tb = b.component("weird_format"), b.component("tabbed")
    b.param("n", "int", 3, description="how many")
    w = b.task("w", wf, first=P("n"))
    b.task("t", tb, x=O(w, "out_one"))
    return b.pipeline


def build_names_dedup(py: Path) -> Pipeline:
    b = Builder(py, "names dedup")
    nd, nd2 = b.component("names_dedup"), b.component("names_dedup_2")
    weird, add = b.component("_Weird__Name_"), b.component("add_1")
    b.param("x", "int", 1)
    a = b.task("a", nd, x=P("x"))
    bb = b.task("b", nd, x=O(a))
    c = b.task("c", nd2, x=O(bb))
    d = b.task("d", nd, x=O(c))
    e = b.task("e", weird, value=O(d))
    f = b.task("f0", add, x=O(e))
    for i in range(1, 4):
        f = b.task(f"f{i}", add, x=O(f))
    return b.pipeline


def build_no_params(py: Path) -> Pipeline:
    b = Builder(py, "no-params")
    b.task("hello", b.component("hello"))
    return b.pipeline


def build_edge_names(py: Path) -> Pipeline:
    # @pipeline() without a name: kfp names it after the function.
    b = Builder(py, "", "Docstring description only.", function_name="edge_names_pipeline")
    en, cafe, first = b.component("edge_names"), b.component("café"), b.component("_1st_step")
    b.param("unused", "str", "u", description="never used")
    b.param("shared", "int", 4, description="used twice")
    e = b.task("e", en, x=P("shared"))
    c = b.task("c", cafe, x=P("shared"))
    b.task("s1", first, a=O(c, "plain_out"), b=O(c, "plain_out"))
    b.task("s2", first, a=O(e))
    b.task("e2", en)
    return b.pipeline


def build_outputs_types(py: Path) -> Pipeline:
    b = Builder(py, "outputs-types")
    names = ["out_bool", "out_list", "out_custom", "out_opt", "out_dict", "out_float"]
    ob, ol, oc, oo, od, of = (b.component(n) for n in names)
    ta = b.component("take_all")
    b.param("pl", "List[int]", [1, 2])
    b.param("po", "Optional[str]", None)
    b.param("pu", None, 5)
    b.param("pc", "'Custom'", 5)
    b.param("pf", "float", 3)
    # Python evaluates the call's arguments first: the producers come before take_all.
    for t, comp in (("b", ob), ("l", ol), ("c", oc), ("d", od), ("f", of), ("o", oo)):
        b.task(t, comp)
    b.task("all1", ta, a=O("b"), b=O("l"), c=O("c"), d=C(4), e=O("d"), f=O("f"), g=O("o"))
    b.task("all2", ta, a=C(False), b=C([]), c=C("c"), d=C(1), e=C({}), f=C(1.5), g=P("pu"))
    b.task("all3", ta, a=C(True), b=P("pl"), c=C("c"), d=C(3), e=C({"x": [1]}), f=P("pf"),
           g=C(None), h=C("str"), i=C(2), j=C(["q"]), k=C({}))
    return b.pipeline


def build_program_format(py: Path) -> Pipeline:
    b = Builder(py, "trailing")
    tr = b.component("trailing", packages=["numpy>=1.20,<2", "it's-quoted"])
    ns = b.component("nested_stuff", base_image="gcr.io/my-project/image:latest")
    po = b.component("positional")
    b.param("n", "int", 1)
    t = b.task("t", tr, x=P("n"))
    b.task("n", ns, items=C([1, 2, 3]))
    b.task("p", po, a=O(t), b=C("s"), c=C(True))
    return b.pipeline


def build_long_values(py: Path) -> Pipeline:
    b = Builder(py, "A pipeline with a long name: for folding of the metadata annotations",
                "A long description " * 8)
    comp = b.component("a_component_with_a_really_quite_long_function_name_for_folding")
    b.param("a_long_pipeline_parameter_name", "str", "a long default value " * 6)
    b.param("other", "str", "yes")
    t = b.task("t", comp, first_parameter_name=P("a_long_pipeline_parameter_name"),
               second_parameter_name=P("other"))
    b.task("t2", comp, first_parameter_name=O(t), second_parameter_name=C("line one\nline two"))
    b.task("t3", comp, first_parameter_name=C("x " * 60))
    b.task("t4", comp, first_parameter_name=C("yes"), second_parameter_name=C("No"))
    return b.pipeline


def build_collision_none(py: Path) -> Pipeline:
    b = Builder(py, "Print it")  # the pipeline's template name collides with the op's
    pi = b.component("print_it")
    b.param("count", "int", None)
    a = b.task("a", pi, text=C(None))
    b.task("b", pi, text=O(a), count=C(None))
    b.task("c", pi, text=C("x"), count=P("count"), ratio=C(3))
    return b.pipeline


def build_many_tasks(py: Path) -> Pipeline:
    b = Builder(py, "many tasks", "Forty tasks built in a loop.")
    sv, co, rep = b.component("split_value"), b.component("combine"), b.component("report")
    b.param("start", "float", 2.5)
    b.param("label", "str", "result")
    previous = None
    for i in range(13):
        parts = b.task(f"s{i}", sv, value=P("start") if previous is None else O(previous))
        previous = b.task(f"c{i}", co, whole=O(parts, "whole"), fraction=O(parts, "fraction"),
                          scale=C(i + 0.5))
        b.task(f"r{i}", rep, after=(parts,) if i % 3 == 0 else (), value=O(previous),
               label=P("label") if i % 2 else C("step %d" % i))
    return b.pipeline


def build_modern_syntax(py: Path) -> Pipeline:
    b = Builder(py, "modern syntax")
    cl, tb = b.component("classify"), b.component("tabs_and_spaces")
    b.param("code", "int", 404)
    c = b.task("c", cl, code=P("code"))
    b.task("t", tb, text=O(c))
    b.task("c2", cl, code=C(200), extra=C({"k": "v"}))
    return b.pipeline


def build_empty(py: Path) -> Pipeline:
    b = Builder(py, "empty", "  spaced out  ")
    b.param("x", "int", 1)
    return b.pipeline


FIXTURES = {
    "empty": build_empty,
    "defaults_types": build_defaults_types, "constants": build_constants,
    "after_deps": build_after_deps, "hints_format": build_hints_format,
    "names_dedup": build_names_dedup, "no_params": build_no_params,
    "edge_names": build_edge_names, "outputs_types": build_outputs_types,
    "program_format": build_program_format, "long_values": build_long_values,
    "collision_none": build_collision_none, "many_tasks": build_many_tasks,
    "modern_syntax": build_modern_syntax, "reference": build_reference,
}


def compile_time_of(yaml_text: str) -> str:
    return re.search(r"pipeline_compilation_time: '([^']*)'", yaml_text).group(1)


def test_every_fixture_has_a_builder():
    assert sorted(p.stem for p in DATA.glob("*.py")) == sorted(FIXTURES)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_matches_kfp_byte_for_byte(name):
    expected = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
    pipeline = FIXTURES[name](DATA / f"{name}.py")
    assert compile_v1(pipeline, compile_time=compile_time_of(expected)) == expected


def test_reference_example_compiles_to_the_reference_yaml():
    expected = (REFERENCE / "example_pipeline.yaml").read_text(encoding="utf-8")
    pipeline = build_reference(REFERENCE / "example_pipeline.py")
    assert compile_v1(pipeline, compile_time=compile_time_of(expected)) == expected


def test_same_ir_same_bytes():
    pipeline = build_many_tasks(DATA / "many_tasks.py")
    assert compile_v1(pipeline, compile_time="t") == compile_v1(pipeline, compile_time="t")


def test_compile_time_from_source_date_epoch(monkeypatch):
    pipeline = build_no_params(DATA / "no_params.py")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "pipeline_compilation_time: '2023-11-14T22:13:20'" in compile_v1(pipeline)
    given = compile_v1(pipeline, compile_time="2020-01-02T03:04:05.000006")
    assert "pipeline_compilation_time: '2020-01-02T03:04:05.000006'" in given
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    stamp = re.search(r"compilation_time: '([^']*)'", compile_v1(pipeline)).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?", stamp)


# --- pipelines kfp refuses ---
def _small(arguments: dict, annotation: str = "int", source: str | None = None) -> Pipeline:
    comp = Component.from_source(source or f"def use(x: {annotation}):\n    print(x)\n", id="c")
    return Pipeline("p", params=[PipelineParam("s", "str", "v", True)], components=[comp],
                    tasks=[Task("t", "my_task", "c", arguments)])


@pytest.mark.parametrize("arguments,message", [
    ({"x": C(1.5)}, 'Failed to serialize the value "1.5" of type "float" to type "Integer"'),
    ({"x": P("s")}, 'Argument type "String" is incompatible with the input type "Integer"'),
    ({"x": P("nope")}, "unknown pipeline parameter `nope`"),
    ({"y": C(1)}, "has no input `y`"),
    ({}, "no value for the required input `x`"),
])
def test_refused_with_a_clear_message(arguments, message):
    with pytest.raises(InputError) as e:
        compile_v1(_small(arguments), compile_time="t")
    assert message in str(e.value) and "my_task" in str(e.value)


def test_tasks_listed_before_their_upstream_are_created_after_it():
    comp = Component.from_source("def f(x: int) -> int:\n    return x\n", id="c")
    # Listed [uses-b, b, c]: kfp sees b created first, so b gets the plain op name.
    listed = [Task("a", "a", "c", {"x": OutputRef("b", "Output")}), Task("b", "b", "c", {"x": C(1)}),
              Task("c", "c", "c", {"x": C(2)})]
    ordered = [listed[1], listed[0], listed[2]]
    assert compile_v1(Pipeline("p", components=[comp], tasks=listed), compile_time="t") == \
        compile_v1(Pipeline("p", components=[comp], tasks=ordered), compile_time="t")


def test_refuses_a_cycle():
    comp = Component.from_source("def f(x: int) -> int:\n    return x\n", id="c")
    tasks = [Task("a", "a", "c", {"x": OutputRef("b", "Output")}),
             Task("b", "b", "c", {"x": OutputRef("a", "Output")})]
    with pytest.raises(InputError, match="cycle"):
        compile_v1(Pipeline("p", components=[comp], tasks=tasks), compile_time="t")


@pytest.mark.parametrize("source,message", [
    ("def use(x: int)\n    print(x)\n", "syntax error"),
    ("from kfp.components import OutputPath\ndef use(x: int):\n    pass\n", "one function"),
    ("def use(x: Input[Dataset]):\n    print(x)\n", "kfp 2 artifact passing"),
    ("def use(x: InputPath):\n    print(x)\n", "written with a call"),
    ("def use(x: kfp.components.OutputPath('CSV')):\n    pass\n", "has no input `x`"),
])
def test_refuses_unusable_component_sources(source, message):
    pipeline = _small({"x": C(1)})
    pipeline.components[0].source = source  # the signature still holds the last good parse
    with pytest.raises(InputError, match=message):
        compile_v1(pipeline, compile_time="t")


def test_untyped_constant_is_serialised_from_its_value():
    text = compile_v1(_small({"x": C({"b": [1, 2]})}, source="def use(x):\n    print(x)\n"),
                      compile_time="t")
    assert "args: [--x, '{\"b\": [1, 2]}']" in text


# --- speed ---
def _big(n: int) -> Pipeline:
    add = Component.from_source(
        'def add(a: int, b: int) -> int:\n    """Adds."""\n    return a + b\n', id="add")
    show = Component.from_source("def show(x: int):\n    print(x)\n", id="show")
    tasks, prev = [Task("t0", "t0", "add", {"a": P("p"), "b": C(1)})], "t0"
    for i in range(1, n):
        if i % 2:
            tasks.append(Task(f"t{i}", f"t{i}", "show", {"x": O(prev)}))
        else:
            tasks.append(Task(f"t{i}", f"t{i}", "add", {"a": O(prev), "b": C(i)}))
            prev = f"t{i}"
    return Pipeline("big", params=[PipelineParam("p", "int", 1, True)], components=[add, show],
                    tasks=tasks)


def test_a_thousand_tasks_compile():
    pipeline = _big(1000)
    text = compile_v1(pipeline, compile_time="t")
    assert text.count("\n  - name: ") == 1001  # 1000 container templates and the DAG
    # How long it takes, next to kfp 1.8.9 on the same pipeline: tests/bench/compile_bench.py.


def test_no_qt_and_no_kfp_imported():
    code = ("import sys; from designer.compiler.v1 import compile_v1; "
            "from designer.ir import Pipeline; compile_v1(Pipeline('p'), compile_time='t'); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'kfp')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
