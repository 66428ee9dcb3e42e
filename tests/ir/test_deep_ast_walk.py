"""deep_ast's fast tree walks say what the stdlib's say: ``walk`` the nodes of ``ast.walk``
in its order (the importer's messages name the first construct it meets), ``depth`` the
depth a recursive count gives."""
from __future__ import annotations

import ast
from pathlib import Path

from designer.ir import deep_ast

ROOT = Path(__file__).resolve().parents[2]


def _depth(node: ast.AST) -> int:
    return 1 + max((_depth(c) for c in ast.iter_child_nodes(node)), default=0)


def test_walk_and_depth_agree_with_the_stdlib_on_real_files() -> None:
    files = sorted((ROOT / "designer" / "importers").glob("*.py"))[:12] + \
        sorted((ROOT / "tests" / "golden" / "features_v2").glob("*.py"))
    assert len(files) > 12
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert [id(n) for n in deep_ast.walk(tree)] == [id(n) for n in ast.walk(tree)], path
        assert deep_ast.depth(tree) == _depth(tree), path
        depth, nodes = deep_ast.depth_and_nodes(tree)
        assert depth == _depth(tree), path
        assert [id(n) for n in nodes] == [id(n) for n in ast.walk(tree)], path
    expr = ast.parse("f(a.b[c], *d, k=[1, {2: (3,)}])", mode="eval")
    assert [type(n).__name__ for n in deep_ast.walk(expr)] == \
        [type(n).__name__ for n in ast.walk(expr)]
