"""A kfp 2 container component (``@dsl.container_component``) read back from its executor.

kfp 2 writes the component's interface (``inputDefinitions`` / ``outputDefinitions``) and
its container: an image, and a command and args whose strings hold placeholders
(``{{$.inputs.parameters['x']}}``, ``{{$.outputs.artifacts['m'].path}}``...) or are JSON
``Concat`` / ``IfPresent`` structures. The function is not in the file, so it is written
again: a ``def`` with the interface as annotations returning ``dsl.ContainerSpec`` with
those placeholders as port expressions; that source is then read by the Python importer,
which gives the component exactly as opening such a Python file would. Anything else in
the executor (env, resources, lifecycle) or the interface (artifact lists, descriptions)
is refused at its node.
"""
from __future__ import annotations

import json
import re
from typing import Any

from designer.ir import InputError
from designer.ir.components import (Concat, ContainerComponent, IfPresent, InputPath, InputUri,
                                    InputValue, OutputPath, OutputUri)

from .yaml_doc import YamlRefusal

_PLACEHOLDER = re.compile(r"\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\]"
                          r"(?:\.(path|uri|output_file))?\}\}")
_PY_TYPE = {"STRING": "str", "NUMBER_INTEGER": "int", "NUMBER_DOUBLE": "float",
            "BOOLEAN": "bool", "LIST": "list", "STRUCT": "dict"}
_ARTIFACTS = {"Artifact", "Dataset", "Model", "Metrics", "ClassificationMetrics",
              "SlicedClassificationMetrics", "HTML", "Markdown"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _artifact_class(spec: dict, where: tuple) -> str:
    title = ((spec.get("artifactType") or {}).get("schemaTitle") or "")
    cls = title[len("system."):] if title.startswith("system.") else None
    if cls not in _ARTIFACTS or set(spec) != {"artifactType"}:
        raise YamlRefusal("an artifact port the reader does not take (a list, another type "
                          "or a description)", where)
    return cls


def _parts(text: Any, where: tuple, kinds: dict[str, str]) -> Any:
    """A command/args item as IR placeholders."""
    if isinstance(text, dict):
        if set(text) == {"Concat"} and isinstance(text["Concat"], list):
            return Concat(tuple(_parts(x, where, kinds) for x in text["Concat"]))
        if set(text) == {"IfPresent"} and isinstance(text["IfPresent"], dict):
            body = text["IfPresent"]
            if set(body) - {"InputName", "Then", "Else"} or "InputName" not in body:
                raise YamlRefusal("an IfPresent placeholder the reader does not take", where)

            def branch(items: Any) -> tuple:
                items = items if isinstance(items, list) else [] if items is None else [items]
                return tuple(_parts(x, where, kinds) for x in items)
            return IfPresent(body["InputName"], branch(body.get("Then")), branch(body.get("Else")))
        raise YamlRefusal("a placeholder structure the reader does not take", where)
    if not isinstance(text, str):
        raise YamlRefusal("a command or argument is not a string", where)
    if text.startswith(('{"Concat"', '{"IfPresent"')):
        try:
            return _parts(json.loads(text), where, kinds)
        except ValueError:
            pass
    out: list[Any] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        side, kind, name, attr = m.groups()
        if kinds.get(f"{side}.{kind}.{name}") is None:
            raise YamlRefusal(f"`{m.group(0)}` names no port of the component", where)
        if side == "inputs":
            out.append(InputValue(name) if kind == "parameters" and attr is None else
                       InputPath(name) if attr == "path" and kind == "artifacts" else
                       InputUri(name) if attr == "uri" and kind == "artifacts" else None)
        else:
            out.append(OutputPath(name) if attr in ("path", "output_file") else
                       OutputUri(name) if attr == "uri" and kind == "artifacts" else None)
        if out[-1] is None:
            raise YamlRefusal(f"`{m.group(0)}` is not a placeholder kfp 2 writes", where)
        pos = m.end()
    if "{{$" in text[pos:] or any("{{$" in x for x in out if isinstance(x, str)):
        raise YamlRefusal("a placeholder the reader does not take", where)
    if pos < len(text):
        out.append(text[pos:])
    if len(out) == 1:
        return out[0]
    return Concat(tuple(out), inline=True) if out else text


def _python(part: Any, artifacts: set[str]) -> str:
    """The Python expression a container component writes for ``part``."""
    if isinstance(part, str):
        return json.dumps(part, ensure_ascii=False)
    if isinstance(part, InputValue):
        return part.input
    if isinstance(part, (InputPath, InputUri)):
        return f"{part.input}.{'path' if isinstance(part, InputPath) else 'uri'}"
    if isinstance(part, OutputPath):
        return f"{part.output}.path" if part.output in artifacts else part.output
    if isinstance(part, OutputUri):
        return f"{part.output}.uri"
    if isinstance(part, Concat) and part.inline:
        body = "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str) else
                       "{" + _python(p, artifacts) + "}" for p in part.parts)
        return "f" + json.dumps(body, ensure_ascii=False)
    if isinstance(part, Concat):
        return f"ConcatPlaceholder([{', '.join(_python(p, artifacts) for p in part.parts)}])"
    if isinstance(part, IfPresent):
        then = ", ".join(_python(p, artifacts) for p in part.then)
        other = ", ".join(_python(p, artifacts) for p in part.otherwise)
        return (f"IfPresentPlaceholder(input_name={part.input!r}, then=[{then}]"
                + (f", else_=[{other}])" if part.otherwise else ")"))
    raise YamlRefusal(f"{type(part).__name__} in a container component")


def read_container_component(name: str, comp: dict, container: dict, where: tuple,
                             ewhere: tuple) -> ContainerComponent:
    """The container component ``name`` (a Python name) of ``comp`` with ``container``."""
    if not _NAME.match(name):
        raise YamlRefusal(f"the component name `{name}` is not a Python name", where)
    ins = comp.get("inputDefinitions") or {}
    outs = comp.get("outputDefinitions") or {}
    if set(ins) - {"parameters", "artifacts"} or set(outs) - {"parameters", "artifacts"}:
        raise YamlRefusal("a port kind the reader does not take", where)
    required: list[str] = []
    optional: list[str] = []
    outputs: list[str] = []
    kinds: dict[str, str] = {}
    artifacts: set[str] = set()
    for pname, spec in (ins.get("parameters") or {}).items():
        pw = where + ("inputDefinitions", "parameters", pname)
        annotation = _PY_TYPE.get(spec.get("parameterType"))
        if annotation is None or set(spec) - {"parameterType", "defaultValue", "isOptional"} \
                or not _NAME.match(pname):
            raise YamlRefusal("an input the reader does not take", pw)
        kinds[f"inputs.parameters.{pname}"] = annotation
        if "defaultValue" in spec:
            value = spec["defaultValue"]
            if annotation == "int" and isinstance(value, float) and value.is_integer():
                value = int(value)
            optional.append(f"{pname}: {annotation} = {value!r}")
        elif spec.get("isOptional"):
            optional.append(f"{pname}: {annotation} = None")
        else:
            required.append(f"{pname}: {annotation}")
    for pname, spec in (ins.get("artifacts") or {}).items():
        cls = _artifact_class(spec, where + ("inputDefinitions", "artifacts", pname))
        kinds[f"inputs.artifacts.{pname}"] = cls
        required.append(f"{pname}: Input[{cls}]")
    for pname, spec in (outs.get("parameters") or {}).items():
        annotation = _PY_TYPE.get(spec.get("parameterType"))
        if annotation is None or set(spec) != {"parameterType"}:
            raise YamlRefusal("an output the reader does not take",
                              where + ("outputDefinitions", "parameters", pname))
        kinds[f"outputs.parameters.{pname}"] = annotation
        outputs.append(f"{pname}: OutputPath({annotation})")
    for pname, spec in (outs.get("artifacts") or {}).items():
        cls = _artifact_class(spec, where + ("outputDefinitions", "artifacts", pname))
        kinds[f"outputs.artifacts.{pname}"] = cls
        artifacts.add(pname)
        outputs.append(f"{pname}: Output[{cls}]")
    if set(container) - {"image", "command", "args"} or not isinstance(
            container.get("image"), str):
        raise YamlRefusal("a container field the reader does not take yet", ewhere)
    lines = {}
    for field in ("command", "args"):
        items = container.get(field)
        if items is None:
            continue
        if not isinstance(items, list):
            raise YamlRefusal(f"`{field}` is not a list", ewhere + (field,))
        parts = [_parts(x, ewhere + (field,), kinds) for x in items]
        lines[field] = "[" + ", ".join(_python(p, artifacts) for p in parts) + "]"
    spec_args = [f"image={json.dumps(container['image'])}"] + [
        f"{k}={v}" for k, v in lines.items()]
    params = ", ".join(required + outputs + optional)
    source = (f"def {name}({params}):\n    return ContainerSpec(\n        "
              + ",\n        ".join(spec_args) + ",\n    )\n")
    module = ("from kfp import dsl\nfrom kfp.dsl import (ConcatPlaceholder, ContainerSpec, "
              "IfPresentPlaceholder, Input, Output, OutputPath, " + ", ".join(
                  sorted(_ARTIFACTS)) + ")\n\n\n@dsl.container_component\n" + source)
    from .kfp_python import import_python
    try:
        found = import_python(module, "<container component>", pipeline=name)
    except InputError as e:
        raise YamlRefusal(f"the container component cannot be written as Python: "
                          f"{e.message}", ewhere) from None
    comp_ir = next(c for c in found.components if isinstance(c, ContainerComponent))
    comp_ir.function_source = source
    return comp_ir
