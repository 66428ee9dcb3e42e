"""How much the canvas paints and re-paths per gesture, counted (not timed), with real
mouse and wheel events: a drag step re-paths only the dragged node's wires and repaints
nodes from their cached pixmaps; the overview paints plain boxes, uncached."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView

from designer import persist
from designer.ui import style as S
from designer.ui.canvas.node_item import NodeItem
from designer.ui.canvas.view import GRID_MIN_ZOOM, NODE_CACHE_MAX_ZOOM
from designer.ui.canvas.wire_item import WireItem
from tests.bench.canvas_bench import make_project
from tests.ui.canvas_helpers import drop_component, mouse_drag

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
UNCACHED = QGraphicsItem.CacheMode.NoCache


@pytest.fixture
def counts(monkeypatch) -> Counter:
    """Calls of the full node paint, the overview node paint, and wire re-paths (by wire)."""
    seen: Counter = Counter()
    full, simple, repath = NodeItem._paint_ports, NodeItem._paint_simple, WireItem.update_ends

    def count_full(self, *args, **kwargs):
        seen["full"] += 1
        return full(self, *args, **kwargs)

    def count_simple(self, *args, **kwargs):
        seen["simple"] += 1
        return simple(self, *args, **kwargs)

    def count_repath(self):
        seen[("repath", self.key)] += 1
        return repath(self)

    monkeypatch.setattr(NodeItem, "_paint_ports", count_full)
    monkeypatch.setattr(NodeItem, "_paint_simple", count_simple)
    monkeypatch.setattr(WireItem, "update_ends", count_repath)
    return seen


@pytest.fixture
def chain(window, tmp_path):
    """60 tasks in a grid, each fed by the one before (the canvas bench's pipeline)."""
    path = tmp_path / "chain.kfpd"
    persist.save(make_project(60), path)
    window.files.open_path(str(path))
    return window


def send_mouse(view, kind, pos: QPoint, button, buttons) -> None:
    vp = view.viewport()
    QApplication.sendEvent(vp, QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)),
                                           button, buttons, Qt.KeyboardModifier.NoModifier))


def wheel(view, notches: int) -> None:
    centre = QPointF(view.viewport().rect().center())
    QApplication.sendEvent(view.viewport(), QWheelEvent(
        centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
        QPoint(0, 120 * notches), NONE, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False))


def repaint(view) -> None:
    """The whole viewport painted now."""
    view.viewport().repaint()
    QApplication.processEvents()


def on_screen(view):
    """The viewport's pixels as the window shows them (the backing store, which partial
    repaints update), unlike ``grab()``, which paints the widget anew."""
    vp = view.viewport()
    top = vp.mapTo(vp.window(), QPoint(0, 0))
    return vp.screen().grabWindow(vp.window().winId(), top.x(), top.y(), vp.width(),
                                  vp.height()).toImage()


def drag_to(view, pos: QPoint) -> None:
    """One drag step with the left button held, then the repaint of what it moved (the
    queued update, as in a real drag)."""
    send_mouse(view, QEvent.Type.MouseMove, pos, NONE, LEFT)
    QApplication.processEvents()


def centred_at_100(window, key: str) -> NodeItem:
    """The view at 100 % on node ``key``, painted."""
    view = window.view
    view.reset_zoom()
    node = window.scene.nodes[key]
    view.centerOn(node)
    repaint(view)
    return node


def repaths(counts: Counter) -> Counter:
    return Counter({key[1]: n for key, n in counts.items() if key[0] == "repath"})


def test_a_drag_step_repaths_only_the_dragged_nodes_wires_and_paints_no_node(chain, counts):
    view = chain.view
    node = centred_at_100(chain, "t2")
    start = view.mapFromScene(node.pos() + QPointF(70, 12))   # the title bar
    send_mouse(view, QEvent.Type.MouseMove, start, NONE, NONE)
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    drag_to(view, start + QPoint(4, 1))   # the first step paints the pixmaps the next move
    assert counts["full"] >= 1
    counts.clear()
    steps = 6
    for i in range(2, steps + 2):
        drag_to(view, start + QPoint(4 * i, i % 2))
    send_mouse(view, QEvent.Type.MouseButtonRelease, start + QPoint(4 * (steps + 1), 0),
               LEFT, NONE)
    # t2's wires are t1 -> t2 and t2 -> t3: each re-pathed once per step, no other wire.
    own = {w.key for w in node.wires}
    assert own == {("t2", "number"), ("t3", "number")}
    assert repaths(counts) == Counter({key: steps for key in own})
    # The dragged node and the neighbours its wires reach were blitted from their caches,
    # and the screen shows what painting everything anew shows.
    assert counts["full"] == 0 and counts["simple"] == 0
    assert on_screen(view) == view.viewport().grab().toImage()
    assert chain.document.layout["t2"][0] > 0.0   # and the drag was one real move


def test_the_overview_paints_plain_uncached_boxes_and_zooming_in_caches_nodes(chain, counts):
    view, scene = chain.view, chain.scene
    view.fit()
    assert view.zoom() < S.LOD_SIMPLE   # 60 tasks fitted: too small to read
    assert {n.cacheMode() for n in scene.nodes.values()} == {UNCACHED}
    assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone   # a plain fill
    counts.clear()
    repaint(view)
    assert counts["simple"] >= len(scene.nodes) - 2 and counts["full"] == 0
    while view.zoom() < S.LOD_SIMPLE:   # wheel in, as a user does, past the threshold
        wheel(view, 1)
    assert {n.cacheMode() for n in scene.nodes.values()} == {CACHED}
    counts.clear()
    repaint(view)
    assert counts["full"] >= 1 and counts["simple"] == 0
    counts.clear()
    repaint(view)   # nothing changed: every visible node comes from its pixmap
    assert counts["full"] == 0
    while view.zoom() < GRID_MIN_ZOOM:
        wheel(view, 1)
    view.set_zoom(NODE_CACHE_MAX_ZOOM * 1.2)   # magnified: few nodes, large pixmaps
    assert {n.cacheMode() for n in scene.nodes.values()} == {UNCACHED}
    view.set_zoom(1.0)
    assert {n.cacheMode() for n in scene.nodes.values()} == {CACHED}
    # The dot grid: painted once per zoom, copied from then on.
    assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheBackground
    while view.zoom() >= S.LOD_SIMPLE:   # back under the threshold: uncached again
        wheel(view, -1)
    assert {n.cacheMode() for n in scene.nodes.values()} == {UNCACHED}
    assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone
    # A task dropped from the library at the overview is painted like its neighbours.
    drop_component(chain, "print_and_return_number", scene.nodes["t3"].pos() + QPointF(0, 90))
    added = scene.nodes[chain.document.pipeline.tasks[-1].id]
    assert added.key not in {f"t{i}" for i in range(60)}
    assert added.cacheMode() == UNCACHED


def test_a_cached_node_repaints_when_it_changes(chain, counts):
    """Selection, run states and highlights drop the pixmap (no stale look)."""
    view, scene = chain.view, chain.scene
    node = centred_at_100(chain, "t2")
    for change in (lambda: scene.select_keys(["t2"]),
                   lambda: node.set_run_state("failed", "boom"),
                   lambda: node.set_highlight({(False, "number"): 1})):
        counts.clear()
        change()
        repaint(view)
        assert counts["full"] >= 1


def test_items_bounds_are_qts_own(chain):
    """Qt reads node and wire bounds in C++ (no Python call per item per frame) and they
    follow the geometry: a node's box with its ports' overhang, a wire's curve."""
    assert "boundingRect" not in vars(NodeItem) and "boundingRect" not in vars(WireItem)
    node = chain.scene.nodes["t2"]
    box = node._rect
    assert node.boundingRect() == box.adjusted(-S.PORT_R - 3, -2, S.PORT_R + 3, 2)
    wire = chain.scene.wires[("t2", "number")]
    rect = wire.boundingRect()
    assert rect.contains(node.input_pos("number"))
    assert rect.contains(chain.scene.nodes["t1"].output_pos("Output"))


@pytest.fixture
def two_loops(window, tmp_path):
    """40 tasks: t0-t19 in loop g0, t20-t39 in loop g1; t5 and t25 read their loop's item."""
    import dataclasses

    from designer.ir import Constant
    from designer.ir.groups import Group
    from designer.ir.model import LoopItem
    project = make_project(40)
    p = project.pipeline
    p = dataclasses.replace(p, groups=[Group("g0", "loop", items=Constant([1, 2])),
                                       Group("g1", "loop", items=Constant([3, 4]))])
    for i, t in enumerate(p.tasks):
        t.group = "g0" if i < 20 else "g1"
    for task_id, loop in (("t5", "g0"), ("t25", "g1")):
        p.task(task_id).arguments["extra"] = LoopItem(loop)
    path = tmp_path / "loops.kfpd"
    persist.save(dataclasses.replace(project, pipeline=p), path)
    window.files.open_path(str(path))
    assert set(window.scene.frames) == {"g0", "g1"} and len(window.scene.loop_wires) == 2
    return window


def test_a_drag_step_in_a_loop_refits_its_frame_from_an_index(two_loops, monkeypatch):
    """Each step re-fits only the dragged node's frame, from a member index built once for
    the gesture (not a pass over every task), and re-ends only the loop wires that moved."""
    from designer.ui.canvas.group_frame import GroupFrame, LoopWire
    scene, view = two_loops.scene, two_loops.view
    fitted: Counter = Counter()
    ended: Counter = Counter()
    built: list[int] = []
    set_rect, update_ends, members = GroupFrame.set_rect, LoopWire.update_ends, \
        type(scene)._frame_members

    def count_set_rect(self, rect):
        fitted[self.key] += 1
        return set_rect(self, rect)

    def count_update_ends(self):
        ended[self.node.key] += 1
        return update_ends(self)

    def count_members(self):
        if self._members is None:
            built.append(1)
        return members(self)

    monkeypatch.setattr(GroupFrame, "set_rect", count_set_rect)
    monkeypatch.setattr(LoopWire, "update_ends", count_update_ends)
    monkeypatch.setattr(type(scene), "_frame_members", count_members)
    # t25 sits inside g1's frame (its grid row has members left and right, above and below).
    node = centred_at_100(two_loops, "t25")
    start = view.mapFromScene(node.pos() + QPointF(70, 12))
    send_mouse(view, QEvent.Type.MouseMove, start, NONE, NONE)
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    fitted.clear(), ended.clear(), built.clear()
    steps = 6
    for i in range(1, steps + 1):
        drag_to(view, start + QPoint(3 * i, i % 2))
    assert fitted == Counter({"g1": steps})      # never g0's frame
    assert len(built) <= 1                       # the index: at most once for the gesture
    assert ended == Counter({"t25": steps})      # t5's loop wire did not move
    index = scene._members
    send_mouse(view, QEvent.Type.MouseButtonRelease, start + QPoint(3 * steps, 0), LEFT, NONE)
    # The move is a command: the document changed, the index is the new document's.
    assert scene._members is not index
    assert two_loops.document.layout["t25"][0] == node.x()


def test_dragging_inside_a_frame_repaints_only_its_tint(two_loops, monkeypatch):
    """A node dragged well inside a loop frame: the frame's repaints are plain fills of its
    inside (no outline, title bar or port drawn again), and it still looks the same."""
    from designer.ui.canvas.group_frame import GroupFrame
    view = two_loops.view
    full: Counter = Counter()
    band = GroupFrame._title_band

    def count_band(self):
        full[self.key] += 1
        return band(self)

    node = centred_at_100(two_loops, "t27")   # row 4 of g1, members all around it
    two_loops.scene.select_keys(["t27"])      # as the press will
    repaint(view)
    before = view.viewport().grab().toImage()
    monkeypatch.setattr(GroupFrame, "_title_band", count_band)
    start = view.mapFromScene(node.pos() + QPointF(70, 12))
    send_mouse(view, QEvent.Type.MouseMove, start, NONE, NONE)
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for i in range(1, 7):
        drag_to(view, start + QPoint(3 * i, 0))
    for i in range(5, -1, -1):   # and back where it was
        drag_to(view, start + QPoint(3 * i, 0))
    assert full["g1"] == 0
    send_mouse(view, QEvent.Type.MouseButtonRelease, start, LEFT, NONE)
    QApplication.processEvents()
    monkeypatch.undo()
    # The fills left no seam: the screen shows what painting everything anew shows, and
    # the canvas is as it was.
    assert on_screen(view) == view.viewport().grab().toImage() == before


@pytest.mark.parametrize("legend", [True, False])
def test_panning_leaves_the_screen_as_a_full_repaint_shows_it(chain, legend):
    """Middle-button pan steps over cached nodes cut by the viewport's edge, with the
    legend shown or hidden: the screen shows what painting everything anew shows (no node
    a pixel off, no seam)."""
    view = chain.view
    view.show_legend = legend
    centred_at_100(chain, "t20")
    mid = Qt.MouseButton.MiddleButton
    at = QPoint(300, 300)
    send_mouse(view, QEvent.Type.MouseButtonPress, at, mid, mid)
    for step in range(1, 5):
        send_mouse(view, QEvent.Type.MouseMove, at - QPoint(6 * step, 4 * step), NONE, mid)
        QApplication.processEvents()
    send_mouse(view, QEvent.Type.MouseButtonRelease, at - QPoint(24, 16), mid, NONE)
    assert on_screen(view) == view.viewport().grab().toImage()


def overview_lines(scene) -> dict[tuple, str]:
    """What the wire overview draws: each line's ends -> its pen's colour."""
    return {(line.x1(), line.y1(), line.x2(), line.y2()): pen.color().name()
            for pen, lines in scene.wire_overview.lines() for line in lines}


def wire_lines(wires) -> set[tuple]:
    return {(w._p1.x(), w._p1.y(), w._p2.x(), w._p2.y()) for w in wires}


def test_the_overview_draws_every_wire_as_one_line_and_follows_edits(chain, qtbot):
    """At the overview the wires are drawn together by one item (no Python paint per
    wire): a line per visible wire, moved by a real drag, in the selection's colour when
    rubber-band selected, gone when the wire is deleted; the wires paint themselves again
    when zoomed back in. Each time the screen shows what a fresh paint shows."""
    view, scene = chain.view, chain.scene
    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    view.fit()
    assert view.zoom() < S.LOD_SIMPLE and scene.wire_overview is not None
    assert all(w.flags() & no_contents for w in scene.wires.values())
    assert set(overview_lines(scene)) == wire_lines(scene.wires.values())
    repaint(view)
    # A drag at the overview: t2's two lines follow it.
    node = scene.nodes["t2"]
    start = view.mapFromScene(node.pos() + QPointF(80, 40))
    send_mouse(view, QEvent.Type.MouseMove, start, NONE, NONE)
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for i in range(1, 5):
        drag_to(view, start + QPoint(0, i))
    send_mouse(view, QEvent.Type.MouseButtonRelease, start + QPoint(0, 4), LEFT, NONE)
    QApplication.processEvents()
    assert chain.document.layout["t2"][1] > 0
    assert set(overview_lines(scene)) == wire_lines(scene.wires.values())
    assert on_screen(view) == view.viewport().grab().toImage()
    # Rubber band around t2 and its wires: they are drawn in the selection's colour.
    box = node.sceneBoundingRect().adjusted(-120, -60, 120, 60)
    mouse_drag(view, box.topLeft(), box.bottomRight())
    QApplication.processEvents()
    chosen = [w for w in scene.wires.values() if w.isSelected()]
    assert chosen
    selected = S.theme.selected_thin.color().name()
    drawn = overview_lines(scene)
    assert all(drawn[line] == selected for line in wire_lines(chosen))
    assert on_screen(view) == view.viewport().grab().toImage()
    # A click on empty canvas clears the selection: the lines take their wire colours.
    empty = view.mapFromScene(scene.itemsBoundingRect().bottomRight() + QPointF(40, 40))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     empty)
    QApplication.processEvents()
    assert not scene.selectedItems()
    assert selected not in set(overview_lines(scene).values())
    assert on_screen(view) == view.viewport().grab().toImage()
    # The same rubber band again, then Delete: the lines of its wires go.
    mouse_drag(view, box.topLeft(), box.bottomRight())
    QApplication.processEvents()
    assert [w for w in scene.wires.values() if w.isSelected()] == chosen
    assert all(overview_lines(scene)[line] == selected for line in wire_lines(chosen))
    gone = wire_lines(w for w in chosen)
    chain.act_delete.trigger()
    QApplication.processEvents()
    assert not gone & set(overview_lines(scene))
    assert set(overview_lines(scene)) == wire_lines(scene.wires.values())
    assert on_screen(view) == view.viewport().grab().toImage()
    # Zoomed back in: the wires are items that paint themselves again.
    while view.zoom() < S.LOD_SIMPLE:
        wheel(view, 1)
    assert scene.wire_overview is None
    assert not any(w.flags() & no_contents for w in scene.wires.values())


def test_a_wire_picked_up_at_the_overview_leaves_it_until_put_back(chain):
    """A wire gesture hides the wire it picks up: its overview line goes, and comes back
    when the wire is shown again. Wires and nodes override no ``itemChange`` (Qt would
    call into Python about eight times per item while a file opens): the scene and
    ``set_shown`` tell the overview instead."""
    from PySide6.QtWidgets import QGraphicsRectItem
    assert WireItem.itemChange is QGraphicsRectItem.itemChange
    assert NodeItem.itemChange is QGraphicsRectItem.itemChange   # (the scene calls moved)
    view, scene = chain.view, chain.scene
    view.fit()
    assert scene.wire_overview is not None
    wire = next(iter(scene.wires.values()))
    line = (wire._p1.x(), wire._p1.y(), wire._p2.x(), wire._p2.y())
    wire.set_shown(False)
    assert line not in overview_lines(scene)
    wire.set_shown(True)
    assert line in overview_lines(scene)
    assert set(overview_lines(scene)) == wire_lines(scene.wires.values())


def test_the_overview_lines_follow_the_theme(chain):
    """View ▸ Theme at the overview: the lines take the dark theme's wire colours."""
    from designer.ui import theme
    from designer.ui.code.highlighter import is_dark
    view, scene = chain.view, chain.scene
    view.fit()
    light = set(overview_lines(scene).values())
    try:
        theme.apply_theme("dark")
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert S.theme.dark
        dark = {S.theme.wire_pens(w.kind)[2].color().name() for w in scene.wires.values()}
        assert set(overview_lines(scene).values()) == dark != light
        assert on_screen(view) == view.viewport().grab().toImage()
    finally:
        theme.apply_theme("system")
        S.use_theme(is_dark(QApplication.instance().palette()))


def test_an_edit_at_the_overview_regroups_only_the_wires_it_touched(chain, monkeypatch):
    """A rename, a new wire and its undo at the overview: the overview moves the lines of
    the wires the edit rebuilt into their batches (not every wire again), and draws what
    a fresh grouping draws."""
    from designer.ir import OutputRef
    from designer.model import commands as C
    from designer.ui.canvas.overview import WireOverview
    view, scene, doc = chain.view, chain.scene, chain.document
    view.fit()
    assert scene.wire_overview is not None
    repaint(view)
    placed = []
    place = WireOverview._place
    monkeypatch.setattr(WireOverview, "_place", lambda self, w: placed.append(w) or place(self, w))
    for command in (C.RenameTask(doc, "t30", "renamed"),
                    C.SetArgument(doc, "t31", "extra", OutputRef("t20", "Output"))):
        placed.clear()
        doc.push(command)
        repaint(view)
        assert 0 < len(placed) <= 8, len(placed)     # (of 59 wires)
        assert set(overview_lines(scene)) == wire_lines(scene.wires.values())
        assert on_screen(view) == view.viewport().grab().toImage()
    placed.clear()
    doc.undo_stack.undo()
    repaint(view)
    assert len(placed) <= 8
    assert set(overview_lines(scene)) == wire_lines(scene.wires.values())
    fresh = WireOverview(scene.wires.values())
    assert sorted(map(tuple, overview_lines(scene).items())) == sorted(
        ((line.x1(), line.y1(), line.x2(), line.y2()), pen.color().name())
        for pen, lines in fresh.lines() for line in lines)
    fresh.finish()


def test_opening_a_small_file_at_the_overview_fits_the_new_pipeline(chain, tmp_path):
    """Zoomed out to the overview, then another (small) file opened: the overview's lines
    are those of the new wires only, and the view fits the new pipeline (a stale overview
    kept the old pipeline's bounds: three nodes shown as specks)."""
    view, scene = chain.view, chain.scene
    view.fit()
    assert scene.wire_overview is not None
    small = tmp_path / "small.kfpd"
    persist.save(make_project(3), small)
    assert chain.files.open_path(str(small))
    QApplication.processEvents()
    node_bounds = None
    for node in scene.nodes.values():
        r = node.sceneBoundingRect()
        node_bounds = r if node_bounds is None else node_bounds.united(r)
    bounds = scene.itemsBoundingRect()
    # (wires may reach a little past the nodes; the old pipeline was ten times as wide)
    assert bounds.width() < 1.5 * node_bounds.width(), (bounds, node_bounds)
    assert bounds.height() < 1.5 * node_bounds.height(), (bounds, node_bounds)
    assert view.zoom() >= S.LOD_SIMPLE          # fitted to three nodes: no overview
    assert scene.wire_overview is None
