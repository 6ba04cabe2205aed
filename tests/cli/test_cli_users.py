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


def test_serve_answers_on_loopback_with_two_workers(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = str(tmp_path / "w.db")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "MARSAD_DB": db}
    cmd = [sys.executable, "-m", "marsad.cli", "serve", "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        assert health.json()["ok"] is True
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and 'dir="rtl"' in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(30)
    assert b"no admin account yet" in (proc.stderr.read() if proc.stderr else b"")
