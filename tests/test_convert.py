"""`kfp-designer convert`: a kfp Python file becomes a project that compiles to the same bytes.

Issue 10: "prove with it that a converted project compiles to the same bytes as its source",
for the whole golden corpus, v1 and v2.
"""
import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from designer import persist
from designer.cli import main
from designer.compiler import compile_pipeline
from designer.inputs import load_project
from designer.ir import InputError
from designer.model.rules import PARAM_PREFIX

CORPUS = sorted((Path(__file__).parent / "golden" / "pipelines").glob("*.py"))
TIME = "2023-11-14T22:13:20"


def outcome(pipeline, target: str) -> str:
    """The compiled text, or the refusal (kfp 2 refuses untyped inputs: so must both)."""
    try:
        return compile_pipeline(pipeline, target, compile_time=TIME)
    except InputError as e:
        return f"refused: {e}"


def convert(source: Path, out: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["convert", str(source), "-o", str(out)]) == 0, err.getvalue()


@pytest.mark.parametrize("source", CORPUS, ids=[p.stem for p in CORPUS])
def test_a_converted_project_compiles_to_the_bytes_of_its_source(tmp_path, source):
    project_file = tmp_path / (source.stem + persist.EXTENSION)
    convert(source, project_file)
    original = load_project(source).pipeline
    converted = persist.load(project_file)
    for target in ("v1", "v2"):
        assert outcome(converted.pipeline, target) == outcome(original, target), target
    assert not outcome(original, "v1").startswith("refused")
    # Every node is placed, on the canvas's grid of columns, and converting is deterministic.
    p = converted.pipeline
    keys = {PARAM_PREFIX + prm.name for prm in p.params} | {t.id for t in p.tasks}
    assert set(converted.layout) == keys
    assert all(x >= 0 and y >= 0 for x, y in converted.layout.values())
    again = tmp_path / "again.kfpd"
    convert(source, again)
    assert again.read_bytes() == project_file.read_bytes()


def test_ids_are_read_from_names():
    text = subprocess.run([sys.executable, "-m", "designer", "convert", "--example"],
                          capture_output=True, text=True).stdout
    example = persist.loads(text)
    assert [t.id for t in example.pipeline.tasks] == ["number_1_result", "number_2_result",
                                                      "sum_result"]


def test_convert_never_loads_qt(tmp_path):
    out = tmp_path / "chain.kfpd"
    code = ("import sys\nfrom designer.cli import main\n"
            f"assert main(['convert', {str(CORPUS[0])!r}, '-o', {str(out)!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]" and out.exists()


def test_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(:\n")
    res = subprocess.run([sys.executable, "-m", "designer", "convert", bad, "-o",
                          tmp_path / "out.kfpd"], capture_output=True, text=True)
    assert res.returncode == 2 and res.stderr.startswith(f"{bad}:1: syntax error")
    assert not (tmp_path / "out.kfpd").exists()
