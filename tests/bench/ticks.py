"""How long the Qt event loop leaves a timer waiting: the gaps between its ticks while
some work goes on (shared by canvas_bench.py and run_bench.py)."""
from __future__ import annotations

import statistics
from typing import Callable


def tick_gaps(interval_ms: int, work: Callable[[], None]) -> list[float]:
    """Gaps (ms) between the ticks of an ``interval_ms`` timer while ``work()`` runs (it
    must turn the event loop itself: a QEventLoop, processEvents...)."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    gaps: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(interval_ms)

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    work()
    timer.stop()
    return gaps[1:]     # the first tick measures from before the work began


def describe(gaps: list[float]) -> str:
    gaps = sorted(gaps)
    if not gaps:
        return "no ticks"
    p99 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]
    return (f"median {statistics.median(gaps):6.1f} ms, p99 {p99:6.1f} ms, "
            f"longest {gaps[-1]:6.1f} ms ({len(gaps)} ticks)")
