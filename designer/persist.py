"""The project file (``.kfpd``): the IR plus node positions, as YAML.

Human-readable and diff-friendly: keys in a fixed order, function sources as
literal blocks, one task per list item. ``version`` is the format version;
older versions are migrated on load, newer ones refused. Saving writes a temp
file next to the target and replaces it, so a crash never leaves half a file.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from designer.ir import (Component, Constant, InputSpec, OutputRef, OutputSpec, ParamRef, Pipeline,
                         PipelineParam, Signature, signature_from_source,
                         SignatureError, Task)
from designer.ir.errors import InputError
from designer.ir.features import describe, unsupported

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


def param_key(name: str) -> str:
    return f"param:{name}"


# --- writing -------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _argument(arg: Any) -> dict:
    if isinstance(arg, ParamRef):
        return {"parameter": arg.name}
    if isinstance(arg, OutputRef):
        return {"task": arg.task_id, "output": arg.output}
    return {"value": arg.value}


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
                    **({"default": i.default} if i.has_default else {})} for i in sig.inputs],
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
             **({"default": prm.default} if prm.has_default else {}),
             **({"description": prm.description} if prm.description else {})}
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
    return yaml.dump(to_dict(project), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=100)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder, then replace."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def save(project: Project, path: str | os.PathLike) -> None:
    atomic_write_text(path, dumps(project))


# --- reading -------------------------------------------------------------------------------

class _Reader:
    """Turns a parsed document into IR, naming the offending entry on errors."""

    def __init__(self, path: str | None):
        self.path = path

    def fail(self, message: str, line: int | None = None) -> InputError:
        return InputError(message, self.path, line)

    def need(self, mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
        if not isinstance(mapping, dict) or key not in mapping:
            raise self.fail(f"{where}: missing `{key}`")
        value = mapping[key]
        if not isinstance(value, kind):
            raise self.fail(f"{where}: `{key}` has the wrong type ({type(value).__name__})")
        return value

    def argument(self, raw: Any, where: str):
        if isinstance(raw, dict) and set(raw) == {"parameter"}:
            return ParamRef(str(raw["parameter"]))
        if isinstance(raw, dict) and set(raw) == {"task", "output"}:
            return OutputRef(str(raw["task"]), str(raw["output"]))
        if isinstance(raw, dict) and set(raw) == {"value"}:
            return Constant(raw["value"])
        raise self.fail(f"{where}: an argument is {{parameter: NAME}}, {{task: ID, output: NAME}} "
                        "or {value: VALUE}")

    def pipeline(self, raw: Any) -> Pipeline:
        name = self.need(raw, "name", str, "pipeline")
        desc = raw.get("description")
        params = []
        for i, prm in enumerate(raw.get("parameters") or []):
            where = f"pipeline parameter #{i + 1}"
            params.append(PipelineParam(
                name=self.need(prm, "name", str, where), annotation=prm.get("type"),
                default=prm.get("default"), has_default="default" in prm,
                description=prm.get("description")))
        components = []
        for i, comp in enumerate(raw.get("components") or []):
            where = f"component #{i + 1}"
            source = self.need(comp, "source", str, where)
            cid = str(self.need(comp, "id", (str, int), where))
            packages = [str(x) for x in comp.get("packages_to_install") or []]
            if "ports" in comp:
                components.append(Component(cid, source, self.signature(comp["ports"], where),
                                            comp.get("base_image"), packages))
                continue
            try:
                components.append(Component.from_source(
                    source, id=cid, base_image=comp.get("base_image"),
                    packages_to_install=packages))
            except SignatureError as e:
                raise self.fail(f"{where}: its source: {e}") from None
        tasks = []
        for i, t in enumerate(raw.get("tasks") or []):
            where = f"task #{i + 1}"
            args = self.need(t, "arguments", dict, where) if "arguments" in t else {}
            tasks.append(Task(
                id=str(self.need(t, "id", (str, int), where)),
                name=self.need(t, "name", str, where),
                component_id=str(self.need(t, "component", (str, int), where)),
                arguments={str(k): self.argument(v, f"{where}, input `{k}`")
                           for k, v in args.items()},
                after=[str(x) for x in t.get("after") or []]))
        return Pipeline(name=name, description=desc, params=params, components=components,
                        tasks=tasks, function_name=raw.get("function_name"))

    def signature(self, raw: Any, where: str) -> Signature:
        where += ", ports"
        try:
            return Signature(
                function_name=self.need(raw, "function_name", str, where),
                inputs=tuple(InputSpec(str(i["name"]), i.get("type"), i.get("default"),
                                       "default" in i) for i in raw.get("inputs") or []),
                outputs=tuple(OutputSpec(str(o["name"]), o.get("type"))
                              for o in raw.get("outputs") or []),
                return_annotation=raw.get("return_annotation"),
                docstring=raw.get("docstring"),
                named_outputs=bool(raw.get("named_outputs")))
        except (KeyError, TypeError, AttributeError):
            raise self.fail(f"{where}: each port needs a `name`") from None

    def layout(self, raw: Any) -> dict[str, tuple[float, float]]:
        out = {}
        for key, pos in (raw or {}).items():
            if (not isinstance(pos, (list, tuple)) or len(pos) != 2
                    or not all(isinstance(v, (int, float)) for v in pos)):
                raise self.fail(f"layout of `{key}`: a position is [x, y]")
            out[str(key)] = (float(pos[0]), float(pos[1]))
        return out


def from_dict(doc: Any, path: str | None = None) -> Project:
    reader = _Reader(path)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise reader.fail(f"not a {FORMAT} project file")
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise reader.fail(f"invalid format version {version!r}")
    if version > VERSION:
        raise reader.fail(f"written by a newer designer (format version {version}; this one "
                          f"reads up to {VERSION}); please upgrade kfp-pipeline-designer")
    while version < VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return Project(reader.pipeline(doc.get("pipeline")), reader.layout(doc.get("layout")))


def loads(text: str, path: str | None = None) -> Project:
    try:
        # libyaml's safe loader when present: ~20x faster on large projects, same result.
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", path,
                         mark.line + 1 if mark is not None else None) from None
    return from_dict(doc, path)


def load(path: str | os.PathLike) -> Project:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", str(path)) from None
    except OSError as e:
        raise InputError(e.strerror or str(e), str(path)) from None
    return loads(text, str(path))
