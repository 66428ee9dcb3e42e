"""A task's output stream cut into lines for events, in linear time and bounded memory.

The log files keep every byte as written; events carry lines of at most LINE_LIMIT
bytes, so a task writing 100 MB without a newline costs a few thousand events instead
of buffering (and re-copying) everything it wrote.
"""
from __future__ import annotations

LINE_LIMIT = 8192   # bytes per event line; longer lines arrive in pieces of this size


def _char_start(data: bytes | bytearray, at: int) -> int:
    """``at`` moved back (at most 3 bytes) to the start of a UTF-8 character, so a cut never
    splits one; unchanged when the bytes are not UTF-8 there."""
    for back in range(min(3, at)):
        if data[at - back] & 0xC0 != 0x80:
            return at - back
    return at


class LineSplitter:
    """Feed chunks, get whole lines (without their newline) and pieces of overlong ones."""

    def __init__(self, limit: int = LINE_LIMIT):
        self.limit = limit
        self._buf = bytearray()

    def feed(self, chunk: bytes) -> list[str]:
        self._buf += chunk
        buf, out, start = self._buf, [], 0
        while True:
            nl = buf.find(b"\n", start)
            end = len(buf) if nl < 0 else nl
            while end - start > self.limit:   # an overlong line: send it in pieces
                cut = _char_start(buf, start + self.limit)
                cut = cut if cut > start else start + self.limit
                out.append(_text(buf[start:cut]))
                start = cut
            if nl < 0:
                break
            out.append(_text(buf[start:nl]).rstrip("\r"))
            start = nl + 1
        del buf[:start]
        return out

    def close(self) -> list[str]:
        """The last line when the stream did not end with a newline."""
        rest, self._buf = self._buf, bytearray()
        return [_text(rest)] if rest else []


def _text(data: bytes | bytearray) -> str:
    return bytes(data).decode("utf-8", "replace")
