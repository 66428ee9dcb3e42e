# Pod settings in kfp 1 that read the pod or the cluster: environment variables from fields of
# the pod (the downward API: its name, a label, an annotation).
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import V1EnvVar, V1EnvVarSource, V1ObjectFieldSelector


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


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(pod_settings, sys.argv[1])
