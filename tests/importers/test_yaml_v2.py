"""Compiled KFP v2 PipelineSpecs opened back into the IR.

The proof is the round trip: every v2 golden of the suite (what the real kfp 2 wrote),
opened and compiled again for v2, is the same parsed document (the kfp version normalised,
as tests/test_golden_v2.py compares); what the reader does not take yet is refused with
``file:line: what``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler import compile_pipeline
from designer.importers import load_yaml_file
from designer.inputs import load_project
from designer.ir import InputError, OutputRef, ParamRef
from tools.make_goldens_v2 import normalise_v2

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PLAIN = sorted((GOLDEN / "v2").glob("*.yaml"))
FEATURES = sorted((GOLDEN / "features_v2" / "v2").glob("*.yaml"))


def _normalised(text: str) -> list:
    """Each document (the PipelineSpec, the platform spec) normalised."""
    return [normalise_v2(doc) for doc in text.split("\n---\n")]


def _same_again(path: Path) -> tuple:
    imported = load_yaml_file(path)
    out = compile_pipeline(imported.pipeline, "v2")
    return _normalised(path.read_text(encoding="utf-8")), _normalised(out), imported


def test_example_pipeline_spec_gives_the_tutorial():
    expected, actual, imported = _same_again(GOLDEN / "v2" / "example_pipeline.yaml")
    p = imported.pipeline
    assert imported.target == "v2" and imported.warnings == [] and actual == expected
    assert [(x.name, x.annotation) for x in p.params] == [("number_1", "int"),
                                                         ("number_2", "int")]
    assert len(p.tasks) == 3 and len(p.components) == 2
    assert {c.source for c in p.components} == {
        "def print_and_return_number(number: int) -> int:\n    print(number)\n"
        "    return number\n",
        "def sum_and_print_numbers(number_1: int, number_2: int):\n"
        "    print(number_1 + number_2)\n"}
    first, second, total = p.tasks
    assert first.arguments == {"number": ParamRef("number_1")}
    assert set(total.arguments.values()) == {OutputRef(first.id, "Output"),
                                             OutputRef(second.id, "Output")}


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.stem)
def test_every_plain_v2_golden_round_trips(path):
    expected, actual, imported = _same_again(path)
    assert imported.warnings == [] and actual == expected


@pytest.mark.parametrize("path", FEATURES, ids=lambda p: p.stem)
def test_feature_v2_goldens_round_trip_or_are_refused_at_a_line(path):
    try:
        expected, actual, imported = _same_again(path)
    except InputError as e:
        assert e.path == str(path) and (e.line or 0) >= 1 or "does not compile" in e.message, \
            str(e)
        return
    assert imported.warnings == [] and actual == expected


def test_edited_pipeline_spec_opens_with_a_warning_at_its_line(tmp_path):
    text = (GOLDEN / "v2" / "example_pipeline.yaml").read_text(encoding="utf-8")
    edited = text.replace("        - sum_and_print_numbers\n", "        - sum_and_print_numbers\n"
                          "        - --verbose\n", 1)
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    warnings = load_project(path).warnings      # an argument kfp never writes
    line = edited.splitlines().index("        - --verbose") + 1
    assert warnings and warnings[0].startswith(f"line {line}:"), warnings
    renamed = text.replace("name: example-pipeline\nroot:", "name: example-pipeline\n"
                           "  description: edited by hand\nroot:")
    path.write_text(renamed, encoding="utf-8")
    project = load_project(path)
    assert project.warnings == [] and project.pipeline.description == "edited by hand"
    newer = text.replace("sdkVersion: kfp-2.17.3", "sdkVersion: kfp-2.99.0")
    path.write_text(newer, encoding="utf-8")
    project = load_project(path)                # another kfp 2: its version pins differ
    assert any("sdkVersion" in w and "2.99.0" in w for w in project.warnings), project.warnings
    assert "kfp-2.17.3" in compile_pipeline(project.pipeline, "v2")


OUTPUTS_PY = '''
from typing import NamedTuple

from kfp import dsl
from kfp.dsl import Dataset, Output


@dsl.component(packages_to_install=["pandas==2.2.0"])
def make(rows: int, table: Output[Dataset]) -> NamedTuple("Outputs", [("count", int)]):
    with open(table.path, "w") as f:
        f.write("x\\n" * rows)
    return (rows,)


@dsl.pipeline(name="outputs")
def outputs(rows: int = 3) -> NamedTuple("Outputs", [("count", int), ("table", Dataset)]):
    made = make(rows=rows)
    made.set_caching_options(False)
    return NamedTuple("Outputs", [("count", int), ("table", Dataset)])(
        count=made.outputs["count"], table=made.outputs["table"])
'''


def test_pipeline_outputs_artifacts_and_packages_round_trip():
    from designer.importers import import_python, import_yaml
    original = import_python(OUTPUTS_PY, "outputs.py")
    text = compile_pipeline(original, "v2")
    imported = import_yaml(text, "outputs.yaml")
    p = imported.pipeline
    assert imported.warnings == [] and set(p.outputs) == {"count", "table"}
    (comp,) = p.components
    assert comp.packages_to_install == ["pandas==2.2.0"]
    assert p.tasks[0].settings.enable_caching is False
    assert normalise_v2(compile_pipeline(p, "v2")) == normalise_v2(text)


def _groups(name: str):
    expected, actual, imported = _same_again(GOLDEN / "features_v2" / "v2" / f"{name}.yaml")
    assert imported.warnings == [] and actual == expected
    return imported.pipeline


def test_if_elif_else_chains_are_read_from_their_trigger_conditions():
    from designer.ir import Constant
    from designer.ir.groups import Condition
    p = _groups("conditions")
    chain = [(g.branch, g.name) for g in p.groups]
    assert chain == [("if", "heads-branch"), ("elif", None), ("elif", None), ("else", None),
                     ("if", None), ("if", None), ("else", None), ("if", None)]
    heads, over_three, ratio, other, loud, nested, _, lone = p.groups
    coin = [t for t in p.tasks if t.name == "flip"][0]
    assert heads.condition == Condition(OutputRef(coin.id, "Output"), "==", Constant("heads"))
    assert over_three.condition.operator == ">" and over_three.condition.right == Constant(3)
    assert ratio.condition == Condition(ParamRef("ratio"), ">=", Constant(0.25))
    assert other.condition is None and other.parent is None
    assert loud.condition == Condition(ParamRef("loud"), "==", Constant(True))
    assert nested.parent == loud.id and nested.condition.right == ParamRef("seed")
    assert lone.condition == Condition(ParamRef("name"), "==", Constant("x"))


def test_loops_are_read_with_their_items_items_fields_and_collected_outputs():
    from designer.ir import Constant
    from designer.ir.model import Collected, LoopItem
    p = _groups("loops")
    literal, dicts, over_param, over_output, over_output_2 = p.groups
    assert literal.items == Constant([1, 2, 3]) and literal.parallelism == 2
    assert over_param.items == ParamRef("items")
    made = [t for t in p.tasks if t.name == "make_list"][0]
    assert over_output.items == OutputRef(made.id, "Output")
    assert over_output.parent == over_param.id and over_output_2.parallelism == 1
    in_dicts = [t for t in p.tasks if t.group == dicts.id]
    assert in_dicts[0].arguments["text"] == LoopItem(dicts.id, ("b",))
    total = [t for t in p.tasks if t.name == "total"][0]
    shown = [t for t in p.tasks if t.group == literal.id][0]
    assert total.arguments["numbers"] == Collected(OutputRef(shown.id, "Output"))


def test_exit_handlers_and_f_string_arguments_are_read():
    from designer.ir.model import Concat, LoopItem, RunPlaceholder
    p = _groups("exit_handler")
    group, = p.groups
    assert group.kind == "exit_handler" and group.name == "guarded"
    assert p.task(group.exit_task).name == "cleanup"
    assert p.task(group.exit_task).after == []
    p = _groups("arguments")
    texts = [t.arguments["text"] for t in p.tasks if "text" in t.arguments]
    assert Concat(("hello ", ParamRef("name"), ", ", ParamRef("count"), " times")) in texts
    assert RunPlaceholder("job_name") in texts
    loop, = p.groups
    assert any(isinstance(x, Concat) and x.parts[0] == LoopItem(loop.id) for x in texts)


def test_a_hand_written_condition_is_refused_at_its_line(tmp_path):
    path = GOLDEN / "features_v2" / "v2" / "conditions.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "condition: inputs.parameter_values['pipelinechannel--name'] == 'x'",
        "condition: inputs.parameter_values['pipelinechannel--name'].startsWith('x')")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_yaml_file(edited)
    assert "comparison" in e.value.message
    assert "startsWith" in text.splitlines()[e.value.line - 1] or \
        "triggerPolicy" in text.splitlines()[e.value.line - 1]


def test_container_components_are_written_back_as_python_functions():
    """The function of a container component is not in the file: the reader writes one
    whose ContainerSpec holds the same placeholders, and the Python export of the pipeline
    reads back to the same PipelineSpec."""
    from designer.compiler.python_source import export_python
    from designer.importers import import_python
    from designer.ir.components import ContainerComponent, IfPresent, InputUri
    p = _groups("container_components")
    containers = {c.python_name: c for c in p.components if isinstance(c, ContainerComponent)}
    assert set(containers) == {"fetch", "train"}       # train-2 is train again
    train = containers["train"]
    assert train.origin == "v2" and train.image == "python:3.11-slim"
    assert InputUri("data") in train.args
    assert IfPresent("tag", ("--tag", train.args[-1].then[1]), ("--untagged",)) in train.args
    assert train.function_source.startswith(
        "def train(data: Input[Dataset], model: Output[Model], epochs: int = 3, "
        "tag: str = None):")
    again = import_python(export_python(p, "v2"), "exported.py")
    assert compile_pipeline(again, "v2") == compile_pipeline(p, "v2")


def test_one_of_outputs_of_a_branch_chain_are_read():
    from designer.ir.model import OneOf
    p = _groups("oneof")
    texts = [t for t in p.tasks if t.name.startswith("text")]
    datas = [t for t in p.tasks if t.name.startswith("data")]
    read = [t for t in p.tasks if t.name == "read"][0]
    assert read.arguments["value"] == OneOf(tuple(OutputRef(t.id, "Output") for t in texts))
    assert read.arguments["ds"] == OneOf(tuple(OutputRef(t.id, "out") for t in datas))
    assert p.outputs["Output"] == read.arguments["value"]
    assert [g.branch for g in p.groups] == ["if", "elif", "else"]


NESTED_CHAINS_PY = '''
from kfp import dsl


@dsl.component
def num() -> int:
    return 3


@dsl.component
def say(text: str) -> str:
    return text


@dsl.pipeline(name="nested-chains")
def nested_chains(flag: bool = True):
    n = num()
    with dsl.If(n.output < 5):
        m = num()
        with dsl.If(m.output == 1):
            say(text="one")
        with dsl.Else():
            say(text="other")
    with dsl.Elif(n.output > 5):
        say(text="high").set_display_name("High")
    with dsl.Else():
        with dsl.If(flag == True):  # noqa: E712
            say(text="flag")
'''


def test_nested_if_chains_keep_the_order_they_were_entered_in():
    """kfp numbers an If that an Elif follows after the groups inside it: the groups come
    back in the order the pipeline function entered them, and compile to the same file."""
    from designer.importers import import_python, import_yaml
    text = compile_pipeline(import_python(NESTED_CHAINS_PY, "chains.py"), "v2")
    imported = import_yaml(text, "chains.yaml")
    assert imported.warnings == []
    p = imported.pipeline
    assert [(g.branch, g.parent is None) for g in p.groups] == [
        ("if", True), ("if", False), ("else", False), ("elif", True), ("else", True),
        ("if", False)]
    high = [t for t in p.tasks if t.settings.display_name == "High"]
    assert len(high) == 1 and high[0].group == p.groups[3].id
    assert compile_pipeline(p, "v2") == text


def test_kubernetes_platform_settings_and_pipeline_config_are_read():
    from designer.ir.settings import EnvVar, Toleration
    p = _groups("platform_k8s")
    by_text = {t.arguments["text"].value: t for t in p.tasks
               if hasattr(t.arguments.get("text"), "value")}
    placed = by_text["placed"].settings
    assert placed.node_selector == {"disktype": "ssd", "zone": "a"}
    assert placed.tolerations[1] == Toleration("spot", "Exists", None, "NoExecute", 3600)
    secret = by_text["secret"].settings
    assert EnvVar("DB_PASS", secret="db", key="password") in secret.env
    assert {(v.source, v.name, v.mount_path) for v in secret.volumes} == {
        ("secret", "certs", "/certs"), ("config_map", "conf", "/conf")}
    mounted = by_text["mounted"].settings.volumes
    assert [(v.name, v.sub_path) for v in mounted] == [("data-claim", None),
                                                       (ParamRef("claim"), "sub")]
    named = [t for t in p.tasks if t.name == "claim_name"][0]
    from_task = by_text["from task"]
    assert from_task.settings.volumes[0].name == OutputRef(named.id, "Output")
    assert from_task.after == []        # the claim explains the dependency
    meta = by_text["meta"].settings
    assert (meta.pod_labels, meta.pod_annotations, meta.image_pull_policy, meta.timeout) == (
        {"team": "ml"}, {"owner": "kim"}, "Always", 600)
    assert meta.volumes[0].source == "empty_dir" and meta.volumes[0].volume_name == "scratch"
    inner = [t for t in p.tasks if t.group is not None][0]
    assert [v.name for v in inner.settings.volumes] == [OutputRef(named.id, "Output"),
                                                        ParamRef("claim")]
    conf = _groups("pipeline_info").conf
    assert (conf.timeout, conf.ttl_seconds_after_finished) == (7200, 3600)


def test_an_unknown_kubernetes_setting_is_refused_in_the_second_document(tmp_path):
    path = GOLDEN / "features_v2" / "v2" / "platform_k8s.yaml"
    text = path.read_text(encoding="utf-8").replace("imagePullPolicy: Always",
                                                    "notAKubernetesSetting: [x]")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_yaml_file(edited)
    assert "`notAKubernetesSetting`" in e.value.message
    assert text.splitlines()[e.value.line - 1].strip().startswith("notAKubernetesSetting:")


def test_task_settings_in_the_task_and_the_executor_are_read():
    from designer.ir.settings import EnvVar
    p = _groups("task_settings")
    by_text = {t.arguments["text"].value: t.settings for t in p.tasks
               if hasattr(t.arguments.get("text"), "value")}
    steps = [t.settings for t in p.tasks if t.name.startswith("step")]
    assert steps[0].display_name == "First step" and steps[0].enable_caching is False
    assert steps[1].retry.num_retries == 3
    assert (steps[2].retry.num_retries, steps[2].retry.backoff_duration,
            steps[2].retry.backoff_factor) == (2, "30s", 1.5)
    sized = by_text["sized"]
    assert (sized.cpu_request, sized.cpu_limit, sized.memory_request, sized.memory_limit) == (
        "500m", "2", "512Mi", "2G")
    gpu = by_text["gpu"]
    assert (gpu.accelerator_type, gpu.accelerator_limit) == ("nvidia.com/gpu", "2")
    assert gpu.env == (EnvVar("MODE", "fast"), EnvVar("LEVEL", "3"))
    assert [t for t in p.tasks if t.name == "tidy"][0].settings.ignore_upstream_failure


def test_pipeline_artifact_inputs_are_read_required_first():
    p = _groups("pipeline_inputs")
    assert [(x.name, x.annotation, x.has_default) for x in p.params] == [
        ("data", "Input[Dataset]", False), ("many", "Input[List[Dataset]]", False),
        ("sep", "str", True), ("model", "Optional[Input[Model]]", True)]
    join = [t for t in p.tasks if t.name == "join"][0]
    assert join.arguments["datasets"] == ParamRef("many")
