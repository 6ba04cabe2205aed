"""Load, validate and merge the knowledge base of actors, persons and person cues.

The packaged files (``marsad/kb/data/actors/*.yaml``, ``persons.yaml``, ``person_cues.yaml``) are read
first, then each user path given to :func:`load_knowledge_base`; a later entry with the same id replaces
the earlier one. Every problem raises :class:`KnowledgeBaseError` naming the file, the entry and the fix.
The format is documented in docs/knowledge-base.md.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from marsad.kb.schema import ACTOR_TYPES, Actor, Alias, FormerName, KnowledgeBase, Person, PersonCues
from marsad.kb.yamlfiles import ID_RE, entry_id, read_yaml, yaml_files
from marsad.text.normalize import normalize_for_match

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTORS_DIR = DATA_DIR / "actors"
PERSONS_FILE = DATA_DIR / "persons.yaml"
CUES_FILE = DATA_DIR / "person_cues.yaml"

ACTOR_KINDS = ("org", "group")
NAME_FORMS = ("canonical", "alias", "short", "former", "anaphoric")

_ID_RE = ID_RE
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")

_ACTOR_FIELDS = {
    "id",
    "kind",
    "name_en",
    "name_ar",
    "type",
    "inter",
    "countries",
    "aliases",
    "short",
    "anaphoric",
    "former_names",
    "parent",
    "active",
    "wikidata",
    "uncertain",
    "note",
}
_ACTOR_REQUIRED = ("id", "kind", "name_en", "name_ar", "type")
_PERSON_FIELDS = {
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "short",
    "organization",
    "role",
    "countries",
    "wikidata",
    "uncertain",
    "note",
}
_PERSON_REQUIRED = ("id", "name_en", "name_ar")
_FORMER_FIELDS = {"name_ar", "name_en", "from", "to"}
_CUE_FIELDS = {"titles", "kunya_heads", "name_particles", "stop_words"}


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is unreadable or one of its entries is invalid."""


@dataclass(frozen=True, slots=True)
class _Where:
    """Where an entry was read: file, position in its list, and its id when known."""

    path: str
    index: int | None = None
    entry_id: str | None = None
    section: str = ""

    def __str__(self) -> str:
        if self.index is None:
            return self.path
        section = f"{self.section} " if self.section else ""
        name = f" (id {self.entry_id!r})" if self.entry_id else ""
        return f"{self.path}: {section}entry #{self.index}{name}"


def _fail(where: _Where | str, problem: str, fix: str) -> KnowledgeBaseError:
    """An error naming where, what is wrong, and what to do about it."""
    end = "" if fix.endswith((".", "?")) else "."
    return KnowledgeBaseError(f"{where}: {problem}. {fix}{end}")


# --------------------------------------------------------------------------------------------------
# Reading files


def _read_yaml(path: Path, digest: Any) -> Any:
    """Parse one YAML file, feeding its bytes into the content hash."""
    return read_yaml(path, _fail, digest)


def _yaml_files(path: Path) -> list[Path]:
    return yaml_files(path, _fail, "Check the --kb path")


# --------------------------------------------------------------------------------------------------
# Field checks


def _check_fields(data: Mapping[str, Any], allowed: set[str], required: Sequence[str], where: _Where) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Allowed fields: {', '.join(sorted(allowed))}"
            raise _fail(where, f"unknown field {key!r}", hint)
    for key in required:
        if data.get(key) in (None, ""):
            raise _fail(where, f"missing required field {key!r}", f"Add '{key}:' to the entry")


def _text(value: Any, field: str, where: _Where, required: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(
            where,
            f"field {field!r} must be text, got {type(value).__name__} {value!r}",
            "Write it as a string (quote it if YAML reads it as a number or boolean)",
        )
    value = value.strip()
    if required and not value:
        raise _fail(where, f"field {field!r} is empty", "Give a non-empty value")
    return value


def _names(value: Any, field: str, where: _Where) -> list[str]:
    """A list of non-empty name strings (aliases, short forms)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(
            where,
            f"field {field!r} must be a list, got {type(value).__name__}",
            f"Write it as a YAML list, e.g. {field}: [name one, name two]",
        )
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _fail(
                where,
                f"{field}[{i}] must be text, got {type(item).__name__} {item!r}",
                "Quote it so YAML reads it as a string",
            )
        if not normalize_for_match(item):
            raise _fail(where, f"{field}[{i}] is an empty alias", "Remove it or write the name")
        out.append(item.strip())
    return out


def _countries(value: Any, where: _Where) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(
            where,
            f"field 'countries' must be a list, got {type(value).__name__}",
            "Write e.g. countries: [SY, IQ] (an empty list means any country)",
        )
    out: list[str] = []
    for item in value:
        if isinstance(item, bool):
            raise _fail(
                where,
                f"bad country code {item!r} (YAML read NO/ON/YES as a boolean)",
                'Quote the code, e.g. "NO"',
            )
        if not isinstance(item, str) or not _COUNTRY_RE.match(item):
            raise _fail(
                where,
                f"bad country code {item!r}",
                "Use ISO 3166-1 alpha-2 codes: two uppercase letters, e.g. SY",
            )
        if item not in out:
            out.append(item)
    return tuple(out)


def _year(value: Any, field: str, where: _Where) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2200:
        raise _fail(
            where,
            f"field {field!r} must be a year (e.g. 2016) or null, got {value!r}",
            "Write a four-digit year or null",
        )
    return value


def _bool(value: Any, field: str, where: _Where) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _fail(where, f"field {field!r} must be true or false, got {value!r}", "Write true or false")
    return value


def _wikidata(value: Any, where: _Where) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _WIKIDATA_RE.match(value):
        raise _fail(
            where, f"bad wikidata id {value!r}", "Write a Wikidata item id such as Q2429253, or omit it"
        )
    return value


def _ref(value: Any, field: str, where: _Where) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise _fail(
            where, f"field {field!r} must be an actor id, got {value!r}", "Use the id of an actor entry"
        )
    return value


def _entry_id(data: Any, where: _Where) -> str:
    return entry_id(data, where, _fail, "jaish-al-izza")


def _aliases(data: Mapping[str, Any], where: _Where) -> tuple[Alias, ...]:
    full = [Alias(t) for t in _names(data.get("aliases"), "aliases", where)]
    short = [Alias(t, short=True) for t in _names(data.get("short"), "short", where)]
    back = [Alias(t, short=True, anaphoric=True) for t in _names(data.get("anaphoric"), "anaphoric", where)]
    return tuple(full + short + back)


def _former_names(value: Any, where: _Where) -> tuple[FormerName, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(
            where,
            "field 'former_names' must be a list",
            "Write e.g. former_names: [{name_ar: ..., name_en: ..., from: 2012, to: 2016}]",
        )
    out: list[FormerName] = []
    for i, item in enumerate(value):
        label = f"former_names[{i}]"
        if not isinstance(item, dict):
            raise _fail(
                where, f"{label} must be a mapping", "Write {name_ar: ..., name_en: ..., from: ..., to: ...}"
            )
        for key in item:
            if key not in _FORMER_FIELDS:
                raise _fail(
                    where, f"{label} has unknown field {key!r}", "Allowed: name_ar, name_en, from, to"
                )
        name_ar = _text(item.get("name_ar"), f"{label}.name_ar", where)
        name_en = _text(item.get("name_en"), f"{label}.name_en", where)
        if not normalize_for_match(name_ar) and not normalize_for_match(name_en):
            raise _fail(where, f"{label} has no name", "Give name_ar and/or name_en")
        start = _year(item.get("from"), f"{label}.from", where)
        end = _year(item.get("to"), f"{label}.to", where)
        if start is not None and end is not None and start > end:
            raise _fail(
                where, f"{label} ends ({end}) before it starts ({start})", "Swap or correct the years"
            )
        out.append(FormerName(name_ar=name_ar, name_en=name_en, start=start, end=end))
    return tuple(out)


def _active(value: Any, where: _Where) -> tuple[int | None, int | None]:
    if value is None:
        return (None, None)
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(
            where,
            f"field 'active' must be [first_year, last_year], got {value!r}",
            "Write e.g. active: [2017, null] (null when open or unknown)",
        )
    start = _year(value[0], "active", where)
    end = _year(value[1], "active", where)
    if start is not None and end is not None and start > end:
        raise _fail(where, f"field 'active' ends ({end}) before it starts ({start})", "Correct the years")
    return (start, end)


def _parse_actor(data: Mapping[str, Any], where: _Where) -> Actor:
    _check_fields(data, _ACTOR_FIELDS, _ACTOR_REQUIRED, where)
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in ACTOR_KINDS:
        raise _fail(
            where, f"unknown kind {kind!r}", "Use 'org' for named organizations or 'group' for unnamed ones"
        )
    type_ = data["type"]
    if not isinstance(type_, str) or type_ not in ACTOR_TYPES:
        raise _fail(where, f"unknown type {type_!r}", f"Use one of: {', '.join(ACTOR_TYPES)}")
    inter = data.get("inter", ACTOR_TYPES[type_])
    if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
        raise _fail(
            where,
            f"inter must be an integer from 1 to 8, got {inter!r}",
            "Use the ACLED inter code, or omit it to use the default of the type",
        )
    return Actor(
        id=data["id"],
        kind=kind,
        name_en=_text(data["name_en"], "name_en", where, required=True),
        name_ar=_text(data["name_ar"], "name_ar", where, required=True),
        type=type_,
        inter=inter,
        countries=_countries(data.get("countries"), where),
        aliases=_aliases(data, where),
        former_names=_former_names(data.get("former_names"), where),
        parent=_ref(data.get("parent"), "parent", where),
        active=_active(data.get("active"), where),
        wikidata=_wikidata(data.get("wikidata"), where),
        uncertain=_bool(data.get("uncertain"), "uncertain", where),
        note=_text(data.get("note"), "note", where),
    )


def _parse_person(data: Mapping[str, Any], where: _Where) -> Person:
    _check_fields(data, _PERSON_FIELDS, _PERSON_REQUIRED, where)
    return Person(
        id=data["id"],
        name_en=_text(data["name_en"], "name_en", where, required=True),
        name_ar=_text(data["name_ar"], "name_ar", where, required=True),
        aliases=_aliases(data, where),
        organization=_ref(data.get("organization"), "organization", where),
        role=_text(data.get("role"), "role", where),
        countries=_countries(data.get("countries"), where),
        wikidata=_wikidata(data.get("wikidata"), where),
        uncertain=_bool(data.get("uncertain"), "uncertain", where),
        note=_text(data.get("note"), "note", where),
    )


def _parse_cues(data: Any, path: str) -> PersonCues:
    if not isinstance(data, dict):
        raise _fail(
            path,
            "must be a mapping with keys titles, kunya_heads, name_particles, stop_words",
            "See docs/knowledge-base.md",
        )
    where = _Where(path)
    _check_fields(data, _CUE_FIELDS, (), where)
    titles_raw = data.get("titles") or {}
    if not isinstance(titles_raw, dict):
        raise _fail(
            path, "'titles' must be a mapping of Arabic title to English title", "Write e.g. الشيخ: Sheikh"
        )
    titles: dict[str, str] = {}
    for ar, en in titles_raw.items():
        if (
            not isinstance(ar, str)
            or not normalize_for_match(ar)
            or not isinstance(en, str)
            or not en.strip()
        ):
            raise _fail(
                path, f"bad title entry {ar!r}: {en!r}", "Both the Arabic title and its English form are text"
            )
        titles[ar.strip()] = en.strip()
    return PersonCues(
        titles=titles,
        kunya_heads=tuple(_names(data.get("kunya_heads"), "kunya_heads", where)),
        name_particles=tuple(_names(data.get("name_particles"), "name_particles", where)),
        stop_words=tuple(_names(data.get("stop_words"), "stop_words", where)),
    )


# --------------------------------------------------------------------------------------------------
# Merging


@dataclass(slots=True)
class _Collector:
    """Entries gathered so far, with where each current one was defined."""

    actors: dict[str, Actor]
    persons: dict[str, Person]
    origin: dict[str, _Where]

    def add_list(self, items: Any, path: str, section: str) -> None:
        """Parse a list of actors (section "actors") or persons (section "persons") from one file."""
        if items is None:
            return
        if not isinstance(items, list):
            raise _fail(
                path,
                f"the {section} section must be a YAML list of entries",
                "Start each entry with '- id: ...'",
            )
        seen: dict[str, int] = {}
        for index, data in enumerate(items):
            where = _Where(path, index, None, section)
            entry_id = _entry_id(data, where)
            where = _Where(path, index, entry_id, section)
            if entry_id in seen:
                raise _fail(
                    where,
                    f"duplicate id {entry_id!r} (also entry #{seen[entry_id]} of this file)",
                    "Give each entry a unique id, or merge the two entries",
                )
            seen[entry_id] = index
            if section == "actors":
                if entry_id in self.persons:
                    raise _fail(
                        where,
                        f"id {entry_id!r} is already a person ({self.origin[entry_id]})",
                        "Actor and person ids share one namespace: choose another id",
                    )
                self.actors[entry_id] = _parse_actor(data, where)
            else:
                if entry_id in self.actors:
                    raise _fail(
                        where,
                        f"id {entry_id!r} is already an actor ({self.origin[entry_id]})",
                        "Actor and person ids share one namespace: choose another id",
                    )
                self.persons[entry_id] = _parse_person(data, where)
            self.origin[entry_id] = where

    def add_user_file(self, data: Any, path: str) -> None:
        """A user file: a list of actors, or a mapping with ``actors:`` and/or ``persons:``."""
        if data is None:
            return
        if isinstance(data, list):
            self.add_list(data, path, "actors")
            return
        if not isinstance(data, dict) or not data.keys() <= {"actors", "persons"} or not data:
            raise _fail(
                path,
                "top level must be a list of actors or a mapping with 'actors:' and/or 'persons:'",
                "See docs/knowledge-base.md for an example extension file",
            )
        self.add_list(data.get("actors"), path, "actors")
        self.add_list(data.get("persons"), path, "persons")

    def check_references(self) -> None:
        """Every parent and organization resolves to an actor; parents form no cycle."""
        for actor in self.actors.values():
            if actor.parent is not None and actor.parent not in self.actors:
                raise _fail(
                    self.origin[actor.id],
                    f"unknown parent {actor.parent!r}",
                    "Use the id of an actor defined in the knowledge base, or null",
                )
        for person in self.persons.values():
            if person.organization is not None and person.organization not in self.actors:
                raise _fail(
                    self.origin[person.id],
                    f"unknown organization {person.organization!r}",
                    "Use the id of an actor defined in the knowledge base, or null",
                )
        for actor in self.actors.values():
            chain = [actor.id]
            parent = actor.parent
            while parent is not None:
                if parent in chain:
                    cycle = " -> ".join([*chain[chain.index(parent) :], parent])
                    raise _fail(
                        self.origin[actor.id],
                        f"parent cycle {cycle}",
                        "An actor cannot be its own ancestor: fix one of the parent fields",
                    )
                chain.append(parent)
                parent = self.actors[parent].parent


def load_knowledge_base(extra_paths: Sequence[str | Path] = ()) -> KnowledgeBase:
    """Load the packaged knowledge base, then each extra YAML file or directory; later ids override."""
    digest = hashlib.sha256()
    sources: list[str] = []
    collector = _Collector({}, {}, {})

    def read(path: Path) -> Any:
        sources.append(str(path))
        return _read_yaml(path, digest)

    for path in sorted(ACTORS_DIR.glob("*.yaml")):
        collector.add_list(read(path), str(path), "actors")
    collector.add_list(read(PERSONS_FILE), str(PERSONS_FILE), "persons")
    cues = _parse_cues(read(CUES_FILE), str(CUES_FILE))
    for extra in extra_paths:
        for path in _yaml_files(Path(extra)):
            collector.add_user_file(read(path), str(path))
    collector.check_references()
    return KnowledgeBase(
        actors=collector.actors,
        persons=collector.persons,
        cues=cues,
        sources=sources,
        version=digest.hexdigest()[:12],
    )


@cache
def default_knowledge_base() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_knowledge_base()


# --------------------------------------------------------------------------------------------------
# Name helpers


def _unique(forms: Iterator[tuple[str, bool, str]]) -> Iterator[tuple[str, bool, str]]:
    """Drop empty forms and forms whose folded key was already given (the first, stronger one wins)."""
    seen: set[str] = set()
    for surface, short, form in forms:
        key = normalize_for_match(surface)
        if key and key not in seen:
            seen.add(key)
            yield surface, short, form


def actor_names(actor: Actor) -> Iterator[tuple[str, bool, str]]:
    """Every surface form of an actor as (text, is_short, form), form in NAME_FORMS.

    Canonical names come first, then aliases, former names and short forms; a form whose folded key
    repeats an earlier one is skipped.
    """

    def forms() -> Iterator[tuple[str, bool, str]]:
        yield actor.name_ar, False, "canonical"
        yield actor.name_en, False, "canonical"
        yield from ((a.text, False, "alias") for a in actor.aliases if not a.short)
        for former in actor.former_names:
            yield former.name_ar, False, "former"
            yield former.name_en, False, "former"
        yield from ((a.text, True, "short") for a in actor.aliases if a.short and not a.anaphoric)
        yield from ((a.text, True, "anaphoric") for a in actor.aliases if a.anaphoric)

    return _unique(forms())


def person_names(person: Person) -> Iterator[tuple[str, bool, str]]:
    """Every surface form of a person as (text, is_short, form): canonical names, aliases, short forms."""

    def forms() -> Iterator[tuple[str, bool, str]]:
        yield person.name_ar, False, "canonical"
        yield person.name_en, False, "canonical"
        yield from ((a.text, a.short, "short" if a.short else "alias") for a in person.aliases)

    return _unique(forms())


def name_clashes(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Folded full (non-short) names that belong to more than one entity, mapped to the entity ids.

    A name that is short in every entity using it is not a clash: short forms are resolved by context.
    """
    full: dict[str, set[str]] = {}
    any_form: dict[str, set[str]] = {}
    entries: list[tuple[str, Iterator[tuple[str, bool, str]]]] = [
        *((a.id, actor_names(a)) for a in kb.actors.values()),
        *((p.id, person_names(p)) for p in kb.persons.values()),
    ]
    for entity_id, names in entries:
        for surface, short, _form in names:
            key = normalize_for_match(surface)
            any_form.setdefault(key, set()).add(entity_id)
            if not short:
                full.setdefault(key, set()).add(entity_id)
    return {key: sorted(any_form[key]) for key in sorted(full) if len(any_form[key]) > 1}
