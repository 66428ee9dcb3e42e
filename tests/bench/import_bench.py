"""Import-time benchmark: reading a kfp pipeline file (ast, static evaluation) against kfp
itself building the same pipeline by running it.

    python tests/bench/import_bench.py                 # 1000 tasks, 5 runs
    python tests/bench/import_bench.py --tasks 200 --runs 3 --no-oracle

A script, not a test. It writes two kfp 1.8.9 files of about --tasks tasks each:

* "flat": one call per line (tests/golden/generate.py, the compile bench's shape);
* "loops": the same number of tasks built by Python when the pipeline function runs:
  ``for`` over ``range`` calling helper functions that make ContainerOps and component
  tasks with f-string arguments, inside ``dsl.Condition`` and ``dsl.ParallelFor`` blocks.

and times, as medians of --runs: ours in-process (read + ``import_python``), and kfp in its
side venv (``runpy`` the module, then run the pipeline function inside ``dsl.Pipeline`` as
its compiler does, building every op; ``import kfp`` excluded). Both must give the same
number of tasks.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests import oracle  # noqa: E402
from tests.golden import generate  # noqa: E402

KFP_DRIVER = r"""
import inspect, json, runpy, sys, time, warnings
warnings.simplefilter("ignore")
import kfp
from kfp import dsl
from kfp.dsl._pipeline_param import PipelineParam, sanitize_k8s_name
path, func_name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
seconds, count = [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    func = runpy.run_path(path, run_name="kfp_bench")[func_name]
    func = getattr(func, "__wrapped__", func)
    params = [PipelineParam(sanitize_k8s_name(n, True))
              for n in inspect.getfullargspec(func).args]
    with dsl.Pipeline("bench") as p:
        func(*params)
    seconds.append(time.perf_counter() - t0)
    count = len(p.ops)
print(json.dumps({"seconds": seconds, "tasks": count}))
"""

LOOPS = '''\
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def add(a: int, b: int = 1) -> int:
    return a + b


@create_component_from_func
def show(msg: str):
    print(msg)


def echo_op(text, tag):
    return dsl.ContainerOp(name="echo-" + tag, image="alpine:3.18",
                           command=["sh", "-c", "echo %s > /tmp/out" % text],
                           file_outputs={{"out": "/tmp/out"}})


def stage(i, seed):
    first = add(seed, i)
    second = add(first.output, b=i * 2)
    shown = show(f"stage {{i}}: {{second.output}}")
    shown.after(first)
    return echo_op(second.output, "tag%d" % (i % 7))


@dsl.pipeline(name="loops")
def loops(seed: int = 1, names: list = ["a", "b"]):
    previous = None
    for i in range({blocks}):
        with dsl.Condition(seed > i % 3):
            last = stage(i, seed)
            if previous is not None:
                last.after(previous)
            previous = last
        if i % 10 == 0:
            with dsl.ParallelFor(names) as name:
                show(f"{{name}}-{{i}}")
'''


def loops_source(tasks: int) -> tuple[str, int]:
    # Each block makes 4 tasks; every 10th block one more (in its loop).
    blocks = max(1, round(tasks / 4.1))
    return LOOPS.format(blocks=blocks), 4 * blocks + (blocks + 9) // 10


def time_ours(path: Path, runs: int) -> tuple[float, int]:
    from designer.importers import load_pipeline_file
    seconds, count = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = load_pipeline_file(path)
        seconds.append(time.perf_counter() - t0)
        count = len(p.tasks)
    return statistics.median(seconds), count


def time_kfp(python: Path, path: Path, func: str, runs: int) -> tuple[float, int]:
    out = subprocess.run([str(python), "-c", KFP_DRIVER, str(path), func, str(runs)],
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return statistics.median(data["seconds"]), data["tasks"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-oracle", action="store_true")
    args = ap.parse_args()
    python = None if args.no_oracle else oracle.kfp1_python()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        flat = Path(tmp) / "flat.py"
        flat.write_text(generate.big_pipeline_source(args.tasks), encoding="utf-8")
        files.append(("flat", flat, args.tasks))
        text, expected = loops_source(args.tasks)
        loops = Path(tmp) / "loops.py"
        loops.write_text(text, encoding="utf-8")
        files.append(("loops", loops, expected))
        print(f"{'file':8} {'tasks':>6} {'ours (s)':>10} {'kfp (s)':>10} {'kfp/ours':>9}")
        for label, path, _ in files:
            ours, n = time_ours(path, args.runs)
            func = "loops" if label == "loops" else generate.function_name(args.tasks)
            if python is None:
                print(f"{label:8} {n:6} {ours:10.4f} {'-':>10} {'-':>9}")
                continue
            theirs, m = time_kfp(python, path, func, args.runs)
            same = "" if m == n else f"  (kfp made {m} tasks!)"
            print(f"{label:8} {n:6} {ours:10.4f} {theirs:10.4f} {theirs / ours:9.1f}x{same}")


if __name__ == "__main__":
    main()
