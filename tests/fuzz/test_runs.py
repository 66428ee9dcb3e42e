"""The hostile-run fuzzer's short pass in the normal test line, and its saved failures.

`python -m tests.fuzz --minutes N --only runs` runs it for longer (see tests/fuzz/runs.py)."""
from __future__ import annotations

import pytest

from tests.fuzz import runs

SEEDS = range(149, 155)   # a short seeded pass that meets every behaviour and every mode


def test_the_short_pass_meets_every_behaviour_and_mode():
    seen = set()
    for seed in SEEDS:
        case = runs.generate(seed)
        seen |= {t["behaviour"] for t in case["tasks"]}
        seen |= {k for k in ("rerun", "via_cli", "cancel_after") if case[k]}
    assert seen == set(runs.BEHAVIOURS) | {"rerun", "via_cli", "cancel_after"}


@pytest.mark.parametrize("seed", SEEDS)
def test_hostile_runs(seed, tmp_path):
    problems, outcome = runs.check(runs.generate(seed), tmp_path)
    assert problems == [] and outcome == "ran"


@pytest.mark.parametrize("case", runs.regression_cases(), ids=lambda c: f"seed-{c['seed']}")
def test_saved_failures_pass_now(case, tmp_path):
    problems, _ = runs.check(case, tmp_path)
    assert problems == []
