"""Sign-in, roles, API tokens, CSRF, the one error shape and the security headers."""

from __future__ import annotations

from fastapi.testclient import TestClient
from workbench_cases import PASSWORD, sign_in

from marsad.server.accounts import Accounts
from marsad.store import Store


def _error(response: object, status: int, code: str | None = None) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()["error"]  # type: ignore[attr-defined]
    assert body["status"] == status and isinstance(body["message"], str) and body["message"]
    if code is not None:
        assert body["code"] == code
    return dict(body)


def test_every_read_needs_a_sign_in_and_errors_have_one_shape(client: TestClient) -> None:
    for path in ("/api/v1/events", "/api/v1/documents", "/api/v1/documents/shell-1", "/api/v1/map"):
        _error(client.get(path), 401, "unauthorized")
    _error(client.get("/api/v1/no-such-route"), 404, "not_found")
    assert client.get("/api/v1/health").json()["ok"] is True


def test_sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_it(client: TestClient) -> None:
    _error(client.post("/api/v1/session", json={"name": "viewer", "password": "wrong password"}), 401)
    response = client.post("/api/v1/session", json={"name": "viewer", "password": PASSWORD})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    csrf = response.json()["csrf_token"]
    me = client.get("/api/v1/session").json()
    assert me["user"] == {"name": "viewer", "role": "viewer"} and me["csrf_token"] == csrf
    assert client.get("/api/v1/events").status_code == 200
    _error(client.delete("/api/v1/session"), 403, "csrf")  # a forged sign-out is refused
    assert client.delete("/api/v1/session", headers={"X-CSRF-Token": csrf}).status_code == 200
    _error(client.get("/api/v1/events"), 401)


def test_writes_with_a_session_need_the_csrf_token(client: TestClient) -> None:
    csrf = sign_in(client, "reviewer")
    body = {"status": "accepted"}
    _error(client.post("/api/v1/events/1/review", json=body), 403, "csrf")
    _error(client.post("/api/v1/events/1/review", json=body, headers={"X-CSRF-Token": "forged"}), 403, "csrf")
    ok = client.post("/api/v1/events/1/review", json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200, ok.text
    assert ok.json()["review"]["status"] == "accepted"


def test_roles_gate_review_and_accounts(client: TestClient) -> None:
    csrf = sign_in(client, "viewer")
    headers = {"X-CSRF-Token": csrf}
    _error(client.post("/api/v1/events/1/review", json={"status": "accepted"}, headers=headers), 403)
    _error(client.get("/api/v1/users"), 403)
    csrf = sign_in(client, "admin")
    users = client.get("/api/v1/users").json()
    assert [u["name"] for u in users] == ["admin", "reviewer", "viewer"]
    made = client.post(
        "/api/v1/users",
        json={"name": "huda", "password": "another long one", "role": "reviewer"},
        headers={"X-CSRF-Token": csrf},
    )
    assert made.status_code == 201 and made.json() == {"name": "huda", "role": "reviewer"}
    _error(
        client.post(
            "/api/v1/users",
            json={"name": "x", "password": "short", "role": "viewer"},
            headers={"X-CSRF-Token": csrf},
        ),
        422,
    )


def test_api_tokens_need_no_csrf_and_stop_when_revoked_or_disabled(
    client: TestClient, workbench: Store
) -> None:
    accounts = Accounts(workbench)
    token = accounts.create_token("reviewer", "script")
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/events", headers=auth).status_code == 200
    assert (
        client.post("/api/v1/events/1/review", json={"status": "accepted"}, headers=auth).status_code == 200
    )
    _error(client.get("/api/v1/events", headers={"Authorization": "Bearer msd_not-a-token"}), 401)
    _error(client.get("/api/v1/events", headers={"Authorization": "Basic abc"}), 401)
    accounts.set_disabled("reviewer", True)
    _error(client.get("/api/v1/events", headers=auth), 401)
    accounts.set_disabled("reviewer", False)
    assert accounts.revoke_tokens("reviewer") == 1
    _error(client.get("/api/v1/events", headers=auth), 401)


def test_repeated_failed_sign_ins_are_slowed_down(client: TestClient) -> None:
    for _ in range(10):
        _error(client.post("/api/v1/session", json={"name": "admin", "password": "guess guess"}), 401)
    _error(client.post("/api/v1/session", json={"name": "admin", "password": PASSWORD}), 429)


def test_invalid_requests_are_422_with_details(reviewer: TestClient) -> None:
    body = _error(reviewer.post("/api/v1/events/1/review", json={"status": "maybe"}), 422, "invalid")
    assert body["details"]
    _error(reviewer.get("/api/v1/events?near=1,2"), 422)
    _error(reviewer.get("/api/v1/events?from=May"), 422)
    _error(reviewer.get("/api/v1/events/999999"), 404)


def test_security_headers_forbid_inline_script_and_framing(reviewer: TestClient) -> None:
    response = reviewer.get("/api/v1/events")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events",
        "/api/v1/events/{number}/review",
        "/api/v1/documents/{document_id}",
        "/api/v1/export",
        "/api/v1/ingest",
        "/api/v1/graph",
    ):
        assert path in paths
