"""Where a new node goes: the free spot nearest to where the person is looking.

Rectangles are ``(x, y, width, height)`` in scene units. ``free_spot`` tries positions on a
grid over the visible area, nearest to ``preferred`` first, and returns the top-left of the
first one where the node, with a margin around it, overlaps no other node and lies fully
in view. When the view is full it looks further out, nearest first; the caller then
scrolls the spot into view.
"""
from __future__ import annotations

import math

Rect = tuple[float, float, float, float]

GRID = 20.0      # candidate positions are this far apart
MARGIN = 24.0    # free space kept around a new node


def _overlaps(a: Rect, b: Rect, margin: float) -> bool:
    return not (a[0] + a[2] + margin <= b[0] or b[0] + b[2] + margin <= a[0]
                or a[1] + a[3] + margin <= b[1] or b[1] + b[3] + margin <= a[1])


def _inside(a: Rect, area: Rect, margin: float) -> bool:
    return (a[0] >= area[0] + margin and a[1] >= area[1] + margin
            and a[0] + a[2] <= area[0] + area[2] - margin
            and a[1] + a[3] <= area[1] + area[3] - margin)


def _candidates(area: Rect, size: tuple[float, float], centre: tuple[float, float],
                reach: float) -> list[tuple[float, float]]:
    """Top-left corners on the grid within ``reach`` of the area, nearest to ``centre``."""
    w, h = size
    x0, y0 = area[0] - reach, area[1] - reach
    cols = int((area[2] + 2 * reach - w) // GRID) + 1
    rows = int((area[3] + 2 * reach - h) // GRID) + 1
    spots = [(x0 + c * GRID, y0 + r * GRID) for r in range(max(rows, 1))
             for c in range(max(cols, 1))]
    spots.sort(key=lambda p: math.hypot(p[0] + w / 2 - centre[0], p[1] + h / 2 - centre[1]))
    return spots


def free_spot(occupied: list[Rect], size: tuple[float, float], view: Rect,
              preferred: tuple[float, float] | None = None) -> tuple[tuple[float, float], bool]:
    """(top-left of a free spot for a node of ``size``, whether it lies in ``view``).

    ``preferred`` is where the node's centre would ideally be (default: the view's centre).
    """
    centre = preferred or (view[0] + view[2] / 2, view[1] + view[3] / 2)
    near = [o for o in occupied if _overlaps(o, view, MARGIN)]   # only these can collide
    for x, y in _candidates(view, size, centre, 0.0):
        box = (x, y, size[0], size[1])
        if _inside(box, view, MARGIN / 2) and not any(_overlaps(box, o, MARGIN) for o in near):
            return (x, y), True
    # The view is full: the nearest free spot around it.
    reach = max(view[2], view[3], size[0], size[1])
    while True:
        area = (view[0] - reach, view[1] - reach, view[2] + 2 * reach, view[3] + 2 * reach)
        near = [o for o in occupied if _overlaps(o, area, MARGIN)]
        for x, y in _candidates(view, size, centre, reach):
            box = (x, y, size[0], size[1])
            if not any(_overlaps(box, o, MARGIN) for o in near):
                return (x, y), False
        reach *= 2


__all__ = ["free_spot", "Rect", "GRID", "MARGIN"]
