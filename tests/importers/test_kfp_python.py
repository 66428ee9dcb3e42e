"""kfp Python -> IR: the reference pipeline and every supported form (v1 and v2 DSL)."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from designer.importers import import_python, load_pipeline_file
from designer.ir import Constant, OutputRef, ParamRef, Pipeline, errors

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.py"


def shape(p: Pipeline) -> dict:
    """The pipeline with ids replaced by names, for comparisons."""
    task_names = {t.id: t.name for t in p.tasks}
    comp_names = {c.id: c.name for c in p.components}

    def arg(a):
        if isinstance(a, Constant):
            return ("const", a.value)
        if isinstance(a, ParamRef):
            return ("param", a.name)
        assert isinstance(a, OutputRef)
        return ("out", task_names[a.task_id], a.output)

    return {
        "name": p.name, "description": p.description, "function_name": p.function_name,
        "params": [(x.name, x.annotation, x.default, x.has_default) for x in p.params],
        "components": [(c.name, c.base_image, c.packages_to_install) for c in p.components],
        "tasks": [(t.name, comp_names[t.component_id],
                   {k: arg(v) for k, v in t.arguments.items()},
                   [task_names[i] for i in t.after]) for t in p.tasks],
    }


def imp(source: str) -> Pipeline:
    return import_python(textwrap.dedent(source), "pipe.py")


V1_HEAD = """\
from typing import NamedTuple
from kfp import dsl
from kfp.components import create_component_from_func

@create_component_from_func
def add(a: int, b: int = 2) -> int:
    return a + b

@create_component_from_func
def pair(numberA: int) -> NamedTuple('Outputs', [('Sum', int), ('prod', int)]):
    return (numberA, numberA)

@create_component_from_func
def sink(value: int, label: str = "v"):
    print(label, value)

"""


def v1(body: str, params: str = "n: int = 1") -> Pipeline:
    return import_python(V1_HEAD + f'@dsl.pipeline(name="p")\ndef p({params}):\n'
                         + textwrap.indent(textwrap.dedent(body), "    "), "pipe.py")


# --- the reference ---------------------------------------------------------------------

def test_reference_pipeline_gives_the_expected_ir():
    p = load_pipeline_file(REFERENCE)
    assert shape(p) == {
        "name": "example_pipeline", "description": None, "function_name": "example_pipeline",
        "params": [("number_1", "int", None, False), ("number_2", "int", None, False)],
        "components": [("print_and_return_number", None, []),
                       ("sum_and_print_numbers", None, [])],
        "tasks": [
            ("number_1_result", "print_and_return_number", {"number": ("param", "number_1")}, []),
            ("number_2_result", "print_and_return_number", {"number": ("param", "number_2")}, []),
            ("sum_result", "sum_and_print_numbers",
             {"number_1": ("out", "number_1_result", "Output"),
              "number_2": ("out", "number_2_result", "Output")}, []),
        ],
    }
    sources = [c.source for c in p.components]
    assert sources == [
        "def print_and_return_number(number: int) -> int:\n    print(number)\n    return number\n",
        "def sum_and_print_numbers(number_1: int, number_2: int):\n"
        "    print(number_1 + number_2)\n",
    ]
    # Ids are fresh and distinct; tasks point at the components' ids.
    ids = [c.id for c in p.components] + [t.id for t in p.tasks]
    assert len(set(ids)) == len(ids) == 5
    assert p.tasks[0].component_id == p.tasks[1].component_id == p.components[0].id
    assert errors(p) == []


def test_reference_pipeline_compiles_to_the_reference_yaml():
    """Import, then our v1 compiler: the tutorial's YAML, byte for byte (its own time)."""
    from designer.compiler import compile_pipeline

    expected = REFERENCE.with_suffix(".yaml").read_text(encoding="utf-8")
    stamp = re.search(r"pipeline_compilation_time: '([^']+)'", expected).group(1)
    assert compile_pipeline(load_pipeline_file(REFERENCE), "v1", compile_time=stamp) == expected


def test_reimporting_gives_new_ids_but_the_same_pipeline():
    a, b = load_pipeline_file(REFERENCE), load_pipeline_file(REFERENCE)
    assert shape(a) == shape(b)
    assert {t.id for t in a.tasks}.isdisjoint(t.id for t in b.tasks)


# --- kfp v1 spellings --------------------------------------------------------------------

@pytest.mark.parametrize("imports, component_dec, pipeline_dec", [
    ("from kfp.components import create_component_from_func\nfrom kfp import dsl",
     "@create_component_from_func", "@dsl.pipeline(name='x')"),
    ("from kfp.components import func_to_container_op\nfrom kfp.dsl import pipeline",
     "@func_to_container_op", "@pipeline(name='x')"),
    ("import kfp", "@kfp.components.create_component_from_func", "@kfp.dsl.pipeline(name='x')"),
    ("import kfp.components as comp\nimport kfp.dsl as d",
     "@comp.func_to_container_op", "@d.pipeline('x')"),
    ("from kfp import components as c, dsl\n",
     "@c.create_component_from_func", "@dsl.pipeline(name='x')"),
    ("from kfp.components import create_component_from_func as ccff\n"
     "from kfp.dsl import pipeline as pl", "@ccff", "@pl(name='x')"),
])
def test_v1_import_spellings_and_aliases(imports, component_dec, pipeline_dec):
    p = imp(f"""\
{imports}

{component_dec}
def double(a: int) -> int:
    return a * 2

{pipeline_dec}
def my_pipe(a: int = 3):
    double(a)
""")
    assert shape(p)["tasks"] == [("double_task", "double", {"a": ("param", "a")}, [])]
    assert p.name == "x"
    assert p.components[0].source == "def double(a: int) -> int:\n    return a * 2\n"


def test_v1_call_form_and_partial_decorator_carry_options():
    p = imp("""\
        import functools
        from functools import partial
        import kfp
        from kfp.components import create_component_from_func, func_to_container_op

        IMAGE = "python:3.9-slim"

        def first(a: int) -> int:
            return a

        def second(a: int) -> int:
            return a

        first_op = create_component_from_func(first, base_image=IMAGE,
                                              packages_to_install=["numpy==1.26", "pandas"])
        second_op = func_to_container_op(second, None, "python:3.8")  # positional options
        same_first = first_op

        @functools.partial(create_component_from_func, base_image="img:1")
        def third(a: int) -> int:
            return a

        @partial(func_to_container_op, packages_to_install=[])
        def fourth(a: int):
            pass

        @kfp.dsl.pipeline(name="options")
        def options(a: int = 1):
            x = first_op(a)
            y = same_first(x.output)
            z = second_op(y.output)
            third(z.output)
            fourth(a=1)
        """)
    assert shape(p)["components"] == [
        ("first", "python:3.9-slim", ["numpy==1.26", "pandas"]),
        ("second", "python:3.8", []),
        ("third", "img:1", []),
        ("fourth", None, []),
    ]
    assert [t[:2] for t in shape(p)["tasks"]] == [
        ("x", "first"), ("y", "first"), ("z", "second"), ("third_task", "third"),
        ("fourth_task", "fourth")]
    # The call form captures the plain function's source; the decorator lines are dropped.
    assert p.components[0].source == "def first(a: int) -> int:\n    return a\n"
    assert p.components[2].source == "def third(a: int) -> int:\n    return a\n"


def test_output_component_file_is_ignored_and_the_same_wrapping_twice_is_one_component():
    p = imp("""\
        from kfp import dsl
        from kfp.components import create_component_from_func as ccff

        def f(a: int) -> int:
            return a

        f_op = ccff(f, output_component_file="f.yaml")
        f_again = ccff(f)

        @dsl.pipeline(name="x")
        def x():
            f_op(1)
            f_again(2)
        """)
    assert len(p.components) == 1
    assert {t.component_id for t in p.tasks} == {p.components[0].id}


def test_v1_body_forms():
    p = v1("""\
        \"\"\"A docstring in the body is skipped.\"\"\"
        first = add(n, b=5)
        add(first.output)
        add(a=first.output)
        both = pair(first.output)
        sink(both.outputs['Sum'], "sum")
        sink(value=both.outputs['prod'], label="prod").after(first)
        last = sink(add(7).output)
        last.after(both, first)
        pass
        """)
    assert shape(p)["tasks"] == [
        ("first", "add", {"a": ("param", "n"), "b": ("const", 5)}, []),
        ("add_task", "add", {"a": ("out", "first", "Output")}, []),
        ("add_task_2", "add", {"a": ("out", "first", "Output")}, []),
        ("both", "pair", {"numberA": ("out", "first", "Output")}, []),
        ("sink_task", "sink", {"value": ("out", "both", "Sum"), "label": ("const", "sum")}, []),
        ("sink_task_2", "sink", {"value": ("out", "both", "prod"), "label": ("const", "prod")},
         ["first"]),
        # The inline call is evaluated first, so it is created (and named) first.
        ("add_task_3", "add", {"a": ("const", 7)}, []),
        ("last", "sink", {"value": ("out", "add_task_3", "Output")}, ["both", "first"]),
    ]
    assert errors(p) == []


def test_v1_pythonic_names_for_inputs_and_outputs():
    # kfp v1 factories take `numberA` as `numbera`, and offer `Output` as `output` and
    # `Sum` as `sum` too (verified against kfp 1.8.9 in test_oracles.py).
    p = v1("""\
        two = pair(numbera=n)
        add(two.outputs['sum'], b=add(1).outputs['output'])
        """)
    assert shape(p)["tasks"] == [
        ("two", "pair", {"numberA": ("param", "n")}, []),
        ("add_task", "add", {"a": ("const", 1)}, []),
        ("add_task_2", "add", {"a": ("out", "two", "Sum"), "b": ("out", "add_task", "Output")},
         []),
    ]


def test_v1_positional_arguments_fill_required_inputs_first():
    p = imp("""\
        from kfp import dsl
        from kfp.components import create_component_from_func

        @create_component_from_func
        def f(a: int, b: int = 1, *, c: int, d: int = 4):
            pass

        @dsl.pipeline(name="x")
        def x():
            f(10, 20, 30)
            f(d=1, c=2, a=3)
        """)
    tasks = shape(p)["tasks"]
    assert tasks[0][2] == {"a": ("const", 10), "c": ("const", 20), "b": ("const", 30)}
    # Arguments are kept in the function's parameter order, whatever the call order.
    assert list(p.tasks[0].arguments) == ["a", "b", "c"]
    assert list(p.tasks[1].arguments) == ["a", "c", "d"]


def test_v1_none_is_kept_for_an_optional_input():
    # kfp 1.8.9 then passes no value at all, not even the default (the v1 compiler does the
    # same for Constant(None); test_kfp_python_oracles.py compiles this case both ways).
    p = v1("sink(1, None)\nsink(label=None, value=2)\n")
    assert [t[2] for t in shape(p)["tasks"]] == [
        {"value": ("const", 1), "label": ("const", None)},
        {"value": ("const", 2), "label": ("const", None)}]


def test_constants_literals_and_module_constants():
    p = imp("""\
        from kfp import dsl
        from kfp.components import create_component_from_func

        LABEL = "from the module"
        LIMITS: dict = {"low": -1, "high": 2.5, "tags": ["a", None, True]}
        ALIAS = LABEL

        @create_component_from_func
        def take(s: str, d: dict, l: list, f: float, i: int, b: bool):
            pass

        @dsl.pipeline(name="consts")
        def consts():
            local = "a local constant"
            take(LABEL, LIMITS, [1, "two", {"k": [3]}], -0.5, +7, False)
            take(s=local, d={}, l=[], f=1e3, i=-3, b=True)
            take(ALIAS, {1: "int key"}, [LABEL], 0.0, 0, True)
        """)
    args = [t[2] for t in shape(p)["tasks"]]
    assert args[0] == {"s": ("const", "from the module"),
                       "d": ("const", {"low": -1, "high": 2.5, "tags": ["a", None, True]}),
                       "l": ("const", [1, "two", {"k": [3]}]), "f": ("const", -0.5),
                       "i": ("const", 7), "b": ("const", False)}
    assert args[1] == {"s": ("const", "a local constant"), "d": ("const", {}),
                       "l": ("const", []), "f": ("const", 1000.0), "i": ("const", -3),
                       "b": ("const", True)}
    assert args[2]["s"] == ("const", "from the module")
    assert args[2]["d"] == ("const", {1: "int key"})
    assert args[2]["l"] == ("const", ["from the module"])


def test_local_variables_may_hold_outputs_and_parameters():
    p = v1("""\
        out = add(n).output
        param = n
        add(out, param)
        """)
    assert shape(p)["tasks"][1][2] == {"a": ("out", "add_task", "Output"), "b": ("param", "n")}


def test_task_names_stay_unique_and_keep_variable_names():
    p = v1("""\
        add_task = add(1)
        x = add(2)
        add(3)
        x = add(4)
        add(x.output)
        add_task_2 = add(add_task.output)
        """)
    # Derived names skip every name the body assigns; a reassigned variable gets _2.
    assert [t[0] for t in shape(p)["tasks"]] == [
        "add_task", "x", "add_task_3", "x_2", "add_task_4", "add_task_2"]
    assert shape(p)["tasks"][4][2] == {"a": ("out", "x_2", "Output")}


def test_pipeline_params_annotations_and_defaults():
    p = imp("""\
        from typing import List
        from kfp import dsl
        from kfp.components import create_component_from_func

        DEFAULT_NAME = "ünïcödé"

        @dsl.pipeline(name="params")
        def params(a: int, b: float = 1.5, c: str = DEFAULT_NAME, d: bool = False,
                   e: List[int] = [1, 2], f: dict = {"k": "v"}, g=None, h="untyped"):
            pass
        """)
    assert shape(p)["params"] == [
        ("a", "int", None, False), ("b", "float", 1.5, True), ("c", "str", "ünïcödé", True),
        ("d", "bool", False, True), ("e", "List[int]", [1, 2], True),
        ("f", "dict", {"k": "v"}, True), ("g", None, None, True), ("h", None, "untyped", True)]
    assert p.tasks == [] and p.components == []


# --- names and descriptions ----------------------------------------------------------------

@pytest.mark.parametrize("decorator, docstring, name, description", [
    ("@dsl.pipeline()", "pass", "My pipe line", None),
    ("@dsl.pipeline(name='')", "pass", "My pipe line", None),
    ("@dsl.pipeline(name='N', description='  padded  ')", "pass", "N", "padded"),
    ("@dsl.pipeline('N', 'given')", '"""Docstring."""', "N", "given"),
    ("@dsl.pipeline(name=None, description='')", '"""First line.\n\n    More text.\n    """',
     "My pipe line", "First line."),
    # cleandoc leaves the entries unindented, Google parsing fails, and the whole text
    # is the description (verified in test_kfp_python_oracles.py).
    ("@dsl.pipeline()", '"""Args:\n        a: only a section.\n    """', "My pipe line",
     "Args:"),
])
def test_v1_pipeline_name_and_description(decorator, docstring, name, description):
    p = import_python(f"from kfp import dsl\n\n{decorator}\ndef my_pipe__line():\n"
                      f"    {docstring}\n", "pipe.py")
    assert (p.name, p.description, p.function_name) == (name, description, "my_pipe__line")


def test_v2_description_joins_short_and_long_docstring_parts():
    p = imp('''\
        from kfp import dsl

        @dsl.pipeline
        def v2_pipe(a: int = 1):
            """Short line.

            Long part
            on two lines.

            Args:
                a: a number.
            """
        ''')
    assert (p.name, p.description) == ("V2 pipe", "Short line.\nLong part\non two lines.")


# --- kfp v2 --------------------------------------------------------------------------------

V2_SOURCE = """\
from typing import NamedTuple
import kfp
from kfp import dsl
from kfp.dsl import component

@dsl.component
def split(text: str, sep: str = ",") -> NamedTuple("Parts", [("head", str), ("count", int)]):
    parts = text.split(sep)
    return (parts[0], len(parts))

@component(base_image="python:3.11", packages_to_install=["requests==2.31.0"])
def report(head: str, count: int = 0) -> str:
    return f"{head}: {count}"

@dsl.component()
def done():
    print("done")

@dsl.pipeline(name="v2-pipe", description="Splits and reports.")
def v2_pipe(text: str = "a,b,c"):
    parts = split(text=text)
    summary = report(head=parts.outputs["head"], count=parts.outputs["count"])
    report(head=summary.output).after(parts)
    finish = done()
    finish.after(summary)

if __name__ == "__main__":
    kfp.compiler.Compiler().compile(v2_pipe, "v2.yaml")
"""


def test_v2_pipeline():
    p = import_python(V2_SOURCE, "v2.py")
    assert shape(p) == {
        "name": "v2-pipe", "description": "Splits and reports.", "function_name": "v2_pipe",
        "params": [("text", "str", "a,b,c", True)],
        "components": [("split", None, []), ("report", "python:3.11", ["requests==2.31.0"]),
                       ("done", None, [])],
        "tasks": [
            ("parts", "split", {"text": ("param", "text")}, []),
            ("summary", "report", {"head": ("out", "parts", "head"),
                                   "count": ("out", "parts", "count")}, []),
            ("report_task", "report", {"head": ("out", "summary", "Output")}, ["parts"]),
            ("finish", "done", {}, ["summary"]),
        ],
    }
    assert p.components[0].signature.named_outputs
    assert p.components[1].source.startswith("def report(head: str, count: int = 0) -> str:\n")
    assert errors(p) == []


def test_v2_single_field_named_tuple_has_an_output():
    p = imp("""\
        from typing import NamedTuple
        from kfp import dsl

        @dsl.component
        def one(a: int) -> NamedTuple("O", [("only", int)]):
            return (a,)

        @dsl.pipeline
        def pipe():
            first = one(a=1)
            one(a=first.output)
        """)
    assert shape(p)["tasks"][1][2] == {"a": ("out", "first", "only")}


# --- what is ignored ----------------------------------------------------------------------

def test_main_block_top_level_code_and_unused_definitions_are_ignored():
    p = imp("""\
        import os
        import kfp
        from kfp import dsl
        from kfp.components import create_component_from_func, load_component_from_file

        print("top-level code is never run")
        loaded = load_component_from_file("elsewhere.yaml")  # unused, so harmless

        def helper():
            return 1

        class Config:
            value = 1

        @create_component_from_func
        def unused(a: int):
            pass

        @create_component_from_func
        def used(a: int):
            pass

        @dsl.pipeline(name="x")
        def x():
            used(1)

        if __name__ == "__main__":
            for i in range(3):
                kfp.compiler.Compiler().compile(x, f"x{i}.yaml")
            helper(undefined_name)
        """)
    assert [c.name for c in p.components] == ["unused", "used"]
    assert [t[0] for t in shape(p)["tasks"]] == ["used_task"]


def test_unicode_names_and_strings():
    p = imp("""\
        from kfp import dsl
        from kfp.components import create_component_from_func

        @create_component_from_func
        def 인사(이름: str) -> str:
            return "안녕, " + 이름

        @dsl.pipeline(name="한국어")
        def 파이프라인(이름: str = "세계"):
            결과 = 인사(이름)
            인사(결과.output)
        """)
    assert shape(p)["tasks"] == [("결과", "인사", {"이름": ("param", "이름")}, []),
                                 ("인사_task", "인사", {"이름": ("out", "결과", "Output")}, [])]
    assert p.name == "한국어"


def test_crlf_and_bom_are_read_like_python_reads_them():
    source = V1_HEAD + '@dsl.pipeline(name="p")\ndef p(n: int = 1):\n    add(n)\n'
    p = import_python("\ufeff" + source.replace("\n", "\r\n"), "crlf.py")
    assert p.components[0].source == "def add(a: int, b: int = 2) -> int:\n    return a + b\n"
    assert shape(p)["tasks"] == [("add_task", "add", {"a": ("param", "n")}, [])]
