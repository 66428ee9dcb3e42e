"""When the cyclic garbage collector may pause the UI thread.

A big pipeline's previews are hundreds of thousands of small objects (lines, spans) made
while the preview jobs keep the collector paused (see ``preview.pane``). Left young, the
next collections would scan them all on whichever thread allocates next: pauses of 50-75
ms at 2,000 tasks, after every edit. They hold no reference cycles and live until the next
result, so they are moved out of the collector's sight (``gc.freeze``); reference counting
still frees them. What was frozen is handed back to the collector, and collected once,
when the window's document is replaced (then a pause is expected).
"""
from __future__ import annotations

import gc

# New objects above which a collection would be a visible pause (~0.3 us an object: 6 ms;
# a 2,000-task preview or file leaves 5-25x this; a small one a few thousand, cheaper
# to collect than to keep).
MANY = 20_000


def keep_long_lived() -> None:
    """After work done with the collector paused: take what it made out of its sight if
    it made many objects."""
    if gc.isenabled() and gc.get_count()[0] > MANY:
        gc.freeze()


def sweep() -> None:
    """A document was replaced: what was frozen may be garbage in cycles now."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
