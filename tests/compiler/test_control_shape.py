"""The control-flow benchmark's shapes (tests/bench/control_shapes.py: nested loops and
conditions, kfp 1 and kfp 2 modules) compile through our CLI to what the real SDKs wrote
(tests/golden/control_shape/, made by tools/make_control_goldens.py): v1 byte for byte
but the compilation time, v2 parsed with kfp's version aside. The benchmark's speed ratio
(`compile_bench.py --control`) is only worth something if these hold."""
from __future__ import annotations

import pytest

from tests.bench import control_shapes
from tests.golden.goldens import first_difference, normalise_v1, run_our_cli
from tools.make_control_goldens import paths
from tools.make_goldens_v2 import normalise_v2

CASES = [(t, n) for t in control_shapes.TARGETS for n in control_shapes.GOLDEN_SIZES]


@pytest.mark.parametrize("target,n", CASES, ids=[f"{t}_{n}" for t, n in CASES])
def test_control_shape_compiles_like_the_sdk(target: str, n: int) -> None:
    source, golden = paths(target, n)
    # The committed module is the shape the benchmark times (else regenerate the goldens).
    assert source.read_text(encoding="utf-8") == control_shapes.source(target, n)
    run = run_our_cli(source, target, epoch=control_shapes.EPOCH)
    assert run.returncode == 0, run.stderr
    expected = golden.read_text(encoding="utf-8")
    if target == "v1":
        assert normalise_v1(run.output) == normalise_v1(expected), first_difference(
            normalise_v1(expected), normalise_v1(run.output))
    else:
        assert normalise_v2(run.output) == normalise_v2(expected)


def test_the_shapes_nest_loops_and_conditions() -> None:
    from designer.importers.kfp_python import import_python
    from designer.ir.groups import ancestors
    for target in control_shapes.TARGETS:
        p = import_python(control_shapes.source(target, 10), f"{target}.py")
        assert len(p.tasks) == 10
        kinds = {tuple(g.kind for g in ancestors(p, t.group)) for t in p.tasks}
        # A task under a loop under a condition under a loop under a condition (innermost
        # first), and both kinds at two depths.
        assert any(k.count("loop") >= 2 and k.count("condition") >= 2 for k in kinds), kinds
