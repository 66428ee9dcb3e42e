"""When the cyclic garbage collector may pause the UI thread.

A big pipeline's previews are hundreds of thousands of small objects (lines, spans) made
while the preview jobs keep the collector paused (see ``preview.pane``). Left young, the
next collections would scan them all on whichever thread allocates next: pauses of 50-75
ms at 2,000 tasks, after every edit. They hold no reference cycles and live until the next
result, so they are moved out of the collector's sight (``gc.freeze``); reference counting
still frees them. What was frozen is handed back to the collector, and collected once,
when the window's document is replaced.
"""
from __future__ import annotations

import gc
import linecache

from PySide6.QtCore import QTimer

# New objects above which a collection would be a visible pause (~0.3 us an object: 6 ms;
# a 2,000-task preview or file leaves 5-25x this; a small one a few thousand, cheaper
# to collect than to keep).
MANY = 20_000


_sweep_due = False      # what was frozen is back with the collector, to collect first


def keep_long_lived() -> None:
    """After work done with the collector paused: take what it made out of its sight if
    it made many objects (after the collection a replaced document left due, if any)."""
    global _sweep_due
    forget_module_sources()
    if not gc.isenabled():
        return
    many = gc.get_count()[0] > MANY
    if _sweep_due:
        _sweep_due = False
        gc.collect()
    if many:
        gc.freeze()


def forget_module_sources() -> None:
    """PySide6 reads the source of every module imported after it (``inspect.getsource``,
    to see whether it names PySide6) into ``linecache``, which keeps it: about 5 MB of
    lines once the window and the compilers are imported. Read again if a traceback
    needs it."""
    linecache.clearcache()


def sweep_soon() -> None:
    """A window was destroyed: what it froze is collected on the next event-loop turn
    (its objects sit in reference cycles, which a frozen collector never frees)."""
    QTimer.singleShot(0, sweep)


def sweep() -> None:
    """A document was replaced: what was frozen may be garbage in cycles now. It goes
    back to the collector; collected at once, or, if the collector is paused (a file
    being opened), when the pause ends (after the first frame: not in the open's way)."""
    global _sweep_due
    if gc.get_freeze_count():
        gc.unfreeze()
        if gc.isenabled():
            gc.collect()
        else:
            _sweep_due = True
