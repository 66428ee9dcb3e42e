"""Volumes in a local run: folders on this machine stand in for the task's mounts (no Qt).

A local run cannot mount anything at ``/data``: the task runs as a process of this user on
this machine. So each mount gets a folder, and the path the program sees is rewritten: in
the resolved command line (which, for a Python function component, holds the function's
source), every occurrence of the mount path as a whole path (``/data``, ``/data/x.csv``,
not ``/database``) becomes the folder. The variable ``KFP_VOLUME_<n>`` (n = 1, 2... in the
task's mount order) also names the folder. A path the program builds at run time from
pieces (``os.path.join("/", "data")``) is not rewritten: the run log says so per mount.

Folders:
* a PVC named by a string (or by a pipeline parameter's value): ``<volumes dir>/<claim>``,
  shared by every task and every run that mounts that claim, as on a cluster;
* an empty dir, or a generic ephemeral volume (a claim made with the pod and deleted with
  it): a fresh folder in the task's run folder (a pod's scratch space).

* a claim named by a task's output (a kfp-kubernetes ``CreatePVC`` step's ``name``, or any
  task's): the name is read from that output when the task starts (the task runs after
  its producer, as kfp makes it); a claim this run created is the folder it made
  (``local_volume_steps``), any other ``<volumes dir>/<claim>``.

Refused before anything runs, with the reason: secrets and config maps as volumes (their
values are never in the project); an optional one is an empty folder, as on a cluster that
lacks it. Read-only mounts are not enforced locally (said in the
log). A task that mounts a volume is never served from the run cache nor stored in it:
what it does to the volume is not one of its outputs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from designer.ir import Constant, InputError, OutputRef, ParamRef, Task

_SAFE = re.compile(r"[^A-Za-z0-9._-]")
_PATH_CHAR = r"A-Za-z0-9._\-"


@dataclass(frozen=True)
class LocalMount:
    mount_path: str            # the path the task was written for (on the cluster)
    claim: str | None          # the PVC's name; None: an empty dir (or claim_ref's, unread)
    sub_path: str | None
    read_only: bool
    claim_ref: OutputRef | None = None   # the output naming the claim, read at run time
    ephemeral: bool = False              # a generic ephemeral volume (a folder per task)
    limited: bool = False                # an empty dir with a medium or size limit

    def folder(self, volumes_dir: Path, task_folder: Path, index: int,
               claims: Mapping[str, Path] | None = None) -> Path:
        """``claims``: the folders of the claims this run created, by claim name."""
        if self.claim is not None:
            base = (claims or {}).get(self.claim) or volumes_dir / _SAFE.sub("_", self.claim)
        else:
            base = task_folder / "volumes" / str(index)
        return base / self.sub_path if self.sub_path else base


def _claim(task: Task, value: object, params: Mapping[str, str], path: str) -> str:
    if isinstance(value, Constant):
        value = value.value
    if isinstance(value, ParamRef) and value.name in params:
        value = params[value.name]
    if isinstance(value, str) and value:
        return value
    raise InputError(f"task `{task.name}`: the volume at `{path}` is a claim named by "
                     f"{type(value).__name__}; a local run can mount a claim named by a "
                     "string, a pipeline parameter or a task output")


def local_mounts(task: Task, params: Mapping[str, str]) -> list[LocalMount]:
    """The task's mounts as a local run makes them; InputError for one it cannot make."""
    out: list[LocalMount] = []
    for m in task.settings.volumes:
        if m.source in ("secret", "config_map") and not m.optional:
            what = "secret" if m.source == "secret" else "config map"
            raise InputError(f"task `{task.name}`: a local run cannot mount the {what} "
                             f"volume at `{m.mount_path}` (its values are never in the "
                             "project); use environment variables from an env file instead")
        if m.source == "host_path":
            raise InputError(f"task `{task.name}`: a local run cannot mount the host path "
                             f"`{m.name}` at `{m.mount_path}` (a folder of the cluster's node, "
                             "not of this machine)")
        if not m.mount_path.startswith("/") or m.sub_path and (
                m.sub_path.startswith("/") or ".." in Path(m.sub_path).parts):
            raise InputError(f"task `{task.name}`: the volume at `{m.mount_path}`: the mount "
                             "path must be absolute and the sub path relative, without `..`")
        ref = None
        if m.source in ("empty_dir", "ephemeral", "secret", "config_map"):
            # (an optional secret or config map: empty, as on a cluster that lacks it)
            claim = None
        elif m.source == "pvc" and isinstance(m.name, OutputRef):
            claim, ref = None, m.name
        elif m.source == "pvc":
            claim = _claim(task, m.name, params, m.mount_path)
        else:
            raise InputError(f"task `{task.name}`: a local run cannot mount a "
                             f"`{m.source}` volume")
        out.append(LocalMount(m.mount_path.rstrip("/") or "/", claim, m.sub_path,
                              m.read_only, ref, m.source == "ephemeral",
                              m.medium is not None or m.size_limit is not None))
    if any(m.mount_path == "/" for m in out):
        raise InputError(f"task `{task.name}`: a local run cannot stand in for a volume "
                         "mounted at `/`")
    return out


def rewrite(argv: list[str], folders: Mapping[str, Path]) -> list[str]:
    """``argv`` with each mount path (a whole path or the start of one) replaced by its
    folder; the longest mount path first, so ``/data/in`` wins over ``/data``."""
    if not folders:
        return list(argv)
    paths = sorted(folders, key=len, reverse=True)
    pattern = re.compile(rf"(?<![{_PATH_CHAR}/])(?:{'|'.join(map(re.escape, paths))})"
                         rf"(?![{_PATH_CHAR}])")
    return [pattern.sub(lambda m: str(folders[m.group(0)]), part) for part in argv]


def describe(mount: LocalMount, folder: Path) -> str:
    """The run log's line for one mount."""
    what = f"claim `{mount.claim}`" if mount.claim is not None else "empty dir"
    if mount.ephemeral:
        what = "ephemeral volume: its size and class apply on the cluster"
    elif mount.limited:
        what = "empty dir: its medium and size limit apply on the cluster"
    line = (f"volume at {mount.mount_path} ({what}) is the folder {folder}: the mount path "
            "is rewritten in the program and its arguments (not in paths built at run time)")
    if mount.read_only:
        line += "; read-only is not enforced locally"
    return line


__all__ = ["LocalMount", "local_mounts", "rewrite", "describe"]
