"""Project format version 2: every IR concept saves and reopens exactly; version-1 files
written by the old code still open; bad new fields say where; no secret value is written."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import pytest
import yaml

from designer import persist, persist_ir
from designer.compiler import compile_pipeline
from designer.inputs import load_project
from designer.ir.errors import InputError
from designer.ir.features import FEATURE_TEXT, features, unsupported
from designer.ir.settings import EnvVar, PipelineConf, Retry, TaskSettings, Toleration
from tests.every_concept import every_concept
from tests.fuzz.strings import every_piece
from tests.golden.goldens import importable_kfp_files

HERE = Path(__file__).parent
V1_FILES = sorted((HERE / "data" / "persist_v1").glob("*.kfpd"))
GOLDEN = HERE / "golden"
TIME = "2023-11-14T22:13:20"


def round_trip(pipeline, layout=None) -> persist.Project:
    text = persist.dumps(persist.Project(pipeline, layout or {}))
    return persist.loads(text, "x.kfpd")


def test_supported_is_every_feature_and_every_settings_field_has_a_kind():
    assert unsupported(every_concept(), persist.SUPPORTED) is None
    used = features(every_concept())
    assert set(FEATURE_TEXT) <= used, set(FEATURE_TEXT) - used
    assert {f"setting:{f.name}" for f in fields(TaskSettings)} <= used
    assert {f"conf:{f.name}" for f in fields(PipelineConf)} <= used
    for cls, kinds in ((TaskSettings, persist_ir.SETTING_KINDS),
                       (PipelineConf, persist_ir.CONF_KINDS), (Retry, persist_ir.RETRY_KINDS),
                       (Toleration, persist_ir.TOLERATION_KINDS)):
        assert set(kinds) == {f.name for f in fields(cls)}, cls


def test_a_feature_the_format_does_not_list_is_refused_not_dropped(monkeypatch):
    """A concept added to the IR later is refused until persist_ir stores it."""
    monkeypatch.setattr(persist, "SUPPORTED", persist.SUPPORTED - {"group:loop"})
    with pytest.raises(InputError, match="loop group `loop` uses loops, which this version of "
                                         "the project format cannot store yet"):
        persist.dumps(persist.Project(every_concept(), {}))


def test_every_concept_round_trips_exactly():
    p = every_concept()
    text = persist.dumps(persist.Project(p, {"TIDusex": (1.5, -2.0)}))
    assert yaml.safe_load(text.replace("\\ud800", ""))["version"] == 5
    back = persist.loads(text, "x.kfpd")
    # repr, not ==: 2 == 2.0 == True would hide an int read back as a float or a bool
    assert repr(back.pipeline) == repr(p)
    assert persist.dumps(back) == text


@pytest.mark.parametrize("chunk", range(8))
def test_every_tricky_string_round_trips_in_every_new_text_field(chunk):
    pieces = every_piece()
    for weird in pieces[chunk::8]:
        p = every_concept(weird)
        assert repr(round_trip(p).pipeline) == repr(p), repr(weird)


@pytest.mark.parametrize("path", V1_FILES, ids=[p.stem for p in V1_FILES])
def test_version_1_files_written_by_the_old_code_open_and_save_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("format: kfp-pipeline-designer\nversion: 1\n")
    project = persist.loads(text, str(path))
    assert persist.dumps(project) == text          # still version 1, byte for byte
    source = GOLDEN / "pipelines" / f"{path.stem}.py"
    if source.exists():
        original = load_project(source).pipeline
        assert compile_pipeline(project.pipeline, "v1", compile_time=TIME) == \
            compile_pipeline(original, "v1", compile_time=TIME)


def test_version_1_errors_keep_their_lines():
    text = (V1_FILES[0].read_text(encoding="utf-8").replace("after: []", "after: 3", 1))
    with pytest.raises(InputError) as e:
        persist.loads(text, "old.kfpd")
    assert e.value.line == text.split("\n").index(next(
        line for line in text.split("\n") if "after: 3" in line)) + 1


def test_secrets_are_referenced_by_name_never_by_value():
    p = every_concept()
    doc = yaml.safe_load(persist.dumps(persist.Project(p, {})).replace("\\ud800", ""))
    use = next(t for t in doc["pipeline"]["tasks"] if t["id"] == "TIDusex")
    secret = next(e for e in use["settings"]["env"] if e["name"] == "PASSWORD")
    assert secret == {"name": "PASSWORD", "secret": "db-creds", "key": "password"}
    mount = next(m for m in use["settings"]["volumes"] if m["source"] == "secret")
    assert set(mount) == {"mount_path", "source", "name"}
    # The IR has no field for a secret's contents; an env var that names a secret and
    # carries a value is refused rather than written.
    assert {f.name for f in fields(EnvVar)} == {"name", "value", "secret", "config_map", "key",
                                               "field_path", "optional"}
    task = p.task("TIDusex")
    task.settings = replace(task.settings, env=(EnvVar("PASSWORD", "hunter2", "db-creds",
                                                       key="password"),))
    with pytest.raises(InputError, match="never stores secret values"):
        persist.dumps(persist.Project(p, {}))


def _v2(pipeline_yaml: str) -> str:
    return "format: kfp-pipeline-designer\nversion: 2\npipeline:\n" + pipeline_yaml


_BASE = """  name: p
  components:
  - id: c
    source: "def f(n: int) -> int:\\n    return n\\n"
"""


@pytest.mark.parametrize("body, words, line", [
    (_BASE + "  groups:\n  - {id: g, kind: twirl}\n", "expected one of condition, loop", 9),
    (_BASE + "  groups:\n  - id: g\n    kind: condition\n    condition: {left: {value: 1}, "
     "operator: '=~', right: {value: 2}}\n", "`operator`: expected one of ==", 11),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    settings: {timeout: "
     "soon}\n", "`timeout`: expected an integer or null, found a string (soon)", 12),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    settings:\n      env:\n"
     "      - {value: x}\n", "missing `name`", 14),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    settings: {speed: 3}\n",
     "unknown key `speed`", 12),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    group: nowhere\n",
     "its group 'nowhere' is not in the pipeline", 9),
    (_BASE + "  groups:\n  - {id: g, kind: condition, branch: else}\n",
     "an else follows an if or elif", 9),
    (_BASE + "  groups:\n  - {id: g, kind: loop, items: {value: [1]}}\n  tasks:\n  - id: t\n"
     "    name: t\n    component: c\n    arguments: {n: {loop_item: g}}\n",
     "reads the item of loop 'g' outside that loop", 11),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    arguments: {n: {run: "
     "moon_phase}}\n", "expected one of run_id", 12),
    (_BASE + "  tasks:\n  - id: t\n    name: t\n    component: c\n    arguments: {n: "
     + "{concat: [" * 55 + "]}" * 55 + "}\n", "nested more than 50 levels", 12),
    (_BASE + "  outputs: {Output: {task: nope, output: x}}\n",
     "reads an output of task 'nope'", 8),
    (_BASE.replace("  - id: c\n", "  - id: c\n    kind: container\n"),
     "missing `name`", 6),
])
def test_bad_version_2_fields_say_where(body, words, line):
    with pytest.raises(InputError) as e:
        persist.loads(_v2(body), "bad.kfpd")
    assert words in e.value.message
    assert (e.value.path, e.value.line) == ("bad.kfpd", line), e.value.message


def _outcome(pipeline, target: str) -> str:
    try:
        return compile_pipeline(pipeline, target, compile_time=TIME)
    except InputError as e:
        return f"refused: {e}"
    except Exception as e:  # noqa: BLE001  (v1: resources_from_values crashes the compiler
        return f"crashed: {type(e).__name__}: {e}"  # today; it must crash the same way)


# The files the importer reads (those it refuses cannot be opened, so there is nothing to save).
READABLE = importable_kfp_files("features", "features_v2", "pipelines")


@pytest.mark.parametrize("source", READABLE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_import_save_load_is_lossless(source):
    imported = load_project(source).pipeline
    back = round_trip(imported).pipeline
    assert repr(back) == repr(imported)
    for target in ("v1", "v2"):
        assert _outcome(back, target) == _outcome(imported, target), target


def test_the_lossless_proof_covers_the_feature_files():
    feature_files = [p for p in READABLE if p.parent.name.startswith("features")]
    # 27 feature files; the importer refuses 4 (container_ops, runtime_settings,
    # spec_components, pipeline_info): a drop means the proof covers less.
    assert len(feature_files) >= 23, feature_files
    assert set().union(*(features(load_project(p).pipeline) for p in feature_files)) >= {
        "group:condition", "group:if", "group:loop", "group:exit_handler", "container:spec",
        "container:v2", "container:op", "volume:create", "arg:one_of", "arg:collected",
        "pipeline:outputs", "setting:retry", "setting:volumes"}


def test_version_2_only_when_needed():
    v1_text = persist.dumps(load_project(GOLDEN / "pipelines" / "chain.py"))
    assert re.search(r"^version: 1$", v1_text, re.M)
    v2_text = persist.dumps(load_project(GOLDEN / "features" / "conditions.py"))
    assert re.search(r"^version: 2$", v2_text, re.M)
