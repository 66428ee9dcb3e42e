"""Keep every core busy while a command runs, and run it again and again: a `stress`-like
load in pure Python, to show that the test suite does not depend on the machine being idle.

    python tools/busy.py                                   # load only, until Ctrl+C
    python tools/busy.py --repeat 10 -- env QT_QPA_PLATFORM=offscreen python -m pytest -q

The load is --procs processes (default: one per core) spinning in a Python loop; they are
started before the first run and stopped after the last. Each run's exit code, wall time
and last output line are printed, and a summary at the end; the exit code is 0 only when
every run passed. --log DIR keeps each run's full output.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def spin() -> None:
    """One core's worth of work: arithmetic forever (the parent terminates it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminate() just ends it
    n = 0
    while True:
        n = (n * 1103515245 + 12345) & 0x7FFFFFFF


def start_load(procs: int) -> list[mp.Process]:
    workers = [mp.Process(target=spin, daemon=True, name=f"busy-{i}") for i in range(procs)]
    for w in workers:
        w.start()
    return workers


def stop_load(workers: list[mp.Process]) -> None:
    for w in workers:
        w.terminate()
    for w in workers:
        w.join(5)


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def last_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 2,
                        help="busy processes (default: one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of COMMAND")
    parser.add_argument("--log", type=Path, help="folder for each run's output")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="-- COMMAND... (none: just keep the cores busy until Ctrl+C)")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    # Stop cleanly on Ctrl+C and on `kill` (a background job starts with SIGINT ignored).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    workers = start_load(args.procs)
    child: subprocess.Popen | None = None
    print(f"busy: {args.procs} spinning processes "
          f"({', '.join(str(w.pid) for w in workers)})", flush=True)
    results: list[tuple[int, float, str]] = []
    try:
        if not command:
            while True:
                time.sleep(3600)
        if args.log:
            args.log.mkdir(parents=True, exist_ok=True)
        for i in range(1, args.repeat + 1):
            load = os.getloadavg()[0]
            t0 = time.monotonic()
            child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
            stdout, stderr = child.communicate()
            out = subprocess.CompletedProcess(command, child.returncode, stdout, stderr)
            child = None
            seconds = time.monotonic() - t0
            text = out.stdout + out.stderr
            if args.log:
                (args.log / f"run-{i:02d}.txt").write_text(text)
            results.append((out.returncode, seconds, last_line(out.stdout) or last_line(text)))
            print(f"run {i}/{args.repeat}: exit {out.returncode} in {seconds:.0f} s "
                  f"(load {load:.1f} at start): {results[-1][2]}", flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    finally:
        if child is not None and child.poll() is None:
            child.terminate()
            child.wait(30)
        stop_load(workers)
    if results:
        passed = sum(code == 0 for code, _s, _t in results)
        print(f"{passed}/{len(results)} runs passed under a load of {args.procs} busy "
              f"processes on {os.cpu_count()} cores")
        return 0 if passed == len(results) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
