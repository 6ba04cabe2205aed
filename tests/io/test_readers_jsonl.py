"""Reading JSON Lines inputs: fields, malformed lines with line numbers, ids, encodings, streaming."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.io.readers import InputError, ReadOptions, read_documents
from marsad.model import Document

TEXT = "أعلنت الفصائل المسلحة سيطرتها على قرية معردس في ريف حماة الشمالي بعد اشتباكات مع قوات النظام."
_BLANK = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*")
TEXT2 = "قال ناشطون إن مدنيين قتلوا في قصف جوي استهدف بلدة صوران صباح الثلاثاء."


def line(**obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_lines(path: Path, lines: list[str], sep: str = "\n", encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((sep.join(lines) + sep).encode(encoding))
    return path


def read(sources: list[str], **kwargs: Any) -> list[Document | InputError]:
    return list(read_documents(sources, ReadOptions(input_format="jsonl", **kwargs)))


def summary(items: list[Document | InputError]) -> list[tuple[str, Any]]:
    return [(i.code, i.line) if isinstance(i, InputError) else ("doc", i.id) for i in items]


def test_fields_map_to_document(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "feed.jsonl",
        [
            line(
                id="t1",
                text=TEXT,
                date="2017-03-21",
                url="https://t.me/c/1",
                title="بيان",
                source="Telegram",
                channel="@x",
                views=120,
            )
        ],
    )
    [item] = read([str(path)])
    assert isinstance(item, Document)
    assert (item.id, item.text, item.published, item.url, item.title, item.source) == (
        "t1",
        TEXT,
        "2017-03-21",
        "https://t.me/c/1",
        "بيان",
        "Telegram",
    )
    assert item.meta == {"channel": "@x", "views": 120}


def test_malformed_lines_in_the_middle_have_line_numbers(tmp_path: Path) -> None:
    lines = [
        line(id="a", text=TEXT),  # 1
        '{"id": "b", "text": "unterminated',  # 2 bad JSON
        "",  # 3 blank: skipped but counted
        "[1, 2, 3]",  # 4 not an object
        line(id="c"),  # 5 missing text
        line(id="d", text=42),  # 6 text not a string
        line(id="e", text="   "),  # 7 empty text
        line(id="f", text=TEXT2, date="21/03/2017"),  # 8 bad date
        '"a string"',  # 9 not an object
        line(id="g", text=TEXT2, date="2017-03-21T08:30:00+03:00"),  # 10 fine
        line(id=["x"], text=TEXT2),  # 11 id of the wrong type
        line(text=TEXT2, url=5),  # 12 url not a string
        line(id="h", text=TEXT2),  # 13 fine
    ]
    path = write_lines(tmp_path / "mixed.jsonl", lines)
    items = read([str(path)])
    assert summary(items) == [
        ("doc", "a"),
        ("json", 2),
        ("schema", 4),
        ("schema", 5),
        ("schema", 6),
        ("empty", 7),
        ("schema", 8),
        ("schema", 9),
        ("doc", "g"),
        ("schema", 11),
        ("schema", 12),
        ("doc", "h"),
    ]
    errors = {i.line: i for i in items if isinstance(i, InputError)}
    assert all(e.source == str(path) for e in errors.values())
    assert "invalid JSON" in errors[2].reason
    assert "array" in errors[4].reason
    assert "'text'" in errors[5].reason
    assert "21/03/2017" in errors[8].reason
    assert "ISO" in errors[8].reason
    assert "string" in errors[9].reason


def test_missing_id_uses_stem_and_line(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "chan.jsonl", ["", line(text=TEXT), line(id=None, text=TEXT2), line(id=7, text=TEXT)]
    )
    assert summary(read([str(path)])) == [("doc", "chan:2"), ("doc", "chan:3"), ("doc", "7")]


def test_duplicate_ids_get_suffix_and_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    a = write_lines(tmp_path / "a.jsonl", [line(id="x", text=TEXT), line(id="x", text=TEXT2)])
    b = write_lines(tmp_path / "b.jsonl", [line(id="x", text=TEXT), line(id="x#2", text=TEXT2)])
    with caplog.at_level(logging.WARNING, logger="marsad.io.readers"):
        items = read([str(a), str(b)])
    assert [i.id for i in items if isinstance(i, Document)] == ["x", "x#2", "x#3", "x#2#2"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3
    assert any("a.jsonl:2" in m and "'x#2'" in m for m in messages)


def test_same_stem_in_two_dirs_gives_distinct_generated_ids(tmp_path: Path) -> None:
    a = write_lines(tmp_path / "a" / "feed.jsonl", [line(text=TEXT)])
    b = write_lines(tmp_path / "b" / "feed.jsonl", [line(text=TEXT2)])
    assert summary(read([str(a), str(b)])) == [("doc", "a/feed:1"), ("doc", "b/feed:1")]


def test_bad_date_and_good_dates(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        [
            line(id="1", text=TEXT, date="2017-03-21"),
            line(id="2", text=TEXT, date="2017-02-30"),
            line(id="3", text=TEXT, date="2017-03-21 14:05"),
            line(id="4", text=TEXT, date=20170321),
            line(id="5", text=TEXT, date="yesterday"),
            line(id="6", text=TEXT, date=None),
        ],
    )
    items = read([str(path)])
    assert summary(items) == [
        ("doc", "1"),
        ("schema", 2),
        ("doc", "3"),
        ("schema", 4),
        ("schema", 5),
        ("doc", "6"),
    ]
    assert [i.published for i in items if isinstance(i, Document)] == ["2017-03-21", "2017-03-21 14:05", None]


def test_published_key_is_accepted_as_date(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", [line(id="1", text=TEXT, published="2017-03-21")])
    [item] = read([str(path)])
    assert isinstance(item, Document)
    assert item.published == "2017-03-21"


def test_custom_field_names(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [line(message_id=99, body=TEXT, text="other")])
    [item] = read([str(path)], text_field="body", id_field="message_id")
    assert isinstance(item, Document)
    assert (item.id, item.text, item.meta) == ("99", TEXT, {"text": "other"})


def test_crlf_and_bom_and_no_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl"
    body = "\r\n".join([line(id="a", text=TEXT), line(id="b", text="سطر\r\nثان")])
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    items = read([str(path)])
    assert summary(items) == [("doc", "a"), ("doc", "b")]
    assert isinstance(items[1], Document)
    assert items[1].text == "سطر\r\nثان"  # escaped line break inside the string is kept


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "u.jsonl", [line(id="a", text=TEXT), "{bad", line(id="b", text=TEXT2)], encoding="utf-16"
    )
    items = read([str(path)])
    assert summary(items) == [("doc", "a"), ("json", 2), ("doc", "b")]
    assert isinstance(items[2], Document)
    assert items[2].text == TEXT2
    assert items[2].meta["encoding"] == "utf-16"


def test_cp1256_jsonl_is_detected(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_lines(
        tmp_path / "w.jsonl", [line(id="a", text=TEXT), line(id="b", text=TEXT2)], encoding="cp1256"
    )
    with caplog.at_level(logging.WARNING, logger="marsad.io.readers"):
        items = read([str(path)])
    assert summary(items) == [("doc", "a"), ("doc", "b")]
    assert [i.text for i in items if isinstance(i, Document)] == [TEXT, TEXT2]
    assert all(isinstance(i, Document) and i.meta["encoding"] == "cp1256" for i in items)
    assert sum("windows-1256" in r.getMessage() for r in caplog.records) == 1


def test_explicit_encoding_jsonl_and_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_bytes(
        line(id="a", text=TEXT).encode("cp1256") + b"\n" + line(id="b", text="x").encode() + b"\n"
    )
    assert summary(read([str(path)], encoding="cp1256")) == [("doc", "a"), ("doc", "b")]
    items = read([str(path)], encoding="utf-8")
    assert summary(items) == [("encoding", 1), ("doc", "b")]
    assert isinstance(items[0], InputError)
    assert "byte offset" in items[0].reason


def test_too_large_line_is_skipped_and_reading_continues(tmp_path: Path) -> None:
    huge = line(id="big", text="ن" * 200_000)
    path = write_lines(tmp_path / "h.jsonl", [line(id="a", text=TEXT), huge, line(id="b", text=TEXT2)])
    items = read([str(path)], max_bytes=10_000)
    assert summary(items) == [("doc", "a"), ("too-large", 2), ("doc", "b")]
    err = items[1]
    assert isinstance(err, InputError)
    assert "10000 bytes" in err.reason
    assert str(len(huge.encode()) + 1) in err.reason


def test_line_exactly_at_limit_with_crlf(tmp_path: Path) -> None:
    first = line(id="a", text=TEXT)
    path = write_lines(tmp_path / "x.jsonl", [first, line(id="b", text=TEXT + TEXT2)], sep="\r\n")
    assert summary(read([str(path)], max_bytes=len(first.encode()))) == [("doc", "a"), ("too-large", 2)]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (gzip.compress(b'{"text": "x"}\n'), "binary"),
        (b'{"text": "x\x00"}\n' * 3, "binary"),
    ],
)
def test_whole_file_problems(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    items = read([str(path)])
    assert summary(items) == [(code, None)]


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (line(text=TEXT) + "\nnot json\n" + line(id="z", text=TEXT2) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    items = read(["-"])
    assert summary(items) == [("doc", "stdin:1"), ("json", 2), ("doc", "z")]
    assert isinstance(items[1], InputError)
    assert items[1].source == "<stdin>"


def test_directory_recursion_reads_jsonl_files_sorted(tmp_path: Path) -> None:
    write_lines(tmp_path / "in" / "b.jsonl", [line(id="b1", text=TEXT)])
    write_lines(tmp_path / "in" / "a" / "z.ndjson", [line(id="z1", text=TEXT)])
    write_lines(tmp_path / "in" / "a.jsonl", [line(id="a1", text=TEXT), line(id="a2", text=TEXT2)])
    write_lines(tmp_path / "in" / "skip.txt", [line(id="no", text=TEXT)])
    assert summary(read([str(tmp_path / "in")])) == [
        ("doc", "z1"),
        ("doc", "a1"),
        ("doc", "a2"),
        ("doc", "b1"),
    ]


def test_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first document is yielded after reading a bounded prefix of a long input."""
    record = (line(text=TEXT) + "\n").encode()
    stream = io.BytesIO(record * 20_000)  # about 4 MB
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=stream))
    it = read_documents(["-"], ReadOptions(input_format="jsonl"))
    first = next(it)
    assert isinstance(first, Document)
    assert first.text == TEXT
    assert stream.tell() < 2 * 1024 * 1024
    assert sum(1 for _ in it) == 19_999


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1).filter(lambda s: s.strip()))
def test_text_field_round_trips_exactly(text: str) -> None:
    data = (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode("utf-8")
    items = list(read_documents_from_bytes(data))
    if _BLANK.fullmatch(text):
        assert summary(items) == [("empty", 1)]
    else:
        assert isinstance(items[0], Document)
        assert items[0].text == text


def read_documents_from_bytes(data: bytes) -> list[Document | InputError]:
    saved = sys.stdin
    sys.stdin = SimpleNamespace(buffer=io.BytesIO(data))
    try:
        return read(["-"])
    finally:
        sys.stdin = saved
