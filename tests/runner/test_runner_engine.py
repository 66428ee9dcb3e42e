"""The run engine, driven through its API: order, failure, timeout, cancel, cache, records."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from designer.ir import PipelineParam
from designer.ir.errors import InputError
from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from tests.runner.runner_helpers import (ADD, SPAWN_AND_SLEEP, build, read_pids, wait_dead,
                                        with_growing_timeout)

FAIL = '''
def explode(x: int) -> int:
    print("about to fail")
    raise RuntimeError(f"boom {x}")
'''


def record_pids(pids: list[int]):
    """An event callback collecting the pid of each task's process (its `sh` wrapper)."""
    def on_event(event):
        if event.kind == Kind.TASK_STARTED:
            pids.append(event.data["pid"])
    return on_event


def chain_pipeline():
    return build("chain", {"add": ADD}, [
        ("first", "add", {"a": "$x", "b": 1}),
        ("second", "add", {"a": "@first.Output", "b": 10}),
        ("third", "add", {"a": "@second.Output", "b": 100}),
    ], params=[PipelineParam("x", "int")])


def test_outputs_flow_downstream_and_records_are_written(options):
    events = []
    result = Runner(chain_pipeline(), {"x": "5"}, options(), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED
    assert [result.by_name(n).outputs["Output"] for n in ("first", "second", "third")] == \
        ["6", "16", "116"]
    # The compiled program got the upstream value on its command line.
    third = result.by_name("third")
    assert third.argv[third.argv.index("--a") + 1] == "16"
    # Output paths live in the run folder, never in /tmp/outputs.
    assert not any("/tmp/outputs" in a for a in third.argv)
    out_file = Path(third.output_files["Output"])
    assert out_file.is_relative_to(result.run_dir) and out_file.read_text() == "116"
    task_dir = result.run_dir / "tasks" / "third"
    assert (task_dir / "stdout.log").read_text() == "116\n"
    record = json.loads((task_dir / "task.json").read_text())
    assert record["exit_code"] == 0 and record["status"] == "succeeded"
    assert record["duration"] > 0 and record["finished"] >= record["started"]
    run = json.loads((result.run_dir / "run.json").read_text())
    assert run["status"] == "succeeded" and run["params"] == {"x": "5"}
    assert [t["name"] for t in run["tasks"]] == ["first", "second", "third"]
    # Events: each task starts, logs its line, then finishes, in dependency order.
    kinds = [(e.kind, e.task_name) for e in events if e.kind != Kind.LOG]
    assert kinds[0][0] == Kind.RUN_STARTED and kinds[-1][0] == Kind.RUN_FINISHED
    starts = [n for k, n in kinds if k == Kind.TASK_STARTED]
    assert starts == ["first", "second", "third"]
    logs = [(e.task_name, e.data["line"]) for e in events if e.kind == Kind.LOG]
    assert logs == [("first", "6"), ("second", "16"), ("third", "116")]
    finished = next(e for e in events if e.kind == Kind.TASK_FINISHED and e.task_name == "third")
    assert finished.data["outputs"] == {"Output": "116"}


def test_tasks_run_in_a_venv_not_the_users_environment(options):
    probe = '''
def probe() -> str:
    import sys
    try:
        import pytest  # installed where the tests run, not in a cluster image
        leaked = "yes"
    except ImportError:
        leaked = "no"
    return f"{sys.prefix != sys.base_prefix} {leaked}"
'''
    result = Runner(build("probe", {"probe": probe}, [("probe", "probe", {})]), {},
                    options()).run()
    assert result.by_name("probe").outputs["Output"] == "True no"


def test_a_failing_task_fails_the_run_and_skips_its_downstream(options):
    pipeline = build("fails", {"add": ADD, "explode": FAIL}, [
        ("bad", "explode", {"x": 7}),
        ("after_bad", "add", {"a": "@bad.Output", "b": 1}),
        ("after_after", "add", {"a": "@after_bad.Output", "b": 1}),
        ("independent", "add", {"a": 1, "b": 2}),
    ])
    events = []
    result = Runner(pipeline, {}, options(), on_event=events.append).run()
    assert result.status == Status.FAILED
    bad = result.by_name("bad")
    assert bad.status == Status.FAILED and bad.exit_code == 1
    assert "RuntimeError: boom 7" in bad.error
    log_dir = result.run_dir / "tasks" / "bad"
    assert "RuntimeError: boom 7" in (log_dir / "stderr.log").read_text()
    assert (log_dir / "stdout.log").read_text() == "about to fail\n"
    for name in ("after_bad", "after_after"):
        assert result.by_name(name).status == Status.SKIPPED
    assert "bad" in result.by_name("after_bad").error
    # Independent branches go on, as on a cluster.
    assert result.by_name("independent").status == Status.SUCCEEDED
    skipped = {e.task_name for e in events if e.kind == Kind.TASK_SKIPPED}
    assert skipped == {"after_bad", "after_after"}


def test_a_timeout_kills_the_whole_process_tree(options, tmp_path):
    pid_file = tmp_path / "pids"
    pipeline = build("slow", {"spawn_and_sleep": SPAWN_AND_SLEEP, "add": ADD}, [
        ("slow", "spawn_and_sleep", {"pid_file": str(pid_file), "seconds": 120.0}),
        ("after", "add", {"a": "@slow.Output", "b": 1}),
    ])
    started = []
    timeout, result = with_growing_timeout(   # (how soon a timeout kills: run_bench.py)
        lambda t: Runner(pipeline, {}, options(timeout=t), on_event=record_pids(started)).run(),
        pid_file)
    slow = result.by_name("slow")
    assert slow.status == Status.FAILED and f"timed out after {timeout:g} s" in slow.error
    assert result.by_name("after").status == Status.SKIPPED
    pids = read_pids(pid_file) + started
    assert len(pids) >= 4   # (the last run's three and each run's task process)
    assert wait_dead(pids) == []


def test_cancel_kills_running_tasks_and_skips_the_rest(options, tmp_path):
    pid_files = [tmp_path / "p1", tmp_path / "p2"]
    pipeline = build("cancel", {"spawn_and_sleep": SPAWN_AND_SLEEP, "add": ADD}, [
        ("one", "spawn_and_sleep", {"pid_file": str(pid_files[0]), "seconds": 120.0}),
        ("two", "spawn_and_sleep", {"pid_file": str(pid_files[1]), "seconds": 120.0}),
        ("later", "add", {"a": "@one.Output", "b": "@two.Output"}),
    ])
    started = []
    runner = Runner(pipeline, {}, options(jobs=2), on_event=record_pids(started))
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", runner.run()))
    thread.start()
    pids = read_pids(pid_files[0]) + read_pids(pid_files[1])
    runner.cancel()
    thread.join(60)            # a hang guard; how soon cancel returns: tests/bench/run_bench.py
    assert not thread.is_alive()
    result = box["result"]
    assert result.status == Status.CANCELLED
    assert {result.by_name(n).status for n in ("one", "two")} == {Status.CANCELLED}
    assert result.by_name("later").status == Status.SKIPPED
    assert wait_dead(pids + started) == []


def test_processes_left_behind_by_a_finished_task_are_killed(options, tmp_path):
    leaver = '''
def leave_a_child(pid_file: str) -> int:
    import subprocess
    child = subprocess.Popen(["sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(pid_file, "w") as f:
        f.write(str(child.pid))
    return 0
'''
    pid_file = tmp_path / "pid"
    result = Runner(build("leaver", {"leave_a_child": leaver},
                          [("leaver", "leave_a_child", {"pid_file": str(pid_file)})]),
                    {}, options()).run()
    assert result.status == Status.SUCCEEDED
    assert wait_dead(read_pids(pid_file)) == []


def test_cache_reuses_outputs_unless_disabled_or_inputs_change(options):
    counter = '''
def stamp(x: int) -> str:
    import time
    return f"{x}@{time.time_ns()}"
'''
    pipeline = build("cached", {"stamp": counter}, [("stamp", "stamp", {"x": "$x"})],
                     params=[PipelineParam("x", "int")])
    first = Runner(pipeline, {"x": 1}, options()).run().by_name("stamp")
    events = []
    again = Runner(pipeline, {"x": 1}, options(), on_event=events.append).run()
    hit = again.by_name("stamp")
    assert hit.status == Status.CACHED and hit.outputs == first.outputs
    assert Path(hit.output_files["Output"]).read_text() == first.outputs["Output"]
    assert hit.cached_from == str(Path(first.folder).parents[1])
    assert [e.kind for e in events if e.task_name == "stamp"] == [Kind.TASK_CACHED]
    assert again.status == Status.SUCCEEDED
    fresh = Runner(pipeline, {"x": 1}, options(use_cache=False)).run().by_name("stamp")
    assert fresh.status == Status.SUCCEEDED and fresh.outputs != first.outputs
    other = Runner(pipeline, {"x": 2}, options()).run().by_name("stamp")
    assert other.status == Status.SUCCEEDED and other.outputs["Output"].startswith("2@")


def test_a_changed_component_is_not_served_from_cache(options):
    p1 = build("v", {"add": ADD}, [("t", "add", {"a": 1, "b": 2})])
    Runner(p1, {}, options()).run()
    p2 = build("v", {"add": ADD.replace("print(a + b)", "print('changed', a + b)")},
               [("t", "add", {"a": 1, "b": 2})])
    assert Runner(p2, {}, options()).run().by_name("t").status == Status.SUCCEEDED


def test_bad_parameters_are_refused_before_anything_runs(options, tmp_path):
    with pytest.raises(InputError) as e:
        Runner(chain_pipeline(), {"x": "five"}, options())
    assert "`x`" in str(e.value) and "integer" in str(e.value) and "five" in str(e.value)
    with pytest.raises(InputError) as e:
        Runner(chain_pipeline(), {}, options())
    assert "missing parameter `x` (int)" in str(e.value)
    assert not (tmp_path / "runs").exists()


def test_a_pipeline_with_errors_is_refused(options):
    pipeline = build("broken", {"add": ADD}, [("t", "add", {"a": 1})])  # b is missing
    with pytest.raises(InputError, match="required input `b` has no value"):
        Runner(pipeline, {}, options())


def test_quitting_the_app_mid_run_leaves_no_process_behind(tmp_path, venvs_dir):
    pid_file = tmp_path / "pids"
    script = tmp_path / "app.py"
    script.write_text(f'''
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from designer.runner.engine import Runner, RunOptions
from tests.runner.runner_helpers import SPAWN_AND_SLEEP, build, read_pids
pipeline = build("quit", {{"spawn_and_sleep": SPAWN_AND_SLEEP}},
                 [("hang", "spawn_and_sleep", {{"pid_file": {str(pid_file)!r}, "seconds": 120.0}})])
runner = Runner(pipeline, {{}}, RunOptions(runs_dir={str(tmp_path / "runs")!r},
                cache_dir={str(tmp_path / "cache")!r}, venvs_dir={str(venvs_dir)!r}))
runner.start()
read_pids(__import__("pathlib").Path({str(pid_file)!r}))
print("quitting", flush=True)
''')
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "quitting"
    assert wait_dead(read_pids(pid_file)) == []


def test_named_outputs_optional_inputs_and_after(options):
    split = '''
def split(text: str, upper: bool = False) -> NamedTuple("Outputs", [("head", str), ("count", int)]):
    from collections import namedtuple
    words = text.split()
    head = words[0].upper() if upper else words[0]
    return namedtuple("Outputs", ["head", "count"])(head, len(words))
'''
    show = '''
def show(head: str, count: int, suffix: str = "!") -> str:
    return head * count + suffix
'''
    pipeline = build("named", {"split": split, "show": show}, [
        ("s1", "split", {"text": "ab cd ef"}),
        ("s2", "split", {"text": "xy z", "upper": True}),
        ("show1", "show", {"head": "@s1.head", "count": "@s1.count"}),
        ("show2", "show", {"head": "@s2.head", "count": "@s2.count", "suffix": "?"}),
    ])
    pipeline.task_named("show2").after.append("show1")
    events = []
    result = Runner(pipeline, {}, options(), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED
    assert result.by_name("s1").outputs == {"head": "ab", "count": "3"}
    assert result.by_name("s2").outputs == {"head": "XY", "count": "2"}
    assert result.by_name("show1").outputs == {"Output": "ababab!"}
    assert result.by_name("show2").outputs == {"Output": "XYXY?"}
    # Inputs left at their default are not passed: the function's default applies.
    assert "--upper" not in result.by_name("s1").argv
    assert "--suffix" not in result.by_name("show1").argv
    # `.after(show1)`: show2 starts only once show1 has finished.
    at = {(e.kind, e.task_name): i for i, e in enumerate(events)}
    assert at[(Kind.TASK_FINISHED, "show1")] < at[(Kind.TASK_STARTED, "show2")]


def test_a_run_folder_that_cannot_be_made_is_an_input_error(options, tmp_path):
    (tmp_path / "afile").write_text("")
    runner = Runner(chain_pipeline(), {"x": 1}, options(runs_dir=tmp_path / "afile" / "runs"))
    with pytest.raises(InputError, match="cannot make the run folder: Not a directory"):
        runner.run()
