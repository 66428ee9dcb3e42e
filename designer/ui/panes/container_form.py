"""The container step form: a container component's image, command, args (one item a line,
input/output placeholders inserted from a menu) and declared inputs and outputs, shown in
the Code dock in place of the code editor when the selected task runs a container.

The form never changes the IR: each finished edit (a field left, a placeholder inserted, a
table cell changed, a port added or removed) emits ``fields_edited`` once with the whole
``ContainerFields``; the controller pushes one command for it. A step the form cannot write
back exactly — loaded from a file or URL (edit the file), a kfp 1 ContainerOp or a kfp 2
container component (defined in Python), one with ``if`` placeholders — is shown read-only,
saying why.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir.components import ContainerComponent
from designer.ir.container_fields import (
    ARTIFACT_TYPES,
    VALUE_TYPES,
    ContainerFields,
    PortDecl,
    fields_of,
    placeholder_text,
)
from designer.ui.theme import set_text_role


def read_only_reason(comp: ContainerComponent) -> str:
    """Why the form cannot edit ``comp`` ("" when it can)."""
    from PySide6.QtCore import QCoreApplication
    tr = lambda text: QCoreApplication.translate("ContainerForm", text)  # noqa: E731
    if comp.origin == "op":
        return tr("A kfp 1 ContainerOp: edit it in the Python file it came from.")
    if comp.origin == "v2":
        return tr("A kfp 2 container component: edit its function in the Python file.")
    if comp.spec_path or comp.spec_url:
        return tr("Loaded from {where}: edit that file (the pipeline loads it as it is)."
                  ).format(where=comp.spec_path or comp.spec_url)
    if fields_of(comp) is None:
        return tr("Its command uses placeholders the form does not show (if/else, URIs, env): "
                  "edit its YAML.")
    return ""


class _Lines(QPlainTextEdit):
    """Command or args, one item a line; losing the focus finishes the edit."""
    finished = Signal()
    shown = ""   # the text the document last gave it: anything else is typing not yet sent

    @property
    def pending(self) -> bool:
        return self.toPlainText().rstrip("\n") != self.shown

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.finished.emit()


class ContainerForm(QWidget):
    fields_edited = Signal(str, object, str)   # component id, ContainerFields, what changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comp: ContainerComponent | None = None
        self._users: list[str] = []
        self._fields: ContainerFields | None = None
        self._filling = False
        self.placeholder_menu: QMenu | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.name_edit, self.image_edit, self.description_edit = QLineEdit(), QLineEdit(), \
            QLineEdit()
        for edit, what in ((self.name_edit, "name"), (self.image_edit, "image"),
                           (self.description_edit, "description")):
            edit.editingFinished.connect(lambda w=what: self._commit(w))
        self.command_edit, self.args_edit = _Lines(), _Lines()
        self._target = self.args_edit   # where "Insert placeholder" types
        for edit, what in ((self.command_edit, "command"), (self.args_edit, "args")):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            edit.finished.connect(lambda w=what: self._commit(w))
            edit.installEventFilter(self)
        self.insert_button = QToolButton()
        self.insert_button.clicked.connect(self.show_placeholder_menu)
        self.inputs_table = self._table(3)
        self.outputs_table = self._table(2)
        self.add_input, self.remove_input = QPushButton("+"), QPushButton("−")
        self.add_output, self.remove_output = QPushButton("+"), QPushButton("−")
        self.add_input.clicked.connect(lambda: self._add_port(True))
        self.add_output.clicked.connect(lambda: self._add_port(False))
        self.remove_input.clicked.connect(lambda: self._remove_port(True))
        self.remove_output.clicked.connect(lambda: self._remove_port(False))
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()

        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(8, 4, 8, 8)
        outer.addWidget(self.title)
        outer.addWidget(self.note)
        # Left: what runs; right: the ports it declares (the Code dock is wide, not tall).
        self.labels = [QLabel() for _ in range(7)]
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.addRow(self.labels[0], self.name_edit)
        left.addRow(self.labels[1], self.image_edit)
        left.addRow(self.labels[2], self.description_edit)
        left.addRow(self.labels[3], self.command_edit)
        args_box = QVBoxLayout()
        args_box.addWidget(self.args_edit)
        args_box.addWidget(self.insert_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addRow(self.labels[4], args_box)
        right.addRow(self.labels[5], self._with_buttons(self.inputs_table, self.add_input,
                                                        self.remove_input))
        right.addRow(self.labels[6], self._with_buttons(self.outputs_table, self.add_output,
                                                        self.remove_output))
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        outer.addLayout(columns)
        outer.addWidget(self.error)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

    # --- building ---------------------------------------------------------------------------

    def _table(self, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setFixedHeight(96)
        # No delayed "click a selected cell" edit: a click selects (for "−"), a double-click,
        # F2 or typing edits.
        triggers = QAbstractItemView.EditTrigger
        table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed
                              | triggers.AnyKeyPressed)
        table.itemChanged.connect(lambda _item: self._commit("ports"))
        return table

    @staticmethod
    def _with_buttons(table: QTableWidget, add: QPushButton, remove: QPushButton) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(table)
        row = QHBoxLayout()
        for button in (add, remove):
            button.setFixedWidth(32)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return box

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        labels = (self.tr("Name"), self.tr("Image"), self.tr("Description"), self.tr("Command"),
                  self.tr("Arguments"), self.tr("Inputs"), self.tr("Outputs"))
        for label, text in zip(self.labels, labels):
            label.setText(text)
        self.image_edit.setPlaceholderText(self.tr("e.g. python:3.11 or alpine"))
        self.command_edit.setPlaceholderText(self.tr("One item a line, e.g.\nsh\n-c"))
        self.args_edit.setPlaceholderText(self.tr("One item a line; insert placeholders for "
                                                  "the ports from the menu below"))
        self.insert_button.setText(self.tr("Insert placeholder ▾"))
        self.insert_button.setToolTip(self.tr("Insert an input's value or file path, or an "
                                              "output's file path, at the cursor"))
        self.inputs_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Type"),
                                                     self.tr("Default")])
        self.outputs_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Type")])
        for button, tip in ((self.add_input, self.tr("Declare an input")),
                            (self.remove_input, self.tr("Remove the selected input")),
                            (self.add_output, self.tr("Declare an output")),
                            (self.remove_output, self.tr("Remove the selected output"))):
            button.setToolTip(tip)
        if self._comp is not None:
            self._show_title()

    # --- showing a component ----------------------------------------------------------------

    @property
    def component_id(self) -> str | None:
        return self._comp.id if self._comp is not None else None

    def set_component(self, comp: ContainerComponent | None, users: list[str] = ()) -> None:
        """Show ``comp`` (the document's current state); edits being typed stay."""
        same = comp is not None and self._comp is not None and comp.id == self._comp.id
        self._comp, self._users = comp, list(users)
        if comp is None:
            self._fields = None
            return
        if not same:
            self.error.hide()
        reason = read_only_reason(comp)
        self._fields = fields_of(comp)
        self.note.setText(reason)
        self.note.setVisible(bool(reason))
        editable = not reason
        for widget in (self.name_edit, self.image_edit, self.description_edit):
            widget.setReadOnly(not editable)
        for widget in (self.command_edit, self.args_edit):
            widget.setReadOnly(not editable)
        for widget in (self.insert_button, self.add_input, self.remove_input, self.add_output,
                       self.remove_output, self.inputs_table, self.outputs_table):
            widget.setEnabled(editable)
        self._show_title()
        self._fill(self._fields or self._plain_fields(comp), keep_focus=same)

    def _show_title(self) -> None:
        comp = self._comp
        users = self._users
        text = f"<b>{_html(comp.name)}</b> — " + self.tr("container step")
        if users:
            text += " · " + self.tr("used by %n task(s)", "", len(users))
        self.title.setText(text)

    @staticmethod
    def _plain_fields(comp: ContainerComponent) -> ContainerFields:
        """What a read-only step shows when its parts have no line form."""
        def text(parts) -> tuple[str, ...]:
            return tuple(p if isinstance(p, str) else repr(p) for p in parts)
        return ContainerFields(comp.name, comp.image, comp.description or "",
                               text(comp.command), text(comp.args),
                               tuple(PortDecl(i.name, i.type or "") for i in comp.signature.inputs),
                               tuple(PortDecl(o.name, o.type or "")
                                     for o in comp.signature.outputs))

    def _fill(self, f: ContainerFields, keep_focus: bool) -> None:
        self._filling = True
        try:
            # A field being typed in keeps its text (it is sent when it is finished); every
            # other field shows the document (after an undo too).
            for edit, value in ((self.name_edit, f.name), (self.image_edit, f.image),
                                (self.description_edit, f.description)):
                typing = keep_focus and edit.hasFocus() and edit.isModified()
                if not typing and edit.text() != value:
                    edit.setText(value)
            for edit, lines in ((self.command_edit, f.command), (self.args_edit, f.args)):
                text = "\n".join(lines)
                typing = keep_focus and edit.hasFocus() and edit.pending
                if not typing and edit.toPlainText().rstrip("\n") != text:
                    edit.setPlainText(text)
                edit.shown = text
            self._fill_table(self.inputs_table, f.inputs, True)
            self._fill_table(self.outputs_table, f.outputs, False)
        finally:
            self._filling = False

    def _fill_table(self, table: QTableWidget, ports: tuple[PortDecl, ...], inputs: bool) -> None:
        if self._table_ports(table, inputs) == ports:
            return
        table.setRowCount(len(ports))
        for row, port in enumerate(ports):
            table.setItem(row, 0, QTableWidgetItem(port.name))
            combo = table.cellWidget(row, 1)
            if not isinstance(combo, QComboBox):
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(("",) + VALUE_TYPES + ARTIFACT_TYPES)
                # Chosen from the list, or typed and finished (Enter, focus out): one edit,
                # never one per keystroke.
                combo.activated.connect(lambda _i: self._commit("ports"))
                combo.lineEdit().editingFinished.connect(lambda: self._commit("ports"))
                table.setCellWidget(row, 1, combo)
            combo.blockSignals(True)
            combo.setCurrentText(port.type)
            combo.blockSignals(False)
            if inputs:
                table.setItem(row, 2, QTableWidgetItem(port.default or ""))

    # --- reading the form -------------------------------------------------------------------

    def _table_ports(self, table: QTableWidget, inputs: bool) -> tuple[PortDecl, ...]:
        ports = []
        for row in range(table.rowCount()):
            name_item = table.item(row, 0)
            combo = table.cellWidget(row, 1)
            default_item = table.item(row, 2) if inputs else None
            default = default_item.text() if default_item is not None else ""
            old = self._old_port(inputs, row)
            ports.append(PortDecl(name_item.text().strip() if name_item else "",
                                  combo.currentText().strip() if isinstance(combo, QComboBox)
                                  else "", default if default else None,
                                  bool(old and old.optional and not default)))
        return tuple(ports)

    def _old_port(self, inputs: bool, row: int) -> PortDecl | None:
        if self._fields is None:
            return None
        ports = self._fields.inputs if inputs else self._fields.outputs
        return ports[row] if row < len(ports) else None

    def fields(self) -> ContainerFields:
        """What the form says now."""
        def lines(edit: QPlainTextEdit) -> tuple[str, ...]:
            # A line break typed at the end is where the next item will go, not an empty
            # argument (one in between is: ``""`` is a valid argument).
            text = edit.toPlainText().rstrip("\n")
            return tuple(text.split("\n")) if text else ()
        return ContainerFields(self.name_edit.text().strip(), self.image_edit.text().strip(),
                               self.description_edit.text().strip(), lines(self.command_edit),
                               lines(self.args_edit),
                               self._table_ports(self.inputs_table, True),
                               self._table_ports(self.outputs_table, False))

    def _commit(self, what: str) -> None:
        if self._filling or self._comp is None or self._fields is None \
                or read_only_reason(self._comp):
            return
        fields = self.fields()
        if fields != self._fields:
            self.error.hide()
            self.fields_edited.emit(self._comp.id, fields, self._what(what))

    def _what(self, what: str) -> str:
        return {"name": self.tr("name"), "image": self.tr("image"),
                "description": self.tr("description"), "command": self.tr("command"),
                "args": self.tr("arguments"), "ports": self.tr("ports")}.get(what, what)

    def show_error(self, message: str) -> None:
        """The last edit was refused: say why (the document keeps the step as it was)."""
        self.error.setText(message)
        self.error.show()

    # --- ports ------------------------------------------------------------------------------

    def _add_port(self, inputs: bool) -> None:
        if self._fields is None:
            return
        f = self.fields()
        taken = {p.name for p in (f.inputs if inputs else f.outputs)}
        base = "input" if inputs else "output"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        port = PortDecl(name, "String")
        f = replace(f, inputs=f.inputs + (port,)) if inputs else replace(f, outputs=f.outputs
                                                                            + (port,))
        self.fields_edited.emit(self._comp.id, f, self.tr("ports"))

    def _remove_port(self, inputs: bool) -> None:
        table = self.inputs_table if inputs else self.outputs_table
        row = table.currentRow()
        if self._fields is None or row < 0:
            return
        f = self.fields()
        ports = list(f.inputs if inputs else f.outputs)
        del ports[row]
        f = replace(f, inputs=tuple(ports)) if inputs else replace(f, outputs=tuple(ports))
        self.fields_edited.emit(self._comp.id, f, self.tr("ports"))

    # --- placeholders -----------------------------------------------------------------------

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802
        if obj in (self.command_edit, self.args_edit) and event.type() == QEvent.Type.FocusIn:
            self._target = obj
        return super().eventFilter(obj, event)

    def placeholder_choices(self) -> list[tuple[str, str]]:
        """(menu text, placeholder) for every declared port."""
        f = self.fields()
        out = []
        for p in f.inputs:
            out.append((self.tr("Value of input {name}").format(name=p.name),
                        placeholder_text("inputValue", p.name)))
            out.append((self.tr("File path of input {name}").format(name=p.name),
                        placeholder_text("inputPath", p.name)))
        for p in f.outputs:
            out.append((self.tr("File path of output {name}").format(name=p.name),
                        placeholder_text("outputPath", p.name)))
        return out

    def show_placeholder_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        choices = self.placeholder_choices()
        if not choices:
            menu.addAction(self.tr("Declare an input or an output first")).setEnabled(False)
        for text, placeholder in choices:
            menu.addAction(text, lambda p=placeholder: self.insert_placeholder(p))
        menu.popup(self.insert_button.mapToGlobal(QPoint(0, self.insert_button.height())))
        self.placeholder_menu = menu
        return menu

    def insert_placeholder(self, placeholder: str) -> None:
        """Type ``placeholder`` at the cursor of the command or args (the last one focused)
        and finish the edit: one step."""
        edit = self._target
        edit.insertPlainText(placeholder)
        self._commit("command" if edit is self.command_edit else "args")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["ContainerForm", "read_only_reason"]
