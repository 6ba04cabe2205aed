"""Trigger words that name no happening where they stand: words inside names, nouns governed by
another noun, purposes, habits, tallies over a period, background and references back."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from marsad.events.actors import CASUALTY_LEMMAS, DEATH_IN_CUSTODY, GOVERNING
from marsad.events.context import DocContext, Unit, is_number
from marsad.events.coref import is_weapon
from marsad.events.lexicon import VERBAL_TYPES, EventCues
from marsad.events.subjects import (
    HARM_VERBS,
    gap_words,
)
from marsad.events.triggers import TriggerHit
from marsad.text.gate import gated
from marsad.text.normalize import normalize_key
from marsad.text.words import first_words, last_words, matches_at, occurrence_starts

_WEAPON_HANDLING: Final = frozenset(
    {
        "تخزين",  # "حظيرة تستخدم لتخزين طائرات مسيرة"
        "بتزويد",  # "اتهم تركيا بتزويد حكومة الوفاق بطائرات مسيرة"
        "تزويد",
        "استخدام",
        "استخدموا",
        "استخدمت",
        "استخدم",
        "تفكيك",
        "ازاله",
        "نزع",
        "ضبط",
        "زرع",
        "زرعت",
        "مخلفات",
        "خلفها",
        "حقول",
        "خرايط",
        "اسلحه",
        "رشاشه",
        # seized or stored: "ضبط مخزن للأسلحة والعبوات الناسفة", "أسلحة وعبوات ناسفة معدة للتفجير"
        "مخزن",
        "مستودع",
        "مصادره",
        "ضبطت",
        "معده",
        "المعده",
        # found or held: "عُثر بداخلها على أحزمة ناسفة", "ضبطت بحوزة الموقوفين أحزمة ناسفة"
        "عثر",
        "عثرت",
        "بحوزه",
        "بحوزتهم",
        "بحوزته",
        "بداخلها",
    }
)


# Triggers of movement that are a deployment unless the sentence tells of fighting.
MOVEMENT: Final = frozenset({"advance", "advance-noun", "reach", "enter"})


# A tally over a period is not one event: "خلال شهر أيار", "منذ مطلع العام".
_PERIOD: Final = gated(
    r"(?<!\w)[وف]?(?:خلال (?:شهر|عام|العام|الشهر|الاسبوع|الايام|الاشهر)|منذ (?:مطلع|بدايه)|حصيله"
    r"|من اول الشهر|من اول السنه|من بدايه الشهر|منذ اول الشهر|من بدايه|هالشهر|هالاسبوع|هالسنه)"
)


# Nouns of motive: what follows is why people protest, not a new happening.
_MOTIVES: Final = frozenset(
    {"رفضا", "احتجاجا", "تنديدا", "استنكارا", "رافضه", "رافضين", "رافضا", "منددين", "منددا", "تضامنا"}
)


# "دخلت ترهونة من غير قتال", "انسحبت دون مقاومة": fighting named as what did not happen with a move.
WITHOUT: Final = re.compile(r"(?<!\w)(?:دون|بدون|بلا|من دون|من غير)\s*$")


_MANNER_NOUNS: Final = frozenset({"fighting", "clash-noun", "battle"})


_SINCE: Final = gated(r"(?<!\w)منذ(?!\w)")
# Words that open a period after "منذ": "منذ أواخر نيسان", "منذ بدء المواجهات".
_PERIOD_OPENINGS: Final = frozenset(
    {"مطلع", "بدايه", "بدء", "اواخر", "اوايل", "منتصف", "اول", "انطلاق", "اندلاع"}
)


# Habits and repeated happenings: no one event.
_HABITUAL: Final = gated(
    r"(?<!\w)(?:بين الحين والاخر|من حين لاخر|من وقت لاخر|بشكل شبه يومي|بشكل يومي|بين فتره واخري"
    r"|شبه يوميه|شبه يومي|بشكل متكرر|بين حين واخر|بين حين وحين|من حين الي اخر|غالبا ما|عاده ما|كثيرا ما"
    r"|باستمرار)"
)


# Verbs of documenting: what follows is a tally when a period is named.
# A total that reached a number: "تجاوزت ١٢٠ غارة", "بلغ عددها 40".
_REACHED: Final = gated(r"(?<!\w)(?:تجاوزت|تجاوز|بلغت|بلغ|فاقت|فاق|ناهزت|ناهز)(?: \w+)? \d")


# Attacks of a kind counted over a period: "في هجمات مماثلة منذ مطلع العام", "عشرات الهجمات المماثلة",
# "هاي تالت مظاهرة بالمنطقة هالشهر", "أكثر من 40 غارة خلال الأسبوع".
_SIMILAR: Final = gated(
    r"(?<!\w)(?:مماثله|المماثله|مشابهه|المشابهه|عشرات|اكثر من \d+|تالت|ثالث|رابع|خامس|سادس"
    r"|متفرقه|متفرقات)(?!\w)"
)


# A running total raised by the event just told: "وبذلك يرتفع عدد من وثّقنا مقتلهم", "لترتفع الحصيلة إلى".
_RUNNING_TOTAL: Final = gated(
    r"(?<!\w)[وفل]?(?:يرتفع|ترتفع|ارتفع|ارتفعت)(?: بذلك| بهذا)? (?:عدد|حصيله|الحصيله)(?!\w)"
)


_DOCUMENTED: Final = gated(
    r"(?<!\w)و?(?:وثقنا|سجلنا|رصدنا|وثق|وثقت|سجل|سجلت|احصي|احصت|احصينا|الذي احصي)(?!\w)"
)


# Words for people hit: after "سقوط" casualties, after "إخلاء" the wounded carried away.
_VICTIM_WORDS: Final = frozenset(
    {
        "عشرات",
        "عدد",
        "قتلي",
        "شهداء",
        "جرحي",
        "ضحايا",
        "مدنيين",
        "المصابين",
        "الجرحي",
        "الضحايا",
        "الجثث",
        "المدنيين",
        "مصابين",
    }
)


# Words after which a deed's noun names a place, a period or a habit: "مكان احتجازه", "خلال سيطرة X على
# المدينة" (a period, not a takeover), "ويتكرر خطف…".
_NOT_THE_DEED: Final = frozenset({"مكان", "اماكن", "يتكرر", "تتكرر", "تكرر", "تكررت"})


_IN_THE_TIME_OF: Final = frozenset({"اثناء", "خلال", "ابان", "ايام", "فتره", "زمن"})


_ARRESTING: Final = gated(r"(?<!\w)\w{0,3}(?:قبض|اعتقل|اعتقال|توقيف|اوقف|احتجز|احتجاز)\w*")


# The documenting team as the subject: "تواصل معهم فريقنا", "قابلهم باحثو المنظمة".
_OUR_TEAM: Final = gated(r"^\s*\S*\s*(?:فريقنا|فريق المنظمه|فريق الرصد|باحثونا|باحثو|الباحثون|الفريق)")


# Verbs of ending: "توقفت المواجهات", "هدأت الاشتباكات".
_HALTING: Final = frozenset({"توقفت", "توقف", "هدات", "هدا", "انتهت", "انتهي"})


# Projectiles as the subject of a verb of arriving or falling; the same after ل, what was intercepted.
_PROJECTILES: Final = frozenset(
    {"رصاص", "الرصاص", "صاروخ", "الصاروخ", "قذيفه", "القذيفه", "قذائف", "القذائف", "شظايا"}
    # the wounded taken away: "و٣ جرحى بالرصاص الحي وصلوا للمفرزة الطبية"
    | {"جرحي", "الجرحي", "مصابين", "المصابين", "الحي"}
)


_AT_PROJECTILES: Final = frozenset(
    {"للصواريخ", "للصاروخ", "للقذائف", "للطايرات", "للطايره", "للمسيرات", "للمسيره"}
)


# The rest of a force, or its attackers, as the subject of a withdrawal told after the fight.
_REMAINING: Final = frozenset({"الباقون", "الباقين", "البقيه", "المهاجمون", "المهاجمين", "المسلحون"})


# Words of weapons prepared for a use: "عبوات معدّة للتفجير".
_PREPARED: Final = frozenset({"معده", "المعده", "مجهزه", "المجهزه", "مخصصه", "جاهزه"})


# Words of allowing or denying visits to a detainee.
_ALLOWING: Final = frozenset(
    {"السماح", "تمكين", "حرم", "حرمان", "منع", "يسمح", "تسمح", "حرمانه", "بالسماح", "بتمكين"}
)


# Blockers that hold whatever proclitic the noun after them carries: "الخاضع لسيطرة القيادة", "تحسباً
# لضربات جديدة", "يقضي بوقف القتال".
_BLOCKS_AFTER_ANY_PROCLITIC: Final = frozenset(
    {
        "الخاضع",
        "الخاضعه",
        "الخاضعتين",
        "الخاضعين",
        "خاضع",
        "خاضعه",
        "تحسبا",
        "خشيه",
        "تجنبا",
        "يقضي",
        "تقضي",
        "ينص",
        "تنص",
        "يتضمن",
        "تتضمن",
    }
)


# Writings that criticize or accuse: "تدوينات تنتقد تردي الخدمات" tells what a post said, no event.
_WRITINGS: Final = frozenset(
    {
        "تدوينات",
        "تدوينه",
        "منشورات",
        "منشور",
        "تغريدات",
        "تغريده",
        "مقالات",
        "مقال",
        "لافتات",
        "شعارات",
        "هتافات",
    }
)


# Nouns of doing between a denial and the deed's noun: "نفت استخدام الرصاص الحي".
_DENIED_DOING: Final = frozenset({"استخدام", "اطلاق", "وقوع", "حدوث", "تنفيذ", "ارتكاب"})


# Words that describe what was told before: "واصفاً الاتهامات", "واعتبرت الاتهام".
_DESCRIBING: Final = frozenset(
    {"واصفا", "واصفه", "واصفين", "معتبرا", "معتبره", "اعتبرت", "اعتبر", "واعتبرت", "واعتبر"}
    | {
        "تعتبرها",
        "تعتبره",
        "يعتبرها",
        "يعتبره",
        "اعتبرتها",
        "اعتبرته",
        "اعتبرها",
        "اعتبره",
        "وتعتبرها",
        "وتعتبره",
    }
)


def _cue_before_names_no_deed(
    ctx: DocContext, hit: TriggerHit, raw: list[str], lead: list[str], word: str, noun: bool, text: str
) -> bool:
    """Words right before a trigger that make it no happening of its own (the caller has checked that
    one of ``_BEFORE_CUES`` stands there)."""
    if word in _NOT_THE_DEED or (noun and word in _IN_THE_TIME_OF and text.startswith("سيطر")):
        # "مكان احتجازه", "ويتكرر خطف جامعي الكمأ", "خلال سيطرة ميليشيا الكانيات على المدينة": a
        # place, a habit or a period named after a deed, not the deed happening
        return True
    if (
        hit.trigger.id == "raid-arrest-noun"
        and word in _IN_THE_TIME_OF
        and _ARRESTING.search(ctx.folded(ctx.unit_at(hit.start)[1].sentence.start, hit.start))
    ):
        return True  # "أعلن جهاز الردع القبض على … خلال مداهمة منزل": the raid of the arrest told
    if lead[-2:-1] in (["اذا"], ["ان"], ["ما"]) and lead[-1:] == ["لم"]:
        return True  # "بالتصعيد إذا لم تُفرج قوات النظام عن أبنائهم": a threat's condition
    if (
        noun
        and "ب" not in hit.prefix
        and hit.trigger.type == "ASSAULT"
        and lead[-1:]
        and (lead[-1] in _DENIED_DOING or lead[-1] in _DENYING)
        and any(w.lstrip("و") in _DENYING for w in ctx.words_before(hit.start - len(hit.prefix), 8))
    ):
        # "ونفت قيادة القوات الأمنية في بيان استخدام الرصاص الحي": the deed denied ("نفت موسكو مشاركة
        # طائراتها في الغارات" names the strikes told before, which the denial disputes)
        return True
    definite = "ال" in hit.prefix
    if noun and definite and not _STILL.isdisjoint(lead):
        return True  # "ولا يزال الاعتصام قائماً": the protest told, still going on
    before = {word, *raw[-1:]}
    if noun and definite and not before.isdisjoint(_DESCRIBING):
        return True  # "واصفاً الاتهامات بأنها ملفقة": the accusation told before, described
    if not before.isdisjoint(_CIRCUMSTANCES) or (word == "ضمن" and definite):
        # "وسط اتهامات بقتل مدني", "وسط انتشار أمني": a circumstance; "التظاهر السلمي وعدم قطع الطرق":
        # what is not to be done; "فرّقت المحتجين باستخدام الغاز": the means of another deed
        return True
    if noun and len(lead) > 1 and lead[-1] in _BEGINNINGS and lead[-2] in ("منذ", "علي", "بعد"):
        return True  # "منذ سريان الهدنة", "بعد عام على بدء هجوم قوات حفتر": since it began, told before
    if lead[-2:] in (["نص", "علي"], ["نصت", "علي"], ["ينص", "علي"], ["تنص", "علي"]):
        return True  # "ونصّ على تسليم السلاح الثقيل": the terms of an agreement
    if noun and lead[-1:] in (["تاتي"], ["ياتي"]) and definite:
        return True  # "وتأتي المعارك ضمن الحملة…": the fighting told, placed in context
    if word == "بموجب" and not (
        hit.trigger.type == "AGREE"
        and any(w.startswith(_REACHING) for w in first_words(ctx.folded(hit.end, hit.end + 40), 3))
    ):
        return True  # "بموجب العفو العام": what a deed was done under; "بموجب اتفاق أبرمته…" is told
    return hit.trigger.type == "ASSAULT" and noun and word in _HALTING and definite  # "وتوقفت المواجهات"


_STILL: Final = frozenset({"يزال", "تزال", "زال", "زالت", "يزالون"})


_CIRCUMSTANCES: Final = frozenset({"وسط", "عدم", "باستخدام"})


# Beginnings a deed's noun is dated from: "منذ سريان الهدنة", "على بدء هجوم".
_BEGINNINGS: Final = frozenset({"سريان", "بدء", "بدايه"})


# What is put at risk, not threatened: "يهدد فرص", "تهدد حياة".
_AT_RISK: Final = frozenset({"فرص", "حياه", "استقرار", "مستقبل", "سلامه", "امن", "بانهيار"})


# "تشهد المدينة منذ سنوات", "كل صيف": a place that sees something over a long time.
_SCENE: Final = re.compile(r"(?<!\w)[وف]?(?:تشهد|يشهد|شهدت|شهد)(?!\w)")
_SCENE_VERBS: Final = ("تشهد", "يشهد", "شهد")  # where a match of _SCENE starts, but for a و or ف before it


_LONG_TIME: Final = gated(
    r"(?<!\w)(?:منذ (?:سنوات|اشهر|اعوام|عقود|\S+ \d{4})|كل (?:صيف|عام|سنه|شتاء|اسبوع))(?!\w)"
)


def _scenes(text: str) -> list[re.Match[str]]:
    """What ``_SCENE.finditer(text)`` finds: the verbs of seeing ("تشهد", "وشهدت"). The pattern opens
    with a lookbehind, so it is tried only where one of the verbs stands, not at every character."""
    return matches_at(_SCENE, text, occurrence_starts(text, _SCENE_VERBS, "وف"))


def _ongoing_scene(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the trigger what a place "sees" over a long time ("تشهد مدن الجنوب كل صيف احتجاجات")?"""
    seen = ctx.cache.get("scene")
    if seen is None:
        seen = ctx.cache["scene"] = bool(_scenes(ctx.view.text))  # once per document
    if not seen:
        return False
    lo = max(ctx.unit_at(hit.start)[1].sentence.start, hit.start - 80)
    before = ctx.folded(lo, hit.start)
    scene = _scenes(before)
    return bool(scene) and _LONG_TIME.search(before, scene[-1].end()) is not None


# Verbs of denying whose object noun is the deed denied, no happening.
_DENYING: Final = frozenset(
    {"نفي", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "انكر", "انكرت", "انكروا", "ننفي"}
)


# Every word _cue_before_names_no_deed looks for: a cheap test before it runs.
_BEFORE_CUES: Final = (
    _NOT_THE_DEED
    | _IN_THE_TIME_OF
    | _STILL
    | _DESCRIBING
    | _CIRCUMSTANCES
    | _BEGINNINGS
    | _HALTING
    | _DENIED_DOING
    | _DENYING
    | {"لم", "علي", "تاتي", "ياتي", "ضمن", "بموجب"}
)


# A blocker that carries out attacks: "تنفيذ ضربات جوية" (but "تنفيذ الانسحاب" is a plan).
_CARRYING_OUT: Final = frozenset({"تنفيذ"})


# Words after which a verb's written form can only be its verbal noun: "لوقف تقدم قواتنا", "تنفيذ انسحاب".
_NOUN_MAKERS: Final = frozenset(
    {"وقف", "ايقاف", "تنفيذ", "جهود", "هذا", "هذه", "ذلك", "تلك"}
    # "ارتفاع عدد ضحايا قصف كفرنبل إلى أربعة": the toll of a happening told before
    | {"ضحايا", "حصيله"}
)


# People whose leaving is displacement, not a withdrawal of forces.
_CIVILIAN_MOVERS: Final = frozenset(
    {
        "الاسر",
        "اسر",
        "العائلات",
        "عائلات",
        "الاهالي",
        "السكان",
        "المدنيين",
        "المدنيون",
        "النازحين",
        "النازحون",
    }
)


# Aircraft words: "سقوط طائرة" is a crash or a shooting down, not a place falling.
_AIRCRAFT: Final = frozenset({"طايره", "طايرات", "مسيره", "مسيرات", "مروحيه", "مقاتله", "طايرتين", "الطايره"})


# Verbs of aiming before "إلى": what follows is a purpose.
_AIMING: Final = frozenset(
    {
        "يهدف",
        "تهدف",
        "يسعي",
        "تسعي",
        "يرمي",
        "ترمي",
        "الهادف",
        "الهادفه",
        "لسوقهم",
        "لسوقه",
        "سوقهم",
        "بالسعي",
    }
)


def _denied_object(ctx: DocContext, denial: TriggerHit, hit: TriggerHit) -> bool:
    """What a denial denies, right after it ("ونفت جماعة الحوثي استهداف المدنيين"): no happening of its
    own. A claim the denial reports ("ننفي ما نشرته وسائل الإعلام عن انسحاب…") is one."""
    if denial.trigger.id != "deny" and not (denial.trigger.type == "ACCUSE" and "ال" in hit.prefix):
        return False  # "ودانت بغداد الضربة الأمريكية": what is condemned was told before
    if hit.trigger.pos != "noun" or hit.trigger.type in VERBAL_TYPES:
        return False
    gap = gap_words(ctx, denial.end, hit.start - len(hit.prefix))
    if any(c in ctx.text[denial.end : hit.start] for c in ".،,:\n"):
        return False
    # "نفت أي صلة لعناصرها بالهجمات", "ننفي أي علاقة لنا بالغارة": the deed a link to is denied
    linked = "ب" in hit.prefix and bool({w.lstrip("و") for w in gap} & _LINKS)
    return len(gap) <= 1 or (linked and len(gap) <= 5)


# What a denial says a party has no part in: "أي صلة", "أي علاقة", "أي دور".
_LINKS: Final = frozenset({"صله", "علاقه", "دور", "مسووليه"})


# Words of a death right before the wounded are counted.
_DEATH_WORDS: Final = frozenset({"استشهاد", "مقتل", "مصرع", "وفاه", "قتل"})


# Verbs that tell the outcome of a fight ("أوقعوا في صفوفها سبعة قتلى", "كبّدوهم خسائر").
_OUTCOME_VERBS: Final = ("اوقع", "يوقع", "توقع", "كبد", "يكبد", "خلف", "اسفر", "ادي")


def _outcome(ctx: DocContext, previous: TriggerHit, hit: TriggerHit) -> bool:
    """The outcome of the event just told, in its sentence: its dead ("وأوقعوا في صفوفها سبعة قتلى"), the
    wounded after the killed ("قُتل متظاهران وأصيب 18"), fighters taken prisoner ("وأسروا عنصرين"), and
    the attackers forced back ("وأجبرتهم على التراجع"). Counts and evidence stay with that event."""
    lead = [w.lstrip("و") for w in ctx.words_before(hit.start - len(hit.prefix), 5)]
    lemma = normalize_key(hit.trigger.lemma)
    if lemma in ("اصيب", "جرح", "اصابه") and hit.prefix.startswith("و") and set(lead[-4:]) & _DEATH_WORDS:
        return True  # "أسفر التعرض عن استشهاد أحد مقاتلينا وجرح ثلاثة آخرين"
    if previous.trigger.type != "ASSAULT" or hit.start - previous.end > 160:
        return False
    if ctx.unit_at(previous.start)[0] != ctx.unit_at(hit.start)[0]:
        return False
    if hit.trigger.id == "death-noun" and any(w.startswith(_OUTCOME_VERBS) for w in lead):
        return True
    if (
        lemma in ("اصيب", "جرح")
        and hit.prefix.startswith("و")
        and normalize_key(previous.trigger.lemma) in HARM_VERBS
    ):
        return True
    if hit.trigger.id == "capture" and hit.prefix.startswith("و"):
        return True
    if lead[-1:] == ["وسط"] and hit.trigger.pos == "noun":
        return True  # "اشتباكات عنيفة … وسط غارات مكثفة": strikes amid a battle belong to it
    return hit.trigger.type == "RETREAT" and any(
        w.startswith(("اجبر", "ارغم", "اجبار", "ارغام")) for w in lead[-3:]
    )


# Words before a definite event noun that refer back to an event already told ("قبل الغارة بعشرين
# دقيقة", "بعد ساعات من المواجهات", "وقت الانفجار", "خلال معارك الأربعاء").
_BACK_WORDS: Final = frozenset({"قبل", "بعد", "وقت", "اثناء", "خلال", "عقب", "اثر", "اعقاب"})


# Verbs of owning up to a deed ("لم تعترف أي جهة باحتجازه", "أقرت بالغارة"): the deed is told elsewhere.
_ACKNOWLEDGING: Final = ("تعترف", "يعترف", "اعترف", "الاعتراف", "تقر", "يقر", "اقر")


# Words that give a deed's reason or occasion: a refusal after them is why something was done.
_CAUSE_WORDS: Final = frozenset({"اثر", "بعد", "بسبب", "عقب", "جراء", "خلفيه", "لمجرد", "نتيجه"})


# Nouns of holding someone, and the spans of time "after N … of" them ("بعد أسبوعين من اعتقاله").
_CUSTODY_NOUNS: Final = ("احتجاز", "اعتقال", "اختطاف", "خطف", "توقيف", "اسر")
# Spans of a year or more: "بعد عامين من استعادة المدينة" looks back at background.
_YEARS_SPANS: Final = frozenset({"عام", "عامين", "اعوام", "سنه", "سنتين", "سنوات"})

_SPANS: Final = frozenset(
    {"يوم", "يومين", "ايام", "اسبوع", "اسبوعين", "اسابيع", "شهر", "شهرين", "اشهر", "شهور", "سنه", "سنتين"}
    | {"سنوات", "عام", "عامين", "اعوام", "اولي", "اول", "ساعات", "ساعه"}
)


# Words of a denial or a charge around "تضليل": what a party calls the other's account.
_CALLED_LIES: Final = (
    "نفي",
    "نفت",
    "نفوا",
    "تنفي",
    "ينفي",
    "كذب",
    "ادعاء",
    "الادعاء",
    "مزاعم",
    "المزاعم",
    "اتهام",
    "الاتهام",
    "تتهم",
    "يتهم",
    "اتهمت",
    "متهم",
    "روايه",
    "الروايه",
    "بهدف",
    "لتبرير",
    "وصف",
    "واصف",
)


def _calling_it_lies(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is "تضليل" (misinformation) what a denial or a charge calls an account, in its sentence?"""
    _, unit = ctx.unit_at(hit.start)
    words = ctx.folded(unit.sentence.start, unit.sentence.end).split()
    return any(w.lstrip("وفب").startswith(_CALLED_LIES) for w in words)


# Present-tense holding with its object pronoun: the state of being held, not an arrest.
_HOLDING_NOW: Final = (
    "يحتجزه",
    "تحتجزه",
    "يحتجزونه",
    "يحتجزها",
    "تحتجزها",
    "يحتجزونها",
    "يعتقله",
    "تعتقله",
    "يعتقلونه",
)


# Present-tense light verbs of a campaign going on: "وتشن الجماعة منذ تشرين الثاني هجمات على السفن".
_WAGING: Final = frozenset({"تشن", "يشن", "يشنون", "تواصل", "يواصل", "يواصلون", "تنفذ", "ينفذ", "ينفذون"})
# A wave or an escalation of attacks: "ضمن موجة قصف", "صعّد من استهداف البنى التحتية".
_WAVES: Final = frozenset({"موجه", "موجات", "وتيره", "تصعيد"})
_ESCALATED: Final = frozenset({"صعد", "صعدت", "يصعد", "تصعد", "صعدوا"})


# Forces of nature that "strike" (ضربت) a place.
_NATURE: Final = frozenset(
    {"العاصفه", "عاصفه", "الاعصار", "اعصار", "زلزال", "الزلزال", "السيول", "الفيضانات", "الفيضان"}
)
# Words after which ضرب is the beating, a noun: "آثار ضرب", "سوء معاملة وضرب".
_BEATING_BEFORE: Final = frozenset({"اثار", "اثر", "علامات", "سوء", "تعذيب", "للتعذيب"})


def _not_a_strike(ctx: DocContext, hit: TriggerHit) -> bool:
    """ضرب read as the verb 'struck' where it is the noun 'beating' or a storm's blow."""
    word = normalize_key(hit.text)
    _, unit = ctx.unit_at(hit.start)
    if set(ctx.folded(unit.sentence.start, hit.start).split()) & _NATURE:
        return True
    if word != "ضرب":
        return False
    if hit.prefix.strip("وف"):
        return True  # "للضرب", "بالضرب", "والضرب": the noun
    before = ctx.words_before(hit.start - len(hit.prefix), 1)
    if before and before[-1] in _BEATING_BEFORE:
        return True
    following = first_words(ctx.folded(hit.end, hit.end + 12), 1)
    if not following or not following[0][:1].isalpha():
        return True  # "وعلى جسده آثار ضرب،": a noun that ends its phrase
    # "ضرب وتعذيب", "ضرب مبرح": a noun joined to another or qualified
    return following[0].startswith("و") or following[0] in ("مبرح", "المبرح")


def _campaign(ctx: DocContext, hit: TriggerHit) -> bool:
    """Attacks told as a campaign going on or a trend, not one happening."""
    words = [w.lstrip("و") for w in ctx.words_before(hit.start - len(hit.prefix), 6)]
    if words[-1:] and words[-1] in _WAVES:
        return True
    if words[-2:-1] and words[-2] in _ESCALATED and words[-1] == "من":
        return True
    waging = next((i for i, w in enumerate(words) if w in _WAGING), None)
    if waging is not None and "منذ" in words[waging + 1 :]:
        return True
    # "يواصل جيش الاحتلال التركي هجماته على مناطق شمال وشرق سوريا": its attacks, plural, go on
    return (
        waging is not None
        and words[waging][:1] in ("ي", "ت")
        and normalize_key(hit.text).endswith(("اته", "اتها", "اتهم"))
    )


def _attackers_forced_back(ctx: DocContext, hit: TriggerHit) -> bool:
    """ "وأجبرت المهاجمين على التراجع", "أجبروا عناصرها على الانسحاب": forcing attackers back."""
    words = [w.lstrip("و") for w in ctx.words_before(hit.start - len(hit.prefix), 5)]
    if not words or words[-1] not in ("علي", "الي"):
        return False
    forced = next(
        (
            i
            for i, w in enumerate(words)
            if w.removeprefix("و").startswith(("اجبر", "ارغم", "اضطر", "تجبر", "يجبر"))
        ),
        None,
    )
    if forced is not None and words[forced].endswith(("هم", "ها")):
        return True  # "وتجبرهم على التراجع": the attackers named before
    return forced is not None and any(
        w.startswith(("المهاجم", "المتسلل")) or (w.startswith("عناصر") and w.endswith(("ها", "هم", "ه")))
        for w in words[forced + 1 : -1]
    )


# "ومن منتصف تشرين الأول تعرضت القوات لأكثر من ١٤٠ هجوم": a count from a day on.
_FROM_A_DAY: Final = gated(r"(?<!\w)[وف]?من (?:منتصف|مطلع|بدايه|اول|اواخر|اوايل)(?!\w)")


_FLEEING: Final = frozenset({"هربا", "فرارا", "خوفا", "هروبا"})
_TAKING_PART: Final = frozenset(
    {"المشاركه", "مشاركته", "مشاركتها", "مشاركتهم", "المشاركين", "لمشاركته", "لمشاركتهم"}
)


# Tens written as words: "أكثر من أربعين هجوماً".
_TENS: Final = frozenset(
    {"عشرين", "ثلاثين", "اربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين", "مئه", "مايه"}
)


# Words of a report title's kinds of violations: "احتجاز تعسفي", "إخفاء قسري", "خلال أكتوبر".
_REPORTED_KINDS: Final = frozenset({"خلال", "تعسفي", "قسري", "انتهاكات", "اطار", "حصيله", "تموز", "اب"})
# A report title's word after the kinds it lists: "…: حصيلة أسبوع", "…: ملخص انتهاكات", "…: حالات موثقة".
_SUMMARY_WORDS: Final = frozenset({"حصيله", "ملخص", "حالات", "تقرير", "انتهاكات", "توثيق", "رصد", "احصاييه"})
# A report's section heading: "أولاً: الاعتقال التعسفي والإخفاء القسري - يوم 3 تموز …".
_SECTION_HEAD: Final = gated(r"(?:اولا|ثانيا|ثالثا|رابعا|خامسا|سادسا)\s*:[^.:\n]{0,80}$")
_SECTION_TAIL: Final = re.compile(r"^[^.:\n]{0,60}?\s[-–—]\s")


# Relatives and lawyers whose visits to a detainee are no CONSULT event.
_KIN: Final = (
    "ذوو",
    "ذوي",
    "ذويه",
    "ذووه",
    "ذويها",
    "عايل",
    "اسرت",
    "اسره",
    "اهل",
    "اهال",
    "محامي",
    "والد",
    "زوجت",
    "اقارب",
)
_PRISONS: Final = ("سجن", "السجن", "معتقل", "المعتقل", "المعتقلين", "المحتجزين", "السجناء", "مركز")


def _family_visit(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the visit a family's, a lawyer's or one to a prison ("منع ذويه من زيارته", "زيارة السجن")?"""
    words = [
        w.lstrip("وفبل")
        for w in (
            ctx.words_before(hit.start - len(hit.prefix), 5)
            + first_words(ctx.folded(hit.end, hit.end + 40), 3)
        )
    ]
    return any(w.startswith(_KIN) or w in _PRISONS for w in words) or (
        normalize_key(hit.text).endswith(("ته", "تها", "تهم"))
        and any(w.startswith(("منع", "حرم", "يتمكن", "تتمكن")) for w in words)
    )


# Persons that أوقف (stopped) detains: "أوقفت دورية 14 شاباً", "أوقفوا القيادي", "أوقفت شخصين".
_STOPPED_PERSONS: Final = frozenset(
    {"شخص", "شخصا", "شخصين", "اشخاص", "شاب", "شابا", "شابين", "شبان", "عنصر", "عنصرا", "عنصرين", "عناصر"}
    | {"مطلوب", "مطلوبا", "مطلوبين", "متهم", "متهما", "متهمين", "مشتبه", "مشتبها", "مشتبهين", "القيادي"}
    | {"قياديا", "المدعو", "افراد", "فردا", "رجل", "رجلا", "رجال", "مواطن", "مواطنا", "مواطنين", "ناشط"}
    | {"ناشطا", "ناشطين", "صحفي", "صحفيا", "صحفيين", "طالب", "طالبا", "طلاب", "مسلح", "مسلحا", "مسلحين"}
    | {"امراه", "نساء", "سائق", "سائقا", "مهرب", "مهربا", "مهربين", "موظف", "موظفا", "موظفين"}
)


def _persons_stopped(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does أوقف take persons here: an object pronoun, a person's name, or a person noun before the clause
    ends ("أوقفت أمس في جنديرس شخصين")?"""
    if normalize_key(hit.text).endswith(("ه", "ها", "هم")):
        return True
    tail = ctx.text[hit.end : hit.end + 120]
    stop = min((i for i in (tail.find(c) for c in ".،,:;\n") if i >= 0), default=len(tail))
    if ctx.within(ctx.persons, hit.end, hit.end + stop):
        return True
    return any(
        w.removeprefix("و") in _STOPPED_PERSONS for w in first_words(ctx.folded(hit.end, hit.end + stop), 10)
    )


# Words of custody in a death's sentence: "توفي داخل سجن المطار", "وفاة معتقل في أحد مراكز الاحتجاز".
_CUSTODY: Final = (
    "سجن",
    "السجن",
    "سجون",
    "معتقل",
    "المعتقل",
    "احتجاز",
    "الاحتجاز",
    "احتجازه",
    "اعتقاله",
    "محتجز",
    "المحتجز",
    "الموقوف",
    "موقوف",
    "زنزان",
    "التعذيب",
    "تعذيب",
    "المختطف",
    "مختطف",
)


def _died_in_custody(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the death's clause (or the words right around it) tell of custody, and not of wounds?"""
    _, unit = ctx.unit_at(hit.start)
    clause = unit.clause_at(hit.start)
    words = ctx.folded(max(clause.start, hit.start - 120), min(clause.end, hit.end + 120)).split()
    if any(w.lstrip("و").startswith(("متاثر", "بجروح", "جراء", "اثر")) for w in words):
        return False  # "توفي متأثراً بجروحه": a casualty of an attack told elsewhere
    if any(w.lstrip("وفبل").startswith(_CUSTODY) for w in words):
        return True
    if hit.trigger.pos == "noun":
        return False  # "وفتح تحقيق في وفاة العبيدي": a death named again in a demand
    # "توفي سعد الجبوري (41 عاماً)، أحد هؤلاء المعتقلين، داخل مركز احتجاز": custody past the commas
    sentence = unit.sentence
    around = ctx.folded(max(sentence.start, hit.start - 160), min(sentence.end, hit.end + 160)).split()
    return any(w.lstrip("وفبل").startswith(_CUSTODY) for w in around) and not any(
        w.lstrip("و").startswith(("متاثر", "بجروح")) for w in around
    )


# A crowd dispersed by force: "فرّقت قوات الأمن المحتجين", "فرّقت الشرطة تجمعاً للأهالي".
_CROWDS: Final = (
    "متظاهر",
    "المتظاهر",
    "محتج",
    "المحتج",
    "مظاهر",
    "المظاهر",
    "تظاهر",
    "التظاهر",
    "اعتصام",
    "الاعتصام",
    "المعتصم",
    "معتصم",
    "وقفه",
    "الوقفه",
    "تجمع",
    "التجمع",
    "حشود",
    "الحشود",
    "جموع",
    "الجموع",
    "المسير",
)


def _crowd_dispersed(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does فرّق disperse a crowd: one named in its clause, or its object pronoun after a protest?"""
    tail = ctx.text[hit.end : hit.end + 120]
    stop = min((i for i in (tail.find(c) for c in ".،,:;\n") if i >= 0), default=len(tail))
    if any(
        w.removeprefix("و").startswith(_CROWDS) for w in first_words(ctx.folded(hit.end, hit.end + stop), 8)
    ):
        return True
    if normalize_key(hit.text).endswith(("ها", "هم")):
        earlier = ctx.folded(max(0, hit.start - 300), hit.start).split()
        return any(w.lstrip("وفلب").startswith(_CROWDS) for w in earlier)
    return False


# Fears: what people fear has not happened.
_FEARING: Final = frozenset(
    {"خايفين", "خائفين", "خوفا", "مخاوف", "تخوف", "تخوفا", "يخشون", "تخشي", "يخشي", "خشيه", "تحذيرات"}
)
# A toll rising: "ارتفاع عدد شهداء الحشد بهجوم الميتة", "يرتفع عدد ضحايا القصف".
_RISING: Final = ("ارتفاع", "يرتفع", "ترتفع", "ارتفع", "ارتفعت")
# What is feared of a happening: "يخشى السكان تجدد المواجهات".
_RENEWAL: Final = frozenset({"تجدد", "عوده", "اندلاع", "تصاعد", "انهيار", "توسع", "استيناف", "استئناف"})
# Projectiles that fall: their own nouns tell the attack, the fall is no change of hands.
_FALLING: Final = frozenset({"صاروخ", "صاروخان", "صاروخين", "صواريخ", "قذيفه", "قذيفتان", "قذيفتين", "قذايف"})
# Words before what an attack hit: "غارة على مواقع وتعزيزات", "استهدفت مسيّرة رتلاً عسكرياً".
_STRUCK: Final = frozenset({"علي", "استهدف", "استهدفت", "يستهدف", "تستهدف", "طالت", "طال", "ضد", "مواقع"})
# Present-tense light verbs of control held: "تحكم سيطرتها", "يفرض سيطرته", "تبسط سيطرتها".
_HOLDING_CONTROL: Final = frozenset({"تحكم", "يحكم", "تفرض", "يفرض", "يحكمون", "يفرضون"})
# "تعرضت لاستهداف": what a place or a force underwent, a happening.
_UNDERGONE: Final = frozenset({"تعرضت", "تعرض", "يتعرض", "تتعرض", "تعرضوا", "تعرضنا"})


def _shot_down_before(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is a drone or a missile shot down or intercepted earlier in the trigger's sentence?"""
    sentence = ctx.unit_at(hit.start)[1].sentence
    words = ctx.folded(sentence.start, hit.start).split()
    return any(
        w.lstrip("وب").startswith(("اسقط", "اسقاط", "يسقط", "تسقط", "اعتراض", "اعترض", "تعترض"))
        for w in words
    )


def _witnessed_since(ctx: DocContext, hit: TriggerHit) -> bool:
    """ "تشهد المنطقة منذ أكثر من أسبوع مواجهات متقطعة": fighting a place has seen since some time."""
    sentence = ctx.unit_at(hit.start)[1].sentence
    # "… معارك عنيفة أسفرت عن سقوط آلاف القتلى": the toll of that fighting too, further on
    reach = 20 if normalize_key(hit.trigger.lemma) in CASUALTY_LEMMAS else 8
    window = ctx.folded(max(sentence.start, hit.start - 160), hit.start)
    if "شهد" not in window:
        return False  # every form of the verb holds it: most windows need no splitting
    words = [w.lstrip("و") for w in window.split()][-reach:]
    seen = next((i for i, w in enumerate(words) if w in ("تشهد", "يشهد", "شهدت", "شهد")), None)
    return seen is not None and "منذ" in words[seen + 1 : seen + 8]


def _section_heading(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the trigger in a numbered section heading of a report ("أولاً: الاعتقال التعسفي - …")?"""
    before = ctx.folded(max(0, hit.start - 90), hit.start)
    if ":" not in before or _SECTION_HEAD.search(before) is None:
        return False
    return _SECTION_TAIL.match(ctx.text[hit.end : hit.end + 80]) is not None


# The manner of an operation: "بدعم وإسناد جوي", "بمشاركة جهاز مكافحة الإرهاب وإسناد من طيران الجيش".
_SUPPORT_MANNER: Final = ("بدعم", "بمشارك", "باسناد", "بمسانده", "بتغطيه")
# Counts of happenings: "ما لا يقل عن 38 تظاهرة", "أكثر من 30 غارة خلال الساعات الماضية", "76 حالة خطف"
# (but "ردّ الطيران بأكثر من 60 غارة خلال 24 ساعة" tells the strikes).
_AT_LEAST: Final = gated(r"(?<![\wب])(?:ما لا يقل عن|لا يقل عن|ل?اكثر من|نحو|قرابه)\s+\S+\s*$")
_ORDINALS: Final = frozenset({"ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "عاشر"})


def _counted(ctx: DocContext, hit: TriggerHit, noun: bool) -> bool:
    """A count of happenings of a kind over a period, not one of them."""
    words = [w.lstrip("و") for w in ctx.words_before(hit.start - len(hit.prefix), 4)]
    if words[-1:] in (["حاله"], ["حالات"]) and len(words) > 1 and is_number(words[-2]):
        return True  # "76 حالة خطف أو إخفاء قسري" (after حالة a verb's form is its noun)
    if not noun:
        return False
    if words[-1:] and words[-1] in _ORDINALS and words[-2:-1] in (["هذا"], ["هذه"], ["هو"], ["وهو"]):
        return True  # "هذا ثالث هجوم يستهدف قطعات الحشد خلال أسبوع"
    if not (words and is_number(words[-1])) or words[-1] in ("1", "2", "١", "٢"):
        return False
    lead = ctx.folded(max(0, hit.start - 40), hit.start - len(hit.prefix))
    if _AT_LEAST.search(lead) is None:
        return False
    sentence = ctx.unit_at(hit.start)[1].sentence
    folded = ctx.folded(sentence.start, sentence.end)
    spans = {w.lstrip("و") for w in folded.split()}
    return _PERIOD.search(folded) is not None or bool({"الماضيه", "خلال", "منذ"} & spans)


def _ransom_talk(ctx: DocContext, hit: TriggerHit) -> bool:
    """Kidnappers contacting a family ("والخاطفون تواصلوا مع أهله"): part of the kidnapping."""
    if hit.trigger.type == "REQUEST":
        return False  # a ransom demanded is an event of its own (gold/README.md)
    before = ctx.folded(max(0, hit.start - 40), hit.start).split()[-3:]
    return any(w.lstrip("و").startswith(("الخاطف", "خاطف")) for w in before)


# Verbs that state an agreement's terms: "وتنص المرحلة الثانية من الاتفاق على إعادة انتشار متبادلة".
_PROVISIONS: Final = frozenset(
    {"نص", "نصت", "ينص", "تنص", "تضمن", "تضمنت", "يتضمن", "تتضمن", "يشترط", "اشترط"}
)
_PROVISION_STEMS: Final = ("نص", "تضمن", "شترط")  # every word of _PROVISIONS holds one of them
# Bodies whose names hold an event noun: "لجنة تنسيق إعادة الانتشار", "بعثة الأمم المتحدة لدعم اتفاق
# الحديدة", "لجنة الهدنة"; and the tasks such a name gives them.
_BODIES: Final = frozenset({"لجنه", "اللجنه", "بعثه", "البعثه", "لجان", "اللجان", "مكتب", "فريق", "مركز"})
_BODY_TASKS: Final = frozenset(
    {"تنسيق", "دعم", "لدعم", "مراقبه", "لمراقبه", "متابعه", "تنفيذ", "لتنفيذ", "رصد"}
)
# What enters without fighting: aid, goods and an agreement taking effect ("دخول الاتفاق حيز التنفيذ").
_GOODS: Final = frozenset(
    {"المساعدات", "مساعدات", "القوافل", "قوافل", "الشاحنات", "شاحنات", "البضايع", "الاغذيه"}
)


_CLAUSE_BREAKS: Final = "،,.:;؛\n"


def _last_clause(text: str) -> str:
    """What follows the last clause break (comma, stop, colon, semicolon, line break) in ``text``."""
    last = -1
    for mark in _CLAUSE_BREAKS:
        last = max(last, text.rfind(mark))
    return text[last + 1 :]


def _provision_or_name(ctx: DocContext, hit: TriggerHit) -> bool:
    """An agreement's terms, a body's name, a circumstance, or aid and agreements entering: no
    happening."""
    noun = hit.trigger.pos == "noun"
    raw = ctx.words_before(hit.start - len(hit.prefix), 8)
    before = [w.lstrip("وف") for w in raw]
    window = ctx.folded(max(0, hit.start - 200), hit.start - len(hit.prefix))
    words: list[str] = []
    provision: int | None = None
    if any(stem in window for stem in _PROVISION_STEMS):  # the clause's words only when one may be there
        words = [w.lstrip("وف") for w in last_words(_last_clause(window), 16)]
        provision = next((i for i, w in enumerate(words) if w in _PROVISIONS), None)
    if provision is not None and (
        "علي" in words[provision + 1 :]
        or "ب" in hit.prefix
        or (hit.trigger.type == "AGREE" and "ال" in hit.prefix)  # "وتنص المرحلة الثانية من الاتفاق"
    ):
        return True  # "وتنص المرحلة الثانية من الاتفاق على إعادة انتشار متبادلة … وفتح ممرات"
    if noun and {"وسط", "ووسط"} & set(raw[-3:]) and ("ال" in hit.prefix or hit.prefix.endswith("لل")):
        return True  # "وسط تبادل مستمر للاتهامات بين الطرفين": a state of affairs around the news
    if (
        before[-1:]
        and (
            (before[-1] in _BODIES and "ل" not in hit.prefix)  # but "لجنة للتحقيق": what it was formed for
            or (before[-1] in _BODY_TASKS and not _BODIES.isdisjoint(before[-6:-1]))
        )
    ):
        return True  # "لجنة تنسيق إعادة الانتشار", "بعثة الأمم المتحدة لدعم اتفاق الحديدة"
    if hit.trigger.id in ("enter", "entry-noun") or normalize_key(hit.text).startswith(("تدخل", "يدخل")):
        after = first_words(ctx.folded(hit.end, hit.end + 40), 4)
        if "حيز" in after or not _GOODS.isdisjoint(before[-3:]) or not _GOODS.isdisjoint(after[:2]):
            return True  # "منذ دخول الاتفاق حيز التنفيذ", "المساعدات التي تدخل عبر المعابر"
    return False


# Adjectives of a state of affairs after an event noun: "القصف المتواصل", "هجمات متكررة", "هجمات متفرقة"
# ("اشتباكات مستمرة منذ أسبوعين" is one fight going on).
_ONGOING: Final = frozenset(
    {
        "المتواصل",
        "المستمر",
        "المتكرر",
        "المتواصله",
        "المستمره",
        "المتكرره",
        "متكرره",
        "متفرقه",
        "يوميه",
        "شبه",
    }
)


# Nouns of ceasing before عن: "الكف عن استهداف", "التوقف عن قصف".
_CEASING: Final = frozenset({"الكف", "كف", "التوقف", "توقف", "الامتناع", "امتناع"})


# "… لن يمر دون رد": the deeds a threat answers, told before it.
_UNANSWERED: Final = gated(r"^(?:\w+ ){0,4}(?:لن|لا) (?:يمر|تمر|يمرا)(?!\w)")


# Words before an agreement's noun that tell its making: "التوصل إلى اتفاق", "توقيع اتفاق".
_REACHING: Final = ("التوصل", "توصل", "توقيع", "وقع", "ابرام", "ابرم", "اعلان", "اعلن", "عقد")


# Words after an agreement's noun that speak of it in force, not of its making.
_IN_FORCE: Final = frozenset(
    {"ينص", "تنص", "يقضي", "تقضي", "ساريا", "الساري", "ساري", "المعمول", "الساريه", "ساريه"}
)


# Air defences as the subject of a verb of repelling: an interception.
_AIR_DEFENCE: Final = gated(
    r"^\s*(?:\w+ ){0,2}(?:وسايط الدفاع الجوي|الدفاعات الجويه|دفاعاتنا الجويه|منظومات الدفاع الجوي"
    r"|الدفاع الجوي)"
)


# Openings of a line or sentence that recall what is known, not news: "للتذكير:", "للعلم:", "ويُذكر أن".
_BACKGROUND: Final = (
    "للتذكير",
    "للعلم",
    "تذكير",
    "يذكر ان",
    "ويذكر ان",
    "يشار الي ان",
    "ويشار الي ان",
    "ونذكر بان",  # "ونذكّر بأن وحداتنا تنتشر في جنوب العاصمة منذ عام 2021"
    "نذكر بان",
)


def _in_verse(ctx: DocContext, pos: int) -> bool:
    """Is ``pos`` inside a verse quoted between ﴿ and ﴾ (the opening one written U+FD3F)? The text is
    searched back only when it has an opening bracket at all."""
    has_verse = ctx.cache.get("verse")
    if has_verse is None:
        has_verse = ctx.cache["verse"] = "\ufd3f" in ctx.text
    return bool(has_verse) and ctx.text.rfind("\ufd3f", 0, pos) > ctx.text.rfind("\ufd3e", 0, pos)


def _background_line(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the trigger in a sentence or line that opens by recalling background ("للتذكير: …")?"""
    spans = ctx.cache.get("background")
    if spans is None:
        # worked out once per document: the sentences and lines that open by recalling background
        found: list[tuple[int, int]] = []
        if not any(cue in ctx.view.text for cue in _BACKGROUND):
            ctx.cache["background"] = found
            return False
        starts = {u.sentence.start: u.sentence.end for u in ctx.units}
        for m in re.finditer(r"\n", ctx.text):
            end = ctx.text.find("\n", m.end())
            starts.setdefault(m.end(), len(ctx.text) if end < 0 else end)
        for lo, hi in starts.items():
            if ctx.folded(lo, lo + 24).lstrip(" 📌🔸🔻⚠️•-*").startswith(_BACKGROUND):
                found.append((lo, hi))
        spans = ctx.cache["background"] = found
    assert isinstance(spans, list)
    return any(lo <= hit.start < hi for lo, hi in spans)


# Words of aiming or of an alleged part before an event: "تسعى إلى فرض سيطرتها", "متورطون في إطلاق".
_AIM_OR_PART: Final = frozenset(
    {"تسعي", "يسعي", "يسعون", "تهدف", "يهدف", "تطمح", "يطمح", "متورطون", "متورطين", "متورط"}
)


# Nouns of calling to account before "من": "محاسبة من أطلقوا النار".
_CALLING_TO_ACCOUNT: Final = frozenset({"محاسبه", "معاقبه", "ملاحقه", "مساءله", "مسايله"})


# Verbs of fighting going on or recurring: "وتتواصل الاشتباكات المتقطعة", "وتندلع بينها مواجهات متقطعة".
_ON_AND_OFF: Final = ("تتواصل", "تستمر", "تشهد", "تندلع", "يشهد", "شهدت", "تدور")


def _dated_in_sentence(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the trigger's sentence name a day ("ليل أمس", "يوم الأحد")?"""
    _, unit = ctx.unit_at(hit.start)
    return any(
        m.attrs.get("value") or (m.attrs.get("relative") or {}).get("days") is not None
        for m in ctx.within(ctx.times, unit.sentence.start, unit.sentence.end)
    )


# What is "kept under control" rather than seized: "ضبط النفس", "ضبط الأمن".
_RESTRAINT: Final = frozenset(
    {"النفس", "نفسها", "نفسه", "الامن", "الحدود", "الاوضاع", "الوضع", "الاسعار", "الشارع"}
)

# Words after which "غادر" is the adjective "treacherous": "اعتداء إرهابي غادر", "هجوم غادر".
_TREACHEROUS_AFTER: Final = frozenset(
    {"ارهابي", "اعتداء", "هجوم", "عدوان", "استهداف", "جبان", "كمين", "تفجير"}
)


def _launched(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is a light verb of launching ("شنّت", "نفذت") among the words before the trigger's series?"""
    _, unit = ctx.unit_at(hit.start)
    words = ctx.folded(max(unit.sentence.start, hit.start - 120), hit.start).split()[-12:-1]
    return any(w.lstrip("و").startswith(("شن", "تشن", "يشن", "نفذ", "تنفذ", "ينفذ")) for w in words)


# Carrying on a fight one is resolved to ("عزمها على مواصلة معركة", "تصميمنا على استمرار العمليات").
_CONTINUING: Final = frozenset({"مواصله", "استمرار", "متابعه", "مواصلتها", "مواصلته"})
_RESOLVE: Final = ("عزم", "تصميم", "اصرار")

# Verbs of plotting before a purpose: "كانا يخططان لاستهداف".
_PLOTTING: Final = ("يخطط", "تخطط", "خطط", "مخطط", "يعد", "يعدون", "يتحضر", "يستعد", "تستعد", "يستعدون")


# Breaches of an agreement in force: "خرق جديد للهدنة", "187 خرقاً للهدنة", "انتهاك اتفاق".
_BREACH: Final = ("خرق", "انتهاك", "خروقات", "انتهاكات")


# Words that describe an agreement's making after its noun: "الموقع بين", "الذي توصلت إليه".
_SIGNED: Final = frozenset({"الموقع", "الذي", "التي", "المبرم", "المعلن", "الموقعه", "المبرمه", "المعلنه"})


# Nouns between أي and an event noun: "أي محاولة للهجوم", "أي عملية اقتحام".
_ANY_OF: Final = frozenset({"محاوله", "عمليه", "تصعيد", "نيه", "خطه", "حدا", "احد", "شخص", "جهه", "طرف"})


def _noun_like(hit: TriggerHit) -> bool:
    """A noun trigger, or a verb written like its noun ("هدم", "قصف") that a title or list reads as one."""
    return hit.trigger.pos == "noun" or normalize_key(hit.text) == normalize_key(hit.trigger.lemma)


def _said_of_any(ctx: DocContext, hit: TriggerHit) -> bool:
    """ "أي اعتداء يستهدف مواقعه", "أي رتل تعزيزات يدخل حمص", "أي محاولة جديدة للتقدم": a present verb or
    a noun said of "any" one, two words on, tells of no deed that happened."""
    if hit.trigger.type == "THREATEN" or hit.future_prefix:
        return False  # "أي تصعيد سيقابل برد": the threat itself
    word = normalize_key(hit.text).split()[0]
    # "تواصلنا" is past, and ours: "وقبل أي عمل تواصلنا مع قيادة الهيئة" told what we did
    present = (
        hit.trigger.pos == "verb"
        and not hit.prefix
        and word[:1] in "يت"
        and not word.endswith(("ت", "نا"))
        and hit.person != "we"
    )
    noun = hit.trigger.pos == "noun" or "ال" in hit.prefix or hit.prefix.endswith("ل")  # "للتقدم"
    if not (present or noun):
        return False
    near = [w.removeprefix("و") for w in ctx.words_before(hit.start - len(hit.prefix), 3)]
    at = next((i for i, w in enumerate(near[:-1]) if w in ("اي", "لاي")), None)
    # "قبل أي عمل", "دون أي تدخل": a time or a manner before "any", the deed after it told as done
    return at is not None and (at == 0 or near[at - 1] not in ("قبل", "بعد", "دون", "بدون"))


# The scene of a happening, as where forces arrived: "وصلت قوة من الجيش إلى المكان".
_THE_SCENE: Final = frozenset(
    {"المكان", "للمكان", "المنطقه", "للمنطقه", "الموقع", "للموقع", "المكان،", "المنطقه،"}
)


def _arrived_to_act(following: list[str]) -> bool:
    """ "وصلت للمكان وبلشت…", "وصلت إلى المكان وباشرت…": arriving at the scene and acting there at once."""
    at = next((i for i, w in enumerate(following) if w in _THE_SCENE), None)
    return at is not None and following[at + 1 : at + 2] != [] and following[at + 1].startswith("و")


# Words whose complement a ceasefire is: the agreement, the commitment, the initiative, a place seeing it
# ("ويشهد اليمن تهدئة نسبية").
_CEASEFIRE_HOLDERS: Final = ("اتفاق", "اتفق", "التزام", "مبادر", "تشهد", "يشهد", "شهدت", "شهد")


# Verbs that set a definite event noun beside another happening: it is told elsewhere.
_ACCOMPANYING: Final = ("تزامنت", "تزامن", "رافقت", "رافق", "صاحبت", "صاحب", "تخللت", "تخلل")


# Where fire is launched from: "مصادر إطلاق القذائف", "منصات إطلاق الصواريخ" name no attack.
_LAUNCHERS: Final = frozenset({"مصادر", "مصدر", "منصات", "منصه", "منصتي", "مرابض", "قواعد", "مواقع"})


# Verbs of commenting on (with على) or claiming an event already told.
_COMMENT_VERBS: Final = ("تعلق", "يعلق", "تعليق", "تعقيب", "يعقب", "تعقب")


_CLAIM_VERBS: Final = ("تتبن", "يتبن", "تبنت", "تبني", "تبن")


def _reference_back(ctx: DocContext, hit: TriggerHit, accepted: list[TriggerHit]) -> bool:
    """A definite violent noun after a word of time that points at an event of its type told before;
    a nominal denial of "these claims" after a denial just told ("ننفي … فهذه الادعاءات عارية عن
    الصحة")."""
    if hit.trigger.type == "REJECT" and hit.trigger.pos == "noun":
        lead = ctx.words_before(hit.start - len(hit.prefix), 3)
        if {"هذه", "فهذه", "وهذه"} & set(lead) and any(
            h.trigger.type == "REJECT" and hit.start - h.end < 400 for h in accepted
        ):
            return True
    if hit.trigger.pos != "noun" or hit.trigger.type not in ("ASSAULT", "PROTEST") or "ال" not in hit.prefix:
        return False
    launch = ctx.words_before(hit.start - len(hit.prefix), 2)
    if launch[-1:] and launch[-1].lstrip("و").startswith(_ACCOMPANYING):
        return True  # "وتزامنت الاحتجاجات مع…", "انتهاكات رافقت الاحتجاجات": the protests told elsewhere
    if hit.trigger.type != "ASSAULT":
        return False
    if len(launch) == 2 and launch[1] == "اطلاق" and launch[0].lstrip("و") in _LAUNCHERS:
        return True  # "على مصادر إطلاق القذائف", "منصات إطلاق الصواريخ": where the fire came from
    lead = [
        w[1:] if w[:1] == "و" and w[1:] in _BACK_WORDS else w
        for w in ctx.words_before(hit.start - len(hit.prefix), 4)
    ]
    commented = lead[-1:] == ["علي"] and any(w.startswith(_COMMENT_VERBS) for w in lead)
    if commented or any(w.startswith(_CLAIM_VERBS) for w in lead):
        lead = [*lead[:-1], "بعد"]  # "ولم تعلّق أنقرة على الضربة", "ولم تتبنّ أي جهة الضربة": told before
    if not lead or not (lead[-1] in _BACK_WORDS or (lead[-1] == "من" and set(lead[:-1]) & _BACK_WORDS)):
        return False
    return any(h.trigger.type == "ASSAULT" and h.end <= hit.start for h in accepted)


def _attacked(ctx: DocContext, attack: TriggerHit, hit: TriggerHit) -> bool:
    """A troop movement named as what an attack hit ("استهدفت الهيئة تعزيزات لقوات النظام", "كمين لرتل
    عسكري", "قصف على تعزيزات"): the object of the attack, no event of its own."""
    if hit.trigger.type != "MOBILIZE" or hit.trigger.pos != "noun" or attack.trigger.type != "ASSAULT":
        return False
    gap = gap_words(ctx, attack.end, hit.start - len(hit.prefix))  # the attack's subject may stand between
    return len(gap) <= 2 and all(w in _OBJECT_GAP for w in gap)


# Words between an attack and the troop movement it hit.
_OBJECT_GAP: Final = frozenset(
    {"علي", "ع", "ضد", "استهدف", "استهدفت", "استهدفوا", "مدفعيا", "صاروخيا", "جويا"}
)


def _protest_asks(ctx: DocContext, protest: TriggerHit, hit: TriggerHit, asking: frozenset[str]) -> bool:
    """An event noun asked for by a word of demand that is no trigger ("مطالبين", "لافتات تطالب") after
    a protest in its sentence: the protesters' demand, no event."""
    if protest.trigger.type != "PROTEST" or hit.trigger.pos != "noun" or hit.start - protest.end > 250:
        return False
    if any(c in ctx.text[protest.end : hit.start] for c in ".\n"):
        return False
    lead = ctx.words_before(hit.start - len(hit.prefix), 2)
    return any(w.lstrip("و").removeprefix("لل").removeprefix("ل") in asking for w in lead)


def _governed(ctx: DocContext, head: TriggerHit, hit: TriggerHit, asking: frozenset[str]) -> bool:
    """An event noun that is the object of the trigger before it, in the same clause: the attack that
    was repelled ("تصدى لمحاولة تسلل", "أفشلت هجوماً"), what is requested or demanded ("يطالبون
    بهدنة", "نطالب بالكشف عن مصير المختفين والإفراج عنهم", "احتجاجات للمطالبة بإطلاق سراح
    الموقوفين"), the charge of an accusation ("متهمة جهات مندسة بإطلاق النار") and the terms of an
    agreement ("اتفاق لوقف إطلاق النار")."""
    if head.trigger.type == "PROTEST" and hit.trigger.type == "REQUEST" and hit.trigger.pos == "verb":
        # "مظاهرة بدرعا البلد بعد صلاة الجمعة بتطالب بالإفراج…", "والناس عم تطالب برحيل النظام": the
        # protesters' demand, told by a verb
        between = ctx.text[head.end : hit.start - len(hit.prefix)]
        return (hit.start - head.end < 120 and not any(c in between for c in ".\n")) or (
            hit.start - head.end < 200
            and len(gap_words(ctx, head.end, hit.start)) <= 16
            and "." not in between
        )
    if hit.trigger.pos != "noun" or hit.start - head.end > 90:
        return False
    between = ctx.text[head.end : hit.start - len(hit.prefix)]
    segment = between.rsplit("،", 1)[-1].strip()
    if (
        head.trigger.type == "REQUEST"
        and not any(c in between for c in ".:;\n")
        and (hit.prefix[:1] == "و" or segment[:1] == "و")
    ):
        # "نطالب بالإفراج الفوري عن جميع المحتجزين، وفتح تحقيق مستقل، ووقف حملات الدهم": one list of demands
        return len(between.split()) <= 25
    if (
        head.trigger.type == "REQUEST"
        and "ب" in hit.prefix
        and hit.trigger.type in ("RETREAT", "COERCE", "MOBILIZE")
        and not any(c in between for c in ".:;\n")
        and len(between.split()) <= 12
    ):
        return True  # "طالب وجهاء من ريف درعا، في بيان، النظام بالإفراج عن المعتقلين": what is asked for
    if any(c in between for c in ".،,:;\n"):
        return False
    words = between.split()
    demanded = any(normalize_key(w).lstrip("و").removeprefix("لل").removeprefix("ل") in asking for w in words)
    if head.trigger.type == "REQUEST" or demanded:
        return len(words) <= 10
    if head.trigger.type == "PROTEST" and hit.trigger.type == "REQUEST":
        # "احتجاجات شعبية للمطالبة ب…", "مظاهرة بدرعا البلد بعد صلاة الجمعة بتطالب بالإفراج…": the
        # protesters' demand
        return len(words) <= (3 if "ل" in hit.prefix else 12)
    if head.trigger.id == "accuse" and "ب" in hit.prefix:
        return len(words) <= 6
    if head.trigger.type == "THREATEN" and "ب" in hit.prefix:
        return len(words) <= 4  # "نتوعد تحالف العدوان بضربات موجعة": what is threatened
    if head.trigger.type == "AGREE" and "ل" in hit.prefix:
        return len(words) <= 1
    if head.trigger.id in GOVERNING and "ل" in hit.prefix and len(words) <= 10:
        return True  # "تصدى مقاتلو جيش العزة يوم الأحد 26 أيار 2019 لمحاولة تسلل": what was repelled
    if hit.start - head.end > (80 if head.trigger.id in GOVERNING else 40):
        return False  # "صدت قواتنا في محور أبوقرين صباح اليوم هجوماً شنّته…"
    if head.trigger.id not in GOVERNING and head.trigger.type != "MOBILIZE":
        return False
    if head.trigger.type == "MOBILIZE" and hit.trigger.type == "AID":
        return len(words) <= 3  # "وصلوا من بصرى الشام للمؤازرة": the purpose of the move
    return len(words) <= 1 or (head.trigger.id in GOVERNING and len(words) <= 12)


def _names_a_period(ctx: DocContext, unit: Unit) -> bool:
    """Does the sentence name a period ("خلال الشهر", "منذ مطلع", "حصيلة")? Worked out once per sentence."""
    key = ("period", unit.sentence.start)
    named = ctx.cache.get(key)
    if not isinstance(named, bool):
        sentence = ctx.folded(unit.sentence.start, unit.sentence.end)
        named = ctx.cache[key] = _PERIOD.search(sentence) is not None
    return named


class NotEventFilter:
    """Keeps the trigger words that name a happening where they stand; drops the rest: words inside
    names, nouns governed by another noun, purposes, habits, tallies, what a demand or denial asks
    about, and references back to a happening already told."""

    def __init__(self, cues: EventCues, casualty_words: frozenset[str]) -> None:
        self.cues = cues
        self.casualty_words = casualty_words

    def happenings(self, ctx: DocContext, hits: list[TriggerHit]) -> list[TriggerHit]:
        """The hits, in text order, that are events of their own."""
        last: TriggerHit | None = None
        accepted: list[TriggerHit] = []
        demand: TriggerHit | None = None  # a protest's demand, no event of its own
        ctx.set_hits(hits)
        blocked_end = -1  # the end of the last noun named no happening
        for hit in hits:
            # a trigger word inside a name ("تحرير" in هيئة تحرير الشام); "خرج متظاهرون" ends on one
            if ctx.inside_name(hit.start, hit.start + 1) or self._not_an_event(ctx, hit):
                blocked_end = hit.end if hit.trigger.pos == "noun" else -1
                continue
            if (
                hit.trigger.pos == "noun"
                and blocked_end >= 0
                and ctx.text[blocked_end : hit.start - len(hit.prefix)].strip() in ("", "أو", "او")
                and (
                    hit.prefix.startswith("و")
                    or ctx.text[blocked_end : hit.start].strip() in ("أو", "او")
                    or hit.prefix == "ال"  # "عدد قتلى الاحتجاجات": the genitive of a noun named no happening
                )
            ):
                continue  # "تسع حالات اختطاف واحتجاز تعسفي": a noun joined to one that names no happening
            if demand is not None and _governed(ctx, demand, hit, self.cues.request):
                continue  # "مظاهرة … بتطالب بالإفراج عن المعتقلين": what the protesters' demand asks for
            if last is not None and _protest_asks(ctx, last, hit, self.cues.request):
                continue  # "تظاهر العشرات … مطالبين بالإفراج عن أبنائهم": what the protesters ask for
            if last is not None and (
                _governed(ctx, last, hit, self.cues.request)
                or _attacked(ctx, last, hit)
                or _denied_object(ctx, last, hit)
                or _outcome(ctx, last, hit)
            ):
                demand = hit if last.trigger.type == "PROTEST" and hit.trigger.type == "REQUEST" else demand
                continue
            if _reference_back(ctx, hit, accepted):
                continue
            last = hit
            accepted.append(hit)
        return accepted

    def _not_an_event(self, ctx: DocContext, hit: TriggerHit) -> bool:
        """Trigger words that name no happening here: hashtags ("#ادلب_تحت_القصف"), nouns governed by
        another noun ("مركز احتجاز", "مذكرات توقيف", "إزالة الألغام", "تحت سيطرة"), accompaniment
        ("بإسناد من", "بالتنسيق مع"), and tallies over a period ("وثقنا مقتل 104 خلال الشهر")."""
        if _in_verse(ctx, hit.start):
            return True  # a verse of the Quran between ﴿ ﴾ that opens a statement
        # the word's own start: after a space or a line break ("#الناصرية\nاطلاق نار" is no hashtag); a
        # line break counts only after the last space, so neither search reads back past the word
        space = ctx.text.rfind(" ", 0, hit.start)
        token_start = max(space, ctx.text.rfind("\n", space + 1, hit.start)) + 1
        if "#" in ctx.text[token_start : hit.start] or ctx.text[hit.end : hit.end + 1] == "_":
            return True
        if (
            hit.prefix[:1] == "و"
            and normalize_key(hit.text).startswith("صف")
            and hit.trigger.type == "ASSAULT"
        ):
            return True  # "بما وصفوه", "ووصفت الخارجية": وصف (to describe), not و + صفّى (liquidated)
        if hit.trigger.id == "hold-responsible":
            # "حمّلت أنقرة قوات النظام مسؤولية الغارة"; "بتحمّل مسؤولياتها" is bearing, not blaming
            tail = first_words(ctx.folded(hit.end, hit.end + 140), 12)
            return bool(set(hit.prefix) & set("بل")) or not any(
                w.lstrip("وال").startswith("مسووليت") or w.lstrip("وال") == "مسووليه" for w in tail
            )
        if normalize_key(hit.text) in _MOTIVES:
            return True  # "…وحرقوا إطارات، احتجاجاً على انقطاع الكهرباء": the motive of the deed told
        before = ctx.words_before(hit.start - len(hit.prefix), 1)
        if before and before[-1] in _MOTIVES:
            return True  # "خرج متظاهرون رفضاً لتقدم الهيئة": the cause of a protest, told as its motive
        if before and before[-1].removeprefix("و") in ("اسلحه", "سلاح", "بنادق"):
            return True  # "استخدموا أسلحة قنص": a kind of weapon, not an attack
        if (
            hit.trigger.pos == "noun"
            and "ب" in hit.prefix
            and any(
                w.lstrip("و").startswith(_ACKNOWLEDGING)
                for w in ctx.words_before(hit.start - len(hit.prefix), 4)
            )
        ):
            return True  # "ولم تعترف أي جهة رسمية باحتجازه": owning up to a deed told before
        if self._custody_period(ctx, hit):
            return True
        if hit.trigger.pos == "verb" and "ال" in hit.prefix and normalize_key(hit.text)[:1] in ("ي", "ن"):
            return True  # "من اليدين" (the hands), not "يدين" (condemns): no present tense takes the article
        if hit.trigger.id == "strike-verb" and _not_a_strike(ctx, hit):
            return True  # "آثار ضرب وتعذيب", "تعرضه للضرب", "العاصفة دانيال ضربت المدينة"
        if hit.trigger.id in ("visit", "visit-noun") and _family_visit(ctx, hit):
            return True  # "لم يتمكن ذووه من زيارته": relatives seeing a detainee, no diplomatic visit
        if hit.trigger.id in DEATH_IN_CUSTODY and not _died_in_custody(ctx, hit):
            return True  # "توفي متأثراً بجروحه", "وفاة الرئيس": no death in custody told
        if hit.trigger.id == "disperse-crowd" and not _crowd_dispersed(ctx, hit):
            return True  # "فرّقت الخلافات بين الطرفين": no crowd, no dispersal
        if hit.trigger.id == "stop-detain" and not _persons_stopped(ctx, hit):
            return True  # "أوقفت القتال", "أوقفت دورية شاحنة": stopping a thing, not detaining a person
        if (
            hit.trigger.id == "arrest"
            and normalize_key(hit.text).startswith(_HOLDING_NOW)
            # "قبل أن تعتقلهم عناصر الأسايش": after أن the present tells a deed
            and before[-1:] != ["ان"]
        ):
            return True  # "عن 17 شخصاً آخرين يحتجزهم الانتقالي", "الذي كانوا يحتجزونه": people held, no taking
        if (
            hit.trigger.pos == "verb"
            and not hit.prefix
            and before
            and before[-1].removeprefix("و") == "من"
            and normalize_key(hit.text)[:1] in ("ي", "ت")
        ):
            return True  # "مع ميليشيات الوفاق ومن يساندها من المرتزقة": whoever does it, no deed
        three = ctx.words_before(hit.start - len(hit.prefix), 3)
        two = three[-2:]
        next_word = first_words(ctx.folded(hit.end, hit.end + 12), 1)
        if "ل" in hit.prefix and two == ["في", "محاوله"]:
            return True  # "بدأته الهيئة في محاولة لاستعادة البلدة": the purpose of the deed told
        if (
            normalize_key(hit.text) in ("مفخخه", "المفخخه")
            and before
            and (
                before[-1] in _AIRCRAFT
                or before[-1] == "طيار"
                # "أسقط مسيّرة حوثية مفخخة": the drone's nationality between
                or (len(three) > 1 and three[-2] in _AIRCRAFT)
            )
        ):
            return True  # "اعتراض طائرة بدون طيار مفخخة": what the aircraft carried, told with it
        if before and before[-1] == "فتره" and "ال" in hit.prefix:
            return True  # "خلال فترة الهدنة": a time named by a truce, no agreement made
        if (
            hit.trigger.id == "take-control"
            and normalize_key(hit.text)[:1] in ("ي", "ت")
            and not hit.future_prefix
            and (
                next_word in (["عليها"], ["عليه"], ["عليهم"])
                or (before and before[-1].removeprefix("و") in ("التي", "الذي", "كانت", "كان", "كانوا"))
            )
        ):
            return True  # "عند بوابة يسيطر عليها اللواء", "التي كانت تسيطر على المدينة": who holds a place
        if hit.trigger.id == "fall" and next_word and next_word[0].startswith("شظاي"):
            return True  # "وسقطت شظاياه على أحد الأحياء": debris of what was shot down
        if _section_heading(ctx, hit):
            return True  # "ثانياً: هدم المنازل والاستيلاء عليها - منتصف آب: …": the kinds a section tells
        if (
            (hit.trigger.pos == "noun" or normalize_key(hit.text).endswith("ه"))  # "استعادة", not "استعادت"
            and hit.trigger.type == "ASSAULT"
            and len(two) == 2
            and two[1] in ("من", "علي")
            and two[0] in _YEARS_SPANS
        ):
            return True  # "بعد نحو عامين من استعادة المحافظة": background years back, no happening told
        if self._report_title(ctx, hit):
            return True  # "اليمن: قتل وإخفاء قسري واحتجاز تعسفي خلال أكتوبر": the kinds a report covers
        if before and before[-1] == "عدد":
            return True  # "تجاوز عدد الغارات على صعدة منذ مطلع الشهر", "عدد قتلى الاحتجاجات": a count
        if len(two) == 2 and two[1] == "من" and two[0].removeprefix("و") in _FLEEING:
            return True  # "نزحت عشرات العائلات هرباً من المعارك": what people fled, told before
        if (
            len(two) == 2
            and two[1] == "في"
            and two[0].removeprefix("ب").removeprefix("و") in _TAKING_PART
            # "أثناء مشاركتهم في وقفة احتجاجية": the protest during which it happened is told
            and (len(three) < 3 or three[0] not in ("اثناء", "خلال"))
        ):
            return True  # "اعتقلته بسبب مشاركته في الاحتجاجات": why someone was taken, no protest told
        if hit.trigger.id == "misinformation" and _calling_it_lies(ctx, hit):
            return True  # "ووصفت الاتهامات بأنها تضليل", "كذب وتضليل": a denial's words, no campaign told
        if hit.trigger.type == "ASSAULT" and _campaign(ctx, hit):
            return True  # "وتشن الجماعة منذ تشرين الثاني هجمات", "ضمن موجة قصف", "صعّد من استهداف"
        if hit.trigger.type == "RETREAT" and _attackers_forced_back(ctx, hit):
            return True  # "وأجبرت المهاجمين على التراجع": the attackers' retreat is part of the attack told
        if hit.trigger.id == "mediation" and before and before[-1] in _CAUSE_WORDS:
            return True  # "أُفرج عنه إثر وساطة قادها وجهاء من عشيرته": how the release came about
        if hit.trigger.id == "reach":
            following = first_words(ctx.folded(hit.end, hit.end + 30), 1)
            if following and is_number(following[0].removeprefix("ل").removeprefix("ال")):
                return True  # "الانقطاعات اللي وصلت ١٤ ساعة", "الريال وصل 1100": a figure reached
        if hit.trigger.type == "REJECT" and before and before[-1] in _CAUSE_WORDS:
            # "إثر رفضه دفع إتاوة", "بعد رفض صاحبيهما دفع مبالغ": the reason for a deed (a noun, whatever
            # the lexicon reads: no verb follows إثر)
            return True
        _, unit = ctx.unit_at(hit.start)
        key = ("habitual", unit.sentence.start)
        if key not in ctx.cache:
            found = _HABITUAL.search(ctx.folded(unit.sentence.start, unit.sentence.end))
            ctx.cache[key] = (
                -1
                if found is None
                else ctx.view.to_original(ctx.view.to_view(unit.sentence.start) + found.start())
            )
        habit = ctx.cache[key]
        if isinstance(habit, int) and habit >= unit.clause_at(hit.start).start:
            return True  # "تشهد الطارمية بين الحين والآخر هجمات": a habit, not one happening
        if hit.trigger.type == "ASSAULT" and self._tally(ctx, hit):
            return True
        if hit.trigger.id == "liberation-noun" and (
            "ل" in hit.prefix or (before and before[-1] in ("حتي", "بهدف", "سبيل", "اجل", "معركه"))
        ):
            return True  # "عملياتنا مستمرة حتى تحرير كامل التراب", "لتحرير المدينة": a goal
        if hit.trigger.id in ("fall-noun", "fall"):
            following = first_words(ctx.folded(hit.end, hit.end + 40), 2)
            if following and following[0] in ("خلالها", "خلاله", "فيها", "فيه", "منهم", "منها", "بينهم"):
                following = following[1:]  # "سقط خلالها العشرات من المرتزقة"
            following = following[:1]
            if following and (
                is_number(following[0])
                or following[0].removeprefix("ال") in _VICTIM_WORDS
                or following[0] in ("الاف", "عشرات", "مئات", "العشرات", "المئات")
            ):
                # "سقوط عشرات المدنيين", "كما سقط قتلى في مدينة الصدر": casualties, not a fall
                return True
            if following and (following[0] in ("اي", "ايه") or following[0] in _AIRCRAFT):
                # "نفت سقوط أي طائرة", "سقوط طائرة مسيرة": no place changed hands
                return True
            if hit.trigger.id == "fall" and following and following[0].removeprefix("ال") in _FALLING:
                return True  # "سقطت قذيفة على الحي": the shell's own trigger tells the attack
            if hit.trigger.id == "fall" and any(
                w.lstrip("و").removeprefix("ال") in _FALLING
                for w in ctx.words_before(hit.start - len(hit.prefix), 8)
            ):
                return True  # "وكان صاروخ باليستي أطلقته الجماعة مساء أمس قد سقط في حي الروضة"
        if before and before[-1].removeprefix("و") in ("اي", "لاي"):
            return True  # "أي اعتداء سيقابل بالرد", "دون تسجيل أي تدخل": any, not one that happened
        if _said_of_any(ctx, hit):
            return True
        if (
            (hit.trigger.pos == "noun" or normalize_key(hit.text).endswith("ه"))  # "استعادة", not "استعادت"
            and hit.trigger.type == "ASSAULT"
            and before
            and before[-1] in ("حتي", "لحين")
            and any(
                w.startswith(("مستمر", "متواصل", "ستواصل", "سنواصل", "ماضون"))
                for w in ctx.words_before(hit.start - len(hit.prefix), 6)
            )
        ):
            return True  # "معركتنا مستمرة حتى استعادة كل شبر", "ستواصل التقدم حتى بسط سيطرة الدولة": a goal
        if (
            before
            and before[-1] in ("سريان", "تطبيق")
            and ctx.words_before(hit.start - len(hit.prefix), 2)[:1] in (["رغم"], ["برغم"], ["ظل"])
            and not any(w in _SIGNED for w in first_words(ctx.folded(hit.end, hit.end + 60), 6))
        ):
            return True  # "رغم سريان تفاهمات وقف إطلاق النار": an agreement in force, told as background
        charged = ctx.words_before(hit.start - len(hit.prefix), 3)
        if (
            hit.trigger.pos == "noun"
            and any(
                w == "عن" and charged[i - 1].removeprefix("ال").startswith("مسوول")
                for i, w in enumerate(charged)
                if i >= len(charged) - 2  # "المسؤول عن [تنسيق] الهجمات": the deed right after عن
            )
            and not any(w.startswith("مسووليه") for w in charged)
        ):
            return True  # "المدعو أبو عمر، المسؤول عن تنسيق الهجمات": a person's charge, no happening
        if (
            normalize_key(hit.text).startswith("تفجير")
            and "السيطره" in ctx.folded(hit.end, hit.end + 20).replace(".", " ").split()
        ):
            return True  # "جرى تفجيرها تحت السيطرة": a controlled detonation of seized explosives
        if (
            ctx.words_before(hit.start - len(hit.prefix), 2)[:1] in (["اي"], ["لاي"])
            and before[-1] in _ANY_OF
        ):
            return True  # "أي محاولة للهجوم على سرت ستقابل برد قاسٍ"
        if self._no_happening_here(ctx, hit):
            return True
        if hit.trigger.type in ("ACCUSE", "REQUEST") and before and before[-1].removeprefix("ب") in _WRITINGS:
            return True  # "إثر نشره تدوينات تنتقد تردي الخدمات": what a post said
        following2 = first_words(ctx.folded(hit.end, hit.end + 40), 6)
        if hit.trigger.type == "COERCE" and following2[:1] in (["فيها"], ["فيه"], ["بها"]):
            return True  # "عنابر مكتظة يُحتجز فيها أكثر من ألف شخص": what a place is used for
        if before and before[-1] in ("لا", "ولا") and ("سوي" in following2 or "الا" in following2):
            return True  # "إذ لا يستهدف سلاح الجو سوى المواقع العسكرية": a rule, not a happening
        if (
            hit.trigger.pos == "verb"
            and before
            and before[-1] in ("التي", "الذي", "الذين")
            and normalize_key(hit.text)[:1] in ("ي", "ت")
            and not normalize_key(hit.trigger.lemma).startswith(("ت", "ي"))
        ):
            return True  # "حملات الدهم التي تستهدف المهاجرين": what the campaigns do, no one happening
        if hit.trigger.id == "call-noun" and any(
            w.startswith(("مقطوع", "النت", "الانترنت", "الكهرباء")) for w in following2[:4]
        ):
            return True  # "والاتصالات والنت مقطوعين": telecommunications, no talks
        preceding = ctx.words_before(hit.start - len(hit.prefix), 3)
        if (hit.trigger.id in MOVEMENT or hit.trigger.id in ("fall", "fall-noun")) and set(
            preceding[-2:]
        ) & _PROJECTILES:
            return True  # "والرصاص الراجع وصل للبيوت", "الصاروخ سقط بين الخيام": the strike, told on
        if hit.trigger.id in GOVERNING and following2[:1] and following2[0] in _AT_PROJECTILES:
            return True  # "تصدّت وسائط دفاعنا الجوي للصواريخ": an interception belongs to the strike
        if hit.trigger.type == "RETREAT" and following2[:1] and following2[0] in _REMAINING:
            return True  # "فيما انسحب الباقون تحت وابل من النيران": the attackers' retreat
        if hit.trigger.id == "seize-verb" and following2[:1] and following2[0] in _RESTRAINT:
            return True  # "ضبطت النفس", "تضبط الأمن": restraint and order, no seizure
        if hit.trigger.id == "leave" and "ال" in hit.prefix:
            return True  # "الاستهداف الغادر": the adjective, not the verb of leaving
        if hit.trigger.id == "leave" and before and before[-1] in _TREACHEROUS_AFTER:
            return True  # "في اعتداء إرهابي غادر": treacherous, not "he left"
        if hit.trigger.id == "retaliate" and not hit.future_prefix:
            return True  # "ردت المدفعية" is the answer itself; only "سنرد", "سترد" announce one
        if preceding[-1:] == ["الي"] and preceding[-2:-1] and preceding[-2].lstrip("و") in _AIMING:
            return True  # "لأي مشروع يهدف إلى تهجير أهلنا": an aim
        if (
            hit.trigger.type == "MOBILIZE"
            and hit.trigger.pos == "noun"
            and preceding[-1:] in (["خلال"], ["اثناء"])
        ):
            return True  # "أسرت … خلال عملية تمشيط": the circumstance of the capture
        if (
            hit.trigger.type == "RETREAT"
            and hit.trigger.mode != "release"
            and preceding[-2:] == ["قبل", "ان"]
        ):
            # "أطلقوا النار … قبل أن ينسحبوا": the attackers' retreat is part of their attack (a release
            # "قبل أن تفرج عن المرأة" is an event of its own)
            return True
        if hit.trigger.type == "RETREAT" and set(preceding) & _CIVILIAN_MOVERS:
            return True  # "الأسر التي غادرت المدينة": displacement, not a withdrawal
        if hit.trigger.id in _MANNER_NOUNS and not hit.prefix:
            lead = ctx.folded(max(0, hit.start - 12), hit.start)
            if WITHOUT.search(lead):
                return True  # "دخلت ترهونة من غير قتال": the manner of a move, no fight
        if (
            before
            and hit.trigger.pos == "verb"
            and (before[-1] in _NOUN_MAKERS or (before[-1][:1] in "لبو" and before[-1][1:] in _NOUN_MAKERS))
        ):
            return True  # "لوقف تقدم قواتنا": after a stop or a plan, the verb's form is its noun
        if before and "ال" in hit.prefix and hit.trigger.pos == "verb" and self._blocks(before[-1]):
            return True  # "بتهمة التواصل مع جهات معادية": a verb's form with the article is its noun
        if before and before[-1].lstrip("و").startswith(("مكبل", "مقيد", "المكبل", "المقيد")):
            return True  # "مكبّل اليدين": hands, not a condemnation
        if hit.trigger.pos != "noun":
            return False
        if (
            hit.trigger.type == "CONSULT"
            and {w.removeprefix("و") for w in ctx.words_before(hit.start - len(hit.prefix), 6)} & _ALLOWING
        ):
            return True  # "دون السماح لأسرته بزيارته", "حُرم من الزيارات": visits a detainee may have
        if following2[:1] and following2[0] in _ONGOING:
            return True  # "عبر القصف المتواصل": a state of affairs, no one happening
        if hit.trigger.type == "AGREE" and following2[:1] and following2[0].lstrip("ل").startswith("وضع"):
            return (
                True  # "رغم إجرائه تسوية لوضعه الأمني": a person's settlement, no agreement between parties
            )
        if before and before[-1] == "بين" and hit.trigger.id == "death-noun":
            return True  # "أوقع مئات الضحايا بين قتيل وجريح": a breakdown of a toll
        if before and before[-1] in _PREPARED:
            return True  # "أسلحة وعبوات ناسفة معدّة للتفجير": what the weapons were meant for
        if "ب" in hit.prefix and hit.trigger.id == "mediation":
            return True  # "اتفاق بوساطة أعيان المدينة": the manner of an agreement, like "بإسناد من"
        if "ب" in hit.prefix and hit.trigger.type == "ACCUSE":
            return True  # "اعتقال 7 شبان بتهمة التعامل مع داعش": the charge, not an accusation event
        if hit.trigger.type == "RETREAT":
            following = first_words(ctx.folded(hit.end, hit.end + 30), 1)
            if following and following[0] in _VICTIM_WORDS:
                return True  # "إخلاء المصابين": rescue work
        before = ctx.words_before(hit.start - len(hit.prefix), 1)
        if (
            before
            and (hit.prefix in ("", "ال", "و", "وال") or before[-1] in _BLOCKS_AFTER_ANY_PROCLITIC)
            and self._blocks(before[-1])
            # "بدأت قوات التحالف تنفيذ ضربات جوية": carrying out strikes; "تنفيذ الانسحاب" is a plan
            and not (hit.trigger.type == "ASSAULT" and not hit.prefix and before[-1] in _CARRYING_OUT)
            # "شنّت القوات الأمريكية سلسلة غارات": a series launched is the strikes themselves
            and not (before[-1] == "سلسله" and _launched(ctx, hit))
        ):
            return True  # "مركز احتجاز", "حصيلة القصف", "عناصر التسوية", "مسؤولية الغارة"
        if "ل" in hit.prefix and (hit.trigger.type == "REQUEST" or hit.trigger.id == "dispersal-noun"):
            return True  # "وقفة احتجاجية للمطالبة بالكشف…", "فتحت النار لتفريق المتظاهرين": a purpose
        following = first_words(ctx.folded(hit.end, hit.end + 12), 1)
        if following and following[0] in ("اي", "ايه"):
            return True  # "نفى استهداف أي منازل": what is denied, no happening
        if "ب" in hit.prefix and hit.trigger.type in ("AID", "COOPERATE", "SUPPORT"):
            return True
        handled = {
            w.lstrip("و").removeprefix("لل").removeprefix("ل")
            for w in ctx.words_before(hit.start - len(hit.prefix), 4)
        }
        if (is_weapon(hit) or normalize_key(hit.text).startswith(("طايرات", "طايره", "مسيرات"))) and (
            handled & _WEAPON_HANDLING
        ):
            return True  # "استخدموا قذائف", "تفكيك العبوات", "مخلفات الألغام": no attack here
        if normalize_key(hit.trigger.lemma) in self.casualty_words:
            return _names_a_period(ctx, ctx.unit_at(hit.start)[1])
        return False

    @staticmethod
    def _report_title(ctx: DocContext, hit: TriggerHit) -> bool:
        """Is the trigger in a report's title line "بلد: …" or "تقرير: …" that names no actor?"""
        line_end = ctx.cache.get("first_line_end")
        if not isinstance(line_end, int):
            found = ctx.text.find("\n")
            line_end = ctx.cache["first_line_end"] = len(ctx.text) if found < 0 else found
        # "وهدم منازل": a verb written like its noun reads as the noun in a title
        if hit.start > line_end or not _noun_like(hit):
            return False
        summary = ctx.text.find(":", hit.end, line_end)
        if summary >= 0 and set(first_words(ctx.folded(summary, line_end), 2)) & _SUMMARY_WORDS:
            # "وفيات تحت التعذيب واعتقالات على الحواجز: حصيلة أسبوع", "الخطف والوفاة في الاحتجاز: حالات
            # موثقة": the kinds a report's title names before its summary word
            return True
        colon = ctx.text.find(":", 0, hit.start)
        if colon < 0 or colon > 25:
            return False
        # "عفرين: اعتقالات واستيلاء على أملاك ووفاة معتقل خلال آذار 2021", "درنة بعد الفيضان: اعتقال ناشطين
        # ووفاة محتجز وهدم منازل": a list of kinds (nouns only, three or more, or two over a period); not
        # "طرابلس: اعتقال ناشطين وتفريق وقفة تطالب بالإفراج عنهم", a headline with a verb
        listed = ctx.hits_within(colon + 1, line_end)
        over_a_period = "خلال" in ctx.folded(colon, line_end).split()
        victims_only = all(
            (entity := ctx.doc.entities.get(m.entity or "")) is None or entity.attrs.get("inter") in (6, 7)
            for m in ctx.within(ctx.actors, 0, line_end)
        )  # "اعتقال نازحين": the kinds' victims; "بهجوم لـداعش": a headline's deed, its doer named
        # "وهدم منازل": a verb written like its noun reads as the noun in a list of kinds
        nouns = all(_noun_like(h) for h in listed)
        if victims_only and nouns and (len(listed) >= 3 or (len(listed) == 2 and over_a_period)):
            return True
        if ctx.within(ctx.actors, 0, line_end):
            return False
        head = ctx.folded(0, colon).split()
        if not head:
            return False
        if head[-1] in ("تقرير", "ملخص", "حصاد"):
            return True
        # "اليمن: قتل وإخفاء قسري واحتجاز تعسفي خلال أكتوبر" (a place, then kinds of violations over a
        # period), not "صبراتة: رماية كثيفة وتبادل نار" (a Telegram post's place and news)
        kinds = set(ctx.folded(colon, line_end).split())
        return bool(ctx.within(ctx.places, 0, colon)) and bool(kinds & _REPORTED_KINDS)

    @staticmethod
    def _custody_period(ctx: DocContext, hit: TriggerHit) -> bool:
        """ "طوال فترة احتجازه", "خلال الأيام الأولى من احتجازه،", "بعد نحو ثلاث سنوات على اعتقاله.": the
        time someone has been held, told with no detail of the taking (where, by whom), is no event."""
        word = normalize_key(hit.text)
        if (
            hit.trigger.pos != "noun"
            or not word.startswith(_CUSTODY_NOUNS)
            or not word.endswith(("ه", "هم", "ها"))
        ):
            return False
        words = ctx.words_before(hit.start - len(hit.prefix), 2)
        if words[-1:] and words[-1] in ("فتره", "مده", "طوال"):
            return True
        if words[-1:] == ["من"] and first_words(ctx.folded(hit.end, hit.end + 8), 1) == ["لدي"]:
            return True  # "بعد نحو عام ونصف من احتجازه لدى الحوثيين"
        if len(words) < 2 or words[-1] not in ("من", "علي") or words[-2].removeprefix("ال") not in _SPANS:
            return False
        rest = ctx.text[hit.end : hit.end + 3].lstrip(" ")
        return not rest or rest[0] in "،,.؛;\n"

    def _blocks(self, word: str) -> bool:
        """Is the word before a trigger noun a blocker, also behind a proclitic ("لوقف", "بتنفيذ")?"""
        blockers = self.cues.blockers
        return word in blockers or (len(word) > 3 and word[0] in "ولب" and word[1:] in blockers)

    @staticmethod
    def _no_happening_here(ctx: DocContext, hit: TriggerHit) -> bool:
        """Words that name no happening where they stand: a source's wish to stay unnamed, plots, the
        purpose of a light verb, the killers sought, the disappeared counted, a truce broken."""
        raw = ctx.words_before(hit.start - len(hit.prefix), 3)  # the three words before, nearest last
        word = raw[-1].removeprefix("و") if raw else ""
        lead = [w.lstrip("و") for w in raw]
        text = normalize_key(hit.text)
        noun = hit.trigger.pos == "noun"
        if noun and first_words(ctx.folded(hit.end, hit.end + 12), 1) in (
            ["الوضع"],
            ["الاوضاع"],
            ["الموقف"],
        ):
            return True  # "المسؤولية عن تفجير الوضع": escalating a situation, no blast
        if noun:
            lead6 = [
                w.removeprefix("و").removeprefix("ف")
                for w in ctx.words_before(hit.start - len(hit.prefix), 6)
            ]
            going_on = [i for i, w in enumerate(lead6) if w.startswith(("استمر", "واصل", "تواصل"))]
            if going_on and {"حال", "اذا", "لو", "طالما"} & set(lead6[: going_on[-1]]):
                return True  # "في حال استمرت الميليشيا في استهداف الأعيان المدنية": a condition
        if (
            hit.trigger.type == "ASSAULT"
            and first_words(ctx.folded(hit.end, hit.end + 16), 1) in (["المتقطعه"], ["متقطعه"])
            and not _dated_in_sentence(ctx, hit)
            and (
                "منذ" in first_words(ctx.folded(hit.end, hit.end + 50), 5)
                or any(
                    w.lstrip("و").startswith(_ON_AND_OFF)
                    for w in ctx.words_before(hit.start - len(hit.prefix), 3)
                )
            )
        ):
            return (
                True  # "وتتواصل الاشتباكات المتقطعة على خطوط التماس": fighting on and off, no one happening
            )
        if word in _CONTINUING and any(w.startswith(_RESOLVE) for w in lead[:-1]):
            return True  # "تجدد القيادة عزمها على مواصلة معركة تحرير العاصمة": a resolve, no happening
        if hit.trigger.type in ("REQUEST", "AGREE"):
            following = first_words(ctx.folded(hit.end, hit.end + 120), 10)
            if text == "طالب" and (
                following[:1] in (["جامعي"], ["بكليه"], ["ثانوي"], ["بجامعه"])
                or not (hit.prefix.startswith("و") or any(w.startswith("ب") for w in following[:10]))
            ):
                # "طالب جامعي", "طالب في كلية الطب": a student; "وطالب زعيم التيار … الحكومة بتقديم…"
                # opens a sentence with the verb
                return True
            if following[:1] == ["عدم"]:
                return True  # "الذي طلب عدم ذكر اسمه": a source asking not to be named
        if "ل" in hit.prefix and word.startswith(_PLOTTING):
            return True  # "كانا يخططان لاستهداف أبراج الطاقة": a plot, not a deed
        if word in ("لشن", "لتنفيذ") and noun:
            return True  # "التنسيق بين القوات لشن هجمات": what cooperation is for
        if text == "قتله" and word in ("عن", "محاسبه", "ملاحقه", "معاقبه", "تسليم"):
            return True  # "الكشف عن قتلة الناشطين": the killers, not a killing
        if (
            hit.trigger.type == "COERCE"
            and noun
            and first_words(ctx.folded(hit.end, hit.end + 12), 1) in (["دام"], ["استمر"], ["امتد"])
        ):
            return True  # "بعد احتجاز دام أربعة أشهر": how long someone was held, told of a release
        if word == "رغم" and hit.trigger.type in ("REQUEST", "ACCUSE", "THREATEN"):
            return True  # "رغم مطالباتنا المتكررة": what was asked before, in vain
        if hit.trigger.pos == "verb" and lead[-1:] == ["لا"] and text[:1] in "يت":
            return True  # "ونؤكد أن وحداتنا لا تستهدف الأحياء السكنية": a rule of conduct, no happening
        if any(w in _AIM_OR_PART for w in lead):
            return True  # "تسعى إلى فرض سيطرتها", "متورطون في إطلاق صواريخ": an aim or an alleged part
        if lead[-1:] == ["من"] and lead[-2:-1] and lead[-2] in _CALLING_TO_ACCOUNT:
            return True  # "ومحاسبة من أطلقوا النار على المتظاهرين": those to be held to account
        if text == "سيطره" and lead[-1:] and lead[-1].startswith(("عبور", "عند", "مناطق")):
            return True  # "أثناء عبورهم سيطرة الرزازة" (a checkpoint), "في عمق مناطق سيطرة الحوثيين"
        if word in ("عداد", "جولات", "جوله"):
            # "ولا يزالون في عداد المختفين قسرياً", "رغم جولات تفاوض عدة" (the lexicon may read a verb)
            return True
        if _background_line(ctx, hit):
            return True  # "للتذكير: المليشيا استهدفت أحياء مأرب…", "ويُذكر أن اتفاق ستوكهولم ينص…"
        if _provision_or_name(ctx, hit):
            return True
        if noun and "ال" in hit.prefix and lead[-1:] == ["من"] and lead[-2:-1] and lead[-2] in _SPANS:
            return True  # "سُلّم جثمانه بعد عامين من الاحتجاز": how long a happening told before lasted
        if noun and (
            (lead[-1:] and lead[-1] in _FEARING)
            or (lead[-1:] == ["من"] and any(w.lstrip("و") in _FEARING for w in lead[-4:-1]))
            or (lead[-1:] and lead[-1] in _RENEWAL and any(w.lstrip("و") in _FEARING for w in lead[-4:-1]))
        ):
            # "والأهالي خايفين من حملة اعتقالات", "وسط مخاوف من انهيار التهدئة", "ويخشى السكان من اقتحام
            # واسع": a fear
            return True
        if noun and any(
            w.lstrip("و").startswith(_RISING) for w in ctx.words_before(hit.start - len(hit.prefix), 6)
        ):
            return True  # "ارتفاع شهداء الحشد بهجوم الميتة إلى ٣": a toll updated, the attack told before
        if _counted(ctx, hit, noun):
            return True  # "وثّق ما لا يقل عن 38 تظاهرة خلال تموز", "76 حالة خطف", "هذا ثالث هجوم"
        if noun and lead[-1:] and lead[-1].lstrip("وب") in ("السماح", "بالسماح", "سماح"):
            return True  # "والسماح لجهات مستقلة بدخول مراكز الاحتجاز": access asked for, no happening
        if (
            noun
            and hit.trigger.type in ("AGREE", "RETREAT")
            and "رغم" in [w.lstrip("و") for w in lead[-2:]]
            # "رغم اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا": an agreement told with its parties
            and not {"الذي", "التي"} & set(first_words(ctx.folded(hit.end, hit.end + 50), 5))
        ):
            return True  # "وتأتي هذه الاعتداءات رغم الهدنة الأممية": a truce as background
        if (
            noun
            and hit.trigger.type in ("AGREE", "RETREAT")
            and "ال" in hit.prefix
            and first_words(ctx.folded(hit.end, hit.end + 40), 2)[-1:] in (["شهرها"], ["يومها"], ["عامها"])
        ):
            return True  # "والهدنة دخلت شهرها الثاني": a truce's age, no agreement made
        if hit.trigger.id == "reach" and _arrived_to_act(first_words(ctx.folded(hit.end, hit.end + 40), 4)):
            return True  # "القوات الأمنية وصلت للمكان وبلشت ترمي قنابل": arriving where it happened
        if (
            hit.trigger.id == "agreement"
            and normalize_key(hit.text).removeprefix("ال").startswith(("تسوي", "مصالح", "صفق"))
            and not any(
                w.lstrip("وفب").removeprefix("ل").startswith((*_REACHING, "اتفاق", "ابرام", "توقيع"))
                for w in ctx.words_before(hit.start - len(hit.prefix), 4)
            )
        ):
            # "أجريا تسوية لأوضاعهما", "عامل تسوية", "لبحث التسوية", "إن الصفقة جرت بوساطة": a settled status,
            # a process or a deal named again, no agreement made here
            return True
        if hit.trigger.id == "ceasefire" and any(
            (bare := w.lstrip("وفب").removeprefix("ل")).startswith(_CEASEFIRE_HOLDERS)
            or bare.removeprefix("ال").startswith(_CEASEFIRE_HOLDERS)
            for w in ctx.words_before(hit.start - len(hit.prefix), 5)
        ):
            # "توصلا إلى اتفاق بين الطرفين لوقف إطلاق النار", "التزامنا بوقف إطلاق النار": what is agreed,
            # kept or proposed, told by the agreement or the commitment
            return True
        if hit.trigger.id in ("enter", "entry-noun") and first_words(
            ctx.folded(hit.end, hit.end + 20), 1
        ) in (
            ["شهرها"],
            ["عامها"],
            ["يومها"],
            ["اسبوعها"],
        ):
            return True  # "الهدنة الأممية دخلت شهرها الثاني": a truce's age
        if hit.trigger.type in ("REQUEST", "CONSULT") and _ransom_talk(ctx, hit):
            return True  # "والخاطفون تواصلوا مع أهله وطلبوا فدية": part of the kidnapping told
        if (
            noun
            and hit.trigger.type in ("AID", "SUPPORT", "COOPERATE")
            and any(w.lstrip("و").startswith(_SUPPORT_MANNER) for w in ctx.words_before(hit.start, 4))
        ):
            return True  # "بدعم وإسناد جوي من قوات التحالف", "بمشاركة الجهاز وإسناد من الطيران"
        if (
            noun
            and hit.trigger.type in ("AGREE", "RETREAT")
            and any(w.lstrip("ولب").startswith(("خرق", "انتهاك")) for w in lead[-2:])
            # "في خرق لاتفاق وقف إطلاق النار الموقع في 5 آذار بين تركيا وروسيا": an agreement told in full
            and not {"الموقع", "الذي", "التي", "بين", "الموقعه"}
            & set(first_words(ctx.folded(hit.end, hit.end + 60), 6))
        ):
            return True  # "بخرق اتفاق وقف إطلاق النار": the agreement broken, told before
        if hit.trigger.type == "AGREE" and noun and "ال" in hit.prefix and lead[-1:] in (["بعد"], ["قبل"]):
            # "عنصر سابق بالجيش الحر وما انضم لأي جهة بعد التسوية": a time named by an agreement told
            return True
        if (
            noun
            and hit.trigger.type == "ASSAULT"
            and lead[-1:]
            and lead[-1].lstrip("و").startswith(("تحاول", "يحاول", "حاولت", "حاولتا", "حاول"))
            and _shot_down_before(ctx, hit)
        ):
            return True  # "أسقطت مسيّرة كانت تحاول استهداف نقاطنا": what the downed drone was about to do
        if (
            noun
            and hit.trigger.type == "ASSAULT"
            and "ممنهج" in first_words(ctx.folded(hit.end, hit.end + 40), 5)
        ):
            return True  # "المسؤولية عن استهداف المدنيين بشكل ممنهج": a practice, no one happening
        if noun and hit.trigger.type == "ASSAULT" and _witnessed_since(ctx, hit):
            return True  # "وتشهد جبهات جنوب مأرب منذ سبتمبر الماضي معارك عنيفة": fighting going on
        if (
            noun
            and hit.prefix == "ل"
            and text == "استهداف"
            and not _UNDERGONE.intersection(w.lstrip("و") for w in ctx.words_before(hit.start - 1, 3))
        ):
            return True  # "وتوجيهها لاستهداف الجنوبيين", "بطريقة ممنهجة لاستهداف المدنيين": a purpose
        if (
            hit.trigger.type == "AID"
            and noun
            and any(w.startswith(("تعتمد", "يعتمد", "اعتماد")) for w in lead)
        ):
            return True  # "وتعتمد المنطقة على المساعدات الإنسانية": a dependence, no delivery
        if hit.trigger.type == "MOBILIZE" and noun and _STRUCK.intersection(lead[-3:]):
            return True  # "14 غارة على مواقع وتعزيزات للحوثيين", "استهدف رتلاً عسكرياً": what was hit
        if text.startswith("سيطر") and noun and lead[-1:] and lead[-1] in _HOLDING_CONTROL:
            return True  # "مؤكداً أن قواتنا تحكم سيطرتها الكاملة على مواقعها": control held, no gain
        if text.startswith("سيطر") and noun and lead[-2:] in (["التي", "تبسط"], ["الذي", "يبسط"]):
            return True  # "القوات التي تبسط سيطرتها على المنطقة": who holds it, no gain told
        if text.startswith("سيطر") and noun and lead[-1:] == ["من"] and text.endswith(("ته", "تها", "تهم")):
            return True  # "استعادة المحافظة من سيطرته": the control ended, told by the taking back
        cues = {word, *raw, *lead}
        if not cues.isdisjoint(_BEFORE_CUES) and _cue_before_names_no_deed(
            ctx, hit, raw, lead, word, noun, text
        ):
            return True
        if hit.trigger.type == "CONSULT" and _OUR_TEAM.search(ctx.folded(hit.end, hit.end + 30)):
            return True  # "شهود عيان تواصل معهم فريقنا": how the documenters worked
        if hit.trigger.type == "REJECT" and text.startswith(("لا اساس", "عار", "عاري")):
            sentence_before = ctx.folded(ctx.unit_at(hit.start)[1].sentence.start, hit.start).split()
            if any(w.lstrip("و") in _DENYING for w in sentence_before):
                return True  # "وتنفي القيادة …، مؤكدة أن تلك المزاعم لا أساس لها": the denial told
        if text.startswith("تعهد") and first_words(ctx.folded(hit.end, hit.end + 12), 1) == ["بعدم"]:
            return True  # "بعد توقيعه على تعهد بعدم المشاركة في الاحتجاجات": a detainee's pledge
        if (
            hit.trigger.type == "THREATEN"
            and set(first_words(ctx.folded(hit.end, hit.end + 20), 1)) & _AT_RISK
        ):
            return True  # "استمرار الخروقات يهدد فرص تمديدها": puts at risk, no one threatens
        if hit.trigger.type in ("ASSAULT", "PROTEST") and _ongoing_scene(ctx, hit):
            return True  # "وتشهد المدينة منذ سنوات اشتباكات متقطعة": what a place sees over years
        if normalize_key(hit.trigger.lemma) in CASUALTY_LEMMAS and raw[-1:] in (["لم"], ["ولم"], ["لن"]):
            return True  # "مؤكدة أن أحداً من مقاتليها لم يُقتل": a death denied is no happening
        if hit.trigger.id in GOVERNING and _AIR_DEFENCE.search(ctx.folded(hit.end, hit.end + 40)):
            return True  # "تصدت وسائط الدفاع الجوي لصواريخ معادية": an interception, part of the strike
        if word == "عن" and len(raw) > 1 and raw[-2].lstrip("وب") in _CEASING:
            return True  # "نطالب روسيا بالكف عن استهداف المنشآت": what is to stop
        if (
            noun
            and "مر" in ctx.text[hit.end : hit.end + 60]
            and _UNANSWERED.search(ctx.folded(hit.end, hit.end + 50).strip())
        ):
            return True  # "ونؤكد أن استهداف الأحياء السكنية لن يمر دون رد": the deeds told, answered
        if hit.trigger.type != "AGREE" or not noun:
            return False
        after = first_words(ctx.folded(hit.end, hit.end + 70), 7)
        # "توصّل الجانب الروسي واللجنة المركزية في درعا البلد مساء الثلاثاء إلى اتفاق": far back in the clause
        reach = max(ctx.unit_at(hit.start)[1].sentence.start, hit.start - 120)
        reached = any(w.lstrip("و").startswith(_REACHING) for w in ctx.folded(reach, hit.start).split())
        if not reached and any(w.rstrip(".،,:;") in _IN_FORCE for w in after):
            return True  # "اتفاق ستوكهولم ينص على…", "اتفاق خفض التصعيد الذي لا يزال سارياً"
        if "ل" in hit.prefix and any(w.removeprefix("و").startswith(_BREACH) for w in raw):
            # "في خرق جديد للهدنة الأممية": a truce in force, broken; its signing is told only when the
            # text describes it ("لاتفاق وقف إطلاق النار الموقع بين موسكو وأنقرة")
            return not any(w in _SIGNED for w in after[:6])
        return False

    def _tally(self, ctx: DocContext, hit: TriggerHit) -> bool:
        """A count over a period that a documenter reports ("منذ مطلع عام 2019 وثقنا مقتل 38 مدنياً
        بانفجار ألغام"): the violence after the documenting verb is a tally, not one happening."""
        _, unit = ctx.unit_at(hit.start)
        key = ("tally", unit.sentence.start)
        if key not in ctx.cache:
            sentence = ctx.folded(unit.sentence.start, unit.sentence.end)
            first, since = -1, -1
            period = _names_a_period(ctx, unit)
            if not period and "منذ" in sentence and "منذ" in sentence.split():
                # a bare "منذ" names a period only before the violence it counts: "بعد اعتقاله منذ عام
                # 2019" dates an arrest told after the killing, it is no tally
                found_since = _SINCE.search(sentence)
                if found_since is not None:
                    since = ctx.view.to_original(ctx.view.to_view(unit.sentence.start) + found_since.start())
            total = _RUNNING_TOTAL.search(sentence)
            if total is not None:
                first = ctx.view.to_original(ctx.view.to_view(unit.sentence.start) + total.start())
                since = -1
            elif period and _SIMILAR.search(sentence):
                first, since = unit.sentence.start, -1  # the whole sentence counts attacks of a kind
            elif period or since >= 0:
                found = _DOCUMENTED.search(sentence)
                if found is not None:
                    first = ctx.view.to_original(ctx.view.to_view(unit.sentence.start) + found.start())
                elif period and _REACHED.search(sentence):
                    first = unit.sentence.start  # "غارات التحالف منذ مطلع الشهر تجاوزت ١٢٠ غارة": a total
            ctx.cache[key] = (first, since)
        cached = ctx.cache[key]
        if not isinstance(cached, tuple):
            return False
        start, since = cached
        if 0 <= start <= hit.start and since < hit.start:
            return True
        if hit.trigger.pos == "verb":
            after = first_words(ctx.folded(hit.end, hit.end + 60), 4)
            if any(a == "منذ" and b in ("مطلع", "بدايه", "بدء") for a, b in pairwise(after)):
                return True  # "إذ دمرت قطعاتنا منذ مطلع العام إحدى عشرة مضافة": a count since a date
        rest_of_sentence = ctx.folded(hit.end, unit.sentence.end) if hit.trigger.pos == "noun" else ""
        if "منذ" in rest_of_sentence:  # the sentence is split into words only when it can tell a period
            rest = rest_of_sentence.split()
            if any(a == "منذ" and b in _PERIOD_OPENINGS for a, b in pairwise(rest)) and (
                _DOCUMENTED.search(ctx.folded(unit.sentence.start, hit.start - len(hit.prefix))) is not None
            ):
                # "ووثق المرصد مقتل أكثر من 250 مدنياً في أرياف حماة منذ أواخر نيسان", "وأحصى المرصد مقتل 54
                # شخصاً منذ بدء المواجهات": a count documented over a period told after it (the period
                # first: it is the cheaper test)
                return True
        # "تعرضت لأكثر من 140 هجوماً منذ 17 تشرين الأول", "شهدت منذ مطلع العام أكثر من أربعين هجوماً": many
        # attacks counted since a day
        # (and the verb that tells what they hit: "أكثر من أربعين هجوماً استهدفت نقاط قواتنا")
        before = ctx.words_before(hit.start - len(hit.prefix), 4)
        counted = before[-3:] if hit.trigger.pos == "noun" else before[-4:-1] if len(before) == 4 else []
        if (
            hit.trigger.pos == "noun"
            and before[-1:]
            and before[-1].lstrip("و").isdigit()
            and before[-1].lstrip("و") not in ("1", "2", "١", "٢")
            and _names_a_period(ctx, unit)
        ):
            return True  # "حصيلة الأسبوع في المديريات الحدودية: ٢٣ غارة و١٨٠ قذيفة"
        if not (
            len(counted) == 3
            and counted[0].removeprefix("ل") == "اكثر"
            and counted[1] == "من"
            and (is_number(counted[2]) or counted[2] in _TENS)
        ):
            return False
        sentence = ctx.folded(unit.sentence.start, unit.sentence.end)
        return since >= 0 or "منذ" in sentence.split() or _FROM_A_DAY.search(sentence) is not None
