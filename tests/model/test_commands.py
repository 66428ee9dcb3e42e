"""Every command: redo changes the document, undo restores it exactly, redo again repeats."""
from __future__ import annotations

import pytest

from designer import persist
from designer.ir import Component, Constant, OutputRef, ParamRef, PipelineParam
from designer.ir.settings import EnvVar, PipelineConf, Retry, TaskSettings
from designer.model import commands as C
from designer.model.document import snapshot
from designer.model.library import load_library
from designer.model.rules import PARAM_PREFIX, Source

GREET = "def greet(name: str) -> str:\n    return 'hi ' + name\n"


def ids(doc):
    return {t.name: t.id for t in doc.pipeline.tasks}


def check_round_trip(doc, make):
    """Push the command; undo must give back the exact document, redo the exact result."""
    before = snapshot(doc)
    before_text = persist.dumps(doc.project())
    cmd = make(doc)
    doc.push(cmd)
    after = snapshot(doc)
    assert after != before, "the command changed nothing"
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    assert persist.dumps(doc.project()) == before_text
    doc.undo_stack.redo()
    assert snapshot(doc) == after
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    return after


def library_component(name):
    return next(c for c in load_library() if c.name == name).to_component()


CASES = {
    "add task (new component)": lambda d: C.AddTask(d, library_component("greet"), (10, 20)),
    "add task (reused component)": lambda d: C.AddTask(
        d, library_component("print_and_return_number"), (10, 20)),
    "remove task": lambda d: C.RemoveItems(d, [ids(d)["number_1_result"]]),
    "remove middle of chain": lambda d: C.RemoveItems(d, [ids(d)["number_2_result"]]),
    "remove parameter": lambda d: C.RemoveItems(d, params=["number_1"]),
    "remove wire": lambda d: C.RemoveItems(d, links=[(ids(d)["sum_result"], "number_2")]),
    "remove everything": lambda d: C.RemoveItems(d, list(ids(d).values()),
                                                 ["number_1", "number_2"]),
    "move": lambda d: C.MoveNodes(d, {ids(d)["sum_result"]: (900.0, 50.0),
                                      PARAM_PREFIX + "number_1": (-30.0, 0.0)}),
    "connect (replace)": lambda d: C.Connect(d, Source(PARAM_PREFIX + "number_1", "number_1"),
                                             ids(d)["number_2_result"], "number"),
    "move wire (same task)": lambda d: C.MoveWire(
        d, Source(ids(d)["number_1_result"], "Output"), (ids(d)["sum_result"], "number_1"),
        (ids(d)["sum_result"], "number_2")),
    "move wire (other task)": lambda d: C.MoveWire(
        d, Source(PARAM_PREFIX + "number_1", "number_1"), (ids(d)["number_1_result"], "number"),
        (ids(d)["number_2_result"], "number")),
    "set constant": lambda d: C.SetArgument(d, ids(d)["number_1_result"], "number",
                                            Constant(5)),
    "disconnect": lambda d: C.SetArgument(d, ids(d)["sum_result"], "number_1", None),
    "after": lambda d: C.SetAfter(d, ids(d)["number_2_result"], [ids(d)["number_1_result"]]),
    "rename task": lambda d: C.RenameTask(d, ids(d)["sum_result"], "total"),
    "edit source": lambda d: C.SetComponentSource(
        d, "print_and_return_number",
        "def print_and_return_number(number: int, extra: str = 'x') -> int:\n"
        "    return number\n"),
    "edit source (broken)": lambda d: C.SetComponentSource(d, "print_and_return_number",
                                                           "def print_and_return_number(:\n"),
    "component settings": lambda d: C.SetComponentSettings(
        d, "sum_and_print_numbers", base_image="python:3.11", packages_to_install=["numpy"]),
    "component install options": lambda d: C.SetComponentSettings(
        d, "sum_and_print_numbers", pip_index_urls=["https://a/simple"],
        kfp_package_path="kfp==2.16.0", target_image="registry.example/sum:v1"),
    "add task (component with install options)": lambda d: C.AddTask(
        d, Component.from_source(GREET, pip_index_urls=["https://a/simple"],
                                 target_image="registry.example/greet:v1"), (10, 20)),
    "add component": lambda d: C.AddComponent(d, Component.from_source(GREET)),
    "add parameter": lambda d: C.AddParam(d, PipelineParam("rate", "float", 0.5, True),
                                          (0, 300)),
    "rename parameter": lambda d: C.EditParam(d, "number_1", PipelineParam("first", "int")),
    "retype parameter": lambda d: C.EditParam(d, "number_2",
                                              PipelineParam("number_2", "int", 7, True)),
    "pipeline info": lambda d: C.SetPipelineInfo(d, name="renamed", description="Sums."),
    "pipeline root": lambda d: C.SetPipelineInfo(d, pipeline_root="gs://bucket/runs"),
    "task settings": lambda d: C.SetTaskSettings(d, ids(d)["sum_result"], TaskSettings(
        cpu_limit="500m", enable_caching=False, retry=Retry(2),
        env=(EnvVar("TOKEN", secret="api-secret", key="token"),)), "CPU limit"),
    "pipeline conf": lambda d: C.SetPipelineConf(d, PipelineConf(parallelism=2, timeout=60)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_command_round_trip(example_doc, name):
    check_round_trip(example_doc, CASES[name])


def test_a_dropped_component_keeps_its_install_options(example_doc):
    comp = Component.from_source(GREET, kfp_package_path="kfp==2.16.0",
                                 pip_index_urls=["https://a/simple"])
    example_doc.push(C.AddTask(example_doc, comp, (10, 20)))
    added = example_doc.pipeline.component_named(comp.name)
    assert added.install_options() == comp.install_options()


def test_remove_component_only_when_unused(example_doc):
    doc = example_doc
    with pytest.raises(ValueError):
        C.RemoveComponent(doc, "print_and_return_number")
    add = C.AddComponent(doc, Component.from_source(GREET))
    doc.push(add)
    check_round_trip(doc, lambda d: C.RemoveComponent(d, add.component_id))


def test_remove_task_clears_references_and_undo_restores_them(example_doc):
    doc = example_doc
    n1 = ids(doc)["number_1_result"]
    doc.push(C.RemoveItems(doc, [n1]))
    total = doc.pipeline.task_named("sum_result")
    assert "number_1" not in total.arguments
    assert n1 not in doc.layout
    doc.undo_stack.undo()
    assert doc.pipeline.task_named("sum_result").arguments["number_1"] == OutputRef(n1, "Output")
    assert [t.name for t in doc.pipeline.tasks] == ["number_1_result", "number_2_result",
                                                    "sum_result"]


def test_rename_parameter_follows_references_and_position(example_doc):
    doc = example_doc
    pos = doc.layout[PARAM_PREFIX + "number_1"]
    doc.push(C.EditParam(doc, "number_1", PipelineParam("first", "int")))
    assert doc.pipeline.task_named("number_1_result").arguments["number"] == ParamRef("first")
    assert doc.layout[PARAM_PREFIX + "first"] == pos
    assert PARAM_PREFIX + "number_1" not in doc.layout


def test_arguments_are_kept_in_signature_order(example_doc):
    doc = example_doc
    total = ids(doc)["sum_result"]
    doc.push(C.SetArgument(doc, total, "number_1", None))
    doc.push(C.SetArgument(doc, total, "number_1", Constant(1)))
    assert list(doc.task(total).arguments) == ["number_1", "number_2"]


def test_source_edits_merge_per_pause(example_doc, monkeypatch):
    doc = example_doc
    clock = [100.0]
    doc.clock = lambda: clock[0]
    base = doc.component("print_and_return_number").source
    before = snapshot(doc)
    for i in range(5):  # typing: one keystroke every 0.2 s
        doc.push(C.SetComponentSource(doc, "print_and_return_number", base + "#" * (i + 1)))
        clock[0] += 0.2
    assert doc.undo_stack.count() == 1
    clock[0] += 5  # a pause
    doc.push(C.SetComponentSource(doc, "print_and_return_number", base + "#####!"))
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.component("print_and_return_number").source == base + "#####"
    doc.undo_stack.undo()
    assert snapshot(doc) == before


def test_typing_back_to_the_start_leaves_no_step(example_doc, monkeypatch):
    doc = example_doc
    doc.clock = lambda: 50.0
    base = doc.component("print_and_return_number").source
    doc.push(C.SetComponentSource(doc, "print_and_return_number", base + "x"))
    doc.push(C.SetComponentSource(doc, "print_and_return_number", base))
    assert doc.undo_stack.count() == 0


def test_broken_source_keeps_last_good_signature(example_doc):
    doc = example_doc
    sig = doc.component("print_and_return_number").signature
    doc.push(C.SetComponentSource(doc, "print_and_return_number", "def broken(:\n"))
    comp = doc.component("print_and_return_number")
    assert comp.source == "def broken(:\n" and comp.signature == sig


def test_signals_are_emitted_after_the_command_with_a_consistent_document(example_doc):
    doc = example_doc
    seen = []
    doc.task_removed.connect(lambda tid: seen.append(("removed", tid, doc.task(tid))))
    doc.link_changed.connect(lambda tid: seen.append(("link", tid, dict(doc.task(tid).arguments))))
    doc.changed.connect(lambda: seen.append(("changed",)))
    n1 = ids(doc)["number_1_result"]
    total = ids(doc)["sum_result"]
    doc.push(C.RemoveItems(doc, [n1]))
    assert seen[0] == ("removed", n1, None)
    assert seen[1] == ("link", total, {"number_2": OutputRef(ids(doc)["number_2_result"],
                                                             "Output")})
    assert seen[-1] == ("changed",) and len([s for s in seen if s[0] == "changed"]) == 1


def test_task_settings_emit_settings_changed_once_per_step(example_doc):
    doc = example_doc
    tid = ids(doc)["sum_result"]
    seen = []
    doc.settings_changed.connect(seen.append)
    doc.push(C.SetTaskSettings(doc, tid, TaskSettings(timeout=30), "timeout"))
    assert seen == [tid] and doc.task(tid).settings.timeout == 30
    assert doc.undo_stack.undoText() == "Set timeout of sum_result"
    doc.undo_stack.undo()
    assert seen == [tid, tid] and doc.task(tid).settings.is_default()


def _with_importer(doc) -> str:
    from designer.ir.importer import ImporterComponent
    cmd = C.AddTask(doc, ImporterComponent("imp", "Dataset"), (0, 400))
    doc.push(cmd)
    return doc.task(cmd.task_id).component_id


@pytest.mark.parametrize("fields", [{"artifact_class": "Model"}, {"reimport": True},
                                    {"metadata": {"source": "lab", "n": [1, 2]}}])
def test_importer_edits_round_trip_one_field_per_step(example_doc, fields):
    cid = _with_importer(example_doc)
    check_round_trip(example_doc, lambda d: C.SetImporter(d, cid, **fields))


def test_two_importers_added_alike_stay_two_components(example_doc):
    from designer.ir.importer import ImporterComponent
    first = _with_importer(example_doc)
    check_round_trip(example_doc, lambda d: C.AddTask(d, ImporterComponent("imp", "Dataset"),
                                                      (0, 500)))
    example_doc.push(C.AddTask(example_doc, ImporterComponent("imp", "Dataset"), (0, 500)))
    imps = [c.id for c in example_doc.pipeline.components if c.kind == "importer"]
    assert len(imps) == 2 and first in imps
