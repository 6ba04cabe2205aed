"""Looking at the words around a span in the normalized view."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Characters that end the context window (a sentence or clause boundary).
_BARRIER_CLASS = r"[.!?\n,;:()\[\]\"]"
_BARRIER = re.compile(_BARRIER_CLASS)
_UP_TO_LAST_BARRIER = re.compile(r"(?s:.*)" + _BARRIER_CLASS)  # one match instead of a scan of them all


def words_before(text: str, vstart: int, n: int = 3, window: int = 60) -> list[str]:
    """Up to ``n`` folded words before ``vstart`` (nearest last), not crossing punctuation."""
    lo = max(0, vstart - window)
    barrier = _UP_TO_LAST_BARRIER.match(text, lo, vstart)
    if barrier is not None:
        lo = barrier.end()
    return _WORD.findall(text, lo, vstart)[-n:]


def words_after(text: str, vend: int, n: int = 3, window: int = 60) -> list[str]:
    """Up to ``n`` folded words after ``vend`` (nearest first), not crossing punctuation."""
    hi = min(len(text), vend + window)
    m = _BARRIER.search(text, vend, hi)
    if m is not None:
        hi = m.start()
    return _WORD.findall(text, vend, hi)[:n]


def strip_proclitics(word: str) -> str:
    """A folded word without a leading و/ف and one of ب/ل/ك (only when a 3+ letter stem remains)."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 3 and word[0] in "بلك":
        word = word[1:]
    return word
