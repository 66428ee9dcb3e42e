"""IR -> KFP 2 PipelineSpec YAML, as ``kfp.compiler.Compiler().compile`` (2.17.3) writes it.

What kfp 2 does, and so what this does:
- each task gets a name from its component (``Print and return number`` ->
  ``print-and-return-number``, then ``-2``, ``-3``... in creation order), and its
  own ``comp-<task>`` component and ``exec-<task>`` executor, even when two tasks
  share a function;
- every number is a protobuf double (``3`` is written ``3.0``), dict keys sorted;
- the file is a comment header plus ``yaml.dump_all([spec, platform spec], sort_keys=True)``.
Two writers: plain pipelines (function components passing parameters, nothing in
``designer.ir.features``) go through ``_compile`` here, which writes each component's text
once and reuses it for each of its tasks; everything else (artifacts, container and YAML
components, conditions, loops, exit handlers, expressions, settings, kfp-kubernetes) goes
through ``v2_general``, which builds the spec as kfp's compiler does (``v2_dag``,
``v2_graph``, ``v2_spec``, ``v2_settings``, ``v2_components``). ``SUPPORTED`` lists the IR
features written exactly; the rest is refused with the reason.
"""
from __future__ import annotations

import graphlib
import re
from typing import Mapping

from designer.ir import Component, Constant, InputError, OutputRef, ParamRef, Pipeline, Task, errors
from designer.ir.components import ContainerComponent
from designer.ir.features import Use
from designer.ir.naming import UniqueNames, sanitize_k8s_name
from designer.ir.settings import TaskSettings
from designer.ir.signature import VALUE
from designer.ir.validate import Code
from designer.ir.subpipeline import PipelineComponent
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import VolumeComponent

from . import v2_yaml
from .guard import KFP2_ABSENT as ABSENT
from .guard import refuse_unsupported
from .python_body import in_writing_order
from .source_map import Compiled, Mark, Marked, Marks
from .v2_components import (
    TASK_FINAL_STATUS,
    ComponentV2,
    Port,
    artifact_annotation,
    component_name,
    container_component,
    function_component,
)
from .v2_executor import DEFAULT_KFP_VERSION
from .v2_volumes import volume_component
from .v2_types import (
    COMMENT_TYPE,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    V2TypeError,
    comment_default,
    constant_type,
    default_json,
    parameter_type,
    to_json,
    type_struct,
    yaml_readable_comment,
)

SCHEMA_VERSION = "2.1.0"
# IR features (designer.ir.features) this compiler writes exactly as kfp 2 does (each has a
# golden from kfp 2.17.3: tests/golden/features_v2). Not here: kfp 1 ContainerOps
# (container:op: kfp 2 has none), kfp 1's max_cache_staleness, and the kfp 1 pipeline conf
# fields without a kfp 2 equivalent (parallelism, image pull secrets, default node
# selector, image pull policy).
SUPPORTED: frozenset[str] = frozenset({
    "container", "container:spec", "container:v2", "port:path", "port:artifact",
    "volume:create", "volume:delete", "importer",
    "group:condition", "group:if", "group:loop", "group:exit_handler",
    "arg:loop_item", "arg:run_placeholder", "arg:concat", "arg:collected", "arg:one_of",
    "pipeline:display_name", "pipeline:outputs", "pipeline:root", "subpipeline",
    "component:kfp_package_path", "component:pip_index_urls", "component:target_image",
    "conf:ttl_seconds_after_finished", "conf:timeout",
    *(f"setting:{name}" for name in (
        "display_name", "enable_caching", "retry", "timeout", "cpu_request", "cpu_limit",
        "memory_request", "memory_limit", "accelerator_type", "accelerator_limit",
        "node_selector", "tolerations", "env", "volumes", "pod_labels", "pod_annotations",
        "image_pull_policy", "image_pull_secrets", "ignore_upstream_failure", "node_affinity",
        "node_selector_json", "security_context",
        # (the order kfp 1 writes resources in: kfp 2 writes them as fields of a message)
        "resource_order")),
})
_PIPELINE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,127}$")
# kfp makes a "pipeline channel" of every pipeline parameter and task output; their names
# must match this.
_CHANNEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\s_-]*$")


def _task_names(order: list[Task], component_names: Mapping[str, str]) -> dict[str, str]:
    """Task id -> kfp task name: its component's k8s name (``component_names`` by component
    id), made unique with ``-2``, ``-3``... in creation order, as kfp registers them."""
    unique = UniqueNames()
    return {t.id: unique.add(component_names.get(t.component_id) or "task") for t in order}


def task_names(pipeline: Pipeline) -> dict[str, str]:
    """Task id -> the name kfp 2 gives the task (``root.dag.tasks.<name>``, and its
    ``comp-<name>``/``exec-<name>``). Raises InputError on a cycle of tasks."""
    try:
        order = pipeline.topological_tasks()
    except graphlib.CycleError:
        raise _fail("the tasks form a cycle") from None
    return _task_names(order, {c.id: _k8s_name(c) for c in pipeline.components})


_KFP_CHECKED = frozenset({Code.TYPE_MISMATCH, Code.CONSTANT_TYPE, Code.MISSING_INPUT})


_DEFAULT_SETTINGS = TaskSettings()
_PLAIN_ARGS = (Constant, ParamRef, OutputRef)


def _plain(pipeline: Pipeline) -> bool:
    """Function components passing parameters and nothing else (no feature of
    ``designer.ir.features``, no ``PipelineTaskFinalStatus``): the fast writer's world.
    (``features.uses`` says the same, several times slower: this runs on every preview.)"""
    if pipeline.groups or pipeline.outputs or pipeline.display_name or pipeline.pipeline_root or \
            not pipeline.conf.is_default() or any(
                artifact_annotation(p.annotation) or (p.annotation or "").rsplit(".", 1)[-1]
                == "PipelineTaskFinalStatus" for p in pipeline.params):
        return False
    for c in pipeline.components:
        if not isinstance(c, Component):
            return False
        for port in c.signature.inputs:
            if port.passing != VALUE or port.type == "PipelineTaskFinalStatus" or \
                    (port.annotation or "").rsplit(".", 1)[-1] == "PipelineTaskFinalStatus":
                return False
        if any(port.passing != VALUE for port in c.signature.outputs):
            return False
    return all(t.settings == _DEFAULT_SETTINGS and all(
        type(a) in _PLAIN_ARGS for a in t.arguments.values()) for t in pipeline.tasks)


def _k8s_name(comp) -> str:
    """The name kfp 2 makes task names from: the function's (``Print it`` -> ``print-it``),
    or a component YAML's ``name`` as written."""
    if isinstance(comp, ImporterComponent):
        return comp.kfp_name
    if isinstance(comp, ContainerComponent) and comp.origin == "spec" or isinstance(
            comp, PipelineComponent):   # (a pipeline: its name, or its function's made one)
        return sanitize_k8s_name(comp.name)
    return component_name(comp.python_name)


def _root_params(pipeline: Pipeline) -> tuple[dict, dict[str, Port], dict]:
    """(``root.inputDefinitions.parameters``, every pipeline input as a port,
    ``root.inputDefinitions.artifacts``: kfp 2 lets a pipeline take artifacts, which
    only a pipeline used inside another can be given)."""
    params, ports, artifacts = {}, {}, {}
    for p in pipeline.params:
        where = f"pipeline parameter `{p.name}`"
        if p.name == "Output":
            raise V2TypeError(f'{where}: "Output" is an invalid parameter name in kfp 2')
        if not _CHANNEL_NAME.match(p.name):
            raise V2TypeError(f"{where}: kfp 2 allows only letters, digits, spaces, '_' and "
                              "'-' here, starting with a letter")
        if (p.annotation or "").strip().rsplit(".", 1)[-1] == "PipelineTaskFinalStatus":
            # (kfp 2 fills it when the pipeline is an exit task: v2_spec._exit_handlers)
            params[p.name] = {"isOptional": True, "parameterType": "TASK_FINAL_STATUS"}
            ports[p.name] = Port(p.name, "PipelineTaskFinalStatus", TASK_FINAL_STATUS,
                                 optional=True)
            continue
        artifact = artifact_annotation(p.annotation)
        if artifact is not None:
            bundled, is_list = artifact
            if p.has_default and p.default is not None:
                raise V2TypeError(f"{where}: Optional Input artifacts may only have default "
                                  f"value None. Got: {p.default}.")
            title, version = bundled.split("@")
            entry: dict = {"artifactType": {"schemaTitle": title, "schemaVersion": version}}
            if is_list:
                entry["isArtifactList"] = True
            if p.has_default:
                entry["isOptional"] = True
            if p.description:
                entry["description"] = p.description
            artifacts[p.name] = entry
            ports[p.name] = Port(p.name, bundled, None, is_list, optional=p.has_default,
                                 description=p.description)
            continue
        ptype = parameter_type(p.annotation, is_input=True, what=where)
        entry = {"parameterType": ptype}
        default = None
        if p.has_default:
            entry["isOptional"] = True
            if p.default is not None:
                default = entry["defaultValue"] = default_json(p.default, ptype, where)
        if p.description:
            entry["description"] = p.description
        params[p.name] = entry
        text = re.sub(r"^(?:typing\.)?Optional\[(.*)\]$", r"\1", (p.annotation or "").strip())
        ports[p.name] = Port(p.name, type_struct(text), ptype, optional=p.has_default,
                             default=default, description=p.description)
    return params, ports, artifacts


def _components(pipeline: Pipeline, tasks: list[Task], version: str) -> dict[str, ComponentV2]:
    """Every component a task uses (kfp never sees the others), rendered once."""
    compiled: dict[str, ComponentV2] = {}
    used = {t.component_id for t in tasks}
    for comp in pipeline.components:
        if comp.id not in used:
            continue
        try:
            if isinstance(comp, ContainerComponent):
                compiled[comp.id] = container_component(comp)
            elif isinstance(comp, VolumeComponent):
                compiled[comp.id] = volume_component(comp)
            elif isinstance(comp, ImporterComponent):
                from .v2_importer import importer_component
                compiled[comp.id] = importer_component(comp)
            elif isinstance(comp, PipelineComponent):
                from .v2_subpipeline import pipeline_component
                compiled[comp.id] = pipeline_component(comp, _k8s_name(comp), version)
            else:
                compiled[comp.id] = function_component(
                    comp.source, comp.base_image, tuple(comp.packages_to_install), version,
                    comp.kfp_package_path, tuple(comp.pip_index_urls), comp.target_image)
        except V2TypeError as e:
            error = V2TypeError(f"component `{comp.python_name}`: {e}")
            error.use = Use("component", f"component `{comp.python_name}`",  # type: ignore
                            component_id=comp.id)
            raise error from None
    return compiled


def _check_importer_tasks(pipeline: Pipeline, tasks: list[Task]) -> None:
    importers = {c.id for c in pipeline.components if isinstance(c, ImporterComponent)}
    if not importers:
        return
    from .v2_importer import check_task
    for t in tasks:
        if t.component_id in importers:
            try:
                check_task(t)
            except V2TypeError as e:
                e.use = Use("task", f"task `{t.name}`", task_id=t.id)  # type: ignore
                raise


def _fail(message: str) -> InputError:
    return InputError(f"cannot compile for KFP 2: {message}")


def _pipeline_name(pipeline: Pipeline) -> str:
    name = sanitize_k8s_name(pipeline.name)
    if not _PIPELINE_NAME.match(name):
        raise _fail(f"the pipeline name {pipeline.name!r} gives {name!r}, which kfp 2 rejects "
                    "(it needs 1-128 of a-z, 0-9 and '-', starting with a letter or digit)")
    return name


def _task_inputs(task: Task, comp: ComponentV2, names: dict[str, str], compiled: dict,
                 by_id: dict[str, Task], param_types: dict[str, str]) -> dict:
    params = {}
    for input_name, arg in task.arguments.items():
        expected = comp.input_types[input_name]
        where = f"task `{task.name}`, input `{input_name}`"
        if isinstance(arg, ParamRef):
            given, value = param_types[arg.name], {"componentInputParameter": arg.name}
        elif isinstance(arg, OutputRef):
            given = compiled[by_id[arg.task_id].component_id].output_types[arg.output]
            value = {"taskOutputParameter": {"outputParameterKey": arg.output,
                                             "producerTask": names[arg.task_id]}}
        else:
            given = constant_type(arg.value)
            value = {"runtimeValue": {"constant": to_json(arg.value, where)}}
        if given != expected:
            hint = (" (write a float constant as 1.0)"
                    if expected == NUMBER_DOUBLE and given == NUMBER_INTEGER else "")
            raise V2TypeError(f"{where} expects {COMMENT_TYPE[expected]}, but is given "
                              f"{COMMENT_TYPE.get(given) or type(arg.value).__name__}; kfp 2 "
                              f"requires the same type{hint}")
        params[input_name] = value
    return {"parameters": params} if params else {}


def _header(name: str, description: str | None, root_params: dict,
            where: dict[str, tuple[int, int]] | None = None) -> str:
    """The comment header; ``where`` gets the lines of each parameter's entry."""
    lines = ["# PIPELINE DEFINITION", f"# Name: {name}"]
    if description:
        lines.append("# Description: " + "\n#              ".join(description.splitlines()))
    if root_params:
        lines.append("# Inputs:")
        for pname in sorted(root_params):
            first = sum(line.count("\n") + 1 for line in lines) + 1
            entry = root_params[pname]
            line = f"#    {pname}: {COMMENT_TYPE[entry['parameterType']]}"
            if "defaultValue" in entry:
                line += f" [Default: {comment_default(entry['defaultValue'])}]"
            # kfp writes a default's line breaks raw, which ends the comment and breaks
            # the YAML; keep every line of the header a comment instead.
            lines.append(re.sub(r"\r\n|[\r\n\x85\u2028\u2029]", "\n#    ", line))
            if where is not None:
                where[pname] = (first, first + lines[-1].count("\n"))
    # kfp also writes control characters raw, which no YAML reader accepts (not even in a
    # comment): escape them (lines stay lines), so the file stays what it says it is.
    return yaml_readable_comment("\n".join(lines)) + "\n"




def compile_v2(pipeline: Pipeline, *, kfp_version: str | None = None,
               with_source_map: bool = False) -> str | Compiled:
    """The KFP 2 PipelineSpec YAML of ``pipeline``; raises InputError when kfp 2 would
    refuse it (or the pipeline has errors). ``with_source_map``: return
    ``Compiled(text, source_map)`` (``source_map.py``)."""
    pipeline = in_writing_order(pipeline)
    version = kfp_version or DEFAULT_KFP_VERSION
    used = {t.component_id for t in pipeline.tasks}
    op = next((c for c in pipeline.components if c.id in used and
               isinstance(c, ContainerComponent) and c.origin == "op"), None)
    if op is not None:   # (not "yet": kfp 2 has no ContainerOp)
        error = _fail(f"component `{op.python_name}` is a kfp 1 dsl.ContainerOp, which kfp 2 "
                      "does not have (write it as a @dsl.container_component or load it as "
                      "component YAML)")
        error.use = Use("op", f"component `{op.python_name}`",  # type: ignore
                        component_id=op.id)
        raise error
    refuse_unsupported(pipeline, SUPPORTED, "cannot compile for KFP 2", ABSENT)
    problems = errors(pipeline)
    general = not _plain(pipeline)
    if general:   # kfp's own type and argument checks run instead (v2_dag), with its words
        problems = [d for d in problems if d.code not in _KFP_CHECKED and not (
            d.code == Code.SUBPIPELINE and d.args.get("code") in _KFP_CHECKED)]
    if problems:
        raise _fail("; ".join(d.message for d in problems[:5]))
    name = _pipeline_name(pipeline)
    tasks = pipeline.topological_tasks()
    if not tasks:
        raise _fail("the pipeline has no tasks (kfp 2: 'Task is missing from pipeline.')")
    try:
        _check_importer_tasks(pipeline, tasks)
        comps = _components(pipeline, tasks, version)
        if not general and all(c.is_plain for c in comps.values()):
            compiled = _compile(pipeline, name, tasks, version, comps)
        else:
            from .v2_general import compile_general
            compiled = compile_general(pipeline, name, tasks, version, comps)
        return compiled if with_source_map else compiled.text
    except V2TypeError as e:
        error = _fail(str(e))
        error.use = getattr(e, "use", None)   # type: ignore  (for the caller's file lines)
        raise error from None


def _compile(pipeline: Pipeline, name: str, tasks: list[Task], version: str,
             compiled: dict[str, ComponentV2]) -> Compiled:
    """Parameters and function components only: the text of each component is rendered
    once and written for each of its tasks."""
    root_params, _ports, _artifacts = _root_params(pipeline)
    param_types = {p: e["parameterType"] for p, e in root_params.items()}

    names = _task_names(tasks, {cid: c.k8s_name for cid, c in compiled.items()})

    by_id = {t.id: t for t in tasks}
    task_of = {names[t.id]: t for t in tasks}
    task_blocks: dict[str, dict] = {}
    for task in tasks:
        tname = names[task.id]
        block: dict = {"cachingOptions": {"enableCache": True},
                       "componentRef": {"name": "comp-" + tname}}
        deps = sorted({names[u] for u in task.upstream_ids() if u in names})
        if deps:
            block["dependentTasks"] = deps
        inputs = _task_inputs(task, compiled[task.component_id], names, compiled, by_id,
                              param_types)
        if inputs:
            block["inputs"] = inputs
        block["taskInfo"] = {"name": tname}
        task_blocks[tname] = Marked(block, [("tasks", task.id, 0)])

    by_name = {names[t.id]: compiled[t.component_id] for t in tasks}
    description = pipeline.description or None
    root: dict = {"dag": {"tasks": task_blocks}}
    if root_params:
        root["inputDefinitions"] = {"parameters": {
            p: Marked(entry, [("params", p, 0)]) for p, entry in root_params.items()}}
    info = {"name": name}
    if description:
        info["description"] = description
    tail = {"pipelineInfo": info, "root": root, "schemaVersion": SCHEMA_VERSION,
            "sdkVersion": f"kfp-{version}"}
    header_lines: dict[str, tuple[int, int]] = {}
    header = _header(name, description, root_params, header_lines)

    order = sorted(by_name)
    marks = Marks()

    def comp_marks(n: str, rank: int) -> list[Mark]:
        return [("tasks", task_of[n].id, rank), ("components", task_of[n].component_id, 0)]

    if any(len(n) + 5 > v2_yaml.MAX_SIMPLE_KEY for n in order):
        # Keys this long are written as YAML "complex keys"; take the general path.
        out = [header]
        v2_yaml.write_mapping({
            "components": {f"comp-{n}": Marked({"executorLabel": f"exec-{n}",
                                                **by_name[n].spec}, comp_marks(n, 1))
                           for n in order},
            "deploymentSpec": {"executors": {
                f"exec-{n}": Marked(by_name[n].executor, comp_marks(n, 2)) for n in order}},
            **tail}, 0, out, marks)
        del out[1]   # the header ends its line: no line break before the first key
        marks.spans = [(s - 1, e - 1, m) for s, e, m in marks.spans]
        out.append("\n")
        return _with_header_map(marks.resolve(out), header_lines)
    out = [header, "components:"]
    for n in order:
        c = by_name[n]
        start = len(out)
        out.append(f"\n  comp-{n}:\n    executorLabel: exec-{n}")
        if c.spec_text:
            out.append("\n" + c.spec_text)
        marks.add(start, len(out), comp_marks(n, 1))
    out.append("\ndeploymentSpec:\n  executors:")
    for n in order:
        out.append(f"\n    exec-{n}:\n" + by_name[n].executor_text)
        marks.add(len(out) - 1, len(out), comp_marks(n, 2))
    if not all(v2_yaml.is_plain(n) for n in order):  # e.g. a task named "yes" or "1"
        v2_yaml.write_mapping(tail, 0, out, marks)
        out.append("\n")
        return _with_header_map(marks.resolve(out), header_lines)
    out.append("\n" + v2_yaml.render_mapping({"pipelineInfo": info}, 0))
    out.append("\nroot:\n  dag:\n    tasks:")
    for n in order:
        out.append(_task_text(n, task_blocks[n]))
        marks.add(len(out) - 1, len(out), task_blocks[n].marks)
    rest = {k: v for k, v in root.items() if k != "dag"}
    if rest:
        v2_yaml.write_mapping(rest, 2, out, marks)
    out.append(f"\nschemaVersion: {SCHEMA_VERSION}\n" + v2_yaml.render_value(
        "sdkVersion", tail["sdkVersion"], 0) + "\n")
    return _with_header_map(marks.resolve(out), header_lines)


def _with_header_map(compiled: Compiled, header_lines: dict[str, tuple[int, int]]) -> Compiled:
    """The parameters' header lines come first in their lists (text order)."""
    params = compiled.source_map.params
    for pname, rng in header_lines.items():
        params[pname] = [rng, *params.get(pname, [])]
    return compiled


def _task_text(name: str, block: dict) -> str:
    """One task under ``root.dag.tasks``, as the general writer would write it, with
    the fixed parts spelled out (``name`` and its dependencies are plain scalars)."""
    text = (f"\n      {name}:\n        cachingOptions:\n          enableCache: true"
            f"\n        componentRef:\n          name: comp-{name}")
    if "dependentTasks" in block:
        text += "\n        dependentTasks:" + "".join(
            f"\n        - {d}" for d in block["dependentTasks"])
    if "inputs" in block:
        text += ("\n        inputs:\n          parameters:\n"
                 + v2_yaml.render_mapping(block["inputs"]["parameters"], 12))
    return text + f"\n        taskInfo:\n          name: {name}"
