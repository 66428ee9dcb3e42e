"""The problems list (IR validation diagnostics) and the export guard.

Each row is one diagnostic: its sentence and where it is. Double-click (or
Enter) emits ``activated(Diagnostic)`` so the window selects the offending node
or field. ``export_blockers``/``refuse_export`` keep a pipeline with errors
from being exported and say which errors.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Diagnostic, Pipeline, validate
from designer.ui.messages import diagnostic_text
from designer.ui.panes.spans import common_ends
from designer.ui.theme import role_span


def location_of(d: Diagnostic, pipeline: Pipeline | None) -> str:
    """Where a diagnostic is, in words: ``task train · input lr``, ``parameter n``..."""
    p = pipeline
    translate = QCoreApplication.translate
    if d.task_id:
        task = p.task(d.task_id) if p else None
        where = translate("ProblemsPane", "task {name}").format(
            name=task.name if task else d.task_id)
        if d.field and d.field != "name":
            where += " · " + (translate("ProblemsPane", "runs after") if d.field == "after"
                              else translate("ProblemsPane", "input {name}").format(name=d.field))
        return where
    if d.component_id:
        comp = p.component(d.component_id) if p else None
        where = translate("ProblemsPane", "component {name}").format(
            name=comp.name if comp else d.component_id)
        return where + (translate("ProblemsPane", ", line {line}").format(line=d.line) if d.line
                        else "")
    if d.param:
        return (translate("ProblemsPane", "parameter {name}").format(name=d.param)
                + (" · " + translate("ProblemsPane", "default") if d.field == "default" else ""))
    return translate("ProblemsPane", "pipeline")


def _plain(message: str) -> str:
    """Messages quote names in backticks (markdown); the list shows them plainly."""
    return message.replace("`", "")


class _Tree(QTreeWidget):
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.itemActivated.emit(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


class ProblemsPane(QWidget):
    """Diagnostics of the pipeline; ``activated(Diagnostic)`` on double-click or Enter."""

    activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._diagnostics: list[Diagnostic] | None = []
        self._summary_done = False   # the summary line says what the rows say
        self.summary = QLabel()
        self.summary.setContentsMargins(8, 4, 8, 4)
        self.tree = _Tree()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # itemActivated: a double-click (or a single click where the platform says so), or Enter.
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self._pipeline: Pipeline | None = None
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Problem"), self.tr("Where")])
        diagnostics = self._diagnostics
        self._diagnostics = None   # not "unchanged": every row and the summary anew
        self._summary_done = False
        self.set_diagnostics(diagnostics, self._pipeline)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return list(self._diagnostics)

    def set_pipeline(self, pipeline: Pipeline | None) -> None:
        """Validate ``pipeline`` and show what is wrong with it."""
        self.set_diagnostics(validate(pipeline) if pipeline is not None else [], pipeline)

    def set_diagnostics(self, diagnostics: list[Diagnostic], pipeline: Pipeline | None,
                        touched: set[str] | None = None) -> None:
        """Show ``diagnostics``, changing only the rows that differ from those shown.
        ``touched``: the tasks and components whose names may have changed (their rows'
        places are written anew); None: every row's."""
        self._pipeline = pipeline
        # Errors first, then warnings; validation order within each.
        ordered = sorted(diagnostics, key=lambda d: not d.is_error)
        old = self._diagnostics
        if old is None or self.tree.topLevelItemCount() != len(old):
            old = []
            self.tree.clear()
        # The rows that differ lie between the common head and the common tail.
        n_old, n_new = len(old), len(ordered)
        head, tail = common_ends(old, ordered)
        self._diagnostics = ordered
        self.relabel(touched, pipeline)
        if head == n_old == n_new and self._summary_done:
            return
        for i in range(n_old - tail - 1, head - 1, -1):
            self.tree.takeTopLevelItem(i)
        self.tree.insertTopLevelItems(head, [self._item(d, pipeline)
                                             for d in ordered[head:n_new - tail]])
        self._summary_done = True
        n_err = sum(d.is_error for d in ordered)
        n_warn = len(ordered) - n_err
        if not ordered:
            self.summary.setText("✓ " + self.tr("No problems"))
        else:
            parts = []
            if n_err:
                parts.append(role_span("error", self.tr("<b>%n</b> error(s)", "", n_err)))
            if n_warn:
                parts.append(self.tr("<b>%n</b> warning(s)", "", n_warn))
            self.summary.setText(", ".join(parts)
                                 + (" — " + self.tr("export is blocked until the errors are "
                                                    "fixed") if n_err else ""))

    def _item(self, d: Diagnostic, pipeline: Pipeline | None) -> QTreeWidgetItem:
        style = self.style()
        text = _plain(diagnostic_text(d))
        item = QTreeWidgetItem([text, location_of(d, pipeline)])
        item.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical
                                           if d.is_error else
                                           QStyle.StandardPixmap.SP_MessageBoxWarning))
        item.setToolTip(0, text)
        item.setData(0, Qt.ItemDataRole.UserRole, d)
        return item

    def relabel(self, touched: set[str] | None, pipeline: Pipeline | None) -> None:
        """Write anew where the rows of ``touched`` tasks and components are (None: all)."""
        self._pipeline = pipeline
        if touched is not None and not touched:
            return
        for i, d in enumerate(self._diagnostics or ()):
            if i >= self.tree.topLevelItemCount():
                break
            if touched is None or d.task_id in touched or d.component_id in touched:
                self.tree.topLevelItem(i).setText(1, location_of(d, pipeline))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.activated.emit(item.data(0, Qt.ItemDataRole.UserRole))


# --------------------------------------------------------------------------- export guard

def export_blockers(pipeline: Pipeline) -> list[Diagnostic]:
    """The errors that forbid exporting ``pipeline`` (warnings do not)."""
    return [d for d in validate(pipeline) if d.is_error]


def refusal_message(pipeline: Pipeline, blockers: list[Diagnostic]) -> str:
    n = len(blockers)
    # Plurals through ``ProblemsPane.tr``: lupdate reads plural forms only from tr().
    lines = [ProblemsPane.tr("“{name}” cannot be exported: it has %n error(s).", "", n)
             .format(name=pipeline.name)]
    for d in blockers[:12]:
        lines.append(f"• {_plain(diagnostic_text(d))} ({location_of(d, pipeline)})")
    if n > 12:
        lines.append(ProblemsPane.tr("… and %n more; see the Problems list.", "", n - 12))
    return "\n".join(lines)


def refuse_export(parent: QWidget | None, pipeline: Pipeline) -> bool:
    """True (and a window-modal message listing the errors) when export must not go on."""
    blockers = export_blockers(pipeline)
    if not blockers:
        return False
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("ProblemsPane", "Cannot export"),
                      refusal_message(pipeline, blockers), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("export_refused")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): never blocks the event loop (or a test)
    return True
