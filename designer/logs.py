"""Diagnostics with the ``logging`` module: one log file per user, a level from the
environment.

    path = setup_logging(folder)     # the GUI passes its data folder (QStandardPaths)
    log = logging.getLogger(__name__)

Every module logs to a logger under ``designer``; ``setup_logging`` sends them to
``<folder>/kfp-designer.log`` (rotated at 1 MB, 3 old files kept) at the level named by
``KFP_DESIGNER_LOG`` (DEBUG, INFO, WARNING, ERROR; default INFO), and warnings and
errors also to stderr. Unset, nothing is configured: the library stays quiet.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LEVEL_ENV = "KFP_DESIGNER_LOG"
FILE_NAME = "kfp-designer.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def level_from_env(env: dict | None = None) -> int:
    name = str((os.environ if env is None else env).get(LEVEL_ENV, "INFO")).strip().upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO


def setup_logging(folder: Path) -> Path:
    """Log ``designer.*`` to a file in ``folder`` (made if needed); returns its path.
    Calling it again replaces the handlers it added before."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    logger = logging.getLogger("designer")
    stop_logging()
    level = level_from_env()
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000,
                                                        backupCount=3, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(FORMAT))
    stderr = logging.StreamHandler()
    stderr.setLevel(max(level, logging.WARNING))
    stderr.setFormatter(logging.Formatter("kfp-designer: %(levelname)s: %(message)s"))
    for handler in (file_handler, stderr):
        handler._kfp_designer = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return path


def stop_logging() -> None:
    """Remove (and close) the handlers ``setup_logging`` added."""
    logger = logging.getLogger("designer")
    for handler in list(logger.handlers):
        if getattr(handler, "_kfp_designer", False):
            logger.removeHandler(handler)
            handler.close()


__all__ = ["setup_logging", "stop_logging", "level_from_env", "LEVEL_ENV", "FILE_NAME"]
