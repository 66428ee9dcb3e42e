"""What an output file of a local run holds, in parts a viewer can show (no Qt).

KFP's UI shows an artifact as what it is: a table for CSV/TSV, an image, rendered
Markdown or HTML, a table of metrics, a confusion matrix, and the visualisations a kfp 1
step declares in ``mlpipeline-ui-metadata`` (table, markdown, web-app, confusion_matrix,
roc; tensorboard only on a cluster) and ``mlpipeline-metrics``. ``read_artifact`` reads one
output file of a run folder (and the ``metadata.json`` beside a kfp 2 artifact) into a
list of ``Section``s; the app's artifact viewer (ui/run/artifact_viewer.py) draws them.
Nothing is fetched: a visualisation whose source is remote says so instead.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.ir.translatable import QT_TRANSLATE_NOOP

READ_LIMIT = 8 * 1024 * 1024      # bytes read of a file for showing it
TABLE_ROWS = 5000                 # rows shown of a table (the file has them all)

# Section titles and notes (the viewer translates them, context "Artifacts").
T_CONTENT = QT_TRANSLATE_NOOP("Artifacts", "Content")
T_METADATA = QT_TRANSLATE_NOOP("Artifacts", "Metadata")
T_METRICS = QT_TRANSLATE_NOOP("Artifacts", "Metrics")
T_CONFUSION = QT_TRANSLATE_NOOP("Artifacts", "Confusion matrix")
T_ROC = QT_TRANSLATE_NOOP("Artifacts", "ROC curve")
T_TABLE = QT_TRANSLATE_NOOP("Artifacts", "Table")
T_MARKDOWN = QT_TRANSLATE_NOOP("Artifacts", "Markdown")
T_WEB_APP = QT_TRANSLATE_NOOP("Artifacts", "Web app")
T_TENSORBOARD = QT_TRANSLATE_NOOP("Artifacts", "TensorBoard")
N_EMPTY = QT_TRANSLATE_NOOP("Artifacts", "The file is empty.")
N_BINARY = QT_TRANSLATE_NOOP("Artifacts", "Binary data, {size} bytes. The first bytes:")
N_REMOTE = QT_TRANSLATE_NOOP("Artifacts", "Its source `{source}` is not on this computer: "
                             "a local run does not download it.")
N_CLUSTER = QT_TRANSLATE_NOOP("Artifacts", "TensorBoard needs a cluster; its logs are at "
                              "`{source}`.")
N_CUT = QT_TRANSLATE_NOOP("Artifacts", "Only the first {rows} rows are shown.")
N_MISSING = QT_TRANSLATE_NOOP("Artifacts", "The file `{path}` is gone.")
H_NAME = QT_TRANSLATE_NOOP("Artifacts", "Name")
H_VALUE = QT_TRANSLATE_NOOP("Artifacts", "Value")
H_FORMAT = QT_TRANSLATE_NOOP("Artifacts", "Format")
H_ROC = (QT_TRANSLATE_NOOP("Artifacts", "Threshold"),
         QT_TRANSLATE_NOOP("Artifacts", "True positive rate (recall)"),
         QT_TRANSLATE_NOOP("Artifacts", "False positive rate"))

UI_METADATA = "mlpipeline-ui-metadata"
METRICS_V1 = "mlpipeline-metrics"
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"),
           (b"GIF89a", "gif"), (b"BM", "bmp"))


@dataclass
class Section:
    """One part of an artifact: ``kind`` is table | text | markdown | html | image | note.
    ``title`` and ``note`` are templates of the "Artifacts" context with ``args``."""
    kind: str
    title: str
    text: str = ""
    headers: list[str] = field(default_factory=list)     # table: column titles (maybe
    rows: list[list[str]] = field(default_factory=list)  # templates: translated_headers)
    translated_headers: bool = False
    vertical: list[str] = field(default_factory=list)    # table: row titles (a matrix)
    data: bytes = b""                                     # image: the encoded image
    note: str = ""
    args: dict[str, Any] = field(default_factory=dict)


def _note(title: str, note: str, **args: Any) -> Section:
    return Section("note", title, note=note, args=args)


def read_artifact(path: str | Path, name: str = "", type_name: str | None = None
                  ) -> list[Section]:
    """The sections showing output ``name`` (its kfp type ``type_name``) in file ``path``."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = f.read(READ_LIMIT)
    except OSError:
        return [_note(T_CONTENT, N_MISSING, path=str(path))]
    metadata = _metadata(path.parent / "metadata.json")
    kind = (type_name or "").split(".")[-1].split("[")[0].strip()
    base = name.replace("_", "-").lower()
    for suffix in ("-path", "-file"):     # kfp 1 function outputs: `..._path: OutputPath()`
        base = base[:-len(suffix)] if base.endswith(suffix) else base
    sections: list[Section] = []
    doc = _json(data) if (base in (UI_METADATA, METRICS_V1) or data[:1] in (b"{", b"[")) \
        else None
    if isinstance(doc, dict) and isinstance(doc.get("outputs"), list) and (
            base == UI_METADATA or all(isinstance(o, dict) and "type" in o
                                       for o in doc["outputs"])):
        sections += [s for o in doc["outputs"] if isinstance(o, dict)
                     for s in _ui_output(o, path.parent)]
    elif isinstance(doc, dict) and isinstance(doc.get("metrics"), list):
        sections.append(_v1_metrics(doc["metrics"]))
    elif not data and kind in ("Metrics", "ClassificationMetrics",
                               "SlicedClassificationMetrics"):
        pass      # kfp 2 metrics live in the metadata
    else:
        sections.append(_content(data, kind, path))
    if metadata:
        sections += _metadata_sections(metadata, kind)
    return sections or [_note(T_CONTENT, N_EMPTY)]


def _metadata(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _content(data: bytes, kind: str, path: Path) -> Section:
    if not data:
        return _note(T_CONTENT, N_EMPTY)
    for magic, _fmt in _IMAGES:
        if data.startswith(magic):
            return Section("image", T_CONTENT, data=data)
    text = _text(data)
    if text is None:
        head = " ".join(f"{b:02x}" for b in data[:64])
        return Section("text", T_CONTENT, text=head, note=N_BINARY, args={"size": len(data)})
    lowered = text.lstrip()[:200].lower()
    if lowered.startswith("<svg") or (lowered.startswith("<?xml") and "<svg" in lowered):
        return Section("image", T_CONTENT, data=data)
    if kind == "HTML" or lowered.startswith(("<!doctype html", "<html")):
        return Section("html", T_CONTENT, text=text)
    if kind == "Markdown" or path.suffix.lower() in (".md", ".markdown"):
        return Section("markdown", T_CONTENT, text=text)
    delimiter = _delimiter(text, kind)
    if delimiter is not None:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        rows = [r for r in rows if r]
        section = Section("table", T_CONTENT, headers=rows[0], rows=rows[1:TABLE_ROWS + 1])
        if len(rows) - 1 > TABLE_ROWS:
            section.note, section.args = N_CUT, {"rows": TABLE_ROWS}
        return section
    return Section("text", T_CONTENT, text=text)


def _delimiter(text: str, kind: str) -> str | None:
    """A tab or comma when the text is a table: declared (CSV/TSV) or every one of its
    first lines has the same number (at least one) of the delimiter."""
    if kind.upper() == "TSV":
        return "\t"
    if kind.upper() == "CSV":
        return ","
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) < 2:
        return None
    for delimiter in ("\t", ","):
        counts = {len(next(csv.reader([ln], delimiter=delimiter))) for ln in lines}
        if len(counts) == 1 and counts.pop() > 1:
            return delimiter
    return None


def _cell(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def _metadata_sections(metadata: dict[str, Any], kind: str) -> list[Section]:
    out: list[Section] = []
    rest = dict(metadata)
    matrix = rest.pop("confusionMatrix", None)
    if isinstance(matrix, dict):
        labels = [str(s.get("displayName", "")) for s in matrix.get("annotationSpecs") or []
                  if isinstance(s, dict)]
        rows = [[_cell(v) for v in (r.get("row") or [])] for r in matrix.get("rows") or []
                if isinstance(r, dict)]
        out.append(Section("table", T_CONFUSION, headers=labels, rows=rows,
                           vertical=labels))
    roc = rest.pop("confidenceMetrics", None)
    if isinstance(roc, list):
        out.append(Section("table", T_ROC, headers=list(H_ROC), translated_headers=True,
                           rows=[[_cell(p.get("confidenceThreshold", "")),
                                  _cell(p.get("recall", "")),
                                  _cell(p.get("falsePositiveRate", ""))]
                                 for p in roc if isinstance(p, dict)]))
    if rest:
        out.append(Section("table", T_METRICS if kind == "Metrics" else T_METADATA,
                           headers=[H_NAME, H_VALUE], translated_headers=True,
                           rows=[[str(k), _cell(v)] for k, v in sorted(rest.items())]))
    return out


def _v1_metrics(metrics: list[Any]) -> Section:
    rows = [[str(m.get("name", "")), _cell(m.get("numberValue", "")),
             str(m.get("format", "RAW"))] for m in metrics if isinstance(m, dict)]
    return Section("table", T_METRICS, headers=[H_NAME, H_VALUE, H_FORMAT],
                   translated_headers=True, rows=rows)


def _source(output: dict[str, Any], folder: Path) -> tuple[str | None, str]:
    """(text, source): an inline source, or a file on this computer; None when remote."""
    source = str(output.get("source", ""))
    if output.get("storage") == "inline":
        return source, source
    local = Path(source[len("file://"):] if source.startswith("file://") else source)
    if not local.is_absolute():
        local = folder / local
    if "://" in source and not source.startswith("file://"):
        return None, source
    try:
        return local.read_text(encoding="utf-8"), source
    except (OSError, UnicodeDecodeError):
        return None, source


def _ui_output(output: dict[str, Any], folder: Path) -> list[Section]:
    """One visualisation of mlpipeline-ui-metadata (kfp 1 ``outputs`` entries)."""
    kind = output.get("type")
    title = {"table": T_TABLE, "markdown": T_MARKDOWN, "web-app": T_WEB_APP,
             "confusion_matrix": T_CONFUSION, "roc": T_ROC,
             "tensorboard": T_TENSORBOARD}.get(kind, T_CONTENT)
    if kind == "tensorboard":
        return [_note(title, N_CLUSTER, source=output.get("source", ""))]
    text, source = _source(output, folder)
    if text is None:
        return [_note(title, N_REMOTE, source=source)]
    if kind == "markdown":
        return [Section("markdown", title, text=text)]
    if kind == "web-app":
        return [Section("html", title, text=text)]
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    if kind == "confusion_matrix":
        labels = [str(x) for x in output.get("labels") or []]
        index = {label: i for i, label in enumerate(labels)}
        matrix = [["0"] * len(labels) for _ in labels]
        for row in rows:
            if len(row) >= 3 and row[0] in index and row[1] in index:
                matrix[index[row[0]]][index[row[1]]] = row[2]
        return [Section("table", title, headers=labels, rows=matrix, vertical=labels)]
    if kind == "roc":
        return [Section("table", title, headers=[H_ROC[2], H_ROC[1], H_ROC[0]],
                        translated_headers=True, rows=rows)]
    headers = [str(h) for h in output.get("header") or []]
    if not headers and rows:
        headers, rows = rows[0], rows[1:]
    return [Section("table", title, headers=headers, rows=rows[:TABLE_ROWS])]


__all__ = ["Section", "read_artifact", "UI_METADATA", "METRICS_V1"]
