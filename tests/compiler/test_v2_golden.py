"""compile_v2 against YAML the real kfp 2.17.3 wrote (tests/compiler/data_v2/NAME.yaml).

Each fixture's IR is built here by hand (component sources are cut from NAME.py, the
tasks and arguments are written out), so these tests hold without the importer; a
second test per fixture goes through the CLI (importer, checks, compiler, file). They
compare bytes, and the parsed YAML with the SDK-version fields (sdkVersion, kfp==X in
the pip line) set aside. Regenerate fixtures with tests/compiler/data_v2/make_fixtures.py
(tests/compiler/test_v2_oracle.py checks they are current).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from designer.compiler.v2 import compile_v2
from designer.ir import (Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam,
                         Task)

DATA = Path(__file__).resolve().parent / "data_v2"
FIXTURES = sorted(p.stem for p in DATA.glob("*.py") if p.stem != "make_fixtures")


def normalise(text: str) -> dict:
    """The parsed YAML without the SDK-version fields."""
    data = yaml.safe_load(text)
    data.pop("sdkVersion")
    for executor in data["deploymentSpec"]["executors"].values():
        command = executor["container"]["command"]
        executor["container"]["command"] = [re.sub(r"'kfp==[^']*'", "'kfp==X'", c)
                                            for c in command]
    return data


# --- a small vocabulary for writing IR by hand --------------------------------------

class Fixture:
    """Components cut from ``NAME.py`` and tasks named by their Python variable."""

    def __init__(self, name: str):
        self.text = (DATA / f"{name}.py").read_text(encoding="utf-8")
        self.funcs = {n.name: n for n in ast.parse(self.text).body
                      if isinstance(n, ast.FunctionDef)}
        self.components: dict[str, Component] = {}
        self.tasks: list[Task] = []

    def component(self, func: str, base_image: str | None = None,
                  packages: list[str] | None = None) -> None:
        node = self.funcs[func]
        lines = self.text.split("\n")[node.lineno - 1:node.end_lineno]
        self.components[func] = Component.from_source(
            "\n".join(lines) + "\n", id=f"c-{func}", base_image=base_image,
            packages_to_install=packages)

    def task(self, var: str, func: str, after: tuple[str, ...] = (), **args) -> None:
        def arg(value):
            if isinstance(value, P):
                return ParamRef(value.name)
            if isinstance(value, O):
                return OutputRef(f"t-{value.task}", value.output)
            return Constant(value)
        self.tasks.append(Task(f"t-{var}", var, f"c-{func}",
                               {k: arg(v) for k, v in args.items()},
                               [f"t-{a}" for a in after]))

    def pipeline(self, name: str, params: list[PipelineParam] = (),
                 description: str | None = None) -> Pipeline:
        return Pipeline(name, description, list(params), list(self.components.values()),
                        self.tasks)


class P:
    def __init__(self, name: str):
        self.name = name


class O:
    def __init__(self, task: str, output: str = "Output"):
        self.task, self.output = task, output


def param(name, annotation, *default, description=None):
    return PipelineParam(name, annotation, default[0] if default else None, bool(default),
                         description)


# --- the fixtures as IR ---------------------------------------------------------------

def tutorial() -> Pipeline:
    f = Fixture("tutorial")
    f.component("print_and_return_number")
    f.component("sum_and_print_numbers")
    f.task("number_1_result", "print_and_return_number", number=P("number_1"))
    f.task("number_2_result", "print_and_return_number", number=P("number_2"))
    f.task("sum_result", "sum_and_print_numbers", number_1=O("number_1_result"),
           number_2=O("number_2_result"))
    return f.pipeline("example_pipeline", [param("number_1", "int"), param("number_2", "int")])


def kinds() -> Pipeline:
    f = Fixture("kinds")
    f.component("produce", "python:3.10-slim", ["numpy==1.26.4", "pandas"])
    f.component("consume")
    f.component("no_inputs", packages=["kfp-kubernetes"])
    f.component("no_io")
    f.component("take_any")
    f.task("a", "produce", n=P("p_int"))
    f.task("b", "consume", **{k: O("a", k) for k in
                              ("total", "ratio", "label", "items", "meta", "flag")})
    f.task("c", "no_inputs")
    f.task("d", "no_io", after=("c",))
    f.task("e", "no_io", after=("b", "c"))
    f.task("f", "take_any", a=0, b=1.0, c="ünï ☃ \n two", d=False, e=[1, "x", [2]],
           f={"b": 2, "a": {"c": 1.5}})
    f.task("g", "take_any", a=-7, b=3.25, c="", d=True, e=[], f={})
    f.task("h", "produce", n=5, x=P("p_float"), s=P("p_str"), b=P("p_bool"), l=P("p_list"),
           d=P("p_dict"))
    return f.pipeline("Kinds Pipeline", [
        param("p_int", "int", 3), param("p_float", "float", 2.0), param("p_str", "str", "abc"),
        param("p_bool", "bool", False), param("p_list", "list", [1, 2]),
        param("p_dict", "dict", {"a": 1}), param("p_req", "str", ""), param("p_int0", "int", 0),
        param("p_neg", "float", -0.5)], "Every kind\nof thing.")


def docstyles() -> Pipeline:
    f = Fixture("docstyles")
    for func in ("google_style", "numpy_style", "rest_style", "epydoc_style", "broken_google",
                 "single_line", "no_docstring"):
        f.component(func)
    f.task("g", "google_style", count=P("n"))
    f.task("np", "numpy_style", alpha=O("g", "total"))
    f.task("r", "rest_style", gamma=P("n"), delta=P("flag"))
    f.task("e", "epydoc_style", epsilon=P("n"))
    f.task("b", "broken_google", zeta=P("n"))
    f.task("s", "single_line", eta=P("n"))
    f.task("x", "no_docstring", theta=P("n"))
    params = [param("n", "int", 1, description="The number."),
              param("flag", "bool", False, description="A flag.")]
    return f.pipeline("docstyles_pipeline", params,
                      "Exercise every docstring style.\nEach component documents its inputs "
                      "differently; kfp turns\nthe docs into descriptions.")


LONG = ("a_component_with_an_extremely_long_function_name_that_goes_on_and_on_to_make_a_key_"
        "longer_than_one_hundred_and_twenty_eight")


def names() -> Pipeline:
    f = Fixture("names")
    for func in ("step", "step_2", "_Private__Thing_", "ñandú_step", "ñ", LONG, "yes", "_1"):
        f.component(func)
    f.task("a", "step", x=1)
    f.task("b", "step", x=2)
    f.task("c", "step_2", x=3)
    f.task("d", "step", x=4)
    f.task("e", "_Private__Thing_", x=5)
    f.task("f", "ñandú_step", x=6)
    f.task("g", "ñ", x=7)
    f.task("h", "ñ", x=8)
    f.task("i", LONG, x=O("a"))
    f.task("j", LONG, after=("h",), x=O("i"))
    f.task("k", "yes", x=O("j"))  # task "yes" and task "1": names YAML must quote
    f.task("m", "_1", after=("a",), x=O("k"))
    f.task("n", "yes", x=O("m"))
    return f.pipeline("Names & Dedup!")


def order_after() -> Pipeline:
    f = Fixture("order_after")
    for func in ("source", "combine", "tick"):
        f.component(func)
    f.task("first", "source", seed=P("seed"))
    f.task("left", "source", seed=O("first"))
    f.task("right", "source", seed=O("first"))
    f.task("t1", "tick", after=("left",))
    f.task("joined", "combine", after=("t1", "left", "first"), a=O("left"), b=O("right"))
    f.task("t2", "tick", after=("joined",))
    f.task("t3", "tick", after=("t2", "t1", "right"))
    return f.pipeline("order-after",
                      [param("seed", "int", 7), param("unused", "str", "never used")],
                      "Diamond with extra .after() edges.\n\nSecond paragraph.")


STRING_PARAMS = [
    ("plain", "hello"), ("spaced", "  leading and trailing  "), ("looks_bool", "yes"),
    ("looks_null", "null"), ("looks_int", "123"), ("colon", "key: value"),
    ("long", "a fairly long default string that should be folded by the yaml emitter because "
             "it runs past eighty columns"),
]
STRING_CONSTANTS = [
    "", "true", "1e5", "0x1F", "2001-12-14", "- dash", "# hash", "it's \"quoted\" \\ backslash",
    "tab\there", "line one\nline two\n\nline four\n", "{{$}}", "ends with space ", "~",
    "a" * 150, "word " * 40, "☃ snow ☃ " * 12, "emoji 😀 astral",
    "bell\x07 and nul-ish \x1b escape",
]


def strings() -> Pipeline:
    f = Fixture("strings")
    f.component("echo")
    for i, (name, _) in enumerate(STRING_PARAMS):
        f.task(f"p{i}", "echo", text=P(name))
    for i, text in enumerate(STRING_CONSTANTS):
        f.task(f"c{i}", "echo", text=text)
    return f.pipeline("strings", [param(n, "str", d) for n, d in STRING_PARAMS])


def types_forms() -> Pipeline:
    f = Fixture("types_forms")
    f.component("typed", "gcr.io:443/my-project/image:tag-1.0",
                ["requests>=2,<3", "it's-quoted", 'pkg[extra]==1.0 ; python_version>"3.8"'])
    f.component("brings_kfp", packages=["kfp==2.17.3", "pandas"])
    f.component("later", "python:3.12")
    f.task("t", "typed", a=P("p_list"), b={"x": 1.5}, c=["a", "b"], d=[1, [2, 3], {"k": "v"}],
           e={"nested": {"deep": [True, False]}}, f=P("p_opt"), h=P("p_dict"))
    f.task("u", "brings_kfp")
    f.task("v", "brings_kfp", x=2.5)
    f.task("w", "later", after=("t", "u"), y=7)
    f.task("later_task", "later", after=("v", "w"), y=8)
    return f.pipeline("types-forms", [
        param("p_list", "List[int]", [3, 2, 1]), param("p_opt", "Optional[int]", None),
        param("p_dict", "Dict[str, int]", {"only": 1})], "")


def unicode_all() -> Pipeline:
    f = Fixture("unicode_all")
    f.component("grüße")
    f.component("한국어")
    f.task("g", "grüße", número=P("numero"), texto=P("nombre"))
    f.task("k1", "한국어", 값=O("g"))
    f.task("k2", "한국어", 값="직접 값")
    return f.pipeline("unicode-all", [param("numero", "int", 1), param("nombre", "str", "José")],
                      "Ünïcödé pipeline ☃\nzweite Zeile")


BY_HAND = {f.__name__: f for f in (tutorial, kinds, docstyles, names, order_after, strings,
                                   types_forms, unicode_all)}


def test_every_fixture_has_an_ir_and_a_yaml():
    assert sorted(BY_HAND) == FIXTURES
    assert all((DATA / f"{name}.yaml").is_file() for name in FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_by_hand_matches_kfp(name):
    expected = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
    ours = compile_v2(BY_HAND[name]())
    assert normalise(ours) == normalise(expected)
    assert ours == expected


def test_kfp_version_sets_pip_pin_and_sdk_version():
    ours = compile_v2(tutorial(), kfp_version="2.9.0")
    assert "'kfp==2.9.0'" in ours and "kfp==2.17.3" not in ours
    assert ours.endswith("sdkVersion: kfp-2.9.0\n")
    expected = (DATA / "tutorial.yaml").read_text(encoding="utf-8")
    assert normalise(ours) == normalise(expected)
    assert ours != expected


def test_same_input_same_bytes_and_no_state_between_calls():
    first = compile_v2(kinds())
    compile_v2(names())
    assert compile_v2(kinds()) == first


def test_threads_compile_independently():
    # The YAML writer keeps emitter state while it writes; each thread has its own.
    from concurrent.futures import ThreadPoolExecutor
    builders = [strings, kinds, unicode_all, names] * 4
    expected = {b.__name__: compile_v2(b()) for b in builders}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda b: (b.__name__, compile_v2(b())), builders))
    assert all(text == expected[name] for name, text in results)


@pytest.mark.parametrize("name", FIXTURES)
def test_body_is_pyyaml_dump_of_itself(name):
    # Independent of kfp: after the comment header, the text is exactly what
    # yaml.dump(sort_keys=True) writes for its own parse (kfp's writer).
    text = compile_v2(BY_HAND[name]())
    body = text[text.index("\ncomponents:\n") + 1:]
    assert body == yaml.dump(yaml.safe_load(body), sort_keys=True)


def test_task_names_yaml_would_misread_are_quoted():
    # Tasks named "yes" and "1" (from functions `yes` and `_1`) without any long name.
    f = Fixture("names")
    f.component("yes")
    f.component("_1")
    f.task("k", "yes", x=1)
    f.task("m", "_1", after=("k",), x=O("k"))
    f.task("n", "yes", x=O("m"))
    text = compile_v2(f.pipeline("quoting"))
    assert "\n      'yes':\n" in text and "\n      '1':\n" in text
    assert "producerTask: 'yes'" in text and "        - '1'\n" in text
    body = text[text.index("\ncomponents:\n") + 1:]
    assert body == yaml.dump(yaml.safe_load(body), sort_keys=True)


@pytest.mark.parametrize("name", FIXTURES)
def test_cli_compile_matches_kfp(name, tmp_path):
    # The whole path a user takes: kfp-designer compile NAME.py --target v2 -o out.yaml
    from designer.cli import main
    out = tmp_path / f"{name}.yaml"
    assert main(["compile", str(DATA / f"{name}.py"), "--target", "v2", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (DATA / f"{name}.yaml").read_text(encoding="utf-8")
