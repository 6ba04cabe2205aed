"""Looking at the words around a span in the normalized view."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Characters that end the context window (a sentence or clause boundary).
_BARRIER = re.compile(r"[.!?\n,;:()\[\]\"]")


def words_before(text: str, vstart: int, n: int = 3, window: int = 60) -> list[str]:
    """Up to ``n`` folded words before ``vstart`` (nearest last), not crossing punctuation."""
    lo = max(0, vstart - window)
    chunk = text[lo:vstart]
    cut = None
    for m in _BARRIER.finditer(chunk):
        cut = m.end()
    if cut is not None:
        chunk = chunk[cut:]
    return _WORD.findall(chunk)[-n:]


def words_after(text: str, vend: int, n: int = 3, window: int = 60) -> list[str]:
    """Up to ``n`` folded words after ``vend`` (nearest first), not crossing punctuation."""
    chunk = text[vend : vend + window]
    m = _BARRIER.search(chunk)
    if m is not None:
        chunk = chunk[: m.start()]
    return _WORD.findall(chunk)[:n]


def strip_proclitics(word: str) -> str:
    """A folded word without a leading و/ف and one of ب/ل/ك (only when a 3+ letter stem remains)."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 3 and word[0] in "بلك":
        word = word[1:]
    return word
