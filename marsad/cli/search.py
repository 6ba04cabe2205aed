"""``marsad search``: Arabic-aware full-text search over the store, with event filters."""

from __future__ import annotations

import re
from typing import Any

import click

from marsad.cli.common import build_filters, db_option, filter_options, open_store

# First-strong isolate / pop: keeps each Arabic snippet from reordering the text around it.
FSI, PDI = "\u2068", "\u2069"
MAX_EVENT_IDS = 8
_BREAKS = re.compile(r"\s*[\n\r\t]\s*")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("query", required=False, default="")
@db_option
@filter_options
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Results per page."
)
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results (paging).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for reading, matches highlighted; json: one object with total and hits.",
)
def search(
    query: str, db_url: str | None, limit: int, offset: int, output_format: str, **kwargs: Any
) -> None:
    """Find documents whose text matches QUERY — across hamza, alef maqsura, ta marbuta and
    diacritic variants and attached clitics (والمقاتلين finds مقاتلين) — and whose events pass the
    filters. Several words must all match; with no QUERY, the filters alone select (newest first).

    \b
    Examples:
      marsad search "قصف مدفعي" --place حماة --from 2017-05-01
      marsad search --actor "Hay'at Tahrir al-Sham" --type "Armed clash" --format json
      marsad search اشتباكات --near 35.13,36.75,15
    """
    filters = build_filters(kwargs)
    with open_store(db_url) as store:
        result = store.search(query or None, filters, limit=limit, offset=offset)
    if output_format == "json":
        import orjson

        payload = {
            "query": query,
            "total": result.total,
            "elapsed_ms": round(result.elapsed_ms, 2),
            "hits": [hit.to_dict() for hit in result.hits],
        }
        click.echo(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode("utf-8"))
        return
    _print_hits(result, offset)


def _print_hits(result: Any, offset: int) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    if not result.hits:
        console.print(f"no matching documents ({result.elapsed_ms:.1f} ms)")
        return
    shown = f"{offset + 1}–{offset + len(result.hits)}"
    console.print(f"[bold]{result.total}[/bold] document(s), showing {shown} ({result.elapsed_ms:.1f} ms)")
    for rank, hit in enumerate(result.hits, start=offset + 1):
        head = Text(f"\n{rank}. ", style="bold")
        head.append(hit.document_id, style="bold cyan")
        for part in (hit.published, hit.source, hit.title):
            if part:
                head.append(" · ")
                head.append(f"{FSI}{part}{PDI}")
        console.print(head)
        for snippet in hit.snippets:
            console.print(Text("   ") + _snippet_text(snippet))
        if hit.event_ids:
            shown_ids = ", ".join(hit.event_ids[:MAX_EVENT_IDS])
            more = len(hit.event_ids) - MAX_EVENT_IDS
            tail = f" … ({len(hit.event_ids)} events)" if more > 0 else ""
            console.print(Text(f"   events: {shown_ids}{tail}", style="dim"))


def _snippet_text(snippet: Any) -> Any:
    """The snippet on one line with its matches highlighted, isolated as a right-to-left run."""
    from rich.text import Text

    text = Text(FSI + "…")
    cursor = snippet.start
    for start, end in sorted(snippet.highlights):
        text.append(_one_line(snippet.text[cursor - snippet.start : start - snippet.start]))
        text.append(
            _one_line(snippet.text[start - snippet.start : end - snippet.start]), style="bold black on yellow"
        )
        cursor = end
    text.append(_one_line(snippet.text[cursor - snippet.start :]))
    text.append("…" + PDI)
    return text


def _one_line(text: str) -> str:
    return _BREAKS.sub(" ", text)
