"""The compiled binary searches answer as the standard bisect functions do; a SpanSet answers as a test
of every span does."""

import bisect
import random

from marsad.text.positions import SpanSet, count_at_most, count_below


def test_counts_agree_with_bisect() -> None:
    rng = random.Random(5)
    for size in (0, 1, 2, 7, 50):
        values = sorted(rng.randrange(0, 40) for _ in range(size))
        for x in range(-2, 43):
            assert count_below(values, x) == bisect.bisect_left(values, x)
            assert count_at_most(values, x) == bisect.bisect_right(values, x)


def test_span_set_agrees_with_testing_every_span() -> None:
    rng = random.Random(11)
    for size in (0, 1, 2, 5, 30):
        spans = []
        for _ in range(size):
            start = rng.randrange(0, 60)
            spans.append((start, start + rng.randrange(0, 12)))  # empty spans too
        found = SpanSet(spans)
        for start in range(-2, 72):
            for end in range(start, start + 8):
                assert found.overlaps(start, end) == any(a < end and start < b for a, b in spans)


def test_span_set_sees_a_long_span_behind_short_ones() -> None:
    found = SpanSet([(0, 100), (10, 12), (20, 22)])
    assert found.overlaps(50, 51)
    assert not SpanSet([(10, 12), (20, 22)]).overlaps(12, 20)
