"""kfp 1.8.9 component specs: what every task of a component shares, and its command line.

``ComponentInfo`` is kfp's ``ComponentSpec`` as the compiler uses it: the interface (types
as kfp holds them: a string, or a dict such as ``{GCSPath: {...}}`` in a YAML spec), the
container (command and args as kfp's serialised placeholders: ``{"inputValue": "x"}``...),
and the two annotations kfp writes on each template (``component_spec``: the spec's
``to_dict()`` as sorted JSON; ``component_ref``: how it was loaded).

Where specs come from:

* ``v1_program.component_from_source``: a Python function (``create_component_from_func``);
* ``spec_component``: a component YAML (``load_component_from_text/file/url``), read with
  ``safe_load`` and normalised as kfp's ``ComponentSpec.from_dict(...).to_dict()`` does; the
  reference holds the SHA-256 of the text (and the file name or URL it was loaded from);
* ``v2_container_spec``: a kfp 2 ``@dsl.container_component``. kfp 1.8.9 cannot load those;
  the designer compiles it as the equivalent kfp 1 component YAML (``equivalent_spec_text``,
  kfp's own ``ComponentSpec.save`` format) loaded with ``load_component_from_text``.

``resolve_command_line`` is ``_components._resolve_command_line_and_paths`` with kfp 1's
placeholder resolver, over those serialised placeholders.
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Mapping

import yaml

from designer.ir import InputError
from designer.ir.components import (Concat, ContainerComponent, ExecutorInput, IfPresent,
                                    InputPath, InputUri, InputValue, OutputPath, OutputUri)
from designer.ir.naming import sanitize_file_name
from designer.ir.signature import ARTIFACT

from . import yaml_emit
from .v1_types import SerializationError, kfp_type_name, serialize_value

DEFAULT_VERSION = "google.com/cloud/pipelines/component/v1"


@dataclass(frozen=True)
class InputInfo:
    name: str
    type: Any = None                 # str, or a dict/list type of a YAML spec
    description: str | None = None
    default: Any = None              # as in the spec (kfp serialises function defaults)
    optional: bool = False
    annotations: dict | None = None

    def to_struct(self) -> dict[str, Any]:
        """``InputSpec.to_dict()``: fields equal to their defaults are left out."""
        d: dict[str, Any] = {"name": self.name}
        if self.type is not None:
            d["type"] = self.type
        if self.description is not None:
            d["description"] = self.description
        if self.default is not None:
            d["default"] = self.default
        if self.optional:
            d["optional"] = True
        if self.annotations is not None:
            d["annotations"] = self.annotations
        return d


@dataclass(frozen=True)
class OutputInfo:
    name: str
    type: Any = None
    description: str | None = None
    annotations: dict | None = None

    def to_struct(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name}
        if self.type is not None:
            d["type"] = self.type
        if self.description is not None:
            d["description"] = self.description
        if self.annotations is not None:
            d["annotations"] = self.annotations
        return d


@dataclass(frozen=True)
class ComponentInfo:
    """What every task of one component shares."""
    name: str                         # "Print and return number"
    description: str | None
    inputs: tuple[InputInfo, ...]
    outputs: tuple[OutputInfo, ...]
    image: str
    command: tuple[Any, ...]          # strings and placeholder dicts, as in the spec
    args: tuple[Any, ...]
    spec_json: str                    # the pipelines.kubeflow.org/component_spec annotation
    ref_json: str = "{}"              # the pipelines.kubeflow.org/component_ref annotation
    env: tuple[tuple[str, Any], ...] = ()
    file_outputs: tuple[tuple[str, str], ...] = ()
    annotations: tuple[tuple[str, Any], ...] = ()     # metadata.annotations
    labels: tuple[tuple[str, Any], ...] = ()          # metadata.labels
    # For function components: the IR port name (function parameter) of each kfp port.
    port_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_inputs", {i.name: i for i in self.inputs})
        object.__setattr__(self, "_outputs", {o.name: o for o in self.outputs})

    def input(self, name: str) -> InputInfo | None:
        return self._inputs.get(name)  # type: ignore[attr-defined]

    def output(self, name: str) -> OutputInfo | None:
        return self._outputs.get(name)  # type: ignore[attr-defined]


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True)


# --- component YAML (kfp components/_structures.py, modelbase.py) ---
@yaml_emit.pyyaml_5_4_1
class _Loader(yaml.SafeLoader):
    """kfp's ``load_yaml``: safe_load as PyYAML 5.4.1 resolves plain scalars."""


class SpecError(ValueError):
    """kfp 1.8.9 would refuse this component spec; the message says why."""


_PORT_PLACEHOLDERS = {"inputValue": "input", "inputPath": "input", "inputUri": "input",
                      "inputMetadata": "input", "inputOutputPortName": "input",
                      "isPresent": "input", "outputPath": "output", "outputUri": "output"}


def _keys(d: Any, allowed: tuple[str, ...], what: str) -> dict:
    if not isinstance(d, dict):
        raise SpecError(f"{what} must be a mapping, not {d!r}")
    unknown = [k for k in d if k not in allowed]
    if unknown:
        raise SpecError(f"{what} has an unknown field `{unknown[0]}`")
    return d


def _optional_str(d: dict, key: str, what: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise SpecError(f"{what}: `{key}` must be a string, not {value!r}")
    return value


def _placeholder(part: Any, ports: tuple[set, set], what: str) -> Any:
    """One command-line item, normalised as its ModelBase class writes it back."""
    if isinstance(part, str):
        return part
    if isinstance(part, dict) and len(part) == 1:
        (key, value), = part.items()
        if key in _PORT_PLACEHOLDERS:
            kind = _PORT_PLACEHOLDERS[key]
            if not isinstance(value, str) or value not in ports[kind == "output"]:
                raise SpecError(f"{what}: `{{{key}: {value}}}` references a non-existing {kind}")
            return {key: value}
        if key in ("executorInput", "outputMetadata"):
            if value:
                raise SpecError(f"{what}: `{key}` takes no value")
            return {key: None}
        if key == "concat":
            if not isinstance(value, list):
                raise SpecError(f"{what}: `concat` takes a list")
            return {"concat": [_placeholder(p, ports, what) for p in value]}
        if key == "if":
            cond = _keys(value, ("cond", "then", "else"), f"{what}: `if`")
            if "cond" not in cond or "then" not in cond:
                raise SpecError(f"{what}: `if` needs `cond` and `then`")
            c = cond["cond"]
            if not isinstance(c, (bool, str)):
                c = _placeholder(c, ports, what)
                if next(iter(c)) not in ("isPresent", "inputValue"):
                    raise SpecError(f"{what}: the condition of `if` is {c!r}")
            out: dict[str, Any] = {"cond": c, "then": _branch(cond["then"], ports, what)}
            if cond.get("else") is not None:
                out["else"] = _branch(cond["else"], ports, what)
            return {"if": out}
    raise SpecError(f"{what}: unexpected command-line item {part!r}")


def _branch(value: Any, ports: tuple[set, set], what: str) -> Any:
    if isinstance(value, list):
        return [_placeholder(p, ports, what) for p in value]
    return _placeholder(value, ports, what)


def _str_dict(value: Any, what: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise SpecError(f"{what} must be a mapping")
    return dict(value)


def normalise_spec(data: Any) -> dict[str, Any]:
    """``ComponentSpec.from_dict(data).to_dict()`` for a container component."""
    spec = _keys(data, ("name", "description", "metadata", "inputs", "outputs",
                        "implementation", "version"), "the component spec")
    out: dict[str, Any] = {}
    for key in ("name", "description"):
        if _optional_str(spec, key, "the component spec") is not None:
            out[key] = spec[key]
    if spec.get("metadata") is not None:
        meta = _keys(spec["metadata"], ("annotations", "labels"), "metadata")
        out["metadata"] = {k: _str_dict(meta[k], f"metadata.{k}") for k in
                           ("annotations", "labels") if meta.get(k) is not None}
    port_names: tuple[set, set] = (set(), set())
    for kind, fields_ in (("inputs", ("name", "type", "description", "default", "optional",
                                      "annotations")),
                          ("outputs", ("name", "type", "description", "annotations"))):
        ports = spec.get(kind)
        if ports is None:
            continue
        if not isinstance(ports, list):
            raise SpecError(f"`{kind}` must be a list")
        names = port_names[kind == "outputs"]
        items = []
        for port in ports:
            port = _keys(port, fields_, f"an entry of `{kind}`")
            name = port.get("name")
            if not isinstance(name, str):
                raise SpecError(f"an entry of `{kind}` has no name")
            if name in names:
                raise SpecError(f'Non-unique {kind[:-1]} name "{name}"')
            names.add(name)
            item: dict[str, Any] = {"name": name}
            if port.get("type") is not None:
                if not isinstance(port["type"], (str, dict, list)):
                    raise SpecError(f"{kind[:-1]} `{name}`: type {port['type']!r}")
                item["type"] = port["type"]
            if _optional_str(port, "description", f"{kind[:-1]} `{name}`") is not None:
                item["description"] = port["description"]
            if port.get("default") is not None:
                if not isinstance(port["default"], (str, int, float, bool)):
                    raise SpecError(f"input `{name}`: default {port['default']!r}")
                item["default"] = port["default"]
            optional = port.get("optional", False)
            if optional is not None and not isinstance(optional, bool):
                raise SpecError(f"input `{name}`: optional must be true or false")
            if optional:
                item["optional"] = optional
            if port.get("annotations") is not None:
                item["annotations"] = _str_dict(port["annotations"], f"{kind[:-1]} `{name}`")
            items.append(item)
        out[kind] = items
    impl = spec.get("implementation")
    if impl is None:
        raise SpecError("the component has no implementation")
    impl = _keys(impl, ("container", "graph"), "implementation")
    if "container" not in impl:
        raise SpecError("only container components can be compiled (this one is a graph)")
    container = _keys(impl["container"], ("image", "command", "args", "env", "fileOutputs"),
                      "implementation.container")
    if not isinstance(container.get("image"), str):
        raise SpecError("implementation.container needs an image")
    c: dict[str, Any] = {"image": container["image"]}
    for key in ("command", "args"):
        if container.get(key) is not None:
            if not isinstance(container[key], list):
                raise SpecError(f"implementation.container.{key} must be a list")
            c[key] = [_placeholder(p, port_names, f"implementation.container.{key}")
                      for p in container[key]]
    if container.get("env") is not None:
        c["env"] = _str_dict(container["env"], "implementation.container.env")
    if container.get("fileOutputs") is not None:
        file_outputs = _str_dict(container["fileOutputs"], "implementation.container.fileOutputs")
        for name in file_outputs:
            if name not in port_names[1]:
                raise SpecError(f'Unconfigurable output entry "{name}" references '
                                "non-existing output.")
        c["fileOutputs"] = file_outputs
    out["implementation"] = {"container": c}
    version = spec.get("version", DEFAULT_VERSION)
    if version != DEFAULT_VERSION:
        out["version"] = version
    return out


def _info_from_spec(spec: dict[str, Any], ref: dict[str, str]) -> ComponentInfo:
    container = spec["implementation"]["container"]
    meta = spec.get("metadata") or {}
    return ComponentInfo(
        name=spec.get("name") or "Component",
        description=spec.get("description"),
        inputs=tuple(InputInfo(i["name"], i.get("type"), i.get("description"), i.get("default"),
                               bool(i.get("optional")), i.get("annotations"))
                     for i in spec.get("inputs") or ()),
        outputs=tuple(OutputInfo(o["name"], o.get("type"), o.get("description"),
                                 o.get("annotations"))
                      for o in spec.get("outputs") or ()),
        image=container["image"],
        command=tuple(container.get("command") or ()),
        args=tuple(container.get("args") or ()),
        spec_json=spec_json(spec),
        ref_json=json.dumps(ref, sort_keys=True),
        env=tuple((container.get("env") or {}).items()),
        file_outputs=tuple((container.get("fileOutputs") or {}).items()),
        annotations=tuple((meta.get("annotations") or {}).items()),
        labels=tuple((meta.get("labels") or {}).items()),
    )


def digest(text: str) -> str:
    """``component_ref.digest``: SHA-256 of the text with CRLF line ends made LF."""
    return hashlib.sha256(text.encode("utf-8").replace(b"\r\n", b"\n")).hexdigest()


def _fix_url(url: str) -> str:
    return "https://storage.googleapis.com/" + url[len("gs://"):] if url.startswith(
        "gs://") else url


def spec_component(comp: ContainerComponent) -> ComponentInfo:
    """A component loaded from YAML, as kfp 1.8.9's loaders build it."""
    if comp.spec_text is None:
        return v2_container_spec(comp)
    what = f"component `{comp.python_name}`"
    try:
        data = yaml.load(comp.spec_text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as e:
        raise InputError(f"{what}: its YAML does not load: {e}") from None
    try:
        spec = normalise_spec(data)
    except SpecError as e:
        raise InputError(f"{what}: {e}") from None
    ref: dict[str, str] = {"digest": digest(comp.spec_text)}
    if comp.spec_url is not None:
        ref["url"] = _fix_url(comp.spec_url)
    elif comp.spec_path is not None:
        ref["url"] = comp.spec_path
    info = _info_from_spec(spec, ref)
    _check_against_ir(comp, info)
    return info


def _check_against_ir(comp: ContainerComponent, info: ComponentInfo) -> None:
    """The IR's ports must be the spec's: a component edited after it was loaded no longer
    is what its text says, and kfp would compile the text."""
    sig = comp.signature
    if ([i.name for i in sig.inputs] != [i.name for i in info.inputs]
            or [o.name for o in sig.outputs] != [o.name for o in info.outputs]
            or comp.image != info.image):
        raise InputError(f"component `{comp.python_name}` no longer matches its component "
                         "YAML (ports or image changed); kfp 1.8.9 compiles the YAML text")


# --- kfp 2 container components, as the equivalent kfp 1 spec ---
def _part_struct(part: Any) -> Any:
    if isinstance(part, str):
        return part
    if isinstance(part, InputValue):
        return {"inputValue": part.input}
    if isinstance(part, InputPath):
        return {"inputPath": part.input}
    if isinstance(part, OutputPath):
        return {"outputPath": part.output}
    if isinstance(part, InputUri):
        return {"inputUri": part.input}
    if isinstance(part, OutputUri):
        return {"outputUri": part.output}
    if isinstance(part, ExecutorInput):
        return {"executorInput": None}
    if isinstance(part, Concat):
        return {"concat": [_part_struct(p) for p in part.parts]}
    if isinstance(part, IfPresent):
        cond: dict[str, Any] = {"cond": {"isPresent": part.input},
                                "then": [_part_struct(p) for p in part.then]}
        if part.otherwise:
            cond["else"] = [_part_struct(p) for p in part.otherwise]
        return {"if": cond}
    raise InputError(f"cannot write the command-line part {part!r}")


def _port_type(port: Any) -> Any:
    if port.passing == ARTIFACT:
        return port.type
    if port.type is not None and port.annotation and port.annotation.split("(")[0].endswith(
            ("InputPath", "OutputPath")):
        return kfp_type_name(port.type)
    return kfp_type_name(port.annotation)


def equivalent_spec(comp: ContainerComponent) -> dict[str, Any]:
    """The kfp 1 component spec of a container component, in ``to_dict()`` key order."""
    spec: dict[str, Any] = {"name": comp.name}
    if comp.description:
        spec["description"] = comp.description
    inputs = []
    for i in comp.signature.inputs:
        item = InputInfo(i.name, _port_type(i), None,
                         None if not i.has_default or i.default is None
                         else serialize_value(i.default, _port_type(i)),
                         i.has_default)
        inputs.append(item.to_struct())
    if inputs:
        spec["inputs"] = inputs
    outputs = [OutputInfo(o.name, _port_type(o)).to_struct() for o in comp.signature.outputs]
    if outputs:
        spec["outputs"] = outputs
    container: dict[str, Any] = {"image": comp.image}
    if comp.command:
        container["command"] = [_part_struct(p) for p in comp.command]
    if comp.args:
        container["args"] = [_part_struct(p) for p in comp.args]
    if comp.env:
        container["env"] = dict(comp.env)
    spec["implementation"] = {"container": container}
    return spec


def equivalent_spec_text(comp: ContainerComponent) -> str:
    """The component YAML a kfp 1 user would load for ``comp`` (``ComponentSpec.save``)."""
    return yaml_emit.dump(equivalent_spec(comp))


def v2_container_spec(comp: ContainerComponent) -> ComponentInfo:
    """``load_component_from_text(equivalent_spec_text(comp))``."""
    try:
        text = equivalent_spec_text(comp)
    except SerializationError as e:
        raise InputError(f"component `{comp.python_name}`: {e}") from None
    spec = normalise_spec(yaml.load(text, Loader=_Loader))  # noqa: S506 - a SafeLoader
    return _info_from_spec(spec, {"digest": digest(text)})


# --- the command line (_components._resolve_command_line_and_paths) ---
@dataclass
class Resolved:
    command: list[str]
    args: list[str]
    input_paths: dict[str, str]
    output_paths: dict[str, str]
    consumed_by_value: dict[str, str]


@functools.lru_cache(maxsize=4096)
def input_file(name: str) -> str:
    return f"/tmp/inputs/{sanitize_file_name(name)}/data"


@functools.lru_cache(maxsize=4096)
def output_file(name: str) -> str:
    return f"/tmp/outputs/{sanitize_file_name(name)}/data"


_TRUE = ("y", "yes", "t", "true", "on", "1")
_FALSE = ("n", "no", "f", "false", "off", "0")


def _strtobool(value: str) -> bool:
    v = value.lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise SpecError(f"invalid truth value {value!r}")


def resolve_command_line(info: ComponentInfo, arguments: Mapping[str, Any]) -> Resolved:
    """Expands the placeholders for one task. ``arguments`` maps input names to kfp
    argument values: strings (Argo placeholders already in them) or Python constants.
    Raises SpecError with kfp's message."""
    types = {i.name: i for i in info.inputs}
    output_paths: dict[str, str] = {}
    file_outputs = dict(info.file_outputs)
    for output in info.outputs:
        if output.name in file_outputs:
            output_paths[output.name] = file_outputs[output.name]
    input_paths: dict[str, str] = {}
    extra_input_paths: dict[str, str] = {}
    extra_output_paths: dict[str, str] = {}
    consumed: dict[str, str] = {}

    def missing(name: str) -> None:
        if not types[name].optional:
            raise SpecError(f"no value for the required input `{name}`")

    def expand(part: Any) -> Any:
        if part is None:
            return None
        if isinstance(part, (str, int, float, bool)):
            return str(part)
        (key, value), = part.items()
        if key == "inputUri":
            if value in arguments:
                extra_input_paths[value] = input_file(value)
                return "{{$.inputs.artifacts['%s'].uri}}" % value
            return missing(value)
        if key == "outputUri":
            extra_output_paths[value] = output_file(value)
            return "{{$.outputs.artifacts['%s'].uri}}" % value
        if key in ("inputMetadata", "inputOutputPortName", "outputMetadata"):
            raise SpecError(f"the `{key}` placeholder is only for kfp's v2 compatible mode")
        if key == "executorInput":
            return "{{$}}"
        if key == "inputValue":
            argument = arguments.get(value)
            if argument is None:
                return missing(value)
            type_name = types[value].type
            if not isinstance(argument, str) and not (type_name is None
                                                      or isinstance(type_name, str)):
                raise SpecError(f"input `{value}` has the type {type_name!r}: kfp 1.8.9 cannot "
                                "serialise a constant for it")
            try:
                serialized = serialize_value(argument, type_name)
            except SerializationError as e:
                raise SpecError(str(e)) from None
            consumed[value] = serialized
            return serialized
        if key == "inputPath":
            if arguments.get(value) is None:
                return missing(value)
            input_paths[value] = input_file(value)
            return input_paths[value]
        if key == "outputPath":
            path = output_file(value)
            if value in output_paths and output_paths[value] != path:
                raise SpecError(f"Conflicting output files specified for port {value}: "
                                f"{output_paths[value]} and {path}")
            output_paths[value] = path
            return path
        if key == "concat":
            return "".join(expand_list(value))
        if key == "if":
            result = expand(value["cond"])
            chosen = value["then"] if result and _strtobool(result) else value.get("else")
            if chosen is None:
                return []
            return expand_list(chosen) if isinstance(chosen, list) else expand(chosen)
        if key == "isPresent":
            return str(arguments.get(value) is not None)
        raise SpecError(f"Unrecognized argument type: {part!r}")

    def expand_list(parts: Any) -> list[str]:
        out: list[str] = []
        for part in parts or ():
            if type(part) is str:
                out.append(part)
                continue
            expanded = expand(part)
            if expanded is not None:
                if isinstance(expanded, list):
                    out.extend(expanded)
                else:
                    out.append(str(expanded))
        return out

    try:
        command = expand_list(info.command)
        args = expand_list(info.args)
    finally:
        # expand and expand_list call each other through their closures: a reference
        # cycle per task, which only the cyclic collector would free (and traverse first).
        del expand, expand_list
    output_paths.update(extra_output_paths)
    input_paths.update(extra_input_paths)
    return Resolved(command, args, input_paths, output_paths, consumed)
