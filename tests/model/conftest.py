"""Model tests: a Document needs Qt core/gui objects but no window."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from designer import persist  # noqa: E402
from designer.resources_path import resources_dir  # noqa: E402

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"


@pytest.fixture
def example_doc(qapp):
    from designer.model.document import Document
    return Document(persist.load(EXAMPLE), None)


@pytest.fixture
def empty_doc(qapp):
    from designer.model.document import Document
    return Document()
