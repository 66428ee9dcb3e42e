"""Compiled pipeline YAML (KFP v1 Argo Workflow, KFP v2 PipelineSpec) -> the IR.

``import_yaml`` tells the two apart, reads the file with the safe loader only, and checks
the result by compiling it again (``yaml_check``): the warnings name what the file has that
kfp would not write (a hand-edited field, another kfp version), and are empty for a file kfp
wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from designer.ir import InputError, Pipeline

from .yaml_doc import YamlRefusal, load_documents, refusal_error

_TIME = re.compile(r"pipelines\.kubeflow\.org/pipeline_compilation_time: '([^']*)'")


@dataclass
class ImportedYaml:
    pipeline: Pipeline
    target: str                        # "v1" | "v2"
    warnings: list[str] = field(default_factory=list)


def is_pipeline_spec(doc) -> bool:
    return isinstance(doc, dict) and "pipelineInfo" in doc and "root" in doc


def import_yaml(text: str, path: str, check: bool = True) -> ImportedYaml:
    """The pipeline of a compiled KFP YAML file; raises InputError (``file:line: what``).
    ``check`` False leaves out the re-compile check (``yaml_warnings`` does it later: the
    window shows the canvas first)."""
    from .yaml_v1 import is_workflow, read_workflow
    docs = load_documents(text, path)
    if not docs:
        raise InputError("the file holds no YAML document", path, 1)
    try:
        if is_workflow(docs[0]):
            if len(docs) > 1:
                raise YamlRefusal("a kfp 1 workflow is one YAML document", (), 1)
            pipeline = read_workflow(docs[0])
            return ImportedYaml(pipeline, "v1",
                                check_v1(text, pipeline, path, docs) if check else [])
        if is_pipeline_spec(docs[0]):
            from .yaml_v2 import read_pipeline_spec
            pipeline = read_pipeline_spec(docs)
            return ImportedYaml(pipeline, "v2",
                                check_v2(text, pipeline, path, docs) if check else [])
    except YamlRefusal as e:
        raise refusal_error(e, text, path) from None
    raise InputError("not a compiled pipeline: expected a KFP v1 Argo Workflow (kind: "
                     "Workflow) or a KFP v2 PipelineSpec (pipelineInfo, root)", path, 1)


def check_v2(text: str, pipeline: Pipeline, path: str, docs: list | None = None) -> list[str]:
    """What a PipelineSpec file has that the kfp 2 the designer writes for (2.17.3) would
    write otherwise: the parsed documents compared, as kfp's own golden tests compare
    them (a file from another kfp 2 version differs in its version pins)."""
    from designer.compiler import compile_pipeline

    from .yaml_check import differences
    docs = docs if docs is not None else load_documents(text, path)
    try:
        ours = compile_pipeline(pipeline, "v2")
    except InputError as e:
        raise InputError(f"the pipeline read from this file does not compile for KFP v2: "
                         f"{e.message}", path, e.line) from None
    mine = load_documents(ours, path)
    if mine == docs:
        return []
    return differences(text, ours, docs, mine)


def check_v1(text: str, pipeline: Pipeline, path: str, docs: list | None = None) -> list[str]:
    """What ``text`` has that kfp would write otherwise for ``pipeline`` (read from it)."""
    from designer.compiler import compile_pipeline

    from .yaml_check import differences
    m = _TIME.search(text)
    try:
        ours = compile_pipeline(pipeline, "v1", compile_time=m.group(1) if m else None)
    except InputError as e:
        raise InputError(f"the pipeline read from this file does not compile for KFP v1: "
                         f"{e.message}", path, e.line) from None
    if ours == text:
        return []
    if docs is None:
        docs = load_documents(text, path)
    return differences(text, ours, docs, load_documents(ours, path))
