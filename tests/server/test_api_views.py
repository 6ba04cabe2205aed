"""Reading through the API: search, documents with their analysis, event lists, map, timeline, actor graph,
streamed exports and uploads."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
from fastapi.testclient import TestClient


def test_search_returns_documents_with_snippets_and_their_events(reviewer: TestClient) -> None:
    found = reviewer.get("/api/v1/documents", params={"q": "كفرزيتا"}).json()
    assert found["total"] >= 1
    hit = found["hits"][0]
    assert hit["document_id"] == "shell-1" and hit["event_numbers"]
    snippet = hit["snippets"][0]
    doc = reviewer.get("/api/v1/documents/shell-1").json()
    assert doc["text"][snippet["start"] : snippet["end"]] == snippet["text"]
    only_hts = reviewer.get("/api/v1/documents", params={"actor": "hts"}).json()
    assert [h["document_id"] for h in only_hts["hits"]] == ["arrest-1"]


def test_a_document_carries_its_text_spans_entities_and_event_numbers(reviewer: TestClient) -> None:
    doc = reviewer.get("/api/v1/documents/shell-1").json()
    text = doc["text"]
    for mention in doc["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in doc["events"]:
        assert isinstance(event["number"], int) and event["review_status"] is None
        assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
    assert "syrian-government-forces" in {e["id"] for e in doc["entities"]}
    assert doc["bidi_controls"] == []
    assert reviewer.get("/api/v1/documents/unknown").status_code == 404


def test_the_event_list_pages_newest_first_with_names_and_filters(reviewer: TestClient) -> None:
    listing = reviewer.get("/api/v1/events", params={"limit": 2}).json()
    assert listing["total"] == 6 and len(listing["events"]) == 2
    dates = [e["sort_date"] for e in reviewer.get("/api/v1/events").json()["events"]]
    assert dates == sorted(dates, reverse=True)
    oldest = reviewer.get("/api/v1/events", params={"order": "oldest"}).json()["events"]
    assert [e["number"] for e in oldest] == [
        e["number"] for e in reversed(reviewer.get("/api/v1/events").json()["events"])
    ]
    first = listing["events"][0]
    assert {"number", "type", "actor1", "place", "trigger", "review_status"} <= set(first)
    hts = reviewer.get("/api/v1/events", params={"actor": "hts"}).json()
    assert hts["total"] == 1 and hts["events"][0]["actor1"] == {
        "id": "hts",
        "name": "Hay'at Tahrir al-Sham",
        "name_ar": hts["events"][0]["actor1"]["name_ar"],
    }
    assert hts["events"][0]["trigger"] == "اعتقلت"
    shelling = reviewer.get("/api/v1/events", params={"type": "Shelling/artillery/missile attack"}).json()
    assert shelling["total"] == 1
    paged = reviewer.get("/api/v1/events", params={"limit": 3, "offset": 5}).json()
    assert len(paged["events"]) == 1


def test_map_timeline_and_graph_follow_the_filters(reviewer: TestClient) -> None:
    points = reviewer.get("/api/v1/map").json()["points"]
    assert points and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)
    may = reviewer.get("/api/v1/map", params={"from": "2017-05-01", "to": "2017-05-31"}).json()["points"]
    assert 0 < len(may) < len(points) or len(may) == len(points)
    assert all(p["date"].startswith("2017-05") for p in may)
    days = reviewer.get("/api/v1/timeline").json()
    assert sum(d["count"] for d in days) <= 6 and all(d["type"].isupper() for d in days)
    graph = reviewer.get("/api/v1/graph").json()
    edge = {(e["source"], e["target"], e["type"]): e["events"] for e in graph["edges"]}
    assert edge[("national-front-for-liberation", "syrian-government-forces", "ASSAULT")] == 2
    assert {n["id"] for n in graph["nodes"]} >= {"national-front-for-liberation", "syrian-government-forces"}
    hts_only = reviewer.get("/api/v1/graph", params={"actor": "hts"}).json()
    assert all("hts" in (e["source"], e["target"]) for e in hts_only["edges"])


def test_exports_stream_in_every_format(reviewer: TestClient) -> None:
    csv = reviewer.get("/api/v1/export", params={"format": "acled-csv", "bom": "true"})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbfevent_id_cnty,")
    assert "attachment" in csv.headers["content-disposition"]
    geo = json.loads(reviewer.get("/api/v1/export", params={"format": "geojson"}).text)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    plover = reviewer.get(
        "/api/v1/export", params={"format": "plover-jsonl", "actor": "hts"}
    ).text.splitlines()
    assert len(plover) == 1
    parquet = reviewer.get("/api/v1/export", params={"format": "parquet"})
    assert parquet.status_code == 200
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 6


def test_uploads_are_extracted_and_stored_and_bad_files_are_reported(reviewer: TestClient) -> None:
    text = (
        "أعلنت قوات سوريا الديمقراطية يوم 4 آذار 2019 أن مقاتليها اشتبكوا مع عناصر تنظيم الدولة الإسلامية "
        "في بلدة الباغوز شرقي دير الزور، وقالت إن الاشتباكات أسفرت عن مقتل خمسة من عناصر التنظيم."
    ).encode()
    files = [
        ("files", ("../../report.txt", text, "text/plain")),
        ("files", ("image.bin", b"\x00\x01\x02" * 50, "application/octet-stream")),
    ]
    response = reviewer.post("/api/v1/ingest", files=files)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1 and len(result["refused"]) == 1 and "binary" in result["refused"][0]
    found = reviewer.get("/api/v1/documents", params={"q": "الباغوز"}).json()
    assert found["total"] == 1 and found["hits"][0]["event_numbers"]
    assert found["hits"][0]["document_id"] == "report"  # named after the file, whatever path it claimed
    again = reviewer.post("/api/v1/ingest", files=files[:1]).json()
    assert again["stored"] == 0 and again["already_stored"] == 1


def test_bidi_controls_in_a_document_are_reported(reviewer: TestClient, workbench: object) -> None:
    from marsad.model import Document

    hostile = Document(id="hostile-1", text="بيان \u202eمزور\u202c <script>alert(1)</script> انتهى")
    workbench.add_documents([hostile])  # type: ignore[attr-defined]
    doc = reviewer.get("/api/v1/documents/hostile-1").json()
    assert [c["codepoint"] for c in doc["bidi_controls"]] == ["U+202E", "U+202C"]
    assert doc["text"] == hostile.text  # returned as data, unaltered; the web app renders it as text


def test_an_export_whose_client_has_gone_stops_instead_of_waiting() -> None:
    import queue
    import threading

    import pytest

    from marsad.server.api import ExportCancelled, _QueueWriter

    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=1)
    gone = threading.Event()
    writer = _QueueWriter(chunks, gone)
    assert writer.write(b"first") == 5  # the queue is now full: the next write waits for the client
    gone.set()
    with pytest.raises(ExportCancelled):
        writer.write(b"second")


def test_an_upload_over_the_size_limit_is_refused_and_stores_nothing(
    reviewer: TestClient, monkeypatch: object
) -> None:
    import marsad.server.api as api

    before = reviewer.get("/api/v1/status").json()["counts"]["documents"]
    monkeypatch.setattr(api, "MAX_UPLOAD_BYTES", 100)  # type: ignore[attr-defined]
    files = [("files", ("big.txt", "قصف مدفعي على البلدة. ".encode() * 20, "text/plain"))]
    response = reviewer.post("/api/v1/ingest", files=files)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    assert reviewer.get("/api/v1/status").json()["counts"]["documents"] == before
