"""JSON Lines: configurable columns, ids, dates, metadata fields, bad lines, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, docs, errors, fake_stdin, ingest, one_doc, one_error, write

FEED = FIXTURES / "jsonl" / "feed.jsonl"
FEED_COLUMNS = {
    "text_column": "content",
    "id_column": "uid",
    "date_column": "published_at",
    "title_column": "headline",
    "url_column": "link",
    "source_column": "outlet",
}


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def test_configured_columns() -> None:
    items = ingest([FEED], **FEED_COLUMNS)
    assert errors(items) == []
    first, second, third = docs(items)
    original = [json.loads(raw) for raw in FEED.read_text(encoding="utf-8").splitlines()]
    assert [d.text for d in (first, second, third)] == [obj["content"] for obj in original]
    assert first.id == "ly-1"
    assert first.title == "اشتباكات قرب بنغازي"
    assert first.url == "https://example.org/ly/1"
    assert first.source == "بوابة ليبيا"
    assert first.published == "2017-05-18T08:00:00+02:00"
    assert first.meta["origin"] == {"kind": "jsonl", "format": "jsonl", "path": str(FEED), "line": 1}
    assert "fields" not in first.meta
    # RFC 2822 dates become ISO datetimes
    assert second.published == "2017-05-19T10:15:00+03:00"
    # no id: file stem and line number; an ambiguous day/month date is kept aside, not guessed
    assert third.id == "feed:3"
    assert third.published is None
    assert third.meta["published_raw"] == "20/05/2017"


def test_meta_columns() -> None:
    first = docs(ingest([FEED], meta_columns=("lang", "tags", "missing"), **FEED_COLUMNS))[0]
    assert first.meta["fields"] == {"lang": "ar", "tags": ["ليبيا", "بنغازي"]}
    first = docs(ingest([FEED], meta_columns=("*",), **FEED_COLUMNS))[0]
    assert first.meta["fields"] == {"lang": "ar", "tags": ["ليبيا", "بنغازي"]}


def test_default_columns_and_missing_text_column() -> None:
    items = ingest([FEED])
    assert len(items) == 3
    assert all(e.code == "schema" and "'text'" in e.reason for e in errors(items))


def test_bad_lines_are_reported_and_others_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        line(id=1, text="أفاد مراسلون بسماع دوي انفجارات في محيط المطار.")
        + "{not json\n"
        + "\n"
        + "[1, 2]\n"
        + line(id=2, text="   ")
        + line(id=3, body="نص في حقل آخر")
        + line(id=[1], text="x")
        + line(id=4, text="ثم عاد الهدوء إلى المنطقة.", title=["a"])
        + line(id=5, text="انتهى.", date=2017),
    )
    items = ingest([path])
    assert [(e.line, e.code) for e in errors(items)] == [
        (2, "json"),
        (4, "schema"),
        (5, "empty"),
        (6, "schema"),
        (7, "schema"),
        (8, "schema"),
    ]
    assert [d.id for d in docs(items)] == ["1", "5"]
    assert docs(items)[1].published is None  # a bare year is not a timestamp


def test_ids_from_integers_and_duplicates(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", line(id=7, text="أ") + line(id="7", text="ب") + line(text="ج"))
    assert [d.id for d in docs(ingest([path]))] == ["7", "7#2", "f:3"]


def test_cp1256_lines(tmp_path: Path) -> None:
    text = "قال ناشطون إن القصف استهدف الأحياء الشرقية لمدينة درعا."
    path = write(tmp_path / "legacy.jsonl", line(id="a", text=text).encode("cp1256"))
    doc = one_doc(ingest([path]))
    assert doc.text == text
    assert doc.meta["encoding"] == "cp1256"


def test_utf16_lines(tmp_path: Path) -> None:
    text = "تجدد الاشتباكات في ريف اللاذقية الشمالي."
    path = write(
        tmp_path / "wide.jsonl", (line(id="a", text=text) + line(id="b", text=text)).encode("utf-16")
    )
    assert [d.text for d in docs(ingest([path]))] == [text, text]


def test_empty_and_blank_inputs(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "zero.jsonl", b"")]), "empty")
    one_error(ingest([write(tmp_path / "blank.jsonl", b"\n\n  \n")]), "empty")


def test_line_over_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.jsonl", line(id=1, text="س" * 200) + line(id=2, text="ص"))
    items = ingest([path], max_bytes=100)
    assert [(e.line, e.code) for e in errors(items)] == [(1, "too-large")]
    assert [d.id for d in docs(items)] == ["2"]


@pytest.mark.parametrize("fmt", ["auto", "jsonl"])
def test_jsonl_on_stdin(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    fake_stdin(monkeypatch, (line(text="خبر أول") + line(text="خبر ثان")).encode())
    items = docs(ingest(["-"], input_format=fmt))
    assert [d.id for d in items] == ["stdin:1", "stdin:2"]
    assert items[1].meta["origin"] == {"kind": "stdin", "format": "jsonl", "path": "<stdin>", "line": 2}
