"""What an opened YAML file has that kfp would not write: the imported pipeline compiled
again and compared with the file, field by field.

A file kfp wrote comes back identical (v1: byte for byte, apart from the compile time; v2:
the parsed documents). A hand-edited one (a field changed, another kfp version's labels)
differs: the first few differences are reported with the file line of each, so that a
person knows what saving or compiling will write differently.
"""
from __future__ import annotations

from typing import Any, Iterator

from .yaml_doc import line_of

MAX_REPORTED = 5


def _key(item: Any) -> Any:
    return item.get("name") if isinstance(item, dict) else None


def _differences(a: Any, b: Any, where: tuple, shown: tuple) -> Iterator[tuple[tuple, str]]:
    """(path in ``a``, what differs) for each place where ``a`` (the file) and ``b`` (what
    kfp writes) differ; lists of named items are matched by name."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                yield where + (k,), f"`{_dotted(shown + (k,))}` is not written by kfp"
            else:
                yield from _differences(a[k], b[k], where + (k,), shown + (k,))
        for k in b:
            if k not in a:
                yield where, f"`{_dotted(shown + (k,))}` is missing (kfp writes it)"
        return
    if isinstance(a, list) and isinstance(b, list):
        names_a, names_b = [_key(x) for x in a], [_key(x) for x in b]
        if all(n is not None for n in names_a + names_b) and len(set(names_a)) == len(a):
            by_name = dict(zip(names_b, b))
            for k, (n, x) in enumerate(zip(names_a, a)):
                if n not in by_name:
                    yield where + (k,), f"`{_dotted(shown + (n,))}` is not written by kfp"
                else:
                    yield from _differences(x, by_name[n], where + (k,), shown + (n,))
            for n in names_b:
                if n not in names_a:
                    yield where, f"`{_dotted(shown + (n,))}` is missing (kfp writes it)"
            if not any(n not in by_name for n in names_a) and names_a != names_b \
                    and set(names_a) == set(names_b):
                yield where, f"`{_dotted(shown)}` is in another order than kfp's"
            return
        for k, (x, y) in enumerate(zip(a, b)):
            yield from _differences(x, y, where + (k,), shown + (k,))
        if len(a) != len(b):      # at the first item kfp does not write, if any
            yield (where + (len(b),) if len(a) > len(b) else where,
                   f"`{_dotted(shown)}` has {len(a)} items, kfp writes {len(b)}")
        return
    if a != b:
        yield where, f"`{_dotted(shown)}` is {_brief(a)}, kfp writes {_brief(b)}"


def _dotted(path: tuple) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path)


def _brief(value: Any) -> str:
    from designer.ir.errors import quoted
    return quoted(value, 40)


def differences(text: str, ours: str, docs_a: list, docs_b: list,
                limit: int = MAX_REPORTED) -> list[str]:
    """The first ``limit`` differences as ``line N: what`` (the line in ``text``)."""
    if text == ours:
        return []
    found: list[str] = []
    if len(docs_a) != len(docs_b):
        found.append(f"line 1: the file has {len(docs_a)} documents, kfp writes {len(docs_b)}")
    for d, (a, b) in enumerate(zip(docs_a, docs_b)):
        for where, what in _differences(a, b, (), ()):
            line = line_of(text, where, d)
            found.append(f"line {line}: {what}" if line else what)
            if len(found) >= limit:
                return found
    if not found:      # same data, other text (quoting, order of keys, line breaks)
        for n, (x, y) in enumerate(zip(text.splitlines(), ours.splitlines()), 1):
            if x != y:
                return [f"line {n}: written otherwise than kfp writes it"]
        found.append("the file's text is not exactly what kfp writes")
    return found
