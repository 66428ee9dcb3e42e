"""File menu behaviour: new, open (project or kfp Python), recent, examples, save, export.

A file that fails to load is reported with its reason and changes nothing;
closing or replacing a modified document asks first.
"""
from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QSettings, Signal

from designer import fileio, persist
from designer.inputs import (YAML_SUFFIXES, ReadOptions, example_path, load_project,
                             yaml_warnings)
from designer.ir import InputError, Pipeline, errors
from designer.model.node_geometry import initial_layout
from designer.ui import dialogs
from designer.ui.deferred import CollectorPause, after_first_paint
from designer.ui.messages import diagnostic_text

if TYPE_CHECKING:
    from designer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "kfp-designer", "kfp-designer")


def with_layout(project: persist.Project) -> persist.Project:
    """Fill in positions of nodes the file does not place (kfp Python files place none),
    measured with the canvas's fonts (``kfp-designer convert`` estimates them)."""
    from designer.ui import style
    project.layout = initial_layout(project.pipeline, project.layout, style.text_width)
    return project


def read_project(path: str) -> persist.Project:
    """A project from any file the designer reads, laid out; raises InputError saying why not.
    A compiled YAML file is checked against what kfp writes later (``FileActions``)."""
    return with_layout(load_project(path, ReadOptions(check_yaml=False)))


class FileActions(QObject):
    recent_changed = Signal()
    yaml_checked = Signal()            # the warnings of an opened YAML file are known

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.doc = window.document
        # What the document came from while it has no project file of its own: an imported
        # kfp Python file or the bundled example (None: a new pipeline).
        self.source: str | None = None
        self.source_kind = ""          # "imported" | "example"
        # What opening the last file found worth telling (a compiled YAML kfp would write
        # otherwise): shown in the status bar.
        self.import_warnings: list[str] = []

    # --- names -------------------------------------------------------------------------

    def display_name(self) -> str:
        """The project file's name; else the real name of what it was read from, saying
        that it is not saved as a project yet; else Untitled."""
        if self.doc.path:
            return Path(self.doc.path).name
        if self.source is not None:
            name = Path(self.source).name
            if self.source_kind == "example":
                return self.tr("{name} (example)").format(name=name)
            return self.tr("{name} (imported)").format(name=name)
        return self.tr("Untitled")

    def suggested_path(self, suffix: str) -> str:
        """Where a save or export dialog starts: next to the project file, or next to the
        imported .py under its name; the example and new pipelines in the home folder."""
        if self.doc.path:
            base = Path(self.doc.path)
        elif self.source is not None and self.source_kind == "imported":
            base = Path(self.source)
        elif self.source is not None:
            base = Path.home() / Path(self.source).name
        else:
            base = Path.home() / self.doc.pipeline.name
        return str(base.with_suffix(suffix))

    # --- replacing the document ----------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to drop the document (saved, discarded or unmodified)."""
        if not self.doc.is_modified():
            return True
        answer = dialogs.ask_save(self.window, self.display_name())
        if answer is dialogs.SaveAnswer.SAVE:
            return self.save()
        return answer is dialogs.SaveAnswer.DISCARD

    def new(self) -> None:
        if self.maybe_save():
            self.source, self.source_kind = None, ""
            self.doc.load(persist.Project(Pipeline(name="pipeline"), {}), None)
            self.window.view.fit()

    def open(self) -> bool:
        folder = str(Path(self.doc.path).parent) if self.doc.path else ""
        path = dialogs.open_path(self.window, folder)
        return self.open_path(path) if path else False

    def open_path(self, path: str, *, as_untitled: bool = False, ask: bool = True) -> bool:
        """Load ``path`` into this window; on failure say why and change nothing."""
        # The project, the document's diagnostics and the canvas items: ~100,000 objects
        # and no garbage cycles. The collector would scan them over and over while they are
        # made: it waits until they are on screen.
        pause = CollectorPause(self.window.view.viewport())
        try:
            project = read_project(path)
        except InputError as e:
            pause.resume()
            log.info("cannot open %s: %s", path, e)
            dialogs.warn(self.window, self.tr("Cannot open file"),
                         self.tr("“{name}” could not be opened.").format(name=Path(path).name),
                         str(e))
            return False
        if ask and self.doc.is_modified():
            pause.resume()               # (a question: the collector runs meanwhile)
        if ask and not self.maybe_save():
            return False
        keep_path = not as_untitled and Path(path).suffix.lower() == persist.EXTENSION
        self.source = None if keep_path else os.path.abspath(path)
        self.source_kind = "example" if as_untitled else "imported"
        self.doc.load(project, os.path.abspath(path) if keep_path else None)
        if keep_path:
            self.add_recent(os.path.abspath(path))
        self.window.view.fit()
        self.import_warnings = []
        self.window.statusBar().setToolTip("")
        self.window.statusBar().showMessage(
            self.tr("Opened {name}.").format(name=Path(path).name), 4000)
        if Path(path).suffix.lower() in YAML_SUFFIXES:
            # The re-compile check of a compiled YAML file waits for the canvas to show.
            pipeline = self.doc.pipeline
            viewport = self.window.view.viewport()
            after_first_paint(viewport, lambda: self._check_yaml(path, pipeline))
            viewport.update()
        return True

    def _check_yaml(self, path: str, pipeline: Pipeline) -> None:
        """Say in the status bar what the opened YAML file has that kfp would write
        otherwise (hand-edited, another kfp version); the differences in its tooltip."""
        if pipeline is not self.doc.pipeline:
            return                     # another file was opened meanwhile
        try:
            warnings = yaml_warnings(path, pipeline)
        except InputError as e:
            warnings = [str(e)]
        self.import_warnings = warnings
        self.yaml_checked.emit()
        if not warnings:
            return
        for w in warnings:
            log.info("%s: %s", path, w)
        self.window.statusBar().showMessage(self.tr(
            "Opened {name}, which is not exactly what kfp writes ({count} difference(s); "
            "saving or compiling writes kfp's form): {first}").format(
                name=Path(path).name, count=len(warnings), first=warnings[0]))
        self.window.statusBar().setToolTip("\n".join(warnings))

    def open_example(self) -> bool:
        """The tutorial pipeline, as an untitled copy (saving never touches resources/)."""
        return self.open_path(str(example_path()), as_untitled=True)

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.doc.path:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        path = dialogs.save_path(self.window, self.tr("Save Pipeline"), self.suggested_path(
            persist.EXTENSION), self.tr("Designer projects") + f" (*{persist.EXTENSION})")
        if not path:
            return False
        if not path.endswith(persist.EXTENSION):
            path += persist.EXTENSION
        return self._write(path)

    def _written(self, path: str, write: Callable[[bool], None], title: str) -> bool:
        """``write(overwrite_readonly)``, asking first before a read-only file is replaced;
        a failure is shown (titled ``title``) and changes nothing."""
        overwrite = False
        while True:
            try:
                write(overwrite)
                return True
            except fileio.ReadOnlyError:
                if overwrite or not dialogs.ask_overwrite_read_only(self.window,
                                                                    Path(path).name):
                    return False
                overwrite = True
            except (OSError, InputError) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                log.warning("cannot write %s: %s", path, reason)
                dialogs.warn(self.window, title,
                             self.tr("“{path}” could not be written.").format(path=path), reason)
                return False

    def _write(self, path: str) -> bool:
        project = self.doc.project()
        if not self._written(path, lambda force: persist.save(project, path,
                                                              overwrite_readonly=force),
                             self.tr("Cannot save")):
            return False
        self.doc.set_path(os.path.abspath(path))
        self.doc.undo_stack.setClean()
        self.add_recent(os.path.abspath(path))
        self.window.statusBar().showMessage(
            self.tr("Saved {name}.").format(name=Path(path).name), 4000)
        return True

    # --- exporting ------------------------------------------------------------------------

    def _exportable(self, what: str) -> bool:
        problems = errors(self.doc.pipeline)
        if problems:
            listed = "\n".join(f"• {diagnostic_text(d)}" for d in problems[:12])
            more = ("\n" + self.tr("… and %n more", "", len(problems) - 12)
                    if len(problems) > 12 else "")
            dialogs.warn(self.window, self.tr("Cannot export {what}").format(what=what),
                         self.tr("Fix these problems first:"), listed + more)
            return False
        return True

    def export_yaml(self, target: str = "v1", path: str | None = None) -> bool:
        if not self._exportable("YAML"):
            return False
        path = path or dialogs.save_path(
            self.window, self.tr("Export KFP {target} YAML").format(target=target),
            self.suggested_path(".yaml"), "YAML (*.yaml *.yml)")
        if not path:
            return False
        from designer.compiler import compile_pipeline
        try:
            text = compile_pipeline(self.doc.pipeline, target)
        except InputError as e:
            dialogs.warn(self.window, self.tr("Cannot export YAML"),
                         self.tr("The compiler refused the pipeline."), str(e))
            return False
        return self._write_export(path, text)

    @staticmethod
    def python_export_available() -> bool:
        return importlib.util.find_spec("designer.compiler.python_source") is not None

    def export_python(self, target: str = "v1", path: str | None = None) -> bool:
        if not self._exportable("Python"):
            return False
        path = path or dialogs.save_path(
            self.window, self.tr("Export kfp {target} Python").format(target=target),
            self.suggested_path(".py"), "Python (*.py)")
        if not path:
            return False
        from designer.compiler.python_source import export_python
        return self._write_export(path, export_python(self.doc.pipeline, target))

    def _write_export(self, path: str, text: str) -> bool:
        if not self._written(path, lambda force: persist.atomic_write_text(
                path, text, overwrite_readonly=force), self.tr("Cannot export")):
            return False
        self.window.statusBar().showMessage(
            self.tr("Exported {name}.").format(name=Path(path).name), 4000)
        return True

    # --- recent files ------------------------------------------------------------------------

    def recent(self) -> list[str]:
        value = settings().value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [p for p in (value or []) if isinstance(p, str)]

    def add_recent(self, path: str) -> None:
        items = [path] + [p for p in self.recent() if p != path]
        s = settings()
        s.setValue("recent", items[:MAX_RECENT])
        s.sync()
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        s = settings()
        s.setValue("recent", [])
        s.sync()
        self.recent_changed.emit()
