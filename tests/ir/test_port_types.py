"""kfp's wiring rules for values and artifacts (designer/ir/port_types.py), case by case."""
from __future__ import annotations

import pytest

from designer.ir.port_types import (GENERIC, PortType, artifact_type_name, of_annotation, of_port,
                                    wire_problem)
from designer.ir.signature import ARTIFACT, PATH, VALUE, InputSpec, OutputSpec


def out(annotation=None, passing=VALUE, type=None):
    return of_port(OutputSpec("o", annotation, passing, type))


def inp(annotation=None, passing=VALUE, type=None):
    return of_port(InputSpec("i", annotation, passing=passing, type=type))


@pytest.mark.parametrize("text, expected", [
    ("Dataset", ("system.Dataset", False)), ("dsl.Model", ("system.Model", False)),
    ("'CSV'", ("CSV", False)), ("CSV", ("CSV", False)), ("Artifact", (None, False)),
    ("system.Artifact@0.0.1", (None, False)), ("List[Metrics]", ("system.Metrics", True)),
    (None, (None, False)), ('{"GCSPath":{"data_type":"model"}}',
                            ('{"GCSPath":{"data_type":"model"}}', False)),
])
def test_artifact_type_names(text, expected):
    assert artifact_type_name(text) == expected


def test_kinds_of_ports():
    assert out("Output[Dataset]", ARTIFACT, "Dataset") == PortType(True, "system.Dataset")
    assert out("Dataset", ARTIFACT, "Dataset").label == "Dataset"         # -> Dataset
    assert inp("Dataset") == PortType(True, "system.Dataset")             # a plain annotation
    assert inp("List[Model]") == PortType(True, "system.Model", True)
    assert inp("InputPath(str)", PATH, "str") == PortType(False, "str")    # a value by file
    assert inp("InputPath('CSV')", PATH, "CSV").label == "CSV"
    assert inp("InputPath()", PATH, None).loose
    assert inp(None, VALUE, "Integer") == PortType(False, "Integer")       # a spec's value
    assert of_annotation("Optional[Input[List[Model]]]") == PortType(True, "system.Model", True)
    assert of_annotation("int") == PortType(False, "int") and not of_annotation(None).artifact
    assert of_annotation(None).loose and inp(None).loose
    assert PortType(True, GENERIC).generic and PortType(True).label == "Artifact"


def test_artifact_rules():
    dataset, model = out("Output[Dataset]", ARTIFACT, "Dataset"), \
        out("Output[Model]", ARTIFACT, "Model")
    assert wire_problem(dataset, inp("Input[Dataset]", ARTIFACT, "Dataset")) is None
    assert wire_problem(dataset, inp("Input[Artifact]", ARTIFACT, "Artifact")) is None
    assert wire_problem(out("Output[Artifact]", ARTIFACT, "Artifact"),
                        inp("Input[Model]", ARTIFACT, "Model")) is None
    problem = wire_problem(model, inp("Input[Dataset]", ARTIFACT, "Dataset"))
    assert (problem.reason, problem.have, problem.want) == ("type", "Model", "Dataset")
    # kfp 1 type names match by name; the generic artifact takes them.
    csv = out("OutputPath('CSV')", PATH, "CSV")
    assert wire_problem(csv, inp("InputPath('CSV')", PATH, "CSV")) is None
    assert wire_problem(csv, inp("InputPath('TSV')", PATH, "TSV")).reason == "type"
    assert wire_problem(csv, inp("Input[Artifact]", ARTIFACT, "Artifact")) is None
    # Lists feed lists only.
    assert wire_problem(dataset, inp("Input[List[Dataset]]", ARTIFACT,
                                     "List[Dataset]")).reason == "list"


def test_values_and_artifacts_never_mix():
    dataset_in = inp("Input[Dataset]", ARTIFACT, "Dataset")
    assert wire_problem(out("str"), dataset_in).reason == "value-to-artifact"
    assert wire_problem(out("Output[Dataset]", ARTIFACT, "Dataset"),
                        inp("int")).reason == "artifact-to-value"
    # A parameter passed by file is a value: OutputPath(str) feeds str and InputPath(str).
    assert wire_problem(out("OutputPath(str)", PATH, "str"), inp("str")) is None
    assert wire_problem(out("str"), inp("InputPath(str)", PATH, "str")) is None
    assert wire_problem(out("int"), inp("str")).reason == "type"
    # An untyped file (kfp 1 checks no type there) takes a value and feeds one.
    assert wire_problem(out("str"), inp(None, PATH, None)) is None
    assert wire_problem(out(None, PATH, None), inp("int")) is None
    # So does an untyped value (a ContainerOp's file output or input).
    assert wire_problem(out(None), inp("InputPath('CSV')", PATH, "CSV")) is None
    assert wire_problem(out("Output[Model]", ARTIFACT, "Model"), inp(None)) is None
