"""Unit tests for marsad.evaluate.event_metrics with hand-built gold and predicted events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.evaluate.event_metrics import (
    MISSED,
    SPURIOUS,
    EventReport,
    acled_sub_event,
    aggregate_events,
    evaluate_events,
    event_metric_values,
    event_overlap,
    match_events,
    place_is_correct,
)
from marsad.evaluate.metrics import (
    CONTEXT_CHARS,
    EVENT_GATED_METRICS,
    aggregate,
    evaluate_document,
    gated_metrics,
    metric_values,
)
from marsad.model import Event, Label, Mention, Span

TEXT = (
    "قصفت قوات النظام بلدة كفرنبل صباح الاثنين وقتل مدنيان، "
    "وطالبت الهيئة بوقف القصف على كفرنبل. "
    "ونفى الجيش وقوع اشتباكات في قرية التمانعة."
)


@dataclass(frozen=True)
class GM:
    """A gold place mention double (same attributes as GoldMention)."""

    start: int
    end: int
    text: str
    label: Label = Label.PLACE
    link: str | None = None


@dataclass(frozen=True)
class GE:
    """A gold event double (same attributes as GoldEvent)."""

    id: str
    type: str
    trigger: tuple[int, int, str]
    evidence: list[tuple[int, int, str]] = field(default_factory=list)
    acled: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: GM | None = None
    date: str | None = None
    modality: str = "asserted"
    negated: bool = False


def at(sub: str, n: int = 1, text: str = TEXT) -> tuple[int, int, str]:
    """Offsets of the n-th occurrence of ``sub``."""
    start = -1
    for _ in range(n):
        start = text.index(sub, start + 1)
    return start, start + len(sub), sub


def gev(eid: str, etype: str, trigger: str, n: int = 1, evidence: tuple[str, ...] = (), **kw: Any) -> GE:
    return GE(eid, etype, at(trigger, n), [at(e) for e in evidence], **kw)


def pev(etype: str, trigger: str, n: int = 1, evidence: tuple[str, ...] = (), **kw: Any) -> Event:
    s, e, t = at(trigger, n)
    return Event(id="p", type=etype, trigger=Span(s, e, t), evidence=[Span(*at(x)) for x in evidence], **kw)


def place(sub: str, link: str, n: int = 1) -> GM:
    return GM(*at(sub, n), link=link)


def pmention(sub: str, entity: str | None, label: Label = Label.PLACE, n: int = 1) -> Mention:
    s, e, t = at(sub, n)
    return Mention(s, e, t, label, entity=entity)


def acled(sub_event: str | None) -> dict[str, Any]:
    return {"disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": sub_event}


# ------------------------------------------------------------------------------------------ matching


def test_event_overlap_tiers() -> None:
    g = gev("e1", "ASSAULT", "قصفت", evidence=("قصفت قوات النظام بلدة كفرنبل",))
    assert event_overlap(g, pev("ASSAULT", "قصفت")) == (0, 4)
    assert event_overlap(g, pev("ASSAULT", "قوات")) == (1, 4)  # predicted trigger inside gold evidence
    inside = pev("ASSAULT", "النظام", evidence=("قصفت قوات",))
    assert event_overlap(gev("e1", "ASSAULT", "قصفت"), inside) == (1, 4)  # predicted evidence on gold trigger
    assert event_overlap(g, pev("ASSAULT", "اشتباكات")) is None
    # types are not compared by event_overlap itself
    assert event_overlap(g, pev("PROTEST", "قصفت")) == (0, 4)


def test_typed_matching_needs_the_same_type() -> None:
    g = [gev("e1", "ASSAULT", "قصفت")]
    p = [pev("COERCE", "قصفت")]
    assert match_events(g, p) == []
    assert match_events(g, p, typed=False) == [(0, 0)]


def test_untyped_matching_keeps_the_typed_pairs() -> None:
    # span-only greedy would pair REQUEST with the ASSAULT prediction (2 shared chars) and lose one pair
    g = [GE("e1", "ASSAULT", (0, 1, "x")), GE("e2", "REQUEST", (0, 2, "xx"))]
    p = [
        Event(id="a", type="ASSAULT", trigger=Span(0, 2, "xx")),
        Event(id="b", type="REQUEST", trigger=Span(1, 2, "x")),
    ]
    assert match_events(g, p) == [(0, 0), (1, 1)]
    assert match_events(g, p, typed=False) == [(0, 0), (1, 1)]
    # a type mismatch is a span match only when no event of the right type is there
    q = [Event(id="c", type="REJECT", trigger=Span(0, 2, "xx"))]
    assert match_events(g, q, typed=False) == [(1, 0)]


def test_trigger_overlap_wins_over_evidence_overlap() -> None:
    # gold e1's evidence covers e2's trigger; the prediction on that trigger belongs to e2
    e1 = gev("e1", "REQUEST", "طالبت", evidence=("وطالبت الهيئة بوقف القصف",))
    e2 = gev("e2", "REQUEST", "القصف", n=1)
    p = [pev("REQUEST", "القصف")]
    assert match_events([e1, e2], p) == [(1, 0)]
    both = [pev("REQUEST", "القصف"), pev("REQUEST", "الهيئة")]
    assert match_events([e1, e2], both) == [(0, 1), (1, 0)]


def test_matching_is_one_to_one_and_prefers_larger_overlap() -> None:
    g = [GE("e1", "ASSAULT", (0, 10, "x" * 10))]
    small = Event(id="a", type="ASSAULT", trigger=Span(8, 12, "x" * 4))
    large = Event(id="b", type="ASSAULT", trigger=Span(2, 9, "x" * 7))
    assert match_events(g, [small, large]) == [(0, 1)]
    r = evaluate_events("d", "x" * 40, g, [small, large])
    assert (r.detection.tp, r.detection.fp, r.detection.fn) == (1, 1, 0)


# --------------------------------------------------------------------------------------------- slots


def test_place_by_id_and_by_span_for_unlinked_places() -> None:
    kafr = place("كفرنبل", "geonames:170000")
    assert place_is_correct(kafr, "geonames:170000")
    assert not place_is_correct(kafr, "geonames:1")
    assert not place_is_correct(kafr, None)
    assert place_is_correct(None, None)
    assert place_is_correct(None, "") and place_is_correct(None, "-")
    assert not place_is_correct(None, "geonames:170000")
    tam = place("التمانعة", "none")
    mentions = [pmention("التمانعة", "place:التمانعة"), pmention("كفرنبل", "place:كفرنبل", n=2)]
    assert place_is_correct(tam, "place:التمانعة", mentions)
    assert not place_is_correct(tam, "place:كفرنبل", mentions)  # its mention is elsewhere
    assert not place_is_correct(tam, "place:التمانعة", [])  # nothing to compare spans with
    # an ORG mention with the same id does not stand for a place
    assert not place_is_correct(tam, "x", [pmention("التمانعة", "x", Label.ORG)])


def test_acled_sub_event_normalization() -> None:
    assert acled_sub_event("-") is None
    assert acled_sub_event(None) is None
    assert acled_sub_event("Armed clash") == "Armed clash"
    assert acled_sub_event(acled("Air/drone strike")) == "Air/drone strike"
    assert acled_sub_event(acled(None)) is None
    assert acled_sub_event({}) is None


def test_slot_accuracy_over_matched_pairs() -> None:
    kafr = place("كفرنبل", "geonames:170000")
    g = [
        gev(
            "e1",
            "ASSAULT",
            "قصفت",
            acled="Shelling/artillery/missile attack",
            actor1="syrian-government-forces",
            actor2="civilians",
            place=kafr,
            date="2019-05-13",
        ),
        gev("e2", "REQUEST", "طالبت", acled="-", actor1="hayat-tahrir-al-sham"),
        gev("e3", "REJECT", "نفى", actor1="syrian-government-forces", modality="negated", negated=True),
    ]
    p = [
        pev(
            "ASSAULT",
            "قصفت",
            acled=acled("Shelling/artillery/missile attack"),
            actor1="syrian-government-forces",
            actor2=None,
            place="geonames:170000",
            date="2019-05-13",
        ),
        pev("REQUEST", "طالبت", actor1="hayat-tahrir-al-sham", place="geonames:170000", date="2019-05-13"),
        pev("REJECT", "نفى", actor1="syrian-government-forces", acled=acled("Armed clash")),
    ]
    r = evaluate_events("d", TEXT, g, p)
    assert (r.detection.tp, r.detection.fp, r.detection.fn) == (3, 0, 0)
    s = r.slots
    assert (s["actor1"].correct, s["actor1"].total) == (3, 3)
    assert (s["actor2"].correct, s["actor2"].total, s["actor2"].both_empty) == (2, 3, 2)
    assert (s["place"].correct, s["place"].total, s["place"].both_empty) == (2, 3, 1)
    assert (s["date"].correct, s["date"].total) == (2, 3)
    assert (s["modality"].correct, s["negated"].correct) == (2, 2)
    assert (r.acled.correct, r.acled.total) == (2, 3)
    slot_errors = sorted((e.note, e.expected, e.predicted) for e in r.errors if e.kind == "SLOT")
    assert slot_errors == [
        ("e1 actor2", "civilians", None),
        ("e2 date", None, "2019-05-13"),
        ("e2 place", None, "geonames:170000"),
        ("e3 acled", None, "Armed clash"),
        ("e3 modality", "negated", "asserted"),
        ("e3 negated", "true", "false"),
    ]


def test_slots_are_not_scored_on_unmatched_events() -> None:
    g = [gev("e1", "ASSAULT", "قصفت", actor1="a")]
    r = evaluate_events("d", TEXT, g, [pev("ASSAULT", "اشتباكات", actor1="b")])
    assert all(score.total == 0 for score in r.slots.values())
    assert r.acled.total == 0
    assert event_metric_values(aggregate_events([r]))["events.slot.actor1"] is None


# --------------------------------------------------------------------------------- detection, errors


def test_detection_untyped_per_type_and_confusion() -> None:
    g = [
        gev("e1", "ASSAULT", "قصفت"),
        gev("e2", "REQUEST", "طالبت"),
        gev("e3", "REJECT", "نفى"),
    ]
    p = [
        pev("ASSAULT", "قصفت"),
        pev("ACCUSE", "نفى"),  # right span, wrong type
        pev("ASSAULT", "اشتباكات"),  # spurious
    ]
    r = evaluate_events("d", TEXT, g, p)
    assert (r.detection.tp, r.detection.fp, r.detection.fn) == (1, 2, 2)
    assert (r.untyped.tp, r.untyped.fp, r.untyped.fn) == (2, 1, 1)
    assert (r.per_type["ASSAULT"].tp, r.per_type["ASSAULT"].fp) == (1, 1)
    assert (r.per_type["REJECT"].fn, r.per_type["ACCUSE"].fp) == (1, 1)
    assert r.per_type["REQUEST"].recall == 0.0
    assert dict(r.confusion) == {
        ("ASSAULT", "ASSAULT"): 1,
        ("REJECT", "ACCUSE"): 1,
        ("REQUEST", MISSED): 1,
        (SPURIOUS, "ASSAULT"): 1,
    }
    report = aggregate_events([r])
    assert report.confusion == {
        "ASSAULT": {"ASSAULT": 1},
        "REJECT": {"ACCUSE": 1},
        "REQUEST": {MISSED: 1},
        SPURIOUS: {"ASSAULT": 1},
    }
    kinds = [(e.kind, e.label, e.text, e.note) for e in r.errors]
    assert ("MISSED", "REJECT", "نفى", "e3; predicted ACCUSE " + "-".join(map(str, at("نفى")[:2]))) in kinds
    assert ("MISSED", "REQUEST", "طالبت", "e2") in kinds
    assert ("SPURIOUS", "ACCUSE", "نفى", "gold e3 REJECT " + "-".join(map(str, at("نفى")[:2]))) in kinds
    assert ("SPURIOUS", "ASSAULT", "اشتباكات", "") in kinds
    assert [e.start for e in r.errors] == sorted(e.start for e in r.errors)


def test_error_context_is_thirty_characters_each_side() -> None:
    text = "ا" * 50 + " قصفت " + "ب" * 50
    g = [GE("e1", "ASSAULT", at("قصفت", text=text))]
    r = evaluate_events("doc-3", text, g, [])
    (err,) = r.errors
    assert err.doc_id == "doc-3" and err.kind == "MISSED"
    assert len(err.before) == len(err.after) == CONTEXT_CHARS
    assert err.before == text[err.start - CONTEXT_CHARS : err.start]
    assert text[err.start : err.end] == err.text == "قصفت"


def test_document_without_events_scores_only_spurious() -> None:
    r = evaluate_events("d", TEXT, [], [pev("ASSAULT", "قصفت")])
    assert (r.detection.tp, r.detection.fp, r.detection.fn) == (0, 1, 0)
    assert r.detection.precision == 0.0 and r.detection.recall is None


# ------------------------------------------------------------------------------------------- aggregate


def test_aggregate_groups_and_metric_names() -> None:
    a = evaluate_events(
        "a", TEXT, [gev("e1", "ASSAULT", "قصفت")], [pev("ASSAULT", "قصفت")], style="news", conflict="SY"
    )
    b = evaluate_events("b", TEXT, [gev("e1", "REQUEST", "طالبت")], [], style="statement", conflict="SY")
    report = aggregate_events([a, b])
    assert report.documents == 2
    assert report.by_style["news"].counts.f1 == 1.0
    assert report.by_style["statement"].counts.f1 == 0.0
    assert report.by_conflict["SY"].documents == 2
    values = report.metrics()
    assert values["events.f1"] == pytest.approx(2 / 3)
    assert values["events.precision"] == 1.0 and values["events.recall"] == 0.5
    assert values["events.untyped.f1"] == pytest.approx(2 / 3)
    assert values["events.type.ASSAULT.f1"] == 1.0
    assert values["events.type.REQUEST.recall"] == 0.0
    assert values["events.slot.actor1"] == 1.0  # both empty on the one matched pair
    assert values["events.acled_accuracy"] == 1.0
    assert values["events.style.news.f1"] == 1.0
    assert values["events.conflict.SY.f1"] == pytest.approx(2 / 3)
    assert set(EVENT_GATED_METRICS) <= set(values)
    data = report.to_dict()
    assert data["detection"]["tp"] == 1
    assert data["slots"]["actor1"] == {"correct": 1, "total": 1, "accuracy": 1.0, "both_empty": 1}
    assert [e["kind"] for e in data["errors"]] == ["MISSED"]


def test_empty_event_report_is_undefined() -> None:
    values = EventReport().metrics()
    assert values["events.f1"] is None
    assert values["events.slot.place"] is None
    assert values["events.acled_accuracy"] is None


def test_evaluation_report_carries_events() -> None:
    mentions = aggregate([evaluate_document("a", TEXT, [], [])])
    assert "events.f1" not in metric_values(mentions)
    assert "events" not in mentions.to_dict()
    assert gated_metrics(mentions) == gated_metrics(aggregate([]))
    assert not set(EVENT_GATED_METRICS) & set(gated_metrics(mentions))

    missed = evaluate_events("a", TEXT, [gev("e1", "ASSAULT", "قصفت")], [])
    mentions.events = aggregate_events([missed])
    assert metric_values(mentions)["events.f1"] == 0.0
    assert mentions.to_dict()["events"]["detection"]["fn"] == 1
    # no predicted event yet: event floors are not proposed
    assert not set(EVENT_GATED_METRICS) & set(gated_metrics(mentions))
    found = evaluate_events("a", TEXT, [gev("e1", "ASSAULT", "قصفت")], [pev("ASSAULT", "قصفت")])
    mentions.events = aggregate_events([found])
    assert set(EVENT_GATED_METRICS) <= set(gated_metrics(mentions))


# ------------------------------------------------------------------------------------------ properties

TYPES = ["ASSAULT", "REQUEST", "REJECT"]
events_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 6), st.sampled_from(TYPES), st.integers(0, 10)),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(events_strategy, events_strategy)
def test_properties(
    gold_spec: list[tuple[int, int, str, int]], pred_spec: list[tuple[int, int, str, int]]
) -> None:
    text = "x" * 80
    g = [
        GE(f"e{k}", t, (s, s + n, text[s : s + n]), [(s, s + n + w, text[s : s + n + w])])
        for k, (s, n, t, w) in enumerate(gold_spec)
    ]
    p = [Event(id="p", type=t, trigger=Span(s, s + n, text[s : s + n])) for s, n, t, _ in pred_spec]
    r = evaluate_events("d", text, g, p)
    assert r.detection.tp <= r.untyped.tp
    assert r.detection.tp + r.detection.fn == r.untyped.tp + r.untyped.fn == len(g)
    assert r.detection.tp + r.detection.fp == r.untyped.tp + r.untyped.fp == len(p)
    assert sum(c.tp for c in r.per_type.values()) == r.detection.tp
    assert sum(r.confusion.values()) == len(g) + r.untyped.fp
    pairs = match_events(g, p)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(g[i].type == p[j].type for i, j in pairs)
    # predicting the gold itself is perfect, slots included
    same = [Event(id="p", type=x.type, trigger=Span(*x.trigger)) for x in g]
    perfect = evaluate_events("d", text, g, same)
    assert perfect.detection.fn == perfect.detection.fp == 0
    assert all(score.correct == score.total == len(g) for score in perfect.slots.values())
