"""Lesson files: the bundled ones load and teach what they say; bad files are refused
with ``file:line: what``; conditions are checked over the IR; "Show me" plans meet them."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from designer.ir import Constant, InputError, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.groups import Condition as GroupCondition
from designer.ir.model import LoopItem
from designer.lessons import (
    ArgumentCond,
    FromOutput,
    FromValue,
    TaskRef,
    bundled_dir,
    holds,
    load_folder,
    parse_lesson,
    step_done,
    unmet,
)
from designer.lessons.checks import compiled, without_compile_time
from designer.model import ops as O
from designer.model.lesson_plan import PlanError, plan_step
from designer.model.library import load_library
from designer.persist import load as load_project

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "data" / "reference" / "example_pipeline.yaml"
LIBRARY = {c.name: c for c in load_library()}
# Every bundled lesson, in the order the panel lists them (a new one is tested by adding it).
BUNDLED_IDS = ["tutorial", "reuse", "after", "parameters", "condition", "loop"]


def bundled():
    lessons, errors = load_folder(bundled_dir(), bundled=True)
    assert errors == []
    return {lesson.id: lesson for lesson in lessons}


def apply(p: Pipeline, ops: list) -> None:
    """The ops' effect on a bare pipeline (what Document.apply does, minus signals)."""
    for op in ops:
        if isinstance(op, O.SetInfo):
            for k, v in op.fields.items():
                setattr(p, k, v)
        elif isinstance(op, O.InsertParam):
            p.params.insert(op.index, op.param)
        elif isinstance(op, O.ReplaceParam):
            p.params = [op.param if x.name == op.name else x for x in p.params]
        elif isinstance(op, O.InsertComponent):
            p.components.insert(op.index, op.component)
        elif isinstance(op, O.InsertTask):
            p.tasks.insert(op.index, copy.deepcopy(op.task))
        elif isinstance(op, O.SetTask):
            for k, v in op.fields.items():
                setattr(p.task(op.task_id), k, copy.deepcopy(v))
        elif isinstance(op, O.InsertGroup):
            p.groups.insert(op.index, copy.deepcopy(op.group))
        elif isinstance(op, O.SetGroup):
            for k, v in op.fields.items():
                setattr(p.group(op.group_id), k, copy.deepcopy(v))
        else:
            assert isinstance(op, O.SetPositions)


def test_bundled_lessons_have_both_languages_everywhere():
    lessons = bundled()
    assert list(lessons) == BUNDLED_IDS
    for lesson in lessons.values():
        texts = [lesson.title, lesson.summary]
        for step in lesson.steps:
            texts += [step.title, step.text, step.hint]
        for text in texts:
            assert text.en and text.ko, (lesson.id, text)
            assert any("\uac00" <= ch <= "\ud7a3" for ch in text.ko), text.ko   # Hangul


def test_tutorial_expected_yaml_is_the_reference():
    assert (bundled_dir() / "tutorial_expected.yaml").read_text() == REFERENCE.read_text()


@pytest.mark.parametrize("lesson_id", BUNDLED_IDS)
def test_each_lesson_is_done_by_its_show_me_plans_alone(lesson_id):
    lesson = bundled()[lesson_id]
    p, layout = Pipeline(name="pipeline"), {}
    for step in lesson.steps:
        ops = plan_step(step, p, layout, LIBRARY)
        apply(p, ops)
        assert step_done(step, p), (step.id, unmet(step, p))
        assert plan_step(step, p, layout, LIBRARY) == []     # nothing left to do
    assert compiled(p, "v1") is not None and compiled(p, "v2") is not None


def test_the_example_project_passes_every_tutorial_step():
    p = load_project(str(ROOT / "resources" / "examples" / "example_pipeline.kfpd")).pipeline
    for step in bundled()["tutorial"].steps:
        assert step_done(step, p), (step.id, unmet(step, p))


def test_checks_are_about_the_pipeline_not_its_names():
    p = load_project(str(ROOT / "resources" / "examples" / "example_pipeline.kfpd")).pipeline
    steps = {s.id: s for s in bundled()["tutorial"].steps}
    # Wires swapped: the first task now takes number_2; names stay as they were.
    first, second = p.tasks[0], p.tasks[1]
    first.arguments, second.arguments = second.arguments, first.arguments
    assert not step_done(steps["first-input"], p)
    assert not step_done(steps["second-task"], p)
    assert not step_done(steps["compile"], p)
    first.arguments, second.arguments = second.arguments, first.arguments
    first.name = "renamed_by_a_person"
    assert all(step_done(s, p) for s in steps.values())
    p.params[0] = PipelineParam("number_1", "str")
    assert not step_done(steps["params"], p) and not step_done(steps["compile"], p)


def test_argument_conditions():
    p = Pipeline(name="x", components=[LIBRARY["print_and_return_number"].to_component()])
    cid = p.components[0].id
    p.tasks = [Task("a", "a", cid, {"number": Constant(1)}),
               Task("b", "b", cid, {"number": OutputRef("a", "Output")})]
    ref = TaskRef("print_and_return_number")
    assert holds(ArgumentCond(ref, "number", FromValue(1)), p)
    assert not holds(ArgumentCond(ref, "number", FromValue(True)), p)   # 1 is not True
    assert not holds(ArgumentCond(ref, "number", FromValue(2)), p)
    second = TaskRef("print_and_return_number", 2)
    assert holds(ArgumentCond(second, "number", FromOutput(ref)), p)
    assert not holds(ArgumentCond(second, "number", FromOutput(second)), p)
    assert not holds(ArgumentCond(TaskRef("print_and_return_number", 3), "number",
                                  FromValue(1)), p)
    p.tasks[1].arguments = {"number": ParamRef("a")}
    assert not holds(ArgumentCond(second, "number", FromOutput(ref)), p)


def test_group_conditions_and_loop_items():
    lessons = bundled()
    p, layout = Pipeline(name="pipeline"), {}
    loop = lessons["loop"]
    for step in loop.steps:
        apply(p, plan_step(step, p, layout, LIBRARY))
    (group,) = p.groups
    (task,) = p.tasks
    assert task.group == group.id and group.items == Constant([1, 2, 3])
    assert task.arguments == {"number": LoopItem(group.id)}
    in_loop, item = loop.steps[1].check[0], loop.steps[2].check[0]
    assert holds(in_loop, p) and holds(item, p)
    group.items = Constant([1, 2, 3.0])             # 3.0 is not 3
    assert not holds(in_loop, p)
    group.items = Constant([1, 2, 3])
    task.arguments = {"number": LoopItem(group.id, ("a",))}   # a field is not the item
    assert not holds(item, p)
    task.arguments = {"number": LoopItem("another-loop")}     # the item of no loop around it
    assert not holds(item, p)
    task.group = None                                          # out of the loop
    task.arguments = {"number": LoopItem(group.id)}
    assert not holds(in_loop, p) and not holds(item, p)
    # Show me puts the task back into the loop around it... and refuses an item without one.
    apply(p, plan_step(loop.steps[1], p, layout, LIBRARY))
    assert len(p.groups) == 2 and holds(in_loop, p)
    bare = Pipeline(name="p")
    with pytest.raises(PlanError, match="in no loop"):
        plan_step(loop.steps[2], bare, {}, LIBRARY)


def test_a_condition_is_edited_in_place_and_checked_side_by_side():
    condition = bundled()["condition"]
    p, layout = Pipeline(name="pipeline"), {}
    for step in condition.steps[:2]:
        apply(p, plan_step(step, p, layout, LIBRARY))
    (group,) = p.groups
    assert group.condition == GroupCondition(ParamRef("number_1"), "<", ParamRef("number_2"))
    # The constant step edits the same group (one SetGroup), it makes no second one.
    ops = plan_step(condition.steps[2], p, layout, LIBRARY)
    assert [type(op) for op in ops] == [O.SetGroup]
    apply(p, ops)
    assert [g.condition for g in p.groups] == [
        GroupCondition(ParamRef("number_1"), "==", Constant(3))]
    assert not step_done(condition.steps[1], p) and step_done(condition.steps[2], p)
    swapped = GroupCondition(Constant(3), "==", ParamRef("number_1"))
    group.condition = swapped
    assert not step_done(condition.steps[2], p)     # sides are not interchangeable
    group.condition = GroupCondition(ParamRef("number_1"), "==", Constant("3"))
    assert not step_done(condition.steps[2], p)     # "3" is not 3
    group.branch = "else"
    group.condition = GroupCondition(ParamRef("number_1"), "==", Constant(3))
    assert not step_done(condition.steps[2], p)     # an else branch runs when it is false


def test_the_example_project_is_where_the_condition_lesson_starts():
    p = load_project(str(ROOT / "resources" / "examples" / "example_pipeline.kfpd")).pipeline
    first, second, _ = bundled()["condition"].steps
    assert step_done(first, p) and not step_done(second, p)


def test_show_me_refuses_a_component_nobody_has():
    text = LESSON_HEAD + "  check:\n  - task_exists: {component: no_such_component}\n"
    step = parse_lesson(text, "x.yaml").steps[0]
    with pytest.raises(PlanError, match="no_such_component"):
        plan_step(step, Pipeline(name="p"), {}, LIBRARY)


def test_compile_time_is_ignored_and_nothing_else():
    text = REFERENCE.read_text()
    assert without_compile_time(text) != text
    other = text.replace("2023-11-23T16:06:24.189360", "2030-01-01T00:00:00")
    assert without_compile_time(other) == without_compile_time(text)
    assert without_compile_time(text.replace("number_2", "number_3")) \
        != without_compile_time(text)


LESSON_HEAD = ("format: kfp-designer-lesson\nversion: 1\nid: x\ntitle: {en: X, ko: 엑스}\n"
               "steps:\n- id: a\n  title: {en: A}\n  text: {en: T}\n")


@pytest.mark.parametrize("tail, line, what", [
    ("  check:\n  - task: {}\n", 10, "steps[0].check[0]: unknown key `task`"),
    ("  check: []\n", 9, "a step needs at least one condition"),
    ("  check:\n  - param: {name: n, type: 3}\n", 10, "param.type must be a non-empty string"),
    ("  check:\n  - task_exists: {component: c, count: 0}\n", 10, "count must be between 1"),
    ("  check:\n  - argument: {task_of: c, input: x}\n", 10, "exactly one of from_param"),
    ("  check:\n  - argument: {task_of: c, input: x, value: !!binary aGk=}\n", 10,
     "only plain values"),
    ("  check:\n  - compiled_equals: {v1: missing.yaml}\n", 10, "no file missing.yaml"),
    ("  check:\n  - compiled_contains: {v3: x}\n", 10, "unknown key `v3`"),
    ("  check:\n  - pipeline: {name: a}\n    param: {name: b}\n", 10, "one condition per"),
    ("  check:\n  - param: {name: n, at: [1]}\n", 10, "at must be [x, y]"),
    ("  check:\n  - pipeline: {name: a}\n- id: a\n  title: {en: B}\n  text: {en: T}\n"
     "  check:\n  - pipeline: {name: a}\n", 11, "duplicate step id `a`"),
    ("  check:\n  - pipeline: {name: [a\n", 11, "invalid YAML"),
    ("  check:\n  - group: {kind: exit, holds: {task_of: c}}\n", 10,
     "group.kind must be one of condition, loop"),
    ("  check:\n  - group: {kind: loop, holds: {task_of: c}}\n", 10, "a loop needs `items`"),
    ("  check:\n  - group: {kind: loop, holds: {task_of: c}, items: []}\n", 10,
     "a loop needs at least one item"),
    ("  check:\n  - group: {kind: loop, holds: {task_of: c}, items: [1],\n"
     "             operator: <}\n", 11, "`operator` belongs to a condition, not a loop"),
    ("  check:\n  - group:\n      kind: condition\n      holds: {task_of: c}\n"
     "      left: {from_param: a}\n      operator: =<\n      right: {value: 1}\n", 14,
     "operator must be one of == != < <= > >="),
    ("  check:\n  - group:\n      kind: condition\n      holds: {task_of: c}\n"
     "      left: {from_loop_item: true}\n      operator: <\n      right: {value: 1}\n", 13,
     "group.left: unknown key `from_loop_item`"),
    ("  check:\n  - group:\n      kind: condition\n      holds: {task_of: c}\n"
     "      left: {}\n      operator: <\n      right: {value: 1}\n", 13,
     "group.left: give exactly one of from_param, from_output, value"),
    ("  check:\n  - group: {kind: condition, holds: {task_of: c}, items: [1]}\n", 10,
     "`items` belongs to a loop"),
    ("  check:\n  - group: {kind: condition, holds: {nth: 2}, left: {value: 1},\n"
     "             operator: <, right: {value: 2}}\n", 10, "holds: missing `task_of`"),
    ("  check:\n  - argument: {task_of: c, input: x, from_loop_item: false}\n", 10,
     "from_loop_item must be true"),
])
def test_bad_lesson_files_say_where(tmp_path, tail, line, what):
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON_HEAD + tail)
    lessons, errors = load_folder(tmp_path)
    assert lessons == [] and len(errors) == 1
    message = str(errors[0])
    assert message.startswith(f"{path}:{line}: "), message
    assert what in message


def test_newer_format_and_aliases_are_refused(tmp_path):
    with pytest.raises(InputError, match="newer than this designer"):
        parse_lesson(LESSON_HEAD.replace("version: 1", "version: 7")
                     + "  check:\n  - pipeline: {name: a}\n", "l.yaml")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    with pytest.raises(InputError, match="alias"):
        parse_lesson(bomb, "bomb.yaml")


def test_a_broken_lesson_does_not_hide_the_others(tmp_path):
    (tmp_path / "a.yaml").write_text(LESSON_HEAD + "  check:\n  - pipeline: {name: a}\n")
    (tmp_path / "b.yaml").write_text(LESSON_HEAD.replace("id: x", "id: y") + "  check: 3\n")
    (tmp_path / "expected.yaml").write_text("apiVersion: v1\n")   # not a lesson: skipped
    lessons, errors = load_folder(tmp_path)
    assert [lesson.id for lesson in lessons] == ["x"]
    assert [str(e).split(": ")[0] for e in errors] == [f"{tmp_path / 'b.yaml'}:9"]
