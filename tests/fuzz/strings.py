"""Tricky text: what breaks YAML, Python literals, terminals and file systems.

``tricky_strings(rng, n)`` mixes the pieces below (each kind of line break YAML or Python
knows, C0 and C1 controls, BOMs, lone surrogates, tabs and trailing spaces where block
scalars care, YAML indicators and keywords, long lines, combining marks, wide and RTL text)
and the placeholders kfp, Argo and Kubernetes read in container args, env values and labels,
into ``n`` strings; ``every_piece()`` is each piece alone and at the ends of a line.
"""
from __future__ import annotations

import random

BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d",
          "\x1e"]
CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\n\r"] + ["\x7f"] + \
    [chr(c) for c in range(0x80, 0xa0)]
SPECIAL = ["\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\udc80", "\ud83d", "\u00a0",
           "\u200b", "\u200e", "\u202e", "\u0301", "\U0001f600", "\U0010fffd", "\U000e0001",
           "한국어", "tâche", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\t", " ", "  ",
           "\\", "\\n", "\\u0085", "\\x00", "'", '"', "''", '"""', "'''", "`", "$", "${x}",
           "{{pipelineparam:op=;name=x}}", "{{inputs.parameters.x}}", "%s", "{}", "{0}",
           # placeholders kfp 2, Argo and Kubernetes give meaning to (container args, env
           # values, node selectors: format version 2 stores them as text)
           "{{$}}", "{{$.inputs.parameters['x']}}", "{{$.outputs.artifacts['o'].path}}",
           "{{workflow.uid}}", "{{pod.name}}", "$(VAR)", "$$", "nvidia.com/gpu", "500m",
           "kubernetes.io/os"]
YAML = ["- ", "? ", ": ", ":", "#", " #", "&a", "*a", "!", "!!str", "|", ">", "|-", ">+",
        "|2", "---", "...", "%YAML 1.1", "[", "]", "{", "}", ",", "@", "`", "yes", "No",
        "on", "OFF", "y", "n", "null", "~", "Null", "NULL", "true", "False", "1e3", "0x1F",
        "0o17", "0b101", "1_000", "1:20", "-.inf", ".NaN", "2020-01-01",
        "2001-12-14t21:59:43.10-05:00", "<<", "=", "+1", "-0", "0.", ".5", "1e", "12e03",
        "0755", "09", "1,000"]
WORDS = ["x", "a b", "name", "def", "import", "None", "print", "lambda", "-", "_", "é",
         "1", "0", "", "end"]


def every_piece() -> list[str]:
    """Each piece alone, leading, trailing and inside a line (a few thousand strings)."""
    out = [""]
    for piece in BREAKS + CONTROLS + SPECIAL + YAML:
        out += [piece, f"a{piece}", f"{piece}a", f"a{piece}b", f"a\n{piece}\nb",
                f"line 1\n{piece}", f"{piece}\nline 2", piece * 3]
    return list(dict.fromkeys(out))


def _piece(rng: random.Random) -> str:
    group = rng.choice((BREAKS, CONTROLS, SPECIAL, YAML, WORDS, WORDS, WORDS))
    piece = rng.choice(group)
    roll = rng.random()
    if roll < 0.05:
        return piece * rng.randint(2, 40)
    if roll < 0.07:
        return "x" * rng.randint(80, 300)      # past the emitter's line width
    return piece


def tricky_string(rng: random.Random, max_pieces: int = 8) -> str:
    text = "".join(_piece(rng) for _ in range(rng.randint(1, max_pieces)))
    roll = rng.random()
    if roll < 0.1:
        text = " " * rng.randint(1, 3) + text      # leading spaces: block indentation hints
    elif roll < 0.2:
        text += rng.choice((" ", "\t", "\n", "\n\n", " \n", "\t\n", "\r"))
    return text


def tricky_strings(rng: random.Random, n: int) -> list[str]:
    return [tricky_string(rng) for _ in range(n)]
