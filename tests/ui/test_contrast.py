"""Both themes meet WCAG AA: every text colour on every background it is drawn on reads at
4.5:1 or more, run-state graphics at 3:1, computed from the real palettes and styles
(designer/ui/contrast.py), and no widget paints text in a colour of its own."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from designer.ui import contrast, theme
from designer.ui.contrast import AA_NON_TEXT, AA_TEXT, ratio

UI = Path(__file__).resolve().parents[2] / "designer" / "ui"


def test_the_wcag_formula():
    assert ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    # translucent text is composited over its background first
    assert ratio(QColor(0, 0, 0, 0), QColor("white")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_text_colour_reads_on_its_backgrounds(name):
    pairs = contrast.text_pairs(name)
    assert len(pairs) > 150                     # palette, roles, canvas, code: all of them
    failing = [f"{p.ratio:.2f}:1 {p.fg.name()} on {p.bg.name()}: {p.what}"
               for p in pairs if p.ratio < AA_TEXT]
    assert failing == []


@pytest.mark.parametrize("name", ["light", "dark"])
def test_run_state_outlines_and_dots_stand_out(name):
    failing = [f"{p.ratio:.2f}:1 {p.what}" for p in contrast.non_text_pairs(name)
               if p.ratio < AA_NON_TEXT]
    assert failing == []


# Where colours are defined: the themes, the canvas style, the code colours, the contrast
# table itself. Anywhere else a literal colour would escape the check above.
COLOUR_HOMES = {"theme.py", "style.py", "highlighter.py", "contrast.py"}
LITERAL = re.compile(r"#[0-9a-fA-F]{6}\b|color:\s*(?!palette|\{)[a-z]+|GlobalColor\.(red|gray|"
                     r"grey|black|darkGray|blue|green)")


def test_no_widget_paints_text_in_a_colour_of_its_own():
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name in COLOUR_HOMES:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if LITERAL.search(line):
                offenders.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert offenders == []


def test_text_roles_follow_a_theme_switch(qtbot):
    from PySide6.QtWidgets import QLabel
    label = QLabel("bad value")
    qtbot.addWidget(label)
    try:
        theme.apply_theme("light")
        theme.set_text_role(label, "error")
        assert QColor(theme.TEXT_ROLES["error"][0]).name() in label.styleSheet()
        theme.apply_theme("dark")
        QCoreApplication.processEvents()
        assert QColor(theme.TEXT_ROLES["error"][1]).name() in label.styleSheet()
        shown = label.grab().toImage()
        reds = [shown.pixelColor(x, y) for x in range(shown.width())
                for y in range(shown.height())]
        assert any(c.red() > 200 and c.green() < 180 for c in reds)   # painted in it
    finally:
        theme.apply_theme("system")
        assert not QApplication.instance().palette().color(
            QApplication.instance().palette().ColorRole.Window).lightness() < 128
