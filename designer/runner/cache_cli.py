"""`kfp-designer cache info|clear`: where the execution cache is, how big, and emptying it.

    kfp-designer cache info  [--cache-dir DIR]
    kfp-designer cache clear [--cache-dir DIR]

The execution cache holds the outputs and logs of earlier task runs; it lives in
``$KFP_DESIGNER_CACHE/runs-cache`` (``KFP_DESIGNER_CACHE`` defaults to
``$XDG_CACHE_HOME/kfp-designer``, else ``~/.cache/kfp-designer``), or in ``--cache-dir``
as given to `run`. Task environments (the venvs tasks run in) sit next to it and are
only reported: clearing them would only make the next run slower.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from .cache import Cache, tree_size
from .engine import cache_root
from .venvs import MARKER


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    for name, text in (("info", "show where the cache is, its size and entries"),
                       ("clear", "remove every entry of the execution cache")):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("--cache-dir", metavar="DIR",
                            help="the execution cache (default: $KFP_DESIGNER_CACHE/runs-cache)")


def _where(args: argparse.Namespace) -> tuple[Path, str]:
    if args.cache_dir:
        return Path(args.cache_dir).expanduser(), "--cache-dir"
    origin = "KFP_DESIGNER_CACHE" if os.environ.get("KFP_DESIGNER_CACHE", "").strip() \
        else "default"
    return cache_root() / "runs-cache", origin


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} bytes"  # not reached


def cache_main(args: argparse.Namespace) -> int:
    if args.action is None:
        print("kfp-designer cache: give an action: info or clear", flush=True)
        return 2
    path, origin = _where(args)
    if path.exists() and not path.is_dir():
        from designer.ir.errors import InputError
        raise InputError("the execution cache is not a folder", str(path))
    cache = Cache(path)
    if args.action == "clear":
        count, size = cache.clear()
        print(f"removed {count} entr{'y' if count == 1 else 'ies'} ({human_size(size)}) "
              f"from {path}")
        return 0
    entries = cache.entries()
    size = tree_size(path) if path.is_dir() else 0
    print(f"execution cache: {path} ({origin}{'' if path.is_dir() else ', not created yet'})")
    print(f"  entries: {len(entries)}")
    print(f"  size:    {human_size(size)}")
    venvs = cache_root() / "venvs"
    envs = [d for d in venvs.iterdir() if (d / MARKER).is_file()] if venvs.is_dir() else []
    print(f"task environments: {venvs} (kept by `cache clear`)")
    print(f"  environments: {len(envs)}")
    print(f"  size:         {human_size(tree_size(venvs) if venvs.is_dir() else 0)}")
    return 0
