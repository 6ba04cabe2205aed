"""PLOVER JSON Lines: one record per event with the fields of the PLOVER data specification
(docs/export.md, "plover-jsonl"), character offsets into the original text, and marsad's auxiliary
modality and provenance in documented extra fields."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import orjson

from marsad import __version__
from marsad.export import countries
from marsad.export.common import ChunkWriter, EventView, is_person, unique
from marsad.model import Entity
from marsad.text.normalize import normalize_for_match

CODEBOOK = "PLOVER"
LANGUAGE = "ar"

# PLOVER quad categories, numbered as in the PLOVER manual.
QUAD_CODES: dict[str, int] = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}

# marsad modality -> PLOVER auxiliary mode (the manual defines historical, future, hypothetical,
# negation); "requested" has no PLOVER equivalent and is kept under marsad's name.
AUX_MODES: dict[str, str | None] = {
    "asserted": None,
    "negated": "negation",
    "future": "future",
    "hypothetical": "hypothetical",
    "requested": "requested",
}

# Actor type (knowledge base) -> PLOVER sector code.
SECTORS: dict[str, str] = {
    "state-forces": "MIL",
    "external-forces": "MIL",
    "rebel-group": "REB",
    "political-militia": "PRM",
    "identity-militia": "PRM",
    "civilians": "CVL",
    "protesters": "CVL",
    "rioters": "CVL",
}
# Generic actors whose PLOVER sector is more specific than their type's.
SECTOR_BY_ID: dict[str, str] = {
    "unidentified-armed-group": "UAF",
    "journalists": "JRN",
    "refugees-idps": "REF",
}
PERSON_SECTOR = "ELI"

_TERRITORIAL = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
_MILITARY_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
_MILITARY_MODES = {
    "MOBILIZE": frozenset({"troops", "weapons", "militia"}),
    "RETREAT": frozenset({"withdraw", "disarm", "ceasefire"}),
}
_MILITARY_SUBEVENTS = frozenset({"Headquarters or base established", "Disrupted weapons use"})
_COERCE_CONTEXTS = {"misinformation": "misinformation", "cyber": "cyber"}
_RESOLUTION = {
    "neighbourhood": 5,
    "city": 4,
    "town": 4,
    "village": 4,
    "site": 4,
    "district": 3,
    "admin1": 2,
    "country": 1,
}


@cache
def _state_of_actor() -> dict[str, str]:
    """Actor id -> ISO 3166 alpha-2 of the state it stands for (kb/data/states.yaml)."""
    try:
        from marsad.events.forces import state_actors

        return {actor: cc for cc, actor in state_actors().items()}
    except Exception:  # the table is a refinement: without it codes fall back to the actor's country
        return {}


@cache
def _trigger_contexts() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Folded trigger form -> (PLOVER type, contexts) of the packaged lemmas listing it."""
    try:
        from marsad.events.lexicon import default_triggers, form_index

        return {
            form: tuple((t.type, tuple(t.context)) for t, _ in pairs)
            for form, pairs in form_index(default_triggers()).items()
        }
    except Exception:  # contexts then come from the ACLED/PLOVER rules alone
        return {}


def quad_code(plover_type: str) -> int | None:
    from marsad.events.lexicon import PLOVER_QUADS

    quad = PLOVER_QUADS.get(plover_type)
    return QUAD_CODES.get(quad) if quad else None


def contexts(view: EventView) -> list[str]:
    """PLOVER contexts: the trigger lemma's contexts when the trigger word is in the packaged lexicon
    with the event's type, plus those the ACLED/PLOVER coding makes obvious."""
    ev = view.event
    out: list[str] = []
    for type_, ctx in _trigger_contexts().get(normalize_for_match(ev.trigger.text), ()):
        if type_ == ev.type:
            out.extend(ctx)
    acled = ev.acled or {}
    event_type, sub = acled.get("event_type"), acled.get("sub_event_type")
    if (
        event_type in _MILITARY_EVENT_TYPES
        or sub in _MILITARY_SUBEVENTS
        or (ev.mode in _MILITARY_MODES.get(ev.type, ()))
    ):
        out.append("military")
    if sub in _TERRITORIAL:
        out.append("territory")
    if sub == "Chemical weapon":
        out.append("cbrn")
    if event_type == "Violence against civilians":
        out.append("human_rights")
    if event_type in ("Protests", "Riots"):
        out.append("political")
    if ev.type == "COERCE" and ev.mode in _COERCE_CONTEXTS:
        out.append(_COERCE_CONTEXTS[ev.mode])
    return unique(out)


def _actor_country(view: EventView, ent: Entity) -> str | None:
    """ISO alpha-2 of the state an actor belongs to, when certain: the state it stands for (or its
    parent's), else its only country for domestic actors, else (generic groups such as civilians) the
    event's country."""
    states = _state_of_actor()
    seen: set[str] = set()
    current: Entity | None = ent
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.id in states:
            return states[current.id]
        parent = current.attrs.get("parent")
        current = view.entity(parent) if isinstance(parent, str) else None
    if ent.attrs.get("type") == "external-forces":
        return None  # its countries are theatres, not its nationality
    theatres = ent.attrs.get("countries") or ([ent.attrs["country"]] if ent.attrs.get("country") else [])
    if len(theatres) == 1:
        return str(theatres[0])
    if not theatres and ent.kind == "group":
        return view.country_code()
    return None


def actor_object(view: EventView, entity_id: str) -> dict[str, Any]:
    """A PLOVER entity object: code (ISO alpha-3 or null), sector, entity_text (as written in the text),
    identifier_id (Wikidata QID, else the marsad id), identifier_text (English canonical name)."""
    ent = view.entity(entity_id) if entity_id != "author" else None
    if entity_id == "author" and view.doc.author and view.doc.author.organization:
        ent = view.entity(view.doc.author.organization)
        entity_id = view.doc.author.organization
    if ent is None:
        name = view.name(entity_id)
        return {
            "code": None,
            "sector": None,
            "entity_text": view.surface(entity_id) or name,
            "identifier_id": f"marsad:{entity_id}",
            "identifier_text": name,
            "marsad_id": entity_id,
        }
    if is_person(ent):
        sector: str | None = PERSON_SECTOR
        org = ent.attrs.get("organization")
        org_ent = view.entity(org) if isinstance(org, str) else None
        cc = _actor_country(view, org_ent) if org_ent else None
    else:
        sector = SECTOR_BY_ID.get(ent.id) or SECTORS.get(str(ent.attrs.get("type") or ""))
        cc = _actor_country(view, ent)
    wikidata = ent.attrs.get("wikidata")
    return {
        "code": countries.iso3(cc),
        "sector": sector,
        "entity_text": view.surface(ent.id) or ent.name_ar or ent.name,
        "identifier_id": wikidata if isinstance(wikidata, str) and wikidata else f"marsad:{ent.id}",
        "identifier_text": ent.name or None,
        "marsad_id": ent.id,
        "name_ar": ent.name_ar or None,
        "inter": ent.attrs.get("inter"),
    }


def _resolution(view: EventView) -> int | None:
    """5 sub-city … 1 country: how finely the place is resolved (an unresolved village that only has its
    governorate is resolved at province level)."""
    place = view.place
    if place is None:
        return None
    if view.lat_lon() is not None:
        kind = view.place_kind
        if kind in _RESOLUTION:
            return _RESOLUTION[kind]
        cls, _ = view.feature()
        return 4 if cls in ("P", "S") else None
    if view.place_kind in ("admin1", "country"):
        return _RESOLUTION[str(view.place_kind)]
    if view.admin(1):
        return 2
    return 1 if view.country_code() else None


def event_location(view: EventView) -> dict[str, Any] | None:
    """The PLOVER location object of the event's place, None when the event has no place."""
    place = view.place
    if place is None:
        return None
    coords = view.lat_lon()
    cls, code = view.feature()
    cc = view.country_code()
    kind = view.place_kind
    return {
        "extracted_place": view.surface(place.id) or place.name_ar or None,
        "resolved_place": place.name or None,
        "geonameid": view.geonameid(),
        "lat": coords[0] if coords else None,
        "lon": coords[1] if coords else None,
        "city": place.name if kind in ("city", "town", "village", "neighbourhood") else None,
        "district": view.admin(2),
        "province": view.admin(1),
        "country": countries.country_name(cc),
        "country_code": countries.iso3(cc),
        "feature_class": cls,
        "feature_code": code,
        "resolution": _resolution(view),
        "geo_precision": view.geo_precision(),
        "marsad_id": place.id,
        "place_relation": view.event.place_relation,
    }


def plover_record(view: EventView, corpus: str) -> dict[str, Any]:
    """One PLOVER record (docs/export.md lists every field and where it comes from)."""
    ev = view.event
    doc = view.doc
    acled = ev.acled or {}
    two_sided = ev.type == "ASSAULT" and acled.get("event_type") == "Battles"
    actor_ids = [a for a in (ev.actor1, *ev.assoc_actors) if a]
    recipient_ids = [ev.actor2] if ev.actor2 else []
    if two_sided:  # reciprocal violence: every fighting party is an actor, none a recipient
        actor_ids, recipient_ids = [*actor_ids, *recipient_ids], []
    spans = view.evidence_spans()
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    sentences = view.facts.sentences_covering(start, end)
    dead, injured, arrested = ev.fatalities, view.count("injured"), view.count("arrested")
    return {
        "id": f"{corpus}-{view.number}",
        "date": view.date(),
        "actor": [actor_object(view, a) for a in unique(actor_ids)],
        "recipient": [actor_object(view, a) for a in unique(recipient_ids)],
        "event": [ev.type],
        "mode": ev.mode,
        "context": contexts(view),
        "quad_code": quad_code(ev.type),
        "event_loc": event_location(view),
        "event_text": view.evidence_texts(),
        "size": {"dead": dead, "injured": injured, "arrested": arrested},
        "text_info": {
            "sequence": view.facts.sentence_index(ev.trigger.start),
            "start": start,
            "end": end,
            "text_story": [doc.text[s:e] for s, e in sentences],
            "is_story": False,
        },
        "cite_info": {
            "corpus": corpus,
            "citation": f"{doc.id}#{ev.id}",
            "url": doc.url,
            "title": doc.title,
            "language": LANGUAGE,
            "publication": view.outlet(),
            "published": doc.published,
            "coder": f"marsad {__version__}",
            "codebook": CODEBOOK,
            "version": __version__,
        },
        "aux_mode": AUX_MODES.get(view.modality, view.modality),
        "marsad": {
            "number": view.number,
            "document_id": doc.id,
            "event_id": ev.id,
            "review_status": view.review_status,
            "modality": view.modality,
            "negated": ev.negated,
            "acled": ev.acled,
            "time_precision": ev.time_precision,
            "time": ev.time,
            "reported_by": view.reporter_names(),
            "disputes": ev.disputes,
            "disputed_by": ev.disputed_by,
            "inferred": ev.inferred,
            "trigger": ev.trigger.to_dict(),
            "evidence": [s.to_dict() for s in ev.evidence],
            "counts": ev.counts,
            "confidence": round(ev.confidence, 3),
            "cluster_id": doc.meta.get("cluster_id"),
            "origin": doc.meta.get("origin"),
        },
    }


def write_plover_jsonl(views: Iterable[EventView], out: ChunkWriter, corpus: str) -> int:
    n = 0
    for view in views:
        out.write_bytes(orjson.dumps(plover_record(view, corpus), default=str) + b"\n")
        n += 1
    return n
