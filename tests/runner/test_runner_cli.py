"""`kfp-designer run`, as a person runs it."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from designer import persist
from designer.cli import main
from designer.ir import PipelineParam
from designer.resources_path import resources_dir
from tests.runner.runner_helpers import (ADD, SPAWN_AND_SLEEP, build, read_pids, wait_dead,
                                        with_growing_timeout)

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"
REPO = Path(__file__).resolve().parents[2]
TUTORIAL_PY = (REPO / "tests/data/reference/example_pipeline.py").read_text(encoding="utf-8")


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["run", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def only_run_dir(workdir: Path) -> Path:
    runs = sorted(workdir.iterdir())
    assert len(runs) == 1, runs
    return runs[0]


def save(tmp_path: Path, pipeline, name: str = "p.kfpd") -> Path:
    path = tmp_path / name
    persist.save(persist.Project(pipeline), path)
    return path


def assert_tutorial_ran(code: int, out: str, run_dir: Path) -> None:
    assert code == 0, out
    lines = out.splitlines()
    for task, value in (("number_1_result", "1"), ("number_2_result", "2"), ("sum_result", "3")):
        assert any(re.fullmatch(rf"\[{task}\]\s+{value}", ln) for ln in lines), (task, out)
    # The summary table: one row per task, with status and recorded outputs.
    table = out[out.index("task "):]
    assert re.search(r"number_1_result\s+succeeded\s+\d+\.\d\ds\s+Output=1", table)
    assert re.search(r"number_2_result\s+succeeded\s+\d+\.\d\ds\s+Output=2", table)
    assert re.search(r"sum_result\s+succeeded\s+\d+\.\d\ds\s+-", table)
    tasks = run_dir / "tasks"
    assert (tasks / "number_1_result/outputs/Output/data").read_text() == "1"
    assert (tasks / "number_2_result/outputs/Output/data").read_text() == "2"
    assert (tasks / "sum_result/stdout.log").read_text() == "3\n"
    run = json.loads((run_dir / "run.json").read_text())
    assert run["status"] == "succeeded" and run["params"] == {"number_1": "1", "number_2": "2"}
    assert "argoproj.io/v1alpha1" in (run_dir / "pipeline.yaml").read_text()


def test_tutorial_project_prints_1_2_3(capsys, tmp_path, isolated_cache):
    code, out, _ = run_cli(capsys, EXAMPLE, "--param", "number_1=1", "--param", "number_2=2",
                           "--workdir", tmp_path / "runs")
    assert_tutorial_ran(code, out, only_run_dir(tmp_path / "runs"))


def test_tutorial_python_file_prints_1_2_3(capsys, tmp_path, isolated_cache):
    source = tmp_path / "example_pipeline.py"
    source.write_text(TUTORIAL_PY)
    code, out, _ = run_cli(capsys, source, "-p", "number_1=1", "-p", "number_2=2",
                           "--workdir", tmp_path / "runs")
    assert_tutorial_ran(code, out, only_run_dir(tmp_path / "runs"))


def test_rerun_is_served_from_cache_unless_no_cache(capsys, tmp_path, isolated_cache):
    args = [EXAMPLE, "-p", "number_1=4", "-p", "number_2=5", "--workdir", tmp_path / "runs"]
    assert run_cli(capsys, *args)[0] == 0
    first = only_run_dir(tmp_path / "runs").name
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    # A cached task replays what the run that produced its outputs printed, after a line
    # naming that run, then reports its outputs as a fresh run does.
    # Tasks that run side by side interleave their lines: read number_1's in order.
    lines = [line for line in out.splitlines() if line.startswith("[number_1_result] ")]
    at = lines.index(f"[number_1_result] cached from run {first}; its log:")
    assert lines[at + 1] == "[number_1_result] 4"
    assert re.fullmatch(r"\[number_1_result\] cached \(\d/3\): Output=4", lines[at + 2])
    assert re.search(r"number_2_result\s+cached\s+\d+\.\d\ds\s+Output=5", out)
    assert re.search(r"^\[sum_result\]\s+9$", out, re.M)
    code, out, _ = run_cli(capsys, *args, "--no-cache")
    assert code == 0 and "cached" not in out
    assert re.search(r"\[number_1_result\]\s+4$", out, re.M)


@pytest.mark.parametrize("params, expected", [
    (["number_1=1"], "missing parameter `number_2` (int)"),
    (["number_1=one", "number_2=2"], "parameter `number_1` expects an integer (int), got 'one'"),
    (["number_1=1.5", "number_2=2"], "expects an integer (int), got '1.5'"),
    (["number_1=1", "number_2=2", "number_3=3"], "unknown parameter `number_3`"),
    (["number_1"], "write it as name=value"),
])
def test_bad_parameters_are_refused_before_anything_runs(capsys, tmp_path, isolated_cache,
                                                         params, expected):
    args = [a for p in params for a in ("--param", p)]
    code, out, err = run_cli(capsys, EXAMPLE, *args, "--workdir", tmp_path / "runs")
    assert code == 2
    assert expected in err
    assert out == ""
    assert not (tmp_path / "runs").exists()


def test_typed_parameters_of_each_kind(capsys, tmp_path, isolated_cache):
    show = '''
def show(f: float, b: bool, xs: list, d: dict, s: str) -> str:
    return repr((f, b, xs, d, s))
'''
    pipeline = build("kinds", {"show": show},
                     [("show", "show", {"f": "$f", "b": "$b", "xs": "$xs", "d": "$d", "s": "$s"})],
                     params=[PipelineParam("f", "float"), PipelineParam("b", "bool"),
                             PipelineParam("xs", "list"), PipelineParam("d", "dict"),
                             PipelineParam("s", "str", "dflt", True)])
    project = save(tmp_path, pipeline)
    code, out, err = run_cli(capsys, project, "-p", "f=2.5", "-p", "b=false", "-p", "xs=[1, 2]",
                             "-p", 'd={"k": "v"}', "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    data = only_run_dir(tmp_path / "runs") / "tasks/show/outputs/Output/data"
    assert data.read_text() == repr((2.5, False, [1, 2], {"k": "v"}, "dflt"))
    code, _, err = run_cli(capsys, project, "-p", "f=2.5", "-p", "b=maybe", "-p", "xs=3",
                           "-p", "d=[]", "--workdir", tmp_path / "runs")
    assert code == 2
    assert "`b` expects a boolean (bool: true or false), got 'maybe'" in err
    assert "`xs` expects a JSON list (list, e.g. [1, 2]), got '3'" in err
    assert "`d` expects a JSON dict" in err


def test_failing_task_exits_1_and_keeps_its_log(capsys, tmp_path, isolated_cache):
    fail = '''
def fail(x: int) -> int:
    raise ValueError("bad value %d" % x)
'''
    pipeline = build("fails", {"fail": fail, "add": ADD}, [
        ("fail", "fail", {"x": 3}), ("after", "add", {"a": "@fail.Output", "b": 1})])
    code, out, err = run_cli(capsys, save(tmp_path, pipeline), "--workdir", tmp_path / "runs")
    assert code == 1
    assert re.search(r"\[fail\]\s+ValueError: bad value 3", err)
    assert re.search(r"fail\s+failed\s+\d+\.\d\ds", out)
    assert re.search(r"after\s+skipped\s+-", out)
    log = only_run_dir(tmp_path / "runs") / "tasks/fail/stderr.log"
    assert "ValueError: bad value 3" in log.read_text()


def test_timeout_option(capsys, tmp_path, isolated_cache):
    pid_file = tmp_path / "pids"
    pipeline = build("slow", {"spawn_and_sleep": SPAWN_AND_SLEEP},
                     [("slow", "spawn_and_sleep", {"pid_file": str(pid_file), "seconds": 60.0})])
    project = save(tmp_path, pipeline)
    timeout, (code, out, _) = with_growing_timeout(
        lambda t: run_cli(capsys, project, "--timeout", f"{t:g}", "--workdir", tmp_path / "runs"),
        pid_file)
    assert code == 1
    assert f"timed out after {timeout:g} s" in out
    assert wait_dead(read_pids(pid_file)) == []


def test_fan_out_of_50_tasks_with_2_jobs(capsys, tmp_path, isolated_cache):
    log_dir = tmp_path / "spans"
    log_dir.mkdir()
    work = '''
def work(x: int, i: int, log_dir: str) -> int:
    import os, time
    start = time.time()
    open(os.path.join(log_dir, f"{i}.started"), "w").close()
    # Wait until some other task has started (60 s: a hang guard, not a measurement): with
    # two slots the first two tasks overlap whatever the machine's load.
    guard = time.monotonic() + 60
    while time.monotonic() < guard and not any(
            n.endswith(".started") and n != f"{i}.started" for n in os.listdir(log_dir)):
        time.sleep(0.01)
    with open(os.path.join(log_dir, str(i)), "w") as f:
        f.write(f"{start} {time.time()}")
    return x * 1000 + i
'''
    tasks = [("source", "add", {"a": "$n", "b": 1})]
    tasks += [(f"w{i}", "work", {"x": "@source.Output", "i": i, "log_dir": str(log_dir)})
              for i in range(49)]
    pipeline = build("fan", {"add": ADD, "work": work}, tasks, params=[PipelineParam("n", "int")])
    code, out, _ = run_cli(capsys, save(tmp_path, pipeline), "-p", "n=6", "--jobs", "2",
                           "--workdir", tmp_path / "runs")
    assert code == 0, out
    assert "running 50 tasks, 2 at a time" in out
    run = json.loads((only_run_dir(tmp_path / "runs") / "run.json").read_text())
    assert [t["status"] for t in run["tasks"]] == ["succeeded"] * 50
    assert {t["name"]: t["outputs"].get("Output") for t in run["tasks"]}["w42"] == "7042"
    # Never more than 2 programs at once, and the 2 slots were used.
    spans = [tuple(map(float, p.read_text().split())) for p in log_dir.iterdir()
             if not p.name.endswith(".started")]
    assert len(spans) == 49
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    level, peak = 0, 0
    for _, step in edges:
        level += step
        peak = max(peak, level)
    assert peak == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_the_cli_leaves_no_process_behind(tmp_path, isolated_cache, sig):
    pid_files = [tmp_path / "a", tmp_path / "b"]
    pipeline = build("hang", {"spawn_and_sleep": SPAWN_AND_SLEEP}, [
        (f"t{i}", "spawn_and_sleep", {"pid_file": str(p), "seconds": 120.0})
        for i, p in enumerate(pid_files)])
    project = save(tmp_path, pipeline)
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "designer", "run", str(project), "--jobs", "2",
                             "--workdir", str(tmp_path / "runs")], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        pids = read_pids(pid_files[0]) + read_pids(pid_files[1])
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, (out, err)
    assert re.search(r"t0\s+cancelled", out)
    assert wait_dead(pids) == []
    run = json.loads((only_run_dir(tmp_path / "runs") / "run.json").read_text())
    assert run["status"] == "cancelled"


def test_tasks_run_the_compiled_container_commands(capsys, tmp_path, isolated_cache):
    """The argv of each task is the container command + args of kfp 1.8.9's workflow for
    the tutorial, with its parameters substituted and /tmp/outputs mapped to the run."""
    import yaml
    reference = yaml.safe_load((REPO / "tests/data/reference/example_pipeline.yaml").read_text())
    templates = {t["name"]: t for t in reference["spec"]["templates"]}
    code, out, _ = run_cli(capsys, EXAMPLE, "-p", "number_1=1", "-p", "number_2=2",
                           "--workdir", tmp_path / "runs")
    assert code == 0, out
    run_dir = only_run_dir(tmp_path / "runs")
    recorded = {t["name"]: t for t in json.loads((run_dir / "run.json").read_text())["tasks"]}
    for task, template, values in (
            ("number_1_result", "print-and-return-number", {"number_1": "1"}),
            ("number_2_result", "print-and-return-number-2", {"number_2": "2"}),
            ("sum_result", "sum-and-print-numbers", {"print-and-return-number-Output": "1",
                                                     "print-and-return-number-2-Output": "2"})):
        container = templates[template]["container"]
        expected = []
        for arg in container["command"] + container["args"]:
            for name, value in values.items():
                arg = arg.replace("{{inputs.parameters.%s}}" % name, value)
            arg = arg.replace("/tmp/outputs/", f"{run_dir}/tasks/{task}/outputs/")
            expected.append(arg)
        assert recorded[task]["argv"] == expected, task


def test_tutorial_with_returning_sum_records_output_3(capsys, tmp_path, isolated_cache):
    """The tutorial's "Component Set" version of the sum returns it: the run records 3."""
    source = tmp_path / "example_pipeline.py"
    source.write_text(TUTORIAL_PY.replace(
        "def sum_and_print_numbers(number_1: int, number_2: int):\n"
        "    print(number_1 + number_2)\n",
        "def sum_and_print_numbers(number_1: int, number_2: int) -> int:\n"
        "    sum_num = number_1 + number_2\n    print(sum_num)\n    return sum_num\n"))
    code, out, _ = run_cli(capsys, source, "-p", "number_1=1", "-p", "number_2=2",
                           "--workdir", tmp_path / "runs")
    assert code == 0, out
    assert re.search(r"sum_result\s+succeeded\s+\d+\.\d\ds\s+Output=3", out[out.index("task "):])
    run_dir = only_run_dir(tmp_path / "runs")
    assert (run_dir / "tasks/sum_result/outputs/Output/data").read_text() == "3"
    assert (run_dir / "tasks/sum_result/stdout.log").read_text() == "3\n"


@pytest.mark.parametrize("make, expected", [
    (lambda d: (d / "afile").write_text("x") and d / "afile",
     "kfp-designer: --workdir {}: not a folder"),
    (lambda d: d / "missing" / "runs",
     "kfp-designer: --workdir {}: its parent folder {} does not exist"),
])
def test_a_workdir_that_cannot_hold_runs_is_one_line_and_exit_2(capsys, tmp_path,
                                                                isolated_cache, make, expected):
    workdir = make(tmp_path)
    code, out, err = run_cli(capsys, EXAMPLE, "-p", "number_1=1", "-p", "number_2=2",
                             "--workdir", workdir)
    assert code == 2 and out == ""
    assert err == expected.format(workdir, workdir.parent) + "\n"
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "soon", "1e999"])
def test_a_timeout_that_is_no_duration_is_one_line_and_exit_2(capsys, tmp_path, isolated_cache,
                                                              value):
    code, out, err = run_cli(capsys, EXAMPLE, "-p", "number_1=1", "-p", "number_2=2",
                             f"--timeout={value}", "--workdir", tmp_path / "runs")
    assert code == 2 and out == ""
    assert err == f"kfp-designer: --timeout {value}: give a number of seconds above 0, e.g. 60\n"
    assert not (tmp_path / "runs").exists()



def test_step_pauses_before_each_task_printing_its_inputs(tmp_path, isolated_cache):
    """`run --step` as a person types: Enter twice, then c for the rest."""
    proc = subprocess.run(
        [sys.executable, "-m", "designer", "run", str(EXAMPLE), "--step", "-p", "number_1=3",
         "-p", "number_2=4", "--workdir", str(tmp_path / "runs"), "--no-cache"],
        input="\n\nc\n", capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    paused = re.findall(r"\[(\w+)\]\s+paused before it; its inputs: (.*)", out)
    assert paused == [("number_1_result", "number = 3"), ("number_2_result", "number = 4"),
                      ("sum_result", "number_1 = 3, number_2 = 4")]
    # Each task's output comes after its pause, and before the next pause.
    assert out.index("paused before it; its inputs: number = 3") \
        < out.index("[number_1_result] 3") < out.index("inputs: number = 4")
    assert re.search(r"\[sum_result\]\s+7", out)


def test_break_pauses_before_one_task_and_stops_on_q(tmp_path, isolated_cache):
    proc = subprocess.run(
        [sys.executable, "-m", "designer", "run", str(EXAMPLE), "--break", "sum_result",
         "-p", "number_1=1", "-p", "number_2=2", "--workdir", str(tmp_path / "runs")],
        input="q\n", capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 130, proc.stdout + proc.stderr
    assert re.findall(r"\[(\w+)\]\s+paused before it", proc.stdout) == ["sum_result"]
    run = json.loads((only_run_dir(tmp_path / "runs") / "run.json").read_text())
    assert run["status"] == "cancelled"


def test_an_unknown_breakpoint_is_refused_before_anything_runs(tmp_path, capsys):
    code, _out, err = run_cli(capsys, EXAMPLE, "--break", "nope", "-p", "number_1=1",
                              "-p", "number_2=2", "--workdir", tmp_path / "runs")
    assert code == 2
    assert "--break nope: no such task (the tasks: number_1_result, number_2_result, " \
        "sum_result)" in err
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def test_without_a_terminal_a_step_run_goes_on(tmp_path, isolated_cache):
    proc = subprocess.run(
        [sys.executable, "-m", "designer", "run", str(EXAMPLE), "--step", "-p", "number_1=1",
         "-p", "number_2=2", "--workdir", str(tmp_path / "runs")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.findall(r"\[(\w+)\]\s+paused before it", proc.stdout) == ["number_1_result"]
