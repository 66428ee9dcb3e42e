"""Reading pipeline files: never executing them, decoding, and the source kfp captures."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from designer.importers import load_pipeline_file
from designer.ir import InputError

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[2]

HOSTILE = """\
import pathlib
import this_module_does_not_exist_anywhere
pathlib.Path({marker!r}).write_text("top level ran")
raise SystemExit("the importer executed the file")

from kfp import dsl
from kfp.components import create_component_from_func

@create_component_from_func
def step(a: int = len(open({marker!r}, "w").name)) -> int:
    return a

def side_effect():
    pathlib.Path({marker!r}).write_text("a default ran")
    return 1

@dsl.pipeline(name="hostile", description=str(side_effect()))
def hostile(n: int = 1):
    step(n)

if __name__ == "__main__":
    pathlib.Path({marker!r}).write_text("main ran")
"""


def test_import_never_executes_the_file(tmp_path):
    marker = tmp_path / "executed"
    source = tmp_path / "hostile.py"
    text = HOSTILE.format(marker=str(marker))
    # Every place code could run, at import or at compile time, would write the marker.
    # What kfp would run to build the pipeline is refused at its line, never evaluated...
    source.write_text(text)
    with pytest.raises(InputError) as info:
        load_pipeline_file(source)
    assert info.value.line == 10 and "the default of `a` must be a literal" in info.value.message
    text = text.replace(f"len(open({str(marker)!r}, \"w\").name)", "2")
    source.write_text(text)
    with pytest.raises(InputError) as info:
        load_pipeline_file(source)
    assert info.value.line == 17 and "description cannot be computed" in info.value.message
    assert "`Path.write_text` is not supported" in info.value.message
    # ...and the rest (top level, __main__) is ignored.
    source.write_text(text.replace("description=str(side_effect())", "description='fine'"))
    pipeline = load_pipeline_file(source)
    assert [t.name for t in pipeline.tasks] == ["step_task"]
    assert pipeline.description == "fine"
    assert not marker.exists()
    assert "this_module_does_not_exist_anywhere" not in sys.modules


def test_importing_loads_neither_kfp_nor_qt():
    code = ("import sys; from designer.importers import load_pipeline_file; "
            f"load_pipeline_file({str(DATA / 'semantics_v1.py')!r}); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('kfp', 'PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_undecodable_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.py"
    path.write_bytes(b"from kfp import dsl\n# fine\n# caf\xe9 in latin-1\n")
    with pytest.raises(InputError) as info:
        load_pipeline_file(path)
    assert (info.value.path, info.value.line) == (str(path), 3)
    assert "not UTF-8" in info.value.message


def test_missing_file_and_directory(tmp_path):
    for path in (tmp_path / "nope.py", tmp_path):
        with pytest.raises(InputError) as info:
            load_pipeline_file(path)
        assert info.value.path == str(path) and "cannot read" in info.value.message


def test_a_file_without_a_final_newline_and_with_a_bom(tmp_path):
    path = tmp_path / "bom.py"
    text = (DATA / "source_capture_eof.py").read_text(encoding="utf-8")
    assert not text.endswith("\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    p = load_pipeline_file(path)
    # linecache adds the missing newline, so kfp's captured source ends with one.
    assert p.components[0].source == (
        "def last_in_file(a: int) -> int:\n    return a\n"
        "    # a trailing comment, then the end of the file\n")


# Sources kfp 1.8.9 captured for data/source_capture.py (test_kfp_python_oracles.py checks
# every component of that file against kfp itself; these spell out the tricky ones).
EXPECTED_SOURCES = {
    "trailing_comments": (
        "def trailing_comments(a: int) -> int:\n    b = a + 1\n    return b\n"
        "    # an indented trailing comment belongs to the block\n"
        "        # and so does a deeper one\n"),
    "comment_after_decorator": "def comment_after_decorator(a: int) -> int:\n    return a\n",
    "ends_with_multiline_string": (
        'def ends_with_multiline_string(a: int) -> str:\n    text = """first\n'
        'second line at column 0\n    indented third"""\n    return text + """\ntail\n"""\n'),
    "one_liner": "def one_liner(a: int) -> int: return a * 2\n",
    "multiline_decorator": (
        'def multiline_decorator(\n    a: int,\n'
        '    b: str = "x, y",  # a comment inside the signature\n) -> str:\n'
        "    return b * a\n"),
    "whitespace_lines": (
        "def whitespace_lines(a: int) -> int:\n    x = a\n\n"
        "    y = x  # the line above holds four spaces, which dedent turns into an empty line\n"
        "\n    return y\n"),
    "no_blank_line_between": "def no_blank_line_between(a: int) -> int:\n    return a + \\\n"
                             "        1\n",
}


def test_captured_sources_of_tricky_functions():
    p = load_pipeline_file(DATA / "source_capture.py")
    sources = {c.name: c.source for c in p.components}
    for name, expected in EXPECTED_SOURCES.items():
        assert sources[name] == expected, name
    assert p.component_named("multiline_decorator").base_image == "python:3.9"
