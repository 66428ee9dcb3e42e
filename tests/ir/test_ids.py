"""Task and group ids: 12 random hex digits from the model's own generator, which neither
seeding ``random`` nor forking makes repeat."""
from __future__ import annotations

import os
import random
import re

from designer.ir.model import new_id


def test_ids_are_twelve_hex_digits_and_differ() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(re.fullmatch(r"[0-9a-f]{12}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_seeding_random_does_not_repeat_ids() -> None:
    random.seed(7)
    first = new_id()
    random.seed(7)
    assert new_id() != first


def test_a_forked_child_draws_other_ids() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:    # the child: its id to the parent, then out without pytest's cleanup
        os.write(write, new_id().encode())
        os._exit(0)
    os.close(write)
    mine = new_id()
    with os.fdopen(read) as pipe:
        theirs = pipe.read()
    os.waitpid(pid, 0)
    assert re.fullmatch(r"[0-9a-f]{12}", theirs) and theirs != mine
