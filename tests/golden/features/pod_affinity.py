# Pod affinity and anti-affinity in kfp 1 (`add_affinity(V1Affinity(pod_affinity=...,
# pod_anti_affinity=...))`): required and preferred terms, label selectors (labels and
# requirements), namespaces, topology keys; together with node affinity in one call, and a
# later `add_affinity` replacing an earlier one whole (kfp keeps the last). kfp-kubernetes
# 2.17.3 has no pod affinity: the v2 compiler refuses these tasks.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import (V1Affinity, V1LabelSelector, V1LabelSelectorRequirement,
                               V1NodeAffinity, V1NodeSelector, V1NodeSelectorRequirement,
                               V1NodeSelectorTerm, V1PodAffinity, V1PodAffinityTerm,
                               V1PodAntiAffinity, V1WeightedPodAffinityTerm)


@create_component_from_func
def show(text: str):
    print(text)


@dsl.pipeline(name="pod-affinity")
def pod_affinity(text: str = "hi"):
    near = show(text)
    near.add_affinity(V1Affinity(pod_affinity=V1PodAffinity(
        required_during_scheduling_ignored_during_execution=[
            V1PodAffinityTerm(label_selector=V1LabelSelector(match_labels={"app": "cache",
                                                                          "tier": "db"}),
                              topology_key="kubernetes.io/hostname")],
        preferred_during_scheduling_ignored_during_execution=[
            V1WeightedPodAffinityTerm(weight=40, pod_affinity_term=V1PodAffinityTerm(
                label_selector=V1LabelSelector(match_expressions=[
                    V1LabelSelectorRequirement(key="role", operator="In",
                                               values=["reader", "writer"]),
                    V1LabelSelectorRequirement(key="legacy", operator="DoesNotExist")]),
                namespaces=["data", "ml"], topology_key="topology.kubernetes.io/zone"))])))
    apart = show("apart")
    apart.add_affinity(V1Affinity(pod_anti_affinity=V1PodAntiAffinity(
        preferred_during_scheduling_ignored_during_execution=[
            V1WeightedPodAffinityTerm(weight=100, pod_affinity_term=V1PodAffinityTerm(
                label_selector=V1LabelSelector(match_labels={"app": "train"}),
                topology_key="kubernetes.io/hostname"))])))
    both = show("both")
    both.add_affinity(V1Affinity(pod_affinity=V1PodAffinity(
        required_during_scheduling_ignored_during_execution=[
            V1PodAffinityTerm(label_selector=V1LabelSelector(), topology_key="zone")]),
        pod_anti_affinity=V1PodAntiAffinity(
            required_during_scheduling_ignored_during_execution=[
                V1PodAffinityTerm(topology_key="kubernetes.io/hostname")])))
    everything = show("everything")
    everything.add_affinity(V1Affinity(pod_affinity=V1PodAffinity(
        required_during_scheduling_ignored_during_execution=[
            V1PodAffinityTerm(topology_key="replaced")])))
    everything.add_affinity(V1Affinity(
        node_affinity=V1NodeAffinity(
            required_during_scheduling_ignored_during_execution=V1NodeSelector(
                node_selector_terms=[V1NodeSelectorTerm(match_expressions=[
                    V1NodeSelectorRequirement(key="disktype", operator="In",
                                              values=["ssd"])])])),
        pod_anti_affinity=V1PodAntiAffinity(
            required_during_scheduling_ignored_during_execution=[
                V1PodAffinityTerm(label_selector=V1LabelSelector(
                    match_labels={"app": "web"}, match_expressions=[
                        V1LabelSelectorRequirement(key="env", operator="NotIn",
                                                   values=["dev"])]),
                    topology_key="kubernetes.io/hostname")],
            preferred_during_scheduling_ignored_during_execution=[
                V1WeightedPodAffinityTerm(weight=1, pod_affinity_term=V1PodAffinityTerm(
                    label_selector=V1LabelSelector(match_labels={"app": "batch"}),
                    topology_key="topology.kubernetes.io/zone"))])))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(pod_affinity, sys.argv[1])
