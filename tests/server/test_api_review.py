"""Review through the API: accept, edit, reject, merge duplicates, add a missed event; every change in the
audit trail and in exports."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient


def _number(client: TestClient, document_id: str, event_id: str) -> int:
    doc = client.get(f"/api/v1/documents/{document_id}").json()
    return int(next(e["number"] for e in doc["events"] if e["id"] == event_id))


def _exported(client: TestClient, **params: str) -> list[dict[str, object]]:
    response = client.get("/api/v1/export", params={"format": "jsonl", **params})
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def test_editing_a_place_is_kept_audited_and_exported(reviewer: TestClient) -> None:
    number = _number(reviewer, "clash-1", "e1")
    before = reviewer.get(f"/api/v1/events/{number}").json()
    assert before["event"]["place"] == "place:تل-ملح" and before["review"]["status"] is None
    response = reviewer.post(
        f"/api/v1/events/{number}/review",
        json={
            "status": "edited",
            "changes": {"place": "geonames:168620"},
            "note": "the hill is near Kafr Zita",
        },
    )
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["event"]["place"] == "geonames:168620"
    assert after["extracted"]["place"] == "place:تل-ملح"  # the extractor's value stays visible
    assert after["review"] == {
        "status": "edited",
        "user": "reviewer",
        "at": after["review"]["at"],
        "changed_fields": ["place"],
        "duplicate_of": None,
        "note": "the hill is near Kafr Zita",
    }
    (entry,) = after["audit"]
    assert entry["user"] == "reviewer" and entry["action"] == "review.edited"
    assert entry["before"]["event"]["place"] == "place:تل-ملح"
    assert entry["after"]["event"]["place"] == "geonames:168620"
    assert entry["after"]["note"] == "the hill is near Kafr Zita"
    rows = [r for r in _exported(reviewer, reviewed_only="true")]
    assert [(r["document"]["id"], r["event"]["id"]) for r in rows] == [("clash-1", "e1")]  # type: ignore[index]
    assert rows[0]["event"]["place"] == "geonames:168620"  # type: ignore[index]
    listed = reviewer.get("/api/v1/events", params={"review": "edited"}).json()
    assert listed["total"] == 1 and listed["events"][0]["place"]["id"] == "geonames:168620"


def test_an_actor_from_another_document_can_be_chosen(reviewer: TestClient) -> None:
    number = _number(reviewer, "arrest-1", "e1")
    found = reviewer.get("/api/v1/entities", params={"q": "قوات النظام"}).json()
    assert found and found[0]["id"] == "syrian-government-forces"
    response = reviewer.post(
        f"/api/v1/events/{number}/review", json={"status": "edited", "changes": {"actor2": found[0]["id"]}}
    )
    assert response.status_code == 200, response.text
    assert response.json()["entities"]["syrian-government-forces"]["name_ar"]
    bad = reviewer.post(
        f"/api/v1/events/{number}/review", json={"status": "edited", "changes": {"actor2": "nobody"}}
    )
    assert bad.status_code == 422 and "unknown entity" in bad.json()["error"]["message"]


def test_rejected_events_leave_exports_and_lists(reviewer: TestClient) -> None:
    number = _number(reviewer, "protest-1", "e1")
    total = reviewer.get("/api/v1/events").json()["total"]
    assert reviewer.post(f"/api/v1/events/{number}/review", json={"status": "rejected"}).status_code == 200
    assert reviewer.get("/api/v1/events").json()["total"] == total - 1
    assert all(r["document"]["id"] != "protest-1" for r in _exported(reviewer))
    rejected = reviewer.get("/api/v1/events", params={"review": "rejected"}).json()
    assert [e["number"] for e in rejected["events"]] == [number]


def test_merging_a_duplicate_links_it_and_moves_its_evidence(reviewer: TestClient) -> None:
    keep, dup = _number(reviewer, "clash-1", "e1"), _number(reviewer, "clash-1", "e2")
    response = reviewer.post(f"/api/v1/events/{dup}/merge", json={"into": keep, "note": "same clash"})
    assert response.status_code == 200, response.text
    kept = response.json()
    dup_trigger = reviewer.get(f"/api/v1/events/{dup}").json()["event"]["trigger"]
    spans = [(s["start"], s["end"]) for s in kept["event"]["evidence"]]
    assert (dup_trigger["start"], dup_trigger["end"]) in spans
    assert kept["audit"][-1]["action"] == "review.merge"
    merged = reviewer.get(f"/api/v1/events/{dup}").json()
    assert merged["review"]["status"] == "rejected" and merged["review"]["duplicate_of"] == keep
    assert reviewer.post(f"/api/v1/events/{keep}/merge", json={"into": keep}).status_code == 422
    assert (
        reviewer.post(f"/api/v1/events/{keep}/merge", json={"into": dup}).status_code == 422
    )  # dup is rejected


def test_a_missed_event_is_created_from_a_text_selection(reviewer: TestClient) -> None:
    doc = reviewer.get("/api/v1/documents/shell-1").json()
    start = doc["text"].index("انتشال")
    selection = {"start": start, "end": start + len("انتشال")}
    response = reviewer.post(
        "/api/v1/documents/shell-1/events",
        json={"type": "aid", "trigger": selection, "fields": {"actor1": "civilians", "date": "2017-05-02"}},
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["event"]["type"] == "AID" and created["event"]["trigger"]["text"] == "انتشال"
    assert created["event"]["id"] == f"r{created['number']}" and created["review"]["status"] == "accepted"
    assert created["audit"][0]["action"] == "event.create" and created["audit"][0]["user"] == "reviewer"
    again = reviewer.get("/api/v1/documents/shell-1").json()
    assert [e["id"] for e in again["events"]][-1] == created["event"]["id"]
    outside = {"start": len(doc["text"]) - 2, "end": len(doc["text"]) + 5}
    bad = reviewer.post("/api/v1/documents/shell-1/events", json={"type": "AID", "trigger": outside})
    assert bad.status_code == 422
    wrong_text = {**selection, "text": "غيره"}
    assert (
        reviewer.post(
            "/api/v1/documents/shell-1/events", json={"type": "AID", "trigger": wrong_text}
        ).status_code
        == 422
    )
    assert (
        reviewer.post("/api/v1/documents/nope/events", json={"type": "AID", "trigger": selection}).status_code
        == 404
    )
