"""kfp Python -> IR: container steps (kfp 1 ContainerOp, kfp 2 container components),
component YAML files, file and artifact ports, and which pipeline of a file is read.

Expected IR is written out and compared field for field (ids made readable by
``canon``). What kfp 1.8.9 builds from the same files is checked independently in
test_kfp_python_structure.py.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from designer.importers import import_python, list_pipelines, load_pipeline_file
from designer.ir import (
    Component,
    Constant,
    InputError,
    InputSpec,
    OutputRef,
    OutputSpec,
    ParamRef,
    Pipeline,
    PipelineParam,
    Signature,
    Task,
    errors,
)
from designer.ir.components import (
    Concat,
    ContainerComponent,
    IfPresent,
    InputPath,
    InputValue,
    OutputPath,
)
from designer.ir.signature import ARTIFACT, PATH, VALUE
from tests.importers.ir_helpers import canon, cimp

ECHO_SPEC = """\
name: Echo text
description: Prints a text.
inputs:
- {name: Text To Print, type: String, description: what to print}
- {name: times, type: Integer, default: '1', optional: true}
outputs:
- {name: Out File, type: Data}
implementation:
  container:
    image: alpine:3.18
    command:
    - sh
    - -c
    - {concat: [echo ", {inputValue: Text To Print}, '" > ', {outputPath: Out File}]}
    args:
    - if:
        cond: {isPresent: times}
        then: [--times, {inputValue: times}]
"""


def op(id: str, name: str, inputs=(), outputs=(), command=(), args=(), image="alpine:3.18",
       source=None) -> ContainerComponent:
    return ContainerComponent(id=id, name=name, signature=Signature(id, tuple(inputs),
                                                                    tuple(outputs)),
                              image=image, command=list(command), args=list(args), origin="op",
                              function_source=source)


# --- kfp 1 ContainerOp ---------------------------------------------------------------

def test_inline_container_ops_with_values_in_strings_and_file_outputs():
    p = cimp("""\
        from kfp import dsl

        @dsl.pipeline(name="echo")
        def echo(msg: str = "hi", n: int = 3):
            first = dsl.ContainerOp(
                name="Produce text",
                image="alpine:3.18",
                command=["sh", "-c"],
                arguments=["echo %s-%s > /tmp/out.txt" % (msg, n), "--count", n, 7, 2.5, True],
                file_outputs={"text": "/tmp/out.txt", "MLPipeline UI metadata": "/tmp/ui.json"},
            )
            dsl.ContainerOp(name="Consume", image="alpine:3.18", command=["cat"],
                            arguments=[f"{first.output}/x", first.outputs["text"],
                                       "{}-{}".format(msg, "lit"), "v=" + str(n)])
        """)
    produce = op("produce_text", "Produce text", [InputSpec("msg"), InputSpec("n")],
                 [OutputSpec("text", passing=VALUE, path="/tmp/out.txt"),
                  OutputSpec("mlpipeline-ui-metadata", passing=PATH, path="/tmp/ui.json")],
                 ["sh", "-c"],
                 [Concat(("echo ", InputValue("msg"), "-", InputValue("n"), " > /tmp/out.txt"),
                         inline=True), "--count", InputValue("n"), "7", "2.5", "True"])
    consume = op("consume", "Consume", [InputSpec("first_text"), InputSpec("msg"),
                                        InputSpec("n")], [], ["cat"],
                 [Concat((InputValue("first_text"), "/x"), inline=True),
                  InputValue("first_text"), Concat((InputValue("msg"), "-lit"), inline=True),
                  Concat(("v=", InputValue("n")), inline=True)])
    assert p.components == [produce, consume]
    assert p.tasks == [
        Task("first", "first", "produce_text", {"msg": ParamRef("msg"), "n": ParamRef("n")}),
        Task("consume_task", "consume_task", "consume",
             {"first_text": OutputRef("first", "text"), "msg": ParamRef("msg"),
              "n": ParamRef("n")})]
    assert p.params == [PipelineParam("msg", "str", "hi", True),
                        PipelineParam("n", "int", 3, True)]


def test_factories_name_inputs_after_their_parameters_and_share_equal_containers():
    p = cimp("""\
        from kfp import dsl

        def echo_op(text, label="x"):
            return dsl.ContainerOp(name="Echo " + label, image="alpine:3.18",
                                   command=["echo", text], file_outputs={"out": "/tmp/out"})

        @dsl.pipeline(name="factories")
        def factories(msg: str = "hi"):
            a = echo_op(msg)
            b = echo_op(a.output)
            echo_op("constant")
            echo_op(msg, label="y")
        """)
    out = [OutputSpec("out", passing=VALUE, path="/tmp/out")]
    assert p.components == [
        op("echo_op", "Echo x", [InputSpec("text")], out, ["echo", InputValue("text")]),
        # kfp formats constants into the command: another container, another component.
        op("echo_op_2", "Echo x", [], out, ["echo", "constant"]),
        op("echo_op_3", "Echo y", [InputSpec("text")], out, ["echo", InputValue("text")]),
    ]
    assert [(t.name, t.component_id, t.arguments) for t in p.tasks] == [
        ("a", "echo_op", {"text": ParamRef("msg")}),
        ("b", "echo_op", {"text": OutputRef("a", "out")}),
        ("echo_op_2_task", "echo_op_2", {}),
        ("echo_op_3_task", "echo_op_3", {"text": ParamRef("msg")})]
    assert errors(p) == []


def test_container_op_subclasses_and_run_placeholders():
    p = cimp("""\
        from kfp import dsl

        class PrintOp(dsl.ContainerOp):
            def __init__(self, msg, prefix="say"):
                super(PrintOp, self).__init__(
                    name="Print", image="alpine:3.18",
                    command=["sh", "-c", "echo %s %s" % (prefix, msg)])
                self.note = prefix

        @dsl.pipeline(name="sub")
        def sub(m: str):
            first = PrintOp(m)
            PrintOp(dsl.RUN_ID_PLACEHOLDER, prefix=first.note).after(first)
            PrintOp("{}".format(dsl.EXECUTION_ID_PLACEHOLDER))
        """)
    assert p.components == [
        op("PrintOp", "Print", [InputSpec("msg")], [],
           ["sh", "-c", Concat(("echo say ", InputValue("msg")), inline=True)]),
        op("PrintOp_2", "Print", [], [], ["sh", "-c", "echo say {{workflow.uid}}"]),
        op("PrintOp_3", "Print", [], [], ["sh", "-c", "echo say {{workflow.uid}}-{{pod.name}}"]),
    ]
    assert [(t.name, t.arguments, t.after) for t in p.tasks] == [
        ("first", {"msg": ParamRef("m")}, []), ("PrintOp_2_task", {}, ["first"]),
        ("PrintOp_3_task", {}, [])]


def test_input_argument_path_is_a_file_input_with_its_path():
    p = cimp("""\
        from kfp import dsl

        @dsl.pipeline(name="art")
        def art(url: str):
            src = dsl.ContainerOp(name="get", image="curl", command=["curl", url],
                                  file_outputs={"data": "/tmp/data"})
            dsl.ContainerOp(name="use", image="alpine", command=[
                "cat", dsl.InputArgumentPath(src.output),
                dsl.InputArgumentPath("inline text", input="note", path="/in/note.txt")])
        """)
    use = p.components[1]
    assert use.signature.inputs == (InputSpec("input-0", passing=PATH, path="/tmp/inputs/input-0/data"),
                                    InputSpec("note", passing=PATH, path="/in/note.txt"))
    assert use.command == ["cat", "/tmp/inputs/input-0/data", "/in/note.txt"]
    assert p.tasks[1].arguments == {"input-0": OutputRef("src", "data"),
                                    "note": Constant("inline text")}


def test_kfp1_typed_component_decorator_keeps_the_factory_interface():
    p = cimp("""\
        import kfp
        from kfp import dsl

        @dsl.component
        def flip(seed: int, label: str = "coin"):
            \"\"\"Flips a coin.\"\"\"
            return dsl.ContainerOp(name="Flip", image="python:3.9",
                                   command=["flip", seed, label],
                                   file_outputs={"output": "/tmp/out"})

        def my_pipeline(seed=7):
            first = flip(seed)
            flip(first.output)

        if __name__ == "__main__":
            kfp.compiler.Compiler().compile(my_pipeline, __file__ + ".yaml")
        """)
    source = ('def flip(seed: int, label: str = "coin"):\n    """Flips a coin."""\n'
              '    return dsl.ContainerOp(name="Flip", image="python:3.9",\n'
              '                           command=["flip", seed, label],\n'
              '                           file_outputs={"output": "/tmp/out"})\n')
    assert p.components == [op("flip", "Flip", [InputSpec("seed")],
                               [OutputSpec("output", passing=VALUE, path="/tmp/out")],
                               ["flip", InputValue("seed"), "coin"], image="python:3.9",
                               source=source)]
    assert (p.name, p.function_name) == ("My pipeline", "my_pipeline")
    assert [t.name for t in p.tasks] == ["first", "flip_task"]


# --- component specs ------------------------------------------------------------------

def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "pipe.py"


SPEC_PIPELINE = """\
import os
from kfp import dsl, components

HERE = os.path.dirname(os.path.abspath(__file__))
echo = components.load_component_from_file(os.path.join(HERE, "specs", "echo.yaml"))
show = components.load_component_from_text(\"\"\"
name: Show
inputs:
- {name: data}
implementation:
  container:
    image: alpine
    command: [cat, {inputPath: data}]
\"\"\")
remote = components.load_component_from_url("https://example.com/c/show.yaml")

@dsl.pipeline(name="specs")
def specs(text: str = "hi"):
    e = echo(text, times=2)
    show(e.outputs["out_file"])
    show(data=e.output)
"""


def test_component_specs_keep_their_text_placeholders_and_typed_ports(tmp_path):
    path = _write(tmp_path, {"pipe.py": SPEC_PIPELINE, "specs/echo.yaml": ECHO_SPEC})
    p = canon(load_pipeline_file(path))
    echo, show = p.components
    assert echo == ContainerComponent(
        id="echo", name="Echo text",
        signature=Signature("echo", (
            InputSpec("Text To Print", type="String", description="what to print"),
            InputSpec("times", default="1", has_default=True, type="Integer")),
            (OutputSpec("Out File", passing=PATH, type="Data"),), docstring="Prints a text."),
        image="alpine:3.18",
        command=["sh", "-c", Concat(('echo "', InputValue("Text To Print"), '" > ',
                                     OutputPath("Out File")))],
        args=[IfPresent("times", ("--times", InputValue("times")))],
        origin="spec", description="Prints a text.", spec_text=ECHO_SPEC,
        # the path as the call got it (here built from __file__): kfp writes it as is
        spec_path=str(tmp_path / "specs" / "echo.yaml"))
    assert show.signature.inputs == (InputSpec("data", passing=PATH),)
    assert show.command == ["cat", InputPath("data")] and show.spec_path is None
    assert show.spec_text.startswith("\nname: Show\n")
    # kfp 1 calls take pythonic names (positional: required first) and offer pythonic
    # output names; the IR keeps the spec's names.
    assert [(t.name, t.arguments) for t in p.tasks] == [
        ("e", {"Text To Print": ParamRef("text"), "times": Constant(2)}),
        ("show_task", {"data": OutputRef("e", "Out File")}),
        ("show_task_2", {"data": OutputRef("e", "Out File")})]


def test_a_url_is_never_downloaded_but_may_be_mapped_to_a_local_file(tmp_path):
    source = SPEC_PIPELINE.replace('show(data=e.output)', 'remote(data=e.output)')
    path = _write(tmp_path, {"pipe.py": source, "specs/echo.yaml": ECHO_SPEC,
                             "local/show.yaml": "name: Show\ninputs:\n- {name: data}\n"
                             "implementation:\n  container:\n    image: alpine\n"})
    with pytest.raises(InputError) as info:
        load_pipeline_file(path)
    assert info.value.line == 21 and "never downloads" in info.value.message
    assert info.value.message.startswith("`remote` (line 15) cannot be used: ")
    assert "--component-url URL=FILE" in info.value.message
    p = load_pipeline_file(path, component_urls={"https://example.com/c/show.yaml":
                                                 "local/show.yaml"})
    remote = p.component_of(p.tasks[-1])
    assert (remote.spec_url, remote.spec_path, remote.python_name) == (
        "https://example.com/c/show.yaml", None, "remote")


@pytest.mark.parametrize("spec, line, fragment", [
    ("name: x\nimplementation:\n  graph: {tasks: {}}\n", 3, "graph components"),
    ("name: x\nimplementation:\n  container:\n    image: a\n    command: [{inputValue: y}]\n",
     5, "input `y`, which the component does not declare"),
    ("name: x\ninputs: [{name: a}]\nimplementation:\n  container:\n    image: a\n"
     "    args: [{if: {cond: {inputValue: a}, then: [x]}}]\n", 6, "not `isPresent`"),
    ("name: x\nimplementation: [\n", 3, "not valid YAML"),
    ("pipelineInfo: {name: x}\nroot: {}\ncomponents: {}\n", 1, "kfp 2's compiled"),
])
def test_bad_component_files_are_refused_at_their_line(tmp_path, spec, line, fragment):
    path = _write(tmp_path, {"pipe.py": "from kfp import dsl, components\n"
                             "c = components.load_component_from_file('c.yaml')\n"
                             "@dsl.pipeline(name='x')\ndef x():\n    c()\n", "c.yaml": spec})
    with pytest.raises(InputError) as info:
        load_pipeline_file(path)
    assert fragment in info.value.message
    assert info.value.message.startswith(f"`c` (line 2) cannot be used: {tmp_path / 'c.yaml'}:"
                                         f"{line}: ")


def test_kfp2_calls_a_loaded_spec_by_sanitized_names():
    source = ("from kfp import dsl\nfrom kfp.components import load_component_from_text\n"
              f"echo = load_component_from_text({ECHO_SPEC!r})\n\n"
              "@dsl.pipeline\ndef v2(text: str = 'hi'):\n"
              "    e = echo(text_to_print=text)\n"
              "    echo(text_to_print=e.outputs['out_file'], times=3)\n")
    p = canon(import_python(source))
    assert [t.arguments for t in p.tasks] == [
        {"Text To Print": ParamRef("text")},
        {"Text To Print": OutputRef("e", "Out File"), "times": Constant(3)}]
    assert p.components[0].spec_text == ECHO_SPEC


# --- kfp 2 container components and artifacts -------------------------------------------

def test_kfp2_container_component_with_placeholders():
    p = cimp('''\
        from kfp import dsl
        from kfp.dsl import Output, Dataset, Input

        @dsl.container_component
        def say(text: str, src: Input[Dataset], out: dsl.OutputPath(str),
                data: Output[Dataset], n: int = 1):
            """Says things."""
            return dsl.ContainerSpec(
                image="alpine",
                command=["sh", "-c", f'echo "{text}" > {out} && cp {src.path} {data.path}'],
                args=[text, dsl.ConcatPlaceholder(["--n=", n, src.uri]),
                      dsl.IfPresentPlaceholder(input_name="n", then=["--n", n])])

        @dsl.component
        def make() -> Dataset:
            pass

        @dsl.pipeline(name="v2-container")
        def pipe(text: str = "x"):
            say(text=text, src=make().output)
        ''')
    say = p.components[0]
    assert say.origin == "v2" and say.name == "Say" and say.image == "alpine"
    from designer.ir.components import InputUri
    assert say.command == ["sh", "-c", Concat(('echo "', InputValue("text"), '" > ',
                                               OutputPath("out"), " && cp ", InputPath("src"),
                                               " ", OutputPath("data")), inline=True)]
    assert say.args == [InputValue("text"), Concat(("--n=", InputValue("n"), InputUri("src"))),
                        IfPresent("n", ("--n", InputValue("n")))]
    assert [(i.name, i.passing, i.type) for i in say.signature.inputs] == [
        ("text", VALUE, None), ("src", ARTIFACT, "Dataset"), ("n", VALUE, None)]
    assert [(o.name, o.passing, o.type) for o in say.signature.outputs] == [
        ("out", PATH, "str"), ("data", ARTIFACT, "Dataset")]
    assert say.function_source.startswith("def say(text: str, src: Input[Dataset],")
    assert p.tasks[1].arguments == {"text": ParamRef("text"), "src": OutputRef("make_task",
                                                                               "Output")}


def test_function_components_with_file_and_artifact_ports():
    p = cimp("""\
        from typing import NamedTuple
        from kfp import dsl
        from kfp.components import create_component_from_func, InputPath, OutputPath

        @create_component_from_func
        def prep(rows: int, table_path: OutputPath('CSV'), mlpipeline_ui_metadata_path: OutputPath()):
            pass

        @create_component_from_func
        def train(table_path: InputPath('CSV'), model_file: OutputPath('Model')) -> NamedTuple(
                'Outputs', accuracy=float, note=str):
            pass

        @dsl.pipeline(name="files")
        def files():
            p = prep(5)
            t = train(table=p.outputs["table"])
            train(p.output)
            prep(t.outputs["accuracy"])
        """)
    prep, train = p.components
    assert [(o.name, o.passing, o.type) for o in prep.signature.outputs] == [
        ("table_path", PATH, "CSV"), ("mlpipeline_ui_metadata_path", PATH, None)]
    assert [(o.name, o.passing) for o in train.signature.outputs] == [
        ("model_file", PATH), ("accuracy", VALUE), ("note", VALUE)]
    # kfp 1 names file ports without _path/_file and keeps ui metadata out of the outputs
    # (so `.output` is the one table).
    assert [t.arguments for t in p.tasks] == [
        {"rows": Constant(5)}, {"table_path": OutputRef("p", "table_path")},
        {"table_path": OutputRef("p", "table_path")}, {"rows": OutputRef("t", "accuracy")}]


def test_keyword_named_tuple_outputs():
    sig = Component.from_source("def f() -> NamedTuple('Outputs', a=int, b=str):\n    pass\n"
                                ).signature
    assert [(o.name, o.annotation) for o in sig.outputs] == [("a", "int"), ("b", "str")]
    assert sig.named_outputs


# --- which pipeline -------------------------------------------------------------------------

SEVERAL = """\
from kfp import dsl

@dsl.component
def add(a: int, b: int = 2) -> int:
    \"\"\"Adds.

    Args:
        a: first.
    \"\"\"
    return a + b

@dsl.pipeline
def first(x: int = 1):
    add(a=x)

@dsl.pipeline(name="other")
def second():
    add(a=2)
"""


def test_several_pipelines_are_listed_and_one_is_chosen_by_name():
    assert [(c.name, c.kind) for c in list_pipelines(SEVERAL)] == [("first", "pipeline"),
                                                                  ("second", "pipeline")]
    with pytest.raises(InputError, match=r"several pipelines: `first` \(line 13\), `second` "
                                         r"\(line 17\); choose one \(`--pipeline NAME`"):
        import_python(SEVERAL)
    assert import_python(SEVERAL, pipeline="second").name == "other"
    with pytest.raises(InputError, match="no pipeline named `third`.*`first`, `second`"):
        import_python(SEVERAL, pipeline="third")


def test_a_kfp2_file_with_only_a_component_is_a_one_task_pipeline():
    source = SEVERAL.split("@dsl.pipeline")[0]
    assert [(c.name, c.kind) for c in list_pipelines(source)] == [("add", "component")]
    p = canon(import_python(source))
    assert p == Pipeline(
        name="Add", function_name="add",
        params=[PipelineParam("a", "int", description="first."),
                PipelineParam("b", "int", 2, True)],
        components=p.components,
        tasks=[Task("add_task", "add_task", "add", {"a": ParamRef("a"), "b": ParamRef("b")})],
        outputs={"Output": OutputRef("add_task", "Output")})


def test_the_pipeline_compiled_in_main_is_chosen_and_may_be_undecorated():
    p = import_python(textwrap.dedent("""\
        import kfp
        from kfp.components import create_component_from_func

        @create_component_from_func
        def step(n: int):
            pass

        def helper_only():
            pass

        def my_pipeline(n: int = 1):
            step(n)

        if __name__ == "__main__":
            kfp.compiler.Compiler().compile(my_pipeline, "p.yaml")
        """))
    assert (p.name, p.function_name, [t.name for t in p.tasks]) == (
        "My pipeline", "my_pipeline", ["step_task"])


def test_container_op_lists_given_empty_are_kept_apart_from_lists_not_given():
    p = cimp("""\
        from kfp import dsl

        @dsl.pipeline(name="e")
        def e():
            dsl.ContainerOp(name="a", image="alpine", arguments=[])
            dsl.ContainerOp(name="b", image="alpine", command=["true"])
        """)
    # kfp 1.8.9 writes `args: []` for the first and no args for the second.
    assert [(c.command, c.args, c.explicit_empty) for c in p.components] == [
        ([], [], frozenset({"args"})), (["true"], [], frozenset())]


def test_the_choices_are_exposed_for_a_chooser(tmp_path):
    from designer.inputs import ReadOptions, load_project, pipeline_choices
    path = tmp_path / "several.py"
    path.write_text(SEVERAL)
    assert [(c.name, c.kind, c.line) for c in pipeline_choices(path)] == [
        ("first", "pipeline", 13), ("second", "pipeline", 17)]
    assert load_project(path, ReadOptions(pipeline="first")).pipeline.name == "First"
