"""The collector and big previews (designer/ui/heap.py): what a job made with the
collector paused is frozen only when it is many objects, and a document replaced hands
it back to be collected."""
from __future__ import annotations

import gc
import weakref

import pytest

from designer.persist import Project
from designer.ui import heap
from designer.ui.preview.pane import _pool, _yielding_to_the_ui


@pytest.fixture
def thawed(qtbot):
    _pool().waitForDone()          # (no preview job of an earlier test pausing the collector)
    qtbot.waitUntil(gc.isenabled)  # (nor an opening's pause, which ends within 2 s)
    gc.collect()
    gc.unfreeze()
    heap._sweep_due = False
    yield
    gc.unfreeze()
    gc.collect()


def test_a_job_that_made_many_objects_leaves_them_frozen(thawed):
    with _yielding_to_the_ui():
        assert not gc.isenabled()
        kept = [(i, str(i)) for i in range(heap.MANY + 10_000)]   # (tuples: tracked)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    # The next collections scan only what comes after: young generations stay small.
    assert gc.get_count()[0] < 1_000


def test_a_small_job_is_left_to_the_collector(thawed):
    with _yielding_to_the_ui():
        kept = [(i, str(i)) for i in range(1_000)]
    assert gc.isenabled() and kept
    assert gc.get_freeze_count() == 0


class _Link:
    def __init__(self):
        self.next = None


def test_replacing_the_document_collects_what_was_frozen(window, thawed, qtbot):
    qtbot.waitUntil(window.panes.previews.is_idle)     # (its jobs pause the collector too)
    with _yielding_to_the_ui():
        links = [_Link() for _ in range(heap.MANY + 1_000)]
        for a, b in zip(links, links[1:]):
            a.next = b
        links[-1].next = links[0]              # garbage in a cycle once dropped
    assert gc.get_freeze_count() > heap.MANY
    first = weakref.ref(links[0])
    del links, a, b
    gc.collect()
    assert first() is not None                 # frozen: out of the collector's sight
    window.document.load(Project(window.document.pipeline, {}))
    assert gc.get_freeze_count() == 0
    assert first() is None


def test_an_opened_big_project_is_out_of_the_collectors_sight_once_painted(
        window, tmp_path, thawed, qtbot):
    """Opening 600 tasks makes far more than ``MANY`` objects with the collector off:
    after the first frame they are frozen, and the young generation is left small (the
    collections that follow scan only what comes after)."""
    from designer import persist
    from tests.ui.test_open_work import _project
    path = tmp_path / "big.kfpd"
    persist.save(_project(600), path)
    gc.collect()
    assert window.files.open_path(str(path))
    assert not gc.isenabled()
    window.view.viewport().repaint()
    qtbot.waitUntil(gc.isenabled)            # (the turn after the frame)
    assert gc.get_freeze_count() > heap.MANY
    assert gc.get_count()[0] < heap.MANY // 10


def test_opening_over_a_frozen_document_collects_after_the_first_frame(
        window, tmp_path, thawed, qtbot):
    """The sweep a replaced document asks for waits while the collector is paused for
    the opening (not in the way of the first frame), and happens when the pause ends."""
    from designer import persist
    from tests.ui.test_open_work import _project
    qtbot.waitUntil(window.panes.previews.is_idle)     # (its jobs pause the collector too)
    with _yielding_to_the_ui():
        links = [_Link() for _ in range(heap.MANY + 1_000)]
        for a, b in zip(links, links[1:]):
            a.next = b
        links[-1].next = links[0]
    first = weakref.ref(links[0])
    del links, a, b
    path = tmp_path / "small.kfpd"
    persist.save(_project(5), path)
    collected = []
    gc.callbacks.append(lambda phase, info: phase == "stop" and collected.append(info))
    try:
        assert window.files.open_path(str(path))
        assert not gc.isenabled() and gc.get_freeze_count() == 0
        assert first() is not None and not collected     # (due, not done)
        window.view.viewport().repaint()
        qtbot.waitUntil(gc.isenabled)        # (the turn after the frame)
        assert first() is None
    finally:
        gc.callbacks.pop()


def test_a_preview_job_leaves_no_pipeline_in_a_cycle_even_when_refused(thawed):
    """Each tab's job, as the pane runs it (``compile_tab``), on a pipeline that some
    targets refuse (every concept the designer holds: kfp 2 refuses the kfp 1 ones): no
    pipeline, task or component may be left in a reference cycle (a raised error holds
    the frames it passed, and they hold the pipeline), or a big job's freeze would keep
    a copy per edit."""
    from designer.ir import Component, Pipeline, Task
    from designer.ui.preview.pane import _python, _v1_at, _v2, compile_tab
    from tests.compiler.test_v1_work import _cyclic_leftovers
    from tests.every_concept import every_concept
    p = every_concept()
    errors = []
    for key, fn in (("v1", _v1_at("2026-01-01T00:00:00")), ("v2", _v2),
                    ("py1", _python("v1")), ("py2", _python("v2"))):
        def job():
            errors.append(compile_tab(1, key, "yaml", fn, p).error)
        job()
        left = _cyclic_leftovers(job)
        assert not any(isinstance(o, (Pipeline, Task, Component)) for o in left), key
    assert any(errors), "no target refused: the refusal path went untested"


def test_module_sources_read_at_import_are_let_go_after_a_job(thawed):
    """PySide6 reads every module imported after it into linecache (to look for the word
    PySide6): ~5 MB that a preview job's end lets go."""
    import linecache

    import designer.ir.model as any_module
    path = any_module.__file__
    assert linecache.getlines(path)          # what an import after PySide6 leaves
    assert path in linecache.cache
    with _yielding_to_the_ui():
        pass
    assert path not in linecache.cache
    assert linecache.getlines(path)          # a traceback still reads it again


def test_an_opened_window_leaves_no_module_source_cached(window, qtbot):
    import linecache
    qtbot.waitUntil(lambda: window._runs is not None)   # (deferred start-up, first paint)
    qtbot.waitUntil(window.panes.previews.is_idle)
    assert not [f for f in linecache.cache if "/designer/" in f]


def test_a_closed_window_lets_its_document_go(tmp_path, thawed, qtbot, dialogs_script):
    """A window closed after its big document was frozen: the document is freed. (The
    help links' router kept every window's controller, so each closed window kept its
    document; and what it froze sat in reference cycles a frozen collector never frees:
    the window's destruction hands it back and collects it.)"""
    from designer import persist
    from tests.ui.test_open_work import _project
    path = tmp_path / "big.kfpd"
    persist.save(_project(600), path)
    from designer.ui.main_window import MainWindow
    window = MainWindow()          # (not make_window's: its list would keep the window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window._runs is not None)   # help, run and cluster sessions made
    assert window.files.open_path(str(path))
    window.view.viewport().repaint()
    qtbot.waitUntil(gc.isenabled)
    qtbot.waitUntil(window.panes.previews.is_idle)
    assert gc.get_freeze_count() > heap.MANY
    pipeline = weakref.ref(window.document.pipeline)
    document = weakref.ref(window.document)
    window.close()
    del window
    qtbot.waitUntil(lambda: pipeline() is None and document() is None)
