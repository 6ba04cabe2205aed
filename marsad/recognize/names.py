"""Name matching (one automaton pass) and the actor and person recognizers built on it."""

from __future__ import annotations

import re
from typing import ClassVar, Final

from marsad.kb.loader import actor_names
from marsad.model import Document, Label
from marsad.pipeline import Analysis
from marsad.recognize.candidates import Candidate
from marsad.recognize.context import strip_proclitics
from marsad.recognize.lexicon import LexMatch
from marsad.recognize.places import load_place_cues
from marsad.resources import Resources
from marsad.text.normalize import NormalizedText, normalize_for_match

_NAME_TOKEN: Final = re.compile(r"[\"' ]*(\w+)")
# A name followed by an age in brackets, as in casualty lists: "أحمد محمود قدور (45 عاماً)".
_AGE: Final = re.compile(r"\( ?\d{1,3} ?(?:عاما|عام|سنه|سنوات|اعوام|years?)\b")
_MAX_NAME_WORDS: Final = 4  # _AGED_NAME reads up to four words before the age
_AGED_NAME: Final = re.compile(
    r"(?<!\w)((?:[^\W\d]+ ){1,3}[^\W\d]+) ?\( ?\d{1,3} ?(?:عاما|عام|سنه|سنوات|اعوام|years?)\b"
)


class NameMatcher:
    """Finds every known name (actors, persons, titles, places) in the view."""

    name: ClassVar[str] = "names"
    requires: ClassVar[tuple[str, ...]] = ("view",)
    provides: ClassVar[tuple[str, ...]] = ("names",)

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        analysis.facts["names"] = self.lexicon.find(analysis.view)


# Heads left outside an actor's span when the rest is one of its full names (gold/README.md):
# "تنظيم داعش" → "داعش", "فصائل الجيش الوطني السوري" → "الجيش الوطني السوري"; but "تنظيم الدولة" stays
# whole, since "الدولة" alone is only a short form.
_PART_HEADS: Final = ("تنظيم ", "فصايل ")


class ActorRecognizer:
    """Proposes ORG and GROUP candidates from knowledge-base names; short forms are marked for
    linking with context by the selector."""

    name: ClassVar[str] = "actors"
    requires: ClassVar[tuple[str, ...]] = ("names",)
    provides: ClassVar[tuple[str, ...]] = ("candidates.actors",)

    def __init__(self, resources: Resources) -> None:
        self.actors = resources.kb.actors
        self.full_names: dict[str, set[str]] = {}
        self.canonical = {actor.id: normalize_for_match(actor.name_ar) for actor in self.actors.values()}
        for actor in self.actors.values():
            for surface, short, _form in actor_names(actor):
                if not short:
                    self.full_names.setdefault(normalize_for_match(surface), set()).add(actor.id)

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        out: list[Candidate] = []
        names: list[LexMatch] = analysis.facts["names"]  # typed: compiled code reads its fields directly
        for m in names:
            refs = [e for e in m.entries if e.kind == "actor"]
            if not refs:
                continue
            m = self._without_part_head(m, {e.ref for e in refs}, analysis)
            full = [e for e in refs if not e.short]
            chosen = full or refs
            actor = self.actors[chosen[0].ref]
            out.append(
                Candidate(
                    m.start,
                    m.end,
                    m.vstart,
                    m.vend,
                    Label.ORG if actor.kind == "org" else Label.GROUP,
                    "kb-actor",
                    entity=chosen[0].ref if len({e.ref for e in chosen}) == 1 else None,
                    key=m.key,
                    attrs={
                        "refs": sorted({e.ref for e in chosen}),
                        "short": not full,
                        "form": chosen[0].form,
                        "anaphoric": sorted({e.ref for e in chosen if e.form == "anaphoric"}),
                    },
                )
            )
        analysis.facts["candidates.actors"] = out

    def _without_part_head(self, m: LexMatch, refs: set[str], analysis: Analysis) -> LexMatch:
        if any(self.canonical[r] == m.key for r in refs):
            return m  # the canonical name stays whole: "تنظيم الدولة الإسلامية"
        for head in _PART_HEADS:
            if m.key.startswith(head) and self.full_names.get(m.key[len(head) :], set()) & refs:
                vstart = m.vstart + len(head)
                start, end = analysis.view.span(vstart, m.vend)
                return LexMatch(vstart, m.vend, start, end, m.key[len(head) :], m.entries, "")
        return m


_SPEAKERS: Final = frozenset({"المتحدث", "متحدث", "الناطق", "ناطق", "المتحدثه", "الناطقه"})
# "القيادي السابق في فصائل المعارضة محمود الزعبي": role, "في", organization, name.
_MEMBERS: Final = frozenset(
    {"القيادي", "قيادي", "القايد", "قايد", "المسوول", "مسوول", "عضو", "العضو", "الامير", "امير"}
)


class PersonRecognizer:
    """Persons from the knowledge base, and unknown persons introduced by a title (الرائد، الشيخ…) or
    a kunya (أبو محمد الحموي)."""

    name: ClassVar[str] = "persons"
    requires: ClassVar[tuple[str, ...]] = ("names", "candidates.actors")
    provides: ClassVar[tuple[str, ...]] = ("candidates.persons",)

    def __init__(self, resources: Resources) -> None:
        cues = resources.kb.cues
        self.persons = resources.kb.persons
        self.kunya_heads = frozenset(normalize_for_match(h) for h in cues.kunya_heads)
        self.particles = frozenset(normalize_for_match(p) for p in cues.name_particles)
        self.stop = frozenset(normalize_for_match(w) for w in cues.stop_words)
        self.titles = frozenset(normalize_for_match(t) for t in cues.titles)
        places = load_place_cues()
        # "مديرية الشيخ عثمان", "حي الشيخ مقصود": a title after a place word starts a place name
        self.place_words = frozenset(places.settlement) | frozenset(places.feature_heads)

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        text = analysis.view.text
        out: list[Candidate] = []
        known_end: dict[int, int] | None = None  # where a known person's full name starts, worked out once
        place_end: dict[int, int] = {}  # the furthest end of a place name from each start, worked out with it
        names: list[LexMatch] = analysis.facts["names"]
        for m in names:
            for entry in m.entries:
                if entry.kind == "person":
                    out.append(self._kb_candidate(m, entry.ref, entry.short, entry.form))
                    break
                if entry.kind == "title":
                    if known_end is None:
                        known_end = {
                            n.vstart: n.vend
                            for n in names
                            if any(e.kind == "person" and not e.short for e in n.entries)
                        }
                        for n in names:
                            if any(e.kind == "place" for e in n.entries):
                                place_end[n.vstart] = max(n.vend, place_end.get(n.vstart, n.vend))
                    cand = self._after_title(analysis, m, entry.ref, known_end, place_end)
                    if cand is not None:
                        out.append(cand)
                    break
                if entry.kind == "kunya" and m.key != "ام":
                    cand = self._kunya(analysis, m.vstart, text)
                    if cand is not None:
                        out.append(cand)
                    break
        out.extend(self._aged(analysis))
        out.extend(self._spokespersons(analysis))
        analysis.facts["candidates.persons"] = out

    def _spokespersons(self, analysis: Analysis) -> list[Candidate]:
        """ "المتحدث باسم قسد فرهاد شامي": a name right after a spokesperson's organization."""
        text = analysis.view.text
        out: list[Candidate] = []
        for actor in analysis.facts.get("candidates.actors", []):
            before = analysis.view.words.before(actor.vstart, 4)
            if len(before) < 2 or before[-1] not in ("باسم", "بلسان", "في"):
                continue
            roles = {strip_proclitics(w) for w in before[:-1]}
            if not roles & (_SPEAKERS if before[-1] != "في" else _MEMBERS):
                continue
            tokens = self._name_tokens(analysis.view, actor.vend, limit=3)
            if not tokens or text[actor.vend : tokens[0][0]].strip():
                continue
            vs, ve = tokens[0][0], tokens[-1][1]
            out.append(
                Candidate.from_view(
                    analysis.view, vs, ve, Label.PERSON, "title-person", 0.75, {"cue": "spokesperson"}
                )
            )
        return out

    def _aged(self, analysis: Analysis) -> list[Candidate]:
        """Names right before an age in brackets; leading non-name words (زوجته، الطفل) are skipped."""
        text = analysis.view.text
        out: list[Candidate] = []
        ages = [age.start() for age in _AGE.finditer(text)]
        if not ages:
            return out
        # the name pattern is costly: it is tried only at the few words before each age
        index = analysis.view.words
        starts = sorted({start for age in ages for start in index.starts_back(age, _MAX_NAME_WORDS + 1)})
        for m in index.matches_at(_AGED_NAME, starts):
            words = list(re.finditer(r"\w+", m.group(1)))
            while words and (
                self._not_a_name(words[0].group(), analysis.view, m.start(1) + words[0].end())
                or words[0].group().startswith("ال")
            ):
                words.pop(0)
            if not words or len(words) > 4:
                continue
            vs, ve = m.start(1) + words[0].start(), m.start(1) + words[-1].end()
            out.append(
                Candidate.from_view(analysis.view, vs, ve, Label.PERSON, "title-person", 0.75, {"cue": "age"})
            )
        return out

    def _not_a_name(self, word: str, view: NormalizedText, vend: int) -> bool:
        """Stop words and titles end a name; "علي" is the name unless written على (the preposition)."""
        if word == "علي":
            return view.original[view.to_original(vend - 1)] == "ى"
        bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
        return any(w in self.stop or w in self.titles for w in (word, bare))

    def _kb_candidate(self, m: LexMatch, ref: str, short: bool, form: str) -> Candidate:
        return Candidate(
            m.start,
            m.end,
            m.vstart,
            m.vend,
            Label.PERSON,
            "kb-person",
            entity=ref,
            key=m.key,
            attrs={"refs": [ref], "short": short, "form": form},
        )

    def _name_tokens(self, view: NormalizedText, pos: int, limit: int = 4) -> list[tuple[int, int, str]]:
        """Name-like tokens from ``pos``: the first must not carry the article; later ones may be
        particles (بن) or family names; stops at stop words, digits and punctuation."""
        text = view.text
        tokens: list[tuple[int, int, str]] = []
        while len(tokens) < limit:
            m = _NAME_TOKEN.match(text, pos)
            if m is None:
                break
            word = m.group(1)
            if self._not_a_name(word, view, m.end(1)) or word[0].isdigit() or len(word) < 2:
                break
            if not tokens and word.startswith("ال") and word not in self.kunya_heads:
                break
            if (
                tokens
                and word.startswith("ال")
                and any(t[2].startswith("ال") for t in tokens)
                and not word.endswith("ي")
            ):
                break  # one family name with the article; a second one must be a nisba (الحموي)
            tokens.append((m.start(1), m.end(1), word))
            pos = m.end(1)
            if text[pos : pos + 1] not in (" ", "\u00a0") and text[pos : pos + 1] != "":
                break  # punctuation or a quote right after the word ends the name
        while tokens and (tokens[-1][2] in self.particles or tokens[-1][2] in self.kunya_heads):
            tokens.pop()
        return tokens

    def _after_title(
        self,
        analysis: Analysis,
        m: LexMatch,
        title_en: str,
        known_end: dict[int, int],
        place_end: dict[int, int],
    ) -> Candidate | None:
        text = analysis.view.text
        before = analysis.view.words.before(m.vstart, 1)
        if before and strip_proclitics(before[-1]) in self.place_words:
            return None  # "في مديرية الشيخ عثمان": a place named after a sheikh, no person
        if place_end.get(m.vstart, -1) > m.vend:
            return None  # "من بلدة الشيخ مسكين", "الشيخ سعد": a place whose name begins with a title
        tokens = self._name_tokens(analysis.view, m.vend)
        if not tokens:
            return None
        if tokens[0][0] in known_end:
            # "المشير خليفة حفتر بتأمين الحدود": a known person's name ends the name after the title
            return None
        if tokens[0][2] in self.kunya_heads:
            return self._kunya(analysis, tokens[0][0], text, title=title_en)
        vs, ve = tokens[0][0], tokens[-1][1]
        return Candidate.from_view(
            analysis.view,
            vs,
            ve,
            Label.PERSON,
            "title-person",
            0.8,
            {"title": title_en, "title_span": [m.start, m.end]},
        )

    def _kunya(
        self, analysis: Analysis, vstart: int, text: str, title: str | None = None
    ) -> Candidate | None:
        head = _NAME_TOKEN.match(text, vstart)
        if head is None:
            return None
        rest = self._name_tokens(analysis.view, head.end(1), limit=4)
        if not rest or rest[0][2].startswith("ال"):
            return None
        # Keep the given name (عبد الرحمن counts as one) and at most one family name or nisba after it.
        given = 2 if rest[0][2] == "عبد" and len(rest) > 1 else 1
        rest = rest[: given + 1] if len(rest) > given and rest[given][2].startswith("ال") else rest[:given]
        vs, ve = head.start(1), rest[-1][1]
        attrs: dict[str, object] = {"kunya": True}
        if title:
            attrs["title"] = title
        source = "kunya-person" if title is None else "title-person"
        return Candidate.from_view(
            analysis.view, vs, ve, Label.PERSON, source, 0.7 if title is None else 0.8, attrs
        )
