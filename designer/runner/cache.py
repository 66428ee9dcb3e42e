"""Execution cache, like KFP's: the same component (compiled program and image) with
the same input values reuses the outputs of an earlier successful run.

An entry is a folder named by the key holding the outputs and a small record; it is
written to a temporary folder and renamed into place, so readers never see half of one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

FORMAT = 1
RECORD = "entry.json"


def cache_key(component_spec: Any, image: str, inputs: Mapping[str, str]) -> str:
    """Key over the compiled component (program text, args template, packages) and the
    resolved input values; stable across runs and run folders."""
    text = json.dumps({"format": FORMAT, "component": component_spec, "image": image,
                       "inputs": dict(sorted(inputs.items()))}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Hit:
    key: str
    outputs: dict[str, Path]   # output name -> cached data file
    record: dict


@dataclass(frozen=True)
class Cache:
    root: Path

    def _dir(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Hit | None:
        entry = self._dir(key)
        try:
            record = json.loads((entry / RECORD).read_text())
        except (OSError, ValueError):
            return None
        outputs = {name: entry / "outputs" / rel for name, rel in record.get("outputs", {}).items()}
        if not all(p.is_file() for p in outputs.values()):
            return None
        return Hit(key, outputs, record)

    def put(self, key: str, outputs: Mapping[str, Path], record: Mapping[str, Any]) -> None:
        """Stores copies of ``outputs`` (name -> file); a failure to store is not an error
        of the run, so OSErrors are swallowed."""
        entry = self._dir(key)
        tmp = entry.with_name(f".{key}.{os.getpid()}.{time.monotonic_ns()}")
        try:
            tmp.mkdir(parents=True)
            rels = {}
            for i, (name, path) in enumerate(sorted(outputs.items())):
                rel = f"{i}/data"
                (tmp / "outputs" / str(i)).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, tmp / "outputs" / rel)
                rels[name] = rel
            (tmp / RECORD).write_text(json.dumps(
                dict(record, outputs=rels, stored=time.time()), indent=1) + "\n")
            if entry.exists():
                shutil.rmtree(entry)
            os.rename(tmp, entry)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
