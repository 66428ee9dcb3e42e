"""Sentences of the Qt-free layers that reach a person, marked for translation.

The IR and the model rules never load Qt, yet some of what they say is shown in the UI
(diagnostics, why a wire is refused). They write it as an English template with named
fields, marked ``QT_TRANSLATE_NOOP(context, template)``: a no-op here, and the call
pyside6-lupdate extracts into the translation sources (``tools/i18n.py``). The UI shows
``QCoreApplication.translate(context, template).format(**args)``; everything else (the
CLI, logs, exceptions) uses the English ``template.format(**args)``.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """``text`` unchanged; marks it for translation in ``context``."""
    return text


__all__ = ["QT_TRANSLATE_NOOP"]
