"""The execution cache: a hit replays its producing run's log and gives outputs as a fresh
run does; an entry that was tampered with is a miss, never a value (issues 9 and 10)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from designer.ir import PipelineParam
from designer.runner.cache import Cache
from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from tests.runner.runner_helpers import build

REPO = Path(__file__).resolve().parents[2]

STAMP = '''
def stamp(x: int) -> NamedTuple("Outputs", [("Output", str), ("twice", int)]):
    import sys, time
    print("working on", x)
    print("a warning about", x, file=sys.stderr)
    print("done")
    return (f"{x}@{time.time_ns()}", 2 * x)
'''


def stamp_pipeline():
    return build("cached", {"stamp": STAMP}, [("stamp", "stamp", {"x": "$x"})],
                 params=[PipelineParam("x", "int")])


def entry_of(cache_dir: Path) -> Path:
    records = list(cache_dir.glob("*/*/entry.json"))
    assert len(records) == 1, records
    return records[0].parent


def test_a_hit_replays_the_log_of_the_run_that_made_it(options):
    printed = []
    first = Runner(stamp_pipeline(), {"x": 4}, options(), on_event=printed.append).run()
    printed = [(e.data["stream"], e.data["line"]) for e in printed if e.kind == Kind.LOG]
    assert sorted(printed) == [("stderr", "a warning about 4"), ("stdout", "done"),
                               ("stdout", "working on 4")]
    events = []
    again = Runner(stamp_pipeline(), {"x": 4}, options(), on_event=events.append).run()
    rec = again.by_name("stamp")
    assert rec.status == Status.CACHED and rec.outputs == first.by_name("stamp").outputs
    mine = [e for e in events if e.task_name == "stamp"]
    logs = [e for e in mine if e.kind == Kind.LOG]
    # The lines in the order the first run showed them, each marked with that run's id.
    assert [(e.data["stream"], e.data["line"]) for e in logs] == printed
    assert {e.data["cached_run"] for e in logs} == {first.run_dir.name}
    # Then the task ends as a fresh one does, with every output.
    assert mine[-1].kind == Kind.TASK_CACHED and mine[-1].data["cached_run"] == first.run_dir.name
    assert mine[-1].data["outputs"] == {"Output": rec.outputs["Output"], "twice": "8"}
    assert [e.kind for e in mine] == [Kind.LOG] * 3 + [Kind.TASK_CACHED]
    for name, value in rec.outputs.items():
        assert Path(rec.output_files[name]).read_text() == value
        assert Path(rec.output_files[name]).is_relative_to(again.run_dir)


def test_an_edited_output_file_is_a_miss(options, tmp_path):
    first = Runner(stamp_pipeline(), {"x": 1}, options()).run().by_name("stamp")
    entry = entry_of(tmp_path / "cache")
    record = json.loads((entry / "entry.json").read_text())
    stored = entry / record["outputs"]["twice"]["file"]
    assert stored.read_text() == "2"
    stored.write_text("999")
    again = Runner(stamp_pipeline(), {"x": 1}, options()).run().by_name("stamp")
    assert again.status == Status.SUCCEEDED           # ran again...
    assert again.outputs["twice"] == "2"              # ...and never served the edit
    assert again.outputs["Output"] != first.outputs["Output"]
    # The fresh run replaced the bad entry: the third run is a hit again.
    third = Runner(stamp_pipeline(), {"x": 1}, options()).run().by_name("stamp")
    assert third.status == Status.CACHED and third.outputs == again.outputs


def test_an_edited_log_is_a_miss(options, tmp_path):
    Runner(stamp_pipeline(), {"x": 1}, options()).run()
    entry = entry_of(tmp_path / "cache")
    log = entry / "log.json"
    log.write_text(log.read_text().replace("working on 1", "working on 7"))
    assert Runner(stamp_pipeline(), {"x": 1}, options()).run().by_name("stamp").status == \
        Status.SUCCEEDED


def test_paths_leading_out_of_the_entry_are_a_miss(options, tmp_path):
    Runner(stamp_pipeline(), {"x": 1}, options()).run()
    entry = entry_of(tmp_path / "cache")
    record = json.loads((entry / "entry.json").read_text())
    secret = tmp_path / "secret"
    secret.write_text("2")           # the right bytes, but not the cache's to give
    good = dict(record["outputs"]["twice"])
    attempts = [
        dict(good, file="../../../secret"),
        dict(good, file=str(secret)),
        dict(good, file="outputs/../../../../secret"),
    ]
    link = entry / "outputs" / "link"
    link.symlink_to(secret)
    attempts.append(dict(good, file="outputs/link"))
    (entry / "sub").symlink_to(tmp_path)
    attempts.append(dict(good, file="sub/secret"))
    for attempt in attempts:
        (entry / "entry.json").write_text(json.dumps(
            dict(record, outputs=dict(record["outputs"], twice=attempt))))
        rec = Runner(stamp_pipeline(), {"x": 1}, options(use_cache=True)).run().by_name("stamp")
        assert rec.status == Status.SUCCEEDED, attempt
        # That run stored a good entry again: spoil it the same way for the next attempt.
        record = json.loads((entry / "entry.json").read_text())
        good = dict(record["outputs"]["twice"])


def test_malformed_entries_are_misses(tmp_path):
    cache = Cache(tmp_path)
    key = "ab" * 32
    entry = tmp_path / key[:2] / key
    entry.mkdir(parents=True)
    for text in ("{", "[]", '{"format": 2}', json.dumps({"format": 2, "key": key, "outputs": {
            "o": {"file": "x", "sha256": 5, "size": 1}}}), json.dumps({"format": 2, "key": "cd" * 32,
                                                                      "outputs": {}}),
                 "x" * (2 << 20)):
        (entry / "entry.json").write_text(text)
        assert cache.get(key) is None, text[:80]
    assert cache.get("../" + key[3:]) is None
    (entry / "entry.json").unlink()
    os.mkfifo(entry / "entry.json")          # must not block the run
    assert cache.get(key) is None


def run_designer(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120,
                          env=dict(env, PYTHONPATH=str(REPO)))


def test_a_second_run_of_the_example_prints_3(tmp_path, isolated_cache):
    args = ["run", "--example", "-p", "number_1=1", "-p", "number_2=2",
            "--workdir", str(tmp_path / "runs")]
    first = run_designer(args, dict(os.environ), tmp_path)
    assert first.returncode == 0, first.stderr
    first_id = re.search(r"records in .*/(\S+)$", first.stdout, re.M).group(1)
    second = run_designer(args, dict(os.environ), tmp_path)
    assert second.returncode == 0, second.stderr
    out = second.stdout
    assert re.search(rf"^\[sum_result\]\s+cached from run {first_id}; its log:$", out, re.M)
    assert re.search(r"^\[sum_result\]\s+3$", out, re.M)
    assert re.search(r"^\[number_1_result\]\s+1$", out, re.M)
    assert re.search(r"number_1_result\s+cached\s+\d+\.\d\ds\s+Output=1", out)
    assert "(3 cached)" in out
    run_dir = Path(re.search(r"records in (\S+)$", out, re.M).group(1))
    assert (run_dir / "tasks/number_2_result/outputs/Output/data").read_text() == "2"


def test_cache_info_and_clear(tmp_path, isolated_cache):
    env = dict(os.environ)
    info = run_designer(["cache", "info"], env, tmp_path)
    assert info.returncode == 0, info.stderr
    assert f"execution cache: {isolated_cache / 'runs-cache'} (KFP_DESIGNER_CACHE" in info.stdout
    assert "entries: 0" in info.stdout
    run = run_designer(["run", "--example", "-p", "number_1=1", "-p", "number_2=2",
                        "--workdir", str(tmp_path / "runs")], env, tmp_path)
    assert run.returncode == 0, run.stderr
    info = run_designer(["cache", "info"], env, tmp_path).stdout
    assert "entries: 3" in info
    size = re.search(r"size:\s+([\d.]+ (?:bytes|KB|MB))", info).group(1)
    assert size != "0 bytes"
    cleared = run_designer(["cache", "clear"], env, tmp_path)
    assert cleared.returncode == 0
    assert cleared.stdout.strip() == (f"removed 3 entries ({size}) from "
                                      f"{isolated_cache / 'runs-cache'}")
    assert "entries: 0" in run_designer(["cache", "info"], env, tmp_path).stdout
    # Task environments are kept: the next run does not rebuild them.
    assert list((isolated_cache / "venvs").iterdir())


def test_cache_dir_and_the_environment_variable_move_the_cache(tmp_path, isolated_cache):
    elsewhere = tmp_path / "elsewhere"
    args = ["run", "--example", "-p", "number_1=1", "-p", "number_2=2",
            "--workdir", str(tmp_path / "runs"), "--cache-dir", str(elsewhere)]
    env = dict(os.environ)
    assert run_designer(args, env, tmp_path).returncode == 0
    assert len(list(elsewhere.glob("*/*/entry.json"))) == 3
    assert not (isolated_cache / "runs-cache").exists()
    info = run_designer(["cache", "info", "--cache-dir", str(elsewhere)], env, tmp_path).stdout
    assert f"execution cache: {elsewhere} (--cache-dir)" in info and "entries: 3" in info
    second = run_designer(args, env, tmp_path)
    assert "(3 cached)" in second.stdout
    # KFP_DESIGNER_CACHE is the root of the run cache (and of the task environments).
    root = tmp_path / "root"
    root.mkdir()
    (root / "venvs").symlink_to(isolated_cache / "venvs")
    env2 = dict(os.environ, KFP_DESIGNER_CACHE=str(root))
    run = run_designer(args[:-2], env2, tmp_path)
    assert run.returncode == 0 and "cached" not in run.stdout
    assert len(list((root / "runs-cache").glob("*/*/entry.json"))) == 3
    assert "entries: 3" in run_designer(["cache", "info"], env2, tmp_path).stdout
    assert run_designer(["cache", "clear", "--cache-dir", str(elsewhere)], env2,
                        tmp_path).stdout.startswith("removed 3 entries")
    assert "entries: 3" in run_designer(["cache", "info"], env2, tmp_path).stdout
