import pytest

from designer.ir import SignatureError, signature_from_source


def test_reads_names_annotations_defaults_and_docstring():
    sig = signature_from_source(
        'def f(a: int, b: float = 1.5, c: "str" = "x", d=None, *, e: List[int] = [1, -2]) -> bool:\n'
        '    """Says hi."""\n    return True\n')
    assert sig.function_name == "f"
    assert [(i.name, i.annotation, i.has_default, i.default) for i in sig.inputs] == [
        ("a", "int", False, None), ("b", "float", True, 1.5), ("c", "'str'", True, "x"),
        ("d", None, True, None), ("e", "List[int]", True, [1, -2])]
    assert [(o.name, o.annotation) for o in sig.outputs] == [("Output", "bool")]
    assert sig.docstring == "Says hi."
    assert not sig.named_outputs


@pytest.mark.parametrize("ret", ["", " -> None"])
def test_no_return_annotation_means_no_outputs(ret):
    assert signature_from_source(f"def f(x){ret}:\n    pass\n").outputs == ()


def test_named_tuple_outputs():
    sig = signature_from_source(
        "def f() -> NamedTuple('Outputs', [('sum', float), ('names', typing.List[str])]):\n"
        "    pass\n")
    assert sig.named_outputs
    assert [(o.name, o.annotation) for o in sig.outputs] == [
        ("sum", "float"), ("names", "typing.List[str]")]


@pytest.mark.parametrize("source, line, words", [
    ("def f(x:\n    pass\n", 1, "syntax error"),
    ("import os\ndef f():\n    pass\n", 1, "one function"),
    ("x = 1\n", 1, "no function"),
    ("def f(*args):\n    pass\n", 1, "*args"),
    ("def f(x=os.getcwd()):\n    pass\n", 1, "literal"),
    ("def f() -> NamedTuple('O', [('a', int), ('a', int)]):\n    pass\n", 1, "twice"),
    ("def f():\n    pass\n\ndef g():\n    pass\n", 4, "one function"),
])
def test_errors_say_what_and_where(source, line, words):
    with pytest.raises(SignatureError) as e:
        signature_from_source(source)
    assert e.value.line == line
    assert words in e.value.message


def test_never_executes_code(tmp_path):
    marker = str(tmp_path / "ran")
    body = f"    open({marker!r}, 'w')\n"
    with pytest.raises(SignatureError, match="literal"):
        signature_from_source(f"def f(x=open({marker!r}, 'w')):\n" + body)
    sig = signature_from_source(f"def f(x: int = 1) -> open({marker!r}, 'w'):\n" + body)
    assert sig.outputs[0].annotation == f"open({marker!r}, 'w')"
    assert not (tmp_path / "ran").exists()
