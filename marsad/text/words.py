r"""The words of a normalized view, found once per document: the words before or after a position,
not crossing punctuation, are then read from an index instead of a regex scan per question; and a
pattern that can only match where a known word stands is tried there alone, instead of at every
character of the text (Python's regex engine has no fast skip for a pattern that opens with a
lookbehind such as ``(?<!\w)``: it sets up a match attempt at each position).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import ahocorasick_rs

from marsad.text.positions import count_below

WORD: Final = re.compile(r"\w+")
_WORD_SPLIT: Final = re.compile(r"(\w+)")
# Characters that end a context window (a sentence or clause boundary).
BARRIER_CLASS: Final = r"[.!?\n,;:()\[\]\"]"
BARRIER: Final = re.compile(BARRIER_CLASS)
CONTEXT_WINDOW: Final = 60  # how far (in view characters) the words around a position are looked for


def with_prefixes(words: Iterable[str], *slots: str | tuple[str, ...]) -> frozenset[str]:
    """Every spelling of ``words`` with an optional prefix from each slot, in order: the whole words a
    pattern such as ``[وف]?[بلك]?(?:word|…)`` matches are ``with_prefixes(words, "وف", "بلك")``. A slot
    is a string of one-letter choices or a tuple of longer ones."""
    out = set(words)
    for slot in reversed(slots):
        out |= {prefix + word for prefix in slot for word in out}
    return frozenset(out)


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], end: int | None = None
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, 0, end)`` finds, for a pattern that can only match at one of
    ``starts`` (ascending): each start is tried in turn, skipping those inside an earlier match."""
    out: list[re.Match[str]] = []
    last = -1
    stop = len(text) if end is None else end
    for start in starts:
        if start < last:
            continue
        found = pattern.match(text, start, stop)
        if found is not None:
            out.append(found)
            last = found.end()
    return out


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` begins (0 and after every "\\n"): the only places a ``(?m)^`` pattern
    can match, to try it at with ``matches_at`` rather than at every character."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def occurrence_starts(text: str, needles: Iterable[str], proclitics: str) -> list[int]:
    """Where a pattern that opens with an optional one-letter proclitic and then one of ``needles`` may
    start: at each occurrence of a needle, and one letter before it when that letter is one of
    ``proclitics``; ascending (found by substring search, far cheaper than a pattern's scan)."""
    found: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 1)
    return _with_proclitics(text, found, proclitics)


def _with_proclitics(text: str, found: list[int], proclitics: str) -> list[int]:
    """The positions ``found``, each with the one before it when a letter of ``proclitics`` stands
    there; ascending, without repeats."""
    starts: set[int] = set()
    for at in found:
        starts.add(at)
        if at > 0 and text[at - 1] in proclitics:
            starts.add(at - 1)
    return sorted(starts)


class Needles:
    """A fixed set of strings looked for together: one pass of an Aho-Corasick automaton over a text
    finds every occurrence of all of them, where ``str.find`` passes over the text once per string. It
    pays where a dozen or more strings are each looked for over a whole document; a yes-or-no test stays
    a loop of ``in``, which stops at the first string found (docs/development.md has the timings)."""

    __slots__ = ("_automaton", "strings")

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings: tuple[str, ...] = tuple(sorted(set(strings)))
        if not self.strings or min(map(len, self.strings)) == 0:
            raise ValueError("Needles needs at least one string, none of them empty")
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(self.strings), matchkind=ahocorasick_rs.MatchKind.Standard
        )

    def occurrences(self, text: str) -> list[tuple[str, int]]:
        """(string, start) of every occurrence, overlapping ones included, ordered by where they end."""
        strings = self.strings
        found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return [(strings[index], start) for index, start, _ in found]

    def starts(self, text: str, proclitics: str) -> list[int]:
        """``occurrence_starts(text, self.strings, proclitics)``, in one pass."""
        return _with_proclitics(text, [at for _, at in self.occurrences(text)], proclitics)


def first_words(text: str, n: int) -> list[str]:
    """The first ``n`` white-space separated words of ``text``: ``text.split()[:n]`` without splitting
    the rest (a window or a run-on sentence into words that are thrown away)."""
    return text.split(None, n)[:n]


def last_words(text: str, n: int) -> list[str]:
    """The last ``n`` (at least one) white-space separated words of ``text``: ``text.split()[-n:]``
    without splitting what comes before them (a clause read back to its start)."""
    return text.rsplit(None, n)[-n:]


def split_runs(
    splitter: re.Pattern[str], text: str, offset: int = 0
) -> tuple[list[str], list[int], list[int]]:
    """The runs a pattern with one capturing group around it finds in ``text``, with their starts and
    ends (plus ``offset``): split, not finditer, so the runs come as strings with no match object each,
    and their offsets are the running sum of the pieces' lengths."""
    pieces = splitter.split(text)
    starts: list[int] = []
    ends: list[int] = []
    pos = offset + len(pieces[0])
    for i in range(1, len(pieces), 2):
        starts.append(pos)
        pos += len(pieces[i])
        ends.append(pos)
        pos += len(pieces[i + 1])
    return pieces[1::2], starts, ends


def runs_between_spaces(
    splitter: re.Pattern[str], text: str, offset: int = 0, letters_apart: bool = False
) -> tuple[list[str], list[int], list[int]]:
    """``split_runs(splitter, text, offset)`` for a pattern whose runs never hold a space and never look
    past one. Most words stand between single spaces, and a piece of ``text.split(" ")`` the pattern would
    take whole is kept as it is: a C call each, where the regex engine tests every character on its own.
    A piece is whole when it is all letters and digits (``str.isalnum``: ``\\w`` but "_") for a pattern of
    ``\\w+`` runs, or, with ``letters_apart``, all letters (``str.isalpha``) or all decimal digits
    (``str.isdecimal``: ``\\d``) for a pattern that takes letters and digits as runs of their own. The
    pattern splits the other pieces."""
    runs: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = offset
    for piece in text.split(" "):
        n = len(piece)
        if n and ((piece.isalpha() or piece.isdecimal()) if letters_apart else piece.isalnum()):
            runs.append(piece)
            starts.append(pos)
            ends.append(pos + n)
        elif n:
            piece_runs, piece_starts, piece_ends = split_runs(splitter, piece, pos)
            runs.extend(piece_runs)
            starts.extend(piece_starts)
            ends.extend(piece_ends)
        pos += n + 1
    return runs, starts, ends


class WordIndex:
    """Word spans (``\\w+``) and punctuation barriers of one text, in text order."""

    __slots__ = ("_barriers", "_ends", "_starts", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        words, starts, ends = runs_between_spaces(_WORD_SPLIT, text)
        self._starts = starts
        self._ends = ends
        self._words = words  # each word's text: a string keeps its hash, so set lookups are cheap
        self._barriers: list[int] = [m.start() for m in BARRIER.finditer(text)]

    def before(self, pos: int, n: int = 3, window: int = CONTEXT_WINDOW) -> list[str]:
        """Up to ``n`` words before ``pos`` (nearest last), within ``window`` characters and after the
        last barrier. A word cut by ``pos`` or by the window's edge counts with its part inside."""
        lo = max(0, pos - window)
        barriers = self._barriers
        b = count_below(barriers, pos) - 1
        if b >= 0 and barriers[b] >= lo:
            lo = barriers[b] + 1
        starts, ends, text = self._starts, self._ends, self.text
        i = count_below(ends, pos)  # the first word ending at or after pos
        if i < len(starts) and starts[i] < pos:
            i += 1
        out: list[str] = []
        i -= 1
        words = self._words
        while i >= 0 and len(out) < n and ends[i] > lo:
            start, end = starts[i], ends[i]
            out.append(words[i] if start >= lo and end <= pos else text[max(start, lo) : min(end, pos)])
            i -= 1
        out.reverse()
        return out

    def after(self, pos: int, n: int = 3, window: int = CONTEXT_WINDOW) -> list[str]:
        """Up to ``n`` words after ``pos`` (nearest first), within ``window`` characters and before the
        next barrier. A word cut by ``pos`` or by the window's edge counts with its part inside."""
        hi = min(len(self.text), pos + window)
        barriers = self._barriers
        b = count_below(barriers, pos)
        if b < len(barriers) and barriers[b] < hi:
            hi = barriers[b]
        starts, ends, text = self._starts, self._ends, self.text
        i = count_below(ends, pos + 1)  # the first word ending after pos
        out: list[str] = []
        words = self._words
        while i < len(starts) and len(out) < n and starts[i] < hi:
            start, end = starts[i], ends[i]
            out.append(words[i] if start >= pos and end <= hi else text[max(start, pos) : min(end, hi)])
            i += 1
        return out

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """(start, end, text) of the words inside [lo, hi), those cut by an edge with their part inside:
        what ``WORD.finditer(text, lo, hi)`` finds."""
        starts, ends, text = self._starts, self._ends, self.text
        out: list[tuple[int, int, str]] = []
        if lo >= hi:
            return out
        i = count_below(ends, lo + 1)  # the first word ending after lo
        words = self._words
        while i < len(starts) and starts[i] < hi:
            start, end = starts[i], ends[i]
            if start >= lo and end <= hi:
                out.append((start, end, words[i]))
            else:
                start, end = max(start, lo), min(end, hi)
                out.append((start, end, text[start:end]))
            i += 1
        return out

    def columns(self) -> tuple[list[int], list[int], list[str]]:
        """The starts, ends and texts of the words, in text order (the index's own lists: read, never
        change them). A compiled loop over ``range`` reads them with no tuple per word, which a loop over
        ``zip(..., strict=True)`` makes and checks (mypyc calls such a ``zip`` as Python does)."""
        return self._starts, self._ends, self._words

    def spelled(self, forms: frozenset[str]) -> list[tuple[int, int, str]]:
        """(start, end, text) of the words spelled as one of ``forms``, in text order."""
        starts, ends, words = self._starts, self._ends, self._words
        return [(starts[i], ends[i], words[i]) for i in range(len(words)) if words[i] in forms]

    def starts_of(self, forms: frozenset[str]) -> list[int]:
        r"""Start offsets of the words (whole ``\w+`` runs) spelled as one of ``forms``, in text order."""
        starts, words = self._starts, self._words
        return [starts[i] for i in range(len(words)) if words[i] in forms]

    def starts_before(self, forms: frozenset[str], back: int = 1) -> list[int]:
        """Start offsets of the ``back`` words right before each word spelled as one of ``forms``,
        ascending."""
        starts = self._starts
        found: set[int] = set()
        for i, word in enumerate(self._words):
            if i and word in forms:
                found.update(starts[max(0, i - back) : i])
        return sorted(found)

    def matches_at(self, pattern: re.Pattern[str], starts: list[int]) -> list[re.Match[str]]:
        """``matches_at`` in this index's text."""
        return matches_at(pattern, self.text, starts)

    def starts_back(self, pos: int, n: int) -> list[int]:
        """Start offsets of the ``n`` words that end at or before ``pos`` (nearest last)."""
        i = count_below(self._ends, pos + 1)  # words ending at or before pos come before i
        return self._starts[max(0, i - n) : i]
