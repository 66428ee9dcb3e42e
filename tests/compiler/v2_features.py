"""The IR of each tests/golden/features_v2/NAME.py pipeline (kfp 2 DSL), built by hand.

Until the Python importer reads these constructs on main, each ``build_NAME`` spells out
what the designer holds for ``features_v2/NAME.py``: component sources cut from the file as
kfp reads them, container components and component YAML as placeholders, tasks, groups,
settings. tests/compiler/test_v2_features.py compiles them against the goldens kfp 2.17.3
wrote (features_v2/v2/NAME.yaml).
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path
from typing import Any

import yaml

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.components import (
    Concat,
    ContainerComponent,
    IfPresent,
    InputPath,
    InputUri,
    InputValue,
    OutputPath,
    OutputUri,
)
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, LoopItem, OneOf, RunPlaceholder
from designer.ir.model import Concat as Expr
from designer.ir.settings import (EnvVar, EphemeralClaim, NodeAffinityTerm, PipelineConf,
                                  Retry, TaskSettings, Toleration, VolumeMount)
from designer.ir.signature import ARTIFACT, PATH, VALUE, InputSpec, OutputSpec, Signature
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import VolumeComponent, volume_signature

FEATURES = Path(__file__).resolve().parents[1] / "golden" / "features_v2"
C, P = Constant, ParamRef


def O(task_id: str, output: str = "Output") -> OutputRef:  # noqa: E743 - reads like .output
    return OutputRef(task_id, output)


def golden(name: str) -> Path:
    return FEATURES / "v2" / f"{name}.yaml"


class Builder:
    def __init__(self, name: str, pipeline_name: str, **kw: Any):
        self.text = (FEATURES / f"{name}.py").read_text(encoding="utf-8")
        self.p = Pipeline(name=pipeline_name, **kw)

    def source(self, fn: str) -> str:
        node = next(n for n in ast.parse(self.text).body
                    if isinstance(n, ast.FunctionDef) and n.name == fn)
        lines = self.text.splitlines(keepends=True)[node.lineno - 1:node.end_lineno]
        return textwrap.dedent("".join(lines))

    def constant(self, name: str) -> str:
        for node in ast.parse(self.text).body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
                return ast.literal_eval(node.value)
        raise KeyError(name)

    def func(self, fn: str) -> str:
        self.p.components.append(Component.from_source(self.source(fn), id=fn))
        return fn

    def container(self, fn: str, sig: Signature, image: str, command=(), args=()) -> str:
        self.p.components.append(ContainerComponent(
            fn, fn, sig, image, list(command), list(args), origin="v2",
            function_source=self.source(fn)))
        return fn

    def spec(self, cid: str, constant: str) -> str:
        self.p.components.append(spec_component(cid, self.constant(constant)))
        return cid

    def param(self, name: str, annotation: str, *default: Any) -> None:
        self.p.params.append(PipelineParam(name, annotation, default[0] if default else None,
                                           bool(default)))

    def task(self, tid: str, comp: str, group: str | None = None, after=(),
             settings: TaskSettings | None = None, **args: Any) -> str:
        self.p.tasks.append(Task(tid, tid, comp, {k: _arg(v) for k, v in args.items()},
                                 list(after), group=group, settings=settings or TaskSettings()))
        return tid

    def group(self, gid: str, kind: str, parent: str | None = None, **kw: Any) -> str:
        self.p.groups.append(Group(gid, kind, parent, **kw))
        return gid


def _arg(v: Any) -> Any:
    if isinstance(v, (Constant, ParamRef, OutputRef, LoopItem, RunPlaceholder, Expr, Collected,
                      OneOf)):
        return v
    return Constant(v)


_SIMPLE = {"inputValue": InputValue, "inputPath": InputPath, "outputPath": OutputPath,
           "inputUri": InputUri, "outputUri": OutputUri}


def _part(item: Any) -> Any:
    if isinstance(item, str):
        return item
    (key, value), = item.items()
    if key in _SIMPLE:
        return _SIMPLE[key](value)
    if key == "concat":
        return Concat(tuple(_part(p) for p in value))
    if key == "if":
        return IfPresent(value["cond"]["isPresent"], tuple(_part(p) for p in value["then"]),
                         tuple(_part(p) for p in value.get("else") or ()))
    raise ValueError(item)


def spec_component(cid: str, text: str) -> ContainerComponent:
    """A loaded component YAML as the importer holds it."""
    data = yaml.safe_load(text)
    c = data["implementation"]["container"]
    inputs = tuple(InputSpec(i["name"], None, i.get("default"),
                             "default" in i or bool(i.get("optional")), VALUE,
                             None if i.get("type") is None else str(i["type"]))
                   for i in data.get("inputs") or ())
    outputs = tuple(OutputSpec(o["name"], None, PATH,
                               None if o.get("type") is None else str(o["type"]))
                    for o in data.get("outputs") or ())
    return ContainerComponent(cid, data["name"], Signature(cid, inputs, outputs), c["image"],
                              [_part(p) for p in c.get("command") or []],
                              [_part(p) for p in c.get("args") or []],
                              env=dict(c.get("env") or {}), origin="spec", spec_text=text)


def _if(left: Any, op: str, right: Any) -> Condition:
    return Condition(_arg(left), op, _arg(right))


# --- one builder per feature pipeline --------------------------------------------------

def build_artifacts() -> Pipeline:
    b = Builder("artifacts", "artifacts")
    for fn in ("make_data", "train", "report", "split", "count"):
        b.func(fn)
    b.param("rows", "int", 10)
    b.task("made", "make_data", rows=P("rows"))
    b.task("trained", "train", data=O("made", "data"), epochs=3)
    b.task("r1", "report", model=O("trained", "model"))
    b.task("r2", "report", model=O("trained", "model"), extra=O("made", "data"))
    b.task("parts", "split", table=O("made", "data"))
    b.task("c1", "count", data=O("parts", "first"), label=O("made", "note"))
    b.task("c2", "count", data=O("parts", "Output"), label=O("trained", "Output"))
    return b.p


def build_conditions() -> Pipeline:
    b = Builder("conditions", "conditions")
    for fn in ("flip", "number", "say"):
        b.func(fn)
    b.param("seed", "int", 1)
    b.param("ratio", "float", 0.5)
    b.param("name", "str", "x")
    b.param("loud", "bool", False)
    b.task("coin", "flip", seed=P("seed"))
    b.task("n", "number", n=P("seed"))
    b.group("g1", "condition", branch="if", name="heads-branch",
            condition=_if(O("coin"), "==", "heads"))
    b.task("s1", "say", "g1", text="heads")
    b.group("g2", "condition", branch="elif", condition=_if(O("n"), ">", 3))
    b.task("s2", "say", "g2", text=P("name"))
    b.group("g3", "condition", branch="elif", condition=_if(P("ratio"), ">=", 0.25))
    b.task("s3", "say", "g3", text="ratio")
    b.group("g4", "condition", branch="else")
    b.task("s4", "say", "g4", text=O("coin"))
    b.group("g5", "condition", condition=_if(P("loud"), "==", True))
    b.group("g6", "condition", "g5", branch="if", condition=_if(O("n"), "!=", P("seed")))
    b.task("s5", "say", "g6", text="nested")
    b.group("g7", "condition", "g5", branch="else")
    b.task("s6", "say", "g7", text="else")
    b.group("g8", "condition", branch="if", condition=_if(P("name"), "==", "x"))
    b.task("s7", "say", "g8", text=P("name"))
    return b.p


def build_loops() -> Pipeline:
    b = Builder("loops", "loops")
    for fn in ("make_list", "show", "write", "total", "merge"):
        b.func(fn)
    b.param("items", "List[str]", ["a", "b"])
    b.param("prefix", "str", "p")
    b.param("n", "int", 3)
    b.task("made", "make_list", n=P("n"))
    b.group("l1", "loop", items=C([1, 2, 3]), parallelism=2)
    b.task("shown", "show", "l1", text=P("prefix"), number=LoopItem("l1"))
    b.group("l2", "loop", items=C([{"a": "x", "b": "one"}, {"a": "y", "b": "two"}]))
    b.task("s2", "show", "l2", text=LoopItem("l2", ("b",)))
    b.task("s3", "show", "l2", text=LoopItem("l2", ("a",)), number=P("n"))
    b.group("l3", "loop", items=P("items"))
    b.task("s4", "show", "l3", text=LoopItem("l3"), number=P("n"))
    b.group("l4", "loop", "l3", items=O("made"))
    b.task("written", "write", "l4", number=LoopItem("l4"))
    b.group("l5", "loop", items=O("made"), parallelism=1)
    b.task("s5", "show", "l5", text=P("prefix"), number=LoopItem("l5"))
    b.task("tot", "total", numbers=Collected(O("shown")))
    b.task("merged", "merge", datasets=Collected(O("written", "data")))
    return b.p


def build_exit_handler() -> Pipeline:
    b = Builder("exit_handler", "exit-handler")
    b.func("cleanup")
    b.func("work")
    b.param("message", "str", "bye")
    b.task("done", "cleanup", message=P("message"))
    b.group("eh", "exit_handler", name="guarded", exit_task="done")
    b.task("first", "work", "eh", text=P("message"))
    b.task("second", "work", "eh", text=O("first"))
    return b.p


def build_oneof() -> Pipeline:
    b = Builder("oneof", "oneof")
    for fn in ("flip", "text", "data", "read"):
        b.func(fn)
    b.task("coin", "flip")
    b.group("g1", "condition", branch="if", condition=_if(O("coin"), "==", "heads"))
    b.task("a", "text", "g1", value="a")
    b.task("da", "data", "g1", value="a")
    b.group("g2", "condition", branch="elif", condition=_if(O("coin"), "==", "edge"))
    b.task("b", "text", "g2", value="b")
    b.task("db", "data", "g2", value="b")
    b.group("g3", "condition", branch="else")
    b.task("c", "text", "g3", value="c")
    b.task("dc", "data", "g3", value="c")
    chosen = OneOf((O("a"), O("b"), O("c")))
    b.task("r", "read", value=chosen, ds=OneOf((O("da", "out"), O("db", "out"),
                                                 O("dc", "out"))))
    b.p.outputs = {"Output": chosen}
    return b.p


def build_task_settings() -> Pipeline:
    b = Builder("task_settings", "task-settings")
    b.func("step")
    b.func("tidy")
    b.param("text", "str", "hi")
    b.task("first", "step", text=P("text"),
           settings=TaskSettings(display_name="First step", enable_caching=False))
    b.task("second", "step", text=O("first"), settings=TaskSettings(retry=Retry(3)))
    b.task("third", "step", text=O("second"), settings=TaskSettings(retry=Retry(
        2, backoff_duration="30s", backoff_factor=1.5, backoff_max_duration="1h")))
    b.task("sized", "step", text="sized", settings=TaskSettings(
        cpu_request="500m", cpu_limit="2", memory_request="512Mi", memory_limit="2G"))
    b.task("gpu", "step", text="gpu", settings=TaskSettings(
        accelerator_type="nvidia.com/gpu", accelerator_limit=2,
        env=(EnvVar("MODE", "fast"), EnvVar("LEVEL", "3"))))
    b.task("one", "step", text="one gpu", settings=TaskSettings(accelerator_type="NVIDIA_TESLA_T4"))
    b.task("cpu", "step", text="cpu", settings=TaskSettings(cpu_limit="0.5", memory_limit="1Ki"))
    b.task("tidy", "tidy", text=O("third"), settings=TaskSettings(ignore_upstream_failure=True))
    return b.p


def build_platform_k8s() -> Pipeline:
    b = Builder("platform_k8s", "kubernetes")
    b.func("claim_name")
    b.func("use")
    b.param("claim", "str", "shared")
    b.param("text", "str", "x")
    b.task("named", "claim_name", prefix=P("text"))
    b.task("placed", "use", text="placed", settings=TaskSettings(
        node_selector={"disktype": "ssd", "zone": "a"},
        tolerations=(Toleration("gpu", "Equal", "yes", "NoSchedule"),
                     Toleration("spot", "Exists", None, "NoExecute", 3600))))
    b.task("secret", "use", text="secret", settings=TaskSettings(
        env=(EnvVar("DB_USER", secret="db", key="user"),
             EnvVar("DB_PASS", secret="db", key="password"),
             EnvVar("MODE", config_map="settings", key="mode")),
        volumes=(VolumeMount("/certs", "secret", "certs"),
                 VolumeMount("/conf", "config_map", "conf"))))
    b.task("mounted", "use", text="mounted", settings=TaskSettings(volumes=(
        VolumeMount("/data", "pvc", "data-claim"),
        VolumeMount("/shared", "pvc", P("claim"), sub_path="sub"))))
    b.task("from_task", "use", text="from task", settings=TaskSettings(volumes=(
        VolumeMount("/named", "pvc", O("named")),)))
    b.group("l1", "loop", items=C(["a", "b"]))
    b.task("inner", "use", "l1", text=LoopItem("l1"), settings=TaskSettings(volumes=(
        VolumeMount("/named", "pvc", O("named")), VolumeMount("/shared", "pvc", P("claim")))))
    b.task("meta", "use", text="meta", settings=TaskSettings(
        pod_labels={"team": "ml"}, pod_annotations={"owner": "kim"}, image_pull_policy="Always",
        timeout=600, volumes=(VolumeMount("/scratch", "empty_dir", "scratch"),)))
    return b.p


def build_pod_settings() -> Pipeline:
    b = Builder("pod_settings", "pod-settings")
    b.func("show")
    b.param("text", "str", "hi")
    b.param("registry", "str", "regcred")
    b.param("affinity", "dict", {})
    b.param("selector", "dict", {})
    b.param("tolerations", "list", [])
    b.task("shown", "show", text=P("text"), settings=TaskSettings(
        pod_labels={"team": "ml"},
        env=(EnvVar("MODE", "fast"), EnvVar("POD_NAME", field_path="metadata.name"),
             EnvVar("DB_USER", secret="db", key="user"),
             EnvVar("TEAM", field_path="metadata.labels['team']"))))
    b.task("plain", "show", text="plain", settings=TaskSettings(
        env=(EnvVar("OWNER", field_path="metadata.annotations['owner']"),),
        image_pull_secrets=("team-registry",)))
    b.task("maybe", "show", text="maybe", settings=TaskSettings(
        env=(EnvVar("TOKEN", secret="api", key="token", optional=True),
             EnvVar("USER", secret="api", key="user", optional=True),
             EnvVar("KEY", secret="api", key="key"),
             EnvVar("LEVEL", config_map="settings", key="level", optional=True)),
        volumes=(VolumeMount("/certs", "secret", "certs", optional=True),
                 VolumeMount("/conf", "config_map", "conf", optional=True)),
        image_pull_secrets=("team-registry", P("registry"))))
    from tests.compiler.v1_features import AFFINITY
    from designer.ir.settings import SecurityContext
    b.task("placed", "show", text="placed", settings=TaskSettings(
        node_affinity=AFFINITY, security_context=SecurityContext(1000, 100, True)))
    b.task("whole", "show", text="whole", settings=TaskSettings(node_affinity=(
        NodeAffinityTerm(json={"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": [
                {"key": "pool", "operator": "In", "values": ["batch"]}]}]}}),),
        node_selector_json={"disktype": "ssd"},
        tolerations=(Toleration("gpu", "Exists", effect="NoSchedule"),
                     Toleration("team", "Equal", "ml", toleration_seconds=60))))
    b.task("given", "show", text="given", settings=TaskSettings(
        node_affinity=(NodeAffinityTerm(json=P("affinity")),), node_selector_json=P("selector"),
        tolerations=(Toleration("spot", "Exists"), Toleration(json=P("tolerations")))))
    return b.p


def build_volumes() -> Pipeline:
    b = Builder("volumes", "volumes")
    for action, name in (("create", "CreatePVC"), ("delete", "DeletePVC")):
        b.p.components.append(VolumeComponent(name, name, volume_signature(name, action, "v2"),
                                              action, "v2"))
    b.func("write")
    b.func("read")
    b.param("size", "str", "1Gi")
    b.param("claim", "str", "shared")
    b.param("flag", "str", "go")
    b.task("work", "CreatePVC", access_modes=["ReadWriteMany"], size=P("size"),
           pvc_name_suffix="-work", storage_class_name="fast", annotations={"owner": "kim"},
           settings=TaskSettings(enable_caching=False))
    b.task("fixed", "CreatePVC", access_modes=["ReadWriteOnce"], size="5Gi",
           pvc_name=P("claim"), volume_name="pv-1", storage_class_name="",
           settings=TaskSettings(display_name="fixed claim"))
    work = VolumeMount("/work", "pvc", O("work", "name"), "work")
    b.task("writer", "write", text="x", settings=TaskSettings(volumes=(
        work, VolumeMount("/fixed", "pvc", O("fixed", "name"), "fixed", "in"),
        VolumeMount("/scratch", "ephemeral", volume_name="scratch",
                    ephemeral=EphemeralClaim(("ReadWriteOnce",), "2Gi")))))
    b.group("g1", "condition", branch="if", condition=_if(P("flag"), "==", "go"))
    b.task("reader", "read", "g1", text=O("writer"), settings=TaskSettings(volumes=(work,)))
    b.group("l1", "loop", items=C(["a", "b"]))
    b.task("each", "read", "l1", text=LoopItem("l1"), settings=TaskSettings(volumes=(
        VolumeMount("/fixed", "pvc", O("fixed", "name"), "fixed"),
        VolumeMount("/fast", "ephemeral", volume_name="fast", ephemeral=EphemeralClaim(
            ("ReadWriteOnce", "ReadOnlyMany"), "1Gi", "ssd", {"team": "ml"}, {"note": "x"})))))
    b.task("drop", "DeletePVC", after=["writer"], pvc_name=O("work", "name"))
    b.task("drop_claim", "DeletePVC", pvc_name=P("claim"))
    return b.p


def build_importers() -> Pipeline:
    b = Builder("importers", "importers")
    for cid, cls, reimport, metadata in (
            ("imp_data", "Dataset", False, {"origin": "lab", "rows": 3, "tags": ["a", "b"],
                                            "nested": {"ok": True, "ratio": 0.5}}),
            ("imp_model", "Model", True, {}), ("imp_any", "Artifact", False, {})):
        b.p.components.append(ImporterComponent(cid, cls, reimport, metadata))
    for fn in ("make_uri", "use_data", "use_model", "use_any"):
        b.func(fn)
    b.param("model_uri", "str", "gs://bucket/model")
    b.param("flag", "str", "go")
    b.task("data", "imp_data", uri="gs://bucket/data.csv",
           settings=TaskSettings(enable_caching=False))
    b.task("use_data", "use_data", data=O("data", "artifact"))
    b.task("model", "imp_model", uri=P("model_uri"))
    b.task("use_model", "use_model", model=O("model", "artifact"))
    b.task("made", "make_uri", prefix="gs://other")
    b.group("g1", "condition", branch="if", condition=_if(P("flag"), "==", "go"))
    b.task("later", "imp_any", "g1", uri=O("made"),
           settings=TaskSettings(display_name="later import"))
    b.task("use_any", "use_any", "g1", thing=O("later", "artifact"))
    return b.p


def build_pipeline_info() -> Pipeline:
    b = Builder("pipeline_info", "pipeline-info", display_name="Pipeline info",
                description="Outputs and settings of a whole pipeline.",
                conf=PipelineConf(ttl_seconds_after_finished=3600, timeout=7200))
    b.func("produce")
    b.param("n", "int", 2)
    b.task("made", "produce", n=P("n"))
    b.p.outputs = {"doubled": O("made"), "data": O("made", "data")}
    b.p.pipeline_root = "gs://bucket/pipeline-info"
    return b.p


def build_install_options() -> Pipeline:
    b = Builder("install_options", "install-options")
    repo = "git+https://github.com/kubeflow/pipelines"
    options = {
        "from_git": dict(kfp_package_path=f"{repo}#egg=kfp&subdirectory=sdk/python"),
        "from_pull_request": dict(
            kfp_package_path=f"{repo}@refs/pull/1/head#subdirectory=sdk/python"),
        "from_mirror": dict(packages_to_install=["numpy"], pip_index_urls=[
            "https://pypi.org/simple", "https://mirror.example/simple"]),
        "in_its_image": dict(packages_to_install=["requests"],
                             target_image="registry.example/team/steps:v1")}
    for fn, kw in options.items():
        b.p.components.append(Component.from_source(b.source(fn), id=fn,
                                                     base_image="python:3.11", **kw))
    b.param("n", "int", 1)
    b.task("a", "from_git", n=P("n"))
    b.task("b", "from_pull_request", n=O("a"))
    b.task("c", "from_mirror", n=O("b"))
    b.task("d", "in_its_image", text=O("c"))
    return b.p


def build_arguments() -> Pipeline:
    b = Builder("arguments", "arguments")
    b.func("echo")
    b.func("take")
    b.param("name", "str", "world")
    b.param("count", "int", 2)
    run = RunPlaceholder
    b.task("hello", "echo", text=Expr(("hello ", P("name"), ", ", P("count"), " times")))
    b.task("e2", "echo", text=Expr((O("hello"), "/", P("name"), "/", O("hello"))))
    b.task("e3", "echo", text=run("job_name"))
    b.task("e4", "echo", text=Expr(("run ", run("run_id"), " task ", run("task_name"))))
    b.task("e5", "echo", text=Expr(("at ", run("job_create_time"), " in ",
                                    run("pipeline_root"))))
    b.task("take", "take", n=3, ratio=0.5, on=True, items=[1, 2],
           table={"a": [1, {"b": 2.5}], "c": "d"})
    b.group("l1", "loop", items=C(["x", "y"]))
    b.task("e6", "echo", "l1", text=Expr((LoopItem("l1"), "-", P("name"), "-", O("hello"))))
    return b.p


def _fstring(parts: tuple) -> object:
    """An f-string over placeholders (``Concat(inline=True)`` once the IR has it)."""
    if "inline" in Concat.__dataclass_fields__:
        return Concat(parts, inline=True)
    return "".join(p if isinstance(p, str) else f"{{{{$.inputs.parameters['{p.input}']}}}}"
                   for p in parts)


def build_container_components() -> Pipeline:
    b = Builder("container_components", "container-components")
    fetch = Signature("fetch", (InputSpec("url", "str"),), (
        OutputSpec("data", "Output[Dataset]", ARTIFACT, "Dataset", param="data"),
        OutputSpec("size", "OutputPath(int)", PATH, "int", param="size")))
    b.container("fetch", fetch, "alpine:3.19",
                ["sh", "-c", 'wget -O "$0" "$1" && wc -c < "$0" > "$2"'],
                [OutputPath("data"), InputValue("url"), OutputPath("size")])
    train = Signature("train", (
        InputSpec("data", "Input[Dataset]", passing=ARTIFACT, type="Dataset"),
        InputSpec("epochs", "int", 3, True), InputSpec("tag", "str", None, True)), (
        OutputSpec("model", "Output[Model]", ARTIFACT, "Model", param="model"),))
    b.container("train", train, "python:3.11-slim", ["python", "-m", "trainer"], [
        "--data", InputPath("data"), "--data-uri", InputUri("data"), "--model",
        OutputPath("model"), _fstring(("--epochs=", InputValue("epochs"))),
        Concat(("--model-uri=", OutputUri("model"), "/", InputValue("tag"))),
        IfPresent("tag", ("--tag", InputValue("tag")), ("--untagged",))])
    b.func("report")
    b.param("url", "str", "https://example.com/data.csv")
    b.task("fetched", "fetch", url=P("url"))
    b.task("trained", "train", data=O("fetched", "data"), tag="v1")
    b.task("t2", "train", data=O("fetched", "data"), epochs=5)
    b.task("rep", "report", size=O("fetched", "size"), model=O("trained", "model"))
    return b.p


def build_yaml_components() -> Pipeline:
    b = Builder("yaml_components", "yaml-components")
    b.func("make_table")
    b.func("inspect")
    b.spec("split_op", "SPLIT")
    b.spec("train_op", "TRAIN")
    b.param("rows", "int", 10)
    b.task("made", "make_table", rows=P("rows"))
    b.task("split", "split_op", **{"Input table": O("made", "table"), "Seed": 7})
    b.task("trained", "train_op", data=O("split", "Train"), rows=O("split", "Row count"))
    b.task("insp", "inspect", model=O("trained", "model"))
    return b.p


BUILDERS = {name[len("build_"):]: fn for name, fn in globals().items()
            if name.startswith("build_")}


# --- pipelines kfp 2 refuses (features_v2/refused/NAME.py, its error in NAME.error) -----

def _refused(name: str, pipeline_name: str) -> Builder:
    b = Builder.__new__(Builder)
    b.text = (FEATURES / "refused" / f"{name}.py").read_text(encoding="utf-8")
    b.p = Pipeline(name=pipeline_name)
    return b


def refuse_collected_outside_loop() -> Pipeline:
    b = _refused("collected_outside_loop", "collected-outside-loop")
    b.func("one")
    b.func("total")
    b.task("t", "one")
    b.task("tot", "total", numbers=Collected(O("t")))
    return b.p


def refuse_out_of_condition() -> Pipeline:
    b = _refused("out_of_condition", "out-of-condition")
    b.func("one")
    b.param("x", "int", 1)
    b.group("g", "condition", branch="if", condition=_if(P("x"), "==", 1))
    b.task("inside", "one", "g", x=P("x"))
    b.task("after", "one", x=O("inside"))
    return b.p


def refuse_out_of_loop() -> Pipeline:
    b = _refused("out_of_loop", "out-of-loop")
    b.func("one")
    b.group("l", "loop", items=C([1, 2]))
    b.task("inside", "one", "l", x=LoopItem("l"))
    b.task("after", "one", x=O("inside"))
    return b.p


def refuse_loop_over_int() -> Pipeline:
    b = _refused("loop_over_int", "loop-over-int")
    b.func("one")
    b.param("n", "int", 3)
    b.group("l", "loop", items=P("n"))
    b.task("t", "one", "l", x=LoopItem("l"))
    return b.p


def refuse_oneof_without_else() -> Pipeline:
    b = _refused("oneof_without_else", "oneof-without-else")
    b.func("text")
    b.param("x", "int", 1)
    b.group("g1", "condition", branch="if", condition=_if(P("x"), "==", 1))
    b.task("a", "text", "g1", value="a")
    b.group("g2", "condition", branch="elif", condition=_if(P("x"), "==", 2))
    b.task("b", "text", "g2", value="b")
    b.p.outputs = {"Output": OneOf((O("a"), O("b")))}
    return b.p


def refuse_nested_exit_handler() -> Pipeline:
    b = _refused("nested_exit_handler", "nested-exit-handler")
    b.func("one")
    b.param("x", "int", 1)
    b.group("g", "condition", branch="if", condition=_if(P("x"), "==", 1))
    b.task("done", "one", x=0)
    b.group("eh", "exit_handler", "g", exit_task="done")
    b.task("t", "one", "eh", x=P("x"))
    return b.p


def refuse_condition_on_list() -> Pipeline:
    b = _refused("condition_on_list", "condition-on-list")
    b.func("one")
    b.param("items", "List[int]", [1])
    b.group("g", "condition", branch="if", condition=_if(P("items"), "==", [1]))
    b.task("t", "one", "g", x=1)
    return b.p


def refuse_artifact_mismatch() -> Pipeline:
    b = _refused("artifact_mismatch", "artifact-mismatch")
    b.func("make")
    b.func("use")
    b.task("m", "make")
    b.task("u", "use", data=O("m", "model"))
    return b.p


def refuse_final_status_outside_exit() -> Pipeline:
    b = _refused("final_status_outside_exit", "final-status-outside-exit")
    b.func("report")
    b.task("r", "report")
    return b.p


def refuse_yaml_path_of_parameter() -> Pipeline:
    b = _refused("yaml_path_of_parameter", "yaml-path-of-parameter")
    b.spec("count_op", "COUNT")
    b.task("c", "count_op", text="a")
    return b.p


REFUSERS = {name[len("refuse_"):]: fn for name, fn in globals().items()
            if name.startswith("refuse_")}


def build_elif_chain() -> Pipeline:
    b = Builder("elif_chain", "elif-chain")
    b.func("say")
    b.param("x", "int", 1)
    b.task("first", "say", text="first")
    b.group("l", "loop", items=C(["a"]))
    b.task("in_loop", "say", "l", text=LoopItem("l"))
    b.group("g1", "condition", branch="if", condition=_if(P("x"), "==", 1))
    b.task("one", "say", "g1", text=O("first"))
    b.group("g2", "condition", branch="elif", condition=_if(P("x"), "==", 2))
    b.task("two", "say", "g2", text="two")
    return b.p


BUILDERS["elif_chain"] = build_elif_chain


def build_cel_casts() -> Pipeline:
    b = Builder("cel_casts", "cel-casts")
    for fn in ("number", "say", "cleanup"):
        b.func(fn)
    b.param("ratio", "float", 0.5)
    b.param("flag", "bool", True)
    b.param("text", "str", "3")
    b.param("n", "int", 2)
    b.task("got", "number", n=P("n"))
    for i, (left, op, right, text) in enumerate([
            (O("got"), "==", 1.5, "int vs float"), (P("flag"), "==", 1, "bool vs int"),
            (P("text"), "==", 3, "str vs int"), (P("ratio"), "<", P("n"), "float vs int channel"),
            (P("flag"), "!=", False, "bool vs bool")]):
        b.group(f"g{i}", "condition", branch="if", condition=_if(left, op, right))
        b.task(f"s{i}", "say", f"g{i}", text=text)
    b.group("c1", "condition", condition=_if(P("text"), "==", "a"))
    b.task("sa", "say", "c1", text="a")
    b.group("c2", "condition", branch="elif", condition=_if(P("text"), "==", "b"))
    b.task("sb", "say", "c2", text="b")
    b.group("c3", "condition", branch="else")
    b.task("sc", "say", "c3", text="c")
    b.task("clean", "cleanup", after=("got",), note="x",
           settings=TaskSettings(ignore_upstream_failure=True))
    b.task("word", "say", text="x")
    b.group("k1", "condition", branch="if", condition=_if(3, "<", P("n")))
    b.task("left", "say", "k1", text="constant on the left")
    b.group("k2", "loop", items=C(["x", "y"]))
    b.group("k3", "condition", "k2", branch="if", condition=_if(O("word"), "==", LoopItem("k2")))
    b.task("item", "say", "k3", text=LoopItem("k2"))
    return b.p


BUILDERS["cel_casts"] = build_cel_casts


def build_resources_from_values() -> Pipeline:
    b = Builder("resources_from_values", "resources-from-values")
    b.func("memory")
    b.func("work")
    b.param("cpu", "str", "500m")
    b.param("gpus", "str", "1")
    b.param("kind", "str", "nvidia.com/gpu")
    b.task("mem", "memory")
    b.task("w1", "work", n=1, settings=TaskSettings(cpu_limit=P("cpu"), memory_limit=O("mem"),
                                                    cpu_request="250m"))
    b.task("w2", "work", n=2, settings=TaskSettings(accelerator_type=P("kind"),
                                                    accelerator_limit=P("gpus")))
    b.group("l", "loop", items=C([1, 2]))
    b.task("w3", "work", "l", n=LoopItem("l"), settings=TaskSettings(cpu_limit=P("cpu")))
    b.task("w4", "work", n=3, settings=TaskSettings(
        memory_limit="1G", cpu_limit="1", resource_order=("memory_limit", "cpu_limit")))
    return b.p


BUILDERS["resources_from_values"] = build_resources_from_values


def build_pipeline_inputs() -> Pipeline:
    b = Builder("pipeline_inputs", "pipeline-inputs")
    b.func("describe")
    b.func("join")
    b.param("data", "Input[Dataset]")
    b.param("many", "Input[List[Dataset]]")
    b.param("sep", "str", ",")
    b.param("model", "Optional[Input[Model]]", None)
    b.task("d", "describe", data=P("data"), model=P("model"))
    b.task("j", "join", datasets=P("many"), sep=P("sep"))
    return b.p


BUILDERS["pipeline_inputs"] = build_pipeline_inputs
