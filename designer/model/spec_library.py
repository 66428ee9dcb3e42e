"""Component YAML files in the library: a team's component hub (a folder of ``component.yaml``
files) or single files, read with ``yaml.safe_load`` (``ir.component_spec``); nothing runs.

A library entry keeps the file's text verbatim and its absolute path: a task made from it is a
container component of origin "spec" loaded from that path, so kfp 1 writes the path into
``component_ref.url`` and the Python export writes ``load_component_from_file(path)``, as a
person loading the hub's file by hand would.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from designer.ir import InputError, Signature
from designer.ir.component_spec import Where, spec_component
from designer.ir.components import ContainerComponent

SPEC_SUFFIXES = (".yaml", ".yml")
# A hub is read to this depth at most (a folder per component, maybe one per team above it).
MAX_DEPTH = 4


@dataclass(frozen=True)
class LibrarySpec:
    """One component file: its kfp name, Python name, interface and text."""
    name: str
    python_name: str
    signature: Signature
    description: str
    text: str
    path: str

    def to_component(self) -> ContainerComponent:
        """A fresh IR component loaded from the file (``load_component_from_file(path)``)."""
        return spec_component(self.text, Where(self.path), spec_path=self.path)


def read_spec_file(path: str | Path) -> LibrarySpec:
    """The component in one YAML file; InputError (with the YAML line) when it is not one
    the designer can hold exactly."""
    path = os.path.abspath(str(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the file: {e}", path) from None
    comp = spec_component(text, Where(path), spec_path=path)
    description = (comp.description or "").strip()
    return LibrarySpec(name=comp.name, python_name=comp.python_name, signature=comp.signature,
                       description=description, text=text, path=path)


def _looks_like_spec(path: Path) -> bool:
    """``component.yaml`` always; another YAML file when it has an ``implementation`` key at
    its top level (a hub folder also holds pipelines, configs...)."""
    if path.name in ("component.yaml", "component.yml"):
        return True
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(65536)
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith("implementation:") for line in head.splitlines())


def spec_files(folder: str | Path) -> list[Path]:
    """The component files of a hub folder, sorted by path (hidden folders skipped)."""
    root = Path(folder)
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        depth = len(Path(dirpath).relative_to(root).parts)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")) \
            if depth < MAX_DEPTH else []
        for name in filenames:
            path = Path(dirpath) / name
            if name.endswith(SPEC_SUFFIXES) and _looks_like_spec(path):
                out.append(path)
    return sorted(out)


def load_spec_folder(folder: str | Path) -> tuple[list[LibrarySpec], list[InputError]]:
    """Every component of a hub folder, sorted by name, and the files refused (with why)."""
    specs, errors = [], []
    for path in spec_files(folder):
        try:
            specs.append(read_spec_file(path))
        except InputError as e:
            errors.append(e)
    return sorted(specs, key=lambda s: (s.name.lower(), s.path)), errors


__all__ = ["LibrarySpec", "read_spec_file", "spec_files", "load_spec_folder"]
