"""The YAML writer against PyYAML's ``yaml.dump(sort_keys=True)``, which kfp 2 uses."""
from __future__ import annotations

import random

import pytest
import yaml

from designer.compiler import v2_yaml

CHARS = ["a", "b", "Z", "_", "-", " ", "\n", ":", "#", "'", '"', "é", "☃", "\t", "1", ".", "0",
         "{", "[", "!", "\\", "\r", "\x85", "\u2028", "?", ",", "&", "*", "%", "@", "`", "|",
         ">", "~", "\x00", "\x07", "\ufeff", "𝄞"]
WORDS = ["yes", "no", "null", "true", "False", "~", "", "1.5", "0x1F", "2001-12-14", "<<", "=",
         "---", "...", "- a", "a: b", "1e5", ".inf", "on", "x" * 130, "k" * 121, "k" * 122,
         "k" * 123, "k " * 61, "a " * 50, "--executor_input", "{{$}}", "python:3.11",
         "comp-print-and-return-number", "NUMBER_INTEGER"]


def random_string(r: random.Random) -> str:
    if r.random() < 0.3:
        return r.choice(WORDS)
    return "".join(r.choice(CHARS) for _ in range(r.choice([0, 1, 2, 3, 5, 10, 40, 90, 200])))


def random_value(r: random.Random, depth: int):
    k = r.random()
    if depth > 3 or k < 0.4:
        c = r.random()
        if c < 0.6:
            return random_string(r)
        if c < 0.8:
            return r.choice([0.0, 1.0, -3.5, 1e20, 1e-7, 123456789.125, True, False])
        return r.choice([[], {}])
    if k < 0.7:
        return {random_string(r): random_value(r, depth + 1) for _ in range(r.randint(1, 4))}
    return [random_value(r, depth + 1) for _ in range(r.randint(1, 4))]


@pytest.mark.parametrize("seed", range(4))
def test_random_documents_match_pyyaml(seed):
    r = random.Random(seed)
    for _ in range(300):
        data = {random_string(r): random_value(r, 1) for _ in range(r.randint(1, 4))}
        assert v2_yaml.dump(data) == yaml.dump(data, sort_keys=True), repr(data)


@pytest.mark.parametrize("value", [
    "", "plain", "yes", "null", "123", "1.5", "two words", " lead", "trail ", "a: b", "- x",
    "x" * 200, "word " * 40, "line\nbreaks\n\nhere\n", "tab\tchar", "☃", "😀", "q'uote",
    'd"quote', "\\", "#", "{{$}}", "\x07",
])
@pytest.mark.parametrize("shape", ["value", "key", "item", "nested"])
def test_scalars_in_every_position(value, shape):
    data = {"value": {"k": value}, "key": {value: 1.0}, "item": {"k": [value, value]},
            "nested": {"k": [{"a": value, value: [value]}]}}[shape]
    assert v2_yaml.dump(data) == yaml.dump(data, sort_keys=True)


def test_key_length_limit_for_simple_keys():
    # PyYAML counts the "!!str" tag: 122 characters is the longest simple key.
    for n in (121, 122, 123, 124):
        data = {"k" * n: {"a": ["b"]}}
        assert v2_yaml.dump(data) == yaml.dump(data, sort_keys=True)
    assert v2_yaml.dump({"k" * 123: 1.0}).startswith("? ")
    assert v2_yaml.dump({"k" * 122: 1.0}).startswith("k" * 122 + ":")


@pytest.mark.parametrize("number", [0.0, -0.0, 1.0, 3.25, 1e20, 1e-7, 1e16, 2.0 ** 70, -1.5e-300,
                                    123456789.125])
def test_floats(number):
    assert v2_yaml.dump({"n": number}) == yaml.dump({"n": number}, sort_keys=True)
    assert v2_yaml.float_text(number) == yaml.dump(number).split("\n")[0]


def test_render_mapping_is_context_free():
    # A block rendered at an indent equals the same lines inside a whole document.
    inner = {"container": {"command": ["sh", "-c", "long text " * 30], "image": "python:3.11"}}
    whole = v2_yaml.dump({"deploymentSpec": {"executors": {"exec-a": inner}}})
    assert whole == ("deploymentSpec:\n  executors:\n    exec-a:\n"
                     + v2_yaml.render_mapping(inner, 6) + "\n")
