"""The document's live validation equals a full ``validate`` after any edit, and does
work in proportion to the edit, not to the pipeline (issue 16).

Random edit sequences (every kind of command, plus edits that make duplicates, bad
names, cycles, type mismatches and references to missing objects; undo and redo in
between) compare ``doc.problems.diagnostics()`` with ``validate(doc.pipeline)`` after
each step, and the reported difference with the change in the list.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir import validate
from designer.ir.graph import downstream_of
from designer.ir.live_validate import LiveValidation
from designer.ir.settings import TaskSettings
from designer.model import commands as C
from designer.model.document import Document
from designer.persist import Project

from tests.model.test_undo_property import random_command

SEEDS = range(30)
STEPS = 60


def tricky_command(doc, rng: random.Random):
    """Edits that make problems appear and go: the random commands seldom do."""
    p = doc.pipeline
    if not p.tasks:
        return None
    task = rng.choice(p.tasks)
    other = rng.choice(p.tasks)
    comp = doc.component(task.component_id)
    inputs = [i.name for i in comp.signature.inputs] if comp else []
    kind = rng.choice(["same_name", "bad_name", "cycle", "after_self", "bad_constant",
                       "missing_param", "wire", "param_type", "unused_param"])
    if kind == "same_name":
        return C.RenameTask(doc, task.id, other.name)
    if kind == "bad_name":
        return C.RenameTask(doc, task.id, rng.choice(["1st", "class", "a b", "ok_name"]))
    if kind == "cycle" and task.id != other.id:
        return C.SetAfter(doc, task.id, list(dict.fromkeys(task.after + [other.id])))
    if kind == "after_self":
        return C.SetAfter(doc, task.id, [task.id])
    if kind == "bad_constant" and inputs:
        return C.SetArgument(doc, task.id, rng.choice(inputs),
                             Constant(rng.choice(["text", 3, 2.5, None, [1], {"a": 1}])))
    if kind == "missing_param" and inputs:
        return C.SetArgument(doc, task.id, rng.choice(inputs), ParamRef("nowhere"))
    if kind == "wire" and inputs:
        up_comp = doc.component(other.component_id)
        outputs = [o.name for o in up_comp.signature.outputs] if up_comp else []
        if outputs:   # any output, fit or not, even from downstream (a cycle)
            return C.SetArgument(doc, task.id, rng.choice(inputs),
                                 OutputRef(other.id, rng.choice(outputs)))
    if kind == "param_type" and p.params:
        prm = rng.choice(p.params)
        return C.EditParam(doc, prm.name, PipelineParam(
            prm.name, rng.choice(["int", "str", "float", None]), prm.default, prm.has_default))
    if kind == "unused_param":
        return C.AddParam(doc, PipelineParam(f"u{rng.randint(0, 99)}", "int", 1, True))
    return None


def check(doc, before: list) -> None:
    full = validate(doc.pipeline)
    live = doc.problems.diagnostics()
    assert live == full
    changes = doc.problem_changes
    assert Counter(before) - Counter(changes.removed) + Counter(changes.added) == Counter(full)
    # The dependency index answers what the properties pane asks (which tasks may not
    # be chosen to run before a task: those downstream of it) as the graph walk does.
    for task in doc.pipeline.tasks[:6]:
        assert doc.problems.downstream_of(task.id) == downstream_of(doc.pipeline, task.id)


@pytest.mark.parametrize("seed", SEEDS)
def test_live_problems_equal_full_validation_after_random_edits(example_doc, seed):
    doc = example_doc
    rng = random.Random(1000 + seed)
    clock = [0.0]
    doc.clock = lambda: clock[0]
    assert doc.problems.diagnostics() == validate(doc.pipeline)
    for _ in range(STEPS):
        clock[0] += rng.choice([0.1, 3.0])
        before = doc.problems.diagnostics()
        roll = rng.random()
        if roll < 0.15 and doc.undo_stack.canUndo():
            doc.undo_stack.undo()
        elif roll < 0.22 and doc.undo_stack.canRedo():
            doc.undo_stack.redo()
        else:
            command = (tricky_command(doc, rng) if roll < 0.6 else None) \
                or random_command(doc, rng)
            try:
                doc.push(command)
            except (ValueError, KeyError):
                continue
        check(doc, before)
    # Every problem went through the list at some point; and back to the start.
    while doc.undo_stack.canUndo():
        before = doc.problems.diagnostics()
        doc.undo_stack.undo()
        check(doc, before)


def chain(n: int) -> Pipeline:
    comp = Component.from_source("def step(number: int, extra: int = 0) -> int:\n"
                                 "    return number + extra\n", id="step")
    tasks = [Task(f"t{i}", f"step_{i}", "step",
                  {"number": OutputRef(f"t{i - 1}", "Output")} if i else
                  {"number": ParamRef("start")}) for i in range(n)]
    return Pipeline("chain", params=[PipelineParam("start", "int", 1, True)],
                    components=[comp], tasks=tasks)


def test_an_edit_at_2000_tasks_rechecks_a_few_tasks(qapp):
    """Counting work, not time: each single edit rechecks the tasks it touched and their
    neighbours (and searches for a cycle only from a new dependency)."""
    doc = Document(Project(chain(2000), {}))
    stack = doc.undo_stack
    comp = doc.component("step")
    edits = {
        "rename": C.RenameTask(doc, "t1000", "renamed"),
        "duplicate name": C.RenameTask(doc, "t1500", "step_7"),
        "constant": C.SetArgument(doc, "t1200", "extra", Constant(4)),
        "wrong constant": C.SetArgument(doc, "t1201", "extra", Constant("four")),
        "connect": C.SetArgument(doc, "t1300", "extra", OutputRef("t1299", "Output")),
        "disconnect": C.SetArgument(doc, "t1400", "number", None),
        "add task": C.AddTask(doc, comp, (0.0, 0.0)),
        "remove task": C.RemoveItems(doc, ["t1600"]),
    }
    for name, command in edits.items():
        before = doc.problems.diagnostics()
        doc.push(command)
        checked = doc.problems.checked
        assert checked.tasks <= 4, (name, checked)
        assert checked.full_cycle_checks == 0, name
        # A new dependency down the graph's order walks nothing (nor re-ranks the graph).
        assert (checked.cycle_visits, checked.rankings) == (0, 0), (name, checked)
        check(doc, before)
        before = doc.problems.diagnostics()
        stack.undo()
        assert doc.problems.checked.tasks <= 4, (name, doc.problems.checked)
        assert (doc.problems.checked.cycle_visits, doc.problems.checked.rankings) == (0, 0), \
            (name, doc.problems.checked)
        check(doc, before)
        stack.redo()
    # A dependency that closes a cycle is found from the new edge, then reported fully.
    before = doc.problems.diagnostics()
    doc.push(C.SetAfter(doc, "t10", ["t20"]))
    assert doc.problems.checked.full_cycle_checks == 1
    assert any(d.code == "cycle" for d in doc.problems.diagnostics())
    check(doc, before)


def test_dependencies_against_the_rank_walk_then_rank_anew(qapp):
    """A wire against the graph's order (from a task added later to an earlier one) is
    checked by a walk; the next new dependency ranks the graph anew, once; a cycle is
    still found whichever way it closes."""
    doc = Document(Project(chain(50), {}))
    doc.problems.diagnostics()               # (checked when first asked)
    doc.push(C.AddTask(doc, doc.component("step"), (0.0, 0.0)))
    new = doc.pipeline.tasks[-1].id
    doc.push(C.SetArgument(doc, "t3", "extra", OutputRef(new, "Output")))
    checked = doc.problems.checked
    assert checked.cycle_visits >= 1 and checked.full_cycle_checks == 0
    doc.push(C.SetArgument(doc, "t30", "extra", OutputRef("t20", "Output")))
    assert (doc.problems.checked.rankings, doc.problems.checked.cycle_visits) == (1, 0)
    doc.push(C.SetArgument(doc, "t31", "extra", OutputRef("t21", "Output")))
    assert (doc.problems.checked.rankings, doc.problems.checked.cycle_visits) == (0, 0)
    assert not any(d.code == "cycle" for d in doc.problems.diagnostics())
    # The new task reads t40: a cycle t3 -> ... -> t40 -> new -> t3.
    doc.push(C.SetArgument(doc, new, "number", OutputRef("t40", "Output")))
    assert doc.problems.checked.full_cycle_checks == 1
    assert doc.problems.diagnostics() == validate(doc.pipeline)
    assert any(d.code == "cycle" for d in doc.problems.diagnostics())
    doc.undo_stack.undo()
    assert not any(d.code == "cycle" for d in doc.problems.diagnostics())
    # With the cycle gone the rank is unknown: the next dependency ranks again.
    doc.push(C.SetArgument(doc, "t32", "extra", OutputRef("t22", "Output")))
    assert doc.problems.checked.rankings == 1
    assert doc.problems.diagnostics() == validate(doc.pipeline)


def test_live_validation_without_a_document():
    """The IR class on its own (no task map given): the same diagnostics."""
    p = chain(30)
    live = LiveValidation(p)
    assert live.diagnostics() == validate(p)
    p.tasks[3].name = "step_2"
    p.tasks[4].arguments["extra"] = Constant("x")
    del p.tasks[10]
    for tid in ("t3", "t4", "t10"):
        live.touch_task(tid)
    changes = live.update()
    assert live.diagnostics() == validate(p)
    assert {d.code for d in changes.added} == {"task-duplicate", "constant-type",
                                               "unknown-task"}


def test_graph_version_moves_with_names_and_dependencies_only(qapp):
    """Views of every task's name and dependencies (the runs-after list) redraw when
    ``graph_version`` moves: on renames, wires, adds and removes, not on constants."""
    doc = Document(Project(chain(20), {}))
    for command, expect in [
            (C.SetArgument(doc, "t5", "extra", Constant(3)), False),
            (C.RenameTask(doc, "t5", "renamed"), True),
            (C.SetArgument(doc, "t6", "extra", OutputRef("t2", "Output")), True),
            (C.SetAfter(doc, "t7", ["t1"]), True),
            (C.AddTask(doc, doc.component("step"), (0.0, 0.0)), True),
            (C.RemoveItems(doc, ["t9"]), True)]:
        before = doc.problems.graph_version
        doc.push(command)
        assert (doc.problems.graph_version != before) == expect, command.text()


def test_edges_version_moves_whenever_what_is_downstream_may_change(qapp):
    """``edges_version`` keeps a task's downstream set cached (the runs-after list): it
    must move on every edit that changes any task's downstream set, and it stays on a
    rename, a constant and a task added with no wires. Random edits and undos at 40 tasks."""
    for seed in range(6):
        rng = random.Random(seed)
        doc = Document(Project(chain(40), {}))
        live = doc.problems

        def downstream() -> dict[str, set[str]]:
            return {t.id: downstream_of(doc.pipeline, t.id) for t in doc.pipeline.tasks}
        seen = downstream()
        for _ in range(60):
            version = live.edges_version
            if rng.random() < 0.25 and doc.undo_stack.canUndo():
                doc.undo_stack.undo()
            else:
                try:
                    doc.push(random_command(doc, rng))
                except (ValueError, KeyError):
                    continue
            now = downstream()
            for tid, down in now.items():
                assert live.downstream_of(tid) == down, (seed, tid)
            if live.edges_version == version:
                assert all(now[t] == seen[t] for t in now.keys() & seen.keys()), seed
            seen = now
    doc = Document(Project(chain(20), {}))
    doc.problems.diagnostics()
    for command, expect in [
            (C.SetArgument(doc, "t5", "extra", Constant(3)), False),
            (C.RenameTask(doc, "t5", "renamed"), False),
            (C.AddTask(doc, doc.component("step"), (0.0, 0.0)), False),
            (C.SetArgument(doc, "t6", "extra", OutputRef("t2", "Output")), True),
            (C.RemoveItems(doc, ["t9"]), True)]:
        before = doc.problems.edges_version
        doc.push(command)
        assert (doc.problems.edges_version != before) == expect, command.text()


def test_content_version_moves_on_every_edit_but_a_move(qapp):
    """Views of the compiled output (the previews) recompile when ``content_version``
    moves: on every edit and its undo, on a load, and not when nodes only move."""
    doc = Document(Project(chain(20), {f"t{i}": (0.0, 60.0 * i) for i in range(20)}))
    stack = doc.undo_stack
    for command in (C.RenameTask(doc, "t5", "renamed"),
                    C.SetArgument(doc, "t6", "extra", OutputRef("t2", "Output")),
                    C.SetArgument(doc, "t7", "extra", Constant(3)),
                    C.SetAfter(doc, "t8", ["t1"]),
                    C.SetTaskSettings(doc, "t9", TaskSettings(display_name="Nine")),
                    C.AddTask(doc, doc.component("step"), (0.0, 0.0)),
                    C.RemoveItems(doc, ["t10"])):
        version = doc.content_version
        doc.push(command)
        assert doc.content_version != version, command.text()
        version = doc.content_version
        stack.undo()
        assert doc.content_version != version, command.text()
        stack.redo()
    version = doc.content_version
    doc.push(C.MoveNodes(doc, {"t3": (400.0, 10.0), "t4": (400.0, 90.0)}))
    stack.undo()
    stack.redo()
    assert doc.content_version == version
    doc.load(Project(chain(5), {}))
    assert doc.content_version != version


def test_a_rebuild_goes_in_slices_that_answer_as_a_full_one():
    """An opened document is checked in slices (the window answers input between them):
    no slice checks the whole pipeline, and the end result is ``validate``'s."""
    p = chain(2000)
    p.tasks[700].name = "step_3"                          # a duplicate
    p.tasks[900].arguments["extra"] = Constant("x")       # a wrong type
    live = LiveValidation(p)
    live.rebuild_later(p)
    slices = 0
    while not live.advance(0.0):   # one slice per call, whatever the clock says
        slices += 1
        assert live.pending
    assert not live.pending
    assert slices >= 2 * 2000 // 64          # each task is indexed, then checked, by slices
    assert live.diagnostics() == validate(p)
    assert live.advance(0.0)                 # nothing left: done at once


@pytest.mark.parametrize("seed", range(12))
def test_edits_between_slices_of_a_rebuild(seed):
    """A document opened, checked part of the way, then edited (undone, redone): the edit
    finishes the rebuild on the pipeline as it is, and the problems are ``validate``'s."""
    rng = random.Random(7000 + seed)
    p = chain(300)
    p.tasks[10].name = "step_3"
    for t in p.tasks[::3]:
        t.arguments["extra"] = ParamRef("start")
    doc = Document(Project(chain(5), {}))
    doc.load(Project(p, {}))
    assert doc.problems.pending
    for _ in range(rng.randrange(0, 12)):
        doc.problems.advance(0.0)
    for _ in range(8):
        try:
            doc.push(tricky_command(doc, rng) or random_command(doc, rng))
        except (ValueError, KeyError):
            continue
        assert doc.problems.diagnostics() == validate(doc.pipeline)
        wired = Counter(a.name for t in doc.pipeline.tasks for a in t.arguments.values()
                        if isinstance(a, ParamRef))
        for prm in doc.pipeline.params:       # (the pipeline form's "used by N inputs")
            assert doc.problems.param_inputs(prm.name) == wired[prm.name]
        if rng.random() < 0.3:
            doc.load(Project(doc.pipeline, {}))      # opened again: a new rebuild
            for _ in range(rng.randrange(0, 12)):
                doc.problems.advance(0.0)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        assert doc.problems.diagnostics() == validate(doc.pipeline)
