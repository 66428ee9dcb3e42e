"""What expressions of a kfp file stand for while the importer evaluates it statically.

Plain Python values (str, int, float, bool, None, lists, tuples, dicts) are themselves.
Values kfp only knows at run time are IR arguments (``ParamRef``, ``OutputRef``,
``LoopItem``, ``RunPlaceholder``, ``Collected``, ``OneOf``) or, inside a container
component's body, IR placeholders (``InputValue``...): together, *atoms*. A string with
atoms inside (an f-string, ``%``, ``.format``, ``str(x)``) is a ``SymStr``. Everything
else the file can name (kfp's API, tasks, loop and condition blocks, Kubernetes objects)
has a small class here.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from designer.ir import components as pc
from designer.ir.model import Collected, LoopItem, OneOf, OutputRef, ParamRef, RunPlaceholder, Task
from designer.ir.settings import PipelineConf

# Run-time values of a pipeline (the IR's arguments that are not constants).
CHANNELS = (ParamRef, OutputRef, LoopItem, RunPlaceholder, Collected, OneOf)
# Placeholders a container component's body sees for its own ports.
PLACEHOLDERS = (pc.InputValue, pc.InputPath, pc.OutputPath, pc.InputUri, pc.OutputUri,
                pc.ExecutorInput, pc.Concat, pc.IfPresent)
# What may stand inside a string (kfp turns each into a placeholder string with str()).
STRINGABLE = (ParamRef, OutputRef, LoopItem, RunPlaceholder, pc.InputValue, pc.InputPath,
              pc.OutputPath, pc.InputUri, pc.OutputUri, pc.ExecutorInput)


@dataclass(frozen=True)
class SymStr:
    """A string with run-time values inside: parts are str and atoms, merged, never empty."""
    parts: tuple[Any, ...]

    @staticmethod
    def join(items: list[Any]) -> "SymStr | str":
        parts: list[Any] = []
        for item in items:
            for part in (item.parts if isinstance(item, SymStr) else (item,)):
                if isinstance(part, str):
                    if not part:
                        continue
                    if parts and isinstance(parts[-1], str):
                        parts[-1] += part
                        continue
                parts.append(part)
        if all(isinstance(p, str) for p in parts):
            return "".join(parts)
        return SymStr(tuple(parts))


def is_runtime(value: Any) -> bool:
    return isinstance(value, CHANNELS + PLACEHOLDERS + (SymStr,))


@dataclass(frozen=True)
class Ref:
    """Something a module imports (``kfp.dsl.Condition``, ``os.path``), by dotted name."""
    qualname: str


@dataclass(eq=False)
class Function:
    """A ``def`` of the file: called, its body is evaluated (helpers, ContainerOp factories)."""
    node: ast.FunctionDef
    closure: Any = None            # the Frame it was defined in (None: the module)
    kind: str = "plain"            # "plain" | "v1_component" (kfp 1.x @dsl.component)


@dataclass(eq=False)
class OpClass:
    """A ``class X(dsl.ContainerOp)``: calling it runs its ``__init__``."""
    node: ast.ClassDef


@dataclass(eq=False)
class PipelineFunc:
    node: ast.FunctionDef
    decorator: ast.expr | None


@dataclass(eq=False)
class BoundMethod:
    obj: Any
    name: str


@dataclass(eq=False)
class Builtin:
    name: str


@dataclass(eq=False)
class TaskValue:
    """A task in the pipeline being built, as the pipeline function sees it."""
    task: Task
    component: Any
    style: str
    # kfp 1 volumes mounted with ``pvolumes=`` (mount path -> VolumeValue).
    pvolumes: dict[str, Any] = field(default_factory=dict)
    # The op's own volume when it creates one (kfp 1 VolumeOp.volume).
    volume: Any = None
    # Values a ContainerOp subclass keeps on itself (``self.x = ...``).
    extras: dict[str, Any] = field(default_factory=dict)
    # Named ``<component>_task`` for want of a variable (a helper's caller may name it).
    auto_named: bool = False
    # kfp 1 ``add_volume(V1Volume)``s waiting for their ``add_volume_mount``.
    pending_volumes: list[Any] = field(default_factory=list)
    node: Any = None                 # where the task was made (for messages)
    # settings field -> the line of the call that last set it (a refusal points there)
    setting_lines: dict[str, int] = field(default_factory=dict)


@dataclass(eq=False)
class Outputs:
    """``task.outputs``: indexable by output name."""
    task: TaskValue


@dataclass(eq=False)
class Attr:
    """A chain of attributes below a task (``op.container``, ``op.execution_options...``)."""
    task: TaskValue
    path: tuple[str, ...]


@dataclass(frozen=True)
class ConditionExpr:
    """``a == b`` (and the other comparisons) where a side is a run-time value."""
    operator: str
    left: Any
    right: Any


@dataclass(eq=False)
class GroupSpec:
    """A kfp block made, not yet entered: ``dsl.Condition(...)``, ``dsl.ParallelFor(...)``..."""
    kind: str                        # condition | loop | exit_handler
    node: ast.AST
    branch: str | None = None        # None | if | elif | else
    condition: ConditionExpr | None = None
    items: Any = None
    parallelism: int | None = None
    exit_task: TaskValue | None = None
    name: str | None = None
    dsl_name: str = ""               # what the file called: "dsl.Condition", "dsl.If"...


@dataclass(frozen=True)
class K8s:
    """A Kubernetes client object (``V1EnvVar(...)``...): its class name and arguments."""
    kind: str
    args: tuple[tuple[str, Any], ...]

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.args).get(key, default)


@dataclass(eq=False)
class VolumeValue:
    """kfp 1 ``PipelineVolume``: a volume to mount (a claim by name, or a k8s volume),
    and the tasks whoever mounts it must run after."""
    pvc: Any = None                  # claim name: str or a run-time value
    k8s: K8s | None = None
    after: tuple[str, ...] = ()      # task ids
    volume_task: str | None = None   # the task that created the claim
    name: str | None = None          # the volume's name when given (else kfp derives it)


@dataclass(eq=False)
class ConfValue:
    """kfp 1 ``PipelineConf`` being filled in (``dsl.get_pipeline_conf()``, ``PipelineConf()``)."""
    conf: PipelineConf = field(default_factory=PipelineConf)
    lines: dict[str, int] = field(default_factory=dict)   # field -> the call that set it


@dataclass(eq=False)
class ContainerSpecValue:
    """kfp 2 ``dsl.ContainerSpec(image, command, args)`` returned by a container component."""
    image: Any
    command: Any
    args: Any


@dataclass(eq=False)
class ArtifactPort:
    """A container component's artifact parameter: ``.path`` / ``.uri`` are placeholders."""
    name: str
    is_input: bool


@dataclass(eq=False)
class ArgumentPath:
    """kfp 1 ``dsl.InputArgumentPath(argument, input, path)``."""
    argument: Any
    input: str | None
    path: str | None
    node: ast.AST


@dataclass(eq=False)
class NamedTupleType:
    name: str
    fields: tuple[str, ...]


@dataclass(eq=False)
class NamedTupleValue:
    type: NamedTupleType
    values: tuple[Any, ...]


@dataclass(eq=False)
class PathValue:
    """``pathlib.Path`` over a string path (for loading component files)."""
    path: str


def describe(value: Any) -> str:
    """A few words saying what a value is, for messages."""
    if isinstance(value, TaskValue):
        return "a task"
    if isinstance(value, ParamRef):
        return f"pipeline parameter `{value.name}`"
    if isinstance(value, OutputRef):
        return "a task output"
    if isinstance(value, LoopItem):
        return "a loop item"
    if isinstance(value, (RunPlaceholder,)):
        return "a run placeholder"
    if isinstance(value, (Collected, OneOf)):
        return "a collected output" if isinstance(value, Collected) else "dsl.OneOf(...)"
    if isinstance(value, SymStr):
        return "a string built from run-time values"
    if isinstance(value, PLACEHOLDERS + (ArtifactPort,)):
        return "a component placeholder"
    if isinstance(value, (Function, PipelineFunc)):
        return "a function"
    if isinstance(value, Ref):
        return f"`{value.qualname}`"
    if isinstance(value, GroupSpec):
        return f"a `{value.dsl_name}` block"
    if isinstance(value, ConditionExpr):
        return "a condition"
    if isinstance(value, K8s):
        return f"a Kubernetes `{value.kind}`"
    return f"a {type(value).__name__}"
