"""``@dsl.pipeline(pipeline_root=)`` end to end: read from kfp 1 and kfp 2 Python (kfp 1.8.9
also takes it third by position), written as kfp 2's ``defaultPipelineRoot`` and kfp 1.8.9's
``pipeline-root`` parameter (the kfp samples take_nap_pipeline_root and uri_artifacts prove
the bytes: tests/test_golden_samples.py), read back from both YAMLs, exported to Python and
kept by the project file (format version 3; older files still open)."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python, import_yaml
from designer.ir import InputError, errors

TIME = "2023-11-14T22:13:20"

V1 = """\
from kfp import dsl
from kfp.components import create_component_from_func

@create_component_from_func
def hello(a: int) -> int:
    return a

@dsl.pipeline({args})
def rooted(n: int = 1):
    hello(n)
"""
V2 = """\
from kfp import dsl

@dsl.component
def hello(a: int) -> int:
    return a

@dsl.pipeline({args})
def rooted(n: int = 1):
    hello(a=n)
"""


@pytest.mark.parametrize("source, args, root", [
    (V1, "'rooted', 'd', 'gs://b/r'", "gs://b/r"),
    (V1, "name='rooted', pipeline_root='s3://b/r'", "s3://b/r"),
    (V2, "name='rooted', pipeline_root='minio://b/r'", "minio://b/r"),
    (V2, "name='rooted', pipeline_root=''", None),        # kfp ignores an empty root
    (V2, "name='rooted', pipeline_root=None", None),
])
def test_the_decorator_gives_the_pipeline_root(source, args, root):
    p = import_python(source.format(args=args), "rooted.py")
    assert p.pipeline_root == root
    assert errors(p) == []


@pytest.mark.parametrize("source, args, words", [
    (V1, "'rooted', 'd', 'gs://b/r', 'extra'", "takes at most 3 positional arguments"),
    (V2, "name='rooted', pipeline_root=3", "the pipeline root must be a string"),
])
def test_what_kfp_refuses_is_refused_at_its_line(source, args, words):
    with pytest.raises(InputError) as e:
        import_python(source.format(args=args), "rooted.py")
    assert words in e.value.message
    assert e.value.line == source.splitlines().index("@dsl.pipeline({args})") + 1


def _rooted(source: str) -> object:
    return import_python(source.format(args="name='rooted', pipeline_root='gs://b/r'"),
                         "rooted.py")


def test_both_yamls_read_back_to_the_same_pipeline_root():
    for source, target in ((V1, "v1"), (V2, "v2")):
        text = compile_pipeline(_rooted(source), target, compile_time=TIME)
        imported = import_yaml(text, f"rooted-{target}.yaml")
        assert imported.pipeline.pipeline_root == "gs://b/r"
        assert imported.warnings == []                   # it compiles to the same YAML
    v1 = yaml.safe_load(compile_pipeline(_rooted(V1), "v1", compile_time=TIME))
    assert v1["spec"]["arguments"]["parameters"][-1] == {"name": "pipeline-root",
                                                         "value": "gs://b/r"}


def test_a_parameter_named_pipeline_root_is_another_parameter_for_kfp_1():
    source = V1.replace("n: int = 1", "pipeline_root: str = 'x'").replace("hello(n)",
                                                                           "hello(1)")
    p = import_python(source.format(args="name='rooted', pipeline_root='gs://b/r'"), "r.py")
    v1 = yaml.safe_load(compile_pipeline(p, "v1", compile_time=TIME))
    assert v1["spec"]["arguments"]["parameters"] == [
        {"name": "pipeline_root", "value": "x"}, {"name": "pipeline-root", "value": "gs://b/r"}]


@pytest.mark.parametrize("target", ["v1", "v2"])
def test_python_export_writes_it_back(target):
    source = export_python(_rooted(V1 if target == "v1" else V2), target)
    assert "pipeline_root='gs://b/r'" in source.replace('"', "'")
    assert import_python(source, "exported.py").pipeline_root == "gs://b/r"


def test_the_project_file_keeps_it_in_version_3_and_older_files_still_open(tmp_path):
    p = _rooted(V2)
    text = persist.dumps(persist.Project(p, {}))
    assert "\nversion: 3\n" in text
    assert persist.loads(text).pipeline == p
    p.pipeline_root = None
    plain = persist.dumps(persist.Project(p, {}))
    assert "\nversion: 1\n" in plain                    # nothing newer: still version 1
    assert persist.loads(plain).pipeline.pipeline_root is None
    older = textwrap.dedent("""\
        format: kfp-pipeline-designer
        version: 2
        pipeline:
          name: old
          display_name: Old one
          components: []
          tasks: []
        """)
    assert persist.loads(older).pipeline.pipeline_root is None
    with pytest.raises(InputError, match="expected a string or null"):
        persist.loads(older.replace("  tasks: []", "  tasks: []\n  pipeline_root: [1]"))


# --- kfp 2's pipeline_config= (what kfp 2.17.3 writes of it: the TTL and the deadline) ---

CONFIG = V2.replace("@dsl.pipeline({args})", "@dsl.pipeline(name='rooted', pipeline_config={args})")


def _config_line() -> int:
    return CONFIG.splitlines().index("@dsl.pipeline(name='rooted', pipeline_config={args})") + 1


def test_pipeline_config_gives_the_ttl_and_the_deadline():
    p = import_python(CONFIG.format(args="dsl.PipelineConfig(ttl_seconds_after_finished=60, "
                                         "active_deadline_seconds=600)"), "c.py")
    assert (p.conf.ttl_seconds_after_finished, p.conf.timeout) == (60, 600)
    platform = list(yaml.safe_load_all(compile_pipeline(p, "v2")))[1]
    assert platform["platforms"]["kubernetes"]["pipelineConfig"] == {
        "resourceTtlOnCompletion": 60, "activeDeadlineSeconds": 600}
    exported = export_python(p, "v2")
    assert "pipeline_config=dsl.PipelineConfig(" in exported
    assert import_python(exported, "again.py").conf == p.conf
    assert import_python(CONFIG.format(args="None"), "c.py").conf.is_default()


@pytest.mark.parametrize("args, words", [
    ("dsl.PipelineConfig(workspace=dsl.WorkspaceConfig(size='1Gi'))",
     "`workspace=` of `dsl.PipelineConfig` is not supported by the designer"),
    ("dsl.PipelineConfig(ttl_seconds_after_success=5)",
     "`ttl_seconds_after_success=` of `dsl.PipelineConfig` is not supported"),
    ("dsl.PipelineConfig(active_deadline_seconds=-1)", "must be a non-negative integer"),
    ("dsl.PipelineConfig(ttl_seconds_after_finished=True)", "must be an int. Got: bool"),
    ("dict(ttl=3)", "must be a `dsl.PipelineConfig(...)` written in the decorator"),
])
def test_what_pipeline_config_cannot_say_is_refused_at_its_line(args, words):
    with pytest.raises(InputError) as e:
        import_python(CONFIG.format(args=args), "c.py")
    assert words in e.value.message and e.value.line == _config_line()


def test_the_yaml_pane_explains_the_pipeline_root_lines():
    from designer.compiler.explain import Explainer
    p = _rooted(V1)
    for target, needle in (("v1", "- {name: pipeline-root"), ("v2", "defaultPipelineRoot:")):
        compiled = compile_pipeline(p, target, compile_time=TIME, with_source_map=True)
        line = next(i for i, text in enumerate(compiled.text.split("\n"), 1) if needle in text)
        explained = Explainer(p, compiled.text, compiled.source_map, target).line(line)
        assert "Pipeline ▸ Pipeline root" in explained.text()
