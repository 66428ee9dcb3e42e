# Pod settings in kfp 1 that read the pod or the cluster: environment variables from fields of
# the pod (the downward API: its name, a label, an annotation); secrets and config maps that
# may be missing (optional keys and volumes); node affinity (required and preferred terms, on
# labels and fields; kfp.gcp's preemptible node pool, a toleration and an affinity); who the
# container runs as (security context); a folder of the node (host path volume).
import sys

import kfp
from kfp import dsl, gcp
from kfp.components import create_component_from_func
from kubernetes.client import (V1Affinity, V1ConfigMapKeySelector, V1ConfigMapVolumeSource,
                               V1EnvVar, V1EnvVarSource, V1NodeAffinity, V1NodeSelector,
                               V1NodeSelectorRequirement, V1NodeSelectorTerm,
                               V1ObjectFieldSelector, V1PreferredSchedulingTerm,
                               V1HostPathVolumeSource, V1SecretKeySelector,
                               V1SecretVolumeSource, V1SecurityContext, V1Volume,
                               V1VolumeMount)


@create_component_from_func
def show(text: str):
    print(text)


@dsl.pipeline(name="pod-settings")
def pod_settings(text: str = "hi"):
    shown = show(text)
    shown.add_pod_label("team", "ml")
    shown.container.add_env_variable(V1EnvVar(
        name="POD_NAME", value_from=V1EnvVarSource(
            field_ref=V1ObjectFieldSelector(field_path="metadata.name"))))
    shown.container.add_env_variable(V1EnvVar(name="MODE", value="fast"))
    shown.container.add_env_variable(V1EnvVar(
        name="TEAM", value_from=V1EnvVarSource(
            field_ref=V1ObjectFieldSelector(field_path="metadata.labels['team']"))))
    maybe = show("maybe")
    maybe.container.add_env_variable(V1EnvVar(
        name="TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="api", key="token", optional=True))))
    maybe.container.add_env_variable(V1EnvVar(
        name="LEVEL", value_from=V1EnvVarSource(
            config_map_key_ref=V1ConfigMapKeySelector(name="settings", key="level",
                                                      optional=True))))
    maybe.add_volume(V1Volume(name="certs", secret=V1SecretVolumeSource(
        secret_name="certs", optional=True)))
    maybe.container.add_volume_mount(V1VolumeMount(name="certs", mount_path="/certs"))
    maybe.add_volume(V1Volume(name="conf", config_map=V1ConfigMapVolumeSource(
        name="conf", optional=True)))
    maybe.container.add_volume_mount(V1VolumeMount(name="conf", mount_path="/conf"))
    placed = show("placed")
    placed.add_affinity(V1Affinity(node_affinity=V1NodeAffinity(
        required_during_scheduling_ignored_during_execution=V1NodeSelector(node_selector_terms=[
            V1NodeSelectorTerm(match_expressions=[
                V1NodeSelectorRequirement(key="disktype", operator="In", values=["ssd", "nvme"]),
                V1NodeSelectorRequirement(key="gpu", operator="Exists")]),
            V1NodeSelectorTerm(match_fields=[
                V1NodeSelectorRequirement(key="metadata.name", operator="NotIn",
                                          values=["node-1"])])]),
        preferred_during_scheduling_ignored_during_execution=[
            V1PreferredSchedulingTerm(weight=20, preference=V1NodeSelectorTerm(
                match_expressions=[V1NodeSelectorRequirement(key="zone", operator="In",
                                                             values=["a"])]))])))
    spot = show("spot").apply(gcp.use_preemptible_nodepool())
    spot_only = show("spot only").apply(gcp.use_preemptible_nodepool(hard_constraint=True))
    placed.add_volume(V1Volume(name="workspace", host_path=V1HostPathVolumeSource(
        path="/mnt/workspace")))
    placed.container.add_volume_mount(V1VolumeMount(name="workspace", mount_path="/workspace"))
    placed.container.set_security_context(V1SecurityContext(run_as_user=1000, run_as_group=100,
                                                            run_as_non_root=True))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(pod_settings, sys.argv[1])
