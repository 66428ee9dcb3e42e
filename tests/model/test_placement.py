"""Where a new node goes (designer/model/placement.py): a free spot in view, nearest the
centre; outside the view only when the view is full."""
from __future__ import annotations

from designer.model.placement import MARGIN, free_spot

VIEW = (0.0, 0.0, 800.0, 600.0)
SIZE = (170.0, 70.0)


def overlaps(a, b, margin=0.0):
    return not (a[0] + a[2] + margin <= b[0] or b[0] + b[2] + margin <= a[0]
                or a[1] + a[3] + margin <= b[1] or b[1] + b[3] + margin <= a[1])


def test_an_empty_view_gives_its_centre():
    (x, y), in_view = free_spot([], SIZE, VIEW)
    assert in_view
    assert abs(x + SIZE[0] / 2 - 400) <= 20 and abs(y + SIZE[1] / 2 - 300) <= 20


def test_a_node_in_the_centre_is_avoided_with_a_margin():
    centre_node = (315.0, 265.0, 170.0, 70.0)
    (x, y), in_view = free_spot([centre_node], SIZE, VIEW)
    box = (x, y, *SIZE)
    assert in_view and not overlaps(box, centre_node, MARGIN - 1)
    assert 0 <= x and x + SIZE[0] <= 800 and 0 <= y and y + SIZE[1] <= 600


def test_a_full_view_gives_the_nearest_spot_outside_it():
    wall = [(x, y, 160.0, 100.0) for x in range(-40, 840, 180) for y in range(-40, 640, 120)]
    (x, y), in_view = free_spot(wall, SIZE, VIEW)
    box = (x, y, *SIZE)
    assert not in_view and not any(overlaps(box, w) for w in wall)
