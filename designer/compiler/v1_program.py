"""A component as kfp 1.8.9's ``create_component_from_func`` builds it, from source text.

File passing (``InputPath('CSV')``, ``OutputPath()``, ``InputTextFile``/``OutputTextFile``,
``...BinaryFile``, ``InputArtifact``/``OutputArtifact``) is kfp's: the port drops a ``_path``
(paths) and a ``_file`` suffix from its name, the argument is a file placeholder, output
parameters come before the returned outputs, and the ``Output*`` helpers that create the
parent folder are written before the function.

``component_from_source`` reproduces ``_python_op._func_to_component_spec``: the component
name and description, the typed inputs/outputs with their serialised defaults, the embedded
program (the function with its type hints stripped, plus the argparse wrapper and output
serialisation), the container command and the argument placeholders.  The result is pure
data, computed once per component and shared by every task that uses it.

Type hints are stripped by ``v1_strip_hints`` exactly as kfp strips them.
"""
from __future__ import annotations

import ast
import re
from typing import Any

from designer.ir import Component, InputError, docstrings
from designer.ir.naming import component_name
from designer.ir.signature import (ARTIFACT, VALUE, InputSpec, OutputSpec, Signature, SignatureError,
                                   signature_from_source)

from .v1_spec import ComponentInfo, InputInfo, OutputInfo, spec_json
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


# --- file passing (kfp components/_python_op.py) ---
_MAKE_PARENT_DIRS = """def _make_parent_dirs_and_return_path(file_path: str):
    import os
    os.makedirs(os.path.dirname(file_path), exist_ok=True)
    return file_path
"""
_OPEN_FILE_MAKER = """def _parent_dirs_maker_that_returns_open_file(mode: str, encoding: str = None):

    def make_parent_dirs_and_return_path(file_path: str):
        import os
        os.makedirs(os.path.dirname(file_path), exist_ok=True)
        return open(file_path, mode=mode, encoding=encoding)

    return make_parent_dirs_and_return_path
"""
_INPUT_STYLES = ("InputPath", "InputTextFile", "InputBinaryFile", "InputArtifact")
_OUTPUT_STYLES = ("OutputPath", "OutputTextFile", "OutputBinaryFile", "OutputArtifact")
# passing style -> (argparse type expression, helper definition to write before the function)
_ARGPARSE = {
    "InputPath": ("str", None),
    "InputTextFile": ("argparse.FileType('rt')", None),
    "InputBinaryFile": ("argparse.FileType('rb')", None),
    "OutputPath": ("_make_parent_dirs_and_return_path", _MAKE_PARENT_DIRS),
    "OutputTextFile": ("_parent_dirs_maker_that_returns_open_file('wt')", _OPEN_FILE_MAKER),
    "OutputBinaryFile": ("_parent_dirs_maker_that_returns_open_file('wb')", _OPEN_FILE_MAKER),
}


def _passing_style(spec: InputSpec | OutputSpec) -> tuple[str | None, Any]:
    """(kfp passing style class name or None, the type struct of the port)."""
    if spec.passing == VALUE:
        return None, None
    text = spec.annotation or ""
    if spec.passing == ARTIFACT:
        raise InputError(f"`{spec.name}: {text}` is kfp 2 artifact passing, which kfp 1.8.9 "
                         "does not have")
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        node = None
    if (isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute))
            and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr)
            == "Optional"):
        node = node.slice  # maybe_strip_optional_from_annotation
    if not isinstance(node, ast.Call):
        raise InputError(f"`{spec.name}: {text}`: kfp 1 file passing is written with a call, "
                         f"e.g. `InputPath('CSV')`")
    func = node.func
    style = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if style not in _INPUT_STYLES + _OUTPUT_STYLES:
        raise InputError(f"`{spec.name}: {text}` is kfp 2 artifact passing, which kfp 1.8.9 "
                         "does not have")
    arg = node.args[0] if node.args else next(
        (k.value for k in node.keywords if k.arg == "type"), None)
    if arg is None or (isinstance(arg, ast.Constant) and arg.value is None):
        return style, None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return style, arg.value
    return style, kfp_type_name(ast.unparse(arg), strip_optional=False)


def v1_port_name(name: str, style: str | None) -> str:
    """``_extract_component_interface``: file ports lose ``_path`` (paths) then ``_file``."""
    if style is None:
        return name
    if style in ("InputPath", "OutputPath") and name.endswith("_path"):
        name = name[:-len("_path")]
    if name.endswith("_file"):
        name = name[:-len("_file")]
    return name


def _unique(name: str, taken: set[str]) -> str:
    """``_make_name_unique_by_adding_index(name, taken, '_')``."""
    if name in taken:
        i = 2
        while f"{name}_{i}" in taken:
            i += 1
        name = f"{name}_{i}"
    taken.add(name)
    return name


def _normalized_source(source: str) -> str:
    # inspect.getsource reads with universal newlines and always ends with a line break.
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    return source if source.endswith("\n") else source + "\n"


def _signature(comp: Component) -> Signature:
    """The signature of the source as it is now (the IR keeps the last one that parsed)."""
    try:
        return signature_from_source(comp.source)
    except SignatureError as e:
        raise InputError(f"component `{comp.name}`: {e}", line=e.line) from None


def component_from_source(comp: Component) -> ComponentInfo:
    """The kfp component of ``comp`` (``create_component_from_func(func, base_image=...,
    packages_to_install=...)``).  Raises InputError when the source is not a usable
    component."""
    sig = _signature(comp)
    where = f"component `{sig.function_name}`"
    name = component_name(sig.function_name)
    description, docs = describe(sig.docstring)
    input_names: set[str] = set()
    output_names: set[str] = set()
    port_names: dict[str, str] = {}
    inputs: list[InputInfo] = []
    styles: dict[str, str | None] = {}         # kfp port name -> passing style
    params: dict[str, str] = {}                # kfp port name -> function parameter
    for spec in sig.inputs:
        try:
            style, type_struct = _passing_style(spec)
        except InputError as e:
            raise InputError(f"{where}: {e}") from None
        if style is None:
            info = interface_inputs([spec], docs)[0]
        else:
            if spec.has_default and not (style == "InputPath" and spec.default is None):
                raise InputError(f"{where}: `{spec.name}`: Path inputs only support default "
                                 "values of None. Default values for outputs are not supported.")
            info = InputInfo(spec.name, type_struct, docs.get(spec.name), None, spec.has_default)
        kfp_name = _unique(v1_port_name(spec.name, style), input_names)
        inputs.append(InputInfo(kfp_name, info.type, info.description, info.default,
                                info.optional))
        styles[kfp_name], params[kfp_name] = style, spec.name
        port_names[spec.name] = kfp_name
    file_outputs: list[OutputInfo] = []
    returned: list[OutputInfo] = []
    for spec in sig.outputs:
        if spec.param is not None:
            try:
                style, type_struct = _passing_style(spec)
            except InputError as e:
                raise InputError(f"{where}: {e}") from None
            if style not in _OUTPUT_STYLES:
                raise InputError(f"{where}: `{spec.name}` is annotated `{spec.annotation}`, "
                                 "which kfp 1.8.9 does not read as an output")
            kfp_name = _unique(v1_port_name(spec.name, style), output_names)
            file_outputs.append(OutputInfo(kfp_name, type_struct, docs.get(spec.param)))
            styles[kfp_name], params[kfp_name] = style, spec.param
        else:
            if spec.passing != VALUE:
                raise InputError(f"{where}: returning `{spec.annotation}` is kfp 2 artifact "
                                 "passing, which kfp 1.8.9 does not have")
            kfp_name = _unique(spec.name, output_names)
            returned.append(OutputInfo(kfp_name, kfp_type_name(spec.annotation,
                                                               strip_optional=False)))
        port_names[spec.name] = kfp_name
    outputs = tuple(file_outputs + returned)
    helpers = sorted({_ARGPARSE[s][1] for s in styles.values()
                      if s in _ARGPARSE and _ARGPARSE[s][1]})
    if len(helpers) > 1:
        raise InputError(f"{where}: kfp 1.8.9 writes its OutputPath and Output*File helpers in "
                         "an order that changes from run to run; use one kind of file output")

    definitions: set[str] = set()
    lines = ["import argparse",
             f"_parser = argparse.ArgumentParser(prog={name!r}, description={description or ''!r})"]
    args: list[Any] = []
    for port in list(inputs) + file_outputs:
        is_output = isinstance(port, OutputInfo)
        style = styles[port.name]
        flag = "--" + port.name.replace("_", "-")
        if style in _ARGPARSE:
            code = _ARGPARSE[style][0]
        else:  # values, InputArtifact and OutputArtifact
            code, definition = deserializer(port.type if isinstance(port.type, str) else None)
            if definition:
                definitions.add(definition)
        required = is_output or not port.optional
        lines.append(f'_parser.add_argument("{flag}", dest="{params[port.name]}", type={code}, '
                     f'required={required}, default=argparse.SUPPRESS)')
        placeholder = ("outputPath" if is_output else
                       "inputPath" if style in _INPUT_STYLES else "inputValue")
        value = [flag, {placeholder: port.name}]
        if required:
            args.extend(value)
        else:
            args.append({"if": {"cond": {"isPresent": port.name}, "then": value}})
    serializers = []
    if returned:
        lines.append('_parser.add_argument("----output-paths", dest="_output_paths", type=str, '
                     f'nargs={len(returned)})')
        args.append("----output-paths")
        args.extend({"outputPath": o.name} for o in returned)
        for o in returned:
            func, source = serializer(o.type)
            if source:
                definitions.add(source)
            serializers.append(func)
    lines = sorted(definitions) + lines
    lines.append("_parsed_args = vars(_parser.parse_args())")
    if returned:
        lines.append('_output_files = _parsed_args.pop("_output_paths", [])')

    func_code = strip_type_hints(_normalized_source(comp.source))
    program = ("{pre}\n\n\n\n{func_code}\n\n{arg_parse}\n\n_outputs = {fn}(**_parsed_args)\n"
               .format(pre="\n".join(helpers), func_code=func_code, arg_parse="\n".join(lines),
                       fn=sig.function_name))
    if returned:
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
    return ComponentInfo(name=name, description=description, inputs=tuple(inputs),
                         outputs=outputs, image=image, command=tuple(command), args=tuple(args),
                         spec_json=spec_json(spec), port_names=port_names)
