"""Counts of the killed, injured and arrested, per side where the text gives them, and sentences of
casualties attached to the event that caused them."""

from __future__ import annotations

from marsad.events.context import DocContext
from marsad.events.draft import Draft
from marsad.events.lexicon import EventCues
from marsad.model import Span
from marsad.text.positions import SpanSet, count_below


class CasualtyCounter:
    """Numbers of killed, injured and arrested in a span, per side when the text says whose."""

    def __init__(self, cues: EventCues) -> None:
        self.cues = cues
        self._kinds = {word: kind for kind, words in cues.casualties.items() for word in words}
        # every word ``_kind`` knows, with و/ف/ب attached too: a span holding none of them counts nothing
        self._forms = frozenset([*self._kinds, *(p + word for word in self._kinds for p in "وفب")])

    def counts(self, ctx: DocContext, lo: int, hi: int) -> dict[str, dict[str, int]]:
        """Counts in [lo, hi), computed once per span of a document (a copy, safe to change)."""
        key = ("counts", lo, hi)
        if key not in ctx.cache:
            ctx.cache[key] = self._counts(ctx, lo, hi)
        cached: dict[str, dict[str, int]] = ctx.cache[key]  # type: ignore[assignment]
        return {kind: dict(sides) for kind, sides in cached.items()}

    def _counts(self, ctx: DocContext, lo: int, hi: int) -> dict[str, dict[str, int]]:
        view = ctx.view
        vlo, vhi = view.to_view(lo), view.to_view(hi)
        if not self._may_count(ctx, vlo, vhi):
            return {}
        found = view.words.between(vlo, vhi)
        if self._forms.isdisjoint([word for _, _, word in found]):
            return {}
        words = [(start - vlo, end - vlo, word) for start, end, word in found]  # offsets in the span
        out: dict[str, dict[str, int]] = {}
        for i, (_, _, word) in enumerate(words):
            kind = self._kind(word)
            if kind is None:
                continue
            number, j = self._number_near(words, i)
            if number is None:
                continue
            side = self._side(ctx, words, j, vlo)
            bucket = out.setdefault(kind, {})
            bucket[side] = bucket.get(side, 0) + number
        return out

    def _may_count(self, ctx: DocContext, vlo: int, vhi: int) -> bool:
        """Whether view offsets [vlo, vhi) may hold a word ``_kind`` knows: one of them starts there, or an
        edge cuts a word, whose part inside is read as a word (``WordIndex.between``). Most sentences
        hold none, and are then answered without listing their words."""
        starts = ctx.cache.get("casualty word starts")
        if not isinstance(starts, list):
            starts = ctx.view.words.starts_of(self._forms)
            ctx.cache["casualty word starts"] = starts
        i = count_below(starts, vlo)
        if i < len(starts) and starts[i] < vhi:
            return True
        text = ctx.view.text
        return _cuts_word(text, vlo) or _cuts_word(text, vhi)

    def _kind(self, word: str) -> str | None:
        kind = self._kinds.get(word)
        if kind is None and word[:1] in "وفب":
            kind = self._kinds.get(word[1:])
        return kind

    def _number_near(self, words: list[tuple[int, int, str]], i: int) -> tuple[int | None, int]:
        for j in (i + 1, i + 2, i - 1, i - 2):
            if 0 <= j < len(words):
                value = self._value(words[j][2])
                if value is not None:
                    return value, j
        return None, i

    def _value(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        value = self.cues.number_words.get(word)
        return value if isinstance(value, int) else None

    def _side(self, ctx: DocContext, words: list[tuple[int, int, str]], j: int, vlo: int) -> str:
        """The actor named within three words after the number ("31 عنصراً من الهيئة", "4 مدنيين")."""
        tail = words[j + 1 : j + 5]
        for _, _end, word in tail:
            if word.endswith("نا") and ctx.author and len(word) > 4:
                return ctx.author  # "ثلاثة من عناصرنا"
        if tail:
            lo = ctx.view.to_original(vlo + tail[0][0])
            hi = ctx.view.to_original(vlo + tail[-1][1] - 1) + 1
            for m in ctx.within(ctx.actors, lo, hi):
                return m.entity or "unspecified"
        return "unspecified"


def _cuts_word(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a ``\\w+`` word of ``text`` (``\\w`` is a letter, a digit or "_")."""
    if pos <= 0 or pos >= len(text):
        return False
    before, after = text[pos - 1], text[pos]
    return (before.isalnum() or before == "_") and (after.isalnum() or after == "_")


def attach_casualty_sentences(events: list[Draft], ctx: DocContext, counter: CasualtyCounter) -> None:
    """A sentence with casualty counts and no event of its own adds its counts to the previous event."""
    told = SpanSet([(span.start, span.end) for d in events for span in d.event.evidence])
    for i, unit in enumerate(ctx.units):
        if told.overlaps(unit.sentence.start, unit.sentence.end):
            continue
        counts = counter.counts(ctx, unit.sentence.start, unit.sentence.end)
        if not counts:
            continue
        owner = next((d for d in reversed(events) if d.sentence < i and d.event.type == "ASSAULT"), None)
        if owner is None or i - owner.sentence > 2:
            continue
        for kind, sides in counts.items():
            for side, n in sides.items():
                owner.event.counts.setdefault(kind, {}).setdefault(side, n)
        owner.event.evidence.append(
            Span(unit.sentence.start, unit.sentence.end, ctx.text[unit.sentence.start : unit.sentence.end])
        )
