"""Compile every kfp v2 fixture here with the real kfp 2.x SDK (the oracle venv).

    python tests/compiler/data_v2/make_fixtures.py            # rewrite NAME.yaml from NAME.py
    python tests/compiler/data_v2/make_fixtures.py --check    # exit 1 if any NAME.yaml differs

Each ``NAME.py`` defines components with ``@dsl.component`` and exactly one
``@dsl.pipeline``; kfp compiles it exactly as a user would
(``kfp.compiler.Compiler().compile(pipeline, "NAME.yaml")``).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests import oracle  # noqa: E402

# Runs in the oracle venv: argv = fixture .py, output .yaml.
DRIVER = r"""
import runpy, sys, warnings
warnings.simplefilter("ignore")
from kfp import compiler
from kfp.dsl import graph_component
ns = runpy.run_path(sys.argv[1], run_name="fixture")
pipelines = [v for v in ns.values() if isinstance(v, graph_component.GraphComponent)]
assert len(pipelines) == 1, f"{sys.argv[1]}: expected one pipeline, found {len(pipelines)}"
compiler.Compiler().compile(pipelines[0], sys.argv[2])
"""


def fixture_names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if p.stem != "make_fixtures")


def compile_with_kfp(python: Path, name: str, out: Path) -> str:
    subprocess.run([str(python), "-c", DRIVER, str(HERE / f"{name}.py"), str(out)],
                   check=True, cwd=HERE)
    return out.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("names", nargs="*", help="fixtures to (re)make; default all")
    args = parser.parse_args(argv)
    python = oracle.kfp2_python(log=lambda m: print(m, flush=True))
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.names or fixture_names():
            text = compile_with_kfp(python, name, Path(tmp) / f"{name}.yaml")
            target = HERE / f"{name}.yaml"
            if args.check:
                if not target.exists() or target.read_text(encoding="utf-8") != text:
                    stale.append(name)
            else:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(HERE.parents[2])}")
    if stale:
        print("stale:", ", ".join(stale))
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
