"""The feature pipelines (tests/golden/features: kfp 1 DSL, features_v2: kfp 2 DSL) as the
Python export sees them: which style each is exported in, which the importer cannot read
yet, and the IR in a form that compares across imports (ids replaced by positions).

Shared by tests/compiler/test_python_export_features.py (import -> export -> import) and
tests/test_oracle_export_features.py (the export compiled by the real SDKs).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from designer.ir import Pipeline
from tests.golden.goldens import GOLDEN_DIR

V1_DIR = GOLDEN_DIR / "features"
V2_DIR = GOLDEN_DIR / "features_v2"
SUB_DIR = GOLDEN_DIR / "subpipelines"      # kfp 2 sub-pipelines: ``v2/subpipelines.NAME``

# Files the Python importer refuses for now, with the words of its refusal: when it learns to
# read one, the round-trip tests fail and the entry goes (the file is then exported too).
IMPORTER_REFUSES = {
    "v1/spec_components": "`fileOutputs` in a component spec is not supported",
    "v1/container_ops": "`@dsl.component` with a return annotation adds outputs",
    "v1/runtime_settings": "the label value must be a string known when the pipeline is compiled",
}


def feature_files() -> dict[str, Path]:
    """``v1/NAME`` / ``v2/NAME`` -> the file; the prefix is the export style."""
    out = {f"v1/{p.stem}": p for p in sorted(V1_DIR.glob("*.py"))}
    out |= {f"v2/{p.stem}": p for p in sorted(V2_DIR.glob("*.py"))}
    out |= {f"v2/subpipelines.{p.stem}": p for p in sorted(SUB_DIR.glob("*.py"))}
    return out


def golden(name: str) -> Path:
    style, stem = name.split("/")
    if stem.startswith("subpipelines."):
        return SUB_DIR / f"{stem.split('.', 1)[1]}.yaml"
    return (V1_DIR / "v1" if style == "v1" else V2_DIR / "v2") / f"{stem}.yaml"


def canonical(p: Pipeline) -> Any:
    """The pipeline as nested tuples, every id replaced by ``task3``/``group1``/``comp0``."""
    labels: dict[str, str] = {}

    def label(q: Pipeline, prefix: str) -> None:
        # (a sub-pipeline's ids are its own: labelled under its place in the tree)
        labels.update({t.id: f"{prefix}task{i}" for i, t in enumerate(q.tasks)})
        labels.update({g.id: f"{prefix}group{i}" for i, g in enumerate(q.groups)})
        labels.update({c.id: f"{prefix}comp{i}" for i, c in enumerate(q.components)})
        for i, c in enumerate(q.components):
            if isinstance(getattr(c, "pipeline", None), Pipeline):
                label(c.pipeline, f"{prefix}comp{i}.")

    label(p, "")

    def walk(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return (type(v).__name__,) + tuple(
                (f.name, walk(getattr(v, f.name))) for f in dataclasses.fields(v))
        if isinstance(v, dict):
            return ("dict",) + tuple((walk(k), walk(x)) for k, x in v.items())
        if isinstance(v, (list, tuple)):
            return (type(v).__name__,) + tuple(walk(x) for x in v)
        if isinstance(v, (set, frozenset)):
            return ("set",) + tuple(sorted(walk(x) for x in v))
        if isinstance(v, str):
            return labels.get(v, v)
        return v

    return walk(p)
