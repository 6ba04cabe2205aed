"""Operations a force starts or carries out, who only supports them and the verb that describes them;
shoot-downs and broken attacks; raids, seizures and attackers leaving; report titles, background and
tallies; deaths in custody and who held the dead; fears, calms and arrivals at the scene. Sentences
written for these tests."""

from __future__ import annotations

from marsad.model import Event

from .conftest import Extract

IQ = {"country": "IQ", "date": "2021-08-14"}


def _of(evs: list[Event], kind: str) -> list[Event]:
    return [e for e in evs if e.type == kind]


def test_the_subject_of_a_verb_of_starting_carries_out_the_operation(extract: Extract) -> None:
    text = (
        "وأفاد مصدر أمني بأن قطعات الحشد الشعبي والجيش العراقي شرعت صباح اليوم بعملية تمشيط واسعة"
        " في محيط ناحية العظيم.\n"
        "وأضاف المصدر أن قوة مشتركة من الجيش العراقي والحشد الشعبي باشرت عملية تفتيش في بساتين المنطقة."
    )
    sweeps = _of(extract(text, meta=IQ), "MOBILIZE")
    assert [e.actor1 for e in sweeps] == ["popular-mobilization-forces", "iraqi-army"]


def test_a_partner_before_the_verb_is_no_subject(extract: Extract) -> None:
    text = "وقال مصدر عسكري إن قوة مشتركة مع التحالف الدولي بدأت عملية تمشيط في ريف دير الزور الشرقي."
    sweeps = _of(extract(text, meta={"country": "SY", "date": "2019-03-02"}), "MOBILIZE")
    assert len(sweeps) == 1 and sweeps[0].actor1 != "us-led-coalition"


def test_our_service_and_our_units_named_by_their_force(extract: Extract) -> None:
    text = (
        "جهاز مكافحة الإرهاب\n"
        "بيان\n"
        "نفذت قوة من جهازنا فجر اليوم عملية إنزال جوي في جبال حمرين أسفرت عن قتل ثلاثة إرهابيين.\n"
    )
    landing = _of(extract(text, meta=IQ), "ASSAULT")
    assert landing and landing[0].actor1 == "counter-terrorism-service"
    text = (
        "قيادة العمليات المشتركة\n"
        "بيان\n"
        "نفذت قطعاتنا من الجيش العراقي والحشد الشعبي فجر اليوم عملية تفتيش واسعة في وادي الشاي.\n"
    )
    sweep = _of(extract(text, meta=IQ), "MOBILIZE")
    assert sweep and sweep[0].actor1 == "iraqi-army"


def test_air_support_is_neither_doer_nor_target_and_the_describing_verb_is_the_operation(
    extract: Extract,
) -> None:
    text = (
        "جهاز مكافحة الإرهاب\n"
        "بيان\n"
        "بإسناد جوي من طيران الجيش العراقي وطيران التحالف الدولي، نفذت قوة من جهاز مكافحة الإرهاب"
        " ليلة أمس عملية إنزال جوي في وادي حوران غربي الأنبار، استهدفت مضافة يتحصن فيها عدد من"
        " قيادات عصابات داعش الإرهابية.\n"
    )
    assaults = _of(extract(text, meta=IQ), "ASSAULT")
    assert len(assaults) == 1, [e.trigger.text for e in assaults]
    landing = assaults[0]
    assert (landing.actor1, landing.actor2) == ("counter-terrorism-service", "islamic-state")
    assert len(landing.evidence) >= 2


def test_the_perpetrators_sought_are_not_the_seekers(extract: Extract) -> None:
    text = (
        "خلية الإعلام الأمني\n"
        "بيان\n"
        "1- تعرضت دورية للجيش العراقي مساء أمس لانفجار عبوة ناسفة على طريق ترابي في ناحية العظيم،"
        " ما أدى إلى استشهاد أحد المقاتلين.\n"
        "2- شرعت قطعات الحشد الشعبي والجيش صباح اليوم بعملية تمشيط واسعة في محيط الناحية بحثاً عن"
        " المتورطين بالهجوم.\n"
    )
    blast = _of(extract(text, meta=IQ), "ASSAULT")
    assert blast and blast[0].actor1 is None and blast[0].actor2 == "iraqi-army"


def test_a_deed_said_of_any_and_a_ceasefire_agreed_are_no_happenings_of_their_own(extract: Extract) -> None:
    text = (
        "وأكد البيان أن الجيش الوطني سيرد بحزم على أي اعتداء يستهدف مواقعه أو الأحياء السكنية في تعز،"
        " وأن أي محاولة جديدة للتقدم ستقابل برد أشد.\n"
        "وتوصل الجانب الحكومي ووجهاء القبائل في مديرية الوادي مساء الثلاثاء إلى اتفاق جديد لوقف إطلاق"
        " النار بين الطرفين."
    )
    evs = extract(text, meta={"country": "YE", "date": "2021-03-02"})
    assert sorted(e.type for e in evs) == ["AGREE", "THREATEN"], [(e.type, e.trigger.text) for e in evs]


def test_a_seizure_in_a_raid_is_what_the_raid_was(extract: Extract) -> None:
    text = (
        "وبناءً على اعترافات الموقوفين، داهمت قوة من جهاز الردع مخزناً في مدينة جنزور،"
        " وضبطت بداخله عبوات ناسفة معدّة للتفجير."
    )
    evs = extract(text, meta={"country": "LY", "date": "2021-11-12"})
    assert [(e.type, e.actor1) for e in evs] == [("COERCE", "rada")]
    assert (evs[0].acled or {}).get("sub_event_type") == "Disrupted weapons use"


def test_deaths_in_the_clashes_told_before_belong_to_them(extract: Extract) -> None:
    text = (
        "أعلنت ألوية العمالقة اليوم السبت سيطرتها على قرية المنظر جنوب مدينة الحديدة، بعد مواجهات مع"
        " مسلحي جماعة الحوثي استمرت ساعات.\n"
        "وأوضح مصدر ميداني أن 14 مسلحاً حوثياً قتلوا في المواجهات، فيما قتل 5 من مقاتلي العمالقة."
    )
    evs = extract(text, meta={"country": "YE", "date": "2018-06-16"})
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert len(assaults) == 1, [e.trigger.text for e in assaults]
    assert (assaults[0].actor1, assaults[0].actor2) == ("giants-brigades", "houthis")
    assert len(assaults[0].evidence) >= 2


def test_a_call_in_a_statement_with_no_named_subject_is_the_signers(extract: Extract) -> None:
    text = (
        "جهاز مكافحة الإرهاب\n"
        "بيان\n"
        "نفذت قوة من جهازنا فجر اليوم عملية إنزال جوي في جبال حمرين أسفرت عن قتل ثلاثة من عناصر داعش.\n"
        "ويؤكد الجهاز أن عملياته مستمرة حتى القضاء على آخر فلول داعش، ويهيب بالمواطنين التعاون مع"
        " القوات الأمنية.\n"
    )
    calls = _of(extract(text, meta=IQ), "REQUEST")
    assert [e.actor1 for e in calls] == ["counter-terrorism-service"]


def test_an_attack_broken_by_forces_named_inside_the_phrase_is_the_repelling(extract: Extract) -> None:
    text = (
        "المركز الإعلامي لمحور تعز العسكري\n"
        "كسر أبطال الجيش الوطني فجر اليوم هجوماً واسعاً لميليشيا الحوثي على مواقعهم في جبهة الضباب.\n"
    )
    evs = extract(text, meta={"country": "YE", "date": "2018-11-20"})
    assert [(e.trigger.text, e.actor1, e.actor2) for e in evs] == [
        ("كسر", "yemeni-government-forces", "houthis")
    ]


def test_a_directorate_heading_a_statement_signs_it_and_its_patrol_underwent_the_ambush(
    extract: Extract,
) -> None:
    text = (
        "مديرية الأمن العام في محافظة اللاذقية\n"
        "بيان\n"
        "تعرّضت دورية تابعة لقواتنا مساء أمس الثلاثاء لكمين نصبته مجموعة من فلول النظام البائد قرب مدينة"
        " جبلة، ما أدى إلى استشهاد عنصرين من مرتباتنا.\n"
        "وعلى إثر ذلك، باشرت وحداتنا فجر اليوم حملة تمشيط واسعة في الأحراج المحيطة بناحية الدالية.\n"
    )
    evs = extract(text, meta={"country": "SY", "date": "2025-02-05"})
    ambush = _of(evs, "ASSAULT")[0]
    assert (ambush.actor1, ambush.actor2) == ("assad-loyalist-insurgents", "syrian-general-security")
    assert [e.actor1 for e in _of(evs, "MOBILIZE")] == ["syrian-general-security"]


def test_a_report_title_listing_kinds_and_background_years_back_are_no_happenings(extract: Extract) -> None:
    text = (
        "صلاح الدين: اعتقال نازحين ووفاة محتجز وهدم منازل خلال نيسان وأيار 2019\n"
        "يتناول هذا التقرير انتهاكات وثقها فريقنا في محافظة صلاح الدين، بعد نحو عامين من استعادة"
        " المحافظة من سيطرته.\n"
        "- يوم 23 نيسان: توفي سعد خلف الجبوري (41 عاماً)، أحد المعتقلين، داخل مركز احتجاز تابع للشرطة"
        " الاتحادية في تكريت.\n"
    )
    evs = extract(text, meta={"country": "IQ", "date": "2019-06-10"})
    assert [(e.trigger.text, e.actor2) for e in evs] == [("توفي", "prisoners")]
    headline = "طرابلس: اعتقال ناشطين وتفريق وقفة تطالب بالإفراج عنهم\nوقال شهود إن الأمن اعتقل ثلاثة ناشطين."
    assert extract(headline, meta={"country": "LY", "date": "2022-07-05"})


def test_the_body_that_told_the_family_of_a_death_in_custody_held_him(extract: Extract) -> None:
    text = (
        "أبلغت المخابرات الجوية ذوي الشاب عبد الرحمن قاسم من مدينة حماة بوفاته داخل أحد مراكز الاحتجاز"
        " التابعة لها في المدينة."
    )
    evs = extract(text, meta={"country": "SY", "date": "2019-11-20"})
    assert [(e.actor1, e.actor2) for e in evs] == [("syrian-air-force-intelligence", "prisoners")]


def test_whose_aircraft_was_shot_down_and_whose_air_defences_did_it(extract: Extract) -> None:
    text = (
        "المركز الإعلامي لمحور تعز العسكري\nأسقطت دفاعاتنا طائرة مسيّرة حوثية في سماء جبهة الكدحة مساء أمس.\n"
    )
    evs = extract(text, meta={"country": "YE", "date": "2022-03-01"})
    assert [(e.type, e.actor1, e.actor2) for e in evs] == [("ASSAULT", "yemeni-government-forces", "houthis")]
    assert (evs[0].acled or {}).get("sub_event_type") == "Disrupted weapons use"
    text = "اعترضت الدفاعات الجوية لـالتحالف الدولي طائرة مسيّرة مفخخة كانت متجهة نحو قاعدة حرير شمال أربيل."
    evs = extract(text, meta={"country": "IQ", "date": "2023-11-01"})
    assert [e.actor1 for e in evs] == ["us-led-coalition"]
    claim = "المسماري يزعم إسقاط طائرة مسيّرة تركية فوق ترهونة"
    evs = extract(claim, meta={"country": "LY", "date": "2020-05-22"})
    assert [e.actor2 for e in evs] == ["turkish-armed-forces"] and evs[0].actor1 != "turkish-armed-forces"


def test_control_extended_now_is_a_gain_and_our_forces_reach_past_a_time(extract: Extract) -> None:
    evs = extract(
        "✅ قوات الوفاق تبسط سيطرتها ع منطقة الخلة جنوب طرابلس", meta={"country": "LY", "date": "2020-05-22"}
    )
    assert [(e.type, e.actor1) for e in evs] == [("ASSAULT", "gnu-forces")]
    text = (
        "المركز الإعلامي لغرفة عمليات الكرامة\n"
        "تمكنت قواتنا المسلحة صباح اليوم الأربعاء من بسط سيطرتها الكاملة على معسكر اليرموك جنوب طرابلس.\n"
    )
    evs = extract(text, meta={"country": "LY", "date": "2019-12-01"})
    assert [e.actor1 for e in evs] == ["libyan-national-army"]


def test_attackers_leaving_toward_somewhere_after_their_attack_are_part_of_it(extract: Extract) -> None:
    text = (
        "هاجم مسلحون من تنظيم داعش فجر اليوم نقطة للجيش العراقي في قرية الرشاد جنوب كركوك، وقال مصدر"
        " أمني إن المهاجمين انسحبوا باتجاه البساتين المحيطة."
    )
    evs = extract(text, meta={"country": "IQ", "date": "2021-05-02"})
    assert [e.type for e in evs] == ["ASSAULT"]


def test_broken_advances_and_clashes_between_unnamed_groups(extract: Extract) -> None:
    text = "📍 مأرب | الجيش واللجان الشعبية كسروا زحف واسع لمرتزقة العدوان في جبهة الكسارة"
    evs = extract(text, meta={"country": "YE", "date": "2021-03-02"})
    assert [(e.trigger.text, e.actor1) for e in evs] == [("كسروا زحف", "houthis")]
    text = "قُتل ثلاثة أشخاص مساء أمس في اشتباكات اندلعت بين مجموعتين مسلحتين في مدينة الزاوية."
    evs = extract(text, meta={"country": "LY", "date": "2024-05-06"})
    assert [(e.type, e.actor2) for e in evs] == [("ASSAULT", None)]
    assert (evs[0].acled or {}).get("sub_event_type") == "Armed clash"


def test_fears_and_a_calm_seen_are_no_happenings(extract: Extract) -> None:
    text = (
        "وتحاصر قوات النظام الأحياء منذ أكثر من شهرين، ويخشى السكان من اقتحام واسع في حال فشل المفاوضات.\n"
        "وأكد المتحدث التزام قوات صنعاء بالتهدئة، فيما يخشى السكان تجدد المواجهات مع حلول الليل.\n"
        "ويشهد اليمن تهدئة نسبية منذ أشهر."
    )
    evs = extract(text, meta={"country": "YE", "date": "2023-03-02"})
    assert not [e for e in evs if e.type in ("ASSAULT", "RETREAT")], [(e.type, e.trigger.text) for e in evs]


def test_whose_prison_it_was_holds_the_dead(extract: Extract) -> None:
    text = (
        "كما توفي المعتقل عبدالله محمد الحميقاني (47 عاماً) في 23 نوفمبر داخل سجن الصالح الخاضع لسيطرة"
        " جماعة الحوثي في المدينة ذاتها."
    )
    evs = extract(text, meta={"country": "YE", "date": "2019-12-01"})
    assert [(e.actor1, e.actor2) for e in evs] == [("houthis", "prisoners")]


def test_arriving_at_the_scene_is_part_of_what_follows(extract: Extract) -> None:
    text = "📌 قوة من الحشد الشعبي وصلت للمنطقة وبدت بتمشيط بساتين الوقف بحثاً عن المهاجمين"
    evs = extract(text, meta={"country": "IQ", "date": "2021-07-14"})
    assert [(e.type, e.actor1) for e in evs] == [("MOBILIZE", "popular-mobilization-forces")]


def test_counts_since_a_date_and_tolls_rising_are_no_attacks_of_their_own(extract: Extract) -> None:
    text = (
        "ومنذ تشرين الأول 2023 تعرضت القواعد التي تستضيف قوات أمريكية في العراق وسوريا لأكثر من 150 هجوماً.\n"
        "🔸 تحديث: ارتفاع عدد شهداء الحشد بهجوم الميتة إلى ٣ بعد وفاة أحد الجرحى."
    )
    evs = extract(text, meta={"country": "IQ", "date": "2024-01-20"})
    assert not [e for e in evs if e.type == "ASSAULT"], [e.trigger.text for e in evs]


def test_what_we_did_before_any_action_is_told_as_done(extract: Extract) -> None:
    text = (
        "عمران محمد/ أحرار الشام / مسؤول العلاقات الإعلامية.\n"
        "بداية الأمر وقبل أي عمل تواصلنا مع قيادة الهيئة لترتيب غرفة عمليات واحدة فكان الرد بالرفض."
    )
    evs = extract(text, meta={"country": "SY", "date": "2017-04-01"})
    assert [e.trigger.text for e in evs if e.type == "CONSULT"] == ["تواصلنا مع"]


def test_a_crowd_guessed_as_they_does_not_arrest_release_or_accuse(extract: Extract) -> None:
    text = (
        "تظاهر مئات من أهالي الناصرية أمس أمام مبنى المحافظة للمطالبة بفرص عمل.\n"
        "وأعلن محافظ ذي قار صباح اليوم الإفراج عن جميع الموقوفين بكفالة.\n"
        "وأهله يحمّلون القوات الأمنية مسؤولية حياته."
    )
    evs = extract(text, meta={"country": "IQ", "date": "2019-11-20"})
    assert all(e.actor1 != "protesters" for e in evs if e.type in ("RETREAT", "ACCUSE")), [
        (e.type, e.actor1) for e in evs
    ]
