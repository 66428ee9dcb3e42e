"""A pipeline used as a step, as the canvas edits it: adding a task of it (a new pipeline
from a file, or another task of one the document has), wiring its output and deleting it
are each one command that redo, undo and redo again apply exactly; the saved file (project
format 3) reopens equal."""
from __future__ import annotations

from designer import persist
from designer.importers import load_pipeline_file
from designer.ir import OutputRef
from designer.ir.subpipeline import PipelineComponent
from designer.model import commands as C
from designer.model.rules import Source
from tests.golden.goldens import GOLDEN_DIR
from tests.model.test_commands import check_round_trip

LOUD = GOLDEN_DIR / "subpipelines" / "twice.py"


def _loud() -> PipelineComponent:
    return PipelineComponent("loud", load_pipeline_file(LOUD, pipeline="loud"))


def test_adding_wiring_and_deleting_a_pipeline_task_round_trip(empty_doc):
    doc = empty_doc
    check_round_trip(doc, lambda d: C.AddTask(d, _loud(), (0.0, 0.0)))
    first = C.AddTask(doc, _loud(), (0.0, 0.0))
    doc.push(first)
    comp = doc.pipeline.component_of(doc.task(first.task_id))
    assert comp.kind == "pipeline" and len(doc.pipeline.components) == 1
    # Another task of the same pipeline: the same component.
    check_round_trip(doc, lambda d: C.AddTask(d, comp, (0.0, 200.0)))
    second = C.AddTask(doc, comp, (0.0, 200.0))
    doc.push(second)
    assert doc.task(second.task_id).component_id == comp.id
    assert len(doc.pipeline.components) == 1
    source = Source(first.task_id, "Output")
    check_round_trip(doc, lambda d: C.Connect(d, source, second.task_id, "text"))
    doc.push(C.Connect(doc, source, second.task_id, "text"))
    assert doc.task(second.task_id).arguments["text"] == OutputRef(first.task_id, "Output")
    check_round_trip(doc, lambda d: C.RemoveItems(d, task_ids=[first.task_id]))
    text = persist.dumps(doc.project())
    assert "version: 3" in text and persist.dumps(persist.loads(text)) == text
