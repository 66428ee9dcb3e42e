"""`kfp-designer convert`: a kfp Python file becomes a project that compiles to the same bytes.

Issue 10: "prove with it that a converted project compiles to the same bytes as its source",
for the whole golden corpus, v1 and v2.
"""
import contextlib
import re
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
from tests.golden.goldens import importable_kfp_files

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


FEATURES = importable_kfp_files("features", "features_v2")


def _cli_compile(source: Path, out: Path, target: str) -> tuple[int, str]:
    """``kfp-designer compile SOURCE -o OUT --target TARGET``: exit code and the output, or
    stderr with the input's name taken out (refusals name their file)."""
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            code = main(["compile", str(source), "-o", str(out), "--target", target])
        except Exception as e:  # noqa: BLE001  (v1 crashes on resources_from_values today)
            return -1, type(e).__name__
    if code == 0:
        return code, out.read_text(encoding="utf-8")
    return code, re.sub(r"^\S+:(\d+:)? ", "", err.getvalue().replace(str(source), "FILE"))


@pytest.mark.parametrize("source", FEATURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_converted_feature_project_compiles_like_its_source(tmp_path, monkeypatch, source):
    """Containers, volumes, groups, settings, outputs...: `convert` then `compile` of the
    project gives what `compile` of the kfp file gives, for both targets."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project_file = tmp_path / "x.kfpd"
    convert(source, project_file)
    compiled = 0
    for target in ("v1", "v2"):
        direct = _cli_compile(source, tmp_path / "direct.yaml", target)
        via = _cli_compile(project_file, tmp_path / "via.yaml", target)
        assert via[0] == direct[0], (target, via, direct)
        if direct[0] == 0:
            assert via[1] == direct[1], target
            compiled += 1
    assert compiled, "neither target compiles this file: the comparison proves nothing"
