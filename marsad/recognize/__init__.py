"""Recognition components: names, times, actors, persons, places, selection, resolution, author;
then the events component (marsad.events) that consumes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.pipeline import Component
    from marsad.resources import Resources


def default_components(resources: Resources) -> list[Component]:
    """The default recognition components, in order."""
    from marsad.events.extract import EventExtractor
    from marsad.recognize.author import AuthorDetector
    from marsad.recognize.names import ActorRecognizer, NameMatcher, PersonRecognizer
    from marsad.recognize.places import PlaceRecognizer, PlaceResolver
    from marsad.recognize.select import MentionSelector
    from marsad.recognize.times import TimeTagger

    return [
        NameMatcher(resources),
        TimeTagger(),
        ActorRecognizer(resources),
        PersonRecognizer(resources),
        PlaceRecognizer(resources),
        MentionSelector(resources),
        PlaceResolver(resources),
        AuthorDetector(resources),
        EventExtractor(resources),
    ]
