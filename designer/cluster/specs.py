"""A compiled pipeline as a KFP backend keeps it.

A KFP v2 YAML file is a PipelineSpec, and a second document when tasks have Kubernetes
settings (the platform spec). The backend keeps both in one JSON object: the PipelineSpec
alone, or ``{"pipeline_spec": ..., "platform_spec": ...}`` when there is a platform spec
(``YamlStringToPipelineSpecStruct`` in kfp's apiserver; the kfp 2 client sends the same,
``_PipelineDoc.to_dict``). A version's and a run's ``pipeline_spec`` come back so, and a run
started with an inline spec sends it so.
"""
from __future__ import annotations

from typing import Any

import yaml


def spec_document(text: str, target: str) -> dict:
    """The compiled YAML ``text`` as the backend keeps it (a v1 workflow: its one document)."""
    if target == "v1":
        return yaml.safe_load(text) or {}
    docs = [d for d in yaml.safe_load_all(text) if d is not None]
    pipeline: dict[str, Any] = docs[0] if docs else {}
    platform: dict[str, Any] = {}
    for doc in docs[1:]:
        platform.update(doc)
    if not platform:
        return pipeline
    return {"pipeline_spec": pipeline, "platform_spec": platform}


def pipeline_part(spec: dict | None) -> dict:
    """The PipelineSpec of a kept spec (either form)."""
    spec = spec or {}
    if "root" not in spec and isinstance(spec.get("pipeline_spec"), dict):
        return spec["pipeline_spec"]
    return spec


def platform_part(spec: dict | None) -> dict:
    spec = spec or {}
    if "root" not in spec and isinstance(spec.get("platform_spec"), dict):
        return spec["platform_spec"]
    return {}
