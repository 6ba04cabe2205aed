"""Within-document coreference: mentions of one happening merged into one event with several
evidence spans, and one event split where the text lists several places."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from typing import Final

from marsad.events.acled import TERRITORIAL
from marsad.events.actors import CASUALTY_LEMMAS, DEATH_IN_CUSTODY, GOVERNING, SHOOT_DOWN, TWO_SIDED
from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.lexicon import VERBAL_TYPES, default_event_cues
from marsad.events.places import PLACE_HEADS
from marsad.events.subjects import is_circumstantial
from marsad.events.triggers import TriggerHit
from marsad.model import EntityKind, Event, Mention
from marsad.text.normalize import normalize_key
from marsad.text.words import first_words, last_words

_WEAPONS: Final = (
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
    "حزام",
    "احزمه",
)


_EXCESSIVE: Final = "Excessive force against protesters"


def merge_coreferent(drafts: list[Draft], ctx: DocContext, casualty_words: frozenset[str]) -> list[Draft]:
    """One happening told several times is one event. A later mention joins an earlier one of the same
    type when their actors and place do not conflict and they are in one sentence, or a shared actor or
    place ties them within three sentences; a casualty word ("مقتل", "قُتل") joins the latest attack
    within two sentences."""
    merged: list[Draft] = []
    headline = _headline(ctx)
    # the drafts of each sentence, for questions about a draft's own sentence; a headline's draft may
    # later move to the body sentence that retells it, so its sentence's drafts are asked too
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    moving = by_sentence.get(headline, []) if headline is not None else []
    retold: set[int] = set()  # headline events the body has told again
    for d in drafts:
        # "شنت مقاتلات أمريكية سلسلة غارات …، استهدفت إحداها محيط المطار": one of the strikes told
        target = (
            _told_by_a_part(ctx, d, merged)
            or _support_of(ctx, d, merged)
            or _joined_after_defection(ctx, d, merged)
            or _attack_told_again(ctx, d, merged)
            or _taking_after_raid(ctx, d, merged)
            or _deed_after_raid(ctx, d, merged)
            or _attackers_withdrew(ctx, d, merged)
            or _death_notified(ctx, d, merged)
        )
        if target is None and headline is not None and _definite_noun(d):
            # "إن الهجوم لم يسفر عن إصابات": a definite noun points at the body's latest telling first
            target = next(
                (
                    p
                    for p in _latest_first(merged, d, headline)
                    if p.sentence != headline and _same_happening(p, d)
                ),
                None,
            )
        if target is None and headline is not None and 0 < d.sentence - headline <= 3:
            # "مقتل عنصرين من الأسايش بهجوم لداعش" over "هاجمت خلية تابعة لتنظيم داعش…": the body tells
            # the headline's happening again, once
            target = next(
                (
                    p
                    for p in merged
                    if p.sentence == headline
                    and id(p) not in retold
                    and p.event.type == d.event.type
                    and _retells_headline(ctx, p, d)
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
                target.retrigger(d)
                target.sentence = d.sentence
        if (
            target is None
            and d.hit.trigger.pos == "noun"
            and "ب" in d.hit.prefix
            and d.event.type == "ASSAULT"
        ):
            # "دمرت قواته بغارة جوية غرفة التحكم": the strike is how the verb of its clause was done
            target = next(
                (
                    p
                    for p in reversed(merged)
                    if p.event.type == "ASSAULT"
                    and p.hit.trigger.pos == "verb"
                    and normalize_key(p.hit.trigger.lemma)
                    not in casualty_words  # "قُتل برصاص قناص": the cause
                    and p.clause_start == d.clause_start
                    and 0 <= d.hit.start - p.hit.end <= 40
                    and p.event.modality == d.event.modality
                ),
                None,
            )
        if target is None and (
            normalize_key(d.hit.trigger.lemma) in casualty_words
            or d.event.mode == "destroy"
            or is_weapon(d.hit)
        ):
            # "ووثّقنا مقتل مدنيين اثنين … بانفجار لغم": deaths whose cause their own sentence tells next
            # wait for it rather than join an attack of an earlier sentence
            same_sentence = by_sentence.get(d.sentence, []) + moving
            reach = 0 if _cause_follows(ctx, d, same_sentence, casualty_words) else 2
            if reach == 0 and "place" in d.event.inferred:
                d.event.place = None  # the place comes with the cause, not from the sentence before
                d.event.inferred.remove("place")
            target = next(
                (
                    p
                    for p in _latest_first(merged, d, headline)
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
                        # "وقال المسماري إن العملية أسفرت عن مقتل 18": the toll of an operation that won
                        # ground is that operation's
                        or (
                            normalize_key(d.hit.trigger.lemma) in casualty_words
                            and d.sentence - p.sentence <= 1
                            and p.event.modality == d.event.modality
                            and p.sub_event in TERRITORIAL
                            and any(
                                w.lstrip("و").startswith(("اسفر", "ادي", "ادت", "مقابل"))
                                for w in ctx.words_before(d.hit.start - len(d.hit.prefix), 3)
                            )
                        )
                        # "استهدفت … بلدتي السقيلبية ومحردة بعدد من القذائف": the weapon of the deed its
                        # clause tells, whatever place was read for it
                        or (
                            is_weapon(d.hit)
                            and d.clause_start == p.clause_start
                            and p.event.modality == d.event.modality
                            and any(
                                w.startswith("ب")
                                for w in [d.hit.prefix, *last_words(ctx.folded(p.hit.end, d.hit.start), 3)]
                            )
                        )
                    )
                ),
                None,
            )
        if target is None and normalize_key(d.hit.trigger.lemma) not in casualty_words:
            # "قُتل متظاهران … إثر إطلاق القوات الأمنية الرصاص الحي": the deaths told first waited for
            # this cause, whose actors are the event's
            target = next(
                (
                    p
                    for p in _latest_first(merged, d, headline)
                    if p.sentence == d.sentence
                    and p.event.type == "ASSAULT"
                    and normalize_key(p.hit.trigger.lemma) in casualty_words
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
            victims = ctx.doc.entities.get(target.event.actor2 or "") if target is not None else None
            if (
                target is not None
                and d.hit.trigger.id in TWO_SIDED
                and victims is not None
                and victims.attrs.get("inter") == 7
            ):
                # "قُتل ثلاثة أشخاص في اشتباكات اندلعت بين مجموعتين مسلحتين": the dead were no side of it
                target.event.actor2 = None
                if "actor2" in target.event.inferred:
                    target.event.inferred.remove("actor2")
            earlier = (
                next(
                    (
                        p
                        for p in _latest_first(merged, d, headline)
                        if p is not target and _same_happening(p, d)
                    ),
                    None,
                )
                if target is not None and _definite_noun(d) and d.adjunct
                else None
            )
            if earlier is not None and target is not None:
                # "سيطرت الألوية على القرية بعد مواجهات …. وقُتل 14 مسلحاً في المواجهات": the deaths and
                # their cause, a definite noun, belong to the happening told before
                merged.remove(target)
                _fold(earlier, target, False, casualty_words)
                target = earlier
        swapped = False
        if target is None:
            target, swapped = _answered_attack(ctx, d, merged)
        if target is None:
            target = next((p for p in _latest_first(merged, d, headline) if _same_happening(p, d)), None)
        if target is None:
            target = _lead_retold(ctx, d, merged, headline)
        if target is None:
            target = _reported_again(ctx, d, merged)
        if target is None and merged and _describing_verb(ctx, merged[-1], d):
            # "قصف مدفعي لقوات النظام استهدف بلدة كنصفرة", "غارة جوية … استهدفت قاربهم": the verb tells
            # what the attack named right before it hit
            target = merged[-1]
        if target is None and (taken := _ground_taken_after(ctx, d, merged)) is not None:
            # "استعادوا السيطرة على معظم أحياء البلدة بعد اشتباكات عنيفة": the fighting the ground was won
            # in is the capture (ACLED codes the territorial event with its fatalities)
            target = taken
        if target is None and merged and _subject_of_the_verb(ctx, merged[-1], d):
            # "استهدفت طائرة مسيرة تركية محيط القاعدة", "كما استهدف القصف المدفعي لجيش الاحتلال قرى…": the
            # attack noun right after a verb of attacking is its subject, the same happening
            target = merged[-1]
            if d.event.actor1 is not None and target.event.actor2 == d.event.actor1:
                # "استهدفت غارات للتحالف مواقع للحوثيين": the noun's agent, read as the verb's object
                target.event.actor2 = None
                target.event.actor1 = target.event.actor1 or d.event.actor1
            if d.event.actor1 and "actor1" in target.event.inferred and "actor1" not in d.event.inferred:
                # "كما استهدف القصف المدفعي لجيش الاحتلال": the noun names the agent a guess stood for
                target.event.actor1 = d.event.actor1
                target.event.inferred.remove("actor1")
        if target is None:
            # "بسطت وحدات الجيش سيطرتها …، بإسناد من غارات جوية استهدفت تحصينات المسلحين": the attack
            # named right before the verb was told as part of an event before it
            target = _host_of_attack_before(ctx, d, merged)
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
        _fold(target, d, swapped, casualty_words)
    return merged


def _fold(target: Draft, d: Draft, swapped: bool, casualty_words: frozenset[str]) -> None:
    """Tell ``d`` as part of ``target``: its evidence, the slots ``target`` lacks, its counts; a finer
    trigger, kind or place where ``d`` has one."""
    t, e = target.event, d.event
    if e.type == t.type and d.sub_event in TERRITORIAL and target.sub_event not in TERRITORIAL and e.place:
        # "تقدمت وحداتنا في محور عين زارة وسيطرت على معسكر اليرموك": the ground taken is the place
        t.place, t.place_relation = e.place, e.place_relation
        target.retrigger(d)
    if (
        normalize_key(target.hit.trigger.lemma) in casualty_words
        and d.hit.trigger.lemma not in casualty_words
    ):
        # "قُتل ثلاثة في هجوم شنه…": the attack, not the death toll, is the trigger
        target.retrigger(d)
        t.mode, target.sub_event = e.mode, d.sub_event or target.sub_event
        if e.place is not None and "place" not in e.inferred:
            t.place, t.place_relation = e.place, e.place_relation  # the attack's own place
    elif (
        e.type == t.type
        and target.sub_event in (None, "Armed clash")
        and d.sub_event not in (None, "Armed clash")
        # a missile fired while repelling an attack leaves the fight a clash
        and target.hit.trigger.id not in GOVERNING | TWO_SIDED
    ):
        target.sub_event, t.mode = d.sub_event, d.event.mode or t.mode  # "سقوط صاروخ": shelling
    elif (target.sub_event, d.sub_event) == ("Protest with intervention", _EXCESSIVE):
        target.sub_event = d.sub_event  # "فرّقتهم بالرصاص الحي": a dispersal with live fire
    elif target.sub_event == "Peaceful protest" and d.sub_event == "Violent demonstration":
        target.sub_event = d.sub_event  # "تظاهروا وأحرقوا الإطارات": the protest turned violent
    t.evidence.extend(x for x in e.evidence if all(x.start != y.start for y in t.evidence))
    target.told_last = max(target.told_last, d.told_last)
    # the defenders of a repelled attack are its target: "صدّت القوات الهجوم" fills actor2
    roles = (
        (("actor1", "actor2"), ("actor2", "actor1"))
        if swapped
        else (("actor1", "actor1"), ("actor2", "actor2"))
    )
    for slot, source in (*roles, ("place", "place"), ("place_relation", "place_relation")):
        if getattr(t, slot) is None and getattr(e, source) is not None:
            setattr(t, slot, getattr(e, source))
    if t.actor2 is not None and t.actor2 == t.actor1:
        t.actor2 = None  # a telling's guess must not make the agent its own target
    if target.time_mention is None:
        target.time_mention = d.time_mention
    for kind, sides in e.counts.items():
        for side, n in sides.items():
            t.counts.setdefault(kind, {}).setdefault(side, n)
    t.confidence = min(1.0, t.confidence + 0.1)


def _retells_headline(ctx: DocContext, h: Draft, d: Draft) -> bool:
    """Can the report's event ``d`` be the headline's ``h``? A headline names the place coarsely
    ("شمالي بغداد", "في السويداء"), so only a different named agent or target tells them apart; a
    spokesman named in the headline ("والمسماري ينفي") speaks for the body the report names."""
    entering = h.hit.trigger.id in ("enter", "entry-noun") and d.sub_event in TERRITORIAL
    if (
        (h.sub_event in TERRITORIAL) != (d.sub_event in TERRITORIAL) and not entering
    ) or h.event.modality != d.event.modality:
        return False  # "هيئة تحرير الشام تدخل عفرين" over "سيطرت الهيئة على مدينة عفرين": one capture
    for slot in ("actor1", "actor2"):
        u, v = getattr(h.event, slot), getattr(d.event, slot)
        if (
            u
            and v
            and u != v
            and slot not in h.event.inferred + d.event.inferred
            and not _speaks_for(ctx, u, v)
        ):
            return False
    return True


def _speaks_for(ctx: DocContext, u: str, v: str) -> bool:
    """Is one of the two a person of the knowledge base whose organization is the other?"""
    for person, body in ((u, v), (v, u)):
        entity = ctx.doc.entities.get(person)
        if (
            entity is not None
            and entity.kind == EntityKind.PERSON
            and entity.attrs.get("organization") == body
        ):
            return True
    return False


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
        # "🔴 #درعا | اغتيال شاب بطلق ناري في مدينة #طفس": a post's tags before its headline
        while words and (
            words[0] in "|-–:" or any(c == "#" or unicodedata.category(c) == "So" for c in words[0])
        ):
            words = words[1:]
        if len(words) > 16 or any(unicodedata.category(c) == "So" for c in " ".join(words)):
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


_AFTER_WORDS: Final = frozenset({"بعد", "اثر", "عقب", "خلال"})


def _ground_taken_after(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """The capture of the same clause that the fighting after "بعد"/"إثر" won."""
    if d.hit.trigger.id not in TWO_SIDED or d.hit.trigger.pos != "noun" or not merged:
        return None
    before = ctx.words_before(d.hit.start - len(d.hit.prefix), 1)
    if not before or before[-1] not in _AFTER_WORDS:
        return None
    p = merged[-1]
    if ctx.unit_at(p.hit.start)[0] != d.sentence:
        return None  # the capture's latest telling is in the clause's sentence
    if p.sub_event not in TERRITORIAL or p.event.modality != d.event.modality:
        return None
    if d.event.actor1 not in (None, p.event.actor1, p.event.actor2) and "actor1" not in d.event.inferred:
        return None
    return p


def _subject_of_the_verb(ctx: DocContext, p: Draft, d: Draft) -> bool:
    """An attack noun without a preposition right after a verb of attacking in its clause ("استهدفت طائرة
    مسيرة", "استهدف القصف المدفعي"): the verb's subject."""
    if p.clause_start != d.clause_start or p.event.type != "ASSAULT" or d.event.type != "ASSAULT":
        return False
    if p.hit.trigger.pos != "verb" or d.hit.trigger.pos != "noun" or d.hit.prefix not in ("", "ال"):
        return False
    if p.hit.person in ("we", "passive") or p.hit.trigger.id in GOVERNING | SHOOT_DOWN:
        return False
    return (
        p.event.modality == d.event.modality
        and ctx.tokens_between(p.hit.end, d.hit.start - len(d.hit.prefix)) == 0
    )


# "One of them", "some of them", "another": a verb whose subject is a part of the attacks told before.
_PARTS: Final = frozenset(
    {"احداها", "احدها", "احداهما", "بعضها", "معظمها", "اغلبها", "غالبيتها", "اخري", "اخر", "الاخري"}
    | {"الاخر"}
)
# After the verb only ("أسقطت الدفاعات إحدى المسيرتين، فيما سقطت الثانية"); before it, "تشرين الثاني" is a
# month.
_PARTS_AFTER: Final = frozenset({"الثانيه", "الثاني", "الثالثه", "الثالث"})


def _told_by_a_part(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """An attack verb whose subject is one of the attacks named just before ("استهدفت إحداها محيط المطار",
    "فيما طالت أخرى مديرية الصليف", "خمس منها استهدفت"): that attack told again."""
    if d.event.type != "ASSAULT" or d.hit.trigger.pos != "verb" or d.hit.person == "we":
        return None
    after = first_words(ctx.folded(d.hit.end, d.hit.end + 12), 1)
    before = [w.removeprefix("و") for w in ctx.words_before(d.hit.start - len(d.hit.prefix), 2)]
    if not (
        (after and (after[0] in _PARTS or after[0] in _PARTS_AFTER))
        or (before[-1:] and before[-1] in _PARTS)
        or (before[-1:] == ["منها"])
    ):
        return None
    return next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and p.hit.trigger.pos == "noun"
            and 0 <= d.sentence - p.sentence <= 1
            and p.event.modality == d.event.modality
        ),
        None,
    )


# "بإسناد من غارات جوية", "بدعم من الطيران", "تحت غطاء من القصف المدفعي": support given to an operation.
_SUPPORT: Final = frozenset({"باسناد", "بدعم", "بمسانده", "بغطاء", "غطاء", "تمهيد", "بتمهيد"})


def _joined_after_defection(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """Joining told with the defection it ends ("أعلن القيادي انشقاقه عن الجماعة وانضمامه إلى صفوف
    الجيش"): one change of side."""
    if d.hit.trigger.id not in ("join", "joining") or not merged:
        return None
    p = merged[-1]
    if p.hit.trigger.id not in ("defect", "defection") or p.sentence != d.sentence:
        return None
    gap = ctx.text[p.hit.end : d.hit.start]
    return p if d.hit.start - p.hit.end < 120 and not any(c in gap for c in ".؛;\n") else None


# Definite attack nouns that open a clause about an attack told before: "قال الجيش إن الضربات استهدفت…".
_ATTACKS_TOLD: Final = frozenset(
    {"الضربات", "الغارات", "القصف", "الهجوم", "الهجمات", "الغاره", "الضربه", "الضربتين", "الغارتين"}
    | {"الصواريخ", "الصاروخ", "المسيرات", "المسيره", "القذايف", "القذيفه"}
)
# Verbs that condemn a deed already told: "ودانت الحكومة اليمنية استهداف الحي".
_CONDEMNING: Final = frozenset(
    {"دانت", "ادانت", "دان", "ادان", "تدين", "يدين", "ندين", "استنكرت", "استنكر", "تستنكر", "نددت", "ندد"}
    | {"يندد", "تندد", "شجبت", "شجب"}
)


def _attack_told_again(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """An attack told before, named again: a verb whose subject is the attack's definite noun ("إن الضربات
    استهدفت منشأة لتخزين الطائرات"), or the deed a condemnation names ("ودانت الحكومة استهداف الحي")."""
    if not merged:
        return None
    if d.hit.trigger.id == "entry-noun" and (
        normalize_key(d.hit.text).endswith(("ها", "ه", "هم"))
        or first_words(ctx.folded(d.hit.end, d.hit.end + 20), 1) in (["المدينه"], ["البلده"], ["القريه"])
    ):
        # "مؤكداً أن دخول المدينة جاء لوقف الاقتتال", "فور دخولها": the entering told before
        for slot in ("actor1", "actor2"):
            if slot in d.event.inferred or getattr(d.event, slot) == "civilians":
                setattr(d.event, slot, None)  # the retelling's clause names whom it was for, not a side
        return next(
            (
                p
                for p in reversed(merged)
                if 0 <= d.sentence - p.sentence <= 3
                and (p.sub_event in TERRITORIAL or p.hit.trigger.id in ("enter", "entry-noun"))
            ),
            None,
        )
    if d.event.type != "ASSAULT":
        return None
    before = ctx.words_before(d.hit.start - len(d.hit.prefix), 4)
    if d.hit.trigger.pos == "verb":
        if not before or before[-1].removeprefix("و") not in _ATTACKS_TOLD or d.hit.prefix:
            return None
    elif not any(w.lstrip("و") in _CONDEMNING for w in before[-4:-1] or before) and not (
        # "تحمّل الجماعة المسؤولية الكاملة عن استهداف الأسواق": the deed blamed, told before
        before[-1:] == ["عن"] and any(w.endswith("مسووليه") for w in before[:-1])
    ):
        return None
    elif _told_with_details(ctx, d):
        return None  # "المسؤولية عن المجزرة التي ارتكبتها طائراتها أمس في كفرنبل": a deed told here
    return next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and 0 <= d.sentence - p.sentence <= 3
            and p.event.modality == d.event.modality
            and p.sub_event not in TERRITORIAL
        ),
        None,
    )


_ENTERING_BY_FORCE: Final = frozenset({"raid-arrest", "raid-arrest-noun", "storm"})


def _taking_after_raid(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """A person led away in the raid, storming or arrest just told ("داهمت مجموعة مسلحة منزله واقتادته إلى
    جهة مجهولة", "اعتقلت شابين واقتادتهما إلى جهة مجهولة", "… اقتادوهم إلى جهة مجهولة" in the next
    sentence): one deed. A raid or a storming that led someone away was an abduction."""
    if d.hit.trigger.id != "lead-away":
        return None
    reach = 1 if normalize_key(d.hit.text).endswith(("ه", "ها", "هم", "هما")) else 0
    for p in reversed(merged):
        if d.sentence - p.sentence > reach:
            return None
        taking = p.event.type in ("COERCE", "ASSAULT") and (
            p.event.mode in ("arrest", "abduct") or p.hit.trigger.id in _ENTERING_BY_FORCE
        )
        if not taking or p.event.modality != d.event.modality:
            continue
        if not _same_side(ctx, p.event.actor1, d.event.actor1) and not (
            "actor1" in d.event.inferred or "actor1" in p.event.inferred
        ):
            continue
        arrested = any(h.trigger.type == "COERCE" for h in ctx.triggers_within(p.hit.end, d.hit.start))
        taker = ctx.doc.entities.get(p.event.actor1 or d.event.actor1 or "")
        unknown_place = "مجهوله" in first_words(ctx.folded(d.hit.end, d.hit.end + 60), 6)
        if (
            p.hit.trigger.id in _ENTERING_BY_FORCE
            and not arrested
            and (unknown_place or taker is None or taker.attrs.get("inter") != 1)
        ):
            # the raid was this taking, an abduction: its kind, its ACLED sub-event (state forces taking
            # men to a known place arrest them)
            p.event.type, p.event.mode, p.sub_event = d.event.type, d.event.mode, d.sub_event
        for slot in ("actor1", "actor2"):
            if slot in d.event.inferred:
                setattr(d.event, slot, None)  # "اقتادوهم": a guess at who "they" are, the deed told knows
        return p
    return None


def _deed_after_raid(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """ "داهمت قوة من الجهاز مخزناً …، وضبطت بداخله عبوات ناسفة": a seizure joined to the raid's verb
    in its sentence, with nothing told between, is what the raid was."""
    if not d.hit.prefix.startswith("و") or d.hit.trigger.pos != "verb" or d.event.mode != "seize":
        return None
    p = merged[-1] if merged else None
    if (
        p is None
        or p.hit.trigger.id != "raid-arrest"
        or p.sentence != d.sentence
        or d.hit.start - p.hit.end > 160
        or len(ctx.triggers_within(p.hit.start, d.hit.start)) > 1
        or p.event.modality != d.event.modality
        or not _same_side(ctx, p.event.actor1, d.event.actor1)
    ):
        return None
    p.event.type, p.event.mode, p.sub_event = d.event.type, d.event.mode, d.sub_event
    return p


# Words after a withdrawal's verb that send the attackers off, not out of ground they held.
_FLEEING_TOWARD: Final = frozenset({"باتجاه", "نحو", "الي", "صوب", "تجاه"})
# The attackers named as such: "المهاجمين انسحبوا", "وفرّ المسلحون".
_ATTACKERS = frozenset({"المهاجمين", "المهاجمون", "المسلحين", "المسلحون", "الدواعش", "عناصر", "المجموعه"})


def _attackers_withdrew(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """ "هاجم مسلحو داعش نقطة للحشد …، والدواعش انسحبوا باتجاه البساتين", "أوضح أن المهاجمين انسحبوا
    باتجاه البساتين": attackers leaving toward somewhere after their attack are part of it, no withdrawal
    from ground of their own."""
    if d.event.type != "RETREAT" or d.event.mode != "withdraw" or d.hit.trigger.pos != "verb":
        return None
    following = first_words(ctx.folded(d.hit.end, d.hit.end + 40), 3)
    if not following or following[0] not in _FLEEING_TOWARD:
        return None
    attack = next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and 0 <= d.sentence - p.sentence <= 1
            and p.sub_event not in TERRITORIAL
        ),
        None,
    )
    if attack is None or attack.event.modality != d.event.modality:
        return None
    subject = ctx.folded(max(0, d.hit.start - 40), d.hit.start - len(d.hit.prefix)).split()[-2:]
    if d.event.actor1 == attack.event.actor1 and d.event.actor1 is not None:
        return attack
    return attack if any(w.lstrip("و") in _ATTACKERS for w in subject) else None


def _same_side(ctx: DocContext, a: str | None, b: str | None) -> bool:
    """Unknown, the same actor, or one a branch of the other (the military intelligence of the
    government forces)."""
    if a is None or b is None or a == b:
        return True
    parent = {x: (e.attrs.get("parent") if (e := ctx.doc.entities.get(x)) else None) for x in (a, b)}
    return parent[a] == b or parent[b] == a or (parent[a] is not None and parent[a] == parent[b])


def _told_with_details(ctx: DocContext, d: Draft) -> bool:
    """Does a deed noun come with its own details in its clause: a relative clause, a time, a place?"""
    after = ctx.folded(d.hit.end, d.clause_end).split()
    if after[:1] in (["التي"], ["الذي"]) or after[1:2] in (["التي"], ["الذي"]):
        return True
    return bool(
        ctx.within(ctx.times, d.hit.end, d.clause_end) or ctx.within(ctx.places, d.hit.end, d.clause_end)
    )


def _death_notified(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """A death in custody told again as the family's notice of it ("إلى أن أُبلغت بوفاته", "تسلمت أسرته
    إخطاراً بوفاته") or by the marks on the body ("حملت جثته آثار تعذيب"), or in the next sentence of its
    torture: the death told before."""
    before = [w.lstrip("و") for w in ctx.words_before(d.hit.start - len(d.hit.prefix), 3)]
    marks = d.hit.trigger.id == "torture-noun" and before[-1:] == ["اثار"]
    if d.hit.trigger.id not in DEATH_IN_CUSTODY and not marks:
        return None  # "جثته حملت آثار تعذيب": the marks of the death in custody told
    notified = marks or any(
        w.startswith(("ابلغ", "اخطار", "بلغ", "تبلغ", "ابلاغ", "شهادت", "انباء")) for w in before
    )
    reach = 5 if notified else 1
    return next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and p.event.mode == "torture"
            and 0 <= d.sentence - p.sentence <= reach
            and p.event.modality == d.event.modality
        ),
        None,
    )


def _support_of(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """Strikes told as the support of the operation of their sentence ("بسطت وحدات الجيش سيطرتها على
    الحي …، بإسناد من غارات جوية"): part of that operation."""
    if d.event.type != "ASSAULT" or d.hit.trigger.pos != "noun":
        return None
    before = [w.lstrip("و") for w in ctx.words_before(d.hit.start - len(d.hit.prefix), 3)]
    if before[-1:] == ["من"]:
        before = before[:-1]
    if not before or before[-1] not in _SUPPORT:
        return None
    return next(
        (
            p
            for p in reversed(merged)
            if p.sentence == d.sentence and p.event.type == "ASSAULT" and p.hit.start < d.hit.start
        ),
        None,
    )


def _host_of_attack_before(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """The event holding the attack noun that stands right before an attack verb with no agent of its
    own, when that noun was merged into an event told before it."""
    if d.event.type != "ASSAULT" or d.hit.trigger.pos != "verb" or d.hit.prefix:
        return None
    nouns = [
        h
        for h in ctx.triggers_within(max(0, d.hit.start - 60), d.hit.start)
        if h.trigger.pos == "noun" and h.trigger.type == "ASSAULT"
    ]
    if not nouns:
        return None
    noun = nouns[-1]
    gap = ctx.text[noun.end : d.hit.start]
    if any(c in gap for c in ".،,:;\n") or len(gap.split()) > 4:
        return None
    if not (d.event.actor1 is None or "actor1" in d.event.inferred):
        return None
    return next(
        (
            p
            for p in reversed(merged)
            if p.sentence == d.sentence
            and p.event.type == "ASSAULT"
            and any(x.start <= noun.start < x.end for x in p.event.evidence)
        ),
        None,
    )


def _cause_follows(ctx: DocContext, d: Draft, drafts: list[Draft], casualty_words: frozenset[str]) -> bool:
    """Is a casualty word followed, in its sentence, by the attack that caused it ("مقتل مدنيين اثنين
    … بانفجار لغم", "جراء غارات")?"""
    if normalize_key(d.hit.trigger.lemma) not in casualty_words:
        return False
    return any(
        x.sentence == d.sentence
        and 0 < x.hit.start - d.hit.end < 120
        and x.event.type == "ASSAULT"
        and normalize_key(x.hit.trigger.lemma) not in casualty_words
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
_CAUSE_NOUNS: Final = frozenset({"اطلاق", "استخدام", "سقوط", "استهداف"})


# Prepositions of cause before an attack noun: "جراء غارات", "إثر انفجار", "نتيجة القصف".
_CAUSAL: Final = (["جراء"], ["اثر"], ["نتيجه"], ["بسبب"], ["في"], ["تحت"])


def _denied_retelling(ctx: DocContext, d: Draft, merged: list[Draft]) -> bool:
    """A definite event noun in the clause of a denial told just before it in its sentence, or a verb
    the denial governs with أن ("نافياً أن يكون الحوثيون قد انسحبوا فعلياً من الموانئ")."""
    if not merged:
        return False
    if d.hit.trigger.pos == "noun":
        if "ال" not in d.hit.prefix:
            return False
    elif "ان" not in first_words(ctx.folded(merged[-1].hit.end, d.hit.start), 2):
        return False
    p = merged[-1]
    denials = default_event_cues().denials
    word = normalize_key(p.hit.text)
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
    advance = f.hit.trigger.id in ("advance", "advance-noun") and f.hit.start < g.hit.start
    if advance and f.event.actor1 == g.event.actor1:
        return a.event.modality == b.event.modality  # "تمكنت وحداتنا من التقدم … وبسطت سيطرتها على…"
    # "إثر هجوم معاكس": an attack noun after which the ground was taken is that battle too
    attack_before = f.hit.trigger.id == "attack-noun" and f.adjunct
    if f.hit.trigger.pos != "noun" or (f.hit.trigger.mode != "firearms" and not attack_before):
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


def is_weapon(hit: TriggerHit) -> bool:
    """A weapon named as a trigger ("عبوة ناسفة", "قذائف"): part of an attack told around it."""
    return normalize_key(hit.text).startswith(_WEAPONS)


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
_OWN_HAPPENING_MODES: Final = frozenset({"abduct", "torture"})


_SWEEPS: Final = frozenset({"sweep", "sweep-noun"})


# What a repelling verb names when it points back at an attack already told: "صدّت القوات الهجوم",
# "تصدّت قواتنا للمهاجمين", "فتصدّت لها وحداتنا".
_ATTACK_TOLD: Final = frozenset(
    {
        "الهجوم",
        "للهجوم",
        "الهجمات",
        "للهجمات",
        "الهجومين",
        "المهاجمين",
        "للمهاجمين",
        "المهاجمون",
        "لها",
        "له",
        "لهم",
    }
)
# How attackers come and go, told after their attack.
_ATTACKERS_MOVES: Final = frozenset({"infiltrate", "withdraw", "flee"})
# Words that make the noun after them a time adjunct of another deed: "عقب انسحاب المهاجمين".
_TIME_ADJUNCTS: Final = frozenset({"قبل", "بعد", "عقب", "اثر", "اعقاب", "خلال", "اثناء"})
# The attackers named back: "والمهاجمين انسحبوا باتجاه البساتين", "إن المهاجمين تسللوا من…".
_ATTACKERS = frozenset({"المهاجمين", "المهاجمون", "والمهاجمين", "والمهاجمون", "فالمهاجمين", "فالمهاجمون"})


def _answered_attack(ctx: DocContext, d: Draft, merged: list[Draft]) -> tuple[Draft | None, bool]:
    """The attack told before that ``d`` tells again from the defenders' side ("صدّت القوات الهجوم",
    "إن الهجوم أُحبط"; its roles swapped) or as a deed of "the attackers" ("المهاجمين انسحبوا")."""
    if d.event.type not in ("ASSAULT", "RETREAT"):
        return None, False
    before = ctx.words_before(d.hit.start - len(d.hit.prefix), 1)
    after = first_words(ctx.folded(d.hit.end, d.hit.end + 50), 3)
    if d.hit.trigger.id in GOVERNING:
        attack = _latest_attack(d, merged, 3)
        # the attack right after the verb, or after its subject ("تصدّت قواتنا للمهاجمين")
        told = after[:1] if after[:1] in (["لها"], ["له"], ["لهم"]) else [w for w in after if w[:1] in "لا"]
        if (
            attack is not None
            and attack.sentence < d.sentence  # "فتصدّت لها وحداتنا" in the attack's sentence is the fight
            and (any(w in _ATTACK_TOLD for w in told[:1]) or before[-1:] in (["الهجوم"], ["والهجوم"]))
        ):
            return attack, True
    if (before and before[-1] in _ATTACKERS) or (after and after[0] in _ATTACKERS):
        attack = _latest_attack(d, merged, 1)
        if (
            attack is not None
            # "قصفت المدفعية عقب انسحاب المهاجمين مواقعهم": a time adjunct of another deed
            and not (d.hit.trigger.pos == "noun" and before[-1:] and before[-1] in _TIME_ADJUNCTS)
            and d.event.mode not in _OWN_HAPPENING_MODES
            and (d.event.place is None or "place" in d.event.inferred or d.event.place == attack.event.place)
        ):
            return attack, False  # how the attack went: the attackers' approach, fire and retreat
    then = ctx.words_before(d.hit.start - len(d.hit.prefix), 1) in (["ثم"], ["وثم"])
    if (
        d.hit.trigger.id == "infiltrate" or (then and d.hit.trigger.id in _ATTACKERS_MOVES)
    ) and d.event.actor1:
        # "قال المصدر إن عناصر التنظيم تسللوا … ثم انسحبوا": the attackers coming and then leaving (a
        # withdrawal told on its own, "انسحبت القوات تحت القصف", is ground given up)
        attack = _latest_attack(d, merged, 1)
        if (
            attack is not None
            and attack.event.actor1 == d.event.actor1
            and attack.sentence < d.sentence
            and (d.event.place is None or "place" in d.event.inferred or d.event.place == attack.event.place)
        ):
            return attack, False
    return None, False


def _latest_attack(d: Draft, merged: list[Draft], reach: int) -> Draft | None:
    """The latest violent event told in the sentences before ``d`` (at most ``reach`` back)."""
    return next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and 0 <= d.sentence - p.sentence <= reach
            and p.event.modality == d.event.modality
        ),
        None,
    )


_REPORTING: Final = (
    "اعلن",
    "اعلنت",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "نعي",
    "نعت",
)


def _reported_again(ctx: DocContext, d: Draft, merged: list[Draft]) -> Draft | None:
    """A party's statement telling the attack just reported with a noun of its own ("وأعلن الجيش في بيان
    مقتل ثلاثة من جنوده في اعتداء إرهابي غادر"): the same victims, no other agent, place or day."""
    if d.event.type != "ASSAULT" or d.hit.trigger.pos != "noun" or d.event.actor2 is None:
        return None
    _, unit = ctx.unit_at(d.hit.start)
    opening = [w.removeprefix("و") for w in first_words(ctx.folded(unit.sentence.start, d.hit.start), 3)]
    if not any(w in _REPORTING for w in opening):
        return None
    if set(ctx.words_before(d.hit.start - len(d.hit.prefix), 1)) & (_TIME_ADJUNCTS | {"جراء", "بسبب"}):
        return None  # "إن الاشتباكات اندلعت إثر اغتيال أحد عناصر الجهاز": the cause of another deed
    return next(
        (
            p
            for p in reversed(merged)
            if p.event.type == "ASSAULT"
            and 0 < d.sentence - p.sentence <= 2
            and p.event.actor2 == d.event.actor2
            and d.event.actor1 in (None, p.event.actor1)
            and not _other_day(p, d)
            and _compatible(p, d, lenient=True)
        ),
        None,
    )


def _lead_retold(ctx: DocContext, d: Draft, merged: list[Draft], headline: int | None) -> Draft | None:
    """The report's lead, told again in detail by the next sentences: "أطلقت القوات الأمنية الرصاص الحي
    على محتجين …" then "… قبل أن يطلق عناصر القوات الأمنية النار". The same named agent doing a deed of
    the same kind, with nothing that tells them apart (another target, place, day or modality)."""
    lead = 0 if headline is None else headline + 1
    if not lead < d.sentence <= lead + 2 or d.event.actor1 is None or "actor1" in d.event.inferred:
        return None
    if d.event.type not in ("ASSAULT", "COERCE", "PROTEST") or d.event.mode in _OWN_HAPPENING_MODES:
        return None
    opening = first_words(ctx.folded(ctx.unit_at(d.hit.start)[1].sentence.start, d.hit.start), 1)
    if opening and opening[0].lstrip("و") in ("كما", "كذلك", "فيما", "بينما"):
        return None  # "كما نفذ سلاح الجو غارات…": one more deed, not the lead told again
    if d.time_mention is not None or {"تجدد", "تجددت", "عادت", "عاد"} & set(
        ctx.words_before(d.hit.start - len(d.hit.prefix), 2)
    ):
        return None  # "وفي المساء قصف مدفعي…", "تجددت الاشتباكات مساء السبت": another time, another round
    return next(
        (
            p
            for p in merged
            if p.sentence == lead
            and p.event.type == d.event.type
            and p.event.actor1 == d.event.actor1
            and "actor1" not in p.event.inferred
            and (p.sub_event in TERRITORIAL) == (d.sub_event in TERRITORIAL)
            # a strike is no retelling of a ground attack; a protest turning violent is one protest
            and (
                p.event.type == "PROTEST"
                or None in (p.event.mode, d.event.mode)
                or p.event.mode == d.event.mode
            )
            and _compatible(p, d)
            and not _other_day(p, d)
        ),
        None,
    )


def _definite_noun(d: Draft) -> bool:
    """An event noun with the article ("الغارات", "للهجوم"): a happening the reader already knows."""
    if d.hit.trigger.pos != "noun":
        return False
    words = normalize_key(d.hit.text).split()
    # "إطلاق النار": a construct with a definite second noun is definite too
    return (
        "ال" in d.hit.prefix or d.hit.prefix.endswith("لل") or (len(words) > 1 and words[1].startswith("ال"))
    )


# How many sentences back a later telling can reach the happening it tells again (``_same_happening``).
_RETELLING_REACH: Final = 3


def _latest_first(merged: list[Draft], d: Draft, headline: int | None) -> Iterator[Draft]:
    """``reversed(merged)`` without the drafts told too far before ``d`` for ``_same_happening``, so that a
    long document is not scanned back to its start for each trigger. Drafts are merged in text order and
    only a headline's is moved later, to the body sentence that retells it (at most ``_RETELLING_REACH``
    after it); so once one draft is out of reach, all before it are too."""
    floor = d.sentence - _RETELLING_REACH
    can_stop = headline is None or floor > headline + _RETELLING_REACH
    for p in reversed(merged):
        if can_stop and p.sentence < floor:
            return
        yield p


def _same_happening(a: Draft, b: Draft) -> bool:
    x, y = a.event, b.event
    if x.type != y.type or b.sentence - a.sentence > _RETELLING_REACH:
        return False
    if (
        x.type == "ACCUSE"
        and a.sentence == b.sentence
        and is_circumstantial(b.hit)
        and not is_circumstantial(a.hit)
    ):
        return True  # "حمّلت الحكومة الجماعة مسؤولية الحادثة، متهمةً إياها بزرع الألغام": one accusation
    if (
        x.type in ("REQUEST", "ACCUSE")  # a refusal is told again in many words: "رفضوا … ولا يريدون"
        and a.hit.trigger.pos == b.hit.trigger.pos == "verb"
        and b.hit.start - len(b.hit.prefix) - a.hit.end > 2  # "تنكر وتكذب تدخلنا" is one denial
    ):
        return False  # "نطالب بالإفراج عنه، كما نطالب النائب العام بفتح تحقيق": each demand is its own
    if _definite_noun(b) and 0 < b.sentence - a.sentence <= 2:
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
    if x.type == "THREATEN" and a.sentence == b.sentence and b.hit.trigger.id == "threaten-measures":
        return True  # "متوعداً الولايات المتحدة بأن أي اعتداء «لن يمر دون رد»": the threat's words
    if x.type == "REJECT" and a.sentence == b.sentence and b.hit.trigger.pos == "noun":
        return True  # "نفاه مسؤول …، واصفاً الرواية بأنها عارية عن الصحة": one denial, said twice
    if x.type == "MOBILIZE" and (a.hit.trigger.id in _SWEEPS) != (b.hit.trigger.id in _SWEEPS):
        return False  # "استقدم الحشد تعزيزات وبدأ عملية تمشيط": bringing troops, then sweeping
    if x.type == "COERCE" and x.mode and y.mode and x.mode != y.mode:
        return False  # "اعتقال ثلاثة من عناصر داعش وضبط مخزن للأسلحة": an arrest and a seizure
    if not _compatible(a, b):
        return False
    died_of = x.mode is None and y.mode == "torture" and normalize_key(a.hit.trigger.lemma) in CASUALTY_LEMMAS
    if x.mode != y.mode and {x.mode, y.mode} & _OWN_HAPPENING_MODES and not died_of:
        # "مقتل الشاب … تحت التعذيب" is one happening: death under torture
        return False  # "بهجوم شنه مسلحون … بعد أن خطفوا أحد أبناء القرية": an abduction is its own event
    if a.sentence == b.sentence:
        return True
    # Told again in a later sentence: a definite noun ("الغارات", "القصف") that shares an actor or place.
    return _definite_noun(b) and b.sentence - a.sentence <= 2


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
    return len(words) == 1 and words[0][:1] == "و" and words[0][1:] in PLACE_HEADS
