"""kfp 2 sub-pipelines end to end: our own pipelines (tests/golden/subpipelines, compiled by
kfp 2.17.3 the same in every run: tools/make_goldens_subpipelines.py) read without running
them, compiled, saved as a project and exported as Python; and what kfp writes differently
from run to run, or refuses, is refused with the file's line. (kfp's own sub-pipeline test
files are in tests/golden/kfp_samples: tests/test_golden_samples.py.)"""
from __future__ import annotations

import textwrap

import pytest

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python, import_yaml, load_pipeline_file, load_yaml_file
from designer.ir import InputError
from designer.ir.subpipeline import PipelineComponent
from designer.ir.validate import errors
from tools.make_goldens_subpipelines import DIR, golden, names
from tools.make_goldens_v2 import _same_docs, run_modules

NAMES = names()


def _load(name: str):
    return load_pipeline_file(DIR / f"{name}.py")


def test_there_are_goldens():
    assert NAMES == ["artifacts", "conditions", "described", "exit_task", "loop_collected",
                     "nested", "platform", "settings", "twice"]


@pytest.mark.parametrize("name", NAMES)
def test_compiles_as_kfp_does(name):
    p = _load(name)
    assert any(isinstance(c, PipelineComponent) for c in p.components)
    assert _same_docs(golden(name).read_text(encoding="utf-8"), compile_pipeline(p, "v2"))


@pytest.mark.parametrize("name", NAMES)
def test_a_saved_project_compiles_the_same(name):
    p = _load(name)
    back = persist.loads(persist.dumps(persist.Project(p)), "x.kfpd").pipeline
    assert back == p
    assert compile_pipeline(back, "v2") == compile_pipeline(p, "v2")


@pytest.mark.parametrize("name", NAMES)
def test_the_yaml_reads_back_to_a_pipeline_that_compiles_to_it(name):
    """The compiled YAML read (the sub-pipeline is the DAG component of a task that is no
    group) compiles to itself, and exports Python that reads back alike (kfp-kubernetes
    settings inside the sub-pipeline too)."""
    p = load_yaml_file(golden(name)).pipeline
    assert any(isinstance(c, PipelineComponent) for c in p.components)
    assert _same_docs(golden(name).read_text(encoding="utf-8"), compile_pipeline(p, "v2"))
    again = import_python(export_python(p, "v2"), "again.py")
    assert compile_pipeline(again, "v2") == compile_pipeline(p, "v2")


def test_kubernetes_settings_inside_a_sub_pipeline_are_read_into_it():
    p = load_yaml_file(golden("platform")).pipeline
    sub = next(c for c in p.components if isinstance(c, PipelineComponent))
    (inner,) = sub.pipeline.tasks
    assert dict(inner.settings.node_selector) == {"pool": "gpu"}
    outer = next(t for t in p.tasks if t.component_id != sub.id and t.settings.node_selector)
    assert dict(outer.settings.node_selector) == {"pool": "cpu"}


def test_kubernetes_settings_for_no_task_are_still_refused():
    import yaml
    text = golden("platform").read_text(encoding="utf-8")
    docs = list(yaml.safe_load_all(text))
    docs[1]["platforms"]["kubernetes"]["deploymentSpec"]["executors"]["exec-nope"] = {
        "nodeSelector": {"labels": {"pool": "x"}}}
    with pytest.raises(InputError, match="the platform config of `exec-nope` is for no task"):
        import_yaml(yaml.safe_dump_all(docs), "x.yaml")


@pytest.fixture(scope="module")
def exports(kfp2_python):
    return run_modules(kfp2_python, {n: export_python(_load(n), "v2") for n in NAMES})


@pytest.mark.oracle
@pytest.mark.parametrize("name", NAMES)
def test_python_export_compiles_back_to_the_golden(name, exports):
    run = exports[name]
    assert run.error is None, run.error
    assert _same_docs(golden(name).read_text(encoding="utf-8"), run.yaml)


def test_export_writes_each_pipeline_once_before_its_callers():
    text = export_python(_load("artifacts"), "v2")
    assert text.count("def train(") == 1 and text.count("def make(") == 1
    assert text.index("def fit(") < text.index("def fit_twice(") < text.index("def artifacts(")


HEAD = """\
from kfp import compiler, dsl


@dsl.component
def a(x: str) -> str:
    return x


"""


def _cli(tmp_path, body: str, *args: str):
    from designer.cli import main
    path = tmp_path / "bad.py"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return main([*args, str(path), "--pipeline", "outer", "-o", str(tmp_path / "out")])


CLASH = """\
@dsl.pipeline
def inner(x: str):
    a(x=x)
    a(x=x)


@dsl.pipeline(name='outer')
def outer():
    a(x='1')
    inner(x='2')  #!
"""


def test_an_order_kfp_draws_at_random_is_refused_at_the_call(tmp_path, capsys):
    """kfp renames the inner `exec-a` to `exec-a-2`, which the inner also has: run after run
    it wrote different files (4 different ones in 8 runs of a pipeline like this)."""
    assert _cli(tmp_path, CLASH, "compile", "--target", "v2") == 2
    err = capsys.readouterr().err
    line = (HEAD + CLASH).splitlines().index("    inner(x='2')  #!") + 1
    assert f"bad.py:{line}: cannot compile for KFP 2: task `inner_task`: kfp 2.17.3 renames " \
           "the sub-pipeline's executor `exec-a` to `exec-a-2`" in err
    assert "draws at random" in err


def test_container_settings_on_a_pipeline_task_are_refused(tmp_path, capsys):
    body = CLASH.replace("    a(x=x)\n    a(x=x)\n", "    a(x=x)\n").replace(
        "    a(x='1')\n", "").replace("inner(x='2')  #!", "inner(x='2').set_cpu_limit('1')  #!")
    assert _cli(tmp_path, body, "compile", "--target", "v2") == 2
    err = capsys.readouterr().err
    assert "runs a pipeline and sets cpu limit; kfp 2 sets that on single-step components " \
           "only" in err and "bad.py:" in err


def test_a_pipeline_that_uses_itself_is_refused_at_the_call():
    source = HEAD + textwrap.dedent("""\
        @dsl.pipeline
        def outer(x: str = "a"):
            a(x=x)
            outer(x=x)
        """)
    with pytest.raises(InputError) as info:
        import_python(source, "bad.py")
    assert info.value.line == source.splitlines().index("    outer(x=x)") + 1
    assert "`outer` is a pipeline that uses itself" in info.value.message


def test_kfp_1_runs_a_called_pipeline_in_the_caller():
    """kfp 1.8.9's decorator returns the function: its ops join the caller (the `compose`
    sample of tests/golden/kfp_samples proves the bytes)."""
    source = textwrap.dedent("""\
        from kfp import dsl
        from kfp.components import create_component_from_func

        @create_component_from_func
        def a(x: str) -> str:
            return x

        @dsl.pipeline(name="inner")
        def inner(x: str):
            a(x)

        @dsl.pipeline(name="outer")
        def outer(y: str = "1"):
            inner(y)
            a(y)
        """)
    p = import_python(source, "ok.py", pipeline="outer")
    assert not any(isinstance(c, PipelineComponent) for c in p.components)
    assert [t.name for t in p.tasks] == ["a_task", "a_task_2"]


def test_explain_yaml_says_what_a_folded_part_is_and_whose():
    from designer.compiler.explain import Explainer
    p = _load("twice")
    compiled = compile_pipeline(p, "v2", with_source_map=True)
    explainer = Explainer(p, compiled.text, compiled.source_map, "v2")
    lines = compiled.text.split("\n")
    two = next(t for t in p.tasks if t.name == "two")
    line = lines.index("  comp-shout-3:") + 1
    e = explainer.line(line)
    assert e.node == two.id
    assert e.text().startswith("Part of the pipeline Loud, which task two runs: kfp copies")
    own = explainer.line(lines.index("  comp-loud-2:") + 1)
    assert own.node == two.id and own.text().startswith("The interface of Loud")


def test_inside_a_sub_pipeline_kfp_checks_types_with_its_own_words():
    """As for the caller's own tasks, kfp's argument checks decide inside a sub-pipeline
    (our stricter type diagnostic is not a refusal there either)."""
    source = HEAD + textwrap.dedent("""\
        @dsl.component
        def n(x: int) -> int:
            return x


        @dsl.pipeline
        def inner(x: str):
            n(x=x)


        @dsl.pipeline(name='outer')
        def outer():
            inner(x='2')
        """)
    p = import_python(source, "t.py", pipeline="outer")
    assert [d.args.get("code") for d in errors(p)] == ["type-mismatch"]
    with pytest.raises(InputError, match="in sub-pipeline `inner`: task `n_task`, input `x`: "
                                         "Incompatible argument passed to the input 'x'"):
        compile_pipeline(p, "v2")


def test_a_generic_artifact_annotation_over_a_typed_output_is_refused():
    """kfp 2 writes a pipeline output as the type its annotation declares: ``-> Artifact``
    returning a Dataset is written system.Artifact (measured with kfp 2.17.3); the IR types
    outputs by their producer, so that file is refused at the return, not written with
    system.Dataset."""
    source = textwrap.dedent("""\
        from kfp import dsl
        from kfp.dsl import Artifact, Dataset, Output


        @dsl.component
        def make(out: Output[Dataset]):
            open(out.path, "w").write("x")


        @dsl.pipeline
        def inner() -> Artifact:
            return make().outputs["out"]  #!
        """)
    line = next(i for i, t in enumerate(source.splitlines(), 1) if t.endswith("#!"))
    with pytest.raises(InputError) as info:
        import_python(source, "w.py")
    assert info.value.line == line
    assert "declares its output `Output` an `Artifact` and returns Dataset" in info.value.message
