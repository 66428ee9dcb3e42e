"""The UI language: System, English or Korean, remembered in the settings.

Every user-visible string goes through Qt's translation system (``self.tr`` in
QObject subclasses, ``QCoreApplication.translate("Context", ...)`` elsewhere).
The translations are ``resources/i18n/designer_<lang>.qm``, built from the
``.ts`` sources next to them by ``tools/i18n.py`` (pyside6-lupdate and
pyside6-lrelease, both in PySide6-Essentials) and committed, so a plain
``pip install .`` needs no build step. English has a .qm too: it holds only the
plural forms (``"%n task(s)"`` -> "1 task" / "2 tasks"). Korean also loads Qt's own
``qtbase_ko.qm`` (standard dialogs and buttons, text field context menus).

Installing a translator makes Qt send a LanguageChange event to every widget;
widgets retranslate in ``changeEvent`` (see ``retranslate`` methods), so
View ▸ Language switches at once, in every window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication

from designer.ui.theme import settings

LANGUAGES = ("system", "en", "ko")     # what View ▸ Language offers
SETTINGS_KEY = "appearance/language"

_installed: list[QTranslator] = []     # kept alive while installed
_current: str | None = None            # "en" | "ko" once installed


def saved_language() -> str:
    value = str(settings().value(SETTINGS_KEY, "system"))
    return value if value in LANGUAGES else "system"


def save_language(name: str) -> None:
    settings().setValue(SETTINGS_KEY, name)


def system_language() -> str:
    """The translation the system locale asks for: "ko" for Korean, else "en"."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def resolve(name: str) -> str:
    """"system" -> the system's language; "en"/"ko" as they are."""
    return system_language() if name == "system" else name


def translations_dir() -> Path:
    from designer.resources_path import resources_dir
    return resources_dir() / "i18n"


def qm_path(code: str) -> Path:
    return translations_dir() / f"designer_{code}.qm"


def font_path() -> Path:
    """NanumGothic (SIL OFL 1.1, unmodified): Hangul for machines with no Korean font."""
    from designer.resources_path import resources_dir
    return resources_dir() / "fonts" / "NanumGothic.ttf"


def ensure_hangul_font() -> str | None:
    """Make Hangul render: when no installed font covers Korean (a bare Linux has only
    DejaVu), register the bundled one, which Qt's font fallback then uses for Hangul.
    Returns the family added, None when the system already has one (or no GUI app)."""
    if QGuiApplication.instance() is None:
        return None
    if QFontDatabase.families(QFontDatabase.WritingSystem.Korean):
        return None
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def current_language() -> str | None:
    """The installed translation ("en" or "ko"), None before ``set_language``."""
    return _current


def set_language(name: str, app: QCoreApplication | None = None) -> str:
    """Install the translations of ``name`` ("system", "en" or "ko") on the application
    (no saving); returns the language installed. Widgets get a LanguageChange event."""
    global _current
    app = app or QCoreApplication.instance()
    code = resolve(name)
    if app is None:
        return code
    if code == _current and _installed:
        return code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    files = [qm_path(code)]
    if code != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        files.append(Path(qt_dir) / f"qtbase_{code}.qm")
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            _installed.append(translator)
    # Last installed is searched first: ours before Qt's (never overlapping anyway).
    for translator in reversed(_installed):
        app.installTranslator(translator)
    ensure_hangul_font()   # Korean names and docstrings appear in an English UI too
    _current = code
    return code


def ensure_language(app: QCoreApplication | None = None) -> str:
    """The saved language, installed unless a language already is (first window, tests)."""
    if _current is not None:
        return _current
    return set_language(saved_language(), app)


__all__ = ["LANGUAGES", "saved_language", "save_language", "set_language", "ensure_language",
           "current_language", "ensure_hangul_font", "font_path", "resolve", "system_language",
           "qm_path", "translations_dir"]
