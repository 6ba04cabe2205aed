"""Finding event triggers: every written form of every lexicon lemma, with its proclitics (و ف, the
future س, ل ب ك, the article), in the normalized view, reported in original offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import ahocorasick_rs

from marsad.events.lexicon import Trigger
from marsad.recognize.lexicon import Entry, Lexicon
from marsad.text.common_words import common_words
from marsad.text.normalize import NormalizedText, normalize_for_match


def _trigger_prefixes() -> frozenset[str]:
    out: set[str] = set()
    for conj in ("", "و", "ف"):
        for mid in ("", "س", "ل", "ب", "ك", "لل"):
            for art in ("", "ال"):
                if art and mid in ("س", "ل", "لل"):
                    continue
                out.add(conj + mid + art)
    out.discard("")
    return frozenset(out)


TRIGGER_PREFIXES: Final = _trigger_prefixes()


@dataclass(init=False, unsafe_hash=True, slots=True)
class TriggerHit:
    """A trigger found in the text."""

    start: int
    end: int
    vstart: int
    vend: int
    text: str
    trigger: Trigger
    person: str  # "we" (first person plural), "passive" or "other"
    prefix: str  # proclitics before it in the same word

    # by hand, so that mypyc compiles it; not frozen for that reason: treat as immutable (docs/development.md)
    def __init__(
        self,
        start: int,
        end: int,
        vstart: int,
        vend: int,
        text: str,
        trigger: Trigger,
        person: str,
        prefix: str,
    ) -> None:
        self.start = start
        self.end = end
        self.vstart = vstart
        self.vend = vend
        self.text = text
        self.trigger = trigger
        self.person = person
        self.prefix = prefix

    @property
    def future_prefix(self) -> bool:
        """A present verb with the future prefix س ("سينسحب")."""
        return "س" in self.prefix


class TriggerMatcher:
    """All trigger forms compiled into one automaton."""

    def __init__(self, triggers: Sequence[Trigger]) -> None:
        self.triggers = {t.id: t for t in triggers}
        common = common_words()
        self._spelled: dict[str, set[str]] = {}  # trigger id -> forms as spelled (ى and ي kept apart)
        items: list[tuple[str, Entry]] = []
        listed: set[str] = set()
        self._common = common
        self._variants: set[str] = set()  # forms made by adding a pronoun, not written in the lexicon
        for t in triggers:
            for forms, person in ((t.forms, "other"), (t.we, "we"), (t.passive, "passive")):
                for form in forms:
                    key = normalize_for_match(form)
                    entry = Entry("trigger", t.id, person)
                    items.append((key, entry))
                    listed.add(key)
                    self._spelled.setdefault(t.id, set()).add(_spelling(form))
                    if " " not in key and (person != "we" or key.startswith("ن")):
                        # "حمل"+ه is also "حملة" (a campaign): skip variants that are ordinary words;
                        # "ننفيها", "ندينه": a present first-person form with its object
                        variants = [v for v in _with_pronouns(key) if v not in common]
                        items.extend((v, entry) for v in variants)
                        self._variants.update(variants)
        self._variants -= listed
        # long proclitic chains ("وبال") would send nearly every word to the short-key lookup
        self._lexicon = Lexicon.build(
            items, prefixes=TRIGGER_PREFIXES, article_forms=False, short_by_word=False
        )
        self._best: dict[tuple[tuple[Entry, ...], str, bool], Entry] = {}
        # first words of the phrase forms ("فتحوا" of "فتحوا النار"), to skip words no phrase starts with
        self.phrase_heads = frozenset(key.split(" ", 1)[0] for key, _ in items if " " in key)
        # the second words of the verb phrases, per verb, whose subject may stand inside the phrase
        # ("أطلقت قوات الأمن النار"): "اطلقت" → {"النار", "الرصاص", "سراح", …}
        seconds: dict[str, set[str]] = {}
        for key, e in items:
            parts = key.split(" ")
            if len(parts) > 1 and self.triggers[e.ref].pos == "verb":
                seconds.setdefault(parts[0], set()).add(parts[1])
        self.verb_phrase_seconds = {head: frozenset(words) for head, words in seconds.items()}
        # their automaton, without the particles and auxiliaries some phrases open with ("لا نحتاج")
        heads = sorted(h for h in seconds if h not in _NOT_SPLIT_HEADS)
        self._heads = ahocorasick_rs.AhoCorasick(heads, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def verb_phrase_verbs(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in a folded text of every whole word that is the verb of a verb phrase of the
        lexicon, with an attached و or ف ("واطلقت")."""
        out: list[tuple[int, int]] = []
        n = len(text)
        found: list[tuple[int, int, int]] = self._heads.find_matches_as_indexes(text)  # typed: plain ints
        for _, start, end in found:
            if end < n and (text[end].isalnum() or text[end] == "_"):
                continue
            if start > 0 and text[start - 1] in "وف" and (start == 1 or not text[start - 2].isalnum()):
                start -= 1
            elif start > 0 and (text[start - 1].isalnum() or text[start - 1] in "#_"):
                continue
            out.append((start, end))
        return out

    def _all_verbs(self, entries: tuple[Entry, ...]) -> bool:
        return all(self.triggers[e.ref].pos == "verb" for e in entries)

    def _best_entry(self, entries: tuple[Entry, ...], spelled: str, prefix: str = "") -> Entry:
        """When one written form belongs to several lemmas, prefer the one spelled exactly so, then, after
        a proclitic only nouns take (ب, ك, the article: "بالقصف", "القصف"), the noun, then first-person,
        then active readings. The choice is remembered: trigger words recur."""
        if len(entries) == 1:
            return entries[0]
        nominal = "ال" in prefix or any(c in prefix for c in "بك")
        key = (entries, spelled, nominal)
        best = self._best.get(key)
        if best is None:
            best = self._best[key] = self._rank_entries(entries, spelled, nominal)
        return best

    def _rank_entries(self, entries: tuple[Entry, ...], spelled: str, nominal: bool) -> Entry:
        order = {"we": 0, "other": 1, "passive": 2}

        def rank(e: Entry) -> tuple[int, int, int]:
            exact = any(spelled.endswith(f) for f in self._spelled.get(e.ref, ()))
            noun = self.triggers[e.ref].pos == "noun"
            return (0 if exact else 1, 0 if noun or not nominal else 1, order.get(e.form, 3))

        return min(entries, key=rank)

    def find_in(self, folded: str) -> list[TriggerHit]:
        """Triggers in an already folded string (offsets relative to it)."""
        return self.find(NormalizedText(folded))

    def find(self, view: NormalizedText) -> list[TriggerHit]:
        """Longest non-overlapping trigger matches, in text order."""
        hits: list[TriggerHit] = []
        for m in sorted(self._lexicon.find(view), key=lambda m: (m.vstart, -(m.vend - m.vstart))):
            if m.prefix and m.key in self._variants and m.prefix + m.key in self._common:
                continue  # "وزارة" is no "و" + "زاره" (visited him)
            if m.prefix.lstrip("وف") == "ب" and "ب" + m.key in self._common and self._all_verbs(m.entries):
                continue  # "بيتهم" is their house, not a dialect "is accusing" (بـ before a present verb)
            if hits and m.vstart < hits[-1].vend:
                if m.vend - m.vstart > hits[-1].vend - hits[-1].vstart and m.vstart == hits[-1].vstart:
                    hits.pop()
                else:
                    continue
            entry = self._best_entry(m.entries, _spelling(view.original[m.start : m.end]), m.prefix)
            hits.append(
                TriggerHit(
                    m.start,
                    m.end,
                    m.vstart,
                    m.vend,
                    view.original[m.start : m.end],
                    self.triggers[entry.ref],
                    entry.form,
                    m.prefix,
                )
            )
        return hits


# Particles and auxiliaries that open some phrases ("لا نحتاج", "كان الرد سلبياً"): no subject stands
# inside such a phrase.
_NOT_SPLIT_HEADS: Final = frozenset(
    {
        "لا",
        "ليس",
        "ليست",
        "ليسوا",
        "لسنا",
        "كان",
        "نحن",
        "اننا",
        "جاء",
        "الرد",
        "اتي",
        "جهوزيه",
        "متهما",
        "متهمه",
    }
)

_PRONOUNS: Final = ("ه", "ها", "هم", "هما")


def _with_pronouns(key: str) -> list[str]:
    """A form with an attached pronoun: "غاراته", "استهدفوه", "قصفها" (ta marbuta becomes ت); the
    present plural without its ن ("يقتحموا", "بيحاولوا": subjunctive, and the spoken form); the past plural
    without its alef ("صدو")."""
    stem = key[:-1] + "ت" if key.endswith("ه") else key
    if key.endswith("وا"):
        stem = key[:-1]  # "استهدفوا" + ه → "استهدفوه"
    # "زار"+ه would read "زارة" in "وزارة" and "عين زارة": nouns in ـارة are common
    out = [stem + p for p in _PRONOUNS if len(stem) >= 3 and not (p == "ه" and stem.endswith("ار"))]
    if key[:1] in ("ي", "ت") and key.endswith("ون") and len(key) > 4:
        out.append(key[:-1] + "ا")
    if key.endswith("وا") and len(key) >= 4:
        out.append(key[:-1])  # "صدو", "قتلو", "اقتحمو": the spoken plural written without its alef
    return out


_SPELLINGS: Final[dict[str, str]] = {}  # a memo of _spelling: the same trigger words recur in every text
_SPELLINGS_KEPT: Final = 16384


def _spelling(word: str) -> str:
    """A form as spelled: diacritics, tatweel and hamza seats ignored, but ى and ي kept apart
    ("تصدى" the verb, "تصدي" the noun)."""
    spelled = _SPELLINGS.get(word)
    if spelled is None:
        if len(_SPELLINGS) >= _SPELLINGS_KEPT:
            _SPELLINGS.clear()
        spelled = _SPELLINGS[word] = normalize_for_match(word.replace("ى", "\u0001")).replace("\u0001", "ى")
    return spelled
