"""Explain this YAML in the previews: hovering a line of the KFP v1 or v2 YAML shows what
it is and which node or setting produced it (``designer/compiler/explain.py``, whose
sentences are translated here); a click selects that node (``PreviewPane._clicked``).

The explainer of a text is built on the first hover after the text changed: at once for a
text of up to SYNC_LINES lines (a few milliseconds), in a thread for a longer one (about a
second for 90,000 lines, tests/bench/explain_bench.py), the tooltip saying so meanwhile.
Nobody pays for it who does not hover.
"""
from __future__ import annotations

import html
import threading
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCursor, QHelpEvent
from PySide6.QtWidgets import QToolTip

from designer.compiler.explain import Explainer, Explanation
from designer.ir import Pipeline

if TYPE_CHECKING:
    from designer.ui.preview.pane import PreviewView

PARAM_PREFIX = "param:"
SYNC_LINES = 20000     # longer texts are read in a thread


class ExplainTips(QObject):
    _built = Signal(object, object)   # key, Explainer (from the building thread)

    def __init__(self, view: "PreviewView", pipeline: Callable[[], Pipeline | None]):
        super().__init__(view)
        self.view = view
        self._pipeline = pipeline
        self._explainer: Explainer | None = None
        self._for: tuple | None = None    # (source map id, text) the explainer was made for
        self._building: tuple | None = None
        self.last_tip = ""                # the last tooltip shown (tests read it)
        self._built.connect(self._done, Qt.ConnectionType.QueuedConnection)
        view.editor.viewport().installEventFilter(self)

    @property
    def building(self) -> bool:
        return self._building is not None

    def explainer(self) -> Explainer | None:
        """The current text's explainer; None while there is none yet (no text, or it is
        being read in a thread)."""
        view, pipeline = self.view, self._pipeline()
        if pipeline is None or not view.shown:
            return None
        key = (id(view.source_map), view.shown)
        if self._explainer is not None and self._for == key:
            return self._explainer
        args = (pipeline, view.shown, view.source_map, view.tab.key)
        if view.shown.count("\n") < SYNC_LINES:
            self._explainer, self._for = Explainer(*args), key
            return self._explainer
        if self._building != key:
            self._building = key
            threading.Thread(target=lambda: self._built.emit(key, Explainer(*args)),
                             daemon=True, name="kfp-explain").start()
        return None

    def _done(self, key: tuple, explainer: Explainer) -> None:
        if key != self._building:
            return   # an older text's
        self._building = None
        self._explainer, self._for = explainer, key
        viewport = self.view.editor.viewport()
        if QToolTip.isVisible() and viewport.underMouse():   # the tooltip waits for it
            point = viewport.mapFromGlobal(QCursor.pos())
            line = self.view.editor.line_at(point) + 1
            self.last_tip = self.tooltip(line)
            QToolTip.showText(QCursor.pos(), self.last_tip, viewport)

    def explain(self, line: int) -> Explanation | None:
        explainer = self.explainer()
        return explainer.line(line) if explainer is not None else None

    def node_at(self, line: int) -> str | None:
        found = self.explain(line)
        return found.node if found is not None else None

    def tooltip(self, line: int) -> str:
        """The tooltip of ``line`` (1-based), rich text; "" for none."""
        found = self.explain(line)
        if found is None:
            return self.tr("Reading the YAML…") if self.building else ""
        translate = QCoreApplication.translate
        parts = []
        if found.path:
            parts.append(f"<code>{html.escape(found.path)}</code>")
        parts.append(html.escape(found.text(translate)).replace("`", ""))
        pipeline = self._pipeline()
        if found.node and pipeline is not None:
            if found.node.startswith(PARAM_PREFIX):
                made = self.tr("Made by the parameter {name}: click to select it.").format(
                    name=found.node[len(PARAM_PREFIX):])
            else:
                task = pipeline.task(found.node)
                made = self.tr("Made by the task {name}: click to select it.").format(
                    name=task.name if task else found.node)
            parts.append(f"<i>{html.escape(made)}</i>")
        if found.concept:
            parts.append("<i>" + html.escape(self.tr("F1: the Kubeflow concept behind it."))
                         + "</i>")
        return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            editor = self.view.editor
            tip = self.tooltip(editor.line_at(event.pos()) + 1)
            self.last_tip = tip
            if tip:
                QToolTip.showText(event.globalPos(), tip, editor.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)


__all__ = ["ExplainTips"]
