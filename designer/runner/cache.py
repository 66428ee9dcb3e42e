"""Execution cache, like KFP's: the same component (compiled program and image) with
the same input values reuses the outputs of an earlier successful run, and replays the
log that run printed.

An entry is a folder named by the key holding the outputs, the log and a record of
both (``entry.json``: each file's path inside the entry, size and SHA-256). It is written
to a temporary folder and renamed into place, so readers never see half of one. Nothing
in an entry is trusted: a path that leaves the entry, a file that is not a regular file
or whose bytes no longer match their hash makes the entry a miss, never a value. Hashes
are checked on the copy the run gets, so a file edited meanwhile cannot slip through.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

FORMAT = 2
RECORD = "entry.json"
RECORD_LIMIT = 1 << 20          # bytes: a bigger entry.json is not ours
LOG_LIMIT = 1 << 20             # bytes of log lines kept for replay; the run folder has all
_KEY = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20

LogLine = tuple[str, str]       # (stream, line)


def cache_key(component_spec: Any, image: str, inputs: Mapping[str, str]) -> str:
    """Key over the compiled component (program text, args template, packages) and the
    resolved input values; stable across runs and run folders."""
    text = json.dumps({"format": FORMAT, "component": component_spec, "image": image,
                       "inputs": dict(sorted(inputs.items()))}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def copy_hashed(src: Path, dst: Path) -> tuple[str, int]:
    """Copies ``src`` (a regular file, not followed if a link) to ``dst``; its SHA-256 and
    size, computed over the bytes written."""
    digest, size = hashlib.sha256(), 0
    with _open_regular(src) as f_in, open(dst, "wb") as f_out:
        while chunk := f_in.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            f_out.write(chunk)
    return digest.hexdigest(), size


def _open_regular(path: Path):
    """``path`` opened for reading if it is a regular file and no link (a FIFO must not
    block us, a device must not feed us forever)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    f = os.fdopen(os.open(path, flags), "rb")
    if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
        f.close()
        raise OSError(f"{path} is not a regular file")
    return f


@dataclass(frozen=True)
class Hit:
    key: str
    entry: Path
    record: dict
    outputs: dict[str, dict]     # output name -> {"file", "sha256", "size"}

    @property
    def run_dir(self) -> str | None:
        value = self.record.get("run_dir")
        return value if isinstance(value, str) else None

    def restore(self, name: str, dst: Path) -> bool:
        """Copies output ``name`` to ``dst``; False (and no ``dst``) when its bytes are not
        the ones stored."""
        info = self.outputs[name]
        try:
            digest, size = copy_hashed(_inside(self.entry, info["file"]), dst)
        except OSError:
            digest, size = "", -1
        if digest != info["sha256"] or size != info["size"]:
            dst.unlink(missing_ok=True)
            return False
        return True

    def log(self) -> tuple[list[LogLine], bool] | None:
        """The producing run's log lines and whether they were cut; None when the stored
        log does not match its hash."""
        info = self.record.get("log")
        if info is None:
            return [], False
        try:
            data = _read_regular(_inside(self.entry, info["file"]), info["size"])
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != info["sha256"]:
            return None
        try:
            lines = json.loads(data)
        except ValueError:
            return None
        if not (isinstance(lines, list) and all(
                isinstance(x, list) and len(x) == 2 and all(isinstance(s, str) for s in x)
                for x in lines)):
            return None
        return [(s, t) for s, t in lines], bool(info.get("cut"))


def _read_regular(path: Path, limit: int) -> bytes:
    with _open_regular(path) as f:
        return f.read(limit + 1)


def _inside(entry: Path, rel: str) -> Path:
    """``entry / rel`` when it resolves inside ``entry`` (no link leads out); else OSError."""
    path = entry / rel
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(entry)):
        raise OSError(f"{rel} leaves its cache entry")
    return path


def _file_info(value: Any) -> dict | None:
    """A file description from entry.json when it is well-formed and stays in its entry."""
    if not isinstance(value, dict):
        return None
    rel, digest, size = value.get("file"), value.get("sha256"), value.get("size")
    if not (isinstance(rel, str) and isinstance(digest, str) and isinstance(size, int)):
        return None
    parts = PurePosixPath(rel).parts
    if (not parts or rel.startswith("/") or "\\" in rel or "\0" in rel
            or any(p in (".", "..") for p in parts) or len(rel) > 255):
        return None
    return value


@dataclass(frozen=True)
class Cache:
    root: Path

    def _dir(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Hit | None:
        if not _KEY.fullmatch(key):
            return None
        entry = self._dir(key)
        try:
            data = _read_regular(entry / RECORD, RECORD_LIMIT)
            record = json.loads(data) if len(data) <= RECORD_LIMIT else None
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("format") != FORMAT \
                or record.get("key") != key or not isinstance(record.get("outputs"), dict):
            return None
        outputs = {}
        for name, value in record["outputs"].items():
            info = _file_info(value)
            if info is None:
                return None
            outputs[name] = info
        if "log" in record and _file_info(record["log"]) is None:
            return None
        return Hit(key, entry, record, outputs)

    def put(self, key: str, outputs: Mapping[str, Path], record: Mapping[str, Any],
            log: list[LogLine] | None = None, log_cut: bool = False) -> None:
        """Stores copies of ``outputs`` (name -> file) and the task's ``log``; a failure to
        store is not an error of the run, so OSErrors are swallowed."""
        entry = self._dir(key)
        tmp = entry.with_name(f".{key}.{os.getpid()}.{time.monotonic_ns()}")
        try:
            (tmp / "outputs").mkdir(parents=True)
            files = {}
            for i, (name, path) in enumerate(sorted(outputs.items())):
                rel = f"outputs/{i}"
                digest, size = copy_hashed(path, tmp / rel)
                files[name] = {"file": rel, "sha256": digest, "size": size}
            doc = dict(record, format=FORMAT, key=key, outputs=files, stored=time.time())
            if log is not None:
                data = json.dumps([list(x) for x in log]).encode("utf-8", "surrogateescape")
                (tmp / "log.json").write_bytes(data)
                doc["log"] = {"file": "log.json", "sha256": hashlib.sha256(data).hexdigest(),
                              "size": len(data), "cut": log_cut}
            (tmp / RECORD).write_text(json.dumps(doc, indent=1) + "\n")
            if entry.exists():
                shutil.rmtree(entry)
            os.rename(tmp, entry)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)

    # --- what `kfp-designer cache info/clear` show and do --------------------------------

    def entries(self) -> list[Path]:
        try:
            shards = [d for d in self.root.iterdir() if len(d.name) == 2 and d.is_dir()]
        except OSError:
            return []
        out = []
        for shard in shards:
            try:
                out += [e for e in shard.iterdir() if _KEY.fullmatch(e.name) and e.is_dir()]
            except OSError:
                continue
        return out

    def clear(self) -> tuple[int, int]:
        """Removes every entry (and leftovers of interrupted writes); (entries, bytes)."""
        count, size = 0, 0
        for entry in self.entries():
            size += tree_size(entry)
            shutil.rmtree(entry, ignore_errors=True)
            count += not entry.exists()
        try:
            for shard in self.root.iterdir():
                if len(shard.name) == 2 and shard.is_dir():
                    for leftover in shard.iterdir():   # .<key>.<pid>.<ns> of a killed write
                        if leftover.name.startswith(".") and leftover.is_dir() \
                                and _stale(leftover):
                            shutil.rmtree(leftover, ignore_errors=True)
                    with_contents = any(shard.iterdir())
                    if not with_contents:
                        shard.rmdir()
        except OSError:
            pass
        return count, size


def _stale(path: Path, age: float = 3600.0) -> bool:
    """A temporary entry folder nobody is writing (an hour old: a write takes seconds)."""
    try:
        return time.time() - path.stat().st_mtime > age
    except OSError:
        return False


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path`` (links not followed)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return total
