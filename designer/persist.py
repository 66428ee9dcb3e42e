"""The project file (``.kfpd``): the IR plus node positions, as YAML.

Human-readable and diff-friendly: keys in a fixed order, function sources as
literal blocks, one task per list item. ``version`` is the format version;
older versions are migrated on load, newer ones refused. Saving writes a temp
file next to the target and replaces it (``fileio``), so a crash never leaves half
a file. What is saved reads back equal (``project_yaml`` picks string styles that
round-trip); what is read is measured and checked field by field first
(``project_yaml``, ``project_schema``), so a bad file gets one line saying where.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from designer import fileio, project_schema, project_yaml
from designer.ir import (Component, Constant, InputSpec, OutputRef, OutputSpec, ParamRef, Pipeline,
                         PipelineParam, Signature, signature_from_source,
                         SignatureError, Task)
from designer.ir.errors import InputError, quoted
from designer.ir.features import describe, unsupported
from designer.ir.values import int_too_long

EXTENSION = ".kfpd"
FORMAT = "kfp-pipeline-designer"
VERSION = 1

# version -> function upgrading a document of that version to version + 1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


@dataclass
class Project:
    pipeline: Pipeline
    # Node positions: task id -> (x, y); pipeline parameter nodes under "param:<name>".
    layout: dict[str, tuple[float, float]] = field(default_factory=dict)
    # What reading the file found worth telling (an opened YAML file kfp would write
    # otherwise); never saved.
    warnings: list[str] = field(default_factory=list)


def param_key(name: str) -> str:
    return f"param:{name}"


# --- writing -------------------------------------------------------------------------------

def storable(value: Any) -> Any:
    """``value`` as the JSON-like data a project file holds (ir.values).

    The IR's own constants already are; a component's default read from its source (kept in
    ``ports`` while the source does not parse) may be a tuple, set, bytes or complex number:
    those are written as the nearest JSON-like value rather than as a file we cannot read.
    """
    if value is None or isinstance(value, (bool, float, str)):
        return value
    if isinstance(value, int):
        return hex(value) if int_too_long(value) else value
    if isinstance(value, dict):
        return {(k if k is None or isinstance(k, (bool, int, float, str)) and not (
                    isinstance(k, int) and int_too_long(k)) else repr(k)): storable(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((storable(v) for v in value), key=repr)
    return repr(value)


def _argument(arg: Any) -> dict:
    if isinstance(arg, ParamRef):
        return {"parameter": arg.name}
    if isinstance(arg, OutputRef):
        return {"task": arg.task_id, "output": arg.output}
    return {"value": storable(arg.value)}


def _component(c: Component) -> dict:
    out = {"id": c.id, "base_image": c.base_image,
           "packages_to_install": list(c.packages_to_install), "source": c.source}
    try:
        current = signature_from_source(c.source)
    except SignatureError:
        current = None
    if current != c.signature:
        # Saved mid-edit: the source does not parse (or lags); keep the ports tasks are wired to.
        out["ports"] = _signature_dict(c.signature)
    return out


def _signature_dict(sig: Signature) -> dict:
    return {
        "function_name": sig.function_name,
        "inputs": [{"name": i.name, "type": i.annotation,
                    **({"default": storable(i.default)} if i.has_default else {})}
                   for i in sig.inputs],
        "outputs": [{"name": o.name, "type": o.annotation} for o in sig.outputs],
        "return_annotation": sig.return_annotation,
        "docstring": sig.docstring,
        "named_outputs": sig.named_outputs,
    }


# IR features (designer.ir.features) the project format stores; saving anything else would
# lose it, so it is refused instead.
SUPPORTED: frozenset[str] = frozenset()


def to_dict(project: Project) -> dict:
    p = project.pipeline
    use = unsupported(p, SUPPORTED)
    if use is not None:
        raise InputError(f"cannot save the project: {describe(use)}, which this version of the "
                         "project format cannot store yet")
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    doc["pipeline"] = {
        "name": p.name,
        "description": p.description,
        "function_name": p.function_name,
        "parameters": [
            {"name": prm.name, "type": prm.annotation,
             **({"default": storable(prm.default)} if prm.has_default else {}),
             **({"description": prm.description} if prm.description is not None else {})}
            for prm in p.params],
        "components": [_component(c) for c in p.components],
        "tasks": [
            {"id": t.id, "name": t.name, "component": t.component_id,
             "arguments": {k: _argument(v) for k, v in t.arguments.items()},
             "after": list(t.after)}
            for t in p.tasks],
    }
    doc["layout"] = {k: [round(float(x), 2), round(float(y), 2)]
                     for k, (x, y) in project.layout.items()}
    return doc


def dumps(project: Project) -> str:
    return project_yaml.dump(to_dict(project))


def atomic_write_text(path: str | os.PathLike, text: str, *,
                      overwrite_readonly: bool = False) -> None:
    """Write ``text`` to ``path`` safely (``fileio.write_text``: temp file then replace, or
    through a device, FIFO or /proc link; symlinks kept; read-only files refused unless
    ``overwrite_readonly``)."""
    fileio.write_text(path, text, overwrite_readonly=overwrite_readonly)


def save(project: Project, path: str | os.PathLike, *, overwrite_readonly: bool = False) -> None:
    atomic_write_text(path, dumps(project), overwrite_readonly=overwrite_readonly)


# --- reading -------------------------------------------------------------------------------

class _Reader:
    """Turns a schema-checked document into IR, naming the offending entry on errors."""

    def __init__(self, path: str | None, lines: project_yaml.Lines | None = None):
        self.path = path
        self.lines = lines or project_yaml.Lines()

    def argument(self, raw: dict):
        if "parameter" in raw:
            return ParamRef(raw["parameter"])
        if "task" in raw:
            return OutputRef(str(raw["task"]), raw["output"])
        return Constant(raw["value"])

    def pipeline(self, raw: dict) -> Pipeline:
        params = [PipelineParam(name=prm["name"], annotation=prm.get("type"),
                                default=prm.get("default"), has_default="default" in prm,
                                description=prm.get("description"))
                  for prm in raw.get("parameters") or []]
        components = []
        for i, comp in enumerate(raw.get("components") or []):
            source, cid = comp["source"], str(comp["id"])
            packages = list(comp.get("packages_to_install") or [])
            if "ports" in comp:
                components.append(Component(cid, source, self.signature(comp["ports"]),
                                            comp.get("base_image"), packages))
                continue
            try:
                components.append(Component.from_source(
                    source, id=cid, base_image=comp.get("base_image"),
                    packages_to_install=packages))
            except SignatureError as e:
                at = self.lines.value_line(comp, "source")
                line = None
                if at is not None:
                    line = at[0] + e.line if at[1] and e.line else at[0]
                raise InputError(f"component `{cid}`: its source, {e}", self.path,
                                 line) from None
        tasks = [Task(id=str(t["id"]), name=t["name"], component_id=str(t["component"]),
                      arguments={k: self.argument(v) for k, v in (t.get("arguments") or {}).items()},
                      after=[str(x) for x in t.get("after") or []])
                 for t in raw.get("tasks") or []]
        return Pipeline(name=raw["name"], description=raw.get("description"), params=params,
                        components=components, tasks=tasks,
                        function_name=raw.get("function_name"))

    @staticmethod
    def signature(raw: dict) -> Signature:
        return Signature(
            function_name=raw["function_name"],
            inputs=tuple(InputSpec(i["name"], i.get("type"), i.get("default"), "default" in i)
                         for i in raw.get("inputs") or []),
            outputs=tuple(OutputSpec(o["name"], o.get("type")) for o in raw.get("outputs") or []),
            return_annotation=raw.get("return_annotation"),
            docstring=raw.get("docstring"),
            named_outputs=bool(raw.get("named_outputs")))

    @staticmethod
    def layout(raw: dict | None) -> dict[str, tuple[float, float]]:
        return {str(key): (float(pos[0]), float(pos[1])) for key, pos in (raw or {}).items()}


def _header(root: Any, path: str | None) -> int:
    """The format version of a document (nodes or built), after checking it is ours."""
    if isinstance(root, yaml.MappingNode):
        fields = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        fmt = fields.get("format")
        is_ours = isinstance(fmt, yaml.ScalarNode) and fmt.value == FORMAT
        version_node = fields.get("version")
        version: Any = None
        if isinstance(version_node, yaml.ScalarNode) and version_node.tag == project_schema.INT:
            version = project_schema.integer(version_node, "`version`", path)
        elif version_node is not None:
            version = version_node.value if isinstance(version_node, yaml.ScalarNode) \
                else project_schema.found(version_node)
    elif isinstance(root, dict):
        is_ours, version = root.get("format") == FORMAT, root.get("version")
    else:
        is_ours, version = False, None
    if not is_ours:
        raise InputError(f"not a {FORMAT} project file", path)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"invalid format version {quoted(version)}", path)
    if version > VERSION:
        raise InputError(f"written by a newer designer (format version {quoted(version)}; this "
                         f"one reads up to {VERSION}); please upgrade kfp-pipeline-designer",
                         path)
    return version


def _migrate(doc: dict, version: int) -> dict:
    while version < VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc


def from_dict(doc: Any, path: str | None = None) -> Project:
    """A project from a built document (migrated when older), checked like a file."""
    doc = _migrate(doc, _header(doc, path))
    # The schema works on YAML nodes (it reports lines): give it the document as YAML.
    project_schema.check_project(yaml.compose(project_yaml.dump(doc),
                                              Loader=yaml.SafeLoader), path)
    reader = _Reader(path)
    return Project(reader.pipeline(doc["pipeline"]), reader.layout(doc.get("layout")))


def loads(text: str, path: str | None = None) -> Project:
    node = project_yaml.compose(text, path)
    if node is None:
        raise InputError(f"not a {FORMAT} project file (it is empty)", path)
    project_yaml.measure(node, path)
    version = _header(node, path)
    if version < VERSION:
        return from_dict(project_yaml.construct(node), path)
    project_schema.check_project(node, path)
    doc = project_yaml.construct(node)
    reader = _Reader(path, project_yaml.locate(node, doc))
    return Project(reader.pipeline(doc["pipeline"]), reader.layout(doc.get("layout")))


def load(path: str | os.PathLike) -> Project:
    return loads(fileio.read_input_text(path), str(path))
