"""Quality metrics over gold and predicted mentions: pure functions, no I/O.

Scores computed here (see docs/evaluation.md for their definitions):

- exact span + label precision / recall / F1 per label and micro-averaged;
- lenient "overlap" F1 (same label, overlapping spans, one-to-one matching);
- link accuracy over exactly matched gold mentions that carry a link, and end-to-end link accuracy where
  unmatched gold mentions count as wrong (ORG, GROUP, PERSON, PLACE; TIME links are values);
- TIME value accuracy over exactly matched TIME mentions with a gold value (and end-to-end, where
  unmatched gold TIME mentions with a value count as wrong);
- exact micro F1 broken down by document style and by conflict;
- an error list (missed, spurious, wrongly linked, wrong value) with context.

Event scores live in ``marsad.evaluate.event_metrics``; an ``EvaluationReport`` carries them in
``events`` when the gold set has event-complete documents, and ``metric_values`` flattens them too.

Undefined figures (no gold and no predictions, nothing to score) are ``None``, never a made-up 0 or 1.
The floors helpers compare flattened figures with the floors pinned in ``gold/floors.json``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from marsad.model import Label

if TYPE_CHECKING:
    from marsad.evaluate.event_metrics import EventReport

LABELS: tuple[Label, ...] = (Label.ORG, Label.GROUP, Label.PERSON, Label.PLACE, Label.TIME)
LINK_LABELS: tuple[Label, ...] = (Label.ORG, Label.GROUP, Label.PERSON, Label.PLACE)
MICRO = "micro"
OVERALL = "overall"
#: Gold PLACE link meaning "this place must stay unresolved".
NONE_LINK = "none"
#: Entity id prefixes that mean a PLACE was resolved to a gazetteer entry.
PLACE_ID_PREFIXES: tuple[str, ...] = ("geonames:", "admin1:", "custom:")
#: Characters of context kept on each side of an error.
CONTEXT_CHARS = 30
UNKNOWN_GROUP = "unknown"

#: Figures that ``--update-floors`` pins by default (others can be added to floors.json by hand).
DEFAULT_GATED_METRICS: tuple[str, ...] = (
    "exact.micro.f1",
    "exact.ORG.f1",
    "exact.GROUP.f1",
    "exact.PERSON.f1",
    "exact.PLACE.f1",
    "exact.TIME.f1",
    "overlap.micro.f1",
    "link.overall.accuracy",
    "link.ORG.accuracy",
    "link.GROUP.accuracy",
    "link.PERSON.accuracy",
    "link.PLACE.accuracy",
    "link_e2e.overall.accuracy",
    "time.value_accuracy",
)
#: Event figures ``--update-floors`` also pins, once the pipeline predicts events on the gold set.
EVENT_GATED_METRICS: tuple[str, ...] = (
    "events.f1",
    "events.untyped.f1",
    "events.slot.actor1",
    "events.slot.actor2",
    "events.slot.place",
    "events.slot.date",
    "events.acled_accuracy",
)
_FLOOR_DECIMALS = 4
_EPSILON = 1e-9


class SpanLike(Protocol):
    """A labelled span of the original text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> Label: ...


class GoldMentionLike(SpanLike, Protocol):
    """What a gold mention provides (``marsad.evaluate.gold.GoldMention`` fits)."""

    @property
    def link(self) -> str | None: ...


class PredictedMentionLike(SpanLike, Protocol):
    """What a predicted mention provides (``marsad.model.Mention`` fits)."""

    @property
    def entity(self) -> str | None: ...
    @property
    def attrs(self) -> dict[str, Any]: ...


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, with the scores they imply."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add another set of counts into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when there is no gold mention."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); None when there is neither gold nor prediction."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class Accuracy:
    """Share of correct items; None when there is nothing to score."""

    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def record(self, ok: bool) -> None:
        """Count one scored item."""
        self.total += 1
        self.correct += int(ok)

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass(frozen=True, slots=True)
class ErrorRow:
    """One evaluation error with its context in the original text.

    ``kind`` is "FN" (gold mention missed), "FP" (spurious prediction), "LINK" (matched, wrong entity) or
    "VALUE" (matched TIME, wrong normalized value). ``expected``/``predicted`` hold links or values for
    LINK/VALUE rows; ``note`` explains near misses (boundary or label errors).
    """

    doc_id: str
    kind: str
    label: str
    start: int
    end: int
    text: str
    before: str
    after: str
    expected: str | None = None
    predicted: str | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "expected": self.expected,
            "predicted": self.predicted,
            "note": self.note,
        }


def _per_label_counts() -> dict[Label, Counts]:
    return {label: Counts() for label in LABELS}


def _per_label_accuracy() -> dict[Label, Accuracy]:
    return {label: Accuracy() for label in LINK_LABELS}


@dataclass(slots=True)
class DocEvaluation:
    """Scores of one document."""

    doc_id: str
    style: str = UNKNOWN_GROUP
    conflict: str = UNKNOWN_GROUP
    exact: dict[Label, Counts] = field(default_factory=_per_label_counts)
    overlap: dict[Label, Counts] = field(default_factory=_per_label_counts)
    link: dict[Label, Accuracy] = field(default_factory=_per_label_accuracy)
    link_e2e: dict[Label, Accuracy] = field(default_factory=_per_label_accuracy)
    time_value: Accuracy = field(default_factory=Accuracy)
    time_value_e2e: Accuracy = field(default_factory=Accuracy)
    errors: list[ErrorRow] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.exact.values():
            total.add(counts)
        return total


# --------------------------------------------------------------------------------------------- matching


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_exact(
    gold: Sequence[GoldMentionLike], predicted: Sequence[PredictedMentionLike]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) with identical span and label, one-to-one.

    Duplicated predictions of one span match once; the copies stay unmatched (false positives).
    """
    waiting: dict[tuple[int, int, str], list[int]] = {}
    for j, p in enumerate(predicted):
        waiting.setdefault((p.start, p.end, str(p.label)), []).append(j)
    pairs: list[tuple[int, int]] = []
    for i, g in enumerate(gold):
        queue = waiting.get((g.start, g.end, str(g.label)))
        if queue:
            pairs.append((i, queue.pop(0)))
    return pairs


def match_overlap(
    gold: Sequence[GoldMentionLike], predicted: Sequence[PredictedMentionLike]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold and predicted mentions with the same label whose spans overlap.

    Among equally large matchings, candidates with more shared characters are tried first, so an exact
    match is preferred to a partial one.
    """
    candidates: list[list[int]] = []
    for g in gold:
        ranked: list[tuple[int, int, int]] = []  # (-shared chars, boundary distance, predicted index)
        for j, p in enumerate(predicted):
            shared = _overlap(g.start, g.end, p.start, p.end)
            if shared > 0 and str(p.label) == str(g.label):
                ranked.append((-shared, abs(p.start - g.start) + abs(p.end - g.end), j))
        candidates.append([j for _, _, j in sorted(ranked)])

    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        if candidates[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def link_is_correct(label: Label | str, link: str, entity: str | None) -> bool:
    """Whether a predicted entity id satisfies a gold link.

    A PLACE with gold link "none" must stay unresolved: no entity, or an id that is not a gazetteer place
    (not starting with "geonames:", "admin1:" or "custom:"). Otherwise the ids must be equal.
    """
    link = link.strip()
    if str(label) == Label.PLACE and link.lower() == NONE_LINK:
        return entity is None or not entity.startswith(PLACE_ID_PREFIXES)
    return entity is not None and entity.strip() == link


def time_value_of(mention: PredictedMentionLike) -> str | None:
    """The normalized value a TIME prediction carries (``attrs["value"]``), as a string."""
    value = mention.attrs.get("value") if mention.attrs else None
    return None if value is None else str(value).strip()


# ----------------------------------------------------------------------------------------------- errors


def clean_context(text: str) -> str:
    """Make a context snippet safe for one table cell: line breaks shown as ⏎, bidi controls removed."""
    out: list[str] = []
    for ch in text:
        if ch in "\r\n":
            if not out or out[-1] != " ⏎ ":
                out.append(" ⏎ ")
        elif ch == "\t":
            out.append(" ")
        elif ch in _BIDI_CONTROLS or (ord(ch) < 32) or ord(ch) == 127:
            continue
        else:
            out.append(ch)
    return "".join(out)


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _error(
    doc_id: str,
    text: str,
    kind: str,
    m: SpanLike,
    *,
    expected: str | None = None,
    predicted: str | None = None,
    note: str = "",
) -> ErrorRow:
    before = text[max(0, m.start - CONTEXT_CHARS) : m.start]
    after = text[m.end : m.end + CONTEXT_CHARS]
    return ErrorRow(
        doc_id=doc_id,
        kind=kind,
        label=str(m.label),
        start=m.start,
        end=m.end,
        text=m.text,
        before=before,
        after=after,
        expected=expected,
        predicted=predicted,
        note=note,
    )


def _near_miss(m: SpanLike, others: Sequence[SpanLike], other_role: str) -> str:
    """Describe the closest overlapping mention on the other side (boundary or label error).

    Only ids and offsets, no Arabic text, so the note can sit in a left-to-right table column.
    """
    best: tuple[int, int] | None = None  # (-overlap, index)
    for k, o in enumerate(others):
        shared = _overlap(m.start, m.end, o.start, o.end)
        if shared > 0 and (best is None or (-shared, k) < best):
            best = (-shared, k)
    if best is None:
        return ""
    o = others[best[1]]
    same_span = (o.start, o.end) == (m.start, m.end)
    if same_span:
        return f"{other_role} label {o.label}"
    if str(o.label) == str(m.label):
        return f"boundary: {other_role} {o.start}-{o.end}"
    return f"{other_role} {o.label} {o.start}-{o.end}"


# ------------------------------------------------------------------------------------------- documents


def evaluate_document(
    doc_id: str,
    text: str,
    gold: Sequence[GoldMentionLike],
    predicted: Sequence[PredictedMentionLike],
    *,
    style: str | None = None,
    conflict: str | None = None,
) -> DocEvaluation:
    """Score the predicted mentions of one document against its gold mentions."""
    result = DocEvaluation(doc_id=doc_id, style=style or UNKNOWN_GROUP, conflict=conflict or UNKNOWN_GROUP)
    gold = [g for g in gold if str(g.label) in _LABEL_NAMES]
    predicted = [p for p in predicted if str(p.label) in _LABEL_NAMES]

    exact_pairs = match_exact(gold, predicted)
    gold_hit = {i: j for i, j in exact_pairs}
    pred_hit = {j for _, j in exact_pairs}
    for label in LABELS:
        name = str(label)
        n_gold = sum(1 for g in gold if str(g.label) == name)
        n_pred = sum(1 for p in predicted if str(p.label) == name)
        tp = sum(1 for i in gold_hit if str(gold[i].label) == name)
        result.exact[label] = Counts(tp=tp, fp=n_pred - tp, fn=n_gold - tp)
        gold_l = [g for g in gold if str(g.label) == name]
        pred_l = [p for p in predicted if str(p.label) == name]
        otp = len(match_overlap(gold_l, pred_l))
        result.overlap[label] = Counts(tp=otp, fp=n_pred - otp, fn=n_gold - otp)

    for i, g in enumerate(gold):
        j = gold_hit.get(i)
        if j is None:
            result.errors.append(_error(doc_id, text, "FN", g, note=_near_miss(g, predicted, "predicted")))
        link = (g.link or "").strip()
        if not link:
            continue
        label = Label(str(g.label))
        if label == Label.TIME:
            if j is None:
                result.time_value_e2e.record(False)
                continue
            value = time_value_of(predicted[j])
            ok = value == link
            result.time_value.record(ok)
            result.time_value_e2e.record(ok)
            if not ok:
                result.errors.append(_error(doc_id, text, "VALUE", g, expected=link, predicted=value))
            continue
        if j is None:
            result.link_e2e[label].record(False)
            continue
        entity = predicted[j].entity
        ok = link_is_correct(label, link, entity)
        result.link[label].record(ok)
        result.link_e2e[label].record(ok)
        if not ok:
            result.errors.append(_error(doc_id, text, "LINK", g, expected=link, predicted=entity))

    for j, p in enumerate(predicted):
        if j not in pred_hit:
            result.errors.append(_error(doc_id, text, "FP", p, note=_near_miss(p, gold, "gold")))
    result.errors.sort(key=lambda e: (e.start, e.end, e.kind))
    return result


_LABEL_NAMES = frozenset(str(label) for label in LABELS)


# ------------------------------------------------------------------------------------------- aggregate


@dataclass(slots=True)
class GroupScore:
    """Exact-match micro counts of a group of documents (one style or one conflict)."""

    documents: int = 0
    counts: Counts = field(default_factory=Counts)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, **self.counts.to_dict()}


@dataclass(slots=True)
class EvaluationReport:
    """Aggregated scores over a gold set. Keys of the per-label maps are label names plus "micro"
    (counts) or "overall" (accuracies)."""

    documents: int = 0
    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    link: dict[str, Accuracy] = field(default_factory=dict)
    link_e2e: dict[str, Accuracy] = field(default_factory=dict)
    time_value: Accuracy = field(default_factory=Accuracy)
    time_value_e2e: Accuracy = field(default_factory=Accuracy)
    by_style: dict[str, GroupScore] = field(default_factory=dict)
    by_conflict: dict[str, GroupScore] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    events: EventReport | None = None  # None when no gold document is event-complete

    def metrics(self) -> dict[str, float | None]:
        """All figures flattened under dotted names (the names floors.json uses)."""
        return metric_values(self)

    def to_dict(self) -> dict[str, Any]:
        """Everything in one JSON-compatible object."""
        return {
            "documents": self.documents,
            "failures": dict(self.failures),
            "exact": {k: v.to_dict() for k, v in self.exact.items()},
            "overlap": {k: v.to_dict() for k, v in self.overlap.items()},
            "link": {k: v.to_dict() for k, v in self.link.items()},
            "link_e2e": {k: v.to_dict() for k, v in self.link_e2e.items()},
            "time_value": self.time_value.to_dict(),
            "time_value_e2e": self.time_value_e2e.to_dict(),
            "by_style": {k: v.to_dict() for k, v in self.by_style.items()},
            "by_conflict": {k: v.to_dict() for k, v in self.by_conflict.items()},
            "metrics": self.metrics(),
            "errors": [e.to_dict() for e in self.errors],
            **({"events": self.events.to_dict()} if self.events is not None else {}),
        }


def aggregate(docs: Iterable[DocEvaluation], failures: Mapping[str, str] | None = None) -> EvaluationReport:
    """Sum document scores into a report (micro-averaged: every mention weighs the same)."""
    report = EvaluationReport(
        exact={str(label): Counts() for label in LABELS} | {MICRO: Counts()},
        overlap={str(label): Counts() for label in LABELS} | {MICRO: Counts()},
        link={str(label): Accuracy() for label in LINK_LABELS} | {OVERALL: Accuracy()},
        link_e2e={str(label): Accuracy() for label in LINK_LABELS} | {OVERALL: Accuracy()},
        failures=dict(failures or {}),
    )
    for doc in docs:
        report.documents += 1
        for label in LABELS:
            for target, source in ((report.exact, doc.exact), (report.overlap, doc.overlap)):
                target[str(label)].add(source[label])
                target[MICRO].add(source[label])
        for label in LINK_LABELS:
            for acc_target, acc_source in ((report.link, doc.link), (report.link_e2e, doc.link_e2e)):
                acc_target[str(label)].add(acc_source[label])
                acc_target[OVERALL].add(acc_source[label])
        report.time_value.add(doc.time_value)
        report.time_value_e2e.add(doc.time_value_e2e)
        micro = doc.micro
        for groups, key in ((report.by_style, doc.style), (report.by_conflict, doc.conflict)):
            group = groups.setdefault(key, GroupScore())
            group.documents += 1
            group.counts.add(micro)
        report.errors.extend(doc.errors)
    report.by_style = dict(sorted(report.by_style.items()))
    report.by_conflict = dict(sorted(report.by_conflict.items()))
    return report


def metric_values(report: EvaluationReport) -> dict[str, float | None]:
    """Flatten a report into ``{"exact.ORG.f1": 0.97, "link.overall.accuracy": None, ...}``."""
    out: dict[str, float | None] = {}
    for kind, table in (("exact", report.exact), ("overlap", report.overlap)):
        for key, counts in table.items():
            out[f"{kind}.{key}.precision"] = counts.precision
            out[f"{kind}.{key}.recall"] = counts.recall
            out[f"{kind}.{key}.f1"] = counts.f1
    for kind, accs in (("link", report.link), ("link_e2e", report.link_e2e)):
        for key, acc in accs.items():
            out[f"{kind}.{key}.accuracy"] = acc.value
    out["time.value_accuracy"] = report.time_value.value
    out["time.value_accuracy_e2e"] = report.time_value_e2e.value
    for kind, groups in (("style", report.by_style), ("conflict", report.by_conflict)):
        for key, group in groups.items():
            out[f"{kind}.{key}.f1"] = group.counts.f1
    if report.events is not None:
        out.update(report.events.metrics())
    return out


def gated_metrics(report: EvaluationReport) -> tuple[str, ...]:
    """The figures ``--update-floors`` pins: the recognition headline figures, plus the event headline
    figures once the pipeline predicts at least one event on event-complete gold documents."""
    if report.events is not None and report.events.detection.predicted > 0:
        return DEFAULT_GATED_METRICS + EVENT_GATED_METRICS
    return DEFAULT_GATED_METRICS


# ---------------------------------------------------------------------------------------------- floors


@dataclass(frozen=True, slots=True)
class FloorViolation:
    """A figure below its floor, undefined although it has a floor, or unknown to the evaluation."""

    metric: str
    floor: float
    value: float | None
    reason: str

    def __str__(self) -> str:
        return f"{self.metric}: {self.reason}"


def check_floors(values: Mapping[str, float | None], floors: Mapping[str, float]) -> list[FloorViolation]:
    """Every floor that the current figures do not meet.

    An undefined figure (None) or a figure the evaluation does not produce fails its floor: a gate must
    not pass because nothing was measured.
    """
    violations: list[FloorViolation] = []
    for metric, floor in sorted(floors.items()):
        if metric not in values:
            violations.append(FloorViolation(metric, floor, None, f"unknown metric (floor {floor:.4f})"))
            continue
        value = values[metric]
        if value is None:
            violations.append(FloorViolation(metric, floor, None, f"undefined (n/a), floor {floor:.4f}"))
        elif value < floor - _EPSILON:
            violations.append(FloorViolation(metric, floor, value, f"{value:.4f} is below floor {floor:.4f}"))
    return violations


def floor_of(value: float, margin: float = 0.0) -> float:
    """A floor for a measured figure: value minus margin, rounded down to 4 decimals, never below 0."""
    scaled = math.floor((value - margin) * 10**_FLOOR_DECIMALS + _EPSILON)
    return max(0.0, scaled / 10**_FLOOR_DECIMALS)


@dataclass(frozen=True, slots=True)
class FloorUpdate:
    """Result of proposing new floors: the floors to write and the floors that would go down or vanish."""

    floors: dict[str, float]
    lowered: list[tuple[str, float, float | None]]  # (metric, old floor, proposed floor or None if dropped)

    @property
    def refused(self) -> bool:
        return bool(self.lowered)


def propose_floors(
    values: Mapping[str, float | None],
    existing: Mapping[str, float],
    *,
    metrics: Iterable[str] = DEFAULT_GATED_METRICS,
    margin: float = 0.0,
    allow_lower: bool = False,
) -> FloorUpdate:
    """New floors from the current figures, for the default gated metrics plus every already pinned one.

    The margin only ever applies to new or raised floors: a floor the current figure still meets stays
    where it is when figure − margin is below it. Without ``allow_lower``, a floor that would go down
    because its figure fell below it (or be dropped because its figure is undefined) keeps its old value
    and is listed in ``lowered``; callers refuse to write in that case.
    """
    names = list(dict.fromkeys([*metrics, *existing]))
    floors: dict[str, float] = {}
    lowered: list[tuple[str, float, float | None]] = []
    for name in names:
        value = values.get(name)
        proposed = None if value is None else floor_of(value, margin)
        old = existing.get(name)
        if old is not None and value is not None and proposed is not None and value >= old - _EPSILON:
            floors[name] = max(old, proposed)  # still met: the margin never lowers a floor
            continue
        if old is not None and (proposed is None or proposed < old - _EPSILON):
            lowered.append((name, old, proposed))
            if not allow_lower:
                floors[name] = old
                continue
        if proposed is not None:
            floors[name] = proposed
    return FloorUpdate(floors=floors, lowered=lowered)
