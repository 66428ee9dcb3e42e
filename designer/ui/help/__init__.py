"""Help: Kubeflow concept pages in a help window, F1 and "What's this?" on the canvas, the
properties pane and the YAML previews (``controller.py``)."""


def help_link(concept: str, text: str = "?") -> str:
    """Rich text of a link that opens a concept page (a QLabel showing it needs
    ``setOpenExternalLinks(True)``; ``controller._LinkRouter`` opens it)."""
    return f"<a href='concept:{concept}' style='text-decoration:none'>{text}</a>"
