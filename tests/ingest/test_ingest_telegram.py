"""Telegram Desktop exports: entity rendering, metadata, skipped messages, corrupt files, both parsers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import FIXTURES, docs, errors, fake_stdin, ingest, one_error, write

from marsad.ingest import IngestStats, telegram

EXPORT = FIXTURES / "telegram" / "result.json"
CHANNEL = "مرصد ريف حماة"


@pytest.fixture(params=["ijson", "orjson"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "ijson":
        pytest.importorskip("ijson")
        monkeypatch.setattr(telegram, "use_ijson", True)
    else:
        monkeypatch.setattr(telegram, "use_ijson", False)
    yield request.param


def export(messages: list[Any], **header: Any) -> bytes:
    body = {"name": CHANNEL, "type": "public_channel", "id": 1187654321, **header, "messages": messages}
    return json.dumps(body, ensure_ascii=False, indent=1).encode()


def message(mid: int, text: Any, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "type": "message", "date": "2017-05-05T14:03:11", "text": text, **extra}


def test_messages_become_documents(parser: str) -> None:
    stats = IngestStats()
    items = ingest([EXPORT], stats=stats)
    assert errors(items) == []
    assert [d.id for d in docs(items)] == [f"مرصد_ريف_حماة-{n}" for n in (2, 4, 5, 7)]
    assert stats.skipped == {"telegram-service": 2, "telegram-no-text": 1}
    assert stats.documents == 4 and stats.files == 1


def test_entity_rendering_bold_and_hashtags(parser: str) -> None:
    doc = docs(ingest([EXPORT]))[0]
    assert doc.text == (
        "عاجل | قصف مدفعي على أطراف بلدة كفرنبودة في ريف حماة الشمالي، دون ورود أنباء عن إصابات.\n"
        "#حماة #كفرنبودة"
    )
    assert doc.published == "2017-05-05T14:03:11"
    assert doc.source == CHANNEL
    assert doc.title is None and doc.url is None
    assert doc.meta["origin"] == {
        "kind": "telegram",
        "format": "telegram",
        "path": str(EXPORT),
        "message_id": 2,
    }
    tg = doc.meta["telegram"]
    assert tg["channel"] == CHANNEL
    assert tg["channel_id"] == 1187654321
    assert tg["message_id"] == 2
    assert tg["hashtags"] == ["#حماة", "#كفرنبودة"]
    assert tg["links"] == []
    assert tg["forwarded_from"] is None and tg["reply_to"] is None and tg["edited"] is None
    assert tg["date_unixtime"] == "1493982191"


def test_forwarded_message_with_mention_and_link(parser: str) -> None:
    doc = docs(ingest([EXPORT]))[1]
    assert doc.text == (
        "نزوح عشرات العائلات من قرى سهل الغاب باتجاه المخيمات الحدودية، بحسب @idlib_news_net"
        ". التفاصيل: https://news.example.org/2017/05/05/ghab"
    )
    tg = doc.meta["telegram"]
    assert tg["forwarded_from"] == "شبكة أخبار إدلب"
    assert tg["edited"] == "2017-05-05T16:50:13"
    assert tg["mentions"] == ["@idlib_news_net"]
    assert tg["links"] == [
        {
            "href": "https://news.example.org/2017/05/05/ghab",
            "text": "https://news.example.org/2017/05/05/ghab",
        }
    ]


def test_reply_and_text_link(parser: str) -> None:
    doc = docs(ingest([EXPORT]))[2]
    assert doc.text == "تحديث: ارتفاع عدد المنازل المتضررة إلى سبعة، وفق تقرير الدفاع المدني."
    assert doc.meta["telegram"]["reply_to"] == 2
    assert doc.meta["telegram"]["links"] == [
        {"href": "https://example.org/reports/2017-05-06", "text": "تقرير الدفاع المدني"}
    ]


def test_plain_string_text(parser: str) -> None:
    doc = docs(ingest([EXPORT]))[3]
    assert doc.text == "اشتباكات متقطعة على محور الزلاقيات منذ ساعات الصباح."


def test_text_list_without_text_entities(tmp_path: Path, parser: str) -> None:
    parts = [
        "قصف على ",
        {"type": "bold", "text": "خان شيخون"},
        "، ",
        {"type": "italic", "text": "صباح اليوم"},
    ]
    items = ingest([write(tmp_path / "result.json", export([message(10, parts)]))])
    assert [d.text for d in docs(items)] == ["قصف على خان شيخون، صباح اليوم"]


def test_text_entities_are_preferred(tmp_path: Path, parser: str) -> None:
    msg = message(
        11,
        "نص قديم",
        text_entities=[{"type": "plain", "text": "نص "}, {"type": "hashtag", "text": "#درعا"}],
    )
    doc = docs(ingest([write(tmp_path / "result.json", export([msg]))]))[0]
    assert doc.text == "نص #درعا"
    assert doc.meta["telegram"]["hashtags"] == ["#درعا"]


def test_media_caption_and_published_from_unixtime(tmp_path: Path, parser: str) -> None:
    msg = {
        "id": 12,
        "type": "message",
        "date_unixtime": "1493982191",
        "photo": "photos/p.jpg",
        "text": "صورة من الموقع",
    }
    doc = docs(ingest([write(tmp_path / "result.json", export([msg]))]))[0]
    assert doc.published == "2017-05-05T11:03:11+00:00"
    assert doc.meta["telegram"]["media"] == "photo"


def test_bad_messages_are_errors_and_others_read(tmp_path: Path, parser: str) -> None:
    messages = [
        "not an object",
        {"type": "message", "text": "بلا معرف"},
        message(3, {"unexpected": "object"}),
        message(4, "رسالة سليمة"),
    ]
    items = ingest([write(tmp_path / "result.json", export(messages))])
    assert [e.code for e in errors(items)] == ["schema", "schema", "schema"]
    assert "message #1" in errors(items)[0].reason
    assert "message 3" in errors(items)[2].reason
    assert [d.text for d in docs(items)] == ["رسالة سليمة"]


def test_message_over_limit(tmp_path: Path, parser: str) -> None:
    items = ingest(
        [write(tmp_path / "result.json", export([message(1, "س" * 300), message(2, "قصير")]))], max_bytes=200
    )
    assert [e.code for e in errors(items)] == ["too-large"]
    assert [d.text for d in docs(items)] == ["قصير"]


def test_only_service_messages_is_empty(tmp_path: Path, parser: str) -> None:
    messages = [{"id": 1, "type": "service", "action": "create_channel", "text": ""}, message(2, "")]
    error = one_error(ingest([write(tmp_path / "result.json", export(messages))]), "empty")
    assert "no message with text" in error.reason


def test_ids_without_channel_name(tmp_path: Path, parser: str) -> None:
    data = json.dumps({"type": "private_channel", "id": 42, "messages": [message(3, "نص")]}).encode()
    assert docs(ingest([write(tmp_path / "result.json", data)]))[0].id == "channel42-3"
    data = json.dumps({"messages": [message(3, "نص")]}).encode()
    assert docs(ingest([write(tmp_path / "hama.json", data)]))[0].id == "hama-3"


def test_ids_are_stable_and_unique_across_two_exports(tmp_path: Path, parser: str) -> None:
    a = write(tmp_path / "a" / "result.json", export([message(1, "أ"), message(2, "ب")]))
    b = write(tmp_path / "b" / "result.json", export([message(2, "ب"), message(3, "ج")]))
    first = [d.id for d in docs(ingest([a, b]))]
    assert first == [d.id for d in docs(ingest([a, b]))]
    assert first == ["مرصد_ريف_حماة-1", "مرصد_ريف_حماة-2", "مرصد_ريف_حماة-2#2", "مرصد_ريف_حماة-3"]


def test_utf8_bom(tmp_path: Path, parser: str) -> None:
    path = write(tmp_path / "result.json", b"\xef\xbb\xbf" + export([message(1, "نص")]))
    assert [d.text for d in docs(ingest([path]))] == ["نص"]


def test_not_an_export(tmp_path: Path, parser: str) -> None:
    error = one_error(ingest([write(tmp_path / "result.json", b'[{"id": 1}]')]), "schema")
    assert "not a Telegram Desktop export" in error.reason
    error = one_error(ingest([write(tmp_path / "other.json", b'{"name": "x"}')]), "schema")
    assert "messages" in error.reason


def test_full_account_export_is_refused(tmp_path: Path, parser: str) -> None:
    data = json.dumps(
        {"about": "x", "chats": {"about": "y", "list": [{"name": "c", "messages": []}]}}
    ).encode()
    error = one_error(ingest([write(tmp_path / "result.json", data)]), "schema")
    assert "full Telegram account export" in error.reason


def test_zero_byte_and_binary(tmp_path: Path, parser: str) -> None:
    one_error(ingest([write(tmp_path / "result.json", b"")]), "empty")
    one_error(ingest([write(tmp_path / "x.json", b"\x1f\x8b\x08\x00")]), "binary")


def test_truncated_export_streaming_keeps_earlier_messages(tmp_path: Path) -> None:
    pytest.importorskip("ijson")
    data = EXPORT.read_bytes()
    cut = data.index(b'"id": 5')  # inside message 5
    items = ingest([write(tmp_path / "result.json", data[:cut])])
    assert [d.meta["origin"]["message_id"] for d in docs(items)] == [2, 4]
    error = errors(items)[-1]
    assert error.code == "json"
    assert "truncated" in error.reason and f"byte {cut}" in error.reason
    assert error.line == data[:cut].count(b"\n") + 1


def test_syntax_error_position_streaming(tmp_path: Path) -> None:
    pytest.importorskip("ijson")
    data = EXPORT.read_bytes()
    bad = data.replace(b'"reply_to_message_id": 2,', b'"reply_to_message_id": 2 "oops",', 1)
    items = ingest([write(tmp_path / "result.json", bad)])
    assert [d.meta["origin"]["message_id"] for d in docs(items)] == [2, 4]
    error = errors(items)[-1]
    assert error.code == "json"
    pos = bad.index(b' "oops"') + 1
    assert error.line == bad[:pos].count(b"\n") + 1
    reported = int(error.reason.split("near byte ")[1].split(" ")[0])
    assert pos <= reported <= pos + 6  # the parser places the error inside the offending token
    assert "4 message(s) were read before it" in error.reason  # service and photo messages count


def test_corrupt_export_without_streaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "use_ijson", False)
    data = EXPORT.read_bytes()
    cut = data.index(b'"id": 5')
    error = one_error(ingest([write(tmp_path / "result.json", data[:cut])]), "json")
    assert "truncated" in error.reason and error.line is not None and "column" in error.reason
    bad = data.replace(b'"reply_to_message_id": 2,', b'"reply_to_message_id": 2 "oops",', 1)
    error = one_error(ingest([write(tmp_path / "result.json", bad)]), "json")
    assert error.line == bad[: bad.index(b' "oops"')].count(b"\n") + 1


def test_export_on_stdin(monkeypatch: pytest.MonkeyPatch, parser: str) -> None:
    fake_stdin(monkeypatch, EXPORT.read_bytes())
    items = docs(ingest(["-"]))
    assert [d.id for d in items] == [f"مرصد_ريف_حماة-{n}" for n in (2, 4, 5, 7)]
    assert items[0].meta["origin"] == {
        "kind": "stdin",
        "format": "telegram",
        "path": "<stdin>",
        "message_id": 2,
    }


def test_streaming_and_loading_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ijson")
    monkeypatch.setattr(telegram, "use_ijson", True)
    streamed = [d.to_dict() for d in docs(ingest([EXPORT]))]
    monkeypatch.setattr(telegram, "use_ijson", False)
    loaded = [d.to_dict() for d in docs(ingest([EXPORT]))]
    assert streamed == loaded
