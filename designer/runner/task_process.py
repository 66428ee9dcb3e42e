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


def encode_argv(argv: list[str]) -> bytes:
    """The argv as the supervisor reads it: a size line, then NUL-terminated arguments."""
    if any("\0" in a for a in argv):
        raise ValueError("an argument holds a NUL character, which no command line can carry")
    data = b"".join(a.encode("utf-8", "surrogateescape") + b"\0" for a in argv)
    return b"%d\n" % len(data) + data


def supervisor_argv() -> list[str]:
    """The supervisor's own command line (the task's argv goes through its stdin): the
    engine's interpreter, isolated from the task's environment variables and site."""
    return [sys.executable, "-I", "-S", str(SUPERVISOR)]


def run(argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float | None,
        procs: ProcessRegistry, on_started: Callable[[int], None],
        on_lines: LineSink) -> tuple[int, bool]:
    """Runs ``argv`` to its end; (exit code, timed out). stdout.log and stderr.log in
    ``cwd`` get every byte the task wrote."""
    deadline = time.monotonic() + timeout if timeout else None
    timed_out = False
    with open(cwd / "stdout.log", "wb") as out_f, open(cwd / "stderr.log", "wb") as err_f:
        proc = subprocess.Popen(supervisor_argv(), cwd=cwd, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        with procs.track(proc):
            try:
                # The argv may be megabytes: the supervisor reads it before anything else.
                proc.stdin.write(encode_argv(argv))  # type: ignore[union-attr]
                proc.stdin.flush()  # type: ignore[union-attr]
            except OSError:
                pass  # it died already (cancelled): its status tells
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
