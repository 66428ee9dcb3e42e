"""Text -> IR without executing anything: kfp pipeline Python files (read with ``ast``)."""
from __future__ import annotations

import os

from designer.ir import InputError, Pipeline

from .kfp_python import import_python

__all__ = ["import_python", "load_pipeline_file"]


def load_pipeline_file(path: str | os.PathLike) -> Pipeline:
    """Read a kfp pipeline ``.py`` file (UTF-8) into the IR; raises InputError."""
    where = os.fspath(path)
    try:
        with open(where, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", where) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {e.start} cannot be decoded)", where,
                         line) from None
    return import_python(text, where)
