"""Our v2 compiler against kfp 2.x, on the golden corpus, through the CLI.

tests/golden/v2/NAME.yaml is what the real kfp 2 compiled from the designer's v2 export of
tests/golden/pipelines/NAME.py (tools/make_goldens_v2.py); NAME.error instead records that
kfp 2 refused it. `python -m designer compile NAME.py --target v2` must give the same
PipelineSpec, compared as parsed YAML with the kfp version normalised, or refuse too.
"""
from __future__ import annotations

import pytest

from tests.golden.goldens import corpus_file, corpus_names, run_our_cli
from tools.make_goldens_v2 import (V2_DIR, committed, fresh_results, normalise_v2, same,
                                   v2_error, v2_golden)

NAMES = corpus_names()


def test_every_corpus_file_has_one_v2_golden():
    for name in NAMES:
        assert v2_golden(name).exists() != v2_error(name).exists(), \
            f"{name}: need exactly one of v2/{name}.yaml, v2/{name}.error " \
            "(python tools/make_goldens_v2.py)"
    kept = {p.stem for p in V2_DIR.iterdir() if p.suffix in (".yaml", ".error")}
    assert kept <= set(NAMES), f"goldens without a corpus file: {sorted(kept - set(NAMES))}"
    # kfp 2 refusing most of the corpus would make the comparison below hollow
    assert sum(v2_golden(n).exists() for n in NAMES) >= len(NAMES) - 3


@pytest.mark.parametrize("name", NAMES)
def test_cli_compiles_like_kfp_2(name):
    run = run_our_cli(corpus_file(name), "v2")
    if v2_error(name).exists():
        kfp_said = v2_error(name).read_text(encoding="utf-8").strip()
        assert run.returncode != 0, f"kfp 2 refuses {name} ({kfp_said}); we compiled it"
        assert "Traceback" not in run.stderr and run.stderr.strip(), run.stderr
        return
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr.strip()}"
    assert run.stderr == ""
    expected = normalise_v2(v2_golden(name).read_text(encoding="utf-8"))
    assert normalise_v2(run.output) == expected


def test_normalising_touches_only_the_kfp_version():
    text = v2_golden("example_pipeline").read_text(encoding="utf-8")
    bumped = text.replace("kfp==2.17.3", "kfp==2.99.0").replace("kfp-2.17.3", "kfp-2.99.0")
    assert bumped != text
    assert normalise_v2(bumped) == normalise_v2(text)
    assert normalise_v2(text.replace("number_1", "number_one")) != normalise_v2(text)


@pytest.mark.oracle
def test_v2_goldens_are_what_kfp_2_writes(kfp2_python):
    """The committed goldens really are kfp 2's output for the corpus as it is now."""
    stale = [n for n, run in fresh_results(kfp2_python, NAMES).items()
             if not same(committed(n), run)]
    assert not stale, f"stale v2 goldens (run python tools/make_goldens_v2.py): {stale}"

