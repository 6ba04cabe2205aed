"""``marsad status``: what the store holds."""

from __future__ import annotations

import click

from marsad.cli.common import db_option, open_store


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def status(db_url: str | None, as_json: bool) -> None:
    """Show the database, its schema version and how many documents, events, mentions, entities and
    near-duplicate clusters it holds (and how many documents wait for `marsad run`)."""
    with open_store(db_url) as store:
        counts = store.counts()
        version = store.schema_version()
        url = _masked(store.url)
    if as_json:
        import orjson

        click.echo(orjson.dumps({"database": url, "schema_version": version, **counts}).decode())
        return
    click.echo(f"database        {url}")
    click.echo(f"schema version  {version}")
    for key, value in counts.items():
        click.echo(f"{key:<15} {value:,}")


def _masked(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
