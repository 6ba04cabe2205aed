"""The events component: triggers → events with actors, place, time, counts, modality and claims;
coreferent mentions of one happening merged; dates resolved along the narrative."""

from __future__ import annotations

from typing import ClassVar, Final

from marsad.events.acled import TERRITORIAL
from marsad.events.actors import GOVERNING, SHOOT_DOWN, assign_actors, retaliation_targets
from marsad.events.casualties import CasualtyCounter, attach_casualty_sentences
from marsad.events.claims import link_disputes, reporters
from marsad.events.context import WORD_RUN, DocContext
from marsad.events.coref import merge_coreferent, split_by_place
from marsad.events.draft import ASSAULT_BY_MODE, CROWDS, Draft
from marsad.events.forces import (
    government_sources,
    leaders_forces,
    named_branches,
    national_forces,
    the_latter,
    the_same_force,
    units_of_named_bodies,
)
from marsad.events.lexicon import EventCues, default_event_cues, default_triggers
from marsad.events.not_events import MOVEMENT, WITHOUT, NotEventFilter
from marsad.events.places import assign_place
from marsad.events.subjects import (
    PARTITIVE,
    PREPOSITIONS,
)
from marsad.events.timeline import assign_time, resolve_timeline
from marsad.events.triggers import TriggerHit, TriggerMatcher
from marsad.model import Document, Event, Mention, Span
from marsad.pipeline import Analysis
from marsad.recognize.select import add_actor_entity
from marsad.resources import Resources
from marsad.text.gate import gated
from marsad.text.normalize import normalize_for_match, normalize_key
from marsad.text.positions import SpanSet
from marsad.text.words import first_words, last_words

_OFFENSIVE: Final = frozenset(
    {"العمل", "عمليه", "معركه", "هجمه", "الهجمه", "المعركه", "العمليه", "اقتحام", "هجوم", "الهجوم"}
)


_MODALITY_RANK: Final = {"negated": 4, "hypothetical": 3, "requested": 2, "future": 1, "asserted": 0}


# People a seizure verb takes: then it is an arrest.
# What is seized as property: "استولى … على منازل", "الاستيلاء على أراضٍ زراعية" (folded, no article).
_PROPERTY: Final = (
    "منزل",
    "منازل",
    "بيت",
    "بيوت",
    "ارض",
    "اراض",
    "اراضي",
    "املاك",
    "ممتلكات",
    "عقار",
    "محل",
    "محال",
    "محلات",
    "سياره",
    "سيارات",
    "مواشي",
    "اغنام",
    "محاصيل",
    "مزرعه",
    "مزارع",
    "معمل",
    "مستودع",
    "شقه",
    "شقق",
    "اموال",
    "مبلغ",
    "اثاث",
    "بستان",
    "بساتين",
    "حقول",
    "ورشه",
    "محصول",
    "محاصيل",
    "شجره",
    "اشجار",
    "زيتون",
)


def _seized_property(ctx: DocContext, hit: TriggerHit, clause_end: int) -> bool:
    """Does the seizure's object after على name property ("على منازل المهجّرين")?"""
    words = first_words(ctx.folded(hit.end, min(clause_end, hit.end + 200)), 16)
    at = next((i for i, w in enumerate(words) if w in ("علي", "عالي")), None)
    if at is None:
        return False
    return any(
        # past a number or an amount: "على سبعة منازل", "على نحو 400 شجرة زيتون"
        w.removeprefix("و").removeprefix("ال").startswith(_PROPERTY)
        for w in words[at + 1 : at + 5]
    )


_PERSONS_SEIZED: Final = frozenset(
    {"عناصر", "اشخاص", "مطلوبين", "مشتبه", "مشتبهين", "متهمين", "شبان", "مسلحين"}
)

# Where forces arrive after a happening: "وصلت قوة من الحشد إلى المكان", "وصلت للمنطقة".
_THE_SCENE: Final = frozenset({"مكان", "المكان", "منطقه", "المنطقه", "موقع", "الموقع"})


class EventExtractor:
    """Adds ``doc.events`` from triggers and the recognized mentions."""

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("mentions.ORG", "mentions.PLACE", "mentions.TIME", "author")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, resources: Resources) -> None:
        self.matcher = TriggerMatcher(default_triggers())
        self.kb_actors = resources.kb.actors
        # a leader's forces are his organization's: "طيران حفتر" is the LNA
        self.person_forces = {p.id: p.organization for p in resources.kb.persons.values() if p.organization}
        self.cues: EventCues = default_event_cues()
        self.counter = CasualtyCounter(self.cues)
        self.casualty_words = self.cues.casualties["killed"] | self.cues.casualties["injured"]
        self._violent_words = self.casualty_words | _OFFENSIVE
        self.not_events = NotEventFilter(self.cues, self.casualty_words)

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        ctx = DocContext(doc, analysis.view, self.kb_actors)
        ctx.person_forces = self.person_forces
        ctx.add_actors(national_forces(ctx))
        ctx.add_actors(named_branches(ctx))
        ctx.add_actors(leaders_forces(ctx))
        ctx.add_actors(government_sources(ctx))
        ctx.add_actors(units_of_named_bodies(ctx))
        ctx.add_actors(the_same_force(ctx))
        ctx.add_actors(the_latter(ctx))
        drafts: list[Draft] = []
        accepted = self.not_events.happenings(
            ctx, self._with_split_phrases(ctx, self.matcher.find(analysis.view))
        )
        ctx.set_triggers(accepted)
        for hit in accepted:
            drafts.append(self._draft(ctx, hit, drafts))
        events = split_by_place(merge_coreferent(drafts, ctx, self.casualty_words), ctx)
        attach_casualty_sentences(events, ctx, self.counter)
        retaliation_targets(events, ctx)
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
        taken_spans = SpanSet(taken)
        extra: list[TriggerHit] = []
        text = ctx.text
        for t in ctx.times:
            verb_end = t.start
            while verb_end > 0 and text[verb_end - 1] == " ":
                verb_end -= 1
            verb_start = text.rfind(" ", 0, verb_end) + 1
            verb_start = max(verb_start, text.rfind("\n", 0, verb_end) + 1)
            if verb_end - verb_start < 2 or taken_spans.overlaps(verb_start, verb_end):
                continue
            tail = first_words(text[t.end : t.end + 30], 2)
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
        split, consumed = self._subject_split(ctx, [*taken, *((h.start, h.end) for h in extra)])
        extra += split
        if consumed:
            # "أسقطت دفاعاتنا طائرة مسيّرة": the aircraft is the phrase's object, no strike of its own
            hits = [h for h in hits if not any(a <= h.start < b for a, b in consumed)]
        return sorted([*hits, *extra], key=lambda h: h.start) if extra else hits

    def _subject_split(
        self, ctx: DocContext, taken: list[tuple[int, int]]
    ) -> tuple[list[TriggerHit], list[tuple[int, int]]]:
        """Verb phrases whose subject stands inside them (VSO): "أطلقت قوات الأمن النار", "فتح عناصر
        الحاجز النار", "استقدمت قوات النظام تعزيزات". The phrase read without the subject gives the
        trigger, whose span is the verb alone; also the spans of trigger nouns the phrase takes as its
        object ("كسر أبطال الجيش هجوماً", "أسقطت دفاعاتنا طائرة مسيّرة")."""
        out: list[TriggerHit] = []
        consumed: list[tuple[int, int]] = []
        view = ctx.view
        seconds = self.matcher.verb_phrase_seconds
        taken_spans = SpanSet(taken)
        for vstart, vend in self.matcher.verb_phrase_verbs(view.text):
            head = view.text[vstart:vend]
            allowed = seconds.get(head) or seconds.get(head[1:], frozenset())
            following = view.text[vend : vend + 80].split()[1:6]
            if not any(w in allowed for w in following):
                continue  # no word of the phrase's rest follows within reach
            start, end = view.to_original(vstart), view.to_original(vend)
            if taken_spans.overlaps(start, end):
                continue
            spans = [(w.start(), w.end()) for w in WORD_RUN.finditer(view.text, vend, vend + 80)][:6]
            words = [view.text[a:b] for a, b in spans]
            for k in range(1, 6):
                gap, tail = words[:k], words[k : k + 2]
                if len(tail) < 1 or any(
                    not w.isalpha()
                    or (w in _NOT_SUBJECT and not (w == "من" and i > 0 and gap[i - 1] in PARTITIVE))
                    for i, w in enumerate(gap)
                ):
                    break  # "أطلق عناصر من كتيبة النواصي النار": من after a partitive is inside the subject
                if tail[0] in _NOT_SUBJECT:
                    continue  # "وحققت إصابات مباشرة في العتاد": no "حقق في" across an object
                noun_start, noun_end = view.to_original(spans[k][0]), view.to_original(spans[k][1])
                noun_taken = taken_spans.overlaps(noun_start, noun_end)
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
                if noun_taken and (found is None or found.trigger.id not in _TAKES_ITS_OBJECT):
                    # "ألقت مفارزنا القبض": the phrase's noun is a trigger of its own; but "كسر أبطال
                    # الجيش هجوماً" is the repelling, the attack its object
                    break
                if found is not None and noun_taken:
                    consumed.append((noun_start, noun_end))
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
        return out, consumed

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
        if trigger.id == "seize-verb" and _PERSONS_SEIZED & set(
            first_words(ctx.folded(hit.end, hit.end + 60), 5)
        ):
            # "وضبطت ٤ من عناصر التنظيم": people taken are arrested
            event.mode, draft.sub_event = "arrest", "Arrests"
        if trigger.id in ("seize-territory", "seizure-noun") and _seized_property(ctx, hit, clause.end):
            # "استولى مسلحون من الفرقة على منازل المهجّرين": property taken, not territory
            event.type, event.mode, draft.sub_event = "COERCE", "seize", "Looting/property destruction"
        scene = trigger.id == "reach" and bool(
            {
                w.removeprefix("الي").removeprefix("لل").removeprefix("ل")
                for w in first_words(ctx.folded(hit.end, hit.end + 24), 2)
            }
            & _THE_SCENE
        )
        if trigger.id in MOVEMENT and (
            scene or not self._fighting(ctx, unit.sentence.start, unit.sentence.end, hit)
        ):
            # "وصلت قوة من الحشد إلى المكان": troops moving with no fighting told is a deployment
            event.type, event.mode, draft.sub_event = "MOBILIZE", "troops", "Change to group/activity"
        if trigger.type == "ASSAULT" and trigger.mode is None and trigger.acled not in TERRITORIAL:
            mode = _instrument(ctx, self.cues, hit, clause.start, clause.end)
            if mode is not None:
                event.mode, draft.sub_event = mode, ASSAULT_BY_MODE[mode]
        self._modality(ctx, draft)
        assign_actors(ctx, draft, previous)
        if trigger.id in _SHELLING and " " not in hit.text.strip() and _by_air(ctx, self.cues, draft):
            # "يواصل الطيران الروسي قصف دوما", "طيران حربي روسي عم يقصف": shelling from the air
            event.mode, draft.sub_event = "aerial", ASSAULT_BY_MODE["aerial"]
        crowd = ctx.doc.entities.get(event.actor1 or "")
        if event.type == "ASSAULT" and crowd is not None and crowd.attrs.get("type") in CROWDS:
            # "المحتجون أحرقوا سيارات", "متظاهرون يقتحمون مقر البرلمان": a crowd's violence is a riot
            event.type, event.mode, draft.sub_event = "PROTEST", "riot", "Violent demonstration"
        assign_place(ctx, draft, unit.sentence.start, unit.sentence.end, previous)
        assign_time(ctx, draft, unit.sentence.start, unit.sentence.end)
        draft.event.counts = self.counter.counts(ctx, unit.sentence.start, unit.sentence.end)
        draft.event.reported_by = reporters(ctx, self.cues, unit.sentence.start, hit.start)
        claimant = draft.event.reported_by[0] if draft.event.reported_by else None
        if event.actor1 is None and trigger.id in GOVERNING and claimant and claimant != event.actor2:
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
                and h.trigger.id not in MOVEMENT
                and not WITHOUT.search(sentence[max(0, h.vstart - 10) : h.vstart])
                # "وصلت قوة من الحشد إلى المكان بعد نحو ساعة من الهجوم": an attack already over
                and not _AFTER_IT.search(sentence[max(0, h.vstart - 30) : h.vstart])
                for h in self.matcher.find_in(sentence)
            )
            words = set(sentence.split())
            ctx.cache[key] = violent or not self._violent_words.isdisjoint(words)
        return bool(ctx.cache[key])

    def _modality(self, ctx: DocContext, draft: Draft) -> None:
        cues = self.cues
        hit = draft.hit
        clause = ctx.folded(draft.clause_start, hit.start)
        first_two, last = first_words(clause, 2), last_words(clause, 5)  # the clause's words read
        # "ولم", "فلا": cue words with an attached conjunction count too
        bare = [w[1:] if len(w) > 2 and w[0] in "وف" else w for w in last]
        near = set(last[-3:]) | set(bare[-3:])
        asked = set(last) | set(bare)
        modality = "asserted"
        if hit.future_prefix or near & cues.future:
            modality = "future"
        if draft.hit.trigger.pos == "noun" and asked & cues.request and hit.trigger.type != "REQUEST":
            modality = "requested"
        if first_two and (first_two[0] in cues.hypothetical or " ".join(first_two) in cues.hypothetical):
            modality = "hypothetical"
        if draft.event.type == "REQUEST":
            modality = "requested"
        elif draft.event.type == "THREATEN":
            # "أي اعتداء سيقابل بالرد", "إذا لم تنسحب … سنستأنف": a threat on a condition is hypothetical
            _, unit = ctx.unit_at(hit.start)
            words = set(ctx.folded(draft.clause_start, unit.sentence.end).split())
            if draft.clause_start > unit.sentence.start:  # "وإذا لم تقدّم الحكومة …، فإن مجاهدينا سيستأنفون"
                opening = unit.clause_at(draft.clause_start - 1)
                words |= {w.lstrip("و") for w in first_words(ctx.folded(opening.start, opening.end), 1)}
            modality = "hypothetical" if words & _CONDITIONS else "future"
        if (
            hit.future_prefix
            and draft.event.type == "ASSAULT"
            and first_words(ctx.folded(hit.end, min(draft.clause_end, hit.end + 20)), 1)
            in (["لاي"], ["اي"], ["لكل"])
        ):
            # "ستتصدى لأي محاولة لقمع المتظاهرين", "سنضرب أي قوة تقترب": a warning, not a deed to come
            draft.event.type, draft.event.mode, draft.sub_event = "THREATEN", "violence", None
            modality = "hypothetical"
        if (
            near & cues.negators
            and not _EXCEPT.search(ctx.folded(hit.end, draft.clause_end))
            and not (
                draft.event.type == "THREATEN" and normalize_key(hit.text).startswith("دون")
            )  # "لن يمر دون رد"
        ):
            # "ولم تُطلق الفرقة سراحهم إلا بعد ثلاثة أيام": "not … until" says it happened
            modality = "negated"
        draft.event.modality = modality
        draft.event.negated = modality == "negated"
        if modality == "future" and draft.event.type == "RETREAT":
            draft.event.type = "CONCEDE"  # PLOVER: a future withdrawal is a concession
            draft.event.mode = None
            draft.sub_event = None


# Verb phrases read across their subject even where their noun is a trigger: the noun is their object.
_TAKES_ITS_OBJECT: Final = GOVERNING | SHOOT_DOWN

# Triggers of shelling that an aircraft can do too ("قصف", "دك"); "قصف مدفعي" names its weapon.
_SHELLING: Final = frozenset({"shell", "shelling-noun", "pound"})


def _by_air(ctx: DocContext, cues: EventCues, draft: Draft) -> bool:
    """Does an air force carry out the shelling, or the clause name an aircraft as its subject right
    before or after the trigger?"""
    hit = draft.hit
    agent = ctx.doc.entities.get(draft.event.actor1 or "")
    if agent is not None and "air-force" in agent.id:
        return True
    before = last_words(ctx.folded(draft.clause_start, hit.start - len(hit.prefix)), 4)
    after = first_words(ctx.folded(hit.end, draft.clause_end), 2)
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
    after = first_words(ctx.folded(hit.end, hi), 8)
    before = last_words(ctx.folded(lo, hit.start - len(hit.prefix)), 4)[::-1]
    for i in range(max(len(after), len(before))):
        for words in (after, before):
            if i < len(words):
                w = words[i].lstrip("و")
                for key in (w, w.removeprefix("ب"), w.removeprefix("ب").removeprefix("ال")):
                    mode = cues.instrument_mode(key)
                    if mode is not None:
                        return mode
    return None


def _right_after(ctx: DocContext, hit: TriggerHit, m: Mention) -> bool:
    """Does the mention follow the trigger with no word between?"""
    return m.start >= hit.end and ctx.tokens_between(hit.end, m.start) == 0


# "بعد نحو ساعة من", "عقب": what follows is over by the time of the event.
_AFTER_IT: Final = gated(r"(?:بعد|عقب)(?: \w+){0,3} من (?:ال)?$")


# Words that cannot be part of a subject standing inside a verb phrase: prepositions and particles.
_NOT_SUBJECT: Final = frozenset(
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


# Words of a condition in a threat's sentence: "أي اعتداء", "إذا لم", "في حال".
_CONDITIONS: Final = frozenset({"اي", "اذا", "لو", "حال", "حاله", "طالما"})


# Words that make a warning a threat of violence (folded).
_THREAT: Final = gated(
    r"(?<!\w)(?:هدفا مشروعا|اهدافا مشروعه|هدف مشروع|سيقابل|سنرد|سترد|سيرد|رد حازم|ردا حازما"
    r"|سندفع|سيدفع|ستدفع|ستقابل|يقابل|سيواجه|ستواجه|سنواجه|سيلاحق|ستلاحق|سنلاحق|سيتخذ|ستتخذ|سنتخذ"
    r"|سيضرب|ستضرب|سنضرب|سيتعامل|ستتعامل|سنتعامل|سيتم التعامل)(?!\w)"
)


# "لم … إلا بعد": an exception after a negation asserts the event ("not until").
_EXCEPT: Final = gated(r"(?<!\w)الا (?:بعد|عقب|اثر|في|مقابل)(?!\w)")


def _adjunct_noun(ctx: DocContext, hit: TriggerHit) -> bool:
    """An event noun governed by a preposition ("في هجوم", "بقصف", "جراء غارة", "إثر اشتباكات")."""
    if hit.trigger.pos != "noun":
        return False
    if "ب" in hit.prefix:
        return True
    words = ctx.words_before(hit.start - len(hit.prefix), 1)
    return bool(words) and words[-1] in PREPOSITIONS
