"""Explain this YAML: what a line of the compiled KFP v1 or v2 YAML is, and which node of
the pipeline produced it (no Qt).

    explainer = Explainer(pipeline, compiled.text, compiled.source_map, "v2")
    e = explainer.line(156)      # 1-based
    e.text()                     # "dependentTasks: derived from data flow: ..."
    e.node                       # "sum_result" (a task id) or "param:number_1" or None
    e.concept                    # "dependency": the concept page that tells more

The rules are data (``RULES``): a YAML path pattern per kind of line, most specific
first, with an English template marked for translation (``QT_TRANSLATE_NOOP``; the UI
shows ``translate("Explain", template).format(**args)``). A line's path comes from the
composed YAML document (``yaml.compose``: nothing is constructed, nothing executed);
the task a line belongs to from the compiler's source map, so ``node`` is exactly what
the click-to-select of the preview selects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from designer.ir import Constant, OutputRef, ParamRef, Pipeline
from designer.ir.model import argument_refs
from designer.ir.translatable import QT_TRANSLATE_NOOP

from .source_map import SourceMap

CONTEXT = "Explain"
PARAM_PREFIX = "param:"     # the canvas key of a parameter node (designer.model.rules)
Path = tuple[Any, ...]      # mapping keys (str) and sequence indices (int)


@dataclass(frozen=True)
class Rule:
    """``pattern``: path elements; "*" matches one element, "**" any rest (also none),
    "<name>" one element captured as ``name``. ``template``'s fields come from the
    captures and the line's context (``Explainer._context``)."""
    target: str            # "v1" | "v2"
    pattern: tuple[str, ...]
    template: str
    concept: str | None = None


@dataclass(frozen=True)
class Phrase:
    """A translatable piece of an explanation's argument ("the output {output} of
    {task}"); a tuple of phrases and strings is shown joined by "; "."""
    template: str
    args: dict[str, Any] = field(default_factory=dict)


Translate = Callable[[str, str], str]


def render(value: Any, translate: Translate | None = None) -> str:
    if isinstance(value, Phrase):
        return _fill(value.template, value.args, translate)
    if isinstance(value, tuple):
        return "; ".join(render(v, translate) for v in value)
    return str(value)


def _fill(template: str, args: dict[str, Any], translate: Translate | None) -> str:
    values = {k: render(v, translate) for k, v in args.items()}
    shown = translate(CONTEXT, template) if translate else template
    try:
        return shown.format(**values)
    except (KeyError, IndexError, ValueError):   # a broken translation: the English
        return template.format(**values)


@dataclass(frozen=True)
class Explanation:
    template: str
    args: dict[str, Any] = field(default_factory=dict)
    node: str | None = None          # canvas key: task id or "param:<name>"
    concept: str | None = None       # a page of resources/concepts
    path: str = ""                   # the YAML path, for the curious ("root.dag.tasks...")

    def text(self, translate: Translate | None = None) -> str:
        """The sentence; ``translate`` is QCoreApplication.translate in the UI."""
        return _fill(self.template, self.args, translate)


# Sentences reused by several rules.
_TASK = QT_TRANSLATE_NOOP(
    "Explain",
    "Task {task}: a use of the component {component} in the pipeline's graph. Each task becomes "
    "one step that runs in its own container.")
_DEPENDS_DATA = QT_TRANSLATE_NOOP(
    "Explain",
    "Dependencies, derived from data flow: {task} uses outputs of {upstreams}, so it starts after "
    "they finish. Nobody writes this list: the wires on the canvas make it.")
_DEPENDS_AFTER = QT_TRANSLATE_NOOP(
    "Explain",
    "Dependencies: {task} runs after {after} because of `.after()` (the task's \"Runs after\" "
    "setting), not because of data.")
_DEPENDS_BOTH = QT_TRANSLATE_NOOP(
    "Explain",
    "Dependencies: {task} uses outputs of {upstreams} (data flow) and runs after {after} "
    "(`.after()`), so it starts after all of them.")
_INPUT = QT_TRANSLATE_NOOP(
    "Explain",
    "The input {input} of {task} gets {source}.")
_COMP_V2 = QT_TRANSLATE_NOOP(
    "Explain",
    "The interface of {component} as this task uses it: its inputs and outputs with their types. "
    "One block per task (a reused component gets a `-2` name).")
_EXEC_V2 = QT_TRANSLATE_NOOP(
    "Explain",
    "How {component} runs for {task}: the container image, the command and the component's Python "
    "code, which the KFP launcher executes.")
_CONTAINER_V1 = QT_TRANSLATE_NOOP(
    "Explain",
    "The container of {task}'s step: image, command and arguments. The component's Python function"
    " is embedded in it; its inputs arrive as command-line arguments.")
_PARAM = QT_TRANSLATE_NOOP(
    "Explain",
    "The pipeline parameter {param}: a value given when a run starts (the parameter node {param} "
    "on the canvas).")
_CACHING = QT_TRANSLATE_NOOP(
    "Explain",
    "Caching: when a task's component and inputs are the same as in an earlier run, Kubeflow "
    "reuses that run's outputs instead of running it again.")

RULES: tuple[Rule, ...] = (
    # --- KFP v1: an Argo Workflow ---------------------------------------------------------
    Rule("v1", ("apiVersion",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "KFP v1 compiles a pipeline into an Argo Workflow: a Kubernetes resource Argo runs."),
         "yaml"),
    Rule("v1", ("kind",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "KFP v1 compiles a pipeline into an Argo Workflow: a Kubernetes resource Argo runs."),
         "yaml"),
    Rule("v1", ("metadata", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The workflow's name prefix and kfp's annotations: the pipeline's name, its "
             "parameters and the SDK version."),
         "pipeline"),
    Rule("v1", ("spec", "entrypoint"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The template the workflow starts with: the pipeline's DAG of tasks."),
         "dag"),
    Rule("v1", ("spec", "templates", "*", "dag", "tasks", "*", "dependencies", "**"),
         _DEPENDS_DATA, "dependency"),
    Rule("v1", ("spec", "templates", "*", "dag", "tasks", "*", "arguments", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "What {task} gets: {arguments}. Argo passes each value to the step as a parameter."),
         "parameter"),
    Rule("v1", ("spec", "templates", "*", "dag", "tasks", "*", "**"), _TASK, "task"),
    Rule("v1", ("spec", "templates", "*", "dag", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The pipeline's DAG: one entry per task."),
         "dag"),
    Rule("v1", ("spec", "templates", "*", "metadata", "labels", "**"), _CACHING, "caching"),
    Rule("v1", ("spec", "templates", "*", "container", "image"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The image {task}'s container runs: the component's base image (Properties ▸ Base "
             "image)."),
         "component"),
    Rule("v1", ("spec", "templates", "*", "container", "**"), _CONTAINER_V1, "component"),
    Rule("v1", ("spec", "templates", "*", "outputs", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The outputs of {task}: files its program writes, which Argo reads back as values "
             "(parameters) and keeps as artifacts."),
         "output"),
    Rule("v1", ("spec", "templates", "*", "inputs", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The inputs this template takes: one parameter per value it receives."),
         "parameter"),
    Rule("v1", ("spec", "templates", "*", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The template of {task}: the step Argo runs for it, from the component {component}."),
         "component"),
    Rule("v1", ("spec", "arguments", "**"), _PARAM, "parameter"),
    Rule("v1", ("spec", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The workflow's specification: its templates and arguments."),
         "yaml"),
    # --- KFP v2: a PipelineSpec -----------------------------------------------------------
    Rule("v2", ("components", "*", "**"), _COMP_V2, "component"),
    Rule("v2", ("components",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The components the tasks use: one block per task, with its inputs and outputs."),
         "component"),
    Rule("v2", ("deploymentSpec", "executors", "*", "container", "image"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The image {task}'s container runs: the component's base image (Properties ▸ Base "
             "image)."),
         "component"),
    Rule("v2", ("deploymentSpec", "**"), _EXEC_V2, "component"),
    Rule("v2", ("root", "dag", "tasks", "*", "dependentTasks", "**"), _DEPENDS_DATA, "dependency"),
    Rule("v2", ("root", "dag", "tasks", "*", "inputs", "*", "<input>", "**"), _INPUT, "parameter"),
    Rule("v2", ("root", "dag", "tasks", "*", "cachingOptions", "**"), _CACHING, "caching"),
    Rule("v2", ("root", "dag", "tasks", "*", "componentRef", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "Which component block {task} runs: {component}."),
         "component"),
    Rule("v2", ("root", "dag", "tasks", "*", "**"), _TASK, "task"),
    Rule("v2", ("root", "inputDefinitions", "*", "<param>", "**"), _PARAM, "parameter"),
    Rule("v2", ("root", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The pipeline's root: its DAG of tasks and its parameters."),
         "dag"),
    Rule("v2", ("pipelineInfo", "**"),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The pipeline's name."),
         "pipeline"),
    Rule("v2", ("defaultPipelineRoot",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "Where a run keeps its artifacts unless the run says otherwise: the pipeline "
             "root (Pipeline ▸ Pipeline root)."),
         "pipeline"),
    Rule("v2", ("schemaVersion",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The version of the PipelineSpec format (KFP v2's compiled form)."),
         "yaml"),
    Rule("v2", ("sdkVersion",),
         QT_TRANSLATE_NOOP(
             "Explain",
             "The kfp SDK version this YAML matches."),
         "yaml"),
)
_ROOT_V1 = QT_TRANSLATE_NOOP(
    "Explain",
    "The pipeline root: kfp 1.8.9 passes it as this extra parameter, `pipeline-root` "
    "(Pipeline ▸ Pipeline root).")
_FOLDED = QT_TRANSLATE_NOOP(
    "Explain", "Part of the pipeline {component}, which task {task} runs: kfp copies the "
    "components and executors of a pipeline used as a step into this file, renamed -2, -3… "
    "where the name is taken.")
_HEADER = QT_TRANSLATE_NOOP(
    "Explain",
    "A comment kfp writes at the top: the pipeline's name and parameters. Kubeflow ignores it.")
_NOTHING = QT_TRANSLATE_NOOP(
    "Explain",
    "Part of the compiled pipeline.")


def _match(pattern: tuple[str, ...], path: Path) -> dict[str, str] | None:
    captured: dict[str, str] = {}
    for i, want in enumerate(pattern):
        if want == "**":
            return captured
        if i >= len(path):
            return None
        if want.startswith("<"):
            captured[want[1:-1]] = str(path[i])
        elif want != "*" and want != path[i]:
            return None
    return captured if len(pattern) == len(path) else None


def line_paths(text: str) -> tuple[dict[int, Path], dict[Path, yaml.Node]]:
    """Each line's (1-based) deepest YAML path, and the node at each path."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    lines: dict[int, Path] = {}
    nodes: dict[Path, yaml.Node] = {}
    if root is None:
        return lines, nodes

    def last_line(node: yaml.Node) -> int:
        end = node.end_mark
        return end.line if end.column > 0 else max(end.line - 1, node.start_mark.line)

    def claim(first: int, last: int, path: Path) -> None:
        for line in range(first + 1, last + 2):
            lines[line] = path

    def walk(node: yaml.Node, path: Path, first: int) -> None:
        nodes[path] = node
        claim(first, last_line(node), path)   # deeper nodes claim their lines after
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,), key.start_mark.line)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,), item.start_mark.line)

    try:
        walk(root, (), root.start_mark.line)
    finally:
        walk = None  # noqa: F841  (a recursive closure is a cycle: see v2_graph)
    return lines, nodes


def _names(items: list[str]) -> str:
    return ", ".join(items)


class Explainer:
    """Explanations of one compiled text (``target`` "v1" or "v2") of ``pipeline``."""

    def __init__(self, pipeline: Pipeline, text: str, source_map: SourceMap, target: str):
        self.pipeline, self.source_map, self.target = pipeline, source_map, target
        self._text_lines = text.split("\n")
        try:
            self.paths, self.nodes = line_paths(text)
        except yaml.YAMLError:
            self.paths, self.nodes = {}, {}
        self._yaml_names = self._task_names()

    def _task_names(self) -> dict[str, str]:
        """The YAML name of each task (v1 DAG entry's ``name``, v2 ``root.dag.tasks`` key)
        -> its task id."""
        out: dict[str, str] = {}
        for task_id, ranges in self.source_map.tasks.items():
            for first, _last in ranges:
                path = self.paths.get(first, ())
                if self.target == "v2" and path[:3] == ("root", "dag", "tasks") \
                        and len(path) >= 4:
                    out[str(path[3])] = task_id
                elif self.target == "v1" and "dag" in path and len(path) >= 6:
                    node = self.nodes.get(path[:6])
                    name = _scalar(node, "name")
                    if name:
                        out[name] = task_id
        return out

    # --- what a line is ---------------------------------------------------------------------

    def line(self, line: int) -> Explanation:
        text = self._text_lines[line - 1] if 0 < line <= len(self._text_lines) else ""
        param = self._param_at(line)
        if text.lstrip().startswith("#"):
            return Explanation(_HEADER, {}, PARAM_PREFIX + param if param else None, "yaml")
        path = self.paths.get(line)
        if path is None:
            return Explanation(_NOTHING)
        if self.target == "v1" and path[:3] == ("spec", "arguments", "parameters") and \
                len(path) >= 4 and _scalar(self.nodes.get(path[:4]), "name") == "pipeline-root":
            return Explanation(_ROOT_V1, {}, None, "pipeline", _dotted(path))
        task_id = self.source_map.task_at(line)
        folded = self._folded(task_id, path)
        if folded is not None:
            return folded
        for rule in RULES:
            if rule.target != self.target:
                continue
            captured = _match(rule.pattern, path)
            if captured is None:
                continue
            args = self._context(task_id, path, captured)
            template = rule.template
            if template == _DEPENDS_DATA:
                template = self._dependency_template(task_id)
            node = task_id
            if "param" in captured or (param and rule.template == _PARAM):
                args["param"] = captured.get("param") or param or ""
                node = PARAM_PREFIX + args["param"]
            elif task_id is None and param:
                node = PARAM_PREFIX + param
            return Explanation(template, args, node, rule.concept, _dotted(path))
        return Explanation(_NOTHING, {}, task_id, None, _dotted(path))

    def _folded(self, task_id: str | None, path: Path) -> Explanation | None:
        """A line of a sub-pipeline's part kfp folded into the file (v2): it belongs to the
        task that runs the pipeline, but is not that task's own component."""
        task = self.pipeline.task(task_id) if task_id else None
        comp = self.pipeline.component(task.component_id) if task is not None else None
        if self.target != "v2" or comp is None or comp.kind != "pipeline" or not path or \
                path[0] not in ("components", "deploymentSpec"):
            return None
        name = path[1] if path[0] == "components" and len(path) > 1 else \
            path[2] if len(path) > 2 else None
        ranges = self.source_map.tasks.get(task_id) or []
        first, last = ranges[0] if ranges else (0, -1)
        own = next((m.group(1) for text in self._text_lines[first - 1:last]
                    for m in [re.search(r"name: (comp-\S+)", text)] if m), None)
        if name is None or name == own:
            return None
        return Explanation(_FOLDED, self._context(task_id, path, {}), task_id, None,
                           _dotted(path))

    def _param_at(self, line: int) -> str | None:
        for name, ranges in self.source_map.params.items():
            if any(first <= line <= last for first, last in ranges):
                return name
        return None

    def _dependency_template(self, task_id: str | None) -> str:
        task = self.pipeline.task(task_id) if task_id else None
        if task is None:
            return _DEPENDS_DATA
        data = self._data_upstreams(task)
        if task.after and data:
            return _DEPENDS_BOTH
        return _DEPENDS_AFTER if task.after else _DEPENDS_DATA

    def _data_upstreams(self, task) -> list[str]:
        ids = [r.task_id for a in task.arguments.values() for r in argument_refs(a)]
        return list(dict.fromkeys(ids))

    def _name(self, task_id: str) -> str:
        task = self.pipeline.task(task_id)
        return task.name if task is not None else task_id

    def _context(self, task_id: str | None, path: Path, captured: dict[str, str]
                 ) -> dict[str, Any]:
        args: dict[str, Any] = dict.fromkeys(("task", "component", "upstreams", "after", "input",
                                              "source", "arguments", "param"), "")
        args.update(captured)
        task = self.pipeline.task(task_id) if task_id else None
        if task is None:
            return args
        args["task"] = task.name
        comp = self.pipeline.component(task.component_id)
        args["component"] = comp.name if comp is not None else task.component_id
        args["upstreams"] = _names([self._name(t) for t in self._data_upstreams(task)])
        args["after"] = _names([self._name(t) for t in task.after])
        sources = {name: self._source(arg) for name, arg in task.arguments.items()}
        args["arguments"] = tuple(Phrase("{input} ← {source}", {"input": name, "source": src})
                                  for name, src in sources.items()) or "—"
        if "input" in captured:
            args["source"] = sources.get(captured["input"], "—")
        return args

    def _source(self, arg) -> Phrase:
        """Where an argument's value comes from, in words."""
        if isinstance(arg, ParamRef):
            return Phrase(QT_TRANSLATE_NOOP("Explain", "the pipeline parameter {param}"),
                          {"param": arg.name})
        if isinstance(arg, OutputRef):
            return Phrase(QT_TRANSLATE_NOOP("Explain", "the output {output} of {task}"),
                          {"output": arg.output, "task": self._name(arg.task_id)})
        if isinstance(arg, Constant):
            return Phrase(QT_TRANSLATE_NOOP("Explain", "the constant {value}"),
                          {"value": repr(arg.value)})
        refs = argument_refs(arg)
        if refs:
            return Phrase(QT_TRANSLATE_NOOP("Explain", "outputs of {tasks}"),
                          {"tasks": _names([self._name(r.task_id) for r in refs])})
        return Phrase(QT_TRANSLATE_NOOP("Explain", "a value computed when the run starts ({kind})"),
                      {"kind": type(arg).__name__})

    def node_at(self, line: int) -> str | None:
        """The canvas key a click on ``line`` selects (a task or a parameter), if any."""
        return self.line(line).node


def _scalar(node: yaml.Node | None, key: str) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode):
                return v.value
    return None


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


__all__ = ["Explainer", "Explanation", "Phrase", "Rule", "RULES", "line_paths", "render",
           "CONTEXT"]
