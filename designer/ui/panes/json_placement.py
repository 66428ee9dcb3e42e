"""Settings written as JSON in the Kubernetes section of the task settings:

* the rows under "Node selector from" and "Node affinity from" (chosen "JSON below":
  kfp-kubernetes ``add_node_selector_json`` / ``add_node_affinity_json`` with a dict);
* the same settings as their text fields, as JSON, shown by the { } button beside the field
  or by themselves when the text cannot say them: the node selector, pod labels and
  annotations (an object of texts), the tolerations (``add_toleration_json``'s list: plain
  tolerations, any operator) and the node affinity terms (the Kubernetes ``NodeAffinity``
  they make, kfp 1 ``add_affinity`` / kfp-kubernetes ``add_node_affinity``).

The rows only read and show; each accepted text is one new ``TaskSettings`` handed to the
editor's ``emit(settings, what)``: one undo step.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QToolButton, QWidget

from designer.ir.placement_json import (
    format_affinity_terms,
    format_json,
    format_tolerations,
    read_affinity_terms,
    read_node_affinity,
    read_node_selector,
    read_text_map,
    read_tolerations,
)
from designer.ir.settings import NodeAffinityTerm, TaskSettings
from designer.ir.settings_rules import affinity_editable, pairs_editable, tolerations_editable
from designer.ui.panes.json_field import JsonField
from designer.ui.panes.settings_fields import CheckedLine

# The item data of "JSON below" in the "... from" lists (never a parameter's name).
JSON_HERE = "{json}"


def plain_tolerations(s: TaskSettings) -> tuple:
    return tuple(t for t in s.tolerations if t.json is None)


def tolerations_as_text(s: TaskSettings) -> bool:
    """Whether the tolerations' text form says them (and those from a parameter come last,
    where an edit puts them)."""
    plain = plain_tolerations(s)
    return tolerations_editable(plain) and tuple(s.tolerations[:len(plain)]) == plain


def plain_terms(s: TaskSettings) -> tuple:
    return tuple(t for t in s.node_affinity if t.json is None)


def affinity_as_text(s: TaskSettings) -> bool:
    """Whether the node affinity's text form says its terms (those from JSON come last)."""
    terms = plain_terms(s)
    return affinity_editable(terms) and tuple(s.node_affinity[:len(terms)]) == terms


def texts_only(pairs: dict) -> bool:
    """A map JSON can show: texts only (a value from a parameter is not one)."""
    return all(isinstance(k, str) and isinstance(v, str) for k, v in pairs.items())


def affinity_json(s: TaskSettings) -> dict | None:
    """The node affinity given whole as a dict, when there is one such term."""
    given = [t.json for t in s.node_affinity if t.json is not None]
    return given[0] if len(given) == 1 and isinstance(given[0], dict) else None


@dataclasses.dataclass(frozen=True)
class _AsJson:
    """A text field's setting as JSON: how it reads and shows, and whether the text (or
    JSON at all) can say the task's value."""
    read: Callable[[str], object]
    show: Callable[[TaskSettings], str]
    apply: Callable[[TaskSettings, object], TaskSettings]
    as_text: Callable[[TaskSettings], bool]
    can: Callable[[TaskSettings], bool]
    example: str
    lines: int


def _maps(key: str) -> _AsJson:
    return _AsJson(read_text_map, lambda s: format_json(getattr(s, key)),
                   lambda s, v: dataclasses.replace(s, **{key: v}),
                   lambda s: pairs_editable(getattr(s, key)),
                   lambda s: texts_only(getattr(s, key)), '{"team": "ml"}', 6)


AS_JSON = {
    "node_selector": _maps("node_selector"),
    "pod_labels": _maps("pod_labels"),
    "pod_annotations": _maps("pod_annotations"),
    "tolerations": _AsJson(
        read_tolerations, lambda s: format_tolerations(plain_tolerations(s)),
        lambda s, v: dataclasses.replace(s, tolerations=v + tuple(
            t for t in s.tolerations if t.json is not None)),
        tolerations_as_text, lambda s: True,
        '[{"key": "gpu", "operator": "Exists", "effect": "NoSchedule"}]', 8),
    "node_affinity": _AsJson(
        read_affinity_terms, lambda s: format_affinity_terms(plain_terms(s)),
        lambda s, v: dataclasses.replace(s, node_affinity=v + tuple(
            t for t in s.node_affinity if t.json is not None)),
        affinity_as_text, lambda s: True,
        '{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": '
        '[{"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]}]}]}}',
        12),
}


class PlacementJson(QObject):
    """The JSON rows, put into ``form`` next to the fields they belong with; ``lines``:
    the text fields (key -> field) that get a { } button."""

    def __init__(self, form: QFormLayout, lines: dict[str, CheckedLine],
                 combos: dict[str, QComboBox],
                 settings: Callable[[], TaskSettings],
                 emit: Callable[[TaskSettings, str], None]):
        super().__init__()
        self._form = form
        self._settings = settings
        self._emit = emit
        self.fields: dict[str, JsonField] = {}
        self.buttons: dict[str, QToolButton] = {}
        for key, line in lines.items():
            spec = AS_JSON[key]
            row, _role = form.getWidgetPosition(line)
            taken = form.takeRow(row)
            label = taken.labelItem.widget()
            button = QToolButton()
            button.setObjectName(f"{key}-as-json")
            button.setText("{ }")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(self.tr("Write this as JSON: what the text form cannot say "
                                      "(any operator, commas in values...)"))
            button.toggled.connect(lambda _on: self.fill(self._settings()))
            host = QWidget()
            box = QHBoxLayout(host)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(line, 1)
            box.addWidget(button, 0)
            form.insertRow(row, label, host)
            self.buttons[key] = button
            self._add(key, row + 1, spec.read, spec.example,
                      self.tr("{what} as JSON (Ctrl+Enter or leaving the field applies it); "
                              "kfp 1 and kfp 2 write the same").format(what=label.text()),
                      spec.apply, label.text(), spec.lines)
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
            self._add(key, row + 1, read, example, tip, apply, what,
                      12 if key == "node_affinity_json" else 6)

    def _add(self, key: str, row: int, read, example: str, tooltip: str, apply,
             what: str, lines: int) -> None:
        field = JsonField(read, example, tooltip, lines)
        field.setObjectName(f"json-{key}")
        field.committed.connect(lambda v: self._emit(apply(self._settings(), v), what))
        self._form.insertRow(row, field)
        self.fields[key] = field

    def fill(self, s: TaskSettings, new_task: bool = False) -> None:
        """Show the JSON of ``s`` in the rows that have some (the others are hidden)."""
        shown: dict[str, str | None] = {}
        for key, button in self.buttons.items():
            spec = AS_JSON[key]
            as_text, can = spec.as_text(s), spec.can(s)
            # JSON when the text cannot say it; another task starts with the text form.
            checked = can and (not as_text or (button.isChecked() and not new_task))
            if checked != button.isChecked():
                button.blockSignals(True)
                button.setChecked(checked)
                button.blockSignals(False)
            button.setEnabled(can and (as_text or not checked))
            shown[key] = spec.show(s) if checked else None
        shown["node_selector_json"] = (format_json(s.node_selector_json)
                                       if isinstance(s.node_selector_json, dict) else None)
        value = affinity_json(s)
        shown["node_affinity_json"] = None if value is None else format_json(value)
        for key, field in self.fields.items():
            if new_task:
                field.show_problem(None)    # (what was refused for another task is gone)
            self._form.setRowVisible(field, shown[key] is not None)
            if shown[key] is not None:
                field.set_text(shown[key])


__all__ = ["AS_JSON", "JSON_HERE", "PlacementJson", "affinity_as_text", "affinity_json",
           "plain_terms", "plain_tolerations", "texts_only", "tolerations_as_text"]
