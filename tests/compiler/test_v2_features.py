"""The KFP v2 compiler on every IR concept, against what kfp 2.17.3 (+ kfp-kubernetes) wrote.

Each pipeline in tests/golden/features_v2/NAME.py is our own kfp 2 DSL file; its golden
(features_v2/v2/NAME.yaml, tools/make_goldens_v2.py --features) is kfp's output, and
tests/compiler/v2_features.py builds the same pipeline's IR by hand. The YAML documents
(pipeline spec, platform spec) must be equal when parsed, the kfp version aside.
"""
from __future__ import annotations

import difflib

import pytest
import yaml

from designer.compiler.v2 import compile_v2
from tests.compiler.v2_features import BUILDERS, golden
from tools.make_goldens_v2 import normalise_doc


def docs(text: str) -> list:
    return [normalise_doc(d) for d in yaml.safe_load_all(text)]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_feature_matches_kfp(name: str) -> None:
    ours = compile_v2(BUILDERS[name]())
    expected = golden(name).read_text(encoding="utf-8")
    if docs(ours) != docs(expected):
        a = yaml.dump_all(docs(expected), sort_keys=True).splitlines()
        b = yaml.dump_all(docs(ours), sort_keys=True).splitlines()
        diff = "\n".join(difflib.unified_diff(a, b, "kfp", "ours", lineterm="", n=2))
        pytest.fail(f"{name} differs from kfp:\n{diff[:6000]}")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_feature_text_is_what_pyyaml_writes(name: str) -> None:
    """Our writer's bytes are ``yaml.dump_all`` of the same documents (after the header)."""
    ours = compile_v2(BUILDERS[name]())
    body = "\n".join(line for line in ours.split("\n") if not line.startswith("#"))
    assert body == yaml.dump_all(list(yaml.safe_load_all(ours)), sort_keys=True)
