"""The importer against the real SDKs on the structure of a pipeline: the tasks kfp
creates when it runs the pipeline function (container ops with their command lines,
components with their arguments), their order and dependencies, and the group tree
(conditions, loops, exit handlers). Each fixture in data/structure is run by kfp in its
oracle venv and read by us without running it; both are rendered the same way
(``structure_probe``) and must be equal.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.importers import list_pipeline_file, load_pipeline_file
from tests.importers.structure_probe import (
    KFP1_PROBE,
    KFP2_PROBE,
    our_structure,
    our_structure_v2,
    run_probe,
)

DATA = Path(__file__).resolve().parent / "data" / "structure"

pytestmark = pytest.mark.oracle


def _cases(prefix: str) -> list[tuple[Path, str]]:
    return [(f, c.name) for f in sorted(DATA.glob(f"{prefix}_*.py"))
            for c in list_pipeline_file(f)]


def test_v1_structure_is_what_kfp_1_8_9_builds(kfp1_python):
    cases = _cases("v1")
    theirs = run_probe(kfp1_python, KFP1_PROBE, [f"{f}::{name}" for f, name in cases])
    for f, name in cases:
        ours = our_structure(load_pipeline_file(f, pipeline=name))
        assert ours == unnamed_volumes(ours, theirs[f"{f}::{name}"]), f"{f.name}::{name}"


def unnamed_volumes(ours: dict, theirs: dict) -> dict:
    """Where the IR leaves a volume's name to kfp (``volume_name`` None: ``pvolume-<hash>``
    or the VolumeOp's name), compare everything but that name."""
    for mine, kfp in zip(ours["tasks"], theirs["tasks"]):
        for vol, kvol in zip(mine.get("settings", {}).get("volumes", []),
                             kfp.get("settings", {}).get("volumes", [])):
            if vol["name"] == "*":
                kvol["name"] = "*"
        for mount, kmount in zip(mine.get("settings", {}).get("volume_mounts", []),
                                 kfp.get("settings", {}).get("volume_mounts", [])):
            if mount["name"] == "*":
                kmount["name"] = "*"
    return theirs


def test_v2_structure_is_what_kfp_2_builds(kfp2_python):
    cases = _cases("v2")
    theirs = run_probe(kfp2_python, KFP2_PROBE, [f"{f}::{name}" for f, name in cases])
    for f, name in cases:
        ours = our_structure_v2(load_pipeline_file(f, pipeline=name))
        assert ours == theirs[f"{f}::{name}"], f"{f.name}::{name}"
