"""The events component: triggers → events with actors, place, time, counts, modality and claims;
coreferent mentions of one happening merged; dates resolved along the narrative."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Any, ClassVar

from marsad.events.acled import TERRITORIAL, acled_record
from marsad.events.context import DocContext
from marsad.events.lexicon import EventCues, default_event_cues, default_triggers
from marsad.events.triggers import TriggerHit, TriggerMatcher
from marsad.model import Document, Entity, Event, Mention, Span
from marsad.pipeline import Analysis
from marsad.recognize.select import add_actor_entity
from marsad.resources import Resources
from marsad.text.normalize import normalize_for_match

# Words before an actor that make it the target or partner, or the agent of a noun or passive trigger.
_TARGET = frozenset({"علي", "ضد", "استهدف", "استهدفت", "مواقع", "نقاط", "مقرات", "تجمعات", "عناصر"})
_PARTNER = frozenset({"مع", "الي", "بين"})
_AGENT = frozenset(
    {
        "قبل",
        "يد",
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
    }
)
# Triggers of movement that are a deployment unless the sentence tells of fighting.
_MOVEMENT = frozenset({"advance", "advance-noun", "reach", "enter"})
_OFFENSIVE = frozenset(
    {"العمل", "عمليه", "معركه", "هجمه", "الهجمه", "المعركه", "العمليه", "اقتحام", "هجوم", "الهجوم"}
)
_LOSS = frozenset({"سقط", "سقوط", "خساره", "خسر", "خسرت"})
_NOT_WE = frozenset({"لدينا", "عندنا", "اننا", "لكننا", "ولكننا", "بيننا"})
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
    }
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
    }
)
_WE_OBJECT = re.compile(r"(?<!\w)(?:من|مع|الي|علي|ل|عن)نا(?!\w)")
_THEY_OBJECT = re.compile(r"(?<!\w)(?:(?:من|مع|الي|علي|ل|عن)(?:هم|ه|ها)|(?:الي|مع) \w{3,}هم)(?!\w)")
_PRECISION = {"day": 1, "week": 2, "month": 3}
# PLOVER's verbal event types: said, asked, refused — not fought.
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"}
)
# A tally over a period is not one event: "خلال شهر أيار", "منذ مطلع العام".
_PERIOD = re.compile(
    r"(?<!\w)(?:خلال (?:شهر|عام|العام|الشهر|الاسبوع|الايام|الاشهر)|منذ (?:مطلع|بدايه)|حصيله)"
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
        drafts: list[Draft] = []
        for hit in self.matcher.find(analysis.view):
            if ctx.inside_name(hit.start, hit.end) or self._not_an_event(ctx, hit):
                continue
            drafts.append(self._draft(ctx, hit, drafts))
        events = split_by_place(merge_coreferent(drafts, ctx, self.casualty_words), ctx)
        attach_casualty_sentences(events, ctx, self.counter)
        for i, draft in enumerate(events, 1):
            draft.event.id = f"e{i}"
        resolve_timeline(events, doc)
        link_disputes(events, self.cues.denials, ctx)
        for draft in events:
            draft.finish(ctx)
            doc.add_event(draft.event)

    def _not_an_event(self, ctx: DocContext, hit: TriggerHit) -> bool:
        """Trigger words that name no happening here: hashtags ("#ادلب_تحت_القصف"), nouns governed by
        another noun ("مركز احتجاز", "مذكرات توقيف", "إزالة الألغام", "تحت سيطرة"), accompaniment
        ("بإسناد من", "بالتنسيق مع"), and tallies over a period ("وثقنا مقتل 104 خلال الشهر")."""
        token_start = ctx.text.rfind(" ", 0, hit.start) + 1
        if "#" in ctx.text[token_start : hit.start] or ctx.text[hit.end : hit.end + 1] == "_":
            return True
        if hit.trigger.pos != "noun":
            return False
        before = ctx.words_before(hit.start, 1)
        if before and before[-1] in self.cues.blockers and not hit.prefix:
            return True
        if "ب" in hit.prefix and hit.trigger.type in ("AID", "COOPERATE", "SUPPORT"):
            return True
        if _is_weapon(hit) and set(ctx.words_before(hit.start - len(hit.prefix), 2)) & _WEAPON_HANDLING:
            return True  # "استخدموا قذائف", "تفكيك العبوات", "مخلفات الألغام": no attack here
        if normalize_for_match(hit.trigger.lemma) in self.casualty_words:
            _, unit = ctx.unit_at(hit.start)
            sentence = normalize_for_match(ctx.text[unit.sentence.start : unit.sentence.end])
            return _PERIOD.search(sentence) is not None
        return False

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
        if trigger.id in _MOVEMENT and not self._fighting(ctx, unit.sentence.start, unit.sentence.end, hit):
            # "وصلت قوة من الحشد إلى المكان": troops moving with no fighting told is a deployment
            event.type, event.mode, draft.sub_event = "MOBILIZE", "troops", "Change to group/activity"
        self._modality(ctx, draft)
        assign_actors(ctx, draft, previous)
        assign_place(ctx, draft, unit.sentence.start, unit.sentence.end, previous)
        assign_time(ctx, draft, unit.sentence.start, unit.sentence.end)
        draft.event.counts = self.counter.counts(ctx, unit.sentence.start, unit.sentence.end)
        draft.event.reported_by = reporters(ctx, self.cues, unit.sentence.start, hit.start)
        return draft

    def _fighting(self, ctx: DocContext, lo: int, hi: int, hit: TriggerHit) -> bool:
        """Does the sentence tell of fighting (another violent trigger, casualties, an offensive)?"""
        key = ("fighting", lo, hi)
        if key not in ctx.cache:
            sentence = ctx.view.text[ctx.view.to_view(lo) : ctx.view.to_view(hi)]
            violent = any(
                h.trigger.type == "ASSAULT" and h.trigger.id not in _MOVEMENT
                for h in self.matcher.find_in(sentence)
            )
            words = set(sentence.split())
            ctx.cache[key] = violent or bool(words & (self.casualty_words | _OFFENSIVE))
        return bool(ctx.cache[key])

    def _modality(self, ctx: DocContext, draft: Draft) -> None:
        cues = self.cues
        hit = draft.hit
        clause_words = normalize_for_match(ctx.text[draft.clause_start : hit.start]).split()
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
            modality = "future"
        if near & cues.negators:
            modality = "negated"
        draft.event.modality = modality
        draft.event.negated = modality == "negated"
        if modality == "future" and draft.event.type == "RETREAT":
            draft.event.type = "CONCEDE"  # PLOVER: a future withdrawal is a concession
            draft.event.mode = None
            draft.sub_event = None


class Draft:
    """An event being built, with what is needed to merge and resolve it."""

    __slots__ = ("clause_end", "clause_start", "event", "hit", "sentence", "sub_event", "time_mention")

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

    def finish(self, ctx: DocContext) -> None:
        """ACLED coding and fatalities once actors are final."""
        ev = self.event
        entities = ctx.doc.entities
        sub_event = self.sub_event
        if sub_event is None and ev.type == "ASSAULT" and ev.modality in ("asserted", "negated"):
            sub_event = _ASSAULT_BY_MODE.get(ev.mode or "", "Armed clash")
        ev.acled = acled_record(sub_event, entities.get(ev.actor1 or ""), entities.get(ev.actor2 or ""))
        killed = ev.counts.get("killed")
        ev.fatalities = sum(killed.values()) if killed else None


def assign_actors(ctx: DocContext, draft: Draft, previous: list[Draft]) -> None:
    """actor1 (agent), actor2 (target or partner) and co-participants, by word order and markers."""
    hit, ev = draft.hit, draft.event
    lo, hi = draft.clause_start, draft.clause_end
    entities = ctx.doc.entities
    after = ctx.within(ctx.actors, hit.end, hi)
    before = ctx.within(ctx.actors, lo, hit.start)
    noun = hit.trigger.pos == "noun" or "ال" in hit.prefix  # "التواصل": a verb's form used as a noun

    def role(m: Mention) -> str:
        words = ctx.words_before(m.start, 4)
        popped_target = False
        while words and words[-1] in _CONSTRUCT_HEADS:  # "قيادة الهيئة", "مواقع قوات النظام"
            popped_target = popped_target or words.pop() in _TARGET
        prefix = ctx.attached_prefix(m)
        last = words[-1] if words else ""
        if popped_target and not (last in _AGENT or (noun and last == "من" and m.start > hit.end)):
            return "target"  # "على مواقع قوات النظام"; but "مصدره مواقع قسد" names the agent
        if last in _COMPARISON:
            return "comparison"  # "على غرار جيش الفتح": a model, not a participant
        if last in _AGENT or (
            noun
            and m.start > hit.end
            and (last == "من" or prefix.endswith("ل"))
            and _words_between(ctx, hit.end, m.start) <= 5
        ):
            return "agent"  # "غارات للطيران الروسي", "قصف مدفعي من قوات النظام", "هجوم شنه مسلحون"
        if last in _TARGET or prefix.endswith("ل"):
            return "target"
        if last in _PARTNER:
            return "partner"
        if last == "من" or prefix.endswith("ب"):
            return "oblique"
        return "plain"

    def can_act(m: Mention) -> bool:
        """Victims and monitors do not carry out violence (protesters do protest)."""
        entity = entities.get(m.entity or "")
        inter = entity.attrs.get("inter") if entity else None
        kind = entity.attrs.get("type") if entity else None
        if hit.trigger.type == "PROTEST":
            return True
        return inter != 7 and kind != "other"

    roles = {id(m): role(m) for m in after + before}
    # Agent markers ("شنه", "من قبل", "على يد") belong to nouns and passives, near the trigger.
    agents = [
        m
        for m in after + before
        if roles[id(m)] == "agent"
        and can_act(m)
        and (noun or voice_of(hit) == "passive")
        and _words_between(ctx, hit.end, m.start) <= 6
    ]
    targets = [m for m in after + before if roles[id(m)] in ("target", "partner")]
    near_after = [m for m in after if roles[id(m)] == "plain" and _words_between(ctx, hit.end, m.start) <= 3]
    # an object is named close to its verb; an actor far down a long clause belongs to another action
    plain_after = [m for m in after if roles[id(m)] == "plain" and _words_between(ctx, hit.end, m.start) <= 8]
    targets = [m for m in targets if m.start < hit.start or _words_between(ctx, hit.end, m.start) <= 8]
    plain_before = [m for m in reversed(before) if roles[id(m)] == "plain"]
    voice = voice_of(hit)
    before_words = ctx.words_before(hit.start, 2)
    we = (
        hit.person == "we"
        or _we_form(hit)
        or _we_subject(ctx, hit, hi)
        or (noun and any(w.endswith("نا") and len(w) > 4 and w not in _NOT_WE for w in before_words))
    )
    # "بشرعييهم تنكر": a noun with "their" right before the verb makes "they" the subject
    they_subject = (
        not noun and bool(before_words) and before_words[-1].endswith("هم") and len(before_words[-1]) > 4
    )

    actor1: Mention | None = None
    actor2: Mention | None = None
    if we:
        ev.actor1 = ctx.author
        actor2 = _first(targets, plain_after)
    elif noun and near_after and _armed(entities.get(near_after[0].entity or "")):
        # "اعتقال قوات النظام 14 شخصاً", "قصف قوات النظام": an armed genitive is the agent
        actor1 = near_after[0]
        actor2 = _first(targets, [m for m in plain_after if m is not actor1])
    elif voice == "passive":
        actor2 = _first(plain_after, plain_before, targets)
        actor1 = _first(agents)
    elif they_subject:
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author})
        ev.inferred.append("actor1")
        actor2 = _first(targets, plain_after)
    else:
        subjects = (
            agents
            if agents
            else [
                m
                for m in (near_after if not noun else near_after[:1]) + plain_before + plain_after
                if can_act(m)
            ]
        )
        actor1 = subjects[0] if subjects else None
        if actor1 is not None and actor1 in plain_before and ctx.attached_prefix(actor1).startswith("و"):
            earlier = [
                m for m in before if m.end <= actor1.start and not ctx.text[m.end : actor1.start].strip(" و")
            ]
            if earlier:  # "اضطر حركة أحرار الشام وجيش العزة للانسحاب": the first named leads
                actor1 = earlier[-1]
        rest = [m for m in plain_after if m is not actor1]
        actor2 = _first(targets, rest)
    between = [m for m in after if ctx.words_before(m.start, 1)[-1:] == ["بين"]]
    if between and not we:
        # "اشتباكات بين قسد والجيش الوطني": the two sides in the order named
        pair = [
            between[0],
            *[m for m in after if m.start > between[0].end and ctx.attached_prefix(m).startswith("و")][:1],
        ]
        if len(pair) == 2:
            actor1, actor2 = pair
    if actor1 is not None:
        ev.actor1 = actor1.entity
    if actor2 is not None and actor2.entity != ev.actor1:
        ev.actor2 = actor2.entity
    if ev.actor2 is None and hit.trigger.type in ("ASSAULT", "COERCE"):
        # "قُتل أربعة من البيشمركة ومدني في هجوم…": the victims named in the sentence
        _, unit = ctx.unit_at(hit.start)
        victims = [
            m
            for m in ctx.within(ctx.actors, unit.sentence.start, unit.sentence.end)
            if m.entity not in (ev.actor1, None)
            and roles.get(id(m)) not in ("agent", "comparison")
            and (m.start < hit.start or _victim(entities.get(m.entity or "")))
        ]
        if victims:
            ev.actor2 = victims[0].entity
            ev.inferred.append("actor2")
    tail = ctx.view.text[ctx.view.to_view(hit.end) : ctx.view.to_view(hi)]
    head = " ".join(tail.split()[:4])
    if not targets and ctx.author and ev.actor1 != ctx.author and _WE_OBJECT.search(head):
        ev.actor2 = ctx.author  # "طلب جيش العزة منا مؤازرة"
    elif not targets and _THEY_OBJECT.search(head):
        other = salient(ctx, previous, hit.start, {ctx.author, ev.actor1})
        if other:
            ev.actor2 = other  # "دفعنا معهم"
            ev.inferred.append("actor2")
    if ev.actor1 is None and not we and voice == "active" and not noun:
        state = _state_subject(ctx, hit, lo, hi)
        if state:
            ev.actor1 = state  # "نفت موسكو", "قالت واشنطن": the state acts through its forces
    recent = bool(previous) and draft.sentence - previous[-1].sentence <= 1
    if ev.actor1 is None and not we and not noun and recent and voice == "active":
        # "they" (a verb with no named subject): the most salient actor that is not the narrator
        ev.actor1 = salient(ctx, previous, hit.start, {ctx.author, ev.actor2})
        if ev.actor1 is not None:
            ev.inferred.append("actor1")
    if ev.actor2 is None and _THEY_OBJECT.search(tail):
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
    if ev.actor1 is None and hit.trigger.type == "PROTEST" and "protesters" in entities:
        ev.actor1 = "protesters"
    ev.assoc_actors = _coordinated(ctx, after, ev.actor1, ev.actor2, we)
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


@cache
def state_actors() -> dict[str, str]:
    """Country code -> the actor a state stands for (kb/data/states.yaml)."""
    from importlib import resources as importlib_resources
    from pathlib import Path

    from marsad.kb.yamlfiles import read_yaml

    def fail(where: str, problem: str, fix: str) -> Exception:
        return ValueError(f"{where}: {problem}. {fix}.")

    path = Path(str(importlib_resources.files("marsad.kb").joinpath("data/states.yaml")))
    data = read_yaml(path, fail)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise fail(
            str(path), "must map country codes to actor ids", "Write lines like 'RU: russian-armed-forces'"
        )
    return dict(data)


def _state_subject(ctx: DocContext, hit: TriggerHit, lo: int, hi: int) -> str | None:
    """A country or capital right after the verb (or just before it) as the one acting."""
    after = [m for m in ctx.within(ctx.places, hit.end, hi) if _words_between(ctx, hit.end, m.start) <= 1]
    before = [m for m in ctx.within(ctx.places, lo, hit.start) if _words_between(ctx, m.end, hit.start) <= 1]
    for m in after[:1] + before[-1:]:
        entity = ctx.doc.entities.get(m.entity or "")
        if entity is None:
            continue
        if entity.attrs.get("place_kind") == "country" or entity.attrs.get("feature") == "P.PPLC":
            actor = state_actors().get(entity.attrs.get("country") or "")
            if actor and actor in ctx.kb_actors:
                add_actor_entity(ctx.doc, ctx.kb_actors, actor)
                return actor
    return None


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


def voice_of(hit: TriggerHit) -> str:
    return "passive" if hit.person == "passive" or hit.trigger.voice == "passive" else hit.trigger.voice


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
    if normalize_for_match(hit.trigger.lemma) not in _LOSS:
        return None
    following = [m for m in ctx.places if hit.end <= m.start < hit.end + 30]
    if following and _words_between(ctx, hit.end, following[0].start) <= 1:
        return following[0]
    return None


def _words_between(ctx: DocContext, start: int, end: int) -> int:
    return len(ctx.text[start:end].split())


def _we_form(hit: TriggerHit) -> bool:
    """A first-person plural verb the lexicon lists among its other forms: نطالب، طالبنا."""
    if hit.trigger.pos != "verb":
        return False
    word = normalize_for_match(hit.text).split()[0]
    lemma = normalize_for_match(hit.trigger.lemma)
    return (word.startswith("ن") and not lemma.startswith("ن")) or (
        word.endswith("نا") and not lemma.endswith("نا")
    )


def _we_subject(ctx: DocContext, hit: TriggerHit, hi: int) -> bool:
    """ "استهدفت مدفعيتنا", "تمكن مجاهدونا من": a force of ours right after the trigger."""
    after = normalize_for_match(ctx.text[hit.end : min(hi, hit.end + 40)]).split()[:2]
    return any(w.endswith("نا") and w[:-2].rstrip("و") in _OUR_FORCES for w in after)


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
    """The event's place: after the trigger in its clause, else before it in the clause, else in the
    sentence (after, then before); countries only when nothing finer is named; else the place of the
    previous event when it is at most two sentences back."""
    hit = draft.hit
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
    for options in (
        ctx.within(ctx.places, hit.end, draft.clause_end),
        list(reversed(ctx.within(ctx.places, draft.clause_start, hit.start))),
        ctx.within(ctx.places, hit.end, s_hi),
        list(reversed(ctx.within(ctx.places, s_lo, hit.start))),
    ):
        finer = [m for m in options if _kind(ctx, m) not in ("country", "admin1")]
        if finer:
            _set_place(draft, finer[0])
            return
    regions = [m for m in ctx.within(ctx.places, s_lo, s_hi) if _kind(ctx, m) == "admin1"]
    if regions:
        _set_place(draft, regions[0])
        return
    countries = ctx.within(ctx.places, s_lo, s_hi)
    if countries and hit.trigger.type in ("PROTEST", "SANCTION", "THREATEN"):
        _set_place(draft, countries[0])
        return
    last = previous[-1] if previous else None
    if last is not None and last.event.place and draft.sentence - last.sentence <= 2:
        draft.event.place = last.event.place
        draft.event.inferred.append("place")


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
    """The TIME mention of the sentence nearest to the trigger."""
    times = ctx.within(ctx.times, s_lo, s_hi)
    if times:
        draft.time_mention = min(times, key=lambda m: abs(m.start - draft.hit.start))


def reporters(ctx: DocContext, cues: EventCues, s_lo: int, pos: int) -> list[str]:
    """Who states the event: "وفق المرصد", "قال المرصد", else the document's author or agency."""
    for m in ctx.within(ctx.actors, s_lo, min(len(ctx.text), pos + 200)):
        words = ctx.words_before(m.start, 3)
        if words and (
            words[-1] in cues.according_to
            or " ".join(words[-2:]) in cues.according_to
            or (words[-1] in cues.reporting and m.start < pos)
        ):
            return [m.entity or ""]
    return [ctx.author] if ctx.author else []


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
    for d in drafts:
        target = None
        if (
            normalize_for_match(d.hit.trigger.lemma) in casualty_words
            or d.event.mode == "destroy"
            or _is_weapon(d.hit)
        ):
            target = next(
                (
                    p
                    for p in reversed(merged)
                    if p.event.type == "ASSAULT"
                    and d.sentence - p.sentence <= 2
                    and _compatible(p, d, lenient=True)
                ),
                None,
            )
        if target is None:
            target = next((p for p in reversed(merged) if _same_happening(p, d)), None)
        if target is None:
            merged.append(d)
            continue
        t, e = target.event, d.event
        if (
            normalize_for_match(target.hit.trigger.lemma) in casualty_words
            and d.hit.trigger.lemma not in casualty_words
        ):
            # "قُتل ثلاثة في هجوم شنه…": the attack, not the death toll, is the trigger
            t.trigger, t.mode, target.hit, target.sub_event = (
                e.trigger,
                e.mode,
                d.hit,
                d.sub_event or target.sub_event,
            )
        elif target.sub_event in (None, "Armed clash") and d.sub_event not in (None, "Armed clash"):
            target.sub_event, t.mode = d.sub_event, d.event.mode or t.mode  # "سقوط صاروخ": shelling
        t.evidence.extend(x for x in e.evidence if all(x.start != y.start for y in t.evidence))
        for slot in ("actor1", "actor2", "place", "place_relation"):
            if getattr(t, slot) is None and getattr(e, slot) is not None:
                setattr(t, slot, getattr(e, slot))
        if target.time_mention is None:
            target.time_mention = d.time_mention
        for kind, sides in e.counts.items():
            for side, n in sides.items():
                t.counts.setdefault(kind, {}).setdefault(side, n)
        t.confidence = min(1.0, t.confidence + 0.1)
    return merged


def _is_weapon(hit: TriggerHit) -> bool:
    """A weapon named as a trigger ("عبوة ناسفة", "قذائف"): part of an attack told around it."""
    word = normalize_for_match(hit.text)
    return any(word.startswith(w) for w in _WEAPONS)


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


def _same_happening(a: Draft, b: Draft) -> bool:
    x, y = a.event, b.event
    if x.type != y.type or b.sentence - a.sentence > 3:
        return False
    definite = "ال" in b.hit.prefix or b.hit.prefix.endswith("لل")
    if definite and b.hit.trigger.pos == "noun" and 0 < b.sentence - a.sentence <= 2:
        # "ويعد الهجوم الأعنف…": a definite noun tells the earlier happening again; its clause's
        # actors are the speaker's or a bystander's, so only an explicitly different place separates them
        explicit_place = y.place is not None and "place" not in y.inferred
        return not (explicit_place and x.place is not None and x.place != y.place)
    if not _compatible(a, b):
        return False
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
        if d.event.place is None or d.event.type not in ("ASSAULT", "PROTEST", "COERCE"):
            continue
        listed = _place_list(ctx, d)
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
    """The event's place and the places joined to it by و or a comma."""
    places = ctx.within(ctx.places, d.hit.end, d.clause_end)
    first = next((i for i, m in enumerate(places) if m.entity == d.event.place), None)
    if first is None:
        return []
    chain = [places[first]]
    for m in places[first + 1 :]:
        gap = ctx.text[chain[-1].end : m.start].strip(" ،,")
        if gap not in ("", "و") or m.entity in {c.entity for c in chain}:
            break
        chain.append(m)
    return chain


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


def resolve_timeline(events: list[Draft], doc: Document) -> None:
    """Dates from the text or the publication date; relative times ("في اليوم التالي") anchored on the
    previous event, resolved when that event's date is known. Never invented."""
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
        elif previous is not None and previous.sentence == d.sentence:
            # the sentence's time holds for every event it tells
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


def _shift(anchor: str | None, relative: dict[str, Any]) -> str | None:
    if not anchor:
        return None
    days = relative.get("days")
    if not isinstance(days, int):
        return anchor if relative.get("hours") is not None else None
    sign = -1 if relative.get("direction") == "before" else 1
    return (date.fromisoformat(anchor) + timedelta(days=sign * days)).isoformat()


def link_disputes(events: list[Draft], denials: frozenset[str], ctx: DocContext) -> None:
    """A denial ("تنكر وتكذب تدخلنا", "نفى المرصد") disputes the claim it names right after it, or the
    latest earlier event; both sides record the link."""
    for i, d in enumerate(events):
        word = normalize_for_match(d.hit.text)
        if word not in denials and word[1:] not in denials:
            continue
        d.event.type = "REJECT"
        claim = next(
            (
                n
                for n in events[i + 1 :]
                if 0 <= n.hit.start - d.hit.end < 25 and normalize_for_match(n.hit.text) not in denials
            ),
            None,
        )
        denied = normalize_for_match(ctx.text[d.hit.end : d.hit.end + 30]).split()
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
        else:
            target = next((p for p in reversed(events[:i]) if p.event.type != "REJECT"), None)
        if target is not None:
            d.event.disputes = target.event.id
            target.event.disputed_by.append(d.event.id)
