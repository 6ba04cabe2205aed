"""HTML pages: main text without boilerplate, metadata, encodings, malformed and empty pages, offline."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, fake_stdin, ingest, one_doc, one_error, write

ARTICLE = FIXTURES / "html" / "hama-shelling.html"
BODY = (
    "<p>أعلن الدفاع المدني في مدينة دوما إخلاء مبنى سكني تضرر جراء القصف، "
    "ونقل سكانه إلى مراكز إيواء مؤقتة.</p>"
    "<p>وأشار إلى أن فرقه ما زالت تعمل على إزالة الأنقاض من الشوارع المحيطة.</p>"
)


def page(body: str = BODY, head: str = "<meta charset='utf-8'><title>خبر محلي</title>") -> str:
    return (
        "<!DOCTYPE html><html lang='ar' dir='rtl'>"
        f"<head>{head}</head><body><article>{body}</article></body></html>"
    )


def test_article_text_without_boilerplate() -> None:
    doc = one_doc(ingest([ARTICLE]))
    lines = doc.text.split("\n")
    assert lines[0] == "قصف مدفعي على أطراف كفرنبودة في ريف حماة"
    assert lines[1].startswith("أفاد ناشطون محليون بأن قصفاً مدفعياً")
    # <br> inside a paragraph is a line break
    assert lines[2].endswith("الطريق الواصل إلى قلعة المضيق")
    assert lines[3] == "ولم ترد حتى الآن أنباء عن إصابات بين المدنيين."
    for boilerplate in ("الرئيسية", "اتصل بنا", "جميع الحقوق محفوظة", "الأكثر قراءة"):
        assert boilerplate not in doc.text


def test_article_metadata() -> None:
    doc = one_doc(ingest([ARTICLE]))
    assert doc.id == "hama-shelling"
    assert doc.title == "قصف مدفعي على أطراف كفرنبودة في ريف حماة"
    assert doc.url == "https://news.example.org/syria/2017/05/kafr-nabudah-shelling"
    assert doc.published == "2017-05-05T14:03:11+03:00"
    assert doc.source == "مرصد الأخبار المحلية"
    assert doc.meta["origin"] == {"kind": "html", "format": "html", "path": str(ARTICLE)}
    assert doc.meta["html"] == {
        "date_source": "meta:article:published_time",
        "hostname": "news.example.org",
        "lang": "ar",
        "dir": "rtl",
    }


def test_json_ld_date_and_site_name() -> None:
    doc = one_doc(ingest([FIXTURES / "html" / "jsonld-date.htm"]))
    assert doc.published == "2017-03-21T09:30:00+03:00"
    assert doc.meta["html"]["date_source"] == "json-ld"
    assert doc.source == "نشرة الرصد"
    assert doc.text.startswith("بيان حول الوضع الإنساني في الموصل\nأعلنت منظمات إغاثية")


def test_time_element_date(tmp_path: Path) -> None:
    body = BODY + "<time pubdate datetime='2016-11-02'>2 تشرين الثاني</time>"
    doc = one_doc(ingest([write(tmp_path / "t.html", page(body))]))
    assert doc.published == "2016-11-02"
    assert doc.meta["html"]["date_source"] == "time"


def test_no_date_known(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "n.html", page())]))
    assert doc.published is None
    assert doc.meta["html"]["date_source"] is None


def test_truncated_html_keeps_the_text_that_is_there() -> None:
    doc = one_doc(ingest([FIXTURES / "html" / "truncated.html"]))
    assert doc.title == "اشتباكات في محيط مدينة الباب"
    assert doc.text.startswith("اندلعت اشتباكات متقطعة مساء الخميس في محيط مدينة الباب")
    assert doc.text.endswith("وسط تحليق لطائرات الاستطلاع في أجواء المن")


def test_navigation_only_page_is_empty() -> None:
    error = one_error(ingest([FIXTURES / "html" / "navigation-only.html"]), "empty")
    assert "no extractable text" in error.reason


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>فارغ</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<html><body>   </body></html>",
    ],
)
def test_page_without_text_is_empty(tmp_path: Path, markup: str) -> None:
    error = one_error(ingest([write(tmp_path / "e.html", markup)]), "empty")
    assert "no extractable text" in error.reason or "whitespace" in error.reason


def test_zero_byte_html(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "zero.html", b"")]), "empty")


def test_binary_named_html(tmp_path: Path) -> None:
    one_error(ingest([write(tmp_path / "x.html", b"\x89PNG\r\n\x1a\n\x00\x00")]), "binary")


def test_declared_windows_1256(tmp_path: Path) -> None:
    markup = page(head="<meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>")
    doc = one_doc(ingest([write(tmp_path / "old.html", markup.encode("cp1256"))]))
    assert "أعلن الدفاع المدني في مدينة دوما" in doc.text
    assert doc.meta["encoding"] == "cp1256"


def test_undeclared_windows_1256_is_detected(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "old.html", page(head="<title>x</title>").encode("cp1256"))]))
    assert "أعلن الدفاع المدني في مدينة دوما" in doc.text
    assert doc.meta["encoding"] == "cp1256"


def test_wrongly_declared_charset_on_utf8_bytes(tmp_path: Path) -> None:
    markup = page(head="<meta charset='iso-8859-1'><title>x</title>")
    doc = one_doc(ingest([write(tmp_path / "w.html", markup)]))
    assert "أعلن الدفاع المدني" in doc.text
    assert "encoding" not in doc.meta


def test_utf16_html_with_bom(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "u.html", page().encode("utf-16"))]))
    assert "أعلن الدفاع المدني" in doc.text


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    markup = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar"><head><title>بيان</title></head>'
        f"<body><div>{BODY}</div></body></html>"
    )
    doc = one_doc(ingest([write(tmp_path / "s.xhtml", markup)]))
    assert "أعلن الدفاع المدني" in doc.text
    assert doc.meta["html"]["lang"] == "ar"


def test_url_option_without_canonical(tmp_path: Path) -> None:
    path = write(tmp_path / "p.html", page())
    assert one_doc(ingest([path])).url is None
    doc = one_doc(ingest([path], url="https://www.example.net/local/2017/duma"))
    assert doc.url == "https://www.example.net/local/2017/duma"
    assert doc.meta["html"]["hostname"] == "example.net"
    assert doc.source  # the site is named after the host when the page does not name it


def test_canonical_wins_over_url_option_and_relative_canonical_is_resolved(tmp_path: Path) -> None:
    canonical = page(head="<title>x</title><link rel='canonical' href='https://example.org/a/1'>")
    doc = one_doc(ingest([write(tmp_path / "c.html", canonical)], url="https://other.example/x"))
    assert doc.url == "https://example.org/a/1"
    relative = page(head="<title>x</title><link rel='canonical' href='/news/7'>")
    doc = one_doc(ingest([write(tmp_path / "r.html", relative)], url="https://example.org/x"))
    assert doc.url == "https://example.org/news/7"


def test_html_fragment(tmp_path: Path) -> None:
    doc = one_doc(ingest([write(tmp_path / "frag.html", BODY)]))
    assert doc.text.startswith("أعلن الدفاع المدني في مدينة دوما")


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    markup = page(head="<title>x</title><link rel='canonical' href='https://example.org/a/1'>")
    doc = one_doc(ingest([write(tmp_path / "c.html", markup)]))
    assert doc.url == "https://example.org/a/1"
    assert one_doc(ingest([ARTICLE])).published == "2017-05-05T14:03:11+03:00"


def test_html_on_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, ARTICLE.read_bytes())
    doc = one_doc(ingest(["-"], url="https://news.example.org/x"))
    assert doc.id == "stdin"
    assert doc.meta["origin"] == {"kind": "stdin", "format": "html", "path": "<stdin>"}
    assert doc.url == "https://news.example.org/syria/2017/05/kafr-nabudah-shelling"
    assert doc.text.startswith("قصف مدفعي على أطراف كفرنبودة")


def test_extraction_is_stable() -> None:
    first = one_doc(ingest([ARTICLE]))
    second = one_doc(ingest([ARTICLE]))
    assert first.to_dict() == second.to_dict()
