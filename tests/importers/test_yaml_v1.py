"""Compiled KFP v1 workflows opened back into the IR: lossless for what kfp wrote.

The proof is the round trip: every v1 golden of the suite (kfp 1.8.9's own output), read
and compiled again, gives the golden's bytes apart from the compile time. A golden with a
construct the reader does not take yet must be refused with ``file:line: what``, never
read into something else.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from designer.compiler import compile_pipeline
from designer.importers import import_yaml, load_yaml_file
from designer.inputs import load_project
from designer.ir import Constant, InputError
from tests.golden.goldens import (EPOCH, FEATURES_DIR, V1_DIR, first_difference, normalise_v1,
                                  run_our_cli, time_from_epoch)

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "tests" / "data" / "reference" / "example_pipeline.yaml"
GOLDENS = sorted(V1_DIR.glob("*.yaml")) + sorted((FEATURES_DIR / "v1").glob("*.yaml"))


def _roundtrip(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    pipeline = load_yaml_file(path).pipeline
    out = compile_pipeline(pipeline, "v1", compile_time=time_from_epoch(EPOCH))
    return normalise_v1(text), normalise_v1(out)


def test_example_yaml_gives_the_tutorial_pipeline():
    imported = load_yaml_file(REFERENCE)
    p = imported.pipeline
    assert imported.target == "v1" and imported.warnings == []
    assert p.name == "example_pipeline"
    assert [(x.name, x.annotation, x.has_default) for x in p.params] == [
        ("number_1", "int", False), ("number_2", "int", False)]
    assert len(p.tasks) == 3 and len(p.components) == 2
    sources = {c.name: c.source for c in p.components}
    assert sources == {
        "print_and_return_number":
            "def print_and_return_number(number: int) -> int:\n    print(number)\n"
            "    return number\n",
        "sum_and_print_numbers":
            "def sum_and_print_numbers(number_1: int, number_2: int):\n"
            "    print(number_1 + number_2)\n"}
    first, second, total = p.tasks
    assert first.component_id == second.component_id != total.component_id
    assert first.arguments == {"number": __import__("designer.ir", fromlist=["ParamRef"])
                               .ParamRef("number_1")}
    refs = {(p.task(r.task_id).name, r.output) for r in total.arguments.values()}
    assert refs == {(first.name, "Output"), (second.name, "Output")}
    expected, actual = _roundtrip(REFERENCE)
    assert actual == expected, first_difference(expected, actual)


def test_seed_reference_yaml_is_byte_identical_but_for_the_time():
    """The seed's example_pipeline.yaml (tests/data/reference holds it byte for byte)
    compiles back to itself, its compile time included when given."""
    text = REFERENCE.read_text(encoding="utf-8")
    out = compile_pipeline(load_yaml_file(REFERENCE).pipeline, "v1",
                           compile_time="2023-11-23T16:06:24.189360")
    assert out == text


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_v1_golden_round_trips_or_is_refused_at_a_line(path):
    try:
        expected, actual = _roundtrip(path)
    except InputError as e:
        assert e.path == str(path) and e.line is not None and e.line >= 1, str(e)
        assert path.parent == FEATURES_DIR / "v1", f"a plain golden is refused: {e}"
        return
    assert actual == expected, f"{path.name}: {first_difference(expected, actual)}"


def test_plain_goldens_all_round_trip():
    """Function components, parameters, wiring, .after(): every golden of tests/golden/v1."""
    plain = sorted(V1_DIR.glob("*.yaml"))
    assert len(plain) >= 30
    for path in plain:
        expected, actual = _roundtrip(path)
        assert actual == expected, f"{path.name}: {first_difference(expected, actual)}"


def test_cli_compiles_yaml_back_to_the_golden(tmp_path):
    run = run_our_cli(V1_DIR / "named_outputs.yaml", "v1", EPOCH)
    assert run.returncode == 0, run.stderr
    assert normalise_v1(run.output) == normalise_v1((V1_DIR / "named_outputs.yaml").read_text())


def test_types_and_file_passing_are_written_back_into_the_def():
    p = load_yaml_file(V1_DIR / "typing_forms.yaml").pipeline
    for comp in p.components:
        # every hint kfp stripped is back: the def line carries annotations again
        assert comp.signature.inputs == () or all(
            i.annotation is not None for i in comp.signature.inputs
            if i.type is not None or i.passing != "value"), comp.source


def test_hand_edited_workflow_opens_with_warnings_naming_the_lines(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    edited = text.replace("image: python:3.7", "image: python:3.11", 1)
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    imported = load_yaml_file(path)
    assert imported.warnings, "an edited image must be reported"
    first = imported.warnings[0]
    line = edited.splitlines().index("      image: python:3.11") + 1
    assert first.startswith(f"line {line}:") and "container.image" in first, first
    # the component is read from its component_spec annotation, which still says 3.7:
    # writing back gives what kfp writes for that component
    out = compile_pipeline(imported.pipeline, "v1", compile_time=time_from_epoch(EPOCH))
    assert normalise_v1(out) == normalise_v1(text)


def test_other_kfp_1_version_opens_with_a_warning(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8").replace("1.8.9", "1.8.22")
    path = tmp_path / "newer.yaml"
    path.write_text(text, encoding="utf-8")
    project = load_project(path)
    assert len(project.pipeline.tasks) == 3
    assert any("kfp_sdk_version" in w and "1.8.22" in w for w in project.warnings), \
        project.warnings
    out = compile_pipeline(project.pipeline, "v1", compile_time=time_from_epoch(EPOCH))
    assert "1.8.22" not in out and normalise_v1(out) == normalise_v1(REFERENCE.read_text())


@pytest.mark.parametrize("text, line, words", [
    ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: [1,\n", 4, "not valid YAML"),
    ("a: !!python/object/apply:os.system ['echo hi']\n", 1, "not valid YAML"),
    ("kind: Deployment\n", 1, "not a compiled pipeline"),
    ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {}\nspec:\n  templates:\n"
     "  - {name: a}\n", 3, "pipeline_spec"),
])
def test_bad_yaml_is_refused_with_a_line(tmp_path, text, line, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_project(path)
    assert e.value.path == str(path) and e.value.line == line and words in e.value.message, \
        str(e.value)


def test_a_refused_construct_names_its_line():
    text = (FEATURES_DIR / "v1" / "runtime_settings.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_yaml(text, "runtime_settings.yaml")
    assert e.value.line is not None and "`podSpecPatch`" in e.value.message
    assert text.splitlines()[e.value.line - 1].lstrip().startswith("podSpecPatch:"), str(e.value)
    edited = (FEATURES_DIR / "v1" / "volume_ops.yaml").read_text(encoding="utf-8").replace(
        "action: create", "action: apply", 1)
    with pytest.raises(InputError) as e:
        import_yaml(edited, "volume_ops.yaml")
    assert "other than a VolumeOp" in e.value.message
    assert edited.splitlines()[e.value.line - 1].lstrip().startswith("resource:")


EXIT_HANDLER_PY = '''
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def notify(channel: str, text: str):
    print(channel, text)


@create_component_from_func
def work(step: int) -> int:
    return step + 1


@dsl.pipeline(name="exit-handler", description="Cleans up whatever happens.")
def exit_handler(channel: str = "#ops", limit: int = 2):
    goodbye = notify(channel, "pipeline finished")
    with dsl.ExitHandler(goodbye):
        first = work(1)
        with dsl.Condition(first.output > limit, name="big"):
            second = work(first.output)
            with dsl.Condition(channel == "#ops"):
                work(second.output)
        last = work(3)
        last.after(second)
'''


def test_exit_handler_and_nested_conditions_round_trip(tmp_path):
    """kfp 1.8.9's bytes for this pipeline are our compiler's (tests/test_golden_v1.py proves
    the compiler on the same constructs): the YAML opened gives them back."""
    from designer.importers import import_python
    from designer.ir.groups import Condition
    from designer.ir import ParamRef

    text = compile_pipeline(import_python(EXIT_HANDLER_PY, "exit.py"), "v1",
                            compile_time=time_from_epoch(EPOCH))
    p = import_yaml(text, "exit.yaml").pipeline
    kinds = [(g.kind, g.name) for g in p.groups]
    assert kinds == [("exit_handler", None), ("condition", "big"), ("condition", None)]
    exit_group, big, inner = p.groups
    assert p.task(exit_group.exit_task).name == "notify"
    assert big.parent == exit_group.id and inner.parent == big.id
    assert big.condition.operator == ">" and big.condition.right == ParamRef("limit")
    assert inner.condition == Condition(ParamRef("channel"), "==", Constant("#ops"))
    last = [t for t in p.tasks if t.name == "work_4"][0]
    assert [p.task(i).name for i in last.after] == ["work_2"]
    again = compile_pipeline(p, "v1", compile_time=time_from_epoch(EPOCH))
    assert again == text, first_difference(text, again)


def _settings_source() -> str:
    """The task-settings feature pipeline without what the reader refuses yet (volumes, a
    setting given by a parameter)."""
    text = (FEATURES_DIR / "task_settings.py").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines()
                     if "PipelineVolume" not in line and "REGION" not in line)


def test_task_settings_and_pipeline_conf_round_trip():
    from designer.importers import import_python
    original = import_python(_settings_source(), "settings.py")
    text = compile_pipeline(original, "v1", compile_time=time_from_epoch(EPOCH))
    p = import_yaml(text, "settings.yaml").pipeline
    by_name = {t.name: t for t in p.tasks}
    # which of limits and requests was set first is not in the YAML (nor in the bytes)
    for mine, theirs in ((by_name["train"], "trained"), (by_name["serve"], "served")):
        assert replace(mine.settings, resource_order=()) == replace(
            original.task_named(theirs).settings, resource_order=())
    assert p.conf == original.conf
    assert compile_pipeline(p, "v1", compile_time=time_from_epoch(EPOCH)) == text


def test_loops_are_read_as_groups_over_lists_parameters_outputs_and_items():
    """ParallelFor over a literal list (withItems, parallelism), a parameter and an output
    (withParam), an outer item's field; loop items inside argument strings."""
    from designer.ir import OutputRef, ParamRef
    from designer.ir.model import Concat, LoopItem
    p = load_yaml_file(FEATURES_DIR / "v1" / "loops.yaml").pipeline
    literal, dicts, inner, over_output, over_param = p.groups
    assert all(g.kind == "loop" for g in p.groups)
    assert literal.items == Constant([1, 2, 3]) and literal.parallelism == 2
    assert dicts.items.value[0]["b"] == "one" and dicts.parallelism is None
    assert inner.parent == dicts.id and inner.items == LoopItem(dicts.id, ("inner",))
    assert isinstance(over_output.items, OutputRef)
    assert p.task(over_output.items.task_id).name == "make_list"
    assert over_param.parent == over_output.id and over_param.items == ParamRef("items")
    first = [t for t in p.tasks if t.group == literal.id][0]
    assert first.arguments["text"] == Concat((ParamRef("prefix"), "-", LoopItem(literal.id)))
    deepest = [t for t in p.tasks if t.group == over_param.id][0]
    assert LoopItem(over_output.id) in deepest.arguments["text"].parts
    after = [t for t in p.tasks if t.name == "show_5"][0]
    assert [p.task(i).group for i in after.after] == [dicts.id]


def _container_ops_source() -> str:
    """The ContainerOp feature pipeline without its kfp 1 ``@dsl.component`` factory (which
    neither importer reads)."""
    text = (FEATURES_DIR / "container_ops.py").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if "shout_op(msg)" not in line)


def test_container_ops_are_read_as_op_components():
    from designer.importers import import_python
    from designer.ir import OutputRef, ParamRef
    from designer.ir.components import Concat as Parts
    from designer.ir.components import ContainerComponent, InputValue
    text = compile_pipeline(import_python(_container_ops_source(), "ops.py"), "v1",
                            compile_time=time_from_epoch(EPOCH))
    imported = import_yaml(text, "ops.yaml")
    assert imported.warnings == []
    p = imported.pipeline
    ops = {c.name: c for c in p.components if isinstance(c, ContainerComponent)}
    assert set(ops) == {"echo", "echo-twice", "repeat", "bare"}
    assert all(c.origin == "op" for c in ops.values())
    echo = ops["echo"]
    assert echo.args == [Parts(("echo ", InputValue("msg"), " | tee /tmp/out.txt"), inline=True)]
    assert [(o.name, o.passing, o.path) for o in echo.signature.outputs] == [
        ("out", "value", "/tmp/out.txt")]
    repeat = ops["repeat"]
    assert {(i.name, i.passing, i.path) for i in repeat.signature.inputs} == {
        ("times", "value", None), ("echo_twice_out", "path", "/in/text")}
    assert ("mlpipeline-ui-metadata", "path") in {(o.name, o.passing)
                                                  for o in repeat.signature.outputs}
    by_comp = {p.component(t.component_id).name: t for t in p.tasks
               if p.component(t.component_id).name in ops}
    assert by_comp["echo"].arguments == {"msg": ParamRef("msg")}
    assert by_comp["repeat"].arguments["echo_twice_out"] == OutputRef(
        by_comp["echo-twice"].id, "out")
    assert compile_pipeline(p, "v1", compile_time=time_from_epoch(EPOCH)) == text


def test_the_dsl_component_factory_is_refused_at_its_annotation():
    path = FEATURES_DIR / "v1" / "container_ops.yaml"
    with pytest.raises(InputError) as e:
        load_yaml_file(path)
    assert "`@dsl.component` factory" in e.value.message
    line = path.read_text(encoding="utf-8").splitlines()[e.value.line - 1]
    assert "annotations" in line


OPS_IN_LOOPS_PY = '''
from kfp import dsl


def lines_op(n):
    return dsl.ContainerOp(name="lines", image="alpine", command=["sh", "-c"],
                           arguments=["seq %s | jq -sc . > /tmp/l" % n],
                           file_outputs={"lines": "/tmp/l"})


@dsl.pipeline(name="ops-in-loops")
def ops_in_loops(n: int = 3, words: list = ["a", "b"]):
    made = lines_op(n)
    with dsl.ParallelFor(made.output) as line:
        with dsl.Condition(line != "2"):
            dsl.ContainerOp(name="show", image="alpine", command=["echo", line, n])
    with dsl.ParallelFor(words, parallelism=1) as word:
        dsl.ContainerOp(name="show", image="alpine", command=["echo", word], arguments=[])
'''


def test_container_ops_inside_loops_and_conditions_round_trip():
    from designer.importers import import_python
    from designer.ir.model import LoopItem
    text = compile_pipeline(import_python(OPS_IN_LOOPS_PY, "loops.py"), "v1",
                            compile_time=time_from_epoch(EPOCH))
    imported = import_yaml(text, "loops.yaml")
    assert imported.warnings == []
    p = imported.pipeline
    assert [g.kind for g in p.groups] == ["loop", "condition", "loop"]
    over_words = p.groups[2]
    shows = [t for t in p.tasks if t.group == over_words.id]
    assert list(shows[0].arguments.values()) == [LoopItem(over_words.id)]
    assert p.component(shows[0].component_id).explicit_empty == frozenset({"args"})
    assert compile_pipeline(p, "v1", compile_time=time_from_epoch(EPOCH)) == text


def test_volumes_and_run_time_settings_are_read():
    """Claims (by name and from a parameter), secrets, config maps and empty dirs mounted
    with add_volume/add_pvolumes, and an environment value given by a parameter."""
    from designer.ir import ParamRef
    p = load_yaml_file(FEATURES_DIR / "v1" / "volumes.yaml").pipeline
    mounts = {m.mount_path: m for m in p.tasks[0].settings.volumes}
    assert [m.mount_path for m in p.tasks[0].settings.volumes] == [
        "/etc/creds", "/etc/app", "/scratch", "/data", "/models"]
    assert (mounts["/etc/creds"].source, mounts["/etc/creds"].name,
            mounts["/etc/creds"].read_only) == ("secret", "db-creds", True)
    assert mounts["/etc/app"].source == "config_map" and mounts["/scratch"].name is None
    assert mounts["/data"].sub_path == "images" and mounts["/data"].volume_name == "data"
    assert mounts["/models"].volume_name == "model-store"
    p = load_yaml_file(FEATURES_DIR / "v1" / "task_settings.yaml").pipeline
    trained = [t for t in p.tasks if t.settings.volumes][0]
    assert [(m.name, m.volume_name) for m in trained.settings.volumes] == [
        ("training-data", None), (ParamRef("claim"), None)]
    region = [v for t in p.tasks for v in t.settings.env if v.name == "REGION"]
    assert region and region[0].value == ParamRef("region")


def test_volume_ops_and_their_volumes_are_read():
    from designer.ir import OutputRef, ParamRef
    from designer.ir.volumes import VolumeComponent
    p = load_yaml_file(FEATURES_DIR / "v1" / "volume_ops.yaml").pipeline
    vops = {p.component(t.component_id).name: t for t in p.tasks
            if isinstance(p.component(t.component_id), VolumeComponent)}
    assert set(vops) == {"create-pvc", "fixed"}
    assert vops["create-pvc"].arguments == {"resource_name": Constant("my-pvc"),
                                            "size": ParamRef("size"),
                                            "modes": Constant(["ReadWriteOnce"])}
    assert vops["fixed"].arguments["generate_unique_name"] == Constant(False)
    assert vops["fixed"].arguments["annotations"] == Constant({"team": "ml"})
    by_name = {t.name: t for t in p.tasks}
    mount, = by_name["read"].settings.volumes
    assert mount.volume_task == vops["create-pvc"].id and mount.volume_name is None
    assert mount.name == OutputRef(vops["create-pvc"].id, "name")
    assert [p.task(i).name for i in by_name["read"].after] == ["write"]
    listed = by_name["list_dir"]
    assert listed.arguments["note"] == OutputRef(vops["create-pvc"].id, "size")


@pytest.mark.parametrize("name", ["pod_affinity", "dns_config", "sidecars", "volume_snapshots",
                                  "other_resources"])
def test_pod_placement_dns_sidecars_and_snapshots_are_read_back(name):
    """kfp 1.8.9's YAML of pod (anti-)affinity, a DNS configuration, sidecars (images and
    arguments from parameters) and volume snapshots reads back to what the Python file
    says, and compiles to the same bytes."""
    from designer.importers import load_pipeline_file
    expected, actual = _roundtrip(FEATURES_DIR / "v1" / f"{name}.yaml")
    assert actual == expected, first_difference(expected, actual)
    read = load_yaml_file(FEATURES_DIR / "v1" / f"{name}.yaml").pipeline
    original = load_pipeline_file(FEATURES_DIR / f"{name}.py")
    assert read.conf == original.conf

    def settings(p) -> list[str]:      # (the YAML lists the steps by name)
        return sorted(repr((p.component_of(t).python_name, t.settings.node_affinity,
                            t.settings.pod_affinity, t.settings.pod_anti_affinity,
                            t.settings.sidecars, t.settings.other_limits,
                            t.settings.other_requests, len(t.after))) for t in p.tasks)
    assert settings(read) == settings(original)
