"""Explain this YAML: what the first hover over a preview costs (building the Explainer:
composing the YAML and mapping every line) and what one more hover costs, on the
tutorial and on large generated pipelines.

    python tests/bench/explain_bench.py                 # sizes 10 100 1000, v1 and v2
    python tests/bench/explain_bench.py --sizes 100 --runs 5

A script, not a test (tests/conftest.py keeps pytest out of tests/bench). Medians of
--runs, wall and CPU seconds; "per line" is a hover after the first.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from designer.compiler import compile_pipeline  # noqa: E402
from designer.compiler.explain import Explainer  # noqa: E402
from designer.importers.kfp_python import import_python  # noqa: E402
from tests.golden import generate  # noqa: E402


def pipeline(n: int):
    """The generated loop-free pipeline of the compile benchmark (chains + fan-in)."""
    return import_python(generate.big_pipeline_source(n), f"{generate.function_name(n)}.py")


def timed(fn, runs: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'target':6} {'tasks':>6} {'lines':>8} {'first hover s':>14} {'cpu s':>7} "
          f"{'per line ms':>12}")
    for n in args.sizes:
        p = pipeline(n)
        for target in ("v1", "v2"):
            c = compile_pipeline(p, target, compile_time="t", with_source_map=True)
            lines = c.text.count("\n") + 1
            wall, cpu, explainer = timed(
                lambda: Explainer(p, c.text, c.source_map, target), args.runs)
            probes = list(range(1, lines, max(1, lines // 200)))
            w0 = time.perf_counter()
            for line in probes:
                explainer.line(line).text()
            per = (time.perf_counter() - w0) / len(probes) * 1000
            print(f"{target:6} {n:>6} {lines:>8} {wall:>14.3f} {cpu:>7.3f} {per:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
