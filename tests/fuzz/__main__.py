"""`python -m tests.fuzz [--minutes N] [--seed S] [--only NAME ...]`: the fuzzers, longer.

Runs each fuzzer for its share of the time, prints its figures (inputs, inputs/s,
failures) and exits 1 if any input failed (each is saved under tests/fuzz/regressions/).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FUZZERS = ["runs"]   # modules of tests.fuzz with NAME and run(seed, seconds, log)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0, help="total time (default 1)")
    ap.add_argument("--seed", type=int, default=int(time.time()), help="first seed")
    ap.add_argument("--only", nargs="*", choices=FUZZERS, help="fuzzers to run")
    args = ap.parse_args(argv)
    names = args.only or FUZZERS
    share = args.minutes * 60 / len(names)
    failed = False
    for name in names:
        module = importlib.import_module(f"tests.fuzz.{name}")
        print(f"{name}: seed {args.seed}, {share:.0f} s", flush=True)
        stats = module.run(args.seed, share, lambda msg: print(msg, flush=True))
        print(stats.line(), flush=True)
        for failure in stats.failures:
            print(f"  {failure}", flush=True)
        failed |= bool(stats.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
