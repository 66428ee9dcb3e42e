"""The Lessons dock (Help ▸ Lessons): pick a lesson, read the step (what to do and why),
ask for a hint, or let "Show me" do it as one undoable command; see what it added.

The panel never decides a step is done from a button: every document change re-checks the
current step's conditions (``designer.lessons.checks``) and, when they hold, marks it done
(remembered), shows the Python/YAML it added and moves to the next step.
"""
from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from designer.ir.errors import InputError
from designer.lessons import Lesson, Step, bundled_dir, load_folder, step_done
from designer.model import commands as C
from designer.model.document import Document
from designer.model.lesson_plan import PlanError
from designer.model.library import LibraryComponent, load_library
from designer.ui import dialogs, i18n
from designer.ui.code.editor import CodeEditor
from designer.ui.lessons import progress
from designer.ui.lessons.added import Texts, added_lines, texts_of

DONE_MARK = "✓ "


class LessonsPanel(QWidget):
    """Lessons for ``doc``; ``library`` names the components "Show me" may add."""

    step_finished = Signal(str, str)     # lesson id, step id
    lesson_finished = Signal(str)        # lesson id

    def __init__(self, doc: Document, library: list[LibraryComponent] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.library = {c.name: c for c in (library if library is not None
                                            else load_library())}
        self.lessons: list[Lesson] = []
        self.load_errors: list[InputError] = []
        self.lesson: Lesson | None = None
        self.done: list[str] = []
        self._baseline: Texts | None = None
        self._hint_shown = False
        self.added_step: Step | None = None
        self._stale = False
        self._build()
        self.reload()
        doc.changed.connect(self.evaluate)
        self.retranslate()

    # --- widgets ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.lesson_box = QComboBox()
        self.lesson_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lesson_box.currentIndexChanged.connect(self._lesson_chosen)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_progress)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        top.addWidget(self.lesson_box, 1)
        top.addWidget(self.reset_button)
        top.addWidget(self.folder_button)
        outer.addLayout(top)
        self.summary = self._label()
        outer.addWidget(self.summary)
        self.errors_label = self._label()
        self.errors_label.hide()
        outer.addWidget(self.errors_label)

        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        col = QVBoxLayout(upper)
        col.setContentsMargins(0, 0, 0, 0)
        self.steps_list = QListWidget()
        self.steps_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.steps_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        col.addWidget(self.steps_list)
        self.step_title = self._label()
        font = self.step_title.font()
        font.setBold(True)
        self.step_title.setFont(font)
        col.addWidget(self.step_title)
        self.step_text = self._label()
        col.addWidget(self.step_text)
        self.hint_text = self._label()
        self.hint_text.hide()
        col.addWidget(self.hint_text)
        buttons = QHBoxLayout()
        self.hint_button = QPushButton()
        self.hint_button.clicked.connect(self.show_hint)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.show_me)
        buttons.addWidget(self.hint_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        self.status = self._label()
        col.addWidget(self.status)
        col.addStretch(1)
        scroll = QScrollArea()   # long texts (Korean wraps differently) scroll, never clip
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(upper)
        split.addWidget(scroll)

        lower = QWidget()
        col = QVBoxLayout(lower)
        col.setContentsMargins(0, 0, 0, 0)
        self.added_title = self._label()
        col.addWidget(self.added_title)
        self.added_tabs = QTabWidget()
        self.added_python = CodeEditor(language="python", read_only=True)
        self.added_yaml = CodeEditor(language="yaml", read_only=True)
        for editor in (self.added_python, self.added_yaml):   # a narrow dock: wrap
            editor.setLineWrapMode(CodeEditor.LineWrapMode.WidgetWidth)
        self.added_tabs.addTab(self.added_python, "Python")
        self.added_tabs.addTab(self.added_yaml, "YAML (KFP v1)")
        col.addWidget(self.added_tabs, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)

    @staticmethod
    def _label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- lessons ---------------------------------------------------------------------------

    def reload(self) -> None:
        """The bundled lessons, then those of the folder the user chose."""
        lessons, errors = load_folder(bundled_dir(), bundled=True)
        folder = progress.value(progress.FOLDER)
        if folder:
            if Path(folder).is_dir():
                more, more_errors = load_folder(folder)
                taken = {lesson.id for lesson in lessons}
                lessons += [lesson for lesson in more if lesson.id not in taken]
                errors += more_errors
            else:
                errors.append(InputError(self.tr("the folder of lessons is gone"), folder))
        self.lessons, self.load_errors = lessons, errors
        wanted = self.lesson.id if self.lesson else progress.value(progress.CURRENT)
        self.lesson_box.blockSignals(True)
        self.lesson_box.clear()
        for lesson in lessons:
            self.lesson_box.addItem("", lesson.id)
        self.lesson_box.blockSignals(False)
        index = next((i for i, lesson in enumerate(lessons) if lesson.id == wanted), 0)
        self.lesson = None
        if lessons:
            self.lesson_box.setCurrentIndex(index)
            self._lesson_chosen(index)
        self._fill_texts()

    def choose_folder(self) -> None:
        folder = dialogs.lessons_folder(self, progress.value(progress.FOLDER))
        if folder:
            progress.set_value(progress.FOLDER, folder)
            self.reload()

    def select_lesson(self, lesson_id: str) -> None:
        index = next(i for i, lesson in enumerate(self.lessons) if lesson.id == lesson_id)
        self.lesson_box.setCurrentIndex(index)

    def _lesson_chosen(self, index: int) -> None:
        if not 0 <= index < len(self.lessons):
            return
        lesson = self.lessons[index]
        if self.lesson is lesson:
            return
        self.lesson = lesson
        progress.set_value(progress.CURRENT, lesson.id)
        self.done = [s for s in progress.done_steps(lesson.id) if lesson.step(s)]
        self._start_step()
        self.added_step = None
        self._show_added(None, None)
        self.evaluate()

    @property
    def current_step(self) -> Step | None:
        if self.lesson is None:
            return None
        return next((s for s in self.lesson.steps if s.id not in self.done), None)

    def is_finished(self, lesson_id: str | None = None) -> bool:
        lesson = self.lesson if lesson_id is None else next(
            (x for x in self.lessons if x.id == lesson_id), None)
        if lesson is None:
            return False
        done = self.done if lesson is self.lesson else progress.done_steps(lesson.id)
        return all(s.id in done for s in lesson.steps)

    def reset_progress(self) -> None:
        """Start the current lesson over (the document is left as it is)."""
        if self.lesson is None:
            return
        self.done = []
        progress.save_done(self.lesson.id, [])
        self._start_step()
        self.added_step = None
        self._show_added(None, None)
        self._fill_texts()

    # --- checking --------------------------------------------------------------------------

    def _start_step(self, baseline: Texts | None = None) -> None:
        """The current step starts: what it adds is measured from ``baseline`` (now)."""
        self._baseline = baseline or texts_of(self.doc.pipeline)
        self._hint_shown = False
        self.status.setText("")

    def evaluate(self) -> None:
        """Re-check the current step; a step whose conditions hold is done, the next one
        shows (several at once when the document already satisfies them)."""
        if self.lesson is None:
            return
        if not self.isVisible():   # a closed panel costs nothing; it catches up when shown
            self._stale = True
            return
        self._stale = False
        finished: list[Step] = []
        step = self.current_step
        while step is not None and step_done(step, self.doc.pipeline):
            self.done.append(step.id)
            finished.append(step)
            step = self.current_step
        if finished:
            progress.save_done(self.lesson.id, self.done)
            now = texts_of(self.doc.pipeline)
            before = self._baseline or Texts("", "")
            self.added_step = finished[-1]
            self._show_added(before, now)
            # A pipeline that does not compile yet keeps the last text that did as the base.
            self._start_step(Texts(now.python or before.python, now.yaml or before.yaml))
            for s in finished:
                self.step_finished.emit(self.lesson.id, s.id)
            if step is None:
                self.lesson_finished.emit(self.lesson.id)
        self._fill_texts()

    def show_hint(self) -> None:
        self._hint_shown = True
        self._fill_texts()

    def show_me(self) -> None:
        """Do the current step for the person: one command on the undo stack."""
        step = self.current_step
        if step is None:
            return
        lang = i18n.current_language()
        try:
            command = C.ShowLessonStep(self.doc, step, self.library, step.title.get(lang))
        except PlanError as e:
            self.status.setText(self.tr("Show me cannot do this step: {why}").format(why=e))
            return
        if not command.ops:
            self.status.setText(self.tr(
                "Nothing left to add: the pipeline differs from the lesson elsewhere "
                "(see the earlier steps)."))
            return
        self.doc.push(command)

    # --- showing ---------------------------------------------------------------------------

    def _show_added(self, before: Texts | None, after: Texts | None) -> None:
        for editor, old, new in ((self.added_python, before and before.python,
                                  after and after.python),
                                 (self.added_yaml, before and before.yaml, after and after.yaml)):
            editor.setPlainText(new or "")
            ranges = added_lines(old or "", new or "") if new else []
            editor.set_located(ranges, scroll_to=0 if ranges else None)
        if after is not None and not after.yaml and after.python:
            self.added_tabs.setCurrentWidget(self.added_python)

    def added_ranges(self) -> dict[str, list[tuple[int, int]]]:
        """The highlighted line ranges of the Python and YAML views (tests read them)."""
        return {"python": self.added_python.located, "yaml": self.added_yaml.located}

    def _fill_texts(self) -> None:
        lang = i18n.current_language()
        for i, lesson in enumerate(self.lessons):
            mark = DONE_MARK if self.is_finished(lesson.id) else ""
            self.lesson_box.setItemText(i, mark + lesson.title.get(lang))
        lesson = self.lesson
        self.errors_label.setVisible(bool(self.load_errors))
        self.errors_label.setText("\n".join(str(e) for e in self.load_errors))
        self.steps_list.clear()
        if lesson is None:
            self.summary.setText(self.tr("No lessons found."))
            for w in (self.step_title, self.step_text, self.hint_text):
                w.setText("")
            self.hint_button.setEnabled(False)
            self.show_button.setEnabled(False)
            return
        self.summary.setText(lesson.summary.get(lang))
        step = self.current_step
        for n, s in enumerate(lesson.steps, 1):
            done = s.id in self.done
            item = QListWidgetItem(f"{DONE_MARK if done else '    '}{n}. {s.title.get(lang)}")
            if s is step:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.steps_list.addItem(item)
        rows = self.steps_list.sizeHintForRow(0) * max(1, self.steps_list.count())
        self.steps_list.setFixedHeight(rows + 2 * self.steps_list.frameWidth() + 4)
        if step is None:
            self.step_title.setText(self.tr("Lesson complete"))
            self.step_text.setText(self.tr(
                "Every step is done. Pick another lesson, or Reset to do this one again."))
            self.hint_text.hide()
        else:
            index = lesson.steps.index(step) + 1
            self.step_title.setText(self.tr("Step {n} of {total}: {title}").format(
                n=index, total=len(lesson.steps), title=step.title.get(lang)))
            self.step_text.setText(step.text.get(lang))
            hint = step.hint.get(lang)
            self.hint_text.setText(self.tr("Hint: {hint}").format(hint=hint))
            self.hint_text.setVisible(self._hint_shown and bool(hint))
        self.hint_button.setEnabled(step is not None and bool(step.hint.en))
        self.show_button.setEnabled(step is not None)
        added = getattr(self, "added_step", None)
        self.added_title.setText(
            self.tr("What “{step}” added (highlighted):").format(step=added.title.get(lang))
            if added is not None and self.added_python.toPlainText() else
            self.tr("What each step adds to the Python and the YAML shows here."))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.evaluate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Forget this lesson's progress and start over"))
        self.folder_button.setText(self.tr("Folder…"))
        self.folder_button.setToolTip(self.tr(
            "Also load the lessons of a folder (a teacher's lesson files)"))
        self.hint_button.setText(self.tr("Hint"))
        self.show_button.setText(self.tr("Show me"))
        self.show_button.setToolTip(self.tr("Do this step for me (one step you can undo)"))
        self.lesson_box.setToolTip(self.tr("Lesson"))
        if self.lesson is not None or not self.lessons:
            self._fill_texts()

