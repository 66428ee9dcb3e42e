"""kfp-kubernetes volumes in a local run: CreatePVC makes a folder (this run's, or a named
one shared across runs), tasks that mount the claim it outputs see that folder, DeletePVC
keeps the files and says so."""
from __future__ import annotations

import json
import re
from pathlib import Path

from designer.cli import main

PIPELINE = '''from kfp import dsl, kubernetes


@dsl.component
def write(text: str) -> str:
    import os
    os.makedirs("/data/notes", exist_ok=True)
    with open("/data/notes/note.txt", "a") as f:
        f.write(text + "\\n")
    return text


@dsl.component
def read() -> str:
    with open("/in/notes/note.txt") as f:
        text = f.read()
    print("read", repr(text))
    return text


@dsl.pipeline(name="pvc-run")
def pvc_run(text: str = "hello", claim: str = "kept-claim"):
    own = kubernetes.CreatePVC(pvc_name_suffix="-scratch", access_modes=["ReadWriteOnce"],
                               size="1Gi")
    named = kubernetes.CreatePVC(pvc_name=claim, access_modes=["ReadWriteOnce"], size="1Gi")
    writer = write(text=text)
    kubernetes.mount_pvc(writer, pvc_name=own.outputs["name"], mount_path="/data")
    reader = read().after(writer)
    kubernetes.mount_pvc(reader, pvc_name=own.outputs["name"], mount_path="/in")
    keeper = write(text=text)
    kubernetes.mount_pvc(keeper, pvc_name=named.outputs["name"], mount_path="/data")
    kubernetes.DeletePVC(pvc_name=own.outputs["name"]).after(reader)
'''


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["run", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def _run_dir(out: str) -> Path:
    return Path(re.search(r"records in (\S+)", out).group(1))


def test_a_created_claim_is_a_folder_of_the_run_and_a_named_one_is_shared(
        capsys, tmp_path, isolated_cache) -> None:
    source = tmp_path / "pvc_run.py"
    source.write_text(PIPELINE)
    args = [source, "--workdir", tmp_path / "runs"]
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    run_dir = _run_dir(out)
    claim = f"{run_dir.name}-scratch"           # the cluster's <uuid><suffix>, per run
    folder = run_dir / "volumes" / claim
    assert (folder / "notes" / "note.txt").read_text() == "hello\n"
    # The reader mounted the claim the CreatePVC step named, at another path: same files.
    assert re.search(r"\[reader\]\s+read 'hello\\n'", out), out
    assert f"CreatePVC `{claim}` (this run's claim) is the folder {folder}" in out
    # DeletePVC runs after the reader, keeps the folder and says so.
    assert "a local run keeps its folder" in out and folder.is_dir()
    record = json.loads((run_dir / "run.json").read_text())
    outputs = {t["name"]: t["outputs"] for t in record["tasks"]}
    assert outputs["own"] == {"name": claim} and outputs["named"] == {"name": "kept-claim"}
    named = (isolated_cache / "volumes" / "kept-claim").resolve()
    assert (named / "notes" / "note.txt").read_text() == "hello\n"
    # A second run: a new folder for the suffixed claim, the named one keeps its files.
    code, out, err = run_cli(capsys, *args, "-p", "text=again")
    assert code == 0, out + err
    second = _run_dir(out)
    assert second != run_dir
    assert (second / "volumes" / f"{second.name}-scratch" / "notes" / "note.txt"
            ).read_text() == "again\n"
    assert (named / "notes" / "note.txt").read_text() == "hello\nagain\n"
    assert "(it existed: its files are kept)" in out


BOTH = '''from kfp import dsl, kubernetes


@dsl.pipeline(name="both-names")
def both_names():
    kubernetes.CreatePVC(pvc_name="a", pvc_name_suffix="-b", access_modes=["ReadWriteOnce"],
                         size="1Gi")
'''


def test_a_claim_with_a_name_and_a_suffix_fails_as_on_the_cluster(
        capsys, tmp_path, isolated_cache) -> None:
    source = tmp_path / "both.py"
    source.write_text(BOTH)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code != 0
    assert "at most one of pvc_name and pvc_name_suffix can be non-empty" in out + err


VOLUME_OP = '''import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def write(text: str):
    with open("/data/note.txt", "w") as f:
        f.write(text)


@create_component_from_func
def read(size: str) -> str:
    with open("/mnt/note.txt") as f:
        text = f.read()
    print("read", text, "of", size)
    return text


@dsl.pipeline(name="vop")
def vop():
    made = dsl.VolumeOp(name="make", resource_name="data", size="1Gi")
    writer = write("hello").add_pvolumes({"/data": made.volume})
    read(made.outputs["size"]).add_pvolumes({"/mnt": made.volume}).after(writer)
'''


def test_a_kfp_1_volume_op_is_a_folder_of_the_run(capsys, tmp_path, isolated_cache) -> None:
    source = tmp_path / "vop.py"
    source.write_text(VOLUME_OP)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    run_dir = _run_dir(out)
    claim = f"{run_dir.name}-data"      # Argo: {{workflow.name}}-data
    assert (run_dir / "volumes" / claim / "note.txt").read_text() == "hello"
    assert re.search(r"\[read_task\]\s+read hello of 1Gi", out), out
    # Its manifest is the cluster's: a pipeline reading it does not start.
    source.write_text(VOLUME_OP.replace('made.outputs["size"]', 'made.outputs["manifest"]'))
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs2")
    assert code != 0
    assert "reads the manifest of the volume step `made`" in out + err
    assert not (tmp_path / "runs2").exists() or not any((tmp_path / "runs2").iterdir())


EPHEMERAL = '''from kfp import dsl, kubernetes


@dsl.component
def scratch() -> str:
    import os
    with open("/scratch/x.txt", "w") as f:
        f.write("tmp")
    return os.environ["KFP_VOLUME_1"]


@dsl.pipeline(name="ephemeral-run")
def ephemeral_run():
    for name in ("a", "b"):
        t = scratch()
        kubernetes.add_ephemeral_volume(t, volume_name="s", mount_path="/scratch",
                                        access_modes=["ReadWriteOnce"], size="1Gi")
'''


def test_an_ephemeral_volume_is_a_fresh_folder_of_each_task(capsys, tmp_path,
                                                            isolated_cache) -> None:
    source = tmp_path / "ephemeral.py"
    source.write_text(EPHEMERAL)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    record = json.loads((_run_dir(out) / "run.json").read_text())
    folders = [Path(t["outputs"]["Output"]) for t in record["tasks"]]
    assert len(set(folders)) == 2            # one per task, as one per pod
    for folder in folders:
        assert (folder / "x.txt").read_text() == "tmp"
        assert _run_dir(out) in folder.parents
    assert "ephemeral volume: its size and class apply on the cluster" in out


def test_an_empty_dirs_medium_and_size_limit_apply_on_the_cluster(capsys, tmp_path,
                                                                   isolated_cache) -> None:
    source = tmp_path / "empty.py"
    source.write_text(EPHEMERAL.replace(
        'kubernetes.add_ephemeral_volume(t, volume_name="s", mount_path="/scratch",\n'
        '                                        access_modes=["ReadWriteOnce"], size="1Gi")',
        'kubernetes.empty_dir_mount(t, volume_name="s", mount_path="/scratch",\n'
        '                                   medium="Memory", size_limit="1Gi")'))
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    assert "empty dir: its medium and size limit apply on the cluster" in out
    assert "(claim" not in out


SNAPSHOT = VOLUME_OP[:VOLUME_OP.index("@dsl.pipeline")] + '''@dsl.pipeline(name="snap")
def snap():
    made = dsl.VolumeOp(name="make", resource_name="data", size="1Gi")
    writer = write("before").add_pvolumes({"/data": made.volume})
    shot = dsl.VolumeSnapshotOp(name="shot", resource_name="snap1", volume=writer.pvolume)
    write("after").add_pvolumes({"/data": made.volume}).after(shot)
    restored = dsl.VolumeOp(name="restore", resource_name="copy", size="1Gi",
                            data_source=shot.snapshot)
    read(shot.outputs["size"]).add_pvolumes({"/mnt": restored.volume})
'''


def test_a_kfp_1_volume_snapshot_is_a_copy_a_volume_op_restores(capsys, tmp_path,
                                                                 isolated_cache) -> None:
    """VolumeSnapshotOp copies the claim's folder as it is when the step runs (the later
    write does not change it); a VolumeOp with the snapshot as its data source starts as
    that copy; the size output is the bytes copied."""
    source = tmp_path / "snap.py"
    source.write_text(SNAPSHOT)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    run_dir = _run_dir(out)
    assert (run_dir / "snapshots" / f"{run_dir.name}-snap1" / "note.txt").read_text() == "before"
    assert (run_dir / "volumes" / f"{run_dir.name}-data" / "note.txt").read_text() == "after"
    assert (run_dir / "volumes" / f"{run_dir.name}-copy" / "note.txt").read_text() == "before"
    assert re.search(r"\[read_task\]\s+read before of 6", out), out
    assert "restored from the snapshot" in out
