"""A pipeline used as a component (ir.subpipeline): its derived ports, validation (cycles,
nesting, errors inside, argument types), features, id remapping and the project file."""
from __future__ import annotations

import pytest
import yaml

from designer import persist
from designer.compiler import compile_pipeline
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.errors import InputError
from designer.ir.features import features
from designer.ir.model import Collected
from designer.ir.remap import remap
from designer.ir.subpipeline import MAX_NESTING, PipelineComponent, cycle, depth
from designer.ir.validate import Code, errors

SRC = "def print_op1(msg: str) -> str:\n    print(msg)\n    return msg\n"
NUM = "def number(n: int) -> int:\n    return n\n"


def inner_pipeline(name: str = "inner_pipeline") -> Pipeline:
    return Pipeline(name=name, params=[PipelineParam("msg", "str", "hi", True, "what to say")],
                    components=[Component.from_source(SRC, id="c1")],
                    tasks=[Task("t1", "task", "c1", {"msg": ParamRef("msg")})],
                    outputs={"Output": OutputRef("t1", "Output")})


def outer(inner: Pipeline | None = None) -> Pipeline:
    sub = PipelineComponent("s1", inner or inner_pipeline())
    return Pipeline(name="pipeline-in-pipeline", function_name="my_pipeline",
                    components=[Component.from_source(SRC, id="c1"), sub],
                    tasks=[Task("t1", "print_op1", "c1", {"msg": Constant("Hello")}),
                           Task("t2", "inner_pipeline", "s1", {"msg": Constant("world")}),
                           Task("t3", "after", "c1", {"msg": OutputRef("t2", "Output")})])


def test_ports_are_the_inner_parameters_and_outputs():
    comp = outer().component("s1")
    assert comp.kind == "pipeline" and comp.kfp_name == "inner_pipeline"
    sig = comp.signature
    assert [(i.name, i.annotation, i.default, i.has_default, i.description)
            for i in sig.inputs] == [("msg", "str", "hi", True, "what to say")]
    assert [(o.name, o.annotation) for o in sig.outputs] == [("Output", "str")]
    assert not sig.named_outputs
    # Outputs follow the inner pipeline: a Collected one is a list of what it collects.
    comp.pipeline.outputs = {"a": OutputRef("t1", "Output"),
                             "b": Collected(OutputRef("t1", "Output"))}
    assert [(o.name, o.annotation) for o in comp.signature.outputs] == [
        ("a", "str"), ("b", "List[str]")]
    assert comp.signature.named_outputs


def test_a_valid_sub_pipeline_has_no_errors_and_its_arguments_are_type_checked():
    p = outer()
    assert errors(p) == []
    p.task("t2").arguments["msg"] = Constant(3)
    assert [d.code for d in errors(p)] == [Code.CONSTANT_TYPE]
    p.task("t2").arguments = {"nope": Constant("x")}
    assert [d.code for d in errors(p)] == [Code.UNKNOWN_INPUT]
    p.task("t2").arguments = {}
    p.task("t3").arguments["msg"] = OutputRef("t2", "missing")
    assert [d.code for d in errors(p)] == [Code.UNKNOWN_OUTPUT]


def test_errors_inside_are_reported_on_the_sub_pipeline():
    inner = inner_pipeline()
    inner.task("t1").arguments["msg"] = ParamRef("nope")
    diags = errors(outer(inner))
    assert [(d.code, d.component_id) for d in diags] == [(Code.SUBPIPELINE, "s1")]
    assert diags[0].message == ("Sub-pipeline `inner_pipeline`: Task `task`, input `msg`: "
                                "pipeline parameter `nope` does not exist.")


def test_a_pipeline_that_contains_itself_is_an_error_not_a_hang():
    p = outer()
    inner = p.component("s1").pipeline
    inner.components.append(PipelineComponent("back", p))
    inner.tasks.append(Task("t9", "again", "back", {}))
    assert cycle(p) == ["pipeline-in-pipeline", "inner_pipeline", "pipeline-in-pipeline"]
    diags = errors(p)
    assert [d.code for d in diags] == [Code.SUBPIPELINE_CYCLE]
    assert "contains itself: inner_pipeline -> pipeline-in-pipeline -> inner_pipeline" \
        in diags[0].message
    assert "subpipeline" in features(p)          # (and features() terminates)


def test_nesting_deeper_than_the_limit_is_an_error():
    p = inner_pipeline("level0")
    for n in range(1, MAX_NESTING + 2):
        p = Pipeline(f"level{n}", components=[PipelineComponent("s", p)],
                     tasks=[Task("t", "t", "s", {})])
    diags = errors(p)
    assert [d.code for d in diags] == [Code.SUBPIPELINE_CYCLE]
    assert f"more than {MAX_NESTING} levels deep" in diags[0].message
    assert depth(inner_pipeline()) == 1 and depth(outer()) == 2


def test_features_inside_a_sub_pipeline_count_and_writers_without_it_refuse():
    from designer.ir.settings import Retry, TaskSettings
    p = outer()
    assert features(p) == {"subpipeline"}     # (what the inner returns is its interface)
    p.component("s1").pipeline.tasks[0].settings = TaskSettings(retry=Retry(2))
    assert features(p) == {"subpipeline", "setting:retry"}
    # kfp 1 has no pipeline task: its v1 YAML has the inner op in place (a second op)...
    assert "name: print-op1-2" in compile_pipeline(p, "v1")
    # ...and a target that refuses a feature inside refuses it at the sub-pipeline.
    p.component("s1").pipeline.tasks[0].settings = TaskSettings(ignore_upstream_failure=True)
    with pytest.raises(InputError, match="task `task` in sub-pipeline "
                                         "`inner_pipeline` uses the ignore upstream failure"):
        compile_pipeline(p, "v1")


def test_remap_renames_the_component_but_never_reaches_inside():
    p = outer()
    new = remap(p, tasks={"t1": "T1", "t2": "T2"}, components={"c1": "C1", "s1": "S1"})
    assert [c.id for c in new.components] == ["C1", "S1"]
    assert new.task("T2").component_id == "S1"
    inner = new.component("S1").pipeline
    assert inner.components[0].id == "c1" and inner.tasks[0].id == "t1"


def test_project_file_round_trip_is_version_3_and_older_versions_still_open():
    p = outer()
    text = persist.dumps(persist.Project(p, {"t2": (1.0, 2.0)}))
    doc = yaml.safe_load(text)
    assert doc["version"] == 3
    entry = doc["pipeline"]["components"][1]
    assert entry["kind"] == "pipeline" and entry["pipeline"]["name"] == "inner_pipeline"
    back = persist.loads(text, "x.kfpd")
    assert repr(back.pipeline) == repr(p) and back.pipeline == p
    assert persist.dumps(back) == text
    # Without a sub-pipeline the lowest version that holds it is still written.
    plain = Pipeline("plain", components=[Component.from_source(SRC, id="c1")],
                     tasks=[Task("t1", "t", "c1", {"msg": Constant("x")})])
    assert yaml.safe_load(persist.dumps(persist.Project(plain)))["version"] == 1


def test_bad_sub_pipeline_entries_say_where():
    text = persist.dumps(persist.Project(outer()))
    bad = text.replace("      name: inner_pipeline\n", "      name: 5\n")
    with pytest.raises(InputError) as e:
        persist.loads(bad, "x.kfpd")
    assert "`pipeline`" in e.value.message and e.value.line == bad.splitlines().index(
        "      name: 5") + 1
    missing = text.replace("    kind: pipeline\n    pipeline:\n", "    kind: pipeline\n    x:\n")
    with pytest.raises(InputError, match="pipeline"):
        persist.loads(missing, "x.kfpd")
    # A reference inside that names an outer task is refused with its line.
    dangling = text.replace("        Output: {task: t1, output: Output}",
                            "        Output: {task: t2, output: Output}")
    with pytest.raises(InputError, match="t2"):
        persist.loads(dangling, "x.kfpd")


def test_a_file_nesting_too_deep_is_refused_before_building():
    p = inner_pipeline("level0")
    for n in range(1, MAX_NESTING + 2):
        p = Pipeline(f"level{n}", components=[PipelineComponent("s", p)],
                     tasks=[Task("t", "t", "s", {})])
    text = persist.dumps(persist.Project(p))
    with pytest.raises(InputError, match=f"more than {MAX_NESTING} levels deep"):
        persist.loads(text, "x.kfpd")
