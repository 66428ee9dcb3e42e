"""Explain this YAML in the previews: hovering a line of the KFP v1 or v2 YAML shows what
it is and which node or setting produced it (``designer/compiler/explain.py``, whose
sentences are translated here); a click selects that node (``PreviewPane._clicked``).

The explainer of a text is built on the first hover after the text changed (composing a
long YAML costs a moment; nobody pays it who does not hover).
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from designer.compiler.explain import Explainer, Explanation
from designer.ir import Pipeline

if TYPE_CHECKING:
    from designer.ui.preview.pane import PreviewView

PARAM_PREFIX = "param:"


class ExplainTips(QObject):
    def __init__(self, view: "PreviewView", pipeline: Callable[[], Pipeline | None]):
        super().__init__(view)
        self.view = view
        self._pipeline = pipeline
        self._explainer: Explainer | None = None
        self._for: tuple | None = None    # (text, source map) the explainer was made for
        self.last_tip = ""                # the last tooltip shown (tests read it)
        view.editor.viewport().installEventFilter(self)

    def explainer(self) -> Explainer | None:
        view, pipeline = self.view, self._pipeline()
        if pipeline is None or not view.shown or view.busy:
            return None
        key = (id(view.source_map), view.shown)
        if self._explainer is None or self._for != key:
            self._explainer = Explainer(pipeline, view.shown, view.source_map, view.tab.key)
            self._for = key
        return self._explainer

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
            return ""
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
            cursor = editor.cursorForPosition(event.pos())
            tip = self.tooltip(cursor.blockNumber() + 1)
            self.last_tip = tip
            if tip:
                QToolTip.showText(event.globalPos(), tip, editor.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)


__all__ = ["ExplainTips"]
