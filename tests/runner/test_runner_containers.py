"""Container steps in local runs, through a fake docker (tests/runner/fake_docker.py) so the
suite needs no daemon: placeholders resolved to kfp's /tmp/inputs and /tmp/outputs, the
task folder mounted there, ContainerOp file_outputs copied out, the container removed,
and a clear per-task failure without a runtime. tools/container_smoke.py runs a real one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.importers import load_pipeline_file
from designer.runner import containers
from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from tests.runner.fake_docker import calls, fake_runtime

V1_FILE = '''
from kfp import dsl
from kfp.components import create_component_from_func, InputPath, OutputPath, \\
    load_component_from_text

def make_csv(rows: int, out_path: OutputPath('CSV')):
    with open(out_path, 'w') as f:
        f.write('a,b\\n')
        for i in range(rows):
            f.write(f'{i},{i * i}\\n')

def count(data_path: InputPath('CSV')) -> int:
    with open(data_path) as f:
        return len(f.readlines()) - 1

make_csv_op = create_component_from_func(make_csv)
count_op = create_component_from_func(count)

copy_op = load_component_from_text("""
name: Copy
inputs:
- {name: data, type: CSV}
- {name: prefix, type: String, optional: true}
- {name: suffix, type: String, default: "!"}
outputs:
- {name: copy, type: CSV}
- {name: lines, type: String}
implementation:
  container:
    image: busybox
    env: {GREETING: hello}
    command:
    - sh
    - -c
    - 'mkdir -p "$(dirname "$1")" "$(dirname "$2")" && cp "$0" "$1" && echo "$GREETING $3 $4" > "$2"'
    - {inputPath: data}
    - {outputPath: copy}
    - {outputPath: lines}
    - {concat: ["n=", {inputValue: suffix}]}
    - if:
        cond: {isPresent: prefix}
        then: [{concat: ["--prefix=", {inputValue: prefix}]}]
        else: [no-prefix]
""")

@dsl.pipeline(name='files')
def files(rows: int = 3):
    made = make_csv_op(rows)
    copied = copy_op(made.outputs['out'])
    count_op(copied.outputs['copy'])
    dsl.ContainerOp(name='echo', image='busybox',
                    command=['sh', '-c', 'echo hello $0 > {out}', rows],
                    file_outputs={'said': '{out}'})
'''

V2_FILE = '''
from kfp import dsl
from kfp.dsl import Input, Output, Dataset

@dsl.component
def number(n: int) -> int:
    return n * 2

@dsl.container_component
def write(n: int, out: Output[Dataset], tag: str = ''):
    return dsl.ContainerSpec(
        image='busybox', command=['sh', '-c', 'echo "n=$1 $2" > "$0"'],
        args=[out.path, n, dsl.IfPresentPlaceholder(
            input_name='tag', then=[dsl.ConcatPlaceholder(['tag=', tag])])])

@dsl.container_component
def measure(data: Input[Dataset], copy: Output[Dataset], size: dsl.OutputPath(str)):
    return dsl.ContainerSpec(image='busybox', command=['sh', '-c', 'cp "$0" "$1"; wc -c < "$0" > "$2"'],
                             args=[data.path, copy.path, size])

@dsl.pipeline(name='v2c')
def v2c(k: int = 3):
    a = number(n=k)
    w = write(n=a.output, tag='x')
    measure(data=w.outputs['out'])
'''


def load(tmp_path: Path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text)
    return load_pipeline_file(path)


@pytest.fixture
def fake(tmp_path, monkeypatch) -> Path:
    """A fake `docker` first on the PATH (and no runtime chosen by the environment)."""
    folder = tmp_path / "fakebin"
    fake_runtime(folder)
    monkeypatch.setenv("PATH", f"{folder}:{__import__('os').environ['PATH']}")
    monkeypatch.delenv(containers.RUNTIME_ENV, raising=False)
    return folder


def test_v1_container_and_file_steps_run_with_the_runtime(tmp_path, fake, options):
    said = tmp_path / "said.txt"     # the fake's "container" file system is the host's
    pipeline = load(tmp_path, V1_FILE.replace("{out}", str(said)), "files.py")
    result = Runner(pipeline, {"rows": "3"}, options(use_cache=False)).run()
    assert result.status == Status.SUCCEEDED, {t.name: t.error for t in result.tasks.values()}
    copy = result.by_name("copied")
    assert copy.outputs["copy"] == "a,b\n0,0\n1,1\n2,4\n"
    # env of the spec; the input default filled in; the else branch of a missing input
    assert copy.outputs["lines"] == "hello n=! no-prefix\n"
    assert result.by_name("count_task").outputs["Output"] == "3"
    assert result.by_name("echo_task").outputs["said"] == "hello 3\n"
    # The runtime got kfp's paths inside the container, the task folder mounted there,
    # the command as the entrypoint and the variable by name only.
    folder = Path(copy.folder)
    argv = copy.argv
    assert argv[:2] == [str(fake / "docker"), "run"]
    assert f"{folder / 'inputs'}:/tmp/inputs" in argv and f"{folder / 'outputs'}:/tmp/outputs" in argv
    assert argv[argv.index("-e") + 1] == "GREETING" and "hello" not in " ".join(argv)
    assert argv[argv.index("--entrypoint") + 1] == "sh"
    assert argv[argv.index("busybox") + 1:][2:5] == [
        "/tmp/inputs/data/data", "/tmp/outputs/copy/data", "/tmp/outputs/lines/data"]
    # Outputs are read from the task folder; a ContainerOp's own path is copied out.
    assert Path(copy.output_files["copy"]) == folder / "outputs" / "copy" / "data"
    echo = result.by_name("echo_task")
    assert Path(echo.output_files["said"]).read_text() == "hello 3\n"
    made = calls(fake)
    names = [c[c.index("--name") + 1] for c in made if c[0] == "run"]
    assert len(names) == 2 and len(set(names)) == 2
    echo_name = echo.argv[echo.argv.index("--name") + 1]
    assert ["cp", f"{echo_name}:{said}", echo.output_files["said"]] in made
    for name in names:   # every container removed afterwards
        assert ["rm", "-f", name] in made
    assert not list((fake / "state").iterdir())


def test_v2_container_components_with_artifacts_run(tmp_path, fake, options):
    pipeline = load(tmp_path, V2_FILE, "v2c.py")
    result = Runner(pipeline, {}, options()).run()
    assert result.status == Status.SUCCEEDED, {t.name: t.error for t in result.tasks.values()}
    assert result.by_name("w").outputs["out"] == "n=6 tag=x\n"
    measure = result.by_name("measure_task")
    assert measure.outputs == {"copy": "n=6 tag=x\n", "size": "10\n"}
    assert "/tmp/inputs/data/data" in measure.argv
    # A second run is served from the cache without asking the runtime.
    before = len(calls(fake))
    again = Runner(pipeline, {}, options()).run()
    assert again.by_name("measure_task").status == Status.CACHED
    assert len(calls(fake)) == before


def test_without_a_runtime_only_the_container_steps_fail(tmp_path, options, monkeypatch):
    monkeypatch.setenv(containers.RUNTIME_ENV, "no-such-container-runtime")
    pipeline = load(tmp_path, V1_FILE.replace("{out}", str(tmp_path / "o")), "files.py")
    events = []
    result = Runner(pipeline, {}, options(use_cache=False), on_event=events.append).run()
    assert result.status == Status.FAILED
    made, copy, echo = (result.by_name(n) for n in ("made", "copied", "echo_task"))
    assert made.status == Status.SUCCEEDED            # the rest goes on
    assert copy.status == echo.status == Status.FAILED
    assert "needs docker or podman" in copy.error and "`busybox`" in copy.error
    assert result.by_name("count_task").status == Status.SKIPPED   # depends on `copied`
    finished = next(e for e in events if e.kind == Kind.TASK_FINISHED
                    and e.task_name == "copied")
    assert finished.data["error_template"] == containers.NO_RUNTIME
    assert finished.data["error_args"] == {"image": "busybox"}


def test_a_failed_pull_fails_the_task_and_removes_the_container(tmp_path, fake, options):
    pipeline = load(tmp_path, V2_FILE.replace("image='busybox', command=['sh', '-c', 'echo",
                                              "image='fake/no-such-image', command=['sh', "
                                              "'-c', 'echo"), "v2c.py")
    result = Runner(pipeline, {}, options(use_cache=False)).run()
    write = result.by_name("w")
    assert write.status == Status.FAILED and "exited with code 125" in write.error
    assert "Unable to find image" in write.error
    assert result.by_name("measure_task").status == Status.SKIPPED
    name = write.argv[write.argv.index("--name") + 1]
    assert ["rm", "-f", name] in calls(fake)


def test_runtime_choice(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    fake_runtime(folder, "podman")
    env = {"PATH": str(folder)}
    assert containers.find_runtime(env) == str(folder / "podman")
    fake_runtime(folder, "docker")
    assert containers.find_runtime(env) == str(folder / "docker")       # docker first
    assert containers.find_runtime(dict(env, **{containers.RUNTIME_ENV: "podman"})) == \
        str(folder / "podman")
    assert containers.find_runtime({"PATH": str(tmp_path)}) is None
    assert containers.container_name("20261206-1-my run", "a/b") == \
        "kfp-designer-20261206-1-my-run-a-b"


def test_task_json_records_the_runtime_command(tmp_path, fake, options):
    pipeline = load(tmp_path, V2_FILE, "v2c.py")
    result = Runner(pipeline, {}, options(use_cache=False)).run()
    record = json.loads((Path(result.by_name("w").folder) / "task.json").read_text())
    assert record["argv"][1] == "run" and "/tmp/outputs/out/data" in record["argv"]


def test_a_timed_out_container_step_is_removed(tmp_path, fake, options):
    pipeline = load(tmp_path, V2_FILE.replace(
        "command=['sh', '-c', 'echo \"n=$1 $2\" > \"$0\"']",
        "command=['sh', '-c', 'echo started; sleep 300']"), "v2c.py")
    result = Runner(pipeline, {}, options(use_cache=False, timeout=2.0)).run()
    write = result.by_name("w")
    assert write.status == Status.FAILED and "timed out" in write.error
    name = write.argv[write.argv.index("--name") + 1]
    assert ["rm", "-f", name] in calls(fake)
    assert not (fake / "state" / f"{name}.json").exists()
