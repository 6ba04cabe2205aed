"""Content checks on the packaged knowledge base."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from marsad.kb.loader import ACTORS_DIR, actor_names, load_knowledge_base, name_clashes, person_names
from marsad.kb.schema import ACTOR_TYPES, Actor, KnowledgeBase, Person
from marsad.text.normalize import normalize_for_match

REQUIRED_ACTORS = [
    "syrian-government-forces",
    "syrian-pro-government-militias",
    "national-defence-forces",
    "hezbollah",
    "hayat-tahrir-al-sham",
    "ahrar-al-sham",
    "jaish-al-iman",
    "jaish-al-izza",
    "jaish-al-fatah",
    "faylaq-al-sham",
    "jaish-al-islam",
    "free-syrian-army",
    "syrian-national-army",
    "national-front-for-liberation",
    "hurras-al-din",
    "islamic-state",
    "syrian-democratic-forces",
    "ypg",
    "russian-armed-forces",
    "turkish-armed-forces",
    "iranian-revolutionary-guard-corps",
    "us-led-coalition",
    "israeli-armed-forces",
    "syrian-observatory-for-human-rights",
    "syria-civil-defence",
    "sana",
    "iraqi-security-forces",
    "iraqi-army",
    "popular-mobilization-forces",
    "kataib-hezbollah",
    "asaib-ahl-al-haq",
    "peshmerga",
    "counter-terrorism-service",
    "houthis",
    "yemeni-government-forces",
    "saudi-led-coalition",
    "southern-transitional-council",
    "security-belt-forces",
    "giants-brigades",
    "aqap",
    "libyan-national-army",
    "gnu-forces",
    "wagner-group",
    "civilians",
    "protesters",
    "rioters",
    "unidentified-armed-group",
]

REQUIRED_PERSONS = [
    "abu-mohammad-al-jolani",
    "abdullah-al-muhaysini",
    "jamil-al-saleh",
    "bashar-al-assad",
    "abu-bakr-al-baghdadi",
    "khalifa-haftar",
    "abdul-malik-al-houthi",
    "mazloum-abdi",
    "hassan-nasrallah",
    "hadi-al-amiri",
    "qais-al-khazali",
    "abu-mahdi-al-muhandis",
    "muqtada-al-sadr",
    "yahya-saree",
]

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
PROCLITIC = re.compile(r"^(?:و|ف|ب|ك|ل)ال|^لل")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def keys_of(kb: KnowledgeBase, entity_id: str) -> dict[str, bool]:
    """Folded name -> is_short for one actor or person."""
    names = (
        actor_names(kb.actors[entity_id]) if entity_id in kb.actors else person_names(kb.persons[entity_id])
    )
    return {normalize_for_match(text): short for text, short, _ in names}


def test_required_ids_exist(kb: KnowledgeBase) -> None:
    assert [i for i in REQUIRED_ACTORS if i not in kb.actors] == []
    assert [i for i in REQUIRED_PERSONS if i not in kb.persons] == []
    assert kb.actors["gnu-forces"].name_en == "Military Forces of Libya (Government of National Unity)"


def test_coverage_per_theatre(kb: KnowledgeBase) -> None:
    by_country = Counter(c for a in kb.actors.values() for c in a.countries)
    assert by_country["SY"] >= 80
    for country in ("IQ", "YE", "LY"):
        assert by_country[country] >= 12, country
    syria_file = yaml.safe_load((ACTORS_DIR / "syria.yaml").read_text(encoding="utf-8"))
    assert len(syria_file) >= 80
    assert len(kb.persons) >= 40


def test_generic_groups_are_groups_without_country() -> None:
    entries = yaml.safe_load((ACTORS_DIR / "generic.yaml").read_text(encoding="utf-8"))
    assert entries
    for entry in entries:
        assert entry["kind"] == "group", entry["id"]
        assert not entry.get("countries"), entry["id"]


def test_ids_unique_across_files() -> None:
    ids: Counter[str] = Counter()
    for path in sorted(ACTORS_DIR.glob("*.yaml")):
        ids.update(e["id"] for e in yaml.safe_load(path.read_text(encoding="utf-8")))
    persons = yaml.safe_load((ACTORS_DIR.parent / "persons.yaml").read_text(encoding="utf-8"))
    ids.update(p["id"] for p in persons)
    assert [i for i, n in ids.items() if n > 1] == []


def test_references_resolve(kb: KnowledgeBase) -> None:
    for actor in kb.actors.values():
        assert actor.parent is None or actor.parent in kb.actors, actor.id
    for person in kb.persons.values():
        assert person.organization is None or person.organization in kb.actors, person.id


def test_no_full_name_shared_between_entities(kb: KnowledgeBase) -> None:
    # Shared names are allowed only as short forms (الجيش، التحالف…), resolved by context.
    assert name_clashes(kb) == {}


def test_no_redundant_names(kb: KnowledgeBase) -> None:
    """No alias, short form or former name repeats another form of the same entity after folding."""
    for actor in kb.actors.values():
        forms = [actor.name_ar, actor.name_en, *(a.text for a in actor.aliases)]
        forms += [n for f in actor.former_names for n in (f.name_ar, f.name_en) if n]
        keys = Counter(normalize_for_match(f) for f in forms)
        former_pairs = {normalize_for_match(f.name_ar) for f in actor.former_names}
        repeated = [k for k, n in keys.items() if n > 1 and k not in former_pairs]
        assert repeated == [], actor.id
    for person in kb.persons.values():
        keys = Counter(
            normalize_for_match(f)
            for f in (person.name_ar, person.name_en, *(a.text for a in person.aliases))
        )
        assert [k for k, n in keys.items() if n > 1] == [], person.id


def test_scripts(kb: KnowledgeBase) -> None:
    entries: list[Actor | Person] = [*kb.actors.values(), *kb.persons.values()]
    for entry in entries:
        assert ARABIC_LETTER.search(entry.name_ar) and not LATIN_LETTER.search(entry.name_ar), entry.id
        assert LATIN_LETTER.search(entry.name_en) and not ARABIC_LETTER.search(entry.name_en), entry.id
        for alias in entry.aliases:
            arabic, latin = ARABIC_LETTER.search(alias.text), LATIN_LETTER.search(alias.text)
            assert bool(arabic) != bool(latin), (entry.id, alias.text)
    for actor in kb.actors.values():
        for former in actor.former_names:
            assert not former.name_ar or not LATIN_LETTER.search(former.name_ar), actor.id
            assert not former.name_en or not ARABIC_LETTER.search(former.name_en), actor.id


def test_no_attached_proclitics(kb: KnowledgeBase) -> None:
    entries: list[Actor | Person] = [*kb.actors.values(), *kb.persons.values()]
    names = [a.text for e in entries for a in e.aliases]
    names += [a.name_ar for a in kb.actors.values()]
    assert [n for n in names if PROCLITIC.match(normalize_for_match(n))] == []


def test_inter_codes_follow_types(kb: KnowledgeBase) -> None:
    for actor in kb.actors.values():
        assert actor.type in ACTOR_TYPES
        assert 1 <= actor.inter <= 8
    assert kb.actors["syrian-government-forces"].inter == 1
    assert kb.actors["hayat-tahrir-al-sham"].inter == 2
    assert kb.actors["syria-civil-defence"].inter == 7
    assert kb.actors["syrian-observatory-for-human-rights"].inter == 8
    assert kb.actors["protesters"].inter == 6
    assert kb.actors["rioters"].inter == 5


@pytest.mark.parametrize(
    ("form", "entity_id"),
    [
        ("الهيئة", "hayat-tahrir-al-sham"),
        ("الأحرار", "ahrar-al-sham"),
        ("العزة", "jaish-al-izza"),
        ("الحشد", "popular-mobilization-forces"),
        ("التنظيم", "islamic-state"),
        ("الدولة", "islamic-state"),
        ("الميليشيات", "syrian-pro-government-militias"),
        ("الحوثي", "houthis"),
        ("الجيش", "syrian-government-forces"),
        ("النظام", "syrian-government-forces"),
        ("الجيش", "iraqi-army"),
        ("الجيش", "yemeni-government-forces"),
        ("الحزام", "security-belt-forces"),
        ("قوات الحزام", "security-belt-forces"),
        ("الانتقالي", "southern-transitional-council"),
        ("القوات المسلحة اليمنية", "houthis"),
        ("العدوان", "saudi-led-coalition"),
    ],
)
def test_required_short_forms(kb: KnowledgeBase, form: str, entity_id: str) -> None:
    assert keys_of(kb, entity_id).get(normalize_for_match(form)) is True


@pytest.mark.parametrize(
    ("form", "entity_id"),
    [
        *(
            (alias, "syrian-government-forces")
            for alias in (
                "قوات النظام",
                "جيش النظام",
                "قوات الأسد",
                "جيش الأسد",
                "الجيش السوري",
                "الجيش العربي السوري",
                "قوات الحكومة السورية",
                "ميليشيات الأسد",
                "مليشيات الأسد",
            )
        ),
        ("داعش", "islamic-state"),
        ("تنظيم الدولة", "islamic-state"),
        ("الدولة الإسلامية", "islamic-state"),
        ("جبهة النصرة", "hayat-tahrir-al-sham"),
        ("جبهة فتح الشام", "hayat-tahrir-al-sham"),
        ("حركة أحرار الشام", "ahrar-al-sham"),
        ("جيش الإيمان", "jaish-al-iman"),
        ("الحوثيين", "houthis"),
        ("جماعة الحوثي", "houthis"),
        ("أنصار الله", "houthis"),
        ("الحشد الشعبي", "popular-mobilization-forces"),
        ("قسد", "syrian-democratic-forces"),
        ("الخوذ البيضاء", "syria-civil-defence"),
        ("مسلحون مجهولون", "unidentified-armed-group"),
        ("الأهالي", "civilians"),
        ("المتظاهرون", "protesters"),
        ("الجولاني", "abu-mohammad-al-jolani"),
        ("أحمد الشرع", "abu-mohammad-al-jolani"),
        ("المحيسني", "abdullah-al-muhaysini"),
        ("جميل الصالح", "jamil-al-saleh"),
    ],
)
def test_full_names(kb: KnowledgeBase, form: str, entity_id: str) -> None:
    assert keys_of(kb, entity_id).get(normalize_for_match(form)) is False


def test_structure_facts(kb: KnowledgeBase) -> None:
    assert kb.actors["jaish-al-iman"].parent == "ahrar-al-sham"
    assert kb.actors["ypg"].parent == "syrian-democratic-forces"
    assert kb.actors["syrian-pro-government-militias"].kind == "group"
    hts = kb.actors["hayat-tahrir-al-sham"]
    nusra = next(f for f in hts.former_names if f.name_ar == "جبهة النصرة")
    assert (nusra.start, nusra.end) == (2012, 2016)
    assert kb.persons["jamil-al-saleh"].organization == "jaish-al-izza"
    assert kb.persons["abu-mohammad-al-jolani"].organization == "hayat-tahrir-al-sham"


def test_person_cues(kb: KnowledgeBase) -> None:
    cues = kb.cues
    fold = normalize_for_match
    for words in (cues.stop_words, tuple(cues.titles), cues.name_particles):
        folded = Counter(fold(w) for w in words)
        assert [w for w, n in folded.items() if n > 1] == []
    # A word cannot both introduce a name and end one.
    assert {fold(t) for t in cues.titles} & {fold(w) for w in cues.stop_words} == set()
    for title in ("الشيخ", "الرائد", "العقيد", "القائد", "الأمير", "الأخ", "الحاج", "الدكتور", "المهندس"):
        assert title in cues.titles
    for word in ("قال", "أكد", "أعلن", "قائد", "مسؤول", "عضو", "في", "من", "على", "إلى", "عن", "مع", "الذي"):
        assert word in cues.stop_words
    assert set(cues.name_particles) >= {"بن", "ابن", "بنت", "آل"}


def test_load_is_fast() -> None:
    load_knowledge_base()  # warm the file cache
    start = time.perf_counter()
    load_knowledge_base()
    assert time.perf_counter() - start < 0.5


def test_data_files_are_plain_utf8() -> None:
    for path in [
        *ACTORS_DIR.glob("*.yaml"),
        ACTORS_DIR.parent / "persons.yaml",
        ACTORS_DIR.parent / "person_cues.yaml",
    ]:
        raw = Path(path).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        raw.decode("utf-8")
        assert b"\t" not in raw, path
