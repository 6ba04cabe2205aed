"""Shared values of the workbench tests: the test users' password and signing in."""

from __future__ import annotations

from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
ROLES = ("viewer", "reviewer", "admin")


def sign_in(client: TestClient, name: str) -> str:
    """Sign ``client`` in as ``name``; returns the CSRF token its writes must send."""
    response = client.post("/api/v1/session", json={"name": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])
