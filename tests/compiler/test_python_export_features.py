"""Every feature pipeline read from its kfp file, exported as Python in its own DSL style
(kfp 1 files as v1, kfp 2 files as v2) and read back, is the same IR; and what the exporter
claims (SUPPORTED) is exactly what these files use. The real SDKs compile the same exports
in tests/test_oracle_export_features.py.
"""
from __future__ import annotations

import pytest

from designer.compiler.guard import KFP2_ABSENT
from designer.compiler.python_source import SUPPORTED, export_python
from designer.importers import import_python, load_pipeline_file
from designer.ir import InputError
from designer.ir.features import features
from tests.compiler.export_features import IMPORTER_REFUSES, canonical, feature_files

FILES = feature_files()


def _load(name: str):
    return load_pipeline_file(FILES[name])


@pytest.mark.parametrize("name", sorted(FILES))
def test_export_reads_back_to_the_same_pipeline(name):
    style = name.split("/")[0]
    if name in IMPORTER_REFUSES:
        with pytest.raises(InputError, match=IMPORTER_REFUSES[name].replace("(", r"\(")
                           .replace(")", r"\)").replace("[", r"\[")):
            _load(name)
        return
    original = _load(name)
    text = export_python(original, style)
    again = import_python(text, f"exported_{name.replace('/', '_')}.py")
    assert canonical(again) == canonical(original)


@pytest.mark.parametrize("style", ["v1", "v2"])
def test_supported_is_exactly_what_the_feature_files_prove(style):
    used: set[str] = set()
    for name in FILES:
        if name.startswith(style + "/") and name not in IMPORTER_REFUSES:
            used |= features(_load(name))
    # kfp 1 files have no sub-pipelines (a called pipeline function runs its ops in the
    # caller); the kfp 2 ones' kfp 1 export is proven by tests/compiler/test_v1_subpipelines.py
    proven_elsewhere = {"v1": {"subpipeline"}}.get(style, set())
    assert SUPPORTED[style] == used | proven_elsewhere


@pytest.mark.parametrize("name", sorted(n for n in FILES if n not in IMPORTER_REFUSES))
def test_what_the_other_style_lacks_is_refused_with_its_words(name):
    """A kfp 2 file with If/Elif, artifacts or OneOf cannot become kfp 1 Python (and a kfp 1
    file with ContainerOps or a PipelineConf no kfp 2 Python): refused, naming the first use,
    never written wrong. Otherwise the export reads back (the same tasks)."""
    style = name[:2]
    other = "v2" if style == "v1" else "v1"
    p = _load(name)
    lacking = sorted(features(p) - SUPPORTED[other])
    try:
        text = export_python(p, other)
    except InputError as e:
        message = str(e)
        assert message.startswith("cannot export the pipeline"), message
        if lacking:
            words = ("which kfp 1 does not have" if other == "v1"
                     else "which a kfp 2 file cannot hold")
            if other == "v2" and e.use.feature in KFP2_ABSENT:  # (kfp-kubernetes lacks it)
                words = KFP2_ABSENT[e.use.feature]
            assert message.startswith(f"cannot export the pipeline as kfp {other[1]} Python: ")
            assert words in message and e.use.feature in lacking
        return
    assert not lacking, f"exported {lacking} as kfp {other[1]} Python"
    # (a detail the other SDK lacks may still be refused above, with what it is)
    again = import_python(text, "other.py")
    if other == "v1":       # (kfp 1: a sub-pipeline's tasks are written in its task's place)
        from designer.ir.subpipeline_inline import inline
        p = inline(p)
    assert [t.name for t in again.tasks] == [t.name for t in p.tasks]


def test_a_component_file_is_loaded_from_the_path_the_pipeline_gave(tmp_path):
    """kfp 1 writes the path into the component reference: the export keeps the call and
    the path as written (relative to the exported file, like the original)."""
    from tests.compiler.export_features import V1_DIR
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "shout.yaml").write_bytes(
        (V1_DIR / "components" / "shout.yaml").read_bytes())
    source = tmp_path / "p.py"
    source.write_text(
        "import kfp\nfrom kfp import dsl\nfrom kfp.components import load_component_from_file\n"
        "\nshout_op = load_component_from_file('components/shout.yaml')\n\n\n"
        "@dsl.pipeline(name='p')\ndef p(who: str = 'x'):\n    shout_op(text=who)\n",
        encoding="utf-8")
    original = load_pipeline_file(source)
    text = export_python(original, "v1")
    assert 'shout_op = load_component_from_file("components/shout.yaml")' in text
    exported = tmp_path / "exported.py"
    exported.write_text(text, encoding="utf-8")
    assert canonical(load_pipeline_file(exported)) == canonical(original)
