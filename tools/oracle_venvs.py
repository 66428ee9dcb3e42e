"""Build (or reuse) the kfp oracle venvs used by the tests, showing progress.

    python tools/oracle_venvs.py            # both
    python tools/oracle_venvs.py kfp1       # just one

Where they go and which kfp 2 version: see tests/oracle.py (KFP_DESIGNER_ORACLES,
KFP_DESIGNER_KFP2_VERSION, KFP_DESIGNER_ORACLE_PYTHON). Exit 1 if a build fails.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.oracle import OracleBuildError, kfp1_python, kfp2_python  # noqa: E402

BUILDERS = {"kfp1": kfp1_python, "kfp2": kfp2_python}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="*", help=f"oracles to build: {', '.join(BUILDERS)} "
                        "(default: all)")
    args = parser.parse_args(argv)
    unknown = [w for w in args.which if w not in BUILDERS]
    if unknown:
        parser.error(f"unknown oracle {unknown[0]!r}; choose from {', '.join(BUILDERS)}")
    for name in args.which or list(BUILDERS):
        try:
            python = BUILDERS[name](log=lambda msg: print(msg, flush=True))
        except OracleBuildError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(f"{name}: {python}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
