"""Type-hint stripping as kfp 1.8.9 does it (designer/compiler/v1_strip_hints.py).

strip_hints.json holds kfp's ``strip_type_hints`` output for each source, recorded from the
kfp1 oracle venv: lib2to3 results for ordinary code, strip-hints results for syntax lib2to3
cannot parse (match, except*, parenthesised with), the source itself when both fail.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.compiler.v1_strip_hints import strip_type_hints

DATA = Path(__file__).parent / "data" / "v1"
CASES = json.loads((DATA / "strip_hints.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_strip_type_hints_like_kfp(case):
    assert strip_type_hints(case["source"]) == case["expected"]


def test_cases_cover_both_strippers():
    changed = [c for c in CASES if c["expected"] != c["source"]]
    assert any("match" in c["source"] and "pass #" in c["expected"] for c in changed)
    assert any("match" not in c["source"] for c in changed)
