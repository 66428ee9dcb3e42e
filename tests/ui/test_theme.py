"""View ▸ Theme: the canvas, its nodes and the toolbar icons follow a light or dark palette,
and the choice is remembered. Colours are read back from painted pixels."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from designer.ui import style as S
from designer.ui import theme
from designer.ui.code.highlighter import is_dark


@pytest.fixture(autouse=True)
def system_theme_after():
    """The application palette outlives a test: put the system one back."""
    yield
    theme.apply_theme("system")
    S.use_theme(is_dark(QApplication.instance().palette()))


def theme_menu_action(window, text: str):
    """The action ``text`` of View ▸ Theme, found through the menu bar as a user would."""
    view_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.text().replace("&", "") == "View")
    sub = next(a.menu() for a in view_menu.actions()
               if isinstance(a.menu(), QMenu) and a.text().replace("&", "") == "Theme")
    return next(a for a in sub.actions() if a.text() == text)


def settle() -> None:
    """Deliver what is queued (palette changes, repaints): no waiting on the clock."""
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def choose(window, qtbot, text: str) -> None:
    theme_menu_action(window, text).trigger()
    settle()  # palette change events are delivered, the viewport repaints


def canvas_image(window) -> QImage:
    return window.view.viewport().grab().toImage()


def background(image: QImage) -> QColor:
    """The commonest colour of a grid cell in the top-right corner (no nodes, no legend)."""
    w = image.width()
    counts = Counter(image.pixel(x, y) for x in range(w - 30, w - 4) for y in range(4, 30))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def node_pixel(window, image: QImage, key: str, local: QPointF) -> QColor:
    node = window.scene.nodes[key]
    at: QPoint = window.view.mapFromScene(node.mapToScene(local))
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(at.x() * ratio), int(at.y() * ratio))


def body(window, image: QImage, key: str) -> QColor:
    node = window.scene.nodes[key]
    return node_pixel(window, image, key, QPointF(node.size[0] / 2, node._header_h + 3))


def header(window, image: QImage, key: str) -> QColor:
    node = window.scene.nodes[key]
    return node_pixel(window, image, key, QPointF(node.size[0] - 16, 4))


def ink_lightness(icon: QIcon, mode=QIcon.Mode.Normal) -> float:
    """Mean lightness of the opaque pixels of an icon."""
    image = icon.pixmap(24, 24, mode).toImage()
    values = [image.pixelColor(x, y).lightness() for x in range(24) for y in range(24)
              if image.pixelColor(x, y).alpha() > 200]
    assert values, "the icon painted nothing"
    return sum(values) / len(values)


@pytest.fixture
def example(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    window.view.fit()
    settle()
    return window


def test_dark_theme_from_the_menu_repaints_canvas_nodes_and_wires(example, qtbot):
    window = example
    assert not is_dark(QApplication.instance().palette())
    light = canvas_image(window)
    light_bg = background(light)
    light_task = body(window, light, "sum_result")
    light_param = header(window, light, "param:number_1")
    assert light_bg.lightness() > 200 and light_task.lightness() > 200

    choose(window, qtbot, "Dark")
    assert is_dark(QApplication.instance().palette())
    dark = canvas_image(window)
    dark_bg, dark_task = background(dark), body(window, dark, "sum_result")
    dark_param = header(window, dark, "param:number_1")
    assert dark_bg.lightness() < 60, dark_bg.name()
    assert dark_task.lightness() < 80 and dark_task != dark_bg  # a node stands out
    # A parameter keeps its amber hue, on a dark header now.
    assert dark_param.lightness() < light_param.lightness() - 80
    assert abs(dark_param.hsvHue() - light_param.hsvHue()) < 25
    # Wires and ports take the lighter type colours of the dark theme.
    out = window.scene.nodes["number_1_result"].outputs[0]
    assert out.colour == S.DARK.kind_colour(out.kind) != S.LIGHT.kind_colour(out.kind)
    assert out.colour.lightness() > S.LIGHT.kind_colour(out.kind).lightness()

    choose(window, qtbot, "Light")
    again = canvas_image(window)
    assert background(again).lightness() > 200
    assert body(window, again, "sum_result").lightness() > 200


def test_canvas_follows_a_palette_set_by_anyone(example, qtbot):
    """Not only the menu: any application palette change turns the canvas (PaletteChange)."""
    window = example
    app = QApplication.instance()
    app.setPalette(theme.dark_palette())
    settle()
    assert S.theme is S.DARK
    assert background(canvas_image(window)).lightness() < 60
    theme.apply_theme("system")
    settle()
    assert S.theme is S.LIGHT
    assert background(canvas_image(window)).lightness() > 200


def test_run_state_colours_show_on_the_dark_canvas(example, qtbot):
    window = example
    choose(window, qtbot, "Dark")
    node = window.scene.nodes["sum_result"]
    before = header(window, canvas_image(window), "sum_result")
    node.set_run_state("failed")
    settle()
    tinted = header(window, canvas_image(window), "sum_result")
    want = S.theme.run["failed"].colour
    assert tinted != before
    hue_gap = abs(tinted.hsvHue() - want.hsvHue())
    assert min(hue_gap, 360 - hue_gap) <= 20 and tinted.hsvSaturation() > 60


def test_toolbar_icons_are_retinted_and_coloured_parts_kept(example, qtbot):
    window = example
    dark_ink_light_theme = ink_lightness(window.act_open.icon())
    choose(window, qtbot, "Dark")
    light_ink_dark_theme = ink_lightness(window.act_open.icon())
    assert dark_ink_light_theme < 100 < 170 < light_ink_dark_theme
    # The painted toolbar button shows the light ink on the dark toolbar.
    button = window.toolbar.widgetForAction(window.act_open).grab().toImage()
    lightest = max(button.pixelColor(x, y).lightness()
                   for x in range(button.width()) for y in range(button.height()))
    assert lightest > 170
    # Disabled icons are dimmer than enabled ones, and the green Run arrow stays green.
    assert ink_lightness(window.act_undo.icon(), QIcon.Mode.Disabled) < light_ink_dark_theme
    run = window.runs.act_run.icon().pixmap(24, 24).toImage().pixelColor(9, 12)
    assert 100 < run.hsvHue() < 160 and run.hsvSaturation() > 100


def test_theme_choice_is_remembered_for_new_windows(example, make_window, qtbot):
    choose(example, qtbot, "Dark")
    assert theme.saved_theme() == "dark"
    assert theme_menu_action(example, "Dark").isChecked()
    theme.apply_theme("system")  # as at the next start: the system palette, then a window
    assert not is_dark(QApplication.instance().palette())
    second = make_window()
    assert is_dark(QApplication.instance().palette())
    assert theme_menu_action(second, "Dark").isChecked()
    assert not theme_menu_action(second, "System").isChecked()
    assert background(canvas_image(second)).lightness() < 60
    choose(second, qtbot, "System")
    assert theme.saved_theme() == "system"
    assert not is_dark(QApplication.instance().palette())
    assert background(canvas_image(example)).lightness() > 200


def test_switching_theme_with_a_component_open_adds_no_undo_step(example, qtbot):
    window = example
    window.scene.select_keys(["sum_result"])
    settle()
    assert window.panes.code.component_id is not None
    stack = window.document.undo_stack
    steps = stack.count()
    for name in ("Dark", "Light"):
        choose(window, qtbot, name)
        window.panes.code.flush()  # what waits for a pause in typing is sent now
        assert stack.count() == steps and not window.document.is_modified()


def test_dark_palette_keeps_muted_text_readable():
    """The panes write muted text in palette(dark) and placeholders: both must read on the
    dark window, and both themes count as dark/light by the highlighter's rule."""
    dark, light = theme.dark_palette(), theme.light_palette()
    assert is_dark(dark) and not is_dark(light)
    for grey in range(0, 256, 5):  # the canvas decides "dark" as the code panes do
        pal = QPalette(QColor(grey, grey, grey))
        assert S.is_dark(pal) == is_dark(pal), grey
    R = QPalette.ColorRole
    for pal in (dark, light):
        window = pal.color(R.Window).lightness()
        for role in (R.Dark, R.PlaceholderText, R.WindowText):
            assert abs(pal.color(role).lightness() - window) > 70, role
