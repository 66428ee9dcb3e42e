"""The Properties pane's view of a selected frame: what the group does and its fields
(condition operands and operator, loop items and parallelism, exit task), editable.

``GroupProperties`` holds a ``GroupForm`` for one group and emits
``group_edited(group id, fields, field)`` when the person finishes editing a field and
the value differs from the document's; the panes controller pushes one ``EditGroup``
per emission. The form is kept while the document agrees with it (so typing and focus
survive the refresh after a commit) and rebuilt when it does not (undo, another group).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from designer.ir import Pipeline
from designer.ir.groups import Group, is_inside
from designer.ui.canvas.group_frame import group_title, operand_text
from designer.ui.group_form import GroupForm, operand_choices


def group_members(p: Pipeline, group_id: str) -> set[str]:
    """Ids of the tasks inside the group, at any depth."""
    return {t.id for t in p.tasks if is_inside(p, t.id, group_id)}


def group_fields(g: Group) -> dict[str, Any]:
    """The fields a ``GroupForm`` edits, as the group has them."""
    return {"condition": g.condition, "items": g.items, "parallelism": g.parallelism,
            "exit_task": g.exit_task}


class GroupProperties(QWidget):
    group_edited = Signal(str, object, str)   # group id, {field: value}, the field edited

    def __init__(self, p: Pipeline, group: Group, parent: QWidget | None = None):
        super().__init__(parent)
        self.group_id = group.id
        self._group = group
        self._shape = self.shape_of(p, group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        kinds = {"condition": self.tr("Condition"), "loop": self.tr("Loop"),
                 "exit_handler": self.tr("Exit handler")}
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.kind_label = QLabel(self._explain(group, kinds.get(group.kind, group.kind)))
        self.kind_label.setWordWrap(True)
        self.kind_label.setStyleSheet("color: palette(dark);")
        layout.addWidget(self.kind_label)
        self.form = GroupForm(p, group, group_members(p, group.id), self)
        self.form.committed.connect(self._committed)
        for box in self.form.findChildren(QComboBox):
            # As wide as the pane, never wider: long outputs and lists are scrolled in.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        layout.addWidget(self.form)
        self.set_pipeline(p)

    def _explain(self, g: Group, kind: str) -> str:
        if g.kind == "condition" and g.branch == "else":
            return self.tr("{kind}: its tasks run when no branch before it ran.").format(
                kind=kind)
        text = {"condition": self.tr("{kind}: its tasks run only when the test holds."),
                "loop": self.tr("{kind}: its tasks run once for each item."),
                "exit_handler": self.tr(
                    "{kind}: the exit task runs when its tasks end, whatever happened.")}
        return text.get(g.kind, "{kind}").format(kind=kind)

    @staticmethod
    def shape_of(p: Pipeline, g: Group) -> tuple:
        """What the form's widgets depend on besides the values (kind, the choices)."""
        members = group_members(p, g.id)
        choices = tuple(operand_text(p, a) for a in operand_choices(p, g.parent, members))
        exits = tuple((t.id, t.name) for t in p.tasks if t.group is None and t.id not in members)
        return g.id, g.kind, g.branch, choices, exits

    def fits(self, p: Pipeline, g: Group) -> bool:
        """Whether this form can keep showing ``g``: same widgets, the values it holds."""
        if self.shape_of(p, g) != self._shape:
            return False
        shown = self.form.fields()
        return shown is not None and all(group_fields(g)[k] == v for k, v in shown.items())

    def set_pipeline(self, p: Pipeline) -> None:
        g = p.group(self.group_id)
        if g is not None:
            self._group = g
            self.title_label.setText(group_title(p, g))

    def _committed(self, field: str) -> None:
        fields = self.form.fields()
        if fields is None:
            return   # the form says what is wrong; nothing changes
        current = group_fields(self._group)
        if all(current[k] == v for k, v in fields.items()):
            return
        self.group_edited.emit(self.group_id, fields, field)


__all__ = ["GroupProperties", "group_members", "group_fields"]
