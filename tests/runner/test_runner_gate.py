"""Pausing a run before tasks (runner/gate.py): step-through, breakpoints, cancel while
paused. The test thread plays the person: it waits for the pause, checks what the engine
reported, and releases the task."""
from __future__ import annotations

import queue

from designer.ir import PipelineParam
from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from designer.runner.gate import PauseGate
from tests.runner.runner_helpers import ADD, build


def chain():
    return build("chain", {"add": ADD}, [
        ("first", "add", {"a": "$x", "b": 1}),
        ("second", "add", {"a": "@first.Output", "b": 10}),
        ("third", "add", {"a": "@second.Output", "b": 100}),
    ], params=[PipelineParam("x", "int")])


class Watcher:
    """Events of a run, the pauses also in a queue the test waits on."""

    def __init__(self):
        self.events = []
        self.pauses: queue.Queue = queue.Queue()

    def __call__(self, event):
        self.events.append(event)
        if event.kind == Kind.TASK_PAUSED:
            self.pauses.put(event)

    def next_pause(self):
        return self.pauses.get(timeout=120)

    def kinds_of(self, name: str) -> list[Kind]:
        return [e.kind for e in self.events if e.task_name == name]


def test_step_pauses_before_every_task_with_its_resolved_inputs(options):
    gate, watch = PauseGate(step=True), Watcher()
    runner = Runner(chain(), {"x": "5"}, options(jobs=1), on_event=watch, gate=gate)
    thread = runner.start()
    seen = []
    for expected in ({"a": "5", "b": "1"}, {"a": "6", "b": "10"}, {"a": "16", "b": "100"}):
        pause = watch.next_pause()
        # Nothing of this task has started while it is paused.
        assert Kind.TASK_STARTED not in watch.kinds_of(pause.task_name)
        assert pause.data["inputs"] == expected
        assert gate.paused == {pause.task_id}
        seen.append(pause.task_name)
        gate.step()
    thread.join(120)
    assert seen == ["first", "second", "third"]
    assert runner.result.status == Status.SUCCEEDED
    assert runner.result.by_name("third").outputs["Output"] == "116"
    # Paused, resumed, then started: in that order for each task.
    kinds = watch.kinds_of("second")
    assert kinds.index(Kind.TASK_PAUSED) < kinds.index(Kind.TASK_RESUMED) \
        < kinds.index(Kind.TASK_STARTED)


def test_a_breakpoint_pauses_a_normal_run_and_resume_runs_the_rest(options):
    gate, watch = PauseGate(breakpoints={"third"}), Watcher()
    runner = Runner(chain(), {"x": "1"}, options(), on_event=watch, gate=gate)
    thread = runner.start()
    pause = watch.next_pause()
    assert pause.task_name == "third" and pause.data["inputs"] == {"a": "12", "b": "100"}
    # The tasks before the breakpoint have finished; the one at it has not started.
    assert Kind.TASK_FINISHED in watch.kinds_of("second")
    assert Kind.TASK_STARTED not in watch.kinds_of("third")
    gate.resume()
    thread.join(120)
    assert runner.result.status == Status.SUCCEEDED
    assert watch.pauses.empty()


def test_continue_after_a_step_stops_pausing(options):
    gate, watch = PauseGate(step=True), Watcher()
    runner = Runner(chain(), {"x": "1"}, options(jobs=1), on_event=watch, gate=gate)
    thread = runner.start()
    assert watch.next_pause().task_name == "first"
    gate.resume()
    thread.join(120)
    assert runner.result.status == Status.SUCCEEDED
    assert watch.pauses.empty()


def test_cancel_while_paused_starts_nothing_more(options):
    gate, watch = PauseGate(breakpoints={"second"}), Watcher()
    runner = Runner(chain(), {"x": "1"}, options(), on_event=watch, gate=gate)
    thread = runner.start()
    assert watch.next_pause().task_name == "second"
    runner.cancel()
    thread.join(120)
    assert not thread.is_alive()
    result = runner.result
    assert result.status == Status.CANCELLED
    assert result.by_name("first").status == Status.SUCCEEDED
    assert result.by_name("second").status == Status.CANCELLED
    assert result.by_name("third").status == Status.SKIPPED
    assert Kind.TASK_STARTED not in watch.kinds_of("second")
