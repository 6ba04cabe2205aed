"""Offset-preserving Arabic normalization.

``NormalizedText(original)`` builds a folded view for matching (alef/hamza forms, ى/ي, ة/ه, Persian
letters, Arabic-Indic and Persian digits, punctuation variants, ASCII case) with diacritics, tatweel,
zero-width and bidi controls removed, and maps every position of the view back to the original.
The original string is never modified: spans found in the view are reported in original offsets.

``normalize_for_match(s)`` applies the same folding to a key (an alias, a gazetteer name) so that
keys and views are always comparable.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Final

from marsad.text.positions import count_at_most, count_below
from marsad.text.words import WordIndex

# Characters removed from the view: Arabic diacritics and Quranic marks, tatweel, zero-width and
# bidi controls, BOM, soft hyphen.
_DELETED_RANGES: Final = [
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),
    (0x061C, 0x061C),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
    (0x00AD, 0x00AD),
]
DELETED_CHARS: Final = "".join(chr(c) for lo, hi in _DELETED_RANGES for c in range(lo, hi + 1))
# "[…][…]*", not "[…]+": a pattern that opens with a character class is searched for by a quick scan for
# that class, where one that opens with a repeat is tried in full at every position (twice as slow)
_DELETED_CLASS: Final = "[" + re.escape(DELETED_CHARS) + "]"
_DELETE_RE: Final = re.compile(_DELETED_CLASS + _DELETED_CLASS + "*")
# Combining marks that belong to the preceding letter: a span ending on a letter extends over them.
_TRAILING_MARKS: Final = frozenset(chr(c) for lo, hi in _DELETED_RANGES[:6] for c in range(lo, hi + 1))

_FOLD_1TO1: Final[dict[str, str]] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ۃ": "ه",
    "ە": "ه",
    "ک": "ك",
    "ڪ": "ك",
    "گ": "ك",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "۔": ".",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "−": "-",
    "\u00a0": " ",
    "\u2000": " ",
    "\u2001": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    "_": " ",  # hashtags join words with underscores: #معرة_النعمان
}
for _i in range(10):
    _FOLD_1TO1[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD_1TO1[chr(0x06F0 + _i)] = str(_i)  # Persian (Extended Arabic-Indic) digits
for _c in range(ord("A"), ord("Z") + 1):
    _FOLD_1TO1[chr(_c)] = chr(_c).lower()


def _presentation_forms() -> tuple[dict[str, str], dict[str, str]]:
    """Arabic presentation forms (from PDFs) folded through NFKC: 1:1 ones and expansions (ligatures)."""
    one: dict[str, str] = {}
    many: dict[str, str] = {}
    for block in (range(0xFB50, 0xFDFE), range(0xFE70, 0xFEFD)):
        for code in block:
            ch = chr(code)
            if not unicodedata.name(ch, ""):
                continue
            folded = unicodedata.normalize("NFKC", ch)
            folded = "".join(_FOLD_1TO1.get(c, c) for c in folded if c not in DELETED_CHARS and c != " ")
            if not folded or folded == ch:
                continue
            (one if len(folded) == 1 else many)[ch] = folded
    return one, many


_PRES_ONE, _PRES_MANY = _presentation_forms()
_FOLD_1TO1.update(_PRES_ONE)
# The view's one-to-one folds are found with one pass of a character class and replaced character by
# character: a document holds a dozen of the 600 or so, and ``str.replace`` runs at memory speed where
# ``str.translate`` looks every character up in a dict (about 4 times slower over the benchmark corpus).
# No fold yields a character that is folded again, so the order of the replacements does not matter.
_FOLDABLE_RE: Final = re.compile("[" + "".join(map(re.escape, _FOLD_1TO1)) + "]")
_FULL_TABLE: Final = str.maketrans({**_FOLD_1TO1, **_PRES_MANY, **{c: None for c in DELETED_CHARS}})
# Up to this length a key is folded by ``str.translate``; a longer text by the regular expressions and
# ``fold_chars``, which cost more to start and about half as much per character.
_TRANSLATE_UP_TO: Final = 64
_EXPANDING_RE: Final = re.compile("[" + "".join(_PRES_MANY) + "]") if _PRES_MANY else None

# Up to this many deleted characters a document keeps, for ``to_view``, how many come before each offset
# in one byte per character; with more it searches the deletions (a byte counts to 255).
_MAX_COUNTED_DELETIONS: Final = 255


def fold_chars(text: str) -> str:
    """``text`` with the view's one-to-one folds applied (no deletions, no expansions)."""
    for ch in set(_FOLDABLE_RE.findall(text)):
        text = text.replace(ch, _FOLD_1TO1[ch])
    return text


def normalize_for_match(s: str) -> str:
    """Fold a key the same way views are folded (no offset map). Also trims and collapses spaces."""
    if len(s) <= _TRANSLATE_UP_TO:
        return " ".join(s.translate(_FULL_TABLE).split())
    # a passage (the lines after a heading): delete, expand, then fold character by character
    s = _DELETE_RE.sub("", s)
    if _EXPANDING_RE is not None and _EXPANDING_RE.search(s) is not None:
        s = _EXPANDING_RE.sub(_expansion, s)
    return " ".join(fold_chars(s).split())


def _expansion(match: re.Match[str]) -> str:
    return _PRES_MANY[match.group()]


_KEYS: Final[dict[str, str]] = {}  # normalize_key's memo
_KEYS_KEPT: Final = 65536


def normalize_key(s: str) -> str:
    """``normalize_for_match`` remembered, for short keys asked again and again (lexicon words, trigger
    surfaces). The memo is a plain dict, not ``functools.lru_cache``: compiled callers then call this
    function directly, not a wrapper looked up by name."""
    folded = _KEYS.get(s)
    if folded is None:
        if len(_KEYS) >= _KEYS_KEPT:
            _KEYS.clear()
        folded = _KEYS[s] = normalize_for_match(s)
    return folded


class NormalizedText:
    """A folded view of ``original`` whose positions map back to original character offsets."""

    __slots__ = (
        "_deleted",
        "_deleted_before",
        "_dense",
        "_shift_at",
        "_view_of",
        "_words",
        "original",
        "text",
    )

    def __init__(self, original: str) -> None:
        self.original = original
        self._words: WordIndex | None = None
        self._view_of: dict[int, int] = {}  # to_view's answers so far, for text with expansions
        self._dense: list[int] | None = None
        self._shift_at: list[int] = []
        self._deleted: list[int] = []  # original offsets of removed characters, ascending
        self._deleted_before: bytes | None = None  # per original offset, the deletions before it
        if _EXPANDING_RE is not None and _EXPANDING_RE.search(original):
            self._build_dense(original)
            return
        if _DELETE_RE.search(original) is None:
            self.text = fold_chars(original)
            return
        # Deletions only: remember, for each deleted character k, the view position it precedes.
        # A view position j then lies at original j + (number of deletions before it).
        shift_at: list[int] = []
        deleted: list[int] = []
        removed = 0
        pieces: list[str] = []
        last = 0
        for m in _DELETE_RE.finditer(original):
            pieces.append(original[last : m.start()])
            view_pos = m.start() - removed
            n = m.end() - m.start()
            shift_at.extend([view_pos] * n)
            deleted.extend(range(m.start(), m.end()))
            removed += n
            last = m.end()
        self._deleted = deleted
        pieces.append(original[last:])
        self._shift_at = shift_at
        self.text = fold_chars("".join(pieces))

    def _build_dense(self, original: str) -> None:
        """General path for text with expanding characters: an explicit view→original array."""
        out: list[str] = []
        dense: list[int] = []
        for i, ch in enumerate(original):
            if ch in DELETED_CHARS:
                continue
            folded = _PRES_MANY.get(ch) or _FOLD_1TO1.get(ch, ch)
            out.append(folded)
            dense.extend([i] * len(folded))
        self._dense = dense
        self.text = "".join(out)

    @property
    def words(self) -> WordIndex:
        """The words of the view, indexed on first use (shared by every component reading the view)."""
        if self._words is None:
            self._words = WordIndex(self.text)
        return self._words

    def to_original(self, j: int) -> int:
        """Original offset of the character at view position ``j`` (the view's end maps to the text's end)."""
        if j >= len(self.text):
            return len(self.original)
        if self._dense is not None:
            return self._dense[j]
        if not self._shift_at:
            return j
        return j + count_at_most(self._shift_at, j)

    def to_view(self, i: int) -> int:
        """View position of original offset ``i`` (the first view character at or after it)."""
        if self._dense is None:
            if not self._deleted:
                return min(i, len(self.text))
            before = self._deleted_before
            if before is None and len(self._deleted) <= _MAX_COUNTED_DELETIONS:
                before = self._deleted_before = self._count_deleted_before()
            if before is not None and 0 <= i < len(before):
                return i - before[i]
            # every removed character before ``i`` moves it one place left
            return min(i - count_below(self._deleted, i), len(self.text))
        j = self._view_of.get(i)  # the same few offsets (mention edges) are asked for again and again
        if j is None:
            j = self._view_of[i] = bisect_left(range(len(self.text)), i, key=self.to_original)
        return j

    def _count_deleted_before(self) -> bytes:
        """For every original offset up to the text's end, how many removed characters come before it
        (at most ``_MAX_COUNTED_DELETIONS``): a document's mention edges and windows are mapped to the view
        thousands of times, and a byte read is cheaper than a search each time."""
        pieces: list[bytes] = []
        last = 0
        for removed, k in enumerate(self._deleted):
            pieces.append(bytes((removed,)) * (k + 1 - last))  # up to k itself: it is not before itself
            last = k + 1
        pieces.append(bytes((len(self._deleted),)) * (len(self.original) + 1 - last))
        return b"".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the original span covering the same characters.

        The end extends over diacritics attached to the last letter, so ``original[s:e]`` is the
        whole written word, and a span never starts on a removed character.
        """
        if end <= start:
            s = self.to_original(start)
            return s, s
        s = self.to_original(start)
        e = self.to_original(end - 1) + 1
        orig = self.original
        n = len(orig)
        while e < n and orig[e] in _TRAILING_MARKS:
            e += 1
        return s, e

    def __len__(self) -> int:
        return len(self.text)
