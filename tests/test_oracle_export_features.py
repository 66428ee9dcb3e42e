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

from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from designer.ir import InputError
from tests.compiler.export_features import IMPORTER_REFUSES, feature_files, golden
from tests.golden.goldens import first_difference, normalise_v1
from tools.make_goldens_v2 import KfpRun, _same_docs, run_modules

pytestmark = pytest.mark.oracle

FILES = {n: p for n, p in feature_files().items() if n not in IMPORTER_REFUSES}


def _exports(style: str) -> dict[str, str]:
    """The files of this style, and (as ``cross/NAME``) the other style's files whose
    export in this style is not refused."""
    out = {}
    for name, path in FILES.items():
        try:
            text = export_python(load_pipeline_file(path), style)
        except InputError:
            assert not name.startswith(style + "/"), f"{name} is refused in its own style"
            continue
        out[name if name.startswith(style + "/") else f"cross/{name}"] = text
    return out


def _ours(name: str, target: str) -> tuple[str | None, str | None]:
    try:
        return compile_pipeline(load_pipeline_file(FILES[name]), target,
                                compile_time="2023-11-14T22:13:20"), None
    except InputError as e:
        return None, str(e)


CROSS = sorted(f"cross/{n}" for n in FILES)


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


@pytest.mark.parametrize("name", CROSS)
def test_an_export_in_the_other_style_compiles_like_our_compiler(name, kfp1_runs, kfp2_runs):
    """A kfp 2 file written as kfp 1 Python (or the reverse), where the exporter writes it:
    the other SDK compiles it to what our compiler makes of the pipeline for that target
    (kfp 2 may refuse what kfp 1 took, stricter about types; then so must compile_v2)."""
    original = name.split("/", 1)[1]
    target = "v2" if original.startswith("v1/") else "v1"
    run = (kfp1_runs if target == "v1" else kfp2_runs).get(name)
    if run is None:
        return  # refused by the exporter: tests/compiler/test_python_export_features.py
    ours, refused = _ours(original, target)
    if target == "v1":
        assert run.error is None, f"kfp 1.8.9 cannot run the exported module: {run.error}"
        assert refused is None, refused
        expected, actual = normalise_v1(run.yaml), normalise_v1(ours)
        assert actual == expected, first_difference(expected, actual)
        return
    if run.error is not None:
        assert refused is not None, f"kfp 2 refuses ({run.error}) but compile_v2 compiles it"
        return
    assert refused is None, f"compile_v2 refuses what kfp 2 compiles: {refused}"
    assert _same_docs(ours, run.yaml)     # (with a platform spec: two documents)
