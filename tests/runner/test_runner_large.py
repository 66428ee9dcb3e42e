"""Large streams, values and programs (issue 10: "Runs that end cleanly, whatever happens").

Speed is measured in tests/bench/log_bench.py; here: the bytes arrive intact, event lines
have a sane length, and nothing is too long for a command line."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from designer.ir import Component, Pipeline, Task
from designer.ir.errors import InputError
from designer.runner.engine import Runner, RunOptions
from designer.runner.events import Kind, Status
from designer.runner.logstream import LINE_LIMIT, LineSplitter
from tests.runner.runner_helpers import build

FLOOD = '''
def flood(kib: int) -> int:
    import sys
    out = sys.stdout.buffer
    out.write(b"first line\\n")
    piece = "é".encode() * 500 + b"x"          # odd sizes: cuts fall inside characters
    written = 0
    while written < kib * 1024:
        out.write(piece)
        written += len(piece)
    out.write(b"\\nlast")
    out.flush()
    return written
'''


def test_a_long_line_arrives_intact_in_pieces_of_sane_length(options):
    events = []
    result = Runner(build("flood", {"flood": FLOOD}, [("flood", "flood", {"kib": 3000})]), {},
                    options(), on_event=events.append).run()
    rec = result.by_name("flood")
    assert result.status == Status.SUCCEEDED
    written = int(rec.outputs["Output"])
    logged = (Path(rec.folder) / "stdout.log").read_bytes()
    piece = "é".encode() * 500 + b"x"
    body = (piece * (written // len(piece) + 1))[:written]
    assert logged == b"first line\n" + body + b"\nlast"
    lines = [e.data["line"] for e in events if e.kind == Kind.LOG]
    assert lines[0] == "first line" and lines[-1] == "last"
    middle = lines[1:-1]
    assert len(middle) > 1 and "".join(middle).encode() == body
    # Each event line is at most LINE_LIMIT bytes, cut between characters, never inside one.
    assert all(len(line.encode()) <= LINE_LIMIT for line in lines)
    assert not any("\ufffd" in line for line in lines)


@pytest.mark.parametrize("chunk", [1, 7, 4096, 1 << 16])
def test_the_line_splitter_gives_the_same_lines_whatever_the_chunks(chunk):
    data = b"a\r\nb\n\n" + b"z" * 20000 + b"\n" + "ü".encode() * 9000 + b"\ntail"
    splitter = LineSplitter(limit=8192)
    got = []
    for i in range(0, len(data), chunk):
        got += splitter.feed(data[i:i + chunk])
    got += splitter.close()
    assert got[:3] == ["a", "b", ""]
    assert got[-1] == "tail"
    assert "".join(got[3:-1]) == "z" * 20000 + "ü" * 9000
    assert all(len(x.encode()) <= 8192 for x in got)
    assert [len(x) for x in got[3:6]] == [8192, 8192, 20000 - 2 * 8192]


BIG = 300 * 1024

MAKE = '''
def make(kib: int) -> str:
    import random
    rng = random.Random(kib)
    return "".join(rng.choice("abcdefgh ijk\\u00e9\\u4e2d") for _ in range(kib * 1024))
'''
DIGEST = '''
def digest(text: str) -> str:
    import hashlib
    return f"{len(text)} {hashlib.sha256(text.encode()).hexdigest()}"
'''


def test_a_300_kib_value_reaches_the_next_task_through_a_file(options):
    events = []
    pipeline = build("big", {"make": MAKE, "digest": DIGEST}, [
        ("make", "make", {"kib": 300}), ("digest", "digest", {"text": "@make.Output"})])
    result = Runner(pipeline, {}, options(), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED, [r.error for r in result.tasks.values()]
    value = Path(result.by_name("make").output_files["Output"]).read_bytes()
    assert len(value) > BIG
    text = value.decode()
    assert result.by_name("digest").outputs["Output"] == \
        f"{len(text)} {hashlib.sha256(value).hexdigest()}"
    # The argv kfp would pass is recorded as is; the run says a cluster may refuse it.
    assert result.by_name("digest").argv[-3] == text
    warnings = [e for e in events if e.kind == Kind.WARNING]
    assert [e.task_name for e in warnings] == ["digest"]
    assert "over 128 KiB" in warnings[0].data["message"]


def test_a_300_kib_component_source_runs(options):
    blob = "q" * BIG
    source = f'def huge() -> int:\n    data = "{blob}"\n    print("ran")\n    return len(data)\n'
    comp = Component.from_source(source, id="huge")
    pipeline = Pipeline("huge", components=[comp], tasks=[Task("huge", "huge", "huge", {})])
    events = []
    result = Runner(pipeline, {}, options(), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED, result.by_name("huge").error
    assert result.by_name("huge").outputs["Output"] == str(BIG)
    assert [e.data["line"] for e in events if e.kind == Kind.LOG] == ["ran"]


def test_a_too_long_command_that_is_not_kfps_python_wrapper_fails_with_a_message(options):
    def provider(pipeline, component):
        return {"name": "echo", "inputs": [{"name": "text", "type": "String"}],
                "implementation": {"container": {"image": "alpine",
                                                 "command": ["echo", {"inputValue": "text"}]}}}
    comp = Component.from_source("def echo(text: str):\n    pass\n", id="echo")
    pipeline = Pipeline("echo", components=[comp],
                        tasks=[Task("echo", "echo", "echo", {})])
    from designer.ir import Constant
    pipeline.tasks[0].arguments["text"] = Constant("w" * BIG)
    result = Runner(pipeline, {}, options(spec_provider=provider)).run()
    rec = result.by_name("echo")
    assert rec.status == Status.FAILED
    assert rec.error == ("the task's command line cannot start: one argument is 300 KiB; "
                         "Linux starts no program with an argument over 128 KiB")


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), -1.0, 0.0])
def test_run_options_refuse_a_timeout_that_is_no_duration(timeout):
    with pytest.raises(InputError, match="give a number of seconds above 0"):
        RunOptions(timeout=timeout)
