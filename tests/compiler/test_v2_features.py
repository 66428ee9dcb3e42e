"""The KFP v2 compiler on every IR concept, against what kfp 2.17.3 (+ kfp-kubernetes) wrote.

Each pipeline in tests/golden/features_v2/NAME.py is our own kfp 2 DSL file; its golden
(features_v2/v2/NAME.yaml, tools/make_goldens_v2.py --features) is kfp's output, and
tests/compiler/v2_features.py builds the same pipeline's IR by hand. The YAML documents
(pipeline spec, platform spec) must be equal when parsed, the kfp version aside.
"""
from __future__ import annotations

import difflib
import re

import pytest
import yaml

from designer.compiler.v2 import compile_v2
from tests.compiler.v2_features import BUILDERS, REFUSERS, golden
from tools.make_goldens_v2 import normalise_doc


def docs(text: str) -> list:
    return [normalise_doc(d) for d in yaml.safe_load_all(text)]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_feature_matches_kfp(name: str) -> None:
    ours = compile_v2(BUILDERS[name]())
    expected = golden(name).read_text(encoding="utf-8")
    if docs(ours) != docs(expected):
        a = yaml.dump_all(docs(expected), sort_keys=True).splitlines()
        b = yaml.dump_all(docs(ours), sort_keys=True).splitlines()
        diff = "\n".join(difflib.unified_diff(a, b, "kfp", "ours", lineterm="", n=2))
        pytest.fail(f"{name} differs from kfp:\n{diff[:6000]}")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_feature_text_is_what_pyyaml_writes(name: str) -> None:
    """Our writer's bytes are ``yaml.dump_all`` of the same documents (after the header)."""
    ours = compile_v2(BUILDERS[name]())
    body = "\n".join(line for line in ours.split("\n") if not line.startswith("#"))
    assert body == yaml.dump_all(list(yaml.safe_load_all(ours)), sort_keys=True)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_source_map_finds_tasks_groups_components_and_parameters(name: str) -> None:
    p = BUILDERS[name]()
    plain = compile_v2(p)
    compiled = compile_v2(p, with_source_map=True)
    assert compiled.text == plain
    lines = plain.split("\n")
    smap = compiled.source_map
    assert set(smap.tasks) == {t.id for t in p.tasks}
    assert set(smap.groups) == {g.id for g in p.groups}
    assert set(smap.params) == {prm.name for prm in p.params}
    assert set(smap.components) == {t.component_id for t in p.tasks}
    for kind in ("tasks", "components", "params", "groups"):
        for ranges in getattr(smap, kind).values():
            for first, last in ranges:
                assert 1 <= first <= last <= len(lines)
    for t in p.tasks:   # its DAG entry (a key named after the task), comp-, exec-
        (entry, _), (comp, _), (exe, _) = smap.tasks[t.id]
        key = lines[entry - 1].strip().rstrip(":")
        assert lines[comp - 1].strip() == f"comp-{key}:"
        assert lines[exe - 1].strip() == f"exec-{key}:"
    for g in p.groups:  # its task entry in the parent DAG, then its component
        (entry, _), (comp, _) = smap.groups[g.id]
        key = lines[entry - 1].strip().rstrip(":")
        assert lines[comp - 1].strip() == f"comp-{key}:"
        assert key.startswith(("condition-", "for-loop-", "exit-handler-"))
    for prm in p.params:
        assert all(prm.name in lines[first - 1] for first, _ in smap.params[prm.name])


@pytest.mark.parametrize("name", sorted(REFUSERS))
def test_what_kfp_refuses_is_refused_with_kfps_reason(name: str) -> None:
    from designer.ir import InputError
    kfp_line = (golden(name).parent.parent / "refused" / f"{name}.error").read_text().strip()
    reason = kfp_line.split(": ", 1)[1]        # after the exception's class name
    with pytest.raises(InputError) as err:
        compile_v2(REFUSERS[name]())
    assert reason in str(err.value)


def test_what_follows_an_if_elif_chain_without_else_is_refused() -> None:
    """kfp 2.17.3 leaves such a chain open: later tasks and groups at its level land inside
    its branches group. The IR does not say what came after the chain, so a task or group
    that may follow it is refused rather than compiled somewhere else."""
    from designer.ir import InputError, Task
    from designer.ir.groups import Group
    p = BUILDERS["elif_chain"]()
    p.tasks.append(Task("later", "later", "say", {}))
    p.tasks[-1].arguments = {"text": p.tasks[0].arguments["text"]}
    with pytest.raises(InputError, match="task `later` follows an If/Elif chain"):
        compile_v2(p)
    p = BUILDERS["elif_chain"]()
    p.groups.append(Group("g3", "loop", items=p.groups[0].items))
    with pytest.raises(InputError, match="follows an If/Elif chain"):
        compile_v2(p)


def _one_container(**kw):
    from designer.ir import Pipeline, Task
    from designer.ir.components import ContainerComponent
    from designer.ir.signature import Signature
    comp = ContainerComponent("c", "Echo", Signature("echo"), "alpine", ["echo"], **kw)
    return Pipeline("p", components=[comp], tasks=[Task("t", "t", "c")])


@pytest.mark.parametrize("kw, reason", [
    (dict(origin="op"), "a kfp 1 dsl.ContainerOp, which kfp 2 does not have"),
    (dict(origin="spec", spec_text="pipelineInfo: {name: x}\n"),
     "compiled kfp 2 component (PipelineSpec YAML)"),
    (dict(origin="spec", spec_text="name: Echo\nimplementation:\n  container:\n    image: a\n"
          "    args:\n    - if: {cond: {isPresent: x}, then: --x}\n"),
     "`if` placeholder's `then` is a single item"),
])
def test_what_the_designer_cannot_write_exactly_is_refused(kw, reason) -> None:
    from designer.ir import InputError
    with pytest.raises(InputError, match=re.escape(reason)):
        compile_v2(_one_container(**kw))


def test_invalid_resources_are_refused_with_kfps_words() -> None:
    from designer.ir import InputError
    from designer.ir.settings import TaskSettings
    p = BUILDERS["task_settings"]()
    p.tasks[0].settings = TaskSettings(cpu_limit="2 cores")
    with pytest.raises(InputError, match="Invalid cpu string"):
        compile_v2(p)
    p.tasks[0].settings = TaskSettings(memory_limit="2GB")
    with pytest.raises(InputError, match="Invalid memory string"):
        compile_v2(p)
    p.tasks[0].settings = TaskSettings(accelerator_limit="-1")
    with pytest.raises(InputError, match="limit must be a non-negative integer"):
        compile_v2(p)


def test_the_general_writer_writes_plain_pipelines_as_the_fast_one_does() -> None:
    """Both writers on the whole plain corpus (tests/golden/pipelines): same text."""
    from designer.compiler import v2
    from designer.compiler.v2_executor import DEFAULT_KFP_VERSION
    from designer.compiler.v2_general import compile_general
    from designer.inputs import load_project
    from designer.ir import InputError
    from tests.golden.goldens import corpus_file, corpus_names
    compared = 0
    for name in corpus_names():
        p = load_project(corpus_file(name)).pipeline
        try:
            fast = compile_v2(p)
        except InputError:
            continue
        tasks = p.topological_tasks()
        comps = v2._components(p, tasks, DEFAULT_KFP_VERSION)
        general = compile_general(p, v2._pipeline_name(p), tasks, DEFAULT_KFP_VERSION, comps)
        assert general.text == fast, name
        compared += 1
    assert compared >= 25


# What the Python reader refuses in these files (and why), so the CLI refuses it too.
IMPORTER_REFUSES: dict[str, str] = {}   # (every feature file is read now)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_through_the_cli(name: str) -> None:
    """End to end (importer, checks, compiler, file) on the kfp 2 source itself: kfp's
    YAML, or a refusal for what the importer does not read yet, never something else."""
    from tests.golden.goldens import run_our_cli
    source = golden(name).parent.parent / f"{name}.py"
    run = run_our_cli(source, "v2")
    if name in IMPORTER_REFUSES:
        assert run.returncode == 2 and IMPORTER_REFUSES[name] in run.stderr, run.stderr
        return
    assert run.returncode == 0, run.stderr
    assert docs(run.output) == docs(golden(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(REFUSERS))
def test_what_kfp_refuses_through_the_cli(name: str) -> None:
    """The CLI refuses each with kfp's reason (the importer words one it refuses first)."""
    from tests.golden.goldens import run_our_cli
    refused = golden(name).parent.parent / "refused"
    run = run_our_cli(refused / f"{name}.py", "v2")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    reason = (refused / f"{name}.error").read_text().strip().split(": ", 1)[1]
    if name == "condition_on_list":   # the importer's own words
        assert "a condition compares with a list" in run.stderr
    else:
        assert reason[:60] in run.stderr, run.stderr
