"""A fuzz worker: reads jobs (JSON lines) on stdin, runs each check, answers on stdout.

A job is ``{"kind": ..., "data": base64}``; the answer ``{"status": "ok" | "wrong" |
"traceback", "outcome": ..., "detail": ...}``. Each check runs in a fresh temporary folder.
The parent (``harness``) kills and restarts the worker when an answer is late (a hang).
"""
from __future__ import annotations

import base64
import json
import os
import sys
import tempfile
import traceback
import warnings
from pathlib import Path


def answer(job: dict) -> dict:
    from tests.fuzz import checks, kind
    module = kind(job["kind"])
    data = base64.b64decode(job["data"])
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        try:
            outcome = module.check(data, Path(folder))
        except checks.Wrong as e:
            return {"status": "wrong", "detail": str(e)[:2000]}
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            frames = traceback.extract_tb(e.__traceback__)
            where = [f"{Path(f.filename).name}:{f.lineno}" for f in frames
                     if "designer" in f.filename][-3:]
            return {"status": "traceback", "detail": f"{type(e).__name__}: {str(e)[:300]} "
                    f"at {' < '.join(reversed(where))}",
                    "trace": "".join(traceback.format_exception(e))[-4000:]}
    return {"status": "ok", "outcome": str(outcome)}


# A worker may not take the machine down (an alias bomb once took 2.9 GB): past this, a
# MemoryError is the finding.
MEMORY_LIMIT = 2 * 1024 ** 3


def main() -> None:
    warnings.simplefilter("ignore")
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    # The answers go to the real stdout; what checks print goes nowhere.
    out = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    for line in sys.stdin:
        out.write(json.dumps(answer(json.loads(line))) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
