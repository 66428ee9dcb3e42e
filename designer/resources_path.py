"""Where the bundled resources (examples, component library, icons) live."""
from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The installed ``designer.resources`` package, or ``resources/`` of a source checkout."""
    try:
        from importlib.resources import files
        path = Path(str(files("designer.resources")))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "resources"
