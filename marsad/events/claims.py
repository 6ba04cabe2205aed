"""Who says so: the outlets and organizations an event is reported by, and denials linked to the
claims they dispute."""

from __future__ import annotations

from marsad.events.context import DocContext, fold_word
from marsad.events.draft import Draft
from marsad.events.lexicon import VERBAL_TYPES, EventCues
from marsad.model import Entity, Event


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
_SOURCE_OF = frozenset({"مصدر", "مصادر", "متحدث", "المتحدث", "ناطق", "الناطق"})


def link_disputes(events: list[Draft], denials: frozenset[str], ctx: DocContext) -> None:
    """A denial ("تنكر وتكذب تدخلنا", "نفى المرصد") disputes the claim it names right after it, or the
    latest earlier event; both sides record the link."""
    for i, d in enumerate(events):
        word = fold_word(d.hit.text)
        if word not in denials and word[1:] not in denials:
            continue
        d.event.type = "REJECT"
        claim = next(
            (
                n
                for n in events[i + 1 :]
                if 0 <= n.hit.start - d.hit.end < 25 and fold_word(n.hit.text) not in denials
            ),
            None,
        )
        denied = ctx.folded(d.hit.end, d.hit.end + 30).split()
        ours = next((w for w in denied[:3] if w.endswith("نا") and len(w) > 4), None)
        if ours and ctx.author:  # "تنكر وتكذب تدخلنا": our action, told before
            target = next(
                (
                    p
                    for p in reversed(events[:i])
                    if p.event.actor1 == ctx.author and p.event.type not in VERBAL_TYPES
                ),
                None,
            )
        elif claim is not None:  # the denied claim, told again: dispute its first telling
            target = next((p for p in events[:i] if p.event.type == claim.event.type), claim)
        elif (
            retold := next(
                (
                    p
                    for p in events[:i]
                    if p.event.type not in VERBAL_TYPES
                    and any(x.start <= d.hit.start < x.end for x in p.event.evidence)
                ),
                None,
            )
        ) is not None:
            target = retold  # the claim was told again in the denial's clause and joined its first telling
        else:
            target = next((p for p in reversed(events[:i]) if p.event.type != "REJECT"), None)
        if target is not None:
            d.event.disputes = target.event.id
            target.event.disputed_by.append(d.event.id)
            if d.event.actor2 is None:
                d.event.actor2 = _claimant(target.event, d.event.actor1, ctx.author, ctx.doc.entities)


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
