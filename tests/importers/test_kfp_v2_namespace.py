"""Files written for kfp 1.8's ``kfp.v2`` namespace, which kfp 2.17.3 keeps as an alias of
``kfp`` (``kfp/v2/dsl.py`` is ``from kfp.dsl import *``): read for a kfp 2 target exactly as
the same file spelled with ``kfp.dsl``; refused for a kfp 1 target (kfp 1.8.9 compiles them
in its v2-compatible mode); in a kfp 1.8 file (one with kfp 1 names) they stay kfp 1.8's,
refused where used, and the rest of the file is read as before."""
from __future__ import annotations

import contextlib
import io

import pytest

from designer.cli import main
from designer.compiler import compile_pipeline
from designer.importers import import_python
from designer.ir import InputError

PLAIN = """\
from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Output, component


@component(base_image="python:3.11")
def make(n: int, data: Output[Dataset]):
    with open(data.path, "w") as f:
        f.write(str(n))


@dsl.component
def use(data: Input[Dataset]) -> str:
    return open(data.path).read()


@dsl.pipeline(name="aliased")
def aliased(n: int = 3):
    made = make(n=n)
    with dsl.Condition(n > 1):
        use(data=made.outputs["data"])


if __name__ == "__main__":
    compiler.Compiler().compile(aliased, "p.yaml")
"""

SPELLINGS = {
    "from kfp.v2 import": ("from kfp.v2 import compiler, dsl\n"
                           "from kfp.v2.dsl import Dataset, Input, Output, component\n"),
    "import kfp.v2.x as": ("import kfp.v2.compiler as compiler\nimport kfp.v2.dsl as dsl\n"
                           "from kfp.v2.dsl import Dataset, Input, Output, component\n"),
}


def _with_imports(head: str) -> str:
    return head + PLAIN.split("\n", 2)[2]


@pytest.mark.parametrize("head", SPELLINGS.values(), ids=list(SPELLINGS))
def test_kfp_v2_names_read_as_kfp_2_reads_them(head):
    ours = compile_pipeline(import_python(_with_imports(head), "v2ns.py"), "v2")
    assert ours == compile_pipeline(import_python(PLAIN, "plain.py"), "v2")


def _marked(source: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if line.endswith("#!"))


def test_a_kfp_1_target_refuses_the_file_at_its_kfp_v2_import():
    source = _with_imports("from kfp.v2 import compiler, dsl  #!\n"
                           "from kfp.v2.dsl import Dataset, Input, Output, component\n")
    import_python(source, "v2ns.py", target="v2")          # kfp 2 reads it so
    with pytest.raises(InputError) as e:
        import_python(source, "v2ns.py", target="v1")
    assert e.value.line == _marked(source)
    assert "kfp 1.8.9 compiles it in its v2-compatible mode" in e.value.message


def test_the_cli_compiles_it_for_v2_and_refuses_it_for_v1(tmp_path, capsys):
    path = tmp_path / "v2ns.py"
    path.write_text(_with_imports(SPELLINGS["from kfp.v2 import"]))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["compile", str(path), "--target", "v2"]) == 0
    assert "pipelineInfo:\n  name: aliased" in out.getvalue()
    assert main(["compile", str(path), "--target", "v1"]) == 2
    assert f"{path}:1: this file imports `kfp.v2`" in capsys.readouterr().err


REFUSED = {
    "kfp 1.8's kfp.v2 names in a kfp 1 file": (       # (kfp 1.8.9 runs those otherwise)
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n"
        "import kfp.v2 as v2\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "@v2.dsl.component\ndef g(a: int):\n    pass\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    f(a=1)\n    g(a=1)  #!\n",
        "`g` is decorated with `@v2.dsl.component`"),
    "a name kfp 2's alias does not give": (
        "from kfp.v2 import dsl\nfrom kfp.v2.dsl import types\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    types.Artifact  #!\n",
        "`types` is kfp 1.8's v2-compatible mode (`kfp.v2`)"),
    "kfp 1.8's google namespace": (
        "import kfp.v2.google.client as client\nfrom kfp.v2 import dsl\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    client.AIPlatformClient()  #!\n",
        "kfp 1.8's v2-compatible mode (`kfp.v2`)"),
}


@pytest.mark.parametrize("source, fragment", REFUSED.values(), ids=list(REFUSED))
def test_what_kfp_2_does_not_keep_is_refused_at_its_line(source, fragment):
    with pytest.raises(InputError) as e:
        import_python(source, "x.py")
    assert e.value.line == _marked(source)
    assert fragment in e.value.message


def test_a_kfp_1_pipeline_beside_kfp_v2_names_still_reads():
    """kfp's samples/core/output_a_directory: a kfp 1 pipeline and a v2-compatible one in
    one file; the first compiles as before (kfp 1.8.9 compiles it in v1 mode)."""
    source = REFUSED["kfp 1.8's kfp.v2 names in a kfp 1 file"][0].replace(
        "    g(a=1)  #!\n", "")
    p = import_python(source, "mixed.py", target="v1")
    assert [t.name for t in p.tasks] == ["f_task"]
