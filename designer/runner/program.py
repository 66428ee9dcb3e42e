"""What a task runs: the container command and arguments the KFP v1 compiler emits.

The runner does not re-interpret the graph: it takes each component's compiled spec
(the ``pipelines.kubeflow.org/component_spec`` structure: ``implementation.container``
with ``command``, ``args`` and placeholders) from ``designer.compiler.v1_program`` and
resolves the placeholders the way kfp 1.8.9's ``_resolve_command_line_and_paths`` does, with
output paths inside the run folder instead of ``/tmp/outputs``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from designer.ir import Component, Pipeline
from designer.ir.components import ContainerComponent

# A compiled component spec (JSON-like dict) for a component of a pipeline.
SpecProvider = Callable[[Pipeline, Component], dict]


def compiled_spec(pipeline: Pipeline, component: Component) -> dict:
    """The v1 compiler's component spec for ``component`` (the default SpecProvider): the
    same structure it writes into the workflow's component_spec annotation."""
    from designer.compiler.v1_program import component_from_source
    return json.loads(component_from_source(component).spec_json)


def ir_port_names(spec: dict, component: Component) -> tuple[dict[str, str], dict[str, str]]:
    """(inputs, outputs): kfp port name -> IR port name. kfp 1 names a file port without
    ``_path``/``_file`` (``data_path: InputPath()`` is the input ``data``); the compiler
    lists the inputs in signature order, then the file outputs, then the returned ones."""
    from designer.compiler.v1_program import _signature
    sig = _signature(component)
    kfp_in = [i["name"] for i in spec.get("inputs") or []]
    kfp_out = [o["name"] for o in spec.get("outputs") or []]
    ir_out = [o.name for o in sig.outputs if o.param is not None] + [
        o.name for o in sig.outputs if o.param is None]
    if len(kfp_in) != len(sig.inputs) or len(kfp_out) != len(ir_out):
        return {}, {}      # a spec of another making (tests): its names are the IR's
    return dict(zip(kfp_in, (i.name for i in sig.inputs))), dict(zip(kfp_out, ir_out))


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
    # A container step (containers.py): it runs ``image`` under a container runtime, with
    # ``command``/``args`` resolved apart (entrypoint and arguments).
    container: bool = False
    env: Mapping[str, str] = field(default_factory=dict)          # the spec's variables
    output_at: Mapping[str, str] = field(default_factory=dict)    # ContainerOp file_outputs
    input_at: Mapping[str, str] = field(default_factory=dict)     # ...InputArgumentPath paths
    index_urls: tuple[str, ...] = ()  # kfp 2's pip_index_urls: where the packages come from

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
    def from_spec(cls, spec: dict, packages: tuple[str, ...] = (),
                  names: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {})) -> "Program":
        """``names``: (inputs, outputs) kfp name -> IR name; the program speaks IR names
        (task arguments and output references use them), ``spec`` stays kfp's."""
        renamed = _renamed(spec, *names)
        container = renamed["implementation"]["container"]
        command = list(container.get("command") or [])
        # kfp puts `sh -c '(pip install ... || ... --user) && "$0" "$@"'` before the program
        # when packages_to_install is set. The runner installs the packages once into a
        # cached venv instead of on every task, so it runs what follows that step.
        if (len(command) > 3 and command[:2] == ["sh", "-c"] and isinstance(command[2], str)
                and "pip install" in command[2] and '"$0" "$@"' in command[2]):
            command = command[3:]
        return cls(spec=spec, image=container.get("image", ""), command=tuple(command),
                   args=tuple(container.get("args") or []), packages=tuple(packages),
                   inputs={i["name"]: i for i in renamed.get("inputs") or []},
                   outputs=tuple(o["name"] for o in renamed.get("outputs") or []))


    @classmethod
    def from_container(cls, comp: ContainerComponent) -> "Program":
        """A container step, from the kfp 1 component spec equivalent to it (the IR's
        placeholders as kfp's structures; a ContainerOp's own file paths kept apart)."""
        from designer.compiler.v1_spec import equivalent_spec
        from designer.compiler.v1_types import SerializationError
        try:
            spec = equivalent_spec(comp)
        except SerializationError as e:
            raise ValueError(str(e)) from None
        container = spec["implementation"]["container"]
        return cls(spec=spec, image=comp.image, command=tuple(container.get("command") or ()),
                   args=tuple(container.get("args") or ()), packages=(),
                   inputs={i["name"]: i for i in spec.get("inputs") or []},
                   outputs=tuple(o.name for o in comp.signature.outputs), container=True,
                   env=dict(comp.env),
                   output_at={o.name: o.path for o in comp.signature.outputs if o.path},
                   input_at={i.name: i.path for i in comp.signature.inputs if i.path})


def program_for(pipeline: Pipeline, component: Any,
                provider: SpecProvider = compiled_spec) -> Program:
    if isinstance(component, ContainerComponent):
        return Program.from_container(component)
    from .v2_program import artifact_program, uses_artifacts
    if uses_artifacts(component.signature):
        program = artifact_program(component)
    else:
        spec = provider(pipeline, component)
        program = Program.from_spec(spec, tuple(component.packages_to_install or ()),
                                    ir_port_names(spec, component))
    indexes = tuple(getattr(component, "pip_index_urls", None) or ())
    return replace(program, index_urls=indexes) if indexes else program


_INPUT_KEYS = ("inputValue", "inputPath", "inputUri", "isPresent")
_OUTPUT_KEYS = ("outputPath", "outputUri")


def _renamed(spec: dict, inputs: Mapping[str, str], outputs: Mapping[str, str]) -> dict:
    """``spec`` with its port names (interface and placeholders) made IR names."""
    if not inputs and not outputs:
        return spec

    def walk(part: Any) -> Any:
        if isinstance(part, dict):
            out = {}
            for key, value in part.items():
                if key in _INPUT_KEYS and isinstance(value, str):
                    out[key] = inputs.get(value, value)
                elif key in _OUTPUT_KEYS and isinstance(value, str):
                    out[key] = outputs.get(value, value)
                else:
                    out[key] = walk(value)
            return out
        if isinstance(part, list):
            return [walk(p) for p in part]
        return part

    renamed = dict(spec, implementation=walk(spec["implementation"]))
    renamed["inputs"] = [dict(i, name=inputs.get(i["name"], i["name"]))
                         for i in spec.get("inputs") or []]
    renamed["outputs"] = [dict(o, name=outputs.get(o["name"], o["name"]))
                          for o in spec.get("outputs") or []]
    return renamed


@dataclass
class Resolved:
    argv: list[str]
    input_paths: dict[str, str]       # input name -> file the program reads
    output_paths: dict[str, str]      # output name -> file the program writes
    command_length: int = 0           # argv[:command_length] came from the command


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
        if kind in ("inputPath", "inputUri"):
            # kfp 2 artifact URIs are local paths in a local run (kfp.local does the same).
            if value in arguments:
                input_paths[value] = input_path(value)
                return input_paths[value]
            return _missing(value)
        if kind in ("outputPath", "outputUri"):
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
        if kind == "executorInput":
            raise ValueError("a local run cannot give the executor input placeholder "
                             "(`{{$}}`) of kfp 2")
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

    command = expand_list(program.command)
    argv = command + expand_list(program.args)
    return Resolved(argv, input_paths, output_paths, len(command))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "on", "t")
    return bool(value)
