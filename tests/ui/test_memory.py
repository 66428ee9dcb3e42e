"""Big freed blocks go back to the system (``designer/ui/memory.py``): without the fixed
mmap threshold, glibc serves 1 MB blocks from its heap after an 8 MB block was freed, and
small blocks kept between them hold that memory after the big ones are freed.

The check reads glibc's own accounting (``mallinfo2``): where the 1 MB blocks were served
(mapped or from the heap) does not depend on what the interpreter's start-up left in the
heap. How much resident memory that costs does: a heap with room left by start-up (CI's
interpreter imports more at start) serves the blocks from pages it already holds. So
resident memory is only checked where it is ours to promise: with the fix, it comes back.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import ctypes, json, os, sys
    sys.path.insert(0, sys.argv[2])
    class Info(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost")]
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = Info
    def mapped():
        return libc.mallinfo2().hblkhd / 2**20
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    if sys.argv[1] == "fixed":
        from designer.ui.memory import keep_big_blocks_mapped
        assert keep_big_blocks_mapped()
    big = bytearray(8 << 20)      # a text, freed: glibc raises its threshold to 8 MB
    del big
    base_rss, base_mapped = rss(), mapped()
    blocks, kept = [], []
    for _ in range(40):           # what the next edit allocates, with a few survivors
        blocks.append(bytearray(1 << 20))
        kept.append(bytearray(600))
    mapped_while_alive = mapped() - base_mapped
    del blocks
    print(json.dumps({"mapped_while_alive": round(mapped_while_alive),
                      "mapped_after": round(mapped() - base_mapped),
                      "rss_held": round(rss() - base_rss)}))
""")


def after_freeing(mode: str) -> dict[str, int]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(REPO)],
                         capture_output=True, text=True, cwd=str(REPO), env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_freed_big_blocks_are_given_back():
    default = after_freeing("default")
    # glibc's default: after the 8 MB block, the 1 MB blocks come from the heap.
    assert default["mapped_while_alive"] <= 1, default
    fixed = after_freeing("fixed")
    # Fixed threshold: each 1 MB block is a mapping of its own, unmapped when freed...
    assert fixed["mapped_while_alive"] >= 40, fixed
    assert fixed["mapped_after"] <= 1, fixed
    # ...so the process holds no more memory than before the edit.
    assert fixed["rss_held"] <= 2, fixed


def test_the_application_sets_it_and_the_environment_wins(monkeypatch):
    from designer.ui import memory
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert memory.keep_big_blocks_mapped() is False
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    assert memory.keep_big_blocks_mapped() is True
