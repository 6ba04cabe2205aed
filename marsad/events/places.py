"""Where it happened: the event's place among the places the text mentions, from locative cues,
the trigger's clause, the sentence's opening and the places told before."""

from __future__ import annotations

import re
from typing import Final

from marsad.events.actors import GOVERNING
from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.lexicon import VERBAL_TYPES
from marsad.events.subjects import (
    DIRECTIONS,
    acting_places,
)
from marsad.model import Mention
from marsad.text.words import with_prefixes

# Nouns of a kind of place inside a list of places ("وبلدات حرستا", "وقرية الباسوطة").
PLACE_HEADS: Final = frozenset(
    {
        "مدينه",
        "بلده",
        "بلدات",
        "بلدتي",
        "قريه",
        "قري",
        "قريتي",
        "حي",
        "احياء",
        "محيط",
        "مدينتي",
        "مخيم",
        "ريف",
    }
)


# Verbal events whose clause names places of others (whom they address, what they are about), not theirs.
_SAID_NOWHERE: Final = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def assign_place(ctx: DocContext, draft: Draft, s_lo: int, s_hi: int, previous: list[Draft]) -> None:
    """The event's place: after the trigger in its clause, else before it in the clause (the place a
    locator phrase describes, not the locator: "ترهونة جنوب شرقي طرابلس"), else a governorate the clause
    names, else in the sentence (after, then before) outside the clauses of other events; countries only
    when nothing finer is named; else the place of the previous event when it is at most two sentences
    back. "المدينة", "البلدة" stand for the town named before; destinations ("باتجاه مصراتة") and
    origins of fire ("مصدره مواقع قسد في العريمة") are not where the event happens."""
    hit = draft.hit
    places = _places_with_anaphors(ctx)
    if draft.event.type in _SAID_NOWHERE:
        # "ندعو السلطات في طرابلس", "نحمّل فرع الأمن العسكري في السويداء", "نفى الجيش استهداف مدنيين في
        # قرية…": the places of a demand, blame, denial or threat are its addressee's or its object's; the
        # place stays the scene a withdrawal told next can take ("طلبوا مؤازرات لسد نقاط في حلفايا")
        named = _pick_place(ctx, draft, ctx.within(places, hit.end, draft.clause_end))
        draft.scene = named.entity if named is not None else None
        return
    if draft.event.type in VERBAL_TYPES:
        # statements and talks have a place only when the clause names where they happened
        here = [
            m
            for m in ctx.within(ctx.places, hit.end, draft.clause_end)
            if ctx.words_before(m.start, 1)[-1:] == ["في"] and _kind(ctx, m) not in ("country", "admin1")
        ]
        if here:
            _set_place(draft, here[0])
        return
    clause_after = ctx.within(places, hit.end, draft.clause_end)
    found = _pick_place(ctx, draft, clause_after)
    if found is None:
        clause_before = _located_heads(ctx, ctx.within(places, draft.clause_start, hit.start))
        found = _pick_place(ctx, draft, clause_before)
        if found is None:
            regions = [
                m
                for m in clause_after + clause_before
                if _kind(ctx, m) == "admin1" and not _destination(ctx, m)
            ]
            found = regions[0] if regions else None  # "بقصف مواقع الجيش السوري في ريفي إدلب وحلب"
    if found is not None:
        _set_place(draft, found)
        draft.place_in_clause = True
        return
    if draft.event.type == "RETREAT" and draft.event.mode == "release":
        return  # "ثم أطلقوا سراح أحدهم بعد يومين": a release is placed only where its clause says
    opening = _opening_locative(ctx, s_lo, hit.start)
    if opening is not None:
        _set_place(draft, opening)  # "وفي ترهونة، التي انسحبت منها قوات حفتر، اعتقلت…": the sentence's
        return
    others = other_event_clauses(ctx, draft, s_lo, s_hi)
    sentence_after = [m for m in ctx.within(places, hit.end, s_hi) if not in_spans(m, others)]
    found = _pick_place(ctx, draft, sentence_after)
    if found is None:
        sentence_before = [
            m for m in _located_heads(ctx, ctx.within(places, s_lo, hit.start)) if not in_spans(m, others)
        ]
        found = _pick_place(ctx, draft, sentence_before)
    if found is not None:
        _set_place(draft, found)
        return
    regions = [
        m
        for m in ctx.within(ctx.places, s_lo, s_hi)
        if _kind(ctx, m) == "admin1" and not in_spans(m, others) and not _destination(ctx, m)
    ]
    if regions:
        _set_place(draft, regions[0])
        return
    countries = ctx.within(ctx.places, s_lo, s_hi)
    if countries and hit.trigger.type in ("PROTEST", "SANCTION"):
        _set_place(draft, countries[0])
        return
    if hit.trigger.type not in ("ASSAULT", "COERCE", "RETREAT"):
        return  # troops, protests and talks move to places of their own: no place from the sentences before
    item = _item_start(ctx, hit.start)
    recent = [
        p
        for p in previous[-4:]
        if (p.event.place or p.scene)
        and draft.sentence - p.sentence <= 2
        # "- في 18 تشرين الأول، أبلغت عائلة المعتقل…": a list item tells an incident of its own
        and (item is None or p.hit.start >= item)
    ]
    # the latest place a clause stated for its own event, rather than one only near it in the sentence
    stated = [p for p in recent if p.place_in_clause] or recent
    if stated:
        draft.event.place = stated[-1].event.place or stated[-1].scene
        draft.event.inferred.append("place")


_ITEM_MARK: Final = re.compile(r"\s*(?:[-–•▪◾▫*🔸🔹🔻📌⚡️]+|\d+[-.)]|[أ-ي][-.)])\s*")


def _item_start(ctx: DocContext, pos: int) -> int | None:
    """Where the dated list item holding ``pos`` starts: a line opening with a dash, a bullet or a number
    and then its day ("- في 18 تشرين الأول، …"), an incident of its own in a report's list."""
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    mark = _ITEM_MARK.match(ctx.text, line_start)
    if mark is None or not mark.group().strip():
        return None
    dated = ctx.within(ctx.times, mark.end(), mark.end() + 40)
    return line_start if dated and dated[0].start - mark.end() <= 4 else None


def _opening_locative(ctx: DocContext, s_lo: int, pos: int) -> Mention | None:
    """The place of a sentence that opens with "وفي X،" (before ``pos``), finer than a governorate."""
    first = ctx.within(ctx.places, s_lo, pos)[:1]
    if not first or _kind(ctx, first[0]) in ("country", "admin1"):
        return None
    lead = ctx.folded(s_lo, first[0].start).split()
    following = ctx.text[first[0].end : first[0].end + 2].lstrip()
    return first[0] if lead in (["وفي"], ["في"], ["ففي"]) and following[:1] in ("،", ",") else None


def _pick_place(ctx: DocContext, draft: Draft, options: list[Mention]) -> Mention | None:
    """The first place of ``options`` finer than a governorate where the event can be: not a
    destination, and for violence and deployments not an origin (an attack whose only places are
    origins keeps the first of them unless it is a named source of fire)."""
    fallback: Mention | None = None
    strict = draft.event.type in ("ASSAULT", "MOBILIZE")
    sourced = False
    for m in options:
        # "صد زحف واسع باتجاه صرواح": an advance is repelled where it was heading
        toward = _destination(ctx, m) and draft.hit.trigger.id not in GOVERNING
        if _kind(ctx, m) in ("country", "admin1") or toward or _hometown(ctx, m) or _dateline(ctx, m):
            continue
        if m.start in acting_places(ctx):
            continue  # "وكانت واشنطن قد اتهمت": the capital acted, nothing happened there
        if not strict:
            return m
        if _origin(ctx, m):
            fallback = fallback or m
            sourced = sourced or _fire_source(ctx, m)
            continue
        return m
    if fallback is not None and draft.event.type == "ASSAULT" and not sourced:
        return fallback
    return None


# Words that locate a place by another one: "ترهونة جنوب شرقي طرابلس", "الرشاد التابعة لقضاء المقدادية
# في محافظة ديالى", "بليون في جبل الزاوية"; the second place says where the first is.
_LOCATOR_WORDS: Final = frozenset(
    {
        "في",
        "التابعه",
        "التابع",
        "قضاء",
        "محافظه",
        "ريف",
        "مدينه",
        "بلده",
        "ناحيه",
        "منطقه",
        "مديريه",
        "بمحافظه",
        "بريف",
        "لقضاء",
        "لمحافظه",
        "لناحيه",
        "بمدينه",
        "لمدينه",
        "بمديريه",
        "لمديريه",
    }
    | DIRECTIONS
)


_TOWARD: Final = frozenset({"باتجاه", "اتجاه", "نحو", "صوب"})
# Verbs that take the held somewhere: "نقلتهم إلى سجن معيتيقة", "اقتادوه إلى مقر", "أحيل إلى".
_TRANSFERS: Final = ("نقل", "اقتاد", "اقتيد", "حول", "احال", "احيل", "رحل", "اودع")
_LED: Final = ("اقتيد", "احيل", "اودع")  # the held as the subject: "واقتيدوا إلى جهة مجهولة"


_ANAPHOR_HEADS: Final = ("مدينه", "بلده", "قريه", "بلدات", "قري", "مخيم", "سجن", "ناحيه", "حي")
_ANAPHOR: Final = re.compile(r"(?<!\w)[وف]?[بلك]?(?:ال)(" + "|".join(_ANAPHOR_HEADS) + r")(?!\w)")
_ANAPHOR_FORMS: Final = with_prefixes(
    ["ال" + head for head in _ANAPHOR_HEADS], "وف", "بلك"
)  # words it matches


_TOWN_HEADS: Final = frozenset({"مدينه", "بلده", "قريه"})


_ORIGIN_HEADS: Final = PLACE_HEADS | {"قاعده", "منطقه", "اتجاه"}


_LAUNCHED: Final = frozenset({"اطلقتها", "اطلقها", "اطلقوها", "اطلقته", "اطلقه", "اطلقوه", "اطلقت", "اطلقوا"})
_SOURCE_WORDS: Final = frozenset(
    {"مصدره", "مصدرها", "مصدرهما", "انطلق", "انطلقت"}
)  # "انطلق من منطقة الزعفرانية"


_POSITIONS: Final = frozenset({"مواقع", "نقاط", "مقرات", "مرابض", "منصات"})


def _located_heads(ctx: DocContext, places: list[Mention]) -> list[Mention]:
    """The places of a span with each locator replaced by the place it locates, nearest last:
    "في مدينة ترهونة جنوب شرقي طرابلس" reads as ترهونة."""
    out: list[Mention] = []
    for m in places:
        if out and _locates(ctx, out[-1], m):
            continue
        out.append(m)
    return list(reversed(out))


def _locates(ctx: DocContext, head: Mention, m: Mention) -> bool:
    """Is ``m`` a locator of ``head`` named just before it?"""
    if head.entity == m.entity or m.start - head.end > 60:
        return False
    key = ("locates", head.start, m.start)
    if key not in ctx.cache:
        gap = ctx.folded(head.end, m.start).split()
        ctx.cache[key] = bool(gap) and len(gap) <= 4 and all(w in _LOCATOR_WORDS for w in gap)
    return bool(ctx.cache[key])


def _destination(ctx: DocContext, mention: Mention) -> bool:
    """A place an actor moves toward ("غادرت أرتال باتجاه مصراتة", "التقدم باتجاه حريب جنوب مأرب")."""
    key = ("destination", mention.start)
    if key not in ctx.cache:
        ctx.cache[key] = False
        lead = ctx.folded(max(0, mention.start - 60), mention.start)
        if any(w in lead for w in _TOWARD):
            words = ctx.words_before(mention.start, 7)[-4:]
            at = next((i for i in range(len(words) - 1, -1, -1) if words[i] in _TOWARD), None)
            ctx.cache[key] = at is not None and not any(
                w in ("في", "علي", "عند", "قرب") for w in words[at + 1 :]
            )
        if not ctx.cache[key]:
            # "واحتجزت ثلاثة من أفرادها ونقلتهم إلى سجن معيتيقة": where the held were taken, not where
            words = [w.lstrip("و") for w in ctx.words_before(mention.start, 6)]
            to = next((i for i in range(len(words) - 1, -1, -1) if words[i] == "الي"), None)
            ctx.cache[key] = to is not None and any(
                w.startswith(_TRANSFERS) and (w.endswith(("ه", "ها", "هم", "هما")) or w.startswith(_LED))
                for w in words[:to]
            )
    return bool(ctx.cache[key])


def _fire_source(ctx: DocContext, mention: Mention) -> bool:
    """ "قصف صاروخي مصدره مواقع ميليشيا قسد في محيط قرية العريمة": where the fire came from."""
    words = ctx.words_before(mention.start, 7)
    return any(w in _SOURCE_WORDS for w in words) or _from_positions(words) or _launched_from(words)


def _launched_from(words: list[str]) -> bool:
    """ "بصواريخ أطلقتها الميليشيات من تمركزاتها في قصر بن غشير": where what hit was fired from."""
    launched = next((i for i, w in enumerate(words) if w in _LAUNCHED), None)
    if launched is None or "من" not in words[launched + 1 :]:
        return False
    after = words[words.index("من", launched + 1) + 1 :]
    return not any(x in ("علي", "ع", "الي", "نحو", "باتجاه") for x in after)


def other_event_clauses(ctx: DocContext, draft: Draft, s_lo: int, s_hi: int) -> list[tuple[int, int]]:
    """Clauses of the sentence, other than the trigger's own, that hold another event's trigger: their
    places are that event's ("…سيطرت على مقرات المجموعات، في حين غادرت أرتال باتجاه مصراتة")."""
    _, unit = ctx.unit_at(draft.hit.start)
    return [
        (clause.start, clause.end)
        for clause in unit.clauses
        if clause.start != draft.clause_start
        and any(t.start != draft.hit.start for t in ctx.triggers_within(clause.start, clause.end))
    ]


def in_spans(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= m.start < hi for lo, hi in spans)


def _places_with_anaphors(ctx: DocContext) -> list[Mention]:
    """The document's places, with "المدينة", "البلدة", "القرية" standing for the latest place the text
    introduced with that noun ("مدينة أريحا … من المدينة"), else the latest town it named."""
    cached = ctx.cache.get("places+anaphors")
    if isinstance(cached, list):
        return cached
    view = ctx.view
    extra: list[Mention] = []
    towns: list[Mention] = []
    introduced: dict[int, str] = {}  # the place noun that introduced each town: "مدينة أريحا"
    for found in view.words.matches_at(_ANAPHOR, view.words.starts_of(_ANAPHOR_FORMS)):
        if not towns:
            towns = [m for m in ctx.places if _kind(ctx, m) not in ("country", "admin1")]
            for m in towns:
                word = (ctx.words_before(m.start, 1) or [""])[-1]
                introduced[id(m)] = word[1:] if word[:1] in ("ب", "ل") and len(word) > 3 else word
        start = view.to_original(found.start(1) - 2)
        end = view.to_original(found.end(1))
        if ctx.inside_name(start, end):
            continue
        head = found.group(1)
        earlier = [m for m in towns if m.end <= start]
        antecedent = next((m for m in reversed(earlier) if introduced[id(m)] == head), None)
        if antecedent is None and head in _TOWN_HEADS and earlier and start - earlier[-1].start < 400:
            antecedent = earlier[-1]
        if antecedent is None:
            continue
        extra.append(
            Mention(
                start, end, ctx.text[start:end], antecedent.label, antecedent.entity, attrs={"anaphor": True}
            )
        )
    out = sorted([*ctx.places, *extra], key=lambda m: (m.start, m.end)) if extra else ctx.places
    ctx.cache["places+anaphors"] = out
    ctx.index(out)
    return out


# Words that make the place after them someone's home town ("من أبناء مدينة دوما", "ينحدران من حرستا").
_HOMETOWN_WORDS: Final = frozenset(
    {"ابناء", "ابن", "ابنه", "اهالي", "ينحدر", "ينحدران", "ينحدرون", "تنحدر", "المنحدر", "المنحدرين"}
    | {"يتحدر", "تتحدر", "يتحدرون", "المتحدر", "المتحدره", "المتحدرين", "متحدر", "متحدرا"}
)


def _dateline(ctx: DocContext, mention: Mention) -> bool:
    """ "مصراتة – قصفت طائرات…": the place a report was filed from, opening its line, is not where the
    event happened."""
    line_start = ctx.text.rfind("\n", 0, mention.start) + 1
    if ctx.text[line_start : mention.start].strip(" (#"):
        return False
    return _DATELINE_DASH.match(ctx.text, mention.end) is not None


_DATELINE_DASH: Final = re.compile(r"\s*(?:\([^)\n]{0,30}\)\s*)?[-–—]\s")


def _hometown(ctx: DocContext, mention: Mention) -> bool:
    """A place named as where a person comes from, not where the event happened."""
    words = ctx.words_before(mention.start, 4)
    if words and words[-1] in PLACE_HEADS:
        words = words[:-1]
    if any(w in _HOMETOWN_WORDS for w in words[-3:]):
        return True
    # "المعتقل خالد الحريري من بلدة الشيخ مسكين": a person named, then where he is from
    return words[-1:] == ["من"] and any(
        ctx.tokens_between(p.end, mention.start) <= 2
        for p in ctx.within(ctx.persons, mention.start - 60, mention.start)
    )


def _origin(ctx: DocContext, mention: Mention) -> bool:
    """A place named as where something came from: "من قاعدة حميميم", "من محردة"."""
    words = ctx.words_before(mention.start, 7)
    if any(w in _SOURCE_WORDS for w in words):
        return True  # "مصدره مواقع ميليشيا قسد في محيط قرية العريمة"
    if _from_positions(words) or _launched_from(words):
        return True  # "بقذائف الهاون من مواقع الجماعة في منطقة الحوبان": where the fire came from
    words = words[-2:]
    if words and words[-1] in _ORIGIN_HEADS and len(words) > 1:
        words = words[:-1]
    return bool(words) and words[-1] == "من"


def _from_positions(words: list[str]) -> bool:
    """Do the words before a place open "من مواقع X في …" with no target or direction after it ("من
    مواقع قسد على قرية الياشلي" names the target)?"""
    for i, w in enumerate(words[:-1]):
        if w == "من" and words[i + 1] in _POSITIONS:
            return not any(x in ("علي", "ع", "الي", "نحو", "باتجاه") for x in words[i + 2 :])
    return False


def _kind(ctx: DocContext, mention: Mention) -> str | None:
    """Place kind of a PLACE mention's entity (country, admin1, city…; None when unresolved)."""
    entity = ctx.doc.entities.get(mention.entity or "")
    return entity.attrs.get("place_kind") if entity is not None else None


def _set_place(draft: Draft, place: Mention) -> None:
    draft.event.place = place.entity
    relative = place.attrs.get("relative")
    if relative:
        draft.event.place_relation = relative
