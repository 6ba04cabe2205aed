"""Overlap selection: longest span first, then the stronger evidence; taken spans stay taken."""

from marsad.model import Label
from marsad.recognize.candidates import Candidate, select


def cand(start: int, end: int, source: str, label: Label = Label.PLACE) -> Candidate:
    return Candidate(start, end, start, end, label, source)


def test_longest_wins_then_priority() -> None:
    chosen = select(
        [
            cand(0, 4, "gazetteer"),
            cand(0, 10, "kb-actor", Label.ORG),
            cand(12, 15, "cue-place"),
            cand(12, 15, "gazetteer"),
        ],
        text_length=20,
    )
    assert [(c.start, c.end, c.source) for c in chosen] == [(0, 10, "kb-actor"), (12, 15, "gazetteer")]


def test_taken_spans_block_candidates() -> None:
    chosen = select([cand(0, 4, "gazetteer"), cand(6, 9, "gazetteer")], text_length=10, taken=[(3, 5)])
    assert [(c.start, c.end) for c in chosen] == [(6, 9)]
