"""Docstring reading as kfp 2 does it (docstring_parser in AUTO mode).

The oracle test runs the real docstring_parser (kfp's dependency, in the kfp 2 venv) on
thousands of generated docstrings mixing every style's markers and compares the
descriptions kfp would take: inputs, outputs (Returns read as Args), description.
"""
from __future__ import annotations

import json
import random
import subprocess

import pytest

from designer.ir import docstrings as D

GOOGLE = '''Adds things up.

The long description spans
two lines.

Args:
    count (int): How many.
    ratio: A ratio with a
        continuation line.

Returns:
    total: The total.
    summary (str): A summary.
'''


def test_google():
    assert D.param_descriptions(GOOGLE) == {"count": "How many.",
                                            "ratio": "A ratio with a\ncontinuation line."}
    assert D.output_descriptions(GOOGLE) == {"total": "The total.", "summary": "A summary."}
    assert D.description(D.parse(GOOGLE)) == (
        "Adds things up.\nThe long description spans\ntwo lines.")


def test_numpydoc_rest_epydoc():
    numpy = "Sum.\n\nParameters\n----------\nalpha : int\n    The alpha.\nbeta : str, optional\n"
    assert D.param_descriptions(numpy) == {"alpha": "The alpha.", "beta": None}
    rest = "Sum.\n\n:param gamma: the gamma\n:param bool delta: the delta\n:returns: x\n"
    assert D.param_descriptions(rest) == {"gamma": "the gamma", "delta": "the delta"}
    epydoc = "Sum.\n\n@param eps: the eps\n@type eps: int\n@return: same\n"
    assert D.param_descriptions(epydoc) == {"eps": "the eps"}


def test_google_that_does_not_parse_falls_back_to_plain_text():
    # "zeta has no colon" makes the Google parser fail; ReST then wins with no params,
    # and the whole text (sections included) is the description.
    text = "Looks like Google.\n\nArgs:\n    zeta has no colon\n"
    assert D.param_descriptions(text) == {}
    assert D.description(D.parse(text)) == "Looks like Google.\nArgs:\n    zeta has no colon"


def test_most_meta_wins_and_ties_go_to_rest():
    # Two ReST params against one Google param: ReST wins, and its last param runs on
    # to the end of the text (Google's "Args:" section included).
    text = "S.\n\n:param a: from rest\n:param b: from rest\nArgs:\n    c: from google\n"
    assert D.param_descriptions(text) == {"a": "from rest",
                                          "b": "from rest\nArgs:\nc: from google"}
    # One each: a tie, which ReST (tried first) wins.
    tie = "S.\n\n:param a: from rest\nArgs:\n    c: from google\n"
    assert D.param_descriptions(tie) == {"a": "from rest\nArgs:\nc: from google"}
    assert D.param_descriptions(None) == {} and D.output_descriptions(None) == {}
    assert D.param_descriptions("Just one line.") == {}


FRAGMENTS = [
    "Summary line.", "Another line", "", "   ", "Args:", "Arguments:", "Parameters:", "Params:",
    "Returns:", "Return:", "Returns", "Return", "Raises:", "Yields:", "Attributes:", "Example:",
    "Examples:", "Note:", "    n: The count.", "    x (float): A ratio,", "        on two lines.",
    "    s: A string.", "    bad line without colon", "    total: The total.",
    "    ratio: the ratio", "    int: something", "    List[int]: items",
    "  y (int, optional): why",
    ":param n: the n", ":param int x: typed x", ":type n: int", ":returns: stuff", ":rtype: int",
    ":raises ValueError: bad", ":param: broken", ":deprecated: 1.0 old", "    continuation",
    ":return a b c: x", "@param n: the n", "@type n: int", "@return: ret", "@rtype: int",
    "@raise ValueError: bad", "@note: a note", "@param x: see param y: z", "@yield: y",
    "@see: other", "Parameters", "----------", "n : int", "    The count.", "x", "Returns",
    "-------", "int", "    The result", "Other Parameters", "----------------", "Examples",
    "--------", ">>> f(1)", "2", ".. deprecated:: 1.0", "Notes", "-----", "Receives", "--------",
    "Attributes", "----------", "ValueError", "Raises", "------", "tab\tline", "Args:  ",
    "    a: b: c", "    k: v\n    w: z", "label: text with: colon", "::", "Returns:\n    x",
    "Raises:\n    ValueError", "  Args:", "Yields:\n    int: y", "Example:\n    >>> x",
]

ORACLE = r"""
import json, sys
import docstring_parser
from kfp.dsl import component_factory as cf
out = []
for d in json.load(sys.stdin):
    try:
        p = docstring_parser.parse(d)
        mod = None
        for kw in ['Returns:\n', 'Returns\n', 'Return:\n', 'Return\n']:
            if kw in d:
                mod = docstring_parser.parse(d.replace(kw.strip(), 'Args:'))
                break
        out.append({"ins": {q.arg_name: q.description for q in p.params},
                    "outs": {q.arg_name: q.description for q in mod.params} if mod else {},
                    "desc": cf.get_pipeline_description(None, p), "n": len(p.meta)})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
"""


def ours(text: str) -> dict:
    try:
        parsed = D.parse(text)
        return {"ins": D.param_descriptions(text), "outs": D.output_descriptions(text),
                "desc": D.description(parsed), "n": parsed.meta_count}
    except Exception as e:
        return {"error": type(e).__name__}


@pytest.mark.oracle
def test_generated_docstrings_match_docstring_parser(kfp2_python):
    r = random.Random(20240601)
    docs = ["\n".join(r.choice(FRAGMENTS) for _ in range(r.randint(1, 14)))
            for _ in range(3000)]
    proc = subprocess.run([str(kfp2_python), "-c", ORACLE], input=json.dumps(docs),
                          capture_output=True, text=True, check=True)
    expected = json.loads(proc.stdout)
    mismatches = [(d, ours(d), e) for d, e in zip(docs, expected) if ours(d) != e]
    assert not mismatches, mismatches[:3]
