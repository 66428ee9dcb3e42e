# kfp 2 with kfp-kubernetes: node selectors, tolerations, secrets and config maps as
# environment variables and as volumes, PVC mounts (a fixed claim, a pipeline parameter, a
# claim named by an upstream task's output, also inside a loop), an empty dir, pod labels
# and annotations, image pull policy and a timeout. kfp writes them as a platform spec, the
# second YAML document.
from kfp import compiler, dsl, kubernetes


@dsl.component
def claim_name(prefix: str) -> str:
    return prefix + "-claim"


@dsl.component
def use(text: str):
    print(text)


@dsl.pipeline(name="kubernetes")
def k8s(claim: str = "shared", text: str = "x"):
    named = claim_name(prefix=text)
    placed = use(text="placed")
    kubernetes.add_node_selector(placed, "disktype", "ssd")
    kubernetes.add_node_selector(placed, "zone", "a")
    kubernetes.add_toleration(placed, key="gpu", operator="Equal", value="yes",
                              effect="NoSchedule")
    kubernetes.add_toleration(placed, key="spot", operator="Exists", effect="NoExecute",
                              toleration_seconds=3600)
    secret = use(text="secret")
    kubernetes.use_secret_as_env(secret, "db", {"user": "DB_USER", "password": "DB_PASS"})
    kubernetes.use_config_map_as_env(secret, "settings", {"mode": "MODE"})
    kubernetes.use_secret_as_volume(secret, "certs", mount_path="/certs")
    kubernetes.use_config_map_as_volume(secret, "conf", mount_path="/conf")
    mounted = use(text="mounted")
    kubernetes.mount_pvc(mounted, pvc_name="data-claim", mount_path="/data")
    kubernetes.mount_pvc(mounted, pvc_name=claim, mount_path="/shared", sub_path="sub")
    from_task = use(text="from task")
    kubernetes.mount_pvc(from_task, pvc_name=named.output, mount_path="/named")
    with dsl.ParallelFor(["a", "b"]) as item:
        inner = use(text=item)
        kubernetes.mount_pvc(inner, pvc_name=named.output, mount_path="/named")
        kubernetes.mount_pvc(inner, pvc_name=claim, mount_path="/shared")
    meta = use(text="meta")
    kubernetes.add_pod_label(meta, "team", "ml")
    kubernetes.add_pod_annotation(meta, "owner", "kim")
    kubernetes.set_image_pull_policy(meta, "Always")
    kubernetes.set_timeout(meta, 600)
    kubernetes.empty_dir_mount(meta, volume_name="scratch", mount_path="/scratch")


if __name__ == "__main__":
    compiler.Compiler().compile(k8s, "pipeline.yaml")
