"""Fuzzed kfp Python files: mutations of the golden corpus and of generated pipelines.

Seeds are the golden corpus (``tests/golden/pipelines``) and pipelines written here from a
random plan (kfp v1 or v2 style, random types, defaults, NamedTuple outputs, wiring and
``.after()``). One to three mutations follow: text (lines deleted, duplicated, swapped,
re-indented, truncated; literals replaced by tricky, huge or deep ones; tricky text, NUL,
BOM, CRLF, invalid UTF-8 inserted; deep expressions added as statements) or a seed kept
as it is. The check imports the file as ``kfp-designer validate`` does and, if it is
accepted and valid, compiles, exports, saves and converts it (``checks.consistent``).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from designer import persist
from designer.importers import load_pipeline_file

from . import checks
from .strings import tricky_string

NAME = "python"
SUFFIX = ".py"
CORPUS = sorted((Path(__file__).resolve().parents[1] / "golden" / "pipelines").glob("*.py"))
_SEEDS = [p.read_bytes() for p in CORPUS]

TYPES = ["int", "float", "str", "bool", "list", "dict", "List[int]", "Dict[str, int]",
         "Optional[int]", None, "typing.List[str]", "Text", "Integer"]
IDENTS = ["x", "value", "n", "tâche", "작업", "_private", "Output", "output", "name", "a_b",
          "x2", "print", "len", "kfp", "dsl", "pipeline", "task", "outputs"]


# --- generated pipelines --------------------------------------------------------------------

def _literal(rng: random.Random, typ: str | None, depth: int = 0) -> str:
    kind = {"int": "int", "Integer": "int", "float": "float", "str": "str", "Text": "str",
            "bool": "bool", "list": "list", "dict": "dict"}.get(typ or "", None)
    if typ and typ.startswith(("List", "typing.List")):
        kind = "list"
    if typ and typ.startswith("Dict"):
        kind = "dict"
    if typ and typ.startswith("Optional"):
        kind = rng.choice(("int", "none"))
    kind = kind or rng.choice(("int", "float", "str", "bool", "list", "dict", "none"))
    if depth > 3 and kind in ("list", "dict"):
        kind = "int"
    if kind == "int":
        return rng.choice([str(rng.randint(-1000, 1000)), "0", "-1", "12345678901234567890",
                           "9" * rng.randint(100, 4300), "0x" + "f" * rng.randint(1, 40),
                           "1_000", "-0"])
    if kind == "float":
        return rng.choice(["1.5", "-0.0", "1e-10", "1e100", "3.0", "2.5e300", "1e999", "0.1"])
    if kind == "str":
        return repr(tricky_string(rng)) if rng.random() < 0.7 else repr(rng.choice(IDENTS))
    if kind == "bool":
        return rng.choice(["True", "False"])
    if kind == "none":
        return "None"
    if kind == "list":
        return "[" + ", ".join(_literal(rng, None, depth + 1)
                               for _ in range(rng.randint(0, 3))) + "]"
    return "{" + ", ".join(f"{_literal(rng, 'str', depth + 1)}: {_literal(rng, None, depth + 1)}"
                           for _ in range(rng.randint(0, 3))) + "}"


def generated_pipeline(rng: random.Random) -> str:
    v2 = rng.random() < 0.4
    lines = ["import sys", "from typing import Dict, List, NamedTuple, Optional", "import typing",
             "", "import kfp", "from kfp import dsl"]
    if not v2:
        lines += ["from kfp.components import create_component_from_func", "import functools"]
    comps = []
    # Module-level names a component may use: kfp reads a signature's names and runs a
    # container function in the module; the designer keeps a component alone (refused in a
    # signature, kept but not exported in a container function).
    if rng.random() < 0.3:
        lines += ["", f"IMAGE = {rng.choice(['alpine:3.19', tricky_string(rng)])!r}",
                  "MyInt = int", "Outs = NamedTuple('Outs', [('a', int)])"]
    module_names = any(line.startswith("IMAGE = ") for line in lines)
    if v2 and rng.random() < 0.4:
        comps.append(_container_component(rng, lines, module_names))
    for ci in range(rng.randint(1, 4)):
        name = f"comp_{ci}" if rng.random() < 0.8 else f"{rng.choice(IDENTS)}_{ci}"
        inputs, seen = [], set()
        for _ in range(rng.randint(0, 4)):
            n = rng.choice(IDENTS)
            if n in seen:
                continue
            seen.add(n)
            typ = rng.choice(TYPES)
            default = _literal(rng, typ) if rng.random() < 0.3 else None
            inputs.append((n, typ, default))
        inputs.sort(key=lambda i: i[2] is not None)          # defaults last
        roll = rng.random()
        if roll < 0.3:
            outputs, ret = [], ""
        elif roll < 0.7:
            typ = rng.choice([t for t in TYPES if t])
            outputs, ret = [("Output", typ)], f" -> {typ}"
        else:
            fields = list(dict.fromkeys(rng.choice(IDENTS) for _ in range(rng.randint(1, 3))))
            outputs = [(f, rng.choice([t for t in TYPES if t])) for f in fields]
            ret = " -> NamedTuple('Outputs', [" + ", ".join(
                f"({f!r}, {t})" for f, t in outputs) + "])"
        if module_names and rng.random() < 0.2:            # a signature using them
            if inputs and rng.random() < 0.5:
                inputs[0] = (inputs[0][0], "MyInt", inputs[0][2])
            else:
                ret = " -> Outs"
        params = ", ".join(f"{n}: {t}" if t else n for n, t, d in inputs if d is None)
        params_d = ", ".join((f"{n}: {t} = {d}" if t else f"{n}={d}")
                             for n, t, d in inputs if d is not None)
        sig = ", ".join(x for x in (params, params_d) if x)
        extras = []
        if rng.random() < 0.3:
            extras.append(f"base_image={rng.choice(['python:3.9', tricky_string(rng)])!r}")
        if rng.random() < 0.3:
            extras.append(f"packages_to_install=[{rng.choice(['numpy', tricky_string(rng)])!r}]")
        if v2:
            lines += ["", "", "@dsl.component" + (f"({', '.join(extras)})" if extras else "")]
        elif extras:
            lines += ["", "", f"@functools.partial(create_component_from_func, {', '.join(extras)})"]
        else:
            lines += ["", "", "@create_component_from_func"]
        lines.append(f"def {name}({sig}){ret}:")
        if rng.random() < 0.4:
            lines.append(f"    {tricky_string(rng)!r}")
        if rng.random() < 0.2:
            lines.append("    y = " + " + ".join(["1"] * rng.randint(10, 1500)))
        if outputs and len(outputs) > 1 or (outputs and ret.startswith(" -> NamedTuple")):
            lines.append("    return (" + ", ".join("0" for _ in outputs) + ",)")
        elif outputs:
            lines.append("    return 0")
        else:
            lines.append("    print('hi')")
        comps.append((name, inputs, outputs))
    pparams = []
    for _ in range(rng.randint(0, 3)):
        n = f"p_{rng.choice(IDENTS)}"
        if n not in [p[0] for p in pparams]:
            typ = rng.choice(TYPES)
            pparams.append((n, typ, _literal(rng, typ) if rng.random() < 0.5 else None))
    pparams.sort(key=lambda p: p[2] is not None)
    psig = ", ".join((f"{n}: {t}" if t else n) + (f" = {d}" if d is not None else "")
                     for n, t, d in pparams)
    deco = "@dsl.pipeline" if v2 and rng.random() < 0.3 else \
        f"@dsl.pipeline(name={rng.choice(['gen', tricky_string(rng)])!r})"
    lines += ["", "", deco, f"def generated({psig}):"]
    tasks = []
    for ti in range(rng.randint(1, 8)):
        name, inputs, outputs = rng.choice(comps)
        args = []
        for n, typ, default in inputs:
            if default is not None and rng.random() < 0.5:
                continue
            choices = ["const"] + (["param"] if pparams else []) + \
                (["output"] if any(t[2] for t in tasks) else [])
            how = rng.choice(choices)
            if how == "param":
                args.append(f"{n}={rng.choice(pparams)[0]}")
            elif how == "output":
                up = rng.choice([t for t in tasks if t[2]])
                out = rng.choice(up[2])[0]
                ref = f"{up[0]}.output" if len(up[2]) == 1 and out == "Output" else \
                    f"{up[0]}.outputs[{out!r}]"
                args.append(f"{n}={ref}")
            else:
                args.append(f"{n}={_literal(rng, typ)}")
        var = f"t{ti}"
        lines.append(f"    {var} = {name}({', '.join(args)})")
        if tasks and rng.random() < 0.2:
            lines.append(f"    {var}.after({rng.choice(tasks)[0]})")
        tasks.append((var, name, outputs))
    lines += ["", "", 'if __name__ == "__main__":',
              "    kfp.compiler.Compiler().compile(generated, sys.argv[1])", ""]
    return "\n".join(lines)


def _container_component(rng: random.Random, lines: list[str], module_names: bool
                         ) -> tuple[str, list, list]:
    """A kfp 2 ``@dsl.container_component``: one value input, maybe one output file, an
    image given in place or (``IMAGE``) by a module-level name."""
    name = rng.choice(["cc_0", "echo", "작업_cc"])
    out = rng.random() < 0.5
    image = "IMAGE" if module_names and rng.random() < 0.5 else \
        repr(rng.choice(["alpine:3.19", "", tricky_string(rng)]))
    params = "text: str" + (", out: dsl.OutputPath(str)" if out else "")
    command = ("['sh', '-c', 'echo \"$0\" > \"$1\"']" if out else "['echo']")
    args = "[text, out]" if out else rng.choice(["[text]", "[dsl.ConcatPlaceholder(['--x=', text])]"])
    lines += ["", "", "@dsl.container_component", f"def {name}({params}):",
              f"    return dsl.ContainerSpec(image={image}, command={command}, args={args})"]
    return name, [("text", "str", None)], [("out", "str")] if out else []


# --- mutations ---------------------------------------------------------------------------

_STRING = re.compile(r"""(?:'[^'\\\n]*(?:\\.[^'\\\n]*)*'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")""")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
_IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
_DEEP = [lambda n: " + ".join(f"x{i}" for i in range(n)), lambda n: "a" + ".b" * n,
         lambda n: "-" * n + "1", lambda n: "not " * n + "x", lambda n: "f" + "()" * n,
         lambda n: "[" * min(n, 190) + "]" * min(n, 190), lambda n: "lambda: " * n + "1",
         lambda n: " if c else ".join(["a"] * n)]


def _mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = rng.randrange(16)
    i = rng.randrange(len(lines))
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines[i] = rng.choice(("", " ", "    ", "\t", "        ")) + lines[i].lstrip()
    elif op == 4:
        return text[:rng.randrange(len(text) + 1)]
    elif op == 5:
        found = list(_STRING.finditer(text))
        if found:
            m = rng.choice(found)
            new = repr(tricky_string(rng)) if rng.random() < 0.8 else tricky_string(rng)
            return text[:m.start()] + new + text[m.end():]
    elif op == 6:
        found = list(_NUMBER.finditer(text))
        if found:
            m = rng.choice(found)
            new = _literal(rng, rng.choice(["int", "float", None]))
            return text[:m.start()] + new + text[m.end():]
    elif op == 7:
        found = list(_IDENT.finditer(text))
        if found:
            m = rng.choice(found)
            new = rng.choice(IDENTS + [m.group() + "_x", "None", "True", "def", "", "0"])
            return text[:m.start()] + new + text[m.end():]
    elif op == 8:
        at = rng.randrange(len(text) + 1)
        return text[:at] + tricky_string(rng) + text[at:]
    elif op == 9:
        indent = re.match(r"\s*", lines[i]).group()
        lines.insert(i, indent + "y = " + rng.choice(_DEEP)(rng.choice((50, 350, 1000, 2000))))
    elif op == 10:
        return text.replace("\n", rng.choice(("\r\n", "\r", "\n\n", "\x0c\n")))
    elif op == 11:
        return "\ufeff" + text
    elif op == 12:
        lines[i] = lines[i].replace("create_component_from_func", "dsl.component") \
            if rng.random() < 0.5 else lines[i].replace("dsl.component", "create_component_from_func")
    elif op == 13:
        m = re.search(r"^(\s+)(\w+) = \w+\(", text, re.MULTILINE)
        if m:
            lines.insert(i, f"{m.group(1)}{m.group(2)}.after({m.group(2)})")
    elif op == 14:
        found = list(_NUMBER.finditer(text))
        if found:
            m = rng.choice(found)
            return text[:m.start()] + rng.choice(("0x" + "f" * 5000, "9" * 5000, "1e99999",
                                                  "10**5")) + text[m.end():]
    else:
        lines.insert(i, lines[i])          # a duplicated task or definition
    return "\n".join(lines)


def generate(rng: random.Random) -> bytes:
    text = (rng.choice(_SEEDS).decode() if rng.random() < 0.5 else generated_pipeline(rng))
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        text = _mutate(rng, text)
    data = text.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.02:                                    # invalid UTF-8
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00")) + data[at:]
    return data


def check(data: bytes, workdir: Path) -> str:
    path = workdir / "pipeline.py"
    path.write_bytes(data)
    pipeline = checks.opened(path, load_pipeline_file)
    if pipeline is None:
        return "refused"
    return checks.consistent(persist.Project(pipeline, {}), from_python=True)
