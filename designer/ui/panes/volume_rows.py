"""One volume mount of a task in the Properties pane's Volumes section: mount path, claim
(PVC) name, sub path, read-only, remove. Edited here: claims named by a string, and the
path, sub path and read-only of a claim a task of the pipeline creates (CreatePVC /
VolumeOp: the claim itself is that task's, shown by its name); a mount the Python file makes
another way (a secret, a config map, an empty dir, a claim a parameter names) is shown
read-only.

The row only reads and shows: the editor (``task_settings.py``) turns what it reads into
the task's new settings, one undo step per edit.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QToolButton

from designer.ir import OutputRef, ParamRef
from designer.ir.settings import VolumeMount
from designer.ir.settings_rules import (
    Problem,
    claim_problem,
    mount_path_problem,
    sub_path_problem,
)
from designer.ui.theme import set_text_role


def editable(mount: VolumeMount) -> bool:
    """Whether the claim's name is edited here (a string)."""
    return (mount.source == "pvc" and mount.volume_task is None
            and isinstance(mount.name, str))


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
             "ephemeral": QCoreApplication.translate("VolumeRow", "ephemeral volume")}
    kind = words.get(mount.source, mount.source)
    if mount.source == "ephemeral" and mount.ephemeral is not None:
        name = f"{mount.volume_name} · {mount.ephemeral.size}"
    return f"{kind} {name}" if name is not None else kind


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
        self.claim.setPlaceholderText(self.tr("claim (PVC) name"))
        self.claim.setToolTip(self.tr("The persistent volume claim to mount; tasks "
                                      "mounting the same claim share its files"))
        self.sub_path = QLineEdit()
        self.sub_path.setPlaceholderText(self.tr("sub path"))
        self.sub_path.setToolTip(self.tr("A folder inside the volume to mount instead of "
                                         "all of it"))
        self.read_only = QCheckBox(self.tr("read-only"))
        self.read_only.setToolTip(self.tr("Mount without write access (kfp 1 only: "
                                          "kfp-kubernetes mounts read-write)"))
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this volume"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()
        grid.addWidget(self.mount_path, 3 * row, 0)
        grid.addWidget(self.claim, 3 * row, 1)
        grid.addWidget(self.remove, 3 * row, 2)
        grid.addWidget(self.sub_path, 3 * row + 1, 0)
        grid.addWidget(self.read_only, 3 * row + 1, 1)
        grid.addWidget(self.error, 3 * row + 2, 0, 1, 3)
        for edit in (self.mount_path, self.claim, self.sub_path):
            edit.editingFinished.connect(lambda e=edit: commit(self, e))
        self.read_only.clicked.connect(lambda _on: commit(self, self.read_only))
        self.remove.clicked.connect(lambda: remove(self.index))

    def widgets(self) -> tuple:
        return (self.mount_path, self.claim, self.sub_path, self.read_only, self.remove,
                self.error)

    def fill(self, mount: VolumeMount, names: Mapping[str, str] | None = None) -> None:
        can = editable(mount)
        paths = can or made(mount)
        claim = mount.name if can else source_text(mount, names)
        for edit, text, on in ((self.mount_path, mount.mount_path, paths),
                               (self.claim, claim, can),
                               (self.sub_path, mount.sub_path or "", paths)):
            if not (edit.hasFocus() and edit.isModified()):
                edit.setText(text)
                edit.setModified(False)
                edit.setCursorPosition(0)   # a narrow field shows the start of the text
            edit.setReadOnly(not on)
        self.read_only.setChecked(mount.read_only)
        self.read_only.setEnabled(paths)
        if made(mount):
            self.claim.setToolTip(self.tr("The claim this task creates; tasks mounting it "
                                          "run after it"))
        elif not can:
            self.claim.setToolTip(self.tr("Set in the Python file: only a claim named by a "
                                          "string is edited here"))

    def read(self, old: VolumeMount, taken: tuple[str, ...]) -> VolumeMount | Problem:
        """The mount the fields say, or the first problem with them."""
        path = self.mount_path.text().strip()
        claim = old.name if made(old) else self.claim.text().strip()
        sub = self.sub_path.text().strip()
        problem = (mount_path_problem(path, taken)
                   or (None if made(old) else claim_problem(claim))
                   or (sub_path_problem(sub) if sub else None))
        if problem is not None:
            return problem
        return VolumeMount(path, "pvc", claim, old.volume_task, sub or None,
                           self.read_only.isChecked(), old.volume_name)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


__all__ = ["VolumeRow", "editable", "made", "source_text"]
