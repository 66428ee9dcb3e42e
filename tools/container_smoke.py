"""One real container run of a local pipeline, with no registry: the proof behind the
suite's fake runtime (tests/runner/fake_docker.py).

    python tools/container_smoke.py [--runtime docker|podman] [--keep]

Builds an offline image ``kfp-designer-smoke:local`` (``<runtime> import`` of a tar of a
minimal root: /bin/sh and a few coreutils copied from this machine with the shared
libraries ``ldd`` names), then runs a pipeline through the designer's runner: a
ContainerOp with a file output at its own path, a component YAML reading an input file
and writing output files through kfp's placeholders (``inputPath``/``outputPath``/
``concat``/``if isPresent``), and a Python function reading the container's output file;
then a kfp 2 pipeline: an ``Output[Dataset]`` function, a ``@dsl.container_component``
over it (artifact paths, ``OutputPath(str)``, ``IfPresentPlaceholder``/``ConcatPlaceholder``)
and an ``Input[Dataset]`` function reading what the container wrote.
It prints what each task produced and exits 1 unless every check holds.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IMAGE = "kfp-designer-smoke:local"
PROGRAMS = ("sh", "cat", "cp", "mkdir", "wc", "dirname", "echo", "tr", "id")

PIPELINE = '''
from kfp import dsl
from kfp.components import create_component_from_func, InputPath, load_component_from_text

shout_op = load_component_from_text("""
name: Shout
inputs:
- {name: text, type: String}
- {name: loud, type: String, optional: true}
outputs:
- {name: shouted, type: Data}
- {name: size, type: String}
implementation:
  container:
    image: IMAGE
    command:
    - sh
    - -ec
    - |
      mkdir -p "$(dirname "$1")" "$(dirname "$2")"
      tr a-z A-Z < "$0" > "$1"
      echo "$3" >> "$1"
      wc -c < "$1" > "$2"
      cat /etc/os-release 2>/dev/null || echo "inside the image: no /etc/os-release"
    - {inputPath: text}
    - {outputPath: shouted}
    - {outputPath: size}
    - if:
        cond: {isPresent: loud}
        then: [{concat: ["loud=", {inputValue: loud}]}]
        else: [quiet]
""")

def check(data_path: InputPath()) -> str:
    with open(data_path) as f:
        return f.read().strip().replace("\\n", " | ")

check_op = create_component_from_func(check)

@dsl.pipeline(name="container-smoke")
def smoke(word: str = "hello from a container"):
    said = dsl.ContainerOp(name="say", image="IMAGE",
                           command=["sh", "-c", 'echo "$0" > /said.txt', word],
                           file_outputs={"said": "/said.txt"})
    shouted = shout_op(text=said.outputs["said"], loud="yes")
    check_op(shouted.outputs["shouted"])
'''

# kfp 2: a container component with artifact placeholders between two artifact functions.
PIPELINE_V2 = '''
from kfp import dsl
from kfp.dsl import Input, Output, Dataset

@dsl.component
def make(data: Output[Dataset]):
    with open(data.path, "w") as f:
        f.write("a,b\\n1,2\\n")
    data.metadata["rows"] = 1

@dsl.container_component
def upper(data: Input[Dataset], out: Output[Dataset], size: dsl.OutputPath(str),
          tag: str = ""):
    return dsl.ContainerSpec(image="IMAGE", command=["sh", "-ec", \
        'mkdir -p "$(dirname "$1")" "$(dirname "$2")"; tr a-z A-Z < "$0" > "$1"; '
        'wc -c < "$0" > "$2"; echo "$3"'],
        args=[data.path, out.path, size, dsl.IfPresentPlaceholder(
            input_name="tag", then=[dsl.ConcatPlaceholder(["tag=", tag])])])

@dsl.component
def read(data: Input[Dataset]) -> str:
    return open(data.path).read().replace("\\n", " ")

@dsl.pipeline(name="container-smoke-v2")
def smoke_v2():
    made = make()
    up = upper(data=made.outputs["data"], tag="v2")
    read(data=up.outputs["out"])
'''


def libraries(program: str) -> list[str]:
    out = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
    return re.findall(r"(/\S+)", out)


def build_image(runtime: str) -> None:
    """``<runtime> import`` of a root holding PROGRAMS and their libraries."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        added: set[str] = set()

        def add(path: str, arcname: str | None = None) -> None:
            real = os.path.realpath(path)
            name = (arcname or path).lstrip("/")
            if name in added:
                return
            added.add(name)
            tar.add(real, arcname=name)

        for folder in ("tmp", "etc"):
            info = tarfile.TarInfo(folder)
            info.type, info.mode = tarfile.DIRTYPE, 0o1777
            tar.addfile(info)
        for name in PROGRAMS:
            found = shutil.which(name)
            if found is None:
                raise SystemExit(f"no `{name}` on this machine to put in the image")
            add(found, f"/bin/{name}")
            for lib in libraries(found):
                add(lib)
    done = subprocess.run([runtime, "import", "-", IMAGE], input=buf.getvalue(),
                          capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"{runtime} import failed: {done.stderr.decode()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runtime", default=None, help="docker or podman (default: found)")
    parser.add_argument("--keep", action="store_true", help="keep the run folder")
    args = parser.parse_args()
    from designer.importers import load_pipeline_file
    from designer.runner import containers
    from designer.runner.engine import RunOptions, Runner
    runtime = args.runtime or containers.find_runtime()
    if runtime is None:
        print("no docker or podman on the PATH")
        return 1
    version = subprocess.run([runtime, "version", "--format", "{{.Server.Version}}"],
                             capture_output=True, text=True)
    if version.returncode != 0:
        print(f"{runtime} has no daemon to talk to: {version.stderr.strip()}")
        return 1
    print(f"runtime: {runtime} (server {version.stdout.strip()})")
    build_image(runtime)
    print(f"image: {IMAGE} (imported offline)")
    work = Path(tempfile.mkdtemp(prefix="container-smoke-"))
    source = work / "smoke.py"
    source.write_text(PIPELINE.replace("IMAGE", IMAGE))
    pipeline = load_pipeline_file(source)
    os.environ[containers.RUNTIME_ENV] = runtime
    result = Runner(pipeline, {}, RunOptions(runs_dir=work / "runs", use_cache=False,
                                             cache_dir=work / "cache"),
                    on_event=lambda e: e.kind.value == "log" and print(
                        f"  [{e.task_name}] {e.data.get('line')}")).run()
    for rec in result.tasks.values():
        print(f"{rec.name}: {rec.status.value} {rec.error or ''}")
        for name, value in rec.outputs.items():
            print(f"    {name} = {value!r}")
    checks = {
        "run succeeded": result.status.value == "succeeded",
        "ContainerOp file_outputs copied out of the container":
            result.by_name("said").outputs.get("said") == "hello from a container\n",
        "component YAML: inputPath/outputPath/concat/if":
            result.by_name("shouted").outputs.get("shouted") ==
            "HELLO FROM A CONTAINER\nloud=yes\n",
        "ran inside the image (the host has /etc/os-release, the image has not)":
            "inside the image" in (Path(result.by_name("shouted").folder)
                                   / "stdout.log").read_text(),
        "function reads the container's output file":
            result.by_name("check_task").outputs.get("Output") ==
            "HELLO FROM A CONTAINER | loud=yes",
    }
    source_v2 = work / "smoke_v2.py"
    source_v2.write_text(PIPELINE_V2.replace("IMAGE", IMAGE))
    result_v2 = Runner(load_pipeline_file(source_v2), {}, RunOptions(
        runs_dir=work / "runs", use_cache=False, cache_dir=work / "cache")).run()
    for rec in result_v2.tasks.values():
        print(f"{rec.name}: {rec.status.value} {rec.error or ''}")
        for name, value in rec.outputs.items():
            print(f"    {name} = {value!r}")
    up = result_v2.by_name("up")
    checks.update({
        "kfp 2 container component: artifact paths, OutputPath, IfPresent/Concat":
            result_v2.status.value == "succeeded" and up.outputs.get("out") == "A,B\n1,2\n"
            and up.outputs.get("size") == "8\n" and "tag=v2" in up.argv,
        "kfp 2 artifact function reads the container's output":
            result_v2.by_name("read_task").outputs.get("Output") == "A,B 1,2 ",
        "containers removed": not subprocess.run(
            [runtime, "ps", "-a", "-q", "--filter", "name=kfp-designer-"],
            capture_output=True, text=True).stdout.strip(),
    })
    for what, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"run folder: {result.run_dir}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
