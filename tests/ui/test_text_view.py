"""The previews' virtual text view: selection, copy, keys, wheel, located ranges, and work
that follows what is on screen, not how long the text is (``preview/text_view.py``)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from designer.ui.code.highlighter import line_spans  # noqa: E402
from designer.ui.preview import text_view as TV  # noqa: E402
from designer.ui.code.relex import line_starts  # noqa: E402
from designer.ui.preview.text_view import TextView, widest_line  # noqa: E402

LINES = [f"key_{i}: value {i}" for i in range(5000)]
TEXT = "\n".join(LINES) + "\n"


def make_view(qtbot, text: str = TEXT, language: str = "yaml", size=(600, 400)) -> TextView:
    view = TextView(language=language)
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_content(text, line_spans(text, language))
    view.show()
    qtbot.waitExposed(view)
    return view


def wheel(view: TextView, dy: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = view.viewport()
    point = QPointF(viewport.rect().center())
    event = QWheelEvent(point, QPointF(viewport.mapToGlobal(point.toPoint())), QPoint(0, 0),
                        QPoint(0, dy), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def test_line_starts_and_widest_line():
    assert list(line_starts("a\nbc\n")) == [0, 2, 5]
    assert list(line_starts("")) == [0]
    assert widest_line("a\nbcd\n", line_starts("a\nbcd\n")) == 3
    assert widest_line("ab\nc\nlast!", line_starts("ab\nc\nlast!")) == 5
    assert widest_line("", line_starts("")) == 0 and widest_line("abc", line_starts("abc")) == 3
    for n in (TV.CHUNK - 1, TV.CHUNK, TV.CHUNK + 1, 3 * TV.CHUNK + 7):   # chunk borders
        for at in (0, n // 2, n):
            lines = ["x" * (i % 50) for i in range(n)]
            lines.insert(at, "y" * 77)
            text = "\n".join(lines)
            assert widest_line(text, line_starts(text)) == 77


def test_drag_selects_and_ctrl_c_copies(qtbot):
    view = make_view(qtbot)
    viewport = view.viewport()
    start, end = view.point_of(2, 0), view.point_of(4, 5)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    expected = LINES[2] + "\n" + LINES[3] + "\n" + LINES[4][:5]
    assert view.selected_text() == expected
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == expected


def test_a_click_selects_nothing_and_says_which_line(qtbot):
    view = make_view(qtbot)
    clicked = []
    view.clicked_line.connect(clicked.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.point_of(6, 3))
    assert clicked == [7] and not view.has_selection()
    assert view.position_of(view.caret) == (6, 3)


def test_shift_click_and_double_click_select(qtbot):
    view = make_view(qtbot)
    viewport = view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=view.point_of(1, 0))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     pos=view.point_of(1, 5))
    assert view.selected_text() == LINES[1][:5]
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=view.point_of(3, 9))
    assert view.selected_text() == "value"
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=view.point_of(3, 9))   # triple
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=view.point_of(3, 9))
    assert view.selected_text() == LINES[3] + "\n"


def test_context_menu_copies_and_selects_all(qtbot):
    view = make_view(qtbot, "one\ntwo\n")
    menu = view.context_menu()
    actions = {a.text(): a for a in menu.actions()}
    assert not actions["&Copy"].isEnabled()
    actions["Select &All"].trigger()
    assert view.selected_text() == "one\ntwo\n"
    menu = view.context_menu()
    copy = next(a for a in menu.actions() if a.text() == "&Copy")
    assert copy.isEnabled()
    QGuiApplication.clipboard().clear()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "one\ntwo\n"


def test_ctrl_a_selects_all(qtbot):
    view = make_view(qtbot, "x: 1\ny: 2")
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_text() == "x: 1\ny: 2"


def test_keys_move_the_caret_and_scroll(qtbot):
    view = make_view(qtbot)
    bar = view.verticalScrollBar()
    page = view.visible_lines()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() == page and view.caret_line() == page
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert bar.value() == 0 and view.caret_line() == 0
    for _ in range(page + 2):                        # past the bottom edge: it follows
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.caret_line() == page + 2 and bar.value() == 3
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.position_of(view.caret) == (page + 2, len(LINES[page + 2]))
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_text() == LINES[page + 2]
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.caret == len(TEXT) and bar.value() == bar.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.caret == 0 and bar.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_text() == LINES[0] + "\n" + LINES[1][:1]


def test_the_wheel_scrolls_and_ctrl_wheel_zooms(qtbot):
    view = make_view(qtbot)
    bar = view.verticalScrollBar()
    wheel(view, -120)
    assert bar.value() == QApplication.wheelScrollLines()
    wheel(view, 120)
    assert bar.value() == 0
    size, height = view.font().pointSizeF(), view.line_height
    wheel(view, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size + 1 and view.line_height > height
    assert bar.value() == 0


def test_a_located_range_is_scrolled_to_and_painted(qtbot):
    view = make_view(qtbot)
    view.set_located([(2000, 2010), (3000, 3001)], scroll_to=0)
    assert view.first_visible_line() == 1997 and view.caret_line() == 1999
    image = view.viewport().grab().toImage()
    x = view.viewport().width() - 3                  # right of any text
    y_located = view.point_of(1999).y()
    y_before = view.point_of(1997).y()
    background = view.theme.background
    assert image.pixelColor(x, y_before) == background
    expected = _over(view.theme.located, background)
    got = image.pixelColor(x, y_located)
    assert max(abs(got.red() - expected.red()), abs(got.green() - expected.green()),
               abs(got.blue() - expected.blue())) <= 2, (got.name(), expected.name())


def _over(top: QColor, bottom: QColor) -> QColor:
    a = top.alphaF()
    return QColor(*(round(getattr(top, c)() * a + getattr(bottom, c)() * (1 - a))
                    for c in ("red", "green", "blue")))


def test_it_lays_out_only_the_lines_it_paints(qtbot):
    text = "\n".join(f"  - name: step-{i}\n    value: {i}" for i in range(100_000))
    view = make_view(qtbot, text)
    qtbot.waitUntil(lambda: view.laid_out > 0)
    screen = view.visible_lines() + 1
    assert view.laid_out <= screen and view.line_count() == 200_000
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: view.is_laid_out(view.first_visible_line() + 1))
    assert view.laid_out <= 2 * screen
    before = view.laid_out
    qtbot.keyClick(view, Qt.Key.Key_PageUp)        # back: the cached layouts serve
    view.viewport().repaint()
    assert view.laid_out == before
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        view.viewport().repaint()
    assert len(view._layouts) <= TV.CACHE_SCREENS * (view.visible_lines() + 2)
    # A new text of the same length swaps in without laying out anything.
    before = view.laid_out
    view.set_content(text.replace("value", "other"))
    assert view.laid_out == before and view.line_text(1) == "    other: 0"


def test_lines_above_an_edit_keep_the_view_and_selection_in_place(qtbot):
    view = make_view(qtbot)
    view.verticalScrollBar().setValue(1000)
    view.set_selection(view.offset_of(1005), view.offset_of(1006, 3))
    lines = LINES[:10] + ["new a", "new b"] + LINES[10:]
    new = "\n".join(lines) + "\n"
    view.set_content(new, line_spans(new, "yaml"), edits=[(10, 10, 10, 12)])
    assert view.first_visible_line() == 1002
    assert view.line_text(view.first_visible_line()) == LINES[1000]
    assert view.selected_text() == LINES[1005] + "\n" + LINES[1006][:3]


def test_dragging_past_the_bottom_scrolls_and_extends(qtbot):
    view = make_view(qtbot)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=view.point_of(0, 0))
    qtbot.mouseMove(viewport, QPoint(20, viewport.height() + 10))
    qtbot.waitUntil(lambda: view.first_visible_line() >= 3)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton,
                       pos=QPoint(20, viewport.height() + 10))
    assert view.caret_line() >= view.visible_lines() + 2
    assert view.selected_text().startswith(LINES[0] + "\n" + LINES[1])


def test_wide_characters_and_tabs_hit_where_they_are_drawn(qtbot):
    line = "이름:\t값 😀 end"
    view = make_view(qtbot, "plain\n" + line + "\n")
    end = line.index("end")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.point_of(1, end))
    assert view.position_of(view.caret) == (1, end)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, pos=view.point_of(1, len(line)))
    assert view.selected_text() == "end"


def test_highlighting_follows_the_theme(qtbot):
    from pygments.token import Name
    view = make_view(qtbot, "apiVersion: v1\n")
    light = dict((s, c) for s, _n, c in view.formats(0))[0]
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    view.setPalette(dark)
    assert view.theme.dark
    darker = dict((s, c) for s, _n, c in view.formats(0))[0]
    assert darker != light
    assert darker == view.theme.format_for(Name.Tag).foreground().color()


def test_end_on_a_long_line_scrolls_sideways_to_the_caret(qtbot):
    line = "key: " + "v" * 400
    view = make_view(qtbot, "short\n" + line + "\n", size=(400, 300))
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    view.set_caret(1)
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.position_of(view.caret) == (1, len(line))
    assert bar.value() > 0 and 0 <= view.point_of(1, len(line)).x() <= view.viewport().width()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_the_selection_and_a_stale_text_are_drawn(qtbot):
    view = make_view(qtbot, "alpha: 1\nbeta: 2\n")
    view.setFocus()
    point = view.point_of(0, 2)
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

    def colours(row: int) -> set[str]:
        image = view.viewport().grab().toImage()
        y = view.point_of(row, 0).y()
        return {image.pixelColor(x, y).name() for x in range(0, point.x() + 40)}
    assert highlight.name() not in colours(0)
    view.set_selection(view.offset_of(0, 0), view.offset_of(0, 5))
    assert highlight.name() in colours(0) and highlight.name() not in colours(1)
    view.set_selection(0, 0)
    bright = colours(0)
    view.setEnabled(False)                            # an out-of-date text: dimmed
    assert colours(0) != bright
