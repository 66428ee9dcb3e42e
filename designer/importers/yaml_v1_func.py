"""A kfp 1.8.9 function component recovered from its compiled template.

``create_component_from_func`` embeds the function with its type hints stripped, inside a
program (helpers, the function, serialisers, an argparse wrapper). The hints are in the
``component_spec`` annotation (the kfp type of every port) and in the wrapper (the passing
style of file ports: ``InputPath``, ``OutputTextFile``...). This module cuts the function out
of the program and writes the hints back into its ``def`` line, so that the recovered
source compiles to the same program again (``v1_program.component_from_source``); the
caller checks that it does.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Any

from designer.compiler import v1_program, v1_types
from designer.compiler.v1_strip_hints import strip_type_hints
from designer.ir.signature import SINGLE_OUTPUT

_LAUNCHER_TAIL = ["sh", "-ec", v1_program._PROGRAM_LAUNCHER]
_CALL = re.compile(r"^_outputs = (\w+)\(\*\*_parsed_args\)$", re.M)
_ARG = re.compile(r'^_parser\.add_argument\("([^"]+)", dest="(\w+)", type=(.+), '
                  r'required=(True|False), default=argparse\.SUPPRESS\)$', re.M)
_ARGPARSE_START = "import argparse\n_parser = argparse.ArgumentParser("
_HELPERS = (v1_program._MAKE_PARENT_DIRS, v1_program._OPEN_FILE_MAKER)
# Definitions kfp writes between the function and the wrapper (serialisers, deserialisers).
_DEFINITIONS = tuple({d for conv in v1_types._CONVERTERS.values() for d in (conv[1], conv[3])
                      if isinstance(d, str)})
# argparse type expression -> the passing style of a file port
_STYLE_OF_CODE = {"str": "InputPath", "argparse.FileType('rt')": "InputTextFile",
                  "argparse.FileType('rb')": "InputBinaryFile",
                  "_make_parent_dirs_and_return_path": "OutputPath",
                  "_parent_dirs_maker_that_returns_open_file('wt')": "OutputTextFile",
                  "_parent_dirs_maker_that_returns_open_file('wb')": "OutputBinaryFile"}
_ANNOTATION_OF_TYPE = {"String": "str", "Integer": "int", "Float": "float", "Boolean": "bool",
                       "JsonArray": "list", "JsonObject": "dict"}
_PIP = re.compile(r"^\((?P<pip>.*) \|\| (?P=pip) --user\) && \"\$0\" \"\$@\"$", re.S)


class NotAFunction(ValueError):
    """The template is not a function component (its container is something else)."""


@dataclass
class Recovered:
    source: str                   # the def with its hints written back
    base_image: str | None
    packages: list[str]


def is_function_command(command: Any) -> bool:
    return (isinstance(command, list) and len(command) >= 4
            and command[-4:-1] == _LAUNCHER_TAIL and isinstance(command[-1], str)
            and _CALL.search(command[-1]) is not None)


def type_annotation(type_: Any) -> str | None:
    """An annotation kfp 1.8.9 reads as the kfp type ``type_`` (None: no annotation)."""
    if type_ is None:
        return None
    if not isinstance(type_, str):
        raise NotAFunction(f"a structured type {type_!r} is not a Python annotation")
    if type_ in _ANNOTATION_OF_TYPE:
        return _ANNOTATION_OF_TYPE[type_]
    for candidate in (type_, repr(type_)):
        try:
            ast.parse(candidate, mode="eval")
        except SyntaxError:
            continue
        if v1_types.kfp_type_name(candidate) == type_:
            return candidate
    raise NotAFunction(f"no annotation gives the kfp type {type_!r}")


def _packages(command: list) -> list[str]:
    if len(command) == 4:
        return []
    if len(command) != 7 or command[:2] != ["sh", "-c"]:
        raise NotAFunction("the command is not kfp's pip install prefix")
    m = _PIP.match(command[2])
    prefix = v1_program._PIP_INSTALL + " "
    if not m or not m.group("pip").startswith(prefix):
        raise NotAFunction("the command is not kfp's pip install prefix")
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(m.group("pip")[len(prefix):]).readline):
        if tok.type == tokenize.STRING:
            out.append(ast.literal_eval(tok.string))
        elif tok.type not in (tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.NL):
            raise NotAFunction("a package is not a quoted string")
    return out


def _function_code(program: str) -> str:
    """The (hint-stripped) function between kfp's helpers and its wrapper."""
    end = program.rfind("\n" + _ARGPARSE_START)
    if end < 0:
        raise NotAFunction("the program has no argparse wrapper")
    code = program[:end]
    changed = True
    while changed:       # the serialisers kfp writes after the function
        changed = False
        code = code.rstrip("\n")
        for d in _DEFINITIONS:
            if code.endswith("\n" + d.rstrip("\n")):
                code, changed = code[:-len(d.rstrip("\n"))], True
    for helper in _HELPERS:
        if code.startswith(helper.rstrip("\n")):
            code = code[len(helper.rstrip("\n")):]
    return code.strip("\n") + "\n"


def _insertions(code: str, hints: dict[str, str], returns: str | None) -> str:
    """``code`` with ``: hint`` after the named parameters of its first ``def`` and
    ``-> returns`` after its parameter list."""
    lines = code.splitlines(keepends=True)
    func = next((n for n in ast.parse(code).body if isinstance(n, ast.FunctionDef)), None)
    if func is None:
        raise NotAFunction("the program has no function")
    inserts: list[tuple[int, int, str]] = []    # (line index, char column, text)

    def col(lineno: int, byte_col: int) -> int:
        return len(lines[lineno - 1].encode("utf-8")[:byte_col].decode("utf-8"))

    a = func.args
    for arg in a.posonlyargs + a.args + a.kwonlyargs:
        if arg.arg in hints:
            inserts.append((arg.lineno - 1, col(arg.lineno, arg.end_col_offset),
                            f": {hints[arg.arg]}"))
    if returns is not None:
        # the `)` closing the parameter list: the last `)` before the body's `:`
        start = sum(len(x) for x in lines[:func.lineno - 1])
        depth, pos = 0, None
        for tok in tokenize.generate_tokens(io.StringIO(code[start:]).readline):
            if tok.type == tokenize.OP and tok.string in "([{":
                depth += 1
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth -= 1
                if depth == 0:
                    pos = (tok.end[0] + func.lineno - 2, tok.end[1])
                    break
        if pos is None:
            raise NotAFunction("the function's parameter list does not close")
        inserts.append((pos[0], pos[1], f" -> {returns}"))
    for line, column, text in sorted(inserts, reverse=True):
        lines[line] = lines[line][:column] + text + lines[line][column:]
    return "".join(lines)


def recover(spec: dict) -> Recovered:
    """The function component of a ``component_spec``; NotAFunction when it is not one."""
    container = (spec.get("implementation") or {}).get("container") or {}
    command, args = container.get("command"), container.get("args") or []
    if not is_function_command(command):
        raise NotAFunction("not a function component's command")
    program = command[-1]
    fn = _CALL.search(program).group(1)
    code = _function_code(program)
    flags = {m.group(1): (m.group(2), m.group(3)) for m in _ARG.finditer(program)}
    types_in = {i["name"]: i.get("type") for i in spec.get("inputs") or []}
    types_out = {o["name"]: o.get("type") for o in spec.get("outputs") or []}
    hints: dict[str, str] = {}

    def placeholder_pairs(items):
        for k, item in enumerate(items):
            if isinstance(item, dict) and "if" in item:
                yield from placeholder_pairs(item["if"].get("then") or [])
            elif isinstance(item, dict) and k > 0 and isinstance(items[k - 1], str):
                yield items[k - 1], item
    returned: list[str] = []
    in_returned = False
    for k, item in enumerate(args):
        if item == "----output-paths":
            in_returned = True
        elif in_returned and isinstance(item, dict) and "outputPath" in item:
            returned.append(item["outputPath"])
    for flag, ph in placeholder_pairs(args):
        if flag == "----output-paths" or flag not in flags:
            continue
        dest, code_expr = flags[flag]
        kind, port = next(iter(ph.items()))
        if kind == "inputValue":
            hint = type_annotation(types_in.get(port))
        else:
            style = _STYLE_OF_CODE.get(code_expr)
            if style is None or (kind == "inputPath") != style.startswith("Input"):
                raise NotAFunction(f"file port `{port}` is passed in a way kfp 1 does not write")
            t = types_in.get(port) if kind == "inputPath" else types_out.get(port)
            if t is not None and not isinstance(t, str):
                raise NotAFunction(f"a structured type {t!r} is not a Python annotation")
            hint = f"{style}({t!r})" if t is not None else f"{style}()"
        if hint is not None:
            hints[dest] = hint
    returns = None
    if returned:
        if "_outputs = [_outputs]" in program and returned == [SINGLE_OUTPUT]:
            returns = type_annotation(types_out.get(SINGLE_OUTPUT))
            if returns is None:
                raise NotAFunction("the returned output has no type")
        else:
            fields = ", ".join(f"({n!r}, {type_annotation(types_out.get(n)) or 'typing.Any'})"
                               for n in returned)
            returns = f"NamedTuple('Outputs', [{fields}])"
    try:
        source = _insertions(code, hints, returns)
    except SyntaxError as e:
        raise NotAFunction(f"the embedded function does not parse: {e.msg}") from None
    if strip_type_hints(source) != code:
        raise NotAFunction("the hints cannot be written back where kfp stripped them")
    image = container.get("image")
    return Recovered(source, None if image == v1_program.DEFAULT_BASE_IMAGE else image,
                     _packages(command))
