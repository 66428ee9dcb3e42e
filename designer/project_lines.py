"""Where each object of a ``.kfpd`` project file is, by line: read from the YAML node marks.

Kept apart from ``persist.load`` (which builds the IR and checks the file's shape): this
only composes the YAML again (``yaml.compose`` with the safe loader builds nodes and marks,
no objects) and walks the nodes the loader reads. A component's ``source`` is a literal
block (``source: |``): its first line is the line after the ``|``, so line N of the source
is that line + N - 1. Anything unexpected leaves that entry out; the caller then says less,
never something wrong.
"""
from __future__ import annotations

import yaml

from designer.ir import InputError, SignatureError, signature_from_source
from designer.ir.lines import FileLines


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _text(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def source_first_line(node: yaml.ScalarNode) -> int | None:
    """The file line of the first line of a scalar's text, when its lines are the file's."""
    if node.style == "|":
        return _line(node) + 1          # the block starts under its `|` indicator
    if node.style in (None, "", "'") and "\n" not in node.value:
        return _line(node)              # a one-line plain or single-quoted scalar
    return None                         # folded or escaped: its lines are not the file's


def project_lines(text: str) -> FileLines:
    """Line numbers of the pipeline, its parameters, components (and their sources) and
    tasks (and their arguments) in a project file's text."""
    lines = FileLines()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    pipeline = _get(root, "pipeline")
    if pipeline is None:
        return lines
    lines.pipeline = _line(pipeline)
    name = _get(pipeline, "name")
    if name is not None:
        lines.pipeline = _line(name)
    for prm in _items(_get(pipeline, "parameters")):
        key = _text(_get(prm, "name"))
        if key is not None:
            lines.params[key] = _line(prm)
    for comp in _items(_get(pipeline, "components")):
        key = _text(_get(comp, "id"))
        if key is None:
            continue
        lines.components[key] = _line(comp)
        source = _get(comp, "source")
        if isinstance(source, yaml.ScalarNode):
            first = source_first_line(source)
            if first is not None:
                lines.sources[key] = first
    for task in _items(_get(pipeline, "tasks")):
        key = _text(_get(task, "id"))
        if key is None:
            continue
        lines.tasks[key] = _line(task)
        for field in ("name", "after", "component"):
            node = _get(task, field)
            if node is not None:
                lines.task_fields[(key, field)] = _line(node)
        arguments = _get(task, "arguments")
        if isinstance(arguments, yaml.MappingNode):
            for k, _v in arguments.value:
                if isinstance(k, yaml.ScalarNode):
                    lines.task_fields[(key, k.value)] = _line(k)
    return lines


def check_sources(text: str, path: str) -> None:
    """Refuse a component whose source does not parse, at the file line of the fault
    (``persist.load`` refuses it too, by component number and source line). Components
    saved mid-edit (with ``ports``) and files that are not valid YAML are left to it."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    for comp in _items(_get(_get(root, "pipeline"), "components")):
        source = _get(comp, "source")
        if _get(comp, "ports") is not None or not isinstance(source, yaml.ScalarNode):
            continue
        try:
            signature_from_source(source.value)
        except SignatureError as e:
            first = source_first_line(source)
            line = (first + e.line - 1 if first is not None and e.line else _line(comp))
            name = _text(_get(comp, "id")) or "?"
            raise InputError(f"component `{name}`: its source" + (
                f", line {e.line}" if e.line else "") + f": {e.message}", path, line) from None


__all__ = ["project_lines", "source_first_line", "check_sources"]
