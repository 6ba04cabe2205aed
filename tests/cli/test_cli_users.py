"""``marsad users``: the first admin from the command line, roles, tokens; ``marsad serve --help``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from marsad.cli import main
from marsad.server.accounts import Accounts
from marsad.store import Store


def test_the_first_admin_is_created_from_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    added = runner.invoke(
        main,
        ["users", "add", "layla", "--role", "admin", "--db", db],
        input="long password 1\nlong password 1\n",
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["users", "list", "--db", db])
    assert listed.output.startswith("layla\tadmin\tactive\t0 token(s)")
    token = runner.invoke(main, ["users", "token", "layla", "--db", db]).output.strip()
    with Store.open(db) as store:
        assert Accounts(store).token_user(token) is not None
    short = runner.invoke(main, ["users", "add", "sami", "--db", db], input="short\nshort\n")
    assert short.exit_code != 0 and "at least 10" in short.output
    assert runner.invoke(main, ["users", "role", "nobody", "viewer", "--db", db]).exit_code != 0
    revoked = runner.invoke(main, ["users", "token", "layla", "--revoke", "--db", db])
    assert revoked.exit_code == 0 and "revoked 1" in revoked.output


def test_serve_has_help() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--host" in result.output and "marsad users add" in result.output
