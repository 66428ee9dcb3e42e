"""Where the real-pipeline corpus lives and how its files are written (tools/corpus.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DEFAULT_CORPUS = Path(os.environ.get("KFP_DESIGNER_CORPUS", "/work/corpus"))
KFP_MIRROR = Path("/work/.mirror/kubeflow+pipelines/repo")


def git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(git_dir), *args], check=True, capture_output=True,
                          text=True).stdout


def write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def entries(corpus: Path, only: list[str] | None = None) -> list[Path]:
    """Every corpus entry folder (v1 then v2, sorted), or those whose id contains one of
    ``only``."""
    found = sorted(p.parent for p in corpus.glob("v[12]/*/meta.json"))
    if only:
        found = [p for p in found if any(o in p.name for o in only)]
    return found
