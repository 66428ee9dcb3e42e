"""kfp 2's importer node read back from compiled YAML: an ``importer`` executor
(``v2_importer`` writes it) becomes an ``ImporterComponent``, read only when compiling it
again gives the very same component and executor (its metadata free of run-time values:
kfp's extra ``metadata`` inputs are not held by the IR)."""
from __future__ import annotations

from typing import Any

from designer.compiler.v2_importer import importer_component, task_executor
from designer.compiler.v2_types import ARTIFACT_SCHEMAS, SCHEMA_VERSION
from designer.ir.importer import URI, ImporterComponent
from designer.ir.model import Task, new_id
from designer.ir.signature import ARTIFACT_TYPES

from .yaml_doc import YamlRefusal

_CLASS_OF = {ARTIFACT_SCHEMAS[name.lower()]: name for name in ARTIFACT_TYPES}


def _has_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return "{{$" in value
    if isinstance(value, dict):
        return any(_has_placeholder(k) or _has_placeholder(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_placeholder(v) for v in value)
    return False


def read_importer(ref: str, spec: dict, body: Any, where: tuple) -> ImporterComponent:
    if not isinstance(body, dict) or set(body) - {"artifactUri", "typeSchema", "reimport",
                                                  "metadata"}:
        raise YamlRefusal("an importer with fields not read yet (download_to_workspace...)",
                          where)
    schema = body.get("typeSchema") or {}
    cls = _CLASS_OF.get(schema.get("schemaTitle")) if isinstance(schema, dict) else None
    if cls is None or schema.get("schemaVersion") != SCHEMA_VERSION:
        raise YamlRefusal("an importer of an artifact class other than kfp's own is not read",
                          where + ("typeSchema",))
    metadata = body.get("metadata") or {}
    if not isinstance(metadata, dict) or _has_placeholder(metadata):
        raise YamlRefusal("an importer's metadata with pipeline parameters or task outputs in "
                          "it is not read", where + ("metadata",))
    comp = ImporterComponent(new_id(), cls, bool(body.get("reimport")), metadata)
    expected = importer_component(comp)
    if {k: v for k, v in spec.items() if k != "executorLabel"} != expected.spec:
        raise YamlRefusal("an importer component other than kfp's dsl.importer is not read",
                          ("components", ref))
    return comp


def check_importer_task(task: Task, base: dict, body: dict, where: tuple) -> None:
    """The task's ``uri`` argument gives the executor's ``artifactUri`` as the file has it."""
    if task_executor(task, base)["importer"] != body:
        raise YamlRefusal(f"the importer's artifact URI does not match its task's `{URI}` "
                          "input", where)


__all__ = ["read_importer", "check_importer_task"]
