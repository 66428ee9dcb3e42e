"""The container step form's fields <-> the component spec text (designer/ir/container_fields)."""
from __future__ import annotations

from designer.ir.component_spec import Where, spec_component
from designer.ir.components import Concat, InputPath, InputValue, OutputPath
from designer.ir.container_fields import ContainerFields, PortDecl, build, fields_of, spec_text
from designer.ir.signature import PATH, VALUE

FIELDS = ContainerFields(
    "Train it", "python:3.10", "Trains.", ("python3", "-m", "trainer"),
    ("--data", "{inputPath: table}", "--rows={inputValue: rows}", "{outputPath: model}", ""),
    (PortDecl("table", "Dataset"), PortDecl("rows", "Integer", "5"), PortDecl("note", "",
                                                                            None, True)),
    (PortDecl("model", "Model"),))


def test_lines_become_placeholders_and_concats():
    comp = build(FIELDS)
    assert comp.args == ["--data", InputPath("table"),
                         Concat(("--rows=", InputValue("rows"))), OutputPath("model"), ""]
    assert [(i.name, i.passing, i.type, i.default, i.has_default)
            for i in comp.signature.inputs] == [
        ("table", PATH, "Dataset", None, False), ("rows", VALUE, "Integer", "5", True),
        ("note", VALUE, None, None, True)]
    assert comp.origin == "spec" and comp.python_name == "train_it"


def test_the_text_reads_back_to_the_same_fields():
    text = spec_text(FIELDS)
    assert fields_of(spec_component(text, Where("x"))) == FIELDS
    assert spec_text(fields_of(build(FIELDS))) == text


def test_a_multi_line_script_is_a_literal_block():
    fields = ContainerFields("S", "alpine", "", ("sh", "-c"), ("set -e\necho hi\n",))
    assert "- |\n      set -e\n      echo hi\n" in spec_text(fields)
    assert build(fields).args == ["set -e\necho hi\n"]


def test_what_the_form_cannot_show_has_no_fields():
    text = ("name: x\ninputs: [{name: a, optional: true}]\nimplementation:\n  container:\n"
            "    image: alpine\n    args: [{if: {cond: {isPresent: a}, then: [--a]}}]\n")
    assert fields_of(spec_component(text, Where("x"))) is None
