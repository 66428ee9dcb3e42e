# kfp 2 with kfp-kubernetes: environment variables from fields of the pod (the downward API:
# its name, a label, an annotation), next to plain and secret ones; secrets and config maps
# that may be missing (optional=True), as variables and as volumes; image pull secrets (named,
# and from a pipeline parameter); node affinity (required and preferred terms, on labels and
# fields, and whole from JSON: a dict and a pipeline parameter); node selectors and tolerations
# from JSON (fixed, and given by pipeline parameters); who the container runs as (security
# context, set in two calls).
from kfp import compiler, dsl, kubernetes


@dsl.component
def show(text: str):
    print(text)


@dsl.pipeline(name="pod-settings")
def pod_settings(text: str = "hi", registry: str = "regcred", affinity: dict = {},
                 selector: dict = {}, tolerations: list = []):
    shown = show(text=text)
    shown.set_env_variable("MODE", "fast")
    kubernetes.add_pod_label(shown, "team", "ml")
    kubernetes.use_field_path_as_env(shown, "POD_NAME", "metadata.name")
    kubernetes.use_secret_as_env(shown, "db", {"user": "DB_USER"})
    kubernetes.use_field_path_as_env(shown, "TEAM", "metadata.labels['team']")
    plain = show(text="plain")
    kubernetes.use_field_path_as_env(plain, "OWNER", "metadata.annotations['owner']")
    maybe = show(text="maybe")
    kubernetes.use_secret_as_env(maybe, "api", {"token": "TOKEN", "user": "USER"},
                                 optional=True)
    kubernetes.use_secret_as_env(maybe, "api", {"key": "KEY"})
    kubernetes.use_config_map_as_env(maybe, "settings", {"level": "LEVEL"}, optional=True)
    kubernetes.use_secret_as_volume(maybe, "certs", mount_path="/certs", optional=True)
    kubernetes.use_config_map_as_volume(maybe, "conf", mount_path="/conf", optional=True)
    kubernetes.set_image_pull_secrets(maybe, ["team-registry", registry])
    kubernetes.set_image_pull_secrets(plain, ["team-registry"])
    placed = show(text="placed")
    kubernetes.add_node_affinity(placed, match_expressions=[
        {"key": "disktype", "operator": "In", "values": ["ssd", "nvme"]},
        {"key": "gpu", "operator": "Exists"}])
    kubernetes.add_node_affinity(placed, match_fields=[
        {"key": "metadata.name", "operator": "NotIn", "values": ["node-1"]}])
    kubernetes.add_node_affinity(placed, match_expressions=[
        {"key": "zone", "operator": "In", "values": ["a"]}], weight=20)
    kubernetes.set_security_context(placed, run_as_user=1000, run_as_non_root=True)
    kubernetes.set_security_context(placed, run_as_group=100)
    whole = show(text="whole")
    kubernetes.add_node_affinity_json(whole, {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchExpressions": [
            {"key": "pool", "operator": "In", "values": ["batch"]}]}]}})
    kubernetes.add_node_selector_json(whole, {"disktype": "ssd"})
    kubernetes.add_toleration_json(whole, [
        {"key": "gpu", "operator": "Exists", "effect": "NoSchedule"},
        {"key": "team", "operator": "Equal", "value": "ml", "toleration_seconds": 60}])
    given = show(text="given")
    kubernetes.add_node_affinity_json(given, affinity)
    kubernetes.add_node_selector_json(given, selector)
    kubernetes.add_toleration(given, key="spot", operator="Exists")
    kubernetes.add_toleration_json(given, tolerations)


if __name__ == "__main__":
    compiler.Compiler().compile(pod_settings, "pipeline.yaml")
