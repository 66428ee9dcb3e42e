"""The importer against the real kfp SDKs (side venvs): what kfp builds when it *runs* a
file must be what we read from it without running it.

One oracle process per SDK runs every fixture with hooks that record, per pipeline, the
source kfp captures for each component, the tasks it creates (component, arguments,
explicit ``.after``) in creation order, and the pipeline's name and description.
"""
from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from designer.compiler import compile_pipeline
from designer.importers import load_pipeline_file
from designer.ir import Constant, OutputRef, Pipeline
from designer.ir.naming import component_name
from tests.golden.goldens import (compile_with_kfp1, first_difference, normalise_v1,
                                  time_from_epoch)
from tests.oracle import kfp2_version

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parents[1] / "golden" / "pipelines"

pytestmark = pytest.mark.oracle

KFP1_PROBE = r"""
import json, runpy, sys
import kfp
from kfp.components import _python_op
from kfp.dsl import _component_bridge as bridge, PipelineParam
from kfp.dsl._metadata import _extract_pipeline_metadata

sources, made = {}, []
capture = _python_op._get_function_source_definition
def capture_hook(func):
    sources[func.__name__] = capture(func)
    return sources[func.__name__]
_python_op._get_function_source_definition = capture_hook
create = bridge._create_container_op_from_component_and_arguments
def create_hook(component_spec, arguments, component_ref=None):
    op = create(component_spec, arguments, component_ref)
    made.append((component_spec.name, dict(arguments), op))
    return op
bridge._create_container_op_from_component_and_arguments = create_hook

results = {}
for arg in sys.argv[1:]:
    path, function = arg.split("::")
    sources.clear(); made.clear()
    func = runpy.run_path(path, run_name="oracle_fixture")[function]
    meta = _extract_pipeline_metadata(func)
    kfp.compiler.Compiler()._create_workflow(func)
    index = {op.name: i for i, (_, _, op) in enumerate(made)}
    def describe(v):
        if isinstance(v, PipelineParam):
            return ["output", index[v.op_name], v.name] if v.op_name else ["param", v.name]
        return ["constant", v]
    results[arg] = {
        "name": meta.name, "description": meta.description, "sources": dict(sources),
        "param_docs": {i.name: i.description for i in meta.inputs or []},
        "tasks": [{"component": c, "arguments": {k: describe(v) for k, v in a.items()},
                   "after": sorted(set(index[d] for d in op.dependent_names))}
                  for c, a, op in made]}
print(json.dumps(results))
"""

KFP2_PROBE = r"""
import json, runpy, sys
from kfp.dsl import component_factory, pipeline_channel, pipeline_context

sources, made = {}, []
capture = component_factory._get_function_source_definition
def capture_hook(func):
    sources[func.__name__] = capture(func)
    return sources[func.__name__]
component_factory._get_function_source_definition = capture_hook
add_task = pipeline_context.Pipeline.add_task
def add_task_hook(self, task, add_to_group):
    result = add_task(self, task, add_to_group)
    made.append(task)
    return result
pipeline_context.Pipeline.add_task = add_task_hook

results = {}
for arg in sys.argv[1:]:
    path, function = arg.split("::")
    sources.clear(); made.clear()
    graph = runpy.run_path(path, run_name="oracle_fixture")[function]  # kfp 2 runs it here
    index = {t.name: i for i, t in enumerate(made)}
    def describe(v):
        if isinstance(v, pipeline_channel.PipelineChannel):
            return ["output", index[v.task_name], v.name] if v.task_name else ["param", v.name]
        return ["constant", v]
    results[arg] = {
        "name": graph.name, "description": graph.description, "sources": dict(sources),
        "param_docs": {k: v.description for k, v in (graph.component_spec.inputs or {}).items()},
        "tasks": [{"component": t.component_spec.name,
                   "arguments": {k: describe(v) for k, v in t.inputs.items()},
                   "after": sorted(set(index[d] for d in t.dependent_tasks))} for t in made]}
print(json.dumps(results))
"""


def k8s_name(name: str) -> str:
    """kfp 2's maybe_rename_for_k8s: kfp 2 keeps component and pipeline names in this form."""
    return re.sub("-+", "-", re.sub("[^-0-9a-z]+", "-", name.lower())).strip("-")


def run_probe(python: Path, probe: str, pipelines: dict[str, Pipeline]) -> dict:
    args = [f"{path}::{p.function_name}" for path, p in pipelines.items()]
    proc = subprocess.run([str(python), "-c", probe, *args], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def our_view(p: Pipeline, v2: bool) -> dict:
    index = {t.id: i for i, t in enumerate(p.tasks)}

    def describe(a):
        if isinstance(a, Constant):
            return ["constant", a.value]
        if isinstance(a, OutputRef):
            return ["output", index[a.task_id], a.output]
        return ["param", a.name]

    label = (lambda c: k8s_name(component_name(c))) if v2 else component_name
    return {
        "name": k8s_name(p.name) if v2 else p.name, "description": p.description,
        "sources": {c.name: c.source for c in p.components},
        "param_docs": {x.name: x.description for x in p.params},
        "tasks": [{"component": label(p.component_of(t).name),
                   "arguments": {k: describe(a) for k, a in t.arguments.items()},
                   "after": sorted(index[i] for i in t.after)} for t in p.tasks]}


DOC_VARIANTS = [
    ('@dsl.pipeline(name="named")', '"""Plain docstring."""'),
    ("@dsl.pipeline()", '"""Short.\n\n    Long paragraph\n    continues.\n\n    Args:\n'
                        '        a: A number.\n    """'),
    ('@dsl.pipeline(description="  spaced  ")', '"""Ignored."""'),
    ("@dsl.pipeline()", '"""Short only.\n    :param a: reST style.\n    """'),
    ("@dsl.pipeline()", '"""\n    Starts on the second line.\n\n    More.\n    """'),
    ("@dsl.pipeline()", '"""Args:\n        a: a section first.\n    """'),
    ('@dsl.pipeline(name="")', "pass"),
    # reST fails on ":param:" (no name), so the whole text is the description.
    ("@dsl.pipeline()", '"""Short.\n\n    :param: missing name\n    """'),
    # Google fails on an entry without a colon: the whole text again.
    ("@dsl.pipeline()", '"""Short.\n\n    Args:\n        no colon here\n    """'),
    ("@dsl.pipeline()", '"""Short.\n    Returns:\n        the value\n    Unindented.\n    """'),
    # Both styles: the one with more sections (Google, 2 to 1) decides where to cut.
    ("@dsl.pipeline()", '"""Short.\n\n    More.\n\n    :param a: reST one.\n\n    Args:\n'
                        '        a: Google one.\n        b: Google two.\n    """'),
    ("@dsl.pipeline()", '"""Short.\n    :rtype: int\n    """'),
]
# kfp 1.8.9 keeps only the first line, so numpydoc sections after it do not matter there
# (kfp 2 keeps the rest too, and the designer refuses those docstrings for v2 files).
V1_ONLY_DOC_VARIANTS = [
    ("@dsl.pipeline()", '"""Short.\n\n    Parameters\n    ----------\n    a : int\n'
                        '        A number.\n    """'),
]


def doc_variant(tmp: Path, i: int, decorator: str, body: str, v2: bool) -> Path:
    head = ("import sys\nfrom kfp import compiler, dsl\n\n@dsl.component\n" if v2 else
            "import sys\nfrom kfp import compiler, dsl\n"
            "from kfp.components import create_component_from_func\n\n"
            "@create_component_from_func\n")
    path = tmp / f"doc_{'v2' if v2 else 'v1'}_{i}.py"
    path.write_text(f"{head}def show(a: int):\n    print(a)\n\n{decorator}\n"
                    f"def my__docs_pipeline(a: int = 1):\n    {body}\n    show(a=a)\n\n"
                    "if __name__ == '__main__':\n"
                    "    compiler.Compiler().compile(my__docs_pipeline, sys.argv[1])\n")
    return path


def test_v1_files_import_as_kfp_1_8_9_runs_them(kfp1_python, tmp_path):
    files = [DATA / "source_capture.py", DATA / "source_capture_eof.py",
             DATA / "semantics_v1.py", CORPUS / "call_form.py", CORPUS / "named_outputs.py"]
    files += [doc_variant(tmp_path, i, d, b, v2=False)
              for i, (d, b) in enumerate(DOC_VARIANTS + V1_ONLY_DOC_VARIANTS)]
    ours = {str(f): load_pipeline_file(f) for f in files}
    theirs = run_probe(kfp1_python, KFP1_PROBE, ours)
    for path, p in ours.items():
        assert our_view(p, v2=False) == theirs[f"{path}::{p.function_name}"], path


def test_v2_files_import_as_kfp_2_runs_them(kfp2_python, tmp_path):
    files = [DATA / "semantics_v2.py"]
    files += [doc_variant(tmp_path, i, d, b, v2=True) for i, (d, b) in enumerate(DOC_VARIANTS)]
    files.append(doc_variant(tmp_path, 99, "@dsl.pipeline", '"""Bare decorator."""', v2=True))
    ours = {str(f): load_pipeline_file(f) for f in files}
    theirs = run_probe(kfp2_python, KFP2_PROBE, ours)
    for path, p in ours.items():
        assert our_view(p, v2=True) == theirs[f"{path}::{p.function_name}"], path


def test_imported_files_compile_like_kfp_1_8_9(kfp1_python, tmp_path):
    """Import + our v1 compiler == kfp 1.8.9 compiling the file, byte for byte (the golden
    corpus is covered by tests/test_golden_v1.py; these are the importer's own fixtures)."""
    files = [DATA / "semantics_v1.py", DATA / "source_capture.py"]
    files += [doc_variant(tmp_path, i, *DOC_VARIANTS[i], v2=False) for i in (1, 3, 9)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        theirs = list(pool.map(lambda f: compile_with_kfp1(kfp1_python, f), files))
    for path, kfp_yaml in zip(files, theirs):
        ours = compile_pipeline(load_pipeline_file(path), "v1", compile_time=time_from_epoch(0))
        expected, actual = normalise_v1(kfp_yaml), normalise_v1(ours)
        assert actual == expected, f"{path.name}: {first_difference(expected, actual)}"


def test_imported_v2_file_compiles_like_kfp_2(kfp2_python, tmp_path):
    """Import + our v2 compiler == kfp 2 compiling the file (it pins no time: exact bytes)."""
    out = tmp_path / "kfp.yaml"
    source = DATA / "semantics_v2.py"
    proc = subprocess.run([str(kfp2_python), str(source), str(out)], capture_output=True,
                          text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    expected = out.read_text(encoding="utf-8")
    actual = compile_pipeline(load_pipeline_file(source), "v2", kfp_version=kfp2_version())
    assert actual == expected, first_difference(expected, actual)


REFUSALS = r"""
import sys
failures = []
def expect_failure(source):
    try:
        exec(compile(source, "<refusal>", "exec"), {"__name__": "refusal"})
    except Exception as e:
        return type(e).__name__
    failures.append(source)
"""


def test_what_we_refuse_kfp_refuses_too(kfp1_python, kfp2_python):
    """The refusals that are about kfp's behaviour, not the designer's limits."""
    v1_script = REFUSALS + r'''
from kfp.components import create_component_from_func
expect_failure("""
from kfp.components import create_component_from_func
@create_component_from_func(base_image="python:3.9")
def f(a: int):
    pass
""")
expect_failure("""
from kfp import dsl
from kfp.dsl._metadata import _extract_pipeline_metadata
@dsl.pipeline(name="x")
def p():
    \"\"\"Short.
    : : a reST field without a name
    \"\"\"
_extract_pipeline_metadata(p)
""")
# A bare @dsl.pipeline makes a pipeline of the wrong function in kfp 1.8.9.
from kfp.dsl._metadata import _extract_pipeline_metadata
from kfp import dsl
@dsl.pipeline
def bare(a: int = 1):
    pass
meta = _extract_pipeline_metadata(bare)
assert [i.name for i in meta.inputs] == ["func"], meta
print("failures:", failures)
'''
    v2_head = ("from kfp import dsl\n@dsl.component\ndef f(a: int, b: int = 1):\n    pass\n"
               "@dsl.pipeline\ndef p():\n")
    v2_script = REFUSALS + "".join(
        f"expect_failure({v2_head + body!r})\n" for body in (
            "    f(1)\n",                            # positional arguments
            "    f(a=1, b=None)\n",                  # None
            "    t = f(a=1)\n    f(a=t.output)\n",   # .output of a task without outputs
        )) + 'print("failures:", failures)\n'
    for python, script in ((kfp1_python, v1_script), (kfp2_python, v2_script)):
        proc = subprocess.run([str(python), "-c", script], capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip().splitlines()[-1] == "failures: []"
