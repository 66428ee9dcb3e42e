"""Time compile_v1 against kfp 1.8.9 on the same N-task pipeline, and check the bytes match.

    python tests/compiler/data/v1/bench.py [N=1000]

Two components (one with an output, one without) used alternately in a chain of N tasks.
kfp runs in the kfp1 oracle venv (tests/oracle.py); its time covers Compiler().compile only.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from designer.compiler.v1 import compile_v1  # noqa: E402
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task  # noqa: E402
from tests import oracle  # noqa: E402

ADD = 'def add(a: int, b: int) -> int:\n    """Adds."""\n    return a + b\n'
SHOW = "def show(x: int):\n    print(x)\n"
KFP_SCRIPT = '''
import sys, time
import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline
%s
%s
add, show = create_component_from_func(add), create_component_from_func(show)
N = int(sys.argv[1])
@pipeline(name="big")
def big(p: int = 1):
    prev = add(p, 1)
    for i in range(1, N):
        if i %% 2:
            show(prev.output)
        else:
            prev = add(prev.output, i)
t = time.perf_counter()
kfp.compiler.Compiler().compile(big, sys.argv[2])
print(time.perf_counter() - t)
''' % (ADD, SHOW)


def ir(n: int) -> Pipeline:
    add = Component.from_source(ADD, id="add")
    show = Component.from_source(SHOW, id="show")
    tasks, prev = [Task("t0", "t0", "add", {"a": ParamRef("p"), "b": Constant(1)})], "t0"
    for i in range(1, n):
        if i % 2:
            tasks.append(Task(f"t{i}", f"t{i}", "show", {"x": OutputRef(prev, "Output")}))
        else:
            tasks.append(Task(f"t{i}", f"t{i}", "add",
                              {"a": OutputRef(prev, "Output"), "b": Constant(i)}))
            prev = f"t{i}"
    return Pipeline("big", params=[PipelineParam("p", "int", 1, True)], components=[add, show],
                    tasks=tasks)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.yaml"
        script = Path(tmp) / "big.py"  # kfp reads component sources with inspect.getsource
        script.write_text(KFP_SCRIPT)
        run = subprocess.run([str(oracle.kfp1_python()), str(script), str(n), str(out)],
                             check=True, capture_output=True, text=True)
        kfp_seconds = float(run.stdout.strip().splitlines()[-1])
        expected = out.read_text()
    stamp = re.search(r"compilation_time: '([^']*)'", expected).group(1)
    pipeline = ir(n)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        text = compile_v1(pipeline, compile_time=stamp)
        best = min(best, time.perf_counter() - start)
    print(f"{n} tasks: kfp 1.8.9 {kfp_seconds:.2f}s, compile_v1 {best:.3f}s "
          f"({kfp_seconds / best:.0f}x), identical: {text == expected}")


if __name__ == "__main__":
    main()
