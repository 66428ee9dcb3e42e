# kfp 1 volumes other than add_pvolumes of a claim: add_volume(V1Volume) with
# container.add_volume_mount(V1VolumeMount) for a secret, a config map, an empty dir and a
# claim (read-only, with a sub path), and a PipelineVolume given its own name.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import (V1ConfigMapVolumeSource, V1EmptyDirVolumeSource,
                               V1PersistentVolumeClaimVolumeSource, V1SecretVolumeSource,
                               V1Volume, V1VolumeMount)


@create_component_from_func
def list_files(folder: str):
    import os
    print(os.listdir(folder))


@dsl.pipeline(name="volumes")
def volumes():
    task = list_files("/etc/app")
    task.add_volume(V1Volume(name="creds", secret=V1SecretVolumeSource(secret_name="db-creds")))
    task.container.add_volume_mount(V1VolumeMount(name="creds", mount_path="/etc/creds",
                                                  read_only=True))
    task.add_volume(V1Volume(name="config", config_map=V1ConfigMapVolumeSource(name="app")))
    task.container.add_volume_mount(V1VolumeMount(name="config", mount_path="/etc/app"))
    task.add_volume(V1Volume(name="scratch", empty_dir=V1EmptyDirVolumeSource()))
    task.container.add_volume_mount(V1VolumeMount(name="scratch", mount_path="/scratch"))
    task.add_volume(V1Volume(name="data", persistent_volume_claim=(
        V1PersistentVolumeClaimVolumeSource(claim_name="datasets"))))
    task.container.add_volume_mount(V1VolumeMount(name="data", mount_path="/data",
                                                  sub_path="images"))
    task.add_pvolumes({"/models": dsl.PipelineVolume(pvc="models", name="model-store")})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(volumes, sys.argv[1])
