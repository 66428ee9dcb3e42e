"""Runs end cleanly whatever happens: repeated Ctrl+C, daemons, a killed CLI (issue 10).

Every check is by pid: the processes a task started are looked up while they run, then
waited for (a condition with a deadline, not a fixed sleep) until none is alive.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from designer import persist
from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from designer.runner.procs import descendants
from tests.runner.runner_helpers import (SPAWN_DEF, build, nested, read_pids, wait_dead,
                                        with_growing_timeout)

REPO = Path(__file__).resolve().parents[2]

# Starts a child in its group, one in a session of its own and a double-forked daemon,
# records all their pids, then sleeps.
SPAWN_ALL = f"""
def spawn_all(pid_file: str, seconds: float) -> int:
{nested(SPAWN_DEF)}
    spawn(pid_file)
    import time
    time.sleep(seconds)
    return 0
"""


def spawn_pipeline(pid_files: list[Path], seconds: float = 120.0):
    return build("spawn", {"spawn_all": SPAWN_ALL}, [
        (f"t{i}", "spawn_all", {"pid_file": str(p), "seconds": seconds})
        for i, p in enumerate(pid_files)])


def started_pids(events: list) -> list[int]:
    return [e.data["pid"] for e in events if e.kind == Kind.TASK_STARTED]


def test_a_daemon_does_not_outlive_its_finished_task(options, tmp_path):
    events = []
    result = Runner(spawn_pipeline([tmp_path / "p"], seconds=0.0), {}, options(),
                    on_event=events.append).run()
    assert result.status == Status.SUCCEEDED
    pids = read_pids(tmp_path / "p")
    assert len(pids) == 4
    assert wait_dead(pids + started_pids(events)) == []


def test_a_timeout_ends_the_daemon_too(options, tmp_path):
    events = []
    _timeout, result = with_growing_timeout(
        lambda t: Runner(spawn_pipeline([tmp_path / "p"]), {}, options(timeout=t),
                         on_event=events.append).run(), tmp_path / "p")
    assert "timed out" in result.by_name("t0").error
    assert wait_dead(read_pids(tmp_path / "p") + started_pids(events)) == []


def test_cancel_ends_the_daemons(options, tmp_path):
    pid_files = [tmp_path / "a", tmp_path / "b"]
    events = []
    runner = Runner(spawn_pipeline(pid_files), {}, options(jobs=2), on_event=events.append)
    thread = threading.Thread(target=runner.run)
    thread.start()
    pids = read_pids(pid_files[0]) + read_pids(pid_files[1])
    runner.cancel()
    thread.join(60)
    assert not thread.is_alive()
    assert runner.result.status == Status.CANCELLED
    assert wait_dead(pids + started_pids(events)) == []


def cli(project: Path, tmp_path: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "designer", "run", str(project), "--jobs", "2",
                             "--workdir", str(tmp_path / "runs"), *extra], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def save(tmp_path: Path, pipeline) -> Path:
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(pipeline), path)
    return path


@pytest.mark.parametrize("trial", range(3))
def test_three_ctrl_c_20_ms_apart_end_the_run_cancelled_with_130(tmp_path, isolated_cache,
                                                                trial):
    pid_files = [tmp_path / "a", tmp_path / "b"]
    proc = cli(save(tmp_path, spawn_pipeline(pid_files)), tmp_path)
    try:
        pids = read_pids(pid_files[0]) + read_pids(pid_files[1])
        pids += descendants(proc.pid)   # the supervisors, the tasks' wrappers
        for _ in range(3):               # a person hammering Ctrl+C: the repro's input
            proc.send_signal(signal.SIGINT)
            time.sleep(0.02)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err
    run_dir = next((tmp_path / "runs").iterdir())
    run = json.loads((run_dir / "run.json").read_text())
    assert run["status"] == "cancelled"
    assert [t["status"] for t in run["tasks"]] == ["cancelled", "cancelled"]
    assert "run cancelled" in out
    assert wait_dead(pids) == []


def test_kill_9_of_the_cli_leaves_no_task_process(tmp_path, isolated_cache):
    pid_files = [tmp_path / "a", tmp_path / "b"]
    proc = cli(save(tmp_path, spawn_pipeline(pid_files)), tmp_path)
    try:
        pids = read_pids(pid_files[0]) + read_pids(pid_files[1])
        tree = descendants(proc.pid)
        # The daemons too: the supervisors are subreapers, so they are in the CLI's tree.
        assert set(pids) <= set(tree)
        proc.kill()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert wait_dead(pids + tree, timeout=15) == []


@pytest.mark.parametrize("command, code, error", [
    (["sh", "-c", "exit 3"], 3, "exited with code 3"),
    (["sh", "-c", "echo dying >&2; kill -9 $$"], -9, "exited with code -9: dying"),
    (["no-such-program-here"], 127, "exited with code 127: kfp-designer: cannot run "
                                    "`no-such-program-here`: No such file or directory"),
])
def test_the_task_status_comes_through_its_supervisor(options, command, code, error):
    def provider(pipeline, component):
        return {"name": "c", "implementation": {"container": {"image": "x", "command": command}}}
    pipeline = build("status", {"c": "def c():\n    pass\n"}, [("c", "c", {})])
    rec = Runner(pipeline, {}, options(spec_provider=provider)).run().by_name("c")
    assert rec.status == Status.FAILED
    assert (rec.exit_code, rec.error) == (code, error)


def test_kill_9_of_an_app_running_the_engine_in_a_thread_leaves_no_task_process(tmp_path,
                                                                                venvs_dir):
    """As the designer runs it: Runner.start() in a thread of a process killed by SIGKILL."""
    pid_file = tmp_path / "pids"
    script = tmp_path / "app.py"
    script.write_text(f'''
import sys, time
sys.path.insert(0, {str(REPO)!r})
from designer.runner.engine import Runner, RunOptions
from tests.runner.test_runner_ending import spawn_pipeline
from pathlib import Path
runner = Runner(spawn_pipeline([Path({str(pid_file)!r})]), {{}}, RunOptions(
    runs_dir={str(tmp_path / "runs")!r}, cache_dir={str(tmp_path / "cache")!r},
    venvs_dir={str(venvs_dir)!r}))
runner.start()
time.sleep(600)
''')
    app = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    try:
        pids = read_pids(pid_file)
        tree = descendants(app.pid)
        assert set(pids) <= set(tree)
        app.kill()
        app.wait(30)
    finally:
        if app.poll() is None:
            app.kill()
    assert wait_dead(pids + tree, timeout=15) == []
