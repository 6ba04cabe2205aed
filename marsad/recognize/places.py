"""Place recognition (gazetteer names and cue-introduced unknown places) and place resolution.

Resolution weighs the document's country prior (from actors and unambiguous places), admin-1 context
("ريف حماة"), proximity to places already resolved, and population. A place that cannot be resolved
stays a PLACE mention with the admin context found around it; coordinates are never invented.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from itertools import islice
from typing import Any, ClassVar, Final

import yaml

from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.model import Place
from marsad.model import Document, Entity, EntityKind, Label, Mention
from marsad.pipeline import Analysis
from marsad.recognize.candidates import Candidate
from marsad.recognize.context import strip_proclitics
from marsad.recognize.lexicon import LexMatch
from marsad.resources import Resources
from marsad.text.common_words import common_words
from marsad.text.normalize import NormalizedText, normalize_for_match
from marsad.text.positions import SpanSet, count_below
from marsad.text.words import WORD, WordIndex, line_starts, matches_at, with_prefixes

# Settlement cues that introduce a place even when the gazetteer does not know the name.
_STRONG_SETTLEMENT: Final = frozenset(
    {
        "village",
        "town",
        "city",
        "camp",
        "neighbourhood",
        "hill",
        "mountain",
        "outskirts",
        "front",
        "district",
        "base",
        "airport",
        "subdistrict",
        "farms",
        "checkpoint",
        "crossing",
        "dam",
        "prison",
    }
)
# Weaker settlement cues ("منطقة الكسارة", "سوق الشنيني", "بحيرة حمرين"): they introduce an unknown
# name only when it is no frequent Arabic word ("منطقة آمنة", "سوق الخضار" stay no places).
_WEAK_SETTLEMENT: Final = frozenset({"area", "market", "lake"})
_BIG_CITY: Final = 100_000
_CITY_FACILITIES: Final = frozenset({"airport", "port", "base", "crossing"})
_WORD: Final = re.compile(r"\w+")
_TANWEEN: Final = frozenset("\u064b\u064c\u064d")
# The word before a list item ("كفرزيتا" in "كفرزيتا واللطامنة").
_LIST_PREV: Final = re.compile(r"(\w+)[\s,]*$")
# A preposition or a construct noun / verb of taking and losing, then (after a space) the object.
_CONSTRUCT_MOTION: Final = ("سقوط", "سقطت", "سقط", "خساره", "استعاده", "اقتحام", "حصار", "تحرير")
# A bulleted line that starts with one or two names and a colon: "▪️ معرشمشة وكفرروما: براميل".
_BULLET_ITEM: Final = re.compile(
    r"(?m)^[\W_]*[▪•●◾◽▫■□\-*][\W_]*[ ]*((?:\w+)(?: \w+)?(?: و\w+(?: \w+)?)?) ?:"
)
# "في الكثيب شمال الحديدة": a preposition, a one-word name, a direction (two for "جنوب شرقي"), a known place.
_DIRECTION_BEFORE: Final = re.compile(
    r"(?:(?<!\w)(?:في|من|قرب|عند|علي) |(?<!\w)[بع])(?P<name>(?!ال(?:مدينه|بلده|قريه|منطقه)(?!\w))\w{3,}) "
    r"(?P<direction>(?:شمال|جنوب|شرق|غرب)ي?(?: (?:شرق|غرب)ي?)?) $"
)


# Nouns "حي" (live) qualifies: "رصاص حي", "الذخيرة الحية" is no neighbourhood.
_LIVE_FIRE: Final = frozenset({"رصاص", "ذخيره", "رماي", "نار"})
_NAMING_CUES: Final = ("admin", "settlement")  # cue kinds that name a place: "مدينة إب", "محافظة إب"


# "المدينة" after a space: the town named before, referred back to
_TOWN_WORDS: Final = frozenset({"المدينه", "البلده", "العاصمه", "القريه", "الناحيه", "المديريه"})
# The word a _DIRECTION_BEFORE match ends with, before its final space.
_DIRECTION_WORDS: Final = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})


_LIST_AND: Final = re.compile(r"\s*(?:,\s*)?و(?=\w{2})")  # "وأم الكيف": a two-letter head too
_LIST_NEXT: Final = re.compile(r"\s*(?:,\s*و?|و)(?=\w{3})")


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """Folded cue words from place_cues.yaml."""

    admin: dict[str, str]
    settlement: dict[str, str]
    direction: dict[str, str]
    preposition: frozenset[str]
    region_part: dict[str, str]
    feature_heads: frozenset[str]
    compound_heads: frozenset[str]
    plural: frozenset[str]
    not_names: frozenset[str]
    toward: frozenset[str]
    motion: tuple[str, ...]

    def is_cue_word(self, key: str) -> bool:
        """Cue words are never place names themselves (مدينة، المدينة، غرب، معبر); feature heads with
        the article are (التل is a town)."""
        if key in self.admin or key in self.settlement or key in self.direction or key in self.preposition:
            return True
        bare = key[2:] if key.startswith("ال") else key
        return (
            bare != key
            and bare not in self.feature_heads
            and (bare in self.admin or bare in self.settlement or bare in self.direction)
        )


@cache
def load_place_cues() -> PlaceCues:
    """Read the packaged place cue lexicon."""
    raw = yaml.load(
        importlib_resources.files("marsad.kb").joinpath("data/place_cues.yaml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )

    def fold(d: dict[str, str]) -> dict[str, str]:
        return {normalize_for_match(k): v for k, v in d.items()}

    return PlaceCues(
        admin=fold(raw["admin"]),
        settlement=fold(raw["settlement"]),
        direction=fold(raw["direction"]),
        preposition=frozenset(normalize_for_match(w) for w in raw["preposition"]),
        region_part=fold(raw["region_part"]),
        feature_heads=frozenset(normalize_for_match(w) for w in raw["feature_heads"]),
        compound_heads=frozenset(normalize_for_match(w) for w in raw["compound_heads"]),
        plural=frozenset(normalize_for_match(w) for w in raw["plural"]),
        not_names=frozenset(normalize_for_match(w) for w in raw["not_names"]),
        toward=frozenset(normalize_for_match(w) for w in raw["toward"]),
        motion=tuple(normalize_for_match(w) for w in raw["motion"]),
    )


def classify_cue(before: list[str], cues: PlaceCues) -> tuple[str | None, str | None]:
    """(cue kind, cue value) from the words just before a name, nearest last."""
    if not before:
        return None, None
    if len(before) >= 2:
        two = " ".join(before[-2:])
        if two in cues.direction:
            return "direction", cues.direction[two]
    word = before[-1]
    for form in (word, strip_proclitics(word)):
        if form in cues.admin:
            return "admin", cues.admin[form]
        if form in cues.settlement:
            return "settlement", cues.settlement[form]
        if form in cues.direction:
            return "direction", cues.direction[form]
        if form in cues.preposition:
            return "prep", form
    return None, None


class PlaceRecognizer:
    """Proposes PLACE candidates and estimates the document's country prior."""

    name: ClassVar[str] = "places"
    requires: ClassVar[tuple[str, ...]] = ("names", "candidates.actors")
    provides: ClassVar[tuple[str, ...]] = ("candidates.places", "country_prior")

    def __init__(self, resources: Resources) -> None:
        self.gaz: Gazetteer = resources.gazetteer
        self.actors = resources.kb.actors
        self.cues = load_place_cues()
        self.stop = frozenset(normalize_for_match(w) for w in resources.kb.cues.stop_words)
        self.particles = frozenset(normalize_for_match(w) for w in resources.kb.cues.name_particles)
        self.common = common_words()
        # only words that can introduce a place are visited: prepositions after movement, "باتجاه",
        # and construct nouns of loss ("سقوط", "خسارة"), with their proclitics
        motion = sorted({*self.cues.toward, "الي", "علي", "من", *_CONSTRUCT_MOTION}, key=len, reverse=True)
        self._motion_stem = re.compile("|".join(map(re.escape, self.cues.motion)))
        self._motion_re = re.compile(
            r"(?<!\w)((?:[وفبل]?(?:ال)?)(?:" + "|".join(map(re.escape, motion)) + r")) (?=\w)"
        )
        self._motion_forms = with_prefixes(motion, "وفبل", ("ال",))  # the words _motion_re starts at
        heads = {
            w for w, k in self.cues.settlement.items() if k in _STRONG_SETTLEMENT | _WEAK_SETTLEMENT
        } | set(self.cues.feature_heads)
        heads |= set(self.cues.plural) - set(self.cues.admin)
        alternation = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
        # An indefinite settlement or feature word (قرية، بلدتي، جبل), proclitics allowed, article not:
        # "القرية" refers back to a place already named and introduces none.
        self._cue_re = re.compile(r"(?<!\w)(?:[وف]?[بلك]?)(" + alternation + r")(?!\w)")
        self._cue_forms = with_prefixes(heads, "وف", "بلك")  # the words _cue_re matches

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        text = analysis.view.text
        prior: defaultdict[str, float] = defaultdict(float)  # country -> weight of evidence
        hint = doc.meta.get("country")
        if isinstance(hint, str) and len(hint) == 2:
            prior[hint.upper()] += 10
        for cand in analysis.facts["candidates.actors"]:
            if not cand.attrs.get("short") and cand.entity:
                countries = self.actors[cand.entity].countries
                if len(countries) == 1:
                    prior[countries[0]] += 2
        found = []
        words = analysis.view.words
        names: list[LexMatch] = analysis.facts["names"]  # typed: compiled code reads its fields directly
        for m in names:
            if self.cues.is_cue_word(m.key) or not any(e.kind == "place" for e in m.entries):
                continue
            if len(m.key) < 3 and (
                m.prefix or classify_cue(words.before(m.vstart, 2), self.cues)[0] not in _NAMING_CUES
            ):
                continue  # a two-letter name only after "مدينة"/"محافظة" ("مدينة إب")
            if doc.text[m.end - 1] in _TANWEEN:
                continue  # "المدعوم روسياً": an adverb, not the country
            canonical = next((e.ref for e in m.entries if e.kind == "place" and e.ref), m.key)
            places = self.gaz.candidates(canonical)
            if not places:
                continue
            top = max(p.population for p in places)
            if len(m.key) < 3 and top < 50_000 and not any(p.kind == "admin1" for p in places):
                continue
            strong_kind = any(p.kind in ("country", "admin1") for p in places)
            common = self.gaz.is_common_word(m.key)
            # A frequent word votes only when the place is certain whatever the context (a country, a
            # capital, a city of a million): "#عدن" alone makes a Yemeni document.
            certain_common = common and (
                any(p.kind == "country" or p.feature == "P.PPLC" for p in places) or top >= 1_000_000
            )
            if (strong_kind or " " in m.key or top >= 50_000) and (not common or certain_common):
                # The most populous reading votes for its country; a big or unambiguous one counts more.
                leader = max(places, key=lambda p: (p.kind == "country", p.population))
                prior[leader.country] += 1.0 if strong_kind or leader.population >= 500_000 else 0.5
            found.append((m, canonical, places, top, strong_kind, common))
        local = top_countries(prior)
        items = matches_at(_BULLET_ITEM, text, line_starts(text))
        bullets = self._bullet_starts(items)
        proposals: list[Candidate] = []
        previous: Candidate | None = None
        for m, canonical, places, top, strong_kind, common in found:
            if canonical.startswith("ريف "):  # "ريف دمشق": the cue word stays outside the name
                m = LexMatch(
                    m.vstart + 4, m.vend, *analysis.view.span(m.vstart + 4, m.vend), m.key[4:], m.entries, ""
                )
                canonical = canonical[4:]
            cue, cue_value = classify_cue(analysis.view.words.before(m.vstart, 2), self.cues)
            if m.key in self.stop and not strong_kind and cue not in ("admin", "settlement", "direction"):
                continue  # "مدينة مصراتة، وقالت حكومة الوفاق": a verb of speech, whatever town it spells
            if (
                previous is not None
                and m.prefix.startswith("و")
                and previous.attrs["cue"] in ("admin", "settlement")
            ) and not text[previous.vend : m.vstart - len(m.prefix)].strip(" ,"):
                cue, cue_value = previous.attrs["cue"], previous.attrs["cue_value"]  # "ريفي إدلب وحلب"
            if cue is None and m.prefix[-1:] in ("ب", "ل"):
                cue, cue_value = "prep", m.prefix
            if cue is None and m.vstart in bullets:
                cue, cue_value = "list", "bullet"  # "▪️ اريحا: غارتين": the heading of a tally line
            if common:
                # A frequent word is a place only when the place is certain: a country, a capital-sized
                # city, a sizeable town of the document's country, or a word after a place cue.
                certain = (
                    strong_kind
                    or top >= 1_000_000
                    or any(
                        p.feature == "P.PPLC" or (p.country in local and p.population >= 50_000)
                        for p in places
                    )
                )
                if not certain and cue not in ("admin", "settlement", "direction") and cue_value != "bullet":
                    continue
            # the key as a definite word: "الوادي", or "لوادي" read from "للوادي"
            definite = m.key if m.key.startswith("ال") else "ا" + m.key if m.key.startswith("ل") else ""
            if (
                definite in self.common
                and top < 1_000_000
                and not strong_kind
                and cue not in ("admin", "settlement")
                and not any(p.country in local or p.feature == "P.PPLC" for p in places)
            ):
                continue  # "في الوادي" (the valley) in a Syrian report is not El Oued, "للوادي" not Loudi
            if not (cue or " " in m.key or strong_kind or top >= 50_000 or len(m.key) >= 6):
                continue
            if (
                cue in (None, "prep")
                and len(m.key) <= 4
                and not strong_kind  # "في أبين": a governorate has no population of its own in GeoNames
                and (top < 1000 or (m.prefix and top < 50_000))
            ):
                continue  # short names of hamlets: too often an ordinary word with a proclitic ("فرقه")
            if m.key in self.cues.not_names:
                continue
            previous = Candidate(
                m.start,
                m.end,
                m.vstart,
                m.vend,
                Label.PLACE,
                "gazetteer",
                key=canonical,
                confidence=0.9 if cue else 0.75,
                attrs={"cue": cue, "cue_value": cue_value, "common": common},
            )
            proposals.append(previous)
        proposals.extend(self._cue_places(analysis))
        proposals.extend(self._motion_places(analysis))
        proposals.extend(self._bulleted_places(analysis, items))
        proposals.extend(self._list_neighbours(analysis, proposals))
        proposals.extend(self._located_by_direction(analysis, proposals))
        analysis.facts["candidates.places"] = proposals
        analysis.facts["country_prior"] = prior

    def _cue_places(self, analysis: Analysis) -> list[Candidate]:
        """Names right after an indefinite settlement or feature word, known to the gazetteer or not:
        "قرية الحويز" → "الحويز"; "جبل الزاوية" and "تل ملح" keep their head; after a plural cue
        ("بلدتي أبو حمام والكشكية") every conjoined name is a place."""
        text = analysis.view.text
        out: list[Candidate] = []
        # "حاجز لقسد": a cue word followed by ل and an actor's name is that actor's post, not a place
        actor_starts = {c.vstart for c in analysis.facts.get("candidates.actors", ())}
        words = analysis.view.words
        for m in words.matches_at(self._cue_re, words.starts_of(self._cue_forms)):
            head = m.group(1)
            if head == "حي" and any(
                w.lstrip("وب").removeprefix("ال") in _LIVE_FIRE for w in words.before(m.start(1), 1)
            ):
                continue  # "تطلق رصاص حي لتفريق المتظاهرين": live fire, no neighbourhood
            kind = self.cues.settlement.get(head) or (
                "feature" if head in self.cues.feature_heads else "list"
            )
            pos = m.end()
            names = 0
            while names < (5 if head in self.cues.plural else 1):
                span = self._name_after(
                    text, pos, include_from=m.start(1) if head in self.cues.feature_heads else None
                )
                if span is None or (kind in _WEAK_SETTLEMENT and not self._proper_name(span, text)):
                    break
                vs, ve = span
                if text[vs] == "ل" and vs + 1 in actor_starts:
                    break
                if analysis.view.original[analysis.view.to_original(ve) - 1] in _TANWEEN:
                    break  # "من ثلاثة محاور انطلاقاً من مسلاتة": an adverb, no name
                out.append(_cue_place(analysis.view, vs, ve, "settlement", kind, 0.6))
                names += 1
                follow = _LIST_NEXT.match(text, ve)
                if follow is None or not self._ends_list(text, ve):
                    break
                pos = follow.end()
                joined = text[follow.end() - 1 : follow.end()] == "و"
                if not (joined and head in self.cues.plural) and not self._proper(pos, text):
                    break  # a comma list, or a single cue, needs a proper name
        return out

    @staticmethod
    def _bullet_starts(items: list[re.Match[str]]) -> set[int]:
        """View offsets where the names of a bulleted tally line begin."""
        out: set[int] = set()
        for m in items:
            for name in re.finditer(r"(?:^| و)(\w+)", m.group(1)):
                out.add(m.start(1) + name.start(1))
        return out

    def _bulleted_places(self, analysis: Analysis, items: list[re.Match[str]]) -> list[Candidate]:
        """Telegram tallies list places as bullets: "▪️ تلمنس: قصف مدفعي", "- معرشمشة وكفرروما: غارات"."""
        text = analysis.view.text
        out: list[Candidate] = []
        for m in items:
            for name in re.finditer(r"(?:^| و)(\w+(?: (?!و)\w+)?)", m.group(1)):
                vs, ve = m.start(1) + name.start(1), m.start(1) + name.end(1)
                if self._name_word(text[vs:ve].split()[0]) and self._proper(vs, text):
                    out.append(_cue_place(analysis.view, vs, ve, "list", "bullet", 0.55))
        return out

    def _motion_places(self, analysis: Analysis) -> list[Candidate]:
        """Names after "باتجاه/نحو", after على/إلى/من following a verb or noun of movement or control,
        and right after "سقوط/خسارة/سقطت": "وصل الجيش إلى معردس", "بعد خسارة صوران"."""
        text = analysis.view.text
        out: list[Candidate] = []
        words = analysis.view.words
        for m in words.matches_at(self._motion_re, words.starts_of(self._motion_forms)):
            word = m.group(1)
            bare = strip_proclitics(word)
            if word in self.cues.toward or bare in self.cues.toward:
                pass
            elif word in ("الي", "علي", "من"):
                if not self._motion_stem.search(" ".join(words.before(m.start(1), 5))):
                    continue
            elif not (bare in _CONSTRUCT_MOTION or bare[2:] in _CONSTRUCT_MOTION):
                continue
            span = self._name_after(text, m.end(1), None)
            if span is None or not self._proper(span[0], text):
                continue
            vs, ve = span
            out.append(_cue_place(analysis.view, vs, ve, "motion", word, 0.6))
        return out

    def _list_neighbours(self, analysis: Analysis, places: list[Candidate]) -> list[Candidate]:
        """Unknown names joined by و to a place are places too, when the list is bounded by a
        preposition or punctuation: "غارة على كفرزيتا واللطامنة ومورك خلال 24 ساعة"."""
        text = analysis.view.text
        known = sorted((p.vstart, p.vend) for p in places)
        starts = {s for s, _ in known}
        out: list[Candidate] = []

        def add(vs: int, ve: int) -> None:
            out.append(_cue_place(analysis.view, vs, ve, "list", "list", 0.55))
            starts.add(vs)

        for vs, ve in known:
            pos = ve  # forward: "سراقب وسرمدا"
            for _ in range(6):
                follow = _LIST_AND.match(text, pos)
                span = self._name_after(text, follow.end(), None) if follow else None
                if (
                    span is None
                    or span[0] in starts
                    or not self._ends_list(text, span[1])
                    or not self._proper_name(span, text)  # "وأم الكيف": a compound head with a name
                    or text[span[1] : span[1] + 4] == " ان "  # "في دمشق، ونرجّح أن…": a verb and its clause
                ):
                    break
                add(*span)
                pos = span[1]
            cur = vs  # backward: "كفرزيتا واللطامنة" before a known "ومورك"
            joined = cur >= 1 and text[cur - 1] == "و" and (cur == 1 or not text[cur - 2].isalnum())
            for _ in range(6):
                if not joined:
                    break
                lo = max(0, cur - 41)
                back = _LIST_PREV.search(text, lo, cur - 1)
                if back is None:
                    break
                word, wstart = back.group(1), back.start(1)
                joined = word.startswith("و") and len(word) > 3
                name_start = wstart + 1 if joined else wstart
                if (
                    not self._name_word(word[1:] if joined else word)
                    or name_start in starts
                    or not self._proper(name_start, text)
                ):
                    break
                if not joined:
                    before = text[max(0, wstart - 30) : wstart].split()
                    if (
                        before
                        and before[-1] not in self.cues.preposition
                        and not self.cues.is_cue_word(before[-1])
                        and before[-1][-1:] not in ",.:;"
                    ):
                        break
                add(name_start, back.end(1))
                cur = name_start
        return out

    def _located_by_direction(self, analysis: Analysis, places: list[Candidate]) -> list[Candidate]:
        """An unknown name placed by a direction from a known place is a place: "في الكثيب شمال
        الحديدة", "بمنطقة … جنوب شرقي طرابلس" (after a preposition, one word)."""
        text = analysis.view.text
        taken = {p.vstart for p in places}
        out: list[Candidate] = []
        # "في الكثيب شمال المدينه": the town named before, referred back to, anchors the direction too
        words = analysis.view.words
        towns = [start for start in words.starts_of(_TOWN_WORDS) if text[start - 1 : start] == " "]
        anchors = [p.vstart for p in places] + towns
        for anchor in sorted(set(anchors)):
            if (
                text[anchor - 1 : anchor] != " "
                or text[text.rfind(" ", 0, anchor - 1) + 1 : anchor - 1] not in _DIRECTION_WORDS
            ):
                continue  # no direction word right before: the pattern cannot end here
            match = _DIRECTION_BEFORE.search(text, max(0, anchor - 60), anchor)
            if match is None or match.end() != anchor:
                continue
            vs, ve = match.span("name")
            if text[vs - 1] in "بع" and not text.startswith("ال", vs):
                continue  # "بلدة شمال…": a ب that belongs to the word
            if vs in taken or not self._proper(vs, text) or text[vs:ve] in self.cues.not_names:
                continue
            out.append(_cue_place(analysis.view, vs, ve, "direction-of", match.group("direction"), 0.55))
            taken.add(vs)
        return out

    def _ends_list(self, text: str, vend: int) -> bool:
        """A list item ends at punctuation, the end, another و-item, or a function or place word."""
        rest = text[vend : vend + 30]
        if not rest.strip() or rest.lstrip(" ")[:1] in ',.;:!?()\n"-':
            return True
        nxt = rest.split()[0]
        if not any(ch.isalpha() for ch in nxt):
            return True  # an emoji or a number closes the list
        bare = nxt[1:] if nxt[:1] == "و" else nxt
        return (nxt.startswith("و") and len(nxt) > 3) or any(
            w in self.stop or w in self.cues.preposition or self.cues.is_cue_word(w) for w in (nxt, bare)
        )

    def _proper_name(self, span: tuple[int, int], text: str) -> bool:
        """A name that is no frequent word, or a compound head with one ("منطقة عين زارة")."""
        words = text[span[0] : span[1]].split()
        if self._proper(span[0], text):
            return True
        return len(words) > 1 and words[0] in self.cues.compound_heads and words[1] not in self.common

    def _proper(self, vs: int, text: str) -> bool:
        """Weak cues (a list, a verb of movement) need a word that is not a frequent Arabic word."""
        match = _WORD.match(text, vs)
        if match is None or match.group() in self.common:
            return False
        word = match.group()  # "محيطها": a frequent noun with a pronoun suffix
        if _verb_like(word):
            return False
        return not any(
            word.endswith(suffix) and word[: -len(suffix)] in self.common for suffix in ("هما", "ها", "هم")
        )

    def _name_word(self, word: str) -> bool:
        """Could this word be (the start of) a place name?"""
        bare = word[1:] if word[0] in "وف" and len(word) >= 3 else word
        return not (
            word in self.stop
            or bare in self.stop
            or self.cues.is_cue_word(bare)
            or word[0].isdigit()
            or len(word) < 3
            or self.cues.is_cue_word(word)
            or word in self.cues.region_part
            or word in self.cues.not_names
            or (word[0] in "بل" and word[1:] in self.cues.not_names)  # "سقطت بمحيط القاعدة"
        )

    def _name_after(self, text: str, pos: int, include_from: int | None) -> tuple[int, int] | None:
        """View span of the one- or two-word name starting at ``pos`` (after spaces and quotes)."""
        tokens = list(islice(_WORD.finditer(text, pos, min(len(text), pos + 40)), 2))
        if not tokens or text[pos : tokens[0].start()].strip(" \"'"):
            return None
        first = tokens[0].group()
        if first not in self.cues.compound_heads and not self._name_word(first):
            return None
        end_tok = tokens[0]
        if (
            first in self.cues.compound_heads
            and len(tokens) == 2
            and not text[tokens[0].end() : tokens[1].start()].strip()
            and tokens[1].group() not in self.stop
        ):
            end_tok = tokens[1]
            if end_tok.group() in self.particles:  # "باب بن غشير"
                third = _WORD.match(text, end_tok.end() + 1)
                if third is None or text[end_tok.end() : end_tok.end() + 1] != " ":
                    return None
                end_tok = third
        return (tokens[0].start() if include_from is None else include_from), end_tok.end()


class PlaceResolver:
    """Links each PLACE mention to a gazetteer entry, or leaves it unresolved with admin context."""

    name: ClassVar[str] = "geo"
    requires: ClassVar[tuple[str, ...]] = ("mentions.PLACE", "country_prior")
    provides: ClassVar[tuple[str, ...]] = ("entities.PLACE",)

    def __init__(self, resources: Resources) -> None:
        self.gaz: Gazetteer = resources.gazetteer
        self.cues = load_place_cues()
        self._motion_stem = re.compile("|".join(map(re.escape, self.cues.motion)))

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        text = analysis.view.text
        prior: dict[str, float] = analysis.facts["country_prior"]
        mentions = [m for m in doc.mentions if m.label == Label.PLACE and m.component == "places"]
        top = top_countries(prior)
        anchors: list[tuple[float, float]] = []
        admin_context: list[tuple[int, str, str]] = []  # (view pos, country, admin1 code)
        resolved: dict[int, Place] = {}
        # Pass 1: admin-1 regions, countries and unambiguous names give anchors and admin context.
        for i, m in enumerate(mentions):
            key = m.attrs["key"]
            if m.attrs.get("cue") == "admin":
                region = None
                if m.attrs.get("cue_value") == "countryside":  # "ريف دمشق" is its own governorate
                    region = self._admin_region("ريف " + key, top)
                region = region or self._admin_region(key, top)
                if region is not None:
                    resolved[i] = region
                    admin_context.append((m.attrs["vstart"], region.country, region.admin1_code))
                continue
            places = self._lookup(key, m.attrs.get("cue"))
            if len(places) == 1 or (places and places[0].kind in ("country", "admin1")):
                p = places[0]
                if p.kind == "country" or not top or p.country in top:
                    resolved[i] = p
                    if p.lat is not None and p.lon is not None and p.kind not in ("country", "admin1"):
                        anchors.append((p.lat, p.lon))
                    if p.kind not in ("country",) and p.admin1_code:
                        admin_context.append((m.attrs["vstart"], p.country, p.admin1_code))
        # Pass 2: the rest, scored with context.
        admins = _AdminContext(admin_context)
        for i, m in enumerate(mentions):
            if i in resolved:
                continue
            places = self._lookup(m.attrs["key"], m.attrs.get("cue"))
            best = self._best(places, top, anchors, admins, m.attrs.get("cue"), m.attrs.get("cue_value"))
            if best is not None:
                resolved[i] = best
                if best.lat is not None and best.lon is not None:
                    anchors.append((best.lat, best.lon))
        drop: list[Mention] = []
        for i, m in enumerate(mentions):
            place = resolved.get(i)
            if (
                place is None
                and m.attrs.get("cue")
                not in (
                    "settlement",
                    "direction",
                    "direction-of",
                    "admin",
                    "motion",
                    "list",
                )
                and not self._listed_with_local(text, mentions, resolved, i)
            ):
                drop.append(m)  # a bare name that only matched far-away places: not a place here
                continue
            self._link(doc, m, place, analysis.view, top, admins)
        if drop:  # by identity: list.remove would compare mentions field by field
            dropped = {id(m) for m in drop}
            doc.mentions[:] = [m for m in doc.mentions if id(m) not in dropped]
        kept = [m for m in mentions if m.entity]
        short = self._short_forms(doc, analysis, kept)
        for m in mentions:
            for k in ("key", "vstart", "vend", "cue", "cue_value", "common"):
                m.attrs.pop(k, None)
        if short:
            doc.mentions.extend(short)
            doc.mentions.sort(key=lambda m: (m.start, m.end))

    def _short_forms(self, doc: Document, analysis: Analysis, places: list[Mention]) -> list[Mention]:
        """A later bare name that is the distinctive first word of a two-word place named earlier in
        the document refers back to that place ("طيبة الإمام" … "سقطت الطيبة", "غرب طيبة"), when it
        stands where a place stands: after a preposition, a direction, a place noun or a word of
        falling, entering or taking."""
        text = analysis.view.text
        firsts: dict[str, Mention] = {}
        for m in places:
            words = m.attrs["key"].split()
            if len(words) != 2 or m.attrs.get("cue") == "admin":
                continue
            head = words[0][2:] if words[0].startswith("ال") else words[0]
            if (
                len(head) < 3
                or head in self.cues.compound_heads
                or self.cues.is_cue_word(head)
                or head in self.cues.feature_heads
                or words[0] in self.cues.not_names
            ):
                continue
            firsts.setdefault(head, m)
        if not firsts:
            return []
        taken = SpanSet([(m.start, m.end) for m in doc.mentions])
        out: list[Mention] = []
        if all(WORD.fullmatch(head) for head in firsts):
            hits = _words_ending_in(analysis.view.words, firsts)
        else:  # a head with a hyphen or an apostrophe spans words: the pattern itself is run
            pattern = re.compile(
                r"(?<!\w)[وفبلك]?(?:ال)?("
                + "|".join(map(re.escape, sorted(firsts, key=len, reverse=True)))
                + r")(?!\w)"
            )
            hits = [(found.start(), found.end(1), found.start(1)) for found in pattern.finditer(text)]
        for word_start, word_end, head_start in hits:
            earlier = firsts[text[head_start:word_end]]
            vs = head_start - (2 if text[head_start - 2 : head_start] == "ال" else 0)
            vs = max(vs, word_start)
            start, end = analysis.view.span(vs, word_end)
            if start < earlier.end:
                continue
            if taken.overlaps(start, end):
                continue  # inside a longer name ("طيبة الإمام" itself)
            before = analysis.view.words.before(word_start, 1)
            word = strip_proclitics(before[-1]) if before else ""
            cue, value = classify_cue(analysis.view.words.before(word_start, 2), self.cues)
            if cue is None and not (before and (word in _CONSTRUCT_MOTION or self._motion_stem.match(word))):
                continue
            attrs: dict[str, Any] = {"short_form_of": earlier.start}
            if cue == "direction":
                attrs["relative"] = {"direction": value, "anchor": earlier.entity}  # "غرب طيبة"
            out.append(
                Mention(
                    start,
                    end,
                    doc.text[start:end],
                    Label.PLACE,
                    earlier.entity,
                    confidence=0.6,
                    component="places",
                    attrs=attrs,
                )
            )
        return out

    @staticmethod
    def _listed_with_local(text: str, mentions: list[Mention], resolved: dict[int, Any], i: int) -> bool:
        """A name joined by و to a place of the document's country is a local place of a list, also when
        the gazetteer only knows the name abroad: "تجمعات الميليشيات في الجلمة وكرناز"."""
        m = mentions[i]
        for j in (i - 1, i + 1):
            if not 0 <= j < len(mentions) or j not in resolved or resolved[j].kind in ("country", "admin1"):
                continue
            n = mentions[j]
            a, b = (n, m) if j < i else (m, n)
            if text[a.attrs.get("vend", a.attrs["vstart"]) : b.attrs["vstart"]].strip() == "و":
                return True
        return False

    def _admin_region(self, key: str, top_countries: set[str]) -> Place | None:
        """The first-level division named ``key`` ("ريف حماة" → Hama governorate), preferring the
        document's countries; None when no division has that name ("ريف السلمية" is a city's)."""
        regions = self.gaz.admin1_by_name(key)
        if top_countries:
            regions = [r for r in regions if r.country in top_countries] or regions
        return regions[0] if regions else None

    def _lookup(self, key: str, cue: str | None) -> tuple[Place, ...]:
        """Gazetteer places for a name; after a word of settlement ("حي الجزائر", "قرية اليمن") no country."""
        places = self.gaz.candidates(key)
        return tuple([p for p in places if p.kind != "country"]) if cue == "settlement" else places

    def _best(
        self,
        places: tuple[Place, ...],
        top_countries: set[str],
        anchors: list[tuple[float, float]],
        admin_context: _AdminContext,
        cue: str | None,
        cue_value: str | None = None,
    ) -> Place | None:
        best: Place | None = None
        best_score = -math.inf
        # "مطار أبها", "ميناء جيزان": a city's airport or port abroad is where strikes land, a village is not
        facility = cue == "settlement" and cue_value in _CITY_FACILITIES
        admins = admin_context.regions
        for p in places:
            in_prior = p.country in top_countries
            if (
                top_countries
                and not in_prior
                and p.kind != "country"
                and (p.feature != "P.PPLC" or cue == "settlement")  # capitals abroad act: "قالت واشنطن"
                and (
                    p.population < (_BIG_CITY if cue else 1_000_000) or (cue == "settlement" and not facility)
                )
            ):
                continue  # a village abroad is not what a local report means (no need to score it)
            score = math.log10(p.population + 10) * 0.4
            if in_prior:
                score += 3.0
            if (p.country, p.admin1_code) in admins:
                score += 2.0
            if anchors and p.lat is not None and p.lon is not None:
                d = min(_km(p.lat, p.lon, a, b) for a, b in anchors[-12:])  # the places named last
                score += 2.0 if d < 40 else 1.0 if d < 120 else 0.0
            if score > best_score:
                best, best_score = p, score
        return best

    def _link(
        self,
        doc: Document,
        m: Mention,
        place: Place | None,
        view: NormalizedText,
        top_countries: set[str],
        admin_context: _AdminContext,
    ) -> None:
        cue = m.attrs.get("cue")
        vstart, vend = m.attrs["vstart"], m.attrs.get("vend", m.attrs["vstart"])
        if cue == "direction":
            m.attrs["relative"] = {
                "direction": m.attrs.get("cue_value"),
                "anchor": place.id if place else None,
            }
        if cue == "admin" and place is not None:
            part = " ".join(view.words.after(vend, 2))
            for phrase, value in self.cues.region_part.items():
                if part.startswith(phrase):
                    m.attrs["region_part"] = value
        if place is None:
            country, admin1_code = admin_context.nearest(vstart)
            if country is None and top_countries:
                country = sorted(top_countries)[0]
            region = self.gaz.admin1(country, admin1_code) if country and admin1_code else None
            eid = "place:" + "-".join(m.attrs["key"].split())
            m.entity = eid
            doc.add_entity(
                Entity(
                    id=eid,
                    kind=EntityKind.PLACE,
                    name=transliterate_name(m.attrs["key"]),
                    name_ar=m.text,
                    attrs={
                        "lat": None,
                        "lon": None,
                        "geonameid": None,
                        "country": country,
                        "admin1": region.name_en if region else None,
                        "feature": None,
                        "resolved": False,
                        "geo_precision": 3,
                        "within": region.id if region else None,
                    },
                )
            )
            return
        m.entity = place.id
        precision = 3 if place.kind in ("country", "admin1") else 1
        attrs: dict[str, Any] = {
            "lat": place.lat,
            "lon": place.lon,
            "geonameid": place.geonameid,
            "country": place.country,
            "admin1": place.admin1 or None,
            "feature": place.feature,
            "place_kind": place.kind,
            "population": place.population,
            "geo_precision": precision,
            "resolved": True,
        }
        if place.id.startswith("custom:"):
            attrs["custom_id"] = place.id.split(":", 1)[1]
        doc.add_entity(
            Entity(
                id=place.id,
                kind=EntityKind.PLACE,
                name=place.name_en,
                name_ar=place.name_ar or m.text,
                attrs=attrs,
            )
        )


# Endings of verbs with a plural subject or an object pronoun ("وأوقعوا", "واقتادوه") and openings of
# a purpose (لتفريق) or of the first person (نؤكد): no place name is written so, though a list's و may
# come before one.
_VERB_ENDINGS: Final = ("وا", "وه", "وها", "وهم", "وهن", "تم")
_VERB_OPENINGS: Final = ("لت", "نو", "سي", "ست", "سن")
_OBJECT_ENDINGS: Final = ("ته", "تها", "تهم", "تهما")


def _words_ending_in(words: WordIndex, heads: Mapping[str, object]) -> list[tuple[int, int, int]]:
    r"""The words that are one of ``heads`` after an optional proclitic (و ف ب ل ك) and article, as
    (word start, word end, head start): what ``(?<!\w)[وفبلك]?(?:ال)?(head|…)(?!\w)`` finds, the
    proclitic and the article taken when they can be."""
    out: list[tuple[int, int, int]] = []
    for start, end, word in words.spelled(with_prefixes(heads, "وفبلك", ("ال",))):
        for proclitic in (1, 0) if word[0] in "وفبلك" else (0,):
            article = 2 if word.startswith("ال", proclitic) else 0
            if word[proclitic + article :] in heads:
                out.append((start, end, start + proclitic + article))
                break
            if article and word[proclitic:] in heads:
                out.append((start, end, start + proclitic))
                break
    return out


def _verb_like(word: str) -> bool:
    """Does the word look like a conjugated verb, not a name?"""
    bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    # "وأفرجت عن اثنين منهم": a past verb of the أفعل form with the feminine ت
    past_feminine = len(bare) in (5, 6) and bare[0] == "ا" and not bare.startswith("ال") and bare[-1] == "ت"
    # "واقتادته إلى جهة مجهولة", "اعتقلتهم": a past verb with the feminine ت and its object pronoun
    with_object = (
        len(bare) >= 6 and bare[0] == "ا" and not bare.startswith("ال") and bare.endswith(_OBJECT_ENDINGS)
    )
    return (
        bare.endswith(_VERB_ENDINGS)
        or (len(bare) > 4 and bare.startswith(_VERB_OPENINGS))
        or past_feminine
        or with_object
    )


def _cue_place(view: NormalizedText, vs: int, ve: int, cue: str, value: str, confidence: float) -> Candidate:
    """A place found by a cue rather than the gazetteer (it may stay unresolved)."""
    return Candidate.from_view(
        view, vs, ve, Label.PLACE, "cue-place", confidence, {"cue": cue, "cue_value": value, "common": False}
    )


class _AdminContext:
    """The admin-1 regions a document names, (view position, country, admin-1 code) in the order found:
    which are named at all, and which is named nearest a position (the first found among equals), by
    binary search rather than a pass over all of them for each place."""

    def __init__(self, context: list[tuple[int, str, str]]) -> None:
        self.context = context
        self.regions = {(country, code) for _, country, code in context}
        self._order = sorted(range(len(context)), key=lambda i: (context[i][0], i))
        self._positions = [context[i][0] for i in self._order]

    def nearest(self, vpos: int) -> tuple[str | None, str | None]:
        """``min(context, key=distance to vpos)``: the region named nearest ``vpos``."""
        positions = self._positions
        if not positions:
            return None, None
        k = count_below(positions, vpos)  # the first named at or after vpos
        candidates: list[int] = []  # the first found of the nearest on each side
        if k < len(positions):
            candidates.append(k)
        if k > 0:
            candidates.append(count_below(positions, positions[k - 1]))
        distance = min(abs(positions[j] - vpos) for j in candidates)
        first = min(self._order[j] for j in candidates if abs(positions[j] - vpos) == distance)
        _, country, code = self.context[first]
        return country, code


def top_countries(prior: dict[str, float]) -> set[str]:
    """The countries the document is most likely about: those with at least half the top weight."""
    if not prior:
        return set()
    best = max(prior.values())
    return {c for c, v in prior.items() if v >= max(1.0, best * 0.5)}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def transliterate_name(key: str) -> str:
    """A readable Latin form of a folded Arabic name (for entities with no English name)."""
    from marsad.text.translit import transliterate

    return transliterate(key)
