"""One task's process: started under its supervisor, its streams logged and cut into
lines, a timeout enforced, and nothing of it left when it is over.

The engine gives the argv, environment and folder; this module gives back the exit code
and whether the timeout struck. Lines go to ``on_lines(stream, lines)`` as they come.
"""
from __future__ import annotations

import os
import selectors
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from .logstream import LineSplitter
from .procs import ProcessRegistry, kill_group, kill_tree

SUPERVISOR = Path(__file__).with_name("supervisor.py")
READ_SIZE = 1 << 16
# Once the supervisor has exited, its pipes close at once; if something still holds
# them (a platform where the supervisor cannot find every descendant), stop reading.
LINGER_SECONDS = 0.5

LineSink = Callable[[str, list[str]], None]


def encode_task(argv: list[str], env: dict[str, str], cwd: Path) -> bytes:
    """What the supervisor reads first: a line of three sizes, then the NUL-terminated
    arguments, the NUL-terminated NAME=VALUE environment, and the working folder."""
    if any("\0" in a for a in argv):
        raise ValueError("an argument holds a NUL character, which no command line can carry")

    def block(items) -> bytes:
        return b"".join(x.encode("utf-8", "surrogateescape") + b"\0" for x in items)
    args = block(argv)
    environ = block(f"{k}={v}" for k, v in env.items() if "\0" not in k + v and "=" not in k)
    folder = os.fsencode(cwd)
    return b"%d %d %d\n" % (len(args), len(environ), len(folder)) + args + environ + folder


def supervisor_argv() -> list[str]:
    """The supervisor's own command line (the task comes through its stdin): the engine's
    interpreter, isolated from environment variables and site."""
    return [sys.executable, "-I", "-S", str(SUPERVISOR)]


class SupervisorPool:
    """Supervisors started before they are needed: while a task runs, the next one's
    supervisor starts its interpreter, so a task never waits for that (on a busy machine
    the CPU time is still spent). ``close()`` ends the spare (it exits on end of file)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spare: subprocess.Popen | None = None
        self._closed = False

    @staticmethod
    def _start() -> subprocess.Popen:
        return subprocess.Popen(supervisor_argv(), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)

    def take(self) -> subprocess.Popen:
        with self._lock:
            proc, self._spare = self._spare, None
        return proc if proc is not None and proc.poll() is None else self._start()

    def refill(self) -> None:
        """Starts the next spare (after a task got its supervisor going)."""
        with self._lock:
            if self._closed or self._spare is not None:
                return
            self._spare = self._start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            spare, self._spare = self._spare, None
        if spare is not None:
            for pipe in (spare.stdin, spare.stdout, spare.stderr):
                pipe.close()  # type: ignore[union-attr]
            try:
                spare.wait(5)
            except subprocess.TimeoutExpired:
                spare.kill()
                spare.wait()


def run(argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float | None,
        procs: ProcessRegistry, on_started: Callable[[int], None],
        on_lines: LineSink, pool: SupervisorPool | None = None) -> tuple[int, bool]:
    """Runs ``argv`` to its end; (exit code, timed out). stdout.log and stderr.log in
    ``cwd`` get every byte the task wrote."""
    deadline = time.monotonic() + timeout if timeout else None
    timed_out = False
    task = encode_task(argv, env, cwd)
    with open(cwd / "stdout.log", "wb") as out_f, open(cwd / "stderr.log", "wb") as err_f:
        proc = pool.take() if pool is not None else SupervisorPool._start()
        with procs.track(proc):
            try:
                # The task may be megabytes: the supervisor reads it before anything else.
                proc.stdin.write(task)  # type: ignore[union-attr]
                proc.stdin.flush()  # type: ignore[union-attr]
            except OSError:
                pass  # it died already (cancelled): its status tells
            if pool is not None:
                pool.refill()
            on_started(proc.pid)
            sel = selectors.DefaultSelector()
            streams = {proc.stdout: ("stdout", out_f, LineSplitter()),
                       proc.stderr: ("stderr", err_f, LineSplitter())}
            for pipe in streams:
                sel.register(pipe, selectors.EVENT_READ)
            exited_at: float | None = None
            while sel.get_map():
                wait_s = 0.25
                if deadline is not None:
                    wait_s = min(wait_s, max(0.0, deadline - time.monotonic()))
                for key, _ in sel.select(wait_s):
                    name, sink, splitter = streams[key.fileobj]  # type: ignore[index]
                    chunk = os.read(key.fd, READ_SIZE)
                    if not chunk:
                        sel.unregister(key.fileobj)
                        continue
                    sink.write(chunk)
                    lines = splitter.feed(chunk)
                    if lines:
                        on_lines(name, lines)
                if deadline is not None and time.monotonic() >= deadline and not timed_out:
                    timed_out = True
                    kill_tree(proc)
                if proc.poll() is not None:
                    exited_at = exited_at or time.monotonic()
                    if time.monotonic() - exited_at > LINGER_SECONDS:
                        kill_tree(proc, grace=0.1)
                        break
            sel.close()
            for name, _, splitter in streams.values():
                rest = splitter.close()
                if rest:
                    on_lines(name, rest)
            try:
                proc.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass
            code = proc.wait()
            kill_group(proc.pid)  # leftovers: nothing outlives its task
            proc.stdout.close()  # type: ignore[union-attr]
            proc.stderr.close()  # type: ignore[union-attr]
    return code, timed_out
