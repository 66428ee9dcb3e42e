import os
from pathlib import Path

import pytest
import yaml

from designer import persist
from designer.ir import Constant, PipelineParam
from designer.ir.errors import InputError
from designer.resources_path import resources_dir

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"


def test_example_round_trips_to_identical_text():
    text = EXAMPLE.read_text(encoding="utf-8")
    project = persist.loads(text)
    assert [t.name for t in project.pipeline.tasks] == [
        "number_1_result", "number_2_result", "sum_result"]
    assert persist.dumps(project) == text


def test_every_value_type_survives(tmp_path):
    project = persist.load(EXAMPLE)
    p = project.pipeline
    p.description = "한국어 설명\nsecond line"
    values = [1, 2.5, "x: y", True, None, [1, "a"], {"k": [1, 2]}]
    for i, v in enumerate(values):
        p.params.append(PipelineParam(f"p{i}", None, v, True, description=f"value {i}"))
    p.tasks[0].arguments["number"] = Constant(-3)
    path = tmp_path / "x.kfpd"
    persist.save(project, path)
    assert persist.load(path) == project


def test_save_replaces_atomically_and_keeps_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "p.kfpd"
    path.write_text("old contents")
    project = persist.load(EXAMPLE)

    def boom(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        persist.save(project, path)
    assert path.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["p.kfpd"]  # no temp file left


@pytest.mark.parametrize("text, words, line", [
    ("format: kfp-pipeline-designer\nversion: 1\npipeline: {name: x\n", "invalid YAML", 4),
    ("just text", "not a kfp-pipeline-designer project", None),
    ("format: kfp-pipeline-designer\nversion: 99\npipeline: {name: x}\n", "newer designer", None),
    ("format: kfp-pipeline-designer\nversion: 1\npipeline: {}\n", "missing `name`", 3),
    ("format: kfp-pipeline-designer\nversion: 1\npipeline: {name: x, components: "
     "[{id: a, source: 'def f(:'}]}\n", "component `a`: its source, line 1", 3),
    ("format: kfp-pipeline-designer\nversion: 1\npipeline: {name: x, tasks: "
     "[{id: a, name: t, component: c, arguments: {x: 3}}]}\n", "input `x`", 3),
])
def test_bad_files_say_why(text, words, line):
    with pytest.raises(InputError) as e:
        persist.loads(text, "bad.kfpd")
    assert words in e.value.message
    assert e.value.path == "bad.kfpd" and e.value.line == line


def test_format_is_versioned_and_keys_are_stable():
    doc = yaml.safe_load(EXAMPLE.read_text())
    assert list(doc) == ["format", "version", "pipeline", "layout"]
    # The example uses only what version 1 stores: it is (still) written as version 1.
    assert doc["version"] == 1 < persist.VERSION
    assert persist.to_dict(persist.load(EXAMPLE))["version"] == 1


def test_older_versions_are_migrated_step_by_step(monkeypatch):
    """Pretend the current format is 4: a version-1 file goes through every migration."""
    doc = yaml.safe_load(EXAMPLE.read_text())
    calls = []

    def step(n):
        def migrate(d):
            calls.append(n)
            d["pipeline"]["description"] = f"migrated from {n}"
            return d
        return migrate
    monkeypatch.setattr(persist, "VERSION", 5)
    monkeypatch.setitem(persist.MIGRATIONS, 1, step(1))
    monkeypatch.setitem(persist.MIGRATIONS, 2, step(2))
    monkeypatch.setitem(persist.MIGRATIONS, 3, step(3))
    monkeypatch.setitem(persist.MIGRATIONS, 4, step(4))
    project = persist.from_dict(doc)
    assert calls == [1, 2, 3, 4]
    assert project.pipeline.description == "migrated from 4"


def test_a_document_saved_mid_edit_reopens_with_its_ports(tmp_path):
    """The user saves while a component's source does not parse: nothing is lost."""
    project = persist.load(EXAMPLE)
    comp = project.pipeline.components[0]
    comp.source = comp.source.replace("(number: int)", "(number: int,")
    path = tmp_path / "mid_edit.kfpd"
    persist.save(project, path)
    assert "ports:" in path.read_text()
    again = persist.load(path)
    assert again == project
    assert again.pipeline.components[0].signature.inputs[0].name == "number"
    # Once fixed, the ports are derived from the source again and not written out.
    again.pipeline.components[0].source = comp.source.replace("(number: int,", "(number: int)")
    assert "ports:" not in persist.dumps(again)
