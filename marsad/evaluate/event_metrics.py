"""Event metrics over gold and predicted events: pure functions, no I/O.

Scores computed here (see docs/evaluation.md, "Events"):

- event detection precision / recall / F1, typed (same PLOVER type and overlapping spans) and untyped
  (overlapping spans only), overall and per PLOVER type;
- slot accuracy over typed-matched pairs: actor1, actor2, place, date, modality, negated;
- ACLED sub-event accuracy over typed-matched pairs;
- a confusion table of PLOVER types over untyped-matched pairs, with "missed" and "spurious" cells;
- typed detection broken down by document style and by conflict;
- an error list (missed, spurious, wrong slot) with the trigger in context.

Only documents whose gold annotation is complete for events are scored (the caller selects them).
Undefined figures are ``None``, as in ``marsad.evaluate.metrics``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.evaluate.metrics import (
    CONTEXT_CHARS,
    NONE_LINK,
    UNKNOWN_GROUP,
    Accuracy,
    Counts,
    ErrorRow,
    GroupScore,
    PredictedMentionLike,
)
from marsad.model import Label

#: Slots scored over matched event pairs, in report order.
SLOTS: tuple[str, ...] = ("actor1", "actor2", "place", "date", "modality", "negated")
#: Key of the ACLED sub-event type among the per-pair results (scored as ``events.acled_accuracy``).
ACLED = "acled"
#: Row and column names of the confusion table for unmatched events.
MISSED = "missed"
SPURIOUS = "spurious"
#: Error kinds of event error rows.
MISSED_KIND = "MISSED"
SPURIOUS_KIND = "SPURIOUS"
SLOT_KIND = "SLOT"
_EMPTY_VALUES = frozenset({"", "-"})
_TRIGGER_TIER, _EVIDENCE_TIER = 0, 1


class GoldPlaceLike(Protocol):
    """The gold PLACE mention an event happens at (``GoldMention`` fits)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def link(self) -> str | None: ...


class GoldEventLike(Protocol):
    """What a gold event provides (``marsad.evaluate.gold.GoldEvent`` fits).

    ``trigger`` and each evidence item are ``(start, end, text)`` tuples or objects with ``start``/``end``.
    """

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def acled(self) -> str | None: ...
    @property
    def trigger(self) -> Any: ...
    @property
    def evidence(self) -> Sequence[Any]: ...
    @property
    def actor1(self) -> str | None: ...
    @property
    def actor2(self) -> str | None: ...
    @property
    def place(self) -> GoldPlaceLike | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def modality(self) -> str: ...
    @property
    def negated(self) -> bool: ...


class PredictedEventLike(Protocol):
    """What a predicted event provides (``marsad.model.Event`` fits)."""

    @property
    def type(self) -> str: ...
    @property
    def trigger(self) -> Any: ...
    @property
    def evidence(self) -> Sequence[Any]: ...
    @property
    def acled(self) -> Mapping[str, Any] | None: ...
    @property
    def actor1(self) -> str | None: ...
    @property
    def actor2(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def modality(self) -> str: ...
    @property
    def negated(self) -> bool: ...


def bounds(span: Any) -> tuple[int, int]:
    """``(start, end)`` of a span given as a ``(start, end, text)`` tuple or an object with offsets."""
    if isinstance(span, tuple | list):
        return int(span[0]), int(span[1])
    return int(span.start), int(span.end)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _clean(value: str | None) -> str | None:
    """None for an empty slot ("", "-" or None), else the stripped value."""
    if value is None:
        return None
    value = str(value).strip()
    return None if value in _EMPTY_VALUES else value


# --------------------------------------------------------------------------------------------- matching


def event_overlap(gold: GoldEventLike, predicted: PredictedEventLike) -> tuple[int, int] | None:
    """How a predicted event's spans meet a gold event's: ``(tier, shared characters)`` or None.

    Tier 0: the two triggers overlap. Tier 1: the predicted trigger overlaps a gold evidence span, or a
    predicted evidence span overlaps the gold trigger. Types are not compared here.
    """
    g_trigger, p_trigger = bounds(gold.trigger), bounds(predicted.trigger)
    shared = _overlap(g_trigger, p_trigger)
    if shared:
        return _TRIGGER_TIER, shared
    shared = max(
        [_overlap(p_trigger, bounds(ev)) for ev in gold.evidence]
        + [_overlap(bounds(ev), g_trigger) for ev in predicted.evidence]
        + [0]
    )
    return (_EVIDENCE_TIER, shared) if shared else None


def match_events(
    gold: Sequence[GoldEventLike], predicted: Sequence[PredictedEventLike], *, typed: bool = True
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of events whose spans meet (see ``event_overlap``).

    With ``typed`` the PLOVER types must also be equal. Greedy: trigger-trigger overlaps first, then
    larger overlaps, then text order. Untyped matching keeps the typed pairs and then pairs the remaining
    events by span alone, so it never finds fewer pairs than typed matching and a type mismatch is only
    reported where no event of the right type was found.
    """
    pairs = _greedy(gold, predicted, same_type=True, taken=[])
    if not typed:
        pairs += _greedy(gold, predicted, same_type=False, taken=pairs)
    return sorted(pairs)


def _greedy(
    gold: Sequence[GoldEventLike],
    predicted: Sequence[PredictedEventLike],
    *,
    same_type: bool,
    taken: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    gold_used = {i for i, _ in taken}
    pred_used = {j for _, j in taken}
    candidates: list[tuple[int, int, int, int]] = []  # (tier, -shared, gold index, predicted index)
    for i, g in enumerate(gold):
        if i in gold_used:
            continue
        for j, p in enumerate(predicted):
            if j in pred_used or (same_type and g.type != p.type):
                continue
            met = event_overlap(g, p)
            if met is not None:
                candidates.append((met[0], -met[1], i, j))
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in sorted(candidates):
        if i in gold_used or j in pred_used:
            continue
        gold_used.add(i)
        pred_used.add(j)
        pairs.append((i, j))
    return pairs


# ------------------------------------------------------------------------------------------------ slots


def place_is_correct(
    gold_place: GoldPlaceLike | None,
    predicted_place: str | None,
    mentions: Sequence[PredictedMentionLike] = (),
) -> bool:
    """Whether a predicted event place (an entity id) matches the gold event place.

    Both empty is correct. A gold place linked to the gazetteer needs the same id. A gold place linked
    "none" (not in the gazetteer) is matched by span: some predicted PLACE mention of the predicted
    entity must overlap the gold place mention.
    """
    predicted_place = _clean(predicted_place)
    if gold_place is None or predicted_place is None:
        return gold_place is None and predicted_place is None
    link = _clean(gold_place.link)
    if link is not None and link.lower() != NONE_LINK:
        return predicted_place == link
    target = (gold_place.start, gold_place.end)
    return any(
        str(m.label) == Label.PLACE and m.entity == predicted_place and _overlap(target, (m.start, m.end))
        for m in mentions
    )


def acled_sub_event(acled: Mapping[str, Any] | str | None) -> str | None:
    """The ACLED sub-event type of a gold value (a string) or a predicted ``acled`` dict; "-" is None."""
    if acled is None or isinstance(acled, str):
        return _clean(acled)
    value = acled.get("sub_event_type")
    return None if value is None else _clean(str(value))


def _place_shown(gold_place: GoldPlaceLike | None) -> str | None:
    if gold_place is None:
        return None
    link = _clean(gold_place.link) or NONE_LINK
    return f"{link}@{gold_place.start}-{gold_place.end}" if link.lower() == NONE_LINK else link


def slot_results(
    gold: GoldEventLike, predicted: PredictedEventLike, mentions: Sequence[PredictedMentionLike] = ()
) -> dict[str, tuple[bool, bool, str | None, str | None]]:
    """For every slot in ``SLOTS`` and for "acled" (the ACLED sub-event type):
    (correct, both empty, expected shown, predicted shown)."""
    out: dict[str, tuple[bool, bool, str | None, str | None]] = {}
    for name in ("actor1", "actor2", "date"):
        expected, got = _clean(getattr(gold, name)), _clean(getattr(predicted, name))
        out[name] = (expected == got, expected is None and got is None, expected, got)
    place = _clean(predicted.place)
    out["place"] = (
        place_is_correct(gold.place, place, mentions),
        gold.place is None and place is None,
        _place_shown(gold.place),
        place,
    )
    g_mod, p_mod = _clean(gold.modality) or "asserted", _clean(predicted.modality) or "asserted"
    out["modality"] = (g_mod == p_mod, False, g_mod, p_mod)
    g_neg, p_neg = bool(gold.negated), bool(predicted.negated)
    out["negated"] = (g_neg == p_neg, False, str(g_neg).lower(), str(p_neg).lower())
    g_acled, p_acled = acled_sub_event(gold.acled), acled_sub_event(predicted.acled)
    out[ACLED] = (g_acled == p_acled, g_acled is None and p_acled is None, g_acled, p_acled)
    return out


# ------------------------------------------------------------------------------------------- documents


@dataclass(slots=True)
class SlotScore(Accuracy):
    """Slot accuracy; ``both_empty`` counts the correct pairs where neither side fills the slot."""

    both_empty: int = 0

    def add(self, other: Accuracy) -> None:
        Accuracy.add(self, other)
        if isinstance(other, SlotScore):
            self.both_empty += other.both_empty

    def to_dict(self) -> dict[str, Any]:
        return {**Accuracy.to_dict(self), "both_empty": self.both_empty}


def _slot_scores() -> dict[str, SlotScore]:
    return {name: SlotScore() for name in SLOTS}


@dataclass(slots=True)
class DocEventEvaluation:
    """Event scores of one document."""

    doc_id: str
    style: str = UNKNOWN_GROUP
    conflict: str = UNKNOWN_GROUP
    detection: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=dict)
    slots: dict[str, SlotScore] = field(default_factory=_slot_scores)
    acled: SlotScore = field(default_factory=SlotScore)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[ErrorRow] = field(default_factory=list)


def _event_error(
    doc_id: str,
    text: str,
    kind: str,
    event_type: str,
    trigger: Any,
    *,
    expected: str | None = None,
    predicted: str | None = None,
    note: str = "",
) -> ErrorRow:
    start, end = bounds(trigger)
    return ErrorRow(
        doc_id=doc_id,
        kind=kind,
        label=event_type,
        start=start,
        end=end,
        text=text[start:end],
        before=text[max(0, start - CONTEXT_CHARS) : start],
        after=text[end : end + CONTEXT_CHARS],
        expected=expected,
        predicted=predicted,
        note=note,
    )


def _where(event_type: str, trigger: Any) -> str:
    start, end = bounds(trigger)
    return f"{event_type} {start}-{end}"


def evaluate_events(
    doc_id: str,
    text: str,
    gold: Sequence[GoldEventLike],
    predicted: Sequence[PredictedEventLike],
    mentions: Sequence[PredictedMentionLike] = (),
    *,
    style: str | None = None,
    conflict: str | None = None,
) -> DocEventEvaluation:
    """Score the predicted events of one event-complete document against its gold events.

    ``mentions`` are the document's predicted mentions, used to match places the gold leaves unlinked.
    """
    result = DocEventEvaluation(
        doc_id=doc_id, style=style or UNKNOWN_GROUP, conflict=conflict or UNKNOWN_GROUP
    )
    typed_pairs = match_events(gold, predicted, typed=True)
    typed = dict(typed_pairs)
    typed_pred = set(typed.values())
    untyped = typed | dict(_greedy(gold, predicted, same_type=False, taken=typed_pairs))
    untyped_gold = {j: i for i, j in untyped.items()}

    result.detection = Counts(tp=len(typed), fp=len(predicted) - len(typed), fn=len(gold) - len(typed))
    result.untyped = Counts(tp=len(untyped), fp=len(predicted) - len(untyped), fn=len(gold) - len(untyped))
    for event_type in sorted({g.type for g in gold} | {p.type for p in predicted}):
        tp = sum(1 for i in typed if gold[i].type == event_type)
        result.per_type[event_type] = Counts(
            tp=tp,
            fp=sum(1 for p in predicted if p.type == event_type) - tp,
            fn=sum(1 for g in gold if g.type == event_type) - tp,
        )
    for i, g in enumerate(gold):
        j = untyped.get(i)
        result.confusion[(g.type, MISSED if j is None else predicted[j].type)] += 1
    for j, p in enumerate(predicted):
        if j not in untyped_gold:
            result.confusion[(SPURIOUS, p.type)] += 1

    for i, g in enumerate(gold):
        j = typed.get(i)
        if j is None:
            near = untyped.get(i)
            note = (
                g.id
                if near is None
                else f"{g.id}; predicted {_where(predicted[near].type, predicted[near].trigger)}"
            )
            result.errors.append(_event_error(doc_id, text, MISSED_KIND, g.type, g.trigger, note=note))
            continue
        p = predicted[j]
        for name, (ok, empty, expected, got) in slot_results(g, p, mentions).items():
            score = result.acled if name == ACLED else result.slots[name]
            score.record(ok)
            score.both_empty += int(empty)
            if not ok:
                result.errors.append(
                    _event_error(
                        doc_id,
                        text,
                        SLOT_KIND,
                        g.type,
                        g.trigger,
                        expected=expected,
                        predicted=got,
                        note=f"{g.id} {name}",
                    )
                )
    for j, p in enumerate(predicted):
        if j in typed_pred:
            continue
        near = untyped_gold.get(j)
        note = "" if near is None else f"gold {gold[near].id} {_where(gold[near].type, gold[near].trigger)}"
        result.errors.append(_event_error(doc_id, text, SPURIOUS_KIND, p.type, p.trigger, note=note))
    result.errors.sort(key=lambda e: (e.start, e.end, e.kind))
    return result


# ------------------------------------------------------------------------------------------- aggregate


@dataclass(slots=True)
class EventReport:
    """Event scores summed over the event-complete documents of a gold set (micro averages)."""

    documents: int = 0
    detection: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=dict)
    slots: dict[str, SlotScore] = field(default_factory=_slot_scores)
    acled: SlotScore = field(default_factory=SlotScore)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    by_style: dict[str, GroupScore] = field(default_factory=dict)
    by_conflict: dict[str, GroupScore] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        """All event figures flattened under dotted names starting with ``events.``."""
        return event_metric_values(self)

    def to_dict(self) -> dict[str, Any]:
        """Everything in one JSON-compatible object."""
        return {
            "documents": self.documents,
            "detection": self.detection.to_dict(),
            "untyped": self.untyped.to_dict(),
            "per_type": {k: v.to_dict() for k, v in self.per_type.items()},
            "slots": {k: v.to_dict() for k, v in self.slots.items()},
            "acled": self.acled.to_dict(),
            "confusion": {row: dict(cols) for row, cols in self.confusion.items()},
            "by_style": {k: v.to_dict() for k, v in self.by_style.items()},
            "by_conflict": {k: v.to_dict() for k, v in self.by_conflict.items()},
            "errors": [e.to_dict() for e in self.errors],
        }


def aggregate_events(docs: Iterable[DocEventEvaluation]) -> EventReport:
    """Sum document event scores into a report; the confusion table's rows are gold types (then
    "spurious"), its columns predicted types (then "missed"), each sorted by name."""
    report = EventReport()
    confusion: Counter[tuple[str, str]] = Counter()
    per_type: dict[str, Counts] = {}
    for doc in docs:
        report.documents += 1
        report.detection.add(doc.detection)
        report.untyped.add(doc.untyped)
        for event_type, counts in doc.per_type.items():
            per_type.setdefault(event_type, Counts()).add(counts)
        for name, score in doc.slots.items():
            report.slots[name].add(score)
        report.acled.add(doc.acled)
        confusion.update(doc.confusion)
        for groups, key in ((report.by_style, doc.style), (report.by_conflict, doc.conflict)):
            group = groups.setdefault(key, GroupScore())
            group.documents += 1
            group.counts.add(doc.detection)
        report.errors.extend(doc.errors)
    report.per_type = dict(sorted(per_type.items()))
    rows = [*sorted({g for g, _ in confusion} - {SPURIOUS}), SPURIOUS]
    cells = sorted(confusion.items())
    report.confusion = {row: {col: n for (r, col), n in cells if r == row and n} for row in rows}
    report.by_style = dict(sorted(report.by_style.items()))
    report.by_conflict = dict(sorted(report.by_conflict.items()))
    return report


def confusion_columns(report: EventReport) -> list[str]:
    """The predicted-type columns of the confusion table in display order, "missed" last."""
    cols = {col for cells in report.confusion.values() for col in cells} - {MISSED}
    return [*sorted(cols), MISSED]


def event_metric_values(report: EventReport) -> dict[str, float | None]:
    """Flatten an event report: ``events.f1``, ``events.type.ASSAULT.f1``, ``events.slot.place``, …"""
    out: dict[str, float | None] = {}
    for prefix, counts in (("events", report.detection), ("events.untyped", report.untyped)):
        out[f"{prefix}.precision"] = counts.precision
        out[f"{prefix}.recall"] = counts.recall
        out[f"{prefix}.f1"] = counts.f1
    for event_type, counts in report.per_type.items():
        out[f"events.type.{event_type}.precision"] = counts.precision
        out[f"events.type.{event_type}.recall"] = counts.recall
        out[f"events.type.{event_type}.f1"] = counts.f1
    for name, score in report.slots.items():
        out[f"events.slot.{name}"] = score.value
    out["events.acled_accuracy"] = report.acled.value
    for kind, groups in (("style", report.by_style), ("conflict", report.by_conflict)):
        for key, group in groups.items():
            out[f"events.{kind}.{key}.f1"] = group.counts.f1
    return out
