"""The one exception type for bad user input (files, arguments)."""
from __future__ import annotations


class InputError(Exception):
    """Bad input, with where it is: shown to a person as ``path:line: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message
