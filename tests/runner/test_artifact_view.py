"""Reading run outputs for the artifact viewer (designer/runner/artifact_view.py)."""
from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

from designer.runner.artifact_view import read_artifact


def png(width: int = 4, height: int = 3) -> bytes:
    """A small valid RGB PNG (no imaging library needed)."""
    raw = b"".join(b"\0" + b"".join(bytes((x * 60 % 256, y * 80 % 256, 200))
                                    for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write(folder: Path, data: bytes | str, metadata: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "data"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    if metadata is not None:
        (folder / "metadata.json").write_text(json.dumps(metadata))
    return path


def test_tables_text_images_markdown_html(tmp_path):
    csv_file = write(tmp_path / "a", 'x,y\n1,"two, three"\n4,5\n')
    (table,) = read_artifact(csv_file, "data", "Dataset")
    assert table.kind == "table" and table.headers == ["x", "y"]
    assert table.rows == [["1", "two, three"], ["4", "5"]]
    (tsv,) = read_artifact(write(tmp_path / "b", "a\tb\n1\t2\n"), "t", "TSV")
    assert tsv.kind == "table" and tsv.rows == [["1", "2"]]
    (text,) = read_artifact(write(tmp_path / "c", "just words, here\n"), "o", "String")
    assert text.kind == "text" and text.text == "just words, here\n"
    (image,) = read_artifact(write(tmp_path / "d", png()), "plot", "Artifact")
    assert image.kind == "image" and image.data.startswith(b"\x89PNG")
    (md,) = read_artifact(write(tmp_path / "e", "# Title\n"), "notes", "Markdown")
    assert md.kind == "markdown"
    (html,) = read_artifact(write(tmp_path / "f", "<p>hi</p>"), "page", "HTML")
    assert html.kind == "html"
    (binary,) = read_artifact(write(tmp_path / "g", b"\xff\xfe\x00\x01"), "blob")
    assert binary.kind == "text" and binary.text == "ff fe 00 01" and binary.args == {"size": 4}
    (gone,) = read_artifact(tmp_path / "nothing" / "data", "x")
    assert gone.kind == "note"


def test_kfp2_metrics_and_classification_metrics(tmp_path):
    metrics = write(tmp_path / "m", "", {"accuracy": 0.9, "loss": 0.1})
    (table,) = read_artifact(metrics, "metrics", "Metrics")
    assert table.title == "Metrics" and table.rows == [["accuracy", "0.9"], ["loss", "0.1"]]
    cm = write(tmp_path / "cm", "", {
        "confusionMatrix": {"annotationSpecs": [{"displayName": "cat"}, {"displayName": "dog"}],
                            "rows": [{"row": [5, 1]}, {"row": [2, 7]}]},
        "confidenceMetrics": [{"confidenceThreshold": 0.5, "recall": 0.8,
                               "falsePositiveRate": 0.1}]})
    matrix, roc = read_artifact(cm, "cm", "ClassificationMetrics")
    assert matrix.title == "Confusion matrix" and matrix.vertical == ["cat", "dog"]
    assert matrix.rows == [["5", "1"], ["2", "7"]]
    assert roc.rows == [["0.5", "0.8", "0.1"]]
    # a dataset with metadata: its content, then the metadata
    content, meta = read_artifact(write(tmp_path / "ds", "a,b\n1,2\n", {"rows": 1}), "d",
                                  "Dataset")
    assert content.kind == "table" and meta.title == "Metadata"


def test_kfp1_ui_metadata_and_metrics(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "report.md").write_text("# From a file\n")
    ui = write(tmp_path / "ui", json.dumps({"outputs": [
        {"type": "table", "storage": "inline", "format": "csv", "header": ["a", "b"],
         "source": "1,2\n3,4\n"},
        {"type": "markdown", "storage": "inline", "source": "# Inline"},
        {"type": "markdown", "source": "report.md"},
        {"type": "web-app", "storage": "inline", "source": "<h1>App</h1>"},
        {"type": "confusion_matrix", "storage": "inline", "format": "csv",
         "labels": ["yes", "no"], "source": "yes,yes,3\nyes,no,1\nno,no,4\n"},
        {"type": "roc", "storage": "inline", "source": "0.1,0.9,0.5\n"},
        {"type": "table", "source": "gs://bucket/table.csv", "header": ["x"]},
        {"type": "tensorboard", "source": "gs://bucket/logs"},
    ]}))
    sections = read_artifact(ui, "mlpipeline-ui-metadata")
    kinds = [(s.kind, s.title) for s in sections]
    assert kinds == [("table", "Table"), ("markdown", "Markdown"), ("markdown", "Markdown"),
                     ("html", "Web app"), ("table", "Confusion matrix"), ("table", "ROC curve"),
                     ("note", "Table"), ("note", "TensorBoard")]
    assert sections[0].rows == [["1", "2"], ["3", "4"]]
    assert sections[2].text == "# From a file\n"
    assert sections[4].rows == [["3", "1"], ["0", "4"]]
    assert sections[6].args == {"source": "gs://bucket/table.csv"}   # never downloaded
    metrics = write(tmp_path / "mt", json.dumps({"metrics": [
        {"name": "accuracy-score", "numberValue": 0.75, "format": "PERCENTAGE"}]}))
    (table,) = read_artifact(metrics, "mlpipeline_metrics_path")
    assert table.rows == [["accuracy-score", "0.75", "PERCENTAGE"]]
