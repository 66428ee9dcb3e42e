"""Goldens of the control-flow benchmark shapes at small sizes, compiled by the real SDKs.

    python tools/make_control_goldens.py           # (re)write tests/golden/control_shape/
    python tools/make_control_goldens.py --check   # exit 1 if a golden is stale or missing

For each target (v1: kfp 1.8.9, v2: kfp 2.x, each in its oracle venv, tests/oracle.py) and
each size of ``control_shapes.GOLDEN_SIZES`` it writes ``TARGET_N.py`` (the module,
tests/bench/control_shapes.py) and ``TARGET_N.yaml`` (what the SDK compiled from it, run
as ``python TARGET_N.py OUT``), byte for byte. PROVENANCE.md says which SDK made them.
tests/compiler/test_control_shape.py compares ours with them (v1 bytes, the compilation
time aside; v2 parsed, kfp's version aside).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import oracle  # noqa: E402
from tests.bench import control_shapes  # noqa: E402
from tests.golden.goldens import GOLDEN_DIR, compile_with_kfp1, normalise_v1  # noqa: E402

OUT_DIR = GOLDEN_DIR / "control_shape"


def paths(target: str, n: int) -> tuple[Path, Path]:
    stem = OUT_DIR / f"{target}_{n}"
    return stem.with_suffix(".py"), stem.with_suffix(".yaml")


def same(target: str, a: str, b: str) -> bool:
    """Equal but for what changes on every compile (v1: the time; v2: kfp's version)."""
    if target == "v1":
        return normalise_v1(a) == normalise_v1(b)
    from tools.make_goldens_v2 import normalise_v2
    return normalise_v2(a) == normalise_v2(b)


def sdk_version(python: Path) -> str:
    return subprocess.run([str(python), "-c", "import kfp; print(kfp.__version__)"],
                          capture_output=True, text=True, check=True).stdout.strip()


def provenance(versions: dict[str, str]) -> str:
    lines = ["# Control-flow shape goldens", "",
             "Written by `python tools/make_control_goldens.py` (do not edit): each",
             "`TARGET_N.py` is `tests/bench/control_shapes.py`'s module of N tasks, each",
             "`TARGET_N.yaml` what the real SDK wrote running `python TARGET_N.py OUT`:", ""]
    lines += [f"- {target}: kfp {version} (oracle venv, tests/oracle.py)"
              for target, version in versions.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    pythons = {"v1": oracle.kfp1_python(log=print), "v2": oracle.kfp2_python(log=print)}
    versions = {t: sdk_version(p) for t, p in pythons.items()}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stale = []
    for target in control_shapes.TARGETS:
        for n in control_shapes.GOLDEN_SIZES:
            py, yml = paths(target, n)
            text = control_shapes.source(target, n)
            if args.check:
                if not py.exists() or py.read_text(encoding="utf-8") != text:
                    stale.append(py.name)
                    continue
            else:
                py.write_text(text, encoding="utf-8")
            compiled = compile_with_kfp1(pythons[target], py)   # any SDK: `python F OUT`
            if args.check:
                if not yml.exists() or not same(target, yml.read_text(encoding="utf-8"),
                                                compiled):
                    stale.append(yml.name)
            else:
                yml.write_text(compiled, encoding="utf-8")
                print(f"wrote {yml.relative_to(REPO)}")
    prov = OUT_DIR / "PROVENANCE.md"
    if args.check:
        if not prov.exists() or prov.read_text(encoding="utf-8") != provenance(versions):
            stale.append(prov.name)
        print("stale: " + ", ".join(stale) if stale else "control-shape goldens up to date")
        return 1 if stale else 0
    prov.write_text(provenance(versions), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
