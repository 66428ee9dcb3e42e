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
from designer.ir.values import Problem
from designer.model.rules import Refusal


def diagnostic_text(d: Diagnostic) -> str:
    if not d.template:
        return d.message
    return QCoreApplication.translate("Diagnostics", d.template).format(**d.args)


def value_problem_text(problem: Problem) -> str:
    """Why a typed value cannot be a constant (``ir.values``), as the end of a sentence."""
    kind = problem.kind
    if kind == "surrogate":
        text = QCoreApplication.translate(
            "Values", "it has a lone surrogate (U+{code}), which no file can hold")
    elif kind == "int":
        text = QCoreApplication.translate(
            "Values", "an integer of more than {digits} digits cannot be saved or compiled")
    elif kind == "depth":
        text = QCoreApplication.translate("Values", "it is nested more than {depth} levels deep")
    elif kind == "sequence":
        text = QCoreApplication.translate("Values", "a {type} cannot be saved: use a list")
    elif kind == "type":
        text = QCoreApplication.translate("Values", "a {type} is not a JSON-like value")
    else:
        text = QCoreApplication.translate("Values", "a dict key cannot be a {type}")
    return text.format(**problem.args)


def refusal_text(refusal: Refusal) -> str:
    return QCoreApplication.translate("Rules", refusal.template).format(**refusal.args)


__all__ = ["diagnostic_text", "refusal_text", "value_problem_text"]
