"""Reading what a person gives the designer: one loader under both CLIs and the GUI.

A kfp Python file (read with ``ast``, never executed), a compiled pipeline (``.yaml``: KFP v1
Workflow or v2 PipelineSpec, read with the safe loader) or a designer project (``.kfpd``)
becomes a ``persist.Project``; so every entry
point accepts the same files and says the same thing about the ones it cannot read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from designer import fileio, persist
from designer.ir.errors import InputError
from designer.ir.lines import FileLines


YAML_SUFFIXES = (".yaml", ".yml")


def example_path() -> Path:
    """The bundled tutorial project (``--example``, Help menu, lessons)."""
    from designer.resources_path import resources_dir
    return resources_dir() / "examples" / "example_pipeline.kfpd"


@dataclass(frozen=True)
class ReadOptions:
    """How to read a kfp Python file: which of its pipelines (``pipeline``: the function's
    name; see ``pipeline_choices``), and local files for the URLs it loads components from
    (``component_urls``: the designer never downloads when it opens a file)."""
    pipeline: str | None = None
    component_urls: Mapping[str, str] = field(default_factory=dict)
    # Compiled YAML: compile it again and compare (``Project.warnings``). The window
    # leaves it to after the first paint (``yaml_warnings``).
    check_yaml: bool = True
    # The kfp version the pipeline is read to be compiled for (None: any): a kfp Python file
    # that version compiles otherwise than the designer reads it is refused.
    target: str | None = None


def load_project(path: str | os.PathLike, options: ReadOptions | None = None,
                 lines: FileLines | None = None) -> persist.Project:
    """A project from a kfp Python file or a project file; positions only where the file
    has them (kfp Python files have none). Raises InputError saying why not. ``lines``,
    when given, learns where each object is in the file (for messages with file lines)."""
    path = str(path)
    options = options or ReadOptions()
    suffix = Path(path).suffix.lower()
    if not os.path.exists(path):
        raise InputError("no such file", path)
    if suffix == ".py":
        from designer.importers import load_pipeline_file
        return persist.Project(load_pipeline_file(
            path, pipeline=options.pipeline, component_urls=dict(options.component_urls),
            lines=lines, target=options.target), {})
    if suffix in YAML_SUFFIXES:
        from designer.importers import load_yaml_file
        imported = load_yaml_file(path, options.check_yaml)
        return persist.Project(imported.pipeline, {}, imported.warnings)
    if options.pipeline is not None:
        raise InputError("--pipeline chooses among the pipelines of a kfp Python file; a "
                         "project holds one", path)
    if suffix == persist.EXTENSION:
        try:
            project = persist.load(path)
        except InputError as e:
            if e.line is None:    # a component's source that does not parse: say where
                from designer.project_lines import check_sources
                try:    # the reader says why a FIFO or a device is refused, without blocking
                    text = fileio.read_input_text(path)
                except InputError:
                    raise e from None
                check_sources(text, path)
            raise
        project = _with_lines(project, path, lines)
        from designer.project_functions import check_container_functions
        check_container_functions(project, path, lines)
        return project
    raise InputError(f"cannot read `{suffix or 'files without an extension'}` files: give a "
                     f"kfp Python file (.py), a compiled pipeline (.yaml) or a designer project "
                     f"({persist.EXTENSION})", path)


def yaml_warnings(path: str | os.PathLike, pipeline) -> list[str]:
    """What a compiled YAML file has that kfp would write otherwise for ``pipeline``, read
    from it with ``check_yaml=False``; [] for other files."""
    if Path(path).suffix.lower() not in YAML_SUFFIXES:
        return []
    from designer.importers import yaml_file_warnings
    return yaml_file_warnings(path, pipeline)


def pipeline_choices(path: str | os.PathLike, options: ReadOptions | None = None) -> list:
    """The pipelines a kfp Python file can give (``importers.PipelineChoice``: name, kind,
    line), for a chooser; one entry for a project file. Raises InputError."""
    path = str(path)
    if Path(path).suffix.lower() != ".py":
        from designer.importers import PipelineChoice
        return [PipelineChoice(Path(path).stem, "project", 1)]
    from designer.importers import list_pipeline_file
    options = options or ReadOptions()
    return list_pipeline_file(path, dict(options.component_urls))


def parse_component_urls(items: list[str] | None) -> dict[str, str]:
    """``URL=FILE`` pairs (``--component-url``) -> a mapping; InputError on a malformed one."""
    out: dict[str, str] = {}
    for item in items or []:
        url, sep, file = item.rpartition("=")
        if not sep or not url or not file:
            raise InputError(f"--component-url takes URL=FILE, not `{item}`")
        out[url] = file
    return out


def add_read_options(parser) -> None:
    """``--pipeline`` and ``--component-url`` on a command that reads INPUT (argparse)."""
    parser.add_argument("--pipeline", metavar="NAME",
                        help="which pipeline of a .py file that has several (its function's "
                        "name)")
    parser.add_argument("--component-url", metavar="URL=FILE", action="append",
                        help="read the component a .py file loads from URL from the local FILE "
                        "instead (the designer never downloads); repeatable")


def read_options(args) -> ReadOptions:
    """The ``ReadOptions`` an argparse namespace gives (see ``add_read_options``)."""
    return ReadOptions(getattr(args, "pipeline", None),
                       parse_component_urls(getattr(args, "component_url", None)))


def with_readable_ids(project: persist.Project) -> persist.Project:
    """``project`` with ids read from its names: a task's id is its name, a component's its
    function name, a group's its name or kind (``_2``, ``_3``... where two clash), as in the
    bundled example. An imported file gets random ids; converting it twice must give the
    same bytes. Every reference is renamed with them (``ir.remap``)."""
    from designer.ir.naming import unique_name
    from designer.ir.remap import remap
    p = project.pipeline

    def readable(items, name) -> dict[str, str]:
        ids: dict[str, str] = {}
        for item in items:
            ids[item.id] = unique_name(name(item), set(ids.values()))
        return ids

    task_ids = readable(p.tasks, lambda t: t.name)
    group_ids = readable(p.groups, lambda g: g.name or g.kind)
    project.pipeline = remap(p, task_ids, group_ids, readable(p.components, lambda c: c.name))
    project.layout = {task_ids.get(k, k): v for k, v in project.layout.items()}
    return project


def _with_lines(project: persist.Project, path: str, lines: FileLines | None) -> persist.Project:
    """Fill ``lines`` from the project file's text (``project_lines``)."""
    if lines is not None:
        from designer.project_lines import project_lines
        found = project_lines(fileio.read_input_text(path))
        lines.__dict__.update(found.__dict__)
    return project
