"""The main window: library left, canvas centre, docks for the other panes, menus.

Panes from other modules plug in with ``set_pane(name, widget)``; they follow
``window.document`` signals and ``window.selection_changed`` (selected task ids).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QToolBar,
    QUndoView,
    QWidget,
)

from designer.model.document import Document
from designer.persist import Project
from designer.ui.canvas.editor import CanvasEditor
from designer.ui.canvas.scene import CanvasScene
from designer.ui.canvas.view import CanvasView
from designer.ui.deferred import after_first_paint
from designer.ui.file_actions import FileActions
from designer.ui.i18n import ensure_language
from designer.ui.panes.library import LibraryPanel
from designer.ui.theme import THEMES, apply_theme, save_theme, saved_theme, svg_icon

if TYPE_CHECKING:
    from designer.ui.run.session import RunSession

APP_NAME = "kfp-designer"

_BOTTOM_TABS = ("code", "preview", "problems", "run")   # tabbed together below the canvas
_WINDOWS: list["MainWindow"] = []   # open windows (kept alive; removed when closed)


def icon(name: str) -> QIcon:
    """A bundled icon drawn in the palette's text colour (``theme.svg_icon``)."""
    return svg_icon(name)


class MainWindow(QMainWindow):
    selection_changed = Signal(list)   # selected task ids on the canvas

    def __init__(self, project: Project | None = None, path: str | None = None):
        super().__init__()
        apply_theme(saved_theme())  # before the widgets exist: they start in its colours
        ensure_language()           # (a no-op once the application has a language)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
        self.document = Document(project, path, parent=self)
        self.scene = CanvasScene(self.document, self)
        self.view = CanvasView(self.scene)
        self.editor = CanvasEditor(self.document, self.scene, self.view, self)
        self.files = FileActions(self)
        self.setCentralWidget(self.view)
        self.library = LibraryPanel(self.document)
        self.docks: dict[str, QDockWidget] = {}
        self._arranged = False
        self._build_docks()
        self._install_panes()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._runs = None   # Run menu, F5, run panel, node states: ``runs``, after the first paint
        after_first_paint(self.view.viewport(), lambda: self.runs)
        self.scene.selection_changed_ids.connect(self.selection_changed)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.library.add_requested.connect(self._add_from_library)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(lambda _p: self._update_title())
        self.document.reset.connect(self._update_title)
        self.document.changed.connect(self._update_counts)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self._update_title()
        self._update_counts()
        _WINDOWS.append(self)

    # --- layout -------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("library", self.tr("Components"), self.library,
                   Qt.DockWidgetArea.LeftDockWidgetArea)
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setEmptyLabel(self.tr("Start"))
        self._dock("history", self.tr("History"), self.undo_view,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.docks["library"], self.docks["history"]], [230, 220],
                         Qt.Orientation.Horizontal)

    def set_pane(self, name: str, widget: QWidget, title: str | None = None) -> QDockWidget:
        """Put ``widget`` in the dock ``name`` (made on the right if new) and show it."""
        dock = self.docks.get(name)
        if dock is None:
            title = title or name.title()
            if self._arranged and name in _BOTTOM_TABS:   # a pane made after the first show
                return self._late_bottom_tab(name, title, widget)
            dock = self._dock(name, title, widget, Qt.DockWidgetArea.RightDockWidgetArea)
            self._view_menu_docks.addAction(dock.toggleViewAction())
        else:
            old = dock.widget()
            dock.setWidget(widget)
            if old is not None:
                old.deleteLater()
            if title:
                dock.setWindowTitle(title)
        dock.show()
        return dock

    def _install_panes(self) -> None:
        """Code, properties, pipeline form, previews and problems (``panes/controller.py``) in docks."""
        from designer.ui.panes.controller import install_panes
        self.panes = install_panes(self, self.document, self.scene, arrange=False)
        self.panes.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.docks.update(self.panes.docks)

    def _arrange_docks(self) -> None:
        """Right: properties | pipeline | history; bottom: code | preview | problems (tabs)."""
        d = self.docks
        groups = [(Qt.DockWidgetArea.RightDockWidgetArea, ("properties", "pipeline", "history")),
                  (Qt.DockWidgetArea.BottomDockWidgetArea, _BOTTOM_TABS)]
        for _area, names in groups:
            for name in names:
                if name in d:
                    self.removeDockWidget(d[name])
        for area, names in groups:
            present = [d[n] for n in names if n in d]
            if not present:
                continue
            self.addDockWidget(area, present[0])
            for dock in present[1:]:
                self.tabifyDockWidget(present[0], dock)
            for dock in present:
                dock.show()
            present[0].raise_()
        widths = {"library": 230, "properties": 300}
        present = [n for n in widths if n in d]
        self.resizeDocks([d[n] for n in present], [widths[n] for n in present],
                         Qt.Orientation.Horizontal)
        if "code" in d:
            self.resizeDocks([d["code"]], [250], Qt.Orientation.Vertical)

    # --- actions --------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, icon_name: str | None = None,
                canvas_only: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if canvas_only:
            # Keys like Delete or Ctrl+C must not be taken from text fields in other panes.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        f, e, v = self.files, self.editor, self.view
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.tr("&New"), f.new, K.New, "new",
                                    tip=self.tr("New empty pipeline"))
        self.act_new_window = self._action(self.tr("New &Window"), new_window, "Ctrl+Shift+N")
        self.act_open = self._action(self.tr("&Open…"), f.open, K.Open, "open",
                                     tip=self.tr("Open a designer project or kfp Python file"))
        self.act_save = self._action(self.tr("&Save"), f.save, K.Save, "save",
                                     tip=self.tr("Save the pipeline"))
        self.act_save_as = self._action(self.tr("Save &As…"), f.save_as, K.SaveAs)
        self.act_export_v1 = self._action(self.tr("Export &YAML (KFP v1)…"),
                                          lambda: f.export_yaml("v1"), "Ctrl+E", "export",
                                          tip=self.tr("Compile to KFP v1 YAML"))
        self.act_export_v2 = self._action(self.tr("Export YAML (KFP &v2)…"),
                                          lambda: f.export_yaml("v2"))
        self.act_export_py = self._action(self.tr("Export &Python…"),
                                          lambda: f.export_python("v1"))
        self.act_export_py.setEnabled(f.python_export_available())
        self.act_close = self._action(self.tr("&Close Window"), self.close, K.Close)
        self.act_quit = self._action(self.tr("&Quit"), quit_all, K.Quit)

        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo) + [QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(icon("redo"))
        self.act_cut = self._action(self.tr("Cu&t"), e.cut_selection, K.Cut, canvas_only=True)
        self.act_copy = self._action(self.tr("&Copy"), e.copy_selection, K.Copy,
                                     canvas_only=True)
        self.act_paste = self._action(self.tr("&Paste"), e.paste, K.Paste, canvas_only=True)
        self.act_duplicate = self._action(self.tr("D&uplicate"), e.duplicate_selection,
                                          "Ctrl+D", canvas_only=True)
        self.act_delete = self._action(self.tr("&Delete"), e.delete_selection,
                                       [QKeySequence.StandardKey.Delete, "Backspace"], "delete",
                                       canvas_only=True)
        self.act_select_all = self._action(self.tr("Select &All"), e.select_all, K.SelectAll,
                                           canvas_only=True)

        self.act_zoom_in = self._action(self.tr("Zoom &In"), v.zoom_in, ["Ctrl+=", "Ctrl++"],
                                        "zoom-in")
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), v.zoom_out, ["Ctrl+-"],
                                         "zoom-out")
        self.act_zoom_reset = self._action(self.tr("&Actual Size"), v.reset_zoom, "Ctrl+0")
        self.act_fit = self._action(self.tr("&Fit to View"), v.fit, "F", "fit",
                                    canvas_only=True, tip=self.tr("Show the whole pipeline"))
        self.act_legend = QAction(self.tr("Type &Legend"), self, checkable=True, checked=True)
        self.act_legend.toggled.connect(self._toggle_legend)

        self.act_add_param = self._action(self.tr("Add &Parameter…"), e.add_param,
                                          "Ctrl+Shift+P", "add-parameter",
                                          tip=self.tr("Add a pipeline parameter"))
        self.act_layout = self._action(self.tr("Auto-&layout"), e.auto_layout, "Ctrl+L",
                                       "auto-layout",
                                       tip=self.tr("Arrange the nodes in layers, left to right"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_new_window, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        examples = m.addMenu(self.tr("E&xamples"))
        examples.addAction(self.tr("Tutorial pipeline (example_pipeline)"),
                           self.files.open_example)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_export_v1, self.act_export_v2, self.act_export_py])
        m.addSeparator()
        m.addActions([self.act_close, self.act_quit])

        m = bar.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate,
                      self.act_delete])
        m.addSeparator()
        m.addAction(self.act_select_all)

        m = bar.addMenu(self.tr("&View"))
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_fit])
        m.addSeparator()
        m.addAction(self.act_legend)
        self._build_theme_menu(m.addMenu(self.tr("&Theme")))
        self._view_menu_docks = m.addMenu(self.tr("&Panels"))
        for dock in self.docks.values():
            self._view_menu_docks.addAction(dock.toggleViewAction())

        m = bar.addMenu(self.tr("&Pipeline"))
        m.addActions([self.act_add_param, self.act_layout])

    def _build_theme_menu(self, menu) -> None:
        """View ▸ Theme: System / Light / Dark, for every window, remembered."""
        self.theme_menu = menu
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = QAction({"system": self.tr("System"), "light": self.tr("Light"),
                              "dark": self.tr("Dark")}[name], self, checkable=True)
            action.setStatusTip({"system": self.tr("Follow the system's colours"),
                                 "light": self.tr("Light colours"),
                                 "dark": self.tr("Dark colours")}[name])
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[name] = action
        menu.aboutToShow.connect(self._check_theme)  # another window may have changed it
        self._check_theme()

    def _check_theme(self) -> None:
        self.theme_actions[saved_theme()].setChecked(True)

    def set_theme(self, name: str) -> None:
        save_theme(name)
        apply_theme(name)
        self._check_theme()

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main"), self)
        tb.setObjectName("toolbar-main")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.act_new, self.act_open, self.act_save):
            tb.addAction(a)
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_add_param, self.act_layout, self.act_fit])
        tb.addSeparator()
        tb.addAction(self.act_export_v1)
        for a in (self.act_new, self.act_open, self.act_save, self.act_undo, self.act_redo):
            tb.widgetForAction(a).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.act_export_v1.setIconText(self.tr("Export YAML"))
        self.addToolBar(tb)
        self.toolbar = tb

    def _build_status(self) -> None:
        self.counts_label = QLabel()
        self.zoom_label = QLabel("100 %")
        for w in (self.counts_label, self.zoom_label):
            w.setStyleSheet("padding: 0 8px")
            w.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted in either theme
            self.statusBar().addPermanentWidget(w)

    # --- behaviour -------------------------------------------------------------------------

    def _toggle_legend(self, on: bool) -> None:
        self.view.show_legend = on
        self.view.viewport().update()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def _update_counts(self) -> None:
        p = self.document.pipeline
        n, m = len(p.tasks), len(p.params)
        self.counts_label.setText(self.tr("%n task(s)", "", n) + " · "
                                  + self.tr("%n parameter(s)", "", m))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.files.recent()
        for path in paths:
            self.recent_menu.addAction(Path(path).name,
                                       lambda p=path: self.files.open_path(p)).setToolTip(path)
        if paths:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Recent"), self.files.clear_recent)
        else:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    def _add_from_library(self, payload: bytes) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self.editor.drop_payload(payload, centre)

    @property
    def runs(self) -> RunSession:
        """The window's RunSession (``run/session.py``), made on first use or right after
        the window first paints: importing the runner is ~25 ms of start-up."""
        if self._runs is None:
            from designer.ui.run.session import RunSession
            self._runs = runs = RunSession(self)
            runs.task_state.connect(self.scene.set_run_state)
            runs.task_outputs.connect(self.scene.set_output_values)
            runs.show_task.connect(self._show_task)
            panes = getattr(self, "panes", None)
            if panes is not None:
                runs.results_changed.connect(panes.properties.set_run_results)
        return self._runs

    def _show_task(self, task_id: str) -> None:
        node = self.scene.nodes.get(task_id)
        if node is not None and not node.isSelected():
            self.scene.select_keys([task_id])
            self.view.ensureVisible(node)

    def _late_bottom_tab(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        """A new tab of the bottom docks, behind the current one (the layout stays put)."""
        first = next((self.docks[n] for n in _BOTTOM_TABS if n in self.docks), None)
        if first is None:
            dock = self._dock(name, title, widget, Qt.DockWidgetArea.BottomDockWidgetArea)
        else:
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{name}")
            dock.setWidget(widget)
            self.docks[name] = dock
            group = [first] + self.tabifiedDockWidgets(first)
            current = next((d for d in group if not d.visibleRegion().isEmpty()), first)
            self.tabifyDockWidget(first, dock)   # (not added to an area first: no re-layout)
            dock.show()
            current.raise_()
        self._view_menu_docks.addAction(dock.toggleViewAction())
        return dock

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._arranged:
            # Tabifying docks before the window is shown leaves a stale tab bar (Qt 6.11).
            self._arranged = True
            self._arrange_docks()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.maybe_save():
            if self in _WINDOWS:
                _WINDOWS.remove(self)
            if self._runs is not None:
                self._runs.shutdown()  # a local run stops with its window
            panes = getattr(self, "panes", None)
            if panes is not None:  # let a running preview compile finish before teardown
                panes.previews.shutdown()
            event.accept()
        else:
            event.ignore()


def new_window(path: str | None = None, example: bool = False) -> MainWindow:
    window = MainWindow()
    if example:
        window.files.open_example()
    elif path:
        window.files.open_path(path)
    window.show()
    window.view.fit()  # again, now that the viewport has its real size
    return window


def quit_all() -> None:
    for window in list(_WINDOWS):
        if not window.close():
            return


def open_windows() -> list[MainWindow]:
    return list(_WINDOWS)


__all__ = ["MainWindow", "new_window", "quit_all", "open_windows"]
