"""A stand-in for the docker CLI, for tests that must not depend on a docker daemon.

``fake_runtime(folder)`` writes an executable ``docker`` into ``folder`` that runs this
file. It understands what the runner asks of a runtime: ``run`` (``--name``, ``-i``,
``-v host:inside[:ro]``, ``-e NAME``, ``--user``, ``--entrypoint``, then the image and
its arguments), ``cp name:path dest`` and ``rm -f name``. ``run`` executes the command
on this machine with every mounted path (a whole argument or the start of one, inside
``sh -c`` scripts too) replaced by its host folder: the "container" is the host file
system plus the mounts. The image ``fake/no-such-image`` fails as a failed pull does.
Each call is appended to ``$FAKE_DOCKER_LOG`` (JSON lines); a container's mounts are
kept in ``$FAKE_DOCKER_STATE/<name>.json`` until ``rm``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def fake_runtime(folder: Path, name: str = "docker") -> Path:
    """An executable ``folder/name`` running this fake (state and log in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / name
    exe.write_text(f"#!/bin/sh\nFAKE_DOCKER_STATE={str(folder / 'state')!r} "
                   f"FAKE_DOCKER_LOG={str(folder / 'calls.jsonl')!r} "
                   f"exec {sys.executable!r} {str(Path(__file__).resolve())!r} \"$@\"\n")
    exe.chmod(0o755)
    return exe


def calls(folder: Path) -> list[list[str]]:
    """The argv of every call the fake got (without the executable)."""
    log = folder / "calls.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def _rewrite(text: str, mounts: list[tuple[str, str]]) -> str:
    for host, inside in sorted(mounts, key=lambda m: len(m[1]), reverse=True):
        text = text.replace(inside, host)
    return text


def _run(args: list[str], state: Path) -> int:
    name, entrypoint, mounts = None, None, []
    i = 0
    while i < len(args) and args[i].startswith("-"):
        opt = args[i]
        if opt in ("-i", "--rm", "-t"):
            i += 1
            continue
        value = args[i + 1]
        if opt == "--name":
            name = value
        elif opt == "-v":
            host, inside = value.split(":")[:2]
            mounts.append((host, inside))
        elif opt == "--entrypoint":
            entrypoint = value
        elif opt not in ("-e", "--user"):
            print(f"fake docker: unknown option {opt}", file=sys.stderr)
            return 125
        i += 2
    image, rest = args[i], args[i + 1:]
    if image == "fake/no-such-image":
        print(f"Unable to find image '{image}' locally", file=sys.stderr)
        return 125
    if name:
        state.mkdir(parents=True, exist_ok=True)
        (state / f"{name}.json").write_text(json.dumps(mounts))
    argv = ([entrypoint] if entrypoint else []) + rest
    return subprocess.call([_rewrite(a, mounts) for a in argv])


def main(argv: list[str]) -> int:
    state = Path(os.environ["FAKE_DOCKER_STATE"])
    with open(os.environ["FAKE_DOCKER_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(argv) + "\n")
    if argv[:1] == ["run"]:
        return _run(argv[1:], state)
    if argv[:1] == ["cp"]:
        name, _, inside = argv[1].partition(":")
        record = state / f"{name}.json"
        if not record.exists():
            print(f"Error: No such container: {name}", file=sys.stderr)
            return 1
        source = _rewrite(inside, [tuple(m) for m in json.loads(record.read_text())])
        if not os.path.exists(source):
            print(f"Error: Could not find the file {inside} in container {name}",
                  file=sys.stderr)
            return 1
        shutil.copyfile(source, argv[2])
        return 0
    if argv[:2] == ["rm", "-f"]:
        (state / f"{argv[2]}.json").unlink(missing_ok=True)
        return 0
    print(f"fake docker: unsupported {argv[:1]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
