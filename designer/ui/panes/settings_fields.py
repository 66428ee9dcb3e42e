"""Widgets the run-settings forms are made of (task settings, pipeline settings).

``FoldingSection``: a titled section a click folds and unfolds. ``CheckedLine``: a line
edit whose text is read by a rule (``designer/ir/settings_rules.py``) when the person
presses Enter or leaves it; a refused text shows the rule's message under the field and
changes nothing. Both are plain widgets: the forms turn what they report into commands.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir.settings_rules import CONTEXT, Problem, RuleError
from designer.ui.theme import error_border, set_text_role


def problem_text(problem: Problem) -> str:
    """A rule's message in the current language (kfp's own words stay as kfp wrote them)."""
    return QCoreApplication.translate(CONTEXT, problem.template).format(**problem.args)


def error_label() -> QLabel:
    """A hidden, wrapping, selectable label for a field's refusal (in the error colour)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_text_role(label, "error")
    label.hide()
    return label


class FoldingSection(QWidget):
    """A header button (▸/▾ title, and a count of what is set) over a form that folds."""

    toggled = Signal(bool)

    def __init__(self, title: str, expanded: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.header = QToolButton()
        self.header.setCheckable(True)
        self.header.setChecked(expanded)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.toggled.connect(self._toggled)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(14, 0, 0, 4)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self._count = 0
        self._toggled(expanded)

    def set_count(self, count: int) -> None:
        """How many settings of this section differ from kfp's defaults (shown in the header)."""
        self._count = count
        self._label()

    def _label(self) -> None:
        text = self.title
        if self._count:
            text += " · " + self.tr("%n set", "", self._count)
        self.header.setText(text)

    def _toggled(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self._label()
        self.toggled.emit(expanded)

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()


class CheckedLine(QWidget):
    """A line edit with a rule. ``read(text)`` returns the value or raises RuleError;
    ``committed(value)`` fires on Enter / focus out when the text reads and differs from
    what is shown. ``set_text`` shows the document's value (not while being typed in)."""

    committed = Signal(object)

    def __init__(self, read: Callable[[str], Any], placeholder: str = "", tooltip: str = ""):
        super().__init__()
        self._read = read
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip(tooltip)
        self._tooltip = tooltip
        self.edit.editingFinished.connect(self._commit)
        self.edit.textEdited.connect(lambda _t: self.show_problem(None))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._shown = ""
        self._styled = False      # the error border is on

    def set_text(self, text: str | None, editable: bool = True, why: str = "") -> None:
        """Show ``text``; ``editable=False`` shows a value this field cannot edit (a
        parameter, a form kfp allows but the text form cannot say), with ``why``."""
        # Each edit of the document refills every field: set only what differs (a style
        # sheet set again re-polishes the widget, ~0.1 ms each, 26 fields per edit).
        if self.edit.isReadOnly() == editable:
            self.edit.setReadOnly(not editable)
        tooltip = self._tooltip if editable else why
        if self.edit.toolTip() != tooltip:
            self.edit.setToolTip(tooltip)
        if self.edit.hasFocus() and self.edit.isModified():
            return
        self._shown = text or ""
        if self.edit.text() != self._shown:
            self.edit.setText(self._shown)
            self.edit.setCursorPosition(0)  # (a narrow field shows the start of the text)
        self.edit.setModified(False)
        self.show_problem(None)

    def show_problem(self, message: str | None) -> None:
        message = message or ""
        if message == self.error.text() and self._styled == bool(message):
            return
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.edit.setStyleSheet(error_border() if message else "")
        self._styled = bool(message)

    @property
    def problem(self) -> str:
        return self.error.text() if self.error.isVisible() else ""

    def _commit(self) -> None:
        if self.edit.isReadOnly():
            return
        text = self.edit.text().strip()
        if text == self._shown and not self.problem:
            self.edit.setModified(False)
            return
        try:
            value = self._read(text)
        except RuleError as e:
            self.show_problem(problem_text(e.problem))
            return
        self.show_problem(None)
        self.edit.setModified(False)
        self._shown = text
        self.committed.emit(value)


def checked(problem: Callable[[str], Problem | None]) -> Callable[[str], str | None]:
    """A reader for a string setting checked by ``problem``: empty means unset (None)."""
    def read(text: str) -> str | None:
        if not text:
            return None
        found = problem(text)
        if found is not None:
            raise RuleError(found)
        return text
    return read


def optional_number(minimum: int) -> Callable[[str], int | None]:
    from designer.ir.settings_rules import whole_number
    return lambda text: whole_number(text, minimum) if text else None


def add_row(form: QFormLayout, label: str, widget: QWidget, tooltip: str = "") -> QLabel:
    caption = QLabel(label)
    caption.setToolTip(tooltip)
    caption.setBuddy(widget.edit if isinstance(widget, CheckedLine) else widget)
    form.addRow(caption, widget)
    return caption


def section_title() -> QLabel:
    """A small bold heading over a section of a form (PARAMETERS, OUTPUTS)."""
    title = QLabel()
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.85)
    title.setFont(font)
    title.setStyleSheet("color: palette(dark); padding-top: 8px;")
    return title


def fresh_grid(host: QWidget, old_widgets: list[QWidget]) -> QGridLayout:
    """A new empty grid on ``host``, its old rows' widgets deleted."""
    old = host.layout()
    if old is not None:
        for w in old_widgets:
            w.deleteLater()
        QWidget().setLayout(old)  # reparent the old layout so a new one can be set
    grid = QGridLayout(host)
    grid.setContentsMargins(0, 0, 0, 0)
    return grid


class DescriptionEdit(QPlainTextEdit):
    """Multi-line text that reports once when focus leaves it; Tab moves on, as in a form."""

    def __init__(self, on_done):
        super().__init__()
        self._on_done = on_done
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._on_done()
