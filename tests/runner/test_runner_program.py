"""Placeholder resolution (kfp 1.8.9 semantics) and parameter values, without running."""
from __future__ import annotations

import pytest

from designer.ir import PipelineParam
from designer.ir.errors import InputError
from designer.runner.program import Program, resolve
from designer.runner.values import parse_assignments, resolve_params
from tests.runner.runner_helpers import ADD, build

PIP_PREFIX = ["sh", "-c", '(PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --quiet '
              "--no-warn-script-location 'tinygreet' || PIP_DISABLE_PIP_VERSION_CHECK=1 python3 "
              "-m pip install --quiet --no-warn-script-location 'tinygreet' --user) && "
              '"$0" "$@"']
WRAPPER = ["sh", "-ec", 'program_path=$(mktemp)\nprintf "%s" "$0" > "$program_path"\n'
           'python3 -u "$program_path" "$@"\n', "print('program')\n"]


def spec(args, command=WRAPPER, inputs=(), outputs=()):
    return {"name": "C", "inputs": list(inputs), "outputs": list(outputs),
            "implementation": {"container": {"image": "python:3.7", "command": list(command),
                                             "args": list(args)}}}


def paths(kind):
    return lambda name: f"/run/{kind}/{name}/data"


def test_values_outputs_and_optional_inputs_resolve_like_kfp():
    program = Program.from_spec(spec(
        ["--a", {"inputValue": "a"},
         {"if": {"cond": {"isPresent": "b"}, "then": ["--b", {"inputValue": "b"}]}},
         {"if": {"cond": {"isPresent": "c"}, "then": ["--c", {"inputValue": "c"}],
                 "else": ["--no-c"]}},
         "--file", {"inputPath": "f"},
         {"concat": ["x=", {"inputValue": "a"}, "!"]},
         "----output-paths", {"outputPath": "Output"}, {"outputPath": "other name"}],
        inputs=[{"name": "a", "type": "Integer"}, {"name": "b", "optional": True},
                {"name": "c", "optional": True}, {"name": "f"}],
        outputs=[{"name": "Output"}, {"name": "other name"}]))
    got = resolve(program, {"a": "1", "c": "3", "f": "text"}, paths("in"), paths("out"))
    assert got.argv[:4] == WRAPPER
    assert got.argv[4:] == ["--a", "1", "--c", "3", "--file", "/run/in/f/data", "x=1!",
                            "----output-paths", "/run/out/Output/data",
                            "/run/out/other name/data"]
    assert got.input_paths == {"f": "/run/in/f/data"}
    assert got.output_paths == {"Output": "/run/out/Output/data",
                                "other name": "/run/out/other name/data"}
    got = resolve(program, {"a": "1", "f": "t"}, paths("in"), paths("out"))
    assert "--no-c" in got.argv and "--b" not in got.argv


def test_a_required_input_without_value_is_an_error():
    program = Program.from_spec(spec(["--a", {"inputValue": "a"}], inputs=[{"name": "a"}]))
    with pytest.raises(ValueError, match="no value for input `a`"):
        resolve(program, {}, paths("in"), paths("out"))


def test_the_compiled_pip_step_is_left_to_the_venv_cache():
    program = Program.from_spec(spec([], command=PIP_PREFIX + WRAPPER), ("tinygreet",))
    assert list(program.command) == WRAPPER
    assert program.packages == ("tinygreet",)
    # Without the kfp pip prefix the command is kept as compiled.
    assert list(Program.from_spec(spec([])).command) == WRAPPER


def test_parameters_parse_by_type_and_report_every_problem():
    pipeline = build("p", {"add": ADD}, [("t", "add", {"a": "$i", "b": 1})], params=[
        PipelineParam("i", "int"), PipelineParam("f", "float", 0.5, True),
        PipelineParam("flag", "bool"), PipelineParam("names", "List[str]"),
        PipelineParam("any")])
    values = resolve_params(pipeline, {"i": " 7", "flag": "Yes", "names": '["a", "b"]',
                                       "any": "text"})
    assert values == {"i": "7", "f": "0.5", "flag": "True", "names": '["a", "b"]',
                      "any": "text"}
    # Python values (from the GUI) are checked and serialized the same way.
    assert resolve_params(pipeline, {"i": 7, "flag": False, "names": ["x"], "any": 1})["names"] \
        == '["x"]'
    with pytest.raises(InputError) as e:
        resolve_params(pipeline, {"i": "x", "f": "nan?", "names": "{}", "extra": "1"})
    text = str(e.value)
    for part in ("unknown parameter `extra`", "`i` expects an integer (int), got 'x'",
                 "`f` expects a number (float), got 'nan?'", "missing parameter `flag` (bool)",
                 "`names` expects a JSON list (List[str]", "missing parameter `any` (any type)"):
        assert part in text
    with pytest.raises(InputError, match="expects int"):
        resolve_params(pipeline, {"i": 1.5, "flag": True, "names": [], "any": ""})


def test_param_assignments():
    assert parse_assignments(["a=1", "b=x=y", "a=2", "c="]) == {"a": "2", "b": "x=y", "c": ""}
    with pytest.raises(InputError, match="name=value"):
        parse_assignments(["novalue"])
