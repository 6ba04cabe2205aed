"""Plain text files: exact text, ids, origin metadata, empty/binary/undecodable/oversized inputs."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, docs, ingest, one_doc, one_error, write

ARABIC = (
    "أعلن المجلس المحلي في مدينة معرة النعمان تعليق الدوام في المدارس ليومين\n"
    "بعد سقوط قذائف قرب السوق الرئيسي، دون تسجيل إصابات.\n"
)


def test_text_file_is_one_document_with_exact_text() -> None:
    path = FIXTURES / "text" / "statement.txt"
    doc = one_doc(ingest([path]))
    assert doc.text == path.read_bytes().decode("utf-8")
    assert "\r\n" in doc.text  # line endings are not normalized
    assert doc.id == "statement"
    assert doc.title is None and doc.url is None and doc.published is None and doc.source is None
    assert doc.meta["origin"] == {"kind": "text", "format": "text", "path": str(path)}
    assert "encoding" not in doc.meta


def test_markdown_is_read_as_text() -> None:
    doc = one_doc(ingest([FIXTURES / "text" / "notes.md"]))
    assert doc.id == "notes"
    assert doc.text.startswith("# ملاحظات ميدانية\n")
    assert doc.meta["origin"]["kind"] == "text"


def test_utf8_bom_is_the_only_thing_removed(tmp_path: Path) -> None:
    text = "  \u200fنص يبدأ بمسافات وعلامة اتجاه\n\n"
    doc = one_doc(ingest([write(tmp_path / "bom.txt", codecs.BOM_UTF8 + text.encode())]))
    assert doc.text == text
    assert doc.meta["encoding"] == "utf-8-sig"


def test_utf16_with_bom(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "u16.txt", ARABIC.encode("utf-16"))]))
    assert doc.text == ARABIC
    assert doc.meta["encoding"] == "utf-16"


def test_cp1256_is_detected(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "legacy.txt", ARABIC.encode("cp1256"))]))
    assert doc.text == ARABIC
    assert doc.meta["encoding"] == "cp1256"


def test_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "legacy.txt", ARABIC.encode("cp1256"))
    assert one_doc(ingest([path], encoding="windows-1256")).text == ARABIC
    error = one_error(ingest([path], encoding="utf-8"), "encoding")
    assert "--encoding" in error.reason


def test_zero_byte_file_is_empty(tmp_path: Path) -> None:
    error = one_error(ingest([write(tmp_path / "zero.txt", b"")]), "empty")
    assert "0 bytes" in error.reason


def test_whitespace_only_is_empty(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "blank.txt", " \n\t\u200f\n")]), "empty")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "DOCX"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, kind: str) -> None:
    error = one_error(ingest([write(tmp_path / "report.txt", data)]), "binary")
    assert kind in error.reason


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "x.txt", b"abc\x00\x01\x02\x03def" * 50)]), "binary")


def test_undecodable_text(tmp_path: Path) -> None:
    data = bytes(range(0x80, 0x100)) * 4
    error = one_error(ingest([write(tmp_path / "odd.txt", data)]), "encoding")
    assert "--encoding" in error.reason


def test_too_large(tmp_path: Path) -> None:
    error = one_error(ingest([write(tmp_path / "big.txt", ARABIC * 10)], max_bytes=100), "too-large")
    assert "limit" in error.reason


def test_missing_path() -> None:
    error = one_error(ingest(["/nonexistent/dir/report.txt"]), "io")
    assert "no such file" in error.reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - not run as root
    path = write(tmp_path / "secret.txt", ARABIC)
    path.chmod(0)
    try:
        one_error(ingest([path]), "io")
    finally:
        path.chmod(0o644)


def test_ids_stable_and_unique_across_directories(tmp_path: Path) -> None:
    write(tmp_path / "hama" / "report.txt", ARABIC)
    write(tmp_path / "idlib" / "report.txt", ARABIC)
    first = [d.id for d in docs(ingest([tmp_path]))]
    second = [d.id for d in docs(ingest([tmp_path]))]
    assert first == second == ["hama/report", "idlib/report"]


def test_same_file_twice_gets_unique_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARABIC)
    assert [d.id for d in docs(ingest([path, path]))] == ["a", "a#2"]
