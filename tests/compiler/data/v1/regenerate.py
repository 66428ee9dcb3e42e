"""Regenerate the kfp 1.8.9 fixtures of tests/compiler/test_v1_*.py with the real SDK.

    python tests/compiler/data/v1/regenerate.py

Runs in the kfp1 oracle venv (tests/oracle.py): compiles every pipelines/*.py to the .yaml
next to it, and recomputes the "expected" side of strip_hints.json, docstrings.json and
type_names.json from kfp's own functions.  The inputs in those JSON files are kept; add cases
there and rerun.  The compilation time inside each .yaml is whatever the clock said: the
tests read it back from the file.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests import oracle  # noqa: E402

_RECORD = r'''
import contextlib, io, json, sys, typing, warnings
warnings.simplefilter("ignore")
import docstring_parser
from kfp.components._python_op import strip_type_hints, _extract_component_interface
here = sys.argv[1]

def save(name, data):
    with open(f"{here}/{name}", "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")

cases = json.load(open(f"{here}/strip_hints.json", encoding="utf-8"))
for case in cases:
    with contextlib.redirect_stdout(io.StringIO()):
        case["expected"] = strip_type_hints(case["source"])
save("strip_hints.json", cases)

cases = json.load(open(f"{here}/docstrings.json", encoding="utf-8"))
for case in cases:
    try:
        d = docstring_parser.parse(case["docstring"])
        case["expected"] = {"short_description": d.short_description,
                            "params": {p.arg_name: p.description for p in d.params}}
    except Exception as e:
        case["expected"] = {"error": type(e).__name__}
save("docstrings.json", cases)

cases = json.load(open(f"{here}/type_names.json", encoding="utf-8"))
for case in cases:
    prelude = "import typing\nfrom typing import *\nclass CustomClass: pass\n"
    for key, code in (("parameter", f"def f(x: {case['annotation']}): pass\n"),
                      ("output", f"def f() -> NamedTuple('O', [('o', {case['annotation']})]): pass\n")):
        ns = {}
        try:
            exec(prelude + code, ns)
            spec = _extract_component_interface(ns["f"])
            case[key] = (spec.inputs or spec.outputs)[0].type
        except Exception as e:  # e.g. NamedTuple refuses Optional as a field type
            case[key] = {"error": type(e).__name__}
save("type_names.json", cases)
'''


def main() -> None:
    python = str(oracle.kfp1_python(log=print))
    for py in sorted((HERE / "pipelines").glob("*.py")):
        print("compiling", py.name)
        subprocess.run([python, py.name], cwd=py.parent, check=True)
    subprocess.run([python, "-c", _RECORD, str(HERE)], check=True)


if __name__ == "__main__":
    main()
