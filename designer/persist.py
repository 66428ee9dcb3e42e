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

from designer import (
    fileio,
    persist_ir,
    project_refs,
    project_schema,
    project_specs,
    project_yaml,
)
from designer.ir import Component, Pipeline, SignatureError
from designer.ir.errors import InputError, quoted
from designer.ir.features import describe, unsupported
from designer.ir.no_gc import no_cyclic_gc

EXTENSION = ".kfpd"
FORMAT = "kfp-pipeline-designer"
VERSION = 5

# version -> function upgrading a document of that version to version + 1.
# Versions 2 to 5 only add fields and component kinds (persist_ir; 4: the importer, 5: the
# pipeline outputs' descriptions): a version-1 document is a version-2 document, a version-2
# one a version-3 one, and so on.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: lambda doc: doc, 2: lambda doc: doc,
                                                 3: lambda doc: doc, 4: lambda doc: doc}
# Versions the current schema reads as they are (checked on their own nodes, so errors in
# them keep their file lines): no migration changes them.
READ_AS_IS = frozenset({1, 2, 3, 4})


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

# IR features (designer.ir.features) the project format stores: all of them (format version 3).
# A feature added to the IR later is refused until persist_ir stores it (tests check this
# set against FEATURE_TEXT).
SUPPORTED: frozenset[str] = frozenset({
    "container", "container:op", "container:spec", "container:v2", "volume:create",
    "volume:delete", "volume:snapshot", "port:path", "port:artifact", "group:condition", "group:if", "group:loop",
    "group:exit_handler", "arg:loop_item", "arg:run_placeholder", "arg:concat",
    "arg:collected", "arg:one_of", "setting:*", "conf:*", "pipeline:display_name",
    "pipeline:outputs", "subpipeline", "pipeline:root", "component:kfp_package_path",
    "component:pip_index_urls", "component:target_image", "importer"})


def to_dict(project: Project) -> dict:
    """The document of ``project``. Its version is the lowest that holds it: 1 when it uses
    nothing version 2 added (an older designer still opens it and an unchanged project
    saves to unchanged bytes), 2 when it uses nothing version 3 added (a sub-pipeline, the
    pipeline root, kfp 2 install options), 3 when it holds no importer, 4 when it describes
    no pipeline output, else 5."""
    p = project.pipeline
    use = unsupported(p, SUPPORTED)
    if use is not None:
        raise InputError(f"cannot save the project: {describe(use)}, which this version of the "
                         "project format cannot store yet")
    writer = persist_ir.Writer()
    pipeline = writer.pipeline(p)
    doc: dict[str, Any] = {"format": FORMAT,
                           "version": 5 if writer.v5 else 4 if writer.v4 else 3 if writer.v3
                           else 2 if writer.v2 else 1}
    doc["pipeline"] = pipeline
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

class _Reader(persist_ir.Reader):
    """Turns a schema-checked document into IR, naming the offending entry on errors."""

    def __init__(self, path: str | None, lines: project_yaml.Lines | None = None):
        self.path = path
        self.lines = lines or project_yaml.Lines()

    def function(self, comp: dict) -> Component:
        try:
            return persist_ir.function_component(
                comp, self.signature(comp["ports"]) if "ports" in comp else None)
        except SignatureError as e:
            at = self.lines.value_line(comp, "source")
            line = None
            if at is not None:
                line = at[0] + e.line if at[1] and e.line else at[0]
            raise InputError(f"component `{comp['id']}`: its source, {e}", self.path,
                             line) from None

    def component(self, comp: dict):
        kind = persist_ir.component_kind(comp)
        if kind == "container":
            container = self.container(comp)
            project_specs.check_spec(container, self.path, self.lines.line(comp))
            return container
        if kind == "volume":
            return self.volume(comp)
        if kind == "pipeline":
            return self.sub_pipeline(comp)
        if kind == "importer":
            return self.importer(comp)
        return self.function(comp)

    def pipeline(self, raw: dict) -> Pipeline:
        p = Pipeline(name=raw["name"], description=raw.get("description"),
                     params=self.params(raw),
                     components=[self.component(c) for c in raw.get("components") or []],
                     tasks=[self.task(t) for t in raw.get("tasks") or []],
                     function_name=raw.get("function_name"))
        p = self.pipeline_rest(raw, p)
        problem = project_refs.first_problem(p)
        if problem is not None:
            message, obj = problem
            raise InputError(message, self.path, self.lines.line(_raw_of(raw, obj)))
        return p

    @staticmethod
    def layout(raw: dict | None) -> dict[str, tuple[float, float]]:
        return {str(key): (float(pos[0]), float(pos[1])) for key, pos in (raw or {}).items()}


def _raw_of(raw: dict, where: tuple[str, Any] | None) -> Any:
    """The document entry ``where`` names (project_refs: a task or group by index, a
    pipeline output by name), for its line."""
    if where is None:
        return raw
    items = raw.get(where[0]) or []
    if isinstance(items, dict):
        found = items.get(where[1], raw)
        return found if isinstance(found, (dict, list)) else items  # (a text has no line)
    return items[where[1]] if where[1] < len(items) else raw


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
    with no_cyclic_gc():     # nodes, mappings and the IR: ~100,000 objects and no cycles
        return _loads(text, path)


def _loads(text: str, path: str | None) -> Project:
    node = project_yaml.compose(text, path)
    if node is None:
        raise InputError(f"not a {FORMAT} project file (it is empty)", path)
    distinct, expanded = project_yaml.measure(node, path, text)
    version = _header(node, path)
    if version < VERSION and version not in READ_AS_IS:
        return from_dict(project_yaml.construct(node), path)
    project_schema.check_project(node, path)
    built = project_yaml.build(node) if distinct == expanded else None
    if built is None:        # aliases (shared values) or tags the fast path does not build
        doc = project_yaml.construct(node)
        built = doc, project_yaml.locate(node, doc)
    doc, lines = built
    reader = _Reader(path, lines)
    return Project(reader.pipeline(doc["pipeline"]), reader.layout(doc.get("layout")))


def load(path: str | os.PathLike) -> Project:
    return loads(fileio.read_input_text(path), str(path))
