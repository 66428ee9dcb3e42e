"""Kubeflow concept pages: short texts in English and Korean, one YAML file per concept in
``resources/concepts/`` (no Qt; Help ▸ Kubeflow Concepts shows them).

    page = load("task")
    page.title_in("ko"), page.body_in("ko")     # "태스크", markdown

A file has ``format: 1``, ``title`` and ``body`` per language (``en`` required), and
``see_also`` (concept ids). Links between pages are markdown links ``concept:<id>``. A
broken file is refused with ``file:line: what``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from designer.ir.errors import InputError
from designer.resources_path import resources_dir

FORMAT = 1
# The order of the index: from what a person meets first to what they meet later.
ORDER = ("component", "task", "pipeline", "parameter", "output", "artifact", "dependency",
         "control-flow", "compile", "yaml", "caching", "local-run")
LINK_SCHEME = "concept"


@dataclass(frozen=True)
class Concept:
    id: str
    title: dict[str, str]
    body: dict[str, str]
    see_also: tuple[str, ...] = field(default_factory=tuple)

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]

    def body_in(self, language: str) -> str:
        return self.body.get(language) or self.body["en"]


def folder() -> Path:
    return resources_dir() / "concepts"


def concept_ids() -> list[str]:
    """Every bundled concept, in ORDER first, then the rest by name."""
    found = sorted(p.stem for p in folder().glob("*.yaml"))
    return [c for c in ORDER if c in found] + [c for c in found if c not in ORDER]


@lru_cache(maxsize=64)
def load(concept_id: str) -> Concept:
    return parse(folder() / f"{concept_id}.yaml")


def parse(path: Path) -> Concept:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read the concept page: {e.strerror or e}", str(path)) \
            from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{where}: not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: a concept page is a mapping")
    if data.get("format") != FORMAT:
        raise InputError(f"{path}:1: format {data.get('format')!r}: this designer reads "
                         f"format {FORMAT}")
    title, body = data.get("title"), data.get("body")
    for name, value in (("title", title), ("body", body)):
        if not isinstance(value, dict) or not isinstance(value.get("en"), str) or \
                not all(isinstance(v, str) for v in value.values()):
            raise InputError(f"{path}:{_line_of(text, name)}: `{name}` needs a text per "
                             "language, `en` at least")
    see = data.get("see_also") or []
    if not isinstance(see, list) or not all(isinstance(s, str) for s in see):
        raise InputError(f"{path}:{_line_of(text, 'see_also')}: `see_also` is a list of "
                         "concept ids")
    return Concept(path.stem, dict(title), dict(body), tuple(see))


def _line_of(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


__all__ = ["Concept", "concept_ids", "load", "parse", "ORDER", "LINK_SCHEME"]
