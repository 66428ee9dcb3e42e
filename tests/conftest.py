"""Suite-wide fixtures. Qt-free on purpose: Qt fixtures live in tests/ui/conftest.py.

The kfp oracles are side venvs (tests/oracle.py). When one cannot be built the tests that
need it fail, never skip: a missing oracle is a gap in what the suite proves.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# `from tests.oracle import ...` works whichever import mode pytest uses.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests import oracle  # noqa: E402

# Benchmarks are scripts (python tests/bench/compile_bench.py), not tests.
collect_ignore = ["bench"]


def _oracle_python(build) -> Path:
    try:
        return build(log=lambda msg: print(msg, file=sys.stderr, flush=True))
    except oracle.OracleBuildError as e:
        pytest.fail(f"kfp oracle unavailable: {e}", pytrace=False)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def kfp1_python() -> Path:
    """Python of the kfp 1.8.9 side venv (built on first use, cached across runs)."""
    return _oracle_python(oracle.kfp1_python)


@pytest.fixture(scope="session")
def kfp2_python() -> Path:
    """Python of the kfp 2.x side venv with black (built on first use, cached across runs)."""
    return _oracle_python(oracle.kfp2_python)
