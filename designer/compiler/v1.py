"""IR -> KFP v1 Argo workflow YAML, byte-identical to ``kfp.compiler.Compiler().compile`` (1.8.9).

The workflow is built the way kfp 1.8.9 builds it, in the same steps:

1. ``v1_ops``: the ops and the group tree the pipeline function would have made (component
   specs from ``v1_program`` / ``v1_spec``, the component bridge, settings from
   ``v1_settings``), names from kfp's counters;
2. kfp's default op transformers (SDK pod labels), then ``v1_dag``: which parameters cross
   which group border, who depends on whom, one DAG template per group; ``v1_template``:
   one template per op;
3. the workflow (pipeline template named uniquely against the others, ``PipelineConf``);
4. ``v1_rewriter``: kfp's ``fix_big_data_passing`` (file data as artifacts, unused
   parameters pruned);
5. the annotations, then ``yaml_emit`` writes kfp's ``dump_yaml`` bytes.

Per-component work (the embedded program, the component_spec JSON) is computed once, and
``yaml_emit`` memoises long scalars, so pipelines with many tasks of few components compile
quickly. ``SUPPORTED`` lists the IR features written exactly; anything else is refused.
"""
from __future__ import annotations

import datetime
import json
import os
from typing import Any

from designer.ir import InputError, Pipeline
from designer.ir.importer import V1_REFUSAL
from designer.ir.naming import UniqueNames, component_name, sanitize_k8s_name
from designer.ir.no_gc import no_cyclic_gc
from designer.ir.subpipeline_inline import InlineError, inline, located

from . import yaml_emit
from .guard import refuse_unsupported
from .python_body import in_writing_order
from .source_map import Compiled, Marked
from .v1_dag import Dag, DagError, GroupNode, validate_exit_handlers
from .v1_ops import Built, OpsBuilder, creation_order, kfp_component_name, op_names
from .v1_program import interface_inputs
from .v1_rewriter import RewriteError, fix_big_data_passing
from .v1_settings import PULL_POLICIES, dns_config_json
from .v1_template import KFP_VERSION, SDK_VERSION_LABEL, Op, apply_transformers, op_to_template

# IR features (designer.ir.features) this compiler writes exactly as kfp 1.8.9 does.
SUPPORTED: frozenset[str] = frozenset({
    "container", "container:op", "container:spec", "container:v2", "volume:create",
    "volume:snapshot",
    "port:path", "port:artifact",
    "group:condition", "group:loop", "group:exit_handler",
    "arg:loop_item", "arg:run_placeholder", "arg:concat",
    "setting:display_name", "setting:enable_caching", "setting:max_cache_staleness",
    "setting:retry", "setting:timeout", "setting:cpu_request", "setting:cpu_limit",
    "setting:memory_request", "setting:memory_limit", "setting:accelerator_type",
    "setting:accelerator_limit", "setting:node_selector", "setting:tolerations",
    "setting:node_affinity", "setting:pod_affinity", "setting:pod_anti_affinity",
    "setting:security_context", "setting:sidecars", "setting:other_limits",
    "setting:other_requests",
    "setting:env", "setting:volumes", "setting:pod_labels", "setting:pod_annotations",
    "setting:image_pull_policy", "setting:resource_order",
    "conf:ttl_seconds_after_finished", "conf:parallelism", "conf:timeout",
    "conf:image_pull_secrets", "conf:default_node_selector", "conf:image_pull_policy",
    "conf:dns_config", "pipeline:root",
})
# What kfp 1.8.9 itself lacks, in its words. (A sub-pipeline is written in place of its task:
# see ``_flat``.)
ABSENT: dict[str, str] = {
    "setting:image_pull_secrets": "which kfp 1.8.9 sets for the whole pipeline only "
                                  "(PipelineConf image pull secrets)",
    "setting:node_selector_json": "which kfp 1.8.9 does not have (kfp-kubernetes "
                                  "add_node_selector_json)",
    # kfp 2's component install options: kfp 1.8.9's create_component_from_func has none.
    **{f"component:{name}": "which kfp 1 does not have"
       for name in ("kfp_package_path", "pip_index_urls", "target_image")},
    # kfp 1.8.9's own words (compiler.py: "dsl.importer is not supported with v1 compiler.")
    "importer": f"which kfp 1 does not have ({V1_REFUSAL}.)",
}
# kfp 1.8.9's ``dsl.ROOT_PARAMETER_NAME``: the pipeline parameter ``pipeline_root=`` becomes.
ROOT_PARAMETER = "pipeline-root"
__all__ = ["KFP_VERSION", "SUPPORTED", "ABSENT", "compile_v1", "compile_time_now", "task_names"]


def task_names(pipeline: Pipeline) -> dict[str, str]:
    """Task id -> the name kfp 1.8.9 gives the task's op (its DAG task and template).
    Raises InputError on a cycle of tasks, as ``compile_v1`` does."""
    return op_names(creation_order(pipeline),
                    {c.id: kfp_component_name(c) for c in pipeline.components})


def compile_time_now() -> str:
    """The compilation time kfp would write: SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():  # reproducible builds: UTC, naive, like utcfromtimestamp()
        return datetime.datetime.fromtimestamp(
            int(epoch), tz=datetime.timezone.utc).replace(tzinfo=None).isoformat()
    return datetime.datetime.now().isoformat()


# --- the workflow ---
def _pipeline_spec(pipeline: Pipeline, display_name: str) -> tuple[str, list[dict[str, Any]]]:
    """(pipeline_spec annotation JSON, workflow arguments) from the pipeline's parameters."""
    docs = {p.name: p.description for p in pipeline.params}
    inputs = interface_inputs(pipeline.params, docs)
    spec: dict[str, Any] = {"name": display_name}
    if pipeline.description:  # kfp strips it (an empty one counts as none)
        spec["description"] = pipeline.description.strip()
    if inputs:
        spec["inputs"] = [i.to_struct() for i in inputs]
    arguments = []
    for i in inputs:
        arg: dict[str, Any] = {"name": sanitize_k8s_name(i.name, True)}
        if i.default is not None:
            arg["value"] = i.default
        arguments.append(Marked(arg, [("params", i.name, 0)]))
    if pipeline.pipeline_root:
        # kfp 1.8.9's compile(): a `pipeline-root` PipelineParam after the function's own
        # (an untyped input with the root as default, and a workflow argument). No parameter
        # clashes with it: theirs are Python identifiers, kept so (underscores and all).
        spec.setdefault("inputs", []).append({"default": pipeline.pipeline_root,
                                              "name": ROOT_PARAMETER})
        arguments.append({"name": ROOT_PARAMETER, "value": pipeline.pipeline_root})
    return json.dumps(spec, sort_keys=True), arguments


def _display_name(pipeline: Pipeline) -> str:
    """``@dsl.pipeline(name=...)``, else kfp's name from the function name."""
    if pipeline.name:
        return pipeline.name
    return component_name(pipeline.python_function_name())


def _mark_task(task: dict, sub: Any) -> dict:
    if isinstance(sub, Op):
        return Marked(task, [("tasks", sub.task_id, 0)])
    if isinstance(sub, GroupNode) and sub.source_id is not None:
        return Marked(task, [("groups", sub.source_id, 0)])
    return task


def _templates(built: Built, marked: bool) -> tuple[list[dict[str, Any]], str]:
    """All templates (DAGs then ops, as kfp lists them before sorting) and the temporary
    name of the pipeline's own DAG template. ``marked``: templates and DAG tasks are
    ``Marked`` for the source map (a copy of each: only when a map is wanted)."""
    root = built.root
    root.name = "\x00pipeline"          # kfp uses a random hex name until the end
    dag = Dag(root, built.ops)
    templates: list[dict[str, Any]] = []
    for group in dag.groups.values():
        if not marked:
            templates.append(dag.template(group))
            continue
        template = dag.template(group, _mark_task)
        if group.source_id is not None:
            template = Marked(template, [("groups", group.source_id, 1)])
        templates.append(template)
    labels: dict[tuple, yaml_emit.Shared] = {}
    for op in built.ops.values():
        template = op_to_template(op)
        metadata = template.get("metadata")
        if metadata and "labels" in metadata:  # one object per distinct label set
            key = tuple(metadata["labels"].items())
            metadata["labels"] = labels.setdefault(key, yaml_emit.Shared(metadata["labels"]))
        templates.append(Marked(template, [("tasks", op.task_id, 1),
                                           ("components", op.component_id, 0)])
                         if marked else template)
    return templates, root.name


def _apply_conf(pipeline: Pipeline, spec: dict[str, Any]) -> None:
    conf = pipeline.conf
    if conf.parallelism is not None:
        if conf.parallelism < 1:
            raise InputError("Pipeline max_num_pods set to < 1, allowed values are > 0")
        spec["parallelism"] = conf.parallelism
    if conf.ttl_seconds_after_finished is not None and conf.ttl_seconds_after_finished >= 0:
        spec["ttlSecondsAfterFinished"] = conf.ttl_seconds_after_finished
    if conf.image_pull_secrets:
        spec["imagePullSecrets"] = [{"name": name} for name in conf.image_pull_secrets]
    if conf.timeout:
        spec["activeDeadlineSeconds"] = conf.timeout


def compile_v1(pipeline: Pipeline, *, compile_time: str | None = None,
               with_source_map: bool = False) -> str | Compiled:
    """The workflow YAML kfp 1.8.9 writes for ``pipeline`` (``Compiler().compile``).

    ``compile_time`` is written verbatim as the compilation time; by default it is taken from
    SOURCE_DATE_EPOCH when set, else the current local time (as kfp does).
    ``with_source_map``: return ``Compiled(text, source_map)`` (``source_map.py``).
    Raises InputError for pipelines kfp would refuse (bad constants, unknown references),
    and for what this compiler cannot write exactly (``SUPPORTED``).
    """
    flat = _flat(pipeline)
    if flat is not pipeline and with_source_map:
        compiled = compile_v1(flat, compile_time=compile_time, with_source_map=True)
        _to_callers(compiled.source_map, {t.id for t in pipeline.tasks})
        return compiled
    # The workflow of a big pipeline is a few hundred thousand small objects, none in a
    # reference cycle: the cyclic collector would scan them again and again (~10% of the
    # time) for nothing.
    with no_cyclic_gc():
        return _compile(in_writing_order(flat), compile_time, with_source_map)


def _to_callers(smap: Any, outer: set[str]) -> None:
    """The lines of a sub-pipeline's tasks (ids ``<task>.<id>``) belong to the task that
    runs it, too: the canvas has only that node."""
    for key, ranges in list(smap.tasks.items()):
        head = key.split(".", 1)[0]
        if head != key and head in outer:
            smap.tasks.setdefault(head, []).extend(ranges)


def _flat(pipeline: Pipeline, doing: str = "cannot compile for KFP v1",
          supported: frozenset[str] = SUPPORTED, absent: dict | None = None) -> Pipeline:
    """The pipeline with its sub-pipelines' tasks in place of the tasks that run them: kfp
    1.8.9 has no pipeline task (its ``@dsl.pipeline`` returns the function itself, and a call
    runs the inner ops as the caller's own, in call order). What they use is refused first,
    located at the sub-pipeline (``ir.subpipeline_inline``)."""
    if not any(c.kind == "pipeline" for c in pipeline.components):
        return pipeline
    refuse_unsupported(pipeline, supported | {"subpipeline"}, doing,
                       absent if absent is not None else ABSENT)
    try:
        return inline(pipeline, keep_names=False)
    except InlineError as e:
        raise located(e, doing) from None


def _compile(pipeline: Pipeline, compile_time: str | None,
             with_source_map: bool) -> str | Compiled:
    workflow = _workflow(pipeline, compile_time, with_source_map)
    out, marks = yaml_emit.emit_pieces(workflow)
    del workflow   # its dicts (14 MB at 2,000 tasks) go before the text is made
    return marks.resolve(out) if with_source_map else "".join(out)


def _workflow(pipeline: Pipeline, compile_time: str | None,
              with_source_map: bool) -> dict[str, Any]:
    """The workflow kfp 1.8.9 dumps, as plain data (``Marked`` dicts with a source map)."""
    refuse_unsupported(pipeline, SUPPORTED, "cannot compile for KFP v1", ABSENT)
    built = OpsBuilder(pipeline).build()
    try:
        validate_exit_handlers(built.root)
        for op in built.ops.values():
            apply_transformers(op)
        templates, root_name = _templates(built, with_source_map)
    except DagError as e:
        raise InputError(f"kfp 1.8.9 cannot compile this pipeline: {e}") from None

    exit_op = None
    if built.root.groups and built.root.groups[0].type == "exit_handler":
        exit_op = next((op for op in built.ops.values() if op.is_exit_handler), None)
    display_name = _display_name(pipeline)
    workflow_name = sanitize_k8s_name(display_name) or "pipeline"
    taken = {t["name"].lower() for t in templates}
    entry = UniqueNames(taken).add(workflow_name)
    for template in templates:
        if template["name"] == root_name:
            template["name"] = entry
    templates.sort(key=lambda t: t["name"])
    spec_json, arguments = _pipeline_spec(pipeline, display_name)
    spec: dict[str, Any] = {
        "entrypoint": entry,
        "templates": templates,
        "arguments": {"parameters": arguments},
        "serviceAccountName": "pipeline-runner",
    }
    _apply_conf(pipeline, spec)
    if exit_op is not None:
        spec["onExit"] = exit_op.name
    if pipeline.conf.default_node_selector:
        spec["nodeSelector"] = dict(pipeline.conf.default_node_selector)
    if pipeline.conf.dns_config is not None:
        spec["dnsConfig"] = dns_config_json(pipeline.conf.dns_config)
    policy = pipeline.conf.image_pull_policy
    if policy is not None:
        if policy not in PULL_POLICIES:
            raise InputError("Invalid imagePullPolicy. Must be one of `Always`, `Never`, "
                             "`IfNotPresent`.")
        for template in templates:
            container = template.get("container")
            if container and "imagePullPolicy" not in container:
                container["imagePullPolicy"] = policy
    workflow: dict[str, Any] = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {"generateName": entry + "-"},
        "spec": spec,
    }
    try:
        fix_big_data_passing(workflow)
    except (RewriteError, KeyError) as e:
        raise InputError(f"kfp 1.8.9 cannot pass this pipeline's data: {e}") from None
    workflow["metadata"]["annotations"] = {
        SDK_VERSION_LABEL: KFP_VERSION,
        "pipelines.kubeflow.org/pipeline_compilation_time":
            compile_time if compile_time is not None else compile_time_now(),
        "pipelines.kubeflow.org/pipeline_spec": spec_json,
    }
    workflow["metadata"]["labels"] = {SDK_VERSION_LABEL: KFP_VERSION}
    return workflow
