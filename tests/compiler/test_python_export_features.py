"""Every feature pipeline read from its kfp file, exported as Python in its own DSL style
(kfp 1 files as v1, kfp 2 files as v2) and read back, is the same IR; and what the exporter
claims (SUPPORTED) is exactly what these files use. The real SDKs compile the same exports
in tests/test_oracle_export_features.py.
"""
from __future__ import annotations

import pytest

from designer.compiler.python_source import SUPPORTED, export_python
from designer.importers import import_python, load_pipeline_file
from designer.ir import InputError
from designer.ir.features import features
from tests.compiler.export_features import IMPORTER_REFUSES, canonical, feature_files

FILES = feature_files()


def _load(name: str):
    return load_pipeline_file(FILES[name])


@pytest.mark.parametrize("name", sorted(FILES))
def test_export_reads_back_to_the_same_pipeline(name):
    style = name.split("/")[0]
    if name in IMPORTER_REFUSES:
        with pytest.raises(InputError, match=IMPORTER_REFUSES[name].replace("(", r"\(")
                           .replace(")", r"\)").replace("[", r"\[")):
            _load(name)
        return
    original = _load(name)
    text = export_python(original, style)
    again = import_python(text, f"exported_{name.replace('/', '_')}.py")
    assert canonical(again) == canonical(original)


@pytest.mark.parametrize("style", ["v1", "v2"])
def test_supported_is_exactly_what_the_feature_files_prove(style):
    used: set[str] = set()
    for name in FILES:
        if name.startswith(style + "/") and name not in IMPORTER_REFUSES:
            used |= features(_load(name))
    assert SUPPORTED[style] == used
