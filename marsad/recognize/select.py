"""Choose among overlapping candidates, link short forms with context, and write mentions and
entities into the document."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar, Final

from marsad.kb.schema import Actor, Person
from marsad.model import Document, Entity, EntityKind, Label, Mention
from marsad.pipeline import Analysis
from marsad.recognize.candidates import Candidate, select
from marsad.recognize.context import strip_proclitics
from marsad.recognize.places import classify_cue, load_place_cues, top_countries, transliterate_name
from marsad.resources import Resources
from marsad.text.common_words import common_words
from marsad.text.normalize import NormalizedText
from marsad.text.positions import count_below

_COMPONENT: Final = {
    "kb-actor": "actors",
    "kb-person": "persons",
    "title-person": "persons",
    "kunya-person": "persons",
    "gazetteer": "places",
    "cue-place": "places",
}


class MentionSelector:
    """Resolves overlaps (longest span first, then the stronger evidence) and links ambiguous or short
    actor and person names using what else the document names and its country prior."""

    name: ClassVar[str] = "select"
    requires: ClassVar[tuple[str, ...]] = (
        "candidates.actors",
        "candidates.persons",
        "candidates.places",
        "country_prior",
    )
    provides: ClassVar[tuple[str, ...]] = (
        "mentions.ORG",
        "mentions.GROUP",
        "mentions.PERSON",
        "mentions.PLACE",
    )

    def __init__(self, resources: Resources) -> None:
        self.kb = resources.kb
        self.place_cues = load_place_cues()
        from marsad.events.forces import actor_cues  # here: marsad.events imports this module

        self.means = actor_cues()["attributed_means"]

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        facts = analysis.facts
        prior: dict[str, float] = facts["country_prior"]
        top = top_countries(prior)
        actor_cands: list[Candidate] = facts["candidates.actors"]
        person_cands: list[Candidate] = facts["candidates.persons"]
        named = {c.entity for c in actor_cands + person_cands if c.entity and not c.attrs.get("short")}
        named_orgs = named | {
            p.organization for i in named if (p := self.kb.persons.get(i)) and p.organization
        }
        kept: list[Candidate] = []
        for cand in actor_cands + person_cands:
            # "منطقة البغدادي", "بلدتي أبو حمام": after a place word, a short name or a kunya is a place.
            if cand.attrs.get("short") or cand.source == "kunya-person":
                cue, _ = classify_cue(analysis.view.words.before(cand.vstart, 2), self.place_cues)
                if cue in ("settlement", "admin"):
                    cand.attrs["drop"] = True
            if cand.attrs.get("short") and self._after_definite_means(analysis.view, cand.vstart):
                cand.attrs["drop"] = True
        first_named: dict[str, int] = {}
        named_at: list[tuple[int, str]] = []
        for c in actor_cands:
            if c.entity and not c.attrs.get("anaphoric"):
                # a full name, or a short one of this actor alone ("تنظيم القاعدة" before "التنظيم")
                first_named.setdefault(c.entity, c.start)
                named_at.append((c.start, c.entity))
        named_at.sort()
        named_starts: dict[str, list[int]] = {}  # each actor's starts, in text order
        for start, entity in named_at:
            named_starts.setdefault(entity, []).append(start)
        for cand in actor_cands:
            if cand.attrs.get("drop"):
                continue
            anaphoric = cand.attrs.pop("anaphoric", [])
            if anaphoric:
                # "الحركة" refers back to a movement named in full before it; otherwise not to it.
                refs = [
                    r
                    for r in cand.attrs["refs"]
                    if r not in anaphoric or first_named.get(r, len(doc.text)) < cand.start
                ]
                if not refs:
                    continue
                cand.attrs["refs"] = refs
            if cand.attrs.get("short") and len(cand.attrs["refs"]) > 1:
                cand.attrs["refs"] = _latest_named_first(cand.attrs["refs"], named_starts, cand.start)
            ref = self._choose(
                cand.attrs["refs"], cand.attrs.get("short", False), named, top, self._actor_countries
            )
            if ref is None:
                continue
            cand.entity = ref
            if cand.attrs.get("short"):
                cand.confidence = 0.85
            kept.append(cand)
        for cand in person_cands:
            if cand.attrs.get("drop"):
                continue
            if cand.source == "kb-person":
                person = self.kb.persons[cand.entity or ""]
                if cand.attrs.get("short") and not (
                    person.organization in named_orgs or set(person.countries) & top
                ):
                    continue
            kept.append(cand)
        kept.extend(facts["candidates.places"])
        taken = [(m.start, m.end) for m in doc.mentions]
        for cand in select(kept, len(doc.text), taken):
            doc.add_mention(self._mention(doc, cand))
        self._surnames(doc, analysis)

    @staticmethod
    def _surnames(doc: Document, analysis: Analysis) -> None:
        """A person named in full is later called by the family name alone ("محمود الزعبي" … "الزعبي")."""
        text = analysis.view.text
        people = [m for m in doc.mentions if m.label == Label.PERSON and m.entity and " " in m.text.strip()]
        if not people:
            return
        occupied = bytearray(len(doc.text) + 1)
        for m in doc.mentions:
            occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
        seen: set[str] = set()
        for person in people:
            vstart, vend = analysis.view.to_view(person.start), analysis.view.to_view(person.end)
            surname = text[vstart:vend].split()[-1]
            # "سالم باحميش" … "باحميش": a family name without the article counts when it is no
            # frequent Arabic word
            rare = not surname.startswith("ال") and surname not in common_words()
            if not (surname.startswith("ال") or rare) or len(surname) < 5 or surname in seen:
                continue
            seen.add(surname)
            for vstart in _word_occurrences(text, surname):
                start, end = analysis.view.span(vstart, vstart + len(surname))
                if occupied.find(1, start, end) != -1:
                    continue
                occupied[start:end] = b"\x01" * (end - start)
                doc.add_mention(
                    doc.span(
                        start,
                        end,
                        Label.PERSON,
                        entity=person.entity,
                        confidence=0.7,
                        component="persons",
                        attrs={"form": "surname"},
                    )
                )

    def _after_definite_means(self, view: NormalizedText, vstart: int) -> bool:
        """ "الطائرات المسيرة": after a definite weapon noun a definite word is its adjective, not the
        actor of the same short form (an indefinite head is a construct: "طائرات التحالف")."""
        before = view.words.before(vstart, 1)
        if not before or view.text[vstart - 1 : vstart] != " ":
            return False
        word = before[-1]
        word = "ال" + word[2:] if word.startswith("لل") else strip_proclitics(word)
        return word.startswith("ال") and word[2:] in self.means

    def _actor_countries(self, ref: str) -> tuple[str, ...]:
        return self.kb.actors[ref].countries

    @staticmethod
    def _choose(
        refs: list[str], short: bool, named: set[str], top: set[str], countries_of: Any
    ) -> str | None:
        """Pick the entity a name refers to, or None when a short form lacks context."""
        in_doc = [r for r in refs if r in named]
        if in_doc:
            return in_doc[0]
        local = [r for r in refs if set(countries_of(r)) & top]
        if len(local) >= 1:
            return local[0]
        generic = [r for r in refs if not countries_of(r)]
        if generic:
            return generic[0]
        if short:
            return None
        return refs[0]

    def _mention(self, doc: Document, cand: Candidate) -> Mention:
        component = _COMPONENT[cand.source]
        attrs = {k: v for k, v in cand.attrs.items() if k not in ("refs", "short")}
        if cand.label == Label.PLACE:
            attrs.update(key=cand.key, vstart=cand.vstart, vend=cand.vend)
        elif cand.label in (Label.ORG, Label.GROUP):
            add_actor_entity(doc, self.kb.actors, cand.entity or "")
        elif cand.label == Label.PERSON:
            if cand.entity:
                self._person_entity(doc, self.kb.persons[cand.entity])
            else:
                cand.entity = person_id(cand.key)
                doc.add_entity(
                    Entity(
                        cand.entity,
                        EntityKind.PERSON,
                        transliterate_name(cand.key),
                        doc.text[cand.start : cand.end],
                        {"in_kb": False},
                    )
                )
        return Mention(
            start=cand.start,
            end=cand.end,
            text=doc.text[cand.start : cand.end],
            label=cand.label,
            entity=cand.entity,
            confidence=cand.confidence,
            component=component,
            attrs=attrs,
        )

    def _person_entity(self, doc: Document, person: Person) -> None:
        doc.add_entity(
            Entity(
                id=person.id,
                kind=EntityKind.PERSON,
                name=person.name_en,
                name_ar=person.name_ar,
                attrs={
                    "organization": person.organization,
                    "role": person.role or None,
                    "wikidata": person.wikidata,
                    "in_kb": True,
                },
            )
        )


def add_actor_entity(doc: Document, actors: Mapping[str, Actor], actor_id: str) -> None:
    """Register a knowledge-base actor (and the organizations it belongs to) as document entities."""
    actor = actors.get(actor_id)
    if actor is None or actor.id in doc.entities:
        return
    doc.add_entity(
        Entity(
            id=actor.id,
            kind=EntityKind.ORG if actor.kind == "org" else EntityKind.GROUP,
            name=actor.name_en,
            name_ar=actor.name_ar,
            attrs={
                "type": actor.type,
                "inter": actor.inter,
                "countries": list(actor.countries),
                "parent": actor.parent,
                "wikidata": actor.wikidata,
            },
        )
    )
    if actor.parent:
        add_actor_entity(doc, actors, actor.parent)


def person_id(folded_name: str) -> str:
    """Entity id of a person not in the knowledge base; inflected kunyas (أبي، أبا) share أبو's id."""
    words = folded_name.split()
    if words and words[0] in ("ابي", "ابا"):
        words[0] = "ابو"
    return "person:" + "-".join(words)


def _latest_named_first(refs: list[str], named_starts: dict[str, list[int]], pos: int) -> list[str]:
    """A short form shared by several actors ("التنظيم") refers to the one named last before it:
    AQAP after "تنظيم القاعدة في جزيرة العرب", the Islamic State after "تنظيم داعش"."""
    last: dict[str, int] = {}
    for ref in refs:
        starts = named_starts.get(ref, [])
        k = count_below(starts, pos)  # the actor's names that start before ``pos``
        if k:
            last[ref] = starts[k - 1]
    return sorted(refs, key=lambda r: -last.get(r, -1))


def _word_occurrences(text: str, word: str) -> list[int]:
    """Starts of ``word`` in ``text`` as a whole word, also behind the proclitics و/ف and ب/ل/ك
    ("والزعبي", "للزعبي"), without compiling a pattern for every name."""
    out: list[int] = []
    i = text.find(word)
    while i != -1:
        after = i + len(word)
        if after == len(text) or not _is_word_char(text[after]):
            j = i
            while j > 0 and _is_word_char(text[j - 1]):
                j -= 1
            if _PROCLITICS.fullmatch(text, j, i):
                out.append(i)
        i = text.find(word, i + 1)
    return out


_PROCLITICS: Final = re.compile("[وف]?[بلك]?")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
