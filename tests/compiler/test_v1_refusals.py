"""What the v1 compiler refuses, and that it says why (wrong output is the worst failure).

Two kinds: what kfp 1.8.9 itself refuses or crashes on (we refuse with kfp's reason), and
what the designer cannot write exactly for KFP v1 (kfp 2 concepts, settings the IR does not
say precisely enough). The oracle test at the end runs kfp 1.8.9 on the pipelines of the
first kind to show it refuses them too.
"""
from __future__ import annotations

import subprocess

import pytest

from designer.compiler.v1 import compile_v1
from designer.ir import Component, Constant, InputError, OutputRef, ParamRef, Pipeline, Task
from designer.ir.components import ContainerComponent, InputValue
from designer.ir.groups import Condition, Group
from designer.ir.model import Collected, LoopItem, RunPlaceholder
from designer.ir.settings import Retry, TaskSettings, VolumeMount
from designer.ir.signature import InputSpec, Signature
from tests.compiler.v1_features import spec_component

C, P = Constant, ParamRef
SAY = "def say(text: str) -> str:\n    return text\n"


def _pipeline(*tasks: Task, groups: list[Group] | None = None, source: str = SAY) -> Pipeline:
    comp = Component.from_source(source, id="say")
    return Pipeline("p", components=[comp], tasks=list(tasks), groups=groups or [])


def _refused(p: Pipeline, message: str) -> None:
    with pytest.raises(InputError, match=message):
        compile_v1(p, compile_time="t")


# --- what kfp 1.8.9 refuses ---
def test_a_loop_over_an_output_from_outside_an_enclosing_loop():
    """kfp writes withParam `{{tasks.made...}}` inside the outer loop's DAG, where `made` is
    no task, and fails in fix_big_data_passing (KeyError)."""
    p = _pipeline(Task("made", "made", "say", {"text": C("x")}),
                  Task("inner", "inner", "say", {"text": LoopItem("l2")}, group="l2"),
                  groups=[Group("l1", "loop", items=C([1, 2])),
                          Group("l2", "loop", "l1", items=OutputRef("made", "Output"))])
    _refused(p, "kfp 1.8.9 cannot pass this pipeline's data")


def test_an_exit_handler_must_hold_the_other_tasks():
    p = _pipeline(Task("bye", "bye", "say", {"text": C("bye")}),
                  Task("a", "a", "say", {"text": C("a")}),
                  Task("b", "b", "say", {"text": C("b")}),
                  Task("c", "c", "say", {"text": C("c")}, group="h"),
                  groups=[Group("h", "exit_handler", exit_task="bye")])
    _refused(p, "Only one global exit_handler is allowed")


def test_an_exit_task_cannot_read_outputs():
    p = _pipeline(Task("a", "a", "say", {"text": C("a")}, group="h"),
                  Task("bye", "bye", "say", {"text": OutputRef("a", "Output")}),
                  groups=[Group("h", "exit_handler", exit_task="bye")])
    _refused(p, "does not exist")


@pytest.mark.parametrize("items,message", [
    ([], "non-empty list"),
    ([{"a": 1}, {"b": 2}], "same keys"),
    ([{"not a name": 1}], "not a legal Python name"),
])
def test_loop_items_kfp_rejects(items, message):
    p = _pipeline(Task("t", "t", "say", {"text": LoopItem("l")}, group="l"),
                  groups=[Group("l", "loop", items=C(items))])
    _refused(p, message)


@pytest.mark.parametrize("settings,message", [
    (TaskSettings(cpu_request="lots"), "Invalid cpu string"),
    (TaskSettings(memory_limit="2 GB"), "Invalid memory string"),
    (TaskSettings(image_pull_policy="Sometimes"), "Invalid imagePullPolicy"),
    (TaskSettings(retry=Retry(2, policy="Often")), "policy must be one of"),
    (TaskSettings(accelerator_limit=0), "gpu must be positive integer"),
    (TaskSettings(accelerator_type="intel.com/gpu", accelerator_limit=1), "nvidia and amd"),
])
def test_settings_kfp_validates(settings, message):
    _refused(_pipeline(Task("t", "t", "say", {"text": C("x")}, settings=settings)), message)


def test_incompatible_types_are_refused_like_kfp():
    p = _pipeline(Task("t", "t", "say", {"text": P("n")}))
    p.params = [__import__("designer.ir", fromlist=["PipelineParam"]).PipelineParam("n", "int")]
    _refused(p, 'Argument type "Integer" is incompatible with the input type "String"')


# --- what the designer cannot write exactly for KFP v1 ---
@pytest.mark.parametrize("change,message", [
    (lambda p: p.groups.append(Group("g", "condition", branch="if",
                                     condition=Condition(C(1), "==", P("x")))),
     "If/Elif/Else branches"),
    (lambda p: p.tasks.append(Task("u", "u", "say", {"text": Collected(OutputRef("t", "Output"))})),
     "dsl.Collected"),
    (lambda p: setattr(p.tasks[0], "settings", TaskSettings(ignore_upstream_failure=True)),
     "ignore upstream failure"),
    (lambda p: setattr(p, "display_name", "Shown"), "a pipeline display name"),
    (lambda p: p.outputs.update(out=OutputRef("t", "Output")), "pipeline outputs"),
])
def test_kfp_2_concepts_are_refused(change, message):
    p = _pipeline(Task("t", "t", "say", {"text": C("x")}))
    change(p)
    _refused(p, f"cannot compile for KFP v1: .*{message}")


def test_a_kfp_2_run_placeholder_is_refused():
    _refused(_pipeline(Task("t", "t", "say", {"text": RunPlaceholder("job_name")})),
             "run placeholder `job_name`, which kfp 1.8.9 does not have")


def test_a_volume_from_a_task_that_makes_none_is_refused():
    p = _pipeline(Task("v", "v", "say", {"text": C("x")}),
                  Task("t", "t", "say", {"text": C("x")}, settings=TaskSettings(
                      volumes=(VolumeMount("/data", volume_task="v"),))))
    _refused(p, "comes from a task that does not create one")


def test_a_kfp_2_volume_step_is_refused():
    from designer.ir.volumes import VolumeComponent, volume_signature
    comp = VolumeComponent("pvc", "CreatePVC", volume_signature("pvc", "create", "v2"),
                           origin="v2")
    p = Pipeline("p", components=[comp], tasks=[Task("t", "t", "pvc", {"size": C("1Gi")})])
    _refused(p, "CreatePVC")


def test_two_kinds_of_file_output_helpers_are_refused():
    """kfp writes the OutputPath and Output*File helpers from a set: their order changes from
    run to run (PYTHONHASHSEED), so no exact output exists."""
    source = ("def f(a_path: OutputPath(), b_file: OutputTextFile()):\n    pass\n")
    _refused(_pipeline(Task("t", "t", "say", {}), source=source), "changes from run to run")


def test_item_fields_go_one_level_deep():
    p = _pipeline(Task("t", "t", "say", {"text": LoopItem("l", ("a", "b"))}, group="l"),
                  groups=[Group("l", "loop", items=C([{"a": {"b": 1}}]))])
    _refused(p, "one level of fields")


def test_a_condition_between_two_constants_is_refused():
    p = _pipeline(Task("t", "t", "say", {"text": C("x")}, group="g"),
                  groups=[Group("g", "condition", condition=Condition(C(1), "==", C(1)))])
    _refused(p, "compares two constants")


def test_a_component_edited_after_loading_its_yaml_is_refused():
    text = ("name: Echo\ninputs:\n- {name: text}\nimplementation:\n  container:\n"
            "    image: alpine\n    args: [{inputValue: text}]\n")
    comp = spec_component("echo", text, "echo")
    comp.signature = Signature("echo", (InputSpec("words"),))
    p = Pipeline("p", components=[comp], tasks=[Task("t", "t", "echo", {"words": C("x")})])
    _refused(p, "no longer matches its component YAML")


def test_a_graph_component_is_refused():
    text = "name: G\nimplementation:\n  graph:\n    tasks: {}\n"
    comp = ContainerComponent("g", "G", Signature("g"), "", origin="spec", spec_text=text)
    _refused(Pipeline("p", components=[comp], tasks=[Task("t", "t", "g")]), "graph")


def test_a_container_op_placeholder_without_a_value_is_refused():
    comp = ContainerComponent("c", "c", Signature("c", (InputSpec("x"),)), "alpine",
                              args=[InputValue("x")], origin="op")
    _refused(Pipeline("p", components=[comp], tasks=[Task("t", "t", "c")]), "no value for `x`")


# --- kfp 1.8.9 refuses the first kind too ---
_KFP_REFUSES = {
    "loop over an outside output in a loop": '''
@create_component_from_func
def say(text: str) -> str:
    return text
@dsl.pipeline(name="p")
def p():
    made = say("x")
    with dsl.ParallelFor([1, 2]):
        with dsl.ParallelFor(made.output) as item:
            say(item)
''',
    "exit handler not holding the tasks": '''
@create_component_from_func
def say(text: str) -> str:
    return text
@dsl.pipeline(name="p")
def p():
    bye = say("bye")
    say("a")
    say("b")
    with dsl.ExitHandler(bye):
        say("c")
''',
    "exit task reading an output": '''
@create_component_from_func
def say(text: str) -> str:
    return text
@dsl.pipeline(name="p")
def p():
    a = say("a")
    with dsl.ExitHandler(say(a.output)):
        say("c")
''',
}


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(_KFP_REFUSES))
def test_kfp_1_8_9_refuses_them_too(kfp1_python, tmp_path, name):
    source = ("import kfp\nfrom kfp import dsl\n"
              "from kfp.components import create_component_from_func\n"
              + _KFP_REFUSES[name] + "\nkfp.compiler.Compiler().compile(p, 'out.yaml')\n")
    (tmp_path / "p.py").write_text(source, encoding="utf-8")
    run = subprocess.run([str(kfp1_python), "p.py"], cwd=tmp_path, capture_output=True,
                         text=True)
    assert run.returncode != 0 and not (tmp_path / "out.yaml").exists(), name
