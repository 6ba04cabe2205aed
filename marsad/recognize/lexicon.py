"""One Aho-Corasick automaton over every known name (actors, persons, titles, places), run on the
normalized view, with Arabic word-boundary and proclitic checks.

A name matches when it ends at a word boundary and either starts one or is preceded, inside the same
word, by a valid chain of proclitics (و ف then ب ل ك). Names that begin with the article also match in
their لل form (ل + الهيئة → للهيئة); the reported span then starts at the second lam.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick_rs

from marsad.text.normalize import NormalizedText

# Proclitic chains that may stand before a name inside the same written word.
NAME_PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
# Before the لل form only a conjunction may stand (the لل already holds the preposition).
_LL_PREFIXES = frozenset({"و", "ف"})


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
    ) -> None:
        """``prefixes``: letter chains allowed before a key inside its word; ``article_forms``: also
        match keys that start with ال in their لل form."""
        self.prefixes = prefixes
        self._max_prefix = max((len(p) for p in prefixes), default=0)
        self._entries: list[tuple[Entry, ...]] = []
        self._keys: list[str] = []
        self._is_ll: list[bool] = []
        patterns: list[str] = []
        shared: dict[tuple[Entry, ...], tuple[Entry, ...]] = {}
        for key, entries in names.items():
            frozen = tuple(dict.fromkeys(entries)) if len(entries) > 1 else (entries[0],)
            frozen = shared.setdefault(frozen, frozen)
            patterns.append(key)
            self._entries.append(frozen)
            self._keys.append(key)
            self._is_ll.append(False)
            if article_forms and key.startswith("ال"):
                patterns.append("لل" + key[2:])
                self._entries.append(frozen)
                self._keys.append(key)
                self._is_ll.append(True)
        self._automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
        self.size = len(names)

    @classmethod
    def build(
        cls,
        items: Iterable[tuple[str, Entry]],
        prefixes: frozenset[str] = NAME_PREFIXES,
        article_forms: bool = True,
    ) -> Lexicon:
        names: dict[str, list[Entry]] = {}
        for key, entry in items:
            if len(key) >= 2:
                bucket = names.get(key)
                if bucket is None:
                    names[key] = [entry]
                else:
                    bucket.append(entry)
        return cls(names, prefixes, article_forms)

    def find(self, view: NormalizedText) -> list[LexMatch]:
        """Every boundary-valid occurrence (overlaps included; callers choose among them)."""
        text = view.text
        n = len(text)
        out: list[LexMatch] = []
        # typed, so that the compiled loop reads plain ints rather than generic objects
        found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(text, overlapping=True)
        is_ll, keys, entries, prefixes = self._is_ll, self._keys, self._entries, self.prefixes
        for index, vs, ve in found:
            if ve < n and text[ve].isalnum():
                continue
            ll = is_ll[index]
            prefix = ""
            if vs > 0 and text[vs - 1].isalnum():
                w = vs - 1
                while w > 0 and text[w - 1].isalnum() and vs - w < self._max_prefix:
                    w -= 1
                if w > 0 and text[w - 1].isalnum():
                    continue
                prefix = text[w:vs]
                if prefix not in (_LL_PREFIXES if ll else prefixes):
                    continue
            span_vs = vs
            if ll:  # the first lam is the preposition; the name starts at the article's lam
                span_vs = vs + 1
                prefix += "ل"
            start, end = view.span(span_vs, ve)
            out.append(LexMatch(span_vs, ve, start, end, keys[index], entries[index], prefix))
        return out
