"""Finding inputs: directory walks, hidden and junk files, include/exclude globs, format sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, docs, errors, ingest, one_error, write

from marsad.ingest import IngestOptions, IngestStats
from marsad.ingest.sources import is_junk, matches, sniff_format

TEXT = "سقطت قذيفة هاون قرب مدرسة في حي الميدان دون إصابات.\n"
HTML = (
    "<html><head><title>خبر</title></head><body><article>"
    "<p>أفادت مصادر محلية بانفجار عبوة ناسفة على طريق فرعي قرب مدينة الرقة دون إصابات.</p>"
    "</article></body></html>"
)


def _tree(root: Path) -> Path:
    write(root / "b.txt", TEXT)
    write(root / "a.html", HTML)
    write(root / "2017" / "05" / "c.txt", TEXT)
    write(root / "2017" / "d.txt", TEXT)
    write(root / "2016" / "e.txt", TEXT)
    write(root / "drafts" / "f.txt", TEXT)
    write(root / ".hidden.txt", TEXT)
    write(root / ".git" / "g.txt", TEXT)
    write(root / "Thumbs.db", b"\x00\x01")
    write(root / "~$report.txt", TEXT)
    write(root / "notes.txt~", TEXT)
    write(root / "__MACOSX" / "h.txt", TEXT)
    write(root / "photo.jpg", b"\xff\xd8\xff\xe0")
    write(root / "site.json", b'{"theme": "dark"}')
    return root


def test_directory_is_walked_recursively_and_sorted(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    stats = IngestStats()
    items = ingest([root], stats=stats)
    assert errors(items) == []
    assert [d.id for d in docs(items)] == ["e", "c", "d", "a", "b", "f"]
    paths = [Path(d.meta["origin"]["path"]).relative_to(root).as_posix() for d in docs(items)]
    assert paths == ["2016/e.txt", "2017/05/c.txt", "2017/d.txt", "a.html", "b.txt", "drafts/f.txt"]
    assert stats.skipped["junk-file"] == 4  # Thumbs.db, ~$report.txt, notes.txt~, __MACOSX
    assert stats.skipped["unsupported-file"] == 2  # photo.jpg, site.json (not a Telegram export)
    assert stats.documents == 6 and stats.files == 6 and stats.errors == 0


def test_order_and_ids_are_stable_across_calls(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    first = [(d.id, d.text) for d in docs(ingest([root]))]
    second = [(d.id, d.text) for d in docs(ingest([root]))]
    assert first == second


def test_include_globs(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    assert [d.id for d in docs(ingest([root], include=("*.html",)))] == ["a"]
    assert [d.id for d in docs(ingest([root], include=("2017/**/*.txt",)))] == ["c", "d"]
    assert [d.id for d in docs(ingest([root], include=("2017/*/*.txt",)))] == ["c"]


def test_exclude_globs_prune_directories(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    stats = IngestStats()
    items = ingest([root], stats=stats, exclude=("drafts/**", "2016"))
    assert [d.id for d in docs(items)] == ["c", "d", "a", "b"]
    assert stats.skipped["excluded"] == 2
    assert [d.id for d in docs(ingest([root], exclude=("*.txt",)))] == ["a"]


def test_include_reads_files_with_any_suffix(tmp_path: Path) -> None:
    write(tmp_path / "d" / "report.dat", TEXT)
    write(tmp_path / "d" / "page.php", HTML)
    items = docs(ingest([tmp_path / "d"], include=("*.dat", "*.php")))
    assert [(d.id, d.meta["origin"]["kind"]) for d in items] == [("page", "html"), ("report", "text")]


def test_no_matching_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    error = one_error(ingest([tmp_path / "empty"]), "empty")
    assert "no supported files" in error.reason
    write(tmp_path / "d" / "a.txt", TEXT)
    error = one_error(ingest([tmp_path / "d"], include=("*.csv",)), "empty")
    assert "*.csv" in error.reason


def test_explicit_format_limits_a_directory_to_its_suffixes(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    assert [d.id for d in docs(ingest([root], input_format="html"))] == ["a"]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    page = write(tmp_path / "page", HTML)
    plain = write(tmp_path / "README", TEXT)
    items = docs(ingest([page, plain]))
    assert [d.meta["origin"]["kind"] for d in items] == ["html", "text"]


def test_json_that_is_not_an_export_given_explicitly(tmp_path: Path) -> None:
    error = one_error(ingest([write(tmp_path / "site.json", b'{"theme": "dark"}')]), "schema")
    assert "Telegram" in error.reason


def test_telegram_export_under_another_name_is_found(tmp_path: Path) -> None:
    data = (FIXTURES / "telegram" / "result.json").read_bytes()
    write(tmp_path / "exports" / "hama-2017.json", data)
    items = docs(ingest([tmp_path / "exports"]))
    assert len(items) == 4
    assert all(d.meta["origin"]["kind"] == "telegram" for d in items)


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (HTML.encode(), "html"),
        (b"<!DOCTYPE html>\n<html lang='ar'>", "html"),
        (b'{"text": "\xd8\xae\xd8\xa8\xd8\xb1", "id": 1}\n{"text": "x"}\n', "jsonl"),
        (b'{\n "name": "x",\n "type": "public_channel",\n "id": 1,\n "messages": [\n', "telegram"),
        (b'{"name": "x", "messages": []}', "telegram"),
        (b"id,text,date\n1,abc,2017-01-01\n", "csv"),
        (b"id;text\n1;abc\n", "csv"),
        ("نص عادي، بفاصلة\n".encode(), "text"),
        (b"%PDF-1.4", "text"),
        (b"", "text"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


def test_sniff_format_uses_the_text_column() -> None:
    assert sniff_format(b"id,body\n1,abc\n") == "text"
    assert sniff_format(b"id,body\n1,abc\n", text_column="body") == "csv"


def test_matches() -> None:
    assert matches("a/b/c.html", ["*.html"])
    assert matches("c.html", ["*.html"])
    assert matches("2017/a.txt", ["2017/**/*.txt"])
    assert matches("2017/05/a.txt", ["2017/**/*.txt"])
    assert not matches("2016/a.txt", ["2017/**/*.txt"])
    assert not matches("a/B.HTML", ["*.html"])  # case-sensitive
    assert matches("drafts/", ["drafts/**"])


def test_is_junk() -> None:
    for name in (
        ".DS_Store",
        "._x.txt",
        "Thumbs.db",
        "desktop.ini",
        "~$doc.txt",
        "x.txt~",
        "a.tmp",
        "__MACOSX",
    ):
        assert is_junk(name), name
    assert not is_junk("report.txt")


def test_options_validation() -> None:
    with pytest.raises(ValueError, match="input_format"):
        IngestOptions(input_format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_bytes"):
        IngestOptions(max_bytes=0)
    with pytest.raises(ValueError, match="delimiter"):
        IngestOptions(delimiter=";;")
    assert IngestOptions(delimiter="tab").delimiter == "\t"
    assert IngestOptions(delimiter="\\t").delimiter == "\t"
    assert IngestOptions(include=["*.txt"]).include == ("*.txt",)  # type: ignore[arg-type]
    assert IngestOptions(include="*.txt").include == ("*.txt",)  # type: ignore[arg-type]
