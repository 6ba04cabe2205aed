"""ACLED CSV: ACLED's 31 columns in order, CSV that the csv module and pyarrow read back (Arabic with
commas, quotes and line breaks), the BOM option, and each column's mapping from the marsad record."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import pyarrow.csv as pacsv
import pytest
from export_cases import ACLED_31, EdgeCase, export_bytes

from marsad.export import DocumentEvent, EventItem, ExportSummary
from marsad.export.acled import ACLED_COLUMNS, interaction
from marsad.export.common import is_asserted
from marsad.model import Document


def export_csv(items: Iterable[EventItem], **options: Any) -> tuple[bytes, ExportSummary]:
    return export_bytes("acled-csv", items, **options)


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_columns_are_acleds_31_in_order() -> None:
    assert list(ACLED_COLUMNS) == ACLED_31
    data, _ = export_csv([])
    assert next(csv.reader(io.StringIO(data.decode("utf-8")))) == ACLED_31


def test_rereads_with_csv_and_pyarrow(edge: EdgeCase) -> None:
    data, summary = export_csv(edge.items(), include_negated=True)
    rows = rows_of(data)
    assert len(rows) == summary.written == 4  # the future CONCEDE has no ACLED type
    raw = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert all(len(r) == 31 for r in raw)
    table = pacsv.read_csv(io.BytesIO(data), parse_options=pacsv.ParseOptions(newlines_in_values=True))
    assert table.column_names == ACLED_31
    assert table.num_rows == 4
    # the evidence with commas, quotes and a line break survives quoting, verbatim
    clash = next(r for r in rows if r["event_id_cnty"].endswith("101"))
    assert edge.clash.evidence[0].text in clash["notes"]
    assert "\n" in clash["notes"] and '"جيش النصر",' in clash["notes"]


def test_bom_option(edge: EdgeCase) -> None:
    plain, _ = export_csv(edge.items())
    with_bom, _ = export_csv(edge.items(), bom=True)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert with_bom.startswith(b"\xef\xbb\xbf")
    assert with_bom[3:] == plain
    assert rows_of(with_bom) == rows_of(plain)


def test_negated_and_non_asserted_are_left_out_by_default(edge: EdgeCase) -> None:
    data, summary = export_csv(edge.items())
    ids = [r["event_id_cnty"] for r in rows_of(data)]
    assert ids == ["SYR101", "SYR103", "SYR105"]
    assert summary.skipped == {"negated": 1, "future": 1}
    data, summary = export_csv(edge.items(), include_negated=True)
    rows = {r["event_id_cnty"]: r for r in rows_of(data)}
    assert "SYR102" in rows and "[negated]" in rows["SYR102"]["notes"]
    assert "modality=negated" in rows["SYR102"]["tags"]
    assert summary.skipped == {"no ACLED type": 1}


def test_clash_row_mapping(edge: EdgeCase) -> None:
    rows = {r["event_id_cnty"]: r for r in rows_of(export_csv(edge.items("edited"))[0])}
    row = rows["SYR101"]
    assert row["event_date"] == "" and row["year"] == "" and row["time_precision"] == ""  # never invented
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence",
        "Battles",
        "Armed clash",
    )
    assert row["actor1"] == "Jaish al-Izza"
    assert row["assoc_actor_1"] == "Central Division; Jaish al-Nasr; Unidentified Armed Group"
    assert row["actor2"] == "Military Forces of Syria (2000-2024)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "1", "12")
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("760", "Middle East", "Syria")
    assert row["admin1"] == "Hama" and row["location"] == "al-Huwayz"
    assert row["latitude"] == "" and row["longitude"] == "" and row["geo_precision"] == "3"
    assert row["source"] == "Jaish al-Izza channel; Jaish al-Izza"  # outlet, then the author organization
    assert row["source_scale"] == ""
    assert row["fatalities"] == "5"
    assert row["timestamp"] == "1700000000"
    tags = row["tags"].split("; ")
    assert {"marsad:doc=edge-1", "marsad:event=e1", "marsad:number=101", "review=edited"} <= set(tags)
    assert "location=unresolved" in tags and "date=unknown" in tags
    assert row["notes"].startswith('On an unknown date, according to Jaish al-Izza: "قال المكتب')
    assert row["notes"].endswith("[source: Jaish al-Izza channel]")


def test_located_civilian_targeting_row(edge: EdgeCase) -> None:
    row = {r["event_id_cnty"]: r for r in rows_of(export_csv(edge.items())[0])}["SYR103"]
    assert row["event_date"] == "2017-05-05" and row["year"] == "2017" and row["time_precision"] == "1"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["latitude"], row["longitude"]) == ("35.37425", "36.6033")
    assert row["geo_precision"] == "1" and row["location"] == "Kafr Zaytā"
    assert row["fatalities"] == "2" and "fatalities=unknown" not in row["tags"]
    # two evidence spans, verbatim, joined with " … "
    joined = " … ".join(s.text for s in edge.shooting.evidence)
    assert (
        row["notes"]
        == f'On 5 May 2017, according to Jaish al-Izza: "{joined}" [source: Jaish al-Izza channel]'
    )


def test_an_event_near_a_town_has_geo_precision_2(edge: EdgeCase) -> None:
    edge.shooting.place_relation = {"direction": "west", "anchor": "geonames:168620"}
    row = {r["event_id_cnty"]: r for r in rows_of(export_csv(edge.items())[0])}["SYR103"]
    assert row["geo_precision"] == "2" and row["latitude"] == "35.37425"


def test_unknown_fatalities_are_zero_with_a_tag_and_country_from_the_document(edge: EdgeCase) -> None:
    row = {r["event_id_cnty"]: r for r in rows_of(export_csv(edge.items())[0])}["SYR105"]
    assert row["fatalities"] == "0"
    tags = row["tags"].split("; ")
    assert "fatalities=unknown" in tags and "location=none" in tags and "country=document" in tags
    assert row["location"] == "" and row["latitude"] == "" and row["geo_precision"] == ""
    assert row["notes"].startswith("In the week of 6 May 2017")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "", "20")


def test_unknown_country_keeps_a_unique_id() -> None:
    from marsad.model import Event, Span

    doc = Document(id="x", text="اشتباكات عنيفة.")
    ev = Event(
        id="e1",
        type="ASSAULT",
        trigger=Span(0, 8, "اشتباكات"),
        acled={
            "disorder_type": "Political violence",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
        },
    )
    doc.add_event(ev)
    row = rows_of(export_csv([DocumentEvent(doc, ev, 42)])[0])[0]
    assert row["event_id_cnty"] == "XXX42"
    assert row["iso"] == row["country"] == row["region"] == ""
    assert row["notes"] == 'On an unknown date: "اشتباكات" [source: marsad document x]'


def test_interaction_codes() -> None:
    assert interaction(2, 1) == 12
    assert interaction(1, 2) == 12
    assert interaction(3, None) == 30
    assert interaction(None, None) is None
    assert interaction(7, 7) == 77


def test_extracted_documents(extracted_items: list[DocumentEvent]) -> None:
    data, summary = export_csv(extracted_items)
    rows = rows_of(data)
    expected = [
        it
        for it in extracted_items
        if is_asserted(it.event) and it.event.acled and it.event.acled.get("sub_event_type")
    ]
    assert len(rows) == summary.written == len(expected) >= 3
    for row, item in zip(rows, expected, strict=True):
        assert row["event_id_cnty"].endswith(str(item.number))
        for span in item.event.evidence:
            assert span.text in row["notes"]
        assert row["event_date"] == (item.event.date or "")
        assert row["sub_event_type"] == (item.event.acled or {})["sub_event_type"]
        place = item.document.entities.get(item.event.place) if item.event.place else None
        if place is not None and place.attrs.get("lat") is not None:
            assert float(row["latitude"]) == pytest.approx(place.attrs["lat"])
        else:
            assert row["latitude"] == ""
    assert {r["country"] for r in rows} >= {"Syria", "Iraq"}
