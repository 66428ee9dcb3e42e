"""The run panel's step bar: shown while a run is paused before a task (Run ▸ Step or a
breakpoint). It names the task, the values its inputs are about to get, what the task
run just before it printed and returned, and offers Step (F10) and Continue (F8)."""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from designer.ui.help import help_link
from designer.ui.run.controller import RunInfo, TaskRun
from designer.ui.theme import run_state_text

STEP_SHORTCUT = "F10"
CONTINUE_SHORTCUT = "F8"
BREAKPOINT_SHORTCUT = "F9"
VALUE_LIMIT = 120     # characters of one value shown in the bar
PRINTED_LINES = 4     # last lines of what the previous task printed


def _short(text: str, limit: int = VALUE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StepBar(QFrame):
    step_requested = Signal()
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("run-step-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.setOpenExternalLinks(True)   # the concept link (help/controller.py)
        self.step_button = QPushButton()
        self.continue_button = QPushButton()
        self.step_button.clicked.connect(self.step_requested)
        self.continue_button.clicked.connect(self.continue_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.step_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        self.task_id: str | None = None        # the task paused before
        self._shown: tuple | None = None
        self.hide()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(
            self.tr("Run this task, then pause before the next one ({key})").format(
                key=STEP_SHORTCUT))
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setToolTip(
            self.tr("Run the rest, pausing only at breakpoints ({key})").format(
                key=CONTINUE_SHORTCUT))
        if self._shown is not None:
            self.show_paused(*self._shown)

    def show_paused(self, info: RunInfo, task: TaskRun, previous: TaskRun | None,
                    printed: list[str]) -> None:
        """The run waits before ``task``; ``previous`` is the task that ran last (its
        ``printed`` lines and returned values are shown too)."""
        self._shown = (info, task, previous, printed)
        self.task_id = task.id
        colour = run_state_text("paused").name()
        parts = [self.tr("<b style='color:{colour}'>Paused before {task}</b>").format(
            colour=colour, task=html.escape(task.name))]
        inputs = task.inputs or {}
        if inputs:
            values = ", ".join(f"<code>{html.escape(name)}</code> = "
                               f"<b>{html.escape(_short(value))}</b>"
                               for name, value in inputs.items())
            parts.append(self.tr("its inputs get: {values}").format(values=values))
        else:
            parts.append(self.tr("it has no inputs."))
        text = " · ".join(parts)
        if previous is not None:
            said = [html.escape(_short(line)) for line in printed[-PRINTED_LINES:]]
            printed_text = "<br>".join(f"<code>{s}</code>" for s in said) if said else \
                self.tr("nothing")
            returned = ", ".join(f"<code>{html.escape(n)}</code> = "
                                 f"<b>{html.escape(_short(v))}</b>"
                                 for n, v in previous.outputs.items()) or self.tr("nothing")
            text += "<br>" + self.tr("{task} printed: {printed}<br>and returned: "
                                     "{returned}").format(task=html.escape(previous.name),
                                                          printed=printed_text,
                                                          returned=returned)
        text += " " + help_link("local-run", self.tr("What is a step-through run?"))
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self._shown = None
        self.task_id = None
        self.hide()


__all__ = ["StepBar", "STEP_SHORTCUT", "CONTINUE_SHORTCUT", "BREAKPOINT_SHORTCUT"]
