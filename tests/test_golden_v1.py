"""Our v1 compiler against kfp 1.8.9, on the golden corpus, through the CLI.

Each tests/golden/pipelines/NAME.py was compiled by the real kfp 1.8.9 into
tests/golden/v1/NAME.yaml (tools/make_goldens.py). We run `python -m designer compile` on the
same file and require the same bytes, except the compilation-time value kfp takes from the
clock: ours must be the time SOURCE_DATE_EPOCH names. `python tools/golden_diff.py NAME`
shows the full diff of one file.
"""
from __future__ import annotations

import pytest

from tests.golden import generate
from tests.golden.goldens import (EPOCH, compilation_times, compile_many_with_kfp1, corpus_file,
                                  corpus_names, first_difference, normalise_v1, run_our_cli,
                                  time_from_epoch, v1_golden, V1_DIR)

NAMES = corpus_names()


def _golden(name: str) -> str:
    path = v1_golden(name)
    assert path.exists(), f"no golden for {name}: run python tools/make_goldens.py {name}"
    return path.read_text(encoding="utf-8")


def test_corpus_is_complete():
    assert len(NAMES) >= 22
    assert "example_pipeline" in NAMES and "generated_100" in NAMES
    for name in NAMES:
        assert v1_golden(name).exists(), f"{name} has no golden"
    orphans = {p.stem for p in V1_DIR.glob("*.yaml")} - set(NAMES)
    assert not orphans, f"goldens without a corpus file: {sorted(orphans)}"


def test_seed_golden_is_the_tutorial_reference(repo_root):
    """Our kfp 1.8.9 oracle reproduces the YAML published with the tutorial."""
    reference = repo_root / "tests" / "data" / "reference" / "example_pipeline.yaml"
    assert normalise_v1(_golden("example_pipeline")) == normalise_v1(reference.read_text())


def test_generated_corpus_file_is_fresh():
    for n in generate.GOLDEN_SIZES:
        assert generate.golden_path(n).read_text(encoding="utf-8") == \
            generate.big_pipeline_source(n), "run python tests/golden/generate.py"


@pytest.mark.parametrize("name", NAMES)
def test_cli_compiles_like_kfp_1_8_9(name):
    golden = _golden(name)
    run = run_our_cli(corpus_file(name), "v1", EPOCH)
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr.strip()}"
    assert run.stderr == ""
    assert compilation_times(run.output) == [time_from_epoch(EPOCH)]
    expected, actual = normalise_v1(golden), normalise_v1(run.output)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.parametrize("name", NAMES)
def test_in_process_compile_matches_golden(name):
    """Same comparison without subprocesses: importer + compiler called directly."""
    from designer.compiler import compile_pipeline
    from designer.importers import load_pipeline_file

    golden = _golden(name)
    pipeline = load_pipeline_file(str(corpus_file(name)))
    text = compile_pipeline(pipeline, "v1", compile_time=time_from_epoch(EPOCH))
    assert compilation_times(text) == [time_from_epoch(EPOCH)]
    expected, actual = normalise_v1(golden), normalise_v1(text)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.oracle
def test_goldens_are_what_kfp_1_8_9_writes(kfp1_python):
    """The committed goldens really are kfp 1.8.9's output for the corpus as it is now."""
    sources = [corpus_file(n) for n in NAMES]
    fresh = compile_many_with_kfp1(kfp1_python, sources)
    failed = [n for n, src in zip(NAMES, sources) if fresh[src] is None]
    assert not failed, f"kfp 1.8.9 cannot compile: {failed}"
    stale = [n for n, src in zip(NAMES, sources)
             if normalise_v1(fresh[src]) != normalise_v1(_golden(n))]
    assert not stale, f"stale goldens (run python tools/make_goldens.py): {stale}"
