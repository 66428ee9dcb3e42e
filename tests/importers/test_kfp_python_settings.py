"""kfp Python -> IR: task settings, volumes, pipeline configuration, and what is refused.

kfp 1's settings and kfp 2's PipelineTask settings are also compared with what the real
SDKs build (test_kfp_python_structure.py, fixtures data/structure/v*_settings.py); the
kfp-kubernetes functions are checked here against their expected IR.
"""
from __future__ import annotations

import textwrap

import pytest

from designer.importers import import_python
from designer.ir import Constant, OutputRef, ParamRef
from designer.ir.settings import EnvVar, PipelineConf, Retry, TaskSettings, Toleration, VolumeMount
from designer.ir.volumes import VolumeComponent
from tests.importers.ir_helpers import check_refusal, cimp

V2 = """\
from kfp import dsl, kubernetes

@dsl.component
def train(epochs: int) -> str:
    return str(epochs)

@dsl.pipeline
def p(epochs: int = 1):
"""


def v2(body: str):
    return cimp(V2 + textwrap.indent(textwrap.dedent(body), "    "))


def test_kfp_kubernetes_settings_and_volumes():
    p = v2("""\
        pvc = kubernetes.CreatePVC(pvc_name_suffix="-data", access_modes=["ReadWriteOnce"],
                                   size="5Gi", storage_class_name="standard")
        t = train(epochs=epochs)
        kubernetes.mount_pvc(t, pvc_name=pvc.outputs["name"], mount_path="/data")
        kubernetes.mount_pvc(t, pvc_name="shared-claim", mount_path="/shared", sub_path="x")
        kubernetes.use_secret_as_env(t, secret_name="creds",
                                     secret_key_to_env={"user": "USER", "pass": "PASS"})
        kubernetes.use_config_map_as_env(t, config_map_name="cfg",
                                         config_map_key_to_env={"mode": "MODE"})
        kubernetes.use_secret_as_volume(t, secret_name="certs", mount_path="/certs")
        kubernetes.use_config_map_as_volume(t, config_map_name="cfg", mount_path="/etc/cfg")
        kubernetes.empty_dir_mount(t, volume_name="scratch", mount_path="/scratch")
        kubernetes.add_node_selector(t, label_key="pool", label_value="gpu")
        kubernetes.add_toleration(t, key="gpu", operator="Exists", effect="NoSchedule")
        kubernetes.add_pod_label(t, label_key="team", label_value="ml")
        kubernetes.add_pod_annotation(t, annotation_key="note", annotation_value="x")
        kubernetes.set_image_pull_policy(t, "IfNotPresent")
        kubernetes.set_timeout(t, 120)
        kubernetes.DeletePVC(pvc_name=pvc.outputs["name"]).after(t)
        """)
    create, delete = p.components[1], p.components[2]
    assert isinstance(create, VolumeComponent) and (create.name, create.action, create.origin) \
        == ("CreatePVC", "create", "v2")
    assert isinstance(delete, VolumeComponent) and delete.action == "delete"
    assert p.tasks[0].arguments == {"pvc_name_suffix": Constant("-data"),
                                    "access_modes": Constant(["ReadWriteOnce"]),
                                    "size": Constant("5Gi"),
                                    "storage_class_name": Constant("standard")}
    assert p.tasks[1].settings == TaskSettings(
        timeout=120, node_selector={"pool": "gpu"},
        tolerations=(Toleration("gpu", "Exists", effect="NoSchedule"),),
        env=(EnvVar("USER", secret="creds", key="user"), EnvVar("PASS", secret="creds", key="pass"),
             EnvVar("MODE", config_map="cfg", key="mode")),
        volumes=(VolumeMount("/data", "pvc", OutputRef("pvc", "name"), "pvc"),
                 VolumeMount("/shared", "pvc", "shared-claim", sub_path="x"),
                 VolumeMount("/certs", "secret", "certs"),
                 VolumeMount("/etc/cfg", "config_map", "cfg"),
                 VolumeMount("/scratch", "empty_dir", volume_name="scratch")),
        pod_labels={"team": "ml"}, pod_annotations={"note": "x"},
        image_pull_policy="IfNotPresent")
    assert p.tasks[2].arguments == {"pvc_name": OutputRef("pvc", "name")}
    assert p.tasks[2].after == ["t"]


def test_kfp2_resources_keep_kfp_defaults_and_env_keeps_its_place():
    p = v2("""\
        t = train(epochs=1).set_accelerator_type("NVIDIA_TESLA_T4").set_cpu_limit("2")
        t.set_env_variable("A", "1").set_env_variable("B", "2").set_env_variable("A", "3")
        t.set_retry(2)
        """)
    assert p.tasks[0].settings == TaskSettings(
        retry=Retry(2), cpu_limit="2", accelerator_type="NVIDIA_TESLA_T4",
        accelerator_limit="1", env=(EnvVar("A", "3"), EnvVar("B", "2")))


V1 = """\
from kfp import dsl
from kfp.components import create_component_from_func

@create_component_from_func
def train(epochs: int) -> str:
    return str(epochs)

@dsl.pipeline(name="p")
def p(epochs: int = 1):
"""


def v1(body: str):
    return cimp(V1 + textwrap.indent(textwrap.dedent(body), "    "))


def test_kfp1_resources_remember_the_order_kfp_writes_them_in():
    p = v1("""\
        a = train(1).set_cpu_request("1").set_cpu_limit("2").set_memory_limit("1G")
        b = train(2).set_memory_limit("1G").set_cpu_limit("2").set_gpu_limit(1, "amd")
        """)
    assert p.tasks[0].settings == TaskSettings(cpu_request="1", cpu_limit="2",
                                               memory_limit="1G")
    assert p.tasks[1].settings == TaskSettings(
        cpu_limit="2", memory_limit="1G", accelerator_type="amd.com/gpu", accelerator_limit=1,
        resource_order=("memory_limit", "cpu_limit", "accelerator_type", "accelerator_limit"))


def test_a_pipeline_conf_given_to_compile_overrides_the_pipeline_s_own(tmp_path):
    source = V1 + textwrap.indent(textwrap.dedent("""\
        dsl.get_pipeline_conf().set_parallelism(2)
        train(epochs)
        """), "    ") + textwrap.dedent("""\

        if __name__ == "__main__":
            import kfp
            from kubernetes.client import V1LocalObjectReference
            conf = dsl.PipelineConf()
            conf.set_image_pull_secrets([V1LocalObjectReference(name="regcred")])
            conf.set_ttl_seconds_after_finished(60)
            print("other statements are not read")
            kfp.compiler.Compiler().compile(p, "p.yaml", pipeline_conf=conf)
        """)
    assert import_python(source).conf == PipelineConf(ttl_seconds_after_finished=60,
                                                      image_pull_secrets=("regcred",))
    without = source.replace(", pipeline_conf=conf", "")
    assert import_python(without).conf == PipelineConf(parallelism=2)


V1_ERRORS = {
    "bad cpu": ("train(1).set_cpu_limit('lots')  #!", "Invalid cpu string"),
    "gpu vendor": ("train(1).set_gpu_limit(1, 'intel')  #!", "vendor can only be nvidia or amd"),
    # found by the real-pipeline corpus (samples/core/resource_spec/runtime_resource_request_gpu)
    "gpu vendor from the run": ("train(1).set_gpu_limit(epochs, epochs)  #!",
                                "the GPU vendor of `set_gpu_limit` must be a string known"),
    "other resource from the run": (
        "train(1).add_resource_limit('ephemeral-storage', epochs)  #!",
        "the `ephemeral-storage` resource limit must be a string known"),
    # the designer writes other resources after cpu, memory and GPUs
    "cpu after another resource": (
        "t = train(1)\nt.add_resource_limit('ephemeral-storage', '1G')\n"
        "t.set_cpu_limit('1')  #!", "`cpu limit` is set after the `ephemeral-storage` resource "
        "limit"),
    "affinity": ("train(1).add_affinity(None)  #!",
                 "`add_affinity`'s argument must be a `V1Affinity(...)`"),
    "pod affinity": ("from kubernetes.client import V1Affinity\n"
                     "train(1).add_affinity(V1Affinity(pod_affinity=1))  #!",
                     "`V1PodAffinity`'s place must be a `V1PodAffinity(...)`"),
    # (kubernetes 18.20.0, kfp 1.8.9's client, has no namespace selector)
    "pod affinity namespace selector": (
        "from kubernetes.client import V1Affinity, V1PodAffinity, V1PodAffinityTerm as T\n"
        "train(1).add_affinity(V1Affinity(pod_affinity=V1PodAffinity(  #!\n"
        "    required_during_scheduling_ignored_during_execution=[\n"
        "        T(topology_key='zone', namespace_selector=1)])))",
        "`namespace_selector=` of `V1PodAffinityTerm` is not supported"),
    # kfp writes what was given: an empty list as `[]`, an empty object as `{}`
    "empty affinity": ("from kubernetes.client import V1Affinity\n"
                       "train(1).add_affinity(V1Affinity())  #!", "an empty `V1Affinity()`"),
    "pod affinity without terms": (
        "from kubernetes.client import V1Affinity, V1PodAntiAffinity\n"
        "train(1).add_affinity(V1Affinity(pod_anti_affinity=V1PodAntiAffinity()))  #!",
        "a `V1PodAntiAffinity()` without terms"),
    "empty namespaces": (
        "from kubernetes.client import V1Affinity, V1PodAffinity, V1PodAffinityTerm as T\n"
        "train(1).add_affinity(V1Affinity(pod_affinity=V1PodAffinity(  #!\n"
        "    required_during_scheduling_ignored_during_execution=[\n"
        "        T(topology_key='zone', namespaces=[])])))",
        "`namespaces` given as an empty list"),
    "empty values": (
        "from kubernetes.client import V1Affinity, V1NodeAffinity, V1NodeSelector as S\n"
        "from kubernetes.client import V1NodeSelectorTerm as T, V1NodeSelectorRequirement as R\n"
        "train(1).add_affinity(V1Affinity(node_affinity=V1NodeAffinity(  #!\n"
        "    required_during_scheduling_ignored_during_execution=S([T(match_expressions=[\n"
        "        R(key='gpu', operator='Exists', values=[])])]))))",
        "the values of a requirement given as an empty list"),
    "labels from the run": (
        "from kubernetes.client import V1Affinity, V1PodAffinity, V1PodAffinityTerm as T\n"
        "from kubernetes.client import V1LabelSelector as L\n"
        "train(1).add_affinity(V1Affinity(pod_affinity=V1PodAffinity(  #!\n"
        "    required_during_scheduling_ignored_during_execution=[\n"
        "        T(topology_key='zone', label_selector=L(match_labels={'a': epochs}))])))",
        "`match_labels` must be a dict of strings known"),
    "sidecar": ("train(1).add_sidecar(None)  #!", "`add_sidecar` takes `dsl.Sidecar(...)`"),
    "sidecar env": ("dsl.Sidecar(name='s', image='i', env=[])  #!",
                    "`dsl.Sidecar` has no argument `env` the designer knows"),
    "sidecar from an output": ("t = train(1)\ndsl.Sidecar(name='s', image=t.output)  #!",
                               "the sidecar's image uses a task's output"),
    "sidecar empty args": ("dsl.Sidecar(name='s', image='i', args=[])  #!",
                           "the sidecar's arguments given as an empty list"),
    "sidecar mirror": ("dsl.Sidecar(name='s', image='i', mirror_volume_mounts=epochs)  #!",
                       "`mirror_volume_mounts=` must be True or False"),
    "init container": ("dsl.ContainerOp(name='c', image='i', init_containers=[1])  #!",
                       "`init_containers=` of a ContainerOp is not supported"),
    "retry policy": ("train(1).set_retry(2, policy='Sometimes')  #!",
                     "policy must be one of"),
    "unknown k8s object": ("from kubernetes.client import V1Probe\n"
                           "train(1).add_toleration(V1Probe())  #!",
                           "Kubernetes' `V1Probe` is not supported"),
    "env from a field": ("from kubernetes import client as k\n"
                         "train(1).add_env_variable(k.V1EnvVar(name='X', value_from=k.V1EnvVarSource("
                         "field_ref=None)))  #!", "a source other than a secret or config map key"),
    "env from a field of an api version": (
        "from kubernetes import client as k\n"
        "train(1).add_env_variable(k.V1EnvVar(name='X', value_from=k.V1EnvVarSource("
        "field_ref=k.V1ObjectFieldSelector(api_version='v1', field_path='metadata.name'))))  #!",
        "`api_version=` of a field selector is not supported"),
    "volume never mounted": ("from kubernetes import client as k\nt = train(1)  #!\n"
                             "t.add_volume(k.V1Volume(name='v', secret=k.V1SecretVolumeSource("
                             "secret_name='s')))", "adds volume `v` but never mounts it"),
    "mount without its volume": ("from kubernetes import client as k\n"
                                 "train(1).container.add_volume_mount(k.V1VolumeMount(name='v', "
                                 "mount_path='/v'))  #!", "does not follow the `add_volume`"),
    "volume op without size": ("dsl.VolumeOp(name='v', resource_name='r')  #!",
                               "Please provide size"),
    "volume op resource": ("dsl.VolumeOp(name='v', resource_name='r', size='1Gi', "
                           "k8s_resource=None)  #!", "`k8s_resource=` of `dsl.VolumeOp`"),
    "dns config": ("dsl.get_pipeline_conf().set_dns_config(None)  #!",
                   "`set_dns_config`'s argument must be a `V1PodDNSConfig(...)`"),
    "dns option from the run": (
        "from kubernetes.client import V1PodDNSConfig as D, V1PodDNSConfigOption as O\n"
        "dsl.get_pipeline_conf().set_dns_config(D(options=[O(name='ndots', value=epochs)]))  #!",
        "the option's value must be"),
    "dns empty searches": (
        "from kubernetes.client import V1PodDNSConfig as D\n"
        "dsl.get_pipeline_conf().set_dns_config(D(searches=[]))  #!",
        "`searches` given as an empty list"),
    "snapshot of nothing": ("dsl.VolumeSnapshotOp(name='s', resource_name='r')  #!",
                            "You must provide a pvc or a volume. (kfp)"),
    "snapshot of both": ("dsl.VolumeSnapshotOp(name='s', resource_name='r', pvc='c', "
                         "volume=dsl.PipelineVolume(pvc='c'))  #!",
                         "You can't provide both pvc and volume. (kfp)"),
    "snapshot resource": ("dsl.VolumeSnapshotOp(name='s', k8s_resource={})  #!",
                          "`k8s_resource=` of `dsl.VolumeSnapshotOp` is not supported"),
    "snapshot of a task": ("t = train(1)\nt.snapshot  #!",
                           "only a `dsl.VolumeSnapshotOp` has `.snapshot`"),
    "op transformer": ("dsl.get_pipeline_conf().add_op_transformer(None)  #!",
                       "`.add_op_transformer()` of the pipeline configuration"),
    "apply something else": ("train(1).apply(print)  #!", "`.apply()` with"),
    "staleness from a value": (
        "t = train(1)\nt.execution_options.caching_strategy.max_cache_staleness = epochs  #!",
        "`max_cache_staleness` must be a string"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in V1_ERRORS.values()],
                         ids=list(V1_ERRORS))
def test_v1_setting_refusals(body, fragments):
    check_refusal(V1 + textwrap.indent(body, "    ") + "\n", fragments)


V2_ERRORS = {
    "optional from the run": ("kubernetes.use_secret_as_env(train(epochs=1), secret_name='s', "
                              "secret_key_to_env={'a': 'A'}, optional=epochs)  #!",
                              "`optional=` must be True or False"),
    "unknown function": ("kubernetes.add_pod_volume(train(epochs=1))  #!",
                         "`kubernetes.add_pod_volume` is not supported"),
    "security context": ("kubernetes.set_security_context(train(epochs=1))  #!",
                         "At least one security context field must be provided"),
    "security context user": ("kubernetes.set_security_context(train(epochs=1), "
                              "run_as_user=-1)  #!", 'Argument for "run_as_user" must be '
                              "greater than or equal to 0. Got invalid input: -1."),
    "affinity operator": ("kubernetes.add_node_affinity(train(epochs=1), match_expressions=["
                          "{'key': 'a', 'operator': 'Near'}])  #!",
                          "Invalid operator 'Near' for key 'a' in match_expression"),
    "affinity weight": ("kubernetes.add_node_affinity(train(epochs=1), match_expressions=["
                        "{'key': 'a', 'operator': 'Exists'}], weight=101)  #!",
                        "weight must be between 1 and 100, got 101"),
    "affinity json": ("kubernetes.add_node_affinity_json(train(epochs=1), {'nodeAffinity': {}})"
                      "  #!", "Invalid V1NodeAffinity JSON"),
    "cache key": ("train(epochs=1).set_caching_options(True, cache_key='k')  #!",
                  "`cache_key=`"),
    "container image": ("train(epochs=1).set_container_image('x')  #!",
                        "`set_container_image`"),
    "bad memory": ("train(epochs=1).set_memory_limit('2 GB')  #!", "Invalid memory string"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in V2_ERRORS.values()],
                         ids=list(V2_ERRORS))
def test_v2_setting_refusals(body, fragments):
    check_refusal(V2 + textwrap.indent(body, "    ") + "\n", fragments)


def test_settings_on_the_op_a_helper_returns_follow_the_task():
    p = v1("""\
        def trained(n):
            return train(n).set_display_name(f"train {n}")
        for n in (1, 2):
            trained(n).set_timeout(10 * n)
        """)
    assert [(t.settings.display_name, t.settings.timeout) for t in p.tasks] == [
        ("train 1", 10), ("train 2", 20)]
    assert [t.arguments for t in p.tasks] == [{"epochs": Constant(1)}, {"epochs": Constant(2)}]
    assert ParamRef("epochs") not in [a for t in p.tasks for a in t.arguments.values()]


def test_resources_and_secret_names_may_come_from_the_run():
    p = v2("""\
        t = train(epochs=1).set_memory_limit(str(epochs)).set_accelerator_limit(epochs)
        kubernetes.use_secret_as_env(t, secret_name=epochs, secret_key_to_env={"k": "K"})
        """)
    from designer.ir.model import Concat
    assert p.tasks[0].settings == TaskSettings(
        memory_limit=Concat((ParamRef("epochs"),)), accelerator_limit=ParamRef("epochs"),
        env=(EnvVar("K", secret=ParamRef("epochs"), key="k"),))


def test_image_pull_secrets_of_the_pipeline_by_object_reference():
    """kfp's own sample (samples/core/imagepullsecrets) names them with V1ObjectReference,
    which kfp 1.8.9 writes as V1LocalObjectReference: {name: ...}. Found by the corpus."""
    p = v1("""\
        train(epochs)
        from kubernetes import client as k8s_client
        dsl.get_pipeline_conf().set_image_pull_secrets(
            [k8s_client.V1ObjectReference(name="secretA")])
        """)
    assert p.conf.image_pull_secrets == ("secretA",)
    check_refusal(V1 + textwrap.indent(textwrap.dedent("""\
        from kubernetes.client import V1ObjectReference as Ref
        dsl.get_pipeline_conf().set_image_pull_secrets([Ref(name="a", namespace="b")])  #!
        """), "    "), ["`namespace=` of `V1ObjectReference` is not supported"])


def test_gcp_preemptible_node_pool_is_a_toleration_and_an_affinity():
    """kfp.gcp.use_preemptible_nodepool (kfp's preemptible_tpu_gpu sample, found by the
    corpus): the toleration given (or kfp's default) and the GKE label as node affinity,
    preferred with weight 50, required with hard_constraint; it replaces an earlier affinity."""
    from designer.ir.settings import NodeAffinityTerm, NodeRequirement
    p = v1("""\
        from kfp import gcp
        from kubernetes.client import V1Toleration
        t = train(epochs).apply(gcp.use_preemptible_nodepool(
            V1Toleration(key="spot", operator="Exists"), hard_constraint=True))
        """)
    s = p.tasks[0].settings
    assert s.tolerations == (Toleration("spot", "Exists"),)
    assert s.node_affinity == (NodeAffinityTerm((NodeRequirement(
        "cloud.google.com/gke-preemptible", "In", ("true",)),)),)
    check_refusal(V1 + textwrap.indent(textwrap.dedent("""\
        from kfp import gcp
        train(epochs).apply(gcp.use_preemptible_nodepool(hard_constraint=epochs))  #!
        """), "    "), ["`hard_constraint=` must be True or False"])


def test_a_later_affinity_replaces_the_whole_affinity():
    """kfp 1 keeps the last ``add_affinity`` whole (node, pod and anti-affinity together);
    kfp.gcp's preemptible node pool is such a call too."""
    from designer.ir.settings import LabelSelector, NodeAffinityTerm, PodAffinityTerm
    p = v1("""\
        from kfp import gcp
        from kubernetes.client import (V1Affinity, V1LabelSelector, V1PodAffinity,
                                       V1PodAffinityTerm, V1PodAntiAffinity)
        near = V1Affinity(pod_affinity=V1PodAffinity(
            required_during_scheduling_ignored_during_execution=[V1PodAffinityTerm(
                label_selector=V1LabelSelector(match_labels={"app": "db"}),
                topology_key="zone")]))
        apart = V1Affinity(pod_anti_affinity=V1PodAntiAffinity(
            required_during_scheduling_ignored_during_execution=[V1PodAffinityTerm(
                topology_key="kubernetes.io/hostname")]))
        a = train(epochs).add_affinity(near).add_affinity(apart)
        b = train(epochs).add_affinity(near).apply(gcp.use_preemptible_nodepool())
        c = train(epochs).add_affinity(near)
        """)
    a, b, c = (t.settings for t in p.tasks)
    assert (a.pod_affinity, a.pod_anti_affinity) == ((), (PodAffinityTerm(
        "kubernetes.io/hostname"),))
    assert b.pod_affinity == () and len(b.node_affinity) == 1
    assert isinstance(b.node_affinity[0], NodeAffinityTerm)
    assert c.pod_affinity == (PodAffinityTerm("zone", LabelSelector({"app": "db"})),)
