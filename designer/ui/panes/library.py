"""The component library panel: bundled components, component YAML files the person added
(a folder — a team's component hub — or single files, remembered in the settings) and the
open pipeline's own, searchable.

Each entry's tooltip is its signature (and description) with typed ports; dragging an entry
onto the canvas drops a task at the cursor, double-clicking adds one in view.
"""
from __future__ import annotations

import html
import os

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Signature, port_types
from designer.model.document import Document
from designer.model.library import LibraryComponent, load_library, signature_text
from designer.model.spec_library import LibrarySpec
from designer.ui import dialogs
from designer.ui import style as S
from designer.ir.importer import importer_signature
from designer.ir.volumes import ACTIONS, kubernetes_step
from designer.ui.canvas.editor import DEFAULT_CLASS
from designer.ui.canvas.editor import component_payload, volume_payload
from designer.ui.canvas.editor import (NEW_CONTAINER_PAYLOAD, NEW_IMPORTER_PAYLOAD,
                                       component_payload, pipeline_payload, spec_payload)
from designer.ui.canvas.view import MIME_COMPONENT
from designer.ui.panes import spec_sources

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 3   # a folder's path, or a single file's

_LIBRARY: list[LibraryComponent] | None = None


def bundled_library() -> list[LibraryComponent]:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_library()
    return _LIBRARY


def _port_line(port) -> str:
    """``● name: int`` for a value, ``▯ data: Dataset artifact`` for an artifact."""
    ptype = port_types.of_port(port)
    colour = S.theme.kind_colour(port_types.colour_key(ptype)).name()
    if ptype.artifact:
        typ = (QCoreApplication.translate("LibraryPanel", "untyped file") if ptype.loose else
               QCoreApplication.translate("LibraryPanel", "{type} artifact").format(
                   type=ptype.label))
        mark = "▯"
    else:
        typ = ptype.name or QCoreApplication.translate("LibraryPanel", "any")
        mark = "●"
    return f"<span style='color:{colour}'>{mark}</span> {html.escape(port.name)}: " \
           f"{html.escape(typ)}"


def tooltip(sig: Signature, description: str = "", heading: str | None = None) -> str:
    """The signature (or ``heading``: a component file's name and path), the description,
    and the typed ports."""
    text = (f"<p>{heading}</p>" if heading is not None
            else f"<p><code>{html.escape(signature_text(sig))}</code></p>")
    if description:
        text += f"<p>{html.escape(description)}</p>"
    if sig.inputs:
        text += ("<b>" + QCoreApplication.translate("LibraryPanel", "Inputs") + "</b><br>"
                 + "<br>".join(_port_line(i) for i in sig.inputs))
    if sig.outputs:
        text += ("<br><b>" + QCoreApplication.translate("LibraryPanel", "Outputs")
                 + "</b><br>" + "<br>".join(_port_line(o) for o in sig.outputs))
    return text


def spec_tooltip(spec: LibrarySpec) -> str:
    heading = (f"<b>{html.escape(spec.name)}</b> <code>{html.escape(spec.python_name)}</code>"
               f"<br><small>{html.escape(spec.path)}</small>")
    return tooltip(spec.signature, spec.description, heading)


def component_icon(sig: Signature) -> QIcon:
    """A tiny node: input type colours on its left edge, outputs on its right (artifacts as
    squares, values as dots, as on the canvas)."""
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
            ptype = port_types.of_port(port)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(S.theme.kind_colour(port_types.colour_key(ptype)))
            if ptype.artifact:
                p.drawRect(QRectF(edge - 2.0, y - 2.4, 4.0, 4.8))
            else:
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
    pipeline_requested = Signal()   # Add ▸ a pipeline of a file as a step

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
        # Component YAML files: "Add…" takes a folder (a hub) or one file, remembered.
        self.act_add_folder = QAction(self)
        self.act_add_folder.triggered.connect(lambda _c=False: self.add_folder())
        self.act_add_file = QAction(self)
        self.act_add_file.triggered.connect(lambda _c=False: self.add_file())
        self.act_reload = QAction(self)
        self.act_reload.triggered.connect(lambda _c=False: self.reload_specs())
        # A pipeline of a file as one step of this one (a sub-pipeline: the canvas adds it).
        self.act_add_pipeline = QAction(self)
        self.act_add_pipeline.triggered.connect(lambda _c=False: self.pipeline_requested.emit())
        self.add_button = QToolButton()
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        menu.addActions([self.act_add_folder, self.act_add_file])
        menu.addSeparator()
        menu.addAction(self.act_add_pipeline)
        menu.addSeparator()
        menu.addAction(self.act_reload)
        self.add_button.setMenu(menu)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self._bold = bold = QFont()
        bold.setBold(True)
        self.steps = self._group("", bold)     # kinds of step made on the canvas
        self.container_entry = self._entry(self.steps, "", Signature("container_step"), "",
                                           NEW_CONTAINER_PAYLOAD)
        self.importer_entry = self._entry(self.steps, "", importer_signature(DEFAULT_CLASS), "",
                                          NEW_IMPORTER_PAYLOAD)
        self.bundled = self._group("", bold)
        self.volumes = self._group("", bold)
        self.spec_groups: dict[str, QTreeWidgetItem] = {}   # folder path (or FILES) -> group
        self.spec_errors: dict[str, list[str]] = {}        # folder path -> files refused
        self.local = self._group("", bold)
        for comp in bundled_library():
            self._entry(self.bundled, comp.name, comp.signature, comp.description,
                        component_payload(comp.source, comp.base_image,
                                          list(comp.packages_to_install)))
        for action in ACTIONS:   # kfp-kubernetes (kfp 2): the claim is a folder locally
            step = kubernetes_step(action)
            self._entry(self.volumes, step.name, step.signature, "", volume_payload(action))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.reload_specs()
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
        self.steps.setText(0, self.tr("New steps"))
        self.container_entry.setText(0, self.tr("Container step"))
        tip = self.tr("An image run with a command and arguments; its inputs and outputs are "
                      "placed in the command line. Edit it in the form of the Code pane.")
        self.container_entry.setToolTip(0, f"<p><b>{html.escape(self.tr('Container step'))}"
                                           f"</b></p><p>{html.escape(tip)}</p>")
        self.container_entry.setData(0, SEARCH_ROLE, " ".join(
            ("container step image command docker", self.tr("Container step"), tip)).lower())
        self.importer_entry.setText(0, self.tr("Importer"))
        tip = self.tr("Brings an artifact that already exists at a URI into the pipeline "
                      "(kfp 2's dsl.importer): give the URI as its input, choose the artifact "
                      "class in Properties. Local runs import local files.")
        self.importer_entry.setToolTip(0, f"<p><b>{html.escape(self.tr('Importer'))}</b></p>"
                                          f"<p>{html.escape(tip)}</p>")
        self.importer_entry.setData(0, SEARCH_ROLE, " ".join(
            ("importer import artifact uri dataset model", self.tr("Importer"), tip)).lower())
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Add component YAML files to the library: a folder "
                                           "of component.yaml files or a single file"))
        self.act_add_folder.setText(self.tr("Add Component Folder…"))
        self.act_add_file.setText(self.tr("Add Component File…"))
        self.act_reload.setText(self.tr("Reload Component Files"))
        self.act_add_pipeline.setText(self.tr("Use a Pipeline as a Step…"))
        self.act_add_pipeline.setToolTip(self.tr(
            "Adds a task that runs the pipeline of a file (kfp 2: a sub-pipeline)"))
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
        self._title_spec_groups()
        self.refresh_pipeline()

    def _group(self, title: str, font: QFont, index: int | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        if index is None:
            self.tree.addTopLevelItem(item)
        else:
            self.tree.insertTopLevelItem(index, item)
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
            if comp.kind == "pipeline":     # another task of a pipeline the pipeline uses
                self._entry(self.local, comp.python_name, comp.signature,
                            self.tr("pipeline of {count} tasks").format(
                                count=len(comp.pipeline.tasks)),
                            pipeline_payload(comp.id))
                continue
            if comp.kind != "function":
                # Container and volume steps have no Python source to drag from here: copy
                # them on the canvas (Ctrl+D, Ctrl+C/V); new ones come from "Container step"
                # and from component files.
                continue
            self._entry(self.local, comp.name, comp.signature,
                        (comp.signature.docstring or "").strip().split("\n")[0],
                        component_payload(comp.source, comp.base_image,
                                          comp.packages_to_install, comp.id))
        self.local.setHidden(self.local.childCount() == 0)
        self.apply_filter(self.search.text())

    # --- component YAML files -------------------------------------------------------------

    def add_folder(self, folder: str | None = None) -> None:
        """Add a folder of component files (asked for when not given) and show its entries."""
        folder = folder or dialogs.component_folder(self)
        if folder:
            spec_sources.add_folder(folder)
            self.reload_specs()

    def add_file(self, path: str | None = None) -> None:
        """Add one component YAML file (asked for when not given)."""
        path = path or dialogs.component_file(self)
        if path:
            spec_sources.add_file(path)
            self.reload_specs()

    def remove_source(self, key: str) -> None:
        """Forget a folder, or a file of the "Component files" group."""
        spec_sources.remove(key)
        self.reload_specs()

    def reload_specs(self) -> None:
        """Read the remembered folders and files again (hubs change) and rebuild their groups."""
        for group in self.spec_groups.values():
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        self.spec_groups, self.spec_errors = {}, {}
        index = self.tree.indexOfTopLevelItem(self.bundled) + 1
        for source in spec_sources.load():
            group = self._group("", self._bold, index)
            index += 1
            group.setData(0, SOURCE_ROLE, source.key)
            self.spec_groups[source.key] = group
            self.spec_errors[source.key] = [str(e) for e in source.errors]
            for spec in source.specs:
                item = self._entry(group, spec.name, spec.signature, spec.description,
                                   spec_payload(spec.text, spec.path))
                item.setToolTip(0, spec_tooltip(spec))
                item.setData(0, SOURCE_ROLE, spec.path if source.key == spec_sources.FILES
                             else None)
            for error in source.errors:   # a refused file stays visible, saying why
                where = error.path or ""
                label = (os.path.basename(where) if source.key == spec_sources.FILES
                         else os.path.relpath(where, source.key) if where else "?")
                item = QTreeWidgetItem(group, ["⚠ " + label])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(0, html.escape(str(error)))
                item.setData(0, SEARCH_ROLE, str(error).lower())
                if source.key == spec_sources.FILES:
                    item.setData(0, SOURCE_ROLE, error.path)
        self._title_spec_groups()
        self.apply_filter(self.search.text())

    def _title_spec_groups(self) -> None:
        for key, group in self.spec_groups.items():
            if key == spec_sources.FILES:
                group.setText(0, self.tr("Component files"))
                group.setToolTip(0, self.tr("Component YAML files added one by one"))
            else:
                group.setText(0, os.path.basename(key.rstrip(os.sep)) or key)
                errors = self.spec_errors.get(key) or []
                group.setToolTip(0, html.escape(key) + ("<br>" + self.tr(
                    "%n file(s) could not be read (hover them)", "", len(errors))
                    if errors else ""))

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        key = item.data(0, SOURCE_ROLE) if item is not None else None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if key and key != spec_sources.FILES:
            menu.addAction(self.tr("Remove from Library"), lambda: self.remove_source(key))
            menu.addSeparator()
        menu.addActions([self.act_add_folder, self.act_add_file, self.act_reload])
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        self._menu = menu   # the open menu (tests read it)

    def apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for group in self.groups():
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                hay = item.data(0, SEARCH_ROLE) or ""
                hide = not all(w in hay for w in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def groups(self) -> list[QTreeWidgetItem]:
        return [self.steps, self.bundled, *self.spec_groups.values(), self.volumes, self.local]

    def items(self, group: QTreeWidgetItem | None = None) -> list[QTreeWidgetItem]:
        groups = [group] if group is not None else self.groups()
        return [g.child(i) for g in groups for i in range(g.childCount())]

    def find(self, name: str, group: QTreeWidgetItem | None = None) -> QTreeWidgetItem | None:
        return next((i for i in self.items(group or self.bundled) if i.text(0) == name), None)

    def mime_for(self, item: QTreeWidgetItem) -> QMimeData:
        return self.tree.mimeData([item])

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        payload = item.data(0, PAYLOAD_ROLE)
        if payload:
            self.add_requested.emit(bytes(payload))
