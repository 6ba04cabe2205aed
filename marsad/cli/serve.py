"""``marsad serve``: the analyst's workbench (REST API and web app) over a store."""

from __future__ import annotations

import click

from marsad.cli.common import db_option, open_store


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback: this machine only).",
)
@click.option(
    "--port", default=8600, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--kb", "kb_paths", multiple=True, help="Extra knowledge-base folder or file for uploads (repeatable)."
)
@click.option("--gazetteer", "gazetteer_path", default=None, help="Gazetteer index for uploads.")
@click.option(
    "--secure-cookies/--no-secure-cookies",
    default=False,
    show_default=True,
    help="Mark the session cookie Secure: use when the workbench is served behind HTTPS.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (each answers requests; more serve more analysts at once).",
)
@click.option(
    "--session-hours",
    default=12.0,
    show_default=True,
    type=click.FloatRange(0.1, 720),
    help="Sign-in lifetime.",
)
def serve(
    db_url: str | None,
    host: str,
    port: int,
    kb_paths: tuple[str, ...],
    gazetteer_path: str | None,
    secure_cookies: bool,
    workers: int,
    session_hours: float,
) -> None:
    """Serve the workbench: review events over the highlighted Arabic source, on a map, a timeline and an
    actor graph, and export the reviewed dataset. API documentation: http://HOST:PORT/api/docs.

    Create the first admin before signing in: marsad users add NAME --role admin

    \b
    Examples:
      marsad serve --db corpus.db
      marsad serve --db postgresql+psycopg://marsad@db/marsad --host 0.0.0.0 --secure-cookies
    """
    import os

    import uvicorn

    from marsad.server.accounts import Accounts

    store = open_store(db_url)
    try:
        if not Accounts(store).has_admin():
            click.echo(
                "marsad: no admin account yet; create one with: marsad users add NAME --role admin", err=True
            )
        url = store.url
    finally:
        store.close()
    # every server process builds the app from these (marsad.server.app.app_from_environment)
    os.environ.update(
        MARSAD_DB=url,
        MARSAD_SERVE_SECURE="1" if secure_cookies else "0",
        MARSAD_SERVE_KB=os.pathsep.join(kb_paths),
        MARSAD_SERVE_GAZETTEER=gazetteer_path or "",
        MARSAD_SERVE_SESSION_HOURS=str(session_hours),
    )
    click.echo(f"marsad: workbench on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    uvicorn.run(
        "marsad.server.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
