"""Comparing imported pipelines with expected IR written in tests.

``canon(p)`` gives the same pipeline with its random ids replaced by readable ones
(components: their Python name; tasks: their name; groups: ``g1``, ``g2``... in order), so
a test can compare it with an IR it writes out, field for field (dataclass equality).
"""
from __future__ import annotations

import dataclasses
import textwrap
from typing import Any

import pytest

from designer.importers import import_python
from designer.ir import InputError, Pipeline

_ID_FIELDS = {"task_id", "component_id", "loop", "parent", "group", "exit_task", "volume_task"}


def canon(p: Pipeline) -> Pipeline:
    ids: dict[str, str] = {}
    for c in p.components:
        ids[c.id] = c.python_name
    for t in p.tasks:
        ids[t.id] = t.name
    for i, g in enumerate(p.groups, 1):
        ids[g.id] = f"g{i}"
    return _remap(p, ids)


def _remap(value: Any, ids: dict[str, str], field: str | None = None) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            if f.name == "id" and isinstance(old, str):
                new = ids.get(old, old)
            elif f.name == "after":
                new = [ids.get(x, x) for x in old]
            else:
                new = _remap(old, ids, f.name)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, str):
        return ids.get(value, value) if field in _ID_FIELDS else value
    if isinstance(value, list):
        return [_remap(v, ids, field) for v in value]
    if isinstance(value, tuple):
        return tuple(_remap(v, ids, field) for v in value)
    if isinstance(value, dict):
        return {k: _remap(v, ids, field) for k, v in value.items()}
    return value


def imp(source: str, path: str = "pipe.py", **kwargs: Any) -> Pipeline:
    return import_python(textwrap.dedent(source), path, **kwargs)


def cimp(source: str, path: str = "pipe.py", **kwargs: Any) -> Pipeline:
    """Import, then ``canon``."""
    return canon(imp(source, path, **kwargs))


def check_refusal(source: str, fragments: tuple[str, ...] | list[str]) -> InputError:
    """Importing ``source`` fails at the line marked ``#!`` with all the fragments."""
    marked = [i for i, line in enumerate(source.splitlines(), 1) if line.endswith("#!")]
    with pytest.raises(InputError) as info:
        import_python(source, "bad.py")
    assert info.value.line == (marked[0] if marked else None), info.value
    for fragment in fragments:
        assert fragment in info.value.message, info.value.message
    return info.value
