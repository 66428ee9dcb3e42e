# Resources other than CPU, memory and GPUs in kfp 1 (`container.add_resource_limit` /
# `add_resource_request` by name, and kfp.gcp's `use_tpu`, as kfp's compiler test data
# basic.py uses it): ephemeral storage, huge pages, TPU cores; written after cpu, memory and
# GPUs, in the order they were set. kfp 2 has none of them: the v2 compiler refuses them.
import sys

import kfp
from kfp import dsl, gcp
from kfp.components import create_component_from_func


@create_component_from_func
def show(text: str):
    print(text)


@dsl.pipeline(name="other-resources")
def other_resources(text: str = "hi"):
    scratch = show(text)
    scratch.container.set_cpu_limit("1")
    scratch.container.set_memory_request("1Gi")
    scratch.container.add_resource_limit("ephemeral-storage", "10Gi")
    scratch.container.add_resource_request("ephemeral-storage", "2Gi")
    scratch.container.add_resource_limit("hugepages-2Mi", "100Mi")
    scratch.container.add_resource_limit("ephemeral-storage", "20Gi")
    tpu = show("tpu")
    tpu.container.set_gpu_limit("2")
    tpu.apply(gcp.use_tpu(tpu_cores=8, tpu_resource="v2", tf_version="1.12"))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(other_resources, sys.argv[1])
