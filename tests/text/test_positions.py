"""The compiled binary searches answer as the standard bisect functions do."""

import bisect
import random

from marsad.text.positions import count_at_most, count_below


def test_counts_agree_with_bisect() -> None:
    rng = random.Random(5)
    for size in (0, 1, 2, 7, 50):
        values = sorted(rng.randrange(0, 40) for _ in range(size))
        for x in range(-2, 43):
            assert count_below(values, x) == bisect.bisect_left(values, x)
            assert count_at_most(values, x) == bisect.bisect_right(values, x)
