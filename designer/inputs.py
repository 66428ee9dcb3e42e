"""Reading what a person gives the designer: one loader under both CLIs and the GUI.

A kfp Python file (read with ``ast``, never executed) or a designer project (``.kfpd``)
becomes a ``persist.Project``; later readers (compiled YAML) plug in here, so every entry
point accepts the same files and says the same thing about the ones it cannot read.
"""
from __future__ import annotations

import os
from pathlib import Path

from designer import persist
from designer.ir.errors import InputError


def example_path() -> Path:
    """The bundled tutorial project (``--example``, Help menu, lessons)."""
    from designer.resources_path import resources_dir
    return resources_dir() / "examples" / "example_pipeline.kfpd"


def load_project(path: str | os.PathLike) -> persist.Project:
    """A project from a kfp Python file or a project file; positions only where the file
    has them (kfp Python files have none). Raises InputError saying why not."""
    path = str(path)
    suffix = Path(path).suffix.lower()
    if not os.path.exists(path):
        raise InputError("no such file", path)
    if suffix == ".py":
        from designer.importers import load_pipeline_file
        return persist.Project(load_pipeline_file(path), {})
    if suffix == persist.EXTENSION:
        return persist.load(path)
    raise InputError(f"cannot read `{suffix or 'files without an extension'}` files: give a "
                     f"kfp Python file (.py) or a designer project ({persist.EXTENSION})", path)
