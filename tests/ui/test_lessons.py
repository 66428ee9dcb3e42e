"""The Lessons panel (Help ▸ Lessons): checks follow the document, "Show me" is one
undoable command, progress is remembered, and the tutorial ends at kfp's own YAML."""
from __future__ import annotations

from pathlib import Path

from designer.ir import OutputRef, ParamRef
from designer.lessons import bundled_dir, load_lesson, step_done, unmet
from designer.lessons.checks import compiled, without_compile_time
from designer.model.document import snapshot

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.yaml"


def open_lessons(window, lesson_id: str = "tutorial"):
    window.act_lessons.trigger()
    panel = window.lessons
    assert window.docks["lessons"].isVisible()
    panel.select_lesson(lesson_id)
    return panel


def test_tutorial_by_show_me_only_reaches_the_reference_yaml(window, qtbot):
    doc = window.document
    panel = open_lessons(window)
    lesson = panel.lesson
    assert lesson.id == "tutorial" and doc.pipeline.tasks == []
    assert [s.id for s in lesson.steps] == ["name", "params", "first-task", "first-input",
                                            "second-task", "sum-task", "compile"]
    finished = []
    panel.step_finished.connect(lambda lesson_id, step_id: finished.append(step_id))
    clicks = 0
    for n, step in enumerate(lesson.steps):
        if step.id in panel.done:
            # Finished by the change that finished the step before it (the document
            # already met it): checked all the same.
            assert step_done(step, doc.pipeline) and step.id in finished
            continue
        assert panel.current_step is step
        assert not step_done(step, doc.pipeline), step.id
        assert panel.step_title.text().startswith(f"Step {n + 1} of {len(lesson.steps)}")
        depth = doc.undo_stack.count()
        panel.show_button.click()
        clicks += 1
        assert doc.undo_stack.count() == depth + 1, step.id    # ONE undoable command
        assert step_done(step, doc.pipeline), (step.id, unmet(step, doc.pipeline))
        assert step.id in finished and panel.current_step is not step
    # The compile step held as soon as the sum task was wired: nothing left to show.
    assert clicks == len(lesson.steps) - 1
    assert panel.current_step is None and finished == [s.id for s in lesson.steps]
    assert panel.is_finished()
    text = compiled(doc.pipeline, "v1")
    assert without_compile_time(text) == without_compile_time(REFERENCE.read_text())
    first, second, total = doc.pipeline.tasks
    assert first.arguments == {"number": ParamRef("number_1")}
    assert total.arguments == {"number_1": OutputRef(first.id, "Output"),
                               "number_2": OutputRef(second.id, "Output")}
    assert panel.step_title.text() == "Lesson complete"


def test_the_compile_step_holds_only_for_the_reference_yaml(window):
    doc = window.document
    panel = open_lessons(window)
    for _ in range(5):
        panel.show_button.click()
    assert panel.current_step.id == "sum-task"
    before = snapshot(doc)
    panel.show_button.click()
    assert panel.is_finished()
    doc.undo_stack.undo()          # Show me is one command: one undo takes it all back
    assert snapshot(doc) == before
    compile_step = load_lesson(bundled_dir() / "tutorial.yaml").steps[-1]
    assert not step_done(compile_step, doc.pipeline)
    doc.undo_stack.redo()
    assert step_done(compile_step, doc.pipeline)


def test_show_me_shows_what_the_step_added(window):
    panel = open_lessons(window)
    for _ in range(4):
        panel.show_button.click()   # name, params, first task, its input
    assert panel.current_step.id == "second-task"
    yaml_before = panel.added_yaml.toPlainText()
    assert "print-and-return-number" in yaml_before
    panel.show_button.click()
    yaml = panel.added_yaml.toPlainText()
    lines = yaml.splitlines()
    ranges = panel.added_ranges()["yaml"]
    added = [lines[i - 1] for first, last in ranges for i in range(first, last + 1)]
    assert any("name: print-and-return-number-2" in line for line in added)
    assert not any(line.strip() == "- name: print-and-return-number" for line in added)
    python = panel.added_python.toPlainText().splitlines()
    added_py = [python[i - 1] for first, last in panel.added_ranges()["python"]
                for i in range(first, last + 1)]
    # One new line of Python: the second call of the same component function.
    assert [line.strip() for line in added_py] == [
        "print_and_return_number_2 = print_and_return_number(number_2)"]
    assert panel.added_title.text() == "What “The same component again” added (highlighted):"


def test_checks_follow_the_document_not_the_buttons(window, qtbot):
    doc = window.document
    panel = open_lessons(window)
    panel.show_button.click()
    assert panel.current_step.id == "params"
    doc.undo_stack.undo()
    # The done step stays done (progress), the document is free to change.
    assert panel.current_step.id == "params"
    from designer.ir import PipelineParam
    from designer.model import commands as C
    doc.push(C.AddParam(doc, PipelineParam("number_1", "int")))
    assert panel.current_step.id == "params"          # one of two
    doc.push(C.AddParam(doc, PipelineParam("number_2", "str")))
    assert panel.current_step.id == "params"          # wrong type
    doc.push(C.EditParam(doc, "number_2", PipelineParam("number_2", "int")))
    assert panel.current_step.id == "first-task"


def test_progress_is_remembered_and_reset(make_window):
    first = make_window()
    panel = open_lessons(first, "reuse")
    panel.show_button.click()
    assert panel.done == ["one-task"]
    second = make_window()
    again = open_lessons(second, "reuse")
    assert again.done == ["one-task"] and again.current_step.id == "second"
    again.reset_button.click()
    assert again.done == [] and again.current_step.id == "one-task"
    third = make_window()
    assert open_lessons(third, "reuse").current_step.id == "one-task"


def test_hint_shows_on_request(window):
    panel = open_lessons(window)
    assert not panel.hint_text.isVisible()
    panel.hint_button.click()
    assert panel.hint_text.isVisible()
    assert "Pipeline" in panel.hint_text.text()


def test_lessons_from_a_teachers_folder(window, tmp_path, monkeypatch):
    from designer.ui import dialogs
    good = (bundled_dir() / "after.yaml").read_text().replace("id: after\norder: 3",
                                                                "id: class-ordering\norder: 9")
    (tmp_path / "ordering.yaml").write_text(good)
    (tmp_path / "broken.yaml").write_text("format: kfp-designer-lesson\nversion: 1\nid: x\n"
                                          "title: {en: X}\nsteps:\n- id: a\n  title: {en: A}\n"
                                          "  text: {en: T}\n  check:\n  - task: {}\n")
    monkeypatch.setattr(dialogs, "lessons_folder", lambda *a, **k: str(tmp_path))
    panel = open_lessons(window)
    panel.folder_button.click()
    ids = [lesson.id for lesson in panel.lessons]
    assert ids[:4] == ["tutorial", "reuse", "after", "parameters"] and "class-ordering" in ids
    assert panel.errors_label.isVisible()
    assert f"{tmp_path / 'broken.yaml'}:10: steps[0].check[0]: unknown key `task`" \
        in panel.errors_label.text()
    panel.select_lesson("class-ordering")
    panel.show_button.click()
    panel.show_button.click()
    assert panel.is_finished()
    assert window.document.pipeline.tasks[1].after == [window.document.pipeline.tasks[0].id]


def test_the_lessons_panel_speaks_korean(window, qapp, qtbot):
    from PySide6.QtWidgets import QApplication

    from designer.ui import i18n
    from tests.ui.i18n_support import Texts, data_words
    panel = open_lessons(window)
    window.set_language("ko")
    QApplication.processEvents()
    try:
        assert window.help_menu.title() == "도움말(&H)"
        assert window.docks["lessons"].windowTitle() == "레슨"
        step = panel.current_step
        assert panel.step_text.text() == step.text.ko
        assert panel.step_title.text() == f"7단계 중 1단계: {step.title.ko}"
        texts = Texts()
        for _ in range(3):
            panel.show_button.click()
        panel.hint_button.click()
        assert panel.hint_text.text().startswith("힌트: ")
        texts.widget(panel, skip=[panel.added_python, panel.added_yaml])
        texts.action("help", window.act_lessons)
        for _ in range(3):
            panel.show_button.click()
        assert panel.step_title.text() == "레슨 완료"
        texts.widget(panel, skip=[panel.added_python, panel.added_yaml])
        lesson = panel.lesson
        # Code and names in the lesson's Korean texts stay as they are.
        allowed = data_words(lesson.title.ko, lesson.summary.ko,
                             *(t.ko for s in lesson.steps for t in (s.title, s.text, s.hint)))
        problems = texts.untranslated(allowed)
        assert not problems, "untranslated in the Korean Lessons panel:\n" + "\n".join(problems)
        assert len(texts.items) > 20
    finally:
        i18n.set_language("en", qapp)


def test_tutorial_by_mouse_and_keys_is_followed_step_by_step(window, dialogs_script, qtbot):
    """The person does every step by hand; the panel sees each one done from the document."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from designer.ir import PipelineParam
    from designer.model.rules import PARAM_PREFIX
    from tests.ui.canvas_helpers import drop_component, key, wire

    doc = window.document
    panel = open_lessons(window)
    steps = {s.id: s for s in panel.lesson.steps}
    seen = []
    panel.step_finished.connect(lambda _lesson, step_id: seen.append(step_id))

    def now_at(step_id: str) -> None:
        assert panel.current_step is steps[step_id], (panel.current_step, seen)
        assert not step_done(steps[step_id], doc.pipeline)

    # 1. The name, typed into the Pipeline pane.
    now_at("name")
    window.docks["pipeline"].raise_()
    name_edit = window.panes.form.name_edit
    qtbot.waitUntil(name_edit.isVisible)
    QTest.mouseClick(name_edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(name_edit, "example_pipeline")
    QTest.keyClick(name_edit, Qt.Key.Key_Return)
    assert doc.pipeline.name == "example_pipeline" and seen == ["name"]

    # 2. Two parameters with Ctrl+Shift+P on the canvas (the dialog's answers are scripted).
    now_at("params")
    dialogs_script.params += [PipelineParam("number_1", "int"), PipelineParam("number_2", "int")]
    window.view.setFocus()
    key(window.view, Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_step is steps["params"]      # one of two is not the step
    key(window.view, Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen[-1] == "params" and dialogs_script.params == []

    # 3-4. A task dragged from the palette, its input wired from number_1.
    now_at("first-task")
    drop_component(window, "print_and_return_number", QPointF(320, 40))
    assert seen[-1] == "first-task"
    now_at("first-input")
    first = doc.pipeline.tasks[0].id
    wire(window, PARAM_PREFIX + "number_1", None, first, "number")
    assert seen[-1] == "first-input"

    # 5. The same component again, wired from number_2.
    now_at("second-task")
    drop_component(window, "print_and_return_number", QPointF(320, 240))
    assert panel.current_step is steps["second-task"]
    second = doc.pipeline.tasks[1].id
    wire(window, PARAM_PREFIX + "number_2", None, second, "number")
    assert seen[-1] == "second-task"

    # 6-7. The sum, wired from both outputs: the pipeline now compiles to the tutorial's YAML.
    now_at("sum-task")
    drop_component(window, "sum_and_print_numbers", QPointF(640, 140))
    total = doc.pipeline.tasks[2].id
    wire(window, first, "Output", total, "number_1")
    assert panel.current_step is steps["sum-task"]
    wire(window, second, "Output", total, "number_2")
    assert seen == [s.id for s in panel.lesson.steps]
    assert panel.is_finished() and panel.step_title.text() == "Lesson complete"
    assert without_compile_time(compiled(doc.pipeline, "v1")) == \
        without_compile_time(REFERENCE.read_text())
    # No "Show me" was used: every undo step is one of the person's own edits.
    texts = [doc.undo_stack.text(i) for i in range(doc.undo_stack.count())]
    assert not any(t.startswith("Lesson:") for t in texts), texts


def test_a_closed_panel_catches_up_when_shown_again(window):
    doc = window.document
    panel = open_lessons(window)
    window.docks["lessons"].close()
    from designer.model import commands as C
    doc.push(C.SetPipelineInfo(doc, name="example_pipeline"))
    assert panel.done == []                       # not checked while nobody looks
    window.act_lessons.trigger()
    assert panel.done == ["name"] and panel.current_step.id == "params"


def test_condition_lesson_by_show_me_clicks_writes_kfps_when(window, qtbot):
    """Each Show me click is one undoable command; the sum ends in a condition frame on the
    canvas and the v1 YAML gates the condition's DAG task with `when`."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from designer.ir import Constant
    from designer.ir.groups import Condition

    doc = window.document
    panel = open_lessons(window, "condition")
    assert [s.id for s in panel.lesson.steps] == ["tutorial", "condition", "constant"]
    texts = {}
    for step in panel.lesson.steps:
        assert panel.current_step is step and not step_done(step, doc.pipeline)
        depth = doc.undo_stack.count()
        QTest.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
        assert doc.undo_stack.count() == depth + 1, step.id         # ONE undoable command
        assert step_done(step, doc.pipeline), (step.id, unmet(step, doc.pipeline))
        texts[step.id] = compiled(doc.pipeline, "v1")
    assert panel.is_finished() and panel.step_title.text() == "Lesson complete"
    assert "when: '{{inputs.parameters.number_1}} < {{inputs.parameters.number_2}}'" \
        in texts["condition"]
    assert "when:" not in texts["tutorial"]
    (group,) = doc.pipeline.groups
    *_prints, total = doc.pipeline.tasks
    assert total.group == group.id and all(t.group is None for t in _prints)
    assert group.condition == Condition(ParamRef("number_1"), "==", Constant(3))
    assert "when: '\"{{inputs.parameters.number_1}}\" == \"3\"'" in texts["constant"]
    # The canvas draws the condition's frame around the sum task, titled with the test.
    scene = window.view.scene()
    qtbot.waitUntil(lambda: group.id in scene.frames)
    frame = scene.frames[group.id]
    assert "number_1 == 3" in frame.title
    node = scene.nodes[total.id]
    assert frame.sceneBoundingRect().contains(node.sceneBoundingRect())
    # Undo takes back the edit of the condition only; once more, the frame goes.
    doc.undo_stack.undo()
    assert doc.pipeline.groups[0].condition == Condition(ParamRef("number_1"), "<",
                                                         ParamRef("number_2"))
    doc.undo_stack.undo()
    assert doc.pipeline.groups == [] and total.id in {t.id for t in doc.pipeline.tasks}
    qtbot.waitUntil(lambda: not scene.frames)
