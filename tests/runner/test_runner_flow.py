"""Control flow in local runs (`kfp-designer run` on kfp 2 Python files): conditions,
loops, collected outputs, OneOf, exit handlers."""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from designer.cli import main
from designer.inputs import load_project
from designer.runner import Runner
from designer.runner.events import Kind, Status
from designer.runner.flow import FlowError, compare
from tests.runner.runner_helpers import read_pids, wait_dead

HEAD = "from typing import List\nfrom kfp import dsl\n\n"
COMPONENTS = '''
@dsl.component
def number(n: int) -> int:
    return n


@dsl.component
def add(a: int, b: int) -> int:
    print(a + b)
    return a + b


@dsl.component
def say(text: str):
    print(text)


@dsl.component
def total(values: List[int]) -> int:
    print("types", ",".join(type(v).__name__ for v in values))
    return sum(values)
'''


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pipeline.py"
    path.write_text(HEAD + COMPONENTS + body, encoding="utf-8")
    return path


def run(capsys, tmp_path: Path, source: Path, *args: str) -> tuple[int, str, dict, Path]:
    code = main(["run", str(source), "--workdir", str(tmp_path / "runs"), *args])
    out, _ = capsys.readouterr()
    run_dir, = (tmp_path / "runs").iterdir()
    doc = json.loads((run_dir / "run.json").read_text())
    # By the name the console shows: `d`, and `d[0]`, `d[1]`... for its iterations.
    shown = {t["name"] + "".join(f"[{i}]" for i in t["iteration"] or ()): t for t in doc["tasks"]}
    return code, out, shown | {"": doc}, run_dir


def status_of(tasks: dict, name: str) -> str:
    return tasks[name]["status"]


CONDITIONS = '''
@dsl.pipeline(name="branches")
def branches(x: int, y: int):
    n1 = number(n=x)
    n2 = number(n=y)
    with dsl.If(n1.output < n2.output):
        s = add(a=n1.output, b=n2.output)
        after_s = say(text="after").after(s)
    with dsl.Elif(n1.output == n2.output):
        equal = say(text="equal")
    with dsl.Else():
        other = say(text="otherwise")
'''


@pytest.mark.parametrize("x,y,ran", [(3, 2, "other"), (2, 3, "s"), (2, 2, "equal")])
def test_if_elif_else_runs_the_branch_the_values_choose(capsys, tmp_path, isolated_cache,
                                                          x, y, ran):
    code, out, tasks, _ = run(capsys, tmp_path, write(tmp_path, CONDITIONS),
                              "-p", f"x={x}", "-p", f"y={y}")
    assert code == 0, out
    assert tasks[""]["status"] == "succeeded"
    branch_tasks = {"s", "after_s", "equal", "other"}
    taken = {"s", "after_s"} if ran == "s" else {ran}
    for name in branch_tasks:
        assert status_of(tasks, name) == ("succeeded" if name in taken else "condition_false")
    for name in branch_tasks - taken:
        assert re.search(rf"\[{name}\]\s+skipped \(condition false\)", out), out
    if ran == "other":
        assert "`3 < 2` is false" in out and "an earlier branch ran" not in out
        assert tasks["s"]["error"] == "`3 < 2` is false"
    if ran == "s":
        assert re.search(r"\[s\]\s+5$", out, re.M)
        assert "an earlier branch ran (`2 < 3` is true)" in tasks["equal"]["error"]


def test_conditions_compare_typed_values_as_kfp_2_does():
    # An int output is compared as a number ("10" < "9" as text would be true).
    assert compare(10, ">", 9) and not compare(10, "<", 9)
    assert compare(2, "==", 2.0) and compare("10", "<", "9")
    assert compare("3", "==", 3)     # a number against text: as text, as kfp 2 casts
    assert compare(True, "==", True) and not compare(True, "==", 1)
    with pytest.raises(FlowError):
        compare({"a": 1}, "<", {"b": 2})


LOOPS = '''
@dsl.pipeline(name="loops")
def loops(items: List[int] = [1, 2, 3]):
    with dsl.ParallelFor(items, parallelism=2) as n:
        d = add(a=n, b=n)
    t = total(values=dsl.Collected(d.output))
    with dsl.ParallelFor([{"text": "a", "n": 2}, {"text": "b", "n": 30}]) as item:
        g = add(a=item.n, b=1)
        with dsl.If(g.output > 5):
            big = say(text=item.text)
'''


def test_parallel_for_runs_iterations_and_collected_keeps_int_types(capsys, tmp_path,
                                                                   isolated_cache):
    code, out, tasks, run_dir = run(capsys, tmp_path, write(tmp_path, LOOPS),
                                    "-p", "items=[5, 6, 7, 8]", "-j", "3")
    assert code == 0, out
    # One record, folder and console line per iteration; the task's record sums them up.
    assert [tasks[f"d[{i}]"]["outputs"]["Output"] for i in range(4)] == ["10", "12", "14", "16"]
    assert {tasks[f"d[{i}]"]["iteration"][0] for i in range(4)} == {0, 1, 2, 3}
    assert sorted(p.name for p in (run_dir / "tasks").iterdir() if p.name.startswith("d-")) == \
        ["d-0", "d-1", "d-2", "d-3"]
    assert (run_dir / "tasks/d-2/outputs/Output/data").read_text() == "14"
    for i in range(4):
        assert re.search(rf"^\[d\[{i}\]\]\s+succeeded", out, re.M), out
    assert tasks["d"]["status"] == "succeeded" and re.search(r"\[d\]\s+succeeded.*4 iterations",
                                                             out)
    # Collected: a list of ints, not floats (kfp.local gives [10.0, ...]).
    assert tasks["t"]["inputs"]["values"] == "[10, 12, 14, 16]"
    assert re.search(r"\[t\]\s+types int,int,int,int", out)
    assert tasks["t"]["outputs"]["Output"] == "52"
    # Dict items: fields per iteration; a condition inside the loop per iteration.
    assert tasks["g[0]"]["inputs"] == {"a": "2", "b": "1"}
    assert tasks["g[1]"]["outputs"]["Output"] == "31"
    assert tasks["big[0]"]["status"] == "condition_false" and tasks["big[0]"]["error"] == \
        "`3 > 5` is false"
    assert tasks["big[1]"]["status"] == "succeeded"
    assert re.search(r"^\[big\[1\]\]\s+b$", out, re.M)


def test_parallelism_limits_iterations_running_at_once(options, tmp_path):
    source = HEAD + '''
@dsl.component
def hold(n: int, folder: str) -> int:
    import os, time
    mark = os.path.join(folder, f"run-{n}")
    open(mark, "w").close()
    time.sleep(0.3)
    running = len([f for f in os.listdir(folder) if f.startswith("run-")])
    os.remove(mark)
    return running


@dsl.pipeline(name="limit")
def limit(folder: str):
    with dsl.ParallelFor([1, 2, 3, 4, 5, 6], parallelism=2) as n:
        hold(n=n, folder=folder)
'''
    path = tmp_path / "limit.py"
    path.write_text(source)
    pipeline = load_project(path).pipeline
    (tmp_path / "marks").mkdir()
    events = []
    result = Runner(pipeline, {"folder": str(tmp_path / "marks")},
                    options(jobs=4, use_cache=False), on_event=events.append).run()
    assert result.ok
    counts = [int(r.outputs["Output"]) for r in result.tasks.values() if r.iteration]
    assert len(counts) == 6 and max(counts) <= 2
    progress = [(e.data["done"], e.data["total"]) for e in events if e.kind == Kind.LOOP_PROGRESS]
    assert progress[-1] == (6, 6)


ONE_OF_AND_EXIT = '''
@dsl.component
def fail_if_big(n: int, limit: int) -> int:
    if n > limit:
        raise SystemExit(3)
    return n


@dsl.pipeline(name="exits")
def exits(x: int):
    bye = say(text="cleaning up")
    with dsl.ExitHandler(bye):
        n = number(n=x)
        with dsl.ParallelFor([1, 2]) as i:
            fail_if_big(n=i, limit=x)
    with dsl.If(n.output > 1):
        a = number(n=10)
    with dsl.Else():
        b = number(n=20)
    shown = add(a=dsl.OneOf(a.output, b.output), b=0)
'''


@pytest.mark.parametrize("x,value,code", [(1, "20", 1), (2, "10", 0)])
def test_one_of_takes_the_branch_that_ran_and_exit_handlers_run_anyway(
        capsys, tmp_path, isolated_cache, x, value, code):
    got, out, tasks, _ = run(capsys, tmp_path, write(tmp_path, ONE_OF_AND_EXIT), "-p", f"x={x}")
    assert got == code, out
    assert tasks["shown"]["outputs"]["Output"] == value
    # The exit task runs after everything in its handler, failed or not.
    assert tasks["bye"]["status"] == "succeeded"
    assert re.search(r"\[bye\]\s+cleaning up", out)
    assert out.index("[bye]") > max(out.index("[fail_if_big_task[1]]"), out.index("[n] "))
    assert status_of(tasks, "fail_if_big_task") == ("failed" if x == 1 else "succeeded")


def test_an_exit_handler_runs_after_a_cancel(options, tmp_path):
    pid_file = tmp_path / "pids"
    source = HEAD + f'''
@dsl.component
def sleeper(pid_file: str) -> int:
    import os, time
    with open(pid_file + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(pid_file + ".tmp", pid_file)
    time.sleep(120)
    return 1


@dsl.component
def cleanup() -> str:
    return "cleaned"


@dsl.pipeline(name="stopped")
def stopped():
    c = cleanup()
    with dsl.ExitHandler(c):
        s = sleeper(pid_file={str(pid_file)!r})
        never = sleeper(pid_file="x").after(s)
'''
    path = tmp_path / "stopped.py"
    path.write_text(source)
    runner = Runner(load_project(path).pipeline, {}, options(use_cache=False))
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", runner.run()))
    thread.start()
    pids = read_pids(pid_file)
    runner.cancel()
    thread.join(60)            # a hang guard
    assert not thread.is_alive()
    result = box["result"]
    assert result.status == Status.CANCELLED
    assert result.by_name("s").status == Status.CANCELLED
    assert result.by_name("never").status == Status.SKIPPED
    assert result.by_name("c").status == Status.SUCCEEDED
    assert result.by_name("c").outputs["Output"] == "cleaned"
    assert wait_dead(pids) == []


FIGURES = '''
@dsl.component
def fail_if_big(n: int, limit: int) -> int:
    if n > limit:
        raise SystemExit(3)
    return n


@dsl.pipeline(name="figures")
def figures():
    with dsl.ParallelFor([1, 2, 3]) as outer:
        with dsl.ParallelFor([{"n": 1}, {"n": 5}]) as inner:
            f = fail_if_big(n=inner.n, limit=outer)
            s = say(text="ok").after(f)
'''


def test_loop_groups_report_iterations_done_and_failed_and_each_iteration_its_item(
        options, tmp_path):
    path = tmp_path / "figures.py"
    path.write_text(HEAD + COMPONENTS + FIGURES)
    pipeline = load_project(path).pipeline
    outer, inner = (g.id for g in pipeline.groups)
    events = []
    result = Runner(pipeline, {}, options(jobs=2, use_cache=False),
                    on_event=events.append).run()
    assert not result.ok
    figures: dict[str, list[tuple[int, int, int]]] = {outer: [], inner: []}
    for e in events:
        if e.kind == Kind.LOOP_ITERATIONS:
            figures[e.data["loop"]].append((e.data["done"], e.data["failed"], e.data["total"]))
    # Announced when known (nothing done yet), then only changes, counting up to the end.
    assert figures[outer][0] == (0, 0, 3) and figures[inner][0][0] == 0
    for seen in figures.values():
        assert len(set(seen)) == len(seen)
        assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    # The inner loop: 2 iterations in each of 3 outer ones; `5 > outer` fails in all three
    # (its `say` is then skipped: the iteration is done, and failed).
    assert figures[inner][-1] == (6, 3, 6)
    # An outer iteration holding a failed inner one failed too.
    assert figures[outer][-1] == (3, 3, 3)
    # Every event of an iteration names its task, indices and item (JSON text).
    started = {(tuple(e.data["iteration"]), e.data["item"]) for e in events
               if e.kind == Kind.TASK_STARTED and e.data.get("task") == pipeline.tasks[0].id}
    assert started == {((o, i), item) for o in range(3)
                       for i, item in enumerate(('{"n": 1}', '{"n": 5}'))}


def test_a_breakpoint_pauses_each_iteration_and_releases_them_all(options, tmp_path):
    path = tmp_path / "pipeline.py"
    path.write_text(HEAD + COMPONENTS + '''
@dsl.pipeline(name="paused")
def paused():
    with dsl.ParallelFor([1, 2, 3]) as n:
        d = add(a=n, b=n)
''')
    pipeline = load_project(path).pipeline
    from designer.runner.gate import PauseGate
    task_id = pipeline.tasks[0].id
    gate = PauseGate(breakpoints={task_id})
    events, paused = [], threading.Event()

    def on_event(e):
        events.append(e)
        if e.kind == Kind.TASK_PAUSED and \
                sum(1 for x in events if x.kind == Kind.TASK_PAUSED) == 3:
            paused.set()

    runner = Runner(pipeline, {}, options(jobs=3, use_cache=False), on_event=on_event,
                    gate=gate)
    thread = runner.start()
    assert paused.wait(120)
    # Three iterations wait at once, each under its own key.
    assert gate.paused == {f"{task_id}#{i}" for i in range(3)}
    gate.resume()
    thread.join(120)
    assert not thread.is_alive() and runner.result.ok
    resumed = [tuple(e.data["iteration"]) for e in events if e.kind == Kind.TASK_RESUMED]
    assert sorted(resumed) == [(0,), (1,), (2,)]
