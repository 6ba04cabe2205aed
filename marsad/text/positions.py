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
