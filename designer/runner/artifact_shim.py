"""The part of kfp 2 a function component with artifacts needs to run locally.

Not imported by the designer: its text goes at the top of the program a local run gives
such a component (``v2_program.py``), before the function's source, the way kfp 2 puts
``from kfp.dsl import *`` there. A task's venv has no kfp (the runner installs only the
component's packages), so the names a component's annotations and body use
(``Input[Dataset]``, ``Output[Model]``, ``Metrics.log_metric``...) are defined here,
behaving as kfp 2.17.3's ``dsl/types/artifact_types.py`` and ``dsl/executor.py`` do for a
local path: ``.path`` and ``.uri`` are the file in the run folder (as ``kfp.local``
gives them), ``.metadata`` a dict written next to it as ``metadata.json``.

``_kfp_local_main(function, ports)`` parses ``--value NAME TEXT``, ``--in-file NAME PATH``
and ``--out-file NAME PATH`` triples, calls the function and writes its outputs.
"""
# ruff: noqa
import json as _json
import os as _os
import shutil as _shutil
import types as _types
from typing import *  # noqa: F401,F403 - as kfp 2's embedded module has it

_METADATA = "metadata.json"


class Artifact:
    schema_title = "system.Artifact"
    schema_version = "0.0.1"

    def __init__(self, name: str = "", uri: str = "", metadata: Optional[Dict] = None):
        self.name, self.uri, self.metadata = name, uri, dict(metadata or {})

    @property
    def path(self) -> str:
        return self.uri

    @path.setter
    def path(self, path: str) -> None:
        self.uri = path

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, uri={self.uri!r}, metadata={self.metadata!r})"


class Model(Artifact):
    schema_title = "system.Model"

    @property
    def framework(self) -> str:
        return self.metadata.get("framework", "")

    @framework.setter
    def framework(self, framework: str) -> None:
        self.metadata["framework"] = framework


class Dataset(Artifact):
    schema_title = "system.Dataset"


class HTML(Artifact):
    schema_title = "system.HTML"


class Markdown(Artifact):
    schema_title = "system.Markdown"


class Metrics(Artifact):
    schema_title = "system.Metrics"

    def log_metric(self, metric: str, value: float) -> None:
        self.metadata[metric] = value


class ClassificationMetrics(Artifact):
    schema_title = "system.ClassificationMetrics"

    def log_roc_data_point(self, fpr: float, tpr: float, threshold: float) -> None:
        self.metadata.setdefault("confidenceMetrics", []).append(
            {"confidenceThreshold": threshold, "recall": tpr, "falsePositiveRate": fpr})

    def log_roc_curve(self, fpr: List[float], tpr: List[float],
                      threshold: List[float]) -> None:
        if not len(fpr) == len(tpr) == len(threshold):
            raise ValueError("Length of fpr, tpr and threshold must be the same.")
        for f, t, th in zip(fpr, tpr, threshold):
            self.log_roc_data_point(fpr=f, tpr=t, threshold=th)

    def set_confusion_matrix_categories(self, categories: List[str]) -> None:
        self._categories = list(categories)
        self.metadata["confusionMatrix"] = {
            "annotationSpecs": [{"displayName": c} for c in categories],
            "rows": [{"row": [0] * len(categories)} for _ in categories]}

    def log_confusion_matrix_row(self, row_category: str, row: List[float]) -> None:
        cats = getattr(self, "_categories", [])
        if row_category not in cats:
            raise ValueError(f"Invalid category: {row_category} passed. Expected one of: {cats}")
        if len(row) != len(cats):
            raise ValueError("Invalid row. Expected size: {} got: {}".format(len(cats), len(row)))
        self.metadata["confusionMatrix"]["rows"][cats.index(row_category)] = {"row": list(row)}

    def log_confusion_matrix_cell(self, row_category: str, col_category: str,
                                  value: int) -> None:
        cats = getattr(self, "_categories", [])
        for c in (row_category, col_category):
            if c not in cats:
                raise ValueError(f"Invalid category: {c} passed. Expected one of: {cats}")
        rows = self.metadata["confusionMatrix"]["rows"]
        rows[cats.index(row_category)]["row"][cats.index(col_category)] = value

    def log_confusion_matrix(self, categories: List[str], matrix: List[List[int]]) -> None:
        self.set_confusion_matrix_categories(categories)
        if len(matrix) != len(categories):
            raise ValueError("Invalid matrix: {} passed for categories: {}".format(
                matrix, categories))
        for category, row in zip(categories, matrix):
            self.log_confusion_matrix_row(category, row)


class SlicedClassificationMetrics(Artifact):
    schema_title = "system.SlicedClassificationMetrics"


class _Marker:
    """``Input[T]`` / ``Output[T]`` are T itself here: the runner knows each port."""

    def __class_getitem__(cls, item):
        return item


class Input(_Marker):
    pass


class Output(_Marker):
    pass


class InputPath:
    def __init__(self, type=None):
        self.type = type


class OutputPath(InputPath):
    pass


dsl = _types.SimpleNamespace(
    Artifact=Artifact, Model=Model, Dataset=Dataset, HTML=HTML, Markdown=Markdown,
    Metrics=Metrics, ClassificationMetrics=ClassificationMetrics,
    SlicedClassificationMetrics=SlicedClassificationMetrics, Input=Input, Output=Output,
    InputPath=InputPath, OutputPath=OutputPath)
kfp = _types.SimpleNamespace(dsl=dsl)

def _install_modules():
    """``import kfp`` / ``from kfp.dsl import ...`` inside a function body find these
    names when the task's venv has no kfp of its own."""
    import importlib.util
    import sys
    if importlib.util.find_spec("kfp") is not None:
        return
    package, module = _types.ModuleType("kfp"), _types.ModuleType("kfp.dsl")
    module.__dict__.update(vars(dsl))
    package.dsl, package.__path__ = module, []
    sys.modules["kfp"], sys.modules["kfp.dsl"] = package, module


_install_modules()
_ARTIFACT_TYPES = {c.__name__: c for c in (Artifact, Model, Dataset, HTML, Markdown, Metrics,
                                           ClassificationMetrics, SlicedClassificationMetrics)}
_METADATA_ONLY = ("Metrics", "ClassificationMetrics", "SlicedClassificationMetrics")


def _typed(text, kind):
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "bool":
        return text.strip().lower() in ("true", "1", "yes", "y", "t", "on")
    if kind in ("list", "dict"):
        return _json.loads(text)
    return text


def _serialized(value, kind):
    # As kfp 1 serialises a returned value, so that any task downstream reads it.
    if isinstance(value, (list, dict)):
        return _json.dumps(value)
    return str(value)


def _artifact(port, path, metadata=None):
    cls = _ARTIFACT_TYPES.get(port.get("type") or "Artifact", Artifact)
    return cls(name=port["name"], uri=path, metadata=metadata)


def _read_metadata(path):
    try:
        with open(_os.path.join(_os.path.dirname(path), _METADATA), encoding="utf-8") as f:
            return _json.load(f)
    except (OSError, ValueError):
        return {}


def _write_artifact(artifact, path, metadata_only):
    if artifact.path != path and artifact.path and _os.path.exists(artifact.path):
        _shutil.copyfile(artifact.path, path)      # a returned artifact made elsewhere
    if metadata_only and not _os.path.exists(path):
        open(path, "wb").close()                   # metrics live in the metadata
    with open(_os.path.join(_os.path.dirname(path), _METADATA), "w", encoding="utf-8") as f:
        _json.dump(artifact.metadata, f, indent=2, sort_keys=True, default=str)


def _kfp_local_main(function, ports):
    import sys
    args = sys.argv[1:]
    given = {"--value": {}, "--in-file": {}, "--out-file": {}}
    for i in range(0, len(args) - 2, 3):
        given[args[i]][args[i + 1]] = args[i + 2]
    values, in_files, out_files = given["--value"], given["--in-file"], given["--out-file"]
    kwargs, made = {}, {}
    for port in ports["inputs"]:
        name = port["name"]
        if port["passing"] == "value":
            if name in values:
                kwargs[name] = _typed(values[name], port["kind"])
        elif name in in_files:
            path = in_files[name]
            kwargs[name] = path if port["passing"] == "path" else _artifact(
                port, path, _read_metadata(path))
    for port in ports["outputs"]:
        path = out_files[port["name"]]
        _os.makedirs(_os.path.dirname(path), exist_ok=True)
        if port["param"] is None:
            continue
        if port["passing"] == "path":
            kwargs[port["param"]] = path
        else:
            made[port["name"]] = kwargs[port["param"]] = _artifact(port, path)
    result = function(**kwargs)
    returns = [p for p in ports["outputs"] if p["param"] is None]
    if len(returns) == 1 and not ports["named"]:
        results = [result]
    elif returns:
        results = [getattr(result, p["name"]) if hasattr(result, p["name"]) else result[i]
                   for i, p in enumerate(returns)]
    else:
        results = []
    for port, value in zip(returns, results):
        path = out_files[port["name"]]
        if port["passing"] == "artifact":
            if not isinstance(value, Artifact):
                with open(path, "w", encoding="utf-8") as f:   # kfp writes str(value)
                    f.write(str(value))
                value = _artifact(port, path)
            made[port["name"]] = value
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(_serialized(value, port["kind"]))
    for name, artifact in made.items():
        _write_artifact(artifact, out_files[name],
                        type(artifact).__name__ in _METADATA_ONLY)
