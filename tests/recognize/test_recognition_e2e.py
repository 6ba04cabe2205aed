"""The default pipeline on hand-written sentences: what an analyst expects to see, with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import Document, Label
from marsad.pipeline import Pipeline

from .conftest import run

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hama-2017-statement.ar.txt"


def spans(doc: Document, label: Label) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity) for m in doc.mentions if m.label == label]


def test_actors_full_and_short_forms_with_proclitics(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "اندلعت اشتباكات بين هيئة تحرير الشام وقوات النظام في ريف حماة، ثم انسحبت الهيئة والجيش من المنطقة.",
    )
    orgs = spans(doc, Label.ORG)
    assert ("هيئة تحرير الشام", "hayat-tahrir-al-sham") in orgs
    assert ("قوات النظام", "syrian-government-forces") in orgs
    assert ("الهيئة", "hayat-tahrir-al-sham") in orgs
    assert ("الجيش", "syrian-government-forces") in orgs


def test_places_resolve_with_admin_context(nlp: Pipeline) -> None:
    doc = run(nlp, "قصفت قوات النظام مدينة خان شيخون في ريف إدلب الجنوبي.")
    places = {m.text: m for m in doc.mentions if m.label == Label.PLACE}
    assert "خان شيخون" in places and "إدلب" in places
    khan = doc.entities[places["خان شيخون"].entity or ""]
    assert khan.attrs["country"] == "SY" and khan.attrs["geo_precision"] == 1
    assert khan.attrs["lat"] is not None
    idlib = doc.entities[places["إدلب"].entity or ""]
    assert idlib.id.startswith("admin1:SY.") and idlib.attrs["geo_precision"] == 3
    assert places["إدلب"].attrs.get("region_part") == "south"


def test_unknown_village_stays_unresolved_with_its_governorate(nlp: Pipeline) -> None:
    doc = run(nlp, "سيطرت قوات النظام على قرية الزلاقيات في ريف حماة الشمالي.")
    village = next(m for m in doc.mentions if m.text == "الزلاقيات")
    assert village.label == Label.PLACE
    ent = doc.entities[village.entity or ""]
    assert ent.attrs["lat"] is None and ent.attrs["resolved"] is False
    assert ent.attrs["country"] == "SY" and ent.attrs["geo_precision"] == 3


def test_persons_by_title_and_kunya(nlp: Pipeline) -> None:
    doc = run(nlp, "قال الرائد جميل الصالح إن القيادي أبو خالد الحموي قتل، وأكد الشيخ عبد الرحمن ذلك.")
    persons = [m.text for m in doc.mentions if m.label == Label.PERSON]
    assert "جميل الصالح" in persons
    assert "أبو خالد الحموي" in persons


def test_signature_gives_author_organization(nlp: Pipeline) -> None:
    text = "تصدت مجموعاتنا لمحاولة تقدم على محور اللطامنة.\nالمكتب الإعلامي / جيش العزة"
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "jaish-al-izza"


def test_time_values_use_publication_date(nlp: Pipeline) -> None:
    doc = run(nlp, "قتل مدنيان في قصف على بلدة كفرنبل أمس.", published="2019-05-14")
    times = [m for m in doc.mentions if m.label == Label.TIME]
    assert times and times[0].attrs.get("value") == "2019-05-13"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed statement is not beside this checkout")
def test_seed_statement(nlp: Pipeline) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = run(nlp, text)
    assert doc.author is not None and doc.author.organization == "ahrar-al-sham"
    linked = {m.entity for m in doc.mentions}
    for actor in (
        "hayat-tahrir-al-sham",
        "ahrar-al-sham",
        "jaish-al-izza",
        "jaish-al-iman",
        "syrian-government-forces",
        "abu-mohammad-al-jolani",
        "abdullah-al-muhaysini",
    ):
        assert actor in linked, actor
    place_texts = {m.text for m in doc.mentions if m.label == Label.PLACE}
    for place in ("قمحانة", "معردس", "صوران", "حلفايا", "طيبة الإمام"):
        assert place in place_texts, place
    assert not any(m.label == Label.PLACE and m.text == "عمران" for m in doc.mentions)
