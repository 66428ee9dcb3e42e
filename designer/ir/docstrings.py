"""Docstrings read exactly as kfp reads them, through ``docstring_parser.parse``.

Both kfp versions the designer targets hand a function's docstring to docstring_parser in
AUTO mode: every style (ReST, Google, numpydoc, epydoc) parses the text, styles that fail
are dropped, and the one with the most "meta" entries wins (the first on a tie).  So the
descriptions depend on every style's counting rules.  kfp 1.8.9 and kfp 2.17.3 both pin
``docstring-parser>=0.7.3,<1`` and resolve it to 0.18.0, so one port serves both; they
differ only in what they take from the result:
- kfp 1.8.9: ``short_description`` (stripped) and the params;
- kfp 2: the params, the outputs (Returns read as Args: ``output_descriptions``) and short
  plus long description (``description``).
This module ports only what that choice and those fields need.  The logic and regular
expressions follow docstring_parser 0.18 (its MIT licence is at the end of this file).
It lives in the IR because the compilers (writing descriptions) and the importer (reading
a pipeline's description from its docstring) must agree to the byte.
"""
from __future__ import annotations

import inspect
import itertools
import re
from dataclasses import dataclass, field
from textwrap import dedent


class ParseError(RuntimeError):
    """The text is not valid for one style (that style is then skipped)."""


@dataclass
class Docstring:
    short_description: str | None = None
    long_description: str | None = None
    params: list[tuple[str, str | None]] = field(default_factory=list)
    meta_count: int = 0


PARAM_KEYWORDS = {"param", "parameter", "arg", "argument", "attribute", "key", "keyword"}
RAISES_KEYWORDS = {"raises", "raise", "except", "exception"}
RETURNS_KEYWORDS = {"return", "returns"}
YIELDS_KEYWORDS = {"yield", "yields"}


def _split_description(ret: Docstring, desc_chunk: str) -> None:
    parts = desc_chunk.split("\n", 1)
    ret.short_description = parts[0] or None
    if len(parts) > 1:
        ret.long_description = (parts[1] or "").strip() or None


def _join_rest(desc: str) -> str:
    if "\n" in desc:
        first_line, rest = desc.split("\n", 1)
        desc = first_line + "\n" + inspect.cleandoc(rest)
    return desc


# --- ReST ------------------------------------------------------------------------
def _rest(text: str) -> Docstring:
    ret = Docstring()
    text = inspect.cleandoc(text)
    match = re.search("^:", text, flags=re.M)
    desc_chunk, meta_chunk = (text[:match.start()], text[match.start():]) if match else (text, "")
    _split_description(ret, desc_chunk)
    has_returns = False
    rtypes = {}
    for m in re.finditer(r"(^:.*?)(?=^:|\Z)", meta_chunk, flags=re.S | re.M):
        chunk = m.group(0)
        if not chunk:
            continue
        try:
            args_chunk, desc = chunk.lstrip(":").split(":", 1)
        except ValueError:
            raise ParseError(chunk) from None
        args = args_chunk.split()
        desc = _join_rest(desc.strip())
        if len(args) == 2 and args[0] == "type":
            continue
        if len(args) in (1, 2) and args[0] == "rtype":
            rtypes[None if len(args) == 1 else args[1]] = desc
            continue
        key = args[0]  # IndexError on ":: x" -- docstring_parser (and kfp) crash too
        if key in PARAM_KEYWORDS:
            if len(args) not in (2, 3):
                raise ParseError(key)
            ret.params.append((args[-1], desc))
        elif key in RETURNS_KEYWORDS | YIELDS_KEYWORDS:
            if len(args) not in (1, 2):
                raise ParseError(key)
            has_returns = True
        elif key in RAISES_KEYWORDS and len(args) not in (1, 2):
            raise ParseError(key)
        ret.meta_count += 1
    if not has_returns:
        ret.meta_count += len(rtypes)
    return ret


# --- Google ----------------------------------------------------------------------
_SINGULAR, _MULTIPLE, _SINGULAR_OR_MULTIPLE = 0, 1, 2
_GOOGLE_SECTIONS = {
    "Arguments": ("param", _MULTIPLE), "Args": ("param", _MULTIPLE),
    "Parameters": ("param", _MULTIPLE), "Params": ("param", _MULTIPLE),
    "Raises": ("raises", _MULTIPLE), "Exceptions": ("raises", _MULTIPLE),
    "Except": ("raises", _MULTIPLE), "Attributes": ("attribute", _MULTIPLE),
    "Example": ("examples", _SINGULAR), "Examples": ("examples", _SINGULAR),
    "Returns": ("returns", _SINGULAR_OR_MULTIPLE), "Yields": ("yields", _SINGULAR_OR_MULTIPLE),
}
_GOOGLE_TITLES = re.compile(
    "^(" + "|".join(f"({t})" for t in _GOOGLE_SECTIONS) + "):[ \t\r\f\v]*$", flags=re.M)
_GOOGLE_TYPED_ARG = re.compile(r"\s*(.+?)\s*\(\s*(.*[^\s]+)\s*\)")
_MULTIPLE_PATTERN = re.compile(r"(\s*[^:\s]+:)|([^:]*\]:.*)")


def _google_meta(ret: Docstring, text: str, title: str) -> None:
    key, kind = _GOOGLE_SECTIONS[title]
    if (kind == _SINGULAR_OR_MULTIPLE and not _MULTIPLE_PATTERN.match(text)) or kind == _SINGULAR:
        ret.meta_count += 1
        return
    if ":" not in text:
        raise ParseError(f"Expected a colon in {text!r}.")
    before, desc = text.split(":", 1)
    if before and "\n" in before:
        first_line, rest = before.split("\n", 1)
        before = first_line + inspect.cleandoc(rest)
    if desc:
        desc = desc[1:] if desc[0] == " " else desc
        if "\n" in desc:
            first_line, rest = desc.split("\n", 1)
            desc = first_line + "\n" + inspect.cleandoc(rest)
        desc = desc.strip("\n")
    if key in PARAM_KEYWORDS:
        match = _GOOGLE_TYPED_ARG.match(before)
        ret.params.append((match.group(1) if match else before, desc))
    ret.meta_count += 1


def _google(text: str) -> Docstring:
    ret = Docstring()
    text = inspect.cleandoc(text)
    match = _GOOGLE_TITLES.search(text)
    desc_chunk, meta_chunk = (text[:match.start()], text[match.start():]) if match else (text, "")
    _split_description(ret, desc_chunk)
    matches = list(_GOOGLE_TITLES.finditer(meta_chunk))
    if not matches:
        return ret
    ends = [m.start() for m in matches[1:]] + [len(meta_chunk)]
    chunks: dict[str, str] = {}
    for m, end in zip(matches, ends):
        details = meta_chunk[m.end():end]
        unknown = re.search(r"\n\S", details)
        if unknown is not None:
            details = details[:unknown.start()]
        chunks[m.group(1)] = details.strip("\n")
    for title, chunk in chunks.items():
        indent = re.search(r"^\s*", chunk).group()
        if _GOOGLE_SECTIONS[title][1] in (_SINGULAR, _SINGULAR_OR_MULTIPLE):
            _google_meta(ret, inspect.cleandoc(chunk), title)
            continue
        starts = list(re.finditer("^" + indent + r"(?=\S)", chunk, flags=re.M))
        if not starts:
            raise ParseError(f'No specification for "{title}": "{chunk}"')
        stops = [s.start() for s in starts[1:]] + [len(chunk)]
        for s, stop in zip(starts, stops):
            _google_meta(ret, chunk[s.end():stop].strip("\n"), title)
    return ret


# --- numpydoc --------------------------------------------------------------------
_NP_KV = re.compile(r"^[^\s].*$", flags=re.M)
_NP_PARAM_KEY = re.compile(r"^(?P<name>.*?)(?:\s*:\s*(?P<type>.*?))?$")
# title -> kind: "param" (params), "kv" (one meta per item), "one", "examples"
_NP_SECTIONS = {
    "Parameters": "param", "Params": "param", "Arguments": "param", "Args": "param",
    "Other Parameters": "param", "Other Params": "param", "Other Arguments": "param",
    "Other Args": "param", "Receives": "param", "Receive": "param", "Raises": "kv",
    "Raise": "kv", "Warns": "kv", "Warn": "kv", "Attributes": "param", "Attribute": "param",
    "Returns": "kv",
    "Return": "kv", "Yields": "kv", "Yield": "kv", "Examples": "examples",
    "Example": "examples", "Warnings": "one", "Warning": "one", "See Also": "one",
    "Related": "one", "Notes": "one", "Note": "one", "References": "one", "Reference": "one",
    "deprecated": "one",
}
_NP_TITLES = re.compile("|".join(
    rf"^\.\.\s*({t})\s*::" if t == "deprecated" else rf"^({t})\s*?\n{'-' * len(t)}\s*$"
    for t in _NP_SECTIONS), flags=re.M)


def _clean_str(text: str) -> str | None:
    text = text.strip()
    return text or None


def _numpydoc(text: str) -> Docstring:
    ret = Docstring()
    text = inspect.cleandoc(text)
    match = _NP_TITLES.search(text)
    desc_chunk, meta_chunk = (text[:match.start()], text[match.start():]) if match else (text, "")
    _split_description(ret, desc_chunk)
    titles = list(_NP_TITLES.finditer(meta_chunk))
    for m, nxt in itertools.zip_longest(titles, titles[1:]):
        title = next(g for g in m.groups() if g is not None)
        body = meta_chunk[m.end():nxt.start() if nxt is not None else None]
        kind = _NP_SECTIONS[title]
        if kind == "one":
            ret.meta_count += 1
        elif kind == "examples":
            lines = dedent(body).strip().splitlines()
            while lines:
                while lines and lines[0].startswith(">>>"):
                    lines.pop(0)
                while lines and not lines[0].startswith(">>>"):
                    lines.pop(0)
                ret.meta_count += 1
        else:
            items = list(_NP_KV.finditer(body))
            for item, nxt_item in itertools.zip_longest(items, items[1:]):
                value = inspect.cleandoc(body[item.end():nxt_item.start() if nxt_item else None])
                if kind == "param":
                    name = _NP_PARAM_KEY.match(item.group()).group("name")
                    ret.params.append((name, _clean_str(value)))
                ret.meta_count += 1
    return ret


# --- epydoc ----------------------------------------------------------------------
_EP_PARAM = re.compile(r"(param|keyword|type)(\s+[_A-z][_A-z0-9]*\??):")
_EP_ATTRIBUTE = re.compile(r"(ivar|cvar|var)(\s+[_A-z][_A-z0-9]*\??):")
_EP_RAISE = re.compile(r"(raise)(\s+[_A-z][_A-z0-9]*\??)?:")
_EP_RETURN = re.compile(r"(return|rtype|yield|ytype):")
_EP_META = re.compile(r"([_A-z][_A-z0-9]+)((\s+[_A-z][_A-z0-9]*\??)*):")
_EP_RESERVED = {"param", "ivar", "cvar", "var", "keyword", "type", "return", "rtype", "yield",
                "ytype"}


def _epydoc(text: str) -> Docstring:
    ret = Docstring()
    text = inspect.cleandoc(text)
    match = re.search("^@", text, flags=re.M)
    desc_chunk, meta_chunk = (text[:match.start()], text[match.start():]) if match else (text, "")
    _split_description(ret, desc_chunk)
    stream = []
    for m in re.finditer(r"(^@.*?)(?=^@|\Z)", meta_chunk, flags=re.S | re.M):
        chunk = m.group(0)
        if not chunk:
            continue
        found = [p.search(chunk) for p in (_EP_PARAM, _EP_ATTRIBUTE, _EP_RAISE, _EP_RETURN,
                                           _EP_META)]
        base = next((b for b, f in zip(("param", "attribute", "raise", "return", "meta"), found)
                     if f), None)
        if base is None:
            raise ParseError(chunk)
        hit = next(f for f in found if f)
        key = hit.group(1)
        if base in ("param", "attribute"):
            args = [hit.group(2).strip()]
        elif base == "raise":
            args = [] if hit.group(2) is None else [hit.group(2).strip()]
        elif base == "return":
            args = []
        else:
            token = _clean_str(hit.group(2).strip())
            args = [] if token is None else re.split(r"\s+", token)
            if key in _EP_RESERVED:
                raise ParseError(chunk)
        stream.append((base, key, args, _join_rest(chunk[hit.end():].strip())))
    info: dict[str, dict] = {}
    for base, key, args, desc in stream:
        if base not in ("param", "attribute", "return"):
            continue
        (arg_name,) = args or ("return",)
        entry = info.setdefault(arg_name, {})
        entry["type_name" if "type" in key else "description"] = desc
        if base == "return":
            is_generator = key in {"ytype", "yield"}
            if entry.setdefault("is_generator", is_generator) != is_generator:
                raise ParseError(arg_name)
    done: set[str] = set()
    for base, key, args, desc in stream:
        if base in ("param", "attribute") and args[0] not in done:
            ret.params.append((args[0], info[args[0]].get("description")))
            done.add(args[0])
        elif base == "return" and "return" not in done:
            done.add("return")
        elif base not in ("raise", "meta"):
            continue
        ret.meta_count += 1
    return ret


_STYLES = (_rest, _google, _numpydoc, _epydoc)


def parse(text: str | None) -> Docstring:
    """``docstring_parser.parse(text)`` in AUTO mode, reduced to what kfp reads."""
    if not text:
        return Docstring()
    results = []
    error: Exception | None = None
    for style in _STYLES:
        try:
            results.append(style(text))
        except ParseError as e:
            error = e
    if not results:
        raise error  # type: ignore[misc]
    return max(results, key=lambda d: d.meta_count)  # max keeps the first on ties


def description(doc: Docstring) -> str | None:
    """kfp 2's get_pipeline_description from a parsed docstring (short + long)."""
    short, long = doc.short_description, doc.long_description
    text = short + "\n" + long if (short and long) else short
    return text.strip() if text else None


_RETURN_KEYWORDS = ("Returns:\n", "Returns\n", "Return:\n", "Return\n")


def param_descriptions(docstring: str | None) -> dict[str, str | None]:
    """Input descriptions by name (the last entry wins, as in kfp's dict; both versions)."""
    return dict(parse(docstring).params) if docstring else {}


def output_descriptions(docstring: str | None) -> dict[str, str | None]:
    """kfp 2's output descriptions: it rewrites the Returns section as Args and parses again."""
    if docstring is None:
        return {}
    for keyword in _RETURN_KEYWORDS:
        if keyword in docstring:
            return dict(parse(docstring.replace(keyword.strip(), "Args:")).params)
    return {}


# Ported from docstring_parser (https://github.com/rr-/docstring_parser):
#
# The MIT License (MIT)
#
# Copyright (c) 2018 Marcin Kurczewski
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
