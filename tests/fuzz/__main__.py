"""``python -m tests.fuzz``: long fuzz runs on demand (the test line runs a short one).

    python -m tests.fuzz --minutes 60                  # all kinds, the time split evenly
    python -m tests.fuzz --kind python --count 10000   # a fixed number of inputs
    python -m tests.fuzz --replay                      # only the saved regression inputs
    python -m tests.fuzz --kind runs --count 500 --jobs 4   # hostile runs, 4 at once

Exit 1 when any input gave a traceback, a hang or a wrong output (each is saved under
tests/fuzz/regressions/<kind>/ and printed with its seed and index).
"""
from __future__ import annotations

import argparse
import signal
import sys

from tests.fuzz import available, harness, kind, self_driven


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    # SIGTERM (and SIGINT, which a background job may start ignoring) end a long run the
    # way Ctrl+C does: it stops and still prints its figures.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    kinds = available()
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", action="append", choices=kinds,
                        help="a kind to run (repeatable; default: all)")
    parser.add_argument("--only", nargs="*", choices=kinds, help="the kinds to run (as --kind)")
    parser.add_argument("--minutes", type=float, help="total time, split evenly over kinds")
    parser.add_argument("--count", type=int, help="inputs per kind")
    parser.add_argument("--seed", type=int, default=0, help="seed of the run (default 0)")
    parser.add_argument("--start", type=int, default=0, help="first input index")
    parser.add_argument("--jobs", type=int, default=1,
                        help="cases at once for self-driven kinds (runs; default 1)")
    parser.add_argument("--replay", action="store_true", help="replay saved regressions only")
    parser.add_argument("--no-save", action="store_true", help="do not save failing inputs")
    parser.add_argument("--retry-seconds", type=float, default=harness.SLOW_SECONDS,
                        help="time a hung input gets alone before it counts as a hang "
                             f"(default {harness.SLOW_SECONDS:.0f}; "
                             f"{harness.HANG_SECONDS:.0f} or less: no retry)")
    args = parser.parse_args(argv)
    harness.SLOW_SECONDS = args.retry_seconds
    chosen = (args.kind or []) + (args.only or []) or kinds
    if not args.replay and args.minutes is None and args.count is None:
        parser.error("give --minutes, --count or --replay")
    failed = False
    for name in chosen:
        module = kind(name)
        if self_driven(module):          # runs.py: whole local runs, its own loop and replay
            if args.replay:
                print(f"{name}: its test_*.py replays its regressions", flush=True)
                continue
            seconds = args.minutes * 60 / len(chosen) if args.minutes is not None else None
            stats = module.run(args.seed + args.start, seconds, lambda m: print(m, flush=True),
                               jobs=args.jobs, count=args.count)
            print(stats.line(), flush=True)
            for failure in stats.failures:
                print(f"  {failure}", flush=True)
            failed |= bool(stats.failures)
            continue
        if args.replay:
            stats = harness.replay(name, harness.regression_inputs(name))
        else:
            seconds = args.minutes * 60 / len(chosen) if args.minutes is not None else None
            stats = harness.run_kind(name, seed=args.seed, count=args.count, seconds=seconds,
                                     save=not args.no_save, start=args.start,
                                     log=lambda m: print(m, flush=True))
        print(stats.line(), flush=True)
        failed |= bool(stats.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
