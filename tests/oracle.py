"""Side virtual environments holding the real kfp SDKs, used as oracles by tests and tools.

The designer never imports kfp; tests compare our output with what the real SDK produces by
running it in a separate interpreter. Two oracles:

* ``kfp1``: kfp 1.8.9 (fixed: the golden corpus is compiled with it).
* ``kfp2``: kfp 2.x, default 2.17.3, overridable with ``KFP_DESIGNER_KFP2_VERSION``; also has
  ``black`` (run it as ``<python> -m black``) and ``kfp-kubernetes`` (the platform-spec
  extension, ``from kfp import kubernetes``) at the same version (it is released in step with
  kfp since 2.14; older kfp versions get none).

Venvs live under ``KFP_DESIGNER_ORACLES`` (default ``~/.cache/kfp-designer/oracles``), one
directory per (oracle, version, python version). A build runs in a temporary directory under an
exclusive lock and is renamed into place only after every install step succeeded and a marker
file was written, so a half-built venv is never used and two processes never build at once.
The base interpreter is the one running this code, or ``KFP_DESIGNER_ORACLE_PYTHON``.

Only ``python -m ...`` is reliable inside these venvs; console-script shebangs are rewritten
after the rename, but calling modules through the interpreter avoids depending on that.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from designer.runner.venvs import relocate_venv  # the same venv-moving step the runner uses

KFP1_VERSION = "1.8.9"
DEFAULT_KFP2_VERSION = "2.17.3"
MARKER = "kfp-designer-oracle.json"
# Bump when the recipe changes so existing caches are rebuilt rather than trusted.
RECIPE_VERSION = 2


class OracleBuildError(RuntimeError):
    """An oracle venv could not be built; the message says which step failed and why."""


@dataclass(frozen=True)
class Oracle:
    name: str                            # "kfp1" or "kfp2"
    version: str                         # the kfp version it holds
    steps: tuple[tuple[str, ...], ...]   # pip argument lists, run in order

    def dir_name(self, python_tag: str) -> str:
        return f"{self.name}-{self.version}-{python_tag}"


def kfp1_oracle() -> Oracle:
    # kfp 1.8.9 pins PyYAML<6, whose 5.4.1 sdist needs Cython<3 and no build isolation on 3.11;
    # urllib3 2.x breaks the kubernetes client kfp 1.8.9 imports.
    return Oracle("kfp1", KFP1_VERSION, (
        ("install", "cython<3", "wheel", "setuptools"),
        ("install", "--no-build-isolation", "pyyaml==5.4.1"),
        ("install", f"kfp=={KFP1_VERSION}", "urllib3<2"),
    ))


def kfp2_version() -> str:
    return os.environ.get("KFP_DESIGNER_KFP2_VERSION", "").strip() or DEFAULT_KFP2_VERSION


def kfp_kubernetes_version(kfp_version: str) -> str | None:
    """The kfp-kubernetes release made with kfp ``kfp_version`` (same number from 2.14 on)."""
    try:
        major, minor = (int(x) for x in kfp_version.split(".")[:2])
    except ValueError:
        return None
    return kfp_version if (major, minor) >= (2, 14) else None


def kfp2_oracle() -> Oracle:
    version = kfp2_version()
    k8s = kfp_kubernetes_version(version)
    extra = (f"kfp-kubernetes=={k8s}",) if k8s else ()
    return Oracle("kfp2", version, (("install", f"kfp=={version}", *extra, "black"),))


def oracles_root() -> Path:
    env = os.environ.get("KFP_DESIGNER_ORACLES", "").strip()
    root = Path(env).expanduser() if env else Path.home() / ".cache" / "kfp-designer" / "oracles"
    return root.resolve()


def base_python() -> str:
    return os.environ.get("KFP_DESIGNER_ORACLE_PYTHON", "").strip() or sys.executable


def _python_tag(python: str) -> str:
    out = subprocess.run([python, "-c", "import sys; print('py%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _is_built(venv: Path, oracle: Oracle) -> bool:
    marker = venv / MARKER
    if not marker.is_file() or not _venv_python(venv).exists():
        return False
    try:
        info = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    steps = [list(s) for s in oracle.steps]
    return info.get("recipe") == RECIPE_VERSION and info.get("steps") == steps


def _run_step(cmd: Sequence[str], log_file: Path, what: str) -> None:
    with log_file.open("a") as log:
        log.write(f"\n$ {' '.join(cmd)}\n")
        log.flush()
        proc = subprocess.run(list(cmd), stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-25:])
        raise OracleBuildError(
            f"building the {what} oracle venv failed (exit {proc.returncode}) at:\n  "
            f"{' '.join(cmd)}\nfull log: {log_file}\nlast lines:\n{tail}")


def _build(oracle: Oracle, venv: Path, python: str, log: Callable[[str], None]) -> None:
    tmp = venv.with_name(f".{venv.name}.building-{os.getpid()}")
    log_file = venv.with_name(f"{venv.name}.log")
    log_file.write_text(f"building {oracle.name} (kfp {oracle.version}) with {python}\n")
    shutil.rmtree(tmp, ignore_errors=True)
    started = time.monotonic()
    try:
        _run_step([python, "-m", "venv", "--prompt", venv.name, str(tmp)], log_file, oracle.name)
        py = str(_venv_python(tmp))
        for step in oracle.steps:
            log(f"  {oracle.name}: pip {' '.join(step)}")
            _run_step([py, "-m", "pip", *step], log_file, oracle.name)
        check = f"import kfp; assert kfp.__version__ == {oracle.version!r}, kfp.__version__"
        _run_step([py, "-c", check], log_file, oracle.name)
        (tmp / MARKER).write_text(json.dumps({
            "recipe": RECIPE_VERSION, "steps": [list(s) for s in oracle.steps],
            "kfp": oracle.version, "base_python": python,
            "seconds": round(time.monotonic() - started, 1)}, indent=1) + "\n")
        if venv.exists():  # a leftover without a valid marker: replace it
            shutil.rmtree(venv)
        os.rename(tmp, venv)
        relocate_venv(venv, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def ensure_oracle(oracle: Oracle, log: Callable[[str], None] | None = None) -> Path:
    """The python of ``oracle``'s venv, building it first if needed. Raises OracleBuildError."""
    log = log or (lambda _msg: None)
    python = base_python()
    try:
        tag = _python_tag(python)
    except (OSError, subprocess.CalledProcessError) as e:
        raise OracleBuildError(f"cannot run the base interpreter {python!r}: {e}") from None
    root = oracles_root()
    root.mkdir(parents=True, exist_ok=True)
    venv = root / oracle.dir_name(tag)
    if _is_built(venv, oracle):
        return _venv_python(venv)
    with open(root / f"{venv.name}.lock", "w") as lock:
        log(f"{oracle.name}: waiting for the build lock in {root}")
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building it right now
        if not _is_built(venv, oracle):
            log(f"{oracle.name}: building kfp {oracle.version} venv in {venv} (1-2 minutes)")
            started = time.monotonic()
            _build(oracle, venv, python, log)
            log(f"{oracle.name}: built in {time.monotonic() - started:.0f}s")
    return _venv_python(venv)


def kfp1_python(log: Callable[[str], None] | None = None) -> Path:
    """Python of a venv with kfp 1.8.9 (built on first use)."""
    return ensure_oracle(kfp1_oracle(), log)


def kfp2_python(log: Callable[[str], None] | None = None) -> Path:
    """Python of a venv with kfp 2.x, kfp-kubernetes and black (built on first use)."""
    return ensure_oracle(kfp2_oracle(), log)
