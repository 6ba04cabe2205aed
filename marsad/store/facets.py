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

from collections.abc import Iterable, Sequence
from typing import Any

# The event columns facets come from, in the order an ``EventSummary`` gives them.
FIELDS = (
    "place",
    "place_admin1",
    "place_country",
    "sort_date",
    "type_key",
    "acled_event_key",
    "acled_sub_key",
    "lat",
    "lon",
)
# (review status, the event's ``FIELDS`` values, actor ids)
EventSummary = tuple[str | None, Sequence[Any], Iterable[str]]
FACET_COLUMNS = ("facet", "document_num")
POINT_COLUMNS = ("document_num", "lat", "lon")


def facet_rows(
    num: int, events: Iterable[EventSummary]
) -> tuple[list[tuple[str, int]], list[tuple[int, float, float]]]:
    """Facet rows (``FACET_COLUMNS``) and point rows (``POINT_COLUMNS``) of document ``num`` from its
    events (rejected ones left out)."""
    found, points = facet_values(events)
    return [(f, num) for f in found], [(num, lat, lon) for lat, lon in points]


def facet_values(events: Iterable[EventSummary]) -> tuple[list[str], list[tuple[float, float]]]:
    """The facets and the (lat, lon) points of a document's events (rejected ones left out), sorted."""
    found: set[str] = set()
    points: set[tuple[float, float]] = set()
    for status, fields, actors in events:
        if status == "rejected":
            continue
        place, admin1, country, date, type_key, acled_event, acled_sub, lat, lon = fields
        found.update(f"a:{a}" for a in actors if a)
        for kind, value in (("p", place), ("g", admin1), ("c", country), ("d", date)):
            if value:
                found.add(f"{kind}:{value}")
        for value in (type_key, acled_event, acled_sub):
            if value:
                found.add(f"t:{value}")
        if lat is not None and lon is not None:
            points.add((float(lat), float(lon)))
    return sorted(found), sorted(points)


def values(kind: str, items: Iterable[str]) -> list[str]:
    """The facet strings for ``items`` of ``kind``."""
    return sorted({f"{kind}:{item}" for item in items})


def keeps(column: Any) -> Any:
    """Condition on ``document_facets.facet`` for the facets that come from events (not ``pd:``)."""
    return ~column.startswith("pd:")
