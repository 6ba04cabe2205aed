"""Test documents for the store tests: short realistic Arabic reports written for these tests (factual,
sober, not copied from anywhere) and hand-built analyses, so that filters are tested independently of
the recognizer's current output."""

from __future__ import annotations

from typing import Any

from marsad.model import Author, Document, Entity, EntityKind, Event, Label, Mention, Span
from marsad.store import Producer

P1 = Producer(marsad="0.1.0", knowledge="kb-aaaa")
P2 = Producer(marsad="0.2.0", knowledge="kb-bbbb")

# -- realistic Arabic texts (written for these tests) ------------------------------------------------

SHELL = (
    "قصفت قوات النظام صباح اليوم الثلاثاء مدينة كفرزيتا في ريف حماة الشمالي بعشرات القذائف المدفعية "
    "والصاروخية، ما أدى إلى مقتل ثلاثة مدنيين بينهم طفل وإصابة سبعة آخرين بجروح متفاوتة. "
    "وقال مراسلنا إن فرق الدفاع المدني عملت على انتشال المصابين ونقلهم إلى المشافي الميدانية في المنطقة. "
    "وفي مدينة حماة، اعتقلت قوات الأمن شابين من حي الأربعين بتهمة التواصل مع فصائل المعارضة. "
    "وتشهد المنطقة منذ أيام تصعيداً عسكرياً متواصلاً وسط حركة نزوح للأهالي نحو المناطق الحدودية."
)
# The same report republished by another outlet: new headline, one sentence reworded, a source line.
SHELL_REPUBLISHED = (
    "ثلاثة قتلى مدنيين بقصف مدفعي على كفرزيتا\n"
    "قصفت قوات النظام صباح الثلاثاء مدينة كفرزيتا في ريف حماة الشمالي بعشرات القذائف المدفعية "
    "والصاروخية، ما أدى إلى مقتل ثلاثة مدنيين بينهم طفل وإصابة سبعة آخرين بجروح متفاوتة. "
    "وأفاد ناشطون محليون بأن فرق الدفاع المدني عملت على انتشال المصابين ونقلهم إلى المشافي الميدانية. "
    "وفي مدينة حماة، اعتقلت قوات الأمن شابين من حي الأربعين بتهمة التواصل مع فصائل المعارضة. "
    "وتشهد المنطقة منذ أيام تصعيداً عسكرياً متواصلاً وسط حركة نزوح للأهالي نحو المناطق الحدودية.\n"
    "المصدر: شبكة أخبار حماة"
)
# A different report on the same town, sharing its stock phrases.
CLASH = (
    "دارت اشتباكات عنيفة مساء أمس بين فصائل المعارضة وقوات النظام على أطراف مدينة كفرزيتا في ريف حماة "
    "الشمالي، إثر محاولة الأخيرة التقدم نحو المدينة من محور تل ملح. وأعلنت الجبهة الوطنية للتحرير تدمير "
    "دبابة ومقتل عدد من عناصر النظام خلال المواجهات، فيما لم يصدر أي تعليق من الجانب الحكومي. "
    "وتشهد المنطقة منذ أيام تصعيداً عسكرياً متواصلاً."
)
ARREST = (
    "اعتقلت هيئة تحرير الشام يوم الأحد ثلاثة ناشطين إعلاميين في مدينة إدلب بعد مداهمة منازلهم، "
    "بحسب ما أفاد ذووهم. وقالت مصادر محلية إن عناصر الهيئة صادروا هواتف المعتقلين وأجهزتهم، "
    "ولم تعلن الهيئة أسباب الاعتقال حتى الآن."
)
PROTEST = (
    "خرج العشرات من أهالي مدينة نوى في ريف درعا الغربي في مظاهرة سلمية طالبوا فيها بالإفراج عن "
    "المعتقلين وتحسين الخدمات، ورفع المتظاهرون لافتات تندد بالاعتقالات التعسفية. ولم تسجل أي مواجهات "
    "مع قوات الأمن خلال المظاهرة التي استمرت قرابة ساعة."
)
# Written forms that searches must reach from plain spellings: diacritics, shadda, tatweel, hamza,
# alef maqsura, ta marbuta, clitics and pronoun suffixes.
VARIANTS = (
    "أعلنَ المجلسُ المحلي في إدلب إعادةَ افتتاح مشفى الأمل بعد ترميمه، وقال مديرُه إنّ الطواقمَ الطبيّة "
    "ستبدأ العمل في الأسبـــوع المقبل وستستقبل الجرحى من القرى المجاورة. وأكّد أهالي قريتهم أن المشفى "
    "توقف عن العمل منذ سنتين بسبب القصف، وأن عودته ستخفف الضغط عن المراكز الصحية وللمنظمات الإغاثية "
    "العاملة بالمنطقة."
)


# -- hand-built analysis -----------------------------------------------------------------------------

ACTORS = {
    "syrian-government-forces": ("org", "Military Forces of Syria (2000-2024)", "القوات الحكومية السورية"),
    "hts": ("org", "Hay'at Tahrir al-Sham", "هيئة تحرير الشام"),
    "national-front-for-liberation": ("org", "National Front for Liberation", "الجبهة الوطنية للتحرير"),
    "civilians": ("group", "Civilians", "المدنيون"),
    "protesters": ("group", "Protesters", "المتظاهرون"),
}
PLACES: dict[str, dict[str, Any]] = {
    "geonames:168620": {
        "name": "Kafr Zaytā",
        "name_ar": "كفر زيتا",
        "lat": 35.37425,
        "lon": 36.6033,
        "country": "SY",
        "admin1": "Hama",
        "place_kind": "town",
    },
    "geonames:170063": {
        "name": "Hama",
        "name_ar": "حماة",
        "lat": 35.13179,
        "lon": 36.75783,
        "country": "SY",
        "admin1": "Hama",
        "place_kind": "city",
    },
    "admin1:SY.10": {
        "name": "Hama",
        "name_ar": "حماة",
        "lat": None,
        "lon": None,
        "country": "SY",
        "admin1": "Hama",
        "place_kind": "admin1",
    },
    "place:تل-ملح": {
        "name": "Tal Milh",
        "name_ar": "تل ملح",
        "lat": None,
        "lon": None,
        "country": "SY",
        "admin1": "Hama",
        "resolved": False,
        "within": "admin1:SY.10",
    },
    "geonames:169389": {
        "name": "Idlib",
        "name_ar": "إدلب",
        "lat": 35.93062,
        "lon": 36.63393,
        "country": "SY",
        "admin1": "Idlib",
        "place_kind": "city",
    },
    "geonames:163345": {
        "name": "Nawá",
        "name_ar": "نوى",
        "lat": 32.8906,
        "lon": 36.0431,
        "country": "SY",
        "admin1": "Daraa",
        "place_kind": "town",
    },
}
ACLED = {
    "shelling": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "clash": ("Political violence", "Battles", "Armed clash"),
    "arrests": ("Strategic developments", "Strategic developments", "Arrests"),
    "protest": ("Demonstrations", "Protests", "Peaceful protest"),
}


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def entity(eid: str) -> Entity:
    if eid in ACTORS:
        kind, name, name_ar = ACTORS[eid]
        return Entity(eid, EntityKind(kind), name, name_ar, {"type": "test"})
    attrs = dict(PLACES[eid])
    return Entity(eid, EntityKind.PLACE, attrs.pop("name"), attrs.pop("name_ar"), attrs)


def add_mention(doc: Document, needle: str, label: Label, eid: str | None, nth: int = 0) -> None:
    sp = span(doc.text, needle, nth)
    doc.add_mention(Mention(sp.start, sp.end, sp.text, label, entity=eid))
    if eid is not None:
        doc.add_entity(entity(eid))


def add_event(
    doc: Document,
    eid: str,
    type_: str,
    trigger: str,
    *,
    acled: str | None = None,
    actor1: str | None = None,
    actor2: str | None = None,
    assoc: tuple[str, ...] = (),
    place: str | None = None,
    date: str | None = None,
    fatalities: int | None = None,
    mode: str | None = None,
) -> Event:
    for ref in (actor1, actor2, place, *assoc):
        if ref is not None:
            doc.add_entity(entity(ref))
    trig = span(doc.text, trigger)
    acled_dict = None
    if acled is not None:
        disorder, etype, sub = ACLED[acled]
        acled_dict = {"disorder_type": disorder, "event_type": etype, "sub_event_type": sub}
    sentence_end = doc.text.find(".", trig.end)
    ev = Event(
        id=eid,
        type=type_,
        trigger=trig,
        mode=mode,
        acled=acled_dict,
        actor1=actor1,
        actor2=actor2,
        assoc_actors=list(assoc),
        place=place,
        date=date,
        fatalities=fatalities,
        evidence=[Span(trig.start, sentence_end, doc.text[trig.start : sentence_end])],
    )
    return doc.add_event(ev)


def corpus() -> list[Document]:
    """Five analysed documents and one pending-style document (VARIANTS, no events)."""
    shell = Document(
        id="shell-1",
        text=SHELL,
        title="قصف على كفرزيتا",
        published="2017-05-02",
        source="Orient News",
        url="https://example.org/orient/1",
        meta={"origin": {"kind": "jsonl", "path": "feeds/orient.jsonl"}},
    )
    add_mention(shell, "قوات النظام", Label.ORG, "syrian-government-forces")
    add_mention(shell, "كفرزيتا", Label.PLACE, "geonames:168620")
    add_mention(shell, "حماة", Label.PLACE, "admin1:SY.10")
    add_mention(shell, "مدنيين", Label.GROUP, "civilians")
    add_mention(shell, "حماة", Label.PLACE, "geonames:170063", nth=1)
    add_event(
        shell,
        "e1",
        "ASSAULT",
        "قصفت",
        acled="shelling",
        actor1="syrian-government-forces",
        actor2="civilians",
        place="geonames:168620",
        date="2017-05-02",
        fatalities=3,
        mode="heavy-weapons",
    )
    add_event(
        shell,
        "e2",
        "COERCE",
        "اعتقلت",
        acled="arrests",
        actor1="syrian-government-forces",
        actor2="civilians",
        place="geonames:170063",
        date="2017-05-02",
        mode="arrest",
    )
    shell.author = Author(name="مراسلنا", organization=None, role="reporter")

    clash = Document(
        id="clash-1",
        text=CLASH,
        published="2017-05-03",
        source="Enab Baladi",
        meta={"origin": {"kind": "text", "path": "news/enab/2017-05-03.txt"}},
    )
    add_mention(clash, "قوات النظام", Label.ORG, "syrian-government-forces")
    add_mention(clash, "الجبهة الوطنية للتحرير", Label.ORG, "national-front-for-liberation")
    add_mention(clash, "تل ملح", Label.PLACE, "place:تل-ملح")
    add_event(
        clash,
        "e1",
        "ASSAULT",
        "اشتباكات",
        acled="clash",
        actor1="national-front-for-liberation",
        actor2="syrian-government-forces",
        place="place:تل-ملح",
        date="2017-05-02",
    )
    add_event(
        clash,
        "e2",
        "ASSAULT",
        "تدمير",
        acled="clash",
        actor1="national-front-for-liberation",
        actor2="syrian-government-forces",
        place="geonames:168620",
        date="2017-05-02",
    )

    arrest = Document(
        id="arrest-1",
        text=ARREST,
        published="2017-06-11T09:30:00+03:00",
        source="Telegram: Idlib Now",
        meta={
            "origin": {"kind": "telegram", "path": "exports/idlib-now/result.json"},
            "telegram": {"id": 41},
        },
    )
    add_mention(arrest, "هيئة تحرير الشام", Label.ORG, "hts")
    add_mention(arrest, "الهيئة", Label.ORG, "hts")
    add_mention(arrest, "إدلب", Label.PLACE, "geonames:169389")
    add_event(
        arrest,
        "e1",
        "COERCE",
        "اعتقلت",
        acled="arrests",
        actor1="hts",
        actor2="civilians",
        place="geonames:169389",
        date="2017-06-11",
        mode="arrest",
    )

    protest = Document(
        id="protest-1",
        text=PROTEST,
        published="2017-07-07",
        source="Horan Free League",
        meta={"origin": {"kind": "text", "path": "news/horan/nawa.txt"}},
    )
    add_mention(protest, "نوى", Label.PLACE, "geonames:163345")
    add_mention(protest, "المتظاهرون", Label.GROUP, "protesters")
    # no date in the text: the publication date stands in for it
    add_event(
        protest, "e1", "PROTEST", "مظاهرة", acled="protest", actor1="protesters", place="geonames:163345"
    )

    variants = Document(
        id="variants-1",
        text=VARIANTS,
        published="2017-08-01",
        source="Idlib Health Directorate",
        meta={"origin": {"kind": "text", "path": "health/notice.txt"}},
    )
    return [shell, clash, arrest, protest, variants]
