"""Reading lesson files: YAML composed safely (no tags, aliases measured), every field
checked with its line, so a teacher's typo reads ``lesson.yaml:12: what`` and nothing
half-built is kept.

    format: kfp-designer-lesson
    version: 1
    id: tutorial
    order: 1
    title: {en: ..., ko: ...}
    summary: {en: ..., ko: ...}
    steps:
    - id: name
      title: {en: ..., ko: ...}
      text: {en: ..., ko: ...}
      hint: {en: ..., ko: ...}
      check:
      - pipeline: {name: example_pipeline}
      - param: {name: number_1, type: int}
      - task_exists: {component: print_and_return_number, count: 2}
      - argument: {task_of: print_and_return_number, nth: 2, input: number,
                   from_param: number_2}
      - after: {task_of: ..., nth: 2, runs_after: {task_of: ..., nth: 1}}
      - group: {kind: condition, holds: {task_of: sum_and_print_numbers},
                left: {from_param: number_1}, operator: "<", right: {from_param: number_2}}
      - group: {kind: loop, holds: {task_of: print_and_return_number}, items: [1, 2, 3]}
      - argument: {task_of: print_and_return_number, input: number, from_loop_item: true}
      - compiled_equals: {v1: example_pipeline.yaml}
      - compiled_contains: {v1: "name: print-and-return-number-2"}
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import yaml

from designer.fileio import read_input_text
from designer.ir.errors import InputError
from designer.ir.groups import OPERATORS
from designer.project_yaml import compose, construct, measure

from .data import (
    AfterCond,
    ArgumentCond,
    CompiledCond,
    Condition,
    FromOutput,
    FromLoopItem,
    FromParam,
    FromValue,
    GroupCond,
    Lesson,
    ParamCond,
    PipelineCond,
    Source,
    Step,
    TaskCond,
    TaskRef,
    Text,
)

FORMAT = "kfp-designer-lesson"
VERSION = 1
TARGETS = ("v1", "v2")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"


class _Reader:
    """Typed access to composed nodes; every refusal names the file and line."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, node: yaml.Node | None, what: str) -> InputError:
        return InputError(what, self.path, node.start_mark.line + 1 if node else None)

    def mapping(self, node: yaml.Node, where: str, keys: set[str],
                required: set[str] = frozenset()) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{where} must be a mapping")
        out: dict[str, yaml.Node] = {}
        for k, v in node.value:
            if not (isinstance(k, yaml.ScalarNode) and k.tag == _STR):
                raise self.fail(k, f"{where}: keys must be names")
            if k.value not in keys:
                raise self.fail(k, f"{where}: unknown key `{k.value}` (expected one of "
                                   f"{', '.join(sorted(keys))})")
            if k.value in out:
                raise self.fail(k, f"{where}: duplicate key `{k.value}`")
            out[k.value] = v
        missing = sorted(required - set(out))
        if missing:
            raise self.fail(node, f"{where}: missing `{missing[0]}`")
        return out

    def string(self, node: yaml.Node, where: str) -> str:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _STR) or not node.value:
            raise self.fail(node, f"{where} must be a non-empty string")
        return node.value

    def integer(self, node: yaml.Node, where: str, least: int = 1) -> int:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _INT):
            raise self.fail(node, f"{where} must be a whole number")
        value = int(construct(node))
        if not least <= value <= 1000:
            raise self.fail(node, f"{where} must be between {least} and 1000")
        return value

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{where} must be a list")
        return list(node.value)

    def value(self, node: yaml.Node, where: str) -> Any:
        """A JSON-like value (a default, a constant argument)."""
        allowed = {"str", "int", "float", "bool", "null", "seq", "map"}
        stack = [node]
        while stack:
            n = stack.pop()
            if n.tag.rsplit(":", 1)[-1] not in allowed:
                raise self.fail(n, f"{where}: only plain values (text, numbers, true/false, "
                                   "lists, mappings)")
            if isinstance(n, yaml.MappingNode):
                stack.extend(x for pair in n.value for x in pair)
            elif isinstance(n, yaml.SequenceNode):
                stack.extend(n.value)
        return construct(node)

    def text(self, node: yaml.Node, where: str) -> Text:
        fields = self.mapping(node, where, {"en", "ko"}, {"en"})
        return Text(self.string(fields["en"], f"{where}.en"),
                    self.string(fields["ko"], f"{where}.ko") if "ko" in fields else "")

    def position(self, node: yaml.Node, where: str) -> tuple[float, float]:
        items = self.sequence(node, where)
        numbers = []
        for item in items:
            if not (isinstance(item, yaml.ScalarNode)
                    and item.tag in (_INT, "tag:yaml.org,2002:float")):
                raise self.fail(item, f"{where} must be [x, y]")
            numbers.append(float(construct(item)))
        if len(numbers) != 2 or any(abs(v) > 1e6 or v != v for v in numbers):
            raise self.fail(node, f"{where} must be [x, y] (numbers on the canvas)")
        return numbers[0], numbers[1]

    def task_ref(self, fields: dict[str, yaml.Node], where: str) -> TaskRef:
        nth = self.integer(fields["nth"], f"{where}.nth") if "nth" in fields else 1
        return TaskRef(self.string(fields["task_of"], f"{where}.task_of"), nth)


def _condition(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    outer = r.mapping(node, where, set(_CONDITIONS))
    if len(outer) != 1:
        raise r.fail(node, f"{where}: one condition per list item "
                           f"({', '.join(_CONDITIONS)})")
    (kind, body), = outer.items()
    return _CONDITIONS[kind](r, body, f"{where}.{kind}", base)


def _pipeline(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"name"}, {"name"})
    return PipelineCond(r.string(f["name"], f"{where}.name"), node.start_mark.line + 1)


def _param(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"name", "type", "default", "at"}, {"name"})
    return ParamCond(
        r.string(f["name"], f"{where}.name"),
        r.string(f["type"], f"{where}.type") if "type" in f else None,
        "default" in f, r.value(f["default"], f"{where}.default") if "default" in f else None,
        r.position(f["at"], f"{where}.at") if "at" in f else None,
        node.start_mark.line + 1)


def _task(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"component", "count", "at"}, {"component"})
    count = r.integer(f["count"], f"{where}.count") if "count" in f else 1
    at: tuple = ()
    if "at" in f:
        at = tuple(r.position(p, f"{where}.at") for p in r.sequence(f["at"], f"{where}.at"))
    return TaskCond(r.string(f["component"], f"{where}.component"), count, at,
                    node.start_mark.line + 1)


_SOURCES = ("from_param", "from_output", "value", "from_loop_item")


def _source(r: _Reader, f: dict[str, yaml.Node], node: yaml.Node, where: str,
            kinds: tuple[str, ...]) -> Source:
    """Where a value comes from: exactly one of ``kinds`` among the fields ``f``."""
    given = [k for k in kinds if k in f]
    if len(given) != 1:
        raise r.fail(node, f"{where}: give exactly one of {', '.join(kinds)}")
    kind = given[0]
    if kind == "from_param":
        return FromParam(r.string(f[kind], f"{where}.from_param"))
    if kind == "value":
        return FromValue(r.value(f[kind], f"{where}.value"))
    if kind == "from_loop_item":
        item = f[kind]
        if not (isinstance(item, yaml.ScalarNode) and item.tag == _BOOL
                and construct(item) is True):
            raise r.fail(item, f"{where}.from_loop_item must be true")
        return FromLoopItem()
    o = r.mapping(f[kind], f"{where}.from_output", {"task_of", "nth", "output"}, {"task_of"})
    return FromOutput(r.task_ref(o, f"{where}.from_output"),
                      r.string(o["output"], f"{where}.from_output.output")
                      if "output" in o else "Output")


def _argument(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"task_of", "nth", "input", *_SOURCES}, {"task_of", "input"})
    source = _source(r, f, node, where, _SOURCES)
    return ArgumentCond(r.task_ref(f, where), r.string(f["input"], f"{where}.input"), source,
                        node.start_mark.line + 1)


_GROUP_FIELDS = {"condition": ("left", "operator", "right"), "loop": ("items",)}


def _group(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"kind", "holds", "left", "operator", "right", "items"},
                  {"kind", "holds"})
    kind = r.string(f["kind"], f"{where}.kind")
    if kind not in _GROUP_FIELDS:
        raise r.fail(f["kind"], f"{where}.kind must be one of {', '.join(_GROUP_FIELDS)}")
    for other, fields in _GROUP_FIELDS.items():
        for name in fields:
            if other != kind and name in f:
                raise r.fail(f[name], f"{where}: `{name}` belongs to a {other}, not a {kind}")
    for name in _GROUP_FIELDS[kind]:
        if name not in f:
            raise r.fail(node, f"{where}: a {kind} needs `{name}`")
    holds = r.mapping(f["holds"], f"{where}.holds", {"task_of", "nth"}, {"task_of"})
    ref, line = r.task_ref(holds, f"{where}.holds"), node.start_mark.line + 1
    if kind == "loop":
        items = r.sequence(f["items"], f"{where}.items")
        if not items:
            raise r.fail(f["items"], f"{where}.items: a loop needs at least one item")
        return GroupCond(kind, ref, items=tuple(r.value(f["items"], f"{where}.items")),
                         line=line)
    operator = r.string(f["operator"], f"{where}.operator")
    if operator not in OPERATORS:
        raise r.fail(f["operator"], f"{where}.operator must be one of {' '.join(OPERATORS)}")
    sides = []
    for side in ("left", "right"):
        fs = r.mapping(f[side], f"{where}.{side}", set(_SOURCES[:3]))
        sides.append(_source(r, fs, f[side], f"{where}.{side}", _SOURCES[:3]))
    return GroupCond(kind, ref, sides[0], operator, sides[1], line=line)


def _after(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
    f = r.mapping(node, where, {"task_of", "nth", "runs_after"}, {"task_of", "runs_after"})
    before = r.mapping(f["runs_after"], f"{where}.runs_after", {"task_of", "nth"}, {"task_of"})
    return AfterCond(r.task_ref(f, where), r.task_ref(before, f"{where}.runs_after"),
                     node.start_mark.line + 1)


def _compiled(kind: str) -> Callable[..., Condition]:
    def read(r: _Reader, node: yaml.Node, where: str, base: Path) -> Condition:
        f = r.mapping(node, where, set(TARGETS))
        if len(f) != 1:
            raise r.fail(node, f"{where}: name one target ({', '.join(TARGETS)})")
        (target, value), = f.items()
        text = r.string(value, f"{where}.{target}")
        line = node.start_mark.line + 1
        if kind == "contains":
            return CompiledCond(target, contains=text, line=line)
        file = (base / text).resolve()
        if not file.is_file():
            raise r.fail(value, f"{where}.{target}: no file {text} next to the lesson")
        return CompiledCond(target, equals_file=file, line=line)
    return read


_CONDITIONS: dict[str, Callable[..., Condition]] = {
    "pipeline": _pipeline, "param": _param, "task_exists": _task, "argument": _argument,
    "after": _after, "group": _group, "compiled_equals": _compiled("equals"),
    "compiled_contains": _compiled("contains"),
}


def _step(r: _Reader, node: yaml.Node, where: str, base: Path) -> Step:
    f = r.mapping(node, where, {"id", "title", "text", "hint", "check"},
                  {"id", "title", "text", "check"})
    checks = tuple(_condition(r, c, f"{where}.check[{i}]", base)
                   for i, c in enumerate(r.sequence(f["check"], f"{where}.check")))
    if not checks:
        raise r.fail(f["check"], f"{where}.check: a step needs at least one condition")
    return Step(r.string(f["id"], f"{where}.id"), r.text(f["title"], f"{where}.title"),
                r.text(f["text"], f"{where}.text"),
                r.text(f["hint"], f"{where}.hint") if "hint" in f else Text(""),
                checks, node.start_mark.line + 1)


def parse_lesson(text: str, path: str, bundled: bool = False) -> Lesson:
    """A lesson from its file's text; InputError (``path:line: what``) when it is wrong."""
    r = _Reader(path)
    root = compose(text, path)
    if root is None:
        raise InputError("the lesson file is empty", path, 1)
    measure(root, path)
    f = r.mapping(root, "the lesson", {"format", "version", "id", "order", "title", "summary",
                                      "steps"},
                  {"format", "version", "id", "title", "steps"})
    if r.string(f["format"], "format") != FORMAT:
        raise r.fail(f["format"], f"format must be {FORMAT}")
    version = r.integer(f["version"], "version")
    if version > VERSION:
        raise r.fail(f["version"], f"lesson format version {version} is newer than this "
                                   f"designer reads ({VERSION})")
    base = Path(path).resolve().parent
    steps = tuple(_step(r, s, f"steps[{i}]", base)
                  for i, s in enumerate(r.sequence(f["steps"], "steps")))
    if not steps:
        raise r.fail(f["steps"], "a lesson needs at least one step")
    seen: set[str] = set()
    for s, node in zip(steps, f["steps"].value):
        if s.id in seen:
            raise r.fail(node, f"duplicate step id `{s.id}`")
        seen.add(s.id)
    return Lesson(r.string(f["id"], "id"), r.text(f["title"], "title"),
                  r.text(f["summary"], "summary") if "summary" in f else Text(""), steps,
                  path, r.integer(f["order"], "order", 0) if "order" in f else 100, bundled)


def load_lesson(path: str | os.PathLike, bundled: bool = False) -> Lesson:
    path = os.fspath(path)
    return parse_lesson(read_input_text(path), path, bundled)


def bundled_dir() -> Path:
    from designer.resources_path import resources_dir
    return resources_dir() / "lessons"


def load_folder(folder: str | os.PathLike, bundled: bool = False
                ) -> tuple[list[Lesson], list[InputError]]:
    """Every ``*.yaml`` lesson of ``folder`` (sorted by order, then id), and the files that
    could not be read (a broken lesson never hides the others). Expected-output YAML next to
    a lesson (no ``format: kfp-designer-lesson``) is skipped."""
    lessons: list[Lesson] = []
    errors: list[InputError] = []
    for p in sorted(Path(folder).glob("*.yaml")):
        try:
            text = read_input_text(p)
            if FORMAT not in text:
                continue
            lessons.append(parse_lesson(text, str(p), bundled))
        except InputError as e:
            errors.append(e)
    lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    return lessons, errors
