# kfp 1.8.9 task settings and pipeline configuration: display names, caching (options and
# max_cache_staleness), retries, timeouts, resources in call order, GPUs, node selectors,
# tolerations, environment (plain, parameter, secret and config map keys, container_kwargs),
# pod labels and annotations, pull policy, aws/gcp/k8s secret modifiers, volumes (VolumeOp,
# pvolumes passed on from op to op, PipelineVolume, add_volume with its mount, mount_pvc),
# run placeholders, and dsl.get_pipeline_conf(). Read by test_kfp_python_structure.py.
from kfp import dsl, onprem
from kfp.aws import use_aws_secret
from kfp.components import create_component_from_func
from kfp.gcp import use_gcp_secret
from kubernetes import client as k8s
from kubernetes.client import V1EnvVar, V1Toleration


@create_component_from_func
def train(epochs: int) -> str:
    return str(epochs)


def writer(path, vol):
    return dsl.ContainerOp(name="write", image="alpine", command=["sh", "-c", "date > %s" % path],
                           pvolumes={"/data": vol})


@dsl.pipeline(name="settings")
def settings(epochs: int = 3, region: str = "eu"):
    t = train(epochs).set_display_name("Train it").set_retry(3, policy="OnFailure",
                                                             backoff_duration="30s")
    t.set_timeout(600)
    t.execution_options.caching_strategy.max_cache_staleness = "P0D"
    t.set_memory_limit("2Gi").set_cpu_limit("1").set_cpu_request("500m")
    t.set_gpu_limit(1)
    t.add_node_selector_constraint("cloud.google.com/gke-accelerator", "nvidia-tesla-t4")
    t.add_toleration(V1Toleration(key="gpu", operator="Exists", effect="NoSchedule"))
    t.add_pod_label("team", "ml").add_pod_annotation("note", "first")
    t.container.add_env_variable(V1EnvVar(name="EPOCHS", value=str(epochs)))
    t.add_env_variable(V1EnvVar(name="TOKEN", value_from=k8s.V1EnvVarSource(
        secret_key_ref=k8s.V1SecretKeySelector(name="creds", key="token"))))
    t.container.add_env_variable(V1EnvVar(name="MODE", value_from=k8s.V1EnvVarSource(
        config_map_key_ref=k8s.V1ConfigMapKeySelector(name="conf", key="mode"))))
    t.container.set_image_pull_policy("Always")
    t.set_caching_options(False)
    t.apply(use_aws_secret("aws", "KEY_ID", "SECRET", region))
    t.apply(use_gcp_secret("user-gcp-sa"))
    t.apply(onprem.use_k8s_secret("db", {"password": "DB_PASSWORD"}))
    t.apply(onprem.mount_pvc("shared", "shared-vol", "/shared"))

    vop = dsl.VolumeOp(name="make-pvc", resource_name="scratch", size="1Gi",
                       modes=dsl.VOLUME_MODE_RWO)
    first = writer("/data/a", vop.volume)
    second = writer("/data/b", first.pvolume)
    dsl.ContainerOp(name="read", image="alpine", command=["ls", "/data"],
                    pvolumes={"/data": second.pvolume, "/more": dsl.PipelineVolume(pvc="other")},
                    container_kwargs={"env": [V1EnvVar("RUN", dsl.RUN_ID_PLACEHOLDER)]})
    dsl.ContainerOp(name="claim", image="alpine", command=["echo", vop.output,
                                                            vop.outputs["size"]])
    named = dsl.ContainerOp(name="named", image="alpine", command=["true"])
    named.add_volume(k8s.V1Volume(name="cfg", config_map=k8s.V1ConfigMapVolumeSource(
        name="app-config")))
    named.container.add_volume_mount(k8s.V1VolumeMount(name="cfg", mount_path="/etc/app",
                                                       read_only=True))
    named.add_pvolumes({"/named": dsl.PipelineVolume(pvc="claimed", name="by-name")})

    conf = dsl.get_pipeline_conf()
    conf.set_ttl_seconds_after_finished(3600)
    conf.set_parallelism(4)
    conf.set_image_pull_secrets([k8s.V1LocalObjectReference(name="registry")])
    conf.set_default_pod_node_selector("pool", "batch")
    conf.set_timeout(7200)
