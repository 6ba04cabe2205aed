"""Persons: knowledge-base names, titles, kunyas, casualty lists, spokespersons, family names."""

from __future__ import annotations

from marsad.model import Label
from marsad.pipeline import Pipeline

from .conftest import run, texts


def test_titles_and_kunyas(nlp: Pipeline) -> None:
    doc = run(
        nlp, 'قال الشيخ علي الأحمد إن القيادي أبو عبد الرحمن العراقي قتل على يد الأخ "أبي محجن الدوسري".'
    )
    persons = texts(doc, Label.PERSON)
    assert "علي الأحمد" in persons  # علي is a name, على is a preposition
    assert "أبو عبد الرحمن العراقي" in persons
    assert "أبي محجن الدوسري" in persons


def test_title_followed_by_an_adjective_is_no_person(nlp: Pipeline) -> None:
    assert texts(run(nlp, "ولا يستطيع الأمير العسكري أخذ قرار."), Label.PERSON) == []


def test_a_known_person_after_a_title_ends_the_name(nlp: Pipeline) -> None:
    doc = run(nlp, "وجاء ذلك تنفيذاً لتعليمات القائد العام المشير خليفة حفتر بتأمين الحدود الجنوبية.")
    assert [(m.text, m.entity) for m in doc.mentions if m.label == Label.PERSON] == [
        ("خليفة حفتر", "khalifa-haftar")
    ]


def test_casualty_list_and_family_name(nlp: Pipeline) -> None:
    doc = run(
        nlp,
        "قتل أفراد عائلة واحدة وهم:\n1- أحمد محمود قدور (45 عاماً)\n2- زوجته فاطمة العلي (38 عاماً)\n"
        "وكان قدور قد نزح من حلب. ونعى الأهالي فاطمة العلي، وقالت إن العلي كانت معلمة.",
    )
    persons = texts(doc, Label.PERSON)
    assert "أحمد محمود قدور" in persons and "فاطمة العلي" in persons
    later = [m for m in doc.mentions if m.text == "العلي" and m.label == Label.PERSON]
    assert later and later[0].entity == next(m.entity for m in doc.mentions if m.text == "فاطمة العلي")


def test_spokesperson_after_organization(nlp: Pipeline) -> None:
    doc = run(nlp, "وقال المتحدث باسم قسد آرام حنا إن الاشتباكات مستمرة.")
    assert "آرام حنا" in texts(doc, Label.PERSON)


def test_kb_person_links(nlp: Pipeline) -> None:
    doc = run(nlp, "قال زعيم هيئة تحرير الشام أبو محمد الجولاني إن الجولاني لن يتراجع.")
    linked = {m.entity for m in doc.mentions if m.label == Label.PERSON}
    assert linked == {"abu-mohammad-al-jolani"}
