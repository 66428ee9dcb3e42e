# dsl.VolumeOp: a PVC created by a resource template (its manifest, its outputs read by
# jsonPath), mounted with pvolumes and add_pvolumes (the volume's name is the VolumeOp's, the
# claim its `name` output), passed on from op to op (which then run in order), sized from a
# pipeline parameter; a second VolumeOp with a fixed name, a storage class and annotations.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def list_dir(folder: str, note: str = "") -> str:
    import os
    return ",".join(os.listdir(folder)) + note


@dsl.pipeline(name="volume-ops")
def volume_ops(size: str = "1Gi"):
    vop = dsl.VolumeOp(name="create pvc", resource_name="my-pvc", modes=dsl.VOLUME_MODE_RWO,
                       size=size)
    write = dsl.ContainerOp(name="write", image="alpine:3.18",
                            command=["sh", "-c", "echo hi > /mnt/file"],
                            pvolumes={"/mnt": vop.volume})
    dsl.ContainerOp(name="read", image="alpine:3.18", command=["cat", "/mnt/file"],
                    pvolumes={"/mnt": write.pvolume})
    fixed = dsl.VolumeOp(name="fixed", resource_name="Shared Data", size="10Gi",
                         storage_class="standard", annotations={"team": "ml"},
                         generate_unique_name=False)
    listed = list_dir("/data", vop.outputs["size"])
    listed.add_pvolumes({"/data": fixed.volume})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(volume_ops, sys.argv[1])
