"""A kfp 1.x Argo ``Workflow`` (compiled pipeline YAML) -> the IR, without loss.

The workflow is read back into what the pipeline function built: pipeline parameters
(types, defaults and descriptions from the ``pipelines.kubeflow.org/pipeline_spec``
annotation), one component per distinct ``component_spec`` annotation (function components
with their source: ``yaml_v1_func``), one task per DAG task with its arguments as real
references (``{{inputs.parameters.x}}`` of the template -> the DAG argument -> a pipeline
parameter or an upstream task's output), ``.after()`` dependencies, and the settings kfp
writes into the workflow spec. Task order is the order kfp created the ops in (its names
count ``-2``, ``-3`` in that order).

What the IR cannot hold is refused (``YamlRefusal`` with the path of the YAML node); what
it holds but kfp would write otherwise is found by compiling the result again
(``yaml_check``).
"""
from __future__ import annotations

import functools
import graphlib
import heapq
import json
import re
from dataclasses import dataclass, field
from typing import Any

from designer.compiler import v1_program
from designer.compiler.v1 import ROOT_PARAMETER
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.groups import Condition, Group, ancestors
from designer.ir.model import Concat, LoopItem, RunPlaceholder, new_id
from designer.ir.signature import SignatureError

from .yaml_doc import YamlRefusal
from .yaml_v1_func import NotAFunction, recover
from .yaml_v1_ops import read_op
from .yaml_v1_volumes import read_volume_op
from .yaml_v1_settings import read_dns_config, read_settings

ANN = "pipelines.kubeflow.org/"
_REF = re.compile(r"\{\{([^{}]+)\}\}")
_TASK_OUT = re.compile(r"^tasks\.([^.]+)\.outputs\.(parameters|artifacts)\.(.+)$")
_OUT_PATH = re.compile(r"^/tmp/outputs/(.+)/data$")
_IN_PATH = re.compile(r"^/tmp/inputs/(.+)/data$")
_SUFFIX = re.compile(r"^(.*?)(?:-(\d+))?$")
_GROUP = re.compile(r"^(condition|exit-handler|for-loop)-(?:(.+)-)?(\d+)$")
_WHEN = re.compile(r'^(?P<l>"[^"]*"|\S+) (?P<op>==|!=|<=|>=|<|>) (?P<r>"[^"]*"|\S+)$', re.S)
_RUN = {"workflow.uid": "run_id"}
_ITEM = re.compile(r"^item((?:\.[^.{}]+)*)$")
# What the reader takes from a step's template and a DAG task; any other field is a setting
# or construct it does not read yet, refused at its line rather than dropped.
_READ_FIELDS = {
    "template": {"name", "container", "inputs", "outputs", "metadata", "retryStrategy",
                 "activeDeadlineSeconds", "nodeSelector", "tolerations", "volumes",
                 "resource", "affinity", "sidecars"},
    "container": {"image", "command", "args", "resources", "env", "imagePullPolicy",
                  "volumeMounts", "securityContext"},
    "metadata": {"labels", "annotations"},
    "task": {"name", "template", "arguments", "dependencies"},
    "group task": {"name", "template", "arguments", "dependencies", "when"},
    "group": {"name", "inputs", "outputs", "dag"},
    "loop task": {"name", "template", "arguments", "dependencies", "withItems", "withParam"},
    "loop": {"name", "inputs", "outputs", "dag", "parallelism"},
    "spec": {"entrypoint", "templates", "arguments", "serviceAccountName", "parallelism",
             "onExit", "ttlSecondsAfterFinished", "activeDeadlineSeconds", "imagePullSecrets",
             "nodeSelector", "dnsConfig"},
}


def _only_read(d: Any, kind: str, where: tuple) -> None:
    """Refuse the first field of ``d`` the reader does not take."""
    if not isinstance(d, dict):
        raise YamlRefusal(f"a {kind} is not a mapping", where)
    for key in d:
        if key not in _READ_FIELDS[kind]:
            raise YamlRefusal(f"`{key}` (in a {'workflow spec' if kind == 'spec' else kind}) "
                              "is not read yet", where + (key,))


def is_workflow(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("kind") == "Workflow" and \
        str(doc.get("apiVersion", "")).startswith("argoproj.io/")


def _get(d: Any, *keys: str, where: tuple = ()) -> Any:
    for k in keys:
        if not isinstance(d, dict):
            raise YamlRefusal(f"`{'.'.join(keys)}` is not a mapping", where)
        d = d.get(k)
    return d


def _json_annotation(annotations: dict, key: str, where: tuple) -> Any:
    raw = annotations.get(ANN + key)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        raise YamlRefusal(f"the `{ANN}{key}` annotation is not JSON", where) from None


def deserialize(text: Any, type_: Any) -> Any:
    """The Python value kfp serialised to ``text`` for the kfp type ``type_`` (the text
    itself when no other value gives it back)."""
    from designer.compiler.v1_types import SerializationError, serialize_value
    if not isinstance(text, str):
        return text
    candidates: list[Any] = []
    try:
        if type_ == "Integer":
            candidates.append(int(text))
        elif type_ == "Float":
            candidates.append(float(text))
        elif type_ == "Boolean":
            candidates.append({"True": True, "False": False}[text])
        elif type_ in ("JsonObject", "JsonArray") or (isinstance(type_, str) and type_.startswith(
                ("typing.Dict", "typing.List"))):
            candidates.append(json.loads(text))
    except (ValueError, KeyError):
        pass
    for value in candidates:
        try:
            if serialize_value(value, type_) == text:
                return value
        except SerializationError:
            pass
    return text


class _Reader:
    def __init__(self, doc: dict):
        self.doc = doc
        self.spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
        templates = self.spec.get("templates")
        if not isinstance(templates, list) or not templates:
            raise YamlRefusal("the workflow has no templates", ("spec",))
        self.templates: dict[str, tuple[int, dict]] = {}
        for k, t in enumerate(templates):
            if not isinstance(t, dict) or not isinstance(t.get("name"), str):
                raise YamlRefusal("a template without a name", ("spec", "templates", k))
            self.templates[t["name"]] = (k, t)
        self.pipeline = Pipeline(name="")
        self.components: dict[str, Any] = {}     # component_spec JSON -> component
        self.port_names: dict[str, dict[str, str]] = {}   # component id -> kfp -> IR name
        self.task_ids: dict[str, str] = {}       # DAG task name -> task id
        self.group_names: dict[str, str] = {}    # group DAG task name -> group id
        self.component_of: dict[str, str] = {}   # task id -> component id
        self.components_by_id: dict[str, Any] = {}
        self.group_numbers: dict[str, int] = {}  # group id -> kfp's group counter
        self.pending: list[tuple] = []           # tasks whose arguments are read last
        self.conditions: list[tuple] = []
        self.task_deps: list[tuple] = []
        self.group_deps: list[tuple] = []
        self.op_outputs: dict[str, dict[str, str]] = {}  # ContainerOp step -> kfp -> port
        self.volume_args: dict[str, dict] = {}   # VolumeOp step -> its arguments
        self.volume_ops: dict[str, str] = {}     # VolumeOp task id -> its op name
        self.loops: list[tuple] = []             # loops whose items are read last
        self.loop_args: dict[str, str] = {}      # kfp loop argument name -> loop group id

    # --- the pipeline ---
    def read(self) -> Pipeline:
        meta = self.doc.get("metadata") or {}
        annotations = meta.get("annotations") or {}
        pspec = _json_annotation(annotations, "pipeline_spec", ("metadata", "annotations"))
        if not isinstance(pspec, dict):
            raise YamlRefusal("no `pipelines.kubeflow.org/pipeline_spec` annotation: this "
                              "workflow was not compiled by kfp 1.x", ("metadata",))
        p = self.pipeline
        p.name = pspec.get("name") or ""
        p.description = pspec.get("description")
        inputs = list(pspec.get("inputs") or [])
        last = inputs[-1] if inputs else None
        if isinstance(last, dict) and set(last) == {"name", "default"} and last["name"] == \
                ROOT_PARAMETER and isinstance(last["default"], str) and last["default"]:
            # kfp 1.8.9's compile() adds `pipeline_root=` as this last, untyped parameter.
            p.pipeline_root = last["default"]
            inputs.pop()
        for i in inputs:
            default = i.get("default")
            if default is not None and not i.get("optional"):
                # kfp 1 adds `pipeline_root=` as such a parameter; a function's never is
                raise YamlRefusal(f"the parameter `{i.get('name')}` has a default but is not "
                                  "optional (kfp's pipeline_root), which the designer does "
                                  "not support", ("metadata", "annotations"))
            has_default = bool(i.get("optional")) or default is not None
            p.params.append(PipelineParam(
                i["name"], annotation=_param_annotation(i.get("type")),
                default=deserialize(default, i.get("type")), has_default=has_default,
                description=i.get("description")))
        _only_read(self.spec, "spec", ("spec",))
        self._read_conf()
        entry = self.spec.get("entrypoint")
        if entry not in self.templates:
            raise YamlRefusal(f"the entrypoint `{entry}` is not a template", ("spec",
                                                                              "entrypoint"))
        k, root = self.templates[entry]
        root_scope = _Scope(None, {}, None, ())
        self.exit_task = None
        if "onExit" in self.spec:        # dsl.ExitHandler: its task, then its group
            self.exit_task = self._exit_task(self.spec["onExit"], root_scope)
        self._read_dag(root, ("spec", "templates", k), root_scope)
        for pending in self.pending:          # arguments once every task is known
            self._read_task(*pending)
        for condition in self.conditions:
            self._read_condition(*condition)
        for loop in self.loops:
            self._read_loop_items(*loop)
        self._read_dependencies()
        p.groups.sort(key=lambda g: self.group_numbers[g.id])
        self._read_pull_policy()
        self._order_tasks()
        return p

    def _read_pull_policy(self) -> None:
        """``PipelineConf.set_image_pull_policy`` gives every container without one its
        policy: when every step has one, the commonest is the pipeline's."""
        from collections import Counter
        from dataclasses import replace
        policies = Counter(t.settings.image_pull_policy for t in self.pipeline.tasks)
        if not self.pipeline.tasks or None in policies:
            return
        common = policies.most_common(1)[0][0]
        self.pipeline.conf = replace(self.pipeline.conf, image_pull_policy=common)
        for t in self.pipeline.tasks:
            if t.settings.image_pull_policy == common:
                t.settings = replace(t.settings, image_pull_policy=None)

    def _read_conf(self) -> None:
        from dataclasses import replace
        spec = self.spec
        self.pipeline.conf = replace(
            self.pipeline.conf, parallelism=spec.get("parallelism"),
            ttl_seconds_after_finished=spec.get("ttlSecondsAfterFinished"),
            timeout=spec.get("activeDeadlineSeconds"),
            image_pull_secrets=tuple(s.get("name") for s in spec.get("imagePullSecrets") or []),
            default_node_selector=dict(spec.get("nodeSelector") or {}),
            dns_config=read_dns_config(spec["dnsConfig"], ("spec", "dnsConfig"))
            if "dnsConfig" in spec else None)

    def _read_dag(self, template: dict, where: tuple, scope: "_Scope") -> None:
        if "dag" not in template:
            raise YamlRefusal("the pipeline's template is not a DAG", where)
        tasks = _get(template, "dag", "tasks", where=where) or []
        for k, t in enumerate(tasks):
            tw = where + ("dag", "tasks", k)
            sub = t.get("template") if isinstance(t, dict) else None
            if sub not in self.templates:
                raise YamlRefusal(f"task `{t.get('name')}` uses no template of the workflow", tw)
            sk, sub_t = self.templates[sub]
            scope.tasks[t["name"]] = (t, sub_t)
            if "dag" in sub_t:
                self._group(t, sub_t, scope, tw, ("spec", "templates", sk))
                continue
            _only_read(t, "task", tw)
            comp = self._component(sub_t, ("spec", "templates", sk))
            task = Task(new_id(), t["name"].replace("-", "_"), comp.id, group=scope.group,
                        settings=read_settings(sub_t, ("spec", "templates", sk)))
            self.task_ids[t["name"]] = task.id
            self.component_of[task.id] = comp.id
            self.pipeline.tasks.append(task)
            self.pending.append((task, t, sub_t, scope, tw, ("spec", "templates", sk)))

    def _exit_task(self, name: Any, scope: "_Scope") -> Task:
        """The task ``onExit`` names: it runs outside every DAG, reading the pipeline's
        parameters under their own names."""
        if name not in self.templates:
            raise YamlRefusal(f"`onExit` names no template", ("spec", "onExit"))
        sk, template = self.templates[name]
        comp = self._component(template, ("spec", "templates", sk))
        task = Task(new_id(), name.replace("-", "_"), comp.id,
                    settings=read_settings(template, ("spec", "templates", sk)))
        self.task_ids[name] = task.id
        self.component_of[task.id] = comp.id
        self.pipeline.tasks.append(task)
        params = (template.get("inputs") or {}).get("parameters") or []
        given = {"name": name, "arguments": {"parameters": [
            {"name": x["name"], "value": "{{inputs.parameters.%s}}" % x["name"]}
            for x in params if isinstance(x, dict) and "name" in x]}}
        self.pending.append((task, given, template, scope, ("spec", "onExit"),
                             ("spec", "templates", sk)))
        return task

    def _group(self, t: dict, template: dict, scope: "_Scope", where: tuple,
               twhere: tuple) -> None:
        """A group template (kfp's ``condition-N``...): a Group and its tasks."""
        m = _GROUP.match(t["name"])
        if "withItems" in t or "withParam" in t or (m and m.group(1) == "for-loop"):
            return self._loop(t, template, scope, where, twhere)
        exit_handler = bool(m) and m.group(1) == "exit-handler" and scope.parent is None \
            and self.exit_task is not None and "when" not in t
        if t["name"].startswith(("graph-", "subgraph-")):
            raise YamlRefusal("graph components (`@dsl.graph_component`, recursion) and "
                              "sub-DAG groups are not read: the designer has no such group",
                              where)
        if not m or not exit_handler and (m.group(1) != "condition" or "when" not in t):
            raise YamlRefusal(f"the group `{t['name']}` is not one kfp 1 writes", where)
        _only_read(t, "group task", where)
        _only_read(template, "group", twhere)
        if exit_handler:
            group = Group(new_id(), "exit_handler", exit_task=self.exit_task.id)
        else:
            group = Group(new_id(), "condition", parent=scope.group, name=m.group(2))
        self.group_numbers[group.id] = int(m.group(3))
        self.pipeline.groups.append(group)
        self.group_names[t["name"]] = group.id
        child = _Scope(group.id, _dag_parameters(t), scope, where)
        scope.children[t["name"]] = child
        if not exit_handler:
            self.conditions.append((group, t["when"], scope, where + ("when",)))
        self.group_deps.append((group, t.get("dependencies") or [], scope))
        self._read_dag(template, twhere, child)

    def _loop(self, t: dict, template: dict, scope: "_Scope", where: tuple,
              twhere: tuple) -> None:
        """A ``dsl.ParallelFor``: a ``for-loop-N`` task run over ``withItems`` (a literal
        list) or ``withParam`` (a parameter, an output, an outer item's field)."""
        m = _GROUP.match(t["name"])
        if not m or m.group(1) != "for-loop" or m.group(2) or \
                ("withItems" in t) == ("withParam" in t):
            raise YamlRefusal(f"the loop `{t['name']}` is not one kfp 1 writes", where)
        _only_read(t, "loop task", where)
        _only_read(template, "loop", twhere)
        parallelism = template.get("parallelism")
        if parallelism is not None and (not isinstance(parallelism, int) or parallelism < 1):
            raise YamlRefusal("the loop's parallelism is not a positive number",
                              twhere + ("parallelism",))
        group = Group(new_id(), "loop", parent=scope.group, parallelism=parallelism)
        self.group_numbers[group.id] = int(m.group(3))
        self.pipeline.groups.append(group)
        self.group_names[t["name"]] = group.id
        args = _dag_parameters(t)
        for name, value in args.items():     # the loop argument: what `{{item}}` is given to
            item = _ITEM.match(value[2:-2]) if isinstance(value, str) and _REF.fullmatch(
                value) else None
            suffix = "".join("-subvar-" + f for f in item.group(1).split(".")[1:]) if item \
                else ""
            if item and name.endswith(suffix):
                self.loop_args[name[:len(name) - len(suffix)]] = group.id
        child = _Scope(group.id, args, scope, where)
        scope.children[t["name"]] = child
        self.loops.append((group, t, scope, where))
        self.group_deps.append((group, t.get("dependencies") or [], scope))
        self._read_dag(template, twhere, child)

    def _read_loop_items(self, group: Group, t: dict, scope: "_Scope", where: tuple) -> None:
        if "withItems" in t:
            items = t["withItems"]
            if not isinstance(items, list):
                raise YamlRefusal("`withItems` is not a list", where + ("withItems",))
            group.items = Constant(items)
            return
        given = t["withParam"]
        ref = _REF.fullmatch(given) if isinstance(given, str) else None
        if not ref:
            raise YamlRefusal("`withParam` is not one `{{...}}` reference", where + ("withParam",))
        inner = ref.group(1)
        if inner.startswith("workflow.parameters."):
            name = inner[len("workflow.parameters."):]
            if self.pipeline.param(name) is not None:
                group.items = ParamRef(name)
                return
            # kfp 1.8.9 writes a loop over an outer loop's item field this way
            outer = next(((base, g) for base, g in self.loop_args.items()
                          if name.startswith(base + "-subvar-")), None)
            if outer is None:
                raise YamlRefusal(f"`{name}` is neither a pipeline parameter nor a loop item",
                                  where + ("withParam",))
            fields = name[len(outer[0] + "-subvar-"):].split("-subvar-")
            group.items = LoopItem(outer[1], tuple(fields))
            return
        group.items = self._reference(inner, scope, where + ("withParam",))

    def _read_condition(self, group: Group, when: Any, scope: "_Scope", where: tuple) -> None:
        m = _WHEN.match(when) if isinstance(when, str) else None
        if not m:
            raise YamlRefusal("the condition is not `left operator right`", where)
        sides = []
        for side in (m.group("l"), m.group("r")):
            quoted = side.startswith('"') and side.endswith('"') and len(side) >= 2
            text = side[1:-1] if quoted else side
            ref = _REF.fullmatch(text)
            if ref:
                sides.append(self._reference(ref.group(1), scope, where))
            elif quoted:
                sides.append(Constant(text))
            else:
                sides.append(Constant(_number(text)))
        group.condition = Condition(sides[0], m.group("op"), sides[1])

    # --- a task and its component ---
    def _component(self, template: dict, where: tuple) -> Any:
        _only_read(template, "template", where)
        _only_read(template.get("container") or {}, "container", where + ("container",))
        meta = template.get("metadata") or {}
        _only_read(meta, "metadata", where + ("metadata",))
        annotations = meta.get("annotations") or {}
        spec = _json_annotation(annotations, "component_spec", where + ("metadata",))
        if spec is None:            # a dsl.ContainerOp or VolumeOp
            name = template["name"]
            base, n = _SUFFIX.match(name).groups()
            op_name = base if n and base in self.templates else name
            if "resource" in template:
                comp, self.volume_args[name], outputs = read_volume_op(template, op_name, where)
                inputs: dict[str, str] = {}
            else:
                read = read_op(template, op_name, where)
                comp, inputs, outputs = read.component, read.inputs, read.outputs
            self.components_by_id[comp.id] = comp
            self.pipeline.components.append(comp)
            self.port_names[comp.id] = inputs
            self.op_outputs[name] = outputs
            return comp
        if "implementation" not in spec:
            raise YamlRefusal("a ContainerOp made by a kfp 1 `@dsl.component` factory (a "
                              "component spec without implementation) is not read",
                              where + ("metadata", "annotations"))
        ref = _json_annotation(annotations, "component_ref", where + ("metadata",))
        key = annotations[ANN + "component_spec"]
        if key in self.components:
            return self.components[key]
        if ref:
            raise YamlRefusal("a component loaded from a component YAML file is not read yet",
                              where + ("metadata", "annotations"))
        try:
            found = recover(spec)
            comp = Component.from_source(found.source, base_image=found.base_image,
                                         packages_to_install=found.packages)
            info = v1_program.component_from_source(comp)
        except (NotAFunction, SignatureError) as e:
            raise YamlRefusal(f"component `{spec.get('name')}`: {e}", where) from None
        self.components[key] = comp
        self.components_by_id[comp.id] = comp
        self.pipeline.components.append(comp)
        self.port_names[comp.id] = {v: k for k, v in info.port_names.items()}
        return comp

    def _read_task(self, task: Task, t: dict, template: dict, scope: "_Scope", where: tuple,
                   twhere: tuple) -> None:
        comp = self.components_by_id[task.component_id]
        dag_args = _dag_parameters(t)
        arts = {a["name"]: a for a in (t.get("arguments") or {}).get("artifacts") or []}
        if template["name"] in self.volume_args:
            self.volume_ops[task.id] = template["name"]
            for port, value in self.volume_args[template["name"]].items():
                task.arguments[port] = value if isinstance(value, Constant) else \
                    self._argument(value, None, dag_args, scope, where)
            self.task_deps.append((task, t.get("dependencies") or [], scope))
            return None
        if template["name"] in self.op_outputs:
            return self._read_op_task(task, t, dag_args, arts, scope, where)
        values = _json_annotation((template.get("metadata") or {}).get("annotations") or {},
                                  "arguments.parameters", twhere) or {}
        names = self.port_names[comp.id]
        for kfp_name, text in values.items():
            port = names.get(kfp_name, kfp_name)
            task.arguments[port] = self._argument(text, _kfp_type(template, kfp_name),
                                                  dag_args, scope, where)
        for art in (template.get("inputs") or {}).get("artifacts") or []:
            m = _IN_PATH.match(art.get("path", ""))
            if not m:
                raise YamlRefusal(f"input artifact `{art.get('name')}` is not at a kfp path",
                                  twhere + ("inputs",))
            port = names.get(m.group(1), m.group(1))
            given = arts.get(art["name"], {})
            if "raw" in art:     # a value kfp writes into the template itself (a string
                # made of parameters, outputs, run placeholders, or a constant)
                task.arguments[port] = self._argument((art["raw"] or {}).get("data"), None,
                                                      dag_args, scope, where)
            elif "raw" in given:
                task.arguments[port] = Constant((given["raw"] or {}).get("data"))
            elif "from" in given:
                task.arguments[port] = self._reference(given["from"][2:-2], scope, where)
            else:
                raise YamlRefusal(f"input artifact `{art['name']}` is given no value", where)
        self._volume_claims(task, dag_args, scope, where)
        self.task_deps.append((task, t.get("dependencies") or [], scope))

    def _volume_claims(self, task: Task, dag_args: dict, scope: "_Scope",
                       where: tuple) -> None:
        """Claims and environment values given by run-time values (a parameter, an output)
        as references."""
        from dataclasses import replace

        def run_time(value: Any) -> bool:
            return isinstance(value, str) and "{{" in value
        s = task.settings
        if any(run_time(m.name) for m in s.volumes) or any(run_time(v.value) for v in s.env):
            task.settings = replace(s, volumes=tuple(
                self._volume_mount(replace(m, name=self._argument(m.name, None, dag_args,
                                                                  scope, where)))
                if run_time(m.name) else m for m in s.volumes), env=tuple(
                replace(v, value=self._argument(v.value, None, dag_args, scope, where))
                if run_time(v.value) else v for v in s.env))

        def value(text: Any) -> Any:
            return self._argument(text, None, dag_args, scope, where) if run_time(text) \
                else text
        if task.settings.sidecars:
            sidecars = tuple(replace(sc, image=value(sc.image),
                                     command=tuple(map(value, sc.command)),
                                     args=tuple(map(value, sc.args)))
                             for sc in task.settings.sidecars)
            if any(_refs(w) for sc in sidecars for w in (sc.image, *sc.command, *sc.args)):
                raise YamlRefusal("a sidecar given a task's output is not read (the designer "
                                  "takes pipeline parameters there)", where)
            task.settings = replace(task.settings, sidecars=sidecars)

    def _volume_mount(self, mount: Any) -> Any:
        """``vop.volume``: a claim named by a VolumeOp's ``name`` output, in a volume named
        after the VolumeOp."""
        from dataclasses import replace
        ref = mount.name
        if isinstance(ref, OutputRef) and ref.output == "name" and \
                ref.task_id in self.volume_ops and mount.source == "pvc" and \
                mount.volume_name in (None, self.volume_ops[ref.task_id]):
            return replace(mount, volume_task=ref.task_id, volume_name=None)
        return mount

    def _read_op_task(self, task: Task, t: dict, dag_args: dict, arts: dict, scope: "_Scope",
                      where: tuple) -> None:
        """A ContainerOp's inputs are the values it was given, each one reference."""
        for kfp_name, port in self.port_names[task.component_id].items():
            given = dag_args.get(kfp_name)
            if given is None:
                given = (arts.get(kfp_name) or {}).get("from")
            ref = _REF.fullmatch(given) if isinstance(given, str) else None
            if not ref:
                raise YamlRefusal(f"the step's input `{kfp_name}` is not given one reference",
                                  where)
            task.arguments[port] = self._reference(ref.group(1), scope, where)
        self._volume_claims(task, dag_args, scope, where)
        self.task_deps.append((task, t.get("dependencies") or [], scope))

    def _argument(self, text: Any, type_: Any, dag_args: dict, scope: "_Scope",
                  where: tuple) -> Any:
        if not isinstance(text, str):
            return Constant(text)
        parts: list[Any] = []
        pos = 0
        for m in _REF.finditer(text):
            if m.start() > pos:
                parts.append(text[pos:m.start()])
            inner = m.group(1)
            if inner.startswith("inputs.parameters."):
                given = dag_args.get(inner[len("inputs.parameters."):])
                ref = _REF.fullmatch(given) if isinstance(given, str) else None
                if not ref:
                    raise YamlRefusal(f"`{{{{{inner}}}}}` is not given by the DAG task", where)
                parts.append(self._reference(ref.group(1), scope, where))
            elif inner in _RUN:
                parts.append(RunPlaceholder(_RUN[inner]))
            else:
                parts.append(m.group(0))
            pos = m.end()
        if pos < len(text):
            parts.append(text[pos:])
        if len(parts) == 1 and not isinstance(parts[0], str):
            return parts[0]
        if all(isinstance(x, str) for x in parts):
            return Constant(deserialize(text, type_))
        return Concat(tuple(parts))

    def _reference(self, inner: str, scope: "_Scope", where: tuple) -> Any:
        """What ``{{inner}}`` is, written in the DAG of ``scope``."""
        if inner in _RUN:
            return RunPlaceholder(_RUN[inner])
        if inner.startswith(("inputs.parameters.", "inputs.artifacts.")):
            name = inner.split(".", 2)[2]
            if scope.parent is not None:      # given by the task that runs this group
                given = scope.args.get(name)
                ref = _REF.fullmatch(given) if isinstance(given, str) else None
                if not ref:
                    raise YamlRefusal(f"`{{{{{inner}}}}}` is not given to the group", where)
                item = _ITEM.match(ref.group(1))
                if item:                    # the item of the loop this scope is
                    return LoopItem(scope.group, tuple(f for f in item.group(1).split(".") if f))
                return self._reference(ref.group(1), scope.parent, scope.where)
            if self.pipeline.param(name) is None:
                raise YamlRefusal(f"`{name}` is not a pipeline parameter", where)
            return ParamRef(name)
        m = _TASK_OUT.match(inner)
        if m and m.group(1) in scope.children:       # an output made inside a group
            child = scope.children[m.group(1)]
            template = scope.tasks[m.group(1)][1]
            outs = (template.get("outputs") or {}).get(m.group(2)) or []
            out = next((o for o in outs if o.get("name") == m.group(3)), None) or {}
            given = (out.get("valueFrom") or {}).get("parameter") or out.get("from")
            ref = _REF.fullmatch(given) if isinstance(given, str) else None
            if not ref:
                raise YamlRefusal(f"`{{{{{inner}}}}}` is no output of the group", where)
            return self._reference(ref.group(1), child, child.where)
        if m and m.group(1) in self.op_outputs and m.group(1) in self.task_ids:
            port = self.op_outputs[m.group(1)].get(m.group(3))
            if port is None:
                raise YamlRefusal(f"`{{{{{inner}}}}}` is no output of the step", where)
            return OutputRef(self.task_ids[m.group(1)], port)
        if m:
            producer = m.group(1)
            # the producer's template names each output after its file /tmp/outputs/NAME/data
            template = self.templates.get(producer, (0, {}))[1]
            declared = template.get("outputs") or {}
            # kfp 1 may prune the parameter and keep the artifact of the same name
            outs = (declared.get(m.group(2)) or []) + (declared.get(
                "artifacts" if m.group(2) == "parameters" else "parameters") or [])
            out = next((o for o in outs if o.get("name") == m.group(3)), None)
            path = (out or {}).get("path") or ((out or {}).get("valueFrom") or {}).get("path")
            pm = _OUT_PATH.match(path or "")
            if producer not in self.task_ids or not pm:
                raise YamlRefusal(f"`{{{{{inner}}}}}` is no output of an earlier task", where)
            task_id = self.task_ids[producer]
            comp_id = self.component_of[task_id]
            return OutputRef(task_id, self.port_names[comp_id].get(pm.group(1), pm.group(1)))
        raise YamlRefusal(f"`{{{{{inner}}}}}` is not a value the designer can represent", where)

    # --- dependencies: what data does not explain is .after() ---
    def _inside(self, name: str, scope: "_Scope") -> list[str]:
        """Task ids of the DAG task ``name`` of ``scope`` (a step, or a group's tasks)."""
        if name in self.task_ids:
            return [self.task_ids[name]]
        child = scope.children.get(name)
        if child is None:
            return []
        # the group's own tasks first: `.after(x)` names a task directly inside more often
        direct = [self.task_ids[n] for n in child.tasks if n in self.task_ids]
        return direct + [i for n in child.children for i in self._inside(n, child)]

    def _read_dependencies(self) -> None:
        for task, deps, scope in self.task_deps:
            used = {r.task_id for a in task.arguments.values() for r in _refs(a)}
            used |= {r.task_id for m in task.settings.volumes for r in _refs(m.name)}
            used |= {r.task_id for v in task.settings.env for r in _refs(v.value)}
            for name in deps:
                inside = self._inside(name, scope)
                if inside and not used & set(inside):
                    task.after.append(inside[0])
        for group, deps, scope in self.group_deps:
            mine = [t for t in self.pipeline.tasks if t.group is not None and any(
                g.id == group.id for g in ancestors(self.pipeline, t.group))]
            used = {r.task_id for t in mine for a in t.arguments.values() for r in _refs(a)}
            used |= {i for t in mine for i in t.after}
            cond = group.condition
            used |= {r.task_id for side in ((cond.left, cond.right) if cond else ())
                     for r in _refs(side)}
            used |= {r.task_id for r in _refs(group.items)} if group.items is not None else set()
            for name in deps:
                inside = self._inside(name, scope)
                if inside and not used & set(inside) and mine:
                    mine[0].after.append(inside[0])

    def _order_tasks(self) -> None:
        for t in self.pipeline.tasks:
            t.after = list(dict.fromkeys(t.after))
        order_tasks(self.pipeline, self.task_ids)


@dataclass
class _Scope:
    """A DAG being read: the pipeline's (``group`` None) or a group's, with the parameters
    the task that runs the group gives it (``args``, written in the parent's DAG)."""
    group: str | None
    args: dict[str, Any]
    parent: "_Scope | None"
    where: tuple
    tasks: dict[str, tuple[dict, dict]] = field(default_factory=dict)   # name -> (task, template)
    children: dict[str, "_Scope"] = field(default_factory=dict)         # group task -> scope


def _dag_parameters(t: dict) -> dict[str, Any]:
    args = t.get("arguments") or {}
    return {a["name"]: a.get("value") for a in args.get("parameters") or []
            if isinstance(a, dict) and "name" in a}


def _number(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _refs(arg: Any) -> list:
    from designer.ir.model import argument_refs
    return argument_refs(arg)


def _kfp_type(template: dict, input_name: str) -> Any:
    annotations = (template.get("metadata") or {}).get("annotations") or {}
    return _input_types(annotations.get(ANN + "component_spec") or "{}").get(input_name)


@functools.lru_cache(maxsize=256)
def _input_types(spec_json: str) -> dict[str, Any]:
    """Input name -> kfp type of a component_spec annotation (parsed once per component)."""
    try:
        spec = json.loads(spec_json)
    except ValueError:
        return {}
    return {i.get("name"): i.get("type") for i in spec.get("inputs") or []
            if isinstance(i, dict)}


def _param_annotation(type_: Any) -> str | None:
    from .yaml_v1_func import type_annotation
    try:
        return type_annotation(type_)
    except NotAFunction:
        raise YamlRefusal(f"the pipeline parameter type {type_!r} is not a Python annotation",
                          ("metadata", "annotations")) from None


def order_tasks(p: Pipeline, task_ids: dict[str, str]) -> None:
    """``p.tasks`` in the order kfp created them: upstream first, ``x`` before ``x-2`` (its
    names count in creation order); ``task_ids``: kfp task name -> task id. Raises
    graphlib.CycleError."""
    by_name = {v: k for k, v in task_ids.items()}
    graph: dict[str, set[str]] = {t.id: set(t.upstream_ids()) for t in p.tasks}
    for t in p.tasks:      # a group reading an output is entered after its producer ran
        for g in ancestors(p, t.group):
            sides = (g.condition.left, g.condition.right) if g.condition else ()
            graph[t.id] |= {r.task_id for x in (*sides, g.items) for r in _refs(x)
                            if r.task_id in graph and r.task_id != t.id}
    counted: dict[str, list[tuple[int, str]]] = {}
    for t in p.tasks:
        base, n = _SUFFIX.match(by_name[t.id]).groups()
        counted.setdefault(base, []).append((int(n) if n else 1, t.id))
    for chain in counted.values():
        chain.sort()
        for (_, a), (_, b) in zip(chain, chain[1:]):
            graph[b].add(a)
    position = {t.id: k for k, t in enumerate(p.tasks)}
    sorter = graphlib.TopologicalSorter(graph)
    sorter.prepare()
    ready: list[tuple[int, str]] = []
    out = []
    while sorter.is_active():
        for i in sorter.get_ready():
            heapq.heappush(ready, (position[i], i))
        _, first = heapq.heappop(ready)
        out.append(first)
        sorter.done(first)
    order = {i: k for k, i in enumerate(out)}
    p.tasks.sort(key=lambda t: order[t.id])


def read_workflow(doc: dict) -> Pipeline:
    """The pipeline of a kfp 1.x workflow; raises YamlRefusal."""
    try:
        return _Reader(doc).read()
    except graphlib.CycleError:
        raise YamlRefusal("the tasks depend on each other in a cycle", ("spec",)) from None
