"""Python's string formatting over values known only at run time, as kfp sees it.

kfp turns a pipeline parameter or task output into a placeholder string with ``str()``,
so ``'echo %s' % p``, ``'echo {}'.format(p)`` and ``f'echo {p}'`` give strings with the
value inside, which we keep as ``SymStr`` parts. Constants are formatted by Python itself.
Anything that would not give kfp's placeholder text (``%d`` of a parameter, a format spec,
``!r``) is refused: kfp itself fails there, or writes something that is not the value.
"""
from __future__ import annotations

import re
import string
from typing import Any, Callable

from ._values import STRINGABLE, SymStr

Fail = Callable[[str], Exception]

_PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?"
                      r"(?:\.(?P<prec>\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")


def stringable(value: Any) -> bool:
    return isinstance(value, STRINGABLE + (SymStr,))


def as_text(value: Any, fail: Fail) -> Any:
    """``str(value)`` where value may be a run-time value: a str or a SymStr."""
    if isinstance(value, SymStr):
        return value
    if isinstance(value, STRINGABLE):
        return SymStr((value,))
    if isinstance(value, (str, int, float, bool, type(None))):
        return str(value)
    if isinstance(value, (list, tuple, dict)) and not _has_runtime(value):
        return str(value)
    from ._values import PathValue
    if isinstance(value, PathValue):
        return value.path
    raise fail(f"`str()` of {type(value).__name__} values is not supported here")


def _has_runtime(value: Any) -> bool:
    if stringable(value):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_runtime(v) for v in value)
    if isinstance(value, dict):
        return any(_has_runtime(k) or _has_runtime(v) for k, v in value.items())
    return False


def percent(fmt: str, right: Any, fail: Fail) -> Any:
    """``fmt % right``."""
    if not _has_runtime(right):
        return fmt % right
    mapping = right if isinstance(right, dict) else None
    values = list(right) if isinstance(right, tuple) else [right]
    out: list[Any] = []
    pos = 0
    index = 0
    for m in _PERCENT.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        if m.group("conv") == "%":
            out.append("%")
            continue
        if m.group("width") == "*" or m.group("prec") == "*":
            raise fail("`*` widths in `%` formatting of run-time values are not supported")
        if mapping is not None:
            key = m.group("key")
            if key is None or key not in mapping:
                raise fail(f"`%` formatting: no value for `{m.group(0)}`")
            value = mapping[key]
        else:
            if index >= len(values):
                raise fail("`%` formatting: not enough values for the format string")
            value = values[index]
            index += 1
        if stringable(value):
            if m.group("conv") != "s" or m.group("flags") or m.group("width") or m.group("prec"):
                raise fail(f"`{m.group(0)}` of a run-time value: kfp only puts it into a string "
                           "with `%s`")
            out.append(value)
        else:
            spec = m.group(0) if m.group("key") is None else m.group(0).replace(
                f"({m.group('key')})", "", 1)
            out.append(spec % (value,))
    out.append(fmt[pos:])
    if mapping is None and index != len(values):
        raise fail("`%` formatting: not all arguments converted")
    return SymStr.join(out)


def str_format(fmt: str, args: list[Any], kwargs: dict[str, Any], fail: Fail) -> Any:
    """``fmt.format(*args, **kwargs)``."""
    if not _has_runtime(args) and not _has_runtime(list(kwargs.values())):
        return fmt.format(*args, **kwargs)
    out: list[Any] = []
    auto = 0
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError as e:
        raise fail(f"`.format`: {e}") from None
    for literal, field, spec, conversion in parsed:
        out.append(literal)
        if field is None:
            continue
        head = re.match(r"[^.\[]*", field).group(0)
        rest = field[len(head):]
        if head == "":
            key: Any = auto
            auto += 1
        elif head.isdigit():
            key = int(head)
        else:
            key = head
        try:
            value = args[key] if isinstance(key, int) else kwargs[key]
        except (IndexError, KeyError):
            raise fail(f"`.format`: no value for `{{{field}}}`") from None
        if stringable(value):
            if rest or spec or conversion not in (None, "s"):
                raise fail(f"`{{{field}{'!' + conversion if conversion else ''}"
                           f"{':' + spec if spec else ''}}}` of a run-time value: kfp only puts "
                           "the value itself into a string")
            out.append(value)
            continue
        if "{" in (spec or ""):
            raise fail("nested format specs are not supported with run-time values")
        piece = "{0" + rest + ("!" + conversion if conversion else "") + (
            ":" + spec if spec else "") + "}"
        out.append(piece.format(value))
    return SymStr.join(out)


def formatted_value(value: Any, conversion: int, spec: str | None, fail: Fail) -> Any:
    """One ``{...}`` of an f-string."""
    if stringable(value):
        if conversion not in (-1, ord("s")) or spec:
            raise fail("a format spec or `!r` on a run-time value in an f-string: kfp only "
                       "puts the value itself into a string")
        return as_text(value, fail)
    if _has_runtime(value):
        raise fail("an f-string of a list or dict holding run-time values is not supported")
    if conversion == ord("r"):
        value = repr(value)
    elif conversion == ord("a"):
        value = ascii(value)
    elif conversion == ord("s"):
        value = str(value)
    return format(value, spec or "")
