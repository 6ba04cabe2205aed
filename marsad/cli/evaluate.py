"""``marsad evaluate``: score the default pipeline against the gold set, and gate on pinned floors."""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from marsad.evaluate.metrics import check_floors, gated_metrics, propose_floors
from marsad.evaluate.report import (
    FloorsFileError,
    dump_json,
    evaluate_gold,
    load_floors,
    render_report,
    report_json,
    write_floors,
)

DEFAULT_GOLD = "gold/dev"
DEFAULT_FLOORS = "gold/floors.json"
PROGRESS_DELAY = 1.0  # seconds before a progress bar appears


class DelayedProgress:
    """A progress callback that shows a bar on stderr only once work has taken longer than ``delay``."""

    def __init__(self, console: Console, delay: float = PROGRESS_DELAY) -> None:
        self.console = console
        self.delay = delay
        self.started = time.monotonic()
        self.progress: Progress | None = None
        self.task = TaskID(0)

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if time.monotonic() - self.started < self.delay or not self.console.is_terminal:
                return
            self.progress = Progress(
                TextColumn("evaluating"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("evaluating", total=total)
        self.progress.update(self.task, completed=done)

    def __enter__(self) -> DelayedProgress:
        self.started = time.monotonic()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()


def _missing_gold_message(gold_path: Path, is_default: bool) -> str:
    if is_default:
        return (
            f"no gold set at {DEFAULT_GOLD} (looked in {gold_path.resolve()}). The gold set is expected as "
            f"{DEFAULT_GOLD}/*.txt in the repository root: run from there or pass GOLD_PATH."
        )
    return f"no gold file or directory at {gold_path}"


@click.command(name="evaluate")
@click.argument("gold_path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Rich tables or one JSON object on stdout.",
)
@click.option("--json-out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the JSON here.")
@click.option(
    "--errors",
    "n_errors",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Print up to N mention error rows and N event error rows (table format; JSON always lists "
    "every error).",
)
@click.option(
    "--kb",
    "kb_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra knowledge-base file or directory (repeatable).",
)
@click.option(
    "--gazetteer",
    "gazetteer_path",
    type=click.Path(exists=True, path_type=Path),
    help="Gazetteer index to use instead of the built-in one.",
)
@click.option(
    "--floors",
    "floors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Check figures against this floors file; exit 1 naming every metric below its floor. "
    f"With --update-floors, the file to write (default {DEFAULT_FLOORS}).",
)
@click.option(
    "--update-floors",
    is_flag=True,
    help="Write the current figures as floors; refuses to lower an existing floor.",
)
@click.option("--allow-lower", is_flag=True, help="Let --update-floors lower or drop existing floors.")
@click.option(
    "--margin",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="With --update-floors: subtract this from each figure before pinning it.",
)
def evaluate(
    gold_path: Path | None,
    output_format: str,
    json_out: Path | None,
    n_errors: int,
    kb_paths: tuple[Path, ...],
    gazetteer_path: Path | None,
    floors_path: Path | None,
    update_floors: bool,
    allow_lower: bool,
    margin: float,
) -> None:
    """Measure recognition and event quality against the gold set (default: gold/dev).

    Reports exact and overlap precision/recall/F1 per label, link and TIME value accuracy, F1 by style
    and by conflict, and the errors with their context. On documents whose events are completely
    annotated it also reports event detection P/R/F1 (overall and per PLOVER type), slot and ACLED
    sub-event accuracy, and a type confusion table. Exit status: 0 on success, 1 when a floor is not met
    or a floor update is refused, 2 on a usage error such as a missing gold set.
    """
    from marsad.evaluate.gold import GoldFormatError, load_gold
    from marsad.gazetteer.build import GazetteerError
    from marsad.kb.loader import KnowledgeBaseError
    from marsad.pipeline import Pipeline

    is_default = gold_path is None
    gold = Path(DEFAULT_GOLD) if gold_path is None else gold_path
    if not gold.exists():
        raise click.UsageError(_missing_gold_message(gold, is_default))
    if allow_lower and not update_floors:
        raise click.UsageError("--allow-lower only makes sense with --update-floors")
    err = Console(stderr=True, highlight=False)

    floors: dict[str, float] | None = None
    if floors_path is not None and not update_floors:
        if not floors_path.exists():
            raise click.UsageError(f"floors file {floors_path} does not exist")
        try:
            floors = load_floors(floors_path)
        except FloorsFileError as exc:
            raise click.ClickException(str(exc)) from exc

    try:
        gold_docs = load_gold(gold)
    except GoldFormatError as exc:
        raise click.ClickException(f"gold set is malformed: {exc}") from exc
    if not gold_docs:
        raise click.ClickException(f"no gold documents in {gold} (expected *.txt files in the gold format)")

    try:
        pipeline = Pipeline.default(
            kb_paths=tuple(str(p) for p in kb_paths),
            gazetteer_path=str(gazetteer_path) if gazetteer_path else None,
        )
    except (KnowledgeBaseError, GazetteerError) as exc:
        raise click.ClickException(f"cannot build the pipeline: {exc}") from exc
    with DelayedProgress(err) as progress:
        report = evaluate_gold(gold_docs, pipeline, progress)
    for doc_id, message in report.failures.items():
        err.print(f"warning: {doc_id}: {message} (scored with no predictions)")

    values = report.metrics()
    violations = check_floors(values, floors) if floors is not None else None
    data = report_json(report, gold, violations, floors_path)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_bytes(dump_json(data))
    if output_format == "json":
        click.echo(dump_json(data), nl=False)
    else:
        render_report(report, Console(highlight=False), errors=n_errors)

    if update_floors:
        target = floors_path or Path(DEFAULT_FLOORS)
        try:
            existing = load_floors(target)
        except FloorsFileError as exc:
            raise click.ClickException(str(exc)) from exc
        update = propose_floors(
            values, existing, metrics=gated_metrics(report), margin=margin, allow_lower=allow_lower
        )
        if update.refused and not allow_lower:
            for name, old, new in update.lowered:
                shown = "undefined" if new is None else f"{new:.4f}"
                err.print(f"refused: {name} floor {old:.4f} would become {shown}")
            err.print(f"{target} not written; pass --allow-lower to lower floors on purpose")
            click.get_current_context().exit(1)
        write_floors(target, update.floors, gold)
        err.print(f"wrote {len(update.floors)} floors to {target}")
        return

    if violations is not None:
        if violations:
            err.print(f"quality gate FAILED ({len(violations)} of {len(floors or {})} floors):")
            for v in violations:
                err.print(f"  {v}")
            click.get_current_context().exit(1)
        err.print(f"quality gate passed: {len(floors or {})} floors met ({floors_path})")
