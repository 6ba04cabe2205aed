"""Who is the subject of a verb: VSO and SVO order, verbs that carry a plural subject, men of a force
right after the verb, coordinated verbs sharing a subject, and the nouns an attack hits (not events of
their own). Sentences written for these tests, in Syria, Iraq, Yemen and Libya."""

from __future__ import annotations

import pytest

from .conftest import Extract, only


@pytest.mark.parametrize(
    ("text", "word", "actor1", "actor2"),
    [
        # VSO: the actor right after the verb is its subject, also after استهدف
        (
            "استهدفت قوات النظام مواقع هيئة تحرير الشام في بلدة كفرنبل.",
            "استهدفت",
            "syrian-government-forces",
            "hayat-tahrir-al-sham",
        ),
        (
            "استهدفت هيئة تحرير الشام قوات النظام قرب سراقب.",
            "استهدفت",
            "hayat-tahrir-al-sham",
            "syrian-government-forces",
        ),
        # SVO: the actor right before the verb is its subject, the one after it the object
        (
            "ذكرت مصادر محلية أن قوات النظام هاجمت هيئة تحرير الشام في كفرنبل.",
            "هاجمت",
            "syrian-government-forces",
            "hayat-tahrir-al-sham",
        ),
        (
            "وأكد مصدر أمني أن الحشد الشعبي قد هاجم مسلحي داعش في قضاء الطارمية.",
            "هاجم",
            "popular-mobilization-forces",
            "islamic-state",
        ),
        # men of a force right after a masculine verb are its subject
        (
            "هاجم عناصر من هيئة تحرير الشام نقطة لقوات النظام في كفرنبل.",
            "هاجم",
            "hayat-tahrir-al-sham",
            "syrian-government-forces",
        ),
    ],
)
def test_subject_and_object_by_word_order(
    extract: Extract, text: str, word: str, actor1: str, actor2: str
) -> None:
    ev = only(extract(text), word)
    assert (ev.actor1, ev.actor2) == (actor1, actor2)


def test_a_verb_with_a_plural_ending_carries_its_subject(extract: Extract) -> None:
    """ "هاجموا قوات النظام": the actor after the verb is the object; the subject is the antecedent."""
    text = "قالت هيئة تحرير الشام إن مقاتليها هاجموا قوات النظام على محور كفرنبودة."
    ev = only(extract(text), "هاجموا")
    assert ev.actor1 == "hayat-tahrir-al-sham"
    assert ev.actor2 == "syrian-government-forces"


def test_a_feminine_verb_before_men_of_a_force_keeps_them_as_object(extract: Extract) -> None:
    ev = only(extract("استهدفت عناصر من قوات النظام في كفرنبل."), "استهدفت")
    assert ev.actor2 == "syrian-government-forces"
    assert ev.actor1 != "syrian-government-forces"


def test_a_coordinated_verb_shares_the_first_verbs_subject(extract: Extract) -> None:
    text = (
        "باغت عناصر من هيئة تحرير الشام دورية لقوات النظام قرب بلدة كفرنبل، وقتلوا أربعة منهم.\n"
        "وفي سياق آخر، قصفت قوات سوريا الديمقراطية قرية الياشلي غرب منبج، واستهدفت أطراف قرية العريمة."
    )
    evs = extract(text)
    ambush = only(evs, "باغت")
    assert (ambush.actor1, ambush.actor2) == ("hayat-tahrir-al-sham", "syrian-government-forces")
    second = only(evs, "استهدفت")
    assert second.actor1 == "syrian-democratic-forces"


def test_a_troop_movement_an_attack_hits_is_no_event_of_its_own(extract: Extract) -> None:
    evs = extract("استهدفت الهيئة تعزيزات لقوات النظام في بلدة كفرنبل بصواريخ موجهة.")
    assert [e.type for e in evs] == ["ASSAULT"]
    moved = extract("وأرسلت القوات التركية تعزيزات عسكرية إلى بلدة مورك في ريف حماة.")
    assert [e.type for e in moved] == ["MOBILIZE"]
    assert moved[0].actor1 == "turkish-armed-forces"


def test_new_trigger_words(extract: Extract) -> None:
    """باغت، رشقات صاروخية، رتل عسكري، زحفت، طوّقت، صفّى، تفاهم."""
    cases = [
        ("باغت مقاتلو الجيش الوطني دورية لقوات سوريا الديمقراطية قرب تادف.", "باغت", "ASSAULT"),
        ("أطلقت قوات النظام رشقات صاروخية على أطراف بلدة كنصفرة.", "رشقات", "ASSAULT"),
        ("دخل رتل عسكري تركي إلى بلدة تفتناز صباح اليوم.", "دخل", "MOBILIZE"),
        ("زحفت قوات حفتر نحو مدينة غريان من ثلاثة محاور.", "زحفت", "MOBILIZE"),
        ("طوقت قوات الأمن العراقية حي الزنجيلي في الموصل.", "طوقت", "COERCE"),
        ("وتوصلت الحكومة اليمنية وجماعة الحوثي إلى تفاهم حول تبادل الأسرى.", "تفاهم", "AGREE"),
    ]
    for text, word, kind in cases:
        ev = only(extract(text), word)
        assert ev.type == kind, text


def test_an_indefinite_adjective_of_a_movement_names_it(extract: Extract) -> None:
    ev = only(extract("واختطف مسلحون حوثيون ثلاثة مدنيين من منازلهم في مدينة إب."), "اختطف")
    assert ev.actor1 == "houthis"
    assert ev.actor2 == "civilians"


def test_people_the_knowledge_base_does_not_name_protest_as_protesters(extract: Extract) -> None:
    text = (
        "قصفت جماعة الحوثي أحياء في مدينة تعز.\n"
        "وتظاهر مئات المواطنين في مدينة عدن احتجاجاً على انقطاع الكهرباء."
    )
    ev = only(extract(text), "تظاهر")
    assert ev.actor1 == "protesters"


def test_an_aircraft_subject_makes_shelling_an_air_strike_unless_it_is_a_drone(extract: Extract) -> None:
    air = only(extract("قصفت الطائرات الروسية أطراف بلدة كنصفرة."), "قصفت")
    assert air.mode == "aerial"
    drone = only(extract("قصفت طائرات مسيرة أطراف بلدة كنصفرة."), "قصفت")
    assert drone.mode != "aerial"


def test_men_of_a_force_before_an_object_are_the_subject_of_a_feminine_verb(extract: Extract) -> None:
    text = "داهمت عناصر من الأمن العسكري منازل في حي الوعر بمدينة حمص واعتقلت سبعة شبان."
    evs = extract(text)
    assert only(evs, "داهمت").actor1 == "syrian-military-intelligence"
    assert only(evs, "اعتقلت").actor1 == "syrian-military-intelligence"


def test_lam_after_a_prepositions_object_names_its_owner_not_the_agent(extract: Extract) -> None:
    ev = only(extract("انفجرت عبوة ناسفة بدورية للجيش العراقي قرب بيجي."), "انفجرت")
    assert ev.actor1 is None
    assert ev.actor2 == "iraqi-army"


def test_an_institution_outside_the_knowledge_base_is_a_named_subject(extract: Extract) -> None:
    text = (
        "قصفت قوات حفتر أحياء في جنوب طرابلس.\n"
        "وطالبت بعثة الأمم المتحدة في ليبيا الأطراف بوقف فوري لإطلاق النار."
    )
    ev = only(extract(text), "طالبت")
    assert ev.actor1 is None


def test_a_denied_crash_is_no_place_falling_and_the_verb_phrase_object_is_the_target(
    extract: Extract,
) -> None:
    text = (
        "وقالت قوات حفتر إن وحداتها أسقطت طائرة مسيرة تركية فوق مدينة ترهونة.\n"
        "ونفت حكومة الوفاق سقوط أي طائرة."
    )
    evs = extract(text)
    assert not [e for e in evs if "سقوط" in e.trigger.text]
    shot = only(evs, "أسقطت")
    assert (shot.actor1, shot.actor2) == ("libyan-national-army", "turkish-armed-forces")
    assert shot.reported_by == ["libyan-national-army"]


def test_a_release_is_by_the_captors_told_before(extract: Extract) -> None:
    text = (
        "خطف مسلحون من فرقة الحمزة ثلاثة مدنيين من قرية كفرصفرة واقتادوهم إلى جهة مجهولة.\n"
        "وأُفرج عن أحدهم بعد أربعة أيام مقابل فدية مالية."
    )
    release = only(extract(text), "أُفرج")
    assert release.actor1 == "hamza-division"
    assert release.actor2 == "civilians"
    assert "actor1" in release.inferred


def test_definite_and_joined_nationalities_name_the_first_state(extract: Extract) -> None:
    strikes = only(extract("غارات امريكيه بريطانيه الحين ع مطار الحديدة"), "غارات")
    assert strikes.actor1 == "us-armed-forces"
    told = only(extract("وأكدت مصادر محلية أن الغارات الأمريكية البريطانية استهدفت مطار الحديدة."), "غارات")
    assert told.actor1 == "us-armed-forces"
    saudi = only(extract("قُتل خمسة مدنيين جراء قصف صاروخي ومدفعي سعودي على مديرية شدا."), "قصف")
    assert saudi.actor1 == "saudi-armed-forces"


def test_a_subject_inside_a_verb_phrase(extract: Extract) -> None:
    """VSO with a phrase verb: "أطلقت قوات الأمن النار", "فتحت قوات الشرطة الاتحادية النار"."""
    fire = only(
        extract("وفتحت قوات الشرطة الاتحادية النار على المتظاهرين قرب جسر الزيتون في الناصرية."), "فتحت"
    )
    assert fire.type == "ASSAULT"
    assert fire.actor1 == "iraqi-federal-police"
    assert fire.actor2 == "protesters"
    assert fire.trigger.text == "فتحت"  # the verb alone: the subject stands inside the phrase
    hit = extract("وحققت مدفعيتنا إصابات مباشرة في العتاد والأفراد.")
    assert not [e for e in hit if e.type == "ACCUSE"]  # no "حقق في" across an object


def test_spoken_forms_of_subject_and_unit(extract: Extract) -> None:
    """The progressive عم between subject and verb, and a patrol of X as X."""
    strike = only(extract("طيران حربي روسي عم يقصف مدينة الأتارب من شوي"), "يقصف")
    assert strike.actor1 == "russian-armed-forces"
    arrest = only(
        extract("امبارح بالليل دورية لهيئة تحرير الشام اعتقلت ناشط اعلامي من بيتو بسرمدا"), "اعتقلت"
    )
    assert arrest.actor1 == "hayat-tahrir-al-sham"


def test_an_ambush_laid_for_x_and_an_ambush_by_x(extract: Extract) -> None:
    statement = (
        "جيش العزة - المكتب الإعلامي\n"
        "نصب مقاتلونا كميناً محكماً لمجموعة من الفرقة الرابعة على محور الزكاة، وقتلوا ثلاثة من عناصرها."
    )
    laid = only(extract(statement), "كمين")
    assert (laid.actor1, laid.actor2) == ("jaish-al-izza", "fourth-armoured-division")
    by = only(extract("كمين لخلايا داعش على طريق اثريا الرقة ومقتل خمسة من عناصر الفرقة الرابعة"), "كمين")
    assert by.actor1 == "islamic-state"


def test_a_raid_and_the_arrest_it_made_are_one_arrest_by_the_raiders(extract: Extract) -> None:
    text = (
        "وفي 19 حزيران، داهمت عناصر من الفرقة الرابعة بلدة كحيل بريف درعا الشرقي، واعتقلت خمسة مدنيين.\n"
        "وداهمت دورية تابعة للهيئة منزلاً في بلدة الدانا، واعتقلت قيادياً سابقاً في تنظيم حراس الدين."
    )
    evs = extract(text, published="2022-06-25")
    assert [(e.actor1, e.actor2) for e in evs] == [
        ("fourth-armoured-division", "civilians"),
        ("hayat-tahrir-al-sham", "hurras-al-din"),
    ]


def test_a_states_arms_named_definite_and_a_force_with_its_aircraft_kind(extract: Extract) -> None:
    artillery = extract("فقد استهدفت المدفعية التركية صباح اليوم قرية في ريف تل تمر.", meta={"country": "SY"})
    assert artillery[0].actor1 == "turkish-armed-forces"
    text = "طيران الوفاق المسير استهدف أمس آلية عسكرية لمليشيات الكانيات في ترهونة."
    drone = extract(text, meta={"country": "LY", "date": "2019-12-16"})
    assert (drone[0].actor1, drone[0].actor2) == ("gnu-forces", "kaniyat")


def test_holders_of_the_ground_and_the_dead_of_another_deed_are_no_agents(extract: Extract) -> None:
    text = (
        "القيادة العامة للقوات المسلحة العربية الليبية\n"
        "تعلن القيادة العامة أن وحداتنا العسكرية المشاركة في عمليات تحرير العاصمة تمكنت صباح اليوم من "
        "التقدم في محور عين زارة، وبسطت سيطرتها على عدد من المواقع التي كانت تتمركز فيها ميليشيات الوفاق، "
        "بعد اشتباكات دامت ساعات أسفرت عن مقتل 9 من عناصر الميليشيات."
    )
    evs = extract(text, meta={"country": "LY", "date": "2019-12-15"})
    assert [(e.actor1, e.actor2) for e in evs] == [("libyan-national-army", "gnu-forces")]


def test_the_party_a_force_backs_is_no_subject(extract: Extract) -> None:
    text = "الطيران المسير الإماراتي الداعم لحفتر استهدف أمس مصنعاً بمنطقة وادي الربيع وقتل ثلاثة مدنيين."
    strike = extract(text, meta={"country": "LY", "date": "2019-12-16"})[0]
    assert (strike.actor1, strike.actor2) == ("uae-armed-forces", "civilians")


def test_struck_is_an_attack_and_a_beating_or_a_storm_is_not(extract: Extract) -> None:
    drone = extract(
        "📍 مسيرة تابعة لقوات حفتر ضربت رتل لقوات الوفاق ع الطريق الساحلي", meta={"country": "LY"}
    )
    assert [(e.type, e.actor1, e.actor2) for e in drone] == [
        ("ASSAULT", "libyan-national-army", "gnu-forces")
    ]
    ours = extract("المقاومة الإسلامية في العراق\nضرب مجاهدونا صباح اليوم قاعدة حرير بطائرة مسيرة.")
    assert ours[0].actor1 == "islamic-resistance-in-iraq"
    not_strikes = (
        "وتسلم ذووه جثته وعليها آثار ضرب، بحسب ما أفادت عائلته.\n"
        "وكانت العاصفة دانيال قد ضربت المدينة في العاشر من أيلول."
    )
    assert extract(not_strikes, meta={"country": "LY"}) == []


def test_men_of_a_force_after_the_verb_with_an_instrument_before_the_object(extract: Extract) -> None:
    text = "وفي 21 تموز فرّقت عناصر من الهيئة بالهراوات وقفة نظمها عشرات المحتجين في سرمدا."
    dispersal = extract(text, meta={"country": "SY", "date": "2023-07-22"})[0]
    assert (dispersal.actor1, dispersal.actor2) == ("hayat-tahrir-al-sham", "protesters")


def test_a_state_named_as_a_side_after_lam_is_the_objects_owner(extract: Extract) -> None:
    text = (
        "بيان صادر عن القوات المسلحة اليمنية\n"
        "والثانية نفذها سلاح الجو المسير بعدد من الطائرات المسيرة واستهدفت أهدافاً عسكرية للعدو الإسرائيلي "
        "في منطقة أم الرشراش."
    )
    strike = only(extract(text, meta={"country": "YE", "date": "2024-01-01"}), "استهدفت")
    assert (strike.actor1, strike.actor2) == ("houthis", "israeli-armed-forces")


def test_a_unit_of_ours_after_the_verb_is_the_signer(extract: Extract) -> None:
    text = "الأمن العام السوري\nوفي عملية منفصلة، اشتبكت دورية تابعة لنا مساء أمس مع مسلحين قرب بلدة ببيلا."
    clash = extract(text, meta={"country": "SY", "date": "2024-03-01"})[0]
    assert clash.actor1 == "syrian-general-security"


def test_the_medium_of_a_claim_is_not_its_subject(extract: Extract) -> None:
    text = "🔴 #عاجل\nداعش يتبنى عبر وكالة أعماق هجوم مكيشيفة ب#صلاح_الدين ويدعي قتل واصابة ٢٠ من الحشد"
    attack = only(extract(text, meta={"country": "IQ", "date": "2024-03-01"}), "هجوم")
    assert (attack.actor1, attack.actor2) == ("islamic-state", "popular-mobilization-forces")


def test_a_present_verb_form_with_the_article_is_no_verb(extract: Extract) -> None:
    text = "وأفاد بأنه تعرض خلال احتجازه إلى التعليق من اليدين والصعق الكهربائي في سجن الصالح."
    assert all(e.type != "ACCUSE" for e in extract(text, meta={"country": "YE"}))


def test_the_spoken_past_plural_without_its_alef(extract: Extract) -> None:
    text = "#كربلاء : محتجين اقتحمو مبنى المحافظة وحرقو جزء من الواجهة"
    assert any(
        e.type == "PROTEST" and e.trigger.text == "اقتحمو" for e in extract(text, meta={"country": "IQ"})
    )


def test_a_subject_before_the_verb_is_not_our_force_after_it(extract: Extract) -> None:
    text = (
        "قوات الوفاق تقول ان مرتزقة فاغنر قصفوا مواقعها غرب سرت 🚀\n"
        "والقيادة العامة تنفي وتقول قواتنا ملتزمة بالتهدئة"
    )
    denial = only(extract(text, meta={"country": "LY", "date": "2020-08-23"}), "تنفي")
    assert denial.actor1 == "libyan-national-army"
