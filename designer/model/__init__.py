"""The editable document: pipeline + layout + undo stack (Qt core/gui, no widgets).

``Document`` holds the state and emits signals; ``commands`` holds every QUndoCommand;
``ops`` the primitive edits commands are made of. The pure editing rules are Qt-free and
importable without Qt: ``rules`` says which wires are allowed, ``autolayout`` places nodes,
``library`` reads the bundled components. ``fragments`` is copy/paste.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Document", "snapshot"]


def __getattr__(name: str) -> Any:
    # Lazy: importing designer.model.rules must not load Qt through this package.
    if name in __all__:
        from . import document
        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
