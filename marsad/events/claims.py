"""Who says so: the outlets and organizations an event is reported by, and denials linked to the
claims they dispute."""

from __future__ import annotations

from typing import Final

from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.lexicon import VERBAL_TYPES, EventCues
from marsad.model import Entity, Event
from marsad.text.normalize import normalize_key
from marsad.text.positions import count_at_most, count_below
from marsad.text.words import first_words


def reporters(ctx: DocContext, cues: EventCues, s_lo: int, pos: int) -> list[str]:
    """Who states the event: "وفق المرصد", "قال المرصد", else the document's author or agency."""
    for m in ctx.within(ctx.actors, s_lo, min(len(ctx.text), pos + 200)):
        words = ctx.words_before(m.start, 3)
        if m.start < pos and ctx.attached_prefix(m).startswith("ل") and set(words[-3:]) & _SOURCE_OF:
            return [m.entity or ""]  # "مصدر عسكري لـالمسيرة: …": a source speaking to or for X
        if words and (
            words[-1] in cues.according_to
            or " ".join(words[-2:]) in cues.according_to
            or (
                (words[-1] in cues.reporting or (words[-1][:1] in "وف" and words[-1][1:] in cues.reporting))
                and m.start < pos
            )  # "قالت قوات حفتر إن…", "وقالت"
        ):
            return [m.entity or ""]
    return [ctx.author] if ctx.author else []


# A source named as speaking for or to an actor: "مصدر عسكري لـالمسيرة", "متحدث باسم…".
_SOURCE_OF: Final = frozenset({"مصدر", "مصادر", "متحدث", "المتحدث", "ناطق", "الناطق"})


def link_disputes(events: list[Draft], denials: frozenset[str], ctx: DocContext) -> None:
    """A denial ("تنكر وتكذب تدخلنا", "نفى المرصد") disputes the claim it names right after it, or the
    latest earlier event; both sides record the link."""
    words = [normalize_key(e.hit.text) for e in events]
    if not any(w in denials or w[1:] in denials for w in words):
        return
    earlier = _EarlierEvents(events)
    for i, d in enumerate(events):
        word = words[i]
        if word in denials or word[1:] in denials:
            d.event.type = "REJECT"
            # the claim named right after the denial
            claim = next(
                (n for n in earlier.starting_after(i, d.hit.end, 25) if words[n] not in denials), None
            )
            denied = first_words(ctx.folded(d.hit.end, d.hit.end + 30), 3)
            ours = next((w for w in denied if w.endswith("نا") and len(w) > 4), None)
            target: Draft | None = None
            if ours and ctx.author:  # "تنكر وتكذب تدخلنا": our action, told before
                target = events[earlier.last_ours] if earlier.last_ours >= 0 else None
            elif claim is not None:  # the denied claim, told again: dispute its first telling
                first = earlier.first_of_type.get(events[claim].event.type)
                target = events[first] if first is not None else events[claim]
            elif (retold := earlier.first_telling_at(i, d.hit.start)) >= 0:
                # the claim was told again in the denial's clause and joined its first telling
                target = events[retold]
            elif earlier.last_not_rejection >= 0:
                target = events[earlier.last_not_rejection]
            if target is not None:
                d.event.disputes = target.event.id
                target.event.disputed_by.append(d.event.id)
                if d.event.actor2 is None:
                    d.event.actor2 = _claimant(target.event, d.event.actor1, ctx.author, ctx.doc.entities)
        earlier.passed(i, ctx.author)


class _EarlierEvents:
    """What ``link_disputes`` asks of the events before the one it reads, kept up to date as it moves on
    (a denial's type becomes REJECT when it is read), and the events by trigger and evidence offsets: a
    long document is not read back to its start for every denial."""

    def __init__(self, events: list[Draft]) -> None:
        self.events = events
        self.first_of_type: dict[str, int] = {}  # the first event of each type
        self.last_ours = -1  # the latest non-verbal event of the document's author
        self.last_not_rejection = -1  # the latest event that is no denial
        by_start = sorted((e.hit.start, j) for j, e in enumerate(events))
        self._trigger_starts = [start for start, _ in by_start]
        self._by_trigger = [j for _, j in by_start]
        told = sorted((x.start, x.end, j) for j, e in enumerate(events) for x in e.event.evidence)
        self._told_starts = [start for start, _, _ in told]
        self._told = told
        self._longest_telling = max((end - start for start, end, _ in told), default=0)

    def passed(self, i: int, author: str | None) -> None:
        """Event ``i`` has been read: its type is final."""
        ev = self.events[i].event
        self.first_of_type.setdefault(ev.type, i)
        if author and ev.actor1 == author and ev.type not in VERBAL_TYPES:
            self.last_ours = i
        if ev.type != "REJECT":
            self.last_not_rejection = i

    def starting_after(self, i: int, pos: int, reach: int) -> list[int]:
        """The events after ``i`` (in list order) whose trigger starts in [pos, pos + reach)."""
        lo = count_below(self._trigger_starts, pos)
        hi = count_below(self._trigger_starts, pos + reach)
        return sorted(j for j in self._by_trigger[lo:hi] if j > i)

    def first_telling_at(self, i: int, pos: int) -> int:
        """The first event before ``i`` that is no verbal event and whose evidence holds ``pos``; -1 if
        none."""
        lo = count_below(self._told_starts, pos - self._longest_telling)  # no longer telling starts before
        hi = count_at_most(self._told_starts, pos)
        found = [
            j
            for _, end, j in self._told[lo:hi]
            if end > pos and j < i and self.events[j].event.type not in VERBAL_TYPES
        ]
        return min(found, default=-1)


def _claimant(
    claim: Event, denier: str | None, author: str | None, entities: dict[str, Entity]
) -> str | None:
    """Whom a denial answers: the party that made the claim (the accuser of an accusation, the outlet or
    party that reported a happening), unless that is the denier itself or the narrator."""
    if claim.type in VERBAL_TYPES:
        party = claim.actor1
    else:
        party = next((r for r in claim.reported_by if r not in ("author", author)), None)
        if party is not None and party not in entities:
            return None
        kind = entities[party].attrs.get("type") if party is not None else None
        if kind in ("other", "media", "monitor", "agency", "human-rights"):
            return None  # a monitor or an agency reports; the denial answers no party
    return party if party not in (None, denier) else None
