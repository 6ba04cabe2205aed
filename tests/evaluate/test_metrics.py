"""Unit tests for marsad.evaluate.metrics with hand-built gold and predicted mentions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.evaluate.metrics import (
    CONTEXT_CHARS,
    Accuracy,
    Counts,
    aggregate,
    check_floors,
    clean_context,
    evaluate_document,
    floor_of,
    link_is_correct,
    match_exact,
    match_overlap,
    metric_values,
    propose_floors,
)
from marsad.model import Label, Mention

TEXT = "قالت حركة أحرار الشام إن قوات النظام قصفت مدينة حماة يوم 5 أيار 2017 وقتل مدنيون."


@dataclass(frozen=True)
class G:
    """A gold mention test double (same attributes as GoldMention)."""

    start: int
    end: int
    text: str
    label: Label
    link: str | None = None


def gold(sub: str, label: Label, link: str | None = None, text: str = TEXT) -> G:
    start = text.index(sub)
    return G(start, start + len(sub), sub, label, link)


def pred(sub: str, label: Label, entity: str | None = None, text: str = TEXT, **attrs: object) -> Mention:
    start = text.index(sub)
    return Mention(start, start + len(sub), sub, label, entity=entity, attrs=dict(attrs))


def span(start: int, end: int, label: Label = Label.PLACE) -> G:
    return G(start, end, "x" * (end - start), label)


def pspan(start: int, end: int, label: Label = Label.PLACE) -> Mention:
    return Mention(start, end, "x" * (end - start), label)


# ------------------------------------------------------------------------------------------ counts


def test_counts_scores() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_counts_undefined_cases() -> None:
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    only_fp = Counts(fp=2)
    assert (only_fp.precision, only_fp.recall, only_fp.f1) == (0.0, None, 0.0)
    only_fn = Counts(fn=2)
    assert (only_fn.precision, only_fn.recall, only_fn.f1) == (None, 0.0, 0.0)


def test_accuracy_undefined_when_empty() -> None:
    acc = Accuracy()
    assert acc.value is None
    acc.record(True)
    acc.record(False)
    assert acc.value == 0.5


# ---------------------------------------------------------------------------------------- matching


def test_exact_match_needs_same_span_and_label() -> None:
    g = [span(0, 5), span(10, 15, Label.ORG)]
    p = [pspan(0, 5), pspan(10, 15, Label.PERSON), pspan(0, 4)]
    assert match_exact(g, p) == [(0, 0)]


def test_exact_match_duplicates_pair_once() -> None:
    g = [span(0, 5)]
    p = [pspan(0, 5), pspan(0, 5)]
    assert match_exact(g, p) == [(0, 0)]
    result = evaluate_document("d", "x" * 20, g, p)
    assert (result.exact[Label.PLACE].tp, result.exact[Label.PLACE].fp) == (1, 1)


def test_overlap_is_one_to_one() -> None:
    # one gold overlapped by two predictions: one TP, one FP
    assert len(match_overlap([span(0, 10)], [pspan(0, 4), pspan(5, 10)])) == 1
    # two golds overlapped by one prediction: one TP, one FN
    assert len(match_overlap([span(0, 4), span(5, 10)], [pspan(0, 10)])) == 1


def test_overlap_prefers_larger_overlap() -> None:
    pairs = match_overlap([span(0, 10)], [pspan(0, 2), pspan(1, 10)])
    assert pairs == [(0, 1)]


def test_overlap_finds_maximum_matching() -> None:
    # gold A prefers X (8 shared chars) but B can only take X: A must move to Y.
    g = [span(0, 10), span(8, 12)]
    p = [pspan(2, 10), pspan(0, 1)]
    assert match_overlap(g, p) == [(0, 1), (1, 0)]


def test_overlap_ignores_other_labels_and_touching_spans() -> None:
    assert match_overlap([span(0, 5)], [pspan(0, 5, Label.ORG)]) == []
    assert match_overlap([span(0, 5)], [pspan(5, 9)]) == []


# ------------------------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("entity", "ok"),
    [
        (None, True),
        ("actor:hts", True),
        ("geonames:170063", False),
        ("admin1:SY.10", False),
        ("custom:sy-qamhana", False),
    ],
)
def test_place_none_link_must_stay_unresolved(entity: str | None, ok: bool) -> None:
    assert link_is_correct(Label.PLACE, "none", entity) is ok


def test_links_compare_ids() -> None:
    assert link_is_correct(Label.PLACE, "geonames:170063", "geonames:170063")
    assert not link_is_correct(Label.PLACE, "geonames:170063", None)
    assert not link_is_correct(Label.ORG, "actor:ahrar-al-sham", "actor:hts")
    # "none" is only special for places
    assert not link_is_correct(Label.ORG, "none", None)


def test_link_accuracy_matched_and_end_to_end() -> None:
    g = [
        gold("حركة أحرار الشام", Label.ORG, "actor:ahrar"),
        gold("قوات النظام", Label.ORG, "actor:sy-gov"),
        gold("حماة", Label.PLACE, "geonames:170063"),
        gold("مدنيون", Label.GROUP, None),
    ]
    p = [
        pred("حركة أحرار الشام", Label.ORG, "actor:ahrar"),
        pred("قوات النظام", Label.ORG, "actor:other"),
        pred("مدينة حماة", Label.PLACE, "geonames:170063"),  # boundary error: not exactly matched
        pred("مدنيون", Label.GROUP, "group:civilians"),
    ]
    r = evaluate_document("d1", TEXT, g, p)
    assert (r.link[Label.ORG].correct, r.link[Label.ORG].total) == (1, 2)
    assert r.link[Label.PLACE].total == 0
    assert (r.link_e2e[Label.PLACE].correct, r.link_e2e[Label.PLACE].total) == (0, 1)
    assert r.link[Label.GROUP].total == 0  # gold without a link is not scored
    report = aggregate([r])
    assert report.link["overall"].value == 0.5
    assert report.link_e2e["overall"].value == pytest.approx(1 / 3)
    kinds = sorted((e.kind, e.text) for e in r.errors)
    assert kinds == [("FN", "حماة"), ("FP", "مدينة حماة"), ("LINK", "قوات النظام")]
    link_err = next(e for e in r.errors if e.kind == "LINK")
    assert (link_err.expected, link_err.predicted) == ("actor:sy-gov", "actor:other")


def test_time_value_accuracy() -> None:
    g = [gold("يوم 5 أيار 2017", Label.TIME, "2017-05-05"), gold("حماة", Label.PLACE)]
    right = evaluate_document("d", TEXT, g, [pred("يوم 5 أيار 2017", Label.TIME, value="2017-05-05")])
    assert (right.time_value.correct, right.time_value.total) == (1, 1)
    wrong = evaluate_document("d", TEXT, g, [pred("يوم 5 أيار 2017", Label.TIME, value="2017-05")])
    assert (wrong.time_value.correct, wrong.time_value.total) == (0, 1)
    assert [(e.kind, e.expected, e.predicted) for e in wrong.errors if e.kind == "VALUE"] == [
        ("VALUE", "2017-05-05", "2017-05")
    ]
    missing = evaluate_document("d", TEXT, g, [])
    assert missing.time_value.total == 0  # only exactly matched TIME mentions are scored
    assert (missing.time_value_e2e.correct, missing.time_value_e2e.total) == (0, 1)
    assert (right.time_value_e2e.correct, right.time_value_e2e.total) == (1, 1)
    # TIME links are values, never counted as entity links
    assert all(acc.total == 0 for acc in right.link_e2e.values())


# ------------------------------------------------------------------------------------ documents


def test_exact_and_overlap_counts_per_label() -> None:
    g = [
        gold("حركة أحرار الشام", Label.ORG),
        gold("حماة", Label.PLACE),
        gold("مدنيون", Label.GROUP),
    ]
    p = [
        pred("حركة أحرار الشام", Label.ORG),
        pred("مدينة حماة", Label.PLACE),
        pred("مدنيون", Label.ORG),  # label error
        pred("قوات النظام", Label.ORG),  # spurious
    ]
    r = evaluate_document("d", TEXT, g, p)
    org, place, group = r.exact[Label.ORG], r.exact[Label.PLACE], r.exact[Label.GROUP]
    assert (org.tp, org.fp, org.fn) == (1, 2, 0)
    assert (place.tp, place.fp, place.fn) == (0, 1, 1)
    assert (group.tp, group.fp, group.fn) == (0, 0, 1)
    assert (r.overlap[Label.PLACE].tp, r.overlap[Label.PLACE].fn) == (1, 0)
    assert r.overlap[Label.GROUP].tp == 0
    micro = r.micro
    assert (micro.tp, micro.fp, micro.fn) == (1, 3, 2)


def test_empty_document_scores_are_undefined() -> None:
    report = aggregate([evaluate_document("d", "نص", [], [])])
    values = metric_values(report)
    assert values["exact.micro.f1"] is None
    assert values["exact.ORG.precision"] is None
    assert values["link.overall.accuracy"] is None
    assert values["time.value_accuracy"] is None


def test_errors_carry_context_and_near_miss_notes() -> None:
    text = "سطر أول\n" + "ا" * 40 + " قصف على حماة وريفها " + "ب" * 40
    g = [gold("حماة", Label.PLACE, text=text)]
    p = [pred("حماة وريفها", Label.PLACE, text=text)]
    r = evaluate_document("doc-7", text, g, p)
    fn = next(e for e in r.errors if e.kind == "FN")
    fp = next(e for e in r.errors if e.kind == "FP")
    assert fn.before == text[fn.start - CONTEXT_CHARS : fn.start]
    assert fn.after == text[fn.end : fn.end + CONTEXT_CHARS]
    assert len(fn.before) == len(fn.after) == CONTEXT_CHARS
    assert text[fn.start : fn.end] == fn.text
    assert fn.note.startswith("boundary")
    assert fp.note.startswith("boundary")
    labelled = evaluate_document("d", text, g, [pred("حماة", Label.ORG, text=text)])
    assert {e.note for e in labelled.errors} == {"predicted label ORG", "gold label PLACE"}


def test_context_at_text_edges_and_cleaning() -> None:
    text = "حماة"
    r = evaluate_document("d", text, [G(0, 4, "حماة", Label.PLACE)], [])
    assert (r.errors[0].before, r.errors[0].after) == ("", "")
    assert clean_context("أ\nب\u202eج\u200fد\tه") == "أ ⏎ بجد ه"


def test_aggregate_by_style_and_conflict() -> None:
    a = evaluate_document(
        "a", TEXT, [gold("حماة", Label.PLACE)], [pred("حماة", Label.PLACE)], style="news", conflict="syria"
    )
    b = evaluate_document("b", TEXT, [gold("حماة", Label.PLACE)], [], style="statement", conflict="syria")
    c = evaluate_document("c", TEXT, [], [])
    report = aggregate([a, b, c])
    assert report.documents == 3
    assert report.by_style["news"].counts.f1 == 1.0
    assert report.by_style["statement"].counts.f1 == 0.0
    assert report.by_style["unknown"].counts.f1 is None
    assert report.by_conflict["syria"].documents == 2
    assert report.by_conflict["syria"].counts.f1 == pytest.approx(2 / 3)
    values = metric_values(report)
    assert values["style.news.f1"] == 1.0
    assert values["conflict.syria.f1"] == pytest.approx(2 / 3)
    as_dict = report.to_dict()
    assert as_dict["exact"]["micro"]["tp"] == 1
    assert as_dict["metrics"]["exact.PLACE.recall"] == 0.5


# ---------------------------------------------------------------------------------------- floors


def test_check_floors_names_each_failure() -> None:
    values: dict[str, float | None] = {
        "exact.ORG.f1": 0.9,
        "exact.PLACE.f1": 0.95,
        "link.overall.accuracy": None,
    }
    floors = {"exact.ORG.f1": 0.91, "exact.PLACE.f1": 0.95, "link.overall.accuracy": 0.9, "nope.f1": 0.1}
    violations = {v.metric: v for v in check_floors(values, floors)}
    assert set(violations) == {"exact.ORG.f1", "link.overall.accuracy", "nope.f1"}
    assert "below floor" in violations["exact.ORG.f1"].reason
    assert "undefined" in violations["link.overall.accuracy"].reason
    assert "unknown metric" in violations["nope.f1"].reason
    assert check_floors(values, {"exact.PLACE.f1": 0.95}) == []


def test_floor_of_rounds_down() -> None:
    assert floor_of(0.96789) == 0.9678
    assert floor_of(0.96789, margin=0.01) == 0.9578
    assert floor_of(1.0) == 1.0
    assert floor_of(0.005, margin=0.01) == 0.0


def test_propose_floors_refuses_to_lower() -> None:
    values: dict[str, float | None] = {
        "exact.ORG.f1": 0.8,
        "exact.PLACE.f1": 0.97,
        "link.overall.accuracy": None,
    }
    existing = {"exact.ORG.f1": 0.9, "exact.PLACE.f1": 0.95, "link.overall.accuracy": 0.9}
    update = propose_floors(values, existing, metrics=["exact.ORG.f1", "exact.PLACE.f1"])
    assert update.refused
    assert {name for name, _, _ in update.lowered} == {"exact.ORG.f1", "link.overall.accuracy"}
    assert update.floors == {"exact.ORG.f1": 0.9, "exact.PLACE.f1": 0.97, "link.overall.accuracy": 0.9}
    allowed = propose_floors(values, existing, metrics=["exact.ORG.f1"], allow_lower=True)
    assert allowed.floors == {"exact.ORG.f1": 0.8, "exact.PLACE.f1": 0.97}
    fresh = propose_floors(values, {}, metrics=["exact.ORG.f1", "link.overall.accuracy"], margin=0.02)
    assert not fresh.refused
    assert fresh.floors == {"exact.ORG.f1": 0.78}


# ------------------------------------------------------------------------------------- properties

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 8), st.sampled_from([Label.ORG, Label.PLACE, Label.TIME])),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(spans, spans)
def test_properties(
    gold_spans: list[tuple[int, int, Label]], pred_spans: list[tuple[int, int, Label]]
) -> None:
    g = [span(s, s + n, label) for s, n, label in gold_spans]
    p = [pspan(s, s + n, label) for s, n, label in pred_spans]
    r = evaluate_document("d", "x" * 80, g, p)
    for label in (Label.ORG, Label.PLACE, Label.TIME):
        exact, overlap = r.exact[label], r.overlap[label]
        assert exact.tp <= overlap.tp  # lenient matching never finds fewer pairs
        assert exact.tp + exact.fn == overlap.tp + overlap.fn == sum(1 for x in g if x.label == label)
        assert exact.tp + exact.fp == sum(1 for x in p if x.label == label)
    pairs = match_overlap(g, p)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    # predicting the gold itself is perfect
    same = evaluate_document("d", "x" * 80, g, [pspan(x.start, x.end, x.label) for x in g])
    assert same.micro.fn == same.micro.fp == 0
    assert same.micro.f1 == (1.0 if g else None)


def test_margin_never_lowers_a_floor_that_is_still_met() -> None:
    values: dict[str, float | None] = {"exact.ORG.f1": 0.96, "exact.PLACE.f1": 0.99, "events.f1": 0.9}
    existing = {"exact.ORG.f1": 0.95, "exact.PLACE.f1": 0.95}
    update = propose_floors(values, existing, metrics=["events.f1"], margin=0.02)
    assert not update.refused
    # ORG: 0.96 - 0.02 is below its floor, which the figure still meets: kept; PLACE raised; events new
    assert update.floors == {"events.f1": 0.88, "exact.ORG.f1": 0.95, "exact.PLACE.f1": 0.97}
    dropped = propose_floors({"exact.ORG.f1": 0.94}, existing, metrics=[], margin=0.02)
    assert dropped.refused and dropped.lowered[0] == ("exact.ORG.f1", 0.95, 0.92)
