# Sidecars in kfp 1 (`dsl.Sidecar` given to `ContainerOp(sidecars=[...])` or `add_sidecar`),
# as kfp's samples/core/sidecar and its compiler test data use them: a service beside the
# task's container (command, arguments), an image from a pipeline parameter (kfp makes it an
# input of the task), a command given as one string, volumes mirrored into the sidecar, two
# sidecars on one task. kfp 2 has none: the v2 compiler refuses these tasks.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def show(text: str):
    print(text)


@dsl.pipeline(name="sidecars")
def sidecars(tag: str = "latest", port: int = 5678):
    echo = dsl.Sidecar(name="echo", image="hashicorp/http-echo:%s" % tag,
                       args=['-text="hello world"', "-listen=:%s" % port])
    download = dsl.ContainerOp(
        name="download", image="busybox", command=["sh", "-c"],
        arguments=["sleep 10; wget localhost:5678 -O /tmp/results.txt"],
        sidecars=[echo], file_outputs={"downloaded": "/tmp/results.txt"})
    shown = show(download.output)
    shown.add_sidecar(dsl.Sidecar(name="cache", image="redis:alpine",
                                  command="redis-server", mirror_volume_mounts=True))
    shown.add_sidecar(dsl.Sidecar(name="proxy", image="nginx:1.13",
                                  command=["nginx", "-g", "daemon off;"],
                                  mirror_volume_mounts=False))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(sidecars, sys.argv[1])
