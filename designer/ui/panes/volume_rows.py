"""One volume mount of a task in the Properties pane's Volumes section: mount path, what is
mounted, sub path, read-only, remove.

Edited here: claims named by a string, and the path, sub path and read-only of a claim a
task of the pipeline creates (CreatePVC / VolumeOp: the claim itself is that task's, shown by
its name); secrets and config maps named by a string (and whether they may be missing);
empty dirs (their volume name); generic ephemeral volumes (volume name, size, access mode,
storage class); kfp 1 host paths (the node's folder). A mount the Python file makes another way (a claim or secret a parameter
names, an ephemeral claim with several access modes...) is shown read-only where it cannot
be said here.

The row only reads and shows: the editor (``task_settings.py``) turns what it reads into
the task's new settings, one undo step per edit.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from designer.ir import OutputRef, ParamRef
from designer.ir.settings import EphemeralClaim, VolumeMount
from designer.ir.settings_rules import (
    Problem,
    claim_problem,
    mount_path_problem,
    object_name_problem,
    quantity_problem,
    sub_path_problem,
    volume_name_problem,
)
from designer.ui.theme import set_text_role

# Kubernetes' access modes, the first (a claim one node writes) the usual one.
ACCESS_MODES = ("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod")


def editable(mount: VolumeMount) -> bool:
    """Whether what is mounted is named here: a claim, secret or config map named by a
    string, an empty dir, an ephemeral volume with at most one access mode."""
    if mount.volume_task is not None:
        return False
    if mount.source in ("pvc", "secret", "config_map", "host_path"):
        return isinstance(mount.name, str)
    if mount.source == "empty_dir":
        return isinstance(mount.volume_name, str)
    if mount.source == "ephemeral":
        return (mount.ephemeral is not None and isinstance(mount.volume_name, str)
                and len(mount.ephemeral.access_modes) <= 1)
    return False


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
    """The widgets of one mount in ``grid`` (rows 3*row .. 3*row+2); ``commit(row, widget)``
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
        self.access_mode = QComboBox()
        self.access_mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.access_mode.setMinimumContentsLength(6)
        self.access_mode.setToolTip(self.tr("How nodes may use the claim"))
        for mode in ACCESS_MODES:
            self.access_mode.addItem(mode, mode)
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
        self._flags = _hbox(self.read_only, self.optional, self.access_mode,
                            self.storage_class)
        grid.addWidget(self.mount_path, 3 * row, 0)
        grid.addWidget(self.claim, 3 * row, 1)
        grid.addWidget(self.remove, 3 * row, 2)
        grid.addWidget(self._below, 3 * row + 1, 0)
        grid.addWidget(self._flags, 3 * row + 1, 1, 1, 2)
        grid.addWidget(self.error, 3 * row + 2, 0, 1, 3)
        for edit in (self.mount_path, self.claim, self.sub_path, self.size, self.storage_class):
            edit.editingFinished.connect(lambda e=edit: commit(self, e))
        for box in (self.read_only, self.optional):
            box.clicked.connect(lambda _on, b=box: commit(self, b))
        self.access_mode.activated.connect(lambda _i: commit(self, self.access_mode))
        self.remove.clicked.connect(lambda: remove(self.index))

    def widgets(self) -> tuple:
        return (self.mount_path, self.claim, self._below, self._flags, self.remove,
                self.error)

    def fill(self, mount: VolumeMount, names: Mapping[str, str] | None = None) -> None:
        can = editable(mount)
        paths = can or made(mount)
        ephemeral = mount.source == "ephemeral"
        claim = _shown_name(mount) if can else source_text(mount, names)
        claim_ = mount.ephemeral
        texts = ((self.mount_path, mount.mount_path, paths), (self.claim, claim, can),
                 (self.sub_path, mount.sub_path or "", paths),
                 (self.size, claim_.size if claim_ else "", can),
                 (self.storage_class, (claim_.storage_class_name or "") if claim_ else "", can))
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
        for w in (self.size, self.access_mode, self.storage_class):
            w.setVisible(ephemeral)
        self.sub_path.setVisible(not ephemeral)
        self.read_only.setVisible(not ephemeral)
        if claim_ is not None:
            mode = claim_.access_modes[0] if claim_.access_modes else ACCESS_MODES[0]
            index = self.access_mode.findData(mode)
            if index < 0:
                self.access_mode.addItem(mode, mode)
                index = self.access_mode.count() - 1
            self.access_mode.setCurrentIndex(index)
        self.access_mode.setEnabled(can)
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
            claim = dataclasses.replace(claim, access_modes=(self.access_mode.currentData(),),
                                        size=self.size.text().strip(),
                                        storage_class_name=storage_class)
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


__all__ = ["ACCESS_MODES", "VolumeRow", "editable", "made", "source_text"]
