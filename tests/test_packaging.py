"""``pip install .`` ships every package of the source tree and the translations."""
from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "designer").rglob("__init__.py")}
    assert found <= listed, f"not shipped by pip install .: {sorted(found - listed)}"
    assert "designer.resources" in listed
    assert "**/*" in config["tool"]["setuptools"]["package-data"]["designer.resources"]
    assert (ROOT / "resources" / "i18n" / "designer_ko.qm").exists()
