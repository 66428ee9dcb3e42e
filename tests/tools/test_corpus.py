"""The pure parts of tools/corpus.py: classification of our CLI's runs, normalisation of
refusals, the census of kfp features and the SDK guess, all on small inputs written here."""
from __future__ import annotations

import ast
import json
import textwrap
from pathlib import Path

import pytest

from tests.golden.goldens import EPOCH, CliRun, time_from_epoch
from tools.corpus_census import census, guess_sdk, is_candidate
from tools.corpus_collect import _path_constants
from tools.corpus_measure import classify, normalise_reason, pipeline_name
from tools.corpus_report import file_status, render_report, summarise
from tools.corpus_sdk import judge

SPEC = json.dumps({"name": "demo"})


def v1_yaml(time: str, image: str = "python:3.7") -> str:
    return textwrap.dedent(f"""\
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: demo-
          annotations:
            pipelines.kubeflow.org/kfp_sdk_version: 1.8.9
            pipelines.kubeflow.org/pipeline_compilation_time: '{time}'
            pipelines.kubeflow.org/pipeline_spec: '{SPEC}'
        spec:
          templates:
          - name: a
            container: {{image: '{image}'}}
        """)


def v2_yaml(version: str = "2.17.3", image: str = "python:3.9") -> str:
    return textwrap.dedent(f"""\
        pipelineInfo:
          name: demo
        deploymentSpec:
          executors:
            exec-a:
              container:
                image: {image}
                command: [sh, -c, pip install kfp=={version}]
        sdkVersion: kfp-{version}
        """)


OUR_TIME = time_from_epoch(EPOCH)


# ------------------------------------------------------------------ classification

def test_v1_identical_apart_from_the_compile_time():
    golden = v1_yaml("2021-11-04T10:00:00.123456")
    outcome = classify(CliRun(0, v1_yaml(OUR_TIME), ""), golden, "v1", "demo")
    assert outcome.status == "IDENTICAL"


def test_v1_any_other_difference_is_wrong_with_a_diff():
    golden = v1_yaml("2021-11-04T10:00:00")
    outcome = classify(CliRun(0, v1_yaml(OUR_TIME, image="python:3.8"), ""), golden, "v1", "d")
    assert outcome.status == "WRONG"
    assert "-    container: {image: 'python:3.7'}" in outcome.diff
    assert "+    container: {image: 'python:3.8'}" in outcome.diff
    assert "python:3.7" in outcome.message


def test_v1_compile_time_must_follow_source_date_epoch():
    golden = v1_yaml("2021-11-04T10:00:00")
    outcome = classify(CliRun(0, v1_yaml("2020-01-01T00:00:00"), ""), golden, "v1", "d")
    assert outcome.status == "WRONG" and "SOURCE_DATE_EPOCH" in outcome.message


def test_v1_output_without_the_annotation_is_wrong():
    golden = v1_yaml("2021-11-04T10:00:00")
    ours = v1_yaml(OUR_TIME).replace("pipelines.kubeflow.org/pipeline_compilation_time", "x")
    assert classify(CliRun(0, ours, ""), golden, "v1", "d").status == "WRONG"


def test_v2_compared_parsed_with_the_kfp_version_normalised():
    ours = "# a comment and other layout\n" + v2_yaml("2.99.0")
    assert classify(CliRun(0, ours, ""), v2_yaml(), "v2", "d").status == "IDENTICAL"
    wrong = classify(CliRun(0, v2_yaml(image="python:3.10"), ""), v2_yaml(), "v2", "d")
    assert wrong.status == "WRONG" and "python:3.10" in wrong.diff


def test_v2_platform_spec_documents_are_compared_too():
    golden = v2_yaml() + "---\nplatforms: {kubernetes: {a: 1}}\n"
    assert classify(CliRun(0, golden, ""), golden, "v2", "d").status == "IDENTICAL"
    dropped = classify(CliRun(0, v2_yaml(), ""), golden, "v2", "d")
    assert dropped.status == "WRONG"


def test_refusal_needs_exit_2_and_a_message():
    msg = "/c/x.py:12: `with dsl.Condition(...)` blocks are not supported\n"
    outcome = classify(CliRun(2, "", msg), "", "v1", "d")
    assert outcome.status == "REFUSED" and outcome.has_line
    assert outcome.message == msg.strip()
    no_line = classify(CliRun(2, "", "/c/x.py: no pipeline function\n"), "", "v1", "d")
    assert no_line.status == "REFUSED" and not no_line.has_line


@pytest.mark.parametrize("run, says", [
    (CliRun(1, "", "Traceback (most recent call last):\n  ...\nKeyError: 'x'\n"), "KeyError"),
    (CliRun(2, "", "Traceback (most recent call last):\nValueError: v\n"), "ValueError"),
    (CliRun(1, "", "boom\n"), "exit 1"),
    (CliRun(2, "", ""), "exit 2"),
    (CliRun(0, "", ""), "nothing written"),
    (None, "no answer"),
])
def test_crashes(run, says):
    outcome = classify(run, v1_yaml("t"), "v1", "d")
    assert outcome.status == "CRASH" and says in outcome.message


def test_pipeline_name_of_both_targets():
    assert pipeline_name(v1_yaml("t"), "v1") == "demo"
    assert pipeline_name(v2_yaml(), "v2") == "demo"
    assert pipeline_name("not: [yaml", "v2") is None


# ------------------------------------------------------------------ refusal reasons

def test_reasons_lose_paths_names_and_numbers_but_keep_kfp_api():
    a = normalise_reason("/c/a.py:3: component `prep`: `out_1` is annotated `OutputPath(int)`; "
                         "file and artifact passing is not supported")
    b = normalise_reason("/d/b.py:40: component `train`: `model` is annotated `OutputPath('M')`;"
                         " file and artifact passing is not supported")
    assert a == b == ("component `…`: `…` is annotated `OutputPath(…)`; file and artifact "
                      "passing is not supported")
    cond = normalise_reason("/c/a.py:9: `with dsl.Condition(...)` (`kfp.dsl.Condition`) blocks")
    loop = normalise_reason("/c/a.py:9: `with dsl.ParallelFor(...)` (`kfp.dsl.ParallelFor`) x")
    assert cond != loop and "kfp.dsl.Condition" in cond
    many = normalise_reason("/c/a.py:1: several pipeline functions: `a` (line 3), `b` (line 9), "
                            "`c` (line 20); one per file")
    assert many == "several pipeline functions: `…` (line N), …; one per file"
    assert normalise_reason("/c/a.py: no pipeline function") == "no pipeline function"
    assert normalise_reason("x.py:1: error: kfp's `set_retry` of 'step' at 2") == \
        "kfp's `set_retry` of '…' at N"


# ------------------------------------------------------------------ verdicts and shares

def test_file_status_is_the_worst_measured_unit():
    u = lambda s: {"status": s}
    assert file_status([u("IDENTICAL"), u("IDENTICAL")]) == "IDENTICAL"
    assert file_status([u("IDENTICAL"), u("REFUSED")]) == "REFUSED"
    assert file_status([u("REFUSED"), u("WRONG")]) == "WRONG"
    assert file_status([u("IDENTICAL"), u("NOT_MEASURED")]) == "IDENTICAL"
    assert file_status([u("SDK_FAILED")]) == "SDK_FAILED"


def test_shares_leave_out_what_kfp_could_not_compile():
    files = {i: {"corpus": "v1", "kind": "k"} for i in "abcd"}
    units = [{"id": "a", "status": "IDENTICAL"}, {"id": "b", "status": "REFUSED"},
             {"id": "c", "status": "SDK_FAILED"}, {"id": "d", "status": "IDENTICAL"},
             {"id": "d", "status": "NOT_MEASURED"}]
    s = summarise({"files": files, "units": units})["by_corpus"]["v1"]
    assert (s["files"], s["measured_files"], s["identical_files"]) == (4, 3, 2)
    assert s["share"] == pytest.approx(2 / 3)


# ------------------------------------------------------------------ census and SDK guess

def features_of(src: str) -> tuple[list[str], list[str]]:
    return census(ast.parse(textwrap.dedent(src)))


V1_SOURCE = """
    import kfp
    from kfp import dsl
    from kfp.components import create_component_from_func, InputPath

    def prep(path: InputPath('CSV')) -> int:
        return 1

    prep_op = create_component_from_func(prep, packages_to_install=['pandas'])

    @dsl.pipeline(name='p')
    def p(n: int = 1):
        vop = dsl.VolumeOp(name='v', resource_name='r', size='1Gi')
        op = dsl.ContainerOp(name='c', image='alpine', arguments=[f'--n={n}'])
        op.set_retry(2).set_memory_limit('1G')
        with dsl.Condition(n == 1):
            for i in range(3):
                prep_op(str(i)).after(op)
        with dsl.ParallelFor([1, 2]) as item:
            prep_op(item)
        dsl.get_pipeline_conf().set_ttl_seconds_after_finished(10)

    if __name__ == '__main__':
        kfp.compiler.Compiler().compile(p, 'p.yaml')
    """

V2_SOURCE = """
    from kfp import dsl, compiler
    from kfp.dsl import Input, Output, Dataset

    @dsl.component(base_image='python:3.11')
    def make(out: Output[Dataset]):
        pass

    @dsl.container_component
    def echo(msg: str):
        return dsl.ContainerSpec(image='alpine', command=['echo', msg])

    @dsl.pipeline
    def inner(msg: str):
        echo(msg=msg).set_caching_options(False)

    @dsl.pipeline
    def outer():
        t = make()
        with dsl.If(t.output == 'a'):
            inner(msg=dsl.PIPELINE_JOB_NAME_PLACEHOLDER)
        with dsl.ExitHandler(make()):
            make()
    """


def test_census_of_a_kfp_1_file():
    features, settings = features_of(V1_SOURCE)
    for expected in ["pipeline function (@dsl.pipeline)", "ContainerOp",
                     "create_component_from_func / func_to_container_op",
                     "InputPath / OutputPath", "dsl.Condition", "dsl.ParallelFor",
                     "for-loop in pipeline body", ".after()", "task settings (set_* / add_*)",
                     "VolumeOp / VolumeSnapshotOp / PipelineVolume",
                     "PipelineConf / get_pipeline_conf", "f-string / format / concat arguments",
                     "packages_to_install / base_image"]:
        assert expected in features, expected
    for absent in ["dsl.If / Elif / Else", "Input[...] / Output[...] artifacts",
                   "several pipelines in one file", "sub-pipeline (pipeline called in a pipeline)",
                   "@dsl.container_component",
                   "undecorated pipeline (Compiler().compile(fn) only)"]:
        assert absent not in features, absent
    assert settings == ["set_memory_limit", "set_retry"]


def test_census_of_a_kfp_2_file():
    features, settings = features_of(V2_SOURCE)
    for expected in ["several pipelines in one file",
                     "sub-pipeline (pipeline called in a pipeline)",
                     "@dsl.component (v2 function component)", "@dsl.container_component",
                     "Input[...] / Output[...] artifacts",
                     "artifact types (Dataset, Model, Metrics...)", "dsl.If / Elif / Else",
                     "dsl.ExitHandler", "run placeholders (RUN_ID_PLACEHOLDER, {{workflow.*}}...)",
                     "packages_to_install / base_image"]:
        assert expected in features, expected
    assert "for-loop in pipeline body" not in features
    assert "ContainerOp" not in features
    assert settings == ["set_caching_options"]


def test_undecorated_pipeline_handed_to_the_compiler():
    src = """
        import kfp
        def p():
            pass
        kfp.compiler.Compiler().compile(p, 'p.yaml')
        """
    assert "undecorated pipeline (Compiler().compile(fn) only)" in features_of(src)[0]
    assert is_candidate(ast.parse(textwrap.dedent(src))) == "compile call"


def test_sdk_guess_by_names_then_by_era():
    tree = lambda s: ast.parse(textwrap.dedent(s))
    assert guess_sdk(tree(V1_SOURCE), "v2").sdk == "v1"
    assert guess_sdk(tree(V2_SOURCE), "v1").sdk == "v2"
    neutral = "from kfp import dsl\n@dsl.pipeline(name='x')\ndef p():\n    pass\n"
    assert guess_sdk(tree(neutral), "v1").sdk == "v1"
    assert guess_sdk(tree(neutral), "v2").sdk == "v2"
    both = "from kfp import dsl\nfrom kfp.v2 import compiler\nop = dsl.ContainerOp\n"
    guess = guess_sdk(tree(both), "v1")
    assert guess.sdk == "v1" and "era" in guess.reason


def test_candidates_are_kfp_files_with_something_to_compile():
    assert is_candidate(ast.parse(textwrap.dedent(V1_SOURCE))) == "pipeline"
    only_component = "from kfp import dsl\n@dsl.component\ndef c():\n    pass\n"
    assert is_candidate(ast.parse(only_component)) == "component"
    assert is_candidate(ast.parse("import kfp\nclient = kfp.Client()\n")) is None
    assert is_candidate(ast.parse("@pipeline\ndef p():\n    pass\n")) is None   # no kfp import


def test_path_constants_follow_joins_and_slashes():
    src = """
        import os, pathlib
        a = load_component_from_file('component.yaml')
        b = os.path.join(os.path.dirname(__file__), 'yaml', 'train.yaml')
        c = pathlib.Path(__file__).parent / 'component_yaml' / 'add.yaml'
        d = 'gs://bucket/x.csv'
        e = 'not a path'
        """
    found = _path_constants(ast.parse(textwrap.dedent(src)))
    assert {"component.yaml", "yaml/train.yaml", "component_yaml/add.yaml",
            "component_yaml"} <= found
    assert not {"gs://bucket/x.csv", "not a path"} & found


# ------------------------------------------------------------------ the SDK's verdict

def test_judge_sdk_results():
    def rec(how, module_error=None):
        return {"how": how, "error": None, "module_error": module_error}

    ok = rec("pipelines")
    judge(ok, [{"func": "p", "golden": "g.yaml"}], ["p"])
    assert ok["status"] == "ok" and ok["pipelines"][0]["golden"] == "g.yaml"

    # a kfp 2 pipeline failed while decorated: its components are not the file's pipeline
    fallback = rec("components", "TypeError: Components must be instantiated using keywords")
    judge(fallback, [{"func": "comp", "golden": "g.yaml"}], ["p"])
    assert fallback["status"] == "failed" and fallback["pipelines"] == []
    assert fallback["error"].startswith("p not defined: TypeError")

    one_missing = rec("pipelines", "KeyError: 'x'")
    judge(one_missing, [{"func": "a", "golden": "g.yaml"}], ["a", "b"])
    assert one_missing["status"] == "partial" and "b not defined: KeyError" in one_missing["error"]

    components_only = rec("components")
    judge(components_only, [{"func": "c", "golden": "g.yaml"}], [])
    assert components_only["status"] == "ok"

    nothing = rec("__main__")
    judge(nothing, [], [])
    assert nothing["status"] == "failed" and nothing["error"] == "no pipeline or component found"

    sdk_error = rec("pipelines")
    judge(sdk_error, [{"func": "p", "error": "ValueError: no"}], ["p"])
    assert sdk_error["status"] == "failed" and sdk_error["error"] == "ValueError: no"


def test_report_compares_runs_and_puts_wrong_results_first():
    def results(status_b):
        return {"date": "d", "designer_commit": "c", "corpus": "/c", "pipeline_option": False,
                "files": {i: {"corpus": "v1", "kind": "k", "source": f"repo:{i}.py",
                              "sdk_status": "ok", "features": ["ContainerOp"], "settings": []}
                          for i in "ab"},
                "units": [{"id": "a", "corpus": "v1", "pipeline": "p", "status": "IDENTICAL",
                           "message": ""},
                          {"id": "b", "corpus": "v1", "pipeline": "q", "status": status_b,
                           "message": "differs from kfp: image: x", "diff": "-a\n+b\n"}]}
    before, after = results("IDENTICAL"), results("WRONG")
    text = render_report(after, before)
    assert "| v1 | 2/2 (100.0%) | 1/2 (50.0%) |" in text
    assert "- `b`: IDENTICAL -> **WRONG**" in text
    wrong = text.index("## WRONG (1)")
    assert wrong < text.index("## Refusals") and "```diff\n-a\n+b\n```" in text[wrong:]
    assert "| ContainerOp | 2 | 0 | 2 |" in text


def test_issue_families_name_census_features_and_count_measured_files():
    from tools.corpus_census import FEATURES
    from tools.corpus_report import ISSUE_FAMILIES, by_family
    for features in ISSUE_FAMILIES.values():
        assert set(features) <= set(FEATURES)
    files = {"a": {"corpus": "v1", "kind": "k", "features": ["ContainerOp", "dsl.Condition"]},
             "b": {"corpus": "v2", "kind": "k", "features": ["dsl.ParallelFor"]},
             "c": {"corpus": "v2", "kind": "k", "features": ["ContainerOp"]}}
    units = [{"id": "a", "status": "IDENTICAL"}, {"id": "b", "status": "WRONG"},
             {"id": "c", "status": "SDK_FAILED"}]
    fam = by_family({"files": files, "units": units})
    assert fam["#11 components, files and artifacts"]["all"] == {"IDENTICAL": 1}
    assert fam["#12 control flow"]["all"] == {"IDENTICAL": 1, "WRONG": 1}
    assert fam["#12 control flow"]["v2"] == {"WRONG": 1}
    assert sum(fam["#13 task and pipeline settings"]["all"].values()) == 0


def test_our_cli_compiles_at_the_path_the_sdk_compiled_from(tmp_path):
    # kfp 1.8.9 writes a component YAML's path into component_ref: both must compile there.
    from tools.corpus_measure import sdk_tree_of, tree_at
    golden = '"url":\n  "/tmp/corpus-sdk-ab_12/tree/samples/x/../component.yaml"}\''
    assert sdk_tree_of([golden, "no path"]) == Path("/tmp/corpus-sdk-ab_12/tree")
    assert sdk_tree_of(["no path"]) is None
    tree = tmp_path / "tree"
    (tree / "samples").mkdir(parents=True)
    (tree / "samples" / "p.py").write_text("x = 1\n")
    where = tmp_path / "corpus-sdk-gone" / "tree"
    with tree_at(tree, where) as copy:
        assert (copy / "samples" / "p.py").read_text() == "x = 1\n"
    assert not where.parent.exists() and (tree / "samples" / "p.py").exists()
