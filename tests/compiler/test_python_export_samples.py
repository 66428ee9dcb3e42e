"""Seeded random pipelines for the exporter's black and real-kfp checks, and what they cover.

``random_pipeline(seed)`` makes a valid pipeline with the shapes that stress the layout:
names from 1 to ~130 characters, many arguments, long and nested constants, quotes,
wide (Korean) characters, named outputs, `.after()`, base images and package lists,
untyped and defaulted parameters. ``scale`` stretches name lengths.
"""
from __future__ import annotations

import random

from designer.compiler.python_source import export_python
from designer.ir import (Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task,
                         errors)

KINDS = ("int", "float", "bool", "str", "list", "dict")
STRINGS = ("", "a'b", 'a"b', "it's \"q\"", "tab\tnl\n", "ünï", "back\\slash", "e\u0301")
# Not in parameter defaults: kfp 2 writes those raw into its YAML header comment, where
# NUL and NEL make the file unreadable YAML (our compile_v2 keeps it readable on purpose).
CONTROLS = "\x00\x85"


def _name(r: random.Random, lo: int, hi: int, scale: float) -> str:
    n = r.randint(lo, max(lo, int(hi * scale)))
    text = "".join(r.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(n)).strip("_")
    return text or "x"


def _constant(r: random.Random, kind: str, depth: int = 0, controls: bool = True):
    if kind == "int":
        return r.choice([0, -3, 12345678901234, r.randint(-10**6, 10**6)])
    if kind == "float":
        return r.choice([1.5, 1e-07, 1e22, -0.25, float(r.randint(0, 99))])
    if kind == "bool":
        return r.choice([True, False])
    if kind == "str":
        return r.choice([*STRINGS, "x" * r.randint(1, 100), "파이프라인 " * r.randint(1, 25),
                         CONTROLS if controls else ""])
    if kind == "list":
        return [_constant(r, r.choice(["int", "str"]), depth + 1, controls)
                for _ in range(r.randint(0, 25))]
    return {f"k{i}_{_name(r, 1, 12, 1)}": _constant(r, r.choice(["int", "str", "list"])
                                                    if depth == 0 else "int", depth + 1, controls)
            for i in range(r.randint(0, 8))}


def _component(r: random.Random, index: int, scale: float) -> tuple[Component, list, list]:
    name = f"{_name(r, 3, 45, scale)}_c{index}"
    inputs = [(f"{_name(r, 1, 30, scale)}_{i}", r.choice(KINDS)) for i in range(r.randint(0, 7))]
    if r.random() < 0.3:
        outputs = [(f"o{i}_{_name(r, 1, 10, 1)}", r.choice(KINDS))
                   for i in range(r.randint(1, 3))]
        fields = ", ".join(f'("{n}", {k})' for n, k in outputs)
        ret = f' -> NamedTuple("Outputs", [{fields}])'
    elif r.random() < 0.6:
        outputs = [("Output", r.choice(KINDS))]
        ret = f" -> {outputs[0][1]}"
    else:
        outputs, ret = [], ""
    one_line = f"def {name}({', '.join(f'{n}: {k}' for n, k in inputs)}){ret}:"
    if len(one_line) <= 88:
        head = one_line
    else:  # black's own exploded form, kept by its magic trailing comma
        head = f"def {name}(\n" + "".join(f"    {n}: {k},\n" for n, k in inputs) + f"){ret}:"
    options = {}
    if r.random() < 0.4:
        options["base_image"] = r.choice(["python:3.9",
                                          f"gcr.io/{_name(r, 5, 80, scale)}:latest"])
    if r.random() < 0.4:
        options["packages_to_install"] = [f"{_name(r, 2, 30, scale)}==1.0"
                                          for _ in range(r.randint(1, 6))]
    comp = Component.from_source(f"{head}\n    return None\n", id=f"c{index}", **options)
    return comp, inputs, outputs


def random_pipeline(seed: int, scale: float = 1.0) -> Pipeline:
    r = random.Random(seed)
    comps = [_component(r, i, scale) for i in range(r.randint(1, 4))]
    params: list[tuple[PipelineParam, str]] = []
    for i in range(r.randint(0, 6)):
        kind = r.choice(KINDS)
        prm = PipelineParam(f"{_name(r, 1, 25, scale)}_p{i}", kind if r.random() < 0.9 else None)
        if r.random() < 0.5:
            prm.default, prm.has_default = _constant(r, kind, controls=False), True
        if r.random() < 0.2:
            prm.description = r.choice(["Short.", "Two\nlines.", ("파이프라인 " * 30).strip(),
                                        'Say "hi"', "back\\slash"])
        params.append((prm, kind))
    params.sort(key=lambda pk: pk[0].has_default)  # Python: defaults last
    tasks: list[tuple[Task, list]] = []
    for i in range(r.randint(1, 8)):
        comp, inputs, outputs = r.choice(comps)
        arguments = {}
        for name, kind in inputs:
            sources = [("const", None)]
            sources += [("param", p.name) for p, k in params if k == kind]
            sources += [("out", (t.id, o)) for t, outs in tasks for o, k in outs if k == kind]
            how, what = r.choice(sources)
            arguments[name] = (Constant(_constant(r, kind)) if how == "const" else
                               ParamRef(what) if how == "param" else OutputRef(*what))
        after = [t.id for t, _ in tasks if r.random() < 0.2]
        task = Task(f"t{i}", f"{_name(r, 1, 35, scale)}_t{i}", comp.id, arguments, after)
        tasks.append((task, outputs))
    description = r.choice([None, "short", "d" * 120, 'it\'s a "pipeline"',
                            "설명 " * r.randint(1, 40)])
    return Pipeline(_name(r, 1, 60, scale), description=description,
                    params=[p for p, _ in params], components=[c for c, _, _ in comps],
                    tasks=[t for t, _ in tasks])


def random_modules(count: int, scale: float = 1.0, first_seed: int = 0) -> dict[str, tuple]:
    """name -> (module text, its component sources), for both targets."""
    out = {}
    for seed in range(first_seed, first_seed + count):
        p = random_pipeline(seed, scale)
        for target in ("v1", "v2"):
            out[f"random{seed}x{scale}_{target}"] = (export_python(p, target),
                                                     [c.source for c in p.components])
    return out


def test_random_pipelines_are_valid_and_exportable():
    for seed in range(40):
        p = random_pipeline(seed, scale=2.0)
        assert errors(p) == []
        assert export_python(p, "v1") and export_python(p, "v2")


def test_random_pipelines_reach_the_shapes_they_are_for():
    texts = [text for text, _ in random_modules(60, scale=2.0).values()]
    joined = "\n".join(texts)
    assert any(max(len(line) for line in t.splitlines()) > 88 for t in texts)  # unsplittable
    assert " = (\n" in joined                       # black's parenthesised right-hand side
    assert '.outputs["o' in joined and ".after(" in joined
    assert "create_component_from_func(\n" in joined  # the v1 call form, split
    assert "파이프라인" in joined and "\\x00" in joined
