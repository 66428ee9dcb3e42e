"""The canvas editor: turns gestures on the scene and view into document commands.

Items and the scene only report what the user did (a drag ended, a port was
pressed, a component was dropped); this class decides what that means, checks
it against ``designer.model.rules`` and pushes one command per gesture.
"""
from __future__ import annotations

import atexit
import json
from typing import Callable

from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolTip

from designer.ir import (Component, InputError, SignatureError, Task, new_id,
                         signature_from_source)
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import ACTIONS, kubernetes_step
from designer.ir.component_spec import Where, spec_component
from designer.ir.container_fields import new_step
from designer.model import commands as C
from designer.model.autolayout import layered_layout
from designer.model.document import Document
from designer.model.fragments import fragment_bounds, make_fragment
from designer.model.placement import free_spot
from designer.model.rules import PARAM_PREFIX, Source
from designer.ui import dialogs
from designer.ui import style as S
from designer.ui.canvas.interactions import ConnectInteraction
from designer.ui.canvas.node_item import ParamNode, TaskNode
from designer.ui.canvas.scene import CanvasScene
from designer.ui.canvas.view import CanvasView
from designer.ui.messages import refusal_text

MIME_PROJECT = "application/x-kfp-designer"


def hand_over_clipboard() -> None:
    """Before Python exits: nodes we copied become plain text made by Qt. Qt deletes the
    clipboard's data after the interpreter is gone, and deleting a QMimeData made in Python
    then crashes the exit (PySide6 6.11: exit 139 after a copy). The text still pastes as
    nodes (``paste`` reads a project fragment from plain text too)."""
    app = QGuiApplication.instance()
    if app is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(MIME_PROJECT):
        clipboard.setText(mime.text())


atexit.register(hand_over_clipboard)
PASTE_STEP = 30.0


def component_payload(comp_source: str, base_image: str | None, packages: list[str],
                      component_id: str | None = None) -> bytes:
    """What a library entry carries when dragged (self-contained: works across windows)."""
    return json.dumps({"source": comp_source, "base_image": base_image,
                       "packages_to_install": list(packages),
                       "component_id": component_id}).encode()


def volume_payload(action: str) -> bytes:
    """What the library's kfp-kubernetes CreatePVC / DeletePVC entries carry."""
    return json.dumps({"volume": action}).encode()
NEW_CONTAINER_PAYLOAD = json.dumps({"kind": "new-container"}).encode()
NEW_IMPORTER_PAYLOAD = json.dumps({"kind": "new-importer"}).encode()
DEFAULT_CLASS = "Dataset"     # a new importer's artifact class (changed in Properties)


def pipeline_payload(component_id: str) -> bytes:
    """What the library's entry of a pipeline this pipeline uses carries: another task of it
    (the pipeline lives in this document only)."""
    return json.dumps({"kind": "pipeline", "component_id": component_id}).encode()


def spec_payload(text: str, path: str) -> bytes:
    """What a library entry of a component YAML file carries when dragged: its text and the
    file it is loaded from (``spec_library``)."""
    return json.dumps({"kind": "spec", "spec_text": text, "spec_path": path}).encode()


def signature_name(component: Component) -> str:
    return component.name or "task"


class CanvasEditor(QObject):
    message = Signal(str)

    def __init__(self, doc: Document, scene: CanvasScene, view: CanvasView, parent=None):
        super().__init__(parent)
        self.doc, self.scene, self.view = doc, scene, view
        self.last_refusal: str | None = None
        self._paste_count = 0
        self._last_paste_text = ""
        # (menu, node key, scene pos) -> None: entries other parts add to a node's menu.
        self.menu_hooks: list[Callable[[QMenu, str, QPointF], None]] = []
        # (menu, group id, scene pos) -> None: entries of a group frame's menu.
        self.frame_menu_hooks: list[Callable[[QMenu, str, QPointF], None]] = []
        scene.nodes_moved.connect(self.move_nodes)
        scene.port_pressed.connect(self._start_wire)
        scene.node_activated.connect(self._activate)
        scene.context_menu.connect(self._context_menu)
        view.component_dropped.connect(self.drop_payload)
        from designer.ui.canvas.group_actions import GroupActions
        from designer.ui.canvas.return_actions import ReturnActions
        self.groups = GroupActions(self)
        self.returns = ReturnActions(self)

    # --- feedback ---------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.emit(text)

    def refuse(self, reason: str, scene_pos: QPointF | None = None) -> None:
        """Say why a gesture was refused: at the cursor and in the status bar."""
        self.last_refusal = reason
        self.message.emit(self.tr("Not connected: {reason}").format(reason=reason))
        if scene_pos is not None:
            global_pos = self.view.viewport().mapToGlobal(self.view.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, reason, self.view)

    # --- wires ------------------------------------------------------------------------------

    def _start_wire(self, node, port, scene_pos) -> None:
        if port.state == "stale" and (port.output or (node.key, port.name) not in self.scene.wires):
            # A stale output row (its wires are moved from their input ends) or a stale
            # value: no wire starts here; say what to do instead.
            self.show_message(port.extra)
            return
        self.scene.interaction = ConnectInteraction(self.scene, self, node, port)

    def connect(self, source: Source, task_id: str, input_name: str,
                replacing: tuple[str, str] | None = None) -> bool:
        from designer.model.rules import connection_refusal
        refusal = connection_refusal(self.doc.pipeline, source, task_id, input_name)
        if refusal is not None:
            self.refuse(refusal_text(refusal))
            return False
        if replacing is not None and replacing != (task_id, input_name):
            # Re-routing a picked-up wire: one step that disconnects the old end too.
            cmd = C.MoveWire(self.doc, source, replacing, (task_id, input_name))
        else:
            cmd = C.Connect(self.doc, source, task_id, input_name)
        self.doc.push(cmd)
        self.last_refusal = None
        self.show_message(cmd.text())
        return True

    def disconnect(self, task_id: str, input_name: str) -> None:
        self.doc.push(C.RemoveItems(self.doc, links=[(task_id, input_name)]))
        self.show_message(self.tr("Disconnected {input}.").format(input=input_name))

    # --- nodes ------------------------------------------------------------------------------

    def move_nodes(self, positions: dict) -> None:
        if self.groups.drop_moves(positions):   # dragged into or out of a frame
            return
        self.doc.push(C.MoveNodes(self.doc, positions))

    def add_task(self, component: Component, scene_pos: QPointF | None = None) -> str:
        """A task of ``component`` centred under ``scene_pos`` (None: at a free spot in
        view, ``free_position``); returns its id."""
        if scene_pos is None:
            pos = self.free_position(component)
        else:
            pos = (round(scene_pos.x() - S.MIN_WIDTH / 2), round(scene_pos.y() - S.HEADER_H / 2))
        cmd = C.AddTask(self.doc, component, pos)
        self.doc.push(cmd)
        self.scene.select_keys([cmd.task_id])
        node = self.scene.nodes.get(cmd.task_id)
        if node is not None:
            self.view.ensureVisible(node, 8, 8)   # (a no-op when the spot was in view)
        self.show_message(cmd.text())
        return cmd.task_id

    def free_position(self, component: Component) -> tuple[float, float]:
        """Top-left of a spot for a new task of ``component``: in view, near its centre,
        over no other node (``model/placement.py``); outside the view when it is full."""
        probe = TaskNode("")
        probe.set_task(Task("", signature_name(component), component.id), component, {})
        area = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        rects = [n.sceneBoundingRect() for n in self.scene.nodes.values()]
        legend = self.view.legend_rect()
        if not legend.isEmpty():   # drawn over the canvas: nothing goes under it
            rects.append(self.view.mapToScene(legend.toRect()).boundingRect())
        occupied = [(r.x(), r.y(), r.width(), r.height()) for r in rects]
        (x, y), _in_view = free_spot(occupied, probe.size,
                                     (area.x(), area.y(), area.width(), area.height()))
        return (round(x), round(y))

    def drop_payload(self, payload: bytes, scene_pos: QPointF | None) -> str | None:
        note = ""
        try:
            data = json.loads(payload.decode())
            if data.get("volume") in ACTIONS:   # kfp-kubernetes' CreatePVC / DeletePVC
                return self.add_task(kubernetes_step(data["volume"]), scene_pos)
            if data.get("kind") == "new-importer":    # kfp 2's dsl.importer: one per task
                return self.add_task(ImporterComponent(new_id(), DEFAULT_CLASS), scene_pos)
            if data.get("kind") == "new-container":
                taken = {n for c in self.doc.pipeline.components
                         for n in (c.name, c.python_name)}
                return self.add_task(new_step(taken), scene_pos)
            if data.get("kind") == "pipeline":
                comp = self.doc.component(data.get("component_id") or "")
                if comp is None or comp.kind != "pipeline":
                    raise ValueError(self.tr("that pipeline is not in this document"))
                return self.add_task(comp, scene_pos)
            if data.get("kind") == "spec":
                return self.add_task(spec_component(
                    data["spec_text"], Where(data["spec_path"]), spec_path=data["spec_path"]),
                    scene_pos)
            cid = data.get("component_id")
            existing = self.doc.component(cid) if cid else None
            if existing is None or existing.source != data["source"]:
                # The pipeline's own (maybe edited) function of that name wins over the
                # library's: two functions of one name would make the pipeline invalid.
                name = signature_from_source(data["source"]).function_name
                existing = self.doc.pipeline.component_named(name)
                if existing is not None and existing.source != data["source"]:
                    note = " " + self.tr("(it uses this pipeline's own, edited `{name}`)").format(
                        name=name)
            if existing is not None:
                comp = existing
            else:
                comp = Component.from_source(
                    data["source"], base_image=data.get("base_image"),
                    packages_to_install=data.get("packages_to_install") or [])
                comp.id = comp.name
        except (ValueError, KeyError, SignatureError, InputError) as e:
            self.show_message(self.tr("Cannot add that component: {reason}").format(reason=e))
            return None
        task_id = self.add_task(comp, scene_pos)
        if note:
            self.show_message(self.doc.undo_stack.undoText() + note)
        return task_id

    def add_sub_pipeline(self, path: str | None = None, name: str | None = None) -> str | None:
        """A task running the pipeline of a file (asked for when not given; its pipeline
        chosen when it has several): the pipeline is copied into this one as a component,
        added with its task in one undo step. Returns the task id, None when refused."""
        from designer.importers import list_pipeline_file
        from designer.inputs import ReadOptions, load_project
        from designer.ir.subpipeline import PipelineComponent, cycle
        path = path or dialogs.pipeline_file(self.view)
        if not path:
            return None
        try:
            if name is None and path.lower().endswith(".py"):
                names = [c.name for c in list_pipeline_file(path) if c.kind == "pipeline"]
                if len(names) > 1:
                    name = dialogs.choose_pipeline(self.view, names)
                    if name is None:
                        return None
            pipeline = load_project(path, ReadOptions(pipeline=name)).pipeline
        except InputError as e:
            self.show_message(self.tr("Cannot use that pipeline: {reason}").format(reason=e))
            return None
        comp = PipelineComponent(new_id(), pipeline)
        if cycle(pipeline) is not None:
            self.show_message(self.tr("Cannot use that pipeline: it contains itself"))
            return None
        return self.add_task(comp)

    def _activate(self, key: str) -> None:
        if key.startswith(PARAM_PREFIX):
            self.edit_param(key[len(PARAM_PREFIX):])

    # --- parameters -------------------------------------------------------------------------

    def add_param(self, scene_pos: QPointF | None = None) -> None:
        param = dialogs.edit_param(self.view, self.doc.pipeline, None)
        if param is None:
            return
        if scene_pos is None:
            scene_pos = self._free_spot_left()
        pos = (round(scene_pos.x()), round(scene_pos.y()))
        self.doc.push(C.AddParam(self.doc, param, pos))
        self.scene.select_keys([PARAM_PREFIX + param.name])
        self.show_message(self.tr("Added parameter {name}.").format(name=param.name))

    def edit_param(self, name: str) -> None:
        param = self.doc.param(name)
        if param is None:
            return
        new = dialogs.edit_param(self.view, self.doc.pipeline, param)
        if new is not None and new != param:
            self.doc.push(C.EditParam(self.doc, name, new))

    def _free_spot_left(self) -> QPointF:
        """Left of everything, below other parameters: where sources read naturally."""
        rect = self.scene.itemsBoundingRect()
        if rect.isEmpty():
            return self.view.mapToScene(self.view.viewport().rect().center())
        params = [n for n in self.scene.nodes.values() if isinstance(n, ParamNode)]
        if params:
            lowest = max(params, key=lambda n: n.y())
            return QPointF(lowest.x(), lowest.y() + lowest.size[1] + 30)
        return QPointF(rect.left() - 240, rect.top())

    # --- selection-wide edits -----------------------------------------------------------------

    def _selection(self) -> tuple[list[str], list[str], list[tuple[str, str]]]:
        tasks, params = [], []
        for key in self.scene.selected_keys():
            if key.startswith(PARAM_PREFIX):
                params.append(key[len(PARAM_PREFIX):])
            else:
                tasks.append(key)
        links = list(dict.fromkeys(w.link for w in self.scene.selected_wires()))
        return tasks, params, links

    def delete_selection(self) -> None:
        tasks, params, links = self._selection()
        if tasks or params or links:
            cmd = C.RemoveItems(self.doc, tasks, params, links)
            self.doc.push(cmd)
            self.show_message(cmd.text() + ".")

    def select_all(self) -> None:
        for node in self.scene.nodes.values():
            node.setSelected(True)

    def auto_layout(self) -> None:
        new = layered_layout(self.doc.pipeline, self.scene.node_sizes(),
                             ports=self.scene.node_ports(),
                             frame_widths={k: f.least_width()
                                           for k, f in self.scene.frames.items()})
        moved = {k: v for k, v in new.items() if self.doc.layout.get(k) != v}
        if moved:
            self.doc.push(C.MoveNodes(self.doc, moved, self.tr("Auto-layout")))
        self.view.fit()

    # --- clipboard --------------------------------------------------------------------------------

    def _fragment_text(self) -> str | None:
        from designer import persist
        tasks, params, _ = self._selection()
        if not tasks and not params:
            return None
        return persist.dumps(make_fragment(self.doc, tasks, params))

    def copy_selection(self) -> bool:
        text = self._fragment_text()
        if text is None:
            self.show_message(self.tr("Nothing selected to copy."))
            return False
        mime = QMimeData()
        mime.setData(MIME_PROJECT, text.encode())
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_count = 0
        self.show_message(self.tr("Copied."))
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            self.delete_selection()

    def paste(self, at: QPointF | None = None) -> None:
        from designer import persist
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasFormat(MIME_PROJECT):
            text = bytes(mime.data(MIME_PROJECT).data()).decode("utf-8", "replace")
        else:
            text = mime.text()
        try:
            fragment = persist.loads(text)
        except InputError as e:
            self.show_message(self.tr("The clipboard holds no pipeline nodes ({reason}).").format(
                reason=e.message))
            return
        self._paste_fragment(fragment, at, text)

    def _paste_fragment(self, fragment, at: QPointF | None, text: str = "",
                        duplicate: bool = False) -> None:
        origin = fragment_bounds(fragment) or (0.0, 0.0)
        if at is None:
            cursor = self.view.mapFromGlobal(QCursor.pos())
            if self.view.viewport().rect().contains(cursor) and not duplicate:
                at = self.view.mapToScene(cursor)
        if at is not None:
            offset = (round(at.x() - origin[0]), round(at.y() - origin[1]))
        else:
            self._paste_count = self._paste_count + 1 if text == self._last_paste_text else 1
            step = PASTE_STEP * self._paste_count
            offset = (step, step)
        self._last_paste_text = text
        label = self.tr("Duplicate") if duplicate else self.tr("Paste")
        cmd = C.Paste(self.doc, fragment, offset, label)
        self.doc.push(cmd)
        self.scene.select_keys(cmd.task_ids + cmd.param_keys)
        self.show_message(self.tr("{action}: %n task(s).", "", len(cmd.task_ids)).format(
            action=label))

    def duplicate_selection(self) -> None:
        tasks, params, _ = self._selection()
        if not tasks and not params:
            return
        fragment = make_fragment(self.doc, tasks, params)
        self._paste_count = 0
        self._paste_fragment(fragment, None, "", duplicate=True)

    # --- context menu -------------------------------------------------------------------------------

    def _context_menu(self, scene_pos: QPointF, screen_pos, key: str | None) -> None:
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # one menu per right-click
        if key is not None:
            node = self.scene.nodes.get(key)
            if node is not None and not node.isSelected():
                self.scene.select_keys([key])
            if isinstance(node, ParamNode):
                menu.addAction(self.tr("Edit Parameter…"), lambda: self.edit_param(node.name))
            menu.addAction(self.tr("Duplicate"), self.duplicate_selection)
            menu.addAction(self.tr("Copy"), self.copy_selection)
            menu.addAction(self.tr("Delete"), self.delete_selection)
            for hook in self.menu_hooks:   # other parts of the window add their own entries
                hook(menu, key, scene_pos)
        elif (frame := self.scene.frame_at(scene_pos)) is not None:
            if not frame.isSelected():
                self.scene.clearSelection()
                frame.setSelected(True)
            for hook in self.frame_menu_hooks:
                hook(menu, frame.key, scene_pos)
        else:
            menu.addAction(self.tr("Add Parameter…"), lambda: self.add_param(scene_pos))
            menu.addAction(self.tr("Paste"), lambda: self.paste(scene_pos))
            menu.addSeparator()
            menu.addAction(self.tr("Auto-layout"), self.auto_layout)
            menu.addAction(self.tr("Fit to View"), self.view.fit)
        menu.popup(screen_pos)
        self._menu = menu   # the open menu (tests read it); deleted when it closes

    def task_node(self, task_id: str) -> TaskNode | None:
        node = self.scene.nodes.get(task_id)
        return node if isinstance(node, TaskNode) else None
