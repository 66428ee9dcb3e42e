"""Text -> IR without executing anything: kfp pipeline Python files (read with ``ast``) and
compiled pipeline YAML (read with the safe loader)."""
from __future__ import annotations

import os

from designer.ir import Pipeline
from designer.ir.lines import FileLines

from .compiled_yaml import ImportedYaml, import_yaml
from .kfp_python import PipelineChoice, import_python, list_pipelines

__all__ = ["import_python", "import_yaml", "load_yaml_file", "ImportedYaml", "yaml_file_warnings", "list_pipelines", "load_pipeline_file", "list_pipeline_file",
           "PipelineChoice"]


def _read(path: str | os.PathLike) -> tuple[str, str]:
    """The text of a regular UTF-8 file of sane size (``fileio``), and its name."""
    from designer.fileio import read_input_text
    return read_input_text(path), os.fspath(path)


def load_pipeline_file(path: str | os.PathLike, *, pipeline: str | None = None,
                       component_urls: dict[str, str] | None = None,
                       lines: FileLines | None = None, target: str | None = None) -> Pipeline:
    """Read a kfp pipeline ``.py`` file (UTF-8) into the IR; raises InputError.

    ``pipeline``: which pipeline of the file (see ``list_pipeline_file``);
    ``component_urls``: local files for the URLs the file loads components from;
    ``lines``, when given, learns where each task, argument and parameter is; ``target``:
    the kfp version it is read to be compiled for (see ``import_python``)."""
    text, where = _read(path)
    return import_python(text, where, pipeline=pipeline, component_urls=component_urls,
                         lines=lines, target=target)


def list_pipeline_file(path: str | os.PathLike,
                       component_urls: dict[str, str] | None = None) -> list[PipelineChoice]:
    """The pipelines a kfp ``.py`` file can give, for a chooser; raises InputError."""
    text, where = _read(path)
    return list_pipelines(text, where, component_urls)


def load_yaml_file(path: str | os.PathLike, check: bool = True) -> ImportedYaml:
    """Read a compiled pipeline YAML file (KFP v1 Workflow or v2 PipelineSpec) into the IR,
    with warnings naming what kfp would write otherwise (``check`` False: none; see
    ``yaml_file_warnings``); raises InputError."""
    text, where = _read(path)
    return import_yaml(text, where, check)


def yaml_file_warnings(path: str | os.PathLike, pipeline: Pipeline) -> list[str]:
    """The warnings ``load_yaml_file`` gives, for a pipeline read with ``check=False``."""
    from .compiled_yaml import check_v1, check_v2
    text, where = _read(path)
    check = check_v1 if "kind: Workflow" in text[:2000] else check_v2
    return check(text, pipeline, where)
