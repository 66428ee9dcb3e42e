"""Placement written as JSON in the Kubernetes section of the task settings: the rows under
"Node selector from" and "Node affinity from" (chosen "JSON written here": kfp-kubernetes
``add_node_selector_json`` / ``add_node_affinity_json`` with a dict), and the tolerations as
JSON (``add_toleration_json`` with a list: plain tolerations), shown by the { } button next
to the tolerations' text, or by itself when that text cannot say them.

The rows only read and show; each accepted text is one new ``TaskSettings`` handed to the
editor's ``emit(settings, what)``: one undo step.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QToolButton, QWidget

from designer.ir.placement_json import (
    format_json,
    format_tolerations,
    read_node_affinity,
    read_node_selector,
    read_tolerations,
)
from designer.ir.settings import NodeAffinityTerm, TaskSettings
from designer.ir.settings_rules import tolerations_editable
from designer.ui.panes.json_field import JsonField
from designer.ui.panes.settings_fields import CheckedLine

# The item data of "JSON written here" in the "... from" lists (never a parameter's name).
JSON_HERE = "{json}"


def plain_tolerations(s: TaskSettings) -> tuple:
    return tuple(t for t in s.tolerations if t.json is None)


def tolerations_as_text(s: TaskSettings) -> bool:
    """Whether the tolerations' text form says them (and those from a parameter come last,
    where an edit puts them)."""
    plain = plain_tolerations(s)
    return tolerations_editable(plain) and tuple(s.tolerations[:len(plain)]) == plain


def affinity_json(s: TaskSettings) -> dict | None:
    """The node affinity given whole as a dict, when there is one such term."""
    given = [t.json for t in s.node_affinity if t.json is not None]
    return given[0] if len(given) == 1 and isinstance(given[0], dict) else None


class PlacementJson(QObject):
    """The JSON rows, put into ``form`` next to the fields they belong with."""

    def __init__(self, form: QFormLayout, tolerations: CheckedLine,
                 combos: dict[str, QComboBox],
                 settings: Callable[[], TaskSettings],
                 emit: Callable[[TaskSettings, str], None]):
        super().__init__()
        self._form = form
        self._settings = settings
        self._emit = emit
        self.fields: dict[str, JsonField] = {}
        # The { } button beside the tolerations' text.
        self.tolerations_button = QToolButton()
        self.tolerations_button.setObjectName("tolerations-as-json")
        self.tolerations_button.setText("{ }")
        self.tolerations_button.setCheckable(True)
        self.tolerations_button.setAutoRaise(True)
        self.tolerations_button.setToolTip(self.tr(
            "Write the tolerations as JSON (kfp-kubernetes add_toleration_json): any key, "
            "operator, value, effect and toleration_seconds"))
        self.tolerations_button.toggled.connect(lambda _on: self.fill(self._settings()))
        row, _role = form.getWidgetPosition(tolerations)
        taken = form.takeRow(row)
        host = QWidget()
        box = QHBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(tolerations, 1)
        box.addWidget(self.tolerations_button, 0)
        form.insertRow(row, taken.labelItem.widget(), host)
        self._add("tolerations", row + 1, read_tolerations,
                  '[{"key": "gpu", "operator": "Exists", "effect": "NoSchedule"}]',
                  self.tr("The tolerations as a JSON list (Ctrl+Enter or leaving the field "
                          "applies it); kfp 1 writes the same as V1Toleration"),
                  lambda s, v: dataclasses.replace(s, tolerations=v + tuple(
                      t for t in s.tolerations if t.json is not None)),
                  self.tr("Tolerations"))
        for key, read, example, tip, apply, what in (
                ("node_selector_json", read_node_selector, '{"disktype": "ssd"}',
                 self.tr("The whole node selector as a JSON object of label names and values "
                         "(kfp 2 only: add_node_selector_json)"),
                 lambda s, v: dataclasses.replace(s, node_selector_json=v),
                 self.tr("Node selector")),
                ("node_affinity_json", read_node_affinity,
                 '{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": '
                 '[{"matchExpressions": [{"key": "disktype", "operator": "In", '
                 '"values": ["ssd"]}]}]}}',
                 self.tr("A whole Kubernetes node affinity as JSON (kfp 2 only: "
                         "add_node_affinity_json)"),
                 lambda s, v: dataclasses.replace(s, node_affinity=tuple(
                     t for t in s.node_affinity if t.json is None) + (
                         NodeAffinityTerm(json=v),)),
                 self.tr("Node affinity"))):
            row, _role = form.getWidgetPosition(combos[key])
            self._add(key, row + 1, read, example, tip, apply, what)

    def _add(self, key: str, row: int, read, example: str, tooltip: str, apply,
             what: str) -> None:
        # (a node affinity is a deep object, tolerations a line each: more lines)
        field = JsonField(read, example, tooltip, {"node_affinity_json": 8,
                                                   "tolerations": 6}.get(key, 4))
        field.setObjectName(f"json-{key}")
        field.committed.connect(lambda v: self._emit(apply(self._settings(), v), what))
        self._form.insertRow(row, field)
        self.fields[key] = field

    def fill(self, s: TaskSettings, new_task: bool = False) -> None:
        """Show the JSON of ``s`` in the rows that have some (the others are hidden)."""
        as_text = tolerations_as_text(s)
        button = self.tolerations_button
        # JSON when the text cannot say them; another task starts with the text form.
        checked = not as_text or (button.isChecked() and not new_task)
        if checked != button.isChecked():
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)
        button.setEnabled(as_text or not button.isChecked())
        shown = {"tolerations": format_tolerations(plain_tolerations(s))
                 if button.isChecked() else None,
                 "node_selector_json": format_json(s.node_selector_json)
                 if isinstance(s.node_selector_json, dict) else None,
                 "node_affinity_json": None if affinity_json(s) is None
                 else format_json(affinity_json(s))}
        for key, field in self.fields.items():
            self._form.setRowVisible(field, shown[key] is not None)
            if shown[key] is not None:
                field.set_text(shown[key])


__all__ = ["JSON_HERE", "PlacementJson", "affinity_json", "plain_tolerations",
           "tolerations_as_text"]
