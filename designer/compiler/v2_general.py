"""The KFP 2 compiler's general path: any pipeline the IR holds (artifacts, container and
YAML components, conditions, loops, exit handlers, expressions, task settings, the
kfp-kubernetes platform spec). ``v2.compile_v2`` sends plain pipelines (parameters and
function components only) to its fast writer and everything else here.

The spec is built as kfp builds it (``v2_dag``), then written as
``yaml.dump_all([pipeline_spec, platform_spec], sort_keys=True)`` after kfp's comment
header, by ``v2_yaml``'s writer; a task's component and executor blocks are marked for the
source map, and so is each group's task entry and component.
"""
from __future__ import annotations

import re
from typing import Any

from designer.ir import Pipeline, Task

from . import v2_dag, v2_spec, v2_yaml
from .source_map import Compiled, Marked, Marks
from .v2_channels import ArtifactChannel, Channel, Collected
from .v2_components import ComponentV2
from .v2_types import (COMMENT_TYPE, V2TypeError, comment_default, struct_parameter_type,
                       yaml_readable_comment)
from .v2_yaml import Prerendered

SCHEMA_VERSION = "2.1.0"


def _task_names(tasks: list[Task], comps: dict[str, ComponentV2]) -> dict[str, str]:
    from .v2 import _task_names as names
    return names(tasks, {cid: c.k8s_name for cid, c in comps.items()})


def build_spec(pipeline: Pipeline, tasks: list[Task], comps: dict[str, ComponentV2],
               marked: bool = True) -> tuple[v2_spec.Spec, dict, dict, dict, dict]:
    """(spec, root parameters, root artifacts, pipeline outputs' channels, parameter ports):
    ``create_pipeline_spec`` of a pipeline (top-level, or a sub-pipeline compiled on its own);
    ``marked``: the root's inputs carry source-map marks."""
    from .v2 import _root_params
    root_params, param_ports, root_artifacts = _root_params(pipeline)
    names = _task_names(tasks, comps)
    model = v2_dag.build(pipeline, tasks, names, comps, param_ports)
    v2_dag.final_status_check(model)
    outputs = _pipeline_outputs(pipeline, model)

    def mark(entries: dict) -> dict:
        return {p: Marked(e, [("params", p, 0)]) if marked else e for p, e in entries.items()}

    root: dict = {}
    if root_params or root_artifacts:
        root["inputDefinitions"] = {}
    if root_artifacts:
        root["inputDefinitions"]["artifacts"] = mark(root_artifacts)
    if root_params:
        root["inputDefinitions"]["parameters"] = mark(root_params)
    out_defs = _output_definitions(outputs, pipeline.output_descriptions)
    if out_defs:
        root["outputDefinitions"] = out_defs
    spec = v2_spec.compile_spec(model, root, outputs)
    return spec, root_params, root_artifacts, outputs, param_ports


def compile_general(pipeline: Pipeline, name: str, tasks: list[Task], version: str,
                    comps: dict[str, ComponentV2]) -> Compiled:
    spec, root_params, root_artifacts, _outputs, _ports = build_spec(pipeline, tasks, comps)

    components = {}
    for cname, comp in spec.components.items():
        task = spec.task_comps.get(cname)
        group = spec.group_comps.get(cname)
        if task is not None:
            marks = [("tasks", task.ir.id, 1), ("components", task.ir.component_id, 0)]
            label = comp.get("executorLabel")
            if label is None:             # a sub-pipeline's: its DAG
                comp = Marked(comp, marks)
            elif v2_yaml.is_plain(label):   # the component's text, rendered once
                text = f"\n    executorLabel: {label}" + (
                    "\n" + task.comp.spec_text if task.comp.spec_text else "")
                comp = Prerendered(comp, text, 4, marks)
            else:
                comp = Marked(comp, marks)
        elif group is not None and group.ir_id:
            comp = Marked(comp, [("groups", group.ir_id, 1)])
        elif cname in spec.folded:      # a sub-pipeline's part: its task's lines too
            comp = Marked(comp, [("tasks", spec.folded[cname].ir.id, 3)])
        components[cname] = comp
    executors = {}
    for label, body in spec.executors.items():
        task = spec.task_comps.get(label)
        if task is None:        # folded in from a sub-pipeline
            outer = spec.folded.get(label)
            executors[label] = Marked(body, [("tasks", outer.ir.id, 3)]) if outer else body
            continue
        marks = [("tasks", task.ir.id, 2), ("components", task.ir.component_id, 0)]
        if body is task.comp.executor:   # no settings of its own: the rendered text
            executors[label] = Prerendered(body, "\n" + task.comp.executor_text, 6, marks)
        else:
            executors[label] = Marked(body, marks)
    info: dict = {"name": name}
    if pipeline.description:
        info["description"] = pipeline.description
    if pipeline.display_name:
        info["displayName"] = pipeline.display_name
    doc: dict = {"pipelineInfo": info, "root": spec.root, "schemaVersion": SCHEMA_VERSION,
                 "sdkVersion": f"kfp-{version}"}
    if pipeline.pipeline_root:   # (kfp 2.17.3 sets it only when truthy)
        doc["defaultPipelineRoot"] = pipeline.pipeline_root
    if components:
        doc["components"] = components
    if executors:
        doc["deploymentSpec"] = {"executors": executors}
    platform = _platform(pipeline, spec.platform)
    header_lines: dict[str, tuple[int, int]] = {}
    header = _header(name, pipeline.description or None, root_params, root_artifacts,
                     spec.root.get("outputDefinitions", {}), header_lines)
    marks = Marks()
    out = [header]
    v2_yaml.write_mapping(doc, 0, out, marks)
    del out[1]   # the header ends its line: no line break before the first key
    marks.spans = [(s - 1, e - 1, m) for s, e, m in marks.spans]
    if platform:
        out.append("\n---")
        v2_yaml.write_mapping(platform, 0, out, marks)
    out.append("\n")
    compiled = marks.resolve(out)
    params = compiled.source_map.params
    for pname, rng in header_lines.items():
        params[pname] = [rng, *params.get(pname, [])]
    return compiled


def _pipeline_outputs(pipeline: Pipeline, model: v2_dag.Model) -> dict[str, Any]:
    if not pipeline.outputs:
        return {}
    builder = model.builder
    out = {}
    for key, arg in pipeline.outputs.items():
        value = builder._value(arg, f"pipeline output `{key}`")
        if not isinstance(value, Channel):
            raise V2TypeError(f"pipeline output `{key}` is not a task output")
        out[key] = value
    return out


def _output_definitions(outputs: dict[str, Channel], descriptions: dict[str, str]) -> dict:
    """The pipeline's outputs, typed as what they return (the IR keeps no return
    annotation: a pipeline that declares a wider type than it returns is not exact),
    with their descriptions."""
    params, arts = {}, {}
    for key, c in outputs.items():
        entry = {"description": descriptions[key]} if descriptions.get(key) else {}
        if isinstance(c, ArtifactChannel) or (isinstance(c, Collected) and c.is_artifact_channel):
            title, version = str(c.channel_type).split("@")
            entry["artifactType"] = {"schemaTitle": title, "schemaVersion": version}
            if getattr(c, "is_artifact_list", False):
                entry["isArtifactList"] = True
            arts[key] = entry
        else:
            ptype = "LIST" if isinstance(c, Collected) else struct_parameter_type(
                str(c.channel_type))
            entry["parameterType"] = ptype
            params[key] = entry
    out = {}
    if arts:
        out["artifacts"] = arts
    if params:
        out["parameters"] = params
    return out


def _platform(pipeline: Pipeline, executors: dict[str, dict]) -> dict | None:
    """The platform spec document: kfp-kubernetes' executor configs and the pipeline
    config (``_merge_pipeline_config``)."""
    conf = pipeline.conf
    unsupported = [f for f in conf.changed()
                   if f not in ("ttl_seconds_after_finished", "timeout")]
    if unsupported:
        raise V2TypeError(f"the pipeline sets {unsupported[0].replace('_', ' ')}, which kfp 2 "
                          "has no pipeline setting for")
    kubernetes: dict = {}
    config: dict = {}
    if conf.ttl_seconds_after_finished is not None and conf.ttl_seconds_after_finished > 0:
        config["resourceTtlOnCompletion"] = int(conf.ttl_seconds_after_finished)
    if conf.timeout is not None and conf.timeout > 0:
        config["activeDeadlineSeconds"] = int(conf.timeout)
    if config:
        kubernetes["pipelineConfig"] = config
    if executors:
        kubernetes["deploymentSpec"] = {"executors": executors}
    return {"platforms": {"kubernetes": kubernetes}} if kubernetes else None


def _header(name: str, description: str | None, root_params: dict, root_artifacts: dict,
            out_defs: dict, where: dict[str, tuple[int, int]]) -> str:
    """``extract_comments_from_pipeline_spec``; ``where`` gets each parameter's lines."""
    lines = ["# PIPELINE DEFINITION", f"# Name: {name}"]
    if description:
        lines.append("# Description: " + "\n#              ".join(description.splitlines()))

    def section(title: str, params: dict, arts: dict, record: bool) -> None:
        if not params and not arts and title == "# Inputs:":
            return
        lines.append(title)
        rows = []
        for pname, entry in params.items():
            text = f"#    {pname}: {COMMENT_TYPE.get(entry.get('parameterType'), '')}"
            if "defaultValue" in entry:
                text += f" [Default: {comment_default(entry['defaultValue'])}]"
            rows.append((pname, text))
        for aname, entry in arts.items():
            rows.append((aname, f"#    {aname}: {entry['artifactType']['schemaTitle']}"))
        for pname, text in sorted(rows, key=lambda r: r[0]):
            first = sum(line.count("\n") + 1 for line in lines) + 1
            lines.append(re.sub(r"\r\n|[\r\n\x85\u2028\u2029]", "\n#    ", text))
            if record:
                where[pname] = (first, first + lines[-1].count("\n"))

    if root_params or root_artifacts:
        section("# Inputs:", root_params, root_artifacts, True)
    if out_defs:
        section("# Outputs:", out_defs.get("parameters", {}), out_defs.get("artifacts", {}),
                False)
    return yaml_readable_comment("\n".join(lines)) + "\n"
