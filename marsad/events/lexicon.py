"""The event trigger lexicon and the event cue words: load, validate, index.

``marsad/kb/data/triggers.yaml`` lists trigger lemmas (verbs and event nouns) with their written forms,
PLOVER type and mode and default ACLED sub-event; ``marsad/kb/data/event_cues.yaml`` lists the words that
give an event its modality (negation, future, hypothetical, request), its claim (reporting verbs, "according
to", denials) and its counts (casualty words, number words). Formats: docs/events.md ("The trigger
lexicon") and docs/knowledge-base.md ("Triggers and event cues"). Every problem raises :class:`LexiconError`
naming the file, the entry, the problem and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from marsad.kb.yamlfiles import entry_id, read_yaml, yaml_files
from marsad.text.normalize import normalize_for_match

DATA_DIR: Final = Path(__file__).resolve().parent.parent / "kb" / "data"
TRIGGERS_FILE: Final = DATA_DIR / "triggers.yaml"
EVENT_CUES_FILE: Final = DATA_DIR / "event_cues.yaml"

# --------------------------------------------------------------------------------------------------
# Standards (../shared/notes/standards.md)

PLOVER_TYPES: Final[tuple[str, ...]] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",  # verbal cooperation
    "COOPERATE", "AID", "RETREAT",  # material cooperation
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",  # verbal conflict
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",  # material conflict
)  # fmt: skip

PLOVER_QUADS: Final[Mapping[str, str]] = MappingProxyType(
    {
        **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
        **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
        **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"), "verbal conflict"),
        **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
    }
)

_REQUEST_MODES: Final = ("assist", "change", "yield", "meet")
PLOVER_MODES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "AGREE": (),
        "CONSULT": ("visit", "third-party", "multilateral", "phone"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": (),
        "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
        "REQUEST": _REQUEST_MODES,
        "ACCUSE": ("disapprove", "investigate", "allege"),
        "REJECT": _REQUEST_MODES,
        "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
        "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
        "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
        "MOBILIZE": ("troops", "weapons", "police", "militia"),
        "COERCE": (
            "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
            "misinformation", "cyber",
        ),
        "ASSAULT": (
            "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
            "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
            "unconventional",
        ),
    }
)  # fmt: skip

# The general contexts of the PLOVER manual, plus "territory" and "misinformation" named in the notes.
# The temporal ones (future, historical, hypothetical) are modality, set by the extractor from cue words.
PLOVER_CONTEXTS: Final[tuple[str, ...]] = (
    "political", "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource",
    "culture", "disease", "enviro_disaster", "migration", "humanitarian", "legal", "human_rights",
    "rights_freedoms", "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity", "government",
    "election", "legislative", "cbrn", "cyber", "political_institutions", "corruption", "crime",
    "crime_murder", "crime_theft", "crime_drugs", "crime_sexual", "territory", "misinformation",
)  # fmt: skip

_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"
ACLED_SUBEVENTS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "Armed clash": (_PV, "Battles"),
        "Government regains territory": (_PV, "Battles"),
        "Non-state actor overtakes territory": (_PV, "Battles"),
        "Chemical weapon": (_PV, "Explosions/Remote violence"),
        "Air/drone strike": (_PV, "Explosions/Remote violence"),
        "Suicide bomb": (_PV, "Explosions/Remote violence"),
        "Shelling/artillery/missile attack": (_PV, "Explosions/Remote violence"),
        "Remote explosive/landmine/IED": (_PV, "Explosions/Remote violence"),
        "Grenade": (_PV, "Explosions/Remote violence"),
        "Sexual violence": (_PV, "Violence against civilians"),
        "Attack": (_PV, "Violence against civilians"),
        "Abduction/forced disappearance": (_PV, "Violence against civilians"),
        "Peaceful protest": (_DEM, "Protests"),
        "Protest with intervention": (_DEM, "Protests"),
        "Excessive force against protesters": (_DEM, "Protests"),
        "Violent demonstration": (_DEM, "Riots"),
        "Mob violence": (_PV, "Riots"),
        "Agreement": (_SD, "Strategic developments"),
        "Arrests": (_SD, "Strategic developments"),
        "Change to group/activity": (_SD, "Strategic developments"),
        "Disrupted weapons use": (_SD, "Strategic developments"),
        "Headquarters or base established": (_SD, "Strategic developments"),
        "Looting/property destruction": (_SD, "Strategic developments"),
        "Non-violent transfer of territory": (_SD, "Strategic developments"),
        "Other": (_SD, "Strategic developments"),
    }
)
ACLED_TERRITORIAL: Final = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
# PLOVER types that fit each ACLED event type (Strategic developments take any type).
_ACLED_EVENT_PLOVER: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "Battles": frozenset({"ASSAULT"}),
        "Explosions/Remote violence": frozenset({"ASSAULT"}),
        "Violence against civilians": frozenset({"ASSAULT"}),
        "Protests": frozenset({"PROTEST", "ASSAULT"}),
        "Riots": frozenset({"PROTEST", "ASSAULT"}),
    }
)

POS: Final = ("verb", "noun")
VOICES: Final = ("active", "passive", "intransitive")
OBJECTS: Final = ("actor", "place", "either", "none")
FORM_KINDS: Final = ("forms", "we", "passive")

_TRIGGER_FIELDS: Final = (
    "id", "lemma", "pos", "forms", "we", "passive", "voice", "type", "mode", "acled", "object", "context",
)  # fmt: skip
_TRIGGER_REQUIRED: Final = ("id", "lemma", "pos", "forms", "type")
_CUE_LISTS: Final = (
    "negators", "denials", "future", "hypothetical", "request", "reporting", "according_to", "blockers",
)  # fmt: skip
CASUALTY_KINDS: Final = ("killed", "injured", "arrested")
_CUE_FIELDS: Final = (*_CUE_LISTS, "casualties", "number_words")
_CUE_OPTIONAL: Final = ("instruments",)

_ARABIC_WORDS_RE: Final = re.compile(r"^[\u0621-\u064A]+(?: [\u0621-\u064A]+)*$")
# A proclitic (و ف ب ك ل) before the article at the start of a form: "والهجوم", "بالقصف", "للانسحاب".
_CLITIC_ARTICLE_RE: Final = re.compile(r"^(?:[وف]?[بكل]|[وف])ال|^[وف]?لل")


# PLOVER's verbal event types: said, asked, refused — not fought.
VERBAL_TYPES: Final = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"}
)


class LexiconError(ValueError):
    """A trigger or cue file is unreadable or one of its entries is invalid."""


# --------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lemma of the trigger lexicon (docs/events.md, "The trigger lexicon")."""

    id: str
    lemma: str
    pos: str  # verb | noun
    forms: tuple[str, ...]
    we: tuple[str, ...]  # first-person plural: actor1 is the author's organization
    passive: tuple[str, ...]  # written forms whose subject is the target
    voice: str  # active | passive | intransitive
    type: str  # PLOVER type
    mode: str | None  # PLOVER mode
    acled: str | None  # default ACLED sub-event type
    object: str  # actor | place | either | none
    context: tuple[str, ...]  # PLOVER contexts

    @property
    def quad(self) -> str:
        """The PLOVER quad category: verbal/material cooperation/conflict."""
        return PLOVER_QUADS[self.type]

    @property
    def acled_types(self) -> tuple[str, str] | None:
        """(disorder_type, event_type) of the default ACLED sub-event, or None."""
        return ACLED_SUBEVENTS[self.acled] if self.acled else None

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """Every written form with its kind: ``forms``, ``we`` or ``passive``."""
        for kind in FORM_KINDS:
            for form in getattr(self, kind):
                yield form, kind


@dataclass(frozen=True, slots=True, eq=False)
class EventCues:
    """Cue words for modality, claims and counts, each folded with ``normalize_for_match``.

    Multi-word cues ("دون أن", "لقي حتفه") are stored as their folded words joined by one space.
    """

    negators: frozenset[str]
    denials: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    request: frozenset[str]
    reporting: frozenset[str]
    according_to: frozenset[str]
    blockers: frozenset[str]  # words before an event noun that make it no happening ("مركز احتجاز")
    casualties: Mapping[str, frozenset[str]]  # killed | injured | arrested -> words
    number_words: Mapping[str, int | None]  # None: a vague quantity (عشرات)
    max_words: int  # the longest cue, in words
    # PLOVER mode -> words naming the means of an attack ("بقذائف الهاون" -> heavy-weapons)
    instruments: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # word -> the first mode of ``instruments`` that lists it; made from them, never passed
    _instrument_of: dict[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        inverted: dict[str, str] = {}
        for mode, words in self.instruments.items():
            for word in words:
                inverted.setdefault(word, mode)
        object.__setattr__(self, "_instrument_of", inverted)  # frozen: set once, here

    def instrument_mode(self, word: str) -> str | None:
        """The ASSAULT mode a folded word names as the means of an attack, else None."""
        return self._instrument_of.get(word)

    @property
    def killed(self) -> frozenset[str]:
        return self.casualties["killed"]

    @property
    def injured(self) -> frozenset[str]:
        return self.casualties["injured"]

    @property
    def arrested(self) -> frozenset[str]:
        return self.casualties["arrested"]

    def casualty_kind(self, word: str) -> str | None:
        """``killed``, ``injured`` or ``arrested`` for a casualty word (folded or not), else None."""
        key = normalize_for_match(word)
        return next((kind for kind in CASUALTY_KINDS if key in self.casualties[kind]), None)


# --------------------------------------------------------------------------------------------------
# Reading files


@dataclass(frozen=True, slots=True)
class _Where:
    """Where an entry was read: file, position in its list, and its id when known."""

    path: str
    index: int | None = None
    entry_id: str | None = None

    def __str__(self) -> str:
        if self.index is None:
            return self.path
        name = f" (id {self.entry_id!r})" if self.entry_id else ""
        return f"{self.path}: entry #{self.index}{name}"


def _fail(where: _Where | str, problem: str, fix: str) -> LexiconError:
    """An error naming where, what is wrong, and what to do about it."""
    end = "" if fix.endswith((".", "?")) else "."
    return LexiconError(f"{where}: {problem}. {fix}{end}")


def _read_yaml(path: Path) -> Any:
    """Parse one UTF-8 YAML file."""
    return read_yaml(path, _fail)


def _yaml_files(path: Path) -> list[Path]:
    return yaml_files(path, _fail, "Check the trigger file path")


# --------------------------------------------------------------------------------------------------
# Triggers


def _choice(
    data: Mapping[str, Any], field: str, allowed: Sequence[str], default: str | None, where: _Where
) -> str:
    value = data.get(field, default)
    if value is None and default is not None:
        value = default
    if not isinstance(value, str) or value not in allowed:
        raise _fail(
            where, f"{field} {value!r} is not one of {', '.join(allowed)}", f"Set '{field}:' to one of them"
        )
    return value


def _check_form(form: Any, label: str, where: _Where) -> str:
    """One written form: Arabic words, no attached proclitic + article at its start; returns its key."""
    if not isinstance(form, str):
        raise _fail(where, f"{label} {form!r} is not text", "Quote it so YAML reads it as a string")
    key = normalize_for_match(form)
    if not key:
        raise _fail(where, f"{label} {form!r} is empty after normalization", "Remove it or write the word")
    if not _ARABIC_WORDS_RE.match(key):
        raise _fail(
            where,
            f"{label} {form!r} contains characters other than Arabic letters and single spaces",
            "Write Arabic words only, without punctuation, digits or Latin letters",
        )
    if _CLITIC_ARTICLE_RE.match(key):
        raise _fail(
            where,
            f"{label} {form!r} starts with a proclitic and the article (وال, فال, بال, كال, لل)",
            "Write the word without them: the matcher adds و ف ل ب ك س and the article itself",
        )
    return key


def _forms(data: Mapping[str, Any], field: str, where: _Where, seen: dict[str, str]) -> tuple[str, ...]:
    value = data.get(field)
    if value is None:
        value = []
    if not isinstance(value, list):
        raise _fail(
            where,
            f"'{field}' must be a list, got {type(value).__name__}",
            f"Write it as a YAML list, e.g. {field}: [form one, form two]",
        )
    out: list[str] = []
    for i, form in enumerate(value):
        key = _check_form(form, f"{field}[{i}]", where)
        if key in seen:
            raise _fail(
                where,
                f"{field}[{i}] {form!r} repeats {seen[key]} (the same letters after normalization)",
                "List each written form once",
            )
        seen[key] = f"{field} form {form!r}"
        out.append(form.strip())
    return tuple(out)


def _parse_trigger(data: Mapping[str, Any], where: _Where) -> Trigger:
    for key in data:
        if key not in _TRIGGER_FIELDS:
            close = difflib.get_close_matches(str(key), _TRIGGER_FIELDS, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Allowed fields: {', '.join(_TRIGGER_FIELDS)}"
            raise _fail(where, f"unknown field {key!r}", hint)
    for key in _TRIGGER_REQUIRED:
        if data.get(key) in (None, "", []):
            problem = "has no forms" if key == "forms" else f"missing required field {key!r}"
            raise _fail(where, problem, f"Add '{key}:' to the entry")
    lemma = data["lemma"]
    if not isinstance(lemma, str) or not normalize_for_match(lemma):
        raise _fail(where, f"lemma {lemma!r} is not a word", "Write the lemma in Arabic")
    type_ = data["type"]
    if type_ not in PLOVER_TYPES:
        close = difflib.get_close_matches(str(type_).upper(), PLOVER_TYPES, n=1)
        hint = f"Did you mean {close[0]!r}?" if close else f"Use one of: {', '.join(PLOVER_TYPES)}"
        raise _fail(where, f"unknown PLOVER type {type_!r}", hint)
    mode = data.get("mode")
    modes = PLOVER_MODES[type_]
    if mode is not None and mode not in modes:
        fix = (
            f"Use one of: {', '.join(modes)}, or null" if modes else f"{type_} has no modes: write mode: null"
        )
        raise _fail(where, f"mode {mode!r} is not a mode of {type_}", fix)
    acled = data.get("acled")
    if acled is not None:
        if not isinstance(acled, str) or acled not in ACLED_SUBEVENTS:
            close = difflib.get_close_matches(str(acled), list(ACLED_SUBEVENTS), n=1)
            hint = (
                f"Did you mean {close[0]!r}? "
                if close
                else "Use a sub-event type as spelled in ACLED's codebook. "
            )
            raise _fail(
                where, f"unknown ACLED sub-event type {acled!r}", f"{hint}Write null when none applies"
            )
        event_type = ACLED_SUBEVENTS[acled][1]
        fitting = _ACLED_EVENT_PLOVER.get(event_type)
        if fitting is not None and type_ not in fitting:
            raise _fail(
                where,
                f"ACLED {event_type} sub-event {acled!r} does not fit PLOVER type {type_}",
                f"Use type {' or '.join(sorted(fitting))}, or another sub-event",
            )
    context = data.get("context") or []
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise _fail(where, "'context' must be a list of PLOVER contexts", "Write e.g. context: [military]")
    for c in context:
        if c not in PLOVER_CONTEXTS:
            close = difflib.get_close_matches(c, PLOVER_CONTEXTS, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Use one of: {', '.join(PLOVER_CONTEXTS)}"
            raise _fail(where, f"unknown PLOVER context {c!r}", hint)
    if acled in ACLED_TERRITORIAL and "territory" not in context:
        raise _fail(
            where,
            f"territorial sub-event {acled!r} without context 'territory'",
            "Add territory to 'context'",
        )
    seen: dict[str, str] = {}
    forms = _forms(data, "forms", where, seen)
    return Trigger(
        id=data["id"],
        lemma=lemma.strip(),
        pos=_choice(data, "pos", POS, None, where),
        forms=forms,
        we=_forms(data, "we", where, seen),
        passive=_forms(data, "passive", where, seen),
        voice=_choice(data, "voice", VOICES, "active", where),
        type=type_,
        mode=mode,
        acled=acled,
        object=_choice(data, "object", OBJECTS, "either", where),
        context=tuple(context),
    )


def _entry_id(data: Any, where: _Where) -> str:
    return entry_id(data, where, _fail, "take-control")


def _parse_trigger_file(data: Any, path: str) -> list[Trigger]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise _fail(
            path, "top level must be a YAML list of trigger entries", "Start each entry with '- id: ...'"
        )
    out: list[Trigger] = []
    first: dict[str, int] = {}
    for index, item in enumerate(data):
        where = _Where(path, index)
        entry_id = _entry_id(item, where)
        where = _Where(path, index, entry_id)
        if entry_id in first:
            raise _fail(
                where,
                f"duplicate id {entry_id!r} (also entry #{first[entry_id]} of this file)",
                "Give each entry a unique id, or merge the two entries",
            )
        first[entry_id] = index
        out.append(_parse_trigger(item, where))
    return out


def load_triggers(extra: Sequence[str | Path] = ()) -> tuple[Trigger, ...]:
    """The packaged trigger lexicon, then each extra YAML file or directory (a list of entries).

    An extra entry whose id already exists replaces that entry in place; a new id is appended.
    """
    merged: dict[str, Trigger] = {}
    for trigger in _parse_trigger_file(_read_yaml(TRIGGERS_FILE), str(TRIGGERS_FILE)):
        merged[trigger.id] = trigger
    for item in extra:
        for path in _yaml_files(Path(item)):
            for trigger in _parse_trigger_file(_read_yaml(path), str(path)):
                merged[trigger.id] = trigger
    return tuple(merged.values())


@cache
def default_triggers() -> tuple[Trigger, ...]:
    """The packaged trigger lexicon, loaded once per process."""
    return load_triggers()


def form_index(triggers: Sequence[Trigger]) -> dict[str, tuple[tuple[Trigger, str], ...]]:
    """Folded written form -> the (trigger, kind) pairs listing it, kind in ``FORM_KINDS``."""
    index: dict[str, list[tuple[Trigger, str]]] = {}
    for trigger in triggers:
        for form, kind in trigger.surfaces():
            index.setdefault(normalize_for_match(form), []).append((trigger, kind))
    return {key: tuple(pairs) for key, pairs in index.items()}


def form_collisions(triggers: Sequence[Trigger]) -> dict[str, tuple[str, ...]]:
    """Folded forms listed by lemmas of different PLOVER types -> the ids of those lemmas."""
    out: dict[str, tuple[str, ...]] = {}
    for key, pairs in form_index(triggers).items():
        if len({t.type for t, _ in pairs}) > 1:
            out[key] = tuple(dict.fromkeys(t.id for t, _ in pairs))
    return out


# --------------------------------------------------------------------------------------------------
# Event cues


def _cue_words(value: Any, label: str, path: str) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise _fail(path, f"'{label}' must be a non-empty list of words", f"Write e.g. {label}: [word, word]")
    out: set[str] = set()
    for i, word in enumerate(value):
        if not isinstance(word, str):
            raise _fail(path, f"{label}[{i}] {word!r} is not text", "Quote it so YAML reads it as a string")
        key = normalize_for_match(word)
        if not key or not _ARABIC_WORDS_RE.match(key):
            raise _fail(
                path,
                f"{label}[{i}] {word!r} is not an Arabic word or phrase",
                "Write Arabic words only, without punctuation, digits or Latin letters",
            )
        if key in out:
            raise _fail(path, f"{label}[{i}] {word!r} is listed twice (after normalization)", "Keep one")
        out.add(key)
    return frozenset(out)


def _parse_cues(data: Any, path: str) -> EventCues:
    if not isinstance(data, dict):
        raise _fail(
            path, f"must be a mapping with keys {', '.join(_CUE_FIELDS)}", "See docs/knowledge-base.md"
        )
    for key in data:
        if key not in _CUE_FIELDS + _CUE_OPTIONAL:
            close = difflib.get_close_matches(str(key), _CUE_FIELDS + _CUE_OPTIONAL, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Allowed keys: {', '.join(_CUE_FIELDS)}"
            raise _fail(path, f"unknown key {key!r}", hint)
    for key in _CUE_FIELDS:
        if key not in data:
            raise _fail(path, f"missing key {key!r}", f"Add '{key}:'")
    lists = {key: _cue_words(data[key], key, path) for key in _CUE_LISTS}
    casualties_raw = data["casualties"]
    if not isinstance(casualties_raw, dict) or set(casualties_raw) != set(CASUALTY_KINDS):
        raise _fail(
            path,
            "'casualties' must be a mapping with exactly killed, injured and arrested",
            "Write casualties: {killed: [...], injured: [...], arrested: [...]}",
        )
    casualties = {
        kind: _cue_words(casualties_raw[kind], f"casualties.{kind}", path) for kind in CASUALTY_KINDS
    }
    owner: dict[str, str] = {}
    for label, words in [*lists.items(), *((f"casualties.{k}", v) for k, v in casualties.items())]:
        for word in sorted(words):
            if word in owner:
                raise _fail(
                    path,
                    f"{word!r} is both in '{owner[word]}' and in '{label}'",
                    "A cue word belongs to one list only: remove it from one of them",
                )
            owner[word] = label
    numbers_raw = data["number_words"]
    if not isinstance(numbers_raw, dict) or not numbers_raw:
        raise _fail(
            path, "'number_words' must be a mapping of word to number", "Write e.g. number_words: {ثلاثة: 3}"
        )
    numbers: dict[str, int | None] = {}
    for raw_word, value in numbers_raw.items():
        key = normalize_for_match(raw_word) if isinstance(raw_word, str) else ""
        if not key or not _ARABIC_WORDS_RE.match(key):
            raise _fail(
                path, f"number word {raw_word!r} is not an Arabic word", "Write the word in Arabic letters"
            )
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise _fail(
                path,
                f"number word {raw_word!r} has value {value!r}",
                "Give a whole number >= 0, or null for a vague quantity (عشرات)",
            )
        if key in numbers:
            raise _fail(path, f"number word {raw_word!r} is listed twice (after normalization)", "Keep one")
        numbers[key] = value
    instruments_raw = data.get("instruments") or {}
    if not isinstance(instruments_raw, dict) or not all(
        m in PLOVER_MODES["ASSAULT"] for m in instruments_raw
    ):
        raise _fail(
            path,
            "'instruments' must map ASSAULT modes to lists of words",
            "Write e.g. instruments: {heavy-weapons: [قذائف, هاون]}",
        )
    instruments = {
        mode: _cue_words(words, f"instruments.{mode}", path) for mode, words in instruments_raw.items()
    }
    every = [*owner, *numbers]
    return EventCues(
        instruments=MappingProxyType(instruments),
        **lists,
        casualties=MappingProxyType(casualties),
        number_words=MappingProxyType(numbers),
        max_words=max(len(w.split()) for w in every),
    )


def load_event_cues(path: str | Path | None = None) -> EventCues:
    """The event cue words from ``path`` (default: the packaged ``event_cues.yaml``)."""
    file = Path(path) if path is not None else EVENT_CUES_FILE
    return _parse_cues(_read_yaml(file), str(file))


@cache
def default_event_cues() -> EventCues:
    """The packaged event cue words, loaded once per process."""
    return load_event_cues()
