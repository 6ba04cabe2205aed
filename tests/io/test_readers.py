"""Reading text inputs: files, directories, stdin; encodings, binary, empty and oversized inputs."""

from __future__ import annotations

import gzip
import io
import logging
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.io import readers
from marsad.io.readers import InputError, ReadOptions, read_documents
from marsad.model import Document

ARABIC = (
    "عمران محمد / مسؤول العلاقات الإعلامية.\n"
    "بسم الله الرحمن الرحيم\n"
    "تواصلنا مع قيادة الهيئة في ريف حماة الشمالي، وأرسلنا وفداً إلى الاجتماع في قمحانة "
    "بعد المعارك التي دارت في محيط صوران وحلفايا وطيبة الإمام يوم الثلاثاء 21 آذار 2017.\n"
)


def read(sources: list[str], **kwargs: object) -> list[Document | InputError]:
    return list(read_documents(sources, ReadOptions(**kwargs)))  # type: ignore[arg-type]


def one(path: Path, **kwargs: object) -> Document | InputError:
    items = read([str(path)], **kwargs)
    assert len(items) == 1
    return items[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def error(item: Document | InputError, code: str) -> InputError:
    assert isinstance(item, InputError), item
    assert item.code == code, item
    return item


def doc(item: Document | InputError) -> Document:
    assert isinstance(item, Document), item
    return item


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


# --- UTF-8 and BOMs --------------------------------------------------------------------------------


def test_utf8_file_is_one_document_kept_exactly(tmp_path: Path) -> None:
    text = ARABIC.replace("\n", "\r\n") + "  trailing  "
    d = doc(one(write(tmp_path / "hama-statement.txt", text.encode("utf-8"))))
    assert d.text == text  # CRLF and spaces kept as decoded
    assert d.id == "hama-statement"
    assert d.source == str(tmp_path / "hama-statement.txt")
    assert "encoding" not in d.meta


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    d = doc(one(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + ARABIC.encode())))
    assert d.text == ARABIC
    assert d.meta["encoding"] == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    data = ARABIC.encode(codec)
    if not codec.endswith("16") and not codec.endswith("32"):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}[codec]
        data = bom + data
    d = doc(one(write(tmp_path / "u.txt", data)))
    assert d.text == ARABIC
    assert d.meta["encoding"].startswith("utf-")


def test_utf16_without_bom_is_detected_not_called_binary(tmp_path: Path) -> None:
    d = doc(one(write(tmp_path / "u.txt", ARABIC.encode("utf-16-le"))))
    assert d.text == ARABIC
    assert d.meta["encoding"] == "utf-16-le"


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ ًٌٍَُِّْ،؛؟abcXYZ 0123456789\n\r\t.«»")),
        min_size=1,
    ).filter(lambda s: s.strip())
)
def test_decoded_text_is_the_original_string(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.txt"
        path.write_bytes(text.encode("utf-8"))
        d = doc(one(path))
        assert d.text == text


# --- legacy Arabic encodings -----------------------------------------------------------------------


def test_cp1256_is_detected_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "win.txt", ARABIC.encode("cp1256"))
    with caplog.at_level(logging.WARNING, logger="marsad.io.readers"):
        d = doc(one(path))
    assert d.text == ARABIC
    assert d.meta["encoding"] == "cp1256"
    assert any("windows-1256" in r.getMessage() and "win.txt" in r.getMessage() for r in caplog.records)


def test_iso8859_6_is_detected(tmp_path: Path) -> None:
    text = "بسم الله الرحمن الرحيم\nتواصلنا مع قيادة الهيئة في ريف حماة الشمالي وأرسلنا وفدا إلى الاجتماع\n"
    d = doc(one(write(tmp_path / "iso.txt", text.encode("iso8859_6"))))
    assert d.text == text
    assert d.meta["encoding"] == "iso8859-6"


def test_explicit_encoding_is_used_as_is(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "win.txt", ARABIC.encode("cp1256"))
    with caplog.at_level(logging.WARNING):
        d = doc(one(path, encoding="cp1256"))
    assert d.text == ARABIC
    assert d.meta["encoding"] == "cp1256"
    assert not caplog.records


def test_explicit_encoding_decode_error_names_byte_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"abc\n" + ARABIC.encode("cp1256"))
    err = error(one(path, encoding="utf-8"), "encoding")
    assert "byte offset 4" in err.reason
    assert "--encoding" in err.reason
    assert err.source == str(path)


def test_unknown_explicit_encoding(tmp_path: Path) -> None:
    err = error(one(write(tmp_path / "a.txt", b"hello"), encoding="no-such-codec"), "encoding")
    assert "no-such-codec" in err.reason


def test_undecidable_encoding_names_candidates_and_option(tmp_path: Path) -> None:
    err = error(one(write(tmp_path / "short.txt", "السلام".encode("cp1256"))), "encoding")
    assert "windows-1256" in err.reason
    assert "--encoding cp1256" in err.reason


def test_truncated_utf8_is_reported_as_truncated(tmp_path: Path) -> None:
    data = (ARABIC + "قال الناطق باسم الفصيل").encode("utf-8")[:-1]
    err = error(one(write(tmp_path / "cut.txt", data)), "encoding")
    assert "truncated" in err.reason


def test_cp1252_mojibake_is_not_accepted_for_arabic(tmp_path: Path) -> None:
    d = doc(one(write(tmp_path / "w.txt", (ARABIC * 3).encode("cp1256"))))
    assert d.meta["encoding"] == "cp1256"
    assert "Ç" not in d.text


# --- binary, empty, too large ----------------------------------------------------------------------


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (gzip.compress("نص".encode()), "GZIP"),
        (_docx_bytes(), "DOCX"),
    ],
)
def test_binary_files_are_named(tmp_path: Path, data: bytes, kind: str) -> None:
    err = error(one(write(tmp_path / "x.txt", data)), "binary")
    assert kind in err.reason
    assert "extract its text" in err.reason


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    err = error(one(write(tmp_path / "n.txt", b"some text\x00\x01\x02 more text" * 10)), "binary")
    assert "NUL" in err.reason


def test_control_characters_are_binary(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 0x1B, 0x7F]) * 20 + b"text"
    error(one(write(tmp_path / "c.txt", data)), "binary")


def test_control_characters_with_explicit_encoding_are_binary(tmp_path: Path) -> None:
    error(one(write(tmp_path / "c.txt", b"a\x01\x02\x03\x04b"), encoding="latin-1"), "binary")


def test_zero_bytes_is_empty(tmp_path: Path) -> None:
    err = error(one(write(tmp_path / "e.txt", b"")), "empty")
    assert "0 bytes" in err.reason


@pytest.mark.parametrize(
    "data", [b"  \n\t\r\n ", "\u200f \n".encode(), b"\xef\xbb\xbf\n", " \n".encode("utf-16")]
)
def test_whitespace_only_is_empty(tmp_path: Path, data: bytes) -> None:
    error(one(write(tmp_path / "w.txt", data)), "empty")


def test_too_large_names_limit_and_size(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", ARABIC.encode() * 10)
    size = path.stat().st_size
    err = error(one(path, max_bytes=1000), "too-large")
    assert "1000 bytes" in err.reason
    assert f"{size} bytes" in err.reason


def test_exactly_at_limit_is_read(tmp_path: Path) -> None:
    data = ARABIC.encode()
    d = doc(one(write(tmp_path / "ok.txt", data), max_bytes=len(data)))
    assert d.text == ARABIC


def test_stdin_too_large_reads_at_most_limit_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.BytesIO(b"x" * 5000)
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=stream))
    err = error(read(["-"], max_bytes=100)[0], "too-large")
    assert err.source == "<stdin>"
    assert "100 bytes" in err.reason
    assert stream.tell() == 101


# --- io errors, sources, ids, order ----------------------------------------------------------------


def test_missing_file_is_io_error(tmp_path: Path) -> None:
    err = error(one(tmp_path / "nope.txt"), "io")
    assert err.source == str(tmp_path / "nope.txt")
    assert err.line is None
    assert "no such file" in err.reason


def test_unreadable_file_is_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", b"text")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "open", denied, raising=False)
    err = error(one(path), "io")
    assert "permission" in err.reason
    assert err.source == str(path)


def test_stdin_is_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, ARABIC.encode("cp1256"))
    items = read(["-"])
    d = doc(items[0])
    assert len(items) == 1
    assert d.id == "stdin"
    assert d.text == ARABIC
    assert d.meta["encoding"] == "cp1256"


def test_no_sources_means_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, "نص قصير من الإدخال القياسي".encode())
    d = doc(read([])[0])
    assert d.id == "stdin"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    err = error(read(["-"])[0], "empty")
    assert err.source == "<stdin>"


def test_directory_is_read_recursively_sorted(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "b.txt", "ب".encode())
    write(root / "a" / "z.txt", "ز".encode())
    write(root / "a" / "c.txt", "ج".encode())
    write(root / "a.txt", "أ".encode())
    write(root / "notes.md", b"ignored")
    write(root / ".hidden" / "h.txt", b"ignored")
    write(root / "sub" / "deeper" / "d.TXT", "د".encode())
    items = read([str(root)])
    docs = [doc(i) for i in items]
    assert [d.text for d in docs] == ["ج", "ز", "أ", "ب", "د"]
    assert [d.id for d in docs] == ["c", "z", "a", "b", "d"]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    write(tmp_path / "none" / "x.md", b"not text input")
    err = error(read([str(tmp_path / "none")])[0], "empty")
    assert "*.txt" in err.reason


def test_shared_stems_become_unique_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a" / "x.txt", "أ".encode())
    write(tmp_path / "b" / "x.txt", "ب".encode())
    write(tmp_path / "y.txt", "ي".encode())
    docs = [doc(i) for i in read(["a/x.txt", "b/x.txt", "y.txt"])]
    assert [d.id for d in docs] == ["a/x", "b/x", "y"]


def test_shared_stems_deeper_paths_use_shortest_distinct_suffix(tmp_path: Path) -> None:
    write(tmp_path / "p" / "a" / "r.txt", b"one")
    write(tmp_path / "q" / "a" / "r.txt", b"two")
    docs = [doc(i) for i in read([str(tmp_path / "p"), str(tmp_path / "q")])]
    assert [d.id for d in docs] == ["p/a/r", "q/a/r"]


def test_same_file_twice_gets_suffix(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "x.txt", b"same")
    with caplog.at_level(logging.WARNING, logger="marsad.io.readers"):
        docs = [doc(i) for i in read([str(path), str(path)])]
    assert [d.id for d in docs] == ["x", "x#2"]
    assert any("duplicate" in r.getMessage() for r in caplog.records)


def test_order_preserved_with_errors_in_between(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "first.txt", "الأول".encode())
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "dir" / "b.txt", "ب".encode())
    write(tmp_path / "dir" / "a.txt", "أ".encode())
    write(tmp_path / "last.txt", "الأخير".encode())
    items = read(["first.txt", "missing.txt", "empty.txt", "dir", "last.txt"])
    summary = [i.code if isinstance(i, InputError) else i.id for i in items]
    assert summary == ["first", "io", "empty", "a", "b", "last"]


def test_read_documents_is_lazy(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"first")
    it = read_documents([str(tmp_path / "a.txt"), str(tmp_path / "later.txt")], ReadOptions())
    assert doc(next(it)).text == "first"
    write(tmp_path / "later.txt", b"created after the first document was read")
    assert doc(next(it)).text.startswith("created")


def test_input_error_str() -> None:
    err = InputError("f.jsonl", 3, "invalid JSON", "json")
    assert str(err) == "f.jsonl:3: invalid JSON [json]"


def test_bad_options_raise() -> None:
    with pytest.raises(ValueError):
        ReadOptions(input_format="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ReadOptions(max_bytes=0)


def test_symlink_loop_in_directory_is_not_followed_forever(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "a" / "x.txt", "نص".encode())
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)
    docs = [doc(i) for i in read([str(root)])]
    assert [d.text for d in docs] == ["نص"]
