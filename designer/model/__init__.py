"""The editable document (Qt core/gui only, no widgets): pipeline + layout + undo stack.

``Document`` holds the state and emits signals; ``commands`` holds every QUndoCommand;
``rules`` says which wires are allowed; ``fragments`` is copy/paste; ``autolayout``
places nodes; ``library`` reads the bundled components.
"""
from .document import Document, snapshot

__all__ = ["Document", "snapshot"]
