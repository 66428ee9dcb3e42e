"""Components as kfp 2.17.3 compiles them: the interface (``inputDefinitions`` /
``outputDefinitions``) and the executor (``deploymentSpec.executors``) of each kind.

* Function components (``@dsl.component``): ``dsl/component_factory.py`` reads the
  signature: values are parameters; ``Input[...]`` / ``Output[...]``, ``-> Dataset`` and a
  bare artifact class are artifacts; ``InputPath(T)`` / ``OutputPath(T)`` are parameters when
  ``T`` is a parameter type and artifacts otherwise (``system.Artifact`` unless ``T`` names a
  bundled artifact class); ``PipelineTaskFinalStatus`` is an optional TASK_FINAL_STATUS.
* kfp 2 container components (origin "v2"): the same interface; the command and args are
  placeholder strings (``dsl/placeholders.py``).
* Component YAML (origin "spec", ``load_component_from_text/file/url``): kfp 2 converts the
  kfp 1 ``ComponentSpec`` (``structures.ComponentSpec.from_v1_component_spec``): names
  sanitised (``Input text`` -> ``input_text``), types mapped (parameter types by name,
  ``google.*`` kept, bundled artifact names, everything else ``system.Artifact``),
  ``inputPath`` of a parameter or ``inputValue`` of an artifact refused as kfp refuses them.
* kfp 1 ``dsl.ContainerOp`` (origin "op") does not exist in kfp 2: refused.

Each is rendered once per component (``ComponentV2``) and reused by every task using it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from designer.ir import docstrings
from designer.ir.components import (
    Concat,
    ContainerComponent,
    ExecutorInput,
    IfPresent,
    InputPath,
    InputUri,
    InputValue,
    OutputPath,
    OutputUri,
)
from designer.ir.naming import component_name as _human_name
from designer.ir.naming import sanitize_k8s_name
from designer.ir.signature import (
    ARTIFACT,
    PATH,
    InputSpec,
    OutputSpec,
    Signature,
    SignatureError,
    signature_from_source,
)

from . import v2_yaml
from .v2_executor import container, kfp_package_problem
from .v2_types import (
    BOOLEAN,
    COMMENT_TYPE,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    STRING,
    V2TypeError,
    artifact_type,
    default_json,
    parameter_type,
    struct_parameter_type,
    type_struct,
)

TASK_FINAL_STATUS = "TASK_FINAL_STATUS"
FINAL_STATUS = "PipelineTaskFinalStatus"
ARTIFACT_TYPE = "system.Artifact@0.0.1"
_CHANNEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\s_-]*$")
_GOOGLE = re.compile(r"^google.[A-Za-z]+$")


def component_name(function_name: str) -> str:
    """kfp's component name for a function: ``_foo_bar`` -> ``Foo bar`` -> ``foo-bar``."""
    return sanitize_k8s_name(_human_name(function_name))


@dataclass(frozen=True)
class Port:
    """One input or output as kfp 2 holds it (``structures.InputSpec`` / ``OutputSpec``).

    ``type`` is kfp's type string: a parameter type (``Integer``, ``typing.List[int]``...) or
    a bundled artifact type (``system.Dataset@0.0.1``); ``ptype`` the parameter type enum
    (None for artifacts)."""
    name: str
    type: str
    ptype: str | None
    is_artifact_list: bool = False
    optional: bool = False
    default: Any = None
    description: str | None = None

    @property
    def is_artifact(self) -> bool:
        return self.ptype is None

    @property
    def schema(self) -> tuple[str, str]:
        title, version = self.type.split("@")
        return title, version


@dataclass(frozen=True)
class ComponentV2:
    """One component, rendered once: its interface and the YAML of its blocks."""
    k8s_name: str                      # task names are made from it
    inputs: dict[str, Port]            # by kfp input name
    outputs: dict[str, Port]
    arg_names: dict[str, str]          # IR input name -> kfp input name
    out_names: dict[str, str]          # IR output name -> kfp output name
    spec: dict                         # inputDefinitions / outputDefinitions
    executor: dict                     # {"container": ...}
    spec_text: str                     # ``spec`` rendered at indent 4
    executor_text: str                 # ``executor`` rendered at indent 6
    signature: Signature | None = None
    input_types: dict[str, str] = field(default_factory=dict)    # parameters only
    output_types: dict[str, str] = field(default_factory=dict)
    # A pipeline used as a component: its spec compiled on its own (v2_subpipeline.SubSpec),
    # folded into the outer spec per task; ``executor`` is empty then.
    sub: Any = None

    @property
    def is_plain(self) -> bool:
        """Parameters only, no final status: the fast path's world."""
        ports = list(self.inputs.values()) + list(self.outputs.values())
        return all(p.ptype is not None and p.ptype != TASK_FINAL_STATUS for p in ports)


# --- interfaces ----------------------------------------------------------------------

def _last_name(text: str | None) -> str:
    if not text:
        return ""
    head = text.strip().split("[", 1)[0].split("(", 1)[0]
    return head.rsplit(".", 1)[-1].strip()


def _strip_optional(text: str) -> str:
    m = re.match(r"(?:typing\.)?Optional\[(.*)\]\Z", text.strip(), re.S)
    return m.group(1).strip() if m else text


def _artifact(type_text: str | None, where: str) -> tuple[str, bool]:
    """(bundled type, is list) of ``Input[X]``'s X (``Dataset``, ``List[Dataset]``)."""
    text = (type_text or "").strip()
    m = re.match(r"(?:typing\.)?(?:List|list)\[(.*)\]\Z", text)
    inner = m.group(1).strip() if m else text
    bundled = artifact_type(inner)
    if bundled is None:
        raise V2TypeError(f"{where} is an artifact of type `{text}`, which the designer does "
                          "not know (use Artifact, Dataset, Model, Metrics, "
                          "ClassificationMetrics, SlicedClassificationMetrics, HTML or "
                          "Markdown)")
    return bundled, bool(m)


def artifact_annotation(annotation: str | None) -> tuple[str, bool] | None:
    """(bundled type, is list) when an annotation names an artifact the way a kfp 2 function
    takes one as a value (``Dataset``, ``List[Dataset]``, ``Input[Dataset]``,
    ``Input[List[Dataset]]``, each maybe Optional), else None."""
    if not annotation:
        return None
    text = _strip_optional(annotation.strip())
    m = re.match(r"(?:\w+\.)*Input\[(.*)\]\Z", text)
    if m:
        text = m.group(1).strip()
    m = re.match(r"(?:typing\.)?(?:List|list)\[(.*)\]\Z", text)
    inner = m.group(1).strip() if m else text
    if "[" in inner or "(" in inner:
        return None
    bundled = artifact_type(inner)
    return (bundled, bool(m)) if bundled else None


def _path_type(type_text: str | None) -> tuple[str, str | None]:
    """``type_annotations.construct_type_for_inputpath_or_outputpath``: (type, enum)."""
    if type_text:
        bundled = artifact_type(type_text)
        if bundled:
            return bundled, None
        ptype = struct_parameter_type(_last_name(type_text) or type_text)
        if ptype:
            return type_struct(type_text), ptype
    return ARTIFACT_TYPE, None


def _function_input(port: InputSpec, doc: str | None, where: str, *,
                    container: bool) -> Port:
    annotation = port.annotation
    stripped = _strip_optional(annotation) if annotation else None
    if port.type == FINAL_STATUS or _last_name(stripped) == FINAL_STATUS:
        return Port(port.name, FINAL_STATUS, TASK_FINAL_STATUS, optional=True, description=doc)
    if port.passing == ARTIFACT or (port.passing != PATH and artifact_annotation(stripped)):
        if port.passing != ARTIFACT and container:
            raise V2TypeError(f"{where}: container components must wrap artifacts in Input[...]")
        if port.passing == ARTIFACT:
            bundled, is_list = _artifact(port.type, where)
        else:
            bundled, is_list = artifact_annotation(stripped)
        if port.has_default and port.default is not None:
            raise V2TypeError(f"{where}: optional input artifacts may only default to None "
                              f"(kfp 2: 'Optional Input artifacts may only have default value "
                              f"None. Got: {port.default}.')")
        return Port(port.name, bundled, None, is_list, optional=port.has_default,
                    description=doc)
    if port.passing == PATH:
        bundled, ptype = _path_type(port.type)
        if ptype is None:
            return Port(port.name, bundled, None, optional=port.has_default, description=doc)
        return _with_default(Port(port.name, bundled, ptype, description=doc), port, where)
    ptype = parameter_type(annotation, is_input=True, what=where)
    return _with_default(Port(port.name, type_struct(stripped or ""), ptype, description=doc),
                         port, where)


def _with_default(p: Port, port: InputSpec, where: str) -> Port:
    if not port.has_default:
        return p
    default = None if port.default is None else default_json(port.default, p.ptype, where)
    return Port(p.name, p.type, p.ptype, optional=True, default=default,
                description=p.description)


def _function_output(port: OutputSpec, doc: str | None, where: str) -> Port:
    if not _CHANNEL_NAME.match(port.name):
        raise V2TypeError(f"{where}: kfp 2 allows only letters, digits, spaces, '_' and '-' "
                          "here, starting with a letter")
    if port.passing == ARTIFACT or (port.passing != PATH
                                    and artifact_annotation(port.annotation)):
        if port.passing == ARTIFACT:
            bundled, is_list = _artifact(port.type, where)
        else:
            bundled, is_list = artifact_annotation(port.annotation)
        return Port(port.name, bundled, None, is_list, description=doc)
    if port.passing == PATH:
        bundled, ptype = _path_type(port.type)
        return Port(port.name, bundled, ptype, description=doc)
    ptype = parameter_type(port.annotation, is_input=False, what=where)
    return Port(port.name, type_struct(port.annotation or ""), ptype, description=doc)


def _docs(sig: Signature) -> tuple[dict, dict]:
    try:
        return (docstrings.param_descriptions(sig.docstring),
                docstrings.output_descriptions(sig.docstring))
    except Exception as e:  # docstring_parser raises these too, and kfp with it
        raise V2TypeError(f"kfp 2 fails to read its docstring ({type(e).__name__})") from None


def _signature_ports(sig: Signature, *, container: bool) -> tuple[dict, dict]:
    in_docs, out_docs = _docs(sig)
    inputs, outputs = {}, {}
    for port in sig.inputs:
        where = f"input `{port.name}`"
        if port.name == "Output":
            raise V2TypeError(f'{where}: "Output" is an invalid parameter name in kfp 2')
        inputs[port.name] = _function_input(port, in_docs.get(port.name), where,
                                            container=container)
    for port in sig.outputs:
        outputs[port.name] = _function_output(port, out_docs.get(port.name),
                                              f"output `{port.name}`")
    return inputs, outputs


def definitions(inputs: dict[str, Port], outputs: dict[str, Port]) -> dict:
    """``inputDefinitions`` / ``outputDefinitions`` as MessageToDict writes them."""
    spec: dict = {}
    ins = _group_ports(inputs, is_input=True)
    if ins:
        spec["inputDefinitions"] = ins
    outs = _group_ports(outputs, is_input=False)
    if outs:
        spec["outputDefinitions"] = outs
    return spec


def _group_ports(ports: dict[str, Port], *, is_input: bool) -> dict:
    params, arts = {}, {}
    for name, p in ports.items():
        entry: dict = {}
        if p.is_artifact:
            title, version = p.schema
            entry["artifactType"] = {"schemaTitle": title, "schemaVersion": version}
            if p.is_artifact_list:
                entry["isArtifactList"] = True
            if is_input and p.optional:
                entry["isOptional"] = True
            arts[name] = entry
        else:
            entry["parameterType"] = p.ptype
            if is_input and p.optional:
                entry["isOptional"] = True
                if p.default is not None:
                    entry["defaultValue"] = p.default
            params[name] = entry
        if p.description:
            entry["description"] = p.description
    out = {}
    if arts:
        out["artifacts"] = arts
    if params:
        out["parameters"] = params
    return out


def _finish(k8s_name: str, inputs: dict, outputs: dict, executor: dict,
            sig: Signature | None, arg_names: dict, out_names: dict) -> ComponentV2:
    spec = definitions(inputs, outputs)
    return ComponentV2(
        k8s_name, inputs, outputs, arg_names, out_names, spec, executor,
        v2_yaml.render_mapping(spec, 4) if spec else "", v2_yaml.render_mapping(executor, 6),
        sig, {n: p.ptype for n, p in inputs.items() if p.ptype},
        {n: p.ptype for n, p in outputs.items() if p.ptype})


# --- function components -------------------------------------------------------------

@lru_cache(maxsize=512)
def function_component(source: str, base_image: str | None, packages: tuple[str, ...],
                       kfp_version: str, kfp_package_path: str | None = None,
                       pip_index_urls: tuple[str, ...] = (),
                       target_image: str | None = None) -> ComponentV2:
    """A ``@dsl.component`` function (everything that does not depend on its tasks)."""
    try:
        sig = signature_from_source(source)
    except SignatureError as e:
        raise V2TypeError(f"its source is not usable: {e}") from None
    problem = kfp_package_problem(kfp_package_path) if kfp_package_path else None
    if problem:
        raise V2TypeError(f"its kfp_package_path `{kfp_package_path}`: {problem}")
    inputs, outputs = _signature_ports(sig, container=False)
    image = base_image if base_image and base_image.strip() else None
    executor = {"container": container(function_name=sig.function_name, source=source,
                                       base_image=image, packages=list(packages),
                                       kfp_version=kfp_version,
                                       kfp_package_path=kfp_package_path or None,
                                       pip_index_urls=pip_index_urls,
                                       target_image=target_image or None)}
    same = {n: n for n in inputs}
    return _finish(component_name(sig.function_name), inputs, outputs, executor, sig, same,
                   {n: n for n in outputs})


# --- container components ------------------------------------------------------------

def container_component(comp: ContainerComponent) -> ComponentV2:
    if comp.origin == "op":
        raise V2TypeError("it is a kfp 1 dsl.ContainerOp, which kfp 2 does not have (write it "
                          "as a @dsl.container_component or load it as component YAML)")
    if comp.origin == "spec":
        return _spec_component(comp)
    return _v2_container(comp)


def _v2_container(comp: ContainerComponent) -> ComponentV2:
    sig = comp.signature
    inputs, outputs = _signature_ports(sig, container=True)
    for name, port in outputs.items():
        ir = sig.output(name)
        if ir is not None and ir.passing == PATH and port.is_artifact:
            raise V2TypeError(f"output `{name}`: OutputPath of an artifact type in a container "
                              "component is written by kfp 2 as a parameter placeholder; the "
                              "designer does not write it")
    render = _Placeholders(inputs, outputs, {n: n for n in inputs}, {n: n for n in outputs},
                           check=False)
    executor = _container_executor(comp, render)
    return _finish(component_name(sig.function_name), inputs, outputs, executor, sig,
                   {n: n for n in inputs}, {n: n for n in outputs})


def sanitize_input_name(name: str) -> str:
    """``dsl.utils.sanitize_input_name``."""
    return re.sub("[^_0-9a-z]+", "_", name.lower()).lstrip("_").rstrip("_")


def _outer_generic(type_text: str) -> str:
    """``type_utils.get_canonical_name_for_outer_generic``."""
    if type_text.startswith("typing."):
        type_text = type_text[len("typing."):]
    if type_text.lower().startswith(("list", "dict")):
        return type_text.split("[")[0]
    return type_text


def _spec_type(type_text: str | None) -> tuple[str, str | None]:
    """(kfp type, parameter enum) of a v1 component YAML input/output type."""
    if type_text is None or type_text.lstrip().startswith("{"):
        return ARTIFACT_TYPE, None                # no type, or a type with properties
    t = _outer_generic(type_text)
    ptype = {"integer": NUMBER_INTEGER, "int": NUMBER_INTEGER, "double": NUMBER_DOUBLE,
             "float": NUMBER_DOUBLE, "string": STRING, "str": STRING, "text": STRING,
             "bool": BOOLEAN, "boolean": BOOLEAN, "dict": "STRUCT", "list": "LIST",
             "jsonobject": "STRUCT", "jsonarray": "LIST"}.get(t.lower())
    if ptype:
        return {NUMBER_INTEGER: "Integer", NUMBER_DOUBLE: "Float", STRING: "String",
                BOOLEAN: "Boolean", "STRUCT": "Dict", "LIST": "List"}[ptype], ptype
    if _GOOGLE.match(t):
        return f"{t}@0.0.1", None
    return artifact_type(t) or ARTIFACT_TYPE, None


def _strtobool(value: str) -> bool:
    v = value.lower()
    if v in ("y", "yes", "t", "true", "on", "1"):
        return True
    if v in ("n", "no", "f", "false", "off", "0"):
        return False
    raise ValueError(f"invalid truth value {value!r}")


def _v1_default(ptype: str, value: Any, where: str) -> Any:
    """``deserialize_v1_component_yaml_default`` then the default as kfp stores it."""
    if value is None:
        return None
    try:
        if ptype == NUMBER_INTEGER:
            value = int(value)
        elif ptype == NUMBER_DOUBLE:
            value = float(value)
        elif ptype == STRING:
            value = str(value)
        elif ptype == BOOLEAN and isinstance(value, str):
            value = _strtobool(value)
        elif ptype in ("STRUCT", "LIST") and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                pass
    except (TypeError, ValueError) as e:
        raise V2TypeError(f"{where}: kfp 2 cannot read the default {value!r} ({e})") from None
    if ptype in ("STRUCT", "LIST") and isinstance(value, str):
        raise V2TypeError(f"{where}: the default {value!r} is not a {ptype.lower()}; kfp 2 "
                          "fails to store it")
    return default_json(value, ptype, where)


def _spec_component(comp: ContainerComponent) -> ComponentV2:
    _check_spec_shapes(comp.spec_text)
    sig = comp.signature
    inputs, arg_names, outputs, out_names = {}, {}, {}, {}
    for port in sig.inputs:
        name = sanitize_input_name(port.name)
        where = f"input `{port.name}`"
        if port.type == FINAL_STATUS:
            inputs[name] = Port(name, FINAL_STATUS, TASK_FINAL_STATUS, optional=True)
        else:
            ktype, ptype = _spec_type(port.type)
            default = _v1_default(ptype, port.default, where) if ptype and port.has_default \
                else None
            inputs[name] = Port(name, ktype, ptype, optional=port.has_default, default=default)
        arg_names[port.name] = name
    for port in sig.outputs:
        name = sanitize_input_name(port.name)
        ktype, ptype = _spec_type(port.type)
        outputs[name] = Port(name, ktype, ptype)
        out_names[port.name] = name
    render = _Placeholders(inputs, outputs, arg_names, out_names, check=True)
    executor = _container_executor(comp, render)
    return _finish(sanitize_k8s_name(comp.name), inputs, outputs, executor, None, arg_names,
                   out_names)


def _check_spec_shapes(text: str | None) -> None:
    """kfp keeps a YAML ``if``'s ``then``/``else`` as written: a list or one item. The IR
    holds lists; refuse the single-item form rather than write it differently."""
    if not text:
        return
    import yaml
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, RecursionError):   # (ValueError: a 5,000-digit int)
        return
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "if" in node and isinstance(node["if"], dict):
                for key in ("then", "else"):
                    if key in node["if"] and not isinstance(node["if"][key], list):
                        found.append(key)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    if isinstance(data, dict) and ("pipelineInfo" in data or "deploymentSpec" in data):
        raise V2TypeError("it is a compiled kfp 2 component (PipelineSpec YAML); the designer "
                          "compiles kfp 1 component YAML only")
    try:
        walk(((data or {}).get("implementation") or {}).get("container"))
    finally:
        walk = None  # noqa: F841  (a recursive closure is a cycle: see v2_graph)
    if found:
        raise V2TypeError(f"an `if` placeholder's `{found[0]}` is a single item, not a list; "
                          "the designer writes only the list form")


class _Placeholders:
    """IR placeholder parts -> kfp 2's command-line strings."""

    def __init__(self, inputs: dict[str, Port], outputs: dict[str, Port],
                 arg_names: dict[str, str], out_names: dict[str, str], *, check: bool):
        self.inputs, self.outputs = inputs, outputs
        self.arg_names, self.out_names = arg_names, out_names
        self.check = check   # component YAML: kfp checks placeholder vs port kind

    def _input(self, name: str, what: str) -> Port:
        kname = self.arg_names.get(name, sanitize_input_name(name))
        port = self.inputs.get(kname)
        if port is None:
            raise V2TypeError(f"{what} refers to an unknown input `{name}`")
        return port

    def _output(self, name: str, what: str) -> Port:
        kname = self.out_names.get(name, sanitize_input_name(name))
        port = self.outputs.get(kname)
        if port is None:
            raise V2TypeError(f"{what} refers to an unknown output `{name}`")
        return port

    def string(self, part: Any) -> str:
        """The part as one command-line string (``_to_string``)."""
        if isinstance(part, str):
            return part
        if isinstance(part, Concat) and getattr(part, "inline", False):
            return "".join(self.string(p) for p in part.parts)
        if isinstance(part, (Concat, IfPresent)):
            return json.dumps(self.struct(part))
        if isinstance(part, ExecutorInput):
            return "{{$}}"
        if isinstance(part, InputValue):
            port = self._input(part.input, "an inputValue placeholder")
            if self.check and port.is_artifact:
                raise V2TypeError(f'Input "{port.name}" with type "{port.type}" cannot be '
                                  "paired with InputValuePlaceholder.")
            return f"{{{{$.inputs.parameters['{port.name}']}}}}"
        if isinstance(part, (InputPath, InputUri)):
            port = self._input(part.input, "an input placeholder")
            kind = "path" if isinstance(part, InputPath) else "uri"
            if not port.is_artifact:
                cls = "InputPathPlaceholder" if kind == "path" else "InputUriPlaceholder"
                raise V2TypeError(f'Input "{port.name}" with type "{port.type}" cannot be '
                                  f"paired with {cls}.")
            return f"{{{{$.inputs.artifacts['{port.name}'].{kind}}}}}"
        if isinstance(part, OutputPath):
            port = self._output(part.output, "an outputPath placeholder")
            if port.is_artifact:
                return f"{{{{$.outputs.artifacts['{port.name}'].path}}}}"
            return f"{{{{$.outputs.parameters['{port.name}'].output_file}}}}"
        if isinstance(part, OutputUri):
            port = self._output(part.output, "an outputUri placeholder")
            if not port.is_artifact:
                raise V2TypeError(f'Output "{port.name}" with type "{port.type}" cannot be '
                                  "paired with OutputUriPlaceholder.")
            return f"{{{{$.outputs.artifacts['{port.name}'].uri}}}}"
        raise V2TypeError(f"unknown placeholder {part!r}")

    def struct(self, part: Any) -> Any:
        """``convert_command_line_element_to_string_or_struct``."""
        if isinstance(part, Concat) and not getattr(part, "inline", False):
            return {"Concat": [self.struct(p) for p in part.parts]}
        if isinstance(part, IfPresent):
            port = self._input(part.input, "an if-present placeholder")
            body: dict = {"InputName": port.name,
                          "Then": [self.struct(p) for p in part.then]}
            if part.otherwise:
                body["Else"] = [self.struct(p) for p in part.otherwise]
            return {"IfPresent": body}
        return self.string(part)


def _container_executor(comp: ContainerComponent, render: _Placeholders) -> dict:
    body: dict = {"image": comp.image}
    command = [render.string(p) for p in comp.command]
    args = [render.string(p) for p in comp.args]
    if command:
        body["command"] = command
    if args:
        body["args"] = args
    if comp.env:
        body["env"] = [{"name": k, "value": v} for k, v in comp.env.items()]
    return {"container": body}


def comment_type(port: Port) -> str:
    """The header comment's type name of a pipeline input/output."""
    return port.schema[0] if port.is_artifact else COMMENT_TYPE.get(port.ptype, port.ptype)


__all__ = ["Port", "ComponentV2", "function_component", "container_component",
           "component_name", "definitions", "sanitize_input_name", "TASK_FINAL_STATUS",
           "FINAL_STATUS", "comment_type"]
