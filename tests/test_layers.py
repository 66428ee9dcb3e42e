"""The layer rule of the README ("Layout of the code") as import-linter contracts.

pyproject.toml declares them: ir <- compiler, persist <- importers <- inputs <- runner, model
<- ui <- cli, and nothing below the document model imports Qt. A test breaks the day a
module imports upward.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _lint(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the ``designer`` package found in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         "sys.exit(lint_imports_command())", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_layer_contracts_hold():
    res = _lint(REPO)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract really checks: a copy of the package where the IR imports the UI fails."""
    import shutil
    pkg = tmp_path / "designer"
    shutil.copytree(REPO / "designer", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    graph = pkg / "ir" / "graph.py"
    graph.write_text(graph.read_text() + "\nfrom designer.ui import style  # noqa\n")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    res = _lint(tmp_path)
    assert res.returncode != 0
    assert "designer.ir.graph -> designer.ui" in res.stdout
