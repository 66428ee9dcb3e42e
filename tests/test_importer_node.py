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
