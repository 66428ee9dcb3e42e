"""kfp 1.8.9 type names and value serialisation (designer/compiler/v1_types.py).

type_names.json holds what kfp's ``_extract_component_interface`` reports for each
annotation, recorded from the real SDK by tests/compiler/data/v1/regenerate.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.compiler.v1_types import (SerializationError, deserializer, kfp_type_name,
                                        serialize_value, serializer, short_type_name)

DATA = Path(__file__).parent / "data" / "v1"
CASES = json.loads((DATA / "type_names.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["annotation"] for c in CASES])
def test_type_name_as_kfp_reports_it(case):
    assert kfp_type_name(case["annotation"], strip_optional=True) == case["parameter"]
    if isinstance(case["output"], str):
        assert kfp_type_name(case["annotation"], strip_optional=False) == case["output"]


def test_missing_annotation_has_no_type():
    assert kfp_type_name(None) is None
    assert kfp_type_name("None") is None


@pytest.mark.parametrize("value,type_name,expected", [
    (5, "Integer", "5"), (True, "Integer", "True"), (1, "Float", "1"), (1e20, "Float", "1e+20"),
    (0.1, "Float", "0.1"), (False, "Boolean", "False"), ([3, 1, "é"], "JsonArray", '[3, 1, "\\u00e9"]'),
    ({"b": 1, "a": None}, "JsonObject", '{"a": null, "b": 1}'), ([1], "typing.List[int]", "[1]"),
    ({"k": 1}, "dict[str, int]", '{"k": 1}'), ("text", "Integer", "text"), ("x", None, "x"),
    (7, None, "7"), (2.5, None, "2.5"), ([], None, "[]"), ({}, None, "{}"), (True, None, "True"),
])
def test_serialize_value_like_kfp(value, type_name, expected):
    assert serialize_value(value, type_name) == expected


@pytest.mark.parametrize("value,type_name", [
    (5, "String"), (1.5, "Integer"), ("x" and 3, "Boolean"), (5, "CustomType"), (5, "Any"),
])
def test_values_kfp_refuses(value, type_name):
    with pytest.raises(SerializationError):
        serialize_value(value, type_name)


def test_converters_for_program_code():
    assert deserializer("Integer") == ("int", None)
    assert deserializer(None) == ("str", None)
    assert deserializer("CustomType") == ("str", None)
    code, definition = deserializer("Boolean")
    assert code == "_deserialize_bool" and definition.startswith("def _deserialize_bool(s)")
    assert deserializer("typing.Dict[str, int]") == ("json.loads", "import json")
    name, source = serializer("Float")
    assert name == "_serialize_float" and source.startswith("def _serialize_float(")
    assert serializer("typing.Optional[int]") == ("str", None)
    assert short_type_name("typing.List[int]") == "List"
