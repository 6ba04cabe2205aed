"""A simple, readable Arabic → Latin transliteration for names that have no English form."""

from __future__ import annotations

from typing import Final

_LETTERS: Final = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
    "ء": "'",
    "ى": "a",
    "ة": "a",
    "پ": "p",
    "چ": "ch",
    "ڤ": "v",
}
_VOWEL_AFTER: Final = {"و": "u", "ي": "i"}


def transliterate(text: str) -> str:
    """Transliterate folded Arabic text word by word ("الحويز" → "al-Hwiz"); Latin text passes through."""
    return " ".join(_word(w) for w in text.split())


def _word(word: str) -> str:
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _VOWEL_AFTER and 0 < i < len(word) - 1 and word[i - 1] not in "اوي":
            out.append(_VOWEL_AFTER[ch])  # a medial و / ي after a consonant is usually a long vowel
        elif ch == "ه" and i == len(word) - 1 and i > 0:
            out.append("a")  # folded ta marbuta
        else:
            out.append(_LETTERS.get(ch, ch))
    body = "".join(out).lstrip("'")
    return prefix + body[:1].upper() + body[1:]
