"""Descriptions of pipeline outputs (kfp 2): read from a pipeline docstring's Returns section,
compiled onto the root's and a sub-pipeline's outputs, kept in project files (format
version 5), and written back as a docstring only when kfp would read it back the same.
The kfp samples and tests/golden/subpipelines/described.py compare with the real SDK."""
from __future__ import annotations

import copy
import textwrap

import pytest
import yaml

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import load_pipeline_file
from designer.ir import InputError, validate
from tests.golden.goldens import GOLDEN_DIR
from tools.make_goldens_v2 import _same_docs, run_modules

SAMPLE = GOLDEN_DIR / "kfp_samples" / "v2" / "pipeline_with_metadata_fields.py"


def _root_outputs(text: str) -> dict:
    doc = next(d for d in yaml.safe_load_all(text) if "root" in d)
    return doc["root"]["outputDefinitions"]


def test_a_returns_entry_for_no_output_is_not_kept(tmp_path):
    """kfp describes the outputs the docstring names; other Returns entries are ignored."""
    src = tmp_path / "p.py"
    src.write_text(textwrap.dedent('''
        from kfp import dsl

        @dsl.component
        def one() -> int:
            return 1

        @dsl.pipeline(name="p")
        def p() -> int:
            """A pipeline.

            Returns:
                Output: The number.
                elsewhere: Not an output of this pipeline.
            """
            return one().output
    '''))
    p = load_pipeline_file(src)
    assert p.output_descriptions == {"Output": "The number."}
    outs = _root_outputs(compile_pipeline(p, "v2"))
    assert outs["parameters"]["Output"] == {"description": "The number.",
                                            "parameterType": "NUMBER_INTEGER"}


def test_project_files_keep_them_in_version_5_and_older_files_stay_older(tmp_path):
    p = load_pipeline_file(SAMPLE)
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(p), path)
    text = path.read_text()
    assert "version: 5" in text and "output_descriptions:" in text
    assert persist.load(path).pipeline.output_descriptions == {
        "Output": "The final concatenated dataset."}
    p.output_descriptions = {}
    persist.save(persist.Project(p), path)
    assert "version: 2" in path.read_text()       # (outputs: version 2)


def test_a_description_of_no_output_is_refused_at_its_line(tmp_path):
    p = load_pipeline_file(SAMPLE)
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(p), path)
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "output_descriptions" in line)
    lines[at] = lines[at].replace("Output:", "Missing:")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=rf"p\.kfpd:{at + 1}: the description of pipeline "
                                         "output 'Missing': the pipeline has no such output"):
        persist.load(path)


def test_a_description_a_target_cannot_hold_is_a_problem():
    p = load_pipeline_file(SAMPLE)
    p.output_descriptions = {"Output": "bad \ud800 text"}
    found = [d for d in validate(p) if d.field == "output_descriptions"]
    assert [d.code for d in found] == ["text"]


def test_the_export_refuses_what_kfp_would_read_back_otherwise():
    p = load_pipeline_file(SAMPLE)
    # (kfp keeps a blank description it is given in YAML; no docstring can say it: found by
    # the random test below)
    for text in ("has Returns: inside", "  spaced  ", "x\n\nArgs:\n    y: z", "   "):
        q = copy.deepcopy(p)
        q.output_descriptions = {"Output": text}
        with pytest.raises(InputError, match="kfp would not read the description of `Output`"):
            export_python(q, "v2")
    q = copy.deepcopy(p)
    q.description = None        # no summary line for the Returns section to sit under
    with pytest.raises(InputError, match="give the pipeline a description"):
        export_python(q, "v2")


@pytest.mark.oracle
def test_the_exported_docstring_is_read_back_by_kfp(kfp2_python):
    """Multi-line and colon-holding descriptions: the export, run by kfp 2.17.3, compiles to
    what the designer compiles."""
    p = load_pipeline_file(SAMPLE)
    modules, expected = {}, {}
    for i, text in enumerate(("Two\nlines.", "a: b", "The final dataset.")):
        q = copy.deepcopy(p)
        q.output_descriptions = {"Output": text}
        modules[f"m{i}"] = export_python(q, "v2")
        expected[f"m{i}"] = compile_pipeline(q, "v2")
    for name, run in run_modules(kfp2_python, modules).items():
        assert run.error is None, run.error
        assert _same_docs(expected[name], run.yaml), name


_PIECES = ["The", "final", "dataset", ":", "Output:", "Returns:", "Args:", "\n    ", "\n        ",
           "\n\n    ", "x", "-", "  ", "(int)", "Output (Dataset):", "Raises:", "é", "한",
           "\n    Returns:\n        Output: again"]
_DOCS = ["Summary.\n\n    Returns:\n        Output: ", "Returns:\n        Output: ",
         "Summary.\n\n    Args:\n        text: t\n\n    Returns:\n        Output: "]
_FILE = '''
from kfp import compiler, dsl
from kfp.dsl import Dataset, Output


@dsl.component
def make(text: str, data: Output[Dataset]) -> str:
    with open(data.path, "w") as f:
        f.write(text)
    return text


@dsl.pipeline(name="p")
def p(text: str = "a") -> Dataset:
    """DOC"""
    return make(text=text).outputs["data"]


if __name__ == "__main__":
    compiler.Compiler().compile(p, "p.yaml")
'''


@pytest.mark.oracle
def test_random_docstrings_read_as_kfp_reads_them_and_export_back(kfp2_python, tmp_path):
    """Seeded random Returns sections (titles, colons and indents in the text): the file
    compiled by kfp 2.17.3 and by the designer is the same document; and the designer's
    export of each, run by kfp, too (or the export is refused)."""
    import random
    rng = random.Random(16)
    modules, ours = {}, {}
    for i in range(25):
        body = "".join(rng.choice(_PIECES) + rng.choice([" ", ""])
                       for _ in range(rng.randint(1, 8)))
        src = _FILE.replace("DOC", (rng.choice(_DOCS) + body + "\n    ").replace('"""', "'"))
        path = tmp_path / f"m{i}.py"
        path.write_text(src, encoding="utf-8")
        p = load_pipeline_file(path)
        ours[f"file{i}"] = compile_pipeline(p, "v2")
        modules[f"file{i}"] = src
        try:
            modules[f"export{i}"] = export_python(p, "v2")
            ours[f"export{i}"] = ours[f"file{i}"]
        except InputError as e:
            assert "cannot export the pipeline" in str(e)
    for name, run in run_modules(kfp2_python, modules).items():
        assert run.error is None, (name, run.error)
        assert _same_docs(ours[name], run.yaml), (name, modules[name])
