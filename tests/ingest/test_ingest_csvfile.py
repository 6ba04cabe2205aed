"""CSV and TSV: delimiters, columns, quoting, encodings, empty rows, huge fields, round trips."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import FIXTURES, docs, errors, fake_stdin, ingest, one_error, write

from marsad.ingest import IngestStats
from marsad.ingest.csvfile import choose_delimiter

REPORTS = FIXTURES / "csv" / "reports.csv"
HEADER = ["id", "date", "source", "title", "url", "text", "country"]


def table(rows: list[list[str]], delimiter: str = ",", header: list[str] | None = None) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header or ["id", "date", "text"])
    writer.writerows(rows)
    return out.getvalue()


def expected_texts(path: Path, delimiter: str = ",") -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle, delimiter=delimiter)]


def test_comma_separated_with_multiline_quoted_fields() -> None:
    items = ingest([REPORTS])
    assert errors(items) == []
    first, second, third = docs(items)
    assert [d.text for d in docs(items)] == expected_texts(REPORTS)
    assert "\n" in first.text and '"الاشتباكات توقفت بعد ساعتين"' in first.text
    assert first.id == "sy-0501"
    assert first.published == "2017-05-01"
    assert first.title == "اشتباكات في محيط بلدة اللطامنة"
    assert first.url == "https://example.org/n/501"
    assert first.source == "شبكة الرصد"
    assert first.meta["origin"] == {"kind": "csv", "format": "csv", "path": str(REPORTS), "row": 1, "line": 2}
    assert second.meta["origin"]["row"] == 2 and second.meta["origin"]["line"] == 4
    assert third.url is None  # empty cell


@pytest.mark.parametrize(("name", "delimiter"), [("reports-semicolon.csv", ";"), ("reports.tsv", "\t")])
def test_delimiter_is_sniffed(name: str, delimiter: str) -> None:
    path = FIXTURES / "csv" / name
    items = ingest([path])
    assert errors(items) == []
    assert [d.text for d in docs(items)] == expected_texts(path, delimiter)
    assert [d.id for d in docs(items)] == ["sy-0501", "sy-0502", "iq-0503"]


def test_pipe_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", table([["1", "2017-06-01", "هدوء حذر, في درعا"]], delimiter="|"))
    assert [d.text for d in docs(ingest([path]))] == ["هدوء حذر, في درعا"]


def test_choose_delimiter() -> None:
    assert choose_delimiter("a;text;c\n1;x, y;3\n", True, "text") == ";"
    assert choose_delimiter("a\ttext\n1\tx\n", True, "text") == "\t"
    assert choose_delimiter("just one column\n", True, "text") == ","
    assert choose_delimiter("just one column\n", True, "text", prefer_tab=True) == "\t"


def test_wrong_delimiter_names_the_columns_and_suggests_one(tmp_path: Path) -> None:
    path = FIXTURES / "csv" / "reports-semicolon.csv"
    error = one_error(ingest([path], delimiter=","), "schema")
    assert "no 'text' column" in error.reason
    assert "id;date;source" in error.reason
    assert "--delimiter ';'" in error.reason
    assert error.line == 1


def test_missing_text_column_suggests_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", table([["1", "2017-06-01", "نص"]], header=["id", "date", "body"]))
    error = one_error(ingest([path]), "schema")
    assert "'id', 'date', 'body'" in error.reason
    assert "--text-column" in error.reason
    doc = docs(ingest([path], text_column="body"))[0]
    assert doc.text == "نص"


def test_empty_text_row_is_an_error_and_other_rows_are_read(tmp_path: Path) -> None:
    rows = [
        ["1", "2017-06-01", "قصف على أطراف مدينة جسر الشغور."],
        ["2", "2017-06-02", ""],
        ["", "", ""],
        ["4", "2017-06-04", "   "],
        ["5", "2017-06-05", "عودة الهدوء إلى المدينة."],
    ]
    stats = IngestStats()
    items = ingest([write(tmp_path / "rows.csv", table(rows))], stats=stats)
    assert [(e.line, e.code) for e in errors(items)] == [(3, "empty"), (5, "empty")]
    assert errors(items)[0].reason.startswith("row 2: ")
    assert [d.id for d in docs(items)] == ["1", "5"]
    assert stats.skipped == {"csv-blank-row": 1}


def test_id_fallback_and_meta_columns(tmp_path: Path) -> None:
    rows = [["", "2017-06-01", "خبر", "سوريا", "x"], ["b", "2017-06-02", "خبر آخر", "العراق", "y"]]
    path = write(tmp_path / "m.csv", table(rows, header=["id", "date", "text", "country", "extra"]))
    first, second = docs(ingest([path], meta_columns=("country",)))
    assert (first.id, second.id) == ("m-1", "b")
    assert first.meta["fields"] == {"country": "سوريا"}
    first = docs(ingest([path], meta_columns=("*",)))[0]
    assert first.meta["fields"] == {"country": "سوريا", "extra": "x"}
    first = docs(ingest([path], id_column=None, date_column=None))[0]
    assert first.published is None


def test_row_with_extra_fields_is_an_error(tmp_path: Path) -> None:
    data = "id,text\n1,قال المصدر, إن القصف توقف\n2,نص سليم\n3,نص بحقول فارغة زائدة,,\n"
    items = ingest([write(tmp_path / "x.csv", data)], delimiter=",")
    assert [(e.line, e.code) for e in errors(items)] == [(2, "schema")]
    assert "must be quoted" in errors(items)[0].reason
    assert [d.text for d in docs(items)] == ["نص سليم", "نص بحقول فارغة زائدة"]


def test_short_row_is_an_error(tmp_path: Path) -> None:
    data = "id,date,text\n1,2017-01-01\n2,2017-01-02,نص\n"
    items = ingest([write(tmp_path / "s.csv", data)])
    assert [(e.line, e.code) for e in errors(items)] == [(2, "schema")]
    assert [d.id for d in docs(items)] == ["2"]


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1256", "cp1256")],
)
def test_encodings(tmp_path: Path, encoding: str, recorded: str) -> None:
    rows = [
        ["1", "2017-06-01", "أعلنت السلطات المحلية في محافظة الأنبار حظراً للتجول في مدينة الرمادي."],
        ["2", "2017-06-02", "وقالت مصادر أمنية إن الحظر يستمر حتى إشعار آخر."],
    ]
    data = table(rows, delimiter="\t" if encoding == "utf-16" else ",").encode(encoding)
    path = write(tmp_path / "enc.csv", data)
    items = ingest([path])
    assert errors(items) == []
    assert [d.text for d in docs(items)] == [r[2] for r in rows]
    assert docs(items)[0].meta["encoding"] == recorded
    assert docs(items)[0].id == "1"  # no BOM left in the first header name


def test_explicit_encoding_and_undecodable(tmp_path: Path) -> None:
    rows = [["1", "2017-06-01", "قصف على بلدة كفرزيتا."]]
    path = write(tmp_path / "e.csv", table(rows).encode("cp1256"))
    assert docs(ingest([path], encoding="cp1256"))[0].text == rows[0][2]
    error = one_error(
        ingest([write(tmp_path / "bad.csv", b"id,text\n1," + bytes(range(0x80, 0x100)) * 3)]), "encoding"
    )
    assert "--encoding" in error.reason


def test_utf8_error_after_the_sniffed_head(tmp_path: Path) -> None:
    good = table([[str(i), "2017-01-01", "نص سليم " * 20] for i in range(4000)])
    data = good.encode() + b"9999,2017-01-01,\xff\xfe\n"
    assert len(data) > 1024 * 1024
    items = ingest([write(tmp_path / "late.csv", data)])
    assert len(docs(items)) == 4000
    assert [e.code for e in errors(items)] == ["encoding"]


def test_huge_field(tmp_path: Path) -> None:
    text = "تقرير مطول عن الأوضاع الإنسانية. " * 20000  # ~ 600 KB, over csv's default field limit
    path = write(tmp_path / "huge.csv", table([["1", "2017-01-01", text], ["2", "2017-01-02", "قصير"]]))
    assert [d.text for d in docs(ingest([path]))] == [text, "قصير"]


def test_field_over_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "big.csv", table([["1", "2017-01-01", "س" * 400], ["2", "2017-01-02", "قصير"]]))
    items = ingest([path], max_bytes=500)
    assert [(e.code, e.line) for e in errors(items)] == [("too-large", 2)]
    assert [d.text for d in docs(items)] == ["قصير"]


def test_empty_inputs(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "zero.csv", b"")]), "empty")
    one_error(ingest([write(tmp_path / "blank.csv", b"\n\n")]), "empty")
    error = one_error(ingest([write(tmp_path / "header.csv", b"id,text\n")]), "empty")
    assert "no rows" in error.reason


def test_binary_named_csv(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "x.csv", b"PK\x03\x04\x14\x00xl/workbook.xml")]), "binary")


def test_csv_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, codecs.BOM_UTF8 + table([["a", "2017-01-01", "خبر"]]).encode())
    doc = docs(ingest(["-"]))[0]
    assert doc.id == "a" and doc.text == "خبر"
    assert doc.meta["origin"] == {"kind": "stdin", "format": "csv", "path": "<stdin>", "row": 1, "line": 2}


ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئةى،؛؟ \"',;|\t\n\r0123456789٠١٢٣")),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip(" \t\n\r") != "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ARABIC_TEXT, min_size=1, max_size=6), delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_round_trip_arbitrary_arabic_text(tmp_path: Path, texts: list[str], delimiter: str) -> None:
    rows = [[f"r{i}", "2017-01-01", text] for i, text in enumerate(texts)]
    path = write(tmp_path / "rt.csv", table(rows, delimiter=delimiter))
    items = ingest([path], delimiter=delimiter)
    assert errors(items) == []
    assert [d.text for d in docs(items)] == texts
    assert [d.id for d in docs(items)] == [f"r{i}" for i in range(len(texts))]
