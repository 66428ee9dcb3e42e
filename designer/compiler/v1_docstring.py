"""Docstrings as kfp 1.8.9 reads them: ``docstring_parser.parse`` (0.18, AUTO style).

kfp takes a component's description from the docstring's short description and each input's
description from the documented parameters.  ``docstring_parser`` parses the text with its
reST, Google, numpydoc and epydoc parsers and keeps the result with the most entries (the
first of those on a tie).  This is a port of the parts that decide those two things: the
short description, the number of entries each parser finds (or its failure), and the
parameter descriptions.  docstring_parser is MIT-licensed.
"""
from __future__ import annotations

import inspect
import itertools
import re
import textwrap
from dataclasses import dataclass, field


class _ParseError(Exception):
    pass


_PARAM_KEYWORDS = {"param", "parameter", "arg", "argument", "attribute", "key", "keyword"}
_RAISES_KEYWORDS = {"raises", "raise", "except", "exception"}
_RETURNS_KEYWORDS = {"return", "returns"}
_YIELDS_KEYWORDS = {"yield", "yields"}


@dataclass
class Parsed:
    short_description: str | None = None
    # Every entry a parser found, in order: (is_param, arg_name, description).
    meta: list[tuple[bool, str | None, str | None]] = field(default_factory=list)

    @property
    def params(self) -> dict[str, str | None]:
        """``{p.arg_name: p.description for p in parsed.params}`` as kfp builds it."""
        return {name: desc for is_param, name, desc in self.meta if is_param}


def _split_description(text: str, match: re.Match | None) -> tuple[Parsed, str]:
    desc_chunk = text[: match.start()] if match else text
    ret = Parsed(short_description=desc_chunk.split("\n", 1)[0] or None)
    return ret, (text[match.start():] if match else "")


def _continued(desc: str) -> str:
    if "\n" in desc:
        first_line, rest = desc.split("\n", 1)
        desc = first_line + "\n" + inspect.cleandoc(rest)
    return desc


# --- reST ---
def _parse_rest(text: str) -> Parsed:
    ret, meta_chunk = _split_description(text, re.search("^:", text, flags=re.M))
    has_returns = False
    has_rtypes = False
    for match in re.finditer(r"(^:.*?)(?=^:|\Z)", meta_chunk, flags=re.S | re.M):
        chunk = match.group(0)
        if not chunk:
            continue
        try:
            args_chunk, desc_chunk = chunk.lstrip(":").split(":", 1)
        except ValueError:
            raise _ParseError from None
        args = args_chunk.split()
        desc = _continued(desc_chunk.strip())
        if len(args) == 2 and args[0] == "type":
            continue
        if len(args) in (1, 2) and args[0] == "rtype":
            has_rtypes = True
            continue
        key = args[0]
        if key in _PARAM_KEYWORDS:
            if len(args) not in (2, 3):
                raise _ParseError
            ret.meta.append((True, args[-1], desc))
            continue
        if key in _RETURNS_KEYWORDS | _YIELDS_KEYWORDS or key in _RAISES_KEYWORDS:
            if len(args) not in (1, 2):
                raise _ParseError
            has_returns = has_returns or key in _RETURNS_KEYWORDS | _YIELDS_KEYWORDS
        ret.meta.append((False, None, desc))
    if not has_returns and has_rtypes:
        ret.meta.extend((False, None, None) for _ in range(_count_rtypes(meta_chunk)))
    return ret


def _count_rtypes(meta_chunk: str) -> int:
    """reST adds one Returns entry per distinct ``:rtype [name]:`` (a dict keyed by name)."""
    names = set()
    for match in re.finditer(r"(^:.*?)(?=^:|\Z)", meta_chunk, flags=re.S | re.M):
        args = match.group(0).lstrip(":").split(":", 1)[0].split()
        if len(args) in (1, 2) and args[0] == "rtype":
            names.add(None if len(args) == 1 else args[1])
    return len(names)


# --- Google ---
_GOOGLE_SECTIONS = {  # title -> (key, kind): 0 singular, 1 multiple, 2 singular-or-multiple
    "Arguments": ("param", 1), "Args": ("param", 1), "Parameters": ("param", 1),
    "Params": ("param", 1), "Raises": ("raises", 1), "Exceptions": ("raises", 1),
    "Except": ("raises", 1), "Attributes": ("attribute", 1), "Example": ("examples", 0),
    "Examples": ("examples", 0), "Returns": ("returns", 2), "Yields": ("yields", 2),
}
_GOOGLE_TITLES = re.compile(
    "^(" + "|".join(f"({t})" for t in _GOOGLE_SECTIONS) + "):[ \t\r\f\v]*$", flags=re.M)
_GOOGLE_TYPED_ARG = re.compile(r"\s*(.+?)\s*\(\s*(.*[^\s]+)\s*\)")
_GOOGLE_MULTIPLE = re.compile(r"(\s*[^:\s]+:)|([^:]*\]:.*)")


def _google_meta(text: str, title: str) -> tuple[bool, str | None, str | None]:
    key, kind = _GOOGLE_SECTIONS[title]
    if (kind == 2 and not _GOOGLE_MULTIPLE.match(text)) or kind == 0:
        if key in _PARAM_KEYWORDS:
            raise _ParseError
        return False, None, text
    if ":" not in text:
        raise _ParseError
    before, desc = text.split(":", 1)
    if before and "\n" in before:
        first_line, rest = before.split("\n", 1)
        before = first_line + inspect.cleandoc(rest)
    if desc:
        desc = desc[1:] if desc[0] == " " else desc
        desc = _continued(desc).strip("\n")
    if key in _PARAM_KEYWORDS:
        match = _GOOGLE_TYPED_ARG.match(before)
        return True, (match.group(1) if match else before), desc
    return False, None, desc


def _parse_google(text: str) -> Parsed:
    ret, meta_chunk = _split_description(text, _GOOGLE_TITLES.search(text))
    matches = list(_GOOGLE_TITLES.finditer(meta_chunk))
    if not matches:
        return ret
    chunks: dict[str, str] = {}
    for j, m in enumerate(matches):
        end = matches[j + 1].start() if j + 1 < len(matches) else len(meta_chunk)
        details = meta_chunk[m.end():end]
        unknown = re.search(r"\n\S", details)
        if unknown is not None:
            details = details[: unknown.start()]
        chunks[m.group(1)] = details.strip("\n")
    for title, chunk in chunks.items():
        indent = re.search(r"^\s*", chunk).group()
        if _GOOGLE_SECTIONS[title][1] in (0, 2):
            ret.meta.append(_google_meta(inspect.cleandoc(chunk), title))
            continue
        c_matches = list(re.finditer("^" + indent + r"(?=\S)", chunk, flags=re.M))
        if not c_matches:
            raise _ParseError
        for j, m in enumerate(c_matches):
            end = c_matches[j + 1].start() if j + 1 < len(c_matches) else len(chunk)
            ret.meta.append(_google_meta(chunk[m.end():end].strip("\n"), title))
    return ret


# --- numpydoc ---
_NUMPY_SECTIONS = [  # (title, is_param, kind): kind "kv", "plain", "examples", "sphinx"
    ("Parameters", True, "kv"), ("Params", True, "kv"), ("Arguments", True, "kv"),
    ("Args", True, "kv"), ("Other Parameters", True, "kv"), ("Other Params", True, "kv"),
    ("Other Arguments", True, "kv"), ("Other Args", True, "kv"), ("Receives", True, "kv"),
    ("Receive", True, "kv"), ("Raises", False, "kv"), ("Raise", False, "kv"),
    ("Warns", False, "kv"), ("Warn", False, "kv"), ("Attributes", True, "kv"),
    ("Attribute", True, "kv"), ("Returns", False, "kv"), ("Return", False, "kv"),
    ("Yields", False, "kv"), ("Yield", False, "kv"), ("Examples", False, "examples"),
    ("Example", False, "examples"), ("Warnings", False, "plain"), ("Warning", False, "plain"),
    ("See Also", False, "plain"), ("Related", False, "plain"), ("Notes", False, "plain"),
    ("Note", False, "plain"), ("References", False, "plain"), ("Reference", False, "plain"),
    ("deprecated", False, "sphinx"),
]
_NUMPY_BY_TITLE = {t: (p, k) for t, p, k in _NUMPY_SECTIONS}
_NUMPY_TITLES = re.compile("|".join(
    rf"^\.\.\s*({t})\s*::" if k == "sphinx" else rf"^({t})\s*?\n{'-' * len(t)}\s*$"
    for t, _p, k in _NUMPY_SECTIONS), flags=re.M)
_KV = re.compile(r"^[^\s].*$", flags=re.M)
_PARAM_KEY = re.compile(r"^(?P<name>.*?)(?:\s*:\s*(?P<type>.*?))?$")


def _clean_str(s: str) -> str | None:
    s = s.strip()
    return s or None


def _parse_numpydoc(text: str) -> Parsed:
    ret, meta_chunk = _split_description(text, _NUMPY_TITLES.search(text))
    headers = list(_NUMPY_TITLES.finditer(meta_chunk))
    for m, nxt in itertools.zip_longest(headers, headers[1:]):
        title = next(g for g in m.groups() if g is not None)
        is_param, kind = _NUMPY_BY_TITLE[title]
        body = meta_chunk[m.end(): nxt.start() if nxt is not None else None]
        if kind == "kv":
            keys = list(_KV.finditer(body))
            for k, knext in itertools.zip_longest(keys, keys[1:]):
                value = inspect.cleandoc(body[k.end(): knext.start() if knext else None])
                name = None
                if is_param:
                    pm = _PARAM_KEY.match(k.group())
                    name = pm.group("name") if pm is not None else None
                ret.meta.append((is_param, name, _clean_str(value)))
        elif kind == "examples":
            lines = textwrap.dedent(body).strip().splitlines()
            while lines:  # one entry per run of ">>>" lines plus the text after it
                while lines and lines[0].startswith(">>>"):
                    lines.pop(0)
                while lines and not lines[0].startswith(">>>"):
                    lines.pop(0)
                ret.meta.append((False, None, None))
        else:
            ret.meta.append((False, None, None))
    return ret


# --- epydoc ---
_EPY_PARAM = re.compile(r"(param|keyword|type)(\s+[_A-z][_A-z0-9]*\??):")
_EPY_ATTR = re.compile(r"(ivar|cvar|var)(\s+[_A-z][_A-z0-9]*\??):")
_EPY_RAISE = re.compile(r"(raise)(\s+[_A-z][_A-z0-9]*\??)?:")
_EPY_RETURN = re.compile(r"(return|rtype|yield|ytype):")
_EPY_META = re.compile(r"([_A-z][_A-z0-9]+)((\s+[_A-z][_A-z0-9]*\??)*):")
_EPY_RESERVED = {"param", "ivar", "cvar", "var", "keyword", "type", "return", "rtype", "yield",
                 "ytype"}


def _parse_epydoc(text: str) -> Parsed:
    ret, meta_chunk = _split_description(text, re.search("^@", text, flags=re.M))
    stream: list[tuple[str, str, list[str], str]] = []
    for match in re.finditer(r"(^@.*?)(?=^@|\Z)", meta_chunk, flags=re.S | re.M):
        chunk = match.group(0)
        if not chunk:
            continue
        found = [p.search(chunk) for p in (_EPY_PARAM, _EPY_ATTR, _EPY_RAISE, _EPY_RETURN,
                                           _EPY_META)]
        which = next((i for i, f in enumerate(found) if f), None)
        if which is None:
            raise _ParseError
        m = found[which]
        key = m.group(1)
        if which in (0, 1):
            base, args = ("param" if which == 0 else "attribute"), [m.group(2).strip()]
        elif which == 2:
            base, args = "raise", ([] if m.group(2) is None else [m.group(2).strip()])
        elif which == 3:
            base, args = "return", []
        else:
            base = "meta"
            token = _clean_str(m.group(2).strip())
            args = [] if token is None else re.split(r"\s+", token)
            if key in _EPY_RESERVED:
                raise _ParseError
        stream.append((base, key, args, _continued(chunk[m.end():].strip())))
    info: dict[str, dict] = {}
    for base, key, args, desc in stream:
        if base not in ("param", "attribute", "return"):
            continue
        (arg_name,) = args or ("return",)
        entry = info.setdefault(arg_name, {})
        entry["type_name" if "type" in key else "description"] = desc
        if base == "return":
            gen = key in {"ytype", "yield"}
            if entry.setdefault("is_generator", gen) != gen:
                raise _ParseError
    done: set[str] = set()
    for base, key, args, desc in stream:
        if base in ("param", "attribute") and args[0] not in done:
            done.add(args[0])
            ret.meta.append((True, args[0], info[args[0]].get("description")))
        elif base == "return" and "return" not in done:
            done.add("return")
            ret.meta.append((False, None, None))
        elif base in ("raise", "meta"):
            ret.meta.append((False, None, desc))
    return ret


def parse(text: str | None) -> Parsed:
    """``docstring_parser.parse(text)`` reduced to what kfp reads."""
    if not text:
        return Parsed()
    text = inspect.cleandoc(text)
    results = []
    for parser in (_parse_rest, _parse_google, _parse_numpydoc, _parse_epydoc):
        try:
            results.append(parser(text))
        except _ParseError:
            pass
    if not results:
        raise ValueError("the docstring cannot be parsed")
    return max(results, key=lambda r: len(r.meta))  # max keeps the first on ties
