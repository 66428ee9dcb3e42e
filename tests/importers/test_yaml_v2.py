"""Compiled KFP v2 PipelineSpecs opened back into the IR.

The proof is the round trip: every v2 golden of the suite (what the real kfp 2 wrote),
opened and compiled again for v2, is the same parsed document (the kfp version normalised,
as tests/test_golden_v2.py compares); what the reader does not take yet is refused with
``file:line: what``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler import compile_pipeline
from designer.importers import load_yaml_file
from designer.inputs import load_project
from designer.ir import InputError, OutputRef, ParamRef
from tools.make_goldens_v2 import normalise_v2

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PLAIN = sorted((GOLDEN / "v2").glob("*.yaml"))
FEATURES = sorted((GOLDEN / "features_v2" / "v2").glob("*.yaml"))


def _same_again(path: Path) -> tuple:
    imported = load_yaml_file(path)
    out = compile_pipeline(imported.pipeline, "v2")
    return normalise_v2(path.read_text(encoding="utf-8")), normalise_v2(out), imported


def test_example_pipeline_spec_gives_the_tutorial():
    expected, actual, imported = _same_again(GOLDEN / "v2" / "example_pipeline.yaml")
    p = imported.pipeline
    assert imported.target == "v2" and imported.warnings == [] and actual == expected
    assert [(x.name, x.annotation) for x in p.params] == [("number_1", "int"),
                                                         ("number_2", "int")]
    assert len(p.tasks) == 3 and len(p.components) == 2
    assert {c.source for c in p.components} == {
        "def print_and_return_number(number: int) -> int:\n    print(number)\n"
        "    return number\n",
        "def sum_and_print_numbers(number_1: int, number_2: int):\n"
        "    print(number_1 + number_2)\n"}
    first, second, total = p.tasks
    assert first.arguments == {"number": ParamRef("number_1")}
    assert set(total.arguments.values()) == {OutputRef(first.id, "Output"),
                                             OutputRef(second.id, "Output")}


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.stem)
def test_every_plain_v2_golden_round_trips(path):
    expected, actual, imported = _same_again(path)
    assert imported.warnings == [] and actual == expected


@pytest.mark.parametrize("path", FEATURES, ids=lambda p: p.stem)
def test_feature_v2_goldens_round_trip_or_are_refused_at_a_line(path):
    try:
        expected, actual, imported = _same_again(path)
    except InputError as e:
        assert e.path == str(path) and (e.line or 0) >= 1 or "does not compile" in e.message, \
            str(e)
        return
    assert imported.warnings == [] and actual == expected


def test_edited_pipeline_spec_opens_with_a_warning_at_its_line(tmp_path):
    text = (GOLDEN / "v2" / "example_pipeline.yaml").read_text(encoding="utf-8")
    edited = text.replace("        - sum_and_print_numbers\n", "        - sum_and_print_numbers\n"
                          "        - --verbose\n", 1)
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    warnings = load_project(path).warnings      # an argument kfp never writes
    line = edited.splitlines().index("        - --verbose") + 1
    assert warnings and warnings[0].startswith(f"line {line}:"), warnings
    renamed = text.replace("name: example-pipeline\nroot:", "name: example-pipeline\n"
                           "  description: edited by hand\nroot:")
    path.write_text(renamed, encoding="utf-8")
    project = load_project(path)
    assert project.warnings == [] and project.pipeline.description == "edited by hand"
    newer = text.replace("sdkVersion: kfp-2.17.3", "sdkVersion: kfp-2.99.0")
    path.write_text(newer, encoding="utf-8")
    project = load_project(path)                # another kfp 2: its version pins differ
    assert any("sdkVersion" in w and "2.99.0" in w for w in project.warnings), project.warnings
    assert "kfp-2.17.3" in compile_pipeline(project.pipeline, "v2")


OUTPUTS_PY = '''
from typing import NamedTuple

from kfp import dsl
from kfp.dsl import Dataset, Output


@dsl.component(packages_to_install=["pandas==2.2.0"])
def make(rows: int, table: Output[Dataset]) -> NamedTuple("Outputs", [("count", int)]):
    with open(table.path, "w") as f:
        f.write("x\\n" * rows)
    return (rows,)


@dsl.pipeline(name="outputs")
def outputs(rows: int = 3) -> NamedTuple("Outputs", [("count", int), ("table", Dataset)]):
    made = make(rows=rows)
    made.set_caching_options(False)
    return NamedTuple("Outputs", [("count", int), ("table", Dataset)])(
        count=made.outputs["count"], table=made.outputs["table"])
'''


def test_pipeline_outputs_artifacts_and_packages_round_trip():
    from designer.importers import import_python, import_yaml
    original = import_python(OUTPUTS_PY, "outputs.py")
    text = compile_pipeline(original, "v2")
    imported = import_yaml(text, "outputs.yaml")
    p = imported.pipeline
    assert imported.warnings == [] and set(p.outputs) == {"count", "table"}
    (comp,) = p.components
    assert comp.packages_to_install == ["pandas==2.2.0"]
    assert p.tasks[0].settings.enable_caching is False
    assert normalise_v2(compile_pipeline(p, "v2")) == normalise_v2(text)
