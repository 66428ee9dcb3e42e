"""What a task runs: the container command and arguments the KFP v1 compiler emits.

The runner does not re-interpret the graph: it takes each component's compiled spec
(the ``pipelines.kubeflow.org/component_spec`` structure: ``implementation.container``
with ``command``, ``args`` and placeholders) from ``designer.compiler.v1_program`` and
resolves the placeholders the way kfp 1.8.9's ``_resolve_command_line_and_paths`` does, with
output paths inside the run folder instead of ``/tmp/outputs``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from designer.ir import Component, Pipeline

# A compiled component spec (JSON-like dict) for a component of a pipeline.
SpecProvider = Callable[[Pipeline, Component], dict]


def compiled_spec(pipeline: Pipeline, component: Component) -> dict:
    """The v1 compiler's component spec for ``component`` (the default SpecProvider): the
    same structure it writes into the workflow's component_spec annotation."""
    from designer.compiler.v1_program import component_from_source
    return json.loads(component_from_source(component).spec_json)


@dataclass(frozen=True)
class Program:
    """A component as a cluster container runs it."""
    spec: dict                        # the compiled component spec (also the cache identity)
    image: str
    command: tuple[Any, ...]          # compiled command, the pip preinstall step removed
    args: tuple[Any, ...]             # compiled args, placeholders unresolved
    packages: tuple[str, ...]         # packages_to_install
    inputs: Mapping[str, dict]        # input name -> input spec
    outputs: tuple[str, ...]          # output names

    @property
    def path_inputs(self) -> list[str]:
        """Inputs the program reads from files (``inputPath`` placeholders)."""
        found: list[str] = []

        def walk(part: Any) -> None:
            if isinstance(part, dict):
                for kind, value in part.items():
                    if kind == "inputPath" and isinstance(value, str):
                        found.append(value)
                    else:
                        walk(value)
            elif isinstance(part, (list, tuple)):
                for item in part:
                    walk(item)

        walk(self.command)
        walk(self.args)
        return list(dict.fromkeys(found))

    @classmethod
    def from_spec(cls, spec: dict, packages: tuple[str, ...] = ()) -> "Program":
        container = spec["implementation"]["container"]
        command = list(container.get("command") or [])
        # kfp puts `sh -c '(pip install ... || ... --user) && "$0" "$@"'` before the program
        # when packages_to_install is set. The runner installs the packages once into a
        # cached venv instead of on every task, so it runs what follows that step.
        if (len(command) > 3 and command[:2] == ["sh", "-c"] and isinstance(command[2], str)
                and "pip install" in command[2] and '"$0" "$@"' in command[2]):
            command = command[3:]
        return cls(spec=spec, image=container.get("image", ""), command=tuple(command),
                   args=tuple(container.get("args") or []), packages=tuple(packages),
                   inputs={i["name"]: i for i in spec.get("inputs") or []},
                   outputs=tuple(o["name"] for o in spec.get("outputs") or []))


def program_for(pipeline: Pipeline, component: Component,
                provider: SpecProvider = compiled_spec) -> Program:
    return Program.from_spec(provider(pipeline, component),
                             tuple(component.packages_to_install or ()))


@dataclass
class Resolved:
    argv: list[str]
    input_paths: dict[str, str]       # input name -> file the program reads
    output_paths: dict[str, str]      # output name -> file the program writes


def resolve(program: Program, arguments: Mapping[str, str],
            input_path: Callable[[str], str], output_path: Callable[[str], str]) -> Resolved:
    """The argv of ``program`` for ``arguments`` (input name -> serialized value).

    An input absent from ``arguments`` is not present: its ``if isPresent`` branches are
    dropped, and a required one is a ValueError, as in kfp.
    """
    input_paths: dict[str, str] = {}
    output_paths: dict[str, str] = {}

    def expand(part: Any) -> str | list[str] | None:
        if isinstance(part, (str, int, float, bool)):
            return str(part)
        if not isinstance(part, dict) or len(part) != 1:
            raise ValueError(f"unrecognized placeholder {part!r}")
        (kind, value), = part.items()
        if kind == "inputValue":
            if value in arguments:
                return arguments[value]
            return _missing(value)
        if kind == "inputPath":
            if value in arguments:
                input_paths[value] = input_path(value)
                return input_paths[value]
            return _missing(value)
        if kind == "outputPath":
            output_paths[value] = output_path(value)
            return output_paths[value]
        if kind == "concat":
            return "".join(expand_list(value))
        if kind == "isPresent":
            return str(value in arguments)
        if kind == "if":
            cond = expand(value["cond"])
            chosen = value.get("then") if _truthy(cond) else value.get("else")
            if chosen is None:
                return []
            return expand_list(chosen) if isinstance(chosen, list) else expand(chosen)
        raise ValueError(f"unsupported placeholder {kind!r}")

    def _missing(name: str) -> None:
        if program.inputs.get(name, {}).get("optional"):
            return None
        raise ValueError(f"no value for input `{name}`")

    def expand_list(parts: Any) -> list[str]:
        out: list[str] = []
        for part in parts or []:
            got = expand(part)
            if isinstance(got, list):
                out.extend(got)
            elif got is not None:
                out.append(got)
        return out

    argv = expand_list(program.command) + expand_list(program.args)
    return Resolved(argv, input_paths, output_paths)


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "on", "t")
    return bool(value)
