"""The compilers' source maps: the contract in ``designer/compiler/source_map.py``.

The previews highlight and click through tasks by these maps, so a compiler that changes
how it writes must keep them true. They are checked here on the whole golden corpus, for
KFP v1, KFP v2 and both Pythons, against the locator the previews used before the maps
existed (``locate_oracle.py``, which parses the text back), and on shapes where that
locator was wrong.
"""
from __future__ import annotations

import re

import pytest
import yaml

from designer.compiler import Compiled, SourceMap, compile_pipeline
from designer.compiler.python_source import export_python
from designer.inputs import load_project
from designer.ir import (Component, Constant, InputError, OutputRef, ParamRef, Pipeline,
                         PipelineParam, Task)
from tests.compiler import locate_oracle
from tests.golden.goldens import corpus_file, corpus_names

KEYS = ("v1", "v2", "python-v1", "python-v2")


def compile_both(p: Pipeline, key: str) -> tuple[str, Compiled]:
    """(the text without a map, the text with its map) for one target."""
    if key.startswith("python"):
        return export_python(p, key[-2:]), export_python(p, key[-2:], with_source_map=True)
    return (compile_pipeline(p, key, compile_time="t"),
            compile_pipeline(p, key, compile_time="t", with_source_map=True))


def oracle(p: Pipeline, key: str, text: str) -> dict:
    if key.startswith("python"):
        return locate_oracle.python_locations(text, p)
    return locate_oracle.yaml_locations(text, key, locate_oracle.kfp_task_names(p, key))


def _corpus() -> list[tuple[str, str]]:
    return [(name, key) for name in corpus_names() for key in KEYS]


_PIPELINES: dict[str, Pipeline] = {}


def corpus_pipeline(name: str) -> Pipeline:
    if name not in _PIPELINES:
        _PIPELINES[name] = load_project(corpus_file(name)).pipeline
    return _PIPELINES[name]


def check_contract(p: Pipeline, key: str, compiled: Compiled) -> None:
    """What holds for every map: valid ranges, every task, components and parameters
    where their text is."""
    lines = compiled.text.split("\n")
    smap = compiled.source_map
    for kind in ("tasks", "components", "params", "groups"):
        for k, ranges in getattr(smap, kind).items():
            assert ranges, (kind, k)
            for first, last in ranges:
                assert 1 <= first <= last <= len(lines), (kind, k, first, last, len(lines))
                assert lines[first - 1].strip() and lines[last - 1].strip(), (kind, k)
    assert set(smap.tasks) == {t.id for t in p.tasks}
    used = {t.component_id for t in p.tasks}
    python = key.startswith("python")
    assert set(smap.components) == ({c.id for c in p.components} if python else used)
    for comp in p.components:
        blocks = ["\n".join(lines[first - 1:last])
                  for first, last in smap.components.get(comp.id, [])]
        for block in blocks:
            if python:
                assert f"def {comp.name}(" in block or f"{comp.name} = " in block
            else:
                assert re.match(r"\s*(- name: |comp-|exec-|\? comp-|\? exec-)", block), block
        if blocks and not python:   # the component's program is in its templates / executors
            assert any(f"def {comp.name}(" in block for block in blocks)
    for task in p.tasks:
        ranges = smap.tasks[task.id]
        assert len(ranges) == (2 if key == "v1" else 3 if key == "v2" else
                               3 if task.after else 2)
        if python:
            comp = p.component(task.component_id)   # assigned, or a bare call
            assert re.match(rf"\s+({re.escape(task.name)}\w* = |{re.escape(comp.name)}\()",
                            lines[ranges[0][0] - 1])
            assert ranges[-1] == smap.components[task.component_id][0]
    assert set(smap.params) == {prm.name for prm in p.params}
    for prm in p.params:
        for first, _last in smap.params[prm.name]:
            assert prm.name in lines[first - 1] or (
                key == "v1" and prm.name.replace("_", "-") in lines[first - 1])


@pytest.mark.parametrize("name,key", _corpus())
def test_the_map_says_what_parsing_the_text_finds(name, key):
    p = corpus_pipeline(name)
    try:
        plain, compiled = compile_both(p, key)
    except InputError:
        with pytest.raises(InputError):
            compile_both(p, key)
        return
    assert compiled.text == plain            # the map never changes the text
    assert isinstance(compiled.source_map, SourceMap)
    assert compiled.source_map.tasks == oracle(p, key, plain)
    check_contract(p, key, compiled)


def test_the_corpus_exercises_every_target():
    compiled = 0
    for name, key in _corpus():
        try:
            compile_both(corpus_pipeline(name), key)
            compiled += 1
        except InputError:
            pass
    assert compiled >= len(_corpus()) - 3


def test_maps_are_written_not_parsed(monkeypatch):
    """The point of a source map: no YAML or Python is read back to make it."""
    import ast

    def refuse(*_a, **_k):
        raise AssertionError("the YAML was parsed to find the map")

    for name in ("yaml.parse", "yaml.compose", "yaml.load", "yaml.safe_load"):
        monkeypatch.setattr(name, refuse)
    parse = ast.parse

    def parse_but_not_the_module(source, *args, **kwargs):
        # (annotations and component sources are parsed to be understood; the module
        # written is never read back)
        assert "@dsl.pipeline" not in source and "@pipeline" not in source, \
            "the Python module was parsed to find the map"
        return parse(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse_but_not_the_module)
    p = corpus_pipeline("example_pipeline")   # (parsed before the patch)
    for key in KEYS:
        compiled = compile_both(p, key)[1]
        assert compiled.source_map.tasks


def _component(name: str, body: str = "    return a\n", **kw) -> Component:
    return Component.from_source(f"def {name}(a: str) -> str:\n{body}", id=f"c-{name[:6]}", **kw)


def test_keys_too_long_for_simple_yaml_keys_take_the_general_path():
    comp = _component("x" * 125)
    p = Pipeline("p", components=[comp], params=[PipelineParam("q", "str", "v", True)],
                 tasks=[Task("t1", "a1", comp.id, {"a": ParamRef("q")}),
                        Task("t2", "a2", comp.id, {"a": OutputRef("t1", "Output")})])
    for key in KEYS:
        plain, compiled = compile_both(p, key)
        assert compiled.text == plain
        assert compiled.source_map.tasks == oracle(p, key, plain)
        check_contract(p, key, compiled)
    assert "? comp-" in plain_v2(p)


def plain_v2(p: Pipeline) -> str:
    return compile_pipeline(p, "v2")


def test_task_names_yaml_would_read_as_booleans():
    comp = _component("yes")
    p = Pipeline("p", components=[comp], tasks=[Task("t1", "a1", comp.id, {"a": Constant("q")}),
                                               Task("t2", "b", comp.id, {"a": Constant("z")})])
    for key in ("v1", "v2"):
        plain, compiled = compile_both(p, key)
        assert compiled.source_map.tasks == oracle(p, key, plain)
        check_contract(p, key, compiled)


def test_where_parsing_was_wrong_the_map_is_right():
    """A decorator over several lines, brackets in a string, a comment after the body:
    the old locator lost the decorator, ran past the statement, cut the function short."""
    long_image = "python:3.11-slim-bookworm-with-a-very-long-image-name-that-goes-on-and-on"
    deco = _component("f", base_image=long_image, packages_to_install=["numpy", "pandas"])
    tail = _component("g", body="    return a  # )\n\n# the end\n")
    p = Pipeline("p", components=[deco, tail],
                 params=[PipelineParam("pp", "str", "x", True, "doc\nmore")],
                 tasks=[Task("t1", "a1", tail.id, {"a": Constant("a(b")}),
                        Task("t2", "a2", deco.id, {"a": OutputRef("t1", "Output")},
                             after=["t1"])])
    v2 = compile_both(p, "python-v2")[1]
    lines = v2.text.split("\n")
    smap = v2.source_map

    def text(rng):
        return lines[rng[0] - 1:rng[1]]

    assert text(smap.components[deco.id][0])[0] == "@dsl.component("
    assert text(smap.components[deco.id][0])[-1] == "    return a"
    assert text(smap.components[tail.id][0])[-1] == "# the end"
    assert text(smap.tasks["t1"][0]) == ['    a1 = g(a="a(b")']
    assert text(smap.tasks["t2"][1]) == ["    a2.after(a1)"]
    assert text(smap.params["pp"][0]) == ['def p(pp: str = "x"):']
    assert text(smap.params["pp"][1]) == ['    """:param pp: doc', "    more"]
    v1 = compile_both(p, "python-v1")[1]
    lines = v1.text.split("\n")
    assign = v1.source_map.components[deco.id][1]
    assert lines[assign[0] - 1] == "f = create_component_from_func("


def test_v2_parameters_in_the_header_and_the_root_inputs():
    comp = _component("f")
    p = Pipeline("p", components=[comp],
                 params=[PipelineParam("b", "str", "two\nlines", True),
                         PipelineParam("a", "str", None, False)],
                 tasks=[Task("t1", "a1", comp.id, {"a": ParamRef("a")})])
    compiled = compile_both(p, "v2")[1]
    lines = compiled.text.split("\n")
    a_header, a_root = compiled.source_map.params["a"]
    assert lines[a_header[0] - 1] == "#    a: str"
    assert lines[a_root[0] - 1].strip() == "a:"
    b_header = compiled.source_map.params["b"][0]
    assert lines[b_header[0] - 1].startswith("#    b: str") and b_header[1] > b_header[0]


def test_task_at_picks_the_smallest_range():
    smap = SourceMap(tasks={"a": [(1, 10)], "b": [(3, 4), (20, 30)]})
    assert smap.task_at(3) == "b"
    assert smap.task_at(5) == "a"
    assert smap.task_at(25) == "b"
    assert smap.task_at(11) is None


def test_a_big_pipeline_maps_every_task_where_parsing_does():
    comp = _component("step")
    tasks = [Task("t0", "s0", comp.id, {"a": Constant("x")})]
    tasks += [Task(f"t{i}", f"s{i}", comp.id, {"a": OutputRef(f"t{i - 1}", "Output")})
              for i in range(1, 150)]
    p = Pipeline("big", components=[comp], tasks=tasks)
    for key in KEYS:
        plain, compiled = compile_both(p, key)
        assert compiled.source_map.tasks == oracle(p, key, plain)


def test_the_yaml_is_untouched_by_marking():
    """Marked dicts are dicts: the YAML the marks were taken from reads back the same."""
    p = corpus_pipeline("example_pipeline")
    for key in ("v1", "v2"):
        plain, compiled = compile_both(p, key)
        assert yaml.safe_load(compiled.text) == yaml.safe_load(plain)
