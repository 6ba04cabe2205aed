"""The admin-1 regions named nearest a place are found by binary search as a pass over all of them finds
them: the nearest, and the first named among equally near ones."""

from __future__ import annotations

import random

from marsad.recognize.places import _AdminContext


def test_nearest_region_agrees_with_a_pass_over_all() -> None:
    rng = random.Random(1)
    for size in range(30):
        for _ in range(20):
            context = [
                (rng.randrange(0, 40), f"c{rng.randrange(3)}", f"a{rng.randrange(50)}") for _ in range(size)
            ]
            regions = _AdminContext(context)
            assert regions.regions == {(country, code) for _, country, code in context}
            for pos in range(-3, 45):
                expected = min(context, key=lambda a: abs(a[0] - pos))[1:] if context else (None, None)
                assert regions.nearest(pos) == expected


def test_equally_near_regions_give_the_first_named() -> None:
    regions = _AdminContext([(30, "SY", "13"), (10, "SY", "09"), (30, "SY", "08"), (10, "IQ", "01")])
    assert regions.nearest(20) == ("SY", "13")  # 10 and 30 are as near: the first found wins
    assert regions.nearest(12) == ("SY", "09")
