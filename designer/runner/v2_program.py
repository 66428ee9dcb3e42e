"""What a local run gives a kfp 2 function component with artifacts (no Qt).

kfp 1.8.9 has no artifact objects, so the v1 program the runner takes for other
function components (program.py) cannot hold ``Input[Dataset]``/``Output[Model]``/
``Metrics``/``-> Dataset``. These get a program of their own, in the shape the runner
already runs (the v1 launcher ``sh -ec <write $0, run it> <module> <args>``): the module
is ``artifact_shim.py`` (the kfp 2 names the function uses), the function's source, and
a call of ``_kfp_local_main`` with the ports; the arguments are placeholder triples
(``--value``/``--in-file``/``--out-file``), resolved by program.resolve like any other.
Every file is in the task folder (``outputs/<output>/data``, with ``metadata.json``
beside an artifact's data), so caching, downstream inputs and the run panel treat them
as they treat any output file.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from designer.compiler.v1_program import _PROGRAM_LAUNCHER
from designer.compiler.v2_executor import function_source
from designer.ir import Component
from designer.ir.signature import ARTIFACT, VALUE, Signature
from designer.ir.types import kind_of

from .program import Program

METADATA = "metadata.json"     # beside an artifact's data file (artifact_shim._METADATA)


@functools.lru_cache(maxsize=1)
def shim_text() -> str:
    return Path(__file__).with_name("artifact_shim.py").read_text(encoding="utf-8")


def uses_artifacts(sig: Signature) -> bool:
    return any(p.passing == ARTIFACT for p in list(sig.inputs) + list(sig.outputs))


def _ports(sig: Signature) -> dict[str, Any]:
    return {
        "inputs": [{"name": i.name, "passing": i.passing, "type": i.type,
                    "kind": kind_of(i.annotation) if i.passing == VALUE else None}
                   for i in sig.inputs],
        "outputs": [{"name": o.name, "passing": o.passing, "type": o.type, "param": o.param,
                     "kind": kind_of(o.annotation) if o.passing == VALUE else None}
                    for o in sig.outputs],
        "named": sig.named_outputs,
    }


def artifact_program(comp: Component) -> Program:
    """The program of a function component with artifact ports."""
    sig = comp.signature
    ports = _ports(sig)
    module = (shim_text() + "\n\n" + function_source(comp.source) + "\n\n"
              + f"_kfp_local_main({sig.function_name}, {ports!r})\n")
    args: list[Any] = []
    inputs: dict[str, dict] = {}
    for port in sig.inputs:
        flag = "--value" if port.passing == VALUE else "--in-file"
        holder = "inputValue" if port.passing == VALUE else "inputPath"
        triple = [flag, port.name, {holder: port.name}]
        inputs[port.name] = {"name": port.name, "optional": port.has_default}
        if port.has_default:   # absent: the function's own default applies
            args.append({"if": {"cond": {"isPresent": port.name}, "then": triple}})
        else:
            args.extend(triple)
    for out in sig.outputs:
        args.extend(["--out-file", out.name, {"outputPath": out.name}])
    command = ("sh", "-ec", _PROGRAM_LAUNCHER, module)
    spec = {"name": sig.function_name, "runner": "kfp2-artifacts",
            "inputs": list(inputs.values()), "outputs": [{"name": o.name} for o in sig.outputs],
            "implementation": {"container": {
                "image": comp.base_image or "", "command": list(command), "args": args,
                # the shim is part of what runs: a new designer version is a new key
                "shim": hashlib.sha256(shim_text().encode()).hexdigest()}}}
    return Program(spec=spec, image=comp.base_image or "", command=command, args=tuple(args),
                   packages=tuple(comp.packages_to_install or ()), inputs=inputs,
                   outputs=tuple(o.name for o in sig.outputs))


__all__ = ["METADATA", "uses_artifacts", "artifact_program", "shim_text"]
