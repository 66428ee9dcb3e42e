"""RunController: engine events from worker threads arrive as GUI-thread signals, in order;
Stop, Re-run, refusals, and a GUI that keeps its event loop going during a chatty run."""
from __future__ import annotations

from pathlib import Path

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from designer.ir import PipelineParam  # noqa: E402
from designer.runner.procs import alive  # noqa: E402
from designer.ui.run.controller import EVENTS_PER_TURN, RunController  # noqa: E402
from designer.ui.run.panel import LOG_LIMIT, RunPanel  # noqa: E402
from tests.runner.runner_helpers import ADD, build  # noqa: E402
from tests.ui.run_support import (CHATTY, FAIL, SLEEPER, Recorder, run_options,  # noqa: E402,F401
                                  tutorial)

TASKS = ("number_1_result", "number_2_result", "sum_result")


def run_to_end(qtbot, controller, pipeline, params, timeout=60000):
    with qtbot.waitSignal(controller.finished, timeout=timeout) as blocker:
        assert controller.start(pipeline, params)
    return blocker.args[0]


def test_tutorial_run_reports_states_logs_and_outputs_on_the_gui_thread(qtbot, run_options):
    controller = RunController(run_options)
    rec = Recorder(controller)
    info = run_to_end(qtbot, controller, tutorial(), {"number_1": 1, "number_2": 2})

    assert rec.off_main_thread == []
    assert info.status == "succeeded" and not controller.is_running
    names = [n for n, _ in rec.events]
    assert names[0] == "started" and names[-1] == "finished"
    assert rec.of("running_changed") == [(True,), (False,)]
    for task in TASKS:
        assert rec.states(task) == ["running", "succeeded"]
        assert info.tasks[task].duration is not None and info.tasks[task].duration > 0
    assert rec.lines("number_1_result") == ["1"]
    assert rec.lines("number_2_result") == ["2"]
    assert rec.lines("sum_result") == ["3"]
    assert info.tasks["number_1_result"].outputs == {"Output": "1"}
    assert info.tasks["number_2_result"].outputs == {"Output": "2"}
    assert info.tasks["sum_result"].outputs == {}
    # The sum's line comes after both its inputs finished (order is kept across kinds).
    order = [(n, a) for n, a in rec.events if n in ("task_changed", "log_lines")]
    sum_line = next(i for i, (n, a) in enumerate(order)
                    if n == "log_lines" and any(t == "sum_result" for t, *_ in a[0]))
    done = [i for i, (n, a) in enumerate(order)
            if n == "task_changed" and a == ("number_1_result", "succeeded")
            or a == ("number_2_result", "succeeded")]
    assert len(done) == 2 and max(done) < sum_line
    run_dir = rec.of("run_dir_known")[0][0]
    assert info.run_dir == run_dir and os.path.isfile(os.path.join(run_dir, "run.json"))
    assert "sum_result" in os.listdir(os.path.join(run_dir, "tasks"))


def test_rerun_reuses_the_cache_unless_told_not_to(qtbot, run_options):
    controller = RunController(run_options)
    first = run_to_end(qtbot, controller, tutorial(), {"number_1": 4, "number_2": 5})
    assert first.status == "succeeded"
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.finished, timeout=60000) as blocker:
        assert controller.rerun()
    again = blocker.args[0]
    assert again is not first and again.params == {"number_1": 4, "number_2": 5}
    assert [again.tasks[t].state for t in TASKS] == ["cached"] * 3
    assert again.tasks["number_2_result"].outputs == {"Output": "5"}
    # Nothing ran: each task replays the log of the run that made its outputs, marked.
    first_id = Path(first.run_dir).name
    batches = [line for batch in rec.of("log_lines") for line in batch[0]]
    sum_lines = [(stream, line) for tid, _n, stream, line in batches if tid == "sum_result"]
    assert sum_lines == [("info", f"cached from run {first_id}; its log:"),
                         ("cached-stdout", "9")]
    assert again.tasks["sum_result"].cached_run == first_id

    controller.use_cache = False
    with qtbot.waitSignal(controller.finished, timeout=60000) as blocker:
        assert controller.rerun()
    assert [blocker.args[0].tasks[t].state for t in TASKS] == ["succeeded"] * 3


def test_bad_parameters_and_broken_pipelines_are_refused_before_anything_runs(
        qtbot, run_options, tmp_path):
    controller = RunController(run_options)
    rec = Recorder(controller)
    assert not controller.start(tutorial(), {"number_1": "one", "number_2": 2})
    assert not controller.start(tutorial(), {"number_1": 1})
    broken = tutorial()
    broken.tasks[2].arguments.clear()
    assert not controller.start(broken, {"number_1": 1, "number_2": 2})
    messages = [a[0] for a in rec.of("failed")]
    assert len(messages) == 3
    assert "number_1" in messages[0] and "integer" in messages[0]
    assert "missing parameter `number_2`" in messages[1]
    assert "the pipeline has errors" in messages[2]
    assert rec.of("started") == [] and not controller.is_running
    assert not (tmp_path / "runs").exists()
    assert not controller.rerun()  # nothing ran yet


def test_a_failed_task_skips_what_depends_on_it(qtbot, run_options):
    pipeline = build("p", {"fail": FAIL, "add": ADD},
                     [("fail", "fail", {"x": 3}), ("after", "add", {"a": "@fail.Output", "b": 1}),
                      ("alone", "add", {"a": 1, "b": 2})])
    controller = RunController(run_options)
    rec = Recorder(controller)
    info = run_to_end(qtbot, controller, pipeline, {})
    assert info.status == "failed"
    assert info.tasks["fail"].state == "failed" and "bad value 3" in info.tasks["fail"].error
    assert rec.states("after") == ["skipped"]
    assert "fail" in info.tasks["after"].error
    assert info.tasks["alone"].state == "succeeded" and info.tasks["alone"].outputs == {
        "Output": "3"}
    assert any("ValueError: bad value 3" in line for line in rec.lines("fail"))


def test_stop_returns_at_once_and_kills_the_running_task(qtbot, run_options):
    pipeline = build("p", {"sleeper": SLEEPER, "add": ADD},
                     [("sleeper", "sleeper", {"seconds": 300}),
                      ("after", "add", {"a": "@sleeper.Output", "b": 1})])
    controller = RunController(run_options)
    rec = Recorder(controller)
    assert controller.start(pipeline, {})
    qtbot.waitUntil(lambda: "started" in rec.lines("sleeper"), timeout=30000)
    pid = _task_pid(controller)
    controller.stop()
    with qtbot.waitSignal(controller.finished, timeout=15000) as blocker:
        pass
    info = blocker.args[0]
    assert info.status == "cancelled"
    assert info.tasks["sleeper"].state == "cancelled"
    assert info.tasks["after"].state == "skipped"
    qtbot.waitUntil(lambda: not alive(pid), timeout=15000)


def _task_pid(controller) -> int:
    """The pid of the sleeper's process group leader, from its TASK_STARTED record."""
    procs = controller._runner._procs.live_pids()
    assert procs, "the task has no live process"
    return procs[0]


def test_shutdown_stops_the_run_and_ignores_late_events(qtbot, run_options):
    pipeline = build("p", {"sleeper": SLEEPER}, [("sleeper", "sleeper", {"seconds": 300})])
    controller = RunController(run_options)
    rec = Recorder(controller)
    assert controller.start(pipeline, {})
    qtbot.waitUntil(lambda: "started" in rec.lines("sleeper"), timeout=30000)
    pid = _task_pid(controller)
    controller.shutdown()
    assert not controller.is_running
    count = len(rec.events)
    assert controller.wait(15)  # the run thread ends: its task was killed
    QCoreApplication.processEvents()   # queued wake-ups, if any, are delivered now
    assert len(rec.events) == count
    assert rec.of("finished") == []
    assert not alive(pid)


def test_an_engine_error_still_finishes_the_run(qtbot, run_options, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "something").write_text("x")

    def options():
        opts = run_options()
        opts.run_dir = taken   # not empty: the engine refuses it once the run starts
        return opts

    controller = RunController(options)
    info = run_to_end(qtbot, controller, tutorial(), {"number_1": 1, "number_2": 2})
    assert info.status == "failed" and "not empty" in info.error
    assert not controller.is_running


def test_a_flood_of_log_lines_arrives_whole_and_in_order(qtbot, run_options):
    lines = 60000
    pipeline = build("p", {"chatty": CHATTY}, [("chatty", "chatty", {"lines": lines})])
    controller = RunController(run_options)
    panel = RunPanel()
    panel.bind(controller)
    panel.resize(900, 400)
    panel.show()
    qtbot.addWidget(panel)
    rec = Recorder(controller)
    info = run_to_end(qtbot, controller, pipeline, {})
    assert info.status == "succeeded"
    got = rec.lines("chatty")
    assert len(got) == lines and got[0] == "line 0" and got[-1] == f"line {lines - 1}"
    assert got == [f"line {i}" for i in range(lines)]
    # The panel keeps the last LOG_LIMIT lines, in order.
    text = panel.log_text().splitlines()
    assert len(text) == LOG_LIMIT
    assert text[-1].endswith(f"line {lines - 1}") and text[0].endswith(f"line {lines - LOG_LIMIT}")


def test_the_event_loop_keeps_turning_while_a_task_floods_its_log(qtbot, run_options):
    """The worst case, made to happen: the GUI thread is busy (here: blocked until the run
    ends) while a task prints 20000 lines, so every event waits in the inbox at once. The
    controller hands them over in slices of EVENTS_PER_TURN, and whatever else is queued
    runs between two slices, not after the whole flood. (How long the window waits
    between turns is measured in tests/bench/run_bench.py.)"""
    lines = 20000
    pipeline = build("p", {"chatty": CHATTY}, [("chatty", "chatty", {"lines": lines})])
    controller = RunController(run_options)
    rec = Recorder(controller)
    between: list[int] = []   # batches delivered when an event queued after a batch ran

    def batch_arrived(_batch):
        QTimer.singleShot(0, lambda: between.append(len(rec.of("log_lines"))))
    controller.log_lines.connect(batch_arrived)
    assert controller.start(pipeline, {})
    assert controller.wait(120)            # the run thread ends; nothing was drained yet
    assert rec.of("log_lines") == [] and rec.of("finished") == []
    with qtbot.waitSignal(controller.finished, timeout=60000):
        pass
    assert rec.lines("chatty") == [f"line {i}" for i in range(lines)]
    batches = len(rec.of("log_lines"))
    assert lines // EVENTS_PER_TURN <= batches <= lines // EVENTS_PER_TURN + 2, batches
    qtbot.waitUntil(lambda: len(between) == batches)
    assert between[0] < batches            # other events ran before the last slice
    assert between == sorted(between)


def test_parameters_reach_the_tasks_as_typed_values(qtbot, run_options):
    pipeline = build("p", {"add": ADD}, [("add", "add", {"a": "$a", "b": "$b"})],
                     params=[PipelineParam("a", "int"), PipelineParam("b", "int", 10, True)])
    controller = RunController(run_options)
    rec = Recorder(controller)
    info = run_to_end(qtbot, controller, pipeline, {"a": 32})
    assert info.tasks["add"].outputs == {"Output": "42"} and rec.lines("add") == ["42"]
