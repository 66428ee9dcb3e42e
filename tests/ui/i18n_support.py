"""Finding untranslated text in the Korean UI.

Every text a person can read is collected from widgets (titles, labels, buttons, tool
tips, status tips, placeholders, menu and action texts, header labels, combo items,
tree and list items, tabs), from the canvas items (node subtitles and tool tips, port
and wire tool tips) and from whatever the test adds (status messages, warnings). A text
counts as translated when every Latin word in it is allowed: words of the data on
screen (task, parameter and component names, their source code and descriptions, file
names) or of the short fixed list below (product and format names, code, key names).
An English UI word left in a Korean sentence fails as surely as an English sentence.
"""
from __future__ import annotations

import html
import re
from typing import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
TAG = re.compile(r"<[^>]+>")

# Latin words that stay Latin in the Korean UI: product, format and language names, code
# (Python literals and type names, ``.after()``), key names in shortcuts, the app's name.
ALLOWED = {
    "KFP", "kfp", "YAML", "yaml", "yml", "Python", "py", "DSL", "v1", "v2", "x", "pip",
    "kfpd", "designer",                                   # kfp-designer, *.kfpd
    "True", "False", "None", "int", "float", "str", "bool", "list", "dict", "any", "after",
    "F", "F1", "F5", "F8", "F9", "F10", "Ctrl", "Shift", "Esc", "Delete", "Backspace",
    "python", "pandas", "scikit", "learn",                # python:3.7, e.g. pandas==2.1
    "Kubeflow", "Pipelines", "TLS", "URL", "PyPI",        # names (Kubeflow Pipelines)
    # Kubernetes names and values (task run settings), units, kfp calls, examples
    "Kubernetes", "CPU", "GPU", "UI", "TTL", "env", "Always", "IfNotPresent", "Never",
    "NoSchedule", "PreferNoSchedule", "NoExecute", "Effect", "m", "Mi", "Gi",
    "ignore_upstream_failure", "add_pvolumes", "mount_pvc", "NVIDIA_TESLA_T4", "nvidia", "amd",
    "com", "gpu", "yes", "spot", "regcred",
    "ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod",  # access modes
    "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "field",  # node affinity operators
    "disktype", "ssd", "zone",
    # placement written as JSON: kfp-kubernetes' calls, and the names of its JSON (the
    # Kubernetes API's and add_toleration's) in examples and tooltips
    "add_node_selector_json", "add_node_affinity_json", "add_toleration_json", "V1Toleration",
    "key", "operator", "value", "effect", "toleration_seconds", "matchExpressions",
    "nodeSelectorTerms", "requiredDuringSchedulingIgnoredDuringExecution", "Enter", "team",
    "ml",
    "app", "cache", "train", "hostname",                  # pod affinity examples
    "DNS", "IP", "ndots", "edns0",                        # DNS configuration
    "localhost", "redis", "alpine", "server",             # sidecars
    "ephemeral", "hugepages", "cloud", "google", "tpus",  # other resources
    "OnFailure", "OnError", "OnTransientError",           # Argo retry policies
    "P30D", "PT12H", "P1DT6H", "P0D", "h", "PVC",         # ISO 8601 durations, 1h
    # artifact formats and tools (the artifact viewer, container steps)
    "HTML", "Markdown", "CSV", "TSV", "ROC", "TensorBoard", "docker", "podman", "PATH",
    # kfp 2's importer: its call and argument, kfp's artifact classes (code), the URI and
    # metadata it takes (JSON, ML Metadata), the metadata example's keys
    "importer", "reimport", "Artifact", "Dataset", "Model", "Metrics",
    "ClassificationMetrics", "SlicedClassificationMetrics", "URI", "JSON", "ML", "Metadata",
    "lab", "rows",
}
# Whole texts that are the same in every language: each language names itself.
SAME_IN_EVERY_LANGUAGE = {"English", "한국어"}


MNEMONIC = re.compile(r"\(&?\w\)|&(?=\w)")   # "파일(&F)", a tool tip's "파일(F)", "&File"


def latin_words(text: str) -> set[str]:
    return set(WORD.findall(MNEMONIC.sub("", html.unescape(TAG.sub(" ", text)))))


def data_words(*texts: str) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words |= latin_words(text or "")
    return words


class Texts:
    """(where, text) pairs gathered from a UI; ``untranslated`` judges them."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, text: str | None) -> None:
        if text:
            self.items.append((where, text))

    def untranslated(self, allowed: set[str]) -> list[str]:
        bad = []
        for where, text in self.items:
            if text in SAME_IN_EVERY_LANGUAGE or text.startswith("/"):   # (a path)
                continue
            words = latin_words(text) - ALLOWED - allowed
            if words:
                bad.append(f"{where}: {text!r} ({', '.join(sorted(words))})")
        return sorted(set(bad))

    # --- widgets ---------------------------------------------------------------------

    def widget(self, root: QWidget, skip: Iterable[QWidget] = ()) -> None:
        """Every text of ``root`` and its children (``skip``: widgets whose content is
        data or details from below the UI, with their children)."""
        skip = list(skip)
        for w in [root, *root.findChildren(QWidget)]:
            if any(w is s or s.isAncestorOf(w) for s in skip):
                continue
            name = f"{type(w).__name__}({w.objectName() or '-'})"
            if w.isWindow() or isinstance(w, QDockWidget):
                self.add(f"{name}.windowTitle", w.windowTitle())
            self.add(f"{name}.toolTip", w.toolTip())
            self.add(f"{name}.statusTip", w.statusTip())
            self.add(f"{name}.whatsThis", w.whatsThis())
            if isinstance(w, QLabel):
                self.add(f"{name}.text", w.text())
            if isinstance(w, QAbstractButton):
                self.add(f"{name}.text", w.text())
            if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
                self.add(f"{name}.placeholderText", w.placeholderText())
            if isinstance(w, QGroupBox):
                self.add(f"{name}.title", w.title())
            if isinstance(w, QComboBox):
                for i in range(w.count()):
                    self.add(f"{name}.item[{i}]", w.itemText(i))
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    self.add(f"{name}.tab[{i}]", w.tabText(i))
                    self.add(f"{name}.tabToolTip[{i}]", w.tabToolTip(i))
            if isinstance(w, QTabWidget):
                for i in range(w.count()):
                    self.add(f"{name}.tab[{i}]", w.tabText(i))
            if isinstance(w, QTreeWidget):
                header = w.headerItem()
                for c in range(w.columnCount()):
                    self.add(f"{name}.header[{c}]", header.text(c))
                for i in range(w.topLevelItemCount()):
                    self._tree_item(name, w.topLevelItem(i), w.columnCount())
            elif isinstance(w, QListWidget):
                for i in range(w.count()):
                    self.add(f"{name}.item[{i}]", w.item(i).text())
                    self.add(f"{name}.itemToolTip[{i}]", w.item(i).toolTip())
            elif isinstance(w, QAbstractItemView) and w.model() is not None:
                model = w.model()   # QUndoView: the undo texts
                for row in range(model.rowCount()):
                    self.add(f"{name}.row[{row}]", model.data(model.index(row, 0)))
            if isinstance(w, QMenu):
                self.add(f"{name}.title", w.title())
            for action in w.actions():
                self.action(f"{name}>", action)

    def _tree_item(self, where: str, item: QTreeWidgetItem, columns: int) -> None:
        for c in range(columns):
            self.add(f"{where}.item.text[{c}]", item.text(c))
            self.add(f"{where}.item.toolTip[{c}]", item.toolTip(c))
        for i in range(item.childCount()):
            self._tree_item(where, item.child(i), columns)

    def action(self, where: str, action, _seen: set | None = None) -> None:
        seen = _seen if _seen is not None else set()
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        where = f"{where}Action({action.objectName() or action.text()!r})"
        for prop in ("text", "toolTip", "statusTip", "iconText", "whatsThis"):
            self.add(f"{where}.{prop}", getattr(action, prop)())
        menu = action.menu()
        if menu is not None:
            self.add(f"{where}.menu.title", menu.title())
            for sub in menu.actions():
                self.action(where + ">", sub, seen)

    # --- the canvas --------------------------------------------------------------------

    def scene(self, scene) -> None:
        for key, node in scene.nodes.items():
            where = f"node({key})"
            self.add(f"{where}.subtitle", node._subtitle_text)
            self.add(f"{where}.tooltip", node.node_tooltip())
            for port in [*node.inputs, *node.outputs, *node.stale_inputs, *node.stale_outputs]:
                self.add(f"{where}.port({port.name}).tooltip", port.tooltip)
        for key, wire in scene.wires.items():
            self.add(f"wire({key}).toolTip", wire.toolTip())
            label = getattr(wire, "_label", None)
            if label is not None:
                self.add(f"wire({key}).label", label.text())
