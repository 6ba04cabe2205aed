"""Per-document lookups the event extractor needs: sentences and clauses around a trigger, the
mentions inside a span, the words before a position, and who "we" and "they" are."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from marsad.events.triggers import TriggerHit
from marsad.kb.schema import Actor
from marsad.model import Document, Label, Mention
from marsad.text.normalize import NormalizedText
from marsad.text.positions import SpanSet, count_at_most, count_below
from marsad.text.segment import Span, clauses, sentences

ACTOR_LABELS: Final = (Label.ORG, Label.GROUP)
_BEFORE_DEPTH: Final = 8  # words_before keeps this many words per position


@dataclass(slots=True)
class Unit:
    """A sentence with its clauses (split when first asked for: most sentences hold no trigger)."""

    sentence: Span
    text: str
    split: list[Span] | None = None
    unbroken: tuple[tuple[int, int], ...] = ()  # spans no clause boundary may cut (TIME mentions)

    @property
    def clauses(self) -> list[Span]:
        if self.split is None:
            split = clauses(self.text, self.sentence)
            for lo, hi in self.unbroken:
                # "ليل السبت - الأحد": a dash inside a time joins the clauses on either side of it
                inside = [i for i, c in enumerate(split) if c.end > lo and c.start < hi]
                if len(inside) > 1:
                    first, last = inside[0], inside[-1]
                    split[first : last + 1] = [Span(split[first].start, split[last].end)]
            self.split = split
        return self.split

    def clause_at(self, pos: int) -> Span:
        for clause in self.clauses:
            if clause.start <= pos < clause.end:
                return clause
        return self.sentence


class DocContext:
    """Indexes over one processed document."""

    def __init__(
        self, doc: Document, view: NormalizedText, kb_actors: Mapping[str, Actor] | None = None
    ) -> None:
        self.doc = doc
        self.kb_actors: Mapping[str, Actor] = kb_actors or {}
        self.text = doc.text
        self.view = view
        self.units = [Unit(s, doc.text) for s in sentences(doc.text)]
        self._unit_starts = [u.sentence.start for u in self.units]
        ordered = sorted(doc.mentions, key=lambda m: (m.start, m.end))
        self.actors = [m for m in ordered if m.label in ACTOR_LABELS and m.entity]
        self._longest_actor = max((m.end - m.start for m in self.actors), default=0)  # characters
        self.places = [m for m in ordered if m.label == Label.PLACE and m.entity]
        self.times = [m for m in ordered if m.label == Label.TIME]
        for time in self.times:
            if any(c in time.text for c in "-–,،"):
                unit = (
                    self.units[max(0, count_at_most(self._unit_starts, time.start) - 1)]
                    if self.units
                    else None
                )
                if unit is not None:
                    unit.unbroken += ((time.start, time.end),)
        self.persons = [m for m in ordered if m.label == Label.PERSON]
        self.names = [m for m in ordered if m.label != Label.TIME]
        self.author = doc.author.organization if doc.author else None
        self._starts = {
            id(group): [m.start for m in group]
            for group in (self.actors, self.places, self.times, self.persons)
        }
        self._named = bytearray(len(doc.text) + 1)  # 1 where an actor, person or place name stands
        for m in self.names:
            self._named[m.start : m.end] = b"\x01" * (m.end - m.start)
        self.cache: dict[object, object] = {}  # per-document memo for the extractor
        self.person_forces: Mapping[str, str] = {}  # KB person id -> the organization he leads or speaks for
        self._before: dict[int, list[str]] = {}
        self._token_starts, self._token_ends = _token_spans(doc.text)
        self.triggers: list[TriggerHit] = []  # the document's accepted triggers, in text order
        self._trigger_starts: list[int] = []
        self.longest_trigger = 0  # characters of the longest accepted trigger
        self.hits: list[TriggerHit] = []  # every trigger word found, accepted or not, in text order
        self._hit_starts: list[int] = []

    def set_triggers(self, hits: list[TriggerHit]) -> None:
        """Record the triggers the extractor accepted, for ``triggers_within``."""
        self.triggers = sorted(hits, key=lambda h: h.start)
        self._trigger_starts = [h.start for h in self.triggers]
        self.longest_trigger = max((h.end - h.start for h in hits), default=0)

    def set_hits(self, hits: list[TriggerHit]) -> None:
        """Record every trigger word the matcher found, for ``hits_within``."""
        self.hits = sorted(hits, key=lambda h: h.start)
        self._hit_starts = [h.start for h in self.hits]

    def hits_within(self, lo: int, hi: int) -> list[TriggerHit]:
        """Trigger words, accepted as events or not ("مقتل" told as an outcome), that start in [lo, hi)."""
        return self.hits[count_below(self._hit_starts, lo) : count_below(self._hit_starts, hi)]

    def triggers_within(self, lo: int, hi: int) -> list[TriggerHit]:
        """Accepted triggers that start inside [lo, hi)."""
        return self.triggers[count_below(self._trigger_starts, lo) : count_below(self._trigger_starts, hi)]

    def unit_at(self, pos: int) -> tuple[int, Unit]:
        """Index and unit of the sentence holding original offset ``pos``."""
        i = max(0, count_at_most(self._unit_starts, pos) - 1)
        return i, self.units[i] if self.units else Unit(
            Span(0, len(self.text)), self.text, [Span(0, len(self.text))]
        )

    def inside_name(self, start: int, end: int) -> bool:
        """Does the span overlap an actor, person or place name ("تحرير" in "هيئة تحرير الشام")?"""
        return self._named.find(1, start, end) != -1

    def actors_at(self, pos: int) -> list[Mention]:
        """Actor mentions that start at original offset ``pos`` (or one or two letters after it, past a
        proclitic)."""
        i = count_below(self._starts[id(self.actors)], pos)
        return [m for m in self.actors[i : i + 3] if pos <= m.start <= pos + 2]

    def add_actors(self, extra: list[Mention]) -> None:
        """Actor mentions the extractor reads that are not name mentions of the document (an indefinite
        national description: "طائرات حربية روسية")."""
        if not extra:
            return
        # a description holding a shorter name replaces it: "للعدوان الأمريكي" is the US, not "العدوان";
        # so does one of the same words read otherwise ("العدوان" after "العدوان الأمريكي")
        inside = [
            (
                m,
                [
                    a
                    for a in self.within(self.actors, m.start, m.end)
                    if (a.start, a.end) != (m.start, m.end) or a.entity != m.entity
                ],
            )
            for m in extra
        ]
        held = {id(a) for _, names in inside for a in names}
        kept = [a for a in self.actors if id(a) not in held]
        taken = SpanSet([(a.start, a.end) for a in kept])
        fresh = [m for m in extra if not taken.overlaps(m.start, m.end)]
        # a name stays when its description does not (it overlapped another name)
        lost = [a for m, names in inside if m not in fresh for a in names]
        if fresh:
            self.actors = sorted([*kept, *lost, *fresh], key=lambda m: (m.start, m.end))
            self._starts[id(self.actors)] = [m.start for m in self.actors]
            self._longest_actor = max(m.end - m.start for m in self.actors)

    def actors_before(self, pos: int) -> Iterator[Mention]:
        """The actor mentions that lie before ``pos`` (``within(actors, 0, pos)``), latest first, read back
        from ``pos`` rather than from the document's start."""
        i = count_below(self._starts[id(self.actors)], pos)  # the mentions that start before pos
        while i > 0:
            i -= 1
            m = self.actors[i]
            if m.end <= pos:
                yield m

    def first_actor_ending_near(self, pos: int, reach: int) -> int:
        """Index in ``actors`` from which a pass that skips mentions starting more than ``reach``
        characters before ``pos``, and stops at the first ending after ``pos``, may begin: the first that
        starts within reach, unless a mention before it is long enough to end after ``pos``."""
        return count_below(self._starts[id(self.actors)], pos - max(reach, self._longest_actor))

    def index(self, mentions: list[Mention]) -> None:
        """Let ``within`` answer for another sorted list of mentions by bisection."""
        self._starts[id(mentions)] = [m.start for m in mentions]

    def within(self, mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
        """Mentions of one of the indexed groups that lie inside [lo, hi)."""
        starts = self._starts.get(id(mentions))
        if starts is None:
            return [m for m in mentions if lo <= m.start and m.end <= hi]
        i = count_below(starts, lo)
        out: list[Mention] = []
        while i < len(mentions) and mentions[i].start < hi:
            if mentions[i].end <= hi:
                out.append(mentions[i])
            i += 1
        return out

    def line_start(self, pos: int) -> int:
        """Where the line or sentence holding original offset ``pos`` begins, whichever is later."""
        return max(self.unit_at(pos)[1].sentence.start, self.text.rfind("\n", 0, pos) + 1)

    def tokens_between(self, start: int, end: int) -> int:
        """``len(text[start:end].split())`` from an index: the whitespace-separated tokens that
        overlap [start, end), a token cut by either edge counting once."""
        if end <= start:
            return 0
        return count_below(self._token_starts, end) - count_at_most(self._token_ends, start)

    def distance(self, start: int, end: int) -> int:
        """``tokens_between`` without the words of TIME and PERSON mentions inside: "اختُطف الصحفي فؤاد
        أحمد الحكيمي يوم الخميس الماضي … على يد" is as near as "اختُطف الصحفي … على يد"."""
        if end <= start:
            return 0
        spans = [*self.within(self.times, start, end), *self.within(self.persons, start, end)]
        return self.tokens_between(start, end) - sum(self.tokens_between(m.start, m.end) for m in spans)

    def words_before(self, pos: int, n: int = 3) -> list[str]:
        """Folded words before original offset ``pos`` (nearest last), not crossing punctuation and at
        most 60 characters back, read from the view's word index. The nearest ``_BEFORE_DEPTH`` words
        are worked out once per position; fewer are a slice of them."""
        cached = self._before.get(pos)
        if cached is None:
            cached = self._before[pos] = self.view.words.before(self.view.to_view(pos), _BEFORE_DEPTH)
        if n >= _BEFORE_DEPTH:
            return self.view.words.before(self.view.to_view(pos), n) if n > _BEFORE_DEPTH else cached[:]
        return cached[-n:] if n > 0 else []  # a fresh list: callers may pop from it

    def folded(self, lo: int, hi: int) -> str:
        """The normalized (folded) text of original offsets [lo, hi), read from the view."""
        hi = min(hi, len(self.text))
        if lo >= hi:
            return ""
        return self.view.text[self.view.to_view(lo) : self.view.to_view(hi)]

    def attached_prefix(self, mention: Mention) -> str:
        """Letters written attached before a mention ("ل" in "لقوات", "و" in "والهيئة")."""
        i = mention.start
        while i > 0 and self.text[i - 1].isalpha() and mention.start - i < 3:
            i -= 1
        return self.text[i : mention.start].replace("\u0640", "")  # without tatweel ("لـقوات")

    def salient_other(self, pos: int, exclude: set[str | None]) -> str | None:
        """ "They": the most recent actor named before ``pos`` that is not excluded (not "we")."""
        for m in reversed(self.actors):
            if m.end <= pos and m.entity not in exclude:
                return m.entity
        return None


# Word helpers shared by the steps.

NUMBER_WORDS: Final = frozenset(
    {
        "ثلاثه",
        "اربعه",
        "خمسه",
        "سته",
        "سبعه",
        "ثمانيه",
        "تسعه",
        "عشره",
        "عشرات",
        "اثنان",
        "اثنين",
        "مدني",
        "مدنيان",
    }
)


WORD_RUN: Final = re.compile(r"\S+")


def strip_and(word: str) -> str:
    """A word without an attached و ("وقوة" -> "قوه")."""
    return word[1:] if len(word) > 3 and word[0] == "و" else word


def is_number(word: str) -> bool:
    """Digits or a number word ("ثلاثه", "عشرات")."""
    return word.isdigit() or word in NUMBER_WORDS


def _token_spans(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the whitespace-separated tokens of ``text`` (``str.split()``'s pieces): each
    token stands at the first place it is found after the one before, as only white space is between."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for token in text.split():
        pos = text.find(token, pos)
        starts.append(pos)
        pos += len(token)
        ends.append(pos)
    return starts, ends
