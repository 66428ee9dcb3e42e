"""Docstrings read as kfp 1.8.9 reads them (designer/ir/docstrings.py, shared with kfp 2).

docstrings.json holds ``docstring_parser.parse`` results recorded from the kfp1 oracle venv.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.ir import docstrings

DATA = Path(__file__).parent / "data" / "v1"
CASES = json.loads((DATA / "docstrings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_docstring_as_docstring_parser_reads_it(case):
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(Exception) as e:
            docstrings.parse(case["docstring"])
        assert type(e.value).__name__ == expected["error"]
        return
    parsed = docstrings.parse(case["docstring"])
    assert parsed.short_description == expected["short_description"]
    assert dict(parsed.params) == expected["params"]


def test_google_wins_over_rest_when_it_finds_more_entries():
    doc = "S.\n:param a: x\n\nArgs:\n    a: g\n    b: h\n"
    assert dict(docstrings.parse(doc).params) == {"a": "g", "b": "h"}
