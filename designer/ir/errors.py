"""The one exception type for bad user input (files, arguments)."""
from __future__ import annotations

import re

# A message is one line a person reads: values quoted in it are cut to this many characters,
# and the whole message to MAX_MESSAGE (an alias bomb once printed a 72 MB line).
MAX_QUOTED = 60
MAX_MESSAGE = 600


# What terminals and str.splitlines take as a line break, other control characters (ESC
# would start a terminal escape sequence) and lone surrogates (no terminal encoding can print
# one): a message shows them escaped.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with line breaks, control characters and lone surrogates escaped (``\\n``,
    ``\\x85``, ``\\ud800``)."""
    return _CONTROLS.sub(lambda m: {"\n": "\\n", "\r": "\\r"}.get(
        m.group(), m.group().encode("unicode_escape").decode("ascii")), text)


def shorten(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` cut in the middle to at most ``limit`` characters, on one line."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[len(text) - (limit - 1 - half):]}"


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``repr(value)`` for a message, cut; never fails (a too-long int says so)."""
    try:
        text = repr(value)
    except ValueError:          # an int beyond Python's int-str limit (in it somewhere)
        if isinstance(value, int):
            return shorten(hex(value), limit)
        return f"<a {type(value).__name__} holding an integer too long to print>"
    except RecursionError:
        return f"<a {type(value).__name__} nested too deeply>"
    return shorten(text, limit)


class InputError(Exception):
    """Bad input, with where it is: shown to a person as ``path:line: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        message = shorten(message, MAX_MESSAGE)
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = one_line(self.path or "")
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message
