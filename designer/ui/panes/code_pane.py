"""The code pane: the selected component's source in a ``CodeEditor``.

``CodeEditorPane`` never changes the IR: it emits ``source_edited`` once per
pause in typing (debounced); the document turns that into one undo command.
Undo/redo belong to the document's QUndoStack, not to the text widget: the
editor's own undo is off, and Ctrl+Z first flushes pending typing, then lets the
window's undo action run (or emits ``undo_requested`` when there is none).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Pipeline, SignatureError, signature_from_source
from designer.ui.code.editor import CodeEditor, new_component_source
from designer.ui.theme import text_colour

DEBOUNCE_MS = 400

class CodeEditorPane(QWidget):
    """The selected component's source, with live signature feedback.

    Signals carry what the user asked for; the document applies them:
    - ``source_edited(component_id, source)``: once per pause in typing.
    - ``new_component_requested(source)``: "New component" with a typed skeleton.
    - ``undo_requested`` / ``redo_requested``: Ctrl+Z / Ctrl+Shift+Z when no window
      action took the shortcut (pending typing is flushed first either way).
    """

    source_edited = Signal(str, str)
    new_component_requested = Signal(str)
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self._pipeline: Pipeline | None = None
        self._component_id: str | None = None
        self._setting = False            # text set by code, not typed
        self._pending = False            # typed text not yet emitted
        self._problems: list[str] = []

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.users = QLabel()
        self.users.setObjectName("users")
        self.new_button = QToolButton()
        self.new_button.clicked.connect(self._new_component)
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 4, 4)
        header.addWidget(self.title)
        header.addSpacing(8)
        header.addWidget(self.users, 1)
        header.addWidget(self.new_button)

        self.editor = CodeEditor(self)
        self.editor.setUndoRedoEnabled(False)
        self.editor.textChanged.connect(self._typed)
        self.editor.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(8, 3, 8, 3)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(_hline())
        layout.addWidget(self.editor, 1)
        layout.addWidget(_hline())
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)
        self.retranslate()   # (shows "No component")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New component"))
        self.new_button.setToolTip(self.tr("Start a new component from a typed function skeleton"))
        if self._component() is None:
            self._show_nothing()
        else:
            self._refresh()

    # ------------------------------------------------------------------ input from the document
    @property
    def component_id(self) -> str | None:
        return self._component_id

    def set_pipeline(self, pipeline: Pipeline | None) -> None:
        """The document changed: refresh the shown component (keeps unsent typing)."""
        self._pipeline = pipeline
        self._refresh()

    def set_component(self, component_id: str | None) -> None:
        """Show another component; typing still pending for the old one is sent first."""
        if component_id == self._component_id:
            return
        if self._pending and self._component_id is not None:
            # Sent from the event loop: this may run inside a document change (a command
            # removed the task), and a command must not be pushed from within another.
            self._timer.stop()
            self._pending = False
            edit = (self._component_id, self.editor.toPlainText())
            QTimer.singleShot(0, self, lambda: self.source_edited.emit(*edit))
        self._component_id = component_id
        self._refresh(force_text=True)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (1-based) and focus the editor."""
        block = self.editor.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self.editor.setTextCursor(QTextCursor(block))
            self.editor.centerCursor()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_problems(self, messages: list[str]) -> None:
        """Problems of the shown component's users (e.g. connections a signature change broke)."""
        self._problems = list(messages)
        self._update_status()

    # ------------------------------------------------------------------ typing
    @property
    def typing_pending(self) -> bool:
        """Typing is waiting for its pause (or for the event loop) to be sent."""
        return self._pending or self._timer.isActive()

    def flush(self) -> None:
        """Send typing that is waiting for its pause now."""
        self._timer.stop()
        if not self._pending or self._component_id is None:
            self._pending = False
            return
        self._pending = False
        self.source_edited.emit(self._component_id, self.editor.toPlainText())

    def _typed(self) -> None:
        if self._setting or self._component_id is None:
            return
        self._pending = True
        self._timer.start()
        self._check_source()

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802
        if obj is self.editor:
            t = event.type()
            if t == QEvent.Type.ShortcutOverride and _is_undo_redo(event):
                # Do not let the text widget take Ctrl+Z: the window's undo action should.
                self.flush()
                event.ignore()
                return True
            if t == QEvent.Type.KeyPress and _is_undo_redo(event):
                self.flush()  # no action took the shortcut: ask whoever listens
                (self.undo_requested if event.matches(QKeySequence.StandardKey.Undo)
                 else self.redo_requested).emit()
                return True
            if t == QEvent.Type.FocusOut:
                self.flush()
        return super().eventFilter(obj, event)

    def _new_component(self) -> None:
        self.flush()
        taken = {c.name for c in self._pipeline.components} if self._pipeline else set()
        name, n = "new_component", 2
        while name in taken:
            name, n = f"new_component_{n}", n + 1
        self.new_component_requested.emit(new_component_source(name))

    # ------------------------------------------------------------------ display
    def _component(self):
        if self._pipeline is None or self._component_id is None:
            return None
        comp = self._pipeline.component(self._component_id)
        # Only function components have Python source to edit here.
        return comp if comp is not None and comp.kind == "function" else None

    def _refresh(self, force_text: bool = False) -> None:
        comp = self._component()
        if comp is None:
            self._show_nothing()
            return
        self.editor.setEnabled(True)
        tasks = [t.name for t in self._pipeline.tasks if t.component_id == comp.id]
        self.title.setText(f"<b>{comp.name}</b>")
        self.users.setText(self.tr("used by %n task(s)", "", len(tasks))
                           + (f": {', '.join(tasks[:4])}{'…' if len(tasks) > 4 else ''}"
                              if tasks else ""))
        # While typing is pending, the document still holds older text: keep the typing.
        if (force_text or not self._pending) and self.editor.toPlainText() != comp.source:
            self._set_text(comp.source)
        self._check_source()

    def _set_text(self, text: str) -> None:
        old = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        self._setting = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._setting = False
        cursor = self.editor.textCursor()
        cursor.setPosition(min(old, len(text)))
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(scroll)

    def _show_nothing(self) -> None:
        self._setting = True
        try:
            self.editor.setPlainText("")
        finally:
            self._setting = False
        self.editor.set_error(None)
        self.editor.setEnabled(False)
        self.title.setText("<i>" + self.tr("No component") + "</i>")
        self.users.setText(self.tr("select a task to edit its component's code"))
        self.status.setText("")
        self._error = None

    def _check_source(self) -> None:
        """Parse the text as typed: mark a syntax error on its line."""
        try:
            sig = signature_from_source(self.editor.toPlainText())
        except SignatureError as e:
            self._error = e
            self._signature_text = ""
            self.editor.set_error(e.line or 1, str(e))
        else:
            self._error = None
            args = ", ".join(
                (f"{i.name}: {i.annotation}" if i.annotation else i.name)
                + (f" = {i.default!r}" if i.has_default else "") for i in sig.inputs)
            ret = f" -> {sig.return_annotation}" if sig.return_annotation else ""
            self._signature_text = f"{sig.function_name}({args}){ret}"
            self.editor.set_error(None)
        self._update_status()

    def _update_status(self) -> None:
        if self._component() is None:
            return
        theme = self.editor.theme
        if self._error is not None:
            where = (self.tr("Line {line}: ").format(line=self._error.line)
                     if self._error.line else "")
            self.status.setText(f"<span style='color:{theme.error.name()}'>● {where}"
                                f"{_html(self._error.message)}</span> — "
                                + self.tr("ports keep their last good state."))
        else:
            ok = text_colour("success", theme.dark).name()
            self.status.setText(f"<span style='color:{ok}'>✓</span> "
                                f"<code>{_html(self._signature_text)}</code>")
        if self._problems:
            self.status.setText(self.status.text() + "<br>" + "<br>".join(
                f"<span style='color:{theme.error.name()}'>⚠ {_html(m)}</span>"
                for m in self._problems))

    @property
    def error(self) -> SignatureError | None:
        """The error of the text as typed, if it does not parse."""
        return self._error


def _is_undo_redo(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and (
        event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))


def _hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setStyleSheet("color: palette(mid);")
    return line


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "")
