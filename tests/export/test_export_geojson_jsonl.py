"""GeoJSON (RFC 7946 FeatureCollection, Point [lon, lat], unlocated events skipped and counted) and the
full-record JSON Lines."""

from __future__ import annotations

import json
from typing import Any

import orjson
from export_cases import EdgeCase, export_bytes

from marsad.export import DocumentEvent
from marsad.model import Event


def collection(items: list[DocumentEvent], **options: Any) -> tuple[dict[str, Any], Any]:
    data, summary = export_bytes("geojson", items, **options)
    fc = json.loads(data.decode("utf-8"))  # the standard library parser: strict JSON
    return fc, summary


def check_feature_collection(fc: dict[str, Any]) -> None:
    assert fc["type"] == "FeatureCollection"
    assert isinstance(fc["features"], list)
    for feat in fc["features"]:
        assert feat["type"] == "Feature"
        assert isinstance(feat["properties"], dict)
        geom = feat["geometry"]
        assert geom["type"] == "Point"
        lon, lat = geom["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_edge_case_features(edge: EdgeCase) -> None:
    fc, summary = collection(edge.items("rejected"))
    check_feature_collection(fc)
    # e1 unresolved place, e5 no place: not located; e2 negated and e4 future: left out
    assert summary.written == len(fc["features"]) == 1
    assert summary.skipped == {"not located": 2, "negated": 1, "future": 1}
    feat = fc["features"][0]
    assert feat["id"] == 103
    assert feat["geometry"]["coordinates"] == [36.6033, 35.37425]  # longitude first
    props = feat["properties"]
    assert props["number"] == 103 and props["event_id"] == "e3" and props["document_id"] == "edge-1"
    assert (props["plover_type"], props["plover_mode"]) == ("ASSAULT", "firearms")
    assert (props["event_type"], props["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (props["actor1"], props["actor1_ar"]) == ("Unidentified Armed Group", "مسلحون مجهولون")
    assert (props["actor2"], props["actor2_ar"]) == ("Civilians", "المدنيون")
    assert (props["place"], props["place_ar"], props["place_text"]) == ("Kafr Zaytā", "كفر زيتا", "كفرزيتا")
    assert props["date"] == "2017-05-05" and props["fatalities"] == 2
    assert props["modality"] == "asserted"
    assert props["evidence"] == " … ".join(s.text for s in edge.shooting.evidence)
    assert props["source"] == "Jaish al-Izza channel" and props["url"] == "https://example.org/statements/1"
    assert props["review_status"] == "rejected"
    assert props["country_code"] == "SYR" and props["geo_precision"] == 1


def test_include_negated(edge: EdgeCase) -> None:
    fc, summary = collection(edge.items(), include_negated=True)
    check_feature_collection(fc)
    assert [f["properties"]["event_id"] for f in fc["features"]] == ["e2", "e3"]
    assert fc["features"][0]["properties"]["modality"] == "negated"
    assert fc["features"][0]["properties"]["fatalities"] is None  # GeoJSON keeps unknown as null
    assert summary.skipped == {"not located": 3}


def test_empty_and_extracted(extracted_items: list[DocumentEvent]) -> None:
    fc, summary = collection([])
    assert fc == {"type": "FeatureCollection", "features": []} and summary.written == 0
    fc, summary = collection(extracted_items)
    check_feature_collection(fc)
    assert summary.written >= 2
    assert summary.written + sum(summary.skipped.values()) == len(extracted_items)
    by_number = {it.number: it for it in extracted_items}
    for feat in fc["features"]:
        item = by_number[feat["id"]]
        place = item.document.entities[item.event.place or ""]
        assert feat["geometry"]["coordinates"] == [place.attrs["lon"], place.attrs["lat"]]


def test_jsonl_full_records(edge: EdgeCase) -> None:
    data, summary = export_bytes("jsonl", edge.items("edited"))
    lines = data.decode("utf-8").splitlines()
    assert summary.written == len(lines) == 5 and summary.skipped == {}  # negated and future kept
    recs = [orjson.loads(line) for line in lines]
    for rec, ev in zip(recs, edge.doc.events, strict=True):
        assert rec["event"] == ev.to_dict()
        assert Event.from_dict(rec["event"]) == ev
        assert rec["review_status"] == "edited"
        assert rec["document"] == {
            "id": "edge-1",
            "title": "بيان جيش العزة",
            "url": "https://example.org/statements/1",
            "source": "Jaish al-Izza channel",
            "published": "2017-05-06",
            "origin": "telegram",
            "telegram": {"channel": "jaish_alizza"},
            "cluster_id": 7,
        }
    clash = recs[0]
    assert clash["number"] == 101
    resolved = clash["resolved"]
    assert resolved["actor1"] == edge.doc.entities["jaish-al-izza"].to_dict()
    assert [a["id"] for a in resolved["assoc_actors"]] == edge.clash.assoc_actors
    assert resolved["place"]["name_ar"] == "الحويز" and resolved["place"]["lat"] is None
    assert resolved["reported_by"][0]["id"] == "author"
    assert resolved["reported_by"][0]["organization"]["id"] == "jaish-al-izza"
    assert recs[4]["resolved"]["place"] is None


def test_jsonl_keeps_the_arabic_unescaped(extracted_items: list[DocumentEvent]) -> None:
    data, _ = export_bytes("jsonl", extracted_items)
    assert "إدلب".encode() in data and b"\\u06" not in data
    for line, item in zip(data.decode("utf-8").splitlines(), extracted_items, strict=True):
        rec = orjson.loads(line)
        for span in rec["event"]["evidence"]:
            assert item.document.text[span["start"] : span["end"]] == span["text"]
