# Task settings and pipeline-wide settings in kfp 1: display name, caching (off, and a cache
# staleness), retries with a policy and backoff, timeout, CPU/memory requests and limits,
# GPU limits (nvidia, amd), node selectors, tolerations, environment variables (a value, a
# pipeline parameter, a secret key, a config map key), volumes (PipelineVolume by claim name,
# also from a parameter), pod labels and annotations, image pull policy; PipelineConf: TTL,
# parallelism, image pull secrets, default node selector, timeout, image pull policy.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import (V1ConfigMapKeySelector, V1EnvVar, V1EnvVarSource,
                               V1LocalObjectReference, V1SecretKeySelector, V1Toleration)


@create_component_from_func
def train(epochs: int) -> float:
    return epochs / 10


@create_component_from_func
def serve(score: float):
    print(score)


@dsl.pipeline(name="task-settings")
def task_settings(epochs: int = 3, claim: str = "shared-data", region: str = "eu"):
    trained = train(epochs)
    trained.set_display_name("Train the model")
    trained.execution_options.caching_strategy.max_cache_staleness = "P30D"
    trained.set_retry(3, policy="Always", backoff_duration="10s", backoff_factor=2,
                      backoff_max_duration="5m")
    trained.set_timeout(3600)
    trained.set_cpu_request("500m").set_memory_request("1Gi")
    trained.set_cpu_limit("2").set_memory_limit("4Gi")
    trained.set_gpu_limit(1)
    trained.add_node_selector_constraint("cloud.google.com/gke-accelerator", "nvidia-tesla-t4")
    trained.add_toleration(V1Toleration(key="gpu", operator="Equal", value="yes",
                                        effect="NoSchedule"))
    trained.add_toleration(V1Toleration(key="spot", operator="Exists",
                                        toleration_seconds=30))
    trained.container.add_env_variable(V1EnvVar(name="MODE", value="train"))
    trained.container.add_env_variable(V1EnvVar(name="REGION", value=region))
    trained.container.add_env_variable(V1EnvVar(
        name="TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="api-secret", key="token"))))
    trained.container.add_env_variable(V1EnvVar(
        name="LEVEL", value_from=V1EnvVarSource(
            config_map_key_ref=V1ConfigMapKeySelector(name="settings", key="level"))))
    trained.add_pvolumes({"/data": dsl.PipelineVolume(pvc="training-data"),
                          "/shared": dsl.PipelineVolume(pvc=claim)})
    trained.add_pod_label("team", "ml")
    trained.add_pod_annotation("owner", "someone@example.com")
    trained.container.set_image_pull_policy("Always")

    served = serve(trained.output)
    served.set_caching_options(False)
    served.set_gpu_limit("2", "amd")
    served.set_memory_limit("512Mi")
    served.set_retry(2)

    conf = dsl.get_pipeline_conf()
    conf.set_ttl_seconds_after_finished(86400)
    conf.set_parallelism(4)
    conf.set_image_pull_secrets([V1LocalObjectReference(name="regcred")])
    conf.set_default_pod_node_selector("pool", "batch")
    conf.set_timeout(7200)
    conf.set_image_pull_policy("IfNotPresent")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(task_settings, sys.argv[1])
