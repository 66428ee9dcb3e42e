"""Show how our CLI's v1 output differs from the kfp 1.8.9 golden.

    python tools/golden_diff.py NAME [NAME...]   # unified diff per corpus file
    python tools/golden_diff.py                  # one line per corpus file: ok / first diff

The compilation-time value is normalised as in tests/test_golden_v1.py. Exit 1 if any differ.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.golden.goldens import (EPOCH, corpus_file, corpus_names,  # noqa: E402
                                  first_difference, normalise_v1, run_our_cli,
                                  unified_diff, v1_golden)


def compare(name: str) -> tuple[bool, str, str]:
    """(same?, one-line summary, full diff) for one corpus file."""
    run = run_our_cli(corpus_file(name), "v1", EPOCH)
    if run.returncode != 0:
        msg = run.stderr.strip().splitlines()
        return False, f"exit {run.returncode}: {msg[-1] if msg else ''}", run.stderr
    expected = normalise_v1(v1_golden(name).read_text(encoding="utf-8"))
    try:
        actual = normalise_v1(run.output)
    except ValueError as e:
        return False, f"output: {e}", run.output
    if actual == expected:
        return True, "ok", ""
    summary = first_difference(expected, actual, context=0).replace("\n", " ")
    return False, summary, unified_diff(expected, actual, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="corpus names (default: summary of all)")
    args = parser.parse_args(argv)
    names = args.names or corpus_names()
    unknown = [n for n in names if not corpus_file(n).exists()]
    if unknown:
        parser.error(f"not in the corpus: {', '.join(unknown)}")
    bad = 0
    for name in names:
        same, summary, diff = compare(name)
        bad += not same
        if args.names:
            print(f"== {name}: {summary}")
            if diff:
                print(diff, end="" if diff.endswith("\n") else "\n")
        else:
            print(f"{'ok  ' if same else 'FAIL'} {name}" + ("" if same else f": {summary}"))
    if not args.names:
        print(f"{len(names) - bad}/{len(names)} match")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
