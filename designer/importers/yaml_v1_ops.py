"""A kfp 1.8.9 ``dsl.ContainerOp`` read back from its compiled template.

A ContainerOp's template has no ``component_spec`` annotation: kfp 1 formatted the run-time
values (pipeline parameters, task outputs, loop items) into its command and args as
``{{inputs.parameters.X}}``, named the template inputs after those values, and made each
``file_outputs`` entry an output parameter and artifact named ``<op>-<output>`` (the
``mlpipeline-ui-metadata`` / ``-metrics`` ones artifacts only, under those names). The IR
holds such a step as a ContainerComponent of origin "op" (ir/components.py): one input per
template input (VALUE, placed with ``InputValue``; PATH for an input artifact at its
literal path), one output per file output. The compiler names template inputs after the
arguments again, so the input names only need to be Python names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from designer.ir.components import Concat, ContainerComponent, InputValue
from designer.ir.model import new_id
from designer.ir.naming import legacy_v1_output, sanitize_python_name
from designer.ir.signature import PATH, InputSpec, OutputSpec, Signature

from .yaml_doc import YamlRefusal

_PARAM = re.compile(r"\{\{inputs\.parameters\.([^{}]+)\}\}")


@dataclass
class ReadOp:
    component: ContainerComponent
    inputs: dict[str, str] = field(default_factory=dict)      # template input -> port
    outputs: dict[str, str] = field(default_factory=dict)     # template output -> port


def _python_name(name: str, taken: set[str]) -> str:
    base = sanitize_python_name(name) or "value"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out


def _parts(text: Any, ports: dict[str, str], where: tuple) -> Any:
    """A command/args string with its ``{{inputs.parameters.X}}`` made placeholders."""
    if not isinstance(text, str):
        raise YamlRefusal("a command or argument is not a string", where)
    parts: list[Any] = []
    pos = 0
    for m in _PARAM.finditer(text):
        if m.group(1) not in ports:
            raise YamlRefusal(f"`{m.group(0)}` is not an input of the step", where)
        if m.start() > pos:
            parts.append(text[pos:m.start()])
        parts.append(InputValue(ports[m.group(1)]))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    if len(parts) == 1:
        return parts[0]
    return Concat(tuple(parts), inline=True) if parts else text


def read_op(template: dict, name: str, where: tuple) -> ReadOp:
    """The ContainerOp of ``template``; ``name`` is its op name (the template's, without the
    ``-2`` kfp added to make it unique)."""
    container = template.get("container") or {}
    inputs = template.get("inputs") or {}
    outputs = template.get("outputs") or {}
    taken: set[str] = set()
    in_specs: list[InputSpec] = []
    read = ReadOp(None)  # type: ignore[arg-type]
    # inputs used by settings only (a claim, an environment value) are not ports
    used = {m.group(1) for x in (container.get("command") or []) + (
        container.get("args") or []) if isinstance(x, str) for m in _PARAM.finditer(x)}
    for k, p in enumerate(inputs.get("parameters") or []):
        if not isinstance(p, dict) or set(p) != {"name"}:
            raise YamlRefusal("a step input parameter with more than a name", where + (
                "inputs", "parameters", k))
        if p["name"] not in used:
            continue
        port = read.inputs[p["name"]] = _python_name(p["name"], taken)
        in_specs.append(InputSpec(port))
    for k, a in enumerate(inputs.get("artifacts") or []):
        if not isinstance(a, dict) or set(a) != {"name", "path"}:
            raise YamlRefusal("a step input artifact that is not a name and a path",
                              where + ("inputs", "artifacts", k))
        port = read.inputs[a["name"]] = _python_name(a["name"], taken)
        in_specs.append(InputSpec(port, passing=PATH, path=a["path"]))
    out_specs: list[OutputSpec] = []
    prefix = name + "-"
    out_taken: set[str] = set()
    for kind in ("parameters", "artifacts"):
        for k, o in enumerate(outputs.get(kind) or []):
            ow = where + ("outputs", kind, k)
            path = (o.get("valueFrom") or {}).get("path") if kind == "parameters" else \
                o.get("path")
            if not isinstance(path, str) or set(o) != ({"name", "valueFrom"} if kind ==
                                                       "parameters" else {"name", "path"}):
                raise YamlRefusal("a step output that is not a file kfp 1 reads", ow)
            kfp_name = o["name"]
            if kfp_name in read.outputs:
                continue
            if legacy_v1_output(kfp_name) == kfp_name and kind == "artifacts":
                port, passing = kfp_name, PATH
            elif kfp_name.startswith(prefix):
                port, passing = kfp_name[len(prefix):], "value"
            else:
                raise YamlRefusal(f"the output `{kfp_name}` is not named after its step", ow)
            if port in out_taken:
                raise YamlRefusal(f"two outputs `{port}`", ow)
            out_taken.add(port)
            read.outputs[kfp_name] = port
            out_specs.append(OutputSpec(port, passing=passing, path=path))
    command = [_parts(x, read.inputs, where + ("container", "command"))
               for x in container.get("command") or []]
    args = [_parts(x, read.inputs, where + ("container", "args"))
            for x in container.get("args") or []]
    explicit = frozenset(k for k in ("command", "args") if container.get(k) == [])
    image = container.get("image")
    if not isinstance(image, str):
        raise YamlRefusal("the step has no image", where + ("container",))
    read.component = ContainerComponent(
        new_id(), name, Signature(_python_name(name, set()), tuple(in_specs), tuple(out_specs)),
        image, command, args, origin="op", explicit_empty=explicit)
    return read
