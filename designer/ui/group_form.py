"""The fields of a control-flow group, as a form: in the "Group in …" dialog and in the
Properties pane when a frame is selected.

Operands and loop items are picked from what the group's tasks can read (pipeline
parameters, outputs of tasks outside the group, the item of an enclosing loop) or typed
as a Python literal (``5``, ``'a'``, ``[1, 2, 3]``; read with ``ast.literal_eval``, never
run). ``group()`` is the edited group, or None while a field is not valid (``problem``).
"""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Constant, OutputRef, ParamRef, Pipeline
from designer.ir.groups import (OPERATORS, Condition, Group, ancestors,
                                 condition_constant_problem)
from designer.ir.model import LoopItem
from designer.ui.canvas.group_frame import operand_text


def operand_choices(p: Pipeline, container: str | None, members: set[str]) -> list[Any]:
    """What a group made in ``container`` around ``members`` (task ids) can test or loop
    over: parameters, outputs of other tasks, items of enclosing loops."""
    out: list[Any] = [ParamRef(prm.name) for prm in p.params]
    for t in p.tasks:
        comp = p.component(t.component_id)
        if t.id in members or comp is None:
            continue
        out += [OutputRef(t.id, o.name) for o in comp.signature.outputs]
    out += [LoopItem(g.id) for g in ancestors(p, container) if g.kind == "loop"]
    return out


def parse_literal(text: str) -> Constant | None:
    """A typed constant: a Python literal, else the text as a string (None: empty)."""
    text = text.strip()
    if not text:
        return None
    try:
        return Constant(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return Constant(text)


class _OperandBox(QComboBox):
    """An editable combo: a reference from the list, or a typed literal."""

    def __init__(self, p: Pipeline, choices: list[Any], value: Any):
        super().__init__()
        self.setEditable(True)
        # Enter commits the typed literal; it must not become a list entry (without data).
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._p = p
        for arg in choices:
            self.addItem(operand_text(p, arg), arg)
        if value is not None:
            index = self.findData(value) if not isinstance(value, Constant) else -1
            if index >= 0:
                self.setCurrentIndex(index)
            else:
                self.setEditText(operand_text(p, value))

    def value(self) -> Any:
        text = self.currentText()
        index = self.findText(text)
        if index >= 0:
            return self.itemData(index)
        return parse_literal(text)


class GroupForm(QWidget):
    """Fields of one group kind; ``edited`` fires on every change of a valid value,
    ``committed(field)`` when the person finished editing a field ("left", "operator",
    "right", "items", "parallelism", "exit_task"): Enter or leaving a typed operand, a pick
    from a list, a spin-box step. The Properties pane turns each commit into one command."""

    edited = Signal()
    committed = Signal(str)

    def __init__(self, p: Pipeline, group: Group, members: set[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._p, self._group = p, group
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        choices = operand_choices(p, group.parent, members)
        self.left = self.operator = self.right = self.items = None
        self.parallelism = self.exit_task = None
        if group.kind == "condition" and group.branch != "else":
            c = group.condition
            self.left = _OperandBox(p, choices, c.left if c else None)
            self.operator = QComboBox()
            self.operator.addItems(list(OPERATORS))
            if c is not None:
                self.operator.setCurrentText(c.operator)
            self.right = _OperandBox(p, choices, c.right if c else None)
            form.addRow(self.tr("Left"), self.left)
            form.addRow(self.tr("Operator"), self.operator)
            form.addRow(self.tr("Right"), self.right)
            for box in (self.left, self.right):
                box.editTextChanged.connect(self._changed)
            self.operator.currentIndexChanged.connect(self._changed)
            self._commits(self.left, "left")
            self._commits(self.right, "right")
            self.operator.currentIndexChanged.connect(lambda _i: self.committed.emit("operator"))
        elif group.kind == "loop":
            self.items = _OperandBox(p, choices, group.items)
            self.items.setToolTip(self.tr(
                "A list such as [1, 2, 3] or [{'a': 1}], or a parameter or output holding one"))
            self.parallelism = QSpinBox()
            self.parallelism.setRange(0, 10000)
            self.parallelism.setSpecialValueText(self.tr("no limit"))
            self.parallelism.setValue(group.parallelism or 0)
            form.addRow(self.tr("Items"), self.items)
            form.addRow(self.tr("At a time"), self.parallelism)
            self.items.editTextChanged.connect(self._changed)
            self.parallelism.valueChanged.connect(self._changed)
            self._commits(self.items, "items")
            self.parallelism.valueChanged.connect(lambda _v: self.committed.emit("parallelism"))
        elif group.kind == "exit_handler":
            self.exit_task = QComboBox()
            for t in p.tasks:
                if t.id not in members and t.group is None:
                    self.exit_task.addItem(t.name, t.id)
            index = self.exit_task.findData(group.exit_task)
            if index >= 0:
                self.exit_task.setCurrentIndex(index)
            form.addRow(self.tr("Exit task"), self.exit_task)
            self.exit_task.currentIndexChanged.connect(self._changed)
            self.exit_task.currentIndexChanged.connect(
                lambda _i: self.committed.emit("exit_task"))
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: palette(link);")
        self.problem_label.setWordWrap(True)
        form.addRow(self.problem_label)
        self._changed()

    def _commits(self, box: "_OperandBox", field: str) -> None:
        box.lineEdit().editingFinished.connect(lambda: self.committed.emit(field))
        box.activated.connect(lambda _i: self.committed.emit(field))

    def problem(self) -> str | None:
        g = self._group
        if self.left is not None:
            if self.left.value() is None or self.right.value() is None:
                return self.tr("Give both sides of the condition.")
            if any(isinstance(side, Constant) and condition_constant_problem(side.value)
                   for side in (self.left.value(), self.right.value())):
                return self.tr("A condition compares strings, numbers and booleans, not lists "
                               "or dicts.")
        if self.items is not None:
            items = self.items.value()
            if items is None or (isinstance(items, Constant)
                                 and not isinstance(items.value, list)):
                return self.tr("Loop items must be a list, or a parameter or output.")
            if isinstance(items, Constant) and not items.value:
                return self.tr("The list of items is empty.")
        if self.exit_task is not None and self.exit_task.currentData() is None:
            return self.tr("Add a task to run on exit first: it must be outside every group.")
        del g
        return None

    def fields(self) -> dict[str, Any] | None:
        """The group's edited fields, or None while a field is not valid."""
        if self.problem() is not None:
            return None
        if self.left is not None:
            return {"condition": Condition(self.left.value(), self.operator.currentText(),
                                           self.right.value())}
        if self.items is not None:
            return {"items": self.items.value(),
                    "parallelism": self.parallelism.value() or None}
        if self.exit_task is not None:
            return {"exit_task": self.exit_task.currentData()}
        return {}

    def group(self) -> Group | None:
        fields = self.fields()
        return None if fields is None else replace(self._group, **fields)

    def _changed(self, *_args) -> None:
        self.problem_label.setText(self.problem() or "")
        if self.problem() is None:
            self.edited.emit()


class GroupDialog(QDialog):
    """"Group in Condition…", "Group in Loop…", "Wrap in Exit Handler…"."""

    def __init__(self, parent: QWidget | None, p: Pipeline, group: Group, members: set[str]):
        super().__init__(parent)
        self.setObjectName("group-dialog")
        titles = {"condition": self.tr("Group in Condition"), "loop": self.tr("Group in Loop"),
                  "exit_handler": self.tr("Wrap in Exit Handler")}
        self.setWindowTitle(titles.get(group.kind, ""))
        layout = QVBoxLayout(self)
        self.form = GroupForm(p, group, members, self)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._check)
        self.form.problem_label.linkActivated.connect(lambda _link: None)
        self._check()
        for box in (self.form.left, self.form.right, self.form.items):
            if box is not None:
                box.editTextChanged.connect(self._check)

    def _check(self, *_args) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.form.problem() is None)


def ask_group(parent: QWidget | None, p: Pipeline, group: Group,
              members: set[str]) -> Group | None:
    """The group with the fields the person chose, or None (cancelled)."""
    dialog = GroupDialog(parent, p, group, members)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.form.group()
    finally:
        dialog.deleteLater()


__all__ = ["GroupForm", "GroupDialog", "ask_group", "operand_choices", "parse_literal"]
