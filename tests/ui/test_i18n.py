"""The Korean UI: complete translations, live switching through View ▸ Language, the system
locale followed at start-up, and translation files that cover the code.

The coverage test walks the main window in Korean after doing what a person does with
the tutorial: a local run (F5 and its dialog), tasks of every kind of input, stale rows
after a signature change, problems, the previews, context menus and dialogs; every text
it finds must be Korean but for data and a few fixed words (``i18n_support.py``).
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialogButtonBox,
    QMessageBox,
)

from designer.ir import Component, Constant, PipelineParam  # noqa: E402
from designer.model import commands as C  # noqa: E402
from designer.ui import i18n  # noqa: E402
from designer.compiler import v2_volumes  # noqa: E402
from designer.ui.panes.library import bundled_library  # noqa: E402
from tests.ui.i18n_support import Texts, data_words  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier

FLAGS = '''def choose(flag: bool, values: list, options: dict = {"a": 1}, label: str = "x",
           ratio: float = 0.5) -> str:
    """Picks something."""
    return label
'''


def click_action(qtbot, widget, action) -> None:
    """A real click on ``action`` in a menu bar or an open menu."""
    rect = widget.actionGeometry(action)
    assert rect.isValid(), action.text()
    QTest.mouseMove(widget, rect.center())
    QTest.mouseClick(widget, LEFT, NO_MOD, rect.center())


def choose_language(qtbot, window, name: str) -> None:
    """View ▸ Language ▸ ``name`` with the mouse."""
    bar, view, languages = window.menuBar(), window.view_menu, window.language_menu
    click_action(qtbot, bar, view.menuAction())
    qtbot.waitUntil(view.isVisible)
    click_action(qtbot, view, languages.menuAction())
    qtbot.waitUntil(languages.isVisible)
    click_action(qtbot, languages, window.language_actions[name])
    qtbot.waitUntil(lambda: not view.isVisible())
    # Qt posts the LanguageChange events to the windows: they arrive on the next turn.
    QApplication.processEvents()


def context_menu(qtbot, window, scene_pos: QPointF):
    """Right-click on the canvas at ``scene_pos``: the menu the editor opened."""
    view = window.view
    pos = view.mapFromScene(scene_pos)
    window.editor._menu = None
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: getattr(window.editor, "_menu", None) is not None)
    menu = window.editor._menu
    menu.hide()
    return menu


@pytest.fixture
def korean(qapp):
    yield
    i18n.set_language("en", qapp)


# --------------------------------------------------------------------------- switching

def test_view_language_switches_every_window_at_once_and_is_remembered(qtbot, make_window,
                                                                       korean):
    first, second = make_window(), make_window()
    first.files.open_example()
    assert first.file_menu.title() == "&File"
    assert first.docks["properties"].windowTitle() == "Properties"

    choose_language(qtbot, first, "ko")

    for window in (first, second):    # both, without reopening anything
        assert window.file_menu.title() == "파일(&F)"
        assert window.act_open.text() == "열기(&O)…"
        assert window.docks["properties"].windowTitle() == "속성"
        assert window.docks["library"].windowTitle() == "컴포넌트"
        assert window.counts_label.text() in ("태스크 3개 · 파라미터 2개",
                                              "태스크 0개 · 파라미터 0개")
        assert window.library.search.placeholderText() == "컴포넌트 검색…"
    assert first.counts_label.text() == "태스크 3개 · 파라미터 2개"
    # Canvas items follow too: a parameter node's second line is painted from its texts.
    assert first.scene.nodes["param:number_1"]._subtitle_text == "파라미터 · int"
    assert first.windowTitle().startswith("example_pipeline.kfpd")
    assert i18n.saved_language() == "ko" and i18n.current_language() == "ko"
    assert first.language_actions["ko"].isChecked()
    # A window opened now starts in Korean.
    third = make_window()
    assert third.edit_menu.title() == "편집(&E)"
    assert third.windowTitle().startswith("제목 없음")

    choose_language(qtbot, second, "en")
    assert first.file_menu.title() == "&File"
    assert first.scene.nodes["param:number_1"]._subtitle_text == "parameter · int"
    assert third.windowTitle().startswith("Untitled")
    assert i18n.saved_language() == "en"


def test_switching_keeps_the_document_selection_and_history(qtbot, window, korean):
    window.files.open_example()
    window.scene.select_keys(["sum_result"])
    qtbot.waitUntil(lambda: window.panes.selected_task == "sum_result")
    window.editor.disconnect("sum_result", "number_2")
    assert window.act_undo.text() == "&Undo Delete 1 wire"
    choose_language(qtbot, window, "ko")
    assert window.panes.selected_task == "sum_result"
    assert window.scene.nodes["sum_result"].isSelected()
    assert window.panes.properties.name_edit.text() == "sum_result"
    # The undo action's text is rebuilt; the command itself keeps the words it was made
    # with (Qt's undo texts are fixed when a command is made).
    assert window.act_undo.text() == "Delete 1 wire 실행 취소(&U)"
    window.act_undo.trigger()
    assert "number_2" in window.document.task("sum_result").arguments
    assert window.act_redo.text().endswith("다시 실행(&R)")


def test_system_language_follows_the_locale(tmp_path):
    """A fresh start under a Korean locale (no saved choice) comes up in Korean; under
    an English one in English."""
    script = textwrap.dedent("""
        import sys
        from designer.ui.app import application
        app = application()
        from designer.ui import i18n
        from designer.ui.main_window import MainWindow
        window = MainWindow()
        print(i18n.current_language(), window.file_menu.title(), sep="|")
    """)
    for lang, expected in (("ko_KR.UTF-8", "ko|파일(&F)"), ("en_US.UTF-8", "en|&File")):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG=lang, LC_ALL=lang,
                   LANGUAGE="", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / lang))
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                                text=True, timeout=120, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == expected, result.stdout


def test_qt_standard_texts_are_korean_too(qapp, korean):
    i18n.set_language("ko", qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert {"확인", "취소"} <= {t.split("(")[0] for t in texts}, texts
    from PySide6.QtWidgets import QLineEdit
    line = QLineEdit()
    menu = line.createStandardContextMenu()
    assert any("실행 취소" in a.text() for a in menu.actions()), [a.text() for a in
                                                               menu.actions()]


def test_hangul_renders_with_real_glyphs(qapp, korean):
    """Every Hangul syllable of the UI's font resolves to a glyph, not the missing-glyph
    box (from the system's Korean font, or the bundled one where there is none)."""
    from PySide6.QtGui import QTextLayout
    i18n.set_language("ko", qapp)
    text = "파일 편집 보기 파이프라인 실행 컴포넌트 태스크 파라미터 속성 문제"
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    glyphs = [g for run in runs for g in run.glyphIndexes()]
    assert len(glyphs) == len(text)
    assert 0 not in glyphs, [run.rawFont().familyName() for run in runs]


_ONLY_DEJAVU = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{dejavu}</dir><cachedir>{cache}</cachedir></fontconfig>
"""

_HANGUL_PROBE = """
import sys
from PySide6.QtGui import QFontDatabase, QTextLayout
from PySide6.QtWidgets import QApplication
app = QApplication([])
had_korean = bool(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))
from designer.ui import i18n
i18n.set_language("ko", app)
layout = QTextLayout("파일 편집 파이프라인 실행 컴포넌트", app.font())
layout.beginLayout(); layout.createLine(); layout.endLayout()
runs = layout.glyphRuns()
glyphs = [g for run in runs for g in run.glyphIndexes()]
print(had_korean, 0 in glyphs, sorted({r.rawFont().familyName() for r in runs}))
"""


def test_a_machine_without_a_korean_font_renders_hangul_from_the_bundled_one(tmp_path):
    """A bare Linux has DejaVu and no Hangul: fontconfig limited to DejaVu proves the
    designer's own NanumGothic fills the gap (else the Korean UI is boxes)."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    assert dejavu.is_dir(), "DejaVu fonts are part of this machine's setup"
    conf = tmp_path / "fonts.conf"
    conf.write_text(_ONLY_DEJAVU.format(dejavu=dejavu, cache=tmp_path / "cache"))
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", _HANGUL_PROBE], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    had_korean, missing, families = result.stdout.strip().splitlines()[-1].split(" ", 2)
    assert had_korean == "False", "the restricted fontconfig still offers a Korean font"
    assert missing == "False", families
    assert "NanumGothic" in families


# --------------------------------------------------------------------------- coverage

def run_tutorial(qtbot, window, tmp_path, monkeypatch) -> None:
    """F5, the values in the dialog, Run; returns once the run is done."""
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(tmp_path / "cache-root"))
    window.runs.settings = QSettings(str(tmp_path / "run.ini"), QSettings.Format.IniFormat)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runs.dialog is not None and window.runs.dialog.isVisible())
    dialog = window.runs.dialog
    texts = Texts()
    texts.widget(dialog)
    for name, value in (("number_1", "1"), ("number_2", "2")):
        line = dialog.editors[name].line
        line.setFocus()
        line.selectAll()
        QTest.keyClicks(line, value)
    QTest.mouseClick(dialog.ok_button, LEFT)
    c = window.runs.controller
    qtbot.waitUntil(lambda: c.info is not None and c.info.done, timeout=120000)
    assert c.info.status == "succeeded", c.info
    return texts


def test_every_text_of_the_korean_ui_is_translated(qtbot, window, tmp_path, monkeypatch,
                                                   dialogs_script, korean):
    window.files.open_example()
    choose_language(qtbot, window, "ko")
    texts = run_tutorial(qtbot, window, tmp_path, monkeypatch)
    doc = window.document

    # Tasks with every kind of input value, an unused parameter, a required input left
    # empty, and a signature change that leaves stale rows and a broken wire behind.
    flags = Component.from_source(FLAGS)
    doc.push(C.AddTask(doc, flags, (600.0, 300.0)))
    choose = next(t for t in doc.pipeline.tasks if t.component_id == flags.id)
    doc.push(C.SetArgument(doc, choose.id, "label", Constant("y")))
    for name in ("greet", "is_even", "log_metrics", "make_range", "summarize_numbers"):
        lib = next(c for c in bundled_library() if c.name == name)
        doc.push(C.AddTask(doc, lib.to_component(), (900.0, 100.0)))
    doc.push(C.AddParam(doc, PipelineParam("unused", "str", "hi", True), (-400.0, 400.0)))
    par = doc.pipeline.task_named("number_1_result").component_id
    renamed = doc.component(par).source.replace("number", "value")
    doc.push(C.SetComponentSource(doc, par, renamed, merge=False))
    window.editor.disconnect("sum_result", "number_2")
    window.scene.sync()

    # Context menus of a node, a parameter and the empty canvas.
    scene = window.scene
    for key in ("sum_result", "param:number_1"):
        node = scene.nodes[key]
        texts.widget(context_menu(qtbot, window, node.sceneBoundingRect().center()))
    empty = scene.itemsBoundingRect().bottomRight() + QPointF(300, 300)
    texts.widget(context_menu(qtbot, window, empty))

    # Every task in the Properties pane, every bottom tab, the previews once compiled.
    window.docks["properties"].raise_()
    for task in doc.pipeline.tasks:
        scene.select_keys([task.id])
        qtbot.waitUntil(lambda t=task: window.panes.selected_task == t.id)
        texts.widget(window.panes.properties)
    previews = window.panes.previews
    window.docks["preview"].raise_()
    for i in range(previews.tabs.count()):
        previews.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: previews.is_idle(), timeout=30000)
    window.docks["problems"].raise_()
    assert window.panes.problems.diagnostics, "the pipeline should have problems"

    # The dialogs: a parameter, the export refusal (errors), the warning of File ▸ Export.
    from designer.ui.dialogs import ParamDialog
    param_dialog = ParamDialog(window, doc.pipeline, doc.param("number_1"))
    texts.widget(param_dialog)
    assert window.panes.check_export(window) is False
    refusal = window.findChild(QMessageBox, "export_refused")
    qtbot.waitUntil(refusal.isVisible)
    texts.widget(refusal)
    refusal.close()
    assert window.files.export_yaml("v1", str(tmp_path / "out.yaml")) is False
    for title, text, details in dialogs_script.warnings:
        texts.add("warning.title", title)
        texts.add("warning.text", text)
        texts.add("warning.details", details)   # diagnostics: translated by their code

    skip = [window.panes.code.editor, window.panes.code.status, window.runs.panel.log,
            *(v.editor for v in previews.views.values()),
            *(v.banner for v in previews.views.values())]   # compiler details stay English
    texts.widget(window, skip=skip)
    texts.scene(scene)
    texts.add("statusBar", window.statusBar().currentMessage())

    p = doc.pipeline
    allowed = data_words(
        p.name, p.description or "", window.windowTitle(),
        *(t.name for t in p.tasks), *(prm.name for prm in p.params),
        *(repr(prm.default) for prm in p.params),
        *(repr(a.value) for t in p.tasks for a in t.arguments.values()
          if isinstance(a, Constant)),
        *(c.source for c in p.components), *(c.name for c in p.components),
        *(c.source + " " + c.description for c in bundled_library()),
        *v2_volumes.SOURCES.values(),       # the library's kfp-kubernetes steps: kfp's code
        *(f"{t.name}.{o}" for t in p.tasks for o in ("Output",)),
        str(tmp_path))
    problems = texts.untranslated(allowed)
    assert not problems, "untranslated in the Korean UI:\n" + "\n".join(problems)
    assert len(texts.items) > 400   # the walk saw the UI, not an empty shell


# --------------------------------------------------------------------------- sources

def _tools_i18n():
    spec = importlib.util.spec_from_file_location("tools_i18n", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_translation_files_cover_every_string_of_the_code():
    """lupdate over the code finds nothing the .ts lack, and the committed .qm are what
    lrelease makes of the .ts (``python tools/i18n.py`` refreshes both)."""
    tools = _tools_i18n()
    assert tools.check() == []
    folder = ROOT / "resources" / "i18n"
    for code in ("ko", "en"):
        root = ET.parse(folder / f"designer_{code}.ts").getroot()
        messages = list(root.iter("message"))
        unfinished = [m.findtext("source") for m in messages
                      if m.find("translation").get("type") in ("unfinished", "vanished",
                                                                "obsolete")]
        assert not unfinished, f"{code}: {unfinished}"
    ko = list(ET.parse(folder / "designer_ko.ts").getroot().iter("message"))
    assert len(ko) > 300
    for m in ko:   # placeholders survive translation: .format() would raise otherwise
        source = m.findtext("source")
        forms = [f.text or "" for f in m.iter("numerusform")] or [m.findtext("translation")]
        for form in forms:
            assert _fields(form) == _fields(source), (source, form)


def _fields(text: str) -> set[str]:
    import string
    return {f for _, f, _, _ in string.Formatter().parse(text) if f} | (
        {"%n"} if "%n" in text else set())


def test_the_package_ships_the_translations():
    from designer.resources_path import resources_dir
    for code in ("ko", "en"):
        assert (resources_dir() / "i18n" / f"designer_{code}.qm").stat().st_size > 1000
    assert i18n.qm_path("ko").exists()
