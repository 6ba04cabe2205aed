"""Shared fixtures of the event tests: one default pipeline, and a runner that checks every trigger and
evidence span against the text it came from."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.model import Document, Event
from marsad.pipeline import Pipeline

Extract = Callable[..., list[Event]]


def only(evs: list[Event], word: str) -> Event:
    """The one event whose trigger holds ``word`` (the test fails when there are none or several)."""
    found = [e for e in evs if word in e.trigger.text]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in evs]
    return found[0]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.fixture(scope="session")
def extract(pipeline: Pipeline) -> Callable[..., list[Event]]:
    """Events of one text (keyword arguments go to the Document); spans are checked on the way."""

    def run(text: str, **kw: object) -> list[Event]:
        doc = pipeline(Document(id="t", text=text, **kw))  # type: ignore[arg-type]
        for ev in doc.events:
            for span in (ev.trigger, *ev.evidence):
                assert text[span.start : span.end] == span.text
        return doc.events

    return run
