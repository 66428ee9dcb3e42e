"""A KFP v2 PipelineSpec (as a run or a pipeline version carries it) -> IR, without running
anything: lightweight Python components are read back from the function source their
executors embed, the graph from ``root.dag``.

Only what the designer can represent exactly is accepted: the result is compiled again and
must give the same spec (the kfp version the executors pin aside), else InputError says
what differs. A spec kfp wrote from other kinds of components (containers, sub-pipelines,
conditions, loops) is refused with the reason.
"""
from __future__ import annotations

import ast
import shlex
from typing import Any

from designer.ir import InputError, Pipeline, new_id
from designer.ir.model import Component, Constant, OutputRef, ParamRef, PipelineParam, Task
from designer.ir.signature import SignatureError

_PIP = "python3 -m pip install --quiet --no-warn-script-location"
_TYPES = {"NUMBER_INTEGER": "int", "NUMBER_DOUBLE": "float", "STRING": "str",
          "BOOLEAN": "bool", "LIST": "list", "STRUCT": "dict"}


def _fail(message: str) -> InputError:
    return InputError(f"cannot open this KFP v2 pipeline: {message}")


def _executor_parts(container: dict) -> tuple[str, str, list[str], str | None, str]:
    """(function name, its source, packages, kfp version pinned, image)."""
    args = container.get("args") or []
    if "--function_to_execute" not in args:
        raise _fail("an executor is not a lightweight Python component")
    function = args[args.index("--function_to_execute") + 1]
    command = container.get("command") or []
    module = command[-1] if command else ""
    try:
        tree = ast.parse(module)
    except SyntaxError as e:
        raise _fail(f"the source of `{function}` does not parse ({e.msg})") from None
    node = next((n for n in tree.body if isinstance(n, ast.FunctionDef)
                 and n.name == function), None)
    if node is None:
        raise _fail(f"the executor does not hold the function `{function}`")
    source = ast.get_source_segment(module, node, padded=False) or ""
    packages: list[str] = []
    kfp_version = None
    if command[:2] == ["sh", "-c"] and len(command) > 2:
        for part in command[2].split(" && "):
            if _PIP not in part:
                continue
            words = shlex.split(part.split(_PIP, 1)[1].split('"$0"')[0])
            kfp = [w for w in words if w.startswith("kfp==")]
            if kfp and "--no-deps" in words:
                kfp_version = kfp[0].split("==", 1)[1]
            else:
                packages.extend(words)
    return function, source + "\n", packages, kfp_version, container.get("image", "")


def _constant(value: dict) -> Any:
    if "constant" in value:
        return value["constant"]
    raise _fail(f"an argument of an unsupported kind: {sorted(value)}")


def _typed(value: Any, annotation: str | None) -> Any:
    """Protobuf keeps every number as a double: an ``int`` comes back as ``5.0``."""
    from designer.ir.types import kind_of
    if isinstance(value, float) and value.is_integer() and kind_of(annotation) == "int":
        return int(value)
    return value


def read_pipeline_spec(spec: dict) -> Pipeline:
    if not isinstance(spec, dict) or "root" not in spec or "deploymentSpec" not in spec:
        raise _fail("it is not a PipelineSpec (no root or deploymentSpec)")
    from designer.compiler.v2_executor import DEFAULT_BASE_IMAGE
    info = spec.get("pipelineInfo") or {}
    executors = (spec.get("deploymentSpec") or {}).get("executors") or {}
    components_spec = spec.get("components") or {}
    pipeline = Pipeline(info.get("name") or "pipeline", info.get("description"))
    for name, p in ((spec["root"].get("inputDefinitions") or {}).get("parameters")
                    or {}).items():
        has_default = "defaultValue" in p
        annotation = _TYPES.get(p.get("parameterType", ""))
        pipeline.params.append(PipelineParam(
            name, annotation, _typed(p.get("defaultValue"), annotation), has_default,
            p.get("description")))
    tasks = (spec["root"].get("dag") or {}).get("tasks") or {}
    ids = {name: new_id() for name in tasks}
    by_source: dict[tuple, Component] = {}
    kfp_versions = set()
    for tname, block in tasks.items():
        comp_name = (block.get("componentRef") or {}).get("name", "")
        comp_spec = components_spec.get(comp_name) or {}
        label = comp_spec.get("executorLabel")
        container = (executors.get(label) or {}).get("container") if label else None
        if container is None:
            raise _fail(f"the task {tname} is not a Python function component (a sub-DAG, "
                        "an importer or a plain container)")
        function, source, packages, kfp_version, image = _executor_parts(container)
        kfp_versions.add(kfp_version)
        key = (source, tuple(packages), image)
        if key not in by_source:
            try:
                by_source[key] = Component.from_source(
                    source, base_image=None if image == DEFAULT_BASE_IMAGE else image,
                    packages_to_install=packages)
            except SignatureError as e:
                raise _fail(f"the function `{function}`: {e}") from None
            pipeline.components.append(by_source[key])
        component = by_source[key]
        arguments = {}
        producers = set()
        for input_name, value in ((block.get("inputs") or {}).get("parameters") or {}).items():
            if "componentInputParameter" in value:
                arguments[input_name] = ParamRef(value["componentInputParameter"])
            elif "taskOutputParameter" in value:
                ref = value["taskOutputParameter"]
                producer = ref.get("producerTask", "")
                if producer not in ids:
                    raise _fail(f"the task {tname} reads from an unknown task {producer}")
                producers.add(producer)
                arguments[input_name] = OutputRef(ids[producer], ref.get("outputParameterKey"))
            elif "runtimeValue" in value:
                spec_in = component.signature.input(input_name)
                arguments[input_name] = Constant(_typed(_constant(value["runtimeValue"]),
                                                        spec_in.annotation if spec_in else None))
            else:
                raise _fail(f"the task {tname} has an input of an unsupported kind")
        if (block.get("inputs") or {}).get("artifacts") or block.get("triggerPolicy") or \
                block.get("iteratorPolicy") or block.get("parameterIterator"):
            raise _fail(f"the task {tname} uses artifacts, conditions or loops")
        after = [ids[d] for d in block.get("dependentTasks") or [] if d not in producers]
        pipeline.tasks.append(Task(ids[tname], tname.replace("-", "_"), component.id,
                                   arguments, after))
    pipeline.tasks = _creation_order(pipeline.tasks)
    _verify(pipeline, spec, next(iter(kfp_versions - {None}), None))
    return pipeline


def _creation_order(tasks: list[Task]) -> list[Task]:
    """A dependency order in which the ``-2``, ``-3`` suffixes kfp gave in creation order
    come back (the spec lists tasks alphabetically; the compiler names them in order):
    among the ready tasks, one whose suffix is the next of its name goes first."""
    import graphlib
    import re

    def split(task: Task) -> tuple[str, int]:
        m = re.match(r"^(.*)_(\d+)$", task.name)
        return (m.group(1), int(m.group(2))) if m else (task.name, 1)

    by_id = {t.id: t for t in tasks}
    sorter = graphlib.TopologicalSorter({t.id: [u for u in t.upstream_ids() if u in by_id]
                                         for t in tasks})
    sorter.prepare()
    ready: list[str] = []
    expected: dict[str, int] = {}
    out: list[Task] = []
    while sorter.is_active():
        ready.extend(sorter.get_ready())
        ready.sort(key=lambda i: split(by_id[i])[::-1])
        first = next((i for i in ready if expected.get(split(by_id[i])[0], 1)
                      == split(by_id[i])[1]), ready[0])
        ready.remove(first)
        base, index = split(by_id[first])
        expected[base] = index + 1
        out.append(by_id[first])
        sorter.done(first)
    return out


def _normal(spec: dict) -> dict:
    return {k: v for k, v in spec.items() if k != "sdkVersion"}


def _verify(pipeline: Pipeline, spec: dict, kfp_version: str | None) -> None:
    import yaml

    from designer.compiler.v2 import compile_v2
    again = yaml.safe_load(compile_v2(pipeline, kfp_version=kfp_version))
    if _normal(again) != _normal(spec):
        keys = sorted(k for k in set(again) | set(spec) if k != "sdkVersion"
                      and again.get(k) != spec.get(k))
        raise _fail("the designer cannot re-create it exactly (it differs in "
                    f"{', '.join(keys) or 'its layout'})")
