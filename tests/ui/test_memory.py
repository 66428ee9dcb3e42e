"""Big freed blocks go back to the system (``designer/ui/memory.py``): without the fixed
mmap threshold, glibc serves 1 MB blocks from its heap after an 8 MB block was freed, and
small blocks kept between them hold that memory after the big ones are freed."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import os, sys
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    if sys.argv[1] == "fixed":
        from designer.ui.memory import keep_big_blocks_mapped
        assert keep_big_blocks_mapped()
    big = bytearray(8 << 20)      # a text, freed: glibc raises its threshold to 8 MB
    del big
    base = rss()
    blocks, kept = [], []
    for _ in range(40):           # what the next edit allocates, with a few survivors
        blocks.append(bytearray(1 << 20))
        kept.append(bytearray(600))
    del blocks
    print(round(rss() - base))
""")


def held_after_freeing(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True,
                         text=True, cwd=str(REPO), env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip())


def test_freed_big_blocks_are_given_back():
    assert held_after_freeing("default") >= 30      # glibc's default: held, fragmented
    assert held_after_freeing("fixed") <= 2


def test_the_application_sets_it_and_the_environment_wins(monkeypatch):
    from designer.ui import memory
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert memory.keep_big_blocks_mapped() is False
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    assert memory.keep_big_blocks_mapped() is True
