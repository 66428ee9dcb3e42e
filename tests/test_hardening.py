"""What the fuzzers of issue 10 found (each once a wrong output or a late failure), as tests:
a component that reads names of its file, a container without an image, a condition on a
list, values nested as deep as Python's parser can take, a container function the export
cannot carry."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python
from designer.inputs import load_project
from designer.ir import InputError
from designer.ir.components import ContainerComponent

CONTAINER_WITH_MODULE_NAME = '''
from kfp import dsl
from kfp.dsl import ContainerSpec

IMAGE = "alpine:3.19"


@dsl.container_component
def echo(text: str):
    return ContainerSpec(image=IMAGE, command=["echo", text])


@dsl.pipeline(name="p")
def p():
    echo(text="x")
'''


def test_v2_export_refuses_a_container_function_using_a_name_of_its_file(tmp_path):
    """kfp runs a container function when its module loads: the exported module has no
    `IMAGE`, so writing the function as it is would give a file that cannot load."""
    pipeline = import_python(CONTAINER_WITH_MODULE_NAME, "p.py")
    assert "alpine:3.19" in compile_pipeline(pipeline, "v2")       # the fields are right
    with pytest.raises(InputError, match=r"container component `echo`: its function uses "
                                         r"`IMAGE`, defined outside it"):
        export_python(pipeline, "v2")
    # The same through a saved project: it opens (the fields are right) and refuses export.
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(pipeline, {}), path)
    with pytest.raises(InputError, match="`IMAGE`, defined outside it") as e:
        export_python(load_project(path).pipeline, "v2")
    assert e.value.use is not None                  # located: the CLI puts it at its line


def test_a_container_function_using_only_kfp_names_exports_and_imports_back():
    source = CONTAINER_WITH_MODULE_NAME.replace("image=IMAGE", 'image="alpine:3.19"')
    pipeline = import_python(source, "p.py")
    back = import_python(export_python(pipeline, "v2"), "exported.py")
    assert compile_pipeline(back, "v2") == compile_pipeline(pipeline, "v2")


def test_v2_export_refuses_a_container_component_without_its_function(tmp_path):
    """Project fuzz seed 24, input 6774: a file with a container's `function_source` left
    out exported `@dsl.container_component` over the next component's decorator ("report
    has other decorators"). The compilers need only the fields; the export refuses."""
    pipeline = import_python(CONTAINER_WITH_MODULE_NAME.replace("image=IMAGE",
                                                                'image="alpine:3.19"'), "p.py")
    comp = next(c for c in pipeline.components if isinstance(c, ContainerComponent))
    comp.function_source = None
    compile_pipeline(pipeline, "v2")
    with pytest.raises(InputError, match="container component `echo` has no function"):
        export_python(pipeline, "v2")
    # The fuzzer's input itself (`python -m tests.fuzz --kind project --seed 24 --start 6774
    # --count 1`), kept as a regression input.
    saved = Path(__file__).parent / "fuzz" / "regressions" / "project" / "8c107784aa84.kfpd"
    with pytest.raises(InputError, match="`train` has no function in the project"):
        export_python(load_project(saved).pipeline, "v2")


MODULE_TYPES = '''
from typing import NamedTuple
from kfp.components import create_component_from_func
from kfp import dsl

Out = NamedTuple("Out", [("a", int)])
MyInt = int


def add(a: {arg}) -> {ret}:
    return (a,)


add_op = create_component_from_func(add)


@dsl.pipeline(name="p")
def p():
    add_op(1)
'''


@pytest.mark.parametrize("arg, ret, name", [("int", "Out", "Out"), ("MyInt", "int", "MyInt"),
                                            ("int", "NamedTuple('O', [('b', MyInt)])",
                                             "MyInt")])
def test_a_component_whose_signature_uses_names_of_its_file_is_refused_at_its_line(
        tmp_path, arg, ret, name):
    """kfp reads `-> Out` as the NamedTuple's outputs (`a`); the function alone, which is
    all a component keeps, says nothing of `Out`: the designer compiled one output `Output`
    of type `Out` for kfp 1 (wrong) and failed at kfp 2's compile. Refused at load now."""
    path = tmp_path / "p.py"
    path.write_text(MODULE_TYPES.format(arg=arg, ret=ret))
    with pytest.raises(InputError) as e:
        load_project(path)
    assert (e.value.path, e.value.line) == (str(path), 10)
    assert f"its signature uses `{name}`, which this file defines" in e.value.message
    # A name the file imports is no definition of its own: still read as before.
    path.write_text(MODULE_TYPES.format(arg="int", ret="int").replace(
        "MyInt = int", "from typing import List as MyInt"))
    load_project(path)


EMPTY_BASE_IMAGE = '''
from kfp import dsl


@dsl.component(base_image="")
def add(a: int = 2) -> int:
    return a


@dsl.pipeline(name="p")
def p():
    add()
'''


def test_an_empty_base_image_is_a_validation_error_not_kfps_default():
    """kfp 2 writes no image for `base_image=""` (kfp 1 `image: ''`); the designer wrote the
    default image. An error now: no target gets a pipeline no cluster runs."""
    from designer.ir.validate import Code, errors
    pipeline = import_python(EMPTY_BASE_IMAGE, "p.py")
    assert [(d.code, d.field) for d in errors(pipeline)] == [(Code.NO_IMAGE, "base_image")]
    with pytest.raises(InputError, match="has an empty base image"):
        compile_pipeline(pipeline, "v2")
    pipeline.components[0].base_image = None          # unset: kfp's default, no error
    assert not errors(pipeline)


def test_an_empty_container_image_is_a_validation_error(tmp_path):
    from designer.ir.validate import Code, errors
    source = CONTAINER_WITH_MODULE_NAME.replace("image=IMAGE", 'image="alpine:3.19"')
    pipeline = import_python(source, "p.py")
    path = tmp_path / "p.kfpd"
    persist.save(persist.Project(pipeline, {}), path)
    # the fields and the function (they must agree) both say ""
    path.write_text(path.read_text().replace("image: alpine:3.19", "image: ''").replace(
        "alpine:3.19", ""))
    opened = load_project(path)             # the file opens; the problem is listed
    assert [(d.code, d.field) for d in errors(opened.pipeline)] == [(Code.NO_IMAGE, "image")]
    with pytest.raises(InputError, match="has an empty container image"):
        compile_pipeline(opened.pipeline, "v2")
    code, _, err = _cli("compile", str(path))              # v1 (the CLI checks first)
    assert code == 2 and "has an empty container image" in err


def _cli(*args: str) -> tuple[int, str, str]:
    from tests.fuzz.checks import cli
    return cli(*args)


@pytest.mark.parametrize("value, kind", [([1, 2], "a list"), ({"a": 1}, "a dict")])
def test_a_condition_on_a_list_or_dict_is_refused_everywhere(value, kind):
    """The v1 compiler wrote `[1, 2]` into a `when:`; the exported Python then did not
    import again (the importer refuses it, as kfp compares scalars). Refused by the v1
    compiler, the project file (at its line) and saving, with the importer's reason."""
    import dataclasses
    from designer.importers import load_pipeline_file
    from designer.ir import Constant
    golden = Path(__file__).parent / "golden" / "features" / "conditions.py"
    pipeline = load_pipeline_file(golden)
    group = next(g for g in pipeline.groups if g.condition is not None)
    text = persist.dumps(persist.Project(pipeline, {}))
    group.condition = dataclasses.replace(group.condition, right=Constant(value))
    reason = f"a condition compares with {kind}; kfp compares with strings, numbers and booleans"
    with pytest.raises(InputError, match=re.escape(reason)):
        compile_pipeline(pipeline, "v1")
    with pytest.raises(InputError, match="cannot save the project: .*" + re.escape(reason)):
        persist.dumps(persist.Project(pipeline, {}))
    # A file saying so (written by hand) is refused at the line of the value.
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "right: {value: heads}")
    lines[at] = lines[at].replace("heads", json.dumps(value))
    with pytest.raises(InputError, match=re.escape(reason)) as e:
        persist.loads("\n".join(lines), "p.kfpd")
    assert e.value.line == at + 1


def _nested(brackets: int, inner=None) -> list:
    """A list ``brackets`` deep (lists and mappings in turn), around ``inner`` or empty."""
    value = [] if inner is None else inner
    count = brackets - (1 if inner is None else 0)
    for i in range(count):
        value = [value] if (count - i) % 2 == 1 else {"k": value}
    return value


@pytest.mark.parametrize("inner", [None, 1])
def test_values_nest_as_deep_as_an_exported_call_can_parse(inner):
    """Python's parser takes 200 nested brackets; a constant is exported inside a call, so
    199 brackets of its own at most (200 gave exported files that did not parse)."""
    from designer.ir import Component, Constant, Pipeline, PipelineParam, Task
    from designer.ir.validate import errors
    from designer.ir.values import MAX_DEPTH
    assert MAX_DEPTH == 199
    comp = Component.from_source("def f(a: list) -> int:\n    return 1\n", id="c")
    deepest = _nested(MAX_DEPTH, inner)
    pipeline = Pipeline("p", None, [PipelineParam("x", "list", deepest, True)], [comp],
                        [Task("t", "t", "c", {"a": Constant(deepest)})])
    assert not errors(pipeline)
    text = persist.dumps(persist.Project(pipeline, {}))
    for target in ("v1", "v2"):
        back = import_python(export_python(pipeline, target), "exported.py")
        assert compile_pipeline(back, target, compile_time="t") == \
            compile_pipeline(pipeline, target, compile_time="t")
    assert persist.loads(text).pipeline.tasks[0].arguments["a"] == Constant(deepest)
    # One bracket more: a validation error; saving refuses it, a file holding it too.
    pipeline.tasks[0].arguments["a"] = Constant([deepest])
    assert [d.code for d in errors(pipeline)] == ["value"]
    with pytest.raises(InputError, match="nested more than 199 levels deep"):
        persist.dumps(persist.Project(pipeline, {}))
    head = "format: kfp-pipeline-designer\nversion: 1\npipeline:\n  name: x\n  parameters:\n"
    fits = persist.loads(head + "  - {name: a, default: " + "[" * 199 + "]" * 199 + "}\n")
    assert len(repr(fits.pipeline.params[0].default)) == 2 * 199
    with pytest.raises(InputError, match="nested more than 199 levels deep") as e:
        persist.loads(head + "  - {name: a, default: " + "[" * 200 + "]" * 200 + "}\n", "p.kfpd")
    assert e.value.line == 6


def test_one_of_inputs_are_numbered_in_signature_order_whatever_the_file_order():
    """Project fuzz seed 101, input 152: a project listing `read`'s arguments `ds` before
    `value` compiled `oneof-1` for the artifact, its exported Python (keywords in the
    signature's order, as kfp files import) for the parameter."""
    from designer.importers import load_pipeline_file
    golden = Path(__file__).parent / "golden" / "features_v2" / "oneof.py"
    pipeline = load_pipeline_file(golden)
    expected = compile_pipeline(pipeline, "v2")
    read = next(t for t in pipeline.tasks if set(t.arguments) == {"value", "ds"})
    read.arguments = dict(reversed(list(read.arguments.items())))
    assert list(read.arguments) == ["ds", "value"]
    assert compile_pipeline(pipeline, "v2") == expected
    back = import_python(export_python(pipeline, "v2"), "exported.py")
    assert compile_pipeline(back, "v2") == expected


def test_groups_listed_out_of_writing_order_compile_as_their_python_does():
    """Project fuzz seed 102, input 5849: a condition listed between an exit handler and the
    loop inside it (as the designer lets one build them) compiled `condition-2` and
    `for-loop-4`, its exported Python (a group's members written together) `for-loop-3` and
    `condition-4`. The compilers now number in the order the Python makes them."""
    from designer.ir.groups import Group
    from designer.importers import load_pipeline_file
    golden = Path(__file__).parent / "golden" / "features" / "exit_handler.py"
    pipeline = load_pipeline_file(golden)
    condition = next(g for g in pipeline.groups if g.kind == "condition")
    loop = next(g for g in pipeline.groups if g.kind == "loop")
    condition.parent = None                  # out of the exit handler, listed before the loop
    pipeline.groups = [g for g in pipeline.groups if g is not loop] + [loop]
    assert [g.kind for g in pipeline.groups] == ["exit_handler", "condition", "loop"]
    compiled = compile_pipeline(pipeline, "v1", compile_time="t")
    back = import_python(export_python(pipeline, "v1"), "exported.py")
    assert compile_pipeline(back, "v1", compile_time="t") == compiled
    assert isinstance(loop, Group) and [g.kind for g in pipeline.groups][-1] == "loop"  # as given


def test_a_component_text_holding_a_5000_digit_integer_is_refused_not_a_traceback():
    """Project fuzz seed 103, input 1657: PyYAML's int() raised ValueError (Python's
    int-str limit) out of a spec component's text."""
    from designer.ir.component_spec import Where, parse_spec
    with pytest.raises(InputError, match="not valid YAML here"):
        parse_spec("name: x\ninputs:\n- {name: a, default: " + "9" * 5000 + "}\n",
                   Where("p.kfpd", 3))
    saved = Path(__file__).parent / "fuzz" / "regressions" / "project" / "2858a102752d.kfpd"
    with pytest.raises(InputError) as e:
        load_project(saved)
    assert str(e.value).startswith(str(saved))
