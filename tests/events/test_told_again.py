"""One happening told again: the defenders' account of an attack told before, the attackers' deeds,
a definite noun after a headline, and the time a report goes on in after the latest telling.
Sentences written for these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_repelling_the_attack_told_before_is_that_attack(extract: Extract) -> None:
    text = (
        "قُتل ثلاثة جنود إثر هجوم شنته جماعة الحوثي فجر اليوم على مواقع الجيش اليمني غربي مأرب."
        " وقال مصدر عسكري إن القوات صدت الهجوم بعد ساعتين."
    )
    evs = [e for e in extract(text, meta={"country": "YE"}, published="2022-02-01") if e.type == "ASSAULT"]
    assert len(evs) == 1
    (attack,) = evs
    assert (attack.actor1, attack.actor2) == ("houthis", "yemeni-government-forces")
    assert any("صدت الهجوم" in span.text for span in attack.evidence)


def test_a_repelled_attempt_with_nothing_told_before_is_an_event(extract: Extract) -> None:
    text = "وتصدت قوات الجيش اليمني لهجوم شنته جماعة الحوثي فجر اليوم غربي مأرب."
    evs = [e for e in extract(text, meta={"country": "YE"}, published="2022-02-01") if e.type == "ASSAULT"]
    assert len(evs) == 1


def test_the_attackers_retreat_belongs_to_their_attack(extract: Extract) -> None:
    text = (
        "هاجم مسلحون من تنظيم داعش ليلة أمس نقطة للجيش العراقي قرب قرية في قضاء الطارمية."
        " والمهاجمين انسحبوا باتجاه البساتين."
    )
    evs = extract(text, meta={"country": "IQ"}, published="2021-05-03")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert evs[0].acled is not None and evs[0].acled["sub_event_type"] == "Armed clash"


def test_a_definite_noun_after_a_headline_tells_the_body_event_again(extract: Extract) -> None:
    text = (
        "هجوم بطائرتين مسيّرتين على قاعدة عين الأسد وضربة قرب القائم\n"
        "أعلنت المقاومة الإسلامية في العراق أنها استهدفت أمس قاعدة عين الأسد غربي الأنبار."
        " لكن مسؤولاً أمريكياً قال إن الهجوم لم يسفر عن إصابات.\n"
        "وبعد ساعات، نفّذ الجيش الأمريكي ضربة جوية على مقر لكتائب حزب الله قرب القائم.\n"
    )
    evs = [e for e in extract(text, meta={"country": "IQ"}, published="2023-11-22") if e.type == "ASSAULT"]
    assert [(e.actor1, e.actor2) for e in evs] == [
        ("islamic-resistance-in-iraq", None),
        ("us-armed-forces", "kataib-hezbollah"),
    ]


def test_a_report_goes_on_in_the_time_of_the_latest_telling(extract: Extract) -> None:
    text = (
        "قُتل عنصران من قوات سوريا الديمقراطية مساء أمس الأحد إثر هجوم شنه مسلحون على حاجز في بلدة ذيبان."
        " وذكرت مصادر محلية أن المهاجمين أطلقوا النار من أسلحة رشاشة قبل أن ينسحبوا."
        " وعلى إثر ذلك، شنت قسد حملة دهم في ذيبان واعتقلت سبعة شبان."
    )
    evs = extract(text, meta={"country": "SY"}, published="2021-03-08")
    raid = only(evs, "دهم")
    assert raid.date == "2021-03-07"


def test_a_patrol_of_a_force_right_after_the_verb_is_its_subject(extract: Extract) -> None:
    ev = only(extract("داهمت دورية لقسد فجر الثلاثاء منازل في بلدة ذيبان.", meta={"country": "SY"}), "داهمت")
    assert ev.actor1 == "syrian-democratic-forces"


def test_the_victims_before_a_bomb_are_not_the_subject_of_its_verb(extract: Extract) -> None:
    text = (
        "استشهاد أربعة جنود من قوات الحزام الأمني بانفجار عبوة ناسفة استهدفت طقمهم في مديرية مودية ظهر اليوم."
        "\nوقالت مصادر محلية إن العبوة زرعتها عناصر القاعدة على الخط الترابي."
    )
    evs = [e for e in extract(text, published="2022-10-03", meta={"country": "YE"}) if e.type == "ASSAULT"]
    assert [(e.actor1, e.actor2) for e in evs] == [("aqap", "security-belt-forces")]


def test_who_planted_a_bomb_is_the_agent(extract: Extract) -> None:
    text = "انفجرت عبوة ناسفة زرعتها عناصر من تنظيم داعش على طريق في قضاء الطارمية."
    bomb = only(extract(text, meta={"country": "IQ"}), "انفجرت")
    assert (bomb.actor1, bomb.actor2) == ("islamic-state", None)


def test_the_lead_told_again_in_detail_is_one_event(extract: Extract) -> None:
    text = (
        "أطلقت القوات الأمنية الرصاص الحي على محتجين كانوا يقطعون الطريق في قضاء الزبير مساء الاثنين."
        "\nوبحسب شهادات جمعها فريقنا، أحرق المحتجون الإطارات قبل أن يطلق عناصر القوات الأمنية النار"
        " باتجاه الحشود."
    )
    evs = extract(text, published="2023-07-20", meta={"country": "IQ"})
    assert [e.type for e in evs].count("ASSAULT") == 1


def test_a_new_round_at_another_time_is_not_the_lead_again(extract: Extract) -> None:
    text = (
        "قصفت قوات النظام بالمدفعية بلدة كنصفرة في جبل الزاوية صباح اليوم."
        "\nوفي المساء قصفت قوات النظام بلدة كنصفرة مجدداً بقذائف الهاون."
    )
    evs = extract(text, published="2021-06-10", meta={"country": "SY"})
    assert [e.type for e in evs].count("ASSAULT") == 2


def test_a_denial_said_again_with_a_description_is_one_denial(extract: Extract) -> None:
    text = (
        "زعمت وكالة أعماق أن مقاتلي التنظيم قتلوا خمسة من عناصر قسد، وهو ما نفاه مجلس دير الزور العسكري،"
        " واصفاً رواية أعماق بأنها «عارية عن الصحة»."
    )
    evs = extract(text, published="2022-03-14", meta={"country": "SY"})
    assert [e.type for e in evs].count("REJECT") == 1
    killing = only(evs, "قتلوا")
    assert (killing.actor1, killing.actor2) == ("islamic-state", "syrian-democratic-forces")


def test_her_members_are_the_feminine_force_s_not_the_nearer_masculine_one(extract: Extract) -> None:
    evs = extract("وقالت قسد إن مقاتلي التنظيم قتلوا خمسة من عناصرها.", meta={"country": "SY"})
    assert only(evs, "قتلوا").actor2 != "islamic-state"


def test_just_after_a_happening_told_before_is_its_day(extract: Extract) -> None:
    text = (
        "هاجم مسلحون من تنظيم الدولة ليل الأحد حاجزاً لقوات سوريا الديمقراطية في بلدة ذيبان."
        "\nوقال مسؤول إعلامي إن الهجوم أسفر عن إصابة عنصر."
        "\nوعقب الهجوم، أطلقت قسد حملة تمشيط في محيط البلدة."
    )
    sweep = only(extract(text, published="2022-03-14", meta={"country": "SY"}), "تمشيط")
    assert (sweep.date, sweep.time_precision) == ("2022-03-13", 2)


def test_the_attackers_coming_and_then_leaving_belong_to_their_attack(extract: Extract) -> None:
    text = (
        "قُتل ثلاثة جنود من الجيش العراقي في هجوم شنّه مسلحون من تنظيم داعش ليلة أمس على نقطة عسكرية في"
        " قضاء المقدادية.\nوقال المصدر إن «عناصر التنظيم تسللوا تحت جنح الظلام ثم انسحبوا باتجاه البساتين»."
        " وأعلن الجيش في بيان مقتل ثلاثة من جنوده في اعتداء إرهابي غادر."
    )
    evs = extract(text, published="2022-06-09", meta={"country": "IQ"})
    assert [e.type for e in evs] == ["ASSAULT"]


def test_fire_returned_is_an_attack_on_whoever_fired_first(extract: Extract) -> None:
    text = (
        "تعرضت مواقع قوات الوفاق في محيط الوشكة مساء أمس لقصف بصواريخ غراد من قبل قوات حفتر."
        "\nوقال المتحدث باسم قوات الوفاق إن قواتهم ردت على مصادر النيران بالمدفعية الثقيلة."
    )
    evs = [e for e in extract(text, published="2020-07-23", meta={"country": "LY"}) if e.type == "ASSAULT"]
    assert [(e.actor1, e.actor2) for e in evs] == [
        ("libyan-national-army", "gnu-forces"),
        ("gnu-forces", "libyan-national-army"),
    ]


def test_dialect_fire_and_road_blocking(extract: Extract) -> None:
    barrels = only(extract("مروحيات النظام رمت براميل متفجره ع تلمنس", meta={"country": "SY"}), "رمت براميل")
    assert barrels.type == "ASSAULT"
    blocked = only(extract("محتجين غاضبين قطعوا خط التسعين في المنصورة", meta={"country": "YE"}), "قطعوا خط")
    assert blocked.type == "PROTEST"


def test_ground_taken_is_taken_from_the_side_fought_in_the_text(extract: Extract) -> None:
    text = (
        "قصفت طائرات الجيش الوطني الليبي تمركزات لقوات الوفاق في محيط قاعدة الوطية صباح اليوم."
        "\nوتمكنت قوات الوفاق مساء اليوم من تحرير قاعدة الوطية الجوية بالكامل."
    )
    evs = extract(text, published="2020-05-18", meta={"country": "LY"})
    capture = only(evs, "تحرير")
    assert (capture.actor1, capture.actor2) == ("gnu-forces", "libyan-national-army")
    assert "actor2" in capture.inferred


def test_the_owner_of_a_vehicle_hit_is_the_target(extract: Extract) -> None:
    text = "قُتل جنديان بانفجار عبوة ناسفة بعجلة همر تابعة للشرطة الاتحادية قرب الحويجة."
    blast = only(extract(text, meta={"country": "IQ"}), "انفجار")
    assert (blast.actor1, blast.actor2) == (None, "iraqi-federal-police")


def test_forces_arriving_at_the_scene_deploy(extract: Extract) -> None:
    text = "هاجم مسلحون نقطة للجيش قرب المقدادية، وأن قوة من الحشد الشعبي وصلت إلى المكان بعد نحو ساعة."
    arrival = only(extract(text, meta={"country": "IQ"}), "وصلت")
    assert (arrival.type, arrival.mode) == ("MOBILIZE", "troops")


def test_a_death_toll_told_first_gives_way_to_the_attack_and_its_list_of_places(extract: Extract) -> None:
    text = (
        "قصف صاروخي يوقع ضحايا في جبل الزاوية\nقُتل ثلاثة مدنيين صباح اليوم إثر قصف صاروخي نفذته قوات"
        " النظام على بلدات البارة وكنصفرة والفطيرة في جبل الزاوية بريف إدلب الجنوبي.\n"
    )
    evs = extract(text, published="2021-06-10", meta={"country": "SY"})
    assert [e.trigger.text for e in evs] == ["قصف صاروخي"] * 3
    assert len({e.place for e in evs}) == 3


def test_a_series_of_strikes_launched_in_a_list_of_places(extract: Extract) -> None:
    text = (
        "شنّت القوات الأمريكية والقوات البريطانية، مساء أمس السبت، سلسلة غارات جوية على مواقع لجماعة الحوثي"
        " في صنعاء والحديدة وحجة."
    )
    evs = extract(text, published="2024-01-14", meta={"country": "YE"})
    assert len(evs) == 3 and {(e.actor1, e.actor2) for e in evs} == {("us-armed-forces", "houthis")}


def test_a_target_past_two_joined_attackers_and_a_two_letter_place_head(extract: Extract) -> None:
    text = (
        "قصفت القوات التركية وفصائل الجيش الوطني السوري بالمدفعية الثقيلة مواقع لقوات سوريا الديمقراطية في"
        " قرى الدردارة وأم الكيف وتل طويل بريف تل تمر."
    )
    evs = extract(text, meta={"country": "SY"})
    assert len(evs) == 3
    assert {(e.actor1, e.actor2) for e in evs} == {("turkish-armed-forces", "syrian-democratic-forces")}


def test_an_attack_noun_right_after_its_verb_is_the_verbs_subject(extract: Extract) -> None:
    meta = {"country": "SY", "date": "2022-11-23"}
    drone = extract("استهدفت طائرة مسيرة تركية محيط قاعدة في مدينة الحسكة ظهر اليوم.", meta=meta)
    assert [(e.trigger.text, e.actor1) for e in drone] == [("استهدفت", "turkish-armed-forces")]
    text = (
        "قصفت قوات النظام بلدة كنصفرة صباح اليوم.\n"
        "كما استهدف القصف المدفعي لجيش الاحتلال التركي قرى ريف تل تمر، وأصيب طفلان بجروح."
    )
    shelling = only(extract(text, meta=meta), "استهدف")
    assert (shelling.actor1, shelling.actor2) == ("turkish-armed-forces", "civilians")
    strikes = only(
        extract("استهدفت غارات للتحالف مواقع للحوثيين في مديرية الجوبة.", meta={"country": "YE"}), "استهدفت"
    )
    assert (strikes.actor1, strikes.actor2) == ("saudi-led-coalition", "houthis")


def test_a_claim_announced_after_the_attack_names_its_agent(extract: Extract) -> None:
    text = (
        "تعرضت قاعدة عين الأسد الجوية فجر الأربعاء لهجوم بطائرتين مسيرتين، أعلنت المقاومة الإسلامية في "
        "العراق مسؤوليتها عنه في بيان."
    )
    attack = only(extract(text, meta={"country": "IQ", "date": "2023-11-22"}), "هجوم")
    assert attack.actor1 == "islamic-resistance-in-iraq"


def test_the_fighting_a_capture_was_won_in_is_the_capture(extract: Extract) -> None:
    text = (
        "شنت هيئة تحرير الشام فجر اليوم هجوماً معاكساً على مواقع قوات النظام في بلدة كفرنبودة.\n"
        "وقال المرصد إن المهاجمين استعادوا السيطرة على معظم أحياء البلدة بعد اشتباكات عنيفة أسفرت عن مقتل "
        "19 عنصراً من قوات النظام."
    )
    evs = extract(text, meta={"country": "SY", "date": "2019-05-22"})
    assert len(evs) == 1 and evs[0].actor1 == "hayat-tahrir-al-sham"


def test_a_headlines_joined_nouns_keep_their_own_complements(extract: Extract) -> None:
    text = (
        "معارك عنيفة غرب مأرب وغارات للتحالف على صرواح\n"
        "تجددت المواجهات العنيفة، اليوم الثلاثاء، بين قوات الجيش الوطني وجماعة الحوثي في جبهة الكسارة غرب "
        "مدينة مأرب."
    )
    fight = only(extract(text, meta={"country": "YE", "date": "2021-03-02"}), "مواجهات")
    assert (fight.actor1, fight.actor2) == ("yemeni-government-forces", "houthis")
