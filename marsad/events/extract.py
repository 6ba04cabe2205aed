"""The events component: triggers → events with actors, place, time, counts, modality and claims;
coreferent mentions of one happening merged; dates resolved along the narrative."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Any, ClassVar

from marsad.events.acled import TERRITORIAL, acled_record
from marsad.events.context import DocContext
from marsad.events.lexicon import EventCues, default_event_cues, default_triggers
from marsad.events.triggers import TriggerHit, TriggerMatcher
from marsad.model import Document, Entity, Event, Label, Mention, Span
from marsad.pipeline import Analysis
from marsad.recognize.select import add_actor_entity
from marsad.resources import Resources
from marsad.text.normalize import normalize_for_match

# Words before an actor that make it the target or partner, or the agent of a noun or passive trigger.
_TARGET = frozenset(
    {
        "علي",
        "ع",  # dialect "ع" for "على" (Telegram): "تطلق الرصاص ع المتظاهرين"
        "ضد",
        "استهدف",
        "استهدفت",
        "مواقع",
        "نقاط",
        "مقرات",
        "تجمعات",
        "عناصر",
        "عنصر",
        "عنصرا",
        "موقع",
        "موقعا",
        "نقطه",
        "مقر",
    }
)
_PARTNER = frozenset({"مع", "الي", "بين"})
_AGENT = frozenset(
    {
        "قبل",
        "يد",
        "ايدي",  # "بأيدي خلية لداعش", "على أيدي عناصر من الأمن"
        "بايدي",
        "نيران",
        "رصاص",
        "برصاص",
        "بنيران",
        "شنه",
        "شنها",
        "شنته",
        "شنتها",
        "نفذه",
        "نفذها",
        "نفذته",
        "نفذتها",
        "مصدره",
        "مصدرها",
        "تبناه",
        "تبنته",
        "تبنتها",
    }
)
_WEAPONS = (
    "قذيف",
    "قذايف",
    "صاروخ",
    "صواريخ",
    "عبوه",
    "عبوات",
    "لغم",
    "الغام",
    "برميل",
    "براميل",
    "قنبل",
    "قنابل",
)
_WEAPON_HANDLING = frozenset(
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
    }
)
# Triggers of movement that are a deployment unless the sentence tells of fighting.
_MOVEMENT = frozenset({"advance", "advance-noun", "reach", "enter"})
_OFFENSIVE = frozenset(
    {"العمل", "عمليه", "معركه", "هجمه", "الهجمه", "المعركه", "العمليه", "اقتحام", "هجوم", "الهجوم"}
)
_LOSS = frozenset({"سقط", "سقوط", "خساره", "خسر", "خسرت"})
_NOT_WE = frozenset(
    {"لدينا", "عندنا", "اننا", "لكننا", "ولكننا", "بيننا", "وثقنا", "سجلنا", "رصدنا", "علمنا", "تلقينا"}
    | {"تحققنا", "تاكدنا", "لاحظنا", "جمعناها", "استمعنا"}  # verifying what others did: not our deed
)
# Lemmas of death and wounding: their complement is the victim, whoever announces them.
_CASUALTY_LEMMAS = frozenset({"مقتل", "قتل", "اصيب", "جرح", "اصابه"})
# Verbs of killing and wounding whose undiacritized forms are also passives (قتل = قُتل).
_HARM_VERBS = frozenset({"قتل", "اصيب", "جرح"})
# Words after a harm verb that name what did it: the verb is then passive ("قتلوا بهجوم", "برصاص قناص").
_PASSIVE_CAUSES = frozenset(
    {"هجوم", "غاره", "غارات", "قصف", "رصاص", "نيران", "انفجار", "جراء", "اثر", "يد", "قبل", "الهجوم", "القصف"}
)
_NUMBER_WORDS = frozenset(
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
# Prepositions that make an event noun an adjunct of another clause.
_PREPOSITIONS = frozenset({"في", "جراء", "اثر", "خلال", "بعد", "قبل", "عقب", "اثناء", "اعقاب", "منذ", "حتي"})
# Control verbs whose complement noun is done by their subject: "تمكن X من صد", "نجحوا في إسقاط".
_CONTROL_VERBS = frozenset(
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
_ANNOUNCE_VERBS = frozenset(
    {"اعلن", "اعلنت", "اعلنوا", "يعلن", "تعلن", "تبني", "تبنت", "تبنوا", "يتبني", "تتبني", "اكد", "اكدت"}
)
# Verbs of being forced: "اضطر X (بعد ذلك) للانسحاب", "أجبرت X على الانسحاب": X does the deed.
_COMPELLED = frozenset({"اضطر", "اضطرت", "اضطروا", "اجبر", "اجبرت", "اجبروا", "يضطر", "تضطر"})
# Verbs of undertaking with على: "أقدم مسلحون مجهولون على اغتيال…": the subject does the deed.
_UNDERTAKE = frozenset({"اقدم", "اقدمت", "اقدموا", "اقدمنا"})
# Light verbs whose object noun is the deed and whose subject its doer: "نفذت قطعاتنا عملية تفتيش",
# "طائرات سلاح الجو العراقي شنت صباح الأحد غارتين", "أجرت القوات حملة دهم".
_SUPPORT_VERBS = frozenset(
    {"نفذ", "نفذت", "نفذوا", "ينفذ", "تنفذ", "ينفذون", "نفذنا", "شن", "شنت", "شنوا", "يشن", "تشن", "يشنون"}
    | {"شننا", "اجري", "اجرت", "اجروا", "يجري", "تجري", "اجرينا"}
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
# "قيام X بـNOUN", "قامت X بـNOUN": the deed after ب is done by X.
_DO_WITH_BA = frozenset({"قيام", "قام", "قامت", "قاموا", "يقوم", "تقوم", "يقومون", "قمنا", "نقوم"})
# Nouns of support and partnership: the actor after them accompanies, it is not the agent.
_ACCOMPANY = frozenset(
    {
        "بمسانده",
        "مسانده",
        "باسناد",
        "اسناد",
        "بدعم",
        "بمشاركه",
        "مشاركه",
        "بالتنسيق",
        "بالتعاون",
        "بالاشتراك",
        "بغطاء",
        "بمؤازره",
        "برفقه",  # "نفذت قوات من التحالف برفقة مقاتلين من قسد عملية إنزال"
        "بصحبه",
    }
)
_COMPARISON = frozenset({"غرار", "مثل", "شاكله", "نهج"})
# Nouns that stand before an actor without changing who it is ("قيادة الهيئة", "عناصر التنظيم").
_CONSTRUCT_HEADS = frozenset(
    {
        "قياده",
        "عناصر",
        "مقاتلو",
        "مقاتلي",
        "امير",
        "قائد",
        "مسلحون",
        "مسلحين",
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
_PARTITIVE = frozenset(
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
# Targets whose owner follows with ل: "استهداف تجمع لـقوات النظام", "تدمير دبابة لجيش الأسد".
_OWNED_TARGETS = frozenset(
    {"تجمع", "تجمعا", "رتل", "رتلا", "دوريه", "موقع", "موقعا", "مقر", "مقرا", "نقطه", "دبابه", "اليه"}
    | {"عربه", "سياره", "مستودع", "مستودعا", "مخزن", "مخزنا", "حاجز", "حاجزا", "ثكنه", "طقم", "طقما"}
)
# Checkpoints, whose owner arrests the people stopped at them.
_CHECKPOINTS = frozenset({"حاجز", "حواجز", "نقطه", "سيطره", "مفرزه", "الحاجز", "حاجزا"})
# Words of a charge: the actor after them is what someone is accused of belonging to, not a party.
_CHARGE = frozenset(
    {"بتهمه", "تهمه", "بتهم", "تهم", "بشبهه", "شبهه", "متهمين", "متهم", "المتهمين", "متهمون", "بالانتماء"}
    | {"للانتماء", "بالتعامل", "بالتخابر"}  # "أربعة متهمين بالانتماء إلى داعش": an affiliation, no party
)
# Words after which "ل" names whom a force belongs to, not a target.
_LAM_HEADS = frozenset(
    {"التابعه", "التابع", "تابعه", "تابعين", "تابعون", "تابع"}
    # "قوات موالية لحكومة الوحدة": the force is the one it is loyal to
    | {"مواليه", "المواليه", "موالين", "الموالين", "موالون", "موالي", "الموالي"}
)
# Forces of "ours": "مدفعيتنا", "مجاهدونا", "قواتنا".
_OUR_FORCES = frozenset(
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
        "منظمت",  # "وتطالب منظمتنا الحكومة": the documenting body
        "مفارز",
    }
)
_WE_OBJECT = re.compile(r"(?<!\w)(?:من|مع|الي|علي|ل|عن)نا(?!\w)")
_THEY_OBJECT = re.compile(r"(?<!\w)(?:(?:من|مع|الي|علي|ل|عن)(?:هم|ه|ها)|(?:الي|مع) \w{3,}هم)(?!\w)")
# Far from the trigger only a plural "them" is a party: "عليه" and "لها" down the clause are the victim
# ("بإطلاق النار عليه"), the thing denied ("أي علاقة لها") or the crime ("المسؤولين عنها").
_THEY_PLURAL = re.compile(r"(?<!\w)(?:(?:من|مع|الي|علي|ل|عن)هم|(?:الي|مع) \w{3,}هم)(?!\w)")
_PRECISION = {"day": 1, "week": 2, "month": 3}
# PLOVER's verbal event types: said, asked, refused — not fought.
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"}
)
# A tally over a period is not one event: "خلال شهر أيار", "منذ مطلع العام".
_PERIOD = re.compile(
    r"(?<!\w)[وف]?(?:خلال (?:شهر|عام|العام|الشهر|الاسبوع|الايام|الاشهر)|منذ (?:مطلع|بدايه)|حصيله"
    r"|من اول الشهر|من اول السنه|من بدايه الشهر|منذ اول الشهر|من بدايه|هالشهر|هالاسبوع|هالسنه)"
)
# ACLED sub-event of a violent event whose trigger names none, by PLOVER mode.
_ASSAULT_BY_MODE = {
    "aerial": "Air/drone strike",
    "drone": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
    "suicide-attack": "Suicide bomb",
    "abduct": "Abduction/forced disappearance",
    "sexual": "Sexual violence",
    "destroy": "Looting/property destruction",
    "unconventional": "Chemical weapon",
}
# Nouns of a kind of place inside a list of places ("وبلدات حرستا", "وقرية الباسوطة").
_PLACE_HEADS = frozenset(
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
_CROWDS = frozenset({"protesters", "rioters"})
# Triggers whose object is the attack they stop: that attack is part of the same clash.
_GOVERNING = frozenset({"repel", "repel-noun", "confront", "foil", "foil-noun", "thwart"})
# Nouns of motive: what follows is why people protest, not a new happening.
_MOTIVES = frozenset(
    {"رفضا", "احتجاجا", "تنديدا", "استنكارا", "رافضه", "رافضين", "رافضا", "منددين", "منددا", "تضامنا"}
)
# "دخلت ترهونة من غير قتال", "انسحبت دون مقاومة": fighting named as what did not happen with a move.
_WITHOUT = re.compile(r"(?<!\w)(?:دون|بدون|بلا|من دون|من غير)\s*$")
_MANNER_NOUNS = frozenset({"fighting", "clash-noun", "battle"})
_SINCE = re.compile(r"(?<!\w)منذ(?!\w)")
# Habits and repeated happenings: no one event.
_HABITUAL = re.compile(
    r"(?<!\w)(?:بين الحين والاخر|من حين لاخر|من وقت لاخر|بشكل شبه يومي|بشكل يومي|بين فتره واخري"
    r"|شبه يوميه|شبه يومي|بشكل متكرر|بين حين واخر|بين حين وحين|من حين الي اخر)"
)
# Verbs of documenting: what follows is a tally when a period is named.
# A total that reached a number: "تجاوزت ١٢٠ غارة", "بلغ عددها 40".
_REACHED = re.compile(r"(?<!\w)(?:تجاوزت|تجاوز|بلغت|بلغ|فاقت|فاق|ناهزت|ناهز)(?: \w+)? \d")
# Attacks of a kind counted over a period: "في هجمات مماثلة منذ مطلع العام", "عشرات الهجمات المماثلة",
# "هاي تالت مظاهرة بالمنطقة هالشهر", "أكثر من 40 غارة خلال الأسبوع".
_SIMILAR = re.compile(
    r"(?<!\w)(?:مماثله|المماثله|مشابهه|المشابهه|عشرات|اكثر من \d+|تالت|ثالث|رابع|خامس|سادس"
    r"|متفرقه|متفرقات)(?!\w)"
)
# A running total raised by the event just told: "وبذلك يرتفع عدد من وثّقنا مقتلهم", "لترتفع الحصيلة إلى".
_RUNNING_TOTAL = re.compile(r"(?<!\w)[وفل]?(?:يرتفع|ترتفع|ارتفع|ارتفعت) (?:عدد|حصيله|الحصيله)(?!\w)")
_DOCUMENTED = re.compile(r"(?<!\w)و?(?:وثقنا|سجلنا|رصدنا|وثق|وثقت|سجل|سجلت|احصي|احصت|احصينا|الذي احصي)(?!\w)")
# Words for people hit: after "سقوط" casualties, after "إخلاء" the wounded carried away.
_VICTIM_WORDS = frozenset(
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
_MODALITY_RANK = {"negated": 4, "hypothetical": 3, "requested": 2, "future": 1, "asserted": 0}


class EventExtractor:
    """Adds ``doc.events`` from triggers and the recognized mentions."""

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("mentions.ORG", "mentions.PLACE", "mentions.TIME", "author")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, resources: Resources) -> None:
        self.matcher = TriggerMatcher(default_triggers())
        self.kb_actors = resources.kb.actors
        self.cues: EventCues = default_event_cues()
        self.counter = CasualtyCounter(self.cues)
        self.casualty_words = self.cues.casualties["killed"] | self.cues.casualties["injured"]

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        ctx = DocContext(doc, analysis.view, self.kb_actors)
        ctx.add_actors(national_forces(ctx))
        ctx.add_actors(units_of_named_bodies(ctx))
        ctx.add_actors(the_same_force(ctx))
        drafts: list[Draft] = []
        last: TriggerHit | None = None
        accepted: list[TriggerHit] = []
        demand: TriggerHit | None = None  # a protest's demand, no event of its own
        for hit in self._with_split_phrases(ctx, self.matcher.find(analysis.view)):
            # a trigger word inside a name ("تحرير" in هيئة تحرير الشام); "خرج متظاهرون" ends on one
            if ctx.inside_name(hit.start, hit.start + 1) or self._not_an_event(ctx, hit):
                continue
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
        ctx.set_triggers(accepted)
        for hit in accepted:
            drafts.append(self._draft(ctx, hit, drafts))
        events = split_by_place(merge_coreferent(drafts, ctx, self.casualty_words), ctx)
        attach_casualty_sentences(events, ctx, self.counter)
        for i, draft in enumerate(events, 1):
            draft.event.id = f"e{i}"
        resolve_timeline(events, ctx)
        link_disputes(events, self.cues.denials, ctx)
        for draft in events:
            draft.finish(ctx)
            doc.add_event(draft.event)

    def _with_split_phrases(self, ctx: DocContext, hits: list[TriggerHit]) -> list[TriggerHit]:
        """Add verb phrases a time adverbial splits ("أسقطت صباح اليوم الاثنين طائرة", "فتحوا فجر اليوم
        النار"): the phrase read without the time gives the trigger, whose span is the verb alone."""
        taken = [(h.start, h.end) for h in hits]
        extra: list[TriggerHit] = []
        text = ctx.text
        for t in ctx.times:
            verb_end = t.start
            while verb_end > 0 and text[verb_end - 1] == " ":
                verb_end -= 1
            verb_start = text.rfind(" ", 0, verb_end) + 1
            verb_start = max(verb_start, text.rfind("\n", 0, verb_end) + 1)
            if verb_end - verb_start < 2 or any(a < verb_end and verb_start < b for a, b in taken):
                continue
            tail = text[t.end : t.end + 30].split()[:2]
            if not tail:
                continue
            verb = text[verb_start:verb_end]
            folded_verb = normalize_for_match(verb)
            # "أعلن جهاز الردع القبض أمس على…": a phrase of a verbal noun with the article, too
            if (folded_verb.removeprefix("و").removeprefix("ال") not in self.matcher.phrase_heads) and (
                folded_verb not in self.matcher.phrase_heads
            ):
                continue  # no trigger phrase starts with this word
            for found in self.matcher.find_in(normalize_for_match(" ".join([verb, *tail]))):
                if found.trigger.pos != "verb" or " " not in found.text or found.start != len(found.prefix):
                    continue
                if found.end <= len(folded_verb):
                    continue  # the verb alone is a trigger: the plain matcher has it
                start = verb_start + len(found.prefix)
                extra.append(
                    TriggerHit(
                        start,
                        verb_end,
                        ctx.view.to_view(start),
                        ctx.view.to_view(verb_end),
                        text[start:verb_end],
                        found.trigger,
                        found.person,
                        found.prefix,
                    )
                )
                break
        extra += self._subject_split(ctx, [*taken, *((h.start, h.end) for h in extra)])
        return sorted([*hits, *extra], key=lambda h: h.start) if extra else hits

    def _subject_split(self, ctx: DocContext, taken: list[tuple[int, int]]) -> list[TriggerHit]:
        """Verb phrases whose subject stands inside them (VSO): "أطلقت قوات الأمن النار", "فتح عناصر
        الحاجز النار", "استقدمت قوات النظام تعزيزات". The phrase read without the subject gives the
        trigger, whose span is the verb alone."""
        out: list[TriggerHit] = []
        view = ctx.view
        seconds = self.matcher.verb_phrase_seconds
        for vstart, vend in self.matcher.verb_phrase_verbs(view.text):
            head = view.text[vstart:vend]
            allowed = seconds.get(head) or seconds.get(head[1:], frozenset())
            following = view.text[vend : vend + 80].split()[1:5]
            if not any(w in allowed for w in following):
                continue  # no word of the phrase's rest follows within reach
            start, end = view.to_original(vstart), view.to_original(vend)
            if any(a < end and start < b for a, b in taken):
                continue
            spans = [(w.start(), w.end()) for w in _WORD.finditer(view.text, vend, vend + 80)][:6]
            words = [view.text[a:b] for a, b in spans]
            for k in range(1, 6):
                gap, tail = words[:k], words[k : k + 2]
                if len(tail) < 1 or any(
                    not w.isalpha()
                    or (w in _NOT_SUBJECT and not (w == "من" and i > 0 and gap[i - 1] in _PARTITIVE))
                    for i, w in enumerate(gap)
                ):
                    break  # "أطلق عناصر من كتيبة النواصي النار": من after a partitive is inside the subject
                if tail[0] in _NOT_SUBJECT:
                    continue  # "وحققت إصابات مباشرة في العتاد": no "حقق في" across an object
                tail_end = view.to_original(spans[min(k + 1, len(spans) - 1)][1])
                if any(end < b and a < tail_end for a, b in taken):
                    break  # "ألقت مفارزنا القبض": the phrase's noun is a trigger of its own
                found = next(
                    (
                        f
                        for f in self.matcher.find_in(" ".join([head, *tail]))
                        if f.trigger.pos == "verb"
                        and " " in f.text
                        and f.start == len(f.prefix)
                        and f.end > len(head)
                    ),
                    None,
                )
                if found is not None:
                    verb_start = start + len(found.prefix)
                    out.append(
                        TriggerHit(
                            verb_start,
                            end,
                            view.to_view(verb_start),
                            vend,
                            ctx.text[verb_start:end],
                            found.trigger,
                            found.person,
                            found.prefix,
                        )
                    )
                    break
        return out

    def _not_an_event(self, ctx: DocContext, hit: TriggerHit) -> bool:
        """Trigger words that name no happening here: hashtags ("#ادلب_تحت_القصف"), nouns governed by
        another noun ("مركز احتجاز", "مذكرات توقيف", "إزالة الألغام", "تحت سيطرة"), accompaniment
        ("بإسناد من", "بالتنسيق مع"), and tallies over a period ("وثقنا مقتل 104 خلال الشهر")."""
        if ctx.text.rfind("\ufd3f", 0, hit.start) > ctx.text.rfind("\ufd3e", 0, hit.start):
            return True  # a verse of the Quran between ﴿ ﴾ that opens a statement
        # the word's own start: after a space or a line break ("#الناصرية\nاطلاق نار" is no hashtag)
        token_start = max(ctx.text.rfind(" ", 0, hit.start), ctx.text.rfind("\n", 0, hit.start)) + 1
        if "#" in ctx.text[token_start : hit.start] or ctx.text[hit.end : hit.end + 1] == "_":
            return True
        if hit.prefix[:1] == "و" and _fold(hit.text).startswith("صف") and hit.trigger.type == "ASSAULT":
            return True  # "بما وصفوه", "ووصفت الخارجية": وصف (to describe), not و + صفّى (liquidated)
        if hit.trigger.id == "hold-responsible":
            # "حمّلت أنقرة قوات النظام مسؤولية الغارة"; "بتحمّل مسؤولياتها" is bearing, not blaming
            tail = ctx.folded(hit.end, hit.end + 80).split()[:6]
            return bool(set(hit.prefix) & set("بل")) or not any(w.lstrip("وال") == "مسووليه" for w in tail)
        if _fold(hit.text) in _MOTIVES:
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
            "ل" in hit.prefix or (before and before[-1] in ("حتي", "بهدف", "سبيل", "اجل"))
        ):
            return True  # "عملياتنا مستمرة حتى تحرير كامل التراب", "لتحرير المدينة": a goal
        if hit.trigger.id in ("fall-noun", "fall"):
            following = ctx.folded(hit.end, hit.end + 40).split()[:2]
            if following and following[0] in ("خلالها", "خلاله", "فيها", "فيه", "منهم", "منها", "بينهم"):
                following = following[1:]  # "سقط خلالها العشرات من المرتزقة"
            following = following[:1]
            if following and (_is_number(following[0]) or following[0].removeprefix("ال") in _VICTIM_WORDS):
                # "سقوط عشرات المدنيين", "كما سقط قتلى في مدينة الصدر": casualties, not a fall
                return True
            if following and (following[0] in ("اي", "ايه") or following[0] in _AIRCRAFT):
                # "نفت سقوط أي طائرة", "سقوط طائرة مسيرة": no place changed hands
                return True
        if before and before[-1] in ("اي", "لاي"):
            return True  # "أي اعتداء سيقابل بالرد", "دون تسجيل أي تدخل": any, not one that happened
        if (
            ctx.words_before(hit.start - len(hit.prefix), 2)[:1] in (["اي"], ["لاي"])
            and before[-1] in _ANY_OF
        ):
            return True  # "أي محاولة للهجوم على سرت ستقابل برد قاسٍ"
        if self._no_happening_here(ctx, hit):
            return True
        if hit.trigger.type in ("ACCUSE", "REQUEST") and before and before[-1].removeprefix("ب") in _WRITINGS:
            return True  # "إثر نشره تدوينات تنتقد تردي الخدمات": what a post said
        following2 = ctx.folded(hit.end, hit.end + 40).split()[:6]
        if hit.trigger.type == "COERCE" and following2[:1] in (["فيها"], ["فيه"], ["بها"]):
            return True  # "عنابر مكتظة يُحتجز فيها أكثر من ألف شخص": what a place is used for
        if before and before[-1] in ("لا", "ولا") and ("سوي" in following2 or "الا" in following2):
            return True  # "إذ لا يستهدف سلاح الجو سوى المواقع العسكرية": a rule, not a happening
        if (
            hit.trigger.pos == "verb"
            and before
            and before[-1] in ("التي", "الذي", "الذين")
            and _fold(hit.text)[:1] in ("ي", "ت")
            and not _fold(hit.trigger.lemma).startswith(("ت", "ي"))
        ):
            return True  # "حملات الدهم التي تستهدف المهاجرين": what the campaigns do, no one happening
        if hit.trigger.id == "call-noun" and any(
            w.startswith(("مقطوع", "النت", "الانترنت", "الكهرباء")) for w in following2[:4]
        ):
            return True  # "والاتصالات والنت مقطوعين": telecommunications, no talks
        preceding = ctx.words_before(hit.start - len(hit.prefix), 3)
        if (hit.trigger.id in _MOVEMENT or hit.trigger.id in ("fall", "fall-noun")) and set(
            preceding[-2:]
        ) & _PROJECTILES:
            return True  # "والرصاص الراجع وصل للبيوت", "الصاروخ سقط بين الخيام": the strike, told on
        if hit.trigger.id in _GOVERNING and following2[:1] and following2[0] in _AT_PROJECTILES:
            return True  # "تصدّت وسائط دفاعنا الجوي للصواريخ": an interception belongs to the strike
        if hit.trigger.type == "RETREAT" and following2[:1] and following2[0] in _REMAINING:
            return True  # "فيما انسحب الباقون تحت وابل من النيران": the attackers' retreat
        if hit.trigger.id == "leave" and "ال" in hit.prefix:
            return True  # "الاستهداف الغادر": the adjective, not the verb of leaving
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
            if _WITHOUT.search(lead):
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
            following = ctx.folded(hit.end, hit.end + 30).split()[:1]
            if following and following[0] in _VICTIM_WORDS:
                return True  # "إخلاء المصابين": rescue work
        before = ctx.words_before(hit.start - len(hit.prefix), 1)
        if (
            before
            and (hit.prefix in ("", "ال", "و", "وال") or before[-1] in _BLOCKS_AFTER_ANY_PROCLITIC)
            and self._blocks(before[-1])
            # "بدأت قوات التحالف تنفيذ ضربات جوية": carrying out strikes; "تنفيذ الانسحاب" is a plan
            and not (hit.trigger.type == "ASSAULT" and not hit.prefix and before[-1] in _CARRYING_OUT)
        ):
            return True  # "مركز احتجاز", "حصيلة القصف", "عناصر التسوية", "مسؤولية الغارة"
        if "ل" in hit.prefix and (hit.trigger.type == "REQUEST" or hit.trigger.id == "dispersal-noun"):
            return True  # "وقفة احتجاجية للمطالبة بالكشف…", "فتحت النار لتفريق المتظاهرين": a purpose
        following = ctx.folded(hit.end, hit.end + 12).split()[:1]
        if following and following[0] in ("اي", "ايه"):
            return True  # "نفى استهداف أي منازل": what is denied, no happening
        if "ب" in hit.prefix and hit.trigger.type in ("AID", "COOPERATE", "SUPPORT"):
            return True
        handled = {
            w.lstrip("و").removeprefix("لل").removeprefix("ل")
            for w in ctx.words_before(hit.start - len(hit.prefix), 4)
        }
        if (_is_weapon(hit) or _fold(hit.text).startswith(("طايرات", "طايره", "مسيرات"))) and (
            handled & _WEAPON_HANDLING
        ):
            return True  # "استخدموا قذائف", "تفكيك العبوات", "مخلفات الألغام": no attack here
        if _fold(hit.trigger.lemma) in self.casualty_words:
            _, unit = ctx.unit_at(hit.start)
            sentence = ctx.folded(unit.sentence.start, unit.sentence.end)
            return _PERIOD.search(sentence) is not None
        return False

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
        text = _fold(hit.text)
        noun = hit.trigger.pos == "noun"
        if hit.trigger.type in ("REQUEST", "AGREE"):
            following = ctx.folded(hit.end, hit.end + 60).split()[:6]
            if text == "طالب" and (
                following[:1] in (["جامعي"], ["بكليه"], ["ثانوي"], ["بجامعه"])
                or not (hit.prefix.startswith("و") or any(w.startswith("ب") for w in following[:5]))
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
            and ctx.folded(hit.end, hit.end + 12).split()[:1] in (["دام"], ["استمر"], ["امتد"])
        ):
            return True  # "بعد احتجاز دام أربعة أشهر": how long someone was held, told of a release
        if word == "رغم" and hit.trigger.type in ("REQUEST", "ACCUSE", "THREATEN"):
            return True  # "رغم مطالباتنا المتكررة": what was asked before, in vain
        if hit.trigger.pos == "verb" and lead[-1:] == ["لا"] and text[:1] in "يت":
            return True  # "ونؤكد أن وحداتنا لا تستهدف الأحياء السكنية": a rule of conduct, no happening
        if any(w in _AIMING for w in lead):
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
        if text.startswith("تعهد") and ctx.folded(hit.end, hit.end + 12).split()[:1] == ["بعدم"]:
            return True  # "بعد توقيعه على تعهد بعدم المشاركة في الاحتجاجات": a detainee's pledge
        if hit.trigger.type == "THREATEN" and set(ctx.folded(hit.end, hit.end + 20).split()[:1]) & _AT_RISK:
            return True  # "استمرار الخروقات يهدد فرص تمديدها": puts at risk, no one threatens
        if hit.trigger.type in ("ASSAULT", "PROTEST") and _ongoing_scene(ctx, hit):
            return True  # "وتشهد المدينة منذ سنوات اشتباكات متقطعة": what a place sees over years
        if _fold(hit.trigger.lemma) in _CASUALTY_LEMMAS and raw[-1:] in (["لم"], ["ولم"], ["لن"]):
            return True  # "مؤكدة أن أحداً من مقاتليها لم يُقتل": a death denied is no happening
        if hit.trigger.id in _GOVERNING and _AIR_DEFENCE.search(ctx.folded(hit.end, hit.end + 40)):
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
        after = ctx.folded(hit.end, hit.end + 70).split()[:7]
        reached = any(
            w.lstrip("و").startswith(_REACHING) for w in ctx.words_before(hit.start - len(hit.prefix), 10)
        )
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
            period = _PERIOD.search(sentence) is not None
            if not period and "منذ" in sentence.split():
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
        return 0 <= start <= hit.start and since < hit.start

    def _draft(self, ctx: DocContext, hit: TriggerHit, previous: list[Draft]) -> Draft:
        trigger = hit.trigger
        index, unit = ctx.unit_at(hit.start)
        clause = unit.clause_at(hit.start)
        event = Event(
            id="",
            type=trigger.type,
            mode=trigger.mode,
            trigger=Span(hit.start, hit.end, hit.text),
            evidence=[Span(clause.start, clause.end, ctx.text[clause.start : clause.end])],
            confidence=0.7,
        )
        draft = Draft(event, hit, index, clause.start, clause.end, trigger.acled)
        draft.adjunct = _adjunct_noun(ctx, hit)
        if trigger.id == "warn" and _THREAT.search(ctx.folded(hit.end, unit.sentence.end)):
            # "ونحذّر تركيا من أن أي سفينة … ستكون هدفاً مشروعاً": a warning that announces violence
            event.type, event.mode = "THREATEN", "violence"
        if trigger.id in _MOVEMENT and not self._fighting(ctx, unit.sentence.start, unit.sentence.end, hit):
            # "وصلت قوة من الحشد إلى المكان": troops moving with no fighting told is a deployment
            event.type, event.mode, draft.sub_event = "MOBILIZE", "troops", "Change to group/activity"
        if trigger.type == "ASSAULT" and trigger.mode is None and trigger.acled not in TERRITORIAL:
            mode = _instrument(ctx, self.cues, hit, clause.start, clause.end)
            if mode is not None:
                event.mode, draft.sub_event = mode, _ASSAULT_BY_MODE[mode]
        self._modality(ctx, draft)
        assign_actors(ctx, draft, previous)
        if trigger.id in _SHELLING and " " not in hit.text.strip() and _by_air(ctx, self.cues, draft):
            # "يواصل الطيران الروسي قصف دوما", "طيران حربي روسي عم يقصف": shelling from the air
            event.mode, draft.sub_event = "aerial", _ASSAULT_BY_MODE["aerial"]
        crowd = ctx.doc.entities.get(event.actor1 or "")
        if event.type == "ASSAULT" and crowd is not None and crowd.attrs.get("type") in _CROWDS:
            # "المحتجون أحرقوا سيارات", "متظاهرون يقتحمون مقر البرلمان": a crowd's violence is a riot
            event.type, event.mode, draft.sub_event = "PROTEST", "riot", "Violent demonstration"
        assign_place(ctx, draft, unit.sentence.start, unit.sentence.end, previous)
        assign_time(ctx, draft, unit.sentence.start, unit.sentence.end)
        draft.event.counts = self.counter.counts(ctx, unit.sentence.start, unit.sentence.end)
        draft.event.reported_by = reporters(ctx, self.cues, unit.sentence.start, hit.start)
        claimant = draft.event.reported_by[0] if draft.event.reported_by else None
        if event.actor1 is None and trigger.id in _GOVERNING and claimant and claimant != event.actor2:
            # "مصدر عسكري للمسيرة: إفشال محاولة تسلل": a party that tells of repelling did the repelling
            entity = ctx.doc.entities.get(claimant)
            party = (
                entity.attrs.get("parent")
                if entity is not None and entity.attrs.get("type") == "other"
                else claimant
            )
            # a party's own outlet ("لـالمسيرة") speaks for its party
            if entity is not None and party and (party != claimant or entity.attrs.get("inter") != 7):
                add_actor_entity(ctx.doc, ctx.kb_actors, party)
                event.actor1 = party
                event.inferred.append("actor1")
        return draft

    def _fighting(self, ctx: DocContext, lo: int, hi: int, hit: TriggerHit) -> bool:
        """Does the sentence tell of fighting (another violent trigger, casualties, an offensive)?"""
        key = ("fighting", lo, hi)
        if key not in ctx.cache:
            sentence = ctx.view.text[ctx.view.to_view(lo) : ctx.view.to_view(hi)]
            violent = any(
                h.trigger.type == "ASSAULT"
                and h.trigger.id not in _MOVEMENT
                and not _WITHOUT.search(sentence[max(0, h.vstart - 10) : h.vstart])
                # "وصلت قوة من الحشد إلى المكان بعد نحو ساعة من الهجوم": an attack already over
                and not _AFTER_IT.search(sentence[max(0, h.vstart - 30) : h.vstart])
                for h in self.matcher.find_in(sentence)
            )
            words = set(sentence.split())
            ctx.cache[key] = violent or bool(words & (self.casualty_words | _OFFENSIVE))
        return bool(ctx.cache[key])

    def _modality(self, ctx: DocContext, draft: Draft) -> None:
        cues = self.cues
        hit = draft.hit
        clause_words = ctx.folded(draft.clause_start, hit.start).split()
        # "ولم", "فلا": cue words with an attached conjunction count too
        bare = [w[1:] if len(w) > 2 and w[0] in "وف" else w for w in clause_words]
        near = set(clause_words[-3:]) | set(bare[-3:])
        asked = set(clause_words[-5:]) | set(bare[-5:])
        modality = "asserted"
        if hit.future_prefix or near & cues.future:
            modality = "future"
        if draft.hit.trigger.pos == "noun" and asked & cues.request and hit.trigger.type != "REQUEST":
            modality = "requested"
        if clause_words and (
            clause_words[0] in cues.hypothetical or " ".join(clause_words[:2]) in cues.hypothetical
        ):
            modality = "hypothetical"
        if draft.event.type == "REQUEST":
            modality = "requested"
        elif draft.event.type == "THREATEN":
            # "أي اعتداء سيقابل بالرد", "إذا لم تنسحب … سنستأنف": a threat on a condition is hypothetical
            _, unit = ctx.unit_at(hit.start)
            words = set(ctx.folded(draft.clause_start, unit.sentence.end).split())
            if draft.clause_start > unit.sentence.start:  # "وإذا لم تقدّم الحكومة …، فإن مجاهدينا سيستأنفون"
                opening = unit.clause_at(draft.clause_start - 1)
                words |= {w.lstrip("و") for w in ctx.folded(opening.start, opening.end).split()[:1]}
            modality = "hypothetical" if words & _CONDITIONS else "future"
        if (
            hit.future_prefix
            and draft.event.type == "ASSAULT"
            and ctx.folded(hit.end, min(draft.clause_end, hit.end + 20)).split()[:1]
            in (["لاي"], ["اي"], ["لكل"])
        ):
            # "ستتصدى لأي محاولة لقمع المتظاهرين", "سنضرب أي قوة تقترب": a warning, not a deed to come
            draft.event.type, draft.event.mode, draft.sub_event = "THREATEN", "violence", None
            modality = "hypothetical"
        if (
            near & cues.negators
            and not _EXCEPT.search(ctx.folded(hit.end, draft.clause_end))
            and not (draft.event.type == "THREATEN" and _fold(hit.text).startswith("دون"))  # "لن يمر دون رد"
        ):
            # "ولم تُطلق الفرقة سراحهم إلا بعد ثلاثة أيام": "not … until" says it happened
            modality = "negated"
        draft.event.modality = modality
        draft.event.negated = modality == "negated"
        if modality == "future" and draft.event.type == "RETREAT":
            draft.event.type = "CONCEDE"  # PLOVER: a future withdrawal is a concession
            draft.event.mode = None
            draft.sub_event = None


class Draft:
    """An event being built, with what is needed to merge and resolve it."""

    __slots__ = (
        "adjunct",
        "clause_end",
        "clause_start",
        "event",
        "hit",
        "place_in_clause",
        "sentence",
        "sub_event",
        "time_mention",
    )

    def __init__(
        self,
        event: Event,
        hit: TriggerHit,
        sentence: int,
        clause_start: int,
        clause_end: int,
        sub_event: str | None,
    ) -> None:
        self.event = event
        self.hit = hit
        self.sentence = sentence
        self.clause_start = clause_start
        self.clause_end = clause_end
        self.sub_event = sub_event
        self.time_mention: Mention | None = None
        self.place_in_clause = False  # the place was named in the trigger's own clause
        self.adjunct = False  # a noun after a preposition ("بعد معارك", "في هجوم")

    def finish(self, ctx: DocContext) -> None:
        """ACLED coding and fatalities once actors are final."""
        ev = self.event
        entities = ctx.doc.entities
        sub_event = self.sub_event
        if sub_event is None and ev.type == "ASSAULT" and ev.modality in ("asserted", "negated"):
            sub_event = _ASSAULT_BY_MODE.get(ev.mode or "", "Armed clash")
        target = entities.get(ev.actor2 or "")
        agent = entities.get(ev.actor1 or "")
        if (
            ev.type == "ASSAULT"
            and sub_event in ("Armed clash", "Attack")
            and target is not None
            and target.attrs.get("type") == "protesters"
            and (agent is None or agent.attrs.get("type") not in _CROWDS)
        ):
            # "إطلاق نار حي على المتظاهرين", "قُتل خمسة متظاهرين": force used on a protest (ACLED)
            sub_event = "Excessive force against protesters"
        ev.acled = acled_record(sub_event, entities.get(ev.actor1 or ""), entities.get(ev.actor2 or ""))
        killed = ev.counts.get("killed")
        ev.fatalities = sum(killed.values()) if killed else None


# Triggers of shelling that an aircraft can do too ("قصف", "دك"); "قصف مدفعي" names its weapon.
_SHELLING = frozenset({"shell", "shelling-noun", "pound"})


def _by_air(ctx: DocContext, cues: EventCues, draft: Draft) -> bool:
    """Does an air force carry out the shelling, or the clause name an aircraft as its subject right
    before or after the trigger?"""
    hit = draft.hit
    agent = ctx.doc.entities.get(draft.event.actor1 or "")
    if agent is not None and "air-force" in agent.id:
        return True
    before = ctx.folded(draft.clause_start, hit.start - len(hit.prefix)).split()[-4:]
    after = ctx.folded(hit.end, draft.clause_end).split()[:2]
    modes = []
    for w in [*reversed(before), *after]:
        key = w.removeprefix("و").removeprefix("ب")
        modes.append(cues.instrument_mode(key) or cues.instrument_mode(key.removeprefix("ال")))
    first = next((m for m in modes if m is not None), None)
    # "قصفت طائرات مسيرة": aircraft that are drones
    return first == "aerial" and "drone" not in modes


def _instrument(ctx: DocContext, cues: EventCues, hit: TriggerHit, lo: int, hi: int) -> str | None:
    """The mode of the means the trigger's clause names nearest to a trigger that names none:
    "استهداف سيارتهم بعبوة ناسفة" (explosives), "استهدفت مدفعيتنا" (heavy-weapons)."""
    after = ctx.folded(hit.end, hi).split()[:8]
    before = ctx.folded(lo, hit.start - len(hit.prefix)).split()[::-1][:4]
    for i in range(max(len(after), len(before))):
        for words in (after, before):
            if i < len(words):
                w = words[i].lstrip("و")
                for key in (w, w.removeprefix("ب"), w.removeprefix("ب").removeprefix("ال")):
                    mode = cues.instrument_mode(key)
                    if mode is not None:
                        return mode
    return None


def assign_actors(ctx: DocContext, draft: Draft, previous: list[Draft]) -> None:
    """actor1 (agent), actor2 (target or partner) and co-participants, by word order and markers."""
    hit, ev = draft.hit, draft.event
    lo, hi = draft.clause_start, draft.clause_end
    entities = ctx.doc.entities
    after = ctx.within(ctx.actors, hit.end, hi)
    before = ctx.within(ctx.actors, lo, hit.start)
    noun = hit.trigger.pos == "noun" or "ال" in hit.prefix  # "التواصل": a verb's form used as a noun
    if (
        not noun
        and hit.person != "we"
        and ctx.words_before(hit.start - len(hit.prefix), 1)[-1:] in (["من"], ["في"])
    ):
        noun = True  # "تمكنت قطعات الحشد من صد تعرض…": after a preposition, "صد" is the verbal noun
    casualty = _fold(hit.trigger.lemma) in _CASUALTY_LEMMAS

    # a verb whose subject is still to come: no plural ending and no actor right before it
    voice = _voice_in_clause(ctx, hit, hi)
    active_verb = not noun and voice == "active"
    carries_subject = _pronoun_subject(hit)
    open_subject = (
        active_verb
        and hit.person != "we"
        and not carries_subject
        and _svo_subject(ctx, hit, list(reversed(before))) is None
    )

    def role(m: Mention) -> str:
        words = ctx.words_before(m.start, 6)
        prefix = ctx.attached_prefix(m)
        if (
            prefix.endswith("ل")
            and words[-2:-1] in (["بيان"], ["تصريح"], ["بلاغ"])
            and m.end <= hit.start
            and _words_between(ctx, m.end, hit.start - len(hit.prefix)) == 0
        ):
            return "agent"  # "بيان لوحدات مقاومة سنجار يحمّل الحكومة…": whose statement says it
        if words and m.start > 0 and ctx.text[m.start - 1].isalpha():
            # "لقوات", "لـقوات", "بـفاغنر": the proclitic written on the name, not a word before it
            prefix = prefix or words[-1]
            words.pop()
        if (
            hit.trigger.type == "COERCE"
            and prefix.endswith("ل")
            and words
            and words[-1] in _CHECKPOINTS
            and m.start > hit.end
        ):
            return "agent"  # "اعتُقل الشاب على حاجز لـفرع الأمن العسكري": whose checkpoint made the arrest
        popped_target = False
        popped: list[str] = []
        if words and not prefix and words[-1][:1] in ("ل", "ب") and words[-1][1:] in _CONSTRUCT_HEADS:
            # "تجمعاً لمرتزقة العدوان": the proclitic sits on the head noun before the name
            prefix, words[-1] = words[-1][:1], words[-1][1:]
        if (
            prefix.endswith("ل")
            and words
            and words[-1] in _FORCE_NOUNS
            and m.end <= hit.start
            and active_verb
        ):
            prefix = ""  # "دورية للهيئة اعتقلت ناشطاً": a patrol of X is X, the verb's subject
        if (
            prefix.endswith("ل")
            and len(words) > 1
            and words[-1] in _CONSTRUCT_HEADS
            and words[-2] in _LAM_HEADS
            and m.start > hit.end
        ):
            words.pop()  # "خلية تابعة لتنظيم داعش": the head the proclitic sits on is the force's
        if prefix.endswith("ل") and words and words[-1] in _LAM_HEADS:
            prefix = ""  # "أرتال تابعة لـهيئة تحرير الشام", "التابعة للقوات الروسية": the force itself
            words.pop()
            if len(words) > 1 and words[-1].endswith(("يه", "ي")) and words[-2] in _HOLDINGS:
                words.pop()  # "على مواقع عسكرية تابعة للجيش السعودي": the holding's adjective
            if words and words[-1] in _HOLDINGS:
                # "قصف مقر تابع للحشد الشعبي": the owner of a position that was hit is the target
                popped_target = True
                words.pop()
            elif words and (words[-1] in _CONSTRUCT_HEADS or words[-1] in _LOYAL_FORCES):
                # "معارك مع القوات الموالية لتحالف العدوان": the words before the force give the role
                words.pop()
                if (
                    open_subject
                    and _words_between(ctx, hit.end, m.start) == 2
                    and _object_follows(ctx, m, hi, past_time=True)
                ):
                    return "agent"  # "هاجمت خلية تابعة لتنظيم داعش فجر اليوم حاجزاً": the verb's subject
        while words and (
            words[-1] in _CONSTRUCT_HEADS
            or (
                words[-1] == "من"
                and len(words) > 1
                and (words[-2] in _PARTITIVE or _strip_and(words[-2]) in _PARTITIVE or _is_number(words[-2]))
            )
        ):  # "قيادة الهيئة", "مواقع قوات النظام"; "قوة من جهاز مكافحة الإرهاب", "وقوة من كتيبة…"
            if words[-1] == "من":
                popped.append(words.pop())
            popped.append(words.pop())
            popped_target = popped_target or popped[-1] in _TARGET
            if words and m.start > 0 and words[-1] in ("ل", "لل", "ب", "بال") and prefix == "":
                prefix = words.pop()  # "مواقع لـقوات النظام"
        last = words[-1] if words else ""
        if (
            popped_target
            and {w for w in popped if w in _TARGET} <= _PEOPLE_HEADS
            and m.end <= hit.start
            and active_verb
            and not ctx.triggers_within(m.end, hit.start)  # "قُتل عناصر من X بانفجار عبوة استهدفت…"
        ):
            popped_target = False  # "داهمت عناصر من الأمن منازل واعتقلت…": men named before a verb act
        if (
            popped_target
            and open_subject
            and {w for w in popped if w in _TARGET} <= _PEOPLE_HEADS
            # "استهدفت عناصر من قوات النظام في…": she targeted them; "داهمت عناصر من الأمن منازل": they
            # raided homes
            and (not _feminine_verb(hit) or _object_follows(ctx, m, hi))
            and _words_between(ctx, hit.end, m.start) == len(popped)
        ):
            popped_target = False  # "هاجم عناصر من الهيئة نقطة…": men right after the verb are its subject
            last = ""
        if (
            not noun
            and not popped_target
            and last in _TARGET
            and m.start >= hit.end
            and _words_between(ctx, hit.end, m.start) == len(popped)
        ):
            # "استهدفت قوات النظام …", "استهدف مجاهدو المقاومة الإسلامية …": the trigger verb itself,
            # its subject follows (VSO), also behind the head of a part of it
            last = ""
        if noun and "ال" in hit.prefix and m.start < hit.start and _source_words(words):
            # "وقال المتحدث باسم التحالف … أثناء احتمائه من القصف": the speaker of a report is no agent
            # of the happening it tells again (a definite noun); "قال المتحدث باسم قسد إن اشتباكات
            # عنيفة تدور" may well be his side's fight
            return "source"
        if set(words[-4:]) & _CHARGE:
            return "charge"  # "اعتقال 11 شخصاً بتهمة الانتماء إلى خلايا التنظيم": the charge, not a party
        if last in _ACCOMPANY or (last in ("من", "مع") and len(words) > 1 and words[-2] in _ACCOMPANY):
            return "accompany"  # "بمساندة من الطيران الروسي", "بالتنسيق مع التحالف": a co-participant
        if popped_target and not (last in _AGENT or (noun and last == "من" and m.start > hit.end)):
            return "target"  # "على مواقع قوات النظام"; but "مصدره مواقع قسد" names the agent
        if last in _COMPARISON:
            return "comparison"  # "على غرار جيش الفتح": a model, not a participant
        if m.start > hit.end and set(words[-5:]) & _HEDGES:
            return "agent"  # "هجوم شنه مسلحون يُعتقد أنهم من خلايا تنظيم الدولة": a hedged perpetrator
        if (
            m.start > hit.end
            and hit.trigger.type in ("ASSAULT", "COERCE")
            and set(words[-3:]) & _HOLDING_PLACES
        ):
            return "agent"  # "تحت التعذيب في أحد سجون هيئة تحرير الشام": whose prison it was
        if hit.trigger.type == "PROTEST" and set(words[-3:]) & {"امام", "قدام"}:
            return "oblique"  # "وقفة احتجاجية أمام مبنى حكومة الإنقاذ": where, not who, a protest faces
        if (
            hit.trigger.id == "ambush"
            and prefix.endswith("ل")
            and m.start > hit.end
            and any(w.lstrip("و").startswith(("نصب", "ينصب", "تنصب")) for w in ctx.words_before(hit.start, 4))
        ):
            return "target"  # "كميناً محكماً لمجموعة من الفرقة الرابعة": whom the ambush was laid for
        if last in _AGENT and hit.trigger.id in _GOVERNING and m.start > hit.end:
            # "تصدى مقاتلو جيش العزة لمحاولة تسلل نفذتها قوات النظام": who carried out the repelled
            # attack is the target of the repelling
            return "target"
        if (
            last in _AGENT
            or (
                noun
                and not casualty
                and hit.trigger.id not in _GOVERNING  # "صد تعرض لفلول داعش": the repelled attack's agent
                and m.start > hit.end
                and (
                    (last == "من" and _words_between(ctx, hit.end, m.start) <= 5)
                    # "ل" marks the agent right after the noun and its adjectives; after an object it marks
                    # the object's owner: "تدمير ثلاث مضافات لعصابات داعش", "استهدفت … مقراً لكتائب حزب الله"
                    or (
                        prefix.endswith("ل")
                        and (
                            _words_between(ctx, hit.end, m.start) <= 2
                            # "قصف مدفعي وصاروخي مكثف لقوات النظام": the noun's adjectives
                            or _adjectives(ctx.folded(hit.end, m.start).split()[:-1])
                        )
                        # "عبوة ناسفة بدورية للجيش": after a preposition's object, ل names its owner;
                        # so it does after a target ("استهداف تجمع لـقوات النظام")
                        and not any(
                            w[:1] == "ب" or w in ("علي", "في", "ضد") or w in _OWNED_TARGETS
                            for w in ctx.folded(hit.end, m.start).split()
                        )
                    )
                )
            )
        ):
            return "agent"  # "غارات للطيران الروسي", "قصف مدفعي من قوات النظام", "هجوم شنه مسلحون"
        if last in _TARGET or prefix.endswith("ل"):
            return "target"
        if last in _PARTNER:
            return "partner"
        if last in ("من", "عبر") or prefix.endswith("ب"):
            return "oblique"  # "بقذائف من…", "تبناه التنظيم عبر وكالة أعماق": a source or a medium
        return "plain"

    def can_act(m: Mention) -> bool:
        """Victims and monitors do not carry out violence (protesters do protest)."""
        entity = entities.get(m.entity or "")
        inter = entity.attrs.get("inter") if entity else None
        kind = entity.attrs.get("type") if entity else None
        if hit.trigger.type == "PROTEST" or (hit.trigger.type in VERBAL_TYPES and kind == "other"):
            return True  # "وندد المحتجون بـ…", "وطالب الأهالي بـ…": people who say and ask
        return inter != 7 and kind != "other"

    roles = {id(m): role(m) for m in after + before}
    for prev, m in pairwise(before + after):
        # "مع مرتزقة العدوان وعناصر تنظيم القاعدة": an actor joined by و to a target or partner is one too
        gap = _gap_words(ctx, prev.end, m.start)
        if (
            roles[id(prev)] in ("target", "partner")
            and roles[id(m)] == "plain"
            and len(gap) <= 3
            and (ctx.attached_prefix(m).startswith("و") or (gap and gap[0][:1] == "و"))
        ):
            roles[id(m)] = roles[id(prev)]
    if hit.end - hit.start > len(hit.text.split()[0]):
        # "غارة للطيران الروسي": a noun phrase of the lexicon that ends inside the agent's name; "أسقطت
        # طائرة مسيرة تركية": a verb phrase that ends inside its object's
        inner = [m for m in ctx.within(ctx.actors, hit.start + 1, hi) if m.start < hit.end]
        after = inner + after
        # ("خرج متظاهرون" names its subject)
        inner_role = "agent" if noun else "plain" if hit.trigger.type == "PROTEST" else "target"
        roles.update({id(m): inner_role for m in inner})
    # Agent markers ("شنه", "من قبل", "على يد", "برصاص") belong to nouns and passives, in the clause.
    _, unit = ctx.unit_at(hit.start)
    # "لغارات جوية استهدفت سوقاً…، نفذتها طائرات حربية روسية": the marker opens the next clause
    beyond = [
        m
        for m in ctx.within(ctx.actors, hi, unit.sentence.end)
        if (ctx.words_before(m.start, 1) or [""])[-1] in _AGENT
        and _words_between(ctx, hit.end, m.start) <= 14
    ]
    # "في هجوم تبنّاه تنظيم داعش", "الطائرة تابعة للقيادة العامة": a claim or an attribution anywhere in
    # the rest of the sentence names the agent of a violent event
    claimed = (
        [m for m in ctx.within(ctx.actors, hit.end, unit.sentence.end) if _claimed_by(ctx, m)]
        if hit.trigger.type == "ASSAULT"
        else []
    )
    beyond += [m for m in claimed if m not in beyond]
    roles.update({id(m): "agent" for m in beyond})
    agents = [
        m
        for m in after + before + beyond
        if roles[id(m)] == "agent"
        and can_act(m)
        and (noun or voice == "passive" or _hedged_subject(ctx, hit, m))
        and (_words_between(ctx, hit.end, m.start) <= 12 or m in claimed)
    ]
    targets = [m for m in after + before if roles[id(m)] in ("target", "partner")]
    # "انسحبوا من المدينة وقوات الوفاق دخلت ترهونة": an actor that opens the next clause is its subject
    after = [m for m in after if not _opens_clause(ctx, m)]
    near_after = [m for m in after if roles[id(m)] == "plain" and _words_between(ctx, hit.end, m.start) <= 3]
    # an object is named close to its verb; an actor far down a long clause belongs to another action
    plain_after = [m for m in after if roles[id(m)] == "plain" and _words_between(ctx, hit.end, m.start) <= 8]
    reach = 14 if hit.trigger.id in _GOVERNING else 8  # "تصدى … لمحاولة تسلل نفذتها مجموعات من X"
    targets = [m for m in targets if m.start < hit.start or _words_between(ctx, hit.end, m.start) <= reach]
    plain_before = [m for m in reversed(before) if roles[id(m)] == "plain"]
    if not noun:
        # "برصاص مسلحين مجهولين استهدفوا سيارته": the actor right before a verb is its subject (SVO)
        plain_before = [m for m in reversed(before) if roles[id(m)] in ("plain", "agent")]
    before_words = ctx.words_before(hit.start, 2)
    adjunct = noun and draft.adjunct and not _response_means(ctx, hit, lo)
    if adjunct:
        # "قُتل جنود من الجيش في هجوم شنه…": a noun after a preposition has its own agent, never the
        # actors of the clause it hangs from
        plain_before = []
    # "أقدم مسلحون مجهولون على قتل مدني": a killing undertaken has its agent, like any deed (after على the
    # word is a verbal noun, whatever the lexicon read)
    undertaken = ctx.words_before(hit.start - len(hit.prefix), 1)[-1:] == ["علي"]
    controller = (
        _control_subject(ctx, hit, before)
        if (noun and not casualty) or (undertaken and not hit.prefix)
        else None
    )
    we = (
        hit.person == "we"
        or _we_form(hit)
        or _we_subject(ctx, hit, hi)
        # "بسطت قواتنا مساء أمس سيطرتها الكاملة": our force as the subject of a light verb before the noun
        or (
            noun
            and not agents
            and controller is None
            and any(_our_force(w) for w in ctx.folded(lo, hit.start - len(hit.prefix)).split()[-6:])
        )
        # "ونؤكد أن قواتنا ستردّ", "فإن مجاهدينا سيستأنفون": our force right before the verb (SVO)
        or (not noun and _our_force(_subject_word_before(ctx, hit)))
        or controller == "we"
        or (
            noun
            and not agents
            and controller is None
            and any(w.endswith("نا") and len(w) > 4 and w not in _NOT_WE for w in before_words)
        )
    )
    # "بشرعييهم تنكر": a noun with "their" right before the verb makes "they" the subject
    they_subject = (
        not noun and bool(before_words) and before_words[-1].endswith("هم") and len(before_words[-1]) > 4
    )

    actor1: Mention | None = None
    actor2: Mention | None = None
    partners: list[Mention] = []  # actors joined by و to the subject before the verb
    subject_before = any(_words_between(ctx, m.end, hit.start - len(hit.prefix)) == 0 for m in before)
    head_noun = (
        _definite_subject(ctx, hit, hi)
        if not noun and hit.trigger.type in VERBAL_TYPES and not subject_before
        else None
    )
    # "كما أفرج الجهاز الأحد عن 23 محتجزاً": a definite noun after a deed's verb that begins the name
    # of an actor named before stands for that actor
    named_head = (
        _head_noun_antecedent(ctx, head, hit.start)
        if not noun
        and hit.trigger.type not in VERBAL_TYPES
        and not subject_before
        and ctx.text[hit.end : hit.end + 4].strip().startswith("ال")
        and (head := _definite_subject(ctx, hit, hi)) is not None
        else None
    )
    if we:
        # "العميد يحيى سريع: قواتنا البحرية استهدفت…" quoted in a post: the speaker's side
        ev.actor1 = ctx.author or _quoted_speaker(ctx, hit)
        actor2 = _first(targets, plain_after)
        if actor2 is None and not noun:
            # "ونحذّر تركيا من…", "نحمّل روسيا المسؤولية": a state right after our verb is its object;
            # "نحمّل خليفة حفتر المسؤولية": so is a person of the knowledge base
            ev.actor2 = _state_subject(ctx, hit, lo, hi, right_after=True) or _person_object(ctx, hit, hi)
    elif controller == "they":
        # "أعلنت خلالها اعتقال عشرات": the announcer is the actor the text is about; "كما أعلنت
        # اعتقال…" after "أعلنت قوة الردع القبض على…": the one who announced just before
        announcer = ctx.cache.get("announcer")
        if isinstance(announcer, tuple) and announcer[0] and 0 < hit.start - announcer[1] < 600:
            ev.actor1 = announcer[0]
        else:
            ev.actor1 = salient(ctx, previous, hit.start, {ctx.author})
        if ev.actor1 is not None:
            ev.inferred.append("actor1")
        actor2 = _first(targets, plain_after)
    elif isinstance(controller, Mention):
        # "تمكنت قطعات من الحشد الشعبي من صد تعرض…": the subject of "تمكن من" does the deed
        actor1 = controller
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif not noun and (sabaq := _sabaqa_subject(ctx, hit, before)) is not None:
        # "سبق لـكتائب حزب الله أن هددت باستهداف قواعد التحالف": the one after "سبق لـ" did it
        actor1 = sabaq
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif (
        noun
        and not casualty
        and near_after
        and hit.trigger.id not in _GOVERNING  # "صد الجيش": the genitive of a repelling is repelled
        and _armed(entities.get(near_after[0].entity or ""))
        and not any(
            w in ("في", "من") or _is_number(w) or w.isdigit()
            for w in ctx.folded(hit.end, near_after[0].start).split()
        )  # "اعتقال ٣ من عناصر التنظيم": men counted out of a force are the ones acted on
    ):
        # "اعتقال قوات النظام 14 شخصاً", "قصف قوات النظام": an armed genitive is the agent
        actor1 = near_after[0]
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif voice == "passive" and noun and not adjunct and not casualty:
        # "الحوثيون يواصلون استهداف الأحياء": the complement is the target, the clause's subject acts
        actor2 = _first(plain_after, targets)
        actor1 = _first(agents, [m for m in plain_before if can_act(m)])
    elif voice == "passive":
        actor2 = _first(plain_after, plain_before, targets)
        actor1 = _first(agents)
    elif they_subject:
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author})
        ev.inferred.append("actor1")
        actor2 = _first(targets, plain_after)
    elif (speaker := _reporting_speaker(ctx, hit)) is not None:
        # "وقال المركز الإعلامي لقسد إن القصف طال قريتين، نافياً وجود أي مقاتلين": the reporter
        ev.actor1 = speaker
        actor2 = _first(targets, [m for m in plain_after if m.entity != speaker])
        if actor2 is None:
            ev.actor2 = _state_subject(ctx, hit, lo, hi, right_after=True)
    elif (circumstance := _circumstantial(ctx, draft, previous)) is not None:
        # "نفت الجماعة استهداف المدنيين، متهمةً القوات الحكومية بقصف الأحياء", "…، مطالبةً بالإفراج
        # عنهم": a participle after the clause has that clause's subject
        ev.actor1 = circumstance.event.actor1
        actor2 = _first(targets, plain_after)
        if actor2 is None:
            ev.actor2 = _state_subject(ctx, hit, lo, hi, right_after=True)
    elif not noun and (speaker := _speaker_pronoun(ctx, hit)) is not None:
        # "وقالت قوات الكرامة إنها ستتصدى…", "فإنها تحذر دول العدوان": the pronoun is the speaker, the
        # actor after the verb its object
        ev.actor1 = speaker or None
        actor2 = _first(targets, plain_after)
    elif (joined := _joined_noun(ctx, draft, previous, near_after)) is not None:
        # "اعتقال ٣ من عناصر التنظيم وضبط كمية من المتفجرات": nouns joined by و share their agent
        ev.actor1 = joined.event.actor1
        actor2 = _first(targets, [m for m in plain_after if m.entity != ev.actor1])
    elif (again := _said_again(ctx, draft, previous)) is not None:
        # "وتطالب المنظمة المجلس الانتقالي بـ…، كما تطالب جماعة الحوثي بـ…": the same verb again with
        # كما keeps its subject; the actor after it is the new addressee
        ev.actor1 = again.event.actor1
        actor2 = _first(targets, plain_after)
    elif named_head is not None:
        ev.actor1 = named_head
        actor2 = _first(targets, [m for m in plain_after if m.entity != named_head])
    elif head_noun is not None:
        # "وتطالب الشبكة بالكشف…" (the network named before), "وتدعو المنظمة المجلس الانتقالي إلى…": a
        # definite noun right after the verb is its subject; the actor after it is the addressee
        # a noun no actor named before begins with, in a signed text, is the signer speaking of itself
        # ("وتحذّر الوزارة", "ويحذّر الجهاز", "وتحمّل غرفة العمليات")
        ev.actor1 = _head_noun_antecedent(ctx, head_noun, hit.start) or ctx.author
        actor2 = _first(targets, plain_after)
        addressed = [
            m for m in ctx.within(ctx.places, hit.end, hi) if _words_between(ctx, hit.end, m.start) == 1
        ]
        if actor2 is None and addressed and not ctx.attached_prefix(addressed[0]):
            ev.actor2 = _acting_state(ctx, addressed[0])  # "وتطالب المنظمة تركيا بـ…"
    elif not noun and not agents and (org := _person_subject(ctx, hit, lo, hi)) is not None:
        # "قالت واشنطن إن القرشي فجّر عبوة ناسفة": a known person acts for his organization
        ev.actor1 = org
        actor2 = _first(targets, plain_after)
    elif (
        not noun
        and _svo_subject(ctx, hit, plain_before) is None  # "القوات المسلحة إذ تحمّل واشنطن": the object
        and (state := _state_subject(ctx, hit, lo, hi, right_after=True)) is not None
    ):
        # "حملت أنقرة قوات النظام مسؤولية الغارة": the capital right after the verb is its subject
        ev.actor1 = state
        actor2 = _first(targets, plain_after)
    elif not noun and not agents and (state := _state_before(ctx, hit, lo, plain_before)) is not None:
        # "وكانت واشنطن قد اتهمت تشكيلاتنا": a capital right before the verb is its subject
        ev.actor1 = state
        actor2 = _first(targets, plain_after)
    elif not noun and not agents and ((svo := _svo_subject(ctx, hit, plain_before)) or carries_subject):
        # "قوات النظام هاجمت الهيئة" (SVO), "هاجموا قوات النظام" (the verb carries its subject, whose
        # antecedent comes before it): the actor after the verb is its object
        actor1 = _first([m for m in ([svo] if svo is not None else plain_before) if can_act(m)])
        while actor1 is not None and ctx.attached_prefix(actor1).startswith("و"):
            earlier = [
                m for m in before if m.end <= actor1.start and not ctx.text[m.end : actor1.start].strip(" و")
            ]
            if not earlier:
                break
            partners.append(actor1)
            actor1 = earlier[-1]  # "عناصر من الفرقة الرابعة وقوات الدفاع الوطني نهبوا": the first named leads
        actor2 = _first(targets, [m for m in near_after + plain_after if m is not actor1])
        if actor2 is None:
            ev.actor2 = _state_subject(ctx, hit, lo, hi, right_after=True)  # "إذ تحمّل واشنطن …"
    else:
        subjects = (
            agents
            if agents
            else [
                m
                for m in (near_after if not noun else [] if hit.trigger.id in _GOVERNING else near_after[:1])
                + plain_before
                + plain_after
                if can_act(m)
            ]
        )
        if not agents and not noun and hit.trigger.type in VERBAL_TYPES and _named_subject(ctx, hit, lo, hi):
            # "طالب قائممقام سيدكان الحكومة بوقف القصف التركي": an official the KB does not hold speaks;
            # only an actor right after him (his body) can be the subject
            subjects = [
                m
                for m in near_after
                if _words_between(ctx, hit.end, m.start) <= 2
                # "نفت وزارة الدفاع في حكومة الوفاق": the body of the actor after في
                or ctx.words_before(m.start, 1)[-1:] == ["في"]
            ]
        actor1 = subjects[0] if subjects else None
        while actor1 is not None and actor1 in plain_before and ctx.attached_prefix(actor1).startswith("و"):
            earlier = [
                m for m in before if m.end <= actor1.start and not ctx.text[m.end : actor1.start].strip(" و")
            ]
            if not earlier:
                break
            # "اضطر حركة أحرار الشام وجيش العزة للانسحاب": the first named of the coordination leads
            actor1 = earlier[-1]
        # "أحبطت وحدات من المقاومة الوطنية وألوية العمالقة": an actor joined to the subject acts with it
        rest = [m for m in plain_after if m is not actor1 and not _joined_to(ctx, actor1, m)]
        actor2 = _first(targets, rest)
    # "اشتباكات بين قسد والجيش الوطني", also "بين مسلحين من تنظيم الدولة وآخرين"
    between = [
        m
        for m in after
        if ctx.words_before(m.start, 1)[-1:] == ["بين"]
        or (m.start > hit.end and _after_between(ctx.words_before(m.start, 3)))
    ]
    if between and not we:
        # "اشتباكات بين قسد والجيش الوطني": the two sides in the order named
        pair = [between[0], *_other_side(ctx, between[0], hit)[:1]]
        if len(pair) == 2:
            actor1, actor2 = pair
        elif actor1 is None or roles.get(id(actor1)) != "agent":
            actor1 = pair[0]  # "اشتباكات بين قوات حكومة الوحدة والقوات الموالية لباشاغا": one side named
            actor2 = None if actor2 is pair[0] else actor2
    if (
        actor1 is not None
        and not we
        and not noun
        and voice == "active"
        and actor1.start > hit.end
        # "وأكدت قسد …، واتهمت القوات التركية بقصف…": a saying joined to a saying keeps its speaker
        and (
            _words_between(ctx, hit.end, actor1.start) > 0
            or hit.trigger.type in ("ACCUSE", "REQUEST", "REJECT")
        )
        # "واتهمت حركة النجباء بدورها واشنطن": "in its turn" marks a new subject
        and ctx.folded(actor1.end, actor1.end + 14).split()[:1] not in (["بدوره"], ["بدورها"], ["بدورهم"])
        and (shared := _coordinated_subject(ctx, draft, previous, lo, hi)) is not None
        and shared != actor1.entity
    ):
        # "داهمت دورية للهيئة منزلاً، واعتقلت قيادياً سابقاً في تنظيم حراس الدين": the joined verb's
        # object comes first; the actor after it is the object's, the subject is the first verb's
        actor2 = actor2 or actor1
        actor1 = None
        ev.actor1 = shared
        ev.inferred.append("actor1")
    if actor1 is not None:
        ev.actor1 = actor1.entity
    if actor2 is not None and actor2.entity != ev.actor1:
        ev.actor2 = actor2.entity
    if ev.actor1 is None and not we and not noun and voice == "active":
        ev.actor1 = _during_subject(ctx, draft, previous)
    if ev.actor1 is None and not we and not noun and voice == "active":
        shared = _coordinated_subject(ctx, draft, previous, lo, hi)
        if shared is not None and shared != ev.actor2:
            ev.actor1 = shared  # "باغت عناصر الهيئة دورية … وقتلوا أربعة منهم": the first verb's subject
            ev.inferred.append("actor1")
    if ev.actor2 is None and hit.trigger.type in ("ASSAULT", "COERCE"):
        # "قُتل أربعة من البيشمركة ومدني في هجوم…": the victims named in the sentence
        _, unit = ctx.unit_at(hit.start)
        # the agents of the sentence's earlier events ("إفراج قوة الردع عن 14 محتجزاً بعد احتجازهم")
        doers = {d.event.actor1 for d in previous if d.sentence == draft.sentence}
        two_sided = hit.trigger.id in _TWO_SIDED
        held = hit.trigger.mode == "torture" and bool(
            set(ctx.folded(unit.sentence.start, unit.sentence.end).split()) & _HOLDING_WORDS
        )
        if held and "prisoners" in ctx.kb_actors:
            # "مقتل الشاب … تحت التعذيب في أحد سجون الهيئة": tortured in custody, a prisoner
            add_actor_entity(ctx.doc, ctx.kb_actors, "prisoners")
            ev.actor2 = "prisoners"
            ev.inferred.append("actor2")
        victims = [
            m
            for m in ctx.within(ctx.actors, unit.sentence.start, unit.sentence.end)
            if ev.actor2 is None
            and m not in partners
            and m.entity not in (ev.actor1, None)
            and (m.entity not in doers or m.start > hit.start)
            and (roles.get(id(m)) or role(m)) not in ("agent", "comparison", "accompany", "charge")
            and (entities[m.entity].attrs.get("type") != "other" if m.entity in entities else True)
            and (m.start < hit.start or _victim(entities.get(m.entity or "")))
            and not (two_sided and _victim(entities.get(m.entity or "")))
        ]
        if victims:
            ev.actor2 = victims[0].entity
            ev.inferred.append("actor2")
        elif (
            not two_sided
            and ev.actor1 != "civilians"
            and "civilians" in ctx.kb_actors
            and _civilian_victims(ctx, unit.sentence.start, unit.sentence.end)
        ):
            # "مقتل طفل وإصابة امرأة برصاص قناص", "قُتل 14 بينهم نساء وأطفال": civilians by what they are
            add_actor_entity(ctx.doc, ctx.kb_actors, "civilians")
            ev.actor2 = "civilians"
            ev.inferred.append("actor2")
    tail = ctx.view.text[ctx.view.to_view(hit.end) : ctx.view.to_view(hi)]
    head = " ".join(tail.split()[:4])
    if not targets and ctx.author and ev.actor1 != ctx.author and _WE_OBJECT.search(head):
        ev.actor2 = ctx.author  # "طلب جيش العزة منا مؤازرة"
    elif (
        not targets
        and ctx.author
        and ev.actor1 not in (ctx.author, None)
        and hit.trigger.type == "ASSAULT"
        and any(_our_target(w) for w in head.split())
    ):
        ev.actor2 = ctx.author  # "تشن الهيئة هجوماً على مقراتنا": our positions, so us
    elif not targets and _THEY_OBJECT.search(head):
        other = salient(ctx, previous, hit.start, {ctx.author, ev.actor1})
        if other:
            ev.actor2 = other  # "دفعنا معهم"
            ev.inferred.append("actor2")
    if ev.actor1 is None and not we and voice == "active" and not noun and head_noun is None:
        state = _state_subject(ctx, hit, lo, hi)
        if state:
            ev.actor1 = state  # "نفت موسكو", "قالت واشنطن": the state acts through its forces
    recent = bool(previous) and draft.sentence - previous[-1].sentence <= 1
    if (
        ev.actor1 is None
        and not we
        and not noun
        and recent
        and voice == "active"
        and (
            _named_subject(ctx, hit, lo, hi)
            or _unknown_body_before(ctx, hit)
            or _generic_force_subject(ctx, hit, lo, hi)  # "دكّ سلاح الجو المسيّر": ours, given below
            or _shares_subject(ctx, draft, previous)
            or _next_to_event_noun(ctx, hit)
            or head_noun is not None
            # "طائرة مسيّرة مجهولة قصفت": an unknown subject stays unknown
            or any(w.startswith("مجهول") for w in ctx.words_before(hit.start - len(hit.prefix), 3))
        )
    ):
        recent = False  # "غادرت أرتال موالية لباشاغا", "ناشطون يطالبون": a subject the KB does not know
    if (
        ev.actor1 is None
        and not we
        and not noun
        and recent
        and voice == "active"
        and hit.trigger.type != "PROTEST"
    ):
        # "they" (a verb with no named subject): the most salient actor that is not the narrator
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author, ev.actor2})
        if ev.actor1 is not None:
            ev.inferred.append("actor1")
    if (
        ev.actor2 is None
        and hit.trigger.type not in VERBAL_TYPES  # "نطالب بالإفراج عنهم": what is asked, not of whom
        and _THEY_PLURAL.search(tail)
        and not _place_left(hit, tail)
    ):
        other = salient(ctx, previous, hit.start, {ctx.author, ev.actor1})
        if other:
            ev.actor2 = other
            ev.inferred.append("actor2")
    if ev.actor1 is None and hit.trigger.type in ("REJECT", "AGREE") and ctx.author:
        # "فكان الرد سلبياً": the reply comes from whoever we last addressed
        asked = next(
            (
                d.event.actor2
                for d in reversed(previous[-4:])
                if d.event.actor1 == ctx.author and d.event.actor2
            ),
            None,
        )
        if asked:
            ev.actor1 = asked
            ev.inferred.append("actor1")
    if (
        hit.trigger.type == "PROTEST"
        and hit.trigger.mode != "riot"
        and _armed(entities.get(ev.actor1 or ""))
        and "protesters" in entities
    ):
        # "برصاص عناصر قسد خلال احتجاجات": the armed side is what the protest faces
        ev.actor2 = ev.actor2 or ev.actor1
        ev.actor1 = None
    if ev.actor1 is None and hit.trigger.type == "PROTEST" and "protesters" in entities:
        ev.actor1 = "protesters"
    if ev.actor1 is None and noun and not we and not casualty:
        inherited = _anaphoric_agent(ctx, draft, previous)
        if inherited is not None and inherited != ev.actor2:
            ev.actor1 = inherited
            ev.inferred.append("actor1")
    if ev.actor2 is None and hit.trigger.type in ("COERCE", "RETREAT", "ASSAULT") and not casualty:
        # "أفرج الجهاز عن 23 محتجزاً", "اعتقلت ما لا يقل عن 14 متظاهراً": the people counted
        counted = _counted_group(ctx, hit, hi)
        if counted is not None and counted != ev.actor1:
            add_actor_entity(ctx.doc, ctx.kb_actors, counted)
            ev.actor2 = counted
    if hit.trigger.type == "RETREAT" and hit.trigger.mode == "release" and None in (ev.actor1, ev.actor2):
        # "وأُفرج عن أحدهم بعد أربعة أيام", "وتحققنا من الإفراج عن اثنين منهم": the captors told before
        # release their captives
        captors = next(
            (
                d.event
                for d in reversed(previous[-6:])
                if draft.sentence - d.sentence <= 3
                and ((d.event.type == "COERCE" and d.event.mode == "arrest") or d.event.mode == "abduct")
                and (d.event.actor1 or d.event.actor2)
            ),
            None,
        )
        if captors is not None:
            if ev.actor1 is None and captors.actor1:
                ev.actor1 = captors.actor1
                ev.inferred.append("actor1")
            if ev.actor2 is None and captors.actor2 and captors.actor2 != ev.actor1:
                ev.actor2 = captors.actor2
                ev.inferred.append("actor2")
    if ev.actor1 is None and hit.trigger.type == "THREATEN" and ctx.author:
        ev.actor1 = ctx.author  # "أي تعرض لقطعاتنا سيقابل برد حازم": a statement's threat is its signer's
    if ev.actor1 is None and not we and _generic_force_subject(ctx, hit, lo, hi):
        # "كما نفذ سلاح الجو غارات", "القطعات مستمرة بتمشيط": in a statement, the signer's own forces
        ev.actor1 = ctx.author
    if (
        (noun or (not hit.prefix and _fold(hit.text) in _VERBAL_NOUN_FORMS))
        and not casualty
        and ctx.author
        and ev.actor1 != ctx.author
        and (
            ev.actor1 is None
            or "actor1" in ev.inferred
            or (actor1 is not None and roles.get(id(actor1)) != "agent")
        )
        and _armed(ctx.doc.entities.get(ctx.author))
        and _list_item(ctx, hit)
    ):
        # "نفذت قواتنا العمليات التالية: ١- استهداف تجمع لقوات النظام …، ٢- صد محاولة تقدم الميليشيات":
        # the signer's operations; a force named after the noun without an agent's mark is acted on
        if ev.actor1 is not None and ev.actor2 is None:
            ev.actor2 = ev.actor1
        ev.actor1 = ctx.author
        ev.inferred.append("actor1")
    if ev.actor1 is None and noun and not casualty:
        result = _result_agent(ctx, draft, previous)
        if result is not None:
            ev.actor1 = result
            ev.inferred.append("actor1")
    if (
        hit.trigger.type == "PROTEST"
        and hit.trigger.mode == "demo"
        and ev.actor1 == "prisoners"
        and "protesters" in ctx.kb_actors
    ):
        ev.actor1 = None  # "مظاهرة … بتطالب بالإفراج عن المعتقلين": whom a protest is for does not protest
    if (
        hit.trigger.type == "PROTEST"
        and ev.actor1 in ("civilians", "refugees-idps")
        and "protesters" in ctx.kb_actors
    ):
        ev.actor1 = None  # "نظم مئات المهاجرين اعتصاماً": people who protest are ACLED's Protesters
    if ev.actor1 is None and hit.trigger.type == "PROTEST" and not we and "protesters" in ctx.kb_actors:
        # "تظاهر مئات المواطنين": people the knowledge base does not name protest as ACLED's Protesters
        add_actor_entity(ctx.doc, ctx.kb_actors, "protesters")
        ev.actor1 = "protesters"
    if hit.trigger.type == "REJECT" and hit.trigger.pos == "noun" and ctx.author and _we_say(ctx, hit):
        # "ونؤكد أن ما روجت له وسائل إعلام العدوان … عارٍ عن الصحة": we deny it
        ev.actor1 = ctx.author
    if hit.trigger.type == "REQUEST" and _victim(entities.get(ev.actor2 or "")):
        # "نطالب السلطات بحماية المدنيين", "يطالبون بهدنة لإخراج المدنيين": whom a request is for is not
        # whom it is addressed to
        ev.actor2 = None
    if (
        noun
        and "عن" in ctx.text[max(lo, hit.start - len(hit.prefix) - 5) : hit.start]
        and _BLAMED_FOR.search(
            ctx.folded(max(lo, hit.start - len(hit.prefix) - 40), hit.start - len(hit.prefix))
        )
    ):
        # "نحمّل حفتر المسؤولية الكاملة عن القصف": blaming names no agent (gold/README.md), unless the deed
        # is said to be the accused's own ("عن المجزرة التي ارتكبتها طائراتها")
        blame = next(
            (d for d in reversed(previous) if d.sentence == draft.sentence and d.event.type == "ACCUSE"), None
        )
        owned = _OWNED_DEED.match(ctx.folded(hit.end, min(hi, hit.end + 40)).strip())
        ev.actor1 = blame.event.actor2 if blame is not None and owned else None
        if (
            ev.actor2 is not None
            and blame is not None
            and ev.actor2 in (blame.event.actor1, blame.event.actor2)
        ):
            ev.actor2 = None
    if (
        hit.trigger.type == "THREATEN"
        and _fold(hit.text).removeprefix("س").startswith(_SUFFER_THREAT)  # "سيقابل برد"
        # "أي محاولة … ستقابل برد" in a post nobody signed: the guess at the speaker stays
        and ("actor1" not in ev.inferred or ctx.author)
    ):
        # "سيدفع العدو الأمريكي ثمن عدوانه", "ستواجه بنيران مقاتلينا": who will pay is the one
        # threatened; the threat is the speaker's
        if ev.actor1 is not None and ev.actor1 != ctx.author:
            ev.actor2 = ev.actor1
        ev.actor1 = ctx.author
    if ev.actor1 is None and hit.trigger.type == "AGREE" and _BOTH_SIDES.search(ctx.folded(lo, hi)):
        # "اتفاق لوقف إطلاق النار بين الطرفين", "هدنة توصل إليها الطرفان": the sides of the fight told
        fight = next(
            (
                d
                for d in reversed(previous[-8:])
                if d.event.type == "ASSAULT"
                and d.event.actor1
                and d.event.actor2
                and d.event.actor1 != d.event.actor2
            ),
            None,
        )
        if fight is not None and draft.sentence - fight.sentence <= 4:
            ev.actor1, ev.actor2 = fight.event.actor1, fight.event.actor2
            ev.inferred += ["actor1", "actor2"]
    if ev.actor1 is not None and not we and not noun and voice == "active" and _unknown_body_before(ctx, hit):
        ev.actor1 = None  # "غير أن وزارة العدل نفت": the body named is the subject, though unknown
        if "actor1" in ev.inferred:
            ev.inferred.remove("actor1")
    if ev.actor2 is not None and ev.actor2 == ev.actor1:
        ev.actor2 = None  # "طلعوا الاف المتظاهرين": the subject found again after the verb is no target
    ev.assoc_actors = _coordinated(ctx, after, ev.actor1, ev.actor2, we)
    ev.assoc_actors += [
        m.entity for m in partners if m.entity and m.entity != ev.actor1 and m.entity not in ev.assoc_actors
    ]
    for m in after + before:
        if (
            roles[id(m)] == "accompany"
            and m.entity not in (ev.actor1, ev.actor2)
            and m.entity not in ev.assoc_actors
        ):
            ev.assoc_actors.append(m.entity or "")
    lost = _lost_place(ctx, hit)
    if lost is not None:
        # "سقطت الطيبة", "بعد خسارة صوران": a place changed hands; the side taking ground gains it
        draft.sub_event = draft.sub_event if draft.sub_event in TERRITORIAL else TERRITORIAL[0]
        ev.type, ev.mode = "ASSAULT", ev.mode or "firearms"
        if ev.actor1 is not None and "actor1" in ev.inferred:
            ev.actor1 = None
            ev.inferred.remove("actor1")
    if (
        (hit.trigger.voice == "intransitive" or lost is not None)
        and draft.sub_event in TERRITORIAL
        and ev.actor1 is None
    ):
        # "سقطت الطيبة": the side that was taking ground in the narrative gains it
        gainer = next(
            (d.event.actor1 for d in reversed(previous) if d.sub_event in TERRITORIAL and d.event.actor1),
            None,
        )
        if gainer:
            ev.actor1 = gainer
            ev.inferred.append("actor1")


# An indefinite description of a state's weapons or troops ("طائرات حربية روسية", "قوات خاصة أمريكية",
# "طائرات شحن روسية") names no organization but the state's forces act (gold/README.md, "Actors").
_FORCE_HEADS = (
    "طايرات|طايره|طيران|مقاتلات|مروحيات|مسيرات|قوات|قوه|جنود|بوارج|سفن|دوريات|دوريه|مسلحون|مسلحين|مسلحو"
    "|عناصر|مقاتلون|مقاتلين|مسيره|طايره مسيره"
    # positions of a state's forces: "نقطة عسكرية تركية", "قاعدة أمريكية"
    "|نقطه|نقاط|قاعده|قواعد|مقر|مقرات|موقع|مواقع|قافله"
)
# Event nouns a nationality adjective follows ("غارات أمريكية", "قصف روسي"): the adjective is the agent.
_DEED_HEADS = "غارات|غاره|غارتين|ضربات|ضربه|قصف|هجوم|هجمات|رتل|رتلا|ارتال|عدوان|اعتداء|اعتداءات"


@cache
def _national_pattern() -> re.Pattern[str]:
    """Head noun, up to three indefinite words, then a nationality adjective of kb/data/nationalities.yaml."""
    adjectives = "|".join(sorted((a + "(?:ه|ون|ين)?" for a in nationalities()), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w#_])[وفبل]?(?:(?P<head>{_FORCE_HEADS})|(?P<deed>{_DEED_HEADS}))"
        rf"((?: (?!ال)\w+){{0,3}}?) (?P<adj>{adjectives})(?!\w)"
    )


@cache
def _definite_deed_pattern() -> re.Pattern[str]:
    """ "الغارات الأمريكية البريطانية", "القصف الروسي": a definite event noun and a definite nationality
    adjective (the first of two joined ones) name the state's forces."""
    adjectives = "|".join(sorted((a + "(?:ه|ون|ين)?" for a in nationalities()), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w#_])[وفبل]?ال(?P<deed>{_DEED_HEADS})((?: ال\w+){{0,2}}?) ال(?P<adj>{adjectives})(?!\w)"
    )


@cache
def _side_pattern() -> re.Pattern[str]:
    """ "الجانب الروسي", "الطرف التركي", "العدو الأمريكي", "الاحتلال التركي": a state named as a party by
    its definite adjective."""
    adjectives = "|".join(sorted((a + "ه?" for a in nationalities()), key=len, reverse=True))
    heads = "الجانب|الطرف|العدو|الاحتلال|للجانب|للطرف|للعدو|للاحتلال"
    return re.compile(rf"(?<![\w#_])[وفبل]?(?P<head>{heads}) ال(?P<adj>{adjectives})(?!\w)")


def national_forces(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of indefinite national descriptions of forces and of a
    state named as a side ("الجانب الروسي"); after an event noun the mention is the adjective alone, so
    the noun stays a trigger with it as its agent."""
    view = ctx.view
    out: list[Mention] = []
    codes = nationalities()
    text = view.text
    # cheap tests before the patterns: an indefinite adjective ("طيران حربي روسي") for the first, a
    # definite one ("الجانب الروسي", "الغارات الأمريكية") for the others
    indefinite = any(" " + adjective in text for adjective in codes)
    definite = any(" ال" + adjective in text for adjective in codes)
    found_all = [
        *(_national_pattern().finditer(text) if indefinite else ()),
        *(_side_pattern().finditer(text) if definite else ()),
        *(_definite_deed_pattern().finditer(text) if definite else ()),
    ]
    for found in sorted(found_all, key=lambda f: f.start()):
        adjective = found.group("adj")
        code = codes.get(adjective) or codes.get(re.sub("(?:ه|ون|ين)$", "", adjective), "")
        # a country code names the state's forces; an actor id a movement ("مسلحون حوثيون")
        actor = state_actors().get(code) or (code if len(code) > 2 else None)
        if actor is None or actor not in ctx.kb_actors:
            continue
        groups = found.groupdict()
        if groups.get("head"):
            vstart = found.start("head")
        else:  # the adjective alone, with its article when it has one ("الغارات الأمريكية")
            vstart = found.start("adj") - (
                2 if view.text[found.start("adj") - 2 : found.start("adj")] == "ال" else 0
            )
        start = view.to_original(vstart)
        end = view.to_original(found.end())
        add_actor_entity(ctx.doc, ctx.kb_actors, actor)
        out.append(Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True}))
    return out


# "دوريات الجهاز", "سرية من اللواء", "دورية صحراوية تابعة للواء": a unit of a body the text named
# before by a name beginning with that noun ("جهاز الردع…", "اللواء طارق بن زياد"), folded.
_UNIT_OF_BODY = re.compile(
    r"(?<![\w#_])[وف]?(?P<unit>دوريات|دوريه|وحدات|وحده|سريه|سرايا|قوه|قوات|مفرزه|مفارز|عناصر|مقاتلي|مقاتلو"
    r"|كتيبه|مجموعه|فرقه|فرق|اطقم|طاقم|مدفعيه|راجمات|طيران|الاجهزه|اجهزه|الوحدات|القوات|الدوريات)"
    r"(?:(?: \w+)? (?:من|التابعه|تابعه|التابع|تابع))? (?P<prefix>ل?)(?P<head>(?:ال|ل)\w{3,})(?!\w)"
)


def units_of_named_bodies(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of a body's unit called by the first noun of the body's
    name: "تمكنت دوريات الجهاز من القبض" after "جهاز الردع لمكافحة الجريمة المنظمة" is the Rada force."""
    view = ctx.view
    out: list[Mention] = []
    text = view.text
    # a body named before in more than one word, or the signer, whose first noun comes back
    heads = {ctx.folded(m.start, m.end).split()[0].removeprefix("ال") for m in ctx.actors if " " in m.text}
    signer = _signer_head(ctx)
    heads.add(signer)
    recurring = any(h and text.count(h) > 1 for h in heads)
    for found in _UNIT_OF_BODY.finditer(text) if recurring else ():
        head = found.group("head")
        # after ل the article loses its alef ("للهيئة"), and before a ل its lam too ("للواء")
        nouns = [head[2:]] if not found.group("prefix") else [head[1:], head]
        start = view.to_original(found.start("unit"))
        end = view.to_original(found.end("head"))
        if ctx.inside_name(start, end) or not (found.group("prefix") or head.startswith("ال")):
            continue
        actor = next((a for noun in nouns if (a := _head_noun_antecedent(ctx, noun, start))), None)
        if actor is None and ctx.author and signer in nouns:
            actor = ctx.author  # "الأجهزة الأمنية التابعة للوزارة" under "وزارة الداخلية – حكومة الوحدة"
        if actor is None:
            continue
        # the whole phrase, so that a verb before it has it as its subject
        out.append(Mention(start, end, ctx.text[start:end], Label.ORG, actor, attrs={"description": True}))
    for found in _UNIT_OF_ITS.finditer(text) if any(f in text for f in _ITS_FORMS) else ():
        # "يعلن جهاز الردع أن دورياته تمكنت من القبض…": "its" units are the actor just named
        start, end = view.to_original(found.start("unit")), view.to_original(found.end("unit"))
        lo = ctx.unit_at(start)[1].sentence.start
        named = [m for m in ctx.within(ctx.actors, lo, start) if ctx.tokens_between(m.end, start) <= 4]
        if named and not ctx.inside_name(start, end):
            out.append(
                Mention(
                    start, end, ctx.text[start:end], Label.ORG, named[-1].entity, attrs={"description": True}
                )
            )
    return out


# A force's units with "its": "دورياته", "قواتها", "عناصره", "وحداتهم".
_ITS_UNITS = ("دوريات", "وحدات", "قوات", "عناصر", "مقاتلي", "مقاتلو", "سرايا", "مفارز", "قطعات")
_ITS_FORMS = tuple(u + "ه" for u in _ITS_UNITS)  # a cheap test before the pattern
_UNIT_OF_ITS = re.compile(rf"(?<![\w#_])[وف]?(?P<unit>(?:{'|'.join(_ITS_UNITS)})(?:ه|ها|هم))(?!\w)")


# "الميليشيات ذاتها", "القوات نفسها": a force called "the same" as one named before.
_THE_SAME = re.compile(
    r"(?<![\w#_])[وفبل]?(?P<phrase>(?:ال|ل)(?P<noun>\w{3,})"
    r" (?:ذاتها|نفسها|ذاته|نفسه|ذاتهم|نفسهم|انفسهم)"
    # "بعد انسحاب المسلحين منه" after "اشتباكات بين الجيش ومسلحي وحدات مقاومة سنجار": the gunmen named
    r"|ال(?P<gunmen>مسلحين|مسلحون))(?!\w)"
)


def _after_between(words: list[str]) -> bool:
    """Do the words before a mention put it first after "بين" ("بين قسد", "بين مسلحين من X")?"""
    if words[-1:] == ["بين"]:
        return True
    tail = words[-3:] if words[-1:] == ["من"] else words[-2:]
    return len(tail) >= 2 and tail[0] == "بين" and tail[1] in _PARTITIVE


_INTENSIFIERS = frozenset({"مكثف", "عنيف", "كثيف", "متقطع", "مركز", "عشوايي", "واسع", "مباشر"})


def _adjectives(words: list[str]) -> bool:
    """Are the (folded) words, up to four, adjectives of the noun before them ("مدفعي وصاروخي مكثف")?"""
    return 0 < len(words) <= 4 and all(
        w.removeprefix("و").endswith(("ي", "يه")) or w.removeprefix("و") in _INTENSIFIERS for w in words
    )


def _stem(word: str) -> str:
    """A noun without its plural or construct ending: "مسلحي", "مسلحين", "مسلحون" → "مسلح"."""
    return re.sub("(?:ين|ون|ات|و|ي|ه)$", "", word.removeprefix("ال"))


def _signer_head(ctx: DocContext) -> str:
    """The first noun of a signed document's signature or header line, folded without the article
    ("وزاره" for "وزارة الداخلية – حكومة الوحدة الوطنية")."""
    author = ctx.doc.author
    if author is None or author.start is None or author.end is None:
        return ""
    words = ctx.folded(author.start, author.end).split()
    return words[0].removeprefix("ال") if words else ""


def the_same_force(ctx: DocContext) -> list[Mention]:
    """Actor mentions, for the extractor only, of "the same" force: "أطلقتها الميليشيات ذاتها" after
    "هجوم شنته ميليشيات حفتر" is the actor whose name begins with that noun, or follows it, last."""
    view = ctx.view
    out: list[Mention] = []
    text = view.text
    if "ذات" not in text and "نفس" not in text and "المسلح" not in text:
        return out  # a cheap test before the pattern
    for found in _THE_SAME.finditer(text):
        noun = _stem(found.group("noun") or found.group("gunmen"))
        start, end = view.to_original(found.start("phrase")), view.to_original(found.end("phrase"))
        if ctx.inside_name(start, end):
            continue
        for m in reversed(ctx.within(ctx.actors, 0, start)):
            first = _stem(ctx.folded(m.start, m.end).split()[0])
            before = _stem((ctx.words_before(m.start, 1) or [""])[-1].removeprefix("و"))
            if noun in (first, before):
                surface = ctx.text[start:end]
                out.append(Mention(start, end, surface, Label.ORG, m.entity, attrs={"description": True}))
                break
    return out


@cache
def actor_cues() -> dict[str, frozenset[str]]:
    """Folded cue words for actor slots by list name (kb/data/actor_cues.yaml)."""
    from importlib import resources as importlib_resources
    from pathlib import Path

    from marsad.kb.yamlfiles import read_yaml

    def fail(where: str, problem: str, fix: str) -> Exception:
        return ValueError(f"{where}: {problem}. {fix}.")

    path = Path(str(importlib_resources.files("marsad.kb").joinpath("data/actor_cues.yaml")))
    data = read_yaml(path, fail)
    keys = ("civilian_victims", "attributed_means")
    if not isinstance(data, dict) or set(data) != set(keys):
        raise fail(str(path), f"must map exactly {', '.join(keys)} to lists of words", "See docs/events.md")
    out: dict[str, frozenset[str]] = {}
    for key in keys:
        words = data[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise fail(str(path), f"{key} must be a list of words", f"Write {key}: [word, word]")
        out[key] = frozenset(normalize_for_match(w) for w in words)
    return out


@cache
def nationalities() -> dict[str, str]:
    """Folded nationality adjective -> country code (kb/data/nationalities.yaml)."""
    return {normalize_for_match(k): v for k, v in _actor_map("nationalities.yaml").items()}


@cache
def state_actors() -> dict[str, str]:
    """Country code -> the actor a state stands for (kb/data/states.yaml)."""
    return _actor_map("states.yaml")


@cache
def seat_actors() -> dict[str, str]:
    """Place id of a regional seat of government -> the actor it stands for (kb/data/seats.yaml)."""
    return _actor_map("seats.yaml")


def _actor_map(name: str) -> dict[str, str]:
    from importlib import resources as importlib_resources
    from pathlib import Path

    from marsad.kb.yamlfiles import read_yaml

    def fail(where: str, problem: str, fix: str) -> Exception:
        return ValueError(f"{where}: {problem}. {fix}.")

    path = Path(str(importlib_resources.files("marsad.kb").joinpath(f"data/{name}")))
    data = read_yaml(path, fail)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise fail(str(path), "must map keys to actor ids", "Write lines like 'RU: russian-armed-forces'")
    return dict(data)


def _state_subject(
    ctx: DocContext, hit: TriggerHit, lo: int, hi: int, right_after: bool = False
) -> str | None:
    """A country or capital right after the verb (or just before it) as the one acting; with
    ``right_after`` only one directly after the verb."""
    after = [
        m
        for m in ctx.within(ctx.places, hit.end, hi)
        if _words_between(ctx, hit.end, m.start) <= 1 or _envoys_of(ctx, hit.end, m)
    ]
    if right_after:
        after = [
            m for m in after if _words_between(ctx, hit.end, m.start) == 0 and not ctx.attached_prefix(m)
        ]
    before = (
        []
        if right_after
        else [m for m in ctx.within(ctx.places, lo, hit.start) if _words_between(ctx, m.end, hit.start) <= 1]
    )
    for m in after[:1] + before[-1:]:
        actor = _acting_state(ctx, m)
        if actor is not None:
            return actor
    return None


def _state_before(ctx: DocContext, hit: TriggerHit, lo: int, plain_before: list[Mention]) -> str | None:
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
    return _acting_state(ctx, m)


def _acting_state(ctx: DocContext, m: Mention) -> str | None:
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
    _acting_places(ctx).add(m.start)
    return actor


def _acting_places(ctx: DocContext) -> set[int]:
    """Starts of the place names that stood for a state acting in this document ("قالت واشنطن")."""
    found = ctx.cache.setdefault("acting_places", set())
    assert isinstance(found, set)
    return found


def _place_left(hit: TriggerHit, tail: str) -> bool:
    """ "قبل انسحابها منها": what a withdrawal is "from" is the place left, not a party."""
    words = tail.split()[:2]
    return hit.trigger.type == "RETREAT" and any(w.startswith(("من", "عن")) for w in words)


def _sabaqa_subject(ctx: DocContext, hit: TriggerHit, before: list[Mention]) -> Mention | None:
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
_GENERIC_FORCES = (
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
)


def _generic_force_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> bool:
    """A generic force noun as the subject (right after the verb, or just before the trigger) in a
    statement signed by an armed organization."""
    if not ctx.author or not _armed(ctx.doc.entities.get(ctx.author)):
        return False
    after = " ".join(ctx.folded(hit.end, min(hi, hit.end + 40)).split()[:2])
    before = " ".join(ctx.folded(max(lo, hit.start - 40), hit.start).split()[-3:])
    if any(after.startswith(g) for g in _GENERIC_FORCES) and hit.trigger.pos == "verb":
        return True
    return any(g in before for g in _GENERIC_FORCES)


_ENVOYS = frozenset({"مسوولون", "مسوولين", "مسوولو", "وفد", "وفود", "ممثلون", "ممثلين", "ممثلو"})


def _envoys_of(ctx: DocContext, pos: int, place: Mention) -> bool:
    """ "اتفق مسؤولون من أربيل وبغداد": officials or envoys of a capital, right after the verb."""
    words = ctx.folded(pos, place.start).split()
    return len(words) == 2 and words[0] in _ENVOYS and words[1] == "من"


def _first(*groups: list[Mention]) -> Mention | None:
    """The first mention of the first non-empty group."""
    return next((g[0] for g in groups if g), None)


def _victim(entity: Entity | None) -> bool:
    """Civilians, protesters, prisoners: ACLED inter 6 and 7."""
    return entity is not None and entity.attrs.get("inter") in (6, 7)


def _armed(entity: Entity | None) -> bool:
    """State forces, rebels, militias and external forces (ACLED inter 1-4 and 8)."""
    inter = entity.attrs.get("inter") if entity else None
    return inter in (1, 2, 3, 4, 8) and (entity.attrs.get("type") if entity else None) != "other"


# "من قبل X", "على يد X" after a verb: the verb is a passive whose agent is X.
_AGENT_PHRASE = re.compile(r"(?<!\w)(?:من قبل|علي يد|علي ايدي)(?!\w)")


def voice_of(hit: TriggerHit) -> str:
    return "passive" if hit.person == "passive" or hit.trigger.voice == "passive" else hit.trigger.voice


def _voice_in_clause(ctx: DocContext, hit: TriggerHit, hi: int) -> str:
    """The voice of a trigger as the clause reads it: a verb of killing or wounding written with a damma
    ("قُتل", "أُصيب"), followed by a number ("قتل 32 شخصاً"), or whose deed an agent phrase or an
    attack noun after it carries ("قتلوا بهجوم شنه…", "قتل برصاص قناص") is passive."""
    voice = voice_of(hit)
    if voice != "active" or hit.trigger.pos != "verb" or hit.person == "we":
        return voice
    if _written_passive(hit.text):
        return "passive"  # "استُهدفت سيارة", "اعتُقل مئات": a damma marks the passive of a past verb
    if _AGENT_PHRASE.search(" ".join(ctx.folded(hit.end, min(hi, hit.end + 80)).split()[:8])):
        return "passive"  # "خطف ٣ شباب من قبل مسلحين مجهولين": an agent phrase marks the passive
    if _fold(hit.trigger.lemma) not in _HARM_VERBS:
        return voice
    if "\u064f" in hit.text[:3]:
        return "passive"
    tail = ctx.folded(hit.end, min(hi, hit.end + 80)).split()
    if tail and (tail[0].isdigit() or tail[0] in _NUMBER_WORDS):
        return "passive"
    if any(w in _PASSIVE_CAUSES or (w[:1] == "ب" and w[1:] in _PASSIVE_CAUSES) for w in tail[:5]):
        return "passive"
    return voice


def _written_passive(word: str) -> bool:
    """A past verb written with a damma in its stem ("قُتل", "استُهدفت", "اعتُقل"); a damma on the
    prefix of a present verb ("يُطلق", "تُقاتل") is the active of a derived form, not a passive."""
    letters = word.split()[0] if word.split() else word
    at = letters.find("\u064f")
    if at < 0 or at > 4:
        return False
    return not (at == 1 and letters[0] in "يتنا")


def _anaphoric_agent(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """The agent of an event noun that names none: a definite noun ("القصف طال أيضاً…") or one with a
    possessive pronoun ("وأحكمت سيطرتها") tells again, or continues, the latest event of its kind within
    two sentences; a noun in the same sentence as an earlier event ("دخلت أرتال الهيئة عفرين بعد
    اشتباكات مع…") has that event's agent."""
    hit = draft.hit
    word = _fold(hit.text)
    definite = "ال" in hit.prefix
    possessive = word.endswith(("ها", "هم", "ه")) and not any(_fold(f) == word for f in hit.trigger.forms)
    for d in reversed(previous[-6:]):
        if draft.sentence - d.sentence > 2:
            break
        if not d.event.actor1 or d.event.type in VERBAL_TYPES:
            continue
        if d.sentence == draft.sentence and draft.event.type not in VERBAL_TYPES:
            return d.event.actor1
        if (definite or possessive) and d.event.type == draft.event.type:
            return d.event.actor1
    if possessive and hit.trigger.type not in VERBAL_TYPES:
        # "واصلت وحدات الجيش عملياتها … وأحكمت سيطرتها": "its" is the actor the text is about
        return salient(ctx, previous, hit.start, {None})
    return None


def _we_say(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the trigger's sentence open with a first-person verb of saying ("ونؤكد أن", "نعلن أن")?"""
    _, unit = ctx.unit_at(hit.start)
    words = ctx.folded(unit.sentence.start, hit.start).split()[:1]
    if not words:
        return False
    word = words[0][1:] if words[0][:1] in ("و", "ف") and len(words[0]) > 3 else words[0]
    return word in default_event_cues().reporting and (word.startswith("ن") or word.endswith("نا"))


def _other_side(ctx: DocContext, first: Mention, hit: TriggerHit) -> list[Mention]:
    """The second side after "بين X": joined by و, also through a head noun ("وفصائل الجيش الوطني") or
    past "من جهة،" ("بين قسد من جهة، وفصائل الجيش الوطني من جهة أخرى")."""
    _, unit = ctx.unit_at(hit.start)
    out: list[Mention] = []
    for m in ctx.within(ctx.actors, first.end, unit.sentence.end):
        if m.entity == first.entity or _words_between(ctx, first.end, m.start) > 12:
            continue
        word = (ctx.words_before(m.start, 1) or [""])[-1]
        joined = ctx.attached_prefix(m).startswith("و") or (
            word.startswith("و") and _strip_and(word) in _PARTITIVE | _CONSTRUCT_HEADS
        )
        if joined:
            out.append(m)
        break
    return out


def _opens_clause(ctx: DocContext, m: Mention) -> bool:
    """An actor joined by و and followed at once by a verb trigger: the subject of a new clause."""
    if not ctx.attached_prefix(m).startswith("و"):
        return False
    return any(
        t.trigger.pos != "noun"
        and not ctx.text[m.end : t.start].strip()
        and "\n" not in ctx.text[m.end : t.start]
        for t in ctx.triggers_within(m.end + 1, m.end + 3)
    )


def _definite_subject(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """The definite noun right after a verb when it starts no name, time or place ("وتطالب الشبكة",
    "تدعو المنظمة"), folded without the article."""
    start = hit.end
    while start < hi and ctx.text[start].isspace():
        start += 1
    ahead = ctx.folded(start, min(hi, start + 40))
    if _SPEAKING_FOR.match(ahead):
        return None  # "نفاه الناطق باسم الجيش الوطني": a spokesman, read by _person_subject
    following = ahead.split()[:2]
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
    end = start + len(ctx.text[start:hi].split()[0]) if ctx.text[start:hi].split() else start
    if ctx.inside_name(start, end) or ctx.within(ctx.times, start, end) or ctx.within(ctx.actors, start, end):
        return None
    return following[0][2:]


# Heads of a construct a body uses for itself: "غرفة العمليات", "قيادة العملية", "وزارة الدفاع".
_CONSTRUCT_SELVES = frozenset({"غرفه", "قياده", "وزاره", "اداره", "مكتب", "مركز", "هيئه", "مجلس"})


def _unknown_body_before(ctx: DocContext, hit: TriggerHit) -> bool:
    """ "غير أن وزارة العدل نفت": a body the knowledge base does not hold, named right before the verb,
    is its subject; no actor named earlier is."""
    words = ctx.words_before(hit.start - len(hit.prefix), 2)
    return (
        len(words) == 2
        and (words[0] in _CONSTRUCT_SELVES or words[0].removeprefix("و") in _CONSTRUCT_SELVES)
        and words[1].startswith("ال")
        and not ctx.within(ctx.actors, _word_start_before(ctx, hit.start - len(hit.prefix), 2), hit.start)
    )


def _head_noun_antecedent(ctx: DocContext, head: str, pos: int) -> str | None:
    """The actor named earlier whose name begins with the noun: "الشبكة" after "الشبكة السورية لحقوق
    الإنسان", "الهيئة" after "هيئة تحرير الشام"."""
    earlier = ctx.within(ctx.actors, 0, pos)
    for m in reversed(earlier):
        if " " not in m.text.strip():
            continue
        first = ctx.folded(m.start, m.end).split()[:1]
        if first and first[0].removeprefix("ال") == head:
            return m.entity
    for m in reversed(earlier[-12:]):
        # "المركز الإعلامي لـقسد" … "وحمّل المركز": the body a noun headed before an actor's name
        lead = ctx.words_before(m.start, 4)
        if any(w.removeprefix("ال") == head for w in lead[-3:]):
            return m.entity
    kinds = _GENERIC_HEAD_KINDS.get(head)
    if kinds:
        # "ونفى الفصيل": the armed group of that kind named last
        for m in reversed(earlier):
            entity = ctx.doc.entities.get(m.entity or "")
            if entity is not None and entity.attrs.get("type") in kinds:
                return m.entity
    return None


# Generic nouns for an armed group named before, by the kinds of actor they stand for.
_GENERIC_HEAD_KINDS = {"فصيل": frozenset({"rebel-group", "political-militia", "identity-militia"})}


def _next_to_event_noun(ctx: DocContext, hit: TriggerHit) -> bool:
    """A verb right after or right before another event's noun (a weapon, an attack) has it as its
    subject: "بانفجار عبوة ناسفة استهدفت سيارتهم", "استهدفت طائرة مسيرة مجهولة مقراً…"."""
    for t in ctx.triggers:
        if t.start != hit.start and (
            0 <= t.start - hit.end <= 2 or 0 <= hit.start - len(hit.prefix) - t.end <= 2
        ):
            return t.trigger.pos == "noun"
    return False


def _named_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> bool:
    """Is the verb's subject a noun phrase outside the knowledge base ("غادرت أرتال موالية…",
    "ناشطون يطالبون", "وكان الزعبي قد انضم")?"""
    following = ctx.folded(hit.end, min(hi, hit.end + 30)).split()[:1]
    if following and (
        following[0] in _PARTITIVE or following[0] in _CONSTRUCT_HEADS or following[0] in _INSTITUTIONS
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
_INSTITUTIONS = frozenset(
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


def _person_object(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """A person of the knowledge base right after a verbal event's verb: its addressee or accused."""
    if hit.trigger.type not in VERBAL_TYPES:
        return None
    for m in ctx.within(ctx.persons, hit.end, hi)[:1]:
        if m.entity and m.entity in ctx.doc.entities and _words_between(ctx, hit.end, m.start) <= 1:
            return m.entity
    return None


def _person_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> str | None:
    """The subject of a verb that is a knowledge-base person named right before it (or right after it,
    also behind his role): the person for what he says, asks or refuses, else his organization."""
    verb_start = hit.start - len(hit.prefix)
    before = [
        m for m in ctx.within(ctx.persons, lo, verb_start) if _words_between(ctx, m.end, verb_start) <= 1
    ]
    after = [m for m in ctx.within(ctx.persons, hit.end, hi) if _words_between(ctx, hit.end, m.start) == 0]
    if after and any(
        _words_between(ctx, m.end, verb_start) <= 1 for m in ctx.within(ctx.actors, lo, verb_start)
    ):
        after = []  # "قوات الوفاق تتهم حفتر…": the verb has its subject before it, the person is its object
    ahead = ctx.folded(hit.end, hit.end + 40)
    if not after and ahead.split()[:1] and ahead.split()[0] in _ROLE_HEADS:
        # "نفى الناطق باسم الجماعة محمد عبد السلام", "طالب رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة":
        # the person after his role
        after = [
            m for m in ctx.within(ctx.persons, hit.end, hi) if _words_between(ctx, hit.end, m.start) <= 7
        ][:1]
    if not after and hit.trigger.type in VERBAL_TYPES and _SPEAKING_FOR.match(ahead):
        spoken_for = [
            m for m in ctx.within(ctx.actors, hit.end, hi) if _words_between(ctx, hit.end, m.start) <= 3
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


_SPEAKING_FOR = re.compile(r"\s*(?:ال)?(?:ناطق|متحدث)(?: \S+)? باسم ")
# Roles before a person's name: "الناطق باسم…", "رئيس حكومة…", "زعيم التيار…", "قائد…".
_ROLE_HEADS = frozenset(
    {"الناطق", "المتحدث", "رييس", "زعيم", "قايد", "القايد", "وزير", "الوزير", "الرييس", "المبعوث", "مسوول"}
    | {"مدير", "المدير", "امين", "الامين", "قيادي", "القيادي"}
)


def _organization_of(ctx: DocContext, person: Mention) -> str | None:
    """The knowledge-base organization of a PERSON mention, if any."""
    entity = ctx.doc.entities.get(person.entity or "")
    value = entity.attrs.get("organization") if entity is not None else None
    return value if isinstance(value, str) else None


def _shares_subject(ctx: DocContext, draft: Draft, previous: list[Draft]) -> bool:
    """A verb joined by و to the verb just before it in the same sentence has that verb's subject, also
    when the text does not name it ("وكان الزعبي قد انضم … ورفض الانضمام")."""
    if not previous:
        return False
    p = previous[-1]
    if p.sentence != draft.sentence or p.hit.trigger.pos != "verb" or p.event.actor1 is not None:
        return False
    return draft.hit.prefix.startswith("و") and draft.hit.start - p.hit.end < 120


# Words after which a deed's noun names a place, a period or a habit: "مكان احتجازه", "خلال سيطرة X على
# المدينة" (a period, not a takeover), "ويتكرر خطف…".
_NOT_THE_DEED = frozenset({"مكان", "اماكن", "يتكرر", "تتكرر", "تكرر", "تكررت"})
_IN_THE_TIME_OF = frozenset({"اثناء", "خلال", "ابان", "ايام", "فتره", "زمن"})
_ARRESTING = re.compile(r"(?<!\w)\w{0,3}(?:قبض|اعتقل|اعتقال|توقيف|اوقف|احتجز|احتجاز)\w*")
# The documenting team as the subject: "تواصل معهم فريقنا", "قابلهم باحثو المنظمة".
_OUR_TEAM = re.compile(r"^\s*\S*\s*(?:فريقنا|فريق المنظمه|فريق الرصد|باحثونا|باحثو|الباحثون|الفريق)")
# Verbs of ending: "توقفت المواجهات", "هدأت الاشتباكات".
_HALTING = frozenset({"توقفت", "توقف", "هدات", "هدا", "انتهت", "انتهي"})

# "الطرفان", "بين الطرفين": the two sides of a fight told before.
_BOTH_SIDES = re.compile(r"(?<!\w)(?:ال|بين ال|[وف]ال)طرف(?:ان|ين)(?!\w)")

# Threat verbs whose subject is the one threatened: "سيدفع ثمن", "ستواجه", "سيقابل".
_SUFFER_THREAT = ("يدفع", "تدفع", "يواجه", "تواجه", "يقابل", "تقابل", "يكون هدفا", "تكون هدفا", "تكون اهدافا")

# "المسؤولية (الكاملة) عن" right before a deed's noun: the deed blamed on someone.
_BLAMED_FOR = re.compile(r"مسووليه(?: \w+)? عن (?:ال)?$")
# A relative clause that makes the deed the accused's own: "التي ارتكبتها طائراتها", "الذي نفذته قواته".
_OWNED_DEED = re.compile(r"(?:التي|الذي) (?:ارتكب|نفذ|شن)\w* \w+(?:ها|ه)(?!\w)")


# Participles that describe the subject of the clause before them: "متهمةً", "مطالبين", "محذراً".
_CIRCUMSTANTIAL = frozenset(
    {"متهمه", "متهما", "متهمين", "مطالبه", "مطالبا", "مطالبين", "محذره", "محذرا", "محذرين"}
    | {"محمله", "محملا", "محملين", "مهدده", "مهددا", "مهددين", "رافضه", "رافضا", "رافضين"}
    | {"نافيا", "نافيه", "نافين", "داعيا", "داعين", "متوعدا", "متوعده", "ملوحا", "ملوحه"}
)


def _is_circumstantial(hit: TriggerHit) -> bool:
    """Is the trigger a circumstantial participle ("متهمةً", "نافياً") written without a proclitic?"""
    return not hit.prefix and _fold(hit.text).split()[0] in _CIRCUMSTANTIAL


def _reporting_speaker(ctx: DocContext, hit: TriggerHit) -> str | None:
    """For a circumstantial participle ("…، نافياً", "…، داعياً") after a reporting verb in its sentence
    ("في المقابل، قال المركز الإعلامي لقسد إن…، نافياً"): the reporter, a known person (also behind his
    role) before the body he speaks for."""
    if not _is_circumstantial(hit):
        return None
    if not set(ctx.text[max(0, hit.start - 3) : hit.start]) & {"،", ","}:
        return None
    _, unit = ctx.unit_at(hit.start)
    reporting = default_event_cues().reporting
    said = None
    for w in _WORD.finditer(
        ctx.view.text, ctx.view.to_view(unit.sentence.start), ctx.view.to_view(hit.start)
    ):
        if w.group().removeprefix("و").removeprefix("ف") in reporting:
            said = ctx.view.to_original(w.end())
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


def _circumstantial(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
    """The event of the clause a circumstantial participle follows, in its sentence ("نفت الجماعة …،
    متهمةً …"), when that event has a subject."""
    hit = draft.hit
    if not _is_circumstantial(hit) or not previous:
        return None
    p = next((d for d in reversed(previous) if d.hit.trigger.pos == "verb"), None)
    if p is None or p.sentence != draft.sentence or p.event.actor1 is None:
        return None
    return p if "،" in ctx.text[p.hit.end : hit.start] or "," in ctx.text[p.hit.end : hit.start] else None


def _speaker_pronoun(ctx: DocContext, hit: TriggerHit) -> str | None:
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


def _joined_noun(
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


def _counted_group(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """The collective actor of people counted right after the trigger ("عن 23 محتجزاً", "14 متظاهراً",
    "ثلاثة مدنيين"), when the knowledge base holds it."""
    window = ctx.text[hit.end : min(hi, hit.end + 70)]
    if not any(stem in window for stem in _COUNTED_GROUPS):
        return None
    words = ctx.folded(hit.end, min(hi, hit.end + 70)).split()[:9]
    for number, noun in pairwise(words):
        if not (number.isdigit() or _is_number(number)):
            continue
        noun = noun.rstrip('.،,:;!?؟)»"')
        stem = noun[:-1] if noun.endswith("ا") else noun[:-2] if noun.endswith(("ين", "ون")) else noun
        group = _COUNTED_GROUPS.get(stem)
        if group is not None:
            return group if group in ctx.kb_actors else None
    return None


# People counted after an arrest, a release or an attack, by folded stem: "23 محتجزاً", "14 متظاهراً".
_COUNTED_GROUPS = {
    "محتجز": "prisoners",
    "معتقل": "prisoners",
    "موقوف": "prisoners",
    "سجين": "prisoners",
    "متظاهر": "protesters",
    "محتج": "protesters",
    "مدني": "civilians",
}


def _said_again(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
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
        if p.hit.trigger.pos == "verb" and p.hit.trigger.lemma == hit.trigger.lemma:
            return p
    return None


# Two-sided fighting: its casualties, civilians too, are no side (ACLED codes the clash, not an Attack).
_TWO_SIDED = frozenset({"clash", "clash-noun", "battle", "fighting", "fight"})


def _civilian_victims(ctx: DocContext, lo: int, hi: int) -> bool:
    """Does the sentence name people civilian by what they are (طفل، امرأة، نساء، أطفال)?"""
    words = actor_cues()["civilian_victims"]
    for w in ctx.folded(lo, hi).split():
        w = w.removeprefix("و").removeprefix("ب").removeprefix("ل")
        if w in words or w.removeprefix("ال") in words:
            return True
    return False


# Verbs of claiming an attack: the actor after them (past a head such as تنظيم) carried it out.
_CLAIMS = frozenset({"تبناه", "تبنته", "تبنتها", "تبناها", "تبنوه", "تبني", "تبنت", "تبنوا"})


def _claimed_by(ctx: DocContext, m: Mention) -> bool:
    """Is the actor named as the one who claimed the attack ("تبنّاه تنظيم داعش") or as the owner of the
    shooter or weapon ("قناص تابع لـ X", "الطائرة تابعة للقيادة العامة")?"""
    words = ctx.words_before(m.start, 5)
    if words and m.start > 0 and ctx.text[m.start - 1].isalpha():
        words.pop()  # the proclitic written on the name ("لـالقيادة", "للقيادة")
    elif words and words[-1] in ("ل", "لل"):
        words.pop()
    while words and words[-1] in _CONSTRUCT_HEADS and words[-1] not in _LAM_HEADS:
        words.pop()
    if words and words[-1] in _CLAIMS:
        return True
    means = actor_cues()["attributed_means"]
    return (
        len(words) >= 2
        and words[-1] in _LAM_HEADS
        and words[-2].removeprefix("ال").removeprefix("ب") in means
    )


_RESULTED = frozenset({"اسفرت", "اسفر", "اسفرتا", "ادت", "ادي", "افضت"})


def _result_agent(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
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
        if ctx.author and w.endswith("نا") and (stem in _OUR_FORCES or stem.removeprefix("و") in _OUR_FORCES):
            return ctx.author
    same = [p for p in previous if p.sentence == draft.sentence and p.event.type not in VERBAL_TYPES]
    return same[-1].event.actor1 if same else None


_DURING = frozenset({"خلالها", "خلاله", "اثناءها", "اثناءه", "فيها", "بعدها"})


def _right_after(ctx: DocContext, hit: TriggerHit, m: Mention) -> bool:
    """Does the mention follow the trigger with no word between?"""
    return m.start >= hit.end and _words_between(ctx, hit.end, m.start) == 0


def _svo_subject(ctx: DocContext, hit: TriggerHit, plain_before: list[Mention]) -> Mention | None:
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
    return all(w in _SVO_GAP for w in ctx.folded(lo, hi).split())


# Forces described by whom they are loyal to ("القوات الموالية لـ…", "فصائل تابعة لـ…").
_LOYAL_FORCES = frozenset(
    {"القوات", "قوات", "الفصائل", "فصائل", "الميليشيات", "ميليشيات", "المجموعات", "قوه", "القوه", "عصابات"}
    # "هاجمت خلية تابعة لتنظيم داعش", "دورية تابعة لقسد"
    | {"خليه", "خلايا", "دوريه", "دوريات", "مجموعه", "مجموعات", "كتيبه", "سريه", "وحده", "وحدات", "رتل"}
)

# "بعد نحو ساعة من", "عقب": what follows is over by the time of the event.
_AFTER_IT = re.compile(r"(?:بعد|عقب)(?: \w+){0,3} من (?:ال)?$")

# Projectiles as the subject of a verb of arriving or falling; the same after ل, what was intercepted.
_PROJECTILES = frozenset(
    {"رصاص", "الرصاص", "صاروخ", "الصاروخ", "قذيفه", "القذيفه", "قذائف", "القذائف", "شظايا"}
    # the wounded taken away: "و٣ جرحى بالرصاص الحي وصلوا للمفرزة الطبية"
    | {"جرحي", "الجرحي", "مصابين", "المصابين", "الحي"}
)
_AT_PROJECTILES = frozenset({"للصواريخ", "للصاروخ", "للقذائف", "للطايرات", "للطايره", "للمسيرات", "للمسيره"})
# The rest of a force, or its attackers, as the subject of a withdrawal told after the fight.
_REMAINING = frozenset({"الباقون", "الباقين", "البقيه", "المهاجمون", "المهاجمين", "المسلحون"})

# Words of weapons prepared for a use: "عبوات معدّة للتفجير".
_PREPARED = frozenset({"معده", "المعده", "مجهزه", "المجهزه", "مخصصه", "جاهزه"})

# Words of allowing or denying visits to a detainee.
_ALLOWING = frozenset(
    {"السماح", "تمكين", "حرم", "حرمان", "منع", "يسمح", "تسمح", "حرمانه", "بالسماح", "بتمكين"}
)

# Blockers that hold whatever proclitic the noun after them carries: "الخاضع لسيطرة القيادة", "تحسباً
# لضربات جديدة", "يقضي بوقف القتال".
_BLOCKS_AFTER_ANY_PROCLITIC = frozenset(
    {
        "الخاضع",
        "الخاضعه",
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
_WRITINGS = frozenset(
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

_WORD = re.compile(r"\S+")

# Words that cannot be part of a subject standing inside a verb phrase: prepositions and particles.
_NOT_SUBJECT = frozenset(
    {
        "في",
        "علي",
        "الي",
        "من",
        "عن",
        "مع",
        "ب",
        "ل",
        "ان",
        "انه",
        "انها",
        "التي",
        "الذي",
        "الذين",
        "ما",
        "لا",
        "لم",
        "قد",
        "بعد",
        "قبل",
        "عند",
        "حتي",
        "ثم",
        "او",
        "بين",
        "نحو",
        "باتجاه",
        "ضد",
        "منذ",
        "خلال",
    }
)

# Nouns of doing between a denial and the deed's noun: "نفت استخدام الرصاص الحي".
_DENIED_DOING = frozenset({"استخدام", "اطلاق", "وقوع", "حدوث", "تنفيذ", "ارتكاب"})
# Words that describe what was told before: "واصفاً الاتهامات", "واعتبرت الاتهام".
_DESCRIBING = frozenset(
    {"واصفا", "واصفه", "واصفين", "معتبرا", "معتبره", "اعتبرت", "اعتبر", "واعتبرت", "واعتبر"}
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
        and any(w.startswith(_REACHING) for w in ctx.folded(hit.end, hit.end + 40).split()[:3])
    ):
        return True  # "بموجب العفو العام": what a deed was done under; "بموجب اتفاق أبرمته…" is told
    return hit.trigger.type == "ASSAULT" and noun and word in _HALTING and definite  # "وتوقفت المواجهات"


_STILL = frozenset({"يزال", "تزال", "زال", "زالت", "يزالون"})
_CIRCUMSTANCES = frozenset({"وسط", "عدم", "باستخدام"})


# Beginnings a deed's noun is dated from: "منذ سريان الهدنة", "على بدء هجوم".
_BEGINNINGS = frozenset({"سريان", "بدء", "بدايه"})
# What is put at risk, not threatened: "يهدد فرص", "تهدد حياة".
_AT_RISK = frozenset({"فرص", "حياه", "استقرار", "مستقبل", "سلامه", "امن", "بانهيار"})
# "تشهد المدينة منذ سنوات", "كل صيف": a place that sees something over a long time.
_SCENE = re.compile(r"(?<!\w)[وف]?(?:تشهد|يشهد|شهدت|شهد)(?!\w)")
_LONG_TIME = re.compile(
    r"(?<!\w)(?:منذ (?:سنوات|اشهر|اعوام|عقود|\S+ \d{4})|كل (?:صيف|عام|سنه|شتاء|اسبوع))(?!\w)"
)


def _ongoing_scene(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the trigger what a place "sees" over a long time ("تشهد مدن الجنوب كل صيف احتجاجات")?"""
    seen = ctx.cache.get("scene")
    if seen is None:
        text = ctx.view.text
        seen = ctx.cache["scene"] = "شهد" in text and _SCENE.search(text) is not None  # once per document
    if not seen:
        return False
    lo = max(ctx.unit_at(hit.start)[1].sentence.start, hit.start - 80)
    before = ctx.folded(lo, hit.start)
    scene = list(_SCENE.finditer(before))
    return bool(scene) and _LONG_TIME.search(before, scene[-1].end()) is not None


# Verbs of denying whose object noun is the deed denied, no happening.
_DENYING = frozenset({"نفي", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "انكر", "انكرت", "انكروا", "ننفي"})
# Every word _cue_before_names_no_deed looks for: a cheap test before it runs.
_BEFORE_CUES = (
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
_CARRYING_OUT = frozenset({"تنفيذ"})
# Words after which a verb's written form can only be its verbal noun: "لوقف تقدم قواتنا", "تنفيذ انسحاب".
_NOUN_MAKERS = frozenset({"وقف", "ايقاف", "تنفيذ", "جهود", "هذا", "هذه", "ذلك", "تلك"})

# Words of a condition in a threat's sentence: "أي اعتداء", "إذا لم", "في حال".
_CONDITIONS = frozenset({"اي", "اذا", "لو", "حال", "حاله", "طالما"})

# Words that make a warning a threat of violence (folded).
_THREAT = re.compile(
    r"(?<!\w)(?:هدفا مشروعا|اهدافا مشروعه|هدف مشروع|سيقابل|سنرد|سترد|سيرد|رد حازم|ردا حازما"
    r"|سندفع|سيدفع|ستدفع|ستقابل|يقابل|سيواجه|ستواجه|سنواجه|سيلاحق|ستلاحق|سنلاحق|سيتخذ|ستتخذ|سنتخذ"
    r"|سيضرب|ستضرب|سنضرب|سيتعامل|ستتعامل|سنتعامل|سيتم التعامل)(?!\w)"
)

# People whose leaving is displacement, not a withdrawal of forces.
_CIVILIAN_MOVERS = frozenset(
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

# Words of custody in a torture's sentence: its victim is a prisoner.
_HOLDING_WORDS = frozenset(
    {
        "سجن",
        "سجون",
        "السجن",
        "معتقل",
        "المعتقل",
        "احتجاز",
        "الاحتجاز",
        "احتجازه",
        "اعتقاله",
        "اعتقالهم",
        "زنزانه",
    }
)

# Places of detention before their owner's name: "في أحد سجون الهيئة".
_HOLDING_PLACES = frozenset({"سجن", "سجون", "معتقل", "معتقلات", "زنازين", "اقبيه", "فرع"})

# Hedges on a perpetrator (no modality, gold/README.md): "يُعتقد أنهم من خلايا التنظيم".
_HEDGES = frozenset({"يعتقد", "يرجح", "يشتبه", "يظن"})


def _hedged_subject(ctx: DocContext, hit: TriggerHit, m: Mention) -> bool:
    """ "هاجم مسلحون يعتقد أنهم من تنظيم الدولة": the verb's subject, said to belong to the actor."""
    if m.start <= hit.end:
        return False
    words = ctx.folded(hit.end, m.start).split()
    return 2 <= len(words) <= 5 and words[0] in _PARTITIVE and words[1] in _HEDGES


# Aircraft words: "سقوط طائرة" is a crash or a shooting down, not a place falling.
_AIRCRAFT = frozenset({"طايره", "طايرات", "مسيره", "مسيرات", "مروحيه", "مقاتله", "طايرتين", "الطايره"})

# Verbs of aiming before "إلى": what follows is a purpose.
_AIMING = frozenset(
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

# Units of a force named with ل before their verb: "دورية للهيئة اعتقلت".
_FORCE_NOUNS = frozenset(
    {"دوريه", "دوريات", "عناصر", "عنصر", "مجموعه", "مجموعات", "قوه", "رتل", "ارتال", "مسلحين"}
)

# Heads of a construct that name men of a force, who may act ("عناصر من الهيئة") or be acted on.
_PEOPLE_HEADS = frozenset({"عناصر", "عنصر", "من"})

# Words between an SVO subject and its verb: "قوات النظام قد قصفت".
_SVO_GAP = frozenset({"قد", "لقد", "بدورها", "بدورهم", "عم", "عم بيقصف", "اذ"})


def _pronoun_subject(hit: TriggerHit) -> bool:
    """A verb that carries a plural subject ("هاجموا", "يستهدفون", "استهدفوهم"): an actor after it is
    its object, not its subject."""
    if hit.trigger.pos != "verb" or hit.person == "we" or "ال" in hit.prefix:
        return False
    word = _fold(hit.text).split()[0]
    if _fold(hit.trigger.lemma).split()[0].endswith(("و", "ون", "وا")):
        return False
    return word.endswith(("وا", "ون", "وه", "وها", "وهم", "وهما"))


def _gap_words(ctx: DocContext, start: int, end: int) -> list[str]:
    """The folded words between two offsets, leaving out actor names."""
    gap: list[str] = []
    pos = start
    for m in ctx.within(ctx.actors, start, end):
        gap += ctx.folded(pos, m.start).split()
        pos = m.end
    return gap + ctx.folded(pos, end).split()


def _denied_object(ctx: DocContext, denial: TriggerHit, hit: TriggerHit) -> bool:
    """What a denial denies, right after it ("ونفت جماعة الحوثي استهداف المدنيين"): no happening of its
    own. A claim the denial reports ("ننفي ما نشرته وسائل الإعلام عن انسحاب…") is one."""
    if denial.trigger.id != "deny" and not (denial.trigger.type == "ACCUSE" and "ال" in hit.prefix):
        return False  # "ودانت بغداد الضربة الأمريكية": what is condemned was told before
    if hit.trigger.pos != "noun" or hit.trigger.type in VERBAL_TYPES:
        return False
    gap = _gap_words(ctx, denial.end, hit.start - len(hit.prefix))
    if any(c in ctx.text[denial.end : hit.start] for c in ".،,:\n"):
        return False
    # "نفت أي صلة لعناصرها بالهجمات", "ننفي أي علاقة لنا بالغارة": the deed a link to is denied
    linked = "ب" in hit.prefix and bool({w.lstrip("و") for w in gap} & _LINKS)
    return len(gap) <= 1 or (linked and len(gap) <= 5)


# What a denial says a party has no part in: "أي صلة", "أي علاقة", "أي دور".
_LINKS = frozenset({"صله", "علاقه", "دور", "مسووليه"})

# Words of a death right before the wounded are counted.
_DEATH_WORDS = frozenset({"استشهاد", "مقتل", "مصرع", "وفاه", "قتل"})

# Verbs that tell the outcome of a fight ("أوقعوا في صفوفها سبعة قتلى", "كبّدوهم خسائر").
_OUTCOME_VERBS = ("اوقع", "يوقع", "توقع", "كبد", "يكبد", "خلف", "اسفر", "ادي")


def _outcome(ctx: DocContext, previous: TriggerHit, hit: TriggerHit) -> bool:
    """The outcome of the event just told, in its sentence: its dead ("وأوقعوا في صفوفها سبعة قتلى"), the
    wounded after the killed ("قُتل متظاهران وأصيب 18"), fighters taken prisoner ("وأسروا عنصرين"), and
    the attackers forced back ("وأجبرتهم على التراجع"). Counts and evidence stay with that event."""
    lead = [w.lstrip("و") for w in ctx.words_before(hit.start - len(hit.prefix), 5)]
    lemma = _fold(hit.trigger.lemma)
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
        and _fold(previous.trigger.lemma) in _HARM_VERBS
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
_BACK_WORDS = frozenset({"قبل", "بعد", "وقت", "اثناء", "خلال", "عقب", "اثر", "اعقاب"})


# Verbs of owning up to a deed ("لم تعترف أي جهة باحتجازه", "أقرت بالغارة"): the deed is told elsewhere.
_ACKNOWLEDGING = ("تعترف", "يعترف", "اعترف", "الاعتراف", "تقر", "يقر", "اقر")

# Words that give a deed's reason or occasion: a refusal after them is why something was done.
_CAUSE_WORDS = frozenset({"اثر", "بعد", "بسبب", "عقب", "جراء", "خلفيه", "لمجرد", "نتيجه"})

# "لم … إلا بعد": an exception after a negation asserts the event ("not until").
_EXCEPT = re.compile(r"(?<!\w)الا (?:بعد|عقب|اثر|في|مقابل)(?!\w)")

# Adjectives of a state of affairs after an event noun: "القصف المتواصل", "هجمات متكررة", "هجمات متفرقة"
# ("اشتباكات مستمرة منذ أسبوعين" is one fight going on).
_ONGOING = frozenset(
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
_CEASING = frozenset({"الكف", "كف", "التوقف", "توقف", "الامتناع", "امتناع"})
# "… لن يمر دون رد": the deeds a threat answers, told before it.
_UNANSWERED = re.compile(r"^(?:\w+ ){0,4}(?:لن|لا) (?:يمر|تمر|يمرا)(?!\w)")

# Words before an agreement's noun that tell its making: "التوصل إلى اتفاق", "توقيع اتفاق".
_REACHING = ("التوصل", "توصل", "توقيع", "وقع", "ابرام", "ابرم", "اعلان", "اعلن", "عقد")
# Words after an agreement's noun that speak of it in force, not of its making.
_IN_FORCE = frozenset(
    {"ينص", "تنص", "يقضي", "تقضي", "ساريا", "الساري", "ساري", "المعمول", "الساريه", "ساريه"}
)

# Air defences as the subject of a verb of repelling: an interception.
_AIR_DEFENCE = re.compile(
    r"^\s*(?:\w+ ){0,2}(?:وسايط الدفاع الجوي|الدفاعات الجويه|دفاعاتنا الجويه|منظومات الدفاع الجوي"
    r"|الدفاع الجوي)"
)
# Openings of a line or sentence that recall what is known, not news: "للتذكير:", "للعلم:", "ويُذكر أن".
_BACKGROUND = (
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
_AIMING = frozenset({"تسعي", "يسعي", "يسعون", "تهدف", "يهدف", "تطمح", "يطمح", "متورطون", "متورطين", "متورط"})
# Nouns of calling to account before "من": "محاسبة من أطلقوا النار".
_CALLING_TO_ACCOUNT = frozenset({"محاسبه", "معاقبه", "ملاحقه", "مساءله", "مسايله"})

# Verbs of plotting before a purpose: "كانا يخططان لاستهداف".
_PLOTTING = ("يخطط", "تخطط", "خطط", "مخطط", "يعد", "يعدون", "يتحضر", "يستعد", "تستعد", "يستعدون")
# Breaches of an agreement in force: "خرق جديد للهدنة", "187 خرقاً للهدنة", "انتهاك اتفاق".
_BREACH = ("خرق", "انتهاك", "خروقات", "انتهاكات")
# Words that describe an agreement's making after its noun: "الموقع بين", "الذي توصلت إليه".
_SIGNED = frozenset({"الموقع", "الذي", "التي", "المبرم", "المعلن", "الموقعه", "المبرمه", "المعلنه"})

# Nouns between أي and an event noun: "أي محاولة للهجوم", "أي عملية اقتحام".
_ANY_OF = frozenset({"محاوله", "عمليه", "تصعيد", "نيه", "خطه", "حدا", "احد", "شخص", "جهه", "طرف"})

# Verbs that set a definite event noun beside another happening: it is told elsewhere.
_ACCOMPANYING = ("تزامنت", "تزامن", "رافقت", "رافق", "صاحبت", "صاحب", "تخللت", "تخلل")

# Where fire is launched from: "مصادر إطلاق القذائف", "منصات إطلاق الصواريخ" name no attack.
_LAUNCHERS = frozenset({"مصادر", "مصدر", "منصات", "منصه", "منصتي", "مرابض", "قواعد", "مواقع"})

# Verbs of commenting on (with على) or claiming an event already told.
_COMMENT_VERBS = ("تعلق", "يعلق", "تعليق", "تعقيب", "يعقب", "تعقب")
_CLAIM_VERBS = ("تتبن", "يتبن", "تبنت", "تبني", "تبن")


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
    gap = _gap_words(ctx, attack.end, hit.start - len(hit.prefix))  # the attack's subject may stand between
    return len(gap) <= 2 and all(w in _OBJECT_GAP for w in gap)


# Words between an attack and the troop movement it hit.
_OBJECT_GAP = frozenset({"علي", "ع", "ضد", "استهدف", "استهدفت", "استهدفوا", "مدفعيا", "صاروخيا", "جويا"})


def _object_follows(ctx: DocContext, m: Mention, hi: int, past_time: bool = False) -> bool:
    """Is the mention followed, in its clause, by a noun with no preposition: the verb's object, which
    makes the mention its subject ("داهمت عناصر من الأمن العسكري منازل")? With ``past_time`` a time
    right after the mention is passed over ("هاجمت خلية تابعة لداعش فجر اليوم حاجزاً")."""
    end = m.end
    if past_time:
        times = ctx.within(ctx.times, end, end + 2)
        end = times[0].end if times else end
    if ctx.text[end : end + 1] not in (" ", ""):
        return False
    following = ctx.folded(end, min(hi, end + 30)).split()[:1]
    if not following or not following[0].isalpha() or following[0] in _NOT_OBJECTS:
        return False
    if ctx.within(ctx.times, end, end + len(following[0]) + 2) or ctx.within(ctx.places, end, end + 2):
        return False
    return following[0][:1] not in ("ب", "ل", "ك", "و", "ف") or following[0] in _NOUNS_LIKE_PROCLITICS


# Object nouns whose first letter is also a proclitic: "داهمت عناصر من الفرقة الرابعة بلدة كحيل".
_NOUNS_LIKE_PROCLITICS = frozenset(
    {"بلده", "بلدات", "بيت", "بيوت", "بنايه", "بناء", "بوابه", "لواء", "فرع", "فندق", "كتيبه", "كنيسه"}
    | {"كليه", "وحده", "وحدات", "وزاره", "فصيل", "فصايل", "بلدتي", "بئر", "بير"}
)

# The eight directions ("شمال", "غربي"): they locate a place, they open no object.
_DIRECTIONS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})

# Words after a noun phrase that open no object: prepositions, adverbs, relative and conjunctions.
_NOT_OBJECTS = frozenset(
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
    | _DIRECTIONS
)


def _feminine_verb(hit: TriggerHit) -> bool:
    """A verb in the feminine singular ("استهدفت", "تستهدف"), which a plural of men rarely takes as its
    subject."""
    word = _fold(hit.text).split()[0]
    lemma = _fold(hit.trigger.lemma).split()[0]
    return (word.endswith("ت") and not lemma.endswith("ت")) or (word[:1] == "ت" and lemma[:1] != "ت")


def _coordinated_subject(
    ctx: DocContext, draft: Draft, previous: list[Draft], lo: int, hi: int
) -> str | None:
    """A verb joined by و or ف to the verb just before it in its sentence, and naming no subject of its
    own, shares that verb's subject ("تسلل مقاتلو الهيئة … وقتلوا أربعة")."""
    if not previous or draft.hit.prefix[:1] not in ("و", "ف") or " " in draft.hit.text.strip():
        return None  # "فكان الرد سلبياً" names its own subject
    p = previous[-1]
    if p.sentence != draft.sentence or p.hit.trigger.pos != "verb" or p.event.actor1 is None:
        return None
    if p.hit.person == "we" or _we_form(p.hit):
        return None  # "أرسلنا رسالة … فكان": a verb not in the first person has another subject
    if (p.event.type in VERBAL_TYPES) != (draft.event.type in VERBAL_TYPES):
        return None  # "أعلنت الهيئة … وقصفت": a statement and a deed
    if draft.hit.start - p.hit.end > 200 or _named_subject(ctx, draft.hit, lo, hi):
        return None
    return p.event.actor1


def _during_subject(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """ "شنت قسد حملة دهم، اعتقلت خلالها 11 شخصاً": a verb with no subject of its own that happens
    "during it" has the agent of the earlier event of its sentence."""
    following = ctx.folded(draft.hit.end, draft.hit.end + 20).split()[:1]
    if not previous or not following or following[0] not in _DURING:
        return None
    p = previous[-1]
    if p.sentence != draft.sentence or p.event.type in VERBAL_TYPES:
        return None
    return p.event.actor1


def _joined_to(ctx: DocContext, first: Mention | None, m: Mention) -> bool:
    """Is ``m`` joined by و right after ``first`` ("المقاومة الوطنية وألوية العمالقة")?"""
    if first is None or m.start < first.end:
        return False
    prefix = ctx.attached_prefix(m)
    return prefix.startswith("و") and not ctx.text[first.end : m.start - len(prefix)].strip()


def _strip_and(word: str) -> str:
    """A word without an attached و ("وقوة" -> "قوه")."""
    return word[1:] if len(word) > 3 and word[0] == "و" else word


def _is_number(word: str) -> bool:
    return word.isdigit() or word in _NUMBER_WORDS


def _word_start_before(ctx: DocContext, pos: int, n: int) -> int:
    """Original offset of the n-th word before ``pos``."""
    i = pos
    for _ in range(n):
        while i > 0 and ctx.text[i - 1].isspace():
            i -= 1
        while i > 0 and not ctx.text[i - 1].isspace():
            i -= 1
    return i


# Verbs of answering an attack: "وردت القوات التركية بقصف مواقع…", "والجيش الوطني رد بقذائف الهاون":
# the noun after ب is the means of the answer, so the answering subject is its agent.
_RESPONSE = frozenset(
    {"رد", "ردت", "ردوا", "يرد", "ترد", "يردون", "قابل", "قابلت", "قابلوا", "واجه", "واجهت", "واجهوا"}
    # verbs of sending with ب: "دفع اللواء 444 بتعزيزات إلى الزاوية"
    | {"دفع", "دفعت", "دفعوا", "يدفع", "تدفع", "يدفعون", "زج", "زجت", "زجوا", "يزج", "تزج"}
)


def _source_words(words: list[str]) -> bool:
    """Do the words before a mention make it the source of a report ("قال X", "وفق X", "المتحدث باسم
    X")?"""
    cues = default_event_cues()
    last = words[-1] if words else ""
    bare = last[1:] if len(last) > 3 and last[0] in "وف" else last
    return (
        bare in cues.reporting
        or last in cues.according_to
        or " ".join(words[-2:]) in cues.according_to
        or last == "باسم"
    )


def _response_means(ctx: DocContext, hit: TriggerHit, lo: int) -> bool:
    """An event noun with ب after a verb of answering in its clause (within twelve words: "وردّت وحدات من
    الجيش على مصادر إطلاق القذائف بضربات مدفعية")."""
    if "ب" not in hit.prefix:
        return False
    words = ctx.folded(lo, hit.start - len(hit.prefix)).split()[-12:]
    return any(w.removeprefix("و").removeprefix("ف") in _RESPONSE for w in words)


def _adjunct_noun(ctx: DocContext, hit: TriggerHit) -> bool:
    """An event noun governed by a preposition ("في هجوم", "بقصف", "جراء غارة", "إثر اشتباكات")."""
    if hit.trigger.pos != "noun":
        return False
    if "ب" in hit.prefix:
        return True
    words = ctx.words_before(hit.start - len(hit.prefix), 1)
    return bool(words) and words[-1] in _PREPOSITIONS


def _control_subject(ctx: DocContext, hit: TriggerHit, before: list[Mention]) -> Mention | str | None:
    """ "تمكن X من NOUN", "نجحت X في NOUN": the subject of the control verb, a mention or "we"
    ("تمكنت وحداتنا من القضاء", "تمكنا من"), when the noun is its complement."""
    head = ctx.words_before(hit.start - len(hit.prefix), 1) or [""]  # "" after a comma
    lo = min(m.start for m in before) if before else hit.start
    _, unit = ctx.unit_at(hit.start)
    lo = min(lo, unit.clause_at(hit.start).start)
    clause_words = ctx.folded(lo, hit.start - len(hit.prefix)).split()
    compelled = hit.prefix.endswith("ل") or head[-1] in ("الي", "علي")
    forcing = _COMPELLED | _UNDERTAKE if head[-1] == "علي" else _COMPELLED
    if compelled and any(w.lstrip("وف") in forcing for w in clause_words[-14:]):
        forced = clause_words[-14:]
        last = max(i for i, w in enumerate(forced) if w.lstrip("وف") in forcing)
        forced_at = _word_start_before(ctx, hit.start - len(hit.prefix), len(forced) - last)
        subjects = [m for m in before if m.start >= forced_at]
        if subjects:
            return subjects[0]
    if "ب" in hit.prefix:
        return _doer_with_ba(ctx, hit, before, clause_words[-8:])
    if head[-1] in _PREPOSITIONS and head[-1] != "في":
        return None  # "جراء غارة", "بعد اشتباكات": an adjunct, no object of a verb before it
    if head[-1] in ("من", "في"):
        # "تمكّنت قواتنا، صباح اليوم، من صدّ": the control verb may stand before commas of a time
        reach = max(unit.sentence.start, hit.start - 150)
        if reach < lo:
            clause_words = [w.strip("،,:;") for w in ctx.folded(reach, hit.start - len(hit.prefix)).split()]
        words = clause_words[-13:-1]
        verbs = _CONTROL_VERBS
    else:
        words = clause_words[-8:]
        # "أعلنت الجبهة الوطنية الخميس الماضي استهداف مواقع…", "نفذت قطعاتنا فجر اليوم عملية تفتيش"
        verbs = _ANNOUNCE_VERBS | _SUPPORT_VERBS
        if not any(w.lstrip("وف") in verbs for w in words):
            # "نفذت قطعاتنا، بإسناد جوي من طيران التحالف، عملية تمشيط": a light verb before the commas
            # of an adverbial
            reach = max(unit.sentence.start, hit.start - 120)
            if reach < lo:
                wide = [
                    w.strip("،,:;.") for w in ctx.folded(reach, hit.start - len(hit.prefix)).split()[-12:]
                ]
                if any(w.lstrip("وف") in _SUPPORT_VERBS for w in wide):
                    words = wide
                    clause_words = wide
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lstrip("وف") in verbs), None)
    if at is None:
        return None
    if verbs is not _CONTROL_VERBS:
        verb = words[at].lstrip("وف")
        support = verb in _SUPPORT_VERBS
        if verb not in _SUPPORT_VERBS and len(words) - at > 6:
            return None  # announcing verbs govern the noun right after their subject and time
        verb_pos = _word_start_before(ctx, hit.start - len(hit.prefix), len(words) - at)
        # the verb's subject, not the complement of another event noun after it ("أعلنت اعتقال ٣ من
        # عناصر التنظيم وضبط…")
        inside = [m for m in before if m.start >= verb_pos and not ctx.triggers_within(verb_pos, m.start)]
        if not inside and clause_words is words:
            # the subject right after a light verb read across an adverbial's commas ("نفذت قوات من
            # التحالف، بمساندة…، عملية")
            inside = [
                m
                for m in ctx.within(ctx.actors, verb_pos, hit.start)
                if ctx.tokens_between(verb_pos, m.start) <= 3
            ][:1]
        if inside:
            if not support:
                ctx.cache["announcer"] = (inside[0].entity, hit.start)
            return inside[0]
        if support and (verb.endswith("نا") or any(_our_force(w) for w in words[at + 1 :][:3])):
            return "we"  # "نفذت قطعاتنا … عملية تفتيش", "ألقت مفرزة من استخباراتنا القبض"
        earlier = [m for m in before if m.end <= verb_pos and len(ctx.text[m.end : verb_pos].split()) <= 2]
        if earlier:
            return earlier[-1]
        # a light verb with no named subject: a generic force ("نفذ سلاح الجو غارات"), in a statement
        # signed by an armed organization its own ("نفذ سلاح الجو المسير هجوماً"); else "they"
        if (
            support
            and ctx.author
            and _armed(ctx.doc.entities.get(ctx.author))
            and " ".join(words[at + 1 : at + 3]).startswith(_GENERIC_FORCES)
        ):
            return "we"
        return None if support else "they"
    verb = words[at].lstrip("وف")
    if verb.endswith("نا"):
        return "we"
    between = words[at + 1 :]
    if any(w.endswith("نا") and len(w) > 4 and w not in _NOT_WE for w in between[:2]):
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
    return subject[-1] if subject else None


# Places and men of a force that stand for it as a target: "على مقراتنا", "استهدفوا نقاطنا".
_HOLDINGS = frozenset({"مقرات", "مواقع", "نقاط", "مقر", "موقع", "حواجز", "ثكنات", "مراكز", "مخافر"})


def _our_target(word: str) -> bool:
    """ "مقراتنا", "مواقعنا", "عناصرنا" (after an optional على/ع): our holdings or our men."""
    word = word.removeprefix("و").removeprefix("علي").removeprefix("ب").removeprefix("ل")
    if not word.endswith("نا") or len(word) < 5:
        return False
    stem = word[:-2].rstrip("وي")
    return stem in _HOLDINGS or stem in _OUR_FORCES


# Verbs written like their verbal nouns, read as nouns where a list item opens: "٢- صد محاولة تقدم".
_VERBAL_NOUN_FORMS = frozenset({"صد", "قصف", "دك", "رد", "كسر", "اسر"})
# A list item's opening: "١-", "2.", "-", "•", "ثانياً:", also "١. إلقاء" before a light noun.
_ITEM_OPENING = re.compile(
    r"^\s*(?:[-–•*▪️🔹🔸]+|[0-9٠-٩]{1,2}\s*[-.)–]|(?:اولا|ثانيا|ثالثا|رابعا|خامسا)\s*[:-])\s*(?:القاء\s+)?$"
)


def _list_item(ctx: DocContext, hit: TriggerHit) -> bool:
    """Does the trigger open an item of a list ("١- استهداف تجمع…", "- ضبط مخزن…")?"""
    line_start = ctx.text.rfind("\n", 0, hit.start) + 1
    return _ITEM_OPENING.match(ctx.folded(line_start, hit.start - len(hit.prefix))) is not None


def _quoted_speaker(ctx: DocContext, hit: TriggerHit) -> str | None:
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


def _subject_word_before(ctx: DocContext, hit: TriggerHit) -> str:
    """The word right before a verb, past a "قد" ("وكان مجاهدونا قد دكوا") or an adjective ("قواتنا
    البحرية استهدفت")."""
    words = ctx.words_before(hit.start - len(hit.prefix), 3)
    if words[-1:] == ["قد"]:
        words = words[:-1]
    if len(words) > 1 and words[-1].startswith("ال") and words[-1].endswith(("يه", "ي")):
        words = words[:-1]  # "قواتنا البحرية استهدفت": past the force's adjective
    return words[-1] if words else ""


def _our_force(word: str) -> bool:
    """ "قطعاتنا", "مقاتلونا", "مقاتلينا": a force of ours."""
    stem = word[:-2].rstrip("وي")
    return word.endswith("نا") and (stem in _OUR_FORCES or stem.removeprefix("و") in _OUR_FORCES)


def _doer_with_ba(
    ctx: DocContext, hit: TriggerHit, before: list[Mention], words: list[str]
) -> Mention | str | None:
    """ "قيام قوات الحزام الأمني باعتقال الناشط", "قامت وحداتنا بتمشيط المنطقة": the subject of قام (or
    the genitive of قيام) before a noun with ب does the deed."""
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lstrip("وف") in _DO_WITH_BA), None)
    if at is None:
        return None
    verb = words[at].lstrip("وف")
    if verb.endswith("نا") or verb == "نقوم" or any(_our_force(w) for w in words[at + 1 :][:2]):
        return "we"
    verb_pos = _word_start_before(ctx, hit.start - len(hit.prefix), len(words) - at)
    inside = [m for m in before if m.start >= verb_pos]
    return inside[0] if inside else None


def salient(ctx: DocContext, previous: list[Draft], pos: int, exclude: set[str | None]) -> str | None:
    """ "They": in a statement, the party the author last dealt with; otherwise the actor named most often
    in the preceding stretch of text (about 1,500 characters),
    the latest one on a tie, leaving out the narrator, victims and actors named only as a model."""
    if ctx.author:
        # in a statement, "they" is first of all the party the author has been dealing with
        for d in reversed(previous[-12:]):
            if d.event.actor1 == ctx.author and d.event.actor2 and d.event.actor2 not in exclude:
                entity = ctx.doc.entities.get(d.event.actor2)
                if entity is not None and entity.attrs.get("inter") != 7:
                    return d.event.actor2
    counts: dict[str, tuple[int, int]] = {}
    for m in ctx.actors:
        if m.end > pos:
            break
        if pos - m.start > 1500 or m.entity in exclude:
            continue
        words = ctx.words_before(m.start, 1)
        entity = ctx.doc.entities.get(m.entity or "")
        if (words and words[-1] in _COMPARISON) or entity is None or entity.attrs.get("inter") == 7:
            continue
        if ctx.author and entity.attrs.get("parent") == ctx.author:
            continue  # our own formations are "we", never "they"
        n, _ = counts.get(m.entity or "", (0, 0))
        counts[m.entity or ""] = (n + 1, m.start)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _lost_place(ctx: DocContext, hit: TriggerHit) -> Mention | None:
    """The place right after a word of falling or losing ("سقوط صوران"), if any."""
    if _fold(hit.trigger.lemma) not in _LOSS:
        return None
    following = [m for m in ctx.within(ctx.places, hit.end, hit.end + 60) if m.start < hit.end + 50]
    if not following:
        return None
    gap = ctx.text[hit.end : following[0].start]
    # "لتسقط في اليوم الثاني تلة الناصرية": a time phrase between the verb and the place
    for t in ctx.within(ctx.times, hit.end, following[0].start):
        gap = gap.replace(ctx.text[t.start : t.end], " ")
    words = [w for w in gap.split() if w not in ("في", "وفي", "منذ")]
    if len(words) <= 1 and (len(words) == 0 or len(gap.split()) <= 2):
        return following[0]
    return None


def _words_between(ctx: DocContext, start: int, end: int) -> int:
    return ctx.tokens_between(start, end)


def _we_form(hit: TriggerHit) -> bool:
    """A first-person plural verb the lexicon lists among its other forms: نطالب، طالبنا."""
    if hit.trigger.pos != "verb":
        return False
    word = _fold(hit.text).split()[0]
    lemma = _fold(hit.trigger.lemma)
    if word.startswith("ن") and _fold(word) in _third_person_forms(hit.trigger.forms):
        return False  # "وندد المحتجون": ندد is a past form of its own, not "we condemn"
    return (word.startswith("ن") and not lemma.startswith("ن")) or (
        word.endswith("نا") and not lemma.endswith("نا")
    )


@cache
def _third_person_forms(forms: tuple[str, ...]) -> frozenset[str]:
    """The folded one-word forms a trigger lists as other than first person."""
    return frozenset(_fold(f) for f in forms if " " not in f)


def _we_subject(ctx: DocContext, hit: TriggerHit, hi: int) -> bool:
    """ "استهدفت مدفعيتنا", "تمكن مجاهدونا من": a force of ours right after the trigger, unless the verb
    has its subject before it ("وكانت واشنطن قد اتهمت تشكيلاتنا": ours are the object)."""
    preceding = ctx.words_before(hit.start - len(hit.prefix), 2)
    if preceding[-1:] == ["قد"] and ctx.within(ctx.places, _word_start_before(ctx, hit.start, 3), hit.start):
        return False
    after = ctx.folded(hit.end, min(hi, hit.end + 40)).split()[:3]
    if after[1:2] != ["من"]:
        after = after[:2]  # "أعادت وحدات من قواتنا": past a partitive
    # "مقاتلونا", and after a noun the genitive "انسحاب مقاتلينا", "اعتقال عناصرنا"
    if any(w.endswith("نا") and w[:-2].rstrip("وي") in _OUR_FORCES for w in after):
        return True
    # "واصلت وحداتنا … تقدمها في وادي عومران، وسيطرت على…": a verb joined to a sentence our force opens
    # has it as its subject when no actor follows it
    if hit.trigger.pos != "verb" or not hit.prefix.startswith("و") or not ctx.author:
        return False
    opening = ctx.folded(ctx.unit_at(hit.start)[1].sentence.start, hit.start).split()[:3]
    return any(_our_force(w.strip("،,")) for w in opening[1:]) and not any(
        _words_between(ctx, hit.end, m.start) <= 2
        for m in ctx.within(ctx.actors, hit.end, min(hi, hit.end + 40))
    )


def _coordinated(
    ctx: DocContext, after: list[Mention], actor1: str | None, actor2: str | None, we: bool
) -> list[str]:
    """Actors joined to the agent by و right after it: "دخلنا نحن والهيئة والعزة"."""
    out: list[str] = []
    for m in after:
        if m.entity in (actor1, actor2) or m.entity in out:
            continue
        if ctx.attached_prefix(m).startswith("و") and (
            we or out or m.start - (after[0].end if after else 0) < 3
        ):
            out.append(m.entity or "")
    return [e for e in out if e]


def assign_place(ctx: DocContext, draft: Draft, s_lo: int, s_hi: int, previous: list[Draft]) -> None:
    """The event's place: after the trigger in its clause, else before it in the clause (the place a
    locator phrase describes, not the locator: "ترهونة جنوب شرقي طرابلس"), else a governorate the clause
    names, else in the sentence (after, then before) outside the clauses of other events; countries only
    when nothing finer is named; else the place of the previous event when it is at most two sentences
    back. "المدينة", "البلدة" stand for the town named before; destinations ("باتجاه مصراتة") and
    origins of fire ("مصدره مواقع قسد في العريمة") are not where the event happens."""
    hit = draft.hit
    places = _places_with_anaphors(ctx)
    if draft.event.type in VERBAL_TYPES:
        # statements, requests and refusals have a place only when the clause names where they happened
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
    others = _other_event_clauses(ctx, draft, s_lo, s_hi)
    sentence_after = [m for m in ctx.within(places, hit.end, s_hi) if not _in_spans(m, others)]
    found = _pick_place(ctx, draft, sentence_after)
    if found is None:
        sentence_before = [
            m for m in _located_heads(ctx, ctx.within(places, s_lo, hit.start)) if not _in_spans(m, others)
        ]
        found = _pick_place(ctx, draft, sentence_before)
    if found is not None:
        _set_place(draft, found)
        return
    regions = [
        m
        for m in ctx.within(ctx.places, s_lo, s_hi)
        if _kind(ctx, m) == "admin1" and not _in_spans(m, others) and not _destination(ctx, m)
    ]
    if regions:
        _set_place(draft, regions[0])
        return
    countries = ctx.within(ctx.places, s_lo, s_hi)
    if countries and hit.trigger.type in ("PROTEST", "SANCTION", "THREATEN"):
        _set_place(draft, countries[0])
        return
    if hit.trigger.type not in ("ASSAULT", "COERCE", "RETREAT"):
        return  # troops, protests and talks move to places of their own: no place from the sentences before
    recent = [p for p in previous[-4:] if p.event.place and draft.sentence - p.sentence <= 2]
    # the latest place a clause stated for its own event, rather than one only near it in the sentence
    stated = [p for p in recent if p.place_in_clause] or recent
    if stated:
        draft.event.place = stated[-1].event.place
        draft.event.inferred.append("place")


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
        toward = _destination(ctx, m) and draft.hit.trigger.id not in _GOVERNING
        if _kind(ctx, m) in ("country", "admin1") or toward or _hometown(ctx, m) or _dateline(ctx, m):
            continue
        if m.start in _acting_places(ctx):
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
_LOCATOR_WORDS = frozenset(
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
    | _DIRECTIONS
)
_TOWARD = frozenset({"باتجاه", "اتجاه", "نحو", "صوب"})
_ANAPHOR = re.compile(r"(?<!\w)[وف]?[بلك]?(?:ال)(مدينه|بلده|قريه|بلدات|قري|مخيم|سجن|ناحيه|حي)(?!\w)")
_TOWN_HEADS = frozenset({"مدينه", "بلده", "قريه"})
_ORIGIN_HEADS = _PLACE_HEADS | {"قاعده", "منطقه", "اتجاه"}
_SOURCE_WORDS = frozenset({"مصدره", "مصدرها", "مصدرهما", "انطلق", "انطلقت"})  # "انطلق من منطقة الزعفرانية"
_POSITIONS = frozenset({"مواقع", "نقاط", "مقرات", "مرابض", "منصات"})


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
        if any(w in ctx.folded(max(0, mention.start - 60), mention.start) for w in _TOWARD):
            words = ctx.words_before(mention.start, 7)[-4:]
            at = next((i for i in range(len(words) - 1, -1, -1) if words[i] in _TOWARD), None)
            ctx.cache[key] = at is not None and not any(
                w in ("في", "علي", "عند", "قرب") for w in words[at + 1 :]
            )
    return bool(ctx.cache[key])


def _fire_source(ctx: DocContext, mention: Mention) -> bool:
    """ "قصف صاروخي مصدره مواقع ميليشيا قسد في محيط قرية العريمة": where the fire came from."""
    words = ctx.words_before(mention.start, 7)
    return any(w in _SOURCE_WORDS for w in words) or _from_positions(words)


def _other_event_clauses(ctx: DocContext, draft: Draft, s_lo: int, s_hi: int) -> list[tuple[int, int]]:
    """Clauses of the sentence, other than the trigger's own, that hold another event's trigger: their
    places are that event's ("…سيطرت على مقرات المجموعات، في حين غادرت أرتال باتجاه مصراتة")."""
    _, unit = ctx.unit_at(draft.hit.start)
    return [
        (clause.start, clause.end)
        for clause in unit.clauses
        if clause.start != draft.clause_start
        and any(t.start != draft.hit.start for t in ctx.triggers_within(clause.start, clause.end))
    ]


def _in_spans(m: Mention, spans: list[tuple[int, int]]) -> bool:
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
    for found in _ANAPHOR.finditer(view.text):
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
_HOMETOWN_WORDS = frozenset(
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


_DATELINE_DASH = re.compile(r"\s*(?:\([^)\n]{0,30}\)\s*)?[-–—]\s")


def _hometown(ctx: DocContext, mention: Mention) -> bool:
    """A place named as where a person comes from, not where the event happened."""
    words = ctx.words_before(mention.start, 4)
    if words and words[-1] in _PLACE_HEADS:
        words = words[:-1]
    return any(w in _HOMETOWN_WORDS for w in words[-3:])


def _origin(ctx: DocContext, mention: Mention) -> bool:
    """A place named as where something came from: "من قاعدة حميميم", "من محردة"."""
    words = ctx.words_before(mention.start, 7)
    if any(w in _SOURCE_WORDS for w in words):
        return True  # "مصدره مواقع ميليشيا قسد في محيط قرية العريمة"
    if _from_positions(words):
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
    others = _other_event_clauses(ctx, draft, s_lo, s_hi)
    own = [m for m in times if not _in_spans(m, others)]
    times = own or ([] if times and all(_in_spans(m, others) for m in times) and others else times)
    # "بعد احتجاز دام أربعة أشهر": a bare duration dates nothing when a time of day or date is named
    times = [m for m in times if m.attrs.get("value") or m.attrs.get("relative")] or times
    # "في جنيف في 23 أكتوبر 2020، أفرجت قوات الوفاق أمس عن 12 محتجزاً": the trigger's own clause first
    times = [m for m in times if draft.clause_start <= m.start < draft.clause_end] or times
    if times:
        draft.time_mention = min(times, key=lambda m: abs(m.start - draft.hit.start))


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


class CasualtyCounter:
    """Numbers of killed, injured and arrested in a span, per side when the text says whose."""

    _NUMBER = re.compile(r"\d+")

    def __init__(self, cues: EventCues) -> None:
        self.cues = cues
        self._kinds = {word: kind for kind, words in cues.casualties.items() for word in words}

    def counts(self, ctx: DocContext, lo: int, hi: int) -> dict[str, dict[str, int]]:
        """Counts in [lo, hi), computed once per span of a document (a copy, safe to change)."""
        key = ("counts", lo, hi)
        if key not in ctx.cache:
            ctx.cache[key] = self._counts(ctx, lo, hi)
        cached: dict[str, dict[str, int]] = ctx.cache[key]  # type: ignore[assignment]
        return {kind: dict(sides) for kind, sides in cached.items()}

    def _counts(self, ctx: DocContext, lo: int, hi: int) -> dict[str, dict[str, int]]:
        view = ctx.view
        vlo, vhi = view.to_view(lo), view.to_view(hi)
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", view.text[vlo:vhi])]
        out: dict[str, dict[str, int]] = {}
        for i, (_, _, word) in enumerate(words):
            kind = self._kind(word)
            if kind is None:
                continue
            number, j = self._number_near(words, i)
            if number is None:
                continue
            side = self._side(ctx, words, j, vlo)
            bucket = out.setdefault(kind, {})
            bucket[side] = bucket.get(side, 0) + number
        return out

    def _kind(self, word: str) -> str | None:
        kind = self._kinds.get(word)
        if kind is None and word[:1] in "وفب":
            kind = self._kinds.get(word[1:])
        return kind

    def _number_near(self, words: list[tuple[int, int, str]], i: int) -> tuple[int | None, int]:
        for j in (i + 1, i + 2, i - 1, i - 2):
            if 0 <= j < len(words):
                value = self._value(words[j][2])
                if value is not None:
                    return value, j
        return None, i

    def _value(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        value = self.cues.number_words.get(word)
        return value if isinstance(value, int) else None

    def _side(self, ctx: DocContext, words: list[tuple[int, int, str]], j: int, vlo: int) -> str:
        """The actor named within three words after the number ("31 عنصراً من الهيئة", "4 مدنيين")."""
        tail = words[j + 1 : j + 5]
        for _, _end, word in tail:
            if word.endswith("نا") and ctx.author and len(word) > 4:
                return ctx.author  # "ثلاثة من عناصرنا"
        if tail:
            lo = ctx.view.to_original(vlo + tail[0][0])
            hi = ctx.view.to_original(vlo + tail[-1][1] - 1) + 1
            for m in ctx.within(ctx.actors, lo, hi):
                return m.entity or "unspecified"
        return "unspecified"


def merge_coreferent(drafts: list[Draft], ctx: DocContext, casualty_words: frozenset[str]) -> list[Draft]:
    """One happening told several times is one event. A later mention joins an earlier one of the same
    type when their actors and place do not conflict and they are in one sentence, or a shared actor or
    place ties them within three sentences; a casualty word ("مقتل", "قُتل") joins the latest attack
    within two sentences."""
    merged: list[Draft] = []
    headline = _headline(ctx)
    retold: set[int] = set()  # headline events the body has told again
    for d in drafts:
        target = None
        if headline is not None and 0 < d.sentence - headline <= 3:
            # "مقتل عنصرين من الأسايش بهجوم لداعش" over "هاجمت خلية تابعة لتنظيم داعش…": the body tells
            # the headline's happening again, once
            target = next(
                (
                    p
                    for p in merged
                    if p.sentence == headline
                    and id(p) not in retold
                    and p.event.type == d.event.type
                    and _retells_headline(p, d)
                ),
                None,
            )
            if target is not None:
                retold.add(id(target))
                # the report is finer than its headline: its trigger, place and time win
                for slot in ("place", "place_relation"):
                    if getattr(d.event, slot) is not None:
                        setattr(target.event, slot, getattr(d.event, slot))
                target.time_mention = d.time_mention or target.time_mention
                target.event.trigger, target.hit, target.sentence = d.event.trigger, d.hit, d.sentence
        if target is None and (
            _fold(d.hit.trigger.lemma) in casualty_words or d.event.mode == "destroy" or _is_weapon(d.hit)
        ):
            # "ووثّقنا مقتل مدنيين اثنين … بانفجار لغم": deaths whose cause their own sentence tells next
            # wait for it rather than join an attack of an earlier sentence
            reach = 0 if _cause_follows(ctx, d, drafts, casualty_words) else 2
            if reach == 0 and "place" in d.event.inferred:
                d.event.place = None  # the place comes with the cause, not from the sentence before
                d.event.inferred.remove("place")
            target = next(
                (
                    p
                    for p in reversed(merged)
                    if p.event.type == "ASSAULT"
                    and d.sentence - p.sentence <= reach
                    and not _other_day(p, d)
                    and (
                        _compatible(p, d, lenient=True)
                        # "تفجير عبوة ناسفة على آلية لميليشيا قسد", "وتمكنوا من قتل عشرين عنصراً وتدمير
                        # دبابتين", "مقتل مدني بنيران عشوائية": the weapon, the damage and the victims
                        # have their own complements, not other sides
                        or (
                            d.sentence - p.sentence <= 1
                            and _same_place(p, d)
                            and p.event.modality == d.event.modality
                        )
                    )
                ),
                None,
            )
        if target is None and _fold(d.hit.trigger.lemma) not in casualty_words:
            # "قُتل متظاهران … إثر إطلاق القوات الأمنية الرصاص الحي": the deaths told first waited for
            # this cause, whose actors are the event's
            target = next(
                (
                    p
                    for p in reversed(merged)
                    if p.sentence == d.sentence
                    and p.event.type == "ASSAULT"
                    and _fold(p.hit.trigger.lemma) in casualty_words
                    and _cause_follows(ctx, p, [d], casualty_words)
                ),
                None,
            )
            if target is not None and (target.event.actor1 is None or "actor1" in target.event.inferred):
                # "أقدم مسلحون مجهولون على قتل مدني بإطلاق النار عليه": a killing whose agent is named keeps
                # its actors; otherwise the cause's are the event's
                for slot in ("actor1", "actor2"):
                    if getattr(d.event, slot) is not None:
                        setattr(target.event, slot, None)
                        if slot in target.event.inferred:
                            target.event.inferred.remove(slot)
        if target is None:
            target = next((p for p in reversed(merged) if _same_happening(p, d)), None)
        if target is None and merged and _describing_verb(ctx, merged[-1], d):
            # "قصف مدفعي لقوات النظام استهدف بلدة كنصفرة", "غارة جوية … استهدفت قاربهم": the verb tells
            # what the attack named right before it hit
            target = merged[-1]
        if target is None and _denied_retelling(ctx, d, merged):
            # "ونفت موسكو مشاركة طائراتها في الغارات على سرمين": what a denial names again is the
            # happening told before, however far back
            target = next(
                (
                    p
                    for p in merged
                    if p.event.type == d.event.type
                    and p.event.type not in VERBAL_TYPES
                    and _same_place(p, d)
                    and p.event.modality == d.event.modality
                ),
                None,
            )
            if target is not None:
                for slot in ("actor1", "actor2"):
                    if slot in d.event.inferred:
                        setattr(d.event, slot, None)  # a guess from the denial's sentence, not the report
        if target is None:
            merged.append(d)
            continue
        t, e = target.event, d.event
        if _fold(target.hit.trigger.lemma) in casualty_words and d.hit.trigger.lemma not in casualty_words:
            # "قُتل ثلاثة في هجوم شنه…": the attack, not the death toll, is the trigger
            t.trigger, t.mode, target.hit, target.sub_event = (
                e.trigger,
                e.mode,
                d.hit,
                d.sub_event or target.sub_event,
            )
        elif (
            target.sub_event in (None, "Armed clash")
            and d.sub_event not in (None, "Armed clash")
            # a missile fired while repelling an attack leaves the fight a clash
            and target.hit.trigger.id not in _GOVERNING | _TWO_SIDED
        ):
            target.sub_event, t.mode = d.sub_event, d.event.mode or t.mode  # "سقوط صاروخ": shelling
        elif target.sub_event == "Peaceful protest" and d.sub_event == "Violent demonstration":
            target.sub_event = d.sub_event  # "تظاهروا وأحرقوا الإطارات": the protest turned violent
        t.evidence.extend(x for x in e.evidence if all(x.start != y.start for y in t.evidence))
        for slot in ("actor1", "actor2", "place", "place_relation"):
            if getattr(t, slot) is None and getattr(e, slot) is not None:
                setattr(t, slot, getattr(e, slot))
        if t.actor2 is not None and t.actor2 == t.actor1:
            t.actor2 = None  # a telling's guess must not make the agent its own target
        if target.time_mention is None:
            target.time_mention = d.time_mention
        for kind, sides in e.counts.items():
            for side, n in sides.items():
                t.counts.setdefault(kind, {}).setdefault(side, n)
        t.confidence = min(1.0, t.confidence + 0.1)
    return merged


def _retells_headline(h: Draft, d: Draft) -> bool:
    """Can the report's event ``d`` be the headline's ``h``? A headline names the place coarsely
    ("شمالي بغداد", "في السويداء"), so only a different named agent or target tells them apart."""
    if (h.sub_event in TERRITORIAL) != (d.sub_event in TERRITORIAL) or h.event.modality != d.event.modality:
        return False
    for slot in ("actor1", "actor2"):
        u, v = getattr(h.event, slot), getattr(d.event, slot)
        if u and v and u != v and slot not in h.event.inferred + d.event.inferred:
            return False
    return True


def _headline(ctx: DocContext) -> int | None:
    """Index of the document's headline: a first line (after at most one short line such as a dateline
    or a channel's name) of at most 16 words, with no final stop, followed by more text."""
    for i, unit in enumerate(ctx.units[:2]):
        line = ctx.text[unit.sentence.start : unit.sentence.end]
        if "\n" in line or len(ctx.units) <= i + 1:
            return None
        if ctx.text[unit.sentence.end : unit.sentence.end + 1] != "\n" or line.rstrip()[-1:] in ".!؟?:":
            return None
        words = line.split()
        if len(words) > 16 or any(c == "#" or unicodedata.category(c) == "So" for c in line):
            return None  # a channel's post tells a new item on each line
        if len(words) > 4:
            # a news headline over prose, not a statement's title ("بيان حول…")
            body = [u.sentence for u in ctx.units[i + 1 : i + 3]]
            if len(ctx.text[body[0].start : body[0].end].split()) <= 4 and len(body) > 1:
                body = body[1:]  # "الرقة – خاص": a dateline between the headline and the report
            return i if words[0] != "بيان" and ctx.text[body[0].end - 1 : body[0].end] == "." else None
    return None


def _describing_verb(ctx: DocContext, p: Draft, d: Draft) -> bool:
    """An attack noun and, at most four words on in its clause, a verb of attacking with no agent of its
    own ("عبوة ناسفة استهدفت سيارتهم", "غارة جوية لطيران التحالف استهدفت قاربهم", "بضربات مدفعية مركّزة
    دكّت تحصينات")."""
    if p.sentence != d.sentence or p.event.type != "ASSAULT" or d.event.type != "ASSAULT":
        return False
    if p.hit.trigger.pos != "noun" or d.hit.trigger.pos != "verb":
        return False
    gap = ctx.text[p.hit.end : d.hit.start - len(d.hit.prefix)]
    if any(c in gap for c in ".،,:;\n") or len(gap.split()) > 4 or d.hit.prefix:
        return False
    return d.event.actor1 in (None, p.event.actor1) or "actor1" in d.event.inferred


def _cause_follows(ctx: DocContext, d: Draft, drafts: list[Draft], casualty_words: frozenset[str]) -> bool:
    """Is a casualty word followed, in its sentence, by the attack that caused it ("مقتل مدنيين اثنين
    … بانفجار لغم", "جراء غارات")?"""
    if _fold(d.hit.trigger.lemma) not in casualty_words:
        return False
    return any(
        x.sentence == d.sentence
        and 0 < x.hit.start - d.hit.end < 120
        and x.event.type == "ASSAULT"
        and _fold(x.hit.trigger.lemma) not in casualty_words
        and ("ب" in x.hit.prefix or _caused_by(ctx, x.hit))
        for x in drafts
    )


def _caused_by(ctx: DocContext, hit: TriggerHit) -> bool:
    """Is the attack introduced as a cause, right before it or before the verbal noun that governs it
    ("جراء غارات", "إثر إطلاق القوات الأمنية الرصاص الحي")?"""
    lead = ctx.words_before(hit.start - len(hit.prefix), 5)
    if lead[-1:] in _CAUSAL:
        return True
    return any([w] in _CAUSAL and nxt in _CAUSE_NOUNS for w, nxt in pairwise(lead))


# Verbal nouns a cause word governs before the weapon: "إثر إطلاق…", "جراء استخدام…".
_CAUSE_NOUNS = frozenset({"اطلاق", "استخدام", "سقوط", "استهداف"})


# Prepositions of cause before an attack noun: "جراء غارات", "إثر انفجار", "نتيجة القصف".
_CAUSAL = (["جراء"], ["اثر"], ["نتيجه"], ["بسبب"], ["في"], ["تحت"])


def _denied_retelling(ctx: DocContext, d: Draft, merged: list[Draft]) -> bool:
    """A definite event noun in the clause of a denial told just before it in its sentence."""
    if d.hit.trigger.pos != "noun" or "ال" not in d.hit.prefix or not merged:
        return False
    p = merged[-1]
    denials = default_event_cues().denials
    word = _fold(p.hit.text)
    return (
        p.sentence == d.sentence
        and (word in denials or word[1:] in denials)
        and 0 < d.hit.start - p.hit.end < 120
        and not any(c in ctx.text[p.hit.end : d.hit.start] for c in ".؟!\n")
    )


def _other_day(a: Draft, b: Draft) -> bool:
    """Both tellings name a day and the days differ ("وفي اليوم التالي أقدم مسلحون على إحراق…"): the
    damage or the deaths of another day are another happening."""
    days = [d.time_mention.attrs.get("value") if d.time_mention else None for d in (a, b)]
    return all(isinstance(v, str) and len(v) == 10 for v in days) and days[0] != days[1]


def _battle_and_gain(a: Draft, b: Draft) -> bool:
    """ "سيطرت على المطار بعد معارك مع الحوثيين", "شنت هجوماً … وتمكنت من السيطرة عليهما بعد ساعات من
    المعارك": ground taken and the battle that took it, told in one sentence, are one ACLED event
    (the battle has no place of its own and no other agent)."""
    gain = [d for d in (a, b) if d.sub_event in TERRITORIAL and d.event.type == "ASSAULT"]
    fight = [d for d in (a, b) if d.sub_event in (None, "Armed clash") and d.event.type == "ASSAULT"]
    if len(gain) != 1 or len(fight) != 1:
        return False
    g, f = gain[0], fight[0]
    if f.hit.trigger.pos != "noun" or f.hit.trigger.mode != "firearms":
        return False  # the battle is told by a noun: "بعد معارك", "من المعارك"
    # "السيطرة على معسكر اليرموك في محور عين زارة … بعد معارك عنيفة": the battle after which the ground
    # was taken is where it was taken, whatever place its own words reach
    if (
        not f.adjunct
        and f.place_in_clause
        and f.event.place is not None
        and g.event.place not in (None, f.event.place)
    ):
        return False
    if f.event.actor1 and g.event.actor1 and f.event.actor1 != g.event.actor1:
        return False
    return a.event.modality == b.event.modality


def _same_place(a: Draft, b: Draft) -> bool:
    return a.event.place is None or b.event.place is None or a.event.place == b.event.place


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
            and len(_gap_words(ctx, head.end, hit.start)) <= 16
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
    if any(c in between for c in ".،,:;\n"):
        return False
    words = between.split()
    demanded = any(_fold(w).lstrip("و").removeprefix("لل").removeprefix("ل") in asking for w in words)
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
    if head.trigger.id in _GOVERNING and "ل" in hit.prefix and len(words) <= 10:
        return True  # "تصدى مقاتلو جيش العزة يوم الأحد 26 أيار 2019 لمحاولة تسلل": what was repelled
    if hit.start - head.end > (80 if head.trigger.id in _GOVERNING else 40):
        return False  # "صدت قواتنا في محور أبوقرين صباح اليوم هجوماً شنّته…"
    if head.trigger.id not in _GOVERNING and head.trigger.type != "MOBILIZE":
        return False
    if head.trigger.type == "MOBILIZE" and hit.trigger.type == "AID":
        return len(words) <= 3  # "وصلوا من بصرى الشام للمؤازرة": the purpose of the move
    return len(words) <= 1 or (head.trigger.id in _GOVERNING and len(words) <= 12)


@cache
def _fold(word: str) -> str:
    """``normalize_for_match`` of a lexicon word or a trigger's surface, memoized."""
    return normalize_for_match(word)


def _is_weapon(hit: TriggerHit) -> bool:
    """A weapon named as a trigger ("عبوة ناسفة", "قذائف"): part of an attack told around it."""
    return _fold(hit.text).startswith(_WEAPONS)


def _compatible(a: Draft, b: Draft, lenient: bool = False) -> bool:
    """No slot of one contradicts the other (``lenient``: an inferred actor of ``b`` may differ), and a
    change of territory is never the same happening as a fight."""
    if (a.sub_event in TERRITORIAL) != (b.sub_event in TERRITORIAL):
        return False
    for slot in ("actor1", "actor2", "place"):
        u, v = getattr(a.event, slot), getattr(b.event, slot)
        loose = lenient or (
            slot == "actor2" and ("actor2" in a.event.inferred or "actor2" in b.event.inferred)
        )
        if (
            u is not None
            and v is not None
            and u != v
            and not (loose and slot in a.event.inferred + b.event.inferred)
        ):
            return False
    return a.event.modality == b.event.modality


# Violence of these modes is an ACLED event of its own, not a part of the attack told beside it.
_OWN_HAPPENING_MODES = frozenset({"abduct", "torture"})


_SWEEPS = frozenset({"sweep", "sweep-noun"})


def _same_happening(a: Draft, b: Draft) -> bool:
    x, y = a.event, b.event
    if x.type != y.type or b.sentence - a.sentence > 3:
        return False
    if (
        x.type in ("REQUEST", "ACCUSE")  # a refusal is told again in many words: "رفضوا … ولا يريدون"
        and a.hit.trigger.pos == b.hit.trigger.pos == "verb"
        and b.hit.start - len(b.hit.prefix) - a.hit.end > 2  # "تنكر وتكذب تدخلنا" is one denial
    ):
        return False  # "نطالب بالإفراج عنه، كما نطالب النائب العام بفتح تحقيق": each demand is its own
    definite = "ال" in b.hit.prefix or b.hit.prefix.endswith("لل")
    if definite and b.hit.trigger.pos == "noun" and 0 < b.sentence - a.sentence <= 2:
        # "ويعد الهجوم الأعنف…": a definite noun tells the earlier happening again; its clause's
        # actors are the speaker's or a bystander's, so only a different place in its own clause
        # separates them
        explicit_place = y.place is not None and "place" not in y.inferred and b.place_in_clause
        if explicit_place and x.place is not None and x.place != y.place:
            return False
        # "انسحبت الهيئة … مما اضطر حركة أحرار الشام للانسحاب": a noun with an agent of its own that
        # differs from the earlier event's is another happening
        return not (
            x.actor1
            and y.actor1
            and x.actor1 != y.actor1
            and "actor1" not in x.inferred + y.inferred
            and y.type in ("RETREAT", "MOBILIZE", "COERCE")
        )
    if a.sentence == b.sentence and _battle_and_gain(a, b):
        return True
    if x.type == "MOBILIZE" and (a.hit.trigger.id in _SWEEPS) != (b.hit.trigger.id in _SWEEPS):
        return False  # "استقدم الحشد تعزيزات وبدأ عملية تمشيط": bringing troops, then sweeping
    if x.type == "COERCE" and x.mode and y.mode and x.mode != y.mode:
        return False  # "اعتقال ثلاثة من عناصر داعش وضبط مخزن للأسلحة": an arrest and a seizure
    if not _compatible(a, b):
        return False
    died_of = x.mode is None and y.mode == "torture" and _fold(a.hit.trigger.lemma) in _CASUALTY_LEMMAS
    if x.mode != y.mode and {x.mode, y.mode} & _OWN_HAPPENING_MODES and not died_of:
        # "مقتل الشاب … تحت التعذيب" is one happening: death under torture
        return False  # "بهجوم شنه مسلحون … بعد أن خطفوا أحد أبناء القرية": an abduction is its own event
    if a.sentence == b.sentence:
        return True
    # Told again in a later sentence: a definite noun ("الغارات", "القصف") that shares an actor or place.
    definite = "ال" in b.hit.prefix or b.hit.prefix.endswith("لل")
    return b.hit.trigger.pos == "noun" and definite and b.sentence - a.sentence <= 2


def split_by_place(events: list[Draft], ctx: DocContext) -> list[Draft]:
    """ACLED events are atomic per place: "غارات على كفرزيتا واللطامنة ومورك" is three events, one for
    each place of the list that follows the trigger (counts stay with the first)."""
    out: list[Draft] = []
    for d in events:
        out.append(d)
        if d.event.place is None or d.event.type in VERBAL_TYPES:
            continue
        listed = _place_list(ctx, d)
        if listed and listed[0].entity != d.event.place:
            # "معرشمشة وكفرروما: براميل متفجرة": the list is told before the trigger
            d.event.place = listed[0].entity
            d.event.place_relation = listed[0].attrs.get("relative")
        for place in listed[1:]:
            ev = d.event
            clone = Event(
                id="",
                type=ev.type,
                mode=ev.mode,
                trigger=ev.trigger,
                evidence=list(ev.evidence),
                actor1=ev.actor1,
                actor2=ev.actor2,
                assoc_actors=list(ev.assoc_actors),
                place=place.entity,
                place_relation=place.attrs.get("relative"),
                modality=ev.modality,
                negated=ev.negated,
                reported_by=list(ev.reported_by),
                inferred=[*ev.inferred, "split"],
                confidence=ev.confidence,
            )
            twin = Draft(clone, d.hit, d.sentence, d.clause_start, d.clause_end, d.sub_event)
            twin.time_mention = d.time_mention
            out.append(twin)
    return out


def _place_list(ctx: DocContext, d: Draft) -> list[Mention]:
    """The event's place and the places joined to it by و or a comma ("دوما وبلدات حرستا وعربين")."""
    after = ctx.within(ctx.places, d.hit.end, d.clause_end)
    places = after or ctx.within(ctx.places, d.clause_start, d.hit.start)
    if not places and not d.place_in_clause:
        # "▪️ معرشمشة وكفرروما: براميل متفجرة": the list heads the line, before the trigger's clause
        _, unit = ctx.unit_at(d.hit.start)
        places = ctx.within(ctx.places, unit.sentence.start, d.hit.start)
        if places and ctx.text[places[-1].end : d.clause_start].strip(" :-–"):
            places = []  # only a list that heads the trigger's clause
    at = next((i for i, m in enumerate(places) if m.entity == d.event.place), None)
    if at is None:
        return []
    first = at
    while first > 0 and _joined(ctx, places[first - 1], places[first]):
        first -= 1
    if "بين" in ctx.words_before(places[first].start, 2):
        return []  # "الطريق بين بلدتي المزيريب واليادودة": one place between two towns
    chain = [places[first]]
    for m in places[first + 1 :]:
        if not _joined(ctx, chain[-1], m) or m.entity in {c.entity for c in chain}:
            break
        chain.append(m)
    return chain if at < first + len(chain) else []


def _joined(ctx: DocContext, a: Mention, b: Mention) -> bool:
    """Two places of one list: "A وB", "A، B", "A وبلدات B", "A ومحيط B"."""
    gap = ctx.folded(a.end, b.start).strip(" ،,")
    if gap in ("", "و"):
        return True
    words = gap.split()
    return len(words) == 1 and words[0][:1] == "و" and words[0][1:] in _PLACE_HEADS


def attach_casualty_sentences(events: list[Draft], ctx: DocContext, counter: CasualtyCounter) -> None:
    """A sentence with casualty counts and no event of its own adds its counts to the previous event."""
    told = [span for d in events for span in d.event.evidence]
    for i, unit in enumerate(ctx.units):
        if any(span.start < unit.sentence.end and unit.sentence.start < span.end for span in told):
            continue
        counts = counter.counts(ctx, unit.sentence.start, unit.sentence.end)
        if not counts:
            continue
        owner = next((d for d in reversed(events) if d.sentence < i and d.event.type == "ASSAULT"), None)
        if owner is None or i - owner.sentence > 2:
            continue
        for kind, sides in counts.items():
            for side, n in sides.items():
                owner.event.counts.setdefault(kind, {}).setdefault(side, n)
        owner.event.evidence.append(
            Span(unit.sentence.start, unit.sentence.end, ctx.text[unit.sentence.start : unit.sentence.end])
        )


def resolve_timeline(events: list[Draft], ctx: DocContext) -> None:
    """Dates from the text or the publication date; relative times ("في اليوم التالي") anchored on the
    previous event, resolved when that event's date is known. Never invented."""
    doc = ctx.doc
    previous: Draft | None = None
    for d in events:
        ev = d.event
        m = d.time_mention
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
        elif previous is not None and (
            previous.sentence == d.sentence
            or (d.sentence - previous.sentence <= 3 and _simultaneous(ctx, d))
            or (
                d.sentence - previous.sentence <= _NARRATIVE_REACH
                and ev.type not in VERBAL_TYPES
                and previous.event.type not in VERBAL_TYPES
                and previous.event.date is not None
                and "text" in (previous.event.time or {})
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


def _simultaneous(ctx: DocContext, d: Draft) -> bool:
    """Does the event's sentence open by saying it happened at the same time as what came before
    ("وبالتزامن، قصفت…", "وفي الأثناء", "في غضون ذلك")?"""
    start = ctx.unit_at(d.hit.start)[1].sentence.start
    return ctx.folded(start, start + 24).lstrip().startswith(_AT_THE_SAME_TIME)


# Openings of a sentence that tell something happening at the time of what was told before.
_AT_THE_SAME_TIME = (
    "وبالتزامن",
    "بالتزامن",
    "وفي الاثناء",
    "في الاثناء",
    "في غضون ذلك",
    "وفي غضون ذلك",
    "وفي الوقت نفسه",
)

# How many sentences on a report still goes on in the time its last dated event set.
_NARRATIVE_REACH = 1


def _within_day(attrs: dict[str, Any]) -> bool:
    """A TIME mention without a calendar value that stays inside one day: a clock time, a part of the
    day, a span of hours."""
    return attrs.get("kind") == "time-of-day" or attrs.get("precision") == "hour"


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


def link_disputes(events: list[Draft], denials: frozenset[str], ctx: DocContext) -> None:
    """A denial ("تنكر وتكذب تدخلنا", "نفى المرصد") disputes the claim it names right after it, or the
    latest earlier event; both sides record the link."""
    for i, d in enumerate(events):
        word = _fold(d.hit.text)
        if word not in denials and word[1:] not in denials:
            continue
        d.event.type = "REJECT"
        claim = next(
            (
                n
                for n in events[i + 1 :]
                if 0 <= n.hit.start - d.hit.end < 25 and _fold(n.hit.text) not in denials
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
