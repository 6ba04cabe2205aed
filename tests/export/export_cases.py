"""Documents for the export tests: short reports run through the default pipeline, and a hand-built
document whose events cover the edge cases (unresolved place, no date, negated, several associated
actors, evidence with commas, quotes and a line break). Texts written for these tests; factual, sober."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from marsad.export import DocumentEvent, EventItem, ExportOptions, ExportSummary, export_events
from marsad.model import Author, Document, Entity, EntityKind, Event, Label, Mention, Span

TIMESTAMP = 1_700_000_000


def export_bytes(fmt: str, items: Iterable[EventItem], **options: Any) -> tuple[bytes, ExportSummary]:
    """Export to memory with a fixed ACLED timestamp; the bytes written and the summary."""
    buf = io.BytesIO()
    summary = export_events(fmt, items, buf, ExportOptions(timestamp=TIMESTAMP, **options))
    return buf.getvalue(), summary


# Written from ../shared/notes/standards.md, independently of the module under test.
ACLED_31 = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip

REPORTS = [
    (
        "news-idlib",
        "2019-05-12",
        "إدلب - شنّت طائرات حربية روسية صباح اليوم الأحد غارات على مدينة معرة النعمان في ريف إدلب "
        "الجنوبي، ما أدى إلى مقتل أربعة مدنيين وإصابة سبعة آخرين، بحسب الدفاع المدني السوري.\n"
        "وفي ريف حماة الشمالي، دارت اشتباكات بين قوات النظام وهيئة تحرير الشام على محور كفرنبودة، "
        "دون ورود معلومات عن خسائر.",
    ),
    (
        "news-tarmiyah",
        "2021-03-08",
        "أعلنت خلية الإعلام الأمني، اليوم الاثنين، أن القوات الأمنية اعتقلت ثلاثة مطلوبين في قضاء "
        "الطارمية شمالي بغداد، وضبطت بحوزتهم أسلحة وأعتدة.",
    ),
    (
        "news-aden",
        "2018-06-14",
        "قالت مصادر محلية إن عبوة ناسفة انفجرت صباح الخميس بدورية لقوات الحزام الأمني في مديرية دار "
        "سعد بمحافظة عدن، ما أسفر عن إصابة جنديين.",
    ),
    (
        "statement-denial",
        "2020-02-03",
        "نفت وزارة الدفاع التركية، الثلاثاء، أن تكون طائراتها قد قصفت بلدة تل رفعت شمالي حلب، وقالت إن "
        'الأنباء المتداولة "عارية عن الصحة".',
    ),
]


EDGE_TEXT = (
    'قال المكتب الإعلامي لـ"جيش العزة"، في بيان، إن مقاتليه، مع "الفرقة الوسطى" و"جيش النصر", '
    "اشتبكوا مع قوات النظام قرب قرية الحويز\n"
    "وقتلوا خمسة عناصر منهم.\n"
    "ونفى البيان أن تكون الطائرات الروسية قد قصفت كفرزيتا يوم الجمعة.\n"
    "وفي 5 أيار 2017 أطلق مسلحون النار على سيارة مدنية قرب كفرزيتا، ما أدى إلى مقتل مدنيين اثنين.\n"
    "وأكد البيان أن الفصائل ستنسحب من المنطقة غداً."
)


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


def _between(text: str, first: str, last: str) -> Span:
    """From the start of ``first`` to the end of the next ``last``."""
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return Span(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class EdgeCase:
    doc: Document
    clash: Event  # unresolved place, no date, three associated actors; evidence with commas, quotes, newline
    negated: Event  # negated air strike at a resolved town
    shooting: Event  # located, dated, civilians targeted, two evidence spans
    future: Event  # future withdrawal: CONCEDE, no ACLED type
    unlocated: Event  # no place at all, no fatalities figure

    def items(self, review: str | None = None) -> list[DocumentEvent]:
        return [DocumentEvent(self.doc, ev, 100 + i, review) for i, ev in enumerate(self.doc.events, 1)]


def _acled(
    event_type: str, sub_event_type: str, inter1: int | None, inter2: int | None, interaction: int
) -> dict[str, object]:
    return {
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "inter1": inter1,
        "inter2": inter2,
        "interaction": interaction,
    }


def _actor(eid: str, name: str, name_ar: str, type_: str, inter: int, countries: list[str]) -> Entity:
    return Entity(
        eid,
        EntityKind.ORG,
        name,
        name_ar,
        {"type": type_, "inter": inter, "countries": countries, "parent": None, "wikidata": None},
    )


def build_edge_case() -> EdgeCase:
    text = EDGE_TEXT
    doc = Document(
        id="edge-1",
        text=text,
        title="بيان جيش العزة",
        url="https://example.org/statements/1",
        published="2017-05-06",
        source="Jaish al-Izza channel",
        author=Author(organization="jaish-al-izza"),
        meta={"origin": "telegram", "telegram": {"channel": "jaish_alizza"}, "cluster_id": 7},
    )
    for ent in (
        _actor("jaish-al-izza", "Jaish al-Izza", "جيش العزة", "rebel-group", 2, ["SY"]),
        _actor("central-division", "Central Division", "الفرقة الوسطى", "rebel-group", 2, ["SY"]),
        _actor("jaish-al-nasr", "Jaish al-Nasr", "جيش النصر", "rebel-group", 2, ["SY"]),
        _actor("syrian-government-forces", "Military Forces of Syria (2000-2024)", "القوات الحكومية السورية",
               "state-forces", 1, ["SY"]),
        _actor("russian-armed-forces", "Military Forces of Russia", "القوات الروسية", "external-forces", 8,
               ["SY", "LY"]),
        Entity("civilians", EntityKind.GROUP, "Civilians", "المدنيون",
               {"type": "civilians", "inter": 7, "countries": []}),
        Entity("unidentified-armed-group", EntityKind.GROUP, "Unidentified Armed Group", "مسلحون مجهولون",
               {"type": "political-militia", "inter": 3, "countries": []}),
        Entity("place:الحويز", EntityKind.PLACE, "al-Huwayz", "الحويز",
               {"lat": None, "lon": None, "geonameid": None, "country": "SY", "admin1": "Hama",
                "feature": None, "resolved": False, "geo_precision": 3, "within": "admin1:SY.10"}),
        Entity("geonames:168620", EntityKind.PLACE, "Kafr Zaytā", "كفر زيتا",
               {"lat": 35.37425, "lon": 36.6033, "geonameid": 168620, "country": "SY", "admin1": "Hama",
                "feature": "P.PPL", "place_kind": "town", "population": 21845, "geo_precision": 1,
                "resolved": True}),
    ):  # fmt: skip
        doc.add_entity(ent)
    for piece, label, entity in (
        ("جيش العزة", Label.ORG, "jaish-al-izza"),
        ("الفرقة الوسطى", Label.ORG, "central-division"),
        ("جيش النصر", Label.ORG, "jaish-al-nasr"),
        ("قوات النظام", Label.ORG, "syrian-government-forces"),
        ("الحويز", Label.PLACE, "place:الحويز"),
        ("الطائرات الروسية", Label.ORG, "russian-armed-forces"),
        ("كفرزيتا", Label.PLACE, "geonames:168620"),
        ("مسلحون", Label.GROUP, "unidentified-armed-group"),
        ("مدنيين اثنين", Label.GROUP, "civilians"),
    ):
        s = _span(text, piece)
        doc.add_mention(Mention(s.start, s.end, s.text, label, entity=entity))
    second_kz = _span(text, "كفرزيتا", text.index("مسلحون"))
    doc.add_mention(
        Mention(second_kz.start, second_kz.end, second_kz.text, Label.PLACE, entity="geonames:168620")
    )

    ev1 = _between(text, "قال المكتب", "عناصر منهم.")  # commas, quotes and a line break
    clash = Event(
        id="e1",
        type="ASSAULT",
        mode="firearms",
        trigger=_span(text, "اشتبكوا"),
        acled=_acled("Battles", "Armed clash", 2, 1, 12),
        actor1="jaish-al-izza",
        actor2="syrian-government-forces",
        assoc_actors=["central-division", "jaish-al-nasr", "unidentified-armed-group"],
        place="place:الحويز",
        fatalities=5,
        counts={"killed": {"syrian-government-forces": 5}},
        reported_by=["author"],
        evidence=[ev1],
    )
    negated = Event(
        id="e2",
        type="ASSAULT",
        mode="aerial",
        trigger=_span(text, "قصفت"),
        acled=_acled("Explosions/Remote violence", "Air/drone strike", 8, None, 80),
        actor1="russian-armed-forces",
        place="geonames:168620",
        date="2017-05-05",
        time_precision=1,
        negated=True,
        modality="negated",
        reported_by=["jaish-al-izza"],
        evidence=[_span(text, "ونفى البيان أن تكون الطائرات الروسية قد قصفت كفرزيتا يوم الجمعة.")],
    )
    shooting = Event(
        id="e3",
        type="ASSAULT",
        mode="firearms",
        trigger=_span(text, "أطلق"),
        acled=_acled("Violence against civilians", "Attack", 3, 7, 37),
        actor1="unidentified-armed-group",
        actor2="civilians",
        place="geonames:168620",
        date="2017-05-05",
        time_precision=1,
        fatalities=2,
        counts={"killed": {"civilians": 2}, "injured": {"civilians": 1}},
        reported_by=["jaish-al-izza"],
        evidence=[_between(text, "وفي 5 أيار", "كفرزيتا،"), _between(text, "ما أدى إلى", "مدنيين اثنين.")],
    )
    future = Event(
        id="e4",
        type="CONCEDE",
        trigger=_span(text, "ستنسحب"),
        actor1="jaish-al-izza",
        date="2017-05-07",
        time_precision=1,
        modality="future",
        reported_by=["author"],
        evidence=[_span(text, "وأكد البيان أن الفصائل ستنسحب من المنطقة غداً.")],
    )
    unlocated = Event(
        id="e5",
        type="ASSAULT",
        mode="firearms",
        trigger=_span(text, "وقتلوا"),
        acled=_acled("Battles", "Armed clash", 2, None, 20),
        actor1="jaish-al-izza",
        date="2017-05-06",
        time_precision=2,
        evidence=[_span(text, "وقتلوا خمسة عناصر منهم.")],
    )
    for ev in (clash, negated, shooting, future, unlocated):
        doc.add_event(ev)
    return EdgeCase(doc, clash, negated, shooting, future, unlocated)
