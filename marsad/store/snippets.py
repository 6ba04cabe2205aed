"""Search snippets: windows of the original text with the matched words highlighted.

Matching runs on the normalized view (the same folding and clitic analysis as the index, see
``terms``); every highlight is mapped back through the view, so ``text[start:end]`` of a snippet and of
each highlight always slices the original, untouched text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.store.terms import TOKEN_RE, word_terms
from marsad.store.types import Snippet
from marsad.text.normalize import NormalizedText

WIDTH = 200  # characters per snippet (about 30 Arabic words)
MAX_SNIPPETS = 2
_SNAP = 24  # how far a window edge may move to reach a space


@lru_cache(maxsize=256)
def _pattern(needles: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])[^\W_]*?(?:{alternation})[^\W_]*")


def find_highlights(text: str, groups: list[tuple[str, ...]]) -> list[tuple[int, int, int]]:
    """(original start, original end, group index) of every word of ``text`` matching a query group."""
    if not groups or not text:
        return []
    view = NormalizedText(text)
    wanted: dict[str, int] = {}
    for i, group in enumerate(groups):
        for term in group:
            wanted.setdefault(term, i)
    # A word matches only if it contains one of the terms (or a ت form of a final ه) as a substring.
    needles = set(wanted)
    needles.update(t[:-1] + "ت" for t in wanted if len(t) > 1 and t.endswith("ه"))
    found = _scan(view, _pattern(tuple(sorted(needles))).finditer(view.text), wanted)
    if len({g for _, _, g in found}) < len(groups):
        # e.g. accented Latin (Zaytā) folded on one side only: check every word
        found = _scan(view, TOKEN_RE.finditer(view.text), wanted)
    return found


def _scan(view: NormalizedText, matches: object, wanted: dict[str, int]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for m in matches:  # type: ignore[attr-defined]
        word = m.group()
        suffix_h = True
        if word.endswith("ه"):
            suffix_h = view.original[view.to_original(m.end() - 1)] != "\u0629"
        for term in word_terms(word, suffix_h):
            group = wanted.get(term)
            if group is not None:
                start, end = view.span(m.start(), m.end())
                out.append((start, end, group))
                break
    return out


def make_snippets(
    text: str, groups: list[tuple[str, ...]], width: int = WIDTH, max_snippets: int = MAX_SNIPPETS
) -> list[Snippet]:
    """Up to ``max_snippets`` windows around the densest matches (the text's opening when none match)."""
    if not text:
        return []
    found = find_highlights(text, groups)
    if not found:
        end = _snap_end(text, min(len(text), width), 0)
        return [Snippet(0, end, text[:end], [])]
    # Greedy clusters of highlights that fit in one window, ranked by distinct query words, then count.
    clusters: list[list[tuple[int, int, int]]] = []
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and found[j + 1][1] - found[i][0] <= width:
            j += 1
        clusters.append(found[i : j + 1])
        i = j + 1
    ranked = sorted(clusters, key=lambda c: (-len({g for _, _, g in c}), -len(c), c[0][0]))
    chosen = sorted(ranked[:max_snippets], key=lambda c: c[0][0])
    windows: list[list[int]] = []
    for cluster in chosen:
        first, last = cluster[0][0], cluster[-1][1]
        pad = max(0, (width - (last - first)) // 2)
        start = max(0, first - pad)
        end = min(len(text), last + pad)
        if start == 0:
            end = min(len(text), max(end, width))
        if end == len(text):
            start = max(0, min(start, len(text) - width))
        start = _snap_start(text, start, first)
        end = _snap_end(text, end, last)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    spans = [(s, e) for s, e, _ in found]
    return [
        Snippet(start, end, text[start:end], [(s, e) for s, e in spans if start <= s and e <= end])
        for start, end in windows
    ]


def _snap_start(text: str, start: int, limit: int) -> int:
    """Move a window start forward to just after a space (never past ``limit``), then over spaces."""
    if start > 0 and not text[start - 1].isspace():
        space = -1
        for k in range(start, min(limit, start + _SNAP)):
            if text[k].isspace():
                space = k
                break
        if space >= 0:
            start = space + 1
    while start < limit and text[start].isspace():
        start += 1
    return start


def _snap_end(text: str, end: int, limit: int) -> int:
    """Move a window end back to a space (never before ``limit``), then before trailing spaces."""
    n = len(text)
    if end < n and not text[end].isspace():
        for k in range(end - 1, max(limit, end - _SNAP) - 1, -1):
            if text[k].isspace():
                end = k
                break
    while end > limit and text[end - 1].isspace():
        end -= 1
    return end
