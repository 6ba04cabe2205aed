"""``marsad users``: workbench accounts (the first admin is created here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from marsad.cli.common import db_option, open_store

if TYPE_CHECKING:
    from marsad.server.accounts import Accounts

T = TypeVar("T")

ROLE = click.Choice(["viewer", "reviewer", "admin"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def users() -> None:
    """Add users, change roles and passwords, issue API tokens for the workbench (marsad serve)."""


def _accounts(db_url: str | None) -> Accounts:
    from marsad.server.accounts import Accounts

    return Accounts(open_store(db_url))


def _run(action: Callable[[], T]) -> T:
    from marsad.server.accounts import AccountError

    try:
        return action()
    except AccountError as err:
        raise click.ClickException(str(err)) from None


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=ROLE,
    default="viewer",
    show_default=True,
    help="viewer reads; reviewer reviews; admin manages.",
)
@click.password_option(
    help="Password (asked for when not given; at least 10 characters).", envvar="MARSAD_PASSWORD"
)
@db_option
def add(name: str, role: str, password: str, db_url: str | None) -> None:
    """Add user NAME.

    \b
    Example:
      marsad users add layla --role admin
    """
    user = _run(lambda: _accounts(db_url).create_user(name, password, role))
    click.echo(f"marsad: added {user.name} ({user.role})", err=True)


@users.command("list")
@db_option
def list_users(db_url: str | None) -> None:
    """List users: name, role, state, API tokens."""
    for row in _accounts(db_url).users():
        state = "disabled" if row["disabled"] else "active"
        click.echo(
            f"{row['name']}\t{row['role']}\t{state}\t{row['tokens']} token(s)\tsince {row['created_at']}"
        )


@users.command("role")
@click.argument("name")
@click.argument("role", type=ROLE)
@db_option
def role(name: str, role: str, db_url: str | None) -> None:
    """Give user NAME another role."""
    _run(lambda: _accounts(db_url).set_role(name, role))
    click.echo(f"marsad: {name} is now {role}", err=True)


@users.command("password")
@click.argument("name")
@click.password_option(help="New password (asked for when not given).", envvar="MARSAD_PASSWORD")
@db_option
def password(name: str, password: str, db_url: str | None) -> None:
    """Set user NAME's password (their sessions end)."""
    _run(lambda: _accounts(db_url).set_password(name, password))
    click.echo(f"marsad: password of {name} changed", err=True)


@users.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="Enable the user again.")
@db_option
def disable(name: str, enable: bool, db_url: str | None) -> None:
    """Disable user NAME (sessions end, tokens stop working), or enable again."""
    _run(lambda: _accounts(db_url).set_disabled(name, not enable))
    click.echo(f"marsad: {name} {'enabled' if enable else 'disabled'}", err=True)


@users.command("token")
@click.argument("name")
@click.option("--label", default="api", show_default=True, help="What the token is for.")
@click.option("--revoke", is_flag=True, help="Revoke all of NAME's tokens instead.")
@db_option
def token(name: str, label: str, revoke: bool, db_url: str | None) -> None:
    """Print a new API token for user NAME (shown once: keep it), or revoke their tokens.

    Use it as: curl -H "Authorization: Bearer TOKEN" http://127.0.0.1:8600/api/v1/events
    """
    accounts = _accounts(db_url)
    if revoke:
        n = _run(lambda: accounts.revoke_tokens(name))
        click.echo(f"marsad: revoked {n} token(s) of {name}", err=True)
        return
    click.echo(_run(lambda: accounts.create_token(name, label)))
