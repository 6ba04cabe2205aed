"""PLOVER JSON Lines: required fields, entity and location objects, text_info offsets that slice the
original text exactly, auxiliary modality, and citation."""

from __future__ import annotations

from typing import Any

import orjson
from export_cases import EdgeCase, export_bytes

from marsad.export import DocumentEvent
from marsad.model import Document

# Written from ../shared/notes/standards.md, independently of the module under test.
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ENTITY_KEYS = {"code", "sector", "entity_text", "identifier_id", "identifier_text"}
LOCATION_KEYS = {
    "extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district", "province", "country",
    "country_code", "feature_class", "feature_code", "resolution",
}  # fmt: skip
CITE_KEYS = {"corpus", "citation", "url", "title", "language", "publication", "coder", "codebook", "version"}


def records(items: list[DocumentEvent], **options: Any) -> list[dict[str, Any]]:
    data, summary = export_bytes("plover-jsonl", items, **options)
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == summary.written == len(items)  # PLOVER keeps every event
    assert summary.skipped == {}
    return [orjson.loads(line) for line in lines]


def check_record(rec: dict[str, Any], doc: Document) -> None:
    assert {"id", "date", "actor", "event"} <= rec.keys()
    assert isinstance(rec["id"], str) and rec["id"]
    assert rec["date"] is None or len(rec["date"]) == 10
    assert isinstance(rec["actor"], list) and isinstance(rec["recipient"], list)
    assert rec["event"] and set(rec["event"]) <= PLOVER_TYPES
    for ent in rec["actor"] + rec["recipient"]:
        assert ent.keys() >= ENTITY_KEYS
        assert ent["entity_text"]
    info = rec["text_info"]
    start, end = info["start"], info["end"]
    covered = doc.text[start:end]
    for text in rec["event_text"]:
        assert text in covered
    for span in rec["marsad"]["evidence"]:
        assert doc.text[span["start"] : span["end"]] == span["text"]
        assert start <= span["start"] and span["end"] <= end
    story = info["text_story"]
    for sentence in story:
        assert sentence in doc.text
    # the story sentences, in the original, run from before start to after end
    first = doc.text.rfind(story[0], 0, start + len(story[0]))
    last = doc.text.find(story[-1], first) + len(story[-1])
    assert 0 <= first <= start and end <= last
    assert info["sequence"] >= 1
    assert rec["cite_info"].keys() >= CITE_KEYS
    assert rec["cite_info"]["language"] == "ar"
    if rec["event_loc"] is not None:
        assert rec["event_loc"].keys() >= LOCATION_KEYS


def test_required_fields_and_offsets_on_extracted_documents(
    extracted: list[Document], extracted_items: list[DocumentEvent]
) -> None:
    docs = {d.id: d for d in extracted}
    recs = records(extracted_items)
    for rec, item in zip(recs, extracted_items, strict=True):
        check_record(rec, docs[rec["marsad"]["document_id"]])
        assert rec["id"] == f"marsad-{item.number}"
        assert rec["event"] == [item.event.type]
        assert rec["mode"] == item.event.mode
        assert rec["quad_code"] in (1, 2, 3, 4)


def test_edge_case_records(edge: EdgeCase) -> None:
    recs = {r["marsad"]["event_id"]: r for r in records(edge.items("accepted"), corpus="syria-2017")}
    for rec in recs.values():
        check_record(rec, edge.doc)
    clash = recs["e1"]
    # two-sided violence: every fighting party is an actor, none a recipient
    assert [a["marsad_id"] for a in clash["actor"]] == [
        "jaish-al-izza",
        "central-division",
        "jaish-al-nasr",
        "unidentified-armed-group",
        "syrian-government-forces",
    ]
    assert clash["recipient"] == []
    assert clash["date"] is None
    assert clash["id"] == "syria-2017-101"
    izza = clash["actor"][0]
    assert izza == {
        "code": "SYR",
        "sector": "REB",
        "entity_text": "جيش العزة",
        "identifier_id": "marsad:jaish-al-izza",
        "identifier_text": "Jaish al-Izza",
        "marsad_id": "jaish-al-izza",
        "name_ar": "جيش العزة",
        "inter": 2,
    }
    assert clash["actor"][3]["sector"] == "UAF"
    assert clash["actor"][4]["sector"] == "MIL"
    loc = clash["event_loc"]
    assert loc["extracted_place"] == "الحويز" and loc["resolved_place"] == "al-Huwayz"
    assert loc["lat"] is None and loc["lon"] is None and loc["geonameid"] is None  # never invented
    assert (loc["province"], loc["country"], loc["country_code"], loc["resolution"]) == (
        "Hama",
        "Syria",
        "SYR",
        2,
    )
    assert clash["size"] == {"dead": 5, "injured": None, "arrested": None}
    assert clash["context"] == ["military"]
    assert clash["quad_code"] == 4
    info = clash["text_info"]
    assert edge.doc.text[info["start"] : info["end"]] == edge.clash.evidence[0].text
    assert info["sequence"] == 1
    cite = clash["cite_info"]
    assert cite["corpus"] == "syria-2017" and cite["citation"] == "edge-1#e1"
    assert cite["url"] == "https://example.org/statements/1" and cite["title"] == "بيان جيش العزة"
    assert cite["publication"] == "Jaish al-Izza channel"
    assert cite["coder"].startswith("marsad ") and cite["codebook"] == "PLOVER"
    assert clash["aux_mode"] is None
    assert clash["marsad"]["review_status"] == "accepted"
    assert clash["marsad"]["reported_by"] == ["Jaish al-Izza"]


def test_one_sided_violence_has_the_victims_as_recipient(edge: EdgeCase) -> None:
    rec = {r["marsad"]["event_id"]: r for r in records(edge.items())}["e3"]
    assert [a["marsad_id"] for a in rec["actor"]] == ["unidentified-armed-group"]
    assert [a["marsad_id"] for a in rec["recipient"]] == ["civilians"]
    civ = rec["recipient"][0]
    assert civ["sector"] == "CVL" and civ["code"] == "SYR"  # a generic group takes the event's country
    assert civ["entity_text"] == "مدنيين اثنين"
    loc = rec["event_loc"]
    assert (loc["lat"], loc["lon"], loc["geonameid"]) == (35.37425, 36.6033, 168620)
    assert (loc["feature_class"], loc["feature_code"], loc["resolution"]) == ("P", "PPL", 4)
    assert loc["city"] == "Kafr Zaytā" and loc["extracted_place"] == "كفرزيتا"
    assert rec["size"] == {"dead": 2, "injured": 1, "arrested": None}
    assert "human_rights" in rec["context"]
    # two evidence spans: start/end cover both, each slices the text
    info = rec["text_info"]
    assert info["start"] == edge.shooting.evidence[0].start and info["end"] == edge.shooting.evidence[1].end
    assert rec["event_text"] == [s.text for s in edge.shooting.evidence]


def test_modality_is_kept_as_auxiliary_mode(edge: EdgeCase) -> None:
    recs = {r["marsad"]["event_id"]: r for r in records(edge.items())}
    assert recs["e2"]["aux_mode"] == "negation"
    assert recs["e2"]["marsad"]["modality"] == "negated" and recs["e2"]["marsad"]["negated"] is True
    assert recs["e2"]["actor"][0]["code"] == "RUS"  # the state Russia's forces stand for
    assert recs["e4"]["aux_mode"] == "future"
    assert recs["e4"]["event"] == ["CONCEDE"] and recs["e4"]["quad_code"] == 1
    assert recs["e4"]["event_loc"] is None
    assert recs["e4"]["actor"][0]["marsad_id"] == "jaish-al-izza"
