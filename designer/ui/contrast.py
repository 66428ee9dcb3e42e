"""Every text colour the designer draws, against every background it is drawn on, in the Light
and Dark themes, with its WCAG 2 contrast ratio.

``text_pairs(name)`` reads the real values (the application palettes of ``theme.py``, the
canvas themes of ``style.py``, the code and preview colours of ``code/highlighter.py`` and
the text roles of ``theme.TEXT_ROLES``); translucent layers are composited over what is
under them as the painter does. The test suite requires 4.5:1 (WCAG AA, normal text) of
every pair; ``NON_TEXT`` lists the graphics (state outlines and dots, ports, wires) that
need 3:1 (WCAG 1.4.11) against the canvas and the node body.

    python -m designer.ui.contrast        # the table, worst first
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

AA_TEXT = 4.5
AA_NON_TEXT = 3.0


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    return (0.2126 * _channel(colour.redF()) + 0.7152 * _channel(colour.greenF())
            + 0.0722 * _channel(colour.blueF()))


def ratio(fg: QColor, bg: QColor) -> float:
    """Contrast ratio of ``fg`` drawn over ``bg`` (``fg`` composited if translucent)."""
    a, b = luminance(over(fg, bg)), luminance(over(bg, QColor("white")))
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def over(top: QColor, under: QColor) -> QColor:
    """``top`` painted over the opaque ``under`` (source-over)."""
    alpha = top.alphaF()
    if alpha >= 1.0:
        return QColor(top.red(), top.green(), top.blue())
    return QColor.fromRgbF(top.redF() * alpha + under.redF() * (1 - alpha),
                           top.greenF() * alpha + under.greenF() * (1 - alpha),
                           top.blueF() * alpha + under.blueF() * (1 - alpha))


@dataclass(frozen=True)
class Pair:
    what: str
    fg: QColor
    bg: QColor
    minimum: float = AA_TEXT

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)


def _palette_pairs(pal: QPalette) -> list[Pair]:
    R = QPalette.ColorRole
    c = pal.color
    pairs = [("window text", R.WindowText, R.Window), ("text", R.Text, R.Base),
             ("text, alternate rows", R.Text, R.AlternateBase),
             ("button text", R.ButtonText, R.Button), ("tooltip", R.ToolTipText, R.ToolTipBase),
             ("selected text", R.HighlightedText, R.Highlight),
             ("placeholder", R.PlaceholderText, R.Base),
             ("placeholder on the window", R.PlaceholderText, R.Window),
             ("link", R.Link, R.Base), ("link on the window", R.Link, R.Window),
             ("visited link", R.LinkVisited, R.Base),
             # Muted text is written in palette(dark) by the panes' style sheets.
             ("muted text (palette dark)", R.Dark, R.Window),
             ("muted text (palette dark) on a field", R.Dark, R.Base)]
    return [Pair(f"palette: {what}", c(fg), c(bg)) for what, fg, bg in pairs]


def _role_pairs(dark: bool, pal: QPalette) -> list[Pair]:
    from designer.ui.theme import BANNER_BACKGROUND, TEXT_ROLES
    from designer.ui.theme import run_state_text
    from designer.ui.run.controller import STATES
    R = QPalette.ColorRole
    out = []
    backs = {"window": pal.color(R.Window), "field": pal.color(R.Base),
             "tooltip": pal.color(R.ToolTipBase)}
    for role, colours in TEXT_ROLES.items():
        for where, bg in backs.items():
            out.append(Pair(f"{role} text on the {where}", QColor(colours[dark]), bg))
    banner = QColor(BANNER_BACKGROUND[dark])
    out.append(Pair("error text on the preview banner", QColor(TEXT_ROLES["error"][dark]),
                    banner))
    out.append(Pair("window text on the preview banner", pal.color(R.WindowText), banner))
    for state in STATES:
        for where, bg in backs.items():
            if where != "tooltip":
                out.append(Pair(f"run panel: state “{state}” on the {where}",
                                run_state_text(state, dark), bg))
    return out


def _canvas_pairs(dark: bool, pal: QPalette) -> list[Pair]:
    from designer.ui import style as S
    t = S.DARK if dark else S.LIGHT
    out: list[Pair] = [Pair("canvas: a port tooltip's warning", t.missing_text,
                            pal.color(QPalette.ColorRole.ToolTipBase))]
    for kind, look in (("task", t.task), ("parameter", t.param)):
        header = look.header.color()
        out.append(Pair(f"canvas: {kind} title on its header", t.title_text, header))
        out.append(Pair(f"canvas: {kind} subtitle on its header", look.subtitle.color(), header))
        for state, run in t.run.items():
            tinted = over(run.tint.color(), header)
            out.append(Pair(f"canvas: {kind} title on a “{state}” header", t.title_text, tinted))
            out.append(Pair(f"canvas: {kind} subtitle on a “{state}” header",
                            look.subtitle.color(), tinted))
    body = t.node_bg
    band = over(t.stale_band.color(), body)
    out += [Pair("canvas: port label", t.label_text, body),
            Pair("canvas: missing input label", t.missing_text, body),
            Pair("canvas: constant value", t.value_text, body),
            Pair("canvas: stale row label", t.missing_text, band),
            Pair("canvas: stale row value", t.value_text, band),
            Pair("canvas: empty-canvas hint", t.hint_text, t.canvas_bg),
            Pair("canvas: legend", t.label_text, over(t.legend_bg, t.canvas_bg))]
    return out


def _code_pairs(pal: QPalette) -> list[Pair]:
    from designer.ui.code.highlighter import theme_for
    th = theme_for(pal)
    out = [Pair("code: text", th.foreground, th.background),
           Pair("code: text on the current line", th.foreground, th.current_line),
           Pair("code: line numbers", th.gutter_foreground, th.gutter_background),
           Pair("code: current line number", th.gutter_current, th.gutter_background),
           Pair("code: error mark text", th.error, th.background),
           Pair("code: text on the error line", th.foreground,
                over(th.error_background, th.background))]
    located = over(th.located, th.background)
    for ttype, (colour, _bold, _italic) in th.tokens.items():
        name = str(ttype).replace("Token.", "")
        for where, bg in (("", th.background), (" on the current line", th.current_line),
                          (" on a located block", located)):
            out.append(Pair(f"code: {name}{where}", QColor(colour), bg))
    return out


def text_pairs(name: str) -> list[Pair]:
    """Every text/background pair of the theme ``name`` ("light" or "dark")."""
    from designer.ui.theme import dark_palette, light_palette
    dark = name == "dark"
    pal = dark_palette() if dark else light_palette()
    return _palette_pairs(pal) + _role_pairs(dark, pal) + _canvas_pairs(dark, pal) + _code_pairs(pal)


def non_text_pairs(name: str) -> list[Pair]:
    """Run state outlines and dots against the canvas and the node body (3:1)."""
    from designer.ui import style as S
    t = S.DARK if name == "dark" else S.LIGHT
    out = []
    for state, run in t.run.items():
        out.append(Pair(f"canvas: “{state}” outline on the canvas", run.colour, t.canvas_bg,
                        AA_NON_TEXT))
        for kind, look in (("task", t.task), ("parameter", t.param)):
            out.append(Pair(f"canvas: “{state}” dot's ring on a {kind} header",
                            run.dot_pen.color(), over(run.tint.color(), look.header.color()),
                            AA_NON_TEXT))
    return out


def main() -> None:
    for name in ("light", "dark"):
        rows = sorted(text_pairs(name) + non_text_pairs(name), key=lambda p: p.ratio / p.minimum)
        print(f"--- {name}")
        for p in rows:
            flag = "" if p.ratio >= p.minimum else "  FAILS"
            print(f"{p.ratio:5.2f}:1 (min {p.minimum}) {p.fg.name()} on {p.bg.name()}  "
                  f"{p.what}{flag}")


if __name__ == "__main__":
    main()
