"""Compile-time benchmark: our compiler against the real kfp SDK.

    python tests/bench/compile_bench.py                      # v1, sizes 10 100 1000
    python tests/bench/compile_bench.py --sizes 10 100 --runs 3
    python tests/bench/compile_bench.py --target v2          # ours v2 vs kfp 2.x
    python tests/bench/compile_bench.py --no-oracle          # ours only
    python tests/bench/compile_bench.py --target v2 --shape artifacts   # (or control)
    python tests/bench/compile_bench.py --shapes mixed control --sizes 1000   # v1 shapes
    python tests/bench/compile_bench.py --control     # nested loops + conditions, v1 and v2
    python tests/bench/compile_bench.py --control --control-targets v1 --runs 11 --kfp-runs 3
    python tests/bench/compile_bench.py --control --control-targets v1 --interleave  # (below)

v1 shapes (``--shapes``; v2 has its own ``--shape``): ``chain`` is the loop-free pipeline
below; ``mixed`` mixes function components, a component YAML and a ContainerOp passing
files (artifacts); ``control`` nests conditions and loops (tests/bench/shapes.py). Where the importer cannot
read a shape's file yet, ours compiles the IR shapes.py builds for it (no import time;
the table says so).

A script, not a test (tests/conftest.py keeps pytest out of tests/bench). Wall times and
CPU times (``time.process_time``) are both printed: on a shared machine the CPU ratio is
the steadier one, since wall time depends on what else runs at that moment. For each size it
generates a loop-free pipeline (tests/golden/generate.py: chains + fan-in over a few reused
components) and times, as medians of --runs:

* ours, in-process: read + import the .py with ast, compile, write the YAML;
* kfp, inside its side venv: run the module (kfp builds its components while the module
  runs), compile, write the YAML. kfp is imported once before timing: interpreter start and
  ``import kfp`` are excluded, so the ratio compares compile work only.

``--shape artifacts|control`` (v2) times the large kfp 2 pipelines of tests/bench/v2_shapes.py
instead: every component kind with artifacts, or nested conditions and loops with a
Collected. kfp runs their DSL module; ours builds their IR (the importer does not read them on
main yet) and compiles it.

``--control`` times tests/bench/control_shapes.py (nested loops and conditions, default 1000
tasks) for v1 against kfp 1.8.9 and v2 against kfp 2.x, ours reading the very module kfp
runs (import + compile + write), and prints wall and CPU ratios per target; the goal is
kfp/ours >= 20x. Their small sizes are goldens (tests/compiler/test_control_shape.py).
``--control-targets v1`` (or v2) times one target only. On a loaded machine give ours more
runs than kfp (``--runs 11 --kfp-runs 3``): kfp's runs take seconds each and see the load
average out, ours take a few hundred milliseconds and a median of 5 can sit in one burst.
``--interleave`` goes further: ours' runs and kfp's alternate (kfp's spread among ours, in one
kfp process kept warm), so that both meet the same load and the wall ratio compares like with
like; without it all of ours run first, then all of kfp's.

"same output" compares the two YAML files (v1: compilation time normalised; v2: as is).
It also times the seed (tests/golden/pipelines/example_pipeline.py) as whole processes:
``python -m designer compile`` against ``python example_pipeline.py`` under kfp.

Adding a target is one ``Target`` entry: how ours compiles, which oracle venv, and the
Python source kfp should compile (v2 compiles our own kfp v2 export of the same pipeline).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests import oracle  # noqa: E402
from tests.bench import shapes  # noqa: E402
from tests.golden import generate  # noqa: E402
from tests.golden.goldens import CORPUS_DIR, normalise_v1, time_from_epoch  # noqa: E402

SEED = CORPUS_DIR / "example_pipeline.py"
EPOCH = 1700000000

# Runs inside the oracle venv: argv = module path, pipeline function name, runs, out path.
# Prints JSON {"seconds": [...]} timing module execution + compile + write, kfp pre-imported.
KFP_DRIVER = r"""
import json, runpy, sys, time, warnings
warnings.simplefilter("ignore")
import kfp, kfp.compiler
path, func, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
seconds, cpu = [], []
for _ in range(runs):
    t0, c0 = time.perf_counter(), time.process_time()
    ns = runpy.run_path(path, run_name="kfp_bench")
    kfp.compiler.Compiler().compile(ns[func], out)
    seconds.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"seconds": seconds, "cpu": cpu, "kfp": kfp.__version__}))
"""


# The same, as a server for --interleave: prints {"ready": version}, then times one run per
# line read from stdin, answering {"seconds": s, "cpu": c}; kfp stays imported and warm.
KFP_SERVER = r"""
import json, runpy, sys, time, warnings
warnings.simplefilter("ignore")
import kfp, kfp.compiler
path, func, out = sys.argv[1], sys.argv[2], sys.argv[3]
print(json.dumps({"ready": kfp.__version__}), flush=True)
for _line in sys.stdin:
    t0, c0 = time.perf_counter(), time.process_time()
    ns = runpy.run_path(path, run_name="kfp_bench")
    kfp.compiler.Compiler().compile(ns[func], out)
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}),
          flush=True)
"""


@dataclass
class Target:
    name: str
    oracle: Callable[..., Path]              # builds/returns the oracle venv's python
    ours: Callable[[str, str], str]          # (source text, path) -> compiled YAML
    # The kfp Python source kfp compiles, and its pipeline function name, for a corpus-style
    # (kfp v1 DSL) source.
    kfp_source: Callable[[str, int], tuple[str, str]]
    # Normalises a YAML text for the "same output?" column (None: don't compare).
    normalise: Callable[[str], str] | None = None


def _load(text: str, path: str):
    from designer.importers.kfp_python import import_python
    return import_python(text, path)


def _ours_v1(text: str, path: str) -> str:
    from designer.compiler import compile_pipeline
    return compile_pipeline(_load(text, path), "v1", compile_time=time_from_epoch(EPOCH))


def _ours_v2(text: str, path: str) -> str:
    from designer.compiler import compile_pipeline
    return compile_pipeline(_load(text, path), "v2", kfp_version=oracle.kfp2_version())


def _v1_source(text: str, n: int) -> tuple[str, str]:
    return text, generate.function_name(n)


def _v2_source(text: str, n: int) -> tuple[str, str]:
    # kfp 2 cannot run v1 DSL: give it our kfp v2 export of the same pipeline.
    from designer.compiler.python_source import export_python
    pipeline = _load(text, f"{generate.function_name(n)}.py")
    return export_python(pipeline, "v2"), pipeline.python_function_name()


TARGETS = {
    "v1": Target("v1", oracle.kfp1_python, _ours_v1, _v1_source, normalise_v1),
    "v2": Target("v2", oracle.kfp2_python, _ours_v2, _v2_source, lambda text: text),
}


def _median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def time_ours(target: Target, path: Path, runs: int, out: Path) -> tuple[float, float, str]:
    """(median wall ms, median CPU ms, the YAML)."""
    seconds, cpu, text = [], [], ""
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        text = target.ours(path.read_text(encoding="utf-8"), str(path))
        out.write_text(text, encoding="utf-8")
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return _median_ms(seconds), _median_ms(cpu), text


def time_kfp(python: Path, path: Path, func: str, runs: int, out: Path) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of kfp compiling ``path``."""
    proc = subprocess.run([str(python), "-c", KFP_DRIVER, str(path), func, str(runs), str(out)],
                          capture_output=True, text=True, cwd=path.parent)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return _median_ms(data["seconds"]), _median_ms(data["cpu"])


def time_interleaved(target: Target, path: Path, runs: int, out: Path, python: Path,
                     func: str, kfp_runs: int, kfp_out: Path
                     ) -> tuple[float, float, str, float, float]:
    """``time_ours`` and ``time_kfp`` with their runs alternating (kfp's spread among ours,
    one kfp process kept warm): on a busy machine both see the same load, so the wall ratio
    compares like with like. (ours wall, ours CPU, ours YAML, kfp wall, kfp CPU)."""
    server = subprocess.Popen([str(python), "-c", KFP_SERVER, str(path), func, str(kfp_out)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=path.parent)
    assert server.stdin is not None and server.stdout is not None
    try:
        if "ready" not in json.loads(server.stdout.readline() or "{}"):
            raise RuntimeError("the kfp side did not start")
        kfp_at = {round(j * runs / kfp_runs) for j in range(kfp_runs)}
        seconds, cpu, kfp_seconds, kfp_cpu, text = [], [], [], [], ""
        for i in range(max(runs, max(kfp_at) + 1)):
            if i in kfp_at:
                server.stdin.write("\n")
                server.stdin.flush()
                answer = json.loads(server.stdout.readline() or "{}")
                if "seconds" not in answer:
                    raise RuntimeError("the kfp side failed")
                kfp_seconds.append(answer["seconds"])
                kfp_cpu.append(answer["cpu"])
            if i < runs:
                t0, c0 = time.perf_counter(), time.process_time()
                text = target.ours(path.read_text(encoding="utf-8"), str(path))
                out.write_text(text, encoding="utf-8")
                seconds.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    finally:
        server.stdin.close()
        server.wait()
    return (_median_ms(seconds), _median_ms(cpu), text, _median_ms(kfp_seconds),
            _median_ms(kfp_cpu))


def time_process(cmd: list[str], runs: int, cwd: Path, env: dict | None = None) -> float:
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd,
                       env={**os.environ, **(env or {})})
        seconds.append(time.perf_counter() - t0)
    return _median_ms(seconds)


def _same(target: Target, ours: Path, theirs: Path) -> str:
    if target.normalise is None or not theirs.exists():
        return "-"
    try:
        a = target.normalise(ours.read_text(encoding="utf-8"))
        return "yes" if a == target.normalise(theirs.read_text(encoding="utf-8")) else "NO"
    except ValueError:
        return "NO"


def _shape_target(target: Target, shape: str, n: int, text: str, path: Path) -> Target:
    """``target`` for a shapes.py pipeline: ours imports the file when the importer reads it,
    else compiles the IR shapes.py builds (marked ``*``)."""
    from designer.compiler import compile_pipeline
    from designer.ir import InputError

    kfp_source = lambda t, _n: (t, shapes.function_name(shape, n))  # noqa: E731
    try:
        _load(text, str(path))
        return Target(target.name, target.oracle, target.ours, kfp_source, target.normalise)
    except InputError:
        built = shapes.pipeline(shape, n)
        return Target(target.name + "*", target.oracle, lambda _t, _p: compile_pipeline(
            built, "v1", compile_time=time_from_epoch(EPOCH)), kfp_source, target.normalise)


def bench_target(target: Target, sizes: list[int], runs: int, kfp_runs: int,
                 python: Path | None, tmp: Path, shape: str = "chain") -> None:
    kfp_label = f"kfp ({target.oracle.__name__.split('_')[0]})"
    print(f"\n[{target.name}, {shape}] in-process compile, median ms (ours: {runs} runs, kfp: "
          f"{kfp_runs} runs; kfp excludes interpreter start and `import kfp`)")
    print(f"{'tasks':>6} {'ours':>10} {kfp_label:>12} {'kfp/ours':>9} {'cpu ours':>9} "
          f"{'cpu kfp':>9} {'cpu kfp/ours':>12} {'same output':>12}")
    notes: list[str] = []
    for n in sizes:
        if shape == "chain":
            text, func_name = generate.big_pipeline_source(n), generate.function_name(n)
        else:
            text, func_name = shapes.source(shape, n), shapes.function_name(shape, n)
        src = tmp / f"{func_name}.py"
        src.write_text(text, encoding="utf-8")
        ours_out = tmp / f"ours-{target.name}-{shape}-{n}.yaml"
        kfp_out = tmp / f"kfp-{target.name}-{shape}-{n}.yaml"
        this = target if shape == "chain" else _shape_target(target, shape, n, text, src)
        if this.name.endswith("*"):
            notes.append(f"  ours* at {n} tasks: the importer cannot read this file yet; "
                         "ours compiles the IR tests/bench/shapes.py builds (no import time)")
        try:
            ours_ms, ours_cpu, _ = time_ours(this, src, runs, ours_out)
            ours_cell = f"{ours_ms:.1f}"
        except Exception as e:  # ours unfinished or broken: still time kfp, say why
            ours_ms, ours_cpu, ours_cell = None, None, "error"
            notes.append(f"  ours at {n} tasks: {type(e).__name__}: {e}")
        kfp_cell, ratio, same = "-", "-", "-"
        cpu_cells = ["-", "-", "-"]
        if python is not None:
            kfp_text, func = this.kfp_source(text, n)
            kfp_src = tmp / f"kfp_{target.name}_{n}.py"
            kfp_src.write_text(kfp_text, encoding="utf-8")
            try:
                kfp_ms, kfp_cpu = time_kfp(python, kfp_src, func, kfp_runs, kfp_out)
            except RuntimeError as e:
                kfp_cell = "error"
                notes.append(f"  kfp at {n} tasks: {e}")
            else:
                kfp_cell = f"{kfp_ms:.1f}"
                if ours_ms is not None:
                    ratio, same = f"{kfp_ms / ours_ms:.1f}x", _same(target, ours_out, kfp_out)
                    cpu_cells = [f"{ours_cpu:.1f}", f"{kfp_cpu:.1f}",
                                 f"{kfp_cpu / max(ours_cpu, 1e-6):.1f}x"]
        print(f"{n:>6} {ours_cell:>10} {kfp_cell:>12} {ratio:>9} {cpu_cells[0]:>9} "
              f"{cpu_cells[1]:>9} {cpu_cells[2]:>12} {same:>12}", flush=True)
    for note in notes:
        print(note)


def bench_shape(shape: str, sizes: list[int], runs: int, kfp_runs: int,
                python: Path | None, tmp: Path) -> None:
    """The large kfp 2 pipelines of v2_shapes: ours builds the IR and compiles it; kfp runs
    the module and compiles. Same output: the parsed YAML, kfp version aside."""
    from designer.compiler import compile_pipeline
    from tests.bench import v2_shapes
    from tools.make_goldens_v2 import normalise_v2
    print(f"\n[v2 {shape}] in-process compile, median ms (ours: {runs} runs, kfp: {kfp_runs} "
          "runs; ours: build the IR + compile + write; kfp: run the module + compile + write)")
    print(f"{'tasks':>6} {'ours':>10} {'kfp (kfp2)':>12} {'kfp/ours':>9} {'cpu ours':>9} "
          f"{'cpu kfp':>9} {'cpu kfp/ours':>13} {'same output':>12}")
    for n in sizes:
        seconds, cpu, text = [], [], ""
        out = tmp / f"ours-{shape}-{n}.yaml"
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            text = compile_pipeline(v2_shapes.ir(shape, n), "v2",
                                    kfp_version=oracle.kfp2_version())
            out.write_text(text, encoding="utf-8")
            seconds.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        ours_ms, ours_cpu = _median_ms(seconds), _median_ms(cpu)
        tasks = len(v2_shapes.ir(shape, n).tasks)
        kfp_cell, ratio, cpu_cell, cpu_ratio, same = "-", "-", "-", "-", "-"
        if python is not None:
            src = tmp / f"kfp_{shape}_{n}.py"
            src.write_text(v2_shapes.kfp_source(shape, n), encoding="utf-8")
            kfp_out = tmp / f"kfp-{shape}-{n}.yaml"
            kfp_ms, kfp_cpu = time_kfp(python, src, v2_shapes.function_name(shape, n),
                                       kfp_runs, kfp_out)
            kfp_cell, ratio = f"{kfp_ms:.1f}", f"{kfp_ms / ours_ms:.1f}x"
            cpu_cell, cpu_ratio = f"{kfp_cpu:.1f}", f"{kfp_cpu / ours_cpu:.1f}x"
            same = "yes" if normalise_v2(text) == normalise_v2(
                kfp_out.read_text(encoding="utf-8")) else "NO"
        print(f"{tasks:>6} {ours_ms:>10.1f} {kfp_cell:>12} {ratio:>9} {ours_cpu:>9.1f} "
              f"{cpu_cell:>9} {cpu_ratio:>13} {same:>12}", flush=True)


CONTROL_GOAL = 20.0   # kfp / ours, issue #12


def bench_control(sizes: list[int], runs: int, kfp_runs: int, no_oracle: bool,
                  tmp: Path, targets: tuple[str, ...] | None = None,
                  interleave: bool = False) -> None:
    """control_shapes.py for ``targets`` (default both): ours imports and compiles the
    module kfp runs (``interleave``: their runs alternate, see time_interleaved)."""
    from tests.bench import control_shapes
    from tools.make_control_goldens import same
    print(f"\n[control flow] nested loops and conditions, median ms (ours: {runs} runs of read "
          f"+ import + compile + write; kfp: {kfp_runs} runs of the module + compile + write; "
          "both with their modules imported before timing)")
    print(f"{'target':>6} {'tasks':>6} {'ours':>9} {'kfp':>10} {'wall x':>7} {'cpu ours':>9} "
          f"{'cpu kfp':>9} {'cpu x':>7} {'same':>5}")
    verdicts = []
    for target in targets or control_shapes.TARGETS:
        python = None
        if not no_oracle:
            python = (oracle.kfp1_python if target == "v1" else oracle.kfp2_python)(
                log=lambda m: print(m, flush=True))
        for n in sizes:
            func = control_shapes.function_name(target, n)
            src = tmp / f"{func}.py"
            src.write_text(control_shapes.source(target, n), encoding="utf-8")
            ours_out, kfp_out = tmp / f"ours-{func}.yaml", tmp / f"kfp-{func}.yaml"
            mine = Target(target, oracle.kfp1_python, lambda text, path, t=target:
                          control_shapes.compile_ours(t, text, path), _v1_source)
            control_shapes.compile_ours(target, control_shapes.source(target, 10), "warm.py")
            if interleave and python is not None:
                ours_ms, ours_cpu, text, kfp_ms, kfp_cpu = time_interleaved(
                    mine, src, runs, ours_out, python, func, kfp_runs, kfp_out)
            else:
                ours_ms, ours_cpu, text = time_ours(mine, src, runs, ours_out)
            cells = ["-"] * 5
            if python is not None:
                if not interleave:
                    kfp_ms, kfp_cpu = time_kfp(python, src, func, kfp_runs, kfp_out)
                wall, cpu = kfp_ms / ours_ms, kfp_cpu / max(ours_cpu, 1e-6)
                alike = same(target, text, kfp_out.read_text(encoding="utf-8"))
                cells = [f"{kfp_ms:.1f}", f"{wall:.1f}x", f"{kfp_cpu:.1f}", f"{cpu:.1f}x",
                         "yes" if alike else "NO"]
                verdicts.append(f"  {target} at {n} tasks: wall {wall:.1f}x, CPU {cpu:.1f}x "
                                f"({'meets' if min(wall, cpu) >= CONTROL_GOAL else 'BELOW'} "
                                f"the {CONTROL_GOAL:.0f}x goal)")
            print(f"{target:>6} {n:>6} {ours_ms:>9.1f} {cells[0]:>10} {cells[1]:>7} "
                  f"{ours_cpu:>9.1f} {cells[2]:>9} {cells[3]:>7} {cells[4]:>5}", flush=True)
    for line in verdicts:
        print(line)


def bench_seed_process(target: Target, runs: int, python: Path | None, tmp: Path) -> None:
    print(f"\n[{target.name}] seed pipeline as a whole process, median ms of {runs} runs")
    ours_cmd = [sys.executable, "-m", "designer", "compile", str(SEED), "-o",
                str(tmp / "seed-ours.yaml"), "--target", target.name]
    try:
        ours_ms = time_process(ours_cmd, runs, tmp, {"SOURCE_DATE_EPOCH": str(EPOCH)})
        line = f"  python -m designer compile: {ours_ms:8.1f}"
    except subprocess.CalledProcessError as e:
        ours_ms, line = None, f"  python -m designer compile: failed ({e.stderr.strip()[-80:]!r})"
    if python is not None:
        seed_src, _ = target.kfp_source(SEED.read_text(encoding="utf-8"), 0)
        kfp_seed = tmp / f"seed_{target.name}.py"
        kfp_seed.write_text(seed_src, encoding="utf-8")
        kfp_ms = time_process([str(python), str(kfp_seed), str(tmp / "seed-kfp.yaml")], runs, tmp)
        line += f"   python example_pipeline.py (kfp): {kfp_ms:8.1f}"
        if ours_ms:
            line += f"   ratio {kfp_ms / ours_ms:.1f}x"
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="pipeline sizes in tasks (default 10 100 1000; --control: 1000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--kfp-runs", type=int, default=None,
                        help="runs for kfp in-process timings (default: --runs)")
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="v1")
    parser.add_argument("--no-oracle", action="store_true", help="time ours only")
    parser.add_argument("--shape", choices=["plain", "artifacts", "control"], default="plain",
                        help="v2 only: the generated pipeline's shape (tests/bench/v2_shapes.py)")
    parser.add_argument("--shapes", nargs="+", choices=["chain", *shapes.SHAPES],
                        default=None, help="v1 pipeline shapes (default: all for v1)")
    parser.add_argument("--control", action="store_true",
                        help="nested loops and conditions, v1 and v2 (tests/bench/"
                             "control_shapes.py; sizes default to 1000)")
    parser.add_argument("--control-targets", nargs="+", choices=["v1", "v2"], default=None,
                        help="--control: the targets to time (default both)")
    parser.add_argument("--interleave", action="store_true",
                        help="--control: alternate ours' and kfp's runs (one warm kfp "
                             "process), so that both see the same load")
    args = parser.parse_args(argv)
    sizes = args.sizes or [10, 100, 1000]
    if args.control:
        with tempfile.TemporaryDirectory(prefix="kfp-designer-bench-") as tmp_name:
            bench_control(args.sizes or [1000], args.runs, args.kfp_runs or args.runs,
                          args.no_oracle, Path(tmp_name),
                          tuple(args.control_targets) if args.control_targets else None,
                          args.interleave)
        return 0
    if args.shape != "plain":
        with tempfile.TemporaryDirectory(prefix="kfp-designer-bench-") as tmp_name:
            python = None if args.no_oracle else oracle.kfp2_python(
                log=lambda m: print(m, flush=True))
            bench_shape(args.shape, sizes, args.runs, args.kfp_runs or args.runs, python,
                        Path(tmp_name))
        return 0
    targets = list(TARGETS.values()) if args.target == "all" else [TARGETS[args.target]]
    with tempfile.TemporaryDirectory(prefix="kfp-designer-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for target in targets:
            python = None
            if not args.no_oracle:
                try:
                    python = target.oracle(log=lambda m: print(m, flush=True))
                except oracle.OracleBuildError as e:
                    print(f"[{target.name}] no kfp oracle, timing ours only: {e}")
            target_shapes = (args.shapes or ["chain", *shapes.SHAPES]) if target.name == "v1" \
                else ["chain"]
            for shape in target_shapes:
                bench_target(target, sizes, args.runs, args.kfp_runs or args.runs, python,
                             tmp, shape)
            bench_seed_process(target, args.runs, python, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
