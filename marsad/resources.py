"""Everything the recognizers load once per process: the knowledge base, the gazetteer and the
compiled name lexicon. ``Resources.load`` caches per argument set, so a worker loads them once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.gazetteer.index import Gazetteer
from marsad.kb.loader import actor_names, load_knowledge_base, person_names
from marsad.kb.schema import KnowledgeBase
from marsad.recognize.lexicon import Entry, Lexicon
from marsad.text.normalize import normalize_for_match


@dataclass(slots=True)
class Resources:
    """Loaded knowledge shared by all components of a pipeline."""

    kb: KnowledgeBase
    gazetteer: Gazetteer
    lexicon: Lexicon

    @property
    def version(self) -> str:
        """A short hash identifying the knowledge that produced a record."""
        meta = self.gazetteer.meta
        gaz = f"{meta.get('format_version')}|{meta.get('source_version')}|{meta.get('places')}"
        if self.gazetteer.has_overlay:
            gaz += f"|{self.gazetteer.info().get('overlay_imports')}"
        h = hashlib.sha256(f"{self.kb.version}|{gaz}".encode())
        return h.hexdigest()[:12]

    @classmethod
    def load(cls, kb_paths: tuple[str, ...] = (), gazetteer_path: str | None = None) -> Resources:
        return _load_cached(tuple(str(p) for p in kb_paths), gazetteer_path)


@lru_cache(maxsize=4)
def _load_cached(kb_paths: tuple[str, ...], gazetteer_path: str | None) -> Resources:
    kb = load_knowledge_base([Path(p) for p in kb_paths])
    gazetteer = Gazetteer.open(gazetteer_path)
    return Resources(kb=kb, gazetteer=gazetteer, lexicon=build_lexicon(kb, gazetteer))


# First words of compound place names that writers often join to the next word: كفر بطنا / كفربطنا.
_JOINABLE = ("كفر ", "البو ", "ابو ", "دير ", "عين ", "تل ", "بيت ", "راس ", "ام ", "خربه ", "بني ")


def spelling_variants(key: str) -> list[str]:
    """Common written variants of a gazetteer name: joined compounds and a dropped final hamza
    ("التحيتاء" / "التحيتا")."""
    out: list[str] = []
    if key.startswith(_JOINABLE) and key.count(" ") == 1:
        out.append(key.replace(" ", ""))
    if key.endswith("اء") and len(key) > 4:
        out.append(key[:-1])
    return out


def build_lexicon(kb: KnowledgeBase, gazetteer: Gazetteer) -> Lexicon:
    """Compile actor, person, title and place names into one lexicon."""

    def items() -> object:
        for actor in kb.actors.values():
            for surface, short, form in actor_names(actor):
                yield normalize_for_match(surface), Entry("actor", actor.id, form, short)
        for person in kb.persons.values():
            for surface, short, form in person_names(person):
                yield normalize_for_match(surface), Entry("person", person.id, form, short)
        for title, english in kb.cues.titles.items():
            yield normalize_for_match(title), Entry("title", english, "title")
        for head in kb.cues.kunya_heads:
            yield normalize_for_match(head), Entry("kunya", head, "kunya")
        place = Entry("place", "", "gazetteer")
        for key in gazetteer.keys(script="arabic"):
            yield key, place
            for variant in spelling_variants(key):
                yield variant, Entry("place", key, "variant")

    return Lexicon.build(items())  # type: ignore[arg-type]
