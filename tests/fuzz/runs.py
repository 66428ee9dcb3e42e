"""Hostile local runs: seeded pipelines with weird names, huge outputs, failing, hanging
and forking tasks, Unicode everywhere, run by the engine (and now and then by the CLI,
cancelled midway, or run again from the cache), each checked against a model of what the
tasks wrote.

A case is a JSON-able dict (``generate(seed)``); ``check(case, work)`` runs it and returns
what went wrong:

  * no traceback: the engine raises nothing and records no "runner error"; the CLI prints
    none of its own (task tracebacks are the tasks' output, prefixed with their name);
  * no hang: the run ends within its limit, no task outlives its timeout by much;
  * run.json agrees with the result: final statuses only, the run's status follows them;
  * outputs equal what the task wrote: each succeeded task's values and files are the
    model's, in folders of its own inside the run; a failing task fails, what depends on
    it is skipped; a cached rerun gives the same values and replays the same log;
  * nothing survives: every process a forking task started is gone after the run.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from designer.ir import Component, Constant, OutputRef, Pipeline, Task
from designer.ir.errors import InputError
from designer.runner.cache import LOG_LIMIT
from designer.runner.engine import Runner, RunOptions
from designer.runner.events import Kind, Status
from designer.runner.procs import alive
from tests.runner.runner_helpers import SPAWN_DEF, nested

from . import REGRESSIONS, Stats

NAME = "runs"
SAVED = REGRESSIONS / "hostile-runs"   # not .../runs/: .gitignore keeps run folders out
REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 5.0              # per task, for hanging tasks (a loaded 2-core machine needs
                           # seconds for a task with a 300 KiB argument that forks)
RUN_LIMIT = 60.0           # a run taking longer than this is a hang
OVERTIME = 8.0             # a task may take this much over its timeout (kill + grace)
BEHAVIOURS = {             # behaviour -> weight
    "plain": 6, "print": 5, "flood": 2, "badbytes": 2, "huge": 2, "fork": 2, "fail": 2,
    "exit": 2, "hang": 1,
}
FAILING = {"fail", "exit", "hang"}
TASK_NAMES = ["작업", "과제", "tâche", "tèche", "Task", "task", "TASK", "e\u0301", "é", "x" * 120,
              "_", "__init__", "número", "задача", "任务", "ταση", "a1", "con", "nul", "aux",
              "print", "Output", "_tmp", "outputs"]
OUTPUT_NAMES = ["Output", "output", "a b", "a/b", "a_b", "..", ".", "-", "data", "x" * 90,
                "résultat", "결과", "a\\b", "a:b", "*", "tmp", "OUTPUT", "💥", " lead", "trail "]
CONSTANTS = ["", "x", "a b", "작업", "tâche", "e\u0301", "\u202eevil", "line1\nline2", "\ttab",
             "quote ' \" `", "{{inputs.parameters.x}}", "$(echo hi) ;rm", "😀", "\x00nul",
             "back\\slash", "a" * 1000, "\r\n", "\x85nel", "%s{}", "--not-a-flag x"]


def generate(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    tasks: list[dict[str, Any]] = []
    names: set[str] = set()
    for i in range(n):
        base = rng.choice(TASK_NAMES)
        name = base if base not in names else f"{base}_{i}"
        names.add(name)
        share = [j for j, t in enumerate(tasks) if t["component"] == j]
        if share and rng.random() < 0.2:      # the same component again
            j = rng.choice(share)
            comp = dict(tasks[j], name=name, component=j)
            comp["inputs"] = [_input(rng, tasks) for _ in tasks[j]["inputs"]]
            tasks.append(comp)
            continue
        behaviour = rng.choices(list(BEHAVIOURS), list(BEHAVIOURS.values()))[0]
        outputs = ["Output"] if rng.random() < 0.5 else \
            list(dict.fromkeys(rng.sample(OUTPUT_NAMES, rng.randint(1, 4))))
        arg = {"flood": rng.choice([64, 700, 3000]), "huge": rng.choice([140, 300]),
               "exit": rng.choice([0, 1, 2])}.get(behaviour, 0)
        tasks.append({"name": name, "component": i, "behaviour": behaviour, "arg": arg,
                      "outputs": outputs, "tag": f"{seed}-{i}",
                      "inputs": [_input(rng, tasks) for _ in range(rng.randint(0, 3))]})
    return {"seed": seed, "tasks": tasks, "jobs": rng.choice([1, 2, 3]),
            "rerun": rng.random() < 0.3, "via_cli": rng.random() < 0.12,
            "cancel_after": round(rng.uniform(0.05, 1.5), 2) if rng.random() < 0.1 else None}


def _input(rng: random.Random, tasks: list[dict]) -> dict[str, Any]:
    ups = [j for j, t in enumerate(tasks)]
    if ups and rng.random() < 0.6:
        j = rng.choice(ups)
        return {"task": j, "output": rng.choice(tasks[j]["outputs"])}
    if rng.random() < 0.03:   # over a command line's 128 KiB (kept short in saved cases)
        return {"repeat": rng.choice(["v", "\x00", "é"]), "times": 200 * 1024}
    return {"value": rng.choice(CONSTANTS)}


def _constant(inp: dict) -> str:
    return inp["value"] if "value" in inp else inp["repeat"] * inp["times"]


# --- the pipeline of a case ---------------------------------------------------------------

def _source(case: dict, i: int, pid_file: Path) -> str:
    t = case["tasks"][i]
    fname = f"c{i}_{'작업' if i % 3 == 0 else 'tâche' if i % 3 == 1 else 'x'}"
    params = [f"a{k}: str" for k in range(len(t["inputs"]))]
    if t["outputs"] == ["Output"]:
        ret, ret_expr = "str", "value(0)"
    else:
        fields = ", ".join(f"({o!r}, str)" for o in t["outputs"])
        ret = f'NamedTuple("Outputs", [{fields}])'
        ret_expr = "(" + "".join(f"value({k}), " for k in range(len(t["outputs"]))) + ")"
    size = t["arg"] * 1024 if t["behaviour"] == "huge" else 0
    body = {
        "plain": "",
        "print": "print('héllo', parts[1:2]); print('\\tto stderr', file=sys.stderr); "
                 "print('x\\ry'); print('😀' * 3)",
        "flood": f"sys.stdout.buffer.write(b'z' * {t['arg'] * 1024}); sys.stdout.flush(); "
                 "print(); print('after the flood')",
        "badbytes": "sys.stdout.buffer.write(b'\\xff\\xfe bad \\x00 nul\\r\\n\\xe4\\xbd'); "
                    "sys.stdout.flush()",
        "huge": "",
        "fork": f"spawn({str(pid_file)!r} + '-' + str(os.getpid()))",   # one per process
        "fail": "print('about to fail'); raise RuntimeError('boom ' + h[:8])",
        "exit": ["sys.exit(3)", "os._exit(5)", "os.kill(os.getpid(), 9)"][t["arg"] % 3],
        "hang": "print('hanging', flush=True); time.sleep(600)",
    }[t["behaviour"]]
    return f'''def {fname}({", ".join(params)}) -> {ret}:
    import hashlib, os, subprocess, sys, time
    parts = [{t["tag"]!r}, {", ".join(f"a{k}" for k in range(len(t["inputs"])))}]
    h = hashlib.sha256("|".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def value(k):
        if {size} == 0:
            return h[:16] + "#" + str(k)
        unit = h + "é中 \\n"
        return (unit * ({size} // len(unit) + 1))[:{size}]

{nested(SPAWN_DEF)}
    {body}
    return {ret_expr}
'''


def build(case: dict, work: Path) -> Pipeline:
    comps: dict[int, Component] = {}
    tasks = []
    for i, t in enumerate(case["tasks"]):
        c = t["component"]
        if c not in comps:
            comps[c] = Component.from_source(_source(case, c, work / "pids"), id=f"comp{c}")
        args = {}
        for k, inp in enumerate(t["inputs"]):
            args[f"a{k}"] = OutputRef(f"t{inp['task']}", _output_name(case, inp)) \
                if "task" in inp else Constant(_constant(inp))
        tasks.append(Task(f"t{i}", t["name"], f"comp{c}", args))
    return Pipeline(f"fuzz-{case['seed']}", components=list(comps.values()), tasks=tasks)


def _output_name(case: dict, inp: dict) -> str:
    """Output names come from the component the upstream task uses."""
    up = case["tasks"][inp["task"]]
    return inp["output"] if inp["output"] in up["outputs"] else up["outputs"][0]


# --- the model ----------------------------------------------------------------------------

def _value(h: str, k: int, size: int) -> str:
    """What ``value(k)`` in a generated component returns."""
    if size == 0:
        return h[:16] + "#" + str(k)
    unit = h + "é中 \n"
    return (unit * (size // len(unit) + 1))[:size]


def expected(case: dict) -> list[tuple[str, dict[str, str] | None]]:
    """Per task: the status it must end with and, when it succeeds, its output values."""
    out: list[tuple[str, dict[str, str] | None]] = []
    for t in case["tasks"]:
        owner = case["tasks"][t["component"]]
        values = []
        for inp in t["inputs"]:
            if "task" in inp:
                _, outs = out[inp["task"]]
                values.append(outs[_output_name(case, inp)] if outs else None)
            else:
                values.append(_constant(inp))
        if any(v is None for v in values):
            out.append(("skipped", None))
        elif any("\0" in v for v in values) or owner["behaviour"] in FAILING:
            out.append(("failed", None))
        else:
            h = hashlib.sha256("|".join([owner["tag"], *values]).encode(
                "utf-8", "surrogatepass")).hexdigest()
            size = owner["arg"] * 1024 if owner["behaviour"] == "huge" else 0
            out.append(("succeeded", {o: _value(h, k, size)
                                      for k, o in enumerate(owner["outputs"])}))
    return out


# --- running and checking -----------------------------------------------------------------

def _pids(work: Path) -> list[int]:
    """The pids the forking tasks of a case wrote (pids-<task>, renamed into place)."""
    out = []
    for path in work.glob("pids-*"):
        if not path.name.endswith(".tmp"):
            out += [int(p) for p in path.read_text().split()]
    return out


def _wait_dead(pids: list[int], timeout: float = 15.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.02)
    return [p for p in pids if alive(p)]


def _engine_run(case: dict, pipeline: Pipeline, work: Path, cancel_after: float | None):
    events: list = []
    options = RunOptions(jobs=case["jobs"], timeout=TIMEOUT, runs_dir=work / "runs",
                         cache_dir=work / "cache", venvs_dir=_venvs())
    runner = Runner(pipeline, {}, options, on_event=events.append)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = runner.run()
        except BaseException as e:  # noqa: BLE001 - reported as a failure
            import traceback
            box["error"] = "".join(traceback.format_exception(e))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    if cancel_after is not None:
        thread.join(cancel_after)
        runner.cancel()
    thread.join(RUN_LIMIT)
    if thread.is_alive():
        runner.cancel()
        thread.join(30)
        return None, events, f"hang: the run did not end within {RUN_LIMIT:.0f} s"
    if "error" in box:
        return None, events, "traceback from the engine:\n" + box["error"]
    return box["result"], events, None


def _venvs() -> Path:
    root = Path(os.environ.get("KFP_DESIGNER_FUZZ_VENVS", "") or
                Path(tempfile.gettempdir()) / "kfp-designer-fuzz-venvs")
    root.mkdir(parents=True, exist_ok=True)
    return root


def _check_records(case: dict, run_dir: Path, statuses: list[str],
                   outputs: list[dict[str, str]], files: list[dict[str, str]],
                   folders: list[str | None], cancelled: bool,
                   errors: list[str | None]) -> list[str]:
    problems = []
    model = expected(case)
    ok = {"succeeded", "cached"}
    for i, ((want, values), got) in enumerate(zip(model, statuses)):
        t = case["tasks"][i]["name"]
        allowed = ok if want == "succeeded" else {want}
        if cancelled:
            allowed = allowed | {"cancelled", "skipped"}
        if got not in allowed:
            why = f" ({errors[i][:300]})" if errors[i] else ""
            problems.append(f"task {i} `{t}`: {got}, expected {sorted(allowed)}{why}")
            continue
        if got in ok and values is not None:
            if outputs[i] != values and not all(outputs[i].get(k) in (v, None)
                                                for k, v in values.items()):
                problems.append(f"task {i} `{t}`: outputs differ from what it wrote")
            for name, value in values.items():
                path = Path(files[i].get(name, ""))
                try:
                    data = path.read_bytes().decode("utf-8")
                except (OSError, UnicodeDecodeError) as e:
                    problems.append(f"task {i} `{t}`: output `{name}` unreadable: {e}")
                    continue
                if data != value:
                    problems.append(f"task {i} `{t}`: output file `{name}` holds other bytes")
                outs = Path(folders[i] or "") / "outputs"
                if not path.resolve().is_relative_to(outs.resolve()):
                    problems.append(f"task {i} `{t}`: output `{name}` outside its outputs/")
    used = [f for f in folders if f]
    if len(set(used)) != len(used):
        problems.append("two tasks share a folder")
    if any(not Path(f).resolve().is_relative_to((run_dir / "tasks").resolve()) for f in used):
        problems.append("a task folder outside the run's tasks/")
    return problems


def _check_engine(case: dict, result, events: list, cancelled: bool) -> list[str]:
    problems = []
    recs = list(result.tasks.values())
    for rec in recs:
        if rec.error and "runner error" in rec.error:
            problems.append(f"`{rec.name}`: {rec.error}")
        if rec.duration is not None and rec.duration > TIMEOUT + OVERTIME:
            problems.append(f"`{rec.name}` took {rec.duration:.1f} s, timeout {TIMEOUT} s")
    problems += _check_records(case, result.run_dir, [r.status.value for r in recs],
                               [r.outputs for r in recs], [r.output_files for r in recs],
                               [r.folder for r in recs], cancelled, [r.error for r in recs])
    doc = json.loads((result.run_dir / "run.json").read_text())
    if doc["status"] != result.status.value or doc["status"] in ("running", "pending"):
        problems.append(f"run.json says {doc['status']}, the run {result.status.value}")
    if [t["status"] for t in doc["tasks"]] != [r.status.value for r in recs]:
        problems.append("run.json task statuses differ from the run's")
    finals = [r.status for r in recs]
    want = Status.CANCELLED if result.status == Status.CANCELLED or cancelled else (
        Status.SUCCEEDED if all(s.ok for s in finals) else Status.FAILED)
    if not cancelled and result.status != want:
        problems.append(f"run status {result.status.value}, its tasks say {want.value}")
    if any(not s.done for s in finals):
        problems.append("a task is still pending or running after the run")
    ends = [e.task_id for e in events if e.kind in (Kind.TASK_FINISHED, Kind.TASK_CACHED,
                                                    Kind.TASK_SKIPPED)]
    if sorted(ends) != sorted(r.id for r in recs):
        problems.append("not exactly one end event per task")
    if not events or events[-1].kind != Kind.RUN_FINISHED:
        problems.append("the last event is not run_finished")
    return problems


def _log_lines(events: list) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for e in events:
        if e.kind == Kind.LOG and e.data["stream"] != "info":
            out.setdefault(e.task_id, []).append((e.data["stream"], e.data["line"]))
    return out


def _check_rerun(first, first_events, again, again_events) -> list[str]:
    problems = []
    before, after = _log_lines(first_events), _log_lines(again_events)
    for tid, rec in again.tasks.items():
        old = first.tasks[tid]
        if old.status.ok and rec.status != Status.CACHED:
            problems.append(f"rerun: `{rec.name}` was {old.status.value}, now "
                            f"{rec.status.value}, expected cached")
        if old.status.ok and rec.outputs != old.outputs:
            problems.append(f"rerun: `{rec.name}` outputs changed")
        if rec.status == Status.CACHED:
            # Twins (the same component and inputs) share one entry: the replayed log is
            # the one of whichever twin stored it last.
            twins = [t for t, r in first.tasks.items() if r.cache_key == old.cache_key]
            logs = [before.get(t, []) for t in twins]
            size = max(sum(len(line) + 16 for _, line in log) for log in logs)
            if size <= LOG_LIMIT * 0.9 and after.get(tid, []) not in logs:
                problems.append(f"rerun: `{rec.name}` replayed another log")
    return problems


def _check_cli(case: dict, pipeline: Pipeline, work: Path) -> list[str]:
    from designer import persist
    project = work / "p.kfpd"
    try:
        persist.save(persist.Project(pipeline), project)
        loaded = persist.load(project).pipeline
    except Exception:  # noqa: BLE001 - what cannot be saved is the file fuzzer's business
        return []
    # The CLI runs what the project file holds: a value the file changed is a wrong result
    # (the project file's fault, not the runner's), and says so.
    for a, b in zip(pipeline.tasks, loaded.tasks):
        for name, arg in a.arguments.items():
            if b.arguments.get(name) != arg:
                return [f"persist: saving and loading changed task `{a.name}`, input `{name}`:"
                        f" {arg!r:.60} became {b.arguments.get(name)!r:.60}"]
    env = dict(os.environ, PYTHONPATH=str(REPO), KFP_DESIGNER_CACHE=str(work / "cli-cache"))
    (work / "cli-cache").mkdir(exist_ok=True)
    if not (work / "cli-cache" / "venvs").exists():
        (work / "cli-cache" / "venvs").symlink_to(_venvs())
    try:
        proc = subprocess.run([sys.executable, "-m", "designer", "run", str(project),
                               "--timeout", str(TIMEOUT), "--jobs", str(case["jobs"]),
                               "--workdir", str(work / "cli-runs")], env=env, cwd=work,
                              capture_output=True, timeout=RUN_LIMIT,
                              )
    except subprocess.TimeoutExpired:
        return [f"cli: hang over {RUN_LIMIT:.0f} s"]
    err = proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8", "replace")
    problems = []
    if re.search(r"^Traceback", err, re.M) or re.search(r"^Traceback", out, re.M):
        problems.append("cli: printed a traceback of its own:\n" + err[-2000:])
    if proc.returncode == 2:   # refused before running: one line, no traceback
        if len(err.strip().splitlines()) > 12:
            problems.append(f"cli: refused with {len(err.splitlines())} lines")
        return problems
    model = expected(case)
    want_code = 0 if all(s == "succeeded" for s, _ in model) else 1
    if proc.returncode != want_code:
        problems.append(f"cli: exit {proc.returncode}, expected {want_code}\n{err[-1500:]}")
    runs = sorted((work / "cli-runs").iterdir())
    doc = json.loads((runs[-1] / "run.json").read_text())
    tasks = doc["tasks"]
    problems += [f"cli: {p}" for p in _check_records(
        case, runs[-1], [t["status"] for t in tasks],
        [{k: v for k, v in t["outputs"].items() if v is not None} for t in tasks],
        [t["output_files"] for t in tasks], [t["folder"] for t in tasks], False,
        [t.get("error") for t in tasks])]
    return problems


def check(case: dict, work: Path) -> tuple[list[str], str]:
    """Runs ``case`` in ``work``: what went wrong (empty: nothing), and what the case did
    ("ran", or "refused" when the engine refused the pipeline up front, with a message)."""
    try:
        pipeline = build(case, work)
    except Exception as e:  # noqa: BLE001 - the generator made something the IR refuses
        return [f"cannot build the case: {type(e).__name__}: {e}"], "broken"
    try:
        result, events, hang = _engine_run(case, pipeline, work, case.get("cancel_after"))
    except InputError as e:
        text = str(e)
        return ([] if text.strip() and len(text) < 5000 else [f"refusal: {text[:200]!r}"]), \
            "refused"
    if hang:
        return [hang], "ran"
    cancelled = case.get("cancel_after") is not None
    problems = _check_engine(case, result, events, cancelled)
    if case.get("rerun") and not problems and not cancelled:
        again, again_events, hang = _engine_run(case, build(case, work), work, None)
        problems += [hang] if hang else _check_rerun(result, events, again, again_events)
    if case.get("via_cli") and not problems:
        problems += _check_cli(case, pipeline, work)
    survivors = _wait_dead(_pids(work))
    if survivors:
        problems.append(f"processes outlived the run: {survivors}")
    return problems, "ran"


def _kind(problem: str) -> str:
    """A problem without its names and values: one saved case per kind of failure."""
    return re.sub(r"`[^`]*`|'[^']*'|/[^\s)'\"]*|\d+", "_", problem.splitlines()[0])[:120]


def save_regression(case: dict, problems: list[str]) -> Path | None:
    """Saves ``case`` unless a saved case already fails the same way; its path, or None."""
    folder = SAVED
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {_kind(p) for p in problems}
    for saved in folder.glob("*.json"):
        if kinds <= {_kind(p) for p in json.loads(saved.read_text())["problems"]}:
            return None
    path = folder / f"seed-{case['seed']}.json"
    path.write_text(json.dumps({"case": case, "problems": problems}, indent=1,
                               ensure_ascii=True) + "\n")
    return path


def regression_cases() -> list[dict]:
    folder = SAVED
    return [json.loads(p.read_text())["case"] for p in sorted(folder.glob("*.json"))]


def _one(seed: int) -> tuple[dict, list[str], str]:
    """One case, in a folder of its own (a pool process runs this)."""
    case = generate(seed)
    with tempfile.TemporaryDirectory(prefix="kfpd-fuzz-runs-") as tmp:
        problems, outcome = check(case, Path(tmp))
    return case, problems, outcome


def run(seed: int, seconds: float | None, log: Callable[[str], None] = print, *,
        jobs: int = 1, count: int | None = None) -> Stats:
    """Cases from ``seed`` on until ``seconds`` have passed or ``count`` cases ran.

    ``jobs`` cases run at once, each in a process of its own: a case mostly waits (tasks
    that hang until their timeout, sleeping daemons, a CLI run), so on a busy machine
    several at once give several times the cases for the same CPU."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    import multiprocessing
    stats = Stats(NAME)
    t0 = time.monotonic()
    started = 0

    def more() -> bool:
        return (seconds is None or time.monotonic() - t0 < seconds) and \
            (count is None or started < count)

    def record(case: dict, problems: list[str], outcome: str) -> None:
        stats.inputs += 1
        stats.counts[outcome] = stats.counts.get(outcome, 0) + 1
        for t in case["tasks"]:
            key = f"task:{case['tasks'][t['component']]['behaviour']}"
            stats.counts[key] = stats.counts.get(key, 0) + 1
        for flag in ("rerun", "via_cli", "cancel_after"):
            if case.get(flag):
                stats.counts[flag] = stats.counts.get(flag, 0) + 1
        if problems:
            path = save_regression(case, problems)
            saved = f"saved {path.name}" if path else "same kind as a saved case"
            stats.failures.append(f"seed {case['seed']}: {problems[0][:300]} ({saved})")
            log(f"seed {case['seed']} FAILED: {problems}")

    pool = ProcessPoolExecutor(max(1, jobs), mp_context=multiprocessing.get_context("spawn"))
    running: set = set()
    try:
        while running or more():
            while more() and len(running) < max(1, jobs):
                running.add(pool.submit(_one, seed + started))
                started += 1
            # a timeout: the main thread comes back now and then, so Ctrl+C stops it
            done, running = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
            for future in done:
                record(*future.result())
                if stats.inputs % PROGRESS == 0:
                    log(f"  {NAME}: {stats.inputs} cases (seeds {seed}..), "
                        f"{len(stats.failures)} failures, {time.monotonic() - t0:.0f} s")
    except KeyboardInterrupt:          # the figures so far still count: stop, then report
        log(f"  {NAME}: interrupted after {stats.inputs} cases")
        for future in running:
            future.cancel()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        stats.seconds = time.monotonic() - t0
    return stats


PROGRESS = 100          # a progress line every this many cases (long runs)
