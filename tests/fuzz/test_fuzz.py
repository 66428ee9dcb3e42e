"""The fuzz suite in the normal test line: a short seeded run of every kind, and every saved
regression input replayed (``python -m tests.fuzz --minutes N`` runs long ones)."""
from __future__ import annotations

import time

import pytest

from tests.fuzz import available, checks, harness, kind, self_driven

SHORT_RUN = 25          # inputs per kind: a few seconds each
# Self-driven kinds (runs.py) have their own short pass and replay (their test_*.py).
HARNESSED = [name for name in available() if not self_driven(kind(name))]


@pytest.mark.parametrize("name", HARNESSED)
def test_a_short_seeded_run_finds_nothing(name):
    stats = harness.run_kind(name, seed=1, count=SHORT_RUN, save=False, log=lambda m: None)
    assert stats.inputs == SHORT_RUN
    assert not stats.failures, [(s, r.detail[:500]) for s, r, _ in stats.failures]


@pytest.mark.parametrize("name", HARNESSED)
def test_every_saved_regression_input_passes(name):
    paths = harness.regression_inputs(name)
    stats = harness.replay(name, paths)
    assert stats.inputs == len(paths)
    assert not stats.failures, [(s, r.detail[:500], p) for s, r, p in stats.failures]


# --- the harness itself: a kind whose checks misbehave on purpose --------------------------

NAME, SUFFIX = "probe", ".txt"


def generate(rng) -> bytes:
    return b"fine"


def check(data: bytes, workdir) -> str:
    if data == b"hang":
        while True:
            time.sleep(1)
    if data == b"boom":
        raise ValueError("a traceback")
    if data == b"wrong":
        raise checks.Wrong("a wrong output")
    return "fine"


def test_the_harness_tells_tracebacks_hangs_and_wrong_outputs_apart():
    worker = harness.Worker()
    try:
        probe = "tests.fuzz.test_fuzz"
        assert worker.run(probe, b"fine", 60).status == "ok"
        boom = worker.run(probe, b"boom", 60)
        assert boom.status == "traceback" and "ValueError: a traceback" in boom.detail
        assert worker.run(probe, b"wrong", 60).status == "wrong"
        assert worker.run(probe, b"hang", 1.0).status == "hang"
        assert worker.run(probe, b"fine", 60).status == "ok"      # a fresh worker after a hang
    finally:
        worker.stop()
