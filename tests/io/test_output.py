"""Records carry every field of the schema; the table isolates Arabic cells."""

import io

from marsad.io.output import FSI, PDI, dumps, isolate, render_table, to_record
from marsad.model import Document, Entity, EntityKind, Label


def sample() -> Document:
    doc = Document(id="d", text="قصفت قوات النظام حماة", published="2017-04-02")
    doc.add_mention(doc.span(5, 16, Label.ORG, entity="syrian-government-forces", component="actors"))
    doc.add_entity(
        Entity(
            "syrian-government-forces",
            EntityKind.ORG,
            "Military Forces of Syria",
            "قوات النظام",
            {"type": "state-forces", "inter": 1},
        )
    )
    return doc


def test_record_fields_and_utf8_json() -> None:
    record = to_record(sample(), "abc")
    assert record["producer"]["knowledge"] == "abc"
    assert record["mentions"][0]["text"] == "قوات النظام"
    assert "قوات النظام".encode() in dumps(record)  # Arabic is not escaped


def test_table_isolates_arabic_text() -> None:
    out = io.StringIO()
    render_table(to_record(sample()), out)
    assert isolate("قوات النظام") in out.getvalue()
    assert isolate("x") == f"{FSI}x{PDI}"
    assert "Military Forces of Syria" in out.getvalue()


def test_table_lists_events() -> None:
    from marsad.model import Event, Span

    doc = sample()
    doc.add_event(
        Event(
            id="e1",
            type="ASSAULT",
            trigger=Span(0, 4, "قصفت"),
            actor1="syrian-government-forces",
            acled={"sub_event_type": "Shelling/artillery/missile attack"},
            date="2017-04-02",
            time_precision=1,
        )
    )
    out = io.StringIO()
    render_table(to_record(doc), out)
    text = out.getvalue()
    assert "Shelling/artillery/missile attack" in text and "2017-04-02 (p1)" in text
