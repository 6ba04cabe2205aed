"""Candidate mentions proposed by recognizers, and the selection of a non-overlapping set."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from marsad.model import Label
from marsad.text.normalize import NormalizedText

# At equal length, which kind of evidence wins an overlap.
PRIORITY: Final = {
    "kb-actor": 5,
    "kb-person": 5,
    "gazetteer": 4,
    "author": 6,
    "title-person": 3,
    "kunya-person": 2,
    "cue-place": 1,
}


@dataclass(init=False, slots=True)
class Candidate:
    """A proposed mention: original span, view span, label, and what it may link to."""

    start: int
    end: int
    vstart: int
    vend: int
    label: Label
    source: str  # key of PRIORITY
    entity: str | None = None
    confidence: float = 1.0
    key: str = ""  # folded name
    attrs: dict[str, Any] = field(default_factory=dict)

    # by hand, so that mypyc compiles it (docs/development.md)
    def __init__(
        self,
        start: int,
        end: int,
        vstart: int,
        vend: int,
        label: Label,
        source: str,
        entity: str | None = None,
        confidence: float = 1.0,
        key: str = "",
        attrs: dict[str, Any] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.vstart = vstart
        self.vend = vend
        self.label = label
        self.source = source
        self.entity = entity
        self.confidence = confidence
        self.key = key
        self.attrs = {} if attrs is None else attrs

    @classmethod
    def from_view(
        cls,
        view: NormalizedText,
        vstart: int,
        vend: int,
        label: Label,
        source: str,
        confidence: float = 1.0,
        attrs: dict[str, Any] | None = None,
    ) -> Candidate:
        """A candidate for a span of the normalized view (its key is the folded text)."""
        start, end = view.span(vstart, vend)
        return cls(
            start,
            end,
            vstart,
            vend,
            label,
            source,
            confidence=confidence,
            key=view.text[vstart:vend],
            attrs=attrs or {},
        )

    @property
    def rank(self) -> tuple[int, int, float]:
        return (self.vend - self.vstart, PRIORITY.get(self.source, 0), self.confidence)


def select(
    candidates: list[Candidate], text_length: int, taken: list[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Greedy longest-first selection of non-overlapping candidates; ``taken`` spans are already used."""
    occupied = bytearray(text_length + 1)
    for s, e in taken or ():
        occupied[s:e] = b"\x01" * (e - s)
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.rank, reverse=True):
        if occupied.find(1, cand.start, cand.end) != -1:
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen
