"""File names in a run folder for task, input and output names, and where kfp collides.

A run keeps each task in ``tasks/<name>/`` and each output in ``outputs/<name>/data``.
Names come from the user (any Python identifier for a task, any string for a
NamedTuple field or a component's output), so they are made safe here: a name that is
already a portable file name is kept as it is; any other gets its sanitised form plus a
short hash of the name itself, so two names never share a folder (``작업`` and ``과제``,
``a b`` and ``a/b``), ``..`` never leaves its folder, and the same name gets the same
folder in every run.

kfp itself writes ``/tmp/outputs/<sanitize_file_name(name)>/data`` on a cluster, which
does collide (``a b`` and ``a/b`` are both ``a_b``): ``cluster_collisions`` names those
cases so the run can warn about them.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter
from typing import Iterable

from designer.ir.naming import sanitize_file_name

NAME_LIMIT = 60          # characters kept from a name before its hash (file names <= 255 bytes)
_KEPT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _kept_as_is(name: str) -> bool:
    # Trailing dots and spaces vanish on Windows file systems; case is compared apart.
    return bool(_KEPT.fullmatch(name)) and len(name) <= NAME_LIMIT and not name.endswith(".")


def _hashed(name: str, width: int) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:NAME_LIMIT].strip("._-") or "x"
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{base}-{digest[:width]}"


def safe_names(names: Iterable[str]) -> dict[str, str]:
    """Each name -> a file name for it, unique among ``names`` even ignoring case, made of
    ``[A-Za-z0-9_.-]`` only, never ``.``/``..``/empty: never a path of more than one part.

    A name depends only on itself, except in the two cases where a clash has to be
    broken: names equal but for case (both hashed), and a made-up name that happens to
    equal another name (the hash is lengthened)."""
    names = list(dict.fromkeys(names))
    folded = Counter(n.casefold() for n in names)
    out = {n: n if _kept_as_is(n) and folded[n.casefold()] == 1 else _hashed(n, 8)
           for n in names}
    width = 8
    while True:
        taken = Counter(v.casefold() for v in out.values())
        clash = [n for n in names if taken[out[n].casefold()] > 1]
        if not clash:
            return out
        width += 8
        for n in clash:
            # Past the full digest only an index can separate them (never seen in practice).
            out[n] = _hashed(n, width) if width <= 64 else f"{_hashed(n, 64)}-{names.index(n)}"


def cluster_collisions(kind: str, names: Iterable[str]) -> list[str]:
    """What kfp's own file layout (``/tmp/<kind>/<sanitised name>/data``) gets wrong for
    these ``names`` of one component: two of them sharing a file, or a name leading out
    of ``/tmp/<kind>/``. One message per problem, for a warning."""
    root = f"/tmp/{kind}"
    by_path: dict[str, list[str]] = {}
    problems = []
    for name in dict.fromkeys(names):
        path = posixpath.normpath(f"{root}/{sanitize_file_name(name)}/data")
        if not path.startswith(root + "/"):
            problems.append(f"on a cluster kfp writes {kind[:-1]} `{name}` to {path}, "
                            f"outside {root}/")
        by_path.setdefault(path, []).append(name)
    for path, group in by_path.items():
        if len(group) > 1:
            listed = " and ".join(f"`{n}`" for n in group)
            problems.append(f"on a cluster kfp writes {kind} {listed} to the same file "
                            f"{path}: one overwrites the other there")
    return problems
