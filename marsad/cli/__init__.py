"""The ``marsad`` command. Subcommands live in their own modules and are imported only when used,
so that ``marsad extract`` starts fast."""

from __future__ import annotations

import importlib

import click

from marsad import __version__

# subcommand name -> "module:attribute"
_COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("marsad.cli.extract", "extract"),
    "evaluate": ("marsad.cli.evaluate", "evaluate"),
    "gazetteer": ("marsad.cli.gazetteer", "gazetteer"),
    "ingest": ("marsad.cli.ingest", "ingest"),
    "run": ("marsad.cli.run", "run"),
    "search": ("marsad.cli.search", "search"),
    "export": ("marsad.cli.export", "export"),
    "status": ("marsad.cli.status", "status"),
    "serve": ("marsad.cli.serve", "serve"),
    "users": ("marsad.cli.users", "users"),
}
_HELP = {
    "extract": "Recognize actors, persons, places and times in documents.",
    "evaluate": "Measure quality against the gold set.",
    "gazetteer": "Build, import into and query the place gazetteer.",
    "ingest": "Store documents (text, HTML, JSON Lines, CSV, Telegram) for later runs.",
    "run": "Ingest, extract and store in committed batches (resumable).",
    "search": "Arabic-aware full-text search with actor, place, type and date filters.",
    "export": "Export events as ACLED CSV, PLOVER JSON Lines, GeoJSON, JSON Lines or Parquet.",
    "status": "What the database holds.",
    "serve": "The analyst's workbench: review events in the browser (REST API and web app).",
    "users": "Workbench accounts: add users, roles, passwords, API tokens.",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module = importlib.import_module(target[0])
        command: click.Command = getattr(module, target[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad (مرصد): Arabic conflict reports to structured, geolocated event records with evidence."""
