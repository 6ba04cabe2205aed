"""Workbench reads: an actor's page of events is the same whichever way the actor filter is run, and
cached totals follow reviews."""

from __future__ import annotations

import pytest

from marsad.store import Filters, Store, browse


def test_probing_or_building_the_actor_set_gives_the_same_page(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for actor in ("syrian-government-forces", "hts", "civilians"):
        filters = Filters(actors=(actor,))
        built = browse.event_page(filled, filters, limit=2)
        monkeypatch.setattr(browse, "PROBE_ACTORS_FROM", -1)  # every actor page probes
        browse._totals.clear()
        probed = browse.event_page(filled, filters, limit=2)
        monkeypatch.undo()
        assert probed == built and built[0] > 0


def test_totals_are_cached_until_this_store_writes(filled: Store) -> None:
    total, rows = browse.event_page(filled, Filters())
    filled.review_event(rows[0]["number"], "rejected", "reviewer")
    assert browse.event_page(filled, Filters())[0] == total - 1
