"""DocContext's indexes answer like the plain string operations they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.events.context import DocContext
from marsad.events.lexicon import default_triggers
from marsad.events.triggers import TriggerMatcher
from marsad.model import Document
from marsad.text.normalize import NormalizedText

TEXT = "قصفت  قوات النظام\nبلدة كفرزيتا،  واشتبكت مع\u00a0الفصائل - صباح اليوم. \u200f#حماة "


def context(text: str) -> DocContext:
    return DocContext(Document(id="d", text=text), NormalizedText(text))


@settings(max_examples=300)
@given(
    text=st.text(alphabet=" \n\t\u00a0\u2009،.-#abقصفتالنظام", max_size=60),
    start=st.integers(-2, 62),
    end=st.integers(-2, 62),
)
def test_tokens_between_is_split_of_the_slice(text: str, start: int, end: int) -> None:
    start, end = max(0, start), max(0, end)
    assert context(text).tokens_between(start, end) == len(text[start:end].split())


def test_tokens_between_on_a_report_line() -> None:
    ctx = context(TEXT)
    for start in range(len(TEXT) + 1):
        for end in range(len(TEXT) + 2):
            assert ctx.tokens_between(start, end) == len(TEXT[start:end].split()), (start, end)


def test_triggers_within_returns_accepted_triggers_by_start() -> None:
    ctx = context(TEXT)
    hits = TriggerMatcher(default_triggers()).find(ctx.view)
    assert [h.text for h in hits][:2] == ["قصفت", "اشتبكت"]
    ctx.set_triggers(list(reversed(hits)))
    assert [h.start for h in ctx.triggers] == sorted(h.start for h in hits)
    second = hits[1]
    assert ctx.triggers_within(second.start, second.start + 1) == [second]
    assert ctx.triggers_within(hits[0].start + 1, second.start) == []
    assert ctx.triggers_within(0, len(TEXT)) == ctx.triggers
