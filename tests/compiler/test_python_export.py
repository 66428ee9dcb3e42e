"""export_python: the shape of the generated module (no kfp, no black needed here).

The black-formatting and real-kfp checks live in test_python_export_black.py and
tests/test_oracle_export.py; the round trip through our importer in
test_python_export_roundtrip.py.
"""
from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest
import yaml

from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python, lay_out, string_literal, width
from designer.ir import (Component, Constant, InputError, OutputRef, ParamRef, Pipeline,
                         PipelineParam, Task)

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.py"

PRINT = "def print_and_return_number(number: int) -> int:\n    print(number)\n    return number\n"
SUM = "def sum_and_print_numbers(number_1: int, number_2: int):\n    print(number_1 + number_2)\n"


def tutorial() -> Pipeline:
    c1, c2 = Component.from_source(PRINT, id="c1"), Component.from_source(SUM, id="c2")
    return Pipeline("example_pipeline", params=[PipelineParam("number_1", "int"),
                                                PipelineParam("number_2", "int")],
                    components=[c1, c2], tasks=[
                        Task("t1", "number_1_result", "c1", {"number": ParamRef("number_1")}),
                        Task("t2", "number_2_result", "c1", {"number": ParamRef("number_2")}),
                        Task("t3", "sum_result", "c2", {"number_1": OutputRef("t1", "Output"),
                                                        "number_2": OutputRef("t2", "Output")})])


def one_task(source: str, arguments: dict, **component) -> Pipeline:
    comp = Component.from_source(source, id="c", **component)
    return Pipeline("p", components=[comp], tasks=[Task("t", "task", "c", arguments)])


def pipeline_body(text: str) -> list[ast.stmt]:
    tree = ast.parse(text)
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef)
                and any("pipeline" in ast.unparse(d) for d in n.decorator_list))
    return func.body


def call_of(text: str, variable: str) -> ast.Call:
    for stmt in pipeline_body(text):
        if isinstance(stmt, ast.Assign) and stmt.targets[0].id == variable:
            return stmt.value
    raise AssertionError(f"no assignment to {variable}")


def non_blank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- the tutorial ------------------------------------------------------------------------

def test_v1_is_the_tutorials_final_code():
    """Same lines as the tutorial's final code; only blank lines differ (black's two
    blank lines between top-level definitions, which the tutorial does not have)."""
    ours = export_python(tutorial(), "v1")
    reference = REFERENCE.read_text(encoding="utf-8")
    assert non_blank(ours) == non_blank(reference)
    # the stage break the tutorial makes before the task that sums
    assert "number_2_result = print_and_return_number(number_2)\n\n    sum_result" in ours


def test_v2_uses_the_v2_dsl_and_keywords_only():
    text = export_python(tutorial(), "v2")
    tree = ast.parse(text)
    imports = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert imports == ["from kfp import compiler", "from kfp import dsl"]
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [[ast.unparse(d) for d in f.decorator_list] for f in funcs] == [
        ["dsl.component"], ["dsl.component"], ["dsl.pipeline(name='example_pipeline')"]]
    calls = [s.value for s in funcs[2].body]
    assert all(not c.args and c.keywords for c in calls)
    assert ast.unparse(calls[0]) == "print_and_return_number(number=number_1)"
    main = tree.body[-1]
    assert ast.unparse(main.test) == "__name__ == '__main__'"
    assert ast.unparse(main.body[0]) == \
        "compiler.Compiler().compile(example_pipeline, 'example_pipeline.yaml')"


def test_the_compile_block_names_the_file_after_the_function():
    p = tutorial()
    p.function_name = "adder"
    assert 'kfp.compiler.Compiler().compile(adder, "adder.yaml")' in export_python(p, "v1")
    p.function_name = None
    p.name = "My Pipeline!"
    text = export_python(p, "v1")
    assert "def my_pipeline(" in text and '"my_pipeline.yaml"' in text
    assert '@pipeline(name="My Pipeline!")' in text


def test_description_goes_in_the_decorator():
    p = tutorial()
    p.description = 'Adds "two" numbers'
    assert """@pipeline(name="example_pipeline", description='Adds "two" numbers')""" \
        in export_python(p, "v1")


# --- components ----------------------------------------------------------------------------

def test_component_source_is_written_byte_for_byte():
    odd = ("def odd( x:int=1 ,y : str='a' )->int :  # keep this\n"
           "    '''doc'''\n"
           "    z = {'k':[1,2 ]}\t# tab\n"
           "\n"
           "    return x\n")
    text = export_python(one_task(odd, {}), "v1")
    assert "@create_component_from_func\n" + odd.rstrip("\n") + "\n\n\n" in text
    assert odd.rstrip("\n") in export_python(one_task(odd, {}), "v2")


def test_blank_lines_around_a_source_are_trimmed_only():
    source = "\n\ndef f(a: int):\n    print(a)\n\n\n"
    text = export_python(one_task(source, {"a": Constant(1)}), "v1")
    assert "@create_component_from_func\ndef f(a: int):\n    print(a)\n\n\n@pipeline" in text


def test_v1_options_use_the_call_form_after_the_function():
    src = "def train(rate: float) -> float:\n    return rate\n"
    p = one_task(src, {"rate": Constant(0.5)}, base_image="python:3.9",
                 packages_to_install=["pandas==2.0", "numpy"])
    text = export_python(p, "v1")
    assert "@create_component_from_func" not in text
    assert (src + "\n\ntrain = create_component_from_func(\n"
            '    train, base_image="python:3.9", packages_to_install=["pandas==2.0", "numpy"]\n'
            ")\n") in text


def test_v2_options_go_in_the_decorator():
    src = "def train(rate: float) -> float:\n    return rate\n"
    p = one_task(src, {"rate": Constant(0.5)}, base_image="python:3.9")
    assert '@dsl.component(base_image="python:3.9")\n' + src in export_python(p, "v2")
    p.components[0].packages_to_install = ["pandas"]
    assert '@dsl.component(base_image="python:3.9", packages_to_install=["pandas"])\n' \
        in export_python(p, "v2")


@pytest.mark.parametrize("target", ["v1", "v2"])
def test_typing_names_used_by_annotations_are_imported(target):
    src = ("def split(xs: List[int], opts: Optional[Dict[str, Any]] = None, "
           "n: typing.Any = 1) -> NamedTuple('Outputs', [('head', int), ('rest', List[int])]):\n"
           "    return xs[0], xs[1:]\n")
    text = export_python(one_task(src, {"xs": Constant([1, 2])}), target)
    tree = ast.parse(text)
    assert ast.unparse(tree.body[0]) == "import typing"
    assert ast.unparse(tree.body[1]) == \
        "from typing import Any, Dict, List, NamedTuple, Optional"
    assert text.startswith("import typing\nfrom typing import Any, Dict, List, NamedTuple, "
                           "Optional\n\n")


def test_no_typing_import_without_typing_annotations():
    text = export_python(tutorial(), "v1")
    assert "typing" not in text


def test_parameter_annotations_count_for_imports():
    p = tutorial()
    p.params.append(PipelineParam("extra", "List[int]", [1], True))
    assert "from typing import List\n" in export_python(p, "v1")


def test_long_typing_import_is_parenthesised_one_name_a_line():
    names = ["AbstractSet", "AsyncContextManager", "AsyncGenerator", "Awaitable",
             "ByteString", "ChainMap", "Collection", "Coroutine", "DefaultDict", "FrozenSet"]
    args = ", ".join(f"a{i}: {n} = None" for i, n in enumerate(names))
    text = export_python(one_task(f"def f({args}):\n    pass\n", {}), "v1")
    assert text.startswith("from typing import (\n" + "".join(f"    {n},\n" for n in names)
                           + ")\n")


# --- the pipeline function ---------------------------------------------------------------

def test_parameters_keep_types_and_defaults():
    p = tutorial()
    p.params[1] = PipelineParam("number_2", "int", 5, True)
    p.params.append(PipelineParam("label", None, "x", True))
    text = export_python(p, "v1")
    assert 'def example_pipeline(number_1: int, number_2: int = 5, label="x"):' in text


def test_parameter_without_default_after_one_with_is_refused():
    p = tutorial()
    p.params[0] = PipelineParam("number_1", "int", 1, True)
    with pytest.raises(InputError, match="`number_2` has no default but comes after "
                                         "`number_1`"):
        export_python(p, "v1")


def test_single_output_uses_output_and_named_outputs_use_outputs():
    named = ("def stats(xs: list) -> NamedTuple('Outputs', [('mean', float)]):\n"
             "    return (sum(xs) / len(xs),)\n")
    use = "def use(a: float, b: int):\n    print(a, b)\n"
    comps = [Component.from_source(PRINT, id="c1"), Component.from_source(named, id="c2"),
             Component.from_source(use, id="c3")]
    p = Pipeline("p", components=comps, tasks=[
        Task("t1", "number", "c1", {"number": Constant(3)}),
        Task("t2", "summary", "c2", {"xs": Constant([1.0])}),
        Task("t3", "used", "c3", {"a": OutputRef("t2", "mean"), "b": OutputRef("t1", "Output")}),
    ])
    for target in ("v1", "v2"):
        call = call_of(export_python(p, target), "used")
        assert {k.arg: ast.unparse(k.value) for k in call.keywords} == {
            "a": "summary.outputs['mean']", "b": "number.output"}


def test_constants_are_python_literals_of_the_same_value():
    src = "def f(a, b, c, d, e, g, h, i):\n    pass\n"
    values = {"a": 'it\'s "quoted"\n', "b": -3, "c": 1e-07, "d": True, "e": None,
              "g": [1, "x", [2.5, {"k": False}]], "h": {"파이프라인": "ü", "n": {}}, "i": ""}
    p = one_task(src, {k: Constant(v) for k, v in values.items()})
    for target in ("v1", "v2"):
        call = call_of(export_python(p, target), "task")
        assert {k.arg: ast.literal_eval(k.value) for k in call.keywords} == values


def test_non_finite_floats_are_spelled_as_calls():
    p = one_task("def f(a: float, b: float):\n    pass\n",
                 {"a": Constant(math.inf), "b": Constant(-math.inf)})
    call = call_of(export_python(p, "v1"), "task")
    assert [ast.unparse(k.value) for k in call.keywords] == ["float('inf')", "float('-inf')"]


def test_v1_passes_a_lone_required_first_argument_positionally():
    assert ast.unparse(call_of(export_python(tutorial(), "v1"), "number_1_result")) == \
        "print_and_return_number(number_1)"
    # not when the input has a default, or is not the first, or with several arguments
    src = "def f(a: int = 1, b: int = 2):\n    pass\n"
    call = call_of(export_python(one_task(src, {"a": Constant(3)}), "v1"), "task")
    assert not call.args and [k.arg for k in call.keywords] == ["a"]
    src = "def f(a: int, b: int = 2):\n    pass\n"
    call = call_of(export_python(one_task(src, {"a": Constant(3), "b": Constant(4)}), "v1"),
                   "task")
    assert not call.args and [k.arg for k in call.keywords] == ["a", "b"]


def test_v1_keywords_are_kfps_pythonic_names_v2_keeps_them():
    src = "def f(numberOne: int, Second_Value: str = 'x'):\n    pass\n"
    p = one_task(src, {"numberOne": Constant(1), "Second_Value": Constant("y")})
    assert [k.arg for k in call_of(export_python(p, "v1"), "task").keywords] == \
        ["numberone", "second_value"]
    assert [k.arg for k in call_of(export_python(p, "v2"), "task").keywords] == \
        ["numberOne", "Second_Value"]


def test_arguments_follow_the_component_signature_order():
    p = tutorial()
    t3 = p.tasks[2]
    t3.arguments = dict(reversed(list(t3.arguments.items())))
    call = call_of(export_python(p, "v2"), "sum_result")
    assert [k.arg for k in call.keywords] == ["number_1", "number_2"]


def test_after_is_a_statement_after_the_task():
    p = tutorial()
    p.tasks[1].after = ["t1"]
    p.tasks[2].after = ["t2", "t1"]
    body = [ast.unparse(s) for s in pipeline_body(export_python(p, "v1"))]
    assert body[2] == "number_2_result.after(number_1_result)"
    assert body[4] == "sum_result.after(number_2_result, number_1_result)"


def test_tasks_keep_document_order_unless_an_upstream_comes_later():
    comp = Component.from_source(PRINT, id="c")
    a = Task("a", "a", "c", {"number": Constant(1)})
    b = Task("b", "b", "c", {"number": OutputRef("a", "Output")})
    c = Task("c", "c", "c", {"number": Constant(2)})
    p = Pipeline("p", components=[comp], tasks=[a, b, c])
    order = [s.targets[0].id for s in pipeline_body(export_python(p, "v1"))]
    assert order == ["a", "b", "c"]
    p.tasks = [b, c, a]  # b needs a, which the document has last
    order = [s.targets[0].id for s in pipeline_body(export_python(p, "v1"))]
    assert order == ["c", "a", "b"]


def test_a_pipeline_without_tasks_has_a_pass_body():
    p = Pipeline("empty", components=[Component.from_source(PRINT, id="c")])
    assert [ast.unparse(s) for s in pipeline_body(export_python(p, "v1"))] == ["pass"]
    assert "create_component_from_func" in export_python(p, "v1")
    assert "create_component_from_func" not in export_python(Pipeline("empty"), "v1")


# --- names that would clash --------------------------------------------------------------

def test_a_task_named_like_a_component_gets_another_variable():
    p = tutorial()
    p.tasks[0].name = "print_and_return_number"
    text = export_python(p, "v1")
    assert ast.unparse(call_of(text, "print_and_return_number_task")) == \
        "print_and_return_number(number_1)"
    assert "number_1=print_and_return_number_task.output" in text


def test_a_task_named_like_a_parameter_gets_another_variable():
    p = tutorial()
    p.tasks[2].name = "number_1"
    body = [ast.unparse(s) for s in pipeline_body(export_python(p, "v2"))]
    assert body[-1].startswith("number_1_task = sum_and_print_numbers(")


def test_a_pipeline_function_named_like_a_component_is_renamed():
    p = tutorial()
    p.function_name = "sum_and_print_numbers"
    text = export_python(p, "v1")
    assert "def sum_and_print_numbers_pipeline(" in text
    assert '"sum_and_print_numbers_pipeline.yaml"' in text


@pytest.mark.parametrize("target,name", [("v1", "pipeline"), ("v1", "kfp"), ("v2", "dsl"),
                                         ("v2", "compiler")])
def test_a_component_hiding_an_import_is_refused(target, name):
    p = one_task(f"def {name}(a: int):\n    pass\n", {"a": Constant(1)})
    with pytest.raises(InputError, match=f"`{name}` would hide the imported `{name}`"):
        export_python(p, target)


def test_a_parameter_named_like_a_component_is_refused():
    p = tutorial()
    p.params[0].name = "sum_and_print_numbers"
    p.tasks[0].arguments["number"] = ParamRef("sum_and_print_numbers")
    with pytest.raises(InputError, match="Parameter `sum_and_print_numbers` has the name of a "
                                         "component"):
        export_python(p, "v1")


def test_an_invalid_pipeline_is_refused_with_its_errors():
    p = tutorial()
    del p.tasks[2].arguments["number_2"]
    with pytest.raises(InputError, match="required input `number_2` has no value"):
        export_python(p, "v1")


def test_unknown_target():
    with pytest.raises(ValueError, match="unknown target 'v3'"):
        export_python(tutorial(), "v3")


# --- determinism ---------------------------------------------------------------------------

def test_ids_never_reach_the_output_and_output_is_stable():
    p, q = tutorial(), tutorial()
    renamed = {"c1": "x9", "c2": "y8", "t1": "k1", "t2": "k2", "t3": "k3"}
    for c in q.components:
        c.id = renamed[c.id]
    for t in q.tasks:
        t.id, t.component_id = renamed[t.id], renamed[t.component_id]
        t.arguments = {k: OutputRef(renamed[a.task_id], a.output) if isinstance(a, OutputRef)
                       else a for k, a in t.arguments.items()}
    for target in ("v1", "v2"):
        assert export_python(p, target) == export_python(q, target) == export_python(p, target)


# --- the layout engine's building blocks ------------------------------------------------

@pytest.mark.parametrize("s", ["", "plain", "it's", 'say "hi"', "both ' and \"", "\\'\"",
                               "tab\tnl\n", "\x00\x85\u2028", "파이프라인", "e\u0301"])
def test_string_literal_round_trips_and_prefers_double_quotes(s):
    lit = string_literal(s)
    assert ast.literal_eval(lit) == s
    if '"' not in s:
        assert lit.startswith('"')


def test_width_counts_wide_characters_twice():
    assert width("abc") == 3
    assert width("파이프") == 6
    assert width("e\u0301") == 2  # combining marks are not wide


def test_lines_that_fit_are_left_alone_and_long_calls_split():
    from designer.compiler.python_source import Group
    short = ["f", Group("(", [["a"], ["b"]], ")")]
    assert lay_out(short, 0) == ["f(a, b)"]
    long_args = [[f"argument_number_{i}={i}"] for i in range(8)]
    lines = lay_out(["call", Group("(", long_args, ")")], 1)
    assert lines[0] == "    call("
    assert lines[-1] == "    )"
    assert all(len(line) <= 88 for line in lines)
    assert lines[1:-1] == [f"        argument_number_{i}={i}," for i in range(8)]


@pytest.mark.parametrize("name,function", [("as", "as_pipeline"), ("import", "import_pipeline"),
                                           ("3 steps", "pipeline_3_steps")])
def test_the_pipeline_function_name_is_always_an_identifier(name, function):
    p = tutorial()
    p.name = name
    text = export_python(p, "v1")
    assert f"def {function}(" in text and f'"{function}.yaml"' in text
    p.name, p.function_name = "x", "bad name"
    assert "def bad_name(" in export_python(p, "v2")


def test_parameter_descriptions_become_param_lines_of_the_docstring():
    p = tutorial()
    p.params[0].description = "The first.\nSecond line with a \\ and \"\"\"."
    # A blank description is compiled as it is (both SDKs write it): no docstring can say it.
    p.params[1].description = "  "
    v1 = yaml.safe_load(compile_pipeline(p, "v1", compile_time="2023-11-14T22:13:20"))
    spec = json.loads(v1["metadata"]["annotations"]["pipelines.kubeflow.org/pipeline_spec"])
    assert spec["inputs"][1]["description"] == "  "
    with pytest.raises(InputError, match="`number_2` has spaces or control characters"):
        export_python(p, "v2")
    p.params[1].description = None
    func = ast.parse(export_python(p, "v2")).body[-2]
    assert ast.get_docstring(func) == (
        ":param number_1: The first.\nSecond line with a \\ and \"\"\".")
    assert len(func.body) == 4
    p.params[0].description = 'Say "hi"'
    assert '    """:param number_1: Say "hi" """\n' in export_python(p, "v1")


def test_a_description_a_docstring_cannot_keep_is_refused():
    """Found by tests/fuzz: a parameter description ending in a form feed (kfp keeps it when
    it reads Args:) came back without it from the exported docstring."""
    p = tutorial()
    p.params[0].description = "The word to repeat.\f"
    with pytest.raises(InputError, match="description of parameter `number_1` has spaces or "
                                         "control characters at the ends of a line"):
        export_python(p, "v1")
    p.params[0].description = "The word to repeat.\nSecond line."
    assert ":param number_1: The word to repeat." in export_python(p, "v1")
