"""Who did it and to whom: actor1, actor2 and associated actors of an event, read from word order,
voice, prepositions, reported speech, the document's author and the actors told before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from marsad.events.acled import TERRITORIAL
from marsad.events.context import DocContext, is_number, strip_and
from marsad.events.draft import Draft
from marsad.events.forces import head_noun_antecedent
from marsad.events.lexicon import VERBAL_TYPES, default_event_cues
from marsad.events.parties import agreement_parties
from marsad.events.subjects import (
    CONSTRUCT_HEADS,
    HEDGES,
    LAM_HEADS,
    NOT_WE,
    OUR_FORCES,
    PARTITIVE,
    SUPPORTING,
    acting_state,
    armed,
    circumstantial,
    civilian_victims,
    claimed_by,
    control_subject,
    coordinated_subject,
    counted_group,
    definite_subject,
    during_subject,
    first_conjunct,
    gap_words,
    generic_force_subject,
    hedged_subject,
    joined_noun,
    list_item,
    named_subject,
    next_to_event_noun,
    object_follows,
    opens_clause,
    operation_described,
    other_side,
    our_force,
    participle_clause_subject,
    person_object,
    person_subject,
    pronoun_subject,
    quoted_speaker,
    reporting_speaker,
    result_agent,
    sabaqa_subject,
    said_again,
    shares_subject,
    speaker_pronoun,
    spokesman_side,
    state_before,
    state_subject,
    subject_word_before,
    svo_subject,
    unknown_body_before,
    voice_in_clause,
    we_form,
    we_say,
    we_subject,
)
from marsad.events.triggers import TriggerHit
from marsad.model import Entity, Mention
from marsad.recognize.select import add_actor_entity
from marsad.text.gate import gated
from marsad.text.normalize import normalize_key
from marsad.text.positions import count_below
from marsad.text.words import first_words, last_words, occurrence_starts

# Words before an actor that make it the target or partner, or the agent of a noun or passive trigger.
_TARGET: Final = frozenset(
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
# Positions struck: "غارات جوية استهدفت تحصينات المسلحين" (but "لتعزيز تمركزات الجيش" moves with them).
_POSITIONS: Final = frozenset({"تحصينات", "تمركزات", "معاقل", "اوكار", "ثكنات"})


# Verbs of a monitor's work: who follows, records or documents a deed is not its agent.
_OBSERVING: Final = (
    "تابع",
    "تتابع",
    "نتابع",
    "رصد",
    "ترصد",
    "نرصد",
    "وثق",
    "توثق",
    "نوثق",
    "راقب",
    "تراقب",
    "نراقب",
)

_PARTNER: Final = frozenset({"مع", "الي", "بين"})


_AGENT: Final = frozenset(
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
    # "عبوة زرعتها عناصر القاعدة", "طائرة مسيّرة أطلقتها الجماعة", "سيارة مفخخة فجّرها انتحاري"
    | {"زرعه", "زرعها", "زرعته", "زرعتها", "زرعوه", "زرعوها"}
    | {"اطلقه", "اطلقها", "اطلقته", "اطلقتها", "اطلقوه", "اطلقوها"}
    | {"فجره", "فجرها", "فجرته", "فجرتها", "فجروه", "فجروها"}
)


_LOSS: Final = frozenset({"سقط", "سقوط", "خساره", "خسر", "خسرت"})


# Lemmas of death and wounding: their complement is the victim, whoever announces them.
CASUALTY_LEMMAS: Final = frozenset({"مقتل", "قتل", "اصيب", "جرح", "اصابه"})


# Nouns of support and partnership: the actor after them accompanies, it is not the agent.
_ACCOMPANY: Final = frozenset(
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


_COMPARISON: Final = frozenset({"غرار", "مثل", "شاكله", "نهج"})


# Targets whose owner follows with ل: "استهداف تجمع لـقوات النظام", "تدمير دبابة لجيش الأسد".
_OWNED_TARGETS: Final = frozenset(
    {"تجمع", "تجمعا", "رتل", "رتلا", "دوريه", "موقع", "موقعا", "مقر", "مقرا", "نقطه", "دبابه", "اليه"}
    | {"عربه", "سياره", "مستودع", "مستودعا", "مخزن", "مخزنا", "حاجز", "حاجزا", "ثكنه", "طقم", "طقما"}
)


# Checkpoints, whose owner arrests the people stopped at them.
_CHECKPOINTS: Final = frozenset({"حاجز", "حواجز", "نقطه", "سيطره", "مفرزه", "الحاجز", "حاجزا"})


# Words of a charge: the actor after them is what someone is accused of belonging to, not a party.
_CHARGE: Final = frozenset(
    {"بتهمه", "تهمه", "بتهم", "تهم", "بشبهه", "شبهه", "متهمين", "متهم", "المتهمين", "متهمون", "بالانتماء"}
    | {"للانتماء", "بالتعامل", "بالتخابر"}  # "أربعة متهمين بالانتماء إلى داعش": an affiliation, no party
)


_WE_OBJECT: Final = gated(r"(?<!\w)(?:من|مع|الي|علي|ل|عن)نا(?!\w)")


_THEY_OBJECT: Final = gated(r"(?<!\w)(?:(?:من|مع|الي|علي|ل|عن)(?:هم|ه|ها)|(?:الي|مع) \w{3,}هم)(?!\w)")


# Far from the trigger only a plural "them" is a party: "عليه" and "لها" down the clause are the victim
# ("بإطلاق النار عليه"), the thing denied ("أي علاقة لها") or the crime ("المسؤولين عنها").
_THEY_PLURAL: Final = gated(r"(?<!\w)(?:(?:من|مع|الي|علي|ل|عن)هم|(?:الي|مع) \w{3,}هم)(?!\w)")


_CLAUSE_END: Final = re.compile(r"[.،,:;\n]")
_NOT_WORD: Final = re.compile(r"\W")

# Triggers whose object is the attack they stop: that attack is part of the same clash.
GOVERNING: Final = frozenset(
    {"repel", "repel-noun", "repel-advance", "confront", "foil", "foil-noun", "thwart"}
)

# Air defence stopping a strike: the aircraft or missile shot down is the target's.
SHOOT_DOWN: Final = frozenset({"shoot-down", "shoot-down-noun"})

# A death in custody, told by its verb (توفي) or its noun (وفاة): kept only where custody is named.
DEATH_IN_CUSTODY: Final = frozenset({"death-in-custody", "death-in-custody-noun"})


@dataclass(init=False, slots=True)
class _DraftFacts:
    """What ``_role`` reads about the draft being filled (a plain record, so no closure ties it to itself)."""

    hit: TriggerHit
    hi: int
    noun: bool
    voice: str | None
    casualty: bool
    active_verb: bool
    open_subject: bool
    carries_subject: bool
    undergone_at: int | None
    entities: dict[str, Entity]

    # by hand, so that mypyc compiles it (docs/development.md)
    def __init__(
        self,
        hit: TriggerHit,
        hi: int,
        noun: bool,
        voice: str | None,
        casualty: bool,
        active_verb: bool,
        open_subject: bool,
        carries_subject: bool,
        undergone_at: int | None,
        entities: dict[str, Entity],
    ) -> None:
        self.hit = hit
        self.hi = hi
        self.noun = noun
        self.voice = voice
        self.casualty = casualty
        self.active_verb = active_verb
        self.open_subject = open_subject
        self.carries_subject = carries_subject
        self.undergone_at = undergone_at
        self.entities = entities


def _role(ctx: DocContext, facts: _DraftFacts, m: Mention) -> str:
    """How an actor mention takes part in the draft's happening: "agent", "target", "partner", "plain"…"""
    hit, hi, noun, voice, casualty = facts.hit, facts.hi, facts.noun, facts.voice, facts.casualty
    active_verb, open_subject, carries_subject = facts.active_verb, facts.open_subject, facts.carries_subject
    undergone_at, entities = facts.undergone_at, facts.entities
    if undergone_at is not None and undergone_at < m.start and m.end <= hit.start:
        return "target"
    words = ctx.words_before(m.start, 6)
    if (
        hit.trigger.type == "ASSAULT"
        and m.start > hit.end
        and words[-1:] in (["تديره"], ["يديره"], ["تديرها"])
    ):
        return "agent"  # "توفي داخل سجن قرنادة الذي تديره القيادة العامة": the one holding him
    if (
        hit.trigger.type == "ASSAULT"
        and m.start > hit.end
        and words[-1:] in (["لسيطره"], ["سيطره"])
        and words[-2:-1]
        and words[-2].startswith(("الخاضع", "خاضع"))
    ):
        return "target"  # "قصفت … قريتي شوارغة والمالكية الخاضعتين لسيطرة قسد": the side holding them
    prefix = ctx.attached_prefix(m)
    if (
        prefix.endswith("ل")
        and words[-2:-1] in (["بيان"], ["تصريح"], ["بلاغ"])
        and m.end <= hit.start
        and ctx.tokens_between(m.end, hit.start - len(hit.prefix)) == 0
    ):
        return "agent"  # "بيان لوحدات مقاومة سنجار يحمّل الحكومة…": whose statement says it
    if words and m.start > 0 and ctx.text[m.start - 1].isalpha():
        # "لقوات", "لـقوات", "بـفاغنر": the proclitic written on the name, not a word before it
        prefix = prefix or words[-1]
        words.pop()
    if (
        (hit.trigger.type == "COERCE" or (hit.trigger.mode == "abduct" and (noun or voice == "passive")))
        and prefix.endswith("ل")
        and words
        and (
            words[-1] in _CHECKPOINTS
            # "اختُطف من نقطة تفتيش تابعة للجماعة"
            or (
                words[-1] in LAM_HEADS
                and bool(set(words[-4:-1]) & _CHECKPOINTS)
                and bool(set(words[-5:-2]) & {"من", "علي", "عند"})
            )
        )
        and m.start > hit.end
    ):
        return "agent"  # "اعتُقل الشاب على حاجز لـفرع الأمن العسكري": whose checkpoint made the arrest
    if (
        m.start > hit.end
        and prefix.endswith("ل")
        and words
        and words[-1] in _OWNED_BY
        and _by_the_hand(ctx, m)
    ):
        # "على يد مسلحين يتبعون جهاز الأمن الخاضع لجماعة الحوثي": the body the named perpetrators
        # belong to did it
        return "agent"
    popped_target = False
    popped: list[str] = []
    if words and not prefix and words[-1][:1] in ("ل", "ب") and words[-1][1:] in CONSTRUCT_HEADS:
        # "تجمعاً لمرتزقة العدوان": the proclitic sits on the head noun before the name
        prefix, words[-1] = words[-1][:1], words[-1][1:]
    if prefix.endswith("ل") and words and words[-1] in _FORCE_NOUNS and m.end <= hit.start and active_verb:
        prefix = ""  # "دورية للهيئة اعتقلت ناشطاً": a patrol of X is X, the verb's subject
    if prefix.endswith("ل") and open_subject and m.start > hit.end:
        unit = ctx.folded(hit.end, m.start - len(prefix)).split()
        if (
            unit[:1]
            and unit[0] in _FORCE_NOUNS
            and all(w.endswith("ه") and w not in CONSTRUCT_HEADS for w in unit[1:2])
            and len(unit) <= 2
        ):
            return "plain"  # "داهمت دورية مشتركة لـقسد منازل": the patrol right after the verb acts
    if (
        prefix.endswith("ل")
        and len(words) > 1
        and words[-1] in CONSTRUCT_HEADS
        and words[-2] in LAM_HEADS
        and m.start > hit.end
    ):
        words.pop()  # "خلية تابعة لتنظيم داعش": the head the proclitic sits on is the force's
    if not prefix and len(words) > 1 and words[-1] == "الي" and words[-2] in _BELONGING:
        prefix, words = "ل", words[:-1]  # "مسلحون ينتمون إلى جهاز دعم الاستقرار": as "تابعون لـ"
    if prefix.endswith("ل") and words and words[-1] in LAM_HEADS:
        owned = [a for a in ctx.within(ctx.actors, max(0, m.start - 60), m.start) if a.end < m.start]
        if owned and ctx.tokens_between(owned[-1].end, m.start) <= 2:
            # "مع مقاتلي الفيلق الثالث التابع للجيش الوطني": the body a named unit belongs to, no side
            # of its own
            return "owner"
        prefix = ""  # "أرتال تابعة لـهيئة تحرير الشام", "التابعة للقوات الروسية": the force itself
        words.pop()
        if hedged_subject(ctx, hit, m):
            # "اختطف مسلحون تبين لاحقاً أنهم يتبعون لجهاز دعم الاستقرار الصحفي…": the men's body
            return "agent"
        if len(words) > 1 and words[-1].endswith(("يه", "ي")) and words[-2] in _HOLDINGS:
            words.pop()  # "على مواقع عسكرية تابعة للجيش السعودي": the holding's adjective
        if len(words) > 1 and words[-1].startswith("ال") and words[-2] in _LOYAL_FORCES:
            words.pop()  # "مع الميليشيات المسلحة التابعة لحكومة الوفاق": the force's adjective
        if words and (
            strip_and(words[-1]) in _HOLDINGS
            # "استهدفت تمركزات وآليات تابعة لميليشيات الوفاق": joined to a holding
            or (strip_and(words[-1]) in _VEHICLES and hit.trigger.type in ("ASSAULT", "COERCE"))
        ):
            # "قصف مقر تابع للحشد الشعبي": the owner of a position that was hit is the target
            popped_target = True
            words.pop()
        elif words and (words[-1] in CONSTRUCT_HEADS or words[-1] in _LOYAL_FORCES):
            # "معارك مع القوات الموالية لتحالف العدوان": the words before the force give the role
            words.pop()
            if (
                open_subject
                and ctx.tokens_between(hit.end, m.start) == 2
                and object_follows(ctx, m, hi, past_time=True)
            ):
                return "agent"  # "هاجمت خلية تابعة لتنظيم داعش فجر اليوم حاجزاً": the verb's subject
    while words and (
        words[-1] in CONSTRUCT_HEADS
        or (
            words[-1] == "من"
            and len(words) > 1
            and (words[-2] in PARTITIVE or strip_and(words[-2]) in PARTITIVE or is_number(words[-2]))
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
        # "استسلم 157 عنصراً من مرتزقة داعش": an intransitive withdrawal's men are its subject
        and (open_subject or (not noun and hit.trigger.type == "RETREAT" and not carries_subject))
        and {w for w in popped if w in _TARGET} <= _PEOPLE_HEADS | {"عنصرا"}
        # "استهدفت عناصر من قوات النظام في…": she targeted them; "داهمت عناصر من الأمن منازل": they
        # raided homes
        and (
            not _feminine_verb(hit)
            or object_follows(ctx, m, hi, past_time=True)
            # "استولت عناصر من الفرقة الرابعة على أربعة منازل": the verb's place after على
            or (
                hit.trigger.object == "place"
                and first_words(ctx.folded(m.end, min(hi, m.end + 12)), 1) == ["علي"]
            )
        )
        and (
            ctx.tokens_between(hit.end, m.start) == len(popped)
            # "استسلم 157 عنصراً من مرتزقة داعش": a count of the men who gave themselves up
            or (
                (hit.trigger.type == "RETREAT" or hit.trigger.object == "none")
                and words[-1:] != []
                and is_number(words[-1])
                and ctx.tokens_between(hit.end, m.start) == len(popped) + 1
            )
        )
    ):
        popped_target = False  # "هاجم عناصر من الهيئة نقطة…": men right after the verb are its subject
        last = ""
    if (
        not noun
        and not popped_target
        and last in _TARGET
        and m.start >= hit.end
        and ctx.tokens_between(hit.end, m.start) == len(popped)
    ):
        # "استهدفت قوات النظام …", "استهدف مجاهدو المقاومة الإسلامية …": the trigger verb itself,
        # its subject follows (VSO), also behind the head of a part of it
        last = ""
    if noun and "ال" in hit.prefix and m.start < hit.start and _source_words(words):
        # "وقال المتحدث باسم التحالف … أثناء احتمائه من القصف": the speaker of a report is no agent
        # of the happening it tells again (a definite noun); "قال المتحدث باسم قسد إن اشتباكات
        # عنيفة تدور" may well be his side's fight
        return "source"
    if (
        active_verb
        and m.start > hit.end
        and hit.trigger.type in ("ASSAULT", "COERCE")
        and words
        and is_number(words[-1])
        and _victim(entities.get(m.entity or ""))
    ):
        return "target"  # "واعتقلت ثلاثة محتجين": people counted after the verb are taken, not takers
    if prefix.endswith("ل") and words and words[-1] in SUPPORTING:
        return "owner"  # "الطيران المسير الإماراتي الداعم لحفتر": the party backed, no side of its own
    if (
        hit.trigger.type == "REQUEST"
        and m.start > hit.end
        and ctx.tokens_between(hit.end, m.start) == 0
        and _victim(entities.get(m.entity or ""))
        and _call_content_follows(ctx, m)
    ):
        return "target"  # "وتدعو أهالي درنة إلى الابتعاد", "داعياً المحتجين إلى…": the people called on
    if _holder_of_the_place(words):
        # "بسطت سيطرتها على المواقع التي كانت تتمركز فيها ميليشيات الوفاق": who held the ground
        return "target"
    if set(words[-4:]) & _CHARGE or _charged_in_quotes(ctx, m):
        return "charge"  # "اعتقال 11 شخصاً بتهمة الانتماء إلى خلايا التنظيم": the charge, not a party
    if last in _ACCOMPANY or (last in ("من", "مع") and set(words[-3:-1]) & _ACCOMPANY):
        # "بمساندة من الطيران الروسي", "بالتنسيق مع التحالف", "بإسناد جوي من طيران التحالف": a
        # co-participant
        return "accompany"
    if popped_target and not (last in _AGENT or (noun and last == "من" and m.start > hit.end)):
        return "target"  # "على مواقع قوات النظام"; but "مصدره مواقع قسد" names the agent
    if last in _COMPARISON:
        return "comparison"  # "على غرار جيش الفتح": a model, not a participant
    if m.start > hit.end and set(words[-5:]) & HEDGES:
        return "agent"  # "هجوم شنه مسلحون يُعتقد أنهم من خلايا تنظيم الدولة": a hedged perpetrator
    if m.start > hit.end and hit.trigger.type in ("ASSAULT", "COERCE") and set(words[-3:]) & _HOLDING_PLACES:
        return "agent"  # "تحت التعذيب في أحد سجون هيئة تحرير الشام": whose prison it was
    if (
        hit.trigger.type == "PROTEST"
        and m.start > hit.end
        and any(w.lstrip("و").startswith(_PROTESTED) for w in words[-4:])
    ):
        return "target"  # "مظاهرة باعزاز رافضة لدخول الهيئة": what the protest is against, not who protests
    if hit.trigger.type == "PROTEST" and set(words[-3:]) & {"امام", "قدام"}:
        return "oblique"  # "وقفة احتجاجية أمام مبنى حكومة الإنقاذ": where, not who, a protest faces
    if active_verb and m.end <= hit.start and _weapon_subject(ctx, m, hit):
        return "oblique"  # "مقتل جنود من X بانفجار عبوة ناسفة استهدفت طقمهم": the bomb hit them
    if (
        hit.trigger.id == "ambush"
        and prefix.endswith("ل")
        and m.start > hit.end
        and any(w.lstrip("و").startswith(("نصب", "ينصب", "تنصب")) for w in ctx.words_before(hit.start, 4))
    ):
        return "target"  # "كميناً محكماً لمجموعة من الفرقة الرابعة": whom the ambush was laid for
    if last in _AGENT and hit.trigger.id in GOVERNING and m.start > hit.end:
        # "تصدى مقاتلو جيش العزة لمحاولة تسلل نفذتها قوات النظام": who carried out the repelled
        # attack is the target of the repelling
        return "target"
    if (
        last in _AGENT
        or (
            noun
            and not casualty
            and hit.trigger.id not in GOVERNING  # "صد تعرض لفلول داعش": the repelled attack's agent
            and m.start > hit.end
            and (
                (last == "من" and ctx.tokens_between(hit.end, m.start) <= 5)
                # "ل" marks the agent right after the noun and its adjectives; after an object it marks
                # the object's owner: "تدمير ثلاث مضافات لعصابات داعش", "استهدفت … مقراً لكتائب حزب الله"
                or (
                    prefix.endswith("ل")
                    and (
                        ctx.tokens_between(hit.end, m.start) <= 2
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
    if last in _TARGET or prefix.endswith("ل") or (last in _POSITIONS and hit.trigger.type == "ASSAULT"):
        return "target"
    if last in _PARTNER:
        return "partner"
    if last in ("من", "عبر") or prefix.endswith("ب"):
        return "oblique"  # "بقذائف من…", "تبناه التنظيم عبر وكالة أعماق": a source or a medium
    return "plain"


def _can_act(entities: dict[str, Entity], hit: TriggerHit, m: Mention) -> bool:
    """Victims and monitors do not carry out violence (protesters do protest)."""
    entity = entities.get(m.entity or "")
    inter = entity.attrs.get("inter") if entity else None
    kind = entity.attrs.get("type") if entity else None
    if hit.trigger.type == "PROTEST" or (hit.trigger.type in VERBAL_TYPES and kind == "other"):
        return True  # "وندد المحتجون بـ…", "وطالب الأهالي بـ…": people who say and ask
    return inter != 7 and kind != "other"


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
    casualty = normalize_key(hit.trigger.lemma) in CASUALTY_LEMMAS

    # a verb whose subject is still to come: no plural ending and no actor right before it
    voice = voice_in_clause(ctx, hit, hi)
    active_verb = not noun and voice == "active"
    carries_subject = pronoun_subject(hit)
    open_subject = (
        active_verb
        and hit.person != "we"
        and not carries_subject
        and svo_subject(ctx, hit, list(reversed(before))) is None
        # "طيران مسيّر مجهول استهدف رتلاً تابعاً لقوات الوفاق": an unknown subject stands before the verb
        and not _unknown_subject_before(ctx, hit, before)
    )

    # "تعرضت دورية تابعة لقوات X لهجوم", "تعرضت إحدى نقاطنا لقصف": the subject of "underwent" is the target
    undergone_at = _undergone(ctx, hit, lo) if noun else None

    facts = _DraftFacts(
        hit, hi, noun, voice, casualty, active_verb, open_subject, carries_subject, undergone_at, entities
    )
    roles = {id(m): _role(ctx, facts, m) for m in after + before}
    for prev, m in pairwise(before + after):
        # "مع مرتزقة العدوان وعناصر تنظيم القاعدة": an actor joined by و to a target or partner is one too;
        # so is one joined to a supporter ("بإسناد من القوة الجوية العراقية وطيران التحالف الدولي")
        if roles[id(prev)] not in ("target", "partner", "accompany") or roles[id(m)] != "plain":
            continue
        gap = gap_words(ctx, prev.end, m.start)
        if len(gap) <= 3 and (ctx.attached_prefix(m).startswith("و") or (gap and gap[0][:1] == "و")):
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
        if ((ctx.words_before(m.start, 1) or [""])[-1] in _AGENT or hedged_subject(ctx, hit, m))
        and ctx.tokens_between(hit.end, m.start) <= 14
    ]
    # "في هجوم تبنّاه تنظيم داعش", "الطائرة تابعة للقيادة العامة": a claim or an attribution anywhere in
    # the rest of the sentence names the agent of a violent event
    claimed = (
        [m for m in ctx.within(ctx.actors, hit.end, unit.sentence.end) if claimed_by(ctx, m)]
        if hit.trigger.type == "ASSAULT"
        else []
    )
    beyond += [m for m in claimed if m not in beyond]
    roles.update({id(m): "agent" for m in beyond})
    agents = [
        m
        for m in after + before + beyond
        if roles[id(m)] == "agent"
        and _can_act(entities, hit, m)
        and (noun or voice == "passive" or hedged_subject(ctx, hit, m))
        and (m in claimed or _within_agent_reach(ctx, hit, m))
    ]
    targets = [m for m in after + before if roles[id(m)] in ("target", "partner")]
    # "انسحبوا من المدينة وقوات الوفاق دخلت ترهونة": an actor that opens the next clause is its subject
    after = [m for m in after if not opens_clause(ctx, m)]
    near_after = [m for m in after if roles[id(m)] == "plain" and ctx.tokens_between(hit.end, m.start) <= 3]
    # an object is named close to its verb; an actor far down a long clause belongs to another action
    plain_after = [m for m in after if roles[id(m)] == "plain" and ctx.tokens_between(hit.end, m.start) <= 8]
    reach = 14 if hit.trigger.id in GOVERNING else 8  # "تصدى … لمحاولة تسلل نفذتها مجموعات من X"
    # the reach leaves out actor names between ("قصفت القوات التركية وفصائل الجيش الوطني السوري بالمدفعية
    # الثقيلة مواقع لقسد": the target is seven words on, past two names)
    deed = hit.trigger.type in ("ASSAULT", "COERCE")
    targets = [
        m
        for m in targets
        if (
            m.start < hit.start
            or (len(gap_words(ctx, hit.end, m.start)) if deed else ctx.tokens_between(hit.end, m.start))
            <= reach
        )
        # "معارك عنيفة غرب مأرب وغارات للتحالف": the complement of the noun joined after this one is its own
        and not (
            noun
            and m.start > hit.end
            and any(
                h.prefix[:1] == "و" and h.trigger.pos == "noun" and h.trigger.type == hit.trigger.type
                for h in ctx.triggers_within(hit.end, m.start)
            )
        )
    ]
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
        control_subject(ctx, hit, before)
        if (noun and not casualty) or (undertaken and not hit.prefix)
        else None
    )
    we = (
        hit.person == "we"
        or we_form(hit)
        or we_subject(ctx, hit, hi)
        # "بسطت قواتنا مساء أمس سيطرتها الكاملة": our force as the subject of a light verb before the noun
        or (
            noun
            and not agents
            and controller is None
            and any(
                our_force(w)
                for w in _light_verb_reach(last_words(ctx.folded(lo, hit.start - len(hit.prefix)), 9))
            )
        )
        # "ونؤكد أن قواتنا ستردّ", "فإن مجاهدينا سيستأنفون": our force right before the verb (SVO)
        or (not noun and our_force(subject_word_before(ctx, hit)))
        or controller == "we"
        or (
            noun
            and not agents
            and controller is None
            and any(w.endswith("نا") and len(w) > 4 and w not in NOT_WE for w in before_words)
        )
    ) and not (
        # "تابعت منظمتنا المواجهات بين…": we watched the deed, we did not do it
        noun
        and any(
            w.lstrip("و").startswith(_OBSERVING) for w in ctx.words_before(hit.start - len(hit.prefix), 3)
        )
    )
    # "تعرضت إحدى دورياتنا لكمين", "تعرضنا لهجوم": we underwent the deed, someone else did it
    we_undergone = (
        undergone_at is not None
        and hit.person != "we"
        and any(
            w.endswith("نا")
            # "تعرضت دورية تابعة لقواتنا": a unit of our forces
            and (_our_target(w) or our_force(w.removeprefix("ل")) or _UNDERGO.fullmatch(w) is not None)
            for w in ctx.folded(undergone_at, hit.start).split()
        )
    )
    we = we and not we_undergone
    # "بشرعييهم تنكر": a noun with "their" right before the verb makes "they" the subject
    they_subject = (
        not noun and bool(before_words) and before_words[-1].endswith("هم") and len(before_words[-1]) > 4
    )

    actor1: Mention | None = None
    actor2: Mention | None = None
    partners: list[Mention] = []  # actors joined by و to the subject before the verb
    # an actor, or a known person ("الدبيبة طالب الطرفين…"), right before the verb is its subject
    subject_before = any(
        ctx.tokens_between(m.end, hit.start - len(hit.prefix)) == 0
        for m in before + [p for p in ctx.within(ctx.persons, lo, hit.start) if p.entity]
    )
    head_noun = (
        definite_subject(ctx, hit, hi)
        if not noun
        and hit.trigger.type in VERBAL_TYPES
        and not subject_before
        # "استدعت وزارة الخارجية العراقية السفير": an actor right after the verb is its subject
        and not any(ctx.tokens_between(hit.end, m.start) == 0 for m in after)
        else None
    )
    # "كما أفرج الجهاز الأحد عن 23 محتجزاً": a definite noun after a deed's verb that begins the name
    # of an actor named before stands for that actor
    named_head = (
        head_noun_antecedent(ctx, head, hit.start)
        if not noun
        and hit.trigger.type not in VERBAL_TYPES
        and not subject_before
        and ctx.text[hit.end : hit.end + 4].strip().startswith("ال")
        and (head := definite_subject(ctx, hit, hi)) is not None
        else None
    )
    if we:
        # "العميد يحيى سريع: قواتنا البحرية استهدفت…" quoted in a post: the speaker's side
        ev.actor1 = ctx.author or quoted_speaker(ctx, hit)
        actor2 = _first(targets, plain_after)
        if actor2 is None and not noun:
            # "ونحذّر تركيا من…", "نحمّل روسيا المسؤولية": a state right after our verb is its object;
            # "نحمّل خليفة حفتر المسؤولية": so is a person of the knowledge base
            ev.actor2 = state_subject(ctx, hit, lo, hi, right_after=True) or person_object(ctx, hit, hi)
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
    elif not noun and (sabaq := sabaqa_subject(ctx, hit, before)) is not None:
        # "سبق لـكتائب حزب الله أن هددت باستهداف قواعد التحالف": the one after "سبق لـ" did it
        actor1 = sabaq
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif (
        not noun
        and voice == "active"
        and not (near_after and ctx.tokens_between(hit.end, near_after[0].start) == 0)
        and (described := operation_described(ctx, draft, previous)) is not None
    ):
        # "نفذت قوة من جهازنا عملية إنزال …، استهدفت مضافة يتحصن فيها عدد من قيادات داعش"
        ev.actor1 = described
        actor2 = _first(targets, [m for m in plain_after if m.entity != described])
    elif (
        noun
        and not casualty
        and near_after
        and hit.trigger.id not in GOVERNING  # "صد الجيش": the genitive of a repelling is repelled
        and armed(entities.get(near_after[0].entity or ""))
        and not any(
            # "استيلاء عناصر من العمشات على منازل": the takers of property are named by a part of them
            (w in ("في", "من") and ev.mode != "seize") or is_number(w) or w.isdigit()
            for w in ctx.folded(hit.end, near_after[0].start).split()
        )  # "اعتقال ٣ من عناصر التنظيم": men counted out of a force are the ones acted on
    ):
        # "اعتقال قوات النظام 14 شخصاً", "قصف قوات النظام": an armed genitive is the agent
        actor1 = near_after[0]
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif voice == "passive" and noun and not adjunct and not casualty:
        # "الحوثيون يواصلون استهداف الأحياء": the complement is the target, the clause's subject acts
        actor2 = _first(plain_after, targets)
        actor1 = _first(agents, [m for m in plain_before if _can_act(entities, hit, m)])
    elif voice == "passive":
        actor2 = _first(plain_after, plain_before, targets)
        actor1 = _first(agents)
    elif they_subject:
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author})
        ev.inferred.append("actor1")
        actor2 = _first(targets, plain_after)
    elif not noun and (issuer := _statement_issuer(ctx, hit, lo)) is not None:
        # "الانتقالي اصدر بيان قبل ساعه دعا فيه المحتجين…": what a statement says, its issuer says
        actor1 = issuer
        actor2 = _first(targets, [m for m in plain_after if m.entity != issuer.entity])
    elif (
        not noun
        and hit.trigger.type in VERBAL_TYPES
        and hit.prefix.startswith("و")
        and (line_speaker := _line_speaker(ctx, hit)) is not None
    ):
        # "🗣 الانتقالي في بيان: "…" ويتهم حزب الإصلاح بالوقوف ورا التحريض": the speaker the line opens with
        actor1 = line_speaker
        actor2 = _first(targets, [m for m in plain_after if m.entity != line_speaker.entity])
    elif (clause_subject := participle_clause_subject(ctx, hit)) is not None:
        # "بينما نعت وحدات مقاومة سنجار مقاتليها الثلاثة، متوعدة بـ«رد قاسٍ»": the clause's own subject
        ev.actor1 = clause_subject
        actor2 = _first(targets, plain_after)
    elif (speaker := reporting_speaker(ctx, hit)) is not None:
        # "وقال المركز الإعلامي لقسد إن القصف طال قريتين، نافياً وجود أي مقاتلين": the reporter
        ev.actor1 = speaker
        actor2 = _first(targets, [m for m in plain_after if m.entity != speaker])
        if actor2 is None:
            ev.actor2 = state_subject(ctx, hit, lo, hi, right_after=True)
    elif (circumstance := circumstantial(ctx, draft, previous)) is not None:
        # "نفت الجماعة استهداف المدنيين، متهمةً القوات الحكومية بقصف الأحياء", "…، مطالبةً بالإفراج
        # عنهم": a participle after the clause has that clause's subject
        ev.actor1 = circumstance.event.actor1
        actor2 = _first(targets, plain_after)
        if actor2 is None:
            ev.actor2 = state_subject(ctx, hit, lo, hi, right_after=True)
    elif not noun and (speaker := speaker_pronoun(ctx, hit)) is not None:
        # "وقالت قوات الكرامة إنها ستتصدى…", "فإنها تحذر دول العدوان": the pronoun is the speaker, the
        # actor after the verb its object
        ev.actor1 = speaker or None
        actor2 = _first(targets, plain_after)
    elif (joined := joined_noun(ctx, draft, previous, near_after)) is not None:
        # "اعتقال ٣ من عناصر التنظيم وضبط كمية من المتفجرات": nouns joined by و share their agent
        ev.actor1 = joined.event.actor1
        actor2 = _first(targets, [m for m in plain_after if m.entity != ev.actor1])
    elif (again := said_again(ctx, draft, previous)) is not None:
        # "وتطالب المنظمة المجلس الانتقالي بـ…، كما تطالب جماعة الحوثي بـ…": the same verb again with
        # كما keeps its subject; the actor after it is the new addressee
        ev.actor1 = again.event.actor1
        actor2 = _first(targets, plain_after)
    elif not noun and (addressee := _signer_addresses(ctx, hit, near_after)) is not None:
        # "وتدعو جماعة الحوثي إلى الكشف عن مصير…" in a signed report: the signer asks, the actor is asked
        ev.actor1 = ctx.author
        actor2 = addressee
    elif named_head is not None:
        ev.actor1 = named_head
        actor2 = _first(targets, [m for m in plain_after if m.entity != named_head])
    elif head_noun is not None:
        # "وتطالب الشبكة بالكشف…" (the network named before), "وتدعو المنظمة المجلس الانتقالي إلى…": a
        # definite noun right after the verb is its subject; the actor after it is the addressee
        # a noun no actor named before begins with, in a signed text, is the signer speaking of itself
        # ("وتحذّر الوزارة", "ويحذّر الجهاز", "وتحمّل غرفة العمليات")
        ev.actor1 = head_noun_antecedent(ctx, head_noun, hit.start) or ctx.author
        actor2 = _first(targets, plain_after)
        addressed = [
            m for m in ctx.within(ctx.places, hit.end, hi) if ctx.tokens_between(hit.end, m.start) == 1
        ]
        if actor2 is None and addressed and not ctx.attached_prefix(addressed[0]):
            ev.actor2 = acting_state(ctx, addressed[0])  # "وتطالب المنظمة تركيا بـ…"
    elif not noun and not agents and (org := person_subject(ctx, hit, lo, hi)) is not None:
        # "قالت واشنطن إن القرشي فجّر عبوة ناسفة": a known person acts for his organization
        ev.actor1 = org
        actor2 = _first(targets, plain_after)
    elif (
        not noun
        and (joined_to := _joined_verb(draft, previous)) is not None
        and (state := state_subject(ctx, hit, lo, hi, right_after=True)) is not None
    ):
        # "الحكومة العراقية تدين القصف التركي وتطالب أنقرة بوقف…": a joined verb keeps its named subject;
        # the capital after it is its object
        ev.actor1, ev.actor2 = joined_to.event.actor1, state
    elif (
        not noun
        and svo_subject(ctx, hit, plain_before) is None  # "القوات المسلحة إذ تحمّل واشنطن": the object
        and (state := state_subject(ctx, hit, lo, hi, right_after=True)) is not None
    ):
        # "حملت أنقرة قوات النظام مسؤولية الغارة": the capital right after the verb is its subject
        ev.actor1 = state
        actor2 = _first(targets, plain_after)
    elif not noun and not agents and (state := state_before(ctx, hit, lo, plain_before)) is not None:
        # "وكانت واشنطن قد اتهمت تشكيلاتنا": a capital right before the verb is its subject
        ev.actor1 = state
        actor2 = _first(targets, plain_after)
    elif (
        not noun
        # "اعتقلت الجماعة أربعة تربويين …، ثم أفرجت عن اثنين منهم": no subject named after the verb either
        and (carries_subject or not any(ctx.tokens_between(hit.end, m.start) <= 1 for m in after))
        and (chained := _then_verb(ctx, draft, previous)) is not None
    ):
        # "تسللوا تحت جنح الظلام ثم انسحبوا": a verb after ثم goes on with the subject of the one before
        ev.actor1 = chained.event.actor1
        actor2 = _first(targets, [m for m in plain_after if m.entity != ev.actor1])
    elif (
        not noun
        and not agents
        and not near_after
        and (ongoing := _time_clause_verb(ctx, draft, previous) or _joined_with_object(draft, previous))
        is not None
    ):
        # "استكملت وحدات الجيش السيطرة على حي المغار بعد أن سيطرت على حيي شيحا", "احتجزتهم ليومين قبل أن
        # تفرج عنهم": a verb of a time clause that names no subject goes on with its sentence's actor, and
        # so does a joined verb with its object pronoun ("اعتقلت قوة من الشرطة أربعة محتجين واحتجزتهم")
        ev.actor1 = ongoing.event.actor1
        actor2 = _first(targets, [m for m in plain_after if m.entity != ev.actor1])
        if actor2 is None and ongoing.event.actor2 != ev.actor1:
            ev.actor2 = ongoing.event.actor2
    elif not noun and not agents and _unknown_subject_before(ctx, hit, before):
        # "طيران مسيّر مجهول استهدف رتلاً تابعاً لقوات الوفاق": the unknown subject before the verb
        # leaves the actor after it the object
        actor2 = _first(targets, plain_after)
    elif not noun and not agents and ((svo := svo_subject(ctx, hit, plain_before)) or carries_subject):
        # "قوات النظام هاجمت الهيئة" (SVO), "هاجموا قوات النظام" (the verb carries its subject, whose
        # antecedent comes before it): the actor after the verb is its object
        actor1 = _first(
            [m for m in ([svo] if svo is not None else plain_before) if _can_act(entities, hit, m)]
        )
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
            ev.actor2 = state_subject(ctx, hit, lo, hi, right_after=True)  # "إذ تحمّل واشنطن …"
    else:
        subjects = (
            agents
            if agents
            else [
                m
                for m in (near_after if not noun else [] if hit.trigger.id in GOVERNING else near_after[:1])
                + plain_before
                # "بعد اشتباكات دامت ساعات أسفرت عن مقتل 9 من عناصر الميليشيات": the complement of
                # another event word after the noun is none of its sides
                + [p for p in plain_after if not (noun and ctx.hits_within(hit.end, p.start))]
                if _can_act(entities, hit, m)
            ]
        )
        if not agents and not noun and hit.trigger.type in VERBAL_TYPES and named_subject(ctx, hit, lo, hi):
            # "طالب قائممقام سيدكان الحكومة بوقف القصف التركي": an official the KB does not hold speaks;
            # only an actor right after him (his body) can be the subject
            subjects = [
                m
                for m in near_after
                if ctx.tokens_between(hit.end, m.start) <= 2
                # "نفت وزارة الدفاع في حكومة الوفاق": the body of the actor after في
                or ctx.words_before(m.start, 1)[-1:] == ["في"]
            ]
        actor1 = subjects[0] if subjects else None
        if actor1 is not None and actor1 in plain_before:
            # "اضطر حركة أحرار الشام وجيش العزة للانسحاب": the first named of the coordination leads
            actor1 = first_conjunct(ctx, actor1, before)
        # "أحبطت وحدات من المقاومة الوطنية وألوية العمالقة": an actor joined to the subject acts with it
        rest = [
            m
            for m in plain_after
            if m is not actor1
            and not _joined_to(ctx, actor1, m)
            and not (noun and hit.trigger.type == "PROTEST" and ctx.hits_within(hit.end, m.start))
        ]
        actor2 = _first(targets, rest)
    # "اشتباكات بين قسد والجيش الوطني", also "بين مسلحين من تنظيم الدولة وآخرين"
    between = [
        m
        for m in after
        if ctx.words_before(m.start, 1)[-1:] == ["بين"]
        or (m.start > hit.end and _after_between(ctx.words_before(m.start, 4)))
    ]
    if not between and hit.trigger.id in TWO_SIDED:
        # "تجددت الاشتباكات، اليوم الثلاثاء، بين قوات حكومة الوحدة و…": the sides past a time's commas
        _, sentence_unit = ctx.unit_at(hit.start)
        beyond_sides = [
            m
            for m in ctx.within(ctx.actors, hi, min(sentence_unit.sentence.end, hit.end + 100))
            if ctx.words_before(m.start, 1)[-1:] == ["بين"] or _after_between(ctx.words_before(m.start, 4))
        ]
        if beyond_sides and not ctx.triggers_within(hit.end, beyond_sides[0].start):
            between = beyond_sides[:1]
            for m in between:
                roles.setdefault(id(m), "partner")
    if (
        between
        and not we
        and not (
            # "يقصف مدينة الأتارب وفيه إصابات بين المدنيين": among the victims, not between two sides
            actor1 is not None
            and actor1.end <= hit.start
            and len(other_side(ctx, between[0], hit)) == 0
            and not armed(entities.get(between[0].entity or ""))
        )
    ):
        # "اشتباكات بين قسد والجيش الوطني": the two sides in the order named
        pair = [between[0], *other_side(ctx, between[0], hit)[:1]]
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
            ctx.tokens_between(hit.end, actor1.start) > 0
            or hit.trigger.type in ("ACCUSE", "REQUEST", "REJECT")
        )
        # "واتهمت حركة النجباء بدورها واشنطن": "in its turn" marks a new subject
        and first_words(ctx.folded(actor1.end, actor1.end + 14), 1) not in (["بدوره"], ["بدورها"], ["بدورهم"])
        and (shared := coordinated_subject(ctx, draft, previous, lo, hi)) is not None
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
    if (
        ev.actor1 is None
        and ev.actor2 is not None
        and hit.trigger.id in TWO_SIDED
        and noun
        # "سيطرت قوات النظام على البلدة بعد معارك مع الهيئة": a fight that won ground is that capture's
        and not any(
            d.event.type == "ASSAULT" and normalize_key(d.hit.trigger.lemma) not in CASUALTY_LEMMAS
            for d in same_sentence(previous, draft.sentence)
        )
    ):
        # "قُتل جنديان من الجيش الوطني في اشتباكات مع مسلحي مجلس الشورى": the fight's other side is the
        # armed actor its sentence named before it
        sentence_start = ctx.unit_at(hit.start)[1].sentence.start
        fighter = next(
            (
                m
                for m in reversed(ctx.within(ctx.actors, sentence_start, hit.start))
                if m.entity != ev.actor2 and armed(entities.get(m.entity or ""))
            ),
            None,
        )
        if fighter is not None:
            ev.actor1 = fighter.entity
            ev.inferred.append("actor1")
    if ev.actor1 is None and not we and not noun and voice == "active":
        ev.actor1 = during_subject(ctx, draft, previous)
    if ev.actor1 is None and not we and not noun and voice == "active":
        shared = coordinated_subject(ctx, draft, previous, lo, hi)
        if shared is not None and shared != ev.actor2:
            ev.actor1 = shared  # "باغت عناصر الهيئة دورية … وقتلوا أربعة منهم": the first verb's subject
            ev.inferred.append("actor1")
    if ev.actor1 is None and not we and not noun and voice == "active" and hit.prefix.startswith("و"):
        opener = _clause_opening_subject(ctx, hit)
        if opener is not None and opener != ev.actor2:
            # "أن القوات الأمنية عثرت على منصة الإطلاق، وضبطت صاروخين آخرين": the subject the sentence
            # opens with, of a verb that names no event
            ev.actor1 = opener
            ev.inferred.append("actor1")
    if ev.actor2 is None and hit.trigger.type in ("ASSAULT", "COERCE"):
        # "قُتل أربعة من البيشمركة ومدني في هجوم…": the victims named in the sentence
        _, unit = ctx.unit_at(hit.start)
        # the agents of the sentence's earlier events ("إفراج قوة الردع عن 14 محتجزاً بعد احتجازهم")
        doers = {d.event.actor1 for d in same_sentence(previous, draft.sentence)}
        two_sided = hit.trigger.id in TWO_SIDED
        held = hit.trigger.mode == "torture" and bool(
            set(ctx.folded(unit.sentence.start, unit.sentence.end).split()) & _HOLDING_WORDS
        )
        if held and "prisoners" in ctx.kb_actors:
            # "مقتل الشاب … تحت التعذيب في أحد سجون الهيئة": tortured in custody, a prisoner
            add_actor_entity(ctx.doc, ctx.kb_actors, "prisoners")
            ev.actor2 = "prisoners"
            ev.inferred.append("actor2")
        in_sentence = ctx.within(ctx.actors, unit.sentence.start, unit.sentence.end)
        sentence_roles = [roles.get(id(m)) or _role(ctx, facts, m) for m in in_sentence]
        for i in range(1, len(in_sentence)):
            # "بإسناد من طيران الجيش العراقي وطيران التحالف الدولي": both support
            prev, m = in_sentence[i - 1], in_sentence[i]
            if (
                sentence_roles[i - 1] == "accompany"
                and sentence_roles[i] == "plain"
                and ctx.attached_prefix(m).startswith("و")
                and len(gap_words(ctx, prev.end, m.start)) <= 1
            ):
                sentence_roles[i] = "accompany"
        victims = [
            m
            for m, m_role in zip(in_sentence, sentence_roles, strict=True)
            if ev.actor2 is None
            and m not in partners
            and m.entity not in (ev.actor1, None)
            and (m.entity not in doers or m.start > hit.start)
            and m_role not in ("agent", "comparison", "accompany", "charge", "owner")
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
            and civilian_victims(ctx, unit.sentence.start, unit.sentence.end)
        ):
            # "مقتل طفل وإصابة امرأة برصاص قناص", "قُتل 14 بينهم نساء وأطفال": civilians by what they are
            add_actor_entity(ctx.doc, ctx.kb_actors, "civilians")
            ev.actor2 = "civilians"
            ev.inferred.append("actor2")
    if hit.trigger.id in DEATH_IN_CUSTODY and "prisoners" in ctx.kb_actors:
        # "أبلغت أسرته بوفاته داخل سجن معيتيقة": a detainee died; an actor read as its object holds him
        holder = ev.actor2 if ev.actor2 not in (None, "civilians", "prisoners") else None
        holder = holder or _notifier(ctx, hit, lo) or _custody_holder(ctx, hit)
        add_actor_entity(ctx.doc, ctx.kb_actors, "prisoners")
        ev.actor2 = "prisoners"
        if ev.actor1 is None and holder is not None:
            ev.actor1 = holder
    if ev.actor1 is None and not we and hit.trigger.type in ("COERCE", "ASSAULT", "MOBILIZE"):
        # "إدارة الأمن العام بتطلق حملة تمشيط … الحملة بلشت الساعة ٧، وتم القبض على ٩ مطلوبين": a sentence
        # opened by the operation told before goes on with its doer
        operator = _operation_opening(ctx, draft, previous)
        if operator is not None:
            ev.actor1 = operator
            ev.inferred.append("actor1")
    if ev.actor1 is None and (hit.trigger.id in DEATH_IN_CUSTODY or hit.trigger.mode == "torture"):
        # "اعتقلته دورية لجهاز الردع … وتسلمت أسرته جثته وعليها آثار تعذيب": the captor of the detainee
        # told just before holds him
        captor = _captor_told_before(draft, previous)
        if captor is not None:
            ev.actor1 = captor
            ev.inferred.append("actor1")
    if we_undergone and ev.actor2 is None and ev.actor1 != ctx.author:
        ev.actor2 = ctx.author
    tail = ctx.view.text[ctx.view.to_view(hit.end) : ctx.view.to_view(hi)]
    head = " ".join(first_words(tail, 4))
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
    elif not targets and ev.mode != "release" and _THEY_OBJECT.search(head):
        # ("ثم أفرجت عن اثنين منهم": the people held, not a party)
        other = salient(ctx, previous, hit.start, {ctx.author, ev.actor1})
        if other:
            ev.actor2 = other  # "دفعنا معهم"
            ev.inferred.append("actor2")
    if (
        (ev.actor2 is None or hit.trigger.id == "disperse-crowd")
        and hit.trigger.pos == "verb"
        and hit.trigger.type in ("ASSAULT", "COERCE")
        and normalize_key(hit.text).endswith(("هم", "ها"))
    ):
        # "تظاهر العشرات …، ففرّقتهم قوات الأمن", "قبل أن تعتقلهم": the crowd that protested just before
        crowd = next(
            (
                d.event.actor1
                for d in reversed(previous)
                if d.event.type == "PROTEST" and d.event.actor1 and draft.sentence - d.sentence <= 1
            ),
            None,
        )
        if crowd and crowd != ev.actor1:
            ev.actor2 = crowd
            if "actor2" not in ev.inferred:
                ev.inferred.append("actor2")
    if ev.actor1 is None and not we and voice == "active" and not noun and head_noun is None:
        state = state_subject(ctx, hit, lo, hi)
        if state:
            ev.actor1 = state  # "نفت موسكو", "قالت واشنطن": the state acts through its forces
    if (
        ev.actor1 is None
        and not we
        and hit.trigger.type in VERBAL_TYPES
        and (line_speaker := _line_speaker(ctx, hit)) is not None
        and (line_speaker.entity != ev.actor2 or hit.trigger.type == "THREATEN")
    ):
        # "الجيش الوطني: أي تصعيد جديد سيُقابل برد حاسم": the line's speaker threatens, he is not threatened
        ev.actor1 = line_speaker.entity
        if ev.actor2 == ev.actor1:
            ev.actor2 = None
    if (
        ev.actor1 is None
        and not we
        and not noun
        and bool(previous)
        and draft.sentence - previous[-1].sentence <= 1
        and voice == "active"
        and hit.trigger.type != "PROTEST"
        # "ويؤكد الجهاز …، ويهيب بالمواطنين": in a statement, a call with no named subject is the signer's
        and not (hit.trigger.type == "REQUEST" and ctx.author)
        # a subject the KB does not know ("غادرت أرتال موالية لباشاغا", "ناشطون يطالبون") is no "they"
        and not (
            named_subject(ctx, hit, lo, hi)
            or unknown_body_before(ctx, hit)
            or generic_force_subject(ctx, hit, lo, hi)  # "دكّ سلاح الجو المسيّر": ours, given below
            or shares_subject(ctx, draft, previous)
            or next_to_event_noun(ctx, hit)
            or head_noun is not None
            # "وتطالب المنظمة القيادة العامة بـ…، كما تطالب جهاز الردع": the same saying again keeps its
            # unnamed subject
            or said_again(ctx, draft, previous) is not None
            # "طائرة مسيّرة مجهولة قصفت": an unknown subject stays unknown
            or any(w.startswith("مجهول") for w in ctx.words_before(hit.start - len(hit.prefix), 3))
        )
    ):
        # "they" (a verb with no named subject): the most salient actor that is not the narrator
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author, ev.actor2})
        if ev.actor1 is not None:
            ev.inferred.append("actor1")
    if (
        ev.actor2 is None
        and hit.trigger.type not in VERBAL_TYPES  # "نطالب بالإفراج عنهم": what is asked, not of whom
        and ev.mode != "release"  # "ثم أفرجت عن اثنين منهم": the people held, not a party
        and _THEY_PLURAL.search(tail)
        and not _place_left(hit, tail)
    ):
        other = salient(ctx, previous, hit.start, {ctx.author, ev.actor1})
        if other:
            ev.actor2 = other
            ev.inferred.append("actor2")
    if (
        ev.actor1 is None
        and hit.trigger.type == "REQUEST"
        and ctx.author
        # "ويهيب", "وتدعو", "دعوتها": a call of the present, or the signer's own
        and (
            normalize_key(hit.text).endswith(("ها", "ه"))
            or (not noun and not hit.prefix.endswith("س") and normalize_key(hit.text)[:1] in "يت")
        )
        and (
            not named_subject(ctx, hit, lo, hi)
            # "كما تدعو أهالي مرزق وأوباري إلى التعاون": the people named are the ones called on
            or any(roles.get(id(m)) == "target" and _victim(entities.get(m.entity or "")) for m in after[:1])
        )
        and "فديه" not in ctx.folded(hit.end, hi)  # "وطالبت ذويه بفدية": the kidnappers ask
        and armed(entities.get(ctx.author))
    ):
        # "ويهيب بالمواطنين التعاون", "وتجدد القيادة دعوتها للسكان": the signer calls
        ev.actor1 = ctx.author
        ev.inferred.append("actor1")
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
        and armed(entities.get(ev.actor1 or ""))
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
        counted = counted_group(ctx, hit, hi)
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
    if hit.trigger.id == "hold-responsible" and hit.person != "we" and ev.actor1 is not None:
        blamed = _blamed_party(ctx, hit, hi)
        if blamed is not None and blamed.entity == ev.actor1:
            # "وتحمّل القوات الأمريكية المسؤولية الكاملة": the party after the verb is the one blamed; the
            # one blaming is the subject before it, or the statement's signer
            subject = next(
                (m for m in reversed(before) if m.entity != blamed.entity and _can_act(entities, hit, m)),
                None,
            )
            ev.actor2 = blamed.entity
            ev.actor1 = subject.entity if subject is not None else ctx.author
    if ev.actor1 is None and hit.trigger.type == "THREATEN" and ctx.author:
        ev.actor1 = ctx.author  # "أي تعرض لقطعاتنا سيقابل برد حازم": a statement's threat is its signer's
    if ev.actor1 is None and not we and generic_force_subject(ctx, hit, lo, hi):
        # "كما نفذ سلاح الجو غارات", "القطعات مستمرة بتمشيط": in a statement, the signer's own forces
        ev.actor1 = ctx.author
    if (
        (ev.actor1 is None or "actor1" in ev.inferred)
        and not we
        and not ctx.author
        and (side := spokesman_side(ctx, hit, lo, hi)) is not None
    ):
        ev.actor1 = side  # "أعلن المتحدث العسكري للحوثيين أن القوات البحرية استهدفت…": his side's forces
        if "actor1" in ev.inferred:
            ev.inferred.remove("actor1")
    if (
        (noun or (not hit.prefix and normalize_key(hit.text) in _VERBAL_NOUN_FORMS))
        and not casualty
        and ctx.author
        and ev.actor1 != ctx.author
        and (
            ev.actor1 is None
            or "actor1" in ev.inferred
            or (actor1 is not None and roles.get(id(actor1)) != "agent")
        )
        and armed(ctx.doc.entities.get(ctx.author))
        and list_item(ctx, hit)
    ):
        # "نفذت قواتنا العمليات التالية: ١- استهداف تجمع لقوات النظام …، ٢- صد محاولة تقدم الميليشيات":
        # the signer's operations; a force named after the noun without an agent's mark is acted on
        if ev.actor1 is not None and ev.actor2 is None:
            ev.actor2 = ev.actor1
        ev.actor1 = ctx.author
        ev.inferred.append("actor1")
    if ev.actor1 is None and noun and not casualty:
        result = result_agent(ctx, draft, previous)
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
    if hit.trigger.type == "REJECT" and hit.trigger.pos == "noun" and ctx.author and we_say(ctx, hit):
        # "ونؤكد أن ما روجت له وسائل إعلام العدوان … عارٍ عن الصحة": we deny it
        ev.actor1 = ctx.author
    if hit.trigger.type == "REQUEST" and _victim(entities.get(ev.actor2 or "")):
        # "نطالب السلطات بحماية المدنيين", "يطالبون بهدنة لإخراج المدنيين": whom a request is for is not
        # whom it is addressed to
        ev.actor2 = None
    if (
        noun
        and any(w in ctx.text[max(lo, hit.start - len(hit.prefix) - 6) : hit.start] for w in ("عن", "وراء"))
        and _BLAMED_FOR.search(
            ctx.folded(max(lo, hit.start - len(hit.prefix) - 40), hit.start - len(hit.prefix))
        )
    ) or (
        # "نحمّل واشنطن المسؤولية الكاملة عن الغارة التي استهدفت…": the blamed deed's own verb
        not noun
        and _BLAMED_DEED_VERB.search(
            ctx.folded(max(0, hit.start - len(hit.prefix) - 60), hit.start - len(hit.prefix))
        )
    ):
        # "نحمّل حفتر المسؤولية الكاملة عن القصف": blaming names no agent (gold/README.md), unless the deed
        # is said to be the accused's own ("عن المجزرة التي ارتكبتها طائراتها")
        blame = next(
            (d for d in reversed(same_sentence(previous, draft.sentence)) if d.event.type == "ACCUSE"), None
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
        and normalize_key(hit.text).removeprefix("س").startswith(_SUFFER_THREAT)  # "سيقابل برد"
        # "أي محاولة … ستقابل برد" in a post nobody signed: the guess at the speaker stays
        and ("actor1" not in ev.inferred or ctx.author)
    ):
        # "سيدفع العدو الأمريكي ثمن عدوانه", "ستواجه بنيران مقاتلينا": who will pay is the one
        # threatened; the threat is the speaker's
        speaker = ctx.author or reporting_speaker(ctx, hit)
        if speaker is None and (opening := _line_speaker(ctx, hit)) is not None:
            speaker = opening.entity  # "الجيش الوطني: أي تصعيد سيُقابل برد"
        if ev.actor1 is not None and ev.actor1 != speaker:
            ev.actor2 = ev.actor1
        ev.actor1 = speaker
    if (
        ev.actor1 is None
        and (hit.trigger.type in ("AGREE", "CONSULT") or hit.trigger.id in TWO_SIDED)
        and _BOTH_SIDES.search(ctx.folded(lo, hi))
    ):
        # "اتفاق لوقف إطلاق النار بين الطرفين", "هدنة توصل إليها الطرفان", "عقد قادة الطرفين اجتماعاً",
        # "بعد اشتباكات دارت بين الطرفين": the sides of the fight told
        fight = next(
            (
                d
                for d in reversed(previous[-8:])
                if d.event.type == "ASSAULT"
                and d.event.actor1
                and d.event.actor2
                and d.event.actor1 != d.event.actor2
                and not _victim(entities.get(d.event.actor2))  # a fight has two armed sides
            ),
            None,
        )
        if fight is not None and draft.sentence - fight.sentence <= 4:
            ev.actor1, ev.actor2 = fight.event.actor1, fight.event.actor2
            ev.inferred += ["actor1", "actor2"]
    if ev.actor1 is not None and not we and not noun and voice == "active" and unknown_body_before(ctx, hit):
        ev.actor1 = None  # "غير أن وزارة العدل نفت": the body named is the subject, though unknown
        if "actor1" in ev.inferred:
            ev.inferred.remove("actor1")
    parties = agreement_parties(ctx, draft, previous) if hit.trigger.type == "AGREE" else None
    if parties is not None:
        # "اتفاق وقف إطلاق النار الذي توصلت إليه روسيا وتركيا": its two parties, not who announced it
        ev.actor1, ev.actor2 = parties
        ev.inferred = [slot for slot in ev.inferred if slot not in ("actor1", "actor2")]
    defender = _air_defence_owner(ctx, hit, hi) if hit.trigger.id in SHOOT_DOWN else None
    if defender is not None:
        ev.actor1 = defender  # "اعترضت الدفاعات الجوية لـالتحالف الدولي طائرة مسيّرة"
    owner = _aircraft_owner(ctx, hit, hi) if hit.trigger.id in SHOOT_DOWN else None
    if owner is not None:
        # "إسقاط طائرة مسيّرة تركية", "أسقطت دفاعاتنا طائرة مسيّرة حوثية": whose aircraft it was is the target
        ev.actor1 = None if ev.actor1 == owner else ev.actor1
        ev.actor2 = owner
    if (
        hit.trigger.id in SHOOT_DOWN
        and ev.actor1 is None
        and ctx.author
        and ctx.author != ev.actor2
        and armed(entities.get(ctx.author))
        and "الدفاعات" in ctx.folded(lo, hit.start).split()
    ):
        ev.actor1 = ctx.author  # "تمكنت الدفاعات الجوية من إسقاط طائرة" in a force's statement: its own
    guessed = entities.get(ev.actor1 or "")
    if (
        guessed is not None
        and guessed.attrs.get("inter") in (6, 7)
        and "actor1" in ev.inferred
        and hit.trigger.type in ("COERCE", "RETREAT", "ACCUSE", "REQUEST", "REJECT")
    ):
        # "وأهله يحمّلون القوات الأمنية مسؤولية حياته", "الإفراج عن جميع الموقوفين" after a protest: a crowd
        # guessed as "they" does not arrest, release or speak for those who do
        ev.actor1 = None
        ev.inferred.remove("actor1")
    if ev.actor2 is not None and ev.actor2 == ev.actor1:
        ev.actor2 = None  # "طلعوا الاف المتظاهرين": the subject found again after the verb is no target
    if (
        ev.actor1 is not None
        and hit.trigger.type not in VERBAL_TYPES
        and ev.actor1 in entities
        and entities[ev.actor1].attrs.get("type") == "other"
    ):
        # "وأبلغت عائلته بوفاته", "وكان قد اعتقل عند حاجز" in a monitor's report: monitors, agencies and
        # civil administrations (type "other") report violence and arrests, they do not commit them
        ev.actor1 = None
        if "actor1" in ev.inferred:
            ev.inferred.remove("actor1")
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


# Quotation marks (the folded view writes them as '"'), found with str.find: a scan with a pattern
# of them tries each character of the text in turn.
_QUOTE_MARKS: Final = '"«»“”„'


def _charged_in_quotes(ctx: DocContext, m: Mention) -> bool:
    """ "بتهمة «التخابر مع العدوان»": the charge word before the quote that opens the named charge."""
    marks = ctx.cache.get("quote-marks")
    if not isinstance(marks, list):  # where the document's quotation marks stand, found once
        marks = ctx.cache["quote-marks"] = occurrence_starts(ctx.text, _QUOTE_MARKS, "")
    i = count_below(marks, max(0, m.start - 50))
    if i == len(marks) or marks[i] >= m.start:
        return False  # most names have no quote before them: no need to fold
    lead = ctx.folded(max(0, m.start - 50), m.start)
    quote = max(lead.rfind('"'), lead.rfind("«"))
    if quote < 0 or len(lead[quote + 1 :].split()) > 3:
        return False
    return bool(set(lead[:quote].split()[-1:]) & _CHARGE)


# Verbs of holding a place, in a relative clause before its holder: "التي كانت تتمركز فيها X".
_STATIONED: Final = (
    "تتمركز",
    "يتمركز",
    "تتحصن",
    "يتحصن",
    "تنتشر",
    "ينتشر",
    "تسيطر",
    "يسيطر",
    "تتواجد",
    "يتواجد",
)


def _holder_of_the_place(words: list[str]) -> bool:
    """Do the words before an actor end with a relative clause of holding a place ("التي كانت تتمركز
    فيها", "الذي يسيطر عليه")?"""
    if len(words) < 3 or words[-1] not in ("فيها", "فيه", "عليها", "عليه", "بها", "به"):
        return False
    verb = words[-2]
    if not verb.startswith(_STATIONED):
        return False
    opening = words[-4:-2]
    return any(w in ("التي", "الذي", "اللتين", "الذين", "حيث", "كانت", "كان") for w in opening)


# Belonging to, or answering to, a body: "تابعين لـ", "الخاضع لـ".
_OWNED_BY: Final = LAM_HEADS | {"الخاضع", "الخاضعه", "خاضع", "خاضعه", "خاضعين", "الخاضعين"}

# Markers of the perpetrator of a deed told before them: "على يد", "على أيدي", "من قبل", "بأيدي".
_BY_THE_HAND: Final = (("علي", "يد"), ("علي", "ايدي"), ("من", "قبل"))


def _within_agent_reach(ctx: DocContext, hit: TriggerHit, m: Mention) -> bool:
    """Is an agent near enough to the deed: 12 words (times and names of persons not counted), or 18 when
    it follows "على يد" ("… على يد مسلحين يتبعون جهاز الأمن والمخابرات الخاضع لجماعة الحوثي")?"""
    far = ctx.distance(hit.end, m.start)
    return far <= 12 or (far <= 18 and _by_the_hand(ctx, m))


def _by_the_hand(ctx: DocContext, m: Mention) -> bool:
    """Is the mention the body of perpetrators named after "على يد" / "من قبل" in the same phrase?"""
    words = ctx.words_before(m.start, 10)
    if "بايدي" in words:
        return True
    return any(pair == (a.removeprefix("و"), b) for pair in _BY_THE_HAND for a, b in pairwise(words))


_BELONGING: Final = frozenset({"ينتمون", "ينتمي", "تنتمي", "ينتميان", "المنتمين", "المنتمون", "منتمين"})


def _clause_opening_subject(ctx: DocContext, hit: TriggerHit) -> str | None:
    """The armed actor a sentence (or its "أن" clause) opens with, right before a verb, for a verb joined
    by و later in it that has no subject of its own."""
    _, unit = ctx.unit_at(hit.start)
    for m in ctx.within(ctx.actors, unit.sentence.start, hit.start):
        lead = ctx.folded(unit.sentence.start, m.start).split()
        if lead and lead[-1].lstrip("وف") not in ("ان", "انه") and len(lead) > 1:
            continue
        if ctx.tokens_between(m.end, hit.start) > 25 or not armed(ctx.doc.entities.get(m.entity or "")):
            return None
        return m.entity
    return None


def _after_between(words: list[str]) -> bool:
    """Do the words before a mention put it first after "بين" ("بين قسد", "بين مسلحين من X")?"""
    if words[-1:] == ["بين"]:
        return True
    if words[-1:] in (["تنظيم"], ["جماعه"], ["حركه"]):
        words = words[:-1]  # "بين عناصر من تنظيم داعش": the name's generic head
    tail = words[-3:] if words[-1:] == ["من"] else words[-2:]
    return len(tail) >= 2 and tail[0] == "بين" and tail[1] in PARTITIVE | CONSTRUCT_HEADS


_INTENSIFIERS: Final = frozenset({"مكثف", "عنيف", "كثيف", "متقطع", "مركز", "عشوايي", "واسع", "مباشر"})


def _adjectives(words: list[str]) -> bool:
    """Are the (folded) words, up to four, adjectives of the noun before them ("مدفعي وصاروخي مكثف")?"""
    return 0 < len(words) <= 4 and all(
        w.removeprefix("و").endswith(("ي", "يه")) or w.removeprefix("و") in _INTENSIFIERS for w in words
    )


def _place_left(hit: TriggerHit, tail: str) -> bool:
    """ "قبل انسحابها منها": what a withdrawal is "from" is the place left, not a party."""
    words = first_words(tail, 2)
    return hit.trigger.type == "RETREAT" and any(w.startswith(("من", "عن")) for w in words)


def _first(*groups: list[Mention]) -> Mention | None:
    """The first mention of the first non-empty group."""
    return next((g[0] for g in groups if g), None)


def _victim(entity: Entity | None) -> bool:
    """Civilians, protesters, prisoners: ACLED inter 6 and 7."""
    return entity is not None and entity.attrs.get("inter") in (6, 7)


# Nouns of the unnamed doers of a deed: "المتورطين بالهجوم", "منفذي التفجير", "المسؤولين عن الهجوم".
_PERPETRATORS: Final = frozenset(
    {"المتورطين", "المتورطون", "متورطين", "منفذي", "منفذو", "مرتكبي", "مرتكبو", "المسوولين", "المسوولون"}
)


def _anaphoric_agent(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """The agent of an event noun that names none: a definite noun ("القصف طال أيضاً…") or one with a
    possessive pronoun ("وأحكمت سيطرتها") tells again, or continues, the latest event of its kind within
    two sentences; a noun in the same sentence as an earlier event ("دخلت أرتال الهيئة عفرين بعد
    اشتباكات مع…") has that event's agent."""
    hit = draft.hit
    head = ctx.words_before(hit.start - len(hit.prefix), 2)
    if any(w.lstrip("و") in _PERPETRATORS for w in head):
        return None  # "بحثاً عن المتورطين بالهجوم": the doers are the ones sought, not the seekers
    word = normalize_key(hit.text)
    definite = "ال" in hit.prefix
    possessive = word.endswith(("ها", "هم", "ه")) and not any(
        normalize_key(f) == word for f in hit.trigger.forms
    )
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


# "الطرفان", "بين الطرفين": the two sides of a fight told before.
_BOTH_SIDES: Final = gated(r"(?<!\w)(?:ال|بين ال|[وف]ال)(?:طرف|جانب)(?:ان|ين)(?!\w)")


# Threat verbs whose subject is the one threatened: "سيدفع ثمن", "ستواجه", "سيقابل".
_SUFFER_THREAT: Final = (
    *("يدفع", "تدفع", "يواجه", "تواجه", "يقابل", "تقابل", "يكون هدفا", "تكون هدفا", "تكون اهدافا"),
    # "ستعامل كهدف معاد", "ستعد هدفاً", "لن تمر دون عقاب": what is done to whoever does it
    *(
        "تعامل كهدف",
        "يعامل كهدف",
        "تعامل كاهداف",
        "يعاملون كاهداف",
        "تعد هدفا",
        "يعد هدفا",
        "لن تمر",
        "لن يمر",
    ),
)


# "المسؤولية (الكاملة) عن" right before a deed's noun: the deed blamed on someone.
# "بالوقوف وراء الهجوم", "يقف وراء التفجير": the same charge in other words.
_BLAMED_FOR: Final = gated(
    r"(?:مسووليه(?: \w+)? عن|(?:الوقوف|بالوقوف|وقوفه|وقوفها|وقوفهم|يقف|تقف|يقفون) وراء) (?:ال)?$"
)


# "المسؤولية (الكاملة) عن الغارة التي" right before a verb: the verb tells the blamed deed.
_BLAMED_DEED_VERB: Final = gated(r"مسووليه(?: \w+)? عن \w+ (?:التي|الذي)\s*$")


# A relative clause that makes the deed the accused's own: "التي ارتكبتها طائراتها", "الذي نفذته قواته".
_OWNED_DEED: Final = re.compile(r"(?:التي|الذي) (?:ارتكب|نفذ|شن)\w* \w+(?:ها|ه)(?!\w)")


# Two-sided fighting: its casualties, civilians too, are no side (ACLED codes the clash, not an Attack).
TWO_SIDED: Final = frozenset({"clash", "clash-noun", "battle", "fighting", "fight"})


# Forces described by whom they are loyal to ("القوات الموالية لـ…", "فصائل تابعة لـ…").
_LOYAL_FORCES: Final = frozenset(
    {"القوات", "قوات", "الفصائل", "فصائل", "الميليشيات", "ميليشيات", "المجموعات", "قوه", "القوه", "عصابات"}
    # "هاجمت خلية تابعة لتنظيم داعش", "دورية تابعة لقسد"
    | {"خليه", "خلايا", "دوريه", "دوريات", "مجموعه", "مجموعات", "كتيبه", "سريه", "وحده", "وحدات", "رتل"}
    # "شنّ طيران تابع لقوات حفتر غارتين": a force's aircraft
    | {"طيران", "طايرات", "طايره", "مقاتلات", "مسيرات", "مسيره"}
    # "مع الجماعات الإرهابية التابعة لمجلس شورى ثوار بنغازي", "المسلحين التابعين لـ…"
    | {"الجماعات", "جماعات", "جماعه", "الجماعه", "المليشيات", "مليشيات", "الخلايا", "الوحدات", "العناصر"}
    | {"عناصر", "مسلحين", "المسلحين", "مسلحون", "المسلحون", "الكتايب", "كتايب", "الالويه", "الويه"}
)


# Words of custody in a torture's sentence: its victim is a prisoner.
_HOLDING_WORDS: Final = frozenset(
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
_HOLDING_PLACES: Final = frozenset({"سجن", "سجون", "معتقل", "معتقلات", "زنازين", "اقبيه", "فرع"})


def _joined_verb(draft: Draft, previous: list[Draft]) -> Draft | None:
    """The verb of the same sentence a verb joined by و goes on from, when its subject is named."""
    if not draft.hit.prefix.startswith("و") or not previous:
        return None
    p = previous[-1]
    if p.sentence != draft.sentence or p.hit.trigger.pos != "verb" or draft.hit.start - p.hit.end > 120:
        return None
    return p if p.event.actor1 is not None and "actor1" not in p.event.inferred else None


def _then_verb(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
    """The verb of the same sentence that a verb after "ثم" continues, when its subject is known."""
    if ctx.words_before(draft.hit.start - len(draft.hit.prefix), 1) not in (["ثم"], ["وثم"]) or not previous:
        return None
    last = previous[-1]
    if last.sentence != draft.sentence or last.hit.trigger.pos != "verb" or last.event.actor1 is None:
        return None
    return last


# Conjunctions of a time clause whose verb often leaves its subject unsaid: "بعد أن", "قبل أن", "بعدما".
_TIME_CLAUSE_WORDS: Final = (["بعد", "ان"], ["قبل", "ان"], ["عقب", "ان"])
_TIME_CLAUSE_WORD: Final = (["بعدما"], ["قبلما"])


def _time_clause_verb(ctx: DocContext, draft: Draft, previous: list[Draft]) -> Draft | None:
    """The deed of the same sentence, with a named agent, that a verb after "بعد أن" or "قبل أن" goes on
    from."""
    pos = draft.hit.start - len(draft.hit.prefix)
    if (
        ctx.words_before(pos, 2) not in _TIME_CLAUSE_WORDS
        and ctx.words_before(pos, 1) not in _TIME_CLAUSE_WORD
    ):
        return None
    if not previous:
        return None
    last = previous[-1]
    if (
        last.sentence != draft.sentence
        or last.event.actor1 is None
        or "actor1" in last.event.inferred
        or last.event.type in VERBAL_TYPES
        or draft.event.type in VERBAL_TYPES
    ):
        return None
    return last


def _joined_with_object(draft: Draft, previous: list[Draft]) -> Draft | None:
    """The verb of the same sentence, with a named agent, that a verb joined by و and carrying an object
    pronoun ("واحتجزتهم", "وعذبوه") goes on from."""
    hit = draft.hit
    word = normalize_key(hit.text).split()[0]
    if hit.trigger.pos != "verb" or not word.endswith(("ه", "ها", "هم", "هما")):
        return None
    if normalize_key(hit.trigger.lemma).split()[0].endswith("ه"):
        return None  # the verb's own last letter ("نبّه"), no pronoun
    joined = _joined_verb(draft, previous)
    if joined is None or joined.event.type in VERBAL_TYPES or draft.event.type in VERBAL_TYPES:
        return None
    return joined


def _signer_addresses(ctx: DocContext, hit: TriggerHit, near_after: list[Mention]) -> Mention | None:
    """In a signed text, a request in the present tense that opens its sentence and names an actor
    right after it, then what is asked ("وتدعو جماعة الحوثي إلى…", "ونطالب…"): the actor is asked."""
    if hit.trigger.type != "REQUEST" or hit.person == "we":
        return None
    if "documenter" not in ctx.cache:
        ctx.cache["documenter"] = ctx.doc.author is not None or bool(_DOCUMENTER.search(ctx.view.text))
    if not ctx.cache["documenter"]:
        return None  # neither signed nor told by a documenting "we"
    word = normalize_key(hit.text).split()[0]
    if not word.startswith(("ت", "ي")) or hit.prefix not in ("", "و"):
        return None
    _, unit = ctx.unit_at(hit.start)
    if ctx.folded(unit.clause_at(hit.start).start, hit.start - len(hit.prefix)).split():
        return None  # the verb must open its sentence or clause ("…، وتدعو")
    if not near_after or ctx.tokens_between(hit.end, near_after[0].start) != 0:
        return None
    m = near_after[0]
    # what is asked, after the addressee and any joined to it: "الحكومة العراقية والأجهزة الأمنية إلى…"
    tail = first_words(_CLAUSE_END.split(ctx.folded(m.end, m.end + 80))[0], 8)
    asked = any(w.startswith("الي") or (w.startswith("ب") and len(w) > 3) for w in tail)
    return (
        m if asked and all(w.startswith("و") or w.startswith("ال") for w in tail[: _asked_at(tail)]) else None
    )


def _asked_at(words: list[str]) -> int:
    return next(
        (i for i, w in enumerate(words) if w.startswith("الي") or (w.startswith("ب") and len(w) > 3)), 0
    )


# A documenting "we" in the text: "وثّقت منظمتنا", "رصد فريقنا", "وثّقنا".
_DOCUMENTER: Final = gated(r"(?<!\w)و?(?:منظمتنا|فريقنا|وثقنا|رصدنا|شبكتنا)(?!\w)")

_STATEMENTS: Final = ("بيان", "تصريح", "كلمه", "رساله", "منشور", "تغريده")


def _statement_issuer(ctx: DocContext, hit: TriggerHit, lo: int) -> Mention | None:
    """The actor who issued the statement a verb speaks "in" ("أصدر بياناً دعا فيه…", "نشرت تصريحاً
    حمّلت فيه…"): the actor named before the statement in the sentence."""
    if first_words(ctx.folded(hit.end, hit.end + 8), 1) not in (["فيه"], ["فيها"]):
        return None
    words = ctx.words_before(hit.start - len(hit.prefix), 6)
    at = next(
        (i for i in range(len(words) - 1, -1, -1) if words[i].lstrip("و").startswith(_STATEMENTS)), None
    )
    if at is None:
        return None
    _, unit = ctx.unit_at(hit.start)
    issuers = [m for m in ctx.within(ctx.actors, unit.sentence.start, hit.start) if m.entity]
    return issuers[-1] if issuers else None


# What may stand before a speaker who opens a line ("🗣 الانتقالي في بيان:"): emoji and punctuation only.
_SPEAKER_OPENING: Final = re.compile(r"^\W*$")


def _line_speaker(ctx: DocContext, hit: TriggerHit) -> Mention | None:
    """The actor a line opens with as its speaker, before "في بيان:" or a colon, when the line quotes him and
    then goes on with a joined verb of saying."""
    start = ctx.line_start(hit.start)
    opening = ctx.within(ctx.actors, start, hit.start)[:1]
    if not opening:
        return None
    if not _SPEAKER_OPENING.match(ctx.text[start : opening[0].start]):
        colon = ctx.text.find(":", start, hit.start)
        if colon < 0 or len(ctx.text[start:colon].split()) > 10:
            return None
        named = ctx.within(ctx.actors, start, colon)
        if not named:
            return None
        # "🔸 قائد محور صافر في الجيش الوطني: أي تصعيد جديد سيُقابل برد", "المتحدث باسم الجيش الوطني الليبي
        # أحمد المسماري: …": an official of the body named right before the colon (and his name)
        trailing = ctx.text[named[-1].end : colon]
        for person in ctx.within(ctx.persons, named[-1].end, colon):
            trailing = trailing.replace(person.text, "")
        return named[-1] if not trailing.strip() else None
    rest = ctx.folded(opening[0].end, min(hit.start, opening[0].end + 40))
    words = rest.replace(":", " : ").split()
    if words[:1] == [":"] or (words[:1] == ["في"] and words[1:2] and words[1].startswith(("بيان", "تصريح"))):
        return opening[0]
    return None


def _call_content_follows(ctx: DocContext, m: Mention) -> bool:
    """Does what the people are called to do follow them ("إلى الابتعاد", "بالتظاهر")? A few words of the
    people's place or kind may stand between ("أهالي درنة إلى")."""
    end = m.end
    for place in ctx.within(ctx.places, end, end + 60):
        if ctx.text[end : place.start].strip() not in ("", "و"):
            break
        end = place.end  # "أهالي درنة إلى", "أهالي مرزق وأوباري إلى": the people's towns
    word = first_words(ctx.folded(end, end + 24), 1)
    return bool(word) and (word[0] in ("الي", "علي") or (word[0][:2] in ("با", "لل") and len(word[0]) > 4))


# Words of what a protest rejects or denounces: "رافضة لدخول الهيئة", "تنديداً بممارسات قسد", "ضد".
_PROTESTED: Final = ("رافض", "رفضا", "تنديد", "منددين", "مندده", "ضد", "احتجاجا")


# Definite nouns of an operation that open a sentence referring back to it.
_THE_OPERATION: Final = frozenset({"الحمله", "العمليه", "المداهمه", "المداهمات", "الحملات"})


def _operation_opening(ctx: DocContext, draft: Draft, previous: list[Draft]) -> str | None:
    """The doer of the operation told just before, when the deed's sentence opens with it ("الحملة")."""
    words = ctx.folded(ctx.line_start(draft.hit.start), draft.hit.start).split()
    opening = next((w for w in words if w[:1].isalpha()), "")
    if opening.removeprefix("و") not in _THE_OPERATION:
        return None
    for p in reversed(previous):
        if draft.sentence - p.sentence > 2:
            return None
        if (
            p.event.type in ("MOBILIZE", "COERCE", "ASSAULT")
            and p.event.actor1
            and p.sentence < draft.sentence
        ):
            return p.event.actor1
    return None


def _captor_told_before(draft: Draft, previous: list[Draft]) -> str | None:
    """The agent of the arrest, abduction or death in custody told in this sentence or the one before."""
    for p in reversed(previous):
        if draft.sentence - p.sentence > 1:
            return None
        held = p.event.type == "COERCE" and p.event.mode == "arrest"
        taken = p.event.mode in ("abduct", "torture") or p.hit.trigger.id in DEATH_IN_CUSTODY
        if (held or taken) and p.event.actor1 is not None and "actor1" not in p.event.inferred:
            return p.event.actor1
    return None


def _weapon_subject(ctx: DocContext, m: Mention, hit: TriggerHit) -> bool:
    """Does a violent noun stand between the actor and the verb, right before the verb, as its subject
    ("… بانفجار عبوة ناسفة استهدفت", "… بغارة جوية استهدفت")?"""
    if hit.trigger.type != "ASSAULT" or "و" in hit.prefix:
        return False  # "فرّقتهم … واعتقلت ستة منهم": a joined verb keeps the clause's subject
    between = ctx.triggers_within(m.end, hit.start)
    if not between or between[-1].trigger.pos != "noun" or between[-1].trigger.type != "ASSAULT":
        return False
    return ctx.tokens_between(between[-1].end, hit.start - len(hit.prefix)) <= 1


# Units of a force named with ل before their verb: "دورية للهيئة اعتقلت".
_FORCE_NOUNS: Final = frozenset(
    {"دوريه", "دوريات", "عناصر", "عنصر", "مجموعه", "مجموعات", "قوه", "رتل", "ارتال", "مسلحين"}
)


# Heads of a construct that name men of a force, who may act ("عناصر من الهيئة") or be acted on.
_PEOPLE_HEADS: Final = frozenset(
    {"عناصر", "عنصر", "من", "مقاتلي", "مقاتلو", "مسلحي", "مسلحو", "افراد", "جنود"}
)


def _feminine_verb(hit: TriggerHit) -> bool:
    """A verb in the feminine singular ("استهدفت", "تستهدف"), which a plural of men rarely takes as its
    subject."""
    word = normalize_key(hit.text).split()[0]
    lemma = normalize_key(hit.trigger.lemma).split()[0]
    if word.endswith(("هم", "ها", "هما")) or (word.endswith("ه") and not lemma.endswith("ه")):
        return False  # "قبل أن تعتقلهم عناصر الأسايش": the object is the pronoun, the men are its subject
    return (word.endswith("ت") and not lemma.endswith("ت")) or (word[:1] == "ت" and lemma[:1] != "ت")


def _joined_to(ctx: DocContext, first: Mention | None, m: Mention) -> bool:
    """Is ``m`` joined by و right after ``first`` ("المقاومة الوطنية وألوية العمالقة")?"""
    if first is None or m.start < first.end:
        return False
    prefix = ctx.attached_prefix(m)
    return prefix.startswith("و") and not ctx.text[first.end : m.start - len(prefix)].strip()


# Verbs of answering an attack: "وردت القوات التركية بقصف مواقع…", "والجيش الوطني رد بقذائف الهاون":
# the noun after ب is the means of the answer, so the answering subject is its agent.
_RESPONSE: Final = frozenset(
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
    words = last_words(ctx.folded(lo, hit.start - len(hit.prefix)), 12)
    return any(w.removeprefix("و").removeprefix("ف") in _RESPONSE for w in words)


# Places and men of a force that stand for it as a target: "على مقراتنا", "استهدفوا نقاطنا".
_HOLDINGS: Final = frozenset({"مقرات", "مواقع", "نقاط", "مقر", "موقع", "حواجز", "ثكنات", "مراكز", "مخافر"})
# Vehicles whose owner is hit ("بعجلة همر تابعة للشرطة الاتحادية", "استهدفت سيارة عسكرية تابعة لقسد"),
# but moves with them ("وصول رتل من عشرين آلية تابعة لفاغنر").
_VEHICLES: Final = frozenset(
    {"عجله", "عجلات", "سياره", "سيارات", "اليه", "اليات", "طقم", "اطقم", "حافله", "مركبه", "مركبات"}
    | {"مدرعه", "مدرعات", "همر", "ناقله", "عسكريه"}
)


# "تعرضت", "يتعرض", "تعرضنا": the verb whose subject underwent what the noun after "ل" names.
_UNDERGO: Final = re.compile(r"(?<!\w)[وف]?(?:تعرض|يتعرض|تتعرض|نتعرض)(?:ت|وا|نا|ن|ون|ا|تا)?(?!\w)")


def _undergone(ctx: DocContext, hit: TriggerHit, lo: int) -> int | None:
    """Where "underwent" stands before a noun trigger written with "ل" ("تعرضت القوة لهجوم"), else None."""
    if not hit.prefix.endswith("ل") or "ال" in hit.prefix.removesuffix("ل"):
        return None
    view = ctx.view
    start = max(lo, hit.start - 80)
    found = None
    # in the folded view, so that "تعرّضت" with its shadda is found too
    for match in _UNDERGO.finditer(view.text, view.to_view(start), view.to_view(hit.start)):
        found = view.to_original(match.start())
    if found is None:
        return None
    # "تعرضت قاعدة حرير التي تستضيف قوات من التحالف فجر اليوم الأربعاء لهجوم": a time between is no distance
    if ctx.distance(found, hit.start) > 11:
        return None
    return found


# Air defences named with their owner after ل: "الدفاعات الجوية لـالتحالف", "منظومة الدفاع الجوي للجيش".
_AIR_DEFENCES_OF: Final = gated(
    r"(?<!\w)(?:ال)?(?:دفاعات|مضادات|منظومه|منظومات|دفاع)(?: (?:ال)?(?:جويه|ارضيه|الجوي|جوي))? ل"
)


def _air_defence_owner(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """Whose air defences shot it down, named after ل right after the verb: that actor acted."""
    view = ctx.view
    found = _AIR_DEFENCES_OF.search(view.text, view.to_view(hit.end), view.to_view(min(hi, hit.end + 50)))
    if found is None or ctx.tokens_between(hit.end, view.to_original(found.start())) > 0:
        return None
    at = view.to_original(found.end()) - 1
    owner = [m for m in ctx.within(ctx.actors, at, hi) if m.start - at <= 3][:1]
    return owner[0].entity if owner else None


# The aircraft or missile a shoot-down names (folded): "طائرة مسيرة", "مسيرة", "صاروخا".
_AIRCRAFT: Final = gated(
    r"(?<!\w)(?:طاير(?:ه|ات)(?: مسير(?:ه|ات))?|مسير(?:ه|ات)|صاروخ(?:ا|ين)?|صواريخ)(?!\w)"
)


def _aircraft_owner(ctx: DocContext, hit: TriggerHit, hi: int) -> str | None:
    """The actor named right after the aircraft shot down ("طائرة مسيّرة تركية", "مسيّرة للحوثيين")."""
    view = ctx.view
    craft = _AIRCRAFT.search(view.text, view.to_view(hit.start), view.to_view(min(hi, hit.end + 60)))
    if craft is None:
        return None
    end = max(hit.end, view.to_original(craft.end()))
    after = [m for m in ctx.within(ctx.actors, hit.start, hi) if m.end > end][:1]
    if not after:
        return None
    if after[0].start > end and ctx.tokens_between(end, after[0].start) > 1:
        # "طائرة تجسسية مسلحة نوع «سي إتش 4» تابعة للعدوان": its owner after "تابعة لـ" further on
        words = ctx.words_before(after[0].start, 2)
        if ctx.text[after[0].start - 1 : after[0].start].isalpha():
            words = words[:-1]  # the proclitic written on the name
        owned = words[-1:] and words[-1] in LAM_HEADS and ctx.tokens_between(end, after[0].start) <= 8
        return after[0].entity if owned else None
    return after[0].entity


# A place of custody and the words that name whose it is: "داخل سجن الصالح الخاضع لسيطرة جماعة الحوثي",
# "داخل مركز تابع للشرطة العراقية", "داخل مركز للشرطة" (folded).
_HELD_AT: Final = re.compile(
    r"(?<!\w)(?:سجن|سجون|مركز|مراكز|معتقل|مقر|مقار)(?:\s+\S+){0,4}?\s+"
    r"(?:(?:ال)?تابع(?:ه)?\s+|(?:ال)?خاضع(?:ه)?\s+لسيطره\s+|تديره\s+|يديره\s+|لدي\s+|(?=ل[^ا]|لل))"
)


def _custody_holder(ctx: DocContext, hit: TriggerHit) -> str | None:
    """ "توفي المعتقل … داخل سجن الصالح الخاضع لسيطرة جماعة الحوثي": whose prison it was holds the dead."""
    view = ctx.view
    _, unit = ctx.unit_at(hit.start)
    start, end = view.to_view(hit.end), view.to_view(min(unit.sentence.end, hit.end + 160))
    for found in _HELD_AT.finditer(view.text, start, end):
        at = view.to_original(found.end())
        near = ctx.within(ctx.actors, at, min(unit.sentence.end, at + 40))
        owner = [m for m in near if m.start - at <= 2][:1]
        if owner and armed(ctx.doc.entities.get(owner[0].entity or "")):
            return owner[0].entity
    return None


# Verbs of telling a family: "أبلغت", "أخبرت".
_NOTIFYING: Final = re.compile(r"(?<!\w)[وف]?(?:ابلغ|اخبر)\w*")


def _light_verb_reach(words: list[str]) -> list[str]:
    """The words before a noun where its doer may stand: six, or nine after "من بسط/فرض" ("تمكنت قواتنا
    المسلحة صباح اليوم الأربعاء من بسط سيطرتها")."""
    return (
        words[-9:] if words[-2:-1] == ["من"] and words[-1:] in (["بسط"], ["فرض"], ["احكام"]) else words[-6:]
    )


def _notifier(ctx: DocContext, hit: TriggerHit, lo: int) -> str | None:
    """ "أبلغت المخابرات الجوية ذوي الشاب بوفاته": the body that told the family of a death holds him."""
    view = ctx.view
    start, end = view.to_view(max(lo, hit.start - 100)), view.to_view(hit.start - len(hit.prefix))
    told = [found.end() for found in _NOTIFYING.finditer(view.text, start, end)]
    if not told:
        return None
    verb_pos = view.to_original(told[-1])
    told_by = [
        m
        for m in ctx.within(ctx.actors, verb_pos, hit.start)
        if ctx.words_before(m.start, 1)[-1:] != ["ذوي"] and armed(ctx.doc.entities.get(m.entity or ""))
    ]
    return told_by[0].entity if told_by else None


def _blamed_party(ctx: DocContext, hit: TriggerHit, hi: int) -> Mention | None:
    """The actor right after "تحمّل" that "المسؤولية" follows: the party held responsible."""
    after = ctx.within(ctx.actors, hit.end, hi)[:1]
    if not after or ctx.tokens_between(hit.end, after[0].start) > 1:
        return None
    following = ctx.folded(after[0].end, after[0].end + 60).split()
    if following[:1] not in (["المسووليه"], ["مسووليه"]):
        return None  # "وتحمّل القيادة العامة حكومة الوفاق المسؤولية": the first actor is the subject
    if following[0] == "مسووليه" and any(w[:1] == "ل" and len(w) > 3 for w in following[1:6]):
        return None  # "وحمّلت حكومة الوفاق مسؤولية الغارة لقوات حفتر": the blamed one comes after ل
    return after[0]


def _unknown_subject_before(ctx: DocContext, hit: TriggerHit, before: list[Mention]) -> bool:
    """ "طيران مسيّر مجهول استهدف…": a subject described as unknown, no actor of the knowledge base, right
    before the verb ("مسلحون مجهولون" is one: an actor)."""
    verb_start = hit.start - len(hit.prefix)
    if any(ctx.tokens_between(m.end, verb_start) == 0 for m in before):
        return False
    return any(w.startswith("مجهول") for w in ctx.words_before(verb_start, 2))


def _our_target(word: str) -> bool:
    """ "مقراتنا", "مواقعنا", "عناصرنا" (after an optional على/ع): our holdings or our men."""
    word = word.removeprefix("و").removeprefix("علي").removeprefix("ب").removeprefix("ل")
    if not word.endswith("نا") or len(word) < 5:
        return False
    stem = word[:-2].rstrip("وي")
    return stem in _HOLDINGS or stem in OUR_FORCES


# Verbs written like their verbal nouns, read as nouns where a list item opens: "٢- صد محاولة تقدم".
_VERBAL_NOUN_FORMS: Final = frozenset({"صد", "قصف", "دك", "رد", "كسر", "اسر"})


def same_sentence(previous: list[Draft], sentence: int) -> list[Draft]:
    """The drafts of ``previous`` told in ``sentence``, in order: drafts are made in text order, so they
    are the last ones (their sentence is not moved before coreference)."""
    i = len(previous)
    while i > 0 and previous[i - 1].sentence >= sentence:
        i -= 1
    return [d for d in previous[i:] if d.sentence == sentence]


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
    actors = ctx.actors
    for i in range(ctx.first_actor_ending_near(pos, 1500), len(actors)):
        m = actors[i]
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
    if normalize_key(hit.trigger.lemma) not in _LOSS:
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


_ANSWER: Final = frozenset({"الرد", "بالرد", "برد", "رد", "ردا", "الانتقام", "بالانتقام", "بالثار", "الثار"})


def retaliation_targets(events: list[Draft], ctx: DocContext) -> None:
    """A threat to answer with no one named ("وتوعّدت قسد بالرد في الزمان والمكان المناسبين"), and fire
    returned, aim at whoever last attacked the threatener in the text (marked inferred)."""
    fights: _Fights | None = None  # built on first need
    for i, d in enumerate(events):
        ev = d.event
        if ev.actor2 is not None or ev.actor1 is None:
            continue
        if ev.type == "ASSAULT" and d.sub_event in TERRITORIAL:
            # "تمكنت قواتنا من تحرير قاعدة الوطية": ground taken from the side it fights in the text
            if fights is None:
                fights = _Fights(events, ctx)
            opponent = fights.opponent(ev.actor1)
            if opponent is not None:
                ev.actor2 = opponent
                ev.inferred.append("actor2")
                fights.add(d)
            continue
        if d.hit.trigger.id == "return-fire":
            # "ردت قواتنا على مصادر النيران": the fire answered came from whoever last attacked them
            answered = _last_attacker(events[:i], ev.actor1)
            if answered is not None:
                ev.actor2 = answered
                ev.inferred.append("actor2")
                if fights is not None:
                    fights.add(d)
            continue
        if ev.type != "THREATEN":
            continue
        # "بـ«الرد»" reads 'ب"الرد"' in the folded view: letters only, without و and ب
        words = {
            _NOT_WORD.sub("", w).lstrip("وب") for w in first_words(ctx.folded(d.hit.end, d.hit.end + 40), 4)
        }
        if d.event.modality == "hypothetical" or not (_ANSWER & (words | {"ال" + w for w in words})):
            continue
        attacker = _last_attacker(events[:i], ev.actor1)
        if attacker is not None:
            ev.actor2 = attacker
            ev.inferred.append("actor2")


def _last_attacker(events: list[Draft], victim: str) -> str | None:
    """actor1 of the latest violent event whose target is ``victim``."""
    return next(
        (
            p.event.actor1
            for p in reversed(events)
            if p.event.type == "ASSAULT" and p.event.actor2 == victim and p.event.actor1 not in (None, victim)
        ),
        None,
    )


class _Fights:
    """The armed sides each actor fights in the text's assaults, kept up to date as targets are filled
    in: one pass over the events, not one per territorial event."""

    def __init__(self, events: list[Draft], ctx: DocContext) -> None:
        self.entities = ctx.doc.entities
        self.sides: dict[str, set[str]] = {}
        for p in events:
            self.add(p)

    def add(self, p: Draft) -> None:
        """Count ``p`` if it is an assault with both sides named."""
        a, b = p.event.actor1, p.event.actor2
        if p.event.type != "ASSAULT" or a is None or b is None:
            return
        if armed(self.entities.get(b)):
            self.sides.setdefault(a, set()).add(b)
        if b != a and armed(self.entities.get(a)):
            self.sides.setdefault(b, set()).add(a)

    def opponent(self, actor: str) -> str | None:
        """The one armed side ``actor`` fights elsewhere in the text (none when it fights several: which
        of them held the ground is not told)."""
        sides = self.sides.get(actor, set())
        return next(iter(sides)) if len(sides) == 1 else None
