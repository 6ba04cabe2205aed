"""Who the subject of a trigger is: the word order (VSO, SVO, a subject carried across joined verbs),
reported speech and its speakers, control and light verbs, first-person plural, states and persons."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Final

from marsad.events.context import NUMBER_WORDS, WORD_RUN, DocContext, is_number, strip_and
from marsad.events.draft import Draft
from marsad.events.forces import actor_cues, seat_actors, state_actors
from marsad.events.lexicon import VERBAL_TYPES, default_event_cues
from marsad.events.triggers import TriggerHit
from marsad.model import Entity, Mention
from marsad.recognize.select import add_actor_entity
from marsad.text.gate import gated
from marsad.text.normalize import normalize_key
from marsad.text.words import first_words, last_words

NOT_WE: Final = frozenset(
    {"لدينا", "عندنا", "اننا", "لكننا", "ولكننا", "بيننا", "وثقنا", "سجلنا", "رصدنا", "علمنا", "تلقينا"}
    | {"تحققنا", "تاكدنا", "لاحظنا", "جمعناها", "استمعنا"}  # verifying what others did: not our deed
)


# Verbs of killing and wounding whose undiacritized forms are also passives (قتل = قُتل).
HARM_VERBS: Final = frozenset({"قتل", "اصيب", "جرح"})


# Words after a harm verb that name what did it: the verb is then passive ("قتلوا بهجوم", "برصاص قناص").
_PASSIVE_CAUSES: Final = frozenset(
    {"هجوم", "غاره", "غارات", "قصف", "رصاص", "نيران", "انفجار", "جراء", "اثر", "يد", "قبل", "الهجوم", "القصف"}
)


# Prepositions that make an event noun an adjunct of another clause.
PREPOSITIONS: Final = frozenset(
    {"في", "جراء", "اثر", "خلال", "بعد", "قبل", "عقب", "اثناء", "اعقاب", "منذ", "حتي"}
)


# Control verbs whose complement noun is done by their subject: "تمكن X من صد", "نجحوا في إسقاط".
_CONTROL_VERBS: Final = frozenset(
    {
        "تمكن",
        "تمكنت",
        "تمكنوا",
        "يتمكن",
        "تتمكن",
        "تمكنا",
        "استطاع",
        "استطاعت",
        "استطاعوا",
        "استطعنا",
        "نجح",
        "نجحت",
        "نجحوا",
        "نجحنا",
    }
)


# Verbs that announce or claim a deed named by a noun: its doer is their subject.
_ANNOUNCE_VERBS: Final = frozenset(
    {"اعلن", "اعلنت", "اعلنوا", "يعلن", "تعلن", "تبني", "تبنت", "تبنوا", "يتبني", "تتبني", "اكد", "اكدت"}
)


# Verbs of being forced: "اضطر X (بعد ذلك) للانسحاب", "أجبرت X على الانسحاب": X does the deed.
_COMPELLED: Final = frozenset({"اضطر", "اضطرت", "اضطروا", "اجبر", "اجبرت", "اجبروا", "يضطر", "تضطر"})


# Verbs of starting, with ب or a direct object: "شرعت قطعات الحشد بعملية تمشيط", "باشرت قطعاتنا عملية
# تفتيش": the subject does the deed.
_STARTING: Final = frozenset(
    {"شرع", "شرعت", "شرعوا", "تشرع", "يشرع", "شرعنا", "باشر", "باشرت", "باشروا", "تباشر", "يباشر", "باشرنا"}
    | {"بدا", "بدات", "بداوا", "بدانا"}
    | {"بدت", "بدو", "بلشت", "بلش", "بلشو", "بلشوا"}  # dialect: "وبدت بتمشيط"، "وبلشت تمشيط"
)


# Verbs of undertaking with على: "أقدم مسلحون مجهولون على اغتيال…": the subject does the deed.
_UNDERTAKE: Final = frozenset({"اقدم", "اقدمت", "اقدموا", "اقدمنا"})


# Light verbs whose object noun is the deed and whose subject its doer: "نفذت قطعاتنا عملية تفتيش",
# "طائرات سلاح الجو العراقي شنت صباح الأحد غارتين", "أجرت القوات حملة دهم".
_SUPPORT_VERBS: Final = frozenset(
    {"نفذ", "نفذت", "نفذوا", "ينفذ", "تنفذ", "ينفذون", "نفذنا", "شن", "شنت", "شنوا", "يشن", "تشن", "يشنون"}
    | {"شننا", "اجري", "اجرت", "اجروا", "يجري", "تجري", "اجرينا"}
    | _STARTING
    | {"نصب", "نصبت", "نصبوا", "ينصب", "تنصب", "نصبنا"}  # "نصب مقاتلونا كميناً"
    # "القوات الأمنية ترمي قنابل الغاز", "أطلقت قوات النظام رشقات صاروخية"
    | {
        "رمي",
        "رمت",
        "رموا",
        "يرمي",
        "ترمي",
        "يرمون",
        "يرموا",
        "اطلق",
        "اطلقت",
        "اطلقوا",
        "يطلق",
        "تطلق",
        "يطلقون",
    }
    # "ألقت مفرزة من استخباراتنا فجر اليوم القبض على…"
    | {"القي", "القت", "القوا", "يلقي", "تلقي", "يلقون", "القينا"}
)
_ANNOUNCE_OR_SUPPORT: Final = _ANNOUNCE_VERBS | _SUPPORT_VERBS
_COMPELLED_OR_UNDERTAKING: Final = _COMPELLED | _UNDERTAKE


# "قيام X بـNOUN", "قامت X بـNOUN": the deed after ب is done by X.
_DO_WITH_BA: Final = (
    frozenset({"قيام", "قام", "قامت", "قاموا", "يقوم", "تقوم", "يقومون", "قمنا", "نقوم"}) | _STARTING
)


# Nouns that stand before an actor without changing who it is ("قيادة الهيئة", "عناصر التنظيم").
CONSTRUCT_HEADS: Final = frozenset(
    {
        "قياده",
        "عناصر",
        "مقاتلو",
        "مقاتلي",
        "امير",
        "قائد",
        "مسلحون",
        "مسلحين",
        "مسلحو",  # "مع مسلحي مجلس شورى ثوار بنغازي": the construct forms
        "مسلحي",
        "منتسبي",
        "مجموعات",
        "مجموعه",
        "خلايا",
        "مواقع",
        "نقاط",
        "مقرات",
        "تجمعات",
        "طايرات",
        "مجاهدو",
        "مجاهدي",
        "جنود",
        "ارتال",
        "وحدات",
        "فلول",
        "شرعيو",
        "شرعيي",
        "تنظيم",
        "جماعه",
        "التابعه",
        "التابع",
        "تابعه",
        "تابعين",
        "تابعون",
        "موقع",
        "موقعا",
        "نقطه",
        "مقر",
        "مرتزقه",  # "مرتزقة العدوان", "مرتزقة فاغنر"
        "عنصر",  # "اغتيال عنصر من اللواء الثامن"
        "عنصرا",
    }
)


# Nouns of a part of a force before "من": "قوة من الحشد", "قطعات من الجيش العراقي", "عناصر من التنظيم"
# name the force itself ("مقاتلين من اللواء الثامن وصلوا"), not a source or an agent complement.
PARTITIVE: Final = frozenset(
    {
        "قوه",
        "قوات",
        "قطعات",
        "عناصر",
        "عنصرا",
        "عنصر",
        "عنصرين",
        "مقاتلين",
        "مقاتلو",
        "مقاتلون",
        "فصايل",
        "مجموعات",
        "مجموعه",
        "ارتال",
        "رتل",
        "وحدات",
        "سرايا",
        "افراد",
        "جنود",
        "مسلحون",
        "مسلحين",
        "مسلحي",  # "بين الجيش ومسلحي وحدات مقاومة سنجار"
        "مسلحو",
        "خلايا",
        "خليه",
        "دوريه",
        "دوريات",
        "تشكيلات",
        "قناص",  # "على يد قناص من الهيئة"
        "قناصه",
    }
)


# Words after which "ل" names whom a force belongs to, not a target.
LAM_HEADS: Final = frozenset(
    {"التابعه", "التابع", "تابعه", "تابعين", "تابعون", "تابع", "يتبعون", "يتبع", "تتبع", "يتبعان"}
    | {"ينتمون", "ينتمي", "تنتمي", "ينتميان", "المنتمين", "المنتمون", "منتمين"}
    # "قوات موالية لحكومة الوحدة": the force is the one it is loyal to
    | {"مواليه", "المواليه", "موالين", "الموالين", "موالون", "موالي", "الموالي"}
)


# Forces of "ours": "مدفعيتنا", "مجاهدونا", "قواتنا".
OUR_FORCES: Final = frozenset(
    {
        "مدفعيت",
        "مجاهد",
        "قوات",
        "عناصر",
        "مقاتل",
        "مجموعات",
        "وحدات",
        "فرق",
        "ابطال",
        "رجال",
        "سرايا",
        "كتايب",
        "الويت",
        "جنود",
        "ثوار",
        "سلاح",
        "قطعات",
        "دفاعات",
        # "استهدفت طائراتنا المسيّرة", "اتهمت واشنطن تشكيلاتنا"
        "طايرات",
        "طايرت",
        "مسيرات",
        "تشكيلات",
        "مدفعيه",
        "دوريات",
        "استخبارات",  # "مفرزة من استخباراتنا"
        "جهاز",  # "نفذت قوة من جهازنا عملية إنزال": the signing service
        "منظمت",  # "وتطالب منظمتنا الحكومة": the documenting body
        "مفارز",
        "فريق",  # "ويطالب فريقنا الحكومة": the documenting team
        "مقاتلات",  # "وشنت مقاتلاتنا غارات": our fighter jets
        "طيران",
    }
)


def state_subject(
    ctx: DocContext, hit: TriggerHit, lo: int, hi: int, right_after: bool = False
) -> str | None:
    """A country or capital right after the verb (or just before it) as the one acting; with
    ``right_after`` only one directly after the verb."""
    after = [
        m
        for m in ctx.within(ctx.places, hit.end, hi)
        if ctx.tokens_between(hit.end, m.start) <= 1 or _envoys_of(ctx, hit.end, m)
    ]
    if right_after:
        after = [m for m in after if ctx.tokens_between(hit.end, m.start) == 0 and not ctx.attached_prefix(m)]
    before = (
        []
        if right_after
        else [m for m in ctx.within(ctx.places, lo, hit.start) if ctx.tokens_between(m.end, hit.start) <= 1]
    )
    for m in after[:1] + before[-1:]:
        actor = acting_state(ctx, m)
        if actor is not None:
            return actor
    return None


def state_before(ctx: DocContext, hit: TriggerHit, lo: int, plain_before: list[Mention]) -> str | None:
    """A country or capital written right before a verb with no conjunction of its own, nearer than any
    actor, as its subject ("وكانت واشنطن قد اتهمت", "أن أنقرة حمّلت"); not after a preposition."""
    if hit.prefix[:1] in ("و", "ف"):
        return None
    places = ctx.within(ctx.places, lo, hit.start)
    if not places or (plain_before and plain_before[0].start > places[-1].start):
        return None
    m = places[-1]
    if not _svo_gap(ctx, m.end, hit.start - len(hit.prefix)):
        return None
    if ctx.attached_prefix(m).strip("و") or ctx.words_before(m.start, 1)[-1:] in (["في"], ["من"], ["الي"]):
        return None
    return acting_state(ctx, m)


def acting_state(ctx: DocContext, m: Mention) -> str | None:
    """The actor a country, a capital or a regional seat named at ``m`` stands for, when it acts; the
    place is then no place of an event (``acting_places``)."""
    entity = ctx.doc.entities.get(m.entity or "")
    if entity is None:
        return None
    actor = seat_actors().get(entity.id)
    if actor is None and (
        entity.attrs.get("place_kind") == "country" or entity.attrs.get("feature") == "P.PPLC"
    ):
        actor = state_actors().get(entity.attrs.get("country") or "")
    if not actor or actor not in ctx.kb_actors:
        return None
    add_actor_entity(ctx.doc, ctx.kb_actors, actor)
    acting_places(ctx).add(m.start)
    return actor


def acting_places(ctx: DocContext) -> set[int]:
    """Starts of the place names that stood for a state acting in this document ("قالت واشنطن")."""
    found = ctx.cache.setdefault("acting_places", set())
    assert isinstance(found, set)
    return found


def sabaqa_subject(ctx: DocContext, hit: TriggerHit, before: list[Mention]) -> Mention | None:
    """ "سبق لـX أن فعل": X is the subject of the verb after "أن"."""
    if not before or hit.start - before[-1].end > 12:
        return None
    m = before[-1]
    if ctx.folded(m.end, hit.start - len(hit.prefix)).split() not in (["ان"], ["ان", "قد"]):
        return None
    words = ctx.words_before(m.start, 2)
    prefix = ctx.attached_prefix(m)
    if prefix.endswith("ل") and words and words[-1].endswith("سبق"):
        return m
    if words and words[-1] in ("ل", "لل") and len(words) > 1 and words[-2].endswith("سبق"):
        return m
    return None


# Nouns a statement uses for the signer's own forces without naming them.
_GENERIC_FORCES: Final = (
    "سلاح الجو",
    "القطعات",
    "الوحدات العسكريه",
    "الطيران الحربي",
    "القوه الصاروخيه",  # "واستهدفت القوة الصاروخية بصاروخ باليستي…"
    "الدفاعات الجويه",
    "وحدات المدفعيه",
    "سرايا المدفعيه",
    "سريه المدفعيه",
    "كتيبه المدفعيه",
    "المجاهدون",  # "كما استهدف المجاهدون مساء أمس…" (not "ستة من المجاهدين", who fell)
    "القوات البحريه",
    "القوه البحريه",
    "القوات الجويه",
    "سلاح الجو المسير",
)


def spokesman_side(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> str | None:
    """The side of a spokesman who says that its generic forces did it: "أعلن المتحدث العسكري للحوثيين
    العميد يحيى سريع أن القوات البحرية استهدفت سفينة" (his organization, or the body he speaks for)."""
    after = " ".join(first_words(ctx.folded(hit.end, min(hi, hit.end + 40)), 2))
    before = " ".join(ctx.folded(max(lo, hit.start - 40), hit.start).split()[-3:])
    if not (any(after.startswith(g) for g in _GENERIC_FORCES) or any(g in before for g in _GENERIC_FORCES)):
        return None
    said = _last_reporting_verb_end(ctx, hit)
    if said is None:
        return None
    persons = [m for m in ctx.within(ctx.persons, said, hit.start) if ctx.tokens_between(said, m.start) <= 7]
    if persons and (org := _organization_of(ctx, persons[0])) is not None:
        return org
    actors = [m for m in ctx.within(ctx.actors, said, hit.start) if ctx.tokens_between(said, m.start) <= 5]
    entity = ctx.doc.entities.get(actors[0].entity or "") if actors else None
    return actors[0].entity if actors and armed(entity) else None


def generic_force_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> bool:
    """A generic force noun as the subject (right after the verb, or just before the trigger) in a
    statement signed by an armed organization."""
    if not ctx.author or not armed(ctx.doc.entities.get(ctx.author)):
        return False
    after = " ".join(first_words(ctx.folded(hit.end, min(hi, hit.end + 40)), 2))
    before = " ".join(ctx.folded(max(lo, hit.start - 40), hit.start).split()[-3:])
    if any(after.startswith(g) for g in _GENERIC_FORCES) and hit.trigger.pos == "verb":
        return True
    return any(g in before for g in _GENERIC_FORCES)


_ENVOYS: Final = frozenset({"مسوولون", "مسوولين", "مسوولو", "وفد", "وفود", "ممثلون", "ممثلين", "ممثلو"})


def _envoys_of(ctx: DocContext, pos: int, place: Mention) -> bool:
    """ "اتفق مسؤولون من أربيل وبغداد": officials or envoys of a capital, right after the verb."""
    words = first_words(ctx.folded(pos, place.start), 3)  # a third word is enough to say no
    return len(words) == 2 and words[0] in _ENVOYS and words[1] == "من"


def armed(entity: Entity | None) -> bool:
    """State forces, rebels, militias and external forces (ACLED inter 1-4 and 8)."""
    inter = entity.attrs.get("inter") if entity else None
    return inter in (1, 2, 3, 4, 8) and (entity.attrs.get("type") if entity else None) != "other"


# "من قبل X", "على يد X" after a verb: the verb is a passive whose agent is X.
_AGENT_PHRASE: Final = gated(r"(?<!\w)(?:من قبل|علي يد|علي ايدي)(?!\w)")


def voice_of(hit: TriggerHit) -> str:
    return "passive" if hit.person == "passive" or hit.trigger.voice == "passive" else hit.trigger.voice


def voice_in_clause(ctx: DocContext, hit: TriggerHit, hi: int) -> str:
    """The voice of a trigger as the clause reads it: a verb of killing or wounding written with a damma
    ("قُتل", "أُصيب"), followed by a number ("قتل 32 شخصاً"), or whose deed an agent phrase or an
    attack noun after it carries ("قتلوا بهجوم شنه…", "قتل برصاص قناص") is passive."""
    voice = voice_of(hit)
    if voice != "active" or hit.trigger.pos != "verb" or hit.person == "we":
        return voice
    if _written_passive(hit.text):
        return "passive"  # "استُهدفت سيارة", "اعتُقل مئات": a damma marks the passive of a past verb
    if _AGENT_PHRASE.search(" ".join(first_words(ctx.folded(hit.end, min(hi, hit.end + 80)), 8))):
        return "passive"  # "خطف ٣ شباب من قبل مسلحين مجهولين": an agent phrase marks the passive
    if normalize_key(hit.trigger.lemma) not in HARM_VERBS:
        return voice
    if "\u064f" in hit.text[:3]:
        return "passive"
    tail = ctx.folded(hit.end, min(hi, hit.end + 80)).split()
    if tail and (tail[0].isdigit() or tail[0] in NUMBER_WORDS):
        # "قُتل 32 شخصاً" is passive; "قتلوا خمسة من عناصر قسد" has its subject in the verb and a number
        # for an object
        if normalize_key(hit.text).split()[0].endswith("وا") or _actor_then_qad(ctx, hit):
            return voice  # "وكان التنظيم قد قتل أربعة من مقاتلي الحشد": its subject before it
        return "passive"
    if any(w in _PASSIVE_CAUSES or (w[:1] == "ب" and w[1:] in _PASSIVE_CAUSES) for w in tail[:5]):
        return "passive"
    return voice


def _actor_then_qad(ctx: DocContext, hit: TriggerHit) -> bool:
    """An actor named right before "قد" and the verb ("وكان التنظيم قد قتل"): the verb's subject."""
    start = hit.start - len(hit.prefix)
    if ctx.words_before(start, 1) not in (["قد"], ["لقد"]):
        return False
    _, unit = ctx.unit_at(hit.start)
    return any(
        ctx.tokens_between(m.end, start) == 1 for m in ctx.within(ctx.actors, unit.sentence.start, start)
    )


def _written_passive(word: str) -> bool:
    """A past verb written with a damma in its stem ("قُتل", "استُهدفت", "اعتُقل"); a damma on the
    prefix of a present verb ("يُطلق", "تُقاتل") is the active of a derived form, not a passive."""
    letters = word.split()[0] if word.split() else word
    at = letters.find("\u064f")
    if at < 0 or at > 4:
        return False
    return not (at == 1 and letters[0] in "يتنا")


def we_say(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the trigger's sentence open with a first-person verb of saying ("ونؤكد أن", "نعلن أن")?"""
    _, unit = ctx.unit_at(hit.start)
    words = first_words(ctx.folded(unit.sentence.start, hit.start), 1)
    if not words:
        return False
    word = words[0][1:] if words[0][:1] in ("و", "ف") and len(words[0]) > 3 else words[0]
    return word in default_event_cues().reporting and (word.startswith("ن") or word.endswith("نا"))


_ONE_SIDE: Final = gated(r"من جه[ةه](?! اخر| أخر)")


# Words between a part of a side and the side's name: "عناصر من تنظيم داعش".
_SIDE_LINKS: Final = frozenset({"من", "تنظيم", "جماعه", "حركه", "التابعه", "التابعين", "تابعه", "تابعين"})


def other_side(ctx: DocContext, first: Mention, hit: TriggerHit) -> list[Mention]:
    """The second side after "بين X": joined by و, also through a head noun ("وفصائل الجيش الوطني") or
    past "من جهة،" ("بين قسد من جهة، وفصائل الجيش الوطني من جهة أخرى")."""
    _, unit = ctx.unit_at(hit.start)
    out: list[Mention] = []
    # "بين الهيئة وفصائل الجبهة الوطنية من جهة، وقوات النظام من جهة أخرى": the other side follows the
    # first "من جهة"; the actors before it are the first side's partners
    lo = first.end
    side = _ONE_SIDE.search(ctx.text, first.end, min(unit.sentence.end, first.end + 160))
    if side is not None:
        lo = side.end()
    for m in ctx.within(ctx.actors, lo, unit.sentence.end):
        if m.entity == first.entity or ctx.tokens_between(lo, m.start) > 12:
            continue
        word = (ctx.words_before(m.start, 1) or [""])[-1]
        gap = ctx.folded(lo, m.start).split()
        joined = (
            ctx.attached_prefix(m).startswith("و")
            or (word.startswith("و") and strip_and(word) in PARTITIVE | CONSTRUCT_HEADS)
            # "ومسلحين من حراس الدين", "وعناصر من تنظيم داعش": a part of the second side, joined by و
            or (
                0 < len(gap) <= 3
                and gap[0].startswith("و")
                and strip_and(gap[0]) in PARTITIVE | CONSTRUCT_HEADS
                and all(w in _SIDE_LINKS for w in gap[1:])
            )
        )
        if joined:
            out.append(m)
        break
    return out


def opens_clause(ctx: DocContext, m: Mention) -> bool:
    """An actor joined by و and followed at once by a verb trigger: the subject of a new clause."""
    if not ctx.attached_prefix(m).startswith("و"):
        return False
    return any(
        t.trigger.pos != "noun"
        and not ctx.text[m.end : t.start].strip()
        and "\n" not in ctx.text[m.end : t.start]
        for t in ctx.triggers_within(m.end + 1, m.end + 3)
    )


# Plural nouns that may still name a body speaking of itself ("المجاهدين" is read elsewhere).
_BODY_PLURALS: Final = frozenset({"مقاتلين", "ثوار", "طرفين", "طرفان"})


def definite_subject(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """The definite noun right after a verb when it starts no name, time or place ("وتطالب الشبكة",
    "تدعو المنظمة"), folded without the article."""
    start = hit.end
    while start < hi and ctx.text[start].isspace():
        start += 1
    ahead = ctx.folded(start, min(hi, start + 40))
    if _SPEAKING_FOR.match(ahead):
        return None  # "نفاه الناطق باسم الجيش الوطني": a spokesman, read by person_subject
    following = first_words(ahead, 2)
    if (
        following[:1]
        and following[0] in _CONSTRUCT_SELVES
        and following[1:2]
        and following[1].startswith("ال")
    ):
        second = start + len(ctx.text[start:hi].split()[0]) + 1
        if ctx.actors_at(second):
            return None  # "ونفت قيادة القوات الأمنية": the command of a named force is that force
        if any(
            ctx.words_before(m.start, 1)[-1:] == ["في"] and ctx.tokens_between(start, m.start) <= 4
            for m in ctx.within(ctx.actors, second, min(hi, second + 50))
        ):
            return None  # "نفت وزارة الدفاع في حكومة الوفاق": a ministry of a named government
        following = ["ال" + following[0]]  # "وتحمّل غرفة العمليات", "وتؤكد قيادة العملية"
    if not following or not following[0].startswith("ال") or len(following[0]) < 5:
        return None
    if following[0].endswith(("ون", "ين")) and following[0][2:] not in _BODY_PLURALS:
        return None  # "وطالب الخاطفون عائلته بفدية", "ويطالب الأهالون": people, not the signing body
    end = start + len(ctx.text[start:hi].split()[0]) if ctx.text[start:hi].split() else start
    if ctx.inside_name(start, end) or ctx.within(ctx.times, start, end) or ctx.within(ctx.actors, start, end):
        return None
    return following[0][2:]


# Heads of a construct a body uses for itself: "غرفة العمليات", "قيادة العملية", "وزارة الدفاع".
_CONSTRUCT_SELVES: Final = frozenset({"غرفه", "قياده", "وزاره", "اداره", "مكتب", "مركز", "هيئه", "مجلس"})


def unknown_body_before(ctx: DocContext, hit: TriggerHit) -> bool:
    """ "غير أن وزارة العدل نفت": a body the knowledge base does not hold, named right before the verb,
    is its subject; no actor named earlier is."""
    words = ctx.words_before(hit.start - len(hit.prefix), 2)
    return (
        len(words) == 2
        and (words[0] in _CONSTRUCT_SELVES or words[0].removeprefix("و") in _CONSTRUCT_SELVES)
        and words[1].startswith("ال")
        and not ctx.within(ctx.actors, _word_start_before(ctx, hit.start - len(hit.prefix), 2), hit.start)
    )


def next_to_event_noun(ctx: DocContext, hit: TriggerHit) -> bool:
    """A verb right after or right before another event's noun (a weapon, an attack) has it as its
    subject: "بانفجار عبوة ناسفة استهدفت سيارتهم", "استهدفت طائرة مسيرة مجهولة مقراً…"."""
    word_start = hit.start - len(hit.prefix)
    # only a trigger that starts within reach can end right before the word or start right after it
    for t in ctx.triggers_within(word_start - 2 - ctx.longest_trigger, hit.end + 3):
        if t.start != hit.start and (0 <= t.start - hit.end <= 2 or 0 <= word_start - t.end <= 2):
            return t.trigger.pos == "noun"
    return False


def named_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> bool:
    """Is the verb's subject a noun phrase outside the knowledge base ("غادرت أرتال موالية…",
    "ناشطون يطالبون", "وكان الزعبي قد انضم")?"""
    following = first_words(ctx.folded(hit.end, min(hi, hit.end + 30)), 1)
    if following and (
        following[0] in PARTITIVE or following[0] in CONSTRUCT_HEADS or following[0] in _INSTITUTIONS
    ):
        return True  # "طالبت بعثة الأمم المتحدة الأطراف…": an institution the KB does not hold
    preceding = ctx.words_before(hit.start - len(hit.prefix), 1)
    if (
        preceding
        and preceding[-1].endswith("ون")
        and len(preceding[-1]) > 4
        and hit.start - len(hit.prefix) > lo
    ):
        return True
    people = [m for m in ctx.within(ctx.persons, lo, hit.start) if not _organization_of(ctx, m)]
    return bool(people) and len(ctx.text[people[-1].end : hit.start].split()) <= 2


# Heads of institutions named as the subject right after a verb ("طالبت بعثة الأمم المتحدة", "دعت
# منظمة العفو الدولية"): when the knowledge base does not hold them, the verb's subject is still named.
_INSTITUTIONS: Final = frozenset(
    {
        "بعثه",
        "منظمه",
        "وزاره",
        "حكومه",
        "مجلس",
        "لجنه",
        "الامم",
        "الاتحاد",
        "جامعه",
        "مبعوث",
        "المبعوث",
        "الامين",
        "سفاره",
        "السفاره",
        "الخارجيه",
        "الحكومه",
        "رئيس",
        "وزير",
        "الرئيس",
        "محافظ",
        "نقابه",
        "اهالي",
        "الاهالي",
        "وجهاء",
        "شيوخ",
        # officials of a place or a body: "طالب قائممقام سيدكان الحكومة", "نفى مسؤول محلي"
        "قايممقام",
        "القايممقام",
        "مدير",
        "مسوول",
        "عضو",
        "نايب",
        "عمده",
        # kin and witnesses: "واتهمت عائلته كتائب حزب الله", "وأفاد ذووه"
        "عايلته",
        "عايلتها",
        "عايله",
        "ذوو",
        "ذووه",
        "ذوي",
        "اقارب",
        "اقاربه",
        "ناشطون",
        "ناشطين",
        "شهود",
        "اهله",
        "اسرته",
    }
)


def person_object(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """A person of the knowledge base right after a verbal event's verb: its addressee or accused."""
    if hit.trigger.type not in VERBAL_TYPES:
        return None
    for m in ctx.within(ctx.persons, hit.end, hi)[:1]:
        if m.entity and m.entity in ctx.doc.entities and ctx.tokens_between(hit.end, m.start) <= 1:
            return m.entity
    return None


def person_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> str | None:
    """The subject of a verb that is a knowledge-base person named right before it (or right after it,
    also behind his role): the person for what he says, asks or refuses, else his organization."""
    verb_start = hit.start - len(hit.prefix)
    before = [
        m
        for m in ctx.within(ctx.persons, lo, verb_start)
        if ctx.tokens_between(m.end, verb_start) <= 1
        # "الطيران المسير الإماراتي الداعم لحفتر استهدف": the backed leader is no subject
        and not set(ctx.words_before(m.start, 2)) & SUPPORTING
    ]
    after = [m for m in ctx.within(ctx.persons, hit.end, hi) if ctx.tokens_between(hit.end, m.start) == 0]
    if after and any(
        ctx.tokens_between(m.end, verb_start) <= 1 for m in ctx.within(ctx.actors, lo, verb_start)
    ):
        after = []  # "قوات الوفاق تتهم حفتر…": the verb has its subject before it, the person is its object
    ahead = ctx.folded(hit.end, hit.end + 40)
    if not after and any(w in _ROLE_HEADS for w in first_words(ahead, 1)):
        # "نفى الناطق باسم الجماعة محمد عبد السلام", "طالب رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة":
        # the person after his role
        after = [
            m for m in ctx.within(ctx.persons, hit.end, hi) if ctx.tokens_between(hit.end, m.start) <= 7
        ][:1]
    if hit.trigger.type in VERBAL_TYPES and (
        _SPEAKING_FOR.match(ahead) or (not after and _MEMBER_OF.match(ahead))
    ):
        # "نفى المتحدث باسم الجيش الوطني الليبي أحمد المسماري": the body he speaks for, also when he is
        # named (gold writers code the body here, the person when he is named without it)
        # "توعد عضو المكتب السياسي للجماعة محمد البخيتي": a member of a body's council speaks for it
        spoken_for = [
            m for m in ctx.within(ctx.actors, hit.end, hi) if ctx.tokens_between(hit.end, m.start) <= 4
        ]
        if spoken_for:
            return spoken_for[0].entity  # "نفاه الناطق باسم الجيش الوطني العميد…": the body he speaks for
    for m in before[-1:] + after[:1]:
        if hit.trigger.type in VERBAL_TYPES and m.entity and not m.entity.startswith("person:"):
            return m.entity  # a known person says, asks, denies, threatens: the person
        org = _organization_of(ctx, m)
        if org is not None and org in ctx.kb_actors:
            add_actor_entity(ctx.doc, ctx.kb_actors, org)
            return org
    return None


_SPEAKING_FOR: Final = re.compile(r"\s*(?:ال)?(?:ناطق|متحدث)(?: \S+)? باسم ")
_MEMBER_OF: Final = re.compile(
    r"\s*(?:عضو|رييس|القيادي|قيادي) (?:في )?(?:ال)?(?:مكتب|مجلس|قياده|هييه)\S* (?:\S+ )?(?:ل|في )"
)


# Roles before a person's name: "الناطق باسم…", "رئيس حكومة…", "زعيم التيار…", "قائد…".
_ROLE_HEADS: Final = frozenset(
    {"الناطق", "المتحدث", "رييس", "زعيم", "قايد", "القايد", "وزير", "الوزير", "الرييس", "المبعوث", "مسوول"}
    | {"مدير", "المدير", "امين", "الامين", "قيادي", "القيادي"}
)


def _organization_of(ctx: DocContext, person: Mention) -> str | None:
    """The knowledge-base organization of a PERSON mention, if any."""
    entity = ctx.doc.entities.get(person.entity or "")
    value = entity.attrs.get("organization") if entity is not None else None
    return value if isinstance(value, str) else None


def shares_subject(ctx: DocContext, draft: Draft, previous: list[Draft]) -> bool:
    """A verb joined by و to the verb just before it in the same sentence has that verb's subject, also
    when the text does not name it ("وكان الزعبي قد انضم … ورفض الانضمام")."""
    if not previous:
        return False
    p = previous[-1]
    if p.sentence != draft.sentence or p.hit.trigger.pos != "verb" or p.event.actor1 is not None:
        return False
    return draft.hit.prefix.startswith("و") and draft.hit.start - p.hit.end < 120


def operation_described(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """ "نفذت قوة من جهازنا عملية إنزال جوي …، استهدفت وكراً": a feminine verb with no subject and no
    conjunction after an operation ("عملية"، "حملة") in its sentence describes that operation, whose
    agent it has."""
    hit = draft.hit
    if not previous or hit.prefix or hit.trigger.pos != "verb" or not normalize_key(hit.text).endswith("ت"):
        return None
    p = previous[-1]
    if p.sentence != draft.sentence or p.event.actor1 is None or hit.start - p.hit.end > 200:
        return None
    if normalize_key(p.hit.text).split()[0] not in ("عمليه", "حمله") or ctx.triggers_within(
        p.hit.end, hit.start
    ):
        return None
    return p.event.actor1


# Participles that describe the subject of the clause before them: "متهمةً", "مطالبين", "محذراً".
_CIRCUMSTANTIAL: Final = frozenset(
    {"متهمه", "متهما", "متهمين", "مطالبه", "مطالبا", "مطالبين", "محذره", "محذرا", "محذرين"}
    | {"محمله", "محملا", "محملين", "مهدده", "مهددا", "مهددين", "رافضه", "رافضا", "رافضين"}
    | {"نافيا", "نافيه", "نافين", "داعيا", "داعين", "متوعدا", "متوعده", "ملوحا", "ملوحه"}
)


def is_circumstantial(hit: TriggerHit) -> bool:
    """Is the trigger a circumstantial participle ("متهمةً", "نافياً") written without a proclitic?"""
    return not hit.prefix and normalize_key(hit.text).split()[0] in _CIRCUMSTANTIAL


def reporting_speaker(ctx: DocContext, hit: TriggerHit) -> str | None:
    """For a circumstantial participle ("…، نافياً", "…، داعياً") after a reporting verb in its sentence
    ("في المقابل، قال المركز الإعلامي لقسد إن…، نافياً"): the reporter, a known person (also behind his
    role) before the body he speaks for."""
    if not is_circumstantial(hit):
        return None
    if not set(ctx.text[max(0, hit.start - 3) : hit.start]) & {"،", ","}:
        return None
    said = _last_reporting_verb_end(ctx, hit)
    if said is None:
        return None
    persons = [m for m in ctx.within(ctx.persons, said, hit.start) if ctx.tokens_between(said, m.start) <= 7][
        :1
    ]
    if persons and persons[0].entity and not persons[0].entity.startswith("person:"):
        return persons[0].entity
    actors = [m for m in ctx.within(ctx.actors, said, hit.start) if ctx.tokens_between(said, m.start) <= 5]
    if not actors:
        return None
    entity = ctx.doc.entities.get(actors[0].entity or "")
    if entity is not None and entity.attrs.get("type") == "other":
        return None  # an agency or a monitor that tells it ("ذكرت سانا …، نافياً"): not the speaker
    return actors[0].entity


def circumstantial(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
    """The event of the clause a circumstantial participle follows, in its sentence ("نفت الجماعة …،
    متهمةً …"), when that event has a subject."""
    hit = draft.hit
    if not is_circumstantial(hit) or not previous:
        return None
    p = next((d for d in reversed(previous) if d.hit.trigger.pos == "verb"), None)
    if p is None or p.sentence != draft.sentence or p.event.actor1 is None:
        return None
    return p if "،" in ctx.text[p.hit.end : hit.start] or "," in ctx.text[p.hit.end : hit.start] else None


# Words that open a clause before its verb: "بينما نعت وحدات مقاومة سنجار مقاتليها، متوعدة…".
_CLAUSE_OPENERS: Final = frozenset({"بينما", "فيما", "في", "حين", "كما", "ثم", "وقد", "فقد", "قد"})


def participle_clause_subject(ctx: DocContext, hit: TriggerHit) -> str | None:
    """For a circumstantial participle after a clause whose verb names no event ("بينما نعت وحدات
    مقاومة سنجار مقاتليها الثلاثة، متوعدة بـ«رد قاسٍ»"): the actor right after that clause's verb."""
    if not is_circumstantial(hit):
        return None
    _, unit = ctx.unit_at(hit.start)
    before = ctx.text[unit.sentence.start : hit.start].rstrip()
    if not before.endswith(("،", ",")):
        return None
    clause = unit.clause_at(unit.sentence.start + len(before) - 2)
    if clause.start >= hit.start or ctx.triggers_within(clause.start, hit.start):
        return None
    words = [w.lstrip("و") for w in ctx.folded(clause.start, hit.start).split()]
    lead = 0
    while lead < len(words) and words[lead] in _CLAUSE_OPENERS:
        lead += 1
    actors = ctx.within(ctx.actors, clause.start, hit.start)
    if not actors:
        return None
    # the verb, then its subject: one word between the openers and the actor
    return actors[0].entity if ctx.tokens_between(clause.start, actors[0].start) == lead + 1 else None


def _last_reporting_verb_end(ctx: DocContext, hit: TriggerHit) -> int | None:
    """The end (original offset) of the last reporting verb ("قال", "أعلن") of the trigger's sentence
    before it, or None."""
    _, unit = ctx.unit_at(hit.start)
    reporting = default_event_cues().reporting
    said = None
    for w in WORD_RUN.finditer(
        ctx.view.text, ctx.view.to_view(unit.sentence.start), ctx.view.to_view(hit.start)
    ):
        if w.group().removeprefix("و").removeprefix("ف") in reporting:
            said = ctx.view.to_original(w.end())
    return said


def speaker_pronoun(ctx: DocContext, hit: TriggerHit) -> str | None:
    """For a verb right after "إنها"/"فإنه": the one the pronoun stands for, the actor right after the
    sentence's reporting verb or after أن, else the document's author, else the sentence's first actor (""
    when there is none); None when no such pronoun stands before the verb."""
    before = ctx.words_before(hit.start - len(hit.prefix), 1)
    if not before or before[-1].lstrip("وفل") not in ("انها", "انه"):
        return None  # "قال لنا أنهم انسحبوا": "they" is someone else than the speaker
    _, unit = ctx.unit_at(hit.start)
    reporting = default_event_cues().reporting
    actors = ctx.within(ctx.actors, unit.sentence.start, hit.start)
    for m in actors:
        said = ctx.words_before(m.start, 1)
        # "وقالت هيئة تحرير الشام إنها…", "أن الهيئة تواصلت مع العزة وأخبرتهم أنها…": the subject
        if said and (said[-1].lstrip("وف") in reporting or said[-1].lstrip("وبلف") == "ان"):
            return m.entity or ""
    if ctx.author:
        return ctx.author  # "وإذ تستمر الاعتداءات، فإنها تحذر…": a signed text speaking of itself
    return (actors[0].entity or "") if actors else ""


def joined_noun(
    ctx: DocContext, draft: Draft, previous: list[Draft], near_after: list[Mention]
) -> Draft | None:
    """The event noun of the same clause that this noun is joined to by و, when this one names no agent
    of its own right after it."""
    hit = draft.hit
    if hit.trigger.pos != "noun" or not hit.prefix.startswith("و") or near_after or not previous:
        return None
    p = previous[-1]
    if p.hit.trigger.pos != "noun" or p.event.actor1 is None or p.sentence != draft.sentence:
        return None
    between = ctx.text[p.hit.end : hit.start]
    return p if len(between.split()) <= 8 and not any(c in between for c in ".،,:;\n") else None


def counted_group(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """The collective actor of people counted right after the trigger ("عن 23 محتجزاً", "14 متظاهراً",
    "ثلاثة مدنيين"), when the knowledge base holds it."""
    window = ctx.text[hit.end : min(hi, hit.end + 70)]
    if not any(stem in window for stem in _COUNTED_GROUPS):
        return None
    words = first_words(ctx.folded(hit.end, min(hi, hit.end + 70)), 9)
    for number, noun in pairwise(words):
        if not (number.isdigit() or is_number(number)):
            continue
        noun = noun.rstrip('.،,:;!?؟)»"')
        stem = noun[:-1] if noun.endswith("ا") else noun[:-2] if noun.endswith(("ين", "ون")) else noun
        group = _COUNTED_GROUPS.get(stem)
        if group is not None:
            return group if group in ctx.kb_actors else None
    return None


# People counted after an arrest, a release or an attack, by folded stem: "23 محتجزاً", "14 متظاهراً".
_COUNTED_GROUPS: Final = {
    "محتجز": "prisoners",
    "معتقل": "prisoners",
    "موقوف": "prisoners",
    "سجين": "prisoners",
    "متظاهر": "protesters",
    "محتج": "protesters",
    "مدني": "civilians",
}


def said_again(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
    """The event of the same sentence whose verb this one repeats after كما ("كما تطالب"), if any."""
    hit = draft.hit
    if hit.trigger.pos != "verb" or ctx.words_before(hit.start - len(hit.prefix), 1)[-1:] not in (
        ["كما"],
        ["وكما"],
    ):
        return None
    for p in reversed(previous):
        if p.sentence != draft.sentence:
            break
        if p.hit.trigger.pos == "verb" and (
            p.hit.trigger.lemma == hit.trigger.lemma
            # "تطالب المنظمة الحكومة بـ…، كما تدعو الولايات المتحدة إلى…": another call, the same caller
            or p.hit.trigger.type == hit.trigger.type == "REQUEST"
        ):
            return p
    return None


def civilian_victims(ctx: DocContext, lo: int, hi: int) -> bool:
    """Does the sentence name people civilian by what they are (طفل، امرأة، نساء، أطفال)?"""
    key = ("civilian_victims", lo, hi)  # asked again for each event of the sentence
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _names_civilians(ctx.folded(lo, hi))
    return bool(found)


def _names_civilians(folded: str) -> bool:
    words = actor_cues()["civilian_victims"]
    for w in folded.split():
        w = w.removeprefix("و").removeprefix("ب").removeprefix("ل")
        if w in words or w.removeprefix("ال") in words:
            return True
    return False


# Verbs of claiming an attack: the actor after them (past a head such as تنظيم) carried it out.
_CLAIMS: Final = frozenset({"تبناه", "تبنته", "تبنتها", "تبناها", "تبنوه", "تبني", "تبنت", "تبنوا"})


def claimed_by(ctx: DocContext, m: Mention) -> bool:
    """Is the actor named as the one who claimed the attack ("تبنّاه تنظيم داعش") or as the owner of the
    shooter or weapon ("قناص تابع لـ X", "الطائرة تابعة للقيادة العامة")?"""
    words = ctx.words_before(m.start, 5)
    if words and m.start > 0 and ctx.text[m.start - 1].isalpha():
        words.pop()  # the proclitic written on the name ("لـالقيادة", "للقيادة")
    elif words and words[-1] in ("ل", "لل"):
        words.pop()
    while words and words[-1] in CONSTRUCT_HEADS and words[-1] not in LAM_HEADS:
        words.pop()
    if words and words[-1] in _CLAIMS:
        return True
    if (
        words
        and words[-1].lstrip("و") in _ANNOUNCE_VERBS
        and first_words(ctx.folded(m.end, m.end + 30), 1) in (["مسووليتها"], ["مسووليته"], ["مسووليتهم"])
    ):
        return True  # "أعلنت المقاومة الإسلامية في العراق مسؤوليتها عنه": who claimed the attack
    means = actor_cues()["attributed_means"]
    return (
        len(words) >= 2 and words[-1] in LAM_HEADS and words[-2].removeprefix("ال").removeprefix("ب") in means
    )


_RESULTED: Final = frozenset({"اسفرت", "اسفر", "اسفرتا", "ادت", "ادي", "افضت"})


def result_agent(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """ "نفذت وحداتنا عملية أمنية أسفرت عن اعتقال قيادي": a deed an operation resulted in is done by
    the operation's doer: our forces named before it in the sentence, else the agent of the sentence's
    earlier event."""
    hit = draft.hit
    words = ctx.words_before(hit.start - len(hit.prefix), 2)
    if len(words) < 2 or words[-1] not in ("عن", "الي") or words[-2].lstrip("و") not in _RESULTED:
        return None
    _, unit = ctx.unit_at(hit.start)
    for w in ctx.folded(unit.sentence.start, hit.start).split():
        stem = w[:-2].rstrip("و")
        if ctx.author and w.endswith("نا") and (stem in OUR_FORCES or stem.removeprefix("و") in OUR_FORCES):
            return ctx.author
    same = [p for p in previous if p.sentence == draft.sentence and p.event.type not in VERBAL_TYPES]
    return same[-1].event.actor1 if same else None


_DURING: Final = frozenset({"خلالها", "خلاله", "اثناءها", "اثناءه", "فيها", "بعدها"})


def svo_subject(ctx: DocContext, hit: TriggerHit, plain_before: list[Mention]) -> Mention | None:
    """The actor written right before a verb that has no conjunction of its own: its subject ("قوات
    النظام هاجمت", "أن الهيئة استهدفت"). "مواقع الهيئة وقصفت" joins a new verb, so it is no subject."""
    if not plain_before or hit.prefix[:1] in ("و", "ف"):
        return None
    m = plain_before[0]  # the nearest before the verb
    return m if _svo_gap(ctx, m.end, hit.start - len(hit.prefix)) else None


def _svo_gap(ctx: DocContext, lo: int, hi: int) -> bool:
    """Are the words between a subject and its verb only particles such as قد، عم، إذ (or none)?"""
    gap = ctx.text[lo:hi]
    if not gap.strip():
        return True
    if len(gap) > 24 or any(not c.isspace() and not c.isalpha() for c in gap):
        return False
    words = ctx.folded(lo, hi).split()
    if words[:1] and words[0] in SUPPORTING:
        # "الطيران المسير الإماراتي الداعم لحفتر استهدف": the party it backs, named between
        backed = [m for m in ctx.names if lo < m.start and m.end <= hi]
        return bool(backed) and not ctx.text[backed[-1].end : hi].strip() and len(words) <= 4
    return all(w in _SVO_GAP for w in words) or (
        words[:1] == ["من"] and all(w in _FOR_ITS_PART for w in words)
    )


# Backing another party: "الداعم لحفتر", "المساندة لقوات الوفاق".
SUPPORTING: Final = frozenset({"الداعم", "الداعمه", "الداعمين", "المساند", "المسانده", "الحليف", "الحليفه"})


# Hedges on a perpetrator (no modality, gold/README.md): "يُعتقد أنهم من خلايا التنظيم".
HEDGES: Final = frozenset({"يعتقد", "يرجح", "يشتبه", "يظن"})


def hedged_subject(ctx: DocContext, hit: TriggerHit, m: Mention) -> bool:
    """ "هاجم مسلحون يعتقد أنهم من تنظيم الدولة": the verb's subject, said to belong to the actor."""
    if m.start <= hit.end:
        return False
    words = first_words(ctx.folded(hit.end, m.start), 14)
    if not words or len(words) > 13:
        return False  # the tests below read at most thirteen words: a longer gap is not split
    if 2 <= len(words) <= 5 and words[0] in PARTITIVE and words[1] in HEDGES:
        return True
    # "اختطف مسلحون يستقلون سيارات مدنية، تبين لاحقاً أنهم يتبعون لجهاز دعم الاستقرار": found to belong
    if words[-1:] in (["ل"], ["لل"]):
        words = words[:-1]  # the proclitic written on the name
    return (
        len(words) <= 12
        and words[0] in ("مسلحون", "مسلحين", "ملثمون", "ملثمين", "عناصر", "رجال")  # the verb's subject
        and words[-2:-1] in (["انهم"], ["انه"])
        and (words[-1] in LAM_HEADS or words[-1] == "من")  # "قال شهود إنهم من كتيبة طارق بن زياد"
    )


# Words between an SVO subject and its verb: "قوات النظام قد قصفت", "طيران الوفاق المسير استهدف".
_SVO_GAP: Final = frozenset(
    {"قد", "لقد", "بدورها", "بدورهم", "بدوره", "عم", "عم بيقصف", "اذ"}
    # the kind of aircraft after the force's name: "طيران الوفاق المسير استهدف"
    | {"المسير", "المسيره", "الحربي", "الحربيه"}
)
# "المجلس الانتقالي من جهته حمّل الحكومة…": a subject's "for its part" before its verb
_FOR_ITS_PART: Final = frozenset({"من", "جهته", "جهتها", "جهتهم", "جانبه", "جانبها", "جانبهم"})


def pronoun_subject(hit: TriggerHit) -> bool:
    """A verb that carries a plural subject ("هاجموا", "يستهدفون", "استهدفوهم"): an actor after it is
    its object, not its subject."""
    if hit.trigger.pos != "verb" or hit.person == "we" or "ال" in hit.prefix:
        return False
    word = normalize_key(hit.text).split()[0]
    if normalize_key(hit.trigger.lemma).split()[0].endswith(("و", "ون", "وا")):
        return False
    return word.endswith(("وا", "ون", "وه", "وها", "وهم", "وهما"))


def gap_words(ctx: DocContext, start: int, end: int) -> list[str]:
    """The folded words between two offsets, leaving out actor names."""
    gap: list[str] = []
    pos = start
    for m in ctx.within(ctx.actors, start, end):
        gap += ctx.folded(pos, m.start).split()
        pos = m.end
    return gap + ctx.folded(pos, end).split()


def object_follows(ctx: DocContext, m: Mention, hi: int, past_time: bool = False) -> bool:
    """Is the mention followed, in its clause, by a noun with no preposition: the verb's object, which
    makes the mention its subject ("داهمت عناصر من الأمن العسكري منازل")? With ``past_time`` a time
    right after the mention is passed over ("هاجمت خلية تابعة لداعش فجر اليوم حاجزاً")."""
    end = m.end
    if past_time:
        times = ctx.within(ctx.times, end, end + 2)
        end = times[0].end if times else end
    if ctx.text[end : end + 1] not in (" ", ""):
        return False
    following = first_words(ctx.folded(end, min(hi, end + 30)), 2)
    if len(following) == 2 and following[0].startswith("بال") and following[0] not in _NOUNS_LIKE_PROCLITICS:
        # "فرّقت عناصر من الهيئة بالهراوات وقفة": the instrument, then the object
        following = following[1:]
    following = following[:1]
    if following and (is_number(following[0]) or following[0].isdigit()):
        return True  # "اعتقلت عناصر من الجيش الوطني الليبي 11 شاباً": a count of what the verb took
    if not following or not following[0].isalpha() or following[0] in _NOT_OBJECTS:
        return False
    if ctx.within(ctx.times, end, end + len(following[0]) + 2) or ctx.within(ctx.places, end, end + 2):
        return False
    return following[0][:1] not in ("ب", "ل", "ك", "و", "ف") or following[0] in _NOUNS_LIKE_PROCLITICS


# Object nouns whose first letter is also a proclitic: "داهمت عناصر من الفرقة الرابعة بلدة كحيل".
_NOUNS_LIKE_PROCLITICS: Final = frozenset(
    {"بلده", "بلدات", "بيت", "بيوت", "بنايه", "بناء", "بوابه", "لواء", "فرع", "فندق", "كتيبه", "كنيسه"}
    | {"كليه", "وحده", "وحدات", "وزاره", "فصيل", "فصايل", "بلدتي", "بئر", "بير", "وقفه", "وقفات", "ورشه"}
)


# The eight directions ("شمال", "غربي"): they locate a place, they open no object.
DIRECTIONS: Final = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})


# Words after a noun phrase that open no object: prepositions, adverbs, relative and conjunctions.
_NOT_OBJECTS: Final = frozenset(
    {
        "في",
        "علي",
        "الي",
        "من",
        "عن",
        "قرب",
        "عند",
        "خلال",
        "امس",
        "اليوم",
        "صباح",
        "مساء",
        "فجر",
        "ليل",
        "ليله",
        "بعد",
        "قبل",
        "منذ",
        "حيث",
        "التي",
        "الذي",
        "الذين",
        "ما",
        "مما",
        "حتي",
        "داخل",
        "محيط",
        "اطراف",
        "ضمن",
        "اثناء",
        "بين",
        "مع",
        "ثم",
        "او",
        "ان",
    }
    | DIRECTIONS
)


def coordinated_subject(ctx: DocContext, draft: Draft, previous: list[Draft], lo: int, hi: int) -> str | None:
    """A verb joined by و or ف to the verb just before it in its sentence, and naming no subject of its
    own, shares that verb's subject ("تسلل مقاتلو الهيئة … وقتلوا أربعة")."""
    if not previous or draft.hit.prefix[:1] not in ("و", "ف") or " " in draft.hit.text.strip():
        return None  # "فكان الرد سلبياً" names its own subject
    # the latest verb of the sentence, past event nouns between ("فرقت قوة من الشرطة وقفة احتجاجية نظمت
    # للمطالبة بالكشف عن قتلة المتظاهرين، واعتقلت ثلاثة محتجين")
    p = next((d for d in reversed(previous) if d.hit.trigger.pos == "verb"), previous[-1])
    if p.sentence != draft.sentence or p.hit.trigger.pos != "verb" or p.event.actor1 is None:
        return None
    if p.hit.person == "we" or we_form(p.hit):
        return None  # "أرسلنا رسالة … فكان": a verb not in the first person has another subject
    if (p.event.type in VERBAL_TYPES) != (draft.event.type in VERBAL_TYPES):
        return None  # "أعلنت الهيئة … وقصفت": a statement and a deed
    if draft.hit.start - p.hit.end > 200 or named_subject(ctx, draft.hit, lo, hi):
        return None
    return p.event.actor1


def during_subject(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """ "شنت قسد حملة دهم، اعتقلت خلالها 11 شخصاً": a verb with no subject of its own that happens
    "during it" has the agent of the earlier event of its sentence."""
    following = first_words(ctx.folded(draft.hit.end, draft.hit.end + 20), 1)
    if not previous or not following or following[0] not in _DURING:
        return None
    p = previous[-1]
    if p.sentence != draft.sentence or p.event.type in VERBAL_TYPES:
        return None
    return p.event.actor1


def _word_start_before(ctx: DocContext, pos: int, n: int) -> int:
    """Original offset of the n-th word before ``pos``."""
    i = pos
    for _ in range(n):
        while i > 0 and ctx.text[i - 1].isspace():
            i -= 1
        while i > 0 and not ctx.text[i - 1].isspace():
            i -= 1
    return i


def control_subject(ctx: DocContext, hit: TriggerHit, before: list[Mention]) -> Mention | str | None:
    """ "تمكن X من NOUN", "نجحت X في NOUN": the subject of the control verb, a mention or "we"
    ("تمكنت وحداتنا من القضاء", "تمكنا من"), when the noun is its complement."""
    head = ctx.words_before(hit.start - len(hit.prefix), 1) or [""]  # "" after a comma
    lo = min(m.start for m in before) if before else hit.start
    _, unit = ctx.unit_at(hit.start)
    lo = min(lo, unit.clause_at(hit.start).start)
    clause_words = last_words(ctx.folded(lo, hit.start - len(hit.prefix)), 14)  # no rule reads further back
    compelled = hit.prefix.endswith("ل") or head[-1] in ("الي", "علي")
    across_relative = False
    forcing = _COMPELLED_OR_UNDERTAKING if head[-1] == "علي" else _COMPELLED
    forced = clause_words[-14:]
    if compelled and not any(w.lstrip("وف") in forcing for w in forced):
        # "أقدم مسلحون مجهولون، مساء الثلاثاء، على اغتيال": the verb before the commas of a time
        reach = max(unit.sentence.start, hit.start - 150)
        forced = [w.strip("،,:;") for w in last_words(ctx.folded(reach, hit.start - len(hit.prefix)), 14)]
    if compelled and any(w.lstrip("وف") in forcing for w in forced):
        last = max(i for i, w in enumerate(forced) if w.lstrip("وف") in forcing)
        forced_at = _word_start_before(ctx, hit.start - len(hit.prefix), len(forced) - last)
        subjects = [m for m in before if m.start >= forced_at] or ctx.within(
            ctx.actors, forced_at, hit.start - len(hit.prefix)
        )
        if subjects:
            return subjects[0]
    if "ب" in hit.prefix:
        return _doer_with_ba(ctx, hit, before, clause_words[-8:])
    if head[-1] in PREPOSITIONS and head[-1] != "في":
        return None  # "جراء غارة", "بعد اشتباكات": an adjunct, no object of a verb before it
    if head[-1] in ("من", "في"):
        # "تمكّنت قواتنا، صباح اليوم، من صدّ": the control verb may stand before commas of a time
        reach = max(unit.sentence.start, hit.start - 150)
        if reach < lo:
            clause_words = [
                w.strip("،,:;") for w in last_words(ctx.folded(reach, hit.start - len(hit.prefix)), 13)
            ]
        words = clause_words[-13:-1]
        verbs = _CONTROL_VERBS
    else:
        words = clause_words[-8:]
        # "أعلنت الجبهة الوطنية الخميس الماضي استهداف مواقع…", "نفذت قطعاتنا فجر اليوم عملية تفتيش"
        verbs = _ANNOUNCE_OR_SUPPORT
        if not any(w.lstrip("وف") in verbs for w in words):
            # "نفذت قطعاتنا، بإسناد جوي من طيران التحالف، عملية تمشيط": a light verb before the commas
            # of an adverbial
            reach = max(unit.sentence.start, hit.start - 160)
            if reach < lo:
                wide = [
                    w.strip("،,:;.") for w in last_words(ctx.folded(reach, hit.start - len(hit.prefix)), 18)
                ]
                relative = next((i for i, w in enumerate(wide) if w in ("التي", "الذي")), None)
                if any(w.lstrip("وف") in _SUPPORT_VERBS for w in wide):
                    words = wide
                    clause_words = wide
                elif relative is not None and any(w.lstrip("وف") in _ANNOUNCE_VERBS for w in wide[:relative]):
                    # "أعلنت قوات مصراتة، التي تقود عملية …، يوم الأربعاء سيطرتها": a relative clause
                    # between the announcing verb and its noun
                    words = clause_words = wide
                    across_relative = True
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lstrip("وف") in verbs), None)
    if at is None:
        return None
    if verbs is not _CONTROL_VERBS:
        verb = words[at].lstrip("وف")
        support = verb in _SUPPORT_VERBS
        if verb not in _SUPPORT_VERBS and len(words) - at > 6 and not across_relative:
            return None  # announcing verbs govern the noun right after their subject and time
        verb_pos = _word_start_before(ctx, hit.start - len(hit.prefix), len(words) - at)
        # the verb's subject, not the complement of another event noun after it ("أعلنت اعتقال ٣ من
        # عناصر التنظيم وضبط…")
        inside = [
            m
            for m in before
            if m.start >= verb_pos
            and not ctx.triggers_within(verb_pos, m.start)
            # "داعش يتبنى عبر وكالة أعماق هجوم": the medium of the claim, not its subject
            and ctx.words_before(m.start, 1)[-1:] not in (["عبر"], ["وفق"], ["حسب"], ["بحسب"])
        ]
        if not inside and clause_words is words:
            # the subject right after a light verb read across an adverbial's commas ("نفذت قوات من
            # التحالف، بمساندة…، عملية")
            inside = [
                m
                for m in ctx.within(ctx.actors, verb_pos, hit.start)
                if ctx.tokens_between(verb_pos, m.start) <= 3
            ][:1]
        ours = (
            support
            and (
                verb.endswith("نا")
                or any(our_force(w) for w in words[at + 1 :][:3])
                # "وكانت قطعاتنا قد نفذت أمس … عملية تفتيش": our force before the light verb
                or any(our_force(w) for w in words[max(0, at - 2) : at])
            )
        )
        named = ctx.words_before(inside[0].start, 2) if inside else []
        if ours and len(named) == 2 and named[1] == "من" and our_force(named[0]):
            return inside[0]  # "نفذت قطعاتنا من الجيش العراقي والحشد عملية تفتيش": ours, named
        if inside and not ours:
            if not support:
                ctx.cache["announcer"] = (inside[0].entity, hit.start)
            return inside[0]
        if ours:
            return "we"  # "نفذت قطعاتنا … عملية تفتيش", "ألقت مفرزة من استخباراتنا القبض"
        earlier = [
            m
            for m in before
            if m.end <= verb_pos
            and len(ctx.text[m.end : verb_pos].split()) <= 2
            # "قوة مشتركة مع التحالف الدولي بدأت": a partner is no subject
            and ctx.words_before(m.start, 1)[-1:] not in (["مع"], ["ضد"])
        ]
        if earlier:
            # "قوة مشتركة من الجيش العراقي والحشد باشرت عملية تمشيط": the first named leads
            return first_conjunct(ctx, earlier[-1], before)
        # a light verb with no named subject: a generic force ("نفذ سلاح الجو غارات"), in a statement
        # signed by an armed organization its own ("نفذ سلاح الجو المسير هجوماً"); else "they"
        if (
            support
            and ctx.author
            and armed(ctx.doc.entities.get(ctx.author))
            and " ".join(words[at + 1 : at + 3]).startswith(_GENERIC_FORCES)
        ):
            return "we"
        return None if support else "they"
    verb = words[at].lstrip("وف")
    if verb.endswith("نا"):
        return "we"
    between = words[at + 1 :]
    if any(w.endswith("نا") and len(w) > 4 and w not in NOT_WE for w in between[:2]):
        return "we"  # "تمكنت وحداتنا", "تمكن مجاهدونا"
    # the control verb's subject: the first actor after it and before the noun, across the commas of an
    # adverbial ("تمكنت دوريات الجهاز، بناءً على معلومات دقيقة، من القبض")
    span_start = hit.start - len(hit.prefix)
    verb_pos = _word_start_before(ctx, span_start, len(words) + 1 - at)
    candidates = [m for m in before if m.end <= span_start] or ctx.within(ctx.actors, verb_pos, span_start)
    n_after_verb = len(between)
    for m in candidates:
        if len(ctx.text[m.start : span_start].split()) <= n_after_verb + 1:
            return m
    # "أن دورياته تمكنت من القبض": the control verb's subject written before it
    subject = [
        m
        for m in ctx.within(ctx.actors, max(0, verb_pos - 60), verb_pos)
        if ctx.tokens_between(m.end, verb_pos) == 0
    ]
    if subject:
        return subject[-1]
    # "أن وحداتنا العسكرية المشاركة في عمليات تحرير العاصمة تمكنت من التقدم": our force opens the "أن"
    # clause the control verb ends
    opening = ctx.words_before(verb_pos, 9)
    that = max((i for i, w in enumerate(opening) if w.lstrip("وف") in ("ان", "انه")), default=None)
    if that is not None and that + 1 < len(opening) and our_force(opening[that + 1]):
        return "we"
    return None


# A list item's opening: "١-", "2.", "-", "•", "ثانياً:", also "١. إلقاء" before a light noun.
_ITEM_OPENING: Final = re.compile(
    r"^\s*(?:[-–•*▪️🔹🔸]+|[0-9٠-٩]{1,2}\s*[-.)–]|(?:اولا|ثانيا|ثالثا|رابعا|خامسا)\s*[:-])\s*(?:القاء\s+)?$"
)


def list_item(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the trigger open an item of a list ("١- استهداف تجمع…", "- ضبط مخزن…")?"""
    line_start = ctx.text.rfind("\n", 0, hit.start) + 1
    return _ITEM_OPENING.match(ctx.folded(line_start, hit.start - len(hit.prefix))) is not None


def quoted_speaker(ctx: DocContext, hit: TriggerHit) -> str | None:
    """The organization of a knowledge-base person whose words are quoted after a colon on the trigger's
    line ("العميد يحيى سريع: قواتنا البحرية استهدفت…")."""
    line_start = ctx.text.rfind("\n", 0, hit.start) + 1
    colon = ctx.text.rfind(":", line_start, hit.start)
    if colon < 0:
        return None
    for m in reversed(ctx.within(ctx.persons, line_start, colon)):
        org = _organization_of(ctx, m)
        if org is not None and org in ctx.kb_actors and not ctx.text[m.end : colon].strip(' "«'):
            add_actor_entity(ctx.doc, ctx.kb_actors, org)
            return org
    return None


def subject_word_before(ctx: DocContext, hit: TriggerHit) -> str:
    """The word right before a verb, past a "قد" ("وكان مجاهدونا قد دكوا") or an adjective ("قواتنا
    البحرية استهدفت")."""
    words = ctx.words_before(hit.start - len(hit.prefix), 3)
    if words[-1:] == ["قد"]:
        words = words[:-1]
    if len(words) > 1 and words[-1].startswith("ال") and words[-1].endswith(("يه", "ي")):
        words = words[:-1]  # "قواتنا البحرية استهدفت": past the force's adjective
    return words[-1] if words else ""


def first_conjunct(ctx: DocContext, m: Mention, before: list[Mention]) -> Mention:
    """The first actor of a coordination that ``m`` ends ("حركة أحرار الشام وجيش العزة"): it leads."""
    while ctx.attached_prefix(m).startswith("و"):
        earlier = [e for e in before if e.end <= m.start and not ctx.text[e.end : m.start].strip(" و")]
        if not earlier:
            break
        m = earlier[-1]
    return m


def our_force(word: str) -> bool:
    """ "قطعاتنا", "مقاتلونا", "مقاتلينا": a force of ours."""
    stem = word[:-2].rstrip("وي")
    return word.endswith("نا") and (stem in OUR_FORCES or stem.removeprefix("و") in OUR_FORCES)


def _doer_with_ba(
    ctx: DocContext, hit: TriggerHit, before: list[Mention], words: list[str]
) -> Mention | str | None:
    """ "قيام قوات الحزام الأمني باعتقال الناشط", "قامت وحداتنا بتمشيط المنطقة": the subject of قام (or
    the genitive of قيام) before a noun with ب does the deed."""
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lstrip("وف") in _DO_WITH_BA), None)
    if at is None:
        return None
    verb = words[at].lstrip("وف")
    if verb.endswith("نا") or verb == "نقوم" or any(our_force(w) for w in words[at + 1 :][:2]):
        return "we"
    verb_pos = _word_start_before(ctx, hit.start - len(hit.prefix), len(words) - at)
    inside = [m for m in before if m.start >= verb_pos]
    if inside:
        return inside[0]
    # "بأن قطعات الحشد الشعبي والجيش العراقي شرعت بعملية تمشيط": the subject before the verb
    earlier = [m for m in before if m.end <= verb_pos and not ctx.text[m.end : verb_pos].strip()]
    if earlier and verb in _STARTING:
        return first_conjunct(ctx, earlier[-1], before)
    if verb in _STARTING and words[at].startswith("و"):
        # "قوة من الحشد وصلت للمنطقة وبدت بتمشيط البساتين": a joined verb shares the first one's subject
        _, unit = ctx.unit_at(hit.start)
        joined = ctx.within(ctx.actors, max(unit.sentence.start, verb_pos - 60), verb_pos)
        if joined and ctx.tokens_between(joined[-1].end, verb_pos) <= 4:
            return first_conjunct(ctx, joined[-1], joined)
    return None


def we_form(hit: TriggerHit) -> bool:
    """A first-person plural verb the lexicon lists among its other forms: نطالب، طالبنا."""
    if hit.trigger.pos != "verb":
        return False
    word = normalize_key(hit.text).split()[0]
    lemma = normalize_key(hit.trigger.lemma)
    if word.startswith("ن") and normalize_key(word) in _third_person_forms(hit.trigger.forms):
        return False  # "وندد المحتجون": ندد is a past form of its own, not "we condemn"
    return (word.startswith("ن") and not lemma.startswith("ن")) or (
        word.endswith("نا") and not lemma.endswith("نا")
    )


@cache
def _third_person_forms(forms: tuple[str, ...]) -> frozenset[str]:
    """The folded one-word forms a trigger lists as other than first person."""
    return frozenset(normalize_key(f) for f in forms if " " not in f)


def we_subject(ctx: DocContext, hit: TriggerHit, hi: int) -> bool:
    """ "استهدفت مدفعيتنا", "تمكن مجاهدونا من": a force of ours right after the trigger, unless the verb
    has its subject before it ("وكانت واشنطن قد اتهمت تشكيلاتنا": ours are the object)."""
    preceding = ctx.words_before(hit.start - len(hit.prefix), 2)
    if preceding[-1:] == ["قد"] and ctx.within(ctx.places, _word_start_before(ctx, hit.start, 3), hit.start):
        return False
    verb_start = hit.start - len(hit.prefix)
    if any(
        ctx.tokens_between(m.end, verb_start) == 0
        for m in ctx.within(ctx.actors, max(ctx.line_start(verb_start), verb_start - 60), verb_start)
    ):
        return False  # "والقيادة العامة تنفي وتقول قواتنا ملتزمة": the subject stands before the verb
    following = first_words(ctx.folded(hit.end, min(hi, hit.end + 40)), 3)
    # "أعادت وحدات من قواتنا": past a partitive
    after = following if following[1:2] == ["من"] else following[:2]
    # "مقاتلونا", and after a noun the genitive "انسحاب مقاتلينا", "اعتقال عناصرنا"
    if any(w.endswith("نا") and w[:-2].rstrip("وي") in OUR_FORCES for w in after):
        return True
    # "اشتبكت دورية تابعة لنا", "دورية تابعة لقواتنا": a unit of ours right after the verb
    if (
        len(following) == 3
        and following[1] in LAM_HEADS
        and (following[2] == "لنا" or our_force(following[2].removeprefix("ل")))
    ):
        return True
    # "واصلت وحداتنا … تقدمها في وادي عومران، وسيطرت على…": a verb joined to a sentence our force opens
    # has it as its subject when no actor follows it
    if hit.trigger.pos != "verb" or not hit.prefix.startswith("و") or not ctx.author:
        return False
    opening = first_words(ctx.folded(ctx.unit_at(hit.start)[1].sentence.start, hit.start), 3)
    return any(our_force(w.strip("،,")) for w in opening[1:]) and not any(
        ctx.tokens_between(hit.end, m.start) <= 2
        for m in ctx.within(ctx.actors, hit.end, min(hi, hit.end + 40))
    )
