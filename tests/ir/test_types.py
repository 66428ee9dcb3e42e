import pytest

from designer.ir.types import compatible, kind_of, v1_compatible, value_fits


@pytest.mark.parametrize("text, kind", [
    (None, None), ("int", "int"), ("Integer", "int"), ("typing.List[int]", "list"),
    ("list[str]", "list"), ("Dict[str, int]", "dict"), ("Optional[float]", "float"),
    ("bool", "bool"), ("MyType", "MyType"),
])
def test_kind_of(text, kind):
    assert kind_of(text) == kind


def test_compatibility_like_kfp():
    assert compatible("int", "int")
    assert compatible(None, "int") and compatible("int", None)
    assert not compatible("str", "int")
    assert not compatible("int", "float")
    assert compatible("Integer", "int") and compatible("List[int]", "list")


def test_v1_compatibility_is_stricter():
    assert v1_compatible("typing.List[int]", "List[int]") and v1_compatible("Integer", "int")
    # kfp 1.8.9 names these differently and refuses the connection
    assert not v1_compatible("List[int]", "list")
    assert not v1_compatible("List[int]", "List[str]")


def test_value_fits():
    assert value_fits(3, "int") and value_fits(3, "float")
    assert not value_fits(True, "int")  # bools are not ints to a person
    assert not value_fits("3", "int")
    assert value_fits({"a": 1}, "Dict[str, int]")
    assert value_fits(object(), None)
