"""The main window: library left, canvas centre, docks for the other panes, menus.

Panes from other modules plug in with ``set_pane(name, widget)``; they follow
``window.document`` signals and ``window.selection_changed`` (selected task ids).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
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
from designer.ui import heap
from designer.ui.canvas.editor import CanvasEditor
from designer.ui.canvas.scene import CanvasScene
from designer.ui.canvas.view import CanvasView
from designer.ui.deferred import after_first_paint
from designer.ui.file_actions import FileActions
from designer.ui import i18n
from designer.ui.panes.library import LibraryPanel
from designer.ui.theme import THEMES, apply_theme, save_theme, saved_theme, svg_icon

if TYPE_CHECKING:
    from designer.ui.run.session import RunSession

APP_NAME = "kfp-designer"

_BOTTOM_TABS = ("code", "preview", "problems", "run")   # tabbed together below the canvas
_WINDOWS: list["MainWindow"] = []   # open windows (kept alive; removed when closed)


def plain(text: str) -> str:
    """A menu text without its mnemonic ("&Open…" -> "Open", "열기(&O)…" -> "열기")."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", text).rstrip("…").strip()


def icon(name: str) -> QIcon:
    """A bundled icon drawn in the palette's text colour (``theme.svg_icon``)."""
    return svg_icon(name)


class MainWindow(QMainWindow):
    selection_changed = Signal(list)   # selected task ids on the canvas

    def __init__(self, project: Project | None = None, path: str | None = None):
        super().__init__()
        apply_theme(saved_theme())  # before the widgets exist: they start in its colours
        i18n.ensure_language()      # (a no-op once the application has a language)
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
        self.retranslate_ui()
        after_first_paint(self.view.viewport(), lambda: self.runs)
        self.scene.selection_changed_ids.connect(self.selection_changed)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.library.add_requested.connect(self._add_from_library)
        self.library.pipeline_requested.connect(lambda: self.editor.add_sub_pipeline())
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(lambda _p: self._update_title())
        self.document.reset.connect(self._update_title)
        self.document.reset.connect(heap.sweep)      # (the old document's frozen objects)
        self.document.changed.connect(self._update_counts)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self._update_title()
        self._update_counts()
        _WINDOWS.append(self)
        self.destroyed.connect(heap.sweep_soon)   # what it froze goes with it

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
        self._dock("library", "", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.undo_view = QUndoView(self.document.undo_stack)
        self._dock("history", "", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea)
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
        self.panes.place_task = self.editor.free_position   # "New component" lands in view
        self.panes.select_requested.connect(self._reveal)
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

    def _action(self, slot, shortcut=None, icon_name: str | None = None,
                canvas_only: bool = False) -> QAction:
        """An action without its texts: ``retranslate_ui`` sets them (and again on a
        language change)."""
        action = QAction(self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if canvas_only:
            # Keys like Delete or Ctrl+C must not be taken from text fields in other panes.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @staticmethod
    def _texts(action: QAction, text: str, tip: str = "") -> None:
        action.setText(text)
        action.setIconText(plain(text))
        action.setStatusTip(tip)
        action.setToolTip(tip or plain(text))

    def _build_actions(self) -> None:
        f, e, v = self.files, self.editor, self.view
        K = QKeySequence.StandardKey
        self.act_new = self._action(f.new, K.New, "new")
        self.act_new_window = self._action(new_window, "Ctrl+Shift+N")
        self.act_open = self._action(f.open, K.Open, "open")
        self.act_save = self._action(f.save, K.Save, "save")
        self.act_save_as = self._action(f.save_as, K.SaveAs)
        self.act_export_v1 = self._action(lambda: f.export_yaml("v1"), "Ctrl+E", "export")
        self.act_export_v2 = self._action(lambda: f.export_yaml("v2"))
        self.act_export_py = self._action(lambda: f.export_python("v1"))
        self.act_export_py.setEnabled(f.python_export_available())
        self.act_close = self._action(self.close, K.Close)
        self.act_quit = self._action(quit_all, K.Quit)

        # Undo/redo name the command ("Undo Add task x"); QUndoStack's own actions fix
        # their prefix at creation, these follow a language change too.
        stack = self.document.undo_stack
        self.act_undo = self._action(stack.undo, None, "undo")
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_redo = self._action(stack.redo, None, "redo")
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo) + [QKeySequence("Ctrl+Y")])
        self._undo_redo = [stack.undoText(), stack.redoText()]
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        self.act_cut = self._action(e.cut_selection, K.Cut, canvas_only=True)
        self.act_copy = self._action(e.copy_selection, K.Copy, canvas_only=True)
        self.act_paste = self._action(e.paste, K.Paste, canvas_only=True)
        self.act_duplicate = self._action(e.duplicate_selection, "Ctrl+D", canvas_only=True)
        self.act_delete = self._action(e.delete_selection,
                                       [QKeySequence.StandardKey.Delete, "Backspace"], "delete",
                                       canvas_only=True)
        self.act_select_all = self._action(e.select_all, K.SelectAll, canvas_only=True)

        self.act_zoom_in = self._action(v.zoom_in, ["Ctrl+=", "Ctrl++"], "zoom-in")
        self.act_zoom_out = self._action(v.zoom_out, ["Ctrl+-"], "zoom-out")
        self.act_zoom_reset = self._action(v.reset_zoom, "Ctrl+0")
        self.act_fit = self._action(v.fit, "F", "fit", canvas_only=True)
        self.act_legend = QAction(self, checkable=True, checked=True)
        self.act_legend.toggled.connect(self._toggle_legend)

        self.act_add_param = self._action(e.add_param, "Ctrl+Shift+P", "add-parameter")
        self.act_layout = self._action(e.auto_layout, "Ctrl+L", "auto-layout")
        self.act_group_condition = self._action(e.groups.group_in_condition)
        self.act_group_loop = self._action(e.groups.group_in_loop)
        self.act_group_exit = self._action(e.groups.wrap_in_exit_handler)
        self.act_ungroup = self._action(e.groups.ungroup)
        self.act_example = self._action(self.files.open_example)
        self.act_lessons = self._action(self.show_lessons, None, None)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = m = bar.addMenu("")
        m.addActions([self.act_new, self.act_new_window, self.act_open])
        self.recent_menu = m.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = m.addMenu("")
        self.examples_menu.addAction(self.act_example)
        m.addSeparator()
        m.addActions([self.library.act_add_folder, self.library.act_add_file])   # component YAML
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_export_v1, self.act_export_v2, self.act_export_py])
        m.addSeparator()
        m.addActions([self.act_close, self.act_quit])

        self.edit_menu = m = bar.addMenu("")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate,
                      self.act_delete])
        m.addSeparator()
        m.addAction(self.act_select_all)

        self.view_menu = m = bar.addMenu("")
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_fit])
        m.addSeparator()
        m.addAction(self.act_legend)
        self._build_theme_menu(m.addMenu(""))
        self._build_language_menu(m.addMenu(""))
        self._view_menu_docks = m.addMenu("")
        for dock in self.docks.values():
            self._view_menu_docks.addAction(dock.toggleViewAction())

        self.pipeline_menu = m = bar.addMenu("")
        m.addActions([self.act_add_param, self.act_layout])
        m.addSeparator()
        m.addActions([self.act_group_condition, self.act_group_loop, self.act_group_exit,
                      self.act_ungroup])

        self.help_menu = m = bar.addMenu("")
        m.addAction(self.act_lessons)

    def _build_theme_menu(self, menu) -> None:
        """View ▸ Theme: System / Light / Dark, for every window, remembered."""
        self.theme_menu = menu
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = QAction(self, checkable=True)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[name] = action
        menu.aboutToShow.connect(self._check_theme)  # another window may have changed it
        self._check_theme()

    def _build_language_menu(self, menu) -> None:
        """View ▸ Language: System / English / 한국어, for every window at once, remembered."""
        self.language_menu = menu
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for name in i18n.LANGUAGES:
            action = QAction(self, checkable=True)
            action.setObjectName(f"language-{name}")
            action.triggered.connect(lambda _checked=False, n=name: self.set_language(n))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[name] = action
        menu.aboutToShow.connect(self._check_language)
        self._check_language()

    def _check_language(self) -> None:
        self.language_actions[i18n.saved_language()].setChecked(True)

    def set_language(self, name: str) -> None:
        """Every window switches: installing the translations sends each widget a
        LanguageChange event (``changeEvent`` -> ``retranslate_ui``)."""
        i18n.save_language(name)
        i18n.set_language(name)
        self._check_language()

    def _check_theme(self) -> None:
        self.theme_actions[saved_theme()].setChecked(True)

    def set_theme(self, name: str) -> None:
        save_theme(name)
        apply_theme(name)
        self._check_theme()

    def _build_toolbar(self) -> None:
        tb = QToolBar(self)
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

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every text the window itself shows (panes retranslate on their own events)."""
        t = self._texts
        t(self.act_new, self.tr("&New"), self.tr("New empty pipeline"))
        t(self.act_new_window, self.tr("New &Window"))
        t(self.act_open, self.tr("&Open…"), self.tr("Open a designer project, a kfp Python file or a compiled pipeline (YAML)"))
        t(self.act_save, self.tr("&Save"), self.tr("Save the pipeline"))
        t(self.act_save_as, self.tr("Save &As…"))
        t(self.act_export_v1, self.tr("Export &YAML (KFP v1)…"), self.tr("Compile to KFP v1 YAML"))
        self.act_export_v1.setIconText(self.tr("Export YAML"))
        t(self.act_export_v2, self.tr("Export YAML (KFP &v2)…"))
        t(self.act_export_py, self.tr("Export &Python…"))
        t(self.act_close, self.tr("&Close Window"))
        t(self.act_quit, self.tr("&Quit"))
        t(self.act_example, self.tr("Tutorial pipeline (example_pipeline)"))
        self._undo_texts()
        t(self.act_cut, self.tr("Cu&t"))
        t(self.act_copy, self.tr("&Copy"))
        t(self.act_paste, self.tr("&Paste"))
        t(self.act_duplicate, self.tr("D&uplicate"))
        t(self.act_delete, self.tr("&Delete"))
        t(self.act_select_all, self.tr("Select &All"))
        t(self.act_zoom_in, self.tr("Zoom &In"))
        t(self.act_zoom_out, self.tr("Zoom &Out"))
        t(self.act_zoom_reset, self.tr("&Actual Size"))
        t(self.act_fit, self.tr("&Fit to View"), self.tr("Show the whole pipeline"))
        t(self.act_legend, self.tr("Type &Legend"),
          self.tr("Show which colour stands for which type"))
        t(self.act_add_param, self.tr("Add &Parameter…"), self.tr("Add a pipeline parameter"))
        t(self.act_layout, self.tr("Auto-&layout"),
          self.tr("Arrange the nodes in layers, left to right"))
        t(self.act_group_condition, self.tr("Group in &Condition…"),
          self.tr("Run the selected tasks only when a condition holds"))
        t(self.act_group_loop, self.tr("Group in Loo&p…"),
          self.tr("Run the selected tasks once for each item of a list"))
        t(self.act_group_exit, self.tr("Wrap in E&xit Handler…"),
          self.tr("Run a cleanup task when the selected tasks end, whatever happened"))
        t(self.act_ungroup, self.tr("&Ungroup"),
          self.tr("Take the selected group's tasks out of it"))
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.examples_menu.setTitle(self.tr("E&xamples"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.language_menu.setTitle(self.tr("&Language"))
        self._view_menu_docks.setTitle(self.tr("&Panels"))
        self.pipeline_menu.setTitle(self.tr("&Pipeline"))
        self.help_menu.setTitle(self.tr("&Help"))
        t(self.act_lessons, self.tr("&Lessons"),
          self.tr("Learn Kubeflow Pipelines step by step, with checks"))
        for name, (text, tip) in {
                "system": (self.tr("System"), self.tr("Follow the system's colours")),
                "light": (self.tr("Light"), self.tr("Light colours")),
                "dark": (self.tr("Dark"), self.tr("Dark colours"))}.items():
            t(self.theme_actions[name], text, tip)
        # Each language is named in itself, so it can be found whatever the UI speaks.
        for name, (text, tip) in {
                "system": (self.tr("System"), self.tr("Follow the system's language")),
                "en": ("English", ""), "ko": ("한국어", "")}.items():
            t(self.language_actions[name], text, tip)
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.undo_view.setEmptyLabel(self.tr("Start"))
        titles = {"library": self.tr("Components"), "history": self.tr("History"),
                  "lessons": self.tr("Lessons")}
        if getattr(self, "panes", None) is not None:
            titles.update(self.panes.dock_titles())
        if self._runs is not None:
            self._runs.retranslate()
            self._cluster.retranslate()
            self._help.retranslate()
        for name, title in titles.items():
            if name in self.docks:
                self.docks[name].setWindowTitle(title)
        self._update_title()
        self._update_counts()

    def _undo_text_changed(self, text: str) -> None:
        self._undo_redo[0] = text
        self._undo_texts()

    def _redo_text_changed(self, text: str) -> None:
        self._undo_redo[1] = text
        self._undo_texts()

    def _undo_texts(self) -> None:
        undo, redo = self._undo_redo
        self.act_undo.setText(self.tr("&Undo {action}").format(action=undo) if undo
                              else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo {action}").format(action=redo) if redo
                              else self.tr("&Redo"))
        for action in (self.act_undo, self.act_redo):
            action.setToolTip(plain(action.text()))

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
        self.editor.drop_payload(payload, None)   # a free spot in view

    @property
    def runs(self) -> RunSession:
        """The window's RunSession (``run/session.py``), made on first use or right after
        the window first paints: importing the runner is ~25 ms of start-up."""
        if self._runs is None:
            from designer.ui.run.session import RunSession
            self._runs = runs = RunSession(self)
            runs.task_state.connect(self.scene.set_run_state)
            runs.task_outputs.connect(self.scene.set_output_values)
            runs.task_inputs.connect(self.scene.set_input_values)
            runs.cleared.connect(self.scene.clear_run_values)
            runs.loop_progress.connect(self.scene.set_loop_progress)
            runs.breakpoints_changed.connect(self.scene.set_breakpoints)
            runs.show_task.connect(self._show_task)
            panes = getattr(self, "panes", None)
            if panes is not None:
                runs.results_changed.connect(panes.properties.set_run_results)
            from designer.ui.cluster.session import ClusterSession
            self._cluster = ClusterSession(self)   # Kubeflow: menus, remote runs
            from designer.ui.help.controller import HelpController
            self._help = HelpController(self)      # Help menu (last), F1, What's This?
        return self._runs

    @property
    def help(self):
        """The window's HelpController (``help/controller.py``), made with ``runs``."""
        return self.runs and self._help

    @property
    def cluster(self):
        """The window's ClusterSession (``cluster/session.py``), made with ``runs``."""
        return self.runs and self._cluster

    def show_lessons(self):
        """Help ▸ Lessons: the Lessons dock (made on first use), shown and raised."""
        panel = getattr(self, "lessons", None)
        if panel is None:
            from designer.ui.lessons.panel import LessonsPanel
            self.lessons = panel = LessonsPanel(self.document)
            # Beside the canvas, the whole right side's height: texts to read, code below.
            self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
            dock = self.set_pane("lessons", panel, self.tr("Lessons"))
            self._size_lessons_dock(dock)
        dock = self.docks["lessons"]
        dock.show()
        dock.raise_()
        return panel

    def _size_lessons_dock(self, dock: QDockWidget) -> None:
        self.resizeDocks([dock], [460], Qt.Orientation.Horizontal)
        above = self.docks.get("properties")
        if above is not None and self.dockWidgetArea(above) == self.dockWidgetArea(dock):
            self.resizeDocks([above, dock], [self.height() // 4, self.height()],
                             Qt.Orientation.Vertical)

    def _reveal(self, keys: list) -> None:
        """A pane picked a node: scroll it into view if it is not."""
        node = self.scene.nodes.get(keys[0]) if keys else None
        if node is not None:
            self.view.ensureVisible(node, 8, 8)

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
