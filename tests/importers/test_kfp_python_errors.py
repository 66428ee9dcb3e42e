"""Every way an import refuses a file: an InputError with the file, the right line and a
message saying what is wrong. The expected line is marked ``#!`` in each source."""
from __future__ import annotations

import textwrap

import pytest

from designer.importers import import_python
from designer.ir import InputError

V1_HEAD = """\
from typing import NamedTuple
from kfp import dsl
from kfp.components import create_component_from_func, load_component_from_file
from my_components import train
from .local_module import evaluate

loaded = load_component_from_file("c.yaml")
SCALE = 2.5

def helper(a: int) -> int:
    return a

@create_component_from_func
def add(a: int, b: int = 2) -> int:
    return a + b

@create_component_from_func
def pair(a: int) -> NamedTuple('Outputs', [('x', int), ('y', int)]):
    return (a, a)

@create_component_from_func
def sink(a: int):
    print(a)

@dsl.pipeline(name="p")
def p(n: int = 1):
"""


def check(source: str, *fragments: str) -> InputError:
    marked = [i for i, line in enumerate(source.splitlines(), 1) if line.endswith("#!")]
    assert len(marked) <= 1, "mark at most one line"
    with pytest.raises(InputError) as info:
        import_python(source, "bad.py")
    err = info.value
    assert err.path == "bad.py"
    assert err.line == (marked[0] if marked else None), err
    for fragment in fragments:
        assert fragment in err.message, err.message
    if err.line:
        assert str(err).startswith(f"bad.py:{err.line}: ")
    return err


BODY_ERRORS = {
    "while loop": ("while True:  #!\n    add(1)", "`while` loops"),
    "if on a parameter": ("if n > 1:  #!\n    add(n)", "a Python `if`", "dsl.Condition"),
    "for over a parameter": ("for i in n:  #!\n    add(i)",
                             "cannot iterate over pipeline parameter `n`", "dsl.ParallelFor"),
    "try": ("try:  #!\n    add(1)\nexcept Exception:\n    pass", "`try`"),
    "setting a container attribute": (
        "t = add(1)\nt.container.image = 'other'  #!", "setting `t.container.image`"),
    "ContainerOp sidecars": ("dsl.ContainerOp(name='x', image='busybox', sidecars=[1])  #!",
                             "`sidecars=` of a ContainerOp takes `dsl.Sidecar(...)`, not a int"),
    "loaded component": ("loaded(a=1)  #!", "`loaded` (line 7) cannot be used: cannot read "
                         "`c.yaml`"),
    "task method": ("add(1).add_init_container(None)  #!", "`add_init_container` (init "
                    "containers) is not supported"),
    "arithmetic": ("add(n + 1)  #!", "`+` on pipeline parameter `n`"),
    "int of a parameter": ("add(a=int(n))  #!", "`int()` with pipeline parameter `n`"),
    "f-string format spec": ("add(a=f'{n:>5}')  #!", "a format spec or `!r` on a run-time value"),
    "percent d": ("add(a='%d' % n)  #!", "`%d` of a run-time value"),
    "tuple constant": ("add((1, 2))  #!", "`(1, 2)` cannot be represented"),
    "param inside a list": ("add([n, 1])  #!", "`[n, 1]` cannot be represented"),
    "unknown name": ("add(a=m)  #!", "unknown name `m`"),
    "unknown component": ("subtract(1)  #!", "unknown name `subtract`"),
    "unsupported builtin": ("open('x')  #!", "`open` (a Python builtin) is not supported"),
    "used before assignment": ("add(x)  #!\nx = 1", "`x` is used before it is assigned"),
    "component without call": ("add(add)  #!", "`add` is a component: call it"),
    "user module component": ("train(1)  #!", "imported from `my_components`",
                              "components defined in this file"),
    "relative import component": ("evaluate(1)  #!", "imported from `.local_module`"),
    "kfp 2 name in a kfp 1 file": ("add(dsl.PIPELINE_ROOT_PLACEHOLDER)  #!",
                                   "kfp 2 (`PIPELINE_ROOT_PLACEHOLDER`, line 27)"),
    "missing output": ("t = pair(1)\nadd(t.outputs['z'])  #!", "`pair` has no output `z`",
                       "x, y"),
    "output of several": ("t = pair(1)\nadd(t.output)  #!", "several outputs (x, y)"),
    "output of none": ("t = sink(1)\nadd(t.output)  #!", "`sink` has no outputs"),
    "output name at run time": ("t = pair(1)\nadd(t.outputs[n])  #!",
                                "the output name must be a string"),
    "outputs attribute": ("t = pair(1)\nadd(t.results)  #!", "`t.results` is not supported"),
    "output of a non-task": ("add(n.output)  #!", "`n` is not a task"),
    "wrong argument name": ("add(c=1)  #!", "`add` has no input `c` (its inputs: a, b)"),
    "too many positional": ("add(1, 2, 3)  #!", "at most 2 positional arguments, 3 given"),
    "missing argument": ("add(b=1)  #!", "missing required argument(s): a"),
    "two values": ("add(1, a=2)  #!", "got two values for `a`"),
    "task as argument": ("t = add(1)\nadd(t)  #!", "`t` is a task: pass `.output`"),
    "None for required": ("add(None)  #!", "required input `a` of `add` gets None"),
    "after a value": ("add(1).after(n)  #!", "`n` is not a task"),
    "after itself": ("t = add(1)\nt.after(t)  #!", "cannot run after itself"),
    "after keyword": ("t = add(1)\nadd(2).after(task=t)  #!", "takes tasks only"),
    "calling a task": ("t = add(1)\nt(2)  #!", "`t` is not a component (it is a task)"),
    # (kfp 1.8.9's decorator returns the function: a call runs its body here, forever)
    "calling the pipeline": ("p(1)  #!", "`p` calls nest more than 60 deep", "recursion"),
    "input names are exact": ("add(A=1)  #!", "no input `A`"),
    "recursion": ("def again(i):\n    return again(i)  #!\nagain(1)",
                  "nest more than 60 deep"),
    "raise": ("raise ValueError('no')  #!", "raises an exception"),
    "condition on a constant": ("with dsl.Condition(1 == 1):  #!\n    add(1)",
                                "got the constant True"),
    "str of a task": ("t = add(1)\nadd(a=str(t))  #!", "`str()` of TaskValue"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in BODY_ERRORS.values()],
                         ids=list(BODY_ERRORS))
def test_pipeline_body_errors(body, fragments):
    check(V1_HEAD + textwrap.indent(body, "    ") + "\n", *fragments)


def test_statements_after_a_bare_return_never_run():
    source = V1_HEAD + "    add(1)\n    return\n    for i in range(2):\n        pass\n"
    assert len(import_python(source, "ok.py").tasks) == 1


def test_setting_an_item_of_a_module_dict_does_not_make_it_local():
    """`CONF["a"] = 5` in the pipeline mutates the module's dict, as Python does; it once read
    as an assignment to a local `CONF` and refused the file with "used before it is
    assigned" (kfp's samples/contrib/aws-samples/ground_truth_pipeline_demo)."""
    source = ("CONF = {'a': 1, 'b': {'c': 0}}\n" + V1_HEAD
              + "    CONF['a'] = 5\n    CONF['b']['c'] = n\n    add(CONF['a'], CONF['b']['c'])\n")
    task, = import_python(source, "ok.py").tasks
    assert task.arguments["a"].value == 5
    assert task.arguments["b"].name == "n"


MODULE_ERRORS = {
    "syntax error": ("from kfp import dsl\n\ndef broken(:  #!\n    pass\n", "syntax error"),
    "no pipeline": ("from kfp import dsl  #!\n\ndef not_a_pipeline():\n    pass\n",
                    "no pipeline function", "decorated with kfp's `@dsl.pipeline(...)`",
                    "its functions: `not_a_pipeline`"),
    "pipeline decorator from elsewhere": (
        "from mylib import pipeline\n\n@pipeline(name='x')  #!\ndef x():\n    pass\n",
        "`x` is decorated with `@pipeline`, which is `mylib.pipeline`, not kfp's"),
    "kfp 1.8 v2-compatible namespace beside kfp 1 names": (
        "from kfp.v2 import dsl\nfrom kfp.components import create_component_from_func\n"
        "\n@dsl.pipeline(name='x')  #!\ndef x():\n    pass\n",
        "which is `kfp.v2.dsl.pipeline`, not kfp's `kfp.dsl.pipeline`"),
    "changing a component": (
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "f.component_spec.implementation.container.image = 'other'  #!\n",
        "changing `f.component_spec.implementation.container.image` of a component"),
    "several pipelines": (
        "from kfp import dsl\n\n@dsl.pipeline(name='a')\ndef a():\n    pass\n\n"
        "@dsl.pipeline(name='b')\ndef b():  #!\n    pass\n",
        "several pipelines: `a` (line 4), `b` (line 8)", "--pipeline NAME"),
    "called v1 decorator": (
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n\n"
        "@create_component_from_func(base_image='python:3.9')  #!\n"
        "def f(a: int):\n    pass\n",
        "needs the function as its first argument", "functools.partial"),
    "unsupported component option": (
        "from kfp.components import func_to_container_op\n\n"
        "def f(a: int):\n    pass\n\n"
        "f_op = func_to_container_op(f, use_code_pickling=True)  #!\n",
        "`use_code_pickling=` of `func_to_container_op` is not supported"),
    "non-literal base image": (
        "import os\nfrom kfp.components import create_component_from_func\n\n"
        "def f(a: int):\n    pass\n\n"
        "f_op = create_component_from_func(\n    f,\n"
        "    base_image=os.environ['IMAGE'],  #!\n)\n",
        "base_image must be a literal"),
    "packages not strings": (
        "import functools\nfrom kfp.components import create_component_from_func\n\n"
        "@functools.partial(create_component_from_func,\n"
        "                   packages_to_install=['numpy', 3])  #!\n"
        "def f(a: int):\n    pass\n",
        "packages_to_install must be a list of strings"),
    "call form of an unknown function": (
        "from kfp.components import create_component_from_func\nfrom lib import f\n\n"
        "f_op = create_component_from_func(f)  #!\n",
        "`f` is not a function defined in this file"),
    "call form of a component": (
        "from kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "g = create_component_from_func(f)  #!\n",
        "`f` is already a component"),
    "call form without a function": (
        "from kfp.components import create_component_from_func\n\n"
        "g = create_component_from_func(base_image='x')  #!\n",
        "needs the function"),
    "one function, two different components": (
        "from kfp.components import create_component_from_func\n\n"
        "def f(a: int):\n    pass\n\n"
        "f_op = create_component_from_func(f)\n"
        "f_gpu = create_component_from_func(f, base_image='gpu')  #!\n",
        "`f` is made into a component twice"),
    "non-literal component default": (
        "from kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(\n    a: int,\n    b: int = len('abc'),  #!\n):\n"
        "    pass\n",
        "component `f`", "the default of `b` must be a literal"),
    "component with *args": (
        "from kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(*args):  #!\n    pass\n",
        "*args"),
    "extra decorator on a component": (
        "import functools\nfrom kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\n@functools.lru_cache  #!\ndef f(a: int):\n    pass\n",
        "other decorators", "functools.lru_cache"),
    "mixed v1 and v2": (
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "@dsl.component  #!\ndef g(a: int):\n    pass\n",
        "mixes kfp 1 (`create_component_from_func`, line 2) with kfp 2 (`component`, line 8)"),
    "bare v1 pipeline decorator": (
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "@dsl.pipeline  #!\ndef x():\n    f(1)\n",
        "must be called"),
    "non-string pipeline_root": (
        "from kfp import dsl\n\n@dsl.pipeline(name='x', pipeline_root=['gs://b'])  #!\n"
        "def x():\n    pass\n",
        "the pipeline root must be a string"),
    "a fourth positional argument to kfp 1's pipeline": (
        "from kfp import dsl\n\n@dsl.pipeline('x', 'd', 'gs://b', 4)  #!\n"
        "def x():\n    pass\n",
        "takes at most 3 positional arguments"),
    "non-string pipeline name": (
        "from kfp import dsl\n\n@dsl.pipeline(name=5)  #!\ndef x():\n    pass\n",
        "the pipeline name must be a string"),
    "computed pipeline name": (
        "from kfp import dsl\nimport socket\n\n@dsl.pipeline(name=socket.gethostname())  #!\n"
        "def x():\n    pass\n",
        "the pipeline name cannot be computed when the file is read", "`socket.gethostname`"),
    "pipeline *args": (
        "from kfp import dsl\n\n@dsl.pipeline(name='x')\ndef x(a: int, *rest):  #!\n    pass\n",
        "plain named parameters"),
    "pipeline keyword-only": (
        "from kfp import dsl\n\n@dsl.pipeline(name='x')\ndef x(*, a: int):  #!\n    pass\n",
        "plain named parameters"),
    "non-literal pipeline default": (
        "from kfp import dsl\nimport time\n\n@dsl.pipeline(name='x')\n"
        "def x(a: float = time.time()):  #!\n    pass\n",
        "the default of pipeline parameter `a` cannot be computed", "`time.time`"),
    "opaque module binding": (
        "from kfp import dsl\nfrom kfp.components import create_component_from_func\n\n"
        "try:\n    import numpy\n    N = 1\nexcept ImportError:\n    N = 2\n\n"
        "@create_component_from_func\ndef f(a: int):\n    pass\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    f(N)  #!\n",
        "`N` is bound by a `try` statement (line 4)"),
    "component from a star import": (
        "from kfp import dsl\nfrom components import *\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    train(1)  #!\n",
        "unknown name `train`", "`from components import *`"),
    "unknown decorator makes an opaque name": (
        "from kfp import dsl\nfrom lib import decorate\n\n@decorate\ndef f(a: int):\n    pass\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    f(1)  #!\n",
        "`f` is decorated with `@decorate` (line 5)"),
    "docstring kfp fails on": (
        "from kfp import dsl\n\n@dsl.pipeline(name='x')\ndef x():\n"
        "    \"\"\"Short.  #!\n    : : a reST field without a name\n    \"\"\"\n",
        "kfp fails on this docstring"),
    "async component": (
        "from kfp import dsl\n\nasync def f(a: int):\n    pass\n\n"
        "@dsl.pipeline(name='x')\ndef x():\n    f(1)  #!\n",
        "bound by an `async def` (line 3)"),
}


@pytest.mark.parametrize("source, fragments", [(s, f) for s, *f in MODULE_ERRORS.values()],
                         ids=list(MODULE_ERRORS))
def test_module_errors(source, fragments):
    check(source, *fragments)


V2_HEAD = """\
from typing import NamedTuple
from kfp import dsl

@dsl.component
def add(a: int, b: int = 2) -> int:
    return a + b

@dsl.component
def pair(numberA: int) -> NamedTuple('Outputs', [('Sum', int), ('prod', int)]):
    return (numberA, numberA)

@dsl.pipeline
def p(n: int = 1):
"""

V2_BODY_ERRORS = {
    # kfp 2 rejects what kfp 1.8.9 allows (checked in test_oracles.py).
    "positional arguments": ("add(n)  #!", "keyword arguments only"),
    "None argument": ("add(a=n, b=None)  #!", "kfp v2 does not accept None"),
    "pythonic output alias": ("t = pair(numberA=1)\nadd(a=t.outputs['sum'])  #!",
                              "`pair` has no output `sum`"),
    "pythonic input alias": ("pair(numbera=1)  #!", "`pair` has no input `numbera`"),
}


@pytest.mark.parametrize("body, fragments", [(b, f) for b, *f in V2_BODY_ERRORS.values()],
                         ids=list(V2_BODY_ERRORS))
def test_v2_body_errors(body, fragments):
    check(V2_HEAD + textwrap.indent(body, "    ") + "\n", *fragments)


V2_MODULE_ERRORS = {
    "positional pipeline name": (
        "from kfp import dsl\n\n@dsl.component\ndef f(a: int):\n    pass\n\n"
        "@dsl.pipeline('x')  #!\ndef x():\n    f(a=1)\n",
        "keyword arguments only"),
    "unsupported component option": (
        "from kfp import dsl\n\n@dsl.component(use_venv=True)  #!\n"
        "def f(a: int):\n    pass\n",
        "`use_venv=` of `component` is not supported"),
    "positional component argument": (
        "from kfp import dsl\n\n@dsl.component('python:3.9')  #!\ndef f(a: int):\n    pass\n",
        "positional arguments to `@component`"),
}


@pytest.mark.parametrize("source, fragments", [(s, f) for s, *f in V2_MODULE_ERRORS.values()],
                         ids=list(V2_MODULE_ERRORS))
def test_v2_module_errors(source, fragments):
    check(source, *fragments)
