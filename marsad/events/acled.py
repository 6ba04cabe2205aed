"""ACLED coding of an event: disorder and event type from the sub-event, inter codes and interaction
from the actors, and the territorial rules (who gains decides the sub-event)."""

from __future__ import annotations

from typing import Any, Final

from marsad.events.lexicon import ACLED_SUBEVENTS
from marsad.model import Entity

TERRITORIAL: Final = ("Government regains territory", "Non-state actor overtakes territory")
STATE_FORCES: Final = 1
CIVILIANS: Final = 7


def inter_code(entity: Entity | None) -> int | None:
    """ACLED inter code of an actor entity (None for persons, places and unknown actors)."""
    if entity is None:
        return None
    value = entity.attrs.get("inter")
    return int(value) if isinstance(value, int) else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two codes, lower first (12); a sole actor gives 10, 20, …"""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def territorial_subevent(sub_event: str, inter1: int | None) -> str:
    """Who gains territory decides between the two territorial sub-events."""
    if sub_event not in TERRITORIAL or inter1 is None:
        return sub_event
    return TERRITORIAL[0] if inter1 == STATE_FORCES else TERRITORIAL[1]


def violence_against_civilians(sub_event: str, inter2: int | None) -> str:
    """An armed attack whose target is civilians is "Attack" (violence against civilians)."""
    if sub_event == "Armed clash" and inter2 == CIVILIANS:
        return "Attack"
    return sub_event


def acled_record(
    sub_event: str | None, actor1: Entity | None, actor2: Entity | None
) -> dict[str, Any] | None:
    """The ``acled`` field of an event, or None when no ACLED sub-event applies."""
    if not sub_event:
        return None
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    sub_event = violence_against_civilians(territorial_subevent(sub_event, inter1), inter2)
    disorder, event_type = ACLED_SUBEVENTS[sub_event]
    return {
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event,
        "inter1": inter1,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
    }
