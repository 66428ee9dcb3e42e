# Volume snapshots in kfp 1 (`dsl.VolumeSnapshotOp`), as kfp's volume_snapshot_ops samples use
# them: a snapshot of a mounted volume (`volume=step.pvolume`: its claim, after the task that
# wrote it), a new volume restored from it (`data_source=snap.snapshot`, its size from the
# snapshot's `size` output), a snapshot of a claim named by a pipeline parameter (`pvc=`) with
# a snapshot class, annotations and another API version. kfp 2 has no snapshot step: the v2
# compiler refuses them.
import sys

import kfp
from kfp import dsl


@dsl.pipeline(name="volume-snapshots")
def volume_snapshots(claim: str = "shared-data"):
    vop1 = dsl.VolumeOp(name="create_volume_1", resource_name="vol1", size="1Gi",
                        modes=dsl.VOLUME_MODE_RWM)
    step1 = dsl.ContainerOp(name="step1_concat", image="library/bash:4.4.23",
                            command=["sh", "-c"],
                            arguments=["cat /data/file* | gzip -c >/data/full.gz"],
                            pvolumes={"/data": vop1.volume})
    snap1 = dsl.VolumeSnapshotOp(name="create_snapshot_1", resource_name="snap1",
                                 volume=step1.pvolume)
    vop2 = dsl.VolumeOp(name="create_volume_2", resource_name="vol2",
                        data_source=snap1.snapshot, size=snap1.outputs["size"])
    dsl.ContainerOp(name="step2_gunzip", image="library/bash:4.4.23",
                    command=["gunzip", "-k", "/data/full.gz"], pvolumes={"/data": vop2.volume})
    dsl.VolumeSnapshotOp(name="backup", resource_name="Backup Of Claim", pvc=claim,
                         snapshot_class="csi-snapclass", annotations={"team": "ml"},
                         api_version="snapshot.storage.k8s.io/v1")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(volume_snapshots, sys.argv[1])
