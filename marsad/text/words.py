"""The words of a normalized view, found once per document: the words before or after a position,
not crossing punctuation, are then read from an index instead of a regex scan per question."""

from __future__ import annotations

import re
from bisect import bisect_left

WORD = re.compile(r"\w+")
# Characters that end a context window (a sentence or clause boundary).
BARRIER_CLASS = r"[.!?\n,;:()\[\]\"]"
BARRIER = re.compile(BARRIER_CLASS)
CONTEXT_WINDOW = 60  # how far (in view characters) the words around a position are looked for


class WordIndex:
    """Word spans (``\\w+``) and punctuation barriers of one text, in text order."""

    __slots__ = ("_barriers", "_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(WORD.finditer(text))
        self._starts: list[int] = list(map(re.Match.start, found))
        self._ends: list[int] = list(map(re.Match.end, found))
        self._barriers: list[int] = [m.start() for m in BARRIER.finditer(text)]

    def before(self, pos: int, n: int = 3, window: int = CONTEXT_WINDOW) -> list[str]:
        """Up to ``n`` words before ``pos`` (nearest last), within ``window`` characters and after the
        last barrier. A word cut by ``pos`` or by the window's edge counts with its part inside."""
        lo = max(0, pos - window)
        barriers = self._barriers
        b = bisect_left(barriers, pos) - 1
        if b >= 0 and barriers[b] >= lo:
            lo = barriers[b] + 1
        starts, ends, text = self._starts, self._ends, self.text
        i = bisect_left(ends, pos)  # the first word ending at or after pos
        if i < len(starts) and starts[i] < pos:
            i += 1
        out: list[str] = []
        i -= 1
        while i >= 0 and len(out) < n and ends[i] > lo:
            out.append(text[max(starts[i], lo) : min(ends[i], pos)])
            i -= 1
        out.reverse()
        return out

    def after(self, pos: int, n: int = 3, window: int = CONTEXT_WINDOW) -> list[str]:
        """Up to ``n`` words after ``pos`` (nearest first), within ``window`` characters and before the
        next barrier. A word cut by ``pos`` or by the window's edge counts with its part inside."""
        hi = min(len(self.text), pos + window)
        barriers = self._barriers
        b = bisect_left(barriers, pos)
        if b < len(barriers) and barriers[b] < hi:
            hi = barriers[b]
        starts, ends, text = self._starts, self._ends, self.text
        i = bisect_left(ends, pos + 1)  # the first word ending after pos
        out: list[str] = []
        while i < len(starts) and len(out) < n and starts[i] < hi:
            out.append(text[max(starts[i], pos) : min(ends[i], hi)])
            i += 1
        return out
