"""Compiled kfp 2 YAML opened, exported as kfp 2 Python, and run by the real kfp 2.17.3: it
gives the PipelineSpec back (every v2 golden the reader takes and the Python writer writes:
groups, container components written back as functions, platform specs...)."""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler.python_source import export_python
from designer.importers import load_yaml_file
from designer.ir import InputError
from tools.make_goldens_v2 import normalise_v2, run_modules

pytestmark = pytest.mark.oracle

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FILES = {p.stem: p for p in [*(GOLDEN / "v2").glob("*.yaml"),
                             *(GOLDEN / "features_v2" / "v2").glob("*.yaml")]}


def _export(path: Path) -> str | InputError:
    try:
        return export_python(load_yaml_file(path).pipeline, "v2")
    except InputError as e:       # refused at a line (test_yaml_v2.py), or not writable
        return e


EXPORTS = {name: _export(path) for name, path in FILES.items()}


def _documents(text: str) -> list:
    return [normalise_v2(doc) for doc in text.split("\n---\n")]


@pytest.fixture(scope="module")
def runs(kfp2_python):
    return run_modules(kfp2_python, {n: x for n, x in EXPORTS.items() if isinstance(x, str)})


def test_most_v2_goldens_are_read_and_exported():
    exported = [n for n, x in EXPORTS.items() if isinstance(x, str)]
    assert len(exported) >= 44
    for name in ("conditions", "loops", "exit_handler", "oneof", "container_components",
                 "platform_k8s", "cel_casts", "task_settings", "pipeline_inputs"):
        assert name in exported, EXPORTS[name]


@pytest.mark.parametrize("name", sorted(FILES))
def test_exported_python_compiles_to_the_yaml_under_kfp_2(name, runs):
    if isinstance(EXPORTS[name], InputError):
        assert EXPORTS[name].line is not None or "cannot export" in str(EXPORTS[name])
        return
    run = runs[name]
    assert run.error is None, f"kfp 2 cannot run the exported module: {run.error}"
    assert _documents(run.yaml) == _documents(FILES[name].read_text(encoding="utf-8"))
