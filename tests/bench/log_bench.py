"""Benchmark of a task's log stream: a task printing SIZE MB with and without newlines.

    python tests/bench/log_bench.py [--mb 100] [--line 80]

Each case runs in a fresh interpreter (an engine Runner.run(), events counted and
dropped) so its peak memory is its own. It reports wall time and peak RSS of the engine
process for

  * lines:      SIZE MB written as LINE-byte lines (the reference);
  * no newline: the same bytes as one line,

and their ratio. The task's own time (writing to a pipe) is included in both.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CASE = r'''
import json, resource, sys, time
sys.path.insert(0, {repo!r})
from designer.ir import Component, Pipeline, Task
from designer.runner.engine import RunOptions, Runner
SRC = """
def flood(mb: int, line: int) -> int:
    import os, sys
    chunk = (b"x" * (line - 1) + b"\\n") if line else b"y" * 65536
    total = mb * 1024 * 1024
    out = sys.stdout.buffer
    done = 0
    while done < total:
        piece = chunk[: total - done]
        out.write(piece)
        done += len(piece)
    out.flush()
    return done
"""
comp = Component.from_source(SRC.lstrip(), id="flood")
pipeline = Pipeline("flood", components=[comp],
                    tasks=[Task("flood", "flood", "flood", {{}})])
from designer.ir import Constant
pipeline.tasks[0].arguments = {{"mb": Constant({mb}), "line": Constant({line})}}
events = [0, 0]
def on_event(e):
    events[0] += 1
    if e.kind.value == "log":
        events[1] = max(events[1], len(e.data["line"]))
opts = RunOptions(use_cache=False, runs_dir={work!r} + "/runs", cache_dir={work!r} + "/cache",
                  venvs_dir={work!r} + "/venvs")
t0 = time.perf_counter()
result = Runner(pipeline, {{}}, opts, on_event=on_event).run()
wall = time.perf_counter() - t0
rec = result.by_name("flood")
size = os.path.getsize(os.path.join(rec.folder, "stdout.log"))
print(json.dumps({{"status": result.status.value, "wall": wall, "events": events[0],
                  "longest": events[1], "logged": size,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
'''.replace("import json, resource", "import json, os, resource")


def run_case(mb: int, line: int, work: Path) -> dict:
    code = CASE.format(repo=str(REPO), mb=mb, line=line, work=str(work))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--line", type=int, default=80, help="line length of the reference case")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kfpd-logbench-") as tmp:
        work = Path(tmp)
        run_case(1, args.line, work)   # builds the task venv once
        rows = [("lines", run_case(args.mb, args.line, work)),
                ("no newline", run_case(args.mb, 0, work))]
    print(f"{args.mb} MB to stdout, cpus={os.cpu_count()}, python {sys.version.split()[0]}")
    head = f"{'case':<12}{'status':>10}{'wall':>9}{'peak RSS':>11}{'events':>9}{'longest line':>14}"
    print(head)
    print("-" * len(head))
    for name, r in rows:
        assert r["logged"] == args.mb * 1024 * 1024, r
        print(f"{name:<12}{r['status']:>10}{r['wall']:>8.2f}s{r['rss_mb']:>9.0f}MB"
              f"{r['events']:>9}{r['longest']:>14}")
    ref, test = rows[0][1], rows[1][1]
    print(f"no newline / lines: wall x{test['wall'] / ref['wall']:.2f}, "
          f"RSS x{test['rss_mb'] / ref['rss_mb']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
