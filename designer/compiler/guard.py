"""Refuse, with a one-line reason, pipelines using what a writer cannot write exactly."""
from __future__ import annotations

from typing import Iterable, Mapping

from designer.ir import InputError, Pipeline
from designer.ir.features import describe, unsupported


def refuse_unsupported(pipeline: Pipeline, supported: Iterable[str], doing: str,
                       absent: Mapping[str, str] | None = None) -> None:
    """InputError ``<doing>: task `x` uses ..., which ...`` for the first unsupported use;
    ``doing`` says what was refused ("cannot compile for KFP 2"); ``absent``: features the
    target itself lacks, with the words that say so ("which kfp 1 does not have")."""
    use = unsupported(pipeline, supported)
    if use is not None:
        why = (absent or {}).get(use.feature, "which the designer cannot write here yet")
        error = InputError(f"{doing}: {describe(use)}, {why}")
        error.use = use   # (type: ignore) what, for a caller that knows its file lines
        raise error
