"""Help ▸ Kubeflow Concepts, F1 and What's This? (Shift+F1) in a main window.

F1 explains what the person is looking at: on the canvas, the node, port or wire under
the mouse (else the selected node, else the pipeline); in the properties pane, the
field with the focus; in a YAML preview, the line with the cursor. Shift+F1 turns the
cursor into a question mark: the next click on one of those explains what it hits
(Escape cancels). The help window shows the concept page and, for a part of the open
pipeline, where it lands in the YAML and the Python (``compiler/landing.py``).

    window.help = HelpController(window)     # main_window.py
"""
from __future__ import annotations

import html
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QCursor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from designer.compiler.explain import Explanation
from designer.compiler.landing import landing
from designer.ir.translatable import QT_TRANSLATE_NOOP
from designer.ir import OutputRef, ParamRef
from designer.ir.model import Concat
from designer.ui.canvas.group_frame import GroupFrame
from designer.ui.canvas.node_item import ParamNode, TaskNode
from designer.ui.canvas.wire_item import WireItem

if TYPE_CHECKING:
    from designer.ui.main_window import MainWindow

PARAM_PREFIX = "param:"
HELP_SHORTCUT = "F1"
WHATS_THIS_SHORTCUT = "Shift+F1"


@dataclass(frozen=True)
class Words:
    """A phrase translated when shown (the help window follows language changes)."""
    template: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        return QCoreApplication.translate("HelpController", self.template).format(
            **dict(self.args))


# What a topic is about, in words: translated when shown (context "HelpController").
ABOUT = {
    "task": QT_TRANSLATE_NOOP("HelpController", "the task {name}"),
    "param": QT_TRANSLATE_NOOP("HelpController", "the parameter {name}"),
    "input": QT_TRANSLATE_NOOP("HelpController", "the input {input} of {task}"),
    "output": QT_TRANSLATE_NOOP("HelpController", "the output {output} of {task}"),
    "after": QT_TRANSLATE_NOOP("HelpController", "{task} runs after {other}"),
    "wire": QT_TRANSLATE_NOOP("HelpController", "the wire from {source} to {task}.{input}"),
    "component": QT_TRANSLATE_NOOP("HelpController", "the component {name}"),
    "runs_after": QT_TRANSLATE_NOOP("HelpController", "what {task} runs after"),
    "group": QT_TRANSLATE_NOOP("HelpController", "the frame “{title}”"),
}


def words(which: str, **args: str) -> Words:
    return Words(ABOUT[which], tuple(args.items()))


@dataclass(frozen=True)
class Topic:
    """What to explain: a concept page and, maybe, one part of the pipeline."""
    concept: str
    about: Words | None = None          # the part, in words ("the task sum_result")
    kind: str = ""                      # landing kind: task | param | input | component
    key: str = ""
    line: Explanation | None = None     # a preview line's explanation


class _LinkRouter(QObject):
    """Opens "concept:<id>" links of any label (``help_link``) in the help window of the
    window the link is in (the active one)."""

    def __init__(self):
        super().__init__(QCoreApplication.instance())
        # Weak: a closed window's controller (and through it the window's document) must
        # not live on here.
        self._controllers: list[weakref.ref["HelpController"]] = []

    @property
    def controllers(self) -> list["HelpController"]:
        return [c for ref in self._controllers if (c := ref()) is not None]

    def add(self, controller: "HelpController") -> None:
        self._controllers = [r for r in self._controllers if r() is not None]
        self._controllers.append(weakref.ref(controller))

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        active = QApplication.activeWindow()
        alive = [c for c in self.controllers if _alive(c)]
        chosen = next((c for c in alive if c.window is active), alive[-1] if alive else None)
        if chosen is not None:
            chosen.show_topic(Topic(url.path()))


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
        return True
    except RuntimeError:
        return False


_ROUTER: _LinkRouter | None = None


def _router() -> _LinkRouter:
    global _ROUTER
    if _ROUTER is None:
        _ROUTER = _LinkRouter()
        QDesktopServices.setUrlHandler("concept", _ROUTER, "open_url")
    return _ROUTER


class HelpController(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        _router().add(self)
        self._browser = None
        self.picking = False            # What's This? mode: the next click explains
        self.last_topic: Topic | None = None
        self._mouse: QPointF | None = None   # the last mouse position on the canvas (scene)
        self._viewport = window.view.viewport()
        self._viewport.installEventFilter(self)
        self._build_menu()
        self.retranslate()

    # --- menu and shortcuts --------------------------------------------------------------

    def _build_menu(self) -> None:
        w = self.window
        self.act_concepts = QAction(w)
        self.act_concepts.triggered.connect(lambda: self.show_topic(Topic("component")))
        self.act_help = QAction(w)
        self.act_help.setShortcut(QKeySequence(HELP_SHORTCUT))
        self.act_help.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_help.triggered.connect(self.context_help)
        self.act_whats_this = QAction(w)
        self.act_whats_this.setShortcut(QKeySequence(WHATS_THIS_SHORTCUT))
        self.act_whats_this.triggered.connect(self.start_picking)
        for act in (self.act_help, self.act_whats_this):
            w.addAction(act)
        menu = getattr(w, "help_menu", None)
        if menu is None:
            menu = w.menuBar().addMenu("")
            w.help_menu = menu
        else:   # made before the Run and Settings menus: Help goes last, as everywhere
            w.menuBar().removeAction(menu.menuAction())
            w.menuBar().addAction(menu.menuAction())
        self.menu = menu
        menu.addActions([self.act_concepts, self.act_help, self.act_whats_this])
        self.concepts_menu = menu.addMenu("")
        self.concepts_menu.aboutToShow.connect(self._fill_concepts)

    def retranslate(self) -> None:
        from designer.ui.main_window import plain
        for act, text, tip in (
                (self.act_concepts, self.tr("Kubeflow &Concepts"),
                 self.tr("What components, tasks, parameters and outputs are, in short pages")),
                (self.act_help, self.tr("&Help on This"),
                 self.tr("Explain what is under the mouse or selected (F1)")),
                (self.act_whats_this, self.tr("What's &This?"),
                 self.tr("Click on a node, port, wire, field or YAML line to have it "
                         "explained (Shift+F1)"))):
            act.setText(text)
            act.setIconText(plain(text))
            act.setStatusTip(tip)
        self.menu.setTitle(self.tr("&Help"))
        self.concepts_menu.setTitle(self.tr("Concept &Pages"))
        if self._browser is not None:
            self._browser.retranslate()

    def _fill_concepts(self) -> None:
        from designer import concepts
        from designer.ui.help.browser import language
        self.concepts_menu.clear()
        for cid in concepts.concept_ids():
            self.concepts_menu.addAction(concepts.load(cid).title_in(language()),
                                         lambda c=cid: self.show_topic(Topic(c)))

    # --- showing -------------------------------------------------------------------------

    @property
    def browser(self):
        if self._browser is None:
            from designer.ui.help.browser import HelpWindow
            self._browser = HelpWindow(self.window)
        return self._browser

    def show_topic(self, topic: Topic) -> None:
        self.last_topic = topic
        excerpts = []
        if topic.kind:
            excerpts = landing(self.window.document.pipeline, topic.kind, topic.key)
        self.browser.show_concept(topic.concept, topic.about.text if topic.about else None,
                                  self._line_text(topic.line), excerpts)

    @staticmethod
    def _line_text(line: Explanation | None):
        if line is None:
            return None
        return lambda: html.escape(line.text(QCoreApplication.translate)).replace("`", "")

    def context_help(self) -> None:
        """F1: what the focus or the mouse is on."""
        focus = QApplication.focusWidget()
        topic = (self._preview_topic(focus) or self._properties_topic(focus)
                 or self._canvas_topic(self._mouse) or self._selection_topic()
                 or Topic("pipeline"))
        self.show_topic(topic)

    # --- What's This? ------------------------------------------------------------------------

    def start_picking(self) -> None:
        if self.picking:
            return
        self.picking = True
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WhatsThisCursor))
        QApplication.instance().installEventFilter(self)
        self.window.statusBar().showMessage(
            self.tr("Click on what you want explained (Escape cancels)."), 8000)

    def stop_picking(self) -> None:
        if not self.picking:
            return
        self.picking = False
        QApplication.instance().removeEventFilter(self)
        QApplication.restoreOverrideCursor()

    def _pick(self, widget: QWidget, pos: QPoint) -> None:
        self.stop_picking()
        view = self.window.view
        topic = None
        if widget is view.viewport():
            topic = self._canvas_topic(view.mapToScene(pos)) or Topic("pipeline")
        else:
            topic = self._preview_topic(widget, pos) or self._properties_topic(widget)
        self.show_topic(topic or Topic("component"))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if obj is self._viewport and kind == QEvent.Type.MouseMove:
            self._mouse = self.window.view.mapToScene(event.position().toPoint())
        elif obj is self._viewport and kind == QEvent.Type.Leave:
            self._mouse = None
        if not self.picking:
            return False
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.stop_picking()
            return True
        if kind == QEvent.Type.MouseButtonPress and isinstance(obj, QWidget) \
                and obj.window() is self.window:
            self._pick(obj, event.position().toPoint())
            return True
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick) \
                and isinstance(obj, QWidget) and obj.window() is self.window:
            return True
        return False

    # --- what is where -------------------------------------------------------------------

    def _task_name(self, task_id: str) -> str:
        task = self.window.document.pipeline.task(task_id)
        return task.name if task is not None else task_id

    def _task_topic(self, task_id: str) -> Topic:
        return Topic("task", words("task", name=self._task_name(task_id)),
                     "task", task_id)

    def _param_topic(self, name: str) -> Topic:
        return Topic("parameter", words("param", name=name),
                     "param", name)

    def _input_topic(self, task_id: str, input_name: str) -> Topic:
        task = self.window.document.pipeline.task(task_id)
        arg = task.arguments.get(input_name) if task is not None else None
        concept = "output" if isinstance(arg, OutputRef) else "parameter"
        return Topic(concept, words("input",
            input=input_name, task=self._task_name(task_id)), "input",
            f"{task_id}/{input_name}")

    def _canvas_topic(self, pos: QPointF | None) -> Topic | None:
        if pos is None:
            return None
        scene = self.window.scene
        hit = scene.port_at(pos)
        if hit is not None:
            node, port = hit
            if isinstance(node, ParamNode):
                return self._param_topic(node.name)
            if port.output:
                return Topic("output", words("output",
                    output=port.name, task=self._task_name(node.key)), "task", node.key)
            return self._input_topic(node.key, port.name)
        for item in scene.items(pos):
            if isinstance(item, WireItem):
                return self._wire_topic(item)
            if isinstance(item, TaskNode):
                return self._task_topic(item.key)
            if isinstance(item, ParamNode):
                return self._param_topic(item.name)
            if isinstance(item, GroupFrame):   # its border or title bar (what catches clicks)
                return Topic("control-flow", words("group", title=item.title))
        return None

    def _wire_topic(self, wire: WireItem) -> Topic:
        target = wire.target.key
        if wire.after:
            return Topic("dependency", words("after",
                task=self._task_name(target), other=self._task_name(wire.source.key)),
                "task", target)
        task = self.window.document.pipeline.task(target)
        arg = task.arguments.get(wire.target_port) if task is not None else None
        if isinstance(arg, Concat) and wire.source is not None:
            # One of an expression's sources: the wire's own source says which.
            key = wire.source.key
            arg = (ParamRef(key[len(PARAM_PREFIX):]) if key.startswith(PARAM_PREFIX)
                   else OutputRef(key, wire.source_port))
        if isinstance(arg, ParamRef):
            return Topic("parameter", words("wire",
                source=arg.name, task=self._task_name(target), input=wire.target_port),
                "input", f"{target}/{wire.target_port}")
        source = self._task_name(arg.task_id) if isinstance(arg, OutputRef) else "?"
        return Topic("dependency", words("wire",
            source=source, task=self._task_name(target), input=wire.target_port),
            "input", f"{target}/{wire.target_port}")

    def _selection_topic(self) -> Topic | None:
        keys = self.window.scene.selected_keys()
        if not keys:
            return None
        key = keys[0]
        if key.startswith(PARAM_PREFIX):
            return self._param_topic(key[len(PARAM_PREFIX):])
        return self._task_topic(key)

    def _properties_topic(self, widget: QWidget | None) -> Topic | None:
        panes = getattr(self.window, "panes", None)
        if panes is None or widget is None:
            return None
        props = panes.properties
        task_id = props.task_id
        if task_id is None or not props.isAncestorOf(widget):
            return None
        fields = {"name": props.name_edit, "after": props.after_list,
                  "base_image": props.image_edit, "packages": props.packages_edit,
                  "run": props.run_label}
        inputs = {**{n: w for n, w in props.wire_labels.items()},
                  **{n: w for n, w in props.value_editors.items()}}
        while widget is not None and widget is not props:
            for field, w in fields.items():
                if w is widget:
                    return self._field_topic(task_id, field)
            for name, w in inputs.items():
                if w is widget:
                    return self._input_topic(task_id, name)
            widget = widget.parentWidget()
        return self._task_topic(task_id)

    def _field_topic(self, task_id: str, field: str) -> Topic:
        task = self.window.document.pipeline.task(task_id)
        if field in ("base_image", "packages") and task is not None:
            comp = self.window.document.pipeline.component(task.component_id)
            name = comp.name if comp is not None else task.component_id
            return Topic("component", words("component", name=name),
                         "component", task.component_id)
        if field == "after":
            return Topic("dependency", words("runs_after",
                task=self._task_name(task_id)), "task", task_id)
        if field == "run":
            return Topic("local-run", self._task_topic(task_id).about, "task", task_id)
        return self._task_topic(task_id)

    def _preview_topic(self, widget: QWidget | None, pos: QPoint | None = None
                       ) -> Topic | None:
        panes = getattr(self.window, "panes", None)
        if panes is None or widget is None:
            return None
        for key, tips in panes.previews.tips.items():
            editor = tips.view.editor
            if widget is editor or widget is editor.viewport():
                if pos is None:
                    line = editor.caret_line()
                else:
                    viewport = editor.viewport()
                    line = editor.line_at(pos if widget is viewport
                                          else viewport.mapFrom(widget, pos))
                found = tips.explain(line + 1)
                if found is None:
                    return None
                if found.node and found.node.startswith(PARAM_PREFIX):
                    kind, node = "param", found.node[len(PARAM_PREFIX):]
                    about = words("param", name=node)
                elif found.node:
                    kind, node = "task", found.node
                    about = self._task_topic(node).about
                else:
                    kind, node, about = "", "", None
                return Topic(found.concept or "yaml", about, kind, node, found)
        return None


__all__ = ["HelpController", "Topic", "HELP_SHORTCUT", "WHATS_THIS_SHORTCUT"]
