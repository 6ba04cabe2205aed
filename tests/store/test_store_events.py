"""iter_events order and filters, reviews applied, audit trail."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from marsad.store import EventRow, Filters, Store


def _keys(rows: list[EventRow]) -> list[tuple[str, str]]:
    return [(row.document.id, row.event.id) for row in rows]


def _number(store: Store, doc_id: str, event_id: str) -> int:
    return store.get_document(doc_id).meta["event_numbers"][event_id]  # type: ignore[union-attr]


def test_iter_events_order(filled: Store) -> None:
    rows = list(filled.iter_events())
    # (event date or published date, document id, event order); clash-1 < shell-1 on the same day
    assert _keys(rows) == [
        ("clash-1", "e1"),
        ("clash-1", "e2"),
        ("shell-1", "e1"),
        ("shell-1", "e2"),
        ("arrest-1", "e1"),
        ("protest-1", "e1"),
    ]
    assert len({row.number for row in rows}) == 6 and all(row.number > 0 for row in rows)
    assert all(row.review_status is None for row in rows)
    shell = rows[2].document
    assert shell.text.startswith("قصفت") and len(shell.events) == 2 and shell.mentions
    assert rows[2].event.fatalities == 3


@pytest.mark.parametrize("batch_size", [1, 2, 500])
@pytest.mark.parametrize("window_docs", [1, 2, 1000])
def test_iter_events_pages(filled: Store, batch_size: int, window_docs: int) -> None:
    expected = [(row.number, row.document.id) for row in filled.iter_events()]
    paged = list(filled.iter_events(batch_size=batch_size, window_docs=window_docs))
    assert [(row.number, row.document.id) for row in paged] == expected and len(expected) == 6
    assert all(len(row.document.events) == len({e.id for e in row.document.events}) for row in paged)


def test_iter_events_filters(filled: Store) -> None:
    assert _keys(list(filled.iter_events(Filters(actors=("hts",))))) == [("arrest-1", "e1")]
    assert _keys(list(filled.iter_events(Filters(event_types=("Arrests",))))) == [
        ("shell-1", "e2"),
        ("arrest-1", "e1"),
    ]
    assert _keys(list(filled.iter_events(Filters(sources=("enab",))))) == [
        ("clash-1", "e1"),
        ("clash-1", "e2"),
    ]
    # for exports the date is always the event's (no publication-date match without events)
    assert _keys(list(filled.iter_events(Filters(date_from="2017-07-01")))) == [("protest-1", "e1")]
    assert _keys(list(filled.iter_events(Filters(places=("admin1:SY.10",), event_types=("Battles",))))) == [
        ("clash-1", "e1"),
        ("clash-1", "e2"),
    ]


def test_review_values_are_applied_and_audited(filled: Store) -> None:
    number = _number(filled, "shell-1", "e1")
    filled.review_event(number, "edited", "amal", {"fatalities": 4, "actor1": "hts"})
    (row,) = [r for r in filled.iter_events() if r.number == number]
    assert row.review_status == "edited"
    assert row.event.fatalities == 4 and row.event.actor1 == "hts"
    assert row.event.actor2 == "civilians"  # untouched fields keep the extracted values
    # the edited actor is indexed: filters see the reviewed values
    assert _keys(list(filled.iter_events(Filters(actors=("hts",))))) == [
        ("shell-1", "e1"),
        ("arrest-1", "e1"),
    ]
    got = filled.get_document("shell-1")
    assert got is not None and got.events[0].fatalities == 4
    assert got.meta["review_status"] == {"e1": "edited", "e2": None}

    # a later review keeps earlier changes and adds its own
    filled.review_event(number, "accepted", "omar", {"place": "geonames:170063"})
    (row,) = [r for r in filled.iter_events() if r.number == number]
    assert (row.review_status, row.event.fatalities, row.event.place) == ("accepted", 4, "geonames:170063")
    near_hama = filled.search(None, Filters(near=(35.13179, 36.75783, 2.0))).hits
    assert near_hama[0].event_ids == ["e1", "e2"]

    trail = filled.audit_trail(number)
    assert [(t["user"], t["action"], t["object"]) for t in trail] == [
        ("amal", "review.edited", f"event:{number}"),
        ("omar", "review.accepted", f"event:{number}"),
    ]
    first, second = trail
    assert first["before"]["review_status"] is None and first["before"]["event"]["fatalities"] == 3
    assert first["after"]["event"]["fatalities"] == 4 and first["after"]["changes"] == {
        "fatalities": 4,
        "actor1": "hts",
    }
    assert second["before"]["event"]["fatalities"] == 4
    assert second["after"]["changes"] == {"fatalities": 4, "actor1": "hts", "place": "geonames:170063"}
    assert first["at"] <= second["at"] and first["id"] < second["id"]
    assert filled.audit_trail(999_999) == []


def test_rejected_events_are_left_out_unless_asked_for(filled: Store) -> None:
    number = _number(filled, "protest-1", "e1")
    filled.review_event(number, "rejected", "amal")
    assert ("protest-1", "e1") not in _keys(list(filled.iter_events()))
    assert _keys(list(filled.iter_events(Filters(review=("rejected",))))) == [("protest-1", "e1")]
    both = _keys(list(filled.iter_events(Filters(review=("rejected", "unreviewed")))))
    assert len(both) == 6
    assert len(list(filled.iter_events(Filters(review=("accepted", "edited"))))) == 0
    assert filled.counts()["reviewed"] == 1


def test_review_errors(filled: Store) -> None:
    number = _number(filled, "arrest-1", "e1")
    with pytest.raises(ValueError, match="review status"):
        filled.review_event(number, "approved", "amal")
    with pytest.raises(ValueError, match="cannot edit"):
        filled.review_event(number, "edited", "amal", {"id": "e9"})
    with pytest.raises(ValueError, match="needs the changed fields"):
        filled.review_event(number, "edited", "amal")
    with pytest.raises(ValueError, match="user"):
        filled.review_event(number, "accepted", " ")
    with pytest.raises(KeyError):
        filled.review_event(987_654, "accepted", "amal")
    # an edited trigger must still slice the original text
    with pytest.raises(ValueError):
        filled.review_event(number, "edited", "amal", {"trigger": {"start": 0, "end": 3, "text": "xyz"}})
    assert filled.audit_trail(number) == []  # nothing was written by the failed attempts
    with filled.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM reviews")).scalar() == 0
