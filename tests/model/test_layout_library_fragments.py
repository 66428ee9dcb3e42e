"""Auto-layout, the bundled library and clipboard fragments (no widgets)."""
from __future__ import annotations

import pytest

from designer import persist
from designer.ir import Component, OutputRef, ParamRef, Pipeline, Task, errors
from designer.ir.errors import InputError
from designer.model import commands as C
from designer.model.autolayout import layered_layout
from designer.model.fragments import make_fragment
from designer.model.library import load_library, read_component_file, signature_text
from designer.model.rules import PARAM_PREFIX, Source, connection_problem


def test_layout_puts_parameters_left_and_flows_right(example_doc):
    p = example_doc.pipeline
    sizes = {k: (160.0, 60.0) for k in example_doc.layout}
    pos = layered_layout(p, sizes)
    ids = {t.name: t.id for t in p.tasks}
    x = {k: v[0] for k, v in pos.items()}
    assert x[PARAM_PREFIX + "number_1"] == x[PARAM_PREFIX + "number_2"] < x[ids["number_1_result"]]
    assert x[ids["number_1_result"]] == x[ids["number_2_result"]] < x[ids["sum_result"]]
    # Barycentre order keeps wires uncrossed: number_1 above number_2 in both columns.
    assert pos[PARAM_PREFIX + "number_1"][1] < pos[PARAM_PREFIX + "number_2"][1]
    assert pos[ids["number_1_result"]][1] < pos[ids["number_2_result"]][1]


def test_layout_of_a_large_graph_is_overlap_free():
    comp = Component.from_source("def f(a: int) -> int:\n    return a\n", id="f")
    tasks = [Task(f"t{i}", f"t{i}", "f", {"a": OutputRef(f"t{(i - 1) // 2}", "Output")}
                  if i else {}) for i in range(1000)]
    p = Pipeline("big", components=[comp], tasks=tasks)
    sizes = {t.id: (170.0, 70.0) for t in tasks}
    pos = layered_layout(p, sizes)     # (its time: tests/bench/canvas_bench.py --layout)
    assert set(pos) == {t.id for t in tasks}
    boxes = sorted((x, y) for x, y in pos.values())
    seen = set()
    for x, y in boxes:
        assert (x, y) not in seen
        seen.add((x, y))
    by_column: dict[float, list[float]] = {}
    for x, y in pos.values():
        by_column.setdefault(x, []).append(y)
    for ys in by_column.values():
        ys.sort()
        assert all(b - a >= 70.0 for a, b in zip(ys, ys[1:]))
    assert len(by_column) == 10  # a binary tree of 1000 nodes has 10 levels


def test_layout_tolerates_cycles():
    comp = Component.from_source("def f(a: int) -> int:\n    return a\n", id="f")
    p = Pipeline("loop", components=[comp], tasks=[
        Task("a", "a", "f", {"a": OutputRef("b", "Output")}),
        Task("b", "b", "f", {"a": OutputRef("a", "Output")})])
    assert set(layered_layout(p, {})) == {"a", "b"}


def test_bundled_library_has_the_tutorial_components_and_they_compile_like_the_example():
    lib = {c.name: c for c in load_library()}
    assert {"print_and_return_number", "sum_and_print_numbers"} <= set(lib)
    assert len(lib) >= 8
    example = persist.load(persist_example()).pipeline
    for comp in example.components:
        assert lib[comp.name].source == comp.source  # identical: drops reuse, bytes match
    assert signature_text(lib["greet"].signature) == \
        "def greet(name: str, greeting: str = 'Hello') -> str"
    assert all(c.description for c in lib.values())
    assert lib["package_version"].packages_to_install == ("packaging",)


def persist_example():
    from designer.resources_path import resources_dir
    return resources_dir() / "examples" / "example_pipeline.kfpd"


def test_library_files_are_read_without_running_them(tmp_path):
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.py"
    evil.write_text(f"import os\nos.system('touch {marker}')\nBASE_IMAGE = 'python:3.9'\n"
                    "def f(x: int) -> int:\n    return x\n")
    comp = read_component_file(evil)
    assert comp.name == "f" and comp.base_image == "python:3.9" and not marker.exists()
    computed = tmp_path / "computed.py"
    computed.write_text("BASE_IMAGE = 'py' + 'thon'\ndef f():\n    pass\n")
    with pytest.raises(InputError, match="literal"):
        read_component_file(computed)
    two = tmp_path / "two.py"
    two.write_text("def a():\n    pass\n\ndef b():\n    pass\n")
    with pytest.raises(InputError, match="exactly one"):
        read_component_file(two)


def test_fragment_round_trips_through_project_text_and_pastes(example_doc):
    doc = example_doc
    ids = {t.name: t.id for t in doc.pipeline.tasks}
    frag = make_fragment(doc, [ids["number_1_result"], ids["sum_result"]], ["number_2"])
    text = persist.dumps(frag)
    back = persist.loads(text)
    names = [t.name for t in back.pipeline.tasks]
    assert names == ["number_1_result", "sum_result"]
    total = back.pipeline.tasks[1]
    assert total.arguments == {"number_1": OutputRef(ids["number_1_result"], "Output")}
    assert {p.name for p in back.pipeline.params} == {"number_1", "number_2"}
    cmd = C.Paste(doc, back, (50.0, 50.0))
    doc.push(cmd)
    new_names = [doc.task(i).name for i in cmd.task_ids]
    assert new_names == ["number_1_result_2", "sum_result_2"]
    new_first, new_total = (doc.task(i) for i in cmd.task_ids)
    assert new_first.arguments == {"number": ParamRef("number_1")}  # reused by name
    assert new_total.arguments == {"number_1": OutputRef(new_first.id, "Output")}
    assert cmd.param_keys == [PARAM_PREFIX + "number_2_2"]  # a selected param is copied
    assert len(doc.pipeline.components) == 2  # identical components are shared
    assert not [d for d in errors(doc.pipeline) if "number_2_2" not in d.message
                and "required input" not in d.message]


def test_connection_rules():
    comp_int = Component.from_source("def f(a: int) -> int:\n    return a\n", id="f")
    comp_str = Component.from_source("def g(s: str, any_=None) -> str:\n    return s\n", id="g")
    p = Pipeline("r", components=[comp_int, comp_str], tasks=[
        Task("a", "a", "f"), Task("b", "b", "f", {"a": OutputRef("a", "Output")}),
        Task("c", "c", "g")])
    assert connection_problem(p, Source("a", "Output"), "c", "any_") is None  # untyped
    assert "Type mismatch" in connection_problem(p, Source("a", "Output"), "c", "s")
    assert "cycle" in connection_problem(p, Source("b", "Output"), "a", "a")
    assert "no input" in connection_problem(p, Source("a", "Output"), "b", "zzz")
    assert "does not exist" in connection_problem(p, Source(PARAM_PREFIX + "nope", "nope"),
                                                  "b", "a")


def test_a_fragment_of_tasks_inside_groups_round_trips_and_pastes_at_the_root(qapp):
    """Copying tasks from a loop: the fragment holds no groups, so the copies land at the root
    and arguments reading the loop's item (meaningless outside it) are dropped."""
    from designer.model.document import Document
    from tests.every_concept import T, every_concept
    doc = Document(persist.Project(every_concept(), {}), None)
    frag = make_fragment(doc, [T["use"], T["one"]])
    back = persist.loads(persist.dumps(frag))           # a version-2 fragment (settings)
    use, one = back.pipeline.tasks
    assert use.group is None and one.group is None
    assert "n" not in one.arguments                      # it read the loop's item
    assert "text" not in use.arguments                   # a concatenation with a loop item
    # Settings travel with the task, but for what reads a task left behind (a wire).
    original = doc.task(T["use"]).settings
    assert use.settings.cpu_limit == original.cpu_limit and use.settings.retry == original.retry
    assert original.memory_limit is not None and use.settings.memory_limit is None
    assert [m.mount_path for m in use.settings.volumes] == ["/secret", "/node", "/scratch",
                                                          "/fast"]
    cmd = C.Paste(doc, back, (10.0, 10.0))
    doc.push(cmd)
    assert [doc.task(i).group for i in cmd.task_ids] == [None, None]
