"""The feature pipelines round-trip through Python export, proven by the real SDKs.

For every file under tests/golden/features (kfp 1 DSL) and tests/golden/features_v2 (kfp 2
DSL) that the importer reads: import it, export it as Python in the same style, and run the
exported module with the real SDK (kfp 1.8.9 for v1, kfp 2.x + kfp-kubernetes for v2, one
interpreter per SDK for the whole batch). What the SDK writes must be the golden it wrote
for the original file: v1 byte for byte apart from the compilation time, v2 the same parsed
documents (kfp version set aside).
"""
from __future__ import annotations

import pytest

from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from tests.compiler.export_features import IMPORTER_REFUSES, feature_files, golden
from tests.golden.goldens import first_difference, normalise_v1
from tools.make_goldens_v2 import KfpRun, _same_docs, run_modules

pytestmark = pytest.mark.oracle

FILES = {n: p for n, p in feature_files().items() if n not in IMPORTER_REFUSES}


def _exports(style: str) -> dict[str, str]:
    return {n: export_python(load_pipeline_file(p), style)
            for n, p in FILES.items() if n.startswith(style + "/")}


@pytest.fixture(scope="module")
def kfp1_runs(kfp1_python) -> dict[str, KfpRun]:
    return run_modules(kfp1_python, _exports("v1"))


@pytest.fixture(scope="module")
def kfp2_runs(kfp2_python) -> dict[str, KfpRun]:
    return run_modules(kfp2_python, _exports("v2"))


@pytest.mark.parametrize("name", sorted(n for n in FILES if n.startswith("v1/")))
def test_v1_export_compiles_under_kfp_1_8_9_to_the_golden(name, kfp1_runs):
    run = kfp1_runs[name]
    assert run.error is None, f"kfp 1.8.9 cannot run the exported module: {run.error}"
    expected = normalise_v1(golden(name).read_text(encoding="utf-8"))
    actual = normalise_v1(run.yaml)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.parametrize("name", sorted(n for n in FILES if n.startswith("v2/")))
def test_v2_export_compiles_under_kfp_2_to_the_golden(name, kfp2_runs):
    run = kfp2_runs[name]
    assert run.error is None, f"kfp 2 cannot run the exported module: {run.error}"
    assert _same_docs(golden(name).read_text(encoding="utf-8"), run.yaml)
