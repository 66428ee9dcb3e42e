"""Line edits between two texts, found in the preview worker: which lines to lex again
(``relex``), and where the lines on screen went (``text_view``).

An edit ``(i1, i2, j1, j2)`` says old lines ``i1:i2`` become new lines ``j1:j2``;
a list of them is in order and leaves the lines between them as they are.
"""
from __future__ import annotations

import bisect

Edit = tuple[int, int, int, int]
SMALL = 4096   # gaps with at most this many line pairs go to difflib (it is exact there)


def line_edits(old: str, new: str) -> list[Edit]:
    """Line ranges that differ, as (old i1, old i2, new j1, new j2), in order.

    A patience diff: lines found exactly once on each side anchor the match; the
    longest run of anchors in the same order is kept, and the gaps between anchors
    are diffed the same way (by difflib once small). difflib alone takes seconds to
    minutes on a 150k-line YAML where a component change touches 1000 templates;
    this takes tens of ms. The edits need not be minimal, only correct and local.

    Only the lines between the texts' common head and tail are split out and compared
    (``_middle``): for an edit of a few lines that is a few lines, not twice 182k. An
    empty text is one line: the other text replaces it whole (nothing is split)."""
    if old == new:
        return []
    if not old or not new:
        return [(0, old.count("\n") + 1, 0, new.count("\n") + 1)]
    k, a, b = _middle(old, new)
    out = _diff(a, b)
    return [(i1 + k, i2 + k, j1 + k, j2 + k) for i1, i2, j1, j2 in out] if k else out


CHUNK = 1 << 16   # characters compared at a time when looking for the common head and tail


def _middle(old: str, new: str) -> tuple[int, list[str], list[str]]:
    """(k, a, b): the texts' first k lines are equal, then come lines ``a`` of ``old`` and
    ``b`` of ``new``, and the lines after those are equal too. Found by comparing the
    strings a chunk at a time (no line is split out of the equal parts)."""
    p = _common_head(old, new)
    start = old.rfind("\n", 0, p) + 1         # the start of the line the first change is in
    k = old.count("\n", 0, start)
    s = _common_tail(old, new, min(len(old), len(new)) - start)
    qa, qb = len(old) - s, len(new) - s
    newline = old.find("\n", qa)              # in the common tail: the lines after it are equal
    end_a, end_b = (len(old), len(new)) if newline < 0 else (newline, qb + newline - qa)
    return k, old[start:end_a].split("\n"), new[start:end_b].split("\n")


def _common_head(a: str, b: str) -> int:
    """The length of the longest common prefix of a and b."""
    n, i = min(len(a), len(b)), 0
    while i < n:
        j = min(i + CHUNK, n)
        if a[i:j] != b[i:j]:
            lo, hi = i, j            # a[:lo] == b[:lo]; they differ before hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if a[lo:mid] == b[lo:mid]:
                    lo = mid
                else:
                    hi = mid
            return lo
        i = j
    return n


def _common_tail(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of a and b, at most ``limit``."""
    la, lb, i = len(a), len(b), 0
    while i < limit:
        j = min(i + CHUNK, limit)
        if a[la - j:la - i] != b[lb - j:lb - i]:
            lo, hi = i, j            # the last lo characters are equal; they differ by hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
                    lo = mid
                else:
                    hi = mid
            return lo
        i = j
    return max(0, limit)


def _diff(a: list[str], b: list[str]) -> list[Edit]:
    """``line_edits`` of two lists of lines."""
    out: list[Edit] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:      # depth-first, the leftmost gap first: the edits come out in order
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        if alo == ahi and blo == bhi:
            continue
        if alo == ahi or blo == bhi or (ahi - alo) * (bhi - blo) <= SMALL:
            _small(a, alo, ahi, b, blo, bhi, out)
            continue
        anchors = _anchors(a, alo, ahi, b, blo, bhi)
        if not anchors:
            _add(out, (alo, ahi, blo, bhi))
            continue
        gaps = []
        i, j = alo, blo
        for ai, bj in anchors:
            gaps.append((i, ai, j, bj))
            i, j = ai + 1, bj + 1
        gaps.append((i, ahi, j, bhi))
        stack.extend(reversed(gaps))
    return out


def _add(out: list[Edit], edit: Edit) -> None:
    if out and out[-1][1] == edit[0] and out[-1][3] == edit[2]:   # touching: one edit
        out[-1] = (out[-1][0], edit[1], out[-1][2], edit[3])
    else:
        out.append(edit)


def _small(a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int,
           out: list[Edit]) -> None:
    if alo == ahi or blo == bhi:
        _add(out, (alo, ahi, blo, bhi))
        return
    import difflib
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            _add(out, (alo + i1, alo + i2, blo + j1, blo + j2))


def _anchors(a: list[str], alo: int, ahi: int, b: list[str], blo: int,
             bhi: int) -> list[tuple[int, int]]:
    """(i, j) of lines unique on both sides, the longest chain increasing in both."""
    once_a: dict[str, int] = {}
    for i in range(alo, ahi):
        once_a[a[i]] = -1 if a[i] in once_a else i
    once_b: dict[str, int] = {}
    for j in range(blo, bhi):
        once_b[b[j]] = -1 if b[j] in once_b else j
    pairs = sorted((i, once_b[line]) for line, i in once_a.items()
                   if i >= 0 and once_b.get(line, -1) >= 0)
    # Longest increasing subsequence of j (patience sorting).
    tails: list[int] = []          # j of the last pair of the best chain of each length
    ends: list[int] = []           # index in pairs of that pair
    back = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        n = bisect.bisect_left(tails, j)
        back[k] = ends[n - 1] if n else -1
        if n == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[n], ends[n] = j, k
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]
