"""A component as kfp 1.8.9's ``create_component_from_func`` builds it, from source text.

``component_from_source`` reproduces ``_python_op._func_to_component_spec``: the component
name and description, the typed inputs/outputs with their serialised defaults, the embedded
program (the function with its type hints stripped, plus the argparse wrapper and output
serialisation), the container command and the argument placeholders.  The result is pure
data, computed once per component and shared by every task that uses it.

Type hints are stripped by ``v1_strip_hints`` exactly as kfp strips them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from designer.ir import Component, InputError, docstrings
from designer.ir.naming import component_name
from designer.ir.signature import Signature, SignatureError, signature_from_source

from .v1_strip_hints import strip_type_hints
from .v1_types import SerializationError, deserializer, kfp_type_name, serialize_value, serializer

DEFAULT_BASE_IMAGE = "python:3.7"
_PROGRAM_LAUNCHER = ('program_path=$(mktemp)\nprintf "%s" "$0" > "$program_path"\n'
                     'python3 -u "$program_path" "$@"\n')
_PIP_INSTALL = "PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --quiet --no-warn-script-location"
_OUTPUT_HANDLING = '''

{outputs_to_list_code}

_output_serializers = [
{output_serialization_code}
]

import os
for idx, output_file in enumerate(_output_files):
    try:
        os.makedirs(os.path.dirname(output_file))
    except OSError:
        pass
    with open(output_file, 'w') as f:
        f.write(_output_serializers[idx](_outputs[idx]))
'''


@dataclass(frozen=True)
class InputInfo:
    name: str
    type: str | None
    description: str | None = None
    default: str | None = None       # serialised, as in the component spec
    optional: bool = False

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
        return d


@dataclass(frozen=True)
class OutputInfo:
    name: str
    type: str | None

    def to_struct(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name}
        if self.type is not None:
            d["type"] = self.type
        return d


@dataclass(frozen=True)
class ComponentInfo:
    """What every task of one component shares."""
    name: str                         # "Print and return number"
    description: str | None
    inputs: tuple[InputInfo, ...]
    outputs: tuple[OutputInfo, ...]
    image: str
    command: tuple[str, ...]
    args: tuple[Any, ...]             # strings and placeholder dicts, as in the spec
    spec_json: str                    # the pipelines.kubeflow.org/component_spec annotation

    def input(self, name: str) -> InputInfo | None:
        return next((i for i in self.inputs if i.name == name), None)


def describe(docstring: str | None) -> tuple[str | None, dict[str, str | None]]:
    """(description, {parameter: description}) as kfp 1.8.9 reads a docstring: the first
    line only, stripped, and the params (the last entry of a name wins)."""
    parsed = docstrings.parse(docstring)
    description = parsed.short_description
    return (description.strip() if description else description), dict(parsed.params)


def interface_inputs(params, docs: dict[str, str | None]) -> tuple[InputInfo, ...]:
    """Inputs of a function (component or pipeline) from (name, annotation, default,
    has_default) records; defaults that kfp cannot serialise are dropped, as kfp does."""
    out = []
    for p in params:
        type_name = kfp_type_name(p.annotation, strip_optional=True)
        default = None
        if p.has_default and p.default is not None:
            try:
                default = serialize_value(p.default, type_name)
            except SerializationError:
                default = None  # kfp warns "Could not serialize the default value" and drops it
        out.append(InputInfo(p.name, type_name, docs.get(p.name), default, p.has_default))
    return tuple(out)


# --- the program and the spec ---
def _normalized_source(source: str) -> str:
    # inspect.getsource reads with universal newlines and always ends with a line break.
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    return source if source.endswith("\n") else source + "\n"


_FILE_PASSING = re.compile(
    r"^(?:[\w.]+\.)?(?:Input|Output)(?:Path|TextFile|BinaryFile|Artifact)\b")


def _signature(comp: Component) -> Signature:
    """The signature of the source as it is now (the IR keeps the last one that parsed)."""
    try:
        sig = signature_from_source(comp.source)
    except SignatureError as e:
        raise InputError(f"component `{comp.name}`: {e}", line=e.line) from None
    for spec in list(sig.inputs) + list(sig.outputs):
        if spec.passing != "value" or (spec.annotation and _FILE_PASSING.match(spec.annotation)):
            raise InputError(f"component `{sig.function_name}`: `{spec.name}` is annotated "
                             f"`{spec.annotation}`; file and artifact passing is not supported "
                             "(values only)")
    return sig


def component_from_source(comp: Component) -> ComponentInfo:
    """The kfp component of ``comp`` (``create_component_from_func(func, base_image=...,
    packages_to_install=...)``).  Raises InputError when the source is not a usable
    component."""
    sig = _signature(comp)
    name = component_name(sig.function_name)
    description, docs = describe(sig.docstring)
    inputs = interface_inputs(sig.inputs, docs)
    outputs = tuple(OutputInfo(o.name, kfp_type_name(o.annotation, strip_optional=False))
                    for o in sig.outputs)

    definitions: set[str] = set()
    lines = ["import argparse",
             f"_parser = argparse.ArgumentParser(prog={name!r}, description={description or ''!r})"]
    args: list[Any] = []
    for inp in inputs:
        flag = "--" + inp.name.replace("_", "-")
        code, definition = deserializer(inp.type)
        if definition:
            definitions.add(definition)
        lines.append(f'_parser.add_argument("{flag}", dest="{inp.name}", type={code}, '
                     f'required={not inp.optional}, default=argparse.SUPPRESS)')
        value = [flag, {"inputValue": inp.name}]
        if inp.optional:
            args.append({"if": {"cond": {"isPresent": inp.name}, "then": value}})
        else:
            args.extend(value)
    serializers = []
    if outputs:
        lines.append('_parser.add_argument("----output-paths", dest="_output_paths", type=str, '
                     f'nargs={len(outputs)})')
        args.append("----output-paths")
        args.extend({"outputPath": o.name} for o in outputs)
        for o in outputs:
            func, source = serializer(o.type)
            if source:
                definitions.add(source)
            serializers.append(func)
    lines = sorted(definitions) + lines
    lines.append("_parsed_args = vars(_parser.parse_args())")
    if outputs:
        lines.append('_output_files = _parsed_args.pop("_output_paths", [])')

    func_code = strip_type_hints(_normalized_source(comp.source))
    program = "\n\n\n\n{func_code}\n\n{arg_parse}\n\n_outputs = {fn}(**_parsed_args)\n".format(
        func_code=func_code, arg_parse="\n".join(lines), fn=sig.function_name)
    if outputs:
        program += _OUTPUT_HANDLING.format(
            outputs_to_list_code="" if sig.named_outputs else "_outputs = [_outputs]",
            output_serialization_code="".join(f"    {s},\n" for s in serializers))
    program = re.sub("\n\n\n+", "\n\n", program).strip("\n") + "\n"

    command: list[str] = []
    if comp.packages_to_install:
        pip = f"{_PIP_INSTALL} {' '.join(repr(str(p)) for p in comp.packages_to_install)}"
        command = ["sh", "-c", f'({pip} || {pip} --user) && "$0" "$@"']
    command += ["sh", "-ec", _PROGRAM_LAUNCHER, program]
    image = comp.base_image or DEFAULT_BASE_IMAGE

    spec: dict[str, Any] = {"name": name}
    if description is not None:
        spec["description"] = description
    if inputs:
        spec["inputs"] = [i.to_struct() for i in inputs]
    if outputs:
        spec["outputs"] = [o.to_struct() for o in outputs]
    spec["implementation"] = {"container": {"image": image, "command": command, "args": args}}
    return ComponentInfo(name=name, description=description, inputs=inputs, outputs=outputs,
                         image=image, command=tuple(command), args=tuple(args),
                         spec_json=json.dumps(spec, sort_keys=True))

