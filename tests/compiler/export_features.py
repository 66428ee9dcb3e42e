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
    return out


def golden(name: str) -> Path:
    style, stem = name.split("/")
    return (V1_DIR / "v1" if style == "v1" else V2_DIR / "v2") / f"{stem}.yaml"


def canonical(p: Pipeline) -> Any:
    """The pipeline as nested tuples, every id replaced by ``task3``/``group1``/``comp0``."""
    labels = {t.id: f"task{i}" for i, t in enumerate(p.tasks)}
    labels |= {g.id: f"group{i}" for i, g in enumerate(p.groups)}
    labels |= {c.id: f"comp{i}" for i, c in enumerate(p.components)}

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
