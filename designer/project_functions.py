"""A kfp 2 container component in a project file holds both its function (what the Python
export writes) and the fields that function gives (what the compilers write). A file edited
by hand can make them disagree; this reads the function again, as the importer would, and
refuses the project when the two differ, so that export and compile never disagree.

Above ``importers`` (it uses their evaluator) and below the CLIs and the GUI: called from
``inputs.load_project``. A function the importer cannot read on its own (it used names of
its original file) is left as it is: nothing can be compared, nothing is refused.
"""
from __future__ import annotations

import ast

from designer import persist
from designer.ir.components import ContainerComponent
from designer.ir.errors import InputError
from designer.ir.lines import FileLines

_PRELUDE = ("from kfp import dsl\nfrom kfp.dsl import (Artifact, ClassificationMetrics, "
            "ConcatPlaceholder, ContainerSpec, Dataset, HTML, IfPresentPlaceholder, Input, "
            "Markdown, Metrics, Model, Output, OutputPath, SlicedClassificationMetrics)\n\n\n"
            "@dsl.container_component\n")


def _fields(c: ContainerComponent) -> tuple:
    return c.image, list(c.command), list(c.args), dict(c.env), c.signature


def _read_again(source: str) -> ContainerComponent | None:
    from designer.importers.kfp_python import import_python
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    func = next((n for n in tree.body if isinstance(n, ast.FunctionDef)), None)
    if func is None:
        return None
    try:
        found = import_python(_PRELUDE + source, "<container component>", pipeline=func.name)
    except (InputError, RecursionError, MemoryError):
        return None
    return next((c for c in found.components if isinstance(c, ContainerComponent)), None)


def check_container_functions(project: persist.Project, path: str,
                              lines: FileLines | None) -> None:
    """InputError at the component's line when its function and its fields disagree."""
    for comp in project.pipeline.components:
        if not (isinstance(comp, ContainerComponent) and comp.origin == "v2"
                and comp.function_source):
            continue
        again = _read_again(comp.function_source)
        if again is not None and _fields(again) != _fields(comp):
            if lines is None:   # only now: reading the file's lines is a second parse
                from designer import fileio
                from designer.project_lines import project_lines
                lines = project_lines(fileio.read_input_text(path))
            line = lines.components.get(comp.id)
            raise InputError(f"component `{comp.id}`: its function and its fields (image, "
                             "command, args, env, ports) say different things; edit one to "
                             "match the other", path, line)


__all__ = ["check_container_functions"]
