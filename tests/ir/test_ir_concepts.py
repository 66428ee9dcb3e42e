"""The IR's new concepts as plain data: ports by passing style, groups, settings, and the
feature census every writer uses to refuse what it cannot write exactly."""
from __future__ import annotations

import pytest

from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.ir import Component, Constant, InputError, OutputRef, ParamRef, Pipeline, Task
from designer.ir.components import Concat as PConcat
from designer.ir.components import ContainerComponent, IfPresent, InputPath, InputValue, OutputPath
from designer.ir.features import describe, features, unsupported
from designer.ir.groups import Condition, Group, ancestors, children, is_inside, walk
from designer.ir.model import Collected, Concat, LoopItem, RunPlaceholder
from designer.ir.settings import Retry, TaskSettings, VolumeMount
from designer.ir.signature import ARTIFACT, PATH, VALUE, Signature, signature_from_source
from designer.ir.signature import InputSpec, OutputSpec


def test_file_and_artifact_parameters_become_ports_of_their_direction():
    sig = signature_from_source(
        "def f(a: int, data_path: InputPath('CSV'), m: Input[Dataset],\n"
        "      out_path: kfp.components.OutputPath(str), model: Output[Model]) -> int:\n"
        "    pass\n")
    assert [(i.name, i.passing, i.type) for i in sig.inputs] == [
        ("a", VALUE, None), ("data_path", PATH, "CSV"), ("m", ARTIFACT, "Dataset")]
    assert [(o.name, o.passing, o.type, o.param) for o in sig.outputs] == [
        ("out_path", PATH, "str", "out_path"), ("model", ARTIFACT, "Model", "model"),
        ("Output", VALUE, None, None)]


def test_an_artifact_return_is_an_artifact_output():
    sig = signature_from_source("def f() -> Dataset:\n    pass\n")
    assert sig.outputs[0].passing == ARTIFACT and sig.outputs[0].type == "Dataset"


def test_an_output_declared_twice_is_refused():
    with pytest.raises(Exception, match="declared twice"):
        signature_from_source("def f(x: OutputPath(str)) -> NamedTuple('O', [('x', int)]):\n"
                              "    pass\n")


def _tutorial() -> Pipeline:
    comp = Component.from_source("def f(n: int) -> int:\n    return n\n", id="f")
    return Pipeline("p", components=[comp], tasks=[
        Task("a", "a", "f", {"n": ParamRef("x")}), Task("b", "b", "f", {"n": OutputRef("a", "Output")})])


def test_a_plain_pipeline_uses_no_feature():
    assert features(_tutorial()) == set()


def test_groups_form_a_tree_in_creation_order():
    p = _tutorial()
    p.groups = [Group("g1", "loop", items=Constant([1, 2])),
                Group("g2", "condition", parent="g1",
                      condition=Condition(LoopItem("g1"), "==", Constant(1)))]
    p.tasks[1].group = "g2"
    assert [g.id for g in ancestors(p, "g2")] == ["g2", "g1"]
    assert [g.id for g in walk(p)] == ["g1", "g2"]
    assert children(p, "g2") == (["b"], []) and children(p, None)[0] == ["a"]
    assert is_inside(p, "b", "g1") and not is_inside(p, "a", "g1")
    assert features(p) >= {"group:loop", "group:condition", "arg:loop_item"}


def test_expressions_and_collected_outputs_count_as_dependencies():
    p = _tutorial()
    p.tasks[1].arguments = {"n": Concat(("x-", OutputRef("a", "Output"), RunPlaceholder("run_id")))}
    assert p.tasks[1].upstream_ids() == ["a"]
    p.tasks[1].arguments = {"n": Collected(OutputRef("a", "Output"))}
    assert p.tasks[1].upstream_ids() == ["a"]


def test_a_parameter_read_only_by_a_condition_is_used():
    p = _tutorial()
    p.params = []
    p.groups = [Group("g", "condition", condition=Condition(ParamRef("flag"), "==", Constant(1)))]
    assert p.uses_param("flag") and not p.uses_param("other")


def test_settings_report_what_differs_from_kfp_defaults():
    s = TaskSettings(display_name="Train", retry=Retry(3))
    assert s.changed() == ["display_name", "retry"] and TaskSettings().is_default()


def test_container_components_name_the_ports_their_placeholders_use():
    comp = ContainerComponent(
        id="c", name="Echo", signature=Signature("echo", (InputSpec("text"), InputSpec("n")),
                                                 (OutputSpec("out", passing=PATH),)),
        image="alpine", command=["sh", "-c"],
        args=[PConcat(("echo ", InputValue("text"))), IfPresent("n", ("-n", InputValue("n"))),
              OutputPath("out"), InputPath("text")])
    assert comp.placeholders() == ({"text", "n"}, {"out"})
    assert comp.kfp_name == "Echo" and comp.python_name == "echo"


@pytest.mark.parametrize("target,settings,what", [
    ("v1", TaskSettings(ignore_upstream_failure=True), "the ignore upstream failure setting"),
    ("v2", TaskSettings(max_cache_staleness="P0D"), "the max cache staleness setting")])
def test_every_writer_refuses_what_it_cannot_write_yet_with_where(target, settings, what):
    """Wrong output is the worst failure: a feature a writer has not learnt is refused,
    naming the task, never compiled into something else."""
    p = _tutorial()
    p.tasks[1].settings = settings
    use = unsupported(p, ())
    assert use is not None and describe(use) == f"task `b` uses {what}"
    with pytest.raises(InputError, match=f"task `b` uses {what}"):
        compile_pipeline(p, target, compile_time="t")
    with pytest.raises(InputError, match=f"task `b` uses {what}"):
        export_python(p, target)


def test_saving_keeps_settings_and_running_refuses_what_it_cannot_hold_yet():
    from designer import persist
    from designer.runner import Runner
    p = _tutorial()
    p.params = []
    p.tasks[0].arguments = {"n": Constant(1)}
    p.tasks[0].settings = TaskSettings(timeout=5)
    # Project format version 2 stores every setting (tests/test_persist_v2.py).
    assert persist.loads(persist.dumps(persist.Project(p))).pipeline.tasks[0].settings == \
        TaskSettings(timeout=5)
    # Local runs carry out timeouts and claim mounts (runner/local_settings.py,
    # local_volumes.py), not a secret mounted as a volume (its values are never at hand).
    p.tasks[0].settings = TaskSettings(volumes=(
        VolumeMount("/etc/creds", source="secret", name="creds", volume_name="creds"),))
    with pytest.raises(InputError, match="task `a`: a local run cannot mount the secret"):
        Runner(p)


def test_file_and_artifact_ports_are_not_checked_as_value_types():
    """`InputPath()` fed by `OutputPath(str)`, a parameter or `Output[Dataset]` is kfp's to
    check (by file type / artifact schema, in each compiler), not a value-type mismatch."""
    from designer.ir import errors
    make = Component.from_source("def make(out_path: OutputPath(str), d: Output[Dataset]):\n"
                                 "    pass\n", id="make")
    use = Component.from_source("def use(data_path: InputPath(), ds: Input[Artifact]):\n"
                                "    pass\n", id="use")
    p = Pipeline("p", components=[make, use], tasks=[
        Task("m", "m", "make"),
        Task("u", "u", "use", {"data_path": OutputRef("m", "out_path"),
                               "ds": OutputRef("m", "d")}),
        Task("v", "v", "use", {"data_path": ParamRef("x"), "ds": OutputRef("m", "d")})])
    from designer.ir import PipelineParam
    p.params = [PipelineParam("x", "str")]
    assert errors(p) == []
