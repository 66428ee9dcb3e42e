"""Task folders and output files of a run are unique and stay inside the run, whatever the
task and output names (issue 10: "Never report a wrong result as success")."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from designer.runner.names import cluster_collisions, safe_names
from tests.runner.runner_helpers import build

EMIT = '''
def emit(x: int) -> int:
    return x
'''
JOIN = '''
def join(a: int, b: int) -> str:
    return f"{a},{b}"
'''
# NamedTuple fields that are no identifiers: kfp takes them as output names.
THREE = '''
def three() -> NamedTuple("Outputs", [("a b", int), ("a/b", int), ("..", int)]):
    return (3, 4, 5)
'''


@pytest.mark.parametrize("first, second", [("작업", "과제"), ("tâche", "tèche")])
def test_tasks_whose_names_sanitise_alike_get_their_own_folders(options, first, second):
    pipeline = build("names", {"emit": EMIT, "join": JOIN}, [
        (first, "emit", {"x": 1}), (second, "emit", {"x": 2}),
        ("join", "join", {"a": f"@{first}.Output", "b": f"@{second}.Output"})])
    result = Runner(pipeline, {}, options(jobs=1)).run()
    assert result.status == Status.SUCCEEDED
    assert result.by_name("join").outputs == {"Output": "1,2"}
    folders = {Path(result.by_name(n).folder) for n in (first, second)}
    assert len(folders) == 2
    for name, value in ((first, "1"), (second, "2")):
        rec = result.by_name(name)
        assert Path(rec.folder).parent == result.run_dir / "tasks"
        assert Path(rec.output_files["Output"]).is_relative_to(rec.folder)
        assert Path(rec.output_files["Output"]).read_text() == value


def test_outputs_whose_names_sanitise_alike_get_their_own_files(options):
    pipeline = build("outs", {"three": THREE, "join": JOIN}, [
        ("three", "three", {}),
        ("join", "join", {"a": "@three.a b", "b": "@three.a/b"})])
    events = []
    result = Runner(pipeline, {}, options(), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED
    assert result.by_name("join").outputs == {"Output": "3,4"}
    three = result.by_name("three")
    assert three.outputs == {"a b": "3", "a/b": "4", "..": "5"}
    outputs_dir = (Path(three.folder) / "outputs").resolve()
    files = {name: Path(path) for name, path in three.output_files.items()}
    assert len(set(files.values())) == 3
    for name, path in files.items():
        # Each output is outputs/<one folder>/data, never outside outputs/.
        assert path.resolve().parent.parent == outputs_dir, (name, path)
        assert path.name == "data"
    assert not (Path(three.folder) / "data").exists()
    # kfp itself writes /tmp/outputs/a_b/data for both on a cluster, and `..` outside
    # /tmp/outputs: the run says so.
    warnings = [e.data["message"] for e in events if e.kind == Kind.WARNING]
    assert any("`a b` and `a/b`" in w and "/tmp/outputs/a_b/data" in w for w in warnings)
    assert any("`..`" in w and "outside /tmp/outputs/" in w for w in warnings)
    assert all(e.task_name == "three" for e in events if e.kind == Kind.WARNING)


def test_the_cli_prints_the_warning(capsys, tmp_path, isolated_cache):
    from designer import persist
    from designer.cli import main
    pipeline = build("outs", {"three": THREE}, [("three", "three", {})])
    project = tmp_path / "p.kfpd"
    persist.save(persist.Project(pipeline), project)
    assert main(["run", str(project), "--workdir", str(tmp_path / "runs")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^\[three\] warning: on a cluster kfp writes outputs `a b` and `a/b` "
                     r"to the same file /tmp/outputs/a_b/data", err, re.M)


NAMES = ["작업", "과제", "tâche", "tèche", "a b", "a/b", "a_b", "..", ".", "", "A", "a",
         "Output", "output", "x" * 300, "x" * 301, "con", "a\0b", "\ud800", "-", "_", "é",
         "e\u0301", "number_1_result", "a_b-" + "0" * 8, "t" * 60, "t" * 61]


def test_safe_names_are_unique_portable_and_single_parts():
    names = safe_names(NAMES)
    assert set(names) == set(NAMES)
    assert len({v.casefold() for v in names.values()}) == len(NAMES)
    for name, safe in names.items():
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", safe), (name, safe)
        assert safe not in (".", "..") and len(safe) <= 80
        assert Path(safe).name == safe
    # Names that are fine file names stay as they are; the others are recognisable.
    assert names["number_1_result"] == "number_1_result" and names["Output"] != "Output"
    assert names["a_b"] == "a_b" and names["a b"].startswith("a_b-")
    # Stable: the same name gets the same file name in another run and among other names.
    assert safe_names(["작업", "과제"]) == {k: names[k] for k in ("작업", "과제")}
    assert safe_names(["number_1_result"]) == {"number_1_result": "number_1_result"}


def test_cluster_collisions_follow_kfp_file_names():
    assert cluster_collisions("outputs", ["Output", "sum"]) == []
    assert cluster_collisions("outputs", ["a b", "a_b"]) == [
        "on a cluster kfp writes outputs `a b` and `a_b` to the same file "
        "/tmp/outputs/a_b/data: one overwrites the other there"]
    assert cluster_collisions("inputs", [".."]) == [
        "on a cluster kfp writes input `..` to /tmp/data, outside /tmp/inputs/"]
