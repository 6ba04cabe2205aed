"""Binary search in sorted lists of offsets, compiled with the rest of the text package: a call costs a
few dozen machine instructions, against several hundred for the standard ``bisect`` functions called
from compiled code (a generic call, and every comparison made on boxed integers)."""

from __future__ import annotations


def count_below(values: list[int], x: int) -> int:
    """How many of the sorted ``values`` are less than ``x`` (``bisect.bisect_left``)."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) >> 1
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_at_most(values: list[int], x: int) -> int:
    """How many of the sorted ``values`` are at most ``x`` (``bisect.bisect_right``)."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


class SpanSet:
    """Fixed spans [start, end), asked whether any of them overlaps a given span: a binary search over
    the starts and the furthest end reached so far, instead of a test of every span."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # _reach[k]: the furthest end among the first k + 1 spans
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span overlap [start, end), i.e. ``any(a < end and start < b for a, b in spans)``?"""
        k = count_below(self._starts, end)  # the spans that start before ``end``
        return k > 0 and self._reach[k - 1] > start
