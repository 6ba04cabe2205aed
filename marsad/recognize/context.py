"""Proclitics of a folded word. (The words around a span are read from the view's word index,
``NormalizedText.words``.)"""

from __future__ import annotations


def strip_proclitics(word: str) -> str:
    """A folded word without a leading و/ف and one of ب/ل/ك (only when a 3+ letter stem remains)."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 3 and word[0] in "بلك":
        word = word[1:]
    return word
