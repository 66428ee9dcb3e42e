"""kfp 2's importer node in a local run (no Qt): the task's output artifact is the file the
URI names, used where it is (never copied over, never written to).

A local path or a ``file://`` URI to an existing file works; a folder, a missing file or a
remote URI (``gs://``, ``s3://``, ``https://``...: a local run fetches nothing) fails that
task alone, with a message the run panel shows translated. ``reimport`` and ``metadata``
are the cluster's ML Metadata business: a local run has no store to register them in.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from designer.ir.importer import OUTPUT, URI, ImporterComponent
from designer.ir.translatable import QT_TRANSLATE_NOOP

from .program import Program

REMOTE = QT_TRANSLATE_NOOP(
    "Runner", "the importer's URI `{uri}` is remote ({scheme}://); a local run imports local "
              "files only (a path or a file:// URI). Run the pipeline on a cluster, or give a "
              "local file.")
MISSING = QT_TRANSLATE_NOOP("Runner", "the importer's URI `{uri}` names no file on this "
                                      "computer.")
FOLDER = QT_TRANSLATE_NOOP("Runner", "the importer's URI `{uri}` is a folder; a local run "
                                     "imports single files.")


@dataclass(frozen=True)
class Failure:
    template: str                   # one of the messages above
    args: dict[str, str]


def program(comp: ImporterComponent) -> Program:
    """A stand-in Program (names, ports) for the runner's bookkeeping; the step itself is
    carried out by ``resolve``, not as a process."""
    spec = {"name": comp.kfp_name, "implementation": {"container": {"image": "importer"}},
            "inputs": [{"name": URI}], "outputs": [{"name": OUTPUT}]}
    return Program.from_spec(spec)


def resolve(uri: str) -> Path | Failure:
    """The local file ``uri`` names, or why a local run cannot import it."""
    parsed = urlparse(uri)
    scheme = parsed.scheme.lower()
    if scheme == "file":
        path = Path(unquote(parsed.path))
    elif scheme and len(scheme) > 1:      # (a one-letter scheme is a Windows drive)
        return Failure(REMOTE, {"uri": uri, "scheme": scheme})
    else:
        path = Path(uri).expanduser()
    if path.is_dir():
        return Failure(FOLDER, {"uri": uri})
    if not path.is_file():
        return Failure(MISSING, {"uri": uri})
    return path.resolve()


__all__ = ["program", "resolve", "Failure", "REMOTE", "MISSING", "FOLDER"]
