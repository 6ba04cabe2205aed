"""Full-text search across Arabic variants, AND semantics, snippets, paging and every filter."""

from __future__ import annotations

import pytest
from store_cases import VARIANTS

from marsad.store import Filters, Store


def _ids(store: Store, query: str | None = None, **filters: object) -> list[str]:
    result = store.search(query, Filters(**filters))  # type: ignore[arg-type]
    assert result.total == len(result.hits)  # everything fits in one page here
    return [h.document_id for h in result.hits]


def _sorted_ids(store: Store, query: str | None = None, **filters: object) -> list[str]:
    return sorted(_ids(store, query, **filters))


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("ادلب", "إدلب"),  # hamza / alef
        ("آعلن", "أعلنَ"),
        ("مشفي", "مشفى"),  # alef maqsura
        ("منطقه", "بالمنطقة"),  # ta marbuta, clitics
        ("مجلس", "المجلسُ"),  # article, diacritics
        ("الطبية", "الطبيّة"),  # shadda
        ("الاسبوع", "الأسبـــوع"),  # tatweel
        ("منظمات", "وللمنظمات"),  # و + لل
        ("مدير", "مديرُه"),  # pronoun suffix
        ("قرية", "قريتهم"),  # ة written ت before a suffix
        ("عودة", "عودته"),
        ("ترميم", "ترميمه"),
    ],
)
def test_search_matches_written_variants(filled: Store, query: str, written: str) -> None:
    result = filled.search(query)
    (hit,) = [h for h in result.hits if h.document_id == "variants-1"]
    highlighted = {VARIANTS[s:e] for snip in hit.snippets for s, e in snip.highlights}
    assert written in highlighted


def test_snippets_slice_the_stored_original(filled: Store) -> None:
    for query in ("قوات النظام", "الهيئة", "مظاهرة", "ادلب مشفى", "اعتقلت"):
        result = filled.search(query)
        assert result.hits, query
        for hit in result.hits:
            text = filled.get_document(hit.document_id).text  # type: ignore[union-attr]
            assert hit.snippets
            for snip in hit.snippets:
                assert text[snip.start : snip.end] == snip.text
                assert snip.highlights
                for s, e in snip.highlights:
                    assert snip.start <= s < e <= snip.end


def test_all_words_must_match(filled: Store) -> None:
    assert _sorted_ids(filled, "كفرزيتا") == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, "كفرزيتا اشتباكات") == ["clash-1"]
    assert _sorted_ids(filled, "مشفى إدلب") == ["variants-1"]
    assert _sorted_ids(filled, "مشفى درعا") == []
    assert _sorted_ids(filled, "الاعتقال") == ["arrest-1"]
    assert _sorted_ids(filled, "xyzzy") == []


def test_titles_are_searched(filled: Store) -> None:
    assert "shell-1" in _ids(filled, "قصف")  # the title "قصف على كفرزيتا"


def test_ranking_and_paging(filled: Store) -> None:
    result = filled.search("قوات", limit=2)
    assert result.total == 3 and len(result.hits) == 2
    assert result.hits[0].score >= result.hits[1].score
    rest = filled.search("قوات", limit=2, offset=2)
    assert rest.total == 3 and len(rest.hits) == 1
    assert {h.document_id for h in result.hits}.isdisjoint(h.document_id for h in rest.hits)
    assert filled.search("قوات", offset=10).hits == []
    assert result.elapsed_ms > 0


def test_no_query_lists_newest_first(filled: Store) -> None:
    result = filled.search(None)
    assert [h.document_id for h in result.hits] == [
        "variants-1",
        "protest-1",
        "arrest-1",
        "clash-1",
        "shell-1",
    ]
    assert filled.search("").total == 5
    assert filled.search("؟!").total == 5  # no searchable word: the filters alone select
    hit = result.hits[-1]
    assert (hit.title, hit.source, hit.published, hit.url, hit.cluster_id) == (
        "قصف على كفرزيتا",
        "Orient News",
        "2017-05-02",
        "https://example.org/orient/1",
        "shell-1",
    )
    assert hit.event_ids == ["e1", "e2"]
    assert len(hit.event_numbers) == 2
    assert hit.snippets[0].start == 0 and hit.snippets[0].highlights == []


# -- filters -----------------------------------------------------------------------------------------


def test_actor_filter_by_id_and_by_name(filled: Store) -> None:
    assert _ids(filled, actors=("hts",)) == ["arrest-1"]
    for name in (
        "هيئة تحرير الشام",
        "هيئه تحرير الشّام",
        "الهيئة",
        "Hay'at Tahrir al-Sham",
        "hay'at tahrir al-sham",
    ):
        assert _ids(filled, actors=(name,)) == ["arrest-1"], name
    assert _sorted_ids(filled, actors=("syrian-government-forces",)) == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, actors=("قوات النظام",)) == ["clash-1", "shell-1"]  # a mention's text
    assert _sorted_ids(filled, actors=("hts", "national-front-for-liberation")) == ["arrest-1", "clash-1"]
    assert _ids(filled, actors=("nobody-at-all",)) == []


def test_event_ids_are_those_passing_the_filters(filled: Store) -> None:
    (hit,) = filled.search("كفرزيتا", Filters(event_types=("Arrests",))).hits
    assert (hit.document_id, hit.event_ids) == ("shell-1", ["e2"])


def test_place_filter_by_id_name_and_admin1(filled: Store) -> None:
    assert _sorted_ids(filled, places=("geonames:168620",)) == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, places=("كفرزيتا",)) == ["clash-1", "shell-1"]  # mention text
    assert _sorted_ids(filled, places=("كفر زيتا",)) == ["clash-1", "shell-1"]  # entity name
    assert _sorted_ids(filled, places=("Kafr Zayta",)) == ["clash-1", "shell-1"]
    assert _ids(filled, places=("ادلب",)) == ["arrest-1"]
    # a governorate matches the events in its places: Kafr Zayta, Hama city and the unresolved Tal Milh
    assert _sorted_ids(filled, places=("admin1:SY.10",)) == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, places=("حماة",)) == ["clash-1", "shell-1"]
    (clash,) = filled.search(
        None, Filters(places=("admin1:SY.10",), actors=("national-front-for-liberation",))
    ).hits
    assert clash.event_ids == ["e1", "e2"]
    assert _ids(filled, places=("place:تل-ملح",)) == ["clash-1"]
    assert _ids(filled, places=("geonames:163345",)) == ["protest-1"]


def test_near_filter(filled: Store) -> None:
    kafr_zayta = (35.37425, 36.6033)
    assert _sorted_ids(filled, near=(*kafr_zayta, 1.0)) == ["clash-1", "shell-1"]
    # Hama city is about 31 km from Kafr Zayta
    (hit,) = filled.search(None, Filters(near=(35.13179, 36.75783, 5.0))).hits
    assert (hit.document_id, hit.event_ids) == ("shell-1", ["e2"])
    near_both = filled.search(None, Filters(near=(*kafr_zayta, 35.0)))
    assert {h.document_id: h.event_ids for h in near_both.hits} == {
        "shell-1": ["e1", "e2"],
        "clash-1": ["e2"],
    }
    assert _ids(filled, near=(35.93, 36.63, 2.0)) == ["arrest-1"]
    assert _ids(filled, near=(33.51, 36.29, 20.0)) == []  # Damascus


def test_event_type_filter(filled: Store) -> None:
    assert _sorted_ids(filled, event_types=("ASSAULT",)) == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, event_types=("assault",)) == ["clash-1", "shell-1"]
    assert _sorted_ids(filled, event_types=("Arrests",)) == ["arrest-1", "shell-1"]  # ACLED sub-event
    assert _ids(filled, event_types=("protests",)) == ["protest-1"]  # ACLED event type
    assert _ids(filled, event_types=("Peaceful protest",)) == ["protest-1"]
    assert _sorted_ids(filled, event_types=("Battles", "PROTEST")) == ["clash-1", "protest-1"]


def test_date_filters(filled: Store) -> None:
    assert _sorted_ids(filled, date_to="2017-05-31") == ["clash-1", "shell-1"]
    # events on 05-02; clash-1 was published on 05-03 (dates alone also match the publication date)
    assert _sorted_ids(filled, date_from="2017-05-03", date_to="2017-05-31") == ["clash-1"]
    assert (
        _ids(filled, date_from="2017-05-03", date_to="2017-05-31", actors=("hts", "syrian-government-forces"))
        == []
    )
    # the protest event has no date: the document's publication date stands in
    assert _ids(filled, date_from="2017-07-07", date_to="2017-07-07") == ["protest-1"]
    # dates alone also match documents published in the range (variants-1 has no events)
    assert _sorted_ids(filled, date_from="2017-06-01") == ["arrest-1", "protest-1", "variants-1"]
    assert _ids(filled, date_from="2017-06", date_to="2017-06") == ["arrest-1"]
    # with another event filter, the date is the event's
    assert _ids(filled, date_from="2017-06-01", event_types=("Arrests",)) == ["arrest-1"]
    assert _ids(filled, date_to="2017-05-31", event_types=("Protests",)) == []


def test_source_filter(filled: Store) -> None:
    assert _ids(filled, sources=("orient",)) == ["shell-1"]
    assert _ids(filled, sources=("idlib-now",)) == ["arrest-1"]  # origin path
    assert _ids(filled, sources=("TELEGRAM",)) == ["arrest-1"]
    assert _sorted_ids(filled, sources=("news/",)) == ["clash-1", "protest-1"]
    assert _ids(filled, sources=("100%",)) == []  # LIKE wildcards are literal
    assert _ids(filled, "كفرزيتا", sources=("enab",)) == ["clash-1"]


def test_review_filter(filled: Store) -> None:
    number = filled.get_document("arrest-1").meta["event_numbers"]["e1"]  # type: ignore[union-attr]
    filled.review_event(number, "accepted", "reviewer")
    assert _ids(filled, review=("accepted",)) == ["arrest-1"]
    assert "arrest-1" not in _ids(filled, review=("unreviewed",))
    filled.review_event(number, "rejected", "reviewer")
    assert _ids(filled, actors=("hts",)) == []  # rejected events are left out by default
    assert _ids(filled, actors=("hts",), review=("rejected",)) == ["arrest-1"]
    (hit,) = filled.search("الهيئة").hits  # without event filters the document is still found
    assert hit.event_ids == []
    with pytest.raises(ValueError, match="unknown review state"):
        filled.search(None, Filters(review=("maybe",)))


def test_filters_combine(filled: Store) -> None:
    assert _ids(filled, "اعتقلت", actors=("syrian-government-forces",), places=("حماة",)) == ["shell-1"]
    assert _ids(filled, actors=("hts",), places=("حماة",)) == []
    assert Filters().event_filters() is False
    assert Filters(sources=("x",)).event_filters() is False
    assert Filters(date_from="2017-01-01").event_filters() is True


def test_search_filters_are_per_document_and_exports_per_event(filled: Store) -> None:
    """In search, each filter must hold for some event of the document; in iter_events, for the event."""
    filters = Filters(places=("geonames:170063",), event_types=("Shelling/artillery/missile attack",))
    (hit,) = filled.search(None, filters).hits  # e2 is in Hama city, e1 is the shelling
    assert (hit.document_id, hit.event_ids) == ("shell-1", [])
    assert list(filled.iter_events(filters)) == []
