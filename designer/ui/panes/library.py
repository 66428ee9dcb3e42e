"""The component library panel: bundled components and the open pipeline's own, searchable.

Each entry's tooltip is its signature (and description); dragging an entry
onto the canvas drops a task at the cursor, double-clicking adds one in view.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Signature
from designer.model.document import Document
from designer.model.library import LibraryComponent, load_library, signature_text
from designer.ui import style as S
from designer.ir.volumes import ACTIONS, kubernetes_step
from designer.ui.canvas.editor import component_payload, volume_payload
from designer.ui.canvas.view import MIME_COMPONENT

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

_LIBRARY: list[LibraryComponent] | None = None


def bundled_library() -> list[LibraryComponent]:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_library()
    return _LIBRARY


def tooltip(sig: Signature, description: str = "") -> str:
    def port(name: str, annotation: str | None) -> str:
        colour = S.type_colour(annotation).name()
        typ = annotation or QCoreApplication.translate("LibraryPanel", "any")
        return f"<span style='color:{colour}'>●</span> {html.escape(name)}: {html.escape(typ)}"
    text = f"<p><code>{html.escape(signature_text(sig))}</code></p>"
    if description:
        text += f"<p>{html.escape(description)}</p>"
    if sig.inputs:
        text += ("<b>" + QCoreApplication.translate("LibraryPanel", "Inputs") + "</b><br>"
                 + "<br>".join(port(i.name, i.annotation) for i in sig.inputs))
    if sig.outputs:
        text += ("<br><b>" + QCoreApplication.translate("LibraryPanel", "Outputs")
                 + "</b><br>" + "<br>".join(port(o.name, o.annotation) for o in sig.outputs))
    return text


def component_icon(sig: Signature) -> QIcon:
    """A tiny node: input type colours on its left edge, outputs on its right."""
    w, h, scale = 26, 18, 2  # drawn at 2x for crisp high-dpi rendering
    pix = QPixmap(w * scale, h * scale)
    pix.fill(Qt.GlobalColor.transparent)
    pix.setDevicePixelRatio(scale)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Translucent neutral grey: reads on a light or a dark list, before and after a switch.
    p.setPen(QPen(QColor(128, 136, 150, 170), 1))
    p.setBrush(QColor(128, 136, 150, 40))
    p.drawRoundedRect(QRectF(4, 2, w - 8, h - 4), 3, 3)
    for edge, ports in ((4.0, sig.inputs), (w - 4.0, sig.outputs)):
        ports = list(ports)[:3]
        for i, port in enumerate(ports):
            y = h / 2 + (i - (len(ports) - 1) / 2) * 5
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(S.type_colour(port.annotation))
            p.drawEllipse(QPointF(edge, y), 2.4, 2.4)
    p.end()
    return QIcon(pix)


class _Tree(QTreeWidget):
    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        payload = items[0].data(0, PAYLOAD_ROLE) if items else None
        if payload:
            mime.setData(MIME_COMPONENT, payload)
            mime.setText(items[0].text(0))
        return mime

    def mimeTypes(self) -> list[str]:
        return [MIME_COMPONENT]


class LibraryPanel(QWidget):
    add_requested = Signal(bytes)   # payload: add a task of this component in view

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.tree = _Tree()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(26, 18))
        self.tree.setStyleSheet("QTreeWidget::item { padding: 2px 0; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        bold = QFont()
        bold.setBold(True)
        self.bundled = self._group("", bold)
        self.volumes = self._group("", bold)
        self.local = self._group("", bold)
        for comp in bundled_library():
            self._entry(self.bundled, comp.name, comp.signature, comp.description,
                        component_payload(comp.source, comp.base_image,
                                          list(comp.packages_to_install)))
        for action in ACTIONS:   # kfp-kubernetes (kfp 2): the claim is a folder locally
            step = kubernetes_step(action)
            self._entry(self.volumes, step.name, step.signature, "", volume_payload(action))
        self.retranslate()   # (also fills "In this pipeline")
        self.search.textChanged.connect(self.apply_filter)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        for sig in (doc.component_added, doc.component_removed, doc.component_changed):
            sig.connect(lambda _id: self.refresh_pipeline())
        doc.reset.connect(self.refresh_pipeline)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search components…"))
        self.bundled.setText(0, self.tr("Bundled components"))
        self.volumes.setText(0, self.tr("Kubernetes volumes (kfp 2)"))
        self.local.setText(0, self.tr("In this pipeline"))
        for item, comp in zip(self.items(self.bundled), bundled_library()):
            item.setToolTip(0, tooltip(comp.signature, comp.description))
        words = {"create": self.tr("Creates a persistent volume claim; tasks mount it from "
                                   "their Volumes section. Local runs: a folder (this run's, or "
                                   "one shared across runs when named)"),
                 "delete": self.tr("Deletes a claim after the tasks that use it (connect its "
                                   "pvc_name to CreatePVC's name); local runs keep the folder")}
        for item, action in zip(self.items(self.volumes), ACTIONS):
            step = kubernetes_step(action)
            item.setToolTip(0, tooltip(step.signature, words[action]))
            item.setData(0, SEARCH_ROLE, f"{step.name} volume pvc claim kubernetes "
                                         f"{words[action]}".lower())
        self.refresh_pipeline()

    def _group(self, title: str, font: QFont) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setFont(0, font)
        item.setExpanded(True)
        return item

    def _entry(self, group: QTreeWidgetItem, name: str, sig: Signature, description: str,
               payload: bytes) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group, [name])
        item.setIcon(0, component_icon(sig))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled)
        item.setData(0, PAYLOAD_ROLE, payload)
        item.setData(0, SEARCH_ROLE, f"{name} {description} {signature_text(sig)}".lower())
        item.setToolTip(0, tooltip(sig, description))
        return item

    def refresh_pipeline(self) -> None:
        self.local.takeChildren()
        for comp in self.doc.pipeline.components:
            if comp.kind != "function":
                # Container steps, component specs and volume steps have no Python source
                # to drag yet (canvas editing of them is later work); they stay on the canvas.
                continue
            self._entry(self.local, comp.name, comp.signature,
                        (comp.signature.docstring or "").strip().split("\n")[0],
                        component_payload(comp.source, comp.base_image,
                                          comp.packages_to_install, comp.id))
        self.local.setHidden(self.local.childCount() == 0)
        self.apply_filter(self.search.text())

    def apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for group in (self.bundled, self.volumes, self.local):
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                hay = item.data(0, SEARCH_ROLE) or ""
                hide = not all(w in hay for w in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def items(self, group: QTreeWidgetItem | None = None) -> list[QTreeWidgetItem]:
        groups = [group] if group is not None else [self.bundled, self.volumes, self.local]
        return [g.child(i) for g in groups for i in range(g.childCount())]

    def find(self, name: str, group: QTreeWidgetItem | None = None) -> QTreeWidgetItem | None:
        return next((i for i in self.items(group or self.bundled) if i.text(0) == name), None)

    def mime_for(self, item: QTreeWidgetItem) -> QMimeData:
        return self.tree.mimeData([item])

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        payload = item.data(0, PAYLOAD_ROLE)
        if payload:
            self.add_requested.emit(bytes(payload))
