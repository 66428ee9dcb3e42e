"""The fuzz suite in the normal test line: a short seeded run of every kind, and every saved
regression input replayed (``python -m tests.fuzz --minutes N`` runs long ones)."""
from __future__ import annotations

import time

import pytest

from tests.fuzz import available, checks, harness

SHORT_RUN = 25          # inputs per kind: a few seconds each


@pytest.mark.parametrize("kind", available())
def test_a_short_seeded_run_finds_nothing(kind):
    stats = harness.run_kind(kind, seed=1, count=SHORT_RUN, save=False, log=lambda m: None)
    assert stats.inputs == SHORT_RUN
    assert not stats.failures, [(s, r.detail[:500]) for s, r, _ in stats.failures]


@pytest.mark.parametrize("kind", available())
def test_every_saved_regression_input_passes(kind):
    paths = harness.regression_inputs(kind)
    stats = harness.replay(kind, paths)
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
        kind = "tests.fuzz.test_fuzz"
        assert worker.run(kind, b"fine", 60).status == "ok"
        boom = worker.run(kind, b"boom", 60)
        assert boom.status == "traceback" and "ValueError: a traceback" in boom.detail
        assert worker.run(kind, b"wrong", 60).status == "wrong"
        assert worker.run(kind, b"hang", 1.0).status == "hang"
        assert worker.run(kind, b"fine", 60).status == "ok"      # a fresh worker after a hang
    finally:
        worker.stop()
