"""Running the pipeline over the gold set, reading and writing floors, and rendering the results.

``evaluate_gold`` scores a pipeline on already loaded gold documents (mentions on every document, events
on the event-complete ones); ``run_evaluation`` loads the gold set and the default offline pipeline
first. ``render_report`` prints rich tables; Arabic text appears only in the last column of the error
tables (never mixed into a cell with ids or numbers) and is never reordered or reshaped: the terminal's
own bidi support displays it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from marsad.evaluate.event_metrics import (
    SLOT_KIND,
    SLOTS,
    SPURIOUS,
    DocEventEvaluation,
    EventReport,
    aggregate_events,
    confusion_columns,
    evaluate_events,
)
from marsad.evaluate.metrics import (
    LABELS,
    LINK_LABELS,
    MICRO,
    OVERALL,
    Accuracy,
    Counts,
    DocEvaluation,
    ErrorRow,
    EvaluationReport,
    FloorViolation,
    GroupScore,
    aggregate,
    clean_context,
    evaluate_document,
)
from marsad.model import Document, Label

if TYPE_CHECKING:
    from marsad.evaluate.gold import GoldDocument
    from marsad.pipeline import ComponentFailure, Pipeline

ProgressCallback = Callable[[int, int], None]
FLOORS_DESCRIPTION = (
    "Quality floors for `marsad evaluate --floors`: every listed metric must be at least this value "
    "on the gold set. Raise with `marsad evaluate --update-floors`; lowering needs --allow-lower."
)


class FloorsFileError(ValueError):
    """A floors file is unreadable or malformed."""


# ---------------------------------------------------------------------------------------------- running


def evaluate_gold(
    gold_docs: Sequence[GoldDocument],
    pipeline: Pipeline,
    on_progress: ProgressCallback | None = None,
) -> EvaluationReport:
    """Run ``pipeline`` over the gold documents and score its mentions, and its events on the gold
    documents whose events are completely annotated (``report.events`` is None when there are none).

    A document on which a component fails is scored with no predictions and listed in
    ``report.failures``. ``on_progress(done, total)`` is called after every document.
    """
    duplicates = sorted(i for i, n in Counter(g.id for g in gold_docs).items() if n > 1)
    if duplicates:
        raise ValueError(f"gold document ids must be unique; repeated: {', '.join(duplicates[:5])}")
    inputs: list[Document] = []
    for g in gold_docs:
        doc = g.to_document()
        doc.mentions = []  # predictions only: never let gold annotations reach the pipeline
        doc.entities = {}
        inputs.append(doc)

    total = len(inputs)
    predicted: dict[str, Document] = {}
    failures: dict[str, str] = {}

    def on_error(doc: Document, failure: ComponentFailure) -> None:
        failures[doc.id] = str(failure)
        if on_progress is not None:
            on_progress(len(predicted) + len(failures), total)

    for doc in pipeline.pipe(inputs, on_error=on_error):
        predicted[doc.id] = doc
        if on_progress is not None:
            on_progress(len(predicted) + len(failures), total)

    results: list[DocEvaluation] = []
    event_results: list[DocEventEvaluation] = []
    for g in gold_docs:
        out = predicted.get(g.id)
        ok = out is not None and g.id not in failures
        mentions = out.mentions if out is not None and ok else []
        results.append(
            evaluate_document(g.id, g.text, g.mentions, mentions, style=g.style, conflict=g.conflict)
        )
        if g.events_complete:
            events = out.events if out is not None and ok else []
            event_results.append(
                evaluate_events(g.id, g.text, g.events, events, mentions, style=g.style, conflict=g.conflict)
            )
    report = aggregate(results, failures)
    if event_results:
        report.events = aggregate_events(event_results)
    return report


def run_evaluation(
    gold_path: str | Path,
    kb_paths: Sequence[str] = (),
    gazetteer_path: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> EvaluationReport:
    """Load the gold set at ``gold_path`` and evaluate the default pipeline on it."""
    from marsad.evaluate.gold import load_gold
    from marsad.pipeline import Pipeline

    gold_docs = load_gold(gold_path)
    pipeline = Pipeline.default(kb_paths=tuple(kb_paths), gazetteer_path=gazetteer_path)
    return evaluate_gold(gold_docs, pipeline, on_progress)


# ----------------------------------------------------------------------------------------------- floors


def load_floors(path: str | Path) -> dict[str, float]:
    """Read floors from a JSON file ``{"floors": {"metric": value, ...}}``; a missing file has none."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise FloorsFileError(f"{path}: not valid JSON ({exc})") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict):
        raise FloorsFileError(f'{path}: expected an object with a "floors" mapping of metric name to number')
    out: dict[str, float] = {}
    for name, value in floors.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            raise FloorsFileError(f"{path}: floor {name!r} must be a number between 0 and 1, not {value!r}")
        out[str(name)] = float(value)
    return out


def write_floors(path: str | Path, floors: Mapping[str, float], gold_path: str | Path | None = None) -> None:
    """Write floors (sorted by name) with a short description of how they are used."""
    path = Path(path)
    data: dict[str, Any] = {"description": FLOORS_DESCRIPTION}
    if gold_path is not None:
        data["gold"] = str(gold_path)
    data["floors"] = dict(sorted(floors.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


# -------------------------------------------------------------------------------------------- rendering


def fmt(value: float | None) -> str:
    """A score as 0.000, or "n/a" when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def _counts_row(name: str, counts: Counts) -> list[str]:
    return [
        name,
        str(counts.gold),
        str(counts.predicted),
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
        fmt(counts.precision),
        fmt(counts.recall),
        fmt(counts.f1),
    ]


def label_table(report: EvaluationReport) -> Table:
    """Per label and micro: exact P/R/F1 and overlap F1."""
    table = Table(title="Mentions: exact span + label", title_justify="left")
    for col in ("label", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1", "ovl F1"):
        table.add_column(col, justify="left" if col == "label" else "right", no_wrap=True)
    for key in [*(str(label) for label in LABELS), MICRO]:
        row = [*_counts_row(key, report.exact[key]), fmt(report.overlap[key].f1)]
        table.add_row(*row, style="bold" if key == MICRO else None, end_section=key == str(LABELS[-1]))
    return table


def link_table(report: EvaluationReport) -> Table:
    """Link accuracy per label and overall, and TIME value accuracy, matched and end-to-end."""
    table = Table(title="Links (TIME: normalized values)", title_justify="left")
    table.add_column("label", no_wrap=True)
    for col in ("gold linked", "matched", "correct", "accuracy", "end-to-end"):
        table.add_column(col, justify="right", no_wrap=True)
    rows: list[tuple[str, Accuracy, Accuracy]] = [
        (str(label), report.link[str(label)], report.link_e2e[str(label)]) for label in LINK_LABELS
    ]
    rows.append((OVERALL, report.link[OVERALL], report.link_e2e[OVERALL]))
    for name, matched, e2e in rows:
        table.add_row(
            name,
            str(e2e.total),
            str(matched.total),
            str(matched.correct),
            fmt(matched.value),
            fmt(e2e.value),
            style="bold" if name == OVERALL else None,
            end_section=name == OVERALL,
        )
    tv, tv_e2e = report.time_value, report.time_value_e2e
    table.add_row(
        str(Label.TIME), str(tv_e2e.total), str(tv.total), str(tv.correct), fmt(tv.value), fmt(tv_e2e.value)
    )
    return table


def group_table(title: str, groups: Mapping[str, GroupScore]) -> Table:
    """Exact micro scores per style or per conflict."""
    table = Table(title=title, title_justify="left")
    table.add_column(title.split()[-1], justify="left")
    for col in ("docs", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="right")
    for name, group in groups.items():
        row = _counts_row(name, group.counts)
        table.add_row(row[0], str(group.documents), *row[1:])
    return table


def context_text(error: ErrorRow) -> Text:
    """The error's context with the mention marked by ⟦ ⟧, in logical order (never reversed)."""
    text = Text(clean_context(error.before))
    text.append("⟦" + clean_context(error.text) + "⟧", style="bold reverse")
    text.append(clean_context(error.after))
    return text


def error_detail(error: ErrorRow) -> str:
    """Expected and predicted link or value, and the near-miss note, as one left-to-right string.

    Event slot errors read "<event id> <slot>: expected X, got Y" (∅ for an empty slot).
    """
    if error.kind == SLOT_KIND:
        return f"{error.note}: expected {error.expected or '∅'}, got {error.predicted or '∅'}"
    parts: list[str] = []
    if error.kind in ("LINK", "VALUE"):
        parts.append(f"expected {error.expected}, got {error.predicted or '∅'}")
    if error.note:
        parts.append(error.note)
    return "; ".join(parts)


def error_table(
    errors: Sequence[ErrorRow],
    limit: int,
    title: str = "Errors",
    label: str = "label",
    detail_width: int = 22,
) -> Table:
    """Up to ``limit`` errors; ids and figures left, the Arabic context alone in the last column."""
    table = Table(title=f"{title} (first {min(limit, len(errors))} of {len(errors)})", title_justify="left")
    table.add_column("doc", overflow="fold", max_width=24)
    table.add_column("kind")
    table.add_column(label)
    table.add_column("span", justify="right")
    table.add_column("detail", overflow="fold", max_width=detail_width)
    table.add_column("context", justify="right", ratio=1)
    for e in errors[:limit]:
        table.add_row(e.doc_id, e.kind, e.label, f"{e.start}-{e.end}", error_detail(e), context_text(e))
    return table


def event_detection_table(events: EventReport) -> Table:
    """Event detection per PLOVER type, then typed and untyped totals."""
    table = Table(
        title=f"Events: detection ({events.documents} event-complete documents; type + span)",
        title_justify="left",
    )
    for col in ("type", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right", no_wrap=True)
    names = list(events.per_type)
    for name in names:
        table.add_row(*_counts_row(name, events.per_type[name]), end_section=name == names[-1])
    table.add_row(*_counts_row("all (typed)", events.detection), style="bold")
    table.add_row(*_counts_row("all (untyped)", events.untyped))
    return table


def event_slot_table(events: EventReport) -> Table:
    """Slot and ACLED sub-event accuracy over the typed-matched event pairs."""
    table = Table(title="Events: slots over matched pairs", title_justify="left")
    table.add_column("slot", no_wrap=True)
    for col in ("pairs", "correct", "both empty", "accuracy"):
        table.add_column(col, justify="right", no_wrap=True)
    for name in SLOTS:
        score = events.slots[name]
        table.add_row(name, str(score.total), str(score.correct), str(score.both_empty), fmt(score.value))
    acled = events.acled
    table.add_row(
        "ACLED sub-event", str(acled.total), str(acled.correct), str(acled.both_empty), fmt(acled.value)
    )
    return table


def event_confusion_table(events: EventReport) -> Table:
    """Gold type (rows) × predicted type (columns) over span-matched pairs; zeros left blank."""
    title = "Events: gold type × predicted type (span-matched)"
    table = Table(title=title, title_justify="left", min_width=len(title))
    table.add_column("gold \\ pred", no_wrap=True)
    cols = confusion_columns(events)
    for col in cols:
        table.add_column(col, justify="right")
    for row, cells in events.confusion.items():
        values = [str(cells[col]) if cells.get(col) else "" for col in cols]
        styled = [
            Text(v, style="bold") if col == row else Text(v) for v, col in zip(values, cols, strict=True)
        ]
        table.add_row(row, *styled, style="dim" if row == SPURIOUS else None)
    return table


def event_summary_line(events: EventReport) -> str:
    """One line with the headline event figures."""
    d = events.detection
    return (
        f"events: {events.documents} event-complete documents, {d.gold} gold / {d.predicted} predicted: "
        f"F1 {fmt(d.f1)} (P {fmt(d.precision)}, R {fmt(d.recall)}), untyped F1 {fmt(events.untyped.f1)}, "
        f"actor1 {fmt(events.slots['actor1'].value)}, place {fmt(events.slots['place'].value)}, "
        f"date {fmt(events.slots['date'].value)}, ACLED {fmt(events.acled.value)}"
    )


def summary_line(report: EvaluationReport) -> str:
    """One line with the headline figures."""
    micro = report.exact[MICRO]
    return (
        f"{report.documents} documents, {micro.gold} gold / {micro.predicted} predicted mentions: "
        f"exact F1 {fmt(micro.f1)} (P {fmt(micro.precision)}, R {fmt(micro.recall)}), "
        f"overlap F1 {fmt(report.overlap[MICRO].f1)}, "
        f"link accuracy {fmt(report.link[OVERALL].value)} "
        f"(end-to-end {fmt(report.link_e2e[OVERALL].value)}), "
        f"TIME value accuracy {fmt(report.time_value.value)}"
        + (f", {len(report.failures)} documents failed" if report.failures else "")
    )


def render_report(report: EvaluationReport, console: Console, errors: int = 0) -> None:
    """Print the per-label, by-style and by-conflict tables, the event tables when the gold has
    event-complete documents, up to ``errors`` mention and event error rows, and a summary."""
    console.print(label_table(report))
    console.print(link_table(report))
    console.print(group_table("F1 micro by style", report.by_style))
    console.print(group_table("F1 micro by conflict", report.by_conflict))
    events = report.events
    if events is not None:
        console.print(event_detection_table(events))
        console.print(event_slot_table(events))
        console.print(event_confusion_table(events))
        console.print(group_table("Events F1 by style", events.by_style))
        console.print(group_table("Events F1 by conflict", events.by_conflict))
    if errors > 0 and report.errors:
        console.print(error_table(report.errors, errors))
    if errors > 0 and events is not None and events.errors:
        console.print(error_table(events.errors, errors, "Event errors", label="type", detail_width=40))
    for doc_id, message in report.failures.items():
        console.print(f"[red]failed[/red] {doc_id}: {message}", markup=True, highlight=False)
    console.print(summary_line(report), highlight=False)
    if events is not None:
        console.print(event_summary_line(events), highlight=False)


def report_json(
    report: EvaluationReport,
    gold_path: str | Path,
    violations: Sequence[FloorViolation] | None = None,
    floors_path: str | Path | None = None,
) -> dict[str, Any]:
    """The whole evaluation (and the gate result when floors were checked) as one JSON object."""
    data: dict[str, Any] = {"gold": str(gold_path), **report.to_dict()}
    if violations is not None:
        data["gate"] = {
            "floors": str(floors_path) if floors_path is not None else None,
            "passed": not violations,
            "violations": [
                {"metric": v.metric, "floor": v.floor, "value": v.value, "reason": v.reason}
                for v in violations
            ],
        }
    return data


def dump_json(data: Mapping[str, Any]) -> bytes:
    """Pretty UTF-8 JSON (Arabic kept readable, not \\u-escaped)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n"
