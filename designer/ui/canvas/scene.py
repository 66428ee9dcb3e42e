"""The canvas scene: follows the document's signals and reports gestures as signals.

It keeps id -> item dicts (no scans per event), queues what the document
reports changed and applies it once per command (``Document.changed``), and
never edits the document: drags end in ``nodes_moved``, wire gestures are run
by an interaction object (``canvas/interactions.py``) that asks the editor to connect.

Every wire argument gets a wire item, also when its input, output or source is
gone (issue #5): such a wire is drawn stale and the node shows a stale row for
the missing port, so a signature change never makes a connection vanish.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from designer.ir import Argument, OutputRef, ParamRef
from designer.ir.model import Concat
from designer.model.document import Document
from designer.model.rules import PARAM_PREFIX
from designer.ui import style as S
from designer.ui.canvas import stale_links
from designer.ui.canvas.group_frame import GroupFrame, LoopWire
from designer.ui.canvas.node_item import NODE_CACHE, NodeItem, ParamNode, Port, TaskNode
from designer.ui.canvas.overview import WireOverview
from designer.ui.canvas.wire_item import StubWire, WireItem

# The scene rect is fixed between edits (no growth bookkeeping per move) but sized to the
# content plus a wide margin: the BSP index splits the scene rect, so an absurdly large
# one leaves hundreds of items per leaf and every move or repaint scans them.
MARGIN = 5000.0
MIN_RECT = QRectF(-MARGIN, -MARGIN, 2 * MARGIN, 2 * MARGIN)
DEFAULT_POS = (0.0, 0.0)


class _TaskNames:
    """Task id -> name by O(1) look-up in the document (no dict built per added node)."""

    def __init__(self, doc: Document):
        self.doc = doc

    def get(self, task_id: str, default: str = "?") -> str:
        task = self.doc.task(task_id)
        return task.name if task is not None else default

    def source_problem(self, arg: Argument) -> str:
        return stale_links.source_problem(self.doc, arg)


class CanvasScene(QGraphicsScene):
    nodes_moved = Signal(dict)                # key -> (x, y), after a drag ends
    port_pressed = Signal(object, object, object)  # node, port, scene pos: start a wire
    node_activated = Signal(str)              # double-click: task id or "param:<name>"
    output_activated = Signal(str, str)       # double-click on a task's output port
    context_menu = Signal(object, object, object)  # scene pos, screen pos, node key or None
    selection_changed_ids = Signal(list)      # selected task ids, coalesced per event turn
    synced = Signal()                         # items follow the document again
    loop_port_pressed = Signal(str, object)   # a loop frame's item port: group id, scene pos

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setSceneRect(MIN_RECT)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(S.theme.canvas_bg)
        # How node items are cached; the view switches it with the zoom (CanvasView), and
        # a node takes it when it is added.
        self.node_cache = NODE_CACHE
        self.wire_overview: WireOverview | None = None   # every wire's line, when zoomed out
        self.nodes: dict[str, NodeItem] = {}
        self.wires: dict[tuple[str, str], WireItem] = {}
        self.frames: dict[str, GroupFrame] = {}   # group id -> its frame
        # Group id -> its member nodes and inner frames, built when a frame is fitted and
        # dropped whenever the document changes (a drag step reads it, never the task list).
        self._members: dict[str, tuple[list[NodeItem], list[GroupFrame]]] | None = None
        self.loop_wires: dict[tuple[str, str], LoopWire] = {}  # (task id, input) -> wire
        self._groups_dirty = False
        # A step-through run: task id -> input name -> the value shown on its wire.
        self.input_values: dict[str, dict[str, str]] = {}
        self.breakpoints: set[str] = set()        # task ids (run/session.py owns them)
        self.interaction = None                # the running gesture (canvas/interactions.py)
        self._press_positions: dict[str, QPointF] = {}
        self._drag_seen: dict[str, QPointF] = {}   # where each dragged node was last followed
        self._dirty_nodes: set[str] = set()
        self._dirty_links: set[str] = set()
        self._dirty_pos: set[str] = set()
        self._params_dirty = False
        # Stale wires: node keys whose stale output rows may have changed, and targets of
        # wires whose source node is gone, by that node's key (rebuilt when it is back).
        self._stale_check: set[str] = set()
        self._dangling: dict[str, set[str]] = {}
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._emit_selection)
        self.selectionChanged.connect(self._selection_timer.start)
        self.selectionChanged.connect(self._selection_to_overview)
        doc.reset.connect(self.rebuild)
        doc.task_added.connect(self._on_task_added)
        doc.task_removed.connect(self._on_task_removed)
        doc.task_changed.connect(self._dirty_nodes.add)
        doc.link_changed.connect(self._dirty_links.add)
        doc.params_changed.connect(self._on_params_changed)
        doc.layout_changed.connect(self._dirty_pos.add)
        doc.groups_changed.connect(self._on_groups_changed)
        doc.changed.connect(self.sync)
        self.rebuild()

    # --- building from the document ------------------------------------------------------------

    def rebuild(self) -> None:
        """All items from scratch (new or opened document)."""
        self.cancel_interaction()
        # The overview's lines go with the old wires (not one by one): a new one is made
        # over the new wires if the view is still zoomed out that far.
        overview, self.wire_overview = self.wire_overview, None
        if overview is not None:
            overview.finish()
            self.removeItem(overview)
        for item in list(self.nodes.values()) + list(self.wires.values()):
            self.removeItem(item)
        for item in list(self.frames.values()) + list(self.loop_wires.values()):
            self.removeItem(item)
        self.nodes.clear()
        self.wires.clear()
        self.frames.clear()
        self.loop_wires.clear()
        self._stale_check.clear()
        self._dangling.clear()
        self._dirty_nodes.clear()
        self._dirty_links.clear()
        self._dirty_pos.clear()
        self._params_dirty = False
        p = self.doc.pipeline
        for prm in p.params:
            self._add_param_node(prm.name)
        names = self._task_names()
        for t in p.tasks:
            node = TaskNode(t.id)
            node.set_task(t, self.doc.component(t.component_id), names, names.source_problem)
            self._place(node)
        for t in p.tasks:
            self._build_wires(t.id)
        if overview is not None:
            self.wire_overview = WireOverview(self.wires.values())
            self.addItem(self.wire_overview)
        self._update_stale_outputs()
        self._sync_frames()
        self._fit_scene_rect(self.itemsBoundingRect(), shrink=True)
        # Every item is where the layout puts it and the scene rect holds them all: the
        # sync after the document's reset has no position to apply (2,000 nodes at open).
        self._dirty_pos.clear()
        self.synced.emit()

    def _selection_to_overview(self) -> None:
        if self.wire_overview is not None:
            self.wire_overview.selection_changed(self.selectedItems())

    def _fit_scene_rect(self, content: QRectF, shrink: bool = False) -> None:
        """Grow (or after a rebuild, reset) the scene rect to hold ``content`` with margin."""
        current = self.sceneRect()
        if not shrink and current.adjusted(MARGIN / 4, MARGIN / 4, -MARGIN / 4,
                                           -MARGIN / 4).contains(content):
            return
        wanted = content.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).united(MIN_RECT)
        self.setSceneRect(wanted if shrink else wanted.united(current))

    def _place(self, node: NodeItem) -> None:
        x, y = self.doc.layout.get(node.key, DEFAULT_POS)
        node.setPos(x, y)
        self.addItem(node)
        node.setCacheMode(self.node_cache)   # cached or not as the view's zoom wants it
        self.nodes[node.key] = node
        if isinstance(node, TaskNode):
            node.set_breakpoint(node.key in self.breakpoints)
        self._dirty_pos.add(node.key)  # the scene rect must hold it
        # Wires that dangled for want of this node attach to it again.
        self._dirty_links.update(self._dangling.pop(node.key, ()))

    def _add_param_node(self, name: str) -> ParamNode:
        node = ParamNode(name)
        node.set_param(self.doc.param(name))
        self._place(node)
        return node

    def _task_names(self) -> "_TaskNames":
        return _TaskNames(self.doc)

    def _build_wires(self, task_id: str) -> None:
        """(Re)create the wires into ``task_id`` from its arguments and ``after`` list.

        A wire whose input, output or source is gone is built too, marked stale; the
        caller then runs ``_update_stale_outputs`` for the rows on its source node.
        """
        target = self.nodes.get(task_id)
        if target is None:
            return
        for wire in [w for w in target.wires if w.target is target]:
            self._remove_wire(wire.key)
        task = self.doc.task(task_id)
        if task is None or not isinstance(target, TaskNode):
            return
        for input_name, arg in task.arguments.items():
            if target.input_pos(input_name) is None:
                continue  # the node is not laid out for this task yet
            # An expression (``{{number_1}}/{{task.output}}``): a wire from each source.
            refs = (list(dict.fromkeys(p for p in arg.parts
                                       if isinstance(p, (ParamRef, OutputRef))))
                    if isinstance(arg, Concat) else [arg])
            for part, ref in enumerate(refs):
                if isinstance(ref, ParamRef):
                    source_key, port = PARAM_PREFIX + ref.name, ref.name
                elif isinstance(ref, OutputRef):
                    source_key, port = ref.task_id, ref.output
                else:
                    continue
                wire = self._data_wire(target, input_name, ref, source_key, port)
                wire.part = part
                self._add_wire(wire)
        for dep in task.after:
            source = self.nodes.get(dep)
            if source is not None and dep != task_id:
                self._add_wire(WireItem(source, "", target, "", after=True))

    def _data_wire(self, target: TaskNode, input_name: str, arg: Argument, source_key: str,
                   port: str) -> WireItem:
        """The wire of one argument, stale when its target node shows the input broken
        (its source is gone) or as a stale row (the input is gone)."""
        source = self.nodes.get(source_key)
        out = None
        if source is not None:
            out = next((p for p in source.outputs if p.name == port), None)
        end = None  # the input's port: a real one (maybe "broken") or a stale row
        for p in target.inputs:
            if p.name == input_name:
                end = p
                break
        if end is None:
            end = target.stale_port(False, input_name)
        if end is not None and end.state == "stale":
            problem, loose = end.extra, ("source" if out is None else "target")
        elif end is not None and end.state == "broken":
            problem, loose = end.extra, "source"
        elif out is None:  # the target node was laid out before its source changed
            reason = stale_links.source_problem(self.doc, arg) or \
                QCoreApplication.translate("CanvasScene", "its source is gone")
            problem, loose = stale_links.broken_source(input_name, reason), "source"
        else:
            problem, loose = "", ""
        if source is None:
            return StubWire(target, input_name, problem, source_key,
                            stale_links.dangling_label(arg), loose)
        stale_output = out is None and not isinstance(source, ParamNode)
        return WireItem(source, port, target, input_name, out.kind if out else "any",
                        problem=problem, loose=loose, stale_output=stale_output)

    def _add_wire(self, wire: WireItem) -> None:
        old = self.wires.pop(wire.key, None)
        if old is not None:
            self._detach(old)
        self.wires[wire.key] = wire
        value = self.input_values.get(wire.target.key, {}).get(wire.target_port)
        if value is not None and not wire.after:
            wire.set_value(value)
        if wire.source is not None:
            wire.source.wires.append(wire)
        else:
            self._dangling.setdefault(wire.source_key, set()).add(wire.target.key)
        if wire.stale_output:
            self._stale_check.add(wire.source.key)
        wire.target.wires.append(wire)
        self.addItem(wire)
        if self.wire_overview is not None:
            self.wire_overview.added(wire)

    def _remove_wire(self, key: tuple[str, str]) -> None:
        wire = self.wires.pop(key, None)
        if wire is not None:
            self._detach(wire)

    def _detach(self, wire: WireItem) -> None:
        for node in (wire.source, wire.target):
            if node is None:
                continue
            try:
                node.wires.remove(wire)
            except ValueError:
                pass
        if wire.stale_output:
            self._stale_check.add(wire.source.key)
        if wire.source is None:
            waiting = self._dangling.get(wire.source_key)
            if waiting is not None:
                waiting.discard(wire.target.key)
                if not waiting:
                    del self._dangling[wire.source_key]
        if self.wire_overview is not None:
            self.wire_overview.removed(wire)
        self.removeItem(wire)

    def _update_stale_outputs(self) -> None:
        """Give each node whose stale wires changed one stale output row per missing output
        its wires still read (and none once they are gone); re-end its wires if that moved."""
        for key in self._stale_check:
            node = self.nodes.get(key)
            if node is None:
                continue
            names = tuple(dict.fromkeys(w.source_port for w in node.wires
                                        if w.source is node and w.stale_output))
            if node.set_stale_outputs(names):
                for wire in node.wires:
                    wire.update_ends()
        self._stale_check.clear()

    def _remove_node(self, key: str) -> None:
        node = self.nodes.pop(key, None)
        if node is None:
            return
        for wire in list(node.wires):
            if wire.source is node and wire.target.key in self.nodes:
                self._dirty_links.add(wire.target.key)  # rebuild without this source
            self.wires.pop(wire.key, None)
            self._detach(wire)
        self.removeItem(node)

    # --- following the document ----------------------------------------------------------------

    def _on_task_added(self, task_id: str) -> None:
        t = self.doc.task(task_id)
        if t is None or task_id in self.nodes:
            return
        node = TaskNode(task_id)
        node.set_task(t, self.doc.component(t.component_id), self._task_names())
        self._place(node)
        self._dirty_links.add(task_id)
        # Undoing a delete restores wires out of this task: their targets say link_changed.

    def _on_task_removed(self, task_id: str) -> None:
        self._remove_node(task_id)
        self._dirty_nodes.discard(task_id)
        self._dirty_links.discard(task_id)

    def _on_params_changed(self) -> None:
        self._params_dirty = True

    def sync(self) -> None:
        """Apply what the last command changed."""
        self._members = None
        if self._params_dirty:
            self._params_dirty = False
            self._sync_params()
        names = None
        refresh = set(self._dirty_nodes) | self._dirty_links
        for key in list(self._dirty_nodes):
            node = self.nodes.get(key)
            if node is not None:  # downstream tooltips name this task; outputs may have moved
                refresh.update(w.target.key for w in node.wires if w.source is node)
        for key in refresh:
            node = self.nodes.get(key)
            task = self.doc.task(key)
            if isinstance(node, TaskNode) and task is not None:
                if names is None:
                    names = self._task_names()
                node.set_task(task, self.doc.component(task.component_id), names,
                              names.source_problem)
                for wire in node.wires:
                    wire.update_ends()
        for key in refresh:
            self._build_wires(key)
        self._update_stale_outputs()
        moved = QRectF()
        for key in self._dirty_pos:
            node = self.nodes.get(key)
            pos = self.doc.layout.get(key)
            if node is not None and pos is not None:
                if (node.x(), node.y()) != pos:
                    node.setPos(*pos)
                    node.moved()
                moved = moved.united(node.sceneBoundingRect())
        if not moved.isEmpty():
            self._fit_scene_rect(moved)
        if self._groups_dirty or self.frames:
            self._sync_frames()
        self._dirty_nodes.clear()
        self._dirty_links.clear()
        self._dirty_pos.clear()
        self.synced.emit()

    # --- control-flow frames ---------------------------------------------------------------------

    def _on_groups_changed(self) -> None:
        self._groups_dirty = True

    def _sync_frames(self) -> None:
        """A frame per group (titles again: they name tasks and parameters), sized around
        its members; the loop-item wires. Groups are few: all are redone."""
        self._groups_dirty = False
        self._members = None
        p = self.doc.pipeline
        wanted = {g.id: g for g in p.groups}
        for gid in [k for k in self.frames if k not in wanted]:
            self.removeItem(self.frames.pop(gid))
        depth: dict[str, int] = {}
        for g in p.groups:   # parents may come after children in the list: walk up
            d, parent, seen = 0, g.parent, {g.id}
            while parent in wanted and parent not in seen:
                seen.add(parent)
                d, parent = d + 1, wanted[parent].parent
            depth[g.id] = d
        for g in p.groups:
            frame = self.frames.get(g.id)
            if frame is None:
                frame = self.frames[g.id] = GroupFrame(g.id)
                self.addItem(frame)
            frame.set_group(p, g, depth[g.id])
        self.fit_frames()
        self._sync_loop_wires()

    def fit_frames(self, task_id: str | None = None) -> None:
        """Size frames around their members, innermost first (all, or those holding
        ``task_id``: a node is being dragged, and this runs on every step of it: it reads
        the members' index, and re-ends only the loop wires that moved)."""
        if not self.frames:
            return
        p = self.doc.pipeline
        if task_id is not None:
            task = self.doc.task(task_id)
            if task is None or task.group is None:
                return
            from designer.ir.groups import ancestors
            order = [g.id for g in ancestors(p, task.group)]
        else:
            order = sorted(self.frames, key=lambda k: -self.frames[k].depth)
        members = self._frame_members()
        moved: set[str] = set()
        for gid in order:
            frame = self.frames.get(gid)
            if frame is None:
                continue
            rect = QRectF()
            nodes, inner_frames = members.get(gid, ((), ()))
            for node in nodes:
                rect = rect.united(node.sceneBoundingRect())
            for inner in inner_frames:
                rect = rect.united(inner.frame_rect())
            if rect.isNull():   # no members: under the exit task or the origin
                exit_node = self.nodes.get(p.group(gid).exit_task or "")
                origin = (exit_node.sceneBoundingRect().bottomLeft() + QPointF(0, 60)
                          if exit_node is not None else QPointF(0, 0))
                rect = QRectF(origin, origin + QPointF(200, 40))
            if frame.set_rect(rect):
                moved.add(gid)
        for (target, _input), wire in self.loop_wires.items():
            if task_id is None or wire.loop in moved or target == task_id:
                wire.update_ends()

    def _frame_members(self) -> dict[str, tuple[list[NodeItem], list[GroupFrame]]]:
        """Each frame's member nodes and inner frames: one pass over the tasks and groups
        per document state, not one per drag step."""
        if self._members is None:
            members: dict[str, tuple[list[NodeItem], list[GroupFrame]]] = {
                gid: ([], []) for gid in self.frames}
            p = self.doc.pipeline
            for t in p.tasks:
                node = self.nodes.get(t.id) if t.group in members else None
                if node is not None:
                    members[t.group][0].append(node)
            for g in p.groups:
                inner = self.frames.get(g.id) if g.parent in members else None
                if inner is not None:
                    members[g.parent][1].append(inner)
            self._members = members
        return self._members

    def _sync_loop_wires(self) -> None:
        from designer.ir.model import LoopItem
        wanted: dict[tuple[str, str], str] = {}
        for t in self.doc.pipeline.tasks:
            for name, arg in t.arguments.items():
                if isinstance(arg, LoopItem) and arg.loop in self.frames \
                        and t.id in self.nodes:
                    wanted[(t.id, name)] = arg.loop
        for key in [k for k in self.loop_wires if wanted.get(k) != self.loop_wires[k].loop]:
            self.removeItem(self.loop_wires.pop(key))
        for key, loop in wanted.items():
            if key not in self.loop_wires:
                wire = self.loop_wires[key] = LoopWire(self.frames[loop],
                                                       self.nodes[key[0]], key[1])
                self.addItem(wire)
            self.loop_wires[key].update_ends()

    def frame_at(self, pos: QPointF) -> GroupFrame | None:
        """The innermost frame whose area holds ``pos``."""
        best = None
        for frame in self.frames.values():
            if frame.frame_rect().contains(pos) and (best is None or frame.depth > best.depth):
                best = frame
        return best

    def item_port_at(self, pos: QPointF) -> GroupFrame | None:
        """A loop frame whose item port is within reach of ``pos``."""
        return next((f for f in self.frames.values() if f.item_port_at(pos)), None)

    def selected_group_ids(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, GroupFrame)]

    def _sync_params(self) -> None:
        wanted = {PARAM_PREFIX + p.name: p for p in self.doc.pipeline.params}
        for key in [k for k, n in self.nodes.items() if isinstance(n, ParamNode)]:
            if key not in wanted:
                self._remove_node(key)
        for key, prm in wanted.items():
            node = self.nodes.get(key)
            if node is None:
                self._add_param_node(prm.name)
                # Tasks reading it may predate it (undo of a delete): rebuild their wires.
                self._dirty_links.update(t.id for t in self.doc.pipeline.tasks if any(
                    isinstance(a, ParamRef) and a.name == prm.name for a in t.arguments.values()))
            else:
                node.set_param(prm)
                for wire in node.wires:
                    self._dirty_links.add(wire.target.key)

    def retranslate(self) -> None:
        """The language changed: every node's texts (tooltips, a parameter's "parameter ·
        type" line, stale-row advice) and wire tooltips again, items kept."""
        self._dirty_nodes.update(k for k, n in self.nodes.items() if isinstance(n, TaskNode))
        self._params_dirty = True
        self.sync()

    def apply_theme(self) -> None:
        """Repaint in the current theme (``style.theme``): items read it when they paint;
        nodes drop their cached pixmaps (a scene update repaints from them)."""
        self.setBackgroundBrush(S.theme.canvas_bg)
        for node in self.nodes.values():
            node.update()
        if self.wire_overview is not None:
            self.wire_overview.restyle()
        self.update()

    # --- queries -------------------------------------------------------------------------------

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(QRectF(pos.x() - S.PORT_HIT, pos.y() - S.PORT_HIT,
                                      2 * S.PORT_HIT, 2 * S.PORT_HIT)):
            if isinstance(item, NodeItem):
                return item
        return None

    def port_at(self, pos: QPointF) -> tuple[NodeItem, Port] | None:
        """A port whose circle is within reach of ``pos`` (scene coordinates)."""
        for item in self.items(QRectF(pos.x() - S.PORT_HIT, pos.y() - S.PORT_HIT,
                                      2 * S.PORT_HIT, 2 * S.PORT_HIT)):
            if isinstance(item, NodeItem):
                port = item.port_at(item.mapFromScene(pos))
                if port is not None:
                    return item, port
        return None

    def selected_keys(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_task_ids(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, TaskNode)]

    def selected_wires(self) -> list[WireItem]:
        return [i for i in self.selectedItems() if isinstance(i, WireItem)]

    def select_keys(self, keys: list[str]) -> None:
        self.clearSelection()
        for key in keys:
            node = self.nodes.get(key)
            if node is not None:
                node.setSelected(True)

    def set_run_state(self, task_id: str, state: str, detail: str = "") -> None:
        node = self.nodes.get(task_id)
        if isinstance(node, TaskNode):
            node.set_run_state(state, detail)

    def set_loop_progress(self, group_id: str, done: int, failed: int, total: int) -> None:
        """A loop frame's run badge (``total`` < 0: none)."""
        frame = self.frames.get(group_id)
        if frame is not None:
            frame.set_progress(done, failed, total)

    def set_output_values(self, task_id: str, values: dict) -> None:
        node = self.nodes.get(task_id)
        if isinstance(node, TaskNode):
            node.set_output_values(values)

    def set_input_values(self, task_id: str, values: dict) -> None:
        """Values on the wires into ``task_id`` (input name -> text; {} clears them). Only
        that node's wires are looked at (a step-through run sets them task by task)."""
        if values:
            self.input_values[task_id] = dict(values)
        else:
            self.input_values.pop(task_id, None)
        node = self.nodes.get(task_id)
        for wire in node.wires if node is not None else ():
            if wire.target is node and not wire.after:
                # By key: an expression's further parts ("x#1") show no second label.
                wire.set_value(values.get(wire.key[1], ""))

    def clear_run_values(self) -> None:
        """No task shows anything of a run: states, output values and wire values go
        (another document). Only nodes and wires that show something are touched."""
        for task_id in list(self.input_values):
            self.set_input_values(task_id, {})
        for node in self.nodes.values():
            if isinstance(node, TaskNode) and (node.run_state or node.run_detail
                                               or node.run_outputs):
                node.set_run_state("", "")
                node.set_output_values({})

    def set_breakpoints(self, task_ids) -> None:
        self.breakpoints = set(task_ids)
        for key, node in self.nodes.items():
            if isinstance(node, TaskNode):
                node.set_breakpoint(key in self.breakpoints)

    def node_sizes(self) -> dict[str, tuple[float, float]]:
        return {k: n.size for k, n in self.nodes.items()}

    def node_ports(self) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
        """Port y offsets per node (inputs, outputs), for a layout with straight wires."""
        return {k: n.port_offsets() for k, n in self.nodes.items()}

    def _emit_selection(self) -> None:
        self.selection_changed_ids.emit(self.selected_task_ids())

    # --- gestures --------------------------------------------------------------------------------

    def cancel_interaction(self) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
            self.interaction = None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.mouse_press(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            frame = self.item_port_at(event.scenePos())
            if frame is not None:   # a loop's item port: start a wire from it
                self.loop_port_pressed.emit(frame.key, event.scenePos())
                if self.interaction is not None:
                    event.accept()
                    return
            hit = self.port_at(event.scenePos())
            if hit is not None:
                self.port_pressed.emit(hit[0], hit[1], event.scenePos())
                # A stale port starts no wire (the editor says why) and drags no node.
                if self.interaction is not None or hit[1].state == "stale":
                    event.accept()
                    return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {i.key: i.pos() for i in self.selectedItems()
                                     if isinstance(i, NodeItem)}
            self._drag_seen = dict(self._press_positions)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.mouse_move(event)
            return
        super().mouseMoveEvent(event)
        if self._press_positions:   # Qt moved the selected nodes (if the press was on one)
            self._follow_drag()

    def _follow_drag(self) -> None:
        """Each dragged node that moved since the last step: its wires and frames follow."""
        for key in self._press_positions:
            node = self.nodes.get(key)
            if node is None:
                continue
            pos = node.pos()
            if self._drag_seen.get(key) != pos:
                self._drag_seen[key] = pos
                node.moved()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.mouse_release(event)
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            moved = {}
            for key, before in self._press_positions.items():
                node = self.nodes.get(key)
                if node is not None and node.pos() != before:
                    moved[key] = (float(round(node.x())), float(round(node.y())))
            self._press_positions, self._drag_seen = {}, {}
            if moved:
                self.nodes_moved.emit(moved)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        hit = self.port_at(event.scenePos())
        if (hit is not None and hit[1].output and isinstance(hit[0], TaskNode)
                and event.button() == Qt.MouseButton.LeftButton):
            self.output_activated.emit(hit[0].key, hit[1].name)   # open what it produced
            event.accept()
            return
        node = self.node_at(event.scenePos())
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self.node_activated.emit(node.key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.interaction is not None and event.key() == Qt.Key.Key_Escape:
            self.cancel_interaction()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        node = self.node_at(event.scenePos())
        self.context_menu.emit(event.scenePos(), event.screenPos(),
                               node.key if node is not None else None)
        event.accept()

    def for_each_node(self, fn: Callable[[NodeItem], None]) -> None:
        for node in self.nodes.values():
            fn(node)


__all__ = ["CanvasScene"]
