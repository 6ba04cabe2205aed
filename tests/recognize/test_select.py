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


def test_a_shared_short_form_refers_to_the_actor_named_last(nlp: Pipeline) -> None:
    aqap = run(nlp, "وتبنى تنظيم القاعدة في جزيرة العرب الهجوم، وزعم التنظيم أن عناصره سيطروا على الموقع.")
    assert ("التنظيم", "aqap") in orgs(aqap)
    both = "هاجم تنظيم القاعدة في جزيرة العرب نقطة في أبين، فيما تبنى تنظيم داعش هجوماً آخر، وقال التنظيم"
    assert orgs(run(nlp, both + " إن عناصره قتلوا جنديين."))[-1] == ("التنظيم", "islamic-state")
    assert ("التنظيم", "islamic-state") in orgs(run(nlp, "قال التنظيم إن عناصره هاجموا حاجزاً في الرقة."))


def test_part_heads_stay_outside(nlp: Pipeline) -> None:
    doc = run(nlp, "شن مسلحون من تنظيم داعش هجوماً، وقصفت فصائل الجيش الوطني السوري مواقع قسد.")
    assert ("داعش", "islamic-state") in orgs(doc)
    assert ("الجيش الوطني السوري", "syrian-national-army") in orgs(doc)


def test_inflected_kunya_shares_an_id() -> None:
    assert person_id("ابي محجن الدوسري") == person_id("ابو محجن الدوسري") == "person:ابو-محجن-الدوسري"


def test_yemeni_short_forms_with_a_yemeni_place(nlp: Pipeline) -> None:
    linked = orgs(
        run(
            nlp,
            "اشتباكات بين قوات الحزام ومسلحين قبليين شمال #عدن ..\n"
            "قتيلين من الحزام\nو #الانتقالي يدفع بتعزيزات",
        )
    )
    assert linked == [
        ("قوات الحزام", "security-belt-forces"),
        ("الحزام", "security-belt-forces"),
        ("الانتقالي", "southern-transitional-council"),
    ]
    houthi = orgs(
        run(
            nlp,
            "صد مجاهدونا زحفاً لمرتزقة العدوان باتجاه صرواح في محافظة مأرب، "
            "إن القوات المسلحة اليمنية تحذر العدو.",
        )
    )
    assert houthi == [("العدوان", "saudi-led-coalition"), ("القوات المسلحة اليمنية", "houthis")]
    # outside Yemen "the aggression" is no actor
    assert orgs(run(nlp, "وقالت سانا إن العدوان أدى إلى مقتل جنديين قرب دمشق.")) == [("سانا", "sana")]


def test_a_short_form_after_a_definite_weapon_noun_is_its_adjective(nlp: Pipeline) -> None:
    doc = run(nlp, "قصفت جماعة الحوثي صنعاء ودمرت مخازن للطائرات المسيّرة في مأرب.")
    assert ("المسيّرة", "al-masirah") not in orgs(doc)
    assert ("المسيرة", "al-masirah") in orgs(run(nlp, "وذكرت المسيرة أن جماعة الحوثي قصفت مأرب."))


def test_a_family_name_is_found_as_a_whole_word_behind_proclitics() -> None:
    from marsad.recognize.select import _word_occurrences

    text = "قال الزعبي إن والزعبي كالزعبي فبالزعبي الزعبيون سالزعبي."
    tokens = [text[text.rfind(" ", 0, s) + 1 : s + len("الزعبي")] for s in _word_occurrences(text, "الزعبي")]
    assert tokens == ["الزعبي", "والزعبي", "كالزعبي", "فبالزعبي"]


def test_factions_names_for_us_forces_and_the_nawasi_alone(nlp: Pipeline) -> None:
    doc = run(
        nlp, "استهدفت المقاومة الإسلامية قاعدة لقوات الاحتلال الأمريكي في حرير.", meta={"country": "IQ"}
    )
    assert ("قوات الاحتلال الأمريكي", "us-armed-forces") in [(m.text, m.entity) for m in doc.mentions]
    tripoli = run(nlp, "والنواصي يتهموا الدعم بالوقوف ورا العملية", meta={"country": "LY"})
    assert ("النواصي", "nawasi-brigade") in [(m.text, m.entity) for m in tripoli.mentions]


def test_a_bodys_generic_noun_refers_back_to_it(nlp: Pipeline) -> None:
    text = (
        "اندلعت اشتباكات بين جهاز الردع ومسلحين في سوق الجمعة. "
        "وقال الجهاز في بيان إن قواته سيطرت على الموقف.\n"
        "وأفرج الجهاز لاحقاً عن ثلاثة موقوفين."
    )
    doc = run(nlp, text, meta={"country": "LY"})
    assert [m.entity for m in doc.mentions if m.text == "الجهاز"] == ["rada", "rada"]
    alone = run(nlp, "وقال الجهاز في بيان إن قواته سيطرت على الموقف.", meta={"country": "LY"})
    assert not [m for m in alone.mentions if m.text == "الجهاز"]


def test_a_movements_generic_name_after_its_full_name(nlp: Pipeline) -> None:
    text = "تبنت المقاومة الإسلامية في العراق الهجوم. وقالت المقاومة في بيان إن الهجمات ستستمر."
    doc = run(nlp, text, meta={"country": "IQ"})
    assert ("المقاومة", "islamic-resistance-in-iraq") in [(m.text, m.entity) for m in doc.mentions]
