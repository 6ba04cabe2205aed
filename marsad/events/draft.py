"""An event being built: the event record, its trigger hit and what merging and resolving it need."""

from __future__ import annotations

from typing import Final

from marsad.events.acled import acled_record
from marsad.events.context import DocContext
from marsad.events.triggers import TriggerHit
from marsad.model import Event, Mention

# ACLED sub-event of a violent event whose trigger names none, by PLOVER mode.
ASSAULT_BY_MODE: Final = {
    "aerial": "Air/drone strike",
    "drone": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
    "suicide-attack": "Suicide bomb",
    "abduct": "Abduction/forced disappearance",
    "sexual": "Sexual violence",
    "destroy": "Looting/property destruction",
    "unconventional": "Chemical weapon",
}


CROWDS: Final = frozenset({"protesters", "rioters"})


class Draft:
    """An event being built, with what is needed to merge and resolve it."""

    __slots__ = (
        "adjunct",
        "clause_end",
        "clause_start",
        "event",
        "hit",
        "place_in_clause",
        "scene",
        "sentence",
        "sub_event",
        "time_mention",
        "told_last",
    )

    def __init__(
        self,
        event: Event,
        hit: TriggerHit,
        sentence: int,
        clause_start: int,
        clause_end: int,
        sub_event: str | None,
    ) -> None:
        self.event = event
        self.hit = hit
        self.sentence = sentence
        self.told_last = sentence  # the sentence of its latest telling, once mentions are merged
        self.clause_start = clause_start
        self.clause_end = clause_end
        self.sub_event = sub_event
        self.time_mention: Mention | None = None
        self.place_in_clause = False  # the place was named in the trigger's own clause
        self.scene: str | None = None  # a verbal event's clause place: no place of its own, a scene for later
        self.adjunct = False  # a noun after a preposition ("بعد معارك", "في هجوم")

    def retrigger(self, other: Draft) -> None:
        """Take another telling's trigger word and its clause (the attack over its death toll, the
        report over its headline): places and agents are then read from that clause."""
        self.event.trigger, self.hit = other.event.trigger, other.hit
        self.clause_start, self.clause_end = other.clause_start, other.clause_end
        self.place_in_clause = other.place_in_clause

    def finish(self, ctx: DocContext) -> None:
        """ACLED coding and fatalities once actors are final."""
        ev = self.event
        entities = ctx.doc.entities
        sub_event = self.sub_event
        if sub_event is None and ev.type == "ASSAULT" and ev.modality in ("asserted", "negated"):
            sub_event = ASSAULT_BY_MODE.get(ev.mode or "", "Armed clash")
        target = entities.get(ev.actor2 or "")
        agent = entities.get(ev.actor1 or "")
        if (
            ev.type == "ASSAULT"
            and sub_event in ("Armed clash", "Attack")
            and target is not None
            and target.attrs.get("type") == "protesters"
            and (agent is None or agent.attrs.get("type") not in CROWDS)
        ):
            # "إطلاق نار حي على المتظاهرين", "قُتل خمسة متظاهرين": force used on a protest (ACLED)
            sub_event = "Excessive force against protesters"
        ev.acled = acled_record(sub_event, entities.get(ev.actor1 or ""), entities.get(ev.actor2 or ""))
        killed = ev.counts.get("killed")
        ev.fatalities = sum(killed.values()) if killed else None
