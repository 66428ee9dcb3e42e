"""Task run states in words (translated), for the run panel, the canvas and the panes."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def state_label(state: str) -> str:
    """A task state (``controller.STATES``, or "installing") in words, translated."""
    translate = QCoreApplication.translate
    return {"pending": translate("RunStates", "pending"),
            "paused": translate("RunStates", "paused"),
            "running": translate("RunStates", "running"),
            "installing": translate("RunStates", "installing"),
            "succeeded": translate("RunStates", "succeeded"),
            "cached": translate("RunStates", "cached"),
            "failed": translate("RunStates", "failed"),
            "skipped": translate("RunStates", "skipped"),
            "condition_false": translate("RunStates", "skipped (condition false)"),
            "cancelled": translate("RunStates", "stopped")}.get(state, state)
