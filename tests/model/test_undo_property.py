"""Undo after any sequence of edits restores the document exactly (random edit sequences).

Each seed builds a random sequence of every kind of command against the tutorial
document, records the document after each step, then undoes step by step (each
state must match the recorded one, down to the saved file's bytes) and redoes
everything again.
"""
from __future__ import annotations

import random

import pytest

from designer import persist
from designer.ir import (Constant, OutputRef, ParamRef, PipelineParam, SignatureError,
                         signature_from_source)
from designer.ir.types import compatible
from designer.model import commands as C
from designer.model.autolayout import layered_layout
from designer.model.document import snapshot
from designer.model.fragments import make_fragment
from designer.model.library import load_library
from designer.model.rules import PARAM_PREFIX, Source, connection_problem

LIBRARY = load_library()
SEEDS = range(24)
STEPS = 45


def _sources(doc):
    p = doc.pipeline
    out = [(Source(PARAM_PREFIX + prm.name, prm.name), prm.annotation) for prm in p.params]
    for t in p.tasks:
        comp = doc.component(t.component_id)
        out += [(Source(t.id, o.name), o.annotation) for o in comp.signature.outputs]
    return out


def _all_parse(pipeline) -> bool:
    try:
        for comp in pipeline.components:
            signature_from_source(comp.source)
    except SignatureError:
        return False
    return True


def random_command(doc, rng: random.Random):
    p = doc.pipeline
    tasks = p.tasks
    kind = rng.choice(["add", "add", "remove", "move", "connect", "connect", "constant",
                       "disconnect", "after", "rename", "source", "settings", "param",
                       "edit_param", "info", "paste", "layout", "typing"])
    if kind == "add" or not tasks:
        comp = rng.choice(LIBRARY).to_component()
        return C.AddTask(doc, comp, (rng.uniform(-500, 500), rng.uniform(-500, 500)))
    task = rng.choice(tasks)
    comp = doc.component(task.component_id)
    if kind == "remove":
        chosen = rng.sample([t.id for t in tasks], k=min(len(tasks), rng.randint(1, 3)))
        params = [prm.name for prm in p.params if rng.random() < 0.2]
        links = [(t.id, k) for t in tasks for k in t.arguments if rng.random() < 0.1]
        return C.RemoveItems(doc, chosen, params, links)
    if kind == "move":
        keys = rng.sample(list(doc.layout), k=min(len(doc.layout), 3))
        return C.MoveNodes(doc, {k: (rng.uniform(-900, 900), rng.uniform(-900, 900))
                                 for k in keys})
    if kind == "connect" and comp.signature.inputs:
        spec = rng.choice(comp.signature.inputs)
        options = [s for s, ann in _sources(doc) if compatible(ann, spec.annotation)
                   and connection_problem(p, s, task.id, spec.name) is None]
        if options:
            return C.Connect(doc, rng.choice(options), task.id, spec.name)
    if kind == "constant" and comp.signature.inputs:
        spec = rng.choice(comp.signature.inputs)
        return C.SetArgument(doc, task.id, spec.name, Constant(rng.randint(0, 9)))
    if kind == "disconnect" and task.arguments:
        return C.SetArgument(doc, task.id, rng.choice(list(task.arguments)), None)
    if kind == "after":
        others = [t.id for t in tasks if t.id != task.id and rng.random() < 0.3]
        return C.SetAfter(doc, task.id, others)
    if kind == "rename":
        return C.RenameTask(doc, task.id, f"task_{rng.randint(0, 999)}")
    if kind == "source":
        extra = rng.choice(["    pass\n", "    # note\n", "", "oops(:\n"])
        return C.SetComponentSource(doc, comp.id, comp.source + extra, merge=False)
    if kind == "typing":
        return C.SetComponentSource(doc, comp.id, comp.source + "#", merge=True)
    if kind == "settings":
        return C.SetComponentSettings(doc, comp.id, base_image=rng.choice([None, "python:3.9"]),
                                      packages_to_install=rng.sample(["numpy", "pandas"], 1))
    if kind == "param" or (kind == "edit_param" and not p.params):
        name = f"p{rng.randint(0, 999)}"
        if p.param(name) is None:
            return C.AddParam(doc, PipelineParam(name, rng.choice(["int", "str", None])),
                              (rng.uniform(-900, 0), rng.uniform(-500, 500)))
    if kind == "edit_param" and p.params:
        prm = rng.choice(p.params)
        new_name = rng.choice([prm.name, f"q{rng.randint(0, 999)}"])
        if new_name == prm.name or p.param(new_name) is None:
            return C.EditParam(doc, prm.name, PipelineParam(new_name, prm.annotation,
                                                            rng.randint(0, 5), True))
    if kind == "info":
        return C.SetPipelineInfo(doc, name=f"pipe{rng.randint(0, 99)}",
                                 description=rng.choice([None, "text"]))
    if kind == "paste":
        chosen = rng.sample([t.id for t in tasks], k=min(len(tasks), rng.randint(1, 3)))
        params = [prm.name for prm in p.params if rng.random() < 0.3]
        fragment = make_fragment(doc, chosen, params)
        if _all_parse(fragment.pipeline):  # as the clipboard carries it
            fragment = persist.loads(persist.dumps(fragment))
        return C.Paste(doc, fragment, (30.0, 30.0))
    if kind == "layout":
        sizes = {k: (160.0, 80.0) for k in doc.layout}
        new = layered_layout(p, sizes)
        moved = {k: v for k, v in new.items() if doc.layout.get(k) != v}
        if moved:
            return C.MoveNodes(doc, moved, "Auto-layout")
    return C.AddTask(doc, rng.choice(LIBRARY).to_component(), (0.0, 0.0))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edit_sequences_undo_exactly(example_doc, seed, monkeypatch):
    doc = example_doc
    rng = random.Random(seed)
    clock = [0.0]
    doc.clock = lambda: clock[0]
    states = [snapshot(doc)]
    texts = [persist.dumps(doc.project())]
    for _ in range(STEPS):
        clock[0] += rng.choice([0.1, 0.1, 3.0])  # sometimes typing, sometimes a pause
        count = doc.undo_stack.count()
        doc.push(random_command(doc, rng))
        now = doc.undo_stack.count()
        if now == count + 1:
            states.append(snapshot(doc))
            texts.append(persist.dumps(doc.project()))
        elif now == count:  # merged into the previous step
            states[-1] = snapshot(doc)
            texts[-1] = persist.dumps(doc.project())
        else:  # merged back to where it started: the step is gone
            states.pop()
            texts.pop()
        assert len(states) == doc.undo_stack.count() + 1
    for i in range(len(states) - 1, 0, -1):
        assert snapshot(doc) == states[i]
        doc.undo_stack.undo()
        assert snapshot(doc) == states[i - 1], f"undo of step {i} ({seed=})"
        assert persist.dumps(doc.project()) == texts[i - 1]
    for i in range(1, len(states)):
        doc.undo_stack.redo()
        assert snapshot(doc) == states[i], f"redo of step {i} ({seed=})"
    assert persist.dumps(doc.project()) == texts[-1]
    # The saved form of the final document loads back to the same document (persist
    # refuses sources that do not parse, which a document may hold while being typed).
    if _all_parse(doc.pipeline):
        assert persist.dumps(persist.loads(texts[-1])) == texts[-1]


def test_references_stay_valid(example_doc):
    """No edit leaves a reference to a task that is gone (deletes take wires with them)."""
    doc = example_doc
    rng = random.Random(99)
    for _ in range(200):
        doc.push(random_command(doc, rng))
        ids = {t.id for t in doc.pipeline.tasks}
        for t in doc.pipeline.tasks:
            assert all(a.task_id in ids for a in t.arguments.values() if isinstance(a, OutputRef))
            assert all(d in ids for d in t.after)
            assert all(doc.param(a.name) is not None for a in t.arguments.values()
                       if isinstance(a, ParamRef))
