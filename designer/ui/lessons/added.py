"""What a lesson step added to the exported Python and the compiled v1 YAML.

The texts are taken when a step becomes current and again when it is done; the lines
that are new or changed are shown highlighted in the full new text (the code editor's
own highlighting, the previews' colours). A pipeline that does not compile yet gives no
text: the step then shows what it added once it does.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from designer.ir import Pipeline
from designer.ir.errors import InputError


@dataclass(frozen=True)
class Texts:
    python: str
    yaml: str


def texts_of(pipeline: Pipeline) -> Texts:
    from designer.compiler.python_source import export_python
    from designer.lessons.checks import compiled
    try:
        python = export_python(pipeline, "v1")
    except (InputError, ValueError, KeyError, TypeError):
        python = ""
    return Texts(python, compiled(pipeline, "v1") or "")


def added_lines(before: str, after: str) -> list[tuple[int, int]]:
    """1-based inclusive line ranges of ``after`` that ``before`` did not have."""
    a, b = before.splitlines(), after.splitlines()
    ranges = []
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False
                                                         ).get_opcodes():
        if tag in ("insert", "replace") and j2 > j1:
            ranges.append((j1 + 1, j2))
    return ranges
