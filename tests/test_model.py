"""The document model round-trips through JSON and refuses spans that do not slice the text."""

import orjson
import pytest

from marsad.model import Author, Document, Entity, EntityKind, Label, Mention, SpanError


def test_round_trip_json() -> None:
    doc = Document(id="d1", text="قصفت قوات النظام حماة", published="2017-04-02", url="https://example.org/x")
    doc.add_mention(doc.span(5, 16, Label.ORG, entity="syrian-government-forces", component="actors"))
    doc.add_entity(
        Entity(
            "syrian-government-forces",
            EntityKind.ORG,
            "Military Forces of Syria",
            "قوات النظام",
            {"inter": 1},
        )
    )
    doc.author = Author(name=None, organization="syrian-government-forces")
    again = Document.from_dict(orjson.loads(orjson.dumps(doc.to_dict())))
    assert again.to_dict() == doc.to_dict()
    assert again.mentions[0].text == "قوات النظام"


def test_bad_span_is_refused() -> None:
    doc = Document(id="d", text="حماة")
    with pytest.raises(SpanError):
        doc.add_mention(Mention(0, 2, "حما", Label.PLACE))
