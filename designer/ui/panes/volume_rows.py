"""One volume mount of a task in the Properties pane's Volumes section: mount path, what is
mounted, sub path, read-only, remove.

Edited here: claims named by a string, and the path, sub path and read-only of a claim a
task of the pipeline creates (CreatePVC / VolumeOp: the claim itself is that task's, shown by
its name); secrets and config maps named by a string (and whether they may be missing);
empty dirs (their volume name); generic ephemeral volumes (volume name, size, access modes,
storage class, the claim's labels and annotations); kfp 1 host paths (the node's folder). A
mount the Python file makes another way (a claim or secret a parameter names, an access mode
Kubernetes does not know...) is shown read-only where it cannot be said here.

The row only reads and shows: the editor (``task_settings.py``) turns what it reads into
the task's new settings, one undo step per edit.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from designer.ir import OutputRef, ParamRef
from designer.ir.claim_rules import access_modes_problem, modes_editable, toggled_modes
from designer.ir.placement_json import read_text_map
from designer.ir.settings import EphemeralClaim, VolumeMount
from designer.ir.settings_rules import (
    Problem,
    RuleError,
    claim_problem,
    format_pairs,
    mount_path_problem,
    object_name_problem,
    pairs_editable,
    parse_pairs,
    quantity_problem,
    sub_path_problem,
    volume_name_problem,
)
from designer.ui.panes.json_placement import texts_only
from designer.ui.panes.modes_editor import mode_boxes
from designer.ui.theme import set_text_role

# (the grid rows one mount takes: main, below, access modes, claim metadata, error)
ROWS = 5


def editable(mount: VolumeMount) -> bool:
    """Whether what is mounted is named here: a claim, secret or config map named by a
    string, an empty dir, an ephemeral volume whose modes, labels and annotations the
    fields can say."""
    if mount.volume_task is not None:
        return False
    if mount.source in ("pvc", "secret", "config_map", "host_path"):
        return isinstance(mount.name, str)
    if mount.source == "empty_dir":
        return isinstance(mount.volume_name, str)
    if mount.source == "ephemeral":
        claim = mount.ephemeral
        return (claim is not None and isinstance(mount.volume_name, str)
                and modes_editable(claim.access_modes) and texts_only(claim.labels)
                and texts_only(claim.annotations))
    return False


def map_text(pairs: dict[str, str]) -> str:
    """A claim's labels / annotations as ``key=value, …``, or one line of JSON when that
    text cannot say them (a comma in a value...)."""
    return format_pairs(pairs) if pairs_editable(pairs) else json.dumps(pairs,
                                                                        ensure_ascii=False)


def read_map(text: str) -> dict[str, str]:
    """``map_text`` read back: JSON when it starts with a brace, else ``key=value, …``."""
    return read_text_map(text) if text.strip().startswith("{") else parse_pairs(text)


def made(mount: VolumeMount) -> bool:
    """A claim a task of the pipeline creates: its mount path and sub path are edited here."""
    return mount.source == "pvc" and mount.volume_task is not None


def source_text(mount: VolumeMount, names: Mapping[str, str] | None = None) -> str:
    """What is mounted, in words, for a mount whose claim this row cannot edit; ``names``:
    task id -> task name."""
    name = mount.name
    if made(mount):
        task = (names or {}).get(mount.volume_task, mount.volume_task)
        return QCoreApplication.translate("VolumeRow", "claim ← {task}").format(task=task)
    if isinstance(name, ParamRef):
        name = "← " + name.name
    elif isinstance(name, OutputRef):
        task = (names or {}).get(name.task_id, name.task_id)
        name = f"← {task}.{name.output}"
    words = {"pvc": QCoreApplication.translate("VolumeRow", "claim"),
             "secret": QCoreApplication.translate("VolumeRow", "secret"),
             "config_map": QCoreApplication.translate("VolumeRow", "config map"),
             "empty_dir": QCoreApplication.translate("VolumeRow", "empty dir"),
             "ephemeral": QCoreApplication.translate("VolumeRow", "ephemeral volume"),
             "host_path": QCoreApplication.translate("VolumeRow", "node folder")}
    kind = words.get(mount.source, mount.source)
    if mount.source == "ephemeral" and mount.ephemeral is not None:
        name = f"{mount.volume_name} · {mount.ephemeral.size}"
    return f"{kind} {name}" if name is not None else kind


def _shown_name(mount: VolumeMount) -> str:
    """The text of the name field of an editable mount."""
    if mount.source in ("empty_dir", "ephemeral"):
        return mount.volume_name or ""
    return mount.name if isinstance(mount.name, str) else ""


def _hbox(*widgets: QWidget) -> QWidget:
    host = QWidget()
    box = QHBoxLayout(host)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(4)
    for w in widgets:
        box.addWidget(w)
    return host


class VolumeRow(QObject):
    """The widgets of one mount in ``grid`` (rows ROWS*row ..); ``commit(row, widget)``
    is called when a field is finished, ``remove(index)`` by the ✕ button."""

    def __init__(self, grid: QGridLayout, row: int, index: int,
                 commit: Callable[["VolumeRow", Any], None], remove: Callable[[int], None]):
        super().__init__()   # no parent: the editor holds the row as long as it shows it
        self.index = index
        self.mount_path = QLineEdit()
        self.mount_path.setPlaceholderText(self.tr("mount path"))
        self.mount_path.setToolTip(self.tr("Where the task sees the volume, e.g. /data"))
        self.claim = QLineEdit()
        self.sub_path = QLineEdit()
        self.sub_path.setPlaceholderText(self.tr("sub path"))
        self.sub_path.setToolTip(self.tr("A folder inside the volume to mount instead of "
                                         "all of it"))
        self.read_only = QCheckBox(self.tr("read-only"))
        self.read_only.setToolTip(self.tr("Mount without write access (kfp 1 only: "
                                          "kfp-kubernetes mounts read-write)"))
        self.optional = QCheckBox(self.tr("optional"))
        self.optional.setToolTip(self.tr("The task runs even if the secret or config map is "
                                         "missing (an empty folder then)"))
        # An ephemeral volume's claim: its size, access mode and storage class.
        self.size = QLineEdit()
        self.size.setPlaceholderText(self.tr("size"))
        self.size.setToolTip(self.tr("How much storage the claim asks for: 1Gi, 500Mi"))
        # Its access modes: one box each, two by two (a narrow pane keeps Kubernetes' names).
        self._modes, self.access_modes = mode_boxes(2)
        # The claim's own labels and annotations (Kubernetes metadata of the claim).
        self.claim_labels = QLineEdit()
        self.claim_labels.setPlaceholderText(self.tr("claim labels: key=value, …"))
        self.claim_labels.setToolTip(self.tr("Labels of the claim made for the pod: key=value "
                                             "pairs, separated by commas, or a JSON object"))
        self.claim_annotations = QLineEdit()
        self.claim_annotations.setPlaceholderText(self.tr("claim annotations: key=value, …"))
        self.claim_annotations.setToolTip(self.tr("Annotations of the claim made for the pod: "
                                                  "key=value pairs, separated by commas, or a "
                                                  "JSON object (for a comma in a value)"))
        self.storage_class = QLineEdit()
        self.storage_class.setPlaceholderText(self.tr("default class"))
        self.storage_class.setToolTip(self.tr("The storage class of the claim; empty: the "
                                              "cluster's default"))
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this volume"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()
        self._below = _hbox(self.sub_path, self.size)
        self._flags = _hbox(self.read_only, self.optional, self.storage_class)
        self._meta = _hbox(self.claim_labels, self.claim_annotations)
        top = ROWS * row
        grid.addWidget(self.mount_path, top, 0)
        grid.addWidget(self.claim, top, 1)
        grid.addWidget(self.remove, top, 2)
        grid.addWidget(self._below, top + 1, 0)
        grid.addWidget(self._flags, top + 1, 1, 1, 2)
        grid.addWidget(self._modes, top + 2, 0, 1, 3)
        grid.addWidget(self._meta, top + 3, 0, 1, 2)
        grid.addWidget(self.error, top + 4, 0, 1, 3)
        for edit in (self.mount_path, self.claim, self.sub_path, self.size, self.storage_class,
                     self.claim_labels, self.claim_annotations):
            edit.editingFinished.connect(lambda e=edit: commit(self, e))
        for box in (self.read_only, self.optional, *self.access_modes.values()):
            box.clicked.connect(lambda _on, b=box: commit(self, b))
        self.remove.clicked.connect(lambda: remove(self.index))

    def widgets(self) -> tuple:
        return (self.mount_path, self.claim, self._below, self._flags, self._modes, self._meta,
                self.remove, self.error)

    def fill(self, mount: VolumeMount, names: Mapping[str, str] | None = None) -> None:
        can = editable(mount)
        paths = can or made(mount)
        ephemeral = mount.source == "ephemeral"
        claim = _shown_name(mount) if can else source_text(mount, names)
        claim_ = mount.ephemeral
        texts = ((self.mount_path, mount.mount_path, paths), (self.claim, claim, can),
                 (self.sub_path, mount.sub_path or "", paths),
                 (self.size, claim_.size if claim_ else "", can),
                 (self.storage_class, (claim_.storage_class_name or "") if claim_ else "", can),
                 (self.claim_labels, map_text(claim_.labels) if claim_ else "", can),
                 (self.claim_annotations, map_text(claim_.annotations) if claim_ else "",
                  can))
        for edit, text, on in texts:
            if not (edit.hasFocus() and edit.isModified()):
                edit.setText(text)
                edit.setModified(False)
                edit.setCursorPosition(0)   # a narrow field shows the start of the text
            edit.setReadOnly(not on)
        self.read_only.setChecked(mount.read_only)
        self.read_only.setEnabled(paths)
        self.optional.setChecked(mount.optional)
        self.optional.setEnabled(can)
        secretish = mount.source in ("secret", "config_map")
        self.optional.setVisible(secretish)
        for w in (self.size, self.storage_class, self._modes, self._meta):
            w.setVisible(ephemeral)
        self.sub_path.setVisible(not ephemeral)
        self.read_only.setVisible(not ephemeral)
        modes = claim_.access_modes if claim_ is not None else ()
        for mode, box in self.access_modes.items():
            box.setChecked(mode in modes)
            box.setEnabled(can)
        self._modes.setToolTip(self.tr("How nodes may use the claim (one or more)") if can
                               or not ephemeral else self.tr(
            "Set in the Python file: access modes {modes} that the boxes cannot say, or "
            "a label from a parameter").format(modes=", ".join(modes)))
        self.claim.setPlaceholderText({
            "secret": self.tr("secret name"), "config_map": self.tr("config map name"),
            "empty_dir": self.tr("volume name"), "ephemeral": self.tr("volume name"),
            "host_path": self.tr("folder of the node"),
        }.get(mount.source, self.tr("claim (PVC) name")))
        if made(mount):
            self.claim.setToolTip(self.tr("The claim this task creates; tasks mounting it "
                                          "run after it"))
        elif not can:
            self.claim.setToolTip(self.tr("Set in the Python file: only a claim named by a "
                                          "string is edited here"))
        elif mount.source == "pvc":
            self.claim.setToolTip(self.tr("The persistent volume claim to mount; tasks "
                                          "mounting the same claim share its files"))
        elif secretish:
            self.claim.setToolTip(self.tr("Its name only: the values stay on the cluster "
                                          "(never in the project)"))
        elif mount.source == "host_path":
            self.claim.setToolTip(self.tr("A folder of the node the task runs on (kfp 1 "
                                          "only; local runs refuse it)"))
        else:
            self.claim.setToolTip(self.tr("The volume's name in the task's pod"))

    def read(self, old: VolumeMount, taken: tuple[str, ...]) -> VolumeMount | Problem:
        """The mount the fields say, or the first problem with them."""
        path = self.mount_path.text().strip()
        name = old.name if made(old) else self.claim.text().strip()
        sub = self.sub_path.text().strip()
        source = old.source
        name_rule = {"pvc": claim_problem, "secret": object_name_problem,
                     "config_map": object_name_problem, "empty_dir": volume_name_problem,
                     "ephemeral": volume_name_problem,
                     "host_path": mount_path_problem}.get(source, claim_problem)
        problem = (mount_path_problem(path, taken)
                   or (None if made(old) else name_rule(name))
                   or (sub_path_problem(sub) if sub and source != "ephemeral" else None))
        if problem is None and source == "ephemeral":
            problem = quantity_problem(self.size.text().strip())
        if problem is not None:
            return problem
        if source == "ephemeral":
            claim = old.ephemeral or EphemeralClaim((), "")
            storage = self.storage_class.text().strip()
            # empty: the cluster's default (None), unless it said "no class" ("") already
            storage_class = storage or ("" if claim.storage_class_name == "" else None)
            checked = {m for m, box in self.access_modes.items() if box.isChecked()}
            modes = toggled_modes(claim.access_modes, checked)
            problem = access_modes_problem(modes)
            if problem is not None:
                return problem
            try:
                labels = read_map(self.claim_labels.text())
                annotations = read_map(self.claim_annotations.text())
            except RuleError as e:
                return e.problem
            claim = dataclasses.replace(claim, access_modes=modes,
                                        size=self.size.text().strip(),
                                        storage_class_name=storage_class, labels=labels,
                                        annotations=annotations)
            return dataclasses.replace(old, mount_path=path, volume_name=name, ephemeral=claim)
        if source == "empty_dir":
            return dataclasses.replace(old, mount_path=path, volume_name=name,
                                       sub_path=sub or None,
                                       read_only=self.read_only.isChecked())
        return dataclasses.replace(old, mount_path=path, name=name, sub_path=sub or None,
                                   read_only=self.read_only.isChecked(),
                                   optional=self.optional.isChecked()
                                   if source in ("secret", "config_map") else old.optional)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


__all__ = ["ROWS", "VolumeRow", "editable", "made", "source_text"]
