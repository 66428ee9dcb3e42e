"""Qt fixtures for the UI tests: offscreen platform, isolated settings, scripted dialogs.

Every modal question goes through ``designer.ui.dialogs``; tests queue the answers
(``dialogs_script``) and a question nobody expected fails the test instead of blocking.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402


class DialogScript:
    """Queued answers for designer.ui.dialogs, and a record of the warnings shown."""

    def __init__(self):
        self.save_answers: list = []
        self.save_paths: list = []
        self.open_paths: list = []
        self.params: list = []
        self.warnings: list[tuple[str, str, str]] = []
        self.asked_save: list[str] = []
        self.overwrite_answers: list[bool] = []
        self.asked_overwrite: list[str] = []
        self.pipeline_files: list = []
        self.pipeline_choices: list = []
        self.offered_pipelines: list[list[str]] = []

    @staticmethod
    def _pop(queue: list, what: str):
        if not queue:
            raise AssertionError(f"unexpected dialog: {what}")
        return queue.pop(0)

    def install(self, monkeypatch) -> None:
        from designer.ui import dialogs
        monkeypatch.setattr(dialogs, "warn", lambda parent, title, text, details="":
                            self.warnings.append((title, text, details)))

        def ask_save(parent, name):
            self.asked_save.append(name)
            return self._pop(self.save_answers, f"save changes to {name}?")
        monkeypatch.setattr(dialogs, "ask_save", ask_save)

        def ask_overwrite(parent, name):
            self.asked_overwrite.append(name)
            return self._pop(self.overwrite_answers, f"replace read-only {name}?")
        monkeypatch.setattr(dialogs, "ask_overwrite_read_only", ask_overwrite)
        monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: self._pop(self.save_paths,
                                                                             "save path"))
        monkeypatch.setattr(dialogs, "open_path", lambda *a, **k: self._pop(self.open_paths,
                                                                             "open path"))
        monkeypatch.setattr(dialogs, "edit_param", lambda *a, **k: self._pop(self.params,
                                                                              "parameter"))
        monkeypatch.setattr(dialogs, "pipeline_file", lambda *a, **k: self._pop(
            self.pipeline_files, "pipeline file"))

        def choose_pipeline(parent, names):
            self.offered_pipelines.append(list(names))
            return self._pop(self.pipeline_choices, "which pipeline?")
        monkeypatch.setattr(dialogs, "choose_pipeline", choose_pipeline)


# qtbot's waits are for conditions, never measurements: what takes 50 ms on an idle machine
# may take seconds on a busy one (2 cores, other suites running). Every wait gets at least
# this long before it fails; a condition that holds returns at once, whatever the floor.
WAIT_FLOOR_MS = 60000


@pytest.fixture(autouse=True)
def patient_waits(monkeypatch):
    from pytestqt.qtbot import QtBot
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive",
                 "waitCallback"):
        original = getattr(QtBot, name)

        def patient(self, *args, _original=original, timeout: int = 5000, **kwargs):
            return _original(self, *args, timeout=max(timeout, WAIT_FLOOR_MS), **kwargs)
        monkeypatch.setattr(QtBot, name, patient)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory):
    """Recent files and other settings go to a fresh folder per test."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def english(qapp):
    """Tests read English texts: the English translations (its plural forms) are installed
    whatever the machine's locale (tests of the Korean UI switch and switch back)."""
    from designer.ui import i18n
    i18n.set_language("en", qapp)
    yield
    i18n.set_language("en", qapp)


@pytest.fixture
def dialogs_script(monkeypatch) -> DialogScript:
    script = DialogScript()
    script.install(monkeypatch)
    return script


@pytest.fixture
def make_window(qtbot, dialogs_script):
    """Factory of shown main windows; all are closed (changes discarded) at teardown."""
    from designer.ui.main_window import MainWindow
    made = []

    def make(**kwargs):
        window = MainWindow(**kwargs)
        window.resize(1280, 820)
        window.show()
        qtbot.waitExposed(window)
        window.view.fit()
        made.append(window)
        return window

    yield make
    for window in made:
        try:
            window.document.undo_stack.setClean()
            window.close()
        except RuntimeError:  # already deleted (closed by the test)
            pass


@pytest.fixture
def window(make_window):
    return make_window()
