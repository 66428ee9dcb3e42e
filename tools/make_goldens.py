"""Compile the golden corpus with the real kfp 1.8.9 into tests/golden/v1/NAME.yaml.

    python tools/make_goldens.py               # (re)write goldens whose content changed
    python tools/make_goldens.py chain fan_in  # only these corpus files
    python tools/make_goldens.py --check       # exit 1 if any golden is stale/missing/orphaned

Two corpora: tests/golden/pipelines/NAME.py -> tests/golden/v1/NAME.yaml (compared through
the CLI), and tests/golden/features/NAME.py -> tests/golden/features/v1/NAME.yaml (features
the importer cannot read yet; tests/compiler/v1_features.py builds their IR by hand).

kfp 1.8.9 runs in its side venv (tests/oracle.py builds it on first use). Each corpus file
is run as a script, ``python NAME.py OUT.yaml``, in a scratch directory. kfp stamps the
wall-clock time into the output; a golden whose content is otherwise unchanged is left
untouched, so re-running this never churns the committed files.
"""
from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.golden import generate  # noqa: E402
from tests.golden.goldens import (FEATURES_V1_DIR, V1_DIR, compile_with_kfp1,  # noqa: E402
                                  corpus_file, corpus_names, feature_file, feature_golden,
                                  feature_names, normalise_v1, v1_golden)
from tests.oracle import OracleBuildError, kfp1_python  # noqa: E402


@dataclass
class Result:
    name: str
    status: str          # "same", "written", "stale", "missing", "error"
    detail: str = ""


def _paths(name: str) -> tuple[Path, Path]:
    """(source, golden) of a corpus or feature name (features are written ``features/NAME``)."""
    if name.startswith("features/"):
        stem = name.split("/", 1)[1]
        return feature_file(stem), feature_golden(stem)
    return corpus_file(name), v1_golden(name)


def process(python: Path, name: str, check: bool) -> Result:
    source, golden = _paths(name)
    try:
        text = compile_with_kfp1(python, source)
    except RuntimeError as e:
        return Result(name, "error", f"kfp 1.8.9 cannot compile it: {e}")
    if golden.exists() and normalise_v1(golden.read_text(encoding="utf-8")) == normalise_v1(text):
        return Result(name, "same")
    if check:
        return Result(name, "missing" if not golden.exists() else "stale")
    golden.write_text(text, encoding="utf-8")
    return Result(name, "written")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="corpus names (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any golden differs from kfp's output")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="parallel kfp processes")
    args = parser.parse_args(argv)

    all_names = corpus_names() + [f"features/{n}" for n in feature_names()]
    unknown = [n for n in args.names if n not in all_names]
    if unknown:
        parser.error(f"not in the corpus: {', '.join(unknown)}")
    names = args.names or all_names
    failed = 0
    if generate.main(["--check"] if args.check else []) != 0:
        failed += 1
    try:
        python = kfp1_python(log=lambda m: print(m, flush=True))
    except OracleBuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    V1_DIR.mkdir(parents=True, exist_ok=True)
    FEATURES_V1_DIR.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for r in pool.map(lambda n: process(python, n, args.check), names):
            if r.status != "same":
                print(f"{r.status:8} {r.name}" + (f": {r.detail}" if r.detail else ""), flush=True)
            failed += r.status in ("stale", "missing", "error")
    if not args.names:
        for orphan in sorted(set(p.stem for p in V1_DIR.glob("*.yaml")) - set(all_names)):
            print(f"orphan   {orphan}: v1/{orphan}.yaml has no corpus file")
            failed += 1
        for orphan in sorted(set(p.stem for p in FEATURES_V1_DIR.glob("*.yaml"))
                             - set(feature_names())):
            print(f"orphan   features/{orphan}: features/v1/{orphan}.yaml has no source")
            failed += 1
    print(f"{len(names)} corpus files, {failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
