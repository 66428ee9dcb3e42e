"""compile_v1 on the feature pipelines (tests/golden/features), against kfp 1.8.9's goldens.

Each features/NAME.py is our own kfp 1.8.9 pipeline for one feature of the v1 compiler;
tools/make_goldens.py compiled it with the real kfp 1.8.9 into features/v1/NAME.yaml. Two
comparisons: the IR tests/compiler/v1_features.py builds by hand, compiled in process (the
compiler alone), and the file itself through `python -m designer compile` (importer and
compiler, end to end). The files stay out of tests/golden/pipelines/ because that corpus is
also compiled for KFP v2, which these kfp 1 concepts (ContainerOp, VolumeOp...) are not.
"""
from __future__ import annotations

import pytest

from designer.compiler import compile_pipeline
from designer.compiler.v1 import SUPPORTED
from designer.ir.features import features
from tests.compiler.v1_features import BUILDERS
from tests.golden.goldens import (EPOCH, FEATURES_V1_DIR, compilation_times, feature_file,
                                  feature_golden, feature_names, first_difference,
                                  normalise_v1, run_our_cli, time_from_epoch)

NAMES = feature_names()


def test_every_feature_pipeline_has_a_builder_and_a_golden():
    assert NAMES, "no feature pipelines"
    assert sorted(BUILDERS) == NAMES
    for name in NAMES:
        assert feature_golden(name).exists(), f"run python tools/make_goldens.py features/{name}"
    orphans = {p.stem for p in FEATURES_V1_DIR.glob("*.yaml")} - set(NAMES)
    assert not orphans, f"goldens without a source: {sorted(orphans)}"


@pytest.mark.parametrize("name", NAMES)
def test_compiles_like_kfp_1_8_9(name):
    golden = feature_golden(name).read_text(encoding="utf-8")
    time = compilation_times(golden)[0]
    pipeline = BUILDERS[name]()
    text = compile_pipeline(pipeline, "v1", compile_time=time)
    expected, actual = normalise_v1(golden), normalise_v1(text)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


# Files the Python importer refuses for now, with the words of its refusal: when it learns to
# read one, this test fails and the entry goes.
IMPORTER_REFUSES = {
    "spec_components": "`fileOutputs` in a component spec is not supported",
    "container_ops": "`@dsl.component` with a return annotation adds outputs",
    "runtime_settings": "the label value must be a string known when the pipeline is compiled",
}


@pytest.mark.parametrize("name", NAMES)
def test_the_cli_compiles_the_file_like_kfp_1_8_9(name):
    run = run_our_cli(feature_file(name), "v1", EPOCH)
    if name in IMPORTER_REFUSES:
        assert run.returncode == 2 and IMPORTER_REFUSES[name] in run.stderr, run.stderr
        return
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr.strip()}"
    assert compilation_times(run.output) == [time_from_epoch(EPOCH)]
    expected = normalise_v1(feature_golden(name).read_text(encoding="utf-8"))
    actual = normalise_v1(run.output)
    assert actual == expected, f"{name}: {first_difference(expected, actual)}"


@pytest.mark.parametrize("name", NAMES)
def test_uses_only_supported_features(name):
    """The goldens exercise features the compiler claims (SUPPORTED), not refused ones."""
    used = features(BUILDERS[name]())
    assert used <= SUPPORTED, sorted(used - SUPPORTED)


@pytest.mark.parametrize("name", NAMES)
def test_source_map_covers_every_task(name):
    pipeline = BUILDERS[name]()
    compiled = compile_pipeline(pipeline, "v1", compile_time="t", with_source_map=True)
    lines = compiled.text.count("\n")
    for task in pipeline.tasks:
        ranges = compiled.source_map.tasks.get(task.id)
        assert ranges, f"{task.name} is not in the source map"
        assert all(1 <= a <= b <= lines for a, b in ranges)
    for group in pipeline.groups:
        assert compiled.source_map.groups.get(group.id), f"{group.id} is not in the source map"


def test_a_v2_container_component_is_the_kfp_1_spec_the_golden_loads():
    """features/v2_containers.py loads the YAML text the designer makes for the kfp 2
    component; the golden proves kfp 1.8.9 compiles that text as we do."""
    from designer.compiler.v1_spec import equivalent_spec_text
    from tests.compiler.v1_features import make_report_v2, string_constant
    from tests.golden.goldens import feature_file

    text = feature_file("v2_containers").read_text(encoding="utf-8")
    assert equivalent_spec_text(make_report_v2()) == string_constant(text, "MAKE_REPORT")
