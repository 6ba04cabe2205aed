"""Loader for the hand-annotated gold sets (``gold/dev/*.txt``).

File format (UTF-8, several documents per file)::

    ### doc: sy-news-001
    ### published: 2019-05-03
    ### style: news
    ### conflict: SY
    ### title: optional title
    ### events: complete           (optional: every event of the document is annotated)
    text with [[surface|LABEL|link]] markup
    continuation lines belong to the same document until the next "### doc:" header
    ### event: e1 | type=ASSAULT | acled=Armed clash | trigger=اشتباكات#1 | evidence=...#1 | ...

Event lines follow the text of their document (see gold/README.md, "Events"); every ``TEXT#N``
reference (trigger, evidence, place) names the N-th occurrence of TEXT in the document text.

A document's text is its lines with the markup replaced by the surface, header lines removed,
lines joined with "\\n", leading and trailing blank lines stripped. Every mention satisfies
``text[start:end] == surface``. Any violation of the format raises ``GoldFormatError`` naming the
file and line. The annotation guidelines are in ``gold/README.md``.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from marsad.model import Document, Label

if TYPE_CHECKING:
    from marsad.kb.schema import KnowledgeBase

STYLES: frozenset[str] = frozenset({"statement", "news", "telegram", "hr-report"})
HEADER_KEYS: frozenset[str] = frozenset({"doc", "published", "style", "conflict", "title", "events"})
REQUIRED_KEYS: tuple[str, ...] = ("style", "conflict")
# Labels whose mentions must carry a link (PERSON and TIME links are optional).
LINK_REQUIRED: frozenset[Label] = frozenset({Label.ORG, Label.GROUP, Label.PLACE})

_HEADER_RE = re.compile(r"^### ([a-z]+):[ \t]*(.*?)[ \t]*$")
_DOC_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
_CONFLICT_RE = re.compile(r"^[A-Z]{2}$")
_PUBLISHED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACE_LINK_RE = re.compile(r"^(?:geonames:\d+|admin1:[A-Z]{2}\.\w+|custom:\S+|none)$")
_TIME_POINT_RE = re.compile(r"^\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?$")
_OPEN, _CLOSE, _SEP = "[[", "]]", "|"

# ----------------------------------------------------------------------------- event vocabularies
# PLOVER event types and modes and ACLED sub-event types (../shared/notes/standards.md). When the event
# lexicon module (marsad.events.lexicon) exists, its PLOVER_TYPES / PLOVER_MODES / ACLED_SUBEVENTS are used.

_PLOVER_MODES_LOCAL: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        }
    ),
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        }
    ),
}

# sub-event type -> (event type, disorder type)
_ACLED_LOCAL: dict[str, tuple[str, str]] = {
    "Armed clash": ("Battles", "Political violence"),
    "Government regains territory": ("Battles", "Political violence"),
    "Non-state actor overtakes territory": ("Battles", "Political violence"),
    "Chemical weapon": ("Explosions/Remote violence", "Political violence"),
    "Air/drone strike": ("Explosions/Remote violence", "Political violence"),
    "Suicide bomb": ("Explosions/Remote violence", "Political violence"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "Political violence"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "Political violence"),
    "Grenade": ("Explosions/Remote violence", "Political violence"),
    "Sexual violence": ("Violence against civilians", "Political violence"),
    "Attack": ("Violence against civilians", "Political violence"),
    "Abduction/forced disappearance": ("Violence against civilians", "Political violence"),
    "Peaceful protest": ("Protests", "Demonstrations"),
    "Protest with intervention": ("Protests", "Demonstrations"),
    "Excessive force against protesters": ("Protests", "Political violence; Demonstrations"),
    "Violent demonstration": ("Riots", "Demonstrations"),
    "Mob violence": ("Riots", "Political violence; Demonstrations"),
    "Agreement": ("Strategic developments", "Strategic developments"),
    "Arrests": ("Strategic developments", "Strategic developments"),
    "Change to group/activity": ("Strategic developments", "Strategic developments"),
    "Disrupted weapons use": ("Strategic developments", "Strategic developments"),
    "Headquarters or base established": ("Strategic developments", "Strategic developments"),
    "Looting/property destruction": ("Strategic developments", "Strategic developments"),
    "Non-violent transfer of territory": ("Strategic developments", "Strategic developments"),
    "Other": ("Strategic developments", "Strategic developments"),
}


def _lexicon_value(name: str) -> Any:
    """``marsad.events.lexicon.<name>`` when that module exists and defines it, else None."""
    try:
        lexicon = importlib.import_module("marsad.events.lexicon")
    except ImportError:
        return None
    return getattr(lexicon, name, None)


def _str_set(value: Any) -> frozenset[str] | None:
    """A set of strings from a mapping's keys or an iterable of strings; None for anything else."""
    if isinstance(value, Mapping):
        value = list(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        items = list(value)
        if items and all(isinstance(v, str) for v in items):
            return frozenset(items)
    return None


def _plover_modes(types: frozenset[str], value: Any) -> dict[str, frozenset[str]]:
    """Modes per PLOVER type: from a type -> modes mapping, or one flat set allowed for every type."""
    if isinstance(value, Mapping):
        modes = {str(t): _str_set(m) or frozenset() for t, m in value.items()}
        return {t: modes.get(t, frozenset()) for t in types}
    flat = _str_set(value)
    if flat is not None:
        return {t: flat for t in types}
    return {t: _PLOVER_MODES_LOCAL.get(t, frozenset()) for t in types}


PLOVER_TYPES: frozenset[str] = _str_set(_lexicon_value("PLOVER_TYPES")) or frozenset(_PLOVER_MODES_LOCAL)
PLOVER_MODES: dict[str, frozenset[str]] = _plover_modes(PLOVER_TYPES, _lexicon_value("PLOVER_MODES"))
ACLED_SUBEVENTS: frozenset[str] = _str_set(_lexicon_value("ACLED_SUBEVENTS")) or frozenset(_ACLED_LOCAL)
MODALITIES: frozenset[str] = frozenset({"asserted", "negated", "future", "hypothetical", "requested"})
DIRECTIONS: frozenset[str] = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "near",
        "outskirts",
        "inside",
    }
)
COUNT_KEYS: tuple[str, ...] = ("killed", "injured", "arrested")
EVENT_KEYS: frozenset[str] = frozenset(
    {
        "type",
        "mode",
        "acled",
        "trigger",
        "evidence",
        "actor1",
        "actor2",
        "assoc",
        "place",
        "place_relation",
        "date",
        "precision",
        "modality",
        "negated",
        "reported_by",
        "disputes",
        *COUNT_KEYS,
    }
)
EVENT_REQUIRED: tuple[str, ...] = ("type", "acled", "trigger", "evidence", "modality")
_EVENT_ID_RE = re.compile(r"^e[1-9][0-9]*$")
_REF_RE = re.compile(r"^(.+)#([1-9][0-9]*)$", re.DOTALL)
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GoldFormatError(ValueError):
    """A gold file violates the format; the message starts with ``path:line:``."""

    def __init__(self, message: str, path: str, line: int) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.reason = message


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated span of a gold document's text."""

    start: int
    end: int
    text: str
    label: Label
    link: str | None = None


class GoldSpan(NamedTuple):
    """A piece of a gold document's text: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event of a gold document (an ``### event:`` line; see gold/README.md, "Events")."""

    id: str
    type: str  # PLOVER event type
    mode: str | None
    acled: str | None  # ACLED sub-event type, None when none applies
    trigger: GoldSpan
    evidence: list[GoldSpan]
    actor1: str | None = None
    actor2: str | None = None
    assoc: tuple[str, ...] = ()
    place: GoldMention | None = None
    place_relation: str | None = None
    date: str | None = None
    precision: int | None = None
    modality: str = "asserted"
    negated: bool = False
    reported_by: tuple[str, ...] = ()
    disputes: str | None = None
    # {"killed": {side or "all": n}, "injured": {...}, "arrested": {...}}; only the counts given
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    line: int = 0

    def count(self, kind: str) -> int | None:
        """The total of one count kind (killed, injured, arrested) over all sides, None when not given."""
        sides = self.counts.get(kind)
        return sum(sides.values()) if sides else None


@dataclass(slots=True)
class GoldDocument:
    """One gold document: its text, header fields and annotated mentions (sorted by offset)."""

    id: str
    text: str
    published: str | None
    style: str
    conflict: str
    title: str | None
    mentions: list[GoldMention] = field(default_factory=list)
    path: str = "<string>"
    line: int = 0  # line of the "### doc:" header
    events: list[GoldEvent] = field(default_factory=list)
    events_complete: bool = False  # "### events: complete": every event of the document is annotated

    def to_document(self) -> Document:
        """The input document a system sees: id, text, published and title, without mentions."""
        return Document(id=self.id, text=self.text, title=self.title, published=self.published)

    def by_label(self, label: Label) -> list[GoldMention]:
        """The mentions with the given label, in text order."""
        return [m for m in self.mentions if m.label is label]


def valid_time_value(value: str) -> bool:
    """True for an ISO date/month/year/week/datetime value, or an interval ``a/b`` of two of them."""
    parts = value.split("/")
    if len(parts) > 2:
        return False
    for part in parts:
        if not _TIME_POINT_RE.match(part):
            return False
        try:
            if "T" in part:
                datetime.fromisoformat(part)
            elif len(part) == 10:
                date.fromisoformat(part)
            elif len(part) == 7 and "W" not in part:
                date.fromisoformat(part + "-01")
            elif "W" in part and not 1 <= int(part[6:]) <= 53:
                return False
        except ValueError:
            return False
    return True


class _ErrorAt:
    """Builds GoldFormatErrors for one line of one file."""

    __slots__ = ("line", "path")

    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line

    def __call__(self, message: str) -> GoldFormatError:
        return GoldFormatError(message, self.path, self.line)


def _check_link(label: Label, link: str | None, err: _ErrorAt) -> None:
    if link is None:
        if label in LINK_REQUIRED:
            raise err(f"{label} mention needs a link (use 'none' for an unresolvable place)")
        return
    if label is Label.PLACE:
        if not PLACE_LINK_RE.match(link):
            raise err(
                f"bad place link {link!r}: expected geonames:<id>, admin1:<CC>.<code>, custom:<id> or none"
            )
    elif label is Label.TIME:
        if not valid_time_value(link):
            raise err(f"bad TIME value {link!r}: expected an ISO date, month, year, week or datetime")
    elif not _SLUG_RE.match(link):
        raise err(f"bad {label} link {link!r}: expected a lowercase id like 'hayat-tahrir-al-sham'")


def _parse_line(line: str, err: _ErrorAt) -> tuple[str, list[tuple[int, int, str, Label, str | None]]]:
    """Strip the markup from one text line; return its plain text and mentions (line-relative)."""
    out: list[str] = []
    spans: list[tuple[int, int, str, Label, str | None]] = []
    pos = 0
    length = 0
    while True:
        open_at = line.find(_OPEN, pos)
        close_at = line.find(_CLOSE, pos)
        if close_at != -1 and (open_at == -1 or close_at < open_at):
            raise err(f"']]' without an opening '[[' at column {close_at + 1}")
        if open_at == -1:
            out.append(line[pos:])
            break
        out.append(line[pos:open_at])
        length += open_at - pos
        end_at = line.find(_CLOSE, open_at + 2)
        if end_at == -1:
            raise err(f"unclosed '[[' at column {open_at + 1}")
        inner = line[open_at + 2 : end_at]
        if _OPEN in inner:
            raise err(f"nested '[[' inside the markup opened at column {open_at + 1}")
        parts = inner.split(_SEP)
        if len(parts) not in (2, 3):
            raise err(f"markup [[{inner}]] must be [[surface|LABEL]] or [[surface|LABEL|link]]")
        surface, label_s = parts[0], parts[1]
        if not surface.strip():
            raise err(f"empty surface in [[{inner}]]")
        if surface != surface.strip():
            raise err(f"surface {surface!r} starts or ends with whitespace")
        try:
            label = Label(label_s)
        except ValueError:
            raise err(f"unknown label {label_s!r} (expected one of {', '.join(Label)})") from None
        link: str | None = None
        if len(parts) == 3:
            link = parts[2]
            if not link or link != link.strip():
                raise err(f"empty link or link with spaces in [[{inner}]]")
        _check_link(label, link, err)
        spans.append((length, length + len(surface), surface, label, link))
        out.append(surface)
        length += len(surface)
        pos = end_at + 2
    return "".join(out), spans


# ------------------------------------------------------------------------------------------ events


class _KbIds(NamedTuple):
    """The ids event lines may name: KB actors (actor1, actor2, assoc, count sides) and KB persons."""

    actors: frozenset[str]
    persons: frozenset[str]


@cache
def _default_kb_ids() -> _KbIds:
    from marsad.kb.loader import load_knowledge_base

    return _kb_ids(load_knowledge_base())


def _kb_ids(kb: KnowledgeBase) -> _KbIds:
    return _KbIds(frozenset(kb.actors), frozenset(kb.persons))


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of ``needle`` in ``text`` (overlapping ones included)."""
    found: list[int] = []
    at = text.find(needle) if needle else -1
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def text_ref(text: str, start: int, end: int) -> str:
    """The ``TEXT#N`` reference of the span ``text[start:end]`` (inverse of the event-line lookup)."""
    piece = text[start:end]
    return f"{piece}#{occurrences(text, piece).index(start) + 1}"


def _resolve_ref(key: str, value: str, text: str, err: _ErrorAt) -> GoldSpan:
    """Find ``TEXT#N`` (the N-th occurrence of TEXT) in the document text."""
    match = _REF_RE.match(value)
    if match is None:
        raise err(f"{key}={value!r}: expected TEXT#N (N = which occurrence of TEXT in the document text)")
    needle, nth = match.group(1), int(match.group(2))
    if needle != needle.strip():
        raise err(f"{key}: {needle!r} starts or ends with whitespace")
    found = occurrences(text, needle)
    if not found:
        raise err(f"{key}: {needle!r} does not occur in the text of the document (0 occurrences)")
    if nth > len(found):
        raise err(f"{key}: {needle!r} occurs {len(found)} time(s) in the text of the document, not {nth}")
    start = found[nth - 1]
    return GoldSpan(start, start + len(needle), needle)


def _split_event_line(body: str, err: _ErrorAt) -> tuple[str, dict[str, list[str]]]:
    """``e1 | key=value | ...`` -> the event id and the values of each key (only evidence may repeat)."""
    parts = [p.strip() for p in body.split("|")]
    event_id = parts[0]
    if not _EVENT_ID_RE.match(event_id):
        raise err(
            f"bad event id {event_id!r}: expected e1, e2, ... first on the line ('### event: e1 | ...')"
        )
    fields: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not eq:
            raise err(f"event field {part!r} is not key=value (values may not contain '|')")
        if key not in EVENT_KEYS:
            raise err(f"unknown event key {key!r} (expected one of {', '.join(sorted(EVENT_KEYS))})")
        if key in fields and key != "evidence":
            raise err(f"event key {key!r} given twice")
        fields.setdefault(key, []).append(value)
    for key in EVENT_REQUIRED:
        if not any(fields.get(key, [])):
            raise err(f"event {event_id} has no {key}= value (required: {', '.join(EVENT_REQUIRED)})")
    return event_id, fields


def _none(value: str | None) -> str | None:
    """An empty value or '-' means "not given"."""
    return None if value is None or value in ("", "-") else value


def _ids(key: str, value: str | None, allowed: Collection[str], err: _ErrorAt) -> tuple[str, ...]:
    """Comma-separated ids, each in ``allowed``."""
    cleaned = _none(value)
    if cleaned is None:
        return ()
    ids = tuple(v.strip() for v in cleaned.split(","))
    for item in ids:
        if item not in allowed:
            raise err(f"{key}: {item!r} is not an id of the knowledge base")
    if len(set(ids)) != len(ids):
        raise err(f"{key}: an id is repeated in {cleaned!r}")
    return ids


def _counts(key: str, value: str, actors: Collection[str], err: _ErrorAt) -> dict[str, int]:
    """``4`` -> {"all": 4}; ``side:14,side:31`` -> per side (sides are KB actor ids or 'unspecified')."""
    if value.isascii() and value.isdigit():
        return {"all": int(value)}
    sides: dict[str, int] = {}
    for part in value.split(","):
        side, colon, number = (p.strip() for p in part.partition(":"))
        if not colon or not (number.isascii() and number.isdigit()):
            raise err(f"{key}={value!r}: expected a number, or side:number pairs joined by ','")
        if side not in actors and side != "unspecified":
            raise err(f"{key}: side {side!r} is not an actor id of the knowledge base")
        if side in sides:
            raise err(f"{key}: side {side!r} given twice")
        sides[side] = int(number)
    return sides


def _date_fields(value: str | None, precision: str | None, err: _ErrorAt) -> tuple[str | None, int | None]:
    day, prec = _none(value), _none(precision)
    if day is not None:
        try:
            if not _ISO_DATE_RE.match(day):
                raise ValueError(day)
            date.fromisoformat(day)
        except ValueError:
            raise err(f"bad event date {day!r}: expected YYYY-MM-DD or '-'") from None
    if prec is not None and prec not in ("1", "2", "3"):
        raise err(f"bad precision {prec!r}: expected 1 (day), 2 (week), 3 (month) or '-'")
    if (day is None) != (prec is None):
        raise err("date and precision go together: give both, or '-' for both")
    return day, int(prec) if prec is not None else None


def _parse_event(
    body: str,
    err: _ErrorAt,
    text: str,
    places: Mapping[tuple[int, int], GoldMention],
    kb: _KbIds,
) -> GoldEvent:
    """One ``### event:`` line of a document whose text and mentions are known."""
    event_id, fields = _split_event_line(body, err)

    def one(key: str) -> str | None:
        return fields.get(key, [None])[0]

    kind = one("type") or ""
    if kind not in PLOVER_TYPES:
        raise err(f"unknown PLOVER type {kind!r} (expected one of {', '.join(sorted(PLOVER_TYPES))})")
    mode = _none(one("mode"))
    if mode is not None and mode not in PLOVER_MODES.get(kind, frozenset()):
        allowed = ", ".join(sorted(PLOVER_MODES.get(kind, frozenset()))) or "none"
        raise err(f"unknown PLOVER mode {mode!r} for {kind} (its modes: {allowed})")
    acled = _none(one("acled"))
    if acled is not None and acled not in ACLED_SUBEVENTS:
        raise err(f"unknown ACLED sub-event type {acled!r} (see ../shared/notes/standards.md, or '-')")
    trigger = _resolve_ref("trigger", one("trigger") or "", text, err)
    evidence = [_resolve_ref("evidence", v, text, err) for v in fields["evidence"] if v]
    if not any(e.start <= trigger.start and trigger.end <= e.end for e in evidence):
        raise err(f"trigger {trigger.text!r} at {trigger.start} lies in none of the evidence spans")
    place: GoldMention | None = None
    place_ref = _none(one("place"))
    if place_ref is not None:
        span = _resolve_ref("place", place_ref, text, err)
        place = places.get((span.start, span.end))
        if place is None:
            raise err(f"place {place_ref!r} (offsets {span.start}-{span.end}) is not a gold PLACE mention")
    relation = _none(one("place_relation"))
    if relation is not None:
        if place is None:
            raise err("place_relation needs a place (the anchor)")
        if relation not in DIRECTIONS:
            raise err(
                f"unknown place_relation {relation!r} (expected one of {', '.join(sorted(DIRECTIONS))})"
            )
    day, precision = _date_fields(one("date"), one("precision"), err)
    modality = one("modality") or ""
    if modality not in MODALITIES:
        raise err(f"unknown modality {modality!r} (expected one of {', '.join(sorted(MODALITIES))})")
    negated_value = _none(one("negated"))
    if negated_value is not None:
        if negated_value not in ("yes", "no"):
            raise err(f"negated={negated_value!r}: expected yes or no")
        if (negated_value == "yes") != (modality == "negated"):
            raise err(f"negated={negated_value} contradicts modality={modality}")
    entity_ids = kb.actors | kb.persons
    actor1 = _ids("actor1", one("actor1"), entity_ids, err)
    actor2 = _ids("actor2", one("actor2"), entity_ids, err)
    for key, given in (("actor1", actor1), ("actor2", actor2)):
        if len(given) > 1:
            raise err(f"{key} takes one id; put co-participants in assoc=")
    assoc = _ids("assoc", one("assoc"), entity_ids, err)
    reported_by = _ids("reported_by", one("reported_by"), entity_ids | {"author"}, err)
    disputes = _none(one("disputes"))
    if disputes is not None:
        if not _EVENT_ID_RE.match(disputes):
            raise err(f"disputes={disputes!r}: expected an event id like e2")
        if disputes == event_id:
            raise err(f"event {event_id} disputes itself")
    counts = {
        key: _counts(key, raw, kb.actors, err) for key in COUNT_KEYS if (raw := _none(one(key))) is not None
    }
    return GoldEvent(
        id=event_id,
        type=kind,
        mode=mode,
        acled=acled,
        trigger=trigger,
        evidence=evidence,
        actor1=actor1[0] if actor1 else None,
        actor2=actor2[0] if actor2 else None,
        assoc=assoc,
        place=place,
        place_relation=relation,
        date=day,
        precision=precision,
        modality=modality,
        negated=modality == "negated",
        reported_by=reported_by,
        disputes=disputes,
        counts=counts,
        line=err.line,
    )


def _parse_events(
    lines: list[tuple[int, str]], path: str, text: str, mentions: list[GoldMention], kb: _KbIds
) -> list[GoldEvent]:
    """The event lines of one document, checked against its text, mentions and the KB."""
    places = {(m.start, m.end): m for m in mentions if m.label is Label.PLACE}
    events: list[GoldEvent] = []
    first_line: dict[str, int] = {}
    for number, body in lines:
        err = _ErrorAt(path, number)
        event = _parse_event(body, err, text, places, kb)
        if event.id in first_line:
            raise err(f"duplicate event id {event.id!r} (first at line {first_line[event.id]})")
        expected = f"e{len(events) + 1}"
        if event.id != expected:
            raise err(f"event ids run e1, e2, ... in line order: expected {expected}, found {event.id}")
        first_line[event.id] = number
        events.append(event)
    for event in events:
        if event.disputes is not None and event.disputes not in first_line:
            raise GoldFormatError(
                f"event {event.id} disputes {event.disputes!r}, which is not an event of this document",
                path,
                event.line,
            )
    return events


@dataclass(slots=True)
class _Draft:
    """A document while its lines are being read."""

    id: str
    path: str
    line: int
    headers: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # (line index, start, end, surface, label, link), offsets relative to the line
    spans: list[tuple[int, int, int, str, Label, str | None]] = field(default_factory=list)
    # (line number, text after "### event:") of the event lines, which follow the text
    event_lines: list[tuple[int, str]] = field(default_factory=list)

    def finish(self, kb: Callable[[], _KbIds]) -> GoldDocument:
        err = _ErrorAt(self.path, self.line)
        for key in REQUIRED_KEYS:
            if key not in self.headers:
                raise err(f"document {self.id!r} has no '### {key}:' header")
        lines = self.lines
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        last = len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        if first == last:
            raise err(f"document {self.id!r} has no text")
        offsets: list[int] = []
        total = 0
        for i in range(first, last):
            offsets.append(total)
            total += len(lines[i]) + 1
        text = "\n".join(lines[first:last])
        mentions = sorted(
            (
                GoldMention(offsets[li - first] + s, offsets[li - first] + e, surface, label, link)
                for li, s, e, surface, label, link in self.spans
            ),
            key=lambda m: (m.start, m.end),
        )
        events = _parse_events(self.event_lines, self.path, text, mentions, kb()) if self.event_lines else []
        return GoldDocument(
            id=self.id,
            text=text,
            published=self.headers.get("published"),
            style=self.headers["style"],
            conflict=self.headers["conflict"],
            title=self.headers.get("title"),
            mentions=mentions,
            path=self.path,
            line=self.line,
            events=events,
            events_complete="events" in self.headers,
        )


def _check_header(key: str, value: str, err: _ErrorAt) -> None:
    if key not in HEADER_KEYS:
        raise err(f"unknown header {key!r} (expected one of {', '.join(sorted(HEADER_KEYS))})")
    if not value:
        raise err(f"empty value for header {key!r}")
    if key == "doc" and not _DOC_ID_RE.match(value):
        raise err(f"bad document id {value!r}: use lowercase letters and digits joined by '-', '_' or '.'")
    elif key == "style" and value not in STYLES:
        raise err(f"unknown style {value!r} (expected one of {', '.join(sorted(STYLES))})")
    elif key == "events" and value != "complete":
        raise err(f"bad events header {value!r}: the only value is 'complete'")
    elif key == "conflict" and not _CONFLICT_RE.match(value):
        raise err(f"bad conflict {value!r}: expected an ISO 3166-1 alpha-2 code like 'SY'")
    elif key == "published":
        try:
            if not _PUBLISHED_RE.match(value):
                raise ValueError(value)
            datetime.fromisoformat(value)
        except ValueError:
            raise err(f"bad published date {value!r}: expected YYYY-MM-DD or an ISO datetime") from None


def parse_gold(text: str, path: str = "<string>", *, kb: KnowledgeBase | None = None) -> list[GoldDocument]:
    """Parse the documents of one gold file's content. Raises GoldFormatError on any format error.

    Event lines name actors by knowledge-base id: they are checked against ``kb``, by default the
    packaged knowledge base (loaded only when the file has event lines).
    """
    kb_ids: Callable[[], _KbIds] = _default_kb_ids if kb is None else (lambda: _kb_ids(kb))
    text = text.removeprefix("\ufeff")
    docs: list[GoldDocument] = []
    seen: dict[str, int] = {}
    draft: _Draft | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        err = _ErrorAt(path, number)
        if line.startswith("###"):
            match = _HEADER_RE.match(line)
            if match is None:
                raise err(f"malformed header line {line!r}: expected '### key: value'")
            key, value = match.group(1), match.group(2)
            if key == "event":
                if draft is None:
                    raise err("event line before the first '### doc:' header")
                if not any(s.strip() for s in draft.lines):
                    raise err(f"event line before the text of document {draft.id!r}: events follow the text")
                draft.event_lines.append((number, value))
                continue
            _check_header(key, value, err)
            if key == "doc":
                if value in seen:
                    raise err(f"duplicate document id {value!r} (first at line {seen[value]})")
                seen[value] = number
                if draft is not None:
                    docs.append(draft.finish(kb_ids))
                draft = _Draft(id=value, path=path, line=number)
                continue
            if draft is None:
                raise err(f"header '{key}' before the first '### doc:' header")
            if any(s.strip() for s in draft.lines):
                raise err(f"header '{key}' after the text of document {draft.id!r} began")
            if key in draft.headers:
                raise err(f"header '{key}' given twice for document {draft.id!r}")
            draft.headers[key] = value
            continue
        if draft is None:
            if line.strip():
                raise err("text before the first '### doc:' header")
            continue
        if draft.event_lines:
            if line.strip():
                raise err(f"text after the event lines of document {draft.id!r}: events come last")
            continue
        plain, spans = _parse_line(line, err)
        index = len(draft.lines)
        draft.lines.append(plain)
        draft.spans.extend((index, s, e, surface, label, link) for s, e, surface, label, link in spans)
    if draft is not None:
        docs.append(draft.finish(kb_ids))
    return docs


def load_gold(path: Path | str, *, kb: KnowledgeBase | None = None) -> list[GoldDocument]:
    """Load one gold file, or every ``*.txt`` file of a directory (sorted by name).

    Document ids must be unique across all files loaded together. Event actor ids are checked against
    ``kb`` (default: the packaged knowledge base).
    """
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.glob("*.txt") if p.is_file())
    elif root.is_file():
        files = [root]
    else:
        raise FileNotFoundError(f"no gold file or directory at {root}")
    docs: list[GoldDocument] = []
    first_seen: dict[str, GoldDocument] = {}
    for file in files:
        try:
            content = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFormatError(f"not UTF-8 ({exc.reason} at byte {exc.start})", str(file), 0) from None
        for doc in parse_gold(content, str(file), kb=kb):
            if doc.id in first_seen:
                other = first_seen[doc.id]
                raise GoldFormatError(
                    f"duplicate document id {doc.id!r} (also at {other.path}:{other.line})",
                    doc.path,
                    doc.line,
                )
            first_seen[doc.id] = doc
            docs.append(doc)
    return docs


def summarize(docs: list[GoldDocument]) -> dict[str, dict[str, int]]:
    """Counts of documents per style and conflict, and of mentions per label and link state."""
    mentions = [m for d in docs for m in d.mentions]
    return {
        "documents": {"total": len(docs)},
        "style": dict(sorted(Counter(d.style for d in docs).items())),
        "conflict": dict(sorted(Counter(d.conflict for d in docs).items())),
        "label": {str(lb): sum(1 for m in mentions if m.label is lb) for lb in Label},
        "unlinked": {
            "PERSON": sum(1 for m in mentions if m.label is Label.PERSON and m.link is None),
            "TIME": sum(1 for m in mentions if m.label is Label.TIME and m.link is None),
            "PLACE none": sum(1 for m in mentions if m.label is Label.PLACE and m.link == "none"),
        },
    }


def summarize_events(docs: list[GoldDocument]) -> dict[str, dict[str, int]]:
    """Counts of annotated events: totals, and per PLOVER type, ACLED sub-event, conflict and modality."""
    events = [(d, e) for d in docs for e in d.events]
    return {
        "events": {
            "total": len(events),
            "documents with events": sum(1 for d in docs if d.events),
            "documents complete": sum(1 for d in docs if d.events_complete),
            "with counts": sum(1 for _, e in events if e.counts),
            "coreferent (several evidence spans)": sum(1 for _, e in events if len(e.evidence) > 1),
            "disputing": sum(1 for _, e in events if e.disputes),
        },
        "event type": dict(Counter(e.type for _, e in events).most_common()),
        "acled": dict(Counter(e.acled or "-" for _, e in events).most_common()),
        "event conflict": dict(sorted(Counter(d.conflict for d, _ in events).items())),
        "event style": dict(sorted(Counter(d.style for d, _ in events).items())),
        "modality": dict(Counter(e.modality for _, e in events).most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m marsad.evaluate.gold [PATH]``: validate a gold set and print its counts."""
    args = sys.argv[1:] if argv is None else argv
    target = args[0] if args else "gold/dev"
    try:
        docs = load_gold(target)
    except (GoldFormatError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for section, counts in (summarize(docs) | summarize_events(docs)).items():
        print(f"{section}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
