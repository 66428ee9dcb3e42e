"""kfp 2's importer node (``dsl.importer``) through the IR, the project file and the
compilers (tests/golden/features_v2/importers.py is the whole pipeline against kfp 2.17.3)."""
from __future__ import annotations

import pytest
import yaml

from designer import persist
from designer.compiler.v1 import compile_v1
from designer.compiler.v2 import compile_v2
from designer.ir import Component, Constant, InputError, OutputRef, ParamRef, Pipeline, Task
from designer.ir.features import features
from designer.ir.importer import ImporterComponent
from designer.ir.model import PipelineParam
from designer.ir.settings import TaskSettings
from designer.ir.validate import Code, errors
from tests.compiler.v2_features import BUILDERS

USE = '''
@dsl.component
def use(data: Input[Dataset]) -> str:
    return data.uri
'''


def small(uri=Constant("/tmp/x.csv"), cls="Dataset", **settings) -> Pipeline:
    p = Pipeline("small", params=[PipelineParam("where", "str", "/tmp/y", True)])
    p.components = [ImporterComponent("imp", cls, metadata={"k": 1}),
                    Component.from_source(USE, id="use")]
    p.tasks = [Task("t1", "data", "imp", {"uri": uri}, settings=TaskSettings(**settings)),
               Task("t2", "use", "use", {"data": OutputRef("t1", "artifact")})]
    return p


def test_an_importer_is_a_component_with_a_uri_input_and_an_artifact_output():
    comp = ImporterComponent("i", "Model")
    assert [i.name for i in comp.signature.inputs] == ["uri"]
    (out,) = comp.signature.outputs
    assert (out.name, out.passing, out.type) == ("artifact", "artifact", "Model")
    assert "importer" in features(small())
    assert errors(small()) == []


def test_two_importers_are_no_duplicate_components_but_an_unknown_class_is_an_error():
    p = small()
    p.components.append(ImporterComponent("imp2", "Dataset"))
    p.tasks.append(Task("t3", "again", "imp2", {"uri": Constant("/tmp/z")}))
    assert errors(p) == []
    p.components[0].artifact_class = "Nonsense"
    assert [d.code for d in errors(p)] == [Code.IMPORTER_CLASS]


def test_the_project_file_keeps_an_importer_as_version_4(tmp_path):
    p = small()
    p.components[0].reimport = True
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(p), path)
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["version"] == 4
    back = persist.load(path).pipeline
    assert back.components[0] == p.components[0]
    assert persist.dumps(persist.Project(back)) == text


def test_a_project_without_importer_stays_version_3_or_lower():
    p = small()
    p.components = [c for c in p.components if c.id != "imp"]
    p.tasks = []
    assert persist.to_dict(persist.Project(p))["version"] <= 3


def test_v1_refuses_an_importer_in_kfp_1_8_9s_words():
    with pytest.raises(InputError, match="dsl.importer is not supported with v1 compiler"):
        compile_v1(small())


def test_v2_writes_a_constant_uri_into_the_executor_and_a_parameter_as_runtime():
    spec = yaml.safe_load(compile_v2(small()))
    body = spec["deploymentSpec"]["executors"]["exec-importer"]["importer"]
    assert body["artifactUri"] == {"constant": "/tmp/x.csv"}
    assert body["metadata"] == {"k": 1.0}
    spec = yaml.safe_load(compile_v2(small(ParamRef("where"))))
    body = spec["deploymentSpec"]["executors"]["exec-importer"]["importer"]
    assert body["artifactUri"] == {"runtimeParameter": "uri"}


def test_v2_refuses_container_settings_on_an_importer_task():
    with pytest.raises(InputError, match="importer, which has no container"):
        compile_v2(small(cpu_limit="1"))
    with pytest.raises(InputError, match="URI must be a string"):
        compile_v2(small(Constant(3)))


def test_the_feature_pipeline_builds():
    assert "importer" in features(BUILDERS["importers"]())


# --- Python: import (ast only) and export -------------------------------------------------

FEATURE = "tests/golden/features_v2/importers.py"


def _load(text: str, tmp_path) -> Pipeline:
    from designer.importers import load_pipeline_file
    path = tmp_path / "p.py"
    path.write_text(text, encoding="utf-8")
    return load_pipeline_file(path)


def test_the_python_importer_reads_each_call_as_its_own_importer():
    from designer.importers import load_pipeline_file
    p = load_pipeline_file(FEATURE)
    imps = [c for c in p.components if isinstance(c, ImporterComponent)]
    assert [(c.artifact_class, c.reimport) for c in imps] == [
        ("Dataset", False), ("Model", True), ("Artifact", False)]
    assert imps[0].metadata == {"origin": "lab", "rows": 3, "tags": ["a", "b"],
                                "nested": {"ok": True, "ratio": 0.5}}
    by_comp = {t.component_id: t for t in p.tasks}
    assert by_comp[imps[0].id].arguments["uri"] == Constant("gs://bucket/data.csv")
    assert by_comp[imps[1].id].arguments["uri"] == ParamRef("model_uri")
    assert isinstance(by_comp[imps[2].id].arguments["uri"], OutputRef)


HEAD = "from kfp import dsl\nfrom kfp.dsl import Dataset\n\n@dsl.pipeline(name='p')\n" \
       "def p(name: str = 'n'):\n"


@pytest.mark.parametrize("call, refusal", [
    ("dsl.importer(artifact_uri='x', artifact_class=Dataset, metadata={'n': name})",
     "metadata must be a dict of constants"),
    ("dsl.importer(artifact_uri=f'gs://{name}', artifact_class=Dataset)",
     "URI must be a string, a pipeline parameter or a task output"),
    ("dsl.importer(artifact_uri='x', artifact_class=Dataset, download_to_workspace=True)",
     "`download_to_workspace=` of `dsl.importer` is not supported"),
    ("dsl.importer(artifact_uri='x', artifact_class=str)", "artifact class must be one of"),
])
def test_what_the_importer_cannot_hold_is_refused_at_its_line(call, refusal, tmp_path):
    with pytest.raises(InputError, match=refusal) as e:
        _load(HEAD + "    " + call + "\n", tmp_path)
    assert e.value.line == 6


def test_export_writes_dsl_importer_and_refuses_kfp_1():
    from designer.compiler.python_source import export_python
    from designer.importers import load_pipeline_file
    p = load_pipeline_file(FEATURE)
    text = export_python(p, "v2")
    assert "dsl.importer(" in text and "artifact_class=dsl.Model" in text
    assert "reimport=True" in text
    alone = small()
    alone.tasks = alone.tasks[:1]
    with pytest.raises(InputError, match="dsl.importer is not supported with v1 compiler"):
        export_python(alone, "v1")


def test_the_export_reads_back_to_the_same_v2_yaml(tmp_path):
    from designer.compiler.python_source import export_python
    from designer.importers import load_pipeline_file
    p = load_pipeline_file(FEATURE)
    again = _load(export_python(p, "v2"), tmp_path)
    assert compile_v2(again) == compile_v2(p)


@pytest.mark.oracle
def test_kfp_2_compiles_the_export_to_the_golden(kfp2_python):
    from designer.compiler.python_source import export_python
    from designer.importers import load_pipeline_file
    from tests.compiler.v2_features import golden
    from tools.make_goldens_v2 import _same_docs, run_modules
    text = export_python(load_pipeline_file(FEATURE), "v2")
    run = run_modules(kfp2_python, {"importers": text})["importers"]
    assert run.error is None, run.error
    assert _same_docs(golden("importers").read_text(encoding="utf-8"), run.yaml)


# --- compiled kfp 2 YAML read back -------------------------------------------------------

GOLDEN = "tests/golden/features_v2/v2/importers.yaml"


def test_compiled_yaml_with_importers_reads_back_and_compiles_the_same(tmp_path):
    from designer.importers import load_yaml_file
    from tools.make_goldens_v2 import _same_docs
    read = load_yaml_file(GOLDEN)
    assert read.warnings == []
    p = read.pipeline
    imps = [c for c in p.components if isinstance(c, ImporterComponent)]
    assert sorted(c.artifact_class for c in imps) == ["Artifact", "Dataset", "Model"]
    text = open(GOLDEN, encoding="utf-8").read()
    assert _same_docs(text, compile_v2(p))


def test_compiled_yaml_whose_importer_uri_disagrees_with_its_task_is_refused(tmp_path):
    from designer.importers import load_yaml_file
    text = open(GOLDEN, encoding="utf-8").read().replace(
        "constant: gs://bucket/data.csv", "constant: gs://bucket/other.csv", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="artifact URI does not match"):
        load_yaml_file(path)
