"""Control-flow edits: one undoable command each, exact undo, refusals with reasons."""
from __future__ import annotations

import pytest

from designer.ir import Constant, ParamRef
from designer.ir.model import LoopItem
from designer.ir.groups import Condition, Group
from designer.model import grouping
from designer.model import group_commands as G
from designer.model.document import snapshot
from tests.model.test_commands import check_round_trip, ids


def condition() -> Group:
    return Group("", "condition", condition=Condition(ParamRef("number_1"), "<",
                                                      ParamRef("number_2")))


def test_group_in_condition_is_one_step_and_undoes_exactly(example_doc):
    doc = example_doc
    total = ids(doc)["sum_result"]
    after = check_round_trip(doc, lambda d: G.GroupTasks(d, [total], condition()))
    assert after != snapshot(doc)
    doc.undo_stack.redo()
    (g,) = doc.pipeline.groups
    assert g.kind == "condition" and g.parent is None
    assert doc.task(total).group == g.id
    assert doc.undo_stack.undoText().endswith("in a condition")


def test_nested_group_takes_its_container_and_ungroup_moves_members_up(example_doc):
    doc = example_doc
    first, second, total = (t.id for t in doc.pipeline.tasks)
    outer = G.GroupTasks(doc, [second, total], Group("", "loop", items=Constant([1, 2])))
    doc.push(outer)
    inner = G.GroupTasks(doc, [total], condition())
    doc.push(inner)
    assert doc.pipeline.group(inner.group_id).parent == outer.group_id
    # A member reads the loop item: ungrouping the loop drops that wire, in the same step.
    doc.push(G.EditGroup(doc, outer.group_id, {"parallelism": 2}))
    from designer.model import commands as C
    doc.push(C.SetArgument(doc, second, "number", LoopItem(outer.group_id)))
    before = snapshot(doc)
    doc.push(G.Ungroup(doc, outer.group_id))
    assert [g.id for g in doc.pipeline.groups] == [inner.group_id]
    assert doc.pipeline.group(inner.group_id).parent is None
    assert doc.task(second).group is None and "number" not in doc.task(second).arguments
    doc.undo_stack.undo()
    assert snapshot(doc) == before


def test_refusals_say_why(example_doc):
    doc = example_doc
    first, second, total = (t.id for t in doc.pipeline.tasks)
    p = doc.pipeline
    assert grouping.group_refusal(p, [], [], condition())[0] == "empty"
    doc.push(G.GroupTasks(doc, [total], condition()))
    assert grouping.group_refusal(p, [first, total], [], condition())[0] == "containers"
    exit_group = Group("", "exit_handler", exit_task=first)
    assert grouping.group_refusal(p, [first, second], [], exit_group)[0] == "exit-inside"
    assert grouping.group_refusal(p, [total], [], exit_group)[0] == "exit-nested"
    with pytest.raises(ValueError):
        G.GroupTasks(doc, [first, total], condition())


def test_move_task_into_group_and_out(example_doc):
    doc = example_doc
    first, _second, total = (t.id for t in doc.pipeline.tasks)
    cmd = G.GroupTasks(doc, [total], condition())
    doc.push(cmd)
    check_round_trip(doc, lambda d: G.MoveToGroup(d, first, cmd.group_id, (5.0, 6.0)))
    check_round_trip(doc, lambda d: G.MoveToGroup(d, total, None))
