"""Container steps made and edited on the canvas: each form edit is one command that redo,
undo and redo again apply exactly, and the saved file reopens equal (its text is the truth)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from designer import persist
from designer.ir import InputError
from designer.ir.container_fields import PortDecl, fields_of, new_step
from designer.model import commands as C

from tests.model.test_commands import check_round_trip


@pytest.fixture
def step_doc(empty_doc):
    cmd = C.AddTask(empty_doc, new_step(set()), (0.0, 0.0))
    empty_doc.push(cmd)
    return empty_doc, empty_doc.pipeline.tasks[0].component_id


def test_a_new_step_is_a_spec_component_named_for_python(step_doc):
    doc, cid = step_doc
    comp = doc.component(cid)
    assert (comp.origin, comp.name, comp.python_name, doc.pipeline.tasks[0].name) == (
        "spec", "Container step", "container_step", "container_step")
    assert new_step({"Container step"}).name == "Container step 2"


@pytest.mark.parametrize("edit", [
    lambda f: replace(f, image="python:3.11"),
    lambda f: replace(f, name="Make rows"),
    lambda f: replace(f, inputs=(PortDecl("rows", "Integer", "3"),),
                      args=("{inputValue: rows}",)),
    lambda f: replace(f, outputs=(PortDecl("data", "Dataset"),), args=("{outputPath: data}",)),
])
def test_each_form_edit_round_trips(step_doc, edit):
    doc, cid = step_doc
    fields = edit(fields_of(doc.component(cid)))
    check_round_trip(doc, lambda d: C.SetContainerFields(d, cid, fields, "x"))
    doc.push(C.SetContainerFields(doc, cid, fields, "x"))
    assert fields_of(doc.component(cid)) == fields
    text = persist.dumps(doc.project())
    assert persist.dumps(persist.loads(text)) == text   # reopens equal: the text agrees


def test_a_task_named_after_the_step_follows_its_new_name(step_doc):
    doc, cid = step_doc
    doc.push(C.AddTask(doc, doc.component(cid), (0.0, 200.0)))
    doc.push(C.AddTask(doc, doc.component(cid), (0.0, 400.0), name="mine"))
    assert [t.name for t in doc.pipeline.tasks] == ["container_step", "container_step_2",
                                                    "mine"]
    fields = replace(fields_of(doc.component(cid)), name="Make rows")
    check_round_trip(doc, lambda d: C.SetContainerFields(d, cid, fields, "name"))
    doc.push(C.SetContainerFields(doc, cid, fields, "name"))
    assert [t.name for t in doc.pipeline.tasks] == ["make_rows", "container_step_2", "mine"]
    doc.push(C.SetContainerFields(doc, cid, replace(fields, name="Import"), "name"))
    assert doc.pipeline.tasks[0].name == "import_op"   # `import` is no Python name


def test_an_edit_naming_an_undeclared_port_is_refused(step_doc):
    doc, cid = step_doc
    fields = replace(fields_of(doc.component(cid)), args=("{inputPath: nobody}",))
    with pytest.raises(InputError, match="nobody"):
        C.SetContainerFields(doc, cid, fields, "x")
    with pytest.raises(InputError, match="image"):
        C.SetContainerFields(doc, cid, replace(fields, image=" "), "x")
