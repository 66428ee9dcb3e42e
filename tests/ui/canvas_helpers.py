"""Real mouse and drag-and-drop gestures on the canvas view, in scene coordinates."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def vp(view, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def drop_component(window, name: str, scene_pos: QPointF, group=None) -> None:
    """Drag a library entry onto the canvas: the drag events a real drop delivers."""
    panel = window.library
    item = panel.find(name, group)
    assert item is not None, f"no library entry {name}"
    mime = panel.mime_for(item)
    view = window.view
    target = vp(view, scene_pos)
    actions = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(target, actions, mime, Qt.MouseButton.LeftButton, NO_MOD),
                  QDragMoveEvent(target, actions, mime, Qt.MouseButton.LeftButton, NO_MOD),
                  QDropEvent(QPointF(target), actions, mime, Qt.MouseButton.LeftButton, NO_MOD)):
        QApplication.sendEvent(view.viewport(), event)


def _send(view, kind: QEvent.Type, pos: QPoint, button, buttons, modifiers=NO_MOD) -> None:
    viewport = view.viewport()
    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons,
                        modifiers)
    QApplication.sendEvent(viewport, event)


def mouse_drag(view, start: QPointF, end: QPointF, steps: int = 6,
               modifiers=NO_MOD) -> None:
    """Press at ``start``, move in steps with the button held, release at ``end``."""
    a, b = vp(view, start), vp(view, end)
    _send(view, QEvent.Type.MouseMove, a, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    _send(view, QEvent.Type.MouseButtonPress, a, LEFT, LEFT, modifiers)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        _send(view, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT, modifiers)
    _send(view, QEvent.Type.MouseButtonRelease, b, LEFT, Qt.MouseButton.NoButton, modifiers)


def press_move(view, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press and move without releasing (to look at a gesture in progress)."""
    a, b = vp(view, start), vp(view, end)
    _send(view, QEvent.Type.MouseButtonPress, a, LEFT, LEFT)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        _send(view, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT)


def release(view, at: QPointF) -> None:
    _send(view, QEvent.Type.MouseButtonRelease, vp(view, at), LEFT, Qt.MouseButton.NoButton)


def click(view, at: QPointF, modifiers=NO_MOD) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifiers, vp(view, at))


def wire(window, source_key: str, output: str | None, target_key: str, input_name: str) -> None:
    """Draw a wire with the mouse from an output port to an input port."""
    scene = window.scene
    src = scene.nodes[source_key]
    dst = scene.nodes[target_key]
    mouse_drag(window.view, src.output_pos(output or src.outputs[0].name),
               dst.input_pos(input_name))


def key(view, key, modifiers=NO_MOD) -> None:
    QTest.keyClick(view.viewport(), key, modifiers)
