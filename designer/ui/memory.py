"""Give big freed blocks back to the system (glibc's malloc), so that memory does not
creep up edit after edit.

glibc serves a request above its mmap threshold (128 KiB at first) with a mapping of its
own, unmapped when freed; but each time such a block is freed, it raises the threshold
to that block's size (up to 32 MiB). The previews free a 9 MB text and a few MB of span
tables and line starts after every edit at 2,000 tasks, so after the first edit blocks of
that size came from the heap, where freed memory stays with the process and fragments:
the window's peak memory grew about 20 MB over a dozen edits. Setting the threshold
turns that adjustment off. (``MALLOC_MMAP_THRESHOLD_`` in the environment, glibc's own
setting, is left to win.)
"""
from __future__ import annotations

import ctypes
import os
import sys

M_MMAP_THRESHOLD = -3          # mallopt's parameter number (malloc.h)
THRESHOLD = 256 * 1024         # blocks at least this big are mapped and unmapped


def keep_big_blocks_mapped() -> bool:
    """Fix glibc's mmap threshold at THRESHOLD; True if it was set."""
    if not sys.platform.startswith("linux") or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):   # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, THRESHOLD) == 1
