"""Time expressions (TIME mentions) normalized against the publication date.

Recognizes Gregorian and Hijri dates, months, years, weekdays, relative expressions (أمس، اليوم
التالي، الأسبوع الماضي), clock times (الساعة 2 ليلاً) and durations (بعد 12 ساعة) in the folded view of
a document, and reports each with original offsets and a normalized value. The rules and the span
conventions are documented in docs/time-expressions.md; every word lives in
marsad/kb/data/time_words.yaml (loaded once), the grammar lives here.

The scan is two-stage: one compiled regex over the whole view finds anchor words (month, weekday and
unit names, relative words, numeric dates); only short windows around those hits are tokenized and
parsed. Nothing is inferred that the text does not say: without a publication date, "أمس" has no value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources as importlib_resources
from itertools import repeat
from pathlib import Path
from typing import Any, ClassVar, Final, Generic, TypeVar

import yaml
from hijridate import Gregorian, Hijri

from marsad.model import Document, Label
from marsad.pipeline import Analysis
from marsad.text.normalize import NormalizedText, normalize_for_match
from marsad.text.words import matches_at, runs_between_spaces, with_prefixes

__all__ = ["TimeMatch", "TimeTagger", "TimeWords", "find_times", "load_time_words", "parse_published"]

T = TypeVar("T")

_TOKEN_RE: Final = re.compile(r"\d+|[^\W\d_]+|\n|[^\s\w]")
_TOKEN_SPLIT: Final = re.compile("(" + _TOKEN_RE.pattern + ")")
_NUMERIC_DATE: Final = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")  # "5/5/2017": a window opens
_LETTER_RUN: Final = re.compile(r"[^\W\d_]+")
_DIGIT_RUN: Final = re.compile(r"\d\d*")  # opens with a class, not a repeat: see normalize._DELETE_RE
_UNITS: Final[tuple[str, ...]] = ("minutes", "hours", "days", "weeks", "months", "years")
_UNIT_PRECISION: Final = {
    "minutes": "hour",
    "hours": "hour",
    "days": "day",
    "weeks": "week",
    "months": "month",
    "years": "year",
}
_PROCLITIC_CONJ: Final = "وف"
_PROCLITIC_PREP: Final = "بلك"
# Which tables a token can start a phrase of (a bit per table), so that grammar rules are only tried
# where their first word stands.
_B_MONTH, _B_WEEKDAY, _B_PART_HEAD, _B_CLOCK_HEAD, _B_HOUR_WORD, _B_DAY_ORD, _B_CARD, _B_UNIT = (
    1 << k for k in range(8)
)
_B_DEF_UNIT, _B_THIS, _B_YEAR_WORD, _B_MONTH_WORD, _B_DAY_WORD, _B_PERIOD, _B_DUR_PREP, _B_ANCHORED = (
    1 << k for k in range(8, 16)
)
_B_REL, _B_DIGIT, _B_APPROX, _B_POD_NOUN = 1 << 16, 1 << 17, 1 << 18, 1 << 19
_DIGITS_KEY: Final = "#"  # stands for any number in the first-word tables
# Window around an anchor hit that is tokenized and parsed (view characters).
_LEFT_MARGIN: Final = 24
_RIGHT_MARGIN: Final = 28
_MAX_SNAP: Final = 64
_MAX_COUNT: Final = 1000
_DATE_SEPARATORS: Final = frozenset("/-.")
_TATWEEL: Final = "\u0640"
_NUMBER_JOINERS: Final = frozenset("/-.:,")

# --------------------------------------------------------------------------------------------------
# Public result


@dataclass(init=False, unsafe_hash=True, slots=True)
class TimeMatch:
    """One time expression: original span, what kind it is and its normalized value.

    ``value`` is an ISO string ("2017-05-05", "2017-05", "2017", "2017-W18", "2017-05-05T02:00") only
    when the text (with the publication date) fixes it; ``relative`` describes offsets from the
    publication date or from the previous time in the narrative; ``parts`` holds the components the
    text gives (day, month, year, weekday, hour, minute, part_of_day, period_part).
    """

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    precision: str | None
    relative: dict[str, Any] | None = None
    hijri: str | None = None
    parts: dict[str, Any] = field(default_factory=dict)
    duration: dict[str, int | None] | None = None

    # by hand, so that mypyc compiles it; not frozen for that reason: treat as immutable (docs/development.md)
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        kind: str,
        value: str | None,
        precision: str | None,
        relative: dict[str, Any] | None = None,
        hijri: str | None = None,
        parts: dict[str, Any] | None = None,
        duration: dict[str, int | None] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.value = value
        self.precision = precision
        self.relative = relative
        self.hijri = hijri
        self.parts = {} if parts is None else parts
        self.duration = duration

    def attrs(self) -> dict[str, Any]:
        """The mention attributes (a plain JSON-compatible dict)."""
        return {
            "kind": self.kind,
            "value": self.value,
            "precision": self.precision,
            "relative": dict(self.relative) if self.relative is not None else None,
            "hijri": self.hijri,
            "parts": dict(self.parts),
            "duration": dict(self.duration) if self.duration is not None else None,
        }


# --------------------------------------------------------------------------------------------------
# Vocabulary


def _key_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(normalize_for_match(str(phrase))))


class _Phrases(Generic[T]):
    """Folded phrases (token sequences) → value, as a token trie; lookups return the longest phrase."""

    __slots__ = ("_root",)

    def __init__(self) -> None:
        # node: (value or _NONE, children)
        self._root: dict[str, tuple[list[Any], dict[str, Any]]] = {}

    def add(self, phrase: str, value: T) -> None:
        toks = _key_tokens(phrase)
        if not toks:
            raise ValueError(f"time_words: empty phrase {phrase!r}")
        level = self._root
        node: tuple[list[Any], dict[str, Any]] | None = None
        for tok in toks:
            node = level.get(tok)
            if node is None:
                node = ([], {})
                level[tok] = node
            level = node[1]
        assert node is not None
        if not node[0]:  # the first listing of a phrase wins
            node[0].append(value)

    def match(self, toks: Sequence[str], i: int, first: str | None = None) -> tuple[int, T] | None:
        """(end token index, value) of the longest phrase at ``toks[i]`` (whose text may be replaced
        by ``first``, e.g. with its proclitics removed)."""
        if i >= len(toks):
            return None
        node = self._root.get(toks[i] if first is None else first)
        if node is None:
            return None
        best = (i + 1, node[0][0]) if node[0] else None
        n = len(toks)
        k = i + 1
        while node[1] and k < n:
            node = node[1].get(toks[k])
            if node is None:
                break
            k += 1
            if node[0]:
                best = (k, node[0][0])
        return best

    def heads(self) -> Iterator[tuple[str, str | None]]:
        """(first token, None) for one-word phrases and (first, second token) for longer ones."""
        for first, (value, children) in self._root.items():
            if value:
                yield first, None
            for second in children:
                yield first, second

    def words(self) -> set[str]:
        """Every token of every phrase."""
        out: set[str] = set()
        stack = [self._root]
        while stack:
            level = stack.pop()
            out.update(level)
            stack.extend(child[1] for child in level.values())
        return out

    def firsts(self) -> set[str]:
        """Every first token."""
        return set(self._root)


@dataclass(frozen=True, slots=True)
class _Month:
    calendar: str  # "g" or "h"
    month: int
    standalone: bool
    weak: bool


@dataclass(frozen=True, slots=True)
class _Rel:
    """A fixed relative expression from the vocabulary."""

    kind: str
    anchor: str
    direction: str
    offsets: tuple[tuple[str, int | None], ...]
    part_of_day: str | None
    hour: int | None
    precision: str | None
    day_like: bool


@dataclass(frozen=True, slots=True)
class TimeWords:
    """The compiled vocabulary of time_words.yaml."""

    future_window: int
    gregorian_years: tuple[int, int]
    hijri_years: tuple[int, int]
    months: _Phrases[_Month]
    weekdays: _Phrases[tuple[int, bool]]
    weekday_blockers: frozenset[str]
    part_heads: _Phrases[str]
    part_adverbs: _Phrases[str]
    part_clock: dict[str, dict[int, int]]
    clock_heads: _Phrases[bool]
    clock_fillers: _Phrases[bool]
    hour_words: _Phrases[int]
    minute_words: _Phrases[int]
    day_ordinals: _Phrases[int]
    cardinals: _Phrases[int | None]
    units: _Phrases[tuple[str, str]]
    definite_units: _Phrases[tuple[str, str]]
    modifiers: _Phrases[str]
    this_words: _Phrases[bool]
    year_words: _Phrases[bool]
    month_words: _Phrases[bool]
    gregorian_era: _Phrases[bool]
    hijri_era: _Phrases[bool]
    date_joiners: _Phrases[bool]
    day_words: _Phrases[bool]
    period_parts: _Phrases[str]
    duration_preps: _Phrases[tuple[str, str]]
    anchored_offsets: _Phrases[str]
    month_prepositions: frozenset[str]
    adjective_units: frozenset[str]
    attached_heads: frozenset[str]
    relative: _Phrases[_Rel]
    approximators: _Phrases[bool]
    age_cues: frozenset[str]
    accusative_blockers: _Phrases[bool]
    pod_nouns: _Phrases[str]
    pod_prepositions: frozenset[str]
    night_joiners: _Phrases[bool]
    dual_year_words: frozenset[str]
    single_bits: dict[str, int]
    pair_bits: dict[tuple[str, str], int]
    anchor_forms: frozenset[str]  # anchor words with their proclitics: a time is looked for around them


def _items(raw: Any, what: str) -> list[Any]:
    if not isinstance(raw, list):
        raise ValueError(f"time_words: {what} must be a list, got {type(raw).__name__}")
    return raw


def _name_item(item: Any, default_standalone: bool) -> tuple[str, bool, bool]:
    if isinstance(item, str):
        return item, default_standalone, False
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return item["text"], bool(item.get("standalone", default_standalone)), bool(item.get("weak", False))
    raise ValueError(f"time_words: a name must be a string or {{text: ...}}, got {item!r}")


def _flat(words: Iterable[str]) -> _Phrases[bool]:
    out: _Phrases[bool] = _Phrases()
    for w in words:
        out.add(w, True)
    return out


def _compose_numbers(raw: dict[str, Any], what: str) -> list[tuple[str, int]]:
    """Number phrases from units, compound units, teen words and tens (grammar of Arabic numerals)."""
    units: dict[int, list[str]] = {int(k): _items(v, f"{what}.units") for k, v in raw["units"].items()}
    compound: dict[int, list[str]] = {
        int(k): _items(v, f"{what}.compound_units") for k, v in (raw.get("compound_units") or {}).items()
    }
    teens: list[str] = _items(raw.get("teen_words") or [], f"{what}.teen_words")
    tens: dict[int, list[str]] = {
        int(k): _items(v, f"{what}.tens") for k, v in (raw.get("tens") or {}).items()
    }
    out: list[tuple[str, int]] = []
    for n, words in units.items():
        out.extend((w, n) for w in words)
    for t, words in tens.items():
        out.extend((w, t) for w in words)
    for n in range(1, 10):
        lead = compound.get(n, []) + ([] if n in compound else units.get(n, []))
        for u in lead:
            out.extend((f"{u} {teen}", 10 + n) for teen in teens)
            for t, words in tens.items():
                if t < 20:
                    continue
                for tw in words:
                    out.append((f"{u} و{tw}", t + n))
                    out.append((f"{u} و {tw}", t + n))
    return out


_SECTIONS: Final = frozenset(
    {
        "version",
        "settings",
        "gregorian_months",
        "hijri_months",
        "weekdays",
        "weekday_blockers",
        "parts_of_day",
        "clock",
        "day_ordinals",
        "cardinals",
        "units",
        "modifiers",
        "this_words",
        "year_words",
        "month_words",
        "gregorian_era",
        "hijri_era",
        "date_joiners",
        "day_words",
        "period_parts",
        "adjective_units",
        "attached_preposition_heads",
        "approximators",
        "age_cues",
        "accusative_blockers",
        "duration_prepositions",
        "anchored_offsets",
        "part_of_day_nouns",
        "part_of_day_prepositions",
        "night_joiners",
        "dual_year_words",
        "month_prepositions",
        "common_words",
        "relative_phrases",
    }
)


def _build_words(raw: dict[str, Any]) -> TimeWords:
    """Compile the vocabulary (see docs/time-expressions.md); raises ValueError on a malformed file."""
    if not isinstance(raw, dict) or raw.get("version") != 1:
        raise ValueError("time_words: expected a mapping with version: 1")
    unknown = sorted(set(raw) - _SECTIONS)
    if unknown:
        raise ValueError(f"time_words: unknown sections {unknown} (known: {sorted(_SECTIONS)})")
    settings = raw.get("settings") or {}
    months: _Phrases[_Month] = _Phrases()
    for cal, key in (("g", "gregorian_months"), ("h", "hijri_months")):
        for entry in _items(raw[key], key):
            month = int(entry["month"])
            if not 1 <= month <= 12:
                raise ValueError(f"time_words: {key} month {month} out of range")
            for item in _items(entry["names"], f"{key}.names"):
                text, standalone, weak = _name_item(item, cal == "g")
                months.add(text, _Month(cal, month, standalone and cal == "g", weak))
    weekdays: _Phrases[tuple[int, bool]] = _Phrases()
    for entry in _items(raw["weekdays"], "weekdays"):
        wd = int(entry["weekday"])
        if not 1 <= wd <= 7:
            raise ValueError(f"time_words: weekday {wd} out of range (ISO 1-7)")
        for item in _items(entry["names"], "weekdays.names"):
            text, standalone, _ = _name_item(item, True)
            weekdays.add(text, (wd, standalone))
    part_heads: _Phrases[str] = _Phrases()
    part_adverbs: _Phrases[str] = _Phrases()
    part_clock: dict[str, dict[int, int]] = {}
    for entry in _items(raw["parts_of_day"], "parts_of_day"):
        part = str(entry["part"])
        for w in entry.get("heads") or []:
            part_heads.add(w, part)
        for w in entry.get("adverbs") or []:
            part_adverbs.add(w, part)
        part_clock[part] = {int(k): int(v) for k, v in (entry.get("clock") or {}).items()}
    clock = raw["clock"]
    hour_words: _Phrases[int] = _Phrases()
    for h, words in clock["hours"].items():
        for w in words:
            hour_words.add(w, int(h))
    minute_words: _Phrases[int] = _Phrases()
    for m, words in clock["minutes"].items():
        for w in words:
            minute_words.add(w, int(m))
    day_ordinals: _Phrases[int] = _Phrases()
    for text, n in _compose_numbers(raw["day_ordinals"], "day_ordinals"):
        if n <= 31:
            day_ordinals.add(text, n)
    cardinals: _Phrases[int | None] = _Phrases()
    for text, n in _compose_numbers(raw["cardinals"], "cardinals"):
        cardinals.add(text, n)
        # the definite form after a definite noun: "الساعات الأربع والعشرين"
        definite_words = [
            "و" if t == "و" else "وال" + t[1:] if t.startswith("و") else "ال" + t for t in _key_tokens(text)
        ]
        cardinals.add(" ".join(definite_words), n)
    for w in raw["cardinals"].get("vague") or []:
        cardinals.add(w, None)
    units: _Phrases[tuple[str, str]] = _Phrases()
    definite: _Phrases[tuple[str, str]] = _Phrases()
    for unit, forms in raw["units"].items():
        if unit not in _UNITS:
            raise ValueError(f"time_words: unknown unit {unit!r} (one of {_UNITS})")
        bare: dict[str, str] = {}
        for cat in ("singular", "accusative", "dual", "plural"):
            for w in forms.get(cat) or []:
                units.add(w, (unit, cat))
                bare[normalize_for_match(w)] = cat
        for w in forms.get("definite") or []:
            key = normalize_for_match(w)
            definite.add(w, (unit, bare.get(key[2:] if key.startswith("ال") else key, "singular")))
    modifiers: _Phrases[str] = _Phrases()
    for mod, words in raw["modifiers"].items():
        if mod not in ("past", "next", "current", "prev_before", "prev_after"):
            raise ValueError(f"time_words: unknown modifier class {mod!r}")
        for w in words:
            modifiers.add(w, mod)
    period_parts: _Phrases[str] = _Phrases()
    for part, words in raw["period_parts"].items():
        for w in words:
            period_parts.add(w, str(part))
    duration_preps: _Phrases[tuple[str, str]] = _Phrases()
    for entry in _items(raw["duration_prepositions"], "duration_prepositions"):
        for w in entry["phrases"]:
            duration_preps.add(w, (str(entry["anchor"]), str(entry["direction"])))
    anchored: _Phrases[str] = _Phrases()
    for entry in _items(raw["anchored_offsets"], "anchored_offsets"):
        for w in entry["phrases"]:
            anchored.add(w, str(entry["direction"]))
    pod_nouns: _Phrases[str] = _Phrases()
    for part, nouns in (raw.get("part_of_day_nouns") or {}).items():
        for w in nouns:
            pod_nouns.add(w, str(part))
    relative: _Phrases[_Rel] = _Phrases()
    for entry in _items(raw["relative_phrases"], "relative_phrases"):
        offsets = tuple((u, None if entry[u] is None else int(entry[u])) for u in _UNITS if u in entry)
        rel = _Rel(
            kind=str(entry.get("kind", "relative")),
            anchor=str(entry["anchor"]),
            direction=str(entry["direction"]),
            offsets=offsets,
            part_of_day=entry.get("part_of_day"),
            hour=entry.get("hour"),
            precision=entry.get("precision"),
            day_like=bool(entry.get("day_like", False)),
        )
        for w in entry["phrases"]:
            relative.add(w, rel)

    def folded(key: str) -> frozenset[str]:
        return frozenset(normalize_for_match(w) for w in raw.get(key) or [])

    lo_g, hi_g = settings.get("gregorian_years", [1800, 2200])
    lo_h, hi_h = settings.get("hijri_years", [1300, 1500])
    words = TimeWords(
        future_window=int(settings.get("future_window_days", 31)),
        gregorian_years=(int(lo_g), int(hi_g)),
        hijri_years=(int(lo_h), int(hi_h)),
        months=months,
        weekdays=weekdays,
        weekday_blockers=folded("weekday_blockers"),
        part_heads=part_heads,
        part_adverbs=part_adverbs,
        part_clock=part_clock,
        clock_heads=_flat(clock["heads"]),
        clock_fillers=_flat(clock.get("fillers") or []),
        hour_words=hour_words,
        minute_words=minute_words,
        day_ordinals=day_ordinals,
        cardinals=cardinals,
        units=units,
        definite_units=definite,
        modifiers=modifiers,
        this_words=_flat(raw["this_words"]),
        year_words=_flat(raw["year_words"]),
        month_words=_flat(raw["month_words"]),
        gregorian_era=_flat(raw["gregorian_era"]),
        hijri_era=_flat(raw["hijri_era"]),
        date_joiners=_flat(raw["date_joiners"]),
        day_words=_flat(raw["day_words"]),
        period_parts=period_parts,
        duration_preps=duration_preps,
        anchored_offsets=anchored,
        month_prepositions=folded("month_prepositions"),
        adjective_units=folded("adjective_units"),
        attached_heads=folded("attached_preposition_heads"),
        relative=relative,
        approximators=_flat(raw.get("approximators") or []),
        age_cues=folded("age_cues"),
        accusative_blockers=_flat(raw.get("accusative_blockers") or []),
        pod_nouns=pod_nouns,
        pod_prepositions=folded("part_of_day_prepositions"),
        night_joiners=_flat(raw.get("night_joiners") or []),
        dual_year_words=folded("dual_year_words"),
        single_bits={},
        pair_bits={},
        anchor_forms=frozenset(),
    )
    single_bits, pair_bits = _first_word_bits(
        [
            (months, _B_MONTH),
            (weekdays, _B_WEEKDAY),
            (part_heads, _B_PART_HEAD),
            (words.clock_heads, _B_CLOCK_HEAD),
            (hour_words, _B_HOUR_WORD),
            (day_ordinals, _B_DAY_ORD),
            (cardinals, _B_CARD),
            (units, _B_UNIT),
            (definite, _B_DEF_UNIT),
            (words.this_words, _B_THIS),
            (words.year_words, _B_YEAR_WORD),
            (words.month_words, _B_MONTH_WORD),
            (words.day_words, _B_DAY_WORD),
            (period_parts, _B_PERIOD),
            (duration_preps, _B_DUR_PREP),
            (anchored, _B_ANCHORED),
            (relative, _B_REL),
            (words.approximators, _B_APPROX),
            (pod_nouns, _B_POD_NOUN),
        ],
        attached=words.attached_heads,
        b_attached=(cardinals, units),
        digit_followers=[months, units, words.gregorian_era, words.hijri_era, part_adverbs],
    )
    anchor_tables: list[_Phrases[Any]] = [
        months,
        weekdays,
        part_heads,
        part_adverbs,
        words.clock_heads,
        units,
        definite,
        words.year_words,
        words.month_words,
        words.gregorian_era,
        words.hijri_era,
        relative,
        pod_nouns,
    ]
    common = folded("common_words")
    anchors = {a for a in set().union(*(t.words() for t in anchor_tables)) - common if a.isalpha()}
    forms = with_prefixes(anchors, "وف", "بلك")
    return replace(words, single_bits=single_bits, pair_bits=pair_bits, anchor_forms=forms)


def _first_word_bits(
    tables: list[tuple[_Phrases[Any], int]],
    attached: frozenset[str],
    b_attached: tuple[_Phrases[Any], ...],
    digit_followers: list[_Phrases[Any]],
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """For every written form of a phrase's first word (bare, or with the proclitics _Tokens.forms
    removes), the bits of the tables it starts: alone (one-word phrases) or with the second word.
    A number (_DIGITS_KEY) starts something only before a month, a unit, an era, an adverb, "من" or
    a date separator."""
    single: dict[str, int] = {}
    pair: dict[tuple[str, str], int] = {}
    for table, bit in tables:
        for first, second in table.heads():
            preps: tuple[str, ...] = ("",)
            if first.startswith("ال") or first in attached:
                preps = ("", *_PROCLITIC_PREP)
            elif any(table is t for t in b_attached):  # "بعشرين دقيقة", "بساعتين"
                preps = ("", "ب")
            for conj in ("", *_PROCLITIC_CONJ):
                for prep in preps:
                    form = conj + prep + first
                    if second is None:
                        single[form] = single.get(form, 0) | bit
                    else:
                        pair[form, second] = pair.get((form, second), 0) | bit
    followers = set().union(*(t.firsts() for t in digit_followers))
    followers.update(("من", "/", "-", ".", ":"))
    for follower in followers:
        pair[_DIGITS_KEY, follower] = _B_DIGIT
    for first, second in pair:  # a pair lookup replaces the lookup of its first word alone
        pair[first, second] |= single.get(first, 0)
    return single, pair


@cache
def load_time_words(path: str | None = None) -> TimeWords:
    """Load and compile a time vocabulary (the packaged time_words.yaml by default); cached."""
    if path is None:
        text = (
            importlib_resources.files("marsad.kb")
            .joinpath("data/time_words.yaml")
            .read_text(encoding="utf-8")
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return _build_words(raw)
    except (KeyError, TypeError, AttributeError) as exc:
        where = path or "marsad/kb/data/time_words.yaml"
        raise ValueError(
            f"{where}: missing or malformed section ({exc!r}); see docs/time-expressions.md"
        ) from exc


def _anchor_hits(view: NormalizedText, words: TimeWords) -> list[tuple[int, int]]:
    """Spans of numeric dates and of anchor words (with optional proclitics) standing as whole runs of
    letters, in text order. Both are read from the view's word index: a word that is not all letters
    ("12مايو", "2017") is split into its runs of letters, and its runs of digits are where dates start
    (a digit is a word character, so no digit stands outside a word)."""
    text = view.text
    forms = words.anchor_forms
    hits: list[tuple[int, int]] = []
    date_starts: list[int] = []
    starts, ends, spellings = view.words.columns()
    for i in range(len(spellings)):
        word, start, end = spellings[i], starts[i], ends[i]
        if word.isalpha():
            if word in forms:
                hits.append((start, end))
            continue
        hits.extend(m.span() for m in _LETTER_RUN.finditer(text, start, end) if m.group() in forms)
        # a date starts in a run of digits that a separator follows, at most four digits before it (the
        # leftmost place not inside the date before)
        for run in _DIGIT_RUN.finditer(text, start, end):
            if text[run.end() : run.end() + 1] in _DATE_SEPARATORS:
                date_starts.extend(range(max(run.start(), run.end() - 4), run.end()))
    hits.extend(m.span() for m in matches_at(_NUMERIC_DATE, text, date_starts))
    hits.sort()
    return hits


# --------------------------------------------------------------------------------------------------
# Tokens of one scan window


class _Tokens:
    """Tokens (folded text and view offsets) of a window of the view."""

    __slots__ = ("_forms", "attached", "end", "masks", "n", "start", "text")

    def __init__(self, view: str, lo: int, hi: int, words: TimeWords) -> None:
        self.text, self.start, self.end = runs_between_spaces(
            _TOKEN_SPLIT, view[lo:hi], lo, letters_apart=True
        )
        self.n = n = len(self.text)
        # a word cut by the window edge keeps its place, but nothing matches it
        if n and lo > 0 and self.start[0] == lo and view[lo - 1].isalnum():
            self.text[0] = "\x00"
        if n and hi < len(view) and self.end[-1] == hi and view[hi].isalnum():
            self.text[-1] = "\x00"
        self.attached = words.attached_heads
        self._forms: dict[int, list[tuple[str, int]]] = {}
        # first-word bits from the token (any number as one key) and the token after it (pair_bits
        # already include the first word's own bits)
        keys = [_DIGITS_KEY if w[0].isdigit() else w for w in self.text]
        singles = map(words.single_bits.get, keys, repeat(0))
        nexts = [*keys[1:], ""] if n else []
        self.masks: list[int] = list(map(words.pair_bits.get, zip(keys, nexts, strict=True), singles))

    def forms(self, i: int) -> list[tuple[str, int]]:
        """The token, then the token without attached proclitics (و/ف, then ب/ل/ك before the article
        or a listed head), each with the number of characters removed."""
        got = self._forms.get(i)
        if got is not None:
            return got
        w = self.text[i]
        out = [(w, 0)]
        if len(w) > 2 and w[0].isalpha():
            rest, k = w, 0
            if rest[0] in _PROCLITIC_CONJ:
                rest, k = rest[1:], 1
                out.append((rest, k))
            if len(rest) > 2 and rest[0] in _PROCLITIC_PREP:
                tail = rest[1:]
                if tail.startswith("ال") or tail in self.attached:
                    out.append((tail, k + 1))
        self._forms[i] = out
        return out

    def num(self, i: int) -> int | None:
        if i < self.n and self.text[i].isdigit() and len(self.text[i]) <= 4:
            return int(self.text[i])
        return None

    def is_(self, i: int, chars: str) -> bool:
        return i < self.n and self.text[i] in chars and len(self.text[i]) == 1

    def touching(self, i: int) -> bool:
        """Token i starts where token i-1 ends (no space between)."""
        return 0 < i < self.n and self.start[i] == self.end[i - 1]


# --------------------------------------------------------------------------------------------------
# Parse results


@dataclass(slots=True)
class _Sem:
    """What one parsed expression says, before resolution against the publication date."""

    kind: str
    i: int
    j: int
    skip: int = 0
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_offset: int | None = None
    month_offset: int | None = None
    month_mod: str | None = None
    hijri: bool = False
    weekday: int | None = None
    weekday_mod: str | None = None
    rel: dict[str, Any] | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    period: str | None = None
    duration: dict[str, int | None] | None = None
    precision: str | None = None
    prep_end: int | None = None  # token after a leading preposition kept in the span
    uncertain: bool = False  # a number the text gives without saying which calendar it is in
    approximate: bool = False  # "نحو ساعة", "أكثر من عامين"
    year_end: int | None = None  # "عامي 2019 و2020"
    weekday_end: int | None = None  # "ليل الثلاثاء - الأربعاء"


_Match = tuple[int, T, int]  # (end token, value, characters of proclitics before the start)


_OFFSET: Final = {"past": -1, "current": 0, "next": 1}


# The parser's rules in the order they are tried, each with the first-word bits it can start with:
# clock_led, day_expr, month_year, relative_unit, duration, bare_clock, part_of_day_noun (see _Parser.apply).
_RULE_STARTS: Final = (
    _B_CLOCK_HEAD,
    _B_PART_HEAD | _B_REL | _B_DAY_WORD | _B_WEEKDAY | _B_DIGIT | _B_DAY_ORD,
    _B_PERIOD | _B_MONTH_WORD | _B_MONTH | _B_YEAR_WORD | _B_DIGIT,
    _B_THIS | _B_DEF_UNIT | _B_DIGIT,
    _B_DUR_PREP | _B_ANCHORED | _B_DIGIT | _B_CARD | _B_UNIT | _B_APPROX,
    _B_DIGIT | _B_HOUR_WORD,
    _B_POD_NOUN,
)


class _Parser:
    """Recursive-descent grammar over the tokens of one window. Each rule takes a token index and
    returns a _Sem (with its end token) or None."""

    def __init__(self, w: TimeWords) -> None:
        self.w = w
        self.t: _Tokens
        self.toks: list[str] = []

    def reset(self, t: _Tokens) -> None:
        """Parse another window."""
        self.t = t
        self.toks = t.text

    # -- lexical helpers ------------------------------------------------------------------------

    def lex(
        self, table: _Phrases[T], i: int, proclitics: bool = False, first: str | None = None
    ) -> _Match[T] | None:
        """Longest phrase of ``table`` at token i: (end, value, proclitic characters skipped)."""
        if i >= self.t.n:
            return None
        if first is not None or not proclitics:
            hit = table.match(self.toks, i, first)
            return (hit[0], hit[1], 0) if hit else None
        for form, k in self.t.forms(i):
            hit = table.match(self.toks, i, form)
            if hit:
                return hit[0], hit[1], k
        return None

    def punct(self, i: int, chars: str = "،,") -> int:
        """Skip one optional punctuation token from ``chars``."""
        return i + 1 if self.t.is_(i, chars) else i

    def word(self, i: int, *words: str) -> bool:
        return i < self.t.n and self.toks[i] in words

    def year_number(self, i: int, calendar: str) -> int | None:
        n = self.t.num(i)
        if n is None or len(self.toks[i]) != 4 or self.glued(i + 1):
            return None
        lo, hi = self.w.gregorian_years if calendar == "g" else self.w.hijri_years
        return n if lo <= n <= hi else None

    def glued(self, i: int) -> bool:
        """Token i continues a chain of numbers with the token before it: a number after a separator
        ("3/4" at "4") or a separator between two numbers ("5/4" at "/"). Letters never glue."""
        t = self.t
        if not t.touching(i):
            return False
        cur, prev = self.toks[i], self.toks[i - 1]
        if cur.isdigit():
            return prev in _NUMBER_JOINERS
        return cur in _NUMBER_JOINERS and prev.isdigit() and t.touching(i + 1) and self.toks[i + 1].isdigit()

    def era(self, i: int) -> tuple[int, str] | None:
        g = self.lex(self.w.gregorian_era, i)
        if g:
            return g[0], "g"
        h = self.lex(self.w.hijri_era, i)
        if h:
            return h[0], "h"
        return None

    def article_digits(self, i: int) -> int:
        """Start token for a number at i: the attached article before it ("الـ5") is included."""
        if self.t.touching(i) and self.toks[i - 1] == "ال":
            return i - 1
        return i

    def cardinal(
        self, i: int, article: bool = False, first: str | None = None
    ) -> tuple[int, int | None] | None:
        """(end, number) of a number in words at token i (None for a vague count: "عدة"); with
        ``article``, also after removing an article ("الأيام الثلاثة")."""
        if i >= self.t.n:
            return None
        hit = self.w.cardinals.match(self.toks, i, first)
        if hit is None and article:
            word = self.toks[i] if first is None else first
            if word.startswith("ال") and len(word) > 3:
                hit = self.w.cardinals.match(self.toks, i, word[2:])
        return hit

    def after_preposition(self, i: int) -> bool:
        """Token i-1 is a time preposition ("في حزيران", "وخلال أيلول")."""
        return i > 0 and any(f in self.w.month_prepositions for f, _ in self.t.forms(i - 1))

    # -- top level ------------------------------------------------------------------------------

    def apply(self, rule: int, i: int) -> _Sem | None:
        """Rule number ``rule`` of ``_RULE_STARTS`` at token i (a direct call: no bound methods kept on
        the parser, which would tie it to itself in a reference cycle)."""
        if rule == 0:
            return self.clock_led(i)
        if rule == 1:
            return self.day_expr(i)
        if rule == 2:
            return self.month_year(i)
        if rule == 3:
            return self.relative_unit(i)
        if rule == 4:
            return self.duration(i)
        if rule == 5:
            return self.bare_clock(i)
        return self.part_of_day_noun(i)

    def parse_at(self, i: int, mask: int) -> _Sem | None:
        """The longest expression starting at token i (None when a preposition at i belongs to a longer
        expression after it: "منذ عام 2011" is the year, not "منذ عام"). ``mask``: the token's bits."""
        best: _Sem | None = None
        for rule, needs in enumerate(_RULE_STARTS):
            if not mask & needs:
                continue
            sem = self.apply(rule, i)
            if sem is not None and (best is None or sem.j > best.j):
                best = sem
        if best is not None and best.prep_end is not None and best.prep_end > i:
            alt = (
                self.parse_at(best.prep_end, self.t.masks[best.prep_end])
                if best.prep_end < self.t.n
                else None
            )
            if alt is not None and alt.j > best.j:
                return None
        return best

    def coordinated(self, i: int, prev: _Sem) -> _Sem | None:
        """ "و" + a month or year right after a month/year/date ("عامي 2016 و2017", "آذار ونيسان")."""
        if i >= self.t.n:
            return None
        if self.toks[i] == "و":
            k = i + 1
            year = self.year_number(k, "g")
            if year is not None and prev.kind == "year":
                era = self.era(k + 1)
                return _Sem(
                    "year", k, era[0] if era and era[1] == "g" else k + 1, year=year, precision="year"
                )
            m = self.lex(self.w.months, k)
            if m and m[1].calendar == "g" and prev.kind in ("month", "date"):
                return self.month_tail(k, m[0], m[1], 0, None, context=True)
            return None
        if prev.kind in ("month", "date"):
            m = self.lex(self.w.months, i, proclitics=True)
            if m and m[2] == 1 and self.toks[i][0] == "و" and m[1].calendar == "g":
                return self.month_tail(i, m[0], m[1], 1, None, context=True)
        return None

    # -- dates ----------------------------------------------------------------------------------

    def numeric_date(self, i: int) -> _Sem | None:
        """ "23/4/2017", "23-04-17", "2017-04-23"."""
        t = self.t
        if i + 4 >= t.n:
            return None
        a, b, c = t.num(i), t.num(i + 2), t.num(i + 4)
        if a is None or b is None or c is None:
            return None
        sep = self.toks[i + 1]
        if sep not in _DATE_SEPARATORS or self.toks[i + 3] != sep:
            return None
        if not all(t.touching(i + k) for k in range(1, 5)) or self.glued(i + 5) or self.glued(i):
            return None
        la, lc = len(self.toks[i]), len(self.toks[i + 4])
        if la == 4 and lc <= 2:
            y, m, d = a, b, c
        elif lc in (2, 4) and la <= 2:
            y = c if lc == 4 else (2000 + c if c < 50 else 1900 + c)
            d, m = a, b
            if m > 12 and d <= 12:
                d, m = m, d
        else:
            return None
        lo, hi = self.w.gregorian_years
        if not lo <= y <= hi:
            return None
        try:
            dt.date(y, m, d)
        except ValueError:
            return None
        j = i + 5
        era = self.era(j)
        if era and era[1] == "g":
            j = era[0]
        return _Sem("date", self.article_digits(i), j, year=y, month=m, day=d, precision="day")

    def day_number(self, i: int) -> tuple[int, int, int] | None:
        """(start token, end token, day) for "5", "الـ5", "الخامس", "الحادي والعشرين"."""
        n = self.t.num(i)
        if n is not None:
            if 1 <= n <= 31 and len(self.toks[i]) <= 2 and not self.glued(i + 1) and not self.glued(i):
                return self.article_digits(i), i + 1, n
            return None
        hit = self.w.day_ordinals.match(self.toks, i)
        if hit:
            return i, hit[0], hit[1]
        return None

    def date_core(self, i: int) -> _Sem | None:
        """A day with its month (and year): Gregorian, Hijri or numeric; or a day of a relative month
        ("الخامس من الشهر الجاري")."""
        num = self.numeric_date(i)
        if num is not None:
            return num
        dn = self.day_number(i)
        if dn is None:
            return None
        start, k, day = dn
        has_from = self.word(k, "من")
        if has_from:
            k += 1
        elif self.t.num(i) is None:
            return None  # an ordinal needs "من": "الخامس من أيار"
        m = self.lex(self.w.months, k)
        if m is not None:
            return self.month_tail(start, m[0], m[1], 0, None, day=day)
        if has_from:
            this = self.lex(self.w.this_words, k)
            k2 = this[0] if this else k
            u = self.lex(self.w.definite_units, k2)
            if u and u[1] == ("months", "singular"):
                mod = self.lex(self.w.modifiers, u[0])
                if mod and mod[1] in _OFFSET:
                    return _Sem("date", start, mod[0], day=day, month_offset=_OFFSET[mod[1]], precision="day")
                if this:
                    return _Sem("date", start, u[0], day=day, month_offset=0, precision="day")
        return None

    def year_after(self, j: int, calendar: str) -> tuple[int, int | None, int | None] | None:
        """(end, year, year offset) for " 2017", "، 2017", "من عام 2017", "2017م", "من العام الماضي"."""
        k = self.punct(j)
        has_from = self.word(k, "من")
        if has_from:
            k += 1
        this = self.lex(self.w.this_words, k) if has_from else None
        if this:
            k = this[0]
        yw = self.lex(self.w.year_words, k)
        kn = yw[0] if yw else k
        if not this:
            year = self.year_number(kn, calendar)
            if year is not None and (yw or not has_from):
                end = kn + 1
                era = self.era(end)
                if era and era[1] == calendar:
                    end = era[0]
                return end, year, None
        if yw and has_from and self.toks[kn - 1].startswith("ال"):
            mod = self.lex(self.w.modifiers, kn)
            if mod and mod[1] in _OFFSET:
                return mod[0], None, _OFFSET[mod[1]]
            if this:
                return kn, None, 0
        return None

    def month_tail(
        self,
        start: int,
        k: int,
        month: _Month,
        skip: int,
        period: str | None,
        *,
        day: int | None = None,
        context: bool = False,
    ) -> _Sem | None:
        """After a month name ending at token k: a second name, a year or a modifier. Checks that the
        name stands in date context (see docs/time-expressions.md)."""
        t = self.t
        j = k
        alt = False
        if t.is_(j, "/") or t.is_(j, "("):  # "أيار/مايو", "أيار (مايو)"
            m2 = self.lex(self.w.months, j + 1)
            if m2 and m2[1].month == month.month and m2[1].calendar == month.calendar:
                if not t.is_(j, "("):
                    j, alt = m2[0], True
                elif t.is_(m2[0], ")"):
                    j, alt = m2[0] + 1, True
        year: int | None = None
        year_offset: int | None = None
        month_mod: str | None = None
        ya = self.year_after(j, month.calendar)
        if ya is not None:
            j, year, year_offset = ya
        else:
            mod = self.lex(self.w.modifiers, j)
            if mod and mod[1] in _OFFSET:
                month_mod, j = mod[1], mod[0]
        has_year = year is not None or year_offset is not None
        if not (context or alt or has_year or month_mod or period or day is not None) and not (
            month.standalone and self.after_preposition(start)
        ):
            return None
        if month.weak and not (has_year or context):
            return None
        kind = "hijri" if month.calendar == "h" else "date" if day is not None else "month"
        return _Sem(
            kind,
            start,
            j,
            skip=skip,
            year=year,
            month=month.month,
            day=day,
            year_offset=year_offset,
            month_mod=month_mod,
            hijri=month.calendar == "h",
            period=period,
            precision="day" if day is not None else "month",
        )

    # -- days, weekdays, relative days ----------------------------------------------------------

    def day_expr(self, i: int) -> _Sem | None:
        """[part of day] (relative day | [يوم] weekday [modifier] [date] | [يوم] date) [adverb] [clock]."""
        head = self.lex(self.w.part_heads, i, proclitics=True)
        if head is None:
            sem = self.day_core(i, after_head=False)
        else:
            k = head[0]
            yw = self.lex(self.w.day_words, k)
            if yw and not self.lex(self.w.relative, k):
                k = yw[0]  # "صباح يوم الجمعة"
            sem = self.day_core(k, after_head=True)
            if sem is not None:
                sem.i, sem.skip = i, head[2]
                sem.part = sem.part or head[1]
        if sem is None:
            return None
        if sem.kind == "weekday" and sem.part == "night" and sem.weekday_mod is None and sem.weekday:
            joiner = self.lex(self.w.night_joiners, sem.j)  # "ليل الثلاثاء - الأربعاء"
            wd = self.lex(self.w.weekdays, joiner[0]) if joiner else None
            if wd and wd[1][0] == sem.weekday % 7 + 1:
                sem.weekday_end, sem.j = wd[1][0], wd[0]
        if sem.part is None and sem.kind != "time-of-day":
            adv = self.lex(self.w.part_adverbs, sem.j)  # "أمس مساءً"
            if adv:
                sem.part, sem.j = adv[1], adv[0]
        if sem.hour is None and sem.kind != "time-of-day":
            k2 = self.punct(sem.j)
            filler = self.lex(self.w.clock_fillers, k2)  # "صباح اليوم عند الساعة 10"
            clock = self.clock_time(filler[0] if filler else k2)
            if clock is not None:
                hour, sem.minute, cpart, sem.j = clock
                sem.part = cpart or sem.part
                sem.hour = self.hour24(hour, sem.part)
        return sem

    def day_core(self, k: int, after_head: bool) -> _Sem | None:
        proclitics = not after_head
        rel = self.lex(self.w.relative, k, proclitics=proclitics)
        if rel is not None:
            entry = rel[1]
            if after_head and not entry.day_like:
                return None
            sem = _Sem(
                entry.kind,
                k,
                rel[0],
                skip=rel[2],
                precision=entry.precision,
                part=entry.part_of_day,
                hour=entry.hour,
            )
            sem.rel = {"anchor": entry.anchor, "direction": entry.direction, **dict(entry.offsets)}
            if entry.day_like:
                k2, opened = self.opening(rel[0])
                wd = self.lex(self.w.weekdays, k2)
                if wd:  # "أمس الخميس"
                    end = self.closed(wd[0], opened)
                    if end is not None:
                        sem.weekday, sem.j = wd[1][0], end
                date = self.joined_date(sem.j)
                if date is not None:
                    date.i, date.skip, date.weekday, date.part = sem.i, sem.skip, sem.weekday, sem.part
                    return date
            return sem
        j = k
        skip = 0
        has_day_word = False
        dw = self.lex(self.w.day_words, j, proclitics=proclitics)
        if dw:
            has_day_word, j, skip = True, dw[0], dw[2]
        wd = self.lex(self.w.weekdays, j, proclitics=proclitics and not has_day_word)
        if wd is None:
            if has_day_word or after_head:
                date = self.date_core(j)
                if date is not None and date.kind in ("date", "hijri"):
                    date.i, date.skip = k, skip
                    return date
                return None
            return self.date_core(k)
        if not has_day_word:
            skip = wd[2]
        weekday, standalone = wd[1]
        j = wd[0]
        weekday_mod = None
        mod = self.lex(self.w.modifiers, j)
        if mod:
            weekday_mod, j = mod[1], mod[0]
        date = self.joined_date(j)
        if date is not None:  # "يوم الجمعة 5 أيار 2017"
            date.i, date.skip, date.weekday = k, skip, weekday
            return date
        if not (has_day_word or after_head or weekday_mod is not None):
            if not standalone:
                return None
            if k > 0 and any(f in self.w.weekday_blockers for f, _ in self.t.forms(k - 1)):
                return None
        return _Sem("weekday", k, j, skip=skip, weekday=weekday, weekday_mod=weekday_mod, precision="day")

    def opening(self, j: int) -> tuple[int, bool]:
        """Skip "،" or an opening "(" before an apposition; says whether a parenthesis was opened."""
        if self.t.is_(j, "("):
            return j + 1, True
        return self.punct(j, "،,-"), False

    def closed(self, j: int, opened: bool) -> int | None:
        """End after an apposition: its ")" when one was opened (None when it is missing)."""
        if not opened:
            return j
        return j + 1 if self.t.is_(j, ")") else None

    def joined_date(self, j: int) -> _Sem | None:
        """A date after a day word: "الجمعة 5 أيار", "الجمعة، 5 أيار", "الجمعة الموافق 5/5/2017",
        "الجمعة (5 أيار)"."""
        k, opened = self.opening(j)
        joiner = self.lex(self.w.date_joiners, k)
        if joiner:
            k = joiner[0]
        date = self.date_core(k)
        if date is None or date.kind not in ("date", "hijri"):
            return None
        end = self.closed(date.j, opened)
        if end is None:
            return None
        date.j = end
        return date

    # -- clock times ----------------------------------------------------------------------------

    def hour_value(self, i: int, spoken: bool = True) -> tuple[int, int, int | None] | None:
        """(end, hour, minute) for "2", "2:30", "الثانية", "الثانية والنصف" (and "اثنين" when spoken)."""
        t = self.t
        n = t.num(i)
        if n is not None:
            if n > 24 or len(self.toks[i]) > 2 or self.glued(i):
                return None
            j, minute = i + 1, None
            if t.is_(j, ":.") and t.touching(j) and t.touching(j + 1):
                mm = t.num(j + 1)
                if mm is None or mm > 59 or len(self.toks[j + 1]) != 2 or self.glued(j + 2):
                    return None
                j, minute = j + 2, mm
            elif self.glued(j):
                return None
            return j, n, minute
        hw = self.lex(self.w.hour_words, i)
        if hw is None:
            c = self.cardinal(i) if spoken else None
            if c is None or c[1] is None or not 1 <= c[1] <= 12:
                return None
            hw = (c[0], c[1], 0)
        j, hour, minute = hw[0], hw[1], None
        mw = self.lex(self.w.minute_words, j)
        if mw:
            j = mw[0]
            if mw[1] < 0:
                hour, minute = (hour - 1) % 12 or 12, 60 + mw[1]
            else:
                minute = mw[1]
        return j, hour, minute

    def clock_time(self, i: int) -> tuple[int, int | None, str | None, int] | None:
        """(hour as read, minute, part of day, end) for "الساعة 2 ليلاً"."""
        head = self.lex(self.w.clock_heads, i)
        if head is None:
            return None
        hv = self.hour_value(head[0])
        if hv is None:
            return None
        j, hour, minute = hv
        part = None
        adv = self.lex(self.w.part_adverbs, j)
        if adv:
            part, j = adv[1], adv[0]
        return hour, minute, part, j

    def hour24(self, hour: int, part: str | None) -> int:
        if part is not None and 1 <= hour <= 12:
            return self.w.part_clock.get(part, {}).get(hour, hour)
        return 0 if hour == 24 else hour

    def clock_led(self, i: int) -> _Sem | None:
        """ "الساعة 2 ليلاً", "الساعة الثالثة من فجر اليوم"."""
        head = self.lex(self.w.clock_heads, i, proclitics=True)
        if head is None:
            return None
        hv = self.hour_value(head[0])
        if hv is None:
            return None
        j, hour, minute = hv
        part = None
        adv = self.lex(self.w.part_adverbs, j)
        if adv:
            part, j = adv[1], adv[0]
        return self.attach_day(i, j, head[2], hour, minute, part)

    def bare_clock(self, i: int) -> _Sem | None:
        """ "2 ليلاً", "الثانية فجراً": an hour followed by a part-of-day adverb."""
        hv = self.hour_value(i, spoken=False)
        if hv is None:
            return None
        j, hour, minute = hv
        adv = self.lex(self.w.part_adverbs, j)
        if adv is None or hour > 12:
            return None
        return self.attach_day(i, adv[0], 0, hour, minute, adv[1])

    def attach_day(self, i: int, j: int, skip: int, hour: int, minute: int | None, part: str | None) -> _Sem:
        """A clock time, with the day that follows it ("من فجر اليوم", "يوم الجمعة") when there is one."""
        k = j + 1 if self.word(j, "من") else j
        day = self.day_expr(k) if k < self.t.n else None
        if (
            day is not None
            and day.hour is None
            and (
                day.kind in ("date", "hijri", "weekday")
                or (day.kind == "relative" and "days" in (day.rel or {}))
            )
        ):
            day.i, day.skip = i, skip
            day.part = part or day.part
            day.hour, day.minute = self.hour24(hour, day.part), minute
            return day
        return _Sem(
            "time-of-day",
            i,
            j,
            skip=skip,
            hour=self.hour24(hour, part),
            minute=minute,
            part=part,
            precision="hour",
        )

    # -- months and years -----------------------------------------------------------------------

    def month_year(self, i: int) -> _Sem | None:
        """[period] [شهر] month [year] | [period] year-word YEAR | YEAR era | شهر N | N/YYYY |
        period + relative month or year ("أواخر العام الماضي")."""
        k = i
        skip = 0
        period: str | None = None
        pp = self.lex(self.w.period_parts, k, proclitics=True)
        if pp:
            period, k, skip = pp[1], pp[0], pp[2]
        first = k == i
        mw = self.lex(self.w.month_words, k, proclitics=first)
        km = mw[0] if mw else k
        m = self.lex(self.w.months, km, proclitics=km == i)
        if m:
            if km == i:
                skip = m[2]
            elif mw and first:
                skip = mw[2]
            return self.month_tail(i, m[0], m[1], skip, period, context=mw is not None)
        if mw:
            sem = self.numbered_month(km)
            if sem is not None:
                sem.i, sem.skip, sem.period = i, (mw[2] if first else skip), period
                return sem
        yw = self.lex(self.w.year_words, k, proclitics=first)
        if yw:
            sem = self.year_number_after(yw[0])
            if sem is not None:
                sem.i, sem.skip, sem.period = i, (yw[2] if first else skip), period
                if sem.kind == "year" and any(f in self.w.dual_year_words for f, _ in self.t.forms(k)):
                    self.second_year(sem)
                return sem
        if period is not None:
            ru = self.relative_unit(k, bare=True)
            if (
                ru is not None
                and ru.rel is not None
                and ru.rel.get("anchor") == "publication"
                and ("months" in ru.rel or "years" in ru.rel)
            ):
                ru.i, ru.skip, ru.period = i, skip, period
                return ru
            return None
        return self.era_year(i) or self.slash_month(i)

    def numbered_month(self, k: int) -> _Sem | None:
        """ "شهر 4 [عام 2017]" (after the month word)."""
        n = self.t.num(k)
        if n is None or not 1 <= n <= 12 or len(self.toks[k]) > 2 or self.glued(k + 1):
            return None
        sem = _Sem("month", k, k + 1, month=n, precision="month")
        ya = self.year_after(k + 1, "g")
        if ya is not None:
            sem.j, sem.year, sem.year_offset = ya
        return sem

    def second_year(self, sem: _Sem) -> None:
        """ "عامي 2019 و2020": extend a year mention over "و" and the second year."""
        k = sem.j
        if not self.word(k, "و"):
            return
        year = self.year_number(k + 1, "g")
        if year is None or sem.year is None or year <= sem.year:
            return
        sem.year_end, sem.j = year, k + 2
        era = self.era(sem.j)
        if era and era[1] == "g":
            sem.j = era[0]

    def year_number_after(self, k: int) -> _Sem | None:
        """A year after a year word: Gregorian, Hijri with an era, or a number of unknown calendar."""
        y = self.year_number(k, "g")
        yh = self.year_number(k, "h")
        era = self.era(k + 1)
        if yh is not None and era and era[1] == "h":
            return _Sem("hijri", k, era[0], year=yh, hijri=True, precision="year")
        if y is not None:
            return _Sem("year", k, era[0] if era and era[1] == "g" else k + 1, year=y, precision="year")
        if yh is not None and era is None:
            return _Sem("year", k, k + 1, year=yh, precision="year", uncertain=True)
        return None

    def era_year(self, i: int) -> _Sem | None:
        """ "2017م", "1438 هـ"."""
        era = self.era(i + 1) if self.t.num(i) is not None else None
        if era is None:
            return None
        year = self.year_number(i, era[1])
        if year is None:
            return None
        if era[1] == "h":
            return _Sem("hijri", i, era[0], year=year, hijri=True, precision="year")
        return _Sem("year", i, era[0], year=year, precision="year")

    def slash_month(self, i: int) -> _Sem | None:
        """ "4/2017"."""
        t = self.t
        n = t.num(i)
        if n is None or not 1 <= n <= 12 or len(self.toks[i]) > 2 or self.glued(i):
            return None
        if not (t.is_(i + 1, "/-") and t.touching(i + 1) and t.touching(i + 2)):
            return None
        y = self.year_number(i + 2, "g")
        if y is None:
            return None
        return _Sem("month", i, i + 3, year=y, month=n, precision="month")

    # -- relative periods and durations ---------------------------------------------------------

    def relative_unit(self, i: int, bare: bool = False) -> _Sem | None:
        """ "الأسبوع الماضي", "هذا العام", "الأيام الثلاثة الماضية", "الـ24 ساعة الماضية"; with
        ``bare`` (after a period word: "مطلع العام") a definite month or year alone is the current one."""
        t = self.t
        k = i
        skip = 0
        this = self.lex(self.w.this_words, k, proclitics=True)
        if this:
            k, skip = this[0], this[2]
        elif k < t.n and self.toks[k] == "ال" and t.num(k + 1) is not None and t.touching(k + 1):
            k += 1  # "الـ24 ساعة الماضية"
        count: int | None = None
        counted = False
        adjective = False
        start = i
        n = t.num(k)
        if n is not None:
            if not (t.touching(k) and self.toks[k - 1] == "ال") or n > _MAX_COUNT:
                return None
            u = self.lex(self.w.units, k + 1)
            if u is None:
                return None
            if k <= i + 1:
                start = k - 1
            count, counted, unit, k = n, True, u[1], u[0]
        else:
            du = self.lex(self.w.definite_units, k, proclitics=k == i)
            if du is None:
                return None
            if k == i:
                skip = du[2]
                adjective = (
                    du[2] == 0
                    and self.toks[k] in self.w.adjective_units
                    and k > 0
                    and any(f.startswith("ال") for f, _ in t.forms(k - 1))
                )
            unit, k = du[1], du[0]
            c = self.cardinal(k, article=True)
            if c is not None:
                count, counted, k = c[1], c[1] is not None, c[0]
        mod = self.lex(self.w.modifiers, k)
        if mod is None:
            if not (
                this or (bare and not counted and unit in (("months", "singular"), ("years", "singular")))
            ):
                return None
            mod_cls, j = "current", k
        else:
            mod_cls, j = mod[1], mod[0]
        if adjective and mod_cls in ("current", "prev_before", "prev_after"):
            return None  # "الأمين العام السابق", "المدير العام الحالي": "general", not "year"
        name, cat = unit
        if not counted:
            count = {"singular": 1, "dual": 2}.get(cat)
        anchor = "previous" if mod_cls.startswith("prev_") else "publication"
        rel: dict[str, Any] = {"anchor": anchor}
        if mod_cls == "current":
            rel.update({"direction": "same", name: 0})
        elif mod_cls in ("past", "prev_before"):
            shift = cat == "singular" and not counted and name not in ("hours", "minutes")
            rel.update({"direction": "before" if shift or anchor == "previous" else "within", name: count})
        else:
            rel.update({"direction": "after", name: count})
        return _Sem(
            "relative", start, j, skip=skip if start == i else 0, rel=rel, precision=_UNIT_PRECISION[name]
        )

    def count_unit(
        self, k: int, after_prep: bool, first: str | None = None
    ) -> tuple[int, str, int | None] | None:
        """(end, unit, count) for "12 ساعة", "ثلاثة أيام", "يومين", "ساعة واحدة", "ساعات" (count None).
        ``first`` replaces the text of token k (a unit with an attached ب)."""
        t = self.t
        n = t.num(k) if first is None else None
        if n is not None:
            if n > _MAX_COUNT or self.glued(k + 1) or self.glued(k):
                return None
            u = self.lex(self.w.units, k + 1)
            if u is None or not self.agrees(n, u[1][1], k + 1):
                return None
            return u[0], u[1][0], n
        c = self.cardinal(k, first=first)
        if c is not None:
            u = self.lex(self.w.units, c[0])
            if u is None or not self.agrees(c[1], u[1][1], c[0]):
                return None
            return u[0], u[1][0], c[1]
        u = self.lex(self.w.units, k, first=first)
        if u is None:
            return None
        (unit, cat), j = u[1], u[0]
        c2 = self.cardinal(j)
        if cat == "dual":
            return (c2[0] if c2 is not None and c2[1] == 2 else j), unit, 2
        if cat in ("singular", "accusative"):
            if c2 is not None and c2[1] == 1:
                return c2[0], unit, 1
            if cat == "accusative" and not after_prep:
                if self.lex(self.w.accusative_blockers, j):
                    return None  # "يوماً ما", "يوماً بعد يوم"
                return j, unit, 1
            return (j, unit, 1) if after_prep else None
        return (j, unit, None) if after_prep else None

    def agrees(self, count: int | None, category: str, unit_at: int) -> bool:
        """A count and its unit form a duration: 3–10 take the plural ("ثلاثة أيام", not "ثلاثة يوم
        الأحد"), a dual stands for two, and a singular "يوم" that starts a day ("12 يوم الجمعة") is not
        a unit."""
        if category == "dual":
            return count == 2
        if count is not None and 3 <= count <= 10 and category != "plural":
            return False
        if category == "singular" and self.lex(self.w.day_words, unit_at):
            nxt = unit_at + 1
            if self.lex(self.w.weekdays, nxt) or self.t.num(nxt) is not None:
                return False
        return True

    def duration(self, i: int) -> _Sem | None:
        """[بعد|قبل|منذ|خلال] [نحو] count unit; "خلال الأيام الماضية"; "بعد ذلك بيومين"; a bare count."""
        prep = self.lex(self.w.duration_preps, i, proclitics=True)
        if prep is None:
            return self.anchored_offset(i) or self.bare_duration(i)
        anchor, direction = prep[1]
        k = prep[0]
        if direction == "after" and i > 0 and self.lex(self.w.units, i - 1):
            return None  # "يوماً بعد يوم"
        approx = self.lex(self.w.approximators, k)
        if approx:
            k = approx[0]
        cu = self.count_unit(k, True)
        if cu is None:
            if approx is None:
                period = self.relative_unit(k)
                if period is not None and period.rel is not None and period.rel.get("direction") == "within":
                    period.i, period.skip = i, prep[2]  # "خلال الأيام الماضية": the preposition stays
                    return period
            return self.anchored_offset(i)
        j, unit, count = cu
        return _Sem(
            "duration",
            i,
            j,
            skip=prep[2],
            rel={"anchor": anchor, "direction": direction, unit: count},
            duration={unit: count},
            precision=_UNIT_PRECISION[unit],
            prep_end=k,
            approximate=approx is not None,
        )

    def bare_duration(self, i: int) -> _Sem | None:
        """A counted duration without a preposition: "12 ساعة", "ساعتين", "أسبوعاً", "أكثر من خمس
        ساعات", "(ب)عشرين دقيقة". Counted years or months that are ages are left out."""
        approx = self.lex(self.w.approximators, i, proclitics=True)
        k = approx[0] if approx else i
        skip = approx[2] if approx else 0
        cu = self.count_unit(k, False)
        tok = self.toks[k] if k < self.t.n else ""
        if cu is None and approx is None and tok.startswith("ب") and len(tok) > 2:
            cu = self.count_unit(k, False, first=tok[1:])
            skip = 1
        if cu is None:
            return None
        j, unit, count = cu
        if (
            approx is None
            and self.lex(self.w.units, k, first=tok[1:] if skip else None)
            and (self.t.num(i - 1) is not None or (i > 0 and self.cardinal(i - 1) is not None))
        ):
            return None  # the unit of a count that is no duration ("(45 عاماً)" is an age)
        if unit in ("years", "months") and self.is_age(i):
            return None
        return _Sem(
            "duration",
            i,
            j,
            skip=skip,
            duration={unit: count},
            precision=_UNIT_PRECISION[unit],
            approximate=approx is not None,
        )

    def is_age(self, i: int) -> bool:
        """A count at token i stands in parentheses or after an age word ("البالغ من العمر")."""
        if self.t.is_(i - 1, "("):
            return True
        return any(f in self.w.age_cues for k in (i - 1, i - 2) if k >= 0 for f, _ in self.t.forms(k))

    def anchored_offset(self, i: int) -> _Sem | None:
        """ "بعد ذلك بيومين", "بعدها بـ12 ساعة", "قبلها بساعة"."""
        off = self.lex(self.w.anchored_offsets, i, proclitics=True)
        if off is None:
            return None
        k = off[0]
        if k >= self.t.n:
            return None
        tok = self.toks[k]
        if tok == "ب" and self.t.touching(k + 1):
            cu = self.count_unit(k + 1, True)
        elif tok.startswith("ب") and len(tok) > 2:
            cu = self.count_unit(k, True, first=tok[1:])
        else:
            cu = None
        if cu is None:
            return None
        j, unit, count = cu
        return _Sem(
            "duration",
            i,
            j,
            skip=off[2],
            rel={"anchor": "previous", "direction": off[1], unit: count},
            duration={unit: count},
            precision=_UNIT_PRECISION[unit],
        )

    # -- parts of the day as nouns --------------------------------------------------------------

    def part_of_day_noun(self, i: int) -> _Sem | None:
        """ "وفي المساء", "حتى الصباح": a part of the day right after a time preposition."""
        hit = self.lex(self.w.pod_nouns, i, proclitics=True)
        if hit is None or hit[2] or i == 0:
            return None
        if not any(f in self.w.pod_prepositions for f, _ in self.t.forms(i - 1)):
            return None
        return _Sem("time-of-day", i, hit[0], part=hit[1], precision=None)


# --------------------------------------------------------------------------------------------------
# Resolution against the publication date


def parse_published(published: str | dt.date | None) -> dt.date | None:
    """The publication date (or datetime, naive) from an ISO string; None when absent or unreadable."""
    if published is None or isinstance(published, dt.date):
        if isinstance(published, dt.datetime) and published.tzinfo is not None:
            return published.replace(tzinfo=None)
        return published
    text = str(published).strip()
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    value = value.replace(tzinfo=None)
    if len(text) <= 10:
        return value.date()
    return value


def _day_of(published: dt.date) -> dt.date:
    return published.date() if isinstance(published, dt.datetime) else published


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _with_hour(day: dt.date, hour: int | None, minute: int | None) -> tuple[str, str]:
    if hour is None:
        return day.isoformat(), "day"
    return f"{day.isoformat()}T{hour:02d}:{minute or 0:02d}", "hour"


def _gregorian_year_for(month: int, day: int | None, pub: dt.date, window: int) -> int | None:
    """The latest year that puts (month, day) no more than ``window`` days after publication."""
    limit = pub + dt.timedelta(days=window)
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            candidate = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if candidate <= limit:
            return year
    return None


def _hijri_to_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _hijri_year_for(month: int, day: int | None, pub: dt.date, window: int) -> int | None:
    try:
        h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    limit = pub + dt.timedelta(days=window)
    for year in (h.year + 1, h.year, h.year - 1):
        candidate = _hijri_to_date(year, month, day or 1)
        if candidate is not None and candidate <= limit:
            return year
    return None


_Resolved = tuple[
    str | None, str | None, dict[str, Any] | None, str | None
]  # value, precision, relative, hijri


def _resolve(
    sem: _Sem, published: dt.date | None, w: TimeWords
) -> tuple[str | None, str | None, dict[str, Any] | None, str | None, dict[str, Any]]:
    """(value, precision, relative, hijri, parts) of a parsed expression."""
    parts: dict[str, Any] = {}
    for key, val in (
        ("year", sem.year),
        ("year_end", sem.year_end),
        ("month", sem.month),
        ("day", sem.day),
        ("weekday", sem.weekday),
        ("weekday_end", sem.weekday_end),
        ("hour", sem.hour),
        ("minute", sem.minute),
        ("part_of_day", sem.part),
        ("period_part", sem.period),
    ):
        if val is not None:
            parts[key] = val
    if sem.hour is not None and "minute" not in parts:
        parts["minute"] = 0
    if sem.approximate:
        parts["approximate"] = True
    pub = _day_of(published) if published is not None else None
    resolved: _Resolved
    if sem.hijri:
        for key in ("year", "month", "day"):
            parts.pop(key, None)
        for key, val in (("hijri_year", sem.year), ("hijri_month", sem.month), ("hijri_day", sem.day)):
            if val is not None:
                parts[key] = val
        resolved = _resolve_hijri(sem, pub, w)
    elif sem.kind in ("date", "month"):
        resolved = _resolve_gregorian(sem, pub, w, parts)
    elif sem.kind == "year":
        resolved = _resolve_year(sem)
    elif sem.kind == "weekday":
        resolved = _resolve_weekday(sem, pub)
    else:
        resolved = _resolve_relative(sem, published)
    value, precision, relative, hijri = resolved
    return value, precision, relative, hijri, parts


def _resolve_gregorian(sem: _Sem, pub: dt.date | None, w: TimeWords, parts: dict[str, Any]) -> _Resolved:
    """A Gregorian date or month; the year comes from the text, a relative year or month, or the
    publication date (latest year not more than the window after publication)."""
    year, month = sem.year, sem.month
    if pub is not None and year is None:
        if sem.month_offset is not None:
            year, month = _shift_month(pub.year, pub.month, sem.month_offset)
            parts["month"] = month
        elif month is not None:
            year = _year_near(month, sem, pub, w)
    if year is None or month is None:
        return None, sem.precision, None, None
    if sem.day is None:
        return f"{year:04d}-{month:02d}", "month", None, None
    try:
        value, precision = _with_hour(dt.date(year, month, sem.day), sem.hour, sem.minute)
    except ValueError:  # "31 نيسان"
        return None, "day", None, None
    return value, precision, None, None


def _year_near(month: int, sem: _Sem, pub: dt.date, w: TimeWords) -> int | None:
    """The year of a month named without one: from a relative year or month modifier, else the
    latest year that puts it no more than the window after publication."""
    if sem.year_offset is not None:
        return pub.year + sem.year_offset
    if sem.month_mod == "past":
        return pub.year - 1 if month >= pub.month else pub.year
    if sem.month_mod == "next":
        return pub.year + 1 if month <= pub.month else pub.year
    if sem.month_mod == "current":
        return pub.year
    return _gregorian_year_for(month, sem.day, pub, w.future_window)


def _resolve_year(sem: _Sem) -> _Resolved:
    if sem.uncertain or sem.year is None:  # "عام 1438" without an era: which calendar?
        return None, "year", None, None
    if sem.year_end is not None:  # "عامي 2019 و2020": an interval only when the years are consecutive
        value = f"{sem.year:04d}/{sem.year_end:04d}" if sem.year_end == sem.year + 1 else None
        return value, "year", None, None
    return f"{sem.year:04d}", "year", None, None


def _resolve_hijri(sem: _Sem, pub: dt.date | None, w: TimeWords) -> _Resolved:
    """Hijri dates convert to Gregorian (hijridate, Umm al-Qura) when day, month and year are known."""
    hy, hm, hd = sem.year, sem.month, sem.day
    precision = "day" if hd is not None else "month" if hm is not None else "year"
    if hy is None and pub is not None and hm is not None:
        if sem.year_offset is not None or sem.month_mod is not None:
            try:
                today = Gregorian(pub.year, pub.month, pub.day).to_hijri()
            except (ValueError, OverflowError):
                today = None
            if today is not None:
                hy = today.year + (sem.year_offset or 0)
                if sem.month_mod == "past" and hm >= today.month:
                    hy -= 1
                elif sem.month_mod == "next" and hm <= today.month:
                    hy += 1
        else:
            hy = _hijri_year_for(hm, hd, pub, w.future_window)
    if hy is None:
        return None, precision, None, None
    if hm is None:
        return None, precision, None, f"{hy:04d}"
    if hd is None:
        return None, precision, None, f"{hy:04d}-{hm:02d}"
    day = _hijri_to_date(hy, hm, hd)
    if day is None:  # "30 شعبان" in a 29-day month, or a year hijridate does not cover
        return None, precision, None, None
    value, precision = _with_hour(day, sem.hour, sem.minute)
    return value, precision, None, f"{hy:04d}-{hm:02d}-{hd:02d}"


def _resolve_weekday(sem: _Sem, pub: dt.date | None) -> _Resolved:
    """ "يوم الجمعة": the latest such day on or before publication; "الجمعة الماضية": the latest before it;
    "المقبلة": the next one after it; "التالية"/"السابقة": relative to the previous time in the narrative
    (no value)."""
    mod = sem.weekday_mod or ""
    direction = {"next": "after", "prev_after": "after"}.get(mod, "before")
    anchor = "previous" if mod.startswith("prev_") else "publication"
    rel: dict[str, Any] = {"anchor": anchor, "direction": direction, "weekday": sem.weekday}
    if sem.part:
        rel["part_of_day"] = sem.part
    if sem.hour is not None:
        rel["hour"] = sem.hour
    precision = "hour" if sem.hour is not None else "day"
    if pub is None or anchor == "previous" or sem.weekday is None:
        return None, precision, rel, None
    if direction == "after":
        day = pub + dt.timedelta(days=(sem.weekday - pub.isoweekday() - 1) % 7 + 1)
    elif mod == "past":
        # "الإثنين الماضي" in a report of a Monday is the Monday before
        day = pub - dt.timedelta(days=(pub.isoweekday() - sem.weekday - 1) % 7 + 1)
    else:
        day = pub - dt.timedelta(days=(pub.isoweekday() - sem.weekday) % 7)
    if sem.weekday_end is not None:  # "ليل الثلاثاء - الأربعاء"
        return f"{day.isoformat()}/{(day + dt.timedelta(days=1)).isoformat()}", "day", rel, None
    value, precision = _with_hour(day, sem.hour, sem.minute)
    return value, precision, rel, None


def _resolve_relative(sem: _Sem, published: dt.date | None) -> _Resolved:
    """Relative expressions, clock times and durations."""
    rel = dict(sem.rel) if sem.rel is not None else None
    if rel is None and sem.kind == "time-of-day":
        rel = {"anchor": "previous", "direction": "same"}
    if rel is None:
        return None, sem.precision, None, None  # a bare duration
    if sem.part:
        rel["part_of_day"] = sem.part
    elif rel.get("part_of_day") is None:
        rel.pop("part_of_day", None)
    if sem.hour is not None:
        rel["hour"] = sem.hour
    if sem.minute:
        rel["minute"] = sem.minute
    if sem.weekday is not None:
        rel["weekday"] = sem.weekday
    units = [u for u in _UNITS if u in rel]
    precision = sem.precision
    if sem.hour is not None:
        precision = "hour"
    elif precision is None and units:
        precision = _UNIT_PRECISION[units[-1]]
    value = _relative_value(rel, units, published, sem)
    if value is not None and "T" in value:
        precision = "hour"
    return value, precision, rel, None


def _relative_value(
    rel: dict[str, Any], units: list[str], published: dt.date | None, sem: _Sem
) -> str | None:
    """Value of a publication-anchored offset; None for narrative anchors and unknown counts."""
    if published is None or rel.get("anchor") != "publication" or len(units) != 1:
        return None
    unit = units[0]
    count = rel[unit]
    if count is None:
        return None
    direction = rel.get("direction")
    sign = {"before": -1, "after": 1, "same": 0}.get(direction or "")
    if sign is None:
        return None  # "within" a period: no single value
    pub = _day_of(published)
    if unit == "days":
        day = pub + dt.timedelta(days=sign * count)
        return _with_hour(day, sem.hour, sem.minute)[0]
    if unit == "weeks":
        return _iso_week(pub + dt.timedelta(weeks=sign * count))
    if unit == "months":
        y, m = _shift_month(pub.year, pub.month, sign * count)
        return f"{y:04d}-{m:02d}"
    if unit == "years":
        return f"{pub.year + sign * count:04d}"
    if isinstance(published, dt.datetime) and unit in ("hours", "minutes"):
        moment = published + dt.timedelta(**{unit: sign * count})
        return moment.strftime("%Y-%m-%dT%H:%M")
    return None


# --------------------------------------------------------------------------------------------------
# Scanning


def _windows(view: NormalizedText, words: TimeWords) -> Iterator[tuple[int, int]]:
    """Scan windows around anchor hits, merged when they overlap, then snapped to whitespace."""
    text = view.text
    n = len(text)
    lo = hi = -1
    last = 0
    for start, end in _anchor_hits(view, words):
        s = start - _LEFT_MARGIN
        if s <= hi:
            hi = end + _RIGHT_MARGIN
            continue
        if hi > lo:
            lo, hi = _snap(text, lo, min(hi, n), last)
            last = hi
            yield lo, hi
        lo, hi = max(0, s), end + _RIGHT_MARGIN
    if hi > lo:
        yield _snap(text, lo, min(hi, n), last)


def _snap(view: str, lo: int, hi: int, floor: int) -> tuple[int, int]:
    """Widen [lo, hi) to whole words (at most _MAX_SNAP characters each way), never below ``floor``."""
    lo = max(lo, floor)
    floor = max(floor, lo - _MAX_SNAP)
    while lo > floor and not view[lo - 1].isspace():
        lo -= 1
    ceiling = min(len(view), hi + _MAX_SNAP)
    while hi < ceiling and not view[hi].isspace():
        hi += 1
    return lo, hi


def find_times(
    view: NormalizedText, published: dt.date | str | None = None, words: TimeWords | None = None
) -> list[TimeMatch]:
    """Every time expression in ``view``, in text order, with original offsets, resolved against
    ``published`` (a date, a datetime when the publication time is known, or an ISO string)."""
    w = words or load_time_words()
    pub = parse_published(published)
    text = view.text
    out: list[TimeMatch] = []
    parser = _Parser(w)
    for lo, hi in _windows(view, w):
        tokens = _Tokens(text, lo, hi, w)
        parser.reset(tokens)
        i = 0
        masks = tokens.masks
        while i < tokens.n:
            mask = masks[i]
            if not mask:
                i += 1
                continue
            sem = parser.parse_at(i, mask)
            if sem is None:
                i += 1
                continue
            found = _finish(sem, tokens, view, pub, w)
            i = sem.j
            if sem.kind == "date" and _named_after_a_date(text, view.to_view(found.start)):
                continue  # "مستشفى 22 مايو", "ساحة 17 فبراير": a name, no time
            out.append(found)
            while sem.kind in ("month", "date", "year"):
                nxt = parser.coordinated(i, sem)
                if nxt is None:
                    break
                out.append(_finish(nxt, tokens, view, pub, w))
                i, sem = nxt.j, nxt
    return resolve_narrative(out)


# Places named after a date: "مستشفى 22 مايو" (Aden), "ساحة 17 فبراير", "جسر 14 تموز" (folded).
_NAMED_AFTER_A_DATE: Final = frozenset(
    {"مستشفي", "مدرسه", "جامعه", "شارع", "جسر", "ساحه", "ملعب", "مخيم", "معسكر", "مجمع", "ميدان"}
)


def _named_after_a_date(text: str, start: int) -> bool:
    """Does the folded word right before ``start`` name a place after the date that follows it?"""
    before = text[max(0, start - 16) : start].split()
    word = before[-1].removeprefix("و").removeprefix("ب").removeprefix("ل") if before else ""
    return word in _NAMED_AFTER_A_DATE


_NARRATIVE_KEYS: Final = frozenset({"anchor", "direction", "days", "part_of_day"})


def resolve_narrative(matches: list[TimeMatch]) -> list[TimeMatch]:
    """Give a day relative to the narrative ("اليوم التالي", "في اليوم ذاته", "مساء اليوم نفسه") the date it
    denotes when the nearest earlier time with a value is a calendar day: that day shifted by the offset.
    Without such an anchor (none before it, or a month, week or interval) the value stays null."""
    out: list[TimeMatch] = []
    anchor: str | None = None
    for m in matches:
        rel = m.relative
        if (
            m.value is None
            and rel is not None
            and rel.get("anchor") == "previous"
            and m.precision == "day"
            and set(rel) <= _NARRATIVE_KEYS
            and isinstance(rel.get("days"), int)
            and rel.get("direction") in ("before", "same", "after")
            and anchor is not None
        ):
            sign = {"before": -1, "same": 0, "after": 1}[rel["direction"]]
            day = dt.date.fromisoformat(anchor) + dt.timedelta(days=sign * rel["days"])
            m = replace(m, value=day.isoformat())
        if m.value is not None:
            day_value = len(m.value) == 10 or (len(m.value) > 10 and m.value[10] == "T")
            anchor = m.value[:10] if day_value and m.value[4:5] == "-" else None
        out.append(m)
    return out


def _finish(sem: _Sem, tokens: _Tokens, view: NormalizedText, pub: dt.date | None, w: TimeWords) -> TimeMatch:
    vs = tokens.start[sem.i] + sem.skip
    ve = tokens.end[sem.j - 1]
    start, end = view.span(vs, ve)
    original = view.original
    while end < len(original) and original[end] == _TATWEEL:  # "هـ": the word goes on to its tatweel
        end += 1
    value, precision, relative, hijri, parts = _resolve(sem, pub, w)
    return TimeMatch(
        start=start,
        end=end,
        text=view.original[start:end],
        kind=sem.kind,
        value=value,
        precision=precision,
        relative=relative,
        hijri=hijri,
        parts=parts,
        duration=dict(sem.duration) if sem.duration is not None else None,
    )


# --------------------------------------------------------------------------------------------------
# Pipeline component


class TimeTagger:
    """Adds TIME mentions (component "times") with kind/value/precision/relative/hijri/parts attrs."""

    name: ClassVar[str] = "times"
    requires: ClassVar[tuple[str, ...]] = ("view",)
    provides: ClassVar[tuple[str, ...]] = ("mentions.TIME",)

    def __init__(self, words: TimeWords | None = None) -> None:
        self.words = words or load_time_words()

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        published = parse_published(doc.published)
        for match in find_times(analysis.view, published, self.words):
            doc.add_mention(
                doc.span(match.start, match.end, Label.TIME, component=self.name, attrs=match.attrs())
            )
