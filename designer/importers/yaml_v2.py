"""A kfp 2 ``PipelineSpec`` (compiled pipeline YAML) -> the IR.

kfp 2 embeds a function component's source as it was written (``v2_executor``: the module
is the kfp imports plus the function), so the reader takes the function as it is, its base
image and packages from the executor, the pipeline's parameters from
``root.inputDefinitions`` (types, defaults, descriptions), and the tasks of the root DAG
with their arguments (pipeline parameters, upstream outputs, constants), caching options
and ``.after()`` dependencies. What the reader does not take yet (groups, container and
YAML components, platform specs, other task fields) is refused at its YAML node.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Any

from designer.compiler import v2_executor
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir.model import new_id
from designer.ir.naming import sanitize_v2_input_name
from designer.ir.settings import TaskSettings
from designer.ir.signature import SignatureError

from .yaml_doc import YamlRefusal

_ANNOTATION = {"NUMBER_INTEGER": "int", "STRING": "str", "NUMBER_DOUBLE": "float",
               "BOOLEAN": "bool", "LIST": "list", "STRUCT": "dict"}
_MODULE_HEAD = "\n" + v2_executor._IMPORTS + "\n\n"
_PIP = re.compile(r"python3 -m pip install --quiet --no-warn-script-location ((?:'[^']*'|"
                  r"\"[^\"]*\"| )+)")
_INSTALL_HEAD = v2_executor._INSTALL_SCRIPT.split("PIP_DISABLE")[0]
_KFP_PIN = re.compile(r"^kfp==(.+)$")
_READ = {
    "spec": {"components", "deploymentSpec", "pipelineInfo", "root", "schemaVersion",
             "sdkVersion"},
    "component": {"executorLabel", "inputDefinitions", "outputDefinitions"},
    "task": {"cachingOptions", "componentRef", "dependentTasks", "inputs", "taskInfo"},
    "container": {"args", "command", "image"},
    "pipelineInfo": {"name", "description", "displayName"},
    "root": {"dag", "inputDefinitions", "outputDefinitions"},
}


def _only(d: Any, kind: str, where: tuple) -> dict:
    if not isinstance(d, dict):
        raise YamlRefusal(f"a {kind} is not a mapping", where)
    for key in d:
        if key not in _READ[kind]:
            raise YamlRefusal(f"`{key}` (in a {kind}) is not read yet", where + (key,))
    return d


def _typed(value: Any, parameter_type: Any) -> Any:
    """A JSON number kfp wrote for an integer parameter (protobuf keeps numbers as
    doubles: ``5.0``) as the int it was."""
    if parameter_type == "NUMBER_INTEGER" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _packages(command: list, where: tuple) -> tuple[list[str], list]:
    """(the user's packages, the command without the pip prelude)."""
    if command[:2] != ["sh", "-c"] or len(command) < 3 or not isinstance(command[2], str) \
            or not command[2].startswith(_INSTALL_HEAD):
        return [], command
    found: list[str] = []
    version = v2_executor.DEFAULT_KFP_VERSION
    for m in _PIP.finditer(command[2]):
        words = [ast.literal_eval(t.string) for t in tokenize.generate_tokens(
            io.StringIO(m.group(1)).readline) if t.type == tokenize.STRING]
        pin = _KFP_PIN.match(words[0]) if words else None
        if pin and "--no-deps" in words:
            version = pin.group(1)       # the kfp the compiler pins itself
            continue
        found.extend(words)
    if v2_executor.install_command(found, version) != command[:3]:
        raise YamlRefusal("pip options other than the packages (index URLs, a virtual "
                          "environment...) are not read yet", where + (2,))
    return found, command[3:]


def _function(container: dict, where: tuple) -> tuple[str, str | None, list[str]]:
    """(source, base image, packages) of a function component's executor."""
    _only(container, "container", where)
    command = container.get("command") or []
    packages, rest = _packages(command, where + ("command",))
    args = container.get("args") or []
    if (len(rest) != 4 or rest[:2] != ["sh", "-ec"] or rest[2] != v2_executor._RUN_SCRIPT
            or not isinstance(rest[3], str) or not rest[3].startswith(_MODULE_HEAD)
            or args[:3] != ["--executor_input", "{{$}}", "--function_to_execute"]):
        raise YamlRefusal("an executor that is not a kfp 2 function component is not read "
                          "yet", where)
    source = rest[3][len(_MODULE_HEAD):]
    source = source[:-1] if source.endswith("\n\n") else source
    image = container.get("image")
    return source, None if image == v2_executor.DEFAULT_BASE_IMAGE else image, packages


class _Reader:
    def __init__(self, doc: dict):
        self.doc = _only(doc, "spec", ())
        self.p = Pipeline(name="")
        self.components: dict[str, Component] = {}     # comp-x -> component
        self.task_ids: dict[str, str] = {}

    def read(self) -> Pipeline:
        info = _only(self.doc.get("pipelineInfo") or {}, "pipelineInfo", ("pipelineInfo",))
        self.p.name = info.get("name") or ""
        self.p.description = info.get("description")
        self.p.display_name = info.get("displayName")
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
        if set((root.get("inputDefinitions") or {})) - {"parameters"}:
            raise YamlRefusal("pipeline artifact inputs are not read yet",
                              ("root", "inputDefinitions"))
        tasks = ((root.get("dag") or {}).get("tasks") or {})
        if set(root.get("dag") or {}) - {"tasks", "outputs"}:
            raise YamlRefusal("a root DAG field not read yet", ("root", "dag"))
        for name, t in tasks.items():
            where = ("root", "dag", "tasks", name)
            _only(t, "task", where)
            comp = self._component((t.get("componentRef") or {}).get("name"), where)
            settings = TaskSettings()
            if (t.get("cachingOptions") or {}).get("enableCache") is not True:
                settings = TaskSettings(enable_caching=False)
            task = Task(new_id(), name.replace("-", "_"), comp.id, settings=settings)
            self.task_ids[name] = task.id
            self.p.tasks.append(task)
        for (name, t), task in zip(tasks.items(), self.p.tasks):
            self._arguments(task, t, ("root", "dag", "tasks", name))
        self._outputs((root.get("dag") or {}).get("outputs") or {})
        from .yaml_v1 import order_tasks
        order_tasks(self.p, self.task_ids)
        return self.p

    def _outputs(self, outputs: dict) -> None:
        """The pipeline's returned outputs: name -> the task output each comes from."""
        where = ("root", "dag", "outputs")
        for name, v in (outputs.get("parameters") or {}).items():
            src = (v or {}).get("valueFromParameter") or {}
            if set(v or {}) != {"valueFromParameter"} or \
                    src.get("producerSubtask") not in self.task_ids:
                raise YamlRefusal("a pipeline output the reader does not take yet",
                                  where + ("parameters", name))
            self.p.outputs[name] = OutputRef(self.task_ids[src["producerSubtask"]],
                                             src.get("outputParameterKey"))
        for name, v in (outputs.get("artifacts") or {}).items():
            selectors = (v or {}).get("artifactSelectors") or []
            if set(v or {}) != {"artifactSelectors"} or len(selectors) != 1 or \
                    selectors[0].get("producerSubtask") not in self.task_ids:
                raise YamlRefusal("a pipeline output the reader does not take yet",
                                  where + ("artifacts", name))
            self.p.outputs[name] = OutputRef(self.task_ids[selectors[0]["producerSubtask"]],
                                             selectors[0].get("outputArtifactKey"))

    def _component(self, ref: Any, where: tuple) -> Component:
        comps = self.doc.get("components") or {}
        if ref not in comps:
            raise YamlRefusal(f"the task uses no component of the file (`{ref}`)", where)
        spec = _only(comps[ref], "component", ("components", ref))
        label = spec.get("executorLabel")
        executors = ((self.doc.get("deploymentSpec") or {}).get("executors") or {})
        if label not in executors:
            raise YamlRefusal("a component without an executor (a sub-pipeline) is not read "
                              "yet", ("components", ref))
        ewhere = ("deploymentSpec", "executors", label)
        if set(executors[label]) != {"container"}:
            raise YamlRefusal("an executor that is not a container is not read yet", ewhere)
        source, image, packages = _function(executors[label]["container"],
                                            ewhere + ("container",))
        key = (source, image, tuple(packages))
        for comp in self.components.values():   # kfp writes one component per task
            if (comp.source, comp.base_image, tuple(comp.packages_to_install)) == key:
                return comp
        try:
            comp = Component.from_source(source, base_image=image, packages_to_install=packages)
        except SignatureError as e:
            raise YamlRefusal(f"the embedded function: {e}", ewhere) from None
        self.components[ref] = comp
        self.p.components.append(comp)
        return comp

    def _arguments(self, task: Task, t: dict, where: tuple) -> None:
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
        for kind in ("parameters", "artifacts"):
            for name, value in (inputs.get(kind) or {}).items():
                iw = where + ("inputs", kind, name)
                arg = self._value(value, iw)
                if isinstance(arg, Constant):
                    arg = Constant(_typed(arg.value, types.get(name)))
                task.arguments[ports.get(name, name)] = arg
        used = {a.task_id for a in task.arguments.values() if isinstance(a, OutputRef)}
        for dep in t.get("dependentTasks") or []:
            if dep not in self.task_ids:
                raise YamlRefusal(f"`{dep}` is no task of the pipeline", where)
            if self.task_ids[dep] not in used:
                task.after.append(self.task_ids[dep])

    def _value(self, value: Any, where: tuple) -> Any:
        if not isinstance(value, dict) or len(value) != 1:
            raise YamlRefusal("an argument the reader does not take yet", where)
        (kind, v), = value.items()
        if kind == "componentInputParameter":
            return ParamRef(v)
        if kind == "runtimeValue" and isinstance(v, dict) and set(v) == {"constant"}:
            return Constant(v["constant"])
        if kind in ("taskOutputParameter", "taskOutputArtifact") and isinstance(v, dict):
            producer = v.get("producerTask")
            key = v.get("outputParameterKey") or v.get("outputArtifactKey")
            if producer in self.task_ids and key:
                return OutputRef(self.task_ids[producer], key)
        raise YamlRefusal(f"`{kind}` arguments are not read yet", where)


def read_pipeline_spec(docs: list) -> Pipeline:
    """The pipeline of a kfp 2 PipelineSpec (a second document is its platform spec);
    raises YamlRefusal."""
    if len(docs) > 1:
        raise YamlRefusal("platform specs (kfp-kubernetes settings) are not read yet", (), 1)
    return _Reader(docs[0]).read()
