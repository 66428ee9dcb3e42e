"""kfp component specs (``component.yaml``) -> IR container components, read with ``safe_load``.

kfp 1's ``ComponentSpec`` format (the one ``load_component_from_text/file/url`` read in kfp
1.8.9 and, converted, in kfp 2): ``name``, ``description``, ``inputs``/``outputs`` (name,
type, default, optional, description) and ``implementation.container`` (image, command,
args, env) whose command lines hold placeholders: ``{inputValue: x}``, ``{inputPath: x}``,
``{outputPath: x}``, ``{inputUri: x}``, ``{outputUri: x}``, ``{executorInput: null}``,
``{concat: [...]}`` and ``{if: {cond: {isPresent: x}, then: ..., else: ...}}``.

The text is kept verbatim (``spec_text``): kfp hashes it into the component reference and
the Python export writes it back. What the IR cannot say exactly is refused with the line
in the YAML: graph implementations, ``if`` on anything but ``isPresent``, metadata
placeholders, and kfp 2's compiled component YAML (a PipelineSpec).

How ports are passed: an input used by ``inputPath`` is a file (PATH), otherwise a value;
every output is written to a file (``outputPath``: PATH). A type that is not a string
(``{GCSPath: {...}}``) is kept as compact JSON text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import InputError
from .components import (
    Concat,
    ContainerComponent,
    ExecutorInput,
    IfPresent,
    InputPath,
    InputUri,
    InputValue,
    OutputPath,
    OutputUri,
    Part,
)
from .model import new_id
from .naming import sanitize_python_name
from .signature import PATH, VALUE, InputSpec, OutputSpec, Signature

_SIMPLE = {"inputValue": InputValue, "inputPath": InputPath, "outputPath": OutputPath,
           "inputUri": InputUri, "outputUri": OutputUri}
_UNSUPPORTED = {"inputMetadata", "outputMetadata", "inputOutputPortName"}


@dataclass(frozen=True)
class Where:
    """Where errors point: the YAML file (lines in it), or the Python line holding the text."""
    path: str
    line: int | None = None          # a fixed line (text inside a .py): YAML lines are not shown
    in_yaml: bool = True

    def error(self, message: str, yaml_line: int | None = None) -> InputError:
        if self.in_yaml:
            return InputError(message, self.path, yaml_line)
        return InputError(f"the component text: {message}", self.path, self.line)


class _LineLoader(yaml.SafeLoader):
    """safe_load that remembers the line of every mapping (for messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    return _Mapped(mapping, node.start_mark.line + 1)


class _Mapped(dict):
    def __init__(self, data: dict, line: int):
        super().__init__(data)
        self.line = line


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(node: Any) -> int | None:
    return getattr(node, "line", None)


def parse_spec(text: str, where: Where) -> dict:
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise where.error(f"not valid YAML: {e.problem or e}",
                          mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise where.error(f"not valid YAML: {e}") from None
    except RecursionError:
        raise where.error("the YAML is nested too deeply") from None
    except ValueError as e:     # an integer over Python's int-str limit (4,300 digits)
        raise where.error(f"not valid YAML here: {str(e)[:120]}") from None
    if not isinstance(data, dict):
        raise where.error("a component spec is a YAML mapping (name, inputs, outputs, "
                          "implementation)", 1)
    if ("pipelineInfo" in data or "deploymentSpec" in data
            or ("root" in data and "components" in data)):
        raise where.error("this is kfp 2's compiled component YAML (a PipelineSpec); the "
                          "designer reads kfp's component.yaml format (name, inputs, outputs, "
                          "implementation.container)", 1)
    return data


def _text_type(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


class _Reader:
    def __init__(self, where: Where, inputs: set[str], outputs: set[str]):
        self.where = where
        self.inputs = inputs
        self.outputs = outputs
        self.path_inputs: set[str] = set()

    def error(self, message: str, node: Any) -> InputError:
        return self.where.error(message, _line(node))

    def port(self, name: Any, kind: str, node: Any) -> str:
        names = self.inputs if kind == "input" else self.outputs
        if not isinstance(name, str) or name not in names:
            raise self.error(f"the placeholder refers to {kind} `{name}`, which the component "
                             f"does not declare", node)
        return name

    def parts(self, value: Any, node: Any) -> tuple[Part, ...]:
        items = value if isinstance(value, list) else [value]
        return tuple(self.part(v, node) for v in items)

    def part(self, value: Any, parent: Any = None) -> Part:
        if isinstance(value, str):
            return value
        if isinstance(value, bool) or value is None:
            raise self.error(f"`{value}` in a command line must be a string or a "
                             "placeholder", parent)
        if isinstance(value, (int, float)):
            return str(value)  # kfp's model parses these as strings
        if not isinstance(value, dict) or len(value) != 1:
            raise self.error(f"`{_brief(value)}` is not a placeholder kfp knows "
                             "(inputValue, inputPath, outputPath, concat, if...)", value)
        (key, arg), = value.items()
        if key in _SIMPLE:
            cls = _SIMPLE[key]
            kind = "output" if key.startswith("output") else "input"
            name = self.port(arg, kind, value)
            if key == "inputPath":
                self.path_inputs.add(name)
            return cls(name)
        if key == "executorInput":
            return ExecutorInput()
        if key == "concat":
            if not isinstance(arg, list):
                raise self.error("`concat` takes a list", value)
            return Concat(tuple(self.part(v, value) for v in arg))
        if key == "if":
            if not isinstance(arg, dict) or "cond" not in arg or "then" not in arg:
                raise self.error("`if` takes `cond`, `then` and optionally `else`", value)
            cond = arg["cond"]
            if not (isinstance(cond, dict) and list(cond) == ["isPresent"]):
                raise self.error("an `if` placeholder whose condition is not `isPresent` is "
                                 "not supported by the designer", value)
            name = self.port(cond["isPresent"], "input", value)
            otherwise = arg.get("else")
            return IfPresent(name, self.parts(arg["then"], value),
                             () if otherwise is None else self.parts(otherwise, value))
        if key in _UNSUPPORTED:
            raise self.error(f"the `{key}` placeholder is not supported by the designer", value)
        raise self.error(f"`{key}` is not a placeholder kfp knows", value)


def _brief(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _ports(data: dict, key: str, where: Where) -> list[dict]:
    ports = data.get(key) or []
    if not isinstance(ports, list):
        raise where.error(f"`{key}` must be a list", _line(data))
    seen = set()
    for port in ports:
        if not isinstance(port, dict) or not isinstance(port.get("name"), str):
            raise where.error(f"each entry of `{key}` needs a `name`", _line(port) or _line(data))
        if port["name"] in seen:
            raise where.error(f"{key[:-1]} `{port['name']}` is declared twice", _line(port))
        seen.add(port["name"])
    return ports


def spec_component(text: str, where: Where, *, python_name: str | None = None,
                   spec_path: str | None = None, spec_url: str | None = None,
                   id: str | None = None) -> ContainerComponent:
    """The container component a kfp component spec describes (origin "spec").

    ``python_name`` is the name the pipeline file calls it by (the variable the loaded
    component is assigned to); by default the spec's name made a Python name."""
    data = parse_spec(text, where)
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise where.error("the component `name` must be a string", _line(data))
    name = name or "Component"
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        description = str(description)
    impl = data.get("implementation")
    if not isinstance(impl, dict):
        raise where.error("the component has no `implementation`", _line(data))
    if "graph" in impl:
        raise where.error("graph components (`implementation.graph`) are not supported by "
                          "the designer", _line(impl))
    container = impl.get("container")
    if not isinstance(container, dict):
        raise where.error("only container components (`implementation.container`) are "
                          "supported", _line(impl))
    image = container.get("image")
    if not isinstance(image, str) or not image:
        raise where.error("`implementation.container.image` must be a string", _line(container))
    if container.get("fileOutputs"):
        raise where.error("`fileOutputs` in a component spec is not supported by the designer",
                          _line(container))
    ins, outs = _ports(data, "inputs", where), _ports(data, "outputs", where)
    reader = _Reader(where, {p["name"] for p in ins}, {p["name"] for p in outs})
    command, args = [], []
    for key, target in (("command", command), ("args", args)):
        value = container.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise where.error(f"`{key}` must be a list", _line(container))
        try:
            target.extend(reader.part(v, container) for v in value)
        except RecursionError:
            raise where.error(f"`{key}` is nested too deeply", _line(container)) from None
    env = container.get("env") or {}
    if not isinstance(env, dict) or not all(isinstance(k, str) for k in env):
        raise where.error("`env` must map names to values", _line(container))
    inputs = []
    for port in ins:
        has_default = "default" in port or bool(port.get("optional"))
        default = port.get("default")
        inputs.append(InputSpec(
            port["name"], None, default, has_default,
            PATH if port["name"] in reader.path_inputs else VALUE,
            _text_type(port.get("type")), _text_or_none(port.get("description"))))
    outputs = tuple(OutputSpec(port["name"], None, PATH, _text_type(port.get("type")),
                               _text_or_none(port.get("description"))) for port in outs)
    signature = Signature(function_name=python_name or sanitize_python_name(name) or "component",
                          inputs=tuple(inputs), outputs=outputs, docstring=description)
    return ContainerComponent(
        id=id or new_id(), name=name, signature=signature, image=image, command=command,
        args=args, env={k: "" if v is None else str(v) for k, v in env.items()}, origin="spec",
        description=description, spec_text=text, spec_path=spec_path, spec_url=spec_url)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["Where", "spec_component", "parse_spec"]
