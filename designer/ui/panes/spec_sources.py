"""Which component YAML files the library shows: folders (component hubs) and single files the
person added, remembered in the application's settings (``library/folders``,
``library/files``), read again at each start or reload (``model/spec_library``)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from designer.ir import InputError
from designer.model.spec_library import LibrarySpec, load_spec_folder, read_spec_file

FOLDERS_KEY = "library/folders"
FILES_KEY = "library/files"
FILES = "\0files"   # the key of the group holding single files (never a path)


@dataclass
class Source:
    """A folder's components (``key`` its path) or the single files (``key`` FILES)."""
    key: str
    specs: list[LibrarySpec] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _settings():
    from designer.ui.file_actions import settings
    return settings()


def _paths(key: str) -> list[str]:
    value = _settings().value(key, [])
    if isinstance(value, str):   # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v]


def _store(key: str, paths: list[str]) -> None:
    s = _settings()
    s.setValue(key, list(paths))
    s.sync()


def folders() -> list[str]:
    return _paths(FOLDERS_KEY)


def files() -> list[str]:
    return _paths(FILES_KEY)


def add_folder(folder: str) -> None:
    folder = os.path.abspath(folder)
    if folder not in folders():
        _store(FOLDERS_KEY, folders() + [folder])


def add_file(path: str) -> None:
    path = os.path.abspath(path)
    if path not in files():
        _store(FILES_KEY, files() + [path])


def remove(key: str) -> None:
    """Forget a folder or a single file (whichever ``key`` is)."""
    _store(FOLDERS_KEY, [f for f in folders() if f != key])
    _store(FILES_KEY, [f for f in files() if f != key])


def load() -> list[Source]:
    """Every remembered folder (a missing one says so), then the single files."""
    out = []
    for folder in folders():
        source = Source(folder)
        if os.path.isdir(folder):
            source.specs, source.errors = load_spec_folder(folder)
        else:
            source.errors.append(InputError("the folder is gone", folder))
        out.append(source)
    singles = Source(FILES)
    for path in files():
        try:
            singles.specs.append(read_spec_file(path))
        except InputError as e:
            singles.errors.append(e)
    if singles.specs or singles.errors:
        out.append(singles)
    return out


__all__ = ["Source", "FILES", "folders", "files", "add_folder", "add_file", "remove", "load"]
