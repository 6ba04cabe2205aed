"""The two parties of an agreement: "اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا", "الموقع بين
تركيا وروسيا", "توصل الطرفان إلى اتفاق", "وكانت بغداد وأربيل قد وقّعتا اتفاقاً", "اتفق الجيش العراقي
والبيشمركة". ACLED codes an agreement with its two signatories as actor1 and actor2, not with the body
that announces it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.subjects import acting_state
from marsad.text.normalize import normalize_key

# Words after an agreement's noun that open a clause naming who made it: "الذي توصلت إليه", "الموقع بين".
_MADE_BY: Final = frozenset(
    {"الذي", "التي", "الموقع", "الموقعه", "المبرم", "المبرمه", "وقعته", "وقعتها", "ابرمته", "ابرمتها"}
)
# Verbs and particles of making an agreement, skipped on the way to its parties.
_MAKING: Final = frozenset(
    {"توصلت", "توصل", "توصلا", "توصلتا", "وقعت", "وقع", "وقعه", "وقعها", "وقعته", "وقعتها", "ابرمت", "ابرم"}
    | {"اعلنت", "اعلن", "اعلنته", "رعته", "رعاه", "اليه", "اليها", "بين", "كل", "من", "قد", "عليه"}
)
# Stems of the verbs and nouns of making an agreement: "وقّعتا", "أبرمتا", "توقيع", "إبرام".
_MAKING_STEMS: Final = ("وقع", "ابرم", "توقيع", "ابرام", "توصل")
# The two sides named as such: their parties are the sides of the fight told before.
_BOTH_SIDES: Final = frozenset({"الطرفين", "الطرفان", "الجانبين", "الجانبان"})


@dataclass(frozen=True)
class _Party:
    """An actor named in the text, or a state named by its country or capital, at [start, end)."""

    start: int
    end: int
    actor: str


def agreement_parties(ctx: DocContext, draft: Draft, previous: list[Draft]) -> tuple[str, str] | None:
    """The two parties an agreement's clause names, in the order named, or None."""
    hit = draft.hit
    _, unit = ctx.unit_at(hit.start)
    lo, hi = unit.sentence.start, min(unit.sentence.end, hit.end + 160)
    parties = _parties(ctx, lo, hi)
    after = [p for p in parties if p.start >= hit.end]
    # "رغم اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا", "الموقع بين تركيا وروسيا"
    words = ctx.folded(hit.end, hi).split()
    at = next((i for i, w in enumerate(words[:6]) if w in _MADE_BY or w == "بين"), None)
    if at is not None and after:
        pair = _pair(ctx, after, _skipping(words[at:]))
        if pair is not None:
            return pair
    # "توصل الطرفان إلى اتفاق", "اتفاق تهدئة بين الطرفين": the sides of the fight told before
    near = set(ctx.folded(max(lo, hit.start - 60), min(hi, hit.end + 60)).split())
    if near & _BOTH_SIDES:
        sides = _last_sides(previous, draft)
        if sides is not None:
            return sides
    # "اتفق الجيش العراقي والبيشمركة", "توقيع بغداد وأربيل اتفاق سنجار": coordinated right after it
    if after and ctx.tokens_between(hit.end, after[0].start) <= 2:
        pair = _pair(ctx, after, 0)
        if pair is not None:
            return pair
    # "وكانت روسيا وتركيا قد أبرمتا في أيلول 2018 اتفاقاً", "منذ توقيع بغداد وأربيل اتفاق سنجار":
    # coordinated right before, or before the verb of making it
    before = [p for p in parties if p.end <= hit.start - len(hit.prefix)]
    if len(before) >= 2 and _joined(ctx, before[-2], before[-1]):
        a, b = before[-2], before[-1]
        between = ctx.folded(b.end, hit.start - len(hit.prefix))
        made = any(w.lstrip("و").startswith(_MAKING_STEMS) for w in between.split())
        framed = any(w.lstrip("و").startswith(_MAKING_STEMS) for w in ctx.words_before(a.start, 2))
        if not any(c in between for c in "،,.:؛") and (
            ctx.tokens_between(b.end, hit.start) <= 2 or made or framed
        ):
            return a.actor, b.actor
    return None


def _parties(ctx: DocContext, lo: int, hi: int) -> list[_Party]:
    """Actors and acting states (countries, capitals, regional seats) in [lo, hi), in text order."""
    found = [_Party(m.start, m.end, m.entity) for m in ctx.within(ctx.actors, lo, hi) if m.entity]
    for m in ctx.within(ctx.places, lo, hi):
        actor = acting_state(ctx, m)
        if actor is not None and not any(p.start <= m.start < p.end for p in found):
            found.append(_Party(m.start, m.end, actor))
    return sorted(found, key=lambda p: p.start)


def _skipping(words: list[str]) -> int:
    """How many of ``words`` are the making verb and particles before the parties."""
    n = 0
    for w in words:
        if w in _MADE_BY or w in _MAKING or w.lstrip("و") in _MAKING:
            n += 1
        else:
            break
    return n


def _pair(ctx: DocContext, after: list[_Party], skipped: int) -> tuple[str, str] | None:
    """The first party within reach and the one joined to it by و."""
    first = after[0]
    if len(after) < 2 or not _joined(ctx, first, after[1]) or first.actor == after[1].actor:
        return None
    return (first.actor, after[1].actor) if skipped <= 8 else None


def _joined(ctx: DocContext, a: _Party, b: _Party) -> bool:
    """Is ``b`` joined to ``a`` by و, with at most one word between ("ومسؤولين من أربيل")?"""
    gap = ctx.text[a.end : b.start]
    words = gap.split()
    attached = ctx.text[b.start - 1 : b.start] == "و" or (
        words[:1] and normalize_key(words[0]).startswith("و")
    )
    return bool(attached) and len(words) <= 2 and not any(c in gap for c in ".،,:؛\n")


def _last_sides(previous: list[Draft], draft: Draft) -> tuple[str, str] | None:
    """The two sides of the latest fight told within three sentences before."""
    for d in reversed(previous):
        if draft.sentence - d.sentence > 3:
            break
        e = d.event
        if e.type == "ASSAULT" and e.actor1 and e.actor2 and e.actor1 != e.actor2:
            return e.actor1, e.actor2
    return None
