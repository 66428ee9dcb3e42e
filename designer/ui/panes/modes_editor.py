"""The access modes of a claim as check boxes, one per Kubernetes mode, several allowed.

``mode_boxes`` makes the boxes (an ephemeral volume's row, ``volume_rows.py``, uses them two
by two); ``AccessModesEditor`` is the value editor of the modes input of a step that creates
a claim (kfp-kubernetes ``CreatePVC(access_modes=...)``, kfp 1 ``dsl.VolumeOp(modes=...)``),
in place of typing the list. A value the boxes cannot say (a mode Kubernetes does not know,
a text instead of a list) is shown, not edited, with a tooltip that says so.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGridLayout, QVBoxLayout, QWidget

from designer.ir.claim_rules import ACCESS_MODES, access_modes_problem, modes_editable, \
    toggled_modes
from designer.ir.volumes import VolumeComponent
from designer.ui.panes.settings_fields import error_label, problem_text
from designer.ui.panes.value_editors import ValueEditor

# kfp 1's VolumeOp when ``modes`` is not given (``dsl.VOLUME_MODE_RWM``).
KFP1_DEFAULT = ("ReadWriteMany",)


def mode_boxes(columns: int) -> tuple[QWidget, dict[str, QCheckBox]]:
    """A widget with a box per access mode in ``columns`` columns, and the boxes by mode."""
    host = QWidget()
    host.setToolTip(QCoreApplication.translate("AccessModes",
                                               "How nodes may use the claim (one or more)"))
    grid = QGridLayout(host)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setVerticalSpacing(0)
    grid.setHorizontalSpacing(6)
    grid.setColumnStretch(columns, 1)
    boxes: dict[str, QCheckBox] = {}
    tips = (QCoreApplication.translate("AccessModes", "ReadWriteOnce: one node reads and writes"),
            QCoreApplication.translate("AccessModes", "ReadOnlyMany: many nodes read"),
            QCoreApplication.translate("AccessModes", "ReadWriteMany: many nodes read and write"),
            QCoreApplication.translate("AccessModes",
                                       "ReadWriteOncePod: one pod reads and writes (alone)"))
    for i, (mode, tip) in enumerate(zip(ACCESS_MODES, tips)):
        box = QCheckBox(mode)
        box.setObjectName(f"access-{mode}")
        box.setStyleSheet("QCheckBox { spacing: 2px; }")   # (a narrow pane: 2 by 2 fit)
        box.setToolTip(tip)
        grid.addWidget(box, i // columns, i % columns)
        boxes[mode] = box
    return host, boxes


def is_modes_input(component: Any, name: str) -> bool:
    """Whether input ``name`` of ``component`` is the access modes of a claim it creates."""
    return isinstance(component, VolumeComponent) and component.action == "create" and \
        name == ("modes" if component.origin == "v1" else "access_modes")


class AccessModesEditor(ValueEditor):
    """``committed(list of modes)`` on each box clicked; ``required``: no default (kfp-kubernetes);
    otherwise an unset value is kfp 1's default, ReadWriteMany (ticked)."""

    def __init__(self, annotation: str | None, required: bool,
                 parent: QWidget | None = None):
        super().__init__(annotation, parent)
        self._required = required
        self._modes: tuple[str, ...] | None = ()
        self.grid, self.boxes = mode_boxes(1)
        self.problem = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.grid)
        layout.addWidget(self.problem)
        for box in self.boxes.values():
            box.clicked.connect(self._clicked)
        self.setFocusProxy(self.boxes[ACCESS_MODES[0]])

    def set_value(self, value: Any, is_set: bool) -> None:
        modes = value if is_set else (() if self._required else KFP1_DEFAULT)
        can = isinstance(modes, (list, tuple)) and all(isinstance(m, str) for m in modes) \
            and modes_editable(tuple(modes))
        self._modes = tuple(modes) if can else None
        for mode, box in self.boxes.items():
            box.setChecked(can and mode in modes)
            box.setEnabled(can)
        self.grid.setToolTip(
            QCoreApplication.translate("AccessModes", "How nodes may use the claim (one or more)")
            if can else QCoreApplication.translate(
                "AccessModes", "Set in the Python file: {value} is not a list of the access "
                "modes Kubernetes knows").format(value=repr(value)))
        self._show(None)

    @property
    def error(self) -> str | None:
        return self.problem.text() if self.problem.isVisible() else None

    def _show(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def _clicked(self, _on: bool) -> None:
        if self._modes is None:
            return
        checked = {m for m, box in self.boxes.items() if box.isChecked()}
        modes = toggled_modes(self._modes, checked)
        problem = access_modes_problem(modes)
        if problem is not None:       # (the boxes stay as clicked: the message says why)
            self._show(problem_text(problem))
            return
        self._show(None)
        self.committed.emit(list(modes))


__all__ = ["AccessModesEditor", "KFP1_DEFAULT", "is_modes_input", "mode_boxes"]
