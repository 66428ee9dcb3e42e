"""The IR of each tests/golden/features/NAME.py pipeline, built by hand.

The Python importer does not read these features yet; each ``build_NAME`` spells out what
the designer holds for the pipeline in ``features/NAME.py`` (component sources sliced from
the file exactly as kfp reads them, component YAML texts as written, tasks, groups,
settings), and tests/compiler/test_v1_features.py compiles it against kfp 1.8.9's golden.
Once the importer reads a feature, its file moves to tests/golden/pipelines/ and is compared
through the CLI instead.
"""
from __future__ import annotations

import ast
import textwrap
from typing import Any, Callable

import yaml

from designer.ir import (Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam,
                         Task)
from designer.ir.components import (Concat, ContainerComponent, IfPresent, InputPath, InputUri,
                                    InputValue, OutputPath, OutputUri, Part)
from designer.ir.groups import Condition, Group
from designer.ir.model import Concat as ArgConcat
from designer.ir.model import LoopItem, RunPlaceholder
from designer.ir.settings import (DnsConfig, DnsOption, EnvVar, LabelSelector, NodeAffinityTerm, NodeRequirement,
                                  PipelineConf, PodAffinityTerm, Sidecar,
                                  Retry, SecurityContext, TaskSettings, Toleration, VolumeMount)
from designer.ir.signature import ARTIFACT, PATH, VALUE, InputSpec, OutputSpec, Signature
from tests.golden.goldens import feature_file

C, P = Constant, ParamRef


def O(task_id: str, output: str = "Output") -> OutputRef:  # noqa: E743 - reads like .output
    return OutputRef(task_id, output)


def function_source(text: str, name: str) -> str:
    """The function's text as kfp sees it: from ``def`` to its last line, dedented."""
    node = next(n for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = text.splitlines(keepends=True)[node.lineno - 1:node.end_lineno]
    return textwrap.dedent("".join(lines))


def string_constant(text: str, name: str) -> str:
    """The value of the module-level string constant ``name = '''...'''``."""
    for node in ast.parse(text).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name):
            return ast.literal_eval(node.value)
    raise KeyError(name)


_SIMPLE = {"inputValue": InputValue, "inputPath": InputPath, "outputPath": OutputPath,
           "inputUri": InputUri, "outputUri": OutputUri}


def _part(item: Any) -> Part:
    if isinstance(item, str):
        return item
    (key, value), = item.items()
    if key in _SIMPLE:
        return _SIMPLE[key](value)
    if key == "concat":
        return Concat(tuple(_part(p) for p in value))
    if key == "if":
        then = value["then"] if isinstance(value["then"], list) else [value["then"]]
        other = value.get("else") or []
        other = other if isinstance(other, list) else [other]
        return IfPresent(value["cond"]["isPresent"], tuple(_part(p) for p in then),
                         tuple(_part(p) for p in other))
    raise ValueError(item)


def spec_component(cid: str, text: str, python_name: str, *, path: str | None = None,
                   url: str | None = None) -> ContainerComponent:
    """A loaded component YAML as the importer holds it (a simple reading for tests)."""
    data = yaml.safe_load(text)
    container = data["implementation"]["container"]
    parts = [_part(p) for p in (container.get("command") or [])
             + (container.get("args") or [])]
    path_inputs = set()

    def walk(p: Any) -> None:
        if isinstance(p, InputPath):
            path_inputs.add(p.input)
        for sub in getattr(p, "parts", ()) + getattr(p, "then", ()) + getattr(p, "otherwise", ()):
            walk(sub)

    for p in parts:
        walk(p)
    inputs = tuple(InputSpec(i["name"], None, i.get("default"), "default" in i or
                             bool(i.get("optional")),
                             PATH if i["name"] in path_inputs else VALUE,
                             None if i.get("type") is None else str(i.get("type")))
                   for i in data.get("inputs") or ())
    outputs = tuple(OutputSpec(o["name"], None, PATH,
                               None if o.get("type") is None else str(o.get("type")))
                    for o in data.get("outputs") or ())
    return ContainerComponent(
        id=cid, name=data.get("name") or "Component",
        signature=Signature(python_name, inputs, outputs),
        image=container["image"],
        command=[_part(p) for p in container.get("command") or []],
        args=[_part(p) for p in container.get("args") or []],
        env=dict(container.get("env") or {}), origin="spec", description=data.get("description"),
        spec_text=text, spec_path=path, spec_url=url)


class Builder:
    """A pipeline under construction from one features/NAME.py file."""

    def __init__(self, name: str, pipeline_name: str, description: str | None = None):
        self.text = feature_file(name).read_text(encoding="utf-8")
        self.pipeline = Pipeline(name=pipeline_name, description=description)

    def func(self, fn: str, base_image: str | None = None,
             packages: list[str] | None = None) -> str:
        self.pipeline.components.append(Component.from_source(
            function_source(self.text, fn), id=fn, base_image=base_image,
            packages_to_install=packages))
        return fn

    def spec(self, cid: str, constant: str | None = None, *, path: str | None = None,
             url: str | None = None, file: str | None = None) -> str:
        """A component loaded from the text in ``constant``, or from ``file`` (next to the
        feature files) as ``load_component_from_file(path)`` / ``_url(url)``."""
        if constant is not None:
            text = string_constant(self.text, constant)
        else:
            text = (feature_file("x").parent / file).read_text(encoding="utf-8")
        self.pipeline.components.append(spec_component(cid, text, cid, path=path, url=url))
        return cid

    def component(self, comp: ContainerComponent) -> str:
        self.pipeline.components.append(comp)
        return comp.id

    def param(self, name: str, annotation: str | None = None, *default: Any) -> None:
        self.pipeline.params.append(PipelineParam(
            name, annotation, default[0] if default else None, bool(default)))

    def task(self, task_id: str, component: str, *, group: str | None = None,
             after: tuple[str, ...] = (), settings: TaskSettings | None = None,
             **args: Any) -> str:
        self.pipeline.tasks.append(Task(task_id, task_id, component, dict(args), list(after),
                                        group=group, settings=settings or TaskSettings()))
        return task_id

    def group(self, gid: str, kind: str, parent: str | None = None, **fields: Any) -> str:
        self.pipeline.groups.append(Group(gid, kind, parent, **fields))
        return gid


# --- one builder per feature pipeline ---
def build_file_passing() -> Pipeline:
    b = Builder("file_passing", "file-passing")
    make_table, count_rows = b.func("make_table"), b.func("count_rows")
    copy_bytes, write_note = b.func("copy_bytes"), b.func("write_note")
    report, read_optional = b.func("report"), b.func("read_optional")
    b.param("rows", "int", 3)
    b.param("note", "str", "hello")
    b.param("raw_table", None, "1,1")
    table = b.task("table", make_table, rows=P("rows"))
    noted = b.task("noted", write_note, text=P("note"))
    counted = b.task("counted", count_rows, table_path=O(table, "table_path"),
                     note_file=O(noted, "note_file"))
    b.task("copy1", copy_bytes, data_file=O(table, "table_path"))
    b.task("copy2", copy_bytes, data_file=C("raw bytes"))
    b.task("report", report, count=O(counted))
    b.task("opt1", read_optional, data_path=O(noted))
    b.task("opt2", read_optional)
    b.task("counted2", count_rows, table_path=P("raw_table"), note_file=O(noted))
    return b.pipeline


def build_spec_components() -> Pipeline:
    b = Builder("spec_components", "spec-components", "Components from YAML.")
    train, greet = b.spec("train", "TRAIN"), b.spec("greet", "GREET")
    shout = b.spec("shout", path="components/shout.yaml", file="components/shout.yaml")
    shout_url = b.spec("shout_url", url="gs://my-bucket/components/shout.yaml",
                       file="components/shout.yaml")
    b.param("data", None, "a,b\n1,2")
    b.param("who", "str", "world")
    first = b.task("first", train, **{"Training data": P("data"), "label column": C("y"),
                                       "notes": C("from a constant")})
    second = b.task("second", train, **{"Training data": P("data"),
                                        "warm start": O(first, "model"),
                                        "rate": O(first, "accuracy"), "epochs": C(3)})
    b.task("greet1", greet, who=P("who"))
    loud = b.task("loud", shout, text=P("who"))
    b.task("loud_url", shout_url, text=O(loud, "shouted"), loud=C(False))
    b.task("greet2", greet, who=O(second, "accuracy"))
    return b.pipeline


def op_component(cid: str, name: str, image: str, *, command: list | None = None,
                 args: list | None = None, inputs: tuple = (), outputs: tuple = (),
                 env: dict | None = None) -> ContainerComponent:
    """A kfp 1 ContainerOp as the importer holds it: a container with its run-time values as
    inputs placed with InputValue; file outputs are value outputs with a path, artifact-only
    outputs are PATH outputs."""
    return ContainerComponent(id=cid, name=name, signature=Signature(cid, inputs, outputs),
                              image=image, command=list(command or []), args=list(args or []),
                              env=dict(env or {}), origin="op")


def build_container_ops() -> Pipeline:
    b = Builder("container_ops", "container-ops")
    b.param("msg", "str", "hi")
    b.param("times", "int", 2)
    echo = b.component(op_component(
        "echo_op", "echo", "library/bash:4.4.23", command=["sh", "-c"],
        args=[Concat(("echo ", InputValue("text"), " | tee /tmp/out.txt"))],
        inputs=(InputSpec("text"),), outputs=(OutputSpec("out", path="/tmp/out.txt"),)))
    echo2 = b.component(op_component(
        "echo_op_2", "echo twice", "library/bash:4.4.23", command=["sh", "-c"],
        args=[Concat(("echo ", InputValue("text"), " again | tee /tmp/out.txt"))],
        inputs=(InputSpec("text"),), outputs=(OutputSpec("out", path="/tmp/out.txt"),)))
    repeat = b.component(op_component(
        "repeat", "repeat", "alpine:3.18",
        command=["sh", "-c", Concat(("for i in $(seq ", InputValue("times"),
                                     "); do cat /in/text; done > /out/all"))],
        inputs=(InputSpec("times"), InputSpec("input-0", passing=PATH, path="/in/text")),
        outputs=(OutputSpec("all", path="/out/all"),
                 OutputSpec("mlpipeline-ui-metadata", passing=PATH, path="/out/ui.json"))))
    bare = b.component(op_component("bare", "bare", "hello-world:latest"))
    shout = op_component(
        "shout_op", "shout", "alpine:3.18",
        command=["sh", "-c", Concat(("echo ", InputValue("text"), " | tr a-z A-Z > /tmp/loud"))],
        inputs=(InputSpec("text", "str"),),
        outputs=(OutputSpec("loud", path="/tmp/loud"), OutputSpec("Output", "str")))
    shout.function_source = function_source(b.text, "shout_op")
    b.component(shout)
    count_chars = b.func("count_chars")
    first = b.task("first", echo, text=P("msg"))
    second = b.task("second", echo2, text=O(first, "out"))
    b.task("repeat", repeat, times=P("times"), **{"input-0": O(second, "out")})
    b.task("bare", bare)
    b.task("count", count_chars, text_path=O(first, "out"))
    b.task("shout", "shout_op", text=P("msg"))
    return b.pipeline


def build_conditions() -> Pipeline:
    b = Builder("conditions", "conditions")
    flip, roll, say = b.func("flip_coin"), b.func("roll_die"), b.func("say")
    b.param("seed", "int", 7)
    b.param("mode", "str", "fast")
    b.param("limit", "int", 3)
    coin = b.task("coin", flip, seed=P("seed"))
    die = b.task("die", roll, seed=P("seed"))
    c1 = b.group("c1", "condition", condition=Condition(O(coin), "==", C("heads")))
    heads = b.task("heads", say, group=c1, text=ArgConcat(("heads with ", P("mode"))))
    c2 = b.group("c2", "condition", c1, name="big_roll",
                 condition=Condition(O(die), ">", P("limit")))
    b.task("rolled", say, group=c2, text=ArgConcat(("rolled ", O(die))))
    c3 = b.group("c3", "condition", c2, condition=Condition(C(5), "<=", O(die)))
    b.task("again", say, group=c3, text=O(coin))
    c4 = b.group("c4", "condition", condition=Condition(P("mode"), "!=", C("slow")))
    fast = b.task("fast", say, group=c4, text=C("fast mode"))
    b.task("late", say, after=(fast,), text=O(heads))
    return b.pipeline


def build_loops() -> Pipeline:
    b = Builder("loops", "loops")
    make_list, show = b.func("make_list"), b.func("show")
    b.param("items", "list", [1, 2, 3])
    b.param("prefix", "str", "p")
    b.param("n", "int", 3)
    made = b.task("made", make_list, n=P("n"))
    l1 = b.group("l1", "loop", items=C([1, 2, 3]), parallelism=2)
    b.task("show_value", show, group=l1, text=ArgConcat((P("prefix"), "-", LoopItem(l1))),
           number=LoopItem(l1))
    l2 = b.group("l2", "loop", items=C([{"a": 1, "b": "one", "inner": [1, 2]},
                                         {"a": 2, "b": "two", "inner": [3]}]))
    shown = b.task("shown", show, group=l2, text=LoopItem(l2, ("b",)),
                   number=LoopItem(l2, ("a",)))
    l3 = b.group("l3", "loop", l2, items=LoopItem(l2, ("inner",)))
    b.task("show_inner", show, group=l3,
           text=ArgConcat((LoopItem(l2, ("b",)), "/", LoopItem(l3))))
    l4 = b.group("l4", "loop", items=O(made))
    l5 = b.group("l5", "loop", l4, items=P("items"))
    b.task("show_both", show, group=l5,
           text=ArgConcat((LoopItem(l5), ":", LoopItem(l4), ":", O(made))), number=P("n"))
    b.task("after", show, after=(shown,), text=C("after"))
    return b.pipeline


def build_exit_handler() -> Pipeline:
    b = Builder("exit_handler", "exit-handler", "Cleans up whatever happens.")
    notify, work = b.func("notify"), b.func("work")
    b.param("channel", "str", "#ops")
    goodbye = b.task("goodbye", notify, channel=P("channel"), text=C("pipeline finished"))
    handler = b.group("handler", "exit_handler", exit_task=goodbye)
    first = b.task("first", work, group=handler, step=C(1))
    cond = b.group("cond", "condition", handler, condition=Condition(O(first), ">", C(1)))
    b.task("second", work, group=cond, step=O(first))
    loop = b.group("loop", "loop", handler, items=C([3, 4]))
    b.task("each", work, group=loop, step=LoopItem(loop))
    b.pipeline.pipeline_root = "gs://bucket/exit-handler"
    return b.pipeline


def build_task_settings() -> Pipeline:
    b = Builder("task_settings", "task-settings")
    train, serve = b.func("train"), b.func("serve")
    b.param("epochs", "int", 3)
    b.param("claim", "str", "shared-data")
    b.param("region", "str", "eu")
    trained = b.task("trained", train, epochs=P("epochs"), settings=TaskSettings(
        display_name="Train the model", max_cache_staleness="P30D",
        retry=Retry(3, "Always", "10s", 2, "5m"), timeout=3600,
        cpu_request="500m", memory_request="1Gi", cpu_limit="2", memory_limit="4Gi",
        accelerator_limit=1,
        node_selector={"cloud.google.com/gke-accelerator": "nvidia-tesla-t4"},
        tolerations=(Toleration("gpu", "Equal", "yes", "NoSchedule"),
                     Toleration("spot", "Exists", toleration_seconds=30)),
        env=(EnvVar("MODE", "train"), EnvVar("REGION", P("region")),
             EnvVar("TOKEN", secret="api-secret", key="token"),
             EnvVar("LEVEL", config_map="settings", key="level")),
        volumes=(VolumeMount("/data", name="training-data"),
                 VolumeMount("/shared", name=P("claim"))),
        pod_labels={"team": "ml"}, pod_annotations={"owner": "someone@example.com"},
        image_pull_policy="Always"))
    b.task("served", serve, score=O(trained), settings=TaskSettings(
        enable_caching=False, accelerator_type="amd.com/gpu", accelerator_limit="2",
        memory_limit="512Mi", retry=Retry(2),
        resource_order=("accelerator_limit", "memory_limit")))
    b.pipeline.conf = PipelineConf(ttl_seconds_after_finished=86400, parallelism=4,
                                   timeout=7200, image_pull_secrets=("regcred",),
                                   default_node_selector={"pool": "batch"},
                                   image_pull_policy="IfNotPresent")
    return b.pipeline


def build_expressions() -> Pipeline:
    b = Builder("expressions", "expressions")
    greet, keep = b.func("greet"), b.func("keep")
    b.param("user", "str", "ada")
    b.param("count", "int", 2)
    b.param("bucket", "str", "gs://b")
    run_id = RunPlaceholder("run_id")
    first = b.task("first", greet, name=ArgConcat((P("user"), " (run ", run_id, ")")),
                   times=P("count"))
    b.task("formatted", greet, name=ArgConcat((P("user"), " and ", O(first))))
    b.task("added", greet, name=ArgConcat(("name: ", P("user"), "-", O(first))),
           times=ArgConcat((P("count"),)))
    b.task("execution", greet, name=RunPlaceholder("execution_id"))
    b.task("kept", keep, note_path=ArgConcat((P("bucket"), "/", P("user"), "/", O(first))))
    b.task("kept_run", keep, note_path=run_id)
    upload = b.component(op_component(
        "upload", "upload", "google/cloud-sdk:slim",
        command=["gsutil", "cp", "/tmp/x", Concat((InputValue("bucket"), "/runs/",
                                                   InputValue("run"), "/", InputValue("user"),
                                                   ".txt"))],
        inputs=(InputSpec("bucket"), InputSpec("run"), InputSpec("user"))))
    b.task("upload", upload, bucket=P("bucket"), run=run_id, user=P("user"))
    return b.pipeline


def make_report_v2() -> ContainerComponent:
    """The kfp 2 container component of features/v2_containers.py, as the IR holds it."""
    sig = Signature("make_report", (
        InputSpec("title", "str"), InputSpec("rows", "int", 10, True),
        InputSpec("data", "Input[Dataset]", passing=ARTIFACT, type="Dataset"),
        InputSpec("style", "str", None, True)),
        (OutputSpec("report", "Output[Markdown]", ARTIFACT, "Markdown", param="report"),
         OutputSpec("count", "dsl.OutputPath(int)", PATH, "int", param="count")))
    script = 'mkdir -p "$(dirname "$3")" && head -n "$1" "$2" > "$3" && echo "$1" > "$4"'
    return ContainerComponent(
        "make_report", "make-report", sig, "alpine:3.18", command=["sh", "-c", script],
        args=[Concat(("--title=", InputValue("title"))), InputValue("rows"), InputPath("data"),
              OutputPath("report"), OutputPath("count"),
              IfPresent("style", ("--style", InputValue("style")))],
        origin="v2", description="Writes a report.")


def build_v2_containers() -> Pipeline:
    b = Builder("v2_containers", "v2-containers")
    report, make_data = b.component(make_report_v2()), b.func("make_data")
    b.param("title", "str", "Weekly")
    data = b.task("data", make_data)
    first = b.task("first", report, title=P("title"), data=O(data, "data_path"))
    b.task("second", report, title=ArgConcat((O(first, "count"), " rows")),
           data=O(data, "data_path"), rows=C(2), style=C("plain"))
    return b.pipeline


def build_volumes() -> Pipeline:
    b = Builder("volumes", "volumes")
    list_files = b.func("list_files")
    b.task("task", list_files, folder=C("/etc/app"), settings=TaskSettings(volumes=(
        VolumeMount("/etc/creds", "secret", "db-creds", read_only=True, volume_name="creds"),
        VolumeMount("/etc/app", "config_map", "app", volume_name="config"),
        VolumeMount("/scratch", "empty_dir", volume_name="scratch"),
        VolumeMount("/data", "pvc", "datasets", sub_path="images", volume_name="data"),
        VolumeMount("/models", "pvc", "models", volume_name="model-store"))))
    return b.pipeline


def build_volume_ops() -> Pipeline:
    from designer.ir.volumes import VolumeComponent, volume_signature
    b = Builder("volume_ops", "volume-ops")
    b.param("size", "str", "1Gi")
    create = b.component(VolumeComponent("create_pvc", "create pvc",
                                         volume_signature("vop", "create", "v1")))
    fixed = b.component(VolumeComponent("fixed", "fixed",
                                        volume_signature("fixed", "create", "v1")))
    write = b.component(op_component("write", "write", "alpine:3.18",
                                     command=["sh", "-c", "echo hi > /mnt/file"]))
    read = b.component(op_component("read", "read", "alpine:3.18",
                                    command=["cat", "/mnt/file"]))
    list_dir = b.func("list_dir")
    vop = b.task("vop", create, resource_name=C("my-pvc"), modes=C(["ReadWriteOnce"]),
                 size=P("size"))
    mounted = VolumeMount("/mnt", name=O(vop, "name"), volume_task=vop)
    wrote = b.task("wrote", write, settings=TaskSettings(volumes=(mounted,)))
    b.task("read", read, after=(wrote,), settings=TaskSettings(volumes=(mounted,)))
    fixed_vop = b.task("fixed", fixed, resource_name=C("Shared Data"), size=C("10Gi"),
                       storage_class=C("standard"), annotations=C({"team": "ml"}),
                       generate_unique_name=C(False))
    b.task("listed", list_dir, folder=C("/data"), note=O(vop, "size"), settings=TaskSettings(
        volumes=(VolumeMount("/data", name=O(fixed_vop, "name"), volume_task=fixed_vop),)))
    return b.pipeline


def build_volume_snapshots() -> Pipeline:
    from designer.ir.volumes import VolumeComponent, volume_signature
    b = Builder("volume_snapshots", "volume-snapshots")
    b.param("claim", "str", "shared-data")

    def step(cid: str, name: str, action: str = "create") -> str:
        return b.component(VolumeComponent(cid, name, volume_signature(cid, action, "v1"),
                                           action))
    vop1 = b.task("vop1", step("vop1", "create_volume_1"), resource_name=C("vol1"),
                  size=C("1Gi"), modes=C(["ReadWriteMany"]))
    concat = b.component(op_component("step1_concat", "step1_concat", "library/bash:4.4.23",
                                      command=["sh", "-c"],
                                      args=["cat /data/file* | gzip -c >/data/full.gz"]))
    step1 = b.task("step1", concat, settings=TaskSettings(volumes=(
        VolumeMount("/data", name=O(vop1, "name"), volume_task=vop1),)))
    snap1 = b.task("snap1", step("snap1", "create_snapshot_1", "snapshot"),
                   resource_name=C("snap1"), pvc=O(vop1, "name"), after=(step1,))
    vop2 = b.task("vop2", step("vop2", "create_volume_2"), resource_name=C("vol2"),
                  data_source=O(snap1, "name"), size=O(snap1, "size"))
    gunzip = b.component(op_component("step2_gunzip", "step2_gunzip", "library/bash:4.4.23",
                                      command=["gunzip", "-k", "/data/full.gz"]))
    b.task("step2", gunzip, settings=TaskSettings(volumes=(
        VolumeMount("/data", name=O(vop2, "name"), volume_task=vop2),)))
    b.task("backup", step("backup", "backup", "snapshot"), resource_name=C("Backup Of Claim"),
           pvc=P("claim"), snapshot_class=C("csi-snapclass"), annotations=C({"team": "ml"}),
           api_version=C("snapshot.storage.k8s.io/v1"))
    return b.pipeline


def build_other_resources() -> Pipeline:
    b = Builder("other_resources", "other-resources")
    show = b.func("show")
    b.param("text", "str", "hi")
    b.task("scratch", show, text=P("text"), settings=TaskSettings(
        cpu_limit="1", memory_request="1Gi", resource_order=("cpu_limit", "memory_request"),
        other_limits={"ephemeral-storage": "20Gi", "hugepages-2Mi": "100Mi"},
        other_requests={"ephemeral-storage": "2Gi"}))
    b.task("tpu", show, text=C("tpu"), settings=TaskSettings(
        accelerator_type="nvidia.com/gpu", accelerator_limit="2",
        pod_annotations={"tf-version.cloud-tpus.google.com": "1.12"},
        other_limits={"cloud-tpus.google.com/v2": "8"}))
    return b.pipeline


def build_runtime_settings() -> Pipeline:
    b = Builder("runtime_settings", "runtime-settings")
    plan, work = b.func("plan"), b.func("work")
    b.param("pool", "str", "default")
    b.param("gpus", "int", 1)
    b.param("secret", "str", "creds")
    b.param("owner", "str", "me")
    planned = b.task("planned", plan)
    b.task("heavy", work, n=C(1), settings=TaskSettings(
        memory_limit=O(planned, "memory"), cpu_limit=O(planned, "cpu"), cpu_request="100m",
        node_selector={"pool": P("pool")}, pod_labels={"owner": P("owner")},
        resource_order=("memory_limit", "cpu_limit", "cpu_request")))
    b.task("all_moved", work, n=C(2), settings=TaskSettings(
        memory_request=O(planned, "memory")))
    b.task("gpu", work, n=C(3), settings=TaskSettings(
        accelerator_type="nvidia.com/gpu", accelerator_limit=P("gpus"),
        env=(EnvVar("TOKEN", secret=P("secret"), key="token"),)))
    return b.pipeline


def build_pod_settings() -> Pipeline:
    b = Builder("pod_settings", "pod-settings")
    show = b.func("show")
    b.param("text", "str", "hi")
    b.task("shown", show, text=P("text"), settings=TaskSettings(
        pod_labels={"team": "ml"},
        env=(EnvVar("POD_NAME", field_path="metadata.name"), EnvVar("MODE", "fast"),
             EnvVar("TEAM", field_path="metadata.labels['team']"))))
    b.task("maybe", show, text=C("maybe"), settings=TaskSettings(
        env=(EnvVar("TOKEN", secret="api", key="token", optional=True),
             EnvVar("LEVEL", config_map="settings", key="level", optional=True)),
        volumes=(VolumeMount("/certs", "secret", "certs", volume_name="certs", optional=True),
                 VolumeMount("/conf", "config_map", "conf", volume_name="conf",
                             optional=True))))
    b.task("placed", show, text=C("placed"), settings=TaskSettings(
        node_affinity=AFFINITY, security_context=SecurityContext(1000, 100, True),
        volumes=(VolumeMount("/workspace", "host_path", "/mnt/workspace",
                             volume_name="workspace"),)))
    preemptible = (NodeRequirement("cloud.google.com/gke-preemptible", "In", ("true",)),)
    for name, text, weight in (("spot", "spot", 50), ("spot_only", "spot only", None)):
        b.task(name, show, text=C(text), settings=TaskSettings(
            tolerations=(Toleration("preemptible", "Equal", "true", "NoSchedule"),),
            node_affinity=(NodeAffinityTerm(preemptible, weight=weight),)))
    return b.pipeline


AFFINITY = (
    NodeAffinityTerm((NodeRequirement("disktype", "In", ("ssd", "nvme")),
                      NodeRequirement("gpu", "Exists"))),
    NodeAffinityTerm(match_fields=(NodeRequirement("metadata.name", "NotIn", ("node-1",)),)),
    NodeAffinityTerm((NodeRequirement("zone", "In", ("a",)),), weight=20))


HOST, ZONE = "kubernetes.io/hostname", "topology.kubernetes.io/zone"
# tests/golden/features/pod_affinity.py's terms, by task
POD_AFFINITY = {
    "near": dict(pod_affinity=(
        PodAffinityTerm(HOST, LabelSelector({"app": "cache", "tier": "db"})),
        PodAffinityTerm(ZONE, LabelSelector(match_expressions=(
            NodeRequirement("role", "In", ("reader", "writer")),
            NodeRequirement("legacy", "DoesNotExist"))), ("data", "ml"), 40))),
    "apart": dict(pod_anti_affinity=(
        PodAffinityTerm(HOST, LabelSelector({"app": "train"}), weight=100),)),
    "both": dict(pod_affinity=(PodAffinityTerm("zone", LabelSelector()),),
                 pod_anti_affinity=(PodAffinityTerm(HOST),)),
    "everything": dict(
        node_affinity=(NodeAffinityTerm((NodeRequirement("disktype", "In", ("ssd",)),)),),
        pod_anti_affinity=(
            PodAffinityTerm(HOST, LabelSelector({"app": "web"}, (
                NodeRequirement("env", "NotIn", ("dev",)),))),
            PodAffinityTerm(ZONE, LabelSelector({"app": "batch"}), weight=1))),
}


def build_pod_affinity() -> Pipeline:
    b = Builder("pod_affinity", "pod-affinity")
    show = b.func("show")
    b.param("text", "str", "hi")
    for name, settings in POD_AFFINITY.items():
        b.task(name, show, text=P("text") if name == "near" else C(name),
               settings=TaskSettings(**settings))
    return b.pipeline


DNS = DnsConfig(("1.2.3.4", "10.0.0.10"), ("ml.svc.cluster.local", "corp.example"),
                (DnsOption("ndots", "2"), DnsOption("edns0")))


def build_dns_config() -> Pipeline:
    b = Builder("dns_config", "dns-config")
    show = b.func("show")
    b.param("text", "str", "hi")
    b.task("show", show, text=P("text"))
    b.pipeline.conf = PipelineConf(dns_config=DNS)
    return b.pipeline


# tests/golden/features/sidecars.py's sidecars, by task
SIDECARS = {
    "download": (Sidecar("echo", ArgConcat(("hashicorp/http-echo:", P("tag"))),
                         args=('-text="hello world"', ArgConcat(("-listen=:", P("port"))))),),
    "shown": (Sidecar("cache", "redis:alpine", ("redis-server",), mirror_volume_mounts=True),
              Sidecar("proxy", "nginx:1.13", ("nginx", "-g", "daemon off;"),
                      mirror_volume_mounts=False)),
}


def build_sidecars() -> Pipeline:
    b = Builder("sidecars", "sidecars")
    b.param("tag", "str", "latest")
    b.param("port", "int", 5678)
    download = b.component(op_component(
        "download", "download", "busybox", command=["sh", "-c"],
        args=["sleep 10; wget localhost:5678 -O /tmp/results.txt"],
        outputs=(OutputSpec("downloaded", path="/tmp/results.txt"),)))
    show = b.func("show")
    first = b.task("download", download, settings=TaskSettings(sidecars=SIDECARS["download"]))
    b.task("shown", show, text=O(first, "downloaded"),
           settings=TaskSettings(sidecars=SIDECARS["shown"]))
    return b.pipeline


BUILDERS: dict[str, Callable[[], Pipeline]] = {
    name[len("build_"):]: fn for name, fn in globals().items()
    if name.startswith("build_") and callable(fn)}

__all__ = ["BUILDERS", "Builder", "C", "P", "O", "Condition", "LoopItem", "RunPlaceholder",
           "ArgConcat", "spec_component", "function_source"]
