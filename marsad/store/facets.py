"""Document facets: a per-document summary of its events that search filters read instead of the events.

A document with 20 events about 3 places has a handful of facet rows, not 20 event rows, so a filter over
100,000 documents reads one index range with at most one row per matching document. Facets come from the
document's events that are not rejected (reviewed values applied); each is ``"<kind>:<value>"``:

* ``a:`` actor (actor1, actor2 or associated actor): entity id
* ``p:`` place: entity id; ``g:`` the place's admin-1 key ("SY|hama"); ``c:`` its country
* ``t:`` type: PLOVER type, ACLED event type and sub-event type (lower case)
* ``d:`` date: the event's date, or the document's publication date when it has none
* ``pd:`` the document's publication date (written when the document is stored, kept on re-extraction)

Event coordinates go to ``document_points`` (document, lat, lon), one row per distinct point.
Facets are rewritten whenever a document's events are (extraction, review).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

EventSummary = tuple[str | None, Mapping[Any, Any], Iterable[str]]  # (review status, columns, actor ids)


def facet_rows(num: int, events: Iterable[EventSummary]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Facet rows and point rows of document ``num`` from its events (rejected ones left out)."""
    facets: set[str] = set()
    points: set[tuple[float, float]] = set()
    for status, cols, actors in events:
        if status == "rejected":
            continue
        facets.update(f"a:{a}" for a in actors if a)
        for kind, key in (("p", "place"), ("g", "place_admin1"), ("c", "place_country"), ("d", "sort_date")):
            if cols.get(key):
                facets.add(f"{kind}:{cols[key]}")
        for key in ("type_key", "acled_event_key", "acled_sub_key"):
            if cols.get(key):
                facets.add(f"t:{cols[key]}")
        if cols.get("lat") is not None and cols.get("lon") is not None:
            points.add((float(cols["lat"]), float(cols["lon"])))
    return (
        [{"facet": f, "document_num": num} for f in sorted(facets)],
        [{"document_num": num, "lat": lat, "lon": lon} for lat, lon in sorted(points)],
    )


def values(kind: str, items: Iterable[str]) -> list[str]:
    """The facet strings for ``items`` of ``kind``."""
    return sorted({f"{kind}:{item}" for item in items})


def keeps(column: Any) -> Any:
    """Condition on ``document_facets.facet`` for the facets that come from events (not ``pd:``)."""
    return ~column.startswith("pd:")
