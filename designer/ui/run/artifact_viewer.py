"""A window showing one output file of a local run, as KFP's UI would show the artifact.

The parts come from ``designer.runner.artifact_view.read_artifact``: tables (CSV/TSV,
metrics, confusion matrices, ROC points) in read-only table widgets, images in a scroll
area, Markdown and HTML in a QTextBrowser that loads nothing from the network (only the
run folder's own files), text in a plain read-only editor. Several parts are tabs.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from designer.runner.artifact_view import Section, read_artifact


def _tr(text: str) -> str:
    return QCoreApplication.translate("Artifacts", text)


class LocalBrowser(QTextBrowser):
    """Renders Markdown/HTML; resources come from the artifact's folder only, never from
    the network (a remote image stays a broken image); links are not followed."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._folder = folder
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([str(folder)])

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt's name
        if url.scheme() not in ("", "file"):
            return None
        return super().loadResource(kind, url)


class ArtifactViewer(QDialog):
    """One output of one task: ``sections`` (read from ``path``) as tabs."""

    def __init__(self, path: str, task: str, output: str, type_name: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("artifact-viewer")
        self.path = path
        self.setWindowTitle(self.tr("{task} · {output}").format(task=task, output=output))
        self.sections: list[Section] = read_artifact(path, output, type_name)
        where = QLabel(self.tr("Output `{output}` of task `{task}`{type}: {path}").format(
            output=output, task=task, type=f" ({type_name})" if type_name else "", path=path))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.widgets: list[QWidget] = []
        for section in self.sections:
            widget = self._widget(section, Path(path).parent)
            self.widgets.append(widget)
            self.tabs.addTab(widget, _tr(section.title))
        self.tabs.tabBar().setVisible(len(self.sections) > 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def _widget(self, section: Section, folder: Path) -> QWidget:
        note = _tr(section.note).format(**section.args) if section.note else ""
        if section.kind == "table":
            body: QWidget = self._table(section)
        elif section.kind == "image":
            pixmap = QPixmap()
            pixmap.loadFromData(section.data)
            label = QLabel()
            label.setObjectName("artifact-image")
            label.setPixmap(pixmap)
            body = QScrollArea()
            body.setWidget(label)
        elif section.kind in ("markdown", "html"):
            browser = LocalBrowser(folder)
            if section.kind == "markdown":
                browser.setMarkdown(section.text)
            else:
                browser.setHtml(section.text)
            body = browser
        elif section.kind == "text":
            text = QPlainTextEdit(section.text)
            text.setReadOnly(True)
            text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            body = text
        else:
            body = QWidget()
        if not note:
            return body
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(note)
        label.setObjectName("artifact-note")
        label.setWordWrap(True)
        layout.addWidget(label)
        if section.kind != "note":
            layout.addWidget(body, 1)
        else:
            layout.addStretch(1)
        return box

    def _table(self, section: Section) -> QTableWidget:
        columns = max([len(section.headers)] + [len(r) for r in section.rows])
        table = QTableWidget(len(section.rows), columns)
        headers = [_tr(h) if section.translated_headers else h for h in section.headers]
        table.setHorizontalHeaderLabels(headers + [""] * (columns - len(headers)))
        if section.vertical:
            table.setVerticalHeaderLabels(section.vertical)
        for r, row in enumerate(section.rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.resizeColumnsToContents()
        return table


def open_artifact(parent: QWidget | None, path: str, task: str, output: str,
                  type_name: str | None = None) -> ArtifactViewer:
    """Shows the viewer (not modal: several can stay open next to the canvas)."""
    viewer = ArtifactViewer(path, task, output, type_name, parent)
    viewer.show()
    return viewer


__all__ = ["ArtifactViewer", "LocalBrowser", "open_artifact"]
