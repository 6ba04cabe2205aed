"""Persons stopped (أوقف), a monitor watching a fight, the sides of a fight named by a part of them,
"the aggression" after a named state, property seized, and relatives' visits. Sentences written for
these tests."""

from __future__ import annotations

from .conftest import Extract, only


def test_persons_stopped_are_an_arrest_and_a_thing_stopped_is_not(extract: Extract) -> None:
    evs = extract(
        "وأوقفت دورية تابعة لقوات سوريا الديمقراطية 14 شاباً عند حاجز في عامودا.", meta={"country": "SY"}
    )
    stop = only(evs, "أوقفت")
    assert (stop.type, stop.mode, stop.actor1) == ("COERCE", "arrest", "syrian-democratic-forces")
    truck = extract("أوقفت دورية شاحنة محملة بالأسلحة عند حاجز الزبير.", meta={"country": "IQ"})
    assert all(e.trigger.text != "أوقفت" for e in truck)


def test_a_unit_belonging_to_the_signer_acts_for_it(extract: Extract) -> None:
    text = (
        "فرقة الحمزة – بيان توضيحي\n"
        "وتوضح الفرقة أن دورية تابعة لها أوقفت أمس في جنديرس شخصين يُشتبه بتورطهما في عملية الخطف."
    )
    evs = extract(text, meta={"country": "SY", "date": "2021-05-17"})
    assert only(evs, "أوقفت").actor1 == "hamza-division"


def test_a_monitor_watching_a_fight_is_not_a_side(extract: Extract) -> None:
    text = (
        "منظمة سام للحقوق والحريات\n"
        "تابعت منظمتنا المواجهات المسلحة التي اندلعت أمس بين قوات الحزام الأمني وقوات الحكومة الشرعية"
        " في مديرية خور مكسر بمدينة عدن."
    )
    fight = only(extract(text, meta={"country": "YE", "date": "2019-08-09"}), "مواجهات")
    assert (fight.actor1, fight.actor2) == ("security-belt-forces", "yemeni-government-forces")


def test_a_side_named_by_a_part_of_it(extract: Extract) -> None:
    text = (
        "اندلعت اشتباكات بين قوات النظام وعناصر من تنظيم داعش قرب بلدة السخنة.\n"
        "ودارت معارك بين مقاتلي هيئة تحرير الشام ومسلحين من حراس الدين في بلدة عرب سعيد."
    )
    evs = extract(text, meta={"country": "SY"})
    assert [(e.actor1, e.actor2) for e in evs] == [
        ("syrian-government-forces", "islamic-state"),
        ("hayat-tahrir-al-sham", "hurras-al-din"),
    ]


def test_the_aggression_after_a_named_state_is_that_state(extract: Extract) -> None:
    text = (
        "شن طيران العدوان الأمريكي البريطاني اليوم ثلاث غارات على مديرية اللحية بمحافظة الحديدة."
        " واستهدف العدوان بغارتين منطقة الجبانة."
    )
    evs = extract(text, meta={"country": "YE", "date": "2024-02-10"})
    assert [e.actor1 for e in evs] == ["us-armed-forces", "us-armed-forces"]
    saudi = "شن طيران العدوان السعودي غارتين على صعدة. واستهدف العدوان بغارة منطقة الجبانة."
    assert extract(saudi, meta={"country": "YE"})[-1].actor1 == "saudi-led-coalition"


def test_property_seized_is_a_seizure_and_a_village_a_capture(extract: Extract) -> None:
    text = (
        "استولى مسلحون يتبعون لفرقة السلطان سليمان شاه على نحو 400 شجرة زيتون تعود لعائلات مهجّرة"
        " في ناحية الشيخ حديد.\nواستولت قوات النظام على قرية التح."
    )
    olives, village = extract(text, meta={"country": "SY"})
    assert (olives.type, olives.mode, olives.actor1) == ("COERCE", "seize", "sultan-suleiman-shah-division")
    assert olives.acled is not None and olives.acled["sub_event_type"] == "Looting/property destruction"
    assert village.type == "ASSAULT"


def test_relatives_kept_from_visiting_a_detainee_is_no_meeting(extract: Extract) -> None:
    text = "واعتقلت قوات الأمن الناشط في البصرة، ولم يتمكن ذووه من زيارته طوال فترة احتجازه."
    assert [e.type for e in extract(text, meta={"country": "IQ"})] == ["COERCE"]


def test_a_common_word_is_no_foreign_town(extract: Extract) -> None:
    text = "اندلعت اشتباكات بين قوات النظام وعناصر من تنظيم داعش في الوادي الواقع شرقي بلدة السخنة."
    (fight,) = extract(text, meta={"country": "SY"})
    assert fight.place is None or not fight.place.startswith("geonames:2497411")


def test_the_latter_is_the_actor_named_last(extract: Extract) -> None:
    text = (
        "واتهم مسؤول في المجلس المحلي للمدينة قسد بالوقوف وراء التفجير، وهو ما نفته الأخيرة في بيان مقتضب."
        " وقُتل شخصان خلال الأسبوع الأخير."
    )
    assert only(extract(text, meta={"country": "SY"}), "نفته").actor1 == "syrian-democratic-forces"


def test_an_undertaking_verb_before_the_commas_of_a_time(extract: Extract) -> None:
    text = "أقدم مسلحون مجهولون، مساء الثلاثاء، على اغتيال القيادي السابق خالد المسالمة في مدينة طفس."
    (killing,) = extract(text, meta={"country": "SY"})
    assert (killing.actor1, killing.actor2) == ("unidentified-armed-group", None)


def test_another_patrol_is_of_the_same_body(extract: Extract) -> None:
    told = (
        "وأعلن الأمن العام أن دورية تابعة له اعتقلت مطلوبين في جبلة. كما ضبطت دورية أخرى مستودعاً في اللاذقية."
    )
    assert only(extract(told, meta={"country": "SY"}), "ضبطت").actor1 == "syrian-general-security"
    ours = (
        "إدارة الأمن العام في محافظة اللاذقية\n"
        "ألقت وحداتنا فجر اليوم القبض على خمسة أشخاص في قرية بيت ياشوط.\n"
        "كما ضبطت دورية أخرى مستودعاً يحتوي على قذائف هاون في أطراف بلدة عين شقاق."
    )
    assert only(extract(ours, meta={"country": "SY"}), "ضبطت").actor1 == "syrian-general-security"


def test_a_demand_takes_no_place_from_its_addressee(extract: Extract) -> None:
    text = (
        "وندعو السلطات في طرابلس إلى الإفراج عن المحتجزين. ونفى الجيش التركي استهداف مدنيين في قرية الدردارة."
    )
    evs = extract(text, meta={"country": "LY"})
    assert [e.type for e in evs] == ["REQUEST", "REJECT"]
    assert [e.place for e in evs] == [None, None]


def test_a_deed_blamed_on_someone_names_no_agent(extract: Extract) -> None:
    text = (
        "واتهم مسؤول في المجلس المحلي قسد بالوقوف وراء التفجير.\n"
        "إننا نحمّل واشنطن المسؤولية الكاملة عن الغارة التي استهدفت الثلاثاء الماضي مقراً في جرف النصر."
    )
    deeds = [e for e in extract(text, meta={"country": "IQ"}) if e.type == "ASSAULT"]
    assert deeds and all(e.actor1 is None for e in deeds)


def test_the_two_sides_meet(extract: Extract) -> None:
    text = (
        "وهاجمت قوات النظام مواقع اللواء الثامن في بصرى الشام، وقُتل مدنيان بقصف على البلدة."
        " وعقد قادة الطرفين اجتماعاً مساء الأحد بوساطة روسية."
    )
    meeting = only(extract(text, meta={"country": "SY"}), "اجتماعاً")
    assert (meeting.type, meeting.actor1, meeting.actor2) == (
        "CONSULT",
        "syrian-government-forces",
        "eighth-brigade",
    )


def test_attackers_forced_back_is_part_of_the_attack(extract: Extract) -> None:
    text = "وصدت القوات هجوماً على مواقعها في زنجبار، وأجبرت المهاجمين على التراجع بعد أن كبدتهم خسائر."
    assert [e.type for e in extract(text, meta={"country": "YE"})] == ["ASSAULT"]


def test_the_weapon_of_a_deed_in_its_clause_is_part_of_it(extract: Extract) -> None:
    text = (
        "واستهدفت المجموعات الإرهابية بلدتي السقيلبية ومحردة بريف حماة الشمالي الغربي بعدد من القذائف"
        " الصاروخية، ما أدى إلى استشهاد مواطن."
    )
    evs = extract(text, meta={"country": "SY"})
    assert [e.trigger.text for e in evs] == ["استهدفت", "استهدفت"]
    assert all(e.acled and e.acled["sub_event_type"] == "Shelling/artillery/missile attack" for e in evs)


def test_ground_taken_after_an_attack_is_one_event(extract: Extract) -> None:
    text = "أعلنت فصائل المعارضة اليوم السيطرة على بلدة كفرنبودة في ريف حماة الشمالي الغربي إثر هجوم معاكس."
    (gain,) = extract(text, meta={"country": "SY"})
    assert gain.acled is not None and gain.acled["sub_event_type"] == "Non-state actor overtakes territory"


def test_many_attacks_counted_since_a_day_are_a_tally(extract: Extract) -> None:
    text = (
        "وتقول واشنطن إن قواتها في العراق وسوريا تعرضت لأكثر من 140 هجوماً منذ 17 تشرين الأول.\n"
        "إذ شهدت المنطقة منذ مطلع العام أكثر من أربعين هجوماً استهدفت نقاط قواتنا.\n"
        "وشن الطيران أكثر من 40 غارة على المديرية اليوم."
    )
    assert [e.trigger.text for e in extract(text, meta={"country": "IQ"})] == ["غارة"]
    week = "📌 حصيلة الأسبوع في المديريات الحدودية: ٢٣ غارة و١٨٠ قذيفة صاروخية ومدفعية"
    assert extract(week, meta={"country": "YE"}) == []


def test_a_campaign_going_on_is_no_one_attack(extract: Extract) -> None:
    text = (
        "وتشن الجماعة منذ تشرين الثاني الماضي هجمات على السفن في البحر الأحمر.\n"
        "ويأتي ذلك ضمن موجة قصف تشهدها مناطق شمال غربي سوريا منذ مطلع الشهر.\n"
        "وكان المركز قد أشار إلى أن الاحتلال التركي صعّد من استهداف البنى التحتية في المنطقة.\n"
        "يواصل جيش الاحتلال التركي هجماته على مناطق شمال وشرق سوريا."
    )
    assert extract(text, meta={"country": "YE"}) == []
    counted = (
        "ووثق المرصد مقتل أكثر من 250 مدنياً في أرياف حماة وإدلب منذ أواخر نيسان.\n"
        "وأحصى المرصد مقتل 54 شخصاً منذ بدء المواجهات، بينهم تسعة مدنيين.\n"
        "ويرتفع بذلك عدد الناشطين الذين اغتيلوا في البصرة منذ تشرين الأول 2019 إلى تسعة ناشطين."
    )
    assert extract(counted, meta={"country": "SY"}) == []
    today = extract("وواصلت قوات النظام قصف بلدة كنصفرة صباح اليوم.", meta={"country": "SY"})
    assert [e.type for e in today] == ["ASSAULT"]


def test_people_held_are_no_new_arrest(extract: Extract) -> None:
    text = "ونطالب بالكشف عن مصير 17 شخصاً يحتجزهم الانتقالي. واحتجزت قوات الأمن ثلاثة شبان في عدن."
    assert [e.trigger.text for e in extract(text, meta={"country": "YE"}) if e.type == "COERCE"] == ["احتجزت"]


def test_calling_an_account_misinformation_is_part_of_a_denial(extract: Extract) -> None:
    text = "ونفت الجماعة استهداف المخيم، واصفةً الاتهامات بأنها تضليل إعلامي."
    assert [e.type for e in extract(text, meta={"country": "YE"})] == ["REJECT"]


def test_where_the_fire_came_from_is_not_where_it_fell(extract: Extract) -> None:
    text = (
        "وتعرّض حي الفرناج السكني لقصف بصواريخ غراد أطلقتها الميليشيات ذاتها من تمركزاتها في قصر بن غشير،"
        " ما أسفر عن إصابة ثلاثة مدنيين."
    )
    (shelling,) = extract(text, meta={"country": "LY"})
    assert shelling.place is not None and shelling.place != "geonames:2213618"


def test_a_forces_own_branch_acts_for_it(extract: Extract) -> None:
    text = "ونفذ سلاح الجو المسيّر عملية عسكرية استهدفت عدداً من القطع الحربية الأمريكية في البحر الأحمر."
    (strike,) = extract(text, meta={"country": "YE"})
    assert strike.actor1 == "houthis"


def test_every_branch_name_acts_for_a_known_actor() -> None:
    from marsad.events.forces import force_names
    from marsad.kb.loader import load_knowledge_base

    actors = set(load_knowledge_base().actors)
    assert force_names() and set(force_names().values()) <= actors


def test_the_other_side_after_on_one_hand(extract: Extract) -> None:
    text = (
        "تتواصل المعارك العنيفة بين هيئة تحرير الشام وفصائل الجبهة الوطنية للتحرير من جهة، وقوات النظام"
        " المدعومة بمقاتلين من قوات النمر من جهة أخرى."
    )
    (fight,) = extract(text, meta={"country": "SY"})
    assert (fight.actor1, fight.actor2) == ("hayat-tahrir-al-sham", "syrian-government-forces")


def test_a_participle_after_a_clause_with_its_own_subject(extract: Extract) -> None:
    text = (
        "وقال الجيش التركي في بيان إنه حيّد ثلاثة مسلحين في المنطقة، بينما نعت وحدات مقاومة سنجار"
        " مقاتليها الثلاثة، متوعدة بـ«رد قاسٍ»."
    )
    threat = only(extract(text, meta={"country": "IQ"}), "متوعدة")
    assert threat.actor1 == "sinjar-resistance-units"


def test_a_monitor_is_never_the_agent_of_violence_or_arrests(extract: Extract) -> None:
    text = (
        "وثقنا في الشبكة السورية لحقوق الإنسان خلال الشهر الماضي سلسلة من الانتهاكات:\n"
        "- في 18 تشرين الأول، أبلغت عائلة المعتقل خالد الحريري من بلدة الشيخ مسكين بوفاته، وكان قد اعتقل"
        " عند حاجز في آذار 2019."
    )
    evs = extract(text, meta={"country": "SY"})
    assert evs and all(
        e.actor1 != "syrian-network-for-human-rights" for e in evs if e.type in ("ASSAULT", "COERCE")
    )
    assert all(e.place is None for e in evs if e.type == "COERCE")


def test_counts_cases_purposes_habits_and_relatives_are_no_events(extract: Extract) -> None:
    text = (
        "وثقنا تسع حالات اختطاف واحتجاز تعسفي في صنعاء.\n"
        "وتندلع الاشتباكات غالباً ما إثر توقيف أحد عناصرها.\n"
        "ومن منتصف تشرين الأول تعرضت القوات الأمريكية بالعراق وسوريا لأكثر من ١٤٠ هجوم.\n"
        "وتجاوز عدد الغارات على محافظة صعدة منذ مطلع الشهر 200 غارة.\n"
        "وتم اعتراض طائرة بدون طيار مفخخة فوق جازان."
    )
    assert [e.trigger.text for e in extract(text, meta={"country": "YE"})] == ["اعتراض طائرة"]
    fight = "وخاضت القوات معارك مع ميليشيات الوفاق ومن يساندها، وشنت هجوماً معاكساً في محاولة لاستعادة البلدة."
    evs = extract(fight, meta={"country": "LY"})
    assert evs and not [e for e in evs if "يساند" in e.trigger.text or "استعادة" in e.trigger.text]


def test_a_force_named_by_its_leader_is_his_organization(extract: Extract) -> None:
    (strikes,) = extract("🔸 طيران حفتر يشن غارتين على مطار معيتيقة.", meta={"country": "LY"})
    assert strikes.actor1 == "libyan-national-army"


def test_a_short_form_after_the_name(extract: Extract) -> None:
    text = "وقُتل ثلاثة من كتائب حزب الله بغارة أمريكية. الكتائب حمّلت واشنطن مسؤولية الضربة وتوعدت برد قاسٍ."
    blame = only(extract(text, meta={"country": "IQ"}), "حمّلت")
    assert (blame.actor1, blame.actor2) == ("kataib-hezbollah", "us-armed-forces")


def test_titles_held_places_debris_and_truce_periods_are_no_events(extract: Extract) -> None:
    text = (
        "اليمن: قتل وإخفاء قسري واحتجاز تعسفي خلال أكتوبر\n"
        "وثّق فريقنا مقتل الطفل أيمن القدسي بانفجار لغم في تعز. وتوفي معتقل بعد نحو عام ونصف من احتجازه"
        " لدى الحوثيين، وتوفي آخر داخل مقر احتجاز في بلدة القبة.\n"
        "وكانت الميليشيا التي كانت تسيطر على المدينة قد انسحبت. وأسقطت الدفاعات الجوية الصاروخ وسقطت"
        " شظاياه على أحد الأحياء."
    )
    evs = extract(text, meta={"country": "YE"})
    assert [e.trigger.text for e in evs if e.type != "RETREAT"][:1] == ["مقتل"]
    assert not [e for e in evs if e.trigger.text in ("احتجاز", "احتجازه", "تسيطر", "سقطت", "قتل")]


def test_a_dated_list_item_takes_no_place_from_the_item_before(extract: Extract) -> None:
    text = (
        "وثقنا خلال الشهر الماضي الانتهاكات التالية:\n"
        "- في 12 تشرين الأول، داهمت دورية تابعة لشعبة المخابرات العسكرية منازل في مدينة جاسم واعتقلت"
        " ثلاثة مدنيين.\n"
        "- في 18 تشرين الأول، وكان المعتقل خالد الحريري قد اعتقل عند حاجز في آذار 2019."
    )
    evs = extract(text, meta={"country": "SY", "date": "2021-11-03"})
    assert only(evs, "اعتقل").place is None


def test_a_joined_verb_takes_the_subject_its_sentence_opens_with(extract: Extract) -> None:
    text = (
        "وأضاف البيان أن القوات الأمنية عثرت بعد ساعات على منصة الإطلاق في منطقة البوعيثة، وضبطت صاروخين"
        " آخرين كانا معدين للإطلاق."
    )
    (seizure,) = extract(text, meta={"country": "IQ"})
    assert seizure.actor1 == "iraqi-security-forces"


def test_a_leaders_forces_and_the_strike_they_struck_with(extract: Extract) -> None:
    text = "🔸 المسماري يزعم إن قواته دمرت بغارة جوية الليلة الماضية غرفة عمليات في مصراتة."
    (strike,) = extract(text, meta={"country": "LY", "date": "2019-06-01"})
    assert strike.actor1 == "libyan-national-army"
    assert strike.acled is not None and strike.acled["sub_event_type"] == "Air/drone strike"


def test_fleeing_taking_part_and_counts_of_the_dead_are_no_events(extract: Extract) -> None:
    text = (
        "ونزحت عشرات العائلات باتجاه زنجبار هرباً من المعارك.\n"
        "واعتقلت القوات الأمنية الناشط بسبب مشاركته في الاحتجاجات.\n"
        "ويرتفع بذلك عدد قتلى الاحتجاجات في الديوانية إلى 12."
    )
    assert [e.type for e in extract(text, meta={"country": "IQ"})] == ["COERCE"]


def test_belonging_to_a_force_and_a_states_official(extract: Extract) -> None:
    text = (
        "▪️ مسؤول عسكري أمريكي ينفي إصابة أي هدف داخل القاعدة\n"
        "ففي مساء 3 أيلول 2022، اختطف مسلحون ينتمون إلى جهاز دعم الاستقرار الناشط سالم المغربي من أمام منزله."
    )
    denial, abduction = extract(text, meta={"country": "IQ"})
    assert denial.actor1 == "us-armed-forces"
    assert (abduction.actor1, abduction.actor2) == ("stability-support-apparatus", None)


def test_a_withdrawal_takes_the_scene_a_demand_named(extract: Extract) -> None:
    text = (
        "وطلبوا منا مؤازرات لسد نقاط الهيئة في حلفايا فتم تأمين مجموعات خلال ساعة. لنتفاجأ بعدها أن الهيئة"
        " انسحبت بدون أي سابق إنذار."
    )
    evs = extract(text, meta={"country": "SY"})
    assert only(evs, "طلبوا").place is None
    assert only(evs, "انسحبت").place is not None
