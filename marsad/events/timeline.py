"""When it happened: each event's date and ACLED time precision, from its own time words or carried
along the narrative; never an invented date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.lexicon import VERBAL_TYPES
from marsad.events.places import in_spans, other_event_clauses
from marsad.model import Mention
from marsad.text.normalize import normalize_key
from marsad.text.words import first_words

_PRECISION: Final = {"day": 1, "week": 2, "month": 3}


def assign_time(ctx: DocContext, draft: Draft, s_lo: int, s_hi: int) -> None:
    """The TIME mention of the sentence nearest to the trigger, leaving out those of another event's
    clause ("مقتل الشاب تحت التعذيب …، بعد اعتقاله منذ عام 2019": the year dates the arrest)."""
    times = ctx.within(ctx.times, s_lo, s_hi)
    if draft.event.type in VERBAL_TYPES:
        # "ونحمّل روسيا المسؤولية عن المجزرة التي ارتكبتها طائراتها مساء أمس": the time after the deed a
        # statement speaks of dates that deed, not the statement
        deeds = [h for h in ctx.triggers_within(draft.hit.end, s_hi) if h.trigger.type not in VERBAL_TYPES]
        if deeds:
            times = [m for m in times if m.start < deeds[0].start]
    others = other_event_clauses(ctx, draft, s_lo, s_hi)
    own = [m for m in times if not in_spans(m, others)]
    times = own or ([] if times and all(in_spans(m, others) for m in times) and others else times)
    # "بعد احتجاز دام أربعة أشهر": a bare duration dates nothing when a time of day or date is named
    times = [m for m in times if m.attrs.get("value") or m.attrs.get("relative")] or times
    # "في جنيف في 23 أكتوبر 2020، أفرجت قوات الوفاق أمس عن 12 محتجزاً": the trigger's own clause first
    times = [m for m in times if draft.clause_start <= m.start < draft.clause_end] or times
    if times:
        draft.time_mention = min(times, key=lambda m: abs(m.start - draft.hit.start))


def resolve_timeline(events: list[Draft], ctx: DocContext) -> None:
    """Dates from the text or the publication date; relative times ("في اليوم التالي") anchored on the
    previous event, resolved when that event's date is known. Never invented."""
    doc = ctx.doc
    previous: Draft | None = None
    for d in events:
        ev = d.event
        m = d.time_mention or _list_header_time(ctx, d)
        if m is not None and _span_since_deed(ctx, m, d):
            # "بعد أسبوعين من اعتقاله": the deed lies that span before the time of its sentence
            anchor = previous.event.date if previous is not None and previous.sentence == d.sentence else None
            span = m.attrs.get("duration") or {}
            days = 0 if span.get("hours") else span.get("days") or 7 * (span.get("weeks") or 0) or None
            base = anchor or (doc.published or "")[:10] or None
            ev.date = _shift(base, {"direction": "before", "days": days}) if days is not None else None
            ev.time_precision = 2 if ev.date else None
            ev.time = {"text": m.text, "start": m.start, "end": m.end, "relation": "before"}
            continue  # background to its sentence: the narrative goes on in the time it had
        since = m is not None and normalize_key(m.text).startswith(("منذ", "ومنذ"))
        if m is not None and (not _fixes_a_day(m.attrs) or (since and "W" in str(m.attrs.get("value")))):
            m = None  # "منذ أسابيع", "لساعات", "مستمرة منذ أسبوعين": a span of time that fixes no day
        if m is not None:
            attrs = m.attrs
            value = attrs.get("value")
            relative: dict[str, Any] | None = attrs.get("relative")
            if value and len(value) >= 10 and value[4] == "-":
                ev.date = value[:10]
                ev.time_precision = _PRECISION.get(attrs.get("precision") or "day", 1)
                ev.time = {"text": m.text, "start": m.start, "end": m.end}
                if relative and relative.get("anchor") == "previous" and previous is not None:
                    # "في اليوم التالي" dated by the recognizer from the previous time: keep the relation too
                    ev.time.update(
                        anchor=previous.event.id or None,
                        relation=relative.get("direction"),
                        **{k: relative[k] for k in ("days", "hours") if k in relative},
                    )
            elif value and len(value) == 8 and value[4:6] == "-W" and value[6:].isdigit() and not since:
                # "الأسبوع الماضي": the Thursday of that ISO week (ACLED precision 2)
                ev.date = date.fromisocalendar(int(value[:4]), int(value[6:]), 4).isoformat()
                ev.time_precision = 2
                ev.time = {"text": m.text, "start": m.start, "end": m.end}
            elif value and len(value) == 7:  # a month
                ev.date, ev.time_precision = value + "-15", 3
                ev.time = {"text": m.text, "start": m.start, "end": m.end}
            elif relative and relative.get("anchor") == "previous" and previous is not None:
                ev.time = {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "anchor": previous.event.id or None,
                    "relation": relative.get("direction"),
                    **{k: relative[k] for k in ("days", "hours") if k in relative},
                }
                ev.date, ev.time_precision = (
                    _shift(previous.event.date, relative),
                    previous.event.time_precision,
                )
            else:
                ev.time = {"text": m.text, "start": m.start, "end": m.end}
                if doc.published and _within_day(attrs):
                    # "الساعه ٧ مساءا", "خلال الساعات الأربع والعشرين الماضية": an hour of the day of
                    # the report, told as current news
                    ev.date, ev.time_precision = doc.published[:10], 1
                elif doc.published and (span := _recent_span(relative)) is not None:
                    # "خلال الأيام الثلاثة الماضية": the span's first day, within a week (or a month);
                    # a saying is made on the day of the report, whatever span the deed it names took
                    verbal = ev.type in VERBAL_TYPES
                    ev.date = _shift(
                        doc.published[:10], {"direction": "before", "days": 0 if verbal else span}
                    )
                    ev.time_precision = 2 if span <= 7 or verbal else 3
        elif (
            ev.type in VERBAL_TYPES
            and doc.published
            and doc.author is not None
            and ev.actor1 is not None
            and ev.actor1 == doc.author.organization
        ):
            # "ونحمّل …", "وننفي …": what the signer says, it says on the day of its statement
            ev.date, ev.time_precision = doc.published[:10], 1
            ev.time = {"anchor": "publication", "relation": "on"}
        elif (after := _after_the_deed(ctx, d, events)) is not None:
            # "وعقب الهجوم، أطلقت قسد حملة تمشيط": just after a happening told before, on its day
            ev.date, ev.time_precision = after.event.date, max(2, after.event.time_precision or 2)
            ev.time = {"anchor": after.event.id or None, "relation": "after"}
        elif previous is not None and (
            previous.sentence == d.sentence
            or (d.sentence - previous.told_last <= 3 and _simultaneous(ctx, d))
            or (
                d.sentence - previous.told_last <= _NARRATIVE_REACH
                and ev.type not in VERBAL_TYPES
                and previous.event.type not in VERBAL_TYPES
                and previous.event.date is not None
                and (
                    "text" in (previous.event.time or {})
                    or (previous.event.time or {}).get("relation") == "after"
                )
            )
        ):
            # the sentence's time holds for every event it tells; a report goes on in the time it set
            # ("… فجر الخميس 15 حزيران. كما استهدف قناصة التنظيم …")
            ev.date, ev.time_precision, ev.time = (
                previous.event.date,
                previous.event.time_precision,
                previous.event.time,
            )
        elif doc.published:
            # Told as current news with no time of its own: the week of publication (ACLED precision 2).
            ev.date, ev.time_precision = doc.published[:10], 2
            ev.time = {"anchor": "publication", "relation": "before"}
        previous = d


_JUST_AFTER: Final = frozenset({"عقب", "بعد", "اثر", "غداه", "اعقاب", "جراء"})


def _after_the_deed(ctx: DocContext, d: Draft, events: list[Draft]) -> Draft | None:
    """The dated happening of another kind told before that opens ``d``'s sentence as "عقب الهجوم",
    "بعد الاشتباكات", "إثر ذلك"."""
    _, unit = ctx.unit_at(d.hit.start)
    words = [
        w.removeprefix("و").removeprefix("ف")
        for w in first_words(ctx.folded(unit.sentence.start, d.hit.start), 3)
    ]
    opening = next(
        (i for i, w in enumerate(words[:2]) if w.removeprefix("في").removeprefix("ب") in _JUST_AFTER), None
    )
    if opening is None or opening + 1 >= len(words):
        return None
    if not (words[opening + 1].startswith("ال") or words[opening + 1].rstrip("،,") in ("ذلك", "ذاك")):
        return None
    earlier = [
        p for p in events if p.sentence < d.sentence and p.event.date and p.event.type not in VERBAL_TYPES
    ]
    return earlier[-1] if earlier else None


def _simultaneous(ctx: DocContext, d: Draft) -> bool:
    """Does the event's sentence open by saying it happened at the same time as what came before
    ("وبالتزامن، قصفت…", "وفي الأثناء", "في غضون ذلك")?"""
    start = ctx.unit_at(d.hit.start)[1].sentence.start
    return ctx.folded(start, start + 24).lstrip().startswith(_AT_THE_SAME_TIME)


# Openings of a sentence that tell something happening at the time of what was told before.
_AT_THE_SAME_TIME: Final = (
    "وبالتزامن",
    "بالتزامن",
    "وفي الاثناء",
    "في الاثناء",
    "في غضون ذلك",
    "وفي غضون ذلك",
    "وفي الوقت نفسه",
)


# How many sentences on a report still goes on in the time its last dated event set.
_NARRATIVE_REACH: Final = 1


def _within_day(attrs: dict[str, Any]) -> bool:
    """A TIME mention without a calendar value that stays inside one day: a clock time, a part of the
    day, a span of hours."""
    return attrs.get("kind") == "time-of-day" or attrs.get("precision") == "hour"


def _span_since_deed(ctx: DocContext, m: Mention, d: Draft) -> bool:
    """Is ``m`` a span of time right before "من"/"على" and the event noun ("بعد أسبوعين من اعتقاله",
    "بعد أكثر من عامين على اعتقالهما")?"""
    if m.attrs.get("kind") != "duration" or m.end > d.hit.start or d.hit.trigger.pos != "noun":
        return False
    if not normalize_key(m.text).startswith(("بعد", "وبعد")):
        return False
    return ctx.folded(m.end, d.hit.start - len(d.hit.prefix)).split() in (["من"], ["علي"])


def _fixes_a_day(attrs: dict[str, Any]) -> bool:
    """Does a time mention give a day, itself or from the previous time ("بعد يومين", "المساء")?"""
    relative = attrs.get("relative") or {}
    return bool(
        attrs.get("value")
        or _within_day(attrs)
        or isinstance(relative.get("days"), int)
        or relative.get("direction") in ("same", "within")
        or "hours" in relative
    )


def _list_header_time(ctx: DocContext, d: Draft) -> Mention | None:
    """The day of the bullet item an event is told in: its own, before its trigger ("- في 14 شباط، توفي"),
    else the one its list's header names ("📅 حصاد الأربعاء 13 مارس:" over "🔸 قصف حوثي بقذائف الهاون على
    حي الجحملية"): the header's last time that fixes a day."""
    text = ctx.text
    start = text.rfind("\n", 0, d.hit.start) + 1
    if not _bulleted(text[start : d.hit.start]):
        return None
    own = [m for m in ctx.within(ctx.times, start, d.hit.start) if _fixes_a_day(m.attrs)]
    if own:
        return own[-1]  # "- في 14 شباط، توفي المعتقل…": the item's own day, before its verb
    for _ in range(20):
        if start == 0:
            return None
        prev_start = text.rfind("\n", 0, start - 1) + 1
        line = text[prev_start : start - 1].strip()
        if line.endswith(":"):
            days = [m for m in ctx.within(ctx.times, prev_start, start - 1) if _fixes_a_day(m.attrs)]
            return days[-1] if days else None
        if line and not _bulleted(line):
            return None
        start = prev_start
    return None


def _bulleted(line: str) -> bool:
    """Does the line open with a list marker (an emoji, a dash, a bullet) rather than a word?"""
    line = line.lstrip()
    return bool(line) and not line[0].isalnum() and line[0] not in '#«"('


def _recent_span(relative: dict[str, Any] | None) -> int | None:
    """Days of a recent span before publication ("خلال الأيام الثلاثة الماضية", "خلال الأسبوعين
    الماضيين"), up to a month; None for any other time."""
    if not relative or relative.get("anchor") != "publication" or relative.get("direction") != "within":
        return None
    days = relative.get("days") or 7 * (relative.get("weeks") or 0)
    return days if isinstance(days, int) and 0 < days <= 31 else None


def _shift(anchor: str | None, relative: dict[str, Any]) -> str | None:
    if not anchor:
        return None
    days = relative.get("days")
    if not isinstance(days, int):
        # "المساء" (the same day), "بعد ساعات", "بعد 12 ساعة": within the anchor's day
        same_day = relative.get("direction") == "same" or "hours" in relative
        return anchor if same_day else None
    sign = -1 if relative.get("direction") == "before" else 1
    return (date.fromisoformat(anchor) + timedelta(days=sign * days)).isoformat()
