"""A pipeline that uses every concept of the IR (every feature of ``ir.features``, every
settings field, every argument and placeholder kind), with distinctive ids, for tests of
whatever must carry all of it (the project format, the id remapper)."""
from __future__ import annotations

from dataclasses import fields

import yaml

from designer.ir import Component, Constant, InputSpec, OutputRef, OutputSpec, ParamRef, \
    Pipeline, PipelineParam, Signature, Task
from designer.ir import components as cc
from designer.ir.component_spec import Where, spec_component
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.settings import (DnsConfig, DnsOption, EnvVar, EphemeralClaim, LabelSelector,
                                  NodeAffinityTerm, NodeRequirement, PipelineConf,
                                  PodAffinityTerm, Retry, SecurityContext, Sidecar, TaskSettings,
                                  Toleration, VolumeMount)
from designer.ir.signature import ARTIFACT, PATH
from designer.ir.subpipeline import PipelineComponent
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import VolumeComponent, volume_signature

# Ids that appear nowhere else in the pipeline's text: a remapper that misses a field leaves
# one behind.
T = {n: f"TID{n}x" for n in ("make", "use", "vol", "exit", "inner", "one", "two", "ctr", "del",
                                         "spec", "sub", "imp", "snap")}
G = {n: f"GID{n}x" for n in ("cond", "if", "elif", "else", "loop", "inner", "exit")}
C = {n: f"CID{n}x" for n in ("fn", "ctr", "spec", "op", "v2c", "vol", "del", "sub", "imp",
                              "snap")}

FN_SOURCE = "def make(n: int, text: str = 'x\\x85y') -> str:\n    return text * n\n"


def every_settings(weird: str = "v") -> TaskSettings:
    return TaskSettings(
        display_name=f"Display {weird}", enable_caching=False, max_cache_staleness="P0D",
        retry=Retry(3, "OnFailure", "10s", 2, "1m"), timeout=3600,
        cpu_request="500m", cpu_limit=ParamRef("cpu"), memory_request="1Gi",
        memory_limit=OutputRef(T["make"], "Output"), accelerator_type="nvidia.com/gpu",
        accelerator_limit=1, node_selector={"pool": weird, "zone": "a"},
        tolerations=(Toleration("k", "Equal", "v", "NoSchedule", 30), Toleration(),
                     Toleration(json=ParamRef("cpu"))),
        env=(EnvVar("PLAIN", weird), EnvVar("FROM_PARAM", ParamRef("cpu")),
             EnvVar("PASSWORD", secret="db-creds", key="password"),
             EnvVar("FROM_MAP", config_map=ParamRef("cpu"), key="k", optional=True),
             EnvVar("POD", field_path="metadata.labels['team']")),
        volumes=(VolumeMount("/data", "pvc", OutputRef(T["vol"], "name"), T["vol"], "sub", True,
                             "data-vol"),
                 VolumeMount("/secret", "secret", "db-creds"),
                 VolumeMount("/node", "host_path", "/mnt/node", volume_name="node"),
                 VolumeMount("/scratch", "empty_dir", volume_name="scratch", medium="Memory",
                             size_limit="1Gi"),
                 VolumeMount("/fast", "ephemeral", volume_name="fast", ephemeral=EphemeralClaim(
                     ("ReadWriteOnce",), "1Gi", "", {"team": "ml"}, {"note": "x"}))),
        pod_labels={"team": weird}, pod_annotations={"note": f"a\n{weird}"},
        image_pull_policy="Always", ignore_upstream_failure=True,
        image_pull_secrets=("regcred", ParamRef("cpu")),
        node_affinity=(NodeAffinityTerm((NodeRequirement("disk", "In", (weird, "b")),),
                                        (NodeRequirement("metadata.name", "Exists"),), 3),
                       NodeAffinityTerm(json={"requiredDuringSchedulingIgnoredDuringExecution":
                                              {"nodeSelectorTerms": [{"note": weird}]}}),
                       NodeAffinityTerm(json=ParamRef("cpu"))),
        node_selector_json=ParamRef("cpu"),
        pod_affinity=(PodAffinityTerm("kubernetes.io/hostname", LabelSelector(
            {"app": weird}, (NodeRequirement("tier", "NotIn", (weird,)),)), ("ns",), 5),
                      PodAffinityTerm("zone", LabelSelector())),
        pod_anti_affinity=(PodAffinityTerm(weird),),
        security_context=SecurityContext(0, 100, False),
        other_limits={"ephemeral-storage": weird, "cloud-tpus.google.com/v2": "8"},
        other_requests={"hugepages-2Mi": "100Mi"},
        sidecars=(Sidecar(weird, ParamRef("cpu"), ("sh", weird), (Concat(("-x=", ParamRef(
            "cpu"))),), True), Sidecar("plain", "nginx")),
        resource_order=("memory_limit", "cpu_limit"))


def every_spec(weird: str) -> dict:
    """A kfp component spec with ``weird`` in every text it holds (a component loaded from
    a spec is what its text says: the project format checks it)."""
    return {"name": f"Spec {weird}", "description": weird,
            "inputs": [{"name": "text", "type": "String", "default": weird,
                        "description": weird}, {"name": "opt", "optional": True}],
            "outputs": [{"name": "out", "type": weird}],
            "implementation": {"container": {
                "image": "alpine:3",
                "command": ["echo", {"inputValue": "text"}, {"outputPath": "out"}, weird],
                "args": [{"if": {"cond": {"isPresent": "opt"}, "then": ["--opt",
                                                                         {"inputValue": "opt"}]}},
                         {"concat": ["--x=", {"inputValue": "text"}]}],
                "env": {"LANG": weird}}}}


def every_concept(weird: str = "v\x85\u2028w") -> Pipeline:
    """``weird`` goes into names, texts and values where the IR takes any string."""
    fn = Component.from_source(FN_SOURCE, id=C["fn"], base_image="python:3.11",
                               packages_to_install=["pandas==2.0", weird],
                               kfp_package_path=f"kfp=={weird}",
                               pip_index_urls=["https://pypi.org/simple", weird],
                               target_image=f"registry/{weird}")
    ports = Signature(
        "echo_op",
        (InputSpec("text", "str", weird, True, type="String", description=weird),
         InputSpec("data", None, passing=PATH, type="CSV"),
         InputSpec("model", None, passing=ARTIFACT, type="Model"),
         InputSpec("opt", "str", None, True),
         InputSpec("art", None, passing=PATH, path="/tmp/in.txt")),
        (OutputSpec("out", None, PATH, "Dataset", "the output", param="out_path",
                    path="/tmp/out"),
         OutputSpec("metrics", None, ARTIFACT, "Metrics")),
        return_annotation=None, docstring=weird, named_outputs=True)
    parts = ["echo", cc.InputValue("text"), cc.InputPath("data"), cc.OutputPath("out"),
             cc.InputUri("model"), cc.OutputUri("metrics"),
             cc.Concat(("--x=", cc.InputValue("text")), inline=True),
             cc.Concat(("a", cc.Concat(("b", cc.InputValue("opt"))))),
             cc.IfPresent("opt", ("--opt", cc.InputValue("opt")), ("--none",)),
             cc.IfPresent("opt"), cc.ExecutorInput(), weird]
    ctr = cc.ContainerComponent(C["ctr"], f"Echo {weird}", ports, "alpine:3", ["sh", "-c"],
                                parts, {"LANG": weird}, "v2", weird,
                                function_source="def echo_op():\n    pass\n")
    spec = spec_component(yaml.safe_dump(every_spec(weird), sort_keys=False),
                          Where("comp.yaml"), python_name="spec_op", spec_path="comp.yaml",
                          spec_url="https://x/comp.yaml", id=C["spec"])
    op = cc.ContainerComponent(C["op"], "op", Signature("op_factory"), "busybox", [], [],
                               origin="op", function_source="def op_factory():\n    pass\n",
                               explicit_empty=frozenset({"args", "command"}))
    v2c = cc.ContainerComponent(C["v2c"], "v2c", Signature("v2c"), "busybox", ["ls"],
                                origin="v2", function_source="def v2c():\n    pass\n")
    vol = VolumeComponent(C["vol"], "CreatePVC", volume_signature("CreatePVC", "create", "v2"),
                          "create", "v2")
    delete = VolumeComponent(C["del"], "DeletePVC", volume_signature("DeletePVC", "delete",
                                                                     "v2"), "delete", "v2")
    snap = VolumeComponent(C["snap"], f"snap {weird}", volume_signature("snap", "snapshot",
                                                                        "v1"), "snapshot")
    params = [PipelineParam("cpu", "str", "1", True, weird), PipelineParam("flag", "bool"),
              PipelineParam("items", "list", [1, {"k": weird}], True)]
    groups = [
        Group(G["cond"], "condition", None, weird, None,
              Condition(ParamRef("flag"), "==", Constant(True))),
        Group(G["loop"], "loop", G["cond"], "loop", items=ParamRef("items"), parallelism=2),
        Group(G["inner"], "loop", G["loop"], items=LoopItem(G["loop"], ("k",))),
        Group(G["if"], "condition", G["inner"], branch="if",
              condition=Condition(LoopItem(G["inner"]), "<", OutputRef(T["make"], "Output"))),
        Group(G["elif"], "condition", G["inner"], branch="elif",
              condition=Condition(Concat(("a", ParamRef("cpu"))), "!=", Constant(weird))),
        Group(G["else"], "condition", G["inner"], branch="else"),
        Group(G["exit"], "exit_handler", None, exit_task=T["exit"]),
    ]
    tasks = [
        Task(T["make"], "make", C["fn"], {"n": Constant(2), "text": RunPlaceholder("run_id")},
             group=G["exit"]),
        Task(T["vol"], "vol", C["vol"], {"access_modes": Constant(["ReadWriteOnce"]),
                                         "size": Constant("1Gi")}, group=G["exit"]),
        Task(T["use"], f"use {weird}", C["ctr"], {
            "text": Concat(("pre-", ParamRef("cpu"), OutputRef(T["make"], "Output"),
                            LoopItem(G["inner"], ("k", "j")), Constant(3), RunPlaceholder(
                                "task_name"), weird)),
            "data": OutputRef(T["make"], "Output"), "model": Constant(None)},
             [T["make"]], G["inner"], every_settings(weird)),
        Task(T["one"], "one", C["fn"], {"n": LoopItem(G["loop"])}, group=G["if"]),
        Task(T["two"], "two", C["fn"], {"n": Constant(1)}, group=G["elif"]),
        Task(T["inner"], "inner", C["fn"], {"n": Collected(OutputRef(T["make"], "Output"))},
             group=G["else"]),
        Task(T["ctr"], "ctr", C["op"], {"x": OneOf((OutputRef(T["one"], "Output"),
                                                    OutputRef(T["two"], "Output")))},
             [T["inner"]]),
        Task(T["spec"], "spec", C["spec"], {"text": OutputRef(T["make"], "Output")},
             group=G["exit"]),
        Task(T["del"], "del", C["del"], {"pvc_name": OutputRef(T["vol"], "name")},
             group=G["exit"]),
        Task(T["snap"], "snap", C["snap"], {"resource_name": Constant(weird),
                                            "pvc": OutputRef(T["vol"], "name")},
             [T["use"]], G["exit"]),
        Task(T["exit"], "exit", C["v2c"], {}, settings=TaskSettings(
            ignore_upstream_failure=True)),
    ]
    # A pipeline used as a component (its ids are its own: the outer ones never reach in).
    inner_fn = Component.from_source(FN_SOURCE, id="inner_fn")
    inner = Pipeline(f"inner {weird}", weird, [PipelineParam("n", "int", 2, True, weird)],
                     [inner_fn], [Task("inner_make", "make", "inner_fn", {"n": ParamRef("n")},
                                       settings=TaskSettings(retry=Retry(2)))],
                     "inner_pipeline", outputs={"Output": OutputRef("inner_make", "Output")},
                     output_descriptions={"Output": f"described {weird}"})
    sub = PipelineComponent(C["sub"], inner)
    tasks.append(Task(T["sub"], "sub", C["sub"], {"n": Constant(3)}, after=[T["make"]]))
    imp = ImporterComponent(C["imp"], "Model", True, {"by": weird, "n": [1, {"k": None}]})
    tasks.append(Task(T["imp"], "imp", C["imp"], {"uri": OutputRef(T["make"], "Output")},
                      group=G["exit"]))
    conf = PipelineConf(3600, 4, 7200, ("regcred", weird), {"pool": weird}, "IfNotPresent",
                        DnsConfig(("1.2.3.4",), (weird,), (DnsOption("ndots", "2"),
                                                           DnsOption(weird))))
    return Pipeline(f"every {weird}", weird, params,
                    [fn, ctr, spec, op, v2c, vol, delete, sub, imp, snap], tasks,
                    "every_concept", groups, conf, f"Every {weird}",
                    {"Output": OneOf((OutputRef(T["one"], "Output"),
                                      OutputRef(T["two"], "Output"))),
                     "all": Collected(OutputRef(T["make"], "Output")),
                     "plain": OutputRef(T["make"], "Output")}, f"gs://bucket/{weird}")


def settings_fields() -> set[str]:
    return {f.name for f in fields(TaskSettings)}
