"""Short and anaphoric actor forms are linked only with context; unknown persons get stable ids."""

from __future__ import annotations

from marsad.model import Label
from marsad.pipeline import Pipeline
from marsad.recognize.select import person_id

from .conftest import run


def orgs(doc) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.entity) for m in doc.mentions if m.label == Label.ORG]


def test_short_form_needs_context(nlp: Pipeline) -> None:
    assert orgs(run(nlp, "أصدرت الهيئة تقريرها السنوي عن الانتخابات.")) == []
    linked = orgs(run(nlp, "سيطرت الهيئة على بلدة في ريف إدلب الجنوبي."))
    assert ("الهيئة", "hayat-tahrir-al-sham") in linked


def test_the_army_follows_the_document_country(nlp: Pipeline) -> None:
    assert ("الجيش", "syrian-government-forces") in orgs(run(nlp, "قصف الجيش بلدة كفرنبل في ريف إدلب."))
    iraq = orgs(run(nlp, "أعلن الجيش مقتل عنصرين من داعش في الموصل والأنبار."))
    assert [e for t, e in iraq if t == "الجيش"] and all(e != "syrian-government-forces" for t, e in iraq)


def test_anaphoric_form_refers_back_only(nlp: Pipeline) -> None:
    assert orgs(run(nlp, "قالت الحركة إن مقاتليها انسحبوا من إدلب.")) == []
    doc = run(nlp, "هاجمت هيئة تحرير الشام مقرات حركة أحرار الشام في إدلب، وقالت الحركة إنها صدت الهجوم.")
    assert ("الحركة", "ahrar-al-sham") in orgs(doc)


def test_part_heads_stay_outside(nlp: Pipeline) -> None:
    doc = run(nlp, "شن مسلحون من تنظيم داعش هجوماً، وقصفت فصائل الجيش الوطني السوري مواقع قسد.")
    assert ("داعش", "islamic-state") in orgs(doc)
    assert ("الجيش الوطني السوري", "syrian-national-army") in orgs(doc)


def test_inflected_kunya_shares_an_id() -> None:
    assert person_id("ابي محجن الدوسري") == person_id("ابو محجن الدوسري") == "person:ابو-محجن-الدوسري"
