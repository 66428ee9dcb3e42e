"""kfp-kubernetes' CreatePVC / DeletePVC in a local run (no Qt): a claim is a folder.

On a cluster the Kubeflow backend carries these steps out itself (their images are stubs):
CreatePVC makes a claim and outputs its name; DeletePVC deletes one. Locally:

* CreatePVC with ``pvc_name``: the claim is the named folder ``<volumes dir>/<name>``,
  shared by every run that uses that name (as a claim outlives a run on a cluster);
* with ``pvc_name_suffix`` (or neither): the cluster names the claim ``<uuid><suffix>``, new
  for each run; locally it is ``<run id><suffix>`` (``<run id>-<task>`` without a suffix),
  the folder ``<run folder>/volumes/<name>``, so it goes with the run;
* both given: the step fails as the backend's does.
* DeletePVC keeps the folder, and says so: a local run never deletes a person's files (the
  run folder, or the named folder, stays for inspection).
* kfp 1 ``dsl.VolumeOp``: Argo names the claim ``<workflow name>-<resource name>``, locally
  ``<run id>-<resource name>`` in the run folder; with ``generate_unique_name=False`` it is
  the named folder. Its ``size`` output is the size asked for (the cluster reports what it
  provisioned); its ``manifest`` (the claim as Kubernetes made it) has no local value, so a
  pipeline reading it is refused before the run.

* kfp 1 ``dsl.VolumeSnapshotOp``: Argo names the snapshot ``<workflow name>-<resource
  name>``, locally ``<run id>-<resource name>``: a copy of the claim's folder, made when the
  step runs, in ``<run folder>/snapshots/``. Its ``size`` output is the size of what it
  copied, in bytes (the cluster reports the snapshot's restore size). A VolumeOp with that
  snapshot as its ``data_source`` starts as a copy of it; one restored from a snapshot this
  run did not make starts empty, and says so.

The step's output ``name`` is the claim's name, as on the cluster; tasks that mount the
claim (``mount_pvc(pvc_name=create.outputs['name'])``, ``add_pvolumes({...: vop.volume})``)
get its folder (``local_volumes``).
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from designer.ir import InputError, Pipeline
from designer.ir.model import argument_refs
from designer.ir.naming import sanitize_k8s_name
from designer.ir.volumes import VolumeComponent

from .program import Program

_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def folder_name(claim: str) -> str:
    """A claim's name as a folder name (what ``LocalMount.folder`` uses too)."""
    return _SAFE.sub("_", claim)


def check(pipeline: Pipeline) -> None:
    """InputError, before anything runs, for a volume step's output a local run cannot
    give (a VolumeOp's manifest)."""
    ops = {t.id: t.name for t in pipeline.tasks
           if isinstance(pipeline.component_of(t), VolumeComponent)
           and pipeline.component_of(t).origin == "v1"}
    for task, _name, arg in pipeline.iter_references():
        for ref in argument_refs(arg):
            if ref.task_id in ops and ref.output == "manifest":
                raise InputError(f"task `{task.name}` reads the manifest of the volume step "
                                 f"`{ops[ref.task_id]}`, which only a cluster makes (a local "
                                 "run gives its name and size)")


def program(comp: VolumeComponent) -> Program:
    """A stand-in Program (names, ports, cache identity) for the runner's bookkeeping; the
    step itself runs in the runner (``carry_out``), not as a process."""
    image = {"create": "argostub/createpvc", "delete": "argostub/deletepvc"}.get(
        comp.action, f"argostub/{comp.action}")
    spec = {"name": comp.name, "implementation": {"container": {"image": image}},
            "inputs": [{"name": i.name, "optional": i.has_default}
                       for i in comp.signature.inputs],
            "outputs": [{"name": o.name} for o in comp.signature.outputs]}
    return Program.from_spec(spec)


@dataclass(frozen=True)
class Done:
    outputs: dict[str, str]          # output name -> value
    lines: list[str]                 # for the task's log
    claim: tuple[str, Path] | None   # a claim this step made: (name, folder)


def carry_out(comp: VolumeComponent, values: Mapping[str, str], run_dir: Path,
              volumes_dir: Path, task_name: str, claims: Mapping[str, Path]) -> Done:
    """Runs one CreatePVC / DeletePVC with its inputs' values (as text); ValueError with
    the backend's reason when the step fails."""
    if comp.origin == "v1" and comp.action == "snapshot":
        return _snapshot(comp, values, run_dir, volumes_dir, claims)
    if comp.origin == "v1":
        return _volume_op(comp, values, run_dir, volumes_dir, claims)
    if comp.action == "delete":
        claim = values.get("pvc_name", "")
        folder = claims.get(claim) or volumes_dir / folder_name(claim)
        return Done({}, [f"DeletePVC `{claim}`: a local run keeps its folder {folder} (on a "
                         "cluster the claim and its data are deleted)"], None)
    name, suffix = values.get("pvc_name", ""), values.get("pvc_name_suffix", "")
    if name and suffix:
        raise ValueError("failed to create pvc: at most one of pvc_name and pvc_name_suffix "
                         "can be non-empty")
    if name:
        folder, how = volumes_dir / folder_name(name), "a named claim, shared across runs"
    else:
        name = run_dir.name + (suffix or f"-{task_name}")
        folder, how = run_dir / "volumes" / folder_name(name), "this run's claim"
    existed = folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    size = values.get("size", "")
    lines = [f"CreatePVC `{name}` ({how}) is the folder {folder}"
             + (" (it existed: its files are kept)" if existed else "")
             + (f"; size {size}, access modes and storage class apply on the cluster"
                if size else "")]
    return Done({"name": name}, lines, (name, folder))


def _volume_op(comp: VolumeComponent, values: Mapping[str, str], run_dir: Path,
               volumes_dir: Path, claims: Mapping[str, Path]) -> Done:
    resource = values.get("resource_name") or comp.name
    unique = values.get("generate_unique_name", "True").strip().lower() not in ("false", "0")
    resource = sanitize_k8s_name(resource)
    if unique:
        name = f"{run_dir.name}-{resource}"
        folder, how = run_dir / "volumes" / folder_name(name), "this run's claim"
    else:
        name = resource
        folder, how = volumes_dir / folder_name(name), "a named claim, shared across runs"
    folder = claims.get(name, folder)
    existed = folder.is_dir()
    source = values.get("data_source", "")
    lines = []
    if source and not existed:
        snapshot = claims.get(source)
        if snapshot is not None and snapshot.is_dir():
            shutil.copytree(snapshot, folder)
            lines.append(f"VolumeOp `{name}`: restored from the snapshot `{source}`")
        else:
            lines.append(f"VolumeOp `{name}`: the snapshot `{source}` is not one this run "
                         "made, so the folder starts empty (on a cluster the claim is "
                         "restored from it)")
    folder.mkdir(parents=True, exist_ok=True)
    size = values.get("size", "")
    lines.insert(0, f"VolumeOp `{name}` ({how}) is the folder {folder}"
                 + (" (it existed: its files are kept)" if existed else "")
                 + "; size, access modes and storage class apply on the cluster")
    return Done({"name": name, "size": size}, lines, (name, folder))


def _snapshot(comp: VolumeComponent, values: Mapping[str, str], run_dir: Path,
              volumes_dir: Path, claims: Mapping[str, Path]) -> Done:
    """A VolumeSnapshotOp: a copy of the claim's folder as it is now."""
    claim = values.get("pvc", "")
    source = claims.get(claim) or volumes_dir / folder_name(claim)
    if not source.is_dir():
        raise ValueError(f"VolumeSnapshotOp `{comp.name}`: the claim `{claim}` has no folder "
                         f"({source}): a local run snapshots claims it can see")
    name = f"{run_dir.name}-{sanitize_k8s_name(values.get('resource_name') or comp.name)}"
    folder = run_dir / "snapshots" / folder_name(name)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    line = (f"VolumeSnapshotOp `{name}` is a copy of the claim `{claim}` in {folder} "
            f"({size} bytes); the snapshot class and API version apply on the cluster")
    return Done({"name": name, "size": str(size)}, [line], (name, folder))


__all__ = ["check", "program", "carry_out", "Done", "folder_name"]
