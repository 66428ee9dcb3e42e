"""Sentences from below the UI, in the UI's language.

Diagnostics (``designer.ir.validate``) and wire refusals (``designer.model.rules``) carry
an English template and its named fields; here the template is translated (contexts
"Diagnostics" and "Rules") and filled in. Details from the importers, the compilers and
the Python parser (an ``InputError``'s text, a syntax error) are not templates: they
stay English, shown as the details under a translated sentence.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from designer.ir import Diagnostic
from designer.model.rules import Refusal


def diagnostic_text(d: Diagnostic) -> str:
    if not d.template:
        return d.message
    return QCoreApplication.translate("Diagnostics", d.template).format(**d.args)


def refusal_text(refusal: Refusal) -> str:
    return QCoreApplication.translate("Rules", refusal.template).format(**refusal.args)


__all__ = ["diagnostic_text", "refusal_text"]
