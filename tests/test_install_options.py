"""kfp 2's ``@dsl.component`` install options read from Python (values from the environment
too, as kfp's own samples give ``kfp_package_path``), refused where kfp 1 or the designer
cannot say them, exported back and kept by the project file (format version 3). The bytes
kfp 2.17.3 writes are proven by tests/golden/features_v2/install_options.py."""
from __future__ import annotations

import pytest
import yaml

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python
from designer.ir import InputError

SOURCE = """\
import os
from kfp import dsl

KFP = os.getenv("KFP_PACKAGE_PATH")
INDEXES = ["https://pypi.org/simple"]
if "EXTRA_INDEX" in os.environ:
    INDEXES.append(os.environ["EXTRA_INDEX"])

@dsl.component({options})
def step(n: int) -> int:
    return n

@dsl.pipeline(name="opts")
def opts(n: int = 1):
    step(n=n)
"""


def _read(options: str):
    p = import_python(SOURCE.format(options=options), "opts.py")
    return p, p.components[0]


def _container(p) -> dict:
    spec = yaml.safe_load(compile_pipeline(p, "v2"))
    return spec["deploymentSpec"]["executors"]["exec-step"]["container"]


def test_values_come_from_the_environment_as_kfp_reads_it(monkeypatch):
    monkeypatch.delenv("KFP_PACKAGE_PATH", raising=False)
    monkeypatch.delenv("EXTRA_INDEX", raising=False)
    p, comp = _read("kfp_package_path=KFP, pip_index_urls=INDEXES")
    assert (comp.kfp_package_path, comp.pip_index_urls) == (None, ["https://pypi.org/simple"])
    monkeypatch.setenv("KFP_PACKAGE_PATH", "kfp==2.16.0")
    monkeypatch.setenv("EXTRA_INDEX", "https://mirror.example/simple")
    p, comp = _read("kfp_package_path=KFP, pip_index_urls=INDEXES")
    assert comp.kfp_package_path == "kfp==2.16.0"
    assert comp.pip_index_urls == ["https://pypi.org/simple", "https://mirror.example/simple"]
    install = _container(p)["command"][2]
    assert "--extra-index-url https://mirror.example/simple" in install
    assert "'kfp==2.16.0' && \"$0\"" in install


def test_a_target_image_runs_kfps_executor_in_that_image():
    p, comp = _read("target_image='registry.example/step:v1', base_image='python:3.12'")
    assert _container(p) == {
        "args": ["--executor_input", "{{$}}", "--function_to_execute", "step"],
        "command": ["python3", "-m", "kfp.dsl.executor_main"],
        "image": "registry.example/step:v1"}


@pytest.mark.parametrize("options, words", [
    ("pip_index_urls='https://pypi.org/simple'", "pip_index_urls must be a list of strings"),
    ("target_image=3", "target_image must be a string"),
    ("use_venv=True", "`use_venv=` of `component` is not supported by the designer"),
])
def test_what_the_designer_cannot_say_is_refused_at_its_line(options, words):
    source = SOURCE.format(options=options)
    with pytest.raises(InputError) as e:
        import_python(source, "opts.py")
    assert words in e.value.message
    assert e.value.line == source.splitlines().index(f"@dsl.component({options})") + 1


def test_a_local_kfp_package_is_refused_when_compiling():
    """kfp adds --no-deps when the path exists where it compiles: not knowable here."""
    p, _ = _read("kfp_package_path='dist/kfp-2.17.3.whl'")
    with pytest.raises(InputError, match="names a local file"):
        compile_pipeline(p, "v2")
    p, _ = _read("kfp_package_path='git+https://x.example/kfp@refs/pull/7/head'")
    assert "'--no-deps'" in _container(p)["command"][2]


def test_kfp_1_has_none_of_them():
    p, _ = _read("pip_index_urls=['https://pypi.org/simple']")
    with pytest.raises(InputError, match="uses pip index URLs, which kfp 1 does not have"):
        compile_pipeline(p, "v1")
    with pytest.raises(InputError, match="which kfp 1 does not have"):
        export_python(p, "v1")


def test_export_and_the_project_file_keep_them():
    p, comp = _read("kfp_package_path='kfp==2.16.0', pip_index_urls=['https://a/simple', "
                    "'https://b/simple'], target_image='registry.example/step:v1'")
    again = import_python(export_python(p, "v2"), "exported.py").components[0]
    assert again.install_options() == comp.install_options()
    text = persist.dumps(persist.Project(p, {}))
    assert "\nversion: 3\n" in text
    assert persist.loads(text).pipeline.components[0] == comp


@pytest.mark.parametrize("options", [
    "kfp_package_path='git+https://x.example/kfp'",
    "kfp_package_path='kfp==2.16.0', packages_to_install=['numpy']",
    "pip_index_urls=['https://a/simple', 'https://b/simple'], packages_to_install=['numpy']",
    "pip_index_urls=['https://a/simple'], kfp_package_path='git+https://x/kfp@refs/pull/1/h'",
    "packages_to_install=['kfp-kubernetes==1.0']",          # kfp not injected: a package
])
def test_the_compiled_yaml_reads_back_to_the_same_options(options):
    from designer.importers import import_yaml
    p, comp = _read(options)
    imported = import_yaml(compile_pipeline(p, "v2"), "opts.yaml")
    assert imported.warnings == []
    again = imported.pipeline.components[0]
    assert again.install_options() == comp.install_options()
    assert again.packages_to_install == comp.packages_to_install


def test_a_target_images_yaml_holds_no_function_and_is_refused_at_its_line():
    from designer.importers import import_yaml
    p, _ = _read("target_image='registry.example/step:v1'")
    with pytest.raises(InputError, match="not a kfp 2 function component") as e:
        import_yaml(compile_pipeline(p, "v2"), "opts.yaml")
    assert e.value.line
