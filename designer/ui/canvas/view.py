"""The canvas view: zoom (wheel, keys), pan (middle button or Space), fit, rubber band,
drops from the component library, and a legend of port colours.

Bounding-rect viewport updates and a fixed scene rect keep a drag step
proportional to what moved (see shared/notes/canvas-performance.md). Nodes are
cached as device pixmaps at readable zooms up to 2x (a drag step blits the dragged
node and its neighbours instead of painting them in Python) and painted directly at
the overview, where every wheel step would re-render every cache; there one item
draws all the wires as lines (canvas/overview.py). See ``_follow_zoom``.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from designer.ui import style as S
from designer.ui.canvas.node_item import NODE_CACHE
from designer.ui.canvas.overview import WireOverview
from designer.ui.canvas.scene import CanvasScene

MIME_COMPONENT = "application/x-kfp-designer-component"
MIN_SCALE, MAX_SCALE = 0.05, 4.0
ZOOM_STEP = 1.2


GRID = 24
GRID_MIN_ZOOM = 0.5   # below this the grid's dots would crowd: a plain background
NODE_CACHE_MAX_ZOOM = 2.0   # nodes are cached as pixmaps from LOD_SIMPLE up to this zoom


@lru_cache(maxsize=2)
def _grid_tile(theme: S.CanvasTheme) -> QPixmap:
    """One grid cell of a theme, painted once."""
    tile = QPixmap(GRID, GRID)
    tile.fill(theme.canvas_bg)
    p = QPainter(tile)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.grid_dot)
    p.drawEllipse(QPointF(GRID / 2, GRID / 2), 1.2, 1.2)
    p.end()
    return tile


@lru_cache(maxsize=4)
def _legend(theme: S.CanvasTheme, ratio: float, artifact: str) -> QPixmap:
    """The legend of port colours and shapes (value kinds as dots, then a page for artifacts,
    named ``artifact`` in the UI's language), painted once per theme, device pixel ratio and
    language."""
    font = QFont(S.small_font())
    fm = S.metrics("small")
    pad, dot, gap = 8, 9, 12
    items = S.LEGEND_ORDER
    width = pad * 2 + sum(dot + 4 + fm.horizontalAdvance(k) + gap for k in (*items, artifact)) \
        - gap
    height = fm.height() + pad
    pix = QPixmap(int(round((width + 2) * ratio)), int(round((height + 2) * ratio)))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    p.setFont(font)
    p.setPen(theme.legend_border)
    p.setBrush(theme.legend_bg)
    p.drawRoundedRect(QRectF(0.5, 0.5, width, height), 5, 5)
    x, cy = 0.5 + pad, 0.5 + height / 2
    for kind in items:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.kind_colour(kind))
        p.drawEllipse(QPointF(x + dot / 2, cy), dot / 2, dot / 2)
        x += dot + 4
        p.setPen(theme.label_text)
        p.drawText(QPointF(x, cy + fm.ascent() / 2 - 1), kind)
        x += fm.horizontalAdvance(kind) + gap
    from designer.ui.canvas.node_item import page_glyph
    glyph = page_glyph()
    scale = dot / glyph.boundingRect().height()
    p.save()
    p.translate(x + dot / 2, cy)
    p.scale(scale, scale)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.kind_colour("any"))
    p.drawPath(glyph)
    p.restore()
    p.setPen(theme.label_text)
    p.drawText(QPointF(x + dot + 4, cy + fm.ascent() / 2 - 1), artifact)
    p.end()
    return pix


def _artifact_label() -> str:
    return QCoreApplication.translate("CanvasView", "artifact")


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)
    component_dropped = Signal(bytes, QPointF)   # mime payload, scene position

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        # The dot grid is painted once per zoom into a viewport-sized pixmap: a drag step
        # copies the area it repaints from it instead of tiling the dots again (not below
        # GRID_MIN_ZOOM, where the background is one fill: see _follow_zoom).
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.show_legend = True
        self._was_empty = not scene.nodes
        scene.synced.connect(self._check_empty)
        self._pan_from: QPoint | None = None
        self._space = False
        self._dark: bool | None = None
        self.follow_palette()
        self.zoom_changed.connect(self._follow_zoom)

    # --- theme ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.follow_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.scene().retranslate()   # node tooltips and parameter subtitles
            self.viewport().update()     # the empty canvas's hint

    def follow_palette(self) -> None:
        """Dark canvas on a dark application palette (the highlighter's rule), light
        otherwise. The application's, not the widget's: Qt updates widget palettes in posted
        events, and the theme is shared by every window."""
        dark = S.is_dark(QGuiApplication.palette())
        S.use_theme(dark)
        if dark != self._dark:
            self._dark = dark
            self.scene().apply_theme()
            self.resetCachedContent()   # the grid in the theme's colours
            self.viewport().update()

    # --- zoom and pan -----------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = max(MIN_SCALE, min(MAX_SCALE, factor))
        step = factor / self.zoom()
        if abs(step - 1.0) < 1e-9:
            return
        if anchor is None:
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(step, step)
            self.setTransformationAnchor(old)
        else:
            self.scale(step, step)
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self, max_zoom: float = 1.25) -> None:
        """Show every node; never magnify past ``max_zoom`` (a small graph stays crisp)."""
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.resetTransform()
            self.centerOn(0, 0)
            self.zoom_changed.emit(1.0)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > max_zoom:
            self.set_zoom(max_zoom)
            self.centerOn(rect.center())
        elif self.zoom() < MIN_SCALE:
            self.set_zoom(MIN_SCALE)
            self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def _follow_zoom(self, zoom: float) -> None:
        """Cache node items as device pixmaps at readable zooms, not at the overview nor
        magnified (and the background while it has a grid); at the overview one item
        draws every wire as a line (canvas/overview.py).

        A cached node costs no Python paint while it or its neighbours move (the pixmap is
        moved); but a zoom step re-renders every visible cache, and at the overview
        (plain boxes below ``LOD_SIMPLE``) that is every node; magnified, few nodes are in
        view and their pixmaps would be large (the pixmap cache holds 10 MB). Items are
        switched only when the zoom crosses a threshold; nodes added later take the
        scene's mode."""
        background = (QGraphicsView.CacheModeFlag.CacheBackground if zoom >= GRID_MIN_ZOOM
                      else QGraphicsView.CacheModeFlag.CacheNone)
        if self.cacheMode() != background:   # a plain fill is cheaper than copying a cache
            self.setCacheMode(background)
        scene = self.scene()
        mode = (NODE_CACHE if S.LOD_SIMPLE <= zoom < NODE_CACHE_MAX_ZOOM
                else QGraphicsItem.CacheMode.NoCache)
        if mode != scene.node_cache:
            scene.node_cache = mode
            for node in scene.nodes.values():
                node.setCacheMode(mode)
        # The overview's wires are lines drawn together (canvas/overview.py).
        if zoom >= S.LOD_SIMPLE:
            overview, scene.wire_overview = scene.wire_overview, None
            if overview is not None:
                overview.finish()
                scene.removeItem(overview)
        elif scene.wire_overview is None:
            overview = WireOverview(scene.wires.values())
            scene.addItem(overview)
            scene.wire_overview = overview

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        self.set_zoom(self.zoom() * ZOOM_STEP ** (delta / 120.0), event.position())
        event.accept()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.pan_by(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton,
                                                             Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Scroll the view by (dx, dy) viewport pixels."""
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + int(dx))
        v.setValue(v.value() + int(dy))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # Repaint all of it: the blit moved the legend too; and after a blit Qt redraws
        # device-cached nodes cut by the viewport's edge a pixel off, and antialiased edges
        # along the uncovered strip differ (tests/ui/test_canvas_paint_work.py looks at the
        # screen). Cached nodes make the full repaint cheap.
        self.viewport().update()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        arrows = {Qt.Key.Key_Left: (-60, 0), Qt.Key.Key_Right: (60, 0),
                  Qt.Key.Key_Up: (0, -60), Qt.Key.Key_Down: (0, 60)}
        if event.key() in arrows and not self.scene().selectedItems():
            self.pan_by(*arrows[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
        super().keyReleaseEvent(event)

    # --- drops from the library ---------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_COMPONENT):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_COMPONENT):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_COMPONENT):
            payload = bytes(event.mimeData().data(MIME_COMPONENT).data())
            self.component_dropped.emit(payload, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    def _check_empty(self) -> None:
        empty = not self.scene().nodes
        if empty != self._was_empty:  # the hint appears or goes: repaint all of it
            self._was_empty = empty
            self.viewport().update()

    def _draw_hint(self, painter: QPainter) -> None:
        """What to do on an empty canvas, centred in the view."""
        painter.save()
        painter.resetTransform()
        font = QFont(S.title_font())
        font.setPointSizeF(11)
        painter.setFont(font)
        painter.setPen(S.theme.hint_text)
        area = QRectF(self.viewport().rect())
        painter.drawText(area.adjusted(0, -24, 0, -24), Qt.AlignmentFlag.AlignCenter,
                         self.tr("Drag components here from the library"))
        painter.setFont(S.label_font())
        painter.drawText(area.adjusted(0, 14, 0, 14), Qt.AlignmentFlag.AlignCenter,
                         self.tr("Right-click to add a pipeline parameter · wire outputs to "
                                 "inputs"))
        painter.restore()

    # --- painting -------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        # A dot grid blitted in device pixels (a transformed texture fill is ~10x slower);
        # it pans with the content and keeps its on-screen spacing when zooming.
        theme = S.theme
        if self.zoom() < GRID_MIN_ZOOM:
            painter.fillRect(rect, theme.canvas_bg)
            return
        device = painter.worldTransform().mapRect(rect).toAlignedRect()
        origin = painter.worldTransform().map(QPointF(0, 0))
        offset = QPoint(int(device.left() - origin.x()) % GRID,
                        int(device.top() - origin.y()) % GRID)
        painter.save()
        painter.resetTransform()
        painter.drawTiledPixmap(device, _grid_tile(theme), offset)
        painter.restore()

    def legend_rect(self) -> QRectF:
        """Where the legend is drawn, in viewport pixels (empty when it is hidden)."""
        if not self.show_legend:
            return QRectF()
        legend = _legend(S.theme, self.viewport().devicePixelRatioF(), _artifact_label())
        ratio = legend.devicePixelRatio()
        width, height = legend.width() / ratio, legend.height() / ratio
        return QRectF(10, self.viewport().height() - height - 10, width, height)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.scene().nodes:
            self._draw_hint(painter)
        if not self.show_legend:
            return
        # The legend sits in the view's corner, in viewport pixels.
        legend = _legend(S.theme, self.viewport().devicePixelRatioF(), _artifact_label())
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(self.legend_rect().topLeft(), legend)
        painter.restore()
