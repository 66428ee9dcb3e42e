"""Cached virtual environments, one per set of ``packages_to_install`` (and the package
indexes a kfp 2 component names: ``pip_index_urls``).

Tasks never run in the user's own environment: a cluster image has only the
interpreter's standard library plus what the component installs, so every task runs
in a venv built for its package set (the empty set included). A venv is built in a
temporary folder under an exclusive lock and renamed into place only after every step
succeeded, so a half-built venv is never used and two runs never build one at once.

pip reads its own configuration, so ``PIP_INDEX_URL``, ``PIP_FIND_LINKS``,
``PIP_NO_INDEX``... in the environment (or ``extra_pip_args``) steer installs.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .procs import ProcessRegistry

MARKER = "kfp-designer-venv.json"
RECIPE = 1  # bump when the recipe changes so old venvs are rebuilt, not trusted
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


class InstallError(RuntimeError):
    """A package set could not be installed; the message quotes pip's last lines."""


@dataclass(frozen=True)
class VenvCache:
    root: Path
    python: str = sys.executable            # the base interpreter venvs are made from
    extra_pip_args: tuple[str, ...] = ()

    def key(self, packages: Sequence[str], index_urls: Sequence[str] = ()) -> str:
        identity = {"recipe": RECIPE, "python": os.path.realpath(self.python),
                    "packages": sorted(set(packages))}
        if index_urls:    # (absent otherwise: the venvs built before keep their keys)
            identity["index_urls"] = list(index_urls)
        text = json.dumps(identity)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def path(self, packages: Sequence[str], index_urls: Sequence[str] = ()) -> Path:
        return self.root / self.key(packages, index_urls)

    def ensure(self, packages: Sequence[str], *, index_urls: Sequence[str] = (),
               procs: ProcessRegistry | None = None,
               on_build: Callable[[], None] | None = None) -> Path:
        """The ``bin`` folder of a venv holding ``packages`` (built on first use).

        Raises InstallError when the venv cannot be built or pip fails (offline, no such
        package...); nothing half-built is left behind. ``on_build`` is called once if a
        build starts (not for a venv found ready). ``index_urls``: pip's index (the first)
        and extra indexes, as kfp 2 passes a component's ``pip_index_urls``.
        """
        venv = self.path(packages, index_urls)
        if _ready(venv):
            return venv / "bin"
        self.root.mkdir(parents=True, exist_ok=True)
        with _thread_lock(str(venv)), open(venv.with_name(venv.name + ".lock"), "w") as lock:
            _flock(lock)  # another process may be building it right now
            if not _ready(venv):
                if on_build:
                    on_build()
                self._build(venv, list(packages), procs, list(index_urls))
        return venv / "bin"

    def _build(self, venv: Path, packages: list[str], procs: ProcessRegistry | None,
               index_urls: list[str] = ()) -> None:
        tmp = venv.with_name(f".{venv.name}.building-{os.getpid()}-{threading.get_ident()}")
        log_file = venv.with_name(venv.name + ".log")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            # No pip inside: the base interpreter's pip installs into it (fast to create).
            _run([self.python, "-m", "venv", "--without-pip", str(tmp)], log_file, procs,
                 "creating the virtual environment")
            if packages:
                _run([self.python, "-m", "pip", "--python", str(tmp / "bin" / "python"),
                      "install", "--disable-pip-version-check", "--no-warn-script-location",
                      "--no-input", *self.extra_pip_args, *_index_args(index_urls),
                      *packages],
                     log_file, procs, "pip install " + " ".join(packages))
            (tmp / MARKER).write_text(json.dumps(
                {"recipe": RECIPE, "packages": sorted(set(packages)),
                 "python": self.python}, indent=1) + "\n")
            if venv.exists():  # a leftover without a marker
                shutil.rmtree(venv)
            os.rename(tmp, venv)
            relocate_venv(venv, tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _index_args(urls: Sequence[str]) -> list[str]:
    """kfp 2's index options for pip (its ``--trusted-host`` of each URL aside: pip takes
    host names there, and a local run reaches the indexes as this machine does)."""
    out: list[str] = []
    for i, url in enumerate(urls):
        out += ["--index-url" if i == 0 else "--extra-index-url", url]
    return out


def _ready(venv: Path) -> bool:
    return (venv / MARKER).is_file() and (venv / "bin" / "python3").exists()


def _thread_lock(key: str) -> threading.Lock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(key, threading.Lock())


def _flock(f) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: the in-process lock is all we have
        return
    fcntl.flock(f, fcntl.LOCK_EX)


def _run(cmd: list[str], log_file: Path, procs: ProcessRegistry | None, what: str) -> None:
    with log_file.open("a") as log:
        log.write(f"\n$ {' '.join(cmd)}\n")
        log.flush()
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
        env.pop("PIP_USER", None)
        env.pop("PIP_REQUIRE_VIRTUALENV", None)
        try:
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        except OSError as e:
            raise InstallError(f"{what}: cannot start {cmd[0]}: {e}") from None
        if procs is not None:
            with procs.track(proc):
                code = proc.wait()
        else:
            code = proc.wait()
    if code != 0:
        lines = log_file.read_text(errors="replace").splitlines()
        errors = [ln for ln in lines if "ERROR" in ln or "error:" in ln.lower()]
        tail = "\n".join((errors or lines)[-6:])
        if procs is not None and procs.cancelled:
            raise InstallError(f"{what}: cancelled")
        raise InstallError(f"{what} failed (exit {code}):\n{tail}\n(full log: {log_file})")


def relocate_venv(venv: Path, old: Path) -> None:
    """Point the venv's scripts (activate, console scripts) at its final location."""
    old_b, new_b = str(old).encode(), str(venv).encode()
    for f in (venv / "bin").iterdir():
        if f.is_symlink() or not f.is_file():
            continue
        data = f.read_bytes()
        if b"\0" not in data[:4096] and old_b in data:
            f.write_bytes(data.replace(old_b, new_b))
    cfg = venv / "pyvenv.cfg"
    if cfg.is_file():
        cfg.write_text(cfg.read_text().replace(str(old), str(venv)))
