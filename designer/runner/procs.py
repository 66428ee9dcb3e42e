"""The processes a run started, and killing them with everything they started.

Each task runs in its own session (``start_new_session``), so its process group holds
the ``sh`` wrapper, the Python program and whatever that spawns. Killing a task kills
its group, and also any descendant that left the group (found through /proc), first
politely (SIGTERM), then for sure (SIGKILL). Every live registry is killed at
interpreter exit, so nothing outlives the app.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import threading
import time
import weakref
from typing import Iterator

# One /proc walk for the engine and the supervisor (a script that imports only the stdlib).
from .supervisor import descendants

_registries: "weakref.WeakSet[ProcessRegistry]" = weakref.WeakSet()
GRACE_SECONDS = 1.0


class ProcessRegistry:
    def __init__(self) -> None:
        self._lock = threading.RLock()  # cancel() may re-enter from a signal handler
        self._live: set[subprocess.Popen] = set()
        self.cancelled = False
        _registries.add(self)

    @contextlib.contextmanager
    def track(self, proc: subprocess.Popen) -> Iterator[subprocess.Popen]:
        """Registers ``proc`` while the block runs; kills it at once if already cancelled."""
        with self._lock:
            self._live.add(proc)
            cancelled = self.cancelled
        if cancelled:
            kill_tree(proc)
        try:
            yield proc
        finally:
            with self._lock:
                self._live.discard(proc)

    def cancel(self, grace: float | None = None) -> None:
        """Kills every live process tree; processes tracked later are killed on arrival."""
        with self._lock:
            self.cancelled = True
            live = list(self._live)
        kill_trees(live, GRACE_SECONDS if grace is None else grace)

    def live_pids(self) -> list[int]:
        with self._lock:
            return [p.pid for p in self._live]


def _signal_all(procs: list[subprocess.Popen], extra: set[int], sig: int) -> None:
    for proc in procs:  # even when the leader is gone: its group may live on
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, sig)
    for pid in extra:
        with contextlib.suppress(OSError):
            os.kill(pid, sig)


def kill_trees(procs: list[subprocess.Popen], grace: float = GRACE_SECONDS) -> None:
    """SIGTERM each process's group and descendants, then SIGKILL what is left."""
    if not procs:
        return
    extra: set[int] = set()
    for proc in procs:
        extra.update(descendants(proc.pid))
    _signal_all(procs, extra, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if all(p.poll() is not None for p in procs) and not any(_alive(x) for x in extra):
            break
        time.sleep(0.02)
    for proc in procs:  # late children of the dying tree
        extra.update(descendants(proc.pid))
    _signal_all(procs, extra, signal.SIGKILL)


def kill_tree(proc: subprocess.Popen, grace: float = GRACE_SECONDS) -> None:
    kill_trees([proc], grace)


def kill_group(pgid: int) -> None:
    """SIGKILL to a process group, if it still exists."""
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent to reap it does not)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rfind(b")") + 2:][:1] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True


alive = _alive


@atexit.register
def _kill_everything() -> None:
    for registry in list(_registries):
        registry.cancel()
