"""The KFP v2 compiler on every IR concept, against what kfp 2.17.3 (+ kfp-kubernetes) wrote.

Each pipeline in tests/golden/features_v2/NAME.py is our own kfp 2 DSL file; its golden
(features_v2/v2/NAME.yaml, tools/make_goldens_v2.py --features) is kfp's output, and
tests/compiler/v2_features.py builds the same pipeline's IR by hand. The YAML documents
(pipeline spec, platform spec) must be equal when parsed, the kfp version aside.
"""
from __future__ import annotations

import difflib

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
