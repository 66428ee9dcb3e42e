"""What kfp 2.17.3 refuses to compile, compile_v2 refuses with a clear InputError.

Each case was checked against kfp 2.17.3 (it raises for every one of them); the
accepted edge cases next to them compile the way kfp compiles them.
"""
from __future__ import annotations

import pytest
import yaml

from designer.compiler import compile_pipeline
from designer.compiler.v2 import compile_v2
from designer.ir import (Component, Constant, InputError, OutputRef, ParamRef, Pipeline,
                         PipelineParam, Task)


def one_task(source: str, args: dict | None = None, params: list[PipelineParam] | None = None,
             name: str = "p") -> Pipeline:
    comp = Component.from_source(source, id="c")
    return Pipeline(name, params=params or [], components=[comp],
                    tasks=[Task("t", "t", "c", args or {})])


def refused(pipeline: Pipeline) -> str:
    with pytest.raises(InputError) as err:
        compile_v2(pipeline)
    message = str(err.value)
    assert message.startswith("cannot compile for KFP 2: ")
    return message


@pytest.mark.parametrize("source, args, params, expect", [
    ("def c(x: float): pass", {"x": Constant(1)}, None, "write a float constant as 1.0"),
    # (the IR's own validation reports these three first)
    ("def c(x: int): pass", {"x": Constant(True)}, None, "expects int, not True"),
    ("def c(x: dict): pass", {"x": Constant([1])}, None, "expects dict, not [1]"),
    ("def c(x: float): pass", {"x": ParamRef("a")}, [PipelineParam("a", "int", 1, True)],
     "expects float, but parameter `a` is int"),
    ("def c(x: Optional[float] = None): pass", {"x": Constant(2)}, None,
     "expects float, but is given int; kfp 2 requires the same type (write a float constant"),
    ("def c(x: list): pass", {"x": Constant([1, None])}, None, "cannot pass None"),
    ("def c(x: dict): pass", {"x": Constant({1: 2})}, None, "dict keys must be strings"),
    ("def c(x: float): pass", {"x": Constant(float("inf"))}, None, "cannot serialise inf"),
    ("def c(x): pass", {"x": Constant(1)}, None, "input `x` has no type annotation"),
    ("def c(x: int | None = None): pass", {}, None, "`X | Y`"),
    ("def c() -> Optional[int]: pass", {}, None, "output `Output` has type `Optional[int]`"),
    ("def c(x: Any = None): pass", {}, None, "cannot use as a parameter"),
    ("def c(x: Input[Dataset]): pass", {"x": Constant(1)}, None,
     "Argument type 'NUMBER_INTEGER' is incompatible with the input type 'system.Dataset@0.0.1'"),
    ("def c(x: 'int' = 1): pass", {}, None, "has type `'int'`"),
    ("def c(Output: int): pass", {"Output": Constant(1)}, None, '"Output" is an invalid'),
    ("def c() -> NamedTuple('O', [('_y', int)]): pass", {}, None, "output `_y`"),
    ("def c(x: int): pass", {"x": ParamRef("_x")}, [PipelineParam("_x", "int", 1, True)],
     "pipeline parameter `_x`"),
    ("def c(x: int = 'a'): pass", {}, None, "the default 'a' is not a number"),
    ("def c(x: bool = 1.5): pass", {}, None, "the default 1.5 is not a bool"),
    ("def c(x: int): pass", {}, None, "required input `x` has no value"),
])
def test_refused(source, args, params, expect):
    assert expect in refused(one_task(source, args, params))


def test_bad_pipeline_names_and_empty_pipelines():
    assert "gives ''" in refused(one_task("def c(): pass", name="---"))
    assert "rejects" in refused(one_task("def c(): pass", name="x" * 129))
    empty = Pipeline("p", components=[Component.from_source("def c(): pass", id="c")])
    assert "no tasks" in refused(empty)


def test_ir_errors_are_reported():
    p = one_task("def c(x: int): pass", {"x": OutputRef("gone", "Output")})
    assert "does not exist" in refused(p)


@pytest.mark.parametrize("source, args, check", [
    # kfp 2 accepts these: an int (not only a bool) as a bool default, a list default for a
    # dict input, an unused input name starting with "_", an int default for a float.
    ("def c(x: bool = 2): pass", {}, lambda i: i["x"]["defaultValue"] is True),
    ("def c(x: dict = [1, 2]): pass", {}, lambda i: i["x"]["defaultValue"] == [1.0, 2.0]),
    ("def c(_x: int): pass", {"_x": Constant(1)}, lambda i: "_x" in i),
    ("def c(x: float = 1): pass", {}, lambda i: i["x"]["defaultValue"] == 1.0),
    ("def c(x: Optional[Dict[str, int]] = None): pass", {},
     lambda i: i["x"] == {"isOptional": True, "parameterType": "STRUCT"}),
    ("def c(x: typing.Union[int, None] = None): pass", {},
     lambda i: i["x"]["parameterType"] == "NUMBER_INTEGER"),
    ("def c(x: t.List[str] = []): pass", {}, lambda i: i["x"]["parameterType"] == "LIST"),
])
def test_accepted_edges(source, args, check):
    spec = yaml.safe_load(compile_v2(one_task(source, args)))
    assert check(spec["components"]["comp-c"]["inputDefinitions"]["parameters"])


def test_compile_pipeline_dispatches_to_v2():
    p = one_task("def c(x: int): pass", {"x": Constant(3)})
    assert compile_pipeline(p, "v2") == compile_v2(p)
    assert compile_pipeline(p, "v2", kfp_version="2.1.0").endswith("sdkVersion: kfp-2.1.0\n")


def test_unicode_default_with_line_break_keeps_the_header_a_comment():
    # kfp writes the default raw into the "# Inputs:" header, which breaks the YAML;
    # we keep every header line a comment (the only place we differ on purpose).
    p = one_task("def c(x: str): pass", {"x": ParamRef("s")},
                 [PipelineParam("s", "str", "a\nb", True)])
    text = compile_v2(p)
    assert "#    s: str [Default: 'a\n#    b']\n" in text
    assert yaml.safe_load(text)["root"]["inputDefinitions"]["parameters"]["s"][
        "defaultValue"] == "a\nb"


def test_control_characters_in_a_default_are_escaped_in_the_header():
    # kfp writes them raw too, and no YAML reader accepts C0/C1 controls even in a comment
    # (found by tests/fuzz): the header says \x1e, the spec keeps the value.
    p = one_task("def c(x: str): pass", {"x": ParamRef("s")},
                 [PipelineParam("s", "str", "a\x1eb\x7fc\x9f", True)])
    p.description = "d\x00e"
    text = compile_v2(p)
    assert "#    s: str [Default: 'a\\x1eb\\x7fc\\x9f']\n" in text
    assert "# Description: d\\x00e\n" in text
    assert yaml.safe_load(text)["root"]["inputDefinitions"]["parameters"]["s"][
        "defaultValue"] == "a\x1eb\x7fc\x9f"
