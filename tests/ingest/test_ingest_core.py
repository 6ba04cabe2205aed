"""ingest_documents end to end: stdin, mixed sources, order, ids, statistics, never raising."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, docs, errors, fake_stdin, ingest, one_doc, one_error, write

from marsad.ingest import FORMATS, IngestOptions, IngestStats, InputError, ingest_documents
from marsad.model import Document

TEXT = "قالت مصادر محلية إن دورية تعرضت لإطلاق نار قرب بلدة الصنمين دون إصابات.\n"


def test_default_options_and_reexports() -> None:
    assert FORMATS == ("text", "html", "jsonl", "csv", "telegram")
    items = list(ingest_documents([str(FIXTURES / "text" / "notes.md")]))
    assert isinstance(items[0], Document)
    assert InputError.__module__ == "marsad.io.readers"


@pytest.mark.parametrize("sources", [["-"], []])
def test_text_on_stdin(monkeypatch: pytest.MonkeyPatch, sources: list[str]) -> None:
    fake_stdin(monkeypatch, TEXT.encode())
    doc = one_doc(ingest(sources))
    assert doc.id == "stdin"
    assert doc.text == TEXT
    assert doc.meta["origin"] == {"kind": "stdin", "format": "text", "path": "<stdin>"}


def test_stdin_with_explicit_text_format_is_not_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b'{"text": "x"}\n')
    assert one_doc(ingest(["-"], input_format="text")).text == '{"text": "x"}\n'


def test_stdin_cp1256(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, (TEXT * 3).encode("cp1256"))
    doc = one_doc(ingest(["-"]))
    assert doc.text == TEXT * 3
    assert doc.meta["encoding"] == "cp1256"


def test_empty_and_missing_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    one_error(ingest(["-"]), "empty")
    monkeypatch.setattr(sys, "stdin", None)
    error = one_error(ingest(["-"]), "io")
    assert error.source == "<stdin>"


def test_mixed_sources_keep_their_order(tmp_path: Path) -> None:
    text = write(tmp_path / "one.txt", TEXT)
    items = ingest(
        [FIXTURES / "csv" / "reports.csv", text, FIXTURES / "telegram" / "result.json", "-missing-"]
    )
    kinds = [d.meta["origin"]["kind"] for d in docs(items)]
    assert kinds == ["csv"] * 3 + ["text"] + ["telegram"] * 4
    assert [e.code for e in errors(items)] == ["io"]
    assert items[-1] == errors(items)[0]


def test_ids_unique_within_a_call(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", TEXT)
    write(tmp_path / "d" / "a.md", TEXT)
    write(tmp_path / "d" / "a.csv", "id,text\n,نص\n")
    ids = [d.id for d in docs(ingest([tmp_path / "d"]))]
    assert ids == ["a-1", "a", "a#2"]  # sorted by name: a.csv (row 1), a.md, a.txt
    assert len(set(ids)) == len(ids)


def test_whole_fixture_tree_is_stable() -> None:
    first = [item.to_dict() if isinstance(item, Document) else item for item in ingest([FIXTURES])]
    second = [item.to_dict() if isinstance(item, Document) else item for item in ingest([FIXTURES])]
    assert first == second
    kinds = {d["meta"]["origin"]["kind"] for d in first if isinstance(d, dict)}
    assert kinds == {"text", "html", "csv", "telegram"}
    # the JSON Lines fixture names its text column "content": with the default column, every line is an error
    assert {(Path(e.source).name, e.code) for e in first if isinstance(e, InputError)} == {
        ("feed.jsonl", "schema"),
        ("navigation-only.html", "empty"),
    }


def test_bad_inputs_never_raise(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    write(bad / "zero.txt", b"")
    write(bad / "pdf.txt", b"%PDF-1.4\n")
    write(bad / "odd.txt", bytes(range(0x80, 0x100)) * 4)
    write(bad / "zero.html", b"")
    write(bad / "nav.html", "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")
    write(bad / "broken.jsonl", b"{\n")
    write(bad / "zero.csv", b"")
    write(bad / "wrong.csv", "a;b\n1;2\n")
    write(bad / "result.json", b'{"name": "x", "messages": [{"id": 1, "text": "')
    write(bad / "garbage.html", b"\x00\xff" * 100)
    (bad / "loop").symlink_to(bad)
    stats = IngestStats()
    items = ingest([bad], stats=stats)
    assert all(isinstance(item, InputError) for item in items)
    codes = {Path(e.source).name: e.code for e in errors(items)}
    assert codes == {
        "broken.jsonl": "json",
        "garbage.html": "binary",
        "nav.html": "empty",
        "odd.txt": "encoding",
        "pdf.txt": "binary",
        "result.json": "json",
        "wrong.csv": "schema",
        "zero.csv": "empty",
        "zero.html": "empty",
        "zero.txt": "empty",
    }
    assert stats.errors == len(items) and stats.documents == 0


def test_stats_are_filled_while_consuming() -> None:
    stats = IngestStats()
    iterator = ingest_documents([str(FIXTURES / "csv" / "reports.csv")], IngestOptions(), stats=stats)
    assert stats.documents == 0
    next(iterator)
    assert stats.documents == 1
    list(iterator)
    assert stats.documents == 3 and stats.files == 1
