"""kfp's naming rules (designer/ir/naming.py), shared by the compilers, importer and previews.
End to end they are checked against kfp by the golden and oracle tests; these pin the rules."""
from __future__ import annotations

import itertools
import random

from designer.ir.naming import (UniqueNames, component_name, pythonic_names, sanitize_k8s_name,
                                sanitize_python_name, unique_name)


def test_component_and_k8s_names():
    assert component_name("print_and_return_number") == "Print and return number"
    assert component_name("__lead__trail_") == "Lead trail"
    assert component_name("___") == ""
    assert sanitize_k8s_name("Print and return number") == "print-and-return-number"
    assert sanitize_k8s_name("--Ünï  code--") == "n-code"
    assert sanitize_k8s_name("My_Output", allow_capital_underscore=True) == "My_Output"


def test_python_names_and_kfp1_pythonic_table():
    assert sanitize_python_name("2nd Step") == "n2nd_step"
    assert sanitize_python_name("numberA") == "numbera"
    # Names already pythonic keep theirs first; the others take the next free one.
    assert pythonic_names(["a_b", "A b", "Output"]) == {"a_b": "a_b", "A b": "a_b_2",
                                                        "Output": "output"}


def _kfp_unique(name: str, taken: set[str]) -> str:
    """kfp's _make_name_unique_by_adding_index, scanning from 2 every time."""
    candidates = itertools.chain([name], (f"{name}-{i}" for i in itertools.count(2)))
    return next(c for c in candidates if c not in taken)


def test_unique_names_resume_gives_kfps_names():
    r = random.Random(7)
    bases = [r.choice(["a", "b", "a-2", "a-3", "b-2-2", "c"]) for _ in range(300)]
    unique, taken, expected = UniqueNames(), set(), []
    for b in bases:
        expected.append(_kfp_unique(b, taken))
        taken.add(expected[-1])
    assert [unique.add(b) for b in bases] == expected
    assert UniqueNames({"p", "p-2"}).add("p") == "p-3"


def test_unique_name_for_designer_made_names():
    assert unique_name("x", {"y"}) == "x"
    assert unique_name("x", {"x", "x_2", "x_4"}) == "x_3"
