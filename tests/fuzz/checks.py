"""What every accepted input must satisfy, and how a refusal must look.

A refusal is an ``InputError``: one line, naming the file, and ``kfp-designer`` exits 2 with
that line. Any other exception is a traceback (the worst kind of answer to bad input).
An accepted input must give consistent outputs: compiling twice gives the same bytes, a
saved project loads back equal and saves to the same text, a converted project compiles to
the bytes of its source, exported Python imports back to a pipeline compiling to the same
bytes. A disagreement is a ``Wrong``.
"""
from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from designer import persist
from designer.cli import main as cli_main
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python
from designer.inputs import with_readable_ids
from designer.ir import InputError, Pipeline, errors
from designer.ir.errors import MAX_MESSAGE
from designer.model.node_geometry import initial_layout

TIME = "2023-11-14T22:13:20"     # the v1 compile-time stamp, fixed


class Wrong(Exception):
    """An accepted input gave inconsistent (so at least one wrong) output."""


def refusal(e: InputError, path: Path | None) -> None:
    """A refusal must be one short line that names the file."""
    text = str(e)
    if "\n" in text or len(text) > MAX_MESSAGE + len(str(path or "")) + 20:
        raise Wrong(f"refusal is not one short line: {text[:300]!r}")
    if path is not None and not text.startswith(str(path)):
        raise Wrong(f"refusal does not name the file: {text[:300]!r}")


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(list(args))
    return code, out.getvalue(), err.getvalue()


def validate_cli(path: Path) -> int:
    """``kfp-designer validate PATH``: exit 0/1 with a report, or 2 with one line."""
    code, out, err = cli("validate", str(path))
    if code == 2:
        lines = err.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith(str(path)):
            raise Wrong(f"exit 2 without one line naming the file: {err[:300]!r}")
    elif code not in (0, 1) or err:
        raise Wrong(f"validate exit {code} with stderr {err[:300]!r}")
    return code


def opened(path: Path, load: Callable[[Path], Any]) -> Any | None:
    """``load(path)`` when ``kfp-designer validate`` accepts the file too; None when both
    refuse it, as they must: in one line naming the file."""
    code = validate_cli(path)
    try:
        value = load(path)
    except InputError as e:
        if code != 2:
            raise Wrong(f"validate accepted ({code}) what the loader refuses: {e}") from None
        refusal(e, path)
        return None
    if code == 2:
        raise Wrong("validate refused what the loader accepts")
    return value


def outcome(p: Pipeline, target: str) -> str:
    """Compiled text, or the refusal's message (a target may refuse a valid pipeline)."""
    try:
        return compile_pipeline(p, target, compile_time=TIME)
    except InputError as e:
        refusal(e, None)
        return f"refused: {e.message}"


def export(p: Pipeline, target: str) -> str | None:
    try:
        return export_python(p, target)
    except InputError as e:
        refusal(e, None)
        return None


def same_project(a: persist.Project, b: persist.Project) -> bool:
    # repr: NaN (a value YAML holds) is unequal to itself but prints the same.
    if a == b:
        return True
    try:
        return repr(a) == repr(b)
    except ValueError:          # an integer Python cannot print: they differ anyway
        return False


def save_round_trip(project: persist.Project, where: str) -> str:
    """Saved text that loads back equal and saves again to the same text."""
    try:
        text = persist.dumps(project)
    except InputError as e:      # a feature the project format cannot store yet
        refusal(e, None)
        return ""
    try:
        back = persist.loads(text, "saved.kfpd")
    except InputError as e:
        raise Wrong(f"{where}: a saved project does not open again: {e}") from None
    if not same_project(back, project):
        raise Wrong(f"{where}: a saved project opens different")
    if persist.dumps(back) != text:
        raise Wrong(f"{where}: saving a reopened project changes the text")
    return text


def consistent(project: persist.Project, *, from_python: bool) -> str:
    """Check an accepted, valid pipeline end to end; "valid" or "invalid"."""
    p = project.pipeline
    text = save_round_trip(project, "save")
    if errors(p):
        return "invalid"
    compiled = {t: outcome(p, t) for t in ("v1", "v2")}
    for target, first in compiled.items():
        if outcome(p, target) != first:
            raise Wrong(f"compiling {target} twice gives different bytes")
        if not first.startswith("refused"):
            # what we write is YAML (v2 with Kubernetes settings: two documents, the
            # pipeline spec and the platform spec, as kfp-kubernetes writes them)
            list(yaml.load_all(first, Loader=yaml.CSafeLoader))
    if text:
        reopened = persist.loads(text)
        for target, first in compiled.items():
            if outcome(reopened.pipeline, target) != first:
                raise Wrong(f"a saved and reopened project compiles differently ({target})")
    if from_python and text:
        converted = with_readable_ids(persist.loads(text))
        converted.layout = initial_layout(converted.pipeline, converted.layout)
        again = persist.loads(persist.dumps(converted))
        for target, first in compiled.items():
            if outcome(again.pipeline, target) != first:
                raise Wrong(f"a converted project compiles differently ({target})")
    for target in ("v1", "v2"):
        # Exported Python must import back to the same bytes where the target compiles at
        # all (exporting for a target that refuses the pipeline is not checked here).
        source = export(p, target) if not compiled[target].startswith("refused") else None
        if source is None:
            continue
        try:
            back = import_python(source, f"exported_{target}.py")
        except InputError as e:
            raise Wrong(f"exported {target} Python does not import again: {e}") from None
        if outcome(back, target) != compiled[target]:
            raise Wrong(f"exported {target} Python imports to a pipeline compiling differently")
    return "valid"
