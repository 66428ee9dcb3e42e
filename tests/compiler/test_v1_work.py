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


def _cyclic_leftovers(work) -> list:
    """The objects ``work()`` leaves that only the cyclic collector can free."""
    gc.collect()
    paused = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        work()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if paused:
            gc.enable()


def test_every_preview_leaves_no_pipeline_in_a_cycle() -> None:
    """What the previews pane compiles after each edit (v1 and v2 YAML with source maps,
    the v1 and v2 Python). The pane takes what a big job leaves out of the collector's
    sight (``ui/heap.py``), so a cycle holding the pipeline would keep a copy per edit for
    good (a recursive closure in the Python export did: 3.5 MB an edit at 2,000 tasks).
    v1 and the Python leave no cycle at all; kfp 2's general model (groups and tasks
    pointing at each other, as in kfp's) leaves its own few objects, never the pipeline's.
    (Refusals: tests/ui/test_heap.py, through the pane's own job.)"""
    from designer.compiler import compile_pipeline
    from designer.compiler.python_source import export_python
    from designer.importers.kfp_python import import_python
    from designer.ir import Component, Pipeline, Task
    p = import_python(control_shapes.source("v1", 10), "shape.py")
    for target in ("v1", "v2"):
        def compile_it():
            compile_pipeline(p, target, with_source_map=True)

        def export_it():
            export_python(p, target, with_source_map=True)
        for work in (compile_it, export_it):
            work()                   # (per-thread writers made once)
            left = _cyclic_leftovers(work)
            assert not any(isinstance(o, (Pipeline, Task, Component)) for o in left), \
                (target, work.__name__)
            if target == "v1" or work is export_it:
                assert left == [], (target, work.__name__)
