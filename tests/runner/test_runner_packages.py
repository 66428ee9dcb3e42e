"""packages_to_install: a cached venv per package set, built without network from a
wheel this test writes, and a clear per-task error when an install cannot succeed."""
from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import pytest

from designer.runner.engine import Runner
from designer.runner.events import Kind, Status
from tests.runner.runner_helpers import ADD, build

USES_PACKAGE = '''
def greet(name: str) -> str:
    import tinygreet
    print(tinygreet.__file__)
    return tinygreet.greet(name)
'''


def write_wheel(folder: Path, name: str = "tinygreet", version: str = "0.1") -> Path:
    """A minimal pure-Python wheel (no build tools needed)."""
    files = {
        f"{name}/__init__.py": "def greet(who):\n    return 'hello ' + who\n",
        f"{name}-{version}.dist-info/METADATA":
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{name}-{version}.dist-info/WHEEL":
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = f"{name}-{version}.dist-info/RECORD"
    lines = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        lines.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    lines.append(f"{record},,")
    files[record] = "\n".join(lines) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, text in files.items():
            zf.writestr(path, text)
    return wheel


@pytest.fixture
def local_index(tmp_path, monkeypatch) -> Path:
    """pip sees only a folder holding the test wheel (pip reads PIP_* variables itself)."""
    links = tmp_path / "wheels"
    links.mkdir()
    write_wheel(links)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(links))
    return links


def test_packages_install_into_a_cached_venv_once(options, local_index, tmp_path):
    pipeline = build("pkgs", {"greet": USES_PACKAGE}, [
        ("greet_a", "greet", {"name": "a"}),
        ("greet_b", "greet", {"name": "b"}),
    ], packages={"greet": ["tinygreet==0.1"]})
    venvs = tmp_path / "own-venvs"  # a fresh venv cache, to see the build happen
    events = []
    result = Runner(pipeline, {}, options(venvs_dir=venvs), on_event=events.append).run()
    assert result.status == Status.SUCCEEDED, [r.error for r in result.tasks.values()]
    assert result.by_name("greet_a").outputs["Output"] == "hello a"
    assert result.by_name("greet_b").outputs["Output"] == "hello b"
    # Both tasks share one venv, built once, inside the venv cache (not the user's env).
    installed = {e.data["line"] for e in events if e.kind == Kind.LOG}
    assert len(installed) == 1 and installed.pop().startswith(str(venvs))
    assert [e.kind for e in events].count(Kind.INSTALLING) == 1
    # The compiled program's own `pip install` prefix is not what ran.
    assert "pip install" not in " ".join(result.by_name("greet_a").argv)
    # A second run (cache off) finds the venv ready: no install.
    events.clear()
    again = Runner(pipeline, {}, options(venvs_dir=venvs, use_cache=False),
                   on_event=events.append).run()
    assert again.status == Status.SUCCEEDED
    assert Kind.INSTALLING not in [e.kind for e in events]


def test_an_install_that_cannot_succeed_is_a_clear_task_error(options, local_index, tmp_path):
    pipeline = build("missing", {"greet": USES_PACKAGE, "add": ADD}, [
        ("greet", "greet", {"name": "a"}),
        ("after", "greet", {"name": "@greet.Output"}),
        ("independent", "add", {"a": 1, "b": 2}),
    ], packages={"greet": ["no-such-package-kfpd==9.9"]})
    venvs = tmp_path / "own-venvs"
    result = Runner(pipeline, {}, options(venvs_dir=venvs)).run()
    assert result.status == Status.FAILED
    greet = result.by_name("greet")
    assert greet.status == Status.FAILED
    assert "pip install no-such-package-kfpd==9.9 failed" in greet.error
    assert "No matching distribution found for no-such-package-kfpd==9.9" in greet.error
    assert result.by_name("after").status == Status.SKIPPED
    assert result.by_name("independent").status == Status.SUCCEEDED
    # Nothing half-built is kept: a later run tries again rather than trusting it.
    from designer.runner.venvs import VenvCache
    assert not VenvCache(venvs).path(["no-such-package-kfpd==9.9"]).exists()
    assert [p.name for p in venvs.iterdir() if p.name.startswith(".")] == []


def test_a_components_package_indexes_are_where_its_packages_come_from(options, tmp_path,
                                                                        monkeypatch):
    """kfp 2's ``pip_index_urls``: pip installs from those indexes (a local PEP 503 index
    here), and a venv built from other indexes is another venv."""
    index = tmp_path / "simple" / "tinygreet"
    index.mkdir(parents=True)
    wheel = write_wheel(index)
    (index / "index.html").write_text(f'<a href="{wheel.name}">{wheel.name}</a>\n')
    for name in ("PIP_NO_INDEX", "PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    pipeline = build("indexed", {"greet": USES_PACKAGE}, [("greet_a", "greet", {"name": "a"})],
                     packages={"greet": ["tinygreet==0.1"]})
    pipeline.components[0].pip_index_urls = [(tmp_path / "simple").as_uri()]
    venvs = tmp_path / "own-venvs"
    result = Runner(pipeline, {}, options(venvs_dir=venvs)).run()
    assert result.status == Status.SUCCEEDED, [r.error for r in result.tasks.values()]
    assert result.by_name("greet_a").outputs["Output"] == "hello a"
    from designer.runner.venvs import VenvCache
    cache = VenvCache(venvs)
    assert cache.path(["tinygreet==0.1"], [(tmp_path / "simple").as_uri()]).is_dir()
    assert cache.key(["tinygreet==0.1"]) != cache.key(["tinygreet==0.1"], ["file:///x"])


def test_a_target_image_and_a_kfp_package_run_the_function_itself_locally(options, tmp_path):
    """What a cluster's container gets as kfp, or an image already holding the function,
    changes nothing for a local run: the function runs (its own packages installed)."""
    pipeline = build("opts", {"add": ADD}, [("add_a", "add", {"a": 1, "b": 2})])
    comp = pipeline.components[0]
    comp.target_image, comp.kfp_package_path = "registry.example/add:v1", "kfp==2.16.0"
    result = Runner(pipeline, {}, options(venvs_dir=tmp_path / "venvs")).run()
    assert result.status == Status.SUCCEEDED, [r.error for r in result.tasks.values()]
    assert result.by_name("add_a").outputs["Output"] == "3"
