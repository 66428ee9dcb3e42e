"""Fuzzed project files: structural and YAML-level mutations of valid projects.

Seeds are the golden corpus and feature files converted to projects (format version 2:
groups, containers, volumes, settings, outputs), the bundled example, projects built here
from random IR and the every-concept pipeline (tests/every_concept.py) with random parts
left out (tricky strings everywhere). Structural mutations edit the parsed
document (a field deleted, retyped to any YAML type, renamed, duplicated, dangling, a cycle
through ``after``, a non-finite or huge position, a deep or huge value) and write it back;
YAML-level mutations edit the text (anchors and aliases up to "billion laughs", recursive
aliases, tags such as !!binary, !!set, !!timestamp, !!python/object, merge keys, duplicate
keys, a second document, truncation, tabs, control characters, BOM, CRLF, invalid UTF-8).
The check opens the file as ``kfp-designer validate`` does and, if it is accepted, saves,
reopens and (when valid) compiles and exports it (``checks.consistent``).
"""
from __future__ import annotations

import copy
import datetime
import random
import re
from dataclasses import fields, replace
from pathlib import Path

import yaml

from designer import persist
from designer.inputs import load_project
from designer.importers import load_pipeline_file
from designer.inputs import with_readable_ids
from designer.ir import Component, Constant, InputError, Pipeline, PipelineParam, Task
from designer.ir.settings import PipelineConf, TaskSettings
from designer.model.node_geometry import initial_layout
from designer.resources_path import resources_dir

from tests.every_concept import every_concept

from . import checks
from .python_files import CORPUS
from .strings import tricky_string

# kfp files using the concepts format version 2 stores (groups, containers, settings...).
_GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FEATURE_FILES = sorted(_GOLDEN.glob("features/*.py")) + sorted(_GOLDEN.glob("features_v2/*.py"))

NAME = "project"
SUFFIX = ".kfpd"
_seeds: list[str] = []


def _corpus_seeds() -> list[str]:
    if not _seeds:
        _seeds.append((resources_dir() / "examples" / "example_pipeline.kfpd").read_text())
        for path in CORPUS + FEATURE_FILES:
            try:
                pipeline = load_pipeline_file(path)
            except InputError:          # a feature file the importer refuses
                continue
            project = with_readable_ids(persist.Project(pipeline, {}))
            project.layout = initial_layout(project.pipeline, project.layout)
            _seeds.append(persist.dumps(project))
    return _seeds


def _every_concept(rng: random.Random) -> str:
    """The every-concept pipeline with tricky text, some settings, groups and components'
    optional fields left out, so that many combinations are written."""
    p = every_concept(tricky_string(rng))
    for t in p.tasks:
        keep = {f.name for f in fields(t.settings) if rng.random() < 0.6}
        t.settings = replace(TaskSettings(), **{k: getattr(t.settings, k) for k in keep})
        if rng.random() < 0.2:
            t.group = None
    if rng.random() < 0.3:
        p.outputs = {}
    if rng.random() < 0.3:
        p.conf = PipelineConf()
    layout = {t.id: (rng.uniform(-500, 500), rng.uniform(-500, 500)) for t in p.tasks}
    return persist.dumps(persist.Project(p, layout))


def _generated(rng: random.Random) -> str:
    """A small random project with tricky text in names, sources, defaults, layout keys."""
    sources = ["def f(a: int, b: str = 'x') -> int:\n    return a\n",
               "def g(x) -> NamedTuple('Outputs', [('p', int), ('q', str)]):\n    return (1, 'a')\n",
               "def h():\n    pass\n", "def broken(:\n"]
    comps = []
    for i, src in enumerate(rng.sample(sources, rng.randint(1, len(sources)))):
        try:
            comps.append(Component.from_source(src, id=f"c{i}"))
        except Exception:
            from designer.ir import Signature
            comps.append(Component(f"c{i}", src, Signature("broken")))
    params = [PipelineParam(rng.choice(["a", "b", tricky_string(rng)]), rng.choice(
        [None, "int", "str", "List[int]", tricky_string(rng)]), tricky_string(rng),
        rng.random() < 0.5, rng.choice([None, tricky_string(rng)]))
        for _ in range(rng.randint(0, 3))]
    tasks = []
    for i in range(rng.randint(0, 5)):
        c = rng.choice(comps)
        args = {}
        for spec in c.signature.inputs:
            if rng.random() < 0.7:
                args[spec.name] = Constant(rng.choice([tricky_string(rng), 1, 2.5, None,
                                                       [1, {"k": tricky_string(rng)}]]))
        tasks.append(Task(f"t{i}", rng.choice([f"t{i}", tricky_string(rng)]), c.id, args,
                          [f"t{j}" for j in range(i) if rng.random() < 0.2]))
    p = Pipeline(tricky_string(rng), rng.choice([None, tricky_string(rng)]), params, comps, tasks)
    layout = {t.id: (rng.uniform(-500, 500), rng.uniform(-500, 500)) for t in tasks}
    return persist.dumps(persist.Project(p, layout))


# --- structural mutations ------------------------------------------------------------------

def _any_value(rng: random.Random):
    return rng.choice([
        lambda: None, lambda: True, lambda: rng.randint(-5, 5), lambda: 10 ** rng.randint(20, 60),
        lambda: float("nan"), lambda: float("inf"), lambda: -1e308, lambda: tricky_string(rng),
        lambda: "oops", list, lambda: [1, 2, 3], dict, lambda: {"x": 1},
        lambda: datetime.date(2020, 1, 1), lambda: b"bytes", lambda: {1, 2},
        lambda: [[[[[]]]]], lambda: {"parameter": "x"}, lambda: {"task": 3, "output": None},
        lambda: {"value": tricky_string(rng)}, lambda: "def f(:\n",
        lambda: "def f(x: int) -> int:\n    return x\n", lambda: [0.5, "x"],
        # shapes of format version 2
        lambda: {"loop_item": tricky_string(rng)}, lambda: {"loop_item": "x", "fields": [1]},
        lambda: {"run": rng.choice(["run_id", "moon", None])},
        lambda: {"concat": ["a", {"parameter": "x"}, {"concat": [{"run": "task_name"}]}]},
        lambda: {"collected": {"task": "t0", "output": "Output"}},
        lambda: {"one_of": [{"task": "t0", "output": "Output"}, {"value": 1}]},
        lambda: {"inputValue": "x"}, lambda: {"ifPresent": "x", "then": [{"outputPath": 1}]},
        lambda: {"executorInput": True}, lambda: {"kind": rng.choice(
            ["container", "volume", "function", "other"])},
        lambda: {"id": "g", "kind": rng.choice(["condition", "loop", "exit_handler", "x"]),
                 "branch": rng.choice(["if", "elif", "else", None, 3])},
        lambda: {"left": {"value": 1}, "operator": rng.choice(["==", "=~"]), "right": {}},
        lambda: {"timeout": rng.choice([1, "x", -1]), "retry": {"num_retries": "3"}},
        lambda: {"mount_path": "/x", "source": rng.choice(["pvc", "nfs"]),
                 "volume_task": "missing"},
        lambda: {"name": "E", "secret": {"parameter": "p"}, "value": "v"},
    ])()


def _containers(doc) -> list[tuple[object, object]]:
    """(container, key or index) for every slot of the document."""
    out, stack = [], [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


def _structural(rng: random.Random, text: str) -> str:
    doc = yaml.load(text, Loader=yaml.SafeLoader)   # a seed: valid (surrogates: pure parser)
    for _ in range(rng.randint(1, 3)):
        slots = _containers(doc)
        if not slots:
            break
        node, key = rng.choice(slots)
        op = rng.randrange(7)
        if op == 0:
            del node[key]
        elif op in (1, 2):
            node[key] = _any_value(rng)
        elif op == 3 and isinstance(node, dict):
            node[rng.choice(["extra", tricky_string(rng), "ports", "after", "layout"])] = \
                _any_value(rng)
        elif op == 4 and isinstance(node, list):
            node.append(copy.deepcopy(node[key]))
        elif op == 5 and isinstance(node, dict):
            node[tricky_string(rng) or "k"] = node.pop(key)
        else:
            node[key] = rng.choice([[float("inf"), 0], [float("nan"), 1e300], [1, 2, 3], "oops",
                                    [True, None], ["1", "2"], 9 ** 5000])
    try:
        return yaml.dump(doc, Dumper=yaml.Dumper, allow_unicode=rng.random() < 0.5,
                         sort_keys=rng.random() < 0.3, default_flow_style=rng.choice(
                             (None, False, True)))
    except Exception:
        return text


# --- YAML-level mutations ------------------------------------------------------------------

def _bomb(rng: random.Random) -> str:
    levels, width = rng.randint(2, 12), rng.randint(2, 10)
    rows = ["a0: &a0 [lol]"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]"
                                for i in range(1, levels)]
    return "\n".join("      " + r for r in rows)


_SNIPPETS = ["!!binary aGVsbG8=", "!!set {1, 2}", "!!timestamp 2001-12-14", "2020-01-01",
             "!!python/object:os.system {}", "!!python/name:os.system", "!foo bar",
             "!!omap [{a: 1}]", "!!pairs [[a, 1]]", "<<: {a: 1}", "&x [*x]", "*undefined",
             ".inf", "-.inf", ".nan", "0x" + "f" * 5000, "9" * 5000, "1e999", "~", "null",
             "yes", "'unterminated", '"\\ud800"', '"\\x00"', "[" * 200 + "]" * 200,
             "[" * 1200, "{a: 1, a: 2}", "? [complex, key]\n: value", "|\n  block",
             "--- second document", "...", "%YAML 1.1", "\t", "\x00", "\x85", "\ufeff"]


def _textual(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(12)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])            # duplicate keys too
    elif op == 2:
        return text[:rng.randrange(len(text) + 1)]
    elif op == 3:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(_SNIPPETS + [tricky_string(rng)]) + text[at:]
    elif op == 4:
        if ": " in lines[i]:
            k, _ = lines[i].split(": ", 1)
            lines[i] = f"{k}: {rng.choice(_SNIPPETS)}"
    elif op == 5:
        lines[i] = rng.choice(("", " ", "  ", "\t")) + lines[i]
    elif op == 6:
        target = next((j for j, line in enumerate(lines) if line.strip().startswith(
            "default:") or line.startswith("  description:")), None)
        if target is not None:
            indent = lines[target][:len(lines[target]) - len(lines[target].lstrip())]
            lines[target] = indent + lines[target].strip().split(":")[0] + ":"
            lines.insert(target + 1, _bomb(rng))
    elif op == 7:
        if ": " in lines[i]:
            k, v = lines[i].split(": ", 1)
            lines[i] = f"{k}: &anchor {v}"
            j = rng.randrange(len(lines))
            if ": " in lines[j]:
                lines[j] = lines[j].split(": ", 1)[0] + ": *anchor"
    elif op == 8:
        return text.replace("\n", rng.choice(("\r\n", "\r", "\n\n")))
    elif op == 9:
        return re.sub(r"^version: \d+", rng.choice((
            "version: 1", "version: 2", "version: 3", "version: 0", "version: '1'",
            "version: 1.0", "version: " + "9" * 5000, "version: [1]", "version: true")),
            text, count=1, flags=re.M)
    elif op == 10:
        return text.replace("format: kfp-pipeline-designer", rng.choice(
            ("format: other", "format: 5", "", "format: &f kfp-pipeline-designer")))
    else:
        lines[i] = lines[i].replace(" ", "  ", 1)
    return "\n".join(lines)


def generate(rng: random.Random) -> bytes:
    roll = rng.random()
    text = _generated(rng) if roll < 0.2 else _every_concept(rng) if roll < 0.35 else \
        rng.choice(_corpus_seeds())
    # Structural edits work on the parsed seed, so they come before the textual ones.
    if rng.random() < 0.5:
        text = _structural(rng, text)
    for _ in range(rng.choice((0, 1, 1, 2))):
        text = _textual(rng, text)
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.02:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80")) + data[at:]
    return data


def check(data: bytes, workdir: Path) -> str:
    path = workdir / "project.kfpd"
    path.write_bytes(data)
    project = checks.opened(path, load_project)   # the one loader of the CLIs and the GUI
    if project is None:
        return "refused"
    project.layout = initial_layout(project.pipeline, project.layout)    # as the GUI opens it
    return checks.consistent(project, from_python=False)
