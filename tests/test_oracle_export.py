"""Exported Python run by the real kfp: it works, compiles, and says what our compilers say.

For every corpus file (and the tutorial's reference) we import it, export it as kfp v1 and
kfp v2 Python, and run each module as a script with the real SDK in its side venv:

* v1 (kfp 1.8.9): the YAML must equal the golden kfp wrote for the *original* file and our
  compile_v1 output, byte for byte except the compilation time.
* v2 (kfp 2.x): kfp compiles it and our compile_v2 output is the same parsed YAML (kfp
  version normalised), or kfp refuses it and so does compile_v2.

Seeded random pipelines (tests/compiler/test_python_export_samples.py) go through the same
checks. All modules of one venv run in one interpreter (tools/make_goldens_v2.run_modules).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from designer.ir import InputError, Pipeline
from tests.compiler.test_python_export_samples import random_pipeline
from tests.golden.goldens import (corpus_file, corpus_names, first_difference, normalise_v1,
                                  v1_golden)
from tools.make_goldens_v2 import KfpRun, normalise_v2, run_modules

pytestmark = pytest.mark.oracle

REFERENCE_DIR = Path(__file__).resolve().parent / "data" / "reference"
CORPUS = {n: corpus_file(n) for n in corpus_names()} | {
    "reference": REFERENCE_DIR / "example_pipeline.py"}
RANDOM_SEEDS = range(60)
TIME = "2023-11-14T22:13:20"


def _golden_v1(name: str) -> str:
    path = REFERENCE_DIR / "example_pipeline.yaml" if name == "reference" else v1_golden(name)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    out = {name: load_pipeline_file(path) for name, path in CORPUS.items()}
    out |= {f"random{seed}": random_pipeline(seed, scale=1.5) for seed in RANDOM_SEEDS}
    return out


@pytest.fixture(scope="module")
def kfp1_runs(kfp1_python, pipelines) -> dict[str, KfpRun]:
    return run_modules(kfp1_python, {n: export_python(p, "v1") for n, p in pipelines.items()})


@pytest.fixture(scope="module")
def kfp2_runs(kfp2_python, pipelines) -> dict[str, KfpRun]:
    return run_modules(kfp2_python, {n: export_python(p, "v2") for n, p in pipelines.items()})


def _ours(pipeline: Pipeline, target: str) -> tuple[str | None, str | None]:
    try:
        return compile_pipeline(pipeline, target, compile_time=TIME), None
    except InputError as e:
        return None, str(e)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_v1_export_compiles_under_kfp_1_8_9_like_the_original(name, kfp1_runs):
    run = kfp1_runs[name]
    assert run.error is None, f"kfp 1.8.9 cannot run the exported module: {run.error}"
    expected, actual = normalise_v1(_golden_v1(name)), normalise_v1(run.yaml)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.parametrize("name", sorted(CORPUS) + [f"random{s}" for s in RANDOM_SEEDS])
def test_v1_export_under_kfp_1_8_9_equals_compile_v1(name, kfp1_runs, pipelines):
    run = kfp1_runs[name]
    assert run.error is None, f"kfp 1.8.9 cannot run the exported module: {run.error}"
    ours, refused = _ours(pipelines[name], "v1")
    assert refused is None, f"compile_v1 refuses what kfp 1.8.9 compiles: {refused}"
    expected, actual = normalise_v1(run.yaml), normalise_v1(ours)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.parametrize("name", sorted(CORPUS) + [f"random{s}" for s in RANDOM_SEEDS])
def test_v2_export_under_kfp_2_agrees_with_compile_v2(name, kfp2_runs, pipelines):
    run = kfp2_runs[name]
    ours, refused = _ours(pipelines[name], "v2")
    if run.error is not None:
        assert refused is not None, f"kfp 2 refuses ({run.error}) but compile_v2 compiles it"
        return
    assert refused is None, f"compile_v2 refuses what kfp 2 compiles: {refused}"
    assert normalise_v2(ours) == normalise_v2(run.yaml)


def test_kfp_2_compiles_most_of_the_corpus(kfp2_runs):
    """kfp 2 is stricter than kfp 1 (typed parameters), but the corpus mostly passes: the
    comparison above is not vacuous."""
    refused = sorted(n for n in CORPUS if kfp2_runs[n].error is not None)
    assert len(refused) <= 3, refused
    compiled_random = sum(kfp2_runs[f"random{s}"].error is None for s in RANDOM_SEEDS)
    assert compiled_random >= 10

