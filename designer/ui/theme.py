"""The application theme: System, Light or Dark, remembered in the settings, and icons
that follow the palette.

Light and Dark set the Fusion style with a palette of our own on the QApplication;
System puts back the style and palette the application started with. Widgets
follow through their PaletteChange events (the canvas in ``canvas/view.py``, the
code panes in ``code/editor.py``). Toolbar and menu icons are the SVGs of
``resources/icons`` drawn by ``TintedSvgEngine``: their neutral ink is replaced by
the palette's text colour when a pixmap is asked for (cached per colour and size),
so they stay legible on a dark palette without a second set of files.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

THEMES = ("system", "light", "dark")
SETTINGS_KEY = "appearance/theme"
INK = "#3a4250"   # the neutral stroke of the bundled icons; coloured parts stay as drawn

_started_with: tuple[str, QPalette] | None = None   # the system style and palette


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "kfp-designer", "kfp-designer")


def saved_theme() -> str:
    value = str(settings().value(SETTINGS_KEY, "system"))
    return value if value in THEMES else "system"


def save_theme(name: str) -> None:
    settings().setValue(SETTINGS_KEY, name)


def _palette(colours: dict[QPalette.ColorRole, str],
             disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    pal = QPalette()
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role, colour in disabled.items():
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return pal


R = QPalette.ColorRole

# Text colours that carry a meaning, (light, dark): each reads at 4.5:1 or more on the
# window, field and tooltip colours of its theme (tests/ui/test_contrast.py computes it).
TEXT_ROLES: dict[str, tuple[str, str]] = {
    "error": ("#b3261e", "#ff8a80"),
    "success": ("#187733", "#7bc47f"),
    "muted": ("#5f6773", "#a3abb6"),
    "warning": ("#8a5300", "#f0b060"),
    "faded_error": ("#9c4a42", "#e0a39c"),   # stderr replayed from the cache
    "reference": ("#1f5fbf", "#7fb0ff"),     # {{references}} in an expression argument
}
BANNER_BACKGROUND = ("#fdecea", "#4a2f2f")     # the preview's "did not compile" banner
# Run states as text (the run panel's State column and status line), (light, dark).
RUN_STATE_TEXT: dict[str, tuple[str, str]] = {
    "pending": ("#5f6773", "#a3abb6"), "paused": ("#6b3fb8", "#c3a6f5"),
    "running": ("#1f5fbf", "#7fb0ff"),
    "succeeded": ("#187733", "#6fcf8a"), "cached": ("#0b6e6e", "#4fd0d0"),
    "failed": ("#b3261e", "#ff8a80"), "skipped": ("#5f6773", "#a3abb6"),
    "condition_false": ("#555c14", "#cfd77a"),
    "cancelled": ("#9a5800", "#f0b060"),
}


def palette_is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(R.Window).lightness() < 128


def text_colour(role: str, dark: bool | None = None) -> QColor:
    """The colour of a text role ("error", "success", "muted") in the current theme."""
    dark = palette_is_dark() if dark is None else dark
    return QColor(TEXT_ROLES[role][dark])


def run_state_text(state: str, dark: bool | None = None) -> QColor:
    dark = palette_is_dark() if dark is None else dark
    return QColor(RUN_STATE_TEXT.get(state, RUN_STATE_TEXT["pending"])[dark])


ROLE_PROPERTY = "kfpTextRole"


def set_text_role(widget, role: str | None) -> None:
    """Colour ``widget``'s text by ``role`` (None: the palette's), now and after every
    theme change (``apply_theme`` re-applies it)."""
    widget.setProperty(ROLE_PROPERTY, role or "")
    _apply_role(widget)


def error_border(widget_class: str = "QLineEdit") -> str:
    """A style sheet outlining a field in the error colour of the current theme."""
    return (f"{widget_class} {{ border: 1px solid {text_colour('error').name()}; "
            "border-radius: 2px; }")


def muted_span(text: str) -> str:
    """Rich text: ``text`` (already escaped) in the muted colour of the current theme."""
    return f"<span style='color:{text_colour('muted').name()}'>{text}</span>"


def role_span(role: str, text: str) -> str:
    return f"<span style='color:{text_colour(role).name()}'>{text}</span>"


def _apply_role(widget) -> None:
    role = widget.property(ROLE_PROPERTY)
    colour = RUN_STATE_TEXT.get(role[4:]) if isinstance(role, str) and role.startswith(
        "run:") else None
    if colour is not None:
        widget.setStyleSheet(f"color: {run_state_text(role[4:]).name()};")
    elif role in TEXT_ROLES:
        widget.setStyleSheet(f"color: {text_colour(role).name()};")
    else:
        widget.setStyleSheet("")


def light_palette() -> QPalette:
    """Fusion's light palette with our accent; Dark is the muted-text colour the panes use
    (``palette(dark)`` in their style sheets), so it is dark enough to read."""
    return _palette({
        R.Window: "#e9ebee", R.WindowText: "#1d2330", R.Base: "#ffffff",
        R.AlternateBase: "#f5f6f8", R.ToolTipBase: "#ffffff", R.ToolTipText: "#1d2330",
        R.PlaceholderText: "#636974", R.Text: "#1d2330", R.Button: "#f4f5f7",
        R.ButtonText: "#1d2330", R.BrightText: "#ffffff", R.Light: "#ffffff",
        R.Midlight: "#dfe2e7", R.Mid: "#b9bec7", R.Dark: "#5f6773", R.Shadow: "#8a919c",
        R.Highlight: "#1f66d1", R.HighlightedText: "#ffffff", R.Link: "#1f66d1",
        R.LinkVisited: "#7a4fc0", R.Accent: "#1f66d1",
    }, {
        R.WindowText: "#a3a9b3", R.Text: "#a3a9b3", R.ButtonText: "#a3a9b3",
        R.Base: "#f4f5f7", R.Highlight: "#b9bec7", R.Dark: "#a3a9b3",
    })


def dark_palette() -> QPalette:
    """A dark Fusion palette in the canvas's greys (``style.DARK``)."""
    return _palette({
        R.Window: "#2b2e33", R.WindowText: "#dfe2e7", R.Base: "#212327",
        R.AlternateBase: "#282a2f", R.ToolTipBase: "#33363c", R.ToolTipText: "#e6e8eb",
        R.PlaceholderText: "#9197a2", R.Text: "#dfe2e7", R.Button: "#363a40",
        R.ButtonText: "#dfe2e7", R.BrightText: "#ffffff", R.Light: "#4a4f57",
        R.Midlight: "#3d4148", R.Mid: "#2f3237", R.Dark: "#9aa2ad", R.Shadow: "#15171a",
        R.Highlight: "#3070d4", R.HighlightedText: "#ffffff", R.Link: "#6aa6ff",
        R.LinkVisited: "#b294f0", R.Accent: "#3070d4",
    }, {
        R.WindowText: "#6c737e", R.Text: "#6c737e", R.ButtonText: "#6c737e",
        R.Base: "#26282c", R.Button: "#2f3237", R.Highlight: "#44484f", R.Dark: "#6c737e",
    })


class ThemeStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons that show on a dark palette.

    Fusion outlines them in the window colour darkened, which on a dark palette is the
    colour of the list or field behind them: they vanish. Here they are drawn as if
    the window were mid-grey, which gives a visible outline.
    """

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                   QStyle.PrimitiveElement.PE_IndicatorRadioButton)
    _OUTLINE_WINDOW = QColor("#8a919c")

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        if element in self._INDICATORS and option.palette.color(R.Window).lightness() < 128:
            option = type(option)(option)
            option.palette.setColor(R.Window, self._OUTLINE_WINDOW)
        super().drawPrimitive(element, option, painter, widget)


def apply_theme(name: str, app: QApplication | None = None) -> None:
    """Set the style and palette of ``name`` on the application (no saving)."""
    global _started_with
    app = app or QApplication.instance()
    if app is None:
        return
    if _started_with is None:
        _started_with = (app.style().name(), QPalette(app.palette()))
    if name == "system":
        style, palette = _started_with
        if isinstance(app.style(), ThemeStyle) or app.style().name() != style:
            app.setStyle(style)
    else:
        if not isinstance(app.style(), ThemeStyle):
            app.setStyle(ThemeStyle())
        palette = dark_palette() if name == "dark" else light_palette()
    if app.palette() != palette:
        app.setPalette(palette)
        # Widgets with a style sheet keep the palette they were polished with (Qt 6.11):
        # setting the same sheet again re-polishes them in the new one.
        for widget in app.allWidgets():
            if widget.property(ROLE_PROPERTY):
                _apply_role(widget)        # its colour follows the theme
                continue
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet(sheet)


# --------------------------------------------------------------------------- icons

def ink(mode: QIcon.Mode) -> QColor:
    """The colour of an icon's neutral strokes: the text colour, eased 15 % towards the
    window colour so icons sit a little quieter than their labels."""
    pal = QGuiApplication.palette()
    group = (QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled
             else QPalette.ColorGroup.Normal)
    text = pal.color(group, R.WindowText)
    if mode == QIcon.Mode.Disabled:
        return text
    back = pal.color(QPalette.ColorGroup.Normal, R.Window)
    k = 0.15
    return QColor.fromRgbF(text.redF() * (1 - k) + back.redF() * k,
                           text.greenF() * (1 - k) + back.greenF() * k,
                           text.blueF() * (1 - k) + back.blueF() * k)


@lru_cache(maxsize=64)
def _svg_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


class TintedSvgEngine(QIconEngine):
    """Draws an SVG with its neutral ink in the palette's text colour (disabled: all of it
    in the disabled text colour). Pixmaps are cached per size, mode and colour."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._cache: dict[tuple, QPixmap] = {}

    def _render(self, size: QSize, mode: QIcon.Mode, ratio: float) -> QPixmap:
        colour = ink(mode).name()
        key = (size.width(), size.height(), mode.value, colour, ratio)
        pix = self._cache.get(key)
        if pix is None:
            svg = _svg_source(self.path)
            if mode == QIcon.Mode.Disabled:  # coloured parts grey out too
                for value in set(_colours_in(svg)):
                    svg = svg.replace(value, colour)
            else:
                svg = svg.replace(INK, colour)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            pix = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            renderer.render(painter)
            painter.end()
            pix.setDevicePixelRatio(ratio)
            if len(self._cache) > 32:  # sizes x modes x themes: stays small
                self._cache.clear()
            self._cache[key] = pix
        return pix

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._render(size, mode, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        return self._render(size, mode, float(scale))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self._render(rect.size(), mode, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> "TintedSvgEngine":
        return TintedSvgEngine(self.path)

    def key(self) -> str:
        return "kfp-designer-tinted-svg"


def _colours_in(svg: str) -> list[str]:
    return re.findall(r"#[0-9a-fA-F]{6}\b", svg)


def svg_icon(name: str) -> QIcon:
    """A bundled icon (``resources/icons/<name>.svg``) that follows the palette."""
    from designer.resources_path import resources_dir
    return QIcon(TintedSvgEngine(str(resources_dir() / "icons" / f"{name}.svg")))


__all__ = ["THEMES", "apply_theme", "saved_theme", "save_theme", "light_palette",
           "dark_palette", "svg_icon", "ink", "TintedSvgEngine"]
