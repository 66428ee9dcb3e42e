"""A kfp 2 ``PipelineSpec`` (compiled pipeline YAML) -> the IR.

kfp 2 embeds a function component's source as it was written (``v2_executor``: the module
is the kfp imports plus the function), so the reader takes the function as it is, its base
image and packages from the executor; a container component is written back as Python
(``yaml_v2_container``). The pipeline's parameters come from ``root.inputDefinitions``
(types, defaults, descriptions), the tasks from the DAGs with their arguments (pipeline
parameters, upstream outputs, constants, f-strings), caching options, display names and
``.after()`` dependencies. Groups are the DAG components kfp writes for them: If/Elif/Else
chains (``condition-branches``, CEL trigger conditions: ``yaml_v2_cel``), loops
(``parameterIterator``), exit handlers; values reach a group's tasks through its
``pipelinechannel--`` inputs, and leave it as ``dsl.Collected`` / ``dsl.OneOf``. The
second document, kfp-kubernetes' platform spec, gives task settings (``yaml_v2_platform``).
A task whose component is a DAG but no group is a pipeline used as a component: read as a
pipeline of its own, and the whole pipeline is then compiled again and must give the very
documents it came from (names kfp made unique are read back by a rule). What the reader does
not take yet (YAML components with env, other task fields) is refused at its YAML node.
"""
from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass, field, replace
from typing import Any

from designer.compiler import v2_executor
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.groups import Condition, Group
from designer.ir.model import (Collected, Concat, LoopItem, OneOf, RunPlaceholder,
                               argument_refs, new_id)
from designer.ir.naming import sanitize_v2_input_name
from designer.ir.settings import EnvVar, Retry, TaskSettings
from designer.ir.signature import SignatureError

from . import yaml_v2_cel as cel
from .yaml_doc import YamlRefusal

_ANNOTATION = {"NUMBER_INTEGER": "int", "STRING": "str", "NUMBER_DOUBLE": "float",
               "BOOLEAN": "bool", "LIST": "list", "STRUCT": "dict",
               # (a parameter of a pipeline used as an exit task: kfp fills it)
               "TASK_FINAL_STATUS": "PipelineTaskFinalStatus"}
_MODULE_HEAD = "\n" + v2_executor._IMPORTS + "\n\n"
_PIP = re.compile(r"python3 -m pip install --quiet --no-warn-script-location "
                  r"((?:--[a-z-]+ \S+ )*)((?:'[^']*'|\"[^\"]*\"| )+)")
_INDEX = re.compile(r"--(?:extra-)?index-url (\S+)")
_INSTALL_HEAD = v2_executor._INSTALL_SCRIPT.split("PIP_DISABLE")[0]
_KFP_PIN = re.compile(r"^kfp==(.+)$")
_READ = {
    "spec": {"components", "deploymentSpec", "pipelineInfo", "root", "schemaVersion",
             "sdkVersion", "defaultPipelineRoot"},
    "component": {"executorLabel", "inputDefinitions", "outputDefinitions"},
    "task": {"cachingOptions", "componentRef", "dependentTasks", "inputs", "taskInfo"},
    "container": {"args", "command", "image", "env", "resources"},
    "pipelineInfo": {"name", "description", "displayName"},
    "root": {"dag", "inputDefinitions", "outputDefinitions"},
    "group task": {"componentRef", "dependentTasks", "inputs", "taskInfo", "triggerPolicy",
                   "parameterIterator", "iteratorPolicy"},
    "group component": {"dag", "inputDefinitions", "outputDefinitions"},
}
_GROUP_REF = re.compile(r"^comp-(condition-branches|condition|for-loop|exit-handler)-(\d+)$")
_CHANNEL = "pipelinechannel--"
_PVC_STEPS = {"argostub/createpvc": "CreatePVC", "argostub/deletepvc": "DeletePVC"}
_FORMATTED = re.compile(r"\{\{\$\.inputs\.parameters\['([^']+)'\]\}\}|\{\{\$\.[a-z_]+\}\}")
_SELECTOR = re.compile(r'parseJson\(string_value\)\["([^"]+)"\]')


def _only(d: Any, kind: str, where: tuple, extra: set[str] = frozenset()) -> dict:
    if not isinstance(d, dict):
        raise YamlRefusal(f"a {kind} is not a mapping", where)
    for key in d:
        if key not in _READ[kind] and key not in extra:
            raise YamlRefusal(f"`{key}` (in a {kind}) is not read yet", where + (key,))
    return d


def _typed(value: Any, parameter_type: Any) -> Any:
    """A JSON number kfp wrote for an integer parameter (protobuf keeps numbers as
    doubles: ``5.0``) as the int it was."""
    if parameter_type == "NUMBER_INTEGER" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _packages(command: list, where: tuple) -> tuple[list[str], dict, list]:
    """(the user's packages, the install options: ``kfp_package_path``/``pip_index_urls``,
    the command without the pip prelude). Each reading is checked by writing the prelude
    again: what it does not give back exactly is refused."""
    if command[:2] != ["sh", "-c"] or len(command) < 3 or not isinstance(command[2], str) \
            or not command[2].startswith(_INSTALL_HEAD):
        return [], {}, command
    lines = []          # (index URLs, quoted words) of each pip install
    for m in _PIP.finditer(command[2]):
        words = [ast.literal_eval(t.string) for t in tokenize.generate_tokens(
            io.StringIO(m.group(2)).readline) if t.type == tokenize.STRING]
        lines.append((_INDEX.findall(m.group(1)), words))
    indexes = lines[0][0] if lines else []
    version = v2_executor.DEFAULT_KFP_VERSION
    found: list[str] = []
    options: dict = {"pip_index_urls": indexes} if indexes else {}
    for i, (_urls, words) in enumerate(lines):
        pin = _KFP_PIN.match(words[0]) if words else None
        if pin and "--no-deps" in words:
            version = pin.group(1)       # the kfp the compiler pins itself
        elif i == len(lines) - 1 and words and (len(lines) == 2 or not any(
                w.startswith("kfp") for w in words)) and words[1:] in ([], ["--no-deps"]):
            options["kfp_package_path"] = words[0]   # what pip installs as kfp
        else:
            found.extend(words)
    expected = v2_executor.install_command(found, version, **options)
    if expected != command[:3] and "kfp_package_path" in options and len(lines) == 1:
        found, options = lines[0][1], {k: v for k, v in options.items() if k != "kfp_package_path"}
        expected = v2_executor.install_command(found, version, **options)
    if expected != command[:3]:
        raise YamlRefusal("pip options other than the packages, the package indexes and the "
                          "kfp package (a virtual environment, trusted hosts...) are not read "
                          "yet", where + (2,))
    return found, options, command[3:]


def _is_function(container: Any) -> bool:
    args = container.get("args") if isinstance(container, dict) else None
    return isinstance(args, list) and args[:3] == ["--executor_input", "{{$}}",
                                                   "--function_to_execute"]


def _function(container: dict, where: tuple) -> tuple[str, str | None, list[str], dict]:
    """(source, base image, packages, install options) of a function component's
    executor (a target image's holds no source: refused)."""
    _only(container, "container", where)
    command = container.get("command") or []
    packages, options, rest = _packages(command, where + ("command",))
    args = container.get("args") or []
    if (len(rest) != 4 or rest[:2] != ["sh", "-ec"] or rest[2] != v2_executor._RUN_SCRIPT
            or not isinstance(rest[3], str) or not rest[3].startswith(_MODULE_HEAD)
            or args[:3] != ["--executor_input", "{{$}}", "--function_to_execute"]):
        raise YamlRefusal("an executor that is not a kfp 2 function component is not read "
                          "yet", where)
    source = rest[3][len(_MODULE_HEAD):]
    source = source[:-1] if source.endswith("\n\n") else source
    image = container.get("image")
    return source, None if image == v2_executor.DEFAULT_BASE_IMAGE else image, packages, options


@dataclass
class _Scope:
    """A DAG being read: the root's (``parent`` None) or a group component's, with the
    inputs the group task gives it (written in the parent's DAG) and, for a loop, the name
    of its item input."""
    group: str | None
    task: dict
    parent: "_Scope | None"
    where: tuple
    item: str | None = None
    outputs: dict = field(default_factory=dict)          # the DAG's outputs
    groups: dict[str, tuple] = field(default_factory=dict)  # group task -> (Group, Scope)
    branches: bool = False                                 # a condition-branches DAG
    number: int = 0                                        # kfp's group counter

    def given(self, kind: str, name: str) -> Any:
        return ((self.task.get("inputs") or {}).get(kind) or {}).get(name)


class _Reader:
    def __init__(self, doc: dict, platform: Any = None, used_labels: set | None = None):
        self.doc = _only(doc, "spec", ())
        self.platform = platform
        # Executor labels whose platform config a task took; shared with the readers of
        # sub-pipelines (None: this reader is the top one, which checks them all).
        self.top = used_labels is None
        self.used_labels: set = set() if used_labels is None else used_labels
        self.p = Pipeline(name="")
        self.components: dict[str, Component] = {}     # comp-x -> component
        self.task_ids: dict[str, str] = {}
        self.containers: list = []                     # container components read
        self.pending: list[tuple] = []                 # (task, t, where, scope)
        self.importers: dict[str, tuple] = {}          # importer id -> (executor body, where)
        self.group_tasks: list[tuple] = []             # (group, t, where, parent, child)
        self.exit_handlers: list[tuple] = []           # (group, name, scope, where)
        self.group_deps: list[tuple] = []              # (group, t, where, parent, child)
        self._own_condition: dict[str, str] = {}       # group id -> its own comparison
        self.sub_pipelines: list = []                  # pipelines used as components
        self.read_sub_pipelines: list[str] = []        # their tasks' component names

    def read(self) -> Pipeline:
        info = _only(self.doc.get("pipelineInfo") or {}, "pipelineInfo", ("pipelineInfo",))
        self.p.name = info.get("name") or ""
        self.p.description = info.get("description")
        self.p.display_name = info.get("displayName")
        pipeline_root = self.doc.get("defaultPipelineRoot")
        if pipeline_root is not None and not isinstance(pipeline_root, str):
            raise YamlRefusal("`defaultPipelineRoot` is not a string", ("defaultPipelineRoot",))
        self.p.pipeline_root = pipeline_root or None
        root = _only(self.doc.get("root") or {}, "root", ("root",))
        params = ((root.get("inputDefinitions") or {}).get("parameters") or {})
        for name, spec in params.items():
            if set(spec) - {"parameterType", "defaultValue", "isOptional", "description"}:
                raise YamlRefusal(f"parameter `{name}` has fields not read yet",
                                  ("root", "inputDefinitions", "parameters", name))
            has_default = "defaultValue" in spec or bool(spec.get("isOptional"))
            self.p.params.append(PipelineParam(
                name, _ANNOTATION.get(spec.get("parameterType")),
                _typed(spec.get("defaultValue"), spec.get("parameterType")), has_default,
                spec.get("description")))
        if set((root.get("inputDefinitions") or {})) - {"parameters", "artifacts"}:
            raise YamlRefusal("pipeline inputs not read yet", ("root", "inputDefinitions"))
        artifacts = ((root.get("inputDefinitions") or {}).get("artifacts") or {})
        for name, spec in artifacts.items():
            self.p.params.append(_artifact_param(name, spec, (
                "root", "inputDefinitions", "artifacts", name)))
        # the function's order is not in the file (kfp sorts): required parameters first,
        # so that the pipeline is a valid Python signature again
        self.p.params.sort(key=lambda x: x.has_default)
        scope = _Scope(None, {}, None, ("root",))
        self._read_dag(root.get("dag") or {}, ("root", "dag"), scope)
        self.p.groups = self._preorder(scope)[1]
        self.position = {g.id: k for k, g in enumerate(self.p.groups)}
        for task, t, where, sc in self.pending:
            self._arguments(task, t, where, sc)
        if self.importers:
            self._check_importers()
        if self.platform is not None:
            self._platform()
        for group, t, where, parent, child in sorted(
                self.group_tasks, key=lambda x: self.position[x[0].id]):
            self._group_values(group, t, where, parent, child)
        self._dependencies()
        self._outputs((root.get("dag") or {}).get("outputs") or {}, scope)
        self._output_descriptions(root.get("outputDefinitions") or {})
        from .yaml_v1 import order_tasks
        order_tasks(self.p, self.task_ids)
        return self.p

    def _check_importers(self) -> None:
        from designer.compiler.v2_importer import importer_component

        from .yaml_v2_importer import check_importer_task
        by_id = {c.id: c for c in self.p.components}
        for task in self.p.tasks:
            if task.component_id in self.importers:
                body, where = self.importers[task.component_id]
                base = importer_component(by_id[task.component_id]).executor
                check_importer_task(task, base, body, where)

    # --- DAGs and groups ---
    def _preorder(self, scope: _Scope) -> tuple[float, list[Group]]:
        """The groups under ``scope`` in the order the pipeline function entered them: kfp
        numbers a group when it is entered, except an ``If`` that an ``Elif``/``Else``
        follows, numbered after the groups inside it; so siblings are ordered by the
        smallest number in each one's subtree."""
        entries = []
        for group, child in scope.groups.values():
            low, inner = self._preorder(child)
            entries.append((min(child.number, low), ([group] if group else []) + inner))
        entries.sort(key=lambda e: e[0])
        return (min((e[0] for e in entries), default=float("inf")),
                [g for _, groups in entries for g in groups])

    def _read_dag(self, dag: Any, where: tuple, scope: _Scope) -> None:
        if not isinstance(dag, dict) or set(dag) - {"tasks", "outputs"}:
            raise YamlRefusal("a DAG field not read yet", where)
        scope.outputs = dag.get("outputs") or {}
        for name, t in (dag.get("tasks") or {}).items():
            tw = where + ("tasks", name)
            ref = (t.get("componentRef") or {}).get("name") if isinstance(t, dict) else None
            spec = (self.doc.get("components") or {}).get(ref)
            if isinstance(spec, dict) and "dag" in spec:
                self._group(name, t, ref, spec, tw, scope)
                continue
            _only(t, "task", tw, extra={"triggerPolicy", "retryPolicy"})
            comp = self._component(ref, tw)
            container, cwhere = self._executor_container(ref)
            display = (t.get("taskInfo") or {}).get("name")
            settings = TaskSettings(display_name=display if display != name else None)
            if (t.get("cachingOptions") or {}).get("enableCache") is not True:
                settings = replace(settings, enable_caching=False)
            settings = _container_settings(container, settings, cwhere)
            if "retryPolicy" in t:
                settings = replace(settings, retry=_retry(t["retryPolicy"],
                                                          tw + ("retryPolicy",)))
            task = Task(new_id(), name.replace("-", "_"), comp.id, group=scope.group,
                        settings=settings)
            self.task_ids[name] = task.id
            self.p.tasks.append(task)
            self.pending.append((task, t, tw, scope))

    def _group(self, name: str, t: dict, ref: str, spec: dict, where: tuple,
               scope: _Scope) -> None:
        m = _GROUP_REF.match(ref) or (_GROUP_REF.match(f"comp-{name}") if ref.startswith(
            f"comp-{name}-") else None)   # (a group of a sub-pipeline, renamed -2 there)
        if not m:
            return self._sub_pipeline_task(name, t, ref, spec, where, scope)
        kind, number = m.group(1), int(m.group(2))
        _only(t, "group task", where)
        _only(spec, "group component", ("components", ref))
        display = (t.get("taskInfo") or {}).get("name")
        gname = display if display != name else None
        if kind == "condition-branches":       # If/Elif/Else siblings: no group of its own
            child = _Scope(scope.group, t, scope, where, branches=True, number=number)
            scope.groups[name] = (None, child)
            self.group_deps.append((None, t, where, scope, child))
            self._read_dag(spec["dag"], ("components", ref, "dag"), child)
            return
        ir_kind = {"condition": "condition", "for-loop": "loop",
                   "exit-handler": "exit_handler"}[kind]
        group = Group(new_id(), ir_kind, parent=scope.group, name=gname)
        self.p.groups.append(group)
        item = None
        if kind == "for-loop":
            iterator = t.get("parameterIterator")
            if not isinstance(iterator, dict):
                raise YamlRefusal("a loop without a parameter iterator is not read yet", where)
            item = iterator.get("itemInput")
        child = _Scope(group.id, t, scope, where, item=item, number=number)
        scope.groups[name] = (group, child)
        if kind == "exit-handler":
            self.exit_handlers.append((group, name, scope, where))
        self.group_tasks.append((group, t, where, scope, child))
        self.group_deps.append((group, t, where, scope, child))
        self._read_dag(spec["dag"], ("components", ref, "dag"), child)

    def _sub_pipeline_task(self, name: str, t: dict, ref: str, spec: dict, where: tuple,
                           scope: _Scope) -> None:
        """A task running a pipeline: its component is the pipeline, read from the DAG
        component as a pipeline of its own (kfp folded its spec in: ``v2_subpipeline``)."""
        _only(t, "task", where, extra={"triggerPolicy", "retryPolicy"})
        comp = self._pipeline_component(ref, spec)
        display = (t.get("taskInfo") or {}).get("name")
        settings = TaskSettings(display_name=display if display != name else None)
        if (t.get("cachingOptions") or {}).get("enableCache") is not True:
            settings = replace(settings, enable_caching=False)
        if "retryPolicy" in t:
            settings = replace(settings, retry=_retry(t["retryPolicy"], where + ("retryPolicy",)))
        task = Task(new_id(), name.replace("-", "_"), comp.id, group=scope.group,
                    settings=settings)
        self.task_ids[name] = task.id
        self.p.tasks.append(task)
        self.pending.append((task, t, where, scope))
        self.read_sub_pipelines.append(ref)

    def _pipeline_component(self, ref: str, spec: dict) -> Any:
        from designer.ir.subpipeline import PipelineComponent, same_pipeline
        comps = self.doc.get("components") or {}
        name = ref[len("comp-"):]
        base = re.sub(r"-\d+$", "", name)      # kfp numbers the components of later tasks
        if base != name and "comp-" + base in comps:
            name = base
        sub = {"components": comps, "deploymentSpec": self.doc.get("deploymentSpec") or {},
               "pipelineInfo": {"name": name}, "root": spec}
        try:
            inner = _Reader(sub, self.platform, self.used_labels).read()
        except YamlRefusal as e:
            if e.where[:1] == ("root",):     # (the sub-pipeline's root is its component)
                raise YamlRefusal(e.message, ("components", ref) + e.where[1:], e.doc) from None
            raise
        for known in self.sub_pipelines:
            if known.name == name and same_pipeline(known.pipeline, inner):
                return known
        comp = PipelineComponent(new_id(), inner)
        self.sub_pipelines.append(comp)
        self.p.components.append(comp)
        return comp

    def _group_values(self, group: Group, t: dict, where: tuple, parent: _Scope,
                      child: _Scope) -> None:
        """A loop's items and parallelism, a condition's comparison and branch."""
        if group.kind == "loop":
            iterator = t["parameterIterator"]
            items = iterator.get("items") or {}
            if set(iterator) != {"items", "itemInput"} or len(items) != 1:
                raise YamlRefusal("a loop iterator the reader does not take",
                                  where + ("parameterIterator",))
            if "raw" in items:
                try:
                    group.items = Constant(json.loads(items["raw"]))
                except (TypeError, ValueError):
                    raise YamlRefusal("the loop's items are not JSON",
                                      where + ("parameterIterator",)) from None
            elif "inputParameter" in items:
                given = child.given("parameters", items["inputParameter"])
                group.items = self._value(given, where + ("inputs",), parent)
            else:
                raise YamlRefusal("a loop iterator the reader does not take",
                                  where + ("parameterIterator",))
            limit = (t.get("iteratorPolicy") or {}).get("parallelismLimit")
            group.parallelism = limit if isinstance(limit, int) and limit > 0 else None
        elif group.kind == "condition":
            self._condition(group, t, where, parent, child)
        elif "triggerPolicy" in t:
            raise YamlRefusal("a trigger policy on this group is not read",
                              where + ("triggerPolicy",))

    def _condition(self, group: Group, t: dict, where: tuple, parent: _Scope,
                   child: _Scope) -> None:
        cw = where + ("triggerPolicy",)
        text = (t.get("triggerPolicy") or {}).get("condition")
        if set(t.get("triggerPolicy") or {}) != {"condition"} or not isinstance(text, str):
            raise YamlRefusal("a condition kfp 2 does not write", cw)
        parts = cel.conjuncts(text)
        earlier: list[str] = []
        if parent.branches:          # the conditions before this one in its chain
            mine = [g for g, _ in parent.groups.values() if g is not None]
            mine.sort(key=lambda g: self.position[g.id])
            k = mine.index(group)
            earlier = [self._own_condition[g.id] for g in mine[:k]]
        if [cel.negated(x) for x in parts[:len(earlier)]] != earlier or \
                len(parts) not in (len(earlier), len(earlier) + 1) or \
                (not parent.branches and len(parts) != 1):
            raise YamlRefusal("a condition that is not one comparison of an If/Elif/Else "
                              "chain is not read", cw)
        if len(parts) == len(earlier):
            group.branch = "else"
            return
        own = parts[-1]
        found = cel.comparison(own)
        if found is None:
            raise YamlRefusal("the condition is not one comparison kfp writes", cw)
        self._own_condition[group.id] = own
        group.branch = "elif" if earlier else "if"
        sides = []
        for side in (found.left, found.right):
            if isinstance(side, cel.Channel):
                given = child.given("parameters", side.name)
                sides.append(self._value(given, where + ("inputs",), parent))
            else:
                sides.append(Constant(side))
        group.condition = Condition(sides[0], found.operator, sides[1])

    # --- tasks ---
    def _executor_container(self, ref: Any) -> tuple[dict, tuple]:
        label = ((self.doc.get("components") or {}).get(ref) or {}).get("executorLabel")
        executor = ((self.doc.get("deploymentSpec") or {}).get("executors") or {}).get(label)
        return (executor or {}).get("container") or {}, ("deploymentSpec", "executors", label,
                                                         "container")

    def _component(self, ref: Any, where: tuple) -> Component:
        comps = self.doc.get("components") or {}
        if ref not in comps:
            raise YamlRefusal(f"the task uses no component of the file (`{ref}`)", where)
        spec = _only(comps[ref], "component", ("components", ref))
        label = spec.get("executorLabel")
        executors = ((self.doc.get("deploymentSpec") or {}).get("executors") or {})
        if label not in executors:
            raise YamlRefusal("a component without an executor is not read yet",
                              ("components", ref))
        ewhere = ("deploymentSpec", "executors", label)
        if set(executors[label]) == {"importer"}:
            from .yaml_v2_importer import read_importer
            comp = read_importer(ref, spec, executors[label]["importer"], ewhere + ("importer",))
            self.importers[comp.id] = (executors[label]["importer"], ewhere + ("importer",))
            self.p.components.append(comp)
            return comp
        if set(executors[label]) != {"container"}:
            raise YamlRefusal("an executor that is not a container is not read yet", ewhere)
        container = executors[label]["container"]
        if isinstance(container, dict) and container.get("image") in _PVC_STEPS:
            return self._volume_step(ref, spec, executors[label], _PVC_STEPS[container["image"]])
        if not _is_function(container):
            return self._container_component(ref, spec, container, ewhere + ("container",))
        source, image, packages, options = _function(container, ewhere + ("container",))
        key = (source, image, tuple(packages))
        for comp in self.components.values():   # kfp writes one component per task
            if (comp.source, comp.base_image, tuple(comp.packages_to_install)) == key and \
                    comp.install_options() == options:
                return comp
        try:
            comp = Component.from_source(source, base_image=image, packages_to_install=packages,
                                         **options)
        except SignatureError as e:
            raise YamlRefusal(f"the embedded function: {e}", ewhere) from None
        self.components[ref] = comp
        self.p.components.append(comp)
        return comp

    def _volume_step(self, ref: str, spec: dict, executor: dict, name: str) -> Any:
        """kfp-kubernetes' CreatePVC / DeletePVC: read only when the file holds exactly what
        kfp-kubernetes declares (what ``v2_volumes`` compiles), one component for all."""
        from designer.compiler.v2_volumes import volume_component
        from designer.ir.volumes import VolumeComponent, volume_signature
        action = "create" if name == "CreatePVC" else "delete"
        expected = volume_component(VolumeComponent("", name, volume_signature(
            name, action, "v2"), action, "v2"))
        if {k: v for k, v in spec.items() if k != "executorLabel"} != expected.spec or \
                executor != expected.executor:
            raise YamlRefusal(f"a `{name}` component other than kfp-kubernetes' own is not read",
                              ("components", ref))
        for comp in self.p.components:
            if isinstance(comp, VolumeComponent) and comp.name == name:
                return comp
        comp = VolumeComponent(new_id(), name, volume_signature(name, action, "v2"), action,
                               "v2")
        self.p.components.append(comp)
        return comp

    def _container_component(self, ref: str, spec: dict, container: dict,
                             ewhere: tuple) -> Any:
        from .yaml_v2_container import read_container_component
        name = ref[len("comp-"):]
        base = re.sub(r"-\d+$", "", name)      # kfp numbers the components of later tasks
        if base != name and "comp-" + base in (self.doc.get("components") or {}):
            name = base
        # env and resources are task settings (``_container_settings``)
        body = {k: v for k, v in container.items() if k not in ("env", "resources")}
        comp = read_container_component(name.replace("-", "_"), spec, body,
                                        ("components", ref), ewhere)
        for known in self.containers:
            if known.function_source == comp.function_source:
                return known
        self.containers.append(comp)
        self.p.components.append(comp)
        return comp

    def _arguments(self, task: Task, t: dict, where: tuple, scope: _Scope) -> None:
        comp = next(c for c in self.p.components if c.id == task.component_id)
        ports = {sanitize_v2_input_name(i.name): i.name for i in comp.signature.inputs}
        ports.update({i.name: i.name for i in comp.signature.inputs})
        inputs = t.get("inputs") or {}
        if set(inputs) - {"parameters", "artifacts"}:
            raise YamlRefusal("task inputs not read yet", where + ("inputs",))
        ref = (t.get("componentRef") or {}).get("name")
        types = {n: d.get("parameterType") for n, d in ((
            (self.doc.get("components") or {}).get(ref) or {}).get("inputDefinitions") or {})
            .get("parameters", {}).items()}
        # the values an f-string argument formats in: inputs of the task, not of its component
        channels = {name: self._value(value, where + ("inputs", "parameters", name), scope)
                    for name, value in (inputs.get("parameters") or {}).items()
                    if name.startswith(_CHANNEL) and name not in ports}
        for kind in ("parameters", "artifacts"):
            for name, value in (inputs.get(kind) or {}).items():
                iw = where + ("inputs", kind, name)
                if name in channels:
                    continue
                if isinstance(value, dict) and set(value) == {"taskFinalStatus"}:
                    continue      # the exit task's PipelineTaskFinalStatus: kfp fills it
                arg = self._value(value, iw, scope)
                if isinstance(arg, Constant):
                    arg = _formatted(arg.value, channels, iw) if isinstance(
                        arg.value, str) and "{{$." in arg.value else \
                        Constant(_typed(arg.value, types.get(name)))
                task.arguments[ports.get(name, name)] = arg
        if "triggerPolicy" in t and not self._is_exit_task(t, scope):
            if t["triggerPolicy"] != {"strategy": "ALL_UPSTREAM_TASKS_COMPLETED"}:
                raise YamlRefusal("`triggerPolicy` (in a task) is not read yet",
                                  where + ("triggerPolicy",))
            task.settings = replace(task.settings, ignore_upstream_failure=True)

    def _is_exit_task(self, t: dict, scope: _Scope) -> bool:
        policy = t.get("triggerPolicy")
        deps = t.get("dependentTasks") or []
        return policy == {"strategy": "ALL_UPSTREAM_TASKS_COMPLETED"} and len(deps) == 1 \
            and any(name == deps[0] for _, name, s, _ in self.exit_handlers if s is scope)

    def _value(self, value: Any, where: tuple, scope: _Scope) -> Any:
        if not isinstance(value, dict) or not value:
            raise YamlRefusal("an argument the reader does not take yet", where)
        value = dict(value)
        selector = value.pop("parameterExpressionSelector", None)
        if len(value) != 1:
            raise YamlRefusal("an argument the reader does not take yet", where)
        (kind, v), = value.items()
        out = self._source(kind, v, where, scope)
        if selector is not None:
            m = _SELECTOR.fullmatch(selector) if isinstance(selector, str) else None
            if not m or not isinstance(out, LoopItem):
                raise YamlRefusal("a field selector the reader does not take", where)
            out = LoopItem(out.loop, out.fields + (m.group(1),))
        return out

    def _source(self, kind: str, v: Any, where: tuple, scope: _Scope) -> Any:
        if kind in ("componentInputParameter", "componentInputArtifact"):
            if scope.parent is None:
                if self.p.param(v) is None:
                    raise YamlRefusal(f"`{v}` is not a pipeline parameter", where)
                return ParamRef(v)
            if v == scope.item:
                return LoopItem(scope.group)
            given = scope.given("parameters" if kind.endswith("Parameter") else "artifacts", v)
            if given is None:
                raise YamlRefusal(f"`{v}` is not given to the group", where)
            return self._value(given, scope.where + ("inputs",), scope.parent)
        if kind == "runtimeValue" and isinstance(v, dict) and set(v) == {"constant"}:
            return Constant(v["constant"])
        if kind in ("taskOutputParameter", "taskOutputArtifact") and isinstance(v, dict):
            producer = v.get("producerTask")
            key = v.get("outputParameterKey") or v.get("outputArtifactKey")
            if producer in self.task_ids and key:
                return OutputRef(self.task_ids[producer], key)
            if producer in scope.groups and key:
                return self._group_output(producer, key, kind, where, scope)
        raise YamlRefusal(f"`{kind}` arguments are not read yet", where)

    def _group_output(self, name: str, key: str, kind: str, where: tuple,
                      scope: _Scope) -> Any:
        """An output read out of a group: a loop's (``dsl.Collected``), an If/Elif/Else
        chain's (``dsl.OneOf``), or a branch's (inside its chain)."""
        group, child = scope.groups[name]
        artifact = kind.endswith("Artifact")
        out = (child.outputs.get("artifacts" if artifact else "parameters") or {}).get(key)
        out = out if isinstance(out, dict) and len(out) == 1 else {}
        selectors = out.get("artifactSelectors") if artifact else (
            [out["valueFromParameter"]] if "valueFromParameter" in out else
            (out.get("valueFromOneof") or {}).get("parameterSelectors"))
        if not isinstance(selectors, list) or not selectors or \
                (len(selectors) > 1) != (group is None):
            raise YamlRefusal("a group output the reader does not take", where)
        key_name = "outputArtifactKey" if artifact else "outputParameterKey"
        refs = [self._source(kind, {"producerTask": x.get("producerSubtask"),
                                    key_name: x.get(key_name)}, where, child)
                for x in selectors if isinstance(x, dict)]
        if group is None:                          # condition-branches: dsl.OneOf
            if not all(isinstance(r, OutputRef) for r in refs):
                raise YamlRefusal("a dsl.OneOf the reader does not take", where)
            return OneOf(tuple(refs))
        ref, = refs
        if group.kind != "loop" or isinstance(ref, Collected):
            return ref
        if not isinstance(ref, OutputRef):
            raise YamlRefusal("a loop output the reader does not take", where)
        return Collected(ref)

    def _platform(self) -> None:
        """kfp-kubernetes settings (second document) onto the tasks of each executor."""
        from . import yaml_v2_platform as platform
        executors, config = platform.split(self.platform)
        comps = self.doc.get("components") or {}
        used = self.used_labels
        for task, t, where, scope in self.pending:
            label = (comps.get((t.get("componentRef") or {}).get("name")) or {}).get(
                "executorLabel")
            if label in executors:
                used.add(label)
                task.settings = platform.apply(
                    task.settings, executors[label], ("platforms", "kubernetes",
                                                      "deploymentSpec", "executors", label),
                    lambda given, _w, scope=scope, where=where: self._value(given, where,
                                                                             scope))
        self._volume_tasks()
        if not self.top:      # (the pipeline's own settings and the check: the top reader's)
            return
        for label in executors:
            if label not in used:
                raise YamlRefusal(f"the platform config of `{label}` is for no task", (
                    "platforms", "kubernetes", "deploymentSpec", "executors", label), 1)
        if config:
            self.p.conf = replace(self.p.conf, timeout=config.get("activeDeadlineSeconds"),
                                  ttl_seconds_after_finished=config.get(
                                      "resourceTtlOnCompletion"))

    def _volume_tasks(self) -> None:
        """A claim named by a CreatePVC task's output is that task's volume (as the Python
        importer says it: ``VolumeMount.volume_task``)."""
        from designer.ir.volumes import VolumeComponent
        kinds = {c.id: c for c in self.p.components}
        makers = {t.id for t in self.p.tasks if isinstance(kinds.get(t.component_id),
                                                           VolumeComponent)}
        for task in self.p.tasks:
            mounts = tuple(
                replace(m, volume_task=m.name.task_id)
                if m.source == "pvc" and isinstance(m.name, OutputRef)
                and m.name.task_id in makers else m for m in task.settings.volumes)
            if mounts != task.settings.volumes:
                task.settings = replace(task.settings, volumes=mounts)

    # --- dependencies: what data does not explain is .after() ---
    def _inside(self, name: str, scope: _Scope) -> list[str]:
        if name in self.task_ids:
            return [self.task_ids[name]]
        if name not in scope.groups:
            return []
        child = scope.groups[name][1]
        mine = [t for t in self.pending if t[3] is child]
        return [t[0].id for t in mine] + [i for n in child.groups for i in self._inside(n, child)]

    def _dependencies(self) -> None:
        for task, t, where, scope in self.pending:
            used = {r.task_id for a in task.arguments.values() for r in argument_refs(a)}
            used |= {r.task_id for m in task.settings.volumes for r in argument_refs(m.name)}
            used |= {r.task_id for v in task.settings.env for x in (v.secret, v.config_map)
                     for r in argument_refs(x)}
            if self._is_exit_task(t, scope):       # it runs after its exit handler
                continue
            for dep in t.get("dependentTasks") or []:
                inside = self._inside(dep, scope)
                if not inside:
                    raise YamlRefusal(f"`{dep}` is no task of the pipeline", where)
                if inside and not used & set(inside):
                    task.after.append(inside[0])
        for group, t, where, scope, child in self.group_deps:
            mine_ids = self._inside_scope(child)
            mine = [x for x in self.p.tasks if x.id in mine_ids]
            used = {r.task_id for x in mine for a in x.arguments.values()
                    for r in argument_refs(a)} | {i for x in mine for i in x.after}
            for g in self.p.groups:
                if g.id in self._groups_in(child) or (group is not None and g.id == group.id):
                    for arg in (g.items, g.condition.left if g.condition else None,
                                g.condition.right if g.condition else None):
                        used |= {r.task_id for r in argument_refs(arg)}
            for dep in t.get("dependentTasks") or []:
                inside = self._inside(dep, scope)
                if not inside:
                    raise YamlRefusal(f"`{dep}` is no task of the pipeline", where)
                if not used & set(inside) and mine:
                    mine[0].after.append(inside[0])
        for group, name, scope, where in self.exit_handlers:
            exits = [task for task, t, _, s in self.pending
                     if s is scope and self._is_exit_task(t, s)
                     and (t.get("dependentTasks") or [None])[0] == name]
            if len(exits) != 1:
                raise YamlRefusal("the exit handler has no exit task", where)
            group.exit_task = exits[0].id
        for task in self.p.tasks:
            task.after = list(dict.fromkeys(task.after))

    def _inside_scope(self, child: _Scope) -> set[str]:
        out = {t[0].id for t in self.pending if t[3] is child}
        for _, sub in child.groups.values():
            out |= self._inside_scope(sub)
        return out

    def _groups_in(self, child: _Scope) -> set[str]:
        out = set()
        for g, sub in child.groups.values():
            if g is not None:
                out.add(g.id)
            out |= self._groups_in(sub)
        return out

    def _output_descriptions(self, definitions: dict) -> None:
        docs = {name: (spec or {}).get("description") if isinstance(spec, dict) else None
                for kind in ("parameters", "artifacts")
                for name, spec in (definitions.get(kind) or {}).items()}
        self.p.output_descriptions = {n: docs[n] for n in self.p.outputs
                                      if isinstance(docs.get(n), str) and docs[n]}

    def _outputs(self, outputs: dict, scope: _Scope) -> None:
        """The pipeline's returned outputs: name -> the task output each comes from."""
        where = ("root", "dag", "outputs")
        for kind, field_, key_name in (("parameters", "valueFromParameter", "outputParameterKey"),
                                       ("artifacts", "artifactSelectors", "outputArtifactKey")):
            for name, v in (outputs.get(kind) or {}).items():
                src = (v or {}).get(field_)
                src = src[0] if isinstance(src, list) and len(src) == 1 else src
                if set(v or {}) != {field_} or not isinstance(src, dict):
                    raise YamlRefusal("a pipeline output the reader does not take yet",
                                      where + (kind, name))
                source = "taskOutputParameter" if kind == "parameters" else "taskOutputArtifact"
                self.p.outputs[name] = self._source(source, {
                    "producerTask": src.get("producerSubtask"),
                    key_name: src.get(key_name)}, where + (kind, name), scope)


_RESOURCES = (("resourceCpuRequest", "cpu_request"), ("resourceCpuLimit", "cpu_limit"),
              ("resourceMemoryRequest", "memory_request"),
              ("resourceMemoryLimit", "memory_limit"))
_NUMBERS = {"cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit"}


def _artifact_param(name: str, spec: Any, where: tuple) -> PipelineParam:
    """An artifact input of the pipeline (``data: Input[Dataset]``, a list, optional)."""
    title = ((spec or {}).get("artifactType") or {}).get("schemaTitle") or ""
    cls = title[len("system."):] if title.startswith("system.") else ""
    if not cls.isidentifier() or set(spec) - {"artifactType", "isArtifactList",
                                              "isOptional", "description"}:
        raise YamlRefusal("a pipeline artifact input the reader does not take", where)
    annotation = f"Input[List[{cls}]]" if spec.get("isArtifactList") else f"Input[{cls}]"
    optional = bool(spec.get("isOptional"))
    return PipelineParam(name, f"Optional[{annotation}]" if optional else annotation, None,
                         optional, spec.get("description"))


def _retry(policy: Any, where: tuple) -> Retry:
    """``set_retry``: kfp writes every field (defaults filled in, durations in seconds)."""
    if not isinstance(policy, dict) or set(policy) - {
            "maxRetryCount", "backoffDuration", "backoffFactor", "backoffMaxDuration"}:
        raise YamlRefusal("a retry policy field the reader does not take", where)
    return Retry(policy.get("maxRetryCount") or 0, None, policy.get("backoffDuration"),
                 policy.get("backoffFactor"), policy.get("backoffMaxDuration"))


def _container_settings(container: dict, settings: TaskSettings, where: tuple) -> TaskSettings:
    """``set_env_variable`` and literal ``set_cpu_limit``... written into the executor
    (the numbers kfp derives from them are checked by compiling again)."""
    s: dict[str, Any] = {}
    env = container.get("env")
    if env is not None:
        if not isinstance(env, list) or not all(
                isinstance(e, dict) and set(e) == {"name", "value"} for e in env):
            raise YamlRefusal("an environment variable the reader does not take",
                              where + ("env",))
        s["env"] = tuple(EnvVar(e["name"], e["value"]) for e in env)
    resources = container.get("resources")
    if resources is not None:
        rw = where + ("resources",)
        fields = {k for k, _ in _RESOURCES} | _NUMBERS | {"accelerator"}
        if not isinstance(resources, dict) or set(resources) - fields:
            raise YamlRefusal("a resource the reader does not take", rw)
        for key, field_ in _RESOURCES:
            if key in resources:
                s[field_] = resources[key]
        accel = resources.get("accelerator") or {}
        if set(accel) - {"resourceCount", "count", "resourceType", "type"}:
            raise YamlRefusal("an accelerator field the reader does not take", rw)
        if "resourceCount" in accel:
            s["accelerator_limit"] = accel["resourceCount"]
        if "resourceType" in accel:
            s["accelerator_type"] = accel["resourceType"]
        if any(isinstance(v, str) and "{{" in v for v in s.values()):
            raise YamlRefusal("a resource given by a run-time value is not read yet", rw)
    return replace(settings, **s) if s else settings


def _formatted(text: str, channels: dict[str, Any], where: tuple) -> Any:
    """A string constant holding ``{{$.inputs.parameters['pipelinechannel--x']}}`` and run
    placeholders (an f-string kfp 2 formatted): the values it joins."""
    from designer.compiler.v2_dag import RUN_PLACEHOLDERS
    runs = {v: k for k, v in RUN_PLACEHOLDERS.items()}
    parts: list[Any] = []
    pos = 0
    for m in _FORMATTED.finditer(text):
        if m.start() > pos:
            parts.append(text[pos:m.start()])
        if m.group(1) is not None:
            if m.group(1) not in channels:
                raise YamlRefusal(f"`{m.group(0)}` is no input of the task", where)
            parts.append(channels[m.group(1)])
        elif m.group(0) in runs:
            parts.append(RunPlaceholder(runs[m.group(0)]))
        else:
            parts.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    if len(parts) == 1 and not isinstance(parts[0], str):
        return parts[0]
    return Concat(tuple(parts))


def read_pipeline_spec(docs: list) -> Pipeline:
    """The pipeline of a kfp 2 PipelineSpec (a second document is its platform spec);
    raises YamlRefusal."""
    if len(docs) > 2:
        raise YamlRefusal("a PipelineSpec has at most two documents", (), 2)
    reader = _Reader(docs[0], docs[1] if len(docs) > 1 else None)
    p = reader.read()
    if reader.read_sub_pipelines:
        _check_sub_pipelines(p, docs, reader)
    return p


def _check_sub_pipelines(p: Pipeline, docs: list, reader: _Reader) -> None:
    """A sub-pipeline's name and its parts' are read back from names kfp made unique (the
    ``-2`` of a second use, of a component the caller has too), and the file does not say in
    which order the caller created its tasks, which decides those names: the pipeline read
    must compile to the very documents it was read from, with the tasks in the order read,
    or with the pipeline tasks created after (or before) the others; else it is refused."""
    import yaml as pyyaml

    from designer.compiler.v2 import compile_v2
    from designer.ir import InputError

    from .yaml_v1 import order_tasks
    ref = reader.read_sub_pipelines[0]
    version = str(docs[0].get("sdkVersion") or "").removeprefix("kfp-") or None
    wanted = [d for d in docs if d is not None]
    subs = {c.id for c in reader.sub_pipelines}
    read = list(p.tasks)
    problem = None
    for late in (None, True, False):
        if late is not None:
            p.tasks = sorted(read, key=lambda t: (t.component_id in subs) == late)
            order_tasks(p, reader.task_ids)
        try:
            if list(pyyaml.safe_load_all(compile_v2(p, kfp_version=version))) == wanted:
                return
        except InputError as e:
            problem = problem or e.message
    if problem:
        raise YamlRefusal(f"the pipeline read does not compile again ({problem})",
                          ("components", ref))
    raise YamlRefusal("a sub-pipeline the reader cannot tell exactly (its name, its parts' "
                      "names or its tasks' order) is not read yet", ("components", ref))
