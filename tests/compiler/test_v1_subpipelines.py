"""Sub-pipelines for the KFP v1 target. kfp 1.8.9 has no pipeline task: ``@dsl.pipeline``
returns the function itself and a call runs its ops in the caller, in call order. So the v1
target writes a kfp 2 sub-pipeline's tasks in place of the task that runs it, and that is
kfp 1.8.9's bytes for the same pipeline written in kfp 1 (tests/golden/subpipelines/kfp1,
compiled by the real kfp 1.8.9: tools/make_goldens_subpipelines.py). What has no kfp 1
equivalent is refused at the line of the sub-pipeline or of its task."""
from __future__ import annotations

import textwrap

import pytest

from designer.cli import main
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from tests.golden.goldens import first_difference, normalise_v1
from tools.make_goldens_subpipelines import DIR, KFP1_DIR, kfp1_golden, kfp1_names
from tools.make_goldens_v2 import run_modules

TIME = "2023-11-14T22:13:20"


def _same(expected: str, ours: str) -> None:
    assert normalise_v1(ours) == normalise_v1(expected), first_difference(
        normalise_v1(expected), normalise_v1(ours))


def test_there_is_a_kfp_1_golden_for_each_kfp_1_file():
    assert kfp1_names() == ["nested"]
    assert all(kfp1_golden(n).exists() and (DIR / f"{n}.py").exists() for n in kfp1_names())


@pytest.mark.parametrize("name", kfp1_names())
def test_the_kfp_2_file_compiles_to_what_kfp_1_compiles_from_its_kfp_1_twin(name):
    p = load_pipeline_file(DIR / f"{name}.py")
    assert any(c.kind == "pipeline" for c in p.components)
    _same(kfp1_golden(name).read_text(encoding="utf-8"), compile_pipeline(p, "v1",
                                                                          compile_time=TIME))


@pytest.mark.parametrize("name", kfp1_names())
def test_the_kfp_1_twin_reads_without_sub_pipelines_and_compiles_alike(name):
    p = load_pipeline_file(KFP1_DIR / f"{name}.py")
    assert all(c.kind != "pipeline" for c in p.components)
    _same(kfp1_golden(name).read_text(encoding="utf-8"), compile_pipeline(p, "v1",
                                                                          compile_time=TIME))


@pytest.mark.oracle
def test_the_kfp_1_export_is_compiled_by_kfp_1_to_the_golden(kfp1_python):
    modules = {n: export_python(load_pipeline_file(DIR / f"{n}.py"), "v1")
               for n in kfp1_names()}
    for name, run in run_modules(kfp1_python, modules).items():
        assert run.error is None, run.error
        _same(kfp1_golden(name).read_text(encoding="utf-8"), run.yaml)


def test_the_source_map_gives_the_sub_pipeline_task_its_tasks_lines():
    p = load_pipeline_file(DIR / "nested.py")
    compiled = compile_pipeline(p, "v1", compile_time=TIME, with_source_map=True)
    assert compiled.text == compile_pipeline(p, "v1", compile_time=TIME)
    one = next(t for t in p.tasks if t.name == "one")
    lines = compiled.text.split("\n")
    starts = {lines[first - 1].strip() for first, _ in compiled.source_map.tasks[one.id]}
    assert starts == {"- name: add", "- name: add-2"}


HEAD = """\
from kfp import compiler, dsl


@dsl.component
def a(x: str) -> str:
    return x


"""


def _cli(tmp_path, body: str, *args: str) -> int:
    path = tmp_path / "bad.py"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return main([*args, str(path), "--pipeline", "outer", "-o", str(tmp_path / "out")])


def test_what_kfp_1_lacks_inside_a_sub_pipeline_is_refused_at_its_def(tmp_path, capsys):
    body = """\
        @dsl.pipeline
        def inner(x: str):
            t = a(x=x)
            with dsl.If(t.output == "y"):
                a(x=x)


        @dsl.pipeline(name='outer')
        def outer():
            inner(x='2')
        """
    def_line = (HEAD + textwrap.dedent(body)).splitlines().index("def inner(x: str):") + 1
    for command in ("compile", "export-python"):
        assert _cli(tmp_path, body, command, "--target", "v1") == 2
        err = capsys.readouterr().err
        assert f"bad.py:{def_line}: cannot " in err
        assert "in sub-pipeline `inner` uses If/Elif/Else branches" in err


def test_a_pipeline_tasks_own_settings_are_refused_at_the_task(tmp_path, capsys):
    body = """\
        @dsl.pipeline
        def inner(x: str):
            a(x=x)


        @dsl.pipeline(name='outer')
        def outer():
            inner(x='2').set_retry(num_retries=2)
        """
    line = (HEAD + textwrap.dedent(body)).splitlines().index(
        "    inner(x='2').set_retry(num_retries=2)") + 1
    assert _cli(tmp_path, body, "compile", "--target", "v1") == 2
    err = capsys.readouterr().err
    assert f"bad.py:{line}: cannot compile for KFP v1: task `inner_task` (pipeline `inner`) " \
           "sets retry on the whole pipeline" in err


def test_a_pipeline_tasks_display_name_has_no_kfp_1_place_and_is_refused(tmp_path, capsys):
    body = """\
        @dsl.pipeline
        def inner(x: str):
            a(x=x)


        @dsl.pipeline(name='outer')
        def outer():
            inner(x='2').set_display_name('mine')
        """
    assert _cli(tmp_path, body, "compile", "--target", "v1") == 2
    assert "sets display name on the whole pipeline" in capsys.readouterr().err
