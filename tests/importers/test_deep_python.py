"""Deep but valid Python and huge integers: compiled, or refused with a line; never a
RecursionError nor a ValueError from Python's int-str limit (issue 10).

The golden ``deep_expressions.py`` proves the compiled output equals kfp's for a 1,000-term
sum in a component body; here every other place a deep expression or a huge integer can sit.
"""
import pytest

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python
from designer.ir import Constant, InputError, errors, validate

TEMPLATE = '''from kfp.components import create_component_from_func
from kfp.dsl import pipeline
{module}

@create_component_from_func
def g(x: {ann} = {default}) -> {ret}:
    y = {body}
    return 1

@pipeline(name="p")
def p(a: {param_ann} = {param_default}):
    t = g({call})
'''
BASE = dict(module="", ann="int", default="1", ret="int", body="1", call="x=a", param_ann="int",
            param_default="1")


def chain(n: int, term: str = "x") -> str:
    return " + ".join(f"{term}{i}" if term else "1" for i in range(n))


def source(**over: str) -> str:
    return TEMPLATE.format(**{**BASE, **over})


def everything(p) -> None:
    """What a person can do with an accepted file: validate, compile, export, save/load."""
    assert not errors(p), errors(p)
    for target in ("v1", "v2"):
        compile_pipeline(p, target)
        export_python(p, target)
    project = persist.Project(p)
    assert persist.loads(persist.dumps(project)) == project


@pytest.mark.parametrize("over", [
    dict(module="X = " + " + ".join(f"'s{i}'" for i in range(350))),   # unused: ignored
    dict(body=chain(1000)),
    dict(body="a" + ".b" * 1000),
    dict(body="a" + "()" * 1000),
    dict(body="-" * 1000 + "1"),
    dict(body="not " * 1000 + "x"),
    dict(body=" if c else ".join(["a"] * 1000)),
    dict(body="lambda: " * 500 + "1"),
    dict(body=chain(2500)),          # near the deepest CPython's parser builds
    # kfp runs the file, so constant expressions are values (the importer computes them):
    dict(module="X = " + " + ".join(f"'s{i}'" for i in range(350)), call="x=X", ann="str",
         default='"a"'),
    dict(call="x=" + chain(1000, "")),
    dict(call="x=" + "-" * 1000 + "1"),
], ids=["module-concat", "sum", "attributes", "calls", "unary", "not", "if-else", "lambdas",
        "sum-2500", "used-concat", "argument-sum", "argument-unary"])
def test_deep_expressions_in_a_component_body_compile(over):
    everything(import_python(source(**over), "deep.py"))


@pytest.mark.parametrize("over, line, words", [
    (dict(default=chain(1000, "")), 6, "the default of `x` must be a literal value"),
    (dict(default="-" * 1000 + "1"), 6, "the default of `x` must be a literal value"),
    (dict(ann=chain(1000)), 6, "the type of `x` is nested too deeply (over 100 levels)"),
    (dict(ret=chain(1000)), 6, "the return type is nested too deeply"),
    (dict(ret="a" + ".b" * 1000), 6, "the return type is nested too deeply"),
    (dict(param_ann=chain(1000)), 11,
     "the type of pipeline parameter `a` is nested too deeply"),
    (dict(call="x=a" + ".b" * 1000), 12, "pipeline parameter `a` has no attribute `b`"),
    (dict(default="0x" + "f" * 5000), 6,
     "component `g`: the default of `x` is an integer of more than 4300 digits"),
    (dict(call="x=0x" + "f" * 5000), 12, "is an integer of more than 4300 digits"),
    (dict(param_default="0x" + "f" * 5000), 11, "the default of pipeline parameter `a` cannot "
     "be represented: the value is an integer of more than 4300 digits"),   # found by fuzz
    (dict(call="x=[0x" + "f" * 5000 + "]"), 12, "is an integer of more than 4300 digits"),
    (dict(default="9" * 5000), 6, "Exceeds the limit (4300 digits)"),    # Python's own word
    (dict(call="x='\\ud800'"), 12, "has a lone surrogate (U+D800 at character 0)"),
    (dict(body=chain(3500)), None, "nested too deeply for Python's parser"),
], ids=["default-sum", "default-unary", "annotation", "return", "return-attr",
        "param-annotation", "argument-attr", "hex-default", "hex-param-default",
        "hex-argument", "hex-in-list", "decimal-default", "surrogate", "beyond-the-parser"])
def test_what_cannot_be_represented_is_refused_with_its_line(over, line, words):
    with pytest.raises(InputError) as e:
        import_python(source(**over), "deep.py")
    assert words in e.value.message
    assert e.value.line == line
    assert len(str(e.value)) < 700


def test_a_huge_integer_in_a_project_file_is_refused_at_validate():
    """A constant the IR cannot print arrives by a project file (hex passes YAML's int):
    validate says so; compile/export never see it."""
    p = import_python(source(), "ok.py")
    p.tasks[0].arguments["x"] = Constant(int("f" * 5000, 16))
    problems = [d.message for d in validate(p) if d.is_error]
    assert problems == ["The value 0x" + "f" * 27 + "…" + "f" * 30 + " is an integer of more "
                        "than 4300 digits, which no file or compiler can hold."]


@pytest.mark.parametrize("statement, words", [
    ("return 1", "'return' outside function"),
    ("break", "'break' outside loop"),
    ("await f()", "'await' outside function"),
])
def test_what_only_the_compiler_refuses_is_refused_too(statement, words):
    """Found by tests/fuzz: ``ast.parse`` accepts a top-level ``return``; the importer's
    evaluator then raised its own control-flow exception. Python would not run the file."""
    text = source(module=statement)
    with pytest.raises(InputError) as e:
        import_python(text, "p.py")
    assert e.value.message == f"syntax error: {words}" and e.value.line == 3


def test_a_top_level_return_in_a_file_too_deep_to_compile_here_is_refused_too():
    """Python's compiler counts our stack too and gives up on a 2,400-term sum here; the
    evaluator then meets the ``return`` itself, and says the same."""
    text = "Y = " + chain(2400, "") + "\nreturn 1\n"
    with pytest.raises(InputError) as e:
        import_python(text, "p.py")
    assert e.value.message == "syntax error: 'return' outside function" and e.value.line == 2


def test_a_lone_surrogate_a_docstring_escape_makes_is_refused_at_validate():
    """Found by tests/fuzz: ``"\\ud800"`` in a component's docstring is valid Python; kfp
    reads the docstring, escapes made real, into descriptions no YAML reader can load."""
    text = source().replace("    y = 1\n", '    """Th"\\ud800"e value."""\n    y = 1\n')
    p = import_python(text, "p.py")
    problems = [d for d in validate(p) if d.is_error]
    assert [d.code for d in problems] == ["text"]
    assert problems[0].message == ('The text `Th"\\ud800"e value.` has a lone surrogate '
                                   "(U+D800), which no file can hold.")
