"""IR -> text. Pure, deterministic functions: same pipeline, same bytes."""
from __future__ import annotations

from designer.ir import Pipeline

from .source_map import Compiled, SourceMap

TARGETS = ("v1", "v2")


def compile_pipeline(pipeline: Pipeline, target: str = "v1", *, compile_time: str | None = None,
                     kfp_version: str | None = None,
                     with_source_map: bool = False) -> str | Compiled:
    """Compile to KFP YAML. ``compile_time`` overrides the v1 timestamp annotation
    (else SOURCE_DATE_EPOCH, else now); ``kfp_version`` is the kfp pinned in v2 executors.
    ``with_source_map``: return ``Compiled(text, source_map)``, the same text and where each
    task, component and parameter is in it (``source_map.py`` states the contract)."""
    if target == "v1":
        from .v1 import compile_v1
        return compile_v1(pipeline, compile_time=compile_time, with_source_map=with_source_map)
    if target == "v2":
        from .v2 import compile_v2
        return compile_v2(pipeline, kfp_version=kfp_version, with_source_map=with_source_map)
    raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")


__all__ = ["TARGETS", "Compiled", "SourceMap", "compile_pipeline"]
