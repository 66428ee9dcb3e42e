"""kfp Python -> IR: values the top level computes when kfp runs the file (names,
descriptions and defaults built from constants, paths, run placeholders), and which kfp
version a file is for when it names nothing only one version has."""
from __future__ import annotations

import textwrap

import pytest

from designer.importers import import_python
from designer.ir import InputError, OutputRef
from tests.importers.ir_helpers import cimp


def test_names_and_defaults_computed_from_constants(tmp_path):
    path = tmp_path / "made_up_name.py"
    path.write_text(textwrap.dedent("""\
        import os
        from collections import OrderedDict
        from kfp import dsl

        BUCKET = "data"
        OPTIONS = OrderedDict([("a", 1), ("b", 2)])

        @dsl.component
        def show(msg: str, options: dict):
            print(msg, options)

        @dsl.pipeline(name=os.path.basename(__file__).removesuffix(".py") + "-pipeline",
                      description="Reads {}".format(BUCKET))
        def p(source: str = f"s3://{BUCKET}/in", run: str = dsl.PIPELINE_JOB_NAME_PLACEHOLDER):
            show(msg=str(os.path.join("a", "b")), options=OPTIONS)
        """))
    from designer.importers import load_pipeline_file
    p = load_pipeline_file(path)
    assert (p.name, p.description) == ("made_up_name-pipeline", "Reads data")
    # A run placeholder as a default is the text this kfp version has for it.
    assert [(x.name, x.default) for x in p.params] == [("source", "s3://data/in"),
                                                       ("run", "{{$.pipeline_job_name}}")]
    assert p.tasks[0].arguments["options"].value == {"a": 1, "b": 2}


def test_kfp1_run_id_default_and_path_values(tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(
        "name: C\nimplementation:\n  container:\n    image: alpine\n")
    path = tmp_path / "p.py"
    path.write_text(textwrap.dedent("""\
        import pathlib
        import kfp
        from kfp import components, dsl

        c = components.load_component_from_file(str(pathlib.Path(__file__).parent / "specs"
                                                     / "c.yaml"))

        @dsl.pipeline(name="p")
        def p(run_id: str = kfp.dsl.RUN_ID_PLACEHOLDER):
            c()
        """))
    from designer.importers import load_pipeline_file
    p = load_pipeline_file(path)
    assert p.params[0].default == "{{workflow.uid}}"
    assert p.components[0].spec_path == str(tmp_path / "specs" / "c.yaml")


def test_a_pipeline_returning_a_task_s_outputs_returns_each_of_them():
    p = cimp("""\
        from typing import NamedTuple
        from kfp import dsl

        @dsl.component
        def pair() -> NamedTuple("Outputs", a=str, b=str):
            return ("x", "y")

        @dsl.pipeline
        def p() -> NamedTuple("outputs", a=str, b=str):
            task = pair()
            return task.outputs
        """)
    assert p.outputs == {"a": OutputRef("task", "a"), "b": OutputRef("task", "b")}


def test_a_file_naming_nothing_version_specific_is_read_by_what_only_one_version_accepts():
    head = ("from kfp import dsl, components\n"
            "c = components.load_component_from_text('name: C\\ninputs: [{name: x}]\\n"
            "implementation:\\n  container:\\n    image: alpine\\n')\n")
    # kfp 2 only: ExitHandler(name=), a pipeline display name; so keyword calls only.
    p = import_python(head + "@dsl.pipeline(name='p', display_name='P')\ndef p():\n"
                      "    e = c(x='1')\n    with dsl.ExitHandler(e, name='done'):\n"
                      "        c(x='2')\n")
    assert p.display_name == "P" and p.groups[0].name == "done"
    # kfp 1 only: a task method kfp 2 does not have; positional arguments then work.
    p = import_python(head + "@dsl.pipeline(name='p')\ndef p():\n"
                      "    c('1').add_pod_label('a', 'b')\n")
    assert p.tasks[0].settings.pod_labels == {"a": "b"}


def test_a_volume_after_an_op_is_mounted_after_it():
    p = cimp("""\
        from kfp import dsl

        @dsl.pipeline(name="p")
        def p():
            vop = dsl.VolumeOp(name="v", resource_name="r", size="1Gi")
            a = dsl.ContainerOp(name="a", image="alpine")
            b = dsl.ContainerOp(name="b", image="alpine", pvolumes={"/d": vop.volume.after(a)})
        """)
    assert p.tasks[2].after == ["a"]
    assert p.tasks[2].settings.volumes[0].volume_task == "vop"


def test_top_level_statements_that_change_values_are_followed_or_make_them_unusable():
    head = """\
        import copy
        import random
        from kfp import dsl

        @dsl.component
        def show(items: list):
            print(items)

        ITEMS = []
        base = {"name": "", "size": 1}
        base["name"] = "first"
        ITEMS.append(copy.deepcopy(base))
        for n in range(2, 4):
            ITEMS.append({"name": f"item{n}", "size": n})
        """
    p = cimp(head + """
        @dsl.pipeline
        def p():
            show(items=ITEMS)
        """)
    assert p.tasks[0].arguments["items"].value == [
        {"name": "first", "size": 1}, {"name": "item2", "size": 2}, {"name": "item3", "size": 3}]
    # A change the designer cannot follow makes the value unusable, never stale.
    with pytest.raises(InputError) as info:
        cimp(head + """
        random.shuffle(ITEMS)

        @dsl.pipeline
        def p():
            show(items=ITEMS)
        """)
    assert "`ITEMS` (line 16) cannot be used" in info.value.message
    assert "`random.shuffle` is imported from `random`" in info.value.message
