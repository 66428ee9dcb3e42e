"""Component kinds besides Python functions: container steps and component specs (YAML).

A component is an interface (``Signature``: typed inputs and outputs) plus an
implementation. ``Component`` (in ``model``) is a Python function component; the
kinds here run a container image directly:

* ``ContainerComponent`` — an image, a command and arguments made of literal strings
  and *placeholders* (an input's value or file path, an output's file path, a
  concatenation, an if-present choice), as kfp's ``ComponentSpec`` writes them in
  ``implementation.container``. Where it came from is kept in ``origin``, because kfp
  compiles the same container differently depending on how it was declared:

  - ``"op"``: kfp 1.x ``dsl.ContainerOp(...)`` written in the pipeline, in a factory
    function or a ``ContainerOp`` subclass. kfp 1.8.9 writes no component_spec annotation
    for these, names template inputs after the pipeline parameters it was given, and reads
    outputs from ``file_outputs`` (``OutputSpec.path``). How the importer maps one to the
    IR (designer/importers/_containers.py): one component per distinct container (calls of
    a factory that give the same container share it); constants are already formatted
    into the command and args as Python did when kfp ran the file (so ``echo_op('a')`` and
    ``echo_op('b')`` are two components); every run-time value (parameter, task output,
    loop item) used in them is an input (VALUE, named after the factory parameter it came
    through, else after the value) placed with ``InputValue``, and the task's argument for
    it is that value; ``InputArgumentPath`` artifacts are PATH inputs with ``InputSpec.path``
    (the literal path is in the command). Outputs: ``file_outputs`` are VALUE outputs with
    ``path`` (kfp 1 makes each a parameter and an artifact); the outputs kfp 1 keeps as
    artifacts only (``output_artifact_paths``, and ``mlpipeline-ui-metadata`` /
    ``mlpipeline-metrics`` of ``file_outputs``, under those normalised names) are PATH
    outputs. ``function_source`` is set for kfp 1.x ``@dsl.component`` factories only: the
    ``def`` whose interface kfp 1.8.9 attaches as component metadata.
  - ``"spec"``: a component spec (``load_component_from_text/file/url``). ``spec_text``
    keeps the YAML verbatim: kfp hashes it into ``component_ref.digest`` and the Python
    export writes it back as the user had it.
  - ``"v2"``: a kfp 2 ``@dsl.container_component`` function returning
    ``dsl.ContainerSpec``; ``function_source`` keeps the function as written.

The IR keeps real references (placeholders name ports); kfp's strings
(``{{inputs.parameters.x}}``, ``{{$.inputs.parameters['x']}}``) are made by the
compilers only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .signature import Signature

ORIGINS = ("op", "spec", "v2")


# --- placeholders (kfp: components/_structures.py, dsl/placeholders.py) -------------

@dataclass(frozen=True)
class InputValue:
    """The input's value as a string (``{inputValue: name}``)."""
    input: str


@dataclass(frozen=True)
class InputPath:
    """A local file holding the input's data (``{inputPath: name}``)."""
    input: str


@dataclass(frozen=True)
class OutputPath:
    """A local file the program writes the output to (``{outputPath: name}``)."""
    output: str


@dataclass(frozen=True)
class InputUri:
    """v2: the URI of an input artifact (``dsl.InputUriPlaceholder``)."""
    input: str


@dataclass(frozen=True)
class OutputUri:
    """v2: the URI an output artifact is written to (``dsl.OutputUriPlaceholder``)."""
    output: str


@dataclass(frozen=True)
class Concat:
    """The parts joined into one string.

    ``inline`` False: an explicit concat placeholder (``{concat: [...]}``,
    ``dsl.ConcatPlaceholder``), which kfp 2 writes as a ``Concat`` structure. ``inline``
    True: the parts were written inside one Python string (an f-string, ``%``, ``+``,
    ``.format`` over ports), which kfp writes as one string with the placeholders in it;
    every Concat of an "op" container is inline (kfp 1.x ContainerOp only has strings)."""
    parts: tuple["Part", ...]
    inline: bool = False


@dataclass(frozen=True)
class IfPresent:
    """``then`` when the optional input has a value, else ``otherwise``
    (``{if: {cond: {isPresent: name}, then: [...], else: [...]}}``)."""
    input: str
    then: tuple["Part", ...] = ()
    otherwise: tuple["Part", ...] = ()


@dataclass(frozen=True)
class ExecutorInput:
    """v2: the executor input JSON (``{{$}}``), as kfp's Python executor gets it."""


Part = Union[str, InputValue, InputPath, OutputPath, InputUri, OutputUri, Concat, IfPresent,
             ExecutorInput]


def placeholder_ports(parts: tuple[Part, ...] | list[Part]) -> tuple[set[str], set[str]]:
    """(input names, output names) the parts refer to, nested parts included."""
    inputs: set[str] = set()
    outputs: set[str] = set()

    def walk(part: Part) -> None:
        if isinstance(part, (InputValue, InputPath, InputUri)):
            inputs.add(part.input)
        elif isinstance(part, (OutputPath, OutputUri)):
            outputs.add(part.output)
        elif isinstance(part, Concat):
            for p in part.parts:
                walk(p)
        elif isinstance(part, IfPresent):
            inputs.add(part.input)
            for p in part.then + part.otherwise:
                walk(p)

    for part in parts:
        walk(part)
    return inputs, outputs


@dataclass
class ContainerComponent:
    """A container step: image, command and args over the ports of ``signature``.

    ``signature.function_name`` is the name a person calls it by in Python (the factory
    or function name; for a spec, the component name made a Python name); ``name`` is
    the kfp component name (``Echo text``), which kfp turns into task names.
    """
    id: str
    name: str
    signature: Signature
    image: str
    command: list[Part] = field(default_factory=list)
    args: list[Part] = field(default_factory=list)
    # Environment of the container as the spec declares it (``implementation.container.env``).
    env: dict[str, str] = field(default_factory=dict)
    origin: str = "spec"                      # one of ORIGINS
    description: str | None = None
    spec_text: str | None = None              # origin "spec": the YAML as loaded
    # ...loaded from this file, the path exactly as the call received it (kfp 1 writes it
    # into component_ref.url; relative paths are read relative to the pipeline file)
    spec_path: str | None = None
    spec_url: str | None = None               # ...or this URL (never fetched on open)
    function_source: str | None = None        # origin "v2" (and "op" factories): the def
    # Origin "op": which of "command" / "args" the file gave as an empty list (kfp 1 writes
    # ``args: []`` then; an empty list here otherwise means "not given": no field).
    explicit_empty: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        return "container"

    @property
    def kfp_name(self) -> str:
        return self.name

    @property
    def python_name(self) -> str:
        return self.signature.function_name

    def placeholders(self) -> tuple[set[str], set[str]]:
        return placeholder_ports(list(self.command) + list(self.args))


__all__ = ["ORIGINS", "InputValue", "InputPath", "OutputPath", "InputUri", "OutputUri",
           "Concat", "IfPresent", "ExecutorInput", "Part", "placeholder_ports",
           "ContainerComponent"]
