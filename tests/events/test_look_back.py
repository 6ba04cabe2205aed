"""Rules look back only as far as they can reach, and never miss a draft within reach: coreference stops
at drafts told too far back (but sees a headline's draft moved to the body sentence that retells it);
the drafts of a sentence are the last ones made."""

from __future__ import annotations

from marsad.events.actors import same_sentence
from marsad.events.coref import _RETELLING_REACH, _latest_first
from marsad.events.draft import Draft
from marsad.events.lexicon import default_triggers
from marsad.events.triggers import TriggerHit
from marsad.model import Event, Span


def _draft(sentence: int) -> Draft:
    trigger = next(t for t in default_triggers() if t.type == "ASSAULT")
    start = sentence * 100
    hit = TriggerHit(start, start + 4, start, start + 4, "قصفت", trigger, "", "")
    event = Event(id="", type=trigger.type, trigger=Span(start, start + 4, "قصفت"))
    return Draft(event, hit, sentence, start, start + 50, None)


def _within_reach(merged: list[Draft], d: Draft) -> list[Draft]:
    return [p for p in reversed(merged) if d.sentence - p.sentence <= _RETELLING_REACH]


def test_stops_at_the_first_draft_out_of_reach() -> None:
    merged = [_draft(s) for s in range(30)]
    d = _draft(30)
    seen = list(_latest_first(merged, d, None))
    assert seen == merged[::-1][:_RETELLING_REACH]
    assert [p for p in seen if d.sentence - p.sentence <= _RETELLING_REACH] == _within_reach(merged, d)


def test_a_moved_headline_draft_is_still_seen() -> None:
    merged = [_draft(s) for s in (0, 1, 2, 3, 4, 5, 6)]
    merged[0].sentence = 3  # the headline (sentence 0), retold in sentence 3
    for sentence in range(4, 12):
        d = _draft(sentence)
        seen = list(_latest_first(merged, d, 0))
        reachable = [p for p in seen if d.sentence - p.sentence <= _RETELLING_REACH]
        assert reachable == _within_reach(merged, d)
    # early in the document the whole list is read, the moved headline draft included
    assert merged[0] in list(_latest_first(merged, _draft(6), 0))


def test_drafts_of_one_sentence_are_all_seen() -> None:
    merged = [_draft(s) for s in (0, 5, 9, 9, 9, 10)]
    d = _draft(12)
    assert list(_latest_first(merged, d, None)) == merged[::-1][:4]  # sentences 10 and 9: within reach


def test_the_drafts_of_a_sentence_are_read_from_the_end() -> None:
    previous = [_draft(s) for s in (0, 2, 2, 3, 5, 5, 5)]
    assert same_sentence(previous, 5) == previous[4:]
    assert same_sentence(previous, 6) == []
    assert same_sentence([], 1) == []
