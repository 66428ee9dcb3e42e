"""Runner tests: every run gets its own execution cache; task venvs are shared by the
session (they are keyed by package set, so sharing them cannot change a result)."""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.runner.engine import RunOptions


@pytest.fixture(scope="session")
def venvs_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("venvs")


@pytest.fixture
def options(tmp_path, venvs_dir):
    """RunOptions writing runs and cache under tmp_path."""
    def make(**kw) -> RunOptions:
        kw.setdefault("runs_dir", tmp_path / "runs")
        kw.setdefault("cache_dir", tmp_path / "cache")
        kw.setdefault("venvs_dir", venvs_dir)
        kw.setdefault("jobs", 2)
        return RunOptions(**kw)
    return make


@pytest.fixture
def isolated_cache(tmp_path, venvs_dir, monkeypatch) -> Path:
    """For CLI runs: the cache root (run cache + venvs) under tmp_path."""
    root = tmp_path / "cache-root"
    root.mkdir()
    (root / "venvs").symlink_to(venvs_dir)
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(root))
    return root
