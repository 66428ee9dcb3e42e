"""Container steps in a local run: the step's image run by docker or podman (no Qt).

A container component (a kfp 1 ``ContainerOp``, a component YAML, a kfp 2
``@dsl.container_component``) runs its own image, so a local run hands it to a container
runtime found on the PATH (``docker``, else ``podman``; ``KFP_DESIGNER_CONTAINER_RUNTIME``
names another). The runtime pulls the image when it lacks it, as a cluster node would.

Files go where kfp 1 puts them on a cluster: the task folder's ``inputs`` and ``outputs``
are mounted at ``/tmp/inputs`` and ``/tmp/outputs``, so an ``inputPath`` placeholder
becomes ``/tmp/inputs/<input>/data`` and an ``outputPath`` ``/tmp/outputs/<output>/data``
inside the container, and the runner reads the outputs from the task folder afterwards.
The outputs a ``ContainerOp`` declares at a path of its own (``file_outputs``) are copied
out of the stopped container (``<runtime> cp``), as Argo collects them; its artifact
inputs (``InputArgumentPath``) are mounted at their path. Volumes of the task's settings
are mounted too. The container is named after the run and task, kept until its outputs
are copied, and removed afterwards whatever happened (cancel and timeout included).

Without a runtime a container task fails alone, with ``NO_RUNTIME`` as its message; the
rest of the run goes on as far as its dependencies allow.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from designer.ir.translatable import QT_TRANSLATE_NOOP

RUNTIMES = ("docker", "podman")
RUNTIME_ENV = "KFP_DESIGNER_CONTAINER_RUNTIME"
INPUTS_AT = "/tmp/inputs"        # where kfp 1 puts input files (/tmp/inputs/<name>/data)
OUTPUTS_AT = "/tmp/outputs"      # ...and output files
# Shown in the run panel (translated there) and in the run log / task.json (English).
NO_RUNTIME = QT_TRANSLATE_NOOP(
    "Runner", "a container step needs docker or podman on the PATH to run locally; neither "
    "was found (image `{image}`). Install one, or run the pipeline on a cluster.")
# Seconds a cleanup / copy command of the runtime may take.
CLI_TIMEOUT = 120.0


def find_runtime(env: Mapping[str, str] | None = None) -> str | None:
    """The container runtime's executable: ``KFP_DESIGNER_CONTAINER_RUNTIME`` when set (a
    name on the PATH or a path), else docker, else podman; None when there is none."""
    env = os.environ if env is None else env
    path = env.get("PATH", os.defpath)
    chosen = env.get(RUNTIME_ENV, "").strip()
    for name in ((chosen,) if chosen else RUNTIMES):
        found = shutil.which(name, path=path)
        if found:
            return found
    return None


def container_name(run_id: str, folder: str) -> str:
    """A container name for the task folder ``folder`` of run ``run_id``: what docker
    accepts (``[A-Za-z0-9][A-Za-z0-9_.-]*``), unique per run and task."""
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"kfp-designer-{run_id}-{folder}")
    return text[:200]


@dataclass(frozen=True)
class ContainerRun:
    """One container task: what to run and where its files are."""
    runtime: str
    name: str                        # the container's name (for cp / rm)
    image: str
    command: list[str]               # resolved command (replaces the image's entrypoint)
    args: list[str]                  # resolved args (replace the image's CMD)
    folder: Path                     # the task folder (inputs/ and outputs/ in it)
    env_names: tuple[str, ...] = ()  # variables passed by name: values stay off the argv
    mounts: tuple[tuple[str, str, bool], ...] = ()   # (host path, container path, read-only)
    # ContainerOp file_outputs: output name -> (path in the container, file in the folder)
    copies: Mapping[str, tuple[str, Path]] = field(default_factory=dict)

    def argv(self) -> list[str]:
        """``<runtime> run`` with the mounts, variables and entrypoint of the step."""
        argv = [self.runtime, "run", "--name", self.name, "-i",
                "-v", f"{self.folder / 'inputs'}:{INPUTS_AT}",
                "-v", f"{self.folder / 'outputs'}:{OUTPUTS_AT}"]
        for host, inside, read_only in self.mounts:
            argv += ["-v", f"{host}:{inside}" + (":ro" if read_only else "")]
        for name in self.env_names:
            argv += ["-e", name]
        if _rootful_docker(self.runtime):
            # Files the step writes into the run folder stay the user's, not root's.
            argv += ["--user", f"{os.getuid()}:{os.getgid()}"]
        if self.command:
            # kfp's `command` replaces the image's ENTRYPOINT, `args` its CMD (Kubernetes).
            argv += ["--entrypoint", self.command[0], self.image, *self.command[1:], *self.args]
        else:
            argv += [self.image, *self.args]
        return argv

    def copy_out(self, inside: str, host: Path) -> str | None:
        """Copies ``inside`` of the stopped container to ``host``; None, or why not."""
        host.parent.mkdir(parents=True, exist_ok=True)
        if host.is_file() and inside.startswith(OUTPUTS_AT + "/"):
            return None      # written through the mounted outputs folder already
        return _cli([self.runtime, "cp", f"{self.name}:{inside}", str(host)])

    def remove(self) -> None:
        """Removes the container (stopping it first if it still runs). Best effort."""
        _cli([self.runtime, "rm", "-f", self.name])


def _rootful_docker(runtime: str) -> bool:
    # Podman runs rootless (root in the container is the user); docker's daemon is root.
    return (sys.platform.startswith("linux") and Path(runtime).name.startswith("docker")
            and hasattr(os, "getuid") and os.getuid() != 0)


def _cli(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=CLI_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return err[-1] if err else f"exit code {done.returncode}"
    return None


__all__ = ["RUNTIMES", "RUNTIME_ENV", "INPUTS_AT", "OUTPUTS_AT", "NO_RUNTIME", "find_runtime",
           "container_name", "ContainerRun"]
