"""Typed records of the knowledge base (actors, persons, person cues), as loaded from data files.

The on-disk format is documented in docs/knowledge-base.md; marsad.kb.loader validates and builds these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Actor types and the ACLED inter code each implies by default.
ACTOR_TYPES: dict[str, int] = {
    "state-forces": 1,
    "rebel-group": 2,
    "political-militia": 3,
    "identity-militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external-forces": 8,
    "other": 8,
}


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of an actor or person name.

    ``short`` marks short or implicit forms (الهيئة، الأحرار، الجيش، النظام): they are linked only with
    context, i.e. when the entity is also named in full in the document or the document's country
    matches one of the entity's countries. ``anaphoric`` forms (الحركة، الجماعة) are generic nouns that
    refer back: they are linked only when the entity is named in full earlier in the document.
    """

    text: str
    short: bool = False
    anaphoric: bool = False  # refers back only: linked only when the entity is named in full earlier


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name the actor used before, with the years it was used (inclusive, None when unknown)."""

    name_ar: str
    name_en: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An organization (kind "org") or unnamed collective actor (kind "group")."""

    id: str
    kind: str  # "org" | "group"
    name_en: str
    name_ar: str
    type: str  # key of ACTOR_TYPES
    inter: int  # ACLED inter code 1..8
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes of the theatres it acts in; () = any
    aliases: tuple[Alias, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    parent: str | None = None  # actor id of the organization it belongs to
    active: tuple[int | None, int | None] = (None, None)  # first and last year, None when open/unknown
    wikidata: str | None = None  # e.g. "Q18016239"
    uncertain: bool = False  # some facts in the entry are not certain
    note: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    """A named leader, commander or spokesperson."""

    id: str
    name_en: str
    name_ar: str
    aliases: tuple[Alias, ...] = ()
    organization: str | None = None  # actor id
    role: str = ""
    countries: tuple[str, ...] = ()
    wikidata: str | None = None
    uncertain: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class PersonCues:
    """Words that introduce person names: titles (الشيخ، الرائد…), kunya heads (أبو، أبي، أبا, أم) and
    name particles (بن، ابن، آل) that may continue a name."""

    titles: dict[str, str] = field(default_factory=dict)  # Arabic title -> English title
    kunya_heads: tuple[str, ...] = ()
    name_particles: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()  # words that end a name (prepositions, verbs of speech...)


@dataclass(slots=True)
class KnowledgeBase:
    """All loaded knowledge: actors and persons by id, and the cues for unknown persons."""

    actors: dict[str, Actor]
    persons: dict[str, Person]
    cues: PersonCues
    sources: list[str] = field(default_factory=list)  # files loaded, in order
    version: str = ""  # content hash of the loaded files
