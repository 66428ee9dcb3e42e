"""kfp 1.8.9's ``_data_passing_rewriter.fix_big_data_passing``, ported to our workflow dicts.

kfp's DSL compiler passes every value between tasks as an Argo *parameter*; this pass then
turns the data that a consumer reads as a file into Argo *artifacts* all the way up to its
producer (or to the workflow arguments), and prunes the parameters nobody reads. Our
compiler builds the workflow exactly as kfp's DSL compiler does and runs the same pass, so
the outputs agree in every case kfp handles, including its quirks (input artifacts renamed
after the parameter that feeds them, ``{{inputs.artifacts...}}`` through DAG inputs, raw
artifacts for constants and loop items).

It works in place on the dict (kfp deep-copies first; nobody else holds ours) and keeps
kfp's key orders: new keys are appended where kfp appends them, empty ones removed where kfp
removes them. Placeholders are found per string, memoised: a component's program text is one
shared string across its tasks, and scanning it once instead of per task is what keeps
1000-task pipelines fast. Finding them in each string equals kfp's regex over the template's
JSON text, since the placeholder alphabet holds no character JSON escapes.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from .yaml_emit import Shared, SharedList

_PLACEHOLDER = re.compile(r"{{([-._a-zA-Z0-9]+)}}")
_SINGLE = re.compile(r"{{[-._a-zA-Z0-9]+}}")
_INPUT_PARAMETER = re.compile(r"{{inputs.parameters.([-_a-zA-Z0-9]+)}}")
_KINDS = ("inputs", "outputs", "tasks", "steps", "workflow", "pod", "item")


class RewriteError(ValueError):
    """kfp's rewriter fails here (an AssertionError/RuntimeError in kfp 1.8.9)."""


@functools.lru_cache(maxsize=16384)
def _single_placeholder(s: str) -> tuple[str, ...] | None:
    if not _SINGLE.fullmatch(s):
        return None
    return tuple(s.lstrip("{").rstrip("}").split("."))


@functools.lru_cache(maxsize=16384)
def _input_parameter_name(s: str) -> str | None:
    match = _INPUT_PARAMETER.fullmatch(s)
    return match.group(1) if match else None


class _Placeholders:
    """``extract_all_placeholders`` over dicts, one regex scan per distinct string."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, ...]] = {}
        self._shared: dict[int, set[str]] = {}   # id of a yaml_emit.Shared* -> its placeholders

    def of_string(self, s: str) -> tuple[str, ...]:
        if "{{" not in s:
            return ()
        found = self._memo.get(s)
        if found is None:
            found = self._memo[s] = tuple(_PLACEHOLDER.findall(s))
        return found

    def collect(self, value: Any, out: set[str]) -> None:
        stack = [value]
        pop, push = stack.pop, stack.append
        while stack:
            item = pop()
            if type(item) is str:
                if "{{" in item:
                    out.update(self.of_string(item))
            elif type(item) is Shared or type(item) is SharedList:
                # The same object in many templates, unchanged while rewriting: scan once.
                found = self._shared.get(id(item))
                if found is None:
                    found = self._shared[id(item)] = set()
                    self.collect(dict(item) if type(item) is Shared else list(item), found)
                out.update(found)
            elif isinstance(item, dict):
                for k, v in item.items():
                    if type(k) is str and "{{" in k:
                        out.update(self.of_string(k))
                    push(v)
            elif isinstance(item, (list, tuple)):
                stack.extend(item)


def fix_big_data_passing(workflow: dict) -> dict:
    """Rewrites ``workflow`` in place (and returns it) as kfp 1.8.9 does."""
    templates = workflow["spec"]["templates"]
    container_templates = [t for t in templates if "container" in t]
    dag_templates = [t for t in templates if "dag" in t]
    resource_templates = [t for t in templates if "resource" in t]
    resource_template_names = {t["name"] for t in resource_templates}

    # 1. Index the DAGs: which inputs/outputs are connected to each other.
    input_to_dag_inputs: dict[tuple[str, str], set[tuple[str, str]]] = {}
    input_to_task_outputs: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for template in dag_templates:
        dag_name = template["name"]
        tasks = template["dag"]["tasks"]
        task_templates = {task["name"]: task["template"] for task in tasks}
        for task in tasks:
            task_template = task["template"]
            for argument in task.get("arguments", {}).get("parameters", ()):
                input_name = argument["name"]
                value = argument["value"]
                parts = _single_placeholder(value)
                if not parts:
                    # kfp indexes ``parts[0]`` of None here: a TypeError in kfp 1.8.9.
                    raise RewriteError(f"task `{task['name']}`: the argument `{input_name}` is "
                                       "not a single placeholder")
                kind = parts[0]
                if kind not in _KINDS:
                    continue
                key = (task_template, input_name)
                if kind == "inputs":
                    input_to_dag_inputs.setdefault(key, set()).add((dag_name, parts[2]))
                elif kind == "tasks":
                    upstream = task_templates[parts[1]]
                    input_to_task_outputs.setdefault(key, set()).add((upstream, parts[4]))
                elif kind not in ("item", "workflow", "pod"):
                    raise RewriteError(f"unexpected placeholder {value!r}")
                # (kfp adds the input an ``{{inputs.parameters.x}}`` argument names a second
                # time here: the same pair as above, so it is left out.)
            if task.get("outputs", {}).get("parameters"):
                raise RewriteError("DAG task outputs are not written by the DSL compiler")

    # 2. Direct consumers: input artifacts of containers, DAG task fields, container fields.
    scan = _Placeholders()
    consumed_as_parameters: set[tuple[str, str]] = set()
    consumed_as_artifacts: set[tuple[str, str]] = set()
    outputs_as_parameters: set[tuple[str, str]] = set()
    for template in container_templates:
        for artifact in template.get("inputs", {}).get("artifacts", ()):
            input_name = _input_parameter_name(artifact["raw"]["data"])
            if input_name:
                consumed_as_artifacts.add((template["name"], input_name))
                del artifact["raw"]
                artifact["name"] = input_name
    for template in dag_templates:
        name = template["name"]
        task_templates = {task["name"]: task["template"] for task in template["dag"]["tasks"]}
        for task in template["dag"]["tasks"]:
            found: set[str] = set()
            for key, value in task.items():
                if key != "arguments":
                    if "{{" in key:
                        found.update(scan.of_string(key))
                    if type(value) is str:   # name, template, when...: no walk needed
                        if "{{" in value:
                            found.update(scan.of_string(value))
                    else:
                        scan.collect(value, found)
            for placeholder in found:
                parts = placeholder.split(".")
                kind = parts[0]
                if kind not in _KINDS:
                    continue
                if kind == "inputs":
                    if parts[1] != "parameters":
                        raise RewriteError(f"unexpected placeholder {{{{{placeholder}}}}}")
                    consumed_as_parameters.add((name, parts[2]))
                elif kind == "tasks":
                    outputs_as_parameters.add((task_templates[parts[1]], parts[4]))
                elif kind == "item":
                    raise RewriteError('the "{{item}}" placeholder is not expected outside '
                                       "task arguments")
                elif kind not in ("workflow", "pod"):
                    raise RewriteError(f"unexpected placeholder {{{{{placeholder}}}}}")
    for template in container_templates + resource_templates:
        found = set()
        scan.collect(template, found)
        for placeholder in found:
            parts = placeholder.split(".")
            kind = parts[0]
            if kind not in _KINDS or kind in ("workflow", "pod"):
                continue
            if kind == "inputs" and parts[1] == "parameters":
                consumed_as_parameters.add((template["name"], parts[2]))
            else:
                raise RewriteError(f"template `{template['name']}`: the placeholder "
                                   f"{{{{{placeholder}}}}} cannot appear in a container")

    # 3. Propagate consumption upstream to the producers.
    inputs_as_parameters: set[tuple[str, str]] = set()
    inputs_as_artifacts: set[tuple[str, str]] = set()
    outputs_params: set[tuple[str, str]] = set()
    outputs_artifacts: set[tuple[str, str]] = set()

    def mark_input(start: tuple[str, str], inputs: set, outputs: set) -> None:
        stack = [start]
        while stack:
            item = stack.pop()
            if item in inputs:
                continue
            inputs.add(item)
            stack.extend(input_to_dag_inputs.get(item, ()))
            outputs.update(input_to_task_outputs.get(item, ()))

    for item in consumed_as_parameters:
        mark_input(item, inputs_as_parameters, outputs_params)
    for item in consumed_as_artifacts:
        mark_input(item, inputs_as_artifacts, outputs_artifacts)
    outputs_params.update(outputs_as_parameters)

    # 4. Convert inputs, outputs and arguments by how they are consumed downstream.
    for template in dag_templates:
        inputs = template.get("inputs", {})
        input_artifacts = inputs.setdefault("artifacts", [])
        for parameter in inputs.get("parameters", ()):
            if (template["name"], parameter["name"]) in inputs_as_artifacts:
                input_artifacts.append({"name": parameter["name"]})
        outputs = template.get("outputs", {})
        output_artifacts = outputs.setdefault("artifacts", [])
        for parameter in outputs.get("parameters", ()):
            if (template["name"], parameter["name"]) in outputs_artifacts:
                output_artifacts.append({
                    "name": parameter["name"],
                    "from": parameter["valueFrom"]["parameter"].replace(".parameters.",
                                                                        ".artifacts.")})
        for task in template.get("dag", {}).get("tasks", ()):
            arguments = task.get("arguments", {})
            artifact_arguments = arguments.setdefault("artifacts", [])
            for parameter in arguments.get("parameters", ()):
                input_name = parameter["name"]
                if (task["template"], input_name) not in inputs_as_artifacts:
                    continue
                value = parameter["value"]
                parts = _single_placeholder(value)
                if parts and parts[0] in ("inputs", "tasks") and not (
                        parts[0] == "tasks" and parts[1] in resource_template_names):
                    artifact_arguments.append({
                        "name": input_name,
                        "from": value.replace(".parameters.", ".artifacts.")})
                else:
                    artifact_arguments.append({"name": input_name, "raw": {"data": value}})

    for template in container_templates + dag_templates:
        inputs = template.get("inputs", {})
        inputs["parameters"] = [p for p in inputs.get("parameters", ())
                                if (template["name"], p["name"]) in inputs_as_parameters]
    for template in container_templates + dag_templates:
        outputs = template.get("outputs", {})
        outputs["parameters"] = [p for p in outputs.get("parameters", ())
                                 if (template["name"], p["name"]) in outputs_params]
    for template in dag_templates:
        for task in template.get("dag", {}).get("tasks", ()):
            arguments = task.get("arguments", {})
            arguments["parameters"] = [p for p in arguments.get("parameters", ())
                                       if (task["template"], p["name"]) in inputs_as_parameters]

    spec = workflow["spec"]
    entrypoint = spec["entrypoint"]
    workflow_arguments = spec["arguments"]
    artifact_arguments = workflow_arguments.get("artifacts", [])
    for parameter in workflow_arguments.get("parameters", ()):
        if (entrypoint, parameter["name"]) in inputs_as_artifacts:
            artifact_arguments.append({
                "name": parameter["name"],
                "raw": {"data": "{{workflow.parameters." + parameter["name"] + "}}"}})
    if artifact_arguments:
        workflow_arguments["artifacts"] = artifact_arguments
    _clean_up(templates)
    return workflow


def _drop_empty(d: dict, keys: Iterable[str]) -> None:
    for key in keys:
        if not d.setdefault(key, []):
            del d[key]


def _clean_up(templates: list[dict]) -> None:
    """``clean_up_empty_workflow_structures``: the same setdefault/del dance, so that the
    keys that survive keep kfp's order."""
    for template in templates:
        inputs = template.setdefault("inputs", {})
        _drop_empty(inputs, ("parameters", "artifacts"))
        if not inputs:
            del template["inputs"]
        outputs = template.setdefault("outputs", {})
        _drop_empty(outputs, ("parameters", "artifacts"))
        if not outputs:
            del template["outputs"]
        if "dag" in template:
            for task in template["dag"].get("tasks", ()):
                arguments = task.setdefault("arguments", {})
                _drop_empty(arguments, ("parameters", "artifacts"))
                if not arguments:
                    del task["arguments"]
