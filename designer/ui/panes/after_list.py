"""The properties pane's "runs after" list: every other task, each with a check box.

At 2,000 tasks a list of widget items costs milliseconds per edit to rebuild (and an
edit that cuts a chain changes which half of them may be chosen). Here the rows are
plain data (``AfterRow``) in a list model: an edit replaces the rows that differ and
says so (``dataChanged``, row inserts and removals); the view asks for the text,
tooltip and check state of the rows it paints, only.

The model counts its rows in C++ (a QStringListModel of empty strings): whenever rows
come or go, QListView relays out every row, and for each it asks ``index()``, which asks
``rowCount()``; a Python ``rowCount`` made that two Python calls per row (3-4 ms at 2,000
tasks, on every edit that adds or removes a task).
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QListView, QWidget

from designer.ui.panes.spans import common_ends
from designer.ui.theme import text_colour

Index = QModelIndex | QPersistentModelIndex


class AfterRow(NamedTuple):
    task_id: str
    name: str
    why: str        # why it may not be chosen: "down" (would form a cycle), "wired", ""
    ticked: bool
    missing: bool   # an id in `after` that names no task: shown so it can be removed


class AfterModel(QStringListModel):
    """Rows of ``AfterRow``; ``toggled(task id, checked)`` when a check box is clicked
    (the row changes when the document says so, through ``set_rows``). The string list
    only holds the row count (see the module's doc); ``data`` answers from ``rows``."""

    toggled = Signal(str, bool)

    def __init__(self, texts: Callable[[AfterRow], tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[AfterRow] = []
        self._texts = texts     # row -> (text, tooltip), in the pane's language

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # (between a row change's begin and end, ``rows`` is already the new list)
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._texts(row)[1] or None
        if role == Qt.ItemDataRole.UserRole:
            return row.task_id
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and row.missing:
            return text_colour("error")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() >= len(self.rows):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsUserCheckable
        if not self.rows[index.row()].why:
            flags |= Qt.ItemFlag.ItemIsEnabled
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() \
                or index.row() >= len(self.rows):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggled.emit(self.rows[index.row()].task_id, checked)
        return True

    def set_rows(self, rows: list[AfterRow]) -> None:
        """Show ``rows``: only the stretch between the common head and tail changes."""
        old = self.rows
        n_old, n_new = len(old), len(rows)
        head, tail = common_ends(old, rows)
        gone, come = n_old - head - tail, n_new - head - tail
        if gone == come:
            self.rows = rows
            if gone:
                self.dataChanged.emit(self.index(head), self.index(head + gone - 1))
            return
        if gone:
            self.rows = old[:head] + old[n_old - tail:]
            self.removeRows(head, gone)          # (begin/end of the removal, in C++)
        self.rows = rows
        if come:
            self.insertRows(head, come)


class AfterList(QListView):
    """The view of an ``AfterModel`` (``after_model``)."""

    def __init__(self, texts: Callable[[AfterRow], tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.after_model = AfterModel(texts, self)
        self.setModel(self.after_model)
        self.setUniformItemSizes(True)

    def count(self) -> int:
        return len(self.after_model.rows)

    def row_index(self, text: str) -> QModelIndex:
        """The index of the row showing ``text`` (invalid if none does)."""
        model = self.after_model
        for i in range(model.rowCount()):
            if model.data(model.index(i)) == text:
                return model.index(i)
        return QModelIndex()
