# Settings given by run-time values in kfp 1: resource requests and limits from task outputs
# and pipeline parameters go to the pod spec patch (kfp leaves `resources: {}` when all of
# them move), a node selector value from a parameter too, a GPU count from a parameter (kfp
# then sets the limit under the vendor's bare name), an environment variable from a secret
# named by a parameter, a pod label from a parameter.
import sys
from typing import NamedTuple

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import V1EnvVar, V1EnvVarSource, V1SecretKeySelector


@create_component_from_func
def plan() -> NamedTuple("Plan", [("memory", str), ("cpu", str)]):
    return ("1Gi", "500m")


@create_component_from_func
def work(n: int) -> int:
    return n


@dsl.pipeline(name="runtime-settings")
def runtime_settings(pool: str = "default", gpus: int = 1, secret: str = "creds",
                     owner: str = "me"):
    planned = plan()
    heavy = work(1)
    heavy.set_memory_limit(planned.outputs["memory"]).set_cpu_limit(planned.outputs["cpu"])
    heavy.set_cpu_request("100m")
    heavy.add_node_selector_constraint("pool", pool)
    heavy.add_pod_label("owner", owner)
    all_moved = work(2)
    all_moved.set_memory_request(planned.outputs["memory"])
    gpu = work(3)
    gpu.set_gpu_limit(gpus)
    gpu.container.add_env_variable(V1EnvVar(
        name="TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name=secret, key="token"))))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(runtime_settings, sys.argv[1])
