"""Control-flow pipelines of any size for the compile benchmark and their goldens: nested
loops and conditions, one kfp 1.8.9 module (v1) and one kfp 2 module (v2).

* ``v1``: shapes.py's ``control`` shape: units of five tasks, a condition on a task output
  holding a loop over a literal list holding a condition holding a loop over a pipeline
  parameter; outputs and parameters cross every border.
* ``v2``: units of five tasks: an If on a parameter holding a task and a ParallelFor over a
  list parameter (parallelism 2); inside, a task, then an If on its output holding a
  ParallelFor over literal items and its Else; the loop's output Collected after it.

Ours reads the same file the SDK runs (the importer evaluates nothing: ast only), so the
benchmark's ratio includes our import. ``source(target, n)`` is the module, whose
pipeline function is ``function_name(target, n)``; ``compile_ours(target, text, path)``
gives our YAML. The small sizes are committed as goldens compiled by the real SDKs
(tools/make_control_goldens.py -> tests/golden/control_shape/).
"""
from __future__ import annotations

from tests.bench import shapes

TARGETS = ("v1", "v2")
UNIT = 5            # tasks per unit, both targets
GOLDEN_SIZES = (5, 10)
EPOCH = 1700000000  # the v1 compilation time ours writes (SOURCE_DATE_EPOCH)

_V2_HEAD = '''\
from typing import List

from kfp import dsl


@dsl.component
def step(text: str, n: int = 0) -> int:
    print(text, n)
    return n + len(text)


@dsl.component
def total(numbers: List[int]) -> int:
    return sum(numbers)


@dsl.pipeline(name="control-{n}")
def {func}(x: int = 3, items: List[str] = ["a", "bb"]):
'''

_V2_FOOTER = '''

if __name__ == "__main__":
    import sys

    from kfp import compiler
    compiler.Compiler().compile({func}, sys.argv[1] if len(sys.argv) > 1 else "{func}.yaml")
'''


def function_name(target: str, n: int) -> str:
    return shapes.function_name("control", n) if target == "v1" else f"control_v2_{n}"


def source(target: str, n: int) -> str:
    if target == "v1":
        return shapes.source("control", n)
    func = function_name(target, n)
    lines = []
    for i in range(max(1, n // UNIT)):
        lines += [f"    with dsl.If(x > {i}):",
                  f"        first_{i} = step(text='unit {i}')",
                  "        with dsl.ParallelFor(items, parallelism=2) as it:",
                  f"            a_{i} = step(text=it, n={i})",
                  f"            with dsl.If(a_{i}.output > {i % 3 + 1}):",
                  "                with dsl.ParallelFor([1, 2, 3]) as j:",
                  f"                    step(text=it, n=j).after(first_{i})",
                  "            with dsl.Else():",
                  "                step(text='small')",
                  f"        total(numbers=dsl.Collected(a_{i}.output))"]
    return _V2_HEAD.format(n=n, func=func) + "\n".join(lines) + "\n" + \
        _V2_FOOTER.format(func=func)


def compile_ours(target: str, text: str, path: str) -> str:
    """Our YAML for a module: imported with ast, compiled (v1 at EPOCH's time)."""
    from designer.compiler import compile_pipeline
    from designer.importers.kfp_python import import_python
    from tests import oracle
    from tests.golden.goldens import time_from_epoch
    pipeline = import_python(text, path)
    if target == "v1":
        return compile_pipeline(pipeline, "v1", compile_time=time_from_epoch(EPOCH))
    return compile_pipeline(pipeline, "v2", kfp_version=oracle.kfp2_version())


__all__ = ["TARGETS", "UNIT", "GOLDEN_SIZES", "function_name", "source", "compile_ours"]
