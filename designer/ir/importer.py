"""kfp 2's importer node (``dsl.importer``): a step that runs no program but brings an
artifact that already exists at a URI into the pipeline as an artifact output.

``dsl.importer(artifact_uri, artifact_class, reimport=False, metadata=None)`` makes one
component per call (kfp names it ``importer``; tasks ``importer``, ``importer-2``...): one
input ``uri`` (a string: a constant, a pipeline parameter or a task output, given as the
task's argument ``uri``) and one output ``artifact`` of the artifact class. ``reimport``
and ``metadata`` (constant JSON-like properties of the artifact) belong to the component.

The signature is derived from ``artifact_class``, never stored apart from it: the port
type and the class cannot disagree. Not held (refused where they are read):
metadata with run-time values in it (kfp makes extra ``metadata`` inputs of those),
artifact classes of the user's own (``class X(dsl.Artifact)``), and
``download_to_workspace`` (needs a workspace configuration).
kfp 1.8.9 has no importer: its compiler says "dsl.importer is not supported with v1
compiler", and so does the designer's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .signature import ARTIFACT, ARTIFACT_TYPES, InputSpec, OutputSpec, Signature

URI = "uri"              # kfp's importer_node.URI_KEY
OUTPUT = "artifact"      # kfp's importer_node.OUTPUT_KEY
KFP_NAME = "importer"    # the component name kfp gives every importer
# kfp 1.8.9's words (kfp/compiler/compiler.py) when an importer reaches its v1 compiler.
V1_REFUSAL = "dsl.importer is not supported with v1 compiler"


@dataclass
class ImporterComponent:
    id: str
    artifact_class: str = "Artifact"        # one of signature.ARTIFACT_TYPES
    reimport: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)   # constant, JSON-like
    # The Python name a person calls it by: ``importer`` (kfp.dsl.importer).
    function_name: str = "importer"

    @property
    def kind(self) -> str:
        return "importer"

    @property
    def name(self) -> str:
        return KFP_NAME

    @property
    def kfp_name(self) -> str:
        return KFP_NAME

    @property
    def python_name(self) -> str:
        return self.function_name

    @property
    def signature(self) -> Signature:
        return importer_signature(self.artifact_class, self.function_name)


def importer_signature(artifact_class: str, function_name: str = "importer") -> Signature:
    return Signature(function_name, (InputSpec(URI, "str", type="String"),),
                     (OutputSpec(OUTPUT, artifact_class, ARTIFACT, artifact_class),))


def class_problem(artifact_class: str) -> str | None:
    """Why ``artifact_class`` cannot be an importer's class, or None."""
    if artifact_class in ARTIFACT_TYPES:
        return None
    return (f"artifact class `{artifact_class}` is not one of kfp's artifact classes "
            f"({', '.join(ARTIFACT_TYPES)})")


def is_importer(component: Any) -> bool:
    return isinstance(component, ImporterComponent)


__all__ = ["ImporterComponent", "importer_signature", "class_problem", "is_importer",
           "URI", "OUTPUT", "KFP_NAME", "V1_REFUSAL"]
