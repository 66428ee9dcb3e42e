"""Where two versions of a list differ, for views that change only those rows."""
from __future__ import annotations

from typing import Sequence


def common_ends(old: Sequence, new: Sequence) -> tuple[int, int]:
    """(head, tail): how many items both lists share at their start, and then at their
    end; the rows between differ (an edit usually changes one stretch of them)."""
    n_old, n_new = len(old), len(new)
    head = 0
    while head < n_old and head < n_new and old[head] == new[head]:
        head += 1
    tail = 0
    while (tail < n_old - head and tail < n_new - head
           and old[n_old - 1 - tail] == new[n_new - 1 - tail]):
        tail += 1
    return head, tail
