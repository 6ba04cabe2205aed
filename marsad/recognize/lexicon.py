"""One Aho-Corasick automaton over every known name (actors, persons, titles, places), run on the
normalized view, with Arabic word-boundary and proclitic checks.

A name matches when it ends at a word boundary and either starts one or is preceded, inside the same
word, by a valid chain of proclitics (و ف then ب ل ك). Names that begin with the article also match in
their لل form (ل + الهيئة → للهيئة); the reported span then starts at the second lam.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import ahocorasick_rs

from marsad.text.normalize import NormalizedText

# Proclitic chains that may stand before a name inside the same written word.
NAME_PREFIXES: Final = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
# Before the لل form only a conjunction may stand (the لل already holds the preposition).
_LL_PREFIXES: Final = frozenset({"و", "ف"})
# Patterns of at most this many letters are found at word ends rather than by the automaton.
_SHORT_PATTERN: Final = 3
# How many spellings of short words the lexicon remembers the short names of before starting afresh.
_SHORT_MEMO_SIZE: Final = 200_000


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name refers to: ``kind`` is "actor", "person", "title", "kunya" or "place"; ``ref`` is an
    id (or the title's English form); ``form`` says which kind of name it is (canonical, alias, short,
    former, gazetteer); ``short`` marks forms that need context to be linked."""

    kind: str
    ref: str
    form: str = "alias"
    short: bool = False


@dataclass(init=False, unsafe_hash=True, slots=True)
class LexMatch:
    """A name found in the text: view span, original span, the folded key, and what it may refer to."""

    vstart: int
    vend: int
    start: int
    end: int
    key: str
    entries: tuple[Entry, ...]
    prefix: str  # proclitics attached before the name ("" when it starts the word)

    # by hand, so that mypyc compiles it; not frozen for that reason: treat as immutable (docs/development.md)
    def __init__(
        self, vstart: int, vend: int, start: int, end: int, key: str, entries: tuple[Entry, ...], prefix: str
    ) -> None:
        self.vstart = vstart
        self.vend = vend
        self.start = start
        self.end = end
        self.key = key
        self.entries = entries
        self.prefix = prefix

    @property
    def length(self) -> int:
        return self.vend - self.vstart


class Lexicon:
    """Folded name → entries, compiled into one automaton."""

    def __init__(
        self,
        names: dict[str, list[Entry]],
        prefixes: frozenset[str] = NAME_PREFIXES,
        article_forms: bool = True,
        short_by_word: bool = True,
    ) -> None:
        """``prefixes``: letter chains allowed before a key inside its word; ``article_forms``: also
        match keys that start with ال in their لل form; ``short_by_word``: find keys of at most
        ``_SHORT_PATTERN`` letters at word ends rather than with the automaton (the same matches; it pays
        where such keys are many and common, as place names are, and not for short proclitics)."""
        self.prefixes = prefixes
        self._max_prefix = max((len(p) for p in prefixes), default=0)
        entries_of: list[tuple[Entry, ...]] = []
        keys: list[str] = []
        is_ll: list[bool] = []
        patterns: list[str] = []
        shared: dict[tuple[Entry, ...], tuple[Entry, ...]] = {}
        for key, entries in names.items():
            frozen = tuple(dict.fromkeys(entries)) if len(entries) > 1 else (entries[0],)
            frozen = shared.setdefault(frozen, frozen)
            patterns.append(key)
            entries_of.append(frozen)
            keys.append(key)
            is_ll.append(False)
            if article_forms and key.startswith("ال"):
                patterns.append("لل" + key[2:])
                entries_of.append(frozen)
                keys.append(key)
                is_ll.append(True)
        # Per pattern: its entries, key and whether it is the لل form. Tuples, not lists: a tuple of
        # strings, booleans or integers drops out of the cyclic collector's care after its first
        # collection, where each full collection would walk a list's 50,000 items again.
        self._entries: tuple[tuple[Entry, ...], ...] = tuple(entries_of)
        self._keys: tuple[str, ...] = tuple(keys)
        self._is_ll: tuple[bool, ...] = tuple(is_ll)
        # Short all-letter patterns ("من", "حي", "قسد") stand at the end of thousands of words: an automaton
        # reports every one of those occurrences, to be rejected one by one as not ending a word or not
        # following a proclitic. They are looked up at the end of each word instead (``_short_matches``).
        self._short: dict[str, list[int]] = {}  # pattern -> its indexes, ascending
        self._short_memo: dict[str, tuple[tuple[int, int], ...]] = {}  # see _short_endings
        automaton_index: list[int] = []  # automaton pattern -> index in _keys/_entries/_is_ll
        long_patterns: list[str] = []
        for index, pattern in enumerate(patterns):
            if short_by_word and len(pattern) <= _SHORT_PATTERN and pattern.isalnum():
                self._short.setdefault(pattern, []).append(index)
            else:
                long_patterns.append(pattern)
                automaton_index.append(index)
        self._automaton_index: tuple[int, ...] = tuple(automaton_index)
        self._automaton = ahocorasick_rs.AhoCorasick(
            long_patterns, matchkind=ahocorasick_rs.MatchKind.Standard
        )
        self.size = len(names)

    @classmethod
    def build(
        cls,
        items: Iterable[tuple[str, Entry]],
        prefixes: frozenset[str] = NAME_PREFIXES,
        article_forms: bool = True,
        short_by_word: bool = True,
    ) -> Lexicon:
        names: dict[str, list[Entry]] = {}
        for key, entry in items:
            if len(key) >= 2:
                bucket = names.get(key)
                if bucket is None:
                    names[key] = [entry]
                else:
                    bucket.append(entry)
        return cls(names, prefixes, article_forms, short_by_word)

    def find(self, view: NormalizedText) -> list[LexMatch]:
        """Every boundary-valid occurrence (overlaps included; callers choose among them), in the order an
        automaton of all the patterns reports them: by end, the longest first."""
        text = view.text
        out: list[LexMatch] = []
        # typed, so that the compiled loop reads plain ints rather than generic objects
        found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(text, overlapping=True)
        short = self._short_matches(view) if self._short else []
        k = 0
        automaton_index = self._automaton_index
        for index, vs, ve in found:
            while k < len(short) and short[k][2] < ve:
                self._add(out, view, short[k][0], short[k][1], short[k][2])
                k += 1
            self._add(out, view, automaton_index[index], vs, ve)
        for index, vs, ve in short[k:]:
            self._add(out, view, index, vs, ve)
        return out

    def _short_matches(self, view: NormalizedText) -> list[tuple[int, int, int]]:
        """(index, view start, view end) of the short patterns that end a run of letters and digits at
        most ``_max_prefix`` letters after its start, in text order, the longest first at each end."""
        out: list[tuple[int, int, int]] = []
        longest = self._max_prefix + _SHORT_PATTERN  # a longer word holds no short name
        starts, ends, words = view.words.columns()
        for i in range(len(words)):
            word = words[i]
            if len(word) > longest:
                continue
            end = ends[i]
            if "_" in word:
                for run_end, run in _runs_between_underscores(starts[i], word):
                    for size, index in self._short_endings(run):
                        out.append((index, run_end - size, run_end))
                continue
            for size, index in self._short_endings(word):
                out.append((index, end - size, end))
        return out

    def _short_endings(self, run: str) -> tuple[tuple[int, int], ...]:
        """(size, index) of the short patterns that end ``run`` at most ``_max_prefix`` letters after
        its start, longest first; remembered per spelling, as short words recur in every text."""
        found = self._short_memo.get(run)
        if found is None:
            endings: list[tuple[int, int]] = []
            n = len(run)
            for size in range(min(_SHORT_PATTERN, n), max(0, n - self._max_prefix - 1), -1):
                endings.extend((size, index) for index in self._short.get(run[n - size :], ()))
            found = tuple(endings)
            if len(self._short_memo) >= _SHORT_MEMO_SIZE:
                self._short_memo.clear()
            self._short_memo[run] = found
        return found

    def _add(self, out: list[LexMatch], view: NormalizedText, index: int, vs: int, ve: int) -> None:
        """Append the occurrence of pattern ``index`` at [vs, ve) of the view if it is a whole word, or
        follows an allowed proclitic chain."""
        text = view.text
        if ve < len(text) and text[ve].isalnum():
            return
        ll = self._is_ll[index]
        prefix = ""
        if vs > 0 and text[vs - 1].isalnum():
            w = vs - 1
            while w > 0 and text[w - 1].isalnum() and vs - w < self._max_prefix:
                w -= 1
            if w > 0 and text[w - 1].isalnum():
                return
            prefix = text[w:vs]
            if prefix not in (_LL_PREFIXES if ll else self.prefixes):
                return
        span_vs = vs
        if ll:  # the first lam is the preposition; the name starts at the article's lam
            span_vs = vs + 1
            prefix += "ل"
        start, end = view.span(span_vs, ve)
        out.append(LexMatch(span_vs, ve, start, end, self._keys[index], self._entries[index], prefix))


def _runs_between_underscores(start: int, word: str) -> list[tuple[int, str]]:
    """(view end, text) of the runs of letters and digits of a ``\\w+`` word that holds underscores
    ("#ادلب_تحت_القصف"): an underscore is no letter, so a name may end or start beside it."""
    out: list[tuple[int, str]] = []
    pos = start
    for run in word.split("_"):
        if run:
            out.append((pos + len(run), run))
        pos += len(run) + 1
    return out
