"""Compiled YAML opened, exported as kfp 1 Python, and run by the real kfp 1.8.9: it gives
the YAML back (every v1 golden the reader takes, and the tutorial's reference)."""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler.python_source import export_python
from designer.importers import load_yaml_file
from designer.ir import InputError
from tests.golden.goldens import FEATURES_DIR, V1_DIR, first_difference, normalise_v1
from tools.make_goldens_v2 import run_modules

pytestmark = pytest.mark.oracle

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.yaml"
FILES = {p.stem: p for p in [*V1_DIR.glob("*.yaml"), *(FEATURES_DIR / "v1").glob("*.yaml")]}
FILES["reference"] = REFERENCE


def _read() -> dict:
    """The files the reader takes (the others are refused at a line: test_yaml_v1.py)."""
    out = {}
    for name, path in FILES.items():
        try:
            out[name] = load_yaml_file(path).pipeline
        except InputError:
            pass
    return out


def _export(pipeline) -> str | InputError:
    try:
        return export_python(pipeline, "v1")
    except InputError as e:      # what the Python writer cannot write (guard.py) yet
        return e


READ = _read()
EXPORTS = {name: _export(p) for name, p in READ.items()}


@pytest.fixture(scope="module")
def runs(kfp1_python):
    return run_modules(kfp1_python, {n: x for n, x in EXPORTS.items() if isinstance(x, str)})


def test_most_goldens_are_read_and_exported():
    assert len(READ) >= 41 and "reference" in READ
    exported = [n for n, x in EXPORTS.items() if isinstance(x, str)]
    assert len(exported) >= 30 and "reference" in exported


@pytest.mark.parametrize("name", sorted(READ))
def test_exported_python_compiles_to_the_yaml_under_kfp_1_8_9(name, runs):
    if isinstance(EXPORTS[name], InputError):     # refused by name, never written wrong
        assert "cannot export" in str(EXPORTS[name])
        return
    run = runs[name]
    assert run.error is None, f"kfp 1.8.9 cannot run the exported module: {run.error}"
    expected = normalise_v1(FILES[name].read_text(encoding="utf-8"))
    actual = normalise_v1(run.yaml)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"
