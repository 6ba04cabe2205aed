"""Parquet: typed schema (ACLED's 31 columns first), row count, values, row groups, path or stream."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from export_cases import ACLED_31, TIMESTAMP, EdgeCase

from marsad.export import DocumentEvent, ExportOptions, export_events


def test_schema_and_rows(edge: EdgeCase, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    summary = export_events("parquet", edge.items("accepted"), path, ExportOptions(timestamp=TIMESTAMP))
    assert summary.written == 5 and summary.skipped == {}  # every event, modality in columns
    table = pq.read_table(path)
    assert table.num_rows == 5
    schema = table.schema
    assert schema.names[:31] == ACLED_31
    expected_types = {
        "event_date": pa.date32(),
        "year": pa.int32(),
        "inter1": pa.int32(),
        "iso": pa.int32(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "fatalities": pa.int32(),
        "timestamp": pa.int64(),
        "notes": pa.string(),
        "number": pa.int64(),
        "negated": pa.bool_(),
        "assoc_actors": pa.list_(pa.string()),
        "evidence_start": pa.list_(pa.int32()),
        "geonameid": pa.int64(),
    }
    for name, type_ in expected_types.items():
        assert schema.field(name).type == type_, name
    rows = {r["event_id"]: r for r in table.to_pylist()}
    clash = rows["e1"]
    assert clash["event_id_cnty"] == "SYR101" and clash["number"] == 101
    assert clash["event_date"] is None and clash["year"] is None
    assert clash["latitude"] is None and clash["geo_precision"] == 3
    assert clash["assoc_actors"] == ["Central Division", "Jaish al-Nasr", "Unidentified Armed Group"]
    assert clash["assoc_actor_ids"] == edge.clash.assoc_actors
    assert clash["evidence"] == [edge.clash.evidence[0].text]
    assert clash["review_status"] == "accepted" and clash["cluster_id"] == "7"
    shooting = rows["e3"]
    assert shooting["event_date"] == dt.date(2017, 5, 5)
    assert (shooting["latitude"], shooting["longitude"]) == (35.37425, 36.6033)
    assert shooting["geonameid"] == 168620 and shooting["civilian_targeting"] == "Civilian targeting"
    assert shooting["injured"] == 1 and shooting["fatalities"] == 2 and shooting["fatalities_known"]
    assert rows["e5"]["fatalities"] == 0 and rows["e5"]["fatalities_known"] is False
    assert rows["e2"]["negated"] is True and rows["e2"]["asserted"] is False
    assert rows["e4"]["modality"] == "future" and rows["e4"]["event_type"] is None


def test_row_groups_and_binary_stream(edge: EdgeCase) -> None:
    items = [DocumentEvent(edge.doc, ev, n) for n in range(1, 4) for ev in edge.doc.events]  # 15 rows
    buf = io.BytesIO()
    summary = export_events("parquet", items, buf, ExportOptions(row_group_size=4))
    assert summary.written == 15
    meta = pq.ParquetFile(io.BytesIO(buf.getvalue())).metadata
    assert meta.num_rows == 15
    assert meta.num_row_groups == 4  # 4 + 4 + 4 + 3
    assert not buf.closed


def test_empty_export_is_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export_events("parquet", [], str(path)).written == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.names[:31] == ACLED_31
