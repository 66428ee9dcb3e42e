"""Exported modules are already black-formatted: running black (default settings) over them
changes nothing, except inside component functions, which are the user's text and are
written exactly as stored (compiled YAML embeds them byte for byte).

black runs in the kfp2 oracle venv, once for the whole batch. For each module we expect
black's output to equal our text with each component source replaced by black's
formatting of that source alone; for black-clean component code that is our text itself.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from tests.compiler.test_python_export_samples import random_modules
from tests.golden.goldens import corpus_file, corpus_names

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.py"

_CHECK = r"""
import difflib, json, sys
import black

mode = black.Mode()
failures = {}
for name, (text, sources) in json.load(open(sys.argv[1], encoding="utf-8")).items():
    expected = text
    for source in sources:
        trimmed = source.strip("\n")
        formatted = black.format_str(trimmed + "\n", mode=mode).rstrip("\n")
        assert trimmed in expected, f"{name}: component source not found verbatim"
        expected = expected.replace(trimmed, formatted)
    actual = black.format_str(text, mode=mode)
    if actual != expected:
        failures[name] = "".join(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "ours", "black", n=1))[:3000]
json.dump(failures, open(sys.argv[2], "w", encoding="utf-8"))
"""


def black_failures(python: Path, modules: dict[str, tuple[str, list[str]]],
                   tmp: Path) -> dict[str, str]:
    (tmp / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (tmp / "check.py").write_text(_CHECK)
    proc = subprocess.run([str(python), str(tmp / "check.py"), str(tmp / "modules.json"),
                           str(tmp / "failures.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((tmp / "failures.json").read_text(encoding="utf-8"))


def _exports(paths: dict[str, Path]) -> dict[str, tuple[str, list[str]]]:
    out = {}
    for name, path in paths.items():
        p = load_pipeline_file(path)
        for target in ("v1", "v2"):
            out[f"{name}_{target}"] = (export_python(p, target), [c.source for c in p.components])
    return out


@pytest.mark.oracle
def test_corpus_exports_are_black_formatted(kfp2_python, tmp_path):
    paths = {n: corpus_file(n) for n in corpus_names()} | {"reference": REFERENCE}
    failures = black_failures(kfp2_python, _exports(paths), tmp_path)
    assert not failures, "\n".join(f"--- {k}\n{v}" for k, v in failures.items())


@pytest.mark.oracle
def test_random_exports_are_black_formatted(kfp2_python, tmp_path):
    """Names from short to far past the line length: black's splits, its parenthesised
    right-hand sides, exploded literals and lines it cannot split."""
    modules = random_modules(150) | random_modules(100, scale=2.5, first_seed=1000)
    failures = black_failures(kfp2_python, modules, tmp_path)
    assert not failures, f"{len(failures)} of {len(modules)} modules:\n" + "\n".join(
        f"--- {k}\n{v}" for k, v in list(failures.items())[:5])


@pytest.mark.oracle
def test_the_check_catches_a_formatting_slip(kfp2_python, tmp_path):
    """The comparison above can fail: one space too many is reported."""
    text, sources = _exports({"reference": REFERENCE})["reference_v1"]
    slipped = text.replace("sum_result = ", "sum_result  = ")
    unclean = "def f(a:int):\n    return a\n"
    failures = black_failures(kfp2_python, {"slip": (slipped, sources),
                                            "user_code": (text + "\n\n" + unclean,
                                                          [*sources, unclean])}, tmp_path)
    assert list(failures) == ["slip"]


@pytest.mark.oracle
def test_feature_exports_are_black_formatted(kfp2_python, tmp_path):
    """Containers, component YAML, groups, settings and volumes, each file in its style."""
    from tests.compiler.export_features import IMPORTER_REFUSES, feature_files
    modules = {}
    for name, path in feature_files().items():
        if name in IMPORTER_REFUSES:
            continue
        p = load_pipeline_file(path)
        sources = [getattr(c, "source", None) or getattr(c, "function_source", None)
                   for c in p.components]
        modules[name] = (export_python(p, name[:2]), [s for s in sources if s])
    failures = black_failures(kfp2_python, modules, tmp_path)
    assert not failures, "\n".join(f"--- {k}\n{v}" for k, v in failures.items())
