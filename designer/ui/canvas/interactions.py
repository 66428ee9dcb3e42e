"""Wire drawing: a live rubber wire follows the mouse, compatible ports light up.

Started by pressing a port. From an output (or parameter) it looks for an
input; from an empty input it looks for an output; from a connected input it
picks the wire up, so dropping it elsewhere re-routes it and dropping it on
empty canvas disconnects it. The interaction only asks the editor to act; the
refusal reason comes from ``designer.model.rules`` so every view agrees.

A stale wire (issue #5) is picked up by its broken end: one whose input is gone
keeps its source and re-routes onto another input; one whose source is gone keeps
its input and takes a new source. Either way the drop is one command.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from designer.ir import OutputRef, ParamRef
from designer.ir.graph import downstream_edges, reachable, upstream_edges
from designer.ir.port_types import may_wire
from designer.model.rules import PARAM_PREFIX, Source, connection_refusal
from designer.ui.canvas.node_item import (
    BAD,
    HOVER,
    OK,
    NodeItem,
    ParamNode,
    Port,
    TaskNode,
)
from designer.ui.canvas.wire_item import RubberWire
from designer.ui.messages import refusal_text

if TYPE_CHECKING:
    from designer.ui.canvas.editor import CanvasEditor
    from designer.ui.canvas.scene import CanvasScene


class ConnectInteraction:
    def __init__(self, scene: "CanvasScene", editor: "CanvasEditor", node: NodeItem, port: Port):
        self.scene, self.editor = scene, editor
        self.doc = editor.doc
        self.picked_up: tuple[str, str] | None = None
        self._hidden = None
        # True when a picked-up wire keeps its input end and looks for a new source.
        self._new_source = False
        if not port.output:
            task = self.doc.task(node.key)
            arg = task.arguments.get(port.name) if task else None
            if isinstance(arg, (OutputRef, ParamRef)):
                # Pick the existing wire up by its loose end.
                self.picked_up = (node.key, port.name)
                self._hidden = scene.wires.get(self.picked_up)
                if self._hidden is not None:
                    self._hidden.set_shown(False)
                source = self._source_of(arg)
                if source is not None:
                    node, port = source
                else:  # its source is gone: the input end stays, a new source is wanted
                    self._new_source = True
        self.fixed_node, self.fixed_port = node, port
        self.from_output = port.output
        fixed_pos = (node.output_pos(port.name) if port.output else node.input_pos(port.name))
        self.rubber = RubberWire(fixed_pos, self.from_output, port.colour)
        scene.addItem(self.rubber)
        self._hover: tuple[NodeItem, Port] | None = None
        self._candidates = self._find_candidates()
        for key, names in self._candidates.items():
            scene.nodes[key].set_highlight({(not self.from_output, n): OK for n in names})
        self.editor.show_message(QCoreApplication.translate(
            "ConnectInteraction", "Drop the wire on a highlighted port (Esc cancels)."))

    def _source_of(self, arg: OutputRef | ParamRef) -> tuple[NodeItem, Port] | None:
        """The node and real output a wire reads, or None when they no longer exist."""
        if isinstance(arg, ParamRef):
            node = self.scene.nodes.get(PARAM_PREFIX + arg.name)
            return (node, node.outputs[0]) if node is not None and node.outputs else None
        node = self.scene.nodes.get(arg.task_id)
        port = next((p for p in node.outputs if p.name == arg.output), None) if node else None
        return (node, port) if port is not None else None

    # --- which ports may take the wire ----------------------------------------------------------

    def _find_candidates(self) -> dict[str, list[str]]:
        p = self.doc.pipeline
        ptype = self.fixed_port.ptype   # a value or an artifact: kfp's wiring rules
        if self.from_output:
            if isinstance(self.fixed_node, ParamNode):
                blocked: set[str] = set()
            else:
                blocked = reachable(self.fixed_node.key, upstream_edges(p))  # itself, ancestors
            out: dict[str, list[str]] = {}
            for key, node in self.scene.nodes.items():
                if isinstance(node, TaskNode) and key not in blocked:
                    names = [i.name for i in node.inputs if may_wire(ptype, i.ptype)]
                    if names:
                        out[key] = names
            return out
        blocked = reachable(self.fixed_node.key, downstream_edges(p))  # itself, descendants
        out = {}
        for key, node in self.scene.nodes.items():
            if key in blocked:
                continue
            names = [o.name for o in node.outputs if may_wire(o.ptype, ptype)]
            if names:
                out[key] = names
        return out

    def _target_at(self, pos: QPointF) -> tuple[NodeItem, Port] | None:
        """The port of the other kind under the cursor (its circle, or its row on a node)."""
        hit = self.scene.port_at(pos)
        if hit is not None and hit[1].output != self.from_output:
            return hit
        node = self.scene.node_at(pos)
        if node is not None and node is not self.fixed_node:
            port = node.row_port_at(node.mapFromScene(pos))
            if port is not None and port.output != self.from_output:
                return node, port
        return None

    def _problem(self, node: NodeItem, port: Port) -> tuple[Source, str, str, str | None]:
        if self.from_output:
            src_node, src_port, dst_node, dst_port = self.fixed_node, self.fixed_port, node, port
        else:
            src_node, src_port, dst_node, dst_port = node, port, self.fixed_node, self.fixed_port
        source = Source(src_node.key, src_port.name)
        if (self.picked_up is not None and not self._new_source
                and (dst_node.key, dst_port.name) == self.picked_up):
            return source, dst_node.key, dst_port.name, None
        refusal = connection_refusal(self.doc.pipeline, source, dst_node.key, dst_port.name)
        problem = refusal_text(refusal) if refusal is not None else None
        return source, dst_node.key, dst_port.name, problem

    # --- mouse ----------------------------------------------------------------------------------

    def _set_hover(self, hit: tuple[NodeItem, Port] | None, state: int) -> None:
        if self._hover is not None:
            node, port = self._hover
            names = self._candidates.get(node.key, [])
            node.set_highlight({(not self.from_output, n): OK for n in names})
        self._hover = hit
        if hit is not None:
            node, port = hit
            states = dict(node.highlight)
            states[(port.output, port.name)] = state
            node.set_highlight(states)

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        hit = self._target_at(pos)
        if hit is None:
            self.rubber.refused = False
            self.rubber.set_free_end(pos)
            self._set_hover(None, 0)
            return
        node, port = hit
        _src, _task, _input, problem = self._problem(node, port)
        anchor = node.output_pos(port.name) if port.output else node.input_pos(port.name)
        self.rubber.refused = problem is not None
        self.rubber.set_free_end(anchor)
        self._set_hover(hit, BAD if problem else HOVER)
        if problem:
            self.editor.show_message(problem)
        else:
            self.editor.show_message(QCoreApplication.translate(
                "ConnectInteraction", "Release to connect to {port}.").format(port=port.name))
        event.accept()

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        hit = self._target_at(pos)
        picked = self.picked_up
        self.finish()
        if hit is None:
            if picked is not None:
                self.editor.disconnect(*picked)
            else:
                self.editor.show_message(QCoreApplication.translate("ConnectInteraction",
                                                                    "No wire drawn."))
            return
        source, task_id, input_name, problem = self._problem(*hit)
        if problem:
            self.editor.refuse(problem, pos)
        elif picked is not None and picked == (task_id, input_name) and not self._new_source:
            self.editor.show_message(QCoreApplication.translate("ConnectInteraction",
                                                                "Wire unchanged."))
        else:
            self.editor.connect(source, task_id, input_name, replacing=picked)
        event.accept()

    def finish(self) -> None:
        self.scene.interaction = None
        self.scene.removeItem(self.rubber)
        if self._hidden is not None and self._hidden.scene() is not None:
            self._hidden.set_shown(True)
        for key in self._candidates:
            node = self.scene.nodes.get(key)
            if node is not None:
                node.set_highlight({})
        if self._hover is not None:
            self._hover[0].set_highlight({})

    def cancel(self) -> None:
        self.finish()
        self.editor.show_message(QCoreApplication.translate("ConnectInteraction",
                                                            "Wire cancelled."))
