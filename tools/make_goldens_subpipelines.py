"""Compile the sub-pipeline goldens (tests/golden/subpipelines/NAME.py, our own kfp 2 DSL) with
the real kfp 2 into tests/golden/subpipelines/NAME.yaml.

    python tools/make_goldens_subpipelines.py          # (re)write goldens whose content changed
    python tools/make_goldens_subpipelines.py --check  # exit 1 if one is stale or missing

kfp folds a sub-pipeline's spec into its caller by walking protobuf maps, whose order upb
draws at random in each process; where that order matters kfp writes a different file from
run to run (and the designer refuses). So each module runs in RUNS separate processes, and a
golden is written only when every run wrote the same documents: the golden is kfp's one
answer, not one of several.

kfp 1.8.9 has no sub-pipelines: a pipeline function called in another runs its ops in the
caller. ``kfp1/NAME.py`` is ``NAME.py`` written in kfp 1's DSL that way; the real kfp 1.8.9
compiles it into ``kfp1/NAME.yaml`` (kfp's bytes): what the designer's v1 target must write
for the kfp 2 file (tests/compiler/test_v1_subpipelines.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tools.make_goldens_v2 import _same_docs, run_modules  # noqa: E402

DIR = REPO_ROOT / "tests" / "golden" / "subpipelines"
RUNS = 3


def names() -> list[str]:
    return sorted(p.stem for p in DIR.glob("*.py"))


def golden(name: str) -> Path:
    return DIR / f"{name}.yaml"


def provenance(name: str, kfp_version: str) -> str:
    return (f"# Golden: what kfp {kfp_version} compiled from tests/golden/subpipelines/"
            f"{name}.py\n# (the same in {RUNS} runs); written by "
            "tools/make_goldens_subpipelines.py.\n")


KFP1_DIR = DIR / "kfp1"


def kfp1_names() -> list[str]:
    return sorted(p.stem for p in KFP1_DIR.glob("*.py"))


def kfp1_golden(name: str) -> Path:
    return KFP1_DIR / f"{name}.yaml"


def _kfp1(check: bool) -> int:
    """kfp1/NAME.py -> kfp1/NAME.yaml with kfp 1.8.9 (``python NAME.py OUT``)."""
    import subprocess
    import tempfile

    from tests.golden.goldens import normalise_v1
    from tests.oracle import kfp1_python
    failed = 0
    for name in kfp1_names():
        with tempfile.TemporaryDirectory(prefix="kfp1-sub-") as tmp:
            out = Path(tmp) / "out.yaml"
            proc = subprocess.run([str(kfp1_python()), f"{name}.py", str(out)], cwd=KFP1_DIR,
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL)
            if proc.returncode != 0 or not out.exists():
                print(f"error    kfp1/{name}: {proc.stderr.strip()[-500:]}")
                failed += 1
                continue
            text = out.read_text(encoding="utf-8")
        path = kfp1_golden(name)
        if path.exists() and normalise_v1(path.read_text(encoding="utf-8")) == \
                normalise_v1(text):
            continue
        if check:
            print(f"stale    kfp1/{name}")
            failed += 1
            continue
        path.write_text(text, encoding="utf-8")
        print(f"written  kfp1/{name}")
    return failed


def main(argv: list[str] | None = None) -> int:
    from tests.oracle import kfp2_python, kfp2_version
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a golden is stale or missing")
    args = parser.parse_args(argv)
    modules = {n: (DIR / f"{n}.py").read_text(encoding="utf-8") for n in names()}
    runs = [run_modules(kfp2_python(), modules) for _ in range(RUNS)]
    failed = 0
    for name in modules:
        first = runs[0][name]
        if first.yaml is None:
            print(f"error    {name}: kfp failed: {first.error}")
            failed += 1
            continue
        if not all(r[name].yaml is not None and _same_docs(first.yaml, r[name].yaml)
                   for r in runs[1:]):
            print(f"error    {name}: kfp wrote different files in {RUNS} runs")
            failed += 1
            continue
        text = provenance(name, kfp2_version()) + first.yaml
        path = golden(name)
        if path.exists() and _same_docs(path.read_text(encoding="utf-8"), text):
            continue
        if args.check:
            print(f"stale    {name}")
            failed += 1
            continue
        path.write_text(text, encoding="utf-8")
        print(f"written  {name}")
    failed += _kfp1(args.check)
    print(f"{len(modules)} sub-pipeline goldens (+{len(kfp1_names())} kfp 1), {failed} "
          "problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
