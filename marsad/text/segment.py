"""Sentences, clauses and tokens over the original text, with proclitics and the article as sub-spans.

All spans are original character offsets. Splitting is rule-based and fast (regular expressions over
the whole text); it never alters the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from marsad.text.normalize import normalize_key
from marsad.text.words import matches_at

# Letters of a word: Arabic and Latin letters, digits, diacritics, tatweel and in-word zero-width marks.
_WORD_RE: Final = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u0640\u200c\u200d]+")
# A sentence ends at . ! ? ؟ … (with closing quotes) followed by space, or at a line break.
_SENTENCE_END_RE: Final = re.compile(r"(?:[.!?؟…]+[\"'»”)\]]*(?=\s|$)|\n+)")
# Clause boundaries inside a sentence.
_CLAUSE_END_RE: Final = re.compile(r"[،,;؛:](?=\s)|\s[-–—]\s")
# The characters those boundaries begin with (a clause's dash one after): the patterns are tried at
# these alone, as a scan that tries them at every character of the text would be slow.
_SENTENCE_END_START: Final = re.compile(r"[.!?؟…\n]")
_CLAUSE_END_MARK: Final = re.compile(r"[،,;؛:]|[-–—]")
_CLAUSE_PUNCTUATION: Final = frozenset("،,;؛:")

_CONJUNCTIONS: Final = ("و", "ف")
_PREPOSITIONS: Final = ("ب", "ل", "ك")


@dataclass(init=False, unsafe_hash=True, slots=True)
class Span:
    """A [start, end) range of the original text."""

    start: int
    end: int

    # by hand, so that mypyc compiles it; not frozen for that reason: treat as immutable (docs/development.md)
    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def text(self, original: str) -> str:
        return original[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its analysis into proclitics, article and stem (all original offsets).

    ``proclitics`` are (start, end) spans of و ف ب ل ك; ``article`` is the span of ال (for لل the
    second lam); ``stem_start`` is where the word proper begins. ``ambiguous`` marks a split that rests
    on a single letter with no article (وزير could be و+زير): callers should check a lexicon.
    """

    start: int
    end: int
    text: str
    proclitics: tuple[tuple[int, int], ...] = ()
    article: tuple[int, int] | None = None
    stem_start: int = 0
    ambiguous: bool = False

    @property
    def stem(self) -> str:
        return self.text[self.stem_start - self.start :]


def sentences(text: str) -> list[Span]:
    """Sentence spans, trimmed of surrounding white space; every non-blank character is in one sentence."""
    spans: list[Span] = []
    pos = 0
    starts = [m.start() for m in _SENTENCE_END_START.finditer(text)]
    for m in matches_at(_SENTENCE_END_RE, text, starts):
        _append_trimmed(text, pos, m.end(), spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def clauses(text: str, sentence: Span | None = None) -> list[Span]:
    """Clause spans inside ``sentence`` (or the whole text), split at commas, semicolons, colons, dashes."""
    lo, hi = (sentence.start, sentence.end) if sentence else (0, len(text))
    spans: list[Span] = []
    pos = lo
    # a clause ends at a punctuation mark, or starts one character before a dash
    marks = [
        m.start() - (m.group() not in _CLAUSE_PUNCTUATION) for m in _CLAUSE_END_MARK.finditer(text, lo, hi)
    ]
    for m in matches_at(_CLAUSE_END_RE, text, [start for start in marks if start >= lo], hi):
        _append_trimmed(text, pos, m.end(), spans)
        pos = m.end()
    _append_trimmed(text, pos, hi, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Tokens of ``text[start:end]`` with their proclitic analysis."""
    for m in _WORD_RE.finditer(text, start, len(text) if end is None else end):
        yield analyse_token(text, m.start(), m.end())


def analyse_token(text: str, start: int, end: int) -> Token:
    """Split a word into proclitics (و ف then ب ل ك), the article ال and the stem.

    Rules: the article is recognized before at least two letters; لل is ل + the article; a lone
    conjunction or preposition is split off only before a stem of three or more letters and is then
    marked ambiguous.
    """
    word = text[start:end]
    folded = normalize_key(word)
    # Offsets inside ``folded`` map to ``word`` only when folding removed nothing; otherwise walk letters.
    letter_pos = _letter_positions(word) if len(folded) != len(word) else list(range(len(word)))
    if len(letter_pos) != len(folded):
        return Token(start, end, word, stem_start=start)

    def orig(i: int) -> int:
        return start + letter_pos[i] if i < len(letter_pos) else end

    procl: list[tuple[int, int]] = []
    i = 0
    if len(folded) > 3 and folded[0] in _CONJUNCTIONS:
        procl.append((orig(0), orig(1)))
        i = 1
    rest = folded[i:]
    article: tuple[int, int] | None = None
    if rest.startswith("لل") and len(rest) >= 4:
        procl.append((orig(i), orig(i + 1)))
        article = (orig(i + 1), orig(i + 2))
        i += 2
    else:
        if rest[:1] in _PREPOSITIONS and rest[1:3] == "ال" and len(rest) >= 5:
            procl.append((orig(i), orig(i + 1)))
            i += 1
            rest = folded[i:]
        if rest.startswith("ال") and len(rest) >= 4:
            article = (orig(i), orig(i + 2))
            i += 2
    ambiguous = False
    if article is None:
        if procl and len(folded) - i < 3:  # "وزن" is a word, not و+زن
            procl, i = [], 0
        rest = folded[i:]
        if rest[:1] in _PREPOSITIONS and len(rest) >= 4:
            procl.append((orig(i), orig(i + 1)))
            i += 1
        ambiguous = bool(procl)
    return Token(
        start,
        end,
        word,
        proclitics=tuple(procl),
        article=article,
        stem_start=orig(i),
        ambiguous=ambiguous,
    )


def _letter_positions(word: str) -> list[int]:
    """Positions in ``word`` of the characters that survive folding (diacritics and tatweel drop out)."""
    return [i for i, ch in enumerate(word) if normalize_key(ch)]
