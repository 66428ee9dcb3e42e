"""A task's sidecars as one line of text (the Properties pane's field; Qt-free).

``echo=nginx:1.13 nginx -g 'daemon off;'; cache=redis:alpine -- --port 6380``: sidecars
separated by ``;``, each ``name=image``, then the words of its command and, after ``--``,
those of its arguments, quoted as a shell quotes them. A sidecar whose image or words come
from pipeline values, or that mirrors the task's volumes, is edited in the Python file.
"""
from __future__ import annotations

import re
import shlex
from typing import Any, Callable

from .model import Concat, OutputRef, ParamRef
from .settings import Sidecar
from .settings_rules import Problem, RuleError
from .translatable import QT_TRANSLATE_NOOP

# A container's name: a DNS-1123 label (Kubernetes refuses a pod with another).
_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")

SIDECAR = QT_TRANSLATE_NOOP("SettingsRules",
                            "“{item}”: write name=image, then the command and, after --, its "
                            "arguments; sidecars separated by ;, e.g. echo=nginx:1.13 nginx "
                            "-g 'daemon off;'")
SIDECAR_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                 "“{name}” is not a container name (lower-case letters, digits "
                                 "and -, at most 63, starting and ending with a letter or digit)")
SIDECAR_TWICE = QT_TRANSLATE_NOOP("SettingsRules", "Two sidecars are named “{name}”")
QUOTES = QT_TRANSLATE_NOOP("SettingsRules", "A quote is not closed: {error}")


def _tokens(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";")
    lexer.whitespace_split = True
    try:
        return list(lexer)
    except ValueError as e:
        raise RuleError(Problem(QUOTES, {"error": str(e)})) from None


def parse_sidecars(text: str) -> tuple[Sidecar, ...]:
    groups: list[list[str]] = [[]]
    for token in _tokens(text):
        if token and set(token) == {";"}:
            groups += [[] for _ in token]
        else:
            groups[-1].append(token)
    out: list[Sidecar] = []
    for words in (g for g in groups if g):
        name, sep, image = words[0].partition("=")
        if not sep or not image:
            raise RuleError(Problem(SIDECAR, {"item": shlex.join(words)}))
        if _NAME.match(name) is None:
            raise RuleError(Problem(SIDECAR_NAME, {"name": name}))
        if any(s.name == name for s in out):
            raise RuleError(Problem(SIDECAR_TWICE, {"name": name}))
        rest = words[1:]
        cut = rest.index("--") if "--" in rest else len(rest)
        out.append(Sidecar(name, image, tuple(rest[:cut]), tuple(rest[cut + 1:])))
    return tuple(out)


def describe(value: Any) -> str:
    """A value from the run as the text shows it (not editable): ``{tag}``, ``a-{tag}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Concat):
        return "".join(p if isinstance(p, str) else describe(p) for p in value.parts)
    if isinstance(value, ParamRef):
        return "{" + value.name + "}"
    if isinstance(value, OutputRef):
        return "{" + f"{value.task_id}.{value.output}" + "}"
    return "{" + type(value).__name__ + "}"


def format_sidecars(sidecars: tuple[Sidecar, ...],
                    describe: Callable[[Any], str] = describe) -> str:
    """The text form; a value from the run shown by ``describe`` (not editable then)."""
    def words(values: tuple) -> list[str]:
        return [v if isinstance(v, str) else describe(v) for v in values]
    texts = []
    for s in sidecars:
        image = s.image if isinstance(s.image, str) else describe(s.image)
        parts = [f"{s.name}={image}", *words(s.command)]
        if s.args:
            parts += ["--", *words(s.args)]
        texts.append(shlex.join(parts))
    return "; ".join(texts)


def sidecars_editable(sidecars: tuple[Sidecar, ...]) -> bool:
    """Whether the text form reads back the same (plain strings, no volume mirroring)."""
    try:
        return parse_sidecars(format_sidecars(sidecars)) == tuple(sidecars)
    except RuleError:
        return False


__all__ = ["parse_sidecars", "format_sidecars", "sidecars_editable"]
