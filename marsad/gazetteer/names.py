"""Name handling for the gazetteer: which alternate names count as Arabic, lookup keys, ASCII folding.

GeoNames alternate-name lists mix every language and script. An Arabic name is kept when, after
cleaning (parenthesised qualifiers and ", region" tails removed), every letter belongs to the Arabic
alphabet or to the few extra letters Arabic writers also use (پ چ ژ ڤ ڨ گ and the Persian forms of
kaf and yeh, which ``normalize_for_match`` folds). Names with letters of other Arabic-script
orthographies (Urdu ٹ ڈ ے, Kurdish ە ۆ ێ, Pashto ځ ګ ې …) or mixed with Latin letters are dropped:
they do not occur in Arabic text and only add noise to the key set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from marsad.text.normalize import normalize_for_match

_ARABIC_BLOCKS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_LETTERS = frozenset(
    [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)] + list("ٱپچژڤڨکگی")
)
# Characters allowed in an Arabic name besides its letters: spaces, hyphens, diacritics, tatweel,
# zero-width joiners and direction marks (all removed or kept harmlessly by normalization).
_ARABIC_EXTRAS = frozenset(
    " -\u0640\u200c\u200d\u200e\u200f\u0670" + "".join(chr(c) for c in range(0x064B, 0x0660))
)
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_TAIL = re.compile(r"\s*[،,].*$", re.S)
# Latin letters that NFKD does not decompose to ASCII.
_ASCII_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "ħ": "h",
        "Ħ": "H",
    }
)


def has_arabic(s: str) -> bool:
    """True when ``s`` contains at least one Arabic-script character."""
    return _ARABIC_BLOCKS.search(s) is not None


def clean_arabic_name(name: str) -> str | None:
    """Return the cleaned Arabic name, or None when ``name`` is not an Arabic-alphabet name.

    "الجزائر (مدينة)" -> "الجزائر"; "فيدي، أرارات" -> "فيدي"; "دیمەشق" (Kurdish) -> None.
    """
    if not has_arabic(name):
        return None
    name = _PARENS.sub(" ", name)
    name = _TAIL.sub("", name)
    name = " ".join(name.split()).strip(" -")
    if not name or not has_arabic(name):
        return None
    letters = 0
    for ch in name:
        if ch in ARABIC_LETTERS:
            letters += 1
        elif ch not in _ARABIC_EXTRAS:
            return None
    return name if letters >= 2 else None


def arabic_names(names: Iterable[str]) -> list[str]:
    """The distinct cleaned Arabic names among ``names``, in first-seen order."""
    seen: dict[str, None] = {}
    for n in names:
        c = clean_arabic_name(n)
        if c is not None:
            seen.setdefault(c, None)
    return list(seen)


def ascii_fold(name: str) -> str:
    """A GeoNames-style ASCII form of a Latin name ("Ḩamāh" -> "Hamah", "‘Afak" -> "Afak")."""
    if name.isascii():
        return " ".join(name.split())
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_SPECIAL))
    out = "".join(ch for ch in decomposed if ord(ch) < 128)
    return " ".join(out.split())


def letter_count(key: str) -> int:
    """Number of letters in a key."""
    return sum(1 for ch in key if ch.isalpha())


def is_arabic_key(key: str) -> bool:
    """True for keys written in Arabic script (the rest are Latin keys)."""
    return has_arabic(key)


def make_key(name: str) -> str | None:
    """The lookup key of a name (``normalize_for_match``), or None when it has fewer than 2 letters."""
    key = normalize_for_match(name)
    return key if letter_count(key) >= 2 else None


def latin_names(name: str) -> list[str]:
    """The Latin surface forms indexed for an English name: the name and its ASCII form."""
    out = [name] if name else []
    folded = ascii_fold(name)
    if folded and folded != name:
        out.append(folded)
    return out


# Letters that mark careful orthography (hamza forms, ta marbuta): the last tie-breaker between spellings.
_ORTHOGRAPHIC = frozenset("أإآؤئءة")
_STRICT_ARABIC = frozenset(c for c in ARABIC_LETTERS if c not in "پچژڤڨکگی")
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}


class NameFrequency(Protocol):
    """Word frequencies used to choose between spellings (implemented by CommonWords)."""

    def name_zipf(self, name: str) -> float: ...

    def surface_zipf(self, name: str) -> float: ...


_LATIN_ARTICLE = re.compile(r"^(?:a[lrsnztd]|ash|el|e[rsntzd])[\s\-‘'’]", re.I)


def has_latin_article(name: str) -> bool:
    """True for transliterations that start with the Arabic article ("Al Khums", "Ar Raqqah", "El-Bab")."""
    return _LATIN_ARTICLE.match(name) is not None


def preferred_arabic(
    names: list[str], frequency: NameFrequency | None = None, latin_article: bool = False
) -> str:
    """Pick a display name among a place's Arabic names.

    1. Names are grouped by lookup key. When the Latin name has the article (``latin_article``:
       "Al Khums") and a key exists with and without it, the bare key is dropped ("الخمس", not the
       word "خمس"). Keys are ranked: Arabic letters only (no Persian kaf/yeh) first, then the most
       frequent (``frequency.name_zipf``: "طرابلس" over "ترابلس", "الموصل" over "موصل", "صور" over
       "الصور"), then fewer words, then first seen.
    2. Within the chosen key, spellings are ranked: fewer diacritics, more hamza/ta-marbuta letters
       ("حماة" over "حماه", "إب" over "اب"), higher surface frequency ("بنغازي" over "بنغازى"),
       then first seen.
    """
    if not names:
        return ""
    groups: dict[str, list[tuple[int, str]]] = {}
    for i, n in enumerate(names):
        groups.setdefault(normalize_for_match(n), []).append((i, n))
    keys = [k for k in groups if not (latin_article and "ال" + k in groups)] or list(groups)

    def foreign(n: str) -> int:
        return 1 if any(ch.isalpha() and ch not in _STRICT_ARABIC for ch in n) else 0

    def key_score(k: str) -> tuple[int, float, int, int]:
        members = groups[k]
        freq = frequency.name_zipf(k) if frequency is not None else 0.0
        return (min(foreign(n) for _, n in members), -freq, k.count(" "), members[0][0])

    def name_score(item: tuple[int, str]) -> tuple[int, int, int, float, int]:
        i, n = item
        freq = frequency.surface_zipf(n) if frequency is not None else 0.0
        marks = sum(1 for ch in n if ch in _MARKS)
        return (foreign(n), marks, -sum(1 for ch in n if ch in _ORTHOGRAPHIC), -freq, i)

    best = min(keys, key=key_score)
    return min(groups[best], key=name_score)[1]
