"""Importing a kfp Python file and compiling it for v1 leave no reference cycles behind (and
the importer does not redo the work it memoises).

Both pause the cyclic collector while they build (a 1,000-task pipeline is ~100,000 objects);
whatever they leave in a cycle is traversed by every young collection after they return, until
a full one frees it: before the importer and compiler broke their cycles (the reader <->
context <-> evaluator, closures that call themselves) that was ~60,000 objects and ~10% of the
control-flow benchmark. Counted here as objects, not time."""
from __future__ import annotations

import gc

from tests.bench import control_shapes


def _cyclic_garbage(work) -> int:
    """How many objects ``work()`` leaves that only the cyclic collector can free."""
    gc.collect()
    paused = gc.isenabled()
    gc.disable()
    try:
        work()
        return gc.collect()
    finally:
        if paused:
            gc.enable()


def test_importing_a_pipeline_leaves_no_cycles() -> None:
    from designer.importers.kfp_python import import_python, list_pipelines
    text = control_shapes.source("v1", 10)
    assert _cyclic_garbage(lambda: import_python(text, "shape.py")) == 0
    assert _cyclic_garbage(lambda: list_pipelines(text, "shape.py")) == 0


def test_compiling_for_v1_leaves_no_cycles() -> None:
    text = control_shapes.source("v1", 10)
    assert _cyclic_garbage(lambda: control_shapes.compile_ours("v1", text, "shape.py")) == 0


def test_kfp_names_are_canonicalised_once_each() -> None:
    """``canonical`` is memoised: a 100-task file names a few kfp names hundreds of times."""
    from designer.importers._kfp_calls import canonical
    from designer.importers.kfp_python import import_python
    canonical.cache_clear()
    import_python(control_shapes.source("v1", 100), "shape.py")
    info = canonical.cache_info()
    assert info.misses <= 20 < 200 <= info.hits, info
