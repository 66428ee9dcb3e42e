"""KFP v2 PipelineSpecs (what a run or a pipeline version carries) read back into the IR."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from designer.cluster.spec_reader import read_pipeline_spec
from designer.compiler.v2 import compile_v2
from designer.ir import InputError

GOLDEN = sorted((Path(__file__).resolve().parents[1] / "golden" / "v2").glob("*.yaml"))


def _normal(spec: dict) -> dict:
    return {k: v for k, v in spec.items() if k != "sdkVersion"}


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_every_spec_kfp_compiled_reads_back_exactly(path):
    """The goldens were compiled by kfp 2.17.3 itself: read, then compiled again, each
    gives the same spec."""
    spec = yaml.safe_load(path.read_text())
    pipeline = read_pipeline_spec(spec)
    assert _normal(yaml.safe_load(compile_v2(pipeline))) == _normal(spec)


def test_what_cannot_be_recreated_exactly_is_refused():
    spec = yaml.safe_load((GOLDEN[0].parent / "example_pipeline.yaml").read_text())
    changed = copy.deepcopy(spec)
    changed["root"]["dag"]["tasks"]["sum-and-print-numbers"]["retryPolicy"] = {"maxRetryCount": 2}
    with pytest.raises(InputError) as e:
        read_pipeline_spec(changed)
    assert "cannot re-create it exactly (it differs in root)" in str(e.value)
    container = copy.deepcopy(spec)
    executor = container["deploymentSpec"]["executors"]["exec-sum-and-print-numbers"]
    executor["container"] = {"image": "alpine", "command": ["echo", "hi"]}
    with pytest.raises(InputError) as e:
        read_pipeline_spec(container)
    assert "not a lightweight Python component" in str(e.value)
    with pytest.raises(InputError) as e:
        read_pipeline_spec({"kind": "Workflow"})
    assert "not a PipelineSpec" in str(e.value)
